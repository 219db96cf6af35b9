"""Articles: stored answers grouped into follow-up threads, their lifecycle status and their exports."""

from .store import STATUSES, ArticleRecord, ArticleStatus

__all__ = ["STATUSES", "ArticleRecord", "ArticleStatus"]
