"""Audience rendering: plain-language rewrites for patients, abbreviation expansion for students, readability.

`to_plain` is deliberately conservative: it only deletes statistics, citations and study-design labels, swaps
jargon for plain words from a fixed table (`plain_terms.json`) and splits long sentences. It never touches
negations ("not", "no"), numbers outside statistics, or drug names, and never adds a claim.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..text import normalize
from .models import Answer, Audience, KeyTerm, Statement

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
    rf"\b(?:relative|absolute) risk(?: reduction| increase)?\s*(?:was\s*|of\s*|[=:,]\s*)?{_NUM}",
    r"\b[nN]\s*=\s*\d[\d,]*",
    rf"{_NUM}\s*%?\s*(?:vs\.?|versus)\s*{_NUM}\s*%?",
    rf"{_NUM}\s*%",
    r"\b\d+\s*/\s*\d+\b",
    r"\b(?:level|class|grade|quality|certainty|strength) of (?:evidence|recommendation)\b[^;,]*",
    r"\b(?:strong|weak|conditional|moderate) recommendation\b",
    r"\b(?:high|moderate|low|very low)[- ](?:quality|certainty)(?: evidence)?\b",
    r"\b(?:class|level|grade|loe|cor)\s*(?:[1-4]|I{1,3}V?|IIa|IIb|[A-C])[abc]?\b(?!\s+(?:or|and)\s+(?:higher|above|more"
    r"|worse|greater|lower|below|less)\b)",
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
_AUX = r"(?:is|are|was|were|has|have|had|should|must|may|might|can|could|will|would|does|do|did)"
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
    rf"(?<![\w-])({'|'.join(_ROUTES)})\s+(?!(?:and|or|to|versus|vs|administration|giving|route|cavity|hygiene|health"
    rf"|mucosa|use|intake|urography|pyelography|access|cannulation|catheters?|lines?|transgastric)\b)([a-z][\w-]*(?:\s+[A-Z0-9]\b)?)((?:\s+(?:{_HEADS}))?)\b(\s+(?:administered|given)\b)?"
    r"(?!\s+(?:monitoring|management|care|clinics?|services?|use|users|prescri\w+|dosing|doses?)\b)",
    re.IGNORECASE,
)


def _route_of(match: re.Match[str]) -> str:
    # "the oral administration of prozac" -> "giving prozac by mouth"
    return f"giving {match.group(2)} {_ROUTES[match.group(1).lower()].split(' ', 1)[1]}"


_GERUNDS = {
    "reducing": "reduce", "preventing": "prevent", "lowering": "lower", "improving": "improve", "treating": "treat",
    "relieving": "relieve", "prolonging": "prolong", "increasing": "increase", "shortening": "shorten",
}  # fmt: skip
_EFFECTIVE_IN = re.compile(
    rf"\b(is|are) (?:clearly |highly |very )?effective (?:in|at|for) ({'|'.join(_GERUNDS)})\b"
    rf"(?![^.;]*\b(?:and|or) (?:{'|'.join(_GERUNDS)})\b)"  # "in lowering A and reducing B" keeps its shape
)


# "X is safe in pregnancy and effective in reducing Y" -> "... and reduces Y" (the verb agrees with the "is"/"are")
_AND_EFFECTIVE_IN = re.compile(rf"\band (?:clearly |highly |very )?effective (?:in|at) ({'|'.join(_GERUNDS)})\b")


def _and_effective_in(m: re.Match[str]) -> str:
    before = re.findall(r"\b(is|are)\b", m.string[: m.start()])
    if not before:
        return m.group(0)
    return "and " + _GERUNDS[m.group(1)] + ("s" if before[-1] == "is" else "")


def _effective_in(m: re.Match[str]) -> str:
    # "X is effective in reducing Y" -> "X reduces Y": the same claim, said directly
    verb = _GERUNDS[m.group(2)]
    return verb + ("s" if m.group(1) == "is" else "")


_REWRITES: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (_EFFECTIVE_IN, _effective_in),
    (_AND_EFFECTIVE_IN, _and_effective_in),
    (re.compile(r"\bis an effective (option|treatment|choice)\b"), r"is an \1 that works well"),
    # "is (not) effective" -> "works (does not work) well", "more effective than" -> "works better than"
    (re.compile(r"\bis (?:clearly |highly |very )?more effective than\b"), "works better than"),
    (re.compile(r"\bare (?:clearly |highly |very )?more effective than\b"), "work better than"),
    (re.compile(r"\bis not (?:clearly |significantly )?effective\b"), "does not work well"),
    (re.compile(r"\bare not (?:clearly |significantly )?effective\b"), "do not work well"),
    (re.compile(r"\bis (?:clearly |highly |very )?effective\b(?! option)"), "works well"),
    (re.compile(r"\bare (?:clearly |highly |very )?effective\b(?! options)"), "work well"),
    (re.compile(r"\b(is|are) indicated\b"), r"\1 used"),
    (re.compile(r"\b(was|were|is|are|be|been|being) (?:performed|conducted|carried out)\b"), r"\1 done"),
    (re.compile(r"\b(was|were|is|are|be|been|being) observed\b"), r"\1 seen"),
    # "X was well tolerated" -> "X caused few problems" (the verb changes with it: never "was caused few problems")
    (re.compile(r"\b(?:was|were)\s+((?:generally|usually|very)\s+)?well[- ]tolerated\b"), r"\1caused few problems"),
    (re.compile(r"\bis\s+((?:generally|usually|very)\s+)?well[- ]tolerated\b"), r"\1causes few problems"),
    (re.compile(r"\bare\s+((?:generally|usually|very)\s+)?well[- ]tolerated\b"), r"\1cause few problems"),
    (re.compile(r"\bbe\s+((?:generally|usually|very)\s+)?well[- ]tolerated\b"), r"\1cause few problems"),
    (re.compile(r"\b(was|were|is|are|be|been|being) identified\b"), r"\1 found"),
    # "5 years of oral or 3 years of intravenous X therapy": each route stays with its own duration
    (
        re.compile(r"\b(\d+ years?) of oral or (\d+ years?) of intravenous ([\w-]+) (therapy|treatment)\b", re.I),
        r"\3 \4 for \1 by mouth or \2 into a vein",
    ),
    (re.compile(r"\bunless (?:otherwise )?contraindicated\b", re.I), "unless there is a medical reason not to"),
    (
        re.compile(r"\b(?:is|are|was|were)\s+(?:absolutely\s+|relatively\s+)?contraindicated\b", re.I),
        "should not be used",
    ),
    (
        re.compile(
            r"\bconcomitant (?:use|administration) of ([\w-]+) (and|with) ([\w-]+(?: (?:or|and) [\w-]+)?)", re.I
        ),
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
        if len(m.group(0)) > 3 and m.group(0).isupper():
            return m.group(0)  # a name in capitals: "EMPA-REG OUTCOME", "the TRIAL group"
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


def _simplify(text: str, details: list[str]) -> str:
    """Statistics, citations and trial names out (into `details`), then active voice, plain words, short sentences."""
    text = _CITATION.sub("", text)
    previous = None
    while previous != text:  # innermost parentheses first, so nested statistics go too
        previous, text = text, _PAREN.sub(lambda m: _paren_collect(m, details), text)
    text = _BARE_STATS.sub(lambda m: _collect(m, details), text)
    text = _TRIAL.sub(lambda m: _trial(m, details), text)
    text = _organisation_pattern().sub(lambda m: _organisation(m, details), text)
    text = _MONOTHERAPY.sub(r"\1 on its own", text)
    text = " ".join(_active_voice(part) for part in _sentences(_split_shared_subject(_objective(text))))
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    text = _ROUTE_RE.sub(_route, text)
    introduced: set[str] = set()
    text = _tidy(_fix_articles(_replace_terms(text, introduced), introduced))
    text = _ACTIVE_VERBS.sub(lambda m: _match_case(m.group(0), _active_verbs()[m.group(0).lower()]), text)
    text = _lift_parentheses(text)
    return " ".join(_finish(p) for p in _split_clauses(text) if p.strip(" ,;:"))


_ACTIVE_VERBS = re.compile(r"\b(?:recommends|recommend|recommended|recommending)\b", re.I)

# "The aim of this study was to ..." and the bare "To assess ..." of an abstract's objective: one plain sentence.
_AIM = re.compile(
    r"^(?:The\s+)?(?:main\s+|primary\s+)?(?:aim|purpose|objective|goal)s?\s+of\s+"
    r"(?:this|the present|the current|our|the)\s+(?:study|work|paper|analysis|research|investigation)\s+"
    r"(?:was|is|were)\s+to\s+(?=[a-z])"
)
_OBJECTIVE_VERBS = (
    r"assess|evaluate|examine|investigate|determine|compare|study|describe|analy[sz]e|explore|test|identify"
    r"|estimate|measure|report|validate|quantify|characteri[sz]e|clarify|review|document|establish|define|develop"
)
# "To assess X." is an abstract's objective, not a sentence. A comma followed by a subject ("To assess X, we measured
# Y") means a main clause follows: that is a sentence already. (A bare "Determine whether ..." could be a guideline's
# instruction, so only the "To ..." form is rewritten.)
_OBJECTIVE_FRAGMENT = re.compile(
    rf"^To\s+(?=(?:{_OBJECTIVE_VERBS})\b)"
    r"(?![^.]*,\s+(?:we|they|it|this|these|those|the|a|an|all|our|patients|people|participants|subjects|data)\b)"
)


def _objective(text: str) -> str:
    m = _IN_STUDY_LEAD.match(text)
    if m and not _CONDITION.search(text):
        main = m.group("main")
        text = f"{main[:1].upper()}{main[1:]}. This was found in {m.group('study')} in {m.group('group')}."
    text = _AIM.sub("This study aimed to ", text)
    m = _OBJECTIVE_FRAGMENT.match(text)
    if not m:
        return text
    return "This study aimed to " + text[m.end() :]


# "Methotrexate is not safe in pregnancy and should not be taken by ..." -> two sentences, the subject said twice
# (a pronoun could point at the wrong noun). Not when the subject is a clause ("People who ...") or a condition binds
# the two halves ("if", "unless").
_SHARED_SUBJECT = re.compile(
    rf"^(?P<subj>[A-Z][^,;:()]{{1,70}}?)\s+(?P<v1>{_AUX})\b(?P<mid>[^;()]{{12,}}?),?\s+(?P<conj>and|but)\s+"
    rf"(?P<v2>{_AUX})\s+(?P<rest>[^;]{{10,}})$"
)


def _split_shared_subject(text: str) -> str:
    m = _SHARED_SUBJECT.match(text)
    if not m or _CONDITION.search(text) or len(text.split()) <= 11:
        return text
    subj, mid = m.group("subj"), m.group("mid")
    if _HEADS_NOT_SUBJECT.search(subj) or len(subj.split()) > 8 or re.search(r"\b(?:who|which|that|and|or)\b", mid):
        return text
    second = f"But {_lower_first(subj)}" if m.group("conj") == "but" else subj
    return f"{subj} {m.group('v1')}{mid}. {second} {m.group('v2')} {m.group('rest')}"


@cache
def _active_verbs() -> dict[str, str]:
    active = _data().get("active", {})
    assert isinstance(active, dict)
    return {str(k): str(v) for k, v in active.items()}


@lru_cache(maxsize=8192)
def to_plain(sentence: str) -> str:
    """Rewrite one evidence sentence for patients: no statistics or citations, plain words, short sentences.

    Memoised: patient asks grade the plain rewrite of their leading candidates, which repeat across questions.

    The rewrite is checked against the original (`meaning_check`); when it fails, the statistics-free original
    wording is used, and when even that fails, the clinician sentence with a note (see `plain_statement`).
    """
    return plain_statement(sentence).text


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

    expanded = pattern.sub(expand, text)
    # "an SSRI" -> "a selective serotonin reuptake inhibitor (SSRI)": the article follows the spelled-out words
    introduced = {abbreviations[a].split()[0].lower() for a in seen if a in abbreviations}
    return _define_for_students(_fix_articles(expanded, introduced), seen)


@cache
def _student_glossary() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    glossary = _data().get("student_glossary", {})
    assert isinstance(glossary, dict)
    out = []
    for term, definition in sorted(glossary.items(), key=lambda kv: -len(kv[0])):
        flags = 0 if re.search(r"[A-Z]{2}", term) else re.IGNORECASE
        out.append((term, definition, re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", flags)))
    return tuple(out)


@cache
def _student_context() -> dict[str, re.Pattern[str]]:
    """Ambiguous student terms ("sensitivity" of a test, not "insulin sensitivity") and the words that must be near."""
    raw = _data().get("student_glossary_context", {})
    assert isinstance(raw, dict)
    return {k.lower(): re.compile(rf"\b(?:{v})\b", re.I) for k, v in raw.items() if not k.startswith("_")}


def _in_context(term: str, text: str, match: re.Match[str]) -> bool:
    """A term with a context rule counts only when one of its cue words is in the same sentence, outside the term."""
    cue = _student_context().get(term.lower())
    if cue is None:
        return True
    start = max(text.rfind(". ", 0, match.start()) + 1, 0)
    end = text.find(". ", match.end())
    sentence = text[start : end if end >= 0 else len(text)]
    rest = sentence.replace(match.group(0), " ")
    return bool(cue.search(rest))


def _define_for_students(text: str, seen: set[str]) -> str:
    """What a medicine is, after its first mention: "tamoxifen (a selective oestrogen receptor modulator)"."""
    spans: list[tuple[int, int, str]] = []
    low = text.lower()
    for term, definition, pattern in _student_glossary():
        key = f"define:{term.lower()}"
        if key in seen or term.lower() not in low:
            continue
        for m in pattern.finditer(text):
            inside = text[: m.start()].count("(") > text[: m.start()].count(")")
            overlaps = any(a < m.end() and m.start() < b for a, b, _ in spans)
            if inside or overlaps or text[m.end() : m.end() + 2].startswith((" (", " [")):
                continue
            if not _in_context(term, text, m):
                continue
            spans.append((m.start(), m.end(), definition))
            seen.add(key)
            break
    for _start, end, definition in sorted(sorted(spans)[:3], reverse=True):  # at most three, from the right
        text = f"{text[:end]} ({definition}){text[end:]}"
    return text


# --- patient rendering that keeps the meaning (issue 14) ---------------------------------------------------
def _collect(match: re.Match[str], details: list[str]) -> str:
    piece = match.group(0).strip(" ,;")
    if piece:
        details.append(piece)
    return ""


def _paren_collect(match: re.Match[str], details: list[str]) -> str:
    """`_paren`, keeping what it cuts: the statistics of a parenthesis go to the details part."""
    kept = _paren(match)
    if kept != match.group(0):
        inner = match.group(1).strip()
        if inner:
            details.append(inner)
    return kept


# "The EMILIA trial", "the DESTINY-Breast03 trial": a trial name is a detail; the finding is what matters.
_TRIAL = re.compile(
    r"\b(?:(?:[Tt]he|[Aa]n?|[Tt]his|[Oo]ur)\s+)?([A-Z][A-Z0-9]{2,}(?:-[A-Za-z]*\d*[A-Za-z0-9]*)?(?:\s+(?:III|II|IV|\d+))?)"
    r"\s+(trial|study|studies|trials)\b"
)


def _trial(match: re.Match[str], details: list[str]) -> str:
    details.append(f"{match.group(1)} {match.group(2)}")
    plural = match.group(2).endswith("s")
    return "large studies" if plural else "a large study"


_HEADS_NOT_SUBJECT = re.compile(
    r"\b(?:that|which|who|because|when|if|unless|although|whereas|while|is|are|was|were|has|have|had|can|may|should"
    r"|will|does|do|did|must)\b",
    re.I,
)


def _lower_first(phrase: str) -> str:
    # "Combining tamoxifen" -> "combining tamoxifen", "A full dose" -> "a full dose"; "T-DM1", "NICE" stay.
    first = phrase.split(" ", 1)[0]
    return phrase[:1].lower() + phrase[1:] if len(first) == 1 or first[1:].islower() else phrase


@cache
def _organisation_pattern() -> re.Pattern[str]:
    names = _data().get("organisations", [])
    assert isinstance(names, list)
    alternation = "|".join(re.escape(str(n)) for n in sorted(names, key=len, reverse=True))
    return re.compile(
        rf"\b(?:[Tt]he\s+)?(?:(?:19|20)\d\d\s+)?(?P<org>{alternation})(?P<year>\s*\((?:19|20)\d\d\))?"
        r"(?:\s+(?:guidelines?|guidance|statement|recommendations?))?"
        r"\s+(?P<verb>recommends|recommend|advises|advise|suggests|suggest|states|state|found|find|notes|says)\b"
    )


def _organisation(match: re.Match[str], details: list[str]) -> str:
    """ "The US Preventive Services Task Force (2022) recommends" -> "a guideline recommends" (the name is a detail)."""
    details.append(f"Source: {match.group('org')}{match.group('year') or ''}".strip())
    return f"a guideline {match.group('verb')}"


_MONOTHERAPY = re.compile(
    r"\b(?!(?:as|of|with|in|for|to|and|or|the|a|an|on|than|versus|vs)\b)([\w-]+)\s+monotherapy\b", re.I
)


def _lift_parentheses(text: str) -> str:
    """A long aside in parentheses becomes its own short sentence after the one it interrupts."""
    lifted: list[str] = []

    def lift(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        dose = bool(re.match(r"\d", inner) and _DOSE_NUMBER.search(inner))
        if (len(inner.split()) < (3 if dose else 5)) or _CONDITION.search(inner) or _NEGATION_CUE.search(inner):
            return m.group(0)
        if _drugs(inner) or not (dose or ":" in inner or re.search(r"\b(?:is|are|was|were|has|have)\b", inner)):
            return m.group(0)  # a list of drugs, or a qualifier that only reads right where it is
        if dose:
            lifted.append(f"The dose is {inner}")
        else:
            lifted.append(("This is " + inner) if re.match(r"(?:a|an|the)\s", inner, re.I) else inner)
        return ""

    text = _PAREN.sub(lift, text)
    if not lifted:
        return text
    return " ".join([_finish(_tidy(text)), *(_finish(x) for x in lifted)])


_NOT_RECOMMENDED = re.compile(
    r"^(?P<subj>[^,;:]{3,90}?)\s+(?:is|are)\s+not\s+(?:routinely\s+|generally\s+)?recommended\b(?P<rest>.*)$", re.S
)
_RECOMMENDED = re.compile(
    r"^(?P<subj>[^,;:]{3,90}?)\s+(?:is|are)\s+(?:strongly\s+|generally\s+|usually\s+)?recommended\s+"
    r"(?P<rest>(?:for|in|as|to|after|before|during|instead|in preference|when|within|only|over|rather)\b.*)$",
    re.S,
)
_COMBINATION_CONTRAINDICATED = re.compile(
    r"^(?:Combining|Using|Taking|Giving)\s+(?P<a>[^,;:]{2,40}?)\s+(?:with|and|together with)\s+(?P<b>[^,;:]{2,40}?)\s+"
    r"(?:is|are)\s+(?:absolutely\s+|strictly\s+)?contraindicated\b(?P<rest>.*)$",
    re.S,
)
_CONSIDERED = re.compile(r"^(?P<subj>[^,;:]{3,90}?)\s+(?:may|can|could|should)\s+be\s+considered\b(?P<rest>.*)$", re.S)


def _active_voice(text: str) -> str:
    """Recommendations as doctors' advice: "X is not recommended in Y" -> "Doctors do not advise X in Y"."""
    m = _COMBINATION_CONTRAINDICATED.match(text)
    if m:  # "Combining sildenafil with nitrates is contraindicated" -> "Sildenafil must not be combined with nitrates"
        a = m.group("a")
        return f"{a[:1].upper()}{a[1:]} must not be combined with {m.group('b')}{m.group('rest')}"
    for pattern, template in (
        (_NOT_RECOMMENDED, "Doctors do not advise {subj}{rest}"),
        (_RECOMMENDED, "Doctors advise {subj} {rest}"),
        (_CONSIDERED, "Doctors may suggest {subj}{rest}"),
    ):
        m = pattern.match(text)
        if m and not _HEADS_NOT_SUBJECT.search(m.group("subj")) and len(m.group("subj").split()) <= 12:
            return template.format(subj=_lower_first(m.group("subj")), rest=m.group("rest"))
    text = re.sub(r"\brecommends against\b", "advises against", text)
    return text


# Verbs that open a second predicate of the same subject (", and had a lower survival"): no new sentence there.
_PAST = (
    r"(?:had|received|showed|required|needed|developed|experienced|reported|underwent|used|took|increased|reduced"
    r"|improved|lowered|led|caused|remained|became|resulted)"
)
# Clause boundaries where a sentence can be cut in two without changing what either half says.
_CLAUSE_SPLITS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r",\s+because\s+(?:of\s+)?"), ". This is because "),
    (re.compile(r"(?<=\w)(?<!\bis)\s+because\s+(?!of\b)"), ". This is because "),
    # ", but are used when ..." has no subject of its own: that one is cut by `_split_shared_subject` or not at all
    (re.compile(rf",\s+but\s+(?!{_AUX}\b|not\b|{_PAST}\b|\w{{3,}}ed\b)"), ". But "),
    (re.compile(r",\s+although\s+(?=(?:it|they|this|these|the|there|[A-Z]\w*)\s)"), ". But "),
    (re.compile(r",\s+whereas\s+"), ". But "),
    (re.compile(r",\s+which\s+(?=(?:is|are|was|were|has|have|can|may|might|could|reduces?|increases?)\b)"), ". This "),
    (re.compile(r",\s+so\s+"), ". So "),
    # ", suggesting that X" -> ". This suggests that X": the participle's subject is the whole finding before it
    (re.compile(r",\s+suggesting\s+that\s+"), ". This suggests that "),
    (re.compile(r",\s+indicating\s+that\s+"), ". This shows that "),
    (re.compile(r",\s+showing\s+that\s+"), ". This shows that "),
    (re.compile(r",\s+while\s+(?=(?:the|a|an|those|these|patients|people|it|they|there|[A-Z0-9])\S*\s)"), ". But "),
    (re.compile(r",\s+including\s+in\s+"), ". This also applies to "),
    # not "X, including Y, are caused by Z": there the list sits inside the subject
    (re.compile(rf",\s+including\s+(?=(?:\S+\s+){{3}})(?![^.;]*,\s+{_AUX}\b)"), ". This includes "),
    (
        re.compile(
            rf",\s+and\s+(?!{_AUX}\b|not\b|{_PAST}\b)(?=(?:[\w-]+\s+){{1,4}}(?:is|are|was|were|has|have|should|must|may|can|will|does|do|did"
            r"|advises?|recommends?|suggests?|increases?|reduces?|lowers?|causes?|improves?)\b)"
        ),
        ". ",
    ),
    (re.compile(r",\s+with\s+(?P<x>[\w-]+(?:\s+[\w-]+)?)\s+(?:reserved|kept)\s+for\s+"), ". \\g<x> is kept for "),
]
# A sentence with a condition is never cut: "X is advised, because Y, unless Z" must keep Z bound to X.
_CONDITION = re.compile(r"\b(?:unless|except|only if|provided|as long as|if|until)\b", re.I)


_GROUP = r"(?:people|adults|women|men|children|babies|infants|patients|those|everyone|anyone|older adults|girls|boys)"
# "For people with X, doctors advise Y" -> "Doctors advise Y. This applies to people with X." (both stay in the
# statement; the rule comes first, who it is for right after), and the same for a long trailing "for people ...".
# Words that say which people, before the group word: "healthy older adults", "postmenopausal women".
_WHO_WORDS = (
    r"(?:most|all|healthy|otherwise healthy|usually healthy|generally healthy|older|younger|young|pregnant"
    r"|non-pregnant|postmenopausal|premenopausal|frail|suitable|high-risk|low-risk|symptom-free|critically ill"
    r"|very old)"
)
_WHO = rf"(?:{_WHO_WORDS}\s+){{0,2}}"
# "In a large study in people with X, Y was ..." -> "Y was .... This was found in a large study in people with X."
_IN_STUDY_LEAD = re.compile(
    rf"^In\s+(?P<study>(?:a|one|another)\s+(?:large\s+)?study)\s+in\s+(?P<group>{_WHO}{_GROUP}\b[^,]{{4,}}),"
    r"\s+(?P<main>[a-zA-Z][^;]{20,}?)\.?$"
)
_LEADING_GROUP = re.compile(
    rf"^(?:For|In|Among)\s+(?P<group>{_GROUP}\b[^,]{{8,}}|(?:{_WHO_WORDS}\s+){{1,2}}{_GROUP}\b[^,]*),"
    rf"\s+(?P<main>.{{20,}})$"
)
_TRAILING_GROUP = re.compile(
    rf"^(?P<main>(?:\S+\s+){{5,}}?\S+?)(?<!\bonly)(?<!\bexcept)(?<!\bnot)(?<!\bespecially)(?<!\bmainly)"
    rf"(?<!\bparticularly)(?<!\beven)(?<!\bjust)(?<!\bmostly)(?<!\bchiefly)\s+(?:for|in)\s+(?P<group>{_WHO}{_GROUP}\b.{{20,}})$"
)
# "for adults and adolescents is as-needed X": the verb after the group is the main clause's, so no cut there.
_GROUP_VERB = re.compile(r"^(?:(?!\b(?:who|whose|that|which|when|where)\b).)*?\b(?:is|are|was|were)\b")
# "X is given to reduce Y" -> "X is given. This is to reduce Y"; never after a word that needs its "to" ("shown to
# reduce", "able to", "likely to", "used to"): there the infinitive is the claim itself.
_PURPOSE = re.compile(
    r"(?<=\w)(?<!\bshown)(?<!\bfound)(?<!\bbeen)(?<!\bable)(?<!\blikely)(?<!\bused)(?<!\bthought)(?<!\bknown)"
    r"(?<!\bexpected)(?<!\bdesigned)(?<!\baimed)(?<!\bseems)(?<!\bseemed)(?<!\bappears)(?<!\bappeared)(?<!\bhelps)"
    r"(?<!\bhelp)(?<!\bneeded)(?<!\bneed)(?<!\bneeds)(?<!\bfailed)(?<!\bfail)(?<!\btended)(?<!\bwant)(?<!\bwanted)"
    r"(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)(?<!\bhas)(?<!\bhave)(?<!\bhad)(?<!\bdemonstrated)(?<!\bshowed)"
    r"\s+to\s+(?=(?:reduce|prevent|lower|improve|relieve|treat|protect)\b)"
)


_SUCH_AS = re.compile(
    r",?\s+such as\s+(?P<ex>[^,.;()]+?)(?:,\s+(?=(?:is|are|was|were|can|may|should|has|have)\b)|(?=\.?$))"
)
_DOSE_APPOSITIVE = re.compile(
    r"^(?P<np>[^,]{3,50}),\s+(?P<app>\d[^,]*?\b(?:mg|g|mcg|ml|mL|units?|IU)\b[^,]*),\s+(?P<rest>(?:is|are)\s.+)$"
)
_IN_WHOM = re.compile(r",\s+in whom\s+")
_STUDY_IN_GROUP = re.compile(
    rf"^(?P<study>(?:[Aa]|[Oo]ne|[Aa]nother)\s+(?:large\s+)?study|(?:[Ll]arge\s+)?[Ss]tudies)\s+in\s+(?P<group>{_WHO}{_GROUP}\b[^,]*?)"
    r"\s+(?P<verb>found|showed|shows|show|find|suggests|suggest|suggested)\s+that\s+(?P<rest>.{15,})$"
)
_DOSE_INSIDE = re.compile(
    r",\s+(?P<dose>\d[\d.,]*\s*(?:mg|g|mcg|micrograms?|milligrams?|IU|units?)\b[^,()]{0,40}?),(?P<tail>\s+[^,]{6,})$"
)
# Only a condition at the very end, after a comma, and never "unless"/"except": those stay bound to their clause.
_TRAILING_CONDITION = re.compile(r",\s+(?P<word>if|when|where)\s+(?P<rest>[^,;()]{8,})$")
_BASED_ON = re.compile(r",\s+based on\s+(?P<src>[^,.;]+)\.?$")


def _lift_groups(sentence: str) -> str:
    if len(sentence.split()) <= 11 or sentence.startswith(
        ("This was found in", "The study was in", "The studies were")
    ):
        return sentence  # who a study enrolled is not who a rule applies to
    body = sentence.rstrip(".")
    m0 = _SUCH_AS.search(body)
    if m0 and not _CONDITION.search(m0.group("ex")):
        main = body[: m0.start()] + (" " if m0.group(0).rstrip().endswith(",") else "") + body[m0.end() :]
        return f"{_tidy(main)}. For example, {m0.group('ex').strip()}."
    m5 = _STUDY_IN_GROUP.match(body)
    if (
        m5
    ):  # "A large study in adults aged 70 or older found that X" -> "A large study found that X. The study was in ..."
        were = "were" if m5.group("study").lower().endswith("studies") else "was"
        the = "The studies" if were == "were" else "The study"
        return f"{m5.group('study')} {m5.group('verb')} that {m5.group('rest')}. {the} {were} in {m5.group('group')}."
    m6 = _DOSE_INSIDE.search(body)
    if m6 and len(_drugs(body)) == 1 and not _CONDITION.search(m6.group("dose")):
        # "take a higher dose of folic acid, 4 mg daily in US guidance, starting before pregnancy" (one medicine only,
        # so the dose cannot end up with another)
        return f"{body[: m6.start()]}{m6.group('tail')}. The dose is {m6.group('dose')}."
    m1 = _DOSE_APPOSITIVE.match(body)
    if m1:
        return f"{m1.group('np')} {m1.group('rest')}. The dose is {m1.group('app')}."
    if _IN_WHOM.search(body):
        return _IN_WHOM.sub(". For them, ", body, count=1) + "."
    m3 = _BASED_ON.search(body)
    if m3:
        return f"{body[: m3.start()]}. This is based on {m3.group('src')}."
    m4 = _TRAILING_CONDITION.search(body)
    if m4 and len(body[: m4.start()].split()) >= 8 and not _CONDITION.search(body[: m4.start()]):
        # "X is advised for Y, if the eGFR is 45 or more" -> "X is advised for Y. This applies if the eGFR is ..."
        return f"{body[: m4.start()]}. This applies {m4.group('word')} {m4.group('rest')}."
    if _CONDITION.search(sentence):
        return sentence
    m = _LEADING_GROUP.match(body) or _TRAILING_GROUP.match(body)
    if m and _FINITE.search(m.group("main")) and not _GROUP_VERB.search(m.group("group")):  # both must still read
        main = m.group("main").rstrip(" ,;:")
        return f"{main[:1].upper()}{main[1:]}. This applies to {m.group('group')}."
    m2 = _PURPOSE.search(body)
    if m2 and len(body[: m2.start()].split()) >= 10 and len(body[m2.end() :].split()) >= 3:
        return f"{body[: m2.start()]}. This is to {body[m2.end() :]}."
    return sentence


def _split_clauses(text: str) -> list[str]:
    parts = [p for p in re.split(r"\s*;\s*(?![^()]*\))", text) if p]  # never inside parentheses
    if not (len(parts) > 1 and len(text.split()) > 20 and all(len(p.split()) >= 4 for p in parts)):
        parts = [text]
    out: list[str] = []
    for part in parts:
        if not _CONDITION.search(part) and len(part.split()) > 11:
            for pattern, replacement in _CLAUSE_SPLITS:
                left_ok = (m := pattern.search(part)) is not None and len(part[: m.start()].split()) >= 5
                # the left part must be a clause: "A score, B score, and C score are used" is one subject
                left_ok = left_ok and bool(_FINITE.search(part[: m.start()]))  # type: ignore[union-attr]
                if left_ok and len(part[m.end() :].split()) >= 3:  # type: ignore[union-attr]
                    part = pattern.sub(replacement, part, count=1)
        elif len(part.split()) > 11:
            part = _split_before_condition(part)
        out.extend(piece for sentence in _sentences(part) for piece in _sentences(_lift_groups(sentence)))
    return [_capitalise_after_stops(p) for p in out]


# A coordination cut is also safe when the condition sits inside the second clause ("..., and people should be
# reviewed ... earlier if they are young"): it stays with what it qualifies. Not when the condition is a
# sentence-level adjunct after a comma (", if ...", which may qualify both halves), nor for "unless"/"except"/"until".
_COORDINATION_SPLITS = (",\\s+and\\s+", ",\\s+but\\s+", ",\\s+whereas\\s+")


def _split_before_condition(part: str) -> str:
    if re.search(r"\b(?:unless|except|until|provided|as long as)\b", part, re.I):
        return part
    for pattern, replacement in _CLAUSE_SPLITS:
        m = pattern.search(part)
        if m is None or not pattern.pattern.startswith(_COORDINATION_SPLITS):
            continue
        left, right = part[: m.start()], part[m.end() :]
        cond = _CONDITION.search(right)
        if _CONDITION.search(left) or len(left.split()) < 5 or len(right.split()) < 3 or cond is None:
            continue
        if not _FINITE.search(left):
            continue
        if re.search(r",\s*$", right[: cond.start()]) or "(" in left:
            continue
        return part[: m.start()] + replacement + right
    return part


_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|may|might|should|must|will|would|do|does|did|advises?|advise"
    r"|recommends?|suggests?|reduces?|increases?|improves?|lowers?|causes?|shows?|showed|found|offers?|works?"
    r"|needs?|helps?|protects?|prevents?|treats?|rose|fell|grew|took|gave|led|began|became|made|saw|went|came|kept"
    r"|held|brought|thought|told|ran|met)\b|\b\w{3,}ed\b"
)


def _capitalise_after_stops(text: str) -> str:
    """A clause cut off by ". " starts with a capital ("..., and they cause" -> "... They cause")."""
    return re.sub(
        r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bapprox)(?<!\b[A-Z])([.!?]\s+)([a-z])",
        lambda m: m.group(1) + m.group(2).upper(),
        text,
    )


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", _capitalise_after_stops(text)) if s.strip()]


@cache
def _data() -> dict[str, object]:
    raw = resources.files("clinevidence.answer").joinpath("plain_terms.json").read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(raw)
    return data


@cache
def _glossary() -> tuple[tuple[str, str, bool, re.Pattern[str]], ...]:
    """(term, explanation, is_class, pattern) for every glossary entry, longest term first."""
    glossary = _data().get("glossary", {})
    assert isinstance(glossary, dict)
    entries: list[tuple[str, str, bool, re.Pattern[str]]] = []
    kinds = (("drugs", False), ("classes", True), ("conditions", False), ("countable_conditions", True))
    for kind, is_class in kinds:
        for term, plain in glossary.get(kind, {}).items():
            flags = 0 if term.isupper() or re.search(r"[A-Z]{2}", term) else re.IGNORECASE
            plural = r"(?:s|es)?" if is_class else ""
            pattern = re.compile(rf"(?<![\w-]){re.escape(term)}{plural}(?![\w-])", flags)
            entries.append((term, plain, is_class, pattern))
    entries.sort(key=lambda e: -len(e[0]))
    return tuple(entries)


_SAID_AS_WORDS = frozenset({"SABA", "LABA", "LAMA", "NICE", "GINA", "ASPREE", "NSAID", "NSAIDs"})


def _glossary_kind(kind: str) -> dict[str, str]:
    glossary = _data().get("glossary", {})
    assert isinstance(glossary, dict)
    found = glossary.get(kind, {})
    return found if isinstance(found, dict) else {}


def _article(word: str) -> str:
    if word in _SAID_AS_WORDS:
        return "an" if word[0] in "AEIOU" else "a"
    if re.match(r"[A-Z]{2}", word):  # read letter by letter: "an SGLT2 inhibitor", "a DOAC"
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    if re.match(r"u[bcdfgjklmnpqrstvz][aeiou]|one\b|eu", word.lower()):  # "a urea breath test", "a unit", "a one-off"
        return "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def _gloss_sentence(term: str, plain: str, is_class: bool) -> str:
    if plain.startswith("means "):  # "HER2-positive means the cancer cells have ..."
        return f"{term} {plain}."
    return f"{_article(term).capitalize()} {term} is {plain}." if is_class else f"{term} is {plain}."


def _capitalise(sentence: str) -> str:
    """Capital first letter, except for names written in mixed case ("eGFR", "mRNA")."""
    first = sentence.split(" ", 1)[0]
    return sentence if re.search(r"[A-Z]", first[1:]) else sentence[:1].upper() + sentence[1:]


def glossary_terms(text: str) -> list[tuple[str, str]]:
    """Glossary entries named in a text, in order of appearance: (term, sentence that explains it)."""
    found: list[tuple[int, str, str]] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for term, plain, is_class, pattern in _glossary():
        if term.lower() not in low:
            continue  # the pattern needs the term itself
        m = pattern.search(text)
        if not m or any(a < m.end() and m.start() < b for a, b in taken):
            continue  # "trastuzumab" inside "trastuzumab deruxtecan" is the longer entry's
        taken.append((m.start(), m.end()))
        found.append((m.start(), term, _capitalise(_gloss_sentence(term, plain, is_class))))
    return [(term, sentence) for _, term, sentence in sorted(found)]


# --- the meaning check ---------------------------------------------------------------------------------------
_NEGATION_CUE = re.compile(
    r"\b(?:no|not|never|without|neither|nor|none|cannot|avoid\w*|contraindicat\w*|against|unsafe|unsuitable|stop\w*)\b"
    r"|n't\b",
    re.I,
)
_CONDITION_WORDS = (
    "unless", "except", "only", "if", "until", "before", "after", "within", "at least", "or more", "or less",
    "or older", "or younger", "below", "above", "more than", "less than", "fewer than", "up to", "instead",
    "rather than",
)  # fmt: skip
_CONDITION_RE = {w: re.compile(rf"\b{re.escape(w)}\b", re.I) for w in _CONDITION_WORDS}
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_DOSE_NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)*)\s*(?:mg|g|mcg|µg|micrograms?|milligrams?|ml|mL|kg|IU|units?|mmol|mL/min\S*|puffs?"
    r"|tablets?|times a day|hours?|days?|weeks?|months?|years?)\b"
)
_AGAINST = re.compile(
    r"\bnot\s+(?:be\s+)?(?:\w+\s+)?(?:recommended|advised|advise|recommend|used|use|given|give|taken|take|combined"
    r"|combine|started|start|continued|safe|suggested)\b|\b(?:recommends?|advises?|advised)\s+against\b"
    r"|\bcontraindicat\w*|\b(?:should|must)\s+not\b|\b(?:do|does|did)\s+not\s+(?:advise|recommend|use|give|take|combine|start|continue|suggest)\b|\b(?:should|must)n't\b|\bdon't\b|\bavoid\w*"
    r"|\bnever\b|\bunsafe\b|\bunsuitable\b|\bnot safe\b",
    re.I,
)
_FOR = re.compile(
    r"\b(?:recommend\w*|advis\w*|indicated|should|first-(?:line|choice)|preferred|suggest\w*|considered|is used"
    r"|are used)\b",
    re.I,
)


# "X is recommended unless contraindicated" is advice for X with an exception, not advice against it.
_EXCEPTION = re.compile(r"\bunless (?:otherwise )?contraindicated\b|\bunless there is a medical reason not to\b", re.I)


def recommendation_direction(text: str) -> str:
    """ "against" (not advised, contraindicated, avoid), "for" (advised, indicated, effective) or "none"."""
    text = _EXCEPTION.sub(" ", text)
    if _AGAINST.search(text):
        return "against"
    return "for" if _FOR.search(text) else "none"


@cache
def _drug_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(drug, pattern of it and its synonyms and plain replacements) from the lexicon, glossary and word tables."""
    groups: dict[str, set[str]] = {}
    try:
        raw = resources.files("clinevidence.answer").joinpath("lexicon.json").read_text(encoding="utf-8")
        for c in json.loads(raw).get("concepts", []):
            if isinstance(c, dict) and c.get("kind") == "drug" and c.get("name"):
                names = {str(c["name"]), str(c.get("display") or c["name"]), *map(str, c.get("synonyms", []))}
                groups[str(c["name"]).lower()] = {n for n in names if len(n) >= 3}
    except (OSError, ValueError):  # pragma: no cover - the lexicon ships with the package
        pass
    conditions = {t.lower() for kind in ("conditions", "countable_conditions") for t in _glossary_kind(kind)}
    for term, _plain, _is_class, _pattern in _glossary():
        key = term.lower()
        if key in conditions:
            continue
        merged = next((k for k, names in groups.items() if key in {n.lower() for n in names}), key)
        groups.setdefault(merged, set()).add(term)
    tables = _tables()
    replacements = {**tables["terms"], **tables["acronyms"]}
    out = []
    for key, names in groups.items():
        forms = set(names) | {replacements[n] for n in names if replacements.get(n)}
        forms |= {replacements[n.lower()] for n in names if replacements.get(n.lower())}
        forms |= {_replace_terms(n, set()) for n in names}  # "influenza vaccine" is "flu vaccine" once plain
        forms = {f for f in forms if len(f) >= 3}
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        out.append((key, re.compile(rf"(?<![\w-])(?:{alternation})(?:s|es)?(?![\w-])", re.IGNORECASE)))
        _DRUG_FORMS[key] = tuple(f.lower() for f in forms)
    return tuple(out)


_DRUG_FORMS: dict[str, tuple[str, ...]] = {}  # lower-case forms per drug, filled with the patterns


def _drug_candidates(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The drug patterns worth running: a pattern can only match if one of its literal forms is in the text."""
    low = text.lower()
    return [(key, p) for key, p in _drug_patterns() if any(f in low for f in _DRUG_FORMS[key])]


def _drugs(text: str) -> set[str]:
    return {key for key, pattern in _drug_candidates(text) if pattern.search(text)}


def _drug_order(text: str) -> list[str]:
    """Drugs in order of first mention: "warfarin rather than a DOAC" must not become "a DOAC rather than warfarin"."""
    spans = [(m.start(), m.end(), key) for key, pattern in _drug_candidates(text) if (m := pattern.search(text))]
    # "anticoagulant" inside "direct oral anticoagulant" is part of the longer name, not a medicine of its own
    outer = [
        s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0]) for o in spans)
    ]
    return [key for _start, _end, key in sorted(outer)]


@dataclass(frozen=True)
class MeaningCheck:
    ok: bool
    problems: tuple[str, ...] = ()


def meaning_check(original: str, plain: str, details: tuple[str, ...] | list[str] = ()) -> MeaningCheck:
    """Does a patient rewrite keep the original's drugs, negations, conditions, numbers and direction?

    Numbers may move to the details part only when they are statistics; doses, ages, durations and thresholds
    must stay in the text. Glossary sentences added to the rewrite are ignored for every check but the drugs.
    """
    original = _CITATION.sub("", normalize(original))
    body = plain
    for _term, sentence in glossary_terms(original):
        body = body.replace(f" {sentence}", "").replace(sentence, "")
    details_text = " ".join(details)
    problems: list[str] = []
    missing = _drugs(original) - _drugs(plain)
    if missing:
        problems.append(f"drug names lost: {', '.join(sorted(missing))}")
    order, body_order = _drug_order(original), _drug_order(body)
    shared = set(order) & set(body_order)
    if [d for d in order if d in shared] != [d for d in body_order if d in shared]:
        problems.append("the medicines are named in another order (who is compared with whom may have changed)")
    if len(_NEGATION_CUE.findall(body)) < len(_NEGATION_CUE.findall(original)):
        problems.append("a negation was lost")
    for word, pattern in _CONDITION_RE.items():
        if len(pattern.findall(body)) < len(pattern.findall(original)):
            problems.append(f"condition lost: {word!r}")
    kept_numbers = _NUMBER.findall(body) + _NUMBER.findall(details_text)
    for number in _NUMBER.findall(original):
        if number in kept_numbers:
            kept_numbers.remove(number)
        else:
            problems.append(f"number lost: {number}")
    body_numbers = _NUMBER.findall(body)
    for number in _DOSE_NUMBER.findall(_conservative(original, [])):  # outside the statistics
        if number not in body_numbers:
            problems.append(f"dose, age or duration moved out of the text: {number}")
    if recommendation_direction(body) != recommendation_direction(original):
        problems.append(f"direction changed: {recommendation_direction(original)} -> {recommendation_direction(body)}")
    return MeaningCheck(not problems, tuple(dict.fromkeys(problems)))


KEPT_NOTE = "The medical wording is kept here so that the meaning stays exact."


@dataclass(frozen=True)
class PlainStatement:
    """One evidence sentence rendered for a patient, with what was moved out and how it was checked."""

    text: str  # what the patient reads
    details: tuple[str, ...]  # statistics, trial names and grades moved out of the text ("details" toggle)
    clinician_text: str  # the sentence as the evidence says it
    level: str  # "plain" (full rewrite), "conservative" (statistics out, wording kept) or "clinician"
    problems: tuple[str, ...] = ()  # why a simpler level was refused
    glossed: tuple[str, ...] = ()  # glossary terms explained in this statement

    @property
    def kept_clinical(self) -> bool:
        return self.level != "plain"


def _conservative(text: str, details: list[str]) -> str:
    text = _CITATION.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _PAREN.sub(lambda m: _paren_collect(m, details), text)
    text = _BARE_STATS.sub(lambda m: _collect(m, details), text)
    return _finish(_tidy(text))


def plain_statement(sentence: str, explained: set[str] | None = None) -> PlainStatement:
    """Rewrite, then check; a rewrite that fails the check falls back to safer wording, never to nothing.

    `explained` carries the glossary terms already explained earlier in the same article (first use only).
    """
    original = " ".join(normalize(sentence).split())
    if not original:
        return PlainStatement("", (), "", "plain")
    explained = set() if explained is None else explained
    details: list[str] = []
    body = _simplify(original, details)
    glossed = [(t, s) for t, s in glossary_terms(original) if t.lower() not in explained][:4]
    text = " ".join([body, *(s for _, s in glossed)]).strip()
    check = meaning_check(original, text, details)
    if check.ok:
        explained.update(t.lower() for t, _ in glossed)
        return PlainStatement(text, tuple(details), original, "plain", (), tuple(t for t, _ in glossed))
    details = []
    safer = _conservative(original, details)
    again = meaning_check(original, safer, details)
    if again.ok:
        return PlainStatement(f"{safer} {KEPT_NOTE}", tuple(details), original, "conservative", check.problems)
    return PlainStatement(
        f"{_finish(_tidy(_CITATION.sub('', original)))} {KEPT_NOTE}", (), original, "clinician",
        check.problems + again.problems,
    )  # fmt: skip


# --- titles ------------------------------------------------------------------------------------------------
_PLAIN_LABELS = {
    "not recommended": "not advised", "recommended": "advised", "generally safe": "usually safe",
    "effective": "it works", "not effective": "it does not work", "no clear benefit": "no clear benefit",
    "contraindicated": "must not be used", "use with caution": "use with care", "dosing guidance": "how much to take",
    "insufficient evidence in library": "not enough evidence to say", "associated": "linked",
    "not associated": "not linked", "uncertain": "not clear yet", "mixed evidence": "the evidence is mixed",
    "informational": "what the evidence says", "use with care": "use with care",
}  # fmt: skip


def plain_title(title: str) -> str:
    """ "Tamoxifen with T-DM1: Not Recommended" -> "Tamoxifen and T-DM1 together: not advised"."""
    topic, sep, label = title.rpartition(": ")
    if not sep:
        return title
    m = re.match(r"^(.+?) (?:with|plus|and|\+) (.+)$", topic)
    if m and _drugs(m.group(1)) and _drugs(m.group(2)) and len(f"{m.group(1)} {m.group(2)}".split()) <= 8:
        topic = f"{m.group(1)} and {m.group(2)} together"
    introduced: set[str] = set()
    topic = _tidy(_fix_articles(_replace_terms(topic, introduced), introduced)) or topic
    lower = label.lower()
    if lower in _PLAIN_LABELS:
        plain_label = _PLAIN_LABELS[lower]
    elif lower.endswith(" preferred"):
        plain_label = f"{label[: -len(' preferred')]} is the better choice"
    else:
        plain_label = label[:1].lower() + label[1:] if label[1:2].islower() else label
    return f"{topic[:1].upper()}{topic[1:]}: {plain_label}"


# --- whole articles: first use across statements, titles, details, key terms (issue 14) ----------------------
_MECHANISM = re.compile(
    r"\b(?:works? by|mechanism|acts? (?:on|by)|inhibit\w*|blocks?|binds?|targets?|antagonist|agonist|conjugate"
    r"|(?:is|are) (?:a|an) (?:\w+[- ]){0,3}(?:drug|medicine|class|type|antibody|inhibitor|agent|hormone|enzyme"
    r"|receptor)|defined as|is caused by|are caused by|because)\b",
    re.I,
)


def _glossary_sentences() -> dict[str, str]:
    out: dict[str, str] = {}
    for term, plain, is_class, _pattern in _glossary():
        out[term.lower()] = _capitalise(_gloss_sentence(term, plain, is_class))
    return out


@cache
def _bracketed_plain() -> dict[str, str]:
    """Plain words that carry the medical name in brackets, and the words alone (for every later mention)."""
    tables = _tables()
    values = {v for kind in ("terms", "acronyms") for v in tables[kind].values()}
    return {v: re.sub(r"\s*\([^()]*\)", "", v) for v in values if re.search(r"\w\s*\([^()]+\)$", v)}


def _statements(answer: Answer) -> list[Statement]:
    return answer.all_statements()


def render_answer(answer: Answer) -> Answer:
    """The article-level part of audience rendering, on a copy; idempotent, and a no-op for clinicians.

    Patients: the title in plain words, each glossary explanation only at the first mention in the article, the
    details part (statistics, trial and guideline names) of every statement from its clinician wording (the
    support quote, one click away). Students: mechanism and context statements first in each section, each
    abbreviation expanded once, a key-terms list. Surfaced as `Statement.details`, `Statement.clinician_text`
    (patients) and `Answer.key_terms` (students); receipt.details["audience"] keeps what was done (levels, glossary
    terms explained, abbreviations expanded) and marks the answer as rendered.
    """
    if answer.audience is Audience.clinician or "audience" in answer.receipt.details:
        return answer
    out = answer.model_copy(deep=True)
    if out.audience is Audience.patient:
        info = _render_patient(out)
    else:
        info = _render_student(out)
    out.receipt.details = {**out.receipt.details, "audience": info}
    return out


def _render_patient(answer: Answer) -> dict[str, object]:
    if answer.question_type != "emergency":
        answer.title = plain_title(answer.title)
    sentences = _glossary_sentences()
    explained: set[str] = set()
    levels: dict[str, int] = {}
    for s in _statements(answer):
        for term, sentence in sentences.items():
            if sentence in s.text:
                if term in explained:
                    s.text = " ".join(s.text.replace(sentence, " ").split())
                explained.add(term)
        for plain, short in _bracketed_plain().items():  # "irregular heartbeat (atrial fibrillation)": once only
            if plain in s.text:
                if plain in explained:
                    s.text = s.text.replace(plain, short)
                else:
                    explained.add(plain)
                    head, _, tail = s.text.partition(plain)
                    s.text = head + plain + tail.replace(plain, short)
        # the sentence the plain text was written from when the engine says so, else the first supporting quote
        clinician = s.clinician_text or (s.support[0].quote if s.support else "")
        rendered = plain_statement(clinician) if clinician else None
        s.clinician_text = clinician
        s.details = list(rendered.details) if rendered else []
        level = "clinician" if KEPT_NOTE in s.text else "plain"
        levels[level] = levels.get(level, 0) + 1
    return {"rendered": "patient", "levels": levels, "glossary": sorted(explained)}


_EXPANDED = re.compile(
    r"(?P<full>[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,6}?)\s+[(\[](?P<abbr>[A-Za-z][\w-]*?)(?P<pl>s?)[)\]]"
)


def _render_student(answer: Answer) -> dict[str, object]:
    abbreviations = _tables()["abbreviations"]
    seen: set[str] = set()
    for s in _statements(answer):

        def once(m: re.Match[str], s: Statement = s) -> str:
            abbr = m.group("abbr")
            full = abbreviations.get(abbr)
            written = (full or "") + m.group("pl")  # "direct oral anticoagulants (DOACs)"
            if not full or not m.group("full").lower().endswith(written.lower()):
                return m.group(0)
            if abbr in seen:  # "the hazard ratio (HR)" again -> "the HR"
                head = m.group("full")[: len(m.group("full")) - len(written)].rstrip()
                return f"{head} {abbr}{m.group('pl')}".strip() if head else f"{abbr}{m.group('pl')}"
            seen.add(abbr)
            return m.group(0)

        s.text = _EXPANDED.sub(once, s.text)
        for term, definition, _pattern in _student_glossary():  # each definition at its first mention only
            aside = f" ({definition})"
            if aside in s.text:
                if f"define:{term.lower()}" in seen:
                    s.text = s.text.replace(aside, "")
                else:
                    seen.add(f"define:{term.lower()}")
                    s.text = s.text[: s.text.index(aside) + len(aside)] + s.text[
                        s.text.index(aside) + len(aside) :
                    ].replace(aside, "")
    for section in answer.sections:  # what the drug is and how it works before what to do with it
        section.statements.sort(key=lambda st: 0 if _MECHANISM.search(st.text) else 1)
    answer.sections.sort(key=lambda sec: 0 if any(_MECHANISM.search(st.text) for st in sec.statements) else 1)
    expanded = sorted(a for a in seen if not a.startswith("define:"))
    answer.key_terms = [KeyTerm.model_validate(t) for t in key_terms(answer)]
    return {"rendered": "student", "abbreviations_expanded": expanded}


def key_terms(answer: Answer) -> list[dict[str, object]]:
    """Terms a student meets in the article, each with a definition from the library (cited) or the glossary."""
    text = " ".join(s.text for s in _statements(answer))
    terms: list[dict[str, object]] = []
    taken: set[str] = set()
    for term, _sentence in glossary_terms(text):
        definition = next(
            (
                (s.text, s.citations)
                for s in _statements(answer)
                if re.match(rf"(?:The\s+)?{re.escape(term)}s?\s+(?:is|are)\s+(?:a|an|the)\b", s.text, re.I)
            ),
            None,
        )
        plain = next(p for t, p, _c, _pat in _glossary() if t == term)
        if answer.audience is Audience.student:
            plain = next((d for t, d, _pat in _student_glossary() if t.lower() == term.lower()), plain)
        if definition:
            terms.append({"term": term, "definition": definition[0], "source": "library", "citations": definition[1]})
        else:
            terms.append({"term": term, "definition": plain[:1].upper() + plain[1:] + ".", "source": "glossary"})
        taken.add(term.lower())
    if answer.audience is Audience.student:
        terms.extend(_student_key_terms(answer, text, taken))
    abbreviations = _tables()["abbreviations"]
    for abbr in sorted(set(re.findall(r"(?<![\w-])([A-Z][A-Za-z0-9-]{1,7}?)s?(?![\w-])", text))):
        if abbr in abbreviations and abbr.lower() not in taken:
            terms.append({"term": abbr, "definition": abbreviations[abbr], "source": "abbreviation"})
            taken.add(abbr.lower())
    return terms


def _library_definition(answer: Answer, term: str) -> tuple[str, list[int]] | None:
    """A statement of the article that defines the term ("A cohort study is a ..."): the library's own words."""
    for s in _statements(answer):
        if re.match(rf"(?:The\s+|An?\s+)?{re.escape(term)}s?\s+(?:is|are)\s+(?:a|an|the)\b", s.text, re.I):
            return s.text, list(s.citations)
    return None


def _student_key_terms(answer: Answer, text: str, taken: set[str]) -> list[dict[str, object]]:
    """Study-design, statistics and clinical terms the student meets, in order of first mention, from the glossary.

    The student's text already carries the definitions as asides; the list gathers them in one place. A term inside
    a longer one already listed ("trial" in "randomized controlled trial") is not listed again.
    """
    found: list[tuple[int, int, str, str]] = []
    low = text.lower()
    for term, definition, pattern in _student_glossary():  # longest first
        if term.lower() in taken or term.lower() not in low:
            continue
        for m in pattern.finditer(text):
            inside = text[: m.start()].count("(") > text[: m.start()].count(")")
            if inside or any(a <= m.start() and m.end() <= b for a, b, _t, _d in found):
                continue
            if _in_context(term, text, m):
                found.append((m.start(), m.end(), term, definition))
                break
    out: list[dict[str, object]] = []
    for s in _statements(
        answer
    ):  # abbreviations the cited study itself spells out: "split-liver transplantation (SLT)"
        for short, long in defined_abbreviations(s.text):
            if short.lower() not in taken and short not in _tables()["abbreviations"]:
                taken.add(short.lower())
                out.append(
                    {"term": short, "definition": f"Short for {long}.", "source": "library", "citations": s.citations}
                )
    for _start, _end, term, definition in sorted(found):
        if term.lower() in taken or definition.lower() in {str(t["definition"]).lower() for t in out}:
            continue  # "randomised" and "randomized": one entry
        taken.add(term.lower())
        library = _library_definition(answer, term)
        if library:
            out.append({"term": term, "definition": library[0], "source": "library", "citations": library[1]})
        else:
            out.append(
                {"term": term, "definition": definition[:1].upper() + definition[1:] + ".", "source": "glossary"}
            )
    return out


_SHORT_FORM = re.compile(r"(?<=\s)[(\[](?P<short>[A-Za-z][A-Za-z0-9/-]{1,9})[)\]]")


def defined_abbreviations(text: str) -> list[tuple[str, str]]:
    """ "split-liver transplantation (SLT)" -> ("SLT", "split-liver transplantation"): the source's own definitions.

    The long form is the shortest run of words before the parenthesis whose letters hold the short form's letters in
    order, the first at the start of a word (after Schwartz and Hearst, 2003); at most len(short) + 3 words.
    """
    out: list[tuple[str, str]] = []
    for m in _SHORT_FORM.finditer(text):
        short = m.group("short")
        letters = [c.lower() for c in short if c.isalnum()]
        if sum(c.isupper() for c in short) < 2 or not letters or not letters[0].isalpha():
            continue
        before = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text[: m.start()].rsplit(". ", 1)[-1])  # asides out
        words = re.findall(r"[\w'’-]+", before.split("(")[-1])
        tails = [words[-n:] for n in range(1, min(len(words), len(letters) + 3) + 1)]
        tails = [t for t in tails if t[0][:1].lower() == letters[0]]
        initials = [
            t
            for t in tails
            if _letters_in_order(letters, "".join(p[:1] for p in re.split(r"[\s-]+", " ".join(t).lower()) if p))
        ]
        chosen = initials or [t for t in tails if _letters_in_order(letters, " ".join(t).lower())]
        if chosen:
            out.append((short, " ".join(chosen[0])))
    return out


def _letters_in_order(letters: list[str], long: str) -> bool:
    pos = 0
    for c in letters:
        pos = long.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True
