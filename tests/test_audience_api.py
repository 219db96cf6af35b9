"""Issue 14, surfaced: patient details and clinician wording, student key terms, in the Answer JSON and the page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient

from clinevidence.answer.audience import render_answer
from clinevidence.answer.models import Answer, Audience, KeyTerm, Statement

from .web_support import SEED_QUESTION, build_library, executable_markup, make_app

COMPARISON = "Is T-DM1 better than lapatinib plus capecitabine?"
KEY_TERM_SOURCES = {"library", "glossary", "abbreviation"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_library(tmp_path_factory.mktemp("audience-api") / "library")
    with TestClient(make_app(path, ask_rate_per_minute=1000), raise_server_exceptions=False) as c:
        yield c


def _ask(client: TestClient, question: str, audience: str) -> dict:
    r = client.post("/api/ask", json={"question": question, "audience": audience})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def statements(article: dict) -> list[dict]:
    return [*article["summary"], *(s for sec in article["sections"] for s in sec["statements"])]


@pytest.fixture(scope="module")
def articles(client: TestClient) -> dict[str, dict]:
    return {aud: _ask(client, SEED_QUESTION, aud) for aud in ("clinician", "student", "patient")}


def test_patient_statements_carry_their_clinician_wording_and_details(client: TestClient) -> None:
    for question in (SEED_QUESTION, COMPARISON):
        article = _ask(client, question, "patient")
        assert article["key_terms"] == []
        sts = statements(article)
        assert sts
        for st in sts:
            assert st["clinician_text"] and st["clinician_text"] == st["support"][0]["quote"]
            assert st["clinician_text"] != st["text"]  # the plain text is a rewrite, the wording is the evidence's
            assert isinstance(st["details"], list) and all(isinstance(d, str) and d for d in st["details"])
        moved = {d for st in sts for d in st["details"]}
        assert "9.6 versus 6.4 months" in moved  # the statistic left the plain text for the details toggle
        stat = next(st for st in sts if "9.6 versus 6.4 months" in st["details"])
        assert "9.6" not in stat["text"] and "9.6 versus 6.4 months" in stat["clinician_text"]
        info = article["receipt"]["details"]["audience"]
        assert info["rendered"] == "patient" and "details" not in info  # promoted, not duplicated


def test_student_articles_have_key_terms_with_their_sources(articles: dict[str, dict]) -> None:
    student = articles["student"]
    terms = student["key_terms"]
    assert terms
    refs = {r["n"] for r in student["references"]}
    for kt in terms:
        assert set(kt) == {"term", "definition", "source", "citations"}
        assert kt["term"] and kt["definition"] and kt["source"] in KEY_TERM_SOURCES
        assert set(kt["citations"]) <= refs
        assert kt["citations"] == [] or kt["source"] == "library"
    by_term = {kt["term"]: kt for kt in terms}
    assert "oestrogen" in by_term["tamoxifen"]["definition"]
    assert "key_terms" not in student["receipt"]["details"]["audience"]
    for st in statements(student):
        assert st["clinician_text"] == "" and st["details"] == []


def test_clinician_articles_get_the_new_fields_empty(articles: dict[str, dict]) -> None:
    clinician = articles["clinician"]
    assert clinician["key_terms"] == []
    for st in statements(clinician):
        assert st["clinician_text"] == "" and st["details"] == []
    assert "audience" not in clinician["receipt"]["details"]


def test_stored_articles_return_the_same_fields(client: TestClient, articles: dict[str, dict]) -> None:
    for aud in ("student", "patient"):
        stored = client.get(f"/api/articles/{articles[aud]['id']}")
        assert stored.status_code == 200, stored.text
        body = stored.json()
        assert body["key_terms"] == articles[aud]["key_terms"]
        assert [(s["clinician_text"], s["details"]) for s in statements(body)] == [
            (s["clinician_text"], s["details"]) for s in statements(articles[aud])
        ]


def test_answers_stored_before_the_fields_existed_still_load() -> None:
    old = {
        "question": "q", "title": "T", "verdict": "no", "verdict_label": "Not Recommended",
        "summary": [{"text": "Plain.", "citations": [1], "supported": True}],
        "receipt": {"engine": "e", "engine_version": "1", "config_hash": "h", "library_snapshot": "s",
                    "created_at": "t"},
    }  # fmt: skip
    a = Answer.model_validate(old)
    assert a.key_terms == [] and a.summary[0].clinician_text == "" and a.summary[0].details == []
    assert Statement(text="x").model_dump()["details"] == []
    assert KeyTerm(term="HR", definition="hazard ratio", source="abbreviation").citations == []


def test_render_answer_fills_the_fields_once(articles: dict[str, dict]) -> None:
    patient = Answer.model_validate({k: v for k, v in articles["patient"].items() if k in Answer.model_fields})
    assert render_answer(patient) == patient  # already rendered: idempotent
    assert patient.audience is Audience.patient


def test_openapi_documents_the_fields(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    statement = schemas["Statement"]["properties"]
    assert "evidence wording" in statement["clinician_text"]["description"]
    assert "details" in statement["details"]["description"]
    assert "key terms" in schemas["ArticleOut"]["properties"]["key_terms"]["description"]
    assert {"term", "definition", "source", "citations"} <= set(schemas["KeyTerm"]["properties"])


def _text(tag: Tag, selector: str) -> str:
    found = tag.select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text(" ", strip=True).split())


def test_article_page_shows_details_clinician_wording_and_key_terms(
    client: TestClient, articles: dict[str, dict]
) -> None:
    pages = {aud: client.get(f"/articles/{a['id']}") for aud, a in articles.items()}
    for r in pages.values():
        assert r.status_code == 200
        assert executable_markup(r.text) == []  # no inline script: the CSP (script-src 'self') holds
    patient = BeautifulSoup(pages["patient"].text, "html.parser")
    shown = patient.select(".article .statement")
    assert len(shown) == len(statements(articles["patient"]))
    refs = {r["n"]: r["title"] for r in articles["patient"]["references"]}
    for html_st, st in zip(shown, statements(articles["patient"]), strict=True):
        assert _text(html_st, ".statement-text") == st["text"]
        wording = html_st.select_one("details.more-clinician")
        assert wording is not None and _text(wording, "summary").startswith("Clinician wording")
        assert _text(wording, ".clinician-text") == st["clinician_text"]
        links = [a["href"] for a in wording.select(".clinician-cite a")]
        assert links == [f"#ref-{n}" for n in st["citations"]]
        assert all(refs[n] in _text(wording, ".clinician-cite") for n in st["citations"])
        toggle = html_st.select_one("details.more-details")
        assert (toggle is not None) == bool(st["details"])
        if toggle is not None:
            assert [li.get_text(strip=True) for li in toggle.select("li")] == st["details"]
    assert not patient.select(".key-terms")

    student = BeautifulSoup(pages["student"].text, "html.parser")
    section = student.select_one("section.key-terms")
    assert section is not None and _text(section, "h2") == "Key terms"
    assert [dt.get_text(strip=True) for dt in section.select("dt")] == [
        kt["term"] for kt in articles["student"]["key_terms"]
    ]
    assert not student.select("details.more")

    clinician = BeautifulSoup(pages["clinician"].text, "html.parser")
    assert not clinician.select("details.more") and not clinician.select(".key-terms")


def test_markdown_export_lists_the_key_terms(client: TestClient, articles: dict[str, dict]) -> None:
    student = client.get(f"/articles/{articles['student']['id']}.md")
    assert student.status_code == 200
    lines = student.text.splitlines()
    assert "## Key terms" in lines and lines.index("## Key terms") < lines.index("## References")
    assert any(line.startswith("- **tamoxifen**: A selective oestrogen receptor modulator") for line in lines)
    assert "## Key terms" not in client.get(f"/articles/{articles['clinician']['id']}.md").text
