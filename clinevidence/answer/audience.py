"""Audience rendering: plain-language rewrites for patients, abbreviation expansion for students, readability.

`to_plain` is deliberately conservative: it only deletes statistics, citations and study-design labels, swaps
jargon for plain words from a fixed table (`plain_terms.json`) and splits long sentences. It never touches
negations ("not", "no"), numbers outside statistics, or drug names, and never adds a claim.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources

from ..text import normalize

# --- readability --------------------------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_VOWELS = re.compile(r"[aeiouy]+")
# "ia"/"io" are two syllables except in -tion/-sion/-cial/-tial endings ("pneumonia", "period", not "nation").
_EXTRA = re.compile(r"(?<![ctsgx])i[ao]|(?<![qg])ua(?!y)|(?<![aeiou])[aeiou]ing$|[^aeiou]ism$")


def count_syllables(word: str) -> int:
    """Syllables in one word by heuristic: vowel groups, minus silent final e/-ed/-es, plus split vowel pairs."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if any(ch.isdigit() for ch in word) else 0
    if len(w) <= 3:
        return 1
    n = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and w[-2] not in "aeiouy":
        n -= 1  # silent final e: "time", "reduce"
    elif w.endswith("le") and w[-3] in "aeiouy":
        n -= 1  # "whale", but not "table"
    elif w.endswith("ed") and w[-3] not in "tdaeiouy":
        n -= 1  # "used", "controlled", but not "treated", "needed"
    elif w.endswith("es") and w[-3] not in "aeiouy" and not re.search(r"(?:[sxz]|ch|sh|[cg]|[^aeiou]l)es$", w):
        n -= 1  # "rates", "outcomes", but not "doses", "places", "tables"
    n += len(_EXTRA.findall(w))
    return max(1, n)


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade level: 0.39 * words/sentences + 11.8 * syllables/words - 15.59."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())) or 1)
    # A number counts one syllable per digit, at most three ("0.65" is read "nought point six five").
    syllables = sum(min(3, sum(c.isdigit() for c in w)) if w[0].isdigit() else count_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


# --- tables -------------------------------------------------------------------------------------------------
@cache
def _tables() -> dict[str, dict[str, str]]:
    raw = resources.files("clinevidence.answer").joinpath("plain_terms.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(?:s|x|z|ch|sh)$", last):
        last += "es"
    elif last:
        last += "s"
    return f"{head} {last}".strip()


_ADJECTIVE_END = re.compile(r"(?:ic|al|ive|ous|ary|ory|ed|ing|let)$")


@cache
def _term_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every term and its plural; the lookup maps each matched form to its plain text."""
    lookup: dict[str, str] = {}
    for term, plain in _tables()["terms"].items():
        lookup.setdefault(term, plain)
        if _ADJECTIVE_END.search(term):
            continue  # "antimicrobial" -> "germ-killing"; an automatic plural would read "germ-killings"
        for form in (term + "s", term + "es", term[:-1] + "ies" if term.endswith("y") else ""):
            if form and form not in _tables()["terms"]:
                lookup.setdefault(form, _plural(plain) if plain else "")
    alternation = "|".join(re.escape(t) for t in sorted(lookup, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), lookup


@cache
def _acronym_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(a) for a in sorted(_tables()["acronyms"], key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


# --- statistics and citations ------------------------------------------------------------------------------
_NUM = r"[-−–]?\d+(?:[.,·]\d+)?"
_RANGE = rf"{_NUM}\s*%?\s*(?:-|–|—|to|,)\s*{_NUM}\s*%?"
_STAT_FRAGMENTS = [
    rf"\b\d{{2}}\s*%\s*(?:CI|CrI|confidence interval|credible interval)\s*[:=,]?\s*\[?{_RANGE}\]?",
    rf"\b(?:CI|CrI|confidence interval)\s*[:=,]?\s*\[?{_RANGE}\]?",
    rf"\b[Pp]\s*(?:for (?:trend|interaction|heterogeneity)\s*)?(?:value\s*)?[<=>≤≥]\s*{_NUM}",
    r"\b[Pp]\s*[<=>≤≥]\s*\.\d+",
    rf"\b(?:adjusted |unadjusted |pooled )?(?:a?HR|a?OR|RR|IRR|RRR|ARR|NNT|NNH|MD|SMD|WMD|SD|SE|IQR|ES|I2|I²|β|r)"
    rf"\s*[=:,]?\s*{_NUM}\s*%?",
    rf"\b(?:hazard|odds|risk|rate|incidence rate) ratio\s*(?:was\s*|of\s*|[=:,]\s*)?{_NUM}",
    r"\b[nN]\s*=\s*\d[\d,]*",
    rf"{_NUM}\s*%?\s*(?:vs\.?|versus)\s*{_NUM}\s*%?",
    rf"{_NUM}\s*%",
    r"\b\d+\s*/\s*\d+\b",
    r"\b(?:level|class|grade|quality|certainty|strength) of (?:evidence|recommendation)\b[^;,]*",
    r"\b(?:strong|weak|conditional|moderate) recommendation\b",
    r"\b(?:high|moderate|low|very low)[- ](?:quality|certainty)(?: evidence)?\b",
    r"\b(?:class|level|grade|loe|cor)\s*(?:[1-4]|I{1,3}V?|IIa|IIb|[A-C])[abc]?\b",
    r"\b(?:see )?(?:table|figure|fig\.?|supplementary|appendix)\s*\w*",
    r"\bref(?:erence)?s?\.?\s*\d+",
]
_STATS = re.compile("|".join(f"(?:{p})" for p in _STAT_FRAGMENTS), re.IGNORECASE)
_STAT_LEFTOVER = re.compile(
    r"^(?:[\s,;:.%()\[\]=<>≤≥+−–—-]|\d|\b(?:and|or|vs|versus|respectively|mean|median|range|events?|patients|per"
    r"|adjusted|unadjusted|crude|pooled|overall"
    r"|year|years|months?|days?|weeks?|in|the|to|for|of|with|ci|p|n|hr|or|rr|sd|iqr|total)\b)*$",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\s*\[(?:\d+(?:\s*[-–,]\s*\d+)*|refs?\.?\s*\d+[^\]]*)\]")
_ACRONYM_ONLY = re.compile(r"^[A-Z]{2,6}s?$")
_AUTHOR = r"(?:[A-Z][\w'-]+(?:\s+et al\.?|\s+(?:and|&)\s+[A-Z][\w'-]+)?,?\s*)?(?:19|20)\d{2}[a-z]?"
_AUTHOR_YEAR = re.compile(rf"^(?:see\s+)?{_AUTHOR}(?:\s*[;,]\s*{_AUTHOR})*$")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
# Outside parentheses only what is never grammar is cut: p-values, CI ranges, a trailing ", HR 0.65" clause.
_BARE_STATS = re.compile(
    rf"(?<=[\w)%])\s*,?\s*\b[Pp]\s*(?:value\s*)?[<=>≤≥]\s*{_NUM}"
    rf"|,?\s*\b\d{{2}}\s*%\s*(?:CI|confidence interval)\s*[:=,]?\s*{_RANGE}"
    rf"|,\s*(?:with\s+)?(?:an?\s+)?(?:adjusted\s+)?(?:hazard|odds|risk|rate) ratio\s*(?:of\s+|[=:,]\s*)?{_NUM}"
    rf"(?=\s*[,.;]|$)"
)


def _paren(match: re.Match[str]) -> str:
    """Keep a parenthesis only if words remain once its statistics, citations and grades are cut."""
    inner = match.group(1).strip()
    if not inner or _ACRONYM_ONLY.match(inner) or _AUTHOR_YEAR.match(inner):
        return ""
    cleaned = _STATS.sub(" ", inner)
    if cleaned == inner:
        return match.group(0)
    if _STAT_LEFTOVER.match(cleaned):
        return ""
    cleaned = re.sub(r"\s*[;,]\s*(?=[;,]|$)", "", " ".join(cleaned.split())).strip(" ,;:")
    return f" ({cleaned})"


# --- structural rewrites before the word table -------------------------------------------------------------
_ROUTES = {
    "oral": "taken by mouth",
    "intravenous": "given into a vein",
    "subcutaneous": "given under the skin",
    "intramuscular": "given into a muscle",
    "topical": "put on the skin",
    "sublingual": "put under the tongue",
    "transdermal": "given through the skin",
}
_HEADS = r"therapy|treatment|agents?|drugs?|medications?|medicines?|supplementation|formulations?|regimens?"
_ROUTE_RE = re.compile(
    rf"\b({'|'.join(_ROUTES)})\s+(?!(?:and|or|to|versus|vs|administration|giving|route|cavity|hygiene|health|mucosa|use"
    rf"|intake)\b)([a-z][\w-]*)((?:\s+(?:{_HEADS}))?)\b(\s+(?:administered|given)\b)?",
    re.IGNORECASE,
)


def _route_of(match: re.Match[str]) -> str:
    # "the oral administration of prozac" -> "giving prozac by mouth"
    return f"giving {match.group(2)} {_ROUTES[match.group(1).lower()].split(' ', 1)[1]}"


_REWRITES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"\b(?:is|are|was|were)\s+(?:absolutely\s+|relatively\s+)?contraindicated\b", re.I),
        "should not be used",
    ),
    (
        re.compile(r"\bconcomitant (?:use|administration) of ([\w-]+) (and|with) ([\w-]+)", re.I),
        r"using \1 \2 \3 at the same time",
    ),
    (
        re.compile(r"\bconcomitant\s+([a-z][\w-]*(?: (?:and|or) [a-z][\w-]*(?: agents| drugs| medications)?)?)", re.I),
        r"\1 at the same time",
    ),
    (
        re.compile(
            r"\b(?:the\s+)?(?:efficacy|effectiveness) of ([\w-]+)(?=\s+(?:was|is|were|are|has|had|did|does|in|for"
            r"|compared|versus|vs\.?|when|as|at|on|over|with)\b|[,.;:)]|$)",
            re.I,
        ),
        r"how well \1 works",
    ),
    (re.compile(rf"\b(?:the\s+)?({'|'.join(_ROUTES)}) administration of ([\w-]+)", re.I), _route_of),
    (re.compile(r"\b(?:the\s+)?administration of\b", re.I), "giving"),
    (re.compile(r"\b(of|after|before|following|during|with) ([a-z][\w-]*) administration\b"), r"\1 giving \2"),
    (re.compile(r"\b(?:the\s+)?(?:discontinuation|cessation|withdrawal) of\b", re.I), "stopping"),
    (re.compile(r"\b(?:the\s+)?initiation of\b", re.I), "starting"),
    (
        re.compile(r"\bmetastatic\s+((?:[\w-]+\s+){0,2}?(?:cancer|carcinoma|disease|melanoma|tumou?rs?))\b", re.I),
        r"\1 that has spread",
    ),
    (
        re.compile(r"\b(with|than|versus|vs\.?|to|or|and|over|received|receiving|given|took|taking)\s+placebo\b", re.I),
        r"\1 a dummy pill",
    ),
    # "patients" becomes "people" only where it heads its phrase: "trauma patients" stays as it is.
    (
        re.compile(
            r"(^|\b(?:in|among|of|for|to|with|that|than|and|or|the|all|many|most|some|these|those|adult|older|younger"
            r"|such|where|which|who|when)\s+)patients\b",
            re.I,
        ),
        r"\1people",
    ),
]


def _route(match: re.Match[str]) -> str:
    # "intravenous alteplase administered within" -> "alteplase given into a vein within": one "given" only.
    return f"{match.group(2)}{match.group(3)} {_ROUTES[match.group(1).lower()]}"


def _match_case(original: str, plain: str) -> str:
    if plain and original[:1].isupper() and not original.isupper():
        return plain[:1].upper() + plain[1:]
    return plain


def _replace_terms(text: str, introduced: set[str]) -> str:
    pattern, lookup = _term_pattern()
    acronyms = _tables()["acronyms"]

    def term(m: re.Match[str]) -> str:
        plain = lookup[m.group(0).lower()]
        if plain:
            introduced.add(plain.split()[0].lower())
        return _match_case(m.group(0), plain)

    def acronym(m: re.Match[str]) -> str:
        plain = acronyms[m.group(0)]
        introduced.add(plain.split()[0].lower())
        return plain

    return _acronym_pattern().sub(acronym, pattern.sub(term, text))


def _fix_articles(text: str, introduced: set[str]) -> str:
    """Make "a"/"an" agree with a word the table put after it ("an acute MI" -> "a sudden heart attack")."""

    def fix(m: re.Match[str]) -> str:
        article, word = m.group(1), m.group(2)
        if word.lower() not in introduced:
            return m.group(0)
        vowel = word[0].lower() in "aeiou" and not word.lower().startswith(("us", "uni", "one"))
        new = ("an" if vowel else "a") if article.islower() else ("An" if vowel else "A")
        return f"{new} {word}"

    return re.sub(r"\b(an?|An?)\s+([\w-]+)", fix, text)


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([,.;:)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"[,;:]\s*([.!?])", r"\1", text)
    text = re.sub(r"\b(a|an|the)\s+(?=[,.;])", "", text, flags=re.I)
    return " ".join(text.split()).strip(" ,;:")


def _finish(sentence: str) -> str:
    sentence = sentence.strip(" ,;:")
    if not sentence:
        return ""
    sentence = sentence[:1].upper() + sentence[1:]
    return sentence if sentence[-1] in ".!?" else sentence + "."


def to_plain(sentence: str) -> str:
    """Rewrite one evidence sentence for patients: no statistics or citations, plain words, short sentences."""
    text = normalize(sentence).replace("\n", " ")
    if not text:
        return ""
    text = _CITATION.sub("", text)
    previous = None
    while previous != text:  # innermost parentheses first, so nested statistics go too
        previous, text = text, _PAREN.sub(_paren, text)
    text = _BARE_STATS.sub("", text)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    text = _ROUTE_RE.sub(_route, text)
    introduced: set[str] = set()
    text = _tidy(_fix_articles(_replace_terms(text, introduced), introduced))
    parts = [p for p in re.split(r"\s*;\s*", text) if p]
    if len(parts) > 1 and len(text.split()) > 20 and all(len(p.split()) >= 4 for p in parts):
        return " ".join(_finish(p) for p in parts)
    return _finish(text)


# --- students -----------------------------------------------------------------------------------------------
# Roman numerals after these words are stages or classes, not abbreviations ("stage IV", "class I").
_NOT_ABBREVIATION_AFTER = re.compile(r"\b(?:stage|grade|class|type|phase|level|nyha|category|cycle)\s*$", re.I)


def for_student(sentence: str, seen: set[str] | None = None) -> str:
    """Expand known abbreviations on first use ("HR" -> "hazard ratio (HR)"); `seen` carries across sentences."""
    abbreviations = _tables()["abbreviations"]
    seen = set() if seen is None else seen
    text = normalize(sentence)
    lowered = text.lower()
    for abbr, full in abbreviations.items():
        if full.lower() in lowered:
            seen.add(abbr)  # already spelled out in this sentence
    alternation = "|".join(re.escape(a) for a in sorted(abbreviations, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternation})(s?)(?![\w-])")

    def expand(m: re.Match[str]) -> str:
        abbr, plural = m.group(1), m.group(2)
        if abbr in seen or _NOT_ABBREVIATION_AFTER.search(text[: m.start()]):
            return m.group(0)
        seen.add(abbr)
        full = abbreviations[abbr] + ("s" if plural else "")
        inside_parens = text[: m.start()].count("(") > text[: m.start()].count(")")
        if m.start() == 0 or re.search(r"[.!?]\s+$", text[: m.start()]):
            full = full[:1].upper() + full[1:]
        return f"{full} [{abbr}{plural}]" if inside_parens else f"{full} ({abbr}{plural})"

    return pattern.sub(expand, text)
