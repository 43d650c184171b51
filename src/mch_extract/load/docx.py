"""DOCX bytes -> text: paragraphs as lines, table rows as tab-separated lines (stdlib only)."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

from ..errors import ExtractError
from . import Loaded

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(p: ET.Element) -> str:
    parts = []
    for node in p.iter():
        if node.tag == W + "t" and node.text:
            parts.append(node.text)
        elif node.tag == W + "tab":
            parts.append("\t")
        elif node.tag in (W + "br", W + "cr"):
            parts.append("\n")
    return "".join(parts)


def load_docx(data: bytes) -> Loaded:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ExtractError("unsupported_format", "a ZIP file that is not a readable DOCX document") from exc
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ExtractError("unsupported_format", "the DOCX document's XML is broken") from exc
    body = root.find(W + "body")
    lines: list[str] = []
    for block in body if body is not None else []:
        if block.tag == W + "p":
            lines.append(_paragraph_text(block))
        elif block.tag == W + "tbl":
            for tr in block.iter(W + "tr"):
                cells = ["".join(_paragraph_text(p) for p in tc.iter(W + "p")) for tc in tr.iter(W + "tc")]
                lines.append("\t".join(c.replace("\t", " ") for c in cells))
    text = "\n".join(lines)
    if not text.strip():
        raise ExtractError("empty", "the DOCX document holds no text")
    return Loaded(raw=text, format="docx", encoding="utf-8")
