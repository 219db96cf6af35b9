"""What a consumer's wording asks for beyond its own words: "what is amlodipine for" asks for its uses, "forgot my
shot" for a missed dose, "can i drive on it" for driving, "how to come off it" for stopping. Pages about a medicine
use other words for that part (its purpose, storage, a missed dose, an overdose, stopping, driving, side effects in
plain words), so each intent names the words such a page uses. The re-ranker uses them to tell the pages of one
medicine apart; the coverage check counts the question's words for the intent as found where the page has them.
"""

from __future__ import annotations

import re

from .support import terms

_INTENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bwhat\s+(?:is|are)\s+(?P<x>(?:\S+\s+){1,4})(?:used\s+)?for\b|\bwhat\s+(?:does|do)\s+(?P<y>(?:\S+\s+){1,4})do\b"
            r"|\bwhy\s+(?:is|are|do|would|was)\b(?P<z>.*)\b(?:prescrib|tak|giv|us)\w*",
            re.IGNORECASE,
        ),
        "used treat prescribed",
    ),
    (
        re.compile(r"\b(?:fridge|refrigerat\w*|freez\w*|store[ds]?|storage|room\s+temperature)\b", re.I),
        "store temperature",
    ),
    (re.compile(r"\b(?:miss(?:ed)?|forgot|forgotten|forget|skip(?:ped)?)\b", re.I), "missed dose"),
    (
        re.compile(
            r"\b(?:too\s+many|overdose[ds]?|by\s+mistake|double\s+dose|extra\s+dose|(?:take|took|taken|taking)\s+"
            r"too\s+much)\b",
            re.I,
        ),
        "overdose",
    ),
    (
        re.compile(
            r"\b(?:come|coming|get|getting)\s+off\b|\b(?:quit|quitting|taper\w*|wean\w*|stop|stopping|cold\s+turkey)\b",
            re.I,
        ),
        "stop stopping discontinue discontinuation cessation abrupt abruptly withdrawal taper gradually",
    ),
    (
        re.compile(
            r"\b(?:kick\w*\s+in|take\s+(?:long\s+)?to\s+work|start\w*\s+(?:to\s+)?work\w*)\b"
            r"|\bhow\s+(?:long|soon|fast|quickly)\b(?P<w>[^.?!]{0,50}?)\bwork\w*",  # "how fast do tessalon pearls work"
            re.I,
        ),
        "weeks work benefit full",
    ),
    (
        re.compile(
            r"\bstay\w*\s+in\s+(?:your|my|his|her|the)\s+(?:system|body|blood)|\bout\s+of\s+(?:your|my|his|her)\s+system",
            re.I,
        ),
        "remain body eliminated clear half-life",
    ),
    (
        re.compile(
            r"\b(?:what|best|which)\s+time\s+of\s+(?:the\s+)?day\b|\b(?:morning|night|bedtime)\s+or\s+(?:morning|night|evening|bedtime)\b"
            r"|\bwhat\s+time\s+(?:should|do|does|can|to)\b",
            re.I,
        ),
        "morning evening bedtime time day",
    ),
    (re.compile(r"(?<!sex\s)\b(?:drive|driving|drove)\b", re.I), "driving drive machinery"),  # not "sex drive"
    (re.compile(r"\b(?:throw(?:ing)?\s+up|threw\s+up|puk\w*|being\s+sick)\b", re.I), "vomiting nausea"),
    (re.compile(r"\b(?:sleepy|drowsy)\b", re.I), "drowsiness sleepiness drowsy"),
    (re.compile(r"\b(?:pee(?:ing)?|wee)\b", re.I), "urine urination"),
    (re.compile(r"\b(?:poop|poo)\b", re.I), "stool stools"),
    (re.compile(r"\b(?:cut|split|crush\w*|break)\b.*\b(?:half|halves|pill|tablet)s?\b", re.I), "split crush whole"),
)


# Intents whose page words every medicine's pages use ("maximum", "food", "drowsiness"): they count for the coverage
# check and the re-ranker, but searched with the question they bring other medicines' pages first ("can u take 2
# viagra in 1 day" found the colchicine and loperamide limits; "carvedilol makes me so tired" other sedatives).
_COUNTED_ONLY: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:max|maximum)\b|\bhow\s+many\b(?P<m>[^.?!]{0,40}?)\b(?:a|per|in\s+(?:a|one|1))\s+day\b"
            r"|\bthe\s+most\b(?P<k>[^.?!]{0,30}?)\b(?:take|have|use|give)\b"
            r"|\b(?:2|3|two|three)\s+(?P<n>\w+\s+)?in\s+(?:1|one|a)\s+day\b",
            re.I,
        ),
        "maximum exceed more than day hours",
    ),
    (
        re.compile(
            r"\bbefore\s+or\s+after\s+(?:i\s+|you\s+)?(?:eat\w*|meals?|food|breakfast)|\bwith\s+or\s+without\s+food"
            r"|\bempty\s+stomach|\bwith\s+(?:food|meals?|breakfast|coffee|milk)\b"
            r"|\b(?:after|before)\s+(?:dinner|supper|breakfast|lunch|a\s+meal|meals|eating)\b",
            re.I,
        ),
        "food meal meals empty stomach",
    ),
    (
        re.compile(r"\b(?:tired|tiredness|groggy|foggy|exhausted|knocks?\s+(?:me|you|him|her)\s+out)\b", re.I),
        "drowsiness sleepiness drowsy",
    ),
)


def intents(question: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """For each intent the question's wording implies: (the stemmed words of the question that say it, the stemmed
    words a page uses for it)."""
    out = []
    for rx, words in _INTENTS + _COUNTED_ONLY:
        m = rx.search(question)
        if m:
            said = m.group(0)
            for part in (g for g in m.groupdict().values() if g):  # what the wording wraps (the drug) says no intent
                said = said.replace(part, " ")
            out.append((terms(said), terms(words)))
    return out


def intent_wording(question: str) -> frozenset[str]:
    """The stemmed words of the question that say an intent, every time it is said ("stop it ... or be weaned off")."""
    return frozenset(t for rx, _ in _INTENTS + _COUNTED_ONLY for m in rx.finditer(question) for t in terms(m.group(0)))


def implied_intent(question: str) -> frozenset[str]:
    """Stemmed intent words a question implies beyond its own words."""
    found: frozenset[str] = frozenset()
    for _, implied in intents(question):
        found |= implied
    return found


# Stopping a medicine at once: the verb and the manner ("stop ... all at once", "quit ... cold turkey").
_STOP_ASKED = re.compile(r"\b(stop\w*|come off|coming off|go off|quit\w*|discontinu\w*)\b", re.I)
_AT_ONCE = re.compile(
    r"\b(all at once|at once|cold turkey|suddenly|abruptly|just (stop|quit))\b",
    re.I,
)


def intent_words(question: str) -> list[str]:
    """The words a page uses for each intent the question's wording implies, unstemmed (for the search engine):
    "is it ok to stop atenolol all at once" is answered by a boxed warning on abrupt discontinuation."""
    return [words for rx, words in _INTENTS if rx.search(question) and ("stop" not in words or at_once(question))]


def at_once(question: str) -> bool:
    """Stopping a medicine at once is asked ("is it ok to stop atenolol all at once", "quit Xanax cold turkey"):
    only then is a page on stopping searched by its own words (on every question about stopping, "should she stop
    her daily aspirin?", a guideline on antidepressant discontinuation came first)."""
    return bool(_STOP_ASKED.search(question) and _AT_ONCE.search(question))
