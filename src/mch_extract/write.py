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
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any, Protocol

DOCUMENT_COLUMNS = ["issuer", "doc_number", "title", "date", "year", "plan_title", "region", "adcode"]
TARGET_COLUMNS = [
    "indicator",
    "indicator_id",
    "comparator",
    "value",
    "value_max",
    "unit",
    "kind",
    "scope",
    "period",
    "deadline",
    "change",
    "national_comparison",
    "task_id",
    "section",
    "page",
    "text",
]
ID_COLUMNS = {"task_id"}  # written as text: ``#1.10``, so that no spreadsheet reads it as the number 1.1
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
        base = [csv_cell(path), f"{error['type']}: {error['message']}" if error else ""]
        base += [csv_cell(v) for v in document_values(doc)]
        targets = record.get("targets") or []
        if not targets:
            self.writer.writerow(base + [""] * len(TARGET_COLUMNS))
        for t in targets:
            self.writer.writerow(base + [csv_cell(v) for v in target_values(t)])
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


def region_name(region: Any) -> str | None:
    """``document.region`` as one name, largest area first, each level once.

    >>> region_name({"province": "北京市", "city": "北京市", "county": "西城区", "adcode": "110102"})
    '北京市西城区'
    >>> region_name(None) is None
    True
    """
    if not isinstance(region, dict):
        return None
    names: list[str] = []
    for level in ("province", "city", "county"):
        name = region.get(level)
        if name and name not in names:
            names.append(name)
    return "".join(names) or None


def id_text(value: Any) -> str:
    """A task id as a spreadsheet keeps it: ``1.10`` -> ``#1.10`` (never the number 1.1).

    >>> id_text("1.10"), id_text(None)
    ('#1.10', '')
    """
    return "" if value in (None, "") else f"#{value}"


def document_values(doc: dict[str, Any]) -> list[Any]:
    """The :data:`DOCUMENT_COLUMNS` of a record's ``document`` (region and adcode from ``region``)."""
    region = doc.get("region")
    extra = {"region": region_name(region), "adcode": region.get("adcode") if isinstance(region, dict) else None}
    return [extra[c] if c in extra else doc.get(c) for c in DOCUMENT_COLUMNS]


def target_values(target: dict[str, Any]) -> list[Any]:
    """The :data:`TARGET_COLUMNS` of one target; fields a record lacks are empty."""
    national = target.get("national")
    values = []
    for c in TARGET_COLUMNS:
        if c == "national_comparison":
            values.append(national.get("comparison") if isinstance(national, dict) else None)
        elif c in ID_COLUMNS:
            values.append(id_text(target.get(c)))
        else:
            values.append(target.get(c))
    return values


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP: text starting with
    ``= + - @``, tab or CR gets a leading ``'``); numbers, and the comparator ``=``, stay as they are.

    >>> csv_cell("=1+2"), csv_cell("@SUM(A1)"), csv_cell(-2.0), csv_cell("剖宫产率")
    ("'=1+2", "'@SUM(A1)", '-2', '剖宫产率')
    """
    text = _cell(value)
    if isinstance(value, str) and len(text) > 1 and text.startswith(FORMULA_START):  # a lone "=" is a comparator
        return "'" + text
    return text


def printable(text: str) -> str:
    r"""Text safe to print on a terminal: control characters (escape sequences) and
    undecodable bytes of a file name shown as escapes, never sent to the terminal.

    >>> printable("a\x1b[31m.txt")
    'a\\x1b[31m.txt'
    """
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or 0xD800 <= ord(ch) < 0xE000)
        else ch
        for ch in text
    )


def _shown(value: Any) -> str:
    """A value for the table: printable, and rich markup in it (``[/x]``, ``[link=…]``) shown as written."""
    from rich.markup import escape

    return escape(printable(_cell(value)))


class TableWriter:
    """A rich rendering for people reading a terminal: a header per document, then its targets."""

    def __init__(self, out: IO[str]) -> None:
        from rich.console import Console

        self.console = Console(file=out, soft_wrap=False, highlight=False)

    def write(self, record: dict[str, Any]) -> None:
        from rich.table import Table

        path = (record.get("source") or {}).get("path") or "-"
        if "error" in record:
            error = record["error"]
            self.console.print(
                f"[bold]{_shown(path)}[/bold]  [red]{_shown(error['type'])}[/red]: {_shown(error['message'])}"
            )
            return
        doc = record.get("document") or {}
        head = " · ".join(_shown(doc[k]) for k in ("issuer", "doc_number", "date") if doc.get(k))
        self.console.print(f"[bold]{_shown(path)}[/bold]")
        self.console.print(f"  {_shown(doc.get('title') or doc.get('plan_title') or '(no title)')}")
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
                    *(_shown(t.get(k)) for k in ("task_id", "indicator", "comparator")),
                    value,
                    *(_shown(t.get(k)) for k in ("unit", "kind", "scope", "deadline", "page")),
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


FORMAT_BY_EXTENSION = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
}


def format_for_path(path: str) -> str | None:
    """The output format an ``-o`` file name asks for, or ``None`` when its extension says nothing.

    >>> format_for_path("targets.CSV"), format_for_path("notices.db"), format_for_path("out.txt")
    ('csv', 'sqlite', None)
    """
    return FORMAT_BY_EXTENSION.get(os.path.splitext(path)[1].lower())


class OutputError(Exception):
    """``-o`` names something that is not a regular file (a usage error: nothing was written)."""


def check_output(path: str) -> str:
    """The file ``-o PATH`` will write: PATH itself, or the file a symlink points to.

    Only regular files are written: a device, FIFO, socket or directory (also behind a
    symlink) raises :class:`OutputError` naming the path, and is never opened or replaced.

    >>> check_output("/")
    Traceback (most recent call last):
    ...
    mch_extract.write.OutputError: / is a folder, not a regular file
    """
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if stat.S_ISREG(st.st_mode):
        return target
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    ]
    kind = next((name for test, name in kinds if test(st.st_mode)), "not a regular file")
    raise OutputError(f"{path} is {kind}, not a regular file")


def umask() -> int:
    """The process's umask (read without changing it where /proc tells it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """What ``open(path, "w")`` would give a new file: 0666 less the umask."""
    return 0o666 & ~umask()


@contextmanager
def atomic_output(path: str, bom: bool = False) -> Iterator[IO[str]]:
    """A text file written under a temporary name and renamed into place when complete,
    so a crash never leaves half a file where the output should be.

    Only a regular file (or a new one) is written, see :func:`check_output`; an existing
    file keeps its permissions (and owner, where allowed), a new one gets the umask's.
    """
    path = check_output(path)
    folder = os.path.dirname(os.path.abspath(path)) or "."
    try:
        old: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        old = None
    fd, tmp = tempfile.mkstemp(prefix=".mch-extract-", suffix=".tmp", dir=folder)
    TEMPORARY.add(tmp)
    try:
        os.fchmod(fd, stat.S_IMODE(old.st_mode) if old else new_file_mode())
        if old is not None and hasattr(os, "fchown"):
            with suppress(OSError):
                os.fchown(fd, old.st_uid, old.st_gid)
        encoding = "utf-8-sig" if bom else "utf-8"
        with os.fdopen(fd, "w", encoding=encoding, errors="backslashreplace", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    finally:
        TEMPORARY.discard(tmp)


TEMPORARY: set[str] = set()  # temporary outputs not yet renamed: a second Ctrl-C removes them
