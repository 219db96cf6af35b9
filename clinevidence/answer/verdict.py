"""Yes / no / maybe verdicts for clinical yes/no questions, from an abstract's conclusion.

A small, deterministic multinomial logistic model over hand-designed, interpretable features:

* cue lexicons applied to the conclusion sentences: negation ("no significant", "not associated",
  "failed to", ...), similarity ("no difference", "comparable"), recommendation against ("not recommended",
  "should not"), hedging ("may", "unclear", "further studies", ...) and positive findings ("significantly",
  "effective", "improved", ...);
* the same cues restricted to the *focus* sentence -- the conclusion sentence that shares most content words
  with the question -- and to negations whose scope (a few words) reaches a question term; plus the focus
  sentence's recommendation polarity (against / uncertain / in favour, ``clinevidence.answer.polarity``);
* question shape: leading auxiliary, negated question ("Is X not ...?" flips the answer), comparative or
  directional wording ("increase", "better than") and whether the conclusion moves the other way;
* a handful of fixed expert weights (``priors`` in the JSON) for cues that are clear but too rare in
  PubMedQA to learn: recommendations against ("not recommended"), explicit uncertainty ("remains unclear",
  "inconclusive"), and "no increase in harm" answering a safety question. A negated question
  ("Is X not ...?") is answered as the positive question with yes and no swapped.

Evidence sentences (results) only enrich the explanation: cross-validation showed no gain from them.

Inference is pure Python + numpy and loads its weights from ``verdict_model.json`` next to this module
(fitted by ``scripts/train_verdict.py``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from clinevidence.answer.polarity import polarity
from clinevidence.answer.question import ASK_START
from clinevidence.text import asking_start, everyday_word, split_sentences

MODEL_PATH = Path(__file__).with_name("verdict_model.json")
LABELS = ("yes", "no", "maybe")
FEATURE_VERSION = 1

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

# ---------------------------------------------------------------------------------------------------------
# Cue lexicons (regular expressions over lower-cased text).
# ---------------------------------------------------------------------------------------------------------


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


_NEG_TOKEN = _rx(
    r"not",
    r"no",
    r"none",
    r"neither",
    r"nor",
    r"never",
    r"cannot",
    r"without",
    r"\w+n't",
    r"fail(?:s|ed)? to",
    r"failure to",
    r"unable to",
    r"lack(?:s|ed|ing)?",
    r"absence",
    r"unlikely",
)
# Negations that do not deny anything ("not only", "no longer needed" is still a denial, kept).
_NEG_FALSE = _rx(r"not only", r"no doubt", r"not surprisingly", r"not least", r"nonetheless", r"none the less")

_CUES: dict[str, re.Pattern[str]] = {
    # Denial of an effect, an association or a difference.
    "neg_sig": _rx(
        r"no (?:statistically |clinically )?significant",
        r"not (?:statistically |clinically )?significant(?:ly)?",
        r"non-?significant(?:ly)?",
        r"(?:did|does|do|was|were|is|are) not (?:significantly |statistically )?"
        r"(?:differ|improve|reduce|increase|decrease|change|affect|influence|predict|alter|correlate|show"
        r"|lead|result|provide|add|contribute|prevent|lower|impact|confer|offer|benefit|enhance|modify)\w*",
        r"not (?:significantly |independently |strongly )?(?:associated|correlated|related|linked|predictive)",
        r"no (?:\w+ )?(?:association|correlation|relationship|relation|effect|impact|influence|benefit"
        r"|role|advantage|improvement|increase|reduction|decrease|change|link|value|evidence|difference"
        r"|differences|effects|benefits|advantages)",
    ),
    "no_diff": _rx(
        r"no (?:\w+ )?differences?",
        r"did not differ",
        r"not differ\w*",
        r"not (?:significantly )?different",
        r"similar",
        r"comparable",
        r"equivalent",
        r"equally",
        r"as (?:safe|effective|good|accurate|efficacious|reliable) as",
        r"non-?inferior\w*",
    ),
    "no_evidence": _rx(
        r"no (?:\w+ )?evidence",
        r"little (?:\w+ )?evidence",
        r"insufficient (?:\w+ )?evidence",
        r"not (?:be )?supported",
        r"does not support",
        r"do not support",
        r"no (?:additional |added |further )?(?:value|benefit|role)",
    ),
    "against": _rx(
        r"(?:is|are|be|was|were) not (?:\w+ )?(?:recommended|indicated|justified|warranted|necessary"
        r"|required|needed|advisable|suitable|appropriate|useful|helpful|reliable|accurate|effective"
        r"|beneficial|sufficient|adequate|valid|feasible|safe|superior|predictive|routinely)",
        r"should not",
        r"cannot be (?:recommended|used|relied)",
        r"unnecessary",
        r"not (?:routinely )?(?:recommended|indicated|justified|warranted)",
        r"can be (?:safely )?(?:avoided|omitted)",
        r"ineffective",
        r"inferior",
        r"unreliable",
        r"inaccurate",
        r"poor(?:ly)?",
        r"limited (?:value|role|benefit|utility|use)",
        r"unsafe",
    ),
    "negadj": _rx(
        r"(?:in|un|non-?)(?:adequate|sufficient|appropriate|suitable|reliable|accurate|effective|necessary"
        r"|safe|likely|able|helpful|useful|justified|warranted|changed|affected|related|predictable|known"
        r"|successful|feasible|acceptable|satisfactory|significant|specific|sensitive)\w*",
        r"little",
        r"low (?:yield|value|utility|accuracy|sensitivity|specificity)",
        r"poor(?:ly)?",
        r"doubt\w*",
        r"deficit\w*",
        r"minimal",
        r"trivial",
        r"negligible",
        r"rare(?:ly)?",
        r"absent",
        r"lack\w*",
        r"instead",
        r"rather than",
        r"no longer",
        r"neither",
        r"only (?:a )?(?:small|minority|limited|modest|partly|partial|marginal|few|weak)",
        r"minority",
        r"disappoint\w*",
        r"weak",
        r"limited (?:value|role|benefit|utility|use|effect|impact)",
    ),
    "failed": _rx(r"fail(?:s|ed)? to", r"failure to", r"unable to", r"did not", r"does not", r"do not"),
    "hedge": _rx(
        r"may",
        r"might",
        r"could",
        r"possibl[ey]",
        r"potential(?:ly)?",
        r"perhaps",
        r"warrant(?:s|ed)?",
        r"suggest(?:s|ed|ing)?",
        r"appears?",
        r"seems?",
        r"likely",
        r"tend(?:s|ed)?",
        r"trend",
    ),
    # Explicit uncertainty about the answer itself.
    "uncertain": _rx(
        r"unclear",
        r"uncertain\w*",
        r"unknown",
        r"not (?:yet )?(?:clear|known|established|determined|conclusive)",
        r"remains? to be",
        r"remains? (?:unclear|uncertain|unknown|controversial|debated|unresolved|open)",
        r"controversial",
        r"controversy",
        r"inconclusive",
        r"conflicting",
        r"inconsistent",
        r"equivocal",
        r"debat\w+",
        r"preliminary",
        r"no consensus",
        r"mixed (?:results|evidence|findings)",
    ),
    "further": _rx(
        r"further (?:\w+ )?(?:stud(?:y|ies)|research|investigations?|trials?|evaluation|work|data)",
        r"(?:larger|prospective|randomi[sz]ed|future|additional) (?:\w+ )?(?:stud(?:y|ies)|trials?|research)",
        r"(?:is|are) (?:still )?(?:needed|required|necessary|warranted)",
        r"need(?:s|ed)? to be (?:confirmed|validated|clarified|determined|evaluated|investigated)",
    ),
    "contrast": _rx(r"however", r"although", r"though", r"whereas", r"but", r"despite", r"nevertheless"),
    "partial": _rx(
        r"some",
        r"certain",
        r"selected",
        r"subgroups?",
        r"subset",
        r"only (?:in|for|when|if|after)",
        r"not all",
        r"partially",
        r"partly",
        r"depend(?:s|ent|ing)?",
        r"modest(?:ly)?",
        r"marginal(?:ly)?",
        r"weak(?:ly)?",
        r"mixed",
        r"limited",
        r"small",
    ),
    "positive": _rx(
        r"significant(?:ly)?",
        r"improv(?:e|es|ed|ing|ement)",
        r"effective(?:ly|ness)?",
        r"efficac(?:y|ious)",
        r"beneficial",
        r"benefits?",
        r"better",
        r"superior",
        r"useful",
        r"valuable",
        r"accurate(?:ly)?",
        r"reliable",
        r"safe(?:ly|ty)?",
        r"feasible",
        r"successful(?:ly)?",
        r"recommended",
        r"should be",
        r"can be",
        r"supports?",
        r"confirm(?:s|ed)?",
        r"demonstrat(?:e|es|ed)",
        r"shows?",
        r"showed",
        r"shown",
        r"indicates?",
        r"independent(?:ly)?",
        r"strong(?:ly)?",
        r"important",
        r"predict(?:s|ive|or|ors)?",
        r"valid",
    ),
    "assoc": _rx(
        r"associated with",
        r"correlat\w+ with",
        r"related to",
        r"linked to",
        r"risk factors?",
        r"predictors?",
        r"higher",
        r"increased?",
        r"lower",
        r"reduced?",
        r"decreased?",
        r"more",
        r"less",
        r"fewer",
        r"greater",
    ),
}

# Directions: the question asks about one, the conclusion reports the other.
_UP = _rx(
    r"increas\w*",
    r"higher",
    r"more",
    r"greater",
    r"elevat\w*",
    r"rais\w*",
    r"improv\w*",
    r"better",
    r"enhanc\w*",
    r"superior",
    r"longer",
    r"worsen\w*",
    r"promot\w*",
)
_DOWN = _rx(
    r"decreas\w*",
    r"lower",
    r"less",
    r"fewer",
    r"reduc\w*",
    r"diminish\w*",
    r"declin\w*",
    r"shorter",
    r"inferior",
    r"impair\w*",
    r"prevent\w*",
    r"protect\w*",
)
_Q_COMPARE = _rx(
    r"better",
    r"worse",
    r"superior",
    r"inferior",
    r"more",
    r"less",
    r"than",
    r"differ\w*",
    r"versus",
    r"vs",
    r"compared",
    r"over",
    r"affect\w*",
    r"influence\w*",
    r"impact\w*",
    r"alter\w*",
    r"change\w*",
    r"increase\w*",
    r"decrease\w*",
    r"reduce\w*",
    r"improve\w*",
)
_Q_NEED = _rx(
    r"necessary",
    r"needed",
    r"required?",
    r"mandatory",
    r"essential",
    r"indicated",
    r"justified",
    r"warranted",
    r"worth\w*",
    r"routine\w*",
    r"obligatory",
)
_Q_SAME = _rx(r"same", r"similar\w*", r"equivalent", r"equal\w*", r"identical", r"comparable", r"alike")
_Q_DIFFER = _rx(r"differ\w*", r"vary", r"varies", r"distinct")
_Q_REALLY = _rx(r"really", r"always", r"truly", r"still", r"actually", r"necessarily")
# The intensifiers of everyday speech ("does it actually ease the pain?", "do they really help?"). In PubMedQA's
# titles they are the authors' rhetorical doubt (11 of 500 questions, all answered no) and the conclusion model
# learnt them so; a reader asking about a summary written for the public doubts nothing by them.
_INTENSIFIER = re.compile(r"\s*\b(?:really|actually|truly)\b", re.IGNORECASE)


def without_intensifiers(question: str) -> str:
    """The question without everyday intensifiers ("really", "actually", "truly")."""
    return _INTENSIFIER.sub("", question)


_DIFF_CUE = _rx(r"differ\w*", r"significantly", r"more", r"less", r"higher", r"lower", r"than", r"greater")
_NEG_PREFIX = ("un", "in", "im", "ir", "il", "non", "non-", "dis")
_Q_SAFE = _rx(r"safe\w*", r"feasible", r"acceptable", r"tolerated", r"harmless")
_Q_HARM = _rx(
    r"risk\w*",
    r"complications?",
    r"adverse",
    r"toxicity",
    r"mortality",
    r"morbidity",
    r"harm\w*",
    r"death",
    r"failure",
    r"recurrence",
    r"worse",
    r"injur\w*",
    r"infection",
)
# Questions that ask about a harm or an obstacle: a reassuring conclusion answers "no".
_Q_NEGCONCEPT = _rx(
    r"contraindicat\w*",
    r"barriers?",
    r"limit(?:s|ing)?",
    r"obstacles?",
    r"harm\w*",
    r"detriment\w*",
    r"delay\w*",
    r"worse\w*",
    r"hazard\w*",
    r"danger\w*",
    r"overestimat\w*",
    r"underestimat\w*",
    r"overus\w*",
    r"overtreat\w*",
    r"compromis\w*",
    r"impair\w*",
)
_Q_LEADS = ("is", "are", "was", "were", "does", "do", "did", "can", "could", "should", "will", "would", "has")
_Q_MAYBE_WORDS = _rx(r"really", r"always", r"all", r"only", r"still", r"yet", r"any", r"every", r"routinely")

_EV_NONSIG = re.compile(
    r"p\s*[>=≥]\s*0?\.0[5-9]|p\s*[>=≥]\s*0?\.[1-9]|\bn\.?s\.?\b|\bno (?:statistically )?significant\b"
    r"|\bnot (?:statistically )?significant\b|\bdid not differ\b|\bsimilar\b|\bcomparable\b"
)
_EV_SIG = re.compile(r"p\s*[<≤]\s*0?\.0[0-5]\d*|\bsignificantly\b|\bp\s*=\s*0?\.0[0-4]\d*")

# Function words ignored when matching question terms to conclusion sentences.
_STOP = frozenset(
    """a about above after again against all also am among an and any are as at be because been before being
    below between both but by can could did do does doing during each either for from further had has have
    having how i if in into is it its itself just may might more most must of off on once only or other our
    out over own same should so some such than that the their them then there these they this those through
    to too under until up very was we were what when where whether which while who whom why will with would
    you your it's use used using there's versus vs patient patients study studies effect effects role
    value people individuals subjects case cases""".split()
)
_NEGWORDS = frozenset({"not", "no", "none", "neither", "nor", "never", "cannot", "without"})


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _stem(word: str) -> str:
    """Crude, deterministic stem: a 5-character prefix is enough to match morphological variants."""
    return word[:5] if len(word) > 5 else word


def _content_stems(text: str) -> set[str]:
    return {_stem(w) for w in _words(text) if w not in _STOP and w not in _NEGWORDS and len(w) > 1}


def _count(rx: re.Pattern[str], text: str) -> int:
    return len(rx.findall(text))


def _count_affirmed(rx: re.Pattern[str], text: str) -> int:
    """Matches of ``rx`` not under a negation in the three preceding words ("not recommended")."""
    n = 0
    for m in rx.finditer(text):
        before = _words(text[max(0, m.start() - 40) : m.start()])[-3:]
        if not any(w in _NEGWORDS or w.endswith("n't") for w in before):
            n += 1
    return n


def _neg_count(text: str) -> int:
    return max(0, _count(_NEG_TOKEN, text) - _count(_NEG_FALSE, text))


def _neg_near_terms(sentence: str, terms: set[str], window: int = 6, rx: re.Pattern[str] | None = None) -> int:
    """Negations whose scope (3 words back, ``window`` forward) reaches a question term (or matches ``rx``)."""
    toks = _words(sentence)
    hits = 0
    for i, tok in enumerate(toks):
        is_neg = tok in _NEGWORDS or tok.endswith("n't") or tok in {"fail", "fails", "failed", "lack"}
        if not is_neg:
            continue
        if i + 1 < len(toks) and toks[i + 1] in {"only", "doubt", "surprisingly", "least"}:
            continue
        scope = toks[max(0, i - 3) : i + window + 1]
        if rx is not None:
            if rx.search(" ".join(toks[i + 1 : i + window + 1])):
                hits += 1
        elif any(_stem(t) in terms for t in scope):
            hits += 1
    return hits


def _squash(x: float) -> float:
    """Counts become bounded magnitudes: 0, 1 -> 0.69, 2 -> 1.10, ..."""
    return math.log1p(x)


def _cue_profile(prefix: str, text: str, feats: dict[str, float], cues: Sequence[str] | None = None) -> None:
    if cues is None or "neg" in cues:
        feats[f"{prefix}neg"] = _squash(_neg_count(text))
    for name, rx in _CUES.items():
        if cues is None or name in cues:
            n = _count_affirmed(rx, text) if name in _AFFIRMED_ONLY else _count(rx, text)
            feats[f"{prefix}{name}"] = _squash(n)


_AFFIRMED_ONLY = frozenset({"positive"})

# A negation in the main clause of the question: "Is X not ...?", "Doesn't X ...?", "Does X fail to ...?".
_SUBORDINATE = frozenset(
    {"when", "if", "that", "which", "who", "whom", "whose", "whether", "because", "while", "although", "than"}
)
# Conjunctions after which a negation is in a clause of time, reason or purpose ("... before i leave so i dont have to
# come back saturday?"), not the question's own.
_LINKING = frozenset({"before", "after", "until", "unless", "since", "once", "so", "cause", "cos", "coz"})
# In a claim (no question mark) only the contractions spelt with their apostrophe are read ("masks probably won't
# keep you from getting sick" is asserted as it stands; the claim models were trained on such claims).
_CLAIM_AUX_NEG = re.compile(
    r"\b(is|are|was|were|does|do|did|could|should|would|has|have)n[’']t\b|\b(can)not\b", re.IGNORECASE
)
_Q_AUX_NEG = re.compile(
    r"\b(is|are|was|were|does|do|did|ca|could|should|wo|would|has|have|need|must)n[’']?t\b|\b(can)not\b", re.IGNORECASE
)
# A clause that opens on a contracted negative auxiliary is a negative interrogative ("Shouldn't I wait ...?",
# "Isn't it safe to ...?", "cant he just take ...?"): it leans towards the positive proposition and is answered as
# that one ("yes" = I should wait), not turned round as "Is it not safe to ...?" is.
_LEAD_NEG = re.compile(
    r"(?:^|[,;:]\s*|\b(?:so|but|then|and|or|well|ok|okay|also|surely)\s+)"
    r"(is|are|was|were|does|do|did|ca|could|should|wo|would|has|have|need|must)n[’']?t\s+(\w+)",
    re.IGNORECASE,
)
_SUBJECT = frozenset("i you he she it we they this that these those there my your his her our their the a an".split())
_CONTRACTED = {"ca": "can", "wo": "will"}


_MYTH = re.compile(
    r"^\s*(?:is|isn't)\s+it\s+(?:just\s+|really\s+|only\s+|all\s+|simply\s+)?(?:a\s+myth|an?\s+old\s+wives'?\s+tale"
    r"|nonsense|false|untrue|a\s+misconception)\s+that\s+",
    re.IGNORECASE,
)


# A verb whose complement a following negation belongs to: "make the pill not work" is to make it fail.
_CAUSATIVE = frozenset({"make", "makes", "making", "made"})


# "X is pointless", "a waste of money": that X does no good.
_USELESS = re.compile(
    r"\b(is|are|was|were)\s+(?:completely\s+|totally\s+|just\s+)?(?:pointless|useless|worthless|no\s+use|of\s+no\s+use"
    r"|a\s+(?:complete\s+|total\s+)?waste\s+of\s+(?:time|money))\b",
    re.IGNORECASE,
)


# "Is it bad / unsafe / dangerous to X?" asks whether X is not all right: answered as the flip of "Is it ok to X?",
# the form the conclusion and stance models read best ("Take Evista with calcium" says it is ok, not that it is bad).
_JUDGED_BAD = re.compile(
    r"\b(is|are|was|would|will)\s+(it|that|this)\s+(be\s+)?(?:really\s+|actually\s+|too\s+)?"
    r"(?:bad|unsafe|dangerous|harmful|risky|a\s+bad\s+idea|wrong)\s+"
    r"(?=(?:for\s+\w+(?:\s+\w+)?\s+)?to\s+(?!(?:a|an|the|your|my|his|her|their|our|babies|baby|children|kids)\b|\w+'s\b))",
    re.IGNORECASE,
)


# Where a sentence's own question begins: an auxiliary and its subject opening a clause after the story ("i cant
# swallow capsules, can i open my nexium ...?"); a tag ("..., is that true?", "..., right?") asks about what was told
# before it, from what was reported ("she heard it makes you infertile, is that true?").
_ASK_CLAUSE = re.compile(
    r"(?:[,;:]\s*|\s[-–—]+\s+|\b(?:so|but|and|or|then)\s+)(?:is|are|was|were|does|do|did|can|could|should|will|would|may|might"
    r"|must|shall|has|have)n?[’']?t?\s+(?:i|you|he|she|it|we|they|this|that|there|my|your|his|her|our|their|the)\b",
    re.IGNORECASE,
)
_TAG = re.compile(
    r"^\W*(?:(?:is|isn[’']?t)\s+(?:that|this|it)\s+(?:really\s+)?(?:true|right|correct|so|ok|okay|the case)"
    r"|right|correct|true)\W*$",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:heard|read|says?|said|told\s+(?:me|us|her|him|them)|thinks?|claims?|swears?|reckons?)\s+(?:that\s+)?",
    re.IGNORECASE,
)


def _asking_clause(sentence: str) -> int:
    """Offset in the asking ``sentence`` from which its negations are the question's own."""
    found = list(_ASK_CLAUSE.finditer(sentence))
    if not found:
        return 0
    clause = found[-1]
    asked = re.sub(r"^[-–—,;:\s]*(?:(?:so|but|and|or|then)\s+)?", "", sentence[clause.start() :], flags=re.I)
    if not _TAG.match(asked):
        return clause.start()
    told = list(_REPORTED.finditer(sentence, 0, clause.start()))
    return told[-1].end() if told else 0


def _positive_aux(aux: str) -> str:
    """The auxiliary of a contracted negation without it: "ca" (of "can't") -> "can", "Wo" -> "Will"."""
    full = _CONTRACTED.get(aux.lower(), aux)
    return full.capitalize() if aux[:1].isupper() else full.lower()


# "Is Tks5 dispensable for podosome formation?" asks whether it is not required: answered as the flip of "Is Tks5
# required for ...?", the form abstracts state ("Tks5 is required for podosome formation").
_DISPENSABLE = re.compile(r"\b(?:dispensable|unnecessary|not required|not needed|not essential|nonessential)\b", re.I)


def split_negated_question(question: str) -> tuple[str, bool]:
    """Return (question with its main-clause negation removed, whether one was removed).

    "Is X not associated with Y?" -> ("Is X associated with Y?", True). The verdict for the negated
    question is the verdict for the positive one with yes and no swapped. Negations inside subordinate
    clauses ("... aware of when they do not understand?") and in the story told around the asking clause ("I don't
    drink. Is it safe ...?") are left alone. A negative interrogative ("Shouldn't I wait ...?") is rewritten to its
    positive proposition and not swapped: -> ("Should I wait ...?", False).
    """
    asked, mark, told = question.partition("?")
    if mark and told.strip():
        # "Should we start IV hydrocortisone? ... not on regular steroids.": the asking sentence comes first and the
        # story told after it is not the question's own negation.
        fixed, negated = split_negated_question(asked + mark)
        return fixed + told, negated
    head, sep, tail = question.rpartition(":") if ":" in question else ("", "", question)
    myth = _MYTH.match(tail)
    if myth:  # "Is it just a myth that the flu jab gives you flu?" asks whether it is not so
        return head + sep + "Is it true that " + tail[myth.end() :], True
    dispensable = _DISPENSABLE.search(tail) if _question_lead(tail) in ("is", "are", "was", "were") else None
    if dispensable:
        return head + sep + tail[: dispensable.start()] + "required" + tail[dispensable.end() :], True
    useless = _USELESS.search(tail)
    if useless:  # "Is it true that lifting weights is pointless once you're over 80?" asks whether it does no good
        return head + sep + tail[: useless.start()] + f"{useless.group(1)} useful" + tail[useless.end() :], True
    is_asked = "?" in tail
    start = asking_start(tail) if is_asked else 0  # a negation in the story told before the question is not its own
    start += _asking_clause(tail[start:]) if is_asked else 0
    lead, ask = tail[:start], tail[start:]
    harm = _JUDGED_BAD.search(ask)
    if harm and not any(w in _SUBORDINATE for w in _words(ask[: harm.start()])):
        ok = f"{harm.group(1)} {harm.group(2)} {harm.group(3) or ''}ok "
        return head + sep + lead + ask[: harm.start()] + ok + ask[harm.end() :], True
    imperative = -1  # "Don't worry, is it ok?": a clause that opens on "don't" and no subject tells, it does not ask
    for m in _LEAD_NEG.finditer(ask if is_asked else ""):
        if m.group(1).lower() == "do" and m.group(2).lower() not in _SUBJECT:
            imperative = m.start(1)
            continue
        return head + sep + lead + ask[: m.start(1)] + _positive_aux(m.group(1)) + " " + ask[m.start(2) :], False
    aux_neg = _Q_AUX_NEG if is_asked else _CLAIM_AUX_NEG
    found = next((n for n in aux_neg.finditer(ask) if n.start() != imperative), None)
    if found is not None and not any(w in _SUBORDINATE or w in _LINKING for w in _words(ask[: found.start()])):
        positive = _positive_aux(found.group(1) or found.group(2))
        return head + sep + lead + ask[: found.start()] + positive + ask[found.end() :], True
    toks = list(re.finditer(r"\S+", ask))
    for i, t in enumerate(toks):
        w = t.group().lower().strip("?,.;")
        if w in _SUBORDINATE or w in _LINKING or w in _CAUSATIVE:
            break  # "does gris-peg make birth control pills not work" asks whether it makes them fail
        if i == 0:
            continue
        if w in {"not", "never"}:
            fixed = ask[: t.start()] + ask[t.end() :].lstrip()
            return head + sep + lead + fixed, True
        if w in {"fail", "fails", "failed"} and i + 1 < len(toks) and toks[i + 1].group().lower() == "to":
            fixed = ask[: t.start()] + ask[toks[i + 1].end() :].lstrip()
            return head + sep + lead + fixed, True
    return question, False


def _has(rx: re.Pattern[str], text: str) -> float:
    return 1.0 if rx.search(text) else 0.0


def _question_lead(q: str) -> str:
    """First word of the question proper ("Title: is it ...?" -> "is")."""
    tail = q.rsplit(":", 1)[-1] if ":" in q else q
    toks = _words(tail)
    return toks[0] if toks else ""


_LEAD_GROUPS = {
    "is": ("is", "are", "was", "were"),
    "does": ("does", "do", "did", "has", "have"),
    "can": ("can", "could"),
    "should": ("should",),
}


def extract_features(
    question: str, conclusion: Sequence[str], evidence: Sequence[str] | None = None
) -> dict[str, float]:
    """Named, real-valued features for one (question, conclusion) pair.

    Shared by training and inference so that both see exactly the same representation. ``evidence`` is
    accepted for interface symmetry but does not enter the model (cross-validation showed no gain, and the
    caller's choice of evidence sentences varies); it is only used for the human-readable cues.
    """
    q = question.lower().strip()
    sents = [s.lower() for s in conclusion if s and s.strip()] or [""]
    conc = " ".join(sents)
    feats: dict[str, float] = {}

    # Conclusion-wide cue profile.
    _cue_profile("c_", conc, feats)
    feats["c_n_sents"] = _squash(len(sents))

    # First sentence (usually the main finding) and focus sentence (most overlap with the question).
    _cue_profile("first_", sents[0], feats, cues=("neg", "neg_sig"))
    qterms = _content_stems(q)
    overlaps = [len(qterms & _content_stems(s)) for s in sents]
    focus_i = max(range(len(sents)), key=lambda i: (overlaps[i], -i))
    focus = sents[focus_i]
    _cue_profile("focus_", focus, feats, cues=("neg", "neg_sig"))
    # Recommendation polarity of the focus sentence (against / uncertain / in favour), one-hot.
    pol = polarity(focus)
    for label in ("no", "maybe", "yes"):
        feats[f"pol_focus_{label}"] = 1.0 if pol == label else 0.0
    cov = len(qterms & _content_stems(conc)) / max(1, len(qterms))
    feats["q_coverage"] = cov
    feats["focus_overlap"] = overlaps[focus_i] / max(1, len(qterms))

    # Negations whose scope reaches a question term.
    feats["neg_scoped_qterm"] = _squash(sum(_neg_near_terms(s, qterms) for s in sents))
    feats["neg_tight_qterm"] = _squash(sum(_neg_near_terms(s, qterms, window=3) for s in sents))

    # Question shape.
    lead = _question_lead(q)
    for name, group in _LEAD_GROUPS.items():
        feats[f"q_lead_{name}"] = 1.0 if lead in group else 0.0
    feats["q_lead_other"] = 0.0 if lead in _Q_LEADS else 1.0
    feats["q_compare"] = _has(_Q_COMPARE, q)
    feats["q_need"] = _has(_Q_NEED, q)
    feats["q_safe"] = _has(_Q_SAFE, q)
    feats["q_harm"] = _has(_Q_HARM, q)
    feats["q_maybe_words"] = _has(_Q_MAYBE_WORDS, q)
    feats["q_or"] = 1.0 if " or " in q else 0.0
    feats["q_len"] = _squash(len(_words(q))) / 3.0
    q_same = _has(_Q_SAME, q)
    q_differ = _has(_Q_DIFFER, q)
    q_negc = _has(_Q_NEGCONCEPT, q)
    feats["q_same"] = q_same
    feats["q_differ"] = q_differ
    feats["q_really"] = _has(_Q_REALLY, q)
    feats["q_negconcept"] = q_negc

    # Interactions: the conclusion's polarity relative to what was asked.
    c_neg_any = 1.0 if (feats["c_neg"] > 0 or feats["c_against"] > 0) else 0.0
    feats["x_negconcept_cpos"] = q_negc * (1.0 - c_neg_any)
    feats["x_compare_nodiff"] = feats["q_compare"] * feats["c_no_diff"]
    feats["x_safe_nodiff"] = feats["q_safe"] * feats["c_no_diff"]
    feats["x_need_neg"] = feats["q_need"] * (feats["c_neg"] + feats["c_against"])
    # "Is X safe?" + "no increase in complications" -> yes; a bare negation ("not recommended") is not.
    feats["x_safe_neg"] = feats["q_safe"] * _squash(sum(_neg_near_terms(s, set(), rx=_Q_HARM) for s in sents))
    feats["x_harm_neg"] = feats["q_harm"] * feats["c_neg"]
    q_up, q_down = _has(_UP, q), _has(_DOWN, q)
    c_up, c_down = _squash(_count(_UP, focus)), _squash(_count(_DOWN, focus))
    feats["x_dir_match"] = q_up * c_up + q_down * c_down
    feats["x_dir_flip"] = q_up * c_down * (0.5 if c_up else 1.0) + q_down * c_up * (0.5 if c_down else 1.0)
    feats["x_same_nodiff"] = q_same * feats["c_no_diff"]
    feats["x_same_diff"] = q_same * _squash(_count(_DIFF_CUE, conc)) * (0.0 if feats["c_no_diff"] else 1.0)
    feats["x_differ_nodiff"] = q_differ * feats["c_no_diff"]
    # Morphological antonyms of question words: "adequate?" -> "inadequate", "necessary?" -> "unnecessary".
    qw = {w for w in _words(q) if len(w) >= 4 and w not in _STOP}
    cw = set(_words(conc))
    anti = sum(1 for w in qw if any(p + w in cw for p in _NEG_PREFIX))
    anti += sum(1 for w in qw for p in _NEG_PREFIX if w.startswith(p) and len(w) > len(p) + 3 and w[len(p) :] in cw)
    feats["q_antonym"] = _squash(anti)
    feats["x_scoped_cov"] = feats["neg_scoped_qterm"] * cov
    _claim_agreement(q, conc, focus, feats)
    return feats


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_STANCE_PREFIX = (*_NEG_PREFIX, "de", "anti")
_ACT = {"activat": "inhibit", "inhibit": "activat", "induc": "suppress", "suppress": "induc", "promot": "inhibit",
        "stimulat": "inhibit", "gain": "loss", "loss": "gain", "benefit": "harm", "harm": "benefit"}  # fmt: skip


def _claim_agreement(q: str, conc: str, focus: str, feats: dict[str, float]) -> None:
    """Claim-evidence agreement (used by the stance model for evidence without a conclusion section; the
    conclusion model ignores these): antonyms inside hyphenated compounds ("UCP1-dependent" vs "UCP1-independent",
    "activates" vs "deactivates"), opposite verbs (activate/inhibit), numbers of the claim absent from the
    evidence, and the direction words of the claim against the whole evidence."""
    parts_q = {p for w in _words(q) for p in w.split("-") if len(p) >= 4 and p not in _STOP}
    parts_c = {p for w in _words(conc) for p in w.split("-")}
    anti = sum(1 for w in parts_q if any(p + w in parts_c for p in _STANCE_PREFIX))
    anti += sum(
        1 for w in parts_q for p in _STANCE_PREFIX if w.startswith(p) and len(w) > len(p) + 3 and w[len(p) :] in parts_c
    )
    opposite = sum(1 for a, b in _ACT.items() if any(w.startswith(a) for w in parts_q) and b in conc and a not in conc)
    feats["s_antonym"] = _squash(anti + opposite)
    nums = set(_NUMBER.findall(q))
    feats["s_num_missing"] = len(nums - set(_NUMBER.findall(conc))) / len(nums) if nums else 0.0
    q_up, q_down = _has(_UP, q), _has(_DOWN, q)
    c_up, c_down = _has(_UP, conc), _has(_DOWN, conc)
    feats["s_dir_flip"] = q_up * c_down * (1.0 - c_up) + q_down * c_up * (1.0 - c_down)
    feats["s_dir_match"] = q_up * c_up + q_down * c_down
    feats["s_lacking"] = 1.0 if EVIDENCE_LACKING.search(conc) else 0.0
    feats["s_focus_neg_q"] = _squash(_neg_count(q)) * _squash(_neg_count(focus))


# ---------------------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerdictPrediction:
    """A verdict with its probability and the cues that drove it."""

    label: str  # "yes" | "no" | "maybe"
    confidence: float  # probability of label
    probabilities: dict[str, float]
    cues: list[str]  # human-readable reasons, e.g. "negation: 'no significant difference'"


@dataclass(frozen=True)
class VerdictModel:
    """Standardised multinomial logistic regression over named features."""

    version: str
    classes: tuple[str, ...]
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (n_classes, n_features), on standardised features
    intercept: np.ndarray  # (n_classes,)
    prior: np.ndarray  # (n_classes, n_features), fixed expert offsets on raw features

    def vector(self, feats: dict[str, float]) -> np.ndarray:
        """Raw feature vector in model order (missing features are 0)."""
        return np.array([feats.get(f, 0.0) for f in self.features], dtype=np.float64)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for one raw feature vector."""
        logits = self.coef @ ((x - self.mean) / self.scale) + self.intercept + self.prior @ x
        logits -= logits.max()
        p = np.exp(logits)
        return np.asarray(p / p.sum())


STANCE_MODEL_PATH = MODEL_PATH.with_name("stance_model.json")
# Equal-weight ensemble with the conclusion model: the stance model alone lifted SciFact report-half claims
# (macro-F1 0.421 -> 0.488) but cost HealthVer test (0.388 -> 0.359) and predicts "maybe" more, a risk for yes/no
# sets without a maybe class; both models at half weight: 0.443 and 0.382 (docs/benchmarks.md). Only claims use
# it (``checks_a_claim``): on PubMedQA yes/no questions over abstracts without section labels it cost accuracy
# (0.719 -> 0.676).
STANCE_BLEND = 0.5
_IS_IT_TRUE = r"is it (?:true|correct|the case|a fact|right) that"
_CLAIM_CHECK = re.compile(rf"^\s*{_IS_IT_TRUE}\b", re.IGNORECASE)
_ASKED_AS = re.compile(
    rf"^\s*(?:{_IS_IT_TRUE}|is|are|was|were|does|do|did|can|could|will|would|should|has|have|had|may|might)\s+",
    re.IGNORECASE,
)


def checks_a_claim(text: str) -> bool:
    """A claim to check ("Vitamin D prevents falls.", "Is it true that vitamin D prevents falls?") rather than a
    question in its own words ("Does vitamin D prevent falls?"): the stance model learnt the first, the conclusion
    model the second."""
    if _CLAIM_CHECK.match(text):
        return True
    return not text.rstrip().endswith("?") and not ASK_START.match(text)


def proposition(question: str) -> str:
    """The claim a yes/no question asks about, as the stance model was trained on claims: "Is it true that X?" and
    "Does X help Y?" -> "X", "X help Y" (word order aside, the words are what the features see)."""
    myth = _MYTH.match(question)
    if myth:  # "Is it a myth that X?" asks about X not holding
        return "It is not true that " + question[myth.end() :].strip().rstrip(" ?")
    text = _ASKED_AS.sub("", question.strip(), count=1).rstrip(" ?")
    return text[:1].upper() + text[1:] if text else question


def load_model(path: str | Path | None = None) -> VerdictModel:
    """Load the shipped model (cached), or the one at ``path``."""
    return _load_cached(str(path) if path else str(MODEL_PATH))


@lru_cache(maxsize=1)
def load_stance_model() -> VerdictModel | None:
    """The model for claims against evidence sentences (documents without a conclusion section), or None when it
    is not shipped. Looked up once, not per verdict."""
    return load_model(STANCE_MODEL_PATH) if STANCE_MODEL_PATH.exists() else None


@lru_cache(maxsize=4)
def _load_cached(path: str) -> VerdictModel:
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    if int(data.get("feature_version", -1)) != FEATURE_VERSION:
        raise ValueError(f"{path}: feature_version {data.get('feature_version')} != {FEATURE_VERSION}")
    classes = tuple(data["classes"])
    features = tuple(data["features"])
    prior = np.zeros((len(classes), len(features)), dtype=np.float64)
    for feat, per_class in (data.get("priors") or {}).items():
        for label, weight in per_class.items():
            prior[classes.index(label), features.index(feat)] = float(weight)
    model = VerdictModel(
        version=str(data["version"]),
        classes=classes,
        features=features,
        mean=np.asarray(data["mean"], dtype=np.float64),
        scale=np.asarray(data["scale"], dtype=np.float64),
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=np.asarray(data["intercept"], dtype=np.float64),
        prior=prior,
    )
    n_c, n_f = len(model.classes), len(model.features)
    if model.coef.shape != (n_c, n_f) or model.mean.shape != (n_f,) or model.scale.shape != (n_f,):
        raise ValueError(f"{path}: inconsistent shapes")
    if set(model.classes) != set(LABELS):
        raise ValueError(f"{path}: classes {model.classes} != {LABELS}")
    return model


# ---------------------------------------------------------------------------------------------------------
# Human-readable cues
# ---------------------------------------------------------------------------------------------------------

# Feature -> (cue kind, regex used to quote the conclusion; None = describe without a quote).
_CUE_SOURCES: dict[str, tuple[str, re.Pattern[str] | None]] = {
    "c_neg": ("negation", _NEG_TOKEN),
    "first_neg": ("negation in main finding", _NEG_TOKEN),
    "focus_neg": ("negation in the sentence about the question", _NEG_TOKEN),
    "neg_scoped_qterm": ("negation of a question term", _NEG_TOKEN),
    "neg_tight_qterm": ("negation of a question term", _NEG_TOKEN),
    "x_scoped_cov": ("negation of a question term", _NEG_TOKEN),
    "c_neg_sig": ("negation", _CUES["neg_sig"]),
    "first_neg_sig": ("negation", _CUES["neg_sig"]),
    "focus_neg_sig": ("negation", _CUES["neg_sig"]),
    "c_no_diff": ("no difference", _CUES["no_diff"]),
    "c_no_evidence": ("no evidence", _CUES["no_evidence"]),
    "c_against": ("recommendation against / negative judgement", _CUES["against"]),
    "c_negadj": ("negative finding", _CUES["negadj"]),
    "c_failed": ("negation", _CUES["failed"]),
    "c_hedge": ("hedge", _CUES["hedge"]),
    "c_further": ("further research needed", _CUES["further"]),
    "c_contrast": ("contrast", _CUES["contrast"]),
    "c_partial": ("partial or limited finding", _CUES["partial"]),
    "c_positive": ("positive finding", _CUES["positive"]),
    "c_assoc": ("association / effect reported", _CUES["assoc"]),
    "x_negconcept_cpos": ("question asks about a harm or obstacle; conclusion does not report it", None),
    "x_compare_nodiff": ("comparative question; conclusion reports no difference", None),
    "x_safe_nodiff": ("safety question; conclusion reports comparable outcomes", None),
    "x_need_neg": ("question asks if something is needed; conclusion negates", None),
    "x_safe_neg": ("safety question; conclusion contains a negation", None),
    "x_harm_neg": ("question about a harm; conclusion contains a negation", None),
    "x_dir_match": ("conclusion reports the direction asked about", None),
    "x_dir_flip": ("conclusion reports the opposite direction", None),
    "x_same_nodiff": ("question asks if alike; conclusion reports no difference", None),
    "x_same_diff": ("question asks if alike; conclusion reports differences", None),
    "x_differ_nodiff": ("question asks about a difference; conclusion reports none", None),
    "q_antonym": ("conclusion uses the negated form of a question word", None),
    "q_really": ("sceptical question wording ('really', 'always', ...)", None),
    "q_coverage": ("conclusion addresses the question's terms", None),
}


def _quote(rx: re.Pattern[str], text: str, extra_words: int = 3) -> str | None:
    m = rx.search(text.lower())
    if not m:
        return None
    tail = text[m.end() :].split()[:extra_words]
    return " ".join([text[m.start() : m.end()], *tail]).strip(" ,;.")


def _explain(
    model: VerdictModel, x: np.ndarray, k: int, conclusion: str, evidence: Sequence[str] | None, limit: int = 5
) -> list[str]:
    """Features present in the input that pushed most towards class ``k``, as short readable strings."""
    weight = model.coef / model.scale + model.prior  # per unit of raw feature
    push = (weight[k] - weight.mean(axis=0)) * x
    cues: list[str] = []
    seen: set[str] = set()
    for i in np.argsort(-push):
        if push[i] <= 1e-6 or len(cues) >= limit:
            break
        source = _CUE_SOURCES.get(model.features[i])
        if source is None:
            continue
        kind, rx = source
        quoted = _quote(rx, conclusion) if rx is not None else None
        cue = f"{kind}: '{quoted}'" if quoted else kind
        if cue not in seen:
            seen.add(cue)
            cues.append(cue)
    if evidence:
        ev = " ".join(evidence)
        nonsig = _EV_NONSIG.search(ev.lower())
        if nonsig and model.classes[k] == "no":
            cues.append(f"evidence reports a non-significant result: '{_quote(_EV_NONSIG, ev, 2)}'")
        elif _EV_SIG.search(ev.lower()) and model.classes[k] == "yes":
            cues.append(f"evidence reports a significant result: '{_quote(_EV_SIG, ev, 2)}'")
    return cues


def predict_verdict(
    question: str, conclusion: list[str], evidence: list[str] | None = None, *, stance: bool = False
) -> VerdictPrediction:
    """Decide yes / no / maybe for a yes/no ``question`` from the abstract's ``conclusion`` sentences.

    ``conclusion`` holds the sentences of the conclusion section (or the document's last sentences when it
    has none); a single string is split into sentences. ``evidence`` (e.g. result sentences) is only used to
    enrich the explanation. ``stance``: the sentences are not a conclusion but the evidence sentences closest to
    the question (a document without a conclusion section): the stance model decides (``stance_model.json``,
    trained on claims against evidence sentences). Deterministic; pure Python + numpy.
    """
    if isinstance(conclusion, str):
        conclusion = split_sentences(conclusion)
    stance_model = load_stance_model() if stance else None
    stance = stance_model is not None
    model = stance_model or load_model()
    positive_question, negated = split_negated_question(proposition(question) if stance else question)
    feats = extract_features(positive_question, conclusion, evidence)
    x = model.vector(feats)
    p = model.probabilities(x)
    if stance and STANCE_BLEND < 1.0:
        base = load_model()
        q_pos, _ = split_negated_question(question)
        p = STANCE_BLEND * p + (1.0 - STANCE_BLEND) * base.probabilities(
            base.vector(extract_features(q_pos, conclusion))
        )
    k = int(np.argmax(p))
    cues = _explain(model, x, k, " ".join(conclusion), evidence)
    probs = {c: float(p[i]) for i, c in enumerate(model.classes)}
    label = model.classes[k]
    lacking = _lacking_evidence(conclusion)
    if lacking:
        # Absence of evidence is not evidence of absence: "too few studies", "the evidence is insufficient to
        # conclude", "whether X helps cannot be said" answer neither yes nor no, whatever else the sentence says.
        label = "maybe"
        rest = (probs["yes"] + probs["no"]) or 1.0
        probs = {"yes": 0.2 * probs["yes"] / rest, "no": 0.2 * probs["no"] / rest, "maybe": 0.8}  # a rule's fixed 0.8
        cues.insert(0, f"the evidence is declared insufficient: '{lacking}'")
    if negated:
        # Answering "Is X not Y?" = answering "Is X Y?" with yes and no swapped.
        probs["yes"], probs["no"] = probs["no"], probs["yes"]
        label = _FLIP.get(label, label)
        cues.insert(0, f"question is negated; answered as the flip of: '{positive_question.strip()}'")
    return VerdictPrediction(label=label, confidence=probs[label], probabilities=probs, cues=cues)


_FLIP = {"yes": "no", "no": "yes"}
# A consumer page's advice after its "Yes" / "No": against doing it, or that it is fine.
_ADVICE_AGAINST = re.compile(
    r"\b(avoid\w*|should not|must not|shouldn't|do not (take|use|drink|eat|have|mix|combine)|don't (take|use|drink|eat|"
    r"have|mix|combine)|not recommended|give (it )?up|stop (taking|using|drinking))\b",
    re.I,
)
_ADVICE_FINE = re.compile(
    r"\b((is|are) (generally |usually |normally )?(considered |thought to be )?(safe|fine|ok|okay)"
    r"|can (safely |usually |generally |normally )?be "
    r"(taken|used|given)|no need to "
    r"(avoid|stop)|you can (still )?(take|use|have|drink)"
    # "the two types do not cancel each other out", "does not interfere with the pill": no clash between them
    r"|(do|does|did) not (cancel (each other|one another)( out)?|interfere with|clash with)"
    r"|(are|is) (often|commonly|usually) (given|taken|used|prescribed) together)\b",
    re.I,
)


def says_fine(sentence: str) -> bool:
    """The sentence tells the reader it is fine ("a drink or two in moderation is generally considered fine")."""
    return bool(_ADVICE_FINE.search(sentence))


def _advice(sentence: str) -> str:
    """ "no" for advice against ("avoid grapefruit"), "yes" for advice that it is fine, "" for neither or both."""
    against, fine = bool(_ADVICE_AGAINST.search(sentence)), bool(_ADVICE_FINE.search(sentence))
    return "" if against == fine else ("no" if against else "yes")


# Statements that the evidence itself is lacking (not that an effect is absent). Rare in abstracts' conclusions
# (1 of 237 PubMedQA tune conclusions, 17 of 1,719 HealthVer dev evidence texts), usual in evidence summaries
# written for the public. Not "it is unclear whether ..." or "has not been studied": abstracts open with those to
# motivate the study (6 of 8 such SciFact report sentences came from claims the abstract supports).
EVIDENCE_LACKING = re.compile(
    r"\b(?:(?:evidence|data|studies|research|literature)\s+(?:is|are|was|were|remains?)\s+(?:still\s+|currently\s+|"
    r"too\s+)?(?:insufficient|lacking|scarce|sparse|inconclusive|conflicting|inadequate|not\s+sufficient|"
    r"not\s+enough)"
    r"|(?:insufficient|inadequate|not\s+enough|too\s+little|conflicting|inconclusive)\s+(?:[\w-]+\s+)?"
    r"(?:evidence|data|studies|trials)"
    r"|too\s+few\s+(?:[\w-]+\s+){0,2}(?:studies|trials|data)"
    r"|(?:cannot|can't|could\s+not|is\s+not\s+possible\s+to)\s+(?:yet\s+)?(?:be\s+)?(?:said|say|concluded|conclude|"
    r"answered|answer)"
    r"|no\s+(?:reliable|high-quality|conclusive|convincing|solid|robust|sufficient)\s+(?:[\w-]+\s+)?"
    r"(?:evidence|studies|data|proof))\b",
    re.IGNORECASE,
)


# A document that reports its own study ("we randomised", "95% CI", "p < 0.05", section labels) rather than summing
# up others' studies for the reader. Research abstracts use "evidence is lacking" to motivate their study (in the
# dev sets it sits beside SUPPORT and CONTRADICT labels as often as beside NOT_ENOUGH_INFO); summaries written for
# the public use it as their verdict, wherever in the text it stands.
OWN_STUDY = re.compile(
    r"\bwe\s+(?:(?:also|then|further|first|here|now|have|had|thus|therefore|hence|retrospectively|prospectively|"
    r"systematically)\s+)?"
    r"(?:conduct|perform|investigat|examin|assess|evaluat|analy[sz]|stud|enrol|randomi[sz]|recruit|measur|compar|report|"
    r"describ|present|propos|hypothesi[sz]|aim|sought|us|develop|identif|observ|demonstrat|show|shown|test|determin|"
    r"explor|characteri[sz]|quantif|review|screen|follow|treat|collect|obtain|estimat|calculat|model|appl|generat|"
    r"design|construct|establish|discover|detect|provid|suggest|conclud|propos|reveal|extend|confirm|select|includ|"
    # ("We found a systematic review ...", "we found several small studies": a summary's search for evidence, not a
    # finding of its own)
    r"found\s+(?!(?:a|an|one|two|three|several|some|only|just|a\s+few|few|many)\s+(?:[\w-]+\s+){0,3}?(?:systematic\s+"
    r"reviews?|reviews?|meta-analys[ie]s|studies|study|trials?|number\s+of)\b)(?:that|a|an|significant|no\s+"
    r"(?:significant|difference|association|evidence\s+of)|increas|decreas|higher|lower|elevat|reduc))"
    r"|\bour\s+(?:study|results|findings|data|analysis|trial|aim)\b|\b95\s*%\s*(?:CI|confidence)"
    r"|\bp\s*[<=>≤]\s*0?[.·]\d"
    r"|(?-i:\b(?:METHODS?|RESULTS?|CONCLUSIONS?|AIMS?|OBJECTIVES?|BACKGROUND|PURPOSE|DESIGN|SETTING|PATIENTS)\b)"
    r"|\bthis\s+(?:paper|report)\b|\bthe\s+present\s+(?:study|paper|work|report)\b|(?:^|[.!?]\s+)here(?:in)?\b"
    r"|\bin\s+our\s+(?:experience|institution|hospital|department|centre|center|unit|clinic|series)\b",
    re.IGNORECASE,
)
# Signs of a research report that a summary for the public also uses now and then ("In this study, the participants
# were randomised ..."): two of them make a document a report of its own study, as does one ``OWN_STUDY`` sign.
STUDY_HINTS = re.compile(
    r"\bthis\s+(?:study|trial|analysis|review)\b|\b(?:were|was)\s+(?:randomi[sz]ed|enrolled|recruited)\b"
    r"|(?:^|[.!?]\s+)to\s+(?:assess|examine|describe|determine|evaluate|investigate|characteri[sz]e|compare|"
    r"identify|test|explore|study|analy[sz]e|measure|review|report|clarify|elucidate|quantify|estimate)\b"
    r"|\b(?:prospectively|retrospectively)\b|\b(?:records|charts)\s+of\s+\d+"
    r"|(?:^|[.!?]\s+)(?:(?:a\s+)?(?:retrospective|prospective|cross-sectional)\b|analysis\s+of\b)"
    r"|\b\d+\s+(?:consecutive\s+|adult\s+|healthy\s+)?(?:patients|subjects|mice|rats|specimens|samples|eyes|hearts)\b"
    r"|\bwere\s+(?:performed|scrutini[sz]ed|reviewed|surveyed)\s+(?:on|in|for)\s+\d+",
    re.IGNORECASE,
)


def reports_own_study(text: str) -> bool:
    """Whether ``text`` reports a study of its own (a research abstract) rather than summing up others' evidence."""
    return OWN_STUDY.search(text) is not None or len(STUDY_HINTS.findall(text)) >= 2


# What summaries say when nobody knows yet, beyond ``EVIDENCE_LACKING`` (which conclusions of abstracts also use).
SUMMARY_UNKNOWN = re.compile(
    r"\b(?:it\s+is|it's|remains?|is\s+still)\s+(?:still\s+|currently\s+|so\s+far\s+)?unclear\s+(?:whether|if)\b"
    r"|\b(?:has|have)\s+(?:not|never)\s+(?:yet\s+)?been\s+(?:adequately\s+|properly\s+|reliably\s+|well\s+)?"
    r"(?:studied|investigated|tested|examined|researched|proven|shown)\b"
    r"|\b(?:scientifically\s+)?unproven\b|\bnot\s+(?:been\s+)?(?:scientifically\s+)?proven\b"
    r"|\bno\s+(?:meaningful|good|informative|suitable|adequate|scientific|reliable|well-designed|quality)\s+"
    r"(?:[\w-]+\s+)?(?:studies|trials|evidence|research)\b",
    re.IGNORECASE,
)


# Opposite directions of an effect, for ``contradicted_direction``: amount (raises / lowers) and worth (improves /
# worsens). Not "more" / "less" or "better" / "worse" alone: comparisons use them both ways round.
_OPPOSITES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        _rx(
            r"increas\w*",
            r"higher",
            r"greater",
            r"elevat\w*",
            r"rais(?:e|es|ed|ing)",
            r"enhanc\w*",
            r"promot\w*",
            r"induc\w*",
            r"activat\w*",
            r"stimulat\w*",
            r"upregulat\w*",
            r"accelerat\w*",
        ),
        _rx(
            r"decreas\w*",
            r"lower\w*",
            r"fewer",
            r"reduc\w*",
            r"diminish\w*",
            r"declin\w*",
            r"inhibit\w*",
            r"suppress\w*",
            r"attenuat\w*",
            r"downregulat\w*",
            r"slow\w*",
            r"block\w*",
        ),
    ),  # fmt: skip
    (
        _rx(r"improv\w*", r"better", r"benefi\w*", r"protect\w*", r"alleviat\w*", r"ameliorat\w*"),
        _rx(r"worsen\w*", r"worse", r"harm\w*", r"impair\w*", r"exacerbat\w*", r"aggravat\w*", r"detriment\w*"),
    ),
    (_rx(r"positive(?:ly)?"), _rx(r"negative(?:ly)?")),
    # Need: "Can urease acquire its metallocentre without UreD?" against "all four accessory genes are necessary";
    # "Can YAP act independently of TEAD?" against "TEAD factors are essential in mediating YAP-dependent ...".
    (
        _rx(r"essential", r"required", r"requires?", r"necessary", r"indispensable", r"needs?", r"depends?\s+on"),
        _rx(
            r"dispensable",
            r"unnecessary",
            r"not\s+required",
            r"independent(?:ly)?",
            r"without",
            r"in\s+the\s+absence\s+of",
            r"redundant",
        ),
    ),  # fmt: skip
    # How often: "Is depression uncommon in chronic daily headache?" against "was highly prevalent".
    (
        _rx(r"common", r"prevalent", r"frequent(?:ly)?", r"widespread"),
        _rx(r"uncommon", r"rarely", r"infrequent(?:ly)?"),
    ),
    # Found: "Is misfolded prion protein undetectable in blood?" against "enables detection of PrPSc in blood".
    (_rx(r"detect(?:s|ed|ion|able)?"), _rx(r"undetect\w*", r"not\s+detect\w*")),
    # A test's worth: "Is qSOFA a sensitive screening tool?" against "poor sensitivity may limit utility".
    (
        _rx(r"sensitive", r"high\s+sensitivity", r"reliabl[ey]", r"accurate(?:ly)?", r"error-free"),
        _rx(
            r"(?:poor|low)\s+sensitivity",
            r"insensitive",
            r"unreliabl[ey]",
            r"inaccura\w*",
            r"error-prone",
            r"mutation\s+rate",
        ),
    ),  # fmt: skip
    # "Does GITR stimulation strengthen suppression?" against "stimulation of GITR abrogated suppression".
    (_rx(r"strengthen\w*", r"potentiat\w*"), _rx(r"abrogat\w*", r"abolish\w*", r"weaken\w*")),
)
_DIRECTION_WORDS = re.compile("|".join(p.pattern for pair in _OPPOSITES for p in pair))


_CLAIM_LINE = re.compile(r"^\W*(?:what\s+was\s+claimed|the\s+claim|claim)\b", re.IGNORECASE)


def contradicted_direction(question: str, sentences: Sequence[str]) -> str:
    """The sentence that reports the opposite direction of the effect the question asks about, or "".

    "Does X increase Y?" is contradicted by the document's sentence closest to the question (most shared content
    words once direction words are set aside; at least two and half the question's) saying X lowers Y and nowhere
    that it raises it. Research abstracts state their finding in the words of the question with the direction
    turned; the conclusion model reads the shared words as agreement (SciFact natural questions, tune half:
    macro-F1 0.422 -> 0.471). Only sentences stating a direction are read (session 19: biomed parts 2, 3 and 5 and
    PubMedQA report 0.787 -> 0.795, no answer lost).
    """
    q = question.lower()
    asked = [(a.search(q) is not None, b.search(q) is not None) for a, b in _OPPOSITES]
    if not any(qa != qb for qa, qb in asked):
        return ""
    q_terms = _content_stems(_DIRECTION_WORDS.sub(" ", q))
    # a fact-check's account of the claim it checks ("What was claimed: A post said the vaccine is pointless") is no
    # finding of its own
    sentences = [s for s in sentences if not _CLAIM_LINE.match(s)]
    # Only a sentence stating a direction can answer which way the effect goes: a methods sentence ("A meta-analysis
    # was performed of postoperative blood loss ... hydroxyethyl starch versus albumin") shares more of the
    # question's words than the finding ("Hydroxyethyl starch increased blood loss") but says neither.
    pairs = [pair for pair, (qa, qb) in zip(_OPPOSITES, asked, strict=True) if qa != qb]
    sentences = [s for s in sentences if any(a.search(s.lower()) or b.search(s.lower()) for a, b in pairs)]
    scored = [(len(q_terms & _content_stems(_DIRECTION_WORDS.sub(" ", s.lower()))), s) for s in sentences]
    best = max((n for n, _ in scored), default=0)
    if best < max(2, 0.5 * len(q_terms)):
        return ""
    closest = [s for n, s in scored if n == best]
    for (a, b), (qa, qb) in zip(_OPPOSITES, asked, strict=True):
        if qa == qb:
            continue
        same, other = (a, b) if qa else (b, a)
        if not any(same.search(s.lower()) for s in closest):
            for s in closest:
                if other.search(s.lower()):
                    return s
    return ""


def summary_lacking(
    text: str, sentences: Sequence[str], subject: AbstractSet[str], stems_of: Callable[[str], AbstractSet[str]]
) -> str:
    """In a summary of others' evidence (``text`` reports no study of its own), the sentence declaring that the
    evidence on the question's ``subject`` (stemmed terms, two of them named when it has two; ``stems_of`` stems a
    sentence) is lacking, or ""."""
    if not subject or reports_own_study(text):
        return ""
    need = min(2, len(subject))
    for sent in sentences:
        if (EVIDENCE_LACKING.search(sent) or SUMMARY_UNKNOWN.search(sent)) and len(subject & stems_of(sent)) >= need:
            return sent
    return ""


# How a fact-check written for the public answers the question it restates: a short "Yes." / "No." ("In brief: Yes.
# Reading in poor light ..."), or a judgement of the claim ("The claim is not correct", "So the statement in the
# question is correct"), and the uncertainty it declares ("It is unclear whether ...", "We don't know", "the
# studies are too small and too contradictory to say so with confidence").
_LEAD_LABEL = re.compile(r"^\s*(?:[A-Z][\w'’-]*\s+){0,3}[\w'’-]+:\s*")
_THE_CLAIM = (
    r"(?:the|this|that|such)\s+(?:claim|statement|assumption|belief|assertion|idea|promise)(?:\s+in\s+the\s+question)?"
)
# "For most adults, yes." / "Usually, no.": the answer after a short qualifier
_QUALIFIED = r"(?:(?:for|in)\s+(?:most|many)\s+(?:\w+\s+)?\w+|usually|generally|in\s+general|normally|mostly)\s*,?\s*"
_SAID_YES = re.compile(
    rf"^(?:{_QUALIFIED})?(?:yes|true|correct)\b\s*[,.;:!–-]|\b{_THE_CLAIM}\s+(?:is|was)\s+(?:(?!not\b)\w+\s+)?(?:correct|true|right|accurate|"
    r"supported|confirmed|justified)\b|\b(?:that|this)\s+is\s+(?:true|correct|right)\b",
    re.IGNORECASE,
)
_SAID_NO = re.compile(
    rf"^(?:{_QUALIFIED})?(?:no|false|wrong|probably\s+not)\b\s*[,.;:!–-]|\b{_THE_CLAIM}\s+(?:is|was)\s+(?:\w+\s+)?(?:not\s+(?:correct|"
    r"true|right|accurate|supported|confirmed|justified)|false|wrong|incorrect|refuted|unfounded|untrue|a\s+myth)\b"
    r"|\b(?:that|this)\s+is\s+(?:not\s+true|not\s+correct|false|wrong|a\s+myth)\b",
    re.IGNORECASE,
)
_JUDGED = frozenset(_stem(w) for w in ("ok", "okay", "alright", "fine"))  # the answer's word, not the topic's
# A FAQ's hedged answer to its own question: "It might.", "Possibly.", "It depends."
_SAID_MAYBE = re.compile(
    r"^(?:(?:it|that|this|they)\s+(?:might|may|could|depends|can\s+do)|possibly|perhaps|maybe|sometimes)\s*[,.;:!–-]",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"\b(?:unclear|uncertain|unknown|undecided|debatable|open\s+question)\b"
    r"|\b(?:not|never)\s+(?:(?:yet|been|really|fully|entirely)\s+){0,2}(?:known|clear|clarified|settled|certain|proven|"
    r"shown|confirmed|established|demonstrated)\b"
    r"|\b(?:we|nobody|no\s+one|science|scientists|researchers)\s+(?:still\s+)?(?:do\s+not|don't|does\s+not|doesn't|"
    r"cannot|can't)\s+(?:yet\s+)?(?:know|say|tell)\b"
    r"|\b(?:cannot|can't|could\s+not|can\s+not)\s+(?:yet\s+)?(?:be\s+)?(?:said|say|tell|told|confirmed|answered|judged|"
    r"determined|assessed|decided|concluded|be\s+sure)\b"
    r"|\btoo\s+(?:\w+\s+)?(?:weak|thin|few|small|uncertain|contradictory|limited|poor|scarce|sparse|unreliable)\b"
    r"|\b(?:low|poor|limited|very\s+low|insufficient|doubtful)[-\s]+(?:quality|certainty)\b"
    r"|\bcontradict\s+(?:each\s+other|one\s+another)\b|\b(?:results|findings|studies|evidence)\s+(?:are|is|were|was)\s+"
    r"(?:\w+\s+)?(?:mixed|inconsistent|contradictory|conflicting|not\s+consistent)\b"
    r"|\b(?:no|any)\s+(?:firm\s+|clear\s+|reliable\s+|definite\s+|conclusive\s+)?(?:conclusions?|statements?|answers?|"
    r"judge?ments?)\b|\bwith\s+(?:any\s+)?(?:confidence|certainty)\b"
    r"|\b(?:hardly|barely|scarcely|rarely|little|poorly|insufficiently|not\s+(?:yet\s+)?(?:adequately|sufficiently|"
    r"properly|well))\s+(?:been\s+)?(?:investigated|studied|tested|researched|examined)\b"
    r"|\b(?:evidence|data|studies|research|results|findings|proof)\s+(?:[\w-]+\s+){0,4}?(?:is|are|was|were|remains?)\s+"
    r"(?:\w+\s+)?(?:weak|thin|scarce|sparse|limited|inconclusive|lacking|missing|rare|insufficient|contradictory)\b"
    # "The evidence does not yet show whether social media causes depression"
    r"|\b(?:do|does)\s*(?:not|n't)\s+(?:yet\s+)?(?:show|tell\s+us|say)\s+(?:whether|if)\b"
    r"|\b(?:do|does|did)\s+not\s+(?:yet\s+)?(?:allow|permit|support)\s+(?:a\s+|any\s+)?(?:reliable\s+|firm\s+|clear\s+|"
    r"definite\s+)?(?:statement|conclusion|answer|judge?ment|verdict)s?\b",
    re.IGNORECASE,
)
# An uncertainty about a detail ("Which product and which dose work best is unclear"), not about whether.
_DETAIL_UNKNOWN = re.compile(r"^\W*(?:which|how|what|when|who|why|where)\b", re.IGNORECASE)
# A summary's finding that the effect asked about is not there ("Avoiding allergy foods in pregnancy does not
# protect the baby", "worked no better than a dummy bracelet", "found no difference").
_DENIED_EFFECT = re.compile(
    r"\b(?:does|do|did|will|would|can|could)\s*(?:not|n't|n’t)\s+(?:\w+ly\s+)?(?!only\b|just\b)\w+"
    r"|\bno\s+(?:better|more\s+effective)\s+than\b|\bnot\s+(?:any\s+)?(?:better|more\s+effective)\s+than\b"
    r"|\bjust\s+as\s+(?:much|well|often|good)\s+(?:with|as)\b"
    r"|\b(?:found|showed|shows|show|had|has|have|there\s+(?:is|was|were))\s+no\s+(?:\w+\s+)?(?:benefit|effect|difference|"
    r"advantage|improvement|protection|reduction|link|association)\b|\bineffective\b",
    re.IGNORECASE,
)
_NEGATED_CONFIDENCE = re.compile(r"\bwith\s+(?:any\s+)?(?:confidence|certainty)\b", re.IGNORECASE)


# A summary's own words for summing up: "So: ...", "Overall, ...", "In short: ...", "Our assessment: ...", "We
# therefore consider it unlikely that ...", "All in all ...".
_SUMMING_UP = re.compile(
    r"^\s*(?:so\s*[:,]|overall\b|in\s+short\b|in\s+summary\b|in\s+conclusion\b|all\s+in\s+all\b|on\s+balance\b"
    r"|to\s+sum\s+up\b|bottom\s+line\b|(?:our\s+)?(?:assessment|verdict|conclusion|rating)\s*:"
    r"|our\s+(?:assessment|verdict|conclusion|rating)\b"
    r"|(?:weighing|taken\s+together|all\s+things\s+considered)\b[^.]{0,40},"
    r"|we\s+(?:therefore\s+)?(?:consider|rate|judge|conclude|think)\b)",
    re.IGNORECASE,
)


# A summary's whole answer in a word or two, on its own or after its lead ("Probably yes.", "Our conclusion: Probably
# not.", "In short: No.").
# A bare "Yes." needs the lead: a FAQ page answers its own question so (``summary_answer`` reads those).
_BARE_ANSWER = re.compile(
    r"^\s*(?:(?:(?:our\s+)?(?:conclusion|assessment|verdict)|in\s+short|short\s+answer)\s*:?\s*"
    r"(?P<answer>probably\s+yes|probably\s+not|yes|no)|(?P<probably>probably\s+(?:yes|not)))\s*[.!]?\s*$",
    re.IGNORECASE,
)


def bare_answer(question: str, sentences: Sequence[str]) -> tuple[str, str] | None:
    """The summary's answer given in a word or two ("Our conclusion: Probably not."), to its own question, read
    for ``question`` (a negated question swaps yes and no), with the sentence; None when it gives none."""
    for sent in sentences:
        m = _BARE_ANSWER.match(sent)
        if m:
            said = (m.group("answer") or m.group("probably")).lower()
            label = "no" if said.endswith(("not", "no")) else "yes"
            if split_negated_question(proposition(question))[1]:
                label = "no" if label == "yes" else "yes"
            return label, sent
    return None


# A fact-check's rating of the claim it checks ("VERDICT: Unsupported", "Our verdict: correct.", "Rating: Mostly
# false"), as Health Feedback, PolitiFact and science desks rate: the words for each answer.
_RATINGS = {
    "yes": "correct|accurate|true|mostly accurate|mostly correct|mostly true|supported|proven",
    "no": "incorrect|inaccurate|false|mostly false|mostly inaccurate|misleading|wrong|pants on fire|debunked|unfounded",
    "maybe": "unsupported|unproven|mixed|half true|partly true|partly correct|partially correct|partly accurate"
    "|needs context|missing context|lacks context|inconclusive|uncertain|unclear|exaggerated|too early to say",
}
_RATING_OF = {word: answer for answer, words in _RATINGS.items() for word in words.split("|")}
_RATING = re.compile(
    r"^\s*(?:(?:our|the)\s+)?(?:verdict|rating|claim\s+rating)\s*(?:[:\-–—]\s*|\s+(?=(?:this|that|the\s+claim|it)\s+is\b))"
    # "Our verdict This is wrong." (a heading run into its first line)
    r"(?:(?:this|that|the\s+claim|it)\s+is\s+)?(?P<rating>"
    + "|".join(sorted(_RATING_OF, key=len, reverse=True))
    + r")\b(?=\s*(?:[.!;]|$|\s+(?-i:[A-Z])))",
    re.IGNORECASE,
)


def rating_answer(question: str, sentences: Sequence[str]) -> tuple[str, str] | None:
    """The answer a fact-check's rating of its claim gives ("VERDICT: Inaccurate" is no), with the sentence; None
    when the page rates nothing or the question is negated (the page's claim may be worded either way round)."""
    if split_negated_question(proposition(question))[1]:
        return None
    for sent in sentences:
        m = _RATING.match(sent)
        if m:
            said = re.sub(r"\s+", " ", m.group("rating").lower())
            return _RATING_OF[said], sent
    return None


def summing_up(sentences: Sequence[str]) -> list[str]:
    """The sentences in which a summary for the public sums up ("So: ...", "Overall, ...", "We therefore consider
    ..."), in order."""
    # A figure makes it a result ("Overall, 283 (47.2%) surveys were returned"), as research abstracts use "Overall".
    return [
        s
        for s in sentences
        if _SUMMING_UP.match(s) and len(s.split()) >= 5 and not s.rstrip().endswith("?") and not re.search(r"\d", s)
    ]


def _verdict_sentences(sentences: Sequence[str]) -> list[str]:
    """Where a summary for the public gives its answer: its opening (after the question it restates) and its
    close."""
    body = [s for s in sentences if not s.rstrip().endswith("?")]
    if len(body) <= 7:
        return body
    return [*body[:3], *body[-3:]]


def _unsure(sentence: str) -> bool:
    if EVIDENCE_LACKING.search(sentence) or SUMMARY_UNKNOWN.search(sentence):
        return True
    m = _UNSURE.search(sentence)
    if m is None:
        return False
    # "with confidence" declares uncertainty only when denied ("cannot be said with confidence").
    return not _NEGATED_CONFIDENCE.fullmatch(m.group(0)) or _neg_count(sentence) > 0


def declares_unsure(sentence: str) -> bool:
    """The sentence declares that nobody knows ("... is unknown, because no study has investigated it"), not that
    one detail is unknown ("How well they work over months is not known")."""
    core = _LEAD_LABEL.sub("", sentence, count=1)
    return _unsure(core) and not _DETAIL_UNKNOWN.match(core)


def summary_answer(
    question: str, title: str, sentences: Sequence[str], named: Sequence[str] = ()
) -> tuple[str, str] | None:
    """A summary written for the public (not ``reports_own_study``) answering ``question``: (label, the
    deciding sentence), or None when its opening and close give no answer of their own.

    The summary's own question (its title and opening, up to the first sentence ending in "?") must carry half the
    reader's content words: a "Yes." answers the question the summary asks. "Yes." / "No." and judgements of the
    claim answer that question; when it is negated and the reader's is not (or the other way round), yes and no
    swap. ``named``: the names of concepts the heading names (under any of them), counted as its words. A declared
    uncertainty ("It is unclear", "too weak to be sure") answers "maybe", also beside a "yes" in the
    same sentence
    ("Yes, probably, but the studies are small and contradictory").
    """
    lead = sentences[:3]
    at = next((i for i, s in enumerate(lead) if s.rstrip().endswith("?")), -1)
    restated = lead[at] if at >= 0 else ""
    # The question with what leads up to it ("Coffee is said to dry you out. Is this true?") and the title.
    heading = _content_stems(" ".join([title, *(lead[: at + 1] if restated else lead), *named]))
    asked_prop = proposition(question)
    asked_terms = _content_stems(asked_prop) - _JUDGED  # "is it ok to drink on chantix" asks about drinking on it
    positive, negated = split_negated_question(asked_prop)
    if not asked_terms or 2 * len(asked_terms & heading) < len(asked_terms):
        return None
    picked = _verdict_sentences(sentences)
    said: list[tuple[str, str]] = []
    for sent in picked:
        core = _LEAD_LABEL.sub("", sent, count=1)
        yes, no = bool(_SAID_YES.search(core)), bool(_SAID_NO.search(core))
        if yes != no:
            said.append(("maybe" if _unsure(core) else ("yes" if yes else "no"), sent))
        elif _SAID_MAYBE.match(core):
            said.append(("maybe", sent))
    if said and len({lab for lab, _ in said}) == 1:
        label, sent = said[0]
        own = restated or (title if title.rstrip().endswith("?") else "")
        if label != "maybe" and own:
            advice = _advice(_LEAD_LABEL.sub("", sent, count=1))
            if advice:
                # "Do I need to give up grapefruit ...? Yes - avoid grapefruit": the advice answers the reader's
                # "is grapefruit juice ok ...?", whichever way the page put its own question.
                label = _FLIP[advice] if negated else advice
            elif split_negated_question(proposition(_LEAD_LABEL.sub("", own, count=1)))[1] != negated:
                label = _FLIP[label]
        return label, sent
    # A declared uncertainty in the opening or close, or anywhere in a sentence about the question itself.
    need = max(2, (len(asked_terms) + 1) // 2)
    about = [s for s in sentences if s not in picked and len(asked_terms & _content_stems(s)) >= need]
    for sent in [*picked, *about]:
        if declares_unsure(sent) and not _about_else(sent, asked_terms):
            return "maybe", sent
    # The effect asked about, denied in the title, opening or close in a sentence about the question.
    positive_terms = _content_stems(positive)
    need = max(2, (len(positive_terms) + 1) // 2)
    for sent in [title, *picked]:
        if _DENIED_EFFECT.search(sent) and len(positive_terms & _content_stems(sent)) >= need:
            return ("yes" if negated else "no"), sent
    return None


def _about_else(sentence: str, asked: AbstractSet[str]) -> bool:
    """A declared uncertainty about another subject: the sentence names none of the question's words but a word of
    its own that is not everyday English ("There are no meaningful studies on statins in children" in a summary on
    aspirin). The uncertainty phrase itself ("contradict each other") does not count."""
    rest = sentence
    for rx in (_UNSURE, EVIDENCE_LACKING, SUMMARY_UNKNOWN):
        rest = rx.sub(" ", rest)
    words = [w for w in _words(rest) if w not in _STOP and w not in _NEGWORDS and len(w) > 1]
    if any(_stem(w) in asked for w in words):
        return False
    return any(not everyday_word(w, zipf=4.0) for w in words)


def _lacking_evidence(sentences: Sequence[str]) -> str:
    """The phrase declaring the evidence insufficient, in the conclusion's first two sentences, or ""."""
    for sent in list(sentences)[:2]:
        m = EVIDENCE_LACKING.search(sent)
        if m:
            return m.group(0)
    return ""
