"""``mch-extract review``: the page shows every extracted value at its span, self-contained and escaped."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import SAMPLES
from mch_extract import extract
from mch_extract.cli_review import app as review_app
from mch_extract.review import locate, render_review

runner = CliRunner()
TEXT = SAMPLES / "001_c0e798cd467e829b.txt"
PDF = SAMPLES / "pdf" / "001_c0e798cd467e829b.pdf"


class Page(HTMLParser):
    """The highlights of a review page: value id -> its pieces of text; the document's text; page marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: dict[str, list[str]] = {}
        self.anchors: list[str] = []
        self.pages: list[int] = []
        self.links: list[str] = []
        self.external: list[str] = []
        self.doc_text: list[str] = []
        self._stack: list[tuple[str, list[str] | None]] = []
        self._in_doc = 0
        self.records = ""
        self._script_id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "link", "iframe") and (a.get("src") or a.get("href")):
            self.external.append(a.get("src") or a.get("href") or "")
        if tag == "script":
            self._script_id = a.get("id") or ""
        if a.get("id") == "doc":
            self._in_doc = 1
        elif self._in_doc and tag not in ("a", "br"):
            self._in_doc += 1
        if tag == "a" and a.get("class") == "anchor":
            self.anchors.append((a.get("id") or "").removeprefix("v-"))
        if tag == "a" and a.get("data-go"):
            self.links.append(a["data-go"] or "")
        if tag == "div" and a.get("class") == "pb":
            self.pages.append(int(a.get("data-page") or 0))
        ids = (a.get("data-v") or "").split() if tag == "mark" else []
        self._stack.append((tag, ids))

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()
        if self._in_doc and tag != "a":
            self._in_doc -= 1

    def handle_data(self, data: str) -> None:
        if self._script_id == "records":
            self.records += data
        if self._in_doc:
            self.doc_text.append(data)
        for _, ids in self._stack:
            for vid in ids or []:
                self.pieces.setdefault(vid, []).append(data)

    def close(self) -> None:
        super().close()
        self._script_id = None


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


def expected_quotes(record: dict, text: str) -> dict[str, str]:  # type: ignore[type-arg]
    """Every value the page must highlight, with the text it must show."""
    quotes = {}
    for kind, key in (("task", "tasks"), ("target", "targets"), ("deadline", "deadlines")):
        for i, item in enumerate(record[key]):
            s, e = item["span"]
            quotes[f"{kind}-{i}"] = text[s:e]
            if kind != "task":
                assert text[s:e] == item["text"]
    return quotes


@pytest.mark.parametrize("path", [TEXT, PDF], ids=["text", "pdf"])
def test_one_highlight_per_extracted_value_showing_its_quote(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = runner.invoke(review_app, [str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = parse(out.read_text("utf-8"))
    notice = extract(path, with_text=True)
    record = json.loads(notice.model_dump_json())
    text = record["text"]
    quotes = expected_quotes(record, text)
    assert record["targets"] and record["tasks"]
    for vid, quote in quotes.items():
        assert "".join(page.pieces.get(vid, [])) == quote, vid
        assert page.anchors.count(vid) == 1 and vid in page.links
    # document fields: located in the text, and what is highlighted is the value as printed
    fields = {vid: "".join(p) for vid, p in page.pieces.items() if vid.startswith("field-")}
    doc = record["document"]
    assert "".join(fields["field-issuer"]) == doc["issuer"]
    assert re.sub(r"\s", "", fields["field-title"]) == doc["title"]
    assert fields["field-date"] in ("2024年3月13日", "二〇二四年三月十三日")
    assert set(page.pieces) == set(quotes) | set(fields)
    # the page shows exactly the normalised text, and the records behind every highlight
    assert "".join(page.doc_text) == text
    embedded = json.loads(page.records)
    assert embedded["target-0"] == record["targets"][0]
    assert page.external == []
    if path.suffix == ".pdf":
        # a mark where each page with text starts; every value stands after the mark of its own page
        assert page.pages[0] == 1 and page.pages == sorted(set(page.pages))
        assert set(page.pages) <= set(range(1, record["source"]["pages"] + 1))
        html = out.read_text("utf-8")
        marks = [html.index(f'id="page-{n}"') for n in page.pages] + [len(html)]
        for i, t in enumerate(record["targets"]):
            at = html.index(f'id="v-target-{i}"')
            k = page.pages.index(t["page"])
            assert marks[k] < at < marks[k + 1], (i, t["page"])
    else:
        assert page.pages == []


def test_text_is_escaped_and_the_page_needs_nothing_from_outside() -> None:
    text = '各单位：\n<script>alert("x")</script> & </script> 住院分娩率达到98%。\n'
    record = {
        "source": {"path": "<x>.txt"},
        "document": {"issuer": None},
        "targets": [
            {
                "indicator": "住院分娩率",
                "comparator": ">=",
                "value": 98.0,
                "unit": "%",
                "kind": "target",
                "text": "住院分娩率达到98%",
                "span": [text.index("住院"), text.index("。")],
            }
        ],
        "warnings": ["<b>issuer</b> not stated"],
    }
    page = render_review(record, text)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert page.count("</script>") == 2  # the records and the few lines of JS
    assert "&lt;b&gt;issuer&lt;/b&gt;" in page
    assert not re.search(r"""(?:src|href)=["']?(?:https?:|//)|@import|url\(""", page)
    parsed = parse(page)
    assert "".join(parsed.doc_text) == text and "".join(parsed.pieces["target-0"]) == "住院分娩率达到98%"


def test_overlapping_and_shared_spans_each_keep_their_whole_quote() -> None:
    text = "到2025年早孕建册率和产前筛查率均达95%。"
    record = {
        "source": {},
        "document": {},
        "targets": [
            {"indicator": "早孕建册率", "comparator": ">=", "value": 95.0, "text": text[6:22], "span": [6, 22]},
            {"indicator": "产前筛查率", "comparator": ">=", "value": 95.0, "text": text[12:22], "span": [12, 22]},
        ],
        "deadlines": [{"date": "2025-12-31", "text": "到2025年", "span": [0, 6]}],
        "tasks": [{"id": "1", "text": text, "span": [0, len(text)]}],
    }
    parsed = parse(render_review(record, text))
    assert "".join(parsed.pieces["target-0"]) == text[6:22]
    assert "".join(parsed.pieces["target-1"]) == text[12:22]
    assert "".join(parsed.pieces["deadline-0"]) == "到2025年"
    assert "".join(parsed.pieces["task-0"]) == text


def test_locate_finds_fields_as_printed() -> None:
    text = "北京市西城区卫生健康委员会关于印发2022年西城区妇幼健康工作\n要点的通知\n西卫健妇幼[2022] 1 号\n"
    span = locate(text, "title", "北京市西城区卫生健康委员会关于印发2022年西城区妇幼健康工作要点的通知")
    assert span == (0, text.index("通知") + 2)
    assert locate(text, "issuer", "上海市卫生健康委员会") is None


def test_a_saved_record_with_text_can_be_reviewed(tmp_path: Path) -> None:
    saved = tmp_path / "rec.json"
    saved.write_text(extract(TEXT, with_text=True).model_dump_json(), "utf-8")
    result = runner.invoke(review_app, [str(saved)])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert "剖宫产率" in result.stdout


def test_a_file_without_a_record_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(review_app, [str(empty), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 1 and "empty" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["empty.txt"]


@pytest.mark.slow
@pytest.mark.skipif(
    not any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")), reason="needs Chromium"
)
def test_the_screenshot_script_renders_the_page_in_headless_chromium(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    script = Path(__file__).resolve().parents[1] / "tools" / "review_screenshot.py"
    proc = subprocess.run(
        [sys.executable, str(script), str(TEXT), "-o", str(shot), "--size", "800,500"],
        capture_output=True,
        timeout=180,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and 5_000 < len(data) < 400_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shot.png"]
