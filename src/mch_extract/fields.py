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
import re

import regex

from .compiled import compiled, lazy
from .numerals import chinese_to_int
from .parts import CitedDocument, Contact, Document, Section
from .rules import alternation, load_rules
from .segment import Line

CN_NUM = "[一二三四五六七八九十〇○零Ｏ]"
DATE = lazy(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    rf"|(?P<cy>{CN_NUM}{{4}})年(?P<cm>{CN_NUM}{{1,2}})月(?P<cd>{CN_NUM}{{1,3}})日"
)
DATE_ONLY = regex.compile(rf"^(?:{DATE.pattern})$")
SIGNATURE_DATE = regex.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日?$|^(?P<digits>(?:19|20)\d{5,6})$")
ISO_DATE = lazy(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
YEAR_RANGE = lazy(r"\d{4}[ \t]*[—–―\-－~～至][ \t]*(?P<end>\d{4})")
DOC_NUMBER = regex.compile(
    r"(?P<org>[\p{Han}A-Za-z]{1,16})[ \t]*[〔\[［(（【][ \t]*(?P<year>\d{4})[ \t]*[〕\]］)）】]"
    r"[ \t]*第?[ \t]*(?P<no>\d{1,5})[ \t]*(?P<hao>[号號])"
)
SPLIT_OUTSIDE_BRACKETS = lazy(r"[、，,](?![^（(]*[）)])")
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


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def signature_date(line: str) -> str | None:
    """The date of a signature line, also as copies damage it: ``2016年7月5``, ``2017216``.

    >>> signature_date("2017216"), signature_date("2016年7月5"), signature_date("2017年")
    ('2017-02-16', '2016-07-05', None)
    """
    if "年" not in line and not line.startswith(("19", "20")):
        return None  # (every pattern below wants a 年 or opens with 19 or 20: most lines are asked neither)
    if DATE_ONLY.match(line):
        return parse_date(line)
    m = SIGNATURE_DATE.match(line)
    if not m:
        return None
    if m.group("y"):
        return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    digits = m.group("digits")
    year, rest = int(digits[:4]), digits[4:]
    readings = {_iso(year, int(rest[:k]), int(rest[k:])) for k in (1, 2) if 0 < k < len(rest)} - {None}
    return readings.pop() if len(readings) == 1 else None  # 2017216 is Feb 16 (21 is no month)


def parse_any_date(text: str) -> str | None:
    """``2022年4月13日`` or a site's ``2025-08-22 00:00:00``."""
    m = ISO_DATE.search(text)
    if m:
        return _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return parse_date(text)


@functools.cache
def _doc_number_label() -> regex.Pattern[str]:
    labels = alternation(w for w, kind in load_rules().metadata_labels.items() if kind == "doc_number")
    return regex.compile("[ \t]*" + labels + "[ \t:：]*")


def normalise_doc_number(text: str) -> str | None:
    label = _doc_number_label().match(load_rules().fold(text))
    if label:
        text = text[label.end() :]  # 发文字号国卫办人口发〔2023〕15号: a label run into the number
    m = DOC_NUMBER.search(text)
    if not m:
        return None
    return f"{m.group('org')}〔{m.group('year')}〕{int(m.group('no'))}{m.group('hao')}"


@functools.cache
def _org_end() -> regex.Pattern[str]:
    return regex.compile(alternation(load_rules().org_suffixes) + "$")


def is_org(text: str) -> bool:
    """Does ``text`` read as an organisation's name (北京市西城区卫生健康委员会)?"""
    text = text.strip()
    return (
        2 <= len(text) <= 40
        and not PUNCT.search(text)
        and not compiled(r"[\t>»|/《》〔〕\[\]]").search(text)  # a breadcrumb or a cited number is no name
        and not text.startswith("各")
        and _org_end().search(text) is not None
    )


def _core(title: str) -> str:
    """A title without the note in brackets at its end: 工作方案（试行） -> 工作方案."""
    return str(compiled(r"[（(][^）)]*[）)]$").sub("", title))


def _doc_type_of(title: str | None) -> str | None:
    if not title:
        return None
    core = _core(title)
    for word in load_rules().doc_types:
        if core.endswith(word):
            return word
    return None


# the rest of a title on the line under it: (2023—2025年)的通知, 》的通知
TITLE_TAIL = lazy(
    r"^[（(]?\d{4}[ \t]*[—–―\-－~～至][ \t]*\d{4}[ \t]*年?[）)]?》?的?\p{Han}{0,6}$|^》?的\p{Han}{1,6}$"
)


@functools.cache
def _plan_in_title() -> regex.Pattern[str]:
    types = alternation(load_rules().plan_types)
    return regex.compile(rf"印发(?P<t>[^《》]{{4,80}}?{types}(?:[（(][^（）()]{{1,20}}[）)])?)的\p{{Han}}{{1,4}}$")


def _title_lines(lines: list[Line]) -> tuple[str | None, int]:
    """The notice title joined across lines, and the index of the line after it."""
    doc_types = load_rules().doc_types
    for i, ln in enumerate(lines[:15]):
        t = ln.text.rstrip("|｜ ")  # a table's cell bar left after the title
        if "关于" not in t or PUNCT.search(t.rstrip("：:")) or len(t) > 160 or DOC_NUMBER.search(t):
            continue  # not a title, or a page header quoting number and title
        nxt_line = lines[i + 1].text if i + 1 < len(lines) else ""
        if len(t) >= 12 and nxt_line.startswith(t[:12]) and len(nxt_line) > len(t) and _doc_type_of(nxt_line):
            continue  # a page header cutting the title short, then the title in full
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
        if j + 1 < len(lines) and TITLE_TAIL.match(lines[j + 1].text) and _doc_type_of(lines[j + 1].text):
            parts.append(lines[j + 1].text)  # …行动计划 / (2007-2012年)》的通知
            j += 1
        title = compiled(r"\s+").sub("", "".join(parts))
        if _doc_type_of(title) is not None and any(title.rstrip("）)").endswith(w) or w in title for w in doc_types):
            return title, j + 1
    return None, 0


def _recipients(lines: list[Line], start: int, reach: int = 4, after_title: bool = True) -> list[str] | None:
    """The 主送机关 line after the title: ``各县（区）卫生健康局，委直属有关单位：``."""
    openers = load_rules().recipient_openers
    for ln in lines[start : start + reach]:
        t = ln.text
        run_in = compiled(r"^(?P<r>[^。：:]{2,200})[：:](?=\S)").match(t) if t.startswith(openers) else None
        if run_in:
            t = run_in.group("r") + "："  # 各镇人民政府,县府直属有关单位:经县人民政府同意,… on one line
        if not t.endswith(("：", ":")) or "。" in t or len(t) > 300:
            continue
        parts = [p.strip() for p in SPLIT_OUTSIDE_BRACKETS.split(t[:-1]) if p.strip()]
        if not parts or any(len(p) > 40 for p in parts):
            continue
        bare = [p[1:] if p.startswith("各") else p for p in parts]  # 各区卫生健康委: one body
        named = t.startswith(openers) or 2 * sum(map(is_org, bare)) >= len(parts)
        if not after_title and (any(len(p) > 25 for p in parts) or not named):
            continue  # with no title above it, most parts must name bodies
        if any(is_org(b) for b in bare) or (after_title and t.startswith(openers)):
            return parts
    return None


@functools.cache
def _metadata_label() -> re.Pattern[str]:
    """A label of a site's metadata block, its characters perhaps spaced (索 引 号).

    Compiled by Python's ``re``, not the regex module: the pattern is plain characters, blanks
    and a colon, which both read alike, and ``re`` passes over a character that opens no label
    (it knows the labels' first characters), where the regex module tries the alternatives at
    every character; the first 40 lines of every notice are scanned (three times as fast).
    """
    labels = sorted(load_rules().metadata_labels, key=len, reverse=True)
    body = "|".join("[ \t]*".join(re.escape(c) for c in w) for w in labels)
    return re.compile(rf"(?P<label>{body})(?P<colon>[ \t]*[：:|])?")


def read_metadata(text: str, lines: list[Line], reach: int = 40) -> dict[str, tuple[int, int]]:
    r"""A government site's metadata block: the span of each value, by kind.

    Labels may be spaced (``索 引 号``), followed by a colon, a pipe cell or nothing, with the
    value after them on the line or on the next line.  Two labels at least make a block.

    >>> t = "索 引 号: 0001/2023-1 发布机构: 省卫生健康委\n文号: 浙卫发〔2023〕10号"
    >>> from mch_extract.segment import lines_of
    >>> {k: t[s:e] for k, (s, e) in read_metadata(t, lines_of(t)).items()}
    {'issuer': '省卫生健康委', 'doc_number': '浙卫发〔2023〕10号'}
    """
    kinds = load_rules().metadata_labels
    hits: list[tuple[str, int, int, int]] = []  # kind, label start, value start, line index
    for idx, ln in enumerate(lines[:reach]):
        for m in _metadata_label().finditer(text, ln.start, ln.end):
            before = text[m.start() - 1] if m.start() > ln.start else ""
            label = compiled(r"\s").sub("", m.group("label"))
            if not m.group("colon") and len(label) <= 2 and compiled(r"[\p{Han}A-Za-z0-9]").match(before):
                continue  # 指标名称 is a column, not a label
            hits.append((kinds[label], m.start(), m.end(), idx))
    if len(hits) < 2:
        return {}
    found: dict[str, tuple[int, int]] = {}
    for k, (kind, _, vstart, idx) in enumerate(hits):
        if kind == "other" or kind in found:
            continue
        ln = lines[idx]
        same_line = k + 1 < len(hits) and hits[k + 1][3] == idx
        vend = hits[k + 1][1] if same_line else ln.end
        s, e = _strip_span(text, vstart, vend)
        if s == e and not same_line and idx + 1 < len(lines):
            nxt = lines[idx + 1]
            if not any(h[3] == idx + 1 and h[1] <= nxt.start + 2 for h in hits):
                s, e = _strip_span(text, nxt.start, nxt.end)  # • 文号 / 开政办发〔2017〕14号
        if s < e and text[s:e] not in load_rules().metadata_empty:
            found[kind] = (s, e)
    return found


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    junk = " \t|:：•·"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end


def as_printed(value: str | None, text: str, original: str) -> str | None:
    r"""``value`` (read in the simplified copy ``text``) as the original prints it.

    Folding is one character for one, so the span where ``value`` stands in ``text``
    (blanks and line breaks allowed between its characters) holds it as printed.

    >>> as_printed("健康儿童行动计划", "健康儿童行动\n计划", "健康兒童行動\n計劃")
    '健康兒童行動計劃'
    """
    if not value or text is original:
        return value
    pos = text.find(value)
    if pos >= 0:
        return original[pos : pos + len(value)]
    pattern = "[ \t\n]*".join(regex.escape(c) for c in value if not c.isspace())
    m = regex.search(pattern, text)
    return compiled(r"\s+").sub("", original[m.start() : m.end()]) if m else value


@functools.cache
def _attachment_head() -> regex.Pattern[str]:
    labels = alternation(load_rules().attachment_labels)
    return regex.compile(rf"^{labels}[ \t]*\d*[ \t]*[：:][ \t]*(?P<rest>\S.*)$")


def _attachments(lines: list[Line]) -> list[str]:
    labels, head = load_rules().attachment_labels, _attachment_head()
    numbered = compiled(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})[.．、:：][ \t]*(?P<rest>\S.*)$")
    found: list[str] = []
    for i, ln in enumerate(lines):
        m = head.match(ln.text) if ln.text.startswith(labels) else None
        if not m:
            continue
        # 附件：1.…；2.…（附件略）: a list on one line, and a copyist's note that the files are left out
        rest = compiled(r"[（(][^（）()]*略[^（）()]*[）)]$").sub("", m.group("rest"))
        items = compiled(r"[；;][ \t]*(?=\d{1,2}[.．、])").split(rest)
        for nxt in lines[i + 1 : i + 10]:
            n = numbered.match(nxt.text)
            if not n or "。" in nxt.text or len(nxt.text) > 80 or not compiled(r"1[.．、]").match(items[0]):
                break
            items.append(n.group("rest"))
        for item in items:
            listed = numbered.match(item) if compiled(r"\d{1,2}[.．、]").match(item) else None
            item = (str(listed.group("rest")) if listed else item).strip().rstrip("；;。")
            if item and item not in found:
                found.append(item)
    return found


def _year_of(*texts: str | None) -> int | None:
    """The year a title names; the end of a period (2021—2025年) is not one.

    >>> _year_of("2022年西城区妇幼健康工作要点"), _year_of("儿童发展规划(2021-2030年)")
    (2022, None)
    """
    for text in texts:
        if text:
            ends = {m.start("end") for m in YEAR_RANGE.finditer(text)}
            for m in compiled(r"(?<![\d—–―\-－~～至])(\d{4})(?=年|\s*年度)").finditer(text):
                if m.start(1) not in ends and 1949 < int(m.group(1)) < 2100:
                    return int(m.group(1))
    return None


def _cited(text: str) -> list[CitedDocument]:
    cited: list[CitedDocument] = []
    pattern = compiled(r"《(?P<t>[^《》\n]{4,80})》(?:的通知|的意见)?(?:[ \t]*[（(](?P<n>[^（）()\n]{4,30}?号)[）)])?")
    for m in pattern.finditer(text):
        number = normalise_doc_number(m.group("n") or "")
        title = compiled(r"\s+").sub("", m.group("t"))
        if number or "关于" in title:
            entry = CitedDocument(title=title, doc_number=number)
            if entry not in cited:
                cited.append(entry)
    return cited


def _printed(lines: list[Line]) -> tuple[str | None, dt.date | None]:
    pattern = compiled(rf"^(?P<org>[^\t，。]{{2,40}}?)[ \t]*(?P<date>{DATE.pattern})[ \t]*印发$")
    for ln in reversed(lines):
        m = pattern.match(ln.text) if ln.text.endswith("印发") else None
        if m:
            return compiled(r"\s+").sub("", m.group("org")), as_date(parse_date(m.group("date")))
    return None, None


@functools.cache
def _disclosure_pattern() -> re.Pattern[str]:
    """此件主动公开 and its kin: literal words, searched for by Python's ``re`` through the whole
    text (it passes over a character that opens none of them; see :func:`_metadata_label`)."""
    words = alternation(load_rules().disclosures)
    return re.compile(rf"(?:此件|本件|公开方式[：:]?)[ \t]*(?P<d>{words})")


def _disclosure(text: str) -> str | None:
    m = _disclosure_pattern().search(text)
    return m.group("d") if m else None


@functools.cache
def _contact_pattern() -> regex.Pattern[str]:
    rules = load_rules()
    names = alternation(rules.contact_name_labels)
    phones = alternation(rules.contact_phone_labels)
    return regex.compile(
        rf"{names}[：:][ \t]*(?P<names>[^：:\n）)]{{1,30}}?)[ \t，,；;]*"
        rf"(?:{phones})[：:][ \t]*(?P<phone>[\d\-－—()（） ]{{5,30}}\d)"
    )


def _contacts(text: str) -> list[Contact]:
    contacts: list[Contact] = []
    for m in _contact_pattern().finditer(text):
        phone = compiled(r"[ ()（）]").sub("", m.group("phone"))
        for name in compiled(r"[，,、；;\s]+").split(m.group("names")):
            if 1 < len(name) <= 6:
                contacts.append(Contact(name=name, phone=phone))
    return contacts


def _signature(lines: list[Line]) -> tuple[str | None, str | None]:
    """Issuer and date of the first signature: an organisation's line above a date line."""
    for i, ln in enumerate(lines):
        date = signature_date(ln.text)
        if date is None:
            continue
        above = lines[i - 1].text if i > 0 else ""
        higher = lines[i - 2].text if i > 1 else ""
        joint = "\t" in higher or is_org(higher)  # 商洛市卫生和计划生育局 / 妇儿工委办公室: several issuers
        return (above if is_org(above) and not joint else None), date
    return None, None


def _standalone(doc: Document, sections: list[Section], meta_title: str | None, lines: list[Line]) -> None:
    """A document without a notice: a plan's heading is its plan_title, a report's its title."""
    rules = load_rules()
    heading = next((s.title for s in sections if s.title), None) or meta_title
    if heading is None:
        for ln in lines[:6]:  # 区卫生健康局关于妇幼保障工作情况汇报: a report titled like a notice
            core = _core(ln.text)
            if "关于" in ln.text and len(ln.text) <= 80 and not PUNCT.search(ln.text):
                heading = ln.text if core.endswith(rules.report_types) else None
                break
    if heading is None:
        return
    heading = compiled(r"^【[^】]{1,8}】").sub("", heading)  # 【数据发布】: the site's tag, not the title
    core = _core(heading)
    report = core.endswith(rules.report_types) or any(s.kind == "summary" for s in sections[:2] if s.title == heading)
    if report:
        doc.title, doc.plan_title = heading, None
        doc.doc_type = _doc_type_of(heading)
    else:
        doc.plan_title = heading


def extract_document(
    text: str, lines: list[Line], sections: list[Section], original: str | None = None
) -> tuple[Document, list[str]]:
    """The document fields, and a warning for each core field the text does not state.

    ``text`` is the simplified-script copy the rules read; strings are returned as
    ``original`` prints them.
    """
    original = text if original is None else original
    is_notice = bool(sections) and sections[0].kind == "notice"
    notice = [ln for ln in lines if is_notice and ln.start < sections[0].span[1]]
    if is_notice and len(sections) == 1:
        notice = lines[:40]
    meta = read_metadata(text, lines)
    doc = Document()
    title, after_title = _title_lines(notice)
    if title:
        compact = [compiled(r"\s+").sub("", ln.text) for ln in notice[:40]]
        again = [i for i in range(after_title, len(compact)) if compact[i] == title]
        if again:
            after_title = again[-1] + 1  # a page header, then the notice repeating its title above its body
    doc.title = title
    doc.doc_type = _doc_type_of(title)

    header = notice[:after_title] if title else notice[:6]
    for ln in header:
        m = compiled(r"^(?P<org>.{2,40}?)文件$").match(ln.text)
        if m and is_org(m.group("org")):
            doc.issuer = m.group("org")
            break
    for ln in notice[:12]:
        line = ln.text.strip("()（）")
        if DOC_NUMBER.fullmatch(line) or compiled(
            rf"^(?:{DOC_NUMBER.pattern})(?:[ \t]+签发人.*|[ \t·•|]+[^，。,]*)?$"
        ).match(line):
            doc.doc_number = normalise_doc_number(original[ln.start : ln.end])
            break
    if doc.doc_number is None and "doc_number" in meta:
        doc.doc_number = normalise_doc_number(original[slice(*meta["doc_number"])])

    doc.recipients = (
        _recipients(notice, after_title) if title else _recipients(notice or lines, 0, 15, after_title=False)
    )
    signer, date = _signature(notice)
    if date is None and not notice:
        signer, date = _signature(lines)  # a letter or plan with a signature but no header
    if date is None and "date" in meta:
        date = parse_any_date(text[slice(*meta["date"])])
    doc.date = as_date(date)
    if doc.issuer is None:
        doc.issuer = signer
    if doc.issuer is None and title:
        m = compiled(r"^(?P<org>.{2,40}?)(?:转发|关于)").match(title)  # XX转发YY关于…的通知: XX issues it
        if m and is_org(m.group("org")):
            doc.issuer = m.group("org")
    if doc.issuer is None and "issuer" in meta:
        name = text[slice(*meta["issuer"])]
        if 2 <= len(name) <= 40 and not PUNCT.search(name):
            doc.issuer = name  # the site's 发布机构 is the only place that names it

    attachments = _attachments(lines)
    doc.attachments = attachments if attachments or notice else None
    meta_title = text[slice(*meta["title"])] if "title" in meta else None
    if is_notice:
        plan = next((s for s in sections if s.kind not in ("notice", "summary") and s.title), None)
        doc.plan_title = plan.title if plan else None
        if doc.plan_title is None and doc.title and compiled("印发|下发|转发|发布").search(doc.title):
            # 关于印发2016年…工作总结和2017年…工作要点的通知: the plan is the one the title names
            rules = load_rules()
            for m in compiled(r"《(?P<t>[^《》]{4,60})》").finditer("\n".join(ln.text for ln in notice)):
                named = compiled(r"\s+").sub("", m.group("t"))
                core = _core(named)
                if named in doc.title and core.endswith(rules.plan_types) and not core.endswith(rules.report_types):
                    doc.plan_title = named
                    break
        if doc.plan_title is None:
            m = compiled(r"(?:印发|现将)《(?P<t>[^《》]{4,60})》").search("\n".join(ln.text for ln in notice))
            cited = compiled(r"\s+").sub("", m.group("t")) if m else None
            notice_like = cited and _core(cited).endswith(load_rules().notice_types)
            doc.plan_title = None if notice_like else cited  # 转发《…的通知》 carries no plan
        if doc.plan_title is None and doc.title:
            m = _plan_in_title().search(doc.title)  # 关于印发闵行区卫生改革与发展“十二五”规划的通知
            doc.plan_title = m.group("t") if m else None
        if doc.title is None and meta_title and _doc_type_of(meta_title):
            doc.title, doc.doc_type = meta_title, _doc_type_of(meta_title)
    else:
        _standalone(doc, sections, meta_title, lines)
    number_year = compiled(r"〔(\d{4})〕").search(doc.doc_number or "")
    doc.year = (
        _year_of(doc.plan_title, doc.title)
        or (doc.date.year if doc.date else None)
        or (int(number_year.group(1)) if number_year else None)
    )

    doc.issuer = as_printed(doc.issuer, text, original)
    doc.title = as_printed(doc.title, text, original)
    doc.plan_title = as_printed(doc.plan_title, text, original)
    if doc.recipients:
        doc.recipients = [as_printed(r, text, original) or r for r in doc.recipients]
    if doc.attachments:
        doc.attachments = [as_printed(a, text, original) or a for a in doc.attachments]

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
