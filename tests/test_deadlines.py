"""Deadlines from real phrases, and phrases that are not deadlines.

Each case names where the phrase was seen: ``dev`` (samples/), ``dev2`` (samples/dev2),
``corpus NNN`` (corpus/real/NNN.txt), ``spec`` (an example SPEC.md gives) or ``bug``.
"""

from __future__ import annotations

import pytest

from mch_extract.deadlines import find_deadlines

CASES = [
    ("dev 002", "6月底前每个县(区)至少有1家", [("2019-06-30", "6月底前")]),
    ("dev 002", "年底前所有助产机构全面推广", [("2019-12-31", "年底前")]),
    ("dev 000", "于2022年11月1日前经OA报送", [("2022-11-01", "2022年11月1日前")]),
    ("dev 003", "到2025年11月底设有妇产科的二级以上医疗机构", [("2025-11-30", "到2025年11月底")]),
    ("dev 003", "在2025年11月底前建成生育友好医院", [("2025-11-30", "2025年11月底前")]),
    ("dev web_02", "到2025年底,实现以下目标", [("2025-12-31", "到2025年底")]),
    ("dev2 web_01", "力争到2025年，全市", [("2025-12-31", "到2025年")]),
    ("spec", "上半年前完成自查", [("2019-06-30", "上半年前")]),
    ("spec", "上半年完成自查", [("2019-06-30", "上半年")]),
    ("spec", "三季度末前完成验收", [("2019-09-30", "三季度末前")]),
    ("spec", "截止日期为2024年6月30日", [("2024-06-30", "截止日期为2024年6月30日")]),
    ("spec", "到2025年早孕建册率力争达95%", [("2025-12-31", "到2025年")]),
    ("spec", "各单位于2023 年底完成建档", [("2023-12-31", "2023 年底")]),
    ("bug", "确保2025年底全市早孕建册率达到95%", [("2025-12-31", "2025年底")]),
    ("bug", "于11月底完成", [("2019-11-30", "11月底")]),
    ("dev", "2月底前报送", [("2019-02-28", "2月底前")]),
    ("dev", "3月中旬前完成", [("2019-03-20", "3月中旬前")]),
]
# (where, plan year, text, expected): dates of older plans
OLDER_PLANS = [
    ("dev web_15", 2014, "2014年9月底之前,全县完成", [("2014-09-30", "2014年9月底之前")]),
    ("dev2 web_25", 2014, "请于2014年10月上旬前分别报送", [("2014-10-10", "2014年10月上旬前")]),
    ("corpus 002", 2012, "(五)到2015年,全县孕产妇死亡率控制在", [("2015-12-31", "到2015年")]),
    ("corpus 145", 2005, "并于2005年2月底前召開全省項目啟動會", [("2005-02-28", "2005年2月底前")]),
    ("corpus 074", 2016, "至2015年底,全市各类从业人员", []),  # a plan's review of the past
]
NOT_DEADLINES = [
    ("spec", "2021年3月24日18时，全市关停旧系统"),
    ("spec", "公示期间为2024年5月1日至5月7日"),
    ("dev", "83项提前达到2015年规划目标"),
    ("dev", "截至2021年底，全市"),
    ("dev", "2024年,上海市初筛率"),
    ("dev", "2025年起,上海市"),
    ("dev", "2021年至2025年，"),
    ("dev", "每季度对设施进行检查"),
    ("dev", "发布时间:2021-06-07"),
    ("dev", "2022年4月13日"),
    ("corpus 112", "公開征求意見時間:2023年2月21日起至2023年3月21日止。"),
    ("corpus 192", "2005年8月1日前出生的新生儿有关出生"),
    ("corpus 091", "自2005年到2010年,36个项目县的孕产妇死亡率"),
    ("corpus 179", "调查数据截止到2010年11月30日。"),
    ("corpus 160", "公示时间为2019年12月4日---12月11日,如有异议"),
    ("corpus 033", "上半年产科门诊共接诊180人"),
    ("corpus 034", "现将2008年上半年工作总结如下"),
    ("bug", "于3月上旬召开推进会"),
]
IN_SUMMARIES = [
    ("corpus 074", "至2015年底,全市各类从业人员"),
    ("corpus 033", "上半年完成筛查1200人"),
]


@pytest.mark.parametrize(("where", "text", "expected"), CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_deadline(where: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.date.isoformat(), h.text) for h in find_deadlines(text, 2019)] == expected


@pytest.mark.parametrize(("where", "year", "text", "expected"), OLDER_PLANS, ids=[c[0] for c in OLDER_PLANS])
def test_deadline_of_an_older_plan(where: str, year: int, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.date.isoformat(), h.text) for h in find_deadlines(text, year)] == expected


@pytest.mark.parametrize(("where", "text"), NOT_DEADLINES, ids=[f"{c[0]}: {c[1]}" for c in NOT_DEADLINES])
def test_not_a_deadline(where: str, text: str) -> None:
    assert find_deadlines(text, 2019) == []


@pytest.mark.parametrize(("where", "text"), IN_SUMMARIES, ids=[f"{c[0]}: {c[1]}" for c in IN_SUMMARIES])
def test_a_summary_reports_periods(where: str, text: str) -> None:
    assert find_deadlines(text, 2015, summary=True) == []


def test_a_report_stretch_of_a_plan() -> None:
    text = "一、2023年工作完成情况\n上半年完成筛查1200人。\n二、2024年工作计划\n上半年完成自查。"
    in_report = text.index("二")
    hits = find_deadlines(text, 2024, lambda pos: pos < in_report)
    assert [h.start > in_report for h in hits] == [True]


def test_no_year_known_means_no_guess() -> None:
    assert find_deadlines("6月底前完成", None) == []
