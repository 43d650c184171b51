"""The ``mch-extract`` command: a thin layer over :mod:`mch_extract.batch` and :mod:`mch_extract.write`.

Data goes to stdout (or ``-o FILE``, written atomically); progress and messages go to stderr.
Exit status: 0 when every input gave a record, 1 when any gave an error record, 2 on usage errors.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import suppress
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer

from .__about__ import __version__

EXAMPLES = """\
Examples:

  mch-extract notice.pdf                      one notice -> one pretty JSON record

  mch-extract notices/ -o out.jsonl           a folder (recursive) -> JSON Lines, one record per file

  mch-extract notices/ -f csv -o targets.csv  one row per target, opens in spreadsheet programs

  mch-extract notice.txt -f table             a readable summary in the terminal

  cat notice.txt | mch-extract -              read standard input

  mch-extract notices/ -o notices.db          one SQLite file: documents, tasks, targets, deadlines, errors

  mch-extract rollup notices/ -o table.csv    every target of a folder in one table (--wide: a column per indicator)

  mch-extract review notice.pdf -o page.html  one page showing each extracted value in its text

  mch-extract notices/ | jq -r 'select(.targets) | .targets[] | select(.indicator=="剖宫产率") | [.value, .unit] | @tsv'
"""


class Format(StrEnum):
    auto = "auto"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    sqlite = "sqlite"


app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mch-extract {__version__}")
        raise typer.Exit(0)


def _size(text: str) -> int:
    """``64MB`` -> 67108864; plain numbers are bytes."""
    t = text.strip().upper().removesuffix("B")
    factor = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(t[-1:], 1)
    number = t[:-1] if t[-1:] in "KMG" else t
    try:
        value = int(float(number) * factor)
    except ValueError as exc:
        raise typer.BadParameter(f"not a size: {text!r} (try 64MB)") from exc
    if value <= 0:
        raise typer.BadParameter("must be more than 0")
    return value


def _utf8(stream: IO[str]) -> IO[str]:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with suppress(ValueError, OSError):
            reconfigure(encoding="utf-8")
    return stream


@app.command(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
def run(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            help="Files or folders (searched recursively for .pdf .txt .md .docx .html .htm); - reads stdin.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="json: pretty (one input) or an array; jsonl: one object per line; "
            "csv: one row per target, UTF-8 with BOM; table: for people; sqlite: one database file (needs -o). "
            "auto: from the -o extension (.json .jsonl .csv .db .sqlite), else json for one input, jsonl for several.",
            case_sensitive=False,
        ),
    ] = Format.auto,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (atomically: a crash never leaves half a file); regular files only.",
            metavar="FILE",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes (default: the number of CPUs). Output is the same for every N.",
            min=0,
        ),
    ] = 0,
    with_text: Annotated[
        bool, typer.Option("--with-text", help="Add the normalised text that spans point into.")
    ] = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of a record and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")] = False,
    max_size: Annotated[str, typer.Option("--max-size", help="Larger files give a too_large error.")] = "64MB",
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds per file before it gives a timeout error (0: no limit).", min=0)
    ] = 120.0,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Read at most this many pages of a PDF.", min=1)] = 500,
    debug: Annotated[bool, typer.Option("--debug", help="Print tracebacks of internal errors to stderr.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Extract issuing body, document number, date, title, numbered tasks, deadlines and
    quantitative targets from Chinese maternal-and-child-health (妇幼健康) notices as JSON.

    One input gives one pretty JSON object; several inputs or a folder give JSON Lines in
    sorted path order.  Every input gives exactly one record: a file that cannot be read
    gives {"source": …, "error": {"type", "message"}}.
    """
    if schema:
        from pydantic import TypeAdapter

        from .record import ErrorRecord, Notice

        _utf8(sys.stdout).write(
            json.dumps(TypeAdapter(Notice | ErrorRecord).json_schema(), ensure_ascii=False, indent=2)
        )
        sys.stdout.write("\n")
        raise typer.Exit(0)
    if not paths:
        raise typer.BadParameter("give at least one file or folder (or - for standard input)", param_hint="PATH")

    from .batch import Options, collect_inputs

    chosen_fmt = _output_format(fmt.value, output)
    inputs = collect_inputs(paths)
    if not inputs:
        typer.echo("mch-extract: no .pdf .txt .md .docx .html .htm files found", err=True)
        raise typer.Exit(1)
    options = Options(
        with_text=with_text,
        max_size=_size(max_size),
        max_pages=max_pages,
        timeout=timeout or None,
        debug=debug,
    )
    stdin = sys.stdin.buffer.read() if any(i.path == "-" for i in inputs) else None
    many = len(inputs) > 1 or any(os.path.isdir(p) for p in paths)
    chosen = chosen_fmt or ("jsonl" if many else "json")
    workers = jobs or os.cpu_count() or 1

    from .write import make_writer

    try:
        if chosen == "sqlite":
            assert output is not None
            from .database import SqliteWriter

            db = SqliteWriter(str(output))
            try:
                failed = _write_all(inputs, options, workers, stdin, db, quiet)
            except BaseException:
                db.abort()
                raise
        elif output is not None:
            from .write import atomic_output

            with atomic_output(str(output), bom=chosen == "csv") as fh:
                failed = _write_all(inputs, options, workers, stdin, make_writer(chosen, fh, many), quiet)
        else:
            out = _utf8(sys.stdout)
            if chosen == "csv":
                out.write("\ufeff")
            failed = _write_all(inputs, options, workers, stdin, make_writer(chosen, out, many), quiet)
    except OSError as exc:
        typer.echo(f"mch-extract: cannot write {output or 'standard output'}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("mch-extract: interrupted", err=True)
        raise typer.Exit(130) from None
    raise typer.Exit(1 if failed else 0)


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
            raise typer.BadParameter(str(exc), param_hint="'--output' / '-o'") from None
    if chosen == "sqlite" and output is None:
        raise typer.BadParameter("--format sqlite writes a file: add -o notices.db", param_hint="'--format'")
    if chosen == "sqlite" and output is not None and os.path.exists(output):
        import sqlite3

        try:
            con = sqlite3.connect(Path(os.path.abspath(output)).as_uri() + "?mode=ro", uri=True)
            try:
                con.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
            finally:
                con.close()
        except sqlite3.Error:
            raise typer.BadParameter(
                f"{output} exists and is not a SQLite database (left untouched)", param_hint="'--output' / '-o'"
            ) from None
    return chosen


def _write_all(inputs, options, workers, stdin, writer, quiet) -> int:  # type: ignore[no-untyped-def]
    from .batch import run_batch
    from .write import JsonLinesWriter

    show = not quiet and len(inputs) > 1 and sys.stderr.isatty()
    failed = 0
    progress = None
    if show:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("[red]{task.fields[errors]} errors"),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=False,
        )
        progress.start()
        task = progress.add_task("extracting", total=len(inputs), rate="", errors=0)
    try:
        import time

        start = time.perf_counter()
        for done, result in enumerate(run_batch(inputs, options, jobs=workers, stdin=stdin), 1):
            failed += result.error
            if isinstance(writer, JsonLinesWriter):
                writer.write_json(result.json)
            else:
                writer.write(json.loads(result.json))
            if progress is not None:
                rate = done / max(time.perf_counter() - start, 1e-9)
                progress.update(
                    task,
                    advance=1,
                    description=os.path.basename(result.path)[:40],
                    rate=f"{rate:.1f} files/s",
                    errors=failed,
                )
        writer.close()
    finally:
        if progress is not None:
            progress.stop()
    if not quiet and len(inputs) > 1:
        print(f"mch-extract: {len(inputs)} files, {failed} errors", file=sys.stderr)
    return failed


# ``mch-extract NAME ...`` runs a subcommand: NAME -> "module:attribute" of its typer app.
# Anything else is a path for the extraction command (a file named like a subcommand: ./review).
SUBCOMMANDS: dict[str, str] = {
    "rollup": "mch_extract.cli_rollup:app",
    "review": "mch_extract.cli_review:app",
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


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    # pydantic would scan every installed package's entry points for plugins at start-up
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    command, args, prog = command_for(sys.argv[1:] if argv is None else argv)
    command(args=args, prog_name=prog)
