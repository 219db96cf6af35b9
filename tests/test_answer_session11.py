"""Mechanisms from the session-11 clinician questions on the starter library: the live influenza vaccine is its own
concept, brands of drugs the library names, going over to another treatment ("should I go to Augmentin?"), the
asker introducing themselves ("Cardiology reg here - ..."), a yes/no question without its "should I" ("Stop it
straight away?"), and the nearest kidney-function cut-off deciding."""

from __future__ import annotations

import pytest

from clinevidence.answer.extractive import _setting_conflict
from clinevidence.answer.models import Verdict
from clinevidence.answer.polarity import interval_stance
from clinevidence.answer.question import analyze, find_concepts, switched, written_as_pregnancy
from clinevidence.answer.recommendation import passed_over, threshold_margin
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


# -- lexicon ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["FluMist", "Fluenz Tetra", "the nasal flu vaccine", "LAIV"])
def test_the_live_influenza_vaccine_is_its_own_concept(name: str) -> None:
    assert [c.name for c in find_concepts(f"Is {name} OK in pregnancy?")][0] == "live attenuated influenza vaccine"


def test_the_inactivated_vaccine_is_still_the_influenza_vaccine() -> None:
    assert "influenza vaccine" in [c.name for c in find_concepts("Is the flu shot OK in pregnancy?")]


@pytest.mark.parametrize(
    ("brand", "concept"),
    [
        ("Rheumatrex", "methotrexate"),
        ("Pylera", "H. pylori eradication therapy"),
        ("Talicia", "H. pylori eradication therapy"),
    ],
)
def test_brands_of_drugs_the_library_names(brand: str, concept: str) -> None:
    assert concept in [c.name for c in find_concepts(f"Pt is on {brand}.")]


def test_flumist_in_pregnancy_is_contraindicated(service: AnswerService) -> None:
    a = service.ask("Is FluMist ok for a woman who is 20 weeks pregnant?")
    assert a.verdict == Verdict.no, a.title


def test_the_flu_shot_in_pregnancy_is_still_yes(service: AnswerService) -> None:
    a = service.ask("Is the flu shot safe in pregnancy?")
    assert a.verdict == Verdict.yes, a.title


# -- going over to another treatment ----------------------------------------------------------------------------


def test_go_to_is_a_switch() -> None:
    q = "Kid had amoxicillin 2 weeks ago and now has AOM again - should I go to Augmentin this time?"
    found = {c.name: c for c in find_concepts(q)}
    amox, coamox = found["amoxicillin"], found["amoxicillin-clavulanate"]
    assert switched(q, amox, coamox) == (amox, coamox)
    assert analyze(q).topic.startswith("Switching from amoxicillin to amoxicillin-clavulanate")


def test_the_switch_target_is_the_treatment_asked_about() -> None:
    q = "Kid had amoxicillin 2 weeks ago - should I go to Augmentin this time?"
    s = "Amoxicillin-clavulanate is recommended instead of amoxicillin when the child has received amoxicillin."
    assert not passed_over(q, s)
    # Without the switch, the first drug named is asked about, and a sentence preferring another passes it over.
    assert passed_over("Is amoxicillin OK here?", "Amoxicillin-clavulanate is recommended instead of amoxicillin.")


def test_going_over_to_the_recommended_alternative_is_yes(service: AnswerService) -> None:
    a = service.ask("Kid had amoxicillin 2 weeks ago and now has AOM again - should I go to Augmentin this time?")
    assert a.verdict == Verdict.yes, a.title


# -- the asker introducing themselves; "should I" left out ------------------------------------------------------


@pytest.mark.parametrize("lead", ["Cardiology reg here", "ED nurse here", "Community pharmacist here"])
def test_a_self_introduction_is_no_part_of_the_question(lead: str) -> None:
    a = analyze(f"{lead} - should a non-diabetic HFrEF patient be started on Jardiance?")
    assert a.question.startswith("Should a non-diabetic"), a.question
    assert a.yes_no


def test_a_lead_naming_a_drug_is_kept() -> None:
    a = analyze("Metformin here - should it be stopped?")
    assert a.question.startswith("Metformin here")


def test_self_introduced_question_is_answered(service: AnswerService) -> None:
    a = service.ask("Cardiology reg here - should a non-diabetic HFrEF patient (EF 30%) be started on Jardiance 10mg?")
    assert a.verdict == Verdict.yes, a.title


@pytest.mark.parametrize(
    "q", ["Stop it straight away?", "OK to start Nardil now?", "Safe to give it at 30 weeks?", "Keep him on it?"]
)
def test_a_yes_no_question_without_should_i(q: str) -> None:
    assert analyze(q).yes_no


@pytest.mark.parametrize("q", ["Stop smoking advice for COPD", "Use of statins in older adults?"])
def test_a_bare_topic_is_not_yes_no(q: str) -> None:
    assert not analyze(q).yes_no


# -- the nearest cut-off --------------------------------------------------------------------------------------


def test_the_margin_inside_a_cut_off() -> None:
    q = "T2DM pt with CKD4 (eGFR 22) - can he stay on metformin?"
    assert threshold_margin(
        q, "Metformin is contraindicated in patients with an eGFR below 30 mL/min/1.73 m2."
    ) == pytest.approx(8, abs=1e-3)
    assert threshold_margin(
        q, "In patients already taking metformin whose eGFR falls below 45 mL/min/1.73 m2, ..."
    ) == pytest.approx(23, abs=1e-3)
    assert threshold_margin(q, "Metformin is recommended if the eGFR is 45 mL/min/1.73 m2 or more.") is None


def test_the_nearest_kidney_cut_off_decides(service: AnswerService) -> None:
    a = service.ask("T2DM pt with CKD4 (eGFR 22) - can he stay on metformin 1 g BID?")
    assert a.verdict == Verdict.no, a.title


# -- a gestation without the word pregnancy; "non-pregnant" sentences; a test in a setting ------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Is nitrofurantoin ok for a UTI at 38 weeks?", "Is nitrofurantoin ok for a UTI at 38 weeks of pregnancy?"),
        ("She's 32/40 - is ibuprofen ok?", "She's 32/40 of pregnancy - is ibuprofen ok?"),
    ],
)
def test_a_gestation_is_written_as_pregnancy(text: str, written: str) -> None:
    assert written_as_pregnancy(text) == written


@pytest.mark.parametrize(
    "text",
    [
        "Review at 6 weeks - should the SSRI dose go up?",  # an early review, not a gestation
        "He stopped it 20 weeks ago, at 30 weeks old?",
        "Should the baby be vaccinated at 16 weeks?",  # a baby's age
        "Is it safe at 30 weeks of pregnancy?",  # pregnancy already named
        "Can she restart it at 14 weeks postpartum?",
    ],
)
def test_no_gestation_read_into_other_weeks(text: str) -> None:
    assert written_as_pregnancy(text) == text


def test_a_uti_at_38_weeks_abstains(service: AnswerService) -> None:
    a = service.ask("Is nitrofurantoin ok for a UTI at 38 weeks?")
    assert a.verdict == Verdict.insufficient, a.title


def test_a_non_pregnant_sentence_does_not_answer_for_pregnancy() -> None:
    analysis = analyze("Is an HbA1c target below 7% right for a pregnant woman?")
    s = "An HbA1c target below 7 percent is appropriate for many non-pregnant adults with type 2 diabetes."
    assert _setting_conflict(analysis, s)
    assert not _setting_conflict(analyze("Is an HbA1c target below 7% right for a man with T2DM?"), s)


def test_a_test_in_a_setting_no_document_names_abstains(service: AnswerService) -> None:
    a = service.ask("Is an HbA1c target below 7% right for a pregnant woman with T2DM?")
    assert a.verdict == Verdict.insufficient, a.title
    assert a.receipt.details["abstain_reason"]["reason"] == "no document names these together"


def test_a_test_in_its_own_setting_is_answered(service: AnswerService) -> None:
    a = service.ask("Is spirometry needed to diagnose COPD?")
    assert a.verdict != Verdict.insufficient, a.title


# -- "N weeks ago" is an interval; the minimum for the drug named ----------------------------------------------

_MAOI_AFTER_SSRI = (
    "An MAOI should not be started until at least 14 days after stopping most SSRIs, and at least 5 weeks after "
    "stopping fluoxetine because of the long half-life of its active metabolite norfluoxetine."
)


@pytest.mark.parametrize(
    ("q", "stance"),
    [
        ("Stopped fluoxetine 20 mg 2 wks ago - ok to start Nardil now?", "no"),  # fluoxetine's own 5 weeks
        ("Stopped fluoxetine 6 weeks ago - ok to start Nardil now?", "yes"),
        ("Stopped sertraline 2 weeks ago - ok to start Nardil now?", "yes"),  # one of "most SSRIs": 14 days
        ("Stopped sertraline 10 days ago - ok to start Nardil now?", "no"),
    ],
)
def test_the_minimum_for_the_drug_named(q: str, stance: str) -> None:
    assert interval_stance(q, _MAOI_AFTER_SSRI) == stance


def test_weeks_ago_is_the_interval_since() -> None:
    s = "Test-of-cure for Helicobacter pylori should be performed at least 4 weeks after finishing antibiotics."
    assert interval_stance("Finished H. pylori treatment 2 weeks ago - ok to do the breath test now?", s) == "no"
    assert interval_stance("Finished H. pylori treatment 6 weeks ago - ok to do the breath test now?", s) == "yes"


def test_a_test_of_cure_too_soon_is_no(service: AnswerService) -> None:
    a = service.ask("Finished H. pylori treatment 2 weeks ago - is it ok to do the urea breath test now?")
    assert a.verdict == Verdict.no, a.title


def test_a_washout_too_short_for_fluoxetine_is_no(service: AnswerService) -> None:
    a = service.ask("Stopped fluoxetine 20 mg 2 wks ago - ok to start Nardil now?")
    assert a.verdict == Verdict.no, a.title
