"""DOCX: what Word shows but w:t does not hold (numbers, symbols, controls, merged cells) is read."""

from __future__ import annotations

import notice
from docxs import Cell, Para, make_docx
from mch_extract import extract
from mch_extract.load.docx import load_docx


def notice_docx(*, pua: bool = False) -> bytes:
    """The shared notice as Word writes it: automatic numbering for 一、 and 1., the document
    number in a content control, ≥/≤ as Symbol-font characters, the signature in a text box and
    the table's category column merged down."""
    blocks: list[str | Para | list[list[Cell]]] = [
        *notice.HEADER,
        Para(notice.DOC_NUMBER, sdt=True),
        notice.TITLE,
        *notice.OPENING,
        Para("", textbox=[notice.SIGNATURE[0]]),
        notice.SIGNATURE[1],
        *notice.PLAN,
    ]
    for heading, items in notice.SECTIONS:
        blocks.append(Para(heading, num=(1, 0)))
        blocks.extend(Para(item, num=(2, 0), symbols=not pua, pua=pua) for item in items)
    rows = [[Cell(c) for c in notice.TABLE[0]]]
    previous = None
    for row in notice.TABLE[1:]:
        first = Cell(row[0], vmerge="restart") if row[0] != previous else Cell(vmerge="continue")
        previous = row[0]
        rows.append([first, Cell(row[1]), Cell(row[2])])
    blocks.append(rows)
    return make_docx(blocks, symbols=not pua)


def test_docx_gives_the_record_of_the_plain_text() -> None:
    expected = notice.summary(extract(notice.text().encode()))
    assert notice.summary(extract(notice_docx())) == expected
    assert notice.summary(extract(notice_docx(pua=True))) == expected


def test_numbering_symbols_controls_merged_cells_and_text_boxes_once() -> None:
    raw = load_docx(notice_docx()).raw
    assert "一、加强妇幼健康服务能级建设" in raw and "三、核心指标" in raw
    assert "3.加强出生缺陷综合防治" in raw  # decimal numbering goes on across the sections
    assert "筛查率≥98%" in raw and "婴儿死亡率\t≤5‰" in raw
    assert notice.DOC_NUMBER in raw
    assert "妇女\t产后访视率\t≥98%" in raw  # the merged category carried down
    assert raw.splitlines().count(notice.SIGNATURE[0]) == 1  # Choice and Fallback copies of the text box: once


def test_nested_tables_and_spans_once() -> None:
    inner = [[Cell("早孕建册率"), Cell("≥95%")]]
    rows = [
        [Cell("类别"), Cell("指标", span=2)],
        [Cell("孕产妇保健"), Cell("见下表", nested=inner), Cell("")],
    ]
    raw = load_docx(make_docx(["核心指标", rows])).raw
    assert raw.count("早孕建册率") == 1
    assert "早孕建册率\t≥95%" in raw
    assert "类别\t指标" in raw


def test_taiwanese_counting_as_libreoffice_writes_it() -> None:
    raw = load_docx(make_docx([Para(f"第{k}项", num=(3, 0)) for k in range(1, 13)])).raw
    assert raw.splitlines()[0] == "一、第1项" and raw.splitlines()[11] == "十二、第12项"
