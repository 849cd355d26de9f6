"""The HTML map: offline (nothing linked), reproducible, scoped fragments, escaped data, the CLI."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import folium
import pytest

import incidentmap
from incidentmap import assets
from incidentmap.events import events_frame, filter_events, group_events, read_incidents
from incidentmap.webmap import build_map, render_fragment, render_html, safe_json, save_map
from incidentmap.zones import load_zones, read_zones

FIXTURE = Path(__file__).parent / "fixtures" / "map_incidents.geojson"
REPO = Path(__file__).resolve().parent.parent


def events():
    return group_events(read_incidents(FIXTURE))


def payload(text: str) -> dict:
    """The map's data block, parsed back."""
    blocks = re.findall(r'<script type="application/([\w-]+)" id="(\w+)_data">(.*?)</script>', text, re.S)
    assert len(blocks) == 1
    kind, _, content = blocks[0]
    if kind == "x-gzip-base64":
        return json.loads(gzip.decompress(base64.b64decode(content)).decode("utf-8"))
    assert kind == "json"
    return json.loads(content)


def event_rows(data: dict) -> dict[str, dict]:
    """Event columns turned back into one dict per event, keyed by event id, strings resolved."""
    cols, strings = data["events"], data["strings"]
    rows = {}
    for n in range(len(cols["lat"])):
        row = {key: values[n] for key, values in cols.items()}
        row["type"] = data["types"][row["t"]]["name"]
        row["zin"] = [strings[k] for k in row["zin"]]
        row["ev"] = [strings[k] for k in row["ev"]]
        row["src"] = [[strings[s[0]], strings[s[1]]] for s in row["src"]]
        for key in ("sub", "a1", "a2", "loc"):
            row[key] = strings[row[key]]
        rows[row["id"]] = row
    return rows


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(build_map(events_frame(events()), title="Fixture <map> & co"))


def test_build_map_is_a_folium_map_exposed_lazily():
    m = incidentmap.build_map(events())
    assert isinstance(m, folium.Map)
    assert incidentmap.build_map is build_map


def test_page_links_nothing_and_inlines_only_leaflet_and_our_code(page):
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    for unused in ("bootstrap", "font-awesome", "fontawesome", "awesome-markers", "jquery", "cdn."):
        assert unused not in page.lower()
    assert assets.leaflet_js().strip()[:500] in page
    assert "window.incidentmap" in page
    assert "sourceMappingURL" not in page
    # leaflet's images are data: URIs
    assert "url(images/" not in page and "url(data:image/png;base64," in page


def test_page_has_title_escaped_and_one_data_block(page):
    assert "<title>Fixture &lt;map&gt; &amp; co</title>" in page
    data = payload(page)
    assert data["title"] == "Fixture <map> & co"
    # leaflet, map.js, the events block, the borders block, the map's own script
    assert page.count("<script") == 5
    borders = re.search(r'<script type="application/json" id="\w+_basemap">(.*?)</script>', page, re.S)
    countries = json.loads(borders.group(1))
    assert countries["type"] == "FeatureCollection" and len(countries["features"]) > 200


def test_events_are_merged_with_tolls_as_ranges_zones_and_every_source(page):
    data = payload(page)
    rows = event_rows(data)
    assert set(rows) == {"ev-convoy", "ev-clash", "ev-hostile", "ev-protest", "ev-undated"}
    assert data["unplaced"] == 1  # ev-unplaced has no point: counted, not drawn
    convoy = rows["ev-convoy"]
    assert (convoy["f0"], convoy["f1"]) == (8, 11)
    assert convoy["zin"] == ["At Tanf deconfliction zone"]
    assert convoy["src"] == [["wire-a.example", "https://wire-a.example/2017/05/convoy"],
                             ["daily-b.example", "http://daily-b.example/news/1"]]
    assert len(convoy["ev"]) == 2
    assert convoy["dd"] == (dt.date(2017, 5, 18) - dt.date(1970, 1, 1)).days and convoy["tp"] == 1
    clash = rows["ev-clash"]
    assert (clash["da"], clash["db"]) == (0, 30)  # month precision: the whole of May
    assert clash["zin"] == ["At Tanf deconfliction zone"] and clash["gp"] == 3
    hostile, protest = rows["ev-hostile"], rows["ev-protest"]
    assert hostile["zin"] == [] and (hostile["f0"], hostile["f1"]) == (40, 52)
    assert protest["tp"] == 2 and (protest["da"], protest["db"]) == (3, 3)
    assert rows["ev-undated"]["dd"] is None
    assert [rows[k]["bg"] for k in sorted(rows)] == [0, 0, 0, 0, 0]
    types = {t["name"]: t["count"] for t in data["types"]}
    assert types == {
        "Battles": 1, "Explosions/Remote violence": 2, "Protests": 1, "Strategic developments": 1
    }
    assert [t["name"] for t in data["types"]][0] == "Battles"  # legend order of event_types.yaml
    assert {"swords", "blast", "megaphone", "flag", "dot"} <= set(data["icons"])


def test_untrusted_text_never_becomes_markup_or_template_code(page):
    for raw in ("<script>document.title", "<img src=x", "</script><script>window.__pwned", "<svg onload",
                "<b>bold</b>"):
        assert raw not in page
    rows = event_rows(payload(page))
    hostile = rows["ev-hostile"]
    assert any("<script>document.title='x'</script>" in e for e in hostile["ev"])
    assert any("{{ 7*7 }}" in e for e in hostile["ev"])  # not evaluated by the template engine
    assert hostile["loc"] == "Abu Kamal <b>bold</b>"
    assert "javascript:window.__pwned=5" in [s[1] for s in hostile["src"]]


def test_large_data_is_stored_compressed_and_decodes_to_the_same(page):
    packed = render_html(build_map(events_frame(events()), title="Fixture <map> & co",
                                   compress=True))
    assert 'type="application/x-gzip-base64"' in packed
    assert payload(packed) == payload(page)
    assert len(packed) < len(page)
    assert packed == render_html(build_map(events(), title="Fixture <map> & co", compress=True))


def test_safe_json_escapes_everything_that_could_end_a_script():
    text = safe_json({"a": "</script><!-- & \u2028 \u2029 >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028 \u2029 >"}


def test_zones_bounds_and_uncertainty(page, tmp_path):
    data = payload(page)
    (zone,) = data["zones"]
    assert zone["properties"]["name"] == "At Tanf deconfliction zone"
    assert zone["geometry"]["type"] == "Polygon" and len(zone["geometry"]["coordinates"][0]) == 129
    (south, west), (north, east) = data["bounds"]
    assert south < 33.01 and west < 38.03 and north >= 35.9528 and east >= 40.9186
    assert data["uncertaintyKm"] == {"2": 15, "3": 60}
    line = tmp_path / "line.geojson"
    line.write_text(json.dumps({"type": "Feature", "properties": {"name": "Line", "buffer_km": 3},
                                "geometry": {"type": "LineString", "coordinates": [[40, 35], [41, 34]]}}))
    data = payload(render_html(build_map(events(), zones=load_zones([line]))))
    kinds = [(z["properties"]["name"], z["properties"]["kind"]) for z in data["zones"]]
    assert kinds == [("At Tanf deconfliction zone", "circle"), ("Line", "line"), ("Line", "line-axis")]
    assert payload(render_html(build_map(events(), zones=read_zones(line))))["zones"][0]["properties"][
        "name"] == "Line"


def test_no_random_ids_and_same_output_for_same_inputs():
    first = render_html(build_map(events(), title="T"))
    second = render_html(build_map(events(), title="T"))
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", first)
    assert render_html(build_map(events(), title="Other")) != first


def test_byte_identical_across_processes_and_hash_seeds(tmp_path):
    code = (
        "import sys; from incidentmap.events import events_frame, group_events, read_incidents;"
        "from incidentmap.webmap import build_map, save_map;"
        f"frame = events_frame(group_events(read_incidents({str(FIXTURE)!r})));"
        "save_map(build_map(frame, title='x'), sys.argv[1])"
    )
    digests = []
    for seed in ("1", "2"):
        out = tmp_path / f"map{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(out)], check=True, env=env, cwd=REPO)
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_fragment_is_scoped_and_two_can_share_a_page():
    one = build_map(events(), title="One", height="500px")
    may = filter_events(events(), dt.date(2017, 5, 1), dt.date(2017, 5, 31))
    two = build_map(may, title="Two", height="500px")
    first, second = render_fragment(one), render_fragment(two, include_assets=False)
    assert first.startswith(f'<div class="imap-fragment" id="{one.imap_id}">')
    assert "html, body" not in first and "<html" not in first and "<title" not in first
    assert assets.leaflet_js()[:300] in first and assets.leaflet_js()[:300] not in second
    ids_one = set(re.findall(r'id="([^"]+)"', first))
    ids_two = set(re.findall(r'id="([^"]+)"', second))
    assert ids_one and ids_two and not ids_one & ids_two
    assert all(one.imap_id in i for i in ids_one)
    assert re.search(r"height: 500(\.0)?px", first)
    # every element style in the fragment targets its own id or imap-/leaflet- classes
    own_css = re.findall(r"<style>(.*?)</style>", second, re.S)
    assert own_css and all(one.imap_id not in css for css in own_css)


def test_save_map_writes_atomically(tmp_path):
    target = tmp_path / "out" / "map.html"
    save_map(build_map(events()), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    save_map(build_map(events()), tmp_path / "frag.html", fragment=True)
    assert (tmp_path / "frag.html").read_text(encoding="utf-8").startswith('<div class="imap-fragment"')
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["map.html"]


def test_date_filtered_maps_keep_only_overlapping_events():
    after = event_rows(payload(render_html(build_map(filter_events(events(), dt.date(2018, 1, 1))))))
    assert set(after) == {"ev-hostile", "ev-protest"}
    before = event_rows(payload(render_html(build_map(filter_events(events(), None, dt.date(2017, 5, 31))))))
    assert set(before) == {"ev-convoy", "ev-clash"}
    undated = filter_events(events(), dt.date(2018, 1, 1), include_undated=True)
    assert set(event_rows(payload(render_html(build_map(undated))))) == {
        "ev-hostile", "ev-protest", "ev-undated"
    }


def test_empty_map_still_renders():
    data = payload(render_html(build_map([])))
    assert data["events"]["lat"] == [] and data["types"] == []
    assert data["bounds"] is not None  # the zones alone


# ------------------------------------------------------------------------------------------------- CLI


def run_cli(args: list[str]):
    import typer
    from typer.testing import CliRunner

    from incidentmap.commands import build

    app = typer.Typer()
    build.register(app)
    return CliRunner().invoke(app, args)


needs_pipeline = pytest.mark.skipif(
    importlib.util.find_spec("incidentmap.pipeline") is None, reason="extraction pipeline absent"
)


def cli_events(text: str) -> set[str]:
    """The fixture's event ids of a CLI-built map (the pipeline may renumber events: match by evidence)."""
    by_evidence = {i.evidence: i.event_id for i in read_incidents(FIXTURE)}
    return {by_evidence[row["ev"][0]] for row in event_rows(payload(text)).values()}


@needs_pipeline
def test_cli_builds_the_same_file_twice_and_filters_by_date(tmp_path):
    out1, out2, out3 = tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html"
    result = run_cli([str(FIXTURE), "-o", str(out1), "--title", "Fixture"])
    assert result.exit_code == 0, result.output
    assert "events" in result.output
    run_cli([str(FIXTURE), "-o", str(out2), "--title", "Fixture"])
    assert out1.read_bytes() == out2.read_bytes()
    assert cli_events(out1.read_text()) == {"ev-convoy", "ev-clash", "ev-hostile", "ev-protest"}
    result = run_cli([str(FIXTURE), "-o", str(out3), "--from", "2018-01-01", "--include-undated"])
    assert result.exit_code == 0, result.output
    assert cli_events(out3.read_text()) == {"ev-hostile", "ev-protest", "ev-undated"}
    run_cli([str(FIXTURE), "-o", str(out3), "--to", "2017-05-31", "--fragment"])
    text = out3.read_text()
    assert text.startswith('<div class="imap-fragment"')
    assert cli_events(text) == {"ev-convoy", "ev-clash"}


@needs_pipeline
def test_cli_bad_zone_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.geojson"
    geometry = {"type": "Point", "coordinates": [500, 33]}
    point = {"type": "Feature", "properties": {"name": "P"}, "geometry": geometry}
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [point]}))
    result = run_cli([str(FIXTURE), "--zones", str(bad), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and "feature 1 (P)" in lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "m.html").exists()


def test_frames_with_pandas_timestamps_and_missing_values_map_the_same():
    import pandas as pd

    frame = events_frame(events())
    plain = payload(render_html(build_map(frame, map_id="same")))
    converted = frame.copy()
    for column in ("event_date", "date_start", "date_end"):
        converted[column] = pd.to_datetime(converted[column])  # undated -> NaT
    converted["fatalities"] = converted["fatalities"].astype(float)  # missing -> NaN
    assert payload(render_html(build_map(converted, map_id="same"))) == plain


def test_background_only_events_are_flagged():
    incidents = read_incidents(FIXTURE)
    for incident in incidents:
        if incident.event_id == "ev-clash":
            incident.background = True
        if incident.mention_id == "daily-b.txt#1":  # one of the two convoy reports: not background-only
            incident.background = True
    rows = event_rows(payload(render_html(build_map(group_events(incidents)))))
    assert {key: row["bg"] for key, row in rows.items() if row["bg"]} == {"ev-clash": 1}
