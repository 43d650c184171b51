"""DOCX bytes -> text: paragraphs as lines, table rows as tab-separated lines (stdlib only).

What Word shows but ``w:t`` does not hold is rendered too: automatic numbering (``w:numPr``,
directly or through the paragraph style: decimal, Chinese counting, ``taiwaneseCountingThousand``,
circled, letters, Roman), content controls (``w:sdt``), symbols (``w:sym`` and the private-use
U+F0xx glyphs of the Symbol font: ``≥ ≤ ± ×``), merged cells (a vertically merged cell's text
carried down, a horizontally merged one padded), nested tables and text boxes once each
(``mc:Fallback`` copies skipped).  python-docx and docx2python were measured and do none of
numbering in Chinese formats, body-level content controls or symbols, so the reader is ours.

>>> number_text(12, "chineseCounting"), number_text(20, "taiwaneseCountingThousand")
('十二', '二十')
>>> number_text(3, "decimalEnclosedCircle"), number_text(105, "chineseCounting")
('③', '一百零五')
>>> symbol_char("F0B3"), fix_symbols("≥95%，\\uf0a3 5%")
('≥', '≥95%，≤ 5%')
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from ..errors import ExtractError
from . import Loaded

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# Symbol font code points (as U+F0xx or xx) -> Unicode
SYMBOL = {
    0x3C: "<", 0x3D: "=", 0x3E: ">", 0x25: "%", 0x2B: "+", 0x2D: "−", 0xA3: "≤", 0xB3: "≥", 0xB1: "±", 0xB4: "×",
    0xB8: "÷", 0xB0: "°", 0xB9: "≠", 0xBB: "≈", 0xBA: "≡", 0xAE: "→", 0xAC: "←", 0xAD: "↑", 0xAF: "↓", 0xD6: "√",
    0xA5: "∞", 0xB7: "•", 0xD7: "·", 0x6D: "μ", 0x61: "α", 0x62: "β", 0x67: "γ", 0x44: "Δ", 0xE6: "(", 0xF6: ")",
}  # fmt: skip
WINGDINGS = {0xFC: "✓", 0xFB: "✗", 0xFD: "☒", 0xFE: "☑", 0xA8: "□", 0x6F: "□", 0x6C: "●", 0x9F: "•", 0xA7: "▪"}
_PUA = {0xF000 + k: v for k, v in SYMBOL.items()}

CHINESE_DIGITS = "〇一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def symbol_char(code: str, font: str = "Symbol") -> str:
    """The character a ``w:sym`` draws (``w:char`` is hex, often F0xx)."""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    if n >= 0xF000:
        n -= 0xF000
    table = WINGDINGS if "wingding" in font.lower() else SYMBOL
    if n in table:
        return table[n]
    return chr(n) if 0x20 <= n < 0x7F else ""


def fix_symbols(text: str) -> str:
    """Private-use Symbol-font glyphs in ``w:t`` text (LibreOffice writes them) as Unicode."""
    if not any(0xF000 <= ord(c) <= 0xF0FF for c in text):
        return text
    return "".join(_PUA.get(ord(c), "" if 0xF000 <= ord(c) <= 0xF0FF else c) for c in text)


def _chinese(n: int) -> str:
    """一 … 九十九, 一百 …: the counting form (十一, 二十, 一百零五)."""
    if n <= 0:
        return "〇"
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if not rest:
            return CHINESE_DIGITS[hundreds] + "百"
        tail = "零" + CHINESE_DIGITS[rest] if rest < 10 else ("一" if rest < 20 else "") + _chinese(rest)
        return CHINESE_DIGITS[hundreds] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def number_text(n: int, fmt: str) -> str:
    """The counter ``n`` in a ``w:numFmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCountingThousand", "taiwaneseCounting",
               "japaneseCounting", "ideographDigital", "chineseLegalSimplified", "koreanCounting"):  # fmt: skip
        return _chinese(n) if fmt != "ideographDigital" else "".join(CHINESE_DIGITS[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return TIANGAN[n - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"


@dataclass
class Numbering:
    """Word's list definitions and the counters while the document is read."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> (abstractId, overrides)
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # paragraph style -> (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, numbering: bytes | None, styles: bytes | None) -> Numbering:
        out = cls()
        if numbering:
            root = ET.fromstring(numbering)
            for a in root.iter(W + "abstractNum"):
                levels = {}
                for lvl in a.iter(W + "lvl"):
                    levels[int(lvl.get(W + "ilvl", "0"))] = _Level(
                        fmt=_val(lvl.find(W + "numFmt"), "decimal"),
                        text=_val(lvl.find(W + "lvlText"), ""),
                        start=int(_val(lvl.find(W + "start"), "1") or 1),
                        suffix=_val(lvl.find(W + "suff"), "tab"),
                    )
                out.abstract[a.get(W + "abstractNumId", "")] = levels
            for num in root.iter(W + "num"):
                overrides = {}
                for o in num.iter(W + "lvlOverride"):
                    start = o.find(W + "startOverride")
                    if start is not None:
                        overrides[int(o.get(W + "ilvl", "0"))] = int(_val(start, "1"))
                out.nums[num.get(W + "numId", "")] = (_val(num.find(W + "abstractNumId"), ""), overrides)
        if styles:
            for style in ET.fromstring(styles).iter(W + "style"):
                pr = style.find(f"{W}pPr/{W}numPr")
                if pr is not None:
                    out.styles[style.get(W + "styleId", "")] = (
                        _val(pr.find(W + "numId"), ""),
                        int(_val(pr.find(W + "ilvl"), "0") or 0),
                    )
        return out

    def label(self, p: ET.Element) -> str:
        """The number Word shows in front of paragraph ``p`` (advancing the counters)."""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return ""
        pr = ppr.find(W + "numPr")
        style = _val(ppr.find(W + "pStyle"), "")
        num_id, ilvl = self.styles.get(style, ("", 0))
        if pr is not None:
            num_id = _val(pr.find(W + "numId"), num_id)
            ilvl = int(_val(pr.find(W + "ilvl"), str(ilvl)) or 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        # lists sharing a definition count on together unless one restarts (a start override)
        counts = self.counters.setdefault(num_id if overrides else "a" + abstract_id, [0] * 9)
        ilvl = min(ilvl, 8)
        start = overrides.get(ilvl, levels[ilvl].start)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        level = levels[ilvl]
        if level.fmt == "bullet" or level.fmt == "none":
            return ""
        text = level.text
        for k in range(ilvl, -1, -1):
            lv = levels.get(k, _Level())
            n = counts[k] or overrides.get(k, lv.start)
            text = text.replace(f"%{k + 1}", number_text(n, lv.fmt if k == ilvl or lv.fmt != "bullet" else "decimal"))
        if level.suffix != "nothing" and text and text[-1] not in "、.．，)）:：":
            text += " "
        return text


def _val(el: ET.Element | None, default: str) -> str:
    return default if el is None else el.get(W + "val", default)


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []

    def blocks(self, parent: ET.Element) -> None:
        for block in parent:
            if block.tag == W + "p":
                self.paragraph(block)
            elif block.tag == W + "tbl":
                self.table(block)
            elif block.tag == W + "sdt":
                content = block.find(W + "sdtContent")
                if content is not None:
                    self.blocks(content)
            elif block.tag in (W + "customXml", W + "smartTag", MC + "AlternateContent", MC + "Choice"):
                self.blocks(block)

    def paragraph(self, p: ET.Element) -> None:
        boxes: list[ET.Element] = []
        text = self.numbering.label(p) + self.runs(p, boxes)
        self.lines.append(text)
        for box in boxes:  # a text box's paragraphs follow the paragraph that anchors it
            self.blocks(box)

    def runs(self, node: ET.Element, boxes: list[ET.Element]) -> str:
        parts: list[str] = []
        for child in node:
            tag = child.tag
            if tag == W + "t":
                parts.append(fix_symbols(child.text or ""))
            elif tag == W + "tab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "sym":
                parts.append(symbol_char(child.get(W + "char", ""), child.get(W + "font", "Symbol")))
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "txbxContent":
                boxes.append(child)
            elif tag in (MC + "Fallback", W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText"):
                continue
            else:
                parts.append(self.runs(child, boxes))
        return "".join(parts)

    def cell_text(self, tc: ET.Element, nested: list[ET.Element]) -> str:
        texts = []
        for block in tc:
            if block.tag == W + "p":
                boxes: list[ET.Element] = []
                texts.append((self.numbering.label(block) + self.runs(block, boxes)).replace("\t", " ").strip())
                for box in boxes:
                    sub = _Reader(self.numbering)
                    sub.blocks(box)
                    texts.extend(t.strip() for t in sub.lines)
            elif block.tag == W + "tbl":
                nested.append(block)
            elif block.tag == W + "sdt":
                content = block.find(W + "sdtContent")
                if content is not None:
                    texts.append(self.cell_text(content, nested))
        out = ""
        for t in texts:
            if not t:
                continue
            if out and (out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum()):
                out += " "
            out += t
        return out

    def table(self, tbl: ET.Element) -> None:
        rows = _children(tbl, "tr")
        if all(len(_children(tr, "tc")) <= 1 for tr in rows):  # a layout table: its cells are pages of text
            for tr in rows:
                for tc in _children(tr, "tc"):
                    self.blocks(tc)
            return
        above: dict[int, str] = {}
        for tr in rows:
            cells: list[str] = []
            nested: list[ET.Element] = []
            col = 0
            for tc in _children(tr, "tc"):
                pr = tc.find(W + "tcPr")
                span = int(_val(pr.find(W + "gridSpan") if pr is not None else None, "1") or 1)
                vmerge = pr.find(W + "vMerge") if pr is not None else None
                if vmerge is not None and _val(vmerge, "continue") == "continue":
                    text = above.get(col, "")
                    self.cell_text(tc, nested)
                else:
                    text = self.cell_text(tc, nested)
                for k in range(span):
                    above[col + k] = text if k == 0 else ""
                cells.extend([text] + [""] * (span - 1))
                col += span
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                self.lines.append("\t".join(c.replace("\n", " ") for c in cells))
            for inner in nested:
                self.table(inner)


def _children(parent: ET.Element, name: str) -> list[ET.Element]:
    """Direct children named ``name``, looking through content controls and custom XML."""
    out = []
    for child in parent:
        if child.tag == W + name:
            out.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                out.extend(_children(content, name))
    return out


INFLATED_LIMIT = 128 * 1024 * 1024  # bytes one part of a DOCX may inflate to (a zip bomb stops here)


def _read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """One part of the package, inflated no further than :data:`INFLATED_LIMIT` (the size
    in the zip's directory can lie, so the stream itself is cut)."""
    message = f"the DOCX part {name} inflates to more than {INFLATED_LIMIT >> 20} MB (a zip bomb?)"
    if zf.getinfo(name).file_size > INFLATED_LIMIT:
        raise ExtractError("too_large", message)
    with zf.open(name) as fh:
        data = fh.read(INFLATED_LIMIT + 1)
    if len(data) > INFLATED_LIMIT:
        raise ExtractError("too_large", message)
    return data


def load_docx(data: bytes) -> Loaded:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = _read_part(zf, "word/document.xml")
            names = set(zf.namelist())
            numbering = _read_part(zf, "word/numbering.xml") if "word/numbering.xml" in names else None
            styles = _read_part(zf, "word/styles.xml") if "word/styles.xml" in names else None
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ExtractError("unsupported_format", "a ZIP file that is not a readable DOCX document") from exc
    try:
        root = ET.fromstring(xml)
        try:
            lists = Numbering.read(numbering, styles)
        except (ET.ParseError, ValueError):
            lists = Numbering()
    except ET.ParseError as exc:
        raise ExtractError("unsupported_format", "the DOCX document's XML is broken") from exc
    body = root.find(W + "body")
    reader = _Reader(lists)
    if body is not None:
        reader.blocks(body)
    text = "\n".join(reader.lines)
    if not text.strip():
        raise ExtractError("empty", "the DOCX document holds no text")
    return Loaded(raw=text, format="docx", encoding="utf-8")
