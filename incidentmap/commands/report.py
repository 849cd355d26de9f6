"""`incidentmap report`: one self-contained offline HTML report of the selected events."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from incidentmap.commands import common


def report(
    inputs: common.Inputs = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The HTML file to write.")
    ] = Path("output/report.html"),
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
    static_map: Annotated[
        bool, typer.Option("--static-map/--no-static-map", help="Embed a static map image for printing.")
    ] = True,
) -> None:
    """Summary, timeline, interactive map and sortable incident table with evidence, in one offline file."""
    from incidentmap.report import write_report

    selection = common.select(inputs, meta, published, start, end, zones, include_undated,
                               strict=strict, include_background=include_background,
                               workers=workers, scheduler=scheduler, progress=False if quiet else None)
    try:
        write_report(
            output,
            selection.frame,
            zones=selection.zones,
            title=title or "Incident report",
            start=selection.start,
            end=selection.end,
            result=selection.result,
            total_events=selection.total_events,
            static_map=static_map,
        )
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback; the previous report stays
        common.fail(f"{output}: report not written: {common.reason(exc)}")
    common.done(output, "report", selection)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
