"""Ablation: remove one vocabulary entry of ``patterns/*.toml`` at a time and measure what it was worth.

    python bench/ablate.py                          # every entry (≈ 10 min with 2 jobs)
    python bench/ablate.py --files kind,comparators # only these files
    python bench/ablate.py --limit 20 --jobs 1      # the first 20 entries, one process

For every entry (a word of a list, a key of a table of scalars, a table of an array such as a
marker style) the entry is removed from a copy of the rule folder (``MCH_EXTRACT_PATTERNS``),
every cache built from the rules is cleared, and the library runs in-process over

- dev  (``/work/shared/samples/*.txt``, gold ``eval/gold``) and dev2 (``samples/dev2``, gold
  ``eval/gold-dev2``), scored with the official scorer's own functions (``eval/score.py``);
- the corpus (``corpus/real``): the two figures of ``bench/corpus_signal.py`` that need no gold,
  targets count and implausible indicator names (its ``implausible`` check).

The table gives the change against the full rule set (negative: the score drops without the
entry, so the entry helps), and the documents whose record changed. An entry absent from every
input text (also after NFKC and the traditional fold) cannot match anything and is not run; it is
listed as absent.  Entries that change nothing are listed as "unused on these sets".
Not covered: ``traditional.toml`` (a character table) and ``indicators_canonical.toml``
(the dictionary); regexes (``*_patterns``) are run, never skipped as absent.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import importlib.util
import json
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MCH_SHARED", "/work/shared"))
sys.path.insert(0, str(ROOT / "bench"))

SKIP_FILES = {"traditional", "indicators_canonical"}
SETS = {"dev": ("samples", "eval/gold"), "dev2": ("samples/dev2", "eval/gold-dev2")}


# --- the rule files -------------------------------------------------------------------------


BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(k: str) -> str:
    return k if BARE_KEY.fullmatch(k) else json.dumps(k, ensure_ascii=False)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def dump_toml(data: dict[str, Any], prefix: tuple[str, ...] = ()) -> str:
    """A TOML text that ``tomllib`` reads back as ``data`` (enough for the rule files).

    >>> text = dump_toml({"a": [1, "二"], "t": {"x": {"y": ["z"]}}, "s": [{"n": "p"}]})
    >>> tomllib.loads(text) == {"a": [1, "二"], "t": {"x": {"y": ["z"]}}, "s": [{"n": "p"}]}
    True
    """
    lines: list[str] = []
    tables: list[tuple[str, Any]] = []
    for k, v in data.items():
        if isinstance(v, dict) or _is_table_array(v):
            tables.append((k, v))
        else:
            lines.append(f"{_key(k)} = {_value(v)}")
    for k, v in tables:
        path = (*prefix, k)
        header = ".".join(_key(p) for p in path)
        if isinstance(v, dict):
            lines.append(f"\n[{header}]")
            lines.append(dump_toml(v, path))
        else:
            for item in v:
                lines.append(f"\n[[{header}]]")
                lines.append(dump_toml(item, path))
    return "\n".join(line for line in lines if line != "")


@dataclass(frozen=True)
class Entry:
    file: str
    path: tuple[str | int, ...]  # where the container is
    item: str | int  # the list index or the table key removed
    label: str  # what is removed, as printed

    @property
    def key(self) -> str:
        return ".".join(str(p) for p in self.path) or "(top)"

    @property
    def probe(self) -> str | None:
        """The literal word whose absence from every text means the entry cannot act (None: a
        regex, a marker style or an empty string, always run)."""
        if any("pattern" in str(p) for p in self.path) or self.label.startswith("[") or not self.label:
            return None
        return self.label


def _map_like(v: Any) -> bool:
    return not isinstance(v, (dict, list)) or (isinstance(v, list) and all(isinstance(x, (int, float)) for x in v))


def entries(stem: str, data: Any, path: tuple[str | int, ...] = ()) -> Iterator[Entry]:
    """Every removable entry of a parsed rule file: the words of a list, the keys of a table of
    scalars (两 = 2, 上半年 = [1, 6]), the tables of an array (a marker style) and their words."""
    if isinstance(data, dict):
        if path and path[-1] != "circled" and data and all(_map_like(v) for v in data.values()):
            for k in data:
                yield Entry(stem, path, k, k)
            return
        for k, v in data.items():
            yield from entries(stem, v, (*path, k))
    elif _is_table_array(data):
        for i, item in enumerate(data):
            yield Entry(stem, path, i, f"[{item.get('name', i)}]")
            yield from entries(stem, item, (*path, i))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            if isinstance(v, str):
                yield Entry(stem, path, i, v)


def removed(data: dict[str, Any], e: Entry) -> dict[str, Any]:
    """The file without the entry; a word removed from a list goes from its subsets too
    (``schema.SUBSET``: a plan-only goal word is a goal word)."""
    from mch_extract.schema import SUBSET

    out = copy.deepcopy(data)

    def drop(path: tuple[str | int, ...], item: str | int) -> None:
        node: Any = out
        for p in path:
            node = node[p]
        if isinstance(item, str) and isinstance(node, list):
            node.remove(item)
        else:
            del node[item]

    drop(e.path, e.item)
    for part, whole in SUBSET.get(e.file, []):
        if ".".join(map(str, e.path)) == whole and e.label in _get(out, part):
            drop(tuple(part.split(".")), e.label)
    return out


def _get(data: Any, path: str) -> Any:
    for p in path.split("."):
        data = data[p]
    return data


# --- the inputs and the scorer ---------------------------------------------------------------


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("mch_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def inputs() -> dict[str, list[tuple[str, bytes, dict[str, Any] | None]]]:
    """Per set: (stem, the file's bytes, gold or None)."""
    out: dict[str, list[tuple[str, bytes, dict[str, Any] | None]]] = {}
    for name, (folder, gold) in SETS.items():
        docs = []
        for g in sorted((SHARED / gold).glob("*.json")):
            src = SHARED / folder / f"{g.stem}.txt"
            if src.is_file():
                docs.append((g.stem, src.read_bytes(), json.loads(g.read_text(encoding="utf-8"))))
        out[name] = docs
    corpus = sorted(p for p in (SHARED / "corpus" / "real").iterdir() if p.suffix in (".txt", ".md", ".html"))
    out["corpus"] = [(p.stem, p.read_bytes(), None) for p in corpus]
    return out


Doc = tuple[str, bytes, dict[str, Any] | None]  # stem, the file's bytes, gold (None: corpus)


@dataclass
class Measure:
    """What one document contributes to the figures."""

    digest: str
    targets: tuple[int, int, int] = (0, 0, 0)  # tp, fp, fn against gold
    tasks: tuple[int, int, int] = (0, 0, 0)
    fields: tuple[int, int] = (0, 0)  # right, asked
    counts: tuple[int, int, int] = (0, 0, 0)  # targets, implausible names, kind actual
    text: str = ""  # every form of the text a rule word is looked for in


@dataclass
class Result:
    scores: dict[str, float] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # "set/stem" -> hash of the record
    error: str | None = None


def measure(stem: str, data: bytes, gold: dict[str, Any] | None, score: Any, keep_text: bool = False) -> Measure:
    """Run the library over one document and score it."""
    from corpus_signal import implausible
    from mch_extract.pipeline import extract_bytes
    from mch_extract.rules import load_rules

    rec = extract_bytes(data, stem, with_text=keep_text).model_dump(mode="json")
    rec.pop("source", None)
    text = rec.pop("text", None) or ""
    m = Measure(hashlib.md5(json.dumps(rec, sort_keys=True).encode()).hexdigest())
    if keep_text:
        raw = data.decode("utf-8", "replace")
        m.text = "\n".join((raw, unicodedata.normalize("NFKC", raw), text, load_rules().fold(text)))
    ts = rec["targets"]
    m.counts = (
        len(ts),
        sum(1 for t in ts if implausible(t.get("indicator"))),
        sum(t.get("kind") == "actual" for t in ts),
    )
    if gold is None:
        return m
    if gold.get("targets") is not None:
        m.targets = tuple(score.match_targets(gold["targets"], ts)[:3])  # type: ignore[assignment]
    if gold.get("tasks") is not None:
        m.tasks = tuple(score.match_tasks(gold["tasks"], rec["tasks"])[:3])  # type: ignore[assignment]
    gdoc = gold.get("document") or {}
    asked = [f for f in score.DOC_FIELDS if f in gdoc]
    right = sum(bool(score.field_equal(gdoc[f], (rec.get("document") or {}).get(f))) for f in asked)
    m.fields = (right, len(asked))
    return m


def total(measures: dict[str, Measure], score: Any) -> Result:
    """The figures of a run from its documents' measures (keys "set/stem")."""
    res = Result(digests={k: m.digest for k, m in measures.items()})

    def add(ms: list[Measure], attr: str) -> list[int]:
        return [sum(getattr(m, attr)[i] for m in ms) for i in range(len(getattr(ms[0], attr)))]

    for name in SETS:
        ms = [m for k, m in measures.items() if k.startswith(name + "/")]
        res.scores[f"targets {name}"] = score.prf(*add(ms, "targets"))[2]
    gold = [m for k, m in measures.items() if not k.startswith("corpus/")]
    res.scores["tasks"] = score.prf(*add(gold, "tasks"))[2]
    right, asked = add(gold, "fields")
    res.scores["fields"] = right / asked if asked else 0.0
    corpus = [m for k, m in measures.items() if k.startswith("corpus/")]
    targets, bad, actual = add(corpus, "counts")
    res.scores.update({"corpus targets": targets, "corpus implausible": bad, "corpus actual": actual})
    return res


def evaluate(docs: dict[str, list[Doc]], score: Any, base: dict[str, Measure] | None = None, probe: str | None = None):  # type: ignore[no-untyped-def]
    """Measure every document (with ``base``: only those whose text holds ``probe``; the others
    cannot change) and return the figures and the measures."""
    measures: dict[str, Measure] = {}
    for name, items in docs.items():
        for stem, data, gold in items:
            key = f"{name}/{stem}"
            if base is not None and probe is not None and probe not in base[key].text:
                measures[key] = base[key]
            else:
                measures[key] = measure(stem, data, gold, score, keep_text=base is None)
    return total(measures, score), measures


def clear_caches() -> None:
    """Forget everything built from the rules: every functools cache of the package."""
    for name, mod in list(sys.modules.items()):
        if name == "mch_extract" or name.startswith("mch_extract."):
            for obj in list(vars(mod).values()):
                if callable(obj) and hasattr(obj, "cache_clear"):
                    obj.cache_clear()


# --- the runs --------------------------------------------------------------------------------


def work(job: tuple[list[Entry], str]) -> list[tuple[Entry, Result]]:
    chosen, src = job
    folder = Path(tempfile.mkdtemp(prefix="mch-ablate-"))
    try:
        for f in Path(src).glob("*.toml"):
            shutil.copy(f, folder / f.name)
        os.environ["MCH_EXTRACT_PATTERNS"] = str(folder)
        score, docs = load_scorer(), inputs()
        clear_caches()
        _, base = evaluate(docs, score)
        parsed = {f.stem: tomllib.loads(f.read_text(encoding="utf-8")) for f in folder.glob("*.toml")}
        out = []
        for e in chosen:
            target = folder / f"{e.file}.toml"
            original = target.read_bytes()
            try:
                target.write_text(dump_toml(removed(parsed[e.file], e)), encoding="utf-8")
                clear_caches()
                out.append((e, evaluate(docs, score, base, e.probe)[0]))
            except Exception as exc:
                out.append((e, Result(error=f"{type(exc).__name__}: {exc}"[:80])))
            finally:
                target.write_bytes(original)
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _pad(text: str, width: int) -> str:
    """Pad to a display width: a CJK character takes two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", help="comma-separated file stems (default: every rule file)")
    ap.add_argument("--limit", type=int, help="only the first N entries")
    ap.add_argument("--jobs", type=int, default=2, help="processes (at most 2 on a shared machine)")
    ap.add_argument("--all", action="store_true", help="also run entries absent from every text")
    args = ap.parse_args()

    from mch_extract.rules import patterns_dir

    src = patterns_dir()
    stems = sorted(p.stem for p in src.glob("*.toml") if p.stem not in SKIP_FILES)
    if args.files:
        wanted = args.files.split(",")
        unknown = sorted(set(wanted) - set(stems))
        if unknown:
            print(f"unknown rule files: {', '.join(unknown)} (known: {', '.join(stems)})", file=sys.stderr)
            return 2
        stems = wanted
    every = [e for s in stems for e in entries(s, tomllib.loads((src / f"{s}.toml").read_text(encoding="utf-8")))]
    if args.limit:
        every = every[: args.limit]
    docs = inputs()
    base, measures = evaluate(docs, load_scorer())
    corpus_text = "\n".join(m.text for m in measures.values())
    absent = [] if args.all else [e for e in every if e.probe is not None and e.probe not in corpus_text]
    run = [e for e in every if e not in absent]
    print(
        f"{len(every)} entries in {len(stems)} files; {len(absent)} absent from every text; running {len(run)}",
        file=sys.stderr,
    )

    jobs = max(1, min(args.jobs, 2))
    chunks = [(run[i::jobs], str(src)) for i in range(jobs)]
    if jobs == 1:
        results = work(chunks[0])
    else:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            results = [r for part in pool.map(work, chunks) for r in part]

    cols = ["targets dev", "targets dev2", "tasks", "fields", "corpus implausible", "corpus targets", "corpus actual"]
    rows = []
    unused = []
    for e, r in results:
        if r.error:
            rows.append((1e9, e, None, r.error))
            continue
        deltas = [r.scores[c] - base.scores[c] for c in cols]
        changed = sorted(k for k, v in r.digests.items() if base.digests.get(k) != v)
        if not changed and not any(abs(d) > 1e-9 for d in deltas):
            unused.append(e)
            continue
        weight = abs(deltas[0]) + abs(deltas[1]) + abs(deltas[2]) + abs(deltas[3]) + 0.001 * abs(deltas[4])
        rows.append((weight + 1e-6 * len(changed), e, deltas, changed))
    rows.sort(key=lambda x: -x[0])

    print("base: " + "  ".join(f"{c}={base.scores[c]:.4g}" for c in cols))
    print("Δ = score without the entry - score with it (negative: the entry helps; positive: removing it improves)")
    print(
        "corpus: Δimpl implausible names, Δn targets, Δact targets of kind actual;"
        " then the documents whose record changed"
    )
    print(
        f"{'file':<18} {'key':<24} {_pad('entry', 14)} {'Δtgt dev':>8} {'Δdev2':>7} {'Δtasks':>7} {'Δfields':>7}"
        f" {'Δimpl':>5} {'Δn':>4} {'Δact':>4}  changed documents"
    )
    for _, e, deltas, info in rows:
        if deltas is None:
            print(f"{e.file:<18} {e.key:<24} {_pad(e.label, 14)} ERROR {info}")
            continue
        d = deltas
        docs_changed = info
        shown = ", ".join(docs_changed[:6]) + (f" … (+{len(docs_changed) - 6})" if len(docs_changed) > 6 else "")
        print(
            f"{e.file:<18} {e.key:<24} {_pad(e.label, 14)} {d[0]:>+8.4f} {d[1]:>+7.4f} {d[2]:>+7.4f} {d[3]:>+7.4f} "
            f"{d[4]:>+5.0f} {d[5]:>+4.0f} {d[6]:>+4.0f}  {len(docs_changed)}: {shown}"
        )
    scored = [(e, d, c) for _, e, d, c in rows if d is not None]
    one = sorted(((e, c[0]) for e, d, c in scored if len(c) == 1), key=lambda x: x[1].startswith("corpus/"))
    print(
        f"\nserve one document only ({len(one)}; {sum(not d.startswith('corpus/') for _, d in one)} of them a dev or"
        " dev2 document): removing the entry changes that one record, nothing else"
    )
    for e, doc in one:
        print(f"  {e.file}.{e.key}: {e.label}  ({doc})")
    better = [(e, d) for e, d, _ in scored if any(x > 1e-9 for x in d[:4]) or (d[4] < 0 and d[5] >= 0)]
    print(
        f"\nremoving the entry improves a score ({len(better)}): a gold score rises,"
        " or fewer implausible names with no fewer corpus targets"
    )
    for e, d in better:
        what = [f"{c} {x:+.4f}" for c, x in zip(cols[:4], d[:4], strict=True) if x > 1e-9]
        what += [f"implausible {d[4]:+.0f}"] if d[4] < 0 and d[5] >= 0 else []
        worse = [f"{c} {x:+.4f}" for c, x in zip(cols[:4], d[:4], strict=True) if x < -1e-9]
        but = f"; but {', '.join(worse)}" if worse else ""
        print(f"  {e.file}.{e.key}: {e.label}  ({', '.join(what)}{but}; corpus actual {d[6]:+.0f})")
    print(f"\nunused on these sets ({len(unused)}): record unchanged on dev, dev2 and the corpus")
    for e in unused:
        print(f"  {e.file}.{e.key}: {e.label}")
    print(f"\nabsent from every text, not run ({len(absent)})")
    for e in absent:
        print(f"  {e.file}.{e.key}: {e.label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
