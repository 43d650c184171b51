"""OFD (GB/T 33190) bytes -> pages of raw text, with the standard library.

An OFD file is a ZIP of XML: ``OFD.xml`` names the document, whose ``Document.xml`` lists the
pages and the template pages they draw on; a page's ``Content.xml`` holds text objects
(``TextObject`` with a ``Boundary`` and ``TextCode`` runs at a baseline ``Y``, in millimetres).
Runs are sorted by baseline then x, runs on one baseline become one line (a wide gap between
them, as between table cells, a tab), and the lines go through the PDF loader's stages: page
numbers and running headers dropped, hard-wrapped paragraphs joined.  A page that holds only
pictures is read by OCR when the extra is installed.

>>> deltas("g 3 4.5 1.2"), deltas("")
([4.5, 4.5, 4.5, 1.2], [])
"""

from __future__ import annotations

import io
import itertools
import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from ..errors import ExtractError
from . import Loaded

MM = 72 / 25.4  # points per millimetre


@dataclass
class Run:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(el: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in el.iter() if _local(c.tag) == name), None)


def _box(text: str | None) -> tuple[float, float, float, float]:
    try:
        parts = [float(v) for v in (text or "").split()]
    except ValueError:
        return (0.0, 0.0, 0.0, 0.0)
    return tuple((parts + [0.0] * 4)[:4])  # type: ignore[return-value]


def deltas(text: str | None) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list, with its ``g N value`` repeats expanded."""
    out: list[float] = []
    tokens = (text or "").split()
    k = 0
    while k < len(tokens):
        try:
            if tokens[k] == "g" and k + 2 < len(tokens):
                out.extend([float(tokens[k + 2])] * min(int(tokens[k + 1]), 10_000))
                k += 3
                continue
            out.append(float(tokens[k]))
        except ValueError:
            pass
        k += 1
    return out


class _Package:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = {n.lstrip("/"): n for n in zf.namelist()}

    def xml(self, path: str) -> ET.Element:
        name = self.names.get(posixpath.normpath(path).lstrip("/"))
        if name is None:
            raise ExtractError("unsupported_format", f"the OFD file lacks {path}: it is incomplete")
        try:
            return ET.fromstring(self.zf.read(name))
        except ET.ParseError as exc:
            raise ExtractError("unsupported_format", f"the OFD file's {path} is broken XML") from exc

    def read(self, path: str) -> bytes | None:
        name = self.names.get(posixpath.normpath(path).lstrip("/"))
        return self.zf.read(name) if name else None


def _resolve(base: str, loc: str) -> str:
    return loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)


def _runs(content: ET.Element) -> tuple[list[Run], list[tuple[str, tuple[float, float, float, float]]]]:
    """Text runs of a page (or template) and its pictures (resource id, boundary)."""
    runs: list[Run] = []
    images = []
    for obj in content.iter():
        kind = _local(obj.tag)
        if kind == "ImageObject":
            images.append((obj.get("ResourceID", ""), _box(obj.get("Boundary"))))
            continue
        if kind != "TextObject":
            continue
        bx, by, _bw, _bh = _box(obj.get("Boundary"))
        try:
            size = float(obj.get("Size", "3.5"))
        except ValueError:
            size = 3.5
        for code in obj:
            if _local(code.tag) != "TextCode" or not code.text:
                continue
            try:
                x, y = float(code.get("X", "0")), float(code.get("Y", "0"))
            except ValueError:
                continue
            dx = deltas(code.get("DeltaX"))
            dy = deltas(code.get("DeltaY"))
            text = code.text
            if dy and any(abs(v) > 0.01 for v in dy) and not any(abs(v) > 0.01 for v in dx):
                for k, ch in enumerate(text):  # vertical text: one run per character
                    yy = y + sum(dy[:k])
                    runs.append(Run(ch, bx + x, bx + x + size, by + yy, size))
                continue
            width = sum(dx[: len(text) - 1]) + size if dx else size * len(text)
            runs.append(Run(text, bx + x, bx + x + width, by + y, size))
    return runs, images


def _lines(runs: list[Run]) -> list[Any]:
    """Runs on one baseline as one line, left to right; a gap of three characters is a cell break."""
    from .pdf import PAGE_NUMBER, TextLine

    runs = sorted(runs, key=lambda r: (round(r.baseline, 1), r.x0))
    groups: list[list[Run]] = []
    for run in runs:
        if groups and abs(groups[-1][0].baseline - run.baseline) <= 0.3 * run.size:
            groups[-1].append(run)
        else:
            groups.append([run])
    lines = []
    for group in groups:
        group.sort(key=lambda r: r.x0)
        text, cells = group[0].text, 1
        for prev, run in itertools.pairwise(group):
            gap = run.x0 - prev.x1
            if gap > 2.5 * run.size:
                text, cells = text + "\t" + run.text, cells + 1
            else:
                text += (" " if gap > 0.6 * run.size else "") + run.text
        text = text.strip()
        if not text or PAGE_NUMBER.match(text):
            continue
        size = max(r.size for r in group)
        top, bottom = (group[0].baseline - 0.9 * size) * MM, (group[0].baseline + 0.2 * size) * MM
        right = max(r.x1 for r in group) * MM
        lines.append(TextLine(text, group[0].x0 * MM, right, top, bottom, is_row=cells > 1, size=size * MM))
    return lines


def _ocr_images(pkg: _Package, base: str, images: list[Any], resources: dict[str, str], header: Any) -> Any:
    """The text of a page of pictures, by OCR (only called when the extra is installed)."""
    from .ocr import ocr_image

    lines: list[Any] = []
    size = 12.0
    for rid, (x, y, w, _h) in images:
        data = pkg.read(resources.get(rid, ""))
        if not data or w <= 0:
            continue
        got, header, size = ocr_image(data, offset=(x * MM, y * MM), width=w * MM, header=header)
        lines.extend(got)
    return lines, header, size


def _resources(pkg: _Package, doc: ET.Element, base: str) -> dict[str, str]:
    """Picture resource id -> path in the package (from the document's public/document resources)."""
    out: dict[str, str] = {}
    for res in doc.iter():
        if _local(res.tag) not in ("PublicRes", "DocumentRes"):
            continue
        path = _resolve(base, (res.text or "").strip())
        try:
            root = pkg.xml(path)
        except ExtractError:
            continue
        res_base = posixpath.join(posixpath.dirname(path), root.get("BaseLoc", ""))
        for media in root.iter():
            if _local(media.tag) == "MultiMedia":
                loc = _find(media, "MediaFile")
                if loc is not None and loc.text:
                    out[media.get("ID", "")] = _resolve(res_base, loc.text.strip())
    return out


def load_ofd(data: bytes, *, max_pages: int | None = None) -> Loaded:
    from .ocr import available
    from .pdf import drop_running_lines, join_paragraphs

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExtractError("unsupported_format", "a broken OFD file (its ZIP cannot be opened)") from exc
    with zf:
        pkg = _Package(zf)
        root = pkg.xml("OFD.xml")
        doc_root = _find(root, "DocRoot")
        doc_path = (doc_root.text or "").strip().lstrip("/") if doc_root is not None else ""
        if not doc_path:
            raise ExtractError("unsupported_format", "the OFD file names no document (OFD.xml has no DocRoot)")
        base = posixpath.dirname(doc_path)
        doc = pkg.xml(doc_path)
        templates = {
            t.get("ID", ""): _resolve(base, t.get("BaseLoc", "")) for t in doc.iter() if _local(t.tag) == "TemplatePage"
        }
        page_area = _find(doc, "PhysicalBox")
        height = _box(page_area.text if page_area is not None else "0 0 210 297")[3] or 297.0
        resources = _resources(pkg, doc, base)
        pages = [p for p in doc.iter() if _local(p.tag) == "Page" and p.get("BaseLoc")]
        if max_pages:
            pages = pages[:max_pages]
        all_lines, sizes, heights = [], [], []
        header = None
        ocr_used = pictures = False
        for page in pages:
            content = pkg.xml(_resolve(base, page.get("BaseLoc", "")))
            runs, images = _runs(content)
            for tpl in content.iter():
                if _local(tpl.tag) == "Template" and tpl.get("TemplateID") in templates:
                    tpl_runs, tpl_images = _runs(pkg.xml(templates[tpl.get("TemplateID", "")]))
                    runs, images = runs + tpl_runs, images + tpl_images
            pictures = pictures or bool(images)
            if len("".join(r.text for r in runs).split()) == 0 and images and available():
                lines, header, size = _ocr_images(pkg, base, images, resources, header)
                ocr_used = True
            else:
                lines = _lines(runs)
                body = sorted(ln.size for ln in lines if len(ln.text) >= 4)
                size = body[len(body) // 2] if body else 12.0
            all_lines.append(lines)
            sizes.append(size)
            heights.append(height * MM)
    if not any(all_lines):
        if ocr_used:
            raise ExtractError("no_text_layer", "OCR found no text on the OFD's page images")
        if pictures:
            raise ExtractError("no_text_layer")
        raise ExtractError("empty", "the OFD file holds no text")
    all_lines = drop_running_lines(all_lines, heights)
    raw, page_starts = join_paragraphs(all_lines, sizes)
    return Loaded(raw=raw, format="ofd", pages=len(pages), page_starts=page_starts, ocr=ocr_used)
