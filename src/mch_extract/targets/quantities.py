"""Stage 1: numbers in the text -> values (number, unit, multiplier, range), or a named reason to drop."""

from __future__ import annotations

import functools

import regex

from ..compiled import lazy
from ..numerals import to_number
from ..rules import RuleSet, alternation, load_rules
from .comparators import comparator_before
from .model import ARABIC, CN_NUMERAL, Log, Value, closes_markup, note

# the value pattern's groups in its order: a match is read by group number, as the regex module looks a
# name up through a fresh copy of the pattern's index of names (~0.5 us a name, 10x a number)
VALUE_GROUPS = ("fraction", "num", "dash", "num2", "mult", "approx", "rate", "word", "after")


@functools.cache
def _value_pattern() -> regex.Pattern[str]:
    rules = load_rules()
    number = rf"(?:{ARABIC}|{CN_NUMERAL})"
    mult = alternation(rules.multipliers)
    rate = alternation(rules.rate_units)
    words = alternation([*rules.counting_units, *rules.guarded_units, *rules.never_after])
    after = alternation(rules.comparator_after)
    fraction = alternation(rules.fraction_words)
    return regex.compile(
        rf"(?<![\d.A-Za-z/\-~～])(?:(?P<fraction>{fraction})(?=[一二两三四五六七八九十\d]))?(?P<num>{number})"
        rf"(?:[ \t]*(?P<dash>[-－~～—至到])[ \t]*(?P<num2>{number}))?"
        rf"(?P<mult>{mult})?(?P<approx>{alternation(rules.approx_after)})?[ \t]*"
        rf"(?:(?P<rate>{rate})|(?P<word>{words}))?"
        rf"(?P<after>{after})?"
    )


def find_values(text: str, start: int = 0, end: int | None = None, log: Log = None) -> list[Value]:
    """Numbers in ``text[start:end]`` with a unit that makes them a value.

    Every other number with a unit is dropped with a named reason, written to ``log``.

    >>> [(v.value, v.unit) for v in find_values("5岁以下儿童死亡率≤4%，建成2-3家，2022年")]
    [(4.0, '%'), (2.0, '家')]
    >>> [(v.value, v.unit) for v in find_values("孕产妇系统管理率达到百分之九十五，婴儿死亡率5%o")]
    [(95.0, '%'), (5.0, '‰')]
    """
    rules = load_rules()
    end = len(text) if end is None else end
    found: list[Value] = []
    for m in _value_pattern().finditer(text, start, end):
        reason, value = _reading(text, m, start, end, rules)
        if reason:
            if reason != "-" and log is not None:  # (the span is asked only for a listener)
                note(log, m.start(), m.end(), reason)
            continue
        found.append(value)  # type: ignore[arg-type]
    return found


def _reading(text: str, m: regex.Match[str], start: int, end: int, rules: RuleSet) -> tuple[str | None, Value | None]:
    """The value a match stands for, or the reason it is none ("-": not a candidate at all)."""
    fraction, num, dash, num2, mult, approx, rate, word, after = m.groups()  # VALUE_GROUPS
    chinese = not num[0].isdigit()
    if chinese and not (word or fraction or (mult and rate)):
        return "-", None  # 统一, 一批: a Chinese numeral without a unit is not a number of anything
    if chinese and num2:
        return "chinese-range", None
    value = to_number(num)
    if value is None:
        return "unparsable", None
    at, stop = m.span()  # (asked once: each call of a match's method costs ~1.5k instructions)
    unit: str | None = None
    if fraction:
        unit = rules.fraction_words[fraction]
    elif rate:
        unit = rules.rate_units[rate]
        rate_end = _end(m, "rate")
        follower = text[rate_end : rate_end + 1]
        if rate.endswith("0") and follower.isdigit():
            return "-", None  # 5%05: not OCR's ‰
        if rate in OCR_PERMIL and (follower.isdigit() or (HAN.match(follower) and not after)):
            unit = "%"  # 94.22%o7岁以下…: a full stop (%。) read as o, not ‰ (but 5%o以下 is ‰)
    elif word:
        if word in rules.never_after:
            return rules.never_after[word], None
        unit = word
        if word in rules.guarded_units and not _explicit_comparator_before(text, at, start):
            return "age-or-duration", None
    elif not (mult and (after or _alone_after_word(text, at, stop, start, end))) and not (
        not chinese and (_symbol_before(text, at, start) or COUNT_NAME_BEFORE.search(text, start, at))
    ):
        return ("no-unit" if not chinese else "-"), None  # an item number, a phone number, a page number
    if mult:
        value *= rules.multipliers[mult]
    value_max = None
    if num2:
        if dash in ("至", "到") and not unit:
            return "not-a-range", None
        value_max = to_number(num2)
        if value_max is None or value_max <= value:
            return "not-a-range", None  # 2010-2011 or 8-24: not a range of values
        if mult:
            value_max *= rules.multipliers[mult]
    before = text[max(start, at - 4) : at]
    if before.endswith(_never_before()):  # (one call for all the words: most numbers follow none)
        for w, why in rules.never_before.items():
            if before.endswith(w):
                return why, None
    if before.endswith(rules.not_values_after):
        return "phone-or-code", None
    reference = _reference(text, at, stop, num, start, end)
    if reference:
        return reference, None
    if before[-1:] in FORMULA_SIGNS and before[-2:] not in (">=", "<=", "＞＝", "＜＝"):
        return "formula", None  # 建册率=建册数/产妇数×100%: a definition, not a figure
    number_end = _end(m, "rate") if rate else (_end(m, "word") if word else _end(m, "num2" if num2 else "num"))
    for group, taken in (("mult", mult), ("approx", approx)):
        if taken:  # (a group that took no part ends at -1)
            number_end = max(number_end, _end(m, group))
    if approx and not after:
        after = approx
    return None, Value(at, stop, number_end, value, value_max, unit, chinese, after, bool(mult))


@functools.cache
def _never_before() -> tuple[str, ...]:
    """The words no value follows (第, 前 …), as one tuple for ``str.endswith``."""
    return tuple(load_rules().never_before)


def _end(m: regex.Match[str], group: str) -> int:
    """Where a group of the value pattern ends (-1 when it took no part), asked by number.

    >>> m = _value_pattern().search("达到95%以上")
    >>> _end(m, "rate"), m.end("rate")  # (VALUE_GROUPS is the pattern's order)
    (5, 5)
    >>> index = _value_pattern().groupindex
    >>> tuple(sorted(index, key=index.get)) == VALUE_GROUPS
    True
    """
    end: int = m.end(VALUE_GROUPS.index(group) + 1)
    return end


OCR_PERMIL = ("%o", "%0")
FORMULA_SIGNS = ("×", "*", "÷", "/", "＊", "=", "＝")  # 产前检查率=…×100%: a definition
HAN = lazy(r"\p{Han}")


CLAUSE_END = lazy(r"[，,。；;：:！？!?）)\s]")
COUNT_NAME_BEFORE = regex.compile(r"(?:人数|例数|户数|总数|指数)(?:为|是|达到|达)?$")  # 服用人数179061, 指数达85


def _alone_after_word(text: str, at: int, stop: int, floor: int, end: int) -> bool:
    """覆盖人口约1.4亿。: a comparator word before, the clause's end after: with 万/亿, a value without a unit."""
    after = text[stop : min(end, stop + 1)]
    if after and not CLAUSE_END.match(after):
        return False  # 55万吨/日: a unit this module does not know follows
    return comparator_before().search(text, max(floor, at - 8), at) is not None


def _symbol_before(text: str, pos: int, floor: int) -> bool:
    """A comparator symbol right before a bare number (健康浙江发展指数≥85): a value without a unit;
    not the > that closes a copy's markup (咨询人次</b>6356)."""
    lo = max(floor, pos - 2)
    before = text[lo:pos].rstrip(" \t")
    if not before or before[-1] not in load_rules().comparator_symbols:
        return False
    return not closes_markup(text, lo + len(before) - 1, floor)  # (the symbol's position)


def _reference(text: str, at: int, stop: int, num: str, start: int, end: int) -> str | None:
    """A document number's year or serial (〔2022〕, 3号), or a code with a leading zero."""
    after = text[stop : min(end, stop + 2)]
    before = text[max(start, at - 1) : at]
    if before in ("〔", "[", "［") or after[:1] in ("〕", "号"):
        return "document-number"
    if num[:1] == "0" and len(num) > 1 and "." not in num:
        return "phone-or-code"
    return None


def _explicit_comparator_before(text: str, pos: int, floor: int) -> bool:
    """A comparator word (not a copula like 为) right before ``pos``: 达到80岁, 不超过7天."""
    m = comparator_before().search(text, max(floor, pos - 8), pos)
    return bool(m) and m.group("word") not in ("为", "是", "共", "共计")
