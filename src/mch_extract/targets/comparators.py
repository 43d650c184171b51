"""Stage 2: a value -> its comparator, from the words around it; values listed together share one."""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from ..rules import alternation, load_rules
from .model import LIST_SEP, Value, closes_markup

WORD = 1  # comparator_before's word group, asked by number (the regex module looks a name up at ~0.5 us)


@functools.cache
def comparator_before() -> regex.Pattern[str]:
    """A comparator word (and verb) ending where the text searched ends.

    >>> comparator_before().groupindex["word"] == WORD
    True
    """
    rules = load_rules()
    words = alternation([*rules.comparator_symbols, *rules.comparator_words, *rules.comparator_weak])
    verbs = alternation(rules.comparator_verbs)
    return regex.compile(rf"(?P<word>{words})[ \t]*(?P<verb>{verbs})?[ \t]*$")


class Comparison(NamedTuple):
    comparator: str
    start: int  # where the comparator's words start: the indicator's right edge
    word: str  # the word before the number ("" when none), which also tells a report (为) from a target


def comparator_of(text: str, v: Value, floor: int) -> Comparison:
    """The comparator of value ``v``, from the words around it.

    Symbols beat explicit words, which beat 以上/以下 after the number, which beat weak
    verbs such as 达到 or 控制在; a bare figure is ``=``.
    """
    rules = load_rules()
    m = comparator_before().search(text, max(floor, v.start - 10), v.start)
    if m and closes_markup(text, m.start(WORD), floor):
        m = None  # 人次</b>95%: the > of a tag, no comparator
    word: str = m.group(WORD) if m else ""
    left = m.start() if m else v.start
    if v.value_max is not None:
        return Comparison("range", left, word)
    for table in (rules.comparator_symbols, rules.comparator_words):
        if word in table:
            return Comparison(table[word], left, word)
    if v.after:
        return Comparison(rules.after_comparator(v.after), left, word)
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
    """Values listed together (``50%、30%、60%以上``, or run together as 5.44%1.11%) form one group.

    A member printed without the unit's tail takes the last member's (5个和5.7个千分点: both 个千分点).
    """
    groups: list[list[Value]] = []
    for v in values:
        prev = groups[-1][-1] if groups else None
        sep = text[prev.end : v.start] if prev else ""
        if prev and prev.unit is not None and LIST_SEP.match(sep) and (sep.strip() or prev.unit == v.unit):
            groups[-1].append(v)
        else:
            groups.append([v])
    for group in groups:
        last = group[-1].unit
        for v in group[:-1]:
            if v.unit and last and last != v.unit and last.startswith(v.unit):
                v.unit = last
    return groups
