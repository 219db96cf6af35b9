"""Session 17: clinician set 15 and consumer-meds part 11 (both read after their blind first runs).

Each test reproduces a mechanism with short team-written fixtures, not library content.
"""

from __future__ import annotations

from clinevidence.answer.question import analyze, classify, find_concepts, named_in_question
from clinevidence.answer.safety import check_question
from clinevidence.answer.service import AnswerService, _brand_words
from clinevidence.text import split_sentences
from tests.answer_support import pages_fixture

EVENING = (
    "Levocetirizine is labeled for evening use because drowsiness, when it happens, then falls mostly during sleep. "
    "One evening dose of levocetirizine still covers the whole next day, when hay fever symptoms are often worst."
)
LABEL = (
    "Active ingredient (in each tablet): levocetirizine dihydrochloride 5 mg. Purpose: antihistamine. "
    "Uses: temporarily relieves sneezing and a runny nose due to hay fever. "
    "If pregnant or breast-feeding: if breast-feeding, not recommended; if pregnant, ask a health professional "
    "before use. Directions: adults: 1 tablet once daily in the evening."
)
PILL = (
    "Modafinil speeds up the breakdown of the hormones in birth control pills, patches and rings, so they may not "
    "prevent pregnancy. Use a second, non-hormonal method such as condoms for as long as you take modafinil and for "
    "one month after the last dose."
)
SPORTS = (
    "Being on a blood thinner such as dabigatran does not mean giving up exercise. "
    "Running, swimming and cycling with a helmet are low-risk and generally encouraged. "
    "In between are sports with occasional contact, such as basketball, soccer and skiing. "
    "Whether these are reasonable depends on how rough the contact is and your own bleeding risk, so the decision "
    "should be made with your doctor."
)
service = pages_fixture(
    {
        "sports": ("Sports while taking a blood thinner", SPORTS),
        "pill": ("Modafinil and birth control", PILL),
        "evening": ("Why take Xyzal in the evening?", EVENING),
        "label": ("XYZAL ALLERGY 24HR (levocetirizine 5 mg tablets) - Drug Facts", LABEL),
    },
    "session17",
)


def test_a_label_speaks_of_its_product_in_every_sentence(service: AnswerService) -> None:
    """ "20 wks pregnant, can i take xyzal": the Drug Facts' "if pregnant, ask a health professional before use"
    names no drug, but the label is the product's own page, so the library does cover the product in pregnancy; and
    the verdict reads the page that names pregnancy, not the more relevant page on evening use."""
    answer = service.ask("20 wks pregnant, can i take xyzal for hay fever")
    assert answer.verdict == "maybe", answer.title
    assert answer.receipt.details.get("verdict_doc") == "label"


def test_a_unit_after_a_number_then_a_question_ends_the_sentence() -> None:
    note = "Stroke reg: 69M, glucose 6.8 mmol/L, 80 kg. Is tenecteplase an acceptable alternative to alteplase here?"
    assert split_sentences(note)[-1] == "Is tenecteplase an acceptable alternative to alteplase here?"
    assert split_sentences("The dose was 10 mg. Patients improved.") == ["The dose was 10 mg. Patients improved."]


def test_one_regimen_standing_in_for_another_is_no_dose_question() -> None:
    question = "Is tenecteplase 0.25 mg/kg as a single bolus an acceptable alternative to alteplase?"
    assert classify(question) == "efficacy"
    assert analyze(question).topic == "Tenecteplase as an alternative to alteplase"
    assert classify("max toradol pills in a day?") == "dosing"


def test_shorthand_and_brands_name_lexicon_concepts() -> None:
    assert "combined hormonal contraceptive" in [c.name for c in find_concepts("is the cocp contraindicated")]
    assert "NSAID" in [c.name for c in find_concepts("max toradol pills")]
    assert "caffeine" in [c.name for c in find_concepts("another nodoz at 10")]
    assert "pegfilgrastim" in [c.name for c in find_concepts("had his neulasta shot")]


def test_a_brand_before_a_known_medicine_is_no_topic_of_its_own() -> None:
    assert _brand_words("ok to put a salonpas lidocaine patch on") == {"salonpas"}
    assert _brand_words("my wife takes salonpas lidocaine patches") == {"salonpas"}
    assert _brand_words("is liposomal amphotericin ok") == set()


def test_the_acute_stroke_team_choosing_a_treatment_is_answered_not_redirected() -> None:
    question = (
        "Stroke reg on call: 69M, L MCA syndrome, NIHSS 9, LKW 2 h ago, CT no haemorrhage. Is tenecteplase 0.25 "
        "mg/kg as a single bolus an acceptable alternative to alteplase here?"
    )
    assert check_question(question, "clinician") is None
    report = "my dad's face has dropped on one side and his arm is weak, it started 10 minutes ago"
    notice = check_question(report, "clinician")
    assert notice is not None and notice.kind == "emergency"


def test_a_drug_of_the_history_taken_hours_ago_is_still_a_partner() -> None:
    """ "DHx apixaban ..., last dose about 6 h ago. Can she have alteplase?": the anticoagulant is on board, so the
    question is about the two together, which the library must cover; a history with no recent dose is not."""
    recent = analyze(
        "Stroke call: 74F, onset 90 min ago, CT no bleed. DHx apixaban 5 mg bd for AF, last dose about 6 h ago. "
        "Can she have alteplase?"
    )
    assert {c.name for c in named_in_question(recent, recent.concepts)} >= {"alteplase", "apixaban"}
    history = analyze("Stroke call: 74F, onset 90 min ago. DHx apixaban 5 mg bd for AF. Can she have alteplase?")
    assert "apixaban" not in {c.name for c in named_in_question(history, history.concepts)}


def test_a_page_telling_the_reader_to_do_what_is_asked_answers_yes(service: AnswerService) -> None:
    """ "do we need condoms too?" on a page whose instruction is "Use a second, non-hormonal method such as condoms":
    yes, whatever the model makes of "may not prevent pregnancy"."""
    answer = service.ask("my gf takes modafinil and she's on the pill. do we need condoms too?")
    assert answer.verdict == "yes", answer.title
    assert answer.receipt.details.get("verdict_method") == "advice"


def test_a_page_saying_it_depends_for_the_asked_activity_answers_maybe(service: AnswerService) -> None:
    """ "can i still play pickup basketball on pradaxa": the page names basketball among the sports whose safety
    depends on the contact, so the answer is a qualified maybe, not the model's reading of "does not mean"."""
    answer = service.ask("on pradaxa after a clot in my lung. can i still play pickup basketball w my friends?")
    assert answer.verdict == "maybe", answer.title
    assert answer.receipt.details.get("verdict_method") == "depends"
