"""Mechanisms from the session-6 clinician questions on the starter library: a brand name as the subject of an
efficacy question, a subtype named inside a coordinated phrase, and a cut-off on a measured value that the
question's value is outside of."""

from __future__ import annotations

import pytest

from clinevidence.answer.models import Verdict
from clinevidence.answer.polarity import question_polarity
from clinevidence.answer.question import analyze, lexicon, mentions_coordinated
from clinevidence.answer.recommendation import threshold_applies
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


def _concept(name: str):  # type: ignore[no-untyped-def]
    return next(c for c in lexicon()[0] if c.name == name)


def test_a_brand_name_subject_with_a_setting_is_known(service: AnswerService) -> None:
    a = service.ask("Does Jardiance reduce cardiovascular death in type 2 diabetes with established heart disease?")
    assert a.verdict == Verdict.yes, a.title


def test_a_brand_name_subject_without_a_setting_still_abstains(service: AnswerService) -> None:
    assert service.ask("Does Ozempic help weight loss?").verdict == Verdict.insufficient


def test_a_subtype_named_inside_a_coordination() -> None:
    hfpef = _concept("heart failure with preserved ejection fraction")
    assert mentions_coordinated("patients with heart failure with preserved or mildly reduced ejection fraction", hfpef)
    assert mentions_coordinated("heart failure with mildly reduced or preserved ejection fraction", hfpef)
    assert not mentions_coordinated("heart failure with reduced ejection fraction", hfpef)
    t1 = _concept("type 1 diabetes")
    assert mentions_coordinated("adults with type 1 or type 2 diabetes", t1)
    assert not mentions_coordinated("adults with type 2 diabetes", t1)


def test_a_covered_subtype_is_answered(service: AnswerService) -> None:
    a = service.ask("Do SGLT2 inhibitors reduce hospitalisation in heart failure with preserved ejection fraction?")
    assert a.verdict == Verdict.yes, a.title
    assert service.ask("Is empagliflozin effective in type 1 diabetes?").verdict == Verdict.insufficient


def test_a_cut_off_on_any_measured_value() -> None:
    q = "Should an ICS be added for a COPD patient with eosinophils of 400?"
    below = "An inhaled corticosteroid is not recommended in COPD patients with blood eosinophil counts below 100."
    above = (
        "Adding an ICS is most beneficial in patients with blood eosinophil counts of 300 cells per microlitre or more."
    )
    assert threshold_applies(q, below) is False
    assert threshold_applies(q, above) is True
    assert threshold_applies("Should an ICS be used with eosinophils of 50?", below) is True
    assert threshold_applies("Is nitrofurantoin safe at eGFR < 45?", "Use it if the eGFR is 45 or more.") is False


def test_advice_against_outside_the_question_value_does_not_decide() -> None:
    q = "Should an ICS be added for a COPD patient with eosinophils of 400?"
    below = "An inhaled corticosteroid is not recommended in COPD patients with blood eosinophil counts below 100."
    assert question_polarity(q, below, set()) is None
    assert question_polarity("Should an ICS be used with eosinophils of 50?", below, set()) == "no"


def test_eosinophil_cut_offs_decide_ics_in_copd(service: AnswerService) -> None:
    high = service.ask("Should an ICS be added for a COPD pt with frequent exacerbations and eosinophils of 400?")
    assert high.verdict == Verdict.yes, high.title
    low = service.ask("Should inhaled corticosteroids be used in COPD with eosinophils of 50?")
    assert low.verdict == Verdict.no, low.title


def test_a_breast_cancer_subtype_no_document_names_abstains(service: AnswerService) -> None:
    a = service.ask("Is Enhertu effective in HER2-low metastatic breast cancer?")
    assert a.verdict == Verdict.insufficient, a.title
    b = service.ask("Is T-DXd better than T-DM1 as second-line therapy for HER2-positive metastatic breast cancer?")
    assert b.verdict == Verdict.yes, b.title


def test_a_condition_with_a_qualifier_the_library_never_saw_abstains(service: AnswerService) -> None:
    a = service.ask("Does aspirin reduce the risk of colorectal cancer?")
    assert a.verdict == Verdict.insufficient, a.title
    assert service._unseen_qualifier(analyze("Do statins increase the risk of cancer?")) == []


def test_a_treatment_asked_in_men_from_a_document_on_women_abstains(service: AnswerService) -> None:
    a = service.ask("Does alendronate reduce fractures in men with osteoporosis?")
    assert a.verdict == Verdict.insufficient, a.title
    b = service.ask("Are bisphosphonates effective for postmenopausal osteoporosis?")
    assert b.verdict == Verdict.yes, b.title
