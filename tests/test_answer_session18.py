"""Session 18: consumer-meds part 12 and clinician set 16 (both read after their blind first runs).

Each test reproduces a mechanism with short team-written fixtures, not library content.
"""

from __future__ import annotations

from clinevidence.answer.polarity import polarity
from clinevidence.answer.question import analyze, classify, lists_a_regimen, settings_of
from clinevidence.answer.recommendation import outcome_words, proposition
from clinevidence.answer.service import AnswerService
from clinevidence.answer.verdict import split_negated_question
from tests.answer_support import pages_fixture

GAS = (
    "Simethicone is an over-the-counter medicine used to relieve the pressure, bloating and fullness of gas. "
    "Simethicone can be used safely alongside other medicines. "
    "Simethicone is taken as needed after meals and at bedtime."
)
service = pages_fixture({"gas": ("Simethicone (Gas-X)", GAS)}, "session18")


def test_a_list_of_other_medicines_is_background_not_a_partner(service: AnswerService) -> None:
    """ "I'm on Eliquis, metoprolol, metformin, atorvastatin and sertraline. Is it safe to take Gas-X?": medicines
    the library never names, listed as the asker's regimen, do not make the asked one unanswerable; one partner
    named in the history still does."""
    question = (
        "I'm on zorbafen, metoprolol, metformin, atorvastatin and sertraline. Is it safe to take Gas-X for bloating?"
    )
    assert lists_a_regimen(analyze(question))
    answer = service.ask(question)
    assert answer.verdict != "insufficient", answer.receipt.details.get("abstain_reason")
    partner = service.ask("I'm on sertraline. Is it safe to take Gas-X for bloating?")
    assert not lists_a_regimen(analyze("I'm on sertraline. Is it safe to take Gas-X for bloating?"))
    assert partner.verdict == "insufficient"


def test_is_it_bad_and_its_fine_right_are_safety_questions() -> None:
    """ "is it bad to take 10,000 IU of vitamin D every day?" proposes a harm (yes = it is bad); "It's fine,
    right?" asks whether it is safe."""
    bad = "is it bad to leave the scopolamine patch on for all 3 days?"
    assert classify(bad) == "safety" and proposition(bad).negative
    assert classify("That's fine, right?") == "safety" and not proposition("That's fine, right?").negative
    assert classify("Is it effective for hay fever?") == "efficacy"


def test_a_lactate_level_is_not_lactation() -> None:
    assert settings_of("MAP 58 despite fluids, lactate 4.6 mmol/L") == []
    assert settings_of("she is lactating") == ["pregnancy or breastfeeding"]


def test_a_negation_in_the_story_after_the_question_is_not_the_questions() -> None:
    """The verdict model reads the question with its story; "not on regular steroids" after "Should we start IV
    hydrocortisone?" must not turn the question round."""
    told = "Should we start IV hydrocortisone? No adrenal history, not on regular steroids."
    assert split_negated_question(told) == (told, False)
    assert split_negated_question("Is X not associated with Y? She asked.") == (
        "Is X associated with Y? She asked.",
        True,
    )


def test_a_rate_in_the_history_does_not_make_a_dose_question() -> None:
    note = (
        "ICU reg: MAP 58 despite fluids. Noradrenaline titrated up to 0.3 mcg/kg/min over 6 h. "
        "Should we start IV hydrocortisone?"
    )
    assert analyze(note).question_type != "dosing"
    assert analyze("She weighs 20 kg. What dose of it in mg/kg is right?").question_type == "dosing"


def test_a_suggestion_is_a_conditional_recommendation_but_suggested_over_picks_one() -> None:
    assert polarity("Intravenous hydrocortisone is suggested for adults with septic shock on vasopressors.") == "maybe"
    assert polarity("The ATS guideline suggests extended treatment with varenicline beyond 12 weeks.") == "maybe"
    assert polarity("Balanced crystalloids are suggested over normal saline for resuscitation in sepsis.") == "yes"


def test_the_outcome_ends_where_the_questions_verb_begins() -> None:
    question = "Would adding losartan 50 mg od to cut the proteinuria be reasonable?"
    assert outcome_words(question, []) == ["proteinuria"]


def test_one_treatment_proposed_in_place_of_another_is_a_yes_no_question() -> None:
    note = (
        "Onc clinic: 56F, HER2+ MBC. The consultant's habit is Kadcyla 2nd line - Kadcyla rather than Enhertu for her?"
    )
    assert analyze(note).yes_no
    assert not analyze("Which is used rather than Enhertu for her?").yes_no


def test_exacerbation_shorthand_names_copd() -> None:
    assert "chronic obstructive pulmonary disease" in [
        c.name for c in analyze("AECOPD - is 5/7 as good as 14/7?").concepts
    ]
