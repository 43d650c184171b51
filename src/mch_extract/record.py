"""The records ``mch-extract`` writes, as pydantic models named exactly as ``SPEC.md`` names them.

``Notice.model_dump_json()`` is what the command line prints for one document;
``ErrorRecord`` is what it prints for a file that could not be read.

>>> t = Target(indicator="剖宫产率", comparator="<=", value=28.0, unit="%", text="剖宫产率≤28%", span=(0, 9))
>>> t.model_dump()["span"]
(0, 9)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, overload

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from . import collector, parts

# the field types the stages share with the record: one definition, in the module without pydantic
from .parts import Change, Comparator, Comparison, Confidence, ErrorType, Kind, SectionKind, Span

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _text(description: str) -> Any:
    """A required field with its description (shown by ``mch-extract --schema``)."""
    return Field(description=description)


def _opt(description: str, default: Any = None) -> Any:
    """An optional field with its description."""
    return Field(default, description=description)


def _list(description: str) -> Any:
    return Field(default_factory=_new_list, description=description)


def _new_list() -> list[Any]:
    """A new empty list, the default of a list field.  Not ``list`` itself: pydantic reads the
    signature of a default factory, and a builtin's is parsed from its text with the tokenizer,
    whose first use compiles its patterns (16M instructions of every command's start-up)."""
    return []


SPAN = "[start, end) of the quote in the normalised text (--with-text adds it): text[start:end] is the quote"
PAGE = "1-based page of a PDF where it starts; null for text, DOCX and HTML"
QUOTE = "the clause as printed in the document (exactly text[span[0]:span[1]])"
RULE = "which rule found it (for debugging; may change between versions)"
TASK_ID = "id of the numbered task it belongs to (tasks[].id), or null outside any task"
SECTION = "index of the section it is in (sections[].index)"


class Source(_Model):
    """Where a record came from: the file, its format as sniffed from the content, its size and hash."""

    path: str | None = _opt("the path as given or found in a folder; - for standard input; null for bytes or text")
    format: str | None = _opt("text, pdf, ofd, docx, doc or html, as sniffed from the content (not the name)")
    sha256: str | None = _opt("SHA-256 of the file's bytes, in hex")
    pages: int | None = _opt("number of pages (PDF and OFD only)")
    encoding: str | None = _opt("text encoding that decoded the file (utf-8, gb18030, utf-16 …)")
    ocr: bool = _opt("true when the text came from OCR of page images", False)
    size: int | None = _opt("size in bytes")


class Contact(_Model):
    """A contact person named at the end of a notice (联系人, 联系电话)."""

    name: str | None = _opt("the contact's name")
    phone: str | None = _opt("the contact's telephone number, as printed")


class CitedDocument(_Model):
    """Another document the notice cites (根据《…》(…〔2022〕3号))."""

    title: str | None = _opt("its title, without the book-title marks 《》")
    doc_number: str | None = _opt("its 发文字号, normalised like document.doc_number")


class Region(_Model):
    """The administrative area of the issuer; ``null`` for a level the issuer does not have."""

    province: str | None = _opt("province level: 省, 自治区, 直辖市")
    city: str | None = _opt("prefecture level; a municipality's own name for its districts")
    county: str | None = _opt("county level: 区, 县, 县级市, 旗")
    adcode: str | None = _opt("6-digit administrative division code of the lowest level known")


class Document(_Model):
    """The notice's own fields (发文机关, 发文字号, 成文日期 …); ``null`` when the text does not state them."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    issuer: str | None = _opt("发文机关: the issuing body, full name as printed; null when not stated")
    doc_number: str | None = _opt("发文字号, e.g. 长卫健发〔2024〕25号 (brackets around the year normalised to 〔〕)")
    title: str | None = _opt("the notice's own title (公文标题), joined across lines")
    doc_type: str | None = _opt("文种: the last word of the title (通知, 意见, 方案, 计划, 要点, 总结 …)")
    recipients: list[str] | None = _opt("主送机关, one item per recipient")
    date: dt.date | None = _opt("成文日期 (the date under the signature), ISO YYYY-MM-DD")
    attachments: list[str] | None = _opt("titles listed after 附件：, in order, without their numbers")
    plan_title: str | None = _opt("title of the plan, list or indicator set the notice carries")
    year: int | None = _opt("the plan's year (from plan_title or title, else the date, else doc_number)")
    cited_documents: list[CitedDocument] = _list("documents the notice cites (根据《…》)")
    printed_by: str | None = _opt("版记: the office that printed it (…印发)")
    printed_date: dt.date | None = _opt("版记: the printing date, ISO YYYY-MM-DD")
    disclosure: str | None = _opt("公开方式, e.g. 主动公开")
    contacts: list[Contact] = _list("contact people and telephone numbers")
    region: Region | None = _opt("the issuer's administrative area; null when no issuer is known")


class Section(_Model):
    """A part of the document: the notice itself, a plan or attachment, an indicator annex, a summary."""

    index: int = _text("0, 1, … in reading order")
    title: str | None = _opt("the section's heading, when it has one")
    kind: SectionKind = _text("notice, plan, indicators or summary")
    page: int | None = _opt(PAGE)
    span: Span = _text(SPAN)


class Task(_Model):
    """A numbered item of running text (一、 （一） 1. （1） ①)."""

    id: str = _text("the ordinals as written at each level joined by '.', e.g. 2.4; unique within a section")
    parent: str | None = _opt("id of the enclosing item, or null at the top level")
    level: int = _text("nesting depth, 1 for the outermost items")
    marker: str = _text("the numbering marker as printed (一、 （一） 1. （1） ①)")
    section: int = _text(SECTION)
    heading: str | None = _opt("a run-in title (a short first sentence) or a one-line heading; else null")
    text: str = _text("the item's own text without its marker and without its children, lines joined")
    page: int | None = _opt(PAGE)
    span: Span = _text(SPAN)


class National(_Model):
    """The national target in force for the same indicator, period and unit, and how a local one compares."""

    comparator: Comparator = _text("the national target's comparator: >=, >, <=, < or =")
    value: float = _text("the national target's value")
    unit: str = _text("its unit, the same as the local target's")
    by: int = _text("the year the national target is due")
    source: str = _text("the national plan; a secondary source (news report) says so")
    confidence: Confidence = _text(
        "where the national figure was read: the plan's text, an official summary, or a secondary source"
    )
    comparison: Comparison | None = _opt(
        "the local target against the national one, judged by the indicator's direction"
    )


class Target(_Model):
    """A quantitative threshold (kind ``target``) or a reported figure (kind ``actual``)."""

    indicator: str | None = _opt("the measured quantity, e.g. 剖宫产率 (simplified characters, no verbs, no scope)")
    comparator: Comparator = _text(">=, >, <=, <, = or range")
    value: float = _text("the number (Chinese numerals and 万/亿 resolved)")
    value_max: float | None = _opt("the upper bound when comparator is range (2-3家 -> 2, 3)")
    unit: str | None = _opt("%, ‰, /10万, or the counting word (家 个 例 次 人 …); null when none")
    kind: Kind = _opt("target: a goal to reach; actual: a figure achieved or reported", "target")
    change: Change | None = _opt(
        "up or down when the figure is a change against an earlier level (较上年下降2个百分点); else null"
    )
    scope: str | None = _opt("who or where it applies to when narrower than the document (每个县(区))")
    period: str | None = _opt("for recurring targets: 年, 半年, 季度, 月 or 周")
    deadline: dt.date | None = _opt("the date it must be reached by, ISO YYYY-MM-DD")
    task_id: str | None = _opt(TASK_ID)
    section: int | None = _opt(SECTION)
    text: str = _text(QUOTE)
    page: int | None = _opt(PAGE)
    span: Span = _text(SPAN)
    rule: str | None = _opt(RULE)
    indicator_id: str | None = _opt("the canonical indicator (patterns/indicators_canonical.toml); null when none")
    indicator_rule: str | None = _opt("which mapping rule gave indicator_id (or why none)")
    national: National | None = _opt("the national target in force for the same indicator, and the comparison")
    national_note: str | None = _opt("why an indicator with an id has no national comparison")


class Deadline(_Model):
    """A date by which something must be done (6月底前, 年底前, 到2025年)."""

    date: dt.date = _text("the date, ISO YYYY-MM-DD (月底 -> last day of the month, 年底 -> December 31)")
    text: str = _text(QUOTE)
    task_id: str | None = _opt(TASK_ID)
    section: int | None = _opt(SECTION)
    page: int | None = _opt(PAGE)
    span: Span = _text(SPAN)
    rule: str | None = _opt(RULE)


class Notice(_Model):
    """One document -> one record."""

    schema_version: str = _opt("version of this record's layout; fields are added without changing it", SCHEMA_VERSION)
    source: Source = _text("where the record came from")
    document: Document = _text("the notice's own fields; null where the text does not state them")
    sections: list[Section] = _list("the parts of the document, in reading order")
    tasks: list[Task] = _list("every numbered item of running text, in reading order")
    targets: list[Target] = _list("every quantitative threshold or reported figure, in reading order")
    deadlines: list[Deadline] = _list("every date by which something must be done, in reading order")
    warnings: list[str] = _list("fields left null and other things a reader should know")
    text: str | None = _opt("the normalised text all spans point into (only with --with-text)")

    @model_serializer(mode="wrap")
    def _drop_absent_text(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("text") is None:
            data.pop("text", None)
        return data


class ErrorInfo(_Model):
    """What went wrong with a file, and what to do about it."""

    type: ErrorType = _text("the kind of failure, one of a fixed list (see the enum)")
    message: str = _text("one line for people: what happened and what to do")


class ErrorRecord(_Model):
    """A file that gave no record: its source and what went wrong, and no other keys."""

    source: Source = _text("the file, as far as it is known")
    error: ErrorInfo = _text("what went wrong")


@overload
def record_of(part: parts.Notice) -> Notice: ...
@overload
def record_of(part: parts.ErrorRecord) -> ErrorRecord: ...
@overload
def record_of(part: parts.Source) -> Source: ...
def record_of(part: parts.Notice | parts.ErrorRecord | parts.Source) -> Notice | ErrorRecord | Source:
    """The record stage: the validated record of a document's parts (:mod:`mch_extract.parts`),
    the model of the same name read from the part's attributes, nested parts included.

    Python's cycle collector is paused meanwhile (:mod:`mch_extract.collector`), as it is while
    the stages run: with it running, the record of 4x the text took 6.5x the time (0.13 s for
    1.25 MB, 0.055 s paused).

    >>> record_of(parts.Source(path="a.txt", size=3)).model_dump_json()
    '{"path":"a.txt","format":null,"sha256":null,"pages":null,"encoding":null,"ocr":false,"size":3}'
    """
    model = _MODELS[type(part)]
    with collector.paused():
        return model.model_validate(part, from_attributes=True)  # type: ignore[return-value]


_MODELS: dict[type, type[BaseModel]] = {parts.Notice: Notice, parts.ErrorRecord: ErrorRecord, parts.Source: Source}


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one output line: a :class:`Notice` or an :class:`ErrorRecord`.

    >>> schema = json_schema()
    >>> schema["title"], schema["$schema"].endswith("2020-12/schema")
    ('mch-extract record', True)
    """
    from pydantic import TypeAdapter

    body = TypeAdapter(Notice | ErrorRecord).json_schema()
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "mch-extract record",
        "description": (
            f"One document -> one record (schema_version {SCHEMA_VERSION}): a Notice, or an ErrorRecord "
            "for a file that could not be read."
        ),
        **body,
    }
