"""The records ``mch-extract`` writes, as pydantic models named exactly as ``SPEC.md`` names them.

``Notice.model_dump_json()`` is what the command line prints for one document;
``ErrorRecord`` is what it prints for a file that could not be read.

>>> t = Target(indicator="剖宫产率", comparator="<=", value=28.0, unit="%", text="剖宫产率≤28%", span=(0, 9))
>>> t.model_dump()["span"]
(0, 9)
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_serializer
from pydantic_core.core_schema import SerializerFunctionWrapHandler

SCHEMA_VERSION = "1"

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
]
SectionKind = Literal["notice", "plan", "indicators", "summary"]
Kind = Literal["target", "actual"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where a record came from."""

    path: str | None = None
    format: str | None = Field(None, description="text, markdown, pdf, docx or html, as sniffed from the content")
    sha256: str | None = None
    pages: int | None = Field(None, description="number of pages (PDF only)")
    encoding: str | None = Field(None, description="text encoding that decoded the file")
    ocr: bool = False
    size: int | None = Field(None, description="size in bytes")


class Contact(_Model):
    name: str | None = None
    phone: str | None = None


class CitedDocument(_Model):
    title: str | None = None
    doc_number: str | None = None


class Region(_Model):
    """The administrative area of the issuer; ``null`` for a level the issuer does not have."""

    province: str | None = None
    city: str | None = Field(None, description="prefecture level; a municipality's own name for its districts")
    county: str | None = Field(None, description="county level: 区, 县, 县级市, 旗")
    adcode: str | None = Field(None, description="6-digit administrative division code of the lowest level known")


class Document(_Model):
    """The notice's own fields (发文机关, 发文字号, 成文日期 …); ``null`` when the text does not state them."""

    issuer: str | None = None
    doc_number: str | None = None
    title: str | None = None
    doc_type: str | None = None
    recipients: list[str] | None = None
    date: str | None = Field(None, description="成文日期, ISO YYYY-MM-DD")
    attachments: list[str] | None = None
    plan_title: str | None = None
    year: int | None = None
    cited_documents: list[CitedDocument] = Field(default_factory=list)
    printed_by: str | None = None
    printed_date: str | None = None
    disclosure: str | None = None
    contacts: list[Contact] = Field(default_factory=list)
    region: Region | None = Field(None, description="the issuer's administrative area; null when no issuer is known")


class Section(_Model):
    index: int
    title: str | None = None
    kind: SectionKind
    page: int | None = None
    span: Span


class Task(_Model):
    """A numbered item of running text (一、 （一） 1. （1） ①)."""

    id: str
    parent: str | None = None
    level: int
    marker: str
    section: int
    heading: str | None = None
    text: str
    page: int | None = None
    span: Span


class National(_Model):
    """The national target in force for the same indicator, period and unit, and how a local one compares."""

    comparator: Comparator
    value: float
    unit: str
    by: int = Field(description="the year the national target is due")
    source: str = Field(description="the national plan; a secondary source (news report) says so")
    confidence: Literal["text", "official_summary", "secondary"]
    comparison: Literal["looser", "same", "stricter"] | None = Field(
        None, description="the local target against the national one, judged by the indicator's direction"
    )


class Target(_Model):
    """A quantitative threshold (kind ``target``) or a reported figure (kind ``actual``)."""

    indicator: str | None = None
    comparator: Comparator
    value: float
    value_max: float | None = None
    unit: str | None = None
    kind: Kind = "target"
    scope: str | None = None
    period: str | None = None
    deadline: str | None = None
    task_id: str | None = None
    section: int | None = None
    text: str
    page: int | None = None
    span: Span
    rule: str | None = Field(None, description="which rule found it, for debugging")
    indicator_id: str | None = Field(None, description="the canonical indicator (patterns/indicators_canonical.toml)")
    indicator_rule: str | None = Field(None, description="which mapping rule gave indicator_id (or why none)")
    national: National | None = None
    national_note: str | None = Field(None, description="why an indicator with an id has no national comparison")


class Deadline(_Model):
    date: str
    text: str
    task_id: str | None = None
    section: int | None = None
    page: int | None = None
    span: Span
    rule: str | None = None


class Notice(_Model):
    """One document -> one record."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    document: Document
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    text: str | None = Field(None, description="the normalised text all spans point into (--with-text)")

    @model_serializer(mode="wrap")
    def _drop_absent_text(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("text") is None:
            data.pop("text", None)
        return data


class ErrorInfo(_Model):
    type: ErrorType
    message: str


class ErrorRecord(_Model):
    """A file that gave no record: its source and what went wrong, and no other keys."""

    source: Source
    error: ErrorInfo
