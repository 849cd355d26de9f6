"""Assemble every data layer into one list of records (the input of the compact index)."""

from __future__ import annotations

from pathlib import Path

from gazetteer import sources
from gazetteer.geonames_dump import read_dumps
from gazetteer.sources import Record


def build_records(extra: list[Path] | None = None, curated: Path | None = None) -> list[Record]:
    """All places: cities, regions, countries, continents, curated conflict-theatre places, zones, dumps."""
    cities = sources.load_cities()
    sources.mark_capitals(cities)
    rg_rows = sources.load_rg_rows()
    codes = sources.admin1_names(cities, rg_rows)
    for c in cities:
        c.admin1 = codes.get((c.country, c.admin1_code), "")
    regions = sources.load_regions(cities, rg_rows, codes)
    sources.load_us_states_counties(regions)
    sources.apply_admin1_points(regions)
    countries = sources.load_countries(cities)
    aliases = sources.load_country_aliases()
    for rec in countries:
        rec.names |= aliases.get(rec.country, set())
    records: list[Record] = [*cities, *regions, *countries, *sources.load_continents()]
    by_gid = {r.geonameid: r for r in records if r.geonameid is not None}

    for rec in sources.load_curated(curated or sources.CURATED_CSV):
        target = by_gid.get(rec.geonameid) if rec.geonameid is not None else None
        if target is not None and target.kind == rec.kind:
            target.names |= rec.names
            target.source = f"{target.source}; spellings: {rec.source}"
            continue
        if target is not None and rec.kind == "city":
            rec.population = max(rec.population, target.population)
        records.append(rec)
    zones, _context = sources.load_zones()
    records.extend(zones)

    if extra:
        for rec in read_dumps(extra):
            target = by_gid.get(rec.geonameid)
            if target is not None:
                target.names |= rec.names
                continue
            if rec.admin1_code:
                rec.admin1 = codes.get((rec.country, rec.admin1_code), "")
            records.append(rec)
            by_gid[rec.geonameid] = rec
    for rec in records:
        rec.prior = sources.prior_of(rec)
    return records
