"""Helpers for the web tests: a fixture library (tests/fixtures/web) and an in-process app."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from fastapi import FastAPI

from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.settings import Settings
from clinevidence.web.app import create_app

WEB_CORPUS = Path(__file__).parent / "fixtures" / "web" / "corpus.jsonl"
SEED_QUESTION = (
    "Is it safe to use tamoxifen with T-DM1 (Trastuzumab emtansine) in patients with HER2-positive breast cancer?"
)
FOLLOW_UP = "What about with pertuzumab?"
REQUIRED_CSP = ("default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'")


def build_library(path: Path, extra_docs: Iterable[dict[str, Any]] = ()) -> Path:
    """A library at ``path`` with the web fixture corpus plus ``extra_docs`` (BEIR records)."""
    lib = Library(path)
    counts = ingest(lib, [WEB_CORPUS])
    assert counts.added == 6, counts.errors
    extra = list(extra_docs)
    if extra:
        jsonl = path.parent / f"{path.name}-extra.jsonl"
        jsonl.write_text("".join(json.dumps(d) + "\n" for d in extra), encoding="utf-8")
        counts = ingest(lib, [jsonl])
        assert counts.skipped == 0, counts.errors
    lib.close()
    return path


def make_app(path: Path, **settings: Any) -> FastAPI:
    return create_app(path, Settings(library=path, **settings))


def own_script(tag: Any) -> bool:
    src = tag.get("src") or ""
    return src.startswith("/static/") and not tag.get_text(strip=True)


_URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc", "content")


def executable_markup(html: str) -> list[str]:
    """Everything in ``html`` that could run script: foreign <script>, on* attributes, javascript: URLs."""
    problems: list[str] = []
    soups = {parser: BeautifulSoup(html, parser) for parser in ("html.parser", "lxml")}
    for parser, soup in soups.items():
        for tag in soup.find_all(True):
            if tag.name == "script" and not own_script(tag):
                problems.append(f"{parser}: foreign <script>: {str(tag)[:80]}")
            if tag.name in ("iframe", "object", "embed", "base", "frame", "applet"):
                problems.append(f"{parser}: <{tag.name}> element")
            if tag.name == "meta" and tag.get("http-equiv"):
                problems.append(f"{parser}: <meta http-equiv> element")
            for name, value in tag.attrs.items():
                if name.lower().startswith("on"):
                    problems.append(f"{parser}: on* attribute {name}= on <{tag.name}>")
                if name.lower() == "style":
                    problems.append(f"{parser}: inline style on <{tag.name}>")
                text = " ".join(value) if isinstance(value, list) else str(value)
                squashed = "".join(ch for ch in text if ch.isprintable() and not ch.isspace()).lower()
                if name.lower() in _URL_ATTRS and any(
                    s in squashed for s in ("javascript:", "vbscript:", "data:text/html")
                ):
                    problems.append(f"{parser}: script URL in {name}= on <{tag.name}>")
    own = sum(1 for t in soups["html.parser"].find_all("script") if own_script(t))
    raw = html.lower().count("<script")
    if raw != own:
        problems.append(f"raw '<script' count {raw} != own script tags {own}")
    return problems


def parse_events(text: str) -> list[tuple[str, dict]]:
    """Split a server-sent-events body into (event, data) pairs."""
    out: list[tuple[str, dict]] = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in lines:
            out.append((lines["event"], json.loads(lines.get("data", "{}"))))
    return out
