"""``mch-extract explain FILE``: every number in a document and what became of it (a thin layer
over :mod:`mch_extract.explain`)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Annotated

import typer

from .cli import OneLineErrors

EXAMPLES = """\
Examples:
  Every number of a notice, kept (by which rule) or dropped (for which reason):
    mch-extract explain notice.pdf
  Only the numbers that were dropped, as JSON Lines for jq:
    mch-extract explain notice.txt --dropped --json | jq -r .rule | sort | uniq -c
"""

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command(cls=OneLineErrors, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
def explain(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A document (PDF, text, DOCX, HTML …).", show_default=False)
    ],
    kept: Annotated[bool, typer.Option("--kept", help="Show only the numbers kept as targets.")] = False,
    dropped: Annotated[bool, typer.Option("--dropped", help="Show only the numbers dropped.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per number instead of a table.")] = False,
    max_pages: Annotated[
        int, typer.Option("--max-pages", help="Read at most N pages of a PDF.", min=1, metavar="N")
    ] = 500,
) -> None:
    """Every candidate number of one document and the decision on it: kept as a target or
    reported figure by a named rule (with its kind and the rule that decided the kind, and the
    canonical indicator it maps to), or dropped for a named reason (year, date, age-or-duration,
    no-unit, price, place-count, page-furniture …).  Exit 1 when the document gives no record.
    """
    from .errors import ExtractError
    from .explain import COLUMNS, as_table
    from .explain import explain as explain_rows

    try:
        rows = explain_rows(file, max_pages=max_pages)
    except ExtractError as exc:
        typer.echo(f"mch-extract: {file}: {exc.type}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        typer.echo(f"mch-extract: {file}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    rows = [r for r in rows if (r.kept or not kept) and (not r.kept or not dropped)]
    out = sys.stdout
    if as_json:
        for r in rows:
            out.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
        return
    out.write("\t".join(COLUMNS) + "\n")
    for cells in as_table(rows):
        out.write("\t".join(c.replace("\t", " ") for c in cells) + "\n")
    kept_n = sum(r.kept for r in rows)
    typer.echo(f"{len(rows)} numbers: {kept_n} kept, {len(rows) - kept_n} dropped", err=True)
