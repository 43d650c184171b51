"""Stage 5: a figure's clause -> ``target`` (a goal) or ``actual`` (a figure achieved), with the rule.

Decided clause by clause (SPEC): report words (已, 累计, 同比 …) make a figure ``actual``
wherever it stands; goal words (力争, 确保, 目标, 不低于 …) make it a ``target`` even in a
summary; a copula (为, 是) without either reports a level; otherwise the kind of the text
around it decides — a summary (or a heading such as 工作完成情况) reports, a plan sets goals.
The words live in ``patterns/kind.toml``.

>>> def kind(clause, word, summary):  # a one-clause sentence ending at its figure
...     return kind_at(Cues.of(clause), 0, 0, len(clause), word, summary)
>>> kind("2022年全市孕产妇系统管理率为95.3%", "为", summary=False)
('actual', 'kind:copula')
>>> kind("今年任务数为500人", "为", summary=True)
('target', 'kind:goal-word')
>>> kind("住院分娩率达100%", "达", summary=True)
('actual', 'kind:summary')
>>> kind("住院分娩率达100%", "达", summary=False)
('target', 'kind:plan')
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

import regex

from ..compiled import lazy
from ..rules import load_rules, word_finder

YEAR = regex.compile(r"(?<!\d)(20\d\d|19\d\d)年")
BRACKETED = lazy(r"[（(][^（）()]*[）)]")


class _KindPatterns(NamedTuple):
    """The kind words, each list found by one :func:`~mch_extract.rules.word_finder`."""

    masks: re.Pattern[str]
    actual: re.Pattern[str]
    target: re.Pattern[str]
    plan_only: frozenset[str]
    # a heading holds one of these words when the pattern finds it: one search for each list
    # costs half the ``any(w in heading …)`` over its two dozen words (most headings hold none)
    summary_heading: re.Pattern[str]
    plan_heading: re.Pattern[str]


@functools.cache
def _patterns() -> _KindPatterns:
    rules = load_rules()
    return _KindPatterns(
        masks=word_finder(rules.kind_not_words),
        actual=word_finder(rules.kind_actual_words),
        target=word_finder(rules.kind_target_words),
        plan_only=frozenset(rules.kind_plan_only),
        summary_heading=word_finder(rules.summary_heading_words),
        plan_heading=word_finder(rules.plan_heading_words),
    )


class Cues(NamedTuple):
    """Where the kind words of one sentence stand, found once (a sentence may hold many figures)."""

    actual: tuple[int, ...]
    goal: tuple[int, ...]  # goal words that count everywhere
    plan_goal: tuple[int, ...]  # goal words that count only in a plan (以上, 至少)
    years: tuple[tuple[int, int], ...]  # (position, year)

    def summary_like(self) -> bool:
        """Report words well outnumber goal words: a text that reports (used for a whole document)."""
        return len(self.actual) >= 3 and len(self.actual) > 2 * len(self.goal)

    @classmethod
    def of(cls, text: str, start: int = 0, end: int | None = None) -> Cues:
        p = _patterns()
        end = len(text) if end is None else end
        masked = p.masks.sub(lambda m: "＿" * len(m.group(0)), text[start:end])
        goal: list[int] = []
        plan_goal: list[int] = []
        for m in p.target.finditer(masked):
            (plan_goal if m.group(0) in p.plan_only else goal).append(start + m.start())
        return cls(
            tuple(start + m.start() for m in p.actual.finditer(masked)),
            tuple(goal),
            tuple(plan_goal),
            tuple((start + m.start(), int(m.group(1))) for m in YEAR.finditer(masked)),
        )


def _any(positions: tuple[int, ...], lo: int, hi: int, hole: tuple[int, int] = (0, 0)) -> bool:
    """A position in ``[lo, hi)`` outside ``hole`` (the indicator's name: 新增叶酸应服用人数)."""
    i = bisect_left(positions, lo)
    while i < len(positions) and positions[i] < hi:
        if not hole[0] <= positions[i] < hole[1]:
            return True
        i += 1
    return False


def kind_at(
    cues: Cues,
    sentence_start: int,
    clause_start: int,
    figure_end: int,
    word: str | None,
    summary: bool,
    plan_year: int | None = None,
    name: tuple[int, int] = (0, 0),
    value_start: int | None = None,
    value_end: int | None = None,
) -> tuple[str, str]:
    """The kind of a figure ending at ``figure_end`` whose own clause starts at ``clause_start``.

    The clause's own words count first, then the sentence before it (共救治320例，|救治成功率
    97%以上); ``word`` is the comparator word before the figure; ``summary`` says whether the
    text around it reports; ``plan_year`` lets a figure of an earlier year read as a report.
    Plan-only goal words inside the indicator's ``name`` span (3岁以下) and goal words after the
    figure (``value_start``) are not cues; goal words of earlier clauses are not either
    (a summary's 任务数*人，|任务完成率101%). Plan-only words count up to ``value_end``, the end
    of the figure with its own 以上/以下: one in the next indicator's name (…下降到10.94/10万、
    五岁以下儿童死亡率…) is no cue.
    """
    value_start = figure_end if value_start is None else value_start
    value_end = figure_end if value_end is None else value_end
    if _any(cues.actual, clause_start, figure_end):
        return "actual", "kind:report-word"
    # goal words count before the figure and outside its name (…控制在4%的《纲要》目标之内 reports)
    if _any(cues.goal, clause_start, value_start) or (
        not summary and _any(cues.plan_goal, clause_start, value_end, name)
    ):
        return "target", "kind:goal-word"
    if _any(cues.actual, sentence_start, clause_start):
        return "actual", "kind:report-word-in-sentence"
    if word in _patterns().plan_only and not summary:
        return "target", "kind:goal-word"
    if plan_year is not None and not summary:
        years = [y for pos, y in cues.years if sentence_start <= pos < figure_end]
        if years and max(years) < plan_year:
            return "actual", "kind:earlier-year"
    if word in load_rules().kind_copulas:
        return "actual", "kind:copula"
    if summary:
        return "actual", "kind:summary"
    return "target", "kind:plan"


class Modes(NamedTuple):
    """Which stretches of a text report (a summary) and which set goals (a plan).

    ``starts[i]`` opens a stretch whose mode is ``summary[i]`` (``None``: the document's
    ``default``); a heading such as 一、2022年工作完成情况 opens a reporting stretch.

    >>> m = Modes(False, (10, 50), (True, None))
    >>> m.summary_at(5), m.summary_at(20), m.summary_at(60)
    (False, True, False)
    """

    default: bool = False
    starts: tuple[int, ...] = ()
    summary: tuple[bool | None, ...] = ()

    def summary_at(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        if i < 0 or self.summary[i] is None:
            return self.default
        return bool(self.summary[i])


def heading_mode(heading: str) -> bool | None:
    """``True`` when a heading opens a report, ``False`` a plan, ``None`` when it says neither or both.

    >>> heading_mode("2022年工作完成情况"), heading_mode("2023年工作计划"), heading_mode("加强母婴安全")
    (True, False, None)
    >>> heading_mode("关于印发2016年工作总结和2017年工作要点的通知") is None
    True
    >>> heading_mode("2022母婴安全保障自查自纠报告(工作开展情况、存在问题及下步整改措施计划).docx")
    True

    A heading is read in simplified script (titles and headings keep the script as printed):

    >>> heading_mode("2021年《中國兒童發展綱要(2021—2030年)》統計監測報告")
    True
    """
    p = _patterns()
    heading = load_rules().fold(heading)
    summary = p.summary_heading.search(heading) is not None
    plan = p.plan_heading.search(heading) is not None
    if summary and plan and BRACKETED.search(heading):
        return heading_mode(BRACKETED.sub("", heading))  # a note in brackets is no document type
    return None if summary == plan else summary
