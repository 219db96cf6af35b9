"""Chromium (Debian's, driven by Playwright) against a live server: ask, cite, switch audience, follow up."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library

from .browser_support import CHROMIUM as CHROMIUM_PATH
from .browser_support import chromium, serve
from .web_support import FOLLOW_UP, SEED_QUESTION, build_library, make_app

CHROMIUM = Path(CHROMIUM_PATH)
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "screenshot-article.png"
STARTER = ROOT / "examples" / "library"
SENTINEL = "window.__xss = 1"
SENTINEL_PAYLOADS = [
    f"<script>{SENTINEL}</script>",
    f'<img src=x onerror="{SENTINEL}">',
    f"<svg onload={SENTINEL}>",
    f'"><img src=x onerror={SENTINEL}>',
    f"<details open ontoggle={SENTINEL}>",
    f"javascript:{SENTINEL}",
]

pytestmark = pytest.mark.browser


@contextmanager
def _serve(library: Path) -> Iterator[str]:
    with serve(make_app(library, ask_rate_per_minute=1000)) as url:
        yield url


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    sentinel_docs = [
        {
            "_id": "sentinel-doc",
            "title": f"Zorblax sentinel guideline {p}",
            "text": f"Zorblax is recommended for pretend syndrome. {p} Zorblax is given once daily.",
            "metadata": {"type": "guideline", "source": p, "url": f"javascript:{SENTINEL}", "doi": p, "pmid": p},
        }
        for p in SENTINEL_PAYLOADS[:1]
    ] + [
        {
            "_id": f"sentinel-doc-{i}",
            "title": f"{p} Zorblax sentinel study {i}",
            "text": f"Zorblax improved outcomes in pretend syndrome. {p}",
            "metadata": {"type": "rct", "year": 2020, "source": p},
        }
        for i, p in enumerate(SENTINEL_PAYLOADS)
    ]
    path = build_library(tmp_path_factory.mktemp("browser") / "library", sentinel_docs)
    with _serve(path) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, viewport={"width": 1100, "height": 900})
    p = context.new_page()
    p.dialogs = []  # type: ignore[attr-defined]
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield p
    context.close()


def _article_json(page, url: str) -> dict:  # type: ignore[no-untyped-def]
    r = page.request.get(url.split("?")[0] + ".json")
    assert r.ok
    return r.json()  # type: ignore[no-any-return]


def test_ask_cite_switch_audience_follow_up(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    assert page.get_by_text("Do not enter patient names or other identifiers").first.is_visible()
    page.fill("#question", SEED_QUESTION)
    page.check("input[name=audience][value=clinician]")
    page.click("form[action='/ask'] button[type=submit]")
    page.wait_for_url("**/articles/*")
    first = _article_json(page, page.url)
    assert page.locator("h1").inner_text().strip() == first["title"]
    assert page.get_by_text("Educational purpose only • content pending human review").is_visible()

    # A citation opens its supporting quote, by mouse and by keyboard.
    cite = page.locator("details.cite").first
    quote = cite.locator(".cite-quote")
    assert not quote.is_visible()
    cite.locator("summary").click()
    quote.wait_for(state="visible")
    assert quote.inner_text().strip()
    page.keyboard.press("Escape")
    quote.wait_for(state="hidden")
    cite.locator("summary").focus()
    page.keyboard.press("Enter")
    quote.wait_for(state="visible")
    page.keyboard.press("Escape")

    # Switch the audience: the same question, written for patients, in the same thread.
    page.click(".audience-switch a:text-is('Patient')")
    page.click("form[action$='/variant'] button[type=submit]")  # a GET offers; the POST writes the variant
    page.wait_for_url(lambda url: first["id"] not in url)
    patient = _article_json(page, page.url)
    assert patient["audience"] == "patient" and patient["thread_id"] == first["thread_id"]
    assert page.locator(".audience-switch a[aria-current]").inner_text().strip() == "Patient"
    assert page.locator("h1").inner_text().strip() == patient["title"]

    # A follow-up becomes its own article, linked into the thread.
    page.fill("#followup-question", FOLLOW_UP)
    page.click("form[action$='/followup'] button:text-is('Ask follow-up')")
    page.wait_for_url(lambda url: patient["id"] not in url)
    follow = _article_json(page, page.url)
    assert follow["thread_id"] == first["thread_id"] and follow["parent_id"] == patient["id"]
    assert "tamoxifen" in follow["title"].lower()
    assert page.locator("h1").inner_text().strip() == follow["title"]
    thread = page.locator(".thread-list")
    assert thread.locator(f"a[href='/articles/{first['id']}']").count() == 1
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_xss_sentinel_never_fires(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("#question", f"Is zorblax recommended for pretend syndrome? {SENTINEL_PAYLOADS[1]}")
    page.click("form[action='/ask'] button[type=submit]")
    page.wait_for_url("**/articles/*")
    article = _article_json(page, page.url)
    assert any(r["doc_id"].startswith("sentinel-doc") for r in article["references"])
    for cite in page.locator("details.cite summary").all():
        cite.click()  # opening every quote renders the payload-bearing passages
        page.keyboard.press("Escape")
    for payload in SENTINEL_PAYLOADS[:3]:
        page.goto(f"/?q={payload}")
    page.goto(f"/articles/{article['id']}")
    page.fill("#followup-question", SENTINEL_PAYLOADS[0])
    page.click("form[action$='/followup'] button:text-is('Ask follow-up')")
    page.wait_for_url(lambda url: article["id"] not in url)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []  # type: ignore[attr-defined]


@pytest.mark.skipif(os.environ.get("CLINEVIDENCE_SCREENSHOT") != "1", reason="set CLINEVIDENCE_SCREENSHOT=1")
def test_article_screenshot(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """docs/screenshot-article.png: the seed question over the starter library (fixture library if absent)."""
    library = tmp_path / "library"
    if STARTER.is_dir():
        lib = Library(library)
        ingest(lib, [STARTER])
        lib.close()
    else:
        build_library(library)
    with _serve(library) as url:
        context = browser.new_context(base_url=url, viewport={"width": 1100, "height": 900})
        page = context.new_page()
        page.goto("/")
        page.fill("#question", SEED_QUESTION)
        page.click("form[action='/ask'] button[type=submit]")
        page.wait_for_url("**/articles/*")
        page.locator("details.cite summary").first.click()
        page.locator("details.cite .cite-quote").first.wait_for(state="visible")
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        context.close()
    assert SCREENSHOT.stat().st_size > 10_000
