"""Article exports: JSON, Markdown, FHIR R4B Bundle, and the references as RIS, BibTeX and CSL-JSON (registered
before the HTML article route; the longer suffixes before ``.json``)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ..articles.export import FHIR_MEDIA_TYPE, to_bibtex, to_csl_json, to_fhir_bundle, to_markdown, to_ris
from .auth import ReviewDep
from .deps import ArticlesDep, get_settings
from .review_schemas import ReviewInfo
from .schemas import ERROR_RESPONSES, ArticleOut
from .views import article_out, article_url, public_url

router = APIRouter(tags=["export"], responses=ERROR_RESPONSES)


def _absolute(request: Request, article_id: str) -> str:
    """The article's address from the configured base URL (site-relative without one), never from ``Host``."""
    return public_url(get_settings(request), article_url(article_id))


def _inline(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'inline; filename="{filename}"'}


@router.get(
    "/articles/{article_id}.fhir.json",
    response_class=JSONResponse,
    responses={200: {"content": {FHIR_MEDIA_TYPE: {"schema": {"type": "object"}}}}},
)
def export_fhir(article_id: str, request: Request, articles: ArticlesDep) -> Response:
    """FHIR R4B (4.3.0) Bundle (collection): an Evidence resource and one Citation per reference."""
    # FHIR wants an absolute URL or none: without a configured base URL the Evidence has no url.
    url = _absolute(request, article_id) if get_settings(request).base_url else ""
    bundle = to_fhir_bundle(articles.get(article_id), url=url)
    return Response(
        json.dumps(bundle, ensure_ascii=False, indent=2),
        media_type=FHIR_MEDIA_TYPE,
        headers=_inline(f"clinevidence-{article_id}.fhir.json"),
    )


@router.get(
    "/articles/{article_id}.csl.json",
    response_class=JSONResponse,
    responses={200: {"content": {"application/vnd.citationstyles.csl+json": {"schema": {"type": "array"}}}}},
)
def export_csl_json(article_id: str, articles: ArticlesDep) -> Response:
    """The references as CSL-JSON (Zotero, Mendeley, pandoc/citeproc)."""
    items = to_csl_json(articles.get(article_id).answer())
    return Response(
        json.dumps(items, ensure_ascii=False, indent=2),
        media_type="application/vnd.citationstyles.csl+json",
        headers={"Content-Disposition": f'attachment; filename="clinevidence-{article_id}.csl.json"'},
    )


@router.get("/articles/{article_id}.json", response_model=ArticleOut)
def export_json(article_id: str, review: ReviewDep) -> ArticleOut:
    """The Answer JSON (same as ``GET /api/articles/{id}``)."""
    reviewed = review.get(article_id)
    return article_out(reviewed.record, review=ReviewInfo.of(reviewed))


@router.get("/articles/{article_id}.md", response_class=Response)
def export_markdown(article_id: str, request: Request, articles: ArticlesDep) -> Response:
    """Markdown with [n] citations and the reference list."""
    text = to_markdown(articles.get(article_id), url=_absolute(request, article_id))
    return Response(text, media_type="text/markdown; charset=utf-8", headers=_inline(f"clinevidence-{article_id}.md"))


@router.get("/articles/{article_id}.ris", response_class=Response)
def export_ris(article_id: str, articles: ArticlesDep) -> Response:
    """The references as RIS, for reference managers."""
    text = to_ris(articles.get(article_id).answer())
    return Response(
        text,
        media_type="application/x-research-info-systems",
        headers={"Content-Disposition": f'attachment; filename="clinevidence-{article_id}.ris"'},
    )


@router.get("/articles/{article_id}.bib", response_class=Response)
def export_bibtex(article_id: str, articles: ArticlesDep) -> Response:
    """The references as BibTeX."""
    return Response(
        to_bibtex(articles.get(article_id).answer()),
        media_type="application/x-bibtex; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="clinevidence-{article_id}.bib"'},
    )
