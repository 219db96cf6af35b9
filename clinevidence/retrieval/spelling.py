"""Typos against the library's own vocabulary: "sildenafl" is searched as "sildenafil", never a false abstention.

Only words the library has never seen are corrected, only to a library term within one or two edits, and only to a
word that actually occurs in the library's documents (so the correction is a real word, not an index stem). Words
the concept lexicon knows (brand names, abbreviations) are left to its synonyms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..text import STOP_WORDS, everyday_word

if TYPE_CHECKING:
    from ..library.store import Library

# Whole words, and the parts of hyphenated ones ("Non-Hodgkn", "AIDS-Reated"); not words glued to digits ("T-DM1"'s
# parts are too short anyway).
_WORD = re.compile(r"(?<![\w])[A-Za-z][A-Za-z]{4,}(?![\w])")
_SURFACE = re.compile(r"[a-z]{4,}")
MAX_FIXES = 4
# English words at least this frequent (wordfreq Zipf) are words, not typos: "pericarditis" 1.9, "myocarditis" 2.0;
# common misspellings stay below ("asprin" 1.7, "vomitting" 1.5, "cholestrol" 1.0).
REAL_WORD_ZIPF = 1.8


def _surface(library: Library, stem: str, typed: str = "") -> str | None:
    """A word from the library's documents whose index form is ``stem``: of those, the closest to what was
    ``typed`` ("increse" -> "increase", not "increases")."""
    from rapidfuzz.distance import DamerauLevenshtein

    hits = library.doc_index.search(stem, 3) or library.doc_index.term_hits(stem, 3)
    docs = library.get_documents(h.doc_id for h in hits)
    analyze = library.doc_index.analyze
    found: list[str] = []
    for d in docs.values():
        text = " ".join([d.title, *(s.text for s in d.sections)])[:20000].lower()
        found += [w for w in dict.fromkeys(_SURFACE.findall(text)) if w.startswith(stem[:3]) and analyze(w) == stem]
    if not found:
        return None
    return min(dict.fromkeys(found), key=lambda w: DamerauLevenshtein.distance(w, typed)) if typed else found[0]


@lru_cache(maxsize=1)
def _lexicon_names() -> tuple[str, ...]:
    """The one-word drug names of the concept lexicon ("rosuvastatin", "wellbutrin"), six letters or longer; not its
    conditions' words, which real words of other meaning sit near ("myelopathy" / "myopathy")."""
    from ..answer.question import lexicon

    return tuple(
        sorted({s for c in lexicon()[0] if c.kind == "drug" for s in c.synonyms if s.isalpha() and len(s) >= 6})
    )


def _lexicon_name(word: str, limit: int, margin: int = 1) -> str | None:
    """The lexicon name within ``limit`` edits of ``word`` (same first letter), if it is nearer by ``margin`` edits
    than any other: a drug name the index stems like its typo ("rosuvastatine" is indexed as "rosuvastatin") is
    still a typo for the lexicon, whose synonyms are matched as written."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    found = process.extract(
        word, _lexicon_names(), scorer=DamerauLevenshtein.distance, score_cutoff=limit + margin - 1, limit=2
    )
    found = [f for f in found if f[0][0] == word[0]]
    if not found or found[0][1] > limit or (len(found) > 1 and found[1][1] < found[0][1] + margin):
        return None
    return str(found[0][0])


def correct_spelling(library: Library, question: str) -> tuple[str, dict[str, str]]:
    """The question with unknown words replaced by their closest lexicon name or library word, and the fixes made."""
    from rapidfuzz.distance import DamerauLevenshtein

    from ..answer.question import find_concepts

    fixes: dict[str, str] = {}
    for m in _WORD.finditer(question):
        word = m.group(0)
        low = word.lower()
        if low in STOP_WORDS or low in fixes or len(fixes) >= MAX_FIXES or find_concepts(word):
            continue
        if everyday_word(low, zipf=REAL_WORD_ZIPF):
            continue  # a real word the library lacks ("pericarditis"), not a typo of one it has ("pericardial")
        limit = 1 if len(low) < 10 else 2
        # Not an acronym typed in capitals ("PROTAC" is no typo of "Prozac"), nor a short word. A drug name of 7 to
        # 9 letters takes two edits when no other name is within three ("plaquinel" -> "plaquenil").
        if (
            len(low) >= 7
            and not word.isupper()
            and (named := _lexicon_name(low, limit) or (_lexicon_name(low, 2, margin=2) if limit == 1 else None))
        ):
            fixes[low] = named
            continue
        stem = library.doc_index.closest_term(low)
        fixed = _surface(library, stem, low) if stem else None
        if not fixed:
            # The stemmer may cut the right word shorter than the typo ("laryngeal" -> "laryng", "larngeal" stays
            # whole): a term within an edit of a prefix of the typo's stem, if its surface word is near what was typed.
            for cand in library.doc_index.stem_prefix_terms(low):
                surface = _surface(library, cand, low)
                if surface and DamerauLevenshtein.distance(surface, low) <= limit:
                    fixed = surface
                    break
        if fixed and fixed != low:
            fixes[low] = fixed
    if not fixes:
        return question, {}
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in fixes) + r")(?![\w])", re.I)
    return pattern.sub(lambda m: fixes[m.group(1).lower()], question), fixes
