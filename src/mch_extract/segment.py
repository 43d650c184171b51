"""Normalised text -> sections and numbered items (SPEC's ``sections`` and ``tasks``).

Stages, each kept for debugging: :func:`lines_of` (text -> lines with offsets),
:func:`find_sections` (lines -> section boundaries and kinds), :func:`find_items`
(a section's lines -> markers), :func:`items_to_tasks` (markers -> task tree).

>>> text = "一、加强服务能级建设\\n1. 推进落实各项规划。全面实施。\\n2. 促进协同发展。"
>>> [(t.id, t.heading) for t in segment(text).tasks]
[('1', '加强服务能级建设'), ('1.1', '推进落实各项规划'), ('1.2', '促进协同发展')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from .compiled import compiled, lazy
from .markers import Marker, inline_marker_pattern, marker_from_inline, match_marker_at
from .parts import Section, SectionKind, Task
from .rules import MarkerStyle, alternation, load_rules, word_finder

SERIAL_STYLE = MarkerStyle("table-serial", 3, "arabic", ("",), ("\t",))
CLAUSE = regex.compile(r"[，。；,;！？!?]")


class Line(NamedTuple):
    start: int
    end: int
    text: str


def lines_of(text: str) -> list[Line]:
    """Non-empty lines of ``text`` with their offsets.

    >>> [(l.start, l.text) for l in lines_of("甲\\n\\n乙丙")]
    [(0, '甲'), (3, '乙丙')]
    """
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(pos + lead, pos + len(raw.rstrip()), raw.strip()))
        pos += len(raw) + 1
    return out


# --- sections -----------------------------------------------------------------------------------


@functools.cache
def _title_pattern() -> regex.Pattern[str]:
    rules = load_rules()
    return regex.compile(
        r"^(?P<title>[^\t，。；,;：:、◆●■▲★]{2,60}?" + alternation(rules.plan_types) + r")"
        r"(?P<suffix>[（(][^）)]{1,20}[）)])?$"
    )


ATTACHMENT_WORDS = ("附件", "附表")  # a line of its own that opens an attached document: 附件2


@functools.cache
def _attachment_label() -> regex.Pattern[str]:
    return regex.compile(rf"^{alternation(ATTACHMENT_WORDS)}[ \t]*[0-9一二三四五六七八九十]*[ \t]*$")


# compiled once: these run on every line (a pattern given as a string costs a cache look-up per call)
_LIST_OR_CONTENTS = regex.compile(r"\d+[ \t]|\d{1,2}[.．、]")
_YEAR = regex.compile(r"\d{4}年")
_COLON = lazy(r"[：:]")
_DATE = lazy(r"\d{4}年\d{1,2}月\d{1,2}日")


def plan_title_of(line: str) -> str | None:
    """The plan title a line consists of, if it is one: ``2024年长宁区妇幼健康工作计划``.

    >>> plan_title_of("2019年舟山市妇幼健康工作核心指标"), plan_title_of("提高服务能力，完成计划")
    ('2019年舟山市妇幼健康工作核心指标', None)
    """
    if not _ends_as_title(line):
        return None  # (asked first: most lines end otherwise, and each test below costs more)
    if match_marker_at(line, 0) is not None or "关于" in line:
        return None  # an item or a notice title
    if not line[:1].isalpha() and _LIST_OR_CONTENTS.match(line):  # (it opens with a digit, no letter)
        return None  # a line of a table of contents or of a list
    if ">" in line or "»" in line or line.startswith(_metadata_labels()):
        return None  # a breadcrumb trail or a line of a site's metadata block
    m = _title_pattern().match(line)
    if not m or is_page_label(m.group("title")) or line.count("《") != line.count("》") or line.startswith("《"):
        return None
    suffix = str(m.group("suffix") or "")
    if compiled(r"[\d一二三四五六七八九十]+篇[）)]$").search(suffix):
        suffix = ""  # 工作计划(精选8篇): a document library's count of samples, not part of the title
    return str(m.group("title")) + suffix


def _ends_as_title(line: str) -> bool:
    """Does ``line`` end as one :func:`_title_pattern` matches: in a plan type or its suffix's
    closing bracket, before the end or a final line break?  The last character is looked up
    first: a line ending in none of theirs is not compared with each ending."""
    if line.endswith("\n"):
        return True
    return line[-1:] in _title_last_characters() and line.endswith(_title_ends())


@functools.cache
def _title_ends() -> tuple[str, ...]:
    """What a line :func:`_title_pattern` matches ends with: a plan type, or its suffix's closing bracket."""
    return (*load_rules().plan_types, "）", ")")


@functools.cache
def _title_last_characters() -> frozenset[str]:
    return frozenset(end[-1] for end in _title_ends())


@functools.cache
def _metadata_labels() -> tuple[str, ...]:
    return tuple(load_rules().metadata_labels)


@functools.cache
def _type_words() -> regex.Pattern[str]:
    rules = load_rules()
    return regex.compile(alternation((*rules.doc_types, *rules.plan_types, *rules.label_words)))


def is_page_label(title: str) -> bool:
    """A site's page label made of type words only (``计划总结``, ``工作计划``), not a document's title.

    >>> is_page_label("计划总结"), is_page_label("妇幼卫生工作计划")
    (True, False)
    """
    return len(_type_words().sub("", title)) < 2


# a plan's period printed on the line under its title: (2021-2030年), or 2016—2020年) with the bracket lost
YEAR_RANGE_LINE = lazy(r"^[（(]?\d{4}[ \t]*[—–―\-－~～至][ \t]*\d{4}[ \t]*年?[）)]$")


@functools.cache
def _run_in_title() -> regex.Pattern[str]:
    rules = load_rules()
    return regex.compile(
        r"^(?P<title>[^\t，。；,;：:]{2,50}?"
        + alternation(rules.plan_types)
        + r")(?="
        + alternation(rules.body_openers)
        + ")"
    )


def run_in_plan_title(line: str) -> str | None:
    """A title printed straight into the body on one line: ``XX镇2020年…实施方案为进一步规范…``."""
    m = _run_in_title().match(line)
    return m.group("title") if m else None


def section_kind(title: str | None) -> SectionKind:
    rules = load_rules()
    if title and any(w in title for w in rules.summary_section_words):
        return "summary"
    if title and any(title.endswith(w) or w in title[-8:] for w in rules.indicator_section_words):
        return "indicators"
    return "plan"


@dataclass
class SectionDraft:
    start: int
    title: str | None
    kind: SectionKind
    title_span: tuple[int, int] | None = None


def _looks_like_notice(lines: list[Line]) -> bool:
    head = [ln.text for ln in lines[:12]]
    openers = load_rules().recipient_openers
    return any(
        t.endswith("文件")
        or ("关于" in t and t.rstrip("）)").endswith(load_rules().notice_types))
        or compiled(r"[^，。,]{1,20}〔\d{4}〕\d+号").fullmatch(t)
        or (t.endswith(("：", ":")) and t.startswith(openers))
        for t in head
    )


def find_sections(lines: list[Line]) -> list[SectionDraft]:
    """Where each section starts: the notice, each plan or attachment, indicator annexes, summaries."""
    if not lines:
        return [SectionDraft(0, None, "plan")]
    notice = _looks_like_notice(lines)
    drafts: list[SectionDraft] = []
    first = lines[0].text
    first_title = plan_title_of(first) or run_in_plan_title(first)
    if notice:
        drafts.append(SectionDraft(0, None, "notice"))
    i = 0
    while i < len(lines):
        ln = lines[i]
        label = _attachment_label().match(ln.text) if ln.text.startswith(ATTACHMENT_WORDS) else None
        start = ln.start
        j = i + 1 if label else i
        if j >= len(lines):
            break
        title = plan_title_of(lines[j].text)
        span = (lines[j].start, lines[j].end)
        if title is None and i == 0 and first_title and not notice:
            title, span = first_title, (lines[0].start, lines[0].start + len(first_title))
        if title is None and j + 1 < len(lines) and _title_head(lines[j].text):
            tail = plan_title_of(lines[j + 1].text)
            if tail is not None and len(tail) <= 20:
                title, span = lines[j].text + tail, (lines[j].start, lines[j + 1].end)
                j += 1
        if title is not None and j + 1 < len(lines) and YEAR_RANGE_LINE.match(lines[j + 1].text):
            title, span = title + lines[j + 1].text, (span[0], lines[j + 1].end)
            j += 1
        if title is not None and (not drafts or drafts[-1].title != title):
            drafts.append(
                SectionDraft(start if not drafts or label else lines[i].start, title, section_kind(title), span)
            )
            i = j + 1
            continue
        i += 1
    if not drafts or drafts[0].start > 0:
        if drafts and not notice and drafts[0].start <= lines[min(3, len(lines) - 1)].start:
            drafts[0].start = 0  # web furniture before a plan's own title belongs to it
        else:
            drafts.insert(0, SectionDraft(0, None, "notice" if notice else "plan"))
    return drafts


def _title_head(line: str) -> bool:
    """First half of a title broken over two lines: short, has a year, no punctuation."""
    return (
        len(line) <= 30
        and "年" in line  # (a year needs one: most lines are not asked the pattern)
        and _YEAR.search(line) is not None
        and not CLAUSE.search(line)
        and not _COLON.search(line)
        and match_marker_at(line, 0) is None
        and not line.endswith(tuple(load_rules().org_suffixes))
        and not _DATE.fullmatch(line)
    )


# --- numbered items -----------------------------------------------------------------------------


SERIAL_ROW = lazy(r"^(?P<num>\d{1,3})\t(?=\S)")
INLINE_BEFORE = lazy(r"[\s。；;：:！？!?）)”\"]")


def _inline_markers(line: Line, text: str, first: Marker | None) -> list[Marker]:
    """Markers inside one line, kept only where they form a numbered run (1、 … 2、 …)."""
    found: list[Marker] = []
    begin = first.end if first else line.start
    for m in inline_marker_pattern().finditer(text, begin, line.end):
        mk = marker_from_inline(m)
        if mk is None or mk.text.endswith("。"):
            continue  # 达到95。2。… : a damaged 1。 is a marker only at the start of a line
        before = text[m.start() - 1] if m.start() > line.start else "\n"
        if mk.style.ordinal == "chinese":
            prev_end = found[-1].end if found else begin
            heading_gap = m.start() - prev_end <= 15 and not CLAUSE.search(text, prev_end, m.start())
            if not INLINE_BEFORE.match(before) and not (heading_gap and (found or first)):
                continue  # 项目保障措施(一)加强… : a marker right after a short heading
        elif before.isdigit() or (before.isascii() and before.isalpha()) or before in "第至-~～.、，,":
            continue
        found.append(mk)
    return _runs_only(found, first, text)


def _runs_only(found: list[Marker], first: Marker | None, text: str) -> list[Marker]:
    """Keep inline markers that continue or start a run of the same style.

    Chinese-numbered markers (一、 （一）) only need to continue their run when one is open;
    Arabic ones must continue a run, start one that goes on (1、 … 2、), or restart after a
    lead-in colon (策略措施: 1.…).
    """
    kept: list[Marker] = []
    last: dict[str, int] = {}
    if first is not None:
        last[first.style.name] = first.ordinal
    last_two: dict[str, int] = {}  # where the last "2" of each style stands, to see if a "1" starts a run
    for k, mk in enumerate(found):
        if mk.ordinal == 2:
            last_two[mk.style.name] = k
    for k, mk in enumerate(found):
        prev = last.get(mk.style.name)
        continues = prev is not None and mk.ordinal == prev + 1
        starts = mk.ordinal == 1 and last_two.get(mk.style.name, -1) > k
        after_colon = mk.ordinal == 1 and text[max(0, mk.start - 2) : mk.start].strip()[-1:] in ("：", ":")
        chinese_ok = mk.style.ordinal == "chinese" and (prev is None or continues or mk.ordinal == 1)
        if continues or starts or after_colon or chinese_ok:
            kept.append(mk)
            last[mk.style.name] = mk.ordinal
            for o in list(last):
                if o != mk.style.name and _rank(o) > mk.style.rank:
                    del last[o]  # a new outer item closes the runs inside it
    return kept


def _rank(style_name: str) -> int:
    for style in load_rules().marker_styles:
        if style.name == style_name:
            return style.rank
    return 3


# 2.7岁以下儿童… and 1.2025年全年…: an item number run into the digits that open its text
DIGITS_AFTER_MARKER = regex.compile(r"(?P<num>\d{1,2})[.．](?=\d)")


def _marker_before_digits(text: str, ln: Line, last: int | None, later: list[Line]) -> Marker | None:
    """``7.2型糖尿病…`` after item 6 is item 7, not the decimal 7.2; ``1.2025年…`` opens a run
    when a later line is item 2."""
    dot = ln.text[1:3]  # (the pattern's dot follows one or two digits: most lines are not asked it)
    m = DIGITS_AFTER_MARKER.match(ln.text) if "." in dot or "．" in dot else None
    if not m:
        return None
    n = int(m.group("num"))
    continues = last is not None and n == last + 1
    opens = n == 1 and any(compiled(r"2[.．、]").match(nxt.text) for nxt in later[:30])
    if not (continues or opens):
        return None
    style = next(s for s in load_rules().marker_styles if s.name == "arabic-dot")
    return Marker(style, n, str(n), ln.start, ln.start + m.end(), m.group(0))


def _line_marker(text: str, ln: Line) -> Marker | None:
    """The marker ``ln`` starts with, unless nothing follows it on the line.

    Matched on the line's own text, whose match :func:`match_marker_at` keeps (the section
    finder asked about every line already), not on the document at the line's offset.  The
    two agree when a blank or nothing stands before the line: the marker pattern looks back
    only for a digit or a dot, and what it may meet past the line's end in the document
    (blanks up to the line break) matches none of its lookaheads, which want a digit or a
    Han character; only its trailing blanks may run on, and a match that reaches the line's
    end is no item either way.  (A run-in title's rest starts mid-line: matched in place.)
    """
    if ln.start and not text[ln.start - 1].isspace():
        mk = match_marker_at(text, ln.start)
        return None if mk is None or mk.end >= ln.end else mk
    mk = match_marker_at(ln.text, 0)
    if mk is None or mk.end >= len(ln.text):
        return None
    return Marker(mk.style, mk.ordinal, mk.label, ln.start + mk.start, ln.start + mk.end, mk.text)


def find_items(text: str, lines: list[Line]) -> list[Marker]:
    """Every numbered-item marker in these lines, in reading order."""
    markers: list[Marker] = []
    last_dot: int | None = None  # the last 1. 2. 3. item, to read 7.2型… after 6. as item 7
    in_attachments = False
    for k, ln in enumerate(lines):
        mk: Marker | None
        if ln.text.startswith(load_rules().attachment_labels) and _attachment_list_label().match(ln.text):
            in_attachments = True  # 附件：/ 1.… / 2.…: the files attached, not items
            continue
        serial = SERIAL_ROW.match(ln.text) if "\t" in ln.text else None
        if serial:
            num = serial.group("num")
            mk = Marker(SERIAL_STYLE, int(num), num, ln.start, ln.start + serial.end(), num)
        elif "\t" in ln.text:
            continue  # other table rows are not tasks
        else:
            mk = _line_marker(text, ln)
            if mk is None or mk.style.ordinal == "decimal":
                mk = _marker_before_digits(text, ln, last_dot, lines[k + 1 : k + 31]) or mk  # looks 30 lines on
        if in_attachments:
            if mk is not None and len(ln.text) <= 80 and "。" not in ln.text:
                continue
            in_attachments = False
        if _site_notice().search(ln.text):
            continue  # 1. 1、下载文档前请自行甄别…: the site's notice, not the document's item
        inline = _inline_markers(ln, text, mk) if len(ln.text) > 30 else []
        if mk is not None and _chunk_number(mk, ln, lines[k - 1] if k else None, inline):
            mk = None
        if mk is not None:
            markers.append(mk)
            if mk.style.name == "arabic-dot":
                last_dot = mk.ordinal
        markers.extend(inline)
    return [mk for mk in markers if not TOC_ENTRY.match(text, mk.end)]


# 一、托幼机构……………1: a table-of-contents entry, not an item
TOC_ENTRY = regex.compile(r"[^。，；\n]{1,40}?[…\.·．]{3,}[ \t]*\d{1,3}")


@functools.cache
def _site_notice() -> re.Pattern[str]:
    """A document library's notice (下载文档, 本站 …), asked of every line."""
    return word_finder(load_rules().site_notice_words)


@functools.cache
def _attachment_list_label() -> regex.Pattern[str]:
    return regex.compile(rf"^{alternation(load_rules().attachment_labels)}[ \t]*\d?[ \t]*[：:]")


def _chunk_number(mk: Marker, ln: Line, prev: Line | None, inline: list[Marker]) -> bool:
    """A document library's chunk number (``1、`` at the start of a cut), not an item.

    A long block starts where the line before broke off mid-sentence (ends in ``，``), or the "item" holds markers
    that outrank it (``1、…制定本计划。一、基本原则…``): an item never contains its parents.
    """
    if mk.style.ordinal != "arabic":
        return False
    if prev is not None and prev.text.endswith(("，", ",", "、")) and len(ln.text) > 150:
        return True  # a long block going on from a sentence the cut broke
    return any(m.style.rank < mk.style.rank for m in inline)


@dataclass
class _Open:
    style: MarkerStyle
    label: str
    id: str


def items_to_tasks(text: str, markers: list[Marker], section: int, end: int) -> list[Task]:
    """Markers -> tasks: ids are the ordinals at each level joined by ``.``."""
    tasks: list[Task] = []
    stack: list[_Open] = []
    for k, mk in enumerate(markers):
        if any(o.style.name == mk.style.name for o in stack):
            while stack[-1].style.name != mk.style.name:
                stack.pop()
            stack.pop()  # a sibling of the open item with the same style
        else:
            while stack and stack[-1].style.rank >= mk.style.rank:
                stack.pop()  # an outer or same-rank style closes the items it outranks
        parent = stack[-1].id if stack else None
        tid = f"{parent}.{mk.label}" if parent else mk.label
        stop = markers[k + 1].start if k + 1 < len(markers) else end
        body_start, body_end = _trim(text, mk.end, stop)
        body = text[body_start:body_end]
        tasks.append(
            Task(
                id=tid,
                parent=parent,
                level=len(stack) + 1,
                marker=mk.text.strip(),
                section=section,
                heading=heading_of(body),
                text=body,
                span=(body_start, body_end),
            )
        )
        stack.append(_Open(mk.style, mk.label, tid))
    return tasks


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


RUN_IN = regex.compile(r"^(?P<head>[^，。；,;：:\n]{2,30})。")


def heading_of(body: str) -> str | None:
    """A run-in title (short first sentence ending in 。) or the whole item when it is one short line.

    >>> heading_of("推进落实各项妇幼健康工作规划。全面实施本区…"), heading_of("加强妇幼健康服务能级建设")
    ('推进落实各项妇幼健康工作规划', '加强妇幼健康服务能级建设')
    """
    m = RUN_IN.match(body)
    if m:
        return str(m.group("head"))
    first = body.split("\n", 1)[0].strip()
    if first and len(first) <= 40 and not CLAUSE.search(first) and "\t" not in first:
        return first.rstrip("：:")
    return None


# --- the whole document -------------------------------------------------------------------------


@dataclass
class Segmentation:
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def segment(text: str) -> Segmentation:
    """Sections and tasks of a normalised text."""
    lines = lines_of(text)
    drafts = find_sections(lines)
    result = Segmentation(lines=lines)
    cursor = 0
    for index, draft in enumerate(drafts):
        end = drafts[index + 1].start if index + 1 < len(drafts) else len(text)
        start, stop = _trim(text, draft.start, end)
        result.sections.append(Section(index=index, title=draft.title, kind=draft.kind, span=(start, stop)))
        sec_lines = []
        while cursor < len(lines) and lines[cursor].start < draft.start:
            cursor += 1
        while cursor < len(lines) and lines[cursor].start < end:
            ln = lines[cursor]
            cursor += 1
            if draft.title_span and draft.title_span[0] <= ln.start < draft.title_span[1]:
                if ln.end <= draft.title_span[1]:
                    continue  # the section's own title line
                ln = Line(draft.title_span[1], ln.end, text[draft.title_span[1] : ln.end])  # run-in title
            sec_lines.append(ln)
        result.tasks.extend(items_to_tasks(text, find_items(text, sec_lines), index, stop))
    return result


__all__ = ["Segmentation", "find_items", "find_sections", "heading_of", "lines_of", "segment"]
