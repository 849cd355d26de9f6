"""The static map: written as PNG/SVG/PDF, reproducibly, with events, zones, legend and credits drawn."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from incidentmap import snapshot, zones
from incidentmap.event_types import style_for
from incidentmap.events import events_frame, group_events, read_incidents

FIXTURE = Path(__file__).parent / "fixtures" / "report_incidents.geojson"


@pytest.fixture(scope="module")
def frame_and_zones():
    zone_list = zones.load_zones()
    frame = events_frame(group_events(read_incidents(FIXTURE)))
    return zones.annotate(frame, zone_list), zone_list


def _has_colour(image: np.ndarray, hex_colour: str, tolerance: float = 0.06) -> int:
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return int((np.abs(image[:, :, :3] - rgb).max(axis=2) < tolerance).sum())


def test_png_shows_event_types_and_zone(frame_and_zones, tmp_path):
    frame, zone_list = frame_and_zones
    path = snapshot.write_snapshot(frame, tmp_path / "map.png", zones=zone_list, title="Fixture", dpi=100)
    image = imread(path)
    assert image.shape[:2] == (800, 1000)
    for event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        assert _has_colour(image, style_for(event_type).color) > 20, event_type
    assert _has_colour(image, style_for("Protests").color) == 0  # no protests in the fixture
    assert _has_colour(image, "#b2182b") > 200  # the At Tanf zone outline colour from zones.geojson
    assert _has_colour(image, snapshot.LAND, 0.01) > 100_000  # the basemap is drawn


def test_svg_has_text_legend_title_and_credits(frame_and_zones, tmp_path):
    frame, zone_list = frame_and_zones
    svg = snapshot.write_snapshot(frame, tmp_path / "map.svg", zones=zone_list, title="Fixture <events>")
    text = svg.read_text(encoding="utf-8")
    for expected in ("Fixture &lt;events&gt;", "At Tanf deconfliction zone", "Battles (1)",
                     "Explosions/Remote violence (2)", "Natural Earth",
                     "1 without a known place not shown", "2017-05-18 to 2018-06-08"):
        assert expected in text, expected
    assert "<dc:date>" not in text


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_output_is_reproducible(frame_and_zones, tmp_path, suffix):
    frame, zone_list = frame_and_zones
    first = snapshot.write_snapshot(frame, tmp_path / f"a{suffix}", zones=zone_list, dpi=60).read_bytes()
    second = snapshot.write_snapshot(frame, tmp_path / f"b{suffix}", zones=zone_list, dpi=60).read_bytes()
    assert first == second
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}[suffix]
    assert first.startswith(magic)


def test_empty_selection_and_bad_extension(tmp_path):
    empty = events_frame([])
    path = snapshot.write_snapshot(empty, tmp_path / "none.svg", zones=[])
    assert "0 events mapped" in path.read_text(encoding="utf-8")
    with pytest.raises(snapshot.SnapshotError, match="map.jpg"):
        snapshot.write_snapshot(empty, tmp_path / "map.jpg")
    assert not (tmp_path / "map.jpg").exists()


def test_labels_scale_bar_and_north_arrow(frame_and_zones):
    frame, zone_list = frame_and_zones
    figure = snapshot.draw(frame, zones=zone_list, title="Fixture")
    texts = {t.get_text() for t in figure.axes[0].texts}
    # 55 km zone, events ~330 km apart: a 100 km bar; the places with events and the countries are named.
    assert {"100 km", "At Tanf", "Abu Kamal", "Al Qaim", "Raqqa", "SYRIA", "IRAQ", "↑\nN"} <= texts


def test_scale_bar_length_is_a_round_number():
    assert snapshot._nice_length(73_000) == 50_000
    assert snapshot._nice_length(199_999) == 100_000
    assert snapshot._nice_length(250_000) == 200_000


def test_approximate_places_get_uncertainty_circles(frame_and_zones, tmp_path):
    frame, zone_list = frame_and_zones
    text = snapshot.write_snapshot(frame, tmp_path / "u.svg", zones=zone_list).read_text(encoding="utf-8")
    # At Tanf is geo_precision 2 (15 km); Abu Kamal, Al Qaim and Raqqa are 1: only one circle size listed.
    assert "Approximate place (15 km)" in text
    precise = frame[frame["geo_precision"] == 1]
    text = snapshot.write_snapshot(precise, tmp_path / "p.svg", zones=[]).read_text(encoding="utf-8")
    assert "Approximate place" not in text
