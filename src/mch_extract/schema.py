"""The shape of the rule files in ``patterns/``: a typo'd key or a word listed twice is an error.

Each checked file has a schema: its keys (``?`` marks an optional one) and what each holds —
``WORDS`` (a list of distinct, non-empty, unpadded strings), ``CHARS`` (the same, one
character each), ``STRINGS`` (a list of strings that may hold ``""``), ``MAP`` (a table whose
values the reading code checks), ``NUMBERS`` (a table of integers: 两 = 2), ``TEXT``, ``INT``,
a nested schema (``"*"`` as its only key: any key, each holding that schema), or a one-item list
holding the schema of each table of an array (``[[style]]``).  :data:`DISJOINT` names lists
that must not share a word (a word in two of them would mean two things; ``words.*`` stands
for every list of the table ``words``); :data:`SUBSET` names lists whose words must all be in
another list.

>>> from mch_extract.rules import read_pattern_files
>>> dates = read_pattern_files()["dates"]
>>> check_rule_file("dates", {**dates, "before_word": ["前"]})
Traceback (most recent call last):
...
mch_extract.schema.SchemaError: dates.toml: unknown key 'before_word' (known: ...)
>>> check_rule_file("dates", {**dates, "commit_words": ["确保", "前"]})
Traceback (most recent call last):
...
mch_extract.schema.SchemaError: dates.toml: '前' is in both before_words and commit_words
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WORDS, CHARS, STRINGS, MAP, TEXT, INT, NUMBERS = "words", "chars", "strings", "map", "text", "int", "numbers"
ANY_KEY = "*"
COMPARATOR_GROUPS = {">=?": WORDS, ">?": WORDS, "<=?": WORDS, "<?": WORDS, "=?": WORDS}

SCHEMAS: dict[str, dict[str, Any]] = {
    "dates": {
        "before_words": WORDS,
        "at_words": WORDS,
        "not_horizon_after": CHARS,
        "not_deadline_after": WORDS,
        "not_part_after": WORDS,
        "horizon_words": WORDS,
        "commit_words": WORDS,
        "due_labels": WORDS,
        "due_columns": WORDS,
        "done_verbs": WORDS,
        "year_parts": MAP,
        "month_parts": MAP,
        "periods": MAP,
    },
    "documents": {
        "doc_types": WORDS,
        "plan_types": WORDS,
        "indicator_section_words": WORDS,
        "summary_section_words": WORDS,
        "org_suffixes": WORDS,
        "notice_types": WORDS,
        "body_openers": WORDS,
        "recipient_openers": WORDS,
        "attachment_labels": WORDS,
        "label_words": WORDS,
        "disclosures": WORDS,
        "contact_name_labels": WORDS,
        "contact_phone_labels": WORDS,
        "metadata_empty": WORDS,
        "report_types": WORDS,
        "metadata": {"issuer": WORDS, "doc_number": WORDS, "date": WORDS, "title": WORDS, "other": WORDS},
    },
    "markers": {
        "style": [
            {"name": TEXT, "rank": INT, "ordinal": TEXT, "open": STRINGS, "close": STRINGS, "chars?": TEXT},
        ],
        "bullets": {"chars": WORDS},
        "site_notices": {"words": WORDS},
    },
    "comparators": {
        "symbols": COMPARATOR_GROUPS,
        "words": COMPARATOR_GROUPS,
        "after": COMPARATOR_GROUPS,
        "approx": COMPARATOR_GROUPS,
        "weak": COMPARATOR_GROUPS,
    },
    "units": {
        "rates": {ANY_KEY: WORDS},
        "fractions": {ANY_KEY: WORDS},
        "counting": {"words": WORDS},
        "guarded": {"words": WORDS},
        "never": {"after": {ANY_KEY: WORDS}, "before": {ANY_KEY: WORDS}},
        "multipliers": NUMBERS,
    },
    "numerals": {"digits": NUMBERS, "units": NUMBERS, "circled": {"chars": TEXT}},
    "indicators": {
        key: WORDS
        for key in (
            "suffixes", "terms", "qualifiers", "scope_words", "institution_suffixes", "lead_words", "tail_verbs",
            "trailing_words", "raising_verbs", "lowering_verbs", "meta_nouns", "not_values_after",
            "change_openers", "change_references", "baseline_openers", "baseline_references", "place_nouns",
            "furniture_words", "comparator_verbs", "activity_nouns", "list_joiners", "bracket_note_words",
            "bare_rates", "age_value_names", "lead_guards", "object_verbs",
        )
    },
    "kind": {
        "actual": {"words": WORDS},
        "target": {"words": WORDS, "not_words": WORDS, "plan_only": WORDS, "copulas": WORDS, "names": WORDS},
        "sections": {"summary": WORDS, "plan": WORDS},
    },
    "tables": {
        "roles": {
            role: WORDS for role in ("serial", "indicator", "scope", "attribute", "target", "actual", "other")
        },
        "attribute_values": {"words": WORDS},
    },
}  # fmt: skip

# Lists of one file that must not share a word.
DISJOINT: dict[str, list[tuple[str, ...]]] = {
    "dates": [
        ("before_words", "at_words", "horizon_words", "commit_words", "due_labels", "done_verbs"),
        ("due_labels", "due_columns"),
    ],
    "documents": [
        ("metadata.issuer", "metadata.doc_number", "metadata.date", "metadata.title", "metadata.other"),
        ("label_words", "doc_types"),
        ("label_words", "plan_types"),
    ],
    # 高于 is > or >=, never both; a word before the number is not also one after it
    "comparators": [("symbols.*", "words.*", "weak.*", "after.*", "approx.*")],
    # a counting word (5家) is never also a word that makes the number a name or a time (5年)
    "units": [
        ("rates.*",),
        ("fractions.*",),
        ("counting.words", "guarded.words", "never.after.*"),
        ("never.before.*",),
    ],
    "numerals": [("digits", "units")],
    "indicators": [
        ("raising_verbs", "lowering_verbs"),
        ("change_openers", "baseline_openers"),
        ("terms", "qualifiers"),
        ("terms", "lead_words"),
        ("lead_words", "lead_guards"),
    ],
    # a clause's word reports or states a goal, not both; a heading opens a summary or a plan
    "kind": [
        ("actual.words", "target.words", "target.not_words"),
        ("sections.summary", "sections.plan"),
    ],
    # a header word gives its column one role; an attribute value is no header word
    "tables": [("roles.*", "attribute_values.words")],
}

# Lists whose every word must be in another list: a plan-only goal word is a goal word.
SUBSET: dict[str, list[tuple[str, str]]] = {"kind": [("target.plan_only", "target.words")]}


class SchemaError(ValueError):
    """A rule file that does not have the shape its schema gives."""


def _check(where: str, value: Any, spec: Any) -> None:
    if isinstance(spec, dict):
        if not isinstance(value, Mapping):
            raise SchemaError(f"{where}: expected a table")
        if ANY_KEY in spec:
            for k, v in value.items():
                _check(f"{where} {k}", v, spec[ANY_KEY])
            return
        keys = {k.rstrip("?"): k.endswith("?") for k in spec}
        unknown = sorted(set(value) - set(keys))
        if unknown:
            raise SchemaError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(keys))})")
        missing = sorted(k for k, optional in keys.items() if not optional and k not in value)
        if missing:
            raise SchemaError(f"{where}: missing key {missing[0]!r}")
        for k, sub in spec.items():
            if k.rstrip("?") in value:
                _check(f"{where} {k.rstrip('?')}".strip(), value[k.rstrip("?")], sub)
    elif isinstance(spec, list):
        if not isinstance(value, list) or not value:
            raise SchemaError(f"{where}: expected an array of tables")
        for i, item in enumerate(value):
            _check(f"{where}[{i}]", item, spec[0])
    elif spec in (WORDS, CHARS, STRINGS):
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise SchemaError(f"{where}: expected a list of strings")
        seen: set[str] = set()
        for w in value:
            if w in seen:
                raise SchemaError(f"{where}: {w!r} is listed twice")
            seen.add(w)
            if spec != STRINGS and (not w or w != w.strip()):
                raise SchemaError(f"{where}: blank or padded entry {w!r}")
            if spec == CHARS and len(w) != 1:
                raise SchemaError(f"{where}: {w!r} is not one character")
    elif spec == MAP:
        if not isinstance(value, Mapping):
            raise SchemaError(f"{where}: expected a table")
    elif spec == NUMBERS:
        if not isinstance(value, Mapping) or not value:
            raise SchemaError(f"{where}: expected a table of integers")
        for k, v in value.items():
            if not k or k != k.strip() or not isinstance(v, int) or isinstance(v, bool):
                raise SchemaError(f"{where}: {k!r} = {v!r} is not a word = integer")
    elif spec == TEXT and not isinstance(value, str):
        raise SchemaError(f"{where}: expected a string")
    elif spec == INT and (not isinstance(value, int) or isinstance(value, bool)):
        raise SchemaError(f"{where}: expected an integer")


def _at(data: Mapping[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part, []) if isinstance(node, Mapping) else []
    return node


def _paths(data: Mapping[str, Any], path: str) -> list[str]:
    """``words.*`` -> ``words.>=``, ``words.>`` …; any other path stands for itself."""
    if not path.endswith(".*"):
        return [path]
    table = _at(data, path[:-2])
    return [f"{path[:-2]}.{k}" for k in table] if isinstance(table, Mapping) else []


def check_rule_file(stem: str, data: Mapping[str, Any]) -> None:
    """Raise :class:`SchemaError` when ``data`` (one parsed file) breaks its schema."""
    if stem not in SCHEMAS:
        return
    _check(f"{stem}.toml", data, SCHEMAS[stem])
    for group in DISJOINT.get(stem, []):
        owner: dict[str, str] = {}
        for path in (p for g in group for p in _paths(data, g)):
            for w in _at(data, path):
                if owner.setdefault(w, path) != path:
                    raise SchemaError(f"{stem}.toml: {w!r} is in both {owner[w]} and {path}")
    for part, whole in SUBSET.get(stem, []):
        outside = [w for w in _at(data, part) if w not in set(_at(data, whole))]
        if outside:
            raise SchemaError(f"{stem}.toml: {outside[0]!r} is in {part} but not in {whole}")


def check_rule_files(data: Mapping[str, Mapping[str, Any]]) -> None:
    """Check every parsed rule file that has a schema."""
    for stem, content in data.items():
        check_rule_file(stem, content)
