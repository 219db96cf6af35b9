"""The README's Quick start and usage lines work as written: files they name exist, the Makefile does what the
README says, and our own pyproject raises no setuptools deprecation (SPDX license string)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()


def test_readme_names_only_files_a_user_has() -> None:
    assert "../shared" not in README
    for path in sorted(set(re.findall(r"\bexamples/[\w./-]+", README))):
        assert (ROOT / path.rstrip(".")).exists(), path


def test_quick_start_order_port_and_accounts() -> None:
    quick = README[README.index("## Quick start") : README.index("## Usage")]
    assert quick.index("make test") < quick.index("make run")
    assert "second terminal" in quick and "make run PORT=8080" in quick
    assert "users add" in quick and "minutes" in quick


def test_make_run_installs_runtime_only_and_takes_a_port() -> None:
    run = MAKEFILE[MAKEFILE.index("\nrun:") :].split("\n\n")[0]
    assert "--port $(PORT)" in run and "--host $(HOST)" in run
    assert re.search(r"^PORT \?= 8000$", MAKEFILE, re.MULTILINE)
    runtime = MAKEFILE[MAKEFILE.index("$(STAMP): pyproject.toml") :].split("\n\n")[0]
    assert "pip install -q -e ." in runtime and "[dev]" not in runtime
    assert re.search(r"^test: install-dev", MAKEFILE, re.MULTILINE)


def test_pyproject_license_is_an_spdx_string() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert meta["project"]["license"] == "Apache-2.0"
    requires = meta["build-system"]["requires"]
    assert any(re.fullmatch(r"setuptools>=(7[7-9]|[89]\d)(\.\d+)*", r) for r in requires)
