"""Review domain records: users, reviewer sign-offs, an article with its review state, versions, comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..articles.store import ArticleRecord


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """SQLite hands datetimes back naive; every time we store is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    display_name: str
    credentials: str
    role: str
    disabled: bool
    created_at: datetime

    @property
    def byline(self) -> str:
        """'Dr Ann Lee, MD, Oncology' — how a reviewer is named on an approved article."""
        name = self.display_name or self.username
        return f"{name}, {self.credentials}" if self.credentials else name


@dataclass(frozen=True, slots=True)
class SignOff:
    """A board member's approval of one version of an article."""

    username: str
    display_name: str
    credentials: str
    version: int
    at: str  # ISO 8601, UTC

    @property
    def byline(self) -> str:
        name = self.display_name or self.username
        return f"{name}, {self.credentials}" if self.credentials else name

    def to_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "credentials": self.credentials,
            "version": self.version,
            "at": self.at,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> SignOff:
        return cls(
            username=str(data.get("username", "")),
            display_name=str(data.get("display_name", "")),
            credentials=str(data.get("credentials", "")),
            version=int(str(data.get("version", 0))),
            at=str(data.get("at", "")),
        )


@dataclass(frozen=True, slots=True)
class ReviewedArticle:
    """A stored article plus its review columns."""

    record: ArticleRecord
    claimed_by: str | None = None
    signoffs: tuple[SignOff, ...] = ()
    last_editor: str | None = None
    new_evidence: tuple[str, ...] = ()
    supersedes: str | None = None
    asker: str | None = None

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def status(self) -> str:
        return self.record.status

    @property
    def version(self) -> int:
        return self.record.version

    @property
    def author(self) -> str | None:
        return self.record.author

    @property
    def flagged(self) -> bool:
        return bool(self.new_evidence)

    def current_signoffs(self) -> list[SignOff]:
        """Approvals of the current version (an edit makes earlier approvals void)."""
        return [s for s in self.signoffs if s.version == self.version]

    @property
    def reviewers(self) -> list[SignOff]:
        """Who reviewed the published content: shown as 'Reviewed by …' on approved articles."""
        return self.current_signoffs() if self.status in ("approved", "superseded") else []


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    article_id: str
    version: int
    answer_json: str
    editor: str | None
    created_at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class ReviewComment:
    id: int
    article_id: str
    version: int
    statement_ref: str
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a review action or edit left behind: the article's status and version, and any warnings."""

    article_id: str
    status: str
    version: int
    warnings: list[str] = field(default_factory=list)
