"""The queue holds what needs review (no abstentions or emergency redirects; audience variants under their source),
public search says what it searches, and "Last updated" means one thing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clinevidence.answer.models import Verdict
from clinevidence.review.service import ReviewService
from clinevidence.review.versions import ArticleEdit

from .review_support import FakeClock, make_article, member, sample_answer
from .web_support import SEED_QUESTION, build_library, make_app

PASSWORD = "board member password"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    application = make_app(
        build_library(tmp_path_factory.mktemp("review-queue") / "library"), ask_rate_per_minute=10_000
    )
    application.state.accounts.create_user("rita", PASSWORD, "reviewer")
    with TestClient(application):
        yield application


def board(app: FastAPI) -> TestClient:
    c = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    assert c.post("/api/session", json={"username": "rita", "password": PASSWORD}).status_code == 200
    return c


def queued(c: TestClient) -> dict[str, dict]:  # type: ignore[type-arg]
    return {i["id"]: i for i in c.get("/api/review/queue").json()["items"]}


def test_abstentions_and_emergency_redirects_are_not_queued(app: FastAPI) -> None:
    lib = app.state.library
    abstain = sample_answer().model_copy(
        update={
            "verdict": Verdict.insufficient,
            "verdict_label": "Insufficient Evidence",
            "summary": [],
            "sections": [],
        }
    )
    emergency = abstain.model_copy(update={"verdict_label": "Emergency", "notice": "Call your emergency number."})
    ids = [make_article(lib, answer=abstain), make_article(lib, answer=emergency), make_article(lib)]
    items = queued(board(app))
    assert ids[0] not in items and ids[1] not in items and ids[2] in items
    page = board(app).get("/review").text
    assert f"/articles/{ids[0]}#review" not in page and f"/articles/{ids[2]}#review" in page


def test_audience_variants_are_grouped_under_their_source(app: FastAPI) -> None:
    anon = TestClient(app, follow_redirects=False)
    source = anon.post("/api/ask", json={"question": SEED_QUESTION, "force_new": True}).json()["id"]
    r = anon.post(f"/articles/{source}/variant", data={"audience": "patient"})
    assert r.status_code == 303
    variant = r.headers["location"].rsplit("/", 1)[-1]
    c = board(app)
    items = queued(c)
    assert source in items and variant not in items
    listed = items[source]["variants"]
    assert [(v["id"], v["audience"]) for v in listed] == [(variant, "patient")]
    assert listed[0]["wording_differs"] is True  # plain-language wording: it needs its own sign-off
    queue = BeautifulSoup(c.get("/review").text, "html.parser")
    nested = queue.select_one(f".variant-list a[href='/articles/{variant}#review']")
    assert nested and "Patient version" in nested.get_text()
    assert "needs its own sign-off" in nested.find_parent("li").get_text()


def test_public_search_says_it_searches_approved_articles(app: FastAPI) -> None:
    anon = TestClient(app)
    asked = anon.post("/api/ask", json={"question": "Is it safe to combine warfarin with NSAIDs?", "force_new": True})
    assert asked.status_code == 201
    page = BeautifulSoup(anon.get("/?q=warfarin").text, "html.parser")
    search = page.select_one("section.search").get_text(" ", strip=True)
    assert "Search approved articles" in search and "No approved article matches your search." in search
    assert not page.select_one("input[name=scope]")
    c = board(app)
    member_page = BeautifulSoup(c.get("/?q=warfarin").text, "html.parser")
    assert member_page.select_one("input[name=scope][value=all]")
    assert member_page.find("a", string=lambda s: bool(s) and "Search all articles" in s)
    everything = BeautifulSoup(c.get("/?q=warfarin&scope=all").text, "html.parser")
    assert everything.find("a", href=f"/articles/{asked.json()['id']}")
    # Asking for "all" without being a board member changes nothing (their own question is under "Your questions").
    mine = BeautifulSoup(anon.get("/?q=warfarin&scope=all").text, "html.parser")
    assert not mine.select_one("section.search").find("a", href=f"/articles/{asked.json()['id']}")
    assert mine.select_one(".lists").find("a", href=f"/articles/{asked.json()['id']}")


def test_last_updated_is_the_date_of_the_last_change(app: FastAPI) -> None:
    lib = app.state.library
    svc = ReviewService(lib, clock=FakeClock(datetime(2031, 5, 4, 10, tzinfo=UTC)))
    aid = make_article(lib)
    created = svc.get(aid).record.last_updated
    svc.edit(aid, member("rita", "reviewer"), ArticleEdit(version=1, title="Tamoxifen with T-DM1: Avoid"))
    assert svc.get(aid).record.last_updated == date(2031, 5, 4) != created
    out = TestClient(app).get(f"/api/articles/{aid}").json()
    assert out["last_updated"] == "2031-05-04"
    policy = BeautifulSoup(TestClient(app).get("/editorial-policy").text, "html.parser")
    definition = policy.select_one("#last-updated").get_text(" ", strip=True)
    assert "means the same everywhere" in definition and "edited" in definition and "approved" in definition


def test_a_paraphrase_finds_the_reviewed_article_and_can_draft_its_own(app: FastAPI) -> None:
    question = "Is it safe to combine warfarin with NSAIDs?"
    anon = TestClient(app, follow_redirects=False)
    aid = anon.post("/api/ask", json={"question": question, "force_new": True}).json()["id"]
    svc: ReviewService = app.state.review
    svc.act(aid, member("prep", "reviewer"), "claim", version=1)
    svc.act(aid, member("prep", "reviewer"), "approve", version=1)
    paraphrase = "Can warfarin be taken together with NSAIDs – safely?"
    api = anon.post("/api/ask", json={"question": paraphrase})
    assert api.status_code == 200 and api.json()["existing"] is True and api.json()["id"] == aid
    r = anon.post("/ask", data={"question": paraphrase, "audience": "clinician"})
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{aid}?reviewed_match=1"
    page = BeautifulSoup(anon.get(r.headers["location"]).text, "html.parser")
    notice = page.select_one(".notice-match")
    assert paraphrase in notice.get_text() and question in notice.get_text()
    offer = notice.select_one("form[action='/ask']")
    assert offer.select_one("input[name=question]")["value"] == paraphrase
    assert offer.select_one("button").get_text(strip=True) == "Draft a fresh answer instead"
    fresh = anon.post("/ask", data={"question": paraphrase, "audience": "clinician", "force_new": "true"})
    assert fresh.status_code == 303 and fresh.headers["location"] != f"/articles/{aid}"
