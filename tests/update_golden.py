"""Rewrite tests/golden/*.json from the current tool: run after a deliberate change, then read the diff.

python tests/update_golden.py
"""

from __future__ import annotations

import json
from pathlib import Path

from mch_extract import extract

ROOT = Path(__file__).resolve().parents[1]


def golden_record(path: Path) -> dict:
    record = json.loads(extract(path).model_dump_json())
    record["source"]["path"] = path.relative_to(ROOT).as_posix()
    return record


def main() -> None:
    out = ROOT / "tests" / "golden"
    out.mkdir(exist_ok=True)
    for path in sorted((ROOT / "samples").rglob("*")):
        if path.suffix in (".txt", ".pdf"):
            name = path.relative_to(ROOT / "samples").as_posix().replace("/", "__") + ".json"
            (out / name).write_text(json.dumps(golden_record(path), ensure_ascii=False, indent=1) + "\n", "utf-8")
            print("wrote", name)


if __name__ == "__main__":
    main()
