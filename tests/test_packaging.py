"""What the package index and ``pip install .`` see: the wheel's contents, metadata and dependencies."""

from __future__ import annotations

import ast
import email
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import packages_distributions

import pytest

from helpers import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """A wheel built from the tree with hatchling, into a temporary folder."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return zipfile.ZipFile(next(out.glob("mch_extract-*.whl")))


def test_the_wheel_holds_the_code_patterns_py_typed_and_license_and_nothing_else(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "mch_extract/py.typed" in names
    for pattern in (ROOT / "patterns").glob("*.toml"):
        assert f"mch_extract/patterns/{pattern.name}" in names
    assert any(re.fullmatch(r"mch_extract-[^/]+\.dist-info/licenses/LICENSE", n) for n in names)
    allowed = re.compile(
        r"mch_extract/(?:[\w/]+\.py|py\.typed|patterns/\w+\.toml)"
        r"|mch_extract-[^/]+\.dist-info/(?:METADATA|WHEEL|RECORD|entry_points\.txt|licenses/LICENSE)"
    )
    assert [n for n in names if not allowed.fullmatch(n)] == []
    assert not any(n.startswith(("tests/", "samples/", "bench/", "docs/")) or "__pycache__" in n for n in names)


def test_the_index_page_has_classifiers_urls_and_no_links_out_of_the_repository(wheel: zipfile.ZipFile) -> None:
    meta_name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    meta = email.message_from_bytes(wheel.read(meta_name))
    classifiers = meta.get_all("Classifier") or []
    for wanted in (
        "Environment :: Console",
        "License :: OSI Approved :: MIT License",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3.11",
        "Typing :: Typed",
    ):
        assert wanted in classifiers
    assert meta.get_all("Project-URL")
    readme = meta.get_payload()
    assert "../" not in readme and "](docs/" not in readme  # relative links break on the index
    assert meta["Requires-Python"] == ">=3.11"


def _imported_top_level_modules() -> set[str]:
    modules: set[str] = set()
    for path in (ROOT / "src" / "mch_extract").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"mch_extract", "__future__"}


def _names(requirements: list[str]) -> set[str]:
    names = (re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0] for req in requirements)
    return {re.sub(r"[-_.]+", "-", n).lower() for n in names}


def _declared() -> set[str]:
    return _names(PYPROJECT["project"]["dependencies"])


def _extras() -> set[str]:
    """Optional features (e.g. ``[ocr]``), imported only when asked for; not the dev tools."""
    extras = PYPROJECT["project"]["optional-dependencies"]
    return _names([r for name, reqs in extras.items() if name != "dev" for r in reqs])


NOT_INSTALLED = {"cv2": "opencv-python-headless"}  # module -> distribution, for extras not installed here


def test_every_imported_package_is_a_declared_dependency() -> None:
    distributions = packages_distributions()
    declared = _declared() | _extras()
    for module in sorted(_imported_top_level_modules()):
        names = distributions.get(module) or [NOT_INSTALLED.get(module, module)]
        owners = {re.sub(r"[-_.]+", "-", d).lower() for d in names}
        assert owners & declared, f"{module} is imported but none of {owners} is in project.dependencies"


def test_the_tool_needs_no_development_package() -> None:
    dev = {
        re.split(r"[<>=!~; ]", r, maxsplit=1)[0].lower() for r in PYPROJECT["project"]["optional-dependencies"]["dev"]
    }
    assert not dev & _declared()
    assert not {"pandas", "pytest", "hypothesis", "reportlab", "mypy"} & _imported_top_level_modules()


def test_the_license_file_is_the_one_pyproject_names() -> None:
    assert PYPROJECT["project"]["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")


def test_readme_quick_start_installs_only_the_tool_then_the_dev_extra() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    first, second = re.findall(r"```bash\n(.*?)```", quick, re.S)[:2]
    assert "pip install . " in first and "[dev]" not in first and "mch-extract samples/" in first
    assert '".[dev]"' in second and "pytest" in second
    assert "pipx install" in quick and "uv tool install" in quick
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "-m pytest" in ci and "-m slow" in ci
