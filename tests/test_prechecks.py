"""The facts about characters that the cheap tests in front of some patterns rely on.

A pattern asked of every line is often preceded by a test of one character (``str.isalpha``)
that proves it cannot match, since a call of the regex module costs far more.  Python and the
regex module each carry their own Unicode tables, of different versions: these tests check the
facts over every code point, for the versions installed.
"""

from __future__ import annotations

import functools

import regex


@functools.cache
def _every_character() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_no_digit_is_a_letter() -> None:
    """A text opening with a letter cannot open with ``\\d``: normalise's pushed-down figure (or a
    comparator sign), segment's list line, names' month range and the year prefix of a table
    header word (tables.role_of) are not asked of it."""
    digits = set(regex.findall(r"\d", _every_character()))
    assert digits and not any(d.isalpha() for d in digits)
    assert not any(sign.isalpha() for sign in "≥≤<>＜＞≧≦")


def test_a_multiline_pattern_meets_line_ends_at_newlines_only() -> None:
    """normalise's line-edge fixer looks for a blank beside ``\\n`` (or at either end of the text)
    instead of running ``(?m)^[ \\t]+|[ \\t]+$``: no other character may end a line for the
    regex module (not ``\\r``, ``\\u2028``, ``\\x85`` …)."""
    others = _every_character().replace("\n", "")
    assert regex.search(r"(?m)[ ]$", " ".join(others) + "x") is None  # a blank before every character
    assert regex.search(r"(?m)^[ ]", "x" + " ".join(others)) is None  # a blank after every character
