"""Audience rendering: Flesch-Kincaid grade, faithful plain-language rewrites, student abbreviations."""

from __future__ import annotations

import re

import pytest

from clinevidence.answer import audience
from clinevidence.answer.audience import (
    KEPT_NOTE,
    count_syllables,
    flesch_kincaid_grade,
    for_student,
    meaning_check,
    plain_statement,
    plain_title,
    recommendation_direction,
    render_answer,
    to_plain,
)
from clinevidence.answer.models import Answer, Audience, Receipt, Section, Statement, Support, Verdict

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
    assert plain.startswith("Doctors do not advise") and "no evidence" in plain
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
    first, second, *glossary = plain.split(". ")
    assert first.startswith("People") and second.startswith("Proton pump inhibitor prevention")
    assert glossary[0] == "An anticoagulant is a blood thinner" and glossary[-1].startswith(
        "A proton pump inhibitor is"
    )
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


# --- issue 14: patient rendering that keeps the meaning -----------------------------------------------------
@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_patient_rewrite_passes_the_meaning_check(sentence: str) -> None:
    p = plain_statement(sentence)
    assert meaning_check(sentence, p.text.replace(KEPT_NOTE, ""), p.details).ok, (p.problems, p.text)


def test_most_sentences_are_simplified_not_kept() -> None:
    levels = [plain_statement(s).level for s in SENTENCES]
    assert levels.count("plain") >= 0.9 * len(levels), levels


@pytest.mark.parametrize(
    ("original", "distorted", "problem"),
    [
        ("Aspirin is not recommended for primary prevention.", "Doctors advise aspirin for prevention.", "negation"),
        ("Avoid NSAIDs in chronic kidney disease.", "Use NSAIDs in kidney disease.", "negation"),
        ("Metformin is contraindicated below an eGFR of 30.", "Metformin can be used below an eGFR of 30.", "negation"),
        (
            "Aspirin is recommended unless bleeding risk is high.",
            "Doctors advise aspirin. Bleeding risk is high.",
            "unless",
        ),
        ("Give amoxicillin 80 to 90 mg/kg per day.", "Give amoxicillin 80 mg/kg per day.", "number"),
        (
            "Combining tamoxifen with T-DM1 is not recommended.",
            "Doctors do not advise combining these medicines.",
            "drug",
        ),
        ("Stop methotrexate 3 months before conception.", "Stop the medicine before pregnancy.", "drug"),
        ("Warfarin is preferred to a DOAC with a mechanical valve.", "A DOAC is preferred to warfarin.", "direction"),
    ],
)
def test_meaning_check_catches_adversarial_rewrites(original: str, distorted: str, problem: str) -> None:
    check = meaning_check(original, distorted)
    assert not check.ok, (original, distorted)
    words = {"negation": ("negation", "direction"), "unless": ("unless",), "number": ("number",),
             "drug": ("drug",), "direction": ("direction", "drug", "negation")}[problem]  # fmt: skip
    assert any(w in p for p in check.problems for w in words) or problem == "direction", check.problems


def test_meaning_check_lets_statistics_but_not_doses_move_to_details() -> None:
    original = "Dapagliflozin reduced deaths (HR 0.74, 95% CI 0.65-0.85) at a dose of 10 mg daily."
    assert meaning_check(
        original, "Dapagliflozin lowered deaths at a dose of 10 mg daily.", ["HR 0.74, 95% CI 0.65-0.85"]
    ).ok
    assert not meaning_check(original, "Dapagliflozin lowered deaths.", ["HR 0.74, 95% CI 0.65-0.85", "10 mg daily"]).ok


def test_direction_of_recommendation() -> None:
    assert recommendation_direction("Doctors do not advise X.") == "against"
    assert recommendation_direction("X is contraindicated in pregnancy.") == "against"
    assert recommendation_direction("The guideline recommends against X.") == "against"
    assert recommendation_direction("Doctors advise X for Y.") == "for"
    assert recommendation_direction("X lowered blood pressure.") == "none"


def test_a_rewrite_that_fails_the_check_falls_back_to_safer_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audience, "_simplify", lambda text, details: "Doctors advise aspirin for everyone.")
    p = plain_statement("Aspirin is not recommended in children younger than 16 years (P<0.001).")
    assert p.level == "conservative" and p.problems
    assert p.text.startswith("Aspirin is not recommended in children younger than 16 years.") and KEPT_NOTE in p.text
    assert p.details == ("P<0.001",)


def test_active_voice_templates_for_recommendations() -> None:
    assert to_plain("Routine imaging is not recommended for acute low back pain.").startswith(
        "Doctors do not advise routine imaging"
    )
    assert to_plain("Amoxicillin is recommended as the first-line antibiotic.").startswith("Doctors advise amoxicillin")
    assert to_plain("Low-dose aspirin may be considered in younger adults.").startswith("Doctors may suggest low-dose")


def test_clause_splitting_and_conditions_kept_together() -> None:
    split = to_plain("Combining warfarin with NSAIDs is not safe without medical supervision because the combination "
                     "increases serious bleeding.")  # fmt: skip
    assert ". This is because the combination" in split
    kept = to_plain("Aspirin is not safe for children with viral infections because of Reye's syndrome unless a "
                    "specialist advises it.")  # fmt: skip
    assert "This is because" not in kept and "unless" in kept


def test_trial_and_guideline_names_move_to_details() -> None:
    p = plain_statement("The EMILIA trial established T-DM1 as the standard second-line therapy.")
    assert (
        p.text.startswith("A large study established T-DM1") and "EMILIA" not in p.text and "EMILIA trial" in p.details
    )
    q = plain_statement("The US Preventive Services Task Force (2022) recommends against routine aspirin.")
    assert q.text.startswith("A guideline advises against routine aspirin") and "2022" not in q.text
    assert "2022" in q.details and "Source: US Preventive Services Task Force" in q.details


def test_glossary_explains_a_medicine_on_first_use_only() -> None:
    explained: set[str] = set()
    first = plain_statement("Tamoxifen should not be combined with T-DM1.", explained)
    assert "T-DM1 is a targeted cancer medicine." in first.text and "Tamoxifen is a hormone" in first.text
    second = plain_statement("T-DM1 improved survival.", explained)
    assert "targeted cancer medicine" not in second.text
    classes = to_plain("SGLT2 inhibitors are recommended in heart failure.")
    assert "An SGLT2 inhibitor is a diabetes medicine" in classes


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ("Tamoxifen with T-DM1: Not Recommended", "Tamoxifen and T-DM1 together: not advised"),
        ("Influenza vaccine in pregnancy: Generally Safe", "Flu vaccine in pregnancy: usually safe"),
        ("Methotrexate in pregnancy: Contraindicated", "Methotrexate in pregnancy: must not be used"),
        ("Blood eosinophil count with inhaled corticosteroid: Not Recommended", None),
        ("Seek emergency care now", "Seek emergency care now"),
    ],
)
def test_plain_titles(title: str, plain: str | None) -> None:
    out = plain_title(title)
    if plain is None:
        assert "together" not in out and out.endswith(": not advised")
    else:
        assert out == plain


def _answer(audience_: Audience, texts: list[str], quotes: list[str] | None = None) -> Answer:
    quotes = quotes or texts
    statements = [
        Statement(text=t, citations=[1], support=[Support(n=1, quote=q, score=1.0, passage_id="d#1")], supported=True)
        for t, q in zip(texts, quotes, strict=True)
    ]
    receipt = Receipt(engine="extractive", engine_version="x", config_hash="h", library_snapshot="s", created_at="t")
    return Answer(
        question="q", audience=audience_, title="Tamoxifen with T-DM1: Not Recommended", verdict=Verdict.no,
        verdict_label="Not Recommended", summary=statements[:1], sections=[Section(heading="Rationale",
        statements=statements[1:])], receipt=receipt,
    )  # fmt: skip


def test_render_answer_for_patients_explains_once_and_keeps_the_clinician_wording_one_click_away() -> None:
    quotes = [
        "Combining tamoxifen with T-DM1 is not recommended (HR 1.1, 95% CI 0.9-1.3).",
        "The EMILIA trial established T-DM1 as the standard second-line therapy.",
    ]
    a = _answer(Audience.patient, [to_plain(q) for q in quotes], quotes)
    assert all("T-DM1 is a targeted cancer medicine." in s.text for s in a.all_statements())
    out = render_answer(a)
    texts = [s.text for s in out.all_statements()]
    assert "T-DM1 is a targeted cancer medicine." in texts[0] and "targeted cancer medicine" not in texts[1]
    assert out.title == "Tamoxifen and T-DM1 together: not advised"
    assert [s.details for s in out.all_statements()] == [["HR 1.1, 95% CI 0.9-1.3"], ["EMILIA trial"]]
    assert [s.clinician_text for s in out.all_statements()] == quotes  # the clinician wording, verbatim
    assert [s.support[0].quote for s in out.all_statements()] == quotes
    assert out.key_terms == []
    assert render_answer(out) == out  # idempotent
    assert a.all_statements()[1].text != texts[1]  # a copy: the input is untouched


def test_render_answer_for_students_teaches() -> None:
    sources = [
        "Combining tamoxifen with T-DM1 is not recommended; the HR for progression was 1.1.",
        "T-DM1 improved survival in the EMILIA trial (HR 0.68).",
        "T-DM1 is an antibody-drug conjugate of trastuzumab and a cytotoxic agent.",
    ]
    a = _answer(Audience.student, [for_student(s) for s in sources], sources)
    out = render_answer(a)
    joined = " ".join(s.text for s in out.all_statements())
    assert joined.count("hazard ratio") == 1 and joined.count("antibody-drug conjugate that carries") == 1
    assert out.sections[0].statements[0].text.startswith("T-DM1 is an antibody-drug conjugate")  # mechanism first
    terms = {t.term: t for t in out.key_terms}
    assert terms["T-DM1"].source == "library" and terms["T-DM1"].citations == [1]
    assert terms["tamoxifen"].source == "glossary" and "oestrogen" in terms["tamoxifen"].definition
    assert terms["HR"].definition == "hazard ratio" and terms["HR"].source == "abbreviation"
    assert all(s.clinician_text == "" and s.details == [] for s in out.all_statements())
    assert render_answer(_answer(Audience.clinician, sources)).receipt.details == {}


def test_student_mode_defines_medicines_after_their_first_mention() -> None:
    out = for_student("Combining tamoxifen with T-DM1 is not recommended.")
    assert "tamoxifen (a selective oestrogen receptor modulator)" in out
    assert "T-DM1 (trastuzumab emtansine, an antibody-drug conjugate" in out
    seen: set[str] = set()
    for_student("Tamoxifen is an option.", seen)
    assert "(a selective" not in for_student("Tamoxifen again.", seen)


def test_a_trailing_condition_gets_its_own_sentence_but_stays_bound() -> None:
    s = (
        "NICE recommends nitrofurantoin 100 mg twice a day for 3 days for lower UTI in non-pregnant women, "
        "if the eGFR is 45 mL/min or more."
    )
    p = plain_statement(s)
    assert p.level == "plain" and "This applies if the eGFR is 45 mL/min or more." in p.text
    assert "100 mg" in p.text and "3 days" in p.text
    kept = to_plain(
        "Aspirin is recommended for secondary prevention in adults with heart disease, unless bleeding risk is high."
    )
    assert "This applies" not in kept and ", unless bleeding risk is high" in kept


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a subject that holds a verb is not a subject: no "Doctors do not advise delaying ... is linked to"
        (
            "Delaying antibiotics in septic shock is associated with higher mortality and is not recommended.",
            "Delaying antibiotics in septic shock is linked to higher deaths. "
            "Doctors do not advise delaying antibiotics in septic shock.",
        ),
        ("Inhaled corticosteroids are not recommended as monotherapy in COPD.", "as single-drug treatment in COPD"),
        (
            "High-dose folic acid (4 to 5 mg daily) is recommended for women at high risk.",
            "The dose is 4 to 5 mg daily.",
        ),
        (
            "NICE advises avoiding concomitant use of clopidogrel with omeprazole or esomeprazole.",
            "avoiding using clopidogrel with omeprazole or esomeprazole at the same time",
        ),
        ("T-DM1 is indicated for HER2-positive metastatic breast cancer.", "HER2-positive means the cancer cells"),
        ("Warfarin is recommended for patients with a mechanical heart valve.", "A mechanical heart valve is an"),
        # no "This applies to ..." when what is left has no verb; "S. aureus" keeps its lower case
        (
            "Among Stage IV patients the 5-year rates for patients who did and did not receive induction "
            "chemotherapy were as follows: survival 68 vs. 56% (p = 0.02).",
            "the 5-year rates for people who did and did not receive",
        ),
        ("PVL-positive S. aureus are of no particular significance in S. aureus bacteraemia.", "S. aureus are"),
    ],
)
def test_rewrites_that_once_read_wrong(sentence: str, expected: str) -> None:
    assert expected in to_plain(sentence)


def test_student_expansion_fixes_the_article() -> None:
    assert for_student("An SSRI should not be combined with an MAOI.").startswith(
        "A selective serotonin reuptake inhibitor (SSRI) should not"
    )


def test_effective_reads_as_works() -> None:
    assert to_plain("Paracetamol alone is not effective for acute low back pain.").startswith(
        "Paracetamol alone does not work well"
    )
    assert to_plain("DOACs are more effective than warfarin in preventing stroke.").startswith(
        "DOACs work better than warfarin"
    )
