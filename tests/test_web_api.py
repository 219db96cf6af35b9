"""The JSON API, exports, error envelope, limits and security headers, in process."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from clinevidence.articles import links
from clinevidence.articles.store import escape_like
from clinevidence.web.ratelimit import SlidingWindowLimiter

from .web_support import FOLLOW_UP, REQUIRED_CSP, SEED_QUESTION, build_library, executable_markup, make_app

ANSWER_KEYS = {
    "question", "audience", "title", "verdict", "verdict_label", "summary", "sections", "references", "follow_ups",
    "status", "disclaimer", "receipt",
}  # fmt: skip
REFERENCE_KEYS = {"n", "doc_id", "type", "type_label", "title", "source", "year", "pmid", "doi", "url"}
STATEMENT_KEYS = {"text", "citations", "support", "supported"}
RECEIPT_KEYS = {"engine", "engine_version", "config_hash", "library_snapshot", "created_at"}


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("weblib") / "library")


@pytest.fixture(scope="module")
def client(library_dir: Path) -> Iterator[TestClient]:
    with TestClient(make_app(library_dir, ask_rate_per_minute=1000), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def seed(client: TestClient) -> dict:
    r = client.post("/api/ask", json={"question": SEED_QUESTION})
    assert r.status_code == 201, r.text
    return r.json()


def statements(article: dict) -> list[dict]:
    return [*article["summary"], *(s for sec in article["sections"] for s in sec["statements"])]


def assert_envelope(r, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    assert "Traceback" not in r.text
    return body


# -- asking and reading ------------------------------------------------------------------------------------


def test_ask_returns_201_with_the_answer_contract(seed: dict) -> None:
    assert ANSWER_KEYS | {"id", "url", "thread_id"} <= set(seed)
    assert seed["url"] == f"/articles/{seed['id']}"
    assert seed["status"] == "submitted"
    assert seed["verdict"] in {"yes", "no", "maybe", "insufficient"}
    assert RECEIPT_KEYS <= set(seed["receipt"])
    assert seed["references"] and statements(seed)
    refs = {r["n"] for r in seed["references"]}
    for ref in seed["references"]:
        assert REFERENCE_KEYS <= set(ref)
    for st in statements(seed):
        assert STATEMENT_KEYS <= set(st)
        assert set(st["citations"]) <= refs  # every citation resolves to a reference


def test_get_article_returns_the_stored_answer(client: TestClient, seed: dict) -> None:
    r = client.get(f"/api/articles/{seed['id']}")
    assert r.status_code == 200
    got = r.json()
    for key in ANSWER_KEYS - {"status"}:
        assert got[key] == seed[key]
    assert got["id"] == seed["id"] and got["thread_id"] == seed["thread_id"]
    assert got["status"] == "submitted" and got["version"] == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", got["last_updated"])


def test_unknown_article_is_404_envelope(client: TestClient) -> None:
    assert_envelope(client.get("/api/articles/doesnotexist"), 404)
    assert_envelope(client.get("/api/articles/" + "x" * 500), 404)
    assert_envelope(client.post("/api/articles/nope/followup", json={"question": "and then?"}), 404)
    assert_envelope(client.get("/articles/nope.json"), 404)


def test_list_and_search(client: TestClient, seed: dict) -> None:
    # The public sees approved articles only; the asker finds their own with mine=true; the board sees all.
    assert seed["id"] not in {a["id"] for a in client.get("/api/articles").json()["articles"]}
    assert client.get("/api/articles", params={"status": "submitted"}).json()["count"] == 0
    mine = client.get("/api/articles", params={"mine": "true"}).json()
    assert seed["id"] in {a["id"] for a in mine["articles"]}
    client.app.state.accounts.create_user("lister", "lister password 1", "reviewer")
    board = TestClient(client.app)
    assert board.post("/api/session", json={"username": "lister", "password": "lister password 1"}).status_code == 200
    listed = board.get("/api/articles").json()
    assert listed["count"] == len(listed["articles"]) >= 1
    assert seed["id"] in {a["id"] for a in listed["articles"]}
    found = board.get("/api/articles", params={"q": "TAMOXIFEN"}).json()["articles"]
    assert seed["id"] in {a["id"] for a in found}
    assert board.get("/api/articles", params={"q": "no such words anywhere"}).json()["count"] == 0
    # LIKE wildcards in the query are literal characters, not patterns.
    assert board.get("/api/articles", params={"q": "%"}).json()["count"] == 0
    assert board.get("/api/articles", params={"q": "_"}).json()["count"] == 0
    submitted = board.get("/api/articles", params={"status": "submitted"}).json()["articles"]
    assert all(a["status"] == "submitted" for a in submitted) and submitted
    assert board.get("/api/articles", params={"status": "approved"}).json()["count"] == 0
    assert_envelope(client.get("/api/articles", params={"status": "bogus"}), 422)
    assert_envelope(client.get("/api/articles", params={"limit": 0}), 422)


def test_escape_like() -> None:
    assert escape_like("50%_a\\b") == "50\\%\\_a\\\\b"


def test_follow_up_keeps_context_and_links_the_thread(client: TestClient, seed: dict) -> None:
    r = client.post(f"/api/articles/{seed['id']}/followup", json={"question": FOLLOW_UP})
    assert r.status_code == 201, r.text
    follow = r.json()
    assert follow["id"] != seed["id"]
    assert follow["thread_id"] == seed["thread_id"] and follow["parent_id"] == seed["id"]
    assert follow["question"] == FOLLOW_UP
    # "What about with pertuzumab?" is answered in the light of the tamoxifen question.
    assert "tamoxifen" in follow["title"].lower() and "pertuzumab" in follow["title"].lower()
    # Asking with thread_id follows up the thread's latest article.
    r = client.post("/api/ask", json={"question": "And in early breast cancer?", "thread_id": seed["thread_id"]})
    assert r.status_code == 201
    assert r.json()["thread_id"] == seed["thread_id"] and r.json()["parent_id"] == follow["id"]
    assert_envelope(client.post("/api/ask", json={"question": "why?", "thread_id": "nosuchthread"}), 404)


def test_follow_up_defaults_to_the_parent_audience(client: TestClient) -> None:
    first = client.post("/api/ask", json={"question": SEED_QUESTION, "audience": "student"}).json()
    follow = client.post(f"/api/articles/{first['id']}/followup", json={"question": FOLLOW_UP}).json()
    assert first["audience"] == follow["audience"] == "student"


def test_health_and_stats(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200 and r.json() == {"ok": True}
    stats = client.get("/api/library/stats").json()
    assert stats["documents"] == 6 and stats["passages"] > 0
    assert stats["by_type"]["guideline"] == 3
    assert stats["snapshot"].startswith("lib-")


def test_openapi_and_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/ask", "/api/articles", "/api/articles/{article_id}", "/api/articles/{article_id}/followup",
                 "/api/library/stats", "/api/health"):  # fmt: skip
        assert path in schema["paths"]
    assert "/articles/{article_id}" not in schema["paths"]  # HTML pages stay out of the API schema
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger-init.js" in docs.text


# -- exports -----------------------------------------------------------------------------------------------


def test_json_export_equals_the_api(client: TestClient, seed: dict) -> None:
    assert client.get(f"/articles/{seed['id']}.json").json() == client.get(f"/api/articles/{seed['id']}").json()


def test_markdown_export(client: TestClient, seed: dict) -> None:
    r = client.get(f"/articles/{seed['id']}.md")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    md = r.text
    assert md.startswith(f"# {seed['title']}")
    assert "## References" in md
    for ref in seed["references"]:
        assert re.search(rf"^{ref['n']}\. (Guideline|Research): ", md, re.M)
    assert "[1]" in md
    assert "https://pubmed.ncbi.nlm.nih.gov/23020162/" in md
    assert "https://doi.org/10.1056/NEJMoa1209124" in md
    assert "pending human review" in md


def test_fhir_export(client: TestClient, seed: dict) -> None:
    r = client.get(f"/articles/{seed['id']}.fhir.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    bundle = r.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    resources = [e["resource"] for e in bundle["entry"]]
    assert all(e["fullUrl"].startswith("urn:uuid:") for e in bundle["entry"])
    assert [x["resourceType"] for x in resources] == ["Evidence"] + ["Citation"] * len(seed["references"])
    evidence = resources[0]
    assert evidence["id"] == seed["id"] and evidence["title"] == seed["title"] and evidence["status"] == "draft"
    ids = set()
    for cit in resources[1:]:
        assert re.fullmatch(r"[A-Za-z0-9\-.]{1,64}", cit["id"])  # FHIR id syntax
        assert cit["status"] and cit["title"] and cit["citedArtifact"]["title"][0]["text"]
        ids |= {(i["system"], i["value"]) for i in cit["citedArtifact"].get("identifier", [])}
    assert ("https://pubmed.ncbi.nlm.nih.gov", "23020162") in ids
    assert ("https://doi.org", "10.1056/NEJMoa1209124") in ids
    years = [
        c["citedArtifact"]["publicationForm"][0]["periodicRelease"]["dateOfPublication"]["year"] for c in resources[1:]
    ]
    assert "2012" in years


def test_ris_export(client: TestClient, seed: dict) -> None:
    r = client.get(f"/articles/{seed['id']}.ris")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    lines = r.text.splitlines()
    n = len(seed["references"])
    assert sum(1 for x in lines if x.startswith("TY  - ")) == n
    assert sum(1 for x in lines if x.startswith("ER  - ")) == n
    kinds = {x[6:] for x in lines if x.startswith("TY  - ")}
    assert kinds <= {"JOUR", "GEN"} and "GEN" in kinds and "JOUR" in kinds
    assert "AN  - 23020162" in lines and "DO  - 10.1056/NEJMoa1209124" in lines
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", x) for x in lines if x)


def test_link_builders_accept_only_valid_identifiers() -> None:
    assert links.pubmed_url("23020162") == "https://pubmed.ncbi.nlm.nih.gov/23020162/"
    assert links.pubmed_url("1 OR 1") == links.pubmed_url("javascript:1") == ""
    assert links.doi_url("doi:10.1056/NEJMoa1209124") == "https://doi.org/10.1056/NEJMoa1209124"
    assert links.doi_url('10.1/"><script>') == links.doi_url("javascript:alert(1)") == ""
    assert links.safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example", "https://a b"):
        assert links.safe_url(bad) == ""


# -- errors and limits -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"question": ""},
        {"question": "   \n\t "},
        {"question": "x" * 2001},
        {"question": "ok?", "audience": "robot"},
        {"question": "ok?", "engine": "magic"},
        {"question": "ok?", "unexpected": 1},
        {"question": 42},
        {},
    ],
)
def test_invalid_ask_is_422_envelope(client: TestClient, body: dict) -> None:
    out = assert_envelope(client.post("/api/ask", json=body), 422)
    assert out["errors"] and all({"field", "message", "type"} <= set(e) for e in out["errors"])
    assert "x" * 100 not in json.dumps(out)  # the offending input is not echoed


def test_too_long_question_message_is_clear(client: TestClient) -> None:
    out = assert_envelope(client.post("/api/ask", json={"question": "x" * 2001}), 422)
    assert "at most 2000 characters" in out["error"]


def test_malformed_json_is_422(client: TestClient) -> None:
    r = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert_envelope(r, 422)


def test_large_body_is_413(client: TestClient) -> None:
    big = json.dumps({"question": "x" * 70_000})
    out = assert_envelope(client.post("/api/ask", content=big, headers={"content-type": "application/json"}), 413)
    assert "64 kB" in out["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        yield b'{"question": "'
        for _ in range(20):
            yield b"y" * 8192
        yield b'"}'

    assert_envelope(client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"}), 413)
    page = client.post("/ask", data={"question": "x" * 70_000})
    assert page.status_code == 413 and "text/html" in page.headers["content-type"] and "64 kB" in page.text


def test_sliding_window_limiter() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(2, window=60, clock=lambda: now[0])
    assert limiter.hit("a") is None and limiter.hit("a") is None
    assert limiter.hit("a") == 60 and limiter.hit("b") is None  # per key
    now[0] = 30.0
    assert limiter.hit("a") == 30
    now[0] = 60.5  # the first two hits have left the window
    assert limiter.hit("a") is None and limiter.hit("a") is None and limiter.hit("a") is not None


def test_unknown_route_404_and_method_405(client: TestClient) -> None:
    assert_envelope(client.get("/api/nothing-here"), 404)
    assert_envelope(client.delete("/api/health"), 405)


def test_html_errors_render_the_same_message(client: TestClient) -> None:
    r = client.get("/articles/doesnotexist", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    soup = BeautifulSoup(r.text, "html.parser")
    assert "No article with that id" in soup.select_one(".error-message").get_text()
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    r = client.post("/ask", data={"question": ""})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    assert "question" in BeautifulSoup(r.text, "html.parser").select_one(".error-message").get_text()
    r = client.get("/nothing", headers={"accept": "application/json"})
    assert_envelope(r, 404)


def test_rate_limit_is_429_with_retry_after(library_dir: Path) -> None:
    with TestClient(make_app(library_dir, ask_rate_per_minute=2)) as c:
        for _ in range(2):
            assert (
                c.post("/api/ask", json={"question": "Is metformin first-line for type 2 diabetes?"}).status_code == 201
            )
        r = c.post("/api/ask", json={"question": "Is metformin first-line for type 2 diabetes?"})
        out = assert_envelope(r, 429)
        assert 1 <= int(r.headers["retry-after"]) <= 60
        assert "2 per minute" in out["error"]
        r = c.post("/ask", data={"question": "again?"}, headers={"accept": "text/html"})
        assert r.status_code == 429 and "text/html" in r.headers["content-type"] and r.headers["retry-after"]
        assert c.get("/api/health").status_code == 200  # reading is not limited


def test_unhandled_error_is_generic_500(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(library_dir)

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret-internal-detail in /srv/clinevidence/answer.py")

    monkeypatch.setattr(app.state.answers, "ask", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/ask", json={"question": "Is metformin first-line?"})
        out = assert_envelope(r, 500)
        assert "secret-internal-detail" not in r.text and "RuntimeError" not in r.text
        assert out["error"].startswith("Something went wrong")
        assert r.headers["content-security-policy"]  # headers even on a crash
        r = c.post("/ask", data={"question": "Is metformin first-line?"})
        assert r.status_code == 500 and "text/html" in r.headers["content-type"]
        assert "secret-internal-detail" not in r.text and "Traceback" not in r.text


# -- HTML pages --------------------------------------------------------------------------------------------


def html_routes(client: TestClient, seed: dict) -> list[str]:
    return ["/", "/?q=tamoxifen", "/editorial-policy", seed["url"], "/docs", "/articles/nope", "/missing"]


def test_security_headers_on_every_html_route(client: TestClient, seed: dict) -> None:
    for path in [*html_routes(client, seed), "/static/style.css", "/api/health", f"{seed['url']}.md"]:
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        for directive in REQUIRED_CSP:
            assert directive in csp, (path, csp)
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] in ("no-referrer", "same-origin")
        assert r.headers["x-frame-options"] == "DENY"
    page_csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in page_csp and "style-src 'self';" in page_csp and "unsafe" not in page_csp


def test_html_pages_have_no_inline_script_or_style(client: TestClient, seed: dict) -> None:
    for path in html_routes(client, seed):
        r = client.get(path)
        assert "text/html" in r.headers["content-type"]
        soup = BeautifulSoup(r.text, "html.parser")
        assert not soup.find("style")
        assert all(t.get("src") for t in soup.find_all("script")), path
        if path != "/docs":  # Swagger UI's own bundle is the one script allowed from elsewhere
            assert executable_markup(r.text) == [], path


def test_article_page_layout(client: TestClient, seed: dict) -> None:
    soup = BeautifulSoup(client.get(seed["url"]).text, "html.parser")
    assert soup.h1.get_text(strip=True) == seed["title"]
    assert soup.select_one(".question-asked").get_text(strip=True) == seed["question"]
    assert "Educational purpose only • content pending human review" in soup.select_one(".banner").get_text()
    steps = [li.get_text(strip=True) for li in soup.select(".steps li")]
    assert steps == ["Submitted", "Under Review", "Approved"]
    assert soup.select_one('.steps li[aria-current="step"]').get_text(strip=True) == "Submitted"
    assert re.search(r"Last updated: [A-Z][a-z]+ \d{1,2}, \d{4}", soup.select_one(".updated").get_text(" ", strip=True))
    # Every citation number opens its quote and reference, as native (keyboard-accessible) details/summary.
    cites = soup.select("details.cite")
    assert len(cites) == sum(len(s["citations"]) for s in statements(seed))
    for d in cites:
        assert d.summary and d.summary.sup and d.select_one(".cite-quote").get_text(strip=True)
        assert d.select_one(".cite-ref a")["href"].startswith("#ref-")
    assert len(soup.select(".statement .badge-supported, .statement .badge-unsupported")) == len(statements(seed))
    refs = soup.select(".reference-list > li")
    assert len(refs) == len(seed["references"])
    assert {b.get_text(strip=True) for b in soup.select(".reference-list .badge")} == {"Guideline", "Research"}
    hrefs = {a["href"] for a in soup.select(".reference-list a")}
    assert "https://pubmed.ncbi.nlm.nih.gov/23020162/" in hrefs and "https://doi.org/10.1056/NEJMoa1209124" in hrefs
    assert soup.select_one(".disclaimer").get_text().count(seed["disclaimer"][:60]) == 1
    assert soup.find("a", href="/editorial-policy")
    assert soup.select_one(f'form[action="/articles/{seed["id"]}/followup"] textarea[name=question]')
    suggested = soup.select(".suggested button")
    assert [b.get_text(strip=True) for b in suggested] == seed["follow_ups"]
    exports = {a["href"] for a in soup.select(".exports a")}
    assert {f"{seed['url']}{ext}" for ext in (".json", ".md", ".fhir.json", ".ris", ".bib", ".csl.json")} == exports
    receipt = soup.select_one(".receipt").get_text(" ", strip=True)
    assert seed["receipt"]["config_hash"] in receipt and seed["receipt"]["library_snapshot"] in receipt
    assert "Do not enter patient names or other identifiers" in soup.get_text()


def test_ask_page(client: TestClient, seed: dict) -> None:
    soup = BeautifulSoup(client.get("/").text, "html.parser")
    form = soup.select_one('form[action="/ask"][method=post]')
    assert form.select_one("textarea[name=question][required]")
    assert "Do not enter patient names or other identifiers" in form.get_text()
    assert "Which best describes you?" in form.get_text()
    assert {i["value"] for i in form.select("input[name=audience]")} == {"clinician", "student", "patient"}
    assert soup.select_one('form[role=search] input[name="q"]')
    assert soup.find("a", href=seed["url"])  # recent articles
    results = BeautifulSoup(client.get("/", params={"q": "tamoxifen"}).text, "html.parser")
    assert results.find("a", href=seed["url"])


def test_ask_form_redirects_and_remembers_the_audience(library_dir: Path) -> None:
    with TestClient(make_app(library_dir)) as c:
        r = c.post("/ask", data={"question": SEED_QUESTION, "audience": "patient"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/articles/")
        cookie = r.headers["set-cookie"].lower()
        assert "audience=patient" in cookie and "samesite=lax" in cookie and "httponly" in cookie
        article = c.get(r.headers["location"] + ".json").json()
        assert article["audience"] == "patient"
        checked = BeautifulSoup(c.get("/").text, "html.parser").select_one("input[name=audience][checked]")
        assert checked["value"] == "patient"


def test_follow_up_form_and_suggested_questions(client: TestClient, seed: dict) -> None:
    r = client.post(f"/articles/{seed['id']}/followup", data={"question": FOLLOW_UP}, follow_redirects=False)
    assert r.status_code == 303
    new = client.get(r.headers["location"] + ".json").json()
    assert new["thread_id"] == seed["thread_id"] and new["parent_id"] == seed["id"]
    page = BeautifulSoup(client.get(r.headers["location"]).text, "html.parser")
    assert page.select_one(".thread-list").find("a", href=seed["url"])  # linked to the thread


def test_audience_switch_creates_then_reuses_a_variant(client: TestClient, seed: dict) -> None:
    offer = client.get(f"{seed['url']}?audience=patient", follow_redirects=False)
    assert offer.status_code == 200  # a GET writes nothing: it offers a form that writes the variant
    action = f"/articles/{seed['id']}/variant"
    assert BeautifulSoup(offer.text, "html.parser").select_one(f'form[action="{action}"][method=post]')
    r = client.post(action, data={"audience": "patient"}, follow_redirects=False)
    assert r.status_code == 303
    variant_url = r.headers["location"]
    assert variant_url != seed["url"]
    variant = client.get(variant_url + ".json").json()
    assert variant["audience"] == "patient" and variant["question"] == seed["question"]
    assert variant["thread_id"] == seed["thread_id"] and variant["parent_id"] == seed["id"]
    again = client.get(f"{seed['url']}?audience=patient", follow_redirects=False)
    assert again.headers["location"] == variant_url  # reused, not regenerated
    back = client.get(f"{variant_url}?audience=clinician", follow_redirects=False)
    assert back.headers["location"] == seed["url"]
    same = client.get(f"{seed['url']}?audience=clinician")
    assert same.status_code == 200
    assert client.get(f"{seed['url']}?audience=robot").status_code == 422


def test_emergency_notice_comes_first(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": "I have crushing chest pain right now, what should I do?"})
    art = r.json()
    assert art["notice"]
    soup = BeautifulSoup(client.get(art["url"]).text, "html.parser")
    article = soup.select_one("article")
    first = article.find(True)
    assert "notice" in first.get("class", []) and art["notice"] in first.get_text()


def test_llm_engine_failures_are_clear(library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from clinevidence.answer.providers.errors import ProviderError, ProviderUnavailable

    app = make_app(library_dir)
    errors = iter(
        [ProviderUnavailable(), ProviderError("timeout at http://10.0.0.5", retryable=True), ProviderError("bad")]
    )

    def fail(*args: object, **kwargs: object) -> None:
        raise next(errors)

    monkeypatch.setattr(app.state.answers, "ask", fail)
    with TestClient(app) as c:
        out = assert_envelope(c.post("/api/ask", json={"question": "Is metformin first-line?", "engine": "llm"}), 422)
        assert "extractive" in out["error"] and out["errors"][0]["field"] == "engine"
        r = c.post("/api/ask", json={"question": "Is metformin first-line?", "engine": "llm"})
        assert_envelope(r, 503)
        assert r.headers["retry-after"] == "60" and "10.0.0.5" not in r.text
        assert_envelope(c.post("/api/ask", json={"question": "Is metformin first-line?", "engine": "llm"}), 502)


def test_approved_article_drops_the_pending_banner(library_dir: Path) -> None:
    from sqlalchemy import update

    from clinevidence.library import tables as t

    app = make_app(library_dir)
    with TestClient(app) as c:
        art = c.post("/api/ask", json={"question": "Is metformin first-line therapy for type 2 diabetes?"}).json()
        with app.state.library.engine.begin() as conn:
            conn.execute(update(t.articles).where(t.articles.c.id == art["id"]).values(status="approved"))
        soup = BeautifulSoup(c.get(art["url"]).text, "html.parser")
        assert "pending human review" not in soup.get_text()
        assert soup.select_one(".banner-approved")
        assert soup.select_one('.steps li[aria-current="step"]').get_text(strip=True) == "Approved"
        assert [s["class"] for s in soup.select(".steps li")][:2] == [["step", "step-done"], ["step", "step-done"]]
        home = BeautifulSoup(c.get("/").text, "html.parser")
        assert home.select_one("#approved-title").find_parent("section").find("a", href=art["url"])
        assert c.get(f"{art['url']}.fhir.json").json()["entry"][0]["resource"]["status"] == "active"
        assert "pending human review" not in c.get(f"{art['url']}.md").text
        assert c.get(art["url"] + ".json").json()["status"] == "approved"
