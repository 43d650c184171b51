"""``explain``: every number of a document ends in one decision, and every target names its rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mch_extract import extract
from mch_extract.cli import command_for
from mch_extract.explain import explain

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples" / "pdf").glob("*.pdf"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_target_has_a_kept_decision_and_a_specific_rule(path: Path) -> None:
    rows = explain(path)
    notice = extract(path)
    assert rows, "a sample with numbers gives decisions"
    assert all(r.rule for r in rows), "every decision names its rule or reason"
    starts = [(r.start, r.end) for r in rows]
    assert len(starts) == len(set((r.start, r.end, r.indicator) for r in rows)), "one decision per number and name"
    for t in notice.targets:
        assert t.rule and t.rule not in ("", "clause?"), t
        assert any(r.kept and t.span[0] <= r.start < t.span[1] and r.indicator == t.indicator for r in rows), t
    kept = [r for r in rows if r.kept]
    assert all(r.kind in ("target", "actual") and r.kind_rule for r in kept)


def test_dropped_numbers_say_why() -> None:
    rows = explain("2025年6月底前，全县15个区县的剖宫产率控制在30%以下，培训经费5万元。".encode())
    reasons = {r.number: r.rule for r in rows if not r.kept}
    assert reasons == {"2025年": "year", "6月": "date", "15个": "place-count", "5万元": "price"}
    assert [(r.number, r.rule, r.indicator) for r in rows if r.kept] == [("30%以下", "clause", "剖宫产率")]


def _run(*args: str) -> tuple[int, str]:
    app, argv, name = command_for(list(args))
    result = CliRunner().invoke(app, argv, prog_name=name)
    return result.exit_code, result.stdout


def test_cli_prints_a_table_and_json_lines() -> None:
    sample = str(ROOT / "samples" / "001_c0e798cd467e829b.txt")
    code, out = _run("explain", sample, "--kept")
    lines = out.splitlines()
    assert code == 0 and lines[0].split("\t")[:4] == ["page", "number", "decision", "rule"]
    assert all(line.split("\t")[2] == "kept" for line in lines[1:])
    code, out = _run("explain", sample, "--dropped", "--json")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records and not any(r["kept"] for r in records)


def test_cli_names_a_missing_file_in_one_line(tmp_path: Path) -> None:
    code, _ = _run("explain", str(tmp_path / "nope.txt"))
    assert code == 1
