"""`incidentmap places lookup NAME` and `incidentmap places find FILE`: the gazetteer on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

places_app = typer.Typer(
    help="Look up place names and find the places in a text (offline gazetteer).", no_args_is_help=True
)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


def _gazetteer():
    import gazetteer

    try:
        return gazetteer.default()
    except gazetteer.GazetteerDataError as exc:
        _fail(str(exc))


@places_app.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(help="A place name in any common spelling.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many candidates to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Print the places NAME may refer to, best first."""
    places = _gazetteer().lookup(name)[:limit]
    if as_json:
        typer.echo(json.dumps([p.to_dict() for p in places], ensure_ascii=False, indent=2))
        return
    if not places:
        _fail(f"no place called {name!r} in the gazetteer")
    table = Table(title=f"Places for {name!r} (best first)")
    for col in ("#", "name", "kind", "country", "region", "lat", "lon", "population", "source"):
        table.add_column(col)
    for n, p in enumerate(places, start=1):
        table.add_row(
            str(n),
            p.name,
            p.kind,
            p.country,
            p.admin1,
            f"{p.lat:.4f}",
            f"{p.lon:.4f}",
            f"{p.population:,}",
            p.source,
        )
    Console().print(table)


@places_app.command("find")
def find(
    file: Annotated[Path, typer.Argument(help="A text file (UTF-8).")],
    bias: Annotated[
        str | None, typer.Option("--bias", help="ISO2 country or region the text is about.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Print the place mentions found in FILE, resolved in the text's context."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        _fail(f"{file}: no such file")
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{file}: cannot read as UTF-8 text ({exc.__class__.__name__})")
    mentions = _gazetteer().geoparse(text, bias=bias)
    if as_json:
        typer.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(mentions)} place mentions in {file.name}")
    for col in ("line", "text", "place", "kind", "country", "lat", "lon", "score", "runner-up"):
        table.add_column(col)
    for m in mentions:
        line = text.count("\n", 0, m.start) + 1
        alt = m.alternatives[0] if m.alternatives else None
        table.add_row(
            str(line),
            m.text,
            m.name,
            m.kind,
            m.country,
            f"{m.lat:.4f}",
            f"{m.lon:.4f}",
            f"{m.score:.2f}",
            f"{alt.name} ({alt.country})" if alt else "",
        )
    Console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(places_app, name="places")
