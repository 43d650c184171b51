"""Records -> bytes on a stream: pretty JSON, JSON Lines, CSV for spreadsheets, a table for people.

Every writer takes results one by one, so a batch of thousands is written as it is made.

>>> import io
>>> out = io.StringIO()
>>> w = CsvWriter(out)
>>> w.write({"source": {"path": "a.txt"}, "document": {"issuer": "舟山市卫生健康委员会"},
...          "targets": [{"indicator": "剖宫产率", "comparator": "<=", "value": 43.0, "unit": "%"}]})
>>> out.getvalue().splitlines()[1].split(",")[:3]
['a.txt', '', '舟山市卫生健康委员会']
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, Protocol

DOCUMENT_COLUMNS = ["issuer", "doc_number", "title", "date", "year", "plan_title"]
TARGET_COLUMNS = [
    "indicator",
    "comparator",
    "value",
    "value_max",
    "unit",
    "kind",
    "scope",
    "period",
    "deadline",
    "task_id",
    "section",
    "page",
    "text",
]
CSV_COLUMNS = ["path", "error", *DOCUMENT_COLUMNS, *TARGET_COLUMNS]


class Writer(Protocol):
    def write(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


class JsonLinesWriter:
    """One compact JSON object per line (UTF-8, Chinese unescaped)."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write_json(self, text: str) -> None:
        self.out.write(text)
        self.out.write("\n")
        self.out.flush()

    def write(self, record: dict[str, Any]) -> None:
        self.write_json(json.dumps(record, ensure_ascii=False))

    def close(self) -> None:
        self.out.flush()


class JsonWriter:
    """One pretty object for one input; a pretty array when several are written."""

    def __init__(self, out: IO[str], many: bool) -> None:
        self.out, self.many, self.count = out, many, 0
        if many:
            self.out.write("[\n")

    def write(self, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2)
        if self.many:
            text = ("" if self.count == 0 else ",\n") + "\n".join("  " + ln for ln in text.splitlines())
        self.out.write(text if self.many else text + "\n")
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.many:
            self.out.write("\n]\n" if self.count else "]\n")
        self.out.flush()


class CsvWriter:
    """One row per target with the document's fields repeated; a document without targets
    (or a file that failed) still gets one row, so every input is in the sheet."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self.writer.writerow(CSV_COLUMNS)

    def write(self, record: dict[str, Any]) -> None:
        path = (record.get("source") or {}).get("path") or ""
        error = record.get("error")
        doc = record.get("document") or {}
        base = [path, f"{error['type']}: {error['message']}" if error else ""]
        base += [_cell(doc.get(c)) for c in DOCUMENT_COLUMNS]
        targets = record.get("targets") or []
        if not targets:
            self.writer.writerow(base + [""] * len(TARGET_COLUMNS))
        for t in targets:
            self.writer.writerow(base + [_cell(t.get(c)) for c in TARGET_COLUMNS])
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class TableWriter:
    """A rich rendering for people reading a terminal: a header per document, then its targets."""

    def __init__(self, out: IO[str]) -> None:
        from rich.console import Console

        self.console = Console(file=out, soft_wrap=False, highlight=False)

    def write(self, record: dict[str, Any]) -> None:
        from rich.table import Table

        path = (record.get("source") or {}).get("path") or "-"
        if "error" in record:
            self.console.print(
                f"[bold]{path}[/bold]  [red]{record['error']['type']}[/red]: {record['error']['message']}"
            )
            return
        doc = record.get("document") or {}
        head = " · ".join(str(doc[k]) for k in ("issuer", "doc_number", "date") if doc.get(k))
        self.console.print(f"[bold]{path}[/bold]")
        self.console.print(f"  {doc.get('title') or doc.get('plan_title') or '(no title)'}")
        if head:
            self.console.print(f"  {head}")
        self.console.print(
            f"  {len(record.get('tasks') or [])} tasks · {len(record.get('targets') or [])} targets · "
            f"{len(record.get('deadlines') or [])} deadlines"
        )
        targets = record.get("targets") or []
        if targets:
            table = Table(show_edge=False, pad_edge=False)
            for col in ("task", "indicator", "cmp", "value", "unit", "kind", "scope", "deadline", "page"):
                table.add_column(col, overflow="fold")
            for t in targets:
                value = _cell(t.get("value")) + (f"–{_cell(t['value_max'])}" if t.get("value_max") is not None else "")
                table.add_row(
                    t.get("task_id") or "",
                    t.get("indicator") or "",
                    t.get("comparator") or "",
                    value,
                    t.get("unit") or "",
                    t.get("kind") or "",
                    t.get("scope") or "",
                    t.get("deadline") or "",
                    _cell(t.get("page")),
                )
            self.console.print(table)
        self.console.print()

    def close(self) -> None:
        pass


def make_writer(fmt: str, out: IO[str], many: bool) -> Writer | JsonLinesWriter:
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "csv":
        return CsvWriter(out)
    if fmt == "table":
        return TableWriter(out)
    return JsonWriter(out, many)


@contextmanager
def atomic_output(path: str, bom: bool = False) -> Iterator[IO[str]]:
    """A text file written under a temporary name and renamed into place when complete,
    so a crash never leaves half a file where the output should be."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".mch-extract-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
