"""Convert Natural Earth country borders (TopoJSON from the npm package `world-atlas`) to a small GeoJSON.

Run once by hand; its output `incidentmap/data/basemap/countries-50m.geojson` is committed so that maps
and snapshots have country borders without any network. Usage:

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/make_basemap.py /tmp/package/countries-50m.json \
        incidentmap/data/basemap/countries-50m.geojson

TopoJSON stores each shared border once as an "arc" (quantized, delta-encoded). We decode the arcs,
simplify each arc once (so neighbouring countries keep an identical border), then stitch rings.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shapely.geometry import LineString, mapping, shape
from shapely.validation import make_valid

# Douglas-Peucker tolerance in degrees (~0.7 km): below one screen pixel up to zoom ~8.
TOLERANCE = 0.006
DECIMALS = 3  # ~110 m
# Rings smaller than this (square degrees) are dropped after simplification (specks, not islands).
MIN_RING_AREA = 0.0005


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every arc (undo the quantization and delta encoding)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        arcs.append(points)
    return arcs


def simplify_arc(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Simplify one arc, keeping its end points so that rings still close and neighbours still meet."""
    if len(points) < 3:
        return points
    simplified = list(LineString(points).simplify(TOLERANCE, preserve_topology=False).coords)
    return simplified if len(simplified) >= 2 else [points[0], points[-1]]


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs into one ring; a negative index `~i` means arc i reversed."""
    coords: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        coords.extend(points if not coords else points[1:])
    return [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in coords]


def _ring_area(coords: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(coords, coords[1:], strict=False))) / 2


def polygon(rings: list[list[int]], arcs: list[list[tuple[float, float]]]) -> list | None:
    built = [ring(r, arcs) for r in rings]
    built = [r for r in built if len(r) >= 4 and _ring_area(r) >= MIN_RING_AREA]
    return built or None


def convert(topology: dict, object_name: str = "countries") -> dict:
    arcs = [simplify_arc(a) for a in decode_arcs(topology)]
    features = []
    for geom in topology["objects"][object_name]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [polygon(geom["arcs"], arcs)]
        elif geom["type"] == "MultiPolygon":
            polygons = [polygon(p, arcs) for p in geom["arcs"]]
        else:
            continue
        polygons = [p for p in polygons if p]
        if not polygons:
            continue
        geometry = {"type": "MultiPolygon", "coordinates": polygons}
        shp = shape(geometry)
        if not shp.is_valid:
            shp = make_valid(shp)
            geometry = mapping(shp)
        props = dict(geom.get("properties") or {})
        features.append(
            {
                "type": "Feature",
                "properties": {"id": str(geom.get("id", "")), "name": props.get("name", "")},
                "geometry": geometry,
            }
        )
    features.sort(key=lambda f: (f["properties"]["name"], f["properties"]["id"]))
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    collection = convert(topology)
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"{args.output}: {len(collection['features'])} countries, {len(text) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
