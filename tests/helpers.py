"""Paths shared by the tests: the bundled samples, and ../shared when it exists (CI has it)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("MCH_SHARED", ROOT.parent / "shared"))  # a worktree elsewhere: MCH_SHARED=…
TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))


def shared_pdfs() -> list[Path]:
    folder = SHARED / "samples" / "pdf"
    return sorted(folder.glob("*.pdf")) if folder.is_dir() else []
