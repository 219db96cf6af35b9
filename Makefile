PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev run test lint typecheck bench clean

# Runtime only (what `make run` needs).
$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(STAMP)

# Dev extras on top (linters, type checker, test tools, browser tests): what `make test` needs.
$(DEV_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

# Serves until Ctrl-C: run it last, or in a second terminal. `make run PORT=8080 HOST=0.0.0.0`.
run: install
	$(BIN)/clinevidence ingest examples/library
	$(BIN)/clinevidence serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check clinevidence tests bench scripts
	$(BIN)/ruff format --check clinevidence tests bench scripts

typecheck: install-dev
	$(BIN)/mypy

test: install-dev lint typecheck
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
