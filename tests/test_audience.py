"""Audience rendering: Flesch-Kincaid grade, faithful plain-language rewrites, student abbreviations."""

from __future__ import annotations

import re

import pytest

from clinevidence.answer.audience import count_syllables, flesch_kincaid_grade, for_student, to_plain

# Realistic abstract and guideline sentences: statistics, citations, jargon, routes, negations, drug names.
SENTENCES = [
    (
        "Dapagliflozin reduced the risk of worsening heart failure or cardiovascular death compared with "
        "placebo (HR 0.74, 95% CI 0.65-0.85; P<0.001) [12]."
    ),
    (
        "In patients with HER2-positive metastatic breast cancer, trastuzumab emtansine (T-DM1) significantly "
        "improved progression-free survival compared with lapatinib plus capecitabine (median 9.6 vs 6.4 "
        "months; HR 0.65, 95% CI 0.55-0.77)."
    ),
    (
        "Concomitant administration of tamoxifen with T-DM1 is not recommended because there is no evidence "
        "of additional efficacy and an increased risk of adverse events."
    ),
    "Aspirin is contraindicated in children younger than 16 years because of the risk of Reye's syndrome.",
    (
        "Low-dose aspirin for primary prevention was associated with an increased risk of major hemorrhage "
        "(hazard ratio 1.43, 95% CI 1.30-1.56) without a significant reduction in all-cause mortality."
    ),
    "Oral anticoagulants reduce the risk of stroke in patients with atrial fibrillation by approximately two-thirds.",
    (
        "Subcutaneous enoxaparin is recommended for thromboprophylaxis in hospitalized medical patients at "
        "high risk of venous thromboembolism (Grade 1B)."
    ),
    (
        "There was no statistically significant difference in mortality between the intervention and control "
        "groups (RR 0.96, 95% CI 0.81-1.14; P = 0.62)."
    ),
    (
        "Statin therapy is recommended for secondary prevention in patients with established coronary heart "
        "disease (Class I, Level of Evidence A)."
    ),
    (
        "Intravenous alteplase administered within 4.5 hours of symptom onset improved functional outcomes in "
        "acute ischemic stroke (OR 1.75, 95% CI 1.35-2.27)."
    ),
    (
        "Amoxicillin remains the first-line antibiotic for acute otitis media in children who are not "
        "allergic to penicillin."
    ),
    "The incidence of hypoglycemia was higher with insulin glargine than with metformin monotherapy (12.3% vs 4.1%).",
    (
        "Prophylactic antibiotics did not reduce the incidence of postoperative infection in clean surgical "
        "procedures (n = 1,240)."
    ),
    (
        "Patients with severe renal impairment (creatinine clearance <30 mL/min) should receive a reduced "
        "dose of apixaban."
    ),
    "Metformin is contraindicated in patients with severe hepatic impairment because of the risk of lactic acidosis.",
    (
        "In this randomized controlled trial, oral semaglutide reduced HbA1c by 1.3 percentage points "
        "compared with placebo at 26 weeks [8]."
    ),
    (
        "Adverse events were more frequent in the ibuprofen group, including gastrointestinal bleeding and "
        "acute kidney injury (18% vs 11%; P = 0.03)."
    ),
    (
        "Long-term use of proton pump inhibitors has been associated with an increased risk of fractures in "
        "elderly patients (Smith et al., 2019)."
    ),
    (
        "Non-pharmacological interventions, such as cognitive behavioural therapy, are recommended as "
        "first-line treatment for chronic insomnia."
    ),
    (
        "The efficacy of paracetamol for chronic low back pain was not superior to placebo in a large "
        "multicenter randomized trial."
    ),
    "Hypertension is a major modifiable risk factor for cerebrovascular disease and myocardial infarction.",
    (
        "Patients receiving concomitant anticoagulants and antiplatelet agents have a higher risk of "
        "gastrointestinal hemorrhage; proton pump inhibitor prophylaxis should be considered in this "
        "population."
    ),
    (
        "Corticosteroids did not significantly reduce 28-day mortality in patients with septic shock "
        "(adjusted OR 0.95; 95% CI 0.82-1.10)."
    ),
    (
        "Sublingual nitroglycerin provides rapid relief of angina but should not be used within 24 hours of "
        "sildenafil administration."
    ),
    (
        "Vaccination reduced hospitalization for influenza-associated pneumonia among adults aged 65 years or "
        "older by 40% (95% CI 28-50%)."
    ),
    (
        "The combination of pertuzumab, trastuzumab and docetaxel significantly prolonged overall survival in "
        "patients with HER2-positive metastatic breast cancer (median 56.5 vs 40.8 months)."
    ),
    (
        "Discontinuation of bisphosphonate therapy after five years did not increase the risk of nonvertebral "
        "fractures in the extension study."
    ),
    (
        "Levetiracetam was as effective as phenytoin for second-line treatment of convulsive status "
        "epilepticus in children."
    ),
    (
        "Dexamethasone reduced mortality among patients receiving invasive mechanical ventilation (29.3% vs "
        "41.4%; rate ratio 0.64, 95% CI 0.51-0.81)."
    ),
    (
        "Tranexamic acid administered within 3 hours of injury reduced death due to bleeding in trauma "
        "patients without increasing the risk of vascular occlusive events."
    ),
    (
        "Topical corticosteroids are effective for atopic dermatitis, and adverse effects such as skin "
        "atrophy are rare with appropriate use."
    ),
    (
        "In women with heavy menstrual bleeding, the levonorgestrel intrauterine system was more effective "
        "than usual medical treatment in improving quality of life."
    ),
    (
        "Smoking cessation significantly reduces cardiovascular morbidity and mortality, irrespective of the "
        "duration of smoking."
    ),
    (
        "Trastuzumab deruxtecan demonstrated superior progression-free survival compared with trastuzumab "
        "emtansine in previously treated HER2-positive metastatic breast cancer (HR 0.28; P<0.001)."
    ),
]

NEGATION = re.compile(r"\b(?:no|not|without|never|neither|nor|none)\b|n't\b", re.IGNORECASE)
DRUGS = [
    "dapagliflozin", "trastuzumab emtansine", "T-DM1", "lapatinib", "capecitabine", "tamoxifen", "aspirin",
    "enoxaparin", "alteplase", "amoxicillin", "penicillin", "insulin glargine", "metformin", "apixaban",
    "semaglutide", "ibuprofen", "paracetamol", "nitroglycerin", "sildenafil", "pertuzumab", "docetaxel",
    "levetiracetam", "phenytoin", "dexamethasone", "tranexamic acid", "levonorgestrel", "trastuzumab deruxtecan",
]  # fmt: skip


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


@pytest.mark.parametrize(
    ("text", "words", "syllables", "sentences"),
    [
        ("The cat sat on the mat.", 6, 6, 1),
        # As-pi-rin (3) re-du-ces (3) the risk of heart (1 each) at-tack (2)
        ("Aspirin reduces the risk of heart attack.", 7, 12, 1),
        # Take one (1 each) tab-let (2) dai-ly (2) | Stop if you feel sick (1 each)
        ("Take one tablet daily. Stop if you feel sick.", 9, 11, 2),
    ],
)
def test_flesch_kincaid_matches_hand_computed_values(text: str, words: int, syllables: int, sentences: int) -> None:
    expected = 0.39 * words / sentences + 11.8 * syllables / words - 15.59
    assert flesch_kincaid_grade(text) == pytest.approx(expected, abs=1e-9)


def test_hand_computed_grades_spelled_out() -> None:
    assert flesch_kincaid_grade("The cat sat on the mat.") == pytest.approx(-1.45)
    assert flesch_kincaid_grade("Aspirin reduces the risk of heart attack.") == pytest.approx(7.368571, abs=1e-5)
    assert flesch_kincaid_grade("") == 0.0


@pytest.mark.parametrize(
    ("word", "n"),
    [
        ("table", 2), ("used", 1), ("treated", 2), ("time", 1), ("people", 2), ("randomized", 3),
        ("hypertension", 4), ("pneumonia", 4), ("radiation", 4), ("trial", 2), ("outcomes", 2), ("doses", 2),
        ("the", 1), ("cardiovascular", 6),
    ],
)  # fmt: skip
def test_syllable_heuristic(word: str, n: int) -> None:
    assert count_syllables(word) == n


def test_plain_rewrite_drops_reading_grade_substantially() -> None:
    before = _mean([flesch_kincaid_grade(s) for s in SENTENCES])
    after = _mean([flesch_kincaid_grade(to_plain(s)) for s in SENTENCES])
    print(f"\nFK grade over {len(SENTENCES)} sentences: {before:.2f} -> {after:.2f}")
    assert len(SENTENCES) >= 30
    assert after <= before - 4.0
    assert sum(flesch_kincaid_grade(to_plain(s)) <= flesch_kincaid_grade(s) for s in SENTENCES) >= 30


@pytest.mark.parametrize("sentence", SENTENCES)
def test_plain_keeps_every_negation_and_drug_name(sentence: str) -> None:
    plain = to_plain(sentence)
    assert len(NEGATION.findall(plain)) >= len(NEGATION.findall(sentence))
    for drug in DRUGS:
        if drug.lower() in sentence.lower():
            assert drug.lower() in plain.lower(), drug
    assert plain[0].isupper() and plain.endswith(".")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_plain_removes_statistics_and_citations(sentence: str) -> None:
    plain = to_plain(sentence)
    for marker in ("95%", " CI", "P<", "P =", "P<0", "HR ", " OR ", "RR ", "n =", "[", "et al", "Grade 1B", "Level of"):
        assert marker not in plain, (marker, plain)


def test_plain_removes_parenthetical_statistics_but_keeps_words() -> None:
    assert to_plain("Mortality fell (HR 0.65, 95% CI 0.55-0.77; P<0.001) [12].") == "Deaths fell."
    assert to_plain("The trial enrolled adults (n = 120) with asthma.") == "The study enrolled adults with asthma."
    assert to_plain("Fractures were more common (Smith et al., 2019).") == "Broken bones were more common."
    kept = to_plain("Outcomes did not differ (no difference in mortality; P = 0.45).")
    assert "no difference in deaths" in kept and "0.45" not in kept


def test_plain_keeps_negations_in_tricky_sentences() -> None:
    plain = to_plain(
        "Concomitant administration of tamoxifen with T-DM1 is not recommended because there is no evidence of "
        "additional efficacy and an increased risk of adverse events."
    )
    assert "not recommended" in plain and "no evidence" in plain
    assert "tamoxifen" in plain and "T-DM1" in plain and "side effects" in plain
    assert "no clear difference" in to_plain("There was no statistically significant difference (P = 0.62).")
    assert "not" in to_plain("Corticosteroids did not significantly reduce mortality (OR 0.95).")


@pytest.mark.parametrize(
    ("jargon", "plain"),
    [
        ("Aspirin reduces the risk of myocardial infarction.", "heart attack"),
        ("Hypertension is common.", "High blood pressure"),
        ("Metformin is contraindicated in severe renal impairment.", "should not be used"),
        ("Adverse events were rare.", "Side effects"),
        ("Dose adjustment is needed in renal disease.", "kidney"),
        ("Hepatic enzymes rose.", "Liver"),
        ("It was compared with placebo.", "a dummy pill"),
        ("Subcutaneous heparin was given.", "under the skin"),
        ("Oral amoxicillin was used.", "by mouth"),
        ("An analgesic was given.", "painkiller"),
        ("Antibiotic prophylaxis is advised.", "prevention"),
        ("Trastuzumab improved survival in metastatic breast cancer.", "breast cancer that has spread"),
        ("Mortality fell.", "Deaths"),
        ("Morbidity was high.", "Illness"),
        ("A randomized controlled trial showed benefit.", "study"),
        ("Concomitant use of aspirin and ibuprofen is common.", "at the same time"),
        ("The efficacy of aspirin was similar.", "How well aspirin works"),
        ("Administration of aspirin within 24 hours helped.", "Giving aspirin"),
        ("The difference was statistically significant.", "clear"),
    ],
)
def test_plain_replaces_jargon(jargon: str, plain: str) -> None:
    assert plain in to_plain(jargon)


def test_plain_splits_long_sentences_at_semicolons() -> None:
    plain = to_plain(
        "Patients receiving concomitant anticoagulants and antiplatelet agents have a higher risk of "
        "gastrointestinal hemorrhage; proton pump inhibitor prophylaxis should be considered in this population."
    )
    first, second = plain.split(". ")
    assert first.startswith("People") and second.startswith("Proton pump inhibitor prevention")
    assert plain.endswith(".")
    assert to_plain("Short; still short.") == "Short; still short."


def test_plain_fixes_articles_and_handles_empty_input() -> None:
    assert to_plain("This was an acute event") == "This was a sudden event."
    assert to_plain("") == ""


def test_student_expands_abbreviations_on_first_use_only() -> None:
    out = for_student("The HR for death was 0.65 and the HR for stroke was 0.80.")
    assert out == "The hazard ratio (HR) for death was 0.65 and the HR for stroke was 0.80."
    assert "confidence interval [CI]" in for_student("Deaths fell (HR 0.65, 95% CI 0.55-0.77).")
    assert for_student("The hazard ratio (HR) was 0.7.") == "The hazard ratio (HR) was 0.7."
    assert for_student("AEs were rare.") == "Adverse events (AEs) were rare."
    assert "stage IV" in for_student("Patients with stage IV cancer were excluded.")
    seen: set[str] = set()
    assert "hazard ratio" in for_student("The HR was 0.7.", seen)
    assert for_student("The HR was 0.8.", seen) == "The HR was 0.8."
