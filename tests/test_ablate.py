"""bench/ablate.py: the rule files it rewrites read back the same, and a removal removes one entry."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mch_extract.rules import patterns_dir

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def ablate() -> Any:
    spec = importlib.util.spec_from_file_location("ablate", BENCH / "ablate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["ablate"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", sorted(patterns_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_every_rule_file_round_trips(ablate: Any, path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert tomllib.loads(ablate.dump_toml(data)) == data


def test_removing_an_entry(ablate: Any) -> None:
    kind = tomllib.loads((patterns_dir() / "kind.toml").read_text(encoding="utf-8"))
    found = {(e.key, e.label): e for e in ablate.entries("kind", kind)}
    less = ablate.removed(kind, found[("target.words", "至少")])
    assert "至少" not in less["target"]["words"] and "至少" not in less["target"]["plan_only"]  # subset follows
    assert less["target"]["not_words"] == kind["target"]["not_words"]
    numerals = tomllib.loads((patterns_dir() / "numerals.toml").read_text(encoding="utf-8"))
    two = next(e for e in ablate.entries("numerals", numerals) if e.label == "两")
    assert "两" not in ablate.removed(numerals, two)["digits"] and "两" in numerals["digits"]
    markers = tomllib.loads((patterns_dir() / "markers.toml").read_text(encoding="utf-8"))
    styles = [e for e in ablate.entries("markers", markers) if e.key == "style"]
    assert len(styles) == len(markers["style"]) and styles[0].probe is None
