"""``DELETE /api/articles/{id}`` (admins): erase a question's stored traces (see ``clinevidence/privacy.py``)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ..articles.service import ArticleNotFound
from ..privacy import NothingToErase, erase_question
from ..review.roles import Action, require
from .auth import CurrentUser
from .deps import LibraryDep
from .review_schemas import review_responses

router = APIRouter(prefix="/api", tags=["privacy"])


class ErasureOut(BaseModel):
    """What was erased: identifiers and counts only. Audit rows stay as tombstones ({"erased": true})."""

    article_id: str
    articles: list[str] = Field(description="Every article erased: the thread, and follow-ups answered from it.")
    threads: int
    versions: int
    comments: int
    audit_rows: int = Field(description="Audit rows about these articles whose detail was replaced by a tombstone.")


@router.delete("/articles/{article_id}", response_model=ErasureOut, responses=review_responses())
def erase_article(article_id: str, user: CurrentUser, library: LibraryDep) -> ErasureOut:
    """Erase the question of an article for privacy (admins): the article, its thread and follow-ups, their
    versions and comments; audit rows keep only a tombstone, and the erasure itself is audited."""
    require(user, Action.erase_question)
    assert user is not None
    try:
        erasure = erase_question(library.engine, article_id, actor=user.username)
    except NothingToErase:
        raise ArticleNotFound(article_id) from None
    return ErasureOut.model_validate(erasure.to_json())
