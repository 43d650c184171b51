"""The rule data in ``patterns/*.toml``, loaded once into an immutable :class:`RuleSet`.

Rules are data: comparator words, units, numbering markers, indicator vocabulary,
文种 and date forms live in small TOML files.  The extractors build their regexes from
these lists (see :func:`alternation`), so a new comparator word is a one-line change.

The files ship inside the wheel as ``mch_extract/patterns``; in a source checkout they
are read from the repository's top-level ``patterns/`` folder.

>>> rules = load_rules()
>>> rules.comparator_symbols["≥"]
'>='
>>> "剖宫产率" in rules.indicator_terms
True
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import regex

from .schema import check_rule_files

PATTERN_FILES = (
    "comparators",
    "units",
    "numerals",
    "markers",
    "dates",
    "documents",
    "indicators",
    "traditional",
    "kind",
    "tables",
)


def patterns_dir() -> Path:
    """The folder holding the TOML rule files: inside the package when installed.

    ``MCH_EXTRACT_PATTERNS=/some/folder`` reads them from there instead (``bench/ablate.py`` uses it to
    run with one entry removed); the folder must hold every file.
    """
    override = os.environ.get("MCH_EXTRACT_PATTERNS")
    if override:
        folder = Path(override)
        if not (folder / "comparators.toml").is_file():
            raise FileNotFoundError(f"MCH_EXTRACT_PATTERNS={override}: no comparators.toml there")
        return folder
    here = Path(__file__).resolve().parent
    for candidate in (here / "patterns", here.parents[1] / "patterns"):
        if (candidate / "comparators.toml").is_file():
            return candidate
    raise FileNotFoundError(f"rule files not found next to {here} (looked for patterns/comparators.toml)")


class MarkerStyle(NamedTuple):
    """One numbering style, e.g. ``（一）``: rank 2, chinese ordinal in brackets."""

    name: str
    rank: int
    ordinal: str
    open: tuple[str, ...]
    close: tuple[str, ...]
    chars: str = ""  # ordinal "enclosed": the characters for 1, 2, 3 … (㈠㈡㈢, ⑴⑵⑶)


class RuleSet(NamedTuple):
    """Every rule list the pipeline uses; built once by :func:`load_rules`."""

    comparator_symbols: Mapping[str, str]
    comparator_words: Mapping[str, str]
    comparator_after: Mapping[str, str]
    comparator_weak: Mapping[str, str]
    approx_after: Mapping[str, str]
    fraction_words: Mapping[str, str]
    rate_units: Mapping[str, str]
    counting_units: tuple[str, ...]
    guarded_units: tuple[str, ...]
    never_after: Mapping[str, str]  # word -> the reason a number before it is not a value
    never_before: Mapping[str, str]  # word -> the reason a number after it is not a value
    multipliers: Mapping[str, int]
    cn_digits: Mapping[str, int]
    cn_units: Mapping[str, int]
    circled: str
    marker_styles: tuple[MarkerStyle, ...]
    bullets: tuple[str, ...]
    site_notice_words: tuple[str, ...]
    deadline_before_words: tuple[str, ...]
    horizon_words: tuple[str, ...]
    commit_words: tuple[str, ...]
    due_labels: tuple[str, ...]
    due_columns: tuple[str, ...]
    done_verbs: tuple[str, ...]
    at_words: tuple[str, ...]
    not_horizon_after: tuple[str, ...]
    not_deadline_after: tuple[str, ...]
    not_part_after: tuple[str, ...]
    year_parts: Mapping[str, tuple[int, int]]
    month_parts: Mapping[str, int]
    periods: Mapping[str, str]
    doc_types: tuple[str, ...]
    plan_types: tuple[str, ...]
    label_words: tuple[str, ...]
    notice_types: tuple[str, ...]
    body_openers: tuple[str, ...]
    metadata_empty: frozenset[str]
    report_types: tuple[str, ...]
    metadata_labels: Mapping[str, str]
    indicator_section_words: tuple[str, ...]
    summary_section_words: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    recipient_openers: tuple[str, ...]
    attachment_labels: tuple[str, ...]
    disclosures: tuple[str, ...]
    contact_name_labels: tuple[str, ...]
    contact_phone_labels: tuple[str, ...]
    indicator_suffixes: tuple[str, ...]
    indicator_terms: frozenset[str]
    qualifiers: frozenset[str]
    scope_words: tuple[str, ...]
    institution_suffixes: tuple[str, ...]
    lead_words: tuple[str, ...]
    tail_verbs: tuple[str, ...]
    meta_nouns: tuple[str, ...]
    trailing_words: tuple[str, ...]
    raising_verbs: tuple[str, ...]
    lowering_verbs: tuple[str, ...]
    not_values_after: tuple[str, ...]
    traditional: Mapping[int, str]
    traditional_char: re.Pattern[str]  # any character of ``traditional`` (see :meth:`fold`)
    kind_actual_words: tuple[str, ...]
    kind_target_words: tuple[str, ...]
    kind_not_words: tuple[str, ...]
    kind_plan_only: tuple[str, ...]
    summary_heading_words: tuple[str, ...]
    plan_heading_words: tuple[str, ...]
    bare_rates: frozenset[str]
    age_value_names: tuple[str, ...]
    comparator_verbs: tuple[str, ...]
    activity_nouns: tuple[str, ...]
    lead_guards: tuple[str, ...]
    object_verbs: tuple[str, ...]
    list_joiners: tuple[str, ...]
    bracket_note_words: tuple[str, ...]
    kind_copulas: tuple[str, ...]
    kind_goal_names: tuple[str, ...]
    change_openers: tuple[str, ...]
    change_references: tuple[str, ...]
    baseline_openers: tuple[str, ...]
    baseline_references: tuple[str, ...]
    place_nouns: tuple[str, ...]
    furniture_words: tuple[str, ...]
    table_roles: Mapping[str, str]  # header word -> serial / indicator / scope / attribute / target / actual / other
    attribute_values: frozenset[str]

    def after_comparator(self, word: str) -> str:
        """The comparator of a word after a number: 以上 -> ``>=``, 余 (30余次) -> ``>``."""
        return self.comparator_after.get(word) or self.approx_after[word]

    def fold(self, text: str) -> str:
        """Traditional -> simplified, character for character (offsets unchanged).

        >>> load_rules().fold("篩查率達到")
        '筛查率达到'

        Most notices hold no traditional character: one scan finds that, where ``translate``
        looks every character up in the mapping (a failed look-up raises and clears a
        ``KeyError`` inside CPython), about twenty times the cost over a whole notice.
        """
        if self.traditional_char.search(text) is None:
            return text
        return text.translate(self.traditional)


def read_pattern_files(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """Parse every rule file into plain dicts, keyed by file stem."""
    folder = folder or patterns_dir()
    data = {}
    for stem in PATTERN_FILES:
        with open(folder / f"{stem}.toml", "rb") as fh:
            data[stem] = tomllib.load(fh)
    return data


def _invert(groups: Mapping[str, Iterable[str]]) -> Mapping[str, str]:
    """``{">=": ["≥", "不低于"]}`` -> ``{"≥": ">=", "不低于": ">="}`` (read-only)."""
    return MappingProxyType({word: key for key, words in groups.items() for word in words})


def _any_of_characters(chars: Collection[str]) -> re.Pattern[str]:
    """A pattern matching any one of ``chars``: a character class, which the standard library's
    ``re`` tests with a bitmap, and compiles in half the regex module's time.

    >>> _any_of_characters(["達", "醫"]).findall("产前篩查率達到95%")
    ['達']
    """
    return re.compile("[" + "".join(sorted(map(re.escape, chars))) + "]" if chars else "[^\\s\\S]")  # (none: no match)


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


def build_rules(data: Mapping[str, Mapping[str, Any]]) -> RuleSet:
    """Turn the parsed TOML into a :class:`RuleSet`."""
    check_rule_files(data)
    cmp, units, num, mk, dates, docs, ind, trad, kind, tables = (data[s] for s in PATTERN_FILES)
    for t, simp in trad["characters"].items():
        if len(t) != 1 or len(simp) != 1:
            raise ValueError(f"traditional.toml: {t!r} -> {simp!r} must map one character to one")
    styles = tuple(
        MarkerStyle(s["name"], int(s["rank"]), s["ordinal"], tuple(s["open"]), tuple(s["close"]), s.get("chars", ""))
        for s in mk["style"]
    )
    return RuleSet(
        comparator_symbols=_invert(cmp["symbols"]),
        comparator_words=_invert(cmp["words"]),
        comparator_after=_invert(cmp["after"]),
        comparator_weak=_invert(cmp["weak"]),
        approx_after=_invert(cmp["approx"]),
        fraction_words=_invert(units["fractions"]),
        rate_units=_invert(units["rates"]),
        counting_units=_longest_first(units["counting"]["words"]),
        guarded_units=_longest_first(units["guarded"]["words"]),
        never_after=_invert(units["never"]["after"]),
        never_before=_invert(units["never"]["before"]),
        multipliers=MappingProxyType(dict(units["multipliers"])),
        cn_digits=MappingProxyType(dict(num["digits"])),
        cn_units=MappingProxyType(dict(num["units"])),
        circled=num["circled"]["chars"],
        marker_styles=tuple(sorted(styles, key=lambda s: s.rank)),
        bullets=_longest_first(mk["bullets"]["chars"]),
        site_notice_words=_longest_first(mk["site_notices"]["words"]),
        deadline_before_words=_longest_first(dates["before_words"]),
        horizon_words=_longest_first(dates["horizon_words"]),
        commit_words=_longest_first(dates["commit_words"]),
        due_labels=_longest_first(dates["due_labels"]),
        due_columns=_longest_first(dates["due_columns"]),
        done_verbs=_longest_first(dates["done_verbs"]),
        at_words=_longest_first(dates["at_words"]),
        not_horizon_after=_longest_first(dates["not_horizon_after"]),
        not_deadline_after=_longest_first(dates["not_deadline_after"]),
        not_part_after=_longest_first(dates["not_part_after"]),
        year_parts=MappingProxyType({k: (int(v[0]), int(v[1])) for k, v in dates["year_parts"].items()}),
        month_parts=MappingProxyType(dict(dates["month_parts"])),
        periods=MappingProxyType(dict(dates["periods"])),
        doc_types=_longest_first(docs["doc_types"]),
        plan_types=_longest_first(docs["plan_types"]),
        label_words=_longest_first(docs["label_words"]),
        notice_types=_longest_first(docs["notice_types"]),
        body_openers=_longest_first(docs["body_openers"]),
        metadata_empty=frozenset(docs["metadata_empty"]),
        report_types=_longest_first(docs["report_types"]),
        metadata_labels=_invert(docs["metadata"]),
        indicator_section_words=_longest_first(docs["indicator_section_words"]),
        summary_section_words=_longest_first(docs["summary_section_words"]),
        org_suffixes=_longest_first(docs["org_suffixes"]),
        recipient_openers=_longest_first(docs["recipient_openers"]),
        attachment_labels=_longest_first(docs["attachment_labels"]),
        disclosures=_longest_first(docs["disclosures"]),
        contact_name_labels=_longest_first(docs["contact_name_labels"]),
        contact_phone_labels=_longest_first(docs["contact_phone_labels"]),
        indicator_suffixes=_longest_first(ind["suffixes"]),
        indicator_terms=frozenset(ind["terms"]),
        qualifiers=frozenset(ind["qualifiers"]),
        scope_words=_longest_first(ind["scope_words"]),
        institution_suffixes=_longest_first(ind["institution_suffixes"]),
        lead_words=_longest_first(ind["lead_words"]),
        tail_verbs=_longest_first(ind["tail_verbs"]),
        meta_nouns=_longest_first(ind["meta_nouns"]),
        trailing_words=_longest_first(ind["trailing_words"]),
        raising_verbs=_longest_first(ind["raising_verbs"]),
        lowering_verbs=_longest_first(ind["lowering_verbs"]),
        not_values_after=_longest_first(ind["not_values_after"]),
        traditional=MappingProxyType({ord(t): simp for t, simp in trad["characters"].items()}),
        traditional_char=_any_of_characters(trad["characters"]),
        kind_actual_words=_longest_first(kind["actual"]["words"]),
        kind_target_words=_longest_first(kind["target"]["words"]),
        kind_not_words=_longest_first(kind["target"]["not_words"]),
        kind_plan_only=_longest_first(kind["target"]["plan_only"]),
        summary_heading_words=_longest_first(kind["sections"]["summary"]),
        plan_heading_words=_longest_first(kind["sections"]["plan"]),
        bare_rates=frozenset(ind["bare_rates"]),
        age_value_names=_longest_first(ind["age_value_names"]),
        comparator_verbs=_longest_first(ind["comparator_verbs"]),
        activity_nouns=_longest_first(ind["activity_nouns"]),
        lead_guards=_longest_first(ind["lead_guards"]),
        object_verbs=_longest_first(ind["object_verbs"]),
        list_joiners=_longest_first(ind["list_joiners"]),
        bracket_note_words=_longest_first(ind["bracket_note_words"]),
        kind_copulas=_longest_first(kind["target"]["copulas"]),
        kind_goal_names=_longest_first(kind["target"]["names"]),
        change_openers=_longest_first(ind["change_openers"]),
        change_references=_longest_first(ind["change_references"]),
        baseline_openers=_longest_first(ind["baseline_openers"]),
        baseline_references=_longest_first(ind["baseline_references"]),
        place_nouns=_longest_first(ind["place_nouns"]),
        furniture_words=_longest_first(ind["furniture_words"]),
        table_roles=_invert(tables["roles"]),
        attribute_values=frozenset(tables["attribute_values"]["words"]),
    )


@functools.cache
def load_rules() -> RuleSet:
    """The rule set, read from disk on first use and shared afterwards."""
    return build_rules(read_pattern_files())


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that 不低于 beats 低于.

    >>> alternation(["低于", "不低于", "%"])
    '(?:不低于|低于|%)'
    """
    ordered = _longest_first(words)
    if not ordered:
        return "(?!)"
    return "(?:" + "|".join(regex.escape(w, special_only=True) for w in ordered) + ")"


def word_finder(words: Iterable[str]) -> re.Pattern[str]:
    """The :func:`alternation` of ``words``, compiled by Python's ``re``, not the regex module.

    For an alternation of literal words the two modules find the same matches
    (tests/test_prechecks.py compares them on random text), and ``re`` passes over a character
    that opens none of the words, where the regex module tries every word at every character:
    over a whole text or every line, two to three times as fast.

    >>> word_finder(["低于", "不低于"]).findall("剖宫产率不低于 低于")
    ['不低于', '低于']
    """
    return re.compile(alternation(words))
