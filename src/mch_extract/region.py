"""The issuer's administrative region (placeholder)."""

from __future__ import annotations

from .record import Document, Region


def region_of(document: Document, text: str) -> Region | None:
    return None
