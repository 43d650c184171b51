"""Reliability: limits enforced from outside the work, a batch that survives a dead worker,
signals that keep the finished records, paths and cells that are safe for the next tool.

Every hostile input is generated here, small, in the test's own temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mch_extract import pool

SCRIPT = shutil.which("mch-extract", path=str(Path(sys.executable).parent)) or "mch-extract"
PLAN = "各单位：\n一、强化妇幼健康服务\n1. 产前筛查率达到90%，剖宫产率控制在35%以下。\n2025年3月24日\n"
SLOW = "孕产妇系统管理率≥95%，产前筛查率达到90%。\n" * 1500  # ~ half a second to extract


def _cli(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([SCRIPT, *args], input=stdin, capture_output=True, timeout=timeout)


def _records(stdout: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


def _type(record: dict[str, object]) -> str:
    error = record.get("error")
    return error["type"] if isinstance(error, dict) else "record"


# ---------------------------------------------------------------- the pool, in-process


def _answer(item: int, kind: pool.Failure, detail: str) -> str:
    return f"{kind}: {detail}"


def _hang_on_3(x: int) -> object:
    if x == 3:
        time.sleep(60)
    return x


def _die_on_3(x: int) -> object:
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def _grab_on_3(x: int) -> object:
    if x == 3:
        return len(bytearray(400 * 1024 * 1024))  # past a 200 MB cap
    return x


def test_a_worker_past_its_time_is_killed_and_replaced() -> None:
    start = time.monotonic()
    got = list(pool.run_ordered(list(range(8)), _hang_on_3, _answer, jobs=2, timeout=0.5))
    assert got == [0, 1, 2, "timeout: 0.5 s", 4, 5, 6, 7]
    assert time.monotonic() - start < 10 and not pool.LIVE


def test_a_killed_worker_costs_only_its_own_item() -> None:
    got = list(pool.run_ordered(list(range(8)), _die_on_3, _answer, jobs=2))
    assert got[:3] == [0, 1, 2] and got[4:] == [4, 5, 6, 7]
    assert isinstance(got[3], str) and got[3].startswith("died: killed by signal SIGKILL")


def test_a_worker_past_its_memory_cap_gives_a_memory_failure() -> None:
    got = list(pool.run_ordered(list(range(6)), _grab_on_3, _answer, jobs=1, memory=200 * 1024 * 1024))
    assert got == [0, 1, 2, "memory: ", 4, 5]


def _abort_on_3(x: int) -> object:
    if x == 3:
        held = bytearray(150 * 1024 * 1024)  # most of a 200 MB cap, then a native-style abort
        time.sleep(0.5)
        os.abort()
        return len(held)
    return x


def test_a_worker_that_aborts_near_its_memory_cap_gives_a_memory_failure() -> None:
    """pdfium aborts instead of raising MemoryError: a crash near the cap is the cap's doing."""
    got = list(pool.run_ordered(list(range(5)), _abort_on_3, _answer, jobs=1, memory=200 * 1024 * 1024))
    assert got == [0, 1, 2, "memory: ", 4]


def test_results_keep_input_order_for_every_number_of_workers() -> None:
    items = list(range(40))
    for jobs in (1, 2, 3):
        assert list(pool.run_ordered(items, _die_on_3, lambda i, k, d: -1, jobs=jobs)) == [
            -1 if i == 3 else i for i in items
        ]


def _refuse_to_load() -> object:
    raise ValueError("a result that does not load here")


class _Unloadable:
    """Pickles in the worker; reading it back in the parent raises."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (_refuse_to_load, ())


def _unloadable_on_3(x: int) -> object:
    return _Unloadable() if x == 3 else x


def test_a_result_that_cannot_be_read_back_costs_its_item_only() -> None:
    """Results are pickled objects (a record's parts): one the parent cannot unpickle is named,
    and the batch goes on with a fresh worker."""
    got = list(pool.run_ordered([1, 2, 3, 4], _unloadable_on_3, _answer))
    assert got == [1, 2, "unreadable: ValueError", 4]


def _fail_starting() -> None:
    raise RuntimeError("the rules do not load")


def test_a_started_worker_that_dies_starting_is_replaced_by_a_forked_one() -> None:
    early = pool.Prestarted(_fail_starting)
    assert list(pool.run_ordered([1, -2, 3], abs, _answer, jobs=2, first=early)) == [1, 2, 3]
    early.close()


def test_a_started_worker_s_time_limit_starts_when_it_is_ready() -> None:
    """Start-up is not the file's time: a worker 1.5 s from ready, a 1 s limit, a 0.05 s item."""
    early = pool.Prestarted(lambda: time.sleep(1.5))
    got = list(pool.run_ordered([0.05], time.sleep, _answer, timeout=1.0, first=early))
    assert got == [None]


def test_a_started_worker_that_no_batch_takes_is_killed() -> None:
    early = pool.Prestarted(lambda: None)
    assert early.worker is not None
    proc = early.worker.proc
    early.close()
    assert not proc.is_alive() and early.worker is None


# ---------------------------------------------------------------- the command, end to end


def _folder(tmp_path: Path, count: int, text: str = PLAN) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(text, "utf-8")
    return folder


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(p) for p in found]


def _wait_for(condition: object, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_sigkill_to_a_worker_mid_batch_loses_nothing_but_its_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 12, SLOW)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([SCRIPT, str(folder), "-j", "2", "-o", str(out)], stderr=subprocess.PIPE)
    _wait_for(lambda: len(_children(proc.pid)) == 2)
    time.sleep(1.0)  # mid-batch: both workers busy with a file
    os.kill(_children(proc.pid)[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    records = _records(out.read_bytes())
    assert [Path(str(r["source"]["path"])).name for r in records] == [f"{i:03d}.txt" for i in range(12)]  # type: ignore[index]
    types = [_type(r) for r in records]
    assert types.count("internal_error") == 1 and types.count("record") == 11
    lost = next(r for r in records if _type(r) == "internal_error")
    assert "killed by signal SIGKILL" in lost["error"]["message"]  # type: ignore[index]
    assert proc.returncode == 1 and b"Traceback" not in err


@pytest.mark.parametrize("sig", [signal.SIGINT, pytest.param(signal.SIGTERM, marks=pytest.mark.slow)])
def test_a_signal_keeps_the_finished_records_and_leaves_no_worker_or_temp_file(tmp_path: Path, sig: int) -> None:
    folder = _folder(tmp_path, 40, SLOW)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "out.jsonl"
    proc = subprocess.Popen([SCRIPT, str(folder), "-j", "2", "-o", str(out)], stderr=subprocess.PIPE)
    temp = lambda: [p for p in out_dir.iterdir() if p.name.startswith(".mch-extract-")]  # noqa: E731
    _wait_for(lambda: any(p.stat().st_size for p in temp()))  # some records are done
    workers = _children(proc.pid)
    start = time.monotonic()
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - start < 5  # the file in flight is not waited for
    assert proc.returncode == 128 + sig
    lines = out.read_text("utf-8").splitlines()
    assert 1 <= len(lines) < 40 and all(json.loads(ln)["document"] for ln in lines)  # complete lines only
    assert f"{len(lines)} of 40 records written".encode() in err and b"Traceback" not in err
    assert not temp()
    time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and b"Z" not in _state(pid)]


def _state(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().split(b")")[-1][:3]
    except OSError:
        return b"Z"


@pytest.mark.parametrize("in_folder", [False, True])
def test_two_interrupts_exit_at_once(tmp_path: Path, in_folder: bool) -> None:
    """One file: its worker starts before the command line is parsed, so the signals may come
    before the batch runs; in a folder, the worker is forked when the batch runs."""
    (tmp_path / "in").mkdir()
    slow = tmp_path / "in" / "slow.txt"
    slow.write_text(SLOW * 20, "utf-8")
    out = tmp_path / "out.json"
    proc = subprocess.Popen([SCRIPT, str(slow.parent if in_folder else slow), "-o", str(out)], stderr=subprocess.PIPE)
    _wait_for(lambda: len(_children(proc.pid)) == 1)
    proc.send_signal(signal.SIGINT)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode in (130, 1 + 129) and b"Traceback" not in err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mch-extract-")]


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 30)
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; '{SCRIPT}' '{folder}' -j 2 | head -1"], capture_output=True, timeout=120
    )
    assert len(proc.stdout.splitlines()) == 1
    assert proc.stderr == b"" and proc.returncode == 141


@pytest.mark.parametrize(
    "option",
    [
        ["--max-size", "1e400"],
        ["--max-size", "nan"],
        ["--max-size", "-5MB"],
        ["--max-size", "ten"],
        ["--timeout", "inf"],
        ["--timeout", "nan"],
        ["--max-memory", "1e30GB"],
    ],
)
def test_option_values_are_checked_at_the_edge(tmp_path: Path, option: list[str]) -> None:
    from typer.testing import CliRunner

    from mch_extract.cli import app

    (tmp_path / "a.txt").write_text(PLAN, "utf-8")
    result = CliRunner().invoke(app, [str(tmp_path / "a.txt"), *option])
    assert result.exit_code == 2 and result.stdout == ""
    assert option[0] in result.stderr and "Traceback" not in result.stderr


def test_standard_input_is_read_no_further_than_max_size() -> None:
    with open("/dev/zero", "rb") as zero:
        start = time.monotonic()
        proc = subprocess.run([SCRIPT, "-", "--max-size", "1MB"], stdin=zero, capture_output=True, timeout=60)
    record = json.loads(proc.stdout)
    assert record["error"]["type"] == "too_large" and time.monotonic() - start < 30


def test_a_file_name_in_gbk_bytes_is_reported_losslessly(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    raw = os.fsencode(folder) + b"/" + "妇幼".encode("gbk") + b".txt"  # not UTF-8
    with open(raw, "wb") as fh:
        fh.write(PLAN.encode())
    proc = _cli(str(folder), "-j", "2")
    records = _records(proc.stdout)
    assert proc.returncode == 0 and len(records) == 4 and all(_type(r) == "record" for r in records)
    assert raw in [os.fsencode(str(r["source"]["path"])) for r in records]  # type: ignore[index]
    assert b"\\udc" in proc.stdout
    for fmt in ("csv", "table"):  # written as escapes there too, never a UnicodeEncodeError
        other = _cli(str(folder), "-j", "1", "-q", "-f", fmt)
        assert other.returncode == 0 and b"\\udcb8\\udcbe" in other.stdout and other.stderr == b""


def test_a_pdf_past_its_time_limit_is_stopped_from_outside(tmp_path: Path) -> None:
    """Twelve pages of dense ruled grid full of figures (over a second of work on the development machine):
    killed at --timeout, not finished.  The limit is a tenth of the work, so a machine several times faster
    (or the next speed-up) still runs past it: six pages outlasted a 0.5 s limit until the pipeline got faster."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(12):  # one page took seconds in pdfplumber's table search; linear now, so twelve
        c.setFont("Helvetica", 4)
        for i in range(0, 800, 4):
            c.line(20, 20 + i, 580, 20 + i)
            c.line(20 + i * 0.7, 20, 20 + i * 0.7, 820)
        for i in range(0, 800, 8):
            for j in range(0, 560, 14):
                c.drawString(22 + j, 22 + i, "95%")
        c.showPage()
    c.save()
    start = time.monotonic()
    proc = _cli(str(path), "--timeout", "0.1")
    assert json.loads(proc.stdout)["error"]["type"] == "timeout"
    assert time.monotonic() - start < 0.1 + 5


# ---------------------------------------------------------------- safe for the next tool


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    import csv
    import io

    from mch_extract.write import CsvWriter

    out = io.StringIO()
    writer = CsvWriter(out)
    writer.write(
        {
            "source": {"path": "=cmd.txt"},
            "document": {"title": '=HYPERLINK("http://e.vil","x")', "issuer": "@SUM(A1)"},
            "targets": [{"indicator": "+1", "comparator": "<=", "value": -2.0, "unit": "%", "text": "-2%"}],
        }
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["path"] == "'=cmd.txt" and rows[0]["title"].startswith("'=") and rows[0]["issuer"] == "'@SUM(A1)"
    assert rows[0]["indicator"] == "'+1" and rows[0]["value"] == "-2" and rows[0]["text"] == "'-2%"


def test_the_table_shows_markup_and_escape_sequences_as_written() -> None:
    import io

    from mch_extract.write import TableWriter

    out = io.StringIO()
    writer = TableWriter(out)
    writer.write(
        {
            "source": {"path": "a[link=http://e.vil]b\x1b[2J.txt"},
            "document": {"title": "关于[/x]印发[bold]要点的通知"},
            "targets": [{"indicator": "[/red]率", "comparator": ">=", "value": 95.0, "unit": "%"}],
        }
    )
    text = out.getvalue()
    assert "[/x]" in text and "[link=http://e.vil]" in text and "[/red]" in text
    assert "\x1b" not in text and "\\x1b[2J" in text


def test_a_folder_walk_does_not_leave_the_folder_through_symlinks(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(PLAN, "utf-8")
    os.symlink(outside / "secret.txt", folder / "leak.txt")
    os.symlink(outside, folder / "away")
    os.symlink(folder / "000.txt", folder / "inside.txt")  # stays in the folder: read
    proc = _cli(str(folder), "-j", "1")
    names = sorted(Path(str(r["source"]["path"])).name for r in _records(proc.stdout))  # type: ignore[index]
    assert names == ["000.txt", "001.txt", "inside.txt"]
    assert b"skipped 2 symbolic links leading out of the folder" in proc.stderr
    followed = _records(_cli(str(folder), "-j", "1", "--follow-links", "-q").stdout)
    assert len(followed) == 5


# ---------------------------------------------------------------- recover what can be read, name what cannot


def test_stray_nul_bytes_and_an_invalid_byte_are_dropped_with_a_warning() -> None:
    from mch_extract import extract

    good = extract(PLAN.encode())
    for data, word in (
        (PLAN.encode().replace("一、".encode(), b"\x00\x00\x00" + "一、".encode()), "NUL"),
        (PLAN.encode().replace("强化".encode(), b"\xff" + "强化".encode()), "invalid byte"),
    ):
        notice = extract(data)
        assert any(word in w for w in notice.warnings)
        assert [t.model_dump() for t in notice.targets] == [t.model_dump() for t in good.targets]


def test_a_file_whose_name_and_content_disagree_is_read_by_its_content(tmp_path: Path) -> None:
    from mch_extract import extract

    path = tmp_path / "notice.pdf"
    path.write_text(PLAN, "utf-8")
    notice = extract(path)
    assert notice.source.format == "text" and any("named .pdf but holds text" in w for w in notice.warnings)


def test_a_number_too_large_for_json_is_dropped_not_null() -> None:
    from mch_extract import extract

    notice = extract(("各单位：\n1. 产前筛查率达到" + "9" * 400 + "%，剖宫产率控制在35%以下。\n").encode())
    assert [t.value for t in notice.targets] == [35.0]
    assert any("too large for a number" in w for w in notice.warnings)
    assert "null" not in json.dumps([t.model_dump()["value"] for t in notice.targets])


def test_a_record_holds_at_most_max_items_of_a_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    from mch_extract import extract, pipeline

    monkeypatch.setattr(pipeline, "MAX_ITEMS", 3)
    notice = extract(("各单位：\n" + "".join(f"{i}. 产前筛查率达到9{i}%。\n" for i in range(1, 8))).encode())
    assert len(notice.tasks) == 3 and len(notice.targets) == 3
    assert any(w.startswith("tasks: only the first 3") for w in notice.warnings)
    assert any(w.startswith("targets: only the first 3") for w in notice.warnings)


def test_a_docx_that_inflates_past_the_limit_is_too_large_before_inflating(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import zipfile

    from mch_extract.errors import ExtractError
    from mch_extract.load import docx

    monkeypatch.setattr(docx, "INFLATED_LIMIT", 1 << 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document>" + " " * (4 << 20) + "</w:document>")
    with pytest.raises(ExtractError) as err:
        docx.load_docx(buf.getvalue())
    assert err.value.type == "too_large" and "zip bomb" in err.value.message


def test_a_file_that_cannot_be_read_is_named_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mch_extract import pipeline

    path = tmp_path / "locked.txt"
    path.write_text(PLAN, "utf-8")

    def refuse(self: Path, mode: str = "r") -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    record = pipeline.extract_record(path)
    assert record.error.type == "not_found" and "Permission denied" in record.error.message  # type: ignore[union-attr]


def test_resume_keeps_the_finished_records_and_extracts_only_the_rest(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 6)
    (folder / "003.txt").write_text("", "utf-8")  # an error record is kept as well
    full = tmp_path / "full.jsonl"
    assert _cli(str(folder), "-q", "-o", str(full)).returncode == 1
    lines = full.read_text("utf-8").splitlines()
    out = tmp_path / "out.jsonl"
    out.write_text("\n".join(lines[:4]) + "\n" + lines[4][:30], "utf-8")  # as an interrupted run left it, torn line
    proc = _cli(str(folder), "-q", "-o", str(out), "--resume")
    assert proc.returncode == 1 and out.read_text("utf-8").splitlines() == lines
    assert _cli(str(folder), "--resume").returncode == 2  # needs -o FILE.jsonl


def test_a_folder_that_cannot_be_read_is_an_error_record(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mch_extract import batch

    folder = _folder(tmp_path, 2)
    locked = folder / "locked"
    locked.mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    found = {Path(i.path).name: (i.problem, i.message) for i in batch.collect_inputs([str(folder)])}
    assert found["locked"] == ("not_found", "the folder cannot be read: Permission denied")
    assert found["000.txt"] == (None, None)
