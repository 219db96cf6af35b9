"""Mechanisms from the session-9 clinician questions on the starter library: questions phrased as "Is it wrong to
...?", a choice between two options in a setting, dose ceilings written "N mg daily or less", lay names for
breastfeeding, unseen qualifiers of a vaccine or a depression, and preconditions ("must be lowered ... before")."""

from __future__ import annotations

import pytest

from clinevidence.answer.models import Verdict
from clinevidence.answer.polarity import dose_stance, precondition_unmet, question_polarity
from clinevidence.answer.question import analyze
from clinevidence.answer.recommendation import answer_from_stance, proposition
from clinevidence.answer.service import AnswerService, _everyday_inflection
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


@pytest.mark.parametrize(
    "question",
    [
        "Is it wrong to give a triptan to someone with coronary artery disease?",
        "Would it be a mistake to combine an SSRI with an MAOI?",
        "Is it inappropriate to image acute low back pain without red flags?",
    ],
)
def test_is_it_wrong_proposes_against(question: str) -> None:
    assert proposition(question).negative
    assert answer_from_stance(question, "no") == "yes"
    assert answer_from_stance(question, "yes") == "no"


def test_is_it_wrong_is_answered_as_asked(service: AnswerService) -> None:
    a = service.ask("Is it wrong to give an SGLT2 inhibitor to a patient with HFrEF?")
    assert a.verdict == Verdict.no, a.title
    a = service.ask("Is it wrong to give sildenafil to a man who takes isosorbide mononitrate?")
    assert a.verdict == Verdict.yes, a.title


def test_a_choice_between_two_options_in_a_setting_needs_no_sentence_naming_both(service: AnswerService) -> None:
    a = service.ask("In pregnancy, is nifedipine or ramipril the better choice for high blood pressure?")
    assert a.verdict == Verdict.yes, a.title
    # Neither option is named in the setting: still a near miss.
    a = service.ask("For a pregnant woman with atrial fibrillation, is apixaban or warfarin the better choice?")
    assert a.verdict == Verdict.insufficient, a.title


def test_a_ceiling_written_after_the_amount() -> None:
    sentence = (
        "Allopurinol should be started at a low dose, 100 mg daily or less (and lower in patients with chronic "
        "kidney disease), and titrated upward to reach the serum urate target."
    )
    assert dose_stance("Can allopurinol be started at 200 mg daily?", sentence) == "no"
    assert dose_stance("Can allopurinol be started at 50 mg daily?", sentence) == ""
    # The parenthesis lowers the dose for some patients; the ceiling itself is for everyone.
    assert dose_stance("Start allopurinol at 300 mg daily in a patient with CKD?", sentence) == "no"


def test_starting_above_the_ceiling_is_answered_no(service: AnswerService) -> None:
    a = service.ask("Should allopurinol be started at 400 mg daily for gout?")
    assert a.verdict == Verdict.no, a.title


def test_lay_names_for_breastfeeding_and_ra() -> None:
    names = {c.name for c in analyze("Can a nursing mum with RA take methotrexate?").concepts}
    assert {"breastfeeding", "rheumatoid arthritis", "methotrexate"} <= names


def test_a_nursing_mother_on_methotrexate(service: AnswerService) -> None:
    a = service.ask("Is methotrexate OK for a nursing mother?")
    assert a.verdict == Verdict.no, a.title


@pytest.mark.parametrize(
    "question",
    [
        "Can the shingles vaccine be given in pregnancy?",
        "Are SSRIs first-line for bipolar depression?",
        "Is lithium better than an SSRI for bipolar disorder?",
    ],
)
def test_a_vaccine_or_depression_named_by_an_unseen_qualifier_abstains(service: AnswerService, question: str) -> None:
    assert service.ask(question).verdict == Verdict.insufficient


def test_a_vaccine_or_depression_the_library_names_is_answered(service: AnswerService) -> None:
    assert service.ask("Is the MMR vaccine safe during pregnancy?").verdict == Verdict.no
    assert service.ask("Does sertraline help major depression?").verdict == Verdict.yes


def test_an_inflected_everyday_word_is_no_unknown_topic() -> None:
    assert _everyday_inflection("pees")
    assert _everyday_inflection("itches")
    assert not _everyday_inflection("pericarditis")
    assert not _everyday_inflection("gliptins")


def test_a_patient_described_as_not_x_is_written_non_x(service: AnswerService) -> None:
    q = "A 30 year old woman, not pregnant, has cystitis. Is nitrofurantoin first-line?"
    assert "non-pregnant" in service._non_forms(q)
    assert service._non_forms("Is it safe if she is not careful?") == "Is it safe if she is not careful?"
    a = service.ask("My patient is 28, not pregnant, and has cystitis with painful peeing - is fosfomycin first-line?")
    assert a.verdict == Verdict.yes, a.title
    assert "pregnancy" not in a.title


def test_a_step_required_before_the_treatment() -> None:
    sentence = "Blood pressure must be lowered below 185/110 mm Hg before alteplase and kept below 180/105 mm Hg."
    q = "Can alteplase go in before the BP is brought down?"
    assert precondition_unmet(q, sentence)
    assert question_polarity(q, sentence, set()) == "no"
    assert not precondition_unmet(q, "Blood glucose must be checked before thrombolysis.")
    # The treatment's general recommendation does not answer a question about acting before the step.
    general = "Intravenous alteplase is recommended for eligible adults with acute ischaemic stroke within 4.5 hours."
    assert question_polarity(q, general, set()) is None
    assert question_polarity("Is alteplase recommended within 4.5 hours of a stroke?", general, set()) == "yes"


def test_thrombolysis_before_the_blood_pressure_is_lowered(service: AnswerService) -> None:
    a = service.ask("BP 200/115 in an acute stroke - can alteplase be started before the blood pressure is lowered?")
    assert a.verdict == Verdict.no, a.title


def test_a_sentence_on_patients_already_taking_a_drug_does_not_answer_starting_it(service: AnswerService) -> None:
    sentence = (
        "In patients already taking metformin whose eGFR falls below 45 mL/min/1.73 m2, the benefits and risks of "
        "continuing metformin should be reassessed and the dose reduced."
    )
    assert question_polarity("Can metformin be started at an eGFR of 40?", sentence, set()) is None
    assert question_polarity("Can metformin be continued at an eGFR of 40?", sentence, set()) is not None
    a = service.ask("Is it ok to start metformin when the eGFR is 38?")
    assert a.verdict == Verdict.no, a.title


def test_the_chickenpox_vaccine_is_the_varicella_vaccine(service: AnswerService) -> None:
    # A vaccine the library names under another name is no unseen qualifier.
    a = service.ask("Can a pregnant woman have the chickenpox vaccine?")
    assert a.verdict == Verdict.no, a.title
