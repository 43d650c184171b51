"""Typed errors: every way a file can fail has a name from SPEC's list and a message a user can act on.

>>> str(ExtractError("empty", "the file is empty"))
'empty: the file is empty'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from . import parts, record
    from .parts import ErrorType

MESSAGES: dict[str, str] = {
    "encrypted_pdf": "the PDF is encrypted with a password: open it with the password and save an unlocked copy",
    "corrupt_pdf": "the PDF is damaged or incomplete (a half-finished download?): download it again",
    "no_text_layer": (
        'scanned pages without a text layer: install the OCR extra (pip install "mch-extract[ocr]") to read them'
    ),
    "unreadable_text_layer": (
        "the PDF's fonts have no Unicode map, so its text decodes to garbage: run OCR on the page images"
    ),
    "unsupported_format": "not a PDF, OFD, text, Word (DOCX, DOC, WPS) or HTML file",
    "decode_error": "the bytes are not UTF-8, UTF-16 or GB18030 text",
    "empty": "the file is empty or holds only white space",
    "too_large": "the file is larger than --max-size: raise it, e.g. --max-size 200MB",
    "not_found": "no such file",
    "not_a_file": "not a regular file (a folder, FIFO, socket or device)",
    "timeout": "extraction took longer than --timeout allows: raise it, e.g. --timeout 600 (0: no limit)",
    "internal_error": "mch-extract or its worker process failed on this file: please report it with the file",
}


class ExtractError(Exception):
    """A file that cannot give a record; ``type`` is one of SPEC's error types."""

    def __init__(self, type: ErrorType, message: str | None = None) -> None:
        self.type: ErrorType = type
        self.message = message or MESSAGES[type]
        # what was learnt of the file before it failed: the record's Source from the library's
        # functions (mch_extract.extract …), the parts' Source inside the pipeline
        self.source: record.Source | parts.Source | None = None
        super().__init__(f"{type}: {self.message}")
