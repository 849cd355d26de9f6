"""The records the gazetteer hands out: a `Place` (one entry) and a `Mention` (a place found in text)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = (
    "continent",
    "country",
    "admin1",
    "admin2",
    "city",
    "site",
    "crossing",
    "camp",
    "region",
    "river",
    "road",
    "zone",
)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. `kind` is one of KINDS; `country` is ISO-3166 alpha-2 ('' if none)."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str = ""
    admin1: str = ""
    population: int = 0
    geonameid: int | None = None
    source: str = ""
    radius_km: float | None = None
    feature: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Mention:
    """A place name found in (or handed over from) a text, with the place chosen for it and the runner-ups.

    `name, lat, lon, kind, country` repeat the chosen `place`'s fields for convenience. `score` (0..1) is the
    chosen place's share of the candidates' weight after context ranking; `alternatives` are the runner-ups,
    best first, so a reader can see why this place was chosen.
    """

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str
    score: float
    alternatives: list[Place] = field(default_factory=list)
    place: Place | None = None

    @classmethod
    def of(
        cls,
        start: int,
        end: int,
        text: str,
        place: Place,
        score: float,
        alternatives: list[Place] | None = None,
    ) -> Mention:
        return cls(
            start,
            end,
            text,
            place.name,
            place.lat,
            place.lon,
            place.kind,
            place.country,
            score,
            list(alternatives or []),
            place,
        )

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "kind": self.kind,
            "country": self.country,
            "score": round(self.score, 4),
            "place": self.place.to_dict() if self.place else None,
            "alternatives": [p.to_dict() for p in self.alternatives],
        }
