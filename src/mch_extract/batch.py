"""Many inputs -> one record each, in sorted path order, streamed as soon as they are ready.

:func:`collect_inputs` expands folders (recursively, symlink loops cut, only
``.pdf .txt .md .docx .html .htm``) and names what is not a regular file without opening it;
:func:`run_batch` extracts them with ``jobs`` worker processes and yields results in input
order, keeping at most a few records per worker in memory.  Every input yields exactly one
result: a record or an error record.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import traceback
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from types import FrameType

from .errors import MESSAGES, ExtractError

EXTENSIONS = (".pdf", ".txt", ".md", ".docx", ".html", ".htm")
STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One thing to extract: a path (or ``-``), or a problem found before opening it."""

    path: str
    problem: str | None = None  # an error type when the input cannot even be opened


@dataclass(frozen=True)
class Options:
    with_text: bool = False
    max_size: int = 64 * 1024 * 1024
    max_pages: int | None = 500
    timeout: float | None = 120.0
    debug: bool = False


@dataclass(frozen=True)
class Result:
    """The JSON of one record, and whether it is an error record."""

    path: str
    json: str
    error: bool


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


def _walk(folder: str) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
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
        dirs.sort()
        for name in files:
            if name.lower().endswith(EXTENSIONS) and not name.startswith("."):
                yield os.path.join(root, name)


def collect_inputs(paths: list[str]) -> list[Input]:
    """Files as given, folders expanded; sorted by path (standard input first)."""
    inputs: dict[str, Input] = {}
    for path in paths:
        if path == STDIN:
            inputs[STDIN] = Input(STDIN)
            continue
        kind = _kind(path)
        if kind == "dir":
            for found in _walk(path):
                inputs.setdefault(found, Input(found, _kind(found)))
        else:
            inputs.setdefault(path, Input(path, kind))
    return sorted(inputs.values(), key=lambda i: (i.path != STDIN, i.path))


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


def _error_json(path: str | None, type_: str, message: str) -> str:
    from .pipeline import error_record

    return error_record(path, type_, message).model_dump_json()


def extract_one(path: str, options: Options, data: bytes | None = None) -> Result:
    """One input -> one result, whatever happens inside (runs in a worker process)."""
    from .pipeline import extract_record

    use_alarm = bool(options.timeout) and hasattr(signal, "SIGALRM")
    previous = None
    try:
        if use_alarm:
            try:
                previous = signal.signal(signal.SIGALRM, _alarm)
                signal.setitimer(signal.ITIMER_REAL, float(options.timeout or 0))
            except ValueError:  # not the main thread: no alarm there
                use_alarm = False
        source: str | bytes = data if data is not None else path
        record = extract_record(
            source,
            with_text=options.with_text,
            max_size=options.max_size,
            max_pages=options.max_pages,
        )
        if data is not None:
            record.source.path = path
        return Result(path, record.model_dump_json(), error=hasattr(record, "error"))
    except _Timeout:
        return Result(
            path,
            _error_json(path, "timeout", MESSAGES["timeout"].replace("--timeout", f"--timeout {options.timeout:g}", 1)),
            True,
        )
    except MemoryError:
        return Result(path, _error_json(path, "too_large", "the document needs more memory than is available"), True)
    except Exception as exc:  # a bug must cost one file, not the batch
        if options.debug:
            traceback.print_exc(file=sys.stderr)
        message = f"mch-extract failed on this file ({type(exc).__name__}: {exc}); please report it"
        return Result(path, _error_json(path, "unsupported_format", message), True)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            if previous is not None:
                signal.signal(signal.SIGALRM, previous)


def _problem_result(item: Input) -> Result:
    assert item.problem is not None
    err = ExtractError(item.problem)  # type: ignore[arg-type]
    message = f"{err.message}: {item.path}" if item.problem == "not_found" else err.message
    return Result(item.path, _error_json(item.path, item.problem, message), True)


def warm_up(with_issuer: bool = False) -> None:
    """Load the rules and compile every pattern once, by extracting a tiny notice.

    ``with_issuer`` also reads the division data that a notice with an issuer needs.
    """
    from .pipeline import extract

    extract("各单位：\n一、目标\n1. 产前筛查率达到90%，6月底前完成。\n2025年3月24日".encode())
    if with_issuer:
        from .divisions import load_divisions

        load_divisions()


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def _extract_chunk(items: list[tuple[str, bytes | None]], options: Options) -> list[Result]:
    """Several inputs in one worker task: fewer round trips for many small files."""
    return [extract_one(path, options, data) for path, data in items]


CHUNK = 4  # files per worker task


def run_batch(inputs: list[Input], options: Options, jobs: int = 1, stdin: bytes | None = None) -> Iterator[Result]:
    """Results in input order; with ``jobs > 1`` extraction runs in worker processes.

    Inputs go to the workers in small chunks, at most a few chunks per worker ahead of the
    writer, so memory stays bounded however many files there are.
    """
    if jobs <= 1 or len(inputs) <= 1:
        for item in inputs:
            if item.problem:
                yield _problem_result(item)
            else:
                yield extract_one(item.path, options, stdin if item.path == STDIN else None)
        return
    warm_up()  # forked workers inherit the loaded rules and compiled patterns
    chunk = CHUNK if len(inputs) >= jobs * CHUNK * 4 else 1
    window = max(4, jobs * 3)
    pending: deque[tuple[list[Input], Future[list[Result]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init) as pool:
        it = iter(inputs)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < window:
                group = list(islice(it, chunk))
                if not group:
                    exhausted = True
                    break
                work = [(i.path, stdin if i.path == STDIN else None) for i in group if not i.problem]
                pending.append((group, pool.submit(_extract_chunk, work, options)))
            if not pending:
                break
            group, future = pending.popleft()
            try:
                done = iter(future.result())
            except Exception as exc:  # a worker that died (killed, out of memory)
                message = f"the worker process died on this chunk ({type(exc).__name__})"
                done = iter([Result(i.path, _error_json(i.path, "timeout", message), True) for i in group])
            for item in group:
                yield _problem_result(item) if item.problem else next(done)
