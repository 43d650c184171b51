"""Every number in a document and what became of it: kept as a target by a rule, or dropped for a reason.

``mch-extract explain FILE`` prints this as a table; :func:`explain` gives it to a program.

>>> rows = explain("各单位：\\n一、孕产妇系统管理率达到95%以上，2025年6月底前完成。".encode())
>>> for r in rows:
...     print(r.number, r.kept, r.rule, r.indicator, r.kind)
95%以上 True clause 孕产妇系统管理率 target
2025年 False year None None
6月 False date None None
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .record import Notice, Target
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
    indicator_id: str | None  # the canonical indicator the name maps to (kept figures)
    indicator_rule: str | None  # the mapping rule that gave it, or why none
    page: int | None
    context: str  # the text around it, the number in 【】


def _rows(text: str, decisions: list[Decision], targets: list[Target]) -> list[Row]:
    by_name: dict[str | None, list[Target]] = {}  # a kept number's target: same name, quote around it
    for t in targets:
        by_name.setdefault(t.indicator, []).append(t)
    rows = []
    for d in sorted(decisions, key=lambda d: (d.start, not d.kept)):
        left = text[max(0, d.start - CONTEXT) : d.start].replace("\n", "⏎")
        right = text[d.end : d.end + CONTEXT].replace("\n", "⏎")
        named = by_name.get(d.indicator, []) if d.kept else []
        target = next((t for t in named if t.span[0] <= d.start < t.span[1]), None)
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
                target.indicator_id if target else None,
                target.indicator_rule if target else None,
                target.page if target else None,
                f"{left}【{number}】{right}",
            )
        )
    return rows


def explain_notice(
    source: str | os.PathLike[str] | bytes, max_pages: int | None = None
) -> tuple[Notice, list[Row]]:
    """The record of one document (with its text) and the decisions on its every candidate number.

    Raises :class:`~mch_extract.errors.ExtractError` when the file cannot be read.
    """
    from .load import load_bytes
    from .pipeline import build_notice, read_source

    data, src = read_source(source)
    decisions: list[Decision] = []
    notice = build_notice(load_bytes(data, max_pages=max_pages), src, with_text=True, decisions=decisions)
    return notice, _rows(notice.text or "", decisions, notice.targets)


def explain(source: str | os.PathLike[str] | bytes, max_pages: int | None = None) -> list[Row]:
    """The decisions on every candidate number of one document (a path or its bytes), in reading order."""
    return explain_notice(source, max_pages)[1]


COLUMNS = ("page", "number", "decision", "rule", "indicator", "kind", "indicator_id", "context")


def as_table(rows: list[Row]) -> list[list[str]]:
    """The rows as cells under :data:`COLUMNS`, for printing.

    >>> as_table(explain("剖宫产率控制在30%以下。".encode()))[0][1:6]
    ['30%以下', 'kept', 'clause', '剖宫产率', 'target (kind:goal-word)']
    """
    table = []
    for r in rows:
        kind = f"{r.kind} ({r.kind_rule})" if r.kind else ""
        ident = f"{r.indicator_id or '-'} ({r.indicator_rule})" if r.indicator_rule else ""
        table.append(
            [
                "" if r.page is None else str(r.page),
                r.number,
                "kept" if r.kept else "dropped",
                r.rule,
                r.indicator or "",
                kind,
                ident,
                r.context,
            ]
        )
    return table
