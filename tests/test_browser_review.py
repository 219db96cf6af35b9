"""Chromium (Debian's, driven by Playwright): a reviewer edits a statement from the queue, a second board member
approves, an editor publishes, the pending banner disappears, and a patient then reads the reviewed article."""

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
EDITED = "Guidelines do not recommend tamoxifen with T-DM1 in HER2-positive breast cancer."

pytestmark = pytest.mark.browser


_serve = serve


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    app = make_app(build_library(tmp_path_factory.mktemp("browser-review") / "library"), ask_rate_per_minute=1000)
    accounts = app.state.accounts
    accounts.create_user("rita", PASSWORD, "reviewer", display_name="Dr Rita Reyes", credentials="MD, Oncology")
    accounts.create_user("raj", PASSWORD, "reviewer", display_name="Dr Raj Patel", credentials="PharmD")
    with _serve(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    with chromium() as b:
        yield b


@contextmanager
def person(browser, server: str):  # type: ignore[no-untyped-def]
    """A separate browser profile (its own cookies) for each person."""
    context = browser.new_context(base_url=server, viewport={"width": 1100, "height": 900})
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


def open_from_queue(page, title: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/review")
    page.locator(".queue-list a", has_text=title).first.click()
    page.wait_for_url("**/articles/*")


def test_review_edit_approve_then_a_patient_reads_it(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    # A patient asks; the answer is theirs to see at once, marked pending review with a stronger caution.
    with person(browser, server) as patient:
        patient.goto("/")
        patient.fill("#question", SEED_QUESTION)
        patient.check("input[name=audience][value=patient]")
        patient.click("form[action='/ask'] button[type=submit]")
        patient.wait_for_url("**/articles/*")
        article_url = patient.url
        title = patient.locator("h1").inner_text().strip()
        assert patient.get_by_text(PENDING).is_visible()
        assert patient.locator(".banner-caution").is_visible()

    # Reviewer 1 opens the queue, claims the article and edits a statement.
    with person(browser, server) as rita:
        sign_in(rita, "rita")
        assert rita.locator(".queue-list").get_by_text(title).first.is_visible()
        open_from_queue(rita, title)
        with rita.expect_navigation():
            rita.click("#review button:text-is('Claim for review')")
        rita.fill("#review textarea[name=text] >> nth=0", EDITED)
        with rita.expect_navigation():
            rita.locator("#review form[action$='/edit']").first.locator("button").click()
        assert rita.locator(".bottom-line").get_by_text(EDITED).is_visible()
        assert rita.locator("#review button:text-is('Approve')").count() == 0  # she edited it: four eyes
        assert rita.get_by_text(PENDING).is_visible()

    # Reviewer 2 (neither author nor last editor) approves the edited version: the pending banner goes.
    with person(browser, server) as raj:
        sign_in(raj, "raj")
        open_from_queue(raj, title)
        with raj.expect_navigation():
            raj.click("#review button:text-is('Approve')")
        assert raj.get_by_text(PENDING).count() == 0
        assert raj.locator(".banner-approved").is_visible()
        assert "Reviewed by Dr Raj Patel, PharmD on" in raj.locator(".reviewed-by").inner_text()
        raj.click(".site-nav a.nav-user")
        raj.click("form[action='/logout'] button")
        raj.wait_for_url(server + "/")
        assert raj.locator("a:text-is('Sign in')").is_visible()

    # A patient (a new visitor) asks the same question: the reviewed article is shown, with its reviewer.
    with person(browser, server) as reader:
        reader.goto("/")
        assert reader.locator(".lists a", has_text=title).first.is_visible()  # public list: approved only
        reader.fill("#question", SEED_QUESTION)
        reader.check("input[name=audience][value=patient]")
        reader.click("form[action='/ask'] button[type=submit]")
        reader.wait_for_url("**/articles/*")
        assert reader.url.split("?")[0] == article_url
        assert reader.get_by_text("This question has already been answered and reviewed").is_visible()
        assert reader.get_by_text(PENDING).count() == 0
        assert reader.locator(".bottom-line").get_by_text(EDITED).is_visible()
        assert reader.locator(".reviewed-by").is_visible()
        assert reader.locator("#review").count() == 0  # no board controls for the public
        assert reader.dialogs == []  # type: ignore[attr-defined]
