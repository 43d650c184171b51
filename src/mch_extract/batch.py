"""Many inputs -> one record each, in sorted path order, streamed as soon as they are ready.

:func:`collect_inputs` expands folders (recursively, symlink loops cut, only
``.pdf .ofd .txt .md .docx .doc .wps .html .htm``, the files passed over counted by reason) and
names what is not a regular file without opening it;
:func:`run_batch` extracts them with ``jobs`` worker processes and yields results in input
order, keeping at most a few records per worker in memory.  Every input yields exactly one
result: a record or an error record.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import stat
import sys
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, NamedTuple

from . import collector
from .errors import MESSAGES, ExtractError
from .pool import Failure, Prestarted, run_ordered

if TYPE_CHECKING:
    from pydantic import BaseModel

    from . import parts

EXTENSIONS = (".pdf", ".ofd", ".txt", ".md", ".docx", ".doc", ".wps", ".html", ".htm")
STDIN = "-"


class Input(NamedTuple):
    """One thing to extract: a path (or ``-``), or a problem found before opening it."""

    path: str
    problem: str | None = None  # an error type when the input cannot even be opened
    message: str | None = None  # what to say about the problem, when not the type's usual message


class Options(NamedTuple):
    with_text: bool = False
    max_size: int = 64 * 1024 * 1024
    max_pages: int | None = 500
    timeout: float | None = 120.0
    max_memory: int | None = 2 * 1024**3  # per worker process
    debug: bool = False


class Result(NamedTuple):
    """The JSON of one record, and whether it is an error record."""

    path: str
    json: str
    error: bool


class Extracted(NamedTuple):
    """The parts of one record, pickled, for the process that started the batch to make the
    record of (:func:`finish`)."""

    path: str
    parts: bytes  # a pickled parts.Notice or parts.ErrorRecord


# parts pickled larger than this are made into their record in the worker, under its memory cap
# and clock, even when the batch's process would do it: the largest of 242 real notices and
# excerpts (shared samples, dev2, corpus, PDFs) pickles to 21 KB, a 1.5 MB file of 20,000
# numbered items to 2.2 MB, whose record took the parent to 206 MB
PARENT_RECORD_LIMIT = 1024 * 1024


def _kind(path: str) -> str | None:
    """``not_found``/``not_a_file`` for a path, without opening it (a FIFO would block)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "not_found"
    except OSError:
        return "not_found" if not os.path.lexists(path) else "not_a_file"
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    return None if stat.S_ISREG(st.st_mode) else "not_a_file"


def _passed_over(name: str) -> str | None:
    """Why a file in a folder is not read, or ``None`` when it is.

    >>> _passed_over("~$通知.docx"), _passed_over("通知.ofd"), _passed_over("表.xlsx")
    ('Office lock files (~$)', None, 'files of other types')
    """
    if name.startswith("~$"):
        return "Office lock files (~$)"
    if name.startswith("."):
        return "hidden files"
    return None if name.lower().endswith(EXTENSIONS) else "files of other types"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(folder: str, follow_links: bool = False, skipped: dict[str, int] | None = None) -> Iterator[Input]:
    """The inputs in a folder; a symlink that leads out of it is skipped (and counted in
    ``skipped["links"]``) unless ``follow_links``; a folder that cannot be read is an input
    with a problem, never silently left out."""
    seen: set[tuple[int, int]] = set()
    root_real = os.path.realpath(folder)
    unreadable: list[OSError] = []

    def leaves(path: str) -> bool:
        if follow_links or not os.path.islink(path) or not os.path.exists(path):
            return False  # a dangling link is reported (not_found), it leads nowhere
        if _inside(os.path.realpath(path), root_real):
            return False
        if skipped is not None:
            skipped["links"] = skipped.get("links", 0) + 1
        return True

    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable.append):
        while unreadable:
            exc = unreadable.pop()
            yield Input(str(exc.filename), "not_found", f"the folder cannot be read: {exc.strerror or exc}")
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirs[:] = []  # a symlink loop: this folder was walked already
            continue
        seen.add(key)
        hidden = [d for d in dirs if d.startswith(".")]
        if hidden and skipped is not None:
            skipped["hidden folders"] = skipped.get("hidden folders", 0) + len(hidden)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not leaves(os.path.join(root, d)))
        for name in files:
            why = _passed_over(name)
            if why:
                if skipped is not None:
                    skipped[why] = skipped.get(why, 0) + 1
                continue
            found = os.path.join(root, name)
            if not leaves(found):
                yield Input(found, _kind(found))
    while unreadable:
        exc = unreadable.pop()
        yield Input(str(exc.filename), "not_found", f"the folder cannot be read: {exc.strerror or exc}")


def collect_inputs(
    paths: list[str], *, follow_links: bool = False, skipped: dict[str, int] | None = None
) -> list[Input]:
    """Files as given, folders expanded; sorted by path (standard input first).

    ``skipped`` (when given) counts what a folder walk left out, by reason: links leading out,
    hidden folders and files, ``~$`` lock files, files of other types.
    """
    inputs: dict[str, Input] = {}
    for path in paths:
        if path == STDIN:
            inputs[STDIN] = Input(STDIN)
            continue
        kind = _kind(path)
        if kind == "dir":
            for found in _walk(path, follow_links, skipped):
                inputs.setdefault(found.path, found)
        else:
            inputs.setdefault(path, Input(path, kind))
    return sorted(inputs.values(), key=lambda i: (i.path != STDIN, i.path))


SURROGATE = re.compile("[\ud800-\udfff]")


def record_json(record: BaseModel) -> str:
    r"""Compact JSON of a record; a path that is not valid UTF-8 (a GBK name unzipped on Linux)
    keeps its undecodable bytes as ``\udcXX`` escapes, so ``os.fsencode(json.loads(...))``
    gives the exact bytes back.

    >>> from mch_extract.record import Source
    >>> record_json(Source(path=os.fsdecode("妇幼.txt".encode("gbk"))))[:38]
    '{"path":"\\udcb8\\udcbe\\udcd3\\udcd7.txt"'
    """
    try:
        return record.model_dump_json()
    except ValueError:  # pydantic refuses lone surrogates
        import json

        text = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
        return SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _error_result(path: str, type_: str, message: str) -> Result:
    """The result of a file that gave no record: its error record."""
    from .pipeline import error_record

    return Result(path, record_json(error_record(path, type_, message)), True)


def extract_one(
    path: str, options: Options, data: bytes | None = None, records_in_parent: bool = False
) -> Result | Extracted:
    """One input -> one result, whatever happens inside (runs in a worker process).

    The result is the record's JSON or, with ``records_in_parent``, the record's parts, for the
    process that started the batch to make the record of (:func:`finish`).  That is for a batch
    of one file, whose worker the console script starts before it imports pydantic (see
    :mod:`mch_extract.entry`): importing it in the worker too would put it on the one-notice
    command's path, while the parent has it by the time the parts arrive.  Parts larger than
    :data:`PARENT_RECORD_LIMIT` are made into the record here all the same, under the
    worker's memory cap and clock.

    Time and memory are limited from outside (see :mod:`mch_extract.pool`); a ``MemoryError``
    goes up to the worker so that it is replaced.
    """
    from .pipeline import error_parts, extract_record_parts

    try:
        source: str | bytes = data if data is not None else path
        part = extract_record_parts(
            source,
            with_text=options.with_text,
            max_size=options.max_size,
            max_pages=options.max_pages,
        )
        if data is not None:
            part.source.path = path
    except MemoryError:
        raise
    except Exception as exc:  # a bug must cost one file, not the batch
        part = error_parts(path, "internal_error", _bug_message(exc, options.debug))
    if records_in_parent:
        import pickle

        pickled = pickle.dumps(part, pickle.HIGHEST_PROTOCOL)
        if len(pickled) <= PARENT_RECORD_LIMIT:
            return Extracted(path, pickled)
    return record_result(path, part, options.debug)


def record_result(path: str, part: parts.Notice | parts.ErrorRecord, debug: bool = False) -> Result:
    """The record stage for one file: its parts validated into the record, as JSON.

    Parts that do not make a valid record (a bug) give an ``internal_error`` record, for this
    file only; a ``MemoryError`` goes up (in a worker, to have it replaced).
    """
    from .record import ErrorRecord, record_of

    try:
        record = record_of(part)
        return Result(path, record_json(record), error=isinstance(record, ErrorRecord))
    except MemoryError:
        raise
    except Exception as exc:
        return _error_result(path, "internal_error", _bug_message(exc, debug))


def finish(extracted: Extracted, debug: bool = False) -> Result:
    """:func:`record_result` for the parts a worker sent, in the process that started the batch,
    which must never stop on one file: running out of memory here gives a ``too_large`` record."""
    import pickle

    try:
        return record_result(extracted.path, pickle.loads(extracted.parts), debug)
    except MemoryError:
        message = "the record needs more memory than this process can get: extract it on a machine with more"
        return _error_result(extracted.path, "too_large", message)
    except Exception as exc:  # parts that do not unpickle: a bug
        return _error_result(extracted.path, "internal_error", _bug_message(exc, debug))


def _bug_message(exc: Exception, debug: bool) -> str:
    """What an ``internal_error`` record says of an exception (its traceback on stderr with ``debug``)."""
    if debug:
        import traceback  # not at the top: the worker's start-up would import it for nothing

        traceback.print_exception(exc, file=sys.stderr)
    return (
        f"mch-extract failed on this file ({type(exc).__name__}: {exc}); "
        "please report it with the file (run with --debug for the traceback)"
    )


def _problem_result(item: Input) -> Result:
    assert item.problem is not None
    err = ExtractError(item.problem, item.message)  # type: ignore[arg-type]
    message = f"{err.message}: {item.path}" if item.problem == "not_found" and not item.message else err.message
    return _error_result(item.path, item.problem, message)


# A notice in the usual form (a 发文字号, a title that carries a plan, recipients, numbered items at
# three levels, a target with a deadline, attachments, a signature, a contact, a table): extracting
# it compiles the patterns nearly every notice needs, so that a worker does not compile them on
# its first file (in the one-notice command, on its path: 26 patterns, ~15 ms, before this).
WARM_UP_NOTICE = """长春市卫生健康委员会文件
长卫健发〔2025〕3号
关于印发《长春市2025年妇幼健康工作要点》的通知
各县（市）区卫生健康局：
现将《长春市2025年妇幼健康工作要点》印发给你们，请认真贯彻落实。
附件：1.长春市2025年妇幼健康工作要点
2.任务分解表
长春市卫生健康委员会
2025年3月24日
（联系人：张明，联系电话：0431-88776655）
长春市2025年妇幼健康工作要点
一、工作目标
（一）孕产妇系统管理率达到90%以上，剖宫产率、孕产妇死亡率和婴儿死亡率持续下降，6月底前完成。
1. 每个县（市）区至少建成1家危重孕产妇救治中心。
（二）力争到2025年底全市住院分娩率稳定在99%以上，早孕建册率>85%，2024年的出生缺陷防治知识知晓率达到80%。
序号\t任务\t完成时限
1\t两癌筛查\t2025年12月底
"""


def warm_up(with_issuer: bool = False, with_records: bool = False) -> None:
    """Load the rules and compile the patterns, by extracting a short notice (:data:`WARM_UP_NOTICE`).

    ``with_issuer`` also reads the division data that a notice with an issuer needs;
    ``with_records`` also imports the record models (pydantic) and builds the notice's record.
    """
    from .pipeline import extract, extract_parts

    notice = WARM_UP_NOTICE.encode()
    if with_records:
        extract(notice)
    else:
        extract_parts(notice)
    if with_issuer:
        from .divisions import load_divisions

        load_divisions()


def _size_text(n: int) -> str:
    """``2147483648`` -> ``2 GB``."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:.3g} {unit}"
    return f"{n} bytes"


def _failure(options: Options) -> Callable[[tuple[str, bytes | None], Failure, str], Result]:
    def failed(item: tuple[str, bytes | None], kind: Failure, detail: str) -> Result:
        path = item[0]
        if kind == "timeout":
            message = MESSAGES["timeout"].replace("--timeout", f"--timeout {options.timeout or 0:g}", 1)
            return _error_result(path, "timeout", message)
        if kind == "memory":
            limit = _size_text(options.max_memory) if options.max_memory else "the memory available"
            message = f"the document needs more memory than --max-memory ({limit}): raise --max-memory"
            return _error_result(path, "too_large", message)
        if kind == "unreadable":
            message = (
                f"the worker's result for this file could not be read back ({detail}); the rest of the batch "
                "went on. Please report it with the file"
            )
            return _error_result(path, "internal_error", message)
        message = (
            f"the worker process extracting this file died ({detail}); the rest of the batch went on. "
            "Please report it with the file"
        )
        return _error_result(path, "internal_error", message)

    return failed


def _extract_item(options: Options, records_in_parent: bool, item: tuple[str, bytes | None]) -> Result | Extracted:
    return extract_one(item[0], options, item[1], records_in_parent)


def _work(
    options: Options, records_in_parent: bool = False
) -> Callable[[tuple[str, bytes | None]], Result | Extracted]:
    """``extract_one`` under ``options``, as a callable that pickles (a started worker gets it by pipe)."""
    return functools.partial(_extract_item, options, records_in_parent)


@contextlib.contextmanager
def lasting_objects() -> Iterator[None]:
    """For start-up work in a process of its own, whose objects (modules, record models, rules,
    compiled patterns) live as long as the process: the cyclic garbage collector is paused while
    they are made, then they are frozen (``gc.freeze``), so that no later collection walks them
    again; the collector's state is restored after.  On the one-notice command's path (the
    parent up to the fork, then the worker): 22M of 1,586M instructions.  Not for a library
    caller's process: what is frozen is never collected.
    """
    with collector.paused():
        try:
            yield
        finally:
            gc.freeze()


def _warm_worker() -> None:
    with lasting_objects():
        warm_up()


def start_worker() -> Prestarted:
    """A worker process that loads the pipeline now and extracts what :func:`run_batch` sends it
    (``first=``) later: the console script starts it before parsing its command line."""
    return Prestarted(_warm_worker)


def run_batch(
    inputs: list[Input],
    options: Options,
    jobs: int = 1,
    stdin: bytes | None = None,
    stop: Callable[[], bool] = lambda: False,
    wakeup: int | None = None,
    first: Prestarted | None = None,
) -> Generator[Result, None, None]:
    """Results in input order, each file extracted in a worker process under ``options``'
    time and memory limits (see :mod:`mch_extract.pool`).

    At most a few files per worker are in flight ahead of the writer, so memory stays bounded
    however many files there are.  ``stop``/``wakeup``: see :func:`mch_extract.pool.run_ordered`;
    ``first``: a worker already started (:func:`start_worker`), to use before forking others.

    A file's time limit is never spent on start-up: with several files the workers are forked
    from this process once it has loaded the rules and compiled the patterns, and inherit them;
    with one file its only worker loads them itself, and its clock starts when it is ready, so
    that nothing is loaded twice.  With one file, this process makes the record of the parts
    the worker sends (:func:`finish`; large parts excepted, see :func:`extract_one`) and imports
    the record models while the worker works; with several, the workers make their records.
    """
    work = [(i.path, stdin if i.path == STDIN else None) for i in inputs if not i.problem]
    single = len(work) == 1
    if single:
        if first is None:
            first = start_worker()
        from . import record  # noqa: F401  (for the parts the worker sends: loaded while it warms up)
    elif work:
        # for the workers forked here, and those replacing a killed one
        warm_up(with_issuer=True, with_records=True)
    results: Generator[Result | Extracted, None, None] = run_ordered(
        work,
        _work(options, records_in_parent=single),
        _failure(options),
        jobs=jobs,
        timeout=options.timeout,
        memory=options.max_memory,
        stop=stop,
        wakeup=wakeup,
        first=first,
    )
    try:
        for item in inputs:
            if item.problem:
                yield _problem_result(item)
                continue
            if stop():
                return
            result = next(results, None)
            if result is None:  # stopped
                return
            yield finish(result, options.debug) if isinstance(result, Extracted) else result
    finally:
        results.close()  # kills the workers at once when the caller stops early
        if first is not None:
            first.close()  # not taken: the batch stopped before its first file
