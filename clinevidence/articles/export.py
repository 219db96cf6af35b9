"""Article exports: Markdown with numbered citations, a FHIR R4B Bundle (Evidence + Citation), and the references
as RIS, BibTeX and CSL-JSON for citation managers."""

from __future__ import annotations

import re
import uuid
from enum import StrEnum
from typing import Any

from ..answer.models import Answer, KeyTerm, Reference, Statement
from .links import doi_url, pubmed_url, safe_url, valid_doi, valid_pmid
from .store import ArticleRecord, ArticleStatus

PENDING_BANNER = "Educational purpose only • content pending human review"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown/HTML syntax so document text stays text in any Markdown renderer."""
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^([#+\-=>]|\d+\.)", r"\\\1", text)


def _cites(st: Statement | KeyTerm) -> str:
    return "".join(f"[{n}]" for n in st.citations)


def reference_line(ref: Reference) -> str:
    parts = [md_escape(ref.title) + "."]
    where = ", ".join(x for x in [md_escape(ref.source), str(ref.year) if ref.year else ""] if x)
    if where:
        parts.append(where + ".")
    if valid_pmid(ref.pmid):
        parts.append(f"PMID: [{ref.pmid}]({pubmed_url(ref.pmid)}).")
    if valid_doi(ref.doi):
        parts.append(f"doi: [{valid_doi(ref.doi)}]({doi_url(ref.doi)}).")
    elif safe_url(ref.url):
        parts.append(f"<{safe_url(ref.url)}>")
    return f"{ref.n}. {ref.type_label}: " + " ".join(parts)


def to_markdown(record: ArticleRecord, *, url: str = "") -> str:
    """The article as Markdown: title, status, bottom line, sections with [n] citations, reference list."""
    a = record.answer()
    out = [f"# {md_escape(a.title)}", "", f"**Question:** {md_escape(a.question)}", ""]
    if record.status != ArticleStatus.approved:
        out += [f"> {PENDING_BANNER}", ""]
    out += [f"Status: {record.status} · version {record.version} · last updated {record.last_updated.isoformat()}"]
    if url:
        out += [f"Online: <{url}>"]
    out.append("")
    if a.notice:
        out += [f"> **Notice:** {md_escape(a.notice)}", ""]
    if a.summary:
        out += ["## Bottom line", ""]
        out += [f"{md_escape(s.text)} {_cites(s)}".rstrip() for s in a.summary]
        out.append("")
    for sec in a.sections:
        out += [f"## {md_escape(sec.heading)}", ""]
        out += [f"- {md_escape(s.text)} {_cites(s)}".rstrip() for s in sec.statements]
        out.append("")
    if a.key_terms:  # student articles
        out += ["## Key terms", ""]
        out += [f"- **{md_escape(k.term)}**: {md_escape(k.definition)} {_cites(k)}".rstrip() for k in a.key_terms]
        out.append("")
    if a.references:
        out += ["## References", ""]
        out += [reference_line(r) for r in a.references]
        out.append("")
    if a.disclaimer:
        out += ["---", "", f"*{md_escape(a.disclaimer)}*", ""]
    r = a.receipt
    out.append(
        f"*Receipt: engine {md_escape(r.engine)} ({md_escape(r.engine_version)}), config {md_escape(r.config_hash)}, "
        f"library {md_escape(r.library_snapshot)}, created {md_escape(r.created_at)}*"
    )
    return "\n".join(out) + "\n"


# -- FHIR ------------------------------------------------------------------------------------------------
# FHIR R4B (4.3.0) exactly: Citation first appears in R4B, and R4B's Evidence is the redesigned one (R4's has no
# note/variableDefinition shape like this). Validated against fhir.resources.R4B in the tests; not R4 (4.0.1),
# and not R5 (whose Citation changed). The export's media type says so: application/fhir+json; fhirVersion=4.3.
FHIR_VERSION = "4.3.0"
FHIR_MEDIA_TYPE = "application/fhir+json; fhirVersion=4.3"

_FHIR_STATUS = {
    ArticleStatus.approved: "active",
    ArticleStatus.superseded: "retired",
    ArticleStatus.rejected: "retired",
}


def _urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'clinevidence:' + ':'.join(parts))}"


def _citation(record: ArticleRecord, ref: Reference) -> dict[str, Any]:
    identifiers = []
    if valid_pmid(ref.pmid):
        identifiers.append({"system": "https://pubmed.ncbi.nlm.nih.gov", "value": valid_pmid(ref.pmid)})
    if valid_doi(ref.doi):
        identifiers.append({"system": "https://doi.org", "value": valid_doi(ref.doi)})
    artifact: dict[str, Any] = {
        "title": [{"text": ref.title or ref.doc_id}],
        "classification": [{"type": {"text": "publication type"}, "classifier": [{"text": ref.type_label}]}],
    }
    if identifiers:
        artifact["identifier"] = identifiers
    form: dict[str, Any] = {}
    if ref.source:
        form["publishedIn"] = {"title": ref.source}
    if ref.year:
        form["periodicRelease"] = {"dateOfPublication": {"year": str(ref.year)}}
    if form:
        artifact["publicationForm"] = [form]
    link = doi_url(ref.doi) or pubmed_url(ref.pmid) or safe_url(ref.url)
    if link:
        artifact["webLocation"] = [{"url": link}]
    return {
        "resourceType": "Citation",
        "id": f"{record.id}-ref-{ref.n}",
        "status": "active",
        "title": ref.title or ref.doc_id,
        "citedArtifact": artifact,
    }


def _evidence(record: ArticleRecord, a: Answer, url: str) -> dict[str, Any]:
    def note(st: Statement) -> dict[str, str]:
        return {"text": f"{st.text} {_cites(st)}".strip()}

    evidence: dict[str, Any] = {
        "resourceType": "Evidence",
        "id": record.id,
        "version": str(record.version),
        "title": a.title,
        "status": _FHIR_STATUS.get(ArticleStatus(record.status), "draft"),
        "date": record.updated_at.date().isoformat(),
        "description": " ".join(f"{s.text} {_cites(s)}".strip() for s in a.summary) or a.verdict_label,
        "note": [note(s) for s in a.all_statements()],
        "variableDefinition": [
            {
                "description": a.question,
                "variableRole": {
                    "coding": [{"system": "http://terminology.hl7.org/CodeSystem/variable-role", "code": "population"}]
                },
            }
        ],
        "relatedArtifact": [
            {
                "type": "citation",
                "label": str(ref.n),
                "display": ref.title or ref.doc_id,
                "resource": _urn(record.id, "ref", str(ref.n)),
            }
            for ref in a.references
        ],
    }
    if url:
        evidence["url"] = url
    return evidence


def to_fhir_bundle(record: ArticleRecord, *, url: str = "") -> dict[str, Any]:
    """A FHIR Bundle (type collection): one Evidence for the article and one Citation per reference."""
    a = record.answer()
    entries = [{"fullUrl": _urn(record.id, "evidence"), "resource": _evidence(record, a, url)}]
    entries += [{"fullUrl": _urn(record.id, "ref", str(r.n)), "resource": _citation(record, r)} for r in a.references]
    return {
        "resourceType": "Bundle",
        "id": f"{record.id}-bundle",
        "type": "collection",
        "timestamp": record.updated_at.isoformat(timespec="seconds") + ("" if record.updated_at.tzinfo else "Z"),
        "entry": entries,
    }


# -- references for citation managers: RIS, BibTeX, CSL-JSON ---------------------------------------------
# A reference is cited as what it is. A team-written summary (its source says so) is a generic document whose
# author is the organisation that wrote it; a guideline is a generic document of type "Guideline" published by
# its source; a journal article needs a real journal: a source plus a PMID or DOI. Anything else is a generic
# document whose source is kept as a note, never passed off as a journal.

_TEAM = re.compile(r"\bteam\b(?:[- ]written)?(?:\s+\w+){0,2}?\s+summary\b", re.IGNORECASE)
_LEADING_NAME = re.compile(r"^\s*([A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)*)")
DEFAULT_ORGANISATION = "ClinEvidence"


class CitedKind(StrEnum):
    team_summary = "team_summary"
    guideline = "guideline"
    journal_article = "journal_article"
    document = "document"


def cited_kind(ref: Reference) -> CitedKind:
    if _TEAM.search(ref.source):
        return CitedKind.team_summary
    if ref.type == "guideline":
        return CitedKind.guideline
    if ref.source.strip() and (valid_pmid(ref.pmid) or valid_doi(ref.doi)):
        return CitedKind.journal_article
    return CitedKind.document


def organisation(ref: Reference) -> str:
    """Who wrote a team summary: the name it starts with ("ClinEvidence team summary of ...")."""
    found = _LEADING_NAME.match(ref.source)
    return found.group(1) if found else DEFAULT_ORGANISATION


def _link(ref: Reference) -> str:
    return doi_url(ref.doi) or pubmed_url(ref.pmid) or safe_url(ref.url)


def _ris_value(text: str) -> str:
    return " ".join(str(text).split())


def _ris_lines(ref: Reference) -> list[str]:
    kind = cited_kind(ref)
    lines = [f"TY  - {'JOUR' if kind is CitedKind.journal_article else 'GEN'}", f"TI  - {_ris_value(ref.title)}"]
    if kind is CitedKind.team_summary:
        org = organisation(ref)
        lines += [f"AU  - {org}", f"PB  - {org}", "M3  - Evidence summary", f"N1  - {_ris_value(ref.source)}"]
    elif kind is CitedKind.guideline:
        lines.append("M3  - Guideline")
        if ref.source:
            lines.append(f"PB  - {_ris_value(ref.source)}")
    elif kind is CitedKind.journal_article:
        lines += [f"T2  - {_ris_value(ref.source)}", f"JF  - {_ris_value(ref.source)}"]
    elif ref.source:
        lines.append(f"N1  - {_ris_value(ref.source)}")
    if ref.year:
        lines.append(f"PY  - {ref.year}")
    if valid_pmid(ref.pmid):
        lines += ["DB  - PubMed", f"AN  - {valid_pmid(ref.pmid)}"]
    if valid_doi(ref.doi):
        lines.append(f"DO  - {valid_doi(ref.doi)}")
    if _link(ref):
        lines.append(f"UR  - {_link(ref)}")
    lines += [f"KW  - {_ris_value(ref.type_label)}", "ER  - "]
    return lines


def to_ris(answer: Answer) -> str:
    """The reference list as RIS (one TY..ER block per reference, CRLF line ends)."""
    blocks = ["\r\n".join(_ris_lines(ref)) for ref in answer.references]
    return "\r\n\r\n".join(blocks) + ("\r\n" if blocks else "")


_BIB_SPECIAL = {c: "\\" + c for c in "&%$#_{}"}
_BIB_SPECIAL.update({"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"})


def bib_escape(text: str) -> str:
    return "".join(_BIB_SPECIAL.get(c, c) for c in " ".join(str(text).split()))


def _bib_verbatim(text: str) -> str:
    """DOIs and URLs stay verbatim (biblatex reads them so); only braces, which would unbalance the entry, go."""
    return text.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _bib_key(ref: Reference, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_:-]+", "-", ref.doc_id).strip("-") or f"ref{ref.n}"
    key, i = base, 2
    while key in used:
        key, i = f"{base}-{i}", i + 1
    used.add(key)
    return key


def to_bibtex(answer: Answer) -> str:
    """The reference list as BibTeX: @article only for a journal article, else @misc (organisation as author)."""
    used: set[str] = set()
    entries = []
    for ref in answer.references:
        kind = cited_kind(ref)
        fields: list[tuple[str, str]] = [("title", "{" + bib_escape(ref.title) + "}")]
        if kind is CitedKind.team_summary:
            org = bib_escape(organisation(ref))
            fields += [("author", "{" + org + "}"), ("howpublished", "Evidence summary"), ("publisher", org)]
            fields.append(("note", bib_escape(ref.source)))
        elif kind is CitedKind.guideline:
            fields.append(("howpublished", "Guideline"))
            if ref.source:
                fields.append(("publisher", bib_escape(ref.source)))
        elif kind is CitedKind.journal_article:
            fields.append(("journal", bib_escape(ref.source)))
        elif ref.source:
            fields.append(("note", bib_escape(ref.source)))
        if ref.year:
            fields.append(("year", str(ref.year)))
        if valid_doi(ref.doi):
            fields.append(("doi", _bib_verbatim(valid_doi(ref.doi))))
        if valid_pmid(ref.pmid):
            fields += [("eprinttype", "pubmed"), ("eprint", valid_pmid(ref.pmid))]
        if _link(ref):
            fields.append(("url", _bib_verbatim(_link(ref))))
        fields.append(("keywords", bib_escape(ref.type_label)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entry_type = "article" if kind is CitedKind.journal_article else "misc"
        entries.append(f"@{entry_type}{{{_bib_key(ref, used)},\n{body}\n}}\n")
    return "\n".join(entries)


def to_csl_json(answer: Answer) -> list[dict[str, Any]]:
    """The reference list as CSL-JSON items (the format Zotero, Mendeley and citeproc read)."""
    items = []
    for ref in answer.references:
        kind = cited_kind(ref)
        item: dict[str, Any] = {
            "id": ref.doc_id,
            "type": "article-journal" if kind is CitedKind.journal_article else "document",
            "title": ref.title or ref.doc_id,
        }
        if kind is CitedKind.team_summary:
            org = organisation(ref)
            item.update(author=[{"literal": org}], publisher=org, genre="Evidence summary", note=ref.source)
        elif kind is CitedKind.guideline:
            item["genre"] = "Guideline"
            if ref.source:
                item["publisher"] = ref.source
        elif kind is CitedKind.journal_article:
            item["container-title"] = ref.source
        elif ref.source:
            item["note"] = ref.source
        if ref.year:
            item["issued"] = {"date-parts": [[ref.year]]}
        if valid_doi(ref.doi):
            item["DOI"] = valid_doi(ref.doi)
        if valid_pmid(ref.pmid):
            item["PMID"] = valid_pmid(ref.pmid)
        if _link(ref):
            item["URL"] = _link(ref)
        item["keyword"] = ref.type_label
        items.append(item)
    return items
