"""Text utilities shared by ingestion, retrieval and answering: normalisation, sentences, tokens."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and bidi control characters: invisible text must not hide instructions or split words.
_INVISIBLE = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066]
_INVISIBLE += [0x2067, 0x2068, 0x2069]
_TABLE: dict[int, str | None] = dict.fromkeys(_INVISIBLE, None)
_TABLE.update(dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127], " "))


# Trade and copyright marks: NFKC spells "YUTIQ™" as "YUTIQTM", a word nobody searches for; they are dropped.
_MARKS = dict.fromkeys([0x2122, 0x2120, 0x00AE, 0x00A9], None)


def normalize(text: str) -> str:
    """NFKC, drop invisible/control characters and trade marks, collapse runs of spaces (line breaks kept)."""
    if not text:
        return ""
    if not text.isascii():  # the common ASCII case needs no Unicode normalisation
        text = unicodedata.normalize("NFKC", text.translate(_MARKS))
    text = text.translate(_TABLE)
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


# Abbreviations after which a period does not end a sentence.
_ABBREV = {
    "al", "e.g", "i.e", "vs", "fig", "figs", "dr", "mr", "mrs", "ms", "prof", "no", "nos", "approx", "ca",
    "cf", "et", "etc", "eq", "ref", "refs", "vol", "jr", "sr", "st", "inc", "ltd", "co", "dept", "univ", "mg",
    "kg", "ml", "min", "max", "resp", "incl", "var", "sp", "spp", "u.s", "e.g.", "i.e.", "p",
}  # fmt: skip
_UNITS = frozenset({"mg", "kg", "ml", "h", "hrs", "min", "mins"})
_AFTER_NUMBER = re.compile(r"\d\s*[a-z]+$", re.I)
_QUESTION_NEXT = re.compile(r"(?:Is|Are|Can|Could|Should|Does|Do|Would|Will|What|Which|How|Any)\b")
_SENT_END = re.compile(r"([.!?])([\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; fast and good enough for abstracts and guideline prose."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[-*•]\s)", text):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for m in _SENT_END.finditer(block):
            end = m.end(2)
            before = block[start : m.start(1)]
            last = before.rsplit(" ", 1)[-1].lower().lstrip("(")
            if m.group(1) == "." and (last in _ABBREV or (len(last) == 1 and last.isalpha())):
                # "glucose 6.8 mmol/L, 80 kg. Is tenecteplase ...?": a unit after a number, then a question, ends it
                if not (last in _UNITS and _AFTER_NUMBER.search(before) and _QUESTION_NEXT.match(block, m.end())):
                    continue
            sent = block[start:end].strip()
            if sent:
                out.append(sent)
            start = m.end()
        tail = block[start:].strip()
        if tail:
            out.append(tail)
    return out


_LOOSE_END = re.compile(r"([.!])\s+")


def asking_start(text: str) -> int:
    """Where the sentence that asks begins: after the last full stop before the first question mark ("the rid box
    says 10 minutes. wouldnt it be better ...?" -> the offset of "wouldnt"). Unlike :func:`split_sentences` it does
    not need a capital letter after the stop (typed questions often have none); a stop after an abbreviation or a
    lone letter does not end a sentence. Without a question mark, the last sentence of the text."""
    q = text.find("?")
    end = q if q >= 0 else len(text)
    start = 0
    for m in _LOOSE_END.finditer(text, 0, end):
        last = text[start : m.start(1)].rsplit(" ", 1)[-1].lower().lstrip("(")
        abbreviated = last in _ABBREV and not (last in _UNITS and _AFTER_NUMBER.search(text, start, m.start(1)))
        abbreviated = abbreviated and not (last == "no" and not text[m.end() : m.end() + 1].isdigit())
        if m.group(1) == "." and (abbreviated or (len(last) == 1 and last.isalpha())):
            continue  # "Dr. Patel", "e.g. ibuprofen"; "80 kg. is it ..." ends a sentence
        start = m.end()
    return start


_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not of off on once only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself yourselves patient
    patients use used using safe ok okay
    cant dont doesnt didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt im ive youre thats whats""".split()
)  # the last line: contractions typed without the apostrophe ("prednisone cant sleep"), as common as with it


# A clinical note's headings and an inhaler's device name, not what is asked about ("PMHx stable angina", "DHx
# bisoprolol", "Spiriva Respimat"): the words that say where in the note, or which device, a drug is.
NOTE_HEADINGS = frozenset("pmhx pmh dhx shx fhx hpc nkda nkfa".split())
INHALER_DEVICES = frozenset(
    """respimat handihaler ellipta turbohaler accuhaler evohaler diskus inhub spiromax easyhaler genuair
    breezhaler""".split()
)
# A product label's section headings in a page's title ("XYZAL ALLERGY 24HR (...) - Drug Facts", "LYSTEDA (...) -
# CONTRAINDICATIONS"): every sentence of such a page speaks of the product.
_PRODUCT_LABEL = re.compile(
    r"\b(?:drug facts|supplement facts|boxed warning|contraindications|warnings and precautions"
    r"|dosage and administration|indications and usage|prescribing information|package insert)\b",
    re.I,
)


def is_product_label(title: str) -> bool:
    """Whether a page's title is a product label's (its sections named)."""
    return bool(_PRODUCT_LABEL.search(title))


# "do i (really) need to ...", "does she have to ...": whether the asker must do something (``NEED`` without its
# "to" reads "do we need condoms too?").
NEED = r"\b(?:do|does)\s+(?:i|we|he|she|they|you)\s+(?:really\s+|still\s+|actually\s+)?(?:need|have)"
NEED_TO = NEED + r"\s+to\b"

# Bedside scores and note shorthand a case reports ("NIHSS 9", "LKW 2 h ago", "qSOFA 2"), not topics.
NOTE_SCORES = frozenset("nihss lkw lkwt qsofa news2 mews pews curb65 abcd2 hasbled phq9 gad7 mmse moca apgar".split())
NOTE_WORDS = NOTE_HEADINGS | INHALER_DEVICES | NOTE_SCORES

# Who told the asker, not what is asked about ("my rheum told me to take folic acid", "his endo mentioned actos"):
# care roles and the short forms patients write for them.
CARE_ROLES = frozenset(
    """doctor doctors doc docs dr gp pcp nurse nurses pharmacist pharmacists surgeon surgeons specialist physician
    physicians prescriber rheum rheumy rheumatologist endo endocrinologist cardiologist urologist dermatologist derm
    neurologist oncologist psychiatrist pediatrician paediatrician obgyn gyno gynecologist gynaecologist dentist
    optometrist ophthalmologist gastroenterologist nephrologist pulmonologist allergist podiatrist midwife""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (hyphenated terms kept whole, e.g. 't-dm1')."""
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Word tokens minus stop words; what we match on."""
    return [w for w in words(text) if w not in STOP_WORDS]


def safe_query_terms(text: str) -> list[str]:
    """Plain alphanumeric terms only: nothing a search engine's query parser could interpret."""
    out: list[str] = []
    for w in content_words(text):
        for part in w.replace("'", "-").split("-"):
            if part and part not in STOP_WORDS and part not in out:
                out.append(part)
    return out


# WHO INN stems (and a few common endings) that mark a word as a drug name: a question naming a drug the library
# has never seen cannot be answered from it, however many of its other words match.
DRUG_STEM = re.compile(
    r"[a-z]{2,}(mab|nib|tinib|ciclib|parib|lisib|pril|sartan|olol|statin|azole|cillin|mycin|floxacin|cycline|"
    r"azepam|zolam|prazole|tidine|parin|gliptin|gliflozin|glutide|afil|oxetine|triptan|navir|previr|asvir|buvir|"
    r"tegravir|vudine|ciclovir|thyroxine|dronate|semide|thiazide|dipine|setron|caine|profen|fenac|coxib|lukast|"
    r"(?<!es)terol|asone|isone|olone|ercept|atacept|platin|taxel|rubicin|trexate|mustine|tecan|zomib|ximab|zumab|"
    r"umab|limus|sporin|xaban|gatran|grel|fibrate|glinide|oxacin|conazole|fungin|tadine|pramine|triptyline|"
    r"peridol|apine|epine|ipine|adone|idone|zepam|barbital|tropium|dazole|oquine|amide)"
)


@lru_cache(maxsize=65536)
def everyday_word(word: str, zipf: float = 4.5) -> bool:
    """A word common in everyday English ("husband", "worried", "online": Zipf frequency ≥ ``zipf`` in ``wordfreq``,
    i.e. about once in 30,000 words at the default).

    Such words say little about what a health question is about unless the domain vocabulary uses them: callers
    combine this with the library's and the lexicon's own vocabulary."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= zipf
