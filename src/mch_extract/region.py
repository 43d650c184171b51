"""``document.region``: the issuer's province, prefecture and county, with the division code.

The place is read from the start of the issuer (``长春市九台区人民政府`` -> 吉林省 长春市 九台区),
a chain of division names each inside the one before, matched against the division data of
:mod:`mch_extract.divisions` (loaded on the first issuer, never for a record without one).
An issuer without a place name (``区卫生健康局``) takes the first place named in the title, the
plan title or the opening lines; a national body (``国家卫生健康委``) has no region.

>>> r = region_of_name("长春市九台区人民政府")
>>> r.province, r.city, r.county, r.adcode
('吉林省', '长春市', '九台区', '220113')
>>> region_of_name("浙江省卫生健康委")
Region(province='浙江省', city=None, county=None, adcode='330000')
>>> region_of_name("区卫生健康局") is None
True
"""

from __future__ import annotations

import functools
import tomllib
from typing import TYPE_CHECKING, Any

from .parts import Document, Region
from .rules import patterns_dir

if TYPE_CHECKING:
    from .divisions import Divisions


@functools.cache
def _rules() -> dict[str, Any]:
    with open(patterns_dir() / "region.toml", "rb") as fh:
        return tomllib.load(fh)


def is_national(issuer: str) -> bool:
    """``国家卫生健康委办公厅`` and the ministries: bodies of the whole country.

    >>> is_national("国家卫生健康委办公厅"), is_national("浙江省卫生健康委")
    (True, False)
    """
    return issuer.lstrip().startswith(tuple(_rules()["national_prefixes"]))


def _chain_at(d: Divisions, text: str, pos: int, allow_short: bool) -> tuple[list[list[str]], int, int]:
    """Division names read from ``pos`` on, each inside the one before: candidate codes per name, the end,
    and the length of the opening name.

    A short name (浙江, 泉州) may open the chain only for a province or prefecture when
    ``allow_short``; inside a chain any short name may follow.
    """
    chosen: list[list[str]] = []
    opening = 0
    while pos < len(text):
        longest, index = d.opening(text[pos : pos + 2])
        if not index:
            break  # no division name starts with these two characters
        hit: tuple[int, list[str]] | None = None
        for size in range(min(longest, len(text) - pos), 1, -1):
            entries = index.get(text[pos : pos + size])
            if not entries:
                continue
            first = not chosen
            codes = [
                c
                for c, short in entries
                if (not short or not first or (allow_short and d.level(c) < 2))
                and (first or any(d.is_below(c, p) for p in chosen[-1]))
            ]
            if codes:
                hit = (size, sorted(codes))
                break
        if hit is None:
            break
        size, codes = hit
        if chosen:
            chosen[-1] = [p for p in chosen[-1] if any(d.is_below(c, p) for c in codes)]
        chosen.append(codes)
        opening = opening or size
        pos += size
    return chosen, pos, opening


def _pick(d: Divisions, chosen: list[list[str]], context: list[str]) -> str | None:
    """The one code a chain names: a municipality over its own city level, else by context, else common parent."""
    codes = chosen[-1]
    if len(codes) > 1:
        names = {d.names[c] for c in codes}
        if len(names) == 1 and len({c[:2] for c in codes}) == 1:
            return min(codes, key=d.level)  # 北京市: the municipality, not its city level
        inside = [c for c in codes if any(k in d.chain(c) for k in context)]
        if len(inside) == 1:
            return inside[0]
        for level_cut in (4, 2):  # the common prefecture, else the common province
            parents = {c[:level_cut] for c in codes}
            if len(parents) == 1:
                parent = parents.pop() + "0" * (6 - level_cut)
                return parent if parent in d.names else None
        return None
    return codes[0] if codes else None


def _region(d: Divisions, code: str) -> Region:
    chain = d.chain(code)
    by_level = {d.level(c): d.names[c] for c in chain}
    return Region(province=by_level.get(0), city=by_level.get(1), county=by_level.get(2), adcode=code)


def _chains_in(d: Divisions, text: str) -> list[list[list[str]]]:
    """Every chain of division names in ``text`` that opens with a full name, in order."""
    out = []
    pos = 0
    while pos < len(text):
        if text[pos : pos + 2] not in d.codes_opening:
            pos += 1  # no name opens here (what _chain_at would find first, asked for most characters)
            continue
        chosen, end, opening = _chain_at(d, text, pos, allow_short=False)
        if chosen and (opening >= 3 or len(chosen) > 1):  # a lone 城区, 和县 in running text is a word
            out.append(chosen)
            pos = end
        else:
            pos = max(end, pos + 1) if chosen else pos + 1
    return out


def _codes(chains: list[list[list[str]]]) -> list[str]:
    return [c for chain in chains for codes in chain for c in codes]


def region_of_name(issuer: str, context: str = "") -> Region | None:
    """The region an issuer's name starts with; ``None`` when it starts with no place."""
    from .divisions import load_divisions

    d = load_divisions()
    name = issuer.strip()
    for opener in _rules()["issuer_openers"]:
        name = name.removeprefix(opener)
    chosen, _, _ = _chain_at(d, name, 0, allow_short=True)
    if not chosen:
        return None
    code = _pick(d, chosen, _codes(_chains_in(d, context)) if context else [])
    return _region(d, code) if code else None


def region_of(document: Document, text: str) -> Region | None:
    """The issuer's region; for an issuer without a place name, the first place the document names."""
    from .rules import load_rules

    fold = load_rules().fold  # fields are as printed; 長春市 is 长春市 in the division data
    issuer = fold(document.issuer) if document.issuer else None
    if not issuer or is_national(issuer):
        return None
    context = "\n".join(
        fold(x) for x in (document.title, document.plan_title, text[: int(_rules()["text_head"])]) if x
    )
    region = region_of_name(issuer, context)
    if region is not None:
        return region
    from .divisions import load_divisions

    d = load_divisions()
    for source in (document.title, document.plan_title, text[: int(_rules()["text_head"])]):
        chains = _chains_in(d, source or "")
        for i, chain in enumerate(chains):
            code = _pick(d, chain, _codes(chains[:i] + chains[i + 1 :]))
            if code:
                return _region(d, code)
    return None
