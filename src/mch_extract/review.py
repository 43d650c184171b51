"""One self-contained HTML page to check every extracted value against its text.

The page shows the normalised text (the text every ``span`` points into) with each document
field, task, target and deadline highlighted where it stands — a colour per kind, the record
on hover (short) and on click (whole) — a side list that jumps to each highlight, the page
breaks and page of each value of a PDF, and the warnings.  Plain HTML and CSS with a few lines
of JavaScript; no network, no external file.

Every highlighted piece is a ``<mark data-v="ID …">``; the pieces of one value, in order,
spell ``text[start:end]`` exactly.  Document fields carry no span in the record: they are
located here (the first place the value is printed, brackets and spaces as printed) and
listed as "not found verbatim" when the text does not print them as they are.

>>> page = render_review({"source": {"path": "a.txt"}, "document": {"issuer": "武义县卫生局"},
...     "targets": [{"indicator": "住院分娩率", "comparator": ">=", "value": 98.0, "unit": "%",
...                  "kind": "target", "text": "住院分娩率达到98%", "span": [7, 17]}]},
...     "武义县卫生局：\\n住院分娩率达到98%以上。")
>>> '<mark class="k-target" data-v="target-0"' in page and "<script src" not in page
True
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

FIELD_NAMES = ["issuer", "doc_number", "title", "plan_title", "date", "recipients", "attachments", "printed_by",
               "printed_date", "disclosure"]  # fmt: skip
KINDS = ("field", "task", "target", "deadline")
BLOCK_LINES = 40  # lines per block; blocks off screen are not laid out (content-visibility)


@dataclass
class Value:
    """One highlight: an extracted value and the span of text it quotes."""

    vid: str
    kind: str
    start: int
    end: int
    label: str
    record: dict[str, Any]
    page: int | None = None
    classes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- document fields


def _flexible(value: str) -> re.Pattern[str]:
    """``value`` as printed: white space allowed between characters, any bracket style."""
    brackets = {"〔": "[〔\\[［(（【]", "〕": "[〕\\]］)）】]"}
    parts = [brackets.get(ch) or re.escape(ch) for ch in value if not ch.isspace()]
    return re.compile(r"\s*".join(parts))


def _find_date(text: str, iso: str) -> tuple[int, int] | None:
    from .fields import DATE, parse_date

    for m in DATE.finditer(text):
        if parse_date(m.group()) == iso:
            return m.start(), m.end()
    return None


def _find_doc_number(text: str, value: str) -> tuple[int, int] | None:
    from .fields import DOC_NUMBER, normalise_doc_number

    for m in DOC_NUMBER.finditer(text):
        if normalise_doc_number(m.group()) == value:
            return m.start(), m.end()
    return None


def locate(text: str, name: str, value: str) -> tuple[int, int] | None:
    """Where the field ``name`` with ``value`` is printed in ``text`` (its first place).

    >>> locate("西卫健妇幼[2022] 1 号\\n二〇二二年四月十三日", "doc_number", "西卫健妇幼〔2022〕1号")
    (0, 15)
    >>> locate("西卫健妇幼[2022] 1 号\\n二〇二二年四月十三日", "date", "2022-04-13")
    (16, 26)
    """
    if not value:
        return None
    found: tuple[int, int] | None = None
    if name in ("date", "printed_date") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        found = _find_date(text, value)
    elif name == "doc_number":
        found = _find_doc_number(text, value)
    if found:
        return found
    pattern = _flexible(value)
    # a line of its own (a heading, a signature) before a mention inside a sentence
    whole = re.search(rf"^[ \t\u3000]*({pattern.pattern})[ \t\u3000：:]*$", text, re.M)
    if whole:
        return whole.start(1), whole.end(1)
    at = text.find(value)
    if at >= 0:
        return at, at + len(value)
    m = pattern.search(text)
    return (m.start(), m.end()) if m else None


def field_values(text: str, document: dict[str, Any]) -> tuple[list[Value], list[tuple[str, str]]]:
    """Highlights for the document's fields, and the (name, value) pairs not found in the text."""
    values: list[Value] = []
    missing: list[tuple[str, str]] = []
    for name in FIELD_NAMES:
        raw = document.get(name)
        items = raw if isinstance(raw, list) else [raw]
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item:
                continue
            span = locate(text, name, item)
            if span is None:
                missing.append((name, item))
                continue
            vid = f"field-{name}" + (f"-{i}" if isinstance(raw, list) else "")
            values.append(Value(vid, "field", span[0], span[1], f"{name}: {item}", {"field": name, "value": item}))
    return values, missing


# ---------------------------------------------------------------- values of the record

_CMP = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "range": ""}


def _num(x: Any) -> str:
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def target_label(t: dict[str, Any]) -> str:
    """``剖宫产率 ≤28%`` (``（actual）`` for a reported figure, the scope in front)."""
    value = _num(t.get("value"))
    if t.get("comparator") == "range" and t.get("value_max") is not None:
        value += "–" + _num(t["value_max"])
    label = f"{t.get('indicator') or '?'} {_CMP.get(t.get('comparator') or '', '')}{value}{t.get('unit') or ''}"
    if t.get("scope"):
        label = f"{t['scope']}：{label}"
    return label + ("（actual）" if t.get("kind") == "actual" else "")


def record_values(record: dict[str, Any], text: str) -> tuple[list[Value], list[tuple[str, str]]]:
    """Every highlight of a record: fields, tasks, targets, deadlines (spans clipped to the text)."""
    values, missing = field_values(text, record.get("document") or {})
    n = len(text)
    for kind, key in (("task", "tasks"), ("target", "targets"), ("deadline", "deadlines")):
        for i, item in enumerate(record.get(key) or []):
            span = item.get("span") or (0, 0)
            start, end = max(0, min(int(span[0]), n)), max(0, min(int(span[1]), n))
            if kind == "task":
                head = item.get("heading") or item.get("text") or ""
                label = f"{item.get('id')} {head[:40]}"
                classes = []
            elif kind == "target":
                label = target_label(item)
                classes = ["k-actual"] if item.get("kind") == "actual" else []
            else:
                label = f"{item.get('date')} {item.get('text')}"
                classes = []
            values.append(Value(f"{kind}-{i}", kind, start, end, label, item, item.get("page"), classes))
    return values, missing


# ---------------------------------------------------------------- rendering


def _segments(text: str, values: list[Value], cuts: list[int]) -> Iterator[tuple[int, int, list[Value]]]:
    """The text cut at every value's edges and at ``cuts``: (start, end, values covering it)."""
    points = {0, len(text), *cuts}
    starts: dict[int, list[Value]] = {}
    ends: dict[int, list[Value]] = {}
    for v in values:
        if v.end > v.start:
            points.update((v.start, v.end))
            starts.setdefault(v.start, []).append(v)
            ends.setdefault(v.end, []).append(v)
    active: dict[str, Value] = {}
    ordered = sorted(points)
    for a, b in pairwise(ordered):
        for v in ends.get(a, []):
            active.pop(v.vid, None)
        for v in starts.get(a, []):
            active[v.vid] = v
        yield a, b, list(active.values())


def _line_cuts(text: str, every: int) -> list[int]:
    """Offsets just after every ``every``-th newline: where blocks of lines end."""
    return [m.end() for count, m in enumerate(re.finditer("\n", text), 1) if count % every == 0]


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _document_html(text: str, values: list[Value], page_breaks: list[tuple[int, int]]) -> str:
    blocks = _line_cuts(text, BLOCK_LINES)
    breaks = dict(page_breaks)  # offset -> page number that starts there
    block_ends = set(blocks) | set(breaks)
    out: list[str] = ['<div class="blk">']
    if 0 in breaks:
        out.insert(0, f'<div class="pb" id="page-{breaks[0]}" data-page="{breaks[0]}"></div>')
    anchored: set[str] = set()
    for a, b, covering in _segments(text, values, sorted(block_ends)):
        if a in block_ends and a != 0:
            out.append("</div>")
            if a in breaks:
                out.append(f'<div class="pb" id="page-{breaks[a]}" data-page="{breaks[a]}"></div>')
            out.append('<div class="blk">')
        piece = html.escape(text[a:b], quote=False)
        if not covering:
            out.append(piece)
            continue
        for v in covering:
            if v.vid not in anchored:
                anchored.add(v.vid)
                extra = f' data-task="{_esc(str(v.record.get("id")))}"' if v.kind == "task" else ""
                out.append(f'<a class="anchor" id="v-{v.vid}"{extra}></a>')
        covering.sort(key=lambda v: KINDS.index(v.kind))
        classes = sorted({f"k-{v.kind}" for v in covering} | {c for v in covering for c in v.classes})
        ids = " ".join(v.vid for v in covering)
        title = "\n".join(f"{v.kind}: {v.label}" for v in covering)
        out.append(f'<mark class="{" ".join(classes)}" data-v="{ids}" title="{_esc(title)}">{piece}</mark>')
    out.append("</div>")
    return "".join(out)


def _side_html(values: list[Value], missing: list[tuple[str, str]]) -> str:
    out = []
    titles = {"field": "Document fields", "task": "Tasks", "target": "Targets", "deadline": "Deadlines"}
    for kind in KINDS:
        mine = [v for v in values if v.kind == kind]
        gone = missing if kind == "field" else []
        out.append(f'<details open class="grp g-{kind}"><summary>{titles[kind]} ({len(mine)})</summary><ol>')
        for v in mine:
            page = f'<span class="p">p.{v.page}</span>' if v.page else ""
            out.append(
                f'<li><a href="#v-{v.vid}" data-go="{v.vid}" class="k-{kind} {" ".join(v.classes)}">'
                f"{_esc(v.label)}</a>{page}</li>"
            )
        for name, value in gone:
            out.append(f'<li class="missing">{_esc(name)}: {_esc(value)} <em>(not found verbatim)</em></li>')
        out.append("</ol></details>")
    return "".join(out)


CSS = """
:root{--task:#e3eefc;--field:#e6d5fa;--target:#ffe07a;--actual:#ffc9a8;--deadline:#2e9e55;--line:#d8d8d8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.75 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
 color:#1d1d1d;background:#fafafa}
header{padding:10px 18px;border-bottom:1px solid var(--line);background:#fff}
header h1{font-size:17px;margin:0 0 2px}
header .meta{font-size:12.5px;color:#555;word-break:break-all}
.legend{display:flex;flex-wrap:wrap;gap:10px;margin-top:6px;font-size:13px}
.legend label{cursor:pointer;user-select:none}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:3px}
.warn{margin:6px 0 0;padding:4px 10px;background:#fff4e5;border-left:3px solid #f0a020;font-size:13px}
.warn summary{cursor:pointer}.warn ul{margin:0;padding-left:20px}
main{display:grid;grid-template-columns:minmax(220px,26%) 1fr;height:calc(100vh - var(--head,110px))}
nav{overflow:auto;border-right:1px solid var(--line);background:#fff;padding:4px 8px 40px;font-size:13px}
nav summary{font-weight:600;cursor:pointer;padding:4px 0}
nav ol{margin:0;padding-left:22px}
nav li{line-height:1.45;margin:2px 0}
nav a{color:inherit;text-decoration:none;border-radius:2px;padding:0 2px}
nav a:hover{text-decoration:underline}
nav .p{color:#888;margin-left:4px;font-size:11px}
nav .missing{color:#999}
#doc{overflow:auto;padding:10px 26px 60vh;white-space:pre-wrap;word-break:break-word}
.blk{content-visibility:auto;contain-intrinsic-size:auto 900px}
.pb{border-top:1px dashed #999;margin:10px 0 4px;height:0}
.pb::before{content:"page " attr(data-page);position:relative;top:-11px;background:#fafafa;color:#777;
 font-size:11px;padding:0 6px}
mark{background:none;color:inherit;padding:0;border-radius:2px;cursor:pointer}
.k-task{background:var(--task)}
.k-field{background:var(--field)}
.k-target{background:var(--target)}
.k-target.k-actual{background:var(--actual)}
.k-deadline{box-shadow:inset 0 -3px 0 var(--deadline)}
nav a.k-deadline{box-shadow:none;border-bottom:3px solid var(--deadline)}
nav a.k-task{background:none}
a.anchor[data-task]::before{content:attr(data-task);font-size:10.5px;color:#2b5a9b;background:#fff;
 border:1px solid #9bb7e0;border-radius:3px;padding:0 3px;margin-right:3px;vertical-align:1px;line-height:1}
body.no-task mark.k-task{background:none}
body.no-task mark.k-task.k-field{background:var(--field)}
body.no-task mark.k-task.k-target{background:var(--target)}
body.no-task mark.k-task.k-target.k-actual{background:var(--actual)}
body.no-field mark.k-field:not(.k-target){background:none}
body.no-field mark.k-field.k-task:not(.k-target){background:var(--task)}
body.no-target mark.k-target:not(.k-field){background:none}
body.no-target mark.k-target.k-task:not(.k-field){background:var(--task)}
body.no-deadline mark.k-deadline{box-shadow:none}
body.no-task a.anchor[data-task]::before{display:none}
mark.sel,nav a.sel{outline:2px solid #d33;outline-offset:1px}
#detail{position:fixed;right:14px;bottom:14px;width:min(480px,92vw);max-height:45vh;overflow:auto;
 background:#fff;border:1px solid #bbb;border-radius:6px;box-shadow:0 4px 18px rgba(0,0,0,.18);
 font:12px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:8px 10px;white-space:pre-wrap;display:none}
#detail.on{display:block}
#detail b{font-family:sans-serif}
@media (max-width:760px){main{display:block;height:auto}nav{max-height:40vh;border-right:0;
 border-bottom:1px solid var(--line)}#doc{overflow:visible;padding:10px 12px 40vh}}
"""

JS = """
(function(){
var rec=JSON.parse(document.getElementById('records').textContent);
var box=document.getElementById('detail');
function sel(ids){document.querySelectorAll('.sel').forEach(function(e){e.classList.remove('sel')});
 ids.forEach(function(id){document.querySelectorAll('mark[data-v~="'+id+'"],nav a[data-go="'+id+'"]')
 .forEach(function(e){e.classList.add('sel')})});}
function show(ids){var s='';ids.forEach(function(id){s+='<b>'+id+'</b>\\n'+
 JSON.stringify(rec[id],null,1).replace(/[&<>]/g,function(c){return{'&':'&amp;','<':'&lt;','>':'&gt;'}[c]})+'\\n'});
 box.innerHTML=s+'<small>(Esc closes)</small>';box.classList.add('on');}
document.getElementById('doc').addEventListener('click',function(e){var m=e.target.closest('mark');
 if(!m)return;var ids=m.getAttribute('data-v').split(' ');sel(ids);show(ids);});
document.querySelector('nav').addEventListener('click',function(e){var a=e.target.closest('a[data-go]');
 if(!a)return;var id=a.getAttribute('data-go');sel([id]);show([id]);});
document.addEventListener('keydown',function(e){if(e.key==='Escape'){box.classList.remove('on');sel([]);}});
document.querySelectorAll('.legend input').forEach(function(c){c.addEventListener('change',function(){
 document.body.classList.toggle('no-'+c.value,!c.checked)})});
if(/^#v-/.test(location.hash)){var id=location.hash.slice(3);if(rec[id]){sel([id]);show([id]);}}
var h=document.querySelector('header');function fit(){document.documentElement.style.setProperty('--head',
 h.offsetHeight+'px')}fit();window.addEventListener('resize',fit);
 h.querySelectorAll('details').forEach(function(d){d.addEventListener('toggle',fit)});
})();
"""


def render_review(record: dict[str, Any], text: str, page_breaks: list[tuple[int, int]] | None = None) -> str:
    """The review page of ``record`` over ``text`` (the normalised text its spans point into).

    ``page_breaks``: ``(offset, page)`` where each page of a PDF starts in ``text``.
    """
    values, missing = record_values(record, text)
    source = record.get("source") or {}
    doc = record.get("document") or {}
    title = doc.get("title") or doc.get("plan_title") or os.path.basename(source.get("path") or "") or "document"
    counts = {k: sum(1 for v in values if v.kind == k) for k in KINDS}
    meta = " · ".join(
        str(x)
        for x in (
            source.get("path"),
            source.get("format"),
            f"{source['pages']} pages" if source.get("pages") else None,
            f"sha256 {source['sha256'][:12]}…" if source.get("sha256") else None,
            f"{counts['task']} tasks, {counts['target']} targets, {counts['deadline']} deadlines",
        )
        if x
    )
    swatch = {
        "field": "var(--field)",
        "task": "var(--task)",
        "target": "var(--target)",
        "deadline": "var(--deadline)",
    }
    legend = "".join(
        f'<label><input type="checkbox" value="{k}" checked> <span class="sw" style="background:{swatch[k]}">'
        f"</span>{k}s</label>"
        for k in KINDS
    )
    legend += '<span><span class="sw" style="background:var(--actual)"></span>actual (reported) figures</span>'
    warnings = record.get("warnings") or []
    warn = ""
    if warnings:
        state = " open" if len(warnings) <= 3 else ""
        items = "".join(f"<li>{_esc(w)}</li>" for w in warnings)
        warn = f'<details class="warn"{state}><summary>Warnings ({len(warnings)})</summary><ul>{items}</ul></details>'
    data = {v.vid: v.record for v in values}
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)} — mch-extract review</title><style>{CSS}</style></head><body>"
        f'<header><h1>{_esc(title)}</h1><div class="meta">{_esc(meta)}</div>'
        f'<div class="legend">{legend}</div>{warn}</header>'
        f"<main><nav>{_side_html(values, missing)}</nav>"
        f'<div id="doc" lang="zh-CN">{_document_html(text, values, page_breaks or [])}</div></main>'
        '<div id="detail"></div>'
        f'<script type="application/json" id="records">{_script_json(data)}</script>'
        f"<script>{JS}</script></body></html>\n"
    )


# ---------------------------------------------------------------- from a file


def page_breaks(norm: Any, page_starts: list[int], length: int) -> list[tuple[int, int]]:
    """``(offset, page)`` where each page starts in the normalised text (a binary search per page)."""
    from .offsets import page_of

    def page(pos: int) -> int:
        return page_of(norm.raw_offset(pos), page_starts) or 1

    breaks = [(0, 1)]
    for p in range(2, len(page_starts) + 1):
        lo, hi = breaks[-1][0], length
        while lo < hi:
            mid = (lo + hi) // 2
            if page(mid) >= p:
                hi = mid
            else:
                lo = mid + 1
        if lo < length and lo > breaks[-1][0]:
            breaks.append((lo, page(lo)))
    # one entry per offset, the last page that starts there
    return sorted(dict(breaks).items())


def review_file(path: str, *, max_size: int | None = None, max_pages: int | None = 500) -> str:
    """The review page of a document (extracted now) or of a record saved with ``--with-text``.

    Raises :class:`~mch_extract.errors.ExtractError` when the document gives no record.
    """
    if path.lower().endswith(".json"):
        with open(path, encoding="utf-8-sig") as fh:
            saved = json.load(fh)
        if isinstance(saved, dict) and isinstance(saved.get("text"), str):
            return render_review(saved, saved["text"])
    from .errors import ExtractError
    from .load import load_bytes, sniff_format
    from .normalise import normalise
    from .pipeline import DEFAULT_MAX_SIZE, build_notice, read_source

    data, src = read_source(path, max_size or DEFAULT_MAX_SIZE)
    try:
        loaded = load_bytes(data, max_pages=max_pages)
        notice = build_notice(loaded, src, with_text=True)
    except ExtractError as exc:
        exc.source = replace(src, format=sniff_format(data) if data.strip() else None)
        raise
    record = notice.model_dump(mode="json")
    text = record.pop("text")
    breaks: list[tuple[int, int]] = []
    if loaded.page_starts:
        norm = normalise(loaded.raw, loaded.format)
        if norm.text == text:
            breaks = page_breaks(norm, loaded.page_starts, len(text))
    return render_review(record, text, breaks)
