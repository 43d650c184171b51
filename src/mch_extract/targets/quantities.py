"""Stage 1: numbers in the text -> values (number, unit, multiplier, range), or a named reason to drop."""

from __future__ import annotations

import functools

import regex

from ..numerals import to_number
from ..rules import RuleSet, alternation, load_rules
from .comparators import comparator_before
from .model import ARABIC, CN_NUMERAL, Value


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
    m = comparator_before().search(text, max(floor, pos - 8), pos)
    return bool(m) and m.group("word") not in ("为", "是", "共", "共计")
