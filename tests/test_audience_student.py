"""Student mode on research abstracts: study-design and statistics terms taught, the study's own abbreviations."""

from __future__ import annotations

from clinevidence.answer.audience import defined_abbreviations, for_student, render_answer
from clinevidence.answer.models import Answer, Audience, Receipt, Section, Statement, Support, Verdict


def _answer(audience_: Audience, texts: list[str], quotes: list[str] | None = None) -> Answer:
    quotes = quotes or texts
    statements = [
        Statement(
            text=t, citations=[n], support=[Support(n=n, quote=q, score=1.0, passage_id=f"d#{n}")], supported=True
        )
        for n, (t, q) in enumerate(zip(texts, quotes, strict=True), start=1)
    ]
    receipt = Receipt(engine="extractive", engine_version="x", config_hash="h", library_snapshot="s", created_at="t")
    return Answer(
        question="q", audience=audience_, title="Split-liver transplantation: Informational", verdict=Verdict.maybe,
        verdict_label="Informational", summary=statements[:1],
        sections=[Section(heading="Evidence", statements=statements[1:])], receipt=receipt,
    )  # fmt: skip


ABSTRACT = [
    "To assess and compare the value of split-liver transplantation (SLT) and living-related liver transplantation "
    "(LRT).",
    "An 18-month retrospective review was performed on 114 trauma patients.",
    "Complications were associated with older age in a multivariate analysis.",
]


def test_a_research_abstract_without_medicines_still_teaches_students() -> None:
    out = render_answer(_answer(Audience.student, [for_student(s) for s in ABSTRACT], ABSTRACT))
    clinician = _answer(Audience.clinician, ABSTRACT)
    assert [s.text for s in out.all_statements()] != [s.text for s in clinician.all_statements()]
    terms = {t.term: t for t in out.key_terms}
    assert terms["SLT"].definition == "Short for split-liver transplantation."
    assert terms["SLT"].source == "library" and terms["SLT"].citations == [1]  # the study's own words cite it
    assert terms["LRT"].definition == "Short for living-related liver transplantation."
    assert terms["retrospective"].source == "glossary" and "looking back" in terms["retrospective"].definition.lower()
    assert "not by itself proof of cause" in terms["associated with"].definition
    assert terms["multivariate analysis"].source == "glossary"
    assert "multivariate" not in terms  # the longer entry covers it
    assert all(t.citations == [] for t in out.key_terms if t.source == "glossary")  # glossary never cites


def test_student_asides_appear_once_in_the_text() -> None:
    out = for_student("A retrospective cohort study found that the incidence of sepsis fell.")
    assert "retrospective (looking back at data already collected)" in out
    assert out.count("(") <= 3  # at most three asides a sentence


def test_ambiguous_terms_need_their_context() -> None:
    assert "(the share of people" not in for_student("Insulin sensitivity improved with exercise.")
    assert "(the share of people with the condition" in for_student("The test had a sensitivity of 90% and "
                                                                    "detected most cases.")  # fmt: skip
    out = render_answer(_answer(Audience.student, ["Insulin sensitivity improved."]))
    assert "sensitivity" not in {t.term for t in out.key_terms}


def test_defined_abbreviations_follow_the_source() -> None:
    assert defined_abbreviations("Celiac disease (CD) is common.") == [("CD", "Celiac disease")]
    assert defined_abbreviations("by primary care (care in the community) physicians (PCPs) today") == [
        ("PCPs", "primary care physicians")
    ]
    assert defined_abbreviations("values (1.31) and (i) items") == []
    assert defined_abbreviations("the group (n) was small") == []
    assert defined_abbreviations("higher mortality (OS) was seen") == []  # letters not in the words before


def test_research_literacy_terms_only_in_a_research_context() -> None:
    out = for_student("Mortality was significantly higher in the intervention group than in controls.")
    assert "significantly (in research, usually statistically significant" in out
    assert "(in research" not in for_student("The drug had a significant role in care.")  # no comparison: not stats
    assert "(large enough to matter to patients" in for_student("Clinically significant bleeding was rare.")
