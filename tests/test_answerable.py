"""Abstention by the learnt answerability check, pages naming the medicine first, and the asker's own words."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from clinevidence.answer.answerable import FEATURES, AnswerableModel, features, load_model
from clinevidence.answer.extractive import COVERAGE_FLOOR, ExtractiveEngine
from clinevidence.answer.models import Audience, Verdict
from clinevidence.answer.question import analyze
from clinevidence.answer.support import terms
from clinevidence.library.store import StoredDocument
from clinevidence.models import DocType, Section
from clinevidence.retrieval.search import Evidence, RankedDocument, _preferred_first

from .answer_support import cited, pages_fixture

PAGES = {
    "tamiflu-storage": (
        "TAMIFLU (oseltamivir) for oral suspension",
        "Storage and handling: keep the mixed suspension in a refrigerator for up to 17 days, or at room "
        "temperature for up to 10 days. Do not freeze. Shake well before each use and discard what is left after "
        "the storage period.",
    ),
    "tamiflu-vaccine": (
        "Tamiflu and the flu vaccine",
        "Tamiflu does not interfere with the inactivated flu shot, but it can stop the live nasal spray vaccine "
        "from working if taken within two days before or two weeks after it.",
    ),
    "scabies-cream": (
        "Scabies cream",
        "Leave the permethrin cream on the skin for 8 to 14 hours before washing it off. Wash clothes and bedding "
        "that were used in the last three days. Anything left on the counter or in a bag for a week is safe.",
    ),
    "ear-drops": (
        "Ofloxacin ear drops",
        "Hold the bottle in your hand for a minute or two so the drops are not cold. Lie on your side with the "
        "ear facing up and stay there for about five minutes after the drops go in.",
    ),
}


service = pages_fixture(PAGES, "answerable")


def test_the_shipped_model_reads_every_feature() -> None:
    model = load_model()
    assert model is not None
    assert set(model.weights) == set(FEATURES)
    assert 0.0 < model.threshold < 1.0


def test_a_long_message_whose_answer_page_is_first_is_answered_from_it(service) -> None:  # type: ignore[no-untyped-def]
    question = (
        "left my sons tamiflu liquid on the counter all night instead of the fridge. is it ruined? do i need to "
        "get a new bottle"
    )
    answer = service.ask(question)
    assert answer.verdict is not Verdict.insufficient
    assert cited(answer) and set(cited(answer)) == {"tamiflu-storage"}
    # The coverage rule alone would have abstained: the page shares few of the message's words.
    assert answer.receipt.details["coverage"] < 0.3


def test_only_neighbours_left_abstains(service) -> None:  # type: ignore[no-untyped-def]
    """The same message with its answer page taken out of the evidence: the other Tamiflu page and the scabies
    page share words ("counter", "left") but do not answer it."""
    question = "left my sons tamiflu liquid on the counter all night instead of the fridge. is it ruined?"
    analysis, _ = service.analysis(question)
    evidence, _ = service._evidence(analysis)
    assert evidence.documents[0].doc.id == "tamiflu-storage"
    rest = Evidence(
        [d for d in evidence.documents if d.doc.id != "tamiflu-storage"],
        [p for p in evidence.passages if p.doc.id != "tamiflu-storage"],
    )
    engine = service.engines["extractive"]
    assert engine.draft(analysis, rest, Audience.clinician).verdict is Verdict.insufficient
    assert engine.draft(analysis, evidence, Audience.clinician).verdict is not Verdict.insufficient


def test_below_the_coverage_floor_no_model_answers(service) -> None:  # type: ignore[no-untyped-def]
    analysis, _ = service.analysis("can my grandmother bring her walking frame and knitting bag on the ferry")
    evidence, _ = service._evidence(analysis)
    eager = AnswerableModel(weights=dict.fromkeys(FEATURES, 0.0), bias=30.0, threshold=0.5, meta={})
    engine = ExtractiveEngine()
    engine.answerable_model = eager
    coverage = engine.coverage(analysis, evidence)
    assert coverage < COVERAGE_FLOOR
    assert engine.answerable(analysis, evidence, coverage) < 0


def test_without_the_model_the_coverage_threshold_decides(service) -> None:  # type: ignore[no-untyped-def]
    analysis, _ = service.analysis("how long do i lie on my side after ofloxacin ear drops")
    evidence, _ = service._evidence(analysis)
    engine = ExtractiveEngine(answerable=False)
    coverage = engine.coverage(analysis, evidence)
    assert engine.answerable(analysis, evidence, coverage) == pytest.approx(coverage - 0.3)
    feats = features(analysis, evidence)
    assert set(feats) == set(FEATURES) and feats["coverage"] == pytest.approx(coverage)
    assert evidence.documents[0].doc.id == "ear-drops" and feats["relevance"] == evidence.documents[0].relevance


def _doc(doc_id: str, text: str = "") -> StoredDocument:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    sections = [Section("", text)] if text else []
    return StoredDocument(doc_id, doc_id, DocType.research, "", None, "", "", "", [], sections, [], now)


def test_pages_naming_the_medicine_go_first_only_when_near_the_first() -> None:
    ranked = [
        RankedDocument(_doc("other"), 10.0, 1, relevance=0.6),
        RankedDocument(_doc("far"), 2.0, 2, relevance=0.01),
        RankedDocument(_doc("near"), 8.0, 3, relevance=0.1),
    ]
    named = {"far", "near"}
    order = [r.doc.id for r in _preferred_first(ranked, lambda d: d.id in named)]
    assert order == ["near", "other", "far"]  # "far" is below both floors
    strict = [r.doc.id for r in _preferred_first(ranked, lambda d: d.id in named, strict=True)]
    assert strict == ["far", "near", "other"]
    first_named = [replace(ranked[0], doc=_doc("near")), *ranked[1:]]
    assert _preferred_first(first_named, lambda d: d.id in named) == first_named


def test_the_askers_own_rare_words_do_not_make_an_unknown_topic(service) -> None:  # type: ignore[no-untyped-def]
    """A story word the library never uses ("sandpaper") around a question on a medicine whose page comes first is
    no topic of the question; in the asking sentence itself it is."""
    story = "my mouth feels like sandpaper since the tamiflu. how long do i keep the liquid in the fridge"
    analysis, _ = service.analysis(story)
    evidence, _ = service._evidence(analysis)
    # A plain English word of the story is no topic even without the evidence (session 16: "saw it all over tiktok");
    # one shaped like a medical term still is.
    assert "sandpaper" not in service._unknown_topics(analysis)
    assert "sandpaper" not in service._unknown_topics(analysis, evidence)
    told = analyze("my mouth feels sore since the stomatitis. is tamiflu safe")
    told.term_weights = service._term_weights(told)
    assert "stomatitis" in service._unknown_topics(told)
    asked = analyze("is tamiflu sandpaper safe")
    asked.term_weights = service._term_weights(asked)
    assert "sandpaper" in service._unknown_topics(asked, service._evidence(asked)[0])


def test_a_question_on_another_medicine_is_not_answered_from_these_pages(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("how long can i keep my insulin pen out of the fridge")
    assert answer.verdict is Verdict.insufficient


def test_another_page_on_the_medicine_far_below_the_first_is_not_quoted() -> None:
    """A question on one medicine: its other pages are other topics of it unless near the first by the re-ranker
    or naming the question's condition."""
    top = RankedDocument(_doc("dose", "The usual maximum dose of metformin is 2,000 mg a day."), 10.0, 1, 0.8)
    storage = RankedDocument(_doc("storage", "Store metformin tablets at room temperature."), 6.0, 2, 0.3)
    diabetes = RankedDocument(
        _doc("kidney", "In type 2 diabetes metformin is stopped when eGFR falls below 30."), 5.0, 3, 0.3
    )
    near = RankedDocument(_doc("near", "Metformin doses above 2,000 mg a day add little."), 9.0, 4, 0.7)
    evidence = Evidence([top, storage, diabetes, near], [])
    engine = ExtractiveEngine()
    assert engine._relevant_docs(analyze("What is the maximum daily dose of metformin?"), evidence)[0] == {
        "dose",
        "near",
    }
    in_diabetes = analyze("What is the maximum daily dose of metformin in type 2 diabetes?")
    kept, by_condition = engine._relevant_docs(in_diabetes, evidence)
    assert "kidney" in kept and by_condition == {"kidney"}  # only its sentences naming the condition are quoted


LEAFLETS = {
    "gabapentin-alcohol": (
        "Gabapentin",
        "Avoid drinking alcohol while taking gabapentin, because alcohol can add to the drowsiness and dizziness "
        "caused by this medication. Gabapentin is used to help control certain types of seizures.",
    ),
    "gabapentin-stopping": (
        "Gabapentin: stopping",
        "Do not stop taking gabapentin without talking to your doctor, even if you feel well. Gabapentin is "
        "usually reduced gradually over at least a week.",
    ),
}


leaflets = pages_fixture(LEAFLETS, "leaflets")


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("is it ok to drink alcohol on gabapentin", "no"),  # the leaflet advises against it
        ("Is it unsafe to drink alcohol while taking gabapentin?", "yes"),  # the same advice, the question turned
    ],
)
def test_a_leaflet_warning_decides_a_safety_question(leaflets, question: str, verdict: str) -> None:  # type: ignore[no-untyped-def]
    answer = leaflets.ask(question)
    assert str(answer.verdict) == verdict
    assert answer.receipt.details["verdict_method"] == "warning"
    assert "Avoid drinking alcohol" in answer.receipt.details["verdict_sentence"]


def test_a_warning_about_something_else_does_not_decide(leaflets) -> None:  # type: ignore[no-untyped-def]
    """ "Do not stop taking gabapentin" names the drug and is against, but it is about stopping, not alcohol."""
    sentence = "Do not stop taking gabapentin without talking to your doctor, even if you feel well."
    assert _warning_from(leaflets, "is it ok to drink alcohol on gabapentin", "gabapentin-stopping", sentence) is None


def _warning_from(service, question: str, doc_id: str, sentence: str):  # type: ignore[no-untyped-def]
    """What the warning rule makes of ``sentence`` as a candidate of page ``doc_id`` for ``question``."""
    from clinevidence.answer.extractive import Candidate

    analysis, _ = service.analysis(question)
    evidence, _ = service._evidence(analysis)
    page = next(p for p in evidence.passages if p.doc.id == doc_id)
    cand = Candidate(sentence, page, 1.0, frozenset(terms(sentence)), False)
    return ExtractiveEngine._warning_against(analysis, page.doc, [cand])


SURGERY = {
    "af-doac": (
        "Anticoagulation in atrial fibrillation",
        "Apixaban is recommended over warfarin for stroke prevention in non-valvular atrial fibrillation. The dose "
        "is reduced to 2.5 mg twice daily in patients meeting two of age 80 or over, weight 60 kg or less, or "
        "creatinine of 1.5 mg/dL or more.",
    ),
    "sglt2-surgery": (
        "SGLT2 inhibitors before surgery",
        "SGLT2 inhibitors such as dapagliflozin should be stopped at least three days before scheduled surgery "
        "because of the risk of ketoacidosis. Low back pain after a long operation is common.",
    ),
}


surgery = pages_fixture(SURGERY, "surgery")


def test_a_drug_before_an_operation_no_page_covers_abstains(surgery) -> None:  # type: ignore[no-untyped-def]
    """Surgery is a setting the question names: the AF page on apixaban does not say when to stop it before a knee
    replacement, though the library speaks of surgery elsewhere."""
    answer = surgery.ask("How many days before a knee replacement should Eliquis be stopped?")
    assert answer.verdict is Verdict.insufficient
    assert "surgery" in answer.receipt.details["abstain_reason"]["missing"]
    covered = surgery.ask("Should dapagliflozin be stopped before an operation?")
    assert covered.verdict is not Verdict.insufficient and "sglt2-surgery" in cited(covered)


def test_frail_names_older_adults() -> None:
    """ "a frail 90-year-old" is the older-adults population: a statin page on adults aged 40 to 75 does not answer
    whether to stop in her (the library names older adults elsewhere)."""
    populations = [c.name for c in analyze("Should statins be stopped in a frail 90-year-old?").concepts]
    assert "older adults" in populations


CHILDREN = {
    "mupirocin-stinging": (
        "Bactroban (mupirocin) - stinging",
        "Mild burning, stinging or itching where the mupirocin ointment is put on is the most common side effect "
        "and usually passes quickly.",
    ),
    "amoxicillin-children": (
        "Amoxicillin for children",
        "Children with ear infections usually take amoxicillin liquid twice a day for five to ten days.",
    ),
}
children = pages_fixture(CHILDREN, "children")


def test_the_askers_own_child_is_who_takes_it_not_a_setting(children) -> None:  # type: ignore[no-untyped-def]
    """ "my toddler yelped" says who had the ointment; the page on mupirocin's stinging answers it though it never
    names children. Whether it may be given to a toddler at all is another question, which needs a page naming
    both."""
    answer = children.ask("is it normal for bactroban to burn a bit when you put it on? my toddler yelped")
    assert answer.verdict is not Verdict.insufficient and cited(answer) == ["mupirocin-stinging"]
    safety = children.ask("is bactroban safe for my toddler?")
    assert safety.verdict is Verdict.insufficient


PAIR_LEAFLETS = {
    "warfarin-precautions": (
        "Warfarin (Coumadin, Jantoven)",
        "Warfarin can cause major or fatal bleeding. Tell your doctor about everything you take. This is especially "
        "important for aspirin and NSAIDs such as ibuprofen and naproxen, which increase the risk of bleeding.",
    ),
    "ibuprofen-precautions": (
        "Ibuprofen (Advil, Motrin)",
        "Ibuprofen is used to relieve pain from headaches, back pain and menstrual cramps. Tell your doctor if you "
        "take blood pressure medications such as lisinopril.",
    ),
}


pair_leaflets = pages_fixture(PAIR_LEAFLETS, "pair_leaflets")


@pytest.mark.parametrize(
    "question",
    ["can i take ibuprofen with my warfarin for my back pain", "can i take naproxen with warfarin"],
)
def test_one_medicines_page_warning_about_the_other_decides_taking_them_together(pair_leaflets, question: str) -> None:  # type: ignore[no-untyped-def]
    """The warfarin page names the NSAID, not warfarin, in its warning; the page is about warfarin. The condition
    the painkiller is for (back pain) is not what the warning must name. The warning is the bottom line."""
    answer = pair_leaflets.ask(question)
    assert answer.question_type == "safety"
    assert (str(answer.verdict), answer.recommendation) == ("no", "not_recommended")
    assert answer.verdict_label == "Not Recommended"
    assert "increase the risk of bleeding" in answer.receipt.details["verdict_sentence"]
    assert "increase the risk of bleeding" in answer.summary[0].text


def test_a_page_on_one_medicine_not_naming_the_other_does_not_decide(pair_leaflets) -> None:  # type: ignore[no-untyped-def]
    """The ibuprofen page's caution names lisinopril, not warfarin: it cannot say anything on taking the two."""
    sentence = "Avoid ibuprofen if you have had a stomach ulcer."
    assert _warning_from(pair_leaflets, "can i take ibuprofen with warfarin", "ibuprofen-precautions", sentence) is None


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("can i take naproxen with my blood thinner", "safety"),
        ("can I take sertraline while pregnant", "safety"),
        ("Can I use ibuprofen with lisinopril?", "safety"),
        ("i have epilepsy, can i take metoclopramide for nausea", "safety"),  # whether the asker may
        ("Does metformin lower HbA1c in type 2 diabetes?", "efficacy"),
    ],
)
def test_taking_one_medicine_with_another_or_while_pregnant_asks_about_safety(question: str, qtype: str) -> None:
    assert analyze(question).question_type == qtype


STOPPING = {
    "atenolol-boxed": (
        "TENORMIN (atenolol) tablets - BOXED WARNING",
        "WARNING: CESSATION OF THERAPY. Severe worsening of angina and heart attacks have been reported after abrupt "
        "discontinuation of beta-blockers. When discontinuation is planned, reduce the dosage gradually over one to "
        "two weeks.",
    ),
    "atenolol-kidneys": (
        "Atenolol: kidneys and pregnancy",
        "Atenolol is removed by the kidneys, so lower doses are used when kidney function is reduced. If you become "
        "pregnant, talk to your doctor rather than stopping on your own.",
    ),
}


stopping = pages_fixture(STOPPING, "stopping")


@pytest.mark.parametrize(
    ("question", "verdict"),
    [("is it ok to stop atenolol all at once", "no"), ("Is it dangerous to stop atenolol suddenly?", "yes")],
)
def test_stopping_at_once_is_answered_by_the_warning_on_abrupt_discontinuation(
    stopping, question: str, verdict: str
) -> None:  # type: ignore[no-untyped-def]
    """The page on stopping says "discontinuation", not "stop": it is found by the words a page uses for stopping,
    and its advice to taper answers the question and is the bottom line."""
    answer = stopping.ask(question)
    assert str(answer.verdict) == verdict
    assert answer.recommendation == "not_recommended"
    assert answer.receipt.details["verdict_method"] == "stopping at once"
    assert cited(answer)[0] == "atenolol-boxed"
    assert "gradually" in answer.summary[0].text or "abrupt" in answer.summary[0].text


def test_only_stopping_at_once_searches_the_words_a_page_uses_for_stopping() -> None:
    from clinevidence.answer.intent import intent_words

    assert any("discontinuation" in w for w in intent_words("is it ok to stop atenolol all at once"))
    assert not any("discontinuation" in w for w in intent_words("should she stop her daily aspirin?"))
    assert analyze("is it ok to stop atenolol").terms == ["stop", "atenolol"]  # "ok" says nothing of the topic


CONSUMER_PAGES = {
    "amiodarone-grapefruit": (
        "Amiodarone and grapefruit",
        "Do I need to give up grapefruit while I'm on amiodarone? Yes - avoid grapefruit and grapefruit juice for as "
        "long as you take it. Grapefruit blocks the enzyme that breaks amiodarone down.",
    ),
    "oxycodone-bowels": (
        "",
        "Constipation is very common with oxycodone and, unlike drowsiness, it usually does not wear off with time. "
        "Drink plenty of fluids and ask your pharmacist about a laxative.",
    ),
    "bupropion-weight": (
        "Bupropion and weight",
        "Unlike many antidepressants, bupropion is not usually linked with putting on weight; some people lose a "
        "little weight because appetite goes down.",
    ),
    "azo-drug-facts": (
        "AZO Urinary Pain Relief (phenazopyridine) - Drug Facts",
        "Use: for the temporary relief of pain and burning of urination caused by a urinary tract infection. "
        "Warnings: Phenazopyridine is not an antibiotic and will not treat or cure a urinary tract infection. See a "
        "doctor for antibiotic treatment.",
    ),
    "diltiazem-atenolol": (
        "Diltiazem with other heart medicines",
        "Diltiazem and atenolol both slow the heart. Diltiazem can be used with atenolol, but only with closer "
        "monitoring of the pulse and blood pressure.",
    ),
}


consumer_pages = pages_fixture(CONSUMER_PAGES, "consumer_pages")


@pytest.mark.parametrize(
    ("question", "verdict", "recommendation", "method"),
    [
        # the page's "Yes" answers its own "do I need to give up ...?"; its advice answers the reader's "is it ok"
        ("is grapefruit juice ok with amiodarone", "no", "not_recommended", "summary answer"),
        # the page states the effect; "does not wear off" is not "does not cause"
        ("does oxycodone make you constipated", "yes", "use_with_caution", "side effect"),
        ("will bupropion make me gain weight", "no", "informational", "side effect"),
        # the page's own warning that it does not do what is asked
        ("will azo cure my uti", "no", "no_clear_benefit", "denied effect"),
        # used together only with closer monitoring: a qualified yes
        ("can i take diltiazem and atenolol together", "maybe", "use_with_caution", "caution"),
    ],
)
def test_a_consumer_pages_own_words_decide_its_verdict(  # type: ignore[no-untyped-def]
    consumer_pages, question: str, verdict: str, recommendation: str, method: str
) -> None:
    answer = consumer_pages.ask(question)
    assert (str(answer.verdict), answer.recommendation) == (verdict, recommendation)
    assert answer.receipt.details["verdict_method"] == method
    assert answer.receipt.details["verdict_sentence"][:40] in answer.summary[0].text  # the decider is the bottom line


def test_a_side_effect_finding_needs_a_question_on_whether_it_causes_it(consumer_pages) -> None:  # type: ignore[no-untyped-def]
    """ "Are physicians aware of the side effects ...?" is not a consumer asking whether the medicine has one."""
    from clinevidence.answer.extractive import ExtractiveEngine

    analysis, _ = consumer_pages.analysis("Are doctors aware of the side effects of oxycodone?")
    evidence, _ = consumer_pages._evidence(analysis)
    cands = ExtractiveEngine().candidates(analysis, evidence)
    assert ExtractiveEngine._side_effect_finding(analysis, evidence.documents[0].doc, cands) is None
