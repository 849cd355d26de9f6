"""Writers for incident mentions and events: GeoJSON (the `extract` contract), and more formats by extension.

Every writer goes through `incidentmap.atomic`, so an interrupted run never leaves a partial file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from incidentmap.atomic import atomic_open
from incidentmap.models import Incident


def incidents_geojson(incidents: Iterable[Incident]) -> dict:
    """The FeatureCollection `incidentmap extract` writes: one feature per incident mention."""
    return {"type": "FeatureCollection", "features": [i.to_feature() for i in incidents]}


def write_incidents_geojson(incidents: Iterable[Incident], path: str | Path) -> None:
    with atomic_open(path) as handle:
        json.dump(incidents_geojson(incidents), handle, ensure_ascii=False, indent=1)
        handle.write("\n")
