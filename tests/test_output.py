"""``-o``: format from the extension, regular files only, modes from the umask; SQLite and CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import ROOT, SAMPLES
from mch_extract.cli import app

runner = CliRunner()
NOTICE = str(SAMPLES / "001_c0e798cd467e829b.txt")
EXCERPT = str(SAMPLES / "web_15.txt")
TABLES = ("documents", "tasks", "targets", "deadlines", "errors")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


@pytest.fixture
def umask() -> Iterator[int]:
    old = os.umask(0o027)
    try:
        yield 0o027
    finally:
        os.umask(old)


# ---------------------------------------------------------------- -o: what it may write


def _char_device() -> str | None:
    for path in ("/dev/null", "/dev/zero", "/dev/full"):
        try:
            if stat.S_ISCHR(os.stat(path).st_mode):
                return path
        except OSError:
            continue
    return None


def _fingerprint(path: str) -> tuple[int, int, int, int]:
    st = os.lstat(path)
    return st.st_mode, st.st_ino, st.st_rdev, st.st_size


@pytest.mark.parametrize("fmt", ["json", "csv", "sqlite"])
def test_output_to_a_device_is_a_usage_error_that_leaves_it_alone(fmt: str) -> None:
    device = _char_device()
    if device is None:
        pytest.skip("no character device to try")
    before = _fingerprint(device)
    result = invoke(EXCERPT, "-o", device, "-f", fmt)
    assert result.exit_code == 2
    assert device in result.stderr and "character device" in result.stderr
    assert _fingerprint(device) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_to_a_fifo_a_folder_or_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    result = invoke(EXCERPT, "-o", str(fifo))
    assert result.exit_code == 2 and "FIFO" in result.stderr and str(fifo) in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    folder = tmp_path / "out.json"
    folder.mkdir()
    assert invoke(EXCERPT, "-o", str(folder)).exit_code == 2 and folder.is_dir()

    device = _char_device()
    if device is not None:
        link = tmp_path / "link.json"
        link.symlink_to(device)
        before = _fingerprint(device)
        result = invoke(EXCERPT, "-o", str(link))
        assert result.exit_code == 2 and str(link) in result.stderr
        assert link.is_symlink() and _fingerprint(device) == before
    expected = ["out.json", "pipe.jsonl"] + (["link.json"] if device else [])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(expected)


def test_a_symlink_to_a_regular_file_writes_that_file(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", "utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert invoke(EXCERPT, "-o", str(link)).exit_code == 0
    assert link.is_symlink() and json.loads(real.read_text("utf-8"))["document"]["issuer"] == "武义县卫生局"


def test_new_files_get_the_umask_mode_existing_files_keep_theirs(tmp_path: Path, umask: int) -> None:
    for name in ("new.json", "new.csv", "new.db"):
        assert invoke(EXCERPT, "-o", str(tmp_path / name)).exit_code == 0
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o666 & ~umask, name
    old = tmp_path / "old.jsonl"
    old.write_text("", "utf-8")
    os.chmod(old, 0o604)
    assert invoke(EXCERPT, "-o", str(old)).exit_code == 0
    assert stat.S_IMODE(os.stat(old).st_mode) == 0o604 and old.read_text("utf-8").startswith("{")


def test_the_format_comes_from_the_extension(tmp_path: Path) -> None:
    out = {ext: tmp_path / f"out{ext}" for ext in (".json", ".jsonl", ".csv", ".db", ".sqlite", ".txt")}
    for path in out.values():
        assert invoke(NOTICE, EXCERPT, "-q", "-o", str(path)).exit_code == 0
    assert isinstance(json.loads(out[".json"].read_text("utf-8")), list)
    assert len(out[".jsonl"].read_text("utf-8").splitlines()) == 2
    assert out[".csv"].read_bytes().startswith("\ufeffpath,".encode())
    for db in (out[".db"], out[".sqlite"]):
        with sqlite3.connect(db) as con:
            assert con.execute("SELECT count(*) FROM documents").fetchone() == (2,)
    assert out[".txt"].read_text("utf-8") == out[".jsonl"].read_text("utf-8")  # no hint: as without -o
    # an explicit --format wins over the extension
    assert invoke(EXCERPT, "-f", "jsonl", "-o", str(out[".csv"])).exit_code == 0
    assert json.loads(out[".csv"].read_text("utf-8"))["source"]["path"] == EXCERPT


def test_sqlite_needs_a_file_and_never_overwrites_another_kind_of_file(tmp_path: Path) -> None:
    assert invoke(EXCERPT, "-f", "sqlite").exit_code == 2
    notes = tmp_path / "notes.db"
    notes.write_text("my notes\n", "utf-8")
    result = invoke(EXCERPT, "-o", str(notes))
    assert result.exit_code == 2 and "not a SQLite database" in result.stderr
    assert notes.read_text("utf-8") == "my notes\n"


# ---------------------------------------------------------------- SQLite


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and an empty file (an error record)."""
    folder = tmp_path_factory.mktemp("notices")
    for p in SAMPLES.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "zz_empty.txt").write_bytes(b"")
    return folder


def test_sqlite_tables_count_what_the_json_records_hold_and_a_rerun_changes_nothing(
    tmp_path: Path, sample_folder: Path
) -> None:
    records = [json.loads(ln) for ln in invoke(str(sample_folder), "-q").stdout.splitlines()]
    expected = {
        "documents": len(records),
        "tasks": sum(len(r.get("tasks", [])) for r in records),
        "targets": sum(len(r.get("targets", [])) for r in records),
        "deadlines": sum(len(r.get("deadlines", [])) for r in records),
        "errors": sum("error" in r for r in records),
    }
    assert expected["errors"] == 1 and expected["deadlines"] > 0
    db = tmp_path / "notices.db"
    assert invoke(str(sample_folder), "-q", "-o", str(db)).exit_code == 1  # the empty file
    assert _counts(db) == expected
    first = _dump(db)
    assert invoke(str(sample_folder), "-q", "-o", str(db)).exit_code == 1
    assert _dump(db) == first
    assert [p.name for p in tmp_path.iterdir()] == ["notices.db"]
    with sqlite3.connect(db) as con:
        (record,) = con.execute("SELECT record FROM documents WHERE path LIKE '%web_15.txt'").fetchone()
        assert json.loads(record) == next(r for r in records if r["source"]["path"].endswith("web_15.txt"))
        task_ids = {row[0] for row in con.execute("SELECT id FROM tasks")}
        assert "1.10" in task_ids or all(isinstance(t, str) for t in task_ids)
        indexes = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"targets_indicator_id", "documents_year", "documents_region"} <= indexes


def test_sqlite_rerun_replaces_that_documents_rows_only(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("各单位：\n一、目标\n1. 产前筛查率达到90%，住院分娩率达到99%。\n", "utf-8")
    db = tmp_path / "n.db"
    assert invoke(str(doc), EXCERPT, "-q", "-o", str(db)).exit_code == 0
    before = _counts(db)
    doc.write_text("各单位：\n一、目标\n1. 产前筛查率达到95%。\n", "utf-8")
    assert invoke(str(doc), "-q", "-o", str(db)).exit_code == 0
    after = _counts(db)
    assert after["documents"] == before["documents"] == 2
    assert after["targets"] == before["targets"] - 1
    with sqlite3.connect(db) as con:
        assert con.execute(
            "SELECT t.value FROM targets t JOIN documents d ON d.id = t.document_id WHERE d.path = ?", (str(doc),)
        ).fetchall() == [(95.0,)]


def test_readme_sql_query_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S)
    assert query, "the README shows a query"
    db = tmp_path / "notices.db"
    assert invoke(str(SAMPLES), "-q", "-o", str(db)).exit_code == 0
    with sqlite3.connect(db) as con:
        rows = con.execute(query.group(1)).fetchall()
    assert rows and all(len(r) >= 3 for r in rows)


# ---------------------------------------------------------------- CSV


def test_csv_task_ids_stay_text_in_spreadsheets_and_pandas(tmp_path: Path) -> None:
    lines = "".join(f"{i}. 第{i}项工作，产前筛查率达到9{i % 10}%。\n" for i in range(1, 12))
    doc = tmp_path / "ten.txt"
    doc.write_text(f"各单位：\n一、目标\n{lines}", "utf-8")
    out = tmp_path / "t.csv"
    assert invoke(str(doc), "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    ids = [r["task_id"] for r in rows]
    assert "#1.1" in ids and "#1.10" in ids
    pd = pytest.importorskip("pandas")
    sheet = pd.read_csv(out)
    assert sheet["task_id"].map(type).eq(str).all() and "#1.10" in set(sheet["task_id"])
    assert sheet["value"].dtype.kind in "if"
