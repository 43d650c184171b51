"""Hostile input: every file gets exactly one answer, in bounded time, and nothing is lost."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import SAMPLES
from mch_extract import extract
from mch_extract.deadlines import find_deadlines
from mch_extract.errors import ExtractError
from mch_extract.fields import extract_document
from mch_extract.normalise import normalise
from mch_extract.segment import segment
from mch_extract.targets import extract_targets
from pdfs import make_pdf

NOTICE = (SAMPLES / "002_1832283cccf20dce.txt").read_text("utf-8")
PLAN = ["一、强化妇幼健康服务", "产前筛查率达到90%，剖宫产率控制在35%以下。"]


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"mch-{os.getpid()}.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    data = path.read_bytes()
    path.unlink()
    return data


def build_hostile_folder(folder: Path) -> dict[str, str]:
    """Write the hostile files; return file name -> expected answer ('record' or an error type)."""
    pdf = make_pdf([PLAN])
    rng = random.Random(7)
    files: dict[str, tuple[bytes, str]] = {
        "01_empty.txt": (b"", "empty"),
        "02_blank.txt": (b"  \n\t\n\r\n ", "empty"),
        "03_html_error_page.pdf": (b"<html><head><title>404</title></head><body>404 Not Found</body></html>", "record"),
        "04_half_downloaded.pdf": (pdf[: len(pdf) // 2], "corrupt_pdf"),
        "05_encrypted.pdf": (make_pdf([PLAN], encrypt="secret"), "encrypted_pdf"),
        "06_scanned.pdf": (make_pdf([["x"]], image_only=True, page_numbers=False), "no_text_layer"),
        "07_gb18030.txt": (NOTICE.encode("gb18030"), "record"),
        "08_utf16le_bom.txt": (b"\xff\xfe" + NOTICE.encode("utf-16-le"), "record"),
        "09_utf16be_bom.txt": (b"\xfe\xff" + NOTICE.encode("utf-16-be"), "record"),
        "10_utf16le_no_bom.txt": (NOTICE.encode("utf-16-le"), "record"),
        "11_utf8_bom.txt": (b"\xef\xbb\xbf" + NOTICE.encode("utf-8"), "record"),
        "12_crlf.txt": (NOTICE.replace("\n", "\r\n").encode("utf-8"), "record"),
        "13_random_bytes.txt": (rng.randbytes(4096), "decode_error"),
        "14_png_named.pdf": (b"\x89PNG\r\n\x1a\n" + bytes(200), "unsupported_format"),
        "15_zip_named.docx": (b"PK\x03\x04" + bytes(100), "unsupported_format"),
        "16_notice.docx": (
            _docx(["舟山市卫生健康委员会文件", "关于印发2019年妇幼健康工作要点的通知", *PLAN]),
            "record",
        ),
        "17_page.html": (f"<html><body><p>{PLAN[0]}</p><p>{PLAN[1]}</p></body></html>".encode(), "record"),
        "18_nul_bytes.txt": ("各单位：".encode() + b"\x00" * 300 + "通知".encode(), "decode_error"),
        "19_pdf_header_only.pdf": (b"%PDF-1.7\n", "corrupt_pdf"),
        "20_pdf_garbage.pdf": (b"%PDF-1.4\n" + rng.randbytes(3000) + b"\n%%EOF\n", "corrupt_pdf"),
        "21_markers_only.txt": (("一、" * 3000).encode(), "record"),
        "22_a_pdf_named.txt": (pdf, "record"),
        "23_markdown.md": ("# 2024年工作要点\n\n## 一、目标\n\n1. **早孕建册率** $\\geq 95\\%$".encode(), "record"),
        "24_big.txt": (("产前筛查率达到90%。" * 2000).encode(), "too_large"),
        "25_only_comparators.txt": (("≥≤<>不低于以上" * 600).encode(), "record"),
        "26_gbk_html.htm": ('<meta charset="gbk"><p>各单位：产前筛查率达到90%。</p>'.encode("gbk"), "record"),
        "27_latin1.txt": ("Bericht über café résumé".encode("latin-1"), "decode_error"),
        "32_utf16be_no_bom.txt": (NOTICE.encode("utf-16-be"), "record"),
        "33_gbk_no_ascii.txt": ("妇幼健康工作要点。各单位：孕产妇系统管理率达到百分之九十五。".encode("gbk"), "record"),
    }
    expected = {}
    for name, (data, kind) in files.items():
        (folder / name).write_bytes(data)
        expected[name] = kind
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "28_fifo.txt")
        expected["28_fifo.txt"] = "not_a_file"
    os.symlink(folder / "no_such_target.txt", folder / "29_dangling.txt")
    expected["29_dangling.txt"] = "not_found"
    loop = folder / "30_loop"
    loop.mkdir()
    (loop / "inner.txt").write_text("\n".join(PLAN), "utf-8")
    os.symlink(loop, loop / "again")  # a symlink loop: walked once
    expected["30_loop/inner.txt"] = "record"
    (folder / "31_folder.pdf").mkdir()  # a folder with a file's name is no input
    return expected


def test_hostile_folder_gives_one_answer_per_file_and_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    expected = build_hostile_folder(folder)
    assert len(expected) >= 25
    script = shutil.which("mch-extract", path=str(Path(sys.executable).parent))
    proc = subprocess.run(
        [str(script), str(folder), "-j", "2", "--max-size", "20KB", "--timeout", "60"],
        capture_output=True,
        timeout=600,
    )
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    got = {
        str(Path(r["source"]["path"]).relative_to(folder)): r.get("error", {}).get("type", "record") for r in records
    }
    assert got == expected
    assert len(records) == len(got)  # exactly one object per file
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr and re.search(rb"^mch-extract: \d+ files, \d+ errors?$", proc.stderr, re.M)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig", "crlf"])
def test_encodings_and_line_endings_give_the_identical_record(encoding: str) -> None:
    reference = json.loads(extract(NOTICE.encode("utf-8")).model_dump_json())
    data = NOTICE.replace("\n", "\r\n").encode("utf-8") if encoding == "crlf" else NOTICE.encode(encoding)
    record = json.loads(extract(data).model_dump_json())
    for r in (reference, record):
        r.pop("source")
    assert record == reference


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a generous guard, not a speed test (speed is bench/run.py's)."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer within {seconds} s: super-linear time?")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


PATHOLOGICAL = {
    "repeated-indicator-phrase": "孕产妇系统管理率≥95%，" * 32000,
    "numbering-markers-only": "一、" * 300000,
    "comparators-only": "≥≤<>不低于以上达到控制在以下" * 60000,
    "digits-only": "1234567890" * 200000,
    "brackets-only": "（（〔【(（）)】〕））" * 100000,
    "nested-markers": "（1）1.①\n" * 100000,
    "short-lines": "妇\n" * 300000,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_inputs_finish(name: str) -> None:
    data = PATHOLOGICAL[name].encode("utf-8")
    assert 1_000_000 <= len(data) <= 6_000_000
    with deadline(300):
        notice = extract(data)
    assert notice.source.size == len(data)


HAN = "妇幼健康孕产妇剖宫产率婴儿死亡儿童筛查管理覆盖医院卫生委员会关于通知年月日底前附件"
PIECES = [
    *HAN,
    *"0123456789",
    "95%",
    "4.5‰",
    "10/10万",
    "2-3家",
    "至少",
    "不少于",
    "不低于",
    "以上",
    "以下",
    "控制在",
    "≥",
    "≤",
    "<",
    ">",
    "达到",
    "分别",
    "、",
    "，",
    "。",
    "；",
    "：",
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "①",
    "〔2022〕",
    "【",
    "】",
    "《",
    "》",
    "\t",
    "\n",
    " ",
    "6月底前",
    "年底前",
    "到2025年",
    "每年",
    "各",
    "均",
]
noisy = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy)
def test_fuzz_extractors_never_raise_and_spans_stay_inside(raw: str) -> None:
    text = normalise(raw).text
    seg = segment(text)
    extract_document(text, seg.lines, seg.sections)
    for t in seg.tasks:
        assert 0 <= t.span[0] <= t.span[1] <= len(text)
    for f in extract_targets(text):
        assert 0 <= f.start < f.end <= len(text)
    for d in find_deadlines(text, 2024):
        assert text[d.start : d.end] == d.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(noisy)
def test_fuzz_whole_pipeline_quotes_are_grounded(raw: str) -> None:
    try:
        notice = extract(raw.encode("utf-8"), with_text=True)
    except ExtractError as exc:
        assert exc.type == "empty"
        return
    text = notice.text or ""
    for t in notice.targets:
        assert text[t.span[0] : t.span[1]] == t.text
    for task in notice.tasks:
        assert text[task.span[0] : task.span[1]] == task.text
