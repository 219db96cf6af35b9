"""Names the library pairs ("Pregabalin (Lyrica)"), typos the index stemmer cuts short, and the intents of
consumer wording ("forgot my shot", "throw up"). The texts are short team-written test fixtures, not library content.
"""

from __future__ import annotations

import pytest

from clinevidence.answer.aliases import library_aliases
from clinevidence.answer.intent import intents
from clinevidence.answer.service import AnswerService
from clinevidence.answer.support import terms
from clinevidence.retrieval.spelling import correct_spelling
from tests.answer_support import cited, pages_service

PAGES = {
    "pgb-why": ("Pregabalin (Lyrica)", "Pregabalin is used to relieve nerve pain and to treat fibromyalgia."),
    "pgb-weight": (
        "Lyrica weight gain",
        "Weight gain and swelling of the hands or feet can happen with this medicine.",
    ),
    "pgb-drive": (
        "",
        "Can I drive while taking pregabalin? Pregabalin can cause dizziness and sleepiness. Do not drive or operate "
        "machinery until you know how it affects you.",
    ),
    "allo-rash": (
        "",
        "Allopurinol should be stopped at the first sign of a skin rash, because a rash may come before a severe "
        "allergic reaction.",
    ),
    "sema-missed": (
        "Missed semaglutide dose",
        "If a weekly semaglutide injection is missed, take the missed dose within 5 days; after that, skip it.",
    ),
    "sema-stomach": (
        "Semaglutide stomach side effects",
        "Nausea and vomiting are common when starting semaglutide. Eat smaller meals and stop eating when full.",
    ),
    "sertraline-page": (
        "LUSTRAL (sertraline hydrochloride)",
        "Lustral tablets are taken once a day. Sertraline can be taken with or without food.",
    ),
    "naproxen-pregnancy": (
        "",
        "Avoid naproxen and other NSAIDs from 20 weeks of pregnancy onward unless a doctor advises it.",
    ),
    "headache-page": ("Headache", "Most headaches are tension-type headaches and go away with rest."),
    "teclistamab": (
        "",
        "Teclistamab (BCMA x CD3 bispecific antibody) is given by injection under the skin for multiple myeloma.",
    ),
    "zorbair-label": (
        "ZORBAIR HFA (albuterol sulfate) inhalation aerosol",
        "Shake well before each spray. Prime the inhaler with four test sprays before first use.",
    ),
    "patch-dreams": (
        "Nicotine patch and vivid dreams",
        "Nicotine absorbed overnight can disturb sleep and cause vivid dreams. Taking the patch off at bedtime "
        "usually stops them.",
    ),
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> AnswerService:
    return pages_service(tmp_path_factory.mktemp("aliases"), PAGES)


def _cited(answer: object) -> set[str]:
    return set(cited(answer))


def test_a_brand_the_lexicon_lacks_is_found_by_the_name_the_library_pairs_it_with(service: AnswerService) -> None:
    (alias,) = library_aliases(service.library, "can i drive on lyrica")
    assert alias.name == "pregabalin" and alias.display == "lyrica" and alias.source == "library"
    answer = service.ask("can i drive on lyrica")
    assert str(answer.verdict) != "insufficient"
    assert "pgb-drive" in _cited(answer)  # the page that says "pregabalin" only


def test_the_library_adds_its_own_brand_names_to_a_lexicon_concept(service: AnswerService) -> None:
    """The lexicon knows sertraline but not "Lustral"; the library's page pairs them, so the lexicon's concept is
    widened (kept as the lexicon's, with its classes) rather than a second concept made."""
    from clinevidence.answer.question import analyze, find_concepts

    (widened,) = library_aliases(service.library, "can sertraline be taken with food")
    (lexicon,) = find_concepts("sertraline")
    assert widened.name == lexicon.name and widened.source == "lexicon" and "lustral" in widened.synonyms
    analysis = analyze("can sertraline be taken with food", extra=[widened])
    assert [c.name for c in analysis.concepts] == [lexicon.name] and "lustral" in analysis.concepts[0].synonyms


def test_a_form_code_between_the_name_and_its_bracket_still_pairs_them(service: AnswerService) -> None:
    """ "ZORBAIR HFA (albuterol sulfate)": the release or device code ("HFA", "XR", "24HR", "Pen") sits between
    the brand and its bracket; the brand is still a name of albuterol. (Zorbair is a made-up brand.)"""
    (alias,) = library_aliases(service.library, "how many test sprays for my zorbair")
    assert "zorbair" in alias.synonyms and alias.source == "library"
    assert "albuterol" in (alias.name, *alias.synonyms)


def test_a_bracket_that_describes_the_drug_is_not_another_name(service: AnswerService) -> None:
    assert library_aliases(service.library, "what is the mechanism of action of teclistamab") == []
    assert library_aliases(service.library, "can i take aspirin") == []  # an everyday word, no pairing looked up


def test_a_typo_the_index_stemmer_cuts_short_is_still_corrected(service: AnswerService) -> None:
    """ "allopurinal" is indexed as "allopurin", two edits from the term "allopurinol"; one edit as typed."""
    fixed, fixes = correct_spelling(service.library, "allopurinal rash what to do")
    assert fixes == {"allopurinal": "allopurinol"} and fixed.startswith("allopurinol")
    assert "allo-rash" in _cited(service.ask("allopurinal rash what to do"))


def test_a_drug_name_the_index_stems_like_its_typo_is_corrected_to_the_lexicon_name() -> None:
    """ "rosuvastatine" is indexed like "rosuvastatin", so the library sees no typo; the lexicon, whose synonyms are
    matched as written, does. A word near two names equally is left alone."""
    from clinevidence.retrieval.spelling import _lexicon_name

    assert _lexicon_name("rosuvastatine", 2) == "rosuvastatin"
    assert _lexicon_name("ciprofloxin", 2) == "ciprofloxacin"
    assert _lexicon_name("grapefruit", 2) is None
    assert _lexicon_name("myelopathy", 2) is None  # a real word near a condition's name ("myopathy"), no drug


def test_a_mid_length_drug_name_two_edits_off_is_corrected_only_when_no_other_name_is_near() -> None:
    """ "plaquinel" is two edits from "plaquenil" and three or more from every other name: corrected; within one
    edit's margin of another name, it is left alone."""
    from clinevidence.retrieval.spelling import _lexicon_name

    assert _lexicon_name("plaquinel", 1) is None  # one edit is the plain limit for a word this short
    assert _lexicon_name("plaquinel", 2, margin=2) == "plaquenil"
    assert _lexicon_name("grapefruit", 2, margin=2) is None


def test_an_acronym_in_capitals_is_no_typo_of_a_drug_name(service: AnswerService) -> None:
    assert "protac" not in correct_spelling(service.library, "What is a PROTAC?")[1]  # not "Prozac"


def test_the_corrected_drug_name_finds_its_concept(service: AnswerService) -> None:
    fixed, fixes = correct_spelling(service.library, "can i take sertralline with food")
    assert fixes == {"sertralline": "sertraline"}
    from clinevidence.answer.question import find_concepts

    assert [c.name for c in find_concepts(fixed)] == [c.name for c in find_concepts("sertraline")]


@pytest.mark.parametrize(
    ("question", "said", "page_words"),
    [
        ("forgot my ozempic shot 3 days ago", "forgot", "missed dose"),
        ("wegovy is making me throw up", "throw", "vomiting"),
        ("how to come off pregabalin", "come off", "stopping"),
        ("can i drive on it", "drive", "driving"),
        ("why is pregabalin prescribed", "prescribed", "treat"),
        ("how long does prozac stay in your system", "stay system", "remain body"),
        ("best time of day to take lasix", "time day", "morning evening"),
    ],
)
def test_consumer_wording_names_the_words_a_page_uses(question: str, said: str, page_words: str) -> None:
    found = intents(question)
    assert any(terms(said) <= s and terms(page_words) <= w for s, w in found)


def test_sex_drive_is_no_question_about_driving() -> None:
    assert not any("driv" in " ".join(w) for _, w in intents("finasteride is killing my sex drive"))


def test_a_sentence_of_the_page_titled_with_the_drug_is_read_as_about_it(service: AnswerService) -> None:
    """ "Nicotine absorbed overnight can disturb sleep" names no nicotine product, but stands on the first-ranked
    page whose title names the patch asked about; a message ending in "what can I do" gets no yes/no label."""
    answer = service.ask("since i started the nicotine patch im having crazy dreams every night, what can i do")
    assert str(answer.verdict) != "insufficient"
    assert "patch-dreams" in _cited(answer)
    assert str(answer.recommendation) == "informational" and "Effective" not in answer.title


def test_what_the_wording_wraps_is_no_intent_word() -> None:
    """ "what is amlodipine used for": the drug's name must not be covered by a page that only says "used"."""
    (found,) = intents("what is amlodipine used for")
    assert "amlodipin" not in " ".join(found[0])


def test_intents_cover_the_question_words_they_stand_for(service: AnswerService) -> None:
    answer = service.ask("forgot my semaglutide shot 3 days ago can i still take it")
    assert str(answer.verdict) != "insufficient"
    assert _cited(answer) == {"sema-missed"}
    assert intents("does semaglutide cause low magnesium") == []


def test_what_a_medicine_is_taken_for_is_no_setting_a_sentence_must_name(service: AnswerService) -> None:
    """The pair rule asks for pregnancy with naproxen in one sentence, not for the headache it would be taken for."""
    from clinevidence.answer.question import find_concepts
    from clinevidence.answer.service import _indication

    answer = service.ask("im 24 weeks pregnant can i take naproxen for a headache")
    assert str(answer.verdict) != "insufficient"
    assert "naproxen-pregnancy" in _cited(answer)
    (headache,) = [c for c in find_concepts("headache") if c.kind == "condition"]
    assert _indication("can i take naproxen for a headache", headache)
    assert not _indication("is naproxen effective for a headache", headache)  # what it is for is the question
    assert not _indication("can i take naproxen if i have a headache", headache)
    # Someone already on it for something tells what it is for, whatever the question asks.
    assert _indication("on naproxen for a headache and my stomach hurts, is that the med", headache)
    assert not _indication("is naproxen on its own enough for a headache", headache)
