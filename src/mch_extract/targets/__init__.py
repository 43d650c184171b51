"""Normalised text -> quantitative targets and reported figures (SPEC's ``targets``).

Stages, each a function you can call alone:

1. :func:`find_values` — every number with its unit, multiplier and range that can be a
   value (years, ages, dates, item numbers, phone numbers and counts of indicators drop out);
2. :func:`comparator_of` — the comparator from the words around the number;
3. :func:`group_values` — values listed together (50%、30%、60%以上) share their comparator;
4. :func:`indicator_of` — the measured quantity to the left of the comparator, or the counted
   noun to the right of a count (建成2-3家母婴友好医院), with scope and period split off;
5. :func:`distribute` — 分别/各/均 lists and shared heads (孕产妇和婴儿死亡率 -> two names);
6. :func:`extract_targets` — the above over sentences and table rows, with kind and grounding.

>>> [(t.indicator, t.comparator, t.value, t.unit) for t in extract_targets("产前筛查率达到90%。")]
[('产前筛查率', '>=', 90.0, '%')]
"""

from __future__ import annotations

from bisect import bisect_left

from .clauses import Context, targets_in_span
from .kind import Cues, Modes, heading_mode
from .model import NUMERAL, SENTENCE_BREAK, Decision, Found, Log
from .names import Named
from .tables import (
    HEADER_MIN,
    Row,
    cell_lines,
    cell_spans,
    header_roles,
    name_line,
    role_of,
    row_targets,
    table_targets,
)

__all__ = ["Context", "Cues", "Decision", "Found", "Modes", "extract_targets", "heading_mode", "targets_in_span"]


def extract_targets(
    text: str,
    summary: bool = False,
    *,
    modes: Modes | None = None,
    plan_year: int | None = None,
    log: Log = None,
) -> list[Found]:
    """Every target and reported figure in a normalised text, in reading order.

    ``modes`` says which stretches report (else ``summary`` for the whole text); ``plan_year``
    lets a figure of an earlier year read as a report; ``log`` collects a :class:`Decision`
    for every candidate number.
    """
    modes = modes or Modes(summary)
    contexts = {flag: Context(flag, plan_year, log) for flag in (False, True)}  # one per mode, not per sentence
    found: list[Found] = []
    lines = _lines(text)
    nonblank = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    skip_to = -1  # the end of a table printed one cell a line, already read
    header: tuple[str, ...] | None = None  # the roles of the last tab-separated header row
    row_name: Named | None = None
    above_line: str | None = None  # a short line, which may name the values of the line below it
    for k, (pos, line_end) in enumerate(lines):
        line = text[pos:line_end]
        if pos < skip_to:
            continue
        if "\t" in line:
            ctx = contexts[modes.summary_at(pos)]
            cells = line.split("\t")
            roles = header_roles(cells)
            if roles:
                header, row_name = roles, None
            elif header and len(cells) == len(header):
                found.extend(row_targets(text, Row(tuple(cell_spans(text, pos, line_end))), header, row_name, ctx))
                if "indicator" in header and cells[header.index("indicator")].strip():
                    row_name = Named(cells[header.index("indicator")].strip(), None, None)
            else:
                header = None
                found.extend(table_targets(text, pos, line_end, ctx))
        else:
            header = None
            j = bisect_left(nonblank, k)
            probe = nonblank[j : j + HEADER_MIN]  # cell_lines wants at least this many header words in a row
            if len(probe) == HEADER_MIN and all(role_of(text[slice(*lines[i])]) is not None for i in probe):
                rest = [lines[i] for i in nonblank[j:]]
                table, used = cell_lines(text, rest, contexts[modes.summary_at(pos)])
                if used:
                    found.extend(table)
                    skip_to = rest[used - 1][1]
                    continue
            if NUMERAL.search(text, pos, line_end) is not None:  # (a line without a number holds no value)
                found.extend(_line_targets(text, pos, line_end, contexts, modes, above_line))
        above_line = line if len(line) <= 40 else None
    return found


def _line_targets(
    text: str, pos: int, line_end: int, contexts: dict[bool, Context], modes: Modes, above_line: str | None
) -> list[Found]:
    """Targets of the sentences of one line of running text; ``above_line`` is the line before it
    when it is short (1. 剖宫产率), read as a name only for the values of the first sentence."""
    found: list[Found] = []
    ends = [m.end() for m in SENTENCE_BREAK.finditer(text, pos, line_end)]
    if (ends[-1] if ends else pos) < line_end:
        ends.append(line_end)  # the last sentence, without a full stop
    s = pos
    for e in ends:
        here = contexts[modes.summary_at(s)]  # one-line pages: the mode where the sentence is
        above = name_line(above_line) if s == pos and above_line is not None else None
        found.extend(targets_in_span(text, s, e, here, above=above))
        s = e
    return found


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
