"""Normalised lines -> the notice's own fields (SPEC's ``document``).

Each field is read from where GB/T 9704-2012 puts it — 发文机关标志 (``XX文件``), 发文字号,
标题, 主送机关, 署名 and 成文日期, 附件说明, 版记 — and is ``null`` with a warning when the
text does not state it.  Nothing is guessed from a web page's posting date or a file name.

>>> parse_date("二〇二二年四月十三日"), parse_date("2022年4月13日")
('2022-04-13', '2022-04-13')
>>> normalise_doc_number("西卫健妇幼[2022] 1 号")
'西卫健妇幼〔2022〕1号'
"""

from __future__ import annotations

import datetime as dt
import functools

import regex

from .numerals import chinese_to_int
from .record import CitedDocument, Contact, Document, Section
from .rules import alternation, load_rules
from .segment import Line

CN_NUM = "[一二三四五六七八九十〇○零Ｏ]"
DATE = regex.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    rf"|(?P<cy>{CN_NUM}{{4}})年(?P<cm>{CN_NUM}{{1,2}})月(?P<cd>{CN_NUM}{{1,3}})日"
)
DATE_ONLY = regex.compile(rf"^(?:{DATE.pattern})$")
DOC_NUMBER = regex.compile(
    r"(?P<org>[\p{Han}A-Za-z]{1,16})[ \t]*[〔\[［(（【][ \t]*(?P<year>\d{4})[ \t]*[〕\]］)）】]"
    r"[ \t]*第?[ \t]*(?P<no>\d{1,5})[ \t]*号"
)
SPLIT_OUTSIDE_BRACKETS = regex.compile(r"[、，,](?![^（(]*[）)])")
PUNCT = regex.compile(r"[，。；：,;:！？!?]")


def as_date(iso: str | None) -> dt.date | None:
    """``2022-04-13`` -> ``datetime.date(2022, 4, 13)`` (the type of the record's date fields)."""
    return dt.date.fromisoformat(iso) if iso else None


def parse_date(text: str) -> str | None:
    """An ISO date from ``2022年4月13日`` or ``二〇二二年四月十三日``; ``None`` if invalid."""
    m = DATE.search(text)
    if not m:
        return None
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        parts = [chinese_to_int(m.group(g)) for g in ("cy", "cm", "cd")]
        if any(p is None for p in parts):
            return None
        y, mo, d = (int(p or 0) for p in parts)
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def normalise_doc_number(text: str) -> str | None:
    m = DOC_NUMBER.search(text)
    if not m:
        return None
    return f"{m.group('org')}〔{m.group('year')}〕{int(m.group('no'))}号"


@functools.cache
def _org_end() -> regex.Pattern[str]:
    return regex.compile(alternation(load_rules().org_suffixes) + "$")


def is_org(text: str) -> bool:
    """Does ``text`` read as an organisation's name (北京市西城区卫生健康委员会)?"""
    text = text.strip()
    return (
        2 <= len(text) <= 40
        and not PUNCT.search(text)
        and "\t" not in text
        and not text.startswith("各")
        and _org_end().search(text) is not None
    )


def _doc_type_of(title: str | None) -> str | None:
    if not title:
        return None
    core = regex.sub(r"[（(][^）)]*[）)]$", "", title)
    for word in load_rules().doc_types:
        if core.endswith(word):
            return word
    return None


def _title_lines(lines: list[Line]) -> tuple[str | None, int]:
    """The notice title joined across lines, and the index of the line after it."""
    doc_types = load_rules().doc_types
    for i, ln in enumerate(lines[:15]):
        t = ln.text
        if "关于" not in t or PUNCT.search(t.rstrip("：:")) or len(t) > 80:
            continue
        parts = [t]
        if i > 0 and not t.startswith(lines[i - 1].text) and is_org(lines[i - 1].text) and t.startswith("关于"):
            parts.insert(
                0, lines[i - 1].text
            )  # 舟山市卫生健康委员会 / 关于印发…的通知: a title broken after the issuer
        j = i
        while _doc_type_of("".join(parts)) is None and j + 1 < len(lines) and j - i < 3:
            nxt = lines[j + 1].text
            if PUNCT.search(nxt) or len(nxt) > 60:
                break
            parts.append(nxt)
            j += 1
        title = regex.sub(r"\s+", "", "".join(parts))
        if _doc_type_of(title) is not None and any(title.rstrip("）)").endswith(w) or w in title for w in doc_types):
            return title, j + 1
    return None, 0


def _recipients(lines: list[Line], start: int) -> list[str] | None:
    for ln in lines[start : start + 4]:
        t = ln.text
        if not t.endswith(("：", ":")) or "。" in t or len(t) > 300:
            continue
        parts = [p.strip() for p in SPLIT_OUTSIDE_BRACKETS.split(t[:-1]) if p.strip()]
        if parts and all(len(p) <= 40 for p in parts) and (is_org(parts[-1]) or parts[-1].endswith(("单位", "机构"))):
            return parts
    return None


def _attachments(lines: list[Line]) -> list[str]:
    labels = alternation(load_rules().attachment_labels)
    head = regex.compile(rf"^{labels}[ \t]*\d*[ \t]*[：:][ \t]*(?P<rest>\S.*)$")
    numbered = regex.compile(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.．、:：][ \t]*(?P<rest>\S.*)$")
    found: list[str] = []
    for i, ln in enumerate(lines):
        m = head.match(ln.text)
        if not m:
            continue
        items = [m.group("rest")]
        for nxt in lines[i + 1 : i + 10]:
            n = numbered.match(nxt.text)
            if not n or "。" in nxt.text or len(nxt.text) > 80 or not regex.match(r"1[.．、]", items[0]):
                break
            items.append(n.group("rest"))
        for item in items:
            listed = numbered.match(item) if regex.match(r"\d{1,2}[.．、]", item) else None
            item = (str(listed.group("rest")) if listed else item).strip().rstrip("；;。")
            if item and item not in found:
                found.append(item)
    return found


def _year_of(*texts: str | None) -> int | None:
    for text in texts:
        if text:
            m = regex.search(r"(?<!\d)(\d{4})(?=年|\s*年度)", text)
            if m and 1949 < int(m.group(1)) < 2100:
                return int(m.group(1))
    return None


def _cited(text: str) -> list[CitedDocument]:
    cited: list[CitedDocument] = []
    pattern = regex.compile(
        r"《(?P<t>[^《》\n]{4,80})》(?:的通知|的意见)?(?:[ \t]*[（(](?P<n>[^（）()\n]{4,30}?号)[）)])?"
    )
    for m in pattern.finditer(text):
        number = normalise_doc_number(m.group("n") or "")
        title = regex.sub(r"\s+", "", m.group("t"))
        if number or "关于" in title:
            entry = CitedDocument(title=title, doc_number=number)
            if entry not in cited:
                cited.append(entry)
    return cited


def _printed(lines: list[Line]) -> tuple[str | None, dt.date | None]:
    pattern = regex.compile(rf"^(?P<org>[^\t，。]{{2,40}}?)[ \t]*(?P<date>{DATE.pattern})[ \t]*印发$")
    for ln in reversed(lines):
        m = pattern.match(ln.text)
        if m:
            return regex.sub(r"\s+", "", m.group("org")), as_date(parse_date(m.group("date")))
    return None, None


def _disclosure(text: str) -> str | None:
    words = alternation(load_rules().disclosures)
    m = regex.search(rf"(?:此件|本件|公开方式[：:]?)[ \t]*(?P<d>{words})", text)
    return m.group("d") if m else None


def _contacts(text: str) -> list[Contact]:
    rules = load_rules()
    names = alternation(rules.contact_name_labels)
    phones = alternation(rules.contact_phone_labels)
    contacts: list[Contact] = []
    pattern = regex.compile(
        rf"{names}[：:][ \t]*(?P<names>[^：:\n）)]{{1,30}}?)[ \t，,；;]*"
        rf"(?:{phones})[：:][ \t]*(?P<phone>[\d\-－—()（） ]{{5,30}}\d)"
    )
    for m in pattern.finditer(text):
        phone = regex.sub(r"[ ()（）]", "", m.group("phone"))
        for name in regex.split(r"[，,、；;\s]+", m.group("names")):
            if 1 < len(name) <= 6:
                contacts.append(Contact(name=name, phone=phone))
    return contacts


def extract_document(text: str, lines: list[Line], sections: list[Section]) -> tuple[Document, list[str]]:
    """The document fields, and a warning for each core field the text does not state."""
    notice = [ln for ln in lines if sections and sections[0].kind == "notice" and ln.start < sections[0].span[1]]
    if sections and sections[0].kind == "notice" and len(sections) == 1:
        notice = lines[:40]
    doc = Document()
    title, after_title = _title_lines(notice)
    doc.title = title
    doc.doc_type = _doc_type_of(title)

    header = notice[:after_title] if title else notice[:6]
    for ln in header:
        m = regex.match(r"^(?P<org>.{2,40}?)文件$", ln.text)
        if m and is_org(m.group("org")):
            doc.issuer = m.group("org")
            break
    for ln in notice[:12]:
        if DOC_NUMBER.fullmatch(ln.text) or regex.match(rf"^(?:{DOC_NUMBER.pattern})(?:[ \t]+签发人.*)?$", ln.text):
            doc.doc_number = normalise_doc_number(ln.text)
            break

    doc.recipients = _recipients(notice, after_title)
    date_index = next((i for i, ln in enumerate(notice) if DATE_ONLY.match(ln.text)), None)
    if date_index is not None:
        doc.date = as_date(parse_date(notice[date_index].text))
        if doc.issuer is None:
            above = notice[date_index - 1].text if date_index > 0 else ""
            if is_org(above):
                doc.issuer = above
    if doc.issuer is None and title:
        m = regex.match(r"^(?P<org>.{2,40}?)关于", title)
        if m and is_org(m.group("org")):
            doc.issuer = m.group("org")

    attachments = _attachments(lines)
    doc.attachments = attachments if attachments or notice else None
    plan = next((s for s in sections if s.kind != "notice" and s.title), None)
    doc.plan_title = plan.title if plan else None
    if doc.plan_title is None:
        m = regex.search(r"(?:印发|现将)《(?P<t>[^《》]{4,60})》", "\n".join(ln.text for ln in notice))
        doc.plan_title = m.group("t") if m else None
    doc.year = _year_of(doc.plan_title, doc.title) or (doc.date.year if doc.date else None)

    doc.cited_documents = _cited(text)
    doc.printed_by, doc.printed_date = _printed(lines)
    doc.disclosure = _disclosure(text)
    doc.contacts = _contacts(text)

    warnings = [
        f"document.{name}: not stated in the text"
        for name in ("issuer", "doc_number", "title", "date", "recipients")
        if getattr(doc, name) is None
    ]
    return doc, warnings
