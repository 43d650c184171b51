"""Bytes of a text notice -> text: BOM first, then strict UTF-8, UTF-16, GB18030.

>>> load_text("各单位：".encode("gb18030")).encoding
'gb18030'
>>> load_text(b"\\xff\\xfe" + "通知".encode("utf-16-le")).raw
'通知'
"""

from __future__ import annotations

import codecs

from ..errors import ExtractError
from . import Loaded

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > len(sample) / 8 and even == 0:
        return "utf-16-le"
    if even > len(sample) / 8 and odd == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding that decoded it, or a ``decode_error``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise ExtractError(
                    "decode_error", f"has a {encoding} byte-order mark but invalid bytes at {exc.start}"
                ) from exc
    utf16 = _looks_utf16(data)
    candidates = ([utf16] if utf16 else []) + ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _implausible(text):
            break
        return text, encoding
    raise ExtractError("decode_error")


def _implausible(text: str) -> bool:
    """GB18030 decodes almost any bytes; a 'text' full of control characters is not one."""
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\x0c")
    return controls > max(8, len(text[:4096]) // 50)


def load_text(data: bytes) -> Loaded:
    text, encoding = decode(data)
    if "\x00" in text:
        raise ExtractError("decode_error", "the text holds NUL bytes: a binary file?")
    if not text.strip():
        raise ExtractError("empty")
    return Loaded(raw=text, format="text", encoding=encoding)
