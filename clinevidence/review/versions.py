"""Edits of an article's statements and references, each one a new version; text rendering and diffs.

An edit must leave the article consistent with the Answer JSON contract: every citation resolves to a reference,
every reference is a document stored in the library, and every edited statement still cites at least one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from ..answer.models import Answer, ExpertMark, Reference, Section, Statement, Verdict
from ..answer.recommendation import RECOMMENDATIONS, display_label
from ..library.store import StoredDocument
from .errors import InvalidEdit
from .grounding import (
    BOTTOM_LINE,
    DocumentLookup,
    PassageLookup,
    check_statement,
    statement_label,
    statement_places,
)

Recommendation = Literal[
    "recommended",
    "not_recommended",
    "contraindicated",
    "use_with_caution",
    "no_clear_benefit",
    "informational",
    "insufficient",
]
STATEMENT_REF = r"^(summary\.\d{1,3}|sections\.\d{1,3}\.\d{1,3})$"
_REF = re.compile(STATEMENT_REF)
StatementRef = Annotated[str, Field(pattern=STATEMENT_REF, description="'summary.0' or 'sections.1.2'.")]


class StatementEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ref: StatementRef
    text: str = Field(min_length=1, max_length=2000, description="The new statement text.")
    citations: list[int] | None = Field(None, max_length=20, description="Reference numbers; default: unchanged.")


class NewStatement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    section: str = Field(
        BOTTOM_LINE, min_length=1, max_length=120, description="'Bottom line', an existing heading, or a new one."
    )
    position: int | None = Field(None, ge=0, le=200, description="Index within the section; default: at the end.")
    text: str = Field(min_length=1, max_length=2000)
    citations: list[int] = Field(min_length=1, max_length=20, description="Reference numbers (see add_references).")


class StatementMove(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ref: StatementRef
    offset: int = Field(ge=-50, le=50, description="-1: one place up, 1: one place down (within its section).")


class ExpertEdit(BaseModel):
    """Mark a statement "expert statement": a board member vouches for it with a rationale and a library document."""

    model_config = ConfigDict(extra="forbid")
    ref: StatementRef
    rationale: str = Field(min_length=1, max_length=1000)
    doc_id: str = Field(min_length=1, max_length=200, description="A stored library document (cited if not yet).")


class ArticleEdit(BaseModel):
    """One save of the editor: headline, statement and reference changes, applied together.

    Statement references ('summary.0', 'sections.1.2') and reference numbers are those of ``version``; documents in
    ``add_references`` get the numbers after the existing references, in order, before any renumbering.
    """

    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=1, description="The version the edit was made on (a stale one gets 409).")
    title: str | None = Field(None, min_length=1, max_length=300)
    verdict: Verdict | None = None
    recommendation: Recommendation | None = Field(
        None, description="What the evidence says about using it; the label follows unless verdict_label is given."
    )
    verdict_label: str | None = Field(None, min_length=1, max_length=80, description="The label shown with the title.")
    statements: list[StatementEdit] = Field(default_factory=list, max_length=100)
    add_statements: list[NewStatement] = Field(default_factory=list, max_length=20)
    moves: list[StatementMove] = Field(default_factory=list, max_length=50)
    expert: list[ExpertEdit] = Field(default_factory=list, max_length=50)
    clear_expert: list[StatementRef] = Field(default_factory=list, max_length=50)
    remove: list[StatementRef] = Field(default_factory=list, max_length=100, description="Statements to drop.")
    add_references: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=20, description="Library document ids to add to the references."
    )
    remove_references: list[int] = Field(default_factory=list, max_length=50, description="Reference numbers.")
    note: str = Field("", max_length=500, description="Why (shown in the version history).")

    def is_empty(self) -> bool:
        return not (
            self.title
            or self.verdict
            or self.recommendation
            or self.verdict_label
            or self.statements
            or self.add_statements
            or self.moves
            or self.expert
            or self.clear_expert
            or self.remove
            or self.add_references
            or self.remove_references
        )


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
    return [(ref, st) for ref, _section, st in statement_places(answer)]


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


@dataclass(frozen=True, slots=True)
class Editor:
    """Who makes an edit, as recorded on expert-statement marks."""

    username: str
    name: str
    at: str


def _label(answer: Answer, ref: str) -> str:
    for r, section, st in statement_places(answer):
        if r == ref:
            return statement_label(section, st.text)
    return ref


def _bucket_of(new: Answer, section: str) -> list[Statement]:
    if section.strip().lower() == BOTTOM_LINE.lower():
        return new.summary
    for sec in new.sections:
        if sec.heading.strip().lower() == section.strip().lower():
            return sec.statements
    made = Section(heading=" ".join(section.split()), statements=[])
    new.sections.append(made)
    return made.statements


def _content(answer: Answer) -> object:
    """What a reviewer can change (support results are derived, so they do not count)."""
    fields = {"title", "verdict", "recommendation", "verdict_label", "references"}
    statement = {"text", "citations", "expert"}
    return (
        answer.model_dump(include=fields),
        [s.model_dump(include=statement) for s in answer.summary],
        [(sec.heading, [s.model_dump(include=statement) for s in sec.statements]) for sec in answer.sections],
    )


def apply_edit(
    answer: Answer,
    edit: ArticleEdit,
    documents: DocumentLookup,
    passages: PassageLookup,
    editor: Editor | None = None,
) -> tuple[Answer, list[str]]:
    """The edited answer and warnings (e.g. an edited statement the cited passages do not support)."""
    if edit.is_empty():
        raise InvalidEdit("the edit changes nothing; change a statement, remove one, or change the references")
    editor = editor or Editor("", "", "")
    new = answer.model_copy(deep=True)
    refs = {r.n: r for r in new.references}
    # 0. headline: title, verdict, recommendation (a title ending in the old label follows the new one)
    if edit.verdict is not None:
        new.verdict = edit.verdict
    label_given = edit.verdict_label
    if edit.recommendation is not None:
        new.recommendation = edit.recommendation
        if label_given is None:
            label_given = display_label(edit.recommendation, new.question_type or "efficacy", str(new.verdict))
    if label_given is not None:
        label = " ".join(label_given.split())
        if edit.title is None and new.title.endswith(f": {new.verdict_label}"):
            new.title = new.title[: -len(new.verdict_label)] + label
        new.verdict_label = label
    if edit.title is not None:
        new.title = " ".join(edit.title.split())
    # 1. references added from the library (expert marks may name documents too)
    wanted = [
        d
        for d in dict.fromkeys([*edit.add_references, *(e.doc_id for e in edit.expert)])
        if d not in {r.doc_id for r in refs.values()}
    ]
    stored = documents(wanted)
    missing = [d for d in wanted if d not in stored]
    if missing:
        raise InvalidEdit(f"not in the library: {', '.join(missing[:5])}; cite only stored documents")
    for doc_id in wanted:
        n = max(refs, default=0) + 1
        refs[n] = _reference(n, stored[doc_id])
    # 2. statement edits, located in the version being edited (positions are resolved before anything moves)
    checked: set[int] = set()

    def cited(numbers: list[int], where: str) -> list[int]:
        numbers = list(dict.fromkeys(numbers))
        if not numbers:
            raise InvalidEdit(f"{where} must cite at least one reference")
        unknown = [n for n in numbers if n not in refs]
        if unknown:
            raise InvalidEdit(f"{where} cites [{unknown[0]}], which is not in the references")
        return numbers

    for change in edit.statements:
        bucket, index = _locate(new, change.ref)
        old = bucket[index]
        where = _label(answer, change.ref)
        citations = cited(change.citations if change.citations is not None else old.citations, where)
        text = " ".join(change.text.split())
        keep_mark = (
            old.expert
            if text == old.text and old.expert and old.expert.doc_id in {refs[n].doc_id for n in citations}
            else None
        )
        bucket[index] = Statement(text=text, citations=citations, expert=keep_mark)
        checked.add(id(bucket[index]))
    # 3. expert marks set or cleared
    for ref in edit.clear_expert:
        bucket, index = _locate(new, ref)
        bucket[index] = bucket[index].model_copy(update={"expert": None})
        checked.add(id(bucket[index]))
    for mark in edit.expert:
        bucket, index = _locate(new, mark.ref)
        st = bucket[index]
        n = next(k for k, r in refs.items() if r.doc_id == mark.doc_id)
        expert = ExpertMark(
            rationale=" ".join(mark.rationale.split()),
            doc_id=mark.doc_id,
            reviewer=editor.username,
            reviewer_name=editor.name or editor.username,
            at=editor.at,
        )
        bucket[index] = st.model_copy(update={"expert": expert, "citations": list(dict.fromkeys([*st.citations, n]))})
        checked.add(id(bucket[index]))

    # 4. moves within a section, and removals: resolved to statements first, so every reference names a
    # statement of the version being edited however the others move
    def at(ref: str) -> tuple[list[Statement], Statement]:
        bucket, index = _locate(new, ref)
        return bucket, bucket[index]

    moving = [(*at(m.ref), m.offset) for m in edit.moves]
    doomed = {id(at(ref)[1]) for ref in edit.remove}
    for bucket, st, offset in moving:
        index = next(i for i, s in enumerate(bucket) if s is st)
        bucket.pop(index)
        bucket.insert(max(0, min(len(bucket), index + offset)), st)
    new.summary = [s for s in new.summary if id(s) not in doomed]
    for sec in new.sections:
        sec.statements = [s for s in sec.statements if id(s) not in doomed]
    # 5. statements added
    for add in edit.add_statements:
        statement = Statement(text=" ".join(add.text.split()), citations=cited(add.citations, "a new statement"))
        bucket = _bucket_of(new, add.section)
        bucket.insert(len(bucket) if add.position is None else min(add.position, len(bucket)), statement)
        checked.add(id(statement))
    new.sections = [sec for sec in new.sections if sec.statements]
    if not new.all_statements():
        raise InvalidEdit("an article needs at least one statement; reject it instead of removing everything")
    # 6. references removed; none may still be cited
    for n in edit.remove_references:
        if n not in refs:
            raise InvalidEdit(f"there is no reference [{n}]")
        citing = [statement_label(heading, st.text) for _r, heading, st in statement_places(new) if n in st.citations]
        if citing:
            raise InvalidEdit(f"reference [{n}] is still cited by {citing[0]}; change that statement first")
        del refs[n]
    # 7. every reference must still be a stored document
    present = documents([r.doc_id for r in refs.values()])
    gone = [r.doc_id for r in refs.values() if r.doc_id not in present]
    if gone:
        raise InvalidEdit(f"reference(s) no longer in the library: {', '.join(gone[:5])}")
    warnings = []
    for _ref, section, st in statement_places(new):
        if id(st) in checked:
            result = check_statement(st, refs, passages)
            st.support, st.supported = result.support, result.supported
            if not result.supported and st.expert is None:
                warnings.append(
                    f"{statement_label(section, st.text)}: the cited passages do not support it — it blocks approval "
                    "until it is corrected, cites a passage that says it, or is marked as an expert statement"
                )
    new.references = [refs[n] for n in sorted(refs)]
    result_answer = renumber(new)
    if _content(result_answer) == _content(answer):
        raise InvalidEdit("the edit changes nothing; change a statement, remove one, or change the references")
    return result_answer, warnings


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


def _line(st: Statement) -> str:
    line = f"- {st.text} {''.join(f'[{n}]' for n in st.citations)}".rstrip()
    if st.expert is not None:
        line += f" (expert statement, {st.expert.reviewer_name or st.expert.reviewer}: {st.expert.rationale})"
    return line


def render_text(answer: Answer) -> list[str]:
    """The article as plain lines, the unit of the version diff."""
    lines = [f"# {answer.title}", f"Verdict: {answer.verdict_label}", ""]
    if answer.summary:
        lines += ["## Bottom line"]
        lines += [_line(s) for s in answer.summary]
        lines.append("")
    for sec in answer.sections:
        lines += [f"## {sec.heading}"]
        lines += [_line(s) for s in sec.statements]
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


@dataclass(frozen=True, slots=True)
class DiffRow:
    """One row of the side-by-side diff: the old line and the new one as (kind, text) segments.

    ``kind`` is same | changed | added | removed; segment kinds are same | del (old side) or same | ins (new side).
    """

    kind: str
    old: list[tuple[str, str]]
    new: list[tuple[str, str]]


_TOKEN = re.compile(r"\s+|[^\s]+")


def _word_diff(old: str, new: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    left: list[tuple[str, str]] = []
    right: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(("same", "".join(a[i1:i2])))
            right.append(("same", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(("ins", "".join(b[j1:j2])))
    return left, right


def side_by_side(old: Answer, new: Answer) -> list[DiffRow]:
    """A readable, word-level, side-by-side diff of two versions' rendered text."""
    a = [line for line in render_text(old) if line]
    b = [line for line in render_text(new) if line]
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [DiffRow("same", [("same", line)], [("same", line)]) for line in a[i1:i2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            if k < len(olds) and k < len(news):
                left, right = _word_diff(olds[k], news[k])
                rows.append(DiffRow("changed", left, right))
            elif k < len(olds):
                rows.append(DiffRow("removed", [("del", olds[k])], []))
            else:
                rows.append(DiffRow("added", [], [("ins", news[k])]))
    return rows


assert set(RECOMMENDATIONS) == set(get_args(Recommendation)), "keep Recommendation in step with the answer contract"
