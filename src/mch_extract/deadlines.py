"""Normalised text -> deadlines: 6月底前, 年底前, 于2022年11月1日前, 到2025年11月底, 到2025年.

A deadline is a date by which something must be done.  A scheduled moment
(``2021年3月24日18时，关停…``), a report date (``截至2021年底``) and a bare year
(``2024年，…``) are not deadlines.  A missing year is the plan's year.

>>> [(d.date, d.text) for d in find_deadlines("6月底前每个县(区)至少有1家，年底前全面推广。", 2019)]
[('2019-06-30', '6月底前'), ('2019-12-31', '年底前')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from bisect import bisect_left
from dataclasses import dataclass

import regex

from .rules import alternation, load_rules


@dataclass(frozen=True)
class DeadlineHit:
    date: str
    text: str
    start: int
    end: int
    rule: str


@functools.cache
def _patterns() -> tuple[tuple[str, regex.Pattern[str]], ...]:
    rules = load_rules()
    before = alternation(rules.deadline_before_words)
    horizon = alternation(rules.horizon_words)
    month_part = alternation(rules.month_parts)
    year_part = alternation(rules.year_parts)
    lead = rf"(?P<h>(?<![达\d年截]){horizon}|于|在)?"
    return (
        ("day", regex.compile(rf"{lead}(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日(?P<b>{before})")),
        ("month", regex.compile(rf"{lead}(?:(?P<y>\d{{4}})年)?(?P<m>\d{{1,2}})月(?P<p>{month_part})(?P<b>{before})?")),
        (
            "year-part",
            regex.compile(rf"{lead}(?:(?P<y>\d{{4}})年?)?(?<!每|截至|截止|截至到)(?P<yp>{year_part})(?P<b>{before})?"),
        ),
        ("horizon", regex.compile(rf"(?<![达\d年截]){horizon}(?P<y>\d{{4}})年(?=[，,。；;\s]|$)")),
    )


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, day if day else last).isoformat()
    except (ValueError, calendar.IllegalMonthError):
        return None


def find_deadlines(text: str, year: int | None) -> list[DeadlineHit]:
    """Every deadline phrase in ``text``; ``year`` fills in a missing year."""
    rules = load_rules()
    hits: list[DeadlineHit] = []
    # spans taken by earlier rules, sorted and disjoint (so their ends are sorted too); the
    # matches of one rule never overlap each other, so they join the index after the rule
    taken_starts: list[int] = []
    taken_ends: list[int] = []
    for rule, pattern in _patterns():
        new: list[tuple[int, int]] = []
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            i = bisect_left(taken_starts, end) - 1
            if i >= 0 and taken_ends[i] > start:
                continue
            groups = m.groupdict()
            if rule != "horizon" and not groups.get("b") and not groups.get("h"):
                continue  # 2021年3月24日 alone is a date, not a deadline
            if groups.get("h") in ("于", "在") and not groups.get("b"):
                continue  # 于2021年3月 is when, not by when
            y = int(groups["y"]) if groups.get("y") else year
            if y is None:
                continue
            date: str | None
            if rule == "day":
                date = _iso(y, int(groups["m"]), int(groups["d"]))
            elif rule == "month":
                date = _iso(y, int(groups["m"]), rules.month_parts[groups["p"]] or None)
            elif rule == "year-part":
                month, day = rules.year_parts[groups["yp"]]
                date = _iso(y, month, day)
            else:
                date = _iso(y, 12, 31)
            if date is None:
                continue
            if groups.get("h") in ("于", "在"):
                start = m.start("h") + 1  # quote from the date itself
            hits.append(DeadlineHit(date, text[start:end], start, end, rule))
            new.append((start, end))
        if new:
            spans = sorted([*zip(taken_starts, taken_ends, strict=True), *new])
            taken_starts, taken_ends = [s for s, _ in spans], [e for _, e in spans]
    return sorted(hits, key=lambda h: h.start)
