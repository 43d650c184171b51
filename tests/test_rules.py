"""The rule files: shape, no duplicates, and shipped inside the wheel."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mch_extract
from mch_extract.rules import PATTERN_FILES, build_rules, load_rules, patterns_dir, read_pattern_files

ROOT = Path(__file__).resolve().parents[1]


def _lists(node, path=""):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _lists(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list) and all(isinstance(x, str) for x in node):
        yield path, node


@pytest.mark.parametrize("stem", PATTERN_FILES)
def test_rule_file_parses_and_has_no_duplicates(stem: str) -> None:
    data = tomllib.loads((patterns_dir() / f"{stem}.toml").read_text("utf-8"))
    assert data
    for path, words in _lists(data):
        dupes = sorted({w for w in words if words.count(w) > 1})
        assert not dupes, f"{stem}.toml {path}: duplicates {dupes}"
        assert all(w == w.strip() and w for w in words), f"{stem}.toml {path}: blank or padded entry"


def test_no_comparator_word_means_two_things() -> None:
    data = read_pattern_files()["comparators"]
    seen: dict[str, str] = {}
    for group in ("symbols", "words", "weak"):
        for op, words in data[group].items():
            for w in words:
                assert seen.setdefault(w, op) == op, f"{w!r} is both {seen[w]} and {op}"


def test_rule_set_is_immutable_and_loaded_once() -> None:
    rules = load_rules()
    assert load_rules() is rules
    with pytest.raises(TypeError):
        rules.comparator_symbols["≥"] = "<"  # type: ignore[index]
    with pytest.raises(AttributeError):
        rules.doc_types = ()  # type: ignore[misc]


def test_traditional_map_is_one_to_one() -> None:
    data = read_pattern_files()
    data["traditional"]["characters"]["醫療"] = "医疗"
    with pytest.raises(ValueError):
        build_rules(data)


MODULES = sorted(m.name for m in pkgutil.walk_packages(mch_extract.__path__, "mch_extract."))


@pytest.mark.parametrize("name", ["mch_extract", *MODULES])
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def test_every_checked_rule_file_has_its_schema() -> None:
    from mch_extract.schema import SCHEMAS, check_rule_files

    data = read_pattern_files()
    assert set(SCHEMAS) <= set(data)
    check_rule_files(data)  # the shipped files pass


@pytest.mark.parametrize(
    ("stem", "change", "message"),
    [
        ("documents", lambda d: d.update(title_openers=["关于"]), "unknown key 'title_openers'"),
        ("documents", lambda d: d["metadata"].update(isuer=["发布机构"]), "unknown key 'isuer'"),
        ("dates", lambda d: d.update(done_verbs=[*d["done_verbs"], "完成"]), "'完成' is listed twice"),
        ("dates", lambda d: d.update(at_words=[*d["at_words"], "到"]), "'到' is in both"),
        ("documents", lambda d: d["metadata"].update(title=[*d["metadata"]["title"], "文号"]), "'文号' is in both"),
        ("dates", lambda d: d.update(not_horizon_after=["达到"]), "not one character"),
        ("markers", lambda d: d["style"][0].update(rank="1"), "expected an integer"),
        ("documents", lambda d: d.pop("report_types"), "missing key 'report_types'"),
    ],
    ids=["dead-key", "typo-in-a-table", "duplicate", "overlap", "overlap-in-metadata", "chars", "type", "missing"],
)
def test_schema_rejects(stem: str, change, message: str) -> None:  # type: ignore[no-untyped-def]
    from mch_extract.schema import SchemaError

    data = read_pattern_files()
    change(data[stem])
    with pytest.raises(SchemaError, match=regex_escape(message)):
        build_rules(data)


@pytest.mark.parametrize("stem", ["comparators", "units", "numerals", "indicators", "kind", "tables"])
def test_target_rule_file_has_a_schema(stem: str) -> None:
    from mch_extract.schema import SCHEMAS, SchemaError, check_rule_file

    data = read_pattern_files()[stem]
    assert stem in SCHEMAS
    check_rule_file(stem, data)  # the shipped file passes
    with pytest.raises(SchemaError, match="unknown key 'extra_words'"):
        check_rule_file(stem, {**data, "extra_words": ["x"]})
    first = next(k for k in SCHEMAS[stem] if not k.endswith("?"))
    with pytest.raises(SchemaError, match=regex_escape(f"missing key '{first}'")):
        check_rule_file(stem, {k: v for k, v in data.items() if k != first})


def _add(path: str, word: object):  # type: ignore[no-untyped-def]
    """A change that appends ``word`` to the list at ``path`` (dotted) of one file."""

    def change(d):  # type: ignore[no-untyped-def]
        *parents, last = path.split(".")
        for p in parents:
            d = d[p]
        d[last] = [*d[last], word]

    return change


@pytest.mark.parametrize(
    ("stem", "change", "message"),
    [
        ("comparators", _add("words.>", "不低于"), "'不低于' is in both words.>= and words.>"),
        ("comparators", _add("after.>=", "达到"), "'达到' is in both weak.>= and after.>="),
        ("comparators", lambda d: d["words"].update({"=>": ["不少于"]}), "unknown key '=>'"),
        ("comparators", _add("symbols.>=", "≥"), "'≥' is listed twice"),
        ("units", _add("counting.words", "年"), "'年' is in both counting.words and never.after.year"),
        ("units", _add("never.after.price", "月"), "'月' is in both never.after.date and never.after.price"),
        ("units", lambda d: d["multipliers"].update({"千": "1000"}), "is not a word = integer"),
        ("units", lambda d: d["never"].update(around=[]), "unknown key 'around'"),
        ("numerals", lambda d: d["units"].update({"两": 2}), "'两' is in both digits and units"),
        ("numerals", lambda d: d["circled"].update(chars=["①"]), "expected a string"),
        ("indicators", _add("lowering_verbs", "提高"), "'提高' is in both raising_verbs and lowering_verbs"),
        ("indicators", _add("terms", "孕产妇"), "'孕产妇' is in both terms and qualifiers"),
        ("indicators", _add("suffixes", " 率"), "blank or padded entry"),
        ("kind", _add("target.words", "已"), "'已' is in both actual.words and target.words"),
        ("kind", _add("sections.plan", "总结"), "'总结' is in both sections.summary and sections.plan"),
        ("kind", _add("target.plan_only", "每周"), "'每周' is in target.plan_only but not in target.words"),
        ("kind", lambda d: d["target"].update(word=["力争"]), "unknown key 'word'"),
        ("tables", _add("roles.scope", "指标"), "'指标' is in both roles.indicator and roles.scope"),
        ("tables", _add("attribute_values.words", "属性"), "'属性' is in both roles.attribute and attribute_values"),
        ("tables", _add("roles.serial", "序号"), "'序号' is listed twice"),
    ],
)
def test_target_schema_rejects(stem: str, change, message: str) -> None:  # type: ignore[no-untyped-def]
    from mch_extract.schema import SchemaError

    data = read_pattern_files()
    change(data[stem])
    with pytest.raises(SchemaError, match=regex_escape(message)):
        build_rules(data)


def regex_escape(text: str) -> str:
    import re

    return re.escape(text)


def test_mch_extract_patterns_overrides_the_folder(tmp_path, monkeypatch):
    import shutil

    for f in patterns_dir().glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "kind.toml").write_text(
        (tmp_path / "kind.toml").read_text(encoding="utf-8").replace('"力争", ', "", 1), encoding="utf-8"
    )
    monkeypatch.setenv("MCH_EXTRACT_PATTERNS", str(tmp_path))
    assert patterns_dir() == tmp_path
    assert "力争" not in read_pattern_files()["kind"]["target"]["words"]
    monkeypatch.setenv("MCH_EXTRACT_PATTERNS", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError):
        patterns_dir()


_TRADITIONAL = sorted(chr(c) for c in load_rules().traditional)


@given(st.text(st.one_of(st.sampled_from(_TRADITIONAL), st.characters(), st.sampled_from("筛查率达到%≥"))))
@settings(max_examples=300, deadline=None)
def test_fold_is_the_translation_whether_or_not_the_scan_finds_a_character(text: str) -> None:
    """fold skips translate when its scan finds no traditional character: the answer is the translation."""
    rules = load_rules()
    assert rules.fold(text) == text.translate(rules.traditional)


def test_no_traditional_characters_fold_nothing() -> None:
    data = read_pattern_files()
    data["traditional"]["characters"] = {}
    rules = build_rules(data)
    assert rules.fold("篩查率達到") == "篩查率達到"
