"""Raw text -> clean text, as small named fixers you can list and test one by one.

Each fixer takes a string and returns the replacements it would make; :func:`normalise`
runs them in order and keeps an :class:`~mch_extract.offsets.OffsetMap` so that every
span in the clean text can be traced back to the raw text (and to its PDF page).

>>> normalise("早孕建册率 $\\\\geq 95\\\\%$ ；").text
'早孕建册率≥95%；'
>>> [name for name, count in fix_and_explain("## 一、强化\\n**（七）加大儿童早期发展工作。**") if count]
['markdown']
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .compiled import lazy
from .markers import find_line_marker
from .offsets import OffsetMap, Replacement, apply_replacements
from .rules import load_rules


@dataclass(frozen=True)
class TextContext:
    """What the fixers may know about the raw document as a whole."""

    markdown: bool = False
    # what the hard-wrap joiner read of each line, kept from one pass of normalise() to the next
    # (the second pass meets most lines again); None: nothing is kept
    lines: dict[tuple[str, bool], _Para] | None = field(default=None, compare=False, repr=False)


Fixer = Callable[[str, TextContext], list[Replacement]]

MARKDOWN_HINT = regex.compile(r"(?m)^[ \t]*#{1,6}[ \t]|\*\*|\\\*|^[ \t]*- \S")


def context_of(raw: str, source_format: str = "text") -> TextContext:
    """Sniff the raw text: is it Markdown (``#`` headings, ``**bold**``, ``\\*`` escapes)?

    Only plain-text files can be Markdown: in a PDF, ``**区`` is a masked place name.
    """
    if source_format != "text":
        return TextContext(markdown=False, lines={})
    if "#" not in raw and "*" not in raw and "- " not in raw:
        return TextContext(markdown=False, lines={})  # no hint can match (most notices hold none of these)
    return TextContext(markdown=len(MARKDOWN_HINT.findall(raw[:200_000])) >= 2, lines={})


def _sub(pattern: regex.Pattern[str], repl: str | Callable[[regex.Match[str]], str], text: str) -> list[Replacement]:
    """Replacements for every match of ``pattern`` (a regex.sub that keeps its edits)."""
    edits = []
    for m in pattern.finditer(text):
        new = repl(m) if callable(repl) else m.expand(repl)
        if new != m.group(0):
            edits.append((m.start(), m.end(), new))
    return edits


# --- line endings and invisible characters -------------------------------------------------

NEWLINES = lazy(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
INVISIBLE = lazy(r"[\ufeff\u200b-\u200f\u2060\u00ad\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]+")
WIDE_SPACES = lazy(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


@functools.lru_cache(maxsize=1)  # fix_newlines and fix_invisible ask it of the same text, one after the other
def _printable_but_lines_and_tabs(text: str) -> bool:
    """Is every character of ``text`` printable, newlines and tabs apart?

    Every character :data:`NEWLINES`, :data:`INVISIBLE` and :data:`WIDE_SPACES` match is
    unprintable (a control, a format or unassigned character, a separator or an odd space),
    so such a text holds nothing for :func:`fix_newlines` or :func:`fix_invisible`.  The test
    is a few instructions a character; scanning for a class of several ranges costs many
    times that, and most texts (all of them on the second pass) hold none of these characters.

    >>> _printable_but_lines_and_tabs("早孕建册率\\t≥95%\\n"), _printable_but_lines_and_tabs("早孕\\u3000建册")
    (True, False)
    """
    return text.replace("\n", "").replace("\t", "").isprintable()


def fix_newlines(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """CRLF, CR and other line separators -> ``\\n``."""
    if _printable_but_lines_and_tabs(text):
        return []
    return _sub(NEWLINES, "\n", text)


def fix_invisible(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Drop BOMs, zero-width and control characters; odd spaces become plain spaces."""
    if _printable_but_lines_and_tabs(text):
        return []
    return sorted(_sub(INVISIBLE, "", text) + _sub(WIDE_SPACES, " ", text))


# --- OCR / Markdown artefacts ---------------------------------------------------------------

LATEX_COMMANDS = {
    r"\geq": "≥",
    r"\ge": "≥",
    r"\leqslant": "≤",
    r"\geqslant": "≥",
    r"\leq": "≤",
    r"\le": "≤",
    r"\gt": ">",
    r"\lt": "<",
    r"\%": "%",
    r"\sim": "~",
    r"\times": "×",
    r"\cdot": "·",
    r"\pm": "±",
    r"\approx": "≈",
    r"\neq": "≠",
    r"\ne": "≠",
    r"\permil": "‰",
    r"\textperthousand": "‰",
}
LATEX_COMMAND = regex.compile(
    "|".join(
        regex.escape(c) + (r"(?![A-Za-z])" if c[-1].isalpha() else "")
        for c in sorted(LATEX_COMMANDS, key=len, reverse=True)
    )
)
LATEX_WRAPPER = regex.compile(r"\\(?:text|mathrm|mathbf|rm)\{([^{}\n]*)\}")
MATH_SPAN = regex.compile(r"\$\$?([^$\n]{1,80}?)\$\$?")


def _latex_inner(inner: str) -> str:
    inner = LATEX_WRAPPER.sub(r"\1", inner)
    inner = LATEX_COMMAND.sub(lambda m: LATEX_COMMANDS[m.group(0)], inner)
    return inner.replace("{", "").replace("}", "").replace("^", "").strip()


def fix_latex(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    r"""``$\geq 95\%$`` -> ``≥ 95%``; stray ``\leq`` and ``\%`` outside ``$…$`` too."""
    if "$" not in text and "\\" not in text:
        return []  # no formula span (between dollars) and no command (after a backslash)
    edits = _sub(MATH_SPAN, lambda m: _latex_inner(m.group(1)), text)
    starts = [s for s, _, _ in edits]  # sorted and disjoint: one bisection finds the span around a command
    loose = []
    for m in LATEX_COMMAND.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= edits[i][1]:
            loose.append((m.start(), m.end(), LATEX_COMMANDS[m.group(0)]))
    return sorted(edits + loose)


MD_HEADING = lazy(r"(?m)^[ \t]*#{1,6}[ \t]*")
MD_RULE = lazy(r"(?m)^[ \t]*(?:-{3,}|\*{3,}|_{3,}|={3,})[ \t]*$")
MD_BOLD = lazy(r"(?<![\\*])\*\*(?!\*)|(?<![\\_\w])__(?!_)|(?<=\S)__(?![\w_])")
MD_LIST = lazy(r"(?m)^[ \t]*[-+*][ \t]+(?=\S)")
MD_ESCAPE = lazy(r"\\([_#\[\]()<>~`|!-])")
MD_MASK = lazy(r"\\\*")  # \*\*区: a masked place name, kept as ＊＊区 so it never reads as bold
# each pattern, its replacement, and the literals it cannot match without (one of them at least):
# each pattern scans the whole text, and the second pass, after the marks are gone, finds none of them
MD_STEPS = (
    (MD_HEADING, "", ("#",)),
    (MD_RULE, "", ("---", "***", "___", "===")),
    (MD_BOLD, "", ("**", "__")),
    (MD_LIST, "", ("- ", "-\t", "+ ", "+\t", "* ", "*\t")),
    (MD_ESCAPE, r"\1", ("\\",)),
    (MD_MASK, "＊", ("\\*",)),
)


def fix_markdown(text: str, ctx: TextContext = TextContext(markdown=True)) -> list[Replacement]:
    r"""Drop ``#`` headings, ``---`` rules, ``**bold**`` and list dashes; a ``\*`` mask becomes ``＊``."""
    if not ctx.markdown:
        return []
    edits: list[Replacement] = []
    for pattern, repl, needs in MD_STEPS:
        if any(literal in text for literal in needs):
            edits.extend(_sub(pattern, repl, text))
    return _non_overlapping(edits)


PINYIN_GLOSS = regex.compile(r"(?<=\p{Han})(?:[ ]*\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\))+")
STRAY_QUESTION = regex.compile(r"(?<=[\p{Han}）),，、])[ ]*\?[ ]*(?=[\p{Han}“（(])")


# a document site's paragraph mark: a Cyrillic Р where a line ended (…本方案。Р一、项目目标Р(一)…)
PARAGRAPH_MARK = regex.compile(r"(?<=[\p{Han}。；：！？）)”])Р(?=[\p{Han}（(“\d])")


def fix_stray_marks(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Mirror-site artefacts: ``?`` standing for a lost non-breaking space (``(一)?總目標``), and
    a Cyrillic ``Р`` standing for a line break (``特制订本方案。Р一、项目目标``)."""
    if "?" not in text and "Р" not in text:
        return []  # neither pattern can match (most texts hold neither character)
    return sorted(_sub(STRAY_QUESTION, "", text) + _sub(PARAGRAPH_MARK, "\n", text))


def fix_pinyin(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Mirror-site artefact: pinyin glosses after characters (``目標(biāo)``)."""
    if "(" not in text:
        return []  # every gloss is in ASCII brackets (most texts write only full-width ones)
    return _sub(PINYIN_GLOSS, "", text)


FULLWIDTH_RANGES = ("Ａ-Ｚ", "ａ-ｚ", "０-９", "％")
FULLWIDTH = lazy("[" + "".join(FULLWIDTH_RANGES) + "]+")
# the regex module scans for one range many times faster than for a class of several: four
# quick scans tell whether there is anything to replace (most texts hold none of these)
FULLWIDTH_ANY = tuple(regex.compile(f"[{r}]") for r in FULLWIDTH_RANGES)


def fix_fullwidth(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Full-width letters, digits and ％ -> ASCII (Ａ２０２２ -> A2022)."""
    if not any(p.search(text) for p in FULLWIDTH_ANY):
        return []
    return _sub(FULLWIDTH, lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


# --- hard-wrapped lines -----------------------------------------------------------------------

TERMINAL = "。！？!?；;：:）)】」』"
CONTINUES = "，、,（(《“‘—-/"
PUSHED_DOWN_AFTER = 8  # a figure after a shorter line is a table cell (预期性 / ≥99.8%), not a wrapped phrase
EMPTY_CELLS = ("-", "—", "－", "/", "--", "——")
NON_STARTERS = "，。、；：！？）)》”’%‰,.;:"


def _clause_punct_in(line: str) -> bool:
    """Does ``line`` hold a comma, a full stop or a semicolon (``，。；,;``)?

    Five ``in`` tests: asked of every line, they cost a fraction of one call of the regex module.
    """
    return "，" in line or "。" in line or "；" in line or "," in line or ";" in line


DATE_LINE = lazy(
    r"^[ \t]*(?:\d{4}[ \t]*年[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}[ \t]*日"
    r"|[一二三四五六七八九〇○零Ｏ]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)[ \t]*$"
)


NUMBER_THEN_UNIT = regex.compile(
    r"^(?:[≥≤<>＜＞≧≦][ \t]*=?[ \t]*)?\d+(?:\.\d+)?[ \t]*(?:%|‰|人次|人|例|家|个|次|万|元)"
)  # 2715人次 or ≥95% at the start of a line: a figure pushed down, or a table printed one cell a line


# a line with something on it: (offset of its first non-blank character, offset after its last,
# the text between, whether it ended with two spaces: a Markdown hard break inside a paragraph).
# A plain tuple: one is made for every line, and a dataclass (or a named tuple) costs ~1,500 instructions more
_Line = tuple[int, int, str, bool]


class _Widths(dict[str, int]):
    """Display width of each character seen (0 for blanks), looked up instead of recomputed."""

    def __missing__(self, ch: str) -> int:
        width = 0 if ch.isspace() else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if len(self) < 100_000:
            self[ch] = width
        return width


_WIDTHS = _Widths()
# runs of characters that each take two columns and are no blank: CJK punctuation (not the
# ideographic space), the Han block, the full-width forms (tests/test_normalise.py checks every
# one against unicodedata); most characters of a Chinese line, counted without a look-up each.
# The standard library's re removes them for about half the regex module's cost (one call a line).
_WIDE_RUNS = re.compile("[\u3001-\u303e\u4e00-\u9fff\uff01-\uff60]+")


def _display_width(line: str, cap: int | None = None) -> int:
    """Columns ``line`` takes in a monospaced font; ``cap`` when it takes at least ``cap``.

    >>> _display_width("早孕建册率 ≥95%")  # wide characters count two, blanks none
    14
    >>> _display_width("早孕建册率 ≥95%", cap=8)  # at least as many columns as non-blank characters
    8
    """
    if cap is not None and len(line) >= cap and sum(map(len, line.split())) >= cap:
        return cap  # every non-blank character takes a column at least: no need to look each up
    others = _WIDE_RUNS.sub("", line)
    wide = len(line) - len(others)
    if others.isascii():  # one column each, blanks none (no ASCII character is wide; split() drops what isspace())
        return 2 * wide + sum(map(len, others.split()))
    return 2 * wide + sum(map(_WIDTHS.__getitem__, others))


def _content_lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip(" \t")
        if stripped:
            lead = len(raw) - len(raw.lstrip(" \t"))
            lines.append((pos + lead, pos + lead + len(stripped), stripped, raw.endswith("  ")))
        pos += len(raw) + 1
    return lines


WRAP_MAX = 120  # wider lines were not wrapped by hand or by a converter
WIDER_THAN_WRAP = 133  # > 1.1 * WRAP_MAX: a line this wide is no full line, and its exact width never matters


def _wrap_width(line_widths: list[int]) -> float | None:
    """The width a hard-wrapped document was wrapped at, or ``None`` when it was not."""
    widths = sorted(line_widths)
    widths = [w for w in widths if w >= 20]
    if len(widths) < 8:
        return None
    top = widths[int(len(widths) * 0.9)]
    full = sum(1 for w in widths if 0.8 * top <= w <= 1.1 * top)
    return float(top) if full >= max(6, 0.4 * len(widths)) and top <= WRAP_MAX else None


@functools.cache
def _item_bullets() -> tuple[str, ...]:
    """The bullets that start an item line (a dash or a middle dot may be a wrapped line's first character)."""
    return tuple(b for b in load_rules().bullets if b not in ("-", "--", "·"))


def _heading_like(line: str) -> bool:
    return len(line) <= 40 and not _clause_punct_in(line)


class _Para(NamedTuple):
    """What the join rules need to know of a paragraph (one or more lines), merged in O(1).

    A named tuple, not a frozen dataclass: one is made for every line, and a tuple is made
    several times faster.
    """

    head: str  # the first line
    tail: str  # the last line
    length: int
    clause: bool  # holds a comma or full stop somewhere
    table: bool
    single: bool
    md_break: bool
    item: bool  # the first line starts an item (a numbering marker or a bullet)
    marked_heading: bool  # a single line that starts with a numbering marker and reads as a heading
    date: bool  # a single line that is a date (2024年3月1日)
    width: int  # display width of the last line, up to WIDER_THAN_WRAP

    @staticmethod
    def of(t: str, md_break: bool) -> _Para:
        """The paragraph of the one line ``t``."""
        clause = _clause_punct_in(t)
        marker = find_line_marker(t) is not None
        item = marker or t.startswith(_item_bullets())
        marked_heading = marker and _heading_like(t)
        date = t.endswith("日") and DATE_LINE.match(t) is not None  # (the cheap test first: most lines are none)
        width = _display_width(t, cap=WIDER_THAN_WRAP)
        return _Para(t, t, len(t), clause, "\t" in t, True, md_break, item, marked_heading, date, width)

    def joined(self, other: _Para) -> _Para:
        """This paragraph with ``other`` run on after it."""
        return _Para(
            self.head,
            other.tail,
            self.length + other.length,
            self.clause or other.clause,
            self.table or other.table,
            False,
            other.md_break,
            self.item,
            False,
            False,
            other.width,
        )


def _line_para(text: str, md_break: bool, kept: dict[tuple[str, bool], _Para] | None) -> _Para:
    """The paragraph of one line, read once per document (``kept``: the lines read so far)."""
    if kept is None:
        return _Para.of(text, md_break)
    key = (text, md_break)
    para = kept.get(key)
    if para is None:
        para = kept[key] = _Para.of(text, md_break)
    return para


def _should_join(prev: _Para, nxt: _Para, wrap: float | None, markdown: bool) -> bool:
    a, b = prev.tail, nxt.head
    if prev.table or nxt.table or prev.date or nxt.date or nxt.item:
        return False
    if b[0] in NON_STARTERS:
        return True  # a line never starts with "，": it was pushed down
    # nor with a figure's number after a phrase (the pattern asked last: most lines are shorter or open
    # with a letter, as most do with a Han character, and hold no figure first: the pattern opens with a
    # comparator sign or a digit, and no digit is a letter; tests/test_prechecks.py)
    if len(a) > PUSHED_DOWN_AFTER and not b[0].isalpha() and NUMBER_THEN_UNIT.match(b) is not None:
        return True
    if a[-1] in TERMINAL or (prev.single and a in EMPTY_CELLS):
        return False  # a sentence ends, or a table printed one cell a line has an empty cell (-)
    if a[-1] in CONTINUES or (markdown and prev.md_break):
        return True
    if wrap is not None and prev.width >= 0.8 * wrap:  # the last physical line was full
        return True
    if prev.marked_heading:  # (what _Para.of read of a single line, whose tail is its head; a joined paragraph is none)
        return False
    return prev.clause and not (nxt.length <= 40 and not nxt.clause)


def _joiner(a: str, b: str) -> str:
    return " " if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum() else ""


def fix_hard_wraps(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Join hard-wrapped lines into paragraphs; one paragraph per line, no blank lines.

    A line continues on the next when it was wrapped at the document's line width, ends in
    a comma or a Markdown hard break, or stops mid-sentence (``项\\n目任务完成率``).  A line
    that starts with a numbering marker, a table row or a date line is never joined.  The
    decisions are repeated on the joined paragraphs until nothing changes, so running the
    fixer on its own output changes nothing.
    """
    lines = _content_lines(text)
    if not lines:
        return [(0, len(text), "")] if text else []
    # (first line, last line, summary)
    paragraphs = [(i, i, _line_para(t, md_break, ctx.lines)) for i, (_, _, t, md_break) in enumerate(lines)]
    wrap = _wrap_width([para.width for _, _, para in paragraphs])
    joined = [False] * (len(lines) - 1)
    first = True
    while True:
        merged = [paragraphs[0]]
        changed = False
        for para in paragraphs[1:]:
            lo, hi, summary = merged[-1]
            if _should_join(summary, para[2], wrap if first else None, ctx.markdown):
                joined[hi] = True
                merged[-1] = (lo, para[1], summary.joined(para[2]))
                changed = True
            else:
                merged.append(para)
        paragraphs = merged
        if not changed:
            break
        first = False
    edits: list[Replacement] = []
    first_start, last_end = lines[0][0], lines[-1][1]
    if first_start > 0:
        edits.append((0, first_start, ""))
    for k, ((_, prev_end, prev_text, _), (nxt_start, _, nxt_text, _)) in enumerate(itertools.pairwise(lines)):
        sep = _joiner(prev_text, nxt_text) if joined[k] else "\n"
        if text[prev_end:nxt_start] != sep:
            edits.append((prev_end, nxt_start, sep))
    if last_end < len(text):
        edits.append((last_end, len(text), ""))
    return edits


# --- spaces -------------------------------------------------------------------------------------

CJKISH = r"[\p{Han}\p{Sm}%‰\u3000-\u303f\uff00-\uffef“”‘’—…、。，；：？！（）《》〔〕【】]"
COLUMN_GAP = regex.compile(r"(?<=\S)[ ]{3,}(?=\S)")
CJK_SPACES = regex.compile(rf"[ ]+(?={CJKISH})|(?<={CJKISH})[ ]+")
NUMBER_UNIT_SPACE = regex.compile(r"(?<=\d)[ ]+(?=[%‰])|(?<=[<>≤≥＜＞])[ ]+(?=\d)")
_SPACE_BEFORE_MARKER = regex.compile(
    r"(?<=\S)[ ]+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])[\p{Han}“])"
)
LINE_EDGES = regex.compile(r"(?m)^[ \t]+|[ \t]+$")


def fix_column_gaps(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Three or more spaces inside a line separate columns: they become a tab."""
    if "   " not in text:
        return []  # (a scan for the literal is many times cheaper than one for the pattern)
    return _sub(COLUMN_GAP, "\t", text)


def fix_cjk_spaces(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Spaces next to Chinese, comparators and units go: ``2022 年`` -> ``2022年``, ``≥ 95%`` -> ``≥95%``.

    A space in front of a numbering marker stays: on one-line web pages it is all that
    separates one item from the next (``…方案。 一、年度目标``).
    """
    if " " not in text:
        return []  # every pattern here takes a space (the second pass often meets none)
    keep = {m.start() for m in _SPACE_BEFORE_MARKER.finditer(text)}
    edits = [e for e in _sub(CJK_SPACES, "", text) if e[0] not in keep]
    return _non_overlapping(edits + _sub(NUMBER_UNIT_SPACE, "", text))


def fix_line_edges(text: str, ctx: TextContext = TextContext()) -> list[Replacement]:
    """Blanks at the start and end of lines."""
    if not _blank_at_a_line_edge(text):
        return []
    return _sub(LINE_EDGES, "", text)


def _blank_at_a_line_edge(text: str) -> bool:
    r"""Does a blank stand at the start or the end of a line of ``text``?

    What :data:`LINE_EDGES` asks, by six scans for a literal, many times cheaper than one scan
    for the pattern: for the regex module a line ends at ``\n`` only (not at ``\r`` or
    ``\u2028``), and every text is clean of edge blanks but for a few (the hard-wrap joiner
    strips every line).

    >>> _blank_at_a_line_edge("早孕\n建册率"), _blank_at_a_line_edge("早孕 \n建册率"), _blank_at_a_line_edge("\t早孕")
    (False, True, True)
    """
    return (
        " \n" in text
        or "\t\n" in text
        or "\n " in text
        or "\n\t" in text
        or text[:1] in (" ", "\t")
        or text[-1:] in (" ", "\t")
    )


def _non_overlapping(edits: list[Replacement]) -> list[Replacement]:
    kept: list[Replacement] = []
    for edit in sorted(edits, key=lambda e: (e[0], -e[1])):
        if kept and edit[0] < kept[-1][1]:
            continue
        kept.append(edit)
    return kept


FIXERS: tuple[tuple[str, Fixer], ...] = (
    ("newlines", fix_newlines),
    ("invisible", fix_invisible),
    ("markdown", fix_markdown),
    ("stray_marks", fix_stray_marks),
    ("pinyin", fix_pinyin),
    ("fullwidth", fix_fullwidth),
    ("column_gaps", fix_column_gaps),
    ("hard_wraps", fix_hard_wraps),
    ("latex", fix_latex),  # after joining lines: a formula may have been broken over two
    ("cjk_spaces", fix_cjk_spaces),
    ("line_edges", fix_line_edges),
)


@dataclass(frozen=True)
class Normalised:
    """Clean text, the raw text it came from, and the map between their offsets."""

    text: str
    raw: str
    offsets: OffsetMap = field(repr=False)
    applied: tuple[tuple[str, int], ...] = ()

    def raw_offset(self, pos: int) -> int:
        return self.offsets.to_raw(pos)


MAX_PASSES = 4  # one fix can make another's pattern appear ($妇$(biāo): LaTeX first, then the gloss)


def _run(text: str, source_format: str) -> Iterator[tuple[str, str, int, OffsetMap]]:
    """Every fixer in order, pass after pass, until a pass changes nothing (a fixpoint)."""
    offsets = OffsetMap()
    ctx = context_of(text, source_format)
    for _ in range(MAX_PASSES):
        changed = False
        for name, fixer in FIXERS:
            edits = fixer(text, ctx)
            if edits:
                text, step = apply_replacements(text, edits)
                offsets.add(step)
                changed = True
            yield name, text, len(edits), offsets
        if not changed:
            break


def normalise(raw: str, source_format: str = "text") -> Normalised:
    """Run every fixer over ``raw`` until nothing changes; see :data:`FIXERS` for the order.

    >>> normalise("$妇$(biāo)").text
    '妇'
    """
    text, offsets, counts = raw, OffsetMap(), dict.fromkeys((name for name, _ in FIXERS), 0)
    for name, new_text, count, new_offsets in _run(raw, source_format):
        counts[name] += count
        text, offsets = new_text, new_offsets
    return Normalised(text, raw, offsets, tuple(counts.items()))


def fix_and_explain(raw: str) -> list[tuple[str, int]]:
    """Which fixers changed ``raw``, and how many replacements each made."""
    return list(normalise(raw).applied)
