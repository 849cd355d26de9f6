"""One self-contained, offline HTML report of the selected events: summary, timeline, map, table, sources.

A report writer needs everything for one date range in one file that opens anywhere, mails as one
attachment and prints: the summary numbers, a timeline, the interactive map (`incidentmap.webmap`), the
table behind the map with every evidence sentence and source link, and a static map for paper.

Article text is untrusted: every value is escaped with `html.escape`, only http(s) URLs become links, the
page's own script builds nothing from markup, and a Content-Security-Policy forbids any network fetch
except the optional online map tiles.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from incidentmap.atomic import atomic_write_text
from incidentmap.event_types import legend_order, style_for
from incidentmap.paths import DATA_DIR

if TYPE_CHECKING:
    import geopandas as gpd

    from incidentmap.zones import Zone

TIME_WORDS = {1: "day", 2: "week", 3: "month"}
GEO_WORDS = {1: "the place itself", 2: "near the place", 3: "the region only"}
TOP_PLACES = 10
# Timeline bins: days while they stay readable, else weeks, else months.
MAX_DAY_BINS = 120
MAX_WEEK_BINS = 160
BREAK_MIN_DAYS = 45
LABEL_WIDTH = 68  # px of an ISO date at the chart's 11 px font
BREAK_SHARE = 0.25
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: https:; font-src data:; base-uri 'none'; form-action 'none'"
)


def esc(value: Any) -> str:
    """Escaped text for HTML content and attributes; None becomes an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s) with a host, else None (no javascript:, data:, relative or odd schemes)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c.isspace() or ord(c) < 32 for c in url):
        return None
    return url


def link(url: Any, text: Any) -> str:
    """An outbound link when the URL is http(s); otherwise the escaped text alone."""
    safe = safe_url(url)
    if safe is None:
        return esc(text)
    return f'<a href="{esc(safe)}" rel="noopener noreferrer nofollow" target="_blank">{esc(text)}</a>'


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return isinstance(value, float) and math.isnan(value)
    except TypeError:
        return False


def _int(value: Any) -> int | None:
    return None if _missing(value) else int(value)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Event rows as plain dicts, missing values as None, lists as lists, dates as `datetime.date`."""
    rows = []
    for record in frame.drop(columns="geometry", errors="ignore").to_dict("records"):
        row = {}
        for key, value in record.items():
            if isinstance(value, (list, tuple, dict)):
                row[key] = value
            elif hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
                row[key] = value.tolist()
            else:
                row[key] = None if _missing(value) else value
        for key in ("event_date", "date_start", "date_end"):
            row[key] = _as_date(row.get(key))
        for key in ("zones", "in_zones", "evidence", "sources", "mentions"):
            value = row.get(key)
            row[key] = list(value) if isinstance(value, (list, tuple)) else []
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------------------- summary


def _toll(low: int, high: int) -> str:
    return f"{low}" if low == high else f"{low}–{high}"


def _toll_cell(rows: Sequence[dict[str, Any]]) -> str:
    """Total toll of a group of events, or a dash when none of them reports one."""
    low, high, known = _fatality_totals(rows)
    return _toll(low, high) if known else '<span class="imr-sub" title="not reported">–</span>'


def _fatality_totals(rows: Sequence[dict[str, Any]]) -> tuple[int, int, int]:
    """(lowest total, highest total, events with a reported toll)."""
    low = sum(_int(r.get("fatalities")) or 0 for r in rows)
    high = sum(_int(r.get("fatalities_max")) or _int(r.get("fatalities")) or 0 for r in rows)
    known = sum(1 for r in rows if _int(r.get("fatalities")) is not None)
    return low, high, known


def summary_html(rows: Sequence[dict[str, Any]], zones: Sequence[Zone], total_events: int) -> str:
    """Headline numbers, events by type, most affected places, events in each zone."""
    low, high, known = _fatality_totals(rows)
    placed = sum(1 for r in rows if r.get("latitude") is not None)
    mentions = sum(int(r.get("n_mentions") or len(r.get("mentions") or []) or 1) for r in rows)
    sources = {s for r in rows for s in r.get("sources") or []}
    filtered = f" (of {total_events} found)" if total_events != len(rows) else ""
    toll_card = "– <small>none reported</small>"
    if known:
        toll_card = f"{_toll(low, high)} <small>in {known} events</small>"
    cards = [
        ("Events", f"{len(rows)}{filtered}"),
        ("Reported fatalities", toll_card),
        ("Reports merged", f"{mentions} <small>from {len(sources)} sources</small>"),
        ("Mapped", f"{placed} <small>of {len(rows)} events placed</small>"),
    ]
    parts = ['<div class="imr-cards">']
    for label, value in cards:
        parts.append(f'<div class="imr-card"><div class="imr-card-value">{value}</div>'
                     f'<div class="imr-card-label">{esc(label)}</div></div>')
    parts.append("</div>")

    # By type.
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_type[row.get("event_type") or "Other"].append(row)
    parts.append('<div class="imr-grid"><div><h3>Events by type</h3>')
    if by_type:
        parts.append('<table class="imr-small"><thead><tr><th>Type</th><th class="num">Events</th>'
                     '<th class="num">Fatalities</th></tr></thead><tbody>')
        for name in legend_order(set(by_type)):
            group = by_type[name]
            sub = Counter(r.get("sub_event_type") or "" for r in group)
            ranked_subs = sorted(sub.items(), key=lambda i: (-i[1], i[0]))
            subs = ", ".join(f"{esc(s)} ({n})" for s, n in ranked_subs if s)
            parts.append(
                f'<tr><td><span class="imr-swatch" style="background:{esc(style_for(name).color)}"></span>'
                f'{esc(name)}<div class="imr-sub">{subs}</div></td><td class="num">{len(group)}</td>'
                f'<td class="num">{_toll_cell(group)}</td></tr>'
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No events.</p>")
    parts.append("</div>")

    # Most affected places.
    places: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get("location"):
            places[(row["location"], row.get("country") or "")].append(row)
    ranked = sorted(
        places.items(),
        key=lambda item: (-_fatality_totals(item[1])[0], -len(item[1]), item[0]),
    )[:TOP_PLACES]
    parts.append("<div><h3>Most affected places</h3>")
    if ranked:
        parts.append('<table class="imr-small"><thead><tr><th>Place</th><th class="num">Events</th>'
                     '<th class="num">Fatalities</th></tr></thead><tbody>')
        for (location, country), group in ranked:
            region = all((r.get("geo_precision") or 0) >= 3 for r in group)
            hint = ", ".join(v for v in (country, "region" if region else "") if v)
            where = f"{esc(location)}" + (f' <span class="imr-sub">{esc(hint)}</span>' if hint else "")
            parts.append(f'<tr><td>{where}</td><td class="num">{len(group)}</td>'
                         f'<td class="num">{_toll_cell(group)}</td></tr>')
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No placed events.</p>")
    parts.append("</div>")

    # Zones.
    parts.append("<div><h3>Events inside each zone</h3>")
    if zones:
        parts.append('<table class="imr-small"><thead><tr><th>Zone</th><th class="num">Events inside</th>'
                     '<th class="num">Fatalities</th></tr></thead><tbody>')
        for zone in zones:
            inside = [r for r in rows if zone.name in (r.get("in_zones") or [])]
            said = [r for r in rows if zone.name in (r.get("zones") or [])
                    and zone.name not in (r.get("in_zones") or [])]
            note = ""
            if said:
                note = (f'<div class="imr-sub">+{len(said)} more the reports place in the zone, '
                        "without a point inside it</div>")
            if not zone.is_area:
                note += '<div class="imr-sub">a line: events are not tested against it</div>'
            parts.append(f"<tr><td>{esc(zone.name)}{note}</td><td class=\"num\">{len(inside)}</td>"
                         f'<td class="num">{_toll_cell(inside)}</td></tr>')
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No zones.</p>")
    parts.append("</div></div>")
    return "\n".join(parts)


# ------------------------------------------------------------------------------------------ timeline


def _bin_unit(first: dt.date, last: dt.date) -> str:
    days = (last - first).days + 1
    if days <= MAX_DAY_BINS:
        return "day"
    if days / 7 <= MAX_WEEK_BINS:
        return "week"
    return "month"


def _bin_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next_bin(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day + dt.timedelta(days=7)
    if unit == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=1)


def _periods(days: Sequence[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Runs of dates separated by long quiet spells; the chart breaks its axis between them.

    A spell counts as long when it lasts more than BREAK_MIN_DAYS and more than BREAK_SHARE of the whole
    range, so a real lull inside busy months still shows as empty bars.
    """
    days = sorted(set(days))
    span = (days[-1] - days[0]).days + 1
    periods = [[days[0], days[0]]]
    for day in days[1:]:
        gap = (day - periods[-1][1]).days - 1
        if gap > BREAK_MIN_DAYS and gap > span * BREAK_SHARE:
            periods.append([day, day])
        else:
            periods[-1][1] = day
    return [(a, b) for a, b in periods]


def timeline_svg(rows: Sequence[dict[str, Any]], width: int = 960, height: int = 230,
                 start: dt.date | None = None, end: dt.date | None = None) -> str:
    """Stacked bars of events per day (week, month for long ranges) by type, as inline SVG.

    Each bar segment carries a <title> tooltip; events whose date is known only to the week or month are
    drawn paler so the chart does not claim more precision than the reports give. Long spells without any
    event are cut out of the axis (marked with a break and their length) instead of filling the chart.
    A requested period (`start`, `end`) is drawn in full, so quiet days at its ends show as such.
    """
    dated = [r for r in rows if r.get("event_date")]
    if not dated:
        return '<p class="imr-note">No dated events to chart.</p>'
    periods = _periods([r["event_date"] for r in dated])
    if start and start < periods[0][0]:
        periods[0] = (start, periods[0][1])
    if end and end > periods[-1][1]:
        periods[-1] = (periods[-1][0], end)
    unit = _bin_unit(dt.date(2000, 1, 1), dt.date(2000, 1, 1) + dt.timedelta(
        days=sum((b - a).days + 1 for a, b in periods) - 1))
    segments: list[list[dt.date]] = []
    for first, last in periods:
        bins = []
        cursor = _bin_start(first, unit)
        while cursor <= last:
            bins.append(cursor)
            cursor = _next_bin(cursor, unit)
        segments.append(bins)
    index: dict[dt.date, int] = {}
    for bins in segments:
        for b in bins:
            index.setdefault(b, len(index))
    types = legend_order({r.get("event_type") or "Other" for r in dated})
    counts: dict[tuple[int, str, bool], int] = Counter()
    for row in dated:
        key = (index[_bin_start(row["event_date"], unit)], row.get("event_type") or "Other",
               (row.get("time_precision") or 1) > 1)
        counts[key] += 1
    totals: Counter[int] = Counter()
    for (n, _, _), c in counts.items():
        totals[n] += c
    peak = max(totals.values())
    left, right, top, bottom = 34, 8, 10, 34
    gap_w = 30
    plot_w, plot_h = width - left - right, height - top - bottom
    step = (plot_w - gap_w * (len(segments) - 1)) / len(index)
    bar_w = min(max(step * 0.8, 1.0), 26.0)
    scale = plot_h / peak
    base = top + plot_h
    out = [
        f'<svg class="imr-timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Events per {unit} by type" xmlns="http://www.w3.org/2000/svg">'
    ]
    ticks = sorted({0, peak, *(round(peak * k / 4) for k in range(1, 4))})
    for tick in ticks:
        y = base - tick * scale
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   'class="imr-grid-line"/>')
        out.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end" class="imr-axis">{tick}</text>')
    label_every = max(1, math.ceil(84 / step))
    candidates: list[tuple[int, float, dt.date]] = []
    x_start = float(left)
    for number, bins in enumerate(segments):
        seg_w = step * len(bins)
        out.append(f'<line x1="{x_start:.1f}" x2="{x_start + seg_w:.1f}" y1="{base}" y2="{base}" '
                   'class="imr-axis-line"/>')
        for k, start in enumerate(bins):
            n = index[start]
            x = x_start + k * step + (step - bar_w) / 2
            y = float(base)
            for name in types:
                for imprecise in (False, True):
                    count = counts.get((n, name, imprecise), 0)
                    if not count:
                        continue
                    h = count * scale
                    y -= h
                    label = start.isoformat() if unit == "day" else f"{unit} of {start.isoformat()}"
                    tip = f"{label}: {name}, {count} event{'s' if count > 1 else ''}"
                    if imprecise:
                        tip += " (date known only to the week or month)"
                    opacity = ' fill-opacity="0.45"' if imprecise else ""
                    out.append(
                        f'<rect x="{x:.2f}" y="{y:.2f}" width="{bar_w:.2f}" height="{h:.2f}" '
                        f'fill="{esc(style_for(name).color)}"{opacity} data-type="{esc(name)}">'
                        f"<title>{esc(tip)}</title></rect>"
                    )
        # Date label candidates: each period's first bin, then its last, then every few bins between.
        for k in range(len(bins)):
            priority = 0 if k == 0 else 1 if k == len(bins) - 1 else 2 if k % label_every == 0 else None
            if priority is not None:
                candidates.append((priority, x_start + k * step + step / 2, bins[k]))
        x_start += seg_w
        if number < len(segments) - 1:
            quiet = (periods[number + 1][0] - periods[number][1]).days - 1
            mid = x_start + gap_w / 2
            out.append(
                f'<g class="imr-break"><title>{quiet} days without events, cut from the axis</title>'
                f'<path d="M{mid - 7:.1f} {base + 6} l6 -12 M{mid + 1:.1f} {base + 6} l6 -12"/>'
                f'<text x="{mid:.1f}" y="{base - 8}" text-anchor="middle" class="imr-axis imr-break-text">'
                f"{quiet}d</text></g>"
            )
            x_start += gap_w
    # Place date labels by priority wherever they do not overlap one already placed.
    placed: list[tuple[float, float]] = []
    for _, x, day in sorted(candidates, key=lambda c: (c[0], c[1])):
        centre = min(max(x, left + LABEL_WIDTH / 2), width - right - LABEL_WIDTH / 2)
        span = (centre - LABEL_WIDTH / 2 - 4, centre + LABEL_WIDTH / 2 + 4)
        if any(span[0] < b and a < span[1] for a, b in placed):
            continue
        placed.append(span)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{base}" y2="{base + 4}" class="imr-axis-line"/>')
        out.append(f'<text x="{centre:.1f}" y="{base + 17}" text-anchor="middle" class="imr-axis">'
                   f"{day.isoformat()}</text>")
    out.append("</svg>")
    legend = ['<div class="imr-legend">']
    for name in types:
        legend.append(f'<span><span class="imr-swatch" style="background:{esc(style_for(name).color)}">'
                      f"</span>{esc(name)}</span>")
    legend.append('<span><span class="imr-swatch imr-pale"></span>paler: date known only to the week or '
                  "month</span>")
    note = f"one bar per {unit}"
    if len(segments) > 1:
        note += "; // marks a quiet spell cut from the axis (its length in days above it)"
    undated = len(rows) - len(dated)
    if undated:
        note += f"; {undated} undated event{'s are' if undated > 1 else ' is'} not charted"
    legend.append(f'<span class="imr-note">{note}</span></div>')
    return "\n".join(out) + "\n" + "".join(legend)


# ------------------------------------------------------------------------------------------ table


def _date_cell(row: dict[str, Any]) -> tuple[str, str]:
    day = row.get("event_date")
    if not day:
        return "", '<span class="imr-sub">undated</span>'
    precision = row.get("time_precision") or 1
    text = esc(day.isoformat())
    if precision > 1 and row.get("date_start") and row.get("date_end"):
        text += (f'<div class="imr-sub">{esc(TIME_WORDS.get(precision, ""))}: '
                 f"{esc(row['date_start'].isoformat())} – {esc(row['date_end'].isoformat())}</div>")
    return day.isoformat(), text


def _fatality_cell(row: dict[str, Any]) -> tuple[str, str]:
    low, high = _int(row.get("fatalities")), _int(row.get("fatalities_max"))
    if low is None:
        return "-1", '<span class="imr-sub">not reported</span>'
    text = _toll(low, high if high is not None else low)
    if high is not None and high != low:
        text += '<div class="imr-sub">sources disagree</div>'
    return str(low), text


def _mentions_html(row: dict[str, Any]) -> str:
    """Every report of the event: the sentence, then who said it, when, with a link to the article."""
    items = []
    seen = set()
    for mention in row.get("mentions") or []:
        if not isinstance(mention, dict):
            continue
        key = (mention.get("evidence"), mention.get("source"), mention.get("url"))
        if key in seen:
            continue
        seen.add(key)
        outlet = mention.get("source") or mention.get("article") or "source"
        meta = [link(mention.get("url"), outlet)]
        if mention.get("published"):
            meta.append(esc(mention["published"]))
        if mention.get("title"):
            meta.append(f"<cite>{esc(mention['title'])}</cite>")
        items.append(f'<li><q>{esc(mention.get("evidence"))}</q> <span class="imr-by">— '
                     f'{", ".join(meta)}</span></li>')
    if not items:
        items = [f"<li><q>{esc(e)}</q></li>" for e in row.get("evidence") or []]
    return f'<ul class="imr-evidence">{"".join(items)}</ul>'


def table_html(rows: Sequence[dict[str, Any]]) -> str:
    """The incident table: one row per event, sortable (click a heading) and filterable (page script)."""
    types = legend_order({r.get("event_type") or "Other" for r in rows})
    zone_names = sorted({z for r in rows for z in (r.get("zones") or [])})
    controls = [
        '<div class="imr-controls">',
        '<label>Filter <input type="search" class="imr-filter-text" placeholder="place, actor, words…">'
        "</label>",
        '<label>Type <select class="imr-filter-type"><option value="">all types</option>',
        *[f'<option value="{esc(t)}">{esc(t)}</option>' for t in types],
        "</select></label>",
        '<label>Zone <select class="imr-filter-zone"><option value="">anywhere</option>',
        *[f'<option value="{esc(z)}">{esc(z)}</option>' for z in zone_names],
        "</select></label>",
        f'<span class="imr-count" aria-live="polite">{len(rows)} of {len(rows)} events shown</span>',
        "</div>",
    ]
    head = (
        "<thead><tr>"
        '<th data-kind="text" aria-sort="ascending">Date</th>'
        '<th data-kind="text">Type</th>'
        '<th data-kind="text">Place</th>'
        '<th data-kind="text">Actors</th>'
        '<th data-kind="num" class="num">Fatalities</th>'
        '<th data-kind="text">Zones</th>'
        '<th data-kind="num" class="num">Reports</th>'
        '<th data-kind="none" class="imr-wide">Evidence and sources</th>'
        "</tr></thead>"
    )
    body = []
    ordered = sorted(rows, key=lambda r: (r.get("event_date") is None, r.get("event_date") or dt.date.min,
                                          r.get("event_id") or ""))
    for row in ordered:
        event_type = row.get("event_type") or "Other"
        date_key, date_text = _date_cell(row)
        toll_key, toll_text = _fatality_cell(row)
        place = esc(row.get("location")) or '<span class="imr-sub">unknown place</span>'
        region = ", ".join(v for v in (row.get("admin1"), row.get("country")) if v)
        if region:
            place += f'<div class="imr-sub">{esc(region)}</div>'
        if row.get("geo_precision"):
            place += f'<div class="imr-sub">precision: {esc(GEO_WORDS.get(row["geo_precision"], ""))}</div>'
        actors = [a for a in (row.get("actor1"), row.get("actor2")) if a]
        actors_html = "<br>vs ".join(esc(a) for a in actors)
        zones = row.get("zones") or []
        inside = set(row.get("in_zones") or [])
        zones_html = "<br>".join(
            esc(z) + ("" if z in inside else ' <span class="imr-sub">(per the report)</span>') for z in zones
        )
        reports = int(row.get("n_mentions") or len(row.get("mentions") or []) or 1)
        colour = esc(style_for(event_type).color)
        body.append(
            f'<tr data-type="{esc(event_type)}" data-zones="{esc(chr(31).join(zones))}" '
            f'id="event-{esc(row.get("event_id"))}">'
            f'<td data-sort="{esc(date_key)}">{date_text}</td>'
            f'<td data-sort="{esc(event_type)}"><span class="imr-swatch" style="background:{colour}"></span>'
            f'{esc(event_type)}<div class="imr-sub">{esc(row.get("sub_event_type"))}</div></td>'
            f'<td data-sort="{esc(row.get("location") or "")}">{place}</td>'
            f"<td>{actors_html}</td>"
            f'<td class="num" data-sort="{esc(toll_key)}">{toll_text}</td>'
            f"<td>{zones_html}</td>"
            f'<td class="num" data-sort="{reports}">{reports}</td>'
            f"<td>{_mentions_html(row)}</td>"
            "</tr>"
        )
    if not body:
        body.append('<tr><td colspan="8">No events in this selection.</td></tr>')
    return "\n".join(controls) + (
        f'\n<div class="imr-table-wrap"><table class="imr-table">{head}<tbody>\n' + "\n".join(body)
        + "\n</tbody></table></div>"
    )


# ------------------------------------------------------------------------------------------ sources


def sources_html(rows: Sequence[dict[str, Any]], result: Any = None) -> str:
    """The articles the shown events come from (title, outlet, date, link, events each), then the inputs
    that were skipped, so every number in the report can be traced to its text."""
    cited: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        for mention in row.get("mentions") or []:
            if not isinstance(mention, dict):
                continue
            key = (str(mention.get("article") or ""), str(mention.get("url") or ""))
            entry = cited.setdefault(key, {**mention, "events": set()})
            entry["events"].add(row.get("event_id"))
    parts = []
    read = getattr(result, "articles", None)
    n_read = len(read) if isinstance(read, (list, tuple)) else read if isinstance(read, int) else None
    if cited:
        heading = f"Articles cited ({len(cited)}"
        heading += f" of {n_read} read)" if n_read is not None else ")"
        parts.append(f'<h3>{esc(heading)}</h3><ol class="imr-sources">')
        for entry in sorted(cited.values(), key=lambda e: (str(e.get("published") or ""), str(e["article"]))):
            outlet = entry.get("source") or entry.get("article") or "source"
            title = entry.get("title") or entry.get("article") or outlet
            date = entry.get("published") or "date unknown"
            n = len(entry["events"])
            parts.append(
                f'<li>{link(entry.get("url"), title)} <span class="imr-sub">{esc(outlet)}, {esc(date)}'
                f' · {esc(entry.get("article"))} · {n} event{"s" if n != 1 else ""}</span></li>'
            )
        parts.append("</ol>")
    skipped = list(getattr(result, "skipped", None) or [])
    if skipped:
        parts.append(f'<h3>Inputs skipped ({len(skipped)})</h3><ul class="imr-sources">')
        parts.extend(f"<li>{esc(s.message())}</li>" for s in skipped)
        parts.append("</ul>")
    return "\n".join(parts)


# ------------------------------------------------------------------------------------------ page


def _static_map_img(frame: gpd.GeoDataFrame, zones: Sequence[Zone], title: str, start: dt.date | None,
                    end: dt.date | None) -> str:
    """The snapshot as an inline PNG, shown only when printing (an interactive map prints poorly)."""
    import matplotlib

    from incidentmap.snapshot import METADATA, draw

    figure = draw(frame, zones=zones, title=title, start=start, end=end)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "incidentmap"}):
        figure.savefig(buffer, format="png", dpi=110, metadata=METADATA["png"], facecolor="white")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img class="imr-print-map" alt="Static map of the events" src="data:image/png;base64,{data}">'


def _map_fragment(frame: gpd.GeoDataFrame, zones: Sequence[Zone], title: str) -> str:
    from incidentmap.webmap import build_map, render_fragment

    m = build_map(frame, zones=list(zones), title=title, height="560px")
    return render_fragment(m)


def _read(name: str) -> str:
    return (DATA_DIR / "report" / name).read_text(encoding="utf-8")


def period_text(rows: Iterable[dict[str, Any]], start: dt.date | None, end: dt.date | None) -> str:
    if start or end:
        return f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"
    dates = sorted(r["event_date"] for r in rows if r.get("event_date"))
    if not dates:
        return "no dated events"
    if dates[0] == dates[-1]:
        return dates[0].isoformat()
    return f"{dates[0].isoformat()} to {dates[-1].isoformat()}"


def build_report(
    frame: gpd.GeoDataFrame,
    zones: Sequence[Zone] | None = None,
    title: str = "Incident report",
    start: dt.date | None = None,
    end: dt.date | None = None,
    result: Any = None,
    total_events: int | None = None,
    interactive_map: bool = True,
    static_map: bool = True,
) -> str:
    """The report page as one HTML string (every script, style and image inline).

    frame: events (`events.events_frame`, ideally annotated by `zones.annotate`); zones: the zones drawn and
    counted (default: the shipped ones); result: the pipeline's RunResult, for the list of articles read.
    """
    from incidentmap.zones import annotate, default_zones

    zones = list(default_zones() if zones is None else zones)
    if "in_zones" not in frame.columns:
        frame = annotate(frame, zones)
    rows = records(frame)
    total = len(rows) if total_events is None else total_events
    period = period_text(rows, start, end)
    sections = [
        f'<header class="imr-header"><h1>{esc(title)}</h1>'
        f'<p class="imr-period">Period: <strong>{esc(period)}</strong> · {len(rows)} events</p></header>',
        f'<section id="summary"><h2>Summary</h2>{summary_html(rows, zones, total)}</section>',
        f'<section id="timeline"><h2>Timeline</h2>{timeline_svg(rows, start=start, end=end)}</section>',
    ]
    if interactive_map or static_map:
        map_parts = ['<section id="map"><h2>Map</h2>']
        if interactive_map:
            map_parts.append(f'<div class="imr-live-map">{_map_fragment(frame, zones, title)}</div>')
        if static_map:
            map_parts.append(_static_map_img(frame, zones, title, start, end))
        map_parts.append("</section>")
        sections.append("".join(map_parts))
    sections.append(f'<section id="incidents"><h2>Incidents</h2>{table_html(rows)}</section>')
    sources = sources_html(rows, result)
    if sources:
        sections.append(f'<section id="sources"><h2>Sources</h2>{sources}</section>')
    sections.append(
        '<footer class="imr-footer">Made with incidentmap: every event is traceable to the sentences and '
        "sources listed above. Borders: Natural Earth (public domain), via world-atlas. Event types follow "
        "ACLED's codebook.</footer>"
    )
    css, script = _read("report.css"), _read("report.js")
    if "</style" in css.lower() or "</script" in script.lower():
        raise ValueError("report assets must not close their own element")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · {esc(period)}</title>\n<style>\n{css}\n</style>\n</head>\n"
        f'<body class="imr-report">\n<main>\n' + "\n".join(sections) + "\n</main>\n"
        f"<script>\n{script}\n</script>\n</body>\n</html>\n"
    )


def write_report(path: str | Path, frame: gpd.GeoDataFrame, **kwargs: Any) -> Path:
    """Build the report and write it atomically; keyword arguments as for `build_report`."""
    text = build_report(frame, **kwargs)
    atomic_write_text(path, text)
    return Path(path)
