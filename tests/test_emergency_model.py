"""The learnt emergency second opinion (clinevidence/answer/emergency_model.py, scripts/train_emergency.py)."""

from __future__ import annotations

import pytest

from clinevidence.answer.emergency_model import EmergencyModel, features, from_json, load_model, ngrams
from clinevidence.answer.safety import POSSIBLE_EMERGENCY, _emergency_category, _prepare, check_question

# Red flags in wording the compositional rules do not know (written after round 8, checked against the rules):
# the learnt second opinion redirects them.
RULES_MISS = [
    "my wife has gone really grey and clammy and says her jaw and left arm ache",
    "my toddler swallowed something from the drawer and is drooling and wont swallow",
    "she's breathing really weird and fast and her lips look bluey",
    "my partner took a huge amount of paracetamol an hour ago",
]


def test_the_shipped_model_loads() -> None:
    model = load_model()
    assert model is not None
    assert 0.5 < model.threshold < 1.0
    assert len(model.idf) > 1000 and model.coef


def test_ngrams_are_padded_words_of_three_to_five_characters() -> None:
    grams = ngrams("Chest PAIN")
    assert grams[" ch"] == 1 and grams["pain "] == 1 and grams["est "] == 1
    assert all(3 <= len(g) <= 5 for g in grams)


def test_features_are_unit_length_over_the_vocabulary() -> None:
    idf = {" ch": 2.0, "pain ": 1.0, "zzz": 5.0}
    vec = features("chest pain", idf)
    assert set(vec) == {" ch", "pain "}
    assert abs(sum(v * v for v in vec.values()) - 1.0) < 1e-9


def test_a_model_round_trips_through_json() -> None:
    model = EmergencyModel(idf={" ch": 2.0, "pain ": 1.0}, coef={"pain ": 3.0}, intercept=-1.0, threshold=0.9)
    again = from_json(model.to_json())
    assert again.probability("chest pain") == pytest.approx(model.probability("chest pain"), abs=1e-4)
    assert again.is_emergency("chest pain") is model.is_emergency("chest pain")


@pytest.mark.parametrize("question", RULES_MISS)
@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_red_flags_the_rules_miss_are_redirected(question: str, audience: str) -> None:
    assert _emergency_category(_prepare(question), audience) is None  # the rules alone say nothing
    notice = check_question(question, audience)
    assert notice is not None and notice.kind == "emergency" and notice.category == POSSIBLE_EMERGENCY
    assert "emergency number" in notice.message and notice.instruction


@pytest.mark.parametrize(
    "question",
    [
        "What should I do if my wife ever goes grey and clammy with jaw and arm ache?",  # hypothetical
        "my wife went grey and clammy with jaw ache last year, she's fine now",  # passed
        "my dog swallowed something from the drawer and is drooling",  # an animal
    ],
)
def test_the_second_opinion_keeps_the_rules_framing(question: str) -> None:
    notice = check_question(question, "patient")
    assert notice is None or notice.category != POSSIBLE_EMERGENCY


def test_a_clinicians_question_about_a_patient_is_left_to_the_rules() -> None:
    question = "my patient has gone really grey and clammy and says her jaw and left arm ache"
    model = load_model()
    assert model is not None and model.is_emergency(question)  # the model alone would redirect it
    notice = check_question(question, "clinician")
    assert notice is None or notice.category != POSSIBLE_EMERGENCY


def test_the_answer_service_puts_the_redirect_first(starter_library) -> None:  # type: ignore[no-untyped-def]
    from clinevidence.answer.service import AnswerService
    from clinevidence.settings import load_settings

    answer = AnswerService(starter_library, load_settings()).ask(RULES_MISS[0])
    assert answer.verdict_label == "Emergency" and answer.question_type == "emergency"
    assert answer.receipt.details == {"safety": POSSIBLE_EMERGENCY}
    assert answer.notice and "emergency number" in answer.notice


def test_an_animal_taken_to_the_vet_is_not_a_human_emergency() -> None:
    """A pet's problem for the vet gets no emergency-number redirect from any tier; a person who works as a vet,
    or a child bitten by a dog, still does."""
    for question in ["my dog has been fitting for 10 minutes, should i call the vet?",
                     "my puppy collapsed and is breathing really fast, ring the vet or wait?"]:  # fmt: skip
        assert check_question(question, "patient") is None, question
    dad = check_question("my dad is a vet and he has crushing chest pain right now", "patient")
    assert dad is not None and dad.kind == "emergency"
    for person in ["my son was bitten by a dog and it's bleeding heavily and won't stop",
                   "the snake has bitten my son on the leg and it is swelling fast"]:  # fmt: skip
        notice = check_question(person, "patient")
        assert notice is not None and notice.kind == "emergency", person


def test_a_pet_named_in_passing_does_not_silence_the_second_opinion() -> None:
    """The animal gate is for messages about an animal ("my dog swallowed ..."), not a plan that mentions who gets
    the cat."""
    plan = "ive written letters to everyone and sorted out who gets the cat, i just want it to stop tonight"
    notice = check_question(plan + ", i have all my tablets lined up", "patient")
    assert notice is not None and notice.kind == "emergency"
    assert notice.category == "suicide" and "988" in notice.message  # letters written: the crisis message
    assert check_question("my dog swallowed something from the drawer and is drooling", "patient") is None


def test_a_past_overdose_someone_got_over_is_not_an_emergency() -> None:
    past = "my friend took an overdose a year ago and got help, hes doing better now, how can i support him?"
    assert check_question(past, "patient") is None
    again = "i took an overdose last year and im ok now but i took another 20 pills tonight"
    notice = check_question(again, "patient")
    assert notice is not None and notice.category == "overdose"


def test_in_clinician_mode_a_report_is_redirected_and_shorthand_is_not() -> None:
    """For clinicians the second opinion speaks on a report (8+ words, no question, no work-up words), not on
    shorthand or look-up questions, which the rules answer."""
    report = "took whole box paracetamol 2 hour ago because everything is too much and feel sick"
    notice = check_question(report, "clinician")
    assert notice is not None and notice.kind == "emergency"
    assert check_question("crushing chest pain now", "clinician") is None
    lookup = "Tearing chest pain radiating to the back in a 60 year old man: CT angiography or TOE?"
    assert check_question(lookup, "clinician") is None


@pytest.mark.parametrize(
    "question",
    [
        "my daughter is 9 and cant swallow her keppra pills, can i crush them into her yogurt",
        "i cant swallow capsules, can i open my nexium and mix it with something",
    ],
)
def test_trouble_swallowing_tablets_is_not_an_airway_sign(question: str) -> None:
    assert check_question(question, "patient") is None


def test_a_child_who_cannot_swallow_and_is_drooling_is_still_redirected() -> None:
    notice = check_question(
        "my toddler swallowed something from the drawer and is drooling and wont swallow", "patient"
    )
    assert notice is not None and notice.kind == "emergency"


def test_asking_whether_the_medicine_causes_it_is_a_side_effect_question() -> None:
    """ "... is that the medicine?" asks about a known effect (akathisia on prochlorperazine, "brain zaps" after
    missed paroxetine): the learnt opinion does not redirect it, while the rules still redirect an emergency asked
    that way."""
    for question in (
        # (the retrain on consumer parts 6-10 taught the model akathisia and "brain zaps" itself; these it still reads
        # as urgent)
        "took my first dose of prednisone this morning and now my heart is racing and i feel wired, is that the "
        "medicine",
    ):
        model = load_model()
        assert model is not None and model.is_emergency(question)  # what the model alone would say
        assert check_question(question, "patient") is None, question
    swelling = "my face and tongue are swelling after starting lisinopril, is that from the medicine"
    notice = check_question(swelling, "patient")
    assert notice is not None and notice.kind == "emergency"


def test_trouble_swallowing_tablets_after_a_stroke_is_no_airway_sign() -> None:
    question = "my husband has a hard time swallowing pills since his stroke. can i crush his ms contin into pudding"
    assert check_question(question, "patient") is None


def test_a_late_or_missed_dose_is_a_routine_question() -> None:
    """ "missed my dose last night and now my head is pounding": the model alone reads it as urgent; a late or
    missed dose asks what to do about the medicine, so it speaks only when all but sure."""
    question = "missed my dose last night and now my head is pounding, do i take two now"
    model = load_model()
    assert model is not None and model.is_emergency(question)  # what the model alone would say
    for audience in ("patient", "clinician"):
        assert check_question(question, audience) is None
    overdose = "took my whole bottle of camila this morning and now i feel like passing out"
    notice = check_question(overdose, "patient")
    assert notice is not None and notice.kind == "emergency"


def test_a_reaction_told_as_long_past_is_history_not_an_emergency() -> None:
    """A swelling of lips and tongue "a few years back" is why the asker worries about a new medicine, not a
    reaction now; the same words told now are still redirected."""
    past = "my lips and tongue swelled up on lisinopril a few years back. new cardiologist wants me on ramipril. ok?"
    for audience in ("patient", "clinician"):
        assert check_question(past, audience) is None
    now = "my lips and tongue swelled up an hour ago after my first ramipril"
    notice = check_question(now, "patient")
    assert notice is not None and notice.kind == "emergency"
