"""The verdict contract: ``verdict`` answers the question as asked; ``recommendation`` drives the label."""

from __future__ import annotations

import pytest

from clinevidence.answer.question import analyze
from clinevidence.answer.recommendation import (
    RECOMMENDATIONS,
    answer_from_stance,
    comparison_winner,
    display_label,
    proposition,
    qualifier,
    recommend,
    threshold_applies,
)
from clinevidence.answer.service import AnswerService
from clinevidence.library import Library
from clinevidence.settings import Settings

# (question, stance of the evidence on using the intervention, expected verdict)
TRUTH_TABLE = [
    ("Is it safe to use tamoxifen with T-DM1?", "no", "no"),
    ("Is it safe to use tamoxifen with T-DM1?", "yes", "yes"),
    ("Is it unsafe to give the flu vaccine in pregnancy?", "yes", "no"),
    ("Is it unsafe to give the flu vaccine in pregnancy?", "no", "yes"),
    ("Is ibuprofen harmful in asthma?", "yes", "no"),
    ("Does warfarin increase GI bleeding with NSAIDs?", "no", "yes"),
    ("Does warfarin increase the risk of bleeding with NSAIDs?", "yes", "no"),
    ("Should NSAIDs be avoided with warfarin?", "no", "yes"),
    ("Is metformin contraindicated at eGFR 25?", "no", "yes"),
    ("Is metformin contraindicated at eGFR 60?", "yes", "no"),
    ("Should statins be used after myocardial infarction?", "yes", "yes"),
    ("Can I take paracetamol with warfarin?", "yes", "yes"),
    ("Is amoxicillin effective for acute otitis media?", "no", "no"),
    ("Does aspirin reduce the risk of stroke?", "yes", "yes"),  # protective wording is not harm
    ("Does aspirin reduce the risk of stroke?", "maybe", "maybe"),
    ("Is it unsafe to give the flu vaccine in pregnancy?", "maybe", "maybe"),
    ("Should ACE inhibitors be stopped in pregnancy?", "no", "yes"),  # stopping = not using
    ("Should T-DXd be permanently stopped after grade 2 ILD?", "no", "yes"),  # an adverb before the verb
    ("Should metformin be temporarily withheld before contrast?", "yes", "no"),
    ("Should I stop taking metformin before contrast?", "yes", "no"),
    ("Does dapagliflozin reduce worsening heart failure?", "yes", "yes"),  # a protective verb before the harm
    ("Does tranexamic acid stop bleeding?", "yes", "yes"),  # stopping a harm is not stopping the drug
]


@pytest.mark.parametrize(("question", "stance", "verdict"), TRUTH_TABLE)
def test_verdict_answers_the_question_as_asked(question: str, stance: str, verdict: str) -> None:
    assert answer_from_stance(question, stance) == verdict


# fmt: off
@pytest.mark.parametrize(
    ("question", "verdict", "sentence", "expected"),
    [
        ("Is it safe to use tamoxifen with T-DM1?", "no", "Adding tamoxifen is not recommended.", "not_recommended"),
        ("Is metformin contraindicated at eGFR 25?", "yes", "Contraindicated below 30.", "contraindicated"),
        ("Is it unsafe to give the flu vaccine in pregnancy?", "no", "The vaccine is safe.", "recommended"),
        ("Does warfarin increase GI bleeding with NSAIDs?", "yes", "NSAIDs increase bleeding.", "not_recommended"),
        ("Is amoxicillin effective for otitis media?", "no", "It did not shorten illness.", "no_clear_benefit"),
        ("Is amoxicillin effective for otitis media?", "maybe", "", "no_clear_benefit"),
        ("Can I take ibuprofen with lisinopril?", "yes", "Use with caution.", "use_with_caution"),
        ("What are the main safety concerns with warfarin?", "yes", "Warfarin causes bleeding.", "informational"),
        ("What dose of paracetamol is used in adults?", "yes", "The usual dose is 1 g.", "informational"),
        ("Is it safe to use tamoxifen with T-DM1?", "insufficient", "", "insufficient"),
        ("Does Flexeril make you sleepy?", "yes", "Sleepiness is the commonest side effect.", "use_with_caution"),
        ("Is hair loss a side effect of Lexapro?", "no", "Hair loss is not a listed side effect.", "informational"),
        ("on the patch and having nightmares, what can I do?", "yes", "Take it off at night.", "informational"),
    ],
)  # fmt: skip
# fmt: on
def test_recommendation(question: str, verdict: str, sentence: str, expected: str) -> None:
    rec = recommend(analyze(question), verdict, sentence)
    assert rec == expected
    assert rec in RECOMMENDATIONS


def test_labels_follow_recommendation_not_raw_verdict() -> None:
    assert display_label("not_recommended", "safety", "no") == "Not Recommended"
    assert display_label("recommended", "safety", "no") == "Generally Safe"  # "Is it unsafe …?" → no → safe
    assert display_label("contraindicated", "safety", "yes") == "Contraindicated"
    assert display_label("informational", "safety", "yes") == "Safety Considerations"
    assert display_label("informational", "dosing", "yes") == "Dosing Guidance"
    assert display_label("insufficient", "efficacy", "insufficient") == "Insufficient Evidence in Library"


def test_a_side_effect_question_gets_a_side_effect_label() -> None:
    """ "Does Flexeril make you sleepy?" answered yes is no "Effective" and no "Not Recommended"."""
    from clinevidence.answer.recommendation import SIDE_EFFECT_LABELS, asks_side_effect

    assert asks_side_effect("Does Flexeril make you sleepy?") and asks_side_effect("can lexapro give you headaches")
    assert not asks_side_effect("Does Flexeril help muscle spasm?")
    assert not asks_side_effect("What side effects does Flexeril have?")  # a wh-question: informational already
    # A consumer tying what they notice to the medicine asks whether it is a side effect.
    assert asks_side_effect("is it normal for bactroban to burn a bit when you put it on?")
    assert asks_side_effect("started spiriva 2 wks ago and now he can barely pee. is that from the inhaler")
    assert asks_side_effect("Since then he gets mixed up at night. Could the new pill be doing this?")
    assert not asks_side_effect("Is it normal to feel tired after a long walk?")  # no medicine in it
    assert SIDE_EFFECT_LABELS["yes"] == "Known Side Effect"


def test_wh_questions_are_not_yes_no() -> None:
    assert not proposition("since i started the patch im having nightmares, what can i do").yes_no
    assert proposition("i keep seeing the whole pill in his poop, is he even absorbing it").yes_no
    assert not proposition("What are the main safety concerns with warfarin?").yes_no
    assert proposition("Double balloon enteroscopy: is it efficacious and safe?").yes_no
    assert proposition("Is it safe?").yes_no


def test_comparison_names_the_winner() -> None:
    a = analyze("Is T-DXd or T-DM1 better as second-line therapy for HER2-positive metastatic breast cancer?")
    s = "Trastuzumab deruxtecan is the preferred second-line therapy, with T-DM1 reserved for others."
    winner = comparison_winner(a, s)
    assert winner is not None and winner.name == "trastuzumab deruxtecan"
    s2 = "T-DM1 proved inferior to trastuzumab deruxtecan in progression-free survival."
    w2 = comparison_winner(a, s2)
    assert w2 is not None and w2.name == "trastuzumab deruxtecan"
    assert comparison_winner(a, "Both drugs target HER2.") is None


def test_renal_thresholds() -> None:
    rec45 = "NICE recommends nitrofurantoin if the eGFR is 45 mL/min/1.73 m2 or more."
    assert threshold_applies("Is nitrofurantoin safe at eGFR < 45?", rec45) is False
    assert threshold_applies("Is nitrofurantoin safe at eGFR 60?", rec45) is True
    below30 = "Metformin is contraindicated in patients with an eGFR below 30 mL/min/1.73 m2."
    assert threshold_applies("Is metformin contraindicated at eGFR 25?", below30) is True
    assert threshold_applies("Is metformin contraindicated at eGFR 40?", below30) is False
    assert threshold_applies("Is metformin safe?", below30) is None


def test_title_qualifiers() -> None:
    assert qualifier("Is metformin contraindicated at eGFR 25?", "Metformin") == "at eGFR 25"
    assert qualifier("Is nitrofurantoin safe at eGFR < 45?", "Nitrofurantoin") == "at eGFR < 45"
    assert qualifier("Is ACE inhibitor use safe in pregnancy?", "ACE inhibitors") == "in pregnancy"
    assert qualifier("Is adjuvant T-DM1 with endocrine therapy reasonable?", "T-DM1") == "(adjuvant)"
    assert qualifier("Is the flu vaccine safe in pregnancy?", "Influenza vaccine in pregnancy") == ""


@pytest.mark.parametrize(
    ("question", "verdict", "recommendation", "title_part"),
    [
        ("Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancer?", "no", "not_recommended",
         "Tamoxifen with T-DM1: Not Recommended"),
        ("Does warfarin increase GI bleeding with NSAIDs?", "yes", "not_recommended", "Not Recommended"),
        ("Is metformin contraindicated at eGFR 25?", "yes", "contraindicated", "eGFR 25: Contraindicated"),
        ("Is it unsafe to give the flu vaccine in pregnancy?", "no", "recommended", "Generally Safe"),
        ("What are the main safety concerns with warfarin?", None, "informational", "Safety Considerations"),
        ("Is dabigatran safe with a mechanical heart valve?", "no", "contraindicated", "Contraindicated"),
        ("Is nitrofurantoin safe at eGFR < 45?", "no", "not_recommended", "at eGFR < 45: Not Recommended"),
        ("Can levothyroxine be taken with calcium supplements?", "insufficient", "insufficient", "Insufficient"),
        ("Which PPI should be used with clopidogrel?", None, "informational", "PPI with clopidogrel: Pantoprazole"),
        ("Is T-DXd or T-DM1 better as second-line therapy for HER2-positive metastatic breast cancer?", None,
         "recommended", "T-DXd Preferred"),
    ],
)  # fmt: skip
def test_end_to_end_on_starter_library(
    starter_library: Library, question: str, verdict: str | None, recommendation: str, title_part: str
) -> None:
    a = AnswerService(starter_library, Settings()).ask(question)
    if verdict is not None:
        assert str(a.verdict) == verdict
    assert a.recommendation == recommendation
    assert title_part in a.title
    refs = {r.n for r in a.references}
    if recommendation == "insufficient":
        assert not a.all_statements() and not a.references
        return
    assert a.all_statements() and all(set(s.citations) <= refs and s.supported for s in a.all_statements())


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("Does vitamin C prevent colds?", "The evidence is insufficient to conclude that it prevents colds.", "maybe"),
        ("Does vitamin C prevent colds?", "Too few high-quality studies have examined this question.", "maybe"),
        ("Can sauna bathing prevent colds?", "Whether it prevents colds cannot be said from the studies.", "maybe"),
        ("Does ginkgo help with tinnitus?", "There is no reliable evidence that ginkgo helps with tinnitus.", "maybe"),
        ("Is ginkgo not helpful for tinnitus?", "Too few high-quality studies have examined this question.", "maybe"),
        ("Does ginkgo help with tinnitus?", "Studies show that ginkgo does not relieve tinnitus.", "no"),
        ("Does zinc shorten a cold?", "Zinc lozenges shorten the duration of a cold.", "yes"),
    ],
)  # fmt: skip
def test_declared_lack_of_evidence_is_maybe_not_no(question: str, sentence: str, expected: str) -> None:
    from clinevidence.answer.verdict import predict_verdict

    assert predict_verdict(question, [sentence]).label == expected


def test_claim_questions_become_propositions_for_the_stance_model() -> None:
    from clinevidence.answer.verdict import proposition

    assert proposition("Is it true that zinc shortens colds?") == "Zinc shortens colds"
    assert proposition("Does ginkgo help with tinnitus?") == "Ginkgo help with tinnitus"
    assert proposition("Zinc shortens colds.") == "Zinc shortens colds."


@pytest.mark.parametrize(
    ("claim", "evidence", "feature"),
    [
        ("Ca2+ cycling is a UCP1-dependent thermogenic mechanism.", "A UCP1-independent mechanism.", "s_antonym"),
        ("DUSP4 downregulation deactivates the Ras-ERK pathway.", "DUSP4 loss activates the pathway.", "s_antonym"),
        ("PPM1D activation enhances p53 function.", "PPM1D mutants inhibit p53.", "s_antonym"),
        ("1 in 5 million in the UK have abnormal PrP.", "About 1 in 2000 people carry abnormal PrP.", "s_num_missing"),
        ("Fruit increases the risk of diabetes.", "Fruit was associated with a lower risk.", "s_dir_flip"),
    ],
)
def test_claim_evidence_disagreement_is_seen(claim: str, evidence: str, feature: str) -> None:
    from clinevidence.answer.verdict import extract_features

    assert extract_features(claim, [evidence])[feature] > 0
    assert extract_features(claim, [claim])[feature] == 0


def test_stance_verdicts_are_well_formed_probabilities() -> None:
    from clinevidence.answer.verdict import predict_verdict

    for sentence in ("Zinc lozenges shorten colds.", "Zinc did not shorten colds.", "Colds were studied."):
        pred = predict_verdict("Does zinc shorten colds?", [sentence], stance=True)
        assert abs(sum(pred.probabilities.values()) - 1.0) < 1e-9
        assert pred.label == max(pred.probabilities, key=pred.probabilities.__getitem__)


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Vitamin D prevents falls.", True),
        ("Is it true that vitamin D prevents falls?", True),
        ("Does vitamin D prevent falls?", False),
        ("Can zinc shorten a cold?", False),
    ],
)
def test_only_claims_go_to_the_stance_model(text: str, claim: bool) -> None:
    from clinevidence.answer.verdict import checks_a_claim

    assert checks_a_claim(text) is claim


def test_a_sentence_about_stopping_answers_a_stopping_question_without_a_second_flip() -> None:
    """"Stopping X ... is not recommended" is already a stance on the stopping the question proposes; "X should be
    stopped" is a stance against using X, which the stopping question turns into yes."""
    q = "Should denosumab be stopped without follow-on therapy?"
    assert answer_from_stance(q, "no", "Stopping denosumab without follow-on therapy is not recommended.") == "no"
    assert answer_from_stance(q, "no", "Discontinuation of denosumab is not recommended.") == "no"
    assert answer_from_stance(q, "no") == "yes"  # a stance on using it: against using it = stop it
    ace = "Should ACE inhibitors be stopped when a woman becomes pregnant?"
    assert answer_from_stance(ace, "no", "ACE inhibitors should be stopped as soon as pregnancy is confirmed.") == "yes"
    harm = "Does warfarin increase bleeding with NSAIDs?"  # a harm question: the stopping rule does not apply
    assert answer_from_stance(harm, "no", "Stopping warfarin is not recommended.") == "yes"
    # An asking clause that is the step itself ("... 6 weeks pregnant. Stop it straight away?") proposes stopping.
    contraindicated = "Methotrexate is contraindicated in pregnancy."
    assert answer_from_stance("Stop it straight away?", "no", contraindicated) == "yes"
    assert answer_from_stance("Keep it going?", "no", contraindicated) == "no"


def test_the_clause_about_the_outcome_asked_decides_its_polarity() -> None:
    """'did not reduce X, but increased major haemorrhage' answers a bleeding question by its second clause and a
    cardiovascular question by its first; without the outcome the word overlap picks the first."""
    from clinevidence.answer.polarity import question_polarity
    from clinevidence.answer.question import mentions

    sentence = (
        "The ASPREE trial in adults aged 70 years or older found that daily aspirin did not significantly reduce "
        "cardiovascular disease, but increased major haemorrhage."
    )
    q = "Does daily aspirin increase major bleeding in adults over 70?"
    bleeding = [c for c in analyze(q).concepts if c.name == "bleeding"]
    assert bleeding

    def names(clause: str) -> int:
        return sum(1 for c in bleeding if mentions(clause, c))

    words = {"daily", "aspirin", "adult", "70", "major", "bleeding"}
    assert question_polarity(q, sentence, words, names) == "no"  # against: it increases harm -> harm question yes
    assert answer_from_stance(q, question_polarity(q, sentence, words, names) or "") == "yes"


def test_a_restriction_to_the_opposite_setting_answers_no() -> None:
    """'used only when resistance is known to be low' does not recommend it where resistance is high."""
    from clinevidence.answer.polarity import question_polarity

    sentence = "Clarithromycin triple therapy should be used only when local resistance is known to be low."
    high = "Is clarithromycin triple therapy appropriate where clarithromycin resistance is high?"
    low = "Is clarithromycin triple therapy appropriate where clarithromycin resistance is low?"
    words = {"clarithromycin", "triple", "therapy", "resistance"}
    assert question_polarity(high, sentence, words) == "no"
    assert question_polarity(low, sentence, words) == "yes"


@pytest.mark.parametrize(
    "question",
    [
        "Does Champix cause serious psychiatric side effects in smokers with a mental illness?",
        "Do statins increase the risk of cancer?",
    ],
)
def test_a_harm_question_answered_by_a_finding_of_no_harm_is_no(starter_library: Library, question: str) -> None:
    """The conclusion model reads "X is safe" / "did not increase" as yes to whatever was asked; for a harm question
    the top document's own no-harm finding on the question's drug and condition answers no, and is cited."""
    a = AnswerService(starter_library, Settings()).ask(question)
    assert str(a.verdict) == "no"
    assert any("finds no harm" in c for c in a.receipt.details["verdict_cues"])


def test_a_leaflets_caution_is_use_with_caution_not_recommended() -> None:
    """"Tell your doctor ... especially NSAIDs" is the leaflet's caution on taking them together: a yes to "can I
    take ibuprofen with warfarin" that the label must not call recommended."""
    from clinevidence.answer.recommendation import recommend

    analysis = analyze("can i take ibuprofen with warfarin for my back pain")
    told = "Tell your doctor and pharmacist about all other medications you take, especially NSAIDs such as ibuprofen."
    assert recommend(analysis, "yes", told) == "use_with_caution"
    assert recommend(analysis, "yes", "Ibuprofen can be taken with warfarin.") == "recommended"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tramadol raises serotonin levels, so taking it with SSRIs can cause serotonin syndrome.", "no"),
        ("NSAIDs reduce how much lithium the kidneys remove, so lithium levels can rise and cause toxicity.", "no"),
        ("Taking ibuprofen with warfarin raises your chance of serious bleeding.", "no"),
        ("Phenazopyridine eases the burning but will not cure the infection.", "no"),
        ("Ibuprofen relieves pain and lowers fever.", "yes"),
    ],
)
def test_a_leaflets_interaction_warning_is_against(sentence: str, expected: str) -> None:
    from clinevidence.answer.polarity import polarity

    assert polarity(sentence) == expected


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("is it ok to stop atenolol all at once", "When stopping is planned, reduce the dosage gradually.", "no"),
        ("can i just quit xanax cold turkey", "Do not stop taking alprazolam suddenly.", "no"),
        ("Is it dangerous to stop sertraline suddenly?", "Antidepressants should be tapered gradually.", "yes"),
        ("is it ok to stop atenolol all at once", "Atenolol is removed by the kidneys.", None),  # says nothing on it
        ("Should she stop her daily aspirin?", "Aspirin should be tapered gradually.", None),  # not "at once"
    ],
)
def test_stopping_at_once_against_advice_to_taper(question: str, sentence: str, expected: str | None) -> None:
    from clinevidence.answer.recommendation import stopping_at_once_answer

    assert stopping_at_once_answer(question, sentence) == expected


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("can i take pantoprazole with plavix", "Generally Safe"),  # the asker's own safety, not a guideline's advice
        ("is it ok to take zyrtec with an inhaler", "Generally Safe"),
        ("Should pantoprazole be combined with clopidogrel?", "Recommended"),
    ],
)
def test_a_consumers_can_i_take_question_is_labelled_for_safety(question: str, label: str) -> None:
    from clinevidence.answer.recommendation import display_label
    from clinevidence.answer.service import _label_type

    assert display_label("recommended", _label_type(analyze(question)), "yes") == label


@pytest.mark.parametrize(
    "question",
    [
        "im 8 weeks pregnant and have a yeast infection, can i just take one diflucan pill",
        "can i drink beer on glipizide",
        "can i take fluconazole while breastfeeding my 3 month old",
    ],
)
def test_the_askers_pregnancy_or_drinking_makes_it_a_safety_question(question: str) -> None:
    assert analyze(question).question_type == "safety"


def test_a_biomedical_question_on_pregnant_women_is_not_turned_into_safety() -> None:
    assert analyze("Is metformin effective in pregnant women with gestational diabetes?").question_type == "efficacy"
