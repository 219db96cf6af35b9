"""Mechanisms from the session-10 clinician questions on the starter library: brand names of drugs the library
names, a retrieval budget shared by the question's concepts, minimum intervals ("not until at least 14 days after"),
switching from one drug to another, and near misses that must abstain."""

from __future__ import annotations

import pytest

from clinevidence.answer.models import Verdict
from clinevidence.answer.polarity import interval_stance
from clinevidence.answer.question import analyze
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


@pytest.mark.parametrize(
    ("brand", "concept"),
    [
        ("Adacel", "Tdap vaccine"),
        ("Ceftin", "cephalosporin"),
        ("Vasotec", "ACE inhibitor"),
        ("Diovan", "angiotensin receptor blocker"),
        ("Steglatro", "SGLT2 inhibitor"),
        ("Isordil", "nitrate"),
        ("Stendra", "PDE5 inhibitor"),
        ("Marplan", "monoamine oxidase inhibitor"),
        ("Coreg", "beta-blocker"),
        ("Xanax", "benzodiazepine"),
    ],
)
def test_brands_of_drugs_the_library_names(brand: str, concept: str) -> None:
    assert concept in [c.name for c in analyze(f"Is {brand} recommended for this patient?").concepts]


def test_a_brand_of_a_vaccine_is_answered_as_the_vaccine(service: AnswerService) -> None:
    a = service.ask("Is Adacel recommended during pregnancy?")
    assert a.verdict == Verdict.yes, a.title


def test_every_concept_of_the_question_is_searched_for() -> None:
    # The ACE inhibitor class has more names than the budget: the second concept still gets its own name searched.
    expansions = analyze("Switching from Vasotec to Entresto: is a 12-hour gap enough?").expansions
    assert "sacubitril-valsartan" in expansions
    assert "ace inhibitor" in expansions
    assert len(expansions) <= 12


def test_a_brand_pair_is_retrieved_by_its_drugs(service: AnswerService) -> None:
    a = service.ask("Pharmacist query - is Prilosec an acceptable PPI for a patient on Plavix?")
    assert a.verdict == Verdict.no, a.title


@pytest.mark.parametrize(
    ("question", "stance"),
    [
        ("Can an MAOI be started 3 weeks after the last dose of sertraline?", "yes"),
        ("Can an MAOI be started 7 days after the last dose of sertraline?", "no"),
        ("Is a two-day gap after the last SSRI dose enough?", "no"),
    ],
)
def test_a_minimum_interval_against_the_one_asked(question: str, stance: str) -> None:
    sentence = (
        "An MAOI should not be started until at least 14 days after stopping most SSRIs, and at least 5 weeks after "
        "stopping fluoxetine because of the long half-life of its active metabolite norfluoxetine."
    )
    assert interval_stance(question, sentence) == stance


def test_minimum_intervals_written_otherwise() -> None:
    within = "Sacubitril-valsartan must not be started within 36 hours of the last dose of an ACE inhibitor."
    assert interval_stance("Can it be started 48 hours after the last ramipril?", within) == "yes"
    assert interval_stance("Can it be started 12 hours after the last ramipril?", within) == "no"
    before = "SGLT2 inhibitors should be stopped at least three days before scheduled surgery."
    assert interval_stance("Is stopping it 1 day before surgery enough?", before) == "no"
    assert interval_stance("Is stopping it 5 days before surgery enough?", before) == "yes"
    # A window to treat within is no minimum; a question with no interval is not read.
    assert (
        interval_stance(
            "Can alteplase be given 4 hours after onset?", "Alteplase is recommended within 4.5 hours of onset."
        )
        is None
    )
    assert interval_stance("Can an MAOI follow an SSRI?", within) is None


def test_an_interval_shorter_than_the_minimum_is_no(service: AnswerService) -> None:
    a = service.ask("Can an MAOI be started 7 days after stopping sertraline?")
    assert a.verdict == Verdict.no, a.title
    a = service.ask("Can an MAOI be started 3 weeks after stopping sertraline?")
    assert a.verdict == Verdict.yes, a.title


def test_a_yes_no_question_after_a_lead_naming_the_situation() -> None:
    assert analyze("Switching from Vasotec to Entresto: can the first dose be given 12 hours later?").yes_no
    assert analyze("Pharmacist here - is Prilosec OK with Plavix?").yes_no
    assert not analyze("Switching from Vasotec to Entresto: what is the gap?").yes_no


def test_the_interval_sentence_decides_over_the_drugs_general_advice(service: AnswerService) -> None:
    # "... recommends sacubitril-valsartan in preference to an ACE inhibitor" must not answer the interval asked.
    a = service.ask("Switching from Zestril to Entresto - can Entresto start 48 hours after the last Zestril?")
    assert a.verdict == Verdict.yes, a.title


def test_a_pregnancy_sentence_does_not_answer_a_question_not_about_pregnancy() -> None:
    from clinevidence.answer.extractive import _setting_conflict

    sentence = "ACE inhibitors and ARBs should be discontinued as soon as pregnancy is detected."
    assert _setting_conflict(
        analyze("Is an ARB a reasonable option for a patient with an ACE inhibitor cough?"), sentence
    )
    assert not _setting_conflict(analyze("Can she stay on her ARB at 10 weeks pregnant?"), sentence)
    assert not _setting_conflict(analyze("Should she stop her ARB before trying for a baby?"), sentence)


def test_switching_is_titled_as_a_switch_not_a_combination() -> None:
    assert analyze("A cough on Vasotec - is switching him to Diovan reasonable?").topic == (
        "Switching from ACE inhibitor to ARB"
    )
    assert analyze("Should an ACE inhibitor be combined with an ARB?").topic == "ACE inhibitor with ARB"


def test_switching_for_a_side_effect_is_answered_by_the_alternative(service: AnswerService) -> None:
    a = service.ask("My patient has a dry cough on Vasotec - is changing her to Diovan a reasonable option?")
    assert a.verdict == Verdict.yes, a.title
    assert a.title.startswith("Switching from ACE inhibitor to ARB"), a.title
    assert "alternative" in str(a.receipt.details.get("verdict_sentence")), a.receipt.details.get("verdict_sentence")


@pytest.mark.parametrize(
    "question",
    [
        "Is the pneumococcal jab recommended for pregnant women?",
        "Can a pregnant patient have the pertussis and pneumococcal vaccines together?",
    ],
)
def test_a_vaccine_the_library_names_only_in_another_setting_abstains(service: AnswerService, question: str) -> None:
    a = service.ask(question)
    assert a.verdict == Verdict.insufficient, a.title


def test_a_vaccine_named_in_the_setting_is_answered(service: AnswerService) -> None:
    a = service.ask("Should people with COPD get the pneumococcal vaccine?")
    assert a.verdict == Verdict.yes, a.title


def test_a_kidney_function_value_no_sentence_sets_a_cut_off_for_abstains(service: AnswerService) -> None:
    a = service.ask("Can dabigatran be used for atrial fibrillation when the CrCl is 22 mL/min?")
    assert a.verdict == Verdict.insufficient, a.title
    assert a.receipt.details["abstain_reason"]["reason"] == "no cut-off for this kidney function"
    # A cut-off the library gives is held against the value.
    a = service.ask("Is nitrofurantoin OK for cystitis in a woman with an eGFR of 30?")
    assert a.verdict == Verdict.no, a.title


def test_a_condition_is_named_by_its_class() -> None:
    from clinevidence.answer.service import _loosely_names

    mi = next(c for c in analyze("after a heart attack").concepts if c.name == "myocardial infarction")
    assert _loosely_names("switching is advised for patients with cardiovascular disease when possible", mi)


def test_advised_is_a_stance_for() -> None:
    from clinevidence.answer.polarity import polarity

    assert (
        polarity("Switching to an alternative urate-lowering drug is advised for patients with heart disease.") == "yes"
    )


def test_switching_after_a_heart_attack_is_answered_by_the_switching_advice(service: AnswerService) -> None:
    a = service.ask(
        "My gout patient had a heart attack last year and takes febuxostat - should he be switched to allopurinol?"
    )
    assert a.verdict == Verdict.yes, a.title
    assert "switching" in str(a.receipt.details.get("verdict_sentence")), a.receipt.details.get("verdict_sentence")


def test_a_triple_inhaler_is_lama_laba_ics_triple_therapy() -> None:
    names = [c.name for c in analyze("Should he step up to Trimbow?").concepts]
    assert "LAMA/LABA/ICS triple therapy" in names


def test_the_treatment_proposed_not_the_one_the_patient_is_on() -> None:
    from clinevidence.answer.extractive import _proposed

    q = analyze("COPD patient on LABA/ICS with eos 320 - should I move him to Trimbow?")
    assert [c.name for c in _proposed(q)] == ["LAMA/LABA/ICS triple therapy"]
    assert _proposed(analyze("Is triple therapy preferred in COPD?")) == []


def test_the_clause_about_the_proposed_treatment_answers(service: AnswerService) -> None:
    a = service.ask("COPD patient on LABA/ICS, two exacerbations this year, eos 320 - should I move him to Trimbow?")
    assert a.verdict == Verdict.yes, a.title
