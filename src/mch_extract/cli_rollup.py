"""``mch-extract rollup INPUT... -o table.csv``: a thin layer over :mod:`mch_extract.rollup`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli import OneLineErrors

EXAMPLES = """\
Examples:
  A row per target of every notice in the folder:
    mch-extract rollup notices/ -o table.csv
  The same from earlier output (mch-extract notices/ -o out.jsonl):
    mch-extract rollup out.jsonl -o table.csv
  A row per issuer and year, a column per indicator:
    mch-extract rollup notices/ --wide -o wide.csv
  Goals only (actual: reported figures only):
    mch-extract rollup notices/ --kind target -o goals.csv
"""


class Kind(StrEnum):
    all = "all"
    target = "target"
    actual = "actual"


app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command(cls=OneLineErrors, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
def rollup(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Documents, folders, or earlier output (.jsonl .json records); - reads a document from stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the CSV to FILE (atomically; regular files only).", metavar="FILE"),
    ] = None,
    wide: Annotated[
        bool, typer.Option("--wide", help="One row per issuer and year, one column per indicator.")
    ] = False,
    kind: Annotated[Kind, typer.Option("--kind", help="Which figures: goals, reported figures or both.")] = Kind.all,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes for documents (default: CPUs).", min=0)
    ] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Every target of many documents in one CSV table (UTF-8 with BOM): a row per target with
    region, issuer, year, indicator_id, indicator, comparator, value, unit, kind, scope,
    deadline, national comparison, source path and quote.  A document given twice (same
    sha256) counts once.  Exit 1 when an input gave an error record, 2 on usage errors.
    """
    from .batch import Options, collect_inputs, run_batch
    from .rollup import LONG_COLUMNS, is_record_file, long_rows, read_record_file, wide_rows, write_csv
    from .write import OutputError, atomic_output, check_output

    if output is not None:
        try:
            check_output(str(output))
        except OutputError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--output' / '-o'") from None
    records: list[dict[str, Any]] = []
    documents: list[str] = []
    for path in inputs:
        if is_record_file(path):
            try:
                records.extend(read_record_file(path))
            except (OSError, ValueError) as exc:
                raise typer.BadParameter(str(exc), param_hint="INPUT") from None
        else:
            documents.append(path)
    if documents:
        import json

        found = collect_inputs(documents)
        stdin = sys.stdin.buffer.read() if any(i.path == "-" for i in found) else None
        for result in run_batch(found, Options(), jobs=jobs or os.cpu_count() or 1, stdin=stdin):
            records.append(json.loads(result.json))
    failed = sum(1 for r in records if "error" in r)
    rows = long_rows(records, kind=kind.value)
    columns = LONG_COLUMNS
    if wide:
        columns, rows = wide_rows(rows)
    try:
        if output is not None:
            with atomic_output(str(output), bom=True) as fh:
                write_csv(columns, rows, fh)
        else:
            from .cli import _utf8

            out = _utf8(sys.stdout)
            out.write("\ufeff")
            write_csv(columns, rows, out)
    except OSError as exc:
        typer.echo(f"mch-extract: cannot write {output or 'standard output'}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    if not quiet:
        typer.echo(f"mch-extract: {len(records)} records, {failed} errors, {len(rows)} rows", err=True)
    raise typer.Exit(1 if failed else 0)
