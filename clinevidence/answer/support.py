"""Support check: does the cited passage say what the statement says? Best quote and a score."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import STOP_WORDS, content_words, normalize, split_sentences

SUPPORT_THRESHOLD = 0.6
_NEG = re.compile(
    r"\b(no|not|never|neither|nor|without|cannot|can't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|"
    r"fail(ed|s)? to|lack of|absence of|contraindicated|avoid)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class SupportResult:
    quote: str
    score: float


# British and American spellings of the same medical word meet in one form ("ischaemia" / "ischemia",
# "haemorrhage", "oesophagus", "paediatric", "foetal", "tumour", "randomised").
_SPELLING = [(re.compile(p), r) for p, r in [
    (r"(?<=[a-z])aemi", "emi"), (r"^haem", "hem"), (r"(?<=[a-z])haem", "hem"), (r"^oe(?=[dst])", "e"),
    (r"^paed", "ped"), (r"(?<=[a-z])paed", "ped"), (r"^foet", "fet"), (r"(?<=[a-z]{3})our$", "or"),
    (r"(?<=[a-z]{3})is(?=(e|ed|es|ing|ation|ations)$)", "iz"),
]]  # fmt: skip


@lru_cache(maxsize=200_000)
def stem(w: str) -> str:
    """A light suffix stripper shared by support checking, sentence ranking and question matching; British and
    American spellings are folded first."""
    if len(w) > 4:
        for rx, rep in _SPELLING:
            w = rx.sub(rep, w)
    # "-ated" goes as "-ation" does: "constipated" meets "constipation", "vaccinated" "vaccination".
    for suf in ("ations", "ation", "ated", "ates", "ating", "ings", "ing", "ies", "ied", "es", "ed", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def terms(text: str, parts: bool = False) -> frozenset[str]:
    """Stemmed content words of ``text``; ``parts`` adds the parts of hyphenated compounds, so that evidence
    about "KRAS-mutant" cells matches a question about KRAS (use it on the evidence side only)."""
    words = content_words(text)
    if parts:
        words += [p for w in words if "-" in w for p in w.split("-") if len(p) >= 2 and p not in STOP_WORDS]
    return frozenset(stem(w) for w in words)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", normalize(text)).strip().lower()


def support(statement: str, passage_text: str) -> SupportResult:
    """Score how well ``passage_text`` supports ``statement`` (1.0: quoted verbatim).

    Score = share of the statement's content terms found in the best passage sentence (or a pair of adjacent
    sentences), halved when exactly one of them is negated (a quote that says the opposite is no support).
    """
    st = _norm(statement).rstrip(".")
    if st and st in _norm(passage_text):
        sents = split_sentences(passage_text)
        quote = next((s for s in sents if st[:60] in _norm(s)), statement)
        return SupportResult(quote=quote, score=1.0)
    s_terms = terms(statement)
    if not s_terms:
        return SupportResult(quote="", score=0.0)
    sents = split_sentences(passage_text) or [passage_text]
    windows = sents + [f"{a} {b}" for a, b in zip(sents, sents[1:], strict=False)]
    best, best_score = "", 0.0
    s_neg = bool(_NEG.search(statement))
    for w in windows:
        overlap = len(s_terms & terms(w)) / len(s_terms)
        if s_neg != bool(_NEG.search(w)):
            overlap *= 0.5
        if overlap > best_score + 1e-9:
            best, best_score = w, overlap
    return SupportResult(quote=best, score=round(best_score, 3))


def is_supported(score: float) -> bool:
    return score >= SUPPORT_THRESHOLD
