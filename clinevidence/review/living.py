"""Living answers: flag approved articles when new evidence arrives, re-run them as revisions, and find an
approved article that already answers a question ("reviewed answers first").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import Engine, select

from ..answer.question import analyze, find_concepts
from ..answer.recommendation import proposition
from ..answer.support import stem
from ..articles.store import ArticleStatus
from ..library import tables as t
from ..library.store import IngestCounts, Library, StoredDocument
from ..retrieval.search import Retriever
from ..text import content_words, normalize
from . import audit
from . import store as review_store
from .audit import AuditEvent
from .models import ReviewedArticle, as_utc, utcnow

NEW_EVIDENCE_FLAG = "new_evidence"
# Numbers that stand alone ("3.6 mg/kg", "eGFR 25"), not digits inside a name ("T-DM1", "HER2-positive").
_NUMBER = re.compile(r"(?<![\w.-])\d+(?:\.\d+)?(?![\w-])")
PARAPHRASE_THRESHOLD = 0.8


@dataclass(frozen=True, slots=True)
class NewEvidence:
    doc_id: str
    reason: str  # top_evidence | newer_guideline | higher_level


def new_evidence_for(
    library: Library, article: ReviewedArticle, is_new: Callable[[StoredDocument], bool], *, k_docs: int = 8
) -> list[NewEvidence]:
    """Which newly added or updated documents should send ``article`` back to the board, and why.

    The article's question is searched again; among the documents it now ranks, a new one counts if it is in the
    top evidence, or (when close to the best match) a newer guideline, or newer and of a higher evidence level
    than anything the article cites.
    """
    answer = article.record.answer()
    top_k = max(k_docs, len(answer.references))
    ranked = Retriever(library).documents(analyze(article.record.question).search_text, top_k * 2)
    fresh = [r for r in ranked if is_new(r.doc)]
    if not fresh:
        return []
    cited = library.get_documents(r.doc_id for r in answer.references)
    best = ranked[0].score or 1.0
    cited_level = max((d.type.level for d in cited.values()), default=0)
    newest_cited = max((d.year for d in cited.values() if d.year), default=None)
    newest_guideline = max((d.year or 0 for d in cited.values() if d.type.value == "guideline"), default=-1)
    found: list[NewEvidence] = []
    for r in fresh:
        doc = r.doc
        relevant = r.score >= 0.5 * best  # beyond the top k, only documents close to the best match count
        if r.rank <= top_k:
            found.append(NewEvidence(doc.id, "top_evidence"))
        elif relevant and doc.type.value == "guideline" and (doc.year or 0) > newest_guideline:
            found.append(NewEvidence(doc.id, "newer_guideline"))
        elif relevant and doc.type.level > cited_level and (newest_cited is None or (doc.year or 0) >= newest_cited):
            found.append(NewEvidence(doc.id, "higher_level"))
    return found


def flag_stale_articles(
    library: Library,
    counts_or_new_doc_ids: IngestCounts | Iterable[str],
    *,
    actor: str = "ingest",
    k_docs: int = 8,
) -> int:
    """After ingestion: flag approved articles that new or updated documents may change. Returns how many
    articles were newly flagged (or gained new documents). With ``IngestCounts`` the ingestion itself is
    recorded in the audit trail and "new" means added or updated since each article's approval; with document
    ids, those documents are the new ones.
    """
    engine = library.engine
    explicit: set[str] | None = None
    if isinstance(counts_or_new_doc_ids, IngestCounts):
        counts = counts_or_new_doc_ids
        detail: dict[str, object] = {
            "added": counts.added,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "skipped": counts.skipped,
        }
        if not counts.audited:  # the ingest pipeline records its own runs
            with engine.begin() as conn:
                audit.record(conn, AuditEvent(actor, "ingest", detail=detail))
        if counts.added + counts.updated == 0:
            return 0
    else:
        explicit = set(counts_or_new_doc_ids)
    with engine.connect() as conn:
        approved = review_store.list_reviewed(conn, statuses=[str(ArticleStatus.approved)], limit=100_000)
    flagged = 0
    for article in approved:
        approved_at = as_utc(article.record.approved_at or article.record.updated_at)

        def is_new(doc: StoredDocument, since: datetime = approved_at) -> bool:
            return doc.id in explicit if explicit is not None else as_utc(doc.updated_at) > since

        found = new_evidence_for(library, article, is_new, k_docs=k_docs)
        new_ids = [f.doc_id for f in found if f.doc_id not in article.new_evidence]
        if not new_ids:
            continue
        with engine.begin() as conn:
            review_store.set_new_evidence(
                conn,
                article_id=article.id,
                doc_ids=[*article.new_evidence, *new_ids],
                flags=[*article.record.flags, NEW_EVIDENCE_FLAG],
            )
            reasons = {f.doc_id: f.reason for f in found if f.doc_id in new_ids}
            event = AuditEvent(actor, "flag_new_evidence", article.id, article.version, {"documents": reasons})
            audit.record(conn, event)
        flagged += 1
    return flagged


# -- reviewed answers first -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def question_tokens(question: str) -> frozenset[str]:
    """Stemmed content words; hyphenated terms count by their parts ('HER2-positive' = 'HER2 positive')."""
    return frozenset(stem(p) for w in content_words(normalize(question)) for p in w.split("-") if p)


def _key_terms(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """Named concepts (drugs, conditions, tests) and numbers: a paraphrase must keep every one of them."""
    text = normalize(question)
    concepts = frozenset(c.name for c in find_concepts(text))
    numbers = frozenset(_NUMBER.findall(text))
    return concepts, numbers


# Words that only frame a question ("is it safe to use…", "can I take…", "should patients combine…"): two
# questions that differ only in these, and name the same concepts, ask the same thing.
_FRAME_WORDS = frozenset(
    stem(w)
    for w in (
        "safe safely safety use using used take taking taken combine combining combined combination together "
        "give giving given ok okay fine alright acceptable recommend recommended advisable advised possible allowed "
        "appropriate patient patients people person someone adult adults treatment therapy treat treating drug drugs "
        "medication medications medicine medicines concomitant concurrent concurrently co-administer coadminister "
        "alongside add adding added plus also along prescribe prescribing prescribed"
    ).split()
)
FRAME_MATCH = 0.9


@lru_cache(maxsize=4096)
def question_frame(question: str) -> tuple[frozenset[str], frozenset[str], bool, frozenset[str]] | None:
    """(concepts, numbers, proposes harm, remaining words): what a question asks, not how it is worded.

    None when the question names no concept (a frame needs an intervention or condition to be about).
    """
    text = normalize(question)
    found = find_concepts(text)
    if not found:
        return None
    concept_words = {stem(p) for c in found for syn in (c.name, *c.synonyms) for w in syn.lower().split() for p in
                     re.split(r"[-/]", w) if p}  # fmt: skip
    rest = frozenset(t for t in question_tokens(question) if t not in concept_words and t not in _FRAME_WORDS)
    concepts, numbers = _key_terms(question)
    return concepts, numbers, proposition(question).negative, rest


def similarity(a: str, b: str) -> float:
    """How surely question ``b`` asks what ``a`` asks (0..1).

    0 unless both name the same concepts and numbers. Questions about named concepts are compared by their frame:
    the same concepts, the same direction (safe or harmful) and every other content word, whatever the framing
    words, scores at least ``FRAME_MATCH``; a different frame stays below any matching threshold. Questions
    without a named concept are compared by the Jaccard similarity of their content words.
    """
    if _key_terms(a) != _key_terms(b):
        return 0.0
    ta, tb = question_tokens(a), question_tokens(b)
    if not ta or not tb:
        return 1.0 if normalize(a).lower() == normalize(b).lower() else 0.0
    jaccard = len(ta & tb) / len(ta | tb)
    fa, fb = question_frame(a), question_frame(b)
    if fa is None or fb is None:
        return jaccard  # no concept to frame the question around: wording alone
    if fa != fb:
        # Another direction ("unsafe"), population ("in pregnancy") or intent ("effective"): another question.
        return min(jaccard, FRAME_MATCH * 0.5)
    return max(jaccard, FRAME_MATCH)


def find_approved_answer(
    engine: Engine, question: str, *, audience: str | None = None, threshold: float = PARAPHRASE_THRESHOLD
) -> ReviewedArticle | None:
    """The approved article answering ``question`` (or a close paraphrase) for ``audience``, best match first."""
    stmt = select(t.articles.c.id, t.articles.c.question, t.articles.c.approved_at).where(
        t.articles.c.status == str(ArticleStatus.approved)
    )
    if audience is not None:
        stmt = stmt.where(t.articles.c.audience == str(audience))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
        scored = [(similarity(question, r.question), as_utc(r.approved_at or utcnow()), r.id) for r in rows]
        scored = [s for s in scored if s[0] >= threshold]
        if not scored:
            return None
        scored.sort(key=lambda s: (-s[0], -s[1].timestamp(), s[2]))
        return review_store.get_reviewed(conn, article_id=scored[0][2])
