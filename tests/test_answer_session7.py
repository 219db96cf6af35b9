"""Mechanisms from the session-7 clinician questions on the starter library: typos of everyday words and closed
compounds of everyday words are not unknown topics."""

from __future__ import annotations

import pytest

from clinevidence.answer.models import Verdict
from clinevidence.answer.question import analyze
from clinevidence.answer.service import AnswerService
from clinevidence.answer.support import stem
from clinevidence.library import Library
from clinevidence.settings import Settings


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


def test_a_typo_of_an_everyday_word_is_corrected(service: AnswerService) -> None:
    assert service._everyday_typo("increse") == "increase"
    assert service._everyday_typo("pericarditis") is None  # a topic the library lacks, not a typo
    a = service.ask("Do glitazones increse the risk of worsening heart failure?")
    assert a.verdict == Verdict.yes, a.title
    assert a.receipt.details.get("spelling", {}).get("increse") == "increase"


def test_a_compound_of_everyday_words_is_not_an_unknown_topic(service: AnswerService) -> None:
    assert service._everyday_compound("megadose")
    assert not service._everyday_compound("haemangioma")
    a = service.ask("Does a yearly 500,000 IU megadose of vitamin D increase the risk of fractures in older women?")
    assert a.verdict == Verdict.yes, a.title


def test_an_outcome_no_document_on_the_treatment_names_abstains(service: AnswerService) -> None:
    assert service.ask("Does vitamin D supplementation reduce the risk of cancer?").verdict == Verdict.insufficient
    # The outcome named in a hyphenated word ("cancer-related deaths") is named.
    a = service.ask("Does daily aspirin increase the risk of dying from cancer in healthy people over 70?")
    assert a.verdict != Verdict.insufficient, a.title
    assert service.ask("Does dapagliflozin reduce cardiovascular death in HFrEF?").verdict == Verdict.yes


def test_an_age_in_years_names_adolescents() -> None:
    for q in ("Can varenicline be prescribed to a 16-year-old who smokes?", "Is it ok for teenagers?"):
        assert "adolescents" in [c.name for c in analyze(q).concepts], q
    assert "adolescents" not in [c.name for c in analyze("Is it safe for a 45-year-old?").concepts]


def test_a_population_no_retrieved_document_names_abstains(service: AnswerService) -> None:
    assert service.ask("Can varenicline be prescribed to a 16-year-old who smokes?").verdict == Verdict.insufficient
    # The asthma guideline names adolescents: answered.
    a = service.ask("Should teenagers with asthma use an inhaled corticosteroid?")
    assert a.verdict == Verdict.yes, a.title


def test_a_condition_named_elsewhere_but_never_with_the_treatment_abstains(service: AnswerService) -> None:
    # "gastric cancer" is in the H. pylori guideline; no document on T-DXd names it.
    assert service.ask("Is Enhertu effective for HER2-positive gastric cancer?").verdict == Verdict.insufficient
    a = service.ask("Does H. pylori eradication reduce gastric cancer?")
    assert a.verdict == Verdict.yes, a.title


def test_a_population_excluding_every_document_subject_abstains(service: AnswerService) -> None:
    q = "Does Farxiga slow kidney decline in CKD patients who don't have diabetes or heart failure?"
    assert service.ask(q).verdict == Verdict.insufficient
    # An excluded condition is no setting the pair rule needs a sentence for.
    a = service.ask("Is metformin first-line for type 2 diabetes in patients without heart failure?")
    assert a.verdict == Verdict.yes, a.title
    a = service.ask("Do SGLT2 inhibitors help HFrEF patients without diabetes?")
    assert a.verdict == Verdict.yes, a.title


def test_letters_of_an_abbreviation_do_not_weigh_as_unknown_words(service: AnswerService) -> None:
    a = analyze("My 80 y/o patient had a coronary stent 5 years ago - should she stop her daily aspirin?")
    weights = service._term_weights(a)
    assert weights["y"] == 0.0 and weights["o"] == 0.0
    q = (
        "My 80 y/o patient had a coronary stent 5 years ago and read about the ASPREE trial - "
        "should she stop her daily aspirin?"
    )
    assert service.ask(q).verdict == Verdict.no


def test_a_sentence_stating_the_question_situation_answers_it(service: AnswerService) -> None:
    from clinevidence.answer.question import find_concepts, situation_words, states_situation

    q = "Can Fosamax be given to an elderly patient who cannot stay upright for 30 minutes?"
    wanted = situation_words(q, find_concepts(q))
    assert wanted and "elderly" not in wanted
    said = "Oral bisphosphonates are contraindicated in patients who cannot stay upright for at least 30 minutes."
    assert states_situation(said, wanted)
    assert not states_situation("Bisphosphonates reduce fracture risk in postmenopausal women.", wanted)
    a = service.ask(q)
    assert a.verdict == Verdict.no, a.title
    assert a.recommendation == "contraindicated"


def test_a_drug_class_stands_for_its_members() -> None:
    from clinevidence.answer.question import lexicon, mentions_as_member, same_drug

    by = {c.name: c for c in lexicon()[0]}
    riva, doac, ppi = by["rivaroxaban"], by["direct oral anticoagulant"], by["proton pump inhibitor"]
    assert mentions_as_member("Warfarin rather than a DOAC is recommended", riva)
    assert same_drug(by["omeprazole"], ppi) and not same_drug(riva, by["warfarin"])
    assert doac.classes == ()


def test_another_treatment_in_preference_to_the_one_asked_is_against_it() -> None:
    from clinevidence.answer.recommendation import answer_from_stance, passed_over

    s = "Warfarin rather than a DOAC is recommended for patients with atrial fibrillation and mitral stenosis."
    assert passed_over("Can Xarelto be used for AF with mitral stenosis?", s)
    assert answer_from_stance("Can Xarelto be used for AF with mitral stenosis?", "yes", s) == "no"
    assert answer_from_stance("Should warfarin be used for AF with mitral stenosis?", "yes", s) == "yes"
    first = "DOACs (apixaban, dabigatran, edoxaban and rivaroxaban) are recommended in preference to warfarin."
    assert not passed_over("Can Xarelto be used for AF?", first)


def test_the_sentence_naming_the_setting_through_the_class_decides(service: AnswerService) -> None:
    a = service.ask("Can Xarelto be used for AF in a patient with moderate to severe mitral stenosis?")
    assert a.verdict == Verdict.no, a.title
    a = service.ask("Is dabigatran contraindicated in patients with a mechanical heart valve?")
    assert a.verdict == Verdict.yes, a.title
    # A class named only beside another drug's use ("riociguat ... for pulmonary hypertension ... PDE5 inhibitors")
    # does not put sildenafil in pulmonary arterial hypertension.
    assert service.ask("Is sildenafil effective for pulmonary arterial hypertension?").verdict == Verdict.insufficient


def test_a_drug_and_its_own_class_are_not_a_combination(service: AnswerService) -> None:
    from clinevidence.answer.question import analyze, distinct_drugs

    q = (
        "My patient with Barrett's oesophagus read online that PPIs cause dementia and wants to come off "
        "omeprazole - should the PPI be stopped because of that?"
    )
    assert [c.name for c in distinct_drugs(analyze(q).concepts)] == ["omeprazole"]
    a = service.ask(q)
    assert a.verdict == Verdict.no, a.title


def test_a_restriction_to_patients_without_x_does_not_answer_a_question_naming_an_instance_of_x(
    service: AnswerService,
) -> None:
    from clinevidence.answer.polarity import absent_instance_named

    doc = [
        "Red flags in low back pain include urinary retention or incontinence, saddle anaesthesia and bilateral leg "
        "weakness, which suggest cauda equina syndrome.",
        "Routine imaging is not recommended for acute non-specific low back pain without red flags.",
    ]
    restricted = doc[1]
    assert absent_instance_named("Does back pain with new urinary retention need imaging?", restricted, doc)
    assert not absent_instance_named("Does back pain with no red flags need imaging?", restricted, doc)
    assert not absent_instance_named("Does simple low back pain need imaging?", restricted, doc)
    a = service.ask("Does a patient with back pain and new urinary retension need urgent imaging?")
    assert a.verdict == Verdict.yes, a.title


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Inhaled corticosteroids increase the risk of pneumonia in patients with COPD.", "yes"),
        ("Statin therapy did not increase the incidence of cancer in the CTT meta-analyses.", "no"),
        (
            "Observational studies have associated long-term PPI use with fractures and dementia, but most of these "
            "associations are weak and may reflect confounding.",
            "maybe",
        ),
        (
            "Most muscle symptoms reported by people taking statins in blinded trials were not caused by the statin.",
            "maybe",
        ),
        (
            "The FDA has issued safety communications on PPIs regarding Clostridioides difficile-associated diarrhoea.",
            None,
        ),
    ],
)
def test_what_a_sentence_says_of_a_harm(sentence: str, stance: str | None) -> None:
    from clinevidence.answer.polarity import harm_stance

    assert harm_stance(sentence) == stance


def test_a_harm_question_is_answered_by_a_sentence_on_the_harm(service: AnswerService) -> None:
    from clinevidence.answer.recommendation import harm_outcome

    assert harm_outcome("Does long-term PPI use increase the risk of C. difficile infection?", []) == {
        stem("difficile"),
        stem("infection"),
    }
    assert not harm_outcome("Does dapagliflozin reduce cardiovascular death?", [])
    cases = {
        "Does daily aspirin increase the risk of dying from cancer in healthy people over 70?": Verdict.maybe,
        "Does long-term PPI use increase the risk of C. difficile infection?": Verdict.maybe,
        "Do inhaled steroids raise the risk of pneumonia in people with COPD?": Verdict.yes,
        "Do statins increase the risk of cancer?": Verdict.no,
    }
    for q, verdict in cases.items():
        a = service.ask(q)
        assert a.verdict == verdict, (q, a.title)


def test_a_claim_is_not_read_as_an_outcome_question(service: AnswerService) -> None:
    claim = "ACE inhibitors will increase the numbers of ACE2 receptors in the lungs."
    a = analyze(claim)
    evidence, _ = service._evidence(a)
    assert service._unnamed_outcome(a, evidence) == []
    q = analyze("Does vitamin D supplementation reduce the risk of cancer?")
    assert service._unnamed_outcome(q, service._evidence(q)[0]) == ["cancer"]


def test_an_age_in_years_or_months_names_children() -> None:
    for q in ("a 2 year old with fever", "a 3-year-old with an ear infection", "an 8-month-old baby"):
        assert "children" in [c.name for c in analyze(q).concepts], q


def test_a_dose_question_in_a_setting_no_sentence_doses_abstains(service: AnswerService) -> None:
    # The otitis guideline recommends paracetamol for children's pain but gives no dose; adult doses do not answer.
    a = service.ask("What's the right paracetamol dose for a 2 year old with fever?")
    assert a.verdict == Verdict.insufficient, a.title
    a = service.ask("What dose of amoxicillin for a child with otitis media?")
    assert a.verdict != Verdict.insufficient, a.title
    # "low-dose aspirin" names a drug; the question asks no dose.
    a = service.ask("Should a pregnant woman with chronic hypertension take low-dose aspirin to prevent pre-eclampsia?")
    assert a.verdict == Verdict.yes, a.title


def test_a_class_named_as_a_combination_partner_does_not_stand_for_its_member(service: AnswerService) -> None:
    from clinevidence.answer.question import lexicon
    from clinevidence.answer.service import _class_alone

    by = {c.name: c for c in lexicon()[0]}
    assert _class_alone("Warfarin rather than a DOAC is recommended for a mechanical heart valve.", by["apixaban"])
    assert not _class_alone("Riociguat is also contraindicated with PDE5 inhibitors.", by["sildenafil"])
    a = service.ask("Can Eliquis be used in a patient with a mechanical mitral valve?")
    assert a.verdict == Verdict.no, a.title


def test_an_accepted_alternative_is_a_stance_for() -> None:
    from clinevidence.answer.polarity import polarity

    assert polarity("Tenecteplase is an accepted alternative to alteplase within 4.5 hours.") == "yes"


def test_a_sentence_about_the_other_sex_does_not_answer(service: AnswerService) -> None:
    from clinevidence.answer.question import classify, sex_of
    from clinevidence.answer.recommendation import proposition

    assert sex_of("does he need to stop the methotrexate?") == "men"
    assert sex_of("Methotrexate should be stopped 1 to 3 months before a planned conception in women.") == "women"
    assert sex_of("Should patients stop it?") is None
    assert proposition("Does he need to stop the methotrexate?").negative
    assert proposition("Should she stop her daily aspirin?").negative
    assert classify("Should she take low-dose aspirin?") != "dosing"
    q = (
        "My patient's husband takes low-dose methotrexate for psoriasis and they want to try for a baby - does he "
        "need to stop the methotrexate before they try to conceive?"
    )
    a = service.ask(q)
    assert a.verdict == Verdict.no, a.title
    assert "men taking low-dose methotrexate" in str(a.receipt.details.get("verdict_sentence"))
    a = service.ask("Should a woman stop methotrexate before trying to conceive?")
    assert a.verdict == Verdict.yes, a.title


@pytest.mark.parametrize(
    ("brand", "concept"),
    [("medrol", "systemic corticosteroids"), ("mobic", "NSAID"), ("azo", "phenazopyridine")],
)
def test_consumer_brand_names_name_their_medicine(brand: str, concept: str) -> None:
    """ "on the medrol pack since tuesday. can i take ibuprofen with it" asks about a corticosteroid with an NSAID."""
    from clinevidence.answer.question import find_concepts

    assert [c.name for c in find_concepts(f"can i take {brand} with food")] == [concept]
