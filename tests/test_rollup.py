"""``mch-extract rollup``: one table of every target across documents, folders and earlier output."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import SAMPLES
from mch_extract.cli import app, command_for, main
from mch_extract.cli_rollup import app as rollup_app
from mch_extract.rollup import LONG_COLUMNS, canonical_names, long_rows, wide_rows

runner = CliRunner()
SPEC_COLUMNS = ["region", "issuer", "year", "indicator_id", "indicator", "comparator", "value", "unit", "kind",
                "scope", "deadline", "national_comparison", "path", "quote"]  # fmt: skip


@pytest.fixture(scope="module")
def records_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("records") / "out.jsonl"
    assert runner.invoke(app, [str(SAMPLES), "-q", "-o", str(out)]).exit_code == 0
    return out


def _records(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(ln) for ln in path.read_text("utf-8").splitlines()]


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_one_row_per_target_with_specs_columns(tmp_path: Path, records_file: Path) -> None:
    out = tmp_path / "table.csv"
    result = runner.invoke(rollup_app, [str(SAMPLES), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    rows = _rows(out.read_text("utf-8"))
    assert set(SPEC_COLUMNS) <= set(rows[0]) and list(rows[0]) == LONG_COLUMNS
    records = {r["source"]["sha256"]: r for r in _records(records_file)}
    assert len(rows) == sum(len(r["targets"]) for r in records.values())
    per_doc = Counter(r["path"] for r in rows)
    for r in records.values():
        assert per_doc[r["source"]["path"]] == len(r["targets"])
    # every quote is a target's text, in the document's order within a document
    quotes = {(r["source"]["path"], t["text"]) for r in records.values() for t in r["targets"]}
    assert all((row["path"], row["quote"]) in quotes for row in rows)


def test_earlier_output_and_documents_together_give_each_document_once(tmp_path: Path, records_file: Path) -> None:
    from_docs = runner.invoke(rollup_app, [str(SAMPLES), "-q"]).stdout
    from_records = runner.invoke(rollup_app, [str(records_file), "-q"]).stdout
    both = runner.invoke(rollup_app, [str(records_file), str(SAMPLES), str(records_file), "-q"]).stdout
    assert from_docs == from_records == both
    assert runner.invoke(rollup_app, [str(SAMPLES), "-q"]).stdout == from_docs  # stable


def test_pandas_reads_sensible_dtypes(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "table.csv"
    assert runner.invoke(rollup_app, [str(SAMPLES), "-o", str(out), "-q"]).exit_code == 0
    table = pd.read_csv(out)
    assert table["value"].dtype.kind == "f" and table["year"].dtype.kind in "if"
    assert table["issuer"].map(type).eq(str).any() and table["quote"].notna().all()
    assert set(table["comparator"]) <= {">=", ">", "<=", "<", "=", "range"}
    assert set(table["kind"]) <= {"target", "actual"}


def test_wide_is_one_row_per_issuer_and_year_with_a_column_per_indicator(records_file: Path) -> None:
    long = long_rows(_records(records_file))
    columns, wide = wide_rows(long)
    keys = {(r["region"], r["issuer"], r["year"]) for r in long}
    assert len(wide) == len(keys)
    names = canonical_names()
    indicators = {names.get(r["indicator_id"], r["indicator_id"]) or r["indicator"] for r in long}
    assert set(columns[4:]) == indicators
    text = runner.invoke(rollup_app, [str(records_file), "--wide", "-q"]).stdout
    rows = _rows(text)
    assert len(rows) == len(keys) and list(rows[0]) == columns
    changning = next(r for r in rows if r["issuer"] == "上海市长宁区卫生健康委员会")
    assert "≤28%（上海和睦家医院）" in changning["剖宫产率"]


def test_kind_filter(records_file: Path) -> None:
    records = _records(records_file)
    goals = long_rows(records, kind="target")
    actual = long_rows(records, kind="actual")
    assert len(goals) + len(actual) == len(long_rows(records)) and actual
    assert {r["kind"] for r in goals} == {"target"}


def test_error_records_count_on_stderr_and_set_the_exit_code(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(rollup_app, [str(tmp_path), str(SAMPLES / "web_15.txt")])
    assert result.exit_code == 1 and "1 errors" in result.stderr
    assert len(_rows(result.stdout)) > 0


def test_subcommands_are_dispatched_and_a_file_named_review_is_still_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert command_for(["rollup", "x"])[0] is rollup_app
    assert command_for(["./review"])[0] is app
    out = tmp_path / "t.csv"
    with pytest.raises(SystemExit) as done:
        main(["rollup", str(SAMPLES / "web_15.txt"), "-o", str(out), "-q"])
    assert done.value.code == 0 and out.read_text("utf-8-sig").startswith("region,")
    monkeypatch.chdir(tmp_path)
    Path("review").write_text((SAMPLES / "web_15.txt").read_text("utf-8"), "utf-8")
    assert json.loads(runner.invoke(app, ["./review"]).stdout)["document"]["issuer"] == "武义县卫生局"
