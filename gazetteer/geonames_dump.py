"""Importer for GeoNames dump files, so a user can extend coverage offline.

`XX.txt` / `allCountries.txt` / `cities*.txt` are tab-separated with 19 columns (geonameid, name, asciiname,
alternatenames, latitude, longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
admin3 code, admin4 code, population, elevation, dem, timezone, modification date). `alternateNamesV2.txt`
(alternateNameId, geonameid, isolanguage, alternate name, isPreferredName, isShortName, isColloquial,
isHistoric, from, to) optionally adds spellings. Download them yourself from download.geonames.org and point
`$INCIDENTMAP_GEONAMES` (paths separated by the OS path separator) or `Gazetteer(extra=[...])` at them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gazetteer.errors import GazetteerDataError
from gazetteer.sources import Record, usable_name

# GeoNames feature class/code -> our kind; the first match wins (code, then class).
_KIND_BY_CODE = {
    "PCLI": "country",
    "PCLD": "country",
    "PCLF": "country",
    "PCLIX": "country",
    "PCLS": "country",
    "ADM1": "admin1",
    "ADM1H": "admin1",
    "ADM2": "admin2",
    "ADM2H": "admin2",
    "ADM3": "admin2",
    "CONT": "continent",
    "AIRB": "site",
    "AIRF": "site",
    "AIRP": "site",
    "MILB": "site",
    "INSM": "site",
    "DAM": "site",
    "BDG": "site",
    "PSTB": "crossing",
    "PSTC": "crossing",
    "CMPRF": "camp",
    "CMP": "camp",
    "CMPMN": "camp",
    "STM": "river",
    "STMI": "river",
    "RD": "road",
    "RDJCT": "road",
    "TRL": "road",
    "DSRT": "region",
    "VAL": "region",
    "VALS": "region",
    "RGN": "region",
    "PLN": "region",
    "AREA": "region",
    "PEN": "region",
    "MTS": "region",
    "ISL": "region",
    "ISLS": "region",
    "OAS": "region",
}
_KIND_BY_CLASS = {
    "P": "city",
    "A": "admin2",
    "H": "region",
    "T": "region",
    "L": "region",
    "S": "site",
    "R": "road",
    "V": "region",
    "U": "region",
}
_SKIP_LANGS = {"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "fr_1793", "tcid"}


def kind_of(feature_class: str, feature_code: str) -> str:
    return _KIND_BY_CODE.get(feature_code) or _KIND_BY_CLASS.get(feature_class, "site")


def read_dump(path: Path | str, alternate_names: Path | str | None = None) -> list[Record]:
    """Records for every row of a GeoNames dump; a malformed row raises GazetteerDataError(path, line)."""
    path = Path(path)
    out: list[Record] = []
    by_id: dict[int, Record] = {}
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise GazetteerDataError(path, None, exc.strerror or str(exc)) from None
    with fh:
        for lineno, line in enumerate(fh, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 15:
                raise GazetteerDataError(
                    path, lineno, f"expected 19 tab-separated GeoNames columns, got {len(cols)}"
                )
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError:
                raise GazetteerDataError(
                    path, lineno, "geonameid, latitude, longitude and population must be numbers"
                ) from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise GazetteerDataError(path, lineno, f"point {lat}, {lon} is outside the globe")
            fclass, fcode = cols[6], cols[7]
            names = {n for n in [cols[1], cols[2], *cols[3].split(",")] if usable_name(n)}
            names.add(cols[1])
            rec = Record(
                id=f"gn:{gid}",
                name=cols[1],
                lat=lat,
                lon=lon,
                kind=kind_of(fclass, fcode),
                country=cols[8],
                population=pop,
                geonameid=gid,
                source=f"GeoNames dump {path.name}",
                feature=fcode,
                names=names,
                admin1_code=cols[10],
            )
            out.append(rec)
            by_id[gid] = rec
    if alternate_names:
        add_alternate_names(by_id, Path(alternate_names))
    return out


def add_alternate_names(by_id: dict[int, Record], path: Path) -> None:
    """Add alternateNamesV2.txt spellings (skipping links, postcodes and airport codes) to known places."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise GazetteerDataError(path, None, exc.strerror or str(exc)) from None
    with fh:
        for lineno, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                raise GazetteerDataError(path, lineno, f"expected alternateNamesV2 columns, got {len(cols)}")
            try:
                gid = int(cols[1])
            except ValueError:
                raise GazetteerDataError(path, lineno, f"geonameid {cols[1]!r} is not a number") from None
            rec = by_id.get(gid)
            if rec is not None and cols[2] not in _SKIP_LANGS and usable_name(cols[3]):
                rec.names.add(cols[3])


def read_dumps(paths: Iterable[Path | str]) -> list[Record]:
    """Read several dumps; an `alternateNames*.txt` among them adds spellings to the others."""
    paths = [Path(p) for p in paths]
    alt = [p for p in paths if p.name.lower().startswith("alternatenames")]
    out: list[Record] = []
    for p in paths:
        if p not in alt:
            out.extend(read_dump(p))
    if alt:
        by_id = {r.geonameid: r for r in out if r.geonameid is not None}
        for a in alt:
            add_alternate_names(by_id, a)
    return out
