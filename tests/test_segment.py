"""Sections and numbered items, from real layouts."""

from __future__ import annotations

import pytest

from mch_extract.normalise import normalise
from mch_extract.segment import segment


def ids(raw: str) -> list[str]:
    return [t.id for t in segment(normalise(raw).text).tasks]


CASES = [
    pytest.param(
        "一、加强服务\n1. 推进规划。\n2. 促进发展。\n二、坚守底线\n3. 筑牢体系。",
        ["1", "1.1", "1.2", "2", "2.3"],
        id="001-numbering-runs-on-across-sections",
    ),
    pytest.param(
        "一、强化能力\n（一）提升能力。\n(二)做实服务。\n二、推进改革\n(三)推进联办。",
        ["1", "1.1", "1.2", "2", "2.3"],
        id="002-ascii-and-fullwidth-brackets",
    ),
    pytest.param(
        "一、项目目标\n（一）检查范围\n1.宫颈癌检查:新宅镇。\n2.乳腺癌检查:壶山街道。\n（二）检查对象\n1.宫颈癌检查:35至64周岁。",
        ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1"],
        id="web15-three-levels",
    ),
    pytest.param(
        "一、工作目标\n1. 提高筛查率。\n（1）城区。\n（2）农村。\n① 宣传。",
        ["1", "1.1", "1.1.1", "1.1.2", "1.1.2.1"],
        id="five-levels",
    ),
    pytest.param("1.深入学习贯彻。\n2.深入开展联学。\n10.深入实施。", ["1", "2", "10"], id="003-arabic-only"),
    pytest.param(
        "(二)做好项目。\n(三)开展服务。\n七、建立机制\n(一)建立保障机制。",
        ["2", "3", "7", "7.1"],
        id="web24-starts-mid-list",
    ),
    pytest.param(
        "XX镇2020年方案为进一步规范。 一、年度目标1、孕前检查覆盖率达到90%以上。 2、知晓率达90%以上。 二、服务原则",
        ["1", "1.1", "1.2", "2"],
        id="web16-one-line-page",
    ),
    pytest.param(
        "4.6扎实做好妇幼保健工作。进一步健全。\n4.7继续做好无偿献血工作。", ["4.6", "4.7"], id="web04-decimal-ids"
    ),
    pytest.param(
        "**（七）加大儿童早期发展工作。**抓好基地建设。\n#### **四、增强保障能力**",
        ["7", "4"],
        id="002-bold-and-heading-markers",
    ),
    pytest.param(
        "类别\t内容\t2019年度目标\n区域妇幼健康评价指标\t1. 孕产妇死亡率\t不发生\n\t2. 婴儿死亡率\t< 4.5‰",
        [],
        id="002-table-rows-are-not-tasks",
    ),
    pytest.param(
        "序号\t指标\t目标值\n2\t早孕建册率\t≥95%\n3\t孕产妇系统管理率\t≥95%",
        ["2", "3"],
        id="pdf-serial-column-rows-are-items",
    ),
    pytest.param("分别为1、2、3家机构。\n做好一、二类工作。", [], id="numbers-in-a-list-are-not-markers"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_task_ids(raw: str, expected: list[str]) -> None:
    assert ids(raw) == expected


def test_heading_and_text() -> None:
    tasks = segment(
        normalise("一、加强妇幼健康服务能级建设\n1. 推进落实各项妇幼健康工作规划。全面实施本区规划。").text
    ).tasks
    assert tasks[0].heading == "加强妇幼健康服务能级建设" and tasks[0].text == "加强妇幼健康服务能级建设"
    assert tasks[1].heading == "推进落实各项妇幼健康工作规划"
    assert tasks[1].text == "推进落实各项妇幼健康工作规划。全面实施本区规划。"
    assert tasks[1].parent == "1" and tasks[1].level == 2 and tasks[1].marker == "1."


def test_sections_of_a_notice_with_plan_and_indicator_annex(samples_dir) -> None:  # type: ignore[no-untyped-def]
    text = normalise((samples_dir / "001_c0e798cd467e829b.txt").read_text("utf-8")).text
    sections = segment(text).sections
    assert [(s.kind, s.title) for s in sections] == [
        ("notice", None),
        ("plan", "2024年长宁区妇幼健康工作计划"),
        ("indicators", "2024年长宁区妇幼健康工作核心指标"),
    ]


def test_a_summary_is_a_summary(samples_dir) -> None:  # type: ignore[no-untyped-def]
    text = normalise((samples_dir / "004_5015f21f524b8c6b.txt").read_text("utf-8")).text
    assert segment(text).sections[0].kind == "summary"
