"""Answers that answer the question: relevance metrics that can fail, on-frame evidence, typos, abstention."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest

from clinevidence.answer.models import Answer, Receipt, Reference, Section, Statement, Verdict
from clinevidence.answer.service import AnswerService
from clinevidence.answer.support import stem
from clinevidence.eval.answers import eval_answers
from clinevidence.library import Library
from clinevidence.retrieval.rerank import Reranker, RerankModel
from clinevidence.retrieval.search import Retriever
from clinevidence.settings import Settings
from tests.answer_support import pages_library

# -- eval answers: statement precision can fail --------------------------------------------------------------


def _answer(verdict: str, summary_docs: list[str], section_docs: list[str]) -> Answer:
    docs = list(dict.fromkeys(summary_docs + section_docs))
    refs = [Reference(n=i + 1, doc_id=d, type="research", type_label="Research", title=d) for i, d in enumerate(docs)]
    num = {d: i + 1 for i, d in enumerate(docs)}

    def st(d: str) -> Statement:
        return Statement(text=f"About {d}.", citations=[num[d]], supported=True)

    return Answer(
        question="q",
        title="t",
        verdict=Verdict(verdict),
        verdict_label="x",
        summary=[st(d) for d in summary_docs],
        sections=[Section(heading="Key Evidence", statements=[st(d) for d in section_docs])] if section_docs else [],
        references=refs,
        receipt=Receipt(engine="stub", engine_version="0", config_hash="0", library_snapshot="0", created_at="now"),
    )


class StubService:
    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers

    def ask(self, question: str, *args: object, **kwargs: object) -> Answer:
        return self.answers[question]


def _write(tmp: Path, queries: list[dict], qrels: list[tuple[str, str, int]] | None) -> tuple[Path, Path | None]:
    qp = tmp / "queries.jsonl"
    qp.write_text("".join(json.dumps(q) + "\n" for q in queries), encoding="utf-8")
    if qrels is None:
        return qp, None
    rp = tmp / "qrels.tsv"
    rp.write_text("query-id\tcorpus-id\tscore\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in qrels), encoding="utf-8")
    return qp, rp


def test_statement_and_bottom_line_precision_count_only_relevant_citations(tmp_path: Path) -> None:
    queries = [
        {"_id": "q1", "text": "Q1", "metadata": {"answer": "yes"}},
        {"_id": "q2", "text": "Q2", "metadata": {"answer": "no"}},
    ]
    qp, rp = _write(tmp_path, queries, [("q1", "d1", 1), ("q2", "d3", 1)])
    service = StubService(
        {
            "Q1": _answer("yes", ["d1"], ["d1", "d2"]),  # 2 of 3 statements cite a relevant document
            "Q2": _answer("yes", ["d4"], ["d3"]),  # off-topic bottom line, relevant section; verdict wrong
        }
    )
    out = StringIO()
    res = eval_answers(service, qp, rp, answers_out=out)  # type: ignore[arg-type]
    assert res["statement_precision"] == pytest.approx(3 / 5)
    assert res["bottom_line_precision"] == pytest.approx(1 / 2)
    assert res["gold_cited_rate"] == 1.0
    assert res["verdict_accuracy"] == 0.5
    assert res["verdict_per_class"]["yes"]["precision"] == 0.5
    assert res["verdict_recall_no"] == 0.0
    assert res["verdict_precision_maybe"] is None  # never predicted, never gold: no denominator
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["query_id"] for x in lines] == ["q1", "q2"] and lines[0]["verdict"] == "yes"


def test_metrics_without_labels_are_null(tmp_path: Path) -> None:
    qp, _ = _write(tmp_path, [{"_id": "q1", "text": "Q1"}], None)
    res = eval_answers(StubService({"Q1": _answer("yes", ["d1"], [])}), qp, None)  # type: ignore[arg-type]
    for key in ("verdict_accuracy", "verdict_macro_f1", "gold_cited_rate", "statement_precision",
                "bottom_line_precision", "verdict_per_class", "verdict_precision_yes"):  # fmt: skip
        assert res[key] is None, key
    assert json.loads(json.dumps(res))["statement_precision"] is None


# -- the answer engine on the starter library ------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(starter_library: Library) -> AnswerService:
    return AnswerService(starter_library, Settings())


def test_combination_answer_has_no_off_frame_filler(service: AnswerService) -> None:
    a = service.ask("Is warfarin safe with ibuprofen?")
    assert a.recommendation == "not_recommended"
    for st in a.all_statements():
        low = st.text.lower()
        assert "warfarin" in low or "nsaid" in low or "ibuprofen" in low, st.text  # no DOAC-in-AF filler


def test_seed_article_is_shaped_like_the_seed(service: AnswerService) -> None:
    a = service.ask("Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancer?")
    headings = [s.heading for s in a.sections]
    assert "T-DM1 Treatment Context" in headings
    assert any(h.startswith("Why Tamoxifen") for h in headings)
    assert any("tamoxifen" in s.text.lower() and "not recommended" in s.text.lower() for s in a.summary)


def test_typos_are_searched_as_library_words(service: AnswerService) -> None:
    a = service.ask("Can I take sildenafl with nitrates?")
    assert a.verdict != Verdict.insufficient
    assert a.recommendation == "contraindicated"
    assert a.receipt.details["spelling"] == {"sildenafl": "sildenafil"}
    assert "sildenafil" in a.notice and a.question == "Can I take sildenafl with nitrates?"


def test_ordinary_words_the_library_lacks_are_not_corrected(service: AnswerService) -> None:
    a = service.ask("Which company makes paracetamol?")
    assert "spelling" not in a.receipt.details


def test_uncovered_question_abstains_with_a_way_forward(service: AnswerService) -> None:
    a = service.ask("What is the IVIG dose in Kawasaki disease?")
    assert a.verdict == Verdict.insufficient and a.recommendation == "insufficient"
    assert not a.all_statements() and not a.references
    assert "Closest topics the library covers" in a.notice
    assert "IVIG dose in Kawasaki disease" in a.title
    for fq in a.follow_ups:
        assert service.answerable(fq)


def test_follow_ups_are_answerable_and_on_frame(service: AnswerService) -> None:
    a = service.ask("Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancer?")
    assert a.follow_ups
    for fq in a.follow_ups:
        b = service.ask(fq)
        assert b.verdict != Verdict.insufficient, fq
        assert b.all_statements(), fq


def test_adjuvant_question_is_not_answered_with_the_metastatic_rule(service: AnswerService) -> None:
    a = service.ask("Can endocrine therapy be given with adjuvant T-DM1?")
    assert a.recommendation == "recommended"
    assert "(adjuvant)" in a.title
    assert a.summary and all("adjuvant" in s.text.lower() or "early" in s.text.lower() for s in a.summary)


# -- retrieval: expansion only adds, the re-ranker re-orders -------------------------------------------------------


def test_synonym_expansion_never_pushes_out_the_plain_top_document(starter_library: Library) -> None:
    r = Retriever(starter_library)
    plain = "warfarin with ibuprofen"
    expanded = plain + " coumadin jantoven marevan vitamin k antagonist vka advil aleve celebrex celecoxib diclofenac"
    top_plain = r.documents(plain, 5)[0].doc.id
    merged = r.candidates(expanded, 5, plain=plain)
    assert merged[0].doc.id == top_plain
    assert len({m.doc.id for m in merged}) == len(merged)


def test_reranker_orders_by_learnt_relevance(starter_library: Library) -> None:
    r = Retriever(starter_library)
    pool = r.documents("aspirin primary prevention older adults", 5)
    prefer_last = RerankModel(weights={"inv_rank": -10.0}, bias=0.0)  # a model that prefers low BM25 ranks
    out = Reranker(prefer_last).rerank("aspirin primary prevention older adults", pool)
    assert out[0].doc.id == pool[-1].doc.id and [x.rank for x in out] == list(range(1, len(pool) + 1))
    assert all(0.0 <= x.relevance <= 1.0 for x in out)


def test_reranker_orders_documents_that_share_a_title_by_intent(starter_library: Library) -> None:
    """Pages of one topic (its overview, its symptoms page) share a title; the features cannot tell them apart, so
    the learnt question-word -> opening-word associations order them. Documents with another title keep their place."""
    import dataclasses

    from clinevidence.models import Section as DocSection
    from clinevidence.retrieval.search import RankedDocument

    base = Retriever(starter_library).documents("aspirin primary prevention", 3)
    assert len(base) == 3

    def page(rd: RankedDocument, title: str, text: str, doc_id: str) -> RankedDocument:
        doc = dataclasses.replace(rd.doc, id=doc_id, title=title, sections=[DocSection(label="", text=text)])
        return dataclasses.replace(rd, doc=doc)

    overview = page(base[0], "Glaucoma", "Glaucoma is a group of eye diseases that damage the optic nerve.", "g-1")
    signs = page(base[1], "Glaucoma", "Signs of glaucoma include loss of side vision and eye pain.", "g-2")
    other = page(base[2], "Cataract", "A cataract is a clouding of the lens of the eye.", "c-1")
    model = RerankModel(weights={"inv_rank": 4.0}, bias=-2.0, assoc={"symptom": {"sign": 2.0}})
    pool = [dataclasses.replace(x, rank=i + 1) for i, x in enumerate([overview, other, signs])]
    out = Reranker(model).rerank("What are the symptoms of glaucoma?", pool)
    assert [x.doc.id for x in out] == ["g-2", "c-1", "g-1"]  # the siblings swap; the other title keeps its slot
    assert out[0].relevance > out[1].relevance > out[2].relevance  # each position keeps its probability
    plain = Reranker(dataclasses.replace(model, assoc={})).rerank("What are the symptoms of glaucoma?", pool)
    assert [x.doc.id for x in plain] == ["g-1", "c-1", "g-2"]


# Questions nothing in the starter library covers: a confident article built from unrelated documents would be
# worse than none.
MUST_ABSTAIN = [
    "What is the IVIG dose in Kawasaki disease?",
    "What are the isotretinoin pregnancy rules?",
    "How should lithium be dosed in renal failure?",
    "Is ivermectin effective for COVID-19?",
    "Should children with croup get dexamethasone?",
    "What is the dose of vancomycin for MRSA bacteremia?",
    "Can levothyroxine be taken with calcium supplements?",
    "Is rituximab effective for pemphigus?",
    "Should tranexamic acid be given in major trauma?",
    "Is finasteride safe for hair loss in women?",
    "Can clozapine be combined with carbamazepine?",
    "Is honey effective for cough in children?",
    "What is the dose of colchicine for acute pericarditis?",  # a drug the library has, a condition it has not
    "Should hydroxychloroquine be continued in lupus nephritis?",
    "Is propranolol effective for infantile haemangioma?",
    "Does zinc shorten the duration of the common cold?",  # an intervention the library never mentions
    "Is ketamine effective for treatment-resistant depression?",
]


@pytest.mark.parametrize("question", MUST_ABSTAIN)
def test_uncovered_questions_abstain(service: AnswerService, question: str) -> None:
    a = service.ask(question)
    assert a.verdict == Verdict.insufficient, a.title
    assert not a.all_statements() and not a.references


@pytest.mark.parametrize(
    ("word", "is_drug"),
    [("levothyroxine", True), ("etanercept", True), ("quetiapine", True), ("albuterol", True), ("prednisone", True),
     ("cholesterol", False), ("concept", False), ("supine", False), ("undone", False), ("reason", False)],
)  # fmt: skip
def test_drug_name_stems(word: str, is_drug: bool) -> None:
    from clinevidence.text import DRUG_STEM

    assert bool(DRUG_STEM.fullmatch(word)) is is_drug


def test_unknown_ordinary_words_do_not_force_abstention(service: AnswerService) -> None:
    a = service.ask("Is it safe to take paracetamol if my cholesterol is high?")
    assert a.receipt.details.get("frame") is not None
    assert not any(w == "cholesterol" for w in service._unknown_drugs(a_analysis("cholesterol")))


def a_analysis(text: str):  # type: ignore[no-untyped-def]
    from clinevidence.answer.question import analyze

    return analyze(text)


def test_transposed_and_dropped_letters_are_corrected(service: AnswerService) -> None:
    from clinevidence.retrieval.spelling import correct_spelling

    fixed, fixes = correct_spelling(service.library, "Is inhaled corticosteroid treatment needed in ashtma?")
    assert fixes == {"ashtma": "asthma"} and "asthma" in fixed


def test_a_word_like_a_library_word_is_not_an_unknown_topic(service: AnswerService) -> None:
    index = service.library.doc_index
    assert not index.known("pericarditis") and not index.has_relative("pericarditis")
    assert index.has_relative("anticoagulated")  # shares "anticoagulation"'s first letters
    assert index.has_relative("overanticoagulation")  # holds a library word
    assert service._unknown_topics(a_analysis("Is warfarin safe in atrial fibrillation?")) == []


def test_who_told_the_asker_is_not_an_unknown_topic(service: AnswerService) -> None:
    """ "my rheum told me ..." names a care role, not a topic the library lacks."""
    from clinevidence.answer.question import is_everyday

    assert is_everyday("rheum") and is_everyday("endo")
    assert service._unknown_topics(a_analysis("My rheum said warfarin is safe in atrial fibrillation?")) == []


@pytest.mark.parametrize(
    "question",
    [
        "Are statins safe to take during pregnancy?",  # statin documents and pregnancy documents, none with both
        "Does tenecteplase improve survival in acute myocardial infarction?",  # tenecteplase only for stroke here
        "Is warfarin safe while breastfeeding?",
    ],
)
def test_a_drug_in_a_setting_no_document_names_it_in_abstains(service: AnswerService, question: str) -> None:
    a = service.ask(question)
    assert a.verdict == Verdict.insufficient, a.title
    assert not a.all_statements() and "Closest topics" in (a.notice or "")


def test_the_frame_check_needs_the_pair_in_one_document_and_only_what_is_asked(service: AnswerService) -> None:
    from clinevidence.retrieval.search import Evidence

    def unmet(question: str) -> list[str]:
        an = a_analysis(question)
        evidence: Evidence = service._evidence(an)[0]
        return service._unmet_frame(an, evidence)

    assert unmet("Are statins safe to take during pregnancy?") == ["statin", "pregnancy"]
    assert unmet("Is the live attenuated influenza vaccine contraindicated during pregnancy?") == []
    assert unmet("Is metformin contraindicated at eGFR 25?") == []  # no condition or population asked: no check
    # A condition the asker only mentions ("I have type 2 diabetes.") is background, not part of the frame.
    assert unmet("I have type 2 diabetes. Is it safe to take ibuprofen with warfarin?") == []
    a = service.ask("I have type 2 diabetes. Is it safe to take ibuprofen with warfarin?")
    assert a.verdict == Verdict.no


def test_a_document_that_may_not_address_the_question_gives_maybe(starter_library: Library) -> None:
    """Without a conclusion section written to answer a question, a best document the re-ranker doubts (relevance
    below VERDICT_MIN_RELEVANCE) is about the topic but may not address the question: the model's yes/no becomes
    maybe, and the receipt says why. A confident ranking keeps the model's answer."""
    import dataclasses

    from clinevidence.answer.extractive import VERDICT_MIN_RELEVANCE, ExtractiveEngine
    from clinevidence.models import DocType
    from clinevidence.models import Section as DocSection
    from clinevidence.retrieval.search import Evidence

    question = "Does aspirin reduce cardiovascular events in older adults?"
    analysis = a_analysis(question)
    found = Retriever(starter_library).evidence(question)
    text = "Aspirin significantly reduced cardiovascular events in older adults. Aspirin is effective and recommended."
    doc = dataclasses.replace(found.documents[0].doc, type=DocType.research, sections=[DocSection(label="", text=text)])
    engine = ExtractiveEngine()

    def decide(relevance: float) -> tuple[str, dict]:
        top = dataclasses.replace(found.documents[0], doc=doc, relevance=relevance)
        ev = Evidence(documents=[top], passages=[])
        verdict, details = engine.decide(analysis, ev, [])
        return str(verdict), details

    confident, details = decide(0.9)
    assert confident != "maybe" and details["verdict_method"] == "model"
    doubted, details = decide(VERDICT_MIN_RELEVANCE / 2)
    assert doubted == "maybe"
    assert "may not address the question" in details["verdict_cues"][0]


def _decide_on_text(library: Library, question: str, text: str, relevance: float = 0.9) -> tuple[str, dict]:
    """The extractive verdict for ``question`` when its top document (a research document) has only ``text``."""
    import dataclasses

    from clinevidence.answer.extractive import ExtractiveEngine
    from clinevidence.models import DocType
    from clinevidence.models import Section as DocSection
    from clinevidence.retrieval.search import Evidence

    found = Retriever(library).evidence(question)
    doc = dataclasses.replace(found.documents[0].doc, type=DocType.research, sections=[DocSection(label="", text=text)])
    top = dataclasses.replace(found.documents[0], doc=doc, relevance=relevance)
    verdict, details = ExtractiveEngine().decide(a_analysis(question), Evidence(documents=[top], passages=[]), [])
    return str(verdict), details


def test_a_summary_that_declares_the_evidence_lacking_gives_maybe(starter_library: Library) -> None:
    """A summary of others' evidence (a fact sheet, a review for the public) that says the evidence on the question is
    lacking answers "maybe", wherever in the text it says so. A research abstract using the same words to motivate
    its own study, or a summary about something else, keeps the model's answer."""
    question = "Does aspirin reduce cardiovascular events in older adults?"

    def decide(text: str) -> tuple[str, dict]:
        return _decide_on_text(starter_library, question, text)

    lacking = "There are no meaningful studies on whether aspirin lowers cardiovascular events in older adults."
    effect = "Aspirin significantly reduced cardiovascular events in older adults. Aspirin is effective."
    verdict, details = decide(f"{lacking} Many older adults take aspirin. {effect}")
    assert verdict == "maybe"
    assert "declares the evidence lacking" in details["verdict_cues"][0]
    own_study, _ = decide(f"{lacking} We randomised 400 older adults to aspirin or placebo. {effect}")
    assert own_study != "maybe"
    elsewhere, _ = decide(f"There are no meaningful studies on statins in children. {effect}")
    assert elsewhere != "maybe"


def _beir_library(tmp_path: Path, texts: dict[str, str]) -> Library:
    return pages_library(tmp_path, {k: ("", v) for k, v in texts.items()})


def test_a_name_says_what_the_question_is_about_on_its_own(starter_library: Library) -> None:
    """A drug, gene or brand name (a word everyday English does not use) found in a document makes the document
    about the question even when the question's framing words ("first indication") are not in it and weigh more in
    the library than the name (weights as in the BioASQ library). A name the document lacks still counts nothing."""
    import dataclasses

    from clinevidence.answer.extractive import ExtractiveEngine
    from clinevidence.models import Section as DocSection
    from clinevidence.retrieval.search import Evidence

    found = Retriever(starter_library).evidence("aspirin")
    text = "Lurasidone is an atypical antipsychotic drug that was initially developed for schizophrenia."
    doc = dataclasses.replace(
        found.documents[0].doc, id="lurasidone-page", title="", mesh=[], sections=[DocSection(label="", text=text)]
    )
    evidence = Evidence(documents=[dataclasses.replace(found.documents[0], doc=doc)], passages=[])
    engine = ExtractiveEngine()

    def coverage(question: str) -> float:
        analysis = a_analysis(question)
        weights = {"first": 3.3, "indication": 4.1, "lurasidone": 5.5, "brexpiprazole": 7.5}
        analysis.term_weights = {stem(w): v for w, v in weights.items()}
        return engine.coverage(analysis, evidence)

    assert coverage("What is the first indication for lurasidone?") >= engine.min_coverage
    assert coverage("What is the first indication for brexpiprazole?") == 0.0


def test_documents_with_the_questions_name_go_first(tmp_path: Path) -> None:
    """When the first document lacks the name the question asks about (a new drug, a gene), a document that has it
    goes first, unless the re-ranker judges it far less likely to answer (then the shared "name" is more likely a
    typo or a passing mention). Off when the caller expanded the question with a lexicon's synonyms."""
    lib = _beir_library(tmp_path, {
        "d1": "Teclistamab is a bispecific antibody that binds BCMA on myeloma cells and CD3 on T cells.",
        "d2": "The mechanism of action of bispecific antibodies in myeloma is the engagement of T cells.",
        "d3": "Daratumumab targets CD38 in multiple myeloma.",
        "d4": "Metformin is used in type 2 diabetes.",
    })  # fmt: skip
    question = "What is the mechanism of action of teclistamab in myeloma?"
    pool = Retriever(lib).candidates(question, 16, None)
    assert pool[0].doc.id == "d2"  # BM25 prefers the document with the framing words
    close = Reranker(RerankModel(weights={"bm25_ratio": 1.0}, bias=0.0))  # relevance follows BM25, gently
    assert close.rerank(question, pool)[0].doc.id == "d1"
    assert close.rerank(question, pool, names=False)[0].doc.id == "d2"
    steep = Reranker(RerankModel(weights={"bm25_ratio": 12.0}, bias=-9.0))  # the named document far less likely
    assert steep.rerank(question, pool)[0].doc.id == "d2"


def test_beyond_the_top_document_a_sentence_must_name_the_questions_name(tmp_path: Path) -> None:
    """A sentence from another document that names none of the question's names (a new drug, a gene) is about
    something else, even when it shares the framing words; the top document's sentences may abbreviate the name
    after first use ("pyridostatin (PDS) ... PDS reduces ...") and are not held to it."""
    from clinevidence.answer.extractive import ExtractiveEngine

    lib = _beir_library(tmp_path, {
        "d1": "Teclistamab is a bispecific antibody against BCMA in myeloma. The drug engages T cells against myeloma "
              "cells in most patients.",
        "d2": "The mechanism of action of bispecific antibodies in myeloma is the engagement of T cells.",
        "d3": "Metformin is used in type 2 diabetes.",
    })  # fmt: skip
    question = "What is the mechanism of action of teclistamab in myeloma?"
    evidence = Retriever(lib).evidence(question)
    engine = ExtractiveEngine()
    engine._relevant_docs = lambda analysis, ev: ({rd.doc.id for rd in ev.documents}, set())  # type: ignore[method-assign]
    cands = engine.candidates(a_analysis(question), evidence)
    assert evidence.documents[0].doc.id == "d2"  # the framing words win the ranking here
    from_d1 = [c.text for c in cands if c.rp.doc.id == "d1"]
    assert from_d1 == ["Teclistamab is a bispecific antibody against BCMA in myeloma."]
    assert any(c.rp.doc.id == "d2" for c in cands)  # the top document is not held to the name


def test_follow_ups_without_lexicon_concepts_stay_on_the_questions_topic(tmp_path: Path) -> None:
    """With no lexicon concept to anchor them, follow-ups come only from neighbours whose title carries the
    question's topic words (weighed by rarity): a title sharing an everyday word ("adaptation") is not offered."""
    from clinevidence.answer.extractive import follow_ups

    lib = Library(tmp_path / "lib")
    from clinevidence.ingest.pipeline import ingest

    rows = [
        ("g1", "Glycan adaptation in influenza", "Glycan adaptation of haemagglutinin: insertion and deletion."),
        ("g2", "Glycan shields of viral envelope proteins", "Glycan shields evolve by insertion-deletion events."),
        ("g3", "Cardiorespiratory adaptation during sleep", "Adaptation during sleep involves deletion of events."),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in rows))
    ingest(lib, [path])
    question = "Does glycan adaptation involve insertion-deletion events?"
    analysis = a_analysis(question)
    suggested = follow_ups(analysis, Retriever(lib).evidence(question), used={"g1"})
    assert any("Glycan shields" in q for q in suggested)
    assert not any("Cardiorespiratory" in q for q in suggested)


def test_a_document_reporting_the_opposite_direction_answers_no(starter_library: Library) -> None:
    """ "Does X increase Y?" over a research document whose closest sentence says X lowered Y is a "no", with the
    sentence in the receipt, even where the conclusion model reads the shared words as agreement; a document
    reporting the direction asked keeps the model's answer."""
    question = "Does aspirin increase cardiovascular events in older adults?"

    def decide(text: str) -> tuple[str, dict]:
        return _decide_on_text(starter_library, question, text)

    verdict, details = decide("Aspirin significantly reduced cardiovascular events in older adults.")
    assert verdict == "no"
    assert "opposite direction" in details["verdict_cues"][0]
    kept, details = decide("Aspirin significantly increased cardiovascular events in older adults.")
    assert kept == "yes" and "opposite direction" not in " ".join(details["verdict_cues"])


def test_a_sibling_page_opening_with_the_questions_intent_goes_first(starter_library: Library) -> None:
    """Pages that open with the question they answer ("What are the signs and symptoms of X?") are ordered by how
    many of the question's intent words that opening question has, beyond what the learnt associations know."""
    import dataclasses

    from clinevidence.models import Section as DocSection
    from clinevidence.retrieval.search import RankedDocument

    base = Retriever(starter_library).documents("aspirin primary prevention", 2)

    def page(rd: RankedDocument, text: str, doc_id: str) -> RankedDocument:
        doc = dataclasses.replace(rd.doc, id=doc_id, title="Arts syndrome", sections=[DocSection(label="", text=text)])
        return dataclasses.replace(rd, doc=doc)

    causes = page(base[0], "What causes Arts syndrome? Arts syndrome is caused by mutations in the PRPS1 gene.", "a-1")
    signs = page(base[1], "What are the signs and symptoms of Arts syndrome? Boys have hearing loss.", "a-2")
    model = RerankModel(weights={"inv_rank": 4.0}, bias=-2.0, assoc={"unrelated": {"word": 1.0}})
    pool = [dataclasses.replace(x, rank=i + 1) for i, x in enumerate([causes, signs])]
    assert [x.doc.id for x in Reranker(model).rerank("What are the symptoms of Arts syndrome?", pool)] == ["a-2", "a-1"]
    assert [x.doc.id for x in Reranker(model).rerank("What causes Arts syndrome?", pool)] == ["a-1", "a-2"]


def test_pages_sharing_the_top_documents_title_are_quoted_only_on_the_questions_facet(tmp_path: Path) -> None:
    """A fact sheet split into pages with one title (symptoms, treatment) answers one question per page: beyond the
    page ranked first, a sibling page's sentence is quoted only when it carries the question's own words beyond the
    title ("symptoms"); a page with another title is not held to this."""
    from clinevidence.answer.extractive import ExtractiveEngine
    from clinevidence.ingest.pipeline import ingest

    rows = [
        ("s", "Anal Cancer", "Symptoms of anal cancer include bleeding from the anus and a lump near the anus."),
        ("t", "Anal Cancer", "Treatment of anal cancer includes chemoradiation and surgery. "
                             "Pain and other symptoms are treated with medicines."),
        ("o", "Anal fissure", "Symptoms of an anal fissure include bleeding from the anus and pain near the anus."),
    ]  # fmt: skip
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in rows))
    lib = Library(tmp_path / "lib")
    ingest(lib, [path])
    question = "What are the symptoms of anal cancer?"
    evidence = Retriever(lib).evidence(question)
    assert evidence.documents[0].doc.id == "s"
    engine = ExtractiveEngine()
    engine._relevant_docs = lambda analysis, ev: ({rd.doc.id for rd in ev.documents}, set())  # type: ignore[method-assign]
    from_t = [c.text for c in engine.candidates(a_analysis(question), evidence) if c.rp.doc.id == "t"]
    assert from_t == ["Pain and other symptoms are treated with medicines."]


def test_the_top_document_always_has_passages_in_the_evidence(tmp_path: Path) -> None:
    """Long neighbours that repeat the question's words can take every passage slot (simulated: the passage search
    over all ranked documents returns only neighbours); the document ranked first still contributes its passages."""
    texts = {f"n{i}": f"Treatment of melanoma number {i}: surgery and drugs for melanoma." for i in range(4)}
    texts["top"] = "Melanoma treatment is surgery."
    lib = _beir_library(tmp_path, texts)
    retriever = Retriever(lib)
    first = retriever.evidence("melanoma treatment").documents[0].doc.id
    real = lib.passage_index.search

    def crowded(query: str, k: int, doc_ids: list[str] | None = None):  # type: ignore[no-untyped-def]
        hits = real(query, k, doc_ids=doc_ids)
        return hits if doc_ids == [first] else [h for h in hits if h.doc_id != first]

    lib.passage_index.search = crowded  # type: ignore[method-assign]
    evidence = retriever.evidence("melanoma treatment")
    assert evidence.documents[0].doc.id == first
    assert any(p.doc.id == first for p in evidence.passages)


def test_a_known_name_answers_whatever_the_disease_is_called(tmp_path: Path) -> None:
    """An unseen qualifier of a disease ("colon" where the library says "colorectal") does not force abstention
    when the question's own names (a gene, a new drug) are in the library; nor is a question word ("what disease")
    a qualifier. Without a name, the unseen qualifier still abstains."""
    from clinevidence.settings import load_settings

    lib = _beir_library(tmp_path, {
        "d1": "SRSF11 promotes metastasis of colorectal cancer by alternative splicing of HIPK2 in tumour cells.",
        "d2": "Glofitamab is a bispecific antibody used to treat relapsed diffuse large B-cell lymphoma in adults.",
        "d3": "Aspirin is used for pain and fever in adults.",
    })  # fmt: skip
    svc = AnswerService(lib, load_settings())
    assert svc.ask("How does SRSF11 promote metastasis of colon cancer?").verdict is not Verdict.insufficient
    assert svc.ask("What disease can be treated with glofitamab?").verdict is not Verdict.insufficient
    assert svc.ask("Does aspirin prevent colon cancer?").verdict is Verdict.insufficient


def test_everyday_words_no_document_uses_weigh_like_common_words(tmp_path: Path) -> None:
    """An everyday word the library never uses ("company") cannot be matched and would block coverage at the
    weight of an unknown drug name; it weighs like a common word. A rare word no document uses keeps its weight."""
    from clinevidence.answer.service import EVERYDAY_WEIGHT, analyze
    from clinevidence.settings import load_settings

    texts = {f"f{i}": f"Metformin dose {i} is used in type 2 diabetes." for i in range(30)}
    texts["d1"] = "Aspirin reduces cardiovascular events in adults at high risk."
    svc = AnswerService(_beir_library(tmp_path, texts), load_settings())
    weights = svc._term_weights(analyze("Which company makes aspirin, and is zorblatinib similar?"))
    assert weights[stem("company")] <= EVERYDAY_WEIGHT
    assert weights[next(k for k in weights if k.startswith("zorblatinib"))] > 2 * EVERYDAY_WEIGHT


def test_a_letter_dropped_early_and_typos_inside_hyphenated_words_are_corrected(tmp_path: Path) -> None:
    """ "dagnose" (the second letter dropped: no library word shares its first three letters) and the parts of a
    hyphenated word ("Non-Hodgkn") are searched as the library's words."""
    from clinevidence.retrieval.spelling import correct_spelling

    lib = _beir_library(tmp_path, {
        "d1": "Doctors diagnose non-Hodgkin lymphoma with a lymph node biopsy.",
        "d2": "Hodgkin lymphoma is diagnosed by biopsy; staging uses PET-CT.",
    })  # fmt: skip
    fixed, fixes = correct_spelling(lib, "How do doctors dagnose Non-Hodgkn lymphoma?")
    assert fixes == {"dagnose": "diagnose", "hodgkn": "hodgkin"}
    assert fixed == "How do doctors diagnose Non-hodgkin lymphoma?"


def test_a_typo_the_stemmer_cuts_differently_is_corrected(tmp_path: Path) -> None:
    """ "laryngeal" is indexed as "laryng" but "larngeal" stays whole, so their stems are far apart; a term within an
    edit of a prefix of the typo is taken when its surface word is within an edit of what was typed. An unknown word
    that is a real English word ("pericarditis", next to "pericardial" in the library) is left alone."""
    from clinevidence.retrieval.spelling import correct_spelling

    lib = _beir_library(tmp_path, {
        "d1": "Laryngeal cancer forms in the tissues of the larynx; hoarseness is a common sign.",
        "d2": "A pericardial effusion is fluid around the heart.",
    })  # fmt: skip
    fixed, fixes = correct_spelling(lib, "What are the signs of larngeal cancer?")
    assert fixes == {"larngeal": "laryngeal"} and fixed == "What are the signs of laryngeal cancer?"
    assert correct_spelling(lib, "Is pericarditis painful?") == ("Is pericarditis painful?", {})


def test_a_typo_of_a_word_the_stemmer_cuts_short_is_corrected(tmp_path: Path) -> None:
    """ "eradication" is indexed as "erad", four letters: the typo "eradicaton" is still corrected to it."""
    from clinevidence.retrieval.spelling import correct_spelling

    lib = _beir_library(tmp_path, {"d1": "A urea breath test confirms eradication of H. pylori after treatment."})
    fixed, fixes = correct_spelling(lib, "Can serology confirm eradicaton?")
    assert fixes == {"eradicaton": "eradication"} and fixed == "Can serology confirm eradication?"


def test_nearly_as_relevant_abstracts_join_the_verdict(starter_library: Library) -> None:
    """Several unstructured abstracts answer a biomedical yes/no question together: two nearly as relevant as the
    first, both finding the effect, outweigh the first one's negative reading; far less relevant ones do not."""
    import dataclasses

    from clinevidence.answer.extractive import AGGREGATE_RELEVANCE, ExtractiveEngine
    from clinevidence.models import DocType
    from clinevidence.models import Section as DocSection
    from clinevidence.retrieval.search import Evidence

    question = "Does aspirin reduce cardiovascular events in older adults?"
    analysis = a_analysis(question)
    found = Retriever(starter_library).evidence(question)
    base = found.documents[0]
    texts = [  # abstracts of their own studies (a fixture, not evidence), so the trained model reads them
        "We studied older adults in a cohort. We found that aspirin did not reduce cardiovascular events.",
        "We studied older adults in a trial. We found that aspirin significantly reduced cardiovascular events.",
        "We analysed older adults in registries. We found that aspirin reduced the rate of cardiovascular events.",
    ]
    docs = [
        dataclasses.replace(
            base, doc=dataclasses.replace(base.doc, id=f"abs-{i}", type=DocType.research,
                                          sections=[DocSection(label="", text=t)]), relevance=0.8
        )
        for i, t in enumerate(texts)
    ]  # fmt: skip
    engine = ExtractiveEngine()
    alone, _ = engine.decide(analysis, Evidence(documents=docs[:1], passages=[]), [])
    together, details = engine.decide(analysis, Evidence(documents=docs, passages=[]), [])
    assert str(alone) == "no" and str(together) == "yes"
    assert "the next abstracts lean yes" in details["verdict_cues"][0]
    far = [docs[0]] + [dataclasses.replace(d, relevance=0.8 * AGGREGATE_RELEVANCE / 2) for d in docs[1:]]
    assert str(engine.decide(analysis, Evidence(documents=far, passages=[]), [])[0]) == "no"


def test_a_drug_the_lexicon_knows_but_the_library_never_names_is_not_answered_from_its_partner(
    tmp_path: Path,
) -> None:
    """ "Paxlovid" is in the lexicon (nirmatrelvir-ritonavir), so it is no unknown word; but no page names it by any
    of its names: the statin page alone does not answer whether to hold the statin with it."""
    from clinevidence.settings import load_settings

    texts = {
        f"s{i}": f"Atorvastatin {10 * i} mg lowers LDL cholesterol and cardiovascular events." for i in range(1, 6)
    }
    svc = AnswerService(_beir_library(tmp_path, texts), load_settings())
    answer = svc.ask("Pt on atorvastatin 40 mg has just been prescribed Paxlovid - should the atorvastatin be held?")
    assert str(answer.verdict) == "insufficient"
    assert answer.receipt.details["abstain_reason"]["reason"] == "drug the library has never seen"
