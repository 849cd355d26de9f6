"""Offline country borders (Natural Earth 1:50m via world-atlas), for the map's vector basemap and snapshots.

A map that must open without a network cannot rely on tile servers for its sense of place; these borders
are bundled once (see scripts/make_basemap.py and data/basemap/README.md) and read from disk.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import TYPE_CHECKING, Any

from incidentmap.paths import DATA_DIR

if TYPE_CHECKING:
    import geopandas as gpd

BASEMAP_DIR = DATA_DIR / "basemap"
COUNTRIES_FILE = BASEMAP_DIR / "countries-50m.geojson"
CREDIT = "Borders: Natural Earth (public domain), via world-atlas"


@functools.lru_cache(maxsize=1)
def _countries_geojson() -> dict[str, Any]:
    return json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))


def countries_geojson() -> dict[str, Any]:
    """Country borders as a GeoJSON FeatureCollection (properties: `id` ISO 3166 numeric, `name`).

    Parsed once per process; callers get their own copy so they can annotate it freely.
    """
    return copy.deepcopy(_countries_geojson())


@functools.lru_cache(maxsize=1)
def _countries_frame() -> gpd.GeoDataFrame:
    import geopandas as gpd

    return gpd.GeoDataFrame.from_features(_countries_geojson()["features"], crs="EPSG:4326")


def countries() -> gpd.GeoDataFrame:
    """Country borders as a GeoDataFrame in EPSG:4326 (columns `id`, `name`, `geometry`)."""
    return _countries_frame().copy()
