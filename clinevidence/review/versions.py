"""Edits of an article's statements and references, each one a new version; text rendering and diffs.

An edit must leave the article consistent with the Answer JSON contract: every citation resolves to a reference,
every reference is a document stored in the library, and every edited statement still cites at least one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..answer.models import Answer, Reference, Statement, Support
from ..answer.support import is_supported, support
from ..library.store import StoredDocument
from ..models import Passage
from .errors import InvalidEdit

STATEMENT_REF = r"^(summary\.\d{1,3}|sections\.\d{1,3}\.\d{1,3})$"
_REF = re.compile(STATEMENT_REF)
StatementRef = Annotated[str, Field(pattern=STATEMENT_REF, description="'summary.0' or 'sections.1.2'.")]

DocumentLookup = Callable[[Iterable[str]], Mapping[str, StoredDocument]]
PassageLookup = Callable[[Iterable[str]], list[Passage]]


class StatementEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ref: StatementRef
    text: str = Field(min_length=1, max_length=2000, description="The new statement text.")
    citations: list[int] | None = Field(None, max_length=20, description="Reference numbers; default: unchanged.")


class ArticleEdit(BaseModel):
    """One save of the editor: statement changes, removals and reference changes, applied together."""

    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1, description="The version the edit was made on (a stale one gets 409).")
    statements: list[StatementEdit] = Field(default_factory=list, max_length=100)
    remove: list[StatementRef] = Field(default_factory=list, max_length=100, description="Statements to drop.")
    add_references: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=20, description="Library document ids to add to the references."
    )
    remove_references: list[int] = Field(default_factory=list, max_length=50, description="Reference numbers.")
    note: str = Field("", max_length=500, description="Why (shown in the version history).")

    def is_empty(self) -> bool:
        return not (self.statements or self.remove or self.add_references or self.remove_references)


def _locate(answer: Answer, ref: str) -> tuple[list[Statement], int]:
    if not _REF.match(ref):
        raise InvalidEdit(f"{ref!r} is not a statement reference (use 'summary.0' or 'sections.1.2')")
    parts = ref.split(".")
    try:
        if parts[0] == "summary":
            bucket, index = answer.summary, int(parts[1])
        else:
            bucket, index = answer.sections[int(parts[1])].statements, int(parts[2])
        bucket[index]  # noqa: B018 -- raises IndexError for a missing statement
    except IndexError:
        raise InvalidEdit(f"there is no statement {ref!r} in this version") from None
    return bucket, index


def statement_refs(answer: Answer) -> list[tuple[str, Statement]]:
    """Every statement with its reference, in reading order."""
    out = [(f"summary.{i}", s) for i, s in enumerate(answer.summary)]
    for j, sec in enumerate(answer.sections):
        out += [(f"sections.{j}.{i}", s) for i, s in enumerate(sec.statements)]
    return out


def _reference(n: int, doc: StoredDocument) -> Reference:
    return Reference(
        n=n,
        doc_id=doc.id,
        type=str(doc.type),
        type_label=doc.type.label,
        title=doc.title,
        source=doc.source,
        year=doc.year,
        pmid=doc.pmid,
        doi=doc.doi,
        url=doc.url,
    )


def _check_support(statement: Statement, refs: Mapping[int, Reference], passages: PassageLookup) -> Statement:
    """Re-run the support check of an edited statement against the passages of the documents it cites."""
    found: list[Support] = []
    for n in statement.citations:
        best_passage, best = None, None
        for p in passages([refs[n].doc_id]):
            result = support(statement.text, p.text)
            if best is None or result.score > best.score:
                best_passage, best = p, result
        if best is not None and best_passage is not None:
            found.append(Support(n=n, quote=best.quote, score=best.score, passage_id=best_passage.id))
    supported = any(is_supported(s.score) for s in found)
    return statement.model_copy(update={"support": found, "supported": supported})


def apply_edit(
    answer: Answer, edit: ArticleEdit, documents: DocumentLookup, passages: PassageLookup
) -> tuple[Answer, list[str]]:
    """The edited answer and warnings (e.g. an edited statement the cited passages do not support)."""
    if edit.is_empty():
        raise InvalidEdit("the edit changes nothing; change a statement, remove one, or change the references")
    new = answer.model_copy(deep=True)
    refs = {r.n: r for r in new.references}
    # 1. references added from the library
    wanted = [d for d in dict.fromkeys(edit.add_references) if d not in {r.doc_id for r in refs.values()}]
    stored = documents(wanted)
    missing = [d for d in wanted if d not in stored]
    if missing:
        raise InvalidEdit(f"not in the library: {', '.join(missing[:5])}; cite only stored documents")
    for doc_id in wanted:
        n = max(refs, default=0) + 1
        refs[n] = _reference(n, stored[doc_id])
    # 2. statement edits, located in the version being edited (before any removal shifts positions)
    edited: list[tuple[list[Statement], int]] = []
    for change in edit.statements:
        bucket, index = _locate(new, change.ref)
        citations = list(dict.fromkeys(change.citations if change.citations is not None else bucket[index].citations))
        if not citations:
            raise InvalidEdit(f"statement {change.ref} must cite at least one reference")
        unknown = [n for n in citations if n not in refs]
        if unknown:
            raise InvalidEdit(f"statement {change.ref} cites [{unknown[0]}], which is not in the references")
        bucket[index] = Statement(text=" ".join(change.text.split()), citations=citations)
        edited.append((bucket, index))
    edited_ids = {id(bucket[i]) for bucket, i in edited}
    # 3. removals, last first so earlier positions stay valid
    located = [(_locate(new, ref), ref) for ref in dict.fromkeys(edit.remove)]
    for (bucket, index), _ref in sorted(located, key=lambda x: -x[0][1]):
        del bucket[index]
    new.sections = [sec for sec in new.sections if sec.statements]
    if not new.all_statements():
        raise InvalidEdit("an article needs at least one statement; reject it instead of removing everything")
    # 4. references removed; none may still be cited
    for n in edit.remove_references:
        if n not in refs:
            raise InvalidEdit(f"there is no reference [{n}]")
        citing = [r for r, s in statement_refs(new) if n in s.citations]
        if citing:
            raise InvalidEdit(f"reference [{n}] is still cited by {citing[0]}; change that statement first")
        del refs[n]
    # 5. every reference must still be a stored document
    present = documents([r.doc_id for r in refs.values()])
    gone = [r.doc_id for r in refs.values() if r.doc_id not in present]
    if gone:
        raise InvalidEdit(f"reference(s) no longer in the library: {', '.join(gone[:5])}")
    warnings = []
    for ref, st in statement_refs(new):
        if id(st) in edited_ids:
            checked = _check_support(st, refs, passages)
            st.support, st.supported = checked.support, checked.supported
            if not checked.supported:
                warnings.append(f"{ref}: the cited passages do not clearly support the edited text")
    new.references = [refs[n] for n in sorted(refs)]
    return renumber(new), warnings


def renumber(answer: Answer) -> Answer:
    """References numbered 1..k in order; citations and support follow."""
    mapping = {r.n: i + 1 for i, r in enumerate(answer.references)}
    if all(k == v for k, v in mapping.items()):
        return answer
    for r in answer.references:
        r.n = mapping[r.n]
    for st in answer.all_statements():
        st.citations = [mapping[n] for n in st.citations if n in mapping]
        st.support = [s.model_copy(update={"n": mapping[s.n]}) for s in st.support if s.n in mapping]
    return answer


def render_text(answer: Answer) -> list[str]:
    """The article as plain lines, the unit of the version diff."""
    lines = [f"# {answer.title}", f"Verdict: {answer.verdict_label}", ""]
    if answer.summary:
        lines += ["## Bottom line"]
        lines += [f"- {s.text} {''.join(f'[{n}]' for n in s.citations)}".rstrip() for s in answer.summary]
        lines.append("")
    for sec in answer.sections:
        lines += [f"## {sec.heading}"]
        lines += [f"- {s.text} {''.join(f'[{n}]' for n in s.citations)}".rstrip() for s in sec.statements]
        lines.append("")
    if answer.references:
        lines += ["## References"]
        for r in answer.references:
            where = ", ".join(x for x in (r.source, str(r.year) if r.year else "") if x)
            lines.append(f"{r.n}. {r.type_label}: {r.title}" + (f" ({where})" if where else "") + f" [{r.doc_id}]")
    return lines


def unified_diff(old: Answer, new: Answer, *, old_label: str, new_label: str) -> str:
    """A unified diff of the rendered text of two versions."""
    return "\n".join(
        difflib.unified_diff(render_text(old), render_text(new), fromfile=old_label, tofile=new_label, lineterm="")
    )
