"""Split a Document into Passages: section-aware, whole sentences, stable ids."""

from __future__ import annotations

from ..models import Document, Passage
from ..text import split_sentences

MAX_WORDS = 160
MIN_TAIL_WORDS = 40


def split_passages(doc: Document, max_words: int = MAX_WORDS) -> list[Passage]:
    """Group each section's sentences into passages of at most ~max_words; never cross a section.

    Ids are ``<doc_id>#<section index>.<chunk index>`` so they are stable for unchanged content.
    """
    passages: list[Passage] = []
    position = 0
    for s_idx, section in enumerate(doc.sections):
        chunks = _chunk(split_sentences(section.text), max_words)
        for c_idx, chunk in enumerate(chunks):
            passages.append(
                Passage(
                    id=f"{doc.id}#{s_idx}.{c_idx}",
                    doc_id=doc.id,
                    section=section.label,
                    position=position,
                    text=" ".join(chunk),
                )
            )
            position += 1
    return passages


def _chunk(sentences: list[str], max_words: int) -> list[list[str]]:
    chunks: list[list[str]] = []
    current: list[str] = []
    count = 0
    for sent in sentences:
        n = len(sent.split())
        if current and count + n > max_words:
            chunks.append(current)
            current, count = [], 0
        current.append(sent)
        count += n
    if current:
        # A short tail joins the previous chunk rather than becoming a weak passage of its own.
        if chunks and count < MIN_TAIL_WORDS and sum(len(s.split()) for s in chunks[-1]) + count <= max_words * 1.5:
            chunks[-1].extend(current)
        else:
            chunks.append(current)
    return chunks
