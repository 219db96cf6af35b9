"""The Answer JSON contract (see docs/architecture.md): what `ask --json` and the API return."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Audience(StrEnum):
    clinician = "clinician"
    student = "student"
    patient = "patient"


class Verdict(StrEnum):
    yes = "yes"
    no = "no"
    maybe = "maybe"
    insufficient = "insufficient"


class Support(BaseModel):
    n: int = Field(description="Reference number of the cited passage's document.")
    quote: str = Field(description="Best supporting quote from the cited passage.")
    score: float = Field(description="Support score in [0, 1].")
    passage_id: str = Field(default="", description="Stored passage the quote comes from.")


class ExpertMark(BaseModel):
    """A board member vouches for a statement the cited passages do not support (shown to readers)."""

    rationale: str = Field(description="Why the statement stands without a supporting quote.")
    doc_id: str = Field(description="The library document the expert statement refers to (one of its citations).")
    reviewer: str = Field(description="Username of the board member who marked it.")
    reviewer_name: str = Field(default="", description="How the board member is named to readers.")
    at: str = Field(default="", description="When it was marked (ISO 8601, UTC).")


class Statement(BaseModel):
    text: str
    citations: list[int] = Field(default_factory=list)
    support: list[Support] = Field(default_factory=list)
    supported: bool = False
    expert: ExpertMark | None = Field(default=None, description="Set when a board member marked it expert statement.")
    clinician_text: str = Field(
        default="",
        description="Patient articles: the evidence wording this plain statement was written from (its supporting "
        "quote), shown one click away with the citations. Empty for clinician and student articles.",
    )
    details: list[str] = Field(
        default_factory=list,
        description="Patient articles: statistics, trial names and guideline bodies moved out of the plain text "
        "(the statement's 'details' toggle), e.g. ['HR 0.68, 95% CI 0.55-0.85', 'EMILIA trial']. Empty otherwise.",
    )


class KeyTerm(BaseModel):
    """A term a student meets in the article, with where its definition comes from."""

    term: str = Field(description="The word or abbreviation as it appears in the article.")
    definition: str = Field(description="What it means.")
    source: str = Field(
        description="library (a statement of this article defines it; see citations) | glossary (the reviewed "
        "student glossary) | abbreviation (the abbreviation table)."
    )
    citations: list[int] = Field(default_factory=list, description="References of the defining statement (library).")


class Section(BaseModel):
    heading: str
    statements: list[Statement] = Field(default_factory=list)


class Reference(BaseModel):
    n: int
    doc_id: str
    type: str
    type_label: str
    title: str
    source: str = ""
    year: int | None = None
    pmid: str = ""
    doi: str = ""
    url: str = ""


class Receipt(BaseModel):
    engine: str
    engine_version: str
    config_hash: str
    library_snapshot: str
    created_at: str
    details: dict[str, object] = Field(default_factory=dict)


class Answer(BaseModel):
    question: str
    audience: Audience = Audience.clinician
    title: str
    verdict: Verdict
    verdict_label: str
    recommendation: str = Field(
        default="insufficient",
        description="recommended | not_recommended | contraindicated | use_with_caution | no_clear_benefit | "
        "informational | insufficient; drives verdict_label. `verdict` answers the question as asked.",
    )
    summary: list[Statement] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    follow_ups: list[str] = Field(default_factory=list)
    key_terms: list[KeyTerm] = Field(
        default_factory=list,
        description="Student articles: the key terms list (glossary terms in order of first use, then "
        "abbreviations). Empty otherwise.",
    )
    status: str = "submitted"
    disclaimer: str = ""
    notice: str = Field(default="", description="Safety notice shown first (emergency redirect, dosing caution).")
    question_type: str = ""
    receipt: Receipt

    def all_statements(self) -> list[Statement]:
        return [*self.summary, *(s for sec in self.sections for s in sec.statements)]


DISCLAIMERS = {
    Audience.clinician: (
        "This information is intended for healthcare professionals. Any medical decision-making should rely on "
        "clinical judgment and independently verified information. It does not replace professional discretion "
        "and is supplementary to established clinical guidelines. Verify all information against primary "
        "literature and current practice standards before applying it in patient care."
    ),
    Audience.student: (
        "Educational content for students of medicine and health sciences. It summarises the cited sources and "
        "is not a substitute for primary literature, current guidelines or supervised clinical training."
    ),
    Audience.patient: (
        "This is general health information, not medical advice. Talk to your doctor, nurse or pharmacist before "
        "you start, stop or change any treatment. If you think you have an emergency, call your local emergency "
        "number now."
    ),
}
