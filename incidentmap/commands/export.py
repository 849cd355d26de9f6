"""`incidentmap export`: the selected events as GeoJSON, CSV (ACLED-like), GeoPackage or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from incidentmap.commands import common


def export(
    inputs: common.Inputs = None,
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Output file; its extension picks the format: .geojson, .csv, "
                     ".gpkg or .md."),
    ] = Path("output/events.csv"),
    meta: common.Meta = None,
    published: common.Published = None,
    start: common.From = None,
    end: common.To = None,
    zones: common.Zones = None,
    include_undated: common.IncludeUndated = False,
    include_background: common.IncludeBackground = False,
    strict: common.Strict = False,
    workers: common.Workers = None,
    scheduler: common.Scheduler = None,
    quiet: common.Quiet = False,
) -> None:
    """Write the events (one row per event, every source kept) in a format for QGIS or a spreadsheet."""
    from incidentmap.exports import EVENT_FORMATS, ExportError, write_events

    if output.suffix.lower() not in EVENT_FORMATS:
        common.fail(f"{output}: unknown file extension {output.suffix!r} (use .geojson, .csv, .gpkg or .md)")
    selection = common.select(inputs, meta, published, start, end, zones, include_undated,
                               strict=strict, include_background=include_background,
                               workers=workers, scheduler=scheduler, progress=False if quiet else None)
    try:
        write_events(selection.frame, output)
    except (ExportError, OSError) as exc:
        common.fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback; the previous file stays
        common.fail(f"{output}: not written: {common.reason(exc)}")
    common.done(output, "events", selection)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
