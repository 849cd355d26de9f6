"""`incidentmap extract`: articles in, one GeoJSON (or CSV/GeoPackage) feature per incident mention out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from incidentmap.commands import common


def extract(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="Articles: .txt .md .json .jsonl .csv .html files or folders of them (none: the "
                       "bundled example articles).", show_default=False),
    ] = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="File to write (one feature/row per incident mention).")
    ] = Path("output/incidents.geojson"),
    meta: common.Meta = None,
    published: common.Published = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="geojson, csv or gpkg (default: from the output's extension).",
                     show_default=False),
    ] = None,
    strict: common.Strict = False,
    workers: common.Workers = None,
    scheduler: common.Scheduler = None,
    quiet: common.Quiet = False,
) -> None:
    """Pull dated, placed, sourced ACLED-style incidents out of news articles; print a summary to stderr."""
    from incidentmap import exports, pipeline

    published_date = common.parse_date(published, "--published")
    if meta is not None and not meta.is_file():
        common.fail(f"{meta}: no such manifest file")
    if fmt is not None and fmt.lower().lstrip(".") not in {"geojson", "csv", "gpkg"}:
        common.fail(f"--format {fmt!r}: use geojson, csv or gpkg")
    common.check_gazetteer(inputs)
    try:
        workers, scheduler = common.execution(workers, scheduler)
        result = pipeline.run([str(p) for p in inputs or []], meta=meta, published=published_date,
                              workers=workers, scheduler=scheduler, progress=False if quiet else None)
    except (OSError, ValueError) as exc:
        common.fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    common.check_inputs(result, strict=strict, show_summary=True)
    if result.articles == 0 and not result.incidents:
        common.fail("nothing usable was read", common.EXIT_INPUT)
    try:
        exports.write_incidents(result.incidents, output, fmt)
    except (OSError, ValueError) as exc:
        common.fail(f"{output}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    typer.echo(f"{output}: {len(result.incidents)} incident mentions, {len(result.events)} events")


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
