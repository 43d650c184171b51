"""Records -> one table of every target: long (a row per target) or wide (a row per issuer and year).

Records come from documents (extracted here) or from earlier output (JSON Lines, a JSON array
or object).  A document that appears twice (same ``sha256``) gives its rows once, from its
first path in sorted order.  Rows are sorted by region, issuer, year, source path and the
target's place in its document, so the same inputs always give the same table.

>>> records = [{"source": {"path": "a.txt", "sha256": "1"},
...             "document": {"issuer": "武义县卫生局", "year": 2009},
...             "targets": [{"indicator": "住院分娩率", "comparator": ">=", "value": 98.0, "unit": "%",
...                          "kind": "target", "text": "住院分娩率达到98%以上", "span": [3, 15]}]}]
>>> rows = long_rows(records + records)
>>> [(r["issuer"], r["indicator"], r["value"]) for r in rows]
[('武义县卫生局', '住院分娩率', 98.0)]
>>> columns, table = wide_rows(rows)
>>> columns[-1], table[0][columns[-1]]
('住院分娩率', '≥98%')
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .write import _cell, csv_cell, region_name

LONG_COLUMNS = [
    "region",
    "adcode",
    "issuer",
    "year",
    "indicator_id",
    "indicator",
    "comparator",
    "value",
    "value_max",
    "unit",
    "kind",
    "scope",
    "deadline",
    "national_comparison",
    "path",
    "quote",
]
WIDE_KEYS = ["region", "adcode", "issuer", "year"]
RECORD_EXTENSIONS = (".jsonl", ".ndjson", ".json")
SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", "range": ""}


def is_record_file(path: str) -> bool:
    """Earlier output (records) rather than a document to extract: by its extension."""
    return path.lower().endswith(RECORD_EXTENSIONS) and os.path.isfile(path)


def read_record_file(path: str) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines file, a JSON array or a single pretty JSON object."""
    with open(path, encoding="utf-8-sig") as fh:
        head = fh.read(1)
        while head.isspace():
            head = fh.read(1)
        fh.seek(0)
        if path.lower().endswith(".json") and head in "[{":
            text = fh.read()
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                data = [json.loads(line) for line in text.splitlines() if line.strip()]
            yield from data if isinstance(data, list) else [data]
            return
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not a JSON record ({exc.msg})") from None


def _sort_key(value: Any) -> tuple[int, Any]:
    """None last; numbers and text each in their natural order."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, (int, float)):
        return (0, value)
    return (1, str(value))


def _unique_by_sha(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records that hold a document, once per sha256 (the first path in sorted order wins)."""
    docs = [r for r in records if "error" not in r and isinstance(r.get("document"), dict)]
    docs.sort(key=lambda r: str((r.get("source") or {}).get("path") or ""))
    seen: set[str] = set()
    unique = []
    for r in docs:
        sha = (r.get("source") or {}).get("sha256")
        if sha:
            if sha in seen:
                continue
            seen.add(sha)
        unique.append(r)
    return unique


def long_rows(records: Iterable[dict[str, Any]], kind: str = "all") -> list[dict[str, Any]]:
    """One row per target (``kind``: ``target``, ``actual`` or ``all``) with SPEC's columns."""
    rows = []
    for record in _unique_by_sha(records):
        doc = record["document"]
        region = doc.get("region") if isinstance(doc.get("region"), dict) else None
        base = {
            "region": region_name(region),
            "adcode": None if not region or region.get("adcode") is None else str(region["adcode"]),
            "issuer": doc.get("issuer"),
            "year": doc.get("year"),
            "path": (record.get("source") or {}).get("path"),
        }
        for t in record.get("targets") or []:
            if kind != "all" and t.get("kind", "target") != kind:
                continue
            national = t.get("national") if isinstance(t.get("national"), dict) else {}
            row = {
                **base,
                **{k: t.get(k) for k in LONG_COLUMNS if k in t},
                "national_comparison": (national or {}).get("comparison"),
                "quote": t.get("text"),
                "_start": (t.get("span") or [0])[0],
            }
            rows.append({c: row.get(c) for c in [*LONG_COLUMNS, "_start"]})
    rows.sort(key=lambda r: [_sort_key(r[c]) for c in ("region", "issuer", "year", "path", "_start", "indicator")])
    for r in rows:
        del r["_start"]
    return rows


def cell(row: dict[str, Any]) -> str:
    """What a wide table shows for one target: ``≥95%``, ``2–3家``, ``≤28%（上海和睦家医院）``, ``96.5%（actual）``.

    >>> cell({"comparator": "range", "value": 2.0, "value_max": 3.0, "unit": "家"})
    '2–3家'
    """
    value = _cell(row.get("value"))
    if row.get("comparator") == "range" and row.get("value_max") is not None:
        value += "–" + _cell(row["value_max"])
    text = f"{SYMBOL.get(row.get('comparator') or '', row.get('comparator') or '')}{value}{row.get('unit') or ''}"
    notes = [n for n in (row.get("scope"), "actual" if row.get("kind") == "actual" else None) if n]
    return text + (f"（{'，'.join(notes)}）" if notes else "")


def canonical_names() -> dict[str, str]:
    """indicator_id -> the standard Chinese name of the indicator dictionary (empty without one)."""
    try:
        from .indicators import load_dictionary
    except ImportError:  # pragma: no cover - a build without the dictionary
        return {}
    return {key: ind.name for key, ind in load_dictionary().indicators.items()}


def wide_rows(rows: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Long rows pivoted: one row per (region, issuer, year), one column per indicator
    (the dictionary's standard name when the target has an ``indicator_id``, so that synonyms
    share a column; else the name as extracted); several targets in a cell are joined with
    ``; `` in document order."""
    canonical = canonical_names() if any(r.get("indicator_id") for r in rows) else {}
    indicators: list[str] = []
    table: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        iid = r.get("indicator_id")
        name = (canonical.get(iid) or iid if iid else None) or r.get("indicator") or "(no indicator)"
        if name not in indicators:
            indicators.append(name)
        key = tuple(r.get(k) for k in WIDE_KEYS)
        line = table.setdefault(key, dict(zip(WIDE_KEYS, key, strict=True)))
        shown = cell(r)
        cells: list[str] = line.setdefault(name, [])
        if shown not in cells:
            cells.append(shown)
    indicators.sort(key=lambda n: (-sum(1 for line in table.values() if n in line), n))
    out = []
    for line in table.values():
        out.append({k: ("; ".join(v) if isinstance(v, list) else v) for k, v in line.items()})
    return [*WIDE_KEYS, *indicators], out


def write_csv(columns: list[str], rows: list[dict[str, Any]], out: IO[str]) -> None:
    """A CSV for spreadsheets and pandas (the caller adds the BOM)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([csv_cell(r.get(c)) for c in columns])
