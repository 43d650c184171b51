"""Tables as layout: a row's indicator cell names the values of the cells after it."""

from __future__ import annotations

from typing import NamedTuple

import regex

from ..compiled import lazy
from ..markers import match_marker_at
from ..rules import load_rules
from .clauses import Context, targets_in_span
from .model import CLAUSE_BREAK, Found, note
from .names import Named, is_rate, split_scope, strip_brackets
from .quantities import find_values

SERIAL_CELL = lazy(r"\d{1,3}")
HEADER_MIN = 3  # a header printed one cell a line has at least this many header words


def cell_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each tab-separated cell of the row ``text[start:end]``.

    >>> cell_spans("1\\t剖宫产率\\t≤35%", 0, 11)
    [(0, 1), (2, 6), (7, 11)]
    """
    cells: list[tuple[int, int]] = []
    pos = start
    for part in text[start:end].split("\t"):
        cells.append((pos, pos + len(part)))
        pos += len(part) + 1
    return cells


def table_targets(text: str, start: int, end: int, ctx: Context) -> list[Found]:
    """Targets of a table row ``indicator <tab> target``: each value with the nearest text cell."""
    rules = load_rules()
    cells = cell_spans(text, start, end)
    found: list[Found] = []
    for i, (cs, ce) in enumerate(cells):
        if not find_values(text, cs, ce):
            continue
        label = None
        for ls, le in reversed(cells[:i]):
            cell = text[ls:le].strip()
            if cell and not SERIAL_CELL.fullmatch(cell):
                label = (ls, le)
                break
        if label is None:
            found.extend(targets_in_span(text, cs, ce, ctx))
            continue
        cell = text[label[0] : label[1]]
        marker = match_marker_at(cell.strip(), 0)  # 1. 剖宫产率 -> 剖宫产率
        name = cell.strip()[marker.end if marker else 0 :]
        name = strip_brackets(name.replace("\n", "").strip())
        name, place = split_scope(name, rules)
        default = Named(name, place, None)
        for f in targets_in_span(text, cs, ce, ctx, default=default):
            if f.indicator == name:
                f.start = label[0] + len(cell) - len(cell.lstrip())
            found.append(f)
    return found


def name_line(line: str) -> Named | None:
    """A line that is only an indicator's name (1. 剖宫产率（按…计算）), for the line below it."""
    rules = load_rules()
    marker = match_marker_at(line, 0)
    name = strip_brackets(line[marker.end if marker else 0 :])
    if not name or len(name) > 30 or not is_rate(name, rules) or CLAUSE_BREAK.search(name) or find_values(name):
        return None
    return Named(name, None, None)


# --- header rows -------------------------------------------------------------------------------

SPACES = regex.compile(r"[ \t\u3000]+")


def role_of(cell: str) -> str | None:
    """The role a header cell gives its column, or ``None`` when the cell is no header word.

    >>> role_of("指标名称"), role_of("2015年目标值"), role_of("属 性"), role_of("孕产妇死亡率")
    ('indicator', 'target', 'attribute', None)
    """
    rules = load_rules()
    if len(cell) - cell.count(" ") - cell.count("\t") - cell.count("\u3000") > 12:
        return None  # a sentence, not a header word (counted without the pattern: every line is asked)
    # (SPACES removes only these three characters; most cells hold none of them)
    word = SPACES.sub("", cell) if " " in cell or "\t" in cell or "\u3000" in cell else cell
    if not word:
        return None
    if word in rules.table_roles:
        return rules.table_roles[word]
    # YEAR_PREFIX opens with a digit (no digit is a letter), 十 or 期: a word opening with
    # another letter is not asked (most short lines are words of running text)
    if (word[0].isalpha() and word[0] not in "十期") or not YEAR_PREFIX.match(word):
        return None
    for suffix, role in rules.table_roles.items():
        if role in ("target", "actual") and len(suffix) >= 2 and word.endswith(suffix):
            return role  # 2015年目标值, 2019年度目标, 2020年现状
    return None


YEAR_PREFIX = regex.compile(r"^(?:\d{4}年度?|十[一二三四五]五(?:期末)?|期末)")


def header_roles(cells: list[str]) -> tuple[str, ...] | None:
    """The roles of a header row's cells, or ``None`` when the row is not a header.

    A header names an indicator column or a value column, and at least two of its cells are
    header words.

    >>> header_roles(["序号", "指标名称", "统计口径", "属性", "2015年目标值"])
    ('serial', 'indicator', 'scope', 'attribute', 'target')
    >>> header_roles(["孕产妇死亡率", "≤10/10万"]) is None
    True
    """
    roles = [role_of(c) for c in cells]
    known = [r for r in roles if r]
    if len(known) < 2 or len(known) < len(cells) - 1 or not ({"indicator", "target", "actual"} & set(known)):
        return None
    return tuple(r or "other" for r in roles)


class Row(NamedTuple):
    """One row of a table: ``(start, end)`` of each cell, by column, in the text."""

    cells: tuple[tuple[int, int] | None, ...]


def row_targets(text: str, row: Row, roles: tuple[str, ...], name: Named | None, ctx: Context) -> list[Found]:
    """Targets of a row whose columns have ``roles``; ``name`` is the indicator of the row above
    (a merged cell leaves this row's indicator cell empty).  Values in a target column are targets,
    in an actual column reports; attribute columns are never names.
    """
    rules = load_rules()
    cell_text = {i: text[c[0] : c[1]].strip() for i, c in enumerate(row.cells) if c}
    quote_from: int | None = None  # the quote starts at the row's own indicator cell
    if "indicator" in roles:
        i = roles.index("indicator")
        own = cell_text.get(i, "")
        if own and own not in rules.attribute_values:
            c0 = row.cells[i]
            if c0 is not None:
                quote_from = c0[0] + len(text[c0[0] : c0[1]]) - len(text[c0[0] : c0[1]].lstrip())
            marker = match_marker_at(own, 0)
            own = strip_brackets(own[marker.end if marker else 0 :])
            name = Named(own, None, None) if own else name
    if name is None or not name.indicator:
        for i, c in enumerate(row.cells):
            if c and roles[i] in ("target", "actual"):
                note(ctx.log, c[0], c[1], "table-row-without-indicator")
        return []
    scope = None
    if "scope" in roles:
        s = cell_text.get(roles.index("scope"), "")
        scope = s if s and s not in rules.attribute_values else None
    found: list[Found] = []
    for i, c in enumerate(row.cells):
        if not c or roles[i] not in ("target", "actual"):
            continue
        summary = roles[i] == "actual"
        cell_ctx = Context(summary, ctx.plan_year, ctx.log)
        default = Named(name.indicator, scope, None)
        cell_found = targets_in_span(text, c[0], c[1], cell_ctx, default=default)
        if not cell_found:
            cell_found = _bare_figure(text, c, name.indicator, scope, ctx)
        for f in cell_found:
            f.kind = "actual" if summary else "target"
            f.extra["kind_rule"] = "kind:table-column"
            if f.indicator == name.indicator:
                f.scope = f.scope or scope
                f.rule = "table-column"
                if quote_from is not None and quote_from < f.start:
                    f.start = quote_from
            found.append(f)
    return found


BARE_FIGURE = lazy(r"[ \t]*(?P<cmp>[≥≤<>＜＞])?[ \t]*(?P<num>\d+(?:\.\d+)?)[ \t]*")


def _bare_figure(text: str, cell: tuple[int, int], name: str | None, scope: str | None, ctx: Context) -> list[Found]:
    """A value column's cell that is only a number (千人口执业医师数 | 2.3): a value without a unit."""
    m = BARE_FIGURE.fullmatch(text, cell[0], cell[1])
    if not m:
        return []
    rules = load_rules()
    cmp = rules.comparator_symbols.get(m.group("cmp") or "", "=")
    start = m.start("cmp") if m.group("cmp") else m.start("num")
    f = Found(name, cmp, float(m.group("num")), None, None, "target", scope, None, start, m.end("num"), "table-column")
    note(ctx.log, m.start("num"), m.end("num"), "table-column", True, f)
    return [f]


def cell_lines(text: str, lines: list[tuple[int, int]], ctx: Context) -> tuple[list[Found], int]:
    """A table printed one cell a line, starting with its header at ``lines[0]``: its targets and
    how many lines it spans (0 when ``lines`` does not start with a header).

    Rows start at a serial number when the table has a serial column; a row with more cells than
    columns carries continuation rows whose cells fill the last columns (merged indicator cells).
    """
    header: list[str] = []
    roles: tuple[str, ...] | None = None
    for s, e in lines[:12]:
        cell = text[s:e].strip()
        if role_of(cell) is None:
            break
        header.append(cell)
    roles = header_roles(header) if len(header) >= HEADER_MIN else None
    if roles is None or roles[0] != "serial":
        return [], 0
    width = len(roles)
    body = lines[width:]
    starts: list[int] = []  # rows start at serial numbers 1, 2, 3 … (a value cell 0 is no serial)
    for k, (s, e) in enumerate(body):
        cell = text[s:e].strip()
        if SERIAL_CELL.fullmatch(cell) and int(cell) == len(starts) + 1:
            starts.append(k)
    if not starts or starts[0] != 0:
        return [], 0
    found: list[Found] = []
    name: Named | None = None
    used = width
    ind = roles.index("indicator") if "indicator" in roles else None
    for n, k in enumerate(starts):
        last = n + 1 == len(starts)
        cells: list[tuple[int, int] | None] = list(body[k : k + width if last else starts[n + 1]])
        if len(cells) < width or any(c[1] - c[0] > 120 for c in cells[:width] if c):
            break
        rows = [cells[:width]]
        rest = cells[width:]
        while rest:
            take = min(len(rest), width - 2)
            pad: list[tuple[int, int] | None] = [None] * (width - take)
            rows.append(pad + rest[:take])
            rest = rest[take:]
        for r in rows:
            found.extend(row_targets(text, Row(tuple(r)), roles, name, ctx))
            span = r[ind] if ind is not None else None
            if span is not None and text[span[0] : span[1]].strip():
                name = Named(strip_brackets(text[span[0] : span[1]].strip()), None, None)
        used = width + k + len(cells)
    return found, used
