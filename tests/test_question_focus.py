"""What a question asks versus what the asker only tells: conversation must not steer retrieval or abstention."""

from __future__ import annotations

import pytest

from clinevidence.answer.models import Verdict
from clinevidence.answer.question import analyze, focus_question, is_conversation
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


@pytest.mark.parametrize(
    ("text", "conversation"),
    [
        ("My mother was told about this by her doctor and we are worried.", True),
        ("Hi, quick question from a worried husband.", True),
        ("Thanks in advance!", True),
        ("I am 30 weeks pregnant.", False),  # a setting
        ("My husband takes lisinopril.", False),  # a drug
        ("She is 84 years old.", False),  # a number
        ("He has hypothyroidism.", False),  # an uncommon word
        ("The virus can survive on surfaces.", False),  # a claim, not talk about the asker
    ],
)
def test_conversation_is_told_apart_from_background(text: str, conversation: bool) -> None:
    assert is_conversation(text) is conversation


def test_conversation_sentences_are_dropped_and_the_question_kept() -> None:
    text = "My mother was told about this by her doctor and we are worried. is aspirin safe?"
    ask, background, _ = focus_question(text)
    assert (ask, background) == ("Is aspirin safe?", "")


def test_informative_background_is_kept_beside_the_question() -> None:
    a = analyze("My husband takes lisinopril. Can he drink alcohol with it?")
    assert a.question == "Can he drink alcohol with it?"
    assert a.background == "My husband takes lisinopril."
    assert any(c.name == "lisinopril" for c in a.concepts) or "lisinopril" in a.retrieval_text
    assert "lisinopril" in a.asked  # "it" points back into the background


def test_background_without_reference_is_not_what_is_asked() -> None:
    a = analyze("I have been reading about this for hours. What is Cinryze?")
    assert "cinryze" in a.asked.lower() and "hours" not in a.asked


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Sorry if this is a silly question, does metformin cause lactic acidosis?", "Does metformin cause"),
        ("I was wondering whether warfarin interacts with ibuprofen", "Warfarin interacts"),
        ("Can you tell me if amoxicillin is safe in pregnancy?", "Amoxicillin is safe"),
    ],
)
def test_conversational_lead_ins_are_removed_and_stay_yes_no(question: str, expected: str) -> None:
    a = analyze(question)
    assert a.question.startswith(expected)
    assert a.yes_no


def test_a_lead_in_that_names_the_population_is_kept() -> None:
    assert analyze("In patients with CKD, is metformin safe?").question == "In patients with CKD, is metformin safe?"


def test_a_claim_keeps_every_sentence_including_its_negation() -> None:
    claim = "Yes, the virus can survive on surfaces. No, it does not seem to matter."
    assert analyze(claim).question == claim


@pytest.mark.parametrize(
    ("plain", "chatty"),
    [
        (
            "Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancer?",
            "My sister was told about this by her doctor and we are all worried. is it safe to use tamoxifen with "
            "T-DM1 in HER2-positive breast cancer?",
        ),
        (
            "Is warfarin safe with ibuprofen?",
            "Sorry if this is a silly question, is warfarin safe with ibuprofen? Thanks in advance!",
        ),
    ],
)
def test_conversation_does_not_change_the_answer(service: AnswerService, plain: str, chatty: str) -> None:
    a, b = service.ask(plain), service.ask(chatty)
    assert b.verdict == a.verdict and b.recommendation == a.recommendation and b.title == a.title
    assert [r.doc_id for r in b.references] == [r.doc_id for r in a.references]
    assert b.question == chatty  # the Answer shows what was asked, as asked


def test_conversation_does_not_make_an_uncovered_question_answerable(service: AnswerService) -> None:
    a = service.ask("My GP mentioned this last week and I am worried. What is the IVIG dose in Kawasaki disease?")
    assert a.verdict == Verdict.insufficient and not a.references


def test_conversation_around_a_claim_is_dropped_but_its_denial_kept() -> None:
    claim = "My doctor mentioned this last week. Alcohol does not kill the virus. No, it does not protect you."
    assert analyze(claim).question == "Alcohol does not kill the virus. No, it does not protect you."


def test_a_title_before_the_question_is_what_is_asked_about() -> None:
    a = analyze("Mammographic screening in Sami speaking municipalities. Are early outcome measures influenced by age?")
    assert a.question.startswith("Are early outcome") and "sami" in a.asked.lower()
    b = analyze("Been on the forums all night. What is Cinryze?")
    assert "forums" not in b.asked.lower()


def test_a_lead_in_with_chat_abbreviations_is_conversation(service: AnswerService) -> None:
    a = service.ask(
        "Sorry if this is a silly question, my GP mentioned it last week: is it safe to use tamoxifen with T-DM1 "
        "in HER2-positive breast cancer?"
    )
    assert a.title == "Tamoxifen with T-DM1: Not Recommended"


@pytest.mark.parametrize(
    ("text", "ask", "background"),
    [
        # a statement with its "I" left out is no "Had you ...?" question
        (
            "had knee surgery monday and im on norco every 6 hrs. can i take extra tylenol in between",
            "Can i take extra tylenol in between",
            "had knee surgery monday and im on norco every 6 hrs.",
        ),
        # the question asked in a clause after what the asker tells
        (
            "had a heart attack 3 weeks ago. before that i was on amitriptyline, can i start it back up now",
            "Before that i was on amitriptyline, can i start it back up now",
            "had a heart attack 3 weeks ago.",
        ),
        ("Has the patient been on warfarin? He is 80.", "Has the patient been on warfarin?", "He is 80."),
    ],
)
def test_what_the_asker_tells_is_told_apart_from_what_is_asked(text: str, ask: str, background: str) -> None:
    assert focus_question(text)[:2] == (ask, background)
