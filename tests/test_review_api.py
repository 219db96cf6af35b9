"""The review workflow over HTTP: a role × endpoint matrix over every state-changing endpoint, CSRF, sessions,
sign-in throttling, the audit trail, optimistic concurrency, visibility, reviewed answers first, living answers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clinevidence.ingest.pipeline import ingest
from clinevidence.review.living import flag_stale_articles
from clinevidence.review.service import ReviewService

from .review_support import make_article, member
from .web_support import REQUIRED_CSP, SEED_QUESTION, build_library, executable_markup, make_app

PASSWORD = "board member password"
ROLES = ["anonymous", "reader", "clinician", "reviewer", "editor", "admin"]
PREP_REVIEWER = member("prep", "reviewer")  # prepares articles through the domain, outside the matrix


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    application = make_app(build_library(tmp_path_factory.mktemp("review-api") / "library"), ask_rate_per_minute=10_000)
    for role in ROLES[1:]:
        application.state.accounts.create_user(
            role, PASSWORD, role, display_name=f"Dr {role.title()}", credentials="MD, Oncology"
        )
    with TestClient(application):
        yield application


class Browser:
    """A TestClient with the session and CSRF token of one role (or none, for anonymous)."""

    def __init__(self, app: FastAPI, role: str) -> None:
        self.role = role
        self.client = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
        self.csrf = ""
        if role != "anonymous":
            r = self.client.post("/api/session", json={"username": role, "password": PASSWORD})
            assert r.status_code == 200, r.text
            self.csrf = r.json()["csrf_token"]

    @property
    def headers(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf} if self.csrf else {}

    def api(self, method: str, url: str, body: dict | None = None):  # type: ignore[no-untyped-def]
        return self.client.request(method, url, json=body, headers=self.headers)

    def form(self, url: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
        return self.client.post(url, data={**data, "csrf_token": self.csrf})


@pytest.fixture(scope="module")
def browsers(app: FastAPI) -> dict[str, Browser]:
    return {role: Browser(app, role) for role in ROLES}


def review(app: FastAPI) -> ReviewService:
    return app.state.review  # type: ignore[no-any-return]


# -- article states the matrix needs, prepared through the domain ---------------------------------------------


def in_state(app: FastAPI, state: str) -> str:
    svc, aid = review(app), make_article(app.state.library, author="someone-else")
    if state in ("under_review", "approved_ready", "changes_requested", "approved"):
        svc.act(aid, PREP_REVIEWER, "claim", version=1)
    if state in ("approved_ready", "approved"):
        svc.act(aid, PREP_REVIEWER, "approve", version=1)
    if state == "approved":
        svc.act(aid, member("prep-editor", "editor"), "publish", version=1)
    if state == "changes_requested":
        svc.act(aid, PREP_REVIEWER, "request_changes", version=1)
    return aid


EDIT = {"version": 1, "statements": [{"ref": "summary.0", "text": "Tamoxifen with T-DM1 is not recommended."}]}
COMMENT = {"text": "ok", "statement_ref": "summary.0", "version": 1}
HEADLINE = {"version": 1, "title": "Tamoxifen with T-DM1: Avoid", "recommendation": "contraindicated"}
ADD = {"version": 1, "add_statements": [{"text": "T-DM1 also improved overall survival.", "citations": [2]}]}
EXPERT = {"version": 1, "expert": [{"ref": "sections.0.1", "rationale": "Known.", "doc_id": "web-r1"}]}
Call = Callable[["Browser", str], object]
ALL = set(ROLES)
BOARD = {"reviewer", "editor"}
EDITOR = {"editor"}


def _filled(data: dict[str, object], article_id: str) -> dict[str, object]:
    """Questions carry the article id so that each ask is a new question (no reviewed-answer reuse)."""
    return {k: (str(v).format(a=article_id) if k == "question" else v) for k, v in data.items()}


def api(method: str, path: str, body: dict[str, object]) -> Call:
    return lambda b, a: b.api(method, path.format(a=a), _filled(body, a))


def form(path: str, data: dict[str, object]) -> Call:
    return lambda b, a: b.form(path.format(a=a), _filled(data, a))


def act(action: str, html: bool = False) -> Call:
    body: dict[str, object] = {"action": action, "version": 1}
    return form("/articles/{a}/review", body) if html else api("POST", "/api/articles/{a}/review", body)


# endpoint -> (article state it needs, the request, success status, roles allowed); everyone else gets 401/403
API_MATRIX: dict[str, tuple[str, Call, int, set[str]]] = {
    "api ask": ("submitted", api("POST", "/api/ask", {"question": "Is aspirin safe? {a}"}), 201, ALL),
    "api ask stream": ("submitted", api("POST", "/api/ask/stream", {"question": "Is aspirin safe? {a}"}), 200, ALL),
    "api followup": (
        "submitted",
        api("POST", "/api/articles/{a}/followup", {"question": "With pertuzumab?"}),
        201,
        ALL,
    ),
    "api claim": ("submitted", act("claim"), 200, BOARD),
    "api approve": ("under_review", act("approve"), 200, BOARD),
    "api request_changes": ("under_review", act("request_changes"), 200, BOARD),
    "api reject": ("submitted", act("reject"), 200, EDITOR),
    "api publish": ("approved_ready", act("publish"), 200, EDITOR),
    "api submit": ("changes_requested", act("submit"), 200, BOARD),
    "api edit": ("submitted", api("PATCH", "/api/articles/{a}", EDIT), 200, BOARD),
    "api comment": ("submitted", api("POST", "/api/articles/{a}/comments", COMMENT), 201, BOARD),
    "api edit headline": ("submitted", api("PATCH", "/api/articles/{a}", HEADLINE), 200, BOARD),
    "api add statement": ("submitted", api("PATCH", "/api/articles/{a}", ADD), 200, BOARD),
    "api expert statement": ("submitted", api("PATCH", "/api/articles/{a}", EXPERT), 200, BOARD),
    "api edit preview": ("submitted", api("POST", "/api/articles/{a}/edit/preview", HEADLINE), 200, BOARD),
    "api rerun": ("approved", api("POST", "/api/articles/{a}/rerun", {"version": 1}), 201, BOARD),
    "api privacy delete": ("submitted", api("DELETE", "/api/articles/{a}", {}), 200, {"admin"}),
    "form ask": ("submitted", form("/ask", {"question": "Is warfarin safe with NSAIDs? {a}"}), 303, ALL),
    "form followup": ("submitted", form("/articles/{a}/followup", {"question": "And ibuprofen?"}), 303, ALL),
    "form variant": ("submitted", form("/articles/{a}/variant", {"audience": "patient"}), 303, ALL),
    "form claim": ("submitted", act("claim", html=True), 303, BOARD),
    "form approve": ("under_review", act("approve", html=True), 303, BOARD),
    "form request_changes": ("under_review", act("request_changes", html=True), 303, BOARD),
    "form reject": ("submitted", act("reject", html=True), 303, EDITOR),
    "form publish": ("approved_ready", act("publish", html=True), 303, EDITOR),
    "form submit": ("changes_requested", act("submit", html=True), 303, BOARD),
    "form edit": (
        "submitted",
        form("/articles/{a}/edit", {"ref": "summary.0", "text": "No.", "version": 1}),
        303,
        BOARD,
    ),
    "form remove statement": (
        "submitted",
        form("/articles/{a}/edit", {"ref": "sections.0.1", "remove": "1", "version": 1}),
        303,
        BOARD,
    ),
    "form comment": ("submitted", form("/articles/{a}/comments", COMMENT), 303, BOARD),
    "form general comment": ("submitted", form("/articles/{a}/comments", {"text": "ok", "version": 1}), 303, BOARD),
    "form edit headline": (
        "submitted",
        form("/articles/{a}/edit", {"op": "headline", "title": "New title", "version": 1, "note": "n"}),
        303,
        BOARD,
    ),
    "form add statement": (
        "submitted",
        form(
            "/articles/{a}/edit",
            {
                "op": "add",
                "section": "Bottom line",
                "text": "T-DM1 also improved overall survival.",
                "citations": ["2"],
                "citations_given": "1",
                "version": 1,
            },
        ),
        303,
        BOARD,
    ),
    "form move statement": (
        "submitted",
        form("/articles/{a}/edit", {"op": "move_down", "ref": "sections.0.0", "version": 1}),
        303,
        BOARD,
    ),
    "form expert statement": (
        "submitted",
        form(
            "/articles/{a}/edit",
            {"op": "expert", "ref": "summary.0", "rationale": "r", "doc_id": "web-g1", "version": 1},
        ),
        303,
        BOARD,
    ),
    "form add reference": (
        "submitted",
        form("/articles/{a}/edit", {"op": "add_reference", "doc_id": "web-r2", "version": 1}),
        303,
        BOARD,
    ),
    "form check support": (
        "submitted",
        form("/articles/{a}/edit", {"op": "headline", "title": "T", "version": 1, "intent": "preview"}),
        200,
        BOARD,
    ),
    "form rerun": ("approved", form("/articles/{a}/rerun", {"version": 1}), 303, BOARD),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(API_MATRIX))
def test_role_endpoint_matrix(app: FastAPI, browsers: dict[str, Browser], endpoint: str, role: str) -> None:
    state, call, ok_status, allowed = API_MATRIX[endpoint]
    aid = in_state(app, state)
    before = review(app).get(aid)
    r = call(browsers[role], aid)
    if role in allowed:
        assert r.status_code == ok_status, (endpoint, role, r.text)
    else:
        assert r.status_code == (401 if role == "anonymous" else 403), (endpoint, role, r.text)
        after = review(app).get(aid)
        assert (after.status, after.version, after.signoffs) == (before.status, before.version, before.signoffs)


def test_matrix_covers_every_state_changing_route(app: FastAPI) -> None:
    covered = {
        ("POST", "/api/ask"), ("POST", "/api/ask/stream"), ("POST", "/api/articles/{article_id}/followup"),
        ("POST", "/api/articles/{article_id}/review"), ("PATCH", "/api/articles/{article_id}"),
        ("POST", "/api/articles/{article_id}/comments"), ("POST", "/api/articles/{article_id}/rerun"),
        ("POST", "/api/articles/{article_id}/edit/preview"), ("DELETE", "/api/articles/{article_id}"),
        ("POST", "/ask"), ("POST", "/articles/{article_id}/followup"), ("POST", "/articles/{article_id}/review"),
        ("POST", "/articles/{article_id}/edit"), ("POST", "/articles/{article_id}/comments"),
        ("POST", "/articles/{article_id}/rerun"), ("POST", "/articles/{article_id}/variant"),
        # sessions: open to everyone by design, tested below
        ("POST", "/api/session"), ("DELETE", "/api/session"), ("POST", "/login"), ("POST", "/logout"),
    }  # fmt: skip
    # Asking through other protocols (OpenAI-compatible, MCP) is open like /api/ask and tested with them.
    other_protocols = {(m, p) for m in ("POST", "DELETE") for p in ("/v1/chat/completions", "/mcp", "/mcp/")}

    def walk(routes):  # type: ignore[no-untyped-def]
        for route in routes:
            if hasattr(route, "original_router"):  # FastAPI keeps included routers nested
                yield from walk(route.original_router.routes)
            else:
                yield route

    routes = {
        (method, route.path)
        for route in walk(app.routes)
        for method in getattr(route, "methods", None) or set()
        if method in {"POST", "PUT", "PATCH", "DELETE"}
    }
    assert routes - other_protocols == covered


@pytest.mark.parametrize(
    ("url", "role", "allowed"),
    [
        ("/api/review/queue", "reviewer", {"reviewer", "editor", "admin"}),
        ("/api/audit", "admin", {"admin"}),
        ("/api/articles/{id}/versions", "reviewer", {"reviewer", "editor", "admin"}),
        ("/api/articles/{id}/diff?from=1&to=1", "reviewer", {"reviewer", "editor", "admin"}),
        ("/api/articles/{id}/comments", "reviewer", {"reviewer", "editor", "admin"}),
    ],
)
def test_board_reads_are_restricted(
    app: FastAPI, browsers: dict[str, Browser], url: str, role: str, allowed: set[str]
) -> None:
    aid = in_state(app, "submitted")
    for r in ROLES:
        status = browsers[r].api("GET", url.replace("{id}", aid)).status_code
        assert status == (200 if r in allowed else 401 if r == "anonymous" else 403), (url, r)


# -- CSRF ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", [e for e in API_MATRIX if "ask" not in e and "followup" not in e])
def test_missing_or_wrong_csrf_token_is_403(app: FastAPI, browsers: dict[str, Browser], endpoint: str) -> None:
    state, call, _, _ = API_MATRIX[endpoint]
    editor = browsers["editor"]
    for token in ("", "not-the-token"):
        aid = in_state(app, state)
        saved, editor.csrf = editor.csrf, token
        try:
            r = call(editor, aid)
        finally:
            editor.csrf = saved
        assert r.status_code == 403, (endpoint, r.text)
        assert "CSRF" in (r.json()["error"] if endpoint.startswith("api") else r.text)
        assert review(app).get(aid).version == 1


def test_signed_in_asking_needs_the_token_too(browsers: dict[str, Browser]) -> None:
    reader = browsers["reader"]
    r = reader.client.post("/api/ask", json={"question": "Is metformin first-line?"})
    assert r.status_code == 403
    assert reader.api("POST", "/api/ask", {"question": "Is metformin first-line?"}).status_code == 201


def test_login_form_needs_its_own_token(app: FastAPI) -> None:
    c = TestClient(app, follow_redirects=False)
    assert c.post("/login", data={"username": "editor", "password": PASSWORD}).status_code == 403
    page = BeautifulSoup(c.get("/login").text, "html.parser")
    token = page.select_one("input[name=csrf_token]")["value"]
    r = c.post(
        "/login", data={"username": "editor", "password": PASSWORD, "csrf_token": token, "next": "//evil.example"}
    )
    assert r.status_code == 303 and r.headers["location"] == "/review"  # never an open redirect


# -- sessions ------------------------------------------------------------------------------------------------


def login(c: TestClient, username: str, password: str = PASSWORD, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return c.post("/api/session", json={"username": username, "password": password}, headers=headers or {})


def test_session_cookie_flags_and_rotation(app: FastAPI) -> None:
    c = TestClient(app)
    first = login(c, "reviewer")
    cookie = first.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    old = c.cookies.get("clinevidence_session")
    second = login(c, "reviewer", headers={"X-CSRF-Token": first.json()["csrf_token"]})
    new = c.cookies.get("clinevidence_session")
    assert second.status_code == 200 and new and new != old
    assert second.json()["csrf_token"] != first.json()["csrf_token"]
    stale = TestClient(app, cookies={"clinevidence_session": old})
    assert stale.get("/api/session").status_code == 401  # the pre-login id is dead
    assert c.get("/api/session").json()["user"] == "reviewer"


def test_logout_invalidates_the_session(app: FastAPI) -> None:
    c = TestClient(app)
    token = login(c, "editor").json()["csrf_token"]
    cookie = c.cookies.get("clinevidence_session")
    assert c.delete("/api/session", headers={"X-CSRF-Token": token}).json()["signed_out"] is True
    replay = TestClient(app, cookies={"clinevidence_session": cookie})
    assert replay.get("/api/session").status_code == 401
    aid = in_state(app, "submitted")
    r = replay.post(f"/api/articles/{aid}/review", json={"action": "claim", "version": 1})
    assert r.status_code == 401  # a replayed cookie is just anonymous


def test_html_logout(app: FastAPI) -> None:
    c = TestClient(app, follow_redirects=False)
    token = login(c, "editor").json()["csrf_token"]
    assert "Sign out" in c.get("/logout").text
    assert c.post("/logout", data={}).status_code == 403  # no token
    assert c.post("/logout", data={"csrf_token": token}).status_code == 303
    assert c.get("/api/session").status_code == 401


def test_unknown_user_and_wrong_password_look_the_same(app: FastAPI) -> None:
    c = TestClient(app)
    wrong = login(c, "reviewer", "not the password")
    unknown = login(c, "no-such-user", "not the password")
    assert (
        (wrong.status_code, wrong.json())
        == (unknown.status_code, unknown.json())
        == (
            401,
            {"ok": False, "status": 401, "error": "Invalid username or password.", "errors": []},
        )
    )
    assert "set-cookie" not in wrong.headers and "set-cookie" not in unknown.headers


def test_login_is_rate_limited(app: FastAPI) -> None:
    app.state.accounts.create_user("victim", PASSWORD, "reader")
    c = TestClient(app)
    statuses = [login(c, "victim", f"guess {i}").status_code for i in range(5)]
    assert statuses == [401] * 5
    r = login(c, "victim")  # even the right password, for now
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    assert r.json()["status"] == 429


# -- lifecycle over HTTP: audit, conflicts, visibility ---------------------------------------------------------


def audit_count(browsers: dict[str, Browser], aid: str) -> int:
    r = browsers["admin"].api("GET", f"/api/audit?article_id={aid}&limit=1000")
    assert r.status_code == 200
    return int(r.json()["count"])


def test_full_review_over_http_with_one_audit_event_per_transition(app: FastAPI, browsers: dict[str, Browser]) -> None:
    anon = browsers["anonymous"]
    asked = anon.api("POST", "/api/ask", {"question": SEED_QUESTION, "force_new": True})
    assert asked.status_code == 201
    aid = asked.json()["id"]
    assert aid not in {a["id"] for a in anon.api("GET", "/api/articles").json()["articles"]}
    assert aid in {a["id"] for a in anon.api("GET", "/api/articles?mine=true").json()["articles"]}
    rev, ed = browsers["reviewer"], browsers["editor"]
    steps = [
        (rev, "POST", f"/api/articles/{aid}/review", {"action": "claim", "version": 1}, ("under_review", 1)),
        (rev, "PATCH", f"/api/articles/{aid}", {**EDIT, "note": "shorter"}, ("under_review", 2)),
        (ed, "POST", f"/api/articles/{aid}/review", {"action": "approve", "version": 2}, ("approved", 2)),
        (ed, "POST", f"/api/articles/{aid}/review", {"action": "publish", "version": 2}, ("approved", 2)),
    ]
    for n, (who, method, url, body, expect) in enumerate(steps, start=1):
        if n == 3:  # the reviewer edited version 2, so someone else must approve it
            denied = rev.api("POST", f"/api/articles/{aid}/review", {"action": "approve", "version": 2})
            assert denied.status_code == 403
        r = who.api(method, url, body)
        assert r.status_code == 200, r.text
        assert (r.json()["status"], r.json()["version"]) == expect
        assert audit_count(browsers, aid) == n  # exactly one event per transition; refusals write none
    article = anon.api("GET", f"/api/articles/{aid}").json()
    assert article["status"] == "approved"
    assert article["review"]["reviewers"][0]["name"] == "Dr Editor"
    assert aid in {a["id"] for a in anon.api("GET", "/api/articles").json()["articles"]}
    versions = rev.api("GET", f"/api/articles/{aid}/versions").json()
    assert [v["version"] for v in versions["versions"]] == [1, 2] and versions["versions"][1]["editor"] == "reviewer"
    diff = rev.api("GET", f"/api/articles/{aid}/diff?from=1&to=2").json()["diff"]
    assert "+- Tamoxifen with T-DM1 is not recommended. [1]" in diff
    # The article page: no pending banner, "Reviewed by …"; a patient then reads the reviewed article.
    page = BeautifulSoup(anon.client.get(f"/articles/{aid}").text, "html.parser")
    assert page.select_one(".banner-approved") and not page.select_one(".banner-pending")
    assert "Reviewed by Dr Editor, MD, Oncology on" in page.select_one(".reviewed-by").get_text(" ", strip=True)


def test_stale_versions_get_409_and_nothing_is_lost(app: FastAPI, browsers: dict[str, Browser]) -> None:
    aid = in_state(app, "under_review")
    rev, ed = browsers["reviewer"], browsers["editor"]
    first = rev.api("PATCH", f"/api/articles/{aid}", EDIT)
    assert first.status_code == 200 and first.json()["version"] == 2
    second = ed.api(
        "PATCH", f"/api/articles/{aid}", {**EDIT, "statements": [{"ref": "sections.0.0", "text": "Other."}]}
    )
    assert second.status_code == 409 and "version" in second.json()["error"]
    assert ed.api("POST", f"/api/articles/{aid}/review", {"action": "approve", "version": 1}).status_code == 409
    stored = ed.api("GET", f"/api/articles/{aid}").json()
    assert stored["version"] == 2 and stored["summary"][0]["text"] == "Tamoxifen with T-DM1 is not recommended."
    r = ed.api("POST", f"/api/articles/{aid}/review", {"action": "publish", "version": 2})
    assert r.status_code == 409 and "approve" in r.json()["error"]  # not possible yet: nobody approved version 2


def test_invalid_edits_are_422(app: FastAPI, browsers: dict[str, Browser]) -> None:
    aid = in_state(app, "submitted")
    bad = {"version": 1, "add_references": ["not-in-the-library"]}
    r = browsers["reviewer"].api("PATCH", f"/api/articles/{aid}", bad)
    assert r.status_code == 422 and "not in the library" in r.json()["error"]
    r = browsers["reviewer"].api("PATCH", f"/api/articles/{aid}", {"version": 1, "bogus": 1})
    assert r.status_code == 422


def test_reviewed_answers_first(app: FastAPI, browsers: dict[str, Browser]) -> None:
    question = "Is it safe to combine warfarin with NSAIDs?"
    anon = browsers["anonymous"]
    first = anon.api("POST", "/api/ask", {"question": question})
    assert first.status_code == 201
    aid = first.json()["id"]
    svc = review(app)
    svc.act(aid, PREP_REVIEWER, "claim", version=1)
    svc.act(aid, PREP_REVIEWER, "approve", version=1)
    svc.act(aid, member("prep-editor", "editor"), "publish", version=1)
    again = anon.api("POST", "/api/ask", {"question": "Is it safe to combine NSAIDs with warfarin"})
    assert again.status_code == 200 and again.json()["existing"] is True and again.json()["id"] == aid
    assert again.json()["review"]["reviewers"][0]["name"] == "Prep"
    fresh = anon.api("POST", "/api/ask", {"question": question, "force_new": True})
    assert fresh.status_code == 201 and fresh.json()["id"] != aid
    r = anon.form("/ask", {"question": question, "audience": "clinician"})
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{aid}?reviewed_match=1"
    page = BeautifulSoup(anon.client.get(r.headers["location"]).text, "html.parser")
    offer = page.select_one(".notice-match form[action='/ask']")
    assert offer.select_one("input[name=force_new]")["value"] == "true"
    # Another audience gets its own draft.
    patient = anon.api("POST", "/api/ask", {"question": question, "audience": "patient"})
    assert patient.status_code == 201


def test_patient_answers_carry_a_stronger_caution_until_reviewed(browsers: dict[str, Browser]) -> None:
    anon = browsers["anonymous"]
    r = anon.api("POST", "/api/ask", {"question": "Can I take ibuprofen with warfarin?", "audience": "patient"})
    page = BeautifulSoup(anon.client.get(r.json()["url"]).text, "html.parser")
    assert page.select_one(".banner-pending") and "No clinician has checked" in page.select_one(".banner-caution").text


def test_require_login_to_ask(tmp_path: Path) -> None:
    app = make_app(build_library(tmp_path / "library"), require_login_to_ask=True)
    app.state.accounts.create_user("reader", PASSWORD, "reader")
    c = TestClient(app, follow_redirects=False)
    r = c.post("/api/ask", json={"question": SEED_QUESTION})
    assert r.status_code == 401 and r.json()["error"].startswith("Sign in")
    form = c.post("/ask", data={"question": SEED_QUESTION})
    assert form.status_code == 303 and form.headers["location"].startswith("/login?next=")
    token = login(c, "reader").json()["csrf_token"]
    assert c.post("/api/ask", json={"question": SEED_QUESTION}, headers={"X-CSRF-Token": token}).status_code == 201


def test_new_guideline_flags_the_article(app: FastAPI, browsers: dict[str, Browser], tmp_path: Path) -> None:
    aid = in_state(app, "approved")
    doc = {
        "_id": "web-g-2026",
        "title": "Tamoxifen with T-DM1 in HER2-positive breast cancer: 2026 guideline update",
        "text": "The 2026 update does not recommend tamoxifen with T-DM1 (trastuzumab emtansine) in HER2-positive "
        "metastatic breast cancer.",
        "metadata": {"type": "guideline", "year": 2026, "source": "ClinEvidence test fixture"},
    }
    path = tmp_path / "new.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    lib = app.state.library
    assert flag_stale_articles(lib, ingest(lib, [path])) >= 1
    anon = browsers["anonymous"]
    info = anon.api("GET", f"/api/articles/{aid}").json()["review"]
    assert info["flagged"] is True and "web-g-2026" in info["new_evidence"]
    page = BeautifulSoup(anon.client.get(f"/articles/{aid}").text, "html.parser")
    flag = page.select_one(".flag-new-evidence").get_text(" ", strip=True)
    assert "New evidence — re-review" in flag and "2026 guideline update" in flag
    queue = browsers["reviewer"].api("GET", "/api/review/queue?flagged=true").json()
    assert aid in {i["id"] for i in queue["items"]}
    # The board sees which statements the new document touches.
    board_page = BeautifulSoup(browsers["reviewer"].client.get(f"/articles/{aid}").text, "html.parser")
    impact = board_page.select_one("#review .review-impact").get_text(" ", strip=True)
    assert "2026 guideline update" in impact and ("touches" in impact)
    rerun = browsers["reviewer"].api("POST", f"/api/articles/{aid}/rerun", {"version": 1})
    assert rerun.status_code == 201
    new_id = rerun.json()["id"]
    revision = BeautifulSoup(browsers["reviewer"].client.get(f"/articles/{new_id}").text, "html.parser")
    assert revision.find("a", href=f"/articles/{new_id}/history?from=1&to=2")
    diff = browsers["reviewer"].api("GET", f"/api/articles/{new_id}/diff?from=1&to=2").json()["diff"]
    assert "web-g-2026" in diff


# -- pages ---------------------------------------------------------------------------------------------------


def test_review_pages_render_safely(tmp_path: Path) -> None:
    app = make_app(build_library(tmp_path / "library"))
    for role in ("reader", "reviewer"):
        app.state.accounts.create_user(role, PASSWORD, role)
    browsers = {role: Browser(app, role) for role in ("anonymous", "reader", "reviewer")}
    aid = in_state(app, "under_review")
    assert browsers["reviewer"].api("PATCH", f"/api/articles/{aid}", EDIT).status_code == 200
    c = browsers["reviewer"].client
    pages = [
        "/login", "/logout", "/review", "/review?status=under_review&specialty=Oncology&flagged=no&min_age_days=0",
        f"/articles/{aid}", f"/articles/{aid}/history", f"/articles/{aid}/history?from=1&to=2",
        f"/articles/{aid}/edit", f"/articles/{aid}/edit?doc_q=trastuzumab",
    ]  # fmt: skip
    for url in pages:
        r = c.get(url)
        assert r.status_code == 200, url
        assert all(part in r.headers["content-security-policy"] for part in REQUIRED_CSP)
        assert executable_markup(r.text) == [], url
    queue = BeautifulSoup(c.get("/review?specialty=Oncology").text, "html.parser")
    assert queue.find("a", href=f"/articles/{aid}#review")
    assert not BeautifulSoup(c.get("/review?specialty=Dermatology").text, "html.parser").find(
        "a", href=f"/articles/{aid}#review"
    )
    panel = BeautifulSoup(c.get(f"/articles/{aid}").text, "html.parser").select_one("#review")
    assert panel.select_one("form[action$='/comments'] input[name=csrf_token]")["value"] == browsers["reviewer"].csrf
    history = BeautifulSoup(c.get(f"/articles/{aid}/history").text, "html.parser")
    assert history.select_one(".diff-add") and history.select_one(".diff-del")
    assert browsers["anonymous"].client.get("/review").headers["location"] == "/login?next=/review"
    assert browsers["reader"].client.get("/review").status_code == 403


def test_signing_in_again_from_a_signed_in_client_rotates_the_session(app: FastAPI) -> None:
    from fastapi.testclient import TestClient

    accounts = app.state.accounts
    accounts.create_user("second_login", "another long password", "reviewer")
    client = TestClient(app)
    first = client.post("/api/session", json={"username": "second_login", "password": "another long password"})
    assert first.status_code == 200
    old_cookie = dict(client.cookies)
    again = client.post("/api/session", json={"username": "second_login", "password": "another long password"})
    assert again.status_code == 200  # no CSRF token needed to sign in
    assert dict(client.cookies) != old_cookie and again.json()["csrf_token"] != first.json()["csrf_token"]
    wrong = client.post("/api/session", json={"username": "second_login", "password": "wrong password here"})
    assert wrong.status_code == 401
