"""The approval gate and four eyes on content, over HTTP: an unsupported claim can never be approved or published;
an expert statement can, and readers see who vouched for it; nobody approves what they wrote or asked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clinevidence.answer.models import Statement
from clinevidence.review.grounding import approval_blockers
from clinevidence.review.service import ReviewService

from .review_support import make_article, member, sample_answer
from .web_support import SEED_QUESTION, build_library, make_app

PASSWORD = "board member password"
UNSUPPORTED = "Tamoxifen is safe to combine with T-DM1 and improves survival."
MEMBERS = {"rita": "reviewer", "raj": "reviewer", "una": "reviewer", "ed": "editor"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    application = make_app(
        build_library(tmp_path_factory.mktemp("review-gate") / "library"), ask_rate_per_minute=10_000
    )
    for name, role in MEMBERS.items():
        application.state.accounts.create_user(
            name, PASSWORD, role, display_name=f"Dr {name.title()}", credentials="MD"
        )
    with TestClient(application):
        yield application


class Member:
    def __init__(self, app: FastAPI, username: str | None) -> None:
        self.client = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
        self.csrf = ""
        if username:
            self.sign_in(username)

    def sign_in(self, username: str) -> None:
        r = self.client.post("/api/session", json={"username": username, "password": PASSWORD})
        assert r.status_code == 200, r.text
        self.csrf = r.json()["csrf_token"]

    def api(self, method: str, url: str, body: dict | None = None):  # type: ignore[no-untyped-def]
        return self.client.request(method, url, json=body, headers={"X-CSRF-Token": self.csrf} if self.csrf else {})

    def act(self, aid: str, action: str, version: int):  # type: ignore[no-untyped-def]
        return self.api("POST", f"/api/articles/{aid}/review", {"action": action, "version": version})

    def edit(self, aid: str, body: dict[str, object]):  # type: ignore[no-untyped-def]
        return self.api("PATCH", f"/api/articles/{aid}", body)


@pytest.fixture(scope="module")
def people(app: FastAPI) -> dict[str, Member]:
    return {name: Member(app, name) for name in MEMBERS} | {"anonymous": Member(app, None)}


def claimed(app: FastAPI) -> str:
    aid = make_article(app.state.library, author="someone-else")
    app.state.review.act(aid, member("prep", "reviewer"), "claim", version=1)
    return aid


def test_an_unsupported_edit_can_never_be_approved_or_published(app: FastAPI, people: dict[str, Member]) -> None:
    aid = claimed(app)
    r = people["rita"].edit(
        aid, {"version": 1, "statements": [{"ref": "summary.0", "text": UNSUPPORTED, "citations": [2]}]}
    )
    assert r.status_code == 200
    assert any("do not support" in w and UNSUPPORTED[:40] in w for w in r.json()["warnings"])
    for who, action in (("raj", "approve"), ("ed", "approve"), ("ed", "publish")):
        refused = people[who].act(aid, action, 2)
        assert refused.status_code == 409, (who, action, refused.text)
        body = refused.json()
        assert body["ok"] is False and body["status"] == 409
        assert "cannot be approved or published" in body["error"] and UNSUPPORTED[:40] in body["error"]
        assert "Bottom line" in body["error"] and "summary.0" not in body["error"]
        found = [(e["type"], e["statement"]) for e in body["errors"]]
        assert found == [("unsupported", UNSUPPORTED), ("verdict_unbacked", "Not Recommended")]
    stored = people["anonymous"].api("GET", f"/api/articles/{aid}").json()
    assert stored["status"] == "under_review" and stored["review"]["reviewers"] == []
    # The board page explains it next to the Approve button; the popover shows no unrelated "supporting quote".
    page = BeautifulSoup(people["raj"].client.get(f"/articles/{aid}").text, "html.parser")
    reason = page.select_one("#review .action-unavailable").get_text(" ", strip=True)
    assert "Approve" in reason and "cannot be approved" in reason and UNSUPPORTED[:40] in reason
    assert page.select_one("#review .review-blockers")
    assert UNSUPPORTED not in {q.get_text(strip=True) for q in page.select(".cite-quote")}
    # The HTML form is refused the same way, with the reason on the page.
    form = people["raj"].client.post(
        f"/articles/{aid}/review", data={"action": "approve", "version": 2, "csrf_token": people["raj"].csrf}
    )
    assert form.status_code == 409 and UNSUPPORTED[:40] in form.text


def test_expert_statement_path_and_readers_see_the_mark(app: FastAPI, people: dict[str, Member]) -> None:
    aid = claimed(app)
    assert (
        people["rita"].edit(aid, {"version": 1, "statements": [{"ref": "summary.0", "text": UNSUPPORTED}]}).is_success
    )
    bad = people["raj"].edit(aid, {"version": 2, "expert": [{"ref": "summary.0", "rationale": "x", "doc_id": "nope"}]})
    assert bad.status_code == 422 and "not in the library" in bad.json()["error"]
    mark = {"ref": "summary.0", "rationale": "Board consensus pending a trial.", "doc_id": "web-g2"}
    assert people["raj"].edit(aid, {"version": 2, "expert": [mark], "note": "expert statement"}).status_code == 200
    # Both writers are out; a third member approves.
    assert people["rita"].act(aid, "approve", 3).status_code == 403
    assert people["raj"].act(aid, "approve", 3).status_code == 403
    ok = people["una"].act(aid, "approve", 3)
    assert ok.status_code == 200 and ok.json()["status"] == "approved", ok.text
    article = people["anonymous"].api("GET", f"/api/articles/{aid}").json()
    expert = article["summary"][0]["expert"]
    assert expert["rationale"] == mark["rationale"] and expert["reviewer_name"] == "Dr Raj, MD"
    assert expert["doc_id"] == "web-g2" and any(r["doc_id"] == "web-g2" for r in article["references"])
    editors = {e["name"]: e["changes"] for e in article["review"]["editors"]}
    assert set(editors) == {"Dr Rita", "Dr Raj"}
    assert any("rewrote" in c for c in editors["Dr Rita"]) and any("expert" in c for c in editors["Dr Raj"])
    page = BeautifulSoup(people["anonymous"].client.get(f"/articles/{aid}").text, "html.parser")
    badge = page.select_one(".bottom-line .expert-statement").get_text(" ", strip=True)
    assert "Expert statement" in badge and "Dr Raj, MD" in badge and mark["rationale"] in badge
    credits = page.select_one(".edited-by").get_text(" ", strip=True)
    assert "Dr Rita" in credits and "Dr Raj" in credits


def test_changing_the_text_drops_the_expert_mark(app: FastAPI, people: dict[str, Member]) -> None:
    aid = claimed(app)
    mark = {"ref": "sections.0.1", "rationale": "Known from practice.", "doc_id": "web-r1"}
    assert people["rita"].edit(aid, {"version": 1, "expert": [mark]}).status_code == 200
    people["rita"].edit(aid, {"version": 2, "statements": [{"ref": "sections.0.1", "text": UNSUPPORTED}]})
    st = people["anonymous"].api("GET", f"/api/articles/{aid}").json()["sections"][0]["statements"][1]
    assert st["text"] == UNSUPPORTED and st["expert"] is None
    assert people["raj"].act(aid, "approve", 3).status_code == 409


def test_four_eyes_walk_around_is_refused(app: FastAPI, people: dict[str, Member]) -> None:
    aid = claimed(app)
    rewrite = "T-DM1 is given alone at 3.6 mg/kg every three weeks."
    assert people["rita"].edit(aid, {"version": 1, "statements": [{"ref": "sections.0.0", "text": rewrite}]}).is_success
    trivial = {"ref": "sections.0.0", "text": rewrite.replace("alone", "alone,")}
    assert people["raj"].edit(aid, {"version": 2, "statements": [trivial], "note": "comma"}).is_success
    refused = people["rita"].act(aid, "approve", 3)
    assert refused.status_code == 403 and "You wrote changes" in refused.json()["error"]
    assert people["raj"].act(aid, "approve", 3).status_code == 403  # last editor
    assert people["ed"].act(aid, "publish", 3).status_code == 409  # nobody independent approved yet
    assert people["ed"].act(aid, "approve", 3).status_code == 200
    editors = {e["name"] for e in people["anonymous"].api("GET", f"/api/articles/{aid}").json()["review"]["editors"]}
    assert editors == {"Dr Rita", "Dr Raj"}


def test_a_moved_or_reworded_statement_keeps_its_writer(app: FastAPI, people: dict[str, Member]) -> None:
    aid = claimed(app)
    change = {"ref": "sections.0.1", "text": "T-DM1 also improved overall survival."}
    assert people["rita"].edit(aid, {"version": 1, "statements": [change]}).is_success
    assert people["raj"].edit(aid, {"version": 2, "moves": [{"ref": "sections.0.1", "offset": -1}]}).is_success
    moved = people["anonymous"].api("GET", f"/api/articles/{aid}").json()["sections"][0]["statements"]
    assert moved[0]["text"] == change["text"]
    assert people["rita"].act(aid, "approve", 3).status_code == 403


def test_approving_ones_own_signed_out_question_is_refused(app: FastAPI) -> None:
    browser = Member(app, None)
    asked = browser.api("POST", "/api/ask", {"question": SEED_QUESTION, "force_new": True})
    assert asked.status_code == 201
    aid = asked.json()["id"]
    browser.sign_in("una")  # the same browser, now signed in as a board member
    assert browser.act(aid, "claim", 1).status_code == 200
    refused = browser.act(aid, "approve", 1)
    assert refused.status_code == 403 and "asked from your browser" in refused.json()["error"]
    other = Member(app, "ed")
    assert other.act(aid, "approve", 1).status_code == 200, other.act(aid, "approve", 1).text


def test_gate_rules_on_hand_made_answers(app: FastAPI) -> None:
    svc: ReviewService = app.state.review
    lib = app.state.library
    answer = sample_answer()
    assert approval_blockers(answer, lib.get_documents, lib.passages_of) == []
    answer.sections[0].statements.append(Statement(text="Uncited claim.", citations=[]))
    answer.summary = []
    kinds = {b.kind for b in svc.blockers(answer)}
    assert kinds == {"uncited", "verdict_unbacked"}
    aid = make_article(lib, author="x", answer=answer)
    svc.act(aid, member("prep", "reviewer"), "claim", version=1)
    r = Member(app, "ed").act(aid, "approve", 1)
    assert r.status_code == 409 and "Uncited claim." in r.json()["error"] and "verdict" in r.json()["error"]


def test_a_changed_verdict_must_be_said_by_the_bottom_line(app: FastAPI, people: dict[str, Member]) -> None:
    aid = claimed(app)
    flip = {"version": 1, "verdict": "yes", "recommendation": "recommended", "note": "I think it is fine"}
    assert people["rita"].edit(aid, flip).status_code == 200
    refused = people["raj"].act(aid, "approve", 2)
    assert refused.status_code == 409 and [e["type"] for e in refused.json()["errors"]] == ["verdict_contradicted"]
    assert "no supported bottom-line statement says it" in refused.json()["error"]
    # Putting the generated verdict back clears it (the headline is no longer a board member's change).
    back = {"version": 2, "verdict": "no", "recommendation": "not_recommended", "verdict_label": "Not Recommended",
            "title": "Tamoxifen with T-DM1: Not Recommended"}  # fmt: skip
    assert people["rita"].edit(aid, back).status_code == 200
    assert people["raj"].act(aid, "approve", 3).status_code == 200
