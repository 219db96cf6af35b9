"""Patient rewrites added for issue 14's readability target: each keeps the meaning and reads as a sentence."""

from __future__ import annotations

import pytest

from clinevidence.answer.audience import (
    meaning_check,
    plain_statement,
    recommendation_direction,
    render_answer,
    to_plain,
)
from clinevidence.answer.models import Answer, Audience, Receipt, Section, Statement, Support, Verdict

CASES = [
    (  # shared subject: said twice, both negations kept
        "Methotrexate is not safe to use during pregnancy and should not be taken by women who are pregnant.",
        "Methotrexate is not safe to use during pregnancy. Methotrexate should not be taken by women who are pregnant.",
    ),
    (  # ", but are used" has no subject of its own: the subject is repeated, never "But are used"
        "Beta-blockers are not recommended as first-line treatment for uncomplicated hypertension, but are used when "
        "there is a compelling indication.",
        "But beta-blockers are used when there is a compelling medical reason.",
    ),
    (  # "shown to reduce" is the finding: never cut into "have been shown. This is to reduce"
        "In primary and secondary prevention trials, statins have been shown to reduce the risk of stroke.",
        "statins have been shown to reduce the risk of stroke.",
    ),
    (  # ", and had" continues the subject's list: no sentence "Had a lower survival."
        "Patients who received radiotherapy required more radical exenterations, had increased rates of surgical "
        "complications, and had a lower disease-free survival.",
        "and had a lower disease-free survival.",
    ),
    ("To examine patterns of knowledge among adults unvaccinated for influenza.", "This study aimed to look at"),
    ("The purpose of this study was to determine the impact of fellowships.", "This study aimed to find out the"),
    (
        "Fosfomycin 3 g as a single dose is a first-line option for cystitis, although it is slightly less effective "
        "than nitrofurantoin.",
        "But it is slightly less effective than nitrofurantoin.",
    ),
    ("Endoscopic splenectomy was performed on six pigs.", "Endoscopic splenectomy was done on six pigs."),
    (  # each route keeps its own duration
        "A drug holiday may be considered after 5 years of oral or 3 years of intravenous bisphosphonate therapy.",
        "bisphosphonate treatment for 5 years by mouth or 3 years into a vein",
    ),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_new_rewrites_read_right_and_keep_the_meaning(source: str, expected: str) -> None:
    out = plain_statement(source)
    assert out.level == "plain", out.problems
    assert expected in out.text
    assert meaning_check(source, out.text, out.details).ok


@pytest.mark.parametrize(
    "source",
    [
        # "only for" must stay bound: not "Doctors advise X only. This applies to people with ..."
        "Long-term PPI therapy is recommended only for patients with a clear ongoing indication.",
        # the list sits inside the subject: not "Most infections. This includes the common cold, are caused by viruses."
        "Most acute upper respiratory tract infections, including the common cold, are caused by viruses.",
        # "for adults and adolescents is ..." : the verb after the group is the main clause's
        "In GINA Track 1, the preferred reliever for adults and adolescents is as-needed low-dose ICS-formoterol.",
        # a condition binds both halves: no shared-subject split
        "Metformin is first-line and should be continued unless the eGFR falls below 30 mL/min.",
    ],
)
def test_cuts_that_would_change_the_meaning_are_not_made(source: str) -> None:
    text = to_plain(source)
    assert "only. This applies" not in text
    assert "This includes the common cold, are" not in text
    assert "This applies to adults and adolescents is" not in text
    if "unless" in source:
        assert "unless" in text and text.count("Metformin") == 1 + text.count("Metformin is a")


def test_adversarial_meaning_checks_on_the_new_shapes() -> None:
    src = "Methotrexate is not safe to use during pregnancy and should not be taken by women who are pregnant."
    assert not meaning_check(src, "Methotrexate is safe to use during pregnancy. Methotrexate should not be taken.").ok
    assert not meaning_check(src, "Methotrexate is not safe to use during pregnancy.").ok  # a negation dropped
    src2 = "A drug holiday may be considered after 5 years of oral or 3 years of intravenous bisphosphonate therapy."
    assert not meaning_check(src2, "Doctors may suggest a drug holiday after 3 years of bisphosphonate treatment.").ok
    src3 = "Long-term PPI therapy is recommended only for patients with a clear ongoing indication."
    assert not meaning_check(src3, "Doctors advise long-term PPI treatment for people with an indication.").ok


def test_pre_nominal_words_stay_grammatical() -> None:
    assert "without symptoms interstitial" not in to_plain("For asymptomatic interstitial lung disease, stop T-DXd.")
    assert "living at home adults" not in to_plain("Vitamin D does not prevent fractures in community-dwelling adults.")
    assert "treatment blood-thinning treatment" not in to_plain("Patients on therapeutic anticoagulation bled more.")
    assert "of by mouth" not in to_plain("Bisphosphonates are given for 5 years of oral therapy.")
    adherence = "Extra interventions will be needed to maintain women's adherence to mammography."
    assert "women's taking treatment" not in to_plain(adherence)


def _answer(texts: list[str], quotes: list[str]) -> Answer:
    statements = [
        Statement(text=t, citations=[1], support=[Support(n=1, quote=q, score=1.0, passage_id="d#1")], supported=True)
        for t, q in zip(texts, quotes, strict=True)
    ]
    receipt = Receipt(engine="extractive", engine_version="x", config_hash="h", library_snapshot="s", created_at="t")
    return Answer(
        question="q", audience=Audience.patient, title="DOAC in atrial fibrillation: Recommended", verdict=Verdict.yes,
        verdict_label="Recommended", summary=statements[:1], sections=[Section(heading="Rationale",
        statements=statements[1:])], receipt=receipt,
    )  # fmt: skip


def test_bracketed_medical_name_is_given_once_per_article() -> None:
    quotes = [
        "DOACs are preferred to warfarin in atrial fibrillation.",
        "Warfarin is used in atrial fibrillation with a mechanical heart valve.",
    ]
    out = render_answer(_answer([to_plain(q) for q in quotes], quotes))
    first, second = (s.text for s in out.all_statements())
    assert "irregular heartbeat (atrial fibrillation)" in first
    assert "irregular heartbeat" in second and "(atrial fibrillation)" not in second
    assert all(s.clinician_text for s in out.all_statements())  # the clinician wording is still one click away


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        (  # ", but increased" has no subject of its own: no "But increased major bleeding."
            "In adults aged 70 years or older, daily aspirin 100 mg did not prolong disability-free survival and did "
            "not significantly reduce cardiovascular disease, but increased major haemorrhage.",
            "But increased",
        ),
        (  # the group lift leaves no ",." behind
            "The SGLT2 inhibitors dapagliflozin and empagliflozin reduce cardiovascular death or worsening heart "
            "failure in HFrEF, in patients with or without diabetes.",
            ",.",
        ),
        ("EMPA-REG OUTCOME was a randomised, placebo-controlled trial of 7020 patients.", "EMPA-REG result"),
        (  # a list of subjects is not a clause: no "Injury severity score, Glasgow coma score."
            "Injury severity score (ISS), Glasgow coma score (GCS), and revised trauma score (RTS) are the most "
            "frequently used methods to evaluate the severity of injury in blunt trauma patients.",
            "Glasgow coma score. ",
        ),
        (
            "Eradication should be confirmed with a urea breath test, stool antigen test or biopsy-based test.",
            "An urea",
        ),
    ],
)
def test_rewrites_that_read_wrong_in_the_benchmark(source: str, wrong: str) -> None:
    out = plain_statement(source)
    assert wrong not in out.text
    assert meaning_check(source, out.text, out.details).ok


def test_unless_contraindicated_is_advice_for_with_an_exception() -> None:
    src = (
        "An ARNI (or ACE inhibitor or ARB), an evidence-based beta-blocker, a mineralocorticoid receptor antagonist "
        "and an SGLT2 inhibitor are recommended for all patients with HFrEF unless contraindicated."
    )
    out = plain_statement(src)
    assert out.level == "plain" and "unless there is a medical reason not to" in out.text
    assert recommendation_direction(src) == recommendation_direction(out.text) == "for"
    assert recommendation_direction("Aspirin is contraindicated in children.") == "against"
    # an exception does not hide a real "against" in the same sentence
    assert (
        recommendation_direction("Warfarin is recommended unless contraindicated; aspirin is not recommended.")
        == "against"
    )
    assert not meaning_check(src, "An ARNI and an SGLT2 inhibitor are advised for all people with HFrEF.").ok


def test_study_population_and_single_medicine_dose_move_into_their_own_sentence() -> None:
    src = (
        "A large study in adults aged 70 years or older found that daily aspirin 100 mg did not prolong "
        "disability-free survival and did not significantly reduce cardiovascular disease."
    )
    out = plain_statement(src)
    assert out.text.startswith("A large study found that daily aspirin 100 mg did not prolong")
    assert "The study was in adults aged 70 years or older." in out.text
    assert meaning_check(src, out.text, out.details).ok
    folic = (
        "Women who have had a previous pregnancy affected by a neural tube defect are advised to take a higher dose "
        "of folic acid, 4 mg daily in US guidance, starting before pregnancy."
    )
    out = plain_statement(folic)
    assert "The dose is 4 mg daily in US guidance." in out.text and meaning_check(folic, out.text).ok
    # two medicines: the dose could end up with the wrong one, so it stays where it is
    two = "Patients should take aspirin with clopidogrel, 75 mg daily, for at least twelve months after stenting."
    assert "The dose is" not in to_plain(two)


def test_new_glossary_medicines_are_explained_and_checked() -> None:
    out = plain_statement("Pantoprazole has less effect on clopidogrel activation than omeprazole.")
    assert "Pantoprazole is a medicine that lowers stomach acid." in out.text
    assert not meaning_check("Pantoprazole is preferred.", "It is preferred.").ok  # a glossary medicine lost


def test_a_study_finding_stays_bound_to_its_study() -> None:
    src = (
        "In the CARES trial in patients with gout and cardiovascular disease, febuxostat was noninferior to "
        "allopurinol for major adverse cardiovascular events but was associated with higher cardiovascular and "
        "all-cause mortality."
    )
    out = plain_statement(src)
    assert out.text.startswith("Febuxostat was no worse than allopurinol for major heart and blood vessel events.")
    assert "But febuxostat was linked to higher deaths" in out.text
    assert "This was found in a large study in people with gout" in out.text
    assert "This applies to people with gout" not in out.text  # who a study enrolled is not who a rule is for
    assert out.details == ("CARES trial",) and meaning_check(src, out.text, out.details).ok
    trial = (
        "The ASPREE trial in adults aged 70 years or older found that daily aspirin 100 mg did not prolong "
        "disability-free survival."
    )
    assert "The study was in adults aged 70 years or older." in to_plain(trial)


def test_objective_rewrite_only_for_fragments() -> None:
    long_aim = (
        "To determine whether there are differences between blood pressure measured by the nurse and self-measured "
        "blood pressure in treated hypertensive patients and, if found, to evaluate their clinical significance."
    )
    assert to_plain(long_aim).startswith("This study aimed to find out whether")
    assert to_plain("To assess outcomes, we reviewed 40 charts.").startswith("To check")  # a sentence already
    # a guideline's instruction is not a study's aim
    assert "This study" not in to_plain("Determine the eGFR before starting metformin.")
    out = plain_statement("Clinically positive nodes are widely considered a contraindication to sentinel node biopsy.")
    assert "a reason not to use sentinel node biopsy" in out.text and out.level == "plain"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Varenicline was well tolerated.", "Varenicline caused few problems."),  # never "was caused few problems"
        ("The drug is generally well tolerated in older adults.", "The drug usually causes few problems"),
        (
            "Mortality fell by half in the treated group, suggesting that early therapy is beneficial.",
            "Deaths fell by half in the treated group. This suggests that early treatment is beneficial.",
        ),
        (
            "The incidence rose in the first cohort of the registry, while the incidence in men remained stable.",
            ". But the rate of new cases in men remained stable.",
        ),
        ("Endoscopy was conducted in three hospitals.", "Endoscopy was done in three hospitals."),
    ],
)
def test_research_and_tolerability_wording(source: str, expected: str) -> None:
    out = plain_statement(source)
    assert expected in out.text
    assert meaning_check(source, out.text, out.details).ok


def test_scan_and_research_words_stay_grammatical() -> None:
    assert to_plain("Computed tomography findings were compared with magnetic resonance imaging.") == (
        "CT scan findings were compared with MRI."
    )
    assert "unvaccinated seniors" in to_plain("Musculoskeletal pain was common in unvaccinated seniors.")
    assert "A LAMA is a long-acting inhaler medicine" in to_plain("LABA plus ICS without a LAMA is not encouraged.")


def test_and_effective_in_agrees_with_its_verb() -> None:
    src = "Inactivated influenza vaccine is safe in pregnancy and effective in reducing influenza in mothers."
    out = plain_statement(src)
    assert "is safe in pregnancy and lowers flu in mothers" in out.text and meaning_check(src, out.text).ok
    assert "are safe and reduce events" in to_plain("Statins are safe and effective in reducing events.")


def test_spelled_out_relative_risk_goes_to_details() -> None:
    src = "Compared with warfarin, DOACs reduced intracranial haemorrhage by about half (relative risk 0.48)."
    out = plain_statement(src)
    assert "0.48" not in out.text and out.details == ("relative risk 0.48",)
    assert meaning_check(src, out.text, out.details).ok
    assert not meaning_check(src, out.text).ok  # the number must be somewhere: text or details


def test_route_words_inside_other_words_and_names_stay() -> None:
    assert "taken by mouth" not in to_plain("We present results of per-oral transgastric splenectomy in pigs.")
    assert "into a vein urography" not in to_plain("Factors were measured in the pre-treatment intravenous urography.")
    assert "removing the breathing tube strategy" not in to_plain("An early extubation strategy was used.")
    assert (
        to_plain("Readings obtained by the physician were higher.") == "Readings collected by the doctor were higher."
    )
