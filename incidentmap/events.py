"""Events: mentions grouped by `event_id`, flattened for maps, reports and exports, and filtered by date.

The extraction stage writes one GeoJSON feature per mention. The map, the report and the exports all show
one row per *event*; this module is the single place that decides how mentions combine into that row
(the most precise date and place win, tolls are kept as a range, every source is kept).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidentmap.models import TIME_DAY, TIME_WEEK, Event, Incident

if TYPE_CHECKING:
    import geopandas as gpd

# Half-width, in days, of the period an event may have happened in, per ACLED time_precision 2.
WEEK_HALF_WIDTH = 3


def read_incidents(path: str | Path) -> list[Incident]:
    """Read the mention GeoJSON written by `incidentmap extract`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection")
    return [Incident.from_feature(feature) for feature in data.get("features", [])]


def group_events(incidents: Iterable[Incident]) -> list[Event]:
    """Group mentions by `event_id` (a mention without one is its own event), in first-seen order."""
    groups: dict[str, list[Incident]] = {}
    for n, incident in enumerate(incidents):
        key = incident.event_id or incident.mention_id or f"mention-{n}"
        groups.setdefault(key, []).append(incident)
    return [Event(event_id=key, mentions=mentions) for key, mentions in groups.items()]


def event_period(date: dt.date | None, time_precision: int) -> tuple[dt.date, dt.date] | None:
    """The days an event may have happened on: the day, about a week around it, or its month."""
    if date is None:
        return None
    if time_precision <= TIME_DAY:
        return date, date
    if time_precision == TIME_WEEK:
        half = dt.timedelta(days=WEEK_HALF_WIDTH)
        return date - half, date + half
    first = date.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def _dated(event: Event) -> Incident:
    """The mention whose date is most precise (a current report beats a background mention)."""
    return min(
        event.mentions,
        key=lambda m: (m.event_date is None, m.background, m.time_precision, m.mention_id),
    )


def _placed(event: Event) -> Incident:
    """The mention whose place is most precise."""
    return min(
        event.mentions,
        key=lambda m: (m.latitude is None, m.geo_precision, m.mention_id),
    )


def _most_common(values: Iterable[str | None], fallback: str | None) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else fallback


def summarize(event: Event) -> dict[str, Any]:
    """One flat record for an event: the values a map popup, a table row or a CSV line shows."""
    dated, placed = _dated(event), _placed(event)
    ordered = sorted(event.mentions, key=lambda m: (m.geo_precision, m.time_precision, m.mention_id))
    tolls = event.fatalities_range
    injuries = [m.injuries for m in event.mentions if m.injuries is not None]
    period = event_period(dated.event_date, dated.time_precision)
    return {
        "event_id": event.event_id,
        "event_date": dated.event_date,
        "time_precision": dated.time_precision,
        "date_start": period[0] if period else None,
        "date_end": period[1] if period else None,
        "background": all(m.background for m in event.mentions),
        "event_type": _most_common((m.event_type for m in ordered), placed.event_type),
        "sub_event_type": _most_common((m.sub_event_type for m in ordered), placed.sub_event_type),
        "actor1": next((m.actor1 for m in ordered if m.actor1), None),
        "actor2": next((m.actor2 for m in ordered if m.actor2), None),
        "location": placed.location,
        "country": placed.country,
        "admin1": placed.admin1,
        "geo_precision": placed.geo_precision,
        "place_note": placed.place_note,
        "latitude": placed.latitude,
        "longitude": placed.longitude,
        # ACLED codes the lowest credible toll; the highest is kept so disagreement stays visible.
        "fatalities": tolls[0] if tolls else None,
        "fatalities_max": tolls[1] if tolls else None,
        "injuries": min(injuries) if injuries else None,
        "zones": sorted({z for m in event.mentions for z in m.zones}),
        "evidence": list(dict.fromkeys(m.evidence for m in event.mentions)),
        "sources": event.sources,
        "mentions": [
            {
                "article": m.article,
                "source": m.source,
                "url": m.url,
                "title": m.title,
                "published": m.published.isoformat() if m.published else None,
                "evidence": m.evidence,
                "fatalities": m.fatalities,
                "event_date": m.event_date.isoformat() if m.event_date else None,
            }
            for m in event.mentions
        ],
        "n_mentions": len(event.mentions),
    }


def filter_events(
    events: Iterable[Event],
    start: dt.date | None = None,
    end: dt.date | None = None,
    include_undated: bool = False,
    include_background: bool = True,
) -> list[Event]:
    """Keep events whose possible period overlaps [start, end]; undated ones only when asked.

    With `include_background=False`, events that every source mentions only in passing as background
    ("last year", "in February") are left out: they are context for the news, not the news.
    """
    kept = []
    for event in events:
        if not include_background and all(m.background for m in event.mentions):
            continue
        dated = _dated(event)
        period = event_period(dated.event_date, dated.time_precision)
        if period is None:
            if include_undated:
                kept.append(event)
            continue
        if start is not None and period[1] < start:
            continue
        if end is not None and period[0] > end:
            continue
        kept.append(event)
    return kept


def events_frame(events: Iterable[Event]) -> gpd.GeoDataFrame:
    """A GeoDataFrame with one row per event (EPSG:4326); unplaced events have an empty geometry."""
    import geopandas as gpd
    from shapely.geometry import Point

    rows = [summarize(event) for event in events]
    geometry = [
        Point(r["longitude"], r["latitude"]) if r["latitude"] is not None else None for r in rows
    ]
    columns = list(rows[0]) if rows else list(summarize(Event("x", [Incident("", "", "", "")])))
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs="EPSG:4326")
