"""Worker processes whose limits are enforced from outside the work.

Each worker is a forked process that extracts one file at a time under an address-space cap
(``RLIMIT_AS``: an allocation past it fails, so Python raises ``MemoryError`` and native code
fails or aborts).  The parent keeps the clock: a file that runs past its time limit has its
worker killed (``SIGKILL``: pdfium or a regex engine cannot ignore it) and replaced, and a
worker that dies for any reason (the kernel's OOM killer, a crash in a native library, a
``kill -9``) costs only the file it held.  Results come back in input order, streamed, with
at most ``window`` files dispatched ahead of the one the caller is waiting for.

Why not pebble or loky: both were measured (see ``README.md``, Reliability).  This pool is
~200 lines with no dependency, tells a timeout from a death from a memory cap, and lets the
caller stop it at once on Ctrl-C without waiting for a busy worker.

>>> list(run_ordered([1, 2, 3], lambda x: x * 10, lambda i, kind, why: -1, jobs=2))
[10, 20, 30]
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Generator
from multiprocessing.connection import Connection, wait
from typing import Any, Literal, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Failure = Literal["timeout", "memory", "died", "unreadable"]

LIVE: set[int] = set()  # pids of live workers, for a signal handler that must kill them at once
SAMPLE = 0.1  # seconds between looks at the workers' memory and the clock


def _die_with_parent(parent: int | None = None) -> None:
    """Linux: the kernel kills this worker when the parent dies (no orphans after ``kill -9``);
    a ``parent`` that died before that was said is noticed too."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:
        os._exit(0)


def _cap_memory(limit: int | None) -> None:
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # no such limit on this system: the parent's clock still holds
        pass


def _serve(
    conn: Connection,
    work: Callable[[Any], Any] | None,
    limit: int | None,
    init: Callable[[], None] | None = None,
    parent: int | None = None,
) -> None:
    """The worker's loop: one item in, one result out, until the parent closes the pipe.

    A worker started with ``init`` (see :class:`Prestarted`) runs it, says ``ready``, and
    then gets its work and memory limit from the parent.  Nothing escapes as a traceback:
    whatever goes wrong ends the process, and the parent names it for the file the worker held.
    """
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        faulthandler.disable()  # a native crash is reported by the parent, as a record, not as a stack dump
        _die_with_parent(parent)
        if init is not None:
            init()
            conn.send(("ready", None))
            setup = conn.recv()
            if setup is None:
                os._exit(0)
            work, limit = setup
        assert work is not None
        _cap_memory(limit)
        while True:
            try:
                item = conn.recv()
            except (EOFError, OSError):
                break
            if item is None:
                break
            try:
                result = work(item)
            except MemoryError:
                conn.send(("memory", None))
                break  # a worker that ran out of memory is not trusted with the next file
            conn.send(("ok", result))
    except MemoryError:
        with contextlib.suppress(BaseException):
            conn.send(("memory", None))
    except BaseException:
        pass
    os._exit(0)


class _Worker:
    def __init__(
        self,
        ctx: Any,
        work: Callable[[Any], Any] | None,
        limit: int | None,
        init: Callable[[], None] | None = None,
    ) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(child, work, limit, init, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        LIVE.add(self.proc.pid)
        self.job: tuple[int, float] | None = None  # (index, deadline)
        self.vm = 0  # last sampled address-space size in bytes

    def kill(self) -> None:
        if self.proc.pid is not None:
            LIVE.discard(self.proc.pid)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to leave; kill it if it does not."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(1.0)
        self.kill()

    def sample(self) -> None:
        try:
            with open(f"/proc/{self.proc.pid}/statm", "rb") as fh:
                self.vm = max(self.vm, int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE"))
        except (OSError, ValueError, IndexError):
            pass


class Prestarted:
    """A worker started before its work is known, to run ``init`` (imports, rules) while the
    parent is still busy, e.g. parsing its command line; :func:`run_ordered` takes it as its
    first worker (``first=``) and sends it the work, which must then pickle.

    Its items' time limits start when it is ready, as for a worker forked from a warm parent.
    Call :meth:`close` when done: it kills the worker unless a pool took it.

    >>> early = Prestarted(lambda: None)
    >>> list(run_ordered([1, 2], abs, lambda i, kind, why: -1, first=early))
    [1, 2]
    >>> early.close()
    """

    def __init__(self, init: Callable[[], None]) -> None:
        self.worker: _Worker | None = _Worker(_context(), None, None, init)

    def take(
        self, work: Callable[[Any], Any], limit: int | None, stop: Callable[[], bool], wakeup: int | None
    ) -> _Worker | None:
        """The worker, once ready, given ``work`` and ``limit``; ``None`` when it died starting,
        the work does not pickle, or ``stop()`` became true while it was starting."""
        w, self.worker = self.worker, None
        if w is None:
            return None
        waits: list[Any] = [w.conn, w.proc.sentinel] + ([wakeup] if wakeup is not None else [])
        while not stop():
            ready = wait(waits, timeout=SAMPLE)
            if wakeup is not None and wakeup in ready:
                with contextlib.suppress(OSError):
                    os.read(wakeup, 512)
            if w.conn in ready or w.proc.sentinel in ready:
                try:
                    said = w.conn.recv() if w.conn.poll() else None
                    if said is not None and said[0] == "ready":
                        w.conn.send((work, limit))
                        return w
                except Exception:  # EOF, a broken pipe, work that does not pickle
                    pass
                break
        w.kill()
        return None

    def close(self) -> None:
        """Kill the worker if no pool took it."""
        if self.worker is not None:
            self.worker.kill()
            self.worker = None


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    # fork: workers start in milliseconds and inherit the rules the parent already compiled
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_ordered(
    items: list[T],
    work: Callable[[T], R],
    failed: Callable[[T, Failure, str], R],
    *,
    jobs: int = 1,
    timeout: float | None = None,
    memory: int | None = None,
    window: int | None = None,
    stop: Callable[[], bool] = lambda: False,
    wakeup: int | None = None,
    first: Prestarted | None = None,
) -> Generator[R, None, None]:
    """``work(item)`` for every item in worker processes; results in input order.

    A file whose worker passes ``timeout`` seconds, runs out of ``memory`` bytes or dies gives
    ``failed(item, "timeout" | "memory" | "died" | "unreadable", detail)`` instead (the last: a
    result that could not be read back, ``detail`` the exception's name), and a fresh worker takes
    the next file.  When ``stop()`` becomes true (checked whenever the pool wakes up; a byte
    on the ``wakeup`` descriptor wakes it at once) every worker is killed and the iteration
    ends after the results already yielded.  ``first``: a worker started earlier, taken (once
    ready, see :meth:`Prestarted.take`) in place of one forked here.
    """
    if not items:
        return
    ctx = _context()
    jobs = max(1, min(jobs, len(items)))
    window = window or max(4, jobs * 4)
    workers: list[_Worker] = []
    done: dict[int, R] = {}
    next_out = next_in = 0
    try:
        workers = [_Worker(ctx, work, memory) for _ in range(jobs - (first is not None))]
        if first is not None:  # a worker started earlier comes first; one forked now if it failed
            workers.insert(0, first.take(work, memory, stop, wakeup) or _Worker(ctx, work, memory))
        while next_out < len(items):
            if stop():
                return
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
                if stop():
                    return
            if next_out >= len(items):
                break
            for i, w in enumerate(workers):
                if w.job is None and next_in < len(items) and next_in - next_out < window:
                    try:
                        w.conn.send(items[next_in])
                    except OSError:  # died while idle: replace it and send again next round
                        w.kill()
                        workers[i] = _Worker(ctx, work, memory)
                        continue
                    w.job = (next_in, time.monotonic() + timeout if timeout else float("inf"))
                    w.vm = 0
                    next_in += 1
            busy = [w for w in workers if w.job is not None]
            now = time.monotonic()
            soonest = min((w.job[1] for w in busy if w.job), default=float("inf"))
            waits: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
            if wakeup is not None:
                waits.append(wakeup)
            ready = set(wait(waits, timeout=max(0.0, min(SAMPLE, soonest - now))))
            if wakeup is not None and wakeup in ready:
                with contextlib.suppress(OSError):
                    os.read(wakeup, 512)
            for i, w in enumerate(workers):
                if w.job is None:
                    continue
                index = w.job[0]
                outcome: tuple[str, Any] | None = None
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        if w.conn.poll():
                            outcome = w.conn.recv()
                    except (EOFError, OSError):
                        outcome = None
                    except Exception as exc:  # a result that does not unpickle here, or too large to
                        outcome = ("unreadable", type(exc).__name__)
                    if outcome is None and not w.proc.is_alive():
                        outcome = ("died", None)
                if outcome is None and time.monotonic() > w.job[1]:
                    outcome = ("timeout", None)
                if outcome is None:
                    if memory:
                        w.sample()
                    continue
                w.job = None
                kind = outcome[0]
                if kind == "ok":
                    done[index] = outcome[1]
                    if w.proc.is_alive():
                        continue
                elif kind == "timeout":
                    done[index] = failed(items[index], "timeout", f"{timeout:g} s")
                elif kind == "memory":
                    done[index] = failed(items[index], "memory", "")
                elif kind == "unreadable":
                    done[index] = failed(items[index], "unreadable", outcome[1])
                else:
                    w.proc.join(0.1)
                    code = w.proc.exitcode
                    # native code that cannot allocate aborts (pdfium: SIGABRT/SIGTRAP) instead of raising
                    # MemoryError; a crash of a worker that had used half its cap is the cap's doing
                    crashed = code is not None and code < 0 and -code != signal.SIGKILL
                    near_cap = bool(memory and w.vm > (0.5 if crashed else 0.9) * memory)
                    if near_cap:
                        done[index] = failed(items[index], "memory", "")
                    else:
                        done[index] = failed(items[index], "died", _exit_reason(code))
                w.kill()
                workers[i] = _Worker(ctx, work, memory)
    finally:
        for w in workers:
            if w.job is None and w.proc.is_alive() and not stop():
                w.stop()
            else:
                w.kill()


def _exit_reason(code: int | None) -> str:
    """``-9`` -> ``killed by signal SIGKILL``."""
    if code is None:
        return "it stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        hint = " (out of memory? the system's OOM killer sends it)" if -code == signal.SIGKILL else ""
        return f"killed by signal {name}{hint}"
    return f"it exited with status {code}"
