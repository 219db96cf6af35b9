"""Guideline HTML pages: visible text only, sectioned by heading path, with citation_*/dc.* metadata.

The sectioning walker here is shared with the Markdown reader (which renders Markdown to HTML first), so
both formats drop hidden text the same way: hidden text must never be ingested, it is a prompt-injection
vector.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..models import DocType, Document, Section
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
    clean_url,
    parse_year,
)

DROP_TAGS = (
    "script", "style", "nav", "footer", "noscript", "template", "head", "svg", "math", "iframe", "object",
    "embed", "canvas", "button", "select", "textarea", "input", "audio", "video", "map",
)  # fmt: skip
HIDDEN_CLASSES = frozenset(
    "hidden d-none sr-only visually-hidden visuallyhidden screen-reader-text hide invisible".split()
)
_HIDDEN_STYLE = re.compile(
    r"display:none|visibility:(hidden|collapse)|font-size:0*\.?0+(px|em|rem|pt|%)?(;|!|$)"
    r"|opacity:0*\.?0+(;|!|$)|(?<![-\w])(left|top|text-indent):-\d{3,}"
)
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr html li main ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split()
)
_HEADING = re.compile(r"^h([1-6])$")


def file_id(path: Path) -> str:
    """Document id from a file name: the slugified stem ('My Guideline (2024).md' -> 'my-guideline-2024')."""
    ascii_stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")[:120].strip("-")
    return slug or "doc-" + hashlib.blake2b(path.name.encode(), digest_size=5).hexdigest()


def http_url(value: object) -> str:
    """A URL only when it is http(s) (or a DOI): a 'javascript:' link must never reach the reference list."""
    return clean_url(value)


def read_html(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """One Document per HTML file: metadata from <meta>, sections from the visible text's heading path.

    Size, nesting depth (scanned before parsing) and parse time are bounded by ``limits``.
    """
    try:
        check_file_size(path, limits.max_file_bytes)
        data = path.read_bytes()
        check_depth(data, limits.max_depth)
        yield html_document(path, data, Deadline(limits.file_seconds))
    except LimitExceeded as exc:
        yield RecordError(path.name, "file", str(exc))
    except RecursionError:
        yield RecordError(path.name, "file", "HTML nested too deeply")


def html_document(path: Path, data: bytes | None = None, deadline: Deadline | None = None) -> Record:
    """The Document of one HTML file, or the RecordError explaining why there is none."""
    soup = BeautifulSoup(path.read_bytes() if data is None else data, "lxml")
    meta = _metas(soup)
    title_tag = soup.find("title")
    title = _first(meta, "citation_title", "dc.title") or (_inline(title_tag) if isinstance(title_tag, Tag) else "")
    root = soup.body or soup
    clean(root, deadline)
    found_title, sections = html_sections(root, title or None, max_level=4, deadline=deadline)
    if not sections:
        return RecordError(path.name, "file", "no visible text")
    title = title or found_title or path.stem
    pmid = _first(meta, "citation_pmid")
    extra = {k: v for k in ("description", "keywords") if (v := _first(meta, k, f"dc.{k}", f"citation_{k}"))}
    canonical = soup.find("link", rel="canonical")
    url_candidates: list[object] = [canonical.get("href") if isinstance(canonical, Tag) else None]
    url_keys = ("og:url", "citation_abstract_html_url", "citation_fulltext_html_url")
    url_candidates += [meta.get(k) for k in url_keys]
    doi = _first(meta, "citation_doi") or _first(meta, "dc.identifier")
    doi = clean_doi(doi)
    return Document(
        id=file_id(path),
        title=title,
        sections=sections,
        type=DocType.parse(_first(meta, "dc.type", "citation_article_type", "clinevidence.type") or None),
        source=_first(meta, "citation_journal_title", "citation_publisher", "dc.publisher", "og:site_name"),
        year=parse_year(_first(meta, "citation_publication_date", "citation_date", "citation_online_date", "dc.date")),
        pmid=pmid if pmid.isdigit() else "",
        doi=doi,
        url=next((u for u in map(http_url, url_candidates) if u), ""),
        extra=extra,
    )


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in soup.find_all("meta"):
        key = m.get("name") or m.get("property")
        content = m.get("content")
        if isinstance(key, str) and isinstance(content, str):
            value = " ".join(normalize(content).split())
            if value:
                out.setdefault(key.strip().lower(), value)
    return out


def _first(meta: dict[str, str], *keys: str) -> str:
    return next((meta[k] for k in keys if meta.get(k)), "")


def is_hidden(el: Tag) -> bool:
    """Hidden by attribute, inline style or a well-known hiding class."""
    if el.has_attr("hidden") or str(el.get("aria-hidden", "")).lower() == "true":
        return True
    style = el.get("style")
    if isinstance(style, str) and _HIDDEN_STYLE.search(re.sub(r"\s+", "", style.lower())):
        return True
    classes = el.get("class")
    names = classes.split() if isinstance(classes, str) else list(classes or [])
    return any(str(c).lower() in HIDDEN_CLASSES for c in names)


def clean(root: Tag, deadline: Deadline | None = None) -> None:
    """Remove everything a reader would not see: scripts, navigation, comments, hidden elements."""
    for c in root.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for n, el in enumerate(list(root.find_all(True))):
        if deadline is not None and n % 256 == 0:
            deadline.check()
        if el.__dict__.get("_decomposed"):  # not `el.decomposed`: on a cleared Tag that is a subtree search
            continue
        if el.name in DROP_TAGS or is_hidden(el):
            el.decompose()
    for br in root.find_all("br"):
        br.replace_with("\n")


def _inline(el: Tag) -> str:
    """Text of an element as one line (inline markup such as <i>, <sup> kept as text)."""
    parts = [str(s) for s in el.find_all(string=True) if type(s) is NavigableString]
    return " ".join(normalize("".join(parts)).split())


def _ends_sentence(text: str) -> str:
    return text if text[-1] in ".!?:;" else text + "."


class _Walker:
    """Turns cleaned HTML into sections keyed by heading path ('Treatment > Second line')."""

    def __init__(self, skip: Tag | None, max_level: int, deadline: Deadline | None = None) -> None:
        self.deadline = deadline
        self.has_block: set[int] = set()  # ids of elements with a block element below them (see ``index``)
        self.skip = skip
        self.max_level = max_level
        self.path: list[tuple[int, str]] = []
        self.blocks: list[tuple[str, str]] = []  # (kind, text), kind in {"para", "item"}
        self.sections: list[Section] = []
        self.item: str | None = None  # prefix for the next text emitted inside a list item

    def add(self, text: str, kind: str = "para") -> None:
        text = text.strip()
        if not text:
            return
        if self.item is not None:
            text, kind = self.item + _ends_sentence(text), "item"
            self.item = ""
        self.blocks.append((kind, text))

    def flush(self) -> None:
        if not self.blocks:
            return
        out = self.blocks[0][1]
        for (prev, _), (kind, text) in zip(self.blocks, self.blocks[1:], strict=False):
            out += ("\n" if prev == kind == "item" else "\n\n") + text
        self.sections.append(Section(" > ".join(t for _, t in self.path), out))
        self.blocks = []

    def heading(self, level: int, text: str) -> None:
        if not text:
            return
        self.flush()
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        self.path.append((level, text))

    def index(self, root: Tag) -> None:
        """Mark every element that has a block element below it, in one pass (a ``find`` per element made deep
        pages quadratic)."""
        for n, el in enumerate(root.find_all(BLOCK_TAGS)):
            if self.deadline is not None and n % 256 == 0:
                self.deadline.check()
            parent = el.parent
            while parent is not None and id(parent) not in self.has_block:
                self.has_block.add(id(parent))
                if parent is root:
                    break
                parent = parent.parent

    def visit(self, el: Tag) -> None:
        if self.deadline is not None:
            self.deadline.check()
        if el is self.skip:
            return
        m = _HEADING.match(el.name)
        if m and int(m.group(1)) <= self.max_level:
            self.heading(int(m.group(1)), _inline(el))
        elif el.name == "table":
            self.table(el)
        elif el.name in ("ul", "ol"):
            self.list(el)
        elif el.name == "pre":
            self.add(normalize(el.get_text()))
        elif id(el) not in self.has_block:
            self.add(_inline(el))
        else:
            self.children(el)

    def children(self, el: Tag) -> None:
        """Mixed content: runs of inline children become paragraphs between the block children."""
        run: list[str] = []
        for child in el.children:
            if isinstance(child, Tag) and (child.name in BLOCK_TAGS or id(child) in self.has_block):
                self.add(" ".join(normalize("".join(run)).split()))
                run = []
                self.visit(child)
            elif isinstance(child, Tag):
                run.append(_inline(child))
            elif type(child) is NavigableString:
                run.append(str(child))
        self.add(" ".join(normalize("".join(run)).split()))

    def list(self, el: Tag) -> None:
        ordered = el.name == "ol"
        try:
            n = int(str(el.get("start", "1")))
        except ValueError:
            n = 1
        for li in el.find_all("li", recursive=False):
            saved, self.item = self.item, (f"{n}) " if ordered else "- ")
            self.children(li)
            self.item = saved
            n += 1

    def table(self, el: Tag) -> None:
        caption = el.find("caption")
        if isinstance(caption, Tag):
            self.add(_inline(caption))
        for tr in el.find_all("tr"):
            if tr.find_parent("table") is not el:
                continue  # a nested table's rows are part of its cell
            cells = [_inline(c) for c in tr.find_all(["td", "th"], recursive=False)]
            if any(cells):
                self.add(" | ".join(cells))


def html_sections(
    root: Tag, title: str | None, *, max_level: int = 4, deadline: Deadline | None = None
) -> tuple[str, list[Section]]:
    """Sections of cleaned HTML by heading path; returns (document heading text, sections).

    The first heading is the document's own heading (used as the title, never part of a section label)
    when it is an <h1> and either the only <h1>, or no title is known, or it repeats the known title.
    """
    first = root.find(re.compile(r"^h[1-6]$"))
    doc_heading: Tag | None = None
    if isinstance(first, Tag) and first.name == "h1":
        h1_text = _inline(first)
        only_h1 = len(root.find_all("h1")) == 1
        if only_h1 or not title or h1_text.casefold() == " ".join(title.split()).casefold():
            doc_heading = first
    walker = _Walker(doc_heading, max_level, deadline)
    walker.index(root)
    walker.visit(root)
    walker.flush()
    return (_inline(doc_heading) if doc_heading is not None else ""), walker.sections
