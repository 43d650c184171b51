"""Ctrl-C and SIGTERM during a batch: the first stops it cleanly, the second exits at once.

The first signal only sets a flag and wakes the worker pool (through ``signal.set_wakeup_fd``),
so the record being written is finished, the workers are killed, and the caller writes what
it has: complete lines, a closed JSON array, a renamed output file.  A second signal does not
wait for anything: it kills the workers, removes the temporary output and exits.

>>> with Interrupt() as stop:
...     stop()
False
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from types import FrameType, TracebackType
from typing import Any

from . import pool


class Interrupt:
    """A context manager (main thread only; elsewhere it never fires) and a ``stop()`` callable."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.wakeup: int | None = None
        self._write: int | None = None
        self._previous: dict[int, Any] = {}
        self._previous_fd = -1

    def __call__(self) -> bool:
        return self.signum is not None

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum else ""

    @property
    def status(self) -> int:
        """The conventional exit status: 128 + the signal's number (130 for Ctrl-C)."""
        return 128 + (self.signum or 0)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is not None:  # the second one: no more waiting
            for pid in list(pool.LIVE):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            from .write import TEMPORARY

            for path in list(TEMPORARY):
                with contextlib.suppress(OSError):
                    os.unlink(path)
            os.write(2, b"\nmch-extract: stopped at once (second interrupt); nothing was written\n")
            os._exit(128 + signum)
        self.signum = signum

    def __enter__(self) -> Interrupt:
        if threading.current_thread() is not threading.main_thread():
            return self
        read, self._write = os.pipe()
        os.set_blocking(read, False)
        os.set_blocking(self._write, False)
        self.wakeup = read
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)
        self._previous_fd = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.wakeup is None:
            return
        signal.set_wakeup_fd(self._previous_fd)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        for fd in (self.wakeup, self._write):
            if fd is not None:
                os.close(fd)
        self.wakeup = self._write = None
