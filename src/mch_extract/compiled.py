"""Patterns written where they are used, compiled on their first use and kept.

``regex.sub(pattern_string, …)`` finds its compiled pattern in the regex module's own cache
on every call, and that look-up (flag arithmetic on enums) costs about as much as a short
match; a pattern compiled at import costs start-up time (≈ 0.4 ms each) whether it is used
or not.  ``compiled(pattern)`` compiles on the first call and is a dictionary look-up after.
Only for patterns written in the source: a pattern built from a document's text would grow
the cache without bound.

>>> compiled(r"\\d{4}年").search("到2025年底").group()
'2025年'
>>> compiled(r"\\d{4}年") is compiled(r"\\d{4}年")
True
"""

from __future__ import annotations

import functools

import regex


@functools.cache
def compiled(pattern: str) -> regex.Pattern[str]:
    """``pattern`` compiled, once per process."""
    return regex.compile(pattern)
