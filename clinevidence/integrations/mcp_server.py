"""A Model Context Protocol server (official ``mcp`` SDK): the library and its answers as tools for MCP hosts.

Tools: ``ask`` (the grounded article as Markdown with numbered citations; the stored article JSON as structured
content), ``search_library``, ``get_article`` and ``get_document``. Two transports:

- stdio: ``clinevidence mcp`` (the host starts it as a subprocess; local, so no key is asked for);
- streamable HTTP at ``/mcp`` on the web app (stateless, JSON responses). It follows the ask rule: with
  ``require_login_to_ask`` a bearer API key from ``clinevidence keys create`` is required; ``ask`` counts against
  the same per-client rate limit as ``/api/ask``; a browser ``Origin`` other than the server's is refused.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from mcp.server import MCPServer
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..answer.models import Audience
from ..answer.service import AnswerService
from ..articles.export import md_escape, to_markdown
from ..articles.links import doi_url, pubmed_url, safe_url, valid_doi, valid_pmid
from ..articles.service import ArticleNotFound, ArticleService
from ..articles.store import ArticleRecord
from ..library.store import Library
from ..review.living import find_approved_answer
from ..review.service import ReviewService
from ..settings import Settings, load_settings
from .apikeys import ApiKeys, bearer_token

MCP_PATH = "/mcp"
INSTRUCTIONS = (
    "ClinEvidence answers clinical questions only from the documents in this server's evidence library. "
    "Use `ask` for a question: it returns an article whose statements cite numbered references [n]; quote it with "
    "its citations and reference list, and say when it reports insufficient evidence. Use `search_library` to find "
    "documents, `get_document` to read one, `get_article` to reopen an earlier answer by its id. Articles are "
    "educational and pending human review unless marked approved."
)
_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
_ASK = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False)


@dataclass(slots=True)
class Backend:
    """What the tools work with: the same services as the web app (or, for stdio, a library of its own)."""

    library: Library
    settings: Settings
    articles: ArticleService
    review: ReviewService
    base_url: str = ""
    # Counts one question against the caller's budget (HTTP: the web app's limiter); raises ToolError when spent.
    limit: Callable[[Context], None] | None = None

    def link(self, record: ArticleRecord, ctx: Context | None = None) -> str:
        """The article's address on the configured public address (``settings.base_url``, else ``base_url``);
        on HTTP without one, site-relative. Never from the request's Host header, which the client chooses."""
        request = getattr(ctx.request_context, "request", None) if ctx is not None else None
        base = self.settings.base_url or self.base_url
        if base:
            return f"{base}/articles/{record.id}"
        return f"/articles/{record.id}" if request is not None else ""


def _http_request(ctx: Context | None) -> Any:
    """The HTTP request a tool call came in (None over stdio)."""
    return getattr(ctx.request_context, "request", None) if ctx is not None else None


def _asker(ctx: Context | None) -> str | None:
    """Who asks over HTTP: a hash of the bearer token presented (the operator's key or, with sign-in off, any
    token), else of the MCP session id; over stdio nobody in particular (the operator)."""
    request = _http_request(ctx)
    if request is None:
        return None
    token = bearer_token(request.headers.get("authorization"))
    kind, value = ("bearer", token) if token else ("mcp", request.headers.get("mcp-session-id"))
    return f"{kind}:" + hashlib.sha256(value.encode()).hexdigest()[:40] if value else None


def _article_json(backend: Backend, record: ArticleRecord) -> dict[str, Any]:
    from ..web.review_schemas import ReviewInfo
    from ..web.views import article_out

    out = article_out(record, review=ReviewInfo.of(backend.review.get(record.id)))
    return out.model_dump(mode="json")


def _article_result(backend: Backend, record: ArticleRecord, ctx: Context) -> CallToolResult:
    text = to_markdown(record, url=backend.link(record, ctx))
    return CallToolResult(
        content=[TextContent(type="text", text=text)], structured_content=_article_json(backend, record)
    )


def build_server(backend: Backend) -> MCPServer:
    """An MCPServer whose tools answer from ``backend``."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    mcp: MCPServer = MCPServer(
        "clinevidence",
        title="ClinEvidence",
        description="Evidence-grounded clinical answers from your own library, with citations.",
        instructions=INSTRUCTIONS,
        version=__version__,
        log_level="WARNING",
    )
    # The SDK configures the root logger; the web app's (and the host's) logging stays as it was.
    root.setLevel(level)
    root.handlers[:] = handlers

    @mcp.tool(
        title="Ask a clinical question",
        annotations=_ASK,
        description=(
            "Answer a clinical question from the library as an article: verdict title, bottom line, sections whose "
            "statements cite numbered references [n], and the reference list. Abstains when the library has no "
            "evidence. Structured content: the stored article (Answer JSON with id, url, thread_id)."
        ),
    )
    def ask(
        question: Annotated[str, Field(min_length=1, max_length=20_000, description="The clinical question.")],
        ctx: Context,
        audience: Annotated[
            Literal["clinician", "student", "patient"], Field(description="Who the article is written for.")
        ] = "clinician",
        follow_up_of: Annotated[
            str | None,
            Field(max_length=32, description="Id of an earlier article this question follows up (same thread)."),
        ] = None,
        force_new: Annotated[
            bool, Field(description="Draft anew even if an approved article already answers the question.")
        ] = False,
    ) -> CallToolResult:
        question = " ".join(question.split())
        if not question:
            raise ToolError("The question is empty; type a question.")
        if len(question) > backend.settings.max_question_chars:
            raise ToolError(f"The question is too long: at most {backend.settings.max_question_chars} characters.")
        if backend.limit is not None:
            backend.limit(ctx)
        who = Audience(audience)
        asker = _asker(ctx)
        # Over HTTP only the asker who owns a thread adds to it (stdio is the operator: askers=None).
        askers = None if _http_request(ctx) is None else ([asker] if asker else [])
        if follow_up_of:
            try:
                record = backend.articles.follow_up(follow_up_of, question, audience=who, askers=askers, asker=asker)
            except ArticleNotFound:
                raise ToolError(f"No article with id {follow_up_of!r} to follow up.") from None
            return _article_result(backend, record, ctx)
        if not force_new:
            match = find_approved_answer(backend.review.engine, question, audience=str(who))
            if match is not None:
                return _article_result(backend, match.record, ctx)
        return _article_result(backend, backend.articles.ask(question, audience=who, asker=asker), ctx)

    @mcp.tool(
        title="Search the evidence library",
        annotations=_READ_ONLY,
        description="Find documents in the library (guidelines, trials, reviews) ranked for a query.",
    )
    def search_library(
        query: Annotated[str, Field(min_length=1, max_length=2000, description="Words to search for.")],
        limit: Annotated[int, Field(ge=1, le=50, description="How many documents.")] = 10,
    ) -> CallToolResult:
        ranked = backend.articles.answers.retriever.documents(query, limit)[:limit]
        hits: list[dict[str, Any]] = [
            {
                "id": r.doc.id,
                "title": r.doc.title,
                "type": str(r.doc.type),
                "type_label": r.doc.type.label,
                "year": r.doc.year,
                "source": r.doc.source,
                "pmid": valid_pmid(r.doc.pmid) or "",
                "doi": valid_doi(r.doc.doi) or "",
                "url": doi_url(r.doc.doi) or pubmed_url(r.doc.pmid) or safe_url(r.doc.url) or "",
                "score": round(float(r.score), 4),
            }
            for r in ranked
        ]
        lines = [f"{len(hits)} document(s) for {md_escape(query)}:", ""]
        lines += [
            f"{i}. {md_escape(r.doc.title)} ({r.doc.type.label}{f', {r.doc.year}' if r.doc.year else ''}) "
            f"- id `{r.doc.id}`"
            for i, r in enumerate(ranked, 1)
        ]
        return CallToolResult(
            content=[TextContent(type="text", text="\n".join(lines))], structured_content={"results": hits}
        )

    @mcp.tool(
        title="Get an article",
        annotations=_READ_ONLY,
        description="An earlier answer by its id, as Markdown with citations (structured content: its JSON).",
    )
    def get_article(
        article_id: Annotated[str, Field(min_length=1, max_length=32, description="The article id.")],
        ctx: Context,
    ) -> CallToolResult:
        try:
            return _article_result(backend, backend.articles.get(article_id), ctx)
        except ArticleNotFound:
            raise ToolError(f"No article with id {article_id!r}.") from None

    @mcp.tool(
        title="Read a library document",
        annotations=_READ_ONLY,
        description="One library document: its reference data and its text, passage by passage.",
    )
    def get_document(
        doc_id: Annotated[str, Field(min_length=1, max_length=200, description="The document id.")],
    ) -> CallToolResult:
        doc = backend.library.get_documents([doc_id]).get(doc_id)
        if doc is None:
            raise ToolError(f"No document with id {doc_id!r} in the library.")
        passages = backend.library.passages_of([doc_id])
        data = {
            "id": doc.id,
            "title": doc.title,
            "type": str(doc.type),
            "type_label": doc.type.label,
            "year": doc.year,
            "source": doc.source,
            "pmid": valid_pmid(doc.pmid) or "",
            "doi": valid_doi(doc.doi) or "",
            "url": doi_url(doc.doi) or pubmed_url(doc.pmid) or safe_url(doc.url) or "",
            "mesh": list(doc.mesh),
            "passages": [{"id": p.id, "section": p.section, "text": p.text} for p in passages],
        }
        meta = ", ".join(str(x) for x in [doc.type.label, doc.source, doc.year] if x)
        lines = [f"# {md_escape(doc.title)}", "", md_escape(meta), ""]
        section = None
        for p in passages:
            if p.section and p.section != section:
                section = p.section
                lines += [f"## {md_escape(section)}", ""]
            lines += [md_escape(p.text), ""]
        return CallToolResult(content=[TextContent(type="text", text="\n".join(lines))], structured_content=data)

    return mcp


# -- stdio -------------------------------------------------------------------------------------------------


def run_stdio(library_path: Path) -> None:
    """``clinevidence mcp``: serve the library over stdio until the host closes the pipe."""
    settings = load_settings(library=library_path)
    library = Library(library_path, url=settings.database_url or None)
    try:
        answers = AnswerService(library, settings)
        backend = Backend(library, settings, ArticleService(library.engine, answers), ReviewService(library))
        build_server(backend).run("stdio")
    finally:
        library.close()


# -- streamable HTTP on the web app --------------------------------------------------------------------------


def _json(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "status": status, "error": message, "errors": []}, status, headers=headers)


def _same_origin(headers: Headers, scheme: str) -> bool:
    """No Origin (not a browser), or an Origin naming this very server (MCP's DNS-rebinding rule)."""
    origin = headers.get("origin")
    if not origin:
        return True
    parts = urlsplit(origin)
    return parts.netloc.lower() == headers.get("host", "").lower() and parts.scheme in (scheme, "http", "https")


class McpHttp:
    """The ASGI endpoint at /mcp: checks origin and key, then hands over to the SDK's streamable HTTP app.

    The SDK's session manager lives for one run of the web app's lifespan (``running``); a new one is made for
    every run, so an app object can be started more than once (as the tests' clients do).
    """

    def __init__(self, app: Any) -> None:
        self.web = app
        self.inner: ASGIApp | None = None

    def _backend(self) -> Backend:
        state = self.web.state

        def limit(ctx: Context) -> None:
            from ..web.deps import client_key

            request = getattr(ctx.request_context, "request", None)
            wait = state.ask_limiter.hit(client_key(request) if request is not None else "unknown")
            if wait is not None:
                raise ToolError(
                    f"Too many questions: at most {state.ask_limiter.limit} per minute. "
                    f"Please try again in {wait} seconds."
                )

        return Backend(state.library, state.settings, state.articles, state.review, limit=limit)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        mcp = build_server(self._backend())
        inner = mcp.streamable_http_app(
            streamable_http_path=MCP_PATH,
            stateless_http=True,
            json_response=True,
            # Origin is checked here for any host name the server is reached by (see _same_origin).
            transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
        )
        async with mcp.session_manager.run():
            self.inner = inner
            try:
                yield
            finally:
                self.inner = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        if self.inner is None:
            response = _json(503, "The MCP endpoint starts with the server; it is not running.")
        elif not _same_origin(headers, scope.get("scheme", "http")):
            response = _json(403, "Requests from another site's pages are refused.")
        elif self.web.state.settings.require_login_to_ask and not self._key_ok(headers):
            response = _json(
                401, "An API key is required (clinevidence keys create NAME).", {"WWW-Authenticate": "Bearer"}
            )
        else:
            await self.inner(scope, receive, send)
            return
        await response(scope, receive, send)

    def _key_ok(self, headers: Headers) -> bool:
        keys: ApiKeys = self.web.state.api_keys
        return keys.verify(bearer_token(headers.get("authorization"))) is not None


def install(app: Any) -> McpHttp:
    """Serve MCP over streamable HTTP at /mcp on the web app (start it with ``running`` in the app's lifespan)."""
    if not hasattr(app.state, "api_keys"):
        app.state.api_keys = ApiKeys(app.state.library.engine)
    endpoint = McpHttp(app)
    app.router.routes.insert(0, Route(MCP_PATH, endpoint=endpoint, methods=["GET", "POST", "DELETE"]))
    app.state.mcp = endpoint
    return endpoint
