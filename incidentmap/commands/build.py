"""`incidentmap build`: the standalone, offline, interactive HTML map of the selected events."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from incidentmap.commands import common


def build(
    inputs: common.Inputs = None,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The HTML file to write.")
    ] = Path("output/map.html"),
    meta: common.Meta = None,
    published: common.Published = None,
    start: common.From = None,
    end: common.To = None,
    zones: common.Zones = None,
    title: common.Title = None,
    include_undated: common.IncludeUndated = False,
    include_background: common.IncludeBackground = False,
    strict: common.Strict = False,
    workers: common.Workers = None,
    scheduler: common.Scheduler = None,
    quiet: common.Quiet = False,
    fragment: Annotated[
        bool,
        typer.Option("--fragment", help="Write an HTML fragment (a <div> with scoped ids and styles) for "
                     "embedding in another page, instead of a full page."),
    ] = False,
    height: Annotated[
        str | None,
        typer.Option("--height", show_default=False,
                     help="CSS height of the map (default: the whole page; 600px for --fragment)."),
    ] = None,
) -> None:
    """Write a map that opens anywhere: every script inlined, no network, same inputs -> same bytes."""
    from incidentmap.webmap import build_map, save_map

    selection = common.select(inputs, meta, published, start, end, zones, include_undated,
                               strict=strict, include_background=include_background,
                               workers=workers, scheduler=scheduler, progress=False if quiet else None)
    result = selection.result
    articles = _count(getattr(result, "articles", 0))
    mentions = _count(getattr(result, "incidents", 0))
    skipped = _count(getattr(result, "skipped", 0))
    print(f"read {articles} articles, {mentions} incident mentions, {selection.total_events} events"
          + (f"; skipped {skipped} inputs (see above)" if skipped else ""))
    placed = int((~selection.frame.geometry.is_empty & selection.frame.geometry.notna()).sum())
    unplaced = len(selection.frame) - placed
    if unplaced:
        print(f"{unplaced} events have no place and are not drawn")
    try:
        m = build_map(
            selection.frame,
            zones=selection.zones,
            title=title or f"Incidents, {selection.period()}",
            height=height or ("600px" if fragment else "100%"),
        )
        save_map(m, output, fragment=fragment)
    except Exception as exc:  # one line, never a traceback; the previous map (if any) is left intact
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        common.fail(f"{output}: map not written: {reason}")
    common.done(output, "map" + (" fragment" if fragment else ""), selection)


def _count(value: object) -> int:
    """RunResult fields are counts or lists."""
    if isinstance(value, int):
        return value
    return len(value) if hasattr(value, "__len__") else 0  # type: ignore[arg-type]


def register(app: typer.Typer) -> None:
    app.command("build")(build)
