"""Settings: env (CLINEVIDENCE_*), nested groups, unknown keys forbidden, hashed into every receipt."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class RetrievalSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    k_docs: int = Field(8, ge=1, le=100, description="Documents retrieved per question.")
    k_passages: int = Field(24, ge=1, le=200, description="Passages considered for statements.")
    priors: bool = Field(True, description="Boost stronger and newer evidence (off for IR evaluation).")
    dense: bool = Field(
        False,
        description="Fuse BM25 with MiniLM cosine similarity (RRF) when the library has vectors "
        "(`clinevidence embed`; needs the `dense` extra).",
    )
    dense_weight: float = Field(1.0, ge=0, le=10, description="RRF weight of the dense ranking (BM25 has 1).")
    dense_rrf_k: int = Field(60, ge=1, le=1000, description="RRF constant k: score = weight / (k + rank).")
    rerank: bool = Field(True, description="Re-order the top documents with the learnt re-ranker (rerank_model.json).")


class AnswerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_statements: int = Field(12, ge=1, le=50, description="Most statements in one article.")
    min_coverage: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Abstain below this share of question terms found (when no answerability model is shipped).",
    )


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    provider: Literal["openai", "anthropic", ""] = Field("", description="openai = any OpenAI-compatible server.")
    base_url: str = Field("", description="Server URL, e.g. http://127.0.0.1:8080/v1 for llama.cpp server.")
    api_key: str = Field("", description="API key (never logged, never part of the receipt).")
    model: str = Field("", description="Model id sent to the server.")
    timeout: float = Field(60.0, gt=0, description="Seconds per request.")
    max_retries: int = Field(2, ge=0, le=10, description="Retries on timeouts and 5xx.")
    fallback: Literal["error", "extractive"] = Field(
        "error", description="What to do when the LLM is unavailable: error, or use the extractive engine."
    )


class IngestSettings(BaseModel):
    """What one input may cost (env CLINEVIDENCE_INGEST__<NAME>); anything over is skipped with a reason."""

    model_config = ConfigDict(extra="forbid")
    max_record_mb: float = Field(5, gt=0, description="Largest record: a JSONL line, a PubMed article, a document.")
    max_file_mb: float = Field(20, gt=0, description="Largest HTML or Markdown file.")
    max_pdf_mb: float = Field(100, gt=0, description="Largest PDF file.")
    max_depth: int = Field(256, ge=8, le=10_000, description="Deepest element nesting in HTML, Markdown or XML.")
    max_decompressed_mb: float = Field(4000, gt=0, description="Most a .gz file may decompress to.")
    max_gzip_ratio: float = Field(100, gt=1, description="Highest compression ratio of a .gz (checked after 16 MB).")
    file_seconds: float = Field(60, ge=0, description="Time budget to parse one HTML, Markdown or PDF document.")

    def limits(self):  # type: ignore[no-untyped-def]
        from .ingest.base import MB, Limits

        return Limits(
            max_record_bytes=int(self.max_record_mb * MB),
            max_file_bytes=int(self.max_file_mb * MB),
            max_pdf_bytes=int(self.max_pdf_mb * MB),
            max_depth=self.max_depth,
            max_decompressed_bytes=int(self.max_decompressed_mb * MB),
            max_gzip_ratio=self.max_gzip_ratio,
            file_seconds=self.file_seconds,
        )


class EUtilsSettings(BaseModel):
    """NCBI E-utilities for `clinevidence ingest pubmed` (env CLINEVIDENCE_EUTILS__<NAME>)."""

    model_config = ConfigDict(extra="forbid")
    base_url: str = Field(
        "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
        description="E-utilities base address (esearch.fcgi and efetch.fcgi are under it); tests use a local server.",
    )
    api_key: str = Field(
        "", description="NCBI API key (10 requests/s instead of 3); NCBI_API_KEY works too. Never logged."
    )
    email: str = Field("", description="Contact address sent with each request, as NCBI asks of tools.")
    timeout: float = Field(30.0, gt=0, le=600, description="Seconds per request.")
    attempts: int = Field(5, ge=1, le=20, description="Tries per request (backoff on 429, 5xx, network errors).")
    batch_size: int = Field(500, ge=1, le=10_000, description="Records per efetch request.")

    @field_validator("base_url")
    @classmethod
    def _http_address(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError(
                "eutils base_url must be an http(s) address such as https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
            )
        return value


class Settings(BaseSettings):
    """Everything an operator can set; env vars are CLINEVIDENCE_<NAME> and CLINEVIDENCE_LLM_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="CLINEVIDENCE_", env_nested_delimiter="__", extra="forbid")

    library: Path = Field(Path("var/library"), description="Library directory.")
    database_url: str = Field("", description="SQLAlchemy URL; default: SQLite inside the library directory.")
    index_refresh_seconds: float = Field(
        1.0,
        gt=0,
        le=30,
        description="How often a serving node checks the database for documents changed by other nodes or by "
        "`clinevidence ingest`, and catches its own search index up (the catch-up time is about this plus the "
        "time to index what changed).",
    )
    engine: Literal["extractive", "llm"] = Field("extractive", description="Default answer engine.")
    retrieval: RetrievalSettings = Field(default_factory=lambda: RetrievalSettings())
    answer: AnswerSettings = Field(default_factory=lambda: AnswerSettings())
    llm: LLMSettings = Field(default_factory=lambda: LLMSettings())
    require_login_to_ask: bool = Field(False, description="Only signed-in users may ask questions.")
    max_question_chars: int = Field(2000, ge=10, le=20000, description="Longest question accepted.")
    ask_rate_per_minute: int = Field(30, ge=1, description="Questions per minute per client.")
    ingest: IngestSettings = Field(default_factory=lambda: IngestSettings())
    eutils: EUtilsSettings = Field(default_factory=lambda: EUtilsSettings())
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For/-Proto headers "
        "are believed (uvicorn's forwarded_allow_ips). Empty: none; the socket peer is the client for rate limits, "
        "login throttling and audit.",
    )

    base_url: str = Field(
        "",
        description="Public address of this server (https://evidence.example.org): absolute links in exports are "
        "built from it, never from a request's Host header. Empty: exports carry site-relative links only.",
    )
    retention_days: int = Field(
        0,
        ge=0,
        description="Days a question's stored traces are kept: `clinevidence privacy purge` deletes (tombstones) "
        "articles older than this that no board member approved. 0: kept until deleted.",
    )

    @field_validator("base_url")
    @classmethod
    def _public_address(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError("base_url must be an http(s) address such as https://evidence.example.org")
        return value

    def config_hash(self) -> str:
        """Hash of the settings that change answers (not paths, not secrets)."""
        payload = {
            "engine": self.engine,
            # Dense knobs only count when dense retrieval is on, so existing hashes stay as they were.
            "retrieval": self.retrieval.model_dump(
                exclude=None if self.retrieval.dense else {"dense", "dense_weight", "dense_rrf_k"}
            ),
            "answer": self.answer.model_dump(),
            "llm": self.llm.model_dump(exclude={"api_key", "base_url", "timeout", "max_retries"}),
        }
        raw = json.dumps(payload, sort_keys=True)
        return hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()[:12]


def load_settings(**overrides: object) -> Settings:
    """Settings from env, with LLM env vars (CLINEVIDENCE_LLM_PROVIDER...) mapped into the llm group."""
    import os

    llm = {}
    for key in LLMSettings.model_fields:
        v = os.environ.get(f"CLINEVIDENCE_LLM_{key.upper()}")
        if v is not None:
            llm[key] = v
    data: dict[str, object] = {}
    if llm:
        data["llm"] = LLMSettings(**llm)  # type: ignore[arg-type]
    data.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**data)  # type: ignore[arg-type]
