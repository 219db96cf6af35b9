"""The extractive engine end to end on a small library: grounded, cited, abstaining when it must."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinevidence.answer.models import Answer, Audience, Verdict
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


def service(lib: Library) -> AnswerService:
    return AnswerService(lib, Settings())


def assert_grounded(answer: Answer, lib: Library) -> None:
    refs = {r.n: r for r in answer.references}
    assert sorted(refs) == list(range(1, len(refs) + 1))
    stored = lib.get_documents(r.doc_id for r in answer.references)
    assert set(stored) == {r.doc_id for r in answer.references}  # every reference is a stored document
    cited: set[int] = set()
    for s in answer.all_statements():
        assert s.citations, f"uncited statement: {s.text}"
        assert set(s.citations) <= set(refs)
        assert s.supported
        assert {x.n for x in s.support} == set(s.citations)
        for sup in s.support:
            passage = lib.get_passages([sup.passage_id])[sup.passage_id]
            assert passage.doc_id == refs[sup.n].doc_id
            assert sup.quote and sup.quote in passage.text
        cited |= set(s.citations)
    assert cited == set(refs)  # no reference that nothing cites


def test_safety_question_gets_not_recommended(mini_library: Library) -> None:
    a = service(mini_library).ask("Is it safe to combine warfarin with NSAIDs?")
    assert a.verdict == Verdict.no
    assert a.verdict_label == "Not Recommended"
    assert a.title.endswith(": Not Recommended")
    assert a.summary
    assert "d1" in {r.doc_id for r in a.references}
    assert any(r.type_label == "Guideline" for r in a.references)
    assert_grounded(a, mini_library)


def test_efficacy_question_gets_positive_verdict(mini_library: Library) -> None:
    a = service(mini_library).ask("Does aerobic exercise lower blood pressure in hypertension?")
    assert a.verdict == Verdict.yes
    assert a.references[0].doc_id == "d4"
    assert_grounded(a, mini_library)


def test_off_topic_question_abstains(mini_library: Library) -> None:
    for q in [
        "What is the capital of France?",
        "How do I change a bicycle tyre?",
        "Is bitcoin a good investment?",
    ]:
        a = service(mini_library).ask(q)
        assert a.verdict == Verdict.insufficient, q
        assert a.verdict_label == "Insufficient Evidence in Library"
        assert not a.all_statements() and not a.references
        assert a.notice


def test_receipt_and_contract(mini_library: Library) -> None:
    a = service(mini_library).ask("Is metformin effective as first-line therapy for type 2 diabetes?")
    data = a.model_dump(mode="json")
    for key in ["question", "audience", "title", "verdict", "verdict_label", "summary", "sections", "references",
                "follow_ups", "status", "disclaimer", "receipt"]:  # fmt: skip
        assert key in data
    assert data["receipt"]["engine"] == "extractive"
    assert data["receipt"]["library_snapshot"] == mini_library.snapshot()
    assert len(data["receipt"]["config_hash"]) == 12
    again = service(mini_library).ask("Is metformin effective as first-line therapy for type 2 diabetes?")
    assert again.model_dump(exclude={"receipt"}) == a.model_dump(exclude={"receipt"})  # deterministic


def test_patient_audience_is_cited_and_cautioned(mini_library: Library) -> None:
    a = service(mini_library).ask("Is it safe to combine warfarin with NSAIDs?", Audience.patient)
    assert a.audience == Audience.patient
    assert "clinician" in a.notice
    assert a.all_statements()
    assert all(s.citations for s in a.all_statements())


WORDS = """warfarin NSAIDs metformin exercise pregnancy influenza vaccine bleeding antibiotics cold diabetes
blood pressure kidney safe effective is does""".split()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    st.text(alphabet=string.punctuation + " ", max_size=5),
)
def test_every_statement_cited_and_resolvable(mini_library: Library, words: list[str], noise: str) -> None:
    a = service(mini_library).ask(" ".join(words) + noise + "?")
    assert_grounded(a, mini_library)
    if a.verdict == Verdict.insufficient:
        assert not a.all_statements()
