"""The ACLED event types and their shared style (colour, map icon, static marker), read from data.

One data file, `data/event_types.yaml`, styles the interactive map, the snapshot and the report alike.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import yaml

from incidentmap.paths import DATA_DIR

EVENT_TYPES_FILE = DATA_DIR / "event_types.yaml"


@dataclass(frozen=True)
class EventType:
    name: str
    color: str
    icon: str
    marker: str = "o"
    sub_event_types: tuple[str, ...] = field(default_factory=tuple)


def _build(record: dict) -> EventType:
    return EventType(
        name=str(record["name"]),
        color=str(record["color"]),
        icon=str(record.get("icon", "dot")),
        marker=str(record.get("marker", "o")),
        sub_event_types=tuple(record.get("sub_event_types") or ()),
    )


@functools.lru_cache(maxsize=1)
def _load() -> tuple[tuple[EventType, ...], EventType]:
    data = yaml.safe_load(EVENT_TYPES_FILE.read_text(encoding="utf-8"))
    return tuple(_build(r) for r in data["event_types"]), _build(data["fallback"])


def event_types() -> tuple[EventType, ...]:
    """The ACLED event types in their canonical (legend) order."""
    return _load()[0]


def fallback() -> EventType:
    """The style of an empty or unknown event type."""
    return _load()[1]


def style_for(name: str | None) -> EventType:
    """The style of an event type; case-insensitive, the fallback for anything unknown."""
    wanted = (name or "").strip().lower()
    for kind in event_types():
        if kind.name.lower() == wanted:
            return kind
    return fallback()


def legend_order(names: list[str] | set[str]) -> list[str]:
    """The given type names sorted as in the data file, unknown ones last (alphabetically)."""
    order = {kind.name: n for n, kind in enumerate(event_types())}
    return sorted(set(names), key=lambda n: (order.get(n, len(order)), n))
