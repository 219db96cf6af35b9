"""Abstention says why: the receipt records which part of the question's frame the library does not meet, and the
notice names it, with the closest topics the library does cover."""

from __future__ import annotations

from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


def test_an_unknown_topic_is_named_in_the_receipt_and_the_notice(starter_library: Library) -> None:
    answer = AnswerService(starter_library, Settings()).ask("What is the IVIG dose in Kawasaki disease?")
    assert str(answer.verdict) == "insufficient"
    reason = answer.receipt.details["abstain_reason"]
    assert reason["reason"] == "topic the library has never seen"
    assert "ivig" in [m.lower() for m in reason["missing"]]
    assert "Not covered: " in (answer.notice or "") and "ivig" in (answer.notice or "").lower()
    assert "Closest topics the library covers" in (answer.notice or "")


def test_an_unseen_qualifier_is_the_reason(starter_library: Library) -> None:
    """The library covers vaccines in pregnancy, but not the HPV vaccine: the qualifier is what is missing."""
    answer = AnswerService(starter_library, Settings()).ask("Is the HPV vaccine safe in pregnancy?")
    assert str(answer.verdict) == "insufficient"
    assert answer.receipt.details["abstain_reason"] == {
        "reason": "qualifier the library has never seen",
        "missing": ["HPV"],
    }


def test_an_answered_question_has_no_abstain_reason(starter_library: Library) -> None:
    answer = AnswerService(starter_library, Settings()).ask(
        "Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancer?"
    )
    assert str(answer.verdict) != "insufficient"
    assert "abstain_reason" not in answer.receipt.details
    assert not (answer.notice or "").startswith("The library has no evidence")
