"""Recommendation polarity: what a guideline sentence says about the question (for, against, uncertain)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .recommendation import threshold_applies
from .support import terms

AGAINST = re.compile(
    r"\b(not (be )?recommended|should not|must not|shouldn't|contraindicated|(is|are) not (safe|appropriate|"
    r"indicated|effective|supported|required|needed)|unsafe|avoid(ed)?|do not|does not (reduce|improve|prevent|"
    r"shorten|lower)|do not (reduce|improve|prevent|shorten)|did not (significantly )?(reduce|improve|prevent|shorten|"
    r"lower|prolong)|not effective|no (clear |proven |net |overall )?"
    r"(benefit|role)|not (be )?routinely|no longer|discontinu\w*|deprescrib\w*|stopp?(ed)? permanently|"
    r"permanently (stopp?ed|discontinued)|should be stopped|increase[sd]? (the risk of )?(serious |major )?"
    r"(bleeding|ha?emorrhage|harm|toxicity)|(is|are) harmful)\b",
    re.I,
)
UNCERTAIN = re.compile(
    r"\b(insufficient evidence|evidence is (limited|uncertain|conflicting|inconclusive)|uncertain|unclear|"
    r"inconclusive|conflicting|may be considered|individuali[sz]ed decision|remains controversial)\b",
    re.I,
)
FOR = re.compile(
    r"\b(recommended|should be (used|offered|given|started|considered|prescribed)|first-line|preferred|"
    r"(is|are) effective|effective (in|for|at)|(is|are) (generally )?safe|can be (used|given|safely)|"
    r"safely|reduces?|reduced|improves?|improved|lowers?|prevents?|indicated|superior|standard of care|"
    r"benefit|may be (added|used|given|combined|continued)|may (continue|keep taking)|can be (added|combined)|"
    r"(should )?also receive\w*|"
    r"(is|are) (also )?(given|combined|continued) (with|alongside)|"
    r"(is|are) an? (accepted|acceptable|appropriate|reasonable|suitable) (option|alternative)|"
    r"(most |more )?beneficial (in|for))\b",
    re.I,
)


_IGNORE = re.compile(r"\b(unless|except (when|where|if)|if not) (contraindicated|not tolerated|unsuitable)\b", re.I)
_CLAUSES = re.compile(r",? but |; |, whereas |, except |, although |, so (?=the |this |that |it )", re.I)
_ONLY = re.compile(r"\bonly (for|in|when|if|where)\b", re.I)
_ABSENCE = re.compile(r"\b(without|in the absence of|no)\b", re.I)


def polarity(sentence: str) -> str | None:
    """'no' for a sentence against, 'maybe' for explicit uncertainty, 'yes' for a sentence in favour."""
    sentence = _IGNORE.sub(" ", sentence)
    if AGAINST.search(sentence):
        return "no"
    if UNCERTAIN.search(sentence):
        return "maybe"
    if FOR.search(sentence):
        return "yes"
    return None


def question_polarity(
    question: str, sentence: str, question_terms: set[str], names_outcome: Callable[[str], int] | None = None
) -> str | None:
    """Polarity of the clause of ``sentence`` that is about the question.

    "X is effective for A but should not be used for B" answers a question about A with yes. A restriction
    ("recommended only for patients with an indication") answers a question asking about use *without* it with no.
    ``names_outcome`` counts the question's conditions a clause names (with their synonyms): the clause about the
    outcome asked wins over one that only shares more words ("did not reduce cardiovascular disease, but increased
    major haemorrhage" answers "Does aspirin increase major bleeding?" with its second clause).
    """
    clauses = [c for c in _CLAUSES.split(sentence) if c.strip()] or [sentence]
    if len(clauses) > 1:
        outcome = names_outcome or (lambda _c: 0)
        clauses.sort(key=lambda c: (-outcome(c), -len(question_terms & terms(c))))
    label = polarity(clauses[0]) or polarity(sentence)
    if label in ("no", "maybe") and threshold_applies(question, sentence) is False:
        # Advice against for a range the question's value is outside ("not recommended with blood eosinophils
        # below 100" for eosinophils of 400, "contraindicated below 30" at eGFR 40) does not speak to it either
        # way: another sentence must answer.
        return None
    only = _ONLY.search(sentence)
    if label == "yes" and only and (_ABSENCE.search(question) or _contrasts(sentence[only.end() :], question)):
        return "no"
    return label


# Opposite settings: "used only when resistance is known to be low" does not recommend it where it is high.
_OPPOSITES = (
    ("low", "high"),
    ("mild", "severe"),
    ("mild", "moderate"),
    ("normal", "impaired"),
    ("normal", "reduced"),
    ("known", "unknown"),
    ("early", "advanced"),
    ("early", "late"),
    ("stable", "unstable"),
    ("susceptible", "resistant"),
)


def _contrasts(restriction: str, question: str) -> bool:
    """The restriction's condition names one side of an opposite pair and the question the other side."""
    r_words = set(re.findall(r"[a-z]+", restriction.lower()))
    q_words = set(re.findall(r"[a-z]+", question.lower()))
    return any(
        (a in r_words and b in q_words and a not in q_words) or (b in r_words and a in q_words and b not in q_words)
        for a, b in _OPPOSITES
    )


# "without red flags", "in the absence of X": a restriction to patients lacking X.
_WITHOUT = re.compile(
    r"\b(?:without|in the absence of)\s+(?:any\s+|the\s+)?(?P<x>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.I
)
# "Red flags in low back pain include A, B or C", "red flags such as A": the document's own instances of X.
_INSTANCES = re.compile(r"\b(?:include|includes|including|such as|are|:)\s+(?P<items>[^.;]+)", re.I)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", re.I)
_ITEM_END = re.compile(r",?\s+(?:which|that|who|suggest\w*|requir\w*|are|is)\b.*$", re.I)


def _word_set(text: str) -> set[str]:
    from .support import stem

    return {stem(w) for w in re.findall(r"[a-z][a-z-]+", text.lower()) if len(w) >= 3}


def absent_instance_named(question: str, sentence: str, document: list[str]) -> bool:
    """The sentence is restricted to patients without X ("not recommended ... without red flags") and the question
    names an instance of X that the document itself lists ("Red flags ... include urinary retention ..."): the
    restriction excludes the question's patient, so the sentence does not answer it either way."""
    m = _WITHOUT.search(sentence)
    if not m:
        return False
    x = _word_set(m.group("x"))
    if not x or re.search(r"\b(no|without|absence of)\s+(any\s+)?" + re.escape(m.group("x")), question, re.I):
        return False
    asked = _word_set(question)
    for other in document:
        if other == sentence or not x <= _word_set(other):
            continue
        for found in _INSTANCES.finditer(other):
            head = _word_set(other[: found.start()])
            if not x <= head:
                continue  # the list must follow X ("red flags ... include"), not precede it
            items = _ITEM_END.sub("", found.group("items"))
            for item in _ITEM_SPLIT.split(items):
                words = _word_set(re.sub(r"^(a|an|the)\s+(history of\s+)?", "", item.strip(), flags=re.I))
                if words and len(words) <= 4 and words <= asked:
                    return True
    return False


# A finding its own source holds uncertain: "most of these associations are weak and may reflect confounding", "a
# finding the investigators advised interpreting with caution".
HEDGED = re.compile(
    r"\b(interpret\w* with caution|with caution|may reflect confounding|confound\w*|associations? (is|are) weak|"
    r"weak(ly)? associat\w*|inconsistent|conflicting|not (been )?established|uncertain|unclear)\b",
    re.I,
)
_NO_RISE = re.compile(
    r"\b((did|does|do|was|were|is|are) not (significantly )?(increase|raise|cause|associated)\w*|"
    r"no (significant |clear )?(increase|rise|excess|association|difference)|not (significantly )?associated)\b",
    re.I,
)
_RISE = re.compile(
    r"(?<!-)\b(increas\w*|rais\w*|caus\w*|higher|more (frequent|common|often)|associat\w*|"
    r"elevat\w*|excess)\b",
    re.I,
)


def harm_stance(sentence: str) -> str | None:
    """What a sentence naming a treatment and a harm says of "Does X increase / cause Y?": "no" when it finds no
    rise ("did not increase the incidence of cancer"; "maybe" when only for most), "maybe" for a rise its source
    holds uncertain (``HEDGED``), "yes" for a rise ("increase the risk of pneumonia"; a hyphenated
    "difficile-associated" is a name, not a finding), None when it reports neither."""
    if _NO_RISE.search(sentence):
        return "maybe" if re.search(r"\b(most|many|some)\b", sentence, re.I) else "no"  # "Most ... were not caused"
    if _RISE.search(sentence):
        return "maybe" if HEDGED.search(sentence) else "yes"
    return None
