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
    # damaged and run-in markers (SPEC: tasks), by where they were seen
    pytest.param(
        "一、主要成绩（一）妇女保健。全年住院分娩率达100%。（1）系统管理率达95%。（2）2020年建册率达90%。（二）儿童保健。",
        ["1", "1.1", "1.1.1", "1.1.2", "1.2"],
        id="spec-markers-run-into-the-previous-sentence",
    ),
    pytest.param("一、工作目标\n1。系统管理率达到95%。\n2。建册率达到90%。", ["1", "1.1", "1.2"], id="spec-1。"),
    pytest.param("一、工作目标\n(-)系统管理率达到95%。\n(二)建册率达到90%。", ["1", "1.1", "1.2"], id="spec-(-)"),
    pytest.param(
        "三、目标\n㈠总目标。\n提高健康水平。\n㈡工作指标。", ["3", "3.1", "3.2"], id="corpus-029-enclosed-chinese"
    ),
    pytest.param(
        "一、报表时间\n⑴每年3月10日前上报。\n⑵每年6月10日前上报。", ["1", "1.1", "1.2"], id="corpus-119-enclosed-arabic"
    ),
    pytest.param(
        "(一)人员配备\n1、临床医师:从事遗传咨询。\n2.、实验室:技术人员1名。", ["1", "1.1", "1.2"], id="corpus-197-2.、"
    ),
    pytest.param(
        "1.以乡镇为单位接种率≥90%\n2.7岁以下儿童健康服务率≥90%\n3.0-6岁儿童眼保健覆盖率≥90%\n"
        "6.高血压患者管理人数142万人\n7.2型糖尿病患者管理人数63万人",
        ["1", "2", "3", "6", "7"],
        id="dev2-web28-a-marker-before-digits",
    ),
    pytest.param(
        "一、工作目标\n1.2025年全年完成筛查1000人。\n2.2025年底前建成中心。",
        ["1", "1.1", "1.2"],
        id="spec-1.2025年",
    ),
    pytest.param(
        "1、健康儿童行动计划(2018-2020年)儿童健康是全民健康的基础。一、基本原则坚持儿童优先,全面发展。"
        "二、主要目标到2020年,儿童健康水平得到提高。",
        ["1", "2"],
        id="dev2-web07-a-library-chunk-number-is-no-item",
    ),
    pytest.param(
        "现将有关事项通知如下。\n附件：1.评估流程及主要指标；2.国家级评估申请材料\n3.其他材料",
        [],
        id="dev2-web13-an-attachment-list-is-no-list-of-items",
    ),
    pytest.param(
        "目录\n一、托幼机构……………1\n二、妇幼保健机构……………3\n三、相关机构……………4",
        [],
        id="corpus-055-table-of-contents",
    ),
    pytest.param(
        "摘要:国家基本公共卫生服务政策宣传,\n1.哪些人可以享受服务?\n辖区内常住的孕产妇。\n2.可以享受哪些服务?",
        ["1", "2"],
        id="corpus-098-a-short-item-after-a-comma",
    ),
    pytest.param(
        "1. 1、下载文档前请自行甄别文档内容的完整性\n2. 2、“仅部分预览”的文档,不可在线预览部分\n"
        "3. 3、如文档侵犯您的权益,请联系客服反馈\n一、入库登记制度\n《出生医学证明》由专人管理。",
        ["1"],
        id="corpus-079-a-document-site's-notices-are-no-items",
    ),
    pytest.param(
        "工作。特制订本方案。Р一、项目目标Р(一)总目标到201X年,知晓率达到90%。Р(二)年度目标201X年,知晓率达到80%。",
        ["1", "1.1", "1.2"],
        id="dev2-web17-a-cyrillic-Р-for-each-paragraph-break",
    ),
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
