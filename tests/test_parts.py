"""The record's parts (what the stages build, without pydantic) and the record stage that
validates them: the parts mirror the record models, the record stage only checks and never
converts a value, and the command's first worker extracts without importing pydantic."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from helpers import SHARED, TEXT_SAMPLES
from mch_extract import batch, parts, record
from mch_extract.batch import Extracted, Input, Options, extract_one, finish, record_result, run_batch
from mch_extract.pipeline import extract_record, extract_record_parts

MODELS = [
    name
    for name, value in vars(record).items()
    if isinstance(value, type)
    and issubclass(value, BaseModel)
    and value.__module__ == record.__name__
    and not name.startswith("_")
]
DEV2 = sorted((SHARED / "samples" / "dev2").glob("*.txt"))


def test_every_record_model_has_its_part() -> None:
    assert sorted(MODELS) == sorted(
        n for n, v in vars(parts).items() if dataclasses.is_dataclass(v) and v.__module__ == parts.__name__
    )


@pytest.mark.parametrize("name", MODELS)
def test_a_part_has_the_fields_of_its_model_in_order_with_the_same_defaults(name: str) -> None:
    model, part = getattr(record, name), getattr(parts, name)
    fields = {f.name: f for f in dataclasses.fields(part)}
    assert list(fields) == [n for n in model.model_fields if n != "schema_version"]  # the record stage stamps it
    for field_name, info in model.model_fields.items():
        if field_name == "schema_version":
            continue
        f = fields[field_name]
        if info.is_required():
            assert f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING, field_name
        elif info.default_factory is not None:
            assert f.default_factory is not dataclasses.MISSING and f.default_factory() == [], field_name
        else:
            assert f.default == info.default, field_name


@pytest.mark.parametrize("path", TEXT_SAMPLES + DEV2, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_record_stage_converts_nothing(path: Path) -> None:
    """Parts hold values of the record's own types (dates, not ISO strings): they validate in
    strict mode, and give the same record as the lax record stage."""
    part = extract_record_parts(path)
    assert isinstance(part, parts.Notice)
    strict = record.Notice.model_validate(part, from_attributes=True, strict=True)
    assert strict.model_dump_json() == record.record_of(part).model_dump_json()


def test_parts_pickle_for_the_trip_from_the_worker() -> None:
    part = extract_record_parts(TEXT_SAMPLES[1])
    again = pickle.loads(pickle.dumps(part))
    assert record.record_of(again).model_dump_json() == record.record_of(part).model_dump_json()


def _extracted(path: str) -> Extracted:
    return Extracted(path, pickle.dumps(extract_record_parts(path)))


def test_finish_gives_the_record_a_worker_would_have_written() -> None:
    path = str(TEXT_SAMPLES[1])
    assert finish(_extracted(path)) == batch.Result(path, batch.record_json(extract_record(path)), False)
    missing = finish(_extracted("gone.txt"))
    assert missing.error and json.loads(missing.json)["error"]["type"] == "not_found"


def test_parts_that_make_no_valid_record_cost_that_file_only() -> None:
    """A bug that leaves a value the record refuses gives an internal_error record, not a crash."""
    part = extract_record_parts(TEXT_SAMPLES[1])
    assert isinstance(part, parts.Notice) and part.targets
    part.targets[0].comparator = "about"  # type: ignore[assignment]
    for done in (record_result("x.txt", part), finish(Extracted("x.txt", pickle.dumps(part)))):
        assert done.error
        error = json.loads(done.json)["error"]
        assert error["type"] == "internal_error" and "ValidationError" in error["message"]
    garbled = finish(Extracted("x.txt", b"not a pickle"))
    assert json.loads(garbled.json)["error"]["type"] == "internal_error"


def test_the_batch_s_process_out_of_memory_for_a_record_gives_a_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """The record of a one-file batch is made in the process that started it, which has no
    memory cap and must never stop on one file: running out there is a too_large record."""

    def no_memory(*args: object, **kwargs: object) -> batch.Result:
        raise MemoryError

    monkeypatch.setattr(batch, "record_result", no_memory)
    done = finish(_extracted(str(TEXT_SAMPLES[1])))
    assert done.error and json.loads(done.json)["error"]["type"] == "too_large"


def test_a_one_file_batch_sends_parts_and_makes_the_same_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """With one file the worker sends parts and the batch's process makes the record; parts over
    PARENT_RECORD_LIMIT are made into the record in the worker, under its limits; with several
    files every worker makes its own records.  The JSON is the same every way."""
    paths = [str(p) for p in TEXT_SAMPLES[:3]] + ["gone.txt"]
    expected = [batch.record_json(extract_record(p)) for p in paths]
    assert isinstance(extract_one(paths[0], Options(), records_in_parent=True), Extracted)
    assert isinstance(extract_one(paths[0], Options()), batch.Result)
    assert [r.json for r in run_batch([Input(p) for p in paths], Options())] == expected
    for p, json_text in zip(paths, expected, strict=True):
        assert [r.json for r in run_batch([Input(p)], Options())] == [json_text]
    monkeypatch.setattr(batch, "PARENT_RECORD_LIMIT", 0)  # the forked worker sees it too
    assert isinstance(extract_one(paths[0], Options(), records_in_parent=True), batch.Result)
    assert [r.json for r in run_batch([Input(paths[0])], Options())] == expected[:1]


def test_the_first_worker_never_imports_pydantic() -> None:
    """What the command's worker does for one file (warm up, extract it) in a fresh interpreter:
    pydantic, 130 ms of the one-notice command, stays out of it, and the parts it sends make
    the record the library makes."""
    path = str(TEXT_SAMPLES[1])
    code = (
        "import sys\n"
        "from mch_extract.batch import Options, extract_one, warm_up\n"
        "warm_up()\n"
        f"result = extract_one({path!r}, Options(), records_in_parent=True)\n"
        "print(type(result).__name__, sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
        "sys.stdout.flush(); sys.stdout.buffer.write(result.parts)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=True)
    said, _, pickled = proc.stdout.partition(b"\n")
    assert said.decode().split() == ["Extracted", "[]"]
    assert finish(Extracted(path, pickled)).json == batch.record_json(extract_record(path))
