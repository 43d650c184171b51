"""HTML bytes -> text: block elements become lines, table cells tabs; scripts and styles dropped."""

from __future__ import annotations

from html.parser import HTMLParser

import regex

from ..errors import ExtractError
from . import Loaded
from .text import decode

BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "title",
    "header",
    "footer",
}
SKIP = {"script", "style", "noscript", "template", "svg", "head"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self.skipping:
            self.skipping -= 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(regex.sub(r"[ \t\r\n]+", " ", data))


def load_html(data: bytes) -> Loaded:
    head = data[:2048].decode("ascii", "replace").lower()
    m = regex.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    text = None
    encoding = None
    if m:
        try:
            text, encoding = data.decode(m.group(1)), m.group(1)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, encoding = decode(data)
    parser = _Text()
    parser.feed(text)
    parser.close()
    lines = [regex.sub(r"^[ \t]+|[ \t]+$", "", ln).replace("\t ", "\t") for ln in "".join(parser.parts).split("\n")]
    out = "\n".join(ln.strip("\t") if not ln.replace("\t", "").strip() else ln.lstrip("\t") for ln in lines)
    if not out.strip():
        raise ExtractError("empty", "the HTML page holds no text")
    return Loaded(raw=out, format="html", encoding=encoding)
