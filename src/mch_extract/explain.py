"""Every number in a document and what became of it: kept as a target by a rule, or dropped for a reason.

``mch-extract explain FILE`` prints this as a table; :func:`explain` gives it to a program.

>>> rows = explain_text("各单位：\\n一、孕产妇系统管理率达到95%以上，2025年6月底前完成。".encode())
>>> for r in rows:
...     print(r.number, r.kept, r.rule, r.indicator, r.kind)
95%以上 True clause 孕产妇系统管理率 target
2025年 False year None None
6月 False date None None
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .targets import Decision

CONTEXT = 14  # characters of text shown on each side of a number


@dataclass(frozen=True)
class Row:
    """One decision, with the text it is about."""

    start: int
    end: int
    number: str  # the number as printed, with its unit
    kept: bool
    rule: str  # the rule that kept it, or the reason it was dropped
    indicator: str | None
    kind: str | None  # target / actual, for kept figures
    kind_rule: str | None
    page: int | None
    context: str  # the text around it, the number in 【】


def _rows(text: str, decisions: list[Decision], pages: list[tuple[int, int, int | None]]) -> list[Row]:
    rows = []
    for d in sorted(decisions, key=lambda d: (d.start, not d.kept)):
        left = text[max(0, d.start - CONTEXT) : d.start].replace("\n", "⏎")
        right = text[d.end : d.end + CONTEXT].replace("\n", "⏎")
        page = next((p for s, e, p in pages if s <= d.start < e), None)
        number = text[d.start : d.end]
        rows.append(
            Row(
                d.start,
                d.end,
                number,
                d.kept,
                d.rule,
                d.indicator,
                d.kind,
                d.kind_rule,
                page,
                f"{left}【{number}】{right}",
            )
        )
    return rows


def explain(source: str | os.PathLike[str] | bytes) -> list[Row]:
    """The decisions on every candidate number of one document, in reading order.

    Raises :class:`~mch_extract.errors.ExtractError` when the file cannot be read.
    """
    from .load import load_bytes
    from .pipeline import build_notice, read_source

    data, src = read_source(source)
    decisions: list[Decision] = []
    notice = build_notice(load_bytes(data), src, with_text=True, decisions=decisions)
    pages = [(t.span[0], t.span[1], t.page) for t in notice.targets]
    return _rows(notice.text or "", decisions, pages)


def explain_text(data: bytes) -> list[Row]:
    """:func:`explain` for a document given as bytes."""
    return explain(data)
