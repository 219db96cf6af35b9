"""Verdict model: hand-written conclusions only (no shared data), shipped weights."""

from __future__ import annotations

import json
import math

import pytest

from clinevidence.answer.verdict import (
    LABELS,
    MODEL_PATH,
    VerdictPrediction,
    extract_features,
    load_model,
    predict_verdict,
    split_negated_question,
)

ASPIRIN_Q = "Does aspirin reduce the risk of stroke in older adults?"
POSITIVE = [
    "Aspirin significantly reduced the risk of stroke in older adults.",
    "It was safe and well tolerated.",
]
NEGATIVE = [
    "Aspirin did not reduce the risk of stroke compared with placebo.",
    "There was no significant difference in mortality.",
]
UNCERTAIN = [
    "Whether aspirin reduces the risk of stroke in older adults remains unclear.",
    "The evidence is conflicting and inconclusive, and further randomized trials are needed.",
]


def test_model_file_loads_and_is_consistent() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(data["classes"]) == set(LABELS)
    assert len(data["features"]) <= 300  # small by design
    model = load_model()
    assert model.coef.shape == (3, len(model.features))
    # Every feature the model expects is produced by the extractor.
    produced = extract_features(ASPIRIN_Q, POSITIVE)
    assert set(model.features) <= set(produced)


def test_probabilities_sum_to_one_and_confidence_is_label_probability() -> None:
    for conclusion in (POSITIVE, NEGATIVE, UNCERTAIN, [""], []):
        pred = predict_verdict(ASPIRIN_Q, conclusion)
        assert isinstance(pred, VerdictPrediction)
        assert set(pred.probabilities) == set(LABELS)
        assert math.isclose(sum(pred.probabilities.values()), 1.0, abs_tol=1e-9)
        assert pred.label == max(pred.probabilities, key=pred.probabilities.__getitem__)
        assert pred.confidence == pred.probabilities[pred.label]


def test_clear_negative_is_no() -> None:
    pred = predict_verdict(ASPIRIN_Q, NEGATIVE)
    assert pred.label == "no"
    assert pred.confidence > 0.7
    assert any("negation" in c and "not reduce" in c for c in pred.cues)


def test_clear_positive_is_yes() -> None:
    pred = predict_verdict(ASPIRIN_Q, POSITIVE)
    assert pred.label == "yes"
    assert pred.confidence > 0.7


def test_explicit_uncertainty_lowers_confidence_in_yes() -> None:
    pos = predict_verdict(ASPIRIN_Q, POSITIVE)
    unc = predict_verdict(ASPIRIN_Q, UNCERTAIN)
    assert unc.label in ("maybe", "yes")
    assert unc.probabilities["yes"] < pos.probabilities["yes"] - 0.1
    assert unc.probabilities["maybe"] > 2 * pos.probabilities["maybe"]


def test_guideline_recommendation_against_is_no() -> None:
    pred = predict_verdict(
        "Is it safe to use tamoxifen with T-DM1 in patients with HER2-positive breast cancer?",
        ["Combining tamoxifen with T-DM1 is not recommended."],
    )
    assert pred.label == "no"
    assert any("not recommended" in c for c in pred.cues)


def test_guideline_recommendation_for_is_yes() -> None:
    pred = predict_verdict(
        "Is metformin effective as first-line therapy for type 2 diabetes?",
        ["Metformin is recommended as first-line therapy for type 2 diabetes."],
    )
    assert pred.label == "yes"


def test_negated_question_flips_the_answer() -> None:
    conclusion = ["Vitamin D supplementation was not associated with fracture risk."]
    plain = predict_verdict("Is vitamin D supplementation associated with fracture risk?", conclusion)
    negated = predict_verdict("Is vitamin D supplementation not associated with fracture risk?", conclusion)
    assert plain.label == "no"
    assert negated.label == "yes"
    assert math.isclose(plain.probabilities["no"], negated.probabilities["yes"])
    assert negated.cues[0].startswith("question is negated")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Is X not associated with Y?", ("Is X associated with Y?", True)),
        # a negative interrogative leans towards the positive proposition and is answered as that one
        ("Doesn't aspirin reduce stroke?", ("Does aspirin reduce stroke?", False)),
        ("Does metformin fail to lower HbA1c?", ("Does metformin lower HbA1c?", True)),
        ("Title: are patients aware of when they do not understand?", None),
        ("Is it safe to combine A with B?", None),
    ],
)
def test_split_negated_question(question: str, expected: tuple[str, bool] | None) -> None:
    assert split_negated_question(question) == (expected or (question, False))


def test_deterministic() -> None:
    """Same input, same verdict (speed is measured in docs/benchmarks.md, never asserted in a test)."""
    a = predict_verdict(ASPIRIN_Q, NEGATIVE, evidence=["Stroke occurred in 4% vs 5% (p = 0.41)."])
    b = predict_verdict(ASPIRIN_Q, NEGATIVE, evidence=["Stroke occurred in 4% vs 5% (p = 0.41)."])
    assert a == b
    first = predict_verdict(ASPIRIN_Q, UNCERTAIN)
    assert all(predict_verdict(ASPIRIN_Q, UNCERTAIN) == first for _ in range(20))


def test_conclusion_given_as_one_string_is_split() -> None:
    assert predict_verdict(ASPIRIN_Q, " ".join(NEGATIVE)) == predict_verdict(ASPIRIN_Q, NEGATIVE)  # type: ignore[arg-type]


def test_a_finding_in_the_opposite_direction_contradicts_the_question() -> None:
    """The sentence closest to the question reports the effect turned the other way (raises vs lowers, improves vs
    worsens): that sentence is returned. The same direction anywhere in the closest sentence, a question with no
    direction, or a sentence about something else return ""."""
    from clinevidence.answer.verdict import contradicted_direction

    q = "Does gpr124 increase blood-brain barrier breakdown in ischemic stroke?"
    turned = "Loss of gpr124 in mice reduced blood-brain barrier breakdown after ischemic stroke."
    assert contradicted_direction(q, ["Stroke is common.", turned]) == turned
    both = "Gpr124 reduced early and increased late blood-brain barrier breakdown after ischemic stroke."
    assert contradicted_direction(q, [both]) == ""
    assert contradicted_direction("Is gpr124 expressed in ischemic stroke?", [turned]) == ""
    assert contradicted_direction(q, ["Aspirin reduced headaches in adults."]) == ""
    worth = "Sildenafil improved erectile function in men taking antidepressants."
    assert contradicted_direction("Does sildenafil worsen erectile function in men taking antidepressants?", [worth])
    same = "Sildenafil worsened erectile function in men taking antidepressants."
    assert (
        contradicted_direction("Does sildenafil worsen erectile function in men taking antidepressants?", [same]) == ""
    )


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        (
            "Is depression uncommon in patients with chronic daily headache?",
            "Depression was highly prevalent in patients with chronic daily headache.",
        ),
        (
            "Can YAP drive gene induction independently of TEAD factors?",
            "TEAD factors are essential for YAP-driven gene induction.",
        ),
        (
            "Is misfolded prion protein undetectable in the blood of infected hamsters?",
            "The assay enables detection of misfolded prion protein in blood of infected hamsters.",
        ),
        (
            "Is the qSOFA score a sensitive screening tool for sepsis mortality?",
            "The qSOFA score had high specificity but poor sensitivity as a screening tool for sepsis mortality.",
        ),
    ],
)
def test_a_finding_that_turns_the_questions_word_round_is_seen(question: str, sentence: str) -> None:
    """Beyond raising and lowering: need (essential / independently), how often (prevalent / uncommon), found
    (detection / undetectable), a test's worth (sensitive / poor sensitivity)."""
    from clinevidence.answer.verdict import contradicted_direction

    assert contradicted_direction(question, [sentence]) == sentence
    # The question's own word in the closest sentence too: no contradiction read.
    same = "Depression was uncommon, though highly prevalent in a subgroup of patients with chronic daily headache."
    assert contradicted_direction("Is depression uncommon in patients with chronic daily headache?", [same]) == ""
