"""The ``mch-extract`` console script: what runs before :mod:`mch_extract.cli` is imported.

A command that will extract notices starts its first worker process here, before typer is
imported and the command line parsed, so that the worker loads the rules and compiles the
patterns while the parent imports typer and parses; the parent hands it the files when it
gets to them (see :class:`mch_extract.pool.Prestarted`).  With one input the worker extracts
the notice into the record's parts (:mod:`mch_extract.parts`) without importing pydantic; the
parent imports it while the worker loads, makes the record of the parts the worker sends
(:func:`mch_extract.batch.finish`), and never loads the rules at all.  With several, the
worker makes its records itself, as the workers forked later do.

Whether to start it is a guess made without parsing (:func:`extracting`): a wrong guess
costs a process that is killed unused, never a different result.

>>> extracting(["notice.pdf"]), extracting(["notice.pdf", "--schema"]), extracting(["review", "notice.pdf"])
(True, False, False)
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import types
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from .pool import Prestarted

# the subcommands (mch_extract.cli.SUBCOMMANDS) and the options that print something and exit
NOT_EXTRACTING = frozenset({"rollup", "review", "explain", "-h", "--help", "--version", "--schema"})


def extracting(argv: list[str]) -> bool:
    """Whether ``mch-extract ARGV`` looks like it will extract files (a guess, made before parsing:
    no subcommand, no option that prints and exits, and no folder, whose many files a warm
    parent forks its workers for)."""
    if not argv or argv[0] in NOT_EXTRACTING or any(a in NOT_EXTRACTING for a in argv):
        return False
    return not any(os.path.isdir(a) for a in argv if not a.startswith("-"))


def skip_plugin_scan() -> None:
    """When pydantic plugins are disabled, do not import the module that looks for them.

    pydantic imports ``pydantic.plugin._loader`` when it builds its first validator, even with
    ``PYDANTIC_DISABLE_PLUGINS`` set, and that module imports ``importlib.metadata`` (email,
    zipfile, csv …): 30 to 80 ms of a 0.5 s command, to find no plugin.  With plugins disabled
    the loader's only function, ``get_plugins``, returns nothing; a module that says so takes
    its place.  Nothing changes when plugins are enabled or the loader is already imported.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    loader = types.ModuleType(name, "pydantic plugins are disabled (PYDANTIC_DISABLE_PLUGINS): none to load")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]

    def real(attr: str) -> object:
        """Any other name (a later pydantic's loader may have more): the real module, imported now."""
        if attr.startswith("__"):  # the import system asking for __path__ and the like
            raise AttributeError(attr)
        sys.modules.pop(name, None)
        import importlib

        return getattr(importlib.import_module(name), attr)

    loader.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[name] = loader


def _interrupted(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C before the batch takes over the signal: nothing is written yet, so kill the worker
    and stop at once, instead of a traceback from half an import."""
    from .pool import LIVE

    for pid in list(LIVE):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    os.write(2, b"mch-extract: interrupted\n")
    os._exit(128 + signum)


def main() -> None:
    """Entry point of the console script and of ``python -m mch_extract``."""
    # pydantic would scan every installed package's entry points for plugins at start-up
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_scan()
    argv = sys.argv[1:]
    early: Prestarted | None = None
    if extracting(argv):
        from .batch import lasting_objects, start_worker

        signal.signal(signal.SIGINT, _interrupted)  # the batch's own handler replaces it while it runs
        with lasting_objects():
            # modules both processes import (the record's parts, which one makes and the other
            # validates; the pipeline's and pydantic's hashlib and pathlib): once, before the fork
            import hashlib  # noqa: F401
            import pathlib  # noqa: F401

            from . import parts  # noqa: F401
        # the worker loads the rules, compiles the patterns and extracts the notice into the
        # record's parts, without pydantic; this process imports pydantic meanwhile, for the record
        early = start_worker()
        with lasting_objects():
            from . import record  # noqa: F401
    try:
        from .cli import main as cli_main

        cli_main(argv, early)
        status = 0
    except SystemExit as done:
        if not isinstance(done.code, int | None):
            raise  # a message as the status: Python's own exit prints it
        status = done.code or 0
    finally:
        if early is not None:
            early.close()
    exit_now(status)


def exit_now(status: int) -> NoReturn:
    """End the process with ``status`` once the command is done, without the interpreter's teardown.

    Python's own exit frees every object of every module one by one (pydantic, typer, the record
    models: about 47 million instructions, 10-15 ms of a one-notice command) before the kernel
    frees the whole process anyway.  The output streams are flushed and the ``atexit``
    functions run (multiprocessing's clean-up, a coverage tool's) as at a normal exit; a stream
    that cannot be flushed (a reader that went away) gets the normal exit, which says so as before.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(status)
    atexit._run_exitfuncs()
    os._exit(status)
