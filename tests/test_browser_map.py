"""The map in a real browser: headless Chromium, file://, no network.

Checks what only a browser can: the page draws (Leaflet container, one marker per event, the zone, the
legend), hostile article text shows as text and runs nothing, the type layers and the date filter work
together, many events cluster, and the console stays clean. Screenshots go to output/ for a human look.
"""

from __future__ import annotations

import datetime as dt
import glob
import random
import shutil
import tempfile
from pathlib import Path

import pytest

from incidentmap.events import events_frame, group_events, read_incidents
from incidentmap.models import Incident
from incidentmap.webmap import build_map, save_map

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "output"
FIXTURE = Path(__file__).parent / "fixtures" / "map_incidents.geojson"
SEEDS = REPO.parent / "shared" / "seeds"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed"),
]


class Page:
    """A page opened from file:// in a fresh offline Chromium profile, recording console and requests."""

    def __init__(self, playwright, path: Path, width: int = 1280, height: int = 860):
        self.profile = tempfile.mkdtemp(prefix="imap-chromium-")
        self.context = playwright.chromium.launch_persistent_context(
            self.profile, executable_path=CHROMIUM, headless=True, args=FLAGS, offline=True,
            viewport={"width": width, "height": height},
        )
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.context.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
            else (self.remote.append(route.request.url), route.abort())[1],
        )
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector(".imap-container[data-imap-ready]", timeout=60_000)

    def state(self) -> dict:
        return self.page.evaluate(
            """() => {
                const box = document.querySelector('.imap-container');
                return {
                    shown: Number(box.dataset.imapShown), markers: Number(box.dataset.imapMarkers),
                    clusters: Number(box.dataset.imapClusters),
                    uncertain: Number(box.dataset.imapUncertain),
                    labels: [...document.querySelectorAll('.imap-label')].map(l => l.textContent),
                    labelHtml: [...document.querySelectorAll('.imap-label')].map(l => l.innerHTML),
                    events: document.querySelectorAll('.imap-event').length,
                    clusterIcons: document.querySelectorAll('.imap-cluster').length,
                    zones: document.querySelectorAll('path.imap-zone').length,
                    legend: document.querySelectorAll('[data-imap-legend] .imap-legend-row').length,
                    title: document.title,
                    pwned: window.__pwned || 0,
                };
            }"""
        )

    def close(self) -> None:
        self.context.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def assert_clean(self) -> None:
        bad = [text for kind, text in self.console if kind in ("error", "warning")]
        assert not bad and not self.errors, (bad, self.errors)
        assert not self.remote, self.remote


@pytest.fixture(scope="module")
def playwright():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        yield p


def test_fixture_map_draws_events_zone_legend_and_runs_no_article_code(playwright, tmp_path):
    path = save_map(build_map(events_frame(group_events(read_incidents(FIXTURE))), title="Fixture"),
                    tmp_path / "fixture.html")
    page = Page(playwright, path)
    try:
        state = page.state()
        assert page.page.locator(".leaflet-container").count() == 1
        assert state["markers"] == state["events"] == 5  # 5 placed events; the unplaced one is not drawn
        assert state["clusters"] == 0
        assert state["zones"] == 1
        assert state["legend"] >= 4 + 1 + 1  # 4 types, the size row, the zone, the uncertainty swatch
        assert page.page.locator(".imap-title").inner_text() == "Fixture"
        assert page.page.locator(".leaflet-control-scale").count() == 1
        # place-uncertainty circles: convoy (geo 2), clash and Badia (geo 3)
        assert state["uncertain"] == 3
        # one name per spot where events are drawn, shown as text (the hostile place name included)
        assert "Abu Kamal <b>bold</b>" in state["labels"]
        assert "Abu Kamal &lt;b&gt;bold&lt;/b&gt;" in state["labelHtml"]
        assert len(state["labels"]) == len(set(state["labels"])) and 2 <= len(state["labels"]) <= 5

        # open the hostile event's popup: the text shows, nothing runs
        markers = page.page.locator(".imap-icon")
        found = None
        for n in range(markers.count()):
            markers.nth(n).click(force=True)
            page.page.wait_for_timeout(400)  # the previous popup fades out
            text = page.page.locator(".leaflet-popup-content").last.inner_text()
            if "depot" in text:
                found = text
                break
        assert found is not None
        assert "<script>document.title='x'</script>" in found
        assert "<img src=x onerror=" in found
        assert "</script><script>window.__pwned=2</script>" in found
        assert "{{ 7*7 }}" in found
        assert "Abu Kamal <b>bold</b>" in found
        assert "40–52" in found
        assert "link not opened (not http/https): javascript:window.__pwned=5" in found
        popup = page.page.locator(".leaflet-popup-content").last
        assert popup.locator("img, script, svg[onload], b").count() == 0
        hrefs = popup.locator("a").evaluate_all("links => links.map(a => a.href)")
        assert hrefs == ["https://wire-a.example/2018/06/depot"]
        page.page.wait_for_timeout(300)
        state = page.state()
        assert state["title"] == "Fixture" and state["pwned"] == 0
        page.page.screenshot(path=str(OUTPUT / "test_map_popup.png"))
        page.assert_clean()
    finally:
        page.close()


def test_type_layers_and_date_filter_work_together(playwright, tmp_path):
    path = save_map(build_map(events_frame(group_events(read_incidents(FIXTURE)))), tmp_path / "f.html")
    page = Page(playwright, path)
    try:
        assert page.state()["shown"] == 5
        # hide "Explosions/Remote violence" in the layer control
        page.page.locator(".leaflet-control-layers").hover()
        page.page.locator(".leaflet-control-layers-overlays label", has_text="Explosions/Remote violence") \
            .locator("input").click()
        assert page.state()["shown"] == page.state()["events"] == 3
        # move the start slider to 2018-01-01: June 2018 protest + the undated event remain
        day = (dt.date(2018, 1, 1) - dt.date(1970, 1, 1)).days
        page.page.evaluate(
            """day => { const r = document.querySelector('.imap-range');
                        r.value = String(day); r.dispatchEvent(new Event('input')); }""", day)
        assert page.state()["shown"] == 2
        assert page.page.locator(".imap-from").inner_text() == "2018-01-01"
        # exclude undated
        page.page.locator(".imap-undated input").click()
        assert page.state()["shown"] == 1
        # the explosions layer back on: the June 2018 strike returns, the May 2017 one stays filtered
        page.page.locator(".leaflet-control-layers").hover()
        page.page.locator(".leaflet-control-layers-overlays label", has_text="Explosions/Remote violence") \
            .locator("input").click()
        assert page.state()["shown"] == 2
        status = page.page.locator(".imap-status").inner_text()
        assert status.startswith("2 of 5 events shown")
        page.assert_clean()
    finally:
        page.close()


def synthetic(n: int, seed: int = 7) -> list[Incident]:
    rng = random.Random(seed)
    kinds = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
             ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]
    out = []
    for i in range(n):
        kind, sub = kinds[i % len(kinds)]
        out.append(Incident(
            article=f"a{i}.txt", evidence=f"Synthetic event {i}.", event_type=kind, sub_event_type=sub,
            event_date=dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(700)), time_precision=1,
            latitude=rng.uniform(32, 37), longitude=rng.uniform(36, 42), geo_precision=rng.choice([1, 2, 3]),
            fatalities=rng.choice([None, 0, 3, 40]), event_id=f"e{i}", mention_id=f"a{i}.txt#1", source="s",
        ))
    return out


def test_many_events_cluster_and_render_from_compressed_data(playwright, tmp_path):
    path = save_map(build_map(synthetic(5000), zones=[], compress=True), tmp_path / "many.html")
    page = Page(playwright, path)
    try:
        state = page.state()
        assert state["shown"] == 5000
        assert state["clusters"] > 0 and state["clusterIcons"] == state["clusters"]
        assert state["events"] == state["markers"] < 1000
        page.page.screenshot(path=str(OUTPUT / "test_map_clusters.png"))
        page.assert_clean()
    finally:
        page.close()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_seeds_map_opens_offline(playwright, tmp_path):
    pytest.importorskip("incidentmap.pipeline")
    from incidentmap import pipeline
    from incidentmap.events import filter_events

    result = pipeline.run(sorted(glob.glob(str(SEEDS / "*.txt"))), meta=SEEDS / "manifest.csv")
    events = filter_events(result.events)
    frame = events_frame(events)
    placed = int((~frame.geometry.is_empty & frame.geometry.notna()).sum())
    path = save_map(build_map(frame, title="Seeds"), OUTPUT / "seeds-test.html")
    page = Page(playwright, path)
    try:
        state = page.state()
        assert state["events"] == state["markers"] == placed > 0
        assert state["zones"] == 1 and state["legend"] > 0
        located = {name for name in frame["location"] if name}
        assert state["labels"] and set(state["labels"]) <= located
        assert any("Tanf" in name for name in state["labels"])
        page.page.screenshot(path=str(OUTPUT / "test_map_seeds.png"))
        page.assert_clean()
    finally:
        page.close()


def test_two_fragments_share_one_page(playwright, tmp_path):
    from incidentmap.events import filter_events
    from incidentmap.webmap import render_fragment

    everything = group_events(read_incidents(FIXTURE))
    may = filter_events(everything, dt.date(2017, 5, 1), dt.date(2017, 5, 31))
    first = render_fragment(build_map(everything, title="All", height="400px"))
    second = render_fragment(build_map(may, title="May 2017", height="400px"), include_assets=False)
    page_html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>two maps</title>"
                 "<style>body { font-family: serif; margin: 20px; }</style></head>"
                 f"<body><h1>Report</h1>{first}<p>between</p>{second}</body></html>")
    path = tmp_path / "two.html"
    path.write_text(page_html, encoding="utf-8")
    page = Page(playwright, path)
    try:
        page.page.wait_for_function(
            "document.querySelectorAll('.imap-container[data-imap-ready]').length == 2")
        counts = page.page.evaluate(
            "() => [...document.querySelectorAll('.imap-container')].map(c =>"
            " [c.dataset.imapShown, c.querySelectorAll('.imap-event').length,"
            "  c.querySelectorAll('.imap-legend').length])")
        assert counts == [["5", 5, 1], ["2", 2, 1]]
        # short maps start with the legend folded; one click unfolds it
        legend = page.page.locator(".imap-legend").first
        assert not legend.locator(".imap-legend-row").first.is_visible()
        legend.locator(".imap-fold").click()
        assert legend.locator(".imap-legend-row").first.is_visible()
        # the page's own styles are untouched by the maps
        assert page.page.evaluate("getComputedStyle(document.body).margin") == "20px"
        page.page.screenshot(path=str(OUTPUT / "test_map_fragments.png"), full_page=True)
        page.assert_clean()
    finally:
        page.close()
