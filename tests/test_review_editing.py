"""Reviewer editing, over the API and the HTML editing page: headline, statements added, moved, removed,
citations chosen through a library search, references, expert marks; "Check support" before saving; errors shown
in place with the input kept; statements named by text and section; a readable side-by-side diff."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clinevidence.review.versions import ArticleEdit, apply_edit, side_by_side

from .review_support import make_article, member, sample_answer
from .web_support import REQUIRED_CSP, build_library, executable_markup, make_app

PASSWORD = "board member password"
INTERNAL_REF = re.compile(r"\b(summary\.\d+|sections\.\d+\.\d+)\b")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    application = make_app(build_library(tmp_path_factory.mktemp("review-edit") / "library"))
    application.state.accounts.create_user("rita", PASSWORD, "reviewer", display_name="Dr Rita", credentials="MD")
    application.state.accounts.create_user("reader", PASSWORD, "reader")
    with TestClient(application):
        yield application


def signed_in(app: FastAPI, username: str = "rita") -> tuple[TestClient, str]:
    c = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    token = c.post("/api/session", json={"username": username, "password": PASSWORD}).json()["csrf_token"]
    return c, token


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    return soup.get_text(" ", strip=True)


def test_api_edits_headline_add_move_remove(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    c, token = signed_in(app)
    h = {"X-CSRF-Token": token}
    body = {
        "version": 1,
        "title": "Tamoxifen with T-DM1: Avoid",
        "recommendation": "contraindicated",
        "verdict_label": "Avoid",
        "add_statements": [
            {
                "section": "Cautions",
                "text": "Guidelines do not recommend adding tamoxifen or other endocrine therapy to T-DM1 in "
                "HER2-positive metastatic breast cancer.",
                "citations": [1],
            }
        ],
        "moves": [{"ref": "sections.0.1", "offset": -1}],
        "note": "stronger wording",
    }
    preview = c.post(f"/api/articles/{aid}/edit/preview", json=body, headers=h)
    assert preview.status_code == 200, preview.text
    p = preview.json()
    assert p["title"] == "Tamoxifen with T-DM1: Avoid" and p["blockers"] == []
    assert [s["section"] for s in p["statements"]][-1] == "Cautions" and p["statements"][-1]["supported"] is True
    assert c.get(f"/api/articles/{aid}").json()["version"] == 1  # a check saves nothing
    r = c.patch(f"/api/articles/{aid}", json=body, headers=h)
    assert r.status_code == 200 and r.json()["version"] == 2, r.text
    a = c.get(f"/api/articles/{aid}").json()
    assert (a["title"], a["recommendation"], a["verdict_label"]) == (
        "Tamoxifen with T-DM1: Avoid",
        "contraindicated",
        "Avoid",
    )
    assert a["sections"][0]["statements"][0]["text"] == "T-DM1 improved survival in the EMILIA trial."
    assert a["sections"][-1]["heading"] == "Cautions"
    r = c.patch(f"/api/articles/{aid}", json={"version": 2, "remove": ["sections.1.0"]}, headers=h)
    assert r.status_code == 200 and len(c.get(f"/api/articles/{aid}").json()["sections"]) == 1
    listed = c.get("/api/articles?q=Avoid").json()["articles"]  # the title column follows the edit
    assert aid in {x["id"] for x in listed}


def test_recommendation_alone_sets_the_label_and_title(app: FastAPI) -> None:
    lib = app.state.library
    new, _ = apply_edit(
        sample_answer(), ArticleEdit(version=1, recommendation="recommended"), lib.get_documents, lib.passages_of
    )
    assert new.recommendation == "recommended" and new.verdict_label != "Not Recommended"
    assert new.title.endswith(new.verdict_label)


def test_editing_page_labels_statements_by_text_and_keeps_input_on_error(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    c, token = signed_in(app)
    page = c.get(f"/articles/{aid}/edit")
    assert page.status_code == 200
    assert all(part in page.headers["content-security-policy"] for part in REQUIRED_CSP)
    assert executable_markup(page.text) == []
    assert not INTERNAL_REF.search(visible_text(page.text))
    assert not INTERNAL_REF.search(visible_text(c.get(f"/articles/{aid}").text))
    soup = BeautifulSoup(page.text, "html.parser")
    labels = [h.get_text(" ", strip=True) for h in soup.select(".statement-label")]
    assert labels[0].startswith("Bottom line: “Tamoxifen with T-DM1 is not recommended")
    assert labels[1].startswith("Evidence: “T-DM1 is given as monotherapy")
    # No citation ticked: refused in place, the typed text kept, nothing saved.
    typed = "A reworded statement the reviewer does not want to lose."
    data = {"csrf_token": token, "version": 1, "op": "statement", "ref": "sections.0.0", "text": typed,
            "citations_given": "1", "note": "reword", "intent": "save"}  # fmt: skip
    r = c.post(f"/articles/{aid}/edit", data=data)
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    block = soup.select_one("#st-2")
    assert "at least one reference" in block.select_one(".form-error").get_text()
    assert block.select_one("textarea[name=text]").get_text() == typed
    assert block.select_one("input[name=note]")["value"] == "reword"
    assert c.get(f"/api/articles/{aid}").json()["version"] == 1
    # An unchanged save says so in place too (never a raw error page).
    same = {**data, "text": "T-DM1 is given as monotherapy at 3.6 mg/kg every three weeks.", "citations": ["1"]}
    r = c.post(f"/articles/{aid}/edit", data=same)
    assert (
        r.status_code == 422
        and "changes nothing" in BeautifulSoup(r.text, "html.parser").select_one("#st-2 .form-error").text
    )


def test_check_support_then_save_on_the_page(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    c, token = signed_in(app)
    unsupported = "Tamoxifen is safe to combine with T-DM1 and improves survival."
    data = {"csrf_token": token, "version": 1, "op": "statement", "ref": "summary.0", "text": unsupported,
            "citations_given": "1", "citations": ["1", "2"], "note": "try", "intent": "preview"}  # fmt: skip
    r = c.post(f"/articles/{aid}/edit", data=data)
    assert r.status_code == 200
    soup = BeautifulSoup(r.text, "html.parser")
    preview = soup.select_one("#st-1 .preview").get_text(" ", strip=True)
    assert "do not support" in preview and "would still be blocked" in preview
    assert soup.select_one("#st-1 textarea[name=text]").get_text() == unsupported
    assert [i["value"] for i in soup.select("#st-1 input[name=citations][checked]")] == ["1", "2"]
    assert c.get(f"/api/articles/{aid}").json()["version"] == 1
    r = c.post(f"/articles/{aid}/edit", data={**data, "intent": "save"})
    assert r.status_code == 303 and r.headers["location"].startswith(f"/articles/{aid}/edit?saved=2")
    page = BeautifulSoup(c.get(r.headers["location"]).text, "html.parser")
    assert "Saved as version 2" in page.select_one(".saved").text
    assert unsupported[:30] in page.select_one(".review-blockers").get_text()


def test_cite_a_document_found_by_searching_the_library(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    c, token = signed_in(app)
    page = BeautifulSoup(c.get(f"/articles/{aid}/edit?doc_q=pertuzumab CLEOPATRA").text, "html.parser")
    results = page.select(".library-results li")
    assert results and "CLEOPATRA" in results[0].get_text()
    form = results[0].select_one("form")
    data = {i["name"]: i.get("value", "") for i in form.select("input")} | {
        "note": "add CLEOPATRA",
        "csrf_token": token,
    }
    r = c.post(form["action"].split("#")[0], data=data)
    assert r.status_code == 303, r.text
    refs = c.get(f"/api/articles/{aid}").json()["references"]
    assert refs[-1]["doc_id"] == "web-r2"
    # Now cite it from a statement instead of the old reference.
    text = (
        "Pertuzumab plus trastuzumab plus a taxane is the standard first-line therapy for HER2-positive metastatic "
        "breast cancer."
    )
    data = {"csrf_token": token, "version": 2, "op": "statement", "ref": "sections.0.1", "text": text,
            "citations_given": "1", "citations": [str(refs[-1]["n"])], "note": "cite CLEOPATRA"}  # fmt: skip
    assert c.post(f"/articles/{aid}/edit", data=data).status_code == 303
    st = c.get(f"/api/articles/{aid}").json()["sections"][0]["statements"][1]
    assert st["citations"] == [3] and st["supported"] is True
    # The unused reference can go; a cited one offers no remove button.
    page = BeautifulSoup(c.get(f"/articles/{aid}/edit").text, "html.parser")
    removable = [
        i.find_parent("form").select_one("input[name=n]")["value"] for i in page.select("input[value=remove_reference]")
    ]
    assert removable == ["2"]


def test_mark_expert_statement_and_general_comment_on_the_page(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    c, token = signed_in(app)
    data = {"csrf_token": token, "version": 1, "op": "expert", "ref": "sections.0.1", "rationale": "Well known.",
            "doc_id": "web-r1", "note": "expert", "intent": "save"}  # fmt: skip
    assert c.post(f"/articles/{aid}/edit", data=data).status_code == 303
    st = c.get(f"/api/articles/{aid}").json()["sections"][0]["statements"][1]
    assert st["expert"]["reviewer"] == "rita" and st["expert"]["reviewer_name"] == "Dr Rita, MD"
    r = c.post(f"/articles/{aid}/comments", data={"csrf_token": token, "version": 2, "text": "Looks right."})
    assert r.status_code == 303
    panel = BeautifulSoup(c.get(f"/articles/{aid}").text, "html.parser").select_one("#review")
    assert "Looks right." in panel.get_text()


def test_readers_cannot_open_the_editing_page(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    assert TestClient(app, follow_redirects=False).get(f"/articles/{aid}/edit").status_code == 303
    c, _ = signed_in(app, "reader")
    assert c.get(f"/articles/{aid}/edit").status_code == 403


def test_side_by_side_diff_is_word_level(app: FastAPI) -> None:
    old = sample_answer()
    lib = app.state.library
    text = "T-DM1 is given alone at 3.6 mg/kg every three weeks."
    new, _ = apply_edit(
        old,
        ArticleEdit(version=1, statements=[{"ref": "sections.0.0", "text": text}]),
        lib.get_documents,
        lib.passages_of,
    )
    rows = side_by_side(old, new)
    changed = [r for r in rows if r.kind == "changed"]
    assert len(changed) == 1
    assert ("del", "as monotherapy") in changed[0].old and ("ins", "alone") in changed[0].new
    aid = make_article(lib, author="x")
    c, token = signed_in(app)
    c.patch(f"/api/articles/{aid}", json={"version": 1, "statements": [{"ref": "sections.0.0", "text": text}]},
            headers={"X-CSRF-Token": token})  # fmt: skip
    api_rows = c.get(f"/api/articles/{aid}/diff?from=1&to=2").json()["rows"]
    assert [r for r in api_rows if r["kind"] == "changed"][0]["new"][1] == {"kind": "ins", "text": "alone"}
    page = BeautifulSoup(c.get(f"/articles/{aid}/history").text, "html.parser")
    assert page.select_one(".diff-table ins.diff-add").get_text() == "alone"
    assert "rewrote" in page.select_one(".review-editors").get_text()
    assert member("x", "reader").username == "x"


def test_comments_on_earlier_versions_name_the_statement_as_it_was(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    c, token = signed_in(app)
    h = {"X-CSRF-Token": token}
    note = {"text": "Check the dose.", "statement_ref": "sections.0.0", "version": 1}
    assert c.post(f"/api/articles/{aid}/comments", json=note, headers=h).status_code == 201
    assert (
        c.patch(f"/api/articles/{aid}", json={"version": 1, "remove": ["sections.0.0"]}, headers=h).status_code == 200
    )
    panel = BeautifulSoup(c.get(f"/articles/{aid}").text, "html.parser").select_one("#review")
    earlier = panel.find("h3", string="Comments on earlier versions").find_next("p").get_text(" ", strip=True)
    assert "Check the dose." in earlier and "Evidence: “T-DM1 is given as monotherapy" in earlier
    assert not INTERNAL_REF.search(panel.get_text(" ", strip=True))


def test_an_approved_article_says_why_it_cannot_be_edited(app: FastAPI) -> None:
    aid = make_article(app.state.library, author="x")
    svc = app.state.review
    svc.act(aid, member("prep", "reviewer"), "claim", version=1)
    svc.act(aid, member("prep", "reviewer"), "approve", version=1)
    c, token = signed_in(app)
    page = BeautifulSoup(c.get(f"/articles/{aid}/edit").text, "html.parser")
    assert "cannot be edited here" in page.select_one(".form-error").get_text()
    data = {"csrf_token": token, "version": 1, "op": "headline", "title": "New", "note": "n"}
    r = c.post(f"/articles/{aid}/edit", data=data)
    assert (
        r.status_code == 409 and "start a revision" in BeautifulSoup(r.text, "html.parser").select_one("#headline").text
    )
