"""DOCX files as Word and LibreOffice write them, built from raw XML for the format tests.

A paragraph is a string or a ``Para``; a table is a list of rows of ``Cell``.  What Word shows
but the text does not hold (automatic numbers, symbols) is written as Word writes it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
SYMBOL_CODES = {"≥": "F0B3", "≤": "F0A3"}


@dataclass
class Para:
    text: str
    num: tuple[int, int] | None = None  # (numId, ilvl): an automatic number in front
    sdt: bool = False  # wrapped in a block-level content control
    symbols: bool = False  # ≥ ≤ written as w:sym in the Symbol font
    pua: bool = False  # ≥ ≤ written as private-use glyphs in w:t (LibreOffice)
    textbox: list[str] = field(default_factory=list)  # a text box anchored here (Choice and Fallback)


@dataclass
class Cell:
    text: str = ""
    vmerge: str | None = None  # "restart" or "continue"
    span: int = 1
    nested: list[list[Cell]] | None = None


def _runs(text: str, symbols: bool = False, pua: bool = False) -> str:
    out = []
    buf = ""
    for ch in text:
        if symbols and ch in SYMBOL_CODES:
            if buf:
                out.append(f'<w:r><w:t xml:space="preserve">{escape(buf)}</w:t></w:r>')
                buf = ""
            out.append(f'<w:r><w:sym w:font="Symbol" w:char="{SYMBOL_CODES[ch]}"/></w:r>')
        elif pua and ch in SYMBOL_CODES:
            buf += chr(int(SYMBOL_CODES[ch], 16))
        else:
            buf += ch
    if buf:
        out.append(f'<w:r><w:t xml:space="preserve">{escape(buf)}</w:t></w:r>')
    return "".join(out)


def _textbox(lines: list[str]) -> str:
    inner = "".join(f"<w:p>{_runs(t)}</w:p>" for t in lines)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def _para(p: str | Para) -> str:
    if isinstance(p, str):
        p = Para(p)
    ppr = ""
    if p.num:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{p.num[1]}"/><w:numId w:val="{p.num[0]}"/></w:numPr></w:pPr>'
    xml = f"<w:p>{ppr}{_runs(p.text, p.symbols, p.pua)}{_textbox(p.textbox) if p.textbox else ''}</w:p>"
    if p.sdt:
        xml = f'<w:sdt><w:sdtPr><w:alias w:val="文号"/></w:sdtPr><w:sdtContent>{xml}</w:sdtContent></w:sdt>'
    return xml


def _table(rows: list[list[Cell]], symbols: bool) -> str:
    out = ["<w:tbl>"]
    for row in rows:
        out.append("<w:tr>")
        for c in row:
            pr = ""
            if c.vmerge or c.span > 1:
                pr = "<w:tcPr>"
                pr += f'<w:gridSpan w:val="{c.span}"/>' if c.span > 1 else ""
                pr += ('<w:vMerge w:val="restart"/>' if c.vmerge == "restart" else "<w:vMerge/>") if c.vmerge else ""
                pr += "</w:tcPr>"
            body = f"<w:p>{_runs(c.text, symbols)}</w:p>"
            if c.nested:
                body += _table(c.nested, symbols) + "<w:p/>"
            out.append(f"<w:tc>{pr}{body}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# abstract 0: 一、 (chineseCounting), then （一） at level 1; abstract 1: 1. 2. (decimal);
# abstract 2: taiwaneseCountingThousand as LibreOffice writes Chinese numbering
NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/>'
    '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    "</w:numbering>"
)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{REL}/numbering" Target="numbering.xml"/></Relationships>'
)


def make_docx(blocks: list[str | Para | list[list[Cell]]], *, symbols: bool = True) -> bytes:
    """A DOCX whose body holds ``blocks`` (paragraphs and tables), with the numbering above."""
    body = "".join(_table(b, symbols) if isinstance(b, list) else _para(b) for b in blocks)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        zf.writestr("word/document.xml", document)
        zf.writestr("word/numbering.xml", NUMBERING)
    return buf.getvalue()
