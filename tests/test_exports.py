"""Every export reads back (geopandas, csv, pyogrio) with the same events and fields."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from incidentmap import exports
from incidentmap.events import events_frame, group_events, read_incidents


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


FIXTURE = Path(__file__).parent / "fixtures" / "report_incidents.geojson"


@pytest.fixture()
def incidents():
    return read_incidents(FIXTURE)


@pytest.fixture()
def frame(incidents):
    return events_frame(group_events(incidents))


def test_fixture_has_merged_and_unplaced_events(frame):
    assert len(frame) == 5
    tanf = frame.set_index("event_id").loc["ev-tanf-1"]
    assert (tanf["fatalities"], tanf["fatalities_max"], tanf["n_mentions"]) == (6, 8, 2)
    assert frame.geometry.isna().sum() == 1 or frame.geometry.is_empty.sum() == 1


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".gpkg"])
def test_events_round_trip(frame, tmp_path, suffix):
    path = tmp_path / f"events{suffix}"
    exports.write_events(frame, path)
    back = exports.read_events(path).set_index("event_id")
    assert sorted(back.index) == sorted(frame["event_id"])
    for column in (*exports.EVENT_COLUMNS[1:], "fatalities_max", "zones", "evidence"):
        assert column in back.columns, column
    original = frame.set_index("event_id")
    for event_id, row in original.iterrows():
        got = back.loc[event_id]
        assert got["event_type"] == row["event_type"]
        assert (got["location"] or "") == (row["location"] or "")
        assert list(got["sources"]) == row["sources"]
        if _missing(row["latitude"]):
            assert got.geometry is None or got.geometry.is_empty
        else:
            assert got.geometry.x == pytest.approx(row["longitude"], abs=1e-6)
            assert got.geometry.y == pytest.approx(row["latitude"], abs=1e-6)
        if _missing(row["fatalities"]):
            assert _missing(got["fatalities"])
        else:
            assert int(got["fatalities"]) == row["fatalities"]
        date = row["event_date"].isoformat() if row["event_date"] else None
        got_date = None if _missing(got["event_date"]) else str(got["event_date"])[:10]
        assert got_date == date
    assert list(back.loc["ev-tanf-1", "zones"]) == ["At Tanf deconfliction zone"]


def test_csv_has_acled_columns_in_order(frame, tmp_path):
    path = tmp_path / "events.csv"
    exports.write_events(frame, path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames[: len(exports.EVENT_COLUMNS)] == list(exports.EVENT_COLUMNS)
    assert {"fatalities_max", "zones", "evidence"} <= set(reader.fieldnames)
    tanf = next(r for r in rows if r["event_id"] == "ev-tanf-1")
    assert tanf["event_date"] == "2017-05-18"
    assert tanf["time_precision"] == "1"
    assert tanf["sources"] == "daily-example.net; example-wire.org"
    assert tanf["fatalities"] == "6" and tanf["fatalities_max"] == "8"
    assert "range from 6 to 8" in tanf["notes"] and tanf["notes"].startswith("Coalition aircraft")
    assert tanf["evidence"].count(exports.EVIDENCE_SEPARATOR) == 1
    assert tanf["source_urls"] == "https://example-wire.org/tanf-strike; http://daily-example.net/a2"
    badia = next(r for r in rows if r["event_id"] == "ev-badia")
    assert badia["latitude"] == "" and badia["event_date"] == ""


def test_gpkg_opens_with_ogr(frame, tmp_path):
    path = tmp_path / "events.gpkg"
    exports.write_events(frame, path)
    info = pyogrio.read_info(path, layer="events")
    assert info["driver"] == "GPKG"
    assert info["features"] == 5
    assert info["crs"] == "EPSG:4326"
    assert info["geometry_type"] == "Point"
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert types["fatalities"] == "OFTInteger64" and types["geo_precision"] == "OFTInteger64"
    assert types["sources"] == "OFTString"
    assert pyogrio.list_layers(path).tolist() == [["events", "Point"]]


def test_markdown_table(frame, tmp_path):
    path = tmp_path / "events.md"
    exports.write_events(frame, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("| Date | Type |")
    body = [line for line in lines[2:] if line.startswith("|")]
    assert len(body) == 5
    assert all(line.count(" | ") == lines[0].count(" | ") for line in body)  # pipes in text are escaped
    assert any("| 6-8 |" in line for line in body)
    assert lines[-1] == "5 events."


def test_incidents_round_trip_all_formats(incidents, tmp_path):
    for suffix in (".geojson", ".csv", ".gpkg"):
        path = tmp_path / f"mentions{suffix}"
        exports.write_incidents(incidents, path)
        if suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            assert [r["mention_id"] for r in rows] == [i.mention_id for i in incidents]
            assert rows[0]["zones"] == "At Tanf deconfliction zone"
            assert rows[0]["latitude"] == "33.5058"
        elif suffix == ".gpkg":
            back = pyogrio.read_dataframe(path)
            assert list(back["mention_id"]) == [i.mention_id for i in incidents]
            assert list(back["evidence"]) == [i.evidence for i in incidents]
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
            ids = [f["properties"]["mention_id"] for f in data["features"]]
            assert ids == [i.mention_id for i in incidents]


def test_explicit_format_and_bad_extension(incidents, frame, tmp_path):
    exports.write_incidents(incidents, tmp_path / "mentions.out", fmt="csv")
    assert (tmp_path / "mentions.out").read_text(encoding="utf-8").startswith("article,")
    with pytest.raises(exports.ExportError, match="events.xlsx"):
        exports.write_events(frame, tmp_path / "events.xlsx")
    assert not (tmp_path / "events.xlsx").exists()


def test_empty_frame_writes_header_only(tmp_path):
    empty = events_frame([])
    exports.write_events(empty, tmp_path / "none.csv")
    assert (tmp_path / "none.csv").read_text(encoding="utf-8").startswith("event_id,event_date,")
    exports.write_events(empty, tmp_path / "none.geojson")
    assert json.loads((tmp_path / "none.geojson").read_text())["features"] == []


def test_hostile_text_stays_text_in_csv_and_markdown(tmp_path):
    from incidentmap.models import Incident

    hostile = Incident(
        article="h.txt",
        evidence='=HYPERLINK("http://evil.example","click") [x](javascript:alert(1)) <script>',
        event_type="Battles", sub_event_type="Armed clash", location="-Somewhere", actor1="@group",
        latitude=34.0, longitude=40.0, event_id="h", mention_id="h.txt#1", source="+wire",
    )
    frame = events_frame(group_events([hostile]))
    exports.write_events(frame, tmp_path / "h.csv")
    with (tmp_path / "h.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["evidence"].startswith("'=HYPERLINK(")  # a spreadsheet shows it, does not run it
    assert row["location"] == "'-Somewhere" and row["actor1"] == "'@group" and row["sources"] == "'+wire"
    back = exports.read_events(tmp_path / "h.csv").iloc[0]
    assert back["evidence"] == hostile.evidence and back["location"] == "-Somewhere"
    assert list(back["sources"]) == ["+wire"]
    exports.write_events(frame, tmp_path / "h.md")
    text = (tmp_path / "h.md").read_text(encoding="utf-8")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\[x\\](javascript:alert(1))" in text  # brackets escaped: no link
    assert not re.search(r"(?<!\\)\[", text)


def test_same_events_give_identical_files(frame, tmp_path):
    import time

    for suffix in (".geojson", ".csv", ".gpkg", ".md"):
        exports.write_events(frame, tmp_path / f"a{suffix}")
        time.sleep(1.1 if suffix == ".gpkg" else 0)  # a GeoPackage records a timestamp unless pinned
        exports.write_events(frame, tmp_path / f"b{suffix}")
        assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes(), suffix
