"""Ingest readers (PubMed XML, Markdown, HTML, PDF, BEIR), the E-utilities client, re-ingest and passages."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import httpx
import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from clinevidence.ingest import eutils
from clinevidence.ingest.base import RecordError
from clinevidence.ingest.beir import read_beir
from clinevidence.ingest.html import file_id, read_html
from clinevidence.ingest.markdown import read_markdown
from clinevidence.ingest.passages import split_passages
from clinevidence.ingest.pdf import read_pdf
from clinevidence.ingest.pipeline import ingest
from clinevidence.ingest.pubmed import read_pubmed_xml
from clinevidence.library.store import Library
from clinevidence.models import DocType, Document, Section
from clinevidence.text import split_sentences

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples" / "library"


def docs_and_errors(records) -> tuple[list[Document], list[RecordError]]:
    recs = list(records)
    return [r for r in recs if isinstance(r, Document)], [r for r in recs if isinstance(r, RecordError)]


# -- PubMed XML ------------------------------------------------------------------------------------------
def test_pubmed_sample_fields():
    docs, errors = docs_and_errors(read_pubmed_xml(FIXTURES / "pubmed_sample.xml"))
    assert errors == []
    by_id = {d.id: d for d in docs}
    assert list(by_id) == ["90000001", "90000002", "90000003", "90000004"]

    rct = by_id["90000001"]
    assert rct.title == "Fictional drug X-101 versus placebo in imaginary disease: a randomized trial."
    assert [s.label for s in rct.sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert "assigned 400 invented participants to X-101 or placebo" in rct.sections[1].text
    assert "mg/m2" in rct.sections[1].text
    assert rct.sections[2].text == "Response was 40% with X-101 vs. 20% with placebo (P<0.001)."
    assert rct.type is DocType.rct
    assert rct.year == 2021
    assert rct.doi == "10.0000/fake.2021.001"
    assert rct.source == "Journal of Invented Oncology"
    assert rct.mesh == ["Imaginary Diseases", "Placebos"]
    assert rct.pmid == "90000001"
    assert rct.url == "https://pubmed.ncbi.nlm.nih.gov/90000001/"

    review = by_id["90000002"]
    assert review.sections == [
        Section("", "This unstructured abstract reviews pretend therapies. It has two sentences.")
    ]
    assert review.year == 1998  # MedlineDate "1998 Dec-1999 Jan"
    assert review.doi == "10.0000/fake.1998.002"  # the article's id, not the reference's
    assert review.type is DocType.review

    guideline = by_id["90000003"]
    assert guideline.type is DocType.guideline  # strongest of MA, guideline, SR
    assert guideline.year == 2020  # no PubDate/Year: ArticleDate
    assert [s.label for s in guideline.sections] == ["OBJECTIVE", "RECOMMENDATIONS"]

    case = by_id["90000004"]
    assert case.type is DocType.case_report
    assert case.sections == []  # title only is still a document


def test_pubmed_gzip(tmp_path):
    gz = tmp_path / "sample.xml.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "pubmed_sample.xml").read_bytes()))
    docs, errors = docs_and_errors(read_pubmed_xml(gz))
    assert [d.id for d in docs] == ["90000001", "90000002", "90000003", "90000004"] and errors == []


def test_pubmed_malformed_records_and_truncation():
    recs = list(read_pubmed_xml(FIXTURES / "pubmed_malformed.xml"))
    assert isinstance(recs[0], RecordError) and recs[0].where == "record 1" and "PMID" in recs[0].reason
    assert isinstance(recs[1], Document) and recs[1].id == "90000011"
    assert isinstance(recs[2], RecordError) and recs[2].where == "PMID 90000012"
    assert isinstance(recs[3], RecordError) and recs[3].where.startswith("line ")
    assert int(recs[3].where.split()[1]) >= 35
    assert len(recs) == 4


def _article(pmid: str) -> str:
    return (
        f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><ArticleTitle>Title {pmid}."
        f"</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
    )


def test_pubmed_syntax_error_midway_reports_line(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(
        "<PubmedArticleSet>\n" + _article("90000031") + "<PubmedArticle><Oops></Wrong>\n" + _article("90000032")
    )
    recs = list(read_pubmed_xml(path))
    assert isinstance(recs[0], Document) and recs[0].id == "90000031"
    assert isinstance(recs[-1], RecordError) and recs[-1].where == "line 3"
    assert len(recs) == 2


def test_pubmed_many_records_streamed(tmp_path):
    path = tmp_path / "big.xml"
    with path.open("w") as fh:
        fh.write("<PubmedArticleSet>\n")
        for i in range(3000):
            fh.write(_article(str(91000000 + i)))
        fh.write("</PubmedArticleSet>\n")
    ids = [r.id for r in read_pubmed_xml(path) if isinstance(r, Document)]
    assert len(ids) == 3000 and ids[0] == "91000000" and ids[-1] == "91002999"


def test_pubmed_not_xml(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text("")
    recs = list(read_pubmed_xml(path))
    assert len(recs) == 1 and isinstance(recs[0], RecordError)


# -- E-utilities client ------------------------------------------------------------------------------------
@pytest.fixture
def no_sleep(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(eutils, "_sleep", slept.append)
    return slept


def test_eutils_fetch(no_sleep):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"<PubmedArticleSet/>")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    assert eutils.fetch_pubmed(["90000001", " 90000002 "], client=client) == b"<PubmedArticleSet/>"
    (req,) = seen
    assert req.method == "GET" and req.url.path.endswith("/efetch.fcgi")
    assert req.url.params["db"] == "pubmed" and req.url.params["retmode"] == "xml"
    assert req.url.params["id"] == "90000001,90000002"
    assert "api_key" not in req.url.params

    eutils.fetch_pubmed(["90000001"], api_key="k3y", client=client)
    assert seen[-1].url.params["api_key"] == "k3y"


def test_eutils_retries_then_succeeds(no_sleep):
    answers = iter([503, 429, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(answers), content=b"<PubmedArticleSet/>")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    assert eutils.fetch_pubmed(["90000001"], client=client) == b"<PubmedArticleSet/>"


def test_eutils_gives_up_and_does_not_retry_client_errors(no_sleep):
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        return httpx.Response(400 if request.url.params.get("id") == "1" else 503)

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(eutils.EUtilsError) as refused:
        eutils.fetch_pubmed(["1"], client=client)
    assert calls["n"] == 1 and not refused.value.retryable and refused.value.status == 400
    with pytest.raises(eutils.EUtilsError) as failing:
        eutils.fetch_pubmed(["2"], client=client, attempts=3)
    assert failing.value.retryable and failing.value.status == 503
    assert calls["n"] == 4


def test_eutils_post_for_long_lists_and_validation(no_sleep):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"<PubmedArticleSet/>")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    eutils.fetch_pubmed([str(90000000 + i) for i in range(250)], client=client)
    assert seen[-1].method == "POST" and b"db=pubmed" in seen[-1].content
    with pytest.raises(ValueError):
        eutils.fetch_pubmed(["123; DROP"], client=client)
    with pytest.raises(ValueError):
        eutils.fetch_pubmed([], client=client)


def test_eutils_rate_limit_sleeps(no_sleep, monkeypatch):
    monkeypatch.setattr(eutils, "_SHARED_THROTTLE", eutils.Throttle())
    body = b"<PubmedArticleSet/>"
    client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
    eutils.fetch_pubmed(["1"], client=client)
    eutils.fetch_pubmed(["2"], client=client)
    assert no_sleep and 0 < no_sleep[-1] <= 1 / 3


# -- Markdown ----------------------------------------------------------------------------------------------
def test_markdown_guideline():
    (doc,) = read_markdown(FIXTURES / "guideline_sample.md")
    assert isinstance(doc, Document)
    assert doc.id == "fake-pretend-syndrome-guideline"
    assert doc.title == "Management of Pretend Syndrome (Invented Guideline)"
    assert doc.type is DocType.guideline and doc.year == 2024
    assert doc.source == "Imaginary Society of Made-Up Medicine"
    assert doc.doi == "10.0000/fake.guideline.2024" and doc.url == "https://example.org/pretend-syndrome"
    assert doc.mesh == ["Pretend Syndrome", "Receptor, Imaginary-2"]
    assert doc.extra == {
        "review_note": "Invented test fixture; not medical advice.",
        "reviewers": "Dr. Nobody; Dr. Someone",
    }
    labels = [s.label for s in doc.sections]
    assert labels == ["", "Diagnosis", "Treatment > First line", "Treatment > Second line", "Monitoring"]
    second = doc.sections[3].text
    assert "- fictional drug B, given weekly.\n- fictional drug C." in second
    assert "1) at the low dose." in second
    assert "Drug | Dose | Frequency" in second and "B | 5 mg/kg | weekly" in second
    assert "drug Z" not in doc.text and "Hidden markdown" not in doc.text
    assert doc.sections[4].text == "Check invented biomarker levels every three months."


def test_markdown_title_from_heading_and_id_from_stem(tmp_path):
    path = tmp_path / "My Guideline (2024).md"
    path.write_text("# Pretend Title\n\nIntro.\n\n## Part A\n\nText A.\n")
    (doc,) = read_markdown(path)
    assert isinstance(doc, Document)
    assert doc.id == "my-guideline-2024" and doc.title == "Pretend Title"
    assert [(s.label, s.text) for s in doc.sections] == [("", "Intro."), ("Part A", "Text A.")]
    assert doc.type is DocType.research and doc.extra == {}


def test_markdown_several_h1_with_front_matter_title(tmp_path):
    path = tmp_path / "multi.md"
    path.write_text("---\ntitle: Whole Document\n---\n# Part One\n\nOne.\n\n# Part Two\n\n## Sub\n\nTwo.\n")
    (doc,) = read_markdown(path)
    assert isinstance(doc, Document)
    assert [s.label for s in doc.sections] == ["Part One", "Part Two > Sub"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "invalid YAML"),
        ("---\ntitle: x\n\n# never closed\n", "no closing"),
        ("---\n- a\n- b\n---\ntext\n", "mapping"),
    ],
)
def test_markdown_broken_front_matter(tmp_path, content, reason):
    path = FIXTURES / "broken_front_matter.md"
    if content is not None:
        path = tmp_path / "bad.md"
        path.write_text(content)
    (rec,) = read_markdown(path)
    assert isinstance(rec, RecordError) and rec.where == "front matter" and reason in rec.reason


def test_markdown_unsafe_url_dropped(tmp_path):
    path = tmp_path / "u.md"
    path.write_text("---\nurl: javascript:alert(1)\nnested: {a: [1, 2]}\n---\nText.\n")
    (doc,) = read_markdown(path)
    assert isinstance(doc, Document) and doc.url == "" and "nested" not in doc.extra


@pytest.mark.skipif(not any(EXAMPLES.glob("*.md")), reason="no example library yet")
def test_example_library_parses():
    for path in sorted(EXAMPLES.glob("*.md")):
        docs, errors = docs_and_errors(read_markdown(path))
        assert errors == [] and len(docs) == 1, path
        doc = docs[0]
        assert doc.title and doc.sections, path
        assert all(doc.title not in s.label for s in doc.sections), path


# -- HTML --------------------------------------------------------------------------------------------------
def test_html_page():
    (doc,) = read_html(FIXTURES / "guideline_page.html")
    assert isinstance(doc, Document)
    assert doc.id == "guideline-page"
    assert doc.title == "Invented Guideline for Hypothetical-itis"
    assert doc.type is DocType.guideline and doc.year == 2022
    assert doc.pmid == "90000021" and doc.doi == "10.0000/fake.html.2022"
    assert doc.source == "Journal of Imaginary Practice"
    assert doc.url == "https://example.org/guidelines/hypothetical-itis"
    assert doc.extra["description"] == "An invented guideline page used as a test fixture."
    assert [s.label for s in doc.sections] == [
        "",
        "Recommendations > Adults",
        "Recommendations > Children",
        "Evidence",
    ]
    assert doc.sections[0].text == "This page is a fictional guideline; x2 is kept as text."
    assert "- Reassess after two weeks.\n- Stop if adverse events occur." in doc.sections[1].text
    assert "Age | Dose" in doc.sections[2].text and "65+ | 5 mg" in doc.sections[2].text
    assert "Loose text in a div." in doc.sections[3].text and "Trailing loose text." in doc.sections[3].text
    text = doc.text + doc.title + " ".join(s.label for s in doc.sections)
    for banned in ("drug Z", "must not be ingested", "script text", "Navigation", "color: red"):
        assert banned not in text


def test_html_minimal_title_from_h1(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text("<html><body><h1>Pretend Page</h1><p>Only text.</p>Loose <i>tail</i></body></html>")
    (doc,) = read_html(path)
    assert isinstance(doc, Document)
    assert doc.title == "Pretend Page" and doc.sections == [Section("", "Only text.\n\nLoose tail")]
    assert doc.type is DocType.research and doc.url == ""


# -- PDF ---------------------------------------------------------------------------------------------------
def make_pdf(pages: list[list[str]], *, title: str | None = None, password: str | None = None) -> bytes:
    """A small text PDF built at test time (Helvetica, one Tj per line)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    font_ref = writer._add_object(font)
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
    if title:
        writer.add_metadata({"/Title": title})
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_pdf_headings(tmp_path):
    path = tmp_path / "Pretend Guideline.pdf"
    path.write_bytes(
        make_pdf(
            [
                [
                    "An Invented PDF Guideline",
                    "1. Introduction",
                    "This guideline is invented for tests. It has",
                    "two sentences that wrap across lines.",
                    "1",
                ],
                ["2. Recommendations", "Offer pretend therapy Q to adults with a treat-", "ment plan.", "2"],
            ]
        )
    )
    (doc,) = read_pdf(path)
    assert isinstance(doc, Document)
    assert doc.id == "pretend-guideline" and doc.title == "An Invented PDF Guideline"
    assert [s.label for s in doc.sections] == ["1. Introduction", "2. Recommendations"]
    assert doc.sections[0].text == (
        "This guideline is invented for tests. It has two sentences that wrap across lines."
    )
    assert doc.sections[1].text == "Offer pretend therapy Q to adults with a treatment plan."


def test_pdf_pages_and_metadata_title(tmp_path):
    path = tmp_path / "plain.pdf"
    lines = ["this prose has no headings at all, only lowercase lines that continue", "and end here."]
    path.write_bytes(make_pdf([lines, lines[:1]], title="Pretend Metadata Title"))
    (doc,) = read_pdf(path)
    assert isinstance(doc, Document)
    assert doc.title == "Pretend Metadata Title"
    assert [s.label for s in doc.sections] == ["Page 1", "Page 2"]


def test_pdf_encrypted_and_broken(tmp_path):
    enc = tmp_path / "locked.pdf"
    enc.write_bytes(make_pdf([["Secret text"]], password="pw"))
    (rec,) = read_pdf(enc)
    assert isinstance(rec, RecordError) and "encrypted" in rec.reason
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n")
    (rec,) = read_pdf(broken)
    assert isinstance(rec, RecordError) and rec.where == "file"


# -- BEIR --------------------------------------------------------------------------------------------------
def test_beir_malformed_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"_id": "b1", "title": "First pretend doc", "text": "Alpha text."}),
        '{"_id": "b2", "title": broken json',
        json.dumps({"title": "No id", "text": "Missing id."}),
        "",
        json.dumps({"_id": "b5", "title": "Last pretend doc", "text": "Omega text."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    docs, errors = docs_and_errors(read_beir(path))
    assert [d.id for d in docs] == ["b1", "b5"]
    assert [(e.where, e.reason) for e in errors] == [
        ("line 2", "not valid JSON (JSONDecodeError)"),
        ("line 3", "missing _id"),
    ]


# -- Re-ingest through the pipeline ------------------------------------------------------------------------
@pytest.fixture
def corpus(tmp_path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pubmed_sample.xml", "guideline_sample.md", "guideline_page.html"):
        shutil.copy(FIXTURES / name, src / name)
    (src / "extra.pdf").write_bytes(make_pdf([["A Pretend PDF", "Some pretend text in a PDF."]]))
    (src / "corpus.jsonl").write_text(
        json.dumps({"_id": "beir-1", "title": "Pretend BEIR doc", "text": "Beir body text."}) + "\n"
    )
    return src


def test_ingest_idempotent_and_update(tmp_path, corpus):
    lib = Library(tmp_path / "lib")
    files = [corpus / n for n in sorted(p.name for p in corpus.iterdir())]
    first = ingest(lib, files)
    n = 4 + 1 + 1 + 1 + 1
    assert (first.added, first.updated, first.unchanged, first.skipped) == (n, 0, 0, 0), first.errors
    assert lib.count_documents() == n
    n_passages = lib.count_passages()
    assert first.passages == n_passages

    second = ingest(lib, files)
    assert (second.added, second.updated, second.unchanged, second.passages) == (0, 0, n, 0)
    assert lib.count_passages() == n_passages

    others = ["90000001", "90000002", "90000003", "guideline-page", "beir-1"]
    before = lib.passages_of(others)
    md = corpus / "guideline_sample.md"
    md.write_text(md.read_text().replace("every *three* months", "every *six* months"))
    third = ingest(lib, files)
    assert (third.added, third.updated, third.unchanged) == (0, 1, n - 1)
    assert lib.count_passages() == n_passages
    assert lib.passages_of(others) == before
    changed = lib.passages_of(["fake-pretend-syndrome-guideline"])
    assert any("every six months" in p.text for p in changed)
    assert lib.passage_index.search("six months biomarker", 5)[0].doc_id == "fake-pretend-syndrome-guideline"
    lib.close()


def test_ingest_counts_bad_records(tmp_path):
    lib = Library(tmp_path / "lib")
    counts = ingest(lib, [FIXTURES / "pubmed_malformed.xml", FIXTURES / "broken_front_matter.md"])
    assert counts.added == 1 and counts.skipped == 4
    assert any("pubmed_malformed.xml: line " in e for e in counts.errors)
    assert any("broken_front_matter.md: front matter:" in e for e in counts.errors)
    lib.close()


# -- Passage boundaries ------------------------------------------------------------------------------------
def _doc(sections: list[Section]) -> Document:
    return Document(id="p-doc", title="Pretend passages", sections=sections)


def test_passages_respect_sections_and_sentences():
    long = " ".join(f"Sentence number {i} talks about pretend therapy at length here." for i in range(60))
    doc = _doc([Section("BACKGROUND", "Short background. Second sentence."), Section("RESULTS", long)])
    passages = split_passages(doc)
    assert [p.position for p in passages] == list(range(len(passages)))
    assert len({p.id for p in passages}) == len(passages)
    by_section: dict[str, list[str]] = {}
    for p in passages:
        section = next(s for s in doc.sections if s.label == p.section)
        sentences = split_sentences(section.text)
        joined = " ".join(sentences)
        assert p.text in joined  # never crosses a section
        # sentences kept whole: the passage is a run of complete sentences
        assert any(p.text.startswith(s) for s in sentences) and any(p.text.endswith(s) for s in sentences)
        by_section.setdefault(p.section, []).append(p.text)
    assert by_section["BACKGROUND"] == ["Short background. Second sentence."]
    assert " ".join(by_section["RESULTS"]) == " ".join(split_sentences(long))
    assert len(by_section["RESULTS"]) > 1
    assert all(len(t.split()) <= 240 for t in by_section["RESULTS"])


def test_passage_ids_stable():
    a = _doc([Section("A", "First section text."), Section("B", "Second section text.")])
    b = _doc([Section("A", "First section text."), Section("B", "Second section changed.")])
    pa, pb = split_passages(a), split_passages(b)
    assert [p.id for p in pa] == [p.id for p in split_passages(a)] == ["p-doc#0.0", "p-doc#1.0"]
    assert pa[0] == pb[0] and pa[1].id == pb[1].id and pa[1].text != pb[1].text


def test_file_id_slug():
    assert file_id(Path("Ünïcode Guide — v2.md")) == "unicode-guide-v2"
    assert file_id(Path("???.md")).startswith("doc-")


def test_html_too_deep_or_empty_is_an_error(tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 3000 + "<p>deep</p>" + "</div>" * 3000 + "</body></html>")
    (rec,) = read_html(deep)
    assert isinstance(rec, RecordError) and rec.where == "file"
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>Only a title</title></head><body><script>x()</script></body></html>")
    (rec,) = read_html(empty)
    assert isinstance(rec, RecordError) and rec.reason == "no visible text"


def test_trade_marks_do_not_glue_onto_brand_names(tmp_path):
    """NFKC spells "YUTIQ™" as "YUTIQTM": a brand name nobody would find. Marks are dropped at ingest, so the brand
    is searchable as written in a question and the stored text still reads naturally."""
    from clinevidence.ingest.pipeline import ingest
    from clinevidence.library import Library
    from clinevidence.retrieval.search import Retriever

    path = tmp_path / "corpus.jsonl"
    rows = [
        {"_id": "m1", "title": "", "text": "The YUTIQ™ implant releases fluocinolone acetonide in posterior uveitis."},
        {"_id": "m2", "title": "", "text": "KEYTRUDA® (pembrolizumab) is approved for melanoma."},
        {"_id": "m3", "title": "", "text": "Dexamethasone implants are used in macular oedema."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    lib = Library(tmp_path / "lib")
    ingest(lib, [path])
    retriever = Retriever(lib)
    assert [d.doc.id for d in retriever.evidence("What is Yutiq?").documents][:1] == ["m1"]
    assert [d.doc.id for d in retriever.evidence("Who makes Keytruda?").documents][:1] == ["m2"]
    assert "KEYTRUDA (pembrolizumab)" in lib.get_documents(["m2"])["m2"].sections[0].text
