"""Stage 4: a name that lists several indicators -> one name per value (分别, 均, shared heads)."""

from __future__ import annotations

from ..compiled import lazy
from ..rules import RuleSet, load_rules
from .model import CONJUNCTION
from .names import is_rate, name_patterns

FIRST_CONJUNCTS = lazy(r"(?P<a>[\p{Han}A-Za-z]{2,6})(?:和|、|及)(?P<b>[\p{Han}A-Za-z]{2,6})")


def _head_of(last: str, rules: RuleSet) -> str | None:
    """The shared head of the last list member: 婴儿死亡率 -> 死亡率 (after a qualifier)."""
    for q in name_patterns().qualifiers:
        if last.startswith(q) and len(last) > len(q) + 1:
            return last[len(q) :]
    return None


def distribute(name: str, count: int, quantified: bool) -> list[str]:
    """Names for ``count`` values from a name that may list several indicators.

    >>> distribute("孕产妇和婴儿死亡率", 2, True)
    ['孕产妇死亡率', '婴儿死亡率']
    >>> distribute("艾滋病、梅毒、乙肝检测率", 1, False)
    ['艾滋病检测率', '梅毒检测率', '乙肝检测率']
    >>> distribute("票据、管理手册提供及时率", 1, False)
    ['票据、管理手册提供及时率']
    >>> distribute("乙脑、流脑接种率", 1, False)
    ['乙脑接种率', '流脑接种率']
    """
    rules = load_rules()
    # (CONJUNCTION is these four words: a name holding none is one part, without running the split)
    listed = "、" in name or "和" in name or "及" in name or "与" in name
    parts = [p for p in CONJUNCTION.split(name) if p] if listed else [name]
    if len(parts) < 2:
        return [name] * max(count, 1) if count > 1 else [name]
    if count == 1 and all(is_rate(p, rules) for p in parts):
        return parts  # 孕产妇系统管理率、3岁以下儿童系统管理率均达到90%: each rate
    head = _head_of(parts[-1], rules)
    shared = _shared_prefix_list(parts, head, rules)
    if count == 1 and shared:
        return shared
    short = _short_members(parts, rules)
    if count == 1 and short:
        return short
    if count > 1 and len(parts) == count:
        if all(is_rate(p, rules) for p in parts):
            return parts
        if head:
            return [p if is_rate(p, rules) else p + head for p in parts[:-1]] + [parts[-1]]
        return parts
    if head and all(p in rules.qualifiers for p in parts[:-1]):
        return [p + head for p in parts[:-1]] + [parts[-1]]
    if quantified:
        # 对感染艾滋病和梅毒的孕产妇…比例均达到90%: each member of the first list of qualifiers
        m = FIRST_CONJUNCTS.search(name)
        if m:
            a, b = _qualifier_suffix(m.group("a"), rules), _qualifier_prefix(m.group("b"), rules)
            if a and b:
                pre, post = name[: m.start() + len(m.group("a")) - len(a)], name[m.start("b") + len(b) :]
                return [pre + a + post, pre + b + post]
    return [name] * max(count, 1) if count > 1 else [name]


SHORT_MEMBER = 4  # 乙脑、流脑接种率: members this short are qualifiers of one head, whatever they are


def _short_members(parts: list[str], rules: RuleSet) -> list[str] | None:
    """乙脑、流脑接种率 -> 乙脑接种率, 流脑接种率: short members share the last one's indicator term."""
    last = parts[-1]
    terms = [t for t in rules.indicator_terms if last.endswith(t) and 0 < len(last) - len(t) <= SHORT_MEMBER]
    if not terms or any(len(p) > SHORT_MEMBER or is_rate(p, rules) for p in parts[:-1]):
        return None
    term = max(terms, key=len)
    return [p + term for p in parts[:-1]] + [last]


def _shared_prefix_list(parts: list[str], head: str | None, rules: RuleSet) -> list[str] | None:
    """孕产妇艾滋病、梅毒和乙肝检测率 -> 孕产妇 + (艾滋病 | 梅毒 | 乙肝) + 检测率.

    The first member may carry a prefix shared by all (a population) before its qualifier;
    the members between are bare qualifiers; the last is a qualifier and the shared head.
    """
    if not head:
        return None
    first = _qualifier_suffix(parts[0], rules)
    if not first or any(p not in rules.qualifiers for p in parts[1:-1]):
        return None
    prefix = parts[0][: len(parts[0]) - len(first)]
    last = parts[-1][: len(parts[-1]) - len(head)]
    return [prefix + q + head for q in (first, *parts[1:-1], last)]


def _qualifier_suffix(text: str, rules: RuleSet) -> str | None:
    for q in name_patterns().qualifiers:
        if text.endswith(q):
            return q
    return None


def _qualifier_prefix(text: str, rules: RuleSet) -> str | None:
    for q in name_patterns().qualifiers:
        if text.startswith(q):
            return q
    return None
