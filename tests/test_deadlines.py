"""Deadlines from real phrases, and phrases that are not deadlines."""

from __future__ import annotations

import pytest

from mch_extract.deadlines import find_deadlines

CASES = [
    ("6月底前每个县(区)至少有1家", [("2019-06-30", "6月底前")]),
    ("年底前所有助产机构全面推广", [("2019-12-31", "年底前")]),
    ("于2022年11月1日前经OA报送", [("2022-11-01", "2022年11月1日前")]),
    ("到2025年11月底设有妇产科的二级以上医疗机构", [("2025-11-30", "到2025年11月底")]),
    ("在2025年11月底前建成生育友好医院", [("2025-11-30", "2025年11月底前")]),
    ("2014年9月底之前,全县完成", [("2014-09-30", "2014年9月底之前")]),
    ("到2025年底,实现以下目标", [("2025-12-31", "到2025年底")]),
    ("力争到2025年，全市", [("2025-12-31", "到2025年")]),
    ("上半年完成自查", []),
    ("上半年前完成自查", [("2019-06-30", "上半年前")]),
    ("2月底前报送", [("2019-02-28", "2月底前")]),
    ("3月中旬前完成", [("2019-03-20", "3月中旬前")]),
]
NOT_DEADLINES = [
    "2021年3月24日18时，全市关停旧系统",
    "83项提前达到2015年规划目标",
    "截至2021年底，全市",
    "2024年,上海市初筛率",
    "2025年起,上海市",
    "2021年至2025年，",
    "每季度对设施进行检查",
    "发布时间:2021-06-07",
    "2022年4月13日",
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_deadline(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(h.date, h.text) for h in find_deadlines(text, 2019)] == expected


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_not_a_deadline(text: str) -> None:
    assert find_deadlines(text, 2019) == []


def test_no_year_known_means_no_guess() -> None:
    assert find_deadlines("6月底前完成", None) == []
