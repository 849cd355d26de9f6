"""The interactive map: a standalone, offline, deterministic Folium/Leaflet page of events and zones.

Why not plain Folium: it links its libraries from CDNs (a blank page offline), gives elements random ids
(two builds never diff cleanly), and a Python loop of markers does not scale (100k markers, 74 s, 104 MB).
Here every event goes into one compact, column-wise JSON data block that our own script
(`incidentmap/data/web/map.js`) draws: markers with a per-type SVG icon sized by fatalities, popups built
with DOM text nodes (article text is untrusted and never becomes markup), a legend, one layer per event
type, a date filter working together with those layers, grid clustering when events are many, and
place-uncertainty circles. Leaflet is inlined from the installed xstatic package; the vector country
borders from `incidentmap.basemap` sit under the optional online tile layers, so the map looks right with
no network at all.

Public API (used by `incidentmap build` and by `incidentmap report`):

- `build_map(events, zones=None, title=None, ...) -> folium.Map` (an `IncidentMap`)
- `render_html(m) -> str`: the standalone page; `render_fragment(m) -> str`: a `<div>` block whose ids
  and styles are scoped to the map, so several maps can share one page (`include_assets=False` for all
  but the first); `save_map(m, path, fragment=False)` writes either atomically.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import hashlib
import html
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template

from incidentmap import assets
from incidentmap.atomic import atomic_write_text
from incidentmap.event_types import legend_order, style_for
from incidentmap.models import Event
from incidentmap.zones import Zone, annotate, load_zones, read_zones

if TYPE_CHECKING:
    import geopandas as gpd

# Online tile layers offered in the layer switcher; none is shown by default, so opening the map makes no
# network request and looks the same online and offline (the offline borders are always underneath).
TILE_LAYERS = [
    {
        "name": "OpenStreetMap (online)",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "&copy; OpenStreetMap contributors",
        "maxZoom": 19,
    },
    {
        "name": "Esri World Imagery (online)",
        "url": "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "attribution": "Tiles &copy; Esri",
        "maxZoom": 18,
    },
]
# Radius drawn around events whose place is only approximate (ACLED geo_precision 2: near a town or part
# of a region; 3: only the region is known).
UNCERTAINTY_KM = {2: 15, 3: 60}
# Above this many events shown at once, nearby markers merge into grid clusters.
CLUSTER_THRESHOLD = 300
COORD_DIGITS = 4  # 11 m, as ACLED publishes coordinates
# Above this many bytes of data, the block is stored gzip-compressed (base64) and inflated by the browser
# (DecompressionStream: Chromium 80+, Firefox 113+, Safari 16.4+); 100k events then fit in ~10 MB, not 25.
COMPRESS_ABOVE = 4_000_000
EPOCH = dt.date(1970, 1, 1)
EPOCH_ORDINAL = EPOCH.toordinal()


class _Raw(Element):
    """Pre-built HTML inserted verbatim, never passed through Jinja.

    Branca re-parses rendered script text as a template; data that contains `{{` would then be evaluated.
    Raw elements keep untrusted data out of the template engine (and keep big payloads fast).
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class IncidentMap(folium.Map):
    """A folium.Map that links nothing from the network and sizes itself for a page or a fragment."""

    default_js: list[tuple[str, str]] = []
    default_css: list[tuple[str, str]] = []

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>
            #{{ this.get_name() }} {
                position: relative;
                width: {{ this.width[0] }}{{ this.width[1] }};
                height: {{ this.height[0] }}{{ this.height[1] }};
            }
            {%- if not this.fragment %}
            html, body { width: 100%; height: 100%; margin: 0; padding: 0; }
            {%- endif %}
            </style>
        {% endmacro %}

        {% macro html(this, kwargs) %}
            <div class="folium-map imap-map" id={{ this.get_name()|tojson }}></div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.map(
                {{ this.get_name()|tojson }},
                {
                    center: {{ this.location|tojson }},
                    crs: L.CRS.{{ this.crs }},
                    ...{{ this.options|tojavascript }}
                }
            );
            {%- if this.control_scale %}
            L.control.scale({imperial: false}).addTo({{ this.get_name() }});
            {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fragment = False
        self.imap_id = "imap"
        self.imap_title = ""


class _EventsLayer(MacroElement):
    """Mounts the map's data blocks with incidentmap's own script (markers, popups, legend, controls)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            incidentmap.mount({{ this._parent.get_name() }}, {{ this.data_id|tojson }},
                              {{ this.basemap_id|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, map_id: str, data: str, basemap: str | None, compressed: bool) -> None:
        super().__init__()
        self._name = "IncidentEvents"
        self.data_id = f"{map_id}_data"
        self.basemap_id = f"{map_id}_basemap" if basemap else None
        self.blocks = [(self.data_id, data)] + ([(self.basemap_id, basemap)] if basemap else [])
        self.kind = "application/x-gzip-base64" if compressed else "application/json"

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if isinstance(figure, Figure):
            for block_id, text in self.blocks:
                block = f'<script type="{self.kind}" id="{block_id}">{text}</script>'
                figure.html.add_child(_Raw(block), name=f"{block_id}_block")
            figure.header.add_child(_Raw(assets.head_assets()), name="imap_assets")
        super().render(**kwargs)


# ---------------------------------------------------------------------------------------------- data


def safe_json(value: Any) -> str:
    """Compact JSON that is safe inside an HTML <script> element: no `<`, `>`, `&` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _Strings:
    """A string table: repeated actors, places, outlets and URLs are stored once and referenced by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}
        self.values: list[str] = [""]

    def __call__(self, value: Any) -> int:
        found = self.index.get(value)  # fast path: a string seen before
        if found is not None:
            return found
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return 0
        text = str(value)
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.values)
            self.values.append(text)
        return found


def _day(value: Any) -> int | None:
    if type(value) is dt.date:
        return value.toordinal() - EPOCH_ORDINAL
    if value is None or value != value:  # None, NaN, pandas NaT
        return None
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    if hasattr(value, "date") and not isinstance(value, dt.date):  # pandas Timestamp
        value = value.date()
    return (value - EPOCH).days


def _int(value: Any) -> int | None:
    if value is None:
        return None
    if type(value) is int:
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else int(number)


def _list(value: Any) -> list[Any]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return list(value)


def _as_frame(events: Any) -> gpd.GeoDataFrame:
    from incidentmap.events import events_frame, group_events
    from incidentmap.models import Incident

    if hasattr(events, "geometry"):
        return events
    items = list(events)
    if items and isinstance(items[0], Incident):
        items = group_events(items)
    if items and not isinstance(items[0], Event):
        raise TypeError("build_map expects an events GeoDataFrame, a list of Event or a list of Incident")
    return events_frame(items)


def _payload(frame: gpd.GeoDataFrame, zones: Sequence[Zone], title: str, tiles: bool,
             basemap: bool, cluster_threshold: int) -> dict[str, Any]:
    """The data block the page script draws: event columns, string table, types, zones, view bounds."""
    import numpy as np
    import shapely

    from incidentmap import event_types

    strings = _Strings()
    geoms = frame.geometry.values
    xs = shapely.get_x(np.asarray(geoms, dtype=object))
    ys = shapely.get_y(np.asarray(geoms, dtype=object))
    placed = np.isfinite(xs) & np.isfinite(ys)
    rows = np.flatnonzero(placed)
    columns = {name: frame[name].tolist() if name in frame.columns else [None] * len(frame) for name in (
        "event_id", "event_type", "sub_event_type", "event_date", "time_precision", "date_start", "date_end",
        "geo_precision", "fatalities", "fatalities_max", "actor1", "actor2", "location", "admin1", "country",
        "place_note", "zones", "in_zones", "evidence", "mentions", "background",
    )}
    type_names = legend_order({(columns["event_type"][i] or "Other") for i in rows})
    type_index = {name: n for n, name in enumerate(type_names)}
    icons = json.loads(assets.web_file("icons.json"))
    types = []
    for name in type_names:
        style = style_for(name)
        types.append({"name": name, "color": style.color, "icon": style.icon})
    used_icons = {t["icon"] for t in types} | {event_types.fallback().icon}
    sel = [int(i) for i in rows]

    def col(name: str) -> list[Any]:
        values = columns[name]
        return [values[i] for i in sel]

    def interned(name: str) -> list[int]:
        return [strings(v) for v in col(name)]

    out: dict[str, list[Any]] = {
        "id": [str(v or "") for v in col("event_id")],
        "lat": np.round(ys[rows], COORD_DIGITS).tolist(),
        "lon": np.round(xs[rows], COORD_DIGITS).tolist(),
        "t": [type_index[v or "Other"] for v in col("event_type")],
        "sub": interned("sub_event_type"),
    }
    days = [_day(v) for v in col("event_date")]
    starts = [_day(v) for v in col("date_start")]
    ends = [_day(v) for v in col("date_end")]
    out["dd"] = days
    out["da"] = [d - a if d is not None and a is not None else 0 for d, a in zip(days, starts, strict=True)]
    out["db"] = [b - d if d is not None and b is not None else 0 for d, b in zip(days, ends, strict=True)]
    for key, name in (("tp", "time_precision"), ("gp", "geo_precision"), ("f0", "fatalities"),
                      ("f1", "fatalities_max")):
        out[key] = [_int(v) for v in col(name)]
    for key, name in (("a1", "actor1"), ("a2", "actor2"), ("loc", "location")):
        out[key] = interned(name)
    out["adm"] = [strings(", ".join(str(v) for v in pair if v))
                  for pair in zip(col("admin1"), col("country"), strict=True)]
    out["note"] = interned("place_note")
    # 1 = every report mentions the event only in passing, as background to later news
    out["bg"] = [1 if value is True or value == 1 else 0 for value in col("background")]
    out["zin"], out["ztx"] = [], []
    for in_zones, said in zip(col("in_zones"), col("zones"), strict=True):
        inside = _list(in_zones)
        out["zin"].append([strings(z) for z in inside])
        out["ztx"].append([strings(z) for z in _list(said) if z not in inside])
    out["ev"] = [[strings(e) for e in _list(evidence) if e] for evidence in col("evidence")]
    out["src"] = []
    for mentions in col("mentions"):
        sources = []
        for mention in _list(mentions):
            if not isinstance(mention, dict):
                continue
            source = [
                strings(mention.get("source") or mention.get("article")),
                strings(mention.get("url")),
                strings(mention.get("title")),
                strings(mention.get("published")),
                _int(mention.get("fatalities")),
            ]
            while source and source[-1] in (0, None):  # trailing blanks dropped: smaller file
                source.pop()
            sources.append(source)
        out["src"].append(sources)
    bounds = _bounds(xs[placed], ys[placed], zones)
    counts = [0] * len(types)
    for t in out["t"]:
        counts[t] += 1
    payload: dict[str, Any] = {
        "version": 1,
        "title": title,
        "types": [{**t, "count": c} for t, c in zip(types, counts, strict=True)],
        "icons": {name: icons[name] for name in sorted(used_icons) if name in icons},
        "events": out,
        "strings": strings.values,
        "unplaced": int(len(frame) - len(rows)),
        "zones": [zone.to_feature() for zone in zones] + [
            {"type": "Feature", "geometry": json.loads(shapely.to_geojson(zone.line)),
             "properties": {"name": zone.name, "kind": "line-axis", "style": zone.to_feature()["properties"]
                            ["style"]}}
            for zone in zones if zone.line is not None
        ],
        "uncertaintyKm": {str(k): v for k, v in UNCERTAINTY_KM.items()},
        "clusterThreshold": cluster_threshold,
        "tiles": TILE_LAYERS if tiles else [],
        "bounds": bounds,
        "basemapCredit": _basemap_credit() if basemap else "",
    }
    return payload


def _gzip_base64(text: str) -> str:
    """Deterministic gzip (no timestamp) of the JSON, base64-encoded (no character that HTML cares about)."""
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii")


def _bounds(xs: Any, ys: Any, zones: Sequence[Zone]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around every event and zone, or None for an empty map."""
    lons = [float(x) for x in xs]
    lats = [float(y) for y in ys]
    for zone in zones:
        west, south, east, north = zone.geometry.bounds
        lons += [west, east]
        lats += [south, north]
    if not lons:
        return None
    return [[round(min(lats), 4), round(min(lons), 4)], [round(max(lats), 4), round(max(lons), 4)]]


@functools.lru_cache(maxsize=2)
def _basemap_block(compressed: bool) -> str | None:
    """Country borders for the offline vector basemap, as block text (None without the basemap module).

    Serialised (and compressed) once per process: the borders are the same in every map.
    """
    try:
        from incidentmap.basemap import countries_geojson
    except ImportError:
        return None
    data = countries_geojson()
    borders = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": feature["geometry"], "properties": {}}
            for feature in data["features"]
        ],
    }
    text = safe_json(borders)
    return _gzip_base64(text) if compressed else text


def _basemap_credit() -> str:
    try:
        from incidentmap.basemap import CREDIT
    except ImportError:
        return ""
    return CREDIT


# ---------------------------------------------------------------------------------------------- map


def _zones_arg(zones: Any) -> list[Zone]:
    if zones is None:
        return load_zones()
    result: list[Zone] = []
    for item in zones if isinstance(zones, Iterable) and not isinstance(zones, (str, Path)) else [zones]:
        if isinstance(item, Zone):
            result.append(item)
        else:
            result.extend(read_zones(item))
    return result


def build_map(
    events: Any,
    zones: Any = None,
    title: str | None = None,
    *,
    tiles: bool = True,
    basemap: bool = True,
    cluster_threshold: int = CLUSTER_THRESHOLD,
    width: str = "100%",
    height: str = "100%",
    map_id: str | None = None,
    compress: bool | None = None,
) -> IncidentMap:
    """The interactive map of `events` with `zones`.

    events: the GeoDataFrame of `incidentmap.events.events_frame` (one row per event; rows without a point
        are counted, not drawn), or a list of `Event` / `Incident`.
    zones: None for the default zones (At Tanf), else a list of `Zone` and/or GeoJSON paths (pass
        `load_zones([...])` to get the defaults plus user files). Every event is tested against every zone.
    title: shown on the map and as the page title.
    tiles: offer online tile layers in the layer switcher (off by default; the offline borders are always
        drawn beneath them). basemap: draw the offline country borders.
    cluster_threshold: above this many events shown at once, nearby markers merge into grid clusters.
    width/height: CSS size of the map (use a fixed height such as "600px" for report fragments).
    map_id: prefix of every element id in the page; defaults to a hash of the content, so the same inputs
        give the same file and two different maps on one page never share ids.
    compress: store the data gzip-compressed (base64); None = only when it exceeds COMPRESS_ABOVE bytes.
    """
    zone_list = _zones_arg(zones)
    frame = annotate(_as_frame(events), zone_list)
    title = title or ""
    payload = _payload(frame, zone_list, title, tiles, basemap, cluster_threshold)
    data = safe_json(payload)
    map_id = map_id or "imap" + hashlib.sha1(data.encode("utf-8")).hexdigest()[:10]
    if not map_id.replace("_", "").isalnum():
        raise ValueError(f"map_id must be letters, digits and underscores, got {map_id!r}")
    bounds = payload["bounds"]
    centre = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2] if bounds else [20, 20]
    m = IncidentMap(
        location=centre,
        zoom_start=6 if bounds else 2,
        tiles=None,
        control_scale=True,
        width=width,
        height=height,
    )
    m.imap_id = map_id
    m.imap_title = title
    compressed = bool(compress or (compress is None and len(data) > COMPRESS_ABOVE))
    if compressed:
        data = _gzip_base64(data)
    borders = _basemap_block(compressed) if basemap else None
    m.add_child(_EventsLayer(map_id, data, borders, compressed), name="imap_events")
    return m


# ---------------------------------------------------------------------------------------------- output


def _assign_ids(m: IncidentMap) -> None:
    """Replace branca's random element ids by `<map_id>_<n>` in tree order, so output is reproducible."""
    figure = m.get_root()
    counter = 0

    def walk(element: Element) -> None:
        nonlocal counter
        element._id = f"{m.imap_id}_{counter}"
        counter += 1
        for child in list(element._children.values()):
            walk(child)

    walk(figure)
    if isinstance(figure, Figure):
        for part in (figure.header, figure.html, figure.script):
            walk(part)


def _prepare(m: IncidentMap, fragment: bool) -> Figure:
    figure = m.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("the map is not attached to a figure")
    m.fragment = fragment
    _assign_ids(m)
    figure.header.add_child(
        _Raw('<meta name="viewport" content="width=device-width, initial-scale=1.0" />'), name="imap_viewport"
    )
    figure.header.add_child(_Raw(f"<title>{html.escape(m.imap_title or 'incidentmap')}</title>"),
                            name="imap_title")
    return figure


def render_html(m: IncidentMap) -> str:
    """The complete standalone page: every script and style inline, no network needed, reproducible."""
    figure = _prepare(m, fragment=False)
    return figure.render()


def render_fragment(m: IncidentMap, include_assets: bool = True) -> str:
    """An HTML block for embedding in a larger page (e.g. the report).

    Ids are prefixed with the map's `map_id` and styles apply to that id or to `imap-`/`leaflet-` classes
    only, so two fragments can share a page; pass `include_assets=False` for every fragment after the first
    (Leaflet and the map script are then loaded once). Give the map a fixed `height` in `build_map`.
    """
    figure = _prepare(m, fragment=True)
    for child in figure._children.values():
        child.render()
    skip = {"meta_http", "imap_viewport", "imap_title"} | (set() if include_assets else {"imap_assets"})
    head = "\n".join(child.render() for name, child in figure.header._children.items() if name not in skip)
    body = figure.html.render()
    script = figure.script.render()
    return (
        f'<div class="imap-fragment" id="{m.imap_id}">\n{head}\n{body}\n'
        f"<script>\n(function () {{\n{script}\n}})();\n</script>\n</div>\n"
    )


def save_map(m: IncidentMap, path: str | Path, fragment: bool = False) -> Path:
    """Write the standalone page (or the fragment) atomically; returns the path."""
    text = render_fragment(m) if fragment else render_html(m)
    atomic_write_text(path, text)
    return Path(path)


__all__ = ["IncidentMap", "build_map", "render_fragment", "render_html", "safe_json", "save_map"]
