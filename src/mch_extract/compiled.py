"""Patterns written where they are used, compiled on their first use and kept.

``regex.sub(pattern_string, …)`` finds its compiled pattern in the regex module's own cache
on every call, and that look-up (flag arithmetic on enums) costs about as much as a short
match; a pattern compiled at import costs start-up time (≈ 0.4 ms each) whether it is used
or not.  ``compiled(pattern)`` compiles on the first call and is a dictionary look-up after.
Only for patterns written in the source: a pattern built from a document's text would grow
the cache without bound.

A pattern that many notices never need (Markdown, CR line ends, rare date forms, masked
years) is made with ``lazy(pattern)``: nothing is compiled until a function first uses it, so
the command on one notice compiles only what that notice needs.  A pattern that most notices
run stays compiled at import: a call through a lazy pattern costs about 200 instructions more
(measured over the 14 samples, the patterns made lazy run at most 24 times a pass and not on
every sample).

>>> compiled(r"\\d{4}年").search("到2025年底").group()
'2025年'
>>> compiled(r"\\d{4}年") is compiled(r"\\d{4}年")
True
>>> YEAR = lazy(r"\\d{4}年")
>>> YEAR.pattern, YEAR.search("到2025年底").group()
('\\\\d{4}年', '2025年')
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, cast

import regex


@functools.cache
def compiled(pattern: str) -> regex.Pattern[str]:
    """``pattern`` compiled, once per process."""
    return regex.compile(pattern)


class _Lazy:
    """A pattern compiled on its first use.  The first call of one of its methods compiles it
    and keeps the compiled pattern's own methods on this object, where they hide the methods
    below: every later call goes straight to the compiled pattern."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern  # as the compiled pattern has it: reading it compiles nothing

    def _compile(self) -> regex.Pattern[str]:
        pattern = compiled(self.pattern)
        for name in METHODS:
            setattr(self, name, getattr(pattern, name))
        return pattern


METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


def _first_call(name: str) -> Callable[..., Any]:
    def method(self: _Lazy, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._compile(), name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in METHODS:
    setattr(_Lazy, _name, _first_call(_name))


def lazy(pattern: str) -> regex.Pattern[str]:
    """``pattern``, compiled when one of its methods is first called (see :class:`_Lazy`)."""
    return cast("regex.Pattern[str]", _Lazy(pattern))
