"""Chromium against a live server (issue 14): switching audience rewrites the article; from every patient statement
the clinician wording and its citation are one click (or one key press) away; students get a key-terms list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser_support import CHROMIUM, chromium, serve
from .web_support import SEED_QUESTION, build_library, make_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    path = build_library(tmp_path_factory.mktemp("browser-audience") / "library")
    with serve(make_app(path, ask_rate_per_minute=1000)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, viewport={"width": 1100, "height": 900})
    p = context.new_page()
    p.problems = []  # type: ignore[attr-defined]
    p.on("console", lambda m: _console(p, m))
    p.on("pageerror", lambda e: p.problems.append(str(e)))  # type: ignore[attr-defined]
    p.on("dialog", lambda d: (p.problems.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield p
    context.close()


def _console(page, message) -> None:  # type: ignore[no-untyped-def]
    """CSP refusals and script errors are console errors; the browser's own favicon request is not ours."""
    where = str(message.location.get("url", ""))
    if message.type == "error" and not where.endswith("/favicon.ico"):
        page.problems.append(f"{message.text} {where}")


def _json(page, url: str) -> dict:  # type: ignore[no-untyped-def]
    r = page.request.get(url.split("?")[0] + ".json")
    assert r.ok
    return r.json()  # type: ignore[no-any-return]


def _statements(article: dict) -> list[dict]:
    return [*article["summary"], *(s for sec in article["sections"] for s in sec["statements"])]


def _body(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.strip() for t in page.locator(".article .statement .statement-text").all_inner_texts()]


def _switch(page, audience: str, previous_id: str) -> dict:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.click(f".audience-switch a:text-is('{audience}')")
    offer = page.locator(".variant-offer button[type=submit]")  # a GET never writes: a new variant is a POST
    if offer.count():
        with page.expect_navigation():
            offer.click()
    page.wait_for_url(lambda url: previous_id not in url)
    assert page.locator(".audience-switch a[aria-current]").inner_text().strip() == audience
    return _json(page, page.url)


def _axe(page) -> list[str]:  # type: ignore[no-untyped-def]
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    found = axe_module.Axe().run(page).response["violations"]
    return [f"{v['id']}: {len(v['nodes'])}" for v in found]


def test_switching_audience_rewrites_the_article_and_keeps_the_evidence_one_click_away(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("#question", SEED_QUESTION)
    page.check("input[name=audience][value=clinician]")
    page.click("form[action='/ask'] button[type=submit]")
    page.wait_for_url("**/articles/*")
    clinician = _json(page, page.url)
    clinician_title = page.locator("h1").inner_text().strip()
    clinician_body = _body(page)
    assert clinician_title == clinician["title"] and clinician_body == [s["text"] for s in _statements(clinician)]
    assert page.locator("details.more").count() == 0 and page.locator(".key-terms").count() == 0

    # Patient: a new title and new body text, the same claims.
    patient = _switch(page, "Patient", clinician["id"])
    title = page.locator("h1").inner_text().strip()
    body = _body(page)
    assert title == patient["title"] and title != clinician_title
    assert body == [s["text"] for s in _statements(patient)] and body != clinician_body
    assert not set(body) & set(clinician_body)

    # From every patient statement, one click shows the clinician wording and the reference it cites.
    refs = {r["n"]: r["title"] for r in patient["references"]}
    items = page.locator(".article .statement")
    assert items.count() == len(_statements(patient)) > 0
    for i, st in enumerate(_statements(patient)):
        item = items.nth(i)
        wording = item.locator("details.more-clinician")
        shown = wording.locator(".clinician-text")
        cite = wording.locator(".clinician-cite")
        assert not shown.is_visible()
        wording.locator("summary").click()
        shown.wait_for(state="visible")
        assert shown.inner_text().strip() == st["clinician_text"]
        assert cite.is_visible()
        for n in st["citations"]:
            link = cite.locator(f"a[href='#ref-{n}']")
            assert link.is_visible() and refs[n] in link.inner_text()
        wording.locator("summary").click()
        shown.wait_for(state="hidden")

    # Keyboard: Tab reaches the toggles, Enter opens them; the details toggle lists what left the plain text.
    with_details = [i for i, st in enumerate(_statements(patient)) if st["details"]]
    assert with_details, "the fixture has a statistic that moves to the details toggle"
    item = items.nth(with_details[0])
    toggle = item.locator("details.more-details")
    toggle.locator("summary").focus()
    page.keyboard.press("Enter")
    toggle.locator("li").first.wait_for(state="visible")
    assert toggle.locator("li").all_inner_texts() == _statements(patient)[with_details[0]]["details"]
    page.keyboard.press("Tab")  # the next stop is the clinician wording of the same statement
    assert page.evaluate("document.activeElement.closest('details').className") == "more more-clinician"
    page.keyboard.press("Enter")
    item.locator(".clinician-text").wait_for(state="visible")
    assert _axe(page) == []  # both toggles open
    item.locator(".clinician-cite a").first.click()  # and the reference list is one more click
    assert page.url.endswith(f"#ref-{_statements(patient)[with_details[0]]['citations'][0]}")

    # Student: the title and body change again, and the key terms are listed.
    student = _switch(page, "Student", patient["id"])
    assert page.locator("h1").inner_text().strip() == student["title"] != title
    student_body = _body(page)
    assert student_body != body and student_body != clinician_body
    terms = page.locator(".key-terms dt")
    assert terms.all_inner_texts() == [kt["term"] for kt in student["key_terms"]] and terms.count() > 0
    assert page.locator(".key-terms h2").inner_text().strip() == "Key terms"
    assert page.locator("details.more").count() == 0
    assert _axe(page) == []
    assert page.problems == []  # type: ignore[attr-defined]  # no CSP refusal, script error or dialog


@pytest.mark.parametrize("audience", ["patient", "student"])
def test_toggles_and_key_terms_fit_a_phone_screen(browser, server: str, audience: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        r = page.request.post("/api/ask", data={"question": SEED_QUESTION, "audience": audience})
        assert r.ok, r.text()
        page.goto(r.json()["url"])
        summaries = page.locator("details.more > summary")
        assert (summaries.count() > 0) == (audience == "patient")
        for i in range(summaries.count()):  # everything open at once: the widest the page gets
            summaries.nth(i).click()
        assert (page.locator(".key-terms dt").count() > 0) == (audience == "student")
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert _axe(page) == []
    finally:
        context.close()
