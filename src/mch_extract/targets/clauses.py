"""One sentence or cell -> its targets: the stages in order, with kind and grounding."""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

import regex

from ..compiled import lazy
from ..rules import RuleSet, load_rules
from .comparators import comparator_of, group_values
from .kind import Cues, kind_at
from .lists import distribute
from .model import CLAUSE_BREAK, Found, Log, Value, note
from .names import Named, indicator_like, indicator_of, is_rate, name_patterns, split_scope, subject_rate
from .quantities import find_values

NAME_WINDOW = 60  # no indicator name, scope and period together run longer than this


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    m = CLAUSE_BREAK.search(text, pos, min(ceiling, pos + NAME_WINDOW))
    return m.start() if m else min(ceiling, pos + NAME_WINDOW)


PREVIOUS_YEAR = regex.compile(r"[（(][ \t]*\d{4}年?[ \t]*[:：][ \t]*$")


class Context(NamedTuple):
    """What the sentence does not say itself: whether the text around it reports (a summary),
    the plan's year, and where decisions are written."""

    summary: bool = False
    plan_year: int | None = None
    log: Log = None


def targets_in_span(
    text: str,
    start: int,
    end: int,
    ctx: Context | None = None,
    default: Named | None = None,
    above: Named | None = None,
) -> list[Found]:
    """Targets of one sentence (or table cell) ``text[start:end]``.

    ``default`` names the values whose own words name no rate (the indicator cell of a table row);
    ``above`` names those whose own words name nothing at all (an indicator printed on the line above).
    """
    rules = load_rules()
    ctx = ctx or Context()
    log = ctx.log
    values = find_values(text, start, end, log)
    if not values:
        return []
    cues = Cues.of(text, start, end)
    lead_scope = LEAD_SCOPE.match(text, start, values[0].start)  # 以县(市)区为单位，A…，B…: the scope of all
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, start, end)]
    found: list[Found] = []
    floor = start
    for group in group_values(text, values):
        first, last = group[0], group[-1]
        if text[max(start, first.start - 1) : first.start] == "等":
            _drop(log, group, "list-size")  # **区等9个区县: the size of a list, not a figure
            continue
        k = bisect_right(breaks, first.start) - 1
        clause_start = max(breaks[k] if k >= 0 else start, floor, first.start - NAME_WINDOW)
        comparison = comparator_of(text, first, clause_start)
        comparator, cmp_start, cmp_word = comparison.comparator, comparison.start, comparison.word
        if INSIDE_NAME.match(text, last.end, end):
            _drop(log, group, "inside-name")  # 年巡查2次完成率≥90%: the count belongs to the rate's name
            continue
        joined = found and text[found[-1].end : first.start].strip() in rules.list_joiners
        if joined and not cmp_word and comparator == "=" and found[-1].rule.endswith("counted-noun"):
            comparator = found[-1].comparator  # 至少建立1个A中心和1个B中心: 至少 governs both
        if last.after and comparator == "=":
            comparator = rules.after_comparator(last.after)
        for v in group[:-1]:
            if last.after and not v.after:
                v.after = last.after
        if PREVIOUS_YEAR.search(text, max(start, first.start - 8), first.start):
            if found:
                prev = found[-1]
                found.append(
                    Found(
                        prev.indicator,
                        "=",
                        first.value,
                        None,
                        first.unit,
                        "actual",
                        prev.scope,
                        None,
                        first.start,
                        first.number_end,
                        "previous-year",
                    )
                )
                note(log, first.start, first.end, "previous-year", True, found[-1])
            else:
                _drop(log, group, "previous-year-without-target")
            floor = last.end
            continue
        right_end = _clause_end(text, last.end, end)
        named = indicator_of(text, clause_start, cmp_start, last.end, min(right_end, last.end + 20))
        if named.drop:
            _drop(log, group, named.drop)  # 覆盖全市41个区县: a count of places
            continue
        if _furniture(text, max(start, first.start - 8), first.start, first.unit):
            _drop(log, group, "page-furniture")  # 工作计划(精选8篇), 点击次数: the page, not the plan
            continue
        if named.indicator and _about_indicators(named.indicator, rules):
            _drop(log, group, "about-indicators")
            continue
        if first.unit in ("项", "个", "条") and any(w in text[clause_start:right_end] for w in rules.meta_nouns):
            _drop(log, group, "count-of-indicators")
            continue
        explicit = cmp_word in rules.comparator_words or cmp_word in rules.comparator_symbols
        governed = explicit or named.period or first.unit in rules.rate_units.values() or first.multiplied
        if first.chinese and not governed:
            _drop(log, group, "chinese-numeral-ungoverned")
            continue  # 八项规定, 一批: a Chinese numeral is a value only when a comparator governs it
        indicator = named.indicator
        scope = named.scope
        rule = "counted-noun" if named.after_value else "clause"
        if default is not None and (not indicator or not indicator_like(indicator, rules)):
            indicator, scope, rule = default.indicator, scope or default.scope, "table-row"
        if not indicator and above is not None and not found:
            indicator, rule = above.indicator, "name-above"  # a table printed one cell a line
        if not indicator and found and not ANY_DIGIT.search(text, found[-1].end, clause_start):
            # 城区达95%,农村达80%: the same indicator, another scope; not across a figure dropped between
            # (住院病人2.5万人次,增长12%;业务收入2.7亿元,增长19%: 19% is no change of 住院病人)
            indicator = found[-1].indicator
            scope = named.scope or _bare_scope(text[clause_start:cmp_start], rules)
            rule = "same-indicator"
        if not indicator and named.scope:
            lead = _colon_lead(text, start, clause_start)  # …管理率：城市达95%以上，农村达90%以上
            if lead is not None:
                indicator, rule = lead, "colon-lead"
        if not indicator or not HAN.search(indicator):
            _drop(log, group, "no-indicator")  # …人次</b>6356: a name is words, not a copy's markup
            continue
        if found and rule == "clause" and indicator in rules.bare_rates:
            subject = (found[-1].indicator or "") + "率"  # 新生儿死亡30人，死亡率7.58‰: 新生儿死亡率
            if subject.endswith(indicator) and len(subject) > len(indicator):
                indicator, rule = subject, "subject-from-count"
        if rule == "clause":
            with_subject = subject_rate(text, start, clause_start, indicator)  # 产后访视*人,访视率96.55%
            if with_subject:
                indicator, rule = with_subject, "subject-before"
        if scope is None and found and found[-1].scope and found[-1].scope.startswith("以"):
            scope = found[-1].scope  # 以县(市)区为单位 governs the rest of the sentence
        if scope is None and lead_scope:
            scope = lead_scope.group("scope")
        if first.unit in AGE_UNITS and not indicator.endswith(rules.age_value_names):
            _drop(log, group, "age")  # 年龄小于18岁: an age bounds a population, it is no figure
            continue
        quantified = any(q in text[clause_start : first.start] for q in ("分别", "均", "各"))
        names = distribute(indicator, len(group), quantified)
        if rule == "same-indicator" and len(group) > 1 and len(found) >= len(group):
            # 分别为6.8‰和9.1‰，分别下降5个和5.7个千分点: the list before names the list of changes
            names = [f.indicator or indicator for f in found[-len(group) :]]
        at = text.find(indicator, clause_start, cmp_start)
        hole = (at, at + len(indicator)) if at >= 0 else (0, 0)  # 3岁以下…监测: 以下 of a name is no cue
        copula = cmp_word if not (named.after_value and cmp_word == "为") else ""  # 免费为2000名儿童: "for"
        kind, kind_rule = kind_at(
            cues, start, clause_start, right_end, copula, ctx.summary, ctx.plan_year, hole, first.start, last.end
        )
        if kind_rule != "kind:report-word" and indicator.endswith(rules.kind_goal_names):
            kind, kind_rule = "target", "kind:goal-name"  # 免费两癌筛查项目目标人群(1500人)
        extra = {"kind_rule": kind_rule}
        if named.change:
            extra["change"] = named.change
        if named.change and rule == "same-indicator" and found:
            kind, extra["kind_rule"] = found[-1].kind, "kind:as-changed-figure"  # 为6.8‰，比上年下降0.7个千分点
        if named.baseline:
            kind, extra["kind_rule"] = "actual", "kind:baseline"  # 由2020年的5.4‰(下降到5‰): the level before
        if len(group) > 1 and len(names) == len(group):
            pairs = list(zip(names, group, strict=True))
        elif len(group) == 1:
            pairs = [(n, first) for n in names]
        else:
            pairs = [(names[0], v) for v in group]
        for name, v in pairs:
            name, place = split_scope(name, rules)
            cmp = comparator if v.value_max is None else "range"
            if cmp == "=" and v.after:
                cmp = rules.after_comparator(v.after)
            text_start = min(_name_start(text, clause_start, cmp_start, name), v.start)
            for where in (place, named.scope):  # 上海和睦家医院剖宫产率≤28%: quote the scope too
                at = text.find(where, clause_start, cmp_start) if where else -1
                text_start = min(text_start, at) if at >= 0 else text_start
            text_end = v.end
            if named.after_value and name == named.indicator:
                at = text.find(name, v.end, right_end)
                text_end = at + len(name) if at >= 0 else v.end
            found.append(
                Found(
                    name,
                    cmp,
                    v.value,
                    v.value_max,
                    v.unit,
                    kind,
                    scope or place,
                    named.period,
                    text_start,
                    text_end,
                    ("list:" + rule) if len(pairs) > 1 else rule,
                    dict(extra),
                )
            )
            note(log, v.start, v.end, found[-1].rule, True, found[-1])
        floor = last.end
    return found


ANY_DIGIT = lazy(r"\d")
HAN = regex.compile(r"\p{Han}")
INSIDE_NAME = regex.compile(r"[\p{Han}]{0,6}率[ \t]*(?:[≥≤<>＜＞]|达到|不低于|不少于|不高于|\d)")


LEAD_SCOPE = regex.compile(r"[ \t]*(?P<scope>以[^，,。；;为]{1,12}为单位|在[^，,。；;]{1,8}层面)[ \t]*[，,：:]")
AGE_UNITS = ("岁", "周岁")


def _drop(log: Log, group: list[Value], reason: str) -> None:
    for v in group:
        note(log, v.start, v.end, reason)


def _furniture(text: str, lo: int, hi: int, unit: str | None) -> bool:
    """精选8篇, 点击次数, 此处隐藏N个字, (共印40份); N篇 right after a document type (工作计划3篇)."""
    if unit not in ("篇", "次", "个", "字", "份"):
        return False
    if name_patterns().furniture.search(text, lo, hi) is not None:
        return True
    return unit == "篇" and text[lo:hi].rstrip("(（ ").endswith(load_rules().doc_types)


def _colon_lead(text: str, start: int, clause_start: int) -> str | None:
    """The indicator named before a colon that opens the clauses of a sentence (…管理率：城市达95%)."""
    colon = max(text.rfind("：", start, clause_start), text.rfind(":", start, clause_start))
    if colon < 0:
        return None
    lead_start = start
    for m in CLAUSE_BREAK.finditer(text, start, colon):
        lead_start = m.end()
    named = indicator_of(text, lead_start, colon, colon, colon)
    return named.indicator if named.indicator and is_rate(named.indicator, load_rules()) else None


def _about_indicators(name: str, rules: RuleSet) -> bool:
    """可监测指标, 2015年规划目标: a name about the plan's own indicators (目标人群 is not one)."""
    return "指标" in name or name.endswith(rules.meta_nouns)


def _bare_scope(left: str, rules: RuleSet) -> str | None:
    for word in rules.scope_words:
        if word in left:
            return word
    return None


def _name_start(text: str, clause_start: int, cmp_start: int, name: str) -> int:
    pos = text.find(name[:2], clause_start, cmp_start)
    return pos if pos >= 0 else clause_start
