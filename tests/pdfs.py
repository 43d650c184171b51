"""PDFs made inside the tests with reportlab's built-in STSong-Light CID font (no font files)."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
LEFT, RIGHT, SIZE = 80.0, WIDTH - 80.0, 16.0
PER_LINE = int((RIGHT - LEFT) // SIZE)


def wrap(paragraph: str, indent: bool = True) -> list[tuple[str, float]]:
    """A paragraph hard-wrapped at the line width; the first line indented two characters."""
    lines, first = [], True
    text = paragraph
    while text:
        room = PER_LINE - (2 if first and indent else 0)
        lines.append((text[:room], LEFT + (2 * SIZE if first and indent else 0)))
        text, first = text[room:], False
    return lines


def make_pdf(
    pages: Sequence[Sequence[str]],
    *,
    fake_bold: Sequence[str] = (),
    page_numbers: bool = True,
    justify: bool = False,
    table: Sequence[Sequence[str]] | None = None,
    encrypt: str | None = None,
    image_only: bool = False,
) -> bytes:
    """Pages of paragraphs -> PDF bytes, laid out roughly as GB/T 9704 notices are."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    for number, paragraphs in enumerate(pages, 1):
        y = HEIGHT - 90
        c.setFont(FONT, SIZE)
        if image_only:  # a scan: one page-sized picture, no text
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(Image.new("L", (200, 280), 200)), LEFT, 60, RIGHT - LEFT, y - 60)
        else:
            for para in paragraphs:
                heading = para.startswith(("一、", "二、", "三、")) or para in fake_bold
                for text, x in wrap(para, indent=not heading) if not heading else [(para, LEFT + 2 * SIZE)]:
                    spacing = 0.0
                    if justify and len(text) == PER_LINE and len(text) > 1:
                        spacing = ((RIGHT - x) - c.stringWidth(text, FONT, SIZE)) / (len(text) - 1)
                    obj = c.beginText(x, y)
                    obj.setFont(FONT, SIZE)
                    obj.setCharSpace(spacing)
                    obj.textOut(text)
                    c.drawText(obj)
                    if para in fake_bold:  # fake bold: the same text again, 0.3 pt to the right
                        obj = c.beginText(x + 0.3, y)
                        obj.setFont(FONT, SIZE)
                        obj.setCharSpace(spacing)
                        obj.textOut(text)
                        c.drawText(obj)
                    y -= SIZE * 1.8
            if table and number == len(pages):
                y = _draw_table(c, table, y - 10)
        if page_numbers:
            c.setFont(FONT, 12)
            c.drawCentredString(WIDTH / 2, 40, f"— {number} —")
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_table(c: canvas.Canvas, rows: Sequence[Sequence[str]], top: float) -> float:
    widths = [60.0, 250.0, (RIGHT - LEFT) - 310.0]
    row_h = SIZE * 1.8
    c.setFont(FONT, 12)
    for r, row in enumerate(rows):
        y = top - r * row_h
        x = LEFT
        for w, cell in zip(widths, row, strict=False):
            c.rect(x, y - row_h, w, row_h)
            c.drawString(x + 4, y - row_h + 7, cell)
            x += w
    return top - len(rows) * row_h


@functools.cache
def chinese_renders() -> bool:
    """Whether pdfium draws the Chinese of these PDFs when it renders a page to a picture.

    STSong-Light is not embedded: pdfium draws it with a system CJK font, and a machine without
    one draws only the digits and Latin letters (a test-made scan then reads "90%" with no name).
    """
    import pypdfium2 as pdfium

    pdf = make_pdf([["妇幼健康"]], page_numbers=False)
    image = pdfium.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("L")
    return image.getextrema()[0] < 128  # some ink


NO_CJK_FONT = (
    "pdfium has no Chinese font on this machine to draw the test PDFs' STSong-Light (not embedded), "
    "so a test-made scan holds no Chinese: install one (Debian: apt-get install fonts-wqy-zenhei)"
)
