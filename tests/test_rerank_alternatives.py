"""The re-ranker counts a document naming a concept by its own name as covering the question's other word for it
("kids" -> "children"), without adding the lexicon's synonyms to the question."""

from __future__ import annotations

from datetime import UTC, datetime

from clinevidence.answer.question import analyze
from clinevidence.library.store import StoredDocument
from clinevidence.models import DocType, Section
from clinevidence.retrieval.rerank import features, term_weights


def _doc(text: str) -> StoredDocument:
    return StoredDocument(
        id=text[:12],
        title="",
        type=DocType.research,
        source="",
        year=None,
        pmid="",
        doi="",
        url="",
        mesh=[],
        sections=[Section(label="", text=text)],
        flags=[],
        updated_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


def test_the_question_names_its_concepts_alternative_words() -> None:
    alts = analyze("Can kids get COVID-19?").alternatives
    assert any("children" in v for v in alts.values())


def test_a_document_naming_the_concept_covers_the_lay_word() -> None:
    question = "Can kids get COVID-19?"
    weights = term_weights(question)
    doc = _doc("Children can be infected with COVID-19 and usually have mild disease.")
    plain = features(weights, doc, 1.0, 1)
    with_alts = features(weights, doc, 1.0, 1, analyze(question).alternatives)
    assert with_alts["w_cov"] > plain["w_cov"]
    assert with_alts["best_sent"] > plain["best_sent"]
    unrelated = _doc("Adults with diabetes have more severe COVID-19.")
    assert features(weights, unrelated, 1.0, 1, analyze(question).alternatives)["w_cov"] < with_alts["w_cov"]
