"""The command line, in-process with typer's CliRunner; one subprocess test of the installed script."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import ROOT, SAMPLES, run_snippet
from mch_extract import batch
from mch_extract.cli import app

runner = CliRunner()
NOTICE = str(SAMPLES / "001_c0e798cd467e829b.txt")


def invoke(*args: str, input: bytes | str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def test_one_file_is_one_pretty_object() -> None:
    result = invoke(NOTICE)
    assert result.exit_code == 0
    assert result.stdout.startswith("{\n")
    record = json.loads(result.stdout)
    assert record["document"]["doc_number"] == "长卫健发〔2024〕25号"
    assert "长卫健发" in result.stdout  # Chinese unescaped


def test_a_folder_gives_json_lines_in_sorted_order_one_per_file() -> None:
    result = invoke(str(SAMPLES), "-q")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    expected = sorted(str(p) for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".pdf", ".md"))
    assert [json.loads(ln)["source"]["path"] for ln in lines] == expected


def test_output_is_identical_for_any_number_of_jobs() -> None:
    one = invoke(str(SAMPLES), "-q", "-j", "1").stdout
    two = invoke(str(SAMPLES), "-q", "-j", "2").stdout
    assert one == two and one


def test_csv_has_a_bom_one_row_per_target_and_quotes_chinese_commas(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text("各单位：\n一、目标\n1. 产前筛查率达到90%，住院分娩率达到99%。\n", "utf-8")
    result = invoke(NOTICE, str(odd), "-f", "csv", "-q")
    assert result.stdout.startswith("\ufeffpath,error,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    notice_rows = [r for r in rows if r["path"] == NOTICE]
    assert len(notice_rows) == len(json.loads(invoke(NOTICE).stdout)["targets"])
    assert {r["indicator"] for r in rows if r["path"] == str(odd)} == {"产前筛查率", "住院分娩率"}
    assert all(r["issuer"] == "上海市长宁区卫生健康委员会" for r in notice_rows)


def test_csv_keeps_files_without_targets_and_failed_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "plain.txt").write_text("各单位：\n请认真贯彻落实。\n", "utf-8")
    rows = list(csv.DictReader(io.StringIO(invoke(str(tmp_path), "-f", "csv", "-q").stdout.lstrip("\ufeff"))))
    assert [(Path(r["path"]).name, r["error"].split(":")[0]) for r in rows] == [
        ("empty.txt", "empty"),
        ("plain.txt", ""),
    ]


def test_table_is_for_people() -> None:
    result = invoke(NOTICE, "-f", "table")
    assert result.exit_code == 0
    assert "上海市长宁区卫生健康委员会" in result.stdout and "剖宫产率" in result.stdout


def test_json_for_several_inputs_is_an_array() -> None:
    data = json.loads(invoke(NOTICE, str(SAMPLES / "web_15.txt"), "-f", "json", "-q").stdout)
    assert isinstance(data, list) and len(data) == 2


def test_output_file_is_written_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = invoke(str(SAMPLES), "-o", str(out), "-q")
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text("utf-8").splitlines()) == len(
        [p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".pdf", ".md")]
    )
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]  # no temporary file left


def test_with_text_adds_the_text_spans_point_into() -> None:
    record = json.loads(invoke(NOTICE, "--with-text").stdout)
    text = record["text"]
    assert all(text[t["span"][0] : t["span"][1]] == t["text"] for t in record["targets"])
    assert "text" not in json.loads(invoke(NOTICE).stdout)


def test_schema() -> None:
    schema = json.loads(invoke("--schema").stdout)
    assert "Notice" in json.dumps(schema) and "ErrorRecord" in json.dumps(schema)


def test_version_and_help() -> None:
    assert re.fullmatch(r"mch-extract \d+\.\d+\.\d+\n", invoke("--version").stdout)
    help_text = invoke("--help").stdout
    assert "Examples:" in help_text and "--format" in help_text and "jq" in help_text
    assert invoke("-h").stdout == help_text


def test_standard_input() -> None:
    data = (SAMPLES / "web_15.txt").read_bytes()
    record = json.loads(invoke("-", input=data).stdout)
    assert record["source"]["path"] == "-" and record["document"]["issuer"] == "武义县卫生局"


def test_exit_codes(tmp_path: Path) -> None:
    assert invoke(NOTICE).exit_code == 0
    missing = invoke(str(tmp_path / "nope.pdf"), NOTICE, "-q")
    assert missing.exit_code == 1
    by_path = {json.loads(ln)["source"]["path"]: json.loads(ln) for ln in missing.stdout.splitlines()}
    assert by_path[str(tmp_path / "nope.pdf")]["error"]["type"] == "not_found"
    assert invoke().exit_code == 2
    assert invoke(NOTICE, "--format", "xml").exit_code == 2
    assert invoke(NOTICE, "--no-such-option").exit_code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_reported_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = invoke(str(fifo))
    assert result.exit_code == 1 and json.loads(result.stdout)["error"]["type"] == "not_a_file"


def test_max_size() -> None:
    record = json.loads(invoke(NOTICE, "--max-size", "1KB").stdout)
    assert record["error"]["type"] == "too_large"
    assert invoke(NOTICE, "--max-size", "lots").exit_code == 2


def test_timeout_gives_a_timeout_record_and_the_batch_goes_on(tmp_path: Path) -> None:
    slow = tmp_path / "a_slow.txt"
    slow.write_text("孕产妇系统管理率≥95%，" * 40000, "utf-8")
    result = invoke(str(slow), NOTICE, "--timeout", "1", "-q", "-j", "1")
    records = {json.loads(ln)["source"]["path"]: json.loads(ln) for ln in result.stdout.splitlines()}
    assert records[str(slow)]["error"]["type"] == "timeout"  # its worker was killed and replaced
    assert "document" in records[NOTICE] and result.exit_code == 1


def test_quiet_and_progress_go_to_stderr_only() -> None:
    result = invoke(str(SAMPLES), "-q")
    assert result.stderr == ""
    loud = invoke(str(SAMPLES))
    assert "files, 0 errors" in loud.stderr and "files, 0 errors" not in loud.stdout


def test_installed_console_script(tmp_path: Path) -> None:
    script = shutil.which("mch-extract", path=str(Path(sys.executable).parent)) or shutil.which("mch-extract")
    assert script, "the console script is not installed"
    proc = subprocess.run([script, NOTICE, str(tmp_path / "missing.txt")], capture_output=True, timeout=120)
    assert proc.returncode == 1
    records = {json.loads(ln)["source"]["path"]: json.loads(ln) for ln in proc.stdout.decode("utf-8").splitlines()}
    assert len(records) == 2 and records[NOTICE]["document"]["issuer"] == "上海市长宁区卫生健康委员会"
    assert b"Traceback" not in proc.stderr
    module = subprocess.run([sys.executable, "-m", "mch_extract", "--version"], capture_output=True, timeout=60)
    assert module.stdout.decode().startswith("mch-extract ")


@pytest.mark.parametrize("count", [1, 3])
def test_the_console_script_writes_the_library_s_records(count: int) -> None:
    """The console script's own paths: one file (the worker sends parts, the parent makes the
    record) and several named files (the early worker makes its records itself)."""
    from mch_extract import extract

    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))[:count]]
    script = shutil.which("mch-extract", path=str(Path(sys.executable).parent)) or "mch-extract"
    proc = subprocess.run([script, *paths, "-f", "jsonl"], capture_output=True, timeout=120, check=True)
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines == [extract(p).model_dump_json() for p in paths]


def _with_plugin_scan_skipped(code: str) -> bytes:
    """What ``code`` prints in a fresh interpreter where plugins are disabled and the console
    script's stand-in for pydantic's plugin loader is in place."""
    prelude = (
        "import os, sys; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
        "from mch_extract.entry import skip_plugin_scan; skip_plugin_scan()\n"
    )
    proc = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, timeout=120, check=True)
    return proc.stdout.strip()


def test_the_command_does_not_look_for_pydantic_plugins() -> None:
    """Plugins are disabled for the command: importlib.metadata (30-80 ms) is not imported to find none."""
    code = (
        "from mch_extract import extract_text\n"
        "assert extract_text('2019年，产前筛查率达到90%。').targets[0].value == 90\n"
        "print('importlib.metadata' in sys.modules)"
    )
    assert _with_plugin_scan_skipped(code) == b"False"


def test_the_plugin_loader_stand_in_gives_any_other_name_from_the_real_module() -> None:
    """Bug guard: a later pydantic may ask its loader for more than get_plugins; the stand-in
    then imports the real module instead of failing every command."""
    code = (
        "from pydantic.plugin import _loader\n"
        "assert _loader.get_plugins() == ()\n"
        "print(callable(getattr(_loader, 'get_plugins')), _loader.__getattr__('get_plugins') is not None)"
    )
    assert _with_plugin_scan_skipped(code) == b"True True"


def _readme_block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```(?:bash|python)\n(.*?)```", readme, re.S)
    return next(b for b in blocks if marker in b)


@pytest.fixture(scope="module")
def folder_with_an_unreadable_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The text samples and one file that gives an error record (only source and error)."""
    folder = tmp_path_factory.mktemp("notices")
    for path in SAMPLES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    return folder


def _readme_command(marker: str, folder: Path) -> str:
    """A README command with the installed script and the folder in place of samples/."""
    command = _readme_block(marker).strip()
    script = shutil.which("mch-extract", path=str(Path(sys.executable).parent)) or "mch-extract"
    return command.replace("mch-extract", str(script), 1).replace("samples/", f"{folder}/")


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_readme_jq_example_works_on_a_folder_with_an_unreadable_file(folder_with_an_unreadable_file: Path) -> None:
    command = _readme_command("jq -r", folder_with_an_unreadable_file)
    proc = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()  # jq's status: it read every record
    rows = [ln.split("\t") for ln in proc.stdout.decode().splitlines()]
    assert ["上海和睦家医院", "<=", "28", "%"] in rows and len(rows) >= 7


def test_readme_pandas_example_works_on_a_folder_with_an_unreadable_file(
    tmp_path: Path, folder_with_an_unreadable_file: Path
) -> None:
    pd = pytest.importorskip("pandas")
    folder = str(folder_with_an_unreadable_file)
    assert invoke(folder, "-o", str(tmp_path / "out.jsonl"), "-q").exit_code == 1
    assert invoke(folder, "-f", "csv", "-o", str(tmp_path / "targets.csv"), "-q").exit_code == 1
    code = _readme_block("import pandas")
    scope = run_snippet(code, tmp_path)  # the README's snippet, as written
    targets = scope["targets"]
    assert isinstance(targets, pd.DataFrame) and "document.issuer" in targets.columns and len(targets) > 100
    failed = scope["failed"]
    assert isinstance(failed, pd.DataFrame) and list(failed["error.type"]) == ["corrupt_pdf"]


def test_results_stream_before_the_batch_is_done(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No accumulation: the first record is out while most files are not even read."""
    log = tmp_path / "started.log"
    real = batch.extract_one

    def spy(
        path: str, options: batch.Options, data: bytes | None = None, records_in_parent: bool = False
    ) -> batch.Result | batch.Extracted:
        with log.open("a") as fh:  # runs in the (forked) worker: tell the test through a file
            fh.write(path + "\n")
        return real(path, options, data, records_in_parent)

    monkeypatch.setattr(batch, "extract_one", spy)
    inputs = batch.collect_inputs([str(SAMPLES)])
    stream = batch.run_batch(inputs, batch.Options(), jobs=1)
    first = next(stream)
    started = log.read_text().splitlines()
    stream.close()
    assert started[0] == first.path and len(started) <= 5 < 10 < len(inputs)


@pytest.mark.slow
def test_a_thousand_notices_in_bounded_memory(tmp_path: Path) -> None:
    """1,000 copies of the samples through the installed script with two workers."""
    folder = tmp_path / "notices"
    folder.mkdir()
    sources = sorted(SAMPLES.glob("*.txt"))
    for i in range(1000):
        shutil.copy(sources[i % len(sources)], folder / f"{i:04d}.txt")
    script = shutil.which("mch-extract", path=str(Path(sys.executable).parent))
    out = tmp_path / "out.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([str(script), str(folder), "-j", "2", "-q", "-o", str(out)], capture_output=True, timeout=900)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    assert sum(1 for _ in out.open("rb")) == 1000
    # the largest process stays far below what holding 1,000 records would take
    assert max(peak_kib, before) < 400 * 1024, f"peak RSS {peak_kib} KiB"
