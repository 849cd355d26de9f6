"""`incidentmap report`, `snapshot` and `export` from the command line: same events, one-line errors."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from incidentmap.commands import export, report, snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "report_incidents.geojson"
needs_pipeline = pytest.mark.skipif(
    importlib.util.find_spec("incidentmap.pipeline") is None, reason="extraction pipeline absent"
)


def run(*args: str):
    app = typer.Typer()
    for module in (export, report, snapshot):
        module.register(app)
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("command", "name", "expected"),
    [("export", "events.xlsx", "unknown file extension '.xlsx'"),
     ("snapshot", "map.jpg", "unknown image format '.jpg'")],
)
def test_bad_output_extension_is_a_one_line_error(tmp_path, command, name, expected):
    result = run(command, str(FIXTURE), "-o", str(tmp_path / name))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and name in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / name).exists()


def test_bad_date_is_a_one_line_error(tmp_path):
    result = run("export", str(FIXTURE), "--from", "2017-13-01", "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 2
    assert result.output.strip() == "error: --from '2017-13-01': not a date, use YYYY-MM-DD"


@needs_pipeline
def test_export_formats_hold_the_same_events(tmp_path):
    ids = {}
    for suffix in (".geojson", ".csv", ".gpkg", ".md"):
        out = tmp_path / f"events{suffix}"
        result = run("export", str(FIXTURE), "-o", str(out))
        assert result.exit_code == 0, result.output
        assert f"{out}: events, 4 of 5 events" in result.output  # the undated event is left out
        if suffix == ".csv":
            with out.open(encoding="utf-8", newline="") as handle:
                ids[suffix] = {(row["event_date"], row["location"]) for row in csv.DictReader(handle)}
        elif suffix == ".geojson":
            data = json.loads(out.read_text(encoding="utf-8"))
            props = [f["properties"] for f in data["features"]]
            ids[suffix] = {(p["event_date"], p["location"]) for p in props}
        elif suffix == ".gpkg":
            import pyogrio

            back = pyogrio.read_dataframe(out)
            ids[suffix] = set(zip(back["event_date"], back["location"], strict=True))
        else:
            assert out.read_text(encoding="utf-8").rstrip().endswith("4 events.")
    # The pipeline re-links mentions read from GeoJSON (new event ids): compare events by day and place.
    expected = {("2017-05-18", "At Tanf"), ("2018-06-08", "Abu Kamal"), ("2018-06-03", "Al Qaim"),
                ("2017-06-02", "Raqqa")}
    assert ids[".csv"] == ids[".geojson"] == ids[".gpkg"] == expected


@needs_pipeline
def test_date_range_and_zones_reach_every_output(tmp_path):
    zone = tmp_path / "raqqa.geojson"
    zone.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Raqqa city", "radius_km": 10},
        "geometry": {"type": "Point", "coordinates": [39.0, 35.95]}}]}), encoding="utf-8")
    common = ["--from", "2017-05-01", "--to", "2017-06-30", "--zones", str(zone)]
    out = tmp_path / "e.csv"
    assert run("export", str(FIXTURE), *common, "-o", str(out)).exit_code == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {row["location"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"At Tanf", "Raqqa"}
    assert rows["Raqqa"]["zones"] == "Raqqa city"
    assert rows["At Tanf"]["zones"] == "At Tanf deconfliction zone"
    assert rows["At Tanf"]["sources"] == "daily-example.net; example-wire.org"  # two mentions merged
    page = tmp_path / "r.html"
    result = run("report", str(FIXTURE), *common, "--title", "May-June 2017", "-o", str(page))
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert "2017-05-01 to 2017-06-30" in text and "2 (of 5 found)" in text
    assert text.count('<tr data-type="') == 2 and "Raqqa city" in text
    svg = tmp_path / "m.svg"
    assert run("snapshot", str(FIXTURE), *common, "-o", str(svg)).exit_code == 0
    drawn = svg.read_text(encoding="utf-8")
    assert "Raqqa city" in drawn and "2 events mapped" in drawn
