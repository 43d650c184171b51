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

import functools
from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from .markers import match_marker_at
from .numerals import to_number
from .rules import RuleSet, alternation, load_rules
from .words import strip_lead, strip_tail

CN_NUMERAL = "[一二两三四五六七八九十百千]{1,4}"
ARABIC = r"\d+(?:\.\d+)?"
FULL_STOP_DOT = r"(?<=[\p{Han}”）)])\.(?=[\p{Han}“（(]|$)"  # web pages end sentences with "."
CLAUSE_BREAK = regex.compile(rf"[，,；;：:。！？!?\n\t]|--|——|{FULL_STOP_DOT}")
SENTENCE_BREAK = regex.compile(rf"[。！？!?\n]|{FULL_STOP_DOT}")
LIST_SEP = regex.compile(r"^[ \t]*(?:、|和|及|与|或|,)[ \t]*$")
CONJUNCTION = regex.compile(r"、|和|及|与")
STRONG_VERBS = (
    "开展",
    "有",
    "完成",
    "举办",
    "组织",
    "建成",
    "创建",
    "提供",
    "实现",
    "达到",
    "召开",
    "培训",
    "设置",
    "建立",
)
DEADLINE_WORDS = regex.compile(
    r"(?:到|至|在|于)?(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日|底|末|上旬|中旬|下旬)?|年底|年末|上半年|下半年|年内)"
    r"(?:之前|以前|前)?"
)
LEADING_YEAR = regex.compile(r"^(?:\d{4}年(?:度|起)?|\d{4}-\d{4}年)")
ANY_MARKER = regex.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|(?<![\d.])\d{1,2}、|(?<![\d.])\d{1,2}．(?!\d)|(?<![\d.])\d{1,2}\.(?![\d%]))"
)
ACTIVITY_NOUNS = (
    "检查",
    "筛查",
    "诊断",
    "指导",
    "培训",
    "创建",
    "访视",
    "监测",
    "随访",
    "服务",
    "讲座",
    "活动",
    "会议",
    "评审",
    "调查",
    "接种",
    "救治",
    "督导",
    "宣传",
    "建设",
    "考核",
    "检测",
    "干预",
    "评估",
)
TARGET_CUES = ("要", "力争", "确保", "目标", "达到", "不低于", "不少于", "以上", "以下", "控制", "争取", "应")


@dataclass
class Value:
    """A number that can be a value, with what stands around it."""

    start: int  # first character of the number
    end: int  # after the unit and any 以上/以下
    number_end: int  # after the unit
    value: float
    value_max: float | None
    unit: str | None
    chinese: bool
    after: str | None  # 以上 / 以下 / 以内 …


@dataclass
class Found:
    indicator: str | None
    comparator: str
    value: float
    value_max: float | None
    unit: str | None
    kind: str
    scope: str | None
    period: str | None
    start: int
    end: int
    rule: str
    extra: dict[str, str] = field(default_factory=dict)


# --- 1. numbers that can be values --------------------------------------------------------------


@functools.cache
def _value_pattern() -> regex.Pattern[str]:
    rules = load_rules()
    number = rf"(?:{ARABIC}|{CN_NUMERAL})"
    mult = alternation(rules.multipliers)
    rate = alternation(rules.rate_units)
    words = alternation([*rules.counting_units, *rules.guarded_units, *rules.never_after])
    after = alternation(rules.comparator_after)
    return regex.compile(
        rf"(?<![\d.A-Za-z/\-~～])(?P<num>{number})"
        rf"(?:[ \t]*(?P<dash>[-－~～—至到])[ \t]*(?P<num2>{number}))?"
        rf"(?P<mult>{mult})?[ \t]*"
        rf"(?:(?P<rate>{rate})|(?P<word>{words}))?"
        rf"(?P<after>{after})?"
    )


def _unit_kind(word: str, rules: RuleSet) -> str:
    if word in rules.never_after:
        return "never"
    if word in rules.guarded_units:
        return "guarded"
    return "counting"


def find_values(text: str, start: int = 0, end: int | None = None) -> list[Value]:
    """Numbers in ``text[start:end]`` with a unit that makes them a value.

    >>> [(v.value, v.unit) for v in find_values("5岁以下儿童死亡率≤4%，建成2-3家，2022年")]
    [(4.0, '%'), (2.0, '家')]
    """
    rules = load_rules()
    end = len(text) if end is None else end
    found: list[Value] = []
    for m in _value_pattern().finditer(text, start, end):
        num, word, rate = m.group("num"), m.group("word"), m.group("rate")
        chinese = not num[0].isdigit()
        if chinese and (m.group("num2") or not word):
            continue
        value = to_number(num)
        if value is None:
            continue
        unit: str | None = None
        if rate:
            unit = rules.rate_units[rate]
        elif word:
            kind = _unit_kind(word, rules)
            if kind == "never":
                continue
            unit = word
            if kind == "guarded" and not _explicit_comparator_before(text, m.start(), start):
                continue
        elif not (m.group("mult") and m.group("after")):
            continue  # a bare number: an item number, a phone number, a page number
        if m.group("mult"):
            value *= rules.multipliers[m.group("mult")]
        value_max = None
        if m.group("num2"):
            if m.group("dash") in ("至", "到") and not unit:
                continue
            value_max = to_number(m.group("num2"))
            if value_max is None or value_max <= value:
                continue  # 2010-2011 or 8-24: not a range of values
            if m.group("mult"):
                value_max *= rules.multipliers[m.group("mult")]
        before = text[max(start, m.start() - 4) : m.start()]
        if any(before.endswith(w) for w in (*rules.never_before, *rules.not_values_after)):
            continue
        if _is_year_or_reference(text, m, start, end):
            continue
        number_end = m.end("rate") if rate else (m.end("word") if word else m.end("mult"))
        found.append(
            Value(
                m.start(),
                m.end(),
                number_end,
                value,
                value_max,
                unit,
                chinese,
                m.group("after"),
            )
        )
    return found


def _is_year_or_reference(text: str, m: regex.Match[str], start: int, end: int) -> bool:
    after = text[m.end() : min(end, m.end() + 2)]
    before = text[max(start, m.start() - 1) : m.start()]
    return (
        before in ("〔", "[", "［")
        or after[:1] in ("〕", "号")
        or (m.group("num")[:1] == "0" and len(m.group("num")) > 1 and "." not in m.group("num"))
    )


def _explicit_comparator_before(text: str, pos: int, floor: int) -> bool:
    """A comparator word (not a copula like 为) right before ``pos``: 达到80岁, 不超过7天."""
    m = _comparator_before().search(text, max(floor, pos - 8), pos)
    return bool(m) and m.group("word") not in ("为", "是", "共", "共计")


# --- 2. comparators -----------------------------------------------------------------------------


@functools.cache
def _comparator_before() -> regex.Pattern[str]:
    rules = load_rules()
    words = alternation([*rules.comparator_symbols, *rules.comparator_words, *rules.comparator_weak])
    verbs = alternation(STRONG_VERBS)
    return regex.compile(rf"(?P<word>{words})[ \t]*(?P<verb>{verbs})?[ \t]*$")


@dataclass(frozen=True)
class Comparison:
    comparator: str
    start: int  # where the comparator's words start: the indicator's right edge
    word: str  # the word before the number ("" when none), which also tells a report (为) from a target


def comparator_of(text: str, v: Value, floor: int) -> Comparison:
    """The comparator of value ``v``, from the words around it.

    Symbols beat explicit words, which beat 以上/以下 after the number, which beat weak
    verbs such as 达到 or 控制在; a bare figure is ``=``.
    """
    rules = load_rules()
    m = _comparator_before().search(text, max(floor, v.start - 10), v.start)
    word: str = m.group("word") if m else ""
    left = m.start() if m else v.start
    if v.value_max is not None:
        return Comparison("range", left, word)
    for table in (rules.comparator_symbols, rules.comparator_words):
        if word in table:
            return Comparison(table[word], left, word)
    if v.after:
        return Comparison(rules.comparator_after[v.after], left, word)
    if word in rules.comparator_weak:
        return Comparison(rules.comparator_weak[word], left, word)
    if text[v.start - 1 : v.start] in ("到", "至") and v.start - 1 >= floor:
        before = text[max(floor, v.start - 30) : v.start - 1]
        if any(w in before for w in rules.raising_verbs):
            return Comparison(">=", v.start - 1, word)  # 提高孕产妇系统管理率到95%
        if any(w in before for w in rules.lowering_verbs):
            return Comparison("<=", v.start - 1, word)
    return Comparison("=", left, word)


# --- 3 and 4. groups and indicators -------------------------------------------------------------


def group_values(text: str, values: list[Value]) -> list[list[Value]]:
    """Values listed together (``50%、30%、60%以上``) form one group."""
    groups: list[list[Value]] = []
    for v in values:
        if groups and LIST_SEP.match(text[groups[-1][-1].end : v.start]) and groups[-1][-1].unit is not None:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


@functools.cache
def _lead_pattern() -> regex.Pattern[str]:
    rules = load_rules()
    periods = alternation(rules.periods)
    return regex.compile(rf"^(?:{periods}|以[^，,为]{{1,12}}为单位|每个[^，,]{{1,6}}|--|——)+")


BRACKET_NOTE = regex.compile(r"[（(][^（）()]*(?:年|计算|含|包括|不含|试行|按)[^（）()]*[）)]")
QUOTES = regex.compile(r"[“”\"《》]")
PLACE_PREFIX = regex.compile(r"^(?P<scope>[\p{Han}]{2,8}?[省市区县旗])(?P<rest>.{2,})$")
SCOPE_PHRASE = regex.compile(
    r"以[^，,为]{1,12}为单位|每个[^，,每]{1,8}?(?=至少|不少于|都|均|有|要|应|$)|各[县区市][（(][^）)]{1,4}[）)]"
)
COUNTED_NOUN_LEAD = regex.compile(r"^(?:的|个|家|名)")
HAN_FIRST = regex.compile(r"\p{Han}")
DIGIT = regex.compile(r"\d")
FIRST_CONJUNCTS = regex.compile(r"(?P<a>[\p{Han}A-Za-z]{2,6})(?:和|、|及)(?P<b>[\p{Han}A-Za-z]{2,6})")
SERIAL_CELL = regex.compile(r"\d{1,3}")


@dataclass(frozen=True)
class _NamePatterns:
    """Patterns and sorted vocabularies for naming indicators, built once from the rules."""

    periods: regex.Pattern[str]
    tail_verbs: regex.Pattern[str]
    institution: regex.Pattern[str]
    qualifiers: tuple[str, ...]  # longest first


@functools.cache
def _names() -> _NamePatterns:
    rules = load_rules()
    return _NamePatterns(
        periods=regex.compile(alternation(rules.periods)),
        tail_verbs=regex.compile(alternation(rules.tail_verbs)),
        institution=regex.compile(
            rf"^(?P<scope>.{{2,30}}?{alternation(rules.institution_suffixes)})(?P<rest>.{{2,}})$"
        ),
        qualifiers=tuple(sorted(rules.qualifiers, key=len, reverse=True)),
    )


def _strip_brackets(name: str) -> str:
    """Drop notes in brackets from a name: 剖宫产率（按助产机构…计算） -> 剖宫产率."""
    return str(QUOTES.sub("", BRACKET_NOTE.sub("", name))).strip()


@dataclass
class Named:
    indicator: str | None
    scope: str | None
    period: str | None
    after_value: bool = False  # named by the counted noun after the value (建成2-3家母婴友好医院)


def _split_scope(name: str, rules: RuleSet) -> tuple[str, str | None]:
    """Split a scope off a name: 产前检查率城区 -> (产前检查率, 城区); 上海和睦家医院剖宫产率 -> …"""
    for word in rules.scope_words:
        if name.endswith(word) and len(name) > len(word) + 1:
            return name[: -len(word)], word
    m = _names().institution.match(name)
    if m and _is_rate(m.group("rest"), rules) and not m.group("scope").endswith("住院"):
        return m.group("rest"), m.group("scope")
    m = PLACE_PREFIX.match(name)
    if m and _is_rate(m.group("rest"), rules) and m.group("rest") in rules.indicator_terms:
        return m.group("rest"), m.group("scope")
    return name, None


def _is_rate(name: str, rules: RuleSet) -> bool:
    return name.endswith(rules.indicator_suffixes) or name in rules.indicator_terms


def _indicator_like(name: str, rules: RuleSet) -> bool:
    return bool(name) and (_is_rate(name, rules) or name.endswith(ACTIVITY_NOUNS) or name.endswith("创建"))


def indicator_of(text: str, left_start: int, left_end: int, right_start: int, right_end: int) -> Named:
    """Name the quantity of a value from the text on its left, else from the counted noun on its right."""
    rules = load_rules()
    raw_left = text[left_start:left_end]
    scope = None
    period = None
    pm = _names().periods.search(raw_left)
    if pm:
        period = rules.periods[pm.group(0)]
    sm = SCOPE_PHRASE.search(raw_left)
    if sm:
        scope = sm.group(0)
    left = raw_left.strip().lstrip("、和及与,，；;")
    markers = list(ANY_MARKER.finditer(left))
    if markers:
        left = left[markers[-1].end() :]  # 年度目标1、孕前检查… : the name starts after the marker
    if pm:
        left = left.replace(pm.group(0), "", 1)
    left = LEADING_YEAR.sub("", DEADLINE_WORDS.sub("", left) if DEADLINE_WORDS.search(left) else left)
    if sm and sm.group(0) in left:
        left = left.replace(sm.group(0), "")
    left = strip_lead(_lead_pattern().sub("", left.strip()))
    left = strip_tail(left)
    left = strip_lead(_lead_pattern().sub("", left))
    left = _strip_brackets(left)
    left = LEADING_YEAR.sub("", left)
    left = strip_lead(_lead_pattern().sub("", left))
    if left in rules.scope_words:
        return Named(None, left, period)  # 农村达80%: a scope, the indicator is the one before
    left, place = _split_scope(left, rules)
    scope = scope or place
    if _indicator_like(left, rules) or (left and right_start >= right_end):
        return Named(left or None, scope, period)
    right = COUNTED_NOUN_LEAD.sub("", text[right_start:right_end])
    cut = _names().tail_verbs.search(right)
    right = _strip_brackets(right[: cut.start()] if cut else right)
    if len(right) >= 2 and HAN_FIRST.match(right) and not DIGIT.search(right):
        return Named(right[:30], scope, period, after_value=True)
    if 2 <= len(left) <= 15 and "、" not in left:
        return Named(left, scope, period)
    return Named(None, scope, period)  # nothing nameable: better no target than a made-up name


# --- 5. lists -----------------------------------------------------------------------------------


def _head_of(last: str, rules: RuleSet) -> str | None:
    """The shared head of the last list member: 婴儿死亡率 -> 死亡率 (after a qualifier)."""
    for q in _names().qualifiers:
        if last.startswith(q) and len(last) > len(q) + 1:
            return last[len(q) :]
    return None


def distribute(name: str, count: int, quantified: bool) -> list[str]:
    """Names for ``count`` values from a name that may list several indicators.

    >>> distribute("孕产妇和婴儿死亡率", 2, True)
    ['孕产妇死亡率', '婴儿死亡率']
    >>> distribute("艾滋病、梅毒、乙肝检测率", 1, False)
    ['艾滋病检测率', '梅毒检测率', '乙肝检测率']
    >>> distribute("票据、管理手册提供及时率", 1, False)
    ['票据、管理手册提供及时率']
    """
    rules = load_rules()
    parts = [p for p in CONJUNCTION.split(name) if p]
    if len(parts) < 2:
        return [name] * max(count, 1) if count > 1 else [name]
    if count == 1 and all(_is_rate(p, rules) for p in parts):
        return parts  # 孕产妇系统管理率、3岁以下儿童系统管理率均达到90%: each rate
    head = _head_of(parts[-1], rules)
    shared = _shared_prefix_list(parts, head, rules)
    if count == 1 and shared:
        return shared
    if count > 1 and len(parts) == count:
        if all(_is_rate(p, rules) for p in parts):
            return parts
        if head:
            return [p if _is_rate(p, rules) else p + head for p in parts[:-1]] + [parts[-1]]
        return parts
    if head and all(p in rules.qualifiers for p in parts[:-1]):
        return [p + head for p in parts[:-1]] + [parts[-1]]
    if quantified:
        # 对感染艾滋病和梅毒的孕产妇…比例均达到90%: each member of the first list of qualifiers
        m = FIRST_CONJUNCTS.search(name)
        if m:
            a, b = _qualifier_suffix(m.group("a"), rules), _qualifier_prefix(m.group("b"), rules)
            if a and b:
                pre, post = name[: m.start() + len(m.group("a")) - len(a)], name[m.start("b") + len(b) :]
                return [pre + a + post, pre + b + post]
    return [name] * max(count, 1) if count > 1 else [name]


def _shared_prefix_list(parts: list[str], head: str | None, rules: RuleSet) -> list[str] | None:
    """孕产妇艾滋病、梅毒和乙肝检测率 -> 孕产妇 + (艾滋病 | 梅毒 | 乙肝) + 检测率.

    The first member may carry a prefix shared by all (a population) before its qualifier;
    the members between are bare qualifiers; the last is a qualifier and the shared head.
    """
    if not head:
        return None
    first = _qualifier_suffix(parts[0], rules)
    if not first or any(p not in rules.qualifiers for p in parts[1:-1]):
        return None
    prefix = parts[0][: len(parts[0]) - len(first)]
    last = parts[-1][: len(parts[-1]) - len(head)]
    return [prefix + q + head for q in (first, *parts[1:-1], last)]


def _qualifier_suffix(text: str, rules: RuleSet) -> str | None:
    for q in _names().qualifiers:
        if text.endswith(q):
            return q
    return None


def _qualifier_prefix(text: str, rules: RuleSet) -> str | None:
    for q in _names().qualifiers:
        if text.startswith(q):
            return q
    return None


# --- 6. the whole text --------------------------------------------------------------------------


NAME_WINDOW = 60  # no indicator name, scope and period together run longer than this


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    m = CLAUSE_BREAK.search(text, pos, min(ceiling, pos + NAME_WINDOW))
    return m.start() if m else min(ceiling, pos + NAME_WINDOW)


@functools.cache
def _report_pattern() -> regex.Pattern[str]:
    return regex.compile(alternation(load_rules().report_words))


TARGET_CUE = regex.compile(alternation(TARGET_CUES))


def _kind_of(reports: bool, cues: bool, comparator_word: str | None) -> str:
    """``actual`` in summaries and report sentences (受惠, 共完成), and for ``为`` without a target cue."""
    if reports:
        return "actual"
    if comparator_word in ("为", "约为", "是") and not cues:
        return "actual"
    return "target"


PREVIOUS_YEAR = regex.compile(r"[（(][ \t]*\d{4}年?[ \t]*[:：][ \t]*$")


def targets_in_span(
    text: str, start: int, end: int, summary: bool, default: Named | None = None, above: Named | None = None
) -> list[Found]:
    """Targets of one sentence (or table cell) ``text[start:end]``.

    ``default`` names the values whose own words name no rate (the indicator cell of a table row);
    ``above`` names those whose own words name nothing at all (an indicator printed on the line above).
    """
    rules = load_rules()
    values = find_values(text, start, end)
    if not values:
        return []
    reports = summary or _report_pattern().search(text, start, end) is not None
    cues = TARGET_CUE.search(text, start, end) is not None
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, start, end)]
    found: list[Found] = []
    floor = start
    for group in group_values(text, values):
        first, last = group[0], group[-1]
        if text[max(start, first.start - 1) : first.start] == "等":
            continue  # **区等9个区县: the size of a list, not a figure
        k = bisect_right(breaks, first.start) - 1
        clause_start = max(breaks[k] if k >= 0 else start, floor, first.start - NAME_WINDOW)
        comparison = comparator_of(text, first, clause_start)
        comparator, cmp_start, cmp_word = comparison.comparator, comparison.start, comparison.word
        if last.after and comparator == "=":
            comparator = rules.comparator_after[last.after]
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
            floor = last.end
            continue
        right_end = _clause_end(text, last.end, end)
        named = indicator_of(text, clause_start, cmp_start, last.end, min(right_end, last.end + 20))
        if named.indicator and _about_indicators(named.indicator, rules):
            continue
        if first.unit in ("项", "个", "条") and any(w in text[clause_start:right_end] for w in rules.meta_nouns):
            continue
        explicit = cmp_word in rules.comparator_words or cmp_word in rules.comparator_symbols
        if first.chinese and not (explicit or named.period):
            continue  # 八项规定, 一批: a Chinese numeral is a value only when a comparator governs it
        indicator = named.indicator
        scope = named.scope
        if default is not None and (not indicator or not _is_rate(indicator, rules)):
            indicator, scope = default.indicator, scope or default.scope
        if not indicator and above is not None and not found:
            indicator = above.indicator  # a table printed one cell a line: the name is on the line above
        if not indicator and found:
            indicator = found[-1].indicator  # 城区达95%,农村达80%: the same indicator, another scope
            scope = named.scope or _bare_scope(text[clause_start:cmp_start], rules)
        if not indicator:
            continue
        if scope is None and found and found[-1].scope and found[-1].scope.startswith("以"):
            scope = found[-1].scope  # 以县(市)区为单位 governs the rest of the sentence
        quantified = any(q in text[clause_start : first.start] for q in ("分别", "均", "各"))
        names = distribute(indicator, len(group), quantified)
        kind = _kind_of(reports, cues, cmp_word)
        if len(group) > 1 and len(names) == len(group):
            pairs = list(zip(names, group, strict=True))
        elif len(group) == 1:
            pairs = [(n, first) for n in names]
        else:
            pairs = [(names[0], v) for v in group]
        for name, v in pairs:
            name, place = _split_scope(name, rules)
            cmp = comparator if v.value_max is None else "range"
            if cmp == "=" and v.after:
                cmp = rules.comparator_after[v.after]
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
                    "list" if len(pairs) > 1 else "clause",
                )
            )
        floor = last.end
    return found


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


def _table_targets(text: str, start: int, end: int, summary: bool) -> list[Found]:
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
            found.extend(targets_in_span(text, cs, ce, summary))
            continue
        cell = text[label[0] : label[1]]
        marker = match_marker_at(cell.strip(), 0)  # 1. 剖宫产率 -> 剖宫产率
        name = cell.strip()[marker.end if marker else 0 :]
        name = _strip_brackets(name.replace("\n", "").strip())
        name, place = _split_scope(name, rules)
        default = Named(name, place, None)
        for f in targets_in_span(text, cs, ce, summary, default=default):
            if f.indicator == name:
                f.start = label[0] + len(cell) - len(cell.lstrip())
                f.rule = "table-row"
            found.append(f)
    return found


def _name_line(line: str) -> Named | None:
    """A line that is only an indicator's name (1. 剖宫产率（按…计算）), for the line below it."""
    rules = load_rules()
    marker = match_marker_at(line, 0)
    name = _strip_brackets(line[marker.end if marker else 0 :])
    if not name or len(name) > 30 or CLAUSE_BREAK.search(name) or find_values(name):
        return None
    return Named(name, None, None) if _is_rate(name, rules) else None


def extract_targets(text: str, summary: bool = False) -> list[Found]:
    """Every target and reported figure in a normalised text, in reading order."""
    found: list[Found] = []
    pos = 0
    above: Named | None = None
    for line in text.split("\n"):
        line_end = pos + len(line)
        if "\t" in line:
            found.extend(_table_targets(text, pos, line_end, summary))
        else:
            s = pos
            for m in SENTENCE_BREAK.finditer(text, pos, line_end):
                found.extend(targets_in_span(text, s, m.end(), summary, above=above if s == pos else None))
                s = m.end()
            if s < line_end:
                found.extend(targets_in_span(text, s, line_end, summary, above=above if s == pos else None))
        above = _name_line(line) if len(line) <= 40 else None
        pos = line_end + 1
    return found
