"""Consumer medication questions against the pages of drug-information leaflets (one document per section, the
pages of one medicine sharing a title). The texts are short team-written test fixtures, not library content."""

from __future__ import annotations

import pytest

from clinevidence.answer.intent import implied_intent, intent_words, intents
from clinevidence.answer.question import analyze
from clinevidence.answer.service import AnswerService
from clinevidence.answer.support import terms
from tests.answer_support import cited, pages_service

PAGES = {
    "amlo-why": (
        "Amlodipine (Norvasc)",
        "Why is this medication prescribed? Amlodipine is used to treat high blood pressure and chest pain.",
    ),
    "amlo-how": (
        "Amlodipine (Norvasc)",
        "How should this medicine be used? Amlodipine comes as a tablet to take by mouth once a day.",
    ),
    "amlo-storage": (
        "Amlodipine (Norvasc)",
        "How should I store this medication? Keep amlodipine in its container at room temperature.",
    ),
    "ibu-precautions": (
        "Ibuprofen (Advil, Motrin)",
        "What special precautions should I follow? Do not take ibuprofen in the last part of pregnancy, from 20 "
        "weeks on, unless your doctor tells you to.",
    ),
    "sertraline-precautions": (
        "Sertraline (Zoloft)",
        "What special precautions should I follow? Tell your doctor if you are pregnant. Taking sertraline with "
        "NSAIDs such as ibuprofen can raise the risk of bleeding.",
    ),
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return pages_service(tmp_path_factory.mktemp("meds"), PAGES)


def _cited(answer: object) -> list[str]:
    return list(cited(answer))


@pytest.mark.parametrize(
    ("question", "implied"),
    [
        ("what is amlodipine for", "used"),
        ("what does atorvastatin do", "treat"),
        ("amoxicillin liquid does it need to go in the fridge", "store"),
        ("what if i forgot a dose of zoloft", "missed"),
        ("took 2 amlodipine by mistake", "overdose"),
        ("how long does it take for tamsulosin to work", "weeks"),
        ("how fast do tessalon pearls work for a cough", "weeks"),
        ("how many imodium can i take in a day", "maximum"),
        ("whats the max dose of tizanidine", "maximum"),
        ("when should i take reglan, before or after i eat", "food"),
        ("does meclizine make you tired", "drowsiness"),
        ("whats the most compazine you can take in a day", "maximum"),
        ("what time should i take ropinirole for restless legs", "morning bedtime"),
    ],
)
def test_wording_implies_the_part_of_the_leaflet_asked_for(question: str, implied: str) -> None:
    assert terms(implied) <= implied_intent(question)


def test_no_implied_part_for_a_plain_question() -> None:
    assert implied_intent("does omeprazole cause low magnesium") == frozenset()


def test_the_medicine_named_inside_the_wording_is_not_an_intent_word() -> None:
    """In "how fast do tessalon pearls work" the words between belong to the medicine, not to the intent."""
    said = {t for said, _ in intents("how fast do tessalon pearls work") for t in said}
    assert said and not said & terms("tessalon pearls")


def test_words_every_medicine_page_uses_count_but_are_not_searched() -> None:
    """Searched, "maximum" or "food" bring other medicines' limits first ("can u take 2 viagra in 1 day")."""
    assert terms("maximum") <= implied_intent("can u take 2 viagra in 1 day")
    assert intent_words("can u take 2 viagra in 1 day") == []
    assert intent_words("do i take macrobid with food") == []
    assert intent_words("how long does it take for tamsulosin to work") == ["weeks work benefit full"]


def test_a_condition_named_in_everyday_words_is_searched_by_its_own_name() -> None:
    """A "glass of wine" is searched as alcohol too (the page is "Methotrexate and alcohol"); an abbreviation the
    pages use themselves ("uti") adds nothing, nor does a name the question already uses."""
    assert "alcohol" in analyze("on methotrexate, is a glass of wine ok").retrieval_text.split()
    assert analyze("can i drink a few beers on ritalin").plain_names == ["alcohol"]
    assert analyze("on macrobid for a uti, is brown pee normal").plain_names == []
    assert analyze("prednisone and COPD long term").plain_names == []
    assert analyze("is alcohol ok with methotrexate").plain_names == []


def test_the_purpose_page_answers_what_a_medicine_is_for(service: AnswerService) -> None:
    answer = service.ask("what is amlodipine for")
    assert _cited(answer) and _cited(answer)[0] == "amlo-why"


def test_another_medicine_s_page_is_not_quoted_for_a_one_drug_question(service: AnswerService) -> None:
    """The sertraline page names ibuprofen and pregnancy in passing; it does not answer a question on Motrin."""
    answer = service.ask("can i take motrin while pregnant")
    cited = _cited(answer)
    assert "ibu-precautions" in cited
    assert "sertraline-precautions" not in cited


def test_consumer_typing_does_not_make_a_topic_unknown(service: AnswerService) -> None:
    """Contractions typed without the apostrophe ("cant") are stop words, and a release form after a drug's name
    ("amlodipine er") is not a word of the topic: neither makes the question look uncovered."""
    from clinevidence.text import content_words

    assert content_words("prednisone cant sleep dont know") == ["prednisone", "sleep", "know"]
    answer = service.ask("when should i take amlodipine er")
    assert str(answer.verdict) != "insufficient"
    assert "amlo-how" in _cited(answer)


PAIR_PAGES = {
    "topiramate-migraine": (
        "Topiramate (Topamax, Trokendi XR)",
        "Is it safe to take topiramate XR for migraines? Topiramate XR 150 mg once a day is taken to prevent "
        "migraines, and it is safe to take for years when it suits you.",
    ),
    "venlafaxine-label": (
        "EFFEXOR XR (venlafaxine) - WARNINGS",
        "Serotonin syndrome: the risk is increased with other serotonergic drugs, including triptans and tramadol.",
    ),
    "sumatriptan-page": (
        "Sumatriptan",
        "Sumatriptan treats a migraine attack once it has started; it does not prevent migraines.",
    ),
}


@pytest.fixture(scope="module")
def pair_service(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return pages_service(tmp_path_factory.mktemp("pairs"), PAIR_PAGES)


def test_the_page_naming_both_drugs_answers_a_question_on_the_pair(pair_service: AnswerService) -> None:
    """ "Imitrex while on Effexor XR": the topiramate page shares "migraines" and "XR" and ranks first by words, but
    only the Effexor label names both the triptan and the SNRI."""
    answer = pair_service.ask("Is it safe to take Imitrex for my migraines when I'm on Effexor XR 150 mg?")
    assert str(answer.verdict) != "insufficient"
    assert "venlafaxine-label" in cited(answer)
    assert "topiramate-migraine" not in cited(answer)


def test_no_page_naming_both_drugs_means_no_verdict_on_the_pair(pair_service: AnswerService) -> None:
    """ "Topiramate with sumatriptan?": each has its own page, none names both; a page on one of them says nothing
    about taking them together."""
    answer = pair_service.ask("Is it safe to take topiramate with sumatriptan?")
    assert str(answer.verdict) == "insufficient"
    assert answer.receipt.details["abstain_reason"]["reason"] == "no document names these together"


WINE_PAGES = {
    "mtx-weekly": (
        "Methotrexate tablets (rheumatoid arthritis, psoriasis)",
        "For psoriasis and rheumatoid arthritis, methotrexate is taken once a week, on the same day each week. "
        "Taking it every day by mistake can cause serious side effects.",
    ),
    "mtx-folate": (
        "Methotrexate and folic acid",
        "Folic acid is often prescribed with weekly methotrexate to reduce side effects such as mouth sores.",
    ),
    "mtx-alcohol": (
        "Methotrexate and alcohol",
        "Alcohol adds to the risk of liver damage from methotrexate, so most specialists advise avoiding it.",
    ),
}


def test_everyday_words_for_a_condition_find_its_page(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A "glass or two of wine" is answered by the page on alcohol, which never says "wine"."""
    service = pages_service(tmp_path_factory.mktemp("wine"), WINE_PAGES)
    answer = service.ask("on methotrexate for psoriasis and i like a glass or two of wine on the weekends, is that ok")
    assert "mtx-alcohol" in _cited(answer)


FAQ_PAGES = {
    "mph-alcohol": (
        "",
        "Is it okay to have a few drinks while taking methylphenidate? Mixing alcohol with stimulants is not "
        "recommended: the stimulant can hide how drunk you are and the combination is hard on the heart.",
    ),
    "mph-refills": (
        "Refilling a stimulant prescription",
        "Methylphenidate is a controlled substance, so each refill needs a new prescription.",
    ),
    "clari-alcohol": (
        "Clarithromycin and alcohol",
        "With clarithromycin a drink or two in moderation is generally considered fine during the course; heavy "
        "drinking is best avoided while you are fighting an infection.",
    ),
}


@pytest.fixture(scope="module")
def faq_service(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return pages_service(tmp_path_factory.mktemp("faq"), FAQ_PAGES)


def test_a_faq_page_s_opening_question_names_what_its_warning_is_about(faq_service: AnswerService) -> None:
    """The warning ("mixing alcohol with stimulants is not recommended") names neither the medicine nor its brand;
    the page's opening question does."""
    answer = faq_service.ask("can i drink a few beers on ritalin")
    assert answer.verdict == "no"
    assert "mph-alcohol" in _cited(answer)


def test_a_page_saying_it_is_fine_within_limits_is_no_warning(faq_service: AnswerService) -> None:
    answer = faq_service.ask("is a glass of wine ok on clarithromycin")
    assert "clari-alcohol" in _cited(answer)
    assert answer.verdict != "no"


LEAFLETS = {
    "ibu-hydro": (
        "Ibuprofen with a prescription pain pill?",
        "Can I take an anti-inflammatory in between doses of my hydrocodone pain pills? For most adults, yes. "
        "Ibuprofen (Advil, Motrin) and naproxen work in a different way from both hydrocodone and acetaminophen, so "
        "they do not add to your acetaminophen total. Check with your doctor first if you have had a stomach ulcer.",
    ),
    "hydro-leaflet": (
        "Hydrocodone and acetaminophen (Norco, Vicodin)",
        "Why is this medication prescribed? The combination of hydrocodone and acetaminophen is used to relieve "
        "pain severe enough to need an opioid. Do not take other products that contain acetaminophen with it.",
    ),
    "scab-itch": (
        "Still itchy after scabies cream",
        "Why do I still itch after using permethrin? Itching can carry on for 2 to 4 weeks after successful "
        "treatment, because the skin is still reacting to the dead mites. This does not mean the treatment failed.",
    ),
    "permethrin-label": (
        "ELIMITE (permethrin) Cream 5%",
        "DOSAGE AND ADMINISTRATION: Massage the cream into the skin from the head to the soles of the feet. Leave "
        "it on for 8 to 14 hours before washing it off.",
    ),
    "morphine-itch": (
        "Itching on morphine",
        "Is it normal to feel itchy after a dose of morphine? Yes. Itching, often of the nose and face, is a common "
        "side effect of morphine and other opioids, and it happens without a rash.",
    ),
    "metho-label": (
        "ROBAXIN-750 (methocarbamol tablets) - DOSAGE AND ADMINISTRATION",
        "DOSAGE AND ADMINISTRATION: Adults, initial dosage: 1,500 mg four times daily for the first 48 to 72 hours "
        "of treatment. Maintenance dosage: 750 mg every 4 hours.",
    ),
    "metho-alcohol": (
        "",
        "Do not drink alcohol while taking methocarbamol; alcohol adds to its drowsiness and dizziness and makes "
        "falls more likely.",
    ),
    "acyclovir-leaflet": (
        "Acyclovir (Zovirax)",
        "Why is this medication prescribed? Acyclovir is used to treat cold sores, shingles and genital herpes "
        "outbreaks. What special precautions should I follow? Acyclovir controls outbreaks, but it does not cure "
        "herpes infections.",
    ),
    "alp-leaflet": (
        "Xanax and Xanax XR",
        "Why is this medication prescribed? Xanax is used to treat anxiety and panic disorder. Take Xanax exactly as "
        "prescribed, and keep Xanax out of reach of others.",
    ),
    "alp-alcohol": (
        "",
        "Do not drink alcohol while taking alprazolam. Both slow down the brain and breathing, and together even a "
        "few drinks can cause severe drowsiness.",
    ),
    "melox-leaflet": (
        "Meloxicam (Mobic)",
        "Other painkillers: Do not take meloxicam with other NSAIDs such as naproxen or aspirin; combining them "
        "raises the risk of stomach bleeding. Acetaminophen (Tylenol) works in a different way and can usually be "
        "taken alongside meloxicam, keeping to the acetaminophen daily limit.",
    ),
    "keppra-leaflet": (
        "Keppra (levetiracetam)",
        "Swallowing: Swallow the tablets whole with a drink of water. Do not chew, break or crush them, as they "
        "taste very bitter. If swallowing tablets is difficult, ask your prescriber about the oral solution.",
    ),
    "smx-uti": (
        "",
        "How long should I take Bactrim DS for a simple bladder infection? For an uncomplicated bladder infection in "
        "an otherwise healthy woman, the usual course is one double-strength tablet twice a day for 3 days.",
    ),
    "smx-leaflet": (
        "",
        "Why is this medication prescribed? The combination of sulfamethoxazole and trimethoprim is used to treat "
        "certain infections, such as urinary tract infections and travelers' diarrhea. Take each dose of "
        "sulfamethoxazole and trimethoprim with a full glass of water. Sulfamethoxazole and trimethoprim can make "
        "your skin much more sensitive to sunlight.",
    ),
}


@pytest.fixture(scope="module")
def leaflet_service(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return pages_service(tmp_path_factory.mktemp("leaflets"), LEAFLETS)


def _statements(answer: object) -> list[str]:
    a = answer.model_dump()  # type: ignore[attr-defined]
    return [s["text"] for s in a["summary"]] + [s["text"] for sec in a["sections"] for s in sec["statements"]]


def test_a_faq_answered_after_a_qualifier_under_another_name_decides(leaflet_service: AnswerService) -> None:
    """The page asks its own question about "an anti-inflammatory" and "hydrocodone pain pills" (advil, vicodin
    under other names) and answers "For most adults, yes."; "do not add to your total" is no warning."""
    answer = leaflet_service.ask("can i take advil with vicodin")
    assert answer.verdict == "yes"
    assert "ibu-hydro" in _cited(answer)


def test_a_question_the_page_asks_itself_is_never_a_statement(leaflet_service: AnswerService) -> None:
    for question in ("can i take advil with vicodin", "how many days is bactrim ds for a bladder infection"):
        assert not [s for s in _statements(leaflet_service.ask(question)) if s.rstrip().endswith("?")]


def test_the_answer_after_a_faq_s_opening_question_is_on_the_frame(leaflet_service: AnswerService) -> None:
    """ "This does not mean the treatment failed" names neither permethrin nor the asker's words; the page's opening
    question does."""
    answer = leaflet_service.ask("used the elimite 10 days ago and im still itchy at night. did it fail?")
    assert "scab-itch" in _cited(answer)
    assert any("treatment failed" in s for s in _statements(answer))


def test_another_page_kept_for_naming_the_condition_gives_only_its_sentences_on_it(
    leaflet_service: AnswerService,
) -> None:
    answer = leaflet_service.ask("how many days is bactrim ds for a bladder infection")
    assert "smx-uti" in _cited(answer)
    assert not [s for s in _statements(answer) if "sunlight" in s or "glass of water" in s]


def test_a_two_drug_product_is_named_as_leaflets_write_it() -> None:
    from clinevidence.answer.question import find_concepts

    for text in ("both hydrocodone and acetaminophen", "acetaminophen and hydrocodone"):
        assert [c.name for c in find_concepts(text)] == ["hydrocodone-acetaminophen"]
    assert [c.name for c in find_concepts("aspirin and clopidogrel")] == ["aspirin", "clopidogrel"]


@pytest.mark.parametrize(
    ("question", "blamed"),
    [
        ("is that from the paxil", True),
        ("could that be the robaxin?", True),
        ("could the requip be doing that?", True),
        ("can lexapro cause hair loss", True),
        ("could it be the flu?", False),  # no medicine named
        ("is that from the fall", False),
        ("is it the right dose?", False),
    ],
)
def test_a_medicine_named_as_the_cause_of_what_the_asker_notices(question: str, blamed: bool) -> None:
    from clinevidence.answer.recommendation import blames_medicine

    assert blames_medicine(question) is blamed


def test_a_known_effect_asked_about_by_the_medicine_s_name_is_labelled_so(leaflet_service: AnswerService) -> None:
    answer = leaflet_service.ask(
        "mom is on morphine now and keeps scratching her nose but theres no rash. is it the morphine?"
    )
    assert answer.verdict == "yes" and answer.verdict_label == "Known Side Effect"
    assert "morphine-itch" in _cited(answer)


def test_a_medicine_and_a_drink_asked_in_a_few_words_is_a_safety_question(leaflet_service: AnswerService) -> None:
    """ "robaxin and beer?": whether the two go together; the page naming the medicine and alcohol answers it, not
    the medicine's dosing label."""
    a = analyze("robaxin and beer?")
    assert a.question_type == "safety" and a.yes_no
    assert analyze("warfarin and vitamin k").question_type != "safety"  # no question asked
    answer = leaflet_service.ask("robaxin and beer?")
    assert answer.verdict == "no" and "metho-alcohol" in _cited(answer)


def test_giving_a_child_a_medicine_is_no_side_effect_question() -> None:
    from clinevidence.answer.recommendation import asks_side_effect

    assert not asks_side_effect("my 18 month old cant keep anything down, can i give her a little of my promethazine")
    assert asks_side_effect("can it give you headaches?")


def test_a_page_saying_the_medicine_does_not_cure_what_the_lexicon_lacks_answers_no(
    leaflet_service: AnswerService,
) -> None:
    """ "herpes" is no lexicon condition; the question's own word in the page's "does not cure herpes" decides."""
    answer = leaflet_service.ask("will acyclovir get rid of herpes for good if i take the whole bottle")
    assert answer.verdict == "no" and answer.recommendation == "no_clear_benefit"
    assert "acyclovir-leaflet" in _cited(answer)


def test_the_page_on_the_medicine_with_alcohol_answers_however_the_ranker_places_it(
    leaflet_service: AnswerService,
) -> None:
    """ "Do not drink alcohol while taking alprazolam" names neither "xanax" nor "beers"; it still answers."""
    answer = leaflet_service.ask("xanax and a couple beers ok?")
    assert answer.verdict == "no" and "alp-alcohol" in _cited(answer)


def test_two_medicines_named_in_the_background_and_asked_about_both() -> None:
    """ "the urgent care gave me clarithromycin for a sinus infection": what it was given for is background, not a
    setting a page must name; "ok to take both??" asks about the pair (lovastatin is a statin)."""
    from clinevidence.answer.question import mention_span
    from clinevidence.answer.service import _indication

    text = (
        "on lovastatin for my cholesterol and the urgent care gave me clarithromycin for a sinus infection. Ok to "
        "take both??"
    )
    a = analyze(text)
    assert a.topic == "Statin with macrolide"
    sinus = next(c for c in a.concepts if c.kind == "condition" and mention_span(a.told, c))
    assert _indication(a.told, sinus)


def test_a_faq_s_hedged_answer_to_its_own_question_is_maybe() -> None:
    """ "It might." answers the page's "Will alcohol hit me harder ...?"; the reader's "ok" is the judgement asked
    for, not a word the page's heading must share."""
    from clinevidence.answer.verdict import summary_answer

    sentences = [
        "Will alcohol hit me harder while I am on my stop-smoking tablets?",
        "It might.",
        "Some people taking varenicline feel drunk sooner than usual.",
    ]
    assert summary_answer("is it ok to drink on chantix", "Chantix and alcohol", sentences) == ("maybe", "It might.")


def test_a_page_allowing_the_two_together_beside_a_warning_about_others_answers_yes(
    leaflet_service: AnswerService,
) -> None:
    """The meloxicam page warns about other NSAIDs and says acetaminophen "can usually be taken alongside"."""
    answer = leaflet_service.ask("can i take tylenol with mobic")
    assert answer.verdict == "yes" and "melox-leaflet" in _cited(answer)
    assert answer.receipt.details["verdict_method"] == "fine together"


def test_how_a_tablet_may_be_taken_is_the_same_advice_for_a_child(leaflet_service: AnswerService) -> None:
    """ "can i crush them" asks whether it is all right; "Do not chew, break or crush them" answers it without
    naming the child."""
    assert analyze("can you split metoprolol tablets").question_type == "safety"
    answer = leaflet_service.ask("my daughter is 9 and cant swallow her keppra pills, can i crush them into her yogurt")
    assert answer.verdict == "no" and "keppra-leaflet" in _cited(answer)
