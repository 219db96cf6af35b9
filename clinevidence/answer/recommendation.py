"""The verdict contract: ``verdict`` answers the question exactly as asked; ``recommendation`` drives the label.

A question states a proposition. "Is it safe to combine X with Y?" proposes that the combination is fine (a
*positive* proposition); "Is it unsafe …?", "Does X increase bleeding …?", "Is X contraindicated …?", "Should X be
avoided …?" propose harm (a *negative* proposition). Evidence takes a *stance* on using the intervention
(for / against / uncertain). So:

* verdict = stance for a positive proposition, the stance flipped for a negative one ("Is metformin contraindicated
  at eGFR 25?" + a sentence against using it → ``yes``);
* recommendation = what the evidence says about using it (``recommended``, ``not_recommended``,
  ``contraindicated`` when the source says so, ``use_with_caution``, ``no_clear_benefit``), ``informational`` for
  questions that are not yes/no (dose, "what are the concerns"), ``insufficient`` when the library has nothing;
* the display label comes from the recommendation and the question type; comparisons name the winner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import content_words
from .intent import at_once
from .question import ASK_START, Concept, QuestionAnalysis, find_concepts, mention_span, mentions

RECOMMENDATIONS = (
    "recommended",
    "not_recommended",
    "contraindicated",
    "use_with_caution",
    "no_clear_benefit",
    "informational",
    "insufficient",
)

# Stopping it: "Should ACE inhibitors be stopped in pregnancy?" proposes not using them, as does "Should X be
# permanently stopped / temporarily withheld?" (an adverb between the auxiliary and the verb).
_STOPPING = (
    r"(be|been|being|get|gets) (\w+ly )?(stopped|discontinued|withdrawn|withheld|ceased)|stop(ping)? (taking|using)|"
    r"discontinu\w*|"
    # "should she stop her aspirin?", "does he need to stop the methotrexate?", "can I come off my omeprazole?"
    # "Should we hold the metformin?": held for a while is stopped for now
    r"(should|can|could|must|may|to) (\w+ )?(stop|come off|go off|quit|hold|withhold|suspend) "
    r"(her|his|their|my|your|our|the|this|that|these|it|them)\b|"
    # an asking clause that is the step itself: "... 6 weeks pregnant. Stop it straight away?"
    r"^\W*(stop|come off|go off|quit) (her|his|their|my|your|our|the|this|that|these|it|them)\b"
)
_NEGATIVE = re.compile(
    r"\b(unsafe|not safe|not (ok|okay|alright|all right|fine)|dangerous|harmful|harm|toxic|contraindicated|"
    r"contra-indicated|avoid(ed)?|"
    r"should (not|never)|shouldn't|must not|increase[sd]? (the )?(risk|rate|incidence|chance)|raise[sd]? the risk|"
    # "Does atorvastatin increase cancer risk?"
    r"(increase[sd]?|raise[sd]?) (your |my |the )?[\w-]+ (risk|incidence|chance)|"
    r"cause[sd]?|worsen\w*|increase[sd]? \w*\s?(bleeding|toxicity|mortality|death|harm)|"
    r"(at|higher|greater) risk of|risky|interact\w*|a problem|bad for|bad to|"
    r"(?:is|was) (?:it|that|this) (?:so |really |too )?bad|"
    # "Is it wrong / a mistake / inappropriate to ...?" proposes that doing it is against the evidence
    r"wrong|an? (mistake|error)|inappropriate|ill-advised|inadvisable|a bad idea|bad practice|" + _STOPPING + r")\b",
    re.I,
)
# Wording that only looks like harm: "reduce the risk of", "lower the risk", "prevent", "reduce worsening heart
# failure" (a protective verb within a few words of the harm).
_PROTECTIVE = re.compile(
    r"\b(reduc\w*|lower\w*|decreas\w*|prevent\w*|protect\w*|cut\w*|lessen\w*|avert\w*)"
    r"(\s+[\w-]+){0,3}?\s+(the\s+)?(risk|rate|incidence|chance|worsen\w*|death|deaths|mortality|harm|complications?)",
    re.I,
)
# A harm word denied right before it ("does not harm", "don't cause", "is not really harmful").
_DENIED = re.compile(r"(?:\bnot|\bnever|n't|n’t)\s+(?:\w+\s+)?$", re.I)
_WH = re.compile(r"^\s*(what|which|how|when|why|who|where|list|describe|name)\b", re.I)
_CONTRA = re.compile(r"\bcontra-?indicat\w*\b", re.I)
_CONDITIONAL_CONTRA = re.compile(
    r"\b(when|if|unless|where|in case)\s+(an?\s+|the\s+)?[\w-]+(\s+[\w-]+){0,2}\s+(is|are)\s+contra-?indicated", re.I
)
_EFFECT = re.compile(
    r"\b(effective|efficacy|benefit\w*|improv\w*|reduc\w*|lower\w*|prevent\w*|help\w*|work\w*|shorten\w*|cure\w*|"
    r"get rid of|clear up|"
    r"prolong\w*|increase survival|mortality|outcomes?)\b",
    re.I,
)
_CAUTION = re.compile(
    r"\b(with caution|caution(ed)?|careful(ly)? monitor\w*|monitor\w* (closely|carefully)|close monitoring|"
    r"dose (adjustment|reduction)|reduce the dose|lower dose|only (if|when|under)|"
    # a leaflet's caution: "Tell your doctor ... especially NSAIDs", "ask your doctor whether you should take"
    r"(tell|ask|talk to|check with|speak to) your (doctor|pharmacist|prescriber)|"
    # a label's "if pregnant, ask a health professional before use", "Ask a doctor before use if ..."
    r"ask an? (doctor|pharmacist|health (care )?professional|healthcare provider)( or (a )?(pharmacist|doctor))? "
    r"before use|"
    r"(may|can|could) increase the (risk|chance)|"
    # "need lower doses and closer monitoring", "the warfarin dose is usually lowered and blood tests are done more
    # often", "can raise the INR"
    r"clos(e|er) monitoring|(lower|smaller|reduced) doses|dose is (usually |often )?(lowered|reduced)|"
    r"(checked|tested|done|measured) more often|(may|can|could) raise the)\b",
    re.I,
)


def cautions(sentence: str) -> bool:
    """The sentence allows it with care: monitoring, a lower dose, checking with the doctor."""
    return bool(_CAUTION.search(sentence))


_WINNER = re.compile(
    r"\b(superior to|preferred over|preferred to|better than|rather than|instead of|over|outperform\w*|"
    r"replac\w*|supersed\w*|compared with|versus|vs\.?)\b",
    re.I,
)
_LOSER_FIRST = re.compile(r"\b(inferior to|worse than|less effective than|replaced by|superseded by)\b", re.I)

LABELS = {
    "recommended": {
        "safety": "Generally Safe",
        "efficacy": "Effective",
        "diagnosis": "Useful",
        "prognosis": "Associated",
        "default": "Recommended",
    },  # fmt: skip
    "not_recommended": {
        "efficacy": "Not Recommended",
        "diagnosis": "Not Useful",
        "prognosis": "No Clear Association",
        "default": "Not Recommended",
    },  # fmt: skip
    "contraindicated": {"default": "Contraindicated"},
    "use_with_caution": {"default": "Use With Caution"},
    "no_clear_benefit": {"diagnosis": "Not Useful", "prognosis": "No Clear Association", "default": "No Clear Benefit"},
    "insufficient": {"default": "Insufficient Evidence in Library"},
    "informational": {"dosing": "Dosing Guidance", "safety": "Safety Considerations", "default": "Evidence Summary"},
}


@dataclass(frozen=True, slots=True)
class Proposition:
    negative: bool  # the question proposes harm ("unsafe", "increase bleeding", "contraindicated", "avoid")
    yes_no: bool  # a yes/no question (possibly after a colon: "Drug X: is it safe?")


# The clauses of a message ("since i started the patch im having nightmares, what can i do"): the last one that
# asks says what kind of question it is.
_CLAUSE_SEP = re.compile(r"[,;:.!?]\s+|\s[-–—]\s")


def _asks_wh(q: str) -> bool:
    """The question asks what, how, which ...: at its start, or in the last clause that asks after a lead that only
    tells ("..., what can i do")."""
    if _WH.match(q):
        return not re.search(r"[:;]\s*(is|are|does|do|can|should)\b", q, re.I)
    asking = [c for c in _CLAUSE_SEP.split(q) if ASK_START.match(c)]
    return bool(asking) and bool(_WH.match(asking[-1]))


def proposition(question: str) -> Proposition:
    q = question.strip()
    wh = _asks_wh(q)
    harm = _NEGATIVE.search(q)
    negative = harm is not None and not _PROTECTIVE.search(q)
    if harm is not None and _DENIED.search(q[: harm.start()]):
        negative = False  # "Is it true that X does not harm the baby?" proposes that X is harmless
    if re.search(r"\bsafe\b", q, re.I) and not re.search(r"\b(unsafe|not safe)\b", q, re.I):
        negative = False
    return Proposition(negative=negative, yes_no=not wh)


# A question that proposes stopping ("Should X be stopped ...?") and a sentence whose subject is the stopping
# ("Stopping X without follow-on therapy is not recommended", "Discontinuation of X ..."): the sentence's stance is
# already on the question's proposition, not on using X. ("X should be stopped" is read as a stance against X.)
_STOPPING_Q = re.compile(r"\b(" + _STOPPING + r")\b", re.I)
_ABOUT_STOPPING = re.compile(
    r"^\W*(stopping|discontinu\w+|withdrawal|withdrawing|cessation|ceasing|interrupti\w+)\b", re.I
)


# "Is A preferred over B?", "Is A better than B ...?": a proposition about A against B, not about A alone.
_PREFERRED_OVER = re.compile(
    r"\b(preferred (over|to)|recommended (over|in preference to)|in preference to|better than|superior to|"
    r"more effective than|rather than|instead of)\b",
    re.I,
)


def _ordered_pair(question: str) -> tuple[Concept, Concept] | None:
    """(A, B) of "Is A preferred over / better than B?": the treatments named last before and first after."""
    m = _PREFERRED_OVER.search(question)
    if not m:
        return None
    from .question import find_concepts

    before: list[Concept] = []
    after: list[Concept] = []
    for c in find_concepts(question):
        span = mention_span(question, c) if c.kind in ("drug", "intervention") else None
        if span is not None and span[1] <= m.start():
            before.append(c)
        elif span is not None and span[0] >= m.end():
            after.append(c)
    return (before[-1], after[0]) if before and after else None


def _preferred_of(sentence: str, a: Concept, b: Concept) -> Concept | None:
    """Which of ``a`` and ``b`` a sentence taking a stance *for* prefers: the only one it names, or by its wording."""
    if a == b:
        return None
    here = [c for c in (a, b) if mentions(sentence, c)]
    if len(here) == 1:
        # "B is the first-line ..." prefers B; in "DOACs are recommended over B" B is the one passed over (by a
        # class the question's A may belong to), which says nothing here.
        start = (mention_span(sentence, here[0]) or (0, 0))[0]
        passed_over = _WINNER.search(sentence[:start]) and not _LOSER_FIRST.search(sentence[:start])
        return None if passed_over else here[0]
    if len(here) < 2:
        return None
    spans = sorted((mention_span(sentence, c) or (0, 0), i) for i, c in enumerate((a, b)))
    first, second = ((a, b)[i] for _, i in spans)
    between = sentence[spans[0][0][1] : spans[1][0][0]]
    if _LOSER_FIRST.search(between):
        return second
    if _WINNER.search(between) or re.search(r"\b(preferred|superior|recommended|first-line|better)\b", between, re.I):
        return first
    return None


_PASSED_OVER = re.compile(
    r"\b(rather than|instead of|in preference to|preferred (over|to)|over)\s+(an?\s+|the\s+)?$", re.I
)


def passed_over(question: str, sentence: str) -> bool:
    """The sentence prefers another treatment to the one the question asks about (or its class): "Warfarin rather
    than a DOAC is recommended for ..." to "Can Xarelto be used ...?", "DOACs are recommended over warfarin" to
    "Should warfarin be used ...?"."""
    from .question import _concept_regex, classes_of, find_concepts, same_drug, switched

    drugs = [c for c in find_concepts(question) if c.kind in ("drug", "intervention")]
    if not drugs:
        return False
    asked = drugs[0]
    if len(drugs) >= 2 and (change := switched(question, drugs[0], drugs[1])) is not None:
        asked = change[1]  # "had amoxicillin ... should I go to Augmentin?" asks about the one switched to
    for k in (asked, *classes_of(asked)):
        m = _concept_regex(k).search(sentence)
        if m is None:
            continue
        lead = _PASSED_OVER.search(sentence[: m.start()])
        if lead is None:
            return False
        before = find_concepts(sentence[: lead.start()])
        return any(c.kind in ("drug", "intervention") and not same_drug(c, asked) for c in before)
    return False


_SHOULD_BE = re.compile(r"\b(?:should|must|can|may|is|are)\s+(?:be\s+)?", re.I)
_RATHER_THAN = re.compile(r"\brather than\s+(?P<x>[^,.;]+)", re.I)


def _rather_than_asked(question: str, sentence: str) -> str | None:
    """ "should be B rather than A" when the question proposes A or B in two or more of its own words: "no" to A
    ("tapered gradually rather than stopped abruptly" for "Can it be stopped abruptly?"), "yes" to B; None
    otherwise."""
    from .support import stem

    m = _RATHER_THAN.search(sentence)
    if not m:
        return None
    asked = {stem(w) for w in content_words(question)}
    passed = {stem(w) for w in content_words(m.group("x")) if w.isalpha()}
    if len(passed) >= 2 and passed <= asked:
        return "no"
    lead = list(_SHOULD_BE.finditer(sentence[: m.start()]))
    chosen = {stem(w) for w in content_words(sentence[lead[-1].end() : m.start()]) if w.isalpha()} if lead else set()
    return "yes" if len(chosen) >= 2 and chosen <= asked else None


# "Is A or B preferred?", "are A or B better for ...?": a choice between two options, not a yes/no on one.
_EITHER_OR = re.compile(
    r"^\W*(?:[\w,-]+\s+){0,8}?(?:is|are)\s+[^?]{1,60}?\s+or\s+[^?]{1,60}?\s+(?:the\s+)?(?:preferred|better|best|"
    r"recommended|first[- ]line|first choice|drug of choice)\b",
    re.I,
)


def asks_either_or(question: str) -> bool:
    """ "Is A or B preferred / the better choice ...?": a choice between two options."""
    return bool(_EITHER_OR.search(question))


def answer_from_stance(question: str, stance: str, sentence: str = "") -> str:
    """The verdict from a stance on *using* the intervention (yes = for, no = against, maybe), or, when the
    ``sentence`` that takes it is about stopping and so is the question, a stance on stopping itself. For "Is A
    preferred over B?" a sentence for B ("B is the first-line ...") answers no."""
    if stance == "maybe":
        return "maybe"
    rather = _rather_than_asked(question, sentence) if sentence else None
    if rather is not None:
        # "should be tapered gradually rather than stopped abruptly": no to "Can sertraline be stopped abruptly?",
        # yes to "Should antidepressants be tapered gradually?"
        return rather
    if sentence and asks_either_or(question):
        # "Is A or B preferred?": a sentence for one, or against the other ("LABA plus ICS ... is no longer
        # encouraged" for "LAMA/LABA or LABA/ICS?"), answers that one of them is.
        return "yes"
    pair = _ordered_pair(question) if sentence and stance == "yes" else None
    if pair is not None and not proposition(question).negative and _preferred_of(sentence, *pair) == pair[1]:
        return "no"
    if pair is None and stance == "yes" and sentence and passed_over(question, sentence):
        stance = "no"  # for another treatment in preference to the one asked about: against it
    if proposition(question).negative:
        if sentence and _STOPPING_Q.search(question) and _ABOUT_STOPPING.search(sentence):
            return stance
        return "no" if stance == "yes" else "yes"
    return stance


# Stopping a medicine at once ("is it ok to stop atenolol all at once", "can I just quit Xanax cold turkey", "wants
# to just stop it suddenly - is that ok?"), and a sentence advising against that: tapering, "do not stop ...
# suddenly", or the harm "after abrupt discontinuation".
_NOT_AT_ONCE = re.compile(
    r"\b(taper\w*|gradual\w*|(reduc|lower|decreas)\w* (the |your )?(dose|dosage)\w* (slowly|gradually|over|step)|"
    r"(do not|don't|never|should not|must not) (suddenly |abruptly )?stop\w*|"
    r"(abrupt|sudden) (discontinuation|withdrawal|cessation|stopping)|"
    r"stopp?(ing|ed)? (\w+ ){0,3}?(suddenly|abruptly|all at once|at once))\b",
    re.I,
)
_AT_ONCE_HARM = re.compile(r"\b(dangerous|unsafe|harmful|risky|bad|a problem)\b", re.I)


def stopping_at_once_answer(question: str, sentence: str) -> str | None:
    """For a question on stopping a medicine at once, the answer of a sentence advising against it ("reduce the
    dosage gradually", "do not stop taking it suddenly"): no to "is it ok to", yes to "is it dangerous to"; None
    when the question does not ask that or the sentence does not say it."""
    if not at_once(question) or not _NOT_AT_ONCE.search(sentence):
        return None
    if re.search(r"\b(do not|don't|never|should not|must not) (\w+ ){0,2}?(taper|reduc)", sentence, re.I):
        return None  # "do not taper it": the opposite advice
    return "yes" if _AT_ONCE_HARM.search(question) else "no"


def stance_from_verdict(question: str, verdict: str) -> str:
    """Inverse of ``answer_from_stance``: what a verdict to this question says about using the intervention."""
    return answer_from_stance(question, verdict)


# "Does Flexeril make you sleepy?", "can it give you headaches?", "is hair loss a side effect of Lexapro?": whether
# a medicine has an effect it is not taken for. A yes is a caution, not a verdict against the medicine.
_MEDICINE_WORD = r"(?:med|meds|medicine|medication|pill|pills|tablets?|drug|inhaler|drops|cream|gel|shot|shots|patch)"
_SIDE_EFFECT_Q = re.compile(
    r"\b(?:side[- ]?effects?|adverse\s+(?:effects?|reactions?)|makes?\s+(?:you|me|him|her|them|people|us)\b"
    # "ventolin makes my hands shake", "colchicine giving me the runs"
    r"|(?<!\bi\s)makes?\s+(?:my|his|her|their)\s+[\w-]+\s+(?:shake|hurt|ache|itch|burn|swell|spin|race|pound|tingle"
    r"|go\s+\w+|feel\s+\w+|turn\s+\w+)\b|\bgiving\s+(?:me|him|her|them|you)\s+(?:a\s+|an\s+|the\s+)?\w+"
    # the medicine giving an effect, not a person giving the medicine ("can i give her a little bit of ...")
    r"|(?<!\bi\s)(?<!\bwe\s)(?<!\byou\s)(?<!\bto\s)gives?\s+(?:you|me|him|her|them|people)\s+(?:a\s+|an\s+)?\w+"
    # a consumer tying what they notice to the medicine: "is it normal for bactroban to burn", "is that from the
    # inhaler", "could the new pill be doing this", "is that the med"
    r"|is\s+(?:it|this|that)\s+normal\s+for\s+(?:the\s+|my\s+|his\s+|her\s+)?[\w-]+\s+to\b"
    r"|is\s+(?:it|this|that)\s+(?:from|because\s+of|caused\s+by|due\s+to)\s+(?:the|my|his|her|their|this)\s+"
    r"(?:new\s+)?(?:[\w-]+\s+)?" + _MEDICINE_WORD + r"\b"  # "is that from the bp pill"
    # "... the only new med is X. could it be doing that"
    r"|could\s+(?:it|that|this)\s+be\s+(?:doing|causing)\s+(?:that|this|it)\b"
    r"|could\s+(?:the|my|his|her|this)\s+(?:new\s+)?" + _MEDICINE_WORD + r"\s+be\s+(?:doing|causing)\b"
    r"|is\s+(?:that|this|it)\s+the\s+" + _MEDICINE_WORD + r"\b)",
    re.I,
)
SIDE_EFFECT_LABELS = {"yes": "Known Side Effect", "no": "No Link Found", "maybe": "Evidence Inconclusive"}
# The same with the medicine named ("is that from the paxil", "could that be the robaxin", "could the requip be
# doing that", "is it the morphine?", "can lexapro cause hair loss"): ``what`` must name a medicine.
_DET = r"(?:(?:the|my|his|her|their|this|that)\s+)?(?:new\s+)?"
_BLAMED = tuple(
    re.compile(p, re.I)
    for p in (
        rf"\bis\s+(?:it|this|that)\s+(?:from|because\s+of|caused\s+by|due\s+to)\s+{_DET}(?P<what>[\w-]+)",
        rf"\bcould\s+(?:it|this|that)\s+be\s+(?:from\s+)?{_DET}(?P<what>[\w-]+)",
        rf"\bcould\s+{_DET}(?P<what>[\w-]+)\s+be\s+(?:doing|causing)\b",
        # "could eye drops really do that", "could the metformin actually cause this"
        rf"\bcould\s+{_DET}(?:[\w-]+\s+)?(?P<what>(?!really\b|actually\b)[\w-]+)\s+(?:really\s+|actually\s+)?(?:do|cause)\s+(?:that|this|it)\b",
        r"\bis\s+(?:it|this|that)\s+(?:the|my|his|her)\s+(?P<what>[\w-]+)\s*[?.!]*\s*$",
        rf"\b(?:does|do|can|could|will|would|might|may)\s+{_DET}(?P<what>[\w-]+)\s+cause\b",
    )
)


def blames_medicine(question: str) -> bool:
    """The asker ties what they notice to a medicine they name or call a medicine."""
    for rx in _BLAMED:
        for m in rx.finditer(question):
            what = m.group("what")
            if re.fullmatch(_MEDICINE_WORD, what, re.I) or any(c.kind == "drug" for c in find_concepts(what)):
                return True
    return False


def asks_side_effect(question: str) -> bool:
    """A yes/no question on whether a medicine causes an effect ("does it make you sleepy?")."""
    return (bool(_SIDE_EFFECT_Q.search(question)) or blames_medicine(question)) and proposition(question).yes_no


def side_effect_verdict(question: str, verdict: str) -> str:
    """Whether the medicine has the effect, from the verdict to the question as asked: "Is it a myth that the flu
    jab gives you flu?" answered yes says it does not."""
    from .verdict import split_negated_question  # verdict imports polarity, which imports this module

    if split_negated_question(question)[1] and verdict in ("yes", "no"):
        return "no" if verdict == "yes" else "yes"
    return verdict


def recommend(analysis: QuestionAnalysis, verdict: str, deciding_sentence: str = "") -> str:
    """The recommendation the evidence supports, given the verdict to this question and the deciding sentence."""
    if verdict == "insufficient":
        return "insufficient"
    prop = proposition(analysis.question)
    if not prop.yes_no or analysis.question_type == "dosing" and not analysis.yes_no:
        return "informational"
    if asks_side_effect(analysis.question):
        return "use_with_caution" if side_effect_verdict(analysis.question, verdict) == "yes" else "informational"
    if stopping_at_once_answer(analysis.question, deciding_sentence) is not None:
        return "not_recommended"  # stopping at once, against the advice to taper
    stance = stance_from_verdict(analysis.question, verdict)
    if stance == "maybe":
        return "use_with_caution" if analysis.question_type == "safety" else "no_clear_benefit"
    if stance == "no":
        said = _CONDITIONAL_CONTRA.sub(" ", deciding_sentence)  # "only when an NSAID is contraindicated" is not it
        if _CONTRA.search(said) and not re.search(r"\bnot contra-?indicat", said, re.I):
            return "contraindicated"
        if prop.negative:
            return "not_recommended"  # the harm the question asks about is there
        asks_effect = _EFFECT.search(analysis.question) and analysis.question_type in ("efficacy", "prognosis")
        if (asks_effect or analysis.question_type == "diagnosis") and not re.search(
            r"\b(not (be )?recommended|should not|avoid|discontinu\w*)", deciding_sentence, re.I
        ):
            return "no_clear_benefit"
        return "not_recommended"
    if _CAUTION.search(deciding_sentence):
        return "use_with_caution"
    return "recommended"


def display_label(recommendation: str, question_type: str, verdict: str) -> str:
    if verdict == "maybe" and recommendation in ("use_with_caution", "no_clear_benefit") and question_type != "safety":
        return "Evidence Inconclusive"
    table = LABELS.get(recommendation, LABELS["informational"])
    return table.get(question_type, table["default"])


def comparison_winner(analysis: QuestionAnalysis, sentence: str) -> Concept | None:
    """For "A or B?" / "A vs B": the option the deciding sentence prefers, if it says."""
    drugs = [c for c in analysis.concepts if c.kind in ("drug", "intervention", "test")][:2]
    if len(drugs) < 2 or not sentence:
        return None
    here = [c for c in drugs if mentions(sentence, c)]
    if len(here) == 1:
        return here[0] if re.search(r"\b(preferred|recommended|superior|first-line)\b", sentence, re.I) else None
    if len(here) < 2:
        return None

    def pos(c: Concept) -> int:
        m = re.search(r"(?<![\w-])(" + "|".join(re.escape(s) for s in c.synonyms) + r")(?![\w-])", sentence, re.I)
        return m.start() if m else 10**6

    first, second = sorted(here, key=pos)
    between = sentence[pos(first) : pos(second)]
    if _LOSER_FIRST.search(between):
        return second
    if re.search(r"\b(preferred|superior|recommended|first-line|better|outperform\w*)\b", between, re.I):
        return first  # "A is the preferred option ..., B reserved for ..."
    if _WINNER.search(between) and re.search(r"\b(improv\w*|prolong\w*|replac\w*|supersed\w*)\b", sentence, re.I):
        return first
    return None


_WHICH = re.compile(
    r"^\s*(which\b|what (is|are) the (best|preferred|first-line|recommended|usual)\b|"
    r"what (should|can|could) (be used|be given|be taken|i take|i use|we use)\b|"
    r"what (drugs?|medicines?|medications?|treatments?|therap(y|ies)|antibiotics?|options?|agents?)\b)",
    re.I,
)  # a question asking for a choice, not "what are the main safety concerns with X?"
_PREFERS = re.compile(r"\b(preferred|recommended|first-line|drug of choice|treatment of choice)\b", re.I)


def named_choice(analysis: QuestionAnalysis, sentence: str) -> list[Concept]:
    """For "Which PPI should be used with clopidogrel?": the options the deciding sentence recommends that the
    question did not name (pantoprazole), so the title can say which."""
    if not sentence or not _WHICH.match(analysis.question) or not _PREFERS.search(sentence):
        return []
    from .question import find_concepts

    asked = {c.name for c in analysis.concepts}
    head = re.split(r"\b(instead of|rather than|over|than|because|unless|except)\b", sentence, maxsplit=1)[0]
    found = [c for c in find_concepts(head) if c.name not in asked and c.kind in ("drug", "intervention")]
    if len(found) >= 2:
        a, b = (mention_span(head, c) for c in found[:2])
        if not (a and b and re.fullmatch(r"\s*(,|or|,? or)\s*", head[a[1] : b[0]], re.I)):
            return found[:1]  # "X or Y" names two options; otherwise the first is the answer
    return found[:2]


_QUALIFIERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![\w-])(pregnan\w*)\b", re.I), "in pregnancy"),  # not "non-pregnant"
    (re.compile(r"\bbreast-?feeding|lactat\w*\b", re.I), "while breastfeeding"),
    (
        re.compile(
            r"\b(e?gfr|crcl|creatinine clearance)\s*(of\s*)?(<|>|≤|≥|below|under|above|less than)?\s*(\d+)", re.I
        ),
        "",
    ),
    (re.compile(r"\badjuvant\b", re.I), "(adjuvant)"),
    (re.compile(r"\bneoadjuvant\b", re.I), "(neoadjuvant)"),
    (re.compile(r"\b(children|child|paediatric|pediatric|infants?)\b", re.I), "in children"),
    (re.compile(r"\b(older adults|elderly|over (65|70|75|80))\b", re.I), "in older adults"),
]


def qualifier(question: str, topic: str) -> str:
    """The setting that matters for the title (pregnancy, eGFR < 45, adjuvant, children), unless already there."""
    for rx, text in _QUALIFIERS:
        m = rx.search(question)
        if not m:
            continue
        if not text:  # renal function: keep the threshold as asked
            op = (m.group(3) or "").lower()
            op = {"below": "<", "under": "<", "less than": "<", "above": ">"}.get(op, op or "")
            name = "eGFR" if m.group(1).lower() in ("egfr", "gfr") else "CrCl"
            text = re.sub(r"\s+", " ", f"at {name} {op} {m.group(4)}").strip()
        words = text.strip("()").split()[-1].lower()
        if words in topic.lower():
            continue
        return text
    return ""


def title_for(
    analysis: QuestionAnalysis,
    label: str,
    winner: Concept | None = None,
    topic: str = "",
    choices: list[Concept] | None = None,
) -> str:
    topic = topic or analysis.topic
    q = qualifier(analysis.question, topic)
    if q:
        topic = f"{topic} {q}"
    if winner is not None:
        return f"{topic}: {winner.display[:1].upper() + winner.display[1:]} Preferred"
    if choices:
        names = " or ".join(c.display for c in choices)
        return f"{topic}: {names[:1].upper() + names[1:]} Recommended"
    return f"{topic}: {label}"


_VAR = r"(?P<var>e?gfr|crcl|creatinine clearance)"
_OPS = {"<": "<", "≤": "<=", "<=": "<=", ">": ">", "≥": ">=", ">=": ">=", "below": "<", "under": "<",
        "less than": "<", "lower than": "<", "above": ">", "over": ">", "more than": ">", "greater than": ">",
        "at least": ">=", "or more": ">=", "or above": ">=", "or higher": ">=", "or greater": ">=",
        "or less": "<=", "or below": "<=", "or lower": "<="}  # fmt: skip
_OP_WORDS = "|".join(sorted((re.escape(k) for k in _OPS), key=len, reverse=True))
_BEFORE = re.compile(_VAR + r"[^.;]{0,30}?(?P<op>" + _OP_WORDS + r")\s*(?P<n>\d+(\.\d+)?)", re.I)
_AFTER = re.compile(
    _VAR
    + r"[^.;\d]{0,30}?(?P<n>\d+(\.\d+)?)\s*(mL/min\S*\s*(m2|m²)?\s*)?"
    + r"(?P<op>or (more|above|higher|greater|less|below|lower))",
    re.I,
)
_VALUE = re.compile(
    _VAR + r"\s*(of|is|at|=|:)?\s*(?P<op><|≤|<=|>|≥|>=|below|under|above|over|less than)?\s*(?P<n>\d+(\.\d+)?)", re.I
)


def _interval(op: str, n: float) -> tuple[float, float]:
    eps = 1e-6
    return {"<": (-1e9, n - eps), "<=": (-1e9, n), ">": (n + eps, 1e9), ">=": (n, 1e9)}.get(op, (n, n))


# "an eGFR between 30 and 60": a closed range.
_BETWEEN = re.compile(_VAR + r"[^.;\d]{0,30}?\bbetween\s+(?P<a>\d+(\.\d+)?)\s+and\s+(?P<b>\d+(\.\d+)?)", re.I)


def _condition(sentence: str) -> tuple[float, float] | None:
    if between := _BETWEEN.search(sentence):
        return float(between.group("a")), float(between.group("b"))
    m = _AFTER.search(sentence) or _BEFORE.search(sentence)
    if not m:
        return None
    return _interval(_OPS[m.group("op").lower()], float(m.group("n")))


# Any other measured value: "eosinophils of 400", "a CHA2DS2-VASc score of 3" in the question; in the sentence the
# same measure with its cut-off ("blood eosinophil counts below 100 cells per microlitre", "of 300 cells per
# microlitre or more"). The measure is a word of 5+ letters (its stem is matched, so "eosinophils" finds
# "eosinophil counts") or an abbreviation in capitals ("INR", "PaO2").
_Q_MEASURE = re.compile(
    r"\b(?P<var>[a-z][a-z-]{4,}|(?-i:[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*))(?:\s+(?:count|counts|level|levels|score|of|is|at|around|about|was|were|=|:)){0,3}"
    r"\s*(?P<op><|≤|<=|>|≥|>=|below|under|above|over|less than|more than)?\s*"
    r"(?P<n>\d+(\.\d+)?)(?![\d.]*\s*(%|percent))",
    re.I,
)
_UNIT = r"(?:\s*(?:cells?|per|/|µl|ul|microlit\w*|mm3|mg/dl|mmol/l|ml/min\S*|m2|m²)\s*){0,4}"


def _measure_condition(var: str, sentence: str) -> tuple[float, float] | None:
    stem = re.escape(var.lower()[: max(5, len(var) - 2)])
    before = re.search(r"\b" + stem + r"[^.;\d]{0,30}?(?P<op>" + _OP_WORDS + r")\s*(?P<n>\d+(\.\d+)?)", sentence, re.I)
    after = re.search(
        r"\b" + stem + r"[^.;\d]{0,30}?(?P<n>\d+(\.\d+)?)" + _UNIT + r"\s*(?P<op>or (more|above|higher|greater|less|"
        r"below|lower))",
        sentence,
        re.I,
    )
    m = after or before
    if not m:
        return None
    return _interval(_OPS[m.group("op").lower()], float(m.group("n")))


def _matched_threshold(question: str, sentence: str) -> tuple[re.Match[str], tuple[float, float]] | None:
    """The question's value and the sentence's condition on the same measure, or None."""
    q = _VALUE.search(question)
    cond = _condition(sentence) if q else None
    if q is None or cond is None:
        for m in _Q_MEASURE.finditer(question):
            cond = _measure_condition(m.group("var"), sentence)
            if cond is not None:
                q = m
                break
    if not q or cond is None:
        return None
    return q, cond


# An age: in the question "an 18-month-old", "my 4 year old", "16 yo", "aged 6", "she is 3 months"; in the sentence a
# condition on it: "children younger than 2 years", "under 12 years of age", "adults and children 2 years and older".
_AGE_UNIT = r"(?P<u>months?|mos?|weeks?|wks?|years?|yrs?|yo|y/o|y\.o\.)"
_Q_AGE = re.compile(
    r"\b(?P<n>\d{1,2}(?:\.\d)?)\s*-?\s*" + _AGE_UNIT + r"(?:\s*-?\s*old\b|(?<=yo)\b|(?<=y/o)|(?<=y\.o\.))"
    r"|\baged?\s+(?P<n2>\d{1,2})\b(?!\s*(?:%|mg|kg|mmol))"
    # "My son is 18 months and 22 pounds", "she just turned 3 years"
    r"|\b(?:is|turned|he's|she's)\s+(?:just\s+)?(?P<n3>\d{1,2})\s*(?P<u3>months?|weeks?|years?)\b(?!\s+(?:ago|old))",
    re.I,
)
_UNDER_AGE = re.compile(
    r"\b(?:children|child|kids|kid|infants?|babies|baby|toddlers?|anyone|people|patients|those)\s+(?:aged\s+)?"
    r"(?:younger than|under|below|less than)\s+(?P<n>\d{1,2})\s*" + _AGE_UNIT + r"?",
    re.I,
)
_OVER_AGE = re.compile(
    r"\b(?:children|kids|adults and children|people|patients)\s+(?:aged\s+)?(?P<n>\d{1,2})\s*"
    + _AGE_UNIT
    + r"?\s*(?:of age\s+|old\s+)?(?:and|or)\s+(?:older|over|above)",
    re.I,
)


def _years(n: str, unit: str | None) -> float:
    u = (unit or "years").lower()
    return float(n) / (12.0 if u.startswith("mo") else 52.0 if u.startswith("w") else 1.0)


def age_applies(question: str, sentence: str) -> bool | None:
    """Does the sentence's condition on age ("children younger than 2 years", "adults and children 2 years and
    older") hold for the age the question gives ("an 18-month-old", "my 16 yo")? An age in months is read against a
    cut-off in years. None when either gives none."""
    q = _Q_AGE.search(question)
    if q is None:
        return None
    if q.group("n3"):
        age = _years(q.group("n3"), q.group("u3"))
    else:
        age = _years(q.group("n") or q.group("n2"), q.group("u") if q.group("n") else "years")
    under, over = _UNDER_AGE.search(sentence), _OVER_AGE.search(sentence)
    if under is not None:
        return age < _years(under.group("n"), under.group("u"))
    if over is not None:
        return age >= _years(over.group("n"), over.group("u"))
    return None


def threshold_applies(question: str, sentence: str) -> bool | None:
    """Does a condition on a measured value in ``sentence`` ("if the eGFR is 45 or more", "below 30", "blood
    eosinophil counts below 100", "children younger than 2 years") hold for the value or range the question gives
    ("eGFR < 45", "eGFR 25", "eosinophils of 400", "an 18-month-old")? None when either says nothing comparable."""
    aged = age_applies(question, sentence)
    if aged is not None:
        return aged
    matched = _matched_threshold(question, sentence)
    if matched is None:
        return None
    q, cond = matched
    op = _OPS.get((q.group("op") or "").lower(), "=")
    lo, hi = _interval(op, float(q.group("n")))
    if cond[0] <= lo and hi <= cond[1]:
        return True
    if hi < cond[0] or lo > cond[1]:
        return False
    return None


def threshold_margin(question: str, sentence: str) -> float | None:
    """When the sentence's cut-off holds for the question's value (``threshold_applies``), how far the value lies
    from the nearest finite edge of it: eGFR 22 is 8 inside "below 30" and 23 inside "below 45". The nearer cut-off
    is the more specific rule ("contraindicated below 30" over "reassess below 45"). None otherwise."""
    if threshold_applies(question, sentence) is not True:
        return None
    matched = _matched_threshold(question, sentence)
    if matched is None:
        return None
    q, cond = matched
    n = float(q.group("n"))
    edges = [abs(n - e) for e in cond if abs(e) < 1e8]
    return min(edges) if edges else None


# "Does X reduce the risk of Y ...?", "Does X prevent Y?", "Does X increase Y?": Y is the outcome asked about (up to
# the setting: "in older adults", "after a heart attack").
_OUTCOME = re.compile(
    r"\b(?:reduc\w*|lower\w*|decreas\w*|prevent\w*|increas\w*|raise[sd]?|rais\w*|cause[sd]?|caus\w*|cut\w*|slow\w*|"
    # "help (people) quit Y": the habit quit is the outcome
    r"help\w*\s+(?:(?:people|patients|smokers|someone|adults|him|her|them)\s+)?(?:to\s+)?(?:quit(?:ting)?|stop(?:ping)?))\s+"
    r"(?:the\s+)?(?:(?:risk|rate|incidence|chance|odds|likelihood|number|duration|severity)\s+of\s+)?"
    r"(?:an?\s+|the\s+)?(?P<y>[\w-]+(?:\s+[\w-]+){0,3}?)"
    # "... to cut the proteinuria be reasonable?": the outcome ends where the question's verb begins
    r"(?=\s+(?:in|for|among|with|after|before|during|when|if|at|on|than|compared|versus|vs|be|is|are|was|were)\b"
    r"|\s*[?.,;]|\s*$)",
    re.I,
)
_OUTCOME_GENERIC = frozenset(
    "risk risks rate rates chance odds likelihood number duration severity outcome outcomes events event problems "
    "effects effect side symptoms patients people getting having developing being becoming again".split()
)
# "Does X increase / raise the risk of Y?", "Does X cause Y?": a question proposing a harm as its main ask.
_HARM_ASK = re.compile(
    r"^\s*(?:does|do|did|can|could|will|would|is|are)\b[^?]*\b(?:increas\w*|rais\w*|caus\w*)\b", re.I
)


def word_stems(text: str) -> set[str]:
    """Stems of the words of ``text``, hyphenated words also by their parts ("cancer-related" names cancer)."""
    from .support import stem

    return {stem(p) for w in content_words(text) for p in (w, *w.split("-")) if p}


def outcome_words(question: str, treatments: list[Concept]) -> list[str]:
    """The words of the outcome an effect question asks about ("cancer" in "Does vitamin D reduce the risk of
    cancer?"), without the treatments' own names; empty when it names none."""
    m = _OUTCOME.search(re.sub(r"\b([A-Za-z])\.\s+(?=[a-z])", r"\1 ", question))  # "C. difficile" is one name
    if not m:
        return []
    named = {w for c in treatments for syn in c.synonyms for w in content_words(syn)}
    return [w for w in content_words(m.group("y")) if len(w) >= 4 and w not in _OUTCOME_GENERIC and w not in named]


def harm_outcome(question: str, treatments: list[Concept]) -> set[str]:
    """Stems of the harm a yes/no question asks whether the treatment increases or causes ("Does daily aspirin
    increase the risk of dying from cancer ...?" -> dying, cancer); empty for other questions."""
    if not _HARM_ASK.match(question):
        return set()
    return word_stems(" ".join(outcome_words(question, treatments)))
