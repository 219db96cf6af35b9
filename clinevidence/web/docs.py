"""API docs at /docs: Swagger UI started by a static script, so the page keeps a CSP without inline code."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "swagger.html", {})  # type: ignore[no-any-return]
