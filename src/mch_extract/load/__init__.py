"""File -> pages of raw text, with the format sniffed from the content, not the name.

>>> sniff_format(b"%PDF-1.7 ..."), sniff_format("各医疗卫生单位：".encode())
('pdf', 'text')
>>> sniff_format(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600)), sniff_format(b"PK\x03\x04 OFD.xml ")
('doc', 'ofd')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import ExtractError


@dataclass
class Loaded:
    """Raw text of a document as pages; ``page_starts[i]`` is where page i+1 starts in ``raw``."""

    raw: str
    format: str
    encoding: str | None = None
    pages: int | None = None
    page_starts: list[int] = field(default_factory=list)
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)  # what was repaired on the way (stray NUL bytes …)


def sniff_format(data: bytes) -> str:
    head = data[:2048].lstrip()
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"  # an OLE2 compound file: Word 97-2003 or WPS
    if data[:4] == b"PK\x03\x04" and (b"OFD.xml" in data[:65536] or b"OFD.xml" in data[-65536:]):
        return "ofd"
    if data[:4] == b"PK\x03\x04":
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<body" in low:
        return "html"
    if data[:4] in (b"\x7fELF", b"\x89PNG") or data[:3] == b"\xff\xd8\xff" or data[:4] == b"GIF8":
        return "binary"
    return "text"


def load_bytes(data: bytes, *, max_pages: int | None = None) -> Loaded:
    """Decode or parse ``data`` according to its sniffed format."""
    if not data.strip():
        raise ExtractError("empty")
    kind = sniff_format(data)
    if kind == "pdf":
        from .pdf import load_pdf

        return load_pdf(data, max_pages=max_pages)
    if kind == "ofd":
        from .ofd import load_ofd

        return load_ofd(data, max_pages=max_pages)
    if kind == "doc":
        from .doc import load_doc

        return load_doc(data)
    if kind == "docx":
        from .docx import load_docx

        return load_docx(data)
    if kind == "html":
        from .html import load_html

        return load_html(data)
    if kind in ("zip", "binary"):
        kinds = "a PDF, OFD, text, Word (DOCX, DOC, WPS) or HTML document"
        raise ExtractError("unsupported_format", f"a {kind} file, not {kinds}")
    from .text import load_text

    return load_text(data)
