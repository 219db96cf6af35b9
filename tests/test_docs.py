"""/docs works offline: Swagger UI comes from this server, inside the site's page; axe-core finds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from .browser_support import CHROMIUM, chromium, serve
from .web_support import build_library, make_app


@pytest.fixture(scope="module")
def lib_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library(tmp_path_factory.mktemp("docs") / "lib")


def test_docs_page_names_no_other_host(lib_path: Path) -> None:
    with TestClient(make_app(lib_path)) as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert "cdn." not in page.text and "https://" not in page.text
        for asset, kind in (("swagger-ui-bundle.js", "javascript"), ("swagger-ui.css", "text/css")):
            r = client.get(f"/docs/assets/{asset}")
            assert r.status_code == 200 and kind in r.headers["content-type"] and len(r.content) > 10_000
        assert client.get("/docs/assets/..%2Fsettings.py").status_code == 404
        assert client.get("/docs/assets/index.html").status_code == 404
        csp = page.headers["content-security-policy"]
        assert "https:" not in csp and "script-src 'self';" in csp


@pytest.fixture(scope="module")
def server(lib_path: Path) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    with serve(make_app(lib_path)) as url:
        yield url


@pytest.mark.browser
def test_docs_render_offline_with_no_axe_violations(server: str) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    blocked: list[str] = []
    problems: list[str] = []
    with chromium() as browser:
        page = browser.new_page()

        def only_loopback(route, request) -> None:  # type: ignore[no-untyped-def]
            if urlsplit(request.url).hostname in ("127.0.0.1", "localhost"):
                route.continue_()
            else:
                blocked.append(request.url)
                route.abort()

        page.route("**/*", only_loopback)
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{server}/docs")
        page.wait_for_selector(".swagger-ui .opblock-summary", timeout=20_000)
        # The whole schema rendered: operations from the JSON API, the OpenAI endpoint and the exports.
        text = page.inner_text("#swagger-ui")
        for path in ("/api/ask", "/v1/chat/completions", "/articles/{article_id}.bib"):
            assert path in text
        assert page.locator(".site-header .brand").is_visible()
        assert page.get_by_role("link", name="Back to asking questions").is_visible()
        # Swagger UI's stylesheet applied (its layout classes are styled, not bare HTML).
        assert page.eval_on_selector(".swagger-ui .opblock", "e => getComputedStyle(e).borderRadius") != "0px"
        axe = axe_module.Axe()
        violations = [f"{v['id']}: {len(v['nodes'])} node(s)" for v in axe.run(page).response["violations"]]
        # Opened operations too: parameters, request bodies, response tables and examples.
        for i in range(3):
            page.click(f".opblock-summary-control >> nth={i}")
        page.click("#operations-openai-chat_completions_v1_chat_completions_post .opblock-summary-control")
        page.wait_for_selector("#operations-openai-chat_completions_v1_chat_completions_post .responses-table")
        violations += [f"open {v['id']}: {len(v['nodes'])}" for v in axe.run(page).response["violations"]]
    assert blocked == []
    assert problems == []
    assert violations == []
