"""``mch-extract review FILE -o page.html``: a thin layer over :mod:`mch_extract.review`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .cli import OneLineErrors

EXAMPLES = """\
Examples:
  A page to open in a browser, every value shown in its text:
    mch-extract review notice.pdf -o page.html
  The same from a record saved with its text:
    mch-extract notice.txt --with-text -o rec.json
    mch-extract review rec.json -o page.html
"""

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command(cls=OneLineErrors, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
def review(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A document, or a record saved with --with-text (.json).", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the page to FILE (atomically; regular files only).", metavar="FILE"),
    ] = None,
    max_pages: Annotated[int, typer.Option("--max-pages", help="Read at most this many pages of a PDF.", min=1)] = 500,
) -> None:
    """One self-contained HTML page (works offline) showing the document's normalised text with
    every extracted field, task, target and deadline highlighted where it stands: a colour per
    kind, the record on hover and click, a side list that jumps to each value, PDF pages and
    the warnings.  Exit 1 when the document gives no record, 2 on usage errors.
    """
    from .errors import ExtractError
    from .review import review_file
    from .write import OutputError, atomic_output, check_output

    if output is not None:
        try:
            check_output(str(output))
        except OutputError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--output' / '-o'") from None
    try:
        page = review_file(file, max_pages=max_pages)
    except ExtractError as exc:
        typer.echo(f"mch-extract: {file}: {exc.type}: {exc.message}", err=True)
        raise typer.Exit(1) from None
    except (OSError, ValueError) as exc:
        typer.echo(f"mch-extract: {file}: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        if output is not None:
            with atomic_output(str(output)) as fh:
                fh.write(page)
        else:
            from .cli import _utf8

            _utf8(sys.stdout).write(page)
    except OSError as exc:
        typer.echo(f"mch-extract: cannot write {output or 'standard output'}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
