"""Words of an indicator phrase, so that its edges are cut at word boundaries.

Stripping lead words character by character turns 完成率 into 率 (完成 is a lead verb);
cut into words first, 完成率 is one word and stays whole.  The segmenter is jieba with a
small dictionary built in memory from ``patterns/`` (indicator terms, qualifiers, lead and
tail words, and ``verb + 率`` rates): jieba's own 20-MB dictionary is never read (it costs
≈ 0.55 s per process) and no cache file is written.  Importing jieba still costs ≈ 0.14 s
(it loads pkg_resources and its HMM tables), so it is imported only for phrases whose edge
is ambiguous — where a longer dictionary word starts with the lead word (完成 / 完成率).
Elsewhere the plain cut is what segmentation would give.

>>> strip_lead("完成率"), strip_lead("全面提高孕产妇系统管理率"), strip_lead("完成儿童友好医院创建")
('完成率', '孕产妇系统管理率', '儿童友好医院创建')
>>> strip_tail("孕产妇系统管理率到"), strip_tail("项目任务完成")
('孕产妇系统管理率', '项目任务')
"""

from __future__ import annotations

import functools
import io
from typing import Any

from .rules import load_rules

EDGE_WORDS = ("到", "至")  # 提高…到95%: the tail of a split comparator
PERFECTIVE = "了"  # 抢救了(18例): the aspect of a lead verb, no part of the name


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str], dict[str, int]]:
    rules = load_rules()
    lead = frozenset(rules.lead_words)
    tail = frozenset(
        [*rules.trailing_words, *rules.comparator_weak, *rules.comparator_words, *rules.periods, *EDGE_WORDS]
    )
    words: dict[str, int] = {}
    for w in rules.indicator_terms:
        words[w] = 5000
    for w in rules.qualifiers:
        words.setdefault(w, 2000)
    for w in (*rules.lead_words, *tail, *rules.scope_words, *rules.periods):
        words.setdefault(w, 1000)
    for w in rules.lead_guards:
        words[w] = 3000  # 已知 is one word: 已 is no lead word there
    for w in rules.lead_words:
        if len(w) == 2:
            words.setdefault(w + "率", 4000)  # 完成率, 控制率, 落实率: a verb's rate is one word
    return lead, tail, words


@functools.cache
def _tokenizer() -> Any:
    import logging  # here, with jieba (which logs): not on the path of a notice that needs no tokenizer

    import jieba

    jieba.setLogLevel(logging.ERROR)
    _, _, words = _vocabulary()
    data = "\n".join(f"{w} {f}" for w, f in sorted(words.items())).encode("utf-8")
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(io.BytesIO(data))
    tokenizer.initialized = True  # built from our words: never loads jieba's default dictionary
    return tokenizer


def cut(phrase: str) -> list[str]:
    """The words of a phrase (dictionary words; other characters one by one)."""
    return list(_tokenizer().cut(phrase, HMM=False)) if phrase else []


@functools.cache
def _longest() -> int:
    return max(map(len, _vocabulary()[2]))


def _ambiguous_start(phrase: str, word: str) -> bool:
    """Does a longer dictionary word start where ``word`` does (完成 in 完成率)?"""
    words = _vocabulary()[2]
    return any(phrase[:n] in words for n in range(len(word) + 1, min(len(phrase), _longest()) + 1))


def _ambiguous_end(phrase: str, word: str) -> bool:
    words = _vocabulary()[2]
    return any(phrase[-n:] in words for n in range(len(word) + 1, min(len(phrase), _longest()) + 1))


@functools.lru_cache(maxsize=4096)
def _by_first(ch: str) -> tuple[str, ...]:
    """The lead words that start with ``ch``, in the rules' order (one look-up instead of a scan)."""
    return tuple(w for w in load_rules().lead_words if w[:1] == ch)


@functools.lru_cache(maxsize=4096)
def _by_last(ch: str) -> tuple[str, ...]:
    """The tail words that end with ``ch``, in the vocabulary's order."""
    return tuple(w for w in _vocabulary()[1] if w[-1:] == ch)


def strip_lead(phrase: str) -> str:
    """Drop lead words (提高, 全市, 完成 …) from the start, whole words only, with the 了 of a
    verb (抢救了危重病人 -> 危重病人).

    >>> strip_lead("抢救了妇产科危重病人"), strip_lead("目前已知的出生缺陷")
    ('妇产科危重病人', '已知的出生缺陷')
    """
    lead, _, _ = _vocabulary()
    while True:
        word = next((w for w in _by_first(phrase[:1]) if phrase.startswith(w)), None)  # longest first
        if word is None:
            return phrase
        if _ambiguous_start(phrase, word):
            words = cut(phrase)
            while words and words[0] in lead:
                words.pop(0)
                words[:1] = [rest for w in words[:1] if (rest := _drop_perfective(w))]  # 了 alone: gone
            return "".join(words)
        phrase = _drop_perfective(phrase[len(word) :])


def _drop_perfective(phrase: str) -> str:
    """The rest of a phrase after the 了 of the verb before it (not the 了 of 了解)."""
    return phrase[1:] if phrase.startswith(PERFECTIVE) and not phrase.startswith("了解") else phrase


def strip_tail(phrase: str) -> str:
    """Drop comparator words and verbs (达到, 控制在, 完成, 到 …) from the end, whole words only."""
    _, tail, _ = _vocabulary()
    while True:
        word = max((w for w in _by_last(phrase[-1:]) if phrase.endswith(w)), key=len, default=None)
        if word is None:
            return phrase
        if _ambiguous_end(phrase, word):
            words = cut(phrase)
            while words and words[-1] in tail:
                words.pop()
            return "".join(words)
        phrase = phrase[: -len(word)]
