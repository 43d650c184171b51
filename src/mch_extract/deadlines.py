"""Normalised text -> deadlines: 6月底前, 年底前, 于2022年11月1日前, 到2025年11月底, 到2025年.

A deadline is a date by which something must be done.  A scheduled moment
(``2021年3月24日18时，关停…``), a report date (``截至2021年底``) and a bare year
(``2024年，…``) are not deadlines.  A missing year is the plan's year.

>>> [(d.date.isoformat(), d.text) for d in find_deadlines("6月底前每个县(区)至少有1家，年底前全面推广。", 2019)]
[('2019-06-30', '6月底前'), ('2019-12-31', '年底前')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import NamedTuple

import regex

from .compiled import lazy
from .rules import alternation, load_rules, word_finder


class DeadlineHit(NamedTuple):
    date: dt.date
    text: str
    start: int
    end: int
    rule: str


@functools.cache
def _patterns() -> tuple[tuple[str, regex.Pattern[str], re.Pattern[str] | regex.Pattern[str] | None], ...]:
    """Each rule's pattern, and what every match of it holds (None: the rule runs on the whole text).

    What a match holds is a word, or one of a list of words, found fast: a single word by
    either module, a list of words by :func:`~mch_extract.rules.word_finder`.  (The horizon
    rule's words, 到 and 至, stand on so many lines that running it on the whole text costs less.)
    """
    rules = load_rules()
    before = alternation(rules.deadline_before_words)
    horizon = alternation(rules.horizon_words)
    commit = alternation(rules.commit_words)
    month_part = alternation(rules.month_parts)
    year_part = alternation(rules.year_parts)
    due = alternation(rules.due_labels)
    at = alternation(rules.at_words)
    # 达到2015年 is a level, 截至2021年底 a report date, 2023年2月21日起至… a period
    not_after = "".join(regex.escape(c) for c in rules.not_horizon_after if len(c) == 1)
    lead = rf"(?P<h>(?<![\d{not_after}]){horizon}|{commit}|{at})?"
    # the lookbehinds are tried only where a part of a year can start (at every character, they cost a third)
    part_opens = "".join(sorted({regex.escape(w[0]) for w in rules.year_parts}))
    not_part = f"(?=[{part_opens}])" + "".join(f"(?<!{regex.escape(w)})" for w in rules.not_part_after)
    day = r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    month_word = regex.compile("月")
    # each rule's pattern is compiled when first run: a text where no month_word or part of a
    # year is found never compiles the rules behind them
    return (
        (
            "due",
            regex.compile(
                rf"{due}[为是：:\t ]*(?:(?P<y>\d{{4}})[ \t]*年)?(?P<m>\d{{1,2}})月"
                rf"(?:(?P<d>\d{{1,2}})日|(?P<p>{month_part}))?"
            ),
            word_finder(rules.due_labels),
        ),
        ("day", lazy(rf"{lead}(?:(?P<y>\d{{4}})[ \t]*年)?{day}(?P<b>{before})?"), month_word),
        (
            "month",
            lazy(rf"{lead}(?:(?P<y>\d{{4}})[ \t]*年)?(?P<m>\d{{1,2}})月(?P<p>{month_part})(?P<b>{before})?"),
            month_word,
        ),
        (
            "year-part",
            lazy(rf"{lead}(?:(?P<y>\d{{4}})[ \t]*年?)?{not_part}(?P<yp>{year_part})(?P<b>{before})?"),
            word_finder(rules.year_parts),
        ),
        # 到2025年，… and 到2025年全市…: a horizon; 到2025年11月 is a month, not a horizon
        (
            "horizon",
            regex.compile(rf"(?<![\d{not_after}]){horizon}(?P<y>\d{{4}})[ \t]*年(?![\d月底末内中度])"),
            None,
        ),
    )


@functools.cache
def _done_verb() -> regex.Pattern[str]:
    return regex.compile(r"[\t ]*" + alternation(load_rules().done_verbs))


def _is_deadline(rule: str, groups: dict[str, str | None], text: str, end: int, summary: bool) -> bool:
    """Does this date phrase say *by when*?  A bare date or part of a year says *when*."""
    if rule in ("due", "horizon"):
        return True
    rules = load_rules()
    lead, by = groups.get("h"), groups.get("b")
    if by:
        return not text.startswith(rules.not_deadline_after, end)  # 2005年8月1日前出生的新生儿: who, not by when
    if lead in rules.horizon_words:
        return not (summary and lead == "至")  # a summary's 至2015年底 is its report date
    if lead in rules.commit_words:
        return True
    if rule == "day":
        return False  # 于2021年3月24日 is when; 2022年4月13日 is a date
    part = groups.get("p") or groups.get("yp") or ""
    if lead in rules.at_words and part.endswith(("底", "末")):
        return True  # 于2022年11月底完成
    # 上半年完成自查 in a plan; 上半年共接诊180人 in a summary reports
    return not summary and _done_verb().match(text, end) is not None


def _date(year: int, month: int, day: int | None) -> dt.date | None:
    """The date, a missing day the month's last; ``None`` for a day the month does not have."""
    try:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, day if day else last)
    except (ValueError, calendar.IllegalMonthError):
        return None


def _matches(
    pattern: regex.Pattern[str], held: re.Pattern[str] | regex.Pattern[str] | None, text: str
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)``, run only on the lines that hold a match of ``held``.

    No date phrase spans a line break (its words, digits and ``[ \\t]*`` hold none), and a line
    break is in none of the lookarounds' sets (seeing it or the window's edge is the same), so a
    line's matches are the same in the line as in the text.  A scan for a word is several times
    faster than the regex module trying a pattern that opens with optional parts at every character.

    >>> [m.group() for m in _matches(regex.compile(r"\\d+月"), regex.compile("月"), "1日\\n3月和4月\\n5日")]
    ['3月', '4月']
    """
    if held is None:
        yield from pattern.finditer(text)
        return
    end = -1
    for word in held.finditer(text):
        if word.start() < end:
            continue  # its line is done
        start = text.rfind("\n", 0, word.start()) + 1
        end = text.find("\n", word.end())
        end = len(text) if end < 0 else end
        yield from pattern.finditer(text, start, end)


def find_deadlines(text: str, year: int | None, summary: bool | Callable[[int], bool] = False) -> list[DeadlineHit]:
    """Every deadline phrase in ``text``; ``year`` (the plan's) fills in a missing year.

    ``summary``: the text (or, given a function of the offset, the stretch at that offset)
    reports on a past period, where a bare ``上半年`` or ``至2015年底`` is the period reported
    on, not a deadline.  A date before the plan's year (``到2015年底`` in a 2016 plan's review
    of the past) is a report date too.

    >>> [h.text for h in find_deadlines("到2015年底,全市建成10家。到2020年,覆盖率达到95%。", 2016)]
    ['到2020年']
    """
    summary_at = summary if callable(summary) else (lambda pos: summary)
    rules = load_rules()
    hits: list[DeadlineHit] = []
    # spans taken by earlier rules, sorted and disjoint (so their ends are sorted too); the
    # matches of one rule never overlap each other, so they join the index after the rule
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for rule, pattern, held in _patterns():
        new: list[tuple[int, int]] = []
        for m in _matches(pattern, held, text):
            start, end = m.start(), m.end()
            i = bisect_left(taken_starts, end) - 1
            if i >= 0 and taken_ends[i] > start:
                continue
            groups = m.groupdict()
            if not _is_deadline(rule, groups, text, end, bool(summary_at(start))):
                continue
            y = int(groups["y"]) if groups.get("y") else year
            if y is None or (year is not None and y < year):
                continue
            date: dt.date | None
            if groups.get("d"):
                date = _date(y, int(groups["m"]), int(groups["d"]))
            elif groups.get("p"):
                date = _date(y, int(groups["m"]), rules.month_parts[groups["p"]] or None)
            elif groups.get("m"):
                date = _date(y, int(groups["m"]), None)
            elif groups.get("yp"):
                month, day = rules.year_parts[groups["yp"]]
                date = _date(y, month, day)
            else:
                date = _date(y, 12, 31)
            if date is None:
                continue
            if groups.get("h") in (*rules.at_words, *rules.commit_words):
                start = m.end("h")  # quote from the date itself
            hits.append(DeadlineHit(date, text[start:end], start, end, rule))
            new.append((start, end))
        if new:
            spans = sorted([*zip(taken_starts, taken_ends, strict=True), *new])
            taken_starts, taken_ends = [s for s, _ in spans], [e for _, e in spans]
    taken = list(zip(taken_starts, taken_ends, strict=True))
    hits.extend(_due_column_hits(text, year, taken))
    return sorted(hits, key=lambda h: h.start)


@functools.cache
def _cell_date() -> regex.Pattern[str]:
    """A date alone in a table cell: 2025年12月底, 6月, 11月30日前."""
    parts = alternation(load_rules().month_parts)
    return regex.compile(
        rf"(?:(?P<y>\d{{4}})[ \t]*年)?(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})日|(?P<p>{parts}))?(?:前|之前)?"
    )


def _due_column_hits(text: str, year: int | None, taken: list[tuple[int, int]]) -> list[DeadlineHit]:
    """Dates in the 完成时限 column of a tab-separated task list: each is its row's deadline.

    >>> table = "序号\\t任务\\t完成时限\\n1\\t两癌筛查\\t2025年12月底"
    >>> [(h.date.isoformat(), h.text) for h in _due_column_hits(table, None, [])]
    [('2025-12-31', '2025年12月底')]
    """
    rules = load_rules()
    hits: list[DeadlineHit] = []
    column: int | None = None
    width = 0
    pos = 0
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 1:
            labels = [c.strip() for c in cells]
            due = [i for i, c in enumerate(labels) if c in rules.due_labels or c in rules.due_columns]
            if due:
                column, width = due[0], len(cells)
            elif column is not None and len(cells) == width:
                start = pos + sum(len(c) + 1 for c in cells[:column])
                m = _cell_date().search(text, start, start + len(cells[column]))
                y = int(m.group("y")) if m and m.group("y") else year
                if m and y is not None and not any(s < m.end() and m.start() < e for s, e in taken):
                    day = m.group("d")
                    part = m.group("p")
                    date = _date(
                        y, int(m.group("m")), int(day) if day else (rules.month_parts[part] or None if part else None)
                    )
                    if date:
                        hits.append(DeadlineHit(date, m.group(0), m.start(), m.end(), "due-column"))
        else:
            column = None
        pos += len(line) + 1
    return hits
