"""Mechanisms from the session-8 clinician questions on the starter library: exclusions by "never had", the habit a
treatment helps quit, units after a number, withholding a drug, closed ranges and capitalised measures, lists of
contraindications, and doses against a ceiling or the usual range."""

from __future__ import annotations

import pytest

from clinevidence.answer.models import Verdict
from clinevidence.answer.polarity import dose_stance, question_polarity
from clinevidence.answer.question import analyze, excluded_concepts
from clinevidence.answer.recommendation import outcome_words, threshold_applies
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


def test_never_had_excludes_a_condition(service: AnswerService) -> None:
    q = "Is allopurinol worth starting for hyperuricemia in a man who has never had gout?"
    conds = [c for c in analyze(q).concepts if c.kind == "condition"]
    assert [c.name for c in excluded_concepts(q, conds)] == ["gout"]
    assert service.ask(q).verdict == Verdict.insufficient
    # Hyperuricaemia is a raised serum urate, not gout itself: in gout the guideline answers.
    a = service.ask("Does allopurinol lower serum urate in gout?")
    assert a.verdict == Verdict.yes, a.title


def test_the_habit_a_treatment_helps_quit_is_its_outcome(service: AnswerService) -> None:
    assert outcome_words("Can bupropion help people quit vaping?", []) == ["vaping"]
    assert service.ask("Does varenicline help smokers quit vaping?").verdict == Verdict.insufficient
    assert service.ask("Can bupropion help people quit smoking?").verdict == Verdict.yes


def test_a_unit_after_a_number_is_no_unknown_topic(service: AnswerService) -> None:
    a = service.ask("Should long-term oxygen be offered to a COPD patient whose resting PaO2 is 50 mmHg?")
    assert a.verdict == Verdict.yes, a.title


def test_a_benzo_is_a_benzodiazepine(service: AnswerService) -> None:
    assert "benzodiazepine" in [c.name for c in analyze("Is a benzo safe with an opioid?").concepts]


def test_withholding_is_stopping_and_a_closed_range_holds() -> None:
    sentence = (
        "Metformin should be withheld at the time of iodinated contrast imaging in patients with an eGFR between 30 "
        "and 60 mL/min/1.73 m2."
    )
    assert threshold_applies("metformin with an eGFR of 50", sentence) is True
    assert threshold_applies("metformin with an eGFR of 75", sentence) is False
    q = "Should metformin be withheld before contrast with an eGFR of 50?"
    assert question_polarity(q, sentence, set()) == "no"


def test_withholding_metformin_for_contrast(service: AnswerService) -> None:
    a = service.ask("Does metformin need to be withheld for iodinated contrast when the eGFR is 35?")
    assert a.verdict == Verdict.yes, a.title


def test_a_listed_contraindication_answers_only_a_question_naming_it(service: AnswerService) -> None:
    listed = (
        "Contraindications to thrombolysis include intracranial haemorrhage, suspected aortic dissection, "
        "platelet count below 100,000 per microlitre and INR above 1.7."
    )
    assert question_polarity("Can tenecteplase be given with an INR of 3?", listed, set()) == "no"
    assert question_polarity("Can tenecteplase be given with an INR of 1.1?", listed, set()) is None
    assert question_polarity("Can thrombolysis be given in suspected aortic dissection?", listed, set()) == "no"
    a = service.ask("Is thrombolysis with alteplase OK for an ischaemic stroke when the INR is 3.1?")
    assert a.verdict == Verdict.no, a.title
    a = service.ask("Can alteplase be given 4 hours after ischaemic stroke onset?")
    assert a.verdict == Verdict.yes, a.title


def test_a_dose_against_a_ceiling_or_the_usual_range() -> None:
    ceiling = "The maximum recommended dose of citalopram is 20 mg daily in adults older than 60 years."
    assert dose_stance("Is 30 mg of citalopram daily fine for an 80-year-old?", ceiling) == "no"
    assert dose_stance("Is 30 mg of citalopram daily fine for a 40-year-old?", ceiling) is None  # not for them
    assert dose_stance("Is 10 mg of citalopram daily fine for an 80-year-old?", ceiling) == ""  # under it
    usual = "The usual adult dose of paracetamol is 500 mg to 1 g every 4 to 6 hours as needed."
    assert dose_stance("Can I take 500 mg of paracetamol every 6 hours?", usual) == "yes"
    assert dose_stance("Can I take 2 g of paracetamol every 6 hours?", usual) == "no"
    assert dose_stance("Can I take 1 g of paracetamol every 2 hours?", usual) == "no"
    assert dose_stance("Is 4 g/day of paracetamol OK?", usual) is None  # a daily amount, a per-dose range
    risk = "A lower maximum dose of paracetamol, such as 3 g per day, is advised for adults with risk factors."
    assert dose_stance("Is 1 g of paracetamol every 6 hours OK for a healthy adult?", risk) is None


def test_a_usual_dose_answers_yes(service: AnswerService) -> None:
    a = service.ask("Is acetaminophen 1 g every 6 hours an acceptable dose for a healthy adult?")
    assert a.verdict == Verdict.yes, a.title


def test_a_body_that_recommends_takes_a_stance() -> None:
    from clinevidence.answer.polarity import polarity

    assert polarity("The GOLD report recommends combined LAMA plus LABA therapy for frequent exacerbations.") == "yes"
    assert polarity("The USPSTF recommends against initiating low-dose aspirin in adults 60 or older.") == "no"


def test_a_choice_between_two_options_is_answered_by_either_side(service: AnswerService) -> None:
    from clinevidence.answer.recommendation import answer_from_stance

    q = "In COPD with exacerbations, is LAMA plus LABA or LABA plus ICS the preferred combination?"
    assert answer_from_stance(q, "no", "LABA plus ICS without a LAMA is no longer encouraged in COPD.") == "yes"
    assert (
        answer_from_stance("Is LABA plus ICS preferred in COPD?", "no", "LABA plus ICS is no longer encouraged.")
        == "no"
    )
    a = service.ask("For a COPD patient with frequent flare-ups, is LAMA/LABA or LABA/ICS the better choice?")
    assert a.verdict == Verdict.yes, a.title


def test_without_contraindications_does_not_answer_a_patient_with_one(service: AnswerService) -> None:
    from clinevidence.answer.polarity import absent_instance_named

    doc = [
        "Triptans are contraindicated in patients with ischaemic heart disease, previous stroke or TIA.",
        "Triptans are recommended for migraine in adults without vascular contraindications.",
    ]
    assert absent_instance_named("Can a triptan be used after a TIA?", doc[1], doc)
    assert not absent_instance_named("Can a triptan be used for migraine?", doc[1], doc)
    a = service.ask("Is rizatriptan OK for a patient with migraine who has ischaemic heart disease?")
    assert a.verdict == Verdict.no, a.title
    assert "contraindicated" in str(a.receipt.details.get("verdict_sentence")), a.receipt.details


def test_b_rather_than_a_answers_a_question_proposing_either(service: AnswerService) -> None:
    from clinevidence.answer.recommendation import answer_from_stance

    s = "Antidepressants should be tapered gradually rather than stopped abruptly."
    assert answer_from_stance("Can citalopram be stopped abruptly?", "no", s) == "no"
    assert answer_from_stance("Should an SSRI be tapered gradually?", "no", s) == "yes"
    assert service.ask("Is it fine to stop escitalopram abruptly?").verdict == Verdict.no
