"""``extract(path) -> Notice``: load -> normalise -> segment -> extract -> record.

The stages build the record's parts (:mod:`mch_extract.parts`, no pydantic);
:func:`extract_parts` stops there, :func:`extract` goes on to the validated record.

>>> notice = extract("各医疗卫生单位：\\n现印发《2025年全旗妇幼健康工作任务清单》。\\n2025年3月24日".encode())
>>> notice.document.date, notice.document.recipients
(datetime.date(2025, 3, 24), ['各医疗卫生单位'])
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import os
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import TYPE_CHECKING, cast

import regex

from . import collector
from .compiled import compiled
from .deadlines import DeadlineHit, find_deadlines
from .errors import ExtractError
from .fields import as_printed, extract_document
from .load import Loaded, load_bytes, sniff_format
from .normalise import Normalised, normalise
from .offsets import page_of
from .parts import Change, Comparator, Deadline, ErrorInfo, ErrorRecord, ErrorType, Kind, Notice, Source, Target, Task
from .rules import load_rules
from .segment import Segmentation, segment
from .targets import Cues, Decision, Found, Modes, extract_targets, heading_mode

if TYPE_CHECKING:  # the records are built by mch_extract.record, imported where they are made
    from . import record

DEFAULT_MAX_SIZE = 64 * 1024 * 1024
MAX_ITEMS = 20_000  # tasks, targets or deadlines per record: a 2 MB run of markers must not give a 512 MB record
# a name that promises a format the content does not have: the content wins, with a word about it
NAMED = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".txt": "text", ".md": "text"}
HEADING_MAX = 25  # longer is a sentence (…开展技术评估), not a heading
STATES_FIGURE = regex.compile(r"[≥≤＜＞<>%‰]|\d(?![\d.]*[年月日])")  # a figure, not a year or a date
SENTENCE_END = regex.compile(r"[。！？!?\n]")


def read_source(source: str | os.PathLike[str] | bytes, max_size: int = DEFAULT_MAX_SIZE) -> tuple[bytes, Source]:
    """The bytes of a file (or the bytes given) and the ``source`` block describing them."""
    if isinstance(source, bytes):
        data, path = source, None
    else:
        p = Path(source)
        path = str(source)
        if not p.exists():
            raise ExtractError("not_found", f"no such file: {path}")
        if not p.is_file():
            raise ExtractError("not_a_file")
        size = p.stat().st_size
        if size > max_size:
            raise ExtractError("too_large", too_large_message(size, max_size))
        try:
            with p.open("rb") as fh:
                data = fh.read(max_size + 1)  # a file that grows while it is read stops at the limit
        except OSError as exc:  # no permission, an I/O error: said as it is, not as a bug
            raise ExtractError("not_found", f"the file cannot be read: {exc.strerror or exc}") from exc
    if len(data) > max_size:
        raise ExtractError("too_large", too_large_message(len(data), max_size))
    return data, Source(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def _human(size: int) -> str:
    """``73400320`` -> ``70MB``, ``1536`` -> ``1.5KB``: how --max-size is written."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + unit
    return f"{size}B"


def too_large_message(size: int, limit: int) -> str:
    """What a ``too_large`` record says: the sizes, and the option that raises the limit.

    >>> too_large_message(70 * 1024**2, 64 * 1024**2)
    'the file is 70MB, more than the limit of 64MB: raise it with --max-size, e.g. --max-size 140MB'
    """
    return (
        f"the file is {_human(size)}, more than the limit of {_human(limit)}: "
        f"raise it with --max-size, e.g. --max-size {_human(2 * size)}"
    )


class _Locator:
    """Finds the task, section and page of an offset in the normalised text."""

    def __init__(self, norm: Normalised, seg: Segmentation, loaded: Loaded) -> None:
        self.norm, self.seg, self.loaded = norm, seg, loaded
        self.tasks = sorted(seg.tasks, key=lambda t: t.span[0])
        self.task_starts = [t.span[0] for t in self.tasks]
        self.section_starts = [s.span[0] for s in seg.sections]
        self.by_id = {(t.section, t.id): t for t in seg.tasks}

    def task(self, pos: int) -> Task | None:
        i = bisect_right(self.task_starts, pos) - 1
        if i >= 0 and pos <= self.tasks[i].span[1]:
            return self.tasks[i]
        return None

    def section(self, pos: int) -> int | None:
        i = bisect_right(self.section_starts, pos) - 1
        return self.seg.sections[i].index if i >= 0 else (0 if self.seg.sections else None)

    def page(self, pos: int) -> int | None:
        if not self.loaded.page_starts:
            return None
        return page_of(self.norm.raw_offset(pos), self.loaded.page_starts)


def _sentence_bounds(text: str, pos: int, reach: int = 400) -> tuple[int, int]:
    """The sentence around ``pos``, looking at most ``reach`` characters each way."""
    start = max(0, pos - reach)
    for m in SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    m2 = SENTENCE_END.search(text, pos, min(len(text), pos + reach))
    return start, (m2.end() if m2 else min(len(text), pos + reach))


def _hits_between(hits: list[DeadlineHit], starts: list[int], lo: int, hi: int) -> list[DeadlineHit]:
    return hits[bisect_left(starts, lo) : bisect_left(starts, hi)]


def _deadline_for(
    f: Found, hits: list[DeadlineHit], starts: list[int], text: str, loc: _Locator
) -> dt.date | None:
    """A deadline in the target's sentence, else one in a lead-in (到2025年底,实现以下目标:) above it."""
    if not hits:
        return None
    s, e = _sentence_bounds(text, f.start)
    same = _hits_between(hits, starts, s, e)
    before = [h for h in same if h.start <= f.start]
    if before:
        return before[-1].date
    if same:
        return same[0].date
    task = loc.task(f.start)
    seen = 0
    while task is not None and task.parent and seen < 20:
        parent = loc.by_id.get((task.section, task.parent))
        if parent is None:
            break
        if parent.text.rstrip().endswith(("：", ":")):
            lead = _hits_between(hits, starts, parent.span[0], parent.span[1])
            if lead:
                return lead[-1].date
        task, seen = parent, seen + 1
    return None


HEAD_LINE = 40  # a line this short at the top may be a heading; of a longer first line, its head


def text_modes(text: str, seg: Segmentation, title: str | None) -> Modes:
    """Which stretches of the text report figures (a summary) and which set goals.

    The document is a report when its title (or, without one, its first lines) names a
    summary and no plan, or when its first section is a summary; a summary section, or a
    top-level item whose heading names a report (一、2022年工作完成情况) or a plan
    (二、2023年工作计划), sets the mode of the text under it.
    """
    said = heading_mode(title) if title else None
    if said is None and not title:  # no title: the heading-like lines at the top decide by majority
        modes = [heading_mode(line.text) for line in seg.lines[:10] if len(line.text) <= HEAD_LINE]
        if seg.lines and len(seg.lines[0].text) > HEAD_LINE:
            # a library copy runs the document into one line that starts with its title (…工作总结 201X年,…)
            modes.append(heading_mode(seg.lines[0].text[:HEAD_LINE]))
        reports, plans = modes.count(True), modes.count(False)
        said = True if reports > plans else (False if plans > reports else None)
    default = said is True or any(s.kind == "summary" for s in seg.sections[:1])
    if said is None and not default:
        default = Cues.of(text).summary_like()  # no title says it: the words of the whole text do
    marks: dict[int, bool | None] = {}
    for section in seg.sections:
        said_here = True if section.kind == "summary" else heading_mode(section.title or "")
        marks[section.span[0]] = said_here  # None: the document's own mode
    for task in seg.tasks:
        heading = task.heading or ""
        if task.level == 1 and 0 < len(heading) <= HEADING_MAX and not STATES_FIGURE.search(heading):
            # a short run-in heading, not an item stating a figure or a task's whole text
            said_here = heading_mode(heading)
            if said_here is not None:  # a neutral heading (突出两个主题) goes on in the mode around it
                marks[task.span[0]] = said_here
    starts = tuple(sorted(marks))
    return Modes(default, starts, tuple(marks[p] for p in starts))


def build_notice(
    loaded: Loaded, source: Source, with_text: bool = False, decisions: list[Decision] | None = None
) -> record.Notice:
    """The record of an already loaded document; ``decisions`` collects what became of every number."""
    from .record import record_of

    return record_of(build_parts(loaded, source, with_text, decisions))


def build_parts(
    loaded: Loaded, source: Source, with_text: bool = False, decisions: list[Decision] | None = None
) -> Notice:
    """The record's parts for an already loaded document (see :func:`build_notice`)."""
    norm = normalise(loaded.raw, loaded.format)
    original = norm.text
    if not original.strip():
        raise ExtractError("empty", "the document holds no text")
    # rules match a simplified-script copy; every quote is taken from the original by span
    text = load_rules().fold(original)
    seg = segment(text)
    for task in seg.tasks:
        task.text = original[task.span[0] : task.span[1]]
        if task.heading is not None:
            task.heading = task.text[: len(task.heading)]
    document, warnings = extract_document(text, seg.lines, seg.sections, original)
    for section in seg.sections:
        section.title = as_printed(section.title, text, original)
    loc = _Locator(norm, seg, loaded)
    year = document.year or (document.date.year if document.date else None)
    modes = text_modes(text, seg, document.title)
    hits = find_deadlines(text, year, modes.summary_at)
    if year is None and compiled(r"(?<!\d)\d{1,2}月(?:底|末)").search(text):
        warnings.append("deadlines: a month without a year was left out (the plan's year is not stated)")

    if loaded.page_starts:
        for task in seg.tasks:
            task.page = loc.page(task.span[0])
        for section in seg.sections:
            section.page = loc.page(section.span[0])

    deadlines = []
    for h in hits:
        owner = loc.task(h.start)
        deadlines.append(
            Deadline(
                date=h.date,
                text=original[h.start : h.end],
                task_id=owner.id if owner else None,
                section=loc.section(h.start),
                page=loc.page(h.start),
                span=(h.start, h.end),
                rule=h.rule,
            )
        )

    hit_starts = [h.start for h in hits]
    targets: list[Target] = []
    seen: set[tuple[int, int, float, str | None]] = set()
    unfit: list[str] = []
    for f in extract_targets(text, modes=modes, plan_year=document.year, log=decisions):
        key = (f.start, f.end, f.value, f.indicator)
        if key in seen:
            continue  # the same figure read twice (a table row and its sentence)
        seen.add(key)
        if not math.isfinite(f.value) or (f.value_max is not None and not math.isfinite(f.value_max)):
            unfit.append(original[f.start : f.end][:40])  # 250 digits: no JSON number holds it
            continue
        if len(targets) >= MAX_ITEMS:
            warnings.append(f"targets: only the first {MAX_ITEMS} are kept (a record holds at most that many)")
            break
        owner = loc.task(f.start)
        targets.append(
            Target(
                indicator=f.indicator,
                comparator=cast(Comparator, f.comparator),
                value=f.value,
                value_max=f.value_max,
                unit=f.unit,
                kind=cast(Kind, f.kind),
                change=cast("Change | None", f.extra.get("change")),  # (a string: no Union built per target)
                scope=f.scope,
                period=f.period,
                deadline=_deadline_for(f, hits, hit_starts, text, loc),
                task_id=owner.id if owner else None,
                section=loc.section(f.start),
                text=original[f.start : f.end],
                page=loc.page(f.start),
                span=(f.start, f.end),
                rule=f.rule,
            )
        )

    if unfit:
        warnings.append(f"targets: {len(unfit)} figure(s) too large for a number left out, e.g. {unfit[0]!r}")
    warnings = loaded.warnings + warnings
    tasks = seg.tasks
    for name, items in (("tasks", tasks), ("deadlines", deadlines)):
        if len(items) > MAX_ITEMS:
            warnings.append(
                f"{name}: only the first {MAX_ITEMS} of {len(items)} are kept (a record holds at most that many)"
            )
            del items[MAX_ITEMS:]
    from .indicators import annotate  # imported on the first record: nothing of it at start-up
    from .region import region_of

    annotate(targets, text, year)  # indicator_id and the national comparison, after the targets are found
    document.region = region_of(document, text)

    source = dataclasses.replace(
        source, format=loaded.format, encoding=loaded.encoding, pages=loaded.pages, ocr=loaded.ocr
    )
    return Notice(
        source=source,
        document=document,
        sections=seg.sections,
        tasks=seg.tasks,
        targets=targets,
        deadlines=deadlines,
        warnings=warnings,
        text=original if with_text else None,
    )


def extract(
    source: str | os.PathLike[str] | bytes,
    *,
    with_text: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    max_pages: int | None = None,
) -> record.Notice:
    """Extract one file into a :class:`Notice`: ``source`` is a path (``str`` or ``Path``).

    Text you already hold goes to :func:`extract_text`, bytes to :func:`extract_bytes`
    (``extract`` still takes bytes too). Raises :class:`~mch_extract.errors.ExtractError` when
    the file cannot give a record; :func:`extract_record` gives an :class:`ErrorRecord` instead.
    """
    from .record import record_of

    try:
        part = extract_parts(source, with_text=with_text, max_size=max_size, max_pages=max_pages)
    except ExtractError as exc:
        if isinstance(exc.source, Source):  # the parts' Source: a caller gets the record's, as it did
            exc.source = record_of(exc.source)
        raise
    return record_of(part)


def extract_parts(
    source: str | os.PathLike[str] | bytes,
    *,
    with_text: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    max_pages: int | None = None,
) -> Notice:
    """Like :func:`extract`, but the record's parts (:mod:`mch_extract.parts`), before the record
    stage: what a process that has not imported pydantic can give.

    >>> extract_parts("2019年，产前筛查率达到90%。".encode()).targets[0].value
    90.0
    """
    data, src = read_source(source, max_size)
    try:
        with collector.paused():
            loaded = load_bytes(data, max_pages=max_pages)
            if not isinstance(source, bytes):
                named = NAMED.get(os.path.splitext(str(source))[1].lower())
                if named and named != loaded.format:
                    loaded.warnings.append(
                        f"source: the file is named {os.path.splitext(str(source))[1]} but holds {loaded.format}:"
                        f" read as {loaded.format}"
                    )
            return build_parts(loaded, src, with_text=with_text)
    except ExtractError as exc:
        exc.source = dataclasses.replace(src, format=sniff_format(data) if data.strip() else None)
        raise


def extract_bytes(
    data: bytes,
    name: str | None = None,
    *,
    with_text: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    max_pages: int | None = None,
) -> record.Notice:
    """Extract the bytes of a file (a PDF, DOCX, HTML page or text in any supported encoding).

    ``name`` becomes ``source.path`` (e.g. the URL it was downloaded from); the format is
    sniffed from the content.

    >>> extract_bytes("2019年，产前筛查率达到90%。".encode("gb18030"), "a.txt").targets[0].value
    90.0
    """
    notice = extract(bytes(data), with_text=with_text, max_size=max_size, max_pages=max_pages)
    if name is not None:
        notice.source.path = name
    return notice


def extract_text(
    text: str,
    name: str | None = None,
    *,
    with_text: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
) -> record.Notice:
    """Extract a document you hold as a string (plain text, Markdown or HTML).

    ``name`` becomes ``source.path``.

    >>> notice = extract_text("各单位：\\n一、目标\\n1. 住院分娩率达到99%，6月底前完成。\\n2024年3月1日", name="plan")
    >>> notice.source.path, notice.targets[0].indicator, notice.targets[0].deadline
    ('plan', '住院分娩率', datetime.date(2024, 6, 30))
    """
    return extract_bytes(text.encode("utf-8"), name, with_text=with_text, max_size=max_size)


def extract_record(
    source: str | os.PathLike[str] | bytes,
    *,
    with_text: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    max_pages: int | None = None,
) -> record.Notice | record.ErrorRecord:
    """Like :func:`extract`, but a file that fails gives an :class:`ErrorRecord` instead of raising."""
    from .record import record_of

    return record_of(extract_record_parts(source, with_text=with_text, max_size=max_size, max_pages=max_pages))


def extract_record_parts(
    source: str | os.PathLike[str] | bytes,
    *,
    with_text: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    max_pages: int | None = None,
) -> Notice | ErrorRecord:
    """Like :func:`extract_record`, but the parts of the record (see :func:`extract_parts`)."""
    try:
        return extract_parts(source, with_text=with_text, max_size=max_size, max_pages=max_pages)
    except ExtractError as exc:
        path = None if isinstance(source, bytes) else str(source)
        return error_parts(path, exc.type, exc.message, exc.source if isinstance(exc.source, Source) else None)


def error_record(path: str | None, type_: str, message: str, source: Source | None = None) -> record.ErrorRecord:
    """The record of a file that failed: its source as far as it is known, and the error."""
    from .record import record_of

    return record_of(error_parts(path, type_, message, source))


def error_parts(path: str | None, type_: str, message: str, source: Source | None = None) -> ErrorRecord:
    """The parts of :func:`error_record`."""
    src = dataclasses.replace(source, path=path) if source else Source(path=path)
    return ErrorRecord(source=src, error=ErrorInfo(type=cast(ErrorType, type_), message=message))
