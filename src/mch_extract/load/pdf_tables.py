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
import struct
from bisect import bisect_left, bisect_right
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

    from .pdf import _unchecked

    m = pdfium_c.FS_MATRIX()
    if not _unchecked("FPDFPageObj_GetMatrix")(obj, ctypes.byref(m)):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


PageObjects = list[tuple[Any, int]]
"""Page objects as handles (C pointers) and their kinds (``FPDF_PAGEOBJ_*``)."""


def _paths(objects: PageObjects) -> Iterator[tuple[Any, Matrix]]:
    """Every path object among a page's ``objects`` with its matrix to page space, inside forms too."""
    import pypdfium2.raw as pdfium_c

    stack: list[tuple[Any, Matrix, int]] = []

    def children(objs: PageObjects, matrix: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
        for obj, kind in objs:
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj, _compose(_matrix(obj), matrix)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
                stack.append((obj, _compose(_matrix(obj), matrix), depth + 1))

    yield from children(objects, IDENTITY, 0)
    while stack:
        form, matrix, depth = stack.pop()
        yield from children(_form_objects(form), matrix, depth)


def _form_objects(form: Any) -> PageObjects:
    """The objects of a form object, as :data:`PageObjects`."""
    from .pdf import _child_objects

    return list(zip(*_child_objects(form, "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject"), strict=True))


def _subpaths(obj: Any, matrix: Matrix, height: float) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """Each subpath as pdfminer sees it: its operators (``m``, ``l``, ``c``, ``h``) and the end
    point of each (``h`` ends at the start), top-left origin."""
    import pypdfium2.raw as pdfium_c

    from .pdf import _Handle, _unchecked

    get_segment, get_point = _unchecked("FPDFPath_GetPathSegment", _Handle), _unchecked("FPDFPathSegment_GetPoint")
    get_type, get_close = _unchecked("FPDFPathSegment_GetType"), _unchecked("FPDFPathSegment_GetClose")
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    bezier = 0
    for i in range(_unchecked("FPDFPath_CountSegments")(obj)):
        seg = get_segment(obj, i)
        if not get_point(seg, at_x, at_y):
            continue
        kind = get_type(seg)
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
        if get_close(seg):
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


def page_edges(objects: PageObjects, height: float) -> list[Edge]:
    """The ruling edges of a page (its ``objects``): every straight segment of every painted path."""
    edges: list[Edge] = []
    for obj, matrix in _paths(objects):
        for shape, points in _subpaths(obj, matrix, height):
            edges.extend(subpath_edges(shape, points))
    return edges


HYPHEN_MARKS = {0xFFFE: "-", 0x02: "-"}  # pdfium's hyphenation marks: a dash in Chinese text


def page_chars(textpage: Any, height: float, boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """The characters drawn inside ``boxes``, with pdfminer's boxes, fake-bold doubles removed."""
    import pypdfium2.raw as pdfium_c

    from .pdf import _address, _pointer_arg, _unchecked

    rect = (ctypes.c_float * 4)()  # an FS_RECTF: left, top, right, bottom
    read_rect = struct.Struct("4f").unpack_from
    rect_pointer = ctypes.byref(rect)
    handle = _pointer_arg(_address(textpage))
    chars: list[Char] = []
    get_unicode, is_generated = _unchecked("FPDFText_GetUnicode", ctypes.c_uint), _unchecked("FPDFText_IsGenerated")
    get_box, get_size = _unchecked("FPDFText_GetLooseCharBox"), _unchecked("FPDFText_GetFontSize", ctypes.c_double)
    left = min(b[0] for b in boxes)
    right = max(b[2] for b in boxes)
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = get_unicode(handle, i)
        if code in (0x0D, 0x0A) or (code <= 0x20 and is_generated(handle, i) == 1):
            continue  # line breaks, and the spaces pdfium adds between words (all it generates)
        if not get_box(handle, i, rect_pointer):
            continue
        x0, _, x1, rect_bottom = read_rect(rect)
        cx = (x0 + x1) / 2
        if cx < left or cx > right:
            continue
        size = get_size(handle, i)
        bottom = height - rect_bottom
        top = bottom - size
        cy = (top + bottom) / 2
        for bx0, btop, bx1, bbottom in boxes:  # a loop, not any(): no generator per character
            if bx0 <= cx <= bx1 and btop <= cy <= bbottom:
                break
        else:
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
    pdfplumber's ``dedupe_chars`` does, by grouping the same characters instead of a search per character.

    >>> a = {"text": "指", "size": 12.0, "doctop": 100.0, "x0": 50.0}
    >>> [c["x0"] for c in dedupe_chars([a, {**a, "x0": 50.3}, {**a, "x0": 62.0}])]
    [50.0, 62.0]
    """
    groups: dict[tuple[str, float], list[int]] = {}  # the same character at the same size
    for i, c in enumerate(chars):
        groups.setdefault((c["text"], c["size"]), []).append(i)
    keep: list[int] = []
    for indices in groups.values():
        if len(indices) == 1:  # drawn once: nothing to compare
            keep.append(indices[0])
            continue
        for y_cluster in _clusters(indices, chars, "doctop", tolerance):
            for x_cluster in _clusters(y_cluster, chars, "x0", tolerance) if len(y_cluster) > 1 else [y_cluster]:
                if len(x_cluster) == 1:  # drawn once: no comparison, no key function made
                    keep.append(x_cluster[0])
                else:
                    keep.append(min(x_cluster, key=lambda i: (chars[i]["doctop"], chars[i]["x0"])))
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


# --- pdfplumber's table finder, with an index or a sweep where it scanned ---------------------
#
# The same decisions as pdfplumber's ``TableFinder`` with its default settings ("lines"
# strategies, every tolerance 3, edges of at least 3 pt) and ``Table.extract``, in the same
# floating-point operations: tests/test_pdf_tables.py compares both on random rulings.  Where
# pdfplumber scans every point or every cell per point (a dense grid took minutes), this
# bisects sorted lists or walks an index.

TOLERANCE = 3.0
MIN_EDGE = 3.0
Bbox = tuple[float, float, float, float]


def _cluster_ids(values: list[float], tolerance: float) -> dict[float, int]:
    """Chains of sorted distinct values, each within ``tolerance`` of the one before."""
    ids: dict[float, int] = {}
    group, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            group += 1
        ids[v] = group
        last = v
    return ids


def _snap(edges: list[Edge], attr: str) -> list[Edge]:
    """Edges within the tolerance of one another moved to their average position."""
    if not edges:
        return []
    ids = _cluster_ids([e[attr] for e in edges], TOLERANCE)
    ordered = sorted(edges, key=lambda e: ids[e[attr]])
    out: list[Edge] = []
    k = 0
    while k < len(ordered):
        j = k
        while j < len(ordered) and ids[ordered[j][attr]] == ids[ordered[k][attr]]:
            j += 1
        cluster = ordered[k:j]
        avg = sum(e[attr] for e in cluster) / len(cluster)
        for e in cluster:
            shift = avg - e[attr]
            if attr == "x0":
                out.append({**e, "x0": e["x0"] + shift, "x1": e["x1"] + shift})
            else:
                out.append({**e, "top": e["top"] + shift, "bottom": e["bottom"] + shift, "doctop": e["doctop"] + shift})
        k = j
    return out


def _join(group: list[Edge], orientation: str) -> list[Edge]:
    """Edges along one line joined where they touch or nearly touch."""
    lo, hi, size = ("x0", "x1", "width") if orientation == "h" else ("top", "bottom", "height")
    ordered = sorted(group, key=lambda e: e[lo])
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + TOLERANCE:
            if e[hi] > last[hi]:
                grown = dict(last)
                grown[hi] = e[hi]
                grown[size] = e[hi] - last["x0"] if orientation == "h" else last["height"] + (e[hi] - last[hi])
                joined[-1] = grown
        else:
            joined.append(e)
    return joined


def merge_edges(edges: list[Edge]) -> list[Edge]:
    """Ruling edges snapped, joined and at least 3 pt long (pdfplumber's ``get_edges``)."""
    vertical = [e for e in edges if e["orientation"] == "v" and e["height"] >= 1]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["width"] >= 1]
    snapped = _snap(vertical, "x0") + _snap(horizontal, "top")

    def group(e: Edge) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    ordered = sorted(snapped, key=group)
    merged: list[Edge] = []
    k = 0
    while k < len(ordered):
        j = k
        while j < len(ordered) and group(ordered[j]) == group(ordered[k]):
            j += 1
        merged.extend(_join(ordered[k:j], ordered[k]["orientation"]))
        k = j
    return [e for e in merged if e["height" if e["orientation"] == "v" else "width"] >= MIN_EDGE]


Point = tuple[float, float]


def intersections(edges: list[Edge]) -> dict[Point, tuple[set[Bbox], set[Bbox]]]:
    """Where vertical and horizontal edges cross (within the tolerance): the point, and the
    boxes of the vertical and of the horizontal edges through it."""
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    tops = [h["top"] for h in horizontal]
    found: dict[Point, tuple[set[Bbox], set[Bbox]]] = {}
    for v in vertical:
        # the horizontal edges whose top is within reach of the vertical edge, then pdfplumber's test
        first = bisect_left(tops, v["top"] - TOLERANCE - 1)
        last = bisect_right(tops, v["bottom"] + TOLERANCE + 1)
        for h in horizontal[first:last]:
            if (
                (v["top"] <= (h["top"] + TOLERANCE))
                and (v["bottom"] >= (h["top"] - TOLERANCE))
                and (v["x0"] >= (h["x0"] - TOLERANCE))
                and (v["x0"] <= (h["x1"] + TOLERANCE))
            ):
                vs, hs = found.setdefault((v["x0"], h["top"]), (set(), set()))
                vs.add((v["x0"], v["top"], v["x1"], v["bottom"]))
                hs.add((h["x0"], h["top"], h["x1"], h["bottom"]))
    return found


def cells(points: dict[Point, tuple[set[Bbox], set[Bbox]]]) -> list[Bbox]:
    """The smallest rectangle of connected points whose top-left corner is each point."""

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not points[p1][0].isdisjoint(points[p2][0]):
            return True
        return p1[1] == p2[1] and not points[p1][1].isdisjoint(points[p2][1])

    ordered = sorted(points)
    column: dict[float, list[Point]] = {}  # points sharing an x, top to bottom
    row: dict[float, list[Point]] = {}  # points sharing a y, left to right
    for pt in ordered:
        column.setdefault(pt[0], []).append(pt)
        row.setdefault(pt[1], []).append(pt)
    place_in_row = {pt: i for pts in row.values() for i, pt in enumerate(pts)}
    place_in_column = {pt: i for pts in column.values() for i, pt in enumerate(pts)}
    found: list[Bbox] = []
    for pt in ordered:
        below = column[pt[0]][place_in_column[pt] + 1 :]
        right = row[pt[1]][place_in_row[pt] + 1 :]
        cell = _smallest_cell(pt, below, right, points, connects)
        if cell is not None:
            found.append(cell)
    return found


def _smallest_cell(
    pt: Point,
    below: list[Point],
    right: list[Point],
    points: dict[Point, Any],
    connects: Any,
) -> Bbox | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in points and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def group_tables(found: list[Bbox]) -> list[list[Bbox]]:
    """Cells that share a corner, directly or through others, form a table (of 2 cells or more),
    top to bottom."""
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(found):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                a, b = root(owner[corner]), root(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[corner] = i
    groups: dict[int, list[Bbox]] = {}
    for i, cell in enumerate(found):
        groups.setdefault(root(i), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


class Table:
    """A ruled table: its cells, its rows (``None`` where a merged cell covers the column)."""

    def __init__(self, cell_boxes: list[Bbox]) -> None:
        self.cells = cell_boxes
        self.bbox: Bbox = (
            min(c[0] for c in cell_boxes),
            min(c[1] for c in cell_boxes),
            max(c[2] for c in cell_boxes),
            max(c[3] for c in cell_boxes),
        )
        xs = sorted({c[0] for c in cell_boxes})
        self.rows: list[list[Bbox | None]] = []
        by_top: dict[float, dict[float, Bbox]] = {}
        for c in sorted(cell_boxes, key=lambda c: (c[1], c[0])):
            by_top.setdefault(c[1], {})[c[0]] = c
        for top in sorted(by_top):
            self.rows.append([by_top[top].get(x) for x in xs])

    def extract(self, chars: list[Char]) -> list[list[str | None]]:
        """The text of each cell: the characters whose centre is in it, as lines of words."""
        centres = sorted(
            (((c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2, i) for i, c in enumerate(chars)),
        )
        v_mids = [v for v, _, _ in centres]
        bands: dict[tuple[float, float], tuple[list[float], list[tuple[float, int]]]] = {}
        out: list[list[str | None]] = []
        for row in self.rows:
            texts: list[str | None] = []
            for cell in row:
                if cell is None:
                    texts.append(None)
                    continue
                x0, top, x1, bottom = cell
                if (top, bottom) not in bands:  # the characters of a band, left to right
                    band = sorted((h, i) for v, h, i in centres[bisect_left(v_mids, top) : bisect_left(v_mids, bottom)])
                    bands[(top, bottom)] = ([h for h, _ in band], band)
                h_mids, band = bands[(top, bottom)]
                inside = sorted(i for _, i in band[bisect_left(h_mids, x0) : bisect_left(h_mids, x1)])
                texts.append(cell_text([chars[i] for i in inside]))
            out.append(texts)
        return out


LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def _by_line(objs: list[Char]) -> list[list[Char]]:
    """Objects clustered by their top (3 pt chains), in their order within a line."""
    ids = _cluster_ids([o["top"] for o in objs], TOLERANCE)
    lines: dict[int, list[Char]] = {}
    for o in sorted(objs, key=lambda o: ids[o["top"]]):
        lines.setdefault(ids[o["top"]], []).append(o)
    return list(lines.values())


def cell_text(chars: list[Char]) -> str:
    r"""Characters as lines of words, as pdfplumber's ``extract_text`` lays them out.

    >>> a = {"text": "率", "x0": 10.0, "x1": 22.0, "top": 5.0, "bottom": 17.0}
    >>> cell_text([a, {**a, "text": "≥", "x0": 30.0, "x1": 36.0}, {**a, "text": "二", "top": 20.0, "bottom": 32.0}])
    '率 ≥\n二'
    """
    if not chars:
        return ""
    words: list[Char] = []
    for line in _by_line(chars):
        word: list[Char] = []
        for c in sorted(line, key=lambda c: c["x0"]):
            if c["text"].isspace():
                word = _flush(word, words)
            elif word and (
                c["x0"] < word[-1]["x0"]
                or c["x0"] > word[-1]["x1"] + TOLERANCE
                or abs(c["top"] - word[-1]["top"]) > TOLERANCE
            ):
                _flush(word, words)
                word = [c]
            else:
                word.append(c)
        _flush(word, words)
    return "\n".join(" ".join(w["text"] for w in line) for line in _by_line(words))


def _flush(word: list[Char], words: list[Char]) -> list[Char]:
    if word:
        words.append(
            {
                "text": "".join(str(LIGATURES.get(c["text"], c["text"])) for c in word),
                "top": min(c["top"] for c in word),
            }
        )
    return []


def find_tables(objects: PageObjects, height: float) -> list[Table]:
    """The ruled tables of a page (its ``objects``), top to bottom."""
    edges = merge_edges(page_edges(objects, height))
    if not edges:
        return []
    return [Table(t) for t in group_tables(cells(intersections(edges)))]
