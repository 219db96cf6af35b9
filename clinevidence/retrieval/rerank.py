"""Learned re-ranking of the top documents: does this document answer *this* question, not only share its words?

BM25 finds the documents about a topic; the re-ranker re-orders its candidates by features that transfer across
styles of evidence (measured leave-one-set-out, ``scripts/train_reranker.py``):

* coverage of the question's words in the whole document, its title and its opening, each word weighted by how
  rare it is in everyday English (``wordfreq``: "glaucoma" outweighs "symptoms", which outweighs "what");
* the best single sentence's weighted coverage and the first sentence's (a sentence that states the answer);
* the document's length, the BM25 score relative to the best candidate and the candidate's BM25 rank.

A logistic model over these features gives each candidate a probability of being relevant (``relevance``), which
orders the documents and tells the engines which documents are worth quoting at all.

Documents of one topic that share a title (a disease's symptoms, causes, treatment and outlook pages; a drug's
dosing and side-effect sections) cannot be told apart by those features. Among such siblings the ``intent``
score decides: learnt associations between question words and the words a *relevant* document opens with
("inherited" → "autosomal", "pattern"; "how many" → "prevalence"; "side effects" → "side", "effects"). Used as a
feature for every candidate it helped its own data set and cost every other style (rank-1 precision leave-one-out:
BioASQ 0.739 → 0.721, SciFact 0.627 → 0.607), so it only orders siblings. Pure Python at inference; weights in
``rerank_model.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..answer.intent import implied_intent
from ..answer.support import content_words, stem, terms
from ..text import split_sentences

if TYPE_CHECKING:
    from ..library.store import StoredDocument
    from .search import RankedDocument

MODEL_PATH = Path(__file__).with_name("rerank_model.json")
FEATURES = ("bm25_ratio", "inv_rank", "w_cov", "w_title", "w_lead", "best_sent", "first_sent", "log_len")
LEAD_WORDS = 40
SENTENCES = 40  # sentences of a document weighed for the best-sentence feature (of its first SENTENCE_CHARS)
SENTENCE_CHARS = 6000
# A question word everyday English does not use at all (``wordfreq`` has no frequency for it: rarity 7) is a name: a
# new drug, a gene, a brand ("lurasidone", "CDK9", "Xipere"). A document that lacks it is about something else.
# Rarity 5 (Zipf below 2) was measured and is too wide: it takes in topic words ("underdiagnosed", "scintigraphy")
# that the right abstract spells another way (PubMedQA tune: abstain 0.025 -> 0.046). Putting documents with the
# names first costs SciFact rank-1 0.627 -> 0.622 (two queries) and, with the rule that other documents' sentences
# must name them, lifts BioASQ statement precision 0.699 -> 0.754 (tune half), so it is kept.
NAME_RARITY = 7.0
NAME_FLOOR = 0.3  # a document with the names goes first only at this share of the first one's relevance or more
# How much a page opening with the question's intent words ("What are the signs and symptoms of X?") adds among
# siblings (MedQuAD tune statement precision, weight 0 / 1 / 2 / 4: 0.664 / 0.693 / 0.711 / 0.711).
OPENING_WEIGHT = 2.0
# An opening that states rather than asks ("New types of treatment are being tested in clinical trials.") counts at
# this share (MedQuAD tune statement precision at 0 / 0.25 / 0.5 / 1: 0.721 / – / 0.802 / 0.793 with the top
# document's passages always present; abstain 0.033 / – / 0.038 / –).
OPENING_STATED = 0.5
SIBLING_WEIGHT = 1.0  # how much the intent score adds among documents that share the top document's title


def lead_terms(doc: StoredDocument) -> frozenset[str]:
    """Terms of the document's opening (first sentences, about ``LEAD_WORDS`` words)."""
    return _doc_features(doc.id, doc.updated_at.isoformat(), doc)[1]


def doc_terms(doc: StoredDocument) -> frozenset[str]:
    return _doc_features(doc.id, doc.updated_at.isoformat(), doc)[0]


_CACHE: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}
_CACHE_MAX = 50_000


def _doc_features(doc_id: str, version: str, doc: StoredDocument) -> tuple[frozenset[str], frozenset[str]]:
    """(all terms, opening terms) of a document, memoised by id and last update: candidates repeat across asks."""
    key = (doc_id, version)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.pop(next(iter(_CACHE)))
        hit = (_all_terms(doc), _lead_terms(doc))
        _CACHE[key] = hit
    return hit


def _all_terms(doc: StoredDocument) -> frozenset[str]:
    return terms(" ".join([doc.title, *(s.text for s in doc.sections)]))


def _lead_terms(doc: StoredDocument) -> frozenset[str]:
    text = " ".join(s.text for s in doc.sections[:2])
    words: list[str] = []
    for sent in split_sentences(text[:2000]):
        words.extend(sent.split())
        if len(words) >= LEAD_WORDS:
            break
    return terms(" ".join(words[: LEAD_WORDS + 20]))


_SENTENCES: dict[tuple[str, str], tuple[tuple[frozenset[str], ...], int]] = {}
_SENTENCES_MAX = 1024


def sentence_terms(doc: StoredDocument) -> tuple[tuple[frozenset[str], ...], int]:
    """The term sets of a document's first sentences and its length in words, memoised by id and last update for
    the most recent ``_SENTENCES_MAX`` documents (candidates repeat across asks on a topic)."""
    key = (doc.id, doc.updated_at.isoformat())
    hit = _SENTENCES.get(key)
    if hit is None:
        if len(_SENTENCES) >= _SENTENCES_MAX:
            _SENTENCES.pop(next(iter(_SENTENCES)))
        text = " ".join(s.text for s in doc.sections)
        sents = tuple(terms(x, parts=True) for x in split_sentences(text[:SENTENCE_CHARS])[:SENTENCES])
        hit = (sents, len(text.split()))
        _SENTENCES[key] = hit
    return hit


@lru_cache(maxsize=65536)
def _rarity(word: str) -> float:
    """7 minus the word's Zipf frequency in everyday English, at least 0.5: rare, topical words weigh most."""
    from wordfreq import zipf_frequency

    return max(0.5, 7.0 - zipf_frequency(word, "en"))


def term_weights(question: str) -> dict[str, float]:
    """The question's stemmed content words, each weighted by the rarity of its rarest surface form."""
    out: dict[str, float] = {}
    for w in content_words(question):
        t = stem(w)
        out[t] = max(out.get(t, 0.0), _rarity(w.lower()))
    return out


_NONE: frozenset[str] = frozenset()


def intent_score(q_terms: frozenset[str], lead: frozenset[str], assoc: dict[str, dict[str, float]]) -> float:
    """Mean over question terms that have associations of the best association found in the lead."""
    scores = []
    for qt in q_terms:
        table = assoc.get(qt)
        if not table:
            continue
        scores.append(max((w for dt, w in table.items() if dt in lead), default=0.0))
    return sum(scores) / len(scores) if scores else 0.0


def features(
    weights: dict[str, float],
    doc: StoredDocument,
    ratio: float,
    rank: int,
    alternatives: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, float]:
    """``alternatives``: other stems that cover a question term (the concept's own name for "kids": "children")."""
    total = sum(weights.values()) or 1.0
    alts = alternatives or {}

    def share(found: frozenset[str]) -> float:
        return sum(w for t, w in weights.items() if t in found or alts.get(t, _NONE) & found) / total

    sents, n_words = sentence_terms(doc)
    return {
        "bm25_ratio": ratio,
        "inv_rank": 1.0 / rank,
        "w_cov": share(doc_terms(doc)),
        "w_title": share(terms(doc.title)),
        "w_lead": share(lead_terms(doc)),
        "best_sent": max((share(x) for x in sents), default=0.0),
        "first_sent": share(sents[0]) if sents else 0.0,
        "log_len": math.log1p(n_words) / 8.0,
    }


@dataclass(slots=True)
class RerankModel:
    weights: dict[str, float]
    bias: float
    assoc: dict[str, dict[str, float]] = field(default_factory=dict)
    meta: dict[str, object] = field(default_factory=dict)

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "weights": self.weights, "bias": self.bias, "assoc": self.assoc,
                "meta": self.meta}  # fmt: skip


@lru_cache(maxsize=4)
def load_model(path: str = str(MODEL_PATH)) -> RerankModel | None:
    p = Path(path)
    if not p.exists():
        return None
    raw = json.loads(p.read_text("utf-8"))
    return RerankModel(
        weights={k: float(v) for k, v in raw["weights"].items()},
        bias=float(raw["bias"]),
        assoc={k: {d: float(w) for d, w in v.items()} for k, v in raw.get("assoc", {}).items()},
        meta=dict(raw.get("meta", {})),
    )


class Reranker:
    """Re-orders BM25 candidates by the learnt probability that each one answers the question."""

    def __init__(self, model: RerankModel | None = None) -> None:
        self.model = model if model is not None else load_model()

    def rerank(
        self,
        question: str,
        ranked: list[RankedDocument],
        *,
        names: bool = True,
        alternatives: Mapping[str, frozenset[str]] | None = None,
    ) -> list[RankedDocument]:
        """``names``: the question's names decide which documents come first (off when the caller expanded the
        question with a lexicon's synonyms: "Kadcyla" is then found as "T-DM1"). ``alternatives``: see
        ``features``."""
        if self.model is None or not ranked:
            return ranked
        weights = term_weights(question)
        top = ranked[0].score or 1.0
        scored: list[tuple[float, RankedDocument]] = []
        for rd in ranked:
            feats = features(weights, rd.doc, rd.score / top, rd.rank, alternatives)
            scored.append((self.model.probability(feats), rd))
        scored.sort(key=lambda x: (-x[0], x[1].rank))
        asked = {t for t, w in weights.items() if w >= NAME_RARITY} if names else set()
        alts = alternatives or {}

        def has_names(doc: StoredDocument) -> bool:
            found = doc_terms(doc)
            return all(t in found or alts.get(t, _NONE) & found for t in asked)

        if asked and not has_names(scored[0][1].doc):
            # The first document lacks a name the question asks about: those that have every name go first (each
            # keeps its own relevance), when they are not far less likely to answer (a typo is a "name" too, and
            # the document that happens to share it is no answer: on SciFact those were below 0.06 of the first).
            floor = NAME_FLOOR * scored[0][0]
            scored.sort(key=lambda x: not (x[0] >= floor and has_names(x[1].doc)))
        self._order_siblings(terms(question) | implied_intent(question), scored)
        return [replace(rd, rank=i + 1, relevance=p) for i, (p, rd) in enumerate(scored)]

    def _order_siblings(self, q_terms: frozenset[str], scored: list[tuple[float, RankedDocument]]) -> None:
        """Documents that share the first document's title are re-ordered among themselves (in place, keeping the
        positions the group holds and the relevance of each position: the features cannot tell siblings apart) by
        relevance plus ``SIBLING_WEIGHT`` times their intent score."""
        assert self.model is not None
        title = scored[0][1].doc.title.strip().lower()
        if not title or not self.model.assoc:
            return
        slots = [i for i, (_, rd) in enumerate(scored) if rd.doc.title.strip().lower() == title]
        if len(slots) < 2:
            return
        group = [scored[i] for i in slots]
        assoc = self.model.assoc
        # The title's words are the topic every sibling shares: what tells the pages apart is the rest of the
        # question ("treatments", "symptoms") against the rest of each opening.
        topic = terms(title)
        asked = q_terms - topic
        group.sort(
            key=lambda x: (
                -(
                    x[0]
                    + SIBLING_WEIGHT * intent_score(asked, lead_terms(x[1].doc) - topic, assoc)
                    + OPENING_WEIGHT * _opening_match(asked, x[1].doc, topic)
                )
            )
        )
        probs = [scored[i][0] for i in slots]
        for i, p, (_, rd) in zip(slots, probs, group, strict=True):
            scored[i] = (p, rd)


def _opening_match(asked: frozenset[str], doc: StoredDocument, topic: frozenset[str]) -> float:
    """Share of the question's intent words in the page's first sentence: in full when it is a question ("What are
    the signs and symptoms of X?"), at ``OPENING_STATED`` when it states ("Signs of X include ...")."""
    if not asked or not doc.sections:
        return 0.0
    first = split_sentences(doc.sections[0].text)[:1]
    if not first:
        return 0.0
    share = len(asked & (terms(first[0]) - topic)) / len(asked)
    return share if first[0].rstrip().endswith("?") else share * OPENING_STATED
