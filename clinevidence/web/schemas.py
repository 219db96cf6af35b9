"""Request and response models of the JSON API (and the HTML forms, which share the request models)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..answer.models import Answer, Audience
from .review_schemas import ReviewInfo

# The hard cap in the schema; the configured ``max_question_chars`` (never above it) is checked per request.
QUESTION_HARD_MAX = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean_question(value: str) -> str:
    value = _CONTROL.sub(" ", value).strip()
    if not value:
        raise ValueError("the question is empty; type a question")
    return value


QuestionText = Annotated[
    str,
    Field(
        min_length=1,
        max_length=QUESTION_HARD_MAX,
        description="The clinical question (no patient identifiers).",
        # Documents what _clean_question enforces (with a clearer message): some visible character.
        json_schema_extra={"pattern": r"[^\s\x00-\x1f\x7f-\x9f]"},
    ),
    AfterValidator(_clean_question),
]
EngineName = Literal["extractive", "llm"]
ArticleId = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z0-9]+$")]


def check_question_length(question: str, limit: int, loc: tuple[str, ...] = ("body", "question")) -> None:
    """Enforce the configured limit with the same 422 shape pydantic produces."""
    if len(question) > limit:
        raise RequestValidationError(
            [{"loc": loc, "msg": f"the question is too long: at most {limit} characters", "type": "string_too_long"}]
        )


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: QuestionText
    audience: Audience = Field(Audience.clinician, description="Who the article is written for.")
    engine: EngineName | None = Field(None, description="Answer engine; default from the server settings.")
    thread_id: ArticleId | None = Field(None, description="Follow up this thread (its latest article is the context).")
    force_new: bool = Field(
        False, description="Draft a fresh answer even if an approved article already answers this question."
    )


class FollowUpRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: QuestionText
    audience: Audience | None = Field(None, description="Default: the audience of the article followed up.")
    engine: EngineName | None = None


class AskForm(BaseModel):
    question: QuestionText
    audience: Audience | None = None
    force_new: bool = False


class VariantForm(BaseModel):
    audience: Audience


class ArticleOut(Answer):
    """The Answer JSON plus where the article lives and its review state."""

    id: str
    url: str
    thread_id: str
    parent_id: str | None = None
    version: int
    last_updated: date
    existing: bool = Field(
        False, description="True when an approved article that already answers the question is returned (200)."
    )
    review: ReviewInfo | None = Field(None, description="Reviewers, approval date and re-review flags.")


class ArticleSummary(BaseModel):
    id: str
    url: str
    thread_id: str
    question: str
    title: str
    verdict: str
    audience: str
    status: str
    version: int
    last_updated: date


class ArticleList(BaseModel):
    count: int
    articles: list[ArticleSummary]


class LibraryStats(BaseModel):
    documents: int
    passages: int
    by_type: dict[str, int]
    snapshot: str


class Health(BaseModel):
    ok: bool = True


class ErrorEnvelope(BaseModel):
    ok: Literal[False] = False
    status: int
    error: str
    errors: list[dict[str, Any]] = Field(default_factory=list)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorEnvelope, "description": desc}
    for code, desc in [
        (400, "The request body could not be parsed (not JSON, or not UTF-8)"),
        (404, "No such article or thread"),
        (413, "Request body too large"),
        (422, "Invalid request (or an engine this server does not offer)"),
        (429, "Rate limit exceeded (see Retry-After)"),
        (500, "Server error"),
        (502, "The LLM engine failed"),
        (503, "The LLM server did not answer; retry after Retry-After seconds"),
    ]
}
