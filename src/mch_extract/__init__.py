"""mch-extract: Chinese maternal-and-child-health (妇幼健康) notices -> grounded JSON records.

>>> from mch_extract import extract
>>> extract("2019年，产前筛查率达到90%。".encode()).targets[0].indicator
'产前筛查率'

Imports are lazy so that ``mch-extract --version`` starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .__about__ import __version__

if TYPE_CHECKING:
    from .errors import ExtractError
    from .pipeline import extract, extract_record
    from .record import ErrorRecord, Notice

__all__ = ["ErrorRecord", "ExtractError", "Notice", "__version__", "extract", "extract_record"]

_LAZY = {
    "extract": "pipeline",
    "extract_record": "pipeline",
    "Notice": "record",
    "ErrorRecord": "record",
    "ExtractError": "errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'mch_extract' has no attribute {name!r}")
