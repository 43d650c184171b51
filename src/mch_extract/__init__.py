"""mch-extract: Chinese maternal-and-child-health (妇幼健康) notices -> grounded JSON records.

Three ways in, one record out (a :class:`Notice`; ``notice.model_dump_json()`` is what the
command line prints):

- ``extract(path)``: a file (``str`` or ``pathlib.Path``);
- ``extract_text(text, name=None)``: a document you hold as a string;
- ``extract_bytes(data, name=None)``: the bytes of a file (PDF, DOCX, HTML, text in any encoding).

Each raises :class:`ExtractError` (``.type``, ``.message``) when the input gives no record;
``extract_record(path)`` returns an :class:`ErrorRecord` instead, as the command line does.

>>> from mch_extract import extract_text
>>> extract_text("2019年，产前筛查率达到90%。").targets[0].indicator
'产前筛查率'

Imports are lazy so that ``mch-extract --version`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .__about__ import __version__

if TYPE_CHECKING:
    from .errors import ExtractError
    from .pipeline import extract, extract_bytes, extract_record, extract_text
    from .record import Deadline, Document, ErrorRecord, Notice, Source, Target, Task, json_schema

__all__ = [
    "Deadline",
    "Document",
    "ErrorRecord",
    "ExtractError",
    "Notice",
    "Source",
    "Target",
    "Task",
    "__version__",
    "extract",
    "extract_bytes",
    "extract_record",
    "extract_text",
    "json_schema",
]

_LAZY = {
    "extract": "pipeline",
    "extract_bytes": "pipeline",
    "extract_text": "pipeline",
    "extract_record": "pipeline",
    "Deadline": "record",
    "Document": "record",
    "ErrorRecord": "record",
    "Notice": "record",
    "Source": "record",
    "Target": "record",
    "Task": "record",
    "json_schema": "record",
    "ExtractError": "errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value  # looked up once
        return value
    raise AttributeError(f"module 'mch_extract' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
