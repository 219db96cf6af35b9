"""Markdown guidelines and summaries: YAML front matter for metadata, headings for the section path.

The body is rendered with markdown-it-py and sectioned by the HTML walker, so raw HTML inside Markdown is
cleaned exactly like an HTML page (hidden text dropped).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from ..models import DocType, Document
from ..text import normalize
from .base import (
    DEFAULT_LIMITS,
    Deadline,
    LimitExceeded,
    Limits,
    Record,
    RecordError,
    check_depth,
    check_file_size,
    clean_doi,
    parse_year,
)
from .html import clean, file_id, html_sections, http_url

KNOWN_KEYS = frozenset({"id", "title", "type", "source", "year", "pmid", "doi", "url", "mesh"})
MAX_FRONT_MATTER = 64_000
MAX_EXTRA_VALUE = 4_000
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class FrontMatterError(ValueError):
    """The YAML block at the top of a Markdown file is unusable."""


def read_markdown(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """One Document per Markdown file (see the module docstring); size, depth and time bounded by ``limits``."""
    try:
        check_file_size(path, limits.max_file_bytes)
        yield markdown_document(path, limits)
    except LimitExceeded as exc:
        yield RecordError(path.name, "file", str(exc))
    except RecursionError:
        yield RecordError(path.name, "file", "Markdown nested too deeply")


def markdown_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Record:
    """The Document of one Markdown file, or the RecordError explaining why there is none."""
    deadline = Deadline(limits.file_seconds)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return RecordError(path.name, "file", f"not UTF-8 text (byte {exc.start})")
    try:
        meta, body = split_front_matter(text)
    except FrontMatterError as exc:
        return RecordError(path.name, "front matter", str(exc))
    fm_title = _line(meta.get("title"))
    html = _md.render(body).encode("utf-8")
    check_depth(html, limits.max_depth)  # raw HTML inside Markdown can nest as deep as any page
    deadline.check()
    soup = BeautifulSoup(html, "lxml")
    root = soup.body or soup
    clean(root, deadline)
    heading, sections = html_sections(root, fm_title or None, max_level=6, deadline=deadline)
    if not sections and not (fm_title or heading):
        return RecordError(path.name, "file", "no title and no text")
    title = fm_title or heading or path.stem
    doc_id = _line(meta.get("id")) or file_id(path)
    if len(doc_id) > 200:
        return RecordError(path.name, "front matter", "id longer than 200 characters")
    extra = {}
    for key, value in meta.items():
        if str(key) not in KNOWN_KEYS and (s := _extra_value(value)):
            extra[normalize(str(key))] = s
    return Document(
        id=doc_id,
        title=title,
        sections=sections,
        type=DocType.parse(_line(meta.get("type")) or None),
        source=_line(meta.get("source")),
        year=parse_year(meta.get("year") or meta.get("date")),
        pmid=_line(meta.get("pmid")),
        doi=clean_doi(_line(meta.get("doi"))),
        url=http_url(meta.get("url")),
        mesh=_mesh(meta.get("mesh")),
        extra=extra,
    )


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """(front matter mapping, body); no front matter gives ({}, text). Raises FrontMatterError."""
    if not re.match(r"---[ \t]*\r?\n", text):
        return {}, text
    m = _FRONT.match(text)
    if m is None:
        raise FrontMatterError("opening '---' has no closing '---' line")
    if len(m.group(1)) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"longer than {MAX_FRONT_MATTER} characters")
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""  # +1 for 0-based, +1 for '---'
        problem = getattr(exc, "problem", None) or exc.__class__.__name__
        raise FrontMatterError(f"invalid YAML{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a key: value mapping")
    return data, text[m.end() :]


def _scalar(value: object) -> str | None:
    if isinstance(value, str | int | float | bool | dt.date):
        return " ".join(normalize(str(value)).split())
    return None


def _line(value: object) -> str:
    return _scalar(value) or ""


def _extra_value(value: object) -> str:
    """Scalars as text, lists of scalars joined with '; '; anything nested is ignored (never expanded)."""
    if isinstance(value, list):
        items = [s for v in value[:200] if (s := _scalar(v))]
        return "; ".join(items)[:MAX_EXTRA_VALUE]
    return (_scalar(value) or "")[:MAX_EXTRA_VALUE]


def _mesh(value: object) -> list[str]:
    if isinstance(value, str):
        value = value.split(";")  # MeSH headings contain commas ('Receptor, ErbB-2'), so ';' separates
    if not isinstance(value, list):
        return []
    return [s for v in value if (s := _scalar(v))]
