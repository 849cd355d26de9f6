"""Mentions become events: grouping, the flattened record, date-range filtering."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from incidentmap.events import (
    event_period,
    events_frame,
    filter_events,
    group_events,
    read_incidents,
    summarize,
)
from incidentmap.exports import write_incidents_geojson
from incidentmap.models import Incident


def mention(article: str, n: int, **kw) -> Incident:
    base = dict(
        article=article, evidence=f"Sentence {n}.", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", mention_id=f"{article}#{n}",
    )
    base.update(kw)
    return Incident(**base)


def test_conflicting_tolls_kept_as_range_and_sources_merged() -> None:
    a = mention("a.txt", 0, event_id="ev1", fatalities=40, source="wire", event_date=dt.date(2018, 6, 18),
                time_precision=1, latitude=34.4, longitude=40.9, geo_precision=2, location="Abu Kamal")
    b = mention("b.txt", 0, event_id="ev1", fatalities=52, source="post", event_date=dt.date(2018, 6, 17),
                time_precision=2, latitude=34.45, longitude=40.92, geo_precision=1, location="Al-Hari")
    c = mention("b.txt", 1, event_id="ev2")
    events = group_events([a, b, c])
    assert [e.event_id for e in events] == ["ev1", "ev2"]
    row = summarize(events[0])
    assert (row["fatalities"], row["fatalities_max"]) == (40, 52)
    assert row["sources"] == ["post", "wire"]
    assert row["event_date"] == dt.date(2018, 6, 18)  # the day-precise mention gives the date
    assert row["location"] == "Al-Hari"  # the town-precise mention gives the place
    assert row["evidence"] == ["Sentence 0."]  # the same sentence is not repeated
    assert row["n_mentions"] == 2


def test_event_period_per_time_precision() -> None:
    day = dt.date(2017, 6, 6)
    assert event_period(day, 1) == (day, day)
    assert event_period(day, 2) == (dt.date(2017, 6, 3), dt.date(2017, 6, 9))
    assert event_period(day, 3) == (dt.date(2017, 6, 1), dt.date(2017, 6, 30))
    assert event_period(dt.date(2017, 12, 5), 3) == (dt.date(2017, 12, 1), dt.date(2017, 12, 31))
    assert event_period(None, 1) is None


def test_filter_overlaps_period_and_handles_undated() -> None:
    may = mention("a", 0, event_id="may", event_date=dt.date(2017, 5, 18), time_precision=1)
    june_week = mention("a", 1, event_id="jw", event_date=dt.date(2017, 6, 2), time_precision=2)
    undated = mention("a", 2, event_id="u")
    events = group_events([may, june_week, undated])
    ids = lambda evs: [e.event_id for e in evs]  # noqa: E731
    assert ids(filter_events(events, end=dt.date(2017, 5, 31))) == ["may", "jw"]  # the week reaches May 30
    assert ids(filter_events(events, start=dt.date(2017, 6, 1))) == ["jw"]
    assert ids(filter_events(events, start=dt.date(2017, 6, 1), include_undated=True)) == ["jw", "u"]


def test_geojson_roundtrip_and_frame(tmp_path: Path) -> None:
    a = mention("a.txt", 0, event_id="ev1", latitude=33.5, longitude=38.6, sources=["wire"],
                zones=["At Tanf deconfliction zone"], event_date=dt.date(2017, 6, 6),
                published=dt.date(2017, 6, 7))
    path = tmp_path / "incidents.geojson"
    write_incidents_geojson([a], path)
    feature = json.loads(path.read_text())["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [38.6, 33.5]}
    for key in ("article", "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
                "location", "geo_precision", "fatalities", "actor1", "actor2", "evidence", "sources"):
        assert key in feature["properties"]
    assert read_incidents(path) == [a]
    frame = events_frame(group_events([a]))
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.iloc[0].x == 38.6 and frame.loc[0, "zones"] == ["At Tanf deconfliction zone"]
    assert len(events_frame([])) == 0


def test_background_only_events_left_out_on_request() -> None:
    news = mention("a", 0, event_id="news", event_date=dt.date(2018, 6, 18), time_precision=1)
    old = mention("a", 1, event_id="old", event_date=dt.date(2018, 2, 1), time_precision=3, background=True)
    mixed = [mention("a", 2, event_id="mix", event_date=dt.date(2018, 5, 1), time_precision=3,
                     background=True),
             mention("b", 0, event_id="mix", event_date=dt.date(2018, 5, 2), time_precision=1)]
    events = group_events([news, old, *mixed])
    assert [e.event_id for e in filter_events(events)] == ["news", "old", "mix"]
    assert [e.event_id for e in filter_events(events, include_background=False)] == ["news", "mix"]
