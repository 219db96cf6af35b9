"""Session 19: consumer-meds part 13's polarity traps (read after its blind first run in session 18).

Each test reproduces a mechanism with short team-written fixtures, not library content.
"""

from __future__ import annotations

import pytest

from clinevidence.answer.polarity import polarity
from clinevidence.answer.recommendation import age_applies
from clinevidence.answer.service import AnswerService
from clinevidence.answer.verdict import split_negated_question
from clinevidence.text import asking_start
from tests.answer_support import cited, pages_fixture

RUB = (
    "Zentholyptus chest rub is sold without a prescription for the cough of a common cold. "
    "For adults and children 2 years and older, rub a thick layer on the chest and throat. "
    "Do not use it on children younger than 2 years. "
    "Keep the jar closed and out of reach of children."
)
DROPS = (
    "Zaloptifen eye drops relieve itchy eyes caused by allergies to pollen, pets and dust. "
    "Adults and children 3 years and older: put 1 drop in the affected eye twice a day. "
    "Children under 3 years of age: consult a doctor. "
    "Do not touch the tip of the bottle to any surface."
)
TABLET = (
    "Zentrolast is a tablet taken once a day to reduce flare-ups in severe chronic obstructive pulmonary disease. "
    "It is not a bronchodilator. It does not replace your inhalers: keep using your long-acting inhalers every day "
    "and keep your rescue inhaler with you. The usual dose is one tablet once a day."
)
OINTMENT = (
    "Uses: first aid to help prevent infection in minor cuts, scrapes and burns. "
    "Ask a doctor before use if you have deep or puncture wounds, animal bites, or serious burns. "
    "Apply a small amount to the area 1 to 3 times daily."
)
service = pages_fixture(
    {
        "rub": ("Zentholyptus chest rub", RUB),
        "tablet": ("Zentrolast tablets for COPD", TABLET),
        "drops": ("Zaloptifen eye drops - Drug Facts", DROPS),
        "ointment": ("ZEOMYCIN first aid ointment - Drug Facts", OINTMENT),
    },
    "session19",
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a story told before the asking sentence keeps its negations
        ("I don't drink alcohol. Is it safe to take paracetamol daily?", None),
        ("He is not eating much. Is it safe to give ibuprofen?", None),
        ("i cant swallow capsules, can i open my nexium and mix it with something", None),
        ("I can't swallow capsules - is there another way to take it?", None),
        ("can the nurse give the shot before i leave so i dont have to come back?", None),
        # a negative interrogative is answered as the positive proposition it leans towards
        ("Shouldn't I wait a couple of hours before I get in the pool?", ("Should I wait", False)),
        ("the box says 10 minutes. wouldnt it be better to leave it on for an hour?", ("would it be better", False)),
        ("my son has asthma. cant he just take one puff of mine?", ("can he just take", False)),
        ("if i start it now, shouldnt i be putting it on every 2 hours?", ("should i be putting", False)),
        ("Won't it hurt the baby?", ("Will it hurt the baby?", False)),
        # an uncontracted negation, and a reported claim under a tag, turn the question round
        ("Is it not safe to rub it on her chest?", ("Is it safe to rub it on her chest?", True)),
        ("my friend says statins don't work, is that true?", ("my friend says statins do work", True)),
        # "is it bad to X?" asks whether X is not all right
        ("is it bad to take my tablets with calcium?", ("is it ok to take my tablets with calcium?", True)),
        ("Is it harmful to a baby's immune defences to get several shots?", None),
        # a claim is read as it stands
        ("Wearing a face mask probably won't keep you from getting sick", None),
    ],
)
def test_which_negation_is_the_questions_own(question: str, expected: tuple[str, bool] | None) -> None:
    fixed, negated = split_negated_question(question)
    if expected is None:
        assert (fixed, negated) == (question, False)
    else:
        assert expected[0] in fixed and negated is expected[1], fixed


def test_the_asking_sentence_needs_no_capital_letter() -> None:
    told = "the rid box says 10 minutes. wouldnt it be better?"
    assert told[asking_start(told) :] == "wouldnt it be better?"
    assert "Dr. Patel said no. Should I?"[asking_start("Dr. Patel said no. Should I?") :] == "Should I?"
    assert asking_start("Is A vs. B better?") == 0


def test_an_age_in_months_is_read_against_a_cut_off_in_years() -> None:
    toddler = "Is it safe to rub it on an 18-month-old's chest?"
    assert age_applies(toddler, "Do not use it on children younger than 2 years.") is True
    assert age_applies(toddler, "For adults and children 2 years and older, rub a thick layer.") is False
    assert age_applies("my 16 yo has asthma, can he use it?", "Not for children under 12 years of age.") is False
    assert age_applies("can my son aged 7 take it?", "children 6 years and over: 10 ml") is True
    assert age_applies("Is 40 mg ok at eGFR 25?", "Do not use in patients under 18 years.") is None


def test_a_negated_condition_is_not_a_stance() -> None:
    advice = "If you do not get enough from your diet, your doctor will recommend supplements to take with it."
    assert polarity(advice) == "yes"
    assert polarity("If you do not tolerate it, do not use the extended form.") == "no"


def test_a_page_ruling_the_age_out_answers_for_that_age(service: AnswerService) -> None:
    """ "Vicks on an 18-month-old's chest" on a page saying "Do not use it on children younger than 2 years": no,
    citing that sentence, whether or not the lexicon knows the product; asked the other way round, yes."""
    answer = service.ask("Is it safe to rub Zentholyptus chest rub on an 18-month-old's chest for a cough?")
    assert answer.verdict == "no"
    assert any("younger than 2 years" in s.text for s in answer.summary), [s.text for s in answer.summary]
    assert cited(answer) and set(cited(answer)) == {"rub"}
    # the title names the product as the asker spells it when the deciding page's title names it too
    assert answer.title.startswith("Zentholyptus"), answer.title
    negated = service.ask("Is it not safe to rub Zentholyptus chest rub on an 18-month-old's chest for a cough?")
    assert negated.verdict == "yes"


def test_dispensable_asks_whether_it_is_not_required() -> None:
    """ "Is Tks5 dispensable for podosome formation?" is answered as the flip of "Is Tks5 required ...?", the form an
    abstract states; a claim is not rewritten."""
    assert split_negated_question("Is the protein Tks5 dispensable for building podosomes?") == (
        "Is the protein Tks5 required for building podosomes?",
        True,
    )
    claim = "Tks5 is dispensable for podosome formation."
    assert split_negated_question(claim) == (claim, False)


def test_holding_a_medicine_is_stopping_it() -> None:
    from clinevidence.answer.recommendation import proposition

    assert proposition("Booked for a CT with IV contrast. Should we hold the metformin?").negative
    assert not proposition("Booked for a CT with IV contrast. Should we give the metformin?").negative


def test_st_depression_is_an_ecg_finding_not_a_mood_disorder() -> None:
    from clinevidence.answer.question import find_concepts

    names = {c.name for c in find_concepts("ED: 61M, central chest pain, ST depression V4-6. OK to give GTN?")}
    assert "depression" not in names
    assert "depression" in {c.name for c in find_concepts("She has depression and takes sertraline.")}


def test_an_acute_team_treating_is_answered_not_redirected() -> None:
    """ "ED: ... ST depression ... OK to give him GTN spray?" and "Stroke call: ... Is IV thrombolysis
    contraindicated?": the emergency team asks about the treatment it is giving; the same story from a relative is
    still redirected."""
    from clinevidence.answer.safety import check_question

    ed = "ED: 61M, central chest pain for 40 min, ST depression V4-6, took sildenafil 10 h ago. OK to give GTN spray?"
    stroke = "Stroke call: 77F, R hemiparesis and aphasia, onset 80 min ago, on warfarin, INR 2.4. Is IV thrombolysis "
    stroke += "contraindicated?"
    for question in (ed, stroke):
        notice = check_question(question, "clinician")
        assert notice is None or notice.kind != "emergency", question
    lay = "My dad has had crushing central chest pain for 40 minutes and is grey and sweaty. Can he take his GTN spray?"
    notice = check_question(lay, "patient")
    assert notice is not None and notice.kind == "emergency"


def test_a_statement_put_for_confirmation_is_a_yes_no_question(service: AnswerService) -> None:
    """ "It's just one pill a day, so I can stop my inhalers now, correct?" asks yes or no; a page telling the reader
    to keep using the inhalers answers no."""
    from clinevidence.answer.question import analyze

    question = "My doctor added Zentrolast for my COPD. It's one pill a day, so I can stop my inhalers now, correct?"
    assert analyze(question).yes_no
    assert not analyze("What is Zentrolast for, and how do I take it?").yes_no
    answer = service.ask(question)
    assert answer.verdict == "no"
    assert any("keep using your long-acting inhalers" in s.text for s in answer.summary)


def test_is_it_not_ok_proposes_that_it_is_not_all_right() -> None:
    """ "Is it not ok for him to keep them in there?" on a page against it: yes (it is not ok)."""
    from clinevidence.answer.recommendation import answer_from_stance, proposition

    question = "Is it not ok for him to keep his tablets in the weekly pill organizer?"
    assert proposition(question).negative
    assert answer_from_stance(question, "no", "Keep the tablets in the original glass bottle.") == "yes"
    assert answer_from_stance("Is it ok to keep them there?", "no", "Keep them in the original bottle.") == "no"


def test_a_regimen_told_apart_from_a_question_naming_no_medicine_is_background() -> None:
    """ "Standing in the pharmacy aisle with a box of Azo. I take amlodipine, losartan, furosemide and a baby
    aspirin ... Can I take this for the burning?": the listed medicines are the asker's, not what is asked."""
    from clinevidence.answer.question import analyze, asked_concepts, lists_a_regimen

    told = (
        "Standing in the pharmacy aisle with a box of Azo. I take amlodipine, losartan, furosemide and a baby "
        "aspirin, and I have kidney disease. Can I take this for the burning until I see my doctor?"
    )
    analysis = analyze(told)
    assert lists_a_regimen(analysis)
    names = {c.name for c in asked_concepts(analysis)}
    assert "furosemide" not in names and "phenazopyridine" in names
    short = analyze("Standing in the aisle with a box of Azo. I take furosemide. Can I take this for the burning?")
    assert not lists_a_regimen(short)
    # "Is it okay to add it?": asked with the regimen, whose medicines stay partners
    added = analyze("I take lisinopril, metformin, atorvastatin and aspirin every morning. Is it okay to add this?")
    assert not lists_a_regimen(added) and "metformin" in {c.name for c in asked_concepts(added)}


def test_an_age_band_asking_for_advice_first_is_a_qualified_answer(service: AnswerService) -> None:
    """ "My 2-year-old grandson has itchy eyes. Can I use my Zaloptifen drops on him?" on a label saying "Children
    under 3 years of age: consult a doctor": maybe, citing it; the age may be told before the question, and in
    months ("he is 18 months")."""
    answer = service.ask("My 2-year-old grandson has itchy eyes from our cat. Can I use my Zaloptifen drops on him?")
    assert answer.verdict == "maybe"
    assert any("consult a doctor" in s.text for s in answer.summary)
    assert age_applies("My son is 18 months and 22 pounds. Can he have it?", "Children under 2 years: ask.") is True
    assert age_applies("She had it 3 years ago. Can she have it?", "Children under 12 years: ask a doctor.") is None


def test_a_question_in_the_word_order_of_a_statement_is_yes_no() -> None:
    from clinevidence.answer.question import analyze

    asked = analyze("His sister has pinworms. I can give him the liquid also?")
    assert asked.yes_no and asked.question_type == "safety"
    assert not analyze("I can give him the liquid.").yes_no


def test_only_a_sentence_stating_a_direction_can_contradict_it() -> None:
    """ "Do hydroxyethyl starch solutions reduce blood loss compared with albumin?": the methods sentence shares
    more of the question's words, but the finding that states a direction ("increased blood loss") answers it."""
    from clinevidence.answer.verdict import contradicted_direction

    question = "In bypass surgery, do hydroxyethyl starch solutions reduce blood loss compared with albumin?"
    methods = (
        "A meta-analysis was performed of postoperative blood loss in trials of hydroxyethyl starch versus albumin "
        "in bypass surgery."
    )
    finding = "Hydroxyethyl starch increased blood loss and reoperation for bleeding after bypass surgery."
    assert contradicted_direction(question, [methods, finding]) == finding
    agreeing = "Hydroxyethyl starch reduced postoperative blood loss compared with albumin after bypass surgery."
    assert contradicted_direction(question, [methods, agreeing]) == ""


def test_rubbing_a_gel_on_is_a_safety_question() -> None:
    from clinevidence.answer.question import classify

    assert classify("my lower back aches after every long run. can i rub the gel on my back?") == "safety"


def test_a_sentence_naming_no_setting_is_in_its_documents() -> None:
    """ "Pertuzumab plus trastuzumab maintenance is recommended after first-line chemotherapy" in a guideline on
    metastatic disease does not answer an adjuvant question; in a page on early disease it may."""
    from clinevidence.answer.extractive import _setting_conflict
    from clinevidence.answer.question import analyze

    adjuvant = analyze("Early HER2+ breast cancer, node-positive. Should pertuzumab be added in the adjuvant setting?")
    sentence = "Pertuzumab plus trastuzumab maintenance is recommended after completion of first-line chemotherapy."
    assert _setting_conflict(adjuvant, sentence, "Treatment Overview for HER2-Positive Metastatic Breast Cancer")
    assert not _setting_conflict(adjuvant, sentence, "Adjuvant Treatment of Early HER2-Positive Breast Cancer")
    assert not _setting_conflict(adjuvant, "Adjuvant pertuzumab is recommended.", "Metastatic Breast Cancer")


def test_a_verdict_without_statements_cites_only_a_sentence_on_the_question(starter_library: object) -> None:
    """When no candidate survives, the verdict may rest on the top abstract's conclusion only if it names the
    question's medicines in its setting: "ACE inhibitors are contraindicated in pregnancy" does not answer whether
    sertraline is safe in the third trimester, so the engine abstains."""
    from clinevidence.settings import load_settings

    service = AnswerService(starter_library, load_settings())  # type: ignore[arg-type]
    questions = ("Is sertraline safe in the third trimester?", "Can Ozempic be continued into the second trimester?")
    for question in questions:
        answer = service.ask(question)
        assert answer.verdict == "insufficient", (question, answer.title)
        assert not answer.all_statements()


def test_a_label_caution_on_the_askers_situation_qualifies_the_answer(service: AnswerService) -> None:
    """ "it's a pretty deep puncture. Is zeomycin ok to put on it?" on a Drug Facts label saying "Ask a doctor before
    use if you have deep or puncture wounds, animal bites ...": a qualified answer, even for a product the lexicon
    does not know."""
    answer = service.ask("The dog bit my hand and it's a pretty deep puncture. Is zeomycin ok to put on it?")
    assert answer.verdict == "maybe"
    assert any("puncture wounds" in s.text for s in answer.summary)
