"""Zones: geodesic circles, user GeoJSON zones, one-line errors, and the point-in-zone annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyproj import Geod

from incidentmap.events import events_frame, group_events, read_incidents
from incidentmap.zones import ZoneError, annotate, default_zones, load_zones, read_zones, zones_containing

GEOD = Geod(ellps="WGS84")
FIXTURE = Path(__file__).parent / "fixtures" / "map_incidents.geojson"
TANF = (38.6178, 33.5058)
TANF_NAME = "At Tanf deconfliction zone"
TRIANGLE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}


def write(tmp_path: Path, data: object, name: str = "zones.geojson") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def feature(geometry: dict, **props: object) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def collection(*features: dict, **extra: object) -> dict:
    return {"type": "FeatureCollection", "features": list(features), **extra}


def test_default_zone_is_a_geodesic_55_km_circle_around_tanf():
    (zone,) = default_zones()
    assert zone.name == "At Tanf deconfliction zone"
    assert zone.kind == "circle" and zone.radius_km == 55
    ring = list(zone.geometry.exterior.coords)
    assert len(ring) >= 65
    distances = [GEOD.inv(*TANF, x, y)[2] for x, y in ring]
    assert min(distances) == pytest.approx(55_000, abs=1)
    assert max(distances) == pytest.approx(55_000, abs=1)
    # a screen circle would be as wide in degrees of longitude as of latitude; a geodesic one is not
    west, south, east, north = zone.geometry.bounds
    assert (east - west) / (north - south) == pytest.approx(1 / 0.834, rel=0.02)
    assert zone.style["color"] == "#b2182b"


@pytest.mark.parametrize(("km", "inside"), [(0, True), (54.5, True), (55.6, False), (80, False)])
def test_points_around_tanf_fall_in_or_out_by_true_distance(km, inside):
    zones = default_zones()
    for azimuth in (0, 90, 200):
        lon, lat, _ = GEOD.fwd(*TANF, azimuth, km * 1000)
        names = zones_containing([lon], [lat], zones)[0]
        assert (names == ["At Tanf deconfliction zone"]) is inside


def test_user_zones_of_every_supported_geometry(tmp_path):
    path = write(tmp_path, collection(
        feature({"type": "Polygon", "coordinates": [[[40, 34], [41.5, 34], [41.5, 35], [40, 35], [40, 34]]]},
                name="Box", style={"color": "#123456", "fillOpacity": 0.2, "onclick": "x"}),
        feature({"type": "MultiPolygon", "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]]},
            name="Two squares", stroke="#00ff00"),
        feature({"type": "LineString", "coordinates": [[39.0, 35.9], [40.1, 35.3], [40.9, 34.4]]},
                name="River line", buffer_km=5),
        feature({"type": "LineString", "coordinates": [[36, 36], [37, 37]]}, name="Bare line"),
        feature({"type": "Point", "coordinates": [40.92, 34.45]}, name="Town ring", radius_km="10"),
    ))
    zones = {z.name: z for z in read_zones(path)}
    assert zones["Box"].kind == "polygon" and zones["Box"].style == {"color": "#123456", "fillOpacity": 0.2}
    assert zones["Two squares"].style == {"color": "#00ff00"}
    assert zones["River line"].is_area and zones["River line"].line is not None
    assert not zones["Bare line"].is_area
    assert zones["Town ring"].kind == "circle" and zones["Town ring"].radius_km == 10
    # 3 km from the river line is inside its 5 km buffer; 8 km is not
    lon3, lat3, _ = GEOD.fwd(40.1, 35.3, 35, 3000)
    lon8, lat8, _ = GEOD.fwd(40.1, 35.3, 35, 8000)
    found = zones_containing([lon3, lon8, 0.5, 5.5, 36.5], [lat3, lat8, 0.5, 5.5, 36.5], list(zones.values()))
    assert found[0] == ["River line"]
    assert found[1] == []
    assert found[2] == ["Two squares"] and found[3] == ["Two squares"]
    assert found[4] == []  # a bare line has no inside


def test_user_zones_follow_defaults_and_same_name_replaces(tmp_path):
    path = write(tmp_path, collection(
        feature({"type": "Point", "coordinates": list(TANF)}, name=TANF_NAME, radius_km=20),
        feature({"type": "Polygon", "coordinates": [[[40, 34], [41, 34], [41, 35], [40, 34]]]}, name="Tri"),
    ))
    zones = load_zones([path])
    assert [z.name for z in zones] == ["At Tanf deconfliction zone", "Tri"]
    assert zones[0].radius_km == 20


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"type": "FeatureCollection", "features": [\n  {"type": ', ":2: invalid JSON"),
        (collection(feature({"type": "Point", "coordinates": [38.6, 33.5]}, name="Camp")),
         "feature 1 (Camp): a Point zone needs a radius_km property"),
        (collection(feature({"type": "Point", "coordinates": [38.6, 33.5]}, name="Neg", radius_km=-3)),
         "feature 1 (Neg): radius_km must be a positive number"),
        (collection(feature(TRIANGLE, name="ok"),
                    feature({"type": "Polygon", "coordinates": [[[400000, 3700000], [400100, 3700000],
                                                                 [400100, 3700100], [400000, 3700000]]]},
                            name="UTM")),
         "feature 2 (UTM): coordinates out of range"),
        (collection(feature({"type": "MultiPoint", "coordinates": [[1, 1], [2, 2]]}, name="Dots")),
         "feature 1 (Dots): unsupported geometry 'MultiPoint'"),
        (collection(feature(None, name="Nothing")), "feature 1 (Nothing): no geometry"),
        (collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}),
                    crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32637"}}),
         "EPSG::32637' is not WGS84"),
        (collection(feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [2, 0], [0, 0]]]},
                            name="Flat")),
         "feature 1 (Flat): the polygon encloses no area"),
        ({"type": "Topology"}, "not GeoJSON"),
        (collection(), "no features"),
    ],
)
def test_bad_zone_files_give_one_line_errors_naming_file_and_feature(tmp_path, content, message):
    path = write(tmp_path, content)
    with pytest.raises(ZoneError) as caught:
        read_zones(path)
    text = str(caught.value)
    assert text.startswith(str(path))
    assert message in text
    assert "\n" not in text


def test_missing_zone_file(tmp_path):
    with pytest.raises(ZoneError, match="no such file"):
        read_zones(tmp_path / "absent.geojson")


def test_wgs84_crs_is_accepted(tmp_path):
    path = write(tmp_path, collection(
        feature({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}, name="T"),
        crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
    ))
    assert read_zones(path)[0].name == "T"


def test_annotate_adds_geometric_zones_and_keeps_text_zones():
    incidents = read_incidents(FIXTURE)
    incidents[6].zones = ["Said zone"]  # the undated Badia event: the text put it in a zone
    frame = annotate(events_frame(group_events(incidents)))
    by_id = frame.set_index("event_id")
    assert by_id.loc["ev-convoy", "in_zones"] == ["At Tanf deconfliction zone"]
    assert by_id.loc["ev-clash", "in_zones"] == ["At Tanf deconfliction zone"]
    assert by_id.loc["ev-hostile", "in_zones"] == []
    assert by_id.loc["ev-unplaced", "in_zones"] == []
    assert by_id.loc["ev-undated", "in_zones"] == []
    assert by_id.loc["ev-undated", "zones"] == ["Said zone"]
    assert by_id.loc["ev-convoy", "zones"] == ["At Tanf deconfliction zone"]
