"""Hostile article text through the real CLI, opened in headless Chromium: nothing from an article runs.

Article files carry payloads in the text (`<script>`, `</script>` inside text, `onerror=`, template syntax),
the title and the outlet (`"><svg onload=...>`), the address (`javascript:` in two spellings) and the file
name itself. `incidentmap build`, `build --fragment` and `incidentmap report` turn them into pages that are
opened offline; every payload would set `window.__pwned` or change `document.title`, so the test asserts
that neither happened, that no injected element exists, that only http(s) addresses became links, and that
the payloads are shown to the reader as text. (tests/test_browser_map.py covers the map API with a fixture;
this test covers the whole path from an article file to each output.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentmap.cli import app

browser_map = pytest.importorskip("test_browser_map")
Page = browser_map.Page
playwright = browser_map.playwright  # the module-scoped fixture, shared

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(browser_map.CHROMIUM is None, reason="chromium not installed"),
]

TITLE = "\"><svg onload=window.__pwned=1>Strike <script>document.title='x'</script>"
SOURCE = "\"><svg onload=window.__pwned=2>wire"
EVIDENCE_PAYLOADS = [
    "<script>document.title='x'</script>",
    "</script><script>window.__pwned=4</script>",
    "<img src=x onerror=window.__pwned=5>",
    "{{ 7*7 }} ${window.__pwned=6}",
]
QUOTED_TITLE, QUOTED_SOURCE = (v.replace('"', '\\"') for v in (TITLE, SOURCE))  # YAML strings
HOSTILE = f"""---
title: "{QUOTED_TITLE}"
source: "{QUOTED_SOURCE}"
url: "javascript:window.__pwned=3"
published: 2017-06-10
---
US-led coalition aircraft struck a militia convoy near At Tanf on Thursday {EVIDENCE_PAYLOADS[0]}, \
killing 12 fighters {EVIDENCE_PAYLOADS[1]} and {EVIDENCE_PAYLOADS[2]} {EVIDENCE_PAYLOADS[3]}.
"""
# the file name is shown too (as the article id); its text is benign and it links to a real https address
NAMED = "<img src=x onerror=window.__pwned=7>.md"
BENIGN = """---
title: Clashes in Deir ez-Zor
url: "  JaVaScRiPt:window.__pwned=8"
published: 2017-06-12
---
Syrian government forces clashed with Islamic State fighters in Deir ez-Zor on Sunday, killing 9 fighters.
"""
LINKED = """---
title: Shelling of Raqqa
url: https://wire.example/2017/06/raqqa
source: wire.example
published: 2017-06-14
---
Artillery shelled a neighbourhood of Raqqa on Tuesday, killing four civilians, activists said.
"""
PAGE_TITLE = "Hostile <b>test</b> </title><script>window.__pwned=9</script>"
ZONE_NAME = "<img src=x onerror=window.__pwned=11> zone"
ZONES = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
    "name": ZONE_NAME, "description": "</script><script>window.__pwned=12</script>", "radius_km": 30,
    "style": {"color": "#b2182b", "dashArray": "');window.__pwned=14;('"}},
    "geometry": {"type": "Point", "coordinates": [40.0, 35.0]}}]}

CHECK = """() => {
    const bad = document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], iframe, object');
    const scripts = [...document.scripts]
        .filter(s => /^\\s*(window\\.__pwned|document\\.title)/.test(s.text));
    const hrefs = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
    return {pwned: window.__pwned || 0, title: document.title, injected: bad.length,
            scripts: scripts.length, hrefs: hrefs, text: document.body.innerText};
}"""


def write_articles(folder: Path) -> Path:
    folder.mkdir()
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    (folder / NAMED).write_text(BENIGN, encoding="utf-8")
    (folder / "linked.md").write_text(LINKED, encoding="utf-8")
    (folder / "<svg onload=window.__pwned=10>.txt").write_text("")  # skipped: its name lands in the report
    (folder.parent / "zones.geojson").write_text(json.dumps(ZONES), encoding="utf-8")  # a user's zone file
    return folder


def cli(*args: str) -> None:
    zones = Path(args[1]).parent / "zones.geojson"
    result = CliRunner().invoke(app, [*args, "--zones", str(zones)])
    assert result.exit_code == 0, result.output
    assert "articles read: 3" in result.stderr and "incidents: 3" in result.stderr, result.stderr


def assert_inert(page, expected_title: str) -> dict:
    page.page.wait_for_timeout(300)  # give any injected handler (onerror, onload) the time to fire
    state = page.page.evaluate(CHECK)
    assert state["pwned"] == 0, state["pwned"]
    assert state["title"] == expected_title
    assert state["injected"] == 0 and state["scripts"] == 0
    for href in state["hrefs"]:
        assert href.startswith(("https://", "http://", "#")), href
    assert not page.errors, page.errors
    assert not page.remote, page.remote
    return state


def open_popups(page) -> str:
    """Click every marker; return the text of all popups seen."""
    texts = []
    page.page.locator(".leaflet-control-zoom-out").first.click()  # every marker well inside the view
    page.page.wait_for_timeout(500)
    markers = page.page.locator(".imap-icon")
    for n in range(markers.count()):
        close = page.page.locator(".leaflet-popup-close-button")
        if close.count():
            close.last.click()
            page.page.wait_for_timeout(300)
        markers.nth(n).click()
        page.page.wait_for_timeout(400)
        popup = page.page.locator(".leaflet-popup-content").last
        texts.append(popup.inner_text())
        assert popup.locator("img, script, svg[onload], iframe").count() == 0
    return "\n".join(texts)


def test_map_from_hostile_articles_runs_nothing(playwright, tmp_path):
    folder = write_articles(tmp_path / "in")
    out = tmp_path / "map.html"
    cli("build", str(folder), "-o", str(out), "--title", PAGE_TITLE)
    page = Page(playwright, out)
    try:
        state = assert_inert(page, PAGE_TITLE)
        assert page.page.locator(".imap-title").inner_text() == PAGE_TITLE
        assert ZONE_NAME in state["text"]  # the zone's name in the legend, as text
        shown = open_popups(page)
        for payload in EVIDENCE_PAYLOADS:
            assert payload in shown
        assert SOURCE in shown
        assert "javascript:window.__pwned=3" in shown  # shown as text, not as a link
        links = page.page.locator(".leaflet-popup-content a").evaluate_all("a => a.map(x => x.href)")
        assert all(h.startswith("https://") for h in links)
        assert_inert(page, PAGE_TITLE)
        popups = page.page.evaluate(
            "() => [...document.querySelectorAll('.leaflet-popup-content a')].map(a => a.href)")
        assert all(h.startswith("https://") for h in popups)
    finally:
        page.close()


def test_fragment_from_hostile_articles_runs_nothing(playwright, tmp_path):
    folder = write_articles(tmp_path / "in")
    fragment = tmp_path / "fragment.html"
    cli("build", str(folder), "--fragment", "-o", str(fragment), "--title", PAGE_TITLE)
    host = tmp_path / "host.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Host page</title></head><body>"
                    f"<h1>Our story</h1>{fragment.read_text(encoding='utf-8')}<p>after</p></body></html>",
                    encoding="utf-8")
    page = Page(playwright, host)
    try:
        assert_inert(page, "Host page")
        assert page.page.locator(".imap-title").inner_text() == PAGE_TITLE
        shown = open_popups(page)
        for payload in EVIDENCE_PAYLOADS:
            assert payload in shown
        assert_inert(page, "Host page")
        assert page.page.locator("p", has_text="after").count() == 1  # the fragment closed its markup
    finally:
        page.close()


def test_report_from_hostile_articles_runs_nothing(playwright, tmp_path):
    folder = write_articles(tmp_path / "in")
    out = tmp_path / "report.html"
    cli("report", str(folder), "-o", str(out), "--title", PAGE_TITLE)
    page = Page(playwright, out, height=1000)
    try:
        state = assert_inert(page, page.page.evaluate("document.title"))
        assert page.page.evaluate("document.title").startswith(PAGE_TITLE)
        assert page.page.locator("h1").first.inner_text() == PAGE_TITLE
        text = state["text"]
        for payload in [*EVIDENCE_PAYLOADS, TITLE, SOURCE]:
            assert payload in text, payload
        assert "<svg onload=window.__pwned=10>.txt: skipped, empty" in text
        table_links = page.page.locator("#incidents a[href]").evaluate_all("a => a.map(x => x.href)")
        assert table_links == ["https://wire.example/2017/06/raqqa"]
        shown = open_popups(page)
        assert EVIDENCE_PAYLOADS[2] in shown
        assert_inert(page, page.page.evaluate("document.title"))
    finally:
        page.close()
