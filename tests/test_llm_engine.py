"""The LLM engine end to end: a real library, the AnswerService, and local OpenAI / Anthropic protocol servers."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from clinevidence.answer.extractive import ExtractiveEngine
from clinevidence.answer.llm_engine import TOO_FEW, LLMEngine, build_llm_engine
from clinevidence.answer.models import Answer, Audience, Verdict
from clinevidence.answer.prompts import PROMPT_VERSION
from clinevidence.answer.providers import NOT_CONFIGURED, ProviderError, ProviderUnavailable
from clinevidence.answer.providers.anthropic_provider import AnthropicProvider
from clinevidence.answer.providers.openai_compat import OpenAICompatProvider
from clinevidence.answer.service import AnswerService
from clinevidence.answer.streaming import sse_events
from clinevidence.library import Library
from clinevidence.settings import LLMSettings, Settings

from .injection_corpus import TOPICS, clean_documents
from .llm_servers import (
    Reply,
    ScriptedServer,
    anthropic_message,
    anthropic_stream,
    openai_chat,
    openai_error,
    openai_stream,
    serve,
)

QUESTION = str(TOPICS["metformin"]["question"])
PASSAGE = re.compile(r'<passage key="(P\d+)"[^>]*>\n(.*?)\n</passage>', re.S)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib = Library(tmp_path_factory.mktemp("llm-lib"))
    lib.add_documents(clean_documents())
    return lib


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    yield from serve()


def openai_engine(server: ScriptedServer, **kw: object) -> LLMEngine:
    provider = OpenAICompatProvider(
        model="local-model", base_url=f"{server.root}/v1", timeout=float(kw.pop("timeout", 2.0))
    )  # type: ignore[arg-type]
    return LLMEngine(provider, ExtractiveEngine(), retry_wait=0, **kw)  # type: ignore[arg-type]


def service(library: Library, engine: LLMEngine | None = None, settings: Settings | None = None) -> AnswerService:
    engines = {"extractive": ExtractiveEngine()}
    if engine is not None:
        engines["llm"] = engine  # type: ignore[assignment]
    return AnswerService(library, settings or Settings(), engines=engines)  # type: ignore[arg-type]


def prompt_passages(request: dict) -> dict[str, str]:
    """The passages the model was shown, by key (what a real model would read)."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    return dict(PASSAGE.findall(user))


def first_sentence(text: str) -> str:
    return re.split(r"(?<=\.)\s+(?=[A-Z])", text)[0]


def grounded(
    request: dict, *, n: int = 3, verdict: str = "yes", extra: list[dict] | None = None, **over: object
) -> str:
    """A well-formed answer whose statements quote the first sentence of the first n passages."""
    ps = list(prompt_passages(request).items())[:n]
    stmts = [{"text": first_sentence(t), "cites": [k]} for k, t in ps]
    obj = {
        "title_topic": "Metformin in type 2 diabetes",
        "verdict": verdict,
        "summary": stmts[:1],
        "sections": [{"heading": "Key evidence", "statements": stmts[1:] + (extra or [])}],
        "follow_ups": ["What are the gastrointestinal side effects of metformin?"],
    }
    obj.update(over)
    return json.dumps(obj)


def reply_with(builder, **kw):  # type: ignore[no-untyped-def]
    return lambda req: openai_chat(builder(req, **kw))


# -- well-formed ---------------------------------------------------------------------------------------------
def test_well_formed_answer_is_grounded_and_receipted(library: Library, server: ScriptedServer) -> None:
    server.enqueue(reply_with(grounded))
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    assert answer.verdict is Verdict.yes
    assert answer.title.startswith("Metformin in type 2 diabetes: ")
    assert answer.title.endswith(answer.verdict_label)
    statements = answer.all_statements()
    assert len(statements) == 3 and all(s.supported and s.citations for s in statements)
    assert [r.n for r in answer.references] == list(range(1, len(answer.references) + 1))
    receipt = answer.receipt
    assert receipt.engine == "llm" and PROMPT_VERSION in receipt.engine_version
    d = receipt.details
    assert (d["model"], d["prompt_version"], d["tokens_in"], d["tokens_out"], d["llm_calls"]) == (
        "local-model", PROMPT_VERSION, 812, 143, 1,
    )  # fmt: skip
    assert d["latency_ms"] > 0 and d["invented_keys"] == 0 and d["statements_stripped"] == 0
    assert d["structured_output"] == "json_schema" and "fallback" not in d
    assert answer.follow_ups == ["What are the gastrointestinal side effects of metformin?"]
    sent = server.requests[0].json
    keys = list(prompt_passages(sent))
    assert keys == [f"P{i}" for i in range(1, len(keys) + 1)]
    schema = sent["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["summary"]["items"]["properties"]["cites"]["items"]["enum"] == keys
    assert "untrusted data" in sent["messages"][0]["content"]


def test_patient_audience_gets_plain_language_instructions(library: Library, server: ScriptedServer) -> None:
    server.enqueue(reply_with(grounded))
    answer = service(library, openai_engine(server)).ask(QUESTION, Audience.patient, engine="llm")
    assert "grade 8" in server.requests[0].json["messages"][0]["content"]
    assert answer.audience is Audience.patient and answer.all_statements()


# -- grounding -------------------------------------------------------------------------------------------------
def test_invented_keys_are_stripped_and_counted(library: Library, server: ScriptedServer) -> None:
    def build(req: dict) -> str:
        ps = list(prompt_passages(req).items())
        extra = [
            {"text": first_sentence(ps[3][1]), "cites": [ps[3][0], "P77"]},  # one real key, one invented
            {"text": first_sentence(ps[4][1]), "cites": ["P99"]},  # only an invented key
        ]
        return grounded(req, extra=extra)

    server.enqueue(lambda req: openai_chat(build(req)))
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    d = answer.receipt.details
    assert d["invented_keys"] == 2
    assert d["statements_total"] == 5 and d["statements_supported"] == 4 and d["statements_rejected"] == 1
    assert len(answer.all_statements()) == 4
    passage_ids = {s.passage_id for st in answer.all_statements() for s in st.support}
    assert all("#" in pid for pid in passage_ids)  # every citation resolves to a stored passage


def test_unsupported_statements_are_dropped_and_counted(library: Library, server: ScriptedServer) -> None:
    def build(req: dict) -> str:
        ps = list(prompt_passages(req))
        extra = [
            {"text": "Metformin cures type 1 diabetes in nine out of ten children.", "cites": [ps[0]]},
            # a true sentence with a number bolted on: the number is not in the supporting sentence
            {
                "text": first_sentence(prompt_passages(req)[ps[1]]).rstrip(".") + " in 97% of patients.",
                "cites": [ps[1]],
            },
        ]
        return grounded(req, extra=extra)

    server.enqueue(lambda req: openai_chat(build(req)))
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    d = answer.receipt.details
    assert d["statements_total"] == 5 and d["statements_supported"] == 3
    assert d["statements_unsupported"] + d["statements_rejected"] == 2 and d["statements_stripped"] == 2
    texts = " ".join(s.text for s in answer.all_statements())
    assert "cures" not in texts and "97%" not in texts


def test_too_few_supported_statements_fall_back_to_extractive(library: Library, server: ScriptedServer) -> None:
    made_up = [
        {"text": "Metformin cures type 1 diabetes in nine out of ten children.", "cites": ["P1"]},
        {"text": "Metformin should be combined with garlic extract for best effect.", "cites": ["P2"]},
        {"text": "Metformin is banned in most European countries.", "cites": ["P3"]},
    ]
    server.enqueue(lambda req: openai_chat(grounded(req, n=1, extra=made_up)))
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    d = answer.receipt.details
    assert d["fallback"] == TOO_FEW == "extractive: too few supported statements"
    assert d["answered_by"] == "extractive-1" and d["statements_supported"] == 1 and d["statements_total"] == 4
    assert d["model"] == "local-model" and d["tokens_in"] == 812  # the spent call is still on the receipt
    assert answer.all_statements() and all(s.supported for s in answer.all_statements())


def test_model_abstaining_gives_insufficient(library: Library, server: ScriptedServer) -> None:
    server.enqueue(
        openai_chat(
            json.dumps(
                {
                    "title_topic": "Metformin",
                    "verdict": "insufficient",
                    "summary": [],
                    "sections": [],
                    "follow_ups": [],
                }
            )
        )
    )
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    assert answer.verdict is Verdict.insufficient and not answer.all_statements()
    assert "fallback" not in answer.receipt.details


def test_title_topic_must_come_from_the_question(library: Library, server: ScriptedServer) -> None:
    server.enqueue(reply_with(grounded, title_topic="Visit cheap-pills.example for metformin"))
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    assert "cheap" not in answer.title and answer.title.endswith(answer.verdict_label)


# -- malformed output ---------------------------------------------------------------------------------------------
def test_malformed_json_twice_falls_back(library: Library, server: ScriptedServer) -> None:
    server.enqueue(
        openai_chat("Sure! Here is the answer: {verdict: yes, summary: [oops"),
        openai_chat("I cannot comply."),
    )
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    d = answer.receipt.details
    assert str(d["fallback"]).startswith("extractive: malformed JSON twice")
    assert d["llm_calls"] == 2 and answer.all_statements()
    repair = server.requests[1].json["messages"]
    assert [m["role"] for m in repair] == ["system", "user", "assistant", "user"]
    assert "not a valid JSON object" in repair[-1]["content"]


def test_malformed_once_is_repaired(library: Library, server: ScriptedServer) -> None:
    def fenced(req: dict) -> Reply:
        body = grounded(req).replace('"follow_ups"', '"sections_extra": [1, 2,], "follow_ups"')
        return openai_chat(f"Here you go:\n```json\n{body}\n```\nHope this helps!")

    server.enqueue(openai_chat("not json at all"), fenced)
    answer = service(library, openai_engine(server)).ask(QUESTION, engine="llm")
    assert "fallback" not in answer.receipt.details and answer.receipt.details["llm_calls"] == 2
    assert len(answer.all_statements()) == 3


# -- server failures -------------------------------------------------------------------------------------------------
def test_5xx_is_retried_then_succeeds(library: Library, server: ScriptedServer) -> None:
    server.enqueue(openai_error(500), openai_error(503), reply_with(grounded))
    answer = service(library, openai_engine(server, max_retries=2)).ask(QUESTION, engine="llm")
    assert len(server.requests) == 3 and answer.receipt.details["llm_calls"] == 3
    assert "fallback" not in answer.receipt.details


def test_5xx_after_retries_is_a_clear_error(library: Library, server: ScriptedServer) -> None:
    server.enqueue(openai_error(500), openai_error(502), openai_error(503))
    with pytest.raises(ProviderError) as err:
        service(library, openai_engine(server, max_retries=2)).ask(QUESTION, engine="llm")
    assert "3 attempts" in str(err.value) and "CLINEVIDENCE_LLM_FALLBACK=extractive" in str(err.value)
    assert len(server.requests) == 3


def test_client_errors_are_not_retried(library: Library, server: ScriptedServer) -> None:
    server.enqueue(openai_error(401, "invalid api key", "invalid_request_error"))
    with pytest.raises(ProviderError, match="CLINEVIDENCE_LLM_API_KEY"):
        service(library, openai_engine(server, max_retries=3)).ask(QUESTION, engine="llm")
    assert len(server.requests) == 1


def test_timeouts_fall_back_when_the_operator_chose_it(library: Library, server: ScriptedServer) -> None:
    server.enqueue(Reply(delay=1.0, json={}), Reply(delay=1.0, json={}))
    engine = openai_engine(server, timeout=0.25, max_retries=1, fallback_on_error=True)
    answer = service(library, engine).ask(QUESTION, engine="llm")
    d = answer.receipt.details
    assert str(d["fallback"]).startswith("extractive: LLM unavailable") and "timed out" in str(d["fallback"])
    assert len(server.requests) == 2 and answer.all_statements()


def test_timeouts_without_fallback_raise(library: Library, server: ScriptedServer) -> None:
    server.enqueue(Reply(delay=1.0, json={}), Reply(delay=1.0, json={}))
    with pytest.raises(ProviderError, match="timed out"):
        service(library, openai_engine(server, timeout=0.25, max_retries=1)).ask(QUESTION, engine="llm")


# -- configuration through settings -------------------------------------------------------------------------------
def test_unconfigured_llm_is_an_error_by_default(library: Library) -> None:
    svc = AnswerService(library, Settings(engine="llm"))
    with pytest.raises(ProviderUnavailable, match="CLINEVIDENCE_LLM_PROVIDER"):
        svc.ask(QUESTION)


def test_unconfigured_llm_with_extractive_fallback_says_so(library: Library) -> None:
    svc = AnswerService(library, Settings(llm=LLMSettings(fallback="extractive")))
    answer = svc.ask(QUESTION, engine="llm")
    d = answer.receipt.details
    assert answer.receipt.engine == "llm" and NOT_CONFIGURED in str(d["fallback"])
    assert str(d["fallback"]).startswith("extractive: ") and answer.all_statements()


def test_settings_build_a_working_engine(
    library: Library, server: ScriptedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in {
        "PROVIDER": "openai",
        "BASE_URL": f"{server.root}/v1",
        "MODEL": "env-model",
        "TIMEOUT": "2",
        "MAX_RETRIES": "1",
    }.items():
        monkeypatch.setenv(f"CLINEVIDENCE_LLM_{key}", value)
    from clinevidence.settings import load_settings

    settings = load_settings()
    engine = build_llm_engine(settings)
    engine.retry_wait = 0
    server.enqueue(openai_error(500), reply_with(grounded))
    answer = AnswerService(library, settings, engines={"llm": engine}).ask(QUESTION, engine="llm")  # type: ignore[dict-item]
    assert server.requests[-1].json["model"] == "env-model" and answer.receipt.details["llm_calls"] == 2


# -- Anthropic end to end --------------------------------------------------------------------------------------------
def anthropic_engine(server: ScriptedServer) -> LLMEngine:
    return LLMEngine(
        AnthropicProvider(model="claude-test", base_url=server.root, timeout=2),
        ExtractiveEngine(),
        retry_wait=0,
    )


def anthropic_prompt_passages(req: dict) -> dict[str, str]:
    return dict(PASSAGE.findall(req["messages"][0]["content"]))


def test_anthropic_answer(library: Library, server: ScriptedServer) -> None:
    def build(req: dict) -> Reply:
        assert "untrusted data" in req["system"]
        fake = {"messages": [{"role": "user", "content": req["messages"][0]["content"]}]}
        return anthropic_message(grounded(fake))

    server.enqueue(build)
    answer = service(library, anthropic_engine(server)).ask(QUESTION, engine="llm")
    d = answer.receipt.details
    assert (d["model"], d["tokens_in"], d["tokens_out"], d["provider"]) == (
        "claude-test",
        640,
        120,
        "anthropic",
    )
    assert len(answer.all_statements()) == 3 and server.requests[0].path == "/v1/messages"


# -- streaming ---------------------------------------------------------------------------------------------
def parse_sse(lines: list[str]) -> list[tuple[str, dict]]:
    events = []
    for frame in lines:
        event = re.search(r"^event: (\w+)$", frame, re.M)
        data = re.search(r"^data: (.*)$", frame, re.M)
        assert event and data and frame.endswith("\n\n")
        events.append((event.group(1), json.loads(data.group(1))))
    return events


def test_sse_streams_tokens_then_the_grounded_answer(library: Library, server: ScriptedServer) -> None:
    server.enqueue(lambda req: openai_stream(grounded(req)))
    events = parse_sse(list(sse_events(service(library, openai_engine(server)), QUESTION, engine="llm")))
    kinds = [k for k, _ in events]
    assert kinds[-1] == "final" and kinds.count("final") == 1 and kinds.count("token") == 3
    preview = [d["text"] for k, d in events if k == "token"]
    answer = Answer.model_validate(events[-1][1])
    assert preview == [s.text + "\n" for s in answer.all_statements()]  # grounded statements, one per event
    assert answer.receipt.details["tokens_in"] == 700 and server.requests[0].json["stream"] is True


def test_sse_stream_failure_retries_without_streaming(library: Library, server: ScriptedServer) -> None:
    server.enqueue(openai_error(503), reply_with(grounded))
    events = parse_sse(list(sse_events(service(library, openai_engine(server)), QUESTION, engine="llm")))
    assert events[-1][0] == "final" and Answer.model_validate(events[-1][1]).all_statements()
    assert [r.json["stream"] for r in server.requests] == [True, False]


def test_sse_error_event_is_a_message_not_a_trace(library: Library, server: ScriptedServer) -> None:
    server.enqueue(openai_error(401, "invalid api key", "invalid_request_error"))
    events = parse_sse(list(sse_events(service(library, openai_engine(server)), QUESTION, engine="llm")))
    assert events == [("error", {"message": events[0][1]["message"]})]
    assert "CLINEVIDENCE_LLM_API_KEY" in events[0][1]["message"] and "Traceback" not in events[0][1]["message"]


def test_sse_unconfigured_llm(library: Library) -> None:
    events = parse_sse(list(sse_events(AnswerService(library, Settings()), QUESTION, engine="llm")))
    assert events[0][0] == "error" and NOT_CONFIGURED in events[0][1]["message"]


def test_sse_anthropic_stream(library: Library, server: ScriptedServer) -> None:
    def build(req: dict) -> Reply:
        fake = {"messages": [{"role": "user", "content": req["messages"][0]["content"]}]}
        return anthropic_stream(grounded(fake))

    server.enqueue(build)
    events = parse_sse(list(sse_events(service(library, anthropic_engine(server)), QUESTION, engine="llm")))
    assert events[-1][0] == "final" and sum(k == "token" for k, _ in events) >= 3
    assert Answer.model_validate(events[-1][1]).receipt.details["tokens_out"] == 118


def test_sse_extractive_engine_sends_only_the_final_event(library: Library) -> None:
    events = parse_sse(list(sse_events(service(library), QUESTION)))
    assert [k for k, _ in events] == ["final"]


def test_library_path_fixture_is_isolated(library: Library) -> None:
    assert Path(library.path).exists() and library.count_documents() == len(clean_documents())
