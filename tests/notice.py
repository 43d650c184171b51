"""One short notice in every format the loaders read, and the record fields the tests compare.

``LINES`` is the notice as plain text; the format tests build the same notice as DOCX, HTML,
OFD and page images and expect the same targets, tasks and document fields from each.
"""

from __future__ import annotations

from typing import Any

HEADER = ["上海市长宁区卫生健康委员会文件"]
DOC_NUMBER = "长卫健发〔2024〕25号"
TITLE = "关于印发2024年长宁区妇幼健康工作计划的通知"
OPENING = [
    "区内各相关医疗卫生健康单位：",
    "根据《关于印发2024年上海市妇幼健康工作要点的通知》要求，区卫生健康委制定了《2024年长宁区妇幼健康工作计划》。"
    "现印发给你们，请认真贯彻执行。",
    "附件：2024年长宁区妇幼健康工作计划",
]
SIGNATURE = ["上海市长宁区卫生健康委员会", "2024年3月13日"]
PLAN = ["附件", "2024年长宁区妇幼健康工作计划"]
# (section heading, [items]); items are numbered 1. 2. … on through the sections
SECTIONS = [
    (
        "加强妇幼健康服务能级建设",
        [
            "推进落实各项妇幼健康工作规划。全面实施本区妇女儿童发展规划，孕产妇系统管理率达到95%以上。",
            "强化高风险孕产妇管理。高危孕产妇专案管理率达到100%，2024年6月底前完成培训。",
        ],
    ),
    (
        "提升妇幼健康全程服务水平",
        ["加强出生缺陷综合防治。新生儿遗传代谢病筛查率≥98%。", "促进儿童早期发展。3岁以下儿童系统管理率≥90%。"],
    ),
    ("核心指标", []),
]
TABLE = [
    ["类别", "指标", "目标值"],
    ["妇女", "早孕建册率", "≥95%"],
    ["妇女", "产后访视率", "≥98%"],
    ["儿童", "婴儿死亡率", "≤5‰"],
]
CHINESE = "一二三四五六七八九十"


def lines() -> list[str]:
    """The notice as plain text lines."""
    out = [*HEADER, DOC_NUMBER, TITLE, *OPENING, *SIGNATURE, *PLAN]
    n = 0
    for k, (heading, items) in enumerate(SECTIONS):
        out.append(f"{CHINESE[k]}、{heading}")
        for item in items:
            n += 1
            out.append(f"{n}.{item}")
    out.extend("\t".join(row) for row in TABLE)
    return out


def text() -> str:
    return "\n".join(lines()) + "\n"


def summary(notice: Any) -> dict[str, Any]:
    """What must not depend on the format: targets, tasks and document fields."""
    doc = notice.document
    return {
        "targets": [(t.indicator, t.comparator, t.value, t.unit, t.task_id, t.deadline) for t in notice.targets],
        "tasks": [(t.id, t.heading) for t in notice.tasks],
        "fields": (doc.issuer, doc.doc_number, doc.title, doc.date, doc.recipients, doc.plan_title, doc.year),
    }
