"""Tables as layout: a row's indicator cell names the values of the cells after it."""

from __future__ import annotations

import regex

from ..markers import match_marker_at
from ..rules import load_rules
from .clauses import Context, targets_in_span
from .model import CLAUSE_BREAK, Found
from .names import Named, is_rate, split_scope, strip_brackets
from .quantities import find_values

SERIAL_CELL = regex.compile(r"\d{1,3}")


def table_targets(text: str, start: int, end: int, ctx: Context) -> list[Found]:
    """Targets of a table row ``indicator <tab> target``: each value with the nearest text cell."""
    rules = load_rules()
    cells: list[tuple[int, int]] = []
    pos = start
    for part in text[start:end].split("\t"):
        cells.append((pos, pos + len(part)))
        pos += len(part) + 1
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
    if not name or len(name) > 30 or CLAUSE_BREAK.search(name) or find_values(name):
        return None
    return Named(name, None, None) if is_rate(name, rules) else None
