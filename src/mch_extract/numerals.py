"""Chinese and Arabic numerals to numbers: 二十一 -> 21, 二〇二二 -> 2022, 1,200 -> 1200.

>>> chinese_to_int("十一"), chinese_to_int("二〇二二"), chinese_to_int("两"), chinese_to_int("二三十")
(11, 2022, 2, None)
"""

from __future__ import annotations

from .rules import load_rules


def chinese_to_int(text: str) -> int | None:
    """The value of a Chinese numeral, or ``None`` when ``text`` is not one.

    Handles positional forms (二〇二二), and 十/百/千 forms (二十一, 一百零八).
    """
    rules = load_rules()
    digits, units = rules.cn_digits, rules.cn_units
    if not text or any(ch not in digits and ch not in units for ch in text):
        return None
    if all(ch in digits for ch in text):
        if len(text) == 1:
            return digits[text]
        return int("".join(str(digits[ch]) for ch in text))
    total, current, last_unit = 0, None, 10**9
    for ch in text:
        if ch in digits:
            if current is not None and digits[ch] != 0:
                return None  # 二三十: two digits in a row is not a numeral
            current = digits[ch] if digits[ch] != 0 else None
        else:
            unit = units[ch]
            if unit >= last_unit:
                return None  # 百二: units must fall
            total += (1 if current is None else current) * unit
            current, last_unit = None, unit
    return total + (current or 0)


def to_number(text: str) -> float | None:
    """An Arabic or Chinese number as float: ``"96.53"`` -> 96.53, ``"一"`` -> 1.0.

    >>> to_number("1,200"), to_number("4.0"), to_number("两"), to_number("abc")
    (1200.0, 4.0, 2.0, None)
    """
    cleaned = text.replace(",", "").replace("，", "")
    try:
        return float(cleaned)
    except ValueError:
        value = chinese_to_int(cleaned)
        return None if value is None else float(value)
