"""The facts about characters that the cheap tests in front of some patterns rely on.

A pattern asked of every line is often preceded by a test of one character (``str.isalpha``)
that proves it cannot match, since a call of the regex module costs far more.  Python and the
regex module each carry their own Unicode tables, of different versions: these tests check the
facts over every code point, for the versions installed.
"""

from __future__ import annotations

import functools
import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st


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


def _literal_word_patterns() -> list[tuple[str, object]]:
    """Every pattern compiled by Python's ``re`` instead of the regex module because it is a list
    of literal words (``rules.word_finder``, or a pattern of characters and blanks) or a class of
    characters, which the two modules read alike."""
    from mch_extract import fields, normalise, segment
    from mch_extract.deadlines import _patterns as deadline_patterns
    from mch_extract.rules import load_rules
    from mch_extract.targets import kind

    return [
        ("fields metadata label", fields._metadata_label()),
        ("fields disclosure", fields._disclosure_pattern()),
        ("segment site notice", segment._site_notice()),
        ("normalise wide runs", normalise._WIDE_RUNS),
        ("rules traditional character", load_rules().traditional_char),
        *((f"kind {name}", p) for name, p in kind._patterns()._asdict().items() if name != "plan_only"),
        *((f"deadlines {name} precheck", p) for name, _, p in deadline_patterns() if isinstance(p, re.Pattern)),
    ]


def _pieces_of(pattern: str) -> list[str]:
    """The words of a pattern's alternations and its characters, unescaped: random texts are made
    of them (and of any other character), so that the words occur, whole and in part."""
    text = pattern.replace("[ \t]*", "").replace("\\", "")
    words = [w for w in re.split(r"[|()?:\[\]]", text) if w]
    return sorted(set(words) | set(text) | set(" \t\n：:|年月日，。95%"))


@pytest.mark.parametrize("name", [name for name, _ in _literal_word_patterns()])
def test_re_reads_a_literal_word_pattern_as_the_regex_module_does(name: str) -> None:
    pattern = dict(_literal_word_patterns())[name]
    assert isinstance(pattern, re.Pattern)
    twin = regex.compile(pattern.pattern)

    @given(st.lists(st.sampled_from(_pieces_of(pattern.pattern)) | st.characters(), max_size=30).map("".join))
    @settings(max_examples=200, deadline=None)
    def same_matches(text: str) -> None:
        got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in twin.finditer(text)]

    same_matches()
