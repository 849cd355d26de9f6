"""A static map of events for PDF, Word and print: PNG, SVG or PDF, drawn offline with geopandas + matplotlib.

The interactive map cannot go into a printed report; this picture can. It uses the same country borders
(`incidentmap.basemap`), zones (`incidentmap.zones`) and event-type styles (`data/event_types.yaml`) as
the interactive map, in the same Web Mercator projection, so the two agree. Output is deterministic where
matplotlib allows it (no dates in the metadata, a fixed SVG hash salt).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidentmap import basemap
from incidentmap.atomic import atomic_path
from incidentmap.event_types import legend_order, style_for

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from incidentmap.zones import Zone

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
SEA = "#dfe9f1"
LAND = "#f4f1ea"
BORDER = "#8a8a8a"
LABEL = "#6b6b6b"
WEB_MERCATOR = "EPSG:3857"
EARTH_RADIUS_M = 6378137.0
# Smallest area shown (degrees), so one event still shows its surroundings.
MIN_SPAN_DEG = 1.5
MAX_PLACE_LABELS = 12
# Deterministic output: matplotlib writes the date and its version unless told not to.
METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


class SnapshotError(ValueError):
    """A snapshot that cannot be written (unknown format); the message names the file."""


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    lat = max(min(lat, 85.0), -85.0)
    x = math.radians(lon) * EARTH_RADIUS_M
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * EARTH_RADIUS_M
    return x, y


def _extent(frame: gpd.GeoDataFrame, zones: Sequence[Zone]) -> tuple[float, float, float, float]:
    """Lon/lat box around the events and zones, padded, at least MIN_SPAN_DEG wide and tall."""
    boxes = []
    placed = frame[[g is not None and not g.is_empty for g in frame.geometry]]
    if len(placed):
        boxes.append(tuple(placed.total_bounds))
    boxes.extend(zone.geometry.bounds for zone in zones)
    if not boxes:
        return -180.0, -60.0, 180.0, 80.0
    minx = min(b[0] for b in boxes)
    miny = min(b[1] for b in boxes)
    maxx = max(b[2] for b in boxes)
    maxy = max(b[3] for b in boxes)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    width = max(maxx - minx, MIN_SPAN_DEG) * 1.25
    height = max(maxy - miny, MIN_SPAN_DEG) * 1.25
    # Fill a 4:3 landscape frame (in Mercator the height stretches by 1/cos(lat)).
    stretch = 1 / max(math.cos(math.radians(cy)), 0.2)
    if width < height * stretch * 4 / 3:
        width = height * stretch * 4 / 3
    else:
        height = width / stretch * 3 / 4
    return (
        max(cx - width / 2, -180.0),
        max(cy - height / 2, -85.0),
        min(cx + width / 2, 180.0),
        min(cy + height / 2, 85.0),
    )


def _draw_basemap(ax: Axes, box: tuple[float, float, float, float]) -> None:
    import geopandas as gpd
    from shapely.geometry import box as make_box

    minx, miny, maxx, maxy = box
    margin = max(maxx - minx, maxy - miny) * 0.5
    window = make_box(max(minx - margin, -180), max(miny - margin, -85), min(maxx + margin, 180),
                      min(maxy + margin, 85))
    countries = basemap.countries()
    countries = countries[countries.intersects(window)].copy()
    countries["geometry"] = countries.geometry.intersection(window)
    countries = gpd.GeoDataFrame(countries, geometry="geometry", crs="EPSG:4326").to_crs(WEB_MERCATOR)
    countries.plot(ax=ax, facecolor=LAND, edgecolor=BORDER, linewidth=0.7, zorder=1)
    # Country names where the country has room on the picture.
    x0, y0 = _mercator(minx, miny)
    x1, y1 = _mercator(maxx, maxy)
    view = make_box(x0, y0, x1, y1)
    for name, geometry in zip(countries["name"], countries.geometry, strict=True):
        visible = geometry.intersection(view)
        if visible.is_empty or visible.area < view.area * 0.015:
            continue
        point = visible.representative_point()
        ax.annotate(name.upper(), (point.x, point.y), ha="center", va="center", fontsize=8, color=LABEL,
                    alpha=0.8, fontweight="light", zorder=2, annotation_clip=True,
                    path_effects=_halo(LAND))


def _halo(color: str, width: float = 2.5) -> list:
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground=color)]


def _zone_style(zone: Zone) -> dict[str, Any]:
    style = {"color": "#444444", "fillOpacity": 0.06, "weight": 2, **(zone.style or {})}
    dashed = bool(style.get("dashArray"))
    return {
        "edge": style.get("color", "#444444"),
        "fill": style.get("fillColor", style.get("color", "#444444")),
        "alpha": float(style.get("fillOpacity", 0.06)),
        "linewidth": max(float(style.get("weight", 2)) * 0.6, 0.8),
        "linestyle": (0, (5, 3)) if dashed else "-",
    }


def _draw_zones(ax: Axes, zones: Sequence[Zone]) -> list:
    """Draw each zone (area filled, line stroked) and return legend handles."""
    import geopandas as gpd
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for zone in zones:
        style = _zone_style(zone)
        shapes = gpd.GeoSeries([zone.geometry], crs="EPSG:4326").to_crs(WEB_MERCATOR)
        if zone.is_area:
            shapes.plot(ax=ax, facecolor=style["fill"], alpha=max(style["alpha"], 0.05), edgecolor="none",
                        zorder=3)
            shapes.boundary.plot(ax=ax, color=style["edge"], linewidth=style["linewidth"],
                                 linestyle=style["linestyle"], zorder=4)
            handles.append(Patch(facecolor=style["fill"], alpha=0.35, edgecolor=style["edge"],
                                 linestyle="--" if style["linestyle"] != "-" else "-", label=zone.name))
        else:
            shapes.plot(ax=ax, color=style["edge"], linewidth=style["linewidth"] * 1.5,
                        linestyle=style["linestyle"], zorder=4)
            handles.append(Line2D([], [], color=style["edge"], linewidth=2, label=zone.name))
        if zone.kind == "line" and zone.line is not None:
            gpd.GeoSeries([zone.line], crs="EPSG:4326").to_crs(WEB_MERCATOR).plot(
                ax=ax, color=style["edge"], linewidth=style["linewidth"] * 1.5, zorder=4
            )
    return handles


def _marker_size(fatalities: Any) -> float:
    """Marker area in points^2: grows with the square root of the toll, so 100 dead is not 100x bigger."""
    try:
        toll = 0 if fatalities is None or math.isnan(float(fatalities)) else float(fatalities)
    except (TypeError, ValueError):
        toll = 0
    return 70 + 40 * math.sqrt(max(toll, 0))


def _spread(points: list[tuple[float, float]], radius: float) -> tuple[list[tuple[float, float]], list]:
    """Events at the same place are fanned out on a ring (wider for more events) so each stays visible.

    Returns the moved points and, per moved group, its true place and members (drawn as short legs).
    """
    groups: dict[tuple[float, float], list[int]] = {}
    for n, point in enumerate(points):
        groups.setdefault((round(point[0], 1), round(point[1], 1)), []).append(n)
    moved = list(points)
    fans = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ring = radius * max(1.0, len(members) / 3)
        for k, n in enumerate(members):
            angle = 2 * math.pi * k / len(members) + math.pi / 2
            moved[n] = (points[n][0] + ring * math.cos(angle), points[n][1] + ring * math.sin(angle))
        fans.append((points[members[0]], members))
    return moved, fans


def _draw_uncertainty(ax: Axes, placed: gpd.GeoDataFrame) -> list:
    """Circles around events whose place is approximate (geo_precision 2 or 3), sized as on the interactive
    map, so a reader sees that a point near a town or in a region is not an exact spot."""
    import geopandas as gpd
    from matplotlib.lines import Line2D

    from incidentmap.webmap import UNCERTAINTY_KM
    from incidentmap.zones import geodesic_circle

    circles: dict[tuple[float, float, float], str] = {}
    for geometry, precision, event_type in zip(placed.geometry, placed["geo_precision"], placed["event_type"],
                                               strict=True):
        try:
            km = UNCERTAINTY_KM.get(int(precision))
        except (TypeError, ValueError):
            km = None
        if km:
            circles.setdefault((round(geometry.x, 4), round(geometry.y, 4), km), event_type or "")
    if not circles:
        return []
    for (lon, lat, km), event_type in sorted(circles.items(), key=lambda item: -item[0][2]):
        shape = gpd.GeoSeries([geodesic_circle(lon, lat, km)], crs="EPSG:4326").to_crs(WEB_MERCATOR)
        colour = style_for(event_type).color
        shape.plot(ax=ax, facecolor=colour, alpha=0.06, edgecolor="none", zorder=4.5)
        shape.boundary.plot(ax=ax, color=colour, linewidth=0.7, linestyle=(0, (2, 2)), alpha=0.8, zorder=4.5)
    sizes = " / ".join(f"{km:g}" for km in sorted({k for _, _, k in circles}))
    return [Line2D([], [], marker="o", linestyle="none", markersize=11, markerfacecolor="#99999933",
                   markeredgecolor="#777777", label=f"Approximate place ({sizes} km)")]


def _draw_events(ax: Axes, frame: gpd.GeoDataFrame, box_m: tuple[float, float, float, float],
                 labels: list) -> list:
    """Scatter the events by type; fill `labels` with (name, spot, fan radius) for `_draw_labels`."""
    from matplotlib.lines import Line2D

    placed = frame[[g is not None and not g.is_empty for g in frame.geometry]]
    if not len(placed):
        return []
    points = [_mercator(g.x, g.y) for g in placed.geometry]
    uncertain = _draw_uncertainty(ax, placed)
    handles: list = []
    radius = (box_m[2] - box_m[0]) * 0.012
    points, fans = _spread(points, radius)
    for (cx, cy), members in fans:
        for n in members:
            ax.plot([cx, points[n][0]], [cy, points[n][1]], color="#333333", linewidth=0.6, zorder=5)
        ax.scatter([cx], [cy], s=8, c="#333333", zorder=5, linewidths=0)
    types = [t or "" for t in placed["event_type"]]
    sizes = [_marker_size(v) for v in placed["fatalities"]]
    counts = Counter(types)
    for name in legend_order(set(types)):
        kind = style_for(name)
        # Biggest first, so a small event beside a big one is drawn on top and stays visible.
        rows = sorted((n for n, t in enumerate(types) if t == name), key=lambda n: (-sizes[n], n))
        ax.scatter(
            [points[n][0] for n in rows],
            [points[n][1] for n in rows],
            s=[sizes[n] for n in rows],
            c=kind.color,
            marker=kind.marker,
            edgecolors="#222222",
            linewidths=0.7,
            zorder=6,
        )
        label = f"{name or 'Unknown type'} ({counts[name]})"
        handles.append(Line2D([], [], marker=kind.marker, linestyle="none", markersize=9,
                              markerfacecolor=kind.color, markeredgecolor="#222222", label=label))
    # Place names: one per spot (the name most events there carry), busiest spots first.
    spots: dict[tuple[float, float], Counter] = {}
    for geometry, location in zip(placed.geometry, placed["location"], strict=True):
        if location:
            spot = _mercator(geometry.x, geometry.y)
            spots.setdefault((round(spot[0], -2), round(spot[1], -2)), Counter())[location] += 1
    ranked = sorted(spots.items(), key=lambda item: (-sum(item[1].values()), item[1].most_common(1)[0][0]))
    fan_radius = {(round(cx, -2), round(cy, -2)): radius * max(1.0, len(m) / 3) for (cx, cy), m in fans}
    for spot, names in ranked[:MAX_PLACE_LABELS]:
        labels.append((names.most_common(1)[0][0], spot, fan_radius.get(spot, 0.0)))
    return handles + uncertain


LABEL_FONT = 8.5


def _draw_labels(ax: Axes, labels: list, box_m: tuple[float, float, float, float], width_pt: float) -> None:
    """Place names beside their spot, trying four sides, skipping any that would overlap one already placed.

    Sizes are estimated in points from the font size (no draw pass needed), which is close enough to keep
    neighbouring towns such as Albu Kamal and Al Qaim from printing over each other.
    """
    per_unit = width_pt / (box_m[2] - box_m[0])  # points per projected metre
    taken: list[tuple[float, float, float, float]] = []
    for name, (x, y), fan in labels:
        px, py = (x - box_m[0]) * per_unit, (y - box_m[1]) * per_unit
        gap = 8 + fan * per_unit
        w, h = len(name) * LABEL_FONT * 0.6, LABEL_FONT * 1.2
        for dx, dy, ha, va in ((gap, 3, "left", "bottom"), (gap, -3, "left", "top"),
                               (-gap, 3, "right", "bottom"), (-gap, -3, "right", "top")):
            left = px + dx if ha == "left" else px + dx - w
            bottom = py + dy if va == "bottom" else py + dy - h
            box = (left, bottom, left + w, bottom + h)
            if not any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken):
                taken.append(box)
                ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                            fontsize=LABEL_FONT, color="#1a1a1a", zorder=7, path_effects=_halo("white"))
                break


def _nice_length(max_m: float) -> float:
    """The largest 1/2/5 x 10^n metres not above `max_m`."""
    exponent = 10 ** math.floor(math.log10(max_m))
    for step in (5, 2, 1):
        if step * exponent <= max_m:
            return step * exponent
    return exponent


def _draw_scale_bar(ax: Axes, box_m: tuple[float, float, float, float], lat: float) -> None:
    """A scale bar true at the map's centre latitude (Mercator stretches distances by 1/cos(lat))."""
    from matplotlib.patches import Rectangle

    x0, y0, x1, y1 = box_m
    ground_per_unit = math.cos(math.radians(lat))
    length_m = _nice_length((x1 - x0) * 0.25 * ground_per_unit)
    length_units = length_m / ground_per_unit
    left, bottom = x0 + (x1 - x0) * 0.04, y0 + (y1 - y0) * 0.05
    height = (y1 - y0) * 0.008
    for k in range(2):
        ax.add_patch(Rectangle((left + k * length_units / 2, bottom), length_units / 2, height,
                               facecolor="#222222" if k == 0 else "white", edgecolor="#222222",
                               linewidth=0.8, zorder=8))
    label = f"{length_m / 1000:g} km" if length_m >= 1000 else f"{length_m:g} m"
    ax.text(left + length_units / 2, bottom + height * 2.2, label, ha="center", va="bottom", fontsize=8,
            zorder=8, path_effects=_halo("white"))


def _period_text(frame: gpd.GeoDataFrame, start: dt.date | None, end: dt.date | None) -> str:
    if start or end:
        return f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"
    dates = sorted(d for d in frame.get("event_date", []) if isinstance(d, dt.date))
    if not dates:
        return "undated events"
    if dates[0] == dates[-1]:
        return dates[0].isoformat()
    return f"{dates[0].isoformat()} to {dates[-1].isoformat()}"


def draw(
    frame: gpd.GeoDataFrame,
    zones: Sequence[Zone] | None = None,
    title: str = "Incidents",
    start: dt.date | None = None,
    end: dt.date | None = None,
    size: tuple[float, float] = (10.0, 8.0),
) -> Figure:
    """The snapshot as a matplotlib Figure (not attached to pyplot, so nothing global is touched).

    zones: None for the shipped zones (At Tanf), a list of `incidentmap.zones.Zone` otherwise.
    Titles and zone names are plain text: a "$" in them is not matplotlib math (which would fail to parse).
    """
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False}):
        return _draw(frame, zones, title, start, end, size)


def _draw(frame, zones, title, start, end, size) -> Figure:
    from matplotlib.figure import Figure

    if zones is None:  # as in the interactive map: None means the shipped zones, [] means none
        from incidentmap.zones import default_zones

        zones = default_zones()
    zones = list(zones)
    fig = Figure(figsize=size, layout="constrained")
    ax = fig.add_subplot()
    box = _extent(frame, zones)
    x0, y0 = _mercator(box[0], box[1])
    x1, y1 = _mercator(box[2], box[3])
    box_m = (x0, y0, x1, y1)
    ax.set_facecolor(SEA)
    _draw_basemap(ax, box)
    zone_handles = _draw_zones(ax, zones)
    labels: list = []
    event_handles = _draw_events(ax, frame, box_m, labels)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#555555")
    _draw_labels(ax, labels, box_m, size[0] * 72 * 0.97)
    _draw_scale_bar(ax, box_m, (box[1] + box[3]) / 2)
    ax.text(0.975, 0.975, "↑\nN", transform=ax.transAxes, ha="center", va="top", fontsize=10,
            fontweight="bold", zorder=8, path_effects=_halo("white"))
    handles = event_handles + zone_handles
    if handles:
        legend = ax.legend(handles=handles, loc="upper left", fontsize=8, title="Events by type",
                           title_fontsize=8.5, framealpha=0.92, borderpad=0.7, labelspacing=0.8)
        legend.set_zorder(9)
    placed = sum(1 for g in frame.geometry if g is not None and not g.is_empty)
    n_events = len(frame)
    fig.suptitle(title, fontsize=14, fontweight="bold", x=0.008, ha="left")
    subtitle = f"{_period_text(frame, start, end)} · {placed} event{'s' if placed != 1 else ''} mapped"
    if n_events > placed:
        subtitle += f" ({n_events - placed} without a known place not shown)"
    subtitle += " · marker size grows with reported fatalities"
    ax.set_title(subtitle, fontsize=9, loc="left", color="#333333")
    credits = f"{basemap.CREDIT}. Events: incidentmap, coded from news reports. Web Mercator."
    ax.text(0.995, 0.006, credits, transform=ax.transAxes, ha="right", va="bottom", fontsize=6.5,
            color="#444444", zorder=9,
            bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "boxstyle": "square,pad=0.25"})
    return fig


def snapshot_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise SnapshotError(f"{path}: unknown image format {suffix!r} (use .png, .svg or .pdf)")
    return FORMATS[suffix]


def write_snapshot(
    frame: gpd.GeoDataFrame,
    path: str | Path,
    zones: Sequence[Zone] | None = None,
    title: str = "Incidents",
    start: dt.date | None = None,
    end: dt.date | None = None,
    dpi: int = 150,
) -> Path:
    """Draw the snapshot and write it as PNG, SVG or PDF (by extension), atomically and reproducibly."""
    import matplotlib

    path = Path(path)
    fmt = snapshot_format(path)
    fig = draw(frame, zones=zones, title=title, start=start, end=end)
    settings = {"svg.hashsalt": "incidentmap", "svg.fonttype": "none"}
    with matplotlib.rc_context(settings), atomic_path(path) as tmp:
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=METADATA[fmt], facecolor="white")
    return path
