"""A coarse clinical specialty for each article (queue filter), from its question and cited titles and MeSH."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Word stems per specialty; deliberately small and readable rather than a MeSH tree walk.
_STEMS: dict[str, tuple[str, ...]] = {
    "Cardiology": (
        "heart", "cardi", "atrial", "myocard", "coronary", "hypertens", "blood pressure", "statin", "cholesterol",
        "anticoagul", "warfarin", "aspirin", "arrhythm", "angina",
    ),
    "Oncology": (
        "cancer", "tumo", "carcinom", "lymphom", "leuk", "neoplas", "metasta", "chemotherap", "oncolog", "her2",
        "melanom", "tamoxifen", "trastuzumab",
    ),
    "Neurology": ("stroke", "migrain", "epilep", "seizure", "dementia", "parkinson", "multiple sclerosis", "neuro"),
    "Infectious disease": (
        "infect", "antibiot", "viral", "virus", "bacter", "sepsis", "hiv", "covid", "influenza", "vaccin",
        "tubercul", "otitis",
    ),
    "Endocrinology": ("diabet", "insulin", "thyroid", "metformin", "obes", "glucose", "glycem"),
    "Respiratory": ("asthma", "copd", "pulmonar", "pneumon", "inhal", "bronch"),
    "Obstetrics": ("pregnan", "obstet", "gestation", "postpartum", "prenatal", "breastfeed"),
    "Paediatrics": ("child", "infant", "pediatr", "paediatr", "neonat", "adolesc"),
    "Psychiatry": ("depress", "anxiety", "schizophren", "bipolar", "suicid", "psychiat", "antidepress"),
    "Gastroenterology": ("gastro", "bowel", "liver", "hepat", "colitis", "crohn", "reflux", "peptic", "ulcer"),
    "Nephrology": ("kidney", "renal", "dialysis", "nephr"),
    "Musculoskeletal": ("back pain", "arthritis", "fracture", "osteopor", "gout", "musculoskeletal"),
    "Dermatology": ("skin", "eczema", "psoria", "acne", "dermat"),
}  # fmt: skip
SPECIALTIES = tuple(sorted(_STEMS))
GENERAL = "General medicine"
_PATTERNS = {
    name: re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + ")", re.I) for name, stems in _STEMS.items()
}


def specialties_for(texts: Iterable[str]) -> list[str]:
    """Specialties whose terms appear in ``texts`` (the question first, then reference titles and MeSH)."""
    blob = "\n".join(texts)
    found = [name for name, pattern in _PATTERNS.items() if pattern.search(blob)]
    return found or [GENERAL]
