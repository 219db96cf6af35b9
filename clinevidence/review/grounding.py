"""The grounding rules a board member's work must keep, and the approval gate built on them.

A statement is *grounded* when it cites at least one reference and a passage of a cited library document supports
it: the support score reaches the threshold and that passage names every concept (drug, condition, test) and number
the statement names — so "Tamoxifen is safe with T-DM1" is never "supported" by a trial passage that does not
mention tamoxifen. A board member may instead mark a statement "expert statement", with a written rationale and a
library document it refers to.

The gate (``approval_blockers``): no version with an ungrounded statement, or whose verdict is not backed by a
grounded bottom-line statement, can be approved or published, by anyone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..answer.models import Answer, Reference, Statement, Support, Verdict
from ..answer.polarity import polarity
from ..answer.question import find_concepts
from ..answer.recommendation import stance_from_verdict
from ..answer.support import is_supported, support
from ..library.store import StoredDocument
from ..models import Passage
from ..text import normalize

DocumentLookup = Callable[[Iterable[str]], Mapping[str, StoredDocument]]
PassageLookup = Callable[[Iterable[str]], list[Passage]]

BOTTOM_LINE = "Bottom line"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _key_terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    text = normalize(text)
    return frozenset(c.name for c in find_concepts(text)), frozenset(_NUMBER.findall(text))


def names_the_same_things(statement: str, passage: str) -> bool:
    """Every concept and number the statement names also appears in the passage."""
    concepts, numbers = _key_terms(statement)
    p_concepts, p_numbers = _key_terms(passage)
    return concepts <= p_concepts and numbers <= p_numbers


def check_statement(statement: Statement, refs: Mapping[int, Reference], passages: PassageLookup) -> Statement:
    """Re-run the support check of ``statement`` against every passage of the documents it cites."""
    found: list[Support] = []
    grounded = False
    for n in statement.citations:
        ref = refs.get(n)
        if ref is None:
            continue
        best_passage, best = None, None
        for p in passages([ref.doc_id]):
            result = support(statement.text, p.text)
            ok = is_supported(result.score) and names_the_same_things(statement.text, p.text)
            # A passage that passes both rules beats a higher-scoring one that does not.
            key = (ok, result.score)
            if best is None or key > (best[0], best[1].score):
                best_passage, best = p, (ok, result)
        if best is not None and best_passage is not None:
            ok, result = best
            grounded = grounded or ok
            # An ungrounded citation shows no quote: a popover must never present an unrelated sentence.
            found.append(Support(n=n, quote=result.quote if ok else "", score=result.score, passage_id=best_passage.id))
    return statement.model_copy(update={"support": found, "supported": grounded})


def _squash(text: str) -> str:
    return " ".join(normalize(text).lower().split())


def stored_support_holds(statement: Statement, refs: Mapping[int, Reference], passages: PassageLookup) -> bool:
    """The support recorded with the statement still stands: a quote scored at the threshold is, word for word, in
    a passage of the cited document. (How an engine's plain-language rendering of a quoted sentence — patient
    articles — stays grounded; every board member's edit re-runs ``check_statement``, which replaces this record.)
    """
    for s in statement.support:
        ref = refs.get(s.n)
        if ref is None or s.n not in statement.citations or not is_supported(s.score) or not s.quote.strip():
            continue
        quote = _squash(s.quote)
        if any(quote in _squash(p.text) for p in passages([ref.doc_id])):
            return True
    return False


def short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def statement_label(section: str, text: str) -> str:
    """How a statement is named to people: its section and (the start of) its text."""
    return f"{section}: “{short(text)}”"


def statement_places(answer: Answer) -> list[tuple[str, str, Statement]]:
    """(API reference, section heading, statement) in reading order; the reference is for the API only."""
    out = [(f"summary.{i}", BOTTOM_LINE, s) for i, s in enumerate(answer.summary)]
    for j, sec in enumerate(answer.sections):
        out += [(f"sections.{j}.{i}", sec.heading, s) for i, s in enumerate(sec.statements)]
    return out


@dataclass(frozen=True, slots=True)
class Blocker:
    """Why a version cannot be approved: one statement (or the verdict) and what is wrong with it."""

    ref: str  # 'summary.0', 'sections.1.2' or 'verdict'
    section: str
    text: str
    kind: str  # uncited | unsupported | expert_incomplete | verdict_unbacked | verdict_contradicted
    reason: str

    @property
    def label(self) -> str:
        if self.ref == "verdict":
            return f"The verdict “{self.text}”"
        return statement_label(self.section, self.text)

    @property
    def message(self) -> str:
        return f"{self.label} — {self.reason}"

    def to_json(self) -> dict[str, object]:
        return {
            "field": self.ref,
            "message": self.message,
            "type": self.kind,
            "section": self.section,
            "statement": self.text,
        }


def expert_problem(statement: Statement, refs: Mapping[int, Reference], stored: Mapping[str, object]) -> str:
    """'' when the statement's expert mark is complete; otherwise what is missing."""
    mark = statement.expert
    if mark is None:
        return "it is not marked as an expert statement"
    if not mark.rationale.strip():
        return "its expert-statement mark has no rationale"
    cited_docs = {refs[n].doc_id for n in statement.citations if n in refs}
    if mark.doc_id not in cited_docs:
        return "its expert-statement mark refers to a document the statement does not cite"
    if mark.doc_id not in stored:
        return "its expert-statement mark refers to a document no longer in the library"
    return ""


def approval_blockers(
    answer: Answer, documents: DocumentLookup, passages: PassageLookup, baseline: Answer | None = None
) -> list[Blocker]:
    """Everything that stops this version from being approved or published (empty: it may be).

    With ``baseline`` (the generated version): a verdict or recommendation a board member changed must also be
    said by a grounded bottom-line statement (or one a board member vouches for as an expert statement).
    """
    refs = {r.n: r for r in answer.references}
    stored = documents([r.doc_id for r in answer.references])
    out: list[Blocker] = []
    backed = False
    agreeing = False
    changed_headline = baseline is not None and (baseline.verdict, baseline.recommendation) != (
        answer.verdict,
        answer.recommendation,
    )
    stance = stance_from_verdict(answer.question, str(answer.verdict))
    for ref, section, st in statement_places(answer):
        cited = [n for n in st.citations if n in refs and refs[n].doc_id in stored]
        if not cited:
            out.append(Blocker(ref, section, st.text, "uncited", "it cites no document in the library"))
            continue
        if st.expert is not None:
            problem = expert_problem(st, refs, stored)
            if problem:
                out.append(Blocker(ref, section, st.text, "expert_incomplete", problem))
                continue
        elif not (stored_support_holds(st, refs, passages) or check_statement(st, refs, passages).supported):
            out.append(
                Blocker(
                    ref,
                    section,
                    st.text,
                    "unsupported",
                    "no cited passage supports it; correct it, cite a passage that says it, or mark it as an "
                    "expert statement with a rationale",
                )
            )
            continue
        if section == BOTTOM_LINE:
            backed = True
            agreeing = agreeing or st.expert is not None or polarity(st.text) == stance
    if changed_headline and backed and not agreeing and answer.verdict is not Verdict.insufficient:
        out.append(
            Blocker(
                "verdict",
                "Verdict",
                answer.verdict_label,
                "verdict_contradicted",
                "it was changed, and no supported bottom-line statement says it; add or correct one that does",
            )
        )
    if answer.verdict is not Verdict.insufficient and not backed:
        out.append(
            Blocker(
                "verdict",
                "Verdict",
                answer.verdict_label,
                "verdict_unbacked",
                "no cited, supported bottom-line statement backs it",
            )
        )
    return out


def blocked_message(blockers: list[Blocker]) -> str:
    listed = "; ".join(b.message for b in blockers[:10])
    more = f" (and {len(blockers) - 10} more)" if len(blockers) > 10 else ""
    return f"This version cannot be approved or published: {listed}{more}."
