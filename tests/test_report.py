"""The HTML report: every section present with the right numbers, untrusted text inert, nothing online."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from incidentmap import report, zones
from incidentmap.events import events_frame, group_events, read_incidents

FIXTURE = Path(__file__).parent / "fixtures" / "report_incidents.geojson"


class _Collector(HTMLParser):
    """Tags with their attributes, and the text of the page (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def page() -> str:
    zone_list = zones.load_zones()
    frame = zones.annotate(events_frame(group_events(read_incidents(FIXTURE))), zone_list)
    return report.build_report(frame, zones=zone_list, title="Fixture <report>", total_events=7)


@pytest.fixture(scope="module")
def parsed(page) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_header_and_summary_numbers(page):
    assert "<title>Fixture &lt;report&gt; · 2017-05-18 to 2018-06-08</title>" in page
    assert "<h1>Fixture &lt;report&gt;</h1>" in page
    assert "5 (of 7 found)" in page  # shown vs found before the date filter
    assert "18–20 <small>in 3 events</small>" in page  # 12 + (6..8) + 0; Al Qaim gives no toll
    assert "6 <small>from 3 sources</small>" in page  # six mentions merged into five events
    assert "4 <small>of 5 events placed</small>" in page
    zone_row = re.search(r"<tr><td>At Tanf deconfliction zone.*?</tr>", page).group(0)
    assert '<td class="num">1</td>' in zone_row and "6–8" in zone_row


def test_places_ranked_by_toll(page):
    section = page.split("<h3>Most affected places</h3>")[1].split("</table>")[0]
    order = re.findall(r"<tr><td>([^<]+) <span", section)
    assert order == ["Abu Kamal", "At Tanf", "Al Qaim", "Raqqa"]  # by toll, then events, then name


def test_timeline_bars_and_break(page):
    svg = page.split('<svg class="imr-timeline"')[1].split("</svg>")[0]
    bars = re.findall(r'<rect [^>]*data-type="([^"]+)"><title>([^<]+)</title>', svg)
    assert len(bars) == 4  # four dated events on four different days
    assert ("Battles", "2018-06-08: Battles, 1 event") in bars
    assert any("known only to the week or month" in tip for _, tip in bars)  # Al Qaim: month precision
    assert "days without events, cut from the axis" in svg  # May-June 2017 and June 2018 are apart
    assert "1 undated event is not charted" in page


def test_table_rows_evidence_and_links(page, parsed):
    rows = [attrs for tag, attrs in parsed.tags if tag == "tr" and "data-type" in attrs]
    assert len(rows) == 5
    ids = [r["id"] for r in rows]
    assert ids == ["event-ev-tanf-1", "event-ev-raqqa", "event-ev-qaim", "event-ev-bukamal", "event-ev-badia"]
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert "https://example-wire.org/tanf-strike" in links
    assert "http://daily-example.net/a2" in links
    assert "https://iraq-example.com/qaim?x=1&y=2" in links  # entity-decoded by the parser
    assert not any(href.lower().startswith("javascript") for href in links)
    text = "".join(parsed.text)
    assert "<script>document.title='x'</script>" in text  # shown as text...
    assert "<img src=x onerror=alert(1)>" in text
    assert "<script>document.title" not in page  # ...never as markup
    assert "<img src=x" not in page and "<b>fighters</b>" not in page
    assert "&lt;b&gt;fighters&lt;/b&gt;" in page


def test_page_is_self_contained(page, parsed):
    for tag, attrs in parsed.tags:
        if tag in ("script", "img", "iframe"):
            src = attrs.get("src") or ""
            assert not src or src.startswith("data:"), (tag, src[:60])
        if tag == "link":
            assert attrs.get("rel") != "stylesheet", attrs
    assert not re.search(r"""<(?:script|link)[^>]+(?:src|href)=["']?https?:""", page)
    csp = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp["content"]
    assert "imr-print-map" in page and "data:image/png;base64," in page
    assert "@media print" in page


def test_safe_url():
    assert report.safe_url("https://a.org/x?y=1") == "https://a.org/x?y=1"
    assert report.safe_url("HTTP://A.ORG") == "HTTP://A.ORG"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//a.org", "/local", "ftp://a.org", "https://",
                "https://a.org/\nx", None, 5):
        assert report.safe_url(bad) is None, bad
    assert report.link("javascript:alert(1)", "<x>") == "&lt;x&gt;"


def test_empty_selection_still_reports(tmp_path):
    path = report.write_report(tmp_path / "r.html", events_frame([]), zones=[], title="Nothing",
                               interactive_map=False, static_map=False)
    page = path.read_text(encoding="utf-8")
    assert "No events in this selection." in page and "No dated events to chart." in page


def test_timeline_bins_by_week_for_long_runs():
    import datetime as dt

    rows = [{"event_date": dt.date(2020, 1, 1) + dt.timedelta(days=3 * n), "event_type": "Battles",
             "time_precision": 1} for n in range(100)]
    svg = report.timeline_svg(rows)
    assert 'aria-label="Events per week by type"' in svg
    assert "cut from the axis" not in svg  # steady events: no break


def test_same_events_give_the_same_bytes():
    zone_list = zones.load_zones()
    frame = zones.annotate(events_frame(group_events(read_incidents(FIXTURE))), zone_list)
    first = report.build_report(frame, zones=zone_list, title="Again")
    second = report.build_report(frame.copy(), zones=zone_list, title="Again")
    assert first == second


def test_sources_section_lists_cited_articles_and_skipped_inputs():
    from incidentmap.models import Skipped

    class Result:
        articles = 9
        skipped = [Skipped("bad.json", "bad json", line=3, detail="<oops>")]

    zone_list = zones.load_zones()
    frame = zones.annotate(events_frame(group_events(read_incidents(FIXTURE))), zone_list)
    page = report.build_report(frame, zones=zone_list, result=Result(), interactive_map=False,
                               static_map=False)
    section = page.split('<section id="sources">')[1].split("</section>")[0]
    assert "Articles cited (5 of 9 read)" in section  # a1..a5; a5 reports two events
    assert section.count("<li>") == 6
    assert "a5.txt · 2 events" in section
    assert "bad.json:3: skipped, bad json (&lt;oops&gt;)" in section
    assert 'href="javascript' not in section


def test_timeline_spans_the_requested_period_and_no_toll_is_a_dash():
    import datetime as dt

    rows = [{"event_date": dt.date(2017, 5, 18), "event_type": "Battles", "time_precision": 1,
             "fatalities": None, "fatalities_max": None}]
    svg = report.timeline_svg(rows, start=dt.date(2017, 5, 1), end=dt.date(2017, 5, 31))
    assert "2017-05-01</text>" in svg and "2017-05-31</text>" in svg
    assert svg.count("<rect ") == 1
    assert "– <small>none reported</small>" in report.summary_html(rows, [], 1)
