"""Shared by the tests: the bundled samples, ../shared when it exists (CI has it), and running a README snippet."""

from __future__ import annotations

import os
from contextlib import chdir
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("MCH_SHARED", ROOT.parent / "shared"))  # a worktree elsewhere: MCH_SHARED=…
TEXT_SAMPLES = sorted(SAMPLES.glob("*.txt"))


def shared_pdfs() -> list[Path]:
    folder = SHARED / "samples" / "pdf"
    return sorted(folder.glob("*.pdf")) if folder.is_dir() else []


def run_snippet(code: str, folder: Path) -> dict[str, object]:
    """Run a README snippet, as written, in ``folder``; its global names afterwards."""
    scope: dict[str, object] = {}
    with chdir(folder):
        exec(code, scope)
    return scope
