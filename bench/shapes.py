"""Inputs of several shapes, each a notice whose body is repeated to reach a size.

Used by ``bench/run.py`` to time the pipeline on 1x, 4x and 16x the same shape: a step
that is quadratic in its input shows up as a ratio well over 4 between 4x and 1x.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEAD = "XX市卫生健康委员会文件\n\nXX卫发〔2024〕3号\n\n关于印发2024年妇幼健康工作要点的通知\n\n各区卫生健康委：\n\n"

BLOCKS = {
    # a real notice body (001), as it is
    "plain": None,
    # formulas as OCR and Markdown converters leave them: $…$ spans and loose commands
    "math": (
        "1. 早孕建册率 $\\geq 95\\%$ ，孕产妇系统管理率\\geq 90\\%，剖宫产率 $\\leq 35\\%$ 。\n"
        "2. 住院分娩率达到 $\\mathrm{99}\\%$ 以上，新生儿访视率\\ge 95\\%，婴儿死亡率 $<5‰$ 。\n"
        "3. 孕产妇死亡率控制在 $10/10$ 万以下，产前筛查率 \\geq 85\\% ，唐氏筛查率$\\geqslant 90\\%$。\n"
    ),
    # many short numbered items at every level
    "markers": (
        "一、加强妇幼健康服务体系建设\n（一）完善服务网络。\n1. 推进妇幼保健机构标准化建设。\n"
        "（1）落实等级评审。\n①开展自查。\n②组织复核。\n2. 加强人才队伍建设。\n（二）提升服务能力。\n"
    ),
    # ruled tables as tab-separated rows
    "table": (
        "序号\t指标\t目标值\n1\t早孕建册率\t≥95%\n2\t孕产妇系统管理率\t≥95%\n3\t剖宫产率\t≤35%\n"
        "4\t住院分娩率\t≥99%\n5\t新生儿遗传代谢性疾病筛查率\t≥99%\n6\t婴儿死亡率\t<5‰\n"
    ),
    # cited titles and document numbers, one after another
    "citations": (
        "根据《关于印发母婴安全行动提升计划（2021-2025年）的通知》（国卫妇幼发〔2021〕16号）、"
        "《健康儿童行动提升计划（2021-2025年）》（国卫妇幼发〔2021〕33号）和"
        "《关于做好2024年妇幼健康工作的通知》（国卫办妇幼函〔2024〕12号）要求，制定本方案。\n"
    ),
    # deadlines, one after another
    "deadlines": (
        "2024年3月底前完成摸底，6月30日前完成培训，2024年9月底前完成督导，"
        "年底前完成评估，12月31日前报送总结，2025年6月底前全面完成。\n"
    ),
}


def body(shape: str) -> str:
    block = BLOCKS[shape]
    if block is None:
        text = (ROOT / "samples" / "001_c0e798cd467e829b.txt").read_text("utf-8")
        return text[text.index("一、") :]
    return block


def make(shape: str, size: int) -> bytes:
    """A notice of ``shape`` of about ``size`` bytes of UTF-8 (the body repeated whole)."""
    block = body(shape).encode()
    head = HEAD.encode()
    copies = max(1, round((size - len(head)) / len(block)))
    return head + block * copies
