"""OFD: the text layer of a GB/T 33190 file reads like the plain text of the same notice."""

from __future__ import annotations

import pytest

import notice
from mch_extract import extract
from mch_extract.errors import ExtractError
from mch_extract.load import ocr, sniff_format
from mch_extract.load.ofd import load_ofd
from ofds import layout, make_ofd
from pdfs import NO_CJK_FONT, chinese_renders


def notice_ofd() -> bytes:
    """The notice with its 发文机关标志 on a template page, hard-wrapped paragraphs, page
    numbers and the indicator table's cells as separate text objects."""
    body = [line for line in notice.lines()[1:] if "\t" not in line]
    return make_ofd(layout(body, table=notice.TABLE), template=notice.HEADER)


def test_ofd_gives_the_record_of_the_plain_text() -> None:
    data = notice_ofd()
    assert sniff_format(data) == "ofd"
    record = extract(data)
    assert record.source.format == "ofd" and record.source.pages == 2
    assert notice.summary(record) == notice.summary(extract(notice.text().encode()))


def test_template_text_once_page_numbers_dropped_and_paragraphs_joined() -> None:
    raw = load_ofd(notice_ofd()).raw
    assert raw.splitlines()[0] == notice.HEADER[0]
    assert "— 1 —" not in raw and "— 2 —" not in raw
    assert notice.OPENING[1] in raw.splitlines()  # hard-wrapped in the file, one paragraph here
    assert "妇女\t早孕建册率\t≥95%" in raw


def test_broken_ofd_is_a_typed_error() -> None:
    with pytest.raises(ExtractError) as err:
        load_ofd(b"PK\x03\x04 OFD.xml")
    assert err.value.type == "unsupported_format"


def test_image_only_ofd_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ExtractError) as err:
        load_ofd(make_ofd([[]], images={0: _png()}))
    assert err.value.type == "no_text_layer" and "mch-extract[ocr]" in err.value.message


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.slow
@pytest.mark.skipif(not ocr.available(), reason='the OCR extra is not installed: pip install "mch-extract[ocr]"')
@pytest.mark.skipif(not ocr.available() or not chinese_renders(), reason=NO_CJK_FONT)
def test_image_only_ofd_page_is_read_by_ocr() -> None:
    import io

    import pypdfium2 as pdfium

    from pdfs import make_pdf

    pdf = make_pdf([["一、强化妇幼健康服务", "产前筛查率达到90%，剖宫产率控制在35%以下。"]])
    image = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil()
    buf = io.BytesIO()
    image.save(buf, "PNG")
    record = extract(make_ofd([[]], images={0: buf.getvalue()}))
    assert record.source.ocr is True
    assert [(t.indicator, t.value) for t in record.targets] == [("产前筛查率", 90.0), ("剖宫产率", 35.0)]
