"""A gold-free signal on real text: run the library over a folder of real documents and report
what looks wrong.

    python bench/corpus_signal.py                      # ../shared/corpus/real
    python bench/corpus_signal.py FOLDER --show 40     # more examples per check
    python bench/corpus_signal.py --json > signal.json # the figures, for comparing two trees

It prints
- how many targets, tasks and deadlines came out, and how many documents gave none;
- indicator names that fail a plausibility check (a bracket, a verb or digit at an edge, under
  two characters, punctuation inside, a horizon inside, an attribute word such as 预期性 …);
- the decisions on every number: how many were kept by each rule and dropped for each reason,
  and candidates that no named rule decided (there should be none).

Nothing here is gold: a flagged name may be right. It is a place to look, and a figure to
compare before and after a change.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
# the shared data stand beside the main checkout (/work/main -> /work/shared) or above a worktree (/work/wt/x)
_PLACES = (ROOT.parent / "shared" / "corpus" / "real", ROOT.parents[1] / "shared" / "corpus" / "real")
DEFAULT = next((p for p in _PLACES if p.is_dir()), _PLACES[0])

LEAD_VERBS = (
    "为",
    "其中",
    "共",
    "开展",
    "完成",
    "实现",
    "提高",
    "提升",
    "降低",
    "推进",
    "加强",
    "落实",
    "组织",
    "建立",
    "建成",
    "确保",
    "力争",
    "争取",
    "保持",
    "认真",
    "进一步",
    "做好",
    "达到",
    "控制",
    "比去年",
    "较上年",
    "比上年",
    "同比",
    "下降",
    "上升",
    "增长",
    "增加",
    "减少",
    # report adverbs, clause verbs and prepositions that open a clause, not a name (目前已完成…, 抢救了…, 对…进行)
    "已",
    "目前",
    "组织",
    "抢救",
    "要求",
    "全国",
    "全镇",
    "设",
    "对",
    "从",
    "向",
)
ATTRIBUTE_WORDS = ("预期性", "约束性", "统计口径", "属性", "类别", "指标性质")
CHECKS: dict[str, Any] = {
    "bracket": regex.compile(r"[（()）【】\[\]]"),
    "punctuation": regex.compile(r"[，,。；;：:！？、=×/]"),
    "digit-edge": regex.compile(r"\d$|^\d+(?:\.\d+)?(?![\d.]*(?:岁|周岁|个月|月龄|小时|天|[-—~～至]\d))"),
    "horizon": regex.compile(r"(?:到|至)\d{2,4}年"),
    "year-inside": regex.compile(r"\d{2,4}年|(?:19|20)\d?[*＊_xX]{1,3}年|[xX]{2,4}年"),
    # a verb whose object is the counted thing, inside a name that is no rate (对…进行母乳喂养知识培训)
    "verb-inside": regex.compile(r"^(?!.*(?:率|比例|覆盖面)$).+(?:进行|参加|举办|筛查出|派出|予以|得到)"),
    "verb-lead": regex.compile("^(?:" + "|".join(LEAD_VERBS) + ")"),
    "de-edge": regex.compile(r"^的|的$"),
    "attribute": regex.compile("^(?:" + "|".join(ATTRIBUTE_WORDS) + ")$"),
}


def implausible(name: str | None) -> list[str]:
    """The checks a name fails.

    >>> implausible("比去年同期下降")
    ['verb-lead']
    >>> implausible("孕产妇系统管理率")
    []
    """
    if not name:
        return ["empty"]
    bad = [k for k, p in CHECKS.items() if p.search(name)]
    if len(name) < 2:
        bad.append("short")
    if len(name) > 30:
        bad.append("long")
    return bad


def run(folder: Path) -> dict[str, Any]:
    from mch_extract.errors import ExtractError
    from mch_extract.explain import explain_notice

    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf", ".docx"))
    stats: collections.Counter[str] = collections.Counter()
    flagged: dict[str, list[str]] = collections.defaultdict(list)
    kept: collections.Counter[str] = collections.Counter()
    dropped: collections.Counter[str] = collections.Counter()
    dropped_examples: dict[str, list[str]] = collections.defaultdict(list)
    undecided: list[str] = []
    names: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    for path in files:
        stats["documents"] += 1
        try:
            record, rows = explain_notice(path)  # one extraction gives the record and its decisions
        except ExtractError:
            stats["errors"] += 1
            continue
        stats["targets"] += len(record.targets)
        stats["tasks"] += len(record.tasks)
        stats["deadlines"] += len(record.deadlines)
        if not record.targets:
            stats["documents without targets"] += 1
        for t in record.targets:
            names[t.indicator or ""] += 1
            kinds[t.kind] += 1
            for check in implausible(t.indicator):
                flagged[check].append(f"{path.stem}: {t.indicator} «{t.text[:40]}»")
        for d in rows:
            if d.kept:
                kept[d.rule] += 1
            elif d.rule:
                dropped[d.rule] += 1
                if len(dropped_examples[d.rule]) < 400:
                    dropped_examples[d.rule].append(f"{path.stem}: {d.context}")
            else:
                undecided.append(f"{path.stem}: {d.context}")
    stats["implausible names"] = sum(1 for n, c in names.items() for _ in range(c) if implausible(n))
    return {
        "stats": dict(stats),
        "kinds": dict(kinds),
        "flagged": {k: v for k, v in sorted(flagged.items())},
        "kept": dict(kept.most_common()),
        "dropped": dict(dropped.most_common()),
        "dropped_examples": dropped_examples,
        "undecided": undecided,
        "names": dict(names.most_common(40)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=8, help="examples to print per check")
    ap.add_argument("--drop", action="append", default=[], help="print every example of this drop reason")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not args.folder.is_dir():
        print(f"no folder {args.folder}", file=sys.stderr)
        return 2
    result = run(args.folder)
    if args.json:
        out = {k: v for k, v in result.items() if k != "dropped_examples"}
        out["flagged"] = {k: len(v) for k, v in result["flagged"].items()}
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    s = result["stats"]
    print(" ".join(f"{k}={v}" for k, v in s.items()))
    print("kinds:", result["kinds"])
    print("kept by rule:", result["kept"])
    print("dropped by reason:", result["dropped"])
    print(f"undecided candidates: {len(result['undecided'])}")
    for line in result["undecided"][: args.show]:
        print("   ", line)
    for check, lines in result["flagged"].items():
        print(f"\n{check}: {len(lines)}")
        for line in lines[: args.show]:
            print("   ", line)
    for reason in args.drop:
        print(f"\ndropped as {reason}:")
        for line in result["dropped_examples"].get(reason, []):
            print("   ", line)
    print("\nmost frequent names:", "、".join(f"{n}({c})" for n, c in list(result["names"].items())[:25]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
