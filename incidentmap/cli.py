"""The `incidentmap` command line: one sub-command per use, each defined in `incidentmap/commands/`."""

from __future__ import annotations

import typer

from incidentmap.commands import register

app = typer.Typer(
    help="Turn conflict news into a mapped, dated, sourced incident dataset.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
register(app)

if __name__ == "__main__":  # pragma: no cover
    app()
