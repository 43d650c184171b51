"""What the target stages pass along: a value in the text, a found target, a decision."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from ..compiled import lazy

CN_DIGIT = "[一二两三四五六七八九十百千]"
CN_NUMERAL = CN_DIGIT + "{1,4}"
ARABIC = r"\d+(?:\.\d+)?"
FULL_STOP_DOT = r"(?<=[\p{Han}”）)])\.(?=[\p{Han}“（(]|$)"  # web pages end sentences with "."
CLAUSE_BREAK = regex.compile(rf"[，,；;：:。！？!?\n\t]|--|——|{FULL_STOP_DOT}")
SENTENCE_BREAK = regex.compile(rf"[。！？!?\n]|{FULL_STOP_DOT}")
LIST_SEP = regex.compile(r"^[ \t]*(?:、|和|及|与|或|,)?[ \t]*$")  # also none: 5.44%1.11%1.43%
CONJUNCTION = regex.compile(r"、|和|及|与")
NUMERAL = regex.compile(rf"\d|{CN_DIGIT}")  # every value holds one (ARABIC or CN_NUMERAL)


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
    multiplied: bool = False  # 万 or 亿 stood after the number (十二万人)


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


class Decision(NamedTuple):
    """What became of one number in the text: kept as a target by ``rule``, or dropped for ``rule``.

    ``mch-extract explain`` prints these; every candidate number ends in exactly one.
    """

    start: int
    end: int
    kept: bool
    rule: str
    indicator: str | None = None
    kind: str | None = None
    kind_rule: str | None = None


Log = list[Decision] | None  # where the stages write their decisions (None: nobody asked)


def note(log: Log, start: int, end: int, rule: str, kept: bool = False, found: Found | None = None) -> None:
    """Add a decision to ``log`` when someone is listening; ``found`` is the target it kept."""
    if log is not None:
        if found is None:
            log.append(Decision(start, end, kept, rule))
        else:
            log.append(Decision(start, end, kept, rule, found.indicator, found.kind, found.extra.get("kind_rule")))


MARKUP = lazy(r"(?:<|/)/?[A-Za-z][A-Za-z0-9]{0,7}$")  # <b, </td, /b (a tag, its < lost)


def closes_markup(text: str, at: int, floor: int) -> bool:
    """Is the > at ``at`` the end of an HTML tag left in a copy (</b>, <td>)?

    >>> closes_markup("咨询人次</b>6356", 7, 0), closes_markup("指数>85", 2, 0)
    (True, False)
    """
    return text[at : at + 1] in (">", "＞") and MARKUP.search(text, max(floor, at - 10), at) is not None
