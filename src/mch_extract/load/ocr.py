"""Page images -> the same :class:`~mch_extract.load.pdf.TextLine` objects a text layer gives.

The optional extra ``pip install "mch-extract[ocr]"`` brings rapidocr (PP-OCR models shipped
inside its wheel, run by onnxruntime, fully offline).  A page is rendered at 200 dpi with
pypdfium2; the OCR boxes on one baseline become one line; ruled tables are found in the
image (long horizontal and vertical strokes), their cells filled with the boxes inside them
and rendered as tab-separated rows exactly as a text PDF's tables are.  The joining stage
(page numbers, running headers, paragraphs) is the text PDF's.

One engine per process, created on first use (≈ 0.9 GB, ≈ 3 s a page on one thread).  The
angle classifier stays off: it turned short table cells upside down (``≥98%`` → ``%86<``).

>>> merge_boxes([(10, 10, 60, 30, "各有关"), (62, 11, 120, 31, "医疗机构："), (10, 50, 40, 70, "一")])
[(10, 10, 120, 31, '各有关医疗机构：'), (10, 50, 40, 70, '一')]
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import os
from typing import Any

import regex

from ..errors import ExtractError

DPI = 200
SCALE = DPI / 72
INSTALL = 'pip install "mch-extract[ocr]"'
_ENGINE: Any = None

Box = tuple[float, float, float, float, str]  # x0, top, x1, bottom (pixels), text


def available() -> bool:
    """Is the OCR extra installed? (Checked without importing it: the import takes seconds.)"""
    return all(importlib.util.find_spec(m) is not None for m in ("rapidocr", "onnxruntime", "cv2"))


def pages_to_read(texts: list[str], images: list[int]) -> list[int]:
    """Indexes of the pages that hold images but (almost) no text: the ones OCR reads.

    Empty when the extra is not installed, so that such a file stays ``no_text_layer``.

    >>> pages_to_read(["各有关医疗机构：根据通知精神……", "— 2 —"], [0, 1]) in ([1], [])
    True
    """
    wanted = [i for i, (t, n) in enumerate(zip(texts, images, strict=True)) if n and len("".join(t.split())) < 10]
    return wanted if wanted and available() else []


def engine() -> Any:
    """The process's OCR engine, created on first use."""
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - pages_to_read checks first
            raise ExtractError("no_text_layer") from exc
        threads = int(os.environ.get("MCH_EXTRACT_OCR_THREADS", "1"))
        _ENGINE = RapidOCR(
            params={
                "Global.use_cls": False,
                "Global.log_level": "error",
                "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )
    return _ENGINE


# OCR reads full-width brackets as ASCII ones; next to Chinese they are the full-width ones
_OPEN = regex.compile(r"\((?=\p{Han}|[^()]*\p{Han}[^()]*\))")
_CLOSE = regex.compile(r"(?<=\p{Han}|（[^（）]*)\)")


PERMIL = regex.compile(r"(?<=\d\s?)%0(?![\d.])")  # ‰ read as %0


def fix_text(text: str) -> str:
    """Undo OCR's systematic misreadings that a text layer would not have.

    >>> fix_text("(联系人：赵瑜)"), fix_text("(2)达到95%"), fix_text("≤ 5%0")
    ('（联系人：赵瑜）', '(2)达到95%', '≤ 5‰')
    """
    return str(PERMIL.sub("‰", _CLOSE.sub("）", _OPEN.sub("（", text))))


def merge_boxes(boxes: list[Box]) -> list[Box]:
    """Boxes that share most of their height are one line, read left to right; a gap wider
    than half a character is a space."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        for line in reversed(lines[-3:]):
            top, bottom = min(b[1] for b in line), max(b[3] for b in line)
            overlap = min(bottom, box[3]) - max(top, box[1])
            if overlap >= 0.5 * min(bottom - top, box[3] - box[1]):
                line.append(box)
                break
        else:
            lines.append([box])
    out: list[Box] = []
    for line in lines:
        line.sort(key=lambda b: b[0])
        text = line[0][4]
        for prev, b in itertools.pairwise(line):
            gap = b[0] - prev[2]
            text += (" " if gap > 0.5 * (b[3] - b[1]) else "") + b[4]
        out.append((line[0][0], min(b[1] for b in line), max(b[2] for b in line), max(b[3] for b in line), text))
    out.sort(key=lambda b: (b[1], b[0]))
    return out


def _runs(mask: Any, axis: int, min_len: int) -> list[float]:
    """Positions of rules: rows (axis 1) or columns (axis 0) of ``mask`` with a long stroke."""
    import numpy as np

    counts = mask.sum(axis=axis)
    idx = np.nonzero(counts >= min_len)[0]
    out: list[float] = []
    group: list[int] = []
    for i in idx.tolist():
        if group and i - group[-1] > 3:
            out.append(sum(group) / len(group))
            group = []
        group.append(i)
    if group:
        out.append(sum(group) / len(group))
    return out


Grid = tuple[list[float], list[float], Any, Any]  # ys, xs, horizontal mask, vertical mask (of the region)


def find_tables(gray: Any) -> list[tuple[int, int, int, int, Grid]]:
    """Ruled tables in a page image: ``(x0, y0, x1, y1, grid)`` with the rules' positions."""
    import cv2
    import numpy as np

    h, w = gray.shape
    ink = (gray < 160).astype(np.uint8)
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(40, w // 25), 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(30, h // 60))))
    both = cv2.dilate(np.maximum(horiz, vert), np.ones((5, 5), np.uint8))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(both)
    tables = []
    for k in range(1, count):
        x, y, bw, bh, _area = stats[k].tolist()
        if bw < w // 5 or bh < h // 40:
            continue
        hr, vr = horiz[y : y + bh, x : x + bw], vert[y : y + bh, x : x + bw]
        ys = [y + v for v in _runs(hr, 1, max(20, bw // 8))]
        xs = [x + v for v in _runs(vr, 0, max(15, bh // 30))]
        if len(ys) >= 2 and len(xs) >= 2:
            tables.append((x, y, x + bw, y + bh, (ys, xs, horiz, vert)))
    return tables


def _has_rule(mask: Any, fixed: float, lo: float, hi: float, horizontal: bool) -> bool:
    """Is there a rule along ``fixed`` between ``lo`` and ``hi`` (most of the way)?"""
    f, a, b = round(fixed), round(lo + 0.15 * (hi - lo)), round(hi - 0.15 * (hi - lo))
    if b <= a:
        return True
    band = mask[max(0, f - 3) : f + 4, a:b] if horizontal else mask[a:b, max(0, f - 3) : f + 4]
    covered = band.max(axis=0 if horizontal else 1)
    return bool(covered.mean() > 0.6)


def table_cells(grid: Grid, boxes: list[Box]) -> list[list[str | None]]:
    """The table as pdfplumber gives one: a row of cell texts per band between rules, ``None``
    where a merged cell covers the position."""
    ys, xs, horiz, vert = grid
    nr, nc = len(ys) - 1, len(xs) - 1
    origin = [[(r, c) for c in range(nc)] for r in range(nr)]
    for r in range(nr):
        for c in range(nc):
            if c and not _has_rule(vert, xs[c], ys[r], ys[r + 1], horizontal=False):
                origin[r][c] = origin[r][c - 1]
            elif r and not _has_rule(horiz, ys[r], xs[c], xs[c + 1], horizontal=True):
                origin[r][c] = origin[r - 1][c]
    texts: dict[tuple[int, int], list[Box]] = {}
    for box in boxes:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        ri = next((i for i in range(nr) if ys[i] <= cy < ys[i + 1]), None)
        ci = next((j for j in range(nc) if xs[j] <= cx < xs[j + 1]), None)
        if ri is not None and ci is not None:
            texts.setdefault(origin[ri][ci], []).append(box)
    rows: list[list[str | None]] = []
    for r in range(nr):
        row: list[str | None] = []
        for c in range(nc):
            if origin[r][c] != (r, c):
                if origin[r][c][1] == c:  # covered from above: pdfplumber's None
                    row.append(None)
                continue  # covered from the left: one cell
            row.append("".join(b[4] for b in merge_boxes(texts.get((r, c), []))))
        rows.append(row)
    return rows


def ocr_page(page: Any, header: list[str] | None) -> tuple[list[Any], list[str] | None, float]:
    """Lines and table rows of a page image, as :func:`~mch_extract.load.pdf.page_lines` gives them."""
    image = page.render(scale=SCALE).to_numpy()
    return _read(image, SCALE, (0.0, 0.0), header)


def ocr_image(
    data: bytes, *, offset: tuple[float, float], width: float, header: list[str] | None
) -> tuple[list[Any], list[str] | None, float]:
    """Lines of a picture file drawn ``width`` points wide at ``offset`` (points) on its page."""
    import numpy as np
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as img:
            rgb = img.convert("RGB")
    except Exception as exc:  # a picture PIL cannot read: no text from it
        raise ExtractError("no_text_layer", f"a page picture cannot be decoded ({type(exc).__name__})") from exc
    image = np.asarray(rgb)[:, :, ::-1]  # BGR, as pdfium renders
    return _read(image, image.shape[1] / width, offset, header)


def _read(
    image: Any, scale: float, offset: tuple[float, float], header: list[str] | None
) -> tuple[list[Any], list[str] | None, float]:
    """OCR of one page picture; ``scale`` pixels per point, ``offset`` where it sits (points)."""
    import cv2
    import numpy as np

    from .pdf import PAGE_NUMBER, TextLine, _cell_text, table_rows

    gray = cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY)
    try:
        result = engine()(np.ascontiguousarray(image[:, :, :3]))
    except Exception as exc:  # the engine wraps whatever interrupted it, e.g. the --timeout alarm
        cause = exc.__context__
        if cause is not None and "Timeout" in type(cause).__name__:
            raise ExtractError("timeout", "OCR took longer than --timeout (≈ 3 s a page): raise it") from exc
        raise
    boxes: list[Box] = []
    for quad, text in zip(result.boxes if result.boxes is not None else [], result.txts or (), strict=False):
        xs, ys = [float(p[0]) for p in quad], [float(p[1]) for p in quad]
        if text.strip():
            boxes.append((min(xs), min(ys), max(xs), max(ys), fix_text(text.strip())))
    dx, dy = offset

    def line(text: str, x0: float, top: float, x1: float, bottom: float, **kw: Any) -> Any:
        return TextLine(text, dx + x0 / scale, dx + x1 / scale, dy + top / scale, dy + bottom / scale, **kw)

    lines = []
    rest = boxes
    for x0, y0, x1, y1, grid in find_tables(gray):
        inside = [b for b in rest if x0 <= (b[0] + b[2]) / 2 <= x1 and y0 <= (b[1] + b[3]) / 2 <= y1]
        if not inside:
            continue
        rest = [b for b in rest if b not in inside]
        rows = table_cells(grid, inside)
        first = [_cell_text(c) for c in rows[0]] if rows else []
        rendered = table_rows(rows, header)
        header = header or first
        step = (y1 - y0) / max(len(rendered), 1)
        for i, row in enumerate(rendered):
            lines.append(line(row, x0, y0 + i * step, x1, y0 + (i + 1) * step, is_row=True))
    for left, upper, right, lower, text in merge_boxes(rest):
        if not PAGE_NUMBER.match(text):
            lines.append(line(text, left, upper, right, lower, size=(lower - upper) / scale))
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    sizes = sorted(ln.size for ln in lines if not ln.is_row and len(ln.text) >= 4)
    median = sizes[len(sizes) // 2] if sizes else 12.0
    for ln in lines:
        if len(ln.text) < 8:  # the box of a short run (``98%。``) is taller than its type
            ln.size = min(ln.size, median)
    return lines, header, median
