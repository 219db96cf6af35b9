"""Recommendation polarity: what a guideline sentence says about the question (for, against, uncertain)."""

from __future__ import annotations

import re

from .support import terms

AGAINST = re.compile(
    r"\b(not (be )?recommended|should not|must not|shouldn't|contraindicated|(is|are) not (safe|appropriate|"
    r"indicated|effective|supported|required|needed)|unsafe|avoid(ed)?|do not|does not (reduce|improve|prevent|"
    r"shorten|lower)|do not (reduce|improve|prevent|shorten)|not effective|no (clear |proven |net |overall )?"
    r"(benefit|role)|not (be )?routinely|no longer|discontinu\w*|deprescrib\w*|stopp?(ed)? permanently|"
    r"permanently (stopp?ed|discontinued)|should be stopped|increases? the risk of (serious |major )?"
    r"(bleeding|harm|toxicity)|(is|are) harmful)\b",
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
    r"benefit|may be (added|used|given|combined|continued)|can be (added|combined)|(should )?also receive\w*|"
    r"(is|are) (also )?(given|combined|continued) (with|alongside)|"
    r"(is|are) an? (accepted|acceptable|appropriate|reasonable) option)\b",
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


def question_polarity(question: str, sentence: str, question_terms: set[str]) -> str | None:
    """Polarity of the clause of ``sentence`` that is about the question.

    "X is effective for A but should not be used for B" answers a question about A with yes. A restriction
    ("recommended only for patients with an indication") answers a question asking about use *without* it with no.
    """
    clauses = [c for c in _CLAUSES.split(sentence) if c.strip()] or [sentence]
    if len(clauses) > 1:
        clauses.sort(key=lambda c: -len(question_terms & terms(c)))
    label = polarity(clauses[0]) or polarity(sentence)
    if label == "yes" and _ONLY.search(sentence) and _ABSENCE.search(question):
        return "no"
    return label
