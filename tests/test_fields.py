"""Document fields from real headers; null where the text does not say."""

from __future__ import annotations

import datetime as dt

import pytest

from mch_extract import extract
from mch_extract.fields import is_org, normalise_doc_number, parse_date


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2022年4月13日", "2022-04-13"),
        ("二〇二二年四月十三日", "2022-04-13"),
        ("二○一九年五月十五日", "2019-05-15"),
        ("二零二五年三月二十四日", "2025-03-24"),
        ("2022年2月30日", None),
    ],
)
def test_dates(raw: str, iso: str | None) -> None:
    assert parse_date(raw) == iso


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("西卫健妇幼〔2022〕1 号", "西卫健妇幼〔2022〕1号"),
        ("长卫健发[2024]25号", "长卫健发〔2024〕25号"),
        ("舟卫发（2019）35号", "舟卫发〔2019〕35号"),
        ("京卫妇幼【2022】3号", "京卫妇幼〔2022〕3号"),
        ("国卫妇幼发(2021)33号", "国卫妇幼发〔2021〕33号"),
        ("某卫发〔2020〕第7号", "某卫发〔2020〕7号"),
    ],
)
def test_doc_number_brackets(raw: str, expected: str) -> None:
    assert normalise_doc_number(raw) == expected


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("北京市西城区卫生健康委员会", True),
        ("武义县卫生局", True),
        ("各有关医疗机构", False),
        ("2025年3月24日", False),
        ("请认真组织开展相关工作。", False),
    ],
)
def test_is_org(name: str, ok: bool) -> None:
    assert is_org(name) is ok


HEADER = """舟山市卫生健康委员会文件
舟卫发〔2019〕35号
舟山市卫生健康委员会
关于印发2019年全市妇幼健康工作要点的通知
各县（区）卫生健康局，委直属有关单位：
现将《2019年全市妇幼健康工作要点》印发给你们，请结合实际，认真贯彻落实。
附件：1.2019年全市妇幼健康工作要点
2.2019年全市妇幼健康工作核心指标
舟山市卫生健康委员会
二〇一九年五月十五日
（此件主动公开）
（联系人：王芳，电话：0580-2280000）
舟山市卫生健康委员会办公室 2019年5月16日印发
"""


def test_a_full_header() -> None:
    doc = extract(HEADER.encode("utf-8")).document
    assert doc.issuer == "舟山市卫生健康委员会"
    assert doc.doc_number == "舟卫发〔2019〕35号"
    assert doc.title == "舟山市卫生健康委员会关于印发2019年全市妇幼健康工作要点的通知"
    assert doc.doc_type == "通知"
    assert doc.recipients == ["各县（区）卫生健康局", "委直属有关单位"]
    assert doc.date == dt.date(2019, 5, 15)
    assert doc.attachments == ["2019年全市妇幼健康工作要点", "2019年全市妇幼健康工作核心指标"]
    assert doc.year == 2019
    assert doc.disclosure == "主动公开"
    assert (doc.printed_by, doc.printed_date) == ("舟山市卫生健康委员会办公室", dt.date(2019, 5, 16))
    assert [(c.name, c.phone) for c in doc.contacts] == [("王芳", "0580-2280000")]


def test_web_excerpt_states_nothing() -> None:
    doc = extract("发布时间:2021-06-07\n4.6扎实做好妇幼保健工作。产前筛查率达到90%。".encode()).document
    assert (doc.issuer, doc.doc_number, doc.title, doc.date, doc.recipients) == (None, None, None, None, None)


def test_posting_date_of_a_web_page_is_not_the_date() -> None:
    doc = extract("行业资讯 | 2023-10-19\n上海市0~6岁儿童孤独症筛查干预工作方案(试行)\n一、工作目标".encode()).document
    assert doc.date is None
    assert doc.plan_title == "上海市0~6岁儿童孤独症筛查干预工作方案(试行)"
