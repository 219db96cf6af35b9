"""The ask pipeline: safety rules, question analysis, retrieval, an engine, grounding, the receipt."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from .. import __version__
from ..library.store import Library, StoredDocument
from ..retrieval.priors import NO_PRIORS, Priors
from ..retrieval.rerank import Reranker
from ..retrieval.search import Evidence, Retriever, dense_options
from ..retrieval.spelling import correct_spelling
from ..settings import Settings
from ..text import (
    CARE_ROLES,
    DRUG_STEM,
    NEED_TO,
    NOTE_HEADINGS,
    NOTE_WORDS,
    STOP_WORDS,
    content_words,
    everyday_word,
    is_product_label,
    normalize,
    split_sentences,
)
from .aliases import library_aliases
from .audience import render_answer
from .draft import Draft, finalize
from .extractive import ExtractiveEngine, closest_topics
from .intent import intent_wording
from .models import DISCLAIMERS, Answer, Audience, Receipt, Verdict
from .question import (
    Concept,
    QuestionAnalysis,
    _concept_regex,
    already_taken,
    analyze,
    asked_concepts,
    classes_of,
    distinct_drugs,
    excluded_concepts,
    fallback_topic,
    find_concepts,
    is_everyday,
    is_label_of,
    is_lexicon_word,
    lexicon,
    lists_a_regimen,
    mention_span,
    mentions,
    mentions_as_member,
    mentions_coordinated,
    named_in_question,
    situation_words,
    states_situation,
)
from .recommendation import (
    SIDE_EFFECT_LABELS,
    asks_either_or,
    asks_side_effect,
    comparison_winner,
    display_label,
    named_choice,
    outcome_words,
    recommend,
    side_effect_verdict,
    threshold_applies,
    title_for,
    word_stems,
)
from .safety import check_question
from .screening import ScreenReport, screen_evidence
from .support import stem


class Engine(Protocol):
    name: str
    version: str

    def draft(self, analysis: QuestionAnalysis, evidence: Evidence, audience: Audience) -> Draft: ...


_IS_IT_NORMAL = re.compile(r"\bis\s+(?:it|that|this)\s+(?:normal|expected)\b", re.I)
_NEED_TO = re.compile(NEED_TO, re.I)


def _label_type(analysis: QuestionAnalysis) -> str:
    """The question type the label speaks to: "Generally Safe" only when safety is asked; an intervention's effect
    on an outcome ("Do SGLT2 inhibitors reduce mortality?") is efficacy, not association."""
    qtype = analysis.question_type
    treats = any(c.kind in ("drug", "intervention") for c in analysis.concepts)
    if qtype == "safety" and not re.search(
        # the asker's "can i take ... with", "is it ok": whether it is safe for them, not a recommendation
        r"\b(safe|safely|safety|unsafe|harm\w*|risk\w*|ok|okay|(can|could|may)\s+(i|we|you|he|she|they|my\s+\w+)|"
        r"(can|could|may)\s+[\w-]+\s+be\s+(taken|used|given|mixed)|while\s+(\w+\s+)?(pregnant|breast-?feeding|nursing))\b",
        analysis.question,
        re.I,
    ):
        return "recommendation"
    if qtype == "prognosis" and treats:
        return "efficacy"
    if qtype == "efficacy" and _NEED_TO.search(analysis.question):
        return "recommendation"  # "do i need to use condoms now": whether to do it, not whether it works
    if qtype == "efficacy" and _IS_IT_NORMAL.search(analysis.question):
        return "safety"  # "found a whole pill in the toilet, is that normal": whether it is harmless
    return qtype


# A word of what is asked that the library has never seen, nor any word like it, and that is rarer in English than
# this (Zipf; "pericarditis" 1.9, "lupus" 3.2), names a topic the library does not cover. Measured over the dev
# questions whose answers are in their library: PubMedQA 4/500 such questions, MedQuAD 0/14,361, SciFact 57/809
# (30 of them NOT_ENOUGH_INFO claims); fresh uncovered clinician questions on the starter library 7/10 -> 9/10.
UNKNOWN_TOPIC_ZIPF = 3.0
# An everyday describing word ("scratchy", "chesty", "chewy", "nibbling") is the reader's wording, not a topic, down
# to this Zipf. Only adjectives in -y and verbs in -ing: a plain noun can be the topic ("stent" 2.6), and a word
# shaped like a medical term (Greek and Latin endings of diseases, drugs and procedures) keeps the stricter bar
# above ("nephritis" 2.1, "pericarditis" 1.9).
PLAIN_WORD_ZIPF = 2.0
_DESCRIBING = re.compile(r"[a-z]{3}(?:[^aeiou]y|ing)$")
_MEDICAL_SHAPE = re.compile(
    r"(?:itis|osis|oses|aemia|emia|oma|omas|pathy|ectomy|otomy|ostomy|plasty|algia|uria|penia|plasia|trophy|scopy"
    r"|graphy|gram|logy|ism|iasis|cele|rrhea|rrhoea|philia|phobia|genic|ase|ine|ide|ol|one|mab|nib|vir|zole|cillin"
    r"|mycin|cycline|statin|pril|sartan|olol|dipine|azepam|tide|gliptin|flozin|parin|xaban|tinib|umab|ximab|zumab)$"
)


# A clinical note: an age-sex shorthand ("23F"), a note's heading ("PMHx"), a dosing or work-up abbreviation, a
# duration in days, weeks, months or gestation ("2/52", "28/40").
_CLINICAL_NOTE = re.compile(
    r"\b\d{1,3}\s?[mf]\b|\b(?:" + "|".join(sorted(NOTE_HEADINGS)) + r"|pt|o/e|c/o|r/v|obs|naat|bd|tds|qds|od)\b"
    r"|\b\d+/(?:7|52|12|40)\b",
    re.I,
)


def _passing_word(word: str) -> bool:
    """A word of what the asker tells besides the question that is no topic of its own: in English down to
    ``PLAIN_WORD_ZIPF`` and not shaped like a medical term ("saw it all over tiktok", "my grandad thinks hes too old",
    "watches too much peppa pig"); the question's own words keep the stricter bar ("stent", "kombucha")."""
    return everyday_word(word, zipf=PLAIN_WORD_ZIPF) and not _MEDICAL_SHAPE.search(word)


def _brand_words(text: str) -> set[str]:
    """A maker's or brand's name written before a medicine the lexicon knows ("a salonpas lidocaine patch", "my
    kirkland ibuprofen"): the medicine is the topic, the word before it only whose product it is."""
    low = text.lower()
    out = set()
    for c in find_concepts(low):
        if c.kind != "drug":
            continue
        for m in _concept_regex(c).finditer(low):
            before = re.search(r"\b([a-z][a-z'-]{3,})\s+$", low[: m.start()])
            if before and not _MEDICAL_SHAPE.search(before.group(1)):
                out.add(before.group(1))
    return out


def _plain_word(word: str) -> bool:
    """An everyday describing word of English by its frequency and form, not shaped like a medical term."""
    return (
        bool(_DESCRIBING.search(word)) and not _MEDICAL_SHAPE.search(word) and everyday_word(word, zipf=PLAIN_WORD_ZIPF)
    )


LONG_MESSAGE = 10
EVERYDAY_WEIGHT = 1.5  # the IDF of a term in about a fifth of a library's documents
# Release forms written after a drug's name ("metformin er", "Toprol XL", "Wellbutrin SR").
_FORMULATIONS = frozenset("er xr sr xl la cr dr ir ec cd odt xt".split())
# "Does X help ...?", "Is X effective ...?", "Can X prevent ...?": X is what the question asks about.
_SUBJECT = re.compile(
    r"^\s*(?:does|do|did|can|could|will|would|may|might|is|are)\s+(?:taking\s+|using\s+)?(?P<x>[\w-]+(?:\s[\w-]+)?)\s+"
    r"(?:really\s+)?(?:help\w*|work\w*|reduc\w+|prevent\w*|cure\w*|treat\w*|improv\w+|shorten\w*|reliev\w+|"
    r"lower\w*|ease\w*|effective|beneficial|useful)\b",
    re.IGNORECASE,
)


_PERMISSION = re.compile(
    r"\b(?:can|could|may|should|is\s+it\s+(?:ok|okay|safe|alright|fine))\b.*\b(?:take|taking|give|giving|use|using|"
    r"have|having|prescribe|prescribing)\b",
    re.I,
)
_PURPOSE = re.compile(r"\bfor\s+(?:a|an|the|my|his|her|their|your|some|this)?\s*$", re.I)


# Someone already on a medicine for something: "on topiramate for migraines and I keep forgetting words", "started
# on Eliquis for afib". What it is taken for is then background, whatever is asked ("is that the med?").
_ON_IT_FOR = re.compile(
    r"\b(?:on|taking|started(?:\s+on)?|prescribed(?:\s+(?:me|him|her|them|us))?|given|gave\s+(?:me|him|her|them|us)"
    r"|called\s+in)\s+(?:my\s+|his\s+|her\s+|the\s+)?"
    r"(?P<drug>[\w-]+(?:\s+[\w-]+){0,2})\s+for\s+(?:a|an|the|my|his|her|their|your|some|this)?\s*$",
    re.I,
)


# The asker's own child named as who takes the medicine ("my toddler yelped", "in my kid's poop", "for my 4 year
# old"): who it is, not a setting the question asks the medicine in, unless it asks whether or how much it may be
# given (safety, dosing).
_OWN_CHILD = re.compile(
    r"\b(my|our)\s+(?:\w+\s+){0,2}?(kids?|son|daughter|toddler|baby|child|children|little one|"
    r"\d+\s*(?:-|\s)?(?:yr|year|month|mo|wk|week)s?(?:-|\s)?old|\d+\s*yo)\b",
    re.I,
)


def _own_child(analysis: QuestionAnalysis, concept: Concept) -> bool:
    """The asker's own child, who is not the patient: told beside what is asked ("my son ..., how long ..."), or the
    baby being breastfed by the mother who would take the medicine ("breastfeeding my 3 month old. dr wants me on
    bentyl")."""
    if concept.name != "children" or _OWN_CHILD.search(analysis.told) is None:
        return False
    nursing = any(c.name == "breastfeeding" for c in analysis.concepts)
    return nursing or analysis.question_type not in ("safety", "dosing")


def _indication(question: str, concept: Concept) -> bool:
    """The question names ``concept`` as what a treatment is taken for, and asks whether it may be taken ("can my
    doctor give me tramadol for back pain") or tells that it is being taken ("on Eliquis for afib, can I ...")."""
    span = mention_span(question, concept)
    if span is None:
        return False
    before = question[: span[0]]
    if _PERMISSION.search(question) and _PURPOSE.search(before):
        return True
    on = _ON_IT_FOR.search(before)
    return on is not None and any(c.kind == "drug" for c in find_concepts(on.group("drug")))


def _regimen_words(analysis: QuestionAnalysis) -> set[str]:
    """The words of the asker's list of other medicines (``question.lists_a_regimen``) the question does not name."""
    if not lists_a_regimen(analysis):
        return set()
    named = asked_concepts(analysis)
    names = {w for c in analysis.concepts if c not in named for syn in c.synonyms for w in syn.lower().split()}
    asked = set(content_words(analysis.question))
    return {w for w in content_words(analysis.background) if w not in asked and (w in names or DRUG_STEM.fullmatch(w))}


def _names_together(
    doc: StoredDocument,
    treatments: list[Concept],
    where: list[Concept],
    about: str,
    compared: list[Concept],
    by_class: bool = True,
) -> bool:
    """Each condition and population is named together with one of the treatments (both, when the question compares
    two) in some sentence of the document, or in what the whole document is about (its title and subject headings).
    "Screening for asymptomatic bacteriuria is recommended in pregnancy" in a nitrofurantoin document does not speak
    to nitrofurantoin in pregnancy, nor "aspirin is recommended for secondary prevention after ischaemic stroke" to
    clopidogrel against aspirin. Two settings need not share one sentence: "aspirin in older adults" and "aspirin
    for primary prevention of cardiovascular disease" may be stated apart."""
    pending = [c for c in where if not mentions(about, c)]  # what the document is about needs no sentence
    sentences = [sent for sec in doc.sections for sent in split_sentences(sec.text)]
    # A product's label ("XYZAL ALLERGY 24HR (levocetirizine ...) - Drug Facts": "If pregnant ..., ask a health
    # professional before use") speaks of the product in every sentence.
    its_page = not compared and is_label_of(doc.title, treatments)
    for sent in sentences:
        named = its_page or (
            all(mentions(sent, c) for c in compared)
            if compared
            else any(mentions(sent, c) or by_class and _class_alone(sent, c) for c in treatments)
        )
        if not named:
            continue
        pending = [c for c in pending if not _loosely_names(sent, c)]
        if not pending:
            return True
    return False


def _states_the_situation(
    question: str, treatments: list[Concept], concepts: list[Concept], evidence: Evidence
) -> bool:
    """Some sentence naming the treatment states the question's own situation (``question.states_situation``:
    "Can Fosamax be given to an elderly patient who cannot stay upright for 30 minutes?" / "... contraindicated in
    patients ... who cannot stay upright for at least 30 minutes"). The population the question also names
    ("elderly") is then how the patient is described, not a setting to meet."""
    wanted = situation_words(question, concepts)
    if not wanted:
        return False
    return any(
        states_situation(sent, wanted) and any(mentions(sent, c) for c in treatments)
        for rd in evidence.documents
        for sec in rd.doc.sections
        for sent in split_sentences(sec.text)
    )


# "contraindicated with PDE5 inhibitors", "added to an ACE inhibitor": a class named as a combination partner.
_PARTNER = re.compile(r"\b(with|plus|and|alongside|added to|to)\s+(an?\s+|the\s+)?$", re.I)


def _class_alone(sentence: str, concept: Concept) -> bool:
    """The sentence names a class the drug belongs to, and not as another drug's combination partner: "Warfarin
    rather than a DOAC is recommended for ... a mechanical heart valve" speaks of apixaban there; "Riociguat, used for
    pulmonary hypertension, is contraindicated with PDE5 inhibitors" says nothing of sildenafil for it."""
    for k in classes_of(concept):
        m = _concept_regex(k).search(sentence)
        if m is not None and not _PARTNER.search(sentence[: m.start()]):
            return True
    return False


def _loosely_names(sentence: str, concept: Concept) -> bool:
    """The sentence names the concept, or the uncommon word of its name ("cardiovascular events" for cardiovascular
    disease, a phrasing the lexicon lacks): the pair rule must not abstain on a synonym gap."""
    if mentions(sentence, concept) or any(mentions(sentence, k) for k in classes_of(concept)):
        return True  # or by its class: a previous MI is cardiovascular disease
    words = {stem(w.lower()) for w in content_words(sentence)}
    return any(stem(w.lower()) in words for w in content_words(concept.name) if not everyday_word(w.lower()))


# "X cancer", "X syndrome": a condition named by a qualifier the library has never seen ("colorectal cancer",
# "Brugada syndrome") is a topic it does not cover, however common the word is in English.
_DISEASE_HEAD = re.compile(
    r"\b([a-z][a-z-]{3,})\s+(?:cancers?|carcinomas?|tumou?rs?|disease|syndrome|infections?|failure|arthritis|ulcers?|"
    r"ana?emia|lymphoma|leuka?emia|hypertension|neuropathy|dermatitis|depression|disorders?)\b",
    re.I,
)
# "HPV vaccine", "shingles jab": a vaccine named by a qualifier the library has never seen is one it does not cover,
# whatever it says of other vaccines (names this short are abbreviations, so three letters suffice).
_VACCINE_HEAD = re.compile(
    r"(?<![\w-])([a-z][a-z0-9-]{2,})\s+(?:vaccines?|vaccinations?|jabs?|shots?|immuni[sz]ations?)\b", re.I
)
# A kidney function value: "creatinine clearance is 20 mL/min", "eGFR of 25", "CrCl 28".
_KIDNEY_VALUE = re.compile(
    r"\b(?:e?gfr|crcl|creatinine clearance)\b(?:\s+(?:is|of|at|around|about|was|=|:|<|>|below|under|above|over)){0,2}"
    r"\s*\d+(?:\.\d+)?(?:\s*mls?/min(?:/[\d.]+)?)?",
    re.I,
)
# Modifiers of a condition that do not name which one ("severe infection", "chronic disease").
_MODIFIERS = frozenset(
    "acute chronic severe mild moderate serious advanced early late metastatic recurrent active new existing "
    "established known underlying worsening stable unstable significant major minor primary secondary".split()
)
# "without X", "who don't have X or Y", "no X": conditions the question excludes (up to a few words on).
# A dose: an amount with its unit ("15 mg/kg", "2 to 3 g per day", "400 micrograms").
_DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|micrograms?|µg|ug|ml|mL|units?|iu|IU)(?:/kg)?\b", re.I)
# A question asking for a dose ("what dose", "how much"); "low-dose aspirin" only names a drug.
_DOSE_ASKED = re.compile(r"(?<![\w-])(?:dose|doses|dosing|dosage)\b|\bhow (?:much|many)\b|mg/kg", re.I)
_MEN = re.compile(r"\b(men|man|males?|boys?)\b", re.I)
_ASKS = re.compile(r"^\s*(?:does|do|did|can|could|will|would|is|are|may|might|should|has|have)\b", re.I)
# A word right after a number is its unit ("52 mmHg", "40 mcg"): however the library spells it ("mm Hg"), it names
# no topic the library lacks.
_UNIT = re.compile(r"\d(?:[.,]\d+)?\s*([a-zµ]+)\b", re.I)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_TYPO_WORD = re.compile(r"(?<![\w-])[a-z]{5,}(?![\w-])", re.I)
_CLIPPED_WORD = re.compile(r"(?<![\w-])[a-z]{3,}(?![\w-])", re.I)


def _unclip_names(question: str, fixes: dict[str, str]) -> str:
    """The question with a medicine's name that it clips after naming it in full written out ("day 4 on minocycline
    100mg ... is it the mino??"); each fix is added to ``fixes``. A clipped word is no word of English or of the
    lexicon, and the start of exactly one full name of the question."""
    words = {m.group(0).lower() for m in _CLIPPED_WORD.finditer(question)}
    names = [w for w in words if len(w) >= 6 and is_lexicon_word(w)]
    own: dict[str, str] = {}
    for w in words - set(names):
        if is_lexicon_word(w) or everyday_word(w, zipf=UNKNOWN_TOPIC_ZIPF):
            continue
        full = [n for n in names if n.startswith(w) and len(n) >= len(w) + 3]
        if len(full) == 1:
            own[w] = full[0]
    return _replace_words(question, own, fixes)


def _replace_words(question: str, own: dict[str, str], fixes: dict[str, str]) -> str:
    """The question with each whole word of ``own`` (lower case) replaced by its value; the fixes join ``fixes``."""
    if not own:
        return question
    fixes.update(own)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in own) + r")(?![\w-])", re.I)
    return pattern.sub(lambda m: own[m.group(1).lower()], question)


# A typo of an everyday word ("increse" for "increase") is corrected to one this common in English (Zipf) that the
# library uses; the index's stems can put it two edits away ("increse" / "increas"), out of the spelling step's reach.
EVERYDAY_TYPO_ZIPF = 4.0
# Both halves of a closed compound this common in English ("mega" + "dose") make an everyday word, not a topic name.
COMPOUND_PART_ZIPF = 3.5


def _units(text: str) -> set[str]:
    """The words of ``text`` that follow a number: its units ("mmhg" in "a PaO2 of 52 mmHg")."""
    return {m.group(1).lower() for m in _UNIT.finditer(text)}


# "..., not pregnant", "who is not diabetic", "she's not pregnant": a description of the patient.
_NOT_DESCRIBED = re.compile(
    r"(?P<lead>(?:,|\band|\b(?:who|she|he|they)(?:'s|'re|\s+is|\s+are))\s+)not\s+(?P<x>[a-z]{4,})\b", re.I
)
_INFLECTIONS = ("es", "s", "ing", "ed", "d")


def _everyday_inflection(word: str) -> bool:
    """An inflected form of an everyday word ("pees", "itches", "puking"): lay wording of a symptom, not the name of
    a topic the library lacks, though the form itself is rare in English."""
    low = word.lower()
    for suffix in _INFLECTIONS:
        base = low[: -len(suffix)]
        if not low.endswith(suffix) or len(base) < 3:
            continue
        if any(everyday_word(b, zipf=UNKNOWN_TOPIC_ZIPF) for b in (base, base + "e")):
            return True
    return False


def _edits1(word: str) -> set[str]:
    """Every string one edit (deletion, transposition, substitution, insertion) from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + ch + b[1:] for a, b in splits if b for ch in _LETTERS),
        *(a + ch + b for a, b in splits for ch in _LETTERS),
    }


_WOMEN = re.compile(r"\b(women|woman|females?|girls?|postmenopausal|pregnan\w*|mothers?)\b", re.I)


def _names_all(doc: StoredDocument, drugs: list[Concept]) -> bool:
    text = " ".join([doc.title, *(s.text for s in doc.sections), *doc.mesh])
    return all(mentions_as_member(text, c) for c in drugs)


def _drugs_named(analysis: QuestionAnalysis) -> Callable[[StoredDocument], bool] | None:
    """Documents naming every treatment the question asks about go first (``Retriever.evidence(prefer=...)``).

    Two treatments ("Imitrex while on Effexor XR?"): a page on one of them sharing the question's other words
    ("migraines", "XR") answers another question. One ("left my son's tamiflu liquid on the counter all night"): a
    page on another medicine sharing the asker's everyday words ("left", "counter") is no answer, and the re-ranker,
    which weighs those words, put the Tamiflu storage page ninth."""
    drugs = distinct_drugs(analysis.concepts)
    if not drugs:
        return None
    # Drinking on a medicine ("robaxin and beer?"): the page naming the medicine and alcohol answers it, not the
    # medicine's dosing label.
    drugs += _taken_with(analysis)
    return lambda doc: _names_all(doc, drugs)


_TAKEN_WITH = frozenset({"alcohol use"})  # lexicon concepts that are taken with a medicine, like another medicine


def _taken_with(analysis: QuestionAnalysis) -> list[Concept]:
    """What a safety question asks to take with its medicine besides medicines (alcohol)."""
    if analysis.question_type != "safety":
        return []
    return [c for c in analysis.concepts if c.name in _TAKEN_WITH]


_NAME_WORD = re.compile(r"[A-Za-z][\w-]*[A-Za-z]")


def _product_topic(analysis: QuestionAnalysis, answer: Answer, doc_id: str) -> str:
    """For a question naming no treatment the lexicon knows ("Vicks VapoRub on an 18-month-old's chest"), the
    product's name as the question spells it when the deciding page's title names it too: "Vicks VapoRub in
    children", not "Children". "" otherwise."""
    if not doc_id or analysis.question_type != "safety":
        return ""  # a consumer's safety question on a product; a research question keeps its topic
    if any(c.kind in ("drug", "intervention", "test") for c in analysis.concepts):
        return ""
    ref = next((r for r in answer.references if r.doc_id == doc_id), None)
    if ref is None:
        return ""
    in_title = {w.lower() for w in _NAME_WORD.findall(ref.title)}
    label = is_product_label(ref.title)
    run: list[str] = []
    for w in _NAME_WORD.findall(analysis.told):
        # a brand name: capitalised as the asker writes it, or any spelling of a word of the product label's title
        if w.lower() in in_title and len(w) > 3 and not is_everyday(w.lower()) and (label or not w.islower()):
            run.append(w if not w.islower() else w.capitalize())
        elif run:
            break
    if not run:
        return ""
    where = [c for c in analysis.concepts if c.kind in ("population", "condition")]
    return f"{' '.join(run)} in {where[0].display}" if where else " ".join(run)


def _unmet_pair(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
    """The two treatments of a question on taking them together ("Can amlodipine be taken with calcium
    supplements?") when no retrieved document names both: a guideline against calcium supplements for fracture
    prevention says nothing about amlodipine. Only for questions on safety together: "Can alteplase be given to a
    patient on warfarin with INR 2.5?" is answered by a guideline on thrombolysis under anticoagulation. The
    evidence comes ordered by ``_drugs_named``: a document naming both would be first."""
    drugs = distinct_drugs(analysis.concepts)
    # the drugs the question itself names, not the drug history told before it ("DHx bisoprolol, GTN spray. Is
    # tadalafil contraindicated for him?")
    asked = asked_concepts(analysis)  # less a regimen the asker lists
    drugs = named_in_question(analysis, [c for c in drugs if c in asked] or drugs)
    if len(drugs) < 2 or analysis.question_type != "safety" or not evidence.documents:
        return []
    return [] if _names_all(evidence.documents[0].doc, drugs) else [c.display for c in drugs]


# A marker's status written as one word ("HER2-low", "EGFR-mutant", "BRCA1-positive"): a subgroup of its own.
_STATUS = re.compile(
    r"(?<![\w-])(?P<head>(?-i:[A-Z][A-Z0-9]{1,6}))-(?P<status>low|ultralow|high|positive|negative|mutant|mutated|amplified"
    r"|deficient|proficient|null|wild-?type)\b",
    re.I,
)


def _unseen_status(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
    """A marker status asked about ("Is T-DXd an option for her HER2-low disease?") that no retrieved document names
    while one names the marker: documents on HER2-positive disease do not answer it for HER2-low."""
    out: list[str] = []
    found = list(_STATUS.finditer(analysis.asked))
    if not found:
        return out
    texts = [" ".join([rd.doc.title, *(s.text for s in rd.doc.sections)]) for rd in evidence.documents]
    for m in found:
        head, status = re.escape(m.group("head")), re.escape(m.group("status"))
        named = re.compile(rf"(?<![\w-]){head}[\s-]?{status}\b", re.I)
        marker = re.compile(rf"(?<![\w-]){head}(?![\w])", re.I)
        if not any(named.search(t) for t in texts) and any(marker.search(t) for t in texts):
            out.append(m.group(0))
    return out


class AnswerService:
    """Answers questions from one library with the configured engines."""

    def __init__(self, library: Library, settings: Settings, engines: dict[str, Engine] | None = None) -> None:
        self.library = library
        self.settings = settings
        self.retriever = Retriever(
            library,
            priors=Priors() if settings.retrieval.priors else NO_PRIORS,
            reranker=Reranker() if settings.retrieval.rerank else None,
            **dense_options(settings.retrieval),
        )
        self._answerable: dict[tuple[str, int], bool] = {}
        self.engines: dict[str, Engine] = engines or {
            "extractive": ExtractiveEngine(settings.answer.max_statements, settings.answer.min_coverage)
        }

    def engine(self, name: str | None) -> Engine:
        name = name or self.settings.engine
        if name not in self.engines and name == "llm":
            from .llm_engine import build_llm_engine

            self.engines["llm"] = build_llm_engine(self.settings, fallback=self.engines.get("extractive"))
        if name not in self.engines:
            raise ValueError(f"unknown engine {name!r}; choose extractive or llm")
        return self.engines[name]

    def receipt(self, engine: Engine, details: dict[str, object]) -> Receipt:
        return Receipt(
            engine=engine.name,
            engine_version=f"clinevidence {__version__} / {engine.version}",
            config_hash=self.settings.config_hash(),
            library_snapshot=self.library.snapshot(),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            details=details,
        )

    def _evidence(self, analysis: QuestionAnalysis) -> tuple[Evidence, ScreenReport]:
        evidence = self.retriever.evidence(
            analysis.search_text,
            self.settings.retrieval.k_docs,
            self.settings.retrieval.k_passages,
            plain=analysis.retrieval_text,
            alternatives=analysis.alternatives,
            # A name the library pairs ("Teclistamab (Tecvayli)") is searched by both names, and documents naming
            # either still come first.
            synonyms_searched=any(c.source == "lexicon" for c in analysis.concepts),
            prefer=_drugs_named(analysis),
            # A page naming both of two treatments answers a question on the pair however low the re-ranker puts it
            # ("Switching from Altace to Entresto": the heart failure guideline's washout rule).
            # The same for a medicine with alcohol ("xanax and a couple beers ok?": "Do not drink alcohol while taking
            # alprazolam" names neither the brand nor the beers).
            prefer_strictly=len(distinct_drugs(analysis.concepts)) + len(_taken_with(analysis)) >= 2,
        )
        return screen_evidence(evidence)  # documents that address a model are never quoted

    def analysis(self, question: str, context: str = "") -> tuple[QuestionAnalysis, dict[str, str]]:
        """The question analysed as ``ask`` analyses it (typos fixed against the library, its aliases found, its
        words weighted), and the spelling fixes made."""
        searched, fixes = correct_spelling(self.library, question)
        searched = self._fix_everyday_typos(searched, fixes)
        searched = _unclip_names(searched, fixes)
        searched = self._non_forms(searched)
        analysis = analyze(searched, context=context, extra=library_aliases(self.library, searched))
        analysis.term_weights = self._term_weights(analysis)
        return analysis, fixes

    def answerable(self, question: str) -> bool:
        """Dry run of the extractive engine: would this question get a cited, on-frame answer (no abstention)?

        Memoised per library size (suggested follow-ups repeat across questions on one topic)."""
        key = (question, self.library.doc_index.count())
        if key not in self._answerable:
            if len(self._answerable) >= 4096:
                self._answerable.pop(next(iter(self._answerable)))
            self._answerable[key] = self._dry_run(question)
        return self._answerable[key]

    def _dry_run(self, question: str) -> bool:
        engine = self.engines.get("extractive")
        if not isinstance(engine, ExtractiveEngine) or check_question(question, "clinician") is not None:
            return False
        analysis = analyze(question, extra=library_aliases(self.library, question))
        analysis.term_weights = self._term_weights(analysis)
        evidence, _ = self._evidence(analysis)
        if not evidence.documents:
            return False
        draft = engine.draft(analysis, evidence, Audience.clinician)
        if draft.verdict is Verdict.insufficient or not draft.summary:
            return False
        top_text = " ".join([evidence.documents[0].doc.title, *(s.text for s in evidence.documents[0].doc.sections)])
        return all(mentions(top_text, c) for c in analysis.concepts)  # on the frame it asks about

    def _checked_follow_ups(self, candidates: list[str], analysis: QuestionAnalysis, limit: int = 4) -> list[str]:
        out: list[str] = []
        asked = analysis.question.lower().rstrip("?")
        for q in list(dict.fromkeys(candidates))[: limit + 2]:  # each dry run costs one ask
            if len(out) >= limit:
                break
            if q.lower().rstrip("?") != asked and self.answerable(q):
                out.append(q)
        return out

    def _unknown_drugs(self, analysis: QuestionAnalysis) -> list[str]:
        """Drug names the library never uses: a word shaped like one outside the lexicon, or a drug the lexicon knows
        ("Paxlovid") by none of its names nor its class's."""
        index = self.library.doc_index
        known = {s for c in analysis.concepts for s in c.synonyms}
        # "I'm on Eliquis, metoprolol, metformin, atorvastatin and sertraline. Is it safe to take Gas-X?": the asker's
        # list of medicines is background; one the library never names does not make the asked one unanswerable (a
        # drug of a shorter history stays a partner: "on apixaban - can she have alteplase?").
        regimen = lists_a_regimen(analysis)
        concepts = asked_concepts(analysis) if regimen else analysis.concepts
        told = f"{analysis.question} {analysis.context}" if regimen else analysis.told
        unseen = [w for w in content_words(told) if DRUG_STEM.fullmatch(w) and w not in known and not index.known(w)]
        for c in concepts:
            if c.kind == "drug" and not any(self._names_seen(k) for k in (c, *classes_of(c))):
                unseen.append(c.display)
        return unseen

    def _names_seen(self, concept: Concept) -> bool:
        """Whether the library uses one of the concept's names (each word of a name of several)."""
        index = self.library.doc_index
        return any(all(index.known(w) is not False for w in syn.split()) for syn in concept.synonyms)

    def _unknown_topics(self, analysis: QuestionAnalysis, evidence: Evidence | None = None) -> list[str]:
        """Specific words of what is asked that the library has never seen, nor any word like them ("pericarditis",
        "nephritis"): uncommon in English, outside the lexicon, not a typo the spelling step could map. A question
        about a topic the library never mentions is not answered from documents about its other words.

        When the first document names the medicines asked about, only the asking sentence counts: the story
        around it ("my pee in the commode looks brownish", "my mouth feels like sandpaper") is the asker's own
        words for what the page says otherwise."""
        asked = analysis.asked
        drugs = named_in_question(analysis, distinct_drugs(analysis.concepts))
        if drugs and evidence is not None and evidence.documents and _names_all(evidence.documents[0].doc, drugs):
            asked = analysis.question
        units = _units(asked)
        own = set(content_words(f"{analysis.question} {analysis.context}"))
        # the asker's own story ("worried my 2yo watches too much peppa pig", "saw it all over tiktok"), not a clinical
        # note, whose words name the patient's condition
        chatty = not _CLINICAL_NOTE.search(analysis.background)
        # the words saying what is asked for beyond the medicine ("weaned off", "kick in"), which ``intent`` reads
        intent_said = intent_wording(asked)
        brands = _brand_words(asked)
        return [
            w
            for w in content_words(asked)
            if len(w) >= 4
            and w not in brands
            and (w in own or not chatty or not _passing_word(w))
            and stem(w) not in intent_said
            and w.isalpha()
            and not everyday_word(w, zipf=UNKNOWN_TOPIC_ZIPF)
            and not _plain_word(w)
            and w not in CARE_ROLES
            and w not in NOTE_WORDS
            and not is_lexicon_word(w)
            and self._never_seen(w)
            and not self._everyday_compound(w)
            and not _everyday_inflection(w)
            and w not in units
        ]

    def _everyday_typo(self, word: str) -> str | None:
        """The everyday word the library uses that ``word`` (unknown to the library, English and the lexicon) is one
        edit from, the commonest if several: "increse" -> "increase"; None otherwise."""
        low = word.lower()
        if (
            len(low) < 5
            or is_lexicon_word(low)
            or everyday_word(low, zipf=3.0)
            or self.library.doc_index.known(low) is not False
        ):
            return None
        from wordfreq import zipf_frequency

        found = [
            (zipf_frequency(c, "en"), c)
            for c in _edits1(low)
            if everyday_word(c, zipf=EVERYDAY_TYPO_ZIPF) and self.library.doc_index.known(c)
        ]
        return max(found)[1] if found else None

    def _fix_everyday_typos(self, question: str, fixes: dict[str, str]) -> str:
        """The question with typos of everyday words corrected (``_everyday_typo``); each fix is added to ``fixes``."""
        own: dict[str, str] = {}
        for m in _TYPO_WORD.finditer(question):
            low = m.group(0).lower()
            if low not in own and low not in fixes and (fixed := self._everyday_typo(low)):
                own[low] = fixed
        return _replace_words(question, own, fixes)

    def _non_forms(self, question: str) -> str:
        """A patient described as "not X" for a population or condition X ("a 34-year-old woman, otherwise well, not
        pregnant") written as guidelines write it, "non-X" ("non-pregnant"): the description neither names X as the
        question's setting nor negates the question."""

        def fix(m: re.Match[str]) -> str:
            word = m.group("x")
            named = any(c.kind in ("population", "condition") for c in find_concepts(word))
            return f"{m.group('lead')}non-{word}" if named else m.group(0)

        return _NOT_DESCRIBED.sub(fix, question)

    def _everyday_compound(self, word: str) -> bool:
        """A closed compound of two everyday English words whose second the library uses ("megadose": mega + dose,
        "nosalt": no + salt), an everyday word, not the name of a topic the library lacks."""
        low = word.lower()
        for i in range(2, len(low) - 3):
            head, tail = low[:i], low[i:]
            if (
                everyday_word(head, zipf=COMPOUND_PART_ZIPF)
                and everyday_word(tail, zipf=COMPOUND_PART_ZIPF)
                and self.library.doc_index.known(tail)
            ):
                return True
        return False

    def _unknown_subject(self, analysis: QuestionAnalysis) -> list[str]:
        """The intervention a yes/no efficacy question is about ("Does zinc shorten colds?", "Is ketamine effective
        for ...?") when the library has never seen any of its words: nothing here can say whether it works."""
        m = _SUBJECT.match(analysis.question)
        if not m:
            return []
        # A brand name the lexicon maps to a drug the library names ("Does Jardiance reduce cardiovascular death in
        # type 2 diabetes?" is empagliflozin) is a known subject, though the library never spells the brand, when the
        # question names the setting too (the pair rule then checks they meet); "Does Ozempic help weight loss?"
        # names no setting, and a document on the drug class for another purpose does not answer it.
        setting = any(c.kind in ("condition", "population") and mentions(analysis.asked, c) for c in analysis.concepts)
        if setting and any(mentions(m.group("x"), c) and self._library_names(c) for c in analysis.concepts):
            return []
        words = [w for w in content_words(m.group("x")) if w.isalpha() and len(w) >= 3]
        return words if words and all(self._never_seen(w) for w in words) else []

    @staticmethod
    def _unmet_frame(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """The treatment and the condition or population a question asks about together ("statins in pregnancy",
        "tenecteplase for myocardial infarction") when the retrieved documents name each of them but none names them
        together, in one sentence (or the setting in what the document is about: its title and subject headings):
        documents about the drug elsewhere, and about the setting with other drugs, do not answer it. Only
        what is asked counts (a condition in the background, "I have diabetes.", is not required), and a concept no
        document names at all is left to the coverage check (a synonym the lexicon lacks is no near miss). Returns
        the unmet concepts."""
        asked = analysis.asked
        named = [c for c in analysis.concepts if mentions(asked, c)]
        # A test is asked about in a setting as a treatment is ("an HbA1c target below 7% for a pregnant woman").
        treatments = [c for c in named if c.kind in ("drug", "intervention", "test")]
        # "already on dapagliflozin - should Entresto be added?": the setting must meet the drug to be added
        taken = already_taken(analysis.question, treatments)
        treatments = [c for c in treatments if c not in taken] or treatments
        # "DHx metformin, Actos, ramipril, bisoprolol. OK to continue the pioglitazone?": the drug the question itself
        # names is what is asked; the others are the drug history
        asked_ones = asked_concepts(analysis)  # less a regimen the asker lists
        treatments = named_in_question(analysis, [c for c in treatments if c in asked_ones] or treatments)
        where = [c for c in named if c.kind in ("condition", "population")]
        # "in patients without heart failure" is no setting a sentence must name.
        where = [c for c in where if c not in excluded_concepts(analysis.question, where)]
        # "Can I take naproxen for a headache at 24 weeks?" asks whether it may be taken, in pregnancy: what it is
        # taken for is no setting a sentence must name.
        where = [c for c in where if not _indication(analysis.told, c) and not _own_child(analysis, c)]
        if not treatments or not where or not evidence.documents:
            return []
        # One sentence must name the pair when the question itself names the setting; a setting the background
        # names ("I have type 2 diabetes. Is it safe to take ibuprofen with warfarin?") only needs the document.
        in_question = [c for c in where if mentions(analysis.question, c)]
        drugs = [c for c in treatments if c.kind == "drug"]
        compared = drugs[:2] if analysis.question_type == "comparison" and len(drugs) >= 2 else []
        # Whether a drug is safe in pregnancy differs within its class: "Antibiotic treatment of asymptomatic
        # bacteriuria is recommended in pregnancy" says nothing of nitrofurantoin at 38 weeks.
        by_class = not (analysis.question_type == "safety" and any(c.name == "pregnancy" for c in where))
        treated_somewhere, seen = False, set()
        for rd in evidence.documents:
            # The subject headings say what a document is about when its text abbreviates ("RA patients"); inverted
            # headings read in order ("Arthritis, Rheumatoid" -> "Rheumatoid Arthritis").
            headings = [" ".join(reversed(h.split(", ", 1))) if h.count(", ") == 1 else h for h in rd.doc.mesh]
            about = " ".join([rd.doc.title, "; ".join(headings)])
            text = " ".join([rd.doc.title, *(s.text for s in rd.doc.sections), "; ".join(headings)])
            # by its class too: "Antibiotics are not recommended for acute bronchitis" treats doxycycline there
            treated = any(mentions(text, c) or by_class and _class_alone(text, c) for c in treatments)
            here = {c.name for c in where if _loosely_names(text, c)}
            # "Is A or B the better choice in pregnancy?": each option named in the setting (one for, the other
            # against) answers it; no sentence need weigh the two against each other.
            together = (
                all(_names_together(rd.doc, [c], in_question, about, []) for c in compared)
                if compared and asks_either_or(analysis.question)
                else _names_together(rd.doc, treatments, in_question, about, compared, by_class)
            )
            if treated and len(here) == len(where) and together:
                return []
            treated_somewhere |= treated
            seen |= here
        if not treated_somewhere or len(seen) < len(where):
            return []
        if _states_the_situation(analysis.question, treatments, analysis.concepts, evidence):
            return []
        return [c.display for c in [*treatments, *where]]

    @staticmethod
    def _unmet_subtype(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """A condition asked about as a subtype of another the library covers ("gestational diabetes", "type 1
        diabetes" hold the lexicon's "diabetes", which reads as type 2 diabetes) that no retrieved document names,
        while they name the general condition: documents on the other subtype do not answer it. Returns the
        subtype."""
        asked = analysis.asked
        texts: list[str] | None = None
        for c in analysis.concepts:
            if c.kind not in ("condition", "population"):
                continue
            span = mention_span(asked, c)
            if span is None:
                continue
            named = asked[span[0] : span[1]]
            # The longest synonym wins in the question ("type 1 diabetes"); a shorter one inside it names the
            # general condition ("diabetes").
            general = [g for g in lexicon()[0] if g != c and g.kind == c.kind and mentions(named, g)]
            if not general:
                continue
            if texts is None:
                texts = [" ".join([rd.doc.title, *(s.text for s in rd.doc.sections)]) for rd in evidence.documents]
            if any(mentions_coordinated(t, c) for t in texts):
                continue
            if any(mentions(t, g) for t in texts for g in general):
                return [c.display]
        return []

    def _unseen_population(self, analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """A population the question asks a treatment in ("a 16-year-old", "teenagers") that the library names
        elsewhere but no retrieved document does, while they name the treatment: evidence in adults does not answer
        it. (The pair rule only sees settings some retrieved document names.) Returns the population."""
        asked = analysis.question
        treatments = [c for c in analysis.concepts if c.kind in ("drug", "intervention") and mentions(asked, c)]
        groups = [c for c in analysis.concepts if c.kind == "population" and mentions(asked, c)]
        if not treatments or not groups or not evidence.documents:
            return []
        texts = [
            " ".join([rd.doc.title, *(s.text for s in rd.doc.sections), *rd.doc.mesh]) for rd in evidence.documents
        ]
        if not any(mentions(t, c) for t in texts for c in treatments):
            return []
        return [c.display for c in groups if self._library_names(c) and not any(mentions(t, c) for t in texts)]

    @staticmethod
    def _unnamed_outcome(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """The outcome a yes/no effect question asks about ("Does vitamin D reduce the risk of cancer?") when no
        retrieved document naming the treatment names any word of it: documents on the treatment's other effects
        (fractures, falls) do not answer it. Returns the outcome's words."""
        if not analysis.yes_no or not _ASKS.match(analysis.question):
            return []  # a claim ("ACE inhibitors ... will have increased numbers of ACE2 receptors") is checked as is
        if analysis.question_type == "safety":
            return []  # "Would adding losartan to cut the proteinuria be reasonable?": whether to, the aim aside
        treatments = [
            c for c in analysis.concepts if c.kind in ("drug", "intervention") and mentions(analysis.asked, c)
        ]
        outcome = outcome_words(analysis.question, treatments)
        if not treatments or not outcome:
            return []
        wanted = {stem(w) for w in outcome}
        treating = False
        for rd in evidence.documents:
            text = " ".join([rd.doc.title, *(s.text for s in rd.doc.sections)])
            if not any(mentions(text, c) for c in treatments):
                continue
            treating = True
            if wanted & word_stems(text):
                return []
        return outcome if treating else []

    def _library_names(self, concept: Concept) -> bool:
        """Some name of the concept has every one of its words in the library's vocabulary."""
        index = self.library.doc_index
        return any(
            all(index.known(w) is not False for w in content_words(syn)) and content_words(syn)
            for syn in concept.synonyms
        )

    @staticmethod
    def _vaccine_elsewhere(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """A vaccine named by a qualifier outside the lexicon ("the pneumococcal vaccine") for a setting the question
        names ("a pregnant woman") when no retrieved sentence names that qualifier with the setting (in the sentence,
        or in what its document is about: title and subject headings): the library's pneumococcal vaccination is for
        COPD, and its sentences on other vaccines in pregnancy do not answer it. Returns the vaccine."""
        asked = analysis.question
        where = [c for c in analysis.concepts if c.kind in ("condition", "population") and mentions(asked, c)]
        where = [c for c in where if c not in excluded_concepts(asked, where)]
        if not where or not evidence.documents:
            return []
        lexical = [c for c in analysis.concepts if c.kind in ("drug", "intervention")]
        for m in _VACCINE_HEAD.finditer(asked):
            qualifier = m.group(1).lower()
            if qualifier in _MODIFIERS or qualifier in STOP_WORDS or everyday_word(qualifier, zipf=4.5):
                continue
            named = [c for c in lexical if (span := mention_span(asked, c)) and span[0] <= m.start(1) < span[1]]
            if any(c.name != "vaccination" for c in named):
                continue  # a vaccine the lexicon knows ("MMR vaccine", "flu jab"): the pair rule checks it
            want = stem(qualifier)
            for rd in evidence.documents:
                about = " ".join([rd.doc.title, *rd.doc.mesh])
                for sentence in (x for sec in rd.doc.sections for x in split_sentences(sec.text)):
                    if want in {stem(w) for w in content_words(sentence)} and all(
                        mentions(sentence, c) or mentions(about, c) for c in where
                    ):
                        return []
            return [m.group(0).lower()]
        return []

    @staticmethod
    def _unthresholded_kidney_value(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """A kidney function value the question gives for a treatment ("creatinine clearance is 20 mL/min", "eGFR
        25") when no retrieved sentence naming the treatment (or its class) sets a cut-off that value can be held
        against: "DOAC doses must be adjusted according to ... kidney function" and the drug's general
        recommendation do not say whether it is OK at that value. Returns the value as asked."""
        m = _KIDNEY_VALUE.search(analysis.question)
        if m is None or not evidence.documents:
            return []
        treatments = [
            c for c in analysis.concepts if c.kind in ("drug", "intervention") and mentions(analysis.question, c)
        ]
        if not treatments:
            return []
        for rd in evidence.documents:
            for sentence in (x for sec in rd.doc.sections for x in split_sentences(sec.text)):
                if any(mentions_as_member(sentence, c) for c in treatments) and (
                    threshold_applies(analysis.question, sentence) is not None
                ):
                    return []
        return [m.group(0)]

    def _unseen_qualifier(self, analysis: QuestionAnalysis) -> list[str]:
        """The qualifier of a condition asked about ("colorectal" in "colorectal cancer") that the library has never
        seen, nor any word like it, outside the lexicon: documents on other cancers do not answer it."""
        index = self.library.doc_index
        names = [w for w in content_words(analysis.asked) if not everyday_word(w, 0.01)]
        if names and all(index.known(w) for w in names):
            # The question's own names (a gene, a new drug: no everyday frequency at all) are in the library: the
            # documents on them answer it, however they spell the disease ("colon" / "colorectal"; BioASQ report).
            return []
        return [
            m.group(1)
            for m in [*_DISEASE_HEAD.finditer(analysis.asked), *_VACCINE_HEAD.finditer(analysis.asked)]
            if m.group(1).isalpha()
            and m.group(1).lower() not in STOP_WORDS
            and m.group(1).lower() not in NOTE_WORDS
            and not is_lexicon_word(m.group(1).lower())
            and self._never_seen(m.group(1))
        ]

    @staticmethod
    def _unnamed_condition(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """A condition named by a qualifier and its head ("gastric cancer", "ovarian cancer") outside any lexicon
        concept the question names, that no retrieved document naming the treatment names: documents on the
        treatment in breast cancer do not answer it for gastric cancer, though the library knows "gastric". Returns
        the condition."""
        asked = analysis.question
        treatments = [c for c in analysis.concepts if c.kind in ("drug", "intervention") and mentions(asked, c)]
        if not treatments:
            return []
        spans = [sp for c in analysis.concepts if (sp := mention_span(asked, c)) is not None]
        texts = [" ".join([rd.doc.title, *(s.text for s in rd.doc.sections)]) for rd in evidence.documents]
        treating = [t for t in texts if any(mentions(t, c) for c in treatments)]
        if not treating:
            return []
        for m in _DISEASE_HEAD.finditer(asked):
            word = m.group(1)
            low = word.lower()
            if low in _MODIFIERS or low in STOP_WORDS or any(a < m.end() and m.start() < b for a, b in spans):
                continue
            head = asked[m.end(1) : m.end()].strip()
            phrase = re.compile(r"(?<![\w-])" + re.escape(word) + r"\s+" + re.escape(head.rstrip("s")) + r"\w*", re.I)
            # Named elsewhere in what was retrieved (a near miss), never with the treatment.
            if any(phrase.search(t) for t in texts) and not any(phrase.search(t) for t in treating):
                return [f"{word} {head}"]
        return []

    @staticmethod
    def _excluded_subject(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """Conditions the question excludes ("CKD patients who don't have diabetes or heart failure") when every
        retrieved document naming the treatment is about one of them (its title): trials in heart failure and in
        type 2 diabetes do not answer it for patients without either. Returns the excluded conditions."""
        asked = analysis.question
        treatments = [c for c in analysis.concepts if c.kind in ("drug", "intervention") and mentions(asked, c)]
        conds = [c for c in analysis.concepts if c.kind in ("condition", "population")]
        excluded = [c for c in conds if c in excluded_concepts(asked, conds)]
        if not treatments or not excluded:
            return []
        treating = [
            rd.doc
            for rd in evidence.documents
            if any(mentions(" ".join([rd.doc.title, *(s.text for s in rd.doc.sections)]), c) for c in treatments)
        ]
        if treating and all(any(mentions(d.title, c) for c in excluded) for d in treating):
            return [c.display for c in excluded]
        return []

    @staticmethod
    def _undosed_setting(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """A dose question for a treatment in a population or condition ("paracetamol dose for a 2 year old") when
        no retrieved sentence gives a dose of the treatment in that setting: "Pain relief with paracetamol is
        recommended for all children with acute otitis media" names no dose, and the adult doses do not answer for a
        child. Returns the setting."""
        asked = analysis.question
        if analysis.question_type != "dosing" or not _DOSE_ASKED.search(asked):
            return []
        treatments = [c for c in analysis.concepts if c.kind in ("drug", "intervention") and mentions(asked, c)]
        where = [c for c in analysis.concepts if c.kind in ("condition", "population") and mentions(asked, c)]
        where = [c for c in where if c not in excluded_concepts(asked, where)]
        if not treatments or not where or not evidence.documents:
            return []
        for rd in evidence.documents:
            about = " ".join([rd.doc.title, *rd.doc.mesh])
            pending = [c for c in where if not mentions(about, c)]
            for sec in rd.doc.sections:
                for sent in split_sentences(sec.text):
                    if not _DOSE.search(sent) or not any(mentions_as_member(sent, c) for c in treatments):
                        continue
                    if all(_loosely_names(sent, c) for c in pending):
                        return []
        return [c.display for c in where]

    @staticmethod
    def _other_sex(analysis: QuestionAnalysis, evidence: Evidence) -> list[str]:
        """A treatment asked about in men when the first retrieved document naming it is about women (its title)
        and never names men: "alendronate in men" is not answered by a guideline for postmenopausal women."""
        asked = analysis.asked
        if not _MEN.search(asked) or _WOMEN.search(asked):
            return []
        treatments = [c for c in analysis.concepts if c.kind in ("drug", "intervention") and mentions(asked, c)]
        for rd in evidence.documents:
            text = " ".join(s.text for s in rd.doc.sections)
            if not any(mentions(" ".join([rd.doc.title, text]), c) for c in treatments):
                continue
            return ["men"] if _WOMEN.search(rd.doc.title) and not _MEN.search(text) else []
        return []

    def _never_seen(self, word: str) -> bool:
        """Neither the word nor any word like it is in the library (``TantivyIndex.has_relative``)."""
        index = self.library.doc_index
        return index.known(word) is False and not index.has_relative(word)

    def _frame_gap(self, analysis: QuestionAnalysis, evidence: Evidence) -> tuple[str, list[str]] | None:
        """The first part of the question's frame the library does not meet, as (reason, what is missing), or None.

        A question naming a drug, topic or intervention the library has never seen, or a drug in a setting, for a
        population, sex, condition, subtype, dose or outcome no document names it with: nothing here is about it,
        so the answer abstains and shows neighbours. The reason goes into the receipt (``abstain_reason``)."""
        checks: tuple[tuple[str, Callable[[], list[str]]], ...] = (
            ("drug the library has never seen", lambda: self._unknown_drugs(analysis)),
            ("topic the library has never seen", lambda: self._unknown_topics(analysis, evidence)),
            ("subject the library has never seen", lambda: self._unknown_subject(analysis)),
            ("no document names these together", lambda: self._unmet_frame(analysis, evidence)),
            ("no document names these together", lambda: _unmet_pair(analysis, evidence)),
            ("subtype no document names", lambda: self._unmet_subtype(analysis, evidence)),
            ("qualifier the library has never seen", lambda: self._unseen_qualifier(analysis)),
            ("marker status no document names", lambda: _unseen_status(analysis, evidence)),
            ("vaccine no document names in this setting", lambda: self._vaccine_elsewhere(analysis, evidence)),
            ("no cut-off for this kidney function", lambda: self._unthresholded_kidney_value(analysis, evidence)),
            ("evidence is for the other sex", lambda: self._other_sex(analysis, evidence)),
            ("condition no document names with the treatment", lambda: self._unnamed_condition(analysis, evidence)),
            ("the question excludes the documents' subject", lambda: self._excluded_subject(analysis, evidence)),
            ("no dose for this setting", lambda: self._undosed_setting(analysis, evidence)),
            ("outcome no document names with the treatment", lambda: self._unnamed_outcome(analysis, evidence)),
            ("population no document names", lambda: self._unseen_population(analysis, evidence)),
        )
        for reason, check in checks:
            missing = check()
            if missing:
                return reason, missing
        return None

    def _term_weights(self, analysis: QuestionAnalysis) -> dict[str, float]:
        index = self.library.doc_index
        out: dict[str, float] = {}
        asked = {stem(w) for w in content_words(analysis.asked)}
        units = _units(analysis.told + " " + analysis.context)
        said = content_words(analysis.told + " " + analysis.context)
        long = len(set(said)) >= LONG_MESSAGE
        regimen = _regimen_words(analysis)
        for w in said:
            weight = index.idf(w)
            if w in regimen:
                weight = 0.0  # the asker's list of other medicines: context, not the topic
            elif stem(w) not in asked:
                # Background ("my GP mentioned it last week") informs, what is asked decides coverage: an everyday
                # word there ("husband", "worried") must not count like an unknown drug name. In the question
                # itself everyday words can be the topic ("hair loss in women") and keep their weight.
                weight = 0.5 * (min(weight, EVERYDAY_WEIGHT) if is_everyday(w) else weight)
            elif w.isalpha() and len(w) == 1:
                weight = 0.0  # a letter of an abbreviation ("y/o", "b/l"), not a word of the topic
            elif (w in units or w in _FORMULATIONS) and index.known(w) is False:
                # A unit the library spells otherwise ("mmHg" / "mm Hg") or a release form ("metformin er"), not a
                # word of the topic.
                weight = 0.0
            elif is_everyday(w) and (long or index.known(w) is False):
                # An everyday word no document uses ("forums", "appreciated", "company") cannot be matched and says
                # little about the topic: it weighs like a common word, not like an unknown drug name.
                weight = min(weight, EVERYDAY_WEIGHT)
            out.setdefault(stem(w), weight)
        return out

    @staticmethod
    def _label(answer: Answer, analysis: QuestionAnalysis, draft: Draft) -> None:
        """Recommendation, display label and title from the verdict and the sentence that decided it."""
        deciding = str(draft.details.get("verdict_sentence") or "")
        if not deciding and answer.summary:
            deciding = answer.summary[0].text
        verdict = str(answer.verdict)
        answer.recommendation = recommend(analysis, verdict, deciding)
        if answer.verdict is Verdict.insufficient:
            answer.verdict_label = display_label("insufficient", analysis.question_type, verdict)
            answer.title = title_for(analysis, answer.verdict_label, topic=fallback_topic(analysis.question))
            return
        label = display_label(answer.recommendation, _label_type(analysis), verdict)
        if asks_side_effect(analysis.question):
            label = SIDE_EFFECT_LABELS.get(side_effect_verdict(analysis.question, verdict), label)
        elif draft.details.get("verdict_method") == "harm finding" and verdict == "no":
            label = SIDE_EFFECT_LABELS["no"]  # "Does atorvastatin increase cancer risk?": no rise, not "Effective"
        winner = comparison_winner(analysis, deciding) if analysis.question_type == "comparison" else None
        topic = answer.title.rsplit(": ", 1)[0] if ": " in answer.title else analysis.topic
        topic = _product_topic(analysis, answer, str(draft.details.get("verdict_doc") or "")) or topic
        answer.verdict_label = label
        choices = named_choice(analysis, deciding) if winner is None else []
        answer.title = title_for(analysis, label, winner, topic=topic, choices=choices)

    def ask(
        self,
        question: str,
        audience: Audience = Audience.clinician,
        engine: str | None = None,
        context: str = "",
    ) -> Answer:
        eng = self.engine(engine)
        notice = check_question(question, str(audience))
        analysis, fixes = self.analysis(question, context)
        if notice is not None and notice.kind == "emergency":
            return Answer(
                question=analysis.question,
                audience=audience,
                title="Seek emergency care now",
                verdict=Verdict.insufficient,
                verdict_label="Emergency",
                notice=notice.message,
                question_type="emergency",
                disclaimer=DISCLAIMERS[audience],
                receipt=self.receipt(eng, {"safety": notice.category}),
            )
        evidence, screen = self._evidence(analysis)
        gap = self._frame_gap(analysis, evidence)
        unknown = gap[1] if gap else []
        usable = Evidence([], []) if unknown else evidence
        draft = eng.draft(analysis, usable, audience)
        draft.follow_ups = self._checked_follow_ups(draft.follow_ups, analysis)
        answer, stats = finalize(
            draft,
            evidence,
            question=analysis.question,
            audience=audience,
            receipt=self.receipt(eng, {}),
            disclaimer=DISCLAIMERS[audience],
        )
        answer.question_type = analysis.question_type
        answer.question = normalize(question)  # as asked; the corrected wording is in the receipt
        answer.receipt.details = {
            **draft.details,
            **screen.details(),
            "statements_dropped_unsupported": stats.dropped_unsupported,
            "citation_keys_stripped": stats.stripped_keys,
            **({"spelling": fixes} if fixes else {}),
            "frame": analysis.frame,
        }
        if gap is not None:
            answer.receipt.details["abstain_reason"] = {"reason": gap[0], "missing": gap[1]}
        elif draft.details.get("abstained"):
            answer.receipt.details["abstain_reason"] = {
                "reason": "too little of the question is covered",
                "missing": [],
            }
        if draft.verdict is not Verdict.insufficient and not answer.all_statements():
            # Nothing survived grounding: abstain rather than show a verdict with no cited statement.
            answer.verdict = Verdict.insufficient
            answer.receipt.details["abstain_reason"] = {"reason": "no statement survived grounding", "missing": []}
        self._label(answer, analysis, draft)
        if answer.verdict is Verdict.insufficient and not answer.notice:
            nearby = closest_topics(evidence)
            missing = "" if gap is None else f"Not covered: {', '.join(gap[1])} ({gap[0]}). "
            answer.notice = (
                "The library has no evidence that answers this question, so no verdict is given. "
                + missing
                + (
                    "Closest topics the library covers: " + "; ".join(nearby) + "."
                    if nearby
                    else "Try rephrasing, or ask the operator to add relevant guidelines or studies."
                )
            )
            if not answer.follow_ups:
                answer.follow_ups = self._checked_follow_ups(
                    [f"What does the evidence say about {t}?" for t in nearby], analysis
                )
        if fixes and not answer.notice:
            answer.notice = "Searched for " + ", ".join(f"“{v}” (you typed “{k}”)" for k, v in fixes.items()) + "."
        if notice is not None:
            answer.notice = notice.message
        if audience is Audience.patient:
            caution = "Please discuss any decision about your treatment with your clinician."
            answer.notice = f"{answer.notice} {caution}".strip()
        return render_answer(answer)  # audience rendering over the whole article (plain title, first use, key terms)
