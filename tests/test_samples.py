"""Every bundled sample: its golden record, and every quote grounded in the normalised text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helpers import ROOT, SAMPLES, shared_pdfs
from mch_extract import extract

ALL_SAMPLES = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".pdf"))


def _golden_name(path: Path) -> str:
    return path.relative_to(SAMPLES).as_posix().replace("/", "__") + ".json"


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
def test_golden_record(path: Path) -> None:
    """The record equals the reviewed golden output (tests/update_golden.py rewrites them)."""
    golden = json.loads((ROOT / "tests" / "golden" / _golden_name(path)).read_text("utf-8"))
    record = json.loads(extract(path).model_dump_json())
    record["source"]["path"] = path.relative_to(ROOT).as_posix()
    assert record == golden


READABLE_SHARED_PDFS = [p for p in shared_pdfs() if not p.name.endswith((".scanned.pdf", ".nocmap.pdf"))]


@pytest.mark.parametrize("path", ALL_SAMPLES + READABLE_SHARED_PDFS, ids=lambda p: p.name)
def test_every_span_quotes_its_text(path: Path) -> None:
    notice = extract(path, with_text=True)
    text = notice.text
    assert text is not None
    for t in notice.targets:
        assert text[t.span[0] : t.span[1]] == t.text
        # the span covers the number: its digits, or a Chinese numeral (至少一场)
        digits = f"{t.value:f}".rstrip("0").rstrip(".").split(".")[0]
        assert digits in t.text or any(ch in t.text for ch in "一二两三四五六七八九十万"), t
    for task in notice.tasks:
        assert text[task.span[0] : task.span[1]] == task.text
        assert task.heading is None or task.text.startswith(task.heading)
    for d in notice.deadlines:
        assert text[d.span[0] : d.span[1]] == d.text
    for s in notice.sections:
        assert 0 <= s.span[0] <= s.span[1] <= len(text)


def test_task_ids_unique_within_a_section_on_well_formed_notices() -> None:
    for name in ("000_ce88f1ec540b8540.txt", "001_c0e798cd467e829b.txt", "002_1832283cccf20dce.txt"):
        notice = extract(SAMPLES / name)
        keys = [(t.section, t.id) for t in notice.tasks]
        assert len(keys) == len(set(keys)), name


def test_unstated_fields_are_null_with_a_warning() -> None:
    """Sample 003 has no header: issuer, number and title must not be invented."""
    notice = extract(SAMPLES / "003_f76384f9c60735ef.txt")
    assert (notice.document.issuer, notice.document.doc_number, notice.document.title) == (None, None, None)
    assert {"document.issuer: not stated in the text", "document.title: not stated in the text"} <= set(notice.warnings)
    assert notice.document.date == dt.date(2025, 3, 24)
