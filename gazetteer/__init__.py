"""Offline worldwide gazetteer and geoparser for conflict news (importable without incidentmap).

import gazetteer
gazetteer.geoparse("Strikes near At Tanf and Albukamal ...")   # -> [Mention, ...]
gazetteer.resolve(text, [(start, end), ...])                    # -> [Place | None, ...]
gazetteer.default().lookup("Deir Ezzor")                        # -> [Place, ...] best first
"""

from __future__ import annotations

import threading

from gazetteer.core import FUZZY_THRESHOLD, Gazetteer
from gazetteer.errors import GazetteerDataError
from gazetteer.model import KINDS, Mention, Place

__all__ = [
    "FUZZY_THRESHOLD",
    "KINDS",
    "Gazetteer",
    "GazetteerDataError",
    "Mention",
    "Place",
    "default",
    "geoparse",
    "lookup",
    "resolve",
]

_default: Gazetteer | None = None
_lock = threading.Lock()


def default() -> Gazetteer:
    """The shared gazetteer (built from the cache on first use)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Gazetteer()
    return _default


def geoparse(text: str, *, bias: str | None = None) -> list[Mention]:
    """Find and resolve the place mentions in `text` (bias: optional ISO2 country or region name)."""
    return default().geoparse(text, bias=bias)


def resolve(text: str, spans: list[tuple[int, int]], *, bias: str | None = None) -> list[Place | None]:
    """Resolve the given (start, end) spans of `text` in the document's context."""
    return default().resolve(text, spans, bias=bias)


def lookup(name: str) -> list[Place]:
    """Places a name may refer to, best first."""
    return default().lookup(name)
