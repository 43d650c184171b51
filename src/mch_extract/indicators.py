"""Canonical indicators: a target's name -> ``indicator_id``, and the national target it answers to.

The dictionary (``patterns/indicators_canonical.toml``) has one entry per indicator with its
names, unit, direction and national targets; ``patterns/indicators_mapping.toml`` holds the
qualifier words and the context words of the mapping rules.  Every mapping says which rule made
it (``indicator_rule``), and there is no fuzzy matching: a name no rule explains gets no id.

>>> d = load_dictionary()
>>> d.map_name("全县孕产妇死亡率")
Mapped(id='maternal_mortality_rate', rule='strip:全县|name')
>>> d.map_name("五岁以下儿童死亡率")
Mapped(id='under5_mortality_rate', rule='synonym')
>>> d.map_name("系统管理率", context="孕产妇：早孕建册率≥90%，")
Mapped(id='maternal_systematic_mgmt_rate', rule='context:孕产妇|name')
>>> d.map_name("系统管理率").id is None
True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple, cast

import regex

from .compiled import compiled, lazy
from .parts import Comparator, National, Target
from .rules import patterns_dir

DICTIONARY_FILE = "indicators_canonical.toml"
MAPPING_FILE = "indicators_mapping.toml"
SECONDARY = "secondary: a news report; the plan itself was not read"
CONFIDENCE_RANK = {"text": 0, "official_summary": 1, "secondary": 2}
Comparison = Literal["looser", "same", "stricter"]


class NationalTarget(NamedTuple):
    """One national target of an indicator, as the reference records it."""

    value: float
    comparator: str
    by: int
    start: int
    source: str
    confidence: str
    doc_number: str | None = None


class Indicator(NamedTuple):
    id: str
    name: str
    synonyms: tuple[str, ...]
    local_names: tuple[str, ...]
    context_only: tuple[str, ...]
    unit: str
    better: str
    domain: str
    definition: str
    national: tuple[NationalTarget, ...]


class Mapped(NamedTuple):
    id: str | None
    rule: str | None


class Verdict(NamedTuple):
    """The national target a local one was compared with (``None`` with the reason why not)."""

    national: NationalTarget | None
    comparison: Comparison | None
    reason: str | None


_SPACE = re.compile(r"\s+")
_LEADING_JUNK = re.compile(r"^[^\w(]+")
_UNIT_LABEL = re.compile(r"\((?:%|‰|1/10万|/10万|％)\)$")

# Units a record may carry that are the same quantity as the dictionary's unit.
_SAME_UNIT = {"/10万活产": "/10万"}


def _unit_key(unit: str | None) -> str | None:
    return _SAME_UNIT.get(unit, unit) if unit else None


def _period_start(period: str, by: int) -> int:
    m = compiled(r"(\d{4})").match(period or "")
    return int(m.group(1)) if m else by


class Dictionary:
    """The indicator dictionary with its lookup index and mapping rules."""

    def __init__(self, entries: dict[str, Any], mapping: dict[str, Any]) -> None:
        self.indicators: dict[str, Indicator] = {}
        self.index: dict[str, tuple[str, str]] = {}
        self.context_index: dict[str, str] = {}
        self._char_map = {ord(c): k for k, vs in mapping["normalise"].items() for c in vs}
        for key, e in entries.items():
            national = tuple(
                NationalTarget(
                    value=float(t["value"]),
                    comparator=t["comparator"],
                    by=int(t["by"]),
                    start=_period_start(t.get("period", ""), int(t["by"])),
                    source=t["source"],
                    confidence=t["confidence"],
                    doc_number=t.get("doc_number"),
                )
                for t in e.get("national", [])
            )
            ind = Indicator(
                id=key,
                name=e["name"],
                synonyms=tuple(e.get("synonyms", [])),
                local_names=tuple(e.get("local_names", [])),
                context_only=tuple(e.get("context_only", [])),
                unit=e["unit"],
                better=e["better"],
                domain=e["domain"],
                definition=e.get("definition", ""),
                national=national,
            )
            self.indicators[key] = ind
            for kind, names in (("name", (ind.name,)), ("synonym", ind.synonyms), ("local_name", ind.local_names)):
                for n in names:
                    self.index.setdefault(self._norm(n), (key, kind))
            for n in ind.context_only:
                self.context_index[self._norm(n)] = key
        q = mapping["qualifiers"]
        self.abbreviations: dict[str, str] = dict(mapping.get("abbreviations", {}))
        words = sorted(set(q["prefixes"]), key=len, reverse=True)
        self.prefix_re = regex.compile(
            "^(?:" + "|".join([regex.escape(w) for w in words] + list(q["prefix_patterns"])) + ")"
        )
        self.suffix_re = regex.compile(
            "(?:" + "|".join(regex.escape(w) for w in sorted(set(q["suffixes"]), key=len, reverse=True)) + ")$"
        )
        self.age_re = regex.compile("^" + q["age_prefix"])
        self.after_rate = tuple(sorted(q["after_rate"], key=len, reverse=True))
        ctx = mapping["context"]
        self.bare = frozenset(self._norm(b) for b in ctx["bare"]) | frozenset(self.context_index)
        self.subjects = tuple(sorted({self._norm(s) for s in ctx["subjects"]}, key=len, reverse=True))
        self.subject_re = lazy("|".join(regex.escape(s) for s in self.subjects))
        self.reach = int(ctx["reach"])
        # rests of names that the dictionary distinguishes by age: an age is never stripped off them
        self.age_bound: frozenset[str] = frozenset(
            rest for n in self.index if (m := self.age_re.match(n)) and m.end() < len(n) for rest in [n[m.end() :]]
        )

    def _norm(self, name: str) -> str:
        """Spaces out, full-width brackets and dash variants made plain, bullets and unit labels off."""
        n = _SPACE.sub("", name.translate(self._char_map))
        n = _LEADING_JUNK.sub("", n)  # leading bullets and stray symbols (◆, -)
        return _UNIT_LABEL.sub("", n)

    def _norm_context(self, text: str) -> str:
        return text.translate(self._char_map)

    def _lookup(self, name: str) -> tuple[str, str] | None:
        return self.index.get(name)

    def _strips(self, name: str) -> Iterator[tuple[str, list[str]]]:
        """The name less qualifiers, front and back, breadth first (at most four words off)."""
        seen = {name}
        frontier: list[tuple[str, list[str]]] = [(name, [])]
        for _ in range(4):
            nxt: list[tuple[str, list[str]]] = []
            for cur, removed in frontier:
                cands: list[tuple[str, str]] = []
                m = self.prefix_re.match(cur)
                if m and m.end() < len(cur):
                    cands.append((cur[m.end() :], m.group()))
                m2 = self.suffix_re.search(cur)
                if m2 and m2.start() > 0:
                    cands.append((cur[: m2.start()], m2.group()))
                m3 = self.age_re.match(cur)
                if m3 and m3.end() < len(cur) and cur[m3.end() :] not in self.age_bound:
                    cands.append((cur[m3.end() :], m3.group()))
                for rest, word in cands:
                    if rest not in seen:
                        seen.add(rest)
                        item = (rest, [*removed, word])
                        nxt.append(item)
                        yield item
            frontier = nxt

    def _direct(self, name: str) -> Mapped | None:
        """Exact, then stripped of qualifiers."""
        hit = self._lookup(name)
        if hit:
            return Mapped(hit[0], hit[1])
        for rest, removed in self._strips(name):
            hit = self._lookup(rest)
            if hit:
                return Mapped(hit[0], f"strip:{'+'.join(removed)}|{hit[1]}")
        return None

    def _cut_after_rate(self, name: str) -> str:
        i = name.rfind("率")
        if 0 < i < len(name) - 1 and name[i + 1 :].startswith(self.after_rate):
            return name[: i + 1]
        return name

    def _with_context(self, name: str, context: str) -> Mapped | None:
        """A bare name completed by the nearest subject word before it in its clause."""
        found = [m.group() for m in self.subject_re.finditer(self._norm_context(context[-self.reach :]))]
        tried: set[str] = set()
        for i in range(len(found) - 1, -1, -1):
            subject = found[i]
            for cand in (subject + name, *(found[j] + subject + name for j in range(i - 1, -1, -1))):
                if cand in tried:
                    continue
                tried.add(cand)
                hit = self._direct(cand)
                if hit and hit.id:
                    return Mapped(hit.id, f"context:{cand[: len(cand) - len(name)]}|{hit.rule}")
        return None

    def map_name(self, name: str | None, context: str = "") -> Mapped:
        """The canonical id of an indicator name and the rule that gave it.

        ``context`` is the text of the clause before the name, for bare names like ``死亡率``.

        >>> load_dictionary().map_name("婴儿死亡率由2020年的")
        Mapped(id='infant_mortality_rate', rule='cut_after_rate|name')
        >>> load_dictionary().map_name("孕产妇和婴儿死亡率")
        Mapped(id=None, rule='coordinated:2 indicators')
        """
        if not name:
            return Mapped(None, None)
        n = self._norm(name)
        for short, full in self.abbreviations.items():
            n = n.replace(short, full)
        steps: list[str] = []
        if "=" in n and n.index("=") > 1:  # a formula: 建册率=建册数/产妇数×100%
            n = n[: n.index("=")]
            steps.append("cut_formula")
        cut = self._cut_after_rate(n)
        if cut != n:
            n = cut
            steps.append("cut_after_rate")
        prefix = "|".join(steps) + "|" if steps else ""
        hit = self._direct(n)
        if hit:
            return Mapped(hit.id, prefix + (hit.rule or ""))
        bare_names = {n} | {rest for rest, _ in self._strips(n)}
        if context and bare_names & self.bare:
            for b in [n, *sorted(bare_names & self.bare, key=len, reverse=True)]:
                got = self._with_context(b, context)
                if got:
                    return Mapped(got.id, prefix + (got.rule or ""))
        if bare_names & self.bare:
            return Mapped(None, "ambiguous:needs context")
        members = self.split_coordinated(n)
        if len(members) > 1:
            ids = {m.id for m in (self._direct(x) or Mapped(None, None) for x in members)}
            if len(ids) == 1 and None not in ids:
                return Mapped(ids.pop(), prefix + "coordinated")
            return Mapped(None, f"coordinated:{len(members)} indicators")
        return Mapped(None, "unknown")

    def split_coordinated(self, name: str) -> list[str]:
        """``孕产妇和婴儿死亡率`` -> two names: the members before the last share its head.

        >>> load_dictionary().split_coordinated("新生儿、婴儿和5岁以下儿童死亡率")
        ['新生儿死亡率', '婴儿死亡率', '5岁以下儿童死亡率']
        """
        parts = [p for p in compiled(r"[、和及与]").split(name) if p]
        if len(parts) < 2 or not parts[-1].endswith("率"):
            return [name]
        last = parts[-1]
        m = self.subject_re.match(last)
        if not m or m.end() >= len(last):
            return [name]
        head = last[m.end() :]
        return [p if p.endswith("率") else p + head for p in parts[:-1]] + [last]

    def compare(
        self,
        indicator_id: str,
        comparator: str,
        value: float,
        value_max: float | None,
        unit: str | None,
        year: int | None,
    ) -> Verdict:
        """The national target in force in ``year`` for the same indicator and unit, and how this one compares.

        >>> d = load_dictionary()
        >>> v = d.compare("maternal_mortality_rate", "<=", 20.0, None, "/10万", 2025)
        >>> v.national.value, v.comparison
        (14.5, 'looser')
        >>> d.compare("infant_mortality_rate", "<=", 4.0, None, "‰", 2025).comparison
        'stricter'
        """
        ind = self.indicators[indicator_id]
        if not ind.national:
            return Verdict(None, None, f"no national target for {indicator_id}")
        if _unit_key(unit) != _unit_key(ind.unit):
            return Verdict(None, None, f"unit {unit} is not the national unit {ind.unit}")
        if year is None:
            return Verdict(None, None, "no year: the national target in force is not known")
        in_force = [t for t in ind.national if t.start <= year <= t.by]
        if not in_force:
            return Verdict(None, None, f"no national target of {indicator_id} in force in {year}")
        soonest = min(t.by for t in in_force)
        best = min(
            (t for t in in_force if t.by == soonest),
            key=lambda t: CONFIDENCE_RANK.get(t.confidence, 9),
        )
        local = _bound(ind.better, comparator, value, value_max)
        if local is None:
            return Verdict(best, None, f"comparator {comparator} does not bound a {ind.better}-is-better indicator")
        return Verdict(best, _judge(ind.better, local, (best.value, best.comparator in ("<", ">"))), None)


def _bound(better: str, comparator: str, value: float, value_max: float | None) -> tuple[float, bool] | None:
    """The bound a local target sets in the indicator's good direction: (value, strict)."""
    if better == "lower":
        if comparator in ("<=", "<", "="):
            return value, comparator == "<"
        if comparator == "range":
            return (value_max if value_max is not None else value), False
        return None
    if comparator in (">=", ">", "="):
        return value, comparator == ">"
    if comparator == "range":
        return value, False
    return None


def _judge(better: str, local: tuple[float, bool], national: tuple[float, bool]) -> Comparison:
    """``looser`` when the local bound asks less than the national one.

    >>> _judge("lower", (20.0, False), (14.5, False))
    'looser'
    >>> _judge("higher", (90.0, False), (90.0, False))
    'same'
    """
    (lv, ls), (nv, ns) = local, national
    if lv == nv:
        if ls == ns:
            return "same"
        return "stricter" if ls else "looser"
    if better == "lower":
        return "looser" if lv > nv else "stricter"
    return "looser" if lv < nv else "stricter"


def _read(name: str) -> dict[str, Any]:
    with open(patterns_dir() / name, "rb") as fh:
        return tomllib.load(fh)


@functools.cache
def load_dictionary() -> Dictionary:
    """The indicator dictionary, read on first use."""
    return Dictionary(_read(DICTIONARY_FILE), _read(MAPPING_FILE))


def names(ind: Indicator) -> Iterable[str]:
    """Every name of an indicator that maps to it on its own."""
    return (ind.name, *ind.synonyms, *ind.local_names)


def clause_before(text: str, start: int, reach: int = 160) -> str:
    """The text of the line (at most ``reach`` characters) before ``start``: where a subject is looked for.

    >>> text = "一、目标\\n孕产妇：早孕建册率≥90%，系统管理率≥90%"
    >>> clause_before(text, text.find("系统"))
    '孕产妇：早孕建册率≥90%，'
    """
    lo = max(0, start - reach)
    cut = text.rfind("\n", lo, start)
    return text[(cut + 1 if cut >= 0 else lo) : start]


def target_year(deadline: dt.date | None, year: int | None) -> int | None:
    """The year a target is for: its deadline's, else the document's."""
    return deadline.year if deadline else year


def annotate(targets: Sequence[Target], text: str, year: int | None) -> None:
    """Give each target its ``indicator_id`` (with the rule) and, for goals, the national comparison.

    ``text`` is the (folded) text the spans point into; ``year`` the document's year.

    >>> from mch_extract.parts import Target
    >>> t = Target(indicator="婴儿死亡率", comparator="<=", value=4.0, unit="‰", text="", span=(0, 0))
    >>> annotate([t], "", 2025)
    >>> t.indicator_id, t.national.value, t.national.comparison
    ('infant_mortality_rate', 5.2, 'stricter')
    """
    d = load_dictionary()
    for t in targets:
        if not t.indicator:
            continue
        mapped = d.map_name(t.indicator, clause_before(text, t.span[0], d.reach))
        t.indicator_id, t.indicator_rule = mapped
        if mapped.id is None:
            continue
        if t.kind != "target":
            t.national_note = "a reported figure, not a goal: not compared"
            continue
        verdict = d.compare(mapped.id, t.comparator, t.value, t.value_max, t.unit, target_year(t.deadline, year))
        t.national_note = verdict.reason
        n = verdict.national
        if n is None:
            continue
        source = n.source if n.confidence != "secondary" else f"{n.source} ({SECONDARY})"
        t.national = National(
            comparator=cast(Comparator, n.comparator),
            value=n.value,
            unit=d.indicators[mapped.id].unit,
            by=n.by,
            source=source,
            confidence=cast(Any, n.confidence),
            comparison=verdict.comparison,
        )
