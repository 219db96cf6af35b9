"""PubMed/MEDLINE XML (efetch output and baseline files, plain or ``.xml.gz``), streamed with iterparse."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from lxml import etree

from ..models import DocType, Document, Section
from ..text import normalize
from .base import (
    DEFAULT_LIMITS,
    MB,
    RATIO_CHECK_AFTER,
    LimitExceeded,
    Limits,
    Record,
    RecordError,
    clean_doi,
    parse_year,
)

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"

# PublicationType (lower-cased) -> DocType; unknown types are ignored, research when none is known.
PUB_TYPES: dict[str, DocType] = {
    "practice guideline": DocType.guideline,
    "guideline": DocType.guideline,
    "consensus development conference": DocType.guideline,
    "consensus development conference, nih": DocType.guideline,
    "systematic review": DocType.systematic_review,
    "meta-analysis": DocType.meta_analysis,
    "network meta-analysis": DocType.meta_analysis,
    "randomized controlled trial": DocType.rct,
    "randomized controlled trial, veterinary": DocType.rct,
    "equivalence trial": DocType.rct,
    "pragmatic clinical trial": DocType.rct,
    "observational study": DocType.cohort,
    "observational study, veterinary": DocType.cohort,
    "cohort": DocType.cohort,
    "case reports": DocType.case_report,
    "review": DocType.review,
    "scoping review": DocType.review,
}
_NOT_AVAILABLE = {"[not available].", "[not available]", "not available"}


class _RecordTooLarge(Exception):
    pass


class _Guard:
    """The byte stream lxml reads, counted: bounds decompression (size and ratio) and the size of one record.

    lxml reads ahead in chunks, so "since the last record ended" is exact to within one chunk (64 KB).
    """

    CHUNK = 65536

    def __init__(self, stream: BinaryIO, raw: BinaryIO | None, limits: Limits, prefix: bytes = b"") -> None:
        self.stream, self.raw, self.limits = stream, raw, limits
        self.prefix = prefix
        self.pos = 0  # decompressed bytes handed to the parser (the prefix excluded)
        self.mark = 0  # where the last record ended
        self.total_base = 0  # decompressed bytes consumed before this parser started (resumed parses)

    def read(self, n: int = -1) -> bytes:
        if self.prefix:
            data, self.prefix = self.prefix, b""
            return data
        data = self.stream.read(self.CHUNK if n is None or n < 0 else min(n, self.CHUNK))
        self.pos += len(data)
        self.check()
        return data

    def check(self) -> None:
        lim = self.limits
        total = self.total_base + self.pos
        if total > lim.max_decompressed_bytes:
            raise LimitExceeded(f"decompresses to more than {lim.max_decompressed_bytes / MB:g} MB")
        if self.raw is not None and total > RATIO_CHECK_AFTER:
            compressed = max(self.raw.tell(), 1)
            if total > lim.max_gzip_ratio * compressed:
                raise LimitExceeded(
                    f"compression ratio over {lim.max_gzip_ratio:g}:1 ({compressed:,} bytes gave "
                    f"{total:,}): a decompression bomb?"
                )
        if self.pos - self.mark > lim.max_record_bytes:
            raise _RecordTooLarge


def _skip_past(stream: BinaryIO, guard: _Guard, needle: bytes) -> bytes | None:
    """Read ``stream`` until just after ``needle``; returns what follows it in the last chunk (None at EOF)."""
    tail = b""
    while True:
        chunk = stream.read(_Guard.CHUNK)
        if not chunk:
            return None
        guard.total_base += len(chunk)
        guard.check()
        buf = tail + chunk
        i = buf.find(needle)
        if i >= 0:
            return buf[i + len(needle) :]
        tail = buf[-len(needle) :]


def read_pubmed_xml(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """Stream Documents from a PubMed XML file; bad records and a syntax error midway become RecordErrors.

    Memory stays flat: each ``PubmedArticle`` is cleared, and earlier siblings deleted, once converted. A record
    over ``limits.max_record_bytes`` is skipped without being held whole (parsing resumes at the next article);
    a ``.gz`` that decompresses past the size or ratio limit is abandoned with a reason.
    """
    name = path.name
    n = 0
    with _open(path) as (stream, raw):
        guard: _Guard | None = _Guard(stream, raw, limits)
        while guard is not None:
            resume: _Guard | None = None
            events = etree.iterparse(
                guard,
                events=("end",),
                tag=("PubmedArticle", "PubmedBookArticle"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                remove_comments=True,
                huge_tree=False,
            )
            try:
                for _event, elem in events:
                    n += 1
                    guard.mark = guard.pos
                    if elem.tag == "PubmedArticle":
                        yield pubmed_record(elem, name, n)
                    _release(elem)
            except _RecordTooLarge:
                n += 1
                yield RecordError(name, f"record {n}", f"larger than the {limits.max_record_bytes / MB:g} MB limit")
                try:
                    resume = _resume(stream, raw, guard, limits)
                except LimitExceeded as exc:
                    yield RecordError(name, "file", f"{exc}; the rest of the file was not read")
            except LimitExceeded as exc:
                yield RecordError(name, "file", f"{exc}; the rest of the file was not read")
            except etree.XMLSyntaxError as exc:
                lineno = getattr(exc, "lineno", None) or (exc.position[0] if exc.position else 0)
                msg = re.sub(r"(, line \d+)?, column \d+$", "", (exc.msg or str(exc)).strip())
                yield RecordError(name, f"line {lineno}", f"XML syntax error after {n} records: {msg}")
            except (OSError, EOFError, zlib.error) as exc:  # truncated or corrupt .gz
                reason = f"cannot read further: {exc.__class__.__name__}: {exc}"
                yield RecordError(name, f"record {n + 1}", reason)
            guard = resume


def _resume(stream: BinaryIO, raw: BinaryIO | None, guard: _Guard, limits: Limits) -> _Guard | None:
    """A parser input that starts at the next article after the oversized one (inside a fresh root element)."""
    base = guard.total_base + guard.pos
    skipper = _Guard(stream, raw, limits)
    skipper.total_base = base
    rest = _skip_past(stream, skipper, b"</PubmedArticle>")
    if rest is None:
        return None
    nxt = _Guard(stream, raw, limits, prefix=b"<PubmedArticleSet>" + rest)
    nxt.total_base = skipper.total_base
    return nxt


@contextmanager
def _open(path: Path) -> Iterator[tuple[BinaryIO, BinaryIO | None]]:
    """(decompressed stream, compressed file or None); gzip by name or by magic bytes."""
    with path.open("rb") as raw:
        magic = raw.read(2)
        raw.seek(0)
        if magic == b"\x1f\x8b" or path.name.lower().endswith(".gz"):
            with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                yield cast(BinaryIO, gz), raw
        else:
            yield raw, None


def _release(elem: etree._Element) -> None:
    """Free a processed record and everything before it, so a 1 GB file needs little memory."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _text(elem: etree._Element | None) -> str:
    """All text inside an element, inline markup (<i>, <sup>, <b>...) kept as plain text."""
    if elem is None:
        return ""
    return normalize("".join(elem.itertext()))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def pubmed_record(article: etree._Element, file: str, n: int) -> Record:
    """Convert one ``PubmedArticle`` element into a Document, or a RecordError explaining the skip."""
    pmid = _one_line(_text(article.find("MedlineCitation/PMID")))
    if not pmid:
        return RecordError(file, f"record {n}", "no PMID")
    where = f"PMID {pmid}"
    if not pmid.isdigit() or len(pmid) > 20:
        return RecordError(file, where, "PMID is not a number")
    art = article.find("MedlineCitation/Article")
    if art is None:
        return RecordError(file, where, "no Article element")
    title = _one_line(_text(art.find("ArticleTitle")))
    if title.lower() in _NOT_AVAILABLE:
        title = ""
    if not title:
        title = _one_line(_text(art.find("VernacularTitle")))
    sections = _abstract(art)
    if not title and not sections:
        return RecordError(file, where, "no title and no abstract")
    journal = _one_line(_text(art.find("Journal/Title"))) or _one_line(
        _text(article.find("MedlineCitation/MedlineJournalInfo/MedlineTA"))
    )
    pub_types = [_one_line(_text(p)) for p in art.iterfind("PublicationTypeList/PublicationType")]
    descriptors = article.iterfind("MedlineCitation/MeshHeadingList/MeshHeading/DescriptorName")
    mesh = [_one_line(_text(d)) for d in descriptors]
    extra = {"flags": "retracted"} if any(p.lower() == "retracted publication" for p in pub_types) else {}
    return Document(
        id=pmid,
        title=title,
        sections=sections,
        type=doc_type(pub_types),
        source=journal,
        year=_year(art),
        pmid=pmid,
        doi=_doi(article, art),
        url=PUBMED_URL.format(pmid=pmid),
        mesh=[m for m in mesh if m],
        extra=extra,
    )


def _abstract(art: etree._Element) -> list[Section]:
    sections: list[Section] = []
    for at in art.iterfind("Abstract/AbstractText"):
        text = _text(at)
        if not text:
            continue
        label = at.get("Label") or at.get("NlmCategory") or ""
        label = "" if label.upper() == "UNASSIGNED" else _one_line(normalize(label)).upper()
        sections.append(Section(label, text))
    return sections


def doc_type(pub_types: list[str]) -> DocType:
    """The strongest known PublicationType by evidence level; research when none is known."""
    known = [PUB_TYPES[p.lower()] for p in pub_types if p.lower() in PUB_TYPES]
    if not known:
        return DocType.research
    # On equal levels prefer the more specific type (review over research).
    return max(known, key=lambda t: (t.level, t is not DocType.research))


def _year(art: etree._Element) -> int | None:
    pub_date = art.find("Journal/JournalIssue/PubDate")
    if pub_date is not None:
        year = parse_year(_text(pub_date.find("Year"))) or parse_year(_text(pub_date.find("MedlineDate")))
        if year:
            return year
    for date in art.iterfind("ArticleDate"):
        year = parse_year(_text(date.find("Year")))
        if year:
            return year
    return None


def _doi(article: etree._Element, art: etree._Element) -> str:
    for loc in art.iterfind("ELocationID"):
        if (loc.get("EIdType") or "").lower() == "doi" and loc.get("ValidYN", "Y") == "Y":
            doi = clean_doi(_one_line(_text(loc)))
            if doi:
                return doi
    # Only the article's own ids: ReferenceList entries carry ArticleIdLists of their own.
    for aid in article.iterfind("PubmedData/ArticleIdList/ArticleId"):
        if (aid.get("IdType") or "").lower() == "doi":
            doi = clean_doi(_one_line(_text(aid)))
            if doi:
                return doi
    return ""
