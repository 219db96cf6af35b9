"""API docs at /docs: Swagger UI served from this server (the packaged ``fastapi-offline`` assets, Swagger UI 5),
inside the site's own page, started by a static script so the page keeps a CSP without inline code or a CDN."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)

ASSETS = Path(fastapi_offline.__file__).parent / "static"
_SERVED = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "swagger.html", {})  # type: ignore[no-any-return]


@router.get("/docs/assets/{name}")
def api_docs_asset(name: str) -> FileResponse:
    """Swagger UI's script and stylesheet (packaged with the app: the docs page works offline)."""
    if name not in _SERVED:
        raise HTTPException(404)
    return FileResponse(ASSETS / name, media_type=_SERVED[name], headers={"Cache-Control": "public, max-age=86400"})
