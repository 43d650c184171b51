"""Word 97-2003 .doc and WPS .wps (OLE2): converted by LibreOffice when it is installed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import notice
from mch_extract import extract
from mch_extract.errors import ExtractError
from mch_extract.load import doc, sniff_format
from test_docx import notice_docx

OLE2_HEADER = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
needs_libreoffice = pytest.mark.skipif(
    doc.soffice() is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
)


def test_without_libreoffice_the_error_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc, "soffice", lambda: None)
    assert sniff_format(OLE2_HEADER) == "doc"
    with pytest.raises(ExtractError) as err:
        extract(OLE2_HEADER)
    assert err.value.type == "unsupported_format"
    assert "LibreOffice" in err.value.message and "DOCX" in err.value.message


@pytest.mark.slow
@needs_libreoffice
def test_doc_converted_by_libreoffice_gives_the_record_of_the_plain_text(tmp_path: Path) -> None:
    source = tmp_path / "notice.docx"
    source.write_bytes(notice_docx())
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [doc.soffice() or "soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = (tmp_path / "notice.doc").read_bytes()
    assert sniff_format(data) == "doc"
    record = extract(data)
    assert record.source.format == "doc"
    assert notice.summary(record) == notice.summary(extract(notice.text().encode()))


@pytest.mark.slow
@needs_libreoffice
def test_a_file_libreoffice_cannot_read_is_a_typed_error() -> None:
    with pytest.raises(ExtractError) as err:
        extract(OLE2_HEADER + b"garbage" * 100)
    assert err.value.type == "unsupported_format"
