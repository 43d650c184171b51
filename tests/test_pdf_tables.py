"""The table finder of load/pdf_tables.py against pdfplumber's own, on random rulings and text.

pdfplumber's ``TableFinder`` and ``Table.extract`` are pure geometry over dicts; fed the same
edges and characters, they must find the same cells, tables and cell texts as ours.
"""

from __future__ import annotations

import itertools
import random
import time
from typing import Any

import pytest

from mch_extract.load import pdf_tables as pt

pdfplumber_table = pytest.importorskip("pdfplumber.table")


class Page:
    """What pdfplumber's table finder reads from a page."""

    def __init__(self, edges: list[dict[str, Any]], chars: list[dict[str, Any]]) -> None:
        self.edges = edges
        self.chars = chars
        self.bbox = (0.0, 0.0, 600.0, 800.0)


def ruling(rng: random.Random) -> list[dict[str, Any]]:
    """A table or two drawn line by line, with jitter, gaps, merged cells, stray strokes."""
    edges: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 2)):
        left, top = rng.uniform(20, 100), rng.uniform(20, 300)
        xs = [left]
        for _ in range(rng.randint(1, 5)):
            xs.append(xs[-1] + rng.uniform(8, 120))
        ys = [top]
        for _ in range(rng.randint(1, 8)):
            ys.append(ys[-1] + rng.uniform(5, 40))
        for y in ys:
            for a, b in itertools.pairwise(xs):
                if rng.random() < 0.85:  # a missing stroke merges two cells
                    j = rng.choice([0.0, 0.0, rng.uniform(-2.5, 2.5)])
                    edges.append(pt._edge((a + rng.uniform(-2, 2), y + j), (b + rng.uniform(-2, 2), y + j), "h"))
        for x in xs:
            for a, b in itertools.pairwise(ys):
                if rng.random() < 0.85:
                    j = rng.choice([0.0, 0.0, rng.uniform(-2.5, 2.5)])
                    edges.append(pt._edge((x + j, a + rng.uniform(-2, 2)), (x + j, b + rng.uniform(-2, 2)), "v"))
    for _ in range(rng.randint(0, 4)):  # underlines and ticks
        x, y = rng.uniform(0, 500), rng.uniform(0, 700)
        edges.append(pt._edge((x, y), (x + rng.uniform(0, 60), y), "h"))
        edges.append(pt._edge((x, y), (x, y + rng.uniform(0, 6)), "v"))
    rng.shuffle(edges)
    return edges


def characters(rng: random.Random) -> list[dict[str, Any]]:
    chars = []
    for _ in range(rng.randint(0, 400)):
        x, size = rng.uniform(20, 700), rng.choice([6.0, 10.5, 12.0, 16.0])
        bottom = rng.uniform(20, 700)
        width = size * rng.choice([0.5, 1.0])
        text = rng.choice("妇幼率≥%1 ﬁ")
        chars.append(
            {"text": text, "x0": x, "x1": x + width, "top": bottom - size, "bottom": bottom, "size": size}
            | {"upright": True, "doctop": bottom - size, "width": width, "height": size}
        )
    return chars


@pytest.mark.parametrize("seed", range(150))
def test_same_cells_tables_and_texts_as_pdfplumber(seed: int) -> None:
    rng = random.Random(seed)
    edges, chars = ruling(rng), characters(rng)
    page = Page(edges, chars)
    theirs = pdfplumber_table.TableFinder(page)  # type: ignore[arg-type]
    merged = pt.merge_edges(edges)
    assert merged == theirs.edges
    points = pt.intersections(merged)
    assert sorted(points) == sorted(theirs.intersections)
    assert pt.cells(points) == theirs.cells
    ours = [pt.Table(t) for t in pt.group_tables(pt.cells(points))]
    assert [t.bbox for t in ours] == [t.bbox for t in theirs.tables]
    assert [t.rows for t in ours] == [[r.cells for r in t.rows] for t in theirs.tables]
    assert [t.extract(chars) for t in ours] == [t.extract() for t in theirs.tables]


def test_cell_text_as_pdfplumber_lays_it_out() -> None:
    from pdfplumber.utils import extract_text

    rng = random.Random(7)
    for _ in range(200):
        chars = characters(rng)[: rng.randint(1, 30)]
        for c in chars:  # one cell's worth: a few lines close together
            c["top"], c["bottom"] = c["top"] % 40, c["top"] % 40 + c["size"]
            c["doctop"] = c["top"]
        assert pt.cell_text(chars) == extract_text(chars)


def test_a_dense_grid_takes_time_in_proportion_to_its_cells() -> None:
    def grid(n: int) -> list[dict[str, Any]]:
        lines = [pt._edge((0.0, 5.0 * i), (5.0 * n, 5.0 * i), "h") for i in range(n + 1)]
        return lines + [pt._edge((5.0 * i, 0.0), (5.0 * i, 5.0 * n), "v") for i in range(n + 1)]

    def run(n: int) -> float:
        edges = grid(n)
        t = time.process_time()
        tables = pt.group_tables(pt.cells(pt.intersections(pt.merge_edges(edges))))
        assert len(tables[0]) == n * n
        return time.process_time() - t

    run(10)
    small, large = min(run(30) for _ in range(3)), min(run(60) for _ in range(3))
    assert large < 8 * small  # 4x the cells; pdfplumber's own scan takes about 16x


def test_ruling_inside_a_form_object_is_found() -> None:
    """A ruled rectangle drawn inside a form XObject (no sample PDF has one): its edges are found
    through the form's own objects, in page space (bug: the form branch had no test)."""
    pdfium = pytest.importorskip("pypdfium2")
    import pypdfium2.raw as c

    from mch_extract.load.pdf import _page_objects

    source = pdfium.PdfDocument.new()
    drawn = source.new_page(200, 200)
    rect = c.FPDFPageObj_CreateNewRect(10, 10, 50, 30)
    c.FPDFPath_SetDrawMode(rect, 0, 1)  # stroked
    c.FPDFPage_InsertObject(drawn.raw, rect)
    c.FPDFPage_GenerateContent(drawn.raw)
    target = pdfium.PdfDocument.new()
    page = target.new_page(200, 200)
    form = c.FPDF_NewFormObjectFromXObject(c.FPDF_NewXObjectFromPage(target.raw, source.raw, 0))
    c.FPDFPage_InsertObject(page.raw, form)
    c.FPDFPage_GenerateContent(page.raw)

    handles, kinds = _page_objects(page)
    assert kinds == [c.FPDF_PAGEOBJ_FORM]
    edges = pt.page_edges(list(zip(handles, kinds, strict=True)), 200.0)
    assert sorted((e["orientation"], e["x0"], e["x1"], e["top"], e["bottom"]) for e in edges) == [
        ("h", 10.0, 60.0, 160.0, 160.0),
        ("h", 10.0, 60.0, 190.0, 190.0),
        ("v", 10.0, 10.0, 160.0, 190.0),
        ("v", 60.0, 60.0, 160.0, 190.0),
    ]
