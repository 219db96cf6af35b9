"""Offline safety rules run before retrieval: emergency red flags and patient-specific dosing requests.

Emergency rules fire only when someone describes an emergency that is happening to a person now ("I have
crushing chest pain", "my husband's face is drooping"), never on a clinical question that merely names the
topic ("Which antidepressant is safest in overdose?"). Precision matters as much as recall, so each symptom is
bound to a personal subject (I / my son / he) and a present-tense verb, and chronic or past framing ("for
months", "had a stroke") and clinician framing ("my patient", "patients with") switch the rule off.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..text import NEED_TO, normalize
from .emergency_model import load_model as load_emergency_model


@dataclass(frozen=True)
class SafetyNotice:
    """A notice shown before any answer: an emergency redirect or a personal-dose caution."""

    kind: Literal["emergency", "dosing"]
    category: str
    message: str
    missing_factors: tuple[str, ...] = ()
    instruction: str = ""  # emergencies: the one critical instruction, also the last sentence of `message`


# --- normalisation: contractions and the misspellings people type in a hurry -------------------------------
_TYPOS = {
    "im": "i'm", "i am": "i'm", "ive": "i have", "i've": "i have", "cant": "can't", "cannot": "can't",
    "can not": "can't", "couldnt": "couldn't", "wont": "won't", "will not": "won't", "dont": "don't",
    "do not": "don't", "doesnt": "doesn't", "havent": "haven't", "hasnt": "hasn't", "didnt": "didn't",
    "wasnt": "wasn't", "arent": "aren't", "isnt": "isn't", "hes": "he's", "he is": "he's", "shes": "she's",
    "she is": "she's", "theyre": "they're", "they are": "they're", "u": "you", "ur": "your", "wanna": "want to",
    "gonna": "going to", "kms": "kill myself", "siezure": "seizure", "seisure": "seizure", "sezure": "seizure",
    "siezing": "seizing", "seizuring": "seizing", "unconcious": "unconscious", "unconsious": "unconscious",
    "unresponive": "unresponsive", "bleding": "bleeding", "bleedin": "bleeding", "pils": "pills",
    "od'd": "overdosed", "oded": "overdosed", "od'ed": "overdosed", "suicidle": "suicidal", "sucidal": "suicidal",
    "suicdal": "suicidal", "alergic": "allergic", "anaphylatic": "anaphylactic", "droping": "drooping",
    "slured": "slurred", "chset": "chest", "pian": "pain", "brething": "breathing", "breating": "breathing",
    "tounge": "tongue", "swolen": "swollen", "sweling": "swelling", "hart": "heart",
    "epi pen": "epipen", "epi-pen": "epipen", "tonite": "tonight", "2nite": "tonight",
}  # fmt: skip
_TYPO_RE = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(k) for k in sorted(_TYPOS, key=len, reverse=True)) + r")(?![\w'])"
)


# Someone describing an emergency says so early; capping the text keeps every rule fast on pasted documents.
_MAX_CHARS = 1500


_ROUTE_ABBREVIATION = re.compile(r"\b(?:IM|IV)\b")


# "my daughters been fitting": a contraction typed without its apostrophe, after a relative
_KIN_S = re.compile(
    r"\b(my|our)\s+(husband|wife|partner|son|daughter|baby|child|kid|toddler|mum|mom|mother|dad|father|brother"
    r"|sister|nan|gran|grandad|granddad|grandma|friend|boyfriend|girlfriend|flatmate|neighbour|neighbor)s\s+"
    r"(?=(?:been|got|gone|having|just|not|still|really|hardly|barely|had|breathing|fitting|lips|face)\b)"
)


# "GCS E1V1M4", "E2 V2 M5": a Glasgow coma score written as its parts; the concepts read the total ("gcs 6")
_GCS_PARTS = re.compile(
    r"\b(?:gcs\s*(?:of\s*|is\s*|=\s*|:\s*|now\s*)?)?e\s*([1-4])\s*,?\s*v\s*([1-5]|t)\s*,?\s*m\s*([1-6])\b"
)


def _gcs_total(m: re.Match[str]) -> str:
    verbal = 1 if m.group(2) == "t" else int(m.group(2))  # "VT": intubated, scored as 1
    return f"gcs {int(m.group(1)) + verbal + int(m.group(3))}"


def _prepare(question: str) -> str:
    raw = normalize(question[: _MAX_CHARS * 2])[:_MAX_CHARS]
    if sum(c.islower() for c in raw) > sum(c.isupper() for c in raw):  # "IM adrenaline" is a route, not "I'm"
        raw = _ROUTE_ABBREVIATION.sub(lambda m: "intramuscular" if m.group(0) == "IM" else "intravenous", raw)
    text = raw.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = " ".join(text.split())
    text = _TYPO_RE.sub(lambda m: _TYPOS[m.group(1)], text)
    text = _GCS_PARTS.sub(_gcs_total, text)
    return _KIN_S.sub(lambda m: f"{m.group(1)} {m.group(2)}'s ", text)


# --- building blocks --------------------------------------------------------------------------------------
_AGE = (
    r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]?"
    r"(?:year|yr|month|week|day)s?[- ]?old|\d+\s*(?:yo|y/o|yr|yrs)\b)"
)
_KIN = (
    r"(?:husband|wife|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|son|daughter|baby|child|kid|toddler|infant"
    r"|newborn|boy|girl|mom|mum|mother|mommy|mummy|dad|father|daddy|parent|brother|sister|grandma|grandmother"
    r"|granny|nan|nana|grandpa|grandfather|grandad|granddad|grandson|granddaughter|grandchild|friend|roommate"
    r"|flatmate|neighbou?r|uncle|aunt|auntie|cousin|nephew|niece|coworker|co-worker|colleague|boss|little one"
    r"|teenager|teen|stepson|stepdaughter|twins?)"
)
_REL = rf"(?:(?:my|our)\s+(?:{_AGE}(?:\s+{_KIN})?|(?:(?:little|baby|elderly|teenage|best|older)\s+)?{_KIN}))"
# A person the asker is with: never "my patient" or "patients" (that is a clinician asking a clinical question).
# A message may open on the person with no "my" ("wife having a heart attack"), but only with a verb after it.
_BARE_START = (
    r"(?=\s*(?:'s|is|has|just|having|took|can't|won't|isn't|got|swallowed|ate|keeps|collapsed|overdosed"
    r"|suddenly|stopped|seems|looks|feels)\b)"
)
_SUBJ = rf"(?:\b(?:i|we|he|she|they|someone|somebody)\b|\b{_REL}\b|^{_KIN}\b{_BARE_START})"
# Hurried messages drop the subject ("took 40 pills", "having a heart attack"): the start of the text counts.
_WHO = rf"(?:{_SUBJ}|^)"
_POSS = rf"(?:\b(?:my|his|her|their|our)\b|\b{_REL}'s|^{_KIN}'s)"
# Present-tense links between a person and what is happening to them; "had"/"was" are deliberately absent.
_VERB = (
    r"(?:(?:is|are|'s|'m|'re|has|have|just|suddenly|now|still|also|really|been|keeps?|started|starting|seems?"
    r"|may be|might be|could be|think|having|has got|have got|got|gets|getting|feels?|feeling|experiencing"
    r"|complaining of|woke|woke up|developed|with)\b\s*){1,4}"
)
_LINK = rf"(?:'s|'m|'re|\s+{_VERB}|\s*{_VERB})"
# Up to four filler words that neither cross into past/history framing nor describe clinical work ("managing").
_GAP = (
    r"(?:(?:\s+|(?<![\w'-]))(?!(?:had|was|were|used|history|previous|prior|past|patients?|cases?|if|when"
    r"|whether|risk|should|would|what|which|how|ever|after|before|since|for|about|regarding|questions?|query|article|paper|study|read|heard|know"
    r"|learn|understand|teach|explain)\b)(?!(?!having|getting|feeling|morning|evening|sweating|vomiting|shaking"
    r"|shivering|crying|coughing|wheezing|throwing)\w{1,30}ing\b)[\w'-]{1,30}){0,4}?\s*\b"
)
_NOT_CLINICAL_TAIL = (
    r"(?!\s+(?:patients?|cases?|pathways?|protocols?|clinics?|units?|guidelines?|evaluation|work-?up|scores?"
    r"|risk|prevention|trials?|studies|research|management|treatment|in\s+(?:adults|children|patients)))"
)
_NOW = re.compile(
    r"\b(?:right now|at the moment|as we speak|this minute|just now|happening now|(?:\d+|a few|five|ten|fifteen"
    r"|twenty|thirty) (?:minutes|mins) ago|for the (?:last|past) (?:\d+|few|five|ten|fifteen|twenty|thirty)"
    r" (?:minutes|mins))\b"
)
_NOW_PATIENT = re.compile(r"\b(?:now|suddenly|all of a sudden|just|tonight|today)\b")
# "when she was a baby": a time long past, for the long-standing and the long-ago readings alike
_WHEN_YOUNG = (
    r"when (?:i|he|she|they) (?:was|were) (?:an? )?(?:baby|babies|little|small|kids?|child|children|young|younger)"
)
_CHRONIC = re.compile(
    r"\bfor (?:the )?(?:past |last )?(?:\d+|a few|a couple of|several|many|two|three|four|six) (?:weeks|months|years)"
    r"|\b(?:days|weeks|months|years) (?:ago|back)\b|\blast (?:week|month|year|summer|winter|spring|autumn|fall|time)\b"
    rf"|\b{_WHEN_YOUNG}\b"
    r"|\bon and off\b|\bsometimes\b"
    r"|\boccasionally\b|\bwhen(?:ever)? (?:i|he|she|they) (?:exercise|walk|run|climb|lie|lay|sleep|eat|cough|sneeze|laugh)"
    r"|\bhistory of\b|\bevery (?:day|time(?! (?:i|he|she|they|you) (?:breathe|breathes|breath|swallow|swallows)"
    r"| (?:my|his|her|their|the) heart (?:beats|pumps))|morning|night"
    r"|period|month)\b|\bat night\b|\bon exertion\b"
    r"|\bduring (?:exercise|my period)\b|\bthrough (?:my|his|her|their|the) nose\b"
)
_CLINICIAN = re.compile(
    r"\b(?:my|our|the|this|these) patient'?s?\b|\bpatients\b|\bin (?:adults|children)\b"
    r"|(?<!i'm )\ban? (?:[\w-]+ )?patient (?:who|with|on|taking|presenting)\b"
)


# "his face went grey when he heard the news": a colour change explained by an emotional reaction.
_REACTION = (
    r"[^.;!?]{0,20}\b(?:when|as|after) (?:he|she|they|i|we|you) (?:heard|saw|found out|was told|were told|got the"
    r" (?:news|bill|call|results?)|read|opened|realised|realized)\b|[^.;!?]{0,20}\b(?:with|from) (?:shock|fright"
    r"|embarrassment|anger|rage|fear)\b"
)


# "having severe chest pains": a message that opens on the verb, the subject left out.
_START = r"^(?:(?:i'm|i|just|now|suddenly|still)\s+)*(?:having|got|getting|feeling)\b"


def _personal(symptom: str) -> str:
    """A personal subject, a present-tense link, a short gap, then the symptom."""
    return rf"(?:{_SUBJ}{_LINK}|{_START}){_GAP}(?:{symptom}){_NOT_CLINICAL_TAIL}"


_NOT_HAPPENING = r"(?:of|about|scared|afraid|worried|fear|risk|avoid|prevent|chance)"


def _having(nouns: str) -> str:
    """A personal subject who "is having" something right now: a stroke, a heart attack, an allergic reaction."""
    return (
        rf"(?:{_WHO}(?:\s+(?!{_NOT_HAPPENING}\b)[\w'-]{{1,30}}){{0,3}}?\s*"
        rf"(?:'s|'m|'re|is|are|may be|might be|could be)\s+|{_WHO}\s*)(?:having|suffering|going into)\s+"
        rf"(?:an?\s+)?(?:{nouns})\b"
    )


def _c(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_MEDS = (
    r"(?:pills?|tablets?|tabs|capsules?|meds|medicines?|medications?|insulin|paracetamol|acetaminophen|tylenol"
    r"|panadol|ibuprofen|advil|aspirin|xanax|valium|diazepam|oxycodone|opioids?|heroin|fentanyl|methadone|morphine"
    r"|antidepressants?|sleeping pills|lithium|iron|vitamins|gummies|edibles|warfarin|digoxin|amitriptyline"
    r"|co-?codamol|codeine|tramadol|dihydrocodeine|naproxen|sertraline|citalopram|fluoxetine|mirtazapine"
    r"|zopiclone|quetiapine|olanzapine|propranolol|pregabalin|gabapentin|metformin|benzos?|painkillers"
    r"|antihistamines?|sleeping tablets|[a-z]+(?:azepam|azolam|triptyline|pramine|oxetine|codone|morphone|tadine))"
)
_POISON = (
    # batteries and magnets have their own compositional category (button_battery), with its own lead
    r"(?:bleach|antifreeze|drain (?:cleaner|unblocker|opener)|oven cleaner|caustic soda|detergent|laundry pods?|dishwasher tablets?"
    r"|rat poison|weed killer|pesticide|methanol|lamp oil|something poisonous|poison)"
)
_QUANTITY = (
    r"(?:too many|too much|a whole|an entire|the whole|(?:my|his|her|their|the) (?:whole|entire)"
    r"|all (?:of\s+)?(?:my|his|her|their|the|our)|a (?:full |whole |complete )?(?:bottle|box"
    r"|pack|packet|handful|load|bunch|strip|blister|sheet|tub|jar)|whole (?:box|bottle|pack|packet|strip|tub|jar)"
    r"|a lot of|dozens of"
    r"|(?:\d{2,}|twenty|thirty|forty|fifty|hundred)\b(?!\s*(?:mg|mcg|ml|g|milligrams?|micrograms?|units?)\b))"
)
# Under three months: any fever is a red flag.
_YOUNG_INFANT = (
    r"(?:newborn|(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)[- ]?days?[- ]?old"
    r"|(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]?weeks?[- ]?old"
    r"|(?:one|two|1|2)[- ]?months?[- ]?old)"
)
_CHILD_NOUN = r"(?:baby|son|daughter|child|kid|toddler|infant|newborn|boy|girl|little one)"
_CHILD = (
    rf"(?:\b(?:my|our)\s+(?:{_AGE}|(?:little\s+|baby\s+)?{_CHILD_NOUN})|^(?:{_AGE}\s+)?{_CHILD_NOUN}\b{_BARE_START})"
)


# Ordered: the first category that matches names the notice (suicide before overdose, child sepsis before fever).
@cache
def _rules() -> list[tuple[str, re.Pattern[str], bool]]:
    """The red-flag rules, compiled on first use (compiling them at import cost ~0.2 s of CLI start-up)."""
    return [
        # (category, pattern, suppressed by chronic/past framing)
        (
            "suicide",
            _c(
                r"\b(?:kill|killing|end|ending|hang|hanging|shoot|shooting|drown|drowning) myself\b",
                r"\b(?:want|wanting|going|planning|plan|try|trying|tried|urge|urges|thinking about|thought about)\s+"
                r"(?:to\s+)?(?:hurt|harm|cut|cutting|hurting|harming|burn|burning) myself\b",
                r"\bi(?:'m| have been| keep)\s+(?:cutting|hurting|harming|burning) myself\b",
                r"\b(?:end|ending|take|taking) my (?:own )?life\b|\bend(?:ing)? it all\b",
                r"\bi\b.{0,40}\band end it\b(?! with)",
                rf"\b(?:going to|want to|will|planning to)\s+(?:take|swallow)\s+(?:all|a whole|an entire|every)\b"
                rf".{{0,30}}{_MEDS}",
                r"\bi\s+(?:really\s+|just\s+)?(?:want|wish|'m going|am going)\s+to\s+die\b"
                r"(?!\s+(?:at home|in (?:the )?hospital|peacefully|with dignity|naturally|comfortably))",
                r"\bi\s+don't\s+want\s+to\s+(?:live|be alive|be here|wake up|exist|go on)\b",
                r"\b(?:no|any|not any) (?:reason|point) (?:to|in) (?:live|living|going on|being alive)\b",
                r"\bbetter off (?:dead|without me)\b",
                _personal(r"suicidal|thinking (?:about|of) (?:suicide|killing|ending)|(?:commit|committing) suicide"),
                rf"{_SUBJ}\s*(?:'s|is|are|keeps?)?\s*(?:wants?|trying|tried|threatening|threatened|threatens|going"
                r"|planning|plans|talking about|talks about|said (?:he|she|they) (?:wants?|is going|'s going))\s+"
                r"(?:to\s+)?(?:kill|killing|hurt|hurting|harm|harming|end|ending)\s+(?:himself|herself|themselves"
                r"|themself|his life|her life|their life)\b",
            ),
            False,
        ),
        (
            "overdose",
            _c(
                rf"(?:{_WHO}|\band){_GAP}(?:took|taken|swallowed|ate|eaten|drank|drunk|got into|overdosed on)\s+"
                rf"(?:[\w'-]+\s+){{0,2}}?{_QUANTITY}\s+(?:[\w'-]+\s+){{0,3}}?{_MEDS}\b",
                # "my sister she take 24 tablet of paracetamol yesterday night": the present tense of a learner of
                # English, told as past ("yesterday", "last night")
                rf"{_SUBJ}{_GAP}(?:take|takes|swallow|swallows)\s+(?:\d{{2,}}|twenty|thirty|forty|fifty)\s+{_MEDS}\b"
                r"(?=[^.?!]{0,60}\b(?:yesterday|last night|tonight|this morning|hours? ago|night)\b)",
                rf"{_SUBJ}{_GAP}(?:took|taken|swallowed|ate|eaten|drank|drunk|got into)\s+(?:[\w'-]+\s+){{0,3}}?"
                rf"{_POISON}\b",
                # "ate one of his vitamin gummies", "swallowed two of her tablets instead of one": one or two of the
                # child's own doses is a question for the pharmacist, not a poisoning
                rf"{_CHILD}{_GAP}(?:ate|swallowed|got into|chewed|found and ate)\s+"
                r"(?!(?:one|two|both|a|a single|half a|half of one)\s+(?:of\s+)?(?:his|her|their)\s+(?:own\s+)?(?:\w+\s+)?"
                r"(?:vitamins?|gummies|gummy|tablets?|pills?|capsules?|doses?)\b)"
                rf"(?:[\w'-]+\s+){{0,5}}?{_MEDS}\b",
                rf"{_SUBJ}{_GAP}(?:overdosed|overdosing|took an overdose|taking an overdose)\b",
                r"\bi\s+(?:think\s+)?(?:took|swallowed)\s+(?:way\s+)?too many\b",
            ),
            False,
        ),
        (
            "sepsis_child",
            _c(
                rf"{_CHILD}\b.{{0,80}}\b(?:floppy(?![- ]?joint)|limp|lethargic|listless|unresponsive|hard to wake|won't wake|not waking"
                r"|can't wake|mottled|non-?blanching|purple (?:rash|spots)|high[- ]pitched cry|bulging (?:soft spot"
                r"|fontanelle)|not feeding|won't feed|refusing (?:to )?feed|no wet (?:nappies|diapers)|grunting)\b"
                # "a high pitched cry when she's hungry": a sign explained by an ordinary cause
                r"(?!\s+when\s+(?:she|he|they)(?:'s|'re|\s+is|\s+are|\s+gets?)?\s+(?:hungry|tired|overtired|cold|excited"
                r"|windy|being changed|in the bath))",
                rf"{_CHILD}\b.{{0,80}}\b(?:rash|spots)\b.{{0,40}}\b(?:doesn't|does not|won't|not|isn't) (?:fade|go away"
                r"|blanch|disappear)",
                # "no temperature", "without a fever": a fever denied is no red flag
                rf"(?:\b(?:my|our)\s+|^){_YOUNG_INFANT}\b.{{0,60}}\b(?<!\bno )(?<!\bnot )(?<!\bnot a )(?<!\bwithout )(?<!\bwithout a )"
                r"(?<!\bno high )(?<!\bno sign of a )(?:fever|(?:temperature|temp)\b"
                r"(?!\s+(?:(?:of|is|was|reads|reading|at)\s+)?(?:3[0-7](?:\.\d+)?\b|normal))"
                r"|febrile|burning up|3[89](?:\.\d)?\s*(?:°|c\b|degrees))",
            ),
            False,
        ),
        (
            "anaphylaxis",
            _c(
                rf"{_POSS}\s+(?:(?:face|lips?|mouth|eyes?)\s+and\s+)?(?:throat|tongue|airway)\s+(?:(?:is|are|'s|feels?|started|keeps?|getting|just|now)\s+){{0,2}}"
                r"(?:swelling|swollen|swelled|closing|closed|tight|tightening|puffing|blowing up)",
                r"\bthroat\s+(?:is\s+)?(?:closing|swelling shut)\b",
                rf"^(?=.*{_SUBJ}).*\b(?:stung|sting|bee|wasp|hornet|peanuts?|nuts?|shellfish|shrimp|ate|eating"
                r"|new (?:antibiotic|medicine|medication))\b.{0,60}\b(?:swollen (?:face|lips?|tongue|throat|mouth)"
                r"|(?:face|lips?|tongue|throat|mouth) (?:is |are )?(?:swelling|swollen))\b",
                r"^(?:my\s+)?(?:face|lips?|tongue|throat|mouth)\s+(?:is\s+|are\s+)?(?:swelling|swollen|swelled)\b.{0,60}"
                r"\b(?:hard to breathe|can't breathe|trouble breathing|difficulty breathing|wheez)",
                _personal(r"anaphylaxis|throat swelling|swollen (?:throat|tongue)|hives all over"),
                _having(r"(?:severe |bad |serious )?allergic reaction|anaphylactic (?:reaction|shock)"),
                # not "How (do) I use his EpiPen if he needs it?": how to use it, asked ahead
                rf"(?<!\bhow )(?<!\bhow do )(?<!\bhow should )(?<!\bhow can )(?<!\bhow would )"
                rf"{_SUBJ}{_GAP}(?:used|gave|give|use|injected|need to use)\s+(?:my|his|her|their|our)\s+epipen",
                rf"{_POSS}\s+(?:lips?|face|eyes?|mouth)\s+(?:(?:is|are|'s|started|keeps?|getting|just|now)\s+){{0,2}}"
                r"(?:swelling|swollen|swelled|puffing|blowing up)\b.{0,60}\b(?:sting|stung|bee|wasp|hornet|peanuts?"
                r"|nuts?|shellfish|shrimp|allergic|allergy|ate|eating|penicillin|antibiotic|injection|hives|can't breathe)",
            ),
            False,
        ),
        (
            "seizure",
            _c(
                rf"{_SUBJ}\s*{_LINK}?\s*(?:seizing|fitting|convulsing|having a (?:seizure|fit|convulsion))\b",
                _personal(r"foaming at the mouth|jerking (?:all over|uncontrollably)"),
                rf"^(?=.*{_SUBJ}).*\b(?:seizure|fit|convulsion|seizing|shaking)\s+(?:that\s+)?(?:won't|doesn't|isn't|hasn't"
                r"|has not|can't|is not) stop",
                rf"^(?=.*{_SUBJ}).*\b(?:seizure|seizing|fit|convulsion|shaking|jerking|twitching|fitting|convulsing)s?\b.{{0,30}}"
                r"\b(?:for|lasting)\s+(?:over\s+|more than\s+|about\s+|around\s+|nearly\s+|almost\s+|at least\s+)?"
                r"(?:\d+|five|ten|fifteen|twenty)\s+(?:minutes|mins)",
            ),
            True,
        ),
        (
            "stroke",
            _c(
                rf"{_POSS}\s+(?:face|mouth|smile|lip)\s+"
                r"(?:(?:is|has|'s|looks|seems|started|just|suddenly|now|went|has gone)\s+){0,2}"
                r"(?:drooping|droopy|droops|drooped|sagging|lopsided|crooked|uneven|dropping|dropped|twisted|falling)",
                r"\b(?:face|smile|mouth)\b.{0,30}\bon one side\b|\b(?:can't|couldn't)\s+(?:feel|move)\s+(?:the\s+)?"
                r"(?:left|right|one)\s+side\s+of\s+(?:my|his|her|their)\b",
                r"\bsudden\s+(?:weakness|numbness|paralysis)\s+(?:in|on|of|down)\s+(?:the\s+)?(?:left|right|one)\s+side\s+of\s+"
                r"(?:my|his|her|their)\b",
                rf"{_SUBJ}{_LINK}?{_GAP}(?:talking|speaking) (?:gibberish|nonsense)",
                r"\bcan't get (?:my|his|her|their) words out",
                r"\b(?:one|the left|the right|left|right)\s+side\s+of\s+(?:my|his|her|their)\s+(?:face|body|mouth)\s+"
                r"(?:(?:is|has|'s|went|just|suddenly|now|feels)\s+){0,2}(?:drooping|droopy|numb|weak|paraly[sz]ed|dead"
                r"|not moving|gone)",
                rf"{_POSS}\s+(?:speech|words|talking)\s+(?:is|are|'s|sounds?|seems?|went|has gone|suddenly)\s+(?:\w+\s+)?"
                r"(?:weird|strange|funny|odd|slurred|slurring"
                r"|garbled|jumbled)",
                rf"{_SUBJ}\s*(?:'s|'m|'re|is|are|keeps|started|suddenly|just|now|\s)*\s*(?:slurring|can't (?:speak|talk)"
                r" properly)\b",
                _personal(
                    r"(?:sudden\s+)?(?:slurred|garbled) (?:speech|words)|(?:sudden\s+)?(?:weakness|numbness|paralysis)"
                    r"\s+(?:in|on|of|down)\s+(?:one|the left|the right|(?:my|his|her) (?:left|right)|left|right)\s+"
                    r"(?:side|arm|leg|half)|one-sided weakness"
                ),
                _having(r"stroke|mini[- ]stroke|tia"),
                r"\b(?:can't|couldn't|unable to)\s+(?:move|feel|lift|raise|use)\s+(?:my|his|her|their)\s+"
                r"(?:left|right)\s+(?:arm|leg|hand|side)",
            ),
            True,
        ),
        (
            "chest_pain",
            _c(
                _personal(
                    r"(?:crushing\s+|severe\s+|bad\s+)?(?:chest|heart)\s+(?:pain|pains|pressure|tightness|heaviness)"
                    r"|(?:pain|pressure|tightness|heaviness)\s+in\s+(?:my|his|her|their|the)\s+chest"
                ),
                _having(r"heart attack"),
                r"\b(?:crushing|severe|terrible|bad|awful|intense|worst)\s+(?:pain|pressure|tightness)\s+in\s+my\s+chest\b",
                rf"{_POSS}\s+chest\s+(?:hurts|is hurting|is killing|feels (?:tight|heavy|like)|is (?:tight|crushing"
                r"|pounding|on fire|burning))",
                rf"{_SUBJ}{_GAP}(?:clutching|holding|grabbing)\s+(?:my|his|her|their)\s+chest",
                r"\b(?:crushing |chest )pain\b.{0,60}\b(?:radiating|spreading|going|shooting)\s+(?:to|down|into|up)\s+"
                r"(?:my|his|her|their)\b",
            ),
            True,
        ),
        (
            "breathing",
            _c(
                rf"{_SUBJ}\s*(?:just\s+|suddenly\s+)?(?:stopped|has stopped|'s stopped|isn't|is not) breathing",
                rf"{_WHO}\s*{_LINK}?{_GAP}(?:really\s+|just\s+)?(?:can't|couldn't|unable to|struggling to"
                r"|fighting to|barely|hardly|can (?:barely|hardly))\s+(?:catch\s+(?:my|his|her|their)\s+)?breathe?\b",
                _personal(
                    r"not breathing|gasping|choking|turning blue|going blue|blue lips"
                    r"|struggling for (?:breath|air)"
                ),
                rf"{_POSS}\s+(?:lips|face|skin)\s+(?:is|are|'s|looks?|turning|turned|going|went)\s+(?:\w+\s+)?"
                rf"(?:blue|grey|gray)\b(?!{_REACTION})",
            ),
            True,
        ),
        (
            "bleeding",
            _c(
                _personal(
                    r"(?:bleeding|hemorrhaging|haemorrhaging)\s+(?:\w+\s+)?(?:heavily|a lot|badly|profusely|everywhere"
                    r"|so much|non-?stop|and (?:it )?won't stop)|(?:heavy|severe|massive|uncontrolled) bleeding"
                    r"|losing a lot of blood|vomiting blood|throwing up blood|coughing up blood"
                ),
                rf"^(?=.*(?:{_SUBJ}|\bmy\b)).*\b(?:bleeding|blood)\b.{{0,40}}"
                r"\b(?:won't|doesn't|isn't|is not|can't)\s+stop(?:ping)?\b",
                rf"{_POSS}\s+(?:[\w-]+\s+){{1,2}}?(?:is|are|'s|has been|have been|keeps|started)\s+bleeding\s+(?:\w+\s+)?"
                r"(?:heavily|a lot|badly|profusely|everywhere|so much|non-?stop)",
                r"\bcan't stop the bleeding\b|\bblood\s+(?:is\s+)?(?:everywhere|spurting|gushing|pouring|pumping)\b"
                r"|\b(?:spurting|gushing|pouring|pumping)\s+(?:out\s+)?blood\b",
                rf"{_SUBJ}\s*(?:'s|was|has been|got|'s been|just got|just)\s+(?:been\s+)?(?:stabbed|shot)\b",
            ),
            True,
        ),
        (
            "unconscious",
            _c(
                rf"{_SUBJ}\s*(?:just\s+)?(?:won't|can't|isn't|is not|doesn't)\s+(?:wake|waking)(?: up)?\b",
                rf"{_SUBJ}\s*(?:just\s+)?(?:passed out|fainted|blacked out|collapsed)\s+and\s+(?:won't|can't|isn't|is not"
                r"|not)\s+(?:wake|waking|respond|responding|come round|coming round)",
                _personal(
                    r"unconscious|unresponsive|not responding(?! to (?!(?:us|me|anyone|anything|pain|touch|voices?)\b))"
                    r"|not responsive|not waking up|passed out and (?:won't"
                    r"|can't|isn't)"
                ),
                rf"{_SUBJ}\s*(?:just\s+|suddenly\s+)?collapsed\b",
                r"\b(?:can't|unable to)\s+(?:wake|rouse)\s+(?:him|her|them|my\s+\w+)",
                r"\bfound\s+(?:him|her|them|my\s+\w+)(?:\s+[\w'-]+){0,4}?\s+(?:unconscious|unresponsive|not breathing"
                r"|collapsed|not responding|passed out)",
            ),
            True,
        ),
    ]


# Bare symptoms that count without a personal subject when the asker also says it is happening now.
_BARE: list[tuple[str, re.Pattern[str]]] = [
    ("suicide", re.compile(r"\bsuicidal\b")),
    ("overdose", re.compile(r"\b(?:overdos(?:e|ed|ing)|took too many pills)\b")),
    ("anaphylaxis", re.compile(r"\b(?:throat|tongue) (?:is )?(?:swelling|swollen|closing)|\banaphyla")),
    ("seizure", re.compile(r"\b(?:seizing|seizure|convulsing)\b")),
    ("stroke", re.compile(r"\bface (?:is )?drooping\b|\bslurred speech\b|\bslurring\b")),
    ("chest_pain", re.compile(r"\b(?:crushing |severe |bad )?chest (?:pain|pressure|tightness)\b")),
    ("breathing", re.compile(r"\bcan't breathe\b|\bnot breathing\b|\bgasping\b")),
    ("bleeding", re.compile(r"\bbleeding (?:heavily|badly|a lot)\b|\bheavy bleeding\b")),
    ("unconscious", re.compile(r"\bunconscious\b|\bunresponsive\b")),
]
_GENERAL_QUESTION = re.compile(
    r"\b(?:first-line|guidelines?|evidence|trials?|efficacy|effective|recommended|management|treatment of"
    r"|treat|indicated|incidence|prevalence|mechanism|safest|dose of|which|versus|vs)\b"
)


# --- compositional red flags: concept groups x severity/onset modifiers x population --------------------------
# Fixed phrasings above catch the common ways people say "heart attack" or "stroke"; emergencies that are
# described rather than named (tearing chest pain to the back, a severe headache with flashing lights at 34
# weeks) are recognised by combining symptom concepts from `safety_concepts.json`, after typos are mapped onto
# the concepts' vocabulary, and only when the text describes a person now (not a study, a topic or the past).
@dataclass(frozen=True)
class _Concepts:
    patterns: dict[str, re.Pattern[str]]
    rules: dict[str, tuple[tuple[frozenset[str], ...], ...]]
    general: dict[str, tuple[tuple[frozenset[str], ...], ...]]
    population: dict[str, dict[str, str]]
    vocabulary: tuple[str, ...]
    known: frozenset[str]


@cache
def _concepts() -> _Concepts:
    raw = resources.files("clinevidence.answer").joinpath("safety_concepts.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    patterns = {
        name: re.compile(r"(?<![\w'])(?:" + "|".join(fragments) + r")(?![\w'])")
        for name, fragments in data["concepts"].items()
    }

    def parse(section: dict[str, list[str]]) -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
        rules: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {}
        for category, clauses in section.items():
            parsed = []
            for clause in clauses:
                items = tuple(frozenset(part.strip() for part in item.split("|")) for item in clause.split("+"))
                unknown = {c for item in items for c in item} - patterns.keys()
                if unknown:  # a rule naming a concept that does not exist is a bug in the data file
                    raise ValueError(f"safety_concepts.json: {category}: unknown concepts {sorted(unknown)}")
                parsed.append(items)
            rules[category] = tuple(parsed)
        return rules

    rules = parse(data["rules"])
    general = parse(data.get("general", {}))
    vocabulary = tuple(sorted(set(data["vocabulary"])))
    # Real words are never "typos": the protect list and every word of the plain-language glossary's terms.
    plain = json.loads(resources.files("clinevidence.answer").joinpath("plain_terms.json").read_text(encoding="utf-8"))
    glossary = {w for term in plain.get("terms", {}) for w in re.findall(r"[a-z]{4,}", term.lower())}
    known = frozenset(vocabulary) | set(data["protect"]) | glossary
    return _Concepts(patterns, rules, general, data.get("population", {}), vocabulary, known)


_TOKEN = re.compile(r"[a-z]{4,}")


@lru_cache(maxsize=4096)
def _correct_word(word: str) -> str:
    """A one-edit typo (two from 9 letters) of a concept word -> that word; any other word is left as it is."""
    c = _concepts()
    if word in c.known:
        return word
    limit = 1 if len(word) < 9 else 2
    found = process.extractOne(word, c.vocabulary, scorer=OSA.distance, score_cutoff=limit)
    if found is None:
        return word
    target, distance = str(found[0]), int(found[1])
    if target[0] != word[0] or (len(word) == 4 and len(target) != 5):  # a 4-letter word only by a missing letter
        return word
    if distance == 2 and target[:3] != word[:3]:  # two edits only inside a long word that starts the same way
        return word
    return target


def _correct(text: str) -> str:
    return _TOKEN.sub(lambda m: _correct_word(m.group(0)), text)


# "no better, lips look grey": "no" before better/change/relief negates the treatment, not the next sign.
_NEGATED = re.compile(
    # "he hasn't swallowed anything": not "can't breathe", where the verb is the sign
    r"\b(?:no|none|not|without|denies|denied|never|nor|hasn't|haven't|hadn't)\s+"
    r"(?!(?:better|improvement|change|relief|help|difference)\b)"
    # "no drooling or stridor", "no fever, rash or stiff neck": each sign of the denied list
    r"(?:[\w'-]+\s+)?(?:[\w'-]+(?:,|\s+or|\s+nor)\s+){0,3}$"
)


# "face and airway not involved", "airway spared": a sign denied after it is named, as shorthand does
_NEGATED_AFTER = re.compile(
    r"^(?:\s+(?:and|or|&)\s+(?:the\s+)?(?:face|airway|neck|hands?|feet|genitals|eyes?|mouth|perineum|chest|back|arms?"
    r"|legs?))?\s+(?:(?:is|are|was|were)\s+)?(?:not\s+involved|spared|unaffected|uninvolved)\b"
)


def _present(concept: re.Pattern[str], text: str) -> bool:
    """The concept is said of someone, not denied ("no wheeze", "she's not confused", "airway not involved")."""
    for m in concept.finditer(text):
        if _NEGATED.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        if _NEGATED_AFTER.search(text[m.end() : m.end() + 40]):
            continue
        return True
    return False


_PERSON = re.compile(
    rf"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|our|us|he|she|they|he's|she's|they're|him|her|his"
    rf"|their)\b|\b(?:male|female|man|woman|guy|lady)\b|{_AGE}|^(?:{_KIN})\b"
)
_QUESTION_START = re.compile(
    r"^(?:what|which|how|why|when|where|who|whom|whose|is|are|does|do|can|could|should|would|will|was|were|has|have"
    r"|did|may|might|list|tell|explain|describe)\b(?!'t)"
)
_TOPIC = re.compile(
    r"\b(?:what causes|causes? of|what is an?|what are (?:the )?|signs? of|symptoms? of|warning signs|features of"
    r"|risk factors?|side effects?|adverse (?:events?|effects?)|in (?:trials|studies|patients|adults|children|people"
    r"|women|men|pregnancy studies)|studies|study|trials?|cohort|incidence|prevalence|mortality|guidelines?"
    r"|evidence|diagnos\w+|investigat\w+|technique|mechanism|pathophysiology|definition|define|explain|meaning of"
    r"|statistics|how common|management of|treatment of|differential|sensitivity|specificity|literature"
    r"|meta-analys\w+|systematic review)\b"
)
# "we're going out tonight": the asker's plans, not when the symptoms are
_PLANS = r"(?<!going out )(?<!go out )(?<!eating out )(?<!night out )(?<!party )(?<!dinner )"
_NOW_MARK = re.compile(
    rf"\b(?:right now|now|just now|at the moment|currently|{_PLANS}tonight|this (?:morning|afternoon|evening)"
    rf"|{_PLANS}today"
    r"|(?:an|one|two|a few|\d+) (?:hours?|minutes?|mins?) ago|hours? ago|minutes? ago|suddenly|started|came on"
    r"|since (?:about |around )?\d{1,2}(?::\d\d)? ?(?:o'clock|am|pm)\b"
    r"|just (?:had|took|got|started|woke|ate)|since (?:last night|yesterday|this morning|this afternoon|lunch(?:time)?"
    r"|breakfast)|(?:last night|yesterday|this morning|earlier today|hours? ago)\b[^.;!?]{0,40}\bsince then)\b"
    r"|^help\b|\bhelp(?: me| us| please)?\s*[!.]|\bplease help\b"
)
_CHRONIC_MORE = re.compile(
    r"\bover the (?:last|past) (?:few |couple of |\d+ )?(?:weeks|months|years)\b|\bfor (?:years|months|weeks)\b"
    # "fitting for ages": a long seizure now, not a long-standing problem
    r"|(?<!fitting )(?<!seizing )(?<!convulsing )(?<!jerking )(?<!shaking )\bfor ages\b"
    r"|\bused to\b|\bin (?:19|20)\d\d\b|\blast (?:pregnancy|year|month|week)\b|\bsince childhood\b|\busually\b"
    r"|\balways\b|\bthis year\b|\bnone since\b|\bno (?:further |more |other )?(?:episodes?|attacks?|problems?) since\b|\b(?:when(?:ever)?|every time) (?:i|he|she|they|we|my \w+) (?:has|have|gets?|had)\b"
    r"|\bhow (?:can|do|could|should) (?:i|we|you) (?:prevent|stop|avoid|reduce)\b"
    r"|\bwhen (?:i|he|she|they|we) (?:was|were) (?:\d+|a (?:child|kid|teen|teenager|student)|younger|little|small"
    r"|at (?:school|uni|university|college))\b|\b(?:i'm|he's|she's|they're) (?:fine|ok|okay|well|better) now\b"
    r"|\b(?:it's|its|it is|(?:his|her|their|the) temp(?:erature)? is) (?:\w+ )?(?:fine|ok|okay|normal|gone|down) now\b"
    r"|\bback in year \d{1,2}\b"
)
# "she's fine now", "it's normal now": a "now" that says the problem has passed, so it is not a now-mark
_RESOLVED = re.compile(
    r"\b(?:i'm|he's|she's|they're|hes|shes|theyre|it's|its|it is|(?:his|her|their|the) temp(?:erature)? is) (?:\w+ )?(?:fine|ok|okay"
    r"|well|better|normal|gone|down|back to normal|in a (?:good|better) place) now\b(?!,? (?:but|except|apart from"
    r"|although)\b)"
    # "she's back to herself today", "he's fully recovered": a person back to their usual self
    r"|\b(?:i'm|he's|she's|they're|(?:he|she|they) (?:is|are|seems?|was|were)) (?:\w+ )?(?:back to (?:himself|herself"
    r"|themselves|themself|myself|normal|(?:his|her|their|my) (?:usual|normal|old) self)|fully recovered)"
    r"(?: (?:now|today|again|since))?\b(?!,? (?:but|except|apart from|although)\b)"
    # a note's "..., CT head that day was normal, back to his usual self, GCS 15"
    r"|(?:^|[,;:.] )back to (?:his|her|their|my) (?:usual|normal|old) self\b(?!,? (?:but|except|apart from|although)\b)"
    # "she's been her usual self ever since", "he's been fine since": better since a dated event
    r"|\b(?:i've|i have|he's|she's|they've|(?:he|she) has|they have) been (?:(?:his|her|their|my) (?:usual|normal|old) self"
    r"|(?:absolutely |completely |totally )?(?:fine|well|normal|ok|okay))(?: ever)? since\b"
    r"(?!,? (?:but|except|apart from|although)\b)"
    # "had a febrile fit last winter and now I panic every time he gets a temperature": the asker's worry now
    r"|\bnow (?:i|we) (?:\w+ )?(?:panic|worry|get (?:anxious|scared|nervous|worried)|am (?:scared|worried|anxious))\b"
    # "movements last week, now normal": the same "now" after the change
    r"|\bnow (?:all |completely |totally )?(?:normal|fine|settled|resolved|back to normal)\b"
    r"(?!,? (?:but|except|apart from|although)\b)"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:what (?:should|do|would|can|could) (?:i|we|you|one) do|what to do|how (?:to|do i|do you) (?:tell|know"
    r"|recogni[sz]e|spot))\s+(?:if|when)\b|\bin case\b|^if\b|\bwhat if\b|\bwhat happens (?:if|when)\b|\bwould it be\b"
    r"|\bwhat (?:should|do|would|can|could) (?:he|she|they|my \w+) do\s+(?:if|when)\b|\bif (?:\w+ ){0,3}ever\b"
    r"|\bin (?:the )?future\b"
)


_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|we|we're|our|us)\b")
# Clinical shorthand ("Tearing chest pain radiating to back: CT angiography or TOE?") asks about work-up or
# treatment; without a first person or a "now" it is a clinician's question, not someone reporting an emergency.
_CLINICAL_WORK = re.compile(
    r"\b(?:ct|mri|imaging|scan|angiograph\w*|toe|tte|echo\w*|lumbar puncture|investigat\w*|work-?up|next step"
    r"|first-?line|drug of choice|doses?|dosing|management|manage|treat\w*|therapy|evidence|guidelines?|trials?"
    r"|indicat\w+|which|versus|vs|or \w+ first|first\?|still needed|needed|required|recommended|diagnos\w+"
    r"|differential|criteria|score|protocol|targets?)\b"
)


# "had my baby 5 days ago", "surgery last week", "positive test last week": a time after an event dates the event,
# it does not make the symptoms long-standing (postpartum pre-eclampsia, sepsis after surgery, ectopic pregnancy).
_DATED_EVENT = re.compile(
    r"\b(?:had (?:my|the|a|her|our|his) (?:baby|c-section|caesarean|cesarean|operation|surgery|procedure|op)"
    r"|gave birth|giving birth|delivered|delivery|c-section|caesarean|cesarean|surgery|operation|procedure"
    r"|(?:positive|pregnancy|home) tests?|lmp|discharged|stung|bitten|fell|fall|accident|injury|started (?:taking|on)"
    r"|flew (?:back|home|in)|flight|got back|ran out|run out|(?:my |his |her |their |the )?last (?:dose|cycle|round|session|infusion|treatment)"
    # "cycle 2 of FEC-T for breast cancer was 9 days ago"
    r"|chemo(?:therapy)?|(?:cycle|round) \d+(?: of [\w-]+)?(?: for (?:\w+ ){0,3}?\w+)?)\b"
    r"[^.;!?]{0,20}?\b(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several)"
    r" (?:days?|weeks?) ago|last week|yesterday|the other day)\b"
)


# "took her weekly methotrexate every day this week by mistake": a dosing error, not a long-standing habit
_MISTAKE_DAILY = re.compile(
    r"\b(?:every day|each day)\b(?=[^.;!?]{0,60}\b(?:by mistake|by accident|in error)\b)"
    r"|\b(?:accidentally|by mistake|by accident|in error)\b[^.;!?]{0,60}\b(?:every day|each day)\b"
)


# "creatinine 310 from 140 last month": an earlier result the new one is compared with, not a long-standing problem
_PRIOR_VALUE = re.compile(
    r"\bfrom \d+(?:\.\d+)? (?:last|a|the previous) (?:week|month|year)\b"
    # "says she was on ICU with her asthma in 2019": a past admission dated, not a long-standing state
    r"|\b(?:was|were|had been)\b[^.;!?]{0,60}?\bin (?:19|20)\d\d\b"
)


def _chronic(text: str) -> bool:
    """Long-standing or past framing, not counting a time that dates a recent event."""
    text = _PRIOR_VALUE.sub(" ", _MISTAKE_DAILY.sub(" ", _DATED_EVENT.sub(" ", text)))
    return bool(_CHRONIC.search(text) or _CHRONIC_MORE.search(text))


# A clinician's note about one particular patient ("Ward nurse: T1DM pt 19F, ... pH 7.08. Management?", "FY1: 58F
# 20 min after IV co-amoxiclav, stridor"): an age-sex shorthand, "pt", a bed or a handover names a person in front
# of them, so work-up words after it do not make it a topic question.
_CASE = re.compile(
    r"\b\d{1,3} ?(?:yo|y/o|y)? ?[mf]\b(?![/'])|\b(?:pt|handover)\b|\bbed [a-z]?\d+\b"
    r"|\b(?:in|into) resus\b|\bin (?:the )?(?:ed|a&e) cubicle\b"
)


# "Two years ago I lost the vision in my right eye suddenly": how an event long past began is no mark of now.
_ONSET_WORDS = re.compile(r"\b(?:suddenly|started|came on)\b")


def _undated_onsets(text: str) -> str:
    """The text without the onset words of sentences dated long ago ("two years ago", "last year")."""
    return "".join(
        _ONSET_WORDS.sub(" ", part) if _LONG_AGO.search(part) else part for part in re.split(r"(?<=[.;!?])", text)
    )


def _framed_as_now(text: str) -> bool:
    """Someone describes a person now: not a topic, a study, a hypothetical or a long-standing problem."""
    now = bool(_NOW_MARK.search(_undated_onsets(_RESOLVED.sub(" ", text))))
    if not now and _RESOLVED.search(text):
        return False  # "fell 3 weeks ago and hit his head ... back to his usual self": it has passed
    if not now and not _FIRST_PERSON.search(text) and not _CASE.search(text) and _CLINICAL_WORK.search(text):
        return False
    # "was bitten by a scorpion and now feel faint": a hurried report opening on "was", not a question
    report = now and "?" not in text and not _TOPIC.search(text)
    person = bool(_PERSON.search(text)) or report or not (_QUESTION_START.search(text) or _TOPIC.search(text))
    if not person:
        return False
    if (_TOPIC.search(text) or _HYPOTHETICAL.search(text)) and not now:
        return False
    return not (_chronic(text) and not now)


# Animals (one list for every rule that tells a pet's problem from a person's).
# Not "snake": "the snake has bitten my son" is a person's emergency.
_ANIMALS = r"(?:dog|cat|puppy|kitten|horse|pony|rabbit|pet|hamster|guinea pig|ferret|parrot|budgie|tortoise)"
_PET_VICTIM = re.compile(
    rf"\b(?:my|our|the) {_ANIMALS}"
    r"(?:'s)? (?:(?:was|has been|got|is|has|just|'s|may have|might have)\s+){1,2}(?:bitten|stung|hit|poisoned"
    r"|shocked|electrocuted|ate|eaten|swallowed|choking|collapsed|fitting|having|pulled)\b"
)


@lru_cache(maxsize=64)
def _found(text: str) -> frozenset[str]:
    """The concepts present in a text (both tiers read them, so they are found once)."""
    return frozenset(name for name, pattern in _concepts().patterns.items() if _present(pattern, text))


def _compositional(text: str, clinician: bool, *, general: bool = False) -> tuple[str, frozenset[str]] | None:
    """The first category whose concept combination is present in a text that describes a person now.

    ``general``: the severity tier, tried after every specific rule: a person now + a marker that is an emergency
    whatever the cause (not responding, turned blue or grey, barely breathing, the worst pain ever and sudden, a
    serious injury with loss of feeling). Always needs the now-framing, suicide included.
    """
    c = _concepts()
    if _PET_VICTIM.search(text):  # "my dog was bitten by an adder": a vet's emergency, not an emergency number's
        return None
    found = _found(text)
    for category, clauses in (c.general if general else c.rules).items():
        if clinician and category != "suicide":
            continue
        if not any(all(item & found for item in clause) for clause in clauses):
            continue
        if general:
            if clinician or not _framed_as_now(text):
                continue
        elif category == "suicide":
            if not (_PERSON.search(text) or "METHOD" in found) or (_TOPIC.search(text) and not _NOW_MARK.search(text)):
                continue
            if _MOVING.search(text) and not found & _INTENT_SIGNS:
                continue
        elif not _framed_as_now(text):
            continue
        for concept, renamed in c.population.get(category, {}).items():
            if concept in found:
                category = renamed
        return category, found
    return None


_EMERGENCY = (
    "If this is happening now, call your local emergency number (e.g. 911 in the US, 112 in Europe, 999 in the UK) "
    "or go to the nearest emergency department. Do not wait for an online answer."
)
_SUICIDE_SIGNS = frozenset({"FAREWELL", "FAREWELL_TEXT", "DEATH_WISH", "END_IT", "HOPELESS", "LETTERS", "PLAN_TIMED"})
_PILL_TROUBLE = re.compile(
    r"\b(can'?t|cant|cannot|can not|unable to|trouble|difficulty|hard to|(?:a )?hard time|won'?t|wont)\s+(\w+\s+)?swallow(ing)?\s+"
    r"(\w+\s+){0,2}(pills?|tablets?|capsules?|caplets?|meds?|medicines?|medications?)\b",
    re.I,
)
_ASKS_CAUSE = re.compile(
    r"\b(?:is|was|could|can|would)\s+(?:that|this|it)\s+(?:be\s+)?(?:from|because\s+of|due\s+to|caused\s+by|(?:a\s+)?"
    r"side[- ]effects?|(?:the|my|his|her|their)\s+(?:medicine|medication|meds?|pills?|tablets?|drug)|withdrawal)\b"
    r"|\b(?:could|can|does|do|did|would|will)\s+(?:the\s+|my\s+|his\s+|her\s+)?[\w-]+\s+(?:cause|make|give)\b",
    re.I,
)
# "took my camila 5 hours late this morning", "missed my dose last night": a late or missed dose is a routine
# question about a medicine, whatever the learnt opinion makes of "took my ... this morning".
_LATE_DOSE = re.compile(
    r"\b(?:took|taken|take|taking|had|gave|given)\b[^.;!?]{0,40}?\b(?:\d+|an?|a few|a couple of|several|one|two|three"
    r"|four|five|six|half an?)\s+(?:hours?|hrs?|days?)\s+late\b"
    r"|\b(?:missed|forgot|forgotten|skipped)\s+(?:to\s+take\s+)?(?:my|his|her|their|a|one|two|the|this\s+morning's"
    r"|last\s+night's|today's|yesterday's)\b",
    re.I,
)
# "the swelling is going down and I'm swallowing and breathing fine", "HR 72, BP 134/80, Hb 131 stable, is this just
# the iron?": the message says the person is well now, so the learnt opinion must be all but sure.
_REASSURED = re.compile(
    r"\b(?:breathing|swallowing|eating|drinking|talking|walking)\s+(?:(?:and|&)\s+\w+ing\s+)?(?:fine|ok|okay|normally"
    r"|well)\b|\b(?:is|are|'s)\s+(?:going down|getting better|settling|improving)\b|\bis\s+(?:this|that|it)\s+just\s+"
    r"(?:the|my|a|his|her)\b|\b(?:obs|vitals|observations)\s+(?:are\s+)?(?:normal|fine|stable)\b|\bhb\s+\d+\s+stable\b"
    # "None are missing and he hasn't swallowed anything": what was feared did not happen
    r"|\bnone\s+(?:are|is|were|was)\s+missing\b|\b(?:hasn't|hadn't|didn't|has\s+not|did\s+not)\s+(?:swallowed|swallow"
    r"|eaten|eat|taken|take)\s+(?:any|anything)\b",
    re.I,
)
# A patient already in intensive care, and a question on which treatment to choose there: the emergency is being
# treated, so the answer is what is asked (a peri-arrest call from HDU, with no question, is still redirected).
_CRITICAL_CARE = re.compile(
    r"^\W*(?:icu|itu|picu|nicu|intensive care|critical care)\b|\b(?:in|on) (?:the )?(?:icu|itu"
    r"|intensive care|critical care)\b"
    # "Stroke reg on call: ... NIHSS 9 ... Is tenecteplase an acceptable alternative to alteplase here?": the acute
    # team is already treating
    r"|^\W*(?:stroke|thrombolysis|hyperacute stroke) (?:reg|registrar|consultant|fellow|team|nurse|call)\b"
    # "MAU: 39F ... tramadol and sertraline stopped, lorazepam given ... should we give cyproheptadine as well?"
    r"|^\W*(?:mau|amu|hdu|resus|acute medical unit|medical assessment unit)\b"
    # "ED: 61M, central chest pain ... ST depression V4-6 ... OK to give him GTN spray?": the emergency department
    r"|^\W*(?:ed|a&e|emergency department|ccu|coronary care)\s*(?:reg|registrar|consultant|doctor|nurse|fy\d|sho)?\s*:"
)
_TREATMENT_CHOICE = re.compile(
    r"\b(?:preferred|prefer|add|adding|escalat\w*|switch\w*|instead of|rather than|first-?line|target|titrat\w*"
    r"|wean\w*|alternative to|give \w+ as well)\b[^?]*\?"
    # "Can he be thrombolysed?", "Is IV thrombolysis contraindicated?", "OK to give him GTN spray?"
    r"|\b(?:ok|okay|safe) to (?:give|start|use)\b[^?]*\?|\bcan (?:he|she|they|we) (?:be|have|get|give)\b[^?]*\?"
    r"|\bcontra-?indicated\b[^?]*\?"
)
# "Is this aneurysm scan really worth going to?", "does swapping between them make them feel better than just giving
# one?": a question on whether a test or treatment is worth it, about a situation told as routine.
_ASKS_EVIDENCE = re.compile(
    r"\bworth (?:going|having|doing|it|taking|trying|getting|the)\b|\bis (?:that|this|it) (?:really |actually )?true\b"
    r"|\b(?:better|more effective) than (?:just )?(?:giving|taking|using|having|one)\b|\bwaste of (?:money|time)\b",
    re.I,
)
# "do i really have to rinse my mouth after qvar every single time?", "how is she supposed to take more of it?": how
# to use a medicine is a routine question, whatever the learnt opinion makes of the words around it.
_ASKS_USE = re.compile(
    NEED_TO
    + r"|\bhow (?:is|am|are|do|does|should) (?:i|she|he|we|they|you) (?:supposed|meant) to (?:take|use|give|do)\b",
    re.I,
)
SURE_EMERGENCY = 0.97  # the learnt opinion's probability that overrides a routine medicine question's framing
POSSIBLE_EMERGENCY = "possible_emergency"  # named by the learnt second opinion (emergency_model.py), not a rule
_LEADS = {
    POSSIBLE_EMERGENCY: "What you describe may be a medical emergency and needs urgent medical assessment.",
    "chest_pain": "Chest pain, pressure or tightness happening now needs urgent medical assessment.",
    "chest_pain_pde5": "Chest pain after taking a medicine for erections (sildenafil/Viagra, tadalafil/Cialis, "
    "vardenafil/Levitra or avanafil) needs urgent medical assessment.",
    "aortic_aneurysm": "Sudden severe tummy or back pain with a pulsing feeling in the tummy, fainting, or pale and "
    "sweaty skin, especially in someone known to have an abdominal aortic aneurysm (AAA), can be a leaking or burst "
    "aneurysm.",
    "aortic_dissection": "Sudden severe chest or back pain, especially a tearing or ripping pain that goes through "
    "to the back, can be a tear in the body's main artery (aortic dissection).",
    "stroke": "Face drooping, arm or leg weakness, or slurred speech can be signs of a stroke; note the time "
    "the symptoms started.",
    "overdose": "A possible overdose or poisoning needs urgent help even if the person feels well.",
    "anaphylaxis": "Hives with wheezing or breathing difficulty, or swelling of the throat, tongue, lips or face "
    "after a sting, food or medicine, can be a severe allergic reaction (anaphylaxis).",
    "breathing": "Severe difficulty breathing is an emergency.",
    "severe_asthma": "An asthma attack in which the reliever inhaler is not helping, or the person cannot speak in "
    "full sentences or has blue or grey lips, is an emergency.",
    "preeclampsia": "A severe headache, changes in vision, sudden swelling of the face, hands or feet, or pain "
    "below the ribs in pregnancy or soon after giving birth can be signs of pre-eclampsia.",
    "thunderclap_headache": "A sudden, very severe headache (the worst ever, at full strength within about a "
    "minute) can be a sign of bleeding in or around the brain.",
    "sepsis": "A fever or infection together with confusion, mottled or bluish skin, very fast breathing or no "
    "urine can be signs of sepsis.",
    "bleeding": "Heavy bleeding that will not stop is an emergency; press firmly on the wound while you wait.",
    "sepsis_child": "A baby or child with a fever who is floppy, hard to wake, breathing fast or has a rash that "
    "does not fade needs urgent medical care.",
    "seizure": "A seizure lasting more than 5 minutes, or one seizure after another, is an emergency.",
    "meningitis": "A fever with a stiff neck or dislike of bright light, a severe headache, unusual drowsiness or a "
    "rash that does not fade when a glass is pressed on it can be signs of meningitis.",
    "gi_bleeding": "Vomiting blood or what looks like coffee grounds, or black, tarry stools, especially with "
    "dizziness or fainting, can be bleeding in the stomach or gut.",
    "dka": "In someone with diabetes, vomiting, tummy pain, deep or fast breathing, drowsiness, breath that smells "
    "of pear drops or high ketones can be diabetic ketoacidosis (DKA).",
    "ectopic_pregnancy": "Pain low in the tummy (often on one side), shoulder-tip pain, bleeding, dizziness or "
    "fainting in early pregnancy can be an ectopic pregnancy.",
    "testicular_torsion": "Sudden severe pain in a testicle, especially with swelling or being sick, can be a "
    "twisted testicle (testicular torsion), which needs treatment within hours.",
    "cauda_equina": "Back pain with numbness between the legs or around the bottom, new trouble passing urine or "
    "controlling the bladder or bowels, or weakness in both legs can be cauda equina syndrome, which needs "
    "emergency treatment.",
    "cord_compression": "New weakness or numbness in both legs, or numbness from a level on the body downwards, in "
    "someone with cancer that has spread to the bones or spine can be spinal cord compression, which needs "
    "emergency treatment to save walking.",
    "unconscious": "Someone who is unconscious or cannot be woken needs emergency help; check their breathing.",
    "burns": "A large or deep burn or scald, a burn to the face, hands, feet or genitals, a burn with blisters in a "
    "child, or a burn with a hoarse voice or trouble breathing after a fire needs emergency care.",
    "pulmonary_embolism": "Sudden breathlessness, sharp chest pain when breathing in or coughing up blood, "
    "especially with a swollen calf or after a long journey, an operation or giving birth, can be a blood clot in "
    "the lung (pulmonary embolism).",
    "hypoglycaemia": "In someone who takes insulin or diabetes tablets, sweating, shaking, confusion, odd behaviour "
    "or drowsiness can be a dangerously low blood sugar (hypoglycaemia).",
    "airway": "A high-pitched or harsh noise when breathing in (stridor), drooling, being unable to swallow, or "
    "having to sit leaning forward to breathe can mean the airway is narrowing.",
    "pregnancy": "In pregnancy or soon after giving birth, heavy bleeding, the baby moving less or not at all, "
    "waters breaking or regular contractions before 37 weeks, or sudden constant tummy pain needs urgent "
    "assessment.",
    "glaucoma": "A suddenly painful red eye with blurred or misty vision, halos around lights, headache or being "
    "sick can be acute angle-closure glaucoma, which can cause permanent sight loss within hours.",
    "necrotising_fasciitis": "Pain far worse than a wound or skin infection looks, especially with spreading "
    "redness, purple or dark skin, blisters or feeling very unwell, can be a rapidly spreading deep infection "
    "(necrotising fasciitis).",
    "limb_ischaemia": "A leg, foot, arm or hand that suddenly becomes cold, pale or white, painful, numb or weak, or "
    "has no pulse, can mean its blood supply is blocked (acute limb ischaemia); it needs treatment within hours.",
    "serotonin_syndrome": "Shaking, twitching or jerking muscles, sweating, a high temperature, agitation or "
    "confusion after starting or combining medicines that raise serotonin (such as antidepressants, tramadol, "
    "triptans or MDMA) can be serotonin syndrome.",
    "heat_stroke": "Confusion, collapse or a seizure with a very high body temperature after heat or exertion can "
    "be heat stroke.",
    "smoke_inhalation": "After breathing in smoke or fumes, a hoarse or croaky voice, coughing up black or sooty "
    "phlegm, breathing difficulty, a headache, drowsiness or confusion needs emergency assessment, even without "
    "burns.",
    "severe_pain": "The worst pain someone has ever felt, especially if it came on suddenly or with shaking, "
    "fainting or a rigid tummy, needs emergency assessment.",
    "major_trauma": "A serious injury (a fall from a height, a road collision, a stabbing) followed by loss of "
    "feeling or movement, not responding, confusion, breathing difficulty or heavy bleeding needs emergency care.",
    "head_injury": "A head injury in someone taking a blood thinner, or one followed by vomiting, confusion, "
    "drowsiness, a seizure or being knocked out, needs an urgent assessment and usually a scan, even if they "
    "seem well.",
    "button_battery": "A swallowed button or coin battery, or a swallowed magnet, can cause serious internal burns "
    "or damage within hours, even if the child seems well.",
    "eye_chemical": "A chemical such as oven or drain cleaner, bleach, cement or acid in the eye can cause permanent "
    "damage and needs emergency care.",
    "electrical_injury": "After an electric shock, a burn, a fluttering or irregular heartbeat, chest pain, breathing "
    "difficulty, confusion or having been thrown or knocked out, and any high-voltage or lightning injury, need "
    "emergency assessment even if the person seems well.",
    "carbon_monoxide": "Confusion, drowsiness, collapse, chest pain or breathlessness near a boiler, gas fire, stove, "
    "generator or running engine, especially with headaches or sickness in others (or pets) too, can be carbon "
    "monoxide poisoning.",
    "drowning": "Anyone who has been under the water or pulled from it and then coughs, is breathless, drowsy, "
    "confused or vomiting needs emergency assessment, even if they seem to recover.",
    "hypothermia": "Someone who is very cold to the touch and confused, drowsy, slurring or mumbling, very slow, or "
    "who has stopped shivering, may have severe hypothermia.",
    "bite": "A bite from a venomous snake (such as an adder) or another venomous animal needs emergency care, "
    "especially with spreading swelling, feeling faint or sick, or breathing difficulty.",
    "sickle_cell_crisis": "In someone with sickle cell disease, a temperature of 38C or above, chest pain, "
    "breathlessness, severe pain that usual painkillers do not control, or an erection lasting more than 2 hours "
    "needs emergency care.",
    "adrenal_crisis": "In someone with Addison's disease or adrenal insufficiency, or who takes steroid tablets long "
    "term or has just stopped them, vomiting or diarrhoea with dizziness, fainting, severe weakness, confusion or "
    "low blood pressure can be an adrenal crisis.",
    "dehydration": "Vomiting or diarrhoea with little or no urine and dizziness, fainting, confusion or "
    "drowsiness can be severe dehydration, which needs urgent treatment.",
    "urinary_retention": "Being unable to pass urine for hours, especially with a swollen, hard or painful lower "
    "tummy, can be acute urinary retention, which needs emergency treatment (usually a catheter).",
    "eye_injury": "An injury in which something sharp or fast-moving (metal, glass, a stick) has hit or gone into "
    "the eye, especially with a cut on the eye, a misshapen pupil, fluid leaking or blurred or lost vision, can be a "
    "penetrating eye injury and needs emergency care.",
    "sudden_vision_loss": "Sudden loss of sight in one or both eyes, or a dark curtain or shadow across the vision, "
    "can be a blocked blood vessel in the eye, a detached retina, giant cell arteritis or a stroke, and needs "
    "emergency care within hours.",
    "infant_unwell": "A baby who is not feeding and is floppy, hard to wake, grunting, breathing fast or has "
    "mottled, pale or blue skin or few wet nappies, or a newborn who is yellow (jaundiced) and very sleepy or not "
    "feeding, needs urgent medical care.",
    "hypertensive_emergency": "A very high blood pressure (around 180/120 or above) with confusion, blurred vision or "
    "chest pain can be a hypertensive emergency, which damages the brain, heart, eyes or kidneys within hours.",
    "hyperkalaemia": "A very high blood potassium with changes on the heart tracing (ECG) can cause a dangerous "
    "heart rhythm at any moment (severe hyperkalaemia).",
    "critically_unwell": "An early warning score of 7 or more (NEWS2), or several very abnormal observations "
    "together, means the person is critically unwell and needs emergency assessment.",
    "spinal_injury": "After a fall, a dive into shallow water or another injury, neck or back pain with numbness, "
    "tingling, weakness or loss of movement in the arms or legs can be a spinal injury.",
    "priapism": "An erection lasting more than 4 hours, or a painful one that will not go down, is an emergency "
    "(priapism) and needs treatment within hours to prevent lasting damage.",
    "bowel_obstruction": "Being sick (especially green vomit or vomit that looks or smells like poo) with a swollen "
    "tummy, or not passing wind or poo at all, can be a blocked bowel (bowel obstruction), which needs emergency "
    "care.",
    "hypercalcaemia": "New confusion or drowsiness, with thirst, passing a lot of urine, constipation or being sick, "
    "in someone with cancer (especially cancer in the bones or myeloma), or a very high calcium result, can be "
    "dangerously high blood calcium (hypercalcaemia).",
    "intussusception": "In a baby or young child, bouts of screaming with the legs drawn up, being pale or floppy "
    "between bouts, green (bile) vomit, or blood or red jelly-like poo can mean a blockage or twist in the bowel "
    "(such as intussusception), which needs emergency care.",
}
_POISON_TAIL = " You can also contact your poison centre (in the US, Poison Help: 1-800-222-1222)."
_TAILS = {"overdose": _POISON_TAIL, "button_battery": _POISON_TAIL}
_SUICIDE = (
    "You deserve support right now. If you are thinking about ending your life or harming yourself, call or "
    "text 988 in the US (Suicide & Crisis Lifeline), or your local crisis line. If you are in immediate danger, "
    "have hurt yourself or have taken an overdose, call your local emergency number (e.g. 911 / 112 / 999) now."
)
_CLINICIAN_TAIL = " For clinicians: follow local emergency protocols; the evidence library is no substitute."

# The one instruction that matters most while help is on its way (issue 14: e.g. no nitrates after a PDE5
# inhibitor), said after the redirect. Standard first-aid and emergency-service advice, nothing person-specific.
NITRATE_WARNING = (
    "Do not use nitroglycerin (GTN) spray or tablets, or any other nitrate, within 24 hours of sildenafil, "
    "vardenafil or avanafil or 48 hours of tadalafil: together they can cause a dangerous fall in blood pressure. "
    "Tell the emergency team which medicine was taken and when."
)
INSTRUCTIONS = {
    POSSIBLE_EMERGENCY: "If the person collapses, stops breathing normally or gets worse, call the emergency number "
    "straight away and follow the call handler's instructions.",
    "chest_pain": "Stop what you are doing and sit down while you wait; do not drive yourself to hospital.",
    "chest_pain_pde5": NITRATE_WARNING,
    "aortic_aneurysm": "Lie still and do not drive yourself or eat or drink; tell the team about any known "
    "aneurysm and when the pain started.",
    "aortic_dissection": "Keep still and do not drive yourself; do not take aspirin or other blood thinners unless "
    "the emergency team tells you to, and tell them the pain is tearing or goes through to the back.",
    "stroke": "Tell the emergency team the time the symptoms started; do not give food, drink or aspirin.",
    "overdose": "Do not make the person vomit; keep the medicine packets or containers to show the team.",
    "anaphylaxis": "Use an adrenaline (epinephrine) auto-injector now if one has been prescribed (into the outer "
    "thigh), then lie down with legs raised, or sit up if breathing is hard; if there is no improvement after 5 "
    "minutes, use a second one. Antihistamine tablets alone are not enough.",
    "breathing": "If the person stops breathing, start CPR if you know how; the call handler can guide you.",
    "severe_asthma": "While you wait, sit upright and take one puff of the reliever (usually blue) inhaler every 30 "
    "to 60 seconds, up to 10 puffs.",
    "preeclampsia": "Tell them how many weeks pregnant you are (or when you gave birth); do not wait for your next "
    "antenatal appointment.",
    "thunderclap_headache": "Do not wait to see whether painkillers help; tell the emergency team the headache "
    "came on suddenly.",
    "sepsis": "Tell the team about the fever or infection and ask: could this be sepsis?",
    "sepsis_child": "Tell the team the child's age and temperature and ask: could this be sepsis?",
    "seizure": "Do not hold the person down or put anything in their mouth; move dangers away and time the seizure.",
    "unconscious": "If they are breathing, turn them on their side (recovery position); if not, start CPR.",
    "meningitis": "Tell the team about the fever and the stiff neck, light sensitivity or rash; do not wait for a "
    "rash to appear.",
    "gi_bleeding": "Lie down if you feel faint, and tell the team about any blood thinners or anti-inflammatory "
    "painkillers (such as ibuprofen or aspirin).",
    "dka": "Do not stop taking insulin; tell the team the latest blood sugar and ketone readings.",
    "ectopic_pregnancy": "Tell them how many weeks pregnant you are or when your last period was; do not wait to see "
    "whether the pain settles.",
    "testicular_torsion": "Go straight away and do not wait to see whether the pain settles: the sooner it is "
    "treated, the more likely the testicle can be saved.",
    "cauda_equina": "Go now, even at night; tell the team about the numbness and any bladder or bowel changes.",
    "cord_compression": "Go now, even at night, and lie flat if moving the back hurts; tell the team about the cancer, "
    "when the weakness or numbness started and any bladder or bowel changes.",
    "burns": "Cool the burn under cool running water for 20 minutes and remove anything tight nearby unless it is "
    "stuck; do not use ice, creams or butter, and cover it loosely with cling film.",
    "head_injury": "Tell the team about any blood thinner and when the injury happened; do not leave the person "
    "alone or let them drive.",
    "pulmonary_embolism": "Sit upright and keep still while you wait; tell the team about any recent journey, "
    "operation, pregnancy or leg swelling.",
    "hypoglycaemia": "If they are awake and can swallow, give a sugary drink or glucose tablets now; if they are "
    "drowsy, unconscious or fitting, give nothing by mouth and put them on their side.",
    "airway": "Keep the person calm and sitting in the position they find easiest; do not lie them down or look "
    "in their throat.",
    "pregnancy": "Call your maternity unit or the emergency number now; do not wait to see whether things settle "
    "or for your next appointment.",
    "glaucoma": "Go to an emergency department or eye casualty now; tell them the eye became painful suddenly.",
    "necrotising_fasciitis": "Go now and do not wait for antibiotics to work; tell the team the pain is much worse "
    "than the wound looks.",
    "limb_ischaemia": "Do not rub, warm or raise the limb; keep it still and tell the team when it started.",
    "serotonin_syndrome": "Do not take any more of the medicines involved, and tell the team every medicine, "
    "supplement or drug taken and when.",
    "heat_stroke": "Move them somewhere cool, remove extra clothing and cool them with water and fanning while you "
    "wait; do not give drinks if they are confused or drowsy.",
    "smoke_inhalation": "Get into fresh air and stay away from the smoke; tell the team what was burning and how "
    "long the exposure was.",
    "severe_pain": "Do not eat or drink anything until you have been assessed, and do not drive yourself.",
    "major_trauma": "Do not move the person unless they are in danger; keep the head and neck still and press "
    "firmly on any bleeding.",
    "button_battery": "Do not make them sick and do not give food or drink unless the emergency team tells you to; "
    "take the battery packaging or the device with you.",
    "eye_chemical": "Rinse the eye straight away with lukewarm running water for at least 20 minutes, holding the "
    "eyelids open, and take the product or its label with you.",
    "electrical_injury": "Do not touch the person until the power is switched off or they are clear of the source; "
    "tell the team the kind of source (household or high voltage) and when it happened.",
    "carbon_monoxide": "Get everyone into fresh air now, turn off the appliance or engine only if it is safe, and do "
    "not go back inside until it has been checked.",
    "drowning": "If they are not breathing normally, start CPR with 5 rescue breaths if you know how; if they are "
    "breathing, keep them warm and on their side and stay with them.",
    "hypothermia": "Move them somewhere warm and dry, remove wet clothing and wrap them in blankets, covering the "
    "head; do not rub their arms or legs, put them in a hot bath or give alcohol.",
    "bite": "Keep still and keep the bitten limb still; remove rings, watches or tight clothing near the bite, and do "
    "not cut or suck the bite or tie anything tightly around it.",
    "sickle_cell_crisis": "Tell the team you have sickle cell disease and show any care plan; keep warm and keep "
    "drinking fluids while you wait.",
    "adrenal_crisis": "If they have an emergency hydrocortisone injection kit, use it now as they were taught; tell "
    "the team they are steroid-dependent and show the steroid emergency card.",
    "dehydration": "If they are awake and can swallow, keep giving small, frequent sips of water or oral "
    "rehydration solution while you wait; tell the team how long the vomiting or diarrhoea has lasted.",
    "bowel_obstruction": "Do not eat, drink or take laxatives while you wait; tell the team when wind or poo was last "
    "passed and about any previous operations or hernias.",
    "hypercalcaemia": "Tell the team about the cancer and any calcium result, and bring a list of medicines, "
    "including calcium or vitamin D supplements and water tablets.",
    "intussusception": "Go now and do not wait to see whether the bouts settle; tell the team when they started and "
    "what the vomit or poo looked like (bring the nappy if you can).",
    "urinary_retention": "Do not keep drinking large amounts to try to go; tell the team when urine was last passed "
    "and about any prostate problem or new medicine.",
    "eye_injury": "Do not rub or press on the eye or try to remove anything stuck in it; cover it lightly with a "
    "clean shield or cup and keep the person still.",
    "sudden_vision_loss": "Tell the team exactly when the sight went and about any headache, jaw pain on chewing or "
    "scalp tenderness; do not wait to see whether it comes back.",
    "infant_unwell": "Tell the team the baby's age, when they last fed and when they last had a wet nappy.",
    "hypertensive_emergency": "Do not take extra doses of blood pressure tablets to bring it down quickly; bring "
    "the medicines and the readings with you.",
    "hyperkalaemia": "Keep the person on a heart monitor if one is available, and tell the team the potassium "
    "result and any medicines that raise potassium (such as ACE inhibitors, spironolactone or supplements).",
    "critically_unwell": "Tell the team the latest observations (breathing rate, oxygen level, pulse, blood "
    "pressure, alertness, temperature) and when they changed.",
    "spinal_injury": "Do not move them or sit them up unless they are in danger; keep the head and neck still, in "
    "line with the body, until help arrives.",
    "priapism": "Go now and do not wait to see whether it settles; tell the team when it started and about any "
    "medicines, injections or drugs taken.",
    "suicide": "If you can, move away from anything you could use to harm yourself and stay with someone you trust "
    "until help comes.",
}
_CARDIAC = {"chest_pain", "chest_pain_pde5", "aortic_dissection", "breathing", "unconscious"}


def critical_instruction(category: str, question: str = "") -> str:
    """The one instruction for an emergency category; a PDE5 inhibitor named with chest symptoms means no nitrates."""
    if category in _CARDIAC and question and _present(_concepts().patterns["PDE5"], _correct(_prepare(question))):
        return NITRATE_WARNING
    return INSTRUCTIONS.get(category, "")


def _emergency_message(category: str, audience: str, instruction: str = "") -> str:
    if category == "suicide":
        msg = _SUICIDE
    else:
        msg = f"{_LEADS[category]} {_EMERGENCY}{_TAILS.get(category, '')}"
    if instruction:
        msg += f" {instruction}"
    return msg + (_CLINICIAN_TAIL if audience == "clinician" else "")


_EARLY = frozenset({"suicide", "overdose"})

# "my chest feels tight and I'm anxious, is this a panic attack?": a plain chest symptom offered with a benign
# explanation to check is a question, unless anything marks it as severe or cardiac.
_BENIGN_ASK = re.compile(
    r"\b(?:is|could|might) (?:this|it|that) (?:just |only )?(?:be )?(?:a |an )?(?:panic attacks?|anxiety|stress"
    r"|heartburn|indigestion|reflux|acid reflux|a pulled muscle|pulled muscle|muscle strain|muscular|wind|trapped wind"
    r"|normal)\b"
)
_CHEST_ALARM = frozenset(
    {"SEVERE", "SUDDEN", "WORST_EVER", "RADIATE_ARM", "SWEATY", "BREATHLESS", "FAINT", "LIGHTHEADED", "COCAINE",
     "PDE5", "TO_BACK", "TEARING", "HIGH_BP", "RACING_HEART", "BLUE", "NAUSEA"}
)  # fmt: skip


_CHEST_TIGHT = re.compile(r"\bchest (?:is |so |feels |feeling )*(?:tight|heavy)\b")


def _benign_chest(text: str) -> bool:
    if not _BENIGN_ASK.search(text):
        return False
    c = _concepts()
    # the chest symptom itself ("chest feels tight") is not a second marker
    corrected = _CHEST_TIGHT.sub(" ", _correct(text))
    return not any(_present(c.patterns[name], corrected) for name in _CHEST_ALARM)


def _fixed(text: str, *, chronic: bool, clinician: bool, early: bool) -> str | None:
    for category, pattern, suppressible in _rules():
        if (category in _EARLY) != early:
            continue
        # A clinician asking about "my patient" is asking a clinical question; self-harm statements always count.
        if clinician and category != "suicide":
            continue
        if pattern.search(text) and not (suppressible and chronic):
            return category
    return None


_LONG_AGO = re.compile(
    r"\b(?:(?:a|one|two|three|several|a few|a couple of|\d+) (?:years?|months?) (?:ago|back)|last (?:year|month)"
    rf"|{_WHEN_YOUNG})\b"
)


# "I have no thoughts of ending my life": suicidal intent denied in so many words is no sign of it.
_DENIED_INTENT = re.compile(
    r"\b(?:no|not any|never (?:had|have) any|without any?)\s+(?:thoughts?|intentions?|plans?|urges?|wish)\s+"
    r"(?:of|about|to)\s+(?:ending|end|taking|take|killing|kill|harming|harm|hurting|hurt)\s+"
    r"(?:my|his|her|their)\s+(?:own\s+)?(?:life|lives|self)\b|\b(?:no|not any) (?:suicidal )?thoughts? of suicide\b"
)
# Goodbyes, a pet rehomed, prescriptions not needed "because I'm moving in with my daughter": a move, given as the
# reason, with no word of dying, ending it or a stash.
_MOVING = re.compile(
    r"\b(?:moving|move|moved|relocating|emigrating|emigrate)\s+(?:in with|to|abroad|house|away|back|up|down)\b"
    r"|\bthe new (?:place|flat|house|home|job)\b"
)
_INTENT_SIGNS = frozenset(
    {"DEATH_WISH", "END_IT", "METHOD", "STASH", "HOPELESS", "BURDEN", "LEDGE", "NOTE", "TAKE_ALL"}
)


def _emergency_category(text: str, audience: str) -> str | None:
    text = _DENIED_INTENT.sub(" ", text)
    chronic = _chronic(text)
    # "My patient" asks a clinical question, unless the clinician says it is happening right now (a patient in
    # front of them with crushing chest pain): then the redirect, with its clinician tail, is the answer.
    clinician = bool(_CLINICIAN.search(text)) and not _NOW.search(text)
    general = bool(_GENERAL_QUESTION.search(text))
    corrected = _correct(text)
    # "Child having a seizure: which drug first?" is telegraphic clinical shorthand, so a subject left out
    # at the start ("^") must not count: prefixing the text disables every "^" alternative.
    texts = [f"- {t}" if general else t for t in dict.fromkeys([text, corrected])]
    # "had a temp of 38 yesterday, it's normal now": the only "now" says it has passed
    resolved = (
        bool(_RESOLVED.search(text))
        and not _NOW_MARK.search(_RESOLVED.sub(" ", text))
        and not re.search(r"\bstill\b", text)
    )
    for t in texts:
        category = _fixed(t, chronic=chronic, clinician=clinician, early=True)
        if category in _EARLY and resolved and (chronic or _LONG_AGO.search(t)):
            # "took an overdose a year ago ... he's doing better now", "i used to think about killing myself ...
            # i'm in a good place now": a past crisis, got over
            continue
        if category is not None:
            return category
    found = _compositional(corrected, clinician)
    if found is not None:
        return found[0]
    # "how do you tell if someone is unresponsive?": a hypothetical, unless it is also said to be happening now
    hypothetical = bool(_HYPOTHETICAL.search(text)) and not _NOW_MARK.search(text)
    # "my lips and tongue swelled up on lisinopril a few years back": a reaction told as long past, nothing now
    long_past = bool(_LONG_AGO.search(text)) and not _NOW_MARK.search(text)
    for t in texts if not (resolved or long_past) else ():
        category = _fixed(t, chronic=chronic or hypothetical, clinician=clinician, early=False)
        if category is not None:
            return None if category == "chest_pain" and _benign_chest(text) else category
    found = _compositional(corrected, clinician, general=True)
    if found is not None:
        return found[0]
    if clinician or general:
        return None
    # "had a seizure this morning ..., he's back to himself now": a "now" that says it has passed does not count
    current = _RESOLVED.sub(" ", text)
    now = _NOW.search(current) or (audience == "patient" and _NOW_PATIENT.search(current))
    if now and not chronic and not hypothetical and not resolved:
        for category, pattern in _BARE:
            if pattern.search(text):
                return category
    return None


# --- dosing ------------------------------------------------------------------------------------------------
_CHANGE = (
    r"(?:double|doubling|halve|halving|increas(?:e|ing)|decreas(?:e|ing)|reduc(?:e|ing)|rais(?:e|ing)|lower(?:ing)?"
    r"|up|adjust(?:ing)?|split(?:ting)?|cut(?:ting)?|drop(?:ping)?)"
)
_UNIT = r"(?:mg|mgs|mcg|micrograms?|milligrams?|ml|mls|units?|g|tablets?|pills?)"
# A decimal point ("7.5mg") does not end the sentence the dose question is in.
_NS = r"(?:[^.?!]|(?<=\d)\.(?=\d))"  # within one sentence; "7.5mg" has no sentence end
_DOSE_ASK = re.compile(
    r"\b(?:what|which|how much|how many|right|correct|safe|maximum|max|appropriate|proper|starting|loading)\b"
    rf"{_NS}{{0,60}}?(?:\b|(?<=\d))(?:dose|doses|dosage|dosing|mg|mgs|milligrams?|mcg|micrograms?|ml|mls"
    r"|millilit(?:er|re)s?"
    r"|units?|tablets?|pills?|capsules?|tabs|puffs|drops|teaspoons?|tsp)\b"
    rf"|\bhow (?:much|many)\b{_NS}{{0,40}}?\b(?:can|should|do|may|to)\b{_NS}{{0,25}}?"
    r"\b(?:take|give|have|use|prescribe)\b"
    rf"|\bhow (?:often|many times)\b{_NS}{{0,40}}?\b(?:take|give)\b"
    rf"|\b(?:should|can|may)\s+(?:i|we|he|she)\s+(?:give|take|prescribe|use|start)\b{_NS}{{0,40}}?\b\d+(?:\.\d+)?\s*"
    r"(?:mg|mcg|ml|units)\b"
    # changing one's own dose: "double my metformin dose", "increase my levothyroxine to 100mcg"
    rf"|\b{_CHANGE}\s+(?:up\s+)?(?:my|his|her|their|our)\s+(?:[\w-]+\s+){{0,2}}?(?:dose|dosage|doses)\b"
    rf"|\b{_CHANGE}\s+(?:my|his|her|their|our)\s+(?:[\w-]+\s+){{0,2}}?(?:(?:down|up|back)\s+)?(?:to|by)\s+"
    rf"\d+(?:\.\d+)?\s*{_UNIT}\b"
    # "can i go up to 60", "should i take an extra bisoprolol"
    r"|\b(?:go|going|come|coming|step|stepping|move|moving)\s+(?:up|down|back)\s+to\s+\d"
    r"|\b(?:take|give|have|use)\s+(?:an?\s+)?(?:extra|another|additional|second|double)\b"
    # "is 20mg of diazepam ok for me"
    rf"|\b\d+(?:\.\d+)?\s*{_UNIT}\b{_NS}{{0,40}}?\b(?:ok|okay|safe|too much|too many|too high|too strong|enough"
    r"|fine|alright)\b"
)
_SPECIFIC = re.compile(
    r"\b(?:should|can|could|may|do|shall)\s+(?:i|we)\s+(?:give|take|prescribe|administer|use|start|put)\b"
    r"|\b(?:can|should|may)\s+(?:he|she|they|my\s+\w+)\s+(?:take|have|get)\b"
    r"|\b(?:i'm|i am|he's|she's|they're)\s+(?:on|taking)\s+\d|\b(?:can|should|may)\s+(?:i|we)\s+go\s+(?:up|down)\b"
    r"|\bmy\s+(?!(?:own|practice|clinic|hospital|experience|unit|department|opinion|understanding|question|area)\b)"
    r"[\w-]+|\bfor (?:me|him|her|them)\b|\bthis (?:patient|child|baby|person)\b"
    r"|\b\d+(?:\.\d+)?\s*(?:kg|kgs|kilos?|kilograms?|lbs?|pounds)\b|\b(?:weighs|weighing|i weigh)\b"
    r"|\b\d+[- ]?(?:year|yr|month|week|day)s?[- ]?old\b|\baged?\s+\d+"
    r"|\b(?:inr|egfr|crcl|creatinine clearance|creatinine|gfr)\s*(?:of|is|=|:)?\s*\d"
)
_FACTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "weight",
        re.compile(r"\d\s*(?:kg|kgs|kilos?|kilograms?|lbs?|pounds|g)\b|\bweigh(?:s|ing|t)?\b\s*(?:of|is|about)?\s*\d"),
    ),
    (
        "age",
        re.compile(
            r"\d+\s*[- ]?(?:years?|yrs?|y/?o)\b|\d+\s*[- ]?(?:months?|weeks?|days?)[- ]?old\b|\baged?\s+\d+"
            r"|\bi'm\s+\d{2}\b(?!\s*(?:kg|weeks|lbs?))"
            r"|\b(?:newborn|neonate|infant|toddler|adult|elderly|teenager|adolescent)\b"
        ),
    ),
    ("kidney function (eGFR or creatinine clearance)", re.compile(r"renal|kidney|gfr|crcl|creatinine|dialysis|ckd")),
    ("liver function", re.compile(r"hepatic|liver|cirrho|child-pugh|\balt\b|\bast\b|bilirubin|hepatitis")),
    (
        "indication (what it is for)",
        re.compile(
            r"\bfor\s+(?!(?:him|her|them|me|my|his|a|an|the|this|that|it|us|our|their|kids?|child(?:ren)?|adults?"
            r"|babies|baby|infants?|toddlers?|someone|people|patients?|how|long|what|each|every|one|two|days?"
            r"|weeks?|years?|months?)\b)(?!\d)[a-z]"
            r"|\b(?:to treat|treating|to prevent|preventing|against)\b|\b(?:infection|pain|fever|otitis|pneumonia"
            r"|uti|sinusitis|pharyngitis|tonsillitis|strep|cellulitis|atrial fibrillation|af|dvt|embolism"
            r"|hypertension|diabetes|asthma|migraine|headache|arthritis|anxiety|depression|insomnia|epilepsy"
            r"|cancer|heart failure|angina|nausea|cough|flu)\b"
        ),
    ),
    (
        "other medicines",
        re.compile(
            r"\balso (?:on|taking|takes)\b|\b(?:other|current) (?:meds|medications|medicines|drugs)\b"
            r"|\b(?:along|together|combined|interacts?|interaction)\s+with\b|\bin addition to\b|\bno other\b"
        ),
    ),
    ("allergies", re.compile(r"allerg")),
    ("pregnancy or breastfeeding", re.compile(r"pregnan|breast-?feed|lactat|nursing")),
)
_NOT_PREGNANT = re.compile(
    r"\b(?:husband|son|boy|father|dad|brother|grandpa|grandfather|man|male|he|him|his|boyfriend|uncle|nephew"
    r"|grandson|baby|infant|toddler|newborn|child|kid)\b|\d+\s*[- ]?(?:months?|weeks?|days?)[- ]?old"
    r"|\b(?:[1-9]|1[01])[- ]?(?:years?|yrs?|y/?o)\b"
)


def _missing_factors(text: str) -> tuple[str, ...]:
    missing = [name for name, pattern in _FACTORS if not pattern.search(text)]
    if _NOT_PREGNANT.search(text) and "pregnancy or breastfeeding" in missing:
        missing.remove("pregnancy or breastfeeding")
    return tuple(missing)


def _dosing_message(missing: tuple[str, ...], audience: str) -> str:
    needs = ", ".join(missing) if missing else "the full clinical picture"
    msg = (
        "This answer gives general dosing information from the cited sources; it cannot give a personal dose "
        f"for a specific person. A prescriber or pharmacist must set the dose, and would need: {needs}."
    )
    if audience == "patient":
        msg += (
            " Please check with your doctor or pharmacist, and follow the medicine's label, before taking or "
            "giving any dose."
        )
    return msg


_PERSONAL = re.compile(r"\b(?:i|i'm|im|i've|me|my|we|we're|our|us|he|he's|she|she's|they|they're|his|her)\b")
# The message is about an animal: "my dog swallowed ..." (a pet named in its first words), not "who gets the cat".
_PET_SUBJECT = re.compile(rf"^\W*(?:\w+\W+){{0,4}}?(?:my|our) {_ANIMALS}s?\b")
# An animal's problem taken to a vet ("my dog had a seizure ... should i take her to the vet?"): a vet's question.
_VET = re.compile(r"\b(?:to|at|from|call|ring|phone|see) the vets?\b|\bvet(?:erinary)? (?:clinic|surgery|hospital)\b")
_ANIMAL = re.compile(rf"\b{_ANIMALS}s?\b")
_CARE_OF = re.compile(r"\b(?:patients?|pts?|clients?|case)\b")
# A clinician presenting a case ("My pt has been on oxycodone for 6 yrs ...", "I've got a 34-year-old woman,
# otherwise well, ..."): the care of a patient, in either audience; the rules still hear an emergency in it.
_PRESENTS_CASE = re.compile(
    rf"\b(?:my|our) (?:pt|patient)s?\b|\bi(?:'ve| have)(?: got)? an? {_AGE}\s+(?:woman|man|female|male|lady"
    r"|gentleman|gent|patient|pt)\b"
)


def _lay_report(text: str, audience: str) -> bool:
    """Whether the learnt second opinion may speak: not where the rules read the framing as passed, hypothetical or
    about an animal, nor where a clinician presents a case (in either audience); otherwise always for patients and
    students; for clinicians only on a
    first-person report ("my son ...", "I ..."), not on a question about the care of a patient ("my patient has
    crushing chest pain, troponin or ECG first?"), which the rules answer for clinicians."""
    if _RESOLVED.search(text) or _HYPOTHETICAL.search(text) or _PET_SUBJECT.search(text):
        return False  # the rules' framing: passed ("it's gone now"), hypothetical ("what if"), an animal
    if _PRESENTS_CASE.search(text):
        return False
    if audience != "clinician":
        return True
    if _CARE_OF.search(text):
        return False
    # A report, not a look-up: a person named ("my son", "she"), or a statement of 8+ words with no question and no
    # work-up words ("took whole box paracetamol 2 hour ago because everything is too much"); clinicians' shorthand
    # ("crushing chest pain now", "... : CT angiography or TOE?") stays with the rules.
    statement = len(text.split()) >= 8 and "?" not in text and not _CLINICAL_WORK.search(text)
    return bool(_PERSONAL.search(text)) or statement


def check_question(question: str, audience: str = "clinician") -> SafetyNotice | None:
    """Return an emergency redirect or a personal-dose caution for a question, or None for ordinary questions."""
    text = _prepare(question)
    if not text:
        return None
    category = None if _ANIMAL.search(text) and _VET.search(text) else _emergency_category(text, audience)
    if category is not None and _CRITICAL_CARE.search(text) and _TREATMENT_CHOICE.search(text):
        return None  # "ICU pharmacist: ... septic shock ... Is adding vasopressin preferred ...?": care is under way
    if category is None:
        model = load_emergency_model()
        # "can't swallow her keppra pills, can i crush them": trouble swallowing tablets is not an airway sign
        asked = _PILL_TROUBLE.sub(" ", question)
        if model is not None and _lay_report(text, audience):
            # "... is that from the paxil?": asking whether what is happening is the medicine's known effect is a
            # side-effect question; the learnt opinion speaks on one only when it is all but sure.
            routine = (
                _ASKS_CAUSE.search(text)
                or _LATE_DOSE.search(text)
                or _REASSURED.search(text)
                or _ASKS_EVIDENCE.search(text)
                or _ASKS_USE.search(text)
            )
            needed = max(model.threshold, SURE_EMERGENCY) if routine else model.threshold
            if model.probability(asked) >= needed:
                # The rules know no such situation or words; the learnt second opinion recognises an emergency. With
                # a sign of suicidal intent in it (letters written, a goodbye, wanting to die) the crisis message.
                category = "suicide" if _found(_correct(text)) & _SUICIDE_SIGNS else POSSIBLE_EMERGENCY
    if category is not None:
        instruction = critical_instruction(category, question)
        message = _emergency_message(category, audience, instruction)
        return SafetyNotice("emergency", category, message, instruction=instruction)
    if _DOSE_ASK.search(text) and _SPECIFIC.search(text):
        missing = _missing_factors(text)
        return SafetyNotice("dosing", "dosing", _dosing_message(missing, audience), missing)
    return None
