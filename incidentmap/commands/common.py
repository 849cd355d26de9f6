"""Options and event selection shared by every command that turns inputs into events.

`build`, `report`, `snapshot` and `export` all take the same inputs, date range and zones, and must show
the same events for the same options; defining the options and the selection once here keeps them so.

Use in a command:

    def report(inputs: common.Inputs = None, meta: common.Meta = None, published: common.Published = None,
               start: common.From = None, end: common.To = None, zones: common.Zones = None,
               include_undated: common.IncludeUndated = False, ...):
        selection = common.select(inputs, meta, published, start, end, zones, include_undated)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    import geopandas as gpd

    from incidentmap.zones import Zone

Inputs = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Articles (.txt .md .json .jsonl .csv .html, or folders of them) or an incidents .geojson "
        "from `incidentmap extract`. None: the bundled example articles.",
        show_default=False,
    ),
]
Meta = Annotated[
    Path | None,
    typer.Option("--meta", help="CSV manifest mapping file names to published, source, url.",
                 show_default=False),
]
Published = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for articles that give none.",
                 show_default=False),
]
From = Annotated[
    str | None,
    typer.Option("--from", help="Keep events that may have happened on or after this date (YYYY-MM-DD).",
                 show_default=False),
]
To = Annotated[
    str | None,
    typer.Option("--to", help="Keep events that may have happened on or before this date (YYYY-MM-DD).",
                 show_default=False),
]
Zones = Annotated[
    list[Path] | None,
    typer.Option("--zones", help="GeoJSON file of zones (Polygon, LineString, Point with radius_km); "
                 "repeatable. The At Tanf deconfliction zone is always included.", show_default=False),
]
IncludeUndated = Annotated[
    bool,
    typer.Option("--include-undated", help="Also keep events whose date is unknown."),
]
IncludeBackground = Annotated[
    bool,
    typer.Option("--include-background", help="Also keep events that the articles mention only in passing "
                 "as background (\"last year\", \"in February\")."),
]
Title = Annotated[str | None, typer.Option("--title", help="Title shown on the output.", show_default=False)]
Workers = Annotated[
    int | None,
    typer.Option("--workers", min=1, show_default=False,
                 help="Extract articles in N local processes (default 1, or $INCIDENTMAP_WORKERS)."),
]
Scheduler = Annotated[
    str | None,
    typer.Option("--scheduler", show_default=False,
                 help="Extract on an existing dask.distributed cluster: its scheduler's address, e.g. "
                 "tcp://10.0.0.5:8786 (or $INCIDENTMAP_SCHEDULER)."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def execution(workers: int | None, scheduler: str | None) -> tuple[int, str | None]:
    """--workers / --scheduler, else $INCIDENTMAP_WORKERS / $INCIDENTMAP_SCHEDULER, else one process."""
    import os

    if workers is None:
        env = os.environ.get("INCIDENTMAP_WORKERS", "").strip()
        if env and not (env.isdigit() and int(env) >= 1):
            fail(f"INCIDENTMAP_WORKERS={env!r}: use a whole number >= 1")
        workers = int(env) if env else 1
    scheduler = scheduler or os.environ.get("INCIDENTMAP_SCHEDULER", "").strip() or None
    return workers, scheduler
Strict = Annotated[
    bool,
    typer.Option("--strict", help="Exit with status 1, writing nothing, if any input was skipped or read "
                 "with a warning (bad UTF-8, impossible date)."),
]
# Exit statuses: 0 written (skipped inputs are listed); 1 the inputs are unusable (nothing read, or any
# problem under --strict); 2 the command is wrong (bad option, zone file, manifest) or cannot write.
EXIT_INPUT, EXIT_USAGE = 1, 2


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop with a one-line error on stderr (never a traceback)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def summary(result: Any) -> str:
    """The end-of-run lines: articles read, skipped inputs by reason, warnings, incident mentions, events."""
    skipped = list(getattr(result, "skipped", []) or [])
    reasons = Counter(s.reason for s in skipped)
    ordered = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    by_reason = ", ".join(f"{reason} {n}" for reason, n in ordered)
    lines = [
        f"articles read: {getattr(result, 'articles', 0)}",
        f"skipped: {len(skipped)}" + (f" ({by_reason})" if by_reason else ""),
        f"warnings: {len(getattr(result, 'warnings', []) or [])}",
        f"incidents: {len(result.incidents)}",
        f"events: {len(result.events)}",
    ]
    undated = sum(1 for i in result.incidents if i.event_date is None)
    unplaced = sum(1 for i in result.incidents if i.latitude is None)
    if undated or unplaced:
        lines.append(f"  ({undated} undated, {unplaced} without a place)")
    return "\n".join(lines)


def check_inputs(result: Any, strict: bool = False, quiet: bool = False, show_summary: bool = False) -> None:
    """Report every skipped input and warning (one line each, stderr), then apply the exit policy: stop with
    status 1 when nothing usable was read, or under `--strict` when anything was skipped or warned about."""
    skipped = list(getattr(result, "skipped", []) or [])
    warnings = list(getattr(result, "warnings", []) or [])
    if not quiet:
        for item in skipped:
            typer.echo(item.message(), err=True)
        for line in warnings:
            typer.echo(line, err=True)
    if show_summary:
        typer.echo(summary(result), err=True)
    if skipped and not getattr(result, "articles", 0) and not result.incidents:
        fail(f"nothing usable was read ({len(skipped)} inputs skipped)", EXIT_INPUT)
    if strict and (skipped or warnings):
        fail(f"--strict: {len(skipped)} inputs skipped, {len(warnings)} warnings; nothing written",
             EXIT_INPUT)


def check_gazetteer(inputs: list[Path] | None) -> None:
    """Stop with the gazetteer's one-line `file:line: problem` when its data (or a GeoNames dump named in
    $INCIDENTMAP_GEONAMES) is broken; otherwise every incident would silently come out unplaced."""
    if inputs and all(Path(p).suffix.lower() == ".geojson" for p in inputs):
        return  # incidents already extracted: no place resolution
    import gazetteer

    try:
        gazetteer.default()
    except gazetteer.GazetteerDataError as exc:
        fail(str(exc))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        extra = os.environ.get("INCIDENTMAP_GEONAMES")
        hint = f"; check the dumps in $INCIDENTMAP_GEONAMES ({extra})" if extra else ""
        fail(f"gazetteer data could not be read ({type(exc).__name__}: {str(exc)[:100]}){hint}")


def reason(exc: BaseException) -> str:
    """One line for an error: the first non-empty line of its message, else its type."""
    return next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)


def parse_date(text: str | None, option: str) -> dt.date | None:
    if text is None or not text.strip():
        return None
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option} {text!r}: not a date, use YYYY-MM-DD")
    if option == "--published" and not dt.date(1900, 1, 1) <= date <= dt.date.today() + dt.timedelta(days=1):
        fail(f"--published {text!r}: a publication date must lie between 1900 and tomorrow")
    return date


@dataclass
class Selection:
    """The events a command shows, and how they were chosen (for titles, summaries and checks)."""

    frame: gpd.GeoDataFrame  # one row per event (events.events_frame), annotated with the zones
    zones: list[Zone]
    start: dt.date | None
    end: dt.date | None
    total_events: int  # before the date filter
    result: Any  # the pipeline's RunResult (articles, incidents, skipped)

    def period(self) -> str:
        """The requested date range, or the range of the events' dates."""
        if self.start or self.end:
            first = self.start.isoformat() if self.start else "…"
            last = self.end.isoformat() if self.end else "…"
            return f"{first} to {last}"
        dates = sorted(d for d in self.frame.get("event_date", []) if isinstance(d, dt.date))
        if not dates:
            return "no dated events"
        return dates[0].isoformat() if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def select(
    inputs: list[Path] | None,
    meta: Path | None = None,
    published: str | None = None,
    start: str | None = None,
    end: str | None = None,
    zone_files: list[Path] | None = None,
    include_undated: bool = False,
    quiet: bool = False,
    strict: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    include_background: bool = False,
    progress: bool | None = None,
) -> Selection:
    """Run the pipeline on the inputs, keep the events of the date range, and test them against the zones.

    Skipped inputs are reported on stderr, one line each, and never stop the others (see `check_inputs`).
    """
    from incidentmap.events import events_frame, filter_events
    from incidentmap.zones import ZoneError, annotate, load_zones

    first, last = parse_date(start, "--from"), parse_date(end, "--to")
    if first and last and first > last:
        fail(f"--from {first} is after --to {last}")
    published_date = parse_date(published, "--published")
    if meta is not None and not meta.is_file():
        fail(f"{meta}: no such manifest file")
    try:
        zones = load_zones([Path(p) for p in zone_files or []])
    except ZoneError as exc:
        fail(str(exc))
    from incidentmap import pipeline

    check_gazetteer(inputs)
    try:
        workers, scheduler = execution(workers, scheduler)
        result = pipeline.run([str(p) for p in inputs or []], meta=meta, published=published_date,
                              workers=workers, scheduler=scheduler,
                              progress=False if quiet else progress)
    except (OSError, ValueError) as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    check_inputs(result, strict=strict, quiet=quiet, show_summary=not quiet)
    events = list(result.events)
    kept = filter_events(events, first, last, include_undated=include_undated,
                         include_background=include_background)
    frame = annotate(events_frame(kept), zones)
    return Selection(frame=frame, zones=zones, start=first, end=last, total_events=len(events), result=result)


def done(path: Path, what: str, selection: Selection) -> None:
    """The one line a command prints when it has written its output."""
    shown = len(selection.frame)
    note = f" of {selection.total_events}" if shown != selection.total_events else ""
    print(f"{path}: {what}, {shown}{note} events, {selection.period()}", file=sys.stdout)
