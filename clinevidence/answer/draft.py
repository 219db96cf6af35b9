"""Engine output before grounding: statements cite passage keys; `finalize` turns it into an Answer."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..articles.links import pubmed_url, safe_url
from ..retrieval.search import Evidence
from .models import Answer, Audience, Receipt, Reference, Section, Statement, Support, Verdict
from .support import is_supported, support


@dataclass(slots=True)
class DraftStatement:
    text: str
    keys: list[str]  # passage ids from the retrieved evidence
    source_text: str = ""  # the evidence wording this statement renders (for audience rewrites)


@dataclass(slots=True)
class Draft:
    title: str
    verdict: Verdict
    verdict_label: str
    summary: list[DraftStatement]
    sections: list[tuple[str, list[DraftStatement]]]
    follow_ups: list[str] = field(default_factory=list)
    details: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class GroundingStats:
    statements: int = 0
    dropped_unsupported: int = 0
    stripped_keys: int = 0


def finalize(
    draft: Draft,
    evidence: Evidence,
    *,
    question: str,
    audience: Audience,
    receipt: Receipt,
    disclaimer: str,
    keep_unsupported: bool = False,
) -> tuple[Answer, GroundingStats]:
    """Strip unknown citation keys, support-check every statement, number references by first use."""
    passages = {rp.passage.id: rp for rp in evidence.passages}
    stats = GroundingStats()
    numbers: dict[str, int] = {}
    references: list[Reference] = []

    def ref_number(doc_id: str) -> int:
        if doc_id not in numbers:
            numbers[doc_id] = len(numbers) + 1
            d = next(rp.doc for rp in evidence.passages if rp.doc.id == doc_id)
            references.append(
                Reference(
                    n=numbers[doc_id],
                    doc_id=d.id,
                    type=str(d.type),
                    type_label=d.type.label,
                    title=d.title or _untitled(d.sections[0].text if d.sections else ""),
                    source=d.source,
                    year=d.year,
                    pmid=d.pmid,
                    doi=d.doi,
                    url=safe_url(d.url) or pubmed_url(d.pmid),  # never a javascript: or malformed link
                )
            )
        return numbers[doc_id]

    def ground(items: list[DraftStatement]) -> list[Statement]:
        out: list[Statement] = []
        for ds in items:
            keys = [k for k in dict.fromkeys(ds.keys) if k in passages]
            stats.stripped_keys += len(set(ds.keys)) - len(keys)
            checked = []
            for k in keys:
                res = support(ds.source_text or ds.text, passages[k].passage.text)
                checked.append((k, res))
            good = [(k, r) for k, r in checked if is_supported(r.score)]
            if not good and not keep_unsupported:
                stats.dropped_unsupported += 1
                continue
            use = good or checked
            if not use:
                stats.dropped_unsupported += 1
                continue
            sup: list[Support] = []
            cites: list[int] = []
            for k, r in use:
                n = ref_number(passages[k].doc.id)
                if n not in cites:
                    cites.append(n)
                    sup.append(Support(n=n, quote=r.quote, score=r.score, passage_id=k))
            stats.statements += 1
            # A patient statement keeps the exact evidence sentence it was rewritten from (the "Clinician wording").
            original = ds.source_text if audience is Audience.patient and ds.source_text else ""
            out.append(
                Statement(text=ds.text, citations=cites, support=sup, supported=bool(good), clinician_text=original)
            )
        return out

    summary = ground(draft.summary)
    sections = [Section(heading=h, statements=ground(items)) for h, items in draft.sections]
    sections = [s for s in sections if s.statements]
    answer = Answer(
        question=question,
        audience=audience,
        title=draft.title,
        verdict=draft.verdict,
        verdict_label=draft.verdict_label,
        summary=summary,
        sections=sections,
        references=references,
        follow_ups=draft.follow_ups,
        disclaimer=disclaimer,
        receipt=receipt,
    )
    return answer, stats


def _untitled(text: str) -> str:
    words = text.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "") if words else "Untitled document"
