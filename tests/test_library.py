"""The library as a newcomer uses it: three ways in, typed fields, a self-explaining JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import mch_extract
from helpers import ROOT, SAMPLES
from mch_extract import ExtractError, extract, extract_bytes, extract_record, extract_text, json_schema
from mch_extract.cli import app

NOTICE = SAMPLES / "001_c0e798cd467e829b.txt"


def test_all_names_are_exported_and_listed() -> None:
    for name in mch_extract.__all__:
        assert getattr(mch_extract, name) is not None
    assert {"extract", "extract_text", "extract_bytes", "Notice", "json_schema"} <= set(dir(mch_extract))
    namespace: dict[str, Any] = {}
    exec("from mch_extract import *", namespace)
    assert callable(namespace["extract_text"])


def test_a_path_text_and_bytes_give_the_same_record() -> None:
    by_path = extract(NOTICE)
    by_text = extract_text(NOTICE.read_text("utf-8"), name=str(NOTICE))
    by_bytes = extract_bytes(NOTICE.read_bytes(), name=str(NOTICE))
    assert by_path.targets == by_text.targets == by_bytes.targets
    assert by_text.source.path == by_bytes.source.path == str(NOTICE)
    assert extract(str(NOTICE)).document == by_path.document


def test_a_string_is_text_for_extract_text_never_a_path() -> None:
    notice = extract_text("samples/001_c0e798cd467e829b.txt")
    assert notice.source.path is None and notice.targets == []
    with pytest.raises(ExtractError) as err:
        extract_text("   ")
    assert err.value.type == "empty"


def test_bytes_in_another_encoding_and_a_pdf() -> None:
    notice = extract_bytes(NOTICE.read_text("utf-8").encode("gb18030"))
    assert notice.source.encoding == "gb18030" and notice.document.issuer == "上海市长宁区卫生健康委员会"
    pdf = extract_bytes((SAMPLES / "pdf" / "web_16.pdf").read_bytes(), name="web_16.pdf")
    assert pdf.source.format == "pdf" and pdf.source.path == "web_16.pdf"


def test_dates_are_dates_and_the_json_is_unchanged() -> None:
    notice = extract(NOTICE)
    assert notice.document.date == dt.date(2024, 3, 13)
    assert all(isinstance(t.deadline, dt.date) for t in notice.targets if t.deadline is not None)
    assert all(isinstance(d.date, dt.date) for d in extract(SAMPLES / "000_ce88f1ec540b8540.txt").deadlines)
    record = json.loads(notice.model_dump_json())
    assert record["document"]["date"] == "2024-03-13"


def test_extract_record_gives_an_error_record_instead_of_raising(tmp_path: Path) -> None:
    record = extract_record(tmp_path / "missing.pdf")
    assert record.model_dump(mode="json")["error"]["type"] == "not_found"


def test_an_extract_error_carries_the_record_s_source() -> None:
    """What was learnt of a file before it failed is a record Source, as the records have."""
    with pytest.raises(ExtractError) as failed:
        extract_bytes(b"   \n", name="blank.txt")
    assert failed.value.type == "empty" and isinstance(failed.value.source, mch_extract.Source)
    assert failed.value.source.model_dump()["size"] == 4


def _models(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: body for name, body in schema["$defs"].items() if body.get("type") == "object"}


def test_every_field_of_every_model_has_a_description() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "mch-extract record" and schema["description"]
    models = _models(schema)
    assert {"Notice", "ErrorRecord", "Target", "Task", "Deadline", "Document", "Source", "Section"} <= set(models)
    missing = [
        f"{model}.{field}"
        for model, body in models.items()
        for field, prop in body["properties"].items()
        if not prop.get("description")
    ]
    assert missing == []
    assert all(body.get("description") for body in models.values())


def test_schema_option_prints_the_library_schema() -> None:
    result = CliRunner().invoke(app, ["--schema"])
    assert result.exit_code == 0 and json.loads(result.stdout) == json_schema()


def test_readme_library_example_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    code = next(b for b in readme.split("```python\n")[1:] if "extract_text" in b).split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    scope: dict[str, Any] = {}
    exec(code, scope)
    assert scope["note"].targets[0].indicator == "产前筛查率"
    assert scope["page"].source.path.endswith("web_16.pdf") and "剖宫产率" in capsys.readouterr().out
