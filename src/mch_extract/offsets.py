"""Replacements on a string, and the map from the new string's offsets back to the old one's.

Every normalisation step is a list of non-overlapping replacements ``(start, end, new)``
on its input.  :func:`apply_replacements` performs them and returns a :class:`StepMap`;
an :class:`OffsetMap` chains the steps so that any offset in the normalised text can be
traced to the raw text (and so to its PDF page).  Memory is proportional to the number
of replacements, not to the length of the text.

>>> new, step = apply_replacements("2022 年", [(4, 5, "")])
>>> new
'2022年'
>>> step.to_input(4)
5
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Replacement = tuple[int, int, str]


@dataclass(frozen=True)
class StepMap:
    """Offsets of one step: output region ``[out_start, out_end)`` came from input ``[in_start, in_end)``."""

    out_starts: array[int] = field(default_factory=lambda: array("q"))
    out_ends: array[int] = field(default_factory=lambda: array("q"))
    in_starts: array[int] = field(default_factory=lambda: array("q"))
    in_ends: array[int] = field(default_factory=lambda: array("q"))

    def to_input(self, pos: int) -> int:
        """The input offset that output offset ``pos`` came from."""
        i = bisect_right(self.out_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.out_ends[i]:
            # inside a replacement: keep the relative position where lengths allow
            return min(self.in_starts[i] + (pos - self.out_starts[i]), max(self.in_ends[i] - 1, self.in_starts[i]))
        return self.in_ends[i] + (pos - self.out_ends[i])


def apply_replacements(text: str, replacements: Iterable[Replacement]) -> tuple[str, StepMap]:
    """Apply sorted, non-overlapping replacements; return the new text and its offset map."""
    parts: list[str] = []
    step = StepMap()
    pos = 0
    out = 0
    for start, end, new in replacements:
        if start < pos:
            raise ValueError(f"overlapping replacement at {start} (previous ended at {pos})")
        parts.append(text[pos:start])
        out += start - pos
        step.out_starts.append(out)
        step.in_starts.append(start)
        out += len(new)
        step.out_ends.append(out)
        step.in_ends.append(end)
        parts.append(new)
        pos = end
    if not parts:
        return text, step
    parts.append(text[pos:])
    return "".join(parts), step


@dataclass
class OffsetMap:
    """A chain of :class:`StepMap`, from the normalised text back to the raw text."""

    steps: list[StepMap] = field(default_factory=list)

    def add(self, step: StepMap) -> None:
        if len(step.out_starts):
            self.steps.append(step)

    def to_raw(self, pos: int) -> int:
        for step in reversed(self.steps):
            pos = step.to_input(pos)
        return pos


def page_of(raw_offset: int, page_starts: Sequence[int]) -> int | None:
    """1-based page of a raw offset, given the raw offset where each page starts.

    >>> page_of(15, [0, 10, 20])
    2
    """
    if not page_starts:
        return None
    return max(bisect_right(page_starts, raw_offset), 1)
