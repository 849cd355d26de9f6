"""`incidentmap snapshot`: a static map (PNG, SVG or PDF) of the selected events for print and documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from incidentmap.commands import common


def snapshot(
    inputs: common.Inputs = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Output image; .png, .svg or .pdf.")
    ] = Path("output/map.png"),
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
    title: common.Title = None,
    dpi: Annotated[int, typer.Option("--dpi", min=30, max=600, help="Resolution of a PNG.")] = 150,
) -> None:
    """Draw events, zones and country borders offline into an image with legend, scale bar and credits."""
    from incidentmap.snapshot import FORMATS, SnapshotError, write_snapshot

    if output.suffix.lower() not in FORMATS:
        common.fail(f"{output}: unknown image format {output.suffix!r} (use .png, .svg or .pdf)")
    selection = common.select(inputs, meta, published, start, end, zones, include_undated,
                               strict=strict, include_background=include_background,
                               workers=workers, scheduler=scheduler, progress=False if quiet else None)
    try:
        write_snapshot(selection.frame, output, zones=selection.zones, title=title or "Incidents",
                       start=selection.start, end=selection.end, dpi=dpi)
    except (SnapshotError, OSError) as exc:
        common.fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback; the previous image stays
        common.fail(f"{output}: image not written: {common.reason(exc)}")
    common.done(output, "static map", selection)


def register(app: typer.Typer) -> None:
    app.command("snapshot")(snapshot)
