"""Named zones (deconfliction zones, lines, user areas): loaded from GeoJSON, tested against every event.

Zones are real areas on the ground, so a "55 km around the garrison" zone is built as a geodesic circle
(distances measured on the WGS84 ellipsoid), not a circle in screen pixels that stretches with latitude.
A LineString (e.g. a deconfliction line along a river) is drawn as a line; with a `buffer_km` property it
also becomes the area within that distance of the line, and events in it are annotated like any zone.

The default zones ship with the gazetteer (`gazetteer/data/zones.geojson`); they are read by path so that
this module does not import the gazetteer package (and the gazetteer never imports incidentmap).
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

if TYPE_CHECKING:
    import geopandas as gpd

# Vertices of a geodesic circle; 128 keeps a 55 km circle within ~10 m of the true curve.
CIRCLE_VERTICES = 128
DEFAULT_STYLE = {"color": "#444444", "weight": 2, "fillOpacity": 0.06}
# CRS names that mean plain longitude/latitude on WGS84 (the only thing GeoJSON allows since RFC 7946).
WGS84_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:ogc::crs84",
    "urn:ogc:def:crs:epsg::4326",
    "urn:ogc:def:crs:epsg:6.6:4326",
    "epsg:4326",
    "crs84",
}
STYLE_KEYS = {"color", "weight", "opacity", "fillColor", "fillOpacity", "dashArray"}


class ZoneError(ValueError):
    """A zone file that cannot be used; the message is one line naming the file and the feature."""


@dataclass
class Zone:
    """One named zone: its area (or line) in WGS84 lon/lat, how to draw it, and where it came from."""

    name: str
    geometry: BaseGeometry  # Polygon/MultiPolygon for areas; LineString/MultiLineString for bare lines
    kind: str  # "circle", "polygon", "line"
    style: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    description: str = ""
    source: str = ""  # the file it was read from
    radius_km: float | None = None
    buffer_km: float | None = None
    line: BaseGeometry | None = None  # the original line of a buffered line zone, drawn on the map

    @property
    def is_area(self) -> bool:
        """Whether events can fall inside it (a bare line has no inside)."""
        return self.geometry.geom_type in ("Polygon", "MultiPolygon")

    def to_feature(self) -> dict[str, Any]:
        """GeoJSON feature for the map: the area (or bare line), with name, kind and style."""
        props = {
            "name": self.name,
            "id": self.id,
            "kind": self.kind,
            "description": self.description,
            "style": {**DEFAULT_STYLE, **self.style},
        }
        if self.radius_km is not None:
            props["radius_km"] = self.radius_km
        if self.buffer_km is not None:
            props["buffer_km"] = self.buffer_km
        return {"type": "Feature", "geometry": _rounded(mapping(self.geometry)), "properties": props}


def _rounded(geometry: dict[str, Any], digits: int = 5) -> dict[str, Any]:
    """Coordinates rounded (1 m) so the map file is small and identical across platforms."""

    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], (int, float)):
                return [round(float(v), digits) for v in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def geodesic_circle(lon: float, lat: float, radius_km: float, vertices: int = CIRCLE_VERTICES) -> Polygon:
    """The polygon of points `radius_km` from (lon, lat) along the WGS84 ellipsoid."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    azimuths = [360.0 * i / vertices for i in range(vertices)]
    lons, lats, _ = geod.fwd([lon] * vertices, [lat] * vertices, azimuths, [radius_km * 1000.0] * vertices)
    ring = [(float(x), float(y)) for x, y in zip(lons, lats, strict=True)]
    return Polygon(ring + [ring[0]])


def geodesic_buffer(geometry: BaseGeometry, distance_km: float) -> BaseGeometry:
    """Area within `distance_km` of a line, buffered in a local azimuthal equidistant projection."""
    import shapely
    from pyproj import CRS, Transformer

    centre = geometry.centroid
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m")
    forward = Transformer.from_crs("EPSG:4326", local, always_xy=True).transform
    back = Transformer.from_crs(local, "EPSG:4326", always_xy=True).transform
    projected = shapely.transform(geometry, lambda x, y: forward(x, y), interleaved=False)
    area = projected.buffer(distance_km * 1000.0, quad_segs=16)
    return shapely.transform(area, lambda x, y: back(x, y), interleaved=False)


def _check_crs(data: dict[str, Any], where: str) -> None:
    crs = data.get("crs")
    if not crs:
        return
    name = str((crs.get("properties") or {}).get("name", "")) if isinstance(crs, dict) else str(crs)
    if name.strip().lower() not in WGS84_NAMES:
        raise ZoneError(f"{where}: CRS {name or crs!r} is not WGS84 longitude/latitude (EPSG:4326/CRS84)")


def _check_coordinates(value: Any, where: str) -> None:
    """Every position must be [lon, lat] numbers within range."""
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
        if len(value) < 2 or not all(isinstance(v, (int, float)) and math.isfinite(v) for v in value[:2]):
            raise ZoneError(f"{where}: bad position {value!r}")
        lon, lat = value[0], value[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ZoneError(f"{where}: coordinates out of range (lon {lon}, lat {lat}); not WGS84 lon/lat")
        return
    if not isinstance(value, (list, tuple)) or not value:
        raise ZoneError(f"{where}: missing or empty coordinates")
    for item in value:
        _check_coordinates(item, where)


def _number(props: dict[str, Any], key: str, where: str) -> float | None:
    if props.get(key) in (None, ""):
        return None
    try:
        value = float(props[key])
    except (TypeError, ValueError):
        raise ZoneError(f"{where}: {key} must be a number, got {props[key]!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise ZoneError(f"{where}: {key} must be a positive number of kilometres, got {props[key]!r}")
    return value


def _is_colour(value: str) -> bool:
    """#rgb/#rrggbb(aa) or a CSS colour name: what both Leaflet and the static map (matplotlib) can draw."""
    if re.fullmatch(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})", value):
        return True
    from matplotlib.colors import CSS4_COLORS

    return value.lower() in CSS4_COLORS


def _style(props: dict[str, Any], where: str = "") -> dict[str, Any]:
    """Leaflet path style from a `style` object and/or simplestyle-spec keys (`stroke`, `fill`, ...)."""
    style: dict[str, Any] = {}
    simple = {"stroke": "color", "stroke-width": "weight", "stroke-opacity": "opacity", "fill": "fillColor",
              "fill-opacity": "fillOpacity"}
    for key, target in simple.items():
        if key in props:
            style[target] = props[key]
    raw = props.get("style")
    if isinstance(raw, dict):
        style.update({k: v for k, v in raw.items() if k in STYLE_KEYS})
    clean: dict[str, Any] = {}
    for key, value in style.items():
        if key in ("weight", "opacity", "fillOpacity"):
            try:
                clean[key] = float(value)
            except (TypeError, ValueError):
                continue
        else:
            clean[key] = str(value)
            if key in ("color", "fillColor") and not _is_colour(clean[key].strip()):
                raise ZoneError(f"{where}: {key} {clean[key]!r} is not a colour (#rrggbb or a CSS name)")
    return clean


def zone_from_feature(feature: Any, source: str = "", index: int = 0) -> Zone:
    """Build a Zone from one GeoJSON feature; raises ZoneError naming the file and the feature."""
    label = f"{source or '<zones>'}: feature {index + 1}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ZoneError(f"{label}: not a GeoJSON Feature")
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        raise ZoneError(f"{label}: properties must be an object")
    name = str(props.get("name") or props.get("id") or "").strip()
    where = f"{label} ({name})" if name else label
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or not geometry.get("type"):
        raise ZoneError(f"{where}: no geometry")
    kind_name = geometry["type"]
    if kind_name not in ("Point", "Polygon", "MultiPolygon", "LineString", "MultiLineString"):
        raise ZoneError(
            f"{where}: unsupported geometry {kind_name!r} "
            "(use Polygon, MultiPolygon, LineString, MultiLineString, or Point with radius_km)"
        )
    _check_coordinates(geometry.get("coordinates"), where)
    if not name:
        name = f"{Path(source).stem or 'zone'} {index + 1}"
    try:
        geom = shape(geometry)
    except Exception as exc:  # shapely raises several types for malformed rings
        raise ZoneError(f"{where}: invalid {kind_name}: {exc}") from None
    style = _style(props, where)
    common = {
        "name": name,
        "style": style,
        "id": str(props.get("id") or ""),
        "description": str(props.get("description") or ""),
        "source": source,
    }
    if kind_name == "Point":
        radius = _number(props, "radius_km", where)
        if radius is None:
            raise ZoneError(f"{where}: a Point zone needs a radius_km property")
        circle = geodesic_circle(geom.x, geom.y, radius)
        return Zone(geometry=circle, kind="circle", radius_km=radius, **common)
    if kind_name in ("LineString", "MultiLineString"):
        if geom.is_empty or geom.length == 0:
            raise ZoneError(f"{where}: the line has no length")
        buffer_km = _number(props, "buffer_km", where)
        if buffer_km is None:
            return Zone(geometry=geom, kind="line", **common)
        return Zone(geometry=geodesic_buffer(geom, buffer_km), kind="line", buffer_km=buffer_km, line=geom,
                    **common)
    if not geom.is_valid:
        from shapely import make_valid

        geom = make_valid(geom)
        areas = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, (Polygon, MultiPolygon))]
        if not areas:
            raise ZoneError(f"{where}: the polygon encloses no area")
        geom = areas[0] if len(areas) == 1 else MultiPolygon(
            [p for a in areas for p in getattr(a, "geoms", [a])]
        )
    if geom.is_empty or geom.area == 0:
        raise ZoneError(f"{where}: the polygon encloses no area")
    return Zone(geometry=geom, kind="polygon", **common)


def read_zones(path: str | Path) -> list[Zone]:
    """Zones from a GeoJSON file (FeatureCollection, Feature, or bare geometry); ZoneError when unusable."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ZoneError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ZoneError(f"{path}: not UTF-8 text") from None
    except OSError as exc:  # a directory, no permission, ...
        raise ZoneError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})") from None
    except json.JSONDecodeError as exc:
        raise ZoneError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise ZoneError(f"{path}: not a GeoJSON object")
    _check_crs(data, str(path))
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise ZoneError(f"{path}: FeatureCollection without a features list")
    elif kind == "Feature":
        features = [data]
    elif kind in ("Point", "Polygon", "MultiPolygon", "LineString", "MultiLineString"):
        features = [{"type": "Feature", "geometry": data, "properties": {}}]
    else:
        raise ZoneError(f"{path}: not GeoJSON (type {kind!r})")
    if not features:
        raise ZoneError(f"{path}: no features")
    return [zone_from_feature(feature, str(path), n) for n, feature in enumerate(features)]


def default_zones_file() -> Path:
    """Where the gazetteer keeps its named zones (found without importing the gazetteer)."""
    spec = importlib.util.find_spec("gazetteer")
    folders = list(spec.submodule_search_locations or []) if spec else []
    folders.append(str(Path(__file__).resolve().parent.parent / "gazetteer"))
    for folder in folders:
        candidate = Path(folder) / "data" / "zones.geojson"
        if candidate.is_file():
            return candidate
    raise ZoneError("gazetteer/data/zones.geojson: not found (is the gazetteer package installed?)")


def default_zones() -> list[Zone]:
    """The zones that ship with the project (the 55 km At Tanf deconfliction zone)."""
    return read_zones(default_zones_file())


def load_zones(paths: list[str | Path] | None = None, defaults: bool = True) -> list[Zone]:
    """The default zones followed by the zones of each user file; later zones replace same-named ones."""
    zones = default_zones() if defaults else []
    for path in paths or []:
        zones.extend(read_zones(path))
    by_name: dict[str, Zone] = {}
    for zone in zones:
        by_name.pop(zone.name, None)
        by_name[zone.name] = zone
    return list(by_name.values())


def zones_containing(lons: Any, lats: Any, zones: list[Zone]) -> list[list[str]]:
    """For each (lon, lat), the names of the zones it falls in (boundary counts as inside); vectorised."""
    import numpy as np
    import shapely

    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    result: list[list[str]] = [[] for _ in range(len(lons))]
    placed = np.isfinite(lons) & np.isfinite(lats)
    for zone in zones:
        if not zone.is_area:
            continue
        shapely.prepare(zone.geometry)
        inside = np.zeros(len(lons), dtype=bool)
        inside[placed] = shapely.intersects_xy(zone.geometry, lons[placed], lats[placed])
        for n in np.flatnonzero(inside):
            result[n].append(zone.name)
    return result


def annotate(events: gpd.GeoDataFrame, zones: list[Zone] | None = None) -> gpd.GeoDataFrame:
    """A copy of an events frame with `in_zones` (zones each event's point falls in) and `zones` extended.

    `zones` keeps what the text said (e.g. "inside the deconfliction zone") and adds the geometric result,
    so exports and popups show both; `in_zones` holds only the geometric test.
    """
    import numpy as np
    import shapely

    zones = default_zones() if zones is None else zones
    frame = events.copy()
    geometries = np.asarray(frame.geometry.values, dtype=object)
    lons, lats = shapely.get_x(geometries), shapely.get_y(geometries)  # NaN for missing or empty
    inside = zones_containing(lons, lats, zones)
    existing = frame["zones"] if "zones" in frame.columns else [[] for _ in range(len(frame))]
    frame["in_zones"] = inside
    frame["zones"] = [
        sorted(set(_as_list(old)) | set(new)) for old, new in zip(existing, inside, strict=True)
    ]
    return frame


def _as_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v) for v in value]


__all__ = [
    "Zone",
    "ZoneError",
    "annotate",
    "default_zones",
    "geodesic_circle",
    "load_zones",
    "read_zones",
    "zones_containing",
]
