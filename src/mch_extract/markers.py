"""Numbering markers (一、 （一） 1. （1） ①) as compiled regexes built from ``patterns/markers.toml``.

>>> m = find_line_marker("（三）优化妇幼健康管理模式。")
>>> (m.style.name, m.ordinal, m.end)
('chinese-paren', 3, 3)
>>> find_line_marker("2022年工作思路") is None
True
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from .numerals import chinese_to_int
from .rules import MarkerStyle, alternation, load_rules

CHINESE_ORDINAL = r"[一二三四五六七八九十]{1,3}"
ARABIC_ORDINAL = r"(?<![\d.])\d{1,3}"
DECIMAL_ID = r"(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,3}"


class Marker(NamedTuple):
    """A numbering marker found in text: its style, ordinal and ``[start, end)`` span."""

    style: MarkerStyle
    ordinal: int
    label: str  # the id part as written: "3" for （三）, "4.6" for a decimal marker
    start: int
    end: int
    text: str


DECIMAL_STYLE = MarkerStyle("arabic-decimal", 3, "decimal", ("",), ("",))


@functools.cache
def _style_patterns() -> tuple[tuple[MarkerStyle, regex.Pattern[str]], ...]:
    rules = load_rules()
    compiled = []
    for style in rules.marker_styles:
        if style.ordinal == "chinese":
            ordinal = CHINESE_ORDINAL + ("|[-－]" if any(style.open) else "")  # (-) is a damaged (一)
        elif style.ordinal == "arabic":
            ordinal = ARABIC_ORDINAL
        elif style.ordinal == "enclosed":
            ordinal = "[" + regex.escape(style.chars) + "]"
        else:
            ordinal = "[" + regex.escape(rules.circled) + "]"
        opener = alternation(o for o in style.open if o) if any(style.open) else ""
        closes = sorted((c for c in style.close if c), key=len, reverse=True)  # 2.、 before 2.
        if style.ordinal == "arabic":
            # 1.5 is a decimal, not a marker; 5、3岁以下… is item 5
            closes = [regex.escape(c) + (r"(?!\d)" if c in ".．" else "") for c in closes]
            closer = "(?:" + "|".join(closes) + ")" if closes else ""
        else:
            closer = alternation(closes) if closes else ""
        opt_open = f"(?:{opener})" + ("?" if "" in style.open else "") if opener else ""
        body = f"{opt_open}(?P<num>{ordinal}){closer}"
        if style.ordinal == "chinese":
            body += r"(?![一二三四五六七八九十、])"  # 一、二类 is a list of numbers
        compiled.append((style, regex.compile(body)))
    return tuple(compiled)


@functools.cache
def _line_start_pattern() -> regex.Pattern[str]:
    alts = [f"(?P<s{i}>{p.pattern})" for i, (_, p) in enumerate(_style_patterns())]
    # 4.6扎实做好… is a decimal item number; 9.1万元 is a number
    alts.append(f"(?P<dec>{DECIMAL_ID})(?=[ \\t]?\\p{{Han}})(?![ \\t]?[万亿千百个人次家例名项倍岁年月日])")
    return regex.compile(r"[ \t]*(?:" + "|".join(alts) + r")[ \t]*")


def _ordinal_value(style: MarkerStyle, num: str) -> int:
    if style.ordinal == "arabic":
        return int(num)
    if style.ordinal == "circled":
        return load_rules().circled.index(num) + 1
    if style.ordinal == "enclosed":
        return style.chars.index(num) + 1
    if num in ("-", "－"):
        return 1
    return chinese_to_int(num) or 0


def match_marker_at(text: str, pos: int) -> Marker | None:
    """The marker that starts at ``pos`` (after optional blanks), if any."""
    if pos == 0 and len(text) <= 200:
        return _line_start_marker(text)  # the same line is asked about again and again
    return _match_marker_at(text, pos)


@functools.lru_cache(maxsize=16384)
def _line_start_marker(line: str) -> Marker | None:
    return _match_marker_at(line, 0)


def _match_marker_at(text: str, pos: int) -> Marker | None:
    m = _line_start_pattern().match(text, pos)
    if not m:
        return None
    if m.group("dec"):
        label = m.group("dec")
        return Marker(DECIMAL_STYLE, int(label.split(".")[-1]), label, m.start("dec"), m.end(), m.group(0))
    return _marker_of(m, starts_at_group=True)


def _marker_of(m: regex.Match[str], starts_at_group: bool) -> Marker | None:
    """The marker of a match of one of the style alternatives ``(?P<s0>…)|(?P<s1>…)``."""
    num_group, style_groups = _group_numbers(m.re)
    for (style, _), group in zip(_style_patterns(), style_groups, strict=True):
        if m.group(group) is not None:
            captured = m.captures(num_group)
            ordinal = _ordinal_value(style, captured[0] if captured else "")
            if ordinal <= 0:
                return None
            start = m.start(group) if starts_at_group else m.start()
            return Marker(style, ordinal, str(ordinal), start, m.end(), m.group(0))
    return None


@functools.cache
def _group_numbers(pattern: regex.Pattern[str]) -> tuple[int, tuple[int, ...]]:
    """The numbers of a marker pattern's groups ``num`` and ``s0``, ``s1`` …, one per style.

    A match is asked by number: the regex module looks a name up through a fresh copy of the
    pattern's index of names, about ten times the cost of a number, and a line's match was asked
    up to one name per style.

    >>> num, styles = _group_numbers(_line_start_pattern())
    >>> index = _line_start_pattern().groupindex
    >>> num == index["num"] and styles == tuple(index[f"s{i}"] for i in range(len(_style_patterns())))
    True
    """
    index = pattern.groupindex
    return index["num"], tuple(index[f"s{i}"] for i in range(len(_style_patterns())))


def find_line_marker(line: str) -> Marker | None:
    """The marker a line starts with, if any."""
    marker = match_marker_at(line, 0)
    if marker is None or marker.end >= len(line.rstrip()):
        return None  # a bare "1." or "一、" with nothing after it is not an item
    return marker


@functools.cache
def inline_marker_pattern() -> regex.Pattern[str]:
    """Markers inside a line, for one-line web pages: ``…目标1、孕前检查…。 2、目标人群…``.

    Only candidates; the segmenter keeps those that form a numbered run.  A marker closed by
    a bracket (``（2）2020年…``) or enclosed (``⑵``) may be followed by digits; ``2.2020`` is a number.
    """
    alts = []
    for i, (style, p) in enumerate(_style_patterns()):
        bracketed = style.ordinal == "enclosed" or (any(style.close) and all(c in "）)" for c in style.close if c))
        follow = r"[ \t]?[\d\p{Han}“\"《（(A-Za-z]" if bracketed else r"[ \t]?[\p{Han}“\"《（(A-Za-z]"
        alts.append(f"(?P<s{i}>{p.pattern})(?={follow})")
    return regex.compile("(?:" + "|".join(alts) + ")")


def marker_from_inline(m: regex.Match[str]) -> Marker | None:
    """The marker of a match of :func:`inline_marker_pattern`."""
    return _marker_of(m, starts_at_group=False)
