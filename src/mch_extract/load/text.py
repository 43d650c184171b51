"""Bytes of a text notice -> text: BOM first, then strict UTF-8, UTF-16, GB18030, Big5.

>>> load_text("各单位：".encode("gb18030")).encoding
'gb18030'
>>> load_text(b"\\xff\\xfe" + "通知".encode("utf-16-le")).raw
'通知'
>>> load_text("各醫療衛生單位：婦幼健康工作計劃".encode("big5")).encoding
'cp950'
"""

from __future__ import annotations

import codecs

from ..errors import ExtractError
from . import Loaded

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# The most frequent characters of Chinese official documents: a decoding that yields many of
# them is the right one (GB18030 decodes UTF-16 bytes without error, into rare characters).
COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
    "任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美"
    "再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元"
    "况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委"
    "素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江"
    "型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严妇幼卫健孕产婴童筛检服务"
    "，。、；：？！“”（）《》…—　0123456789%\n\t "
)
# the characters counted good and bad, as tables that delete them: a count is a length difference
_GOOD = dict.fromkeys(map(ord, {*COMMON, *map(chr, range(0x20, 0x7F)), "\r", "\n", "\t"}))
_BAD = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")
CANDIDATES = ("utf-8", "utf-16-le", "utf-16-be", "gb18030", "cp950")  # cp950: Big5 as Windows writes it


def _plausibility(text: str) -> float:
    """Share of characters that ordinary notice text is made of."""
    sample = text[:4000]
    if not sample:
        return 0.0
    good = len(sample) - len(sample.translate(_GOOD))
    bad = len(sample) - len(sample.translate(_BAD))
    return (good - 5 * bad) / len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding that decoded it, or a ``decode_error``.

    A byte-order mark decides; otherwise strict UTF-8 wins when it decodes, and among
    UTF-16 (either byte order), GB18030 and Big5 the decoding that reads most like a notice does
    (a tie goes to the earlier: GB18030 before Big5).
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise ExtractError(
                    "decode_error", f"has a {encoding} byte-order mark but invalid bytes at {exc.start}"
                ) from exc
    try:
        text = data.decode("utf-8")
        if "\x00" not in text or _plausibility(text) > 0.5:  # the cheap test first
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in CANDIDATES[1:]:
        if encoding.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is None or best[0] < 0.3:
        repaired = _mostly_utf8(data)
        if repaired is None:
            raise ExtractError("decode_error")
        return repaired, "utf-8"
    return best[1], best[2]


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few isolated invalid bytes (a damaged copy) -> the text without them.

    >>> _mostly_utf8("各单位".encode() + b"\\xff" + "通知".encode())
    '各单位通知'
    """
    text = data.decode("utf-8", errors="ignore")
    dropped = len(data) - len(text.encode("utf-8"))
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in text[:4000])
    if 0 < dropped <= max(3, len(data) // 1000) and chinese and _plausibility(text) > 0.5:
        return text
    return None


def load_text(data: bytes) -> Loaded:
    text, encoding = decode(data)
    warnings = []
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    dropped = len(data) - bom - len(text.encode("utf-8")) if encoding == "utf-8" else 0
    if dropped:
        warnings.append(f"source: {dropped} invalid byte(s) in otherwise UTF-8 text were dropped")
    nul = text.count("\x00")
    if nul:
        if nul > max(3, len(text) // 1000):
            raise ExtractError("decode_error", "the text holds NUL bytes: a binary file?")
        text = text.replace("\x00", "")
        warnings.append(f"source: {nul} stray NUL byte(s) dropped")
    if not text.strip():
        raise ExtractError("empty")
    return Loaded(raw=text, format="text", encoding=encoding, warnings=warnings)
