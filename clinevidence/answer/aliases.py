"""Names the library itself pairs: a question says "Lyrica", the library's pages say "Pregabalin (Lyrica)" and then
only "pregabalin"; a label reads "COZAAR (losartan potassium)". The lexicon cannot list every brand of every drug an
operator's library covers, so a rare question word the lexicon does not know is looked up in the documents that use
it, and the name those documents give it in brackets (or give in brackets after it) becomes a synonym: the question
is then searched, matched and checked as if it had named both.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter

from ..library.store import Library
from ..text import DRUG_STEM, STOP_WORDS, content_words, everyday_word
from .question import Concept, find_concepts

# "Pregabalin (Lyrica)", "LYRICA® (pregabalin) capsules", "COZAAR (losartan potassium)", "CLARITIN (loratadine
# 10 mg)", "Amlodipine (Norvasc, Katerzia)": the bracket holds other names alone, or with a salt, form or strength;
# "teclistamab (BCMA x CD3 bispecific antibody)" says what it is, not its name.
# A form or release code may stand between the name and its bracket ("PROAIR HFA (albuterol sulfate)", "EFFEXOR XR
# (venlafaxine ...)", "NEXIUM 24HR (...)", "HUMIRA Pen (adalimumab)").
_BRACKET = re.compile(r"\b([A-Za-z][A-Za-z-]{3,})(?:\s+(?:[A-Z0-9]{2,5}|Pen|Jr))?\s*(?:®|™|\(R\))?\s*\(([^()]{4,80})\)")
SALT_FORM = re.compile(
    r"(?:potassium|sodium|calcium|magnesium|hydrochloride|hcl|hydrobromide|oxalate|maleate|mesylate|besylate|"
    r"succinate|tartrate|citrate|fumarate|sulfate|sulphate|phosphate|acetate|bromide|extended-release|"
    r"delayed-release|modified-release|er|xr|sr|xl|cr|la|ib|otc|tablets?|capsules?|injection|oral|solution|"
    r"suspension|for|usp|\d+(?:\.\d+)?|mg|mcg|g|ml|%)",
    re.IGNORECASE,
)
_NAME = re.compile(r"[A-Za-z][A-Za-z-]{3,}(?:®|™)?")


def _bracket_names(content: str) -> list[str] | None:
    """The names a bracket lists ("Norvasc, Katerzia" -> both), or None when it says something else."""
    names = []
    for part in re.split(r"\s*,\s*|\s+or\s+", content.strip()):
        tokens = part.split()
        if not tokens or not _NAME.fullmatch(tokens[0]) or not all(SALT_FORM.fullmatch(t) for t in tokens[1:]):
            return None
        names.append(tokens[0].rstrip("®™").lower())
    return names


# A name is a word everyday English hardly uses (wordfreq Zipf below this): "lyrica" 2.1, "pregabalin" 1.7;
# "tablets" 3.4, "capsules" 2.9 and "potassium" 3.3 are not names of a drug.
NAME_ZIPF = 2.6
DOCS_PER_WORD = 20  # documents read per unknown name
TEXT_CHARS = 4000  # of each document: the pairing is made where a page introduces the drug
MAX_WORDS = 3
_DOSE_FORM = re.compile(r"\b(\d+\s?mg|tablets?|capsules?|injection|dose[sd]?|dosage|prescri\w+|medicines?)\b", re.I)


def _name(word: str) -> bool:
    return len(word) >= 4 and word.isalpha() and word not in STOP_WORDS and not everyday_word(word, zipf=NAME_ZIPF)


# Per library (dropped with it), per library size and word.
_CACHE: weakref.WeakKeyDictionary[Library, dict[tuple[int, str], tuple[list[str], bool]]] = weakref.WeakKeyDictionary()
_CACHE_MAX = 20_000


def _paired_names(library: Library, word: str) -> tuple[list[str], bool]:
    """The names the library gives ``word`` in brackets (or gives it in brackets after), commonest first, and
    whether the pages read like a medicine's (a drug-name stem, a dose form). Memoised per library and size: the
    follow-up dry runs of one ask look the same words up again."""
    table = _CACHE.setdefault(library, {})
    key = (library.doc_index.count(), word)
    hit = table.get(key)
    if hit is None:
        if len(table) >= _CACHE_MAX:
            table.pop(next(iter(table)))
        hit = table[key] = _look_up(library, word)
    return hit


def _look_up(library: Library, word: str) -> tuple[list[str], bool]:
    index = library.doc_index
    term = index.analyze(word)
    hits = index.term_hits(term, DOCS_PER_WORD) if term else []
    docs = library.get_documents(h.doc_id for h in hits)
    others: Counter[str] = Counter()
    drug_like = bool(DRUG_STEM.fullmatch(word))
    for doc in docs.values():
        body = " ".join([doc.title, *(s.text for s in doc.sections)])[:TEXT_CHARS]
        for m in _BRACKET.finditer(body):
            inner = _bracket_names(m.group(2))
            if inner is None:
                continue
            outer = m.group(1).lower()
            named = inner[:1] if outer == word else [outer] if word in inner else []
            for other in (o for o in named if o != word and _name(o)):
                others[other] += 1
                drug_like = drug_like or bool(DRUG_STEM.fullmatch(other) or _DOSE_FORM.search(body))
    return [o for o, _ in others.most_common()], drug_like


def library_aliases(library: Library, text: str) -> list[Concept]:
    """Concepts for the rare words of ``text`` that the library pairs with another name (the other name in brackets
    after it, or it in brackets after the other): a lexicon concept widened by the library's names for it ("FLEXERIL
    (cyclobenzaprine)" makes "Flexeril" a name of cyclobenzaprine), or, for a word the lexicon does not know, a
    concept of its own (a lexicon concept widened by the word when the other name is one the lexicon knows)."""
    out: list[Concept] = []
    words = [w for w in dict.fromkeys(w.lower() for w in content_words(text)) if _name(w)]
    for word in words[:MAX_WORDS]:
        if not library.doc_index.known(word):
            continue
        others, drug_like = _paired_names(library, word)
        if not others:
            continue
        lexicon = find_concepts(word)
        if lexicon:
            c = lexicon[0]
            new = [o for o in others if not find_concepts(o)][:2]
            if new:
                out.append(Concept(c.name, c.display, c.kind, (*c.synonyms, *new), c.classes, c.source))
            continue
        other = others[0]
        known = find_concepts(other)
        if known:
            c = known[0]
            out.append(Concept(c.name, c.display, c.kind, (*c.synonyms, word), c.classes, "library"))
        else:
            # Named as the library names it, shown as asked.
            out.append(Concept(other, word, "drug" if drug_like else "term", (word, other), (), "library"))
    return out
