"""Fixtures shared by the tests (constants live in helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SAMPLES


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
