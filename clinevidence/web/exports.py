"""Article exports: JSON, Markdown, FHIR Bundle and RIS (registered before the HTML article route)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ..articles.export import to_fhir_bundle, to_markdown, to_ris
from .auth import ReviewDep
from .deps import ArticlesDep
from .review_schemas import ReviewInfo
from .schemas import ERROR_RESPONSES, ArticleOut
from .views import article_out, article_url

router = APIRouter(tags=["export"], responses=ERROR_RESPONSES)


def _absolute(request: Request, article_id: str) -> str:
    return str(request.base_url).rstrip("/") + article_url(article_id)


def _inline(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'inline; filename="{filename}"'}


@router.get("/articles/{article_id}.fhir.json", response_class=JSONResponse)
def export_fhir(article_id: str, request: Request, articles: ArticlesDep) -> Response:
    """FHIR Bundle (collection): an Evidence resource and one Citation per reference."""
    bundle = to_fhir_bundle(articles.get(article_id), url=_absolute(request, article_id))
    return Response(
        json.dumps(bundle, ensure_ascii=False, indent=2),
        media_type="application/fhir+json",
        headers=_inline(f"clinevidence-{article_id}.fhir.json"),
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
