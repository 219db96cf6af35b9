"""Near misses on the starter library: questions that share a drug or a condition with covered topics but that no
document answers, and lexicon words that decide whether a question is read at all (clinician questions, session 5)."""

from __future__ import annotations

import pytest

from clinevidence.answer.models import Verdict
from clinevidence.answer.question import analyze
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


def _names(question: str) -> list[str]:
    return [c.name for c in analyze(question).concepts]


def test_subtypes_of_a_condition_are_their_own_concepts() -> None:
    assert _names("Is metformin safe for gestational diabetes?") == ["metformin", "gestational diabetes"]
    assert _names("Is empagliflozin effective in type 1 diabetes?") == ["empagliflozin", "type 1 diabetes"]
    assert _names("Is metformin first-line for type 2 diabetes?") == ["metformin", "type 2 diabetes"]
    assert "type 2 diabetes" in _names("Is metformin first-line for diabetes?")


def test_lay_and_vaccine_words_are_read() -> None:
    assert "analgesic" in _names("Which painkiller is safest with warfarin?")
    assert "MMR vaccine" in _names("Is the MMR vaccine safe in pregnancy?")
    assert "MMR vaccine" in _names("Is the measles-mumps-rubella vaccine safe in pregnancy?")


def test_a_lay_word_with_a_lexicon_meaning_is_no_unknown_topic(service: AnswerService) -> None:
    a = service.ask("Should paracetamol be the first-choice painkiller for someone on Coumadin?")
    assert a.verdict == Verdict.yes, a.title


def test_the_live_vaccine_sentence_answers_an_mmr_question(service: AnswerService) -> None:
    a = service.ask("Is the MMR vaccine safe to give during pregnancy?")
    assert a.verdict == Verdict.no, a.title


def test_the_drug_and_the_setting_must_meet_in_one_sentence(service: AnswerService) -> None:
    """The UTI guideline names nitrofurantoin, and pregnancy for bacteriuria screening, never the two together."""

    def unmet(question: str) -> list[str]:
        an = analyze(question)
        return service._unmet_frame(an, service._evidence(an)[0])

    assert unmet("Is nitrofurantoin safe in the third trimester of pregnancy?") == ["nitrofurantoin", "pregnancy"]
    assert unmet("Is ibuprofen safe to take in the third trimester of pregnancy?") != []
    # The pair in one sentence, or the setting in the title or subject headings, meets the frame.
    assert unmet("Is the live attenuated influenza vaccine contraindicated during pregnancy?") == []
    assert unmet("Is lisinopril contraindicated in a woman who is 10 weeks pregnant?") == []
    assert unmet("Is nitrofurantoin first-line for cystitis in women?") == []


@pytest.mark.parametrize(
    "question",
    [
        "Is empagliflozin effective in type 1 diabetes?",
        "Is metformin safe to use for gestational diabetes?",
        "Is nitrofurantoin safe in the third trimester of pregnancy?",
    ],
)
def test_near_misses_abstain(service: AnswerService, question: str) -> None:
    a = service.ask(question)
    assert a.verdict == Verdict.insufficient, a.title
    assert not a.all_statements()


def test_a_subtype_check_leaves_the_covered_condition_alone(service: AnswerService) -> None:
    def unmet(question: str) -> list[str]:
        an = analyze(question)
        return service._unmet_subtype(an, service._evidence(an)[0])

    assert unmet("Is empagliflozin effective in type 1 diabetes?") == ["type 1 diabetes"]
    assert unmet("Is metformin first-line for type 2 diabetes?") == []
    assert unmet("Is metformin first-line for diabetes?") == []
    assert service.ask("Is metformin the first-line drug for type 2 diabetes?").verdict == Verdict.yes


def test_a_sentence_for_the_other_option_answers_a_preferred_over_question_no() -> None:
    from clinevidence.answer.recommendation import answer_from_stance

    q = "Is vasopressin preferred over noradrenaline as the first vasopressor in septic shock?"
    assert answer_from_stance(q, "yes", "Norepinephrine is the first-line vasopressor for septic shock.") == "no"
    assert answer_from_stance(q, "yes", "Vasopressin is preferred over norepinephrine in septic shock.") == "yes"
    assert answer_from_stance(q, "yes", "Norepinephrine is preferred over vasopressin in septic shock.") == "no"
    doacs = "Are DOACs preferred over warfarin in atrial fibrillation?"
    assert answer_from_stance(doacs, "yes", "DOACs are recommended over warfarin in atrial fibrillation.") == "yes"
    assert answer_from_stance(doacs, "no", "DOACs are not recommended with mechanical heart valves.") == "no"
    assert answer_from_stance(q, "yes") == "yes"  # no sentence: a stance on the question as asked
    # B passed over by a class A belongs to ("DOACs ... over warfarin" for apixaban) does not prefer B.
    apix = "Is apixaban better than warfarin for stroke prevention in atrial fibrillation?"
    assert answer_from_stance(apix, "yes", "DOACs are recommended over warfarin for stroke prevention.") == "yes"


def test_a_comparison_needs_both_options_in_one_sentence(service: AnswerService) -> None:
    q = "Is clopidogrel better than aspirin for secondary prevention after an ischaemic stroke?"
    an = analyze(q)
    assert service._unmet_frame(an, service._evidence(an)[0]) != []
    assert service.ask(q).verdict == Verdict.insufficient
    t = "Is T-DXd better than T-DM1 as second-line therapy for HER2-positive metastatic breast cancer?"
    assert service.ask(t).verdict == Verdict.yes
    v = "Is vasopressin preferred over noradrenaline as the first vasopressor in septic shock?"
    assert service.ask(v).verdict == Verdict.no


@pytest.mark.parametrize(
    "question",
    [
        "Do statins help prevent dementia?",  # statin documents and dementia (ASPREE, PPI) documents, none with both
        "Are triptans effective for cluster headache?",  # a headache the library never names, inside "headache"
    ],
)
def test_an_outcome_or_subtype_named_elsewhere_abstains(service: AnswerService, question: str) -> None:
    assert service.ask(question).verdict == Verdict.insufficient


def test_headache_is_read_and_migraine_stays_migraine() -> None:
    assert _names("Are triptans effective for cluster headache?") == ["triptan", "cluster headache"]
    assert "migraine" in _names("Are triptans effective for migraine headache?")
    assert "headache" in _names("Is paracetamol effective for a tension headache?")


def test_the_pair_rule_reads_a_setting_through_its_uncommon_word() -> None:
    """A phrasing the lexicon lacks ("cardiovascular events") still names the setting for the pair rule, so a
    covered question does not abstain on a synonym gap; everyday words of a name ("older", "adults") do not."""
    from clinevidence.answer.service import _loosely_names

    cvd = next(c for c in analyze("aspirin in cardiovascular disease").concepts if c.kind == "condition")
    assert _loosely_names("A meta-analysis found fewer cardiovascular events with aspirin.", cvd)
    assert not _loosely_names("Aspirin reduced events in adults with diabetes.", cvd)
    older = next(c for c in analyze("aspirin in older adults").concepts if c.kind == "population")
    assert not _loosely_names("Aspirin was studied in adults with diabetes.", older)


def test_statins_in_older_adults_are_answered(service: AnswerService) -> None:
    a = service.ask("Are statins recommended for primary prevention in older adults?")
    assert a.verdict is not Verdict.insufficient
