"""Writers for incident mentions and events: GeoJSON (the `extract` contract), CSV, GeoPackage, Markdown.

Mentions (one row per sentence that reports an incident) are what `extract` writes; events (one row per
real-world event, mentions merged by `incidentmap.events`) are what `export` writes. The events CSV uses
ACLED's column names so that analysts can load it next to an ACLED download.

Every writer goes through `incidentmap.atomic`, so an interrupted run never leaves a partial file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidentmap.atomic import atomic_open, atomic_path
from incidentmap.models import Incident

if TYPE_CHECKING:
    import geopandas as gpd

# Joins list values (sources, zones, URLs) in flat formats; `Incident.from_feature` splits on ";".
LIST_SEPARATOR = "; "
# Joins evidence sentences of one event: sentences may themselves contain "; ".
EVIDENCE_SEPARATOR = " | "

# ACLED's column names, in ACLED's order, then ours.
EVENT_COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "sources",
    "notes",
)
EVENT_EXTRA_COLUMNS = (
    "fatalities_max",
    "injuries",
    "date_start",
    "date_end",
    "zones",
    "evidence",
    "source_urls",
    "n_mentions",
)
LIST_COLUMNS = ("sources", "zones", "source_urls")

GPKG_TIMESTAMP = "2000-01-01T00:00:00.000Z"

INCIDENT_FORMATS = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg"}
EVENT_FORMATS = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg", ".md": "md"}


class ExportError(ValueError):
    """An export that cannot be written (unknown format); the message names the file."""


def _format(path: Path, fmt: str | None, known: dict[str, str]) -> str:
    if fmt:
        fmt = fmt.lower().lstrip(".")
        if fmt in set(known.values()):
            return fmt
        names = ", ".join(sorted(set(known.values())))
        raise ExportError(f"{path}: unknown format {fmt!r} (use one of {names})")
    suffix = path.suffix.lower()
    if suffix not in known:
        raise ExportError(f"{path}: unknown file extension {suffix!r} (use one of {', '.join(known)})")
    return known[suffix]


def _blank(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def _flat(value: Any, separator: str = LIST_SEPARATOR) -> Any:
    """A scalar for flat formats: lists joined, dates as ISO text, missing as None."""
    if isinstance(value, (list, tuple)):
        return separator.join(str(v) for v in value if not _blank(v))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if _blank(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


# ---------------------------------------------------------------- mentions


def incidents_geojson(incidents: Iterable[Incident]) -> dict:
    """The FeatureCollection `incidentmap extract` writes: one feature per incident mention."""
    return {"type": "FeatureCollection", "features": [i.to_feature() for i in incidents]}


def _write_collection(collection: dict, path: str | Path) -> None:
    """A FeatureCollection with one feature per line: diffable, greppable, and written by the fast C encoder
    (`indent` would switch json to its pure-Python encoder, 2-3x slower on large exports)."""
    with atomic_open(path) as handle:
        handle.write('{"type": "FeatureCollection", "features": [\n')
        features = collection["features"]
        for n, feature in enumerate(features):
            handle.write(json.dumps(feature, ensure_ascii=False, default=str))
            handle.write(",\n" if n < len(features) - 1 else "\n")
        handle.write("]}\n")


def write_incidents_geojson(incidents: Iterable[Incident], path: str | Path) -> None:
    _write_collection(incidents_geojson(incidents), path)


def incident_rows(incidents: Iterable[Incident]) -> list[dict[str, Any]]:
    """Flat rows for mention-level CSV/GeoPackage: the GeoJSON properties plus latitude/longitude."""
    rows = []
    for incident in incidents:
        props = incident.to_properties()
        row = {key: _flat(value) for key, value in props.items()}
        row["latitude"] = incident.latitude
        row["longitude"] = incident.longitude
        rows.append(row)
    return rows


def _incident_columns() -> list[str]:
    return [*Incident("", "", "", "").to_properties(), "latitude", "longitude"]


def write_incidents(incidents: Iterable[Incident], path: str | Path, fmt: str | None = None) -> None:
    """Write incident mentions as GeoJSON, CSV or GeoPackage, chosen by `fmt` or the file extension."""
    path = Path(path)
    kind = _format(path, fmt, INCIDENT_FORMATS)
    incidents = list(incidents)
    if kind == "geojson":
        write_incidents_geojson(incidents, path)
        return
    rows = incident_rows(incidents)
    columns = _incident_columns()
    if kind == "csv":
        _write_csv(rows, columns, path)
    else:
        _write_gpkg(rows, columns, path, layer="incidents")


# ---------------------------------------------------------------- events


def _notes(record: dict[str, Any]) -> str:
    """ACLED-style notes: the best evidence sentence, then what a checker should know."""
    evidence = record.get("evidence") or []
    parts = [evidence[0]] if evidence else []
    low, high = record.get("fatalities"), record.get("fatalities_max")
    if not _blank(low) and not _blank(high) and low != high:
        parts.append(f"[Reported fatalities range from {int(low)} to {int(high)}.]")
    n = record.get("n_mentions")
    if not _blank(n) and int(n) > 1:
        parts.append(f"[{int(n)} reports.]")
    return " ".join(parts)


def _source_urls(record: dict[str, Any]) -> list[str]:
    urls = [m.get("url") for m in record.get("mentions") or [] if m.get("url")]
    return list(dict.fromkeys(urls))


def event_rows(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """One flat row per event with ACLED's columns then ours (lists joined, dates as ISO text)."""
    rows = []
    for record in frame.drop(columns="geometry", errors="ignore").to_dict("records"):
        record = {k: (None if not isinstance(v, (list, tuple, dict)) and _blank(v) else v)
                  for k, v in record.items()}
        row: dict[str, Any] = {}
        for column in (*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS):
            if column == "notes":
                value = _notes(record)
            elif column == "source_urls":
                value = _source_urls(record)
            elif column == "evidence":
                value = EVIDENCE_SEPARATOR.join(record.get("evidence") or [])
            else:
                value = record.get(column)
            row[column] = _flat(value)
        for column in ("time_precision", "geo_precision", "fatalities", "fatalities_max", "injuries",
                       "n_mentions"):
            if row[column] is not None:
                row[column] = int(row[column])
        rows.append(row)
    return rows


def events_geojson(frame: gpd.GeoDataFrame) -> dict:
    """Events as a FeatureCollection: every field of `events.summarize` (lists kept as arrays, the
    mentions nested) plus the CSV's `notes` and `source_urls`."""
    features = []
    for record in frame.drop(columns="geometry", errors="ignore").to_dict("records"):
        props = {}
        for key, value in record.items():
            if isinstance(value, (dt.date, dt.datetime)):
                value = value.isoformat()[:10]
            elif not isinstance(value, (list, tuple, dict)) and _blank(value):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            props[key] = value
        props["notes"] = _notes(props)
        props["source_urls"] = _source_urls(props)
        lat, lon = props.get("latitude"), props.get("longitude")
        geometry = None
        if lat is not None and lon is not None:
            geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "features": features}


# Markdown renders inline HTML and [text](url) links: article text must reach the reader as text.
_MD_ESCAPES = {"\\": "\\\\", "|": "\\|", "[": "\\[", "]": "\\]", "`": "\\`", "<": "&lt;", ">": "&gt;",
               "&": "&amp;", "\r": " ", "\n": " "}


def _md_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "".join(_MD_ESCAPES.get(c, c) for c in text).strip()


def events_markdown(frame: gpd.GeoDataFrame) -> str:
    """A Markdown table of events, one row each by date (undated last), for pasting into a report or issue."""
    rows = sorted(event_rows(frame),
                  key=lambda r: (r["event_date"] is None, r["event_date"] or "", r["event_id"] or ""))
    header = ["Date", "Type", "Sub-type", "Location", "Country", "Fatalities", "Actors", "Zones", "Sources",
              "Evidence"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        fatalities = row["fatalities"]
        if fatalities is not None and row["fatalities_max"] not in (None, fatalities):
            fatalities = f"{fatalities}-{row['fatalities_max']}"
        actors = " vs ".join(a for a in (row["actor1"], row["actor2"]) if a)
        cells = [row["event_date"], row["event_type"], row["sub_event_type"], row["location"], row["country"],
                 fatalities, actors, row["zones"], row["sources"], row["evidence"]]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    lines.append("")
    lines.append(f"{len(rows)} events.")
    return "\n".join(lines) + "\n"


def write_events(frame: gpd.GeoDataFrame, path: str | Path, fmt: str | None = None) -> None:
    """Write events (a frame from `incidentmap.events.events_frame`) by extension or `fmt`:
    GeoJSON, CSV (ACLED-like columns), GeoPackage (layer `events`) or Markdown."""
    path = Path(path)
    kind = _format(path, fmt, EVENT_FORMATS)
    if kind == "geojson":
        _write_collection(events_geojson(frame), path)
    elif kind == "md":
        with atomic_open(path) as handle:
            handle.write(events_markdown(frame))
    else:
        rows = event_rows(frame)
        columns = [*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS]
        if kind == "csv":
            _write_csv(rows, columns, path)
        else:
            _write_gpkg(rows, columns, path, layer="events")


# ---------------------------------------------------------------- flat writers and readback


# A spreadsheet runs a cell starting with one of these as a formula ("CSV injection"); article text could
# start that way, so such text cells get a leading apostrophe, which spreadsheets hide and `read_events`
# removes.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _uncsv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], path: Path) -> None:
    with atomic_open(path, "w", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _csv_cell(row.get(c)) for c in columns})


def _write_gpkg(rows: Sequence[dict[str, Any]], columns: Sequence[str], path: Path, layer: str) -> None:
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    data = {}
    for column in columns:  # integer columns with gaps stay integers in the GeoPackage
        raw = [r.get(column) for r in rows]
        values = [v for v in raw if v is not None]
        if values and all(isinstance(v, bool) for v in values):
            data[column] = pd.array(raw, dtype="boolean")
        elif values and all(isinstance(v, int) for v in values):
            data[column] = pd.array(raw, dtype="Int64")
        elif values and all(isinstance(v, (int, float)) for v in values):
            data[column] = pd.array(raw, dtype="Float64")
        else:
            data[column] = pd.Series(raw, dtype=object)
    frame = pd.DataFrame(data, columns=list(columns))
    geometry = [
        Point(r["longitude"], r["latitude"]) if None not in (r.get("latitude"), r.get("longitude")) else None
        for r in rows
    ]
    gdf = gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")
    import pyogrio

    # GeoPackages record a "last change" time; a fixed one makes the same events give the same bytes.
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_TIMESTAMP})
    try:
        with atomic_path(path) as tmp:
            gdf.to_file(tmp, driver="GPKG", layer=layer, engine="pyogrio")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def read_events(path: str | Path) -> gpd.GeoDataFrame:
    """Read an events export (GeoJSON, CSV or GeoPackage) back into a GeoDataFrame with list columns split.

    For checking a round trip and for re-using an export as input to further analysis.
    """
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    path = Path(path)
    kind = _format(path, None, EVENT_FORMATS)
    if kind == "md":
        raise ExportError(f"{path}: Markdown exports are for reading by people, not by programs")
    if kind == "csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame = frame.map(_uncsv_cell).replace({"": None})
        for column in ("latitude", "longitude"):
            frame[column] = pd.to_numeric(frame[column])
        for column in ("time_precision", "geo_precision", "fatalities", "fatalities_max", "injuries",
                       "n_mentions"):
            if column in frame:
                frame[column] = pd.array(pd.to_numeric(frame[column]), dtype="Int64")
        geometry = [
            None if pd.isna(lon) or pd.isna(lat) else Point(lon, lat)
            for lon, lat in zip(frame["longitude"], frame["latitude"], strict=True)
        ]
        frame = gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")
    else:
        frame = gpd.read_file(path, engine="pyogrio")
    for column in LIST_COLUMNS:
        if column in frame:
            frame[column] = [_split(v) for v in frame[column]]
    return frame


def _split(value: Any) -> list[str]:
    if hasattr(value, "tolist"):  # OGR string lists come back as numpy arrays
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    text = str(value)
    if text.startswith("["):  # GeoJSON arrays come back from OGR as JSON text
        try:
            return [str(v) for v in json.loads(text)]
        except json.JSONDecodeError:
            pass
    return [v.strip() for v in text.split(";") if v.strip()]
