"""The FastAPI application: one Library and AnswerService, the routers, middleware and error handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__, privacy
from ..answer.service import AnswerService
from ..articles import links
from ..articles.service import ArticleService
from ..integrations import mcp_server
from ..library.store import Library
from ..review.accounts import Accounts
from ..review.service import ReviewService
from ..settings import Settings, load_settings
from . import api, docs, exports, logfilter, openai_api, pages, privacy_api, review_api, review_pages, streaming
from .auth import csrf_guard, signed_in
from .errors import install_error_handlers
from .middleware import BodySizeLimitMiddleware, CatchAllMiddleware, SecurityHeadersMiddleware
from .ratelimit import SlidingWindowLimiter
from .review_views import iso_long_date
from .schemas import QUESTION_HARD_MAX
from .shared_limits import SharedLoginLimiter, SharedSlidingWindowLimiter
from .views import STATUS_LABELS, long_date, quote_for

HERE = Path(__file__).parent
MAX_BODY_BYTES = 64 * 1024


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["iso_long_date"] = iso_long_date
    env.globals.update(
        pubmed_url=links.pubmed_url,
        doi_url=links.doi_url,
        safe_url=links.safe_url,
        valid_doi=links.valid_doi,
        valid_pmid=links.valid_pmid,
        quote_for=quote_for,
        status_labels=STATUS_LABELS,
        signed_in=signed_in,
        version=__version__,
    )
    return Jinja2Templates(env=env)


def create_app(
    library_path: Path, settings: Settings | None = None, *, max_body_bytes: int = MAX_BODY_BYTES
) -> FastAPI:
    """Open the library at ``library_path`` once and serve it."""
    settings = settings or load_settings(library=library_path)
    logfilter.install()
    library = Library(library_path, url=settings.database_url or None)
    answers = AnswerService(library, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.retention_days:  # the retention setting: expired, unapproved threads go at start-up
            privacy.purge(library.engine, days=settings.retention_days, actor="system")
        library.start_refresher(settings.index_refresh_seconds)  # catch up with other nodes' ingests
        async with _app.state.mcp.running():  # MCP over streamable HTTP at /mcp
            yield
        library.close()

    app = FastAPI(
        title="ClinEvidence",
        version=__version__,
        summary="Evidence-grounded clinical answers from your own library, with citations.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # The one CSRF check: every state-changing request made with a session must carry its token.
        dependencies=[Depends(csrf_guard)],
    )
    app.state.settings = settings
    app.state.library = library
    app.state.answers = answers
    app.state.articles = ArticleService(library.engine, answers)
    # On a server database several app nodes may serve together: their limits are counted there (shared_limits).
    shared = library.engine.dialect.name != "sqlite"
    app.state.ask_limiter = (
        SharedSlidingWindowLimiter(library.engine, settings.ask_rate_per_minute)
        if shared
        else SlidingWindowLimiter(settings.ask_rate_per_minute)
    )
    app.state.accounts = Accounts(library.engine, limiter=SharedLoginLimiter(library.engine) if shared else None)
    app.state.review = ReviewService(library)
    app.state.templates = make_templates()

    install_error_handlers(app)
    # Added innermost first: headers wrap everything, including 413s and 500s.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(streaming.router)
    app.include_router(review_api.router)
    app.include_router(privacy_api.router)
    app.include_router(exports.router)  # before pages: /articles/{id}.md must not match /articles/{id}
    app.include_router(review_pages.router)  # before pages: /articles/{id}/history is not an article id
    app.include_router(pages.router)
    app.include_router(docs.router)
    openai_api.install(app)  # /v1: OpenAI-compatible chat (its error middleware wraps the ones above)
    mcp_server.install(app)  # /mcp: MCP streamable HTTP
    _schema_matches_settings(app, settings)
    return app


def _schema_matches_settings(app: FastAPI, settings: Settings) -> None:
    """Make the OpenAPI schema state this server's limits: its question length and the engines it offers."""
    engines = ["extractive", "llm"] if settings.llm.provider else ["extractive"]
    generate = app.openapi

    def adjust(node: Any) -> None:
        if isinstance(node, dict):
            if sorted(node.get("enum", [])) == ["extractive", "llm"]:
                node["enum"] = engines
            if node.get("maxLength") == QUESTION_HARD_MAX:
                node["maxLength"] = settings.max_question_chars
            for value in node.values():
                adjust(value)
        elif isinstance(node, list):
            for value in node:
                adjust(value)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            adjust(schema.get("components", {}))
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
