"""The records that flow between pipeline stages.

articles -> text -> place mentions -> incidents (mentions) -> merged events -> map / exports

Each stage module takes and returns these dataclasses, so stages can be tested and replaced one at a
time. `Incident.to_feature` / `Incident.from_feature` define the GeoJSON contract that `extract`
writes and `build`, `report`, `export` read back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

# ACLED time_precision: 1 = the day is known, 2 = the week (or a few days), 3 = the month or vaguer.
TIME_DAY, TIME_WEEK, TIME_MONTH = 1, 2, 3
# ACLED geo_precision: 1 = the town itself, 2 = near a town / part of a region, 3 = only the region.
GEO_TOWN, GEO_NEAR, GEO_REGION = 1, 2, 3


@dataclass
class Article:
    """One input document after reading, before any analysis."""

    id: str  # the input file's name, or the record's `id` for JSON/JSONL/CSV records
    text: str  # body text (title excluded)
    title: str = ""
    published: dt.date | None = None
    source: str = ""  # the outlet, e.g. "reuters.com"
    url: str = ""
    path: str = ""  # where it was read from (file path, with ":line" for record files)
    warnings: list[str] = field(default_factory=list)  # non-fatal reader notes (e.g. bad UTF-8 replaced)


@dataclass
class Sentence:
    """A sentence of an article with its character offsets in `Article.text`."""

    text: str
    start: int
    end: int
    index: int = 0  # position of the sentence in the article


@dataclass
class Incident:
    """One mention of an incident in one article: what, when, where, who, toll, and the sentence."""

    article: str
    evidence: str  # an exact sentence of the article's text
    event_type: str
    sub_event_type: str
    event_date: dt.date | None = None
    time_precision: int = TIME_MONTH
    date_text: str = ""  # the words the date came from ("on Tuesday", "May 18", "publication date")
    background: bool = False  # an old event mentioned for context ("last year", "in February")
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = GEO_REGION
    place_note: str = ""  # how the place was chosen ("named in the clause", "article's main place", ...)
    country: str = ""
    admin1: str = ""
    zones: list[str] = field(default_factory=list)  # named zones the text puts it in, or it falls in
    actor1: str | None = None
    actor2: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    event_id: str = ""
    mention_id: str = ""  # "<article>#<n>", stable for the same input
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    title: str = ""
    sentence_start: int = 0  # offsets of `evidence` in the article text
    sentence_end: int = 0
    sources: list[str] = field(default_factory=list)  # every outlet reporting the event (filled on merge)
    notes: str = ""

    def to_properties(self) -> dict[str, Any]:
        """JSON-ready properties (dates as ISO strings)."""
        props = asdict(self)
        for key in ("event_date", "published"):
            value = props[key]
            props[key] = value.isoformat() if value else None
        props.pop("latitude")
        props.pop("longitude")
        return props

    def to_feature(self) -> dict[str, Any]:
        """A GeoJSON Point feature (geometry null when the incident could not be placed)."""
        geometry = None
        if self.latitude is not None and self.longitude is not None:
            geometry = {"type": "Point", "coordinates": [round(self.longitude, 6), round(self.latitude, 6)]}
        return {"type": "Feature", "geometry": geometry, "properties": self.to_properties()}

    @classmethod
    def from_feature(cls, feature: dict[str, Any]) -> Incident:
        """Inverse of `to_feature`; unknown properties are ignored, missing ones take defaults."""
        props = dict(feature.get("properties") or {})
        names = set(cls.__dataclass_fields__)
        kwargs = {k: v for k, v in props.items() if k in names}
        for key in ("event_date", "published"):
            if kwargs.get(key):
                kwargs[key] = dt.date.fromisoformat(str(kwargs[key])[:10])
                if not 1000 <= kwargs[key].year <= 3000:  # date arithmetic near year 1 or 9999 overflows
                    raise ValueError(f"{key} {kwargs[key].isoformat()} is out of range (years 1000-3000)")
            else:
                kwargs[key] = None
        for key in ("zones", "sources"):
            value = kwargs.get(key)
            if isinstance(value, str):
                kwargs[key] = [v.strip() for v in value.split(";") if v.strip()]
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point" and geometry.get("coordinates"):
            kwargs["longitude"], kwargs["latitude"] = (float(c) for c in geometry["coordinates"][:2])
        kwargs.setdefault("article", "")
        kwargs.setdefault("evidence", "")
        kwargs.setdefault("event_type", "")
        kwargs.setdefault("sub_event_type", "")
        return cls(**kwargs)


@dataclass
class Event:
    """One real-world event: the merge of every mention that reports it."""

    event_id: str
    mentions: list[Incident]

    @property
    def lead(self) -> Incident:
        """The mention that speaks for the event: most precise place, then most precise date."""
        return min(
            self.mentions, key=lambda m: (m.geo_precision, m.time_precision, m.background, m.mention_id)
        )

    @property
    def fatalities_range(self) -> tuple[int, int] | None:
        """(lowest, highest) reported toll, or None when no mention gives one."""
        values = [m.fatalities for m in self.mentions if m.fatalities is not None]
        return (min(values), max(values)) if values else None

    @property
    def sources(self) -> list[str]:
        return sorted({m.source or m.article for m in self.mentions})


@dataclass
class Skipped:
    """An input (file, or one record/line of it) that was not used, and why. Never silent."""

    path: str
    reason: str  # short machine-friendly reason: "binary", "empty", "bad json", "too large", ...
    line: int | None = None
    detail: str = ""

    def message(self) -> str:
        """The one-line message shown to the user: `file:line: reason (detail)`."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: skipped, {self.reason}" + (f" ({self.detail})" if self.detail else "")
        return " ".join(text.splitlines())  # a CSV header or a file name may hold a line break
