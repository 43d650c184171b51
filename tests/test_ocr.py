"""OCR of scanned pages (the optional extra): a scan reads like the text layer of the same notice.

Every test that runs OCR is skipped, with the reason, when the extra is not installed, and is
marked slow (10-20 s each); CI installs the extra in a second environment and runs them there.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import notice
from helpers import SHARED
from mch_extract import extract
from mch_extract.errors import ExtractError
from mch_extract.load import ocr
from pdfs import NO_CJK_FONT, chinese_renders, make_pdf

needs_ocr = pytest.mark.skipif(
    not ocr.available(), reason='the OCR extra is not installed: pip install "mch-extract[ocr]"'
)
# a scan made here renders Chinese with a system font (see pdfs.chinese_renders)
needs_cjk_font = pytest.mark.skipif(not ocr.available() or not chinese_renders(), reason=NO_CJK_FONT)


def scanned(pdf: bytes, pages: list[int] | None = None, dpi: int = 200) -> bytes:
    """The PDF as a scanner gives it: each page (or each page in ``pages``) a JPEG picture."""
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    doc = pdfium.PdfDocument(pdf)
    buf = io.BytesIO()
    out = canvas.Canvas(buf)
    for i in range(len(doc)):
        page = doc[i]
        width, height = page.get_size()
        out.setPageSize((width, height))
        if pages is None or i in pages:
            image = page.render(scale=dpi / 72).to_pil().convert("RGB")
            jpeg = io.BytesIO()
            image.save(jpeg, "JPEG", quality=85)
            out.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width, height)
        else:  # this page keeps its text: draw it again from the text of the original
            out.setFont("STSong-Light", 16)
            text = page.get_textpage().get_text_range()
            y = height - 90
            for line in text.splitlines():
                out.drawString(80, y, line.strip())
                y -= 28
        out.showPage()
    out.save()
    return buf.getvalue()


def notice_pdf() -> bytes:
    body = [line for line in notice.lines() if "\t" not in line]
    return make_pdf([body[:12], body[12:]], table=notice.TABLE)


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ExtractError) as err:
        extract(make_pdf([["x"]], image_only=True))
    assert err.value.type == "no_text_layer"
    assert 'pip install "mch-extract[ocr]"' in err.value.message


def test_boxes_on_one_baseline_are_one_line() -> None:
    boxes = [(300, 100, 500, 140, "管理率达到"), (100, 102, 290, 141, "孕产妇系统"), (100, 200, 200, 240, "95%")]
    assert [b[4] for b in ocr.merge_boxes(boxes)] == ["孕产妇系统管理率达到", "95%"]


@needs_ocr
@needs_cjk_font
@pytest.mark.slow
def test_scan_reads_like_the_text_layer() -> None:
    pdf = notice_pdf()
    text_layer = extract(pdf)
    record = extract(scanned(pdf))
    assert record.source.ocr is True and text_layer.source.ocr is False
    assert notice.summary(record) == notice.summary(text_layer)


@needs_ocr
@needs_cjk_font
@pytest.mark.slow
def test_mixed_pdf_reads_only_the_pages_without_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    real = ocr.ocr_page

    def spy(page: Any, header: Any) -> Any:
        calls.append(page)
        return real(page, header)

    monkeypatch.setattr(ocr, "ocr_page", spy)
    pdf = notice_pdf()
    record = extract(scanned(pdf, pages=[1]))
    assert len(calls) == 1
    assert record.source.ocr is True
    assert record.document.doc_number == notice.DOC_NUMBER
    assert [t.indicator for t in record.targets][-3:] == [row[1] for row in notice.TABLE[1:]]


@needs_ocr
@pytest.mark.slow
def test_max_pages_limits_the_pages_read(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    real = ocr.ocr_page
    monkeypatch.setattr(ocr, "ocr_page", lambda page, header: calls.append(page) or real(page, header))
    record = extract(scanned(notice_pdf()), max_pages=1)
    assert len(calls) == 1 and record.source.ocr is True


def _shared(name: str) -> Path:
    path = SHARED / "samples" / "pdf" / name
    if not path.exists():
        pytest.skip("../shared is not here")
    return path


@needs_ocr
@pytest.mark.slow
def test_shared_scanned_notice_reads_like_its_text_layer() -> None:
    text_layer = extract(_shared("000_ce88f1ec540b8540.pdf"))
    record = extract(_shared("000_ce88f1ec540b8540.scanned.pdf"))
    assert record.source.ocr is True
    assert notice.summary(record) == notice.summary(text_layer)


@needs_ocr
@pytest.mark.slow
def test_scanned_ruled_indicator_table_reads_like_its_text_layer() -> None:
    pdf = _shared("001_c0e798cd467e829b.pdf").read_bytes()
    text_layer = extract(pdf)
    record = extract(scanned(pdf))
    assert record.source.ocr is True
    got, want = notice.summary(record), notice.summary(text_layer)
    assert got["fields"] == want["fields"] and got["tasks"] == want["tasks"]
    missed = set(want["targets"]) - set(got["targets"])
    assert len(missed) <= 1, missed  # OCR may misread one value of 29
