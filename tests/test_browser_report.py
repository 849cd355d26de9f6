"""The report and pasted map fragments in a real browser: headless Chromium, file://, no network.

Reuses the map's browser helper (`Page` in tests/test_browser_map.py: fresh profile, offline, every
non-file request aborted and recorded, console captured). Screenshots go to output/ for a human look.
"""

from __future__ import annotations

import glob
import importlib.util
from pathlib import Path

import pytest

from incidentmap import report, zones
from incidentmap.events import events_frame, group_events, read_incidents

browser_map = pytest.importorskip("test_browser_map")
Page = browser_map.Page
playwright = browser_map.playwright  # the module-scoped fixture, shared

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "output"
FIXTURE = Path(__file__).parent / "fixtures" / "report_incidents.geojson"
SEEDS = REPO.parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(browser_map.CHROMIUM is None, reason="chromium not installed"),
]

STATE = """() => {
    const rows = Array.from(document.querySelectorAll('#incidents tbody tr[data-type]'));
    const box = document.querySelector('.imap-container');
    return {
        rows: rows.length,
        visible: rows.filter(r => !r.hidden).length,
        ready: Number(document.querySelector('#incidents').getAttribute('data-imr-ready')),
        count: document.querySelector('.imr-count').textContent,
        first: rows.filter(r => !r.hidden).map(r => r.id)[0] || null,
        order: Array.from(document.querySelectorAll('#incidents tbody tr[data-type]')).map(r => r.id),
        maps: document.querySelectorAll('.leaflet-container').length,
        markers: Number(box.dataset.imapMarkers),
        zones: document.querySelectorAll('path.imap-zone').length,
        bars: document.querySelectorAll('svg.imr-timeline rect').length,
        title: document.title,
        pwned: window.__pwned || 0,
    };
}"""


def _fixture_report(path: Path) -> Path:
    zone_list = zones.load_zones()
    frame = zones.annotate(events_frame(group_events(read_incidents(FIXTURE))), zone_list)
    return report.write_report(path, frame, zones=zone_list, title="Fixture report")


def test_report_opens_offline_map_drawn_table_sorts_and_filters(playwright, tmp_path):
    path = _fixture_report(tmp_path / "report.html")
    page = Page(playwright, path, height=1000)
    try:
        state = page.page.evaluate(STATE)
        assert state["maps"] == 1 and state["markers"] == 4 and state["zones"] == 1  # 4 placed of 5
        assert state["rows"] == state["visible"] == state["ready"] == 5
        assert state["bars"] == 4
        assert state["title"] == "Fixture report · 2017-05-18 to 2018-06-08" and state["pwned"] == 0
        assert state["order"][0] == "event-ev-tanf-1"  # by date
        page.page.screenshot(path=str(OUTPUT / "test_report.png"), full_page=True)

        fatalities = page.page.locator("#incidents th", has_text="Fatalities")
        fatalities.click()  # ascending: unreported tolls first
        assert page.page.evaluate(STATE)["order"][-1] == "event-ev-bukamal"
        fatalities.click()  # descending
        assert page.page.evaluate(STATE)["order"][:2] == ["event-ev-bukamal", "event-ev-tanf-1"]
        assert fatalities.get_attribute("aria-sort") == "descending"

        page.page.select_option(".imr-filter-type", "Explosions/Remote violence")
        state = page.page.evaluate(STATE)
        assert state["visible"] == 2 and state["count"] == "2 of 5 events shown"
        page.page.select_option(".imr-filter-zone", "At Tanf deconfliction zone")
        assert page.page.evaluate(STATE)["visible"] == 1
        page.page.select_option(".imr-filter-type", "")
        page.page.select_option(".imr-filter-zone", "")
        page.page.fill(".imr-filter-text", "document.title")  # words from the hostile sentence, as text
        state = page.page.evaluate(STATE)
        assert state["visible"] == 1 and state["first"] == "event-ev-bukamal"

        # Print: the static map instead of the live one, no form controls, the filtered rows and their count.
        page.page.emulate_media(media="print")
        assert page.page.locator(".imr-print-map").is_visible()
        assert not page.page.locator(".imr-live-map").is_visible()
        assert not page.page.locator(".imr-filter-text").is_visible()
        assert page.page.locator(".imr-count").inner_text() == "1 of 5 events shown"
        page.page.emulate_media(media="screen")
        page.page.fill(".imr-filter-text", "")
        page.page.emulate_media(media="print")
        assert page.page.locator("#incidents tbody tr:visible").count() == 5
        page.page.screenshot(path=str(OUTPUT / "test_report_print.png"), full_page=True)
        assert page.page.evaluate("window.__pwned || 0") == 0
        page.assert_clean()
    finally:
        page.close()


def test_two_fragments_on_one_page_both_render(playwright, tmp_path):
    """Two outputs of `incidentmap build --fragment` pasted as they are into one page."""
    from typer.testing import CliRunner

    from incidentmap.cli import app

    fragments = []
    for name, period in (("2017", ["--to", "2017-12-31"]), ("2018", ["--from", "2018-01-01"])):
        out = tmp_path / f"{name}.html"
        result = CliRunner().invoke(app, ["build", str(FIXTURE), *period, "--fragment", "--height", "400px",
                                          "--title", name, "-o", str(out)])
        assert result.exit_code == 0, result.output
        fragments.append(out.read_text(encoding="utf-8"))
    first, second = fragments
    page_html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Host page</title>"
        "<style>body{font-family:serif;margin:2em} .leaflet-container{} #a,#b{margin:1em 0}</style></head>"
        f"<body><h1>A newsroom page</h1><p>Intro text.</p><div id='a'>{first}</div>"
        f"<p>Between the maps.</p><div id='b'>{second}</div><p>The end.</p></body></html>"
    )
    path = tmp_path / "host.html"
    path.write_text(page_html, encoding="utf-8")
    page = Page(playwright, path, height=1100)
    try:
        ready = "document.querySelectorAll('.imap-container[data-imap-ready]').length == 2"
        page.page.wait_for_function(ready)
        boxes = page.page.evaluate(
            """() => Array.from(document.querySelectorAll('.imap-container')).map(b => ({
                id: b.id, markers: Number(b.dataset.imapMarkers),
                land: Array.from(b.querySelectorAll('.leaflet-imapBasemap-pane canvas')).map(c => {
                    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let painted = 0;
                    for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { painted += 1; } }
                    return painted; }).reduce((a, n) => a + n, 0),
                h: b.getBoundingClientRect().height,
                title: (b.querySelector('.imap-title') || {}).textContent}))"""
        )
        assert len(boxes) == 2 and boxes[0]["id"] != boxes[1]["id"]
        assert [b["markers"] for b in boxes] == [2, 2]  # Tanf + Raqqa; Qaim + Abu Kamal
        assert [b["title"] for b in boxes] == ["2017", "2018"]
        assert all(b["h"] == 400 and b["land"] > 100_000 for b in boxes), boxes  # borders drawn in both
        for host in ("#a", "#b"):
            assert page.page.locator(f"{host} .imap-zone").count() == 1
        page.page.screenshot(path=str(OUTPUT / "test_two_fragments.png"), full_page=True)
        page.assert_clean()
    finally:
        page.close()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
@pytest.mark.skipif(importlib.util.find_spec("incidentmap.pipeline") is None, reason="pipeline absent")
def test_seeds_report_opens_offline(playwright):
    from typer.testing import CliRunner

    from incidentmap.cli import app

    out = OUTPUT / "seeds-report-test.html"
    args = ["report", *sorted(glob.glob(str(SEEDS / "*.txt"))), "--meta", str(SEEDS / "manifest.csv"),
            "--title", "Seeds", "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    shown = int(result.output.split(": report, ")[1].split()[0])
    page = Page(playwright, out, height=1000)
    try:
        state = page.page.evaluate(STATE)
        assert shown > 0 and state["rows"] == state["ready"] == shown
        assert state["maps"] == 1 and state["markers"] > 0 and state["zones"] == 1
        assert state["bars"] > 0
        page.page.screenshot(path=str(OUTPUT / "test_report_seeds.png"), full_page=True)
        page.assert_clean()
    finally:
        page.close()
