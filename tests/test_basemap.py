"""The bundled country borders load, are valid, small, and put places in the right countries."""

from __future__ import annotations

from shapely.geometry import Point

from incidentmap import basemap


def test_countries_frame_is_valid_and_worldwide():
    frame = basemap.countries()
    assert frame.crs.to_epsg() == 4326
    assert len(frame) > 200
    assert frame.geometry.is_valid.all()
    assert set(frame.geom_type) == {"MultiPolygon"}
    minx, miny, maxx, maxy = frame.total_bounds
    assert minx <= -179 and maxx >= 179 and miny < -80 and maxy > 80


def test_places_fall_in_their_country():
    frame = basemap.countries().set_index("name")
    checks = {
        "Syria": (38.6178, 33.5058),  # At Tanf garrison, ~15 km from the Jordan and Iraq borders
        "Iraq": (41.0, 34.38),  # Al Qaim
        "Jordan": (35.93, 31.95),  # Amman
        "Yemen": (44.2, 15.35),  # Sanaa
        "Mali": (-8.0, 12.65),  # Bamako
        "Ukraine": (30.52, 50.45),  # Kyiv
    }
    for name, (lon, lat) in checks.items():
        assert frame.loc[name, "geometry"].contains(Point(lon, lat)), name


def test_file_is_small_and_geojson_is_a_copy():
    assert basemap.COUNTRIES_FILE.stat().st_size < 1_500_000
    first = basemap.countries_geojson()
    first["features"].clear()
    again = basemap.countries_geojson()
    assert again["type"] == "FeatureCollection" and len(again["features"]) > 200
    names = {f["properties"]["name"] for f in again["features"]}
    assert {"Syria", "Iraq", "Jordan"} <= names
