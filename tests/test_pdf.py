"""PDF notices: generated in the test (fake bold, justified lines, a ruled table, page numbers),
and the shared government-style PDFs when ../shared is there."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen import canvas

from helpers import SAMPLES, shared_pdfs
from mch_extract import extract
from mch_extract.errors import ExtractError
from mch_extract.load.ocr import available as ocr_available
from mch_extract.load.pdf import load_pdf
from pdfs import make_pdf

PLAN = [
    "一、强化妇幼健康服务体系建设",
    "推进区妇幼保健院标准化建设，加强各社区卫生服务中心妇女保健、儿童保健规范化门诊提档升级建设，"
    "规范化门诊覆盖面不低于80%。开展规范化门诊建设经验交流与观摩。",
    "二、强化出生缺陷综合防治",
    "加强产前筛查与产前诊断管理，为孕妇提供便捷的产前筛查和产前诊断服务，产前筛查率达到90%。",
]


def test_fake_bold_text_is_not_doubled() -> None:
    notice = extract(make_pdf([PLAN], fake_bold=["一、强化妇幼健康服务体系建设"]))
    assert next(t.heading for t in notice.tasks if t.level == 1) == "强化妇幼健康服务体系建设"
    assert "强强化化" not in (extract(make_pdf([PLAN], fake_bold=PLAN), with_text=True).text or "")


def test_justified_lines_gain_no_spaces_and_wrapped_lines_are_joined() -> None:
    notice = extract(make_pdf([PLAN], justify=True), with_text=True)
    text = notice.text or ""
    assert "提档升级建设，规范化门诊覆盖面不低于80%" in text.replace("\n", "")
    assert [(t.indicator, t.value) for t in notice.targets] == [("规范化门诊覆盖面", 80.0), ("产前筛查率", 90.0)]
    assert " " not in text.split("\n")[1]


def test_page_numbers_are_dropped_and_pages_are_right() -> None:
    pdf = make_pdf([PLAN[:2], PLAN[2:]])
    loaded = load_pdf(pdf)
    assert "— 1 —" not in loaded.raw and "— 2 —" not in loaded.raw
    notice = extract(pdf)
    assert [(t.indicator, t.page) for t in notice.targets] == [("规范化门诊覆盖面", 1), ("产前筛查率", 2)]
    assert [t.page for t in notice.tasks] == [1, 2]


def test_a_ruled_table_becomes_indicator_rows() -> None:
    table = [["序号", "指标", "目标值"], ["1", "早孕建册率", "≥95%"], ["2", "剖宫产率", "≤35%"]]
    notice = extract(make_pdf([["2024年核心指标"]], table=table))
    assert [(t.indicator, t.comparator, t.value, t.rule) for t in notice.targets] == [
        ("早孕建册率", ">=", 95.0, "table-column"),  # the header row names the 指标 and 目标值 columns
        ("剖宫产率", "<=", 35.0, "table-column"),
    ]
    assert [t.id for t in notice.tasks] == ["1", "2"]


def test_image_only_pdf_has_no_text_layer() -> None:
    with pytest.raises(ExtractError) as err:
        extract(make_pdf([["x"]], image_only=True))
    assert err.value.type == "no_text_layer" and "OCR" in err.value.message


def test_encrypted_pdf_needs_its_password_but_an_empty_one_opens() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    with pytest.raises(ExtractError) as err:
        extract(make_pdf([PLAN], encrypt="secret"))  # type: ignore[arg-type]
    assert err.value.type == "encrypted_pdf"
    # an owner password alone (empty user password) opens normally; a standard font is used here
    # because pdfminer cannot map the built-in CID font of an encrypted file back to Unicode
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("", ownerPassword="owner"))
    c.drawString(72, 720, "Maternal health report 2024: coverage 95%")
    c.showPage()
    c.save()
    assert "coverage 95%" in load_pdf(buf.getvalue()).raw


def test_half_downloaded_pdf_is_corrupt() -> None:
    pdf = make_pdf([PLAN])
    with pytest.raises(ExtractError) as err:
        extract(pdf[: len(pdf) // 3])
    assert err.value.type in ("corrupt_pdf", "no_text_layer")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("000_ce88f1ec540b8540.scanned.pdf", "no_text_layer"),
        ("001_c0e798cd467e829b.nocmap.pdf", "unreadable_text_layer"),
    ],
)
def test_shared_unreadable_pdfs(name: str, kind: str) -> None:
    path = next((p for p in shared_pdfs() if p.name == name), None)
    if path is None:
        pytest.skip("../shared is not here")
    if kind == "no_text_layer" and ocr_available():
        pytest.skip("the OCR extra is installed: tests/test_ocr.py reads this scan")
    with pytest.raises(ExtractError) as err:
        extract(path)
    assert err.value.type == kind


PAGES_BY_HAND = {
    # (indicator, value) -> the page it is printed on, read off the PDF by eye
    "001_c0e798cd467e829b.pdf": {
        ("儿童友好医院创建", 5.0): 3,
        ("早孕建册率", 95.0): 8,
        ("剖宫产率", 28.0): 8,
        ("唐氏筛查率", 90.0): 9,
        ("4-6岁儿童屈光筛查率", 98.0): 9,
    },
    "002_1832283cccf20dce.fakebold.pdf": {
        ("心脏超声诊断", 208.0): 4,
        ("婴儿死亡率", 4.5): 7,
        ("0-3岁儿童发育筛查率", 90.0): 8,
    },
}


@pytest.mark.parametrize("name", sorted(PAGES_BY_HAND))
def test_target_pages_checked_by_hand(name: str) -> None:
    notice = extract(SAMPLES / "pdf" / name)
    pages = {(t.indicator, t.value): t.page for t in notice.targets}
    for key, page in PAGES_BY_HAND[name].items():
        assert pages[key] == page, key
    assert all(t.page is not None and 1 <= t.page <= (notice.source.pages or 0) for t in notice.targets)


def test_ruled_table_drawn_line_by_line_with_a_merged_cell_a_fake_bold_cell_and_a_scaled_frame() -> None:
    """Tables come from pypdfium2's drawing: lines and frames (also under a scaling matrix), a
    first-column cell merged down, a value drawn twice 0.3 pt apart; a rounded box is no table."""
    from pdfs import FONT

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(FONT, 12)
    top, rh, xs = 742.0, 26.0, [80, 160, 360, 515]
    for r in range(4):
        c.line(80 if r in (0, 1, 3) else 160, top - r * rh, 515, top - r * rh)
    for x in xs:
        c.line(x, top, x, top - 3 * rh)
    for x, text in zip(xs, ["类别", "内容", "2019年度目标"], strict=False):
        c.drawString(x + 4, top - rh + 8, text)
    c.drawString(84, top - 2 * rh - 20, "重点指标")
    for r, (name, value) in enumerate([("孕产妇系统管理率", "≥ 91%"), ("早孕建册率", "≥ 95%")], 1):
        c.drawString(164, top - (r + 1) * rh + 8, f"{r}. {name}")
        c.drawString(364, top - (r + 1) * rh + 8, value)
        c.drawString(364.3, top - (r + 1) * rh + 8, value)
    c.roundRect(80, 300, 435, 120, 10)
    c.saveState()
    c.translate(100, 500)
    c.scale(0.9, 0.9)
    c.rect(0, 0, 300, 50)
    c.line(150, 0, 150, 50)
    c.drawString(5, 20, "孕产妇死亡率")
    c.drawString(155, 20, "<10/10万")
    c.restoreState()
    c.showPage()
    c.save()
    assert load_pdf(buf.getvalue()).raw.split("\n") == [
        "类别\t内容\t2019年度目标",
        "重点指标\t1. 孕产妇系统管理率\t≥ 91%",
        "重点指标\t2. 早孕建册率\t≥ 95%",
        "孕产妇死亡率\t<10/10万",
    ]
