"""What a newcomer reads: --help, every usage error, the summary, a missing file, a closed pipe."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from helpers import SAMPLES
from mch_extract.cli import app

runner = CliRunner()
NOTICE = str(SAMPLES / "001_c0e798cd467e829b.txt")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_help_shows_no_python_type_names_and_fits_a_terminal() -> None:
    text = invoke("--help").stdout
    for python_ism in ("<", "list[", "range", "str]", "int]", "float", "[default: 0", "...]..."):
        assert python_ism not in text, python_ism
    assert "Usage: mch-extract [OPTIONS] PATH..." in text
    assert all(_cells(line) <= 80 for line in text.splitlines()), max(text.splitlines(), key=_cells)


def test_help_names_every_option_and_its_true_default() -> None:
    text = invoke("--help").stdout
    command = get_command(app)
    for param in command.params:
        for name in getattr(param, "opts", []):
            if name.startswith("-"):
                assert re.search(rf"(^|[ ,]){re.escape(name)}\b", text, re.M), name
    assert f"Default: the number of CPUs ({os.cpu_count()})" in text
    assert "Default: 64MB" in text and "Default: 120" in text and "Default: 500" in text


def test_help_examples_read_as_a_list_one_command_a_line() -> None:
    text = invoke("--help").stdout
    examples = text.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    commands = [ln.strip() for ln in examples if ln.startswith("    ")]
    captions = [ln.strip() for ln in examples if ln.startswith("  ") and not ln.startswith("    ")]
    assert len(commands) == len(captions) >= 5
    assert all(c.startswith(("mch-extract ", "cat ")) for c in commands)
    assert all(c.endswith(":") for c in captions)


# Every usage error a user can provoke: the arguments, a word naming what was wrong, and the fix.
USAGE_ERRORS = [
    (["--format", "xml"], "--format xml", "json, jsonl, csv, table or sqlite"),
    (["-f"], "-f", "json, jsonl, csv, table or sqlite"),
    (["--max-size", "foo"], "--max-size foo", "64MB"),
    (["--max-size", "0"], "--max-size 0", "64MB"),
    (["--max-size", "inf"], "--max-size inf", "64MB"),
    (["--max-memory", "lots"], "--max-memory lots", "(0 means no limit)"),
    (["--max-memory", "-1GB"], "--max-memory -1GB", "1GB"),
    (["-j", "x"], "--jobs x", "-j 2"),
    (["-j", "-1"], "--jobs -1", "-j 2"),
    (["-j"], "-j", "-j 2"),
    (["--timeout", "soon"], "--timeout soon", "--timeout 30"),
    (["--timeout", "-1"], "--timeout -1", "--timeout 30"),
    (["--max-pages", "0"], "--max-pages 0", "--max-pages 50"),
    (["--max-pages", "many"], "--max-pages many", "--max-pages 50"),
    (["--nope"], "--nope", "mch-extract --help"),
    (["--fromat", "json"], "--fromat", "did you mean --format?"),
    (["--schema=yes"], "--schema", "write --schema alone"),
    (["-o"], "-o", "-o out.jsonl"),
]


@pytest.mark.parametrize(
    ("args", "names", "fix"), USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_every_usage_error_is_one_line_naming_the_option_and_the_fix(args: list[str], names: str, fix: str) -> None:
    result = invoke(NOTICE, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mch-extract: ") and names in lines[0] and fix in lines[0], lines[0]


def test_no_input_is_one_line_saying_what_to_give() -> None:
    result = invoke()
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "mch-extract: no input: give files or folders to read (or - for standard input), e.g. mch-extract notices/"
    ]


def test_unwritable_output_is_one_line_naming_the_file(tmp_path: Path) -> None:
    for target in (tmp_path / "missing" / "out.json", tmp_path):  # no such folder; a folder
        result = invoke(NOTICE, "-o", str(target))
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"mch-extract: -o {target}"), lines
        assert "choose a" in lines[0]


def test_sqlite_needs_a_file_and_never_overwrites_another_kind(tmp_path: Path) -> None:
    result = invoke(NOTICE, "-f", "sqlite")
    assert result.exit_code == 2 and result.stderr == "mch-extract: --format sqlite writes a file: add -o notices.db\n"
    other = tmp_path / "notes.db"
    other.write_text("not a database", "utf-8")
    result = invoke(NOTICE, "-o", str(other))
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert (
        f"-o {other} exists and is not a SQLite database" in result.stderr and "choose a new .db file" in result.stderr
    )


@pytest.mark.parametrize(
    ("args", "names", "fix"),
    [
        (["rollup", "--kind", "x", NOTICE], "--kind", "'all', 'target', 'actual'"),
        (["rollup", "--nope", NOTICE], "--nope", "mch-extract rollup --help"),
        (["rollup"], "INPUT", "mch-extract rollup --help"),
        (["review"], "FILE", "mch-extract review --help"),
        (["review", NOTICE, "--max-pages", "x"], "--max-pages", "mch-extract review --help"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_subcommand_usage_errors_are_one_line_too(args: list[str], names: str, fix: str) -> None:
    proc = subprocess.run([_script(), *args], capture_output=True, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mch-extract: ") and names in lines[0] and fix in lines[0], lines


@pytest.mark.parametrize("name", ["rollup", "review"])
def test_subcommand_help_shows_no_python_type_names(name: str) -> None:
    text = subprocess.run([_script(), name, "--help"], capture_output=True, timeout=120).stdout.decode()
    assert text.startswith(f"Usage: mch-extract {name} [OPTIONS]")
    for python_ism in ("<", "list[", "range", "[default: 0", "...]..."):
        assert python_ism not in text, python_ism
    assert all(_cells(line) <= 80 for line in text.splitlines()), max(text.splitlines(), key=_cells)
    examples = text.split("Examples:\n", 1)[1].splitlines()
    assert all(ln.startswith("    mch-extract ") or ln.rstrip().endswith(":") for ln in examples if ln.strip())


def test_a_folder_without_notices_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"mch-extract: no .pdf .ofd .txt .md .docx .doc .wps .html .htm files in {tmp_path} "
        "(skipped: 1 files of other types): give files or a folder that holds them"
    ]


def test_a_missing_file_on_the_command_line_is_said_on_stderr_even_with_quiet(tmp_path: Path) -> None:
    missing = str(tmp_path / "typo.pdf")
    for extra in ([], ["-q"]):
        result = invoke(missing, NOTICE, *extra)
        assert result.exit_code == 1
        assert f"mch-extract: {missing}: no such file" in result.stderr.splitlines()
        records = [json.loads(ln) for ln in result.stdout.splitlines()]
        assert [r["error"]["type"] for r in records if "error" in r] == ["not_found"]


def test_too_large_and_timeout_records_name_the_option_to_raise(tmp_path: Path) -> None:
    record = json.loads(invoke(NOTICE, "--max-size", "1KB").stdout)
    assert record["error"]["type"] == "too_large" and "--max-size" in record["error"]["message"]
    slow = tmp_path / "slow.txt"
    slow.write_text("孕产妇系统管理率≥95%，" * 40000, "utf-8")
    record = json.loads(invoke(str(slow), "--timeout", "0.5", "-j", "1").stdout)
    assert record["error"]["type"] == "timeout" and "--timeout" in record["error"]["message"]


@pytest.fixture
def folder_with_failures(tmp_path: Path) -> Path:
    shutil.copy(SAMPLES / "web_15.txt", tmp_path / "a_good.txt")
    for i in range(7):
        (tmp_path / f"broken_{i}.txt").write_bytes(b"")
    return tmp_path


def test_summary_names_the_first_failed_files_and_all_with_verbose(folder_with_failures: Path) -> None:
    result = invoke(str(folder_with_failures), "-j", "1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "mch-extract: 8 files, 7 errors"
    assert [ln.split(":")[0].strip() for ln in lines[1:6]] == [
        str(folder_with_failures / f"broken_{i}.txt") for i in range(5)
    ]
    assert lines[1].endswith("empty: the file is empty or holds only white space")
    assert lines[6] == "  … and 2 more (-v names them all)" and len(lines) == 7
    verbose = invoke(str(folder_with_failures), "-j", "1", "-v").stderr.splitlines()
    assert len(verbose) == 8 and verbose[-1].strip().startswith(str(folder_with_failures / "broken_6.txt"))


def test_summary_counts_in_good_english(folder_with_failures: Path) -> None:
    for i in range(1, 7):
        (folder_with_failures / f"broken_{i}.txt").unlink()
    assert invoke(str(folder_with_failures), "-j", "1").stderr.splitlines()[0] == "mch-extract: 2 files, 1 error"


def _script() -> str:
    script = shutil.which("mch-extract", path=str(Path(sys.executable).parent)) or shutil.which("mch-extract")
    assert script, "the console script is not installed"
    return script


def test_a_closed_pipe_ends_quietly_with_status_141(tmp_path: Path) -> None:
    """``mch-extract notices/ | head -1``: no message, the status of a command ended by SIGPIPE."""
    for i in range(40):
        shutil.copy(SAMPLES / "001_c0e798cd467e829b.txt", tmp_path / f"{i:02d}.txt")
    proc = subprocess.Popen([_script(), str(tmp_path), "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["document"]["issuer"]
    proc.stdout.close()
    assert proc.wait(timeout=120) == 141
    assert proc.stderr.read() == b""
