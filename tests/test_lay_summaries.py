"""Fact-checks written for the public answer the question they restate: "Yes." / "No." / "It is unclear".

Consumer-health fact-check articles (the style of the outside consumer-claims check) restate the claim as a question,
answer it in an opening "In brief" and again at the close, and say plainly when the studies are too weak to tell.
The conclusion model (trained on research abstracts) reads "no meaningful studies" or "do not allow a conclusion"
as a negative finding; these tests hold the summary reader to the answer the article gives. The texts are short
team-written test fixtures, not library content.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clinevidence.answer.service import AnswerService
from clinevidence.answer.verdict import reports_own_study, summary_answer
from clinevidence.settings import Settings
from clinevidence.text import split_sentences
from tests.answer_support import pages_library

COFFEE = (
    "Question: It is often said that coffee removes water from the body. Is this true? "
    "Background: Caffeine makes the kidneys pass a little more urine. "
    "What do the studies say? In controlled studies, regular coffee drinkers were given coffee or the same amount of "
    "water, and their fluid balance was measured. The results: moderate amounts of coffee kept the body as well "
    "hydrated as water. "
    "Conclusion: No, the claim is not correct. Moderate coffee drinking does not dehydrate you."
)
DIM_LIGHT = (
    "Is it true that reading in dim light does not harm your eyes? "
    "In brief: Yes. Reading in poor light can make the eyes feel tired, but it does not cause lasting damage. "
    "Background: Children are often told that reading under the covers will ruin their eyesight. "
    "What is known? Tired eyes recover after rest. "
    "Our assessment: The claim is supported."
)
GROUNDING = (
    "Can grounding mats help people sleep better? "
    "Short answer: Nobody knows. "
    "Only a few small, poorly designed studies exist. Some report better sleep, others found no difference. "
    "Our assessment: Whether grounding mats improve sleep is unclear. "
    "The studies are of low quality and allow no conclusion."
)


def _answer(question: str, text: str, title: str = "") -> tuple[str, str] | None:
    return summary_answer(question, title, split_sentences(text))


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("Is it true that coffee dehydrates you?", COFFEE, "no"),
        ("Does coffee dehydrate you?", COFFEE, "no"),
        # The article asks the negated question; "Yes." to it is "no" to the positive one.
        ("Is it true that reading in dim light does not harm your eyes?", DIM_LIGHT, "yes"),
        ("Does reading in dim light harm your eyes?", DIM_LIGHT, "no"),
        ("Do grounding mats improve sleep?", GROUNDING, "maybe"),
    ],
)
def test_the_summary_answer_answers_the_question_as_asked(question: str, text: str, expected: str) -> None:
    found = _answer(question, text)
    assert found is not None
    assert found[0] == expected


def test_a_claim_judged_not_correct_is_no_not_yes() -> None:
    """ "The claim is not correct" is a no: the word between "is" and "correct" may not be "not"."""
    found = _answer("Does coffee dehydrate you?", "Does coffee dehydrate you? Conclusion: The claim is not correct.")
    assert found == ("no", "Conclusion: The claim is not correct.")


def test_a_yes_with_declared_uncertainty_is_maybe() -> None:
    text = (
        "Does ashwagandha reduce stress? "
        "In brief: Yes, perhaps, but the studies are too small to be sure. "
        "Several small trials report less stress."
    )
    assert _answer("Does ashwagandha reduce stress?", text) == (
        "maybe",
        "In brief: Yes, perhaps, but the studies are too small to be sure.",
    )


def test_a_summary_of_another_question_gives_no_answer() -> None:
    """The dim-light article does not answer a question on time outdoors, even though it says "Yes."."""
    assert _answer("Does time outdoors protect children from short-sightedness?", DIM_LIGHT) is None


def test_an_uncertainty_about_another_subject_is_not_the_answer() -> None:
    text = (
        "Aspirin lowers the risk of a second heart attack. There are no meaningful studies on statins in children. "
        "Aspirin can cause stomach bleeding."
    )
    assert _answer("Does aspirin prevent a second heart attack?", text) is None


def test_without_a_stated_answer_the_model_decides() -> None:
    text = "Does fish oil lower triglycerides? Fish oil capsules contain omega-3 fatty acids. Many people take them."
    assert _answer("Does fish oil lower triglycerides?", text) is None


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("We found no meaningful studies showing that detox diets work.", False),
        ("We found several small studies; we don't know whether it helps.", False),
        ("We randomised 120 adults to coffee or water.", True),
        ("We found that coffee increased urine output.", True),
        ("We retrospectively reviewed the records of 80 patients.", True),
        ("The results: moderate amounts kept the body hydrated.", False),  # "results", not a RESULTS label
        ("RESULTS: Urine output did not differ.", True),
        ("In this study, the participants were randomised to coffee or water.", True),  # two hints
        ("In one study, the participants were randomised to coffee or water.", False),  # one hint
    ],
)
def test_own_study_tells_a_research_report_from_an_editorial_we(text: str, own: bool) -> None:
    assert reports_own_study(text) is own


def test_end_to_end_the_article_answer_decides_and_is_cited(tmp_path: Path) -> None:
    """Through the whole extractive engine: the verdict comes from the article's own answer, and the sentence that
    gives it is cited in the bottom line."""
    lib = pages_library(
        tmp_path,
        {
            "coffee": ("Coffee does not dry you out", COFFEE),
            "grounding": ("Grounding mats for sleep: very few studies", GROUNDING),
            "light": ("Reading in poor light: tiring, but not damaging", DIM_LIGHT),
        },
    )
    service = AnswerService(lib, Settings())
    coffee = service.ask("Does coffee dehydrate you?")
    assert str(coffee.verdict) == "no"
    assert coffee.receipt.details["verdict_method"] == "summary answer"
    cited = {r.n: r.doc_id for r in coffee.references}
    assert any(cited[n] == "coffee" for s in coffee.summary for n in s.citations)
    mats = service.ask("Do grounding mats improve sleep?")
    assert str(mats.verdict) == "maybe"
    assert "uncertain" in mats.receipt.details["verdict_cues"][0]


def test_a_denied_harm_proposes_safety_and_titles_read_as_claims() -> None:
    """ "Is it true that X does not harm the baby?" proposes that X is harmless: a "yes" to it is a safe verdict, not
    the harm the question names. A claim check's title is the claim ("Coffee dehydrates you"), not "It true that"."""
    from clinevidence.answer.question import fallback_topic
    from clinevidence.answer.recommendation import proposition

    assert proposition("Is it true that moderate exercise in pregnancy does not harm the baby?").negative is False
    assert proposition("Is it true that mobile phones don't cause brain tumours?").negative is False
    assert proposition("Does exercise in pregnancy harm the baby?").negative is True
    assert proposition("Does warfarin increase bleeding with NSAIDs?").negative is True
    assert fallback_topic("Is it true that coffee dehydrates you?") == "Coffee dehydrates you"
    assert (
        fallback_topic("Is it really true that sugar makes children hyperactive?") == "Sugar makes children hyperactive"
    )


FLOSS = (
    "Whether daily flossing prevents tooth decay has hardly been investigated. "
    "Dental floss is sold in every supermarket. Many dentists recommend it. People like the clean feeling. "
    "Floss comes waxed or unwaxed. Some people prefer interdental brushes. "
    "The few studies mostly measured bleeding gums; the evidence for that is weak."
)
CREAM = (
    "Cranberry products are often recommended against recurring bladder infections. "
    "Several good trials in women with repeated infections found fewer infections with cranberry. "
    "Cranberry products can prevent repeated bladder infections in women. "
    "Side effects were rare. Cranberry juice contains sugar. Capsules are an alternative. "
    "Which product and which dose work best is unclear."
)


@pytest.mark.parametrize(
    ("question", "text", "title", "expected"),
    [
        # Fact-checks hedge in words the first patterns lacked: "hardly been investigated", "the evidence ... is weak",
        # "do not allow a reliable statement".
        ("Does flossing every day protect against tooth decay?", FLOSS, "Dental floss and tooth decay", "maybe"),
        (
            "Does local honey help with hay fever?",
            "Local honey is said to help against hay fever. It contains pollen. "
            "The available studies do not allow a reliable statement about whether local honey helps.",
            "Local honey and hay fever",
            "maybe",
        ),
        # A headline denying the effect answers no; the negated question gets yes.
        (
            "Does avoiding allergenic foods in pregnancy prevent allergies in the child?",
            "Pregnant women sometimes avoid milk and eggs. Randomised trials tested this. A varied diet is best.",
            "Avoiding allergenic foods in pregnancy does not prevent allergies in the child",
            "no",
        ),
        (
            "Is it true that shaving does not make hair grow back thicker?",
            "Many people fear shaving. Research has long shown that shaving does not make hair grow back thicker. "
            "Short hairs look darker.",
            "Shaving and hair",
            "yes",
        ),
    ],
)
def test_hedges_and_denied_effects_in_other_words(question: str, text: str, title: str, expected: str) -> None:
    found = _answer(question, text, title)
    assert found is not None and found[0] == expected


def test_an_uncertainty_about_a_detail_is_not_a_maybe() -> None:
    """ "Which product and which dose work best is unclear" leaves open how, not whether."""
    found = _answer("Can cranberry products prevent repeated bladder infections in women?", CREAM, "Cranberry")
    assert found is None or found[0] != "maybe"


def test_a_neighbouring_fact_check_on_the_same_topic_is_not_quoted(tmp_path: Path) -> None:
    """Two fact-checks on vitamin D check two claims: the one answering the question is the evidence, the other
    (fractures, for a question on colds) is not filler for it."""
    colds = (
        "Can vitamin D supplements prevent colds? "
        "Vitamin D is advertised for a strong immune system. Several trials gave vitamin D or a placebo and counted "
        "colds and other respiratory infections. Some found slightly fewer colds with vitamin D, others none. "
        "Our assessment: Whether vitamin D supplements prevent colds is unclear; the studies contradict each other."
    )
    fractures = (
        "Do vitamin D tablets prevent broken bones in older people living at home? "
        "Many older people take vitamin D supplements to prevent colds and broken bones. "
        "Vitamin D supplements do not prevent colds in people with normal levels, a large trial in older people found. "
        "Large trials in older people living at home gave vitamin D tablets or a placebo. "
        "Vitamin D tablets alone did not prevent broken bones in older people living at home. "
        "Our assessment: No, the claim is not correct."
    )
    lib = pages_library(
        tmp_path, {"colds": ("Vitamin D against colds", colds), "fractures": ("Vitamin D and fractures", fractures)}
    )
    answer = AnswerService(lib, Settings()).ask("Can vitamin D supplements prevent colds?")
    assert str(answer.verdict) == "maybe"
    cited = {r.n: r.doc_id for r in answer.references}
    assert {cited[n] for s in answer.all_statements() for n in s.citations} == {"colds"}
