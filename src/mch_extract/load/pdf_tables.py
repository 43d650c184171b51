"""Ruled tables of a PDF page from pypdfium2's drawing, without pdfminer.

pdfplumber's table finder (``TableFinder``: snap and join the ruling edges, intersect them,
cells, tables) and its cell text layout (``extract_text``: characters clustered into lines and
words) are pure geometry over plain dicts.  Here they get their edges and characters from
pypdfium2, in the coordinates pdfminer would give them, so no page is parsed twice:

- :func:`page_edges`: the painted paths, split into subpaths, each straight segment an edge
  (a two-point subpath is a line; pdfminer's rules), origin at the top left of the page;
- :func:`page_chars`: the characters drawn in the PDF (not pdfium's generated spaces and line
  breaks) with pdfminer's box: from the origin to the advance width, from the descent up by
  the font size; fake-bold doubles removed as ``dedupe_chars`` does.
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterator
from typing import Any

Matrix = tuple[float, float, float, float, float, float]
Edge = dict[str, Any]
Char = dict[str, Any]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix of ``inner`` followed by ``outer``.

    >>> _compose((2.0, 0.0, 0.0, 2.0, 1.0, 1.0), (1.0, 0.0, 0.0, 1.0, 10.0, 20.0))
    (2.0, 0.0, 0.0, 2.0, 11.0, 21.0)
    """
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(obj: Any) -> Matrix:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _paths(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every path object of the page with its matrix to page space, inside forms too."""
    import pypdfium2.raw as pdfium_c

    stack: list[tuple[Any, Matrix, int]] = []

    def children(parent: Any, matrix: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
        if depth == 0:
            objs = (pdfium_c.FPDFPage_GetObject(parent, i) for i in range(pdfium_c.FPDFPage_CountObjects(parent)))
        else:
            objs = (pdfium_c.FPDFFormObj_GetObject(parent, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(parent)))
        for obj in objs:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, _compose(_matrix(obj), matrix)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
                stack.append((obj, _compose(_matrix(obj), matrix), depth + 1))

    yield from children(page, IDENTITY, 0)
    while stack:
        yield from children(*stack.pop())


def _subpaths(obj: Any, matrix: Matrix, height: float) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer sees it: its operators (``m``, ``l``, ``c``, ``h``) and the end
    point of each (``h`` ends at the start), top-left origin."""
    import pypdfium2.raw as pdfium_c

    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    bezier = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps the end point of a curve only
            op = "c"
        else:
            bezier = 0
            op = "m" if kind == pdfium_c.FPDF_SEGMENT_MOVETO else "l"
        if op == "m" and ops:
            yield "".join(ops), points
            ops, points = [], []
        px, py = x.value, y.value
        ops.append(op)
        points.append((a * px + c * py + e, height - (b * px + d * py + f)))
        if pdfium_c.FPDFPathSegment_GetClose(seg):
            ops.append("h")
            points.append(points[0])
    if ops:
        yield "".join(ops), points


def _edge(p0: tuple[float, float], p1: tuple[float, float], orientation: str | None) -> Edge:
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    return {
        "object_type": "edge",
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def subpath_edges(shape: str, points: list[tuple[float, float]]) -> list[Edge]:
    """The edges pdfplumber takes from one subpath: a line (``ml``: ``h`` when level, else ``v``),
    or each segment between consecutive points (``h``, ``v`` or neither).

    >>> [(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"]) for e in subpath_edges("ml", [(10, 5), (90, 5)])]
    [('h', 10, 5, 90, 5)]
    >>> [e["orientation"] for e in subpath_edges("mllllh", [(0, 0), (0, 9), (9, 9), (9, 0), (0, 0), (0, 0)])]
    ['v', 'h', 'v', 'h']
    """
    if not shape.startswith("m") or "m" in shape[1:]:
        return []
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape, points = shape[:-2] + "h", points[:-1]  # a closing line drawn, then closed again
    if shape in ("ml", "mlh"):
        p0, p1 = points[:2]
        return [_edge(p0, p1, "h" if p0[1] == p1[1] else "v")]
    return [
        _edge(p0, p1, "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None))
        for p0, p1 in itertools.pairwise(points)
    ]


def page_edges(page: Any, height: float) -> list[Edge]:
    """The ruling edges of a page: every straight segment of every painted path."""
    edges: list[Edge] = []
    for obj, matrix in _paths(page):
        for shape, points in _subpaths(obj, matrix, height):
            edges.extend(subpath_edges(shape, points))
    return edges


HYPHEN_MARKS = {0xFFFE: "-", 0x02: "-"}  # pdfium's hyphenation marks: a dash in Chinese text


def page_chars(textpage: Any, height: float, boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """The characters drawn inside ``boxes``, with pdfminer's boxes, fake-bold doubles removed."""
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    chars: list[Char] = []
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        if pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if code in (0x0D, 0x0A) or not pdfium_c.FPDFText_GetLooseCharBox(textpage, i, rect):
            continue
        size = pdfium_c.FPDFText_GetFontSize(textpage, i)
        x0, x1, bottom = rect.left, rect.right, height - rect.bottom
        top = bottom - size
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        if not any(bx0 <= cx <= bx1 and btop <= cy <= bbottom for bx0, btop, bx1, bbottom in boxes):
            continue
        text = HYPHEN_MARKS.get(code) or chr(code)
        chars.append(
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": top,
                "doctop": top,
                "bottom": bottom,
                "width": x1 - x0,
                "height": size,
                "size": size,
                "upright": True,
            }
        )
    return dedupe_chars(chars)


def dedupe_chars(chars: list[Char], tolerance: float = 1.5) -> list[Char]:
    """Drop a character drawn again within ``tolerance`` of the same one (fake bold), as
    pdfplumber's ``dedupe_chars`` does, in one sort instead of a search per character.

    >>> a = {"text": "指", "size": 12.0, "doctop": 100.0, "x0": 50.0}
    >>> [c["x0"] for c in dedupe_chars([a, {**a, "x0": 50.3}, {**a, "x0": 62.0}])]
    [50.0, 62.0]
    """
    keep: list[int] = []
    order = sorted(range(len(chars)), key=lambda i: (chars[i]["text"], chars[i]["size"]))
    k = 0
    while k < len(order):
        j = k
        key = (chars[order[k]]["text"], chars[order[k]]["size"])
        while j < len(order) and (chars[order[j]]["text"], chars[order[j]]["size"]) == key:
            j += 1
        for y_cluster in _clusters(order[k:j], chars, "doctop", tolerance):
            for x_cluster in _clusters(y_cluster, chars, "x0", tolerance):
                keep.append(min(x_cluster, key=lambda i: (chars[i]["doctop"], chars[i]["x0"])))
        k = j
    return [chars[i] for i in sorted(keep)]


def _clusters(indices: list[int], chars: list[Char], attr: str, tolerance: float) -> list[list[int]]:
    """Chains of values each within ``tolerance`` of the one before (pdfplumber's clustering)."""
    values = sorted(set(chars[i][attr] for i in indices))
    group_of: dict[float, int] = {}
    group, last = 0, None
    for v in values:
        if last is not None and v > last + tolerance:
            group += 1
        group_of[v] = group
        last = v
    out: dict[int, list[int]] = {}
    for i in indices:
        out.setdefault(group_of[chars[i][attr]], []).append(i)
    return [out[g] for g in sorted(out)]


class Geometry:
    """What pdfplumber's ``TableFinder`` and ``Table.extract`` read from a page."""

    def __init__(self, edges: list[Edge], width: float, height: float) -> None:
        self.edges = edges
        self.chars: list[Char] = []
        self.bbox = (0.0, 0.0, width, height)


def find_tables(page: Any, width: float, height: float) -> tuple[Geometry, list[Any]]:
    """The page's ruled tables (pdfplumber ``Table`` objects over the page's :class:`Geometry`)."""
    from pdfplumber.table import TableFinder

    geometry = Geometry(page_edges(page, height), width, height)
    if not geometry.edges:
        return geometry, []
    return geometry, TableFinder(geometry).tables  # type: ignore[arg-type]
