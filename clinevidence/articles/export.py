"""Article exports: Markdown with numbered citations, a FHIR Bundle (Evidence + Citation), RIS references."""

from __future__ import annotations

import re
import uuid
from typing import Any

from ..answer.models import Answer, Reference, Statement
from .links import doi_url, pubmed_url, safe_url, valid_doi, valid_pmid
from .store import ArticleRecord, ArticleStatus

PENDING_BANNER = "Educational purpose only • content pending human review"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown/HTML syntax so document text stays text in any Markdown renderer."""
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^([#+\-=>]|\d+\.)", r"\\\1", text)


def _cites(st: Statement) -> str:
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
# Evidence and Citation are shaped after FHIR R4B (4.3.0), the R4 release that defines Citation.

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


# -- RIS -------------------------------------------------------------------------------------------------


def _ris_value(text: str) -> str:
    return " ".join(str(text).split())


def to_ris(answer: Answer) -> str:
    """The reference list as RIS: JOUR for research, GEN for guidelines; one TY..ER block per reference."""
    blocks = []
    for ref in answer.references:
        lines = [f"TY  - {'GEN' if ref.type_label == 'Guideline' else 'JOUR'}", f"TI  - {_ris_value(ref.title)}"]
        if ref.source:
            lines.append(f"JO  - {_ris_value(ref.source)}")
        if ref.year:
            lines.append(f"PY  - {ref.year}")
        if valid_pmid(ref.pmid):
            lines.append(f"AN  - {valid_pmid(ref.pmid)}")
        if valid_doi(ref.doi):
            lines.append(f"DO  - {valid_doi(ref.doi)}")
        link = safe_url(ref.url) or pubmed_url(ref.pmid) or doi_url(ref.doi)
        if link:
            lines.append(f"UR  - {link}")
        lines.append("ER  - ")
        blocks.append("\r\n".join(lines))
    return "\r\n\r\n".join(blocks) + ("\r\n" if blocks else "")
