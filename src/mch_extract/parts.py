"""What the extract stages produce: a record's parts as plain objects, before the record stage.

One class per model of :mod:`mch_extract.record`, with the same name and the same fields in
the same order (``tests/test_parts.py`` holds them to it; the record adds ``schema_version``),
keyword-only like the models, but no validation and no pydantic:
the stages build and amend these (a task's text is re-quoted from the original, a target gets
its indicator id), and :func:`mch_extract.record.record_of` turns the finished parts into the
validated record in one step.  Keeping pydantic out of the stages lets the command's worker
process extract a notice without importing it, while the parent imports it for the record
(see :mod:`mch_extract.entry`); parts pickle, so they can travel between the two.

Parts compare by value, as the models do (the stages drop a document cited twice by ``in``).
Each class has a docstring: dataclasses would otherwise write one from the signature with
:mod:`inspect`, at import, on the command's path.

>>> t = Task(id="1", parent=None, level=1, marker="一、", section=0, heading=None, text="加强领导", span=(2, 6))
>>> t.page, t.span
(None, (2, 6))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
Comparator = Literal[">=", ">", "<=", "<", "=", "range"]
ErrorType = Literal[
    "encrypted_pdf",
    "corrupt_pdf",
    "no_text_layer",
    "unreadable_text_layer",
    "unsupported_format",
    "decode_error",
    "empty",
    "too_large",
    "not_found",
    "not_a_file",
    "timeout",
    "internal_error",
]
SectionKind = Literal["notice", "plan", "indicators", "summary"]
Kind = Literal["target", "actual"]
Change = Literal["up", "down"]
Confidence = Literal["text", "official_summary", "secondary"]
Comparison = Literal["looser", "same", "stricter"]


@dataclass(slots=True, kw_only=True)
class Source:
    """Where the record came from (see :class:`mch_extract.record.Source`)."""

    path: str | None = None
    format: str | None = None
    sha256: str | None = None
    pages: int | None = None
    encoding: str | None = None
    ocr: bool = False
    size: int | None = None


@dataclass(slots=True, kw_only=True)
class Contact:
    """A contact person named at the end of a notice."""

    name: str | None = None
    phone: str | None = None


@dataclass(slots=True, kw_only=True)
class CitedDocument:
    """Another document the notice cites."""

    title: str | None = None
    doc_number: str | None = None


@dataclass(slots=True, kw_only=True)
class Region:
    """The issuer's administrative area."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None


@dataclass(slots=True, kw_only=True)
class Document:
    """The notice's own fields."""

    issuer: str | None = None
    doc_number: str | None = None
    title: str | None = None
    doc_type: str | None = None
    recipients: list[str] | None = None
    date: dt.date | None = None
    attachments: list[str] | None = None
    plan_title: str | None = None
    year: int | None = None
    cited_documents: list[CitedDocument] = field(default_factory=list)
    printed_by: str | None = None
    printed_date: dt.date | None = None
    disclosure: str | None = None
    contacts: list[Contact] = field(default_factory=list)
    region: Region | None = None


@dataclass(slots=True, kw_only=True)
class Section:
    """A part of the document."""

    index: int
    title: str | None = None
    kind: SectionKind
    page: int | None = None
    span: Span


@dataclass(slots=True, kw_only=True)
class Task:
    """A numbered item of running text."""

    id: str
    parent: str | None = None
    level: int
    marker: str
    section: int
    heading: str | None = None
    text: str
    page: int | None = None
    span: Span


@dataclass(slots=True, kw_only=True)
class National:
    """The national target for the same indicator, and how a local one compares."""

    comparator: Comparator
    value: float
    unit: str
    by: int
    source: str
    confidence: Confidence
    comparison: Comparison | None = None


@dataclass(slots=True, kw_only=True)
class Target:
    """A quantitative threshold or a reported figure."""

    indicator: str | None = None
    comparator: Comparator
    value: float
    value_max: float | None = None
    unit: str | None = None
    kind: Kind = "target"
    change: Change | None = None
    scope: str | None = None
    period: str | None = None
    deadline: dt.date | None = None
    task_id: str | None = None
    section: int | None = None
    text: str
    page: int | None = None
    span: Span
    rule: str | None = None
    indicator_id: str | None = None
    indicator_rule: str | None = None
    national: National | None = None
    national_note: str | None = None


@dataclass(slots=True, kw_only=True)
class Deadline:
    """A date by which something must be done."""

    date: dt.date
    text: str
    task_id: str | None = None
    section: int | None = None
    page: int | None = None
    span: Span
    rule: str | None = None


@dataclass(slots=True, kw_only=True)
class Notice:
    """One document's record, before the record stage."""

    source: Source
    document: Document
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text: str | None = None


@dataclass(slots=True, kw_only=True)
class ErrorInfo:
    """What went wrong with a file."""

    type: ErrorType
    message: str


@dataclass(slots=True, kw_only=True)
class ErrorRecord:
    """A file that gave no record."""

    source: Source
    error: ErrorInfo
