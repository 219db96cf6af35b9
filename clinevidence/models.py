"""Domain model of the evidence library: documents, their sections, and passages."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum


class DocType(StrEnum):
    """Kind of evidence a document is; drives the evidence-level prior and the reference badge."""

    guideline = "guideline"
    systematic_review = "systematic_review"
    meta_analysis = "meta_analysis"
    rct = "rct"
    cohort = "cohort"
    case_report = "case_report"
    review = "review"
    research = "research"

    @property
    def level(self) -> int:
        """Evidence level, higher is stronger (guideline > SR/MA > RCT > observational > case report)."""
        return EVIDENCE_LEVEL[self]

    @property
    def label(self) -> str:
        """Reference-list badge: 'Guideline' or 'Research'."""
        return "Guideline" if self is DocType.guideline else "Research"

    @classmethod
    def parse(cls, value: str | None) -> DocType:
        if not value:
            return cls.research
        key = value.strip().lower().replace("-", "_").replace(" ", "_")
        key = _TYPE_ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            return cls.research


EVIDENCE_LEVEL: dict[DocType, int] = {
    DocType.guideline: 6,
    DocType.systematic_review: 5,
    DocType.meta_analysis: 5,
    DocType.rct: 4,
    DocType.cohort: 3,
    DocType.review: 2,
    DocType.research: 2,
    DocType.case_report: 1,
}

_TYPE_ALIASES = {
    "practice_guideline": "guideline",
    "consensus": "guideline",
    "randomized_controlled_trial": "rct",
    "trial": "rct",
    "clinical_trial": "rct",
    "observational": "cohort",
    "observational_study": "cohort",
    "cohort_study": "cohort",
    "case_control": "cohort",
    "systematic": "systematic_review",
    "sr": "systematic_review",
    "ma": "meta_analysis",
    "narrative_review": "review",
    "article": "research",
}


@dataclass(slots=True)
class Section:
    """A labelled part of a document (an abstract section, or a guideline heading path)."""

    label: str
    text: str


@dataclass(slots=True)
class Document:
    """One stored piece of evidence, as ingested."""

    id: str
    title: str
    sections: list[Section]
    type: DocType = DocType.research
    source: str = ""
    year: int | None = None
    pmid: str = ""
    doi: str = ""
    url: str = ""
    mesh: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections if s.text)

    def content_hash(self) -> str:
        """Stable hash of everything stored, so re-ingesting an unchanged document is a no-op."""
        payload = [
            self.id, self.title, [(s.label, s.text) for s in self.sections], str(self.type), self.source,
            self.year, self.pmid, self.doi, self.url, self.mesh, sorted(self.extra.items()),
        ]  # fmt: skip
        raw = json.dumps(payload, ensure_ascii=False)
        return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(slots=True)
class Passage:
    """A retrievable unit: whole sentences from a single section of one document."""

    id: str
    doc_id: str
    section: str
    position: int
    text: str
