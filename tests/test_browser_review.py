"""Chromium (Debian's, driven by Playwright): the Medical Advisory Board at work.

1. A reviewer claims a patient's question, changes the title and recommendation, cites a document found through
   the library search, adds a statement, with a note on every change; a second reviewer reads the side-by-side
   diff and approves; the public page shows the new content and "Reviewed by".
2. The gate: an unsupported bottom line shows why Approve is unavailable, next to the button; a board member marks
   it as an expert statement; a third member approves; readers see the mark and who vouched for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .browser_support import CHROMIUM as CHROMIUM_PATH
from .browser_support import chromium, serve
from .web_support import SEED_QUESTION, build_library, make_app

CHROMIUM = Path(CHROMIUM_PATH)
PASSWORD = "a long board password"
PENDING = "Educational purpose only • content pending human review"
NEW_TITLE = "Tamoxifen with T-DM1: Do Not Combine"
ADDED = (
    "Pertuzumab plus trastuzumab plus a taxane is the standard first-line therapy for HER2-positive metastatic "
    "breast cancer."
)
UNSUPPORTED = "Tamoxifen is safe to combine with T-DM1 and improves survival."
RATIONALE = "Board consensus: no interaction study exists; the guideline's combination advice applies."

SLOW_MACHINE_MS = 90_000  # a shared 2-core machine can take a while; this bounds waits, it times nothing

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    app = make_app(build_library(tmp_path_factory.mktemp("browser-review") / "library"), ask_rate_per_minute=1000)
    accounts = app.state.accounts
    accounts.create_user("rita", PASSWORD, "reviewer", display_name="Dr Rita Reyes", credentials="MD, Oncology")
    accounts.create_user("raj", PASSWORD, "reviewer", display_name="Dr Raj Patel", credentials="PharmD")
    accounts.create_user("una", PASSWORD, "reviewer", display_name="Dr Una Obi", credentials="MD")
    with serve(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    with chromium() as b:
        yield b


@contextmanager
def person(browser, server: str):  # type: ignore[no-untyped-def]
    """A separate browser profile (its own cookies) for each person."""
    context = browser.new_context(base_url=server, viewport={"width": 1100, "height": 900})
    context.set_default_timeout(SLOW_MACHINE_MS)
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.click("a:text-is('Sign in')")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url("**/review")  # board members land on the review queue


def ask(browser, server: str, audience: str) -> str:  # type: ignore[no-untyped-def]
    with person(browser, server) as asker:
        asker.goto("/")
        asker.fill("#question", SEED_QUESTION)
        asker.check(f"input[name=audience][value={audience}]")
        asker.click("form[action='/ask'] button[type=submit]")
        asker.wait_for_url("**/articles/*")
        assert asker.get_by_text(PENDING).is_visible()
        return str(asker.url)


def save(page, block: str, button: str = "Save") -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.locator(block).get_by_role("button", name=button, exact=True).first.click()
    assert page.locator(".saved").is_visible(), page.locator(".form-error").all_inner_texts()


def test_claim_edit_cite_add_then_a_second_reviewer_approves(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    url = ask(browser, server, "clinician")
    with person(browser, server) as rita:
        sign_in(rita, "rita")
        rita.goto(url)
        with rita.expect_navigation():
            rita.click("#review button:text-is('Claim for review')")
        rita.click("#review a:text-is('Edit this article')")
        rita.wait_for_url("**/edit")
        assert "sections.0" not in rita.locator("main").inner_text()  # statements by text, never internal ids
        # Title and recommendation.
        rita.fill("#headline-title-input", NEW_TITLE)
        rita.select_option("#headline-recommendation", "contraindicated")
        rita.fill("#headline-label", "Do Not Combine")
        rita.fill("#headline-note", "state the advice plainly")
        save(rita, "#headline")
        # A citation through the library search.
        rita.fill("#doc-q", "CLEOPATRA pertuzumab")
        with rita.expect_navigation():
            rita.click("button:text-is('Search library')")
        hit = rita.locator(".library-results li", has_text="CLEOPATRA").first
        hit.locator("input[name=note]").fill("cite the first-line standard")
        with rita.expect_navigation():
            hit.get_by_role("button", name="Add as reference").click()
        cleopatra = rita.locator("#add .citations label", has_text="CLEOPATRA").locator("input")
        number = cleopatra.get_attribute("value")
        # Change an existing statement's citations: it now also cites the new reference.
        rita.locator(f"#st-2 input[name=citations][value='{number}']").check()
        rita.fill("#st-2-note", "also cite CLEOPATRA")
        save(rita, "#st-2", "Save statement")
        # Add a statement; check its support before saving.
        rita.fill("#add-new-section", "First-line treatment")
        rita.fill("#add-text", ADDED)
        rita.locator(f"#add input[name=citations][value='{number}']").check()
        rita.fill("#add-note", "first-line context")
        with rita.expect_navigation():
            rita.locator("#add").get_by_role("button", name="Check support").click()
        assert "support every changed statement" in rita.locator("#add .preview").inner_text()
        assert rita.locator("#add-text").input_value() == ADDED  # the input is kept
        save(rita, "#add", "Add statement")
        rita.goto(url)
        assert rita.locator("h1").inner_text().strip() == NEW_TITLE
        reason = rita.locator("#review .action-unavailable").inner_text()
        assert "Approve" in reason and "another board member" in reason  # shown, not silently missing

    with person(browser, server) as raj:
        sign_in(raj, "raj")
        raj.locator(".queue-list a", has_text=NEW_TITLE).first.click()
        raj.wait_for_url("**/articles/*")
        raj.click("#review a:text-is('Version history and diff')")
        raj.wait_for_url("**/history")
        raj.select_option("#from", "1")
        with raj.expect_navigation():
            raj.click("button:text-is('Show changes')")
        table = raj.locator(".diff-table")
        assert table.locator("ins", has_text="Combine").count() >= 1
        assert table.locator("ins", has_text=ADDED[:40]).count() >= 1
        assert "Dr Rita Reyes" in raj.locator(".review-editors").inner_text()
        raj.goto(url)
        with raj.expect_navigation():
            raj.click("#review button:text-is('Approve')")
        assert raj.get_by_text(PENDING).count() == 0

    with person(browser, server) as reader:
        reader.goto(url)
        assert reader.locator("h1").inner_text().strip() == NEW_TITLE
        assert reader.locator(".statement-text", has_text=ADDED).is_visible()
        assert "Reviewed by Dr Raj Patel, PharmD on" in reader.locator(".reviewed-by").inner_text()
        assert "Dr Rita Reyes" in reader.locator(".edited-by").inner_text()
        assert reader.locator("#review").count() == 0  # no board controls for the public
        assert reader.dialogs == []  # type: ignore[attr-defined]


def test_unsupported_claim_is_explained_then_an_expert_statement_is_approved(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    url = ask(browser, server, "patient")
    with person(browser, server) as rita:
        sign_in(rita, "rita")
        rita.goto(url)
        with rita.expect_navigation():
            rita.click("#review button:text-is('Claim for review')")
        rita.goto(url.split("?")[0] + "/edit")
        rita.fill("#st-1-text", UNSUPPORTED)
        rita.fill("#st-1-note", "the reviewer's own view")
        save(rita, "#st-1", "Save statement")
        assert UNSUPPORTED[:40] in rita.locator(".review-blockers").inner_text()

    with person(browser, server) as raj:
        sign_in(raj, "raj")
        raj.goto(url)
        assert raj.locator("#review button:text-is('Approve')").is_disabled()
        reason = raj.locator("#review .action-unavailable").inner_text()
        assert "cannot be approved" in reason and UNSUPPORTED[:40] in reason
        assert raj.locator(".bottom-line .cite-quote", has_text="improved").count() == 0  # no unrelated "quote"
        raj.click("#review a:text-is('Edit this article')")
        raj.wait_for_url("**/edit")
        raj.locator("#st-1 summary").click()
        raj.fill("#st-1-rationale", RATIONALE)
        raj.fill("#st-1-expert-note", "expert statement")
        with raj.expect_navigation():
            raj.click("#st-1 button:text-is('Mark as expert statement')")
        assert raj.locator(".review-blockers").count() == 0

    with person(browser, server) as una:
        sign_in(una, "una")
        una.goto(url)
        with una.expect_navigation():
            una.click("#review button:text-is('Approve')")
        assert una.locator(".banner-approved").is_visible()

    with person(browser, server) as reader:
        reader.goto(url)
        mark = reader.locator(".bottom-line .expert-statement").inner_text()
        assert "Expert statement" in mark and "Dr Raj Patel, PharmD" in mark and RATIONALE in mark
        assert "Reviewed by Dr Una Obi, MD on" in reader.locator(".reviewed-by").inner_text()


@pytest.mark.parametrize("width", [1100, 390])
def test_review_pages_have_no_axe_violations(browser, server: str, width: int) -> None:  # type: ignore[no-untyped-def]
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    url = ask(browser, server, "student")
    context = browser.new_context(base_url=server, viewport={"width": width, "height": 900})
    context.set_default_timeout(SLOW_MACHINE_MS)
    page = context.new_page()
    try:
        sign_in(page, "una")
        page.goto(url)
        if page.locator("#review button:text-is('Claim for review')").count():
            with page.expect_navigation():
                page.click("#review button:text-is('Claim for review')")
        page.goto(url + "/edit")
        page.fill("#st-1-text", UNSUPPORTED)
        page.fill("#st-1-note", "axe check")
        with page.expect_navigation():
            page.locator("#st-1").get_by_role("button", name="Check support").click()  # preview and blockers shown
        axe = axe_module.Axe()
        found: list[str] = []
        for path in ("/review", url, url + "/edit?doc_q=trastuzumab", None, url + "/history"):
            if path is not None:
                page.goto(path)
            found += [f"{path} {v['id']}: {len(v['nodes'])}" for v in axe.run(page).response["violations"]]
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
                found.append(f"{path}: wider than the {width} px screen")
        page.goto(url + "/edit")
        page.fill("#st-1-text", UNSUPPORTED)
        page.fill("#st-1-note", "axe check")
        save(page, "#st-1", "Save statement")
        page.goto(url)  # the refusal explained next to Approve
        found += [f"refused {v['id']}: {len(v['nodes'])}" for v in axe.run(page).response["violations"]]
        page.goto(url + "/history?from=1&to=2")
        found += [f"diff {v['id']}: {len(v['nodes'])}" for v in axe.run(page).response["violations"]]
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            found.append(f"diff: wider than the {width} px screen")
        assert found == []
    finally:
        context.close()
