"""Outbound links built only from validated identifiers: PubMed ids, DOIs and plain http(s) URLs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_PMID = re.compile(r"\d{1,10}")
# Crossref's recommended pattern for modern DOIs; anything else gets no link.
_DOI = re.compile(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9]+")
_URL_FORBIDDEN = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


def valid_pmid(pmid: str) -> str:
    """The PMID if it is all digits, else ''."""
    pmid = (pmid or "").strip()
    return pmid if _PMID.fullmatch(pmid) else ""


def valid_doi(doi: str) -> str:
    """The DOI (without a doi.org prefix) if it matches the DOI pattern, else ''."""
    doi = (doi or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :]
    return doi if _DOI.fullmatch(doi) else ""


def pubmed_url(pmid: str) -> str:
    pmid = valid_pmid(pmid)
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else ""


def doi_url(doi: str) -> str:
    doi = valid_doi(doi)
    return f"https://doi.org/{doi}" if doi else ""


def safe_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host and no characters that could break out, else ''."""
    url = (url or "").strip()
    if not url or len(url) > 2000 or _URL_FORBIDDEN.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url
