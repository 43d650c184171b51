"""Folders: every format the loaders read is searched; what is passed over is counted on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mch_extract.batch import collect_inputs
from mch_extract.cli import app
from test_docx import notice_docx
from test_ofd import notice_ofd

OLE2 = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
BIG5_NOTICE = (
    "各醫療衛生單位：\n現印發《2025年婦幼健康工作任務清單》，請認真執行。\n一、產前篩查率達到90%。\n2025年3月24日"
)


def _folder(root: Path) -> Path:
    folder = root / "notices"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config.txt").write_text("各单位：", "utf-8")
    (folder / "sub").mkdir()
    (folder / "a.ofd").write_bytes(notice_ofd())
    (folder / "b.docx").write_bytes(notice_docx())
    (folder / "~$b.docx").write_bytes(b"\x00lock")
    (folder / "c.doc").write_bytes(OLE2)
    (folder / "sub" / "d.wps").write_bytes(OLE2)
    (folder / "e.txt").write_bytes(BIG5_NOTICE.encode("big5"))
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden.txt").write_text("各单位：", "utf-8")
    return folder


def test_new_extensions_are_searched_and_the_rest_counted(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    skipped: dict[str, int] = {}
    found = [Path(i.path).name for i in collect_inputs([str(folder)], skipped=skipped)]
    assert found == ["a.ofd", "b.docx", "c.doc", "e.txt", "d.wps"]
    assert skipped == {
        "hidden folders": 1,
        "Office lock files (~$)": 1,
        "hidden files": 1,
        "files of other types": 1,
    }


def test_summary_counts_the_skipped_and_names_the_failed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mch_extract.load import doc

    monkeypatch.setattr(doc, "soffice", lambda: None)
    folder = _folder(tmp_path)
    result = CliRunner().invoke(app, [str(folder), "-j", "1"])
    records = {Path(r["source"]["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert records["a.ofd"]["source"]["format"] == "ofd"
    assert records["e.txt"]["source"]["encoding"] == "cp950"
    assert [t["value"] for t in records["e.txt"]["targets"]] == [90.0]
    assert records["c.doc"]["error"]["type"] == "unsupported_format"
    assert "LibreOffice" in records["c.doc"]["error"]["message"]
    assert "1 hidden folders" in result.stderr and "1 Office lock files (~$)" in result.stderr
    assert "1 files of other types" in result.stderr
    assert "5 files, 2 errors" in result.stderr and "c.doc: unsupported_format" in result.stderr
