"""Question analysis: what kind of question, which concepts (with synonyms), what verdict it calls for."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..text import CARE_ROLES, content_words, everyday_word, is_product_label, normalize, split_sentences, words
from .intent import intent_words, intents
from .support import stem, terms

QUESTION_TYPES = ("safety", "efficacy", "comparison", "dosing", "diagnosis", "prognosis", "definition")

_YES_NO = re.compile(
    r"^\s*(is|are|does|do|did|can|could|should|will|would|was|were|has|have|had|may|might|must)\b", re.I
)
_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "dosing",
        # "low-dose aspirin" names a drug, not a dose question
        re.compile(
            r"(?<![\w-])(dose|doses|dosing|dosage|how much|how many (mg|milligrams|tablets)|mg/kg|titrat"
            # "max toradol pills in a day?"
            r"|max(imum)? (?:[\w-]+ ){0,2}(pills|tablets|capsules|caplets|tabs)\b)",
            re.I,
        ),
    ),
    (
        "safety",
        re.compile(
            r"\b(safe|unsafe|dangerous|safety|ok|okay|combin\w*|together|concomitant|concurrent\w*|co-?administ\w*|"
            r"interact\w*|"
            r"contraindicat\w*|with\b.*\b(and|plus)\b|add(ed|ing)? .* to|during pregnancy|in pregnancy|harm\w*|"
            r"(taken|take|taking|given|used|combined|co-prescribed|prescribed) (together )?with|"
            # a consumer's "can i take naproxen with my blood thinner", "is it ok to use it while pregnant"
            r"\b(?:i|we|you|he|she|they|to)\s+(?:still\s+)?(take|use|mix)\s+(?:[\w-]+\s+){1,3}?(with|while|alongside)\b"
            r"(?!\s+(food|meals?|water|milk|juice)\b)|"
            # "can he keep taking the simvastatin while hes on it": whether it may go on beside something new
            r"\b(?:keep|continue|carry\s+on)\s+(?:taking|using|giving|on)\s+(?:[\w-]+\s+){1,3}?(?:with|while|alongside|during)\b|"
            # "can i take ...": whether the asker may, safely ("i have epilepsy, can i take metoclopramid")
            r"\b(can|could|may)\s+(i|we|you|he|she|they)\s+(still\s+|just\s+|safely\s+)?(take|use|have|give|rub|apply"
            r"|spray)\b|"
            # asked in a statement's word order: "I can give him the Pin-X liquid also?"
            r"^\s*(i|we|he|she|they)\s+(can|could|may)\s+(still\s+|just\s+)?(take|use|have|give)\b[^?]*\?\s*$|"
            # handling the tablet: "can i crush them into her yogurt", "can you split metoprolol"
            r"\b(can|could|may|should)\s+(i|we|you|he|she|they)\s+(crush|split|cut|chew|break|open)\b|"
            # the asker's own situation: "im 8 weeks pregnant ... can i just take one diflucan pill", "can i drink
            # beer on glipizide"
            r"\b(i'?m|i am|she'?s|she is|while|when|if)\s+(?:[\w-]+\s+){0,3}?(pregnant|breast-?feeding|nursing)\b|"
            r"\b(drink|drinking|have|having)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(alcohol|beers?|wine|drinks?)\s+"
            r"(on|with|while)\b|"
            # "It's fine, right?", "is it bad to leave the patch on for 3 days?"
            r"\b(?:is|it'?s|that'?s|be|was)\s+(?:it\s+|that\s+|this\s+)?(?:\w+\s+)?(?:fine|alright|all right|bad)\b|"
            r"\bbad (?:to|for|idea)\b|"
            r"risk of (bleeding|toxicity))",
            re.I,
        ),
    ),
    (
        "comparison",
        re.compile(
            r"\b(versus|vs\.?|compared (to|with)|better than|superior|inferior|"
            r"or\b(?! (more|less|greater|higher|lower|older|younger|fewer|above|below|over|under|equal|not)\b).*\?$)",
            re.I,
        ),
    ),
    (
        "diagnosis",
        re.compile(r"\b(diagnos\w*|screen\w*|test(ing)?|sensitivity|specificity|imaging|detect\w*)\b", re.I),
    ),
    (
        "prognosis",
        re.compile(r"\b(prognos\w*|predict\w*|survival|mortality|outcome|associated with|risk factor)", re.I),
    ),
    ("definition", re.compile(r"^\s*(what (is|are)|define|definition of|explain)\b", re.I)),
]

VERDICT_LABELS: dict[str, dict[str, str]] = {
    "safety": {"yes": "Generally Safe", "no": "Not Recommended"},
    "efficacy": {"yes": "Effective", "no": "No Clear Benefit"},
    "comparison": {"yes": "Supported by Evidence", "no": "Not Supported by Evidence"},
    "dosing": {"yes": "Dosing Guidance", "no": "Dosing Guidance"},
    "diagnosis": {"yes": "Useful", "no": "Not Useful"},
    "prognosis": {"yes": "Associated", "no": "No Clear Association"},
    "definition": {"yes": "Evidence Summary", "no": "Evidence Summary"},
}
RECOMMEND_WORDS = re.compile(r"\b(recommend\w*|indicated|first-line|preferred|should)\b", re.I)


def verdict_label(question_type: str, verdict: str, recommendation_style: bool = False) -> str:
    """Display label fitted to the question, e.g. safety + no -> 'Not Recommended'."""
    if verdict == "insufficient":
        return "Insufficient Evidence in Library"
    if verdict == "maybe":
        return "Evidence Inconclusive"
    if recommendation_style and question_type in ("efficacy", "comparison"):
        return "Recommended" if verdict == "yes" else "Not Recommended"
    return VERDICT_LABELS.get(question_type, VERDICT_LABELS["efficacy"])[verdict]


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    display: str
    kind: str
    synonyms: tuple[str, ...]
    classes: tuple[str, ...] = ()  # the drug classes it belongs to (names of other concepts: rivaroxaban -> DOAC)
    source: str = "lexicon"  # or "library": a name the library pairs with another (``aliases.library_aliases``)


@dataclass(slots=True)
class QuestionAnalysis:
    question: str
    question_type: str
    yes_no: bool
    concepts: list[Concept]
    terms: list[str]
    expansions: list[str] = field(default_factory=list)
    context: str = ""
    term_weights: dict[str, float] = field(default_factory=dict)  # stemmed term -> IDF in the library
    setting: list[str] = field(default_factory=list)  # metastatic, adjuvant, pregnancy... (``settings_of``)
    background: str = ""  # what the asker told besides the question ("I am 30 weeks pregnant."), conversation removed

    @property
    def asked(self) -> str:
        """What the question itself asks about: the question and the thread it follows; the background too when the
        question points back into it ("What is the purpose of this transfer?") or names a topic (a title)."""
        # The background is what is asked about when the question points back into it, or when it names the topic
        # (a title: "Mammographic screening in Sami municipalities. Are outcomes influenced by ethnicity?" has
        # several uncommon words); passing remarks ("My GP mentioned this last week") only inform.
        about = self.background and (_REFERS_BACK.search(self.question) or _names_a_topic(self.background))
        return " ".join(x for x in [self.question, self.background if about else "", self.context] if x)

    @property
    def told(self) -> str:
        """The question with its background: every word the asker gave that says what to look for."""
        return f"{self.question} {self.background}".strip()

    @property
    def search_text(self) -> str:
        """What retrieval searches for: the question, its context, and synonyms of its concepts."""
        if self.context and self.concepts:
            # A follow-up searches for what it is about now (its own and inherited concepts), not for everything
            # the previous question named: "what about with pertuzumab?" must not retrieve T-DM1 evidence.
            names = [c.name for c in self.concepts]
            return " ".join(x for x in [self.told, *names, *self.expansions] if x)
        return " ".join(x for x in [self.told, self.context, *self.expansions] if x)

    @property
    def alternatives(self) -> dict[str, frozenset[str]]:
        """For each stemmed word of a concept as the question names it, the stems of the concept's own name when
        the question uses another word for it ("kids" -> "children", "heart attack" -> "myocardial infarction"): the
        re-ranker counts a document naming the concept as covering the word."""
        out: dict[str, frozenset[str]] = {}
        for c in self.concepts:
            span = mention_span(self.told, c)
            if span is None:
                continue
            said = terms(self.told[span[0] : span[1]])
            alts = (terms(c.name) | terms(c.display)) - said
            if alts:
                for t in said:
                    out[t] = out.get(t, frozenset()) | alts
        # "throw up" is covered by a page on vomiting, "forgot my shot" by one on a missed dose.
        for said_words, implied in intents(self.told):
            for t in said_words:
                out[t] = out.get(t, frozenset()) | implied
        return out

    @property
    def frame(self) -> dict[str, object]:
        """The question frame: intervention(s), comparator, population/condition, setting and intent."""
        drugs = [c.display for c in self.concepts if c.kind in ("drug", "intervention", "test")]
        conds = [c.display for c in self.concepts if c.kind in ("condition", "population")]
        comparison = self.question_type == "comparison" and len(drugs) >= 2
        return {
            "interventions": drugs[:1] if comparison else drugs,
            "comparator": drugs[1] if comparison else None,
            "population": conds,
            "setting": list(self.setting),
            "intent": self.question_type,
            "yes_no": self.yes_no,
        }

    @property
    def retrieval_text(self) -> str:
        """The question (and what a follow-up inherits) without synonym expansion: ranked first, never pushed out."""
        if self.context and self.concepts:
            return " ".join([self.told, *(c.name for c in self.concepts)])
        # The words a page uses for what the wording implies ("stop it all at once": a warning on abrupt
        # discontinuation) are searched with the question, and so is the own name of a condition or population
        # the asker names in everyday words ("a glass of wine" -> alcohol, "my 6 yr old" -> children).
        return " ".join(x for x in [self.told, self.context, *intent_words(self.told), *self.plain_names] if x)

    @property
    def plain_names(self) -> list[str]:
        """The own name of each condition or population concept the question names by another word (its
        synonyms are not searched: one word for each, so the question's own words still rank first)."""
        out = []
        for c in self.concepts:
            if c.kind not in ("condition", "population"):
                continue
            span = mention_span(self.told, c)
            if span is None:
                continue
            surface = self.told[span[0] : span[1]]
            if _abbreviates(surface, c):
                continue  # an abbreviation ("uti", "COPD") is the pages' word too
            said = terms(surface)
            own = [w for w in content_words(c.name) if w.lower() not in _SITUATION_GENERIC]
            if own and not terms(" ".join(own)) <= said:
                out.append(" ".join(own))
        return out

    @property
    def topic(self) -> str:
        """Short topic for the article title, e.g. 'Tamoxifen with T-DM1'."""
        drugs = [c for c in self.concepts if c.kind in ("drug", "intervention", "test")]
        treatments = [c for c in drugs if c.kind != "test"]
        switch = switched(self.question, treatments[0], treatments[1]) if len(treatments) >= 2 else None
        if switch is not None:
            return f"Switching from {switch[0].display} to {switch[1].display}"
        if len(treatments) >= 2 and _STANDS_IN.search(self.question):
            return f"{_cap(treatments[0].display)} as an alternative to {treatments[1].display}"
        # "Ok to take both??" after the two are named in the background
        asked = self.told if re.search(r"\b(?:both|together|combination)\b", self.question, re.I) else self.question
        if len(treatments) >= 2 and _used_together(asked, treatments[0], treatments[1]):
            return f"{_cap(treatments[0].display)} with {treatments[1].display}"
        if len(treatments) >= 2 and treatments[1].kind == "intervention" and treatments[0].kind == "drug":
            return f"{_cap(treatments[0].display)} for {treatments[1].display}"
        if len(drugs) >= 2 and drugs[1].kind != "test" and _COMPARED.search(asked):
            return f"{_cap(drugs[0].display)} vs {drugs[1].display}"
        if len(drugs) >= 2 and " with " in self.question.lower() and drugs[1].kind != "test":
            return f"{_cap(drugs[0].display)} with {drugs[1].display}"
        if self.question_type == "comparison" and len(drugs) >= 2:
            return f"{_cap(drugs[0].display)} vs {drugs[1].display}"
        if drugs:
            conds = [c for c in self.concepts if c.kind in ("condition", "population")]
            conds = [c for c in conds if c not in excluded_concepts(self.told, conds)]
            if conds:
                return f"{_cap(drugs[0].display)} in {conds[0].display}"
            return _cap(drugs[0].display)
        if self.concepts:
            return _cap(self.concepts[0].display)
        return fallback_topic(self.question)


# A gestation written as clinicians write it, with no word for pregnancy: "10/40", "at 38 weeks", "a UTI at 30 wks"
# (second or third trimester: an earlier "at 6 weeks" is as often a review or a baby's age), not "38 weeks ago",
# "at 20 weeks old" or "at 14 weeks postpartum".
GESTATION = (
    r"(?<![\d/.])(?:[4-9]|[1-3]\d|4[0-2])/40\b|\bat\s+(?:1[3-9]|[23]\d|4[0-2])\s*(?:weeks?|wks?)\b"
    r"(?!'|\s+(?:ago|old|of\s+age|postpartum|post-?partum|after|later|since))"
)
_GESTATION = re.compile(GESTATION, re.I)
_CHILD = re.compile(r"\b(?:baby|babies|infants?|child|children|kids?|toddlers?|newborns?|neonat\w*|\w+-old)\b", re.I)


def written_as_pregnancy(text: str) -> str:
    """A gestation given without naming pregnancy ("a UTI at 38 weeks", "she's 10/40"), and no child named: the
    text with the pregnancy written out ("at 38 weeks of pregnancy"), so that every check sees the setting."""
    m = _GESTATION.search(text)
    if m is None or _CHILD.search(text) or re.search(r"(?<![\w-])pregnan|gestation", text, re.I):
        return text
    return f"{text[: m.end()]} of pregnancy{text[m.end() :]}"


_SETTINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bmetasta\w*|\badvanced\b|\bstage iv\b", re.I), "metastatic"),
    (re.compile(r"\b(neo)?adjuvant\b", re.I), "adjuvant"),
    (
        re.compile(r"(?<![\w-])pregnan\w*|\bbreast-?feeding|\blactat(?!e)\w*|" + GESTATION, re.I),
        "pregnancy or breastfeeding",
    ),
    (re.compile(r"\b(e?gfr|crcl|creatinine clearance|renal|kidney)\b", re.I), "renal function"),
    (re.compile(r"\b(hepatic|liver (disease|impairment|failure)|cirrhosis)\b", re.I), "hepatic function"),
    (re.compile(r"\b(children|child|paediatric|pediatric|infants?|neonat\w*)\b", re.I), "children"),
    (re.compile(r"\b(older adults|elderly|aged (65|70|75|80)|over (65|70|75|80))\b", re.I), "older adults"),
]


# Going over to another treatment: "should I go to Augmentin this time?", "move him onto bisoprolol".
GO_OVER = r"\b(?:go|goes|going|went|mov\w+|convert\w*)\s+(?:\w+\s+)?(?:over\s+)?(?:to|onto)\b"
_SWITCHED = re.compile(r"\b(switch\w*|instead|in place of|replac\w+|swap\w*|chang\w+|from)\b|" + GO_OVER, re.I)


def switched(question: str, a: Concept, b: Concept) -> tuple[Concept, Concept] | None:
    """(from, to) when the question changes one treatment for the other ("switching from Altace to Entresto", "a
    cough on Zestril - is switching her to Cozaar ...?"); None otherwise."""
    found = [(m.start(), m.end(), c) for c in (a, b) if (m := _concept_regex(c).search(question))]
    if len(found) < 2:
        return None
    (_, e1, first), (s2, _, second) = sorted(found, key=lambda x: x[0])
    if not re.search(r"\b(switch\w*|chang\w+|swap\w*|mov\w+)\b|" + GO_OVER, question, re.I):
        return None
    return (first, second) if re.search(r"\b(?:to|onto)\b", question[e1:s2], re.I) else None


_COMPARED = re.compile(r"\b(?:compared|comparison)\s+(?:with|to)\b", re.I)  # one set against the other


def _used_together(question: str, a: Concept, b: Concept) -> bool:
    """The question asks about ``a`` and ``b`` together ("X with Y", "X plus Y", "combine X and Y")."""
    spans = []
    for c in (a, b):
        m = _concept_regex(c).search(question)
        if not m:
            return False
        spans.append(m.span())
    (s1, e1), (s2, e2) = sorted(spans)
    between = question[e1:s2]
    if _SWITCHED.search(between):
        return False  # "a cough on Zestril - is switching her to Cozaar ...?" changes one for the other
    if _COMPARED.search(between) or re.search(r"\bversus\b|\bvs\b|\bthan\b", between, re.I):
        return False  # "a DOAC ... compared with warfarin": one against the other
    return bool(re.search(r"\b(with|plus|and|together|alongside|added to|to)\b", between, re.I)) or bool(
        re.search(r"\b(combin\w*|together|concomitant\w*|co-?administ\w*)\b", question, re.I)
    )


def settings_of(text: str) -> list[str]:
    """The settings a question names (metastatic vs adjuvant, pregnancy, renal function, children, ...)."""
    return [label for rx, label in _SETTINGS if rx.search(text)]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s and not s[:2].isupper() else s


_LEAD = re.compile(
    r"^\s*(is it (really |actually )?(true|correct|right|a fact|the case|a myth) that|"
    r"is it (safe|effective|appropriate|recommended|reasonable) to (use|give|take|start|prescribe)|"
    r"(is|are|does|do|did|can|could|should|will|would|was|were|has|have)( there)?( an?)?|what (is|are)( the)?|"
    r"how (do|does|should|is|are)|when (should|is)|which)\s+",
    re.I,
)


_AUX_VERB = re.compile(
    r"^(.+?) (be|being) (safely )?(combined|used|taken|given|co-?prescribed) (with|together with) ", re.I
)


def fallback_topic(question: str) -> str:
    """The question's own words as a topic ("IVIG dose in Kawasaki disease"), for titles without concepts."""
    q = _LEAD.sub("", normalize(question)).rstrip(" ?.!")
    q = re.sub(r"^(the|a|an)\s+", "", q, flags=re.I)
    q = _AUX_VERB.sub(r"\1 with ", q)  # "bosentan be combined with glibenclamide" -> "bosentan with glibenclamide"
    q = re.sub(r"\s+", " ", q)
    words = q.split()
    if len(words) > 9:
        q = " ".join(words[:9]) + "…"
    return _cap(q) if q else "Your question"


_COMBINATION = re.compile(r"([a-z]{4,})[-/]([a-z]{4,})")


def _combination_names(names: set[str]) -> set[str]:
    """A two-drug product named the way leaflets write it: "hydrocodone-acetaminophen" is also "hydrocodone and
    acetaminophen" (and "sulfamethoxazole and trimethoprim", either order)."""
    pairs = [m.groups() for n in names if (m := _COMBINATION.fullmatch(n))]
    return {f"{a} and {b}" for x, y in pairs for a, b in ((x, y), (y, x))}


@lru_cache(maxsize=1)
def lexicon() -> tuple[list[Concept], dict[str, Concept], re.Pattern[str] | None]:
    """Concepts from the packaged lexicon, a synonym -> concept map, and one regex matching any synonym."""
    try:
        raw = json.loads(resources.files("clinevidence.answer").joinpath("lexicon.json").read_text("utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        raw = {"concepts": []}
    concepts: list[Concept] = []
    by_syn: dict[str, Concept] = {}
    for item in raw.get("concepts", []):
        syns = {s.lower().strip() for s in [item["name"], item.get("display", ""), *item.get("synonyms", [])] if s}
        syns |= _combination_names(syns) if item.get("kind", "drug") == "drug" else set()
        c = Concept(
            item["name"],
            item.get("display") or item["name"],
            item.get("kind", "drug"),
            tuple(sorted(syns)),
            tuple(item.get("classes", [])),
        )
        concepts.append(c)
        for s in syns:
            by_syn.setdefault(s, c)
    if not by_syn:
        return concepts, by_syn, None
    alts = sorted(by_syn, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in alts) + r")(?:s|es)?(?![\w-])", re.I)
    return concepts, by_syn, pattern


@lru_cache(maxsize=4096)
def _concept_regex(concept: Concept) -> re.Pattern[str]:
    alts = sorted(concept.synonyms, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in alts) + r")(?:s|es)?(?![\w-])", re.I)


def classes_of(concept: Concept) -> list[Concept]:
    """The lexicon's concepts for the drug classes ``concept`` belongs to (rivaroxaban -> DOAC)."""
    by_name = {c.name: c for c in lexicon()[0]}
    return [by_name[n] for n in concept.classes if n in by_name]


def mentions_as_member(text: str, concept: Concept) -> bool:
    """``mentions``, or the text names a class the drug belongs to ("Warfarin rather than a DOAC" names
    rivaroxaban's class)."""
    return mentions(text, concept) or any(mentions(text, k) for k in classes_of(concept))


def distinct_drugs(concepts: list[Concept]) -> list[Concept]:
    """The drugs and interventions among ``concepts``, a class dropped when a member of it is named too ("come off
    omeprazole - should the PPI be stopped?" asks about one drug, not a combination)."""
    drugs = [c for c in concepts if c.kind in ("drug", "intervention")]
    return [c for c in drugs if not any(c.name in k.classes for k in drugs)]


def same_drug(a: Concept, b: Concept) -> bool:
    """One is the other, or a class the other belongs to (omeprazole and PPI): not two drugs of a combination."""
    return a == b or a.name in b.classes or b.name in a.classes


def is_label_of(title: str, drugs: Sequence[Concept]) -> bool:
    """The title is a product label's (``text.is_product_label``) for one of ``drugs``: its own page, which speaks of
    the product in every sentence."""
    return is_product_label(title) and any(mentions(title, c) for c in drugs)


def mentions(text: str, concept: Concept) -> bool:
    """Whole-word match of any of the concept's names, plural allowed ('valves'; 'mi' never matches 'minutes')."""
    return bool(_concept_regex(concept).search(text))


# Between two words of a name, a coordinated alternative: "heart failure with preserved [or mildly reduced] ejection
# fraction", "heart failure with [mildly reduced or] preserved ejection fraction", "type 1 [or type 2] diabetes".
_COORDINATED = r"(?:\s+(?:or|and)\s+[\w-]+(?:\s+[\w-]+){0,2}|\s+[\w-]+(?:\s+[\w-]+){0,2}\s+(?:or|and))?\s+"


@lru_cache(maxsize=4096)
def _coordinated_regex(concept: Concept) -> re.Pattern[str]:
    alts = sorted(concept.synonyms, key=len, reverse=True)
    joined = [_COORDINATED.join(re.escape(w) for w in a.split()) for a in alts]
    return re.compile(r"(?<![\w-])(" + "|".join(joined) + r")(?:s|es)?(?![\w-])", re.I)


def mentions_coordinated(text: str, concept: Concept) -> bool:
    """``mentions``, also when another alternative is coordinated inside the name: "heart failure with preserved or
    mildly reduced ejection fraction" names heart failure with preserved ejection fraction."""
    return mentions(text, concept) or bool(_coordinated_regex(concept).search(text))


def _abbreviates(surface: str, concept: Concept) -> bool:
    """``surface`` is an abbreviation of the concept: in capitals ("COPD"), or the initials of its name or of a
    synonym ("uti", "utis": urinary tract infection)."""
    if surface.isupper() and " " not in surface:
        return True
    short = surface.lower()
    short = short[:-1] if short.endswith("s") and len(short) > 2 else short
    if not short.isalpha():
        return False
    names = (concept.name, *concept.synonyms)
    return any(short == "".join(w[0] for w in re.split(r"[\s-]+", n.lower()) if w) for n in names)


def mention_span(text: str, concept: Concept) -> tuple[int, int] | None:
    """Where ``text`` first names ``concept`` (any synonym), or None."""
    m = _concept_regex(concept).search(text)
    return m.span() if m else None


# How a question asks, not what about: words of a situation that need no sentence naming them.
_SITUATION_GENERIC = frozenset(
    "given give giving used use using taken take taking safe safely okay ok patient patients person people someone "
    "cannot can't could would should still also".split()
)


def situation_words(question: str, concepts: list[Concept]) -> frozenset[str]:
    """Stems of the question's own situation: its content words outside its concepts and how it asks ("who cannot
    stay upright for 30 minutes"); empty when fewer than three, too little to tell a situation."""
    rest = question
    for c in concepts:
        rest = _concept_regex(c).sub(" ", rest)
    found = frozenset(stem(w) for w in content_words(rest) if w not in _SITUATION_GENERIC)
    return found if len(found) >= 3 else frozenset()


def states_situation(sentence: str, wanted: frozenset[str]) -> bool:
    """The sentence names the question's situation (``situation_words``): all of its words but one, three at least."""
    if not wanted:
        return False
    have = {stem(w) for w in content_words(sentence)}
    return len(wanted - have) <= 1 and len(wanted & have) >= 3


_MALE = re.compile(r"\b(men|man|males?|boys?|husbands?|fathers?|sons?|he|him|his)\b", re.I)
_FEMALE = re.compile(
    r"\b(women|woman|females?|girls?|wives|wife|mothers?|daughters?|she|her|hers|pregnan\w*|postmenopausal)\b", re.I
)


_EXCLUDING = re.compile(
    r"\b(?:without|with\s+no|(?:do|does|did)\s*(?:n't|not)\s+have|(?:has|have)\s+(?:no|not\s+got)|free\s+of|no\s+history\s+of|"
    r"(?:has|have|had)\s+never\s+(?:had|been\s+diagnosed\s+with)|never\s+had)"
    r"\s+(?P<x>(?:[\w'-]+\s*){1,8})"
    # a clinician's list of what the patient has not: "62M, no diabetes, no CKD", "(no valve disease)"
    r"|(?:^|[,;(]\s*)no\s+(?P<listed>[\w'-]+(?:\s+[\w'-]+){0,3}?)\s*(?=[,;.)]|$)",
    re.I,
)


def excluded_concepts(question: str, concepts: Sequence[Concept]) -> list[Concept]:
    """The concepts the question names only as excluded ("without heart failure", "who don't have diabetes", "62M,
    no diabetes, no CKD")."""
    return _named_only_in(_EXCLUDING, question, concepts)


def _named_only_in(rx: re.Pattern[str], question: str, concepts: Sequence[Concept]) -> list[Concept]:
    """The concepts named inside a match of ``rx`` (its last group that matched) and nowhere else in the question."""
    found = [c for m in rx.finditer(question) for c in concepts if mentions(m.group(m.lastindex or 0), c)]
    return [c for c in found if not mentions(rx.sub(" ", question), c)]


# (``polarity._ALREADY_ON`` reads the same words in a guideline's sentence, with "continue", and names no drug.)
_ALREADY_TAKING = re.compile(
    r"\b(?:already|currently|still|now)\s+(?:on|taking|takes|receiving|using)\s+(?P<x>(?:[\w'/-]+\s*){1,3})", re.I
)


_RECENT_DOSE = re.compile(
    r"\blast (?:dose|tablet|took)\b[^.;]{0,30}\b(?:ago|this morning|last night|today|yesterday)\b"
    r"|\b(?:took|taken|had)\b[^.;]{0,30}\b(?:\d+\s*(?:h|hrs?|hours?|mins?|minutes?) ago|this morning|last night)\b",
    re.I,
)


def named_in_question(analysis: QuestionAnalysis, concepts: Sequence[Concept]) -> list[Concept]:
    """The concepts the question itself names, not only what was told before it (a drug history: "DHx metformin,
    Actos, ramipril. OK to continue the pioglitazone?"); all of them when it names none. A drug of the history whose
    last dose is told as recent is still on board, so it counts ("DHx apixaban 5 mg bd for AF, last dose about 6 h
    ago. Can she have alteplase?")."""
    named = [c for c in concepts if mentions(analysis.question, c)]
    if not named:
        return list(concepts)
    told = [s for s in split_sentences(analysis.background) if _RECENT_DOSE.search(s)]
    return named + [c for c in concepts if c not in named and any(mentions(s, c) for s in told)]


# A drug history of this many medicines besides what the question names is the asker's regimen, not a partner.
REGIMEN = 3


# "I take amlodipine, losartan, furosemide and a baby aspirin": the sentence that tells what one takes.
_TAKES = re.compile(r"\b(?:i|he|she|they|mum|mom|dad)\s+(?:take|takes|am on|is on|are on|'m on|'s on)\b", re.I)


_WITH_THEM = re.compile(
    r"\b(?:with|together|alongside|along with|at the same time|mix\w*|combin\w*|add|adding|on top of|as well)\b", re.I
)


def _regimen_told(analysis: QuestionAnalysis) -> list[Concept]:
    """The medicines of a background sentence telling what the asker takes, when it lists at least ``REGIMEN`` and
    the question names no medicine ("... I take amlodipine, losartan, furosemide and a baby aspirin. Can I take this
    for the burning?": the medicine asked about is another, told elsewhere or unknown to the lexicon)."""
    if any(mentions(analysis.question, c) for c in analysis.concepts) or _WITH_THEM.search(analysis.question):
        return []  # "Is it ok to take with the water pill?", "Is it okay to add it?": asked with the regimen
    for sentence in split_sentences(analysis.background):
        if _TAKES.search(sentence):
            listed = [c for c in distinct_drugs(analysis.concepts) if mentions(sentence, c)]
            if len(listed) >= REGIMEN:
                return listed
    return []


def _regimen_split(analysis: QuestionAnalysis) -> tuple[list[Concept], bool]:
    """(the concepts the answer must be about, whether the background lists the asker's regimen)."""
    named = named_in_question(analysis, analysis.concepts)
    if len(named) == len(analysis.concepts):
        listed = _regimen_told(analysis)
        return ([c for c in analysis.concepts if c not in listed], True) if listed else (analysis.concepts, False)
    if len([c for c in distinct_drugs(analysis.concepts) if c not in named]) >= REGIMEN:
        return named, True
    return analysis.concepts, False


def lists_a_regimen(analysis: QuestionAnalysis) -> bool:
    """The background lists several medicines and the question names the one it asks about ("I take warfarin,
    metoprolol and atorvastatin. Is it OK to pack Pepto-Bismol?"), or names none and another is told apart from the
    list (``_regimen_told``)."""
    return _regimen_split(analysis)[1]


def asked_concepts(analysis: QuestionAnalysis) -> list[Concept]:
    """The concepts the answer must be about: all of them, less the asker's list of other medicines."""
    return _regimen_split(analysis)[0]


def already_taken(question: str, concepts: Sequence[Concept]) -> list[Concept]:
    """The treatments the question says the patient is already on ("HFpEF, already on dapagliflozin - should Entresto
    be added?"): what the question is about is the other one."""
    return _named_only_in(_ALREADY_TAKING, question, concepts)


def sex_of(text: str) -> str | None:
    """The one sex the text speaks of, "men" ("does he need to stop it?") or "women" ("in women"); else None."""
    male, female = bool(_MALE.search(text)), bool(_FEMALE.search(text))
    return "men" if male and not female else "women" if female and not male else None


# Short names that are everyday words unless written in capitals: "my linzess caps" are capsules and "a red light
# laser cap" a hat, not community-acquired pneumonia ("CXR-confirmed CAP" is).
_CAPITALS_ONLY = frozenset({"cap", "caps"})


_ECG_SEGMENT = re.compile(r"\b(?:ST|PR)(?:[- ]segment)?[- ]$")


def find_concepts(text: str) -> list[Concept]:
    _, by_syn, pattern = lexicon()
    if pattern is None:
        return []
    found: list[Concept] = []
    for m in pattern.finditer(text):
        if m.group(0).lower() in _CAPITALS_ONLY and not m.group(0).isupper():
            continue
        if _ECG_SEGMENT.search(text[max(0, m.start() - 12) : m.start()]):
            continue  # "ST depression V4-6" is an ECG finding, not the mood disorder
        c = by_syn[m.group(1).lower()]
        if c not in found:
            found.append(c)
    return found


# "Does taking paracetamol and ibuprofen together work better than just one?": how well, not whether it is safe
_WORKS_BETTER = re.compile(r"\b(?:works?|working)\s+better\b|\bmore\s+effective\b", re.I)


# "Is tenecteplase 0.25 mg/kg as a single bolus an acceptable alternative to alteplase?": whether one regimen may
# stand in for another, not what dose to give.
_STANDS_IN = re.compile(r"\b(?:an? )?(?:acceptable|accepted|suitable|reasonable|appropriate) alternative to\b", re.I)


def classify(question: str, skip: tuple[str, ...] = ()) -> str:
    for qtype, pattern in _RULES:
        if qtype not in skip and pattern.search(question):
            if qtype == "dosing" and _YES_NO.match(question) and _STANDS_IN.search(question):
                return "efficacy"
            return "efficacy" if qtype == "safety" and _WORKS_BETTER.search(question) else qtype
    return "efficacy"


# -- what a question asks, and what it only tells ------------------------------------------------------------
# "My mother was told about this by her doctor and we are worried. Is X safe in pregnancy?" asks the last
# sentence; the first is conversation. Conversation must neither steer retrieval nor dilute the coverage check,
# and "Sorry if this is silly, is X ...?" or "I was wondering whether X ..." still asks a yes/no question.
ASK_START = re.compile(
    r"^\s*(?:please\s+)?(is|are|does|do|did|can|could|should|will|would|was|were|has|have|had|may|might|must|what|"
    r"which|how|when|why|who|where|list|name|describe|explain|define|give|tell)\b",
    re.I,
)
_INDIRECT = re.compile(
    r"^\s*(?:i\s*(?:'m|am|was|were)?\s*(?:just\s+)?(?:wondering|want(?:ed)?\s+to\s+know|would\s+like\s+to\s+know|"
    r"'d\s+like\s+to\s+know|need\s+to\s+know|am\s+not\s+sure)|(?:can|could)\s+(?:you|someone|anyone)\s+"
    r"(?:please\s+)?(?:tell|explain\s+to)\s+me|please\s+(?:tell|explain\s+to)\s+me|do\s+you\s+know|"
    r"tell\s+me|i\s+(?:don't|do\s+not)\s+know)\s+(?:(if|whether)\s+)?",
    re.I,
)
_PERSONAL = re.compile(
    r"\b(i|i'm|i've|i'd|me|my|mine|we|our|us|you|your|hi|hello|hey|thanks|thank|sorry|please|anyone)\b", re.I
)
_DENIAL = re.compile(r"\b(no|not|never|none|nothing|cannot)\b|n't\b", re.I)
_REFERS_BACK = re.compile(r"\b(this|these|that|those|it|its|they|them|their|such|the same)\b", re.I)
_LEAD_SEP = re.compile(r"\s*(?:[,:;]|\s[-–—])\s+")


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Every word of every lexicon synonym: the domain's own vocabulary ("heart", "pain", "blood")."""
    return frozenset(w for c in lexicon()[0] for syn in c.synonyms for w in words(syn))


def _names_a_topic(text: str) -> bool:
    """At least two domain or uncommon words: a topic, not a passing remark."""
    vocab = _lexicon_words()
    return sum(1 for w in content_words(text) if w in vocab or not everyday_word(w, zipf=4.0)) >= 2


def is_lexicon_word(word: str) -> bool:
    """A word of some lexicon synonym (the domain's own vocabulary)."""
    return word in _lexicon_words()


def is_everyday(word: str) -> bool:
    """An everyday English word outside the domain vocabulary ("husband", "online"; not "heart" or "pain")."""
    return word in CARE_ROLES or (word not in _lexicon_words() and everyday_word(word))


def is_conversation(text: str) -> bool:
    """Talk about the asker that names nothing to look for: a personal word (I, my, we, thanks...), no lexicon
    concept, setting, number or denial, and only everyday English words ("My mother was told about this", "we are
    worried")."""
    if not text.strip() or re.search(r"\d", text) or find_concepts(text) or settings_of(text):
        return False
    if _DENIAL.search(text) or not _PERSONAL.search(text):
        # Conversation is about the asker ("my", "we", "thanks"); "The virus can survive on surfaces" is a claim
        # however everyday its words, and "No, it does not seem to matter" a claim's own denial.
        return False
    return all(w in _lexicon_words() or w in _CHAT_WORDS or everyday_word(w, zipf=4.0) for w in content_words(text))


# Everyday abbreviations and chat words rarer in written English than in messages ("my GP mentioned it").
_CHAT_WORDS = frozenset("gp gps dr doc docs ok okay pls plz thx btw fyi asap tia hubby mum mom".split())


# The asker introducing themselves before the question: "Pharmacist here", "Cardiology reg here", "ED nurse here -
# ...". It names who asks, not what to look for (no concept, setting or number).
_INTRO = re.compile(r"^\s*(?:[a-z][\w.'/-]*\s+){1,3}here\s*$", re.I)


def _introduces_asker(lead: str) -> bool:
    return bool(_INTRO.match(lead)) and not re.search(r"\d", lead) and not find_concepts(lead)


def _strip_lead(sentence: str) -> tuple[str, bool]:
    """Drop a conversational lead-in; returns (the question proper, whether an indirect yes/no lead was removed)."""
    s = sentence.strip()
    for _ in range(3):
        m = _INDIRECT.match(s)
        if m and m.end() < len(s):
            rest = s[m.end() :]
            return rest[:1].upper() + rest[1:], bool(m.group(1))
        cut = None
        for sep in _LEAD_SEP.finditer(s[:120]):
            if ASK_START.match(s[sep.end() :]) or _INDIRECT.match(s[sep.end() :]):
                cut = sep
                break
        if cut is None or not (is_conversation(s[: cut.start()]) or _introduces_asker(s[: cut.start()])):
            return s, False
        rest = s[cut.end() :]
        s = rest[:1].upper() + rest[1:]
    return s, False


# "had knee surgery monday.", "was on warfarin for years.": a statement with its "I" left out, not "Had you ...?"
_TOLD_START = re.compile(
    r"^\s*(?:had|has|have|was|were)\s+(?!(?:i|you|he|she|it|we|they|anyone|anybody|someone|somebody|there|the|this|"
    r"that|these|those|your|my|his|her|their|our)\b)",
    re.I,
)
# "..., can i start it back up now that im home": the question asked in a clause after what the asker tells
_CLAUSE_ASK = re.compile(
    r"(?:[,;:]|\s[-–—])\s*(?:so\s+|but\s+|and\s+)?(?:can|could|should|is|are|do|does|will|would|may)\s+"
    r"(?:i|we|he|she|they|you|it)\b",
    re.I,
)


def _asks(sentence: str) -> bool:
    """A sentence that asks: a question mark, a question word first (not a statement with its subject left out),
    or a question in a clause of its own."""
    s = sentence.rstrip()
    if s.endswith("?"):
        return True
    return bool(ASK_START.match(s) and not _TOLD_START.match(s)) or bool(_CLAUSE_ASK.search(s))


# "my husband cant swallow capsules anymore since his stroke, what are the options for his ramipril": what the asker
# tells, then a question of its own in a clause. The clause is the question and the telling its background, as for
# two sentences. Only a question word opens such a clause: after "i have epilepsy, can i take ..." or "... - is that
# ok for me?" the telling is the situation asked about (measured: splitting those cost consumer-meds-7 two verdicts
# and the clinician sets two).
_TOLD_THEN_ASK = re.compile(
    r"^(?P<told>[^,;?]{12,}?)\s*(?:[,;:]|\s[-–—])\s*(?P<ask>(?:so\s+|but\s+|and\s+)?(?:what|how|which)\s+(?:is|are|do"
    r"|does|can|should|would|will|long|much|many|often|dose)\b.*)$",
    re.I,
)


def _split_told(sentence: str) -> list[str]:
    """A sentence that tells, then asks in a clause, as the telling and the asking sentence."""
    m = _TOLD_THEN_ASK.match(sentence)
    if not m or _asks(m.group("told")) or _strip_lead(m.group("told"))[1]:
        return [sentence]
    told = m.group("told").strip()
    return [told if told.endswith((".", "!")) else told + ".", m.group("ask")[:1].upper() + m.group("ask")[1:]]


def focus_question(text: str) -> tuple[str, str, bool]:
    """(what is asked, the informative rest, whether it is an indirect yes/no question) of a user's question.

    Sentences that ask (a question mark, or a question word first) are the question; other sentences are kept as
    background when they name something (a drug, a condition, a setting, a number, an uncommon word) and dropped
    when they are conversation. Text with no asking sentence (a claim, a statement) is kept whole."""
    # People do not always capitalise: "... we are worried. is it safe?" is two sentences.
    sents = split_sentences(re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text))
    sents = [part for s in sents for part in _split_told(s)]
    if len(sents) <= 1:
        ask, indirect = _strip_lead(text)
        return ask, "", indirect
    parts = [_strip_lead(s) for s in sents]
    asking = [i for i, (s, ind) in enumerate(parts) if ind or _asks(s)]
    if not asking:  # a claim or statement: every sentence of it counts, conversation aside
        return " ".join(s for s in sents if not is_conversation(s)) or text, "", False
    ask = " ".join(parts[i][0] for i in asking)
    background = " ".join(s for i, s in enumerate(sents) if i not in asking and not is_conversation(s))
    return ask, background, parts[asking[0]][1]


# A yes/no question with its "should I" left out: "Stop it straight away?", "OK to start Nardil now?", "Safe to give
# it at 30 weeks?" (a verb of doing something to a treatment first, and a question mark).
_BARE_YES_NO = re.compile(
    r"^\s*(?:(?:ok|okay|alright|fine|safe|reasonable|worth)\s+to\s+[a-z]+|(?:stop|start|continue|switch|swap|"
    r"change|give|add|treat|hold|withhold|use|restart|resume|keep|prescribe|increase|reduce|wait|repeat|taper|"
    r"stay)\b(?!\s+of\b))[^?]*\?\s*$",
    re.I,
)


_BARE_PAIR = re.compile(r"^[^?]*\s(?:and|with|plus|\+|&)\s[^?]*\?\s*$", re.I)


def _asks_bare_pair(q: str, concepts: Sequence[Concept]) -> bool:
    """A medicine and another thing joined in a few words and asked ("robaxin and beer?", "tylenol with advil?")."""
    if not _BARE_PAIR.match(q) or ASK_START.match(q) or len(words(q)) > 6:
        return False
    return len(concepts) >= 2 and any(c.kind == "drug" for c in concepts)


# Whether what was told before holds, in a word or two: "heard on tiktok that IV drips cure a hangover. legit??",
# "... any truth to that?", "true or not?"
_CHECKS_TOLD = re.compile(
    r"^\W*(?:(?:is\s+(?:that|this|it)\s+)?(?:legit|true|real|right|correct|accurate|a\s+myth|fact\s+or\s+fiction"
    r"|true\s+or\s+(?:not|false))|any\s+truth\s+(?:to|in)\s+(?:that|this|it))\W*$",
    re.IGNORECASE,
)


# "... - Kadcyla rather than Enhertu for her?", "pantoprazole rather than omeprazole?": one treatment proposed in
# place of another, its "should it be" left out.
_BARE_CHOICE = re.compile(
    r"^\s*(?!(?:what|which|how|when|why|who|where)\b)[\w+/-]+(?:\s+[\w+/-]+){0,3}\s+"
    r"(?:rather than|instead of|in preference to)\s+[^?]*\?\s*$",
    re.I,
)


# A statement put for confirmation: "It's just one pill a day, so I can stop my inhalers now, correct?", "A little dab
# on a 10-month-old's gums is fine, right?".
_TAGGED = re.compile(
    r"^\s*(?!(?:what|which|how|when|why|who|where)\b)[^?]{8,},\s*"
    r"(?:right|correct|yes|ok|okay|true|isn't it|is that right|is that correct|am i right)\s*\?\s*$",
    re.I,
)


# A question asked in the word order of a statement: "I can give him the Pin-X liquid also?", "we should stop it?".
_DECLARATIVE_ASK = re.compile(
    r"^\s*(?:i|we|he|she|they)\s+(?:can|could|should|may|must|need to)\s+[a-z][^?]*\?\s*$", re.I
)


def _asks_yes_no(q: str) -> bool:
    """A yes/no question, also after a lead that names the situation: "Switching from Altace to Entresto: can the
    first dose ...?", "Pharmacist here - is Nexium ...?", "COPD pt on LABA/ICS, eos 350 - should I ...?", and one
    with its "should I" left out ("Stop it straight away?")."""
    if _YES_NO.match(q) or _BARE_YES_NO.match(q) or _CHECKS_TOLD.match(q) or _BARE_CHOICE.match(q):
        return True
    if _TAGGED.match(q) or _DECLARATIVE_ASK.match(q):
        return True
    return any(
        _YES_NO.match(q[sep.end() :]) or _BARE_YES_NO.match(q[sep.end() :]) or _BARE_CHOICE.match(q[sep.end() :])
        for sep in _LEAD_SEP.finditer(q[:160])
    )


def _expansions(concepts: list[Concept], lowered: str, limit: int = 12) -> list[str]:
    """Synonyms retrieval adds for the question's concepts, at most ``limit``: each concept's own name first, then
    the concepts' synonyms in turn, so that one concept with many names (a drug class with its members and brands)
    does not use up the budget and leave the next one unsearched ("Switching from Altace to Entresto" must search
    for sacubitril-valsartan, not only for twelve ACE inhibitors)."""
    queues = [list(dict.fromkeys([c.name.lower(), *c.synonyms])) for c in concepts]
    out: list[str] = []
    while len(out) < limit and any(queues):
        for queue in queues:
            while queue:
                s = queue.pop(0)
                if s not in lowered and s not in out:
                    out.append(s)
                    break
            if len(out) >= limit:
                break
    return out


def analyze(question: str, context: str = "", extra: Sequence[Concept] = ()) -> QuestionAnalysis:
    """Analyse a question; ``context`` is the previous question of a follow-up thread; ``extra``: concepts found
    elsewhere than in the lexicon (names the library pairs, ``aliases.library_aliases``)."""
    q, background, indirect = focus_question(written_as_pregnancy(normalize(question)))
    told = f"{q} {background}".strip()
    # A concept the library widened (more names for it) replaces the lexicon's.
    widened = {c.name: c for c in extra}
    concepts = [widened.pop(c.name, c) for c in find_concepts(told)]
    concepts += [c for c in widened.values() if c not in concepts and mentions(told, c)]
    qtype = classify(q)
    if qtype == "efficacy" and background:
        # A rate told in the history ("noradrenaline titrated up to 0.3 mcg/kg/min ... Should we start IV
        # hydrocortisone?") does not make it a dose question unless the question points back at it.
        qtype = classify(told, skip=() if _REFERS_BACK.search(q) else ("dosing",))
    bare_pair = _asks_bare_pair(q, concepts)
    if bare_pair:
        qtype = "safety"  # "robaxin and beer?": whether the two go together
    ctx = ""
    if context:
        prev = find_concepts(context)
        # A follow-up ("what about with pertuzumab?") inherits what it does not restate.
        if _is_elliptical(q, concepts):
            ctx = normalize(context)
            if qtype == "efficacy":
                qtype = classify(context)
            merged = list(concepts)
            drugs_now = [c for c in concepts if c.kind in ("drug", "intervention")]
            for c in prev:
                if c in merged:
                    continue
                if c.kind in ("drug", "intervention") and drugs_now and qtype == "safety":
                    merged.insert(0, c)  # keep the anchor drug first: "tamoxifen with pertuzumab"
                    drugs_now = []
                elif c.kind not in ("drug", "intervention"):
                    merged.append(c)
            concepts = merged
    expansions = _expansions(concepts, (told + " " + ctx).lower())
    return QuestionAnalysis(
        question=q,
        question_type=qtype,
        yes_no=_asks_yes_no(q) or indirect or qtype == "safety" or bare_pair,
        concepts=concepts,
        terms=content_words(told),
        expansions=expansions,
        context=ctx,
        setting=settings_of(told + " " + ctx),
        background=background,
    )


_ELLIPSIS = re.compile(
    r"^\s*(and|what about|how about|and what about|what if|also|same for|then)\b|\b(it|that|this|them)\b",
    re.I,
)


def _is_elliptical(question: str, concepts: list[Concept]) -> bool:
    return bool(_ELLIPSIS.search(question)) or len(content_words(question)) <= 3 or not concepts
