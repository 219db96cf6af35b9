"""Session 16: consumer medication questions from consumer-meds part 10 (read after its blind runs), a clinician set
and a safety round written blind this session.

Each test reproduces a mechanism with short team-written fixtures, not library content.
"""

from __future__ import annotations

import pytest

from clinevidence.answer.polarity import polarity
from clinevidence.answer.question import analyze, classify
from clinevidence.answer.recommendation import asks_side_effect, proposition
from clinevidence.answer.safety import check_question
from clinevidence.answer.service import AnswerService
from clinevidence.answer.verdict import rating_answer, split_negated_question
from tests.answer_support import pages_fixture

STATINS = (
    "If you take a cholesterol medicine and are prescribed Paxlovid for COVID-19, the pharmacist will ask about it. "
    "The ritonavir in Paxlovid blocks the liver enzyme that clears several statins. "
    "Simvastatin and lovastatin are cleared almost entirely by that enzyme, and taking either of them together with "
    "Paxlovid is contraindicated."
)
EYE_DROP = (
    "A drop in the eye can affect the heart or lungs, because some of it is absorbed through the tear duct. "
    "People with asthma or severe COPD are usually told not to use timolol at all, because even the small amount "
    "absorbed can trigger dangerous wheezing."
)
VERTIGO = (
    "Why do I feel dizzy since I started my acne antibiotic? "
    "Minocycline reaches the inner ear more than related drugs do, and dizziness or a spinning feeling can start "
    "within the first few days. "
    "It tends to go away when the drug is stopped."
)
TAPING = (
    "CLAIM\nTaping your lips shut at night makes you breathe through your nose and improves your sleep.\n"
    "VERDICT: Unsupported\nKEY TAKE AWAY\nOnly a handful of small studies have looked at mouth taping, and their "
    "results are inconsistent."
)
SIT_UPS = (
    "CLAIM\nDoing sit-ups every day burns the fat on your belly.\nVERDICT: Inaccurate\nKEY TAKE AWAY\n"
    "Exercising one part of the body does not burn the fat over it; sit-ups strengthen the muscles only."
)
service = pages_fixture(
    {
        "taping": ("Mouth taping for better sleep", TAPING),
        "situps": ("Can sit-ups burn belly fat?", SIT_UPS),
        "statin": ("Statins and Paxlovid", STATINS),
        "timolol": ("Can an eye drop affect the lungs?", EYE_DROP),
        "mino": ("Dizziness on minocycline", VERTIGO),
    },
    "session16",
)


def test_keeping_on_a_medicine_beside_a_new_one_is_a_safety_question(service: AnswerService) -> None:
    """ "can he keep taking the simvastatin while hes on it" asks whether the two may go together: the page's
    "contraindicated" answers it no, not the model's reading of the page as a yes ("Statin: Effective")."""
    question = (
        "dad takes simvastatin 40 every night and just got prescribed paxlovid. "
        "can he keep taking the simvastatin while hes on it"
    )
    assert classify("can he keep taking the simvastatin while hes on it") == "safety"
    answer = service.ask(question)
    assert str(answer.verdict) == "no"
    assert answer.verdict_label == "Contraindicated"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("People with asthma are usually told not to use timolol at all.", "no"),
        ("It should never be taken with grapefruit juice.", "no"),
        ("Never give aspirin to a child under 16.", "no"),
        ("Timolol can be used safely in most people.", "yes"),
    ],
)
def test_told_not_to_and_never_are_against(sentence: str, expected: str) -> None:
    assert polarity(sentence) == expected


def test_a_leaflet_telling_people_not_to_use_it_answers_the_safety_question(service: AnswerService) -> None:
    answer = service.ask("my mom has asthma and the eye doctor wants timolol drops. is timolol ok with asthma?")
    assert str(answer.verdict) == "no"


def test_a_negation_inside_what_a_medicine_makes_is_no_negated_question() -> None:
    """ "does gris-peg make birth control pills not work" asks whether it makes them fail (yes when it does)."""
    assert split_negated_question("does gris-peg make birth control pills not work") == (
        "does gris-peg make birth control pills not work",
        False,
    )
    assert split_negated_question("does aspirin not reduce stroke?") == ("does aspirin reduce stroke?", True)
    names = {c.name for c in analyze("does gris-peg make my sprintec not work").concepts}
    assert {"griseofulvin", "combined hormonal contraceptive"} <= names


def test_a_name_clipped_after_it_was_given_in_full(service: AnswerService) -> None:
    """ "is it the mino??" after "minocycline 100mg" names the medicine, not a topic the library has never seen, and
    blames it for what was told before."""
    question = "day 4 on minocycline 100mg for acne and the room spins when i stand up, feel dizzy. is it the mino??"
    answer = service.ask(question)
    assert str(answer.verdict) != "insufficient"
    assert answer.receipt.details.get("spelling_fixes", {}).get("mino", "minocycline") == "minocycline"
    assert asks_side_effect("Is it the minocycline??")


@pytest.mark.parametrize("question", ["could eye drops really do that", "could the metformin actually cause this"])
def test_could_a_medicine_do_that_blames_it(question: str) -> None:
    assert asks_side_effect(question)


def test_a_fact_check_s_rating_decides(service: AnswerService) -> None:
    """ "VERDICT: Inaccurate" is a no, "Unsupported" a maybe; a page with such a line is no instruction to a model
    (it was screened out as one: 8 of lay-claims part G's 40 articles)."""
    assert str(service.ask("will doing sit-ups every day burn my belly fat?").verdict) == "no"
    answer = service.ask("does taping your mouth shut at night give you better sleep? saw it all over tiktok")
    assert str(answer.verdict) == "maybe"
    assert answer.references[0].doc_id == "taping"


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (["VERDICT: Inaccurate KEY TAKE AWAY The idea is wrong."], "no"),
        (["Our verdict: correct.", "Studies show it."], "yes"),
        (["Rating: Mostly false"], "no"),
        (["Our verdict: correct people should know this"], None),  # not a rating
    ],
)
def test_ratings(sentences: list[str], expected: str | None) -> None:
    found = rating_answer("Does it work?", sentences)
    assert (found[0] if found else None) == expected
    assert rating_answer("Does it not work?", sentences) is None  # the claim may be worded either way round


def test_pointless_asks_whether_it_does_no_good() -> None:
    assert split_negated_question("Is it true that lifting weights is pointless once you're over 80?") == (
        "Is it true that lifting weights is useful once you're over 80?",
        True,
    )


def test_working_better_together_is_about_how_well() -> None:
    assert classify("Does taking paracetamol and ibuprofen together work better than just one?") == "efficacy"
    assert classify("Is it safe to take paracetamol and ibuprofen together?") == "safety"


# -- clinician set 13 (written blind on the starter library) --------------------------------------------------------
@pytest.fixture(scope="module")
def starter(starter_library: object) -> AnswerService:
    from clinevidence.settings import Settings

    return AnswerService(starter_library, Settings())  # type: ignore[arg-type]


def test_a_harm_finding_below_the_candidates_gate_answers(starter: AnswerService) -> None:
    """ "Does atorvastatin increase cancer risk?": the meta-analysis's "did not increase the incidence of cancer"
    decides, though the statin guideline ranks first, and no rise found is not "Effective"."""
    assert proposition("Does atorvastatin increase cancer risk?").negative
    answer = starter.ask("Does atorvastatin increase cancer risk?")
    assert str(answer.verdict) == "no"
    assert answer.verdict_label == "No Link Found"
    assert "did not increase the incidence of cancer" in answer.summary[0].text


def test_a_guideline_on_a_class_answers_for_its_member(starter: AnswerService) -> None:
    question = "GP registrar: 38M, no pmh, 10/7 productive cough, chest clear. ?acute bronchitis - give doxycycline?"
    answer = starter.ask(question)
    assert str(answer.verdict) == "no"
    # ... but not on whether a member is safe in pregnancy ("antibiotic treatment ... is recommended in pregnancy")
    assert str(starter.ask("Is nitrofurantoin ok for a UTI at 38 weeks?").verdict) == "insufficient"


def test_a_treatment_choice_in_intensive_care_is_answered_not_redirected(starter: AnswerService) -> None:
    question = (
        "ICU pharmacist: 62F, urosepsis, septic shock, MAP 59 mmHg despite norad 0.5 mcg/kg/min. "
        "Is adding vasopressin preferred over pushing the noradrenaline higher?"
    )
    assert check_question(question, "clinician") is None
    assert str(starter.ask(question).verdict) == "yes"  # "Vasopressin is suggested ... rather than escalating ..."
    assert polarity("Vasopressin is suggested as an addition to norepinephrine.") == "yes"
    assert check_question("HDU: 45M looks peri-arrest, HR 150, BP 70/40", "clinician") is not None


# -- consumer-meds part 10, read after its blind runs ---------------------------------------------------------------
def test_capsules_are_no_pneumonia() -> None:
    names = {c.name for c in analyze("can i open one of my linzess caps and give him a little").concepts}
    assert "community-acquired pneumonia" not in names
    assert "community-acquired pneumonia" in {c.name for c in analyze("CXR-confirmed CAP, CURB-65 0").concepts}


def test_the_baby_a_mother_breastfeeds_is_no_population_of_her_medicine() -> None:
    from clinevidence.answer.service import _own_child

    analysis = analyze("breastfeeding my 3 month old. dr wants me on bentyl for ibs cramps, is that ok")
    children = next(c for c in analysis.concepts if c.name == "children")
    assert _own_child(analysis, children)
    asked_for_him = analyze("my 18 month old is so backed up, can i give him some of my linzess")
    assert not _own_child(asked_for_him, next(c for c in asked_for_him.concepts if c.name == "children"))


def test_the_words_of_an_intent_are_no_unknown_topic() -> None:
    from clinevidence.answer.intent import intent_wording

    said = intent_wording("can we just stop it for summer or does she have to be weaned off")
    assert {"stop", "wean"} <= said
    assert intent_wording("i take linzess after dinner, thats ok right?")


# -- lay-claims part G, read after its blind run ----------------------------------------------------------------
def test_a_cap_is_a_hat_unless_written_in_capitals() -> None:
    assert not analyze("Can a red light laser cap actually regrow hair?").concepts


def test_a_rating_run_into_its_heading() -> None:
    found = rating_answer(
        "Can peeing on a sting help?", ["What was claimed A video says so.", "Our verdict This is wrong."]
    )
    assert found == ("no", "Our verdict This is wrong.")


def test_legit_asks_whether_what_was_told_holds() -> None:
    analysis = analyze("heard on tiktok that IV vitamin drips cure a hangover. legit??")
    assert analysis.yes_no


def test_a_fact_check_s_account_of_the_claim_is_no_finding() -> None:
    from clinevidence.answer.verdict import contradicted_direction

    sentences = [
        "What was claimed A post said the whooping cough vaccine in pregnancy does not protect the baby and lowers "
        "the baby's own immunity.",
        "Vaccination in pregnancy protects the baby from whooping cough in its first weeks.",
    ]
    assert (
        contradicted_direction(
            "Does the whooping cough vaccine in pregnancy increase the baby's protection?", sentences
        )
        == ""
    )


def test_evidence_that_does_not_yet_show_whether_is_unsure() -> None:
    from clinevidence.answer.verdict import declares_unsure

    assert declares_unsure("The evidence does not yet show whether social media causes depression in teenagers.")
    assert not declares_unsure("Studies without a comparison group cannot show whether the remedies were responsible.")


def test_a_marker_status_no_document_names_abstains(starter: AnswerService) -> None:
    """The library covers HER2-positive disease, not HER2-low: T-DXd for HER2-low disease is not answered from it."""
    answer = starter.ask("55F, ER+ MBC, HER2 IHC 1+. Is trastuzumab deruxtecan an option for her HER2-low disease?")
    assert str(answer.verdict) == "insufficient"
    assert answer.receipt.details["abstain_reason"]["missing"] == ["HER2-low"]


def test_a_clinical_note_s_words_still_name_the_topic(starter: AnswerService) -> None:
    """ "23F, NAAT positive for chlamydia": a clinical note names the condition; a story's plain words do not."""
    note = analyze("Clinic: 23F, NAAT positive for chlamydia on a routine screen. Is doxycycline the right treatment?")
    note.term_weights = starter._term_weights(note)
    assert "chlamydia" in starter._unknown_topics(note)
    story = analyze("worried my grandad watches too much peppa pig. Can screens delay a toddler's talking?")
    story.term_weights = starter._term_weights(story)
    assert "peppa" not in starter._unknown_topics(story)


# -- lay-claims part H (blind first run 0.650 / 0.631), read after ------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "I'm 65 and got a letter inviting me for an ultrasound of my belly to check for a swollen main artery. "
        "Is this aneurysm scan really worth going to?",
        "My 2 year old had a febrile fit last winter and now I panic every time he gets a temperature. The doctor "
        "says giving Calpol straight away won't stop another fit. Is that really true?",
        "when my kids have a fever I alternate calpol and nurofen every few hours. does swapping between them "
        "actually make them feel better than just giving one?",
    ],
)
def test_an_evidence_question_about_a_routine_situation_is_no_emergency(question: str) -> None:
    assert check_question(question, "patient") is None


def test_getting_it_again_is_no_outcome_of_its_own() -> None:
    from clinevidence.answer.recommendation import outcome_words

    assert outcome_words("Does it actually lower the chance of getting it again?", []) == []
    assert outcome_words("Does aspirin lower the chance of getting pre-eclampsia?", []) == ["pre-eclampsia"]


COUGH = (
    "Pharmacies sell a wide range of syrups, linctuses and lozenges for a cough due to a cold. "
    "Reviews of the trials found that they work no better than a dummy treatment for most adults. "
    "Some may help a little, but the studies do not give a clear answer."
)
quoted = pages_fixture({"cough": ("Over-the-counter medicines for a cough with a cold", COUGH)}, "session16h")


def test_a_summary_none_of_whose_sentences_is_a_candidate_is_quoted_by_what_the_model_read(
    quoted: AnswerService,
) -> None:
    """With no candidate on the top page, the sentence the verdict model read is the reason the answer cites."""
    analysis, _ = quoted.analysis("Is cough medicine from the chemist a waste of money when you've got a cold?")
    evidence, _ = quoted._evidence(analysis)
    engine = quoted.engine(None)
    verdict, details = engine.decide(analysis, evidence, [])  # type: ignore[attr-defined]
    assert str(verdict) != "insufficient"
    if evidence.documents[0].relevance >= 0.2:  # FALLBACK_RELEVANCE: a page the re-ranker believes in
        assert details["verdict_sentence"] in COUGH
    else:
        assert "verdict_sentence" not in details


# -- clinician set 14 (blind 16/30 at the session start, 15/30 after the session's earlier changes), read after -----
def test_a_note_s_headings_are_no_topic(starter: AnswerService) -> None:
    note = analyze("Stop-smoking clinic: 44F, PMHx depression, on sertraline 100 mg od. Is it safe to start Champix?")
    note.term_weights = starter._term_weights(note)
    assert "pmhx" not in starter._unknown_topics(note)
    assert "PMHx" not in starter._unseen_qualifier(note)


def test_the_drug_history_is_no_combination_asked_about(starter: AnswerService) -> None:
    """ "DHx metformin, Actos, ramipril, bisoprolol. OK to continue the pioglitazone?": the guideline sentence on
    thiazolidinediones in HFrEF decides, not the one on the other drugs."""
    answer = starter.ask(
        "Medication review: 69M, T2DM, HFrEF (EF 32%). DHx metformin 1 g bd, Actos 30 mg od, ramipril 5 mg od, "
        "bisoprolol 5 mg od. OK to continue the pioglitazone?"
    )
    assert str(answer.verdict) == "no"
    assert "thiazolidinediones" in answer.summary[0].text.lower()
