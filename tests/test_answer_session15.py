"""Session 15: fact-checks that sum up, questions asked in a clause, lay words, and medicines named by class.

Each test reproduces a mechanism found on the blind consumer sets (lay-claims part E, consumer-meds part 9) with
short team-written fixtures, not library content.
"""

from __future__ import annotations

import pytest

from clinevidence.answer.question import analyze, focus_question
from clinevidence.answer.recommendation import asks_side_effect
from clinevidence.answer.service import AnswerService
from clinevidence.answer.verdict import (
    bare_answer,
    declares_unsure,
    proposition,
    reports_own_study,
    split_negated_question,
    summing_up,
    without_intensifiers,
)
from tests.answer_support import pages_fixture

GELS = (
    "Gels with anti-inflammatory painkillers such as diclofenac are sold for sprains. "
    "Many randomised trials compared the painkiller gels with gels that contained no active substance. "
    "After a week, more people with active gel reported that their pain had at least halved. "
    "The gels should not be used on broken skin, and the treated skin should not be exposed to strong sun. "
    "So: for fresh sprains and strains, painkiller gels ease the pain better than dummy gels."
)
BODY_SCAN = (
    "Private clinics offer whole-body scans to people without symptoms. "
    "Such scans often find harmless changes that lead to more tests. "
    "Our assessment: Whether a whole-body scan helps healthy people stay healthy or live longer is unknown, because "
    "no study has investigated it. "
    "The scans are expensive and are usually paid for privately."
)
FLU_JAB = (
    "Can the flu jab give you flu? "
    "In short: No – that is a myth. "
    "The injected vaccine contains no live virus, so it cannot cause influenza. "
    "A sore arm or a slight temperature for a day can happen."
)
MINI_PILL = (
    "With a progestin-only pill, a tablet taken more than 3 hours late counts as missed: take it as soon as you can, "
    "keep taking one a day as usual, and use condoms or avoid sex for the next 2 days. "
    "A pill taken less than 3 hours late needs no backup."
)
TENS = (
    "Small battery-powered devices that send a mild electric current through pads on the skin are sold for period "
    "pain. The method is called transcutaneous electrical nerve stimulation (TENS). "
    "A few small trials compared TENS with sham devices in women with painful periods. "
    "In short: TENS devices might ease period pain in some women, but the studies are too few and too small to know "
    "for sure. "
    "The devices cost between twenty and a hundred euros."
)
B_VITAMINS = (
    "B vitamins are often sold to older people to keep their memory sharp. "
    "We found a systematic review that summarised around twenty controlled studies with many thousands of older "
    "people. Those who took B vitamins did about as well on memory tests as those who took a placebo. "
    "Our conclusion: Probably not. "
    "Trustworthiness of the evidence: moderate"
)
service = pages_fixture(
    {
        "bvit": ("B vitamins for memory", B_VITAMINS),
        "tens": ("Electrical nerve stimulation for period pain", TENS),
        "gels": ("Pain-relief gels for sprains", GELS),
        "scan": ("Whole-body scans as a check-up", BODY_SCAN),
        "flu": ("Flu vaccination myths", FLU_JAB),
        "pill": ("Late with the mini-pill", MINI_PILL),
    },
    "session15",
)


def test_a_summary_s_own_summing_up_decides_not_the_caution_beside_it(service: AnswerService) -> None:
    """ "So: ... relieve pain better than ..." is the article's conclusion; "should not be used on broken skin" and
    the reader's "actually" (PubMedQA's rhetorical doubt, learnt as a no) do not turn it into a no."""
    answer = service.ask("Does rubbing anti-inflammatory gel on a sprained ankle actually ease the pain?")
    assert str(answer.verdict) == "yes"


def test_a_summing_up_that_nobody_knows_is_maybe(service: AnswerService) -> None:
    answer = service.ask("If I feel well, does a whole-body scan help me stay healthy or live longer?")
    assert str(answer.verdict) == "maybe"
    assert "lacking" in answer.receipt.details["verdict_cues"][0]


def test_is_it_a_myth_asks_whether_the_claim_is_false(service: AnswerService) -> None:
    """ "No – that is a myth" to "Can the flu jab give you flu?" is a yes to "Is it a myth that it gives you flu?"."""
    assert split_negated_question("Is it just a myth that the flu jab gives you flu?") == (
        "Is it true that the flu jab gives you flu?",
        True,
    )
    assert (
        proposition("Is it a myth that the flu jab gives you flu?") == "It is not true that the flu jab gives you flu"
    )
    answer = service.ask("Is it just a myth that the flu jab can give you flu?")
    assert str(answer.verdict) == "yes"
    assert answer.verdict_label == "No Link Found"  # the jab does not give you flu
    assert str(service.ask("Can the flu jab give you flu?").verdict) == "no"


def test_summing_up_sentences_and_their_figures() -> None:
    sentences = [
        "Overall, 283 (47.2%) surveys were returned.",  # a result with figures, as abstracts write "Overall"
        "Overall, capsicum plasters probably relieve low back pain a little.",
        "We therefore consider it unlikely that fasting helps more.",
        "Side effects were rare.",
    ]
    assert summing_up(sentences) == sentences[1:3]
    assert without_intensifiers("Do they really help?") == "Do they help?"
    assert declares_unsure("Our assessment: Whether it helps is unknown, because no study has investigated it.")
    assert not declares_unsure("How well the plasters work over months is not known.")


def test_a_page_naming_the_medicine_by_its_class_answers(service: AnswerService) -> None:
    """Camila is a progestin-only pill: the page on the mini-pill answers a question on it, and "do i need to" is a
    recommendation, not an efficacy question."""
    concepts = {c.name for c in analyze("took my camila 5 hours late").concepts}
    assert "norethindrone" in concepts
    answer = service.ask("took my camila 5 hours late this morning. do i need to use condoms now")
    assert str(answer.verdict) == "yes"
    assert answer.verdict_label == "Recommended"
    assert answer.summary and answer.references[0].doc_id == "pill"


def test_a_question_in_a_clause_after_what_is_told() -> None:
    ask, told, _ = focus_question(
        "my husband cant swallow capsules anymore since his stroke, what are the options for his ramipril"
    )
    assert ask == "What are the options for his ramipril"
    assert "stroke" in told
    # after "i have epilepsy, can i take ..." the telling is the situation asked about
    assert focus_question("i have epilepsy, can i take metoclopramide for nausea")[0].startswith("i have epilepsy")


@pytest.mark.parametrize(
    "question",
    [
        "my dad got a gout attack 2 weeks after starting chlorthalidone, is that from the bp pill",
        "bp has been running high and the only new med is myrbetriq. could it be doing that",
    ],
)
def test_side_effects_asked_with_a_kind_of_pill_or_it(question: str) -> None:
    assert asks_side_effect(question)


def test_everyday_names_of_medicines() -> None:
    assert {c.name for c in analyze("can i keep my nitro tablets in a pill box").concepts} == {"nitrate"}
    progesterone = next(c for c in analyze("do i need progesterone too").concepts if c.name == "progesterone")
    assert "progestogen" in progesterone.classes


def test_the_sentence_that_decides_is_cited_in_the_page_s_own_words(service: AnswerService) -> None:
    """The reader's "electric pads ... for bad cramps" shares few words with "TENS devices might ease period pain":
    the sentence that decided the verdict is still the bottom line, not an abstention for want of a statement."""
    answer = service.ask("Do those little electric pads you stick on your tummy actually work for bad cramps?")
    assert str(answer.verdict) == "maybe"
    assert answer.summary and "TENS devices might ease period pain" in answer.summary[0].text


def test_a_portal_s_search_for_studies_is_no_study_of_its_own() -> None:
    """ "We found a systematic review that ..." is how a fact-check reports its search; "We found that ..." still
    reports a study's own finding."""
    assert not reports_own_study(B_VITAMINS)
    assert not reports_own_study("We found several small studies on it.")
    assert reports_own_study("We found that coffee increased urine output.")
    assert reports_own_study("We found a significant increase in mortality.")


def test_an_answer_in_a_word_or_two_after_the_summary_s_lead(service: AnswerService) -> None:
    assert bare_answer("Do B vitamins improve memory?", ["Our conclusion: Probably not."]) == (
        "no",
        "Our conclusion: Probably not.",
    )
    assert bare_answer("Is it true that B vitamins do not improve memory?", ["Probably not."])[0] == "yes"
    assert bare_answer("Is it ok with food?", ["Yes."]) is None  # a FAQ's bare answer needs its own question
    answer = service.ask("Do B vitamin supplements improve memory in healthy older people?")
    assert str(answer.verdict) == "no"
    assert answer.receipt.details["verdict_method"] == "summary answer"


def test_a_clinician_s_list_of_what_the_patient_has_not_is_no_setting() -> None:
    """ "62M, no diabetes, no CKD. ... is amlodipine preferred over ramipril?": the title names no diabetes."""
    from clinevidence.answer.question import excluded_concepts

    a = analyze("62M, ABPM 152/94, no diabetes, no CKD. Going by NICE, is amlodipine preferred over ramipril?")
    assert {c.name for c in excluded_concepts(a.told, a.concepts)} >= {"type 2 diabetes", "chronic kidney disease"}
    assert "diabetes" not in a.topic
    b = analyze("Is metformin safe in CKD with no heart failure?")
    assert [c.name for c in excluded_concepts(b.told, b.concepts)] == ["heart failure"]


def test_a_drug_the_patient_is_already_on_is_not_what_is_asked(starter_library: object) -> None:
    """ "HFpEF, already on dapagliflozin - should Entresto be added?": the library has SGLT2 inhibitors in HFpEF but
    nothing on sacubitril-valsartan there, so it abstains instead of answering for dapagliflozin."""
    from clinevidence.settings import Settings

    svc = AnswerService(starter_library, Settings())  # type: ignore[arg-type]
    answer = svc.ask("HFpEF, EF 58%, already on dapagliflozin - should Entresto be added?")
    assert str(answer.verdict) == "insufficient"
    assert "sacubitril-valsartan" in answer.receipt.details["abstain_reason"]["missing"]
    covered = svc.ask("HFpEF, already on dapagliflozin - should it be continued?")  # the one drug named
    assert str(covered.verdict) == "yes"


def test_a_dose_told_before_the_question_meets_the_ceiling_for_the_age_in_shorthand() -> None:
    """ "68F on citalopram 40mg od ... OK to continue at that dose?": 68F is a 68-year-old, over the sentence's 60,
    and the amount is in what is told; "1 g QDS, i.e. 4 g/day" is 4 g by the day."""
    from clinevidence.answer.polarity import dose_stance, question_polarity

    ceiling = "The maximum recommended dose of citalopram is 20 mg daily in adults older than 60 years."
    told = "68F on citalopram 40mg od for years for depression. OK to continue at that dose?"
    assert dose_stance(told, ceiling) == "no"
    assert dose_stance("52F on citalopram 40mg od. OK to continue?", ceiling) is None  # not older than 60
    assert question_polarity("OK to continue at that dose?", ceiling, set(), told=told) == "no"
    liver = "In patients with cirrhosis a lower maximum of 2 to 3 g per day is advised."
    assert dose_stance("Cirrhosis: is paracetamol 1 g QDS, i.e. 4 g/day, appropriate?", liver) == "no"


def test_a_time_since_onset_against_the_window_for_treatment() -> None:
    from clinevidence.answer.polarity import question_polarity, window_stance

    window = "Intravenous alteplase is recommended for adults who can be treated within 4.5 hours of symptom onset."
    assert window_stance("arrived 18:10 so 5 h 10 min out. Can we still give alteplase?", window) == "no"
    assert window_stance("onset 3 hours ago, can we give alteplase?", window) == "yes"
    assert window_stance("last Eliquis dose 6 hrs ago - can we still thrombolyse?", window) is None  # not since onset
    assert window_stance("onset 2 hours ago", "must not be started within 36 hours of the last dose") is None
    assert question_polarity("Can we still give alteplase?", window, set(), told="5 h 10 min out.") == "no"


def test_the_sentence_weighing_the_asked_amount_or_time_decides(starter_library: object) -> None:
    """On the starter library: the window sentence, not the WAKE-UP trial's, decides a late thrombolysis; the
    liver-disease ceiling, not "paracetamol is preferred in cirrhosis", decides 4 g/day in cirrhosis."""
    from clinevidence.settings import Settings

    svc = AnswerService(starter_library, Settings())  # type: ignore[arg-type]
    late = svc.ask(
        "Stroke call - 71M, onset 13:00, arrived 18:10 so 5 h 10 min out. CT no bleed, no MRI available tonight. "
        "Can we still give alteplase 0.9 mg/kg?"
    )
    assert str(late.verdict) == "no"
    assert "4.5 hours" in late.receipt.details["verdict_sentence"]
    liver = svc.ask("54M with alcohol-related cirrhosis. Is paracetamol 1 g QDS, i.e. 4 g/day, appropriate?")
    assert str(liver.verdict) == "no"


def test_less_of_the_outcome_answers_whether_it_reduces_it(starter_library: object) -> None:
    """ "DOACs cause less intracranial haemorrhage than warfarin and do not require routine INR monitoring" answers
    "does a DOAC reduce it compared with warfarin?" with yes (not the "do not" of its second half), and "compared
    with" sets one against the other in the title."""
    from clinevidence.settings import Settings

    svc = AnswerService(starter_library, Settings())  # type: ignore[arg-type]
    answer = svc.ask("Does switching to a DOAC reduce intracranial haemorrhage compared with warfarin?")
    assert str(answer.verdict) == "yes"
    assert answer.title.startswith("DOAC vs warfarin")


@pytest.mark.parametrize(
    "question",
    [
        "ventolin makes my hands shake and my heart race for an hour after, is that normal",
        "colchicine giving me the runs",
    ],
)
def test_an_effect_told_in_everyday_words_is_a_side_effect_question(question: str) -> None:
    assert asks_side_effect(question + "?")


def test_is_that_normal_asks_whether_it_is_harmless() -> None:
    from clinevidence.answer.service import _label_type

    a = analyze("found what looks like a whole procardia xl pill in the toilet after i went. is that normal")
    assert _label_type(a) == "safety"


@pytest.mark.parametrize(
    "sentence",
    [
        "Memantine acts on glutamate, so the two types do not cancel each other out.",
        "Amoxicillin does not interfere with paracetamol.",
        "They are often given together.",
    ],
)
def test_no_clash_between_two_medicines_is_no_warning(sentence: str) -> None:
    from clinevidence.answer.verdict import says_fine

    assert says_fine(sentence)
