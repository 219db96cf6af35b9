"""Flag text that talks to a language model ("ignore previous instructions", role tags, hidden prompts).

Documents are evidence, never instructions. A passage that addresses a model is kept in the library (it may be
a real paper about prompt injection) but flagged, and the answer engines leave flagged passages out. The score
is a sum of pattern weights over the text after normalisation: NFKC, zero-width and bidi characters removed,
look-alike letters (Cyrillic/Greek homoglyphs, leetspeak digits) folded, and letters spelled out one by one
("i g n o r e") rejoined.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..models import Document
from .flagger_rules import CASED, CODE, COMPACT, NEEDLES, RULES

THRESHOLD = 0.5
FLAG = "instruction-like"  # the document flag stored by ingest

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069\u180e]")
# Homoglyphs that NFKC leaves alone (Cyrillic and Greek letters that look Latin), folded to Latin.
_HOMOGLYPHS = str.maketrans(
    "аеорсхуіјѕԁһӏАЕОРСХУІЈЅВНКМТԜαοικνρτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ",
    "aeopcxyijsdhlAEOPCXYIJSBHKMTWaoikvptuxABEHIKMNOPTYX",
)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_LEET_WORD = re.compile(r"\b(?=[a-z]*[0-9@$!][a-z0-9@$!]*\b)(?=[a-z0-9@$!]*[a-z]{2})[a-z0-9@$!]{4,}\b")
_SPELLED = re.compile(r"\b(?:[a-z][ .\-_*]{1,2}){3,}[a-z]\b")


@dataclass(frozen=True, slots=True)
class FlagResult:
    score: float
    rules: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        return self.score >= THRESHOLD


def skeleton(text: str) -> str:
    """Text folded for matching: NFKC, invisible characters removed, homoglyphs and leetspeak folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).translate(_HOMOGLYPHS)
    lowered = text.lower()
    lowered = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), lowered)
    # "i g n o r e" / "i.g.n.o.r.e" -> "ignore"
    return _SPELLED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), lowered)


def check(text: str) -> FlagResult:
    """Score how much ``text`` reads as instructions to a language model (0: not at all, capped at 1)."""
    if not text:
        return FlagResult(0.0, ())
    hits: dict[str, float] = {}
    folded = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).translate(_HOMOGLYPHS)
    skel = skeleton(text)
    has_code: bool | None = None
    for rule in RULES:
        needles = NEEDLES.get(rule.name)
        if needles and not any(n in skel for n in needles):
            continue
        if rule.name in CASED and has_code is None:
            has_code = bool(CODE.search(folded))
        if rule.name in CASED and not has_code:
            continue
        if rule.pattern.search(folded if rule.name in CASED else skel):
            hits[rule.name] = rule.weight
    compact = re.sub(r"[^a-z]", "", skel)
    if "override" not in hits and COMPACT.search(compact):
        hits["obfuscated-override"] = 1.0
    n_invisible = len(_INVISIBLE.findall(text))
    if n_invisible >= 3:
        hits["invisible-characters"] = 0.3 if n_invisible < 8 else 0.5
    return FlagResult(round(min(1.0, sum(hits.values())), 3), tuple(hits))


def instruction_score(text: str) -> float:
    """0..1: how much the text addresses a language model rather than a human reader."""
    return check(text).score


def is_instruction_like(text: str) -> bool:
    return check(text).flagged


def flag_document(doc: Document) -> bool:
    """Mark ``doc`` instruction-like (``extra["flags"]``, stored as a document flag) when its title or any section
    addresses a model. Returns whether it did; the document stays in the library either way."""
    if not (is_instruction_like(doc.title) or any(is_instruction_like(s.text) for s in doc.sections)):
        return False
    flags = [f for f in doc.extra.get("flags", "").split(",") if f]
    if FLAG not in flags:
        doc.extra["flags"] = ",".join([*flags, FLAG])
    return True
