"""The ``mch-extract`` command: a thin layer over :mod:`mch_extract.batch` and :mod:`mch_extract.write`.

Data goes to stdout (or ``-o FILE``, written atomically); progress and messages go to stderr.
Exit status: 0 when every input gave a record, 1 when any gave an error record, 2 on usage
errors, 141 when the reader of stdout went away (``| head -1``), 130 on Ctrl-C.
``mch-extract rollup …`` and ``mch-extract review …`` are subcommands (see :data:`SUBCOMMANDS`).

Every usage error is one line on stderr that names the option and what to write instead:

>>> print(usage_message(UsageProblem("--format xml: not a format; use json, jsonl, csv or table")))
mch-extract: --format xml: not a format; use json, jsonl, csv or table
"""

from __future__ import annotations

import json
import math
import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from .__about__ import __version__

if TYPE_CHECKING:
    from .pool import Prestarted

FORMATS = ("json", "jsonl", "csv", "table", "sqlite")
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head -1`; ripgrep and git do the same
SHOWN_FAILURES = 5  # failed files named in the summary without -v

HELP = """\
mch-extract {version}
Chinese maternal-and-child-health (妇幼健康) notices -> grounded JSON records.

Reads notices (PDF, text, Markdown, DOCX, HTML) and writes one JSON record per
file: issuing body, document number, date, title, numbered tasks, deadlines and
quantitative targets, each quoted with its [start, end) span and PDF page.
A file that cannot be read gives {{"source": …, "error": {{"type", "message"}}}}.

Usage: mch-extract [OPTIONS] PATH...
       mch-extract rollup [OPTIONS] INPUT...  (every target in one table)
       mch-extract review [OPTIONS] FILE      (each value shown in its text)
       mch-extract --schema

Arguments:
  PATH...                 Files or folders (searched recursively for .pdf .txt
                          .md .docx .html .htm); - reads standard input.

Options:
  -f, --format FORMAT     json, jsonl, csv, table or sqlite (a database file,
                          needs -o). Default: from the -o extension (.json
                          .jsonl .csv .db .sqlite), else json for one input,
                          jsonl for several or a folder.
  -o, --output FILE       Write to FILE instead of standard output, atomically
                          (a crash never leaves half a file); regular files
                          only.
  -j, --jobs N            Worker processes. Default: the number of CPUs ({cpus}).
                          The output is the same for every N.
      --with-text         Add the normalised text that every span points into.
  -L, --follow-links      Follow symbolic links that lead out of a folder (by
                          default they are skipped and counted).
      --schema            Print the JSON Schema of a record and exit.
  -q, --quiet             No progress bar and no summary on stderr.
  -v, --verbose           Name every failed file in the summary (default: the
                          first {shown}).
      --max-size SIZE     Files larger than SIZE give a too_large error record.
                          Default: 64MB. Examples: 500KB, 200MB, 1GB.
      --timeout SECONDS   Time allowed per file before its worker is stopped and
                          it gives a timeout error record. Default: 120; 0
                          means no limit.
      --max-memory SIZE   Memory allowed per worker process; a file that needs
                          more gives a too_large error record. Default: 2GB;
                          0 means no limit.
      --max-pages N       Read at most N pages of a PDF. Default: 500.
      --resume            With -o FILE.jsonl: keep the records FILE already
                          holds for these inputs and extract only the rest
                          (after an interrupted run).
      --debug             Print tracebacks of internal errors to stderr.
      --version           Print the version and exit.
  -h, --help              Print this help and exit.

Examples:
  One notice, one pretty JSON record:
    mch-extract notice.pdf
  A folder (recursive), one JSON line per file, into a file:
    mch-extract notices/ -o out.jsonl
  One row per target, for spreadsheet programs:
    mch-extract notices/ -f csv -o targets.csv
  A readable summary in the terminal:
    mch-extract notice.txt -f table
  One SQLite file with documents, tasks, targets, deadlines and errors:
    mch-extract notices/ -o notices.db
  Every target of a folder in one table (--wide: a column per indicator):
    mch-extract rollup notices/ -o table.csv
  One page showing each extracted value in its text:
    mch-extract review notice.pdf -o page.html
  Standard input:
    cat notice.txt | mch-extract -
  Every 剖宫产率 target across a folder, with jq:
    mch-extract notices/ | jq -c '.targets[]? | select(.indicator=="剖宫产率")'

Exit status: 0 every input gave a record; 1 some input gave an error record;
2 usage error; 141 the reader of the output closed it (e.g. | head -1).
"""

# what each option takes, for "-f needs a value: ..." messages
VALUES = {
    "--format": "json, jsonl, csv, table or sqlite",
    "--output": "a file name, e.g. -o out.jsonl",
    "--jobs": "a whole number of workers, e.g. -j 2",
    "--max-size": "a size such as 64MB, 500KB or 1GB",
    "--timeout": "seconds, e.g. --timeout 30 (0 means no limit)",
    "--max-memory": "a size such as 2GB or 512MB (0 means no limit)",
    "--max-pages": "a whole number of pages, e.g. --max-pages 50",
}
SHORT = {"-f": "--format", "-o": "--output", "-j": "--jobs"}


class UsageProblem(Exception):
    """A usage error found after parsing: its message already names the option and the fix."""


def usage_message(exc: BaseException, program: str | None = None) -> str:
    """One line, ``mch-extract: …``, for a usage error raised by us or by the option parser;
    ``program`` is the command whose --help to point to (default: the one that failed)."""
    if isinstance(exc, UsageProblem):
        text = str(exc)
    else:
        name = type(exc).__name__
        option = getattr(exc, "option_name", None)
        ctx = getattr(exc, "ctx", None)
        command = program or getattr(ctx, "command_path", None) or "mch-extract"
        if name == "NoSuchOption" and option:
            close = sorted(getattr(exc, "possibilities", None) or [])
            hint = f"did you mean {' or '.join(close)}?" if close else f"see {command} --help for the options"
            text = f"no such option: {option}; {hint}"
        elif name == "BadOptionUsage" and option:
            long = SHORT.get(option, option)
            if long in VALUES:
                text = f"{option} needs a value: {VALUES[long]}"
            else:
                text = f"{option} takes no value: write {option} alone"
        else:
            format_message = getattr(exc, "format_message", None)
            text = format_message() if callable(format_message) else str(exc)
            text = text.replace("Value error, ", "").rstrip(".")
            text = f"{text[:1].lower()}{text[1:]} (see {command} --help)"
    return "mch-extract: " + " ".join(text.split())


class OneLineErrors(TyperCommand):
    """A command whose usage errors are one line on stderr (exit status 2) and whose help
    names options by their metavars, never by Python types (the subcommands use it too)."""

    program: str | None = None  # the command --help is for, when not the context's path

    def get_help(self, ctx: Any) -> str:
        return plain_help(self, ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False  # exceptions come here, to be said in one line
        if not standalone:
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **kwargs)
        except UsageProblem as exc:
            _usage_exit(exc, self.program)
        except Exception as exc:
            if not (hasattr(exc, "exit_code") and hasattr(exc, "format_message")):
                raise
            if type(exc).__name__ == "Abort":  # Ctrl-C while the parser reads
                sys.stderr.write("mch-extract: interrupted\n")
                sys.exit(130)
            _usage_exit(exc, self.program)
        sys.exit(code if isinstance(code, int) else 0)


class _Command(OneLineErrors):
    """The extraction command: help as written in :data:`HELP`."""

    program = "mch-extract"

    def get_help(self, ctx: Any) -> str:
        return HELP.format(version=__version__, cpus=os.cpu_count() or 1, shown=SHOWN_FAILURES).rstrip("\n")


def plain_help(command: Any, ctx: Any) -> str:
    """Help from a command's docstring, parameters and epilog: ``-o, --output FILE  text``,
    with no type names; the epilog (examples) as written."""
    import textwrap

    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    usage = [ctx.command_path, "[OPTIONS]"]
    for param in command.params:
        text = getattr(param, "help", None) or ""
        if param.param_type_name == "argument":
            name = param.metavar or param.name.upper()
            usage.append(name)
            arguments.append((name, text))
            continue
        flags = ", ".join(sorted(param.opts + param.secondary_opts, key=len))
        if not getattr(param, "is_flag", False):
            kind = getattr(param, "type_descriptor", None) or getattr(param, "type", None)
            choices = getattr(kind, "choices", None)
            metavar = param.metavar or ("|".join(str(c) for c in choices) if choices else param.name.upper())
            flags += f" {metavar}"
        options.append((("    " if flags.startswith("--") else "") + flags, text))
    options.append(("-h, --help", "Print this help and exit."))
    lines = ["Usage: " + " ".join(usage), ""]
    doc = (command.help or "").strip()
    for paragraph in doc.split("\n\n"):
        lines += [*textwrap.wrap(" ".join(paragraph.split()), 80), ""]
    for title, rows in (("Arguments:", arguments), ("Options:", options)):
        if not rows:
            continue
        lines.append(title)
        for flags, text in rows:
            wrapped = textwrap.wrap(text, 80 - 26) or [""]
            first = f"  {flags:<22}  {wrapped[0]}" if len(flags) <= 22 else f"  {flags}\n{'':<26}{wrapped[0]}"
            lines.append(first)
            lines += [f"{'':<26}{more}" for more in wrapped[1:]]
        lines.append("")
    if command.epilog:
        lines.append(command.epilog.rstrip())
    return "\n".join(lines).rstrip()


def _usage_exit(exc: BaseException, program: str | None) -> None:
    sys.stderr.write(usage_message(exc, program) + "\n")
    sys.stderr.flush()
    sys.exit(2)


app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mch-extract {__version__}")
        raise typer.Exit(0)


def parse_size(text: str, option: str = "--max-size", *, zero: bool = False) -> int:
    """``64MB`` -> 67108864; plain numbers are bytes; ``0`` only where it means "no limit".

    >>> parse_size("64MB"), parse_size("500 kb"), parse_size("1024"), parse_size("1.5GiB")
    (67108864, 512000, 1024, 1610612736)
    """
    t = text.strip().upper().removesuffix("B").removesuffix("I").strip()
    factor = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}.get(t[-1:], 1)
    number = t[:-1] if t[-1:] in ("K", "M", "G", "T") else t
    example = "write it like 64MB, 500KB or 1GB" + (" (0 means no limit)" if zero else "")
    try:
        value = float(number) * factor
    except ValueError:
        raise UsageProblem(f"{option} {text}: not a size; {example}") from None
    if not math.isfinite(value) or value >= 2**62:  # 1e400, inf, nan: not a size a machine has
        raise UsageProblem(f"{option} {text}: not a size; {example}")
    if value < 0 or (value < 1 and not (zero and value == 0)):
        raise UsageProblem(f"{option} {text}: must be more than 0; {example}")
    return int(value)


def _number(option: str, text: str, *, whole: bool, least: float, example: str) -> float:
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise UsageProblem(f"{option} {text}: not {kind}; write it like {example}") from None
    if value < least or not math.isfinite(value):  # NaN and inf are not a number of seconds
        raise UsageProblem(f"{option} {text}: must be {least:g} or more; write it like {example}")
    return value


def _format(text: str | None) -> str:
    if text is None or text.lower() == "auto":
        return "auto"
    if text.lower() not in FORMATS:
        raise UsageProblem(f"--format {text}: not a format; use {VALUES['--format']}")
    return text.lower()


def _utf8(stream: IO[str]) -> IO[str]:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with suppress(ValueError, OSError):
            # a file name's undecodable bytes (``\udcXX``) reach CSV and table output as escapes
            reconfigure(encoding="utf-8", errors="backslashreplace")
    return stream


@app.command(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
def run(
    ctx: typer.Context,
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATH...", show_default=False)] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE")] = None,
    jobs: Annotated[str | None, typer.Option("--jobs", "-j", metavar="N")] = None,
    with_text: Annotated[bool, typer.Option("--with-text")] = False,
    follow_links: Annotated[bool, typer.Option("--follow-links", "-L")] = False,
    schema: Annotated[bool, typer.Option("--schema")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
    max_size: Annotated[str, typer.Option("--max-size", metavar="SIZE")] = "64MB",
    timeout: Annotated[str, typer.Option("--timeout", metavar="SECONDS")] = "120",
    max_memory: Annotated[str, typer.Option("--max-memory", metavar="SIZE")] = "2GB",
    max_pages: Annotated[str, typer.Option("--max-pages", metavar="N")] = "500",
    resume: Annotated[bool, typer.Option("--resume")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
) -> None:
    """Chinese maternal-and-child-health (妇幼健康) notices in, grounded JSON records out."""
    if schema:
        from .record import json_schema

        _utf8(sys.stdout).write(json.dumps(json_schema(), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        raise typer.Exit(0)
    chosen_format = _format(fmt)
    options_max_size = parse_size(max_size)
    seconds = _number("--timeout", timeout, whole=False, least=0, example="--timeout 30 (0 means no limit)")
    memory = parse_size(max_memory, "--max-memory", zero=True)
    pages = int(_number("--max-pages", max_pages, whole=True, least=1, example="--max-pages 50"))
    workers = int(_number("--jobs", jobs, whole=True, least=0, example="-j 2")) if jobs is not None else 0
    if not paths:
        raise UsageProblem(
            "no input: give files or folders to read (or - for standard input), e.g. mch-extract notices/"
        )

    from .batch import Input, Options, collect_inputs

    chosen_fmt = _output_format(chosen_format, output)
    skipped: dict[str, int] = {}
    inputs = collect_inputs(paths, follow_links=follow_links, skipped=skipped)
    if skipped.get("links") and not quiet:
        sys.stderr.write(
            f"mch-extract: skipped {_count(skipped['links'], 'symbolic link')} leading out of the folder"
            " (--follow-links follows them)\n"
        )
    counts = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()) if n and why != "links")
    if counts and inputs and not quiet:
        sys.stderr.write(f"mch-extract: skipped in folders: {counts}\n")
    if not inputs:
        where = " ".join(paths) + (f" (skipped: {counts})" if counts else "")
        sys.stderr.write(
            f"mch-extract: no .pdf .ofd .txt .md .docx .doc .wps .html .htm files in {where}: "
            "give files or a folder that holds them\n"
        )
        raise typer.Exit(1)
    # a file named on the command line that is missing is a typo worth saying, even with -q
    for item in inputs:
        if item.problem in ("not_found", "not_a_file") and item.path in paths:
            from .errors import MESSAGES

            sys.stderr.write(f"mch-extract: {item.path}: {MESSAGES[item.problem]}\n")
    options = Options(
        with_text=with_text,
        max_size=options_max_size,
        max_pages=pages,
        timeout=seconds or None,
        max_memory=memory or None,
        debug=debug,
    )
    stdin = None
    if any(i.path == "-" for i in inputs):
        stdin = sys.stdin.buffer.read(options.max_size + 1)  # never more than --max-size (+1 to tell)
        if len(stdin) > options.max_size:
            inputs = [Input(i.path, "too_large") if i.path == "-" else i for i in inputs]
            stdin = None
    many = len(inputs) > 1 or any(os.path.isdir(p) for p in paths)
    chosen = chosen_fmt or ("jsonl" if many else "json")
    workers = workers or os.cpu_count() or 1
    tally = _Tally()
    if resume:
        if output is None or chosen != "jsonl":
            raise UsageProblem("--resume continues a JSON Lines file: add -o out.jsonl (the file of the earlier run)")
        tally.kept = _finished(str(output), {i.path for i in inputs})
        tally.kept_failed = sum('"error":' in line for line in tally.kept.values())
        inputs = [i for i in inputs if i.path not in tally.kept]

    from .interrupt import Interrupt
    from .write import make_writer

    try:
        with Interrupt() as stop:
            if chosen == "sqlite":
                assert output is not None
                from .database import SqliteWriter

                db = SqliteWriter(str(output))
                try:
                    _write_all(inputs, options, workers, stdin, db, quiet, verbose, True, stop, tally, ctx.obj)
                except BaseException:
                    db.abort()
                    raise
            elif output is not None:
                from .write import atomic_output

                try:
                    with atomic_output(str(output), bom=chosen == "csv") as fh:
                        fh.writelines(line + "\n" for line in tally.kept.values())
                        writer = make_writer(chosen, fh, many)
                        _write_all(inputs, options, workers, stdin, writer, quiet, verbose, True, stop, tally, ctx.obj)
                except OSError as exc:
                    reason = exc.strerror or str(exc)
                    raise UsageProblem(
                        f"-o {output}: cannot write it ({reason}); choose a file in a folder you can write"
                    ) from None
            else:
                out = _utf8(sys.stdout)
                if chosen == "csv":
                    out.write("\ufeff")
                writer = make_writer(chosen, out, many)
                _write_all(inputs, options, workers, stdin, writer, quiet, verbose, False, stop, tally, ctx.obj)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as exc:
        sys.stderr.write(f"mch-extract: cannot write standard output ({exc.strerror or exc}); try -o FILE\n")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        sys.stderr.write("mch-extract: interrupted\n")
        raise typer.Exit(130) from None
    if stop():
        from .write import printable

        where = f" to {output}" if output is not None else ""
        rest = inputs[tally.written].path if tally.written < len(inputs) else None
        done, total = len(tally.kept) + tally.written, len(tally.kept) + len(inputs)
        again = (
            "; to finish, run the same command with --resume"
            if output is not None and chosen == "jsonl"
            else "; run the same command again for all of them"
        )
        sys.stderr.write(
            f"mch-extract: interrupted ({stop.name}): {done} of {total} records written{where}"
            + (f"; the first file without a record is {printable(rest)}" if rest else "")
            + again
            + "\n"
        )
        raise typer.Exit(stop.status)
    raise typer.Exit(1 if tally.failed or tally.kept_failed else 0)


class _Tally:
    """How far a batch got: records written, and how many of them are error records."""

    def __init__(self) -> None:
        self.written = 0
        self.failed = 0
        self.kept: dict[str, str] = {}  # path -> its JSON line, kept from an earlier run (--resume)
        self.kept_failed = 0


def _finished(output: str, wanted: set[str]) -> dict[str, str]:
    """The records an earlier run wrote to ``output`` for the ``wanted`` paths (a torn line is not one)."""
    kept: dict[str, str] = {}
    try:
        with open(output, encoding="utf-8", errors="surrogateescape") as fh:
            for line in fh:
                try:
                    path = json.loads(line)["source"]["path"]
                except (ValueError, KeyError, TypeError):
                    continue
                if path in wanted:
                    kept.setdefault(path, line.rstrip("\n"))
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise UsageProblem(f"--resume: cannot read {output} ({exc.strerror or exc})") from None
    return kept


def _output_format(fmt: str, output: Path | None) -> str | None:
    """The format to write (``None``: by the number of inputs); checks ``-o`` before any work.

    An explicit ``--format`` wins; else the extension of ``-o`` decides.  ``-o`` must name a
    regular file or a new one: anything else is a usage error and is left untouched.
    """
    from .write import OutputError, check_output, format_for_path

    chosen = fmt if fmt != "auto" else (format_for_path(str(output)) if output is not None else None)
    if output is not None:
        try:
            check_output(str(output))
        except OutputError as exc:
            raise UsageProblem(f"-o {exc}: choose a regular file, e.g. -o out.jsonl") from None
    if chosen == "sqlite" and output is None:
        raise UsageProblem("--format sqlite writes a file: add -o notices.db")
    if chosen == "sqlite" and output is not None and os.path.exists(output):
        import sqlite3

        try:
            con = sqlite3.connect(Path(os.path.abspath(output)).as_uri() + "?mode=ro", uri=True)
            try:
                con.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
            finally:
                con.close()
        except sqlite3.Error:
            raise UsageProblem(
                f"-o {output} exists and is not a SQLite database (left untouched): choose a new .db file"
            ) from None
    return chosen


def _quiet_broken_pipe() -> None:
    """The reader of stdout went away (``| head -1``): stop without a message, status 141."""
    with suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's final flush must not fail again
    raise typer.Exit(EXIT_BROKEN_PIPE)


def _write_all(inputs, options, workers, stdin, writer, quiet, verbose, to_file, stop, tally, first) -> None:  # type: ignore[no-untyped-def]
    from contextlib import closing

    from .batch import run_batch
    from .write import JsonLinesWriter

    # a bar only where it cannot tangle with the records: stderr a terminal, stdout not the same one
    show = not quiet and len(inputs) > 1 and sys.stderr.isatty() and (to_file or not sys.stdout.isatty())
    failures: list[tuple[str, str]] = []
    progress = None
    if show:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
        from rich.table import Column

        progress = Progress(
            TextColumn("{task.description}", table_column=Column(width=24, no_wrap=True, overflow="ellipsis")),
            BarColumn(bar_width=30),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("[red]{task.fields[errors]}"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        progress.start()
        task = progress.add_task("extracting", total=len(inputs), rate="", errors="")
    try:
        import time

        start = time.perf_counter()
        results = run_batch(inputs, options, jobs=workers, stdin=stdin, stop=stop, wakeup=stop.wakeup, first=first)
        with closing(results):  # a stop or a closed pipe kills the workers at once
            for done, result in enumerate(results, 1):
                if result.error:
                    error = json.loads(result.json).get("error") or {}
                    failures.append((result.path, f"{error.get('type')}: {error.get('message')}"))
                if isinstance(writer, JsonLinesWriter):
                    writer.write_json(result.json)
                else:
                    writer.write(json.loads(result.json))
                tally.written, tally.failed = done, len(failures)
                if progress is not None:
                    from rich.markup import escape

                    from .write import printable

                    rate = done / max(time.perf_counter() - start, 1e-9)
                    progress.update(
                        task,
                        advance=1,
                        description=escape(printable(os.path.basename(result.path))),
                        rate=f"{rate:.1f} files/s",
                        errors=_count(len(failures), "error") if failures else "",
                    )
        writer.close()
    finally:
        if progress is not None:
            progress.stop()
    if not quiet and len(inputs) > 1 and not stop():
        _summary(len(inputs), failures, verbose)


def _count(n: int, noun: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary(total: int, failures: list[tuple[str, str]], verbose: bool) -> None:
    from .write import printable

    lines = [f"mch-extract: {_count(total, 'file')}, {_count(len(failures), 'error')}"]
    shown = failures if verbose else failures[:SHOWN_FAILURES]
    lines += [f"  {printable(path)}: {printable(message)}" for path, message in shown]
    if len(shown) < len(failures):
        lines.append(f"  … and {len(failures) - len(shown)} more (-v names them all)")
    sys.stderr.write("\n".join(lines) + "\n")


# ``mch-extract NAME ...`` runs a subcommand: NAME -> "module:attribute" of its typer app.
# Anything else is a path for the extraction command (a file named like a subcommand: ./review).
SUBCOMMANDS: dict[str, str] = {
    "rollup": "mch_extract.cli_rollup:app",
    "review": "mch_extract.cli_review:app",
    "explain": "mch_extract.cli_explain:app",
}


def command_for(argv: list[str]) -> tuple[typer.Typer, list[str], str]:
    """The typer app that handles ``argv`` (the arguments after the program name), the
    arguments it gets, and its program name.

    >>> command_for(["notice.pdf"])[1:]
    (['notice.pdf'], 'mch-extract')
    >>> command_for(["review", "notice.pdf"])[1:]
    (['notice.pdf'], 'mch-extract review')
    """
    if argv and argv[0] in SUBCOMMANDS:
        import importlib

        module, attribute = SUBCOMMANDS[argv[0]].split(":")
        sub: typer.Typer = getattr(importlib.import_module(module), attribute)
        return sub, argv[1:], f"mch-extract {argv[0]}"
    return app, argv, "mch-extract"


def main(argv: list[str] | None = None, first: Prestarted | None = None) -> None:
    """The command on ``argv`` (default: ``sys.argv[1:]``); ``first``: a worker the console
    script started for it (:func:`mch_extract.entry.main`), handed to the batch."""
    # pydantic would scan every installed package's entry points for plugins at start-up
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    command, args, prog = command_for(sys.argv[1:] if argv is None else argv)
    command(args=args, prog_name=prog, obj=first)
