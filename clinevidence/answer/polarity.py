"""Recommendation polarity: what a guideline sentence says about the question (for, against, uncertain)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text import STOP_WORDS
from .recommendation import threshold_applies
from .support import terms

AGAINST = re.compile(
    r"\b(not (be )?recommended|recommends? against|should not|must not|shouldn't|contraindicated|"
    # a leaflet's "are usually told not to use timolol at all", "should never be taken with"
    r"(told|advised|warned) not to|should never|never (be )?(take|use|give|combine|mix)\w*|"
    r"(is|are) not (safe|appropriate|"
    r"indicated|effective|supported|required|needed)|unsafe|avoid(ed)?|do not|does not (reduce|improve|prevent|"
    r"shorten|lower|cure|treat|kill|clear)|do not (reduce|improve|prevent|shorten|cure|treat)|"
    r"(will not|won't|cannot) (cure|treat|clear|kill)|did not (significantly )?(reduce|improve|prevent|shorten|"
    r"lower|prolong)|not effective|no (clear |proven |net |overall )?"
    r"(benefit|role)|not (be )?routinely|no longer|discontinu\w*|deprescrib\w*|stopp?(ed)? permanently|"
    r"permanently (stopp?ed|discontinued)|should be stopped|(should|must) be (temporarily )?(withheld|withdrawn|held)|"
    r"(increase[sd]?|raises?|raised) ((the|your) (risk|chance) of )?(serious |major |severe )?"
    r"(bleeding|ha?emorrhage|harm|toxicity|serotonin syndrome|stomach (bleeding|ulcers))|(is|are) harmful|"
    # a leaflet's interaction warning: "taking it with SSRIs ... can cause serotonin syndrome", "lithium levels can
    # rise and cause toxicity"
    r"(can|may|could) (also )?(cause|lead to|trigger) (a |an )?(rare but )?(serious |dangerous |severe )?bleeding|"
    r"(cause|causes|causing|lead to|leads to) (a |an )?(rare but )?(serious |dangerous |severe |life-threatening )?"
    r"(serotonin syndrome|toxicity))\b",
    re.I,
)
UNCERTAIN = re.compile(
    r"\b(insufficient evidence|evidence is (limited|uncertain|conflicting|inconclusive)|uncertain|unclear|"
    r"inconclusive|conflicting|may be considered|individuali[sz]ed decision|remains controversial|"
    # a conditional (weak) recommendation in GRADE words: "X is suggested for ...", "the guideline suggests extended
    # treatment with ..." (not "suggested over Y", which picks between two)
    r"(?:is|are) suggested for|guidelines?(?: \([^)]*\))? suggests? (?!at least)\w+)\b",
    re.I,
)
FOR = re.compile(
    r"\b(recommended|recommends?|(is|are) (strongly )?advised|(is|are) (also )?suggested|"
    r"should be (used|offered|given|started|considered|prescribed)|first-line|preferred|"
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
# A negated condition before the main clause ("if you do not get enough from your diet, your doctor will recommend
# ..."): the condition, not a stance on what the main clause says.
_NEGATED_CONDITION = re.compile(
    r"\bif\s+(?:you|they|he|she|it|we|i)\s+(?:do|does|did|are|is|have|has|can)(?:\s+not|n[’']?t)\b[^,;.]*,", re.I
)
_CLAUSES = re.compile(r",? but |; |, whereas |, except |, although |, so (?=the |this |that |it )", re.I)
_ONLY = re.compile(r"\bonly (for|in|when|if|where)\b", re.I)
_ABSENCE = re.compile(r"\b(without|in the absence of|no)\b", re.I)


def polarity(sentence: str) -> str | None:
    """'no' for a sentence against, 'maybe' for explicit uncertainty, 'yes' for a sentence in favour."""
    sentence = _NEGATED_CONDITION.sub(" ", _IGNORE.sub(" ", sentence))
    if AGAINST.search(sentence):
        return "no"
    if UNCERTAIN.search(sentence):
        return "maybe"
    if FOR.search(sentence):
        return "yes"
    return None


# Amounts: "40 mg", "1 g", "400 micrograms"; per day when followed by "a day", "daily", "per day", "in 24 hours", or
# a dose "every N hours" (N-hourly doses make 24/N a day).
# "10,000 IU of vitamin D": international units are compared only with international units.
_AMOUNT = (
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?P<u>mg|g|grams?|milligrams?|mcg|micrograms?|µg|iu|international units)\b"
)
_Q_DOSE = re.compile(
    _AMOUNT + r"(?:\s+(?:of\s+)?[a-z-]+)?(?:\s*/\s*(?P<slash>day|d)\b|"
    r"\s+(?P<daily>a day|daily|per day|each day|in 24 hours)|"
    r"\s+every\s+(?P<hours>\d+)\s+hours?)?",
    re.I,
)
_PER_DAY = r"(?:\s+(?:daily|a day|per day|in 24 hours|/day|each day))"
# A ceiling: "the maximum (recommended) (daily) dose of X is 20 mg daily", "not more than 4 g in 24 hours", "no more
# than 2 to 3 g per day", "a lower maximum of 2 to 3 g per day".
_CEILING = re.compile(
    r"\b(?:(?:maximum|upper limit)\b[^.;\d]{0,50}?|"
    r"(?:not|no)\s+(?:take\s+)?more\s+than)\s+(?:(?P<lo>\d+(?:\.\d+)?)\s+to\s+)?"
    + _AMOUNT.replace("?P<n>", "?P<n>").replace("?P<u>", "?P<u>")
    + r"(?P<daily>"
    + _PER_DAY
    + r")?",
    re.I,
)
# A ceiling after the amount: "started at a low dose, 100 mg daily or less", "200 mg a day at most".
_CEILING_AFTER = re.compile(
    _AMOUNT + r"(?P<daily>" + _PER_DAY + r")?,?\s+(?:or (?:less|lower|below)|at (?:the )?most)\b",
    re.I,
)
# The usual dose as a range: "500 mg to 1 g every 4 to 6 hours".
_RANGE = re.compile(
    r"\bdose\b[^.;]{0,60}?\bis\s+(?P<a>\d+(?:\.\d+)?)\s*(?P<ua>mg|g|mcg|micrograms?)?\s+to\s+"
    r"(?P<b>\d+(?:\.\d+)?)\s*(?P<ub>mg|g|mcg|micrograms?)\b(?:\s+every\s+(?:(?P<h1>\d+)\s+to\s+)?(?P<h2>\d+)\s+hours)?",
    re.I,
)
_TO_MG = {"mg": 1.0, "milligram": 1.0, "milligrams": 1.0, "g": 1000.0, "gram": 1000.0, "grams": 1000.0,
          "mcg": 0.001, "microgram": 0.001, "micrograms": 0.001, "µg": 0.001}  # fmt: skip
# Whom a sentence's dose is for beyond adults in general: "for adults with risk factors ...", "in adults older than
# 60 years", "for patients with cirrhosis".
_FOR_WHOM = re.compile(
    r"\b(?:for|in)\s+(?:adults|patients|people|those|women|men)\s+(?P<who>(?:with|who|weighing|older|aged|taking)\b[^,.;]*)",
    re.I,
)
_OLDER_THAN = re.compile(r"\b(?:older than|over|aged)\s+(?P<n>\d+)", re.I)
# "a 70-year-old", "70 y/o", and the clinician's age-sex shorthand "68F", "71 M"
_Q_AGE = re.compile(r"\b(?P<n>\d{1,3})(?:[\s-]*(?:years?[\s-]*old|y/?o|yrs?[\s-]*old)\b|\s?[mf]\b(?![/']))", re.I)
_OLDER = re.compile(r"\b(older|elderly|aged)\b", re.I)
_WHO_GENERIC = frozenset("with who weigh older age aged year years take taking adult patient".split())


def _mg(n: str, unit: str) -> float:
    return float(n.replace(",", "")) * _TO_MG.get(unit.lower(), 1.0)


def _units_differ(a: str | None, b: str | None) -> bool:
    """An amount in international units against one by weight: not comparable."""
    return ((a or "").lower() in _IU) != ((b or "").lower() in _IU)


_IU = frozenset({"iu", "international units"})


def _applies_to(question: str, sentence: str) -> bool:
    """A dose in ``sentence`` speaks to the question's patient: the sentence restricts it to nobody in particular, or
    to someone the question describes (an age over its limit, the words of the restriction)."""
    # A parenthesis qualifies the dose for some patients ("100 mg daily or less (and lower in patients with chronic
    # kidney disease)"); the dose itself is for everyone.
    for m in _FOR_WHOM.finditer(re.sub(r"\([^()]*\)", " ", sentence)):
        who = m.group("who")
        older = _OLDER_THAN.search(who)
        age = _Q_AGE.search(question)
        if older:
            if age is None and not _OLDER.search(question):
                return False
            if age is not None and int(age.group("n")) <= int(older.group("n")):
                return False
            continue
        words = _word_set(who) - _WHO_GENERIC - STOP_WORDS
        if words and not words & (_word_set(question) - STOP_WORDS):
            return False
    return True


def dose_stance(question: str, sentence: str) -> str | None:
    """The stance of a dose sentence on the amount the question gives: "no" above a ceiling ("the maximum
    recommended dose of citalopram is 20 mg daily in adults older than 60" for 40 mg a day in a 70-year-old), "yes"
    inside the usual range ("500 mg to 1 g every 4 to 6 hours" for 1 g every 6 hours), "" when the sentence is a
    ceiling the amount stays under (it neither recommends nor advises against); None when either gives no dose or
    the sentence is for other patients ("for adults with risk factors for liver toxicity" when the question names
    none)."""
    doses = list(_Q_DOSE.finditer(question))
    if not doses:
        return None
    # "1 g QDS, i.e. 4 g/day": the amount given by the day, where the question gives one
    q = next((d for d in doses if d.group("daily") or d.group("slash")), doses[0])
    amount = _mg(q.group("n"), q.group("u"))
    hours = int(q.group("hours")) if q.group("hours") else None
    per_day_asked = bool(q.group("daily") or q.group("slash"))
    daily = amount * 24 / hours if hours else (amount if per_day_asked else None)
    ceiling = _CEILING.search(sentence) or _CEILING_AFTER.search(sentence)
    if ceiling is not None and _applies_to(question, sentence) and not _units_differ(q.group("u"), ceiling.group("u")):
        limit = _mg(ceiling.group("n"), ceiling.group("u"))
        per_day = bool(ceiling.group("daily")) or bool(re.search(r"\b(daily|per day|a day|in 24 hours)\b", sentence))
        asked = daily if per_day else amount
        if asked is None and per_day and hours is None:
            asked = amount  # "Is 40 mg of citalopram OK?": once-daily drugs are dosed by the day
        if asked is not None:
            return "no" if asked > limit + 1e-9 else ""
    rng = _RANGE.search(sentence)
    if (
        rng is not None
        and not per_day_asked
        and _applies_to(question, sentence)
        and not _units_differ(q.group("u"), rng.group("ua") or rng.group("ub"))
    ):
        lo = _mg(rng.group("a"), rng.group("ua") or rng.group("ub"))
        hi = _mg(rng.group("b"), rng.group("ub"))
        if not lo - 1e-9 <= amount <= hi + 1e-9:
            return "no" if amount > hi else None
        if hours is not None and rng.group("h2"):
            shortest = int(rng.group("h1") or rng.group("h2"))
            return "yes" if hours >= shortest else "no"
        return "yes"
    return None


_CONTRA_LIST = re.compile(
    r"^\W*(?:absolute |relative |the )?contra-?indications (?:to|for) [^.;]{1,60}? include\b", re.I
)
_ITEMS = re.compile(r",\s*(?:and |or )?|\s+(?:and|or)\s+", re.I)


def _names_listed(question: str, items: str) -> bool:
    """The question names one item of a listed set (every content word of it) or gives a value of a listed measure
    inside its cut-off ("INR above 1.7" for an INR of 2.5)."""
    asked = _word_set(question)
    for item in _ITEMS.split(items.rstrip(". ")):
        if threshold_applies(question, item) is True:
            return True
        words = _word_set(item)
        if len(words) >= 2 and words <= asked:
            return True
    return False


# "Can the tPA go in before the BP is brought down?": the question asks about acting before a step is done.
_Q_BEFORE = re.compile(
    r"\bbefore\s+(?:the\s+|her\s+|his\s+|their\s+|its\s+|a\s+|an\s+)?(?P<x>[\w-]+(?:\s+[\w-]+)?)\s+"
    r"(?:is|are|has been|have been|gets?|got|was|were)\s+(?:\w+\s+)?"
    r"(?:brought down|lowered|reduced|controlled|checked|corrected|treated|excluded|done|measured|confirmed)\b",
    re.I,
)
# "Blood pressure must be lowered below 185/110 mm Hg before alteplase", "Blood glucose must be checked before
# thrombolysis": a step the sentence requires first.
_S_BEFORE = re.compile(
    r"^\W*(?P<x>[^.;]{2,60}?)\s+(?:must|should|needs? to|has to|have to)\s+(?:first\s+)?(?:be\s+)?"
    r"(?:\w+\s+)?\w+(?:ed|en)\b[^.;]*?\bbefore\b",
    re.I,
)


def _names_step(name: str, text: str) -> bool:
    """``text`` names what ``name`` does: every word of it, or its words' initials ("BP" for "blood pressure")."""
    words = _word_set(name)
    if words and words <= _word_set(text):
        return True
    initials = "".join(w[0] for w in re.findall(r"[a-z]+", text.lower()))
    return name.isupper() and len(name) >= 2 and name.lower() in initials


def precondition_unmet(question: str, sentence: str) -> bool:
    """The sentence requires a step before the treatment ("Blood pressure must be lowered ... before alteplase")
    and the question asks about giving it before that step is done ("before the BP is brought down")."""
    q = _Q_BEFORE.search(question)
    m = _S_BEFORE.search(sentence) if q else None
    if q is None or m is None:
        return False
    return _names_step(q.group("x"), m.group("x"))


# Intervals: "a 14-day gap", "24 hours after the last dose", "stopping it 2 days before", "three days".
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}  # fmt: skip
_DURATION = (
    r"(?P<n>\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")[\s-]*"
    r"(?P<u>minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?)\b"
)
_HOURS = {"m": 1 / 60, "h": 1.0, "d": 24.0, "w": 168.0}
# The question's interval: a duration followed within a few words by what it separates ("after", "before", "gap").
_Q_INTERVAL = re.compile(
    r"\b" + _DURATION + r"(?:\s+[\w-]+){0,2}?\s+(?:after|before|since|gap|interval|wash-?out|later|apart|ago)\b", re.I
)
# A sentence's minimum interval: "must not be started within 36 hours of", "should not be started until at least 14
# days after", "should be stopped at least three days before", "at least 4 weeks after finishing".
_S_MINIMUM = re.compile(
    r"\b(?:(?:not|never)\b[^.;]{0,60}?\b(?:within|until|for)\s+(?:at least\s+)?|at least\s+)"
    + _DURATION
    + r"(?=\s+(?:of|after|before|since|from)\b)",
    re.I,
)


def _hours(n: str, unit: str) -> float:
    value = float(_NUMBER_WORDS.get(n.lower(), n)) if not n[0].isdigit() else float(n)
    u = unit.lower()
    return value * (720.0 if u.startswith("mo") else _HOURS.get(u[0], 1.0))


def interval_stance(question: str, sentence: str) -> str | None:
    """The stance of a sentence giving a minimum interval on the interval the question proposes: "yes" when the
    question's is at least as long ("An MAOI should not be started until at least 14 days after stopping most SSRIs"
    for a 14-day gap), "no" when shorter ("must not be started within 36 hours of the last dose" for 24 hours;
    "stopped at least three days before scheduled surgery" for 2 days); None when either gives no interval."""
    q = _Q_INTERVAL.search(question)
    if q is None:
        return None
    m = _minimum_for(question, sentence)
    if m is None:
        return None
    return "yes" if _hours(q.group("n"), q.group("u")) >= _hours(m.group("n"), m.group("u")) - 1e-9 else "no"


# A sentence's window for acting: "treated within 4.5 hours of symptom onset", "within 72 hours of exposure".
_S_WINDOW = re.compile(r"\bwithin\s+(?:the\s+first\s+)?" + _DURATION + r"\s+(?:of|after|from)\b", re.I)
_S_NOT_WITHIN = re.compile(r"\b(?:not|never)\b[^.;]{0,60}?\bwithin\b", re.I)  # a minimum, for ``interval_stance``
# The time the question says has passed since onset: "5 h 10 min out", "onset 6 hours ago", "symptoms started 3
# days ago" (not "last Eliquis dose 6 hrs ago": a time since something else).
_MINUTES = r"(?:\s*(?:and\s+)?(?P<min>\d+)\s*(?:min|mins|minutes)\b)?"
_Q_ELAPSED = re.compile(
    r"\b" + _DURATION + _MINUTES + r"\s+(?:out|since\s+(?:the\s+)?(?:onset|symptom\s+onset|symptoms\s+started"
    r"|it\s+started|exposure)|after\s+(?:the\s+)?(?:onset|symptom\s+onset|exposure))\b"
    r"|\b(?:onset|symptoms?\s+(?:started|began)|it\s+(?:started|began|came\s+on))\s+(?:about\s+|around\s+)?"
    + _DURATION.replace("?P<n>", "?P<n2>").replace("?P<u>", "?P<u2>")
    + _MINUTES.replace("?P<min>", "?P<min2>")
    + r"\s+ago\b",
    re.I,
)


def window_stance(question: str, sentence: str) -> str | None:
    """The stance of a sentence giving a window for acting on the time the question says has passed: "yes" inside
    it, "no" past it ("within 4.5 hours of symptom onset" for "5 h 10 min out"); None when either gives no time."""
    w = _S_WINDOW.search(sentence)
    q = _Q_ELAPSED.search(question)
    if w is None or q is None or _S_NOT_WITHIN.search(sentence):
        return None
    n, u, mins = (q.group("n"), q.group("u"), q.group("min")) if q.group("n") else (q["n2"], q["u2"], q["min2"])
    elapsed = _hours(n, u) + (int(mins) / 60 if mins else 0.0)
    return "yes" if elapsed <= _hours(w.group("n"), w.group("u")) + 1e-9 else "no"


def _minimum_for(question: str, sentence: str) -> re.Match[str] | None:
    """The sentence's minimum interval for what the question names: of "at least 14 days after stopping most SSRIs,
    and at least 5 weeks after stopping fluoxetine", the one whose own clause names a drug of the question by its
    own name (fluoxetine: 5 weeks); the first otherwise (sertraline, one of "most SSRIs": 14 days)."""
    from .question import find_concepts, mention_span

    found = list(_S_MINIMUM.finditer(sentence))
    if len(found) <= 1:
        return found[0] if found else None
    # The words the question names its drugs by ("fluoxetine", though the lexicon files it under SSRIs).
    names = []
    for c in find_concepts(question):
        span = mention_span(question, c) if c.kind in ("drug", "intervention") else None
        if span is not None:
            names.append(re.escape(question[span[0] : span[1]].lower().rstrip("s")))
    if not names:
        return found[0]
    named = re.compile(r"(?<![\w-])(?:" + "|".join(names) + r")(?:s|es)?(?![\w-])", re.I)
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(sentence)
        if named.search(re.split(r"[;.]|,\s+(?:and|but)\b", sentence[m.end() : end])[0]):
            return m
    return found[0]


# A question about starting a treatment, and a sentence about patients already on it.
_STARTING = re.compile(r"\b(?:start|started|starting|initiat\w+|begin|begun|commenc\w+)\b", re.I)
_ALREADY_ON = re.compile(
    r"\b(?:already|currently)\s+(?:taking|on|using|receiving|treated with)\b|\bcontinu(?:e|ing|ation of)\b", re.I
)


def question_polarity(
    question: str,
    sentence: str,
    question_terms: set[str],
    names_outcome: Callable[[str], int] | None = None,
    told: str = "",
) -> str | None:
    """Polarity of the clause of ``sentence`` that is about the question.

    "X is effective for A but should not be used for B" answers a question about A with yes. A restriction
    ("recommended only for patients with an indication") answers a question asking about use *without* it with no.
    ``names_outcome`` counts the question's conditions a clause names (with their synonyms): the clause about the
    outcome asked wins over one that only shares more words ("did not reduce cardiovascular disease, but increased
    major haemorrhage" answers "Does aspirin increase major bleeding?" with its second clause). ``told``: the whole
    message, when the amount and the patient are given before the question ("68F on citalopram 40mg od ... OK to
    continue at that dose?").
    """
    if _STARTING.search(question) and _ALREADY_ON.search(sentence) and not _ALREADY_ON.search(question):
        return None  # "in patients already taking X ... continuing X" does not answer whether to start it
    step = _Q_BEFORE.search(question)
    if step is not None:
        # "Can the tPA go in before the BP is brought down?" is answered by a sentence on that step ("Blood pressure
        # must be lowered ... before alteplase": no), not by the treatment's general recommendation.
        if precondition_unmet(question, sentence):
            return "no"
        if not _names_step(step.group("x"), sentence):
            return None
    timed = interval_stance(question, sentence)
    if timed is not None:
        return timed
    windowed = window_stance(told or question, sentence)
    if windowed is not None:
        return windowed
    dosed = dose_stance(told or question, sentence)
    if dosed is not None:
        return dosed or None
    listed = _CONTRA_LIST.match(sentence)
    if listed:
        # "Contraindications to X include A, B and INR above 1.7": against X only for a question naming one of them
        # (an INR of 2.5, "aortic dissection"); for any other question on X the list says nothing.
        return "no" if _names_listed(question, sentence[listed.end() :]) else None
    clauses = [c for c in _CLAUSES.split(sentence) if c.strip()] or [sentence]
    if len(clauses) > 1:
        outcome = names_outcome or (lambda _c: 0)
        clauses.sort(key=lambda c: (-outcome(c), -len(question_terms & terms(c))))
    if names_outcome is not None and _reduces_outcome(question, sentence, names_outcome):
        return "yes"  # "DOACs cause less intracranial haemorrhage than warfarin and do not require INR monitoring"
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


_Q_REDUCES = re.compile(r"\b(?:reduc\w*|lower\w*|decreas\w*|lessen\w*|cut\w*)\b", re.I)
_S_LESS = re.compile(
    r"(?<!\bnot )(?<!\bno )(?<!n't )\b(?:less|lower|fewer|reduced?|reduces|decreased?|decreases|halved)\b"
    r"(?P<what>[^.;,]{0,50})",
    re.I,
)


def _reduces_outcome(question: str, sentence: str, names_outcome: Callable[[str], int]) -> bool:
    """A question asking whether X reduces an outcome, and a sentence saying X gives less of it ("cause less
    intracranial haemorrhage than warfarin"), whatever else the sentence denies ("do not require monitoring")."""
    if not _Q_REDUCES.search(question):
        return False
    return any(names_outcome(m.group("what")) for m in _S_LESS.finditer(sentence))


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


_CONTRAINDICATED_IN = re.compile(
    r"\bcontra-?indicated (?:in|for) (?:patients |people |those |women |men )?(?:with |who have (?:had )?)?"
    r"(?P<items>[^.;]+)",
    re.I,
)


def _contraindication_named(asked: set[str], sentence: str, document: list[str]) -> bool:
    """The question names (every word of) an item of a "contraindicated in patients with A, B or C" list in the
    document ("previous stroke or TIA" for a migraineur who had a TIA)."""
    for other in document:
        if other == sentence:
            continue
        for found in _CONTRAINDICATED_IN.finditer(other):
            for item in _ITEM_SPLIT.split(_ITEM_END.sub("", found.group("items"))):
                words = _word_set(re.sub(r"^(a|an|the|previous|prior)\s+", "", item.strip(), flags=re.I))
                if words and len(words) <= 4 and words <= asked:
                    return True
    return False


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
    if re.search(r"contra-?indicat", m.group("x"), re.I) and _contraindication_named(asked, sentence, document):
        return True  # "... without vascular contraindications" for a patient with one the document lists
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


# What a medicine page says of an effect a consumer asks about ("does oxycodone make you constipated"): it has it
# ("Constipation is very common with oxycodone", "can cause", "a known side effect") or it does not ("does not
# usually cause weight gain", "is weight-neutral").
_NO_EFFECT = re.compile(
    r"\b((does|do|is|are|did) not|doesn't|don't|isn't|unlikely to|rarely) (usually |normally |typically |generally |"
    r"known to |thought to )?(cause|make|lead|give|affect|change|linked|associated|tied)\w*|weight[- ]neutral|"
    r"no (effect|link)|not linked\b",
    re.I,
)
_EFFECT = re.compile(
    r"\b((can|may|might|often|commonly|frequently|sometimes|also) (also )?(cause|make|lead to|give|raise|lower|"
    r"increase|affect|change|trigger|bring on|mask|hide|damage)\w*|causes?|caused|(very |fairly |quite )?common\w*|"
    r"side[- ]effects?|linked (to|with)|associated with)\b",
    re.I,
)


def side_effect_stance(sentence: str) -> str | None:
    """ "yes" when a sentence says the medicine has the effect, "no" when it says it does not, None otherwise."""
    if _NO_EFFECT.search(sentence):
        return "no"
    if _EFFECT.search(sentence):
        return "yes"
    return None
