"""Exports for citation managers and FHIR, parsed back with independent libraries: rispy (RIS), bibtexparser
(BibTeX), citeproc-py plus a CSL-JSON item schema (CSL-JSON), fhir.resources' R4B models (FHIR 4.3.0)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from fastapi.testclient import TestClient
from fhir.resources import get_fhir_model_class as r5_model
from fhir.resources.R4B import get_fhir_model_class as r4b_model
from fhir.resources.R4B.bundle import Bundle

from clinevidence.answer.models import Audience, Reference
from clinevidence.answer.service import AnswerService
from clinevidence.articles.export import (
    FHIR_MEDIA_TYPE,
    CitedKind,
    cited_kind,
    organisation,
    to_bibtex,
    to_csl_json,
    to_fhir_bundle,
    to_ris,
)
from clinevidence.articles.service import ArticleService
from clinevidence.articles.store import ArticleRecord
from clinevidence.ingest.pipeline import ingest
from clinevidence.library import Library
from clinevidence.settings import Settings

from .conftest import STARTER
from .web_support import SEED_QUESTION, build_library, make_app

QUESTIONS = Path(__file__).parent.parent / "bench" / "starter_questions.jsonl"

# The CSL-JSON item shape (CSL 1.0.2 data model): the fields these exports use, with their types.
CSL_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
    "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
    "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
    "standard", "thesis", "treaty", "webpage",
}  # fmt: skip
_NAME = {
    "type": "object",
    "properties": {k: {"type": "string"} for k in ("family", "given", "literal")},
    "additionalProperties": False,
    "anyOf": [{"required": ["family"]}, {"required": ["literal"]}],
}
CSL_ITEM = {
    "type": "object",
    "required": ["id", "type"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": ["string", "number"]},
        "type": {"enum": sorted(CSL_TYPES)},
        "author": {"type": "array", "items": _NAME},
        "issued": {
            "type": "object",
            "properties": {
                "date-parts": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 2,
                    "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["integer", "string"]}},
                }
            },
            "additionalProperties": False,
        },
        **{
            k: {"type": "string"}
            for k in ("title", "container-title", "publisher", "genre", "note", "DOI", "PMID", "URL", "keyword")
        },
    },
}
CSL_DATA = {"type": "array", "items": CSL_ITEM}


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[ArticleRecord]:
    """20 generated articles from the starter library (three audiences)."""
    lib = Library(tmp_path_factory.mktemp("exports"))
    assert ingest(lib, [STARTER]).skipped == 0
    service = ArticleService(lib.engine, AnswerService(lib, Settings(library=lib.path)))
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()][:20]
    audiences = list(Audience)
    made = [service.ask(r["q"], audience=audiences[i % 3]) for i, r in enumerate(rows)]
    assert sum(len(a.answer().references) for a in made) >= 20
    return made


def _style_path() -> Path:
    import citeproc

    return Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"


def test_ris_parses_back_with_correct_types(articles: list[ArticleRecord]) -> None:
    seen: set[CitedKind] = set()
    for record in articles:
        refs = record.answer().references
        entries = rispy.loads(to_ris(record.answer()))
        assert len(entries) == len(refs)
        for ref, entry in zip(refs, entries, strict=True):
            kind = cited_kind(ref)
            seen.add(kind)
            assert "unknown_tag" not in entry, entry
            assert entry["title"] == " ".join(ref.title.split())
            if kind is CitedKind.journal_article:
                assert entry["type_of_reference"] == "JOUR" and entry["secondary_title"] == ref.source
            else:
                assert entry["type_of_reference"] == "GEN"
                assert "secondary_title" not in entry and "journal_name" not in entry
            if kind is CitedKind.team_summary:
                assert entry["authors"] == [organisation(ref)] == ["ClinEvidence"]
                assert entry["type_of_work"] == "Evidence summary" and ref.source in entry["notes"][0]
            if kind is CitedKind.guideline:
                assert entry["type_of_work"] == "Guideline"
    assert CitedKind.team_summary in seen  # the starter library is team-written summaries


def test_bibtex_parses_back(articles: list[ArticleRecord]) -> None:
    for record in articles:
        refs = record.answer().references
        library = bibtexparser.parse_string(to_bibtex(record.answer()))
        assert library.failed_blocks == [] and len(library.entries) == len(refs)
        assert len({e.key for e in library.entries}) == len(refs)
        for ref, entry in zip(refs, library.entries, strict=True):
            kind = cited_kind(ref)
            assert entry.entry_type == ("article" if kind is CitedKind.journal_article else "misc")
            assert entry.fields_dict["title"].value.strip("{}")
            if kind is CitedKind.team_summary:
                assert entry.fields_dict["author"].value == "{ClinEvidence}"
            if kind is not CitedKind.journal_article:
                assert "journal" not in entry.fields_dict


def test_csl_json_is_valid_and_renders(articles: list[ArticleRecord]) -> None:
    style = CitationStylesStyle(str(_style_path()), validate=False)
    for record in articles:
        items = to_csl_json(record.answer())
        jsonschema.validate(items, CSL_DATA)
        source = CiteProcJSON(json.loads(json.dumps(items)))
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(x) for x in bibliography.bibliography()]
        assert len(rendered) == len(items)
        for item in items:
            assert any(item["title"].split()[0] in line for line in rendered)
            if item.get("author"):
                assert any("ClinEvidence" in line for line in rendered)


def test_fhir_exports_are_valid_r4b(articles: list[ArticleRecord]) -> None:
    errors: list[str] = []
    for record in articles:
        bundle = to_fhir_bundle(record, url=f"https://example.org/articles/{record.id}")
        try:
            Bundle.model_validate(bundle)
            for entry in bundle["entry"]:
                r4b_model(entry["resource"]["resourceType"]).model_validate(entry["resource"])
        except ValueError as exc:
            errors.append(f"{record.id}: {exc}")
    assert errors == []


def test_fhir_export_is_not_r5(articles: list[ArticleRecord]) -> None:
    """The version statement means something: R5 changed Citation, so these resources are R4B, not R5."""
    bundle = to_fhir_bundle(articles[0])
    citations = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Citation"]
    dated = [c for c in citations if "publicationForm" in c["citedArtifact"]]
    assert dated
    with pytest.raises(ValueError):
        r5_model("Citation").model_validate(dated[0])


def _ref(**kw: Any) -> Reference:
    base = {"n": 1, "doc_id": "d1", "type": "research", "type_label": "Research", "title": "A title"}
    return Reference(**{**base, **kw})


def test_reference_kinds() -> None:
    team = _ref(type="rct", type_label="RCT", source="ClinEvidence team summary of the EMILIA trial (NEJM 2012)")
    assert cited_kind(team) is CitedKind.team_summary and organisation(team) == "ClinEvidence"
    assert cited_kind(_ref(type="guideline", source="NICE")) is CitedKind.guideline
    journal = _ref(type="rct", source="New England Journal of Medicine", pmid="23020162")
    assert cited_kind(journal) is CitedKind.journal_article
    # A source with no PMID or DOI is not taken for a journal.
    assert cited_kind(_ref(type="rct", source="Some Journal")) is CitedKind.document
    text = to_bibtex(_ref_answer([_ref(title="50% of {cases} & more_", source="A_b", doi="10.1000/x_y")]))
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and library.entries[0].fields_dict["doi"].value == "10.1000/x_y"


def _ref_answer(refs: list[Reference]) -> Any:
    from clinevidence.answer.models import Answer, Receipt, Verdict

    receipt = Receipt(engine="x", engine_version="x", config_hash="x", library_snapshot="x", created_at="x")
    return Answer(question="q", title="t", verdict=Verdict.yes, verdict_label="Yes", references=refs, receipt=receipt)


def test_web_routes(tmp_path: Path) -> None:
    app = make_app(build_library(tmp_path / "lib"))
    with TestClient(app) as client:
        seed = client.post("/api/ask", json={"question": SEED_QUESTION}).json()
        bib = client.get(f"/articles/{seed['id']}.bib")
        assert bib.status_code == 200 and bib.headers["content-type"].startswith("application/x-bibtex")
        assert "@article{web-r1," in bib.text  # the trial with a real journal and PMID
        assert bibtexparser.parse_string(bib.text).failed_blocks == []
        csl = client.get(f"/articles/{seed['id']}.csl.json")
        assert csl.headers["content-type"].startswith("application/vnd.citationstyles.csl+json")
        jsonschema.validate(csl.json(), CSL_DATA)
        assert {i["type"] for i in csl.json()} == {"article-journal", "document"}
        ris = rispy.loads(client.get(f"/articles/{seed['id']}.ris").text)
        trial = next(e for e in ris if e.get("accession_number") == "23020162")
        assert trial["type_of_reference"] == "JOUR" and trial["secondary_title"] == "New England Journal of Medicine"
        fhir = client.get(f"/articles/{seed['id']}.fhir.json")
        assert fhir.headers["content-type"] == FHIR_MEDIA_TYPE
        Bundle.model_validate(fhir.json())
        assert client.get("/articles/nosuch.csl.json").status_code == 404
        assert client.get("/articles/nosuch.bib").status_code == 404
