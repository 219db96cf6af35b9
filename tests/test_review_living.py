"""Living answers: new evidence flags approved articles, a re-run makes a revision that supersedes them;
and "reviewed answers first" finds an approved article for the same question or a close paraphrase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinevidence.answer.models import Audience
from clinevidence.answer.service import AnswerService
from clinevidence.cli import app as cli_app
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.review import audit
from clinevidence.review.errors import InvalidTransition
from clinevidence.review.living import find_approved_answer, flag_stale_articles, similarity
from clinevidence.review.revisions import start_revision
from clinevidence.review.service import ReviewService
from clinevidence.settings import Settings

from .review_support import QUESTION, make_article, member, sample_answer, web_library

RITA, ED = member("rita", "reviewer"), member("ed", "editor")

NEWER_GUIDELINE = {
    "_id": "web-g9",
    "title": "Tamoxifen with T-DM1 in HER2-positive breast cancer: 2026 guideline update",
    "text": "The 2026 update still does not recommend combining tamoxifen with T-DM1 (trastuzumab emtansine) in "
    "HER2-positive metastatic breast cancer outside a clinical trial.",
    "metadata": {"type": "guideline", "year": 2026, "source": "ClinEvidence test fixture"},
}
UNRELATED = {
    "_id": "web-x1",
    "title": "Acne vulgaris: topical retinoids",
    "text": "Topical retinoids reduce inflammatory acne lesions in adolescents.",
    "metadata": {"type": "systematic_review", "year": 2026, "source": "ClinEvidence test fixture"},
}


def add_docs(lib: Library, tmp_path: Path, *docs: dict[str, object]):  # type: ignore[no-untyped-def]
    path = tmp_path / f"extra-{len(list(tmp_path.iterdir()))}.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return ingest(lib, [path])


def approve(svc: ReviewService, aid: str) -> None:
    svc.act(aid, RITA, "claim", version=1)
    svc.act(aid, RITA, "approve", version=1)
    svc.act(aid, ED, "publish", version=1)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return web_library(tmp_path / "lib")


def test_newer_guideline_flags_the_approved_article(lib: Library, tmp_path: Path) -> None:
    svc = ReviewService(lib)
    aid, other = make_article(lib), make_article(lib)
    approve(svc, aid)  # `other` stays submitted: only approved articles are flagged
    counts = add_docs(lib, tmp_path, NEWER_GUIDELINE, UNRELATED)
    assert flag_stale_articles(lib, counts) == 1
    article = svc.get(aid)
    assert article.new_evidence == ("web-g9",) and "new_evidence" in article.record.flags
    assert svc.get(other).new_evidence == ()
    with lib.engine.connect() as conn:
        flagged = audit.list_events(conn, article_id=aid, action="flag_new_evidence")
        ingests = audit.list_events(conn, action="ingest")
    assert flagged[0].detail == {"documents": {"web-g9": "top_evidence"}}
    assert ingests[0].detail["added"] == 2
    assert [i.article.id for i in svc.queue(RITA, flagged=True)] == [aid]
    # Nothing new: no second flag, no second event.
    assert flag_stale_articles(lib, add_docs(lib, tmp_path, NEWER_GUIDELINE)) == 0
    assert flag_stale_articles(lib, ["web-g9"]) == 0


def test_unrelated_or_older_documents_do_not_flag(lib: Library, tmp_path: Path) -> None:
    svc = ReviewService(lib)
    aid = make_article(lib)
    counts = add_docs(lib, tmp_path, NEWER_GUIDELINE)  # ingested before the approval
    approve(svc, aid)
    assert flag_stale_articles(lib, counts) == 0
    assert flag_stale_articles(lib, add_docs(lib, tmp_path, UNRELATED)) == 0
    assert svc.get(aid).new_evidence == ()


def test_cli_ingest_flags_for_re_review(lib: Library, tmp_path: Path) -> None:
    svc = ReviewService(lib)
    aid = make_article(lib)
    approve(svc, aid)
    lib.close()
    corpus = tmp_path / "newer.jsonl"
    corpus.write_text(json.dumps(NEWER_GUIDELINE) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["--library", str(lib.path), "ingest", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "flagged for re-review" in result.output
    assert ReviewService(Library(lib.path)).get(aid).new_evidence == ("web-g9",)


def test_rerun_makes_a_revision_that_supersedes_on_publish(lib: Library, tmp_path: Path) -> None:
    svc = ReviewService(lib)
    answers = AnswerService(lib, Settings(library=lib.path))
    aid = make_article(lib)
    approve(svc, aid)
    add_docs(lib, tmp_path, NEWER_GUIDELINE)
    flag_stale_articles(lib, ["web-g9"])
    with pytest.raises(InvalidTransition):
        start_revision(svc, make_article(lib), ED, version=1, answers=answers)  # not approved
    revision = start_revision(svc, aid, RITA, version=1, answers=answers)
    assert (revision.status, revision.version, revision.supersedes) == ("submitted", 2, aid)
    assert [v.version for v in svc.versions(RITA, revision.id)] == [1, 2]
    assert "web-g9" in svc.diff(RITA, revision.id, 1, 2)  # the fresh answer cites the new guideline
    with pytest.raises(InvalidTransition, match="already in review"):
        start_revision(svc, aid, ED, version=1, answers=answers)
    svc.act(revision.id, RITA, "claim", version=2)
    svc.act(revision.id, RITA, "approve", version=2)
    assert svc.act(revision.id, ED, "publish", version=2).status == "approved"
    assert svc.get(aid).status == "superseded"
    found = find_approved_answer(lib.engine, QUESTION)
    assert found is not None and found.id == revision.id


@pytest.mark.parametrize(
    ("asked", "same"),
    [
        (QUESTION, True),
        ("is it SAFE to use tamoxifen with T-DM1 in HER2 positive breast cancer", True),
        ("In HER2-positive breast cancer, is tamoxifen with T-DM1 safe?", True),
        ("Is it safe to use tamoxifen with T-DM1 in HER2-positive breast cancers?", True),
        ("Is it safe to use pertuzumab with T-DM1 in HER2-positive breast cancer?", False),
        ("Does metformin reduce mortality in type 2 diabetes?", False),
        ("Is 10 mg of tamoxifen safe with T-DM1 in HER2-positive breast cancer?", False),
        # Paraphrases by question frame: the same concepts, direction and other words, however it is framed.
        ("Can tamoxifen be combined with trastuzumab emtansine in HER2-positive breast cancer?", True),
        ("Should patients with HER2-positive breast cancer take tamoxifen together with T-DM1?", True),
        # Another direction, population or intent is another question, however close the wording.
        ("Is it unsafe to use tamoxifen with T-DM1 in HER2-positive breast cancer?", False),
        ("Is it safe to use tamoxifen with T-DM1 in elderly HER2-positive breast cancer?", False),
        ("Is tamoxifen with T-DM1 effective in HER2-positive breast cancer?", False),
        ("Is it safe to use tamoxifen with T-DM1 in pregnancy?", False),
    ],
)
def test_paraphrase_similarity(asked: str, same: bool) -> None:
    assert (similarity(asked, QUESTION) >= 0.8) is same


def test_a_swapped_drug_or_dose_is_another_question() -> None:
    long = "Is it safe to use tamoxifen with T-DM1 in HER2-positive metastatic breast cancer after progression?"
    assert similarity(long, long.lower().rstrip("?")) == 1.0
    assert similarity(long, long.replace("tamoxifen", "pertuzumab")) == 0.0  # 9 of 11 words agree
    assert similarity("Is 10 mg of warfarin safe?", "Is 20 mg of warfarin safe?") == 0.0


def test_reviewed_answers_first(lib: Library) -> None:
    svc = ReviewService(lib)
    assert find_approved_answer(lib.engine, QUESTION) is None
    pending = make_article(lib)
    assert find_approved_answer(lib.engine, QUESTION) is None  # only approved articles count
    approve(svc, pending)
    found = find_approved_answer(lib.engine, "In HER2-positive breast cancer, is tamoxifen with T-DM1 safe?")
    assert found is not None and found.id == pending
    assert [r.username for r in found.reviewers] == ["rita"]
    assert find_approved_answer(lib.engine, QUESTION, audience="patient") is None
    patient = make_article(lib, answer=sample_answer(audience=Audience.patient))
    approve(svc, patient)
    found = find_approved_answer(lib.engine, QUESTION, audience="patient")
    assert found is not None and found.id == patient
