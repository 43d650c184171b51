"""HTML: a government page gives its notice, not its navigation, sidebar or related articles."""

from __future__ import annotations

import datetime as dt
import time

import pytest

import notice
from mch_extract import extract
from mch_extract.load.html import load_html


def government_page(*, charset: str = "utf-8", metadata: bool = True, doc_number_in_body: bool = False) -> bytes:
    """The shared notice as a government site publishes it: navigation, breadcrumb, metadata
    table, the notice, sharing links, related articles and a "最新文件" sidebar."""
    sidebar = "".join(f'<li><a href="/{k}.html">关于印发{2020 + k}年妇幼健康工作要点的通知</a></li>' for k in range(5))
    related = "".join(f'<li><a href="/r{k}.html">2023年全区孕产妇系统管理率达到9{k}%</a></li>' for k in range(4))
    meta = (
        '<table class="xxgk-table"><tr><td>索引号：</td><td>000014348/2024-00025</td>'
        "<td>主题分类：</td><td>卫生、体育</td></tr>"
        f"<tr><td>发布机构：</td><td>{notice.SIGNATURE[0]}</td><td>成文日期：</td><td>2024-03-13</td></tr>"
        f'<tr><td>文号：</td><td colspan="3">{notice.DOC_NUMBER}</td></tr>'
        "<tr><td>发布日期：</td><td>2024-03-20</td><td>有效性：</td><td>有效</td></tr></table>"
        if metadata
        else ""
    )
    body = [f"<p>{line}</p>" for line in notice.OPENING]
    body += [f'<p style="text-align:right">{line}</p>' for line in notice.SIGNATURE]
    body += [f"<p>{line}</p>" for line in notice.PLAN]
    n = 0
    for k, (heading, items) in enumerate(notice.SECTIONS):
        body.append(f"<p><strong>{notice.CHINESE[k]}、{heading}</strong></p>")
        for item in items:
            n += 1
            body.append(f"<p>{n}.{item.replace('≥', '&ge;')}</p>")
    table = ['<table border="1">', "<tr>" + "".join(f"<th>{c}</th>" for c in notice.TABLE[0]) + "</tr>"]
    groups: dict[str, int] = {}
    for row in notice.TABLE[1:]:
        groups[row[0]] = groups.get(row[0], 0) + 1
    seen: set[str] = set()
    for row in notice.TABLE[1:]:
        first = "" if row[0] in seen else f'<td rowspan="{groups[row[0]]}">{row[0]}</td>'
        seen.add(row[0])
        value = row[2].replace("≥", "&ge;").replace("≤", "&le;").replace("‰", "&permil;")
        table.append(f"<tr>{first}<td>{row[1]}</td><td>{value}</td></tr>")
    table.append("</table>")
    number = f"<p>{notice.DOC_NUMBER}</p>" if doc_number_in_body else ""
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{notice.TITLE}_通知公告_上海市长宁区人民政府</title>
<meta name="ArticleTitle" content="{notice.TITLE}">
<meta name="PubDate" content="2024-03-20 10:15">
<meta name="ContentSource" content="{notice.SIGNATURE[0]}">
<style>.nav {{ color: red }}</style><script>var x = "一、假的标题";</script></head>
<body>
<div class="header"><div class="logo">上海市长宁区人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li>
<li><a href="/bs">办事服务</a></li></ul></div>
<div class="main">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; 通知公告</div>
<div class="sidebar"><h3>最新文件</h3><ul>{sidebar}</ul></div>
<div class="article">{meta}
<h1>{notice.TITLE}</h1>
<div class="info">发布时间：2024-03-20 来源：区卫生健康委 浏览次数：<span>1024</span></div>
<div class="TRS_Editor">{"".join(notice.HEADER and [])}{number}{"".join(body)}{"".join(table)}</div>
<div class="bdshare">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>
<div class="pages">上一篇：<a href="/p.html">关于开展母婴安全专项检查的通知</a></div>
<div class="xgwz"><h3>相关文章</h3><ul>{related}</ul></div>
</div></div>
<div class="footer">主办：上海市长宁区人民政府 版权所有 ICP备案号</div>
</body></html>"""
    return page.encode(charset)


METADATA = [
    "索引号：000014348/2024-00025",
    "主题分类：卫生、体育",
    f"发布机构：{notice.SIGNATURE[0]}",
    "成文日期：2024-03-13",
    f"文号：{notice.DOC_NUMBER}",
    "发布日期：2024-03-20",
    "有效性：有效",
]


def _plain_web_copy() -> bytes:
    """What the page says, as plain text: its metadata block, then the notice without the
    printed header (a web copy starts at the title)."""
    return "\n".join([*METADATA, *notice.lines()[2:]]).encode()


def test_government_page_gives_the_record_of_the_plain_text() -> None:
    expected = notice.summary(extract(_plain_web_copy()))
    for charset in ("utf-8", "gbk", "gb2312"):
        assert notice.summary(extract(government_page(charset=charset))) == expected, charset


def test_furniture_is_dropped_and_metadata_kept_as_lines() -> None:
    raw = load_html(government_page()).raw
    for furniture in ("首页", "最新文件", "相关文章", "分享到", "上一篇", "版权所有", "假的标题", "9" + "3%"):
        assert furniture not in raw, furniture
    assert f"发布机构：{notice.SIGNATURE[0]}" in raw.splitlines()
    assert f"文号：{notice.DOC_NUMBER}" in raw.splitlines()
    assert "成文日期：2024-03-13" in raw.splitlines() and "发布日期：2024-03-20" in raw.splitlines()
    assert raw.count(notice.TITLE) == 1
    assert "浏览次数" not in raw
    assert "妇女\t产后访视率\t≥98%" in raw  # rowspan carried down


def test_metadata_block_names_the_document_number() -> None:
    record = extract(government_page())
    assert record.document.title == notice.TITLE
    assert record.document.doc_number == notice.DOC_NUMBER
    assert record.document.date == dt.date(2024, 3, 13)  # never the page's 发布日期


def test_a_pages_publication_date_is_never_the_date_of_the_notice() -> None:
    page = (
        '<html><head><meta name="PubDate" content="2024-03-20"></head><body><table class="xxgk">'
        "<tr><td>索引号：</td><td>0001/2024-1</td><td>发布机构：</td><td>某市卫生健康委员会</td></tr>"
        "<tr><td>发布日期：</td><td>2024-03-20</td><td>文号：</td><td>某卫发〔2024〕3号</td></tr></table>"
        "<h1>关于印发2024年妇幼健康工作要点的通知</h1><p>各区卫生健康委：</p><p>一、产前筛查率达到90%。</p></body></html>"
    )
    doc = extract(page.encode()).document
    assert (doc.issuer, doc.doc_number, doc.date) == ("某市卫生健康委员会", "某卫发〔2024〕3号", None)


def test_title_from_meta_tags_when_the_body_has_none() -> None:
    page = (
        '<html><head><meta name="ArticleTitle" content="关于印发2024年妇幼健康工作要点的通知">'
        "<title>x</title></head><body><p>各单位：</p><p>产前筛查率达到90%。</p></body></html>"
    )
    raw = load_html(page.encode()).raw
    assert raw.splitlines()[0] == "关于印发2024年妇幼健康工作要点的通知"


@pytest.mark.parametrize(
    "hostile",
    [
        b"<html><body><p>a</p>" + b"<?x" * 50_000,
        b"<html><body><p>a</p>" + b"<!x" * 50_000,
        b"<html><body><p>a</p><!--" + b"x" * 200_000,
        b"<html><body><p>a</p><![CDATA[" + b"x" * 200_000,
        b"<html><body><table><tr>" + b"<td>1" * 20_000,
        b"<html><body>" + b"<div>" * 20_000 + b"<p>a</p>",
    ],
)
def test_parser_is_linear_on_what_makes_the_standard_library_quadratic(hostile: bytes) -> None:
    # CPU time of this process, not wall time: on a loaded machine the 20,000 <div>s took 7-11 s
    # of wall time for 1.5-2.3 s of CPU, and the test failed for the machine's sake
    start = time.process_time()
    try:
        load_html(hostile)
    except Exception as exc:  # empty is a fine answer; a hang is not
        assert getattr(exc, "type", None) == "empty"
    assert time.process_time() - start < 5


def _html_cpu_s(data: bytes) -> float:
    start = time.process_time()
    load_html(data)
    return time.process_time() - start


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="lexbor checks the stack of open elements for every start tag")
def test_unclosed_nesting_depth_is_linear() -> None:
    """Known miss (bug, issue 14): lexbor's tree builder is superlinear in the depth of unclosed
    elements — 5,000 / 10,000 / 20,000 / 40,000 nested <div>s took 0.08 / 0.25 / 0.9 / 2.5 s of
    CPU (0.27 / 1.4 / 6.2 s for the last three on a slower day). No real page nests that deep, and
    the per-file timeout bounds a hostile one; a browser caps the depth (Chrome at 512) where this
    parser does not.

    Eight times the depth is compared, best of two each: linear gives 8, what lexbor does gives
    28-32 here. A 2x step (20k against 10k) was too close to call and once passed on a quiet CI
    machine, which a strict xfail reports as a failure."""
    page = lambda n: b"<html><body>" + b"<div>" * n + b"<p>a</p>"  # noqa: E731
    small = min(_html_cpu_s(page(5_000)) for _ in range(2))
    large = min(_html_cpu_s(page(40_000)) for _ in range(2))
    assert large < 12 * small  # linear gives 8
