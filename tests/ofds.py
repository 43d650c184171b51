"""OFD files (GB/T 33190) built from raw XML for the format tests: text objects laid out as a
notice is (hard-wrapped lines, a template page, page numbers, table cells), or page pictures."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 5.6  # mm: 16 pt
LEFT, WIDTH, HEIGHT = 28.0, 154.0, 297.0
PER_LINE = int(WIDTH // SIZE)


def _text(x: float, y: float, text: str, obj_id: int, size: float = SIZE) -> str:
    """One text object: its boundary at (x, y - size), the run's baseline at Y = size."""
    dx = " ".join(["g", str(len(text) - 1), str(size)]) if len(text) > 1 else ""
    return (
        f'<ofd:TextObject ID="{obj_id}" Boundary="{x:.2f} {y - size:.2f} {len(text) * size:.2f} {size * 1.4:.2f}" '
        f'Font="1" Size="{size}"><ofd:TextCode X="0" Y="{size}" DeltaX="{dx}">{escape(text)}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def _page(objects: list[str], template: bool = False) -> str:
    tpl = '<ofd:Template TemplateID="100" ZOrder="Background"/>' if template else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}>{tpl}<ofd:Content><ofd:Layer ID="2">'
        f"{''.join(objects)}</ofd:Layer></ofd:Content></ofd:Page>"
    )


def layout(lines: list[str], table: list[list[str]] | None = None, start: float = 40.0) -> list[list[str]]:
    """Paragraphs hard-wrapped into text objects, pages of 24 lines; table rows as cells."""
    pages: list[list[str]] = [[]]
    y, n = start, 10
    items: list[tuple[float, str] | list[str]] = []
    for para in lines:
        heading = para[:2] in ("一、", "二、", "三、") or len(para) <= 20
        indent = 0.0 if heading else 2 * SIZE
        first = True
        while para:
            room = PER_LINE - (2 if first and not heading else 0)
            items.append((LEFT + (indent if first else 0.0), para[:room]))
            para, first = para[room:], False
    items.extend(table or [])
    for item in items:
        if y > 250:
            pages.append([])
            y = 40.0
        if isinstance(item, tuple):
            x, text = item
            pages[-1].append(_text(x, y, text, n))
            n += 1
        else:
            for k, cell in enumerate(item):
                pages[-1].append(_text(LEFT + 2 + k * 50, y, cell, n))
                n += 1
        y += 10
    return pages


def make_ofd(
    pages: list[list[str]], template: list[str] | None = None, images: dict[int, bytes] | None = None
) -> bytes:
    """An OFD of pages of text objects; ``template`` text sits on the first page's template;
    ``images`` maps a page index to a PNG drawn over the whole page (a scan)."""
    buf = io.BytesIO()
    images = images or {}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        page_list = "".join(f'<ofd:Page ID="{k + 1}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages)))
        zf.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>999'
            "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
            '<ofd:TemplatePage ID="100" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
            f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        )
        media = "".join(
            f'<ofd:MultiMedia ID="{500 + k}" Type="Image"><ofd:MediaFile>image_{k}.png</ofd:MediaFile></ofd:MultiMedia>'
            for k in images
        )
        zf.writestr(
            "Doc_0/DocumentRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res"><ofd:MultiMedias>{media}'
            "</ofd:MultiMedias></ofd:Res>",
        )
        for k, png in images.items():
            zf.writestr(f"Doc_0/Res/image_{k}.png", png)
        tpl = [_text(LEFT + 10, 28.0, t, 900 + i, 7.7) for i, t in enumerate(template or [])]
        zf.writestr("Doc_0/Tpls/Tpl_0/Content.xml", _page(tpl))
        for k, objects in enumerate(pages):
            objects = list(objects)
            if k in images:
                objects.append(f'<ofd:ImageObject ID="{700 + k}" Boundary="0 0 210 297" ResourceID="{500 + k}"/>')
            else:
                objects.append(_text(95.0, 280.0, f"— {k + 1} —", 800 + k, 4.9))
            zf.writestr(f"Doc_0/Pages/Page_{k}/Content.xml", _page(objects, template=bool(template) and k == 0))
    return buf.getvalue()
