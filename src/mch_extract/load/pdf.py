"""PDF bytes -> pages of raw text, as faithful to the printed notice as its text files are.

Everything is read with pypdfium2, each page parsed once.  Stages per page, each a function:
:func:`pdfium_lines` (pdfium's text runs merged into lines with their geometry, fake-bold
doubles dropped) and, on a page with more than a few drawn paths, :func:`table_page_lines`
(ruled tables found in the drawing by :mod:`.pdf_tables`, their cells -> :func:`table_rows`:
tab-separated rows, merged cells carried down) -> :func:`drop_running_lines` (page numbers
and running headers) -> :func:`join_paragraphs` (a line that reaches the right margin goes
on in the next, unindented line).

Before any of that, :func:`check_text` names a PDF that cannot give text: no text layer
(scanned), a text layer without a Unicode map (``(cid:123)``), encrypted, or broken.
"""

from __future__ import annotations

import codecs
import ctypes
import functools
import itertools
import logging
import operator
import statistics
import struct
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import regex

from ..errors import ExtractError
from ..markers import find_line_marker
from . import Loaded

PAGE_NUMBER = regex.compile(
    r"^[\s—–\-－─]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s—–\-－─]*$"
)
logging.getLogger("pypdfium2").setLevel(logging.ERROR)


@dataclass
class TextLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    is_row: bool = False
    size: float = 0.0


GARBAGE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\u024f\ue000-\uf8ff\ufffd\p{Co}]")
"""What unmapped glyph ids decode to: control characters, Latin-1 and Latin Extended letters,
private-use characters, the replacement character.

>>> len(GARBAGE.findall("妇幼ÃÂ\x01\ue001"))
4
"""


def _cell_text(cell: str | None) -> str:
    if cell is None:
        return ""
    parts = [p.strip() for p in cell.split("\n")]
    out = ""
    for p in parts:
        if out and p and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


def table_rows(rows: list[list[str | None]], header: list[str] | None) -> list[str]:
    """Rows as tab-separated lines: merged (``None``) cells carry the value above them down,
    and a header row repeated on a continuation page is dropped.

    >>> table_rows([["类别", "内容"], ["重点工作指标", "1. 剖宫产率"], [None, "2. 母乳喂养率"]], None)
    ['类别\\t内容', '重点工作指标\\t1. 剖宫产率', '重点工作指标\\t2. 母乳喂养率']
    """
    out: list[str] = []
    above: list[str] = []
    for k, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            if cell is None and i < len(above) and i == 0:
                cells.append(above[i])
            else:
                cells.append(_cell_text(cell))
        if k == 0 and header is not None and cells == header:
            continue
        above = cells
        if any(c for c in cells):
            out.append("\t".join(cells).rstrip("\t") if cells[-1] == "" and any(cells[:-1]) else "\t".join(cells))
    return out


DIGITS = regex.compile(r"\d+")


def drop_running_lines(pages: list[list[TextLine]], heights: list[float]) -> list[list[TextLine]]:
    """Drop running headers and footers: the same line near the top or bottom of most pages."""
    if len(pages) < 3:
        return pages

    def key(ln: TextLine) -> str:
        return str(DIGITS.sub("#", ln.text))

    edge: Counter[str] = Counter()
    for lines, h in zip(pages, heights, strict=True):
        seen = {key(ln) for ln in lines if ln.top < 0.09 * h or ln.bottom > 0.91 * h}
        edge.update(seen)
    running = {k for k, n in edge.items() if n >= max(3, 0.5 * len(pages))}
    return [
        [ln for ln in lines if not ((ln.top < 0.09 * h or ln.bottom > 0.91 * h) and key(ln) in running)]
        for lines, h in zip(pages, heights, strict=True)
    ]


def _line_flags(lines: list[TextLine], size: float) -> tuple[list[bool], list[bool]]:
    """For each line: does it run on into the next line of the page (``full``), and is the next
    line in the same block (same left edge, single spacing)?

    A line runs on when it reaches the page's right margin, or — in the narrow text boxes of
    slides — the right edge of a block of lines that ends a sentence.
    """
    body = [ln for ln in lines if not ln.is_row and len(ln.text) >= 8]
    right = max((ln.x1 for ln in body), default=0.0)
    full = [not ln.is_row and ln.x1 >= right - 1.2 * size and len(ln.text) >= 8 for ln in lines]
    same_block = [False] * len(lines)
    k = 0
    while k < len(lines):
        j = k
        while (
            j + 1 < len(lines)
            and not lines[j].is_row
            and not lines[j + 1].is_row
            and abs(lines[j + 1].x0 - lines[j].x0) <= 2
            and 0 <= lines[j + 1].top - lines[j].bottom <= 0.8 * size
        ):
            same_block[j] = True
            j += 1
        block = lines[k : j + 1]
        if len(block) >= 2 and block[-1].text.endswith(("。", "；", "！", "？")):
            block_right = max(ln.x1 for ln in block)
            for i in range(k, j):
                full[i] = full[i] or lines[i].x1 >= block_right - 1.2 * size
        k = j + 1
    return full, same_block


def join_paragraphs(pages: list[list[TextLine]], sizes: list[float]) -> tuple[str, list[int]]:
    """Raw text of the document, and the offset where each page starts.

    A line that runs on (see :func:`_line_flags`) is joined to the next unless that one is
    indented, starts a numbered item, is a table row, or is set in a title's larger type.
    """
    out: list[str] = []
    page_starts: list[int] = []
    length = 0
    carry = False
    for lines, size in zip(pages, sizes, strict=True):
        body = [ln for ln in lines if not ln.is_row and len(ln.text) >= 8]
        left = min((ln.x0 for ln in body), default=0.0)
        full, same_block = _line_flags(lines, size)
        if not lines:
            page_starts.append(length)
        for k, ln in enumerate(lines):
            big = ln.size > 1.12 * size
            indented = ln.x0 > left + 0.8 * size and not (k > 0 and same_block[k - 1])
            joins = carry and not ln.is_row and not big and not indented and find_line_marker(ln.text) is None
            sep = "" if joins or not out else "\n"
            if joins and out[-1][-1:].isascii() and out[-1][-1:].isalnum() and ln.text[:1].isascii():
                sep = " "
            if k == 0:
                page_starts.append(length + len(sep))
            out.append(sep + ln.text)
            length += len(sep) + len(ln.text)
            carry = full[k] and not big and not ln.text.endswith(("。", "；", "：", ":"))
            if k + 1 == len(lines):
                carry = carry and ln.x1 >= max((b.x1 for b in body), default=0.0) - 1.2 * size
    return "".join(out), page_starts


TABLE_PATHS = 4  # more drawn paths than the header's red rules: the page may hold a ruled table


def _open_pdfium(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractError("encrypted_pdf") from exc
        raise ExtractError("corrupt_pdf", f"the PDF cannot be parsed ({exc}): download it again") from exc


def pdfium_lines(
    page: Any,
    textpage: Any,
    tables: list[tuple[float, float, float, float]] = (),  # type: ignore[assignment]
) -> tuple[list[TextLine], float]:
    """Lines of a page from pdfium's text runs: runs on one baseline merged, left to right;
    runs inside ``tables`` (top-left origin) left out."""
    height = float(page.get_height())
    runs = _runs(textpage.raw)
    if tables:
        runs = [r for r in runs if not _inside((r[0] + r[2]) / 2, height - (r[1] + r[3]) / 2, tables)]
    runs.sort(key=itemgetter(3), reverse=True)  # top down; a stable sort keeps runs of one height in order
    fake_bold = _has_doubled_runs(runs)
    lines = []
    bounded = _BoundedText(textpage.raw)
    for left, bottom, right, top in _merge_runs(runs):
        text = bounded(left - 0.5, bottom - 0.5, right + 0.5, top + 0.5)
        # pdfium marks a hyphen ending a line as hyphenation (U+FFFE/U+0002); in Chinese it is a dash
        text = " ".join(text.replace("\r", "").replace("\ufffe", "-").replace("\x02", "-").split("\n")).strip()
        if fake_bold:
            text = DOUBLED_RUN.sub(r"\1", text)  # a bold run drawn twice comes back twice
        if text and not PAGE_NUMBER.match(text):
            lines.append(TextLine(text, left, right, height - top, height - bottom, size=top - bottom))
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    sizes = [ln.size for ln in lines if len(ln.text) >= 4]
    return lines, statistics.median(sizes) if sizes else 12.0


def _merge_runs(runs: list[tuple[float, float, float, float]]) -> list[list[float]]:
    """Runs (top down) on one baseline merged into lines: ``[left, bottom, right, top]`` each."""
    merged: list[list[float]] = []
    for left, bottom, right, top in runs:
        run_h = top - bottom
        for m in merged[:-4:-1]:  # the last three lines, the latest first
            # one line when the runs share most of their height (a full-width comma sits low)
            m_left, m_bottom, m_right, m_top = m
            overlap = (top if top < m_top else m_top) - (bottom if bottom > m_bottom else m_bottom)
            line_h = m_top - m_bottom
            if overlap >= 0.5 * (run_h if run_h < line_h else line_h):
                if left < m_left:
                    m[0] = left
                if bottom < m_bottom:
                    m[1] = bottom
                if right > m_right:
                    m[2] = right
                if top > m_top:
                    m[3] = top
                break
        else:
            merged.append([left, bottom, right, top])
    return merged


DOUBLED_RUN = regex.compile(r"(\S{2,}) \1")


def _runs(textpage: Any) -> list[tuple[float, float, float, float]]:
    """pdfium's text runs of a (raw) text page: ``(left, bottom, right, top)`` each."""
    import pypdfium2.raw as pdfium_c

    get_rect = _unchecked("FPDFText_GetRect")
    box = (ctypes.c_double * 4)()  # left, top, right, bottom
    read_box = struct.Struct("4d").unpack_from  # the four at once
    at_left, at_top, at_right, at_bottom = (ctypes.byref(box, k * ctypes.sizeof(ctypes.c_double)) for k in range(4))
    handle = _pointer_arg(_address(textpage))
    runs = []
    for i in range(pdfium_c.FPDFText_CountRects(textpage, 0, -1)):
        if get_rect(handle, i, at_left, at_top, at_right, at_bottom):
            left, top, right, bottom = read_box(box)
            runs.append((left, bottom, right, top))
    return runs


class _BoundedText:
    """The text inside a rectangle of a (raw) text page, into one buffer as long as the page's text.

    pdfium is called through an :func:`_unchecked` prototype: the corners go as four ``c_double``
    whose values are set for each call (ctypes passes no Python float without argument types,
    and converting one through them costs four times as much), the text page and the buffer as
    argument objects made once.
    """

    def __init__(self, textpage: Any) -> None:
        import pypdfium2.raw as pdfium_c

        self.textpage = _pointer_arg(_address(textpage))
        self.size = pdfium_c.FPDFText_CountChars(textpage) + 1
        self.buffer = (ctypes.c_ushort * self.size)()
        self.at_buffer = ctypes.byref(self.buffer)
        self.bytes = memoryview(self.buffer).cast("B")  # the same memory, as bytes to decode
        self.corners = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())
        self.get = _unchecked("FPDFText_GetBoundedText")

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        c_left, c_top, c_right, c_bottom = corners = self.corners
        c_left.value, c_top.value, c_right.value, c_bottom.value = left, top, right, bottom
        n = self.get(self.textpage, *corners, self.at_buffer, self.size)
        if n > 0 and self.buffer[n - 1] == 0:
            n -= 1  # the count includes the terminating NUL when the buffer had room for it
        if n <= 0:
            return ""
        # what codecs.decode(..., "utf-16-le", "ignore") calls, without looking the codec up by name
        return codecs.utf_16_le_decode(self.bytes[: 2 * n], "ignore", True)[0]


def _has_doubled_runs(runs: list[tuple[float, float, float, float]]) -> bool:
    """Two text runs within 1.5 pt of each other on every side: fake bold, the same text drawn twice.

    >>> _has_doubled_runs([(10.0, 700.0, 90.0, 716.0), (10.3, 700.0, 90.3, 716.0)])
    True
    """
    # by bottom, then left, then index: two stable sorts on plain numbers (no tuples to compare)
    lefts = list(map(itemgetter(0), runs))
    order = sorted(range(len(runs)), key=lefts.__getitem__)
    # float.__round__ is what round() calls on a float (the coordinates are), without looking it up
    order.sort(key=list(map(float.__round__, map(itemgetter(1), runs))).__getitem__)
    ordered_lefts = list(map(lefts.__getitem__, order))
    # neighbours on one line differ in their left edge: only those that do not are compared whole
    for k, dx0 in enumerate(map(operator.sub, ordered_lefts, ordered_lefts[1:])):
        if -1.5 < dx0 < 1.5:
            a, b = runs[order[k]], runs[order[k + 1]]
            dy0, dx1, dy1 = a[1] - b[1], a[2] - b[2], a[3] - b[3]
            if -1.5 < dy0 < 1.5 and -1.5 < dx1 < 1.5 and -1.5 < dy1 < 1.5:
                return True
    return False


def _inside(x: float, y: float, boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


class _Handle(ctypes.c_void_p):
    """A pdfium handle as a C pointer: a subclass of ``c_void_p`` stays a ctypes object when a
    function returns it, to be passed on as it is."""


@functools.cache
def _unchecked(name: str, restype: Any = ctypes.c_int) -> Any:
    """pdfium's function ``name`` declared again without argument types, for the loops that call
    one function thousands of times a document.

    It is called with arguments already in C form: indexes as Python ints (C ints), handles and
    pointers as ctypes' own argument objects, made once before the loop (:func:`_pointer_arg`,
    ``ctypes.byref``), which ctypes passes as they are.  A ``c_void_p`` is converted into a new
    such object on every call, and pypdfium2's bindings also wrap each pointer (a ``byref`` for
    each ``c_double`` of ``FPDFText_GetRect``, a pointer object for each returned handle): a
    third of a call's cost.  The prototype is a ``PYFUNCTYPE``, which keeps the GIL during the
    call: these calls are short, releasing and taking back the GIL was a tenth of their cost,
    and pdfium (not thread-safe) is never called from two threads at once anyway.
    """
    import pypdfium2.raw as pdfium_c

    return ctypes.PYFUNCTYPE(restype)(_address(getattr(pdfium_c, name)))


def _pointer_arg(address: int) -> Any:
    """A pointer passed by value to an :func:`_unchecked` function, as the argument object ctypes
    would make of ``c_void_p(address)`` on each call: made once, reused by every call."""
    return ctypes.c_void_p.from_param(address)


def _address(pointer: Any) -> int:
    """The address a ctypes pointer or function holds."""
    return int(ctypes.cast(pointer, ctypes.c_void_p).value or 0)


def _page_objects(page: Any) -> tuple[list[Any], list[int]]:
    """The page's objects (forms not opened): their handles, and their kinds (``FPDF_PAGEOBJ_*``)."""
    return _child_objects(_pointer_arg(_address(page.raw)), "FPDFPage_CountObjects", "FPDFPage_GetObject")


def _child_objects(parent: Any, count_name: str, get_name: str) -> tuple[list[Any], list[int]]:
    """The objects of a page or a form (``parent``, an argument object or a handle), listed by pdfium's
    functions ``count_name`` and ``get_name``: their handles, and their kinds (``FPDF_PAGEOBJ_*``)."""
    get_object, get_type = _unchecked(get_name, _Handle), _unchecked("FPDFPageObj_GetType")
    count = _unchecked(count_name)(parent)
    objects = list(map(get_object, itertools.repeat(parent, count), range(count)))
    return objects, list(map(get_type, objects))


def _drawn(kinds: list[int]) -> tuple[int, int]:
    """Paths and images among a page's objects, from their kinds."""
    import pypdfium2.raw as pdfium_c

    return kinds.count(pdfium_c.FPDF_PAGEOBJ_PATH), kinds.count(pdfium_c.FPDF_PAGEOBJ_IMAGE)


def table_page_lines(
    page: Any, textpage: Any, header: list[str] | None, objects: tuple[list[Any], list[int]]
) -> tuple[list[TextLine], list[str] | None, float]:
    """Lines and ruled-table rows of one page (its ``objects`` from :func:`_page_objects`) in
    reading order (see :mod:`.pdf_tables`)."""
    from .pdf_tables import find_tables, page_chars

    height = float(page.get_height())
    tables = find_tables(list(zip(*objects, strict=True)), height)
    boxes = [t.bbox for t in tables]
    lines, size = pdfium_lines(page, textpage, boxes)
    if not tables:
        return lines, header, size
    chars = page_chars(textpage.raw, height, boxes)
    for table in tables:
        rows = table.extract(chars)
        if not rows:
            continue
        first = [_cell_text(c) for c in rows[0]]
        rendered = table_rows(rows, header)
        header = header or first
        x0, top, x1, bottom = table.bbox
        step = (bottom - top) / max(len(rendered), 1)
        for i, row in enumerate(rendered):
            lines.append(TextLine(row, x0, x1, top + i * step, top + (i + 1) * step, is_row=True))
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    return lines, header, size


def check_text(texts: list[str], images: int) -> None:
    """Raise ``no_text_layer`` or ``unreadable_text_layer`` when the decoded text cannot be a notice.

    >>> check_text(["\\x01\\x04\\x05\\x06\\x07\\x08"], images=0)
    Traceback (most recent call last):
    ...
    mch_extract.errors.ExtractError: unreadable_text_layer: ...
    """
    chars = "".join("".join(texts).split())  # str.split drops what str.isspace calls space
    if not chars:
        if images:
            raise ExtractError("no_text_layer")
        raise ExtractError("no_text_layer", "the PDF has no text at all (blank pages?): nothing to extract")
    if len(GARBAGE.findall(chars)) > 0.2 * len(chars):
        raise ExtractError("unreadable_text_layer")


def load_pdf(data: bytes, *, max_pages: int | None = None) -> Loaded:
    """Read a PDF into :class:`~mch_extract.load.Loaded` with one entry per page in ``page_starts``."""
    if b"%%EOF" not in data[-65536:] and b"%%EOF" not in data:
        raise ExtractError("corrupt_pdf", "the PDF is incomplete (it has no end marker): a half-finished download?")
    doc = _open_pdfium(data)
    textpages: list[Any] = []
    try:
        count = len(doc)
        if not count:
            raise ExtractError("corrupt_pdf", "the PDF has no pages")
        selected = range(min(count, max_pages) if max_pages else count)
        try:
            pages = [doc[i] for i in selected]
            objects = [_page_objects(p) for p in pages]  # for the paths and images here, the tables below
            textpages = [p.get_textpage() for p in pages]  # built once: for the check and for the lines
            texts = [tp.get_text_range() for tp in textpages]
        except MemoryError:  # the worker's memory cap: too_large, not a damaged file
            raise
        except Exception as exc:
            raise ExtractError("corrupt_pdf", f"the PDF's content cannot be read ({type(exc).__name__})") from exc
        drawn = [_drawn(kinds) for _, kinds in objects]
        images = sum(i for _, i in drawn)
        from .ocr import pages_to_read

        ocr = pages_to_read(texts, [i for _, i in drawn])  # pages of images only: [] without the extra
        check_text([t for i, t in enumerate(texts) if i not in ocr] or ["OCR"], images)
        all_lines, sizes, heights = [], [], []
        header: list[str] | None = None
        for i, page in enumerate(pages):
            try:
                if i in ocr:
                    from .ocr import ocr_page

                    lines, header, size = ocr_page(page, header)
                elif drawn[i][0] > TABLE_PATHS:
                    lines, header, size = table_page_lines(page, textpages[i], header, objects[i])
                else:
                    lines, size = pdfium_lines(page, textpages[i])
            except ExtractError:
                raise
            except MemoryError:  # the worker's memory cap: too_large, not a damaged file
                raise
            except Exception as exc:  # a malformed drawing or text layer must not crash the batch
                raise ExtractError(
                    "corrupt_pdf", f"a page cannot be read ({type(exc).__name__}): the file is damaged"
                ) from exc
            all_lines.append(lines)
            sizes.append(size)
            heights.append(float(page.get_height()))
        all_lines = drop_running_lines(all_lines, heights)
        raw, page_starts = join_paragraphs(all_lines, sizes)
        if len("".join(raw.split())) < 10 * len(pages) and images >= len(pages):
            # page images with at most a page number or a stamp on them
            raise ExtractError("no_text_layer", "OCR found no text on the page images" if ocr else None)
        return Loaded(raw=raw, format="pdf", pages=count, page_starts=page_starts, ocr=bool(ocr))
    finally:
        for tp in textpages:
            tp.close()
        doc.close()
