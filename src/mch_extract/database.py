"""Records -> one SQLite file (``--format sqlite -o notices.db``), with the standard library's sqlite3.

Tables, joined by ``document_id``:

- ``documents``: one row per input — source (path, sha256, format, pages …), the document's
  fields, region, warnings, and the whole record as JSON (``record``) so that nothing is lost;
- ``tasks``, ``targets``, ``deadlines``: one row per item, in the record's order (``n``);
- ``errors``: one row per input that gave an error record (which also has its ``documents`` row).

A document is identified by its ``source.path`` as given on the command line (standard
input by its sha256): ``document_id`` is a number derived from it, so rerunning on the
same path replaces that document's rows, whatever its content now is, and leaves every
other document alone; a second identical run changes nothing.  A run is one transaction,
committed when the batch ends, also when Ctrl-C stops it (then with the documents finished so
far, each complete); a crash, an error or a second Ctrl-C leaves the file as it was.

>>> import sqlite3
>>> con = sqlite3.connect(":memory:")
>>> db = Database(con)
>>> db.write({"source": {"path": "a.txt", "sha256": "ab"}, "document": {"issuer": "武义县卫生局", "year": 2009},
...           "targets": [{"indicator": "住院分娩率", "comparator": ">=", "value": 98.0, "unit": "%",
...                        "text": "住院分娩率达到98%以上", "span": [10, 22]}]})
>>> con.execute("SELECT d.issuer, t.indicator, t.value FROM targets t "
...             "JOIN documents d ON d.id = t.document_id").fetchall()
[('武义县卫生局', '住院分娩率', 98.0)]
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import suppress
from typing import Any

LAYOUT_VERSION = "1"

# table -> [(column, SQL type)]; ``document_id`` and ``n`` come first in every item table
DOCUMENT_COLUMNS: list[tuple[str, str]] = [
    ("path", "TEXT"),
    ("sha256", "TEXT"),
    ("format", "TEXT"),
    ("pages", "INTEGER"),
    ("encoding", "TEXT"),
    ("ocr", "INTEGER"),
    ("size", "INTEGER"),
    ("error_type", "TEXT"),
    ("issuer", "TEXT"),
    ("doc_number", "TEXT"),
    ("title", "TEXT"),
    ("doc_type", "TEXT"),
    ("date", "TEXT"),
    ("plan_title", "TEXT"),
    ("year", "INTEGER"),
    ("region", "TEXT"),
    ("province", "TEXT"),
    ("city", "TEXT"),
    ("county", "TEXT"),
    ("adcode", "TEXT"),
    ("recipients", "TEXT"),
    ("attachments", "TEXT"),
    ("printed_by", "TEXT"),
    ("printed_date", "TEXT"),
    ("disclosure", "TEXT"),
    ("warnings", "TEXT"),
    ("record", "TEXT"),
]
ITEM_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "tasks": [
        ("id", "TEXT"),
        ("parent", "TEXT"),
        ("level", "INTEGER"),
        ("marker", "TEXT"),
        ("section", "INTEGER"),
        ("heading", "TEXT"),
        ("text", "TEXT"),
        ("page", "INTEGER"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
    ],
    "targets": [
        ("indicator", "TEXT"),
        ("indicator_id", "TEXT"),
        ("indicator_rule", "TEXT"),
        ("comparator", "TEXT"),
        ("value", "REAL"),
        ("value_max", "REAL"),
        ("unit", "TEXT"),
        ("kind", "TEXT"),
        ("scope", "TEXT"),
        ("period", "TEXT"),
        ("deadline", "TEXT"),
        ("change", "TEXT"),
        ("national_comparator", "TEXT"),
        ("national_value", "REAL"),
        ("national_unit", "TEXT"),
        ("national_by", "INTEGER"),
        ("national_comparison", "TEXT"),
        ("national_source", "TEXT"),
        ("national_confidence", "TEXT"),
        ("national_note", "TEXT"),
        ("task_id", "TEXT"),
        ("section", "INTEGER"),
        ("text", "TEXT"),
        ("page", "INTEGER"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("rule", "TEXT"),
    ],
    "deadlines": [
        ("date", "TEXT"),
        ("text", "TEXT"),
        ("task_id", "TEXT"),
        ("section", "INTEGER"),
        ("page", "INTEGER"),
        ("span_start", "INTEGER"),
        ("span_end", "INTEGER"),
        ("rule", "TEXT"),
    ],
    "errors": [("type", "TEXT"), ("message", "TEXT")],
}
INDEXES = {
    "documents_year": "documents(year)",
    "documents_region": "documents(province, city, county)",
    "documents_adcode": "documents(adcode)",
    "documents_issuer": "documents(issuer)",
    "documents_sha256": "documents(sha256)",
    "targets_indicator_id": "targets(indicator_id)",
    "targets_indicator": "targets(indicator)",
    "deadlines_date": "deadlines(date)",
}


def document_id(record: dict[str, Any]) -> int:
    """A stable number for a record's document: from its path (standard input: its sha256).

    >>> record = {"source": {"path": "samples/web_15.txt", "sha256": "ab"}}
    >>> document_id(record) == document_id({"source": {"path": "samples/web_15.txt", "sha256": "cd"}})
    True
    """
    source = record.get("source") or {}
    path = source.get("path")
    key = f"path:{path}" if path not in (None, "-") else f"sha256:{source.get('sha256')}"
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _span(item: dict[str, Any]) -> tuple[Any, Any]:
    span = item.get("span") or (None, None)
    return span[0], span[1]


def _row(table: str, item: dict[str, Any]) -> list[Any]:
    national = item.get("national") if isinstance(item.get("national"), dict) else {}
    start, end = _span(item)
    derived = {"span_start": start, "span_end": end}
    derived.update({f"national_{k}": v for k, v in (national or {}).items()})
    return [derived[c] if c in derived else item.get(c) for c, _ in ITEM_COLUMNS[table]]


class Database:
    """Writes records into an open connection; :meth:`close` commits the run."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.create()

    def create(self) -> None:
        cur = self.con.cursor()
        cur.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        cur.execute("INSERT OR REPLACE INTO meta VALUES ('layout_version', ?)", (LAYOUT_VERSION,))
        cols = ", ".join(f"{c} {t}" for c, t in DOCUMENT_COLUMNS)
        cur.execute(f"CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, {cols})")
        for table, columns in ITEM_COLUMNS.items():
            cols = ", ".join(f"{c} {t}" for c, t in columns)
            cur.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (document_id INTEGER NOT NULL REFERENCES documents(id), "
                f"n INTEGER NOT NULL, {cols}, PRIMARY KEY (document_id, n))"
            )
        # a file made by an earlier version gains the columns added since
        for table, columns in [("documents", DOCUMENT_COLUMNS), *ITEM_COLUMNS.items()]:
            have = {row[1] for row in cur.execute(f"PRAGMA table_info({table})")}
            for c, t in columns:
                if c not in have:
                    cur.execute(f"ALTER TABLE {table} ADD COLUMN {c} {t}")
        for name, on in INDEXES.items():
            cur.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")

    def write(self, record: dict[str, Any]) -> None:
        """Replace the rows of ``record``'s document with the rows of ``record``."""
        doc_id = document_id(record)
        cur = self.con.cursor()
        for table in ITEM_COLUMNS:
            cur.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
        source = record.get("source") or {}
        doc = record.get("document") or {}
        region = doc.get("region") if isinstance(doc.get("region"), dict) else {}
        error = record.get("error")
        from .write import region_name

        values = {
            **{k: source.get(k) for k in ("path", "sha256", "format", "pages", "encoding", "size")},
            "ocr": None if source.get("ocr") is None else int(bool(source.get("ocr"))),
            "error_type": error.get("type") if error else None,
            **{k: doc.get(k) for k in ("issuer", "doc_number", "title", "doc_type", "date", "plan_title", "year")},
            **{k: doc.get(k) for k in ("printed_by", "printed_date", "disclosure")},
            "region": region_name(region or None),
            **{k: (region or {}).get(k) for k in ("province", "city", "county")},
            "adcode": None if not region or region.get("adcode") is None else str(region["adcode"]),
            "recipients": _json(doc.get("recipients")),
            "attachments": _json(doc.get("attachments")),
            "warnings": _json(record.get("warnings")),
            "record": json.dumps(record, ensure_ascii=False),
        }
        names = [c for c, _ in DOCUMENT_COLUMNS]
        cur.execute(
            f"INSERT OR REPLACE INTO documents (id, {', '.join(names)}) VALUES ({', '.join('?' * (len(names) + 1))})",
            [doc_id, *(values[c] for c in names)],
        )
        for table in ("tasks", "targets", "deadlines"):
            self._items(cur, table, doc_id, record.get(table) or [])
        if error:
            self._items(cur, "errors", doc_id, [error])

    def _items(self, cur: sqlite3.Cursor, table: str, doc_id: int, items: list[dict[str, Any]]) -> None:
        names = [c for c, _ in ITEM_COLUMNS[table]]
        sql = f"INSERT INTO {table} (document_id, n, {', '.join(names)}) VALUES ({', '.join('?' * (len(names) + 2))})"
        cur.executemany(sql, [[doc_id, n, *_row(table, item)] for n, item in enumerate(items)])

    def close(self) -> None:
        self.con.commit()


class SqliteWriter(Database):
    """A :class:`Database` on a file: a new file is made with the umask's mode, an existing
    one keeps its own; the run is one transaction, rolled back by :meth:`abort`."""

    def __init__(self, path: str) -> None:
        from .write import check_output

        self.path = check_output(path)
        self.created = False
        try:  # made here so that it gets 0666 less the umask, as any new file
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            pass
        else:
            os.close(fd)
            self.created = True
        try:
            con = sqlite3.connect(self.path, isolation_level="DEFERRED")
            super().__init__(con)
        except sqlite3.DatabaseError as exc:
            self._discard()
            raise NotADatabase(f"{path} is not a SQLite database ({exc})") from None

    def _discard(self) -> None:
        if self.created:
            with suppress(OSError):
                os.unlink(self.path)

    def close(self) -> None:
        self.con.commit()
        self.con.close()

    def abort(self) -> None:
        self.con.rollback()
        self.con.close()
        self._discard()


class NotADatabase(Exception):
    """``-o`` names an existing file that SQLite cannot open (nothing was changed)."""
