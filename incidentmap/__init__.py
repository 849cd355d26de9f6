"""incidentmap: conflict news in, a mapped, dated, sourced ACLED-style incident dataset out.

Public API (imported lazily so that `import incidentmap` stays fast):

- `extract(paths, ...)` -> GeoDataFrame of incident mentions (one row per mention, `event_id` shared)
- `load(...)` -> GeoDataFrame of merged events, ready for maps and exports
- `build_map(events, ...)` -> folium.Map
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "extract": "incidentmap.pipeline",
    "load": "incidentmap.pipeline",
    "build_map": "incidentmap.webmap",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'incidentmap' has no attribute {name!r}")


__all__ = ["extract", "load", "build_map", "__version__"]
