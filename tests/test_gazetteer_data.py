"""Gazetteer data files: the GeoNames dump importer, one-line errors for malformed files (no index build)."""

from __future__ import annotations

import pytest

from gazetteer.errors import GazetteerDataError
from gazetteer.geonames_dump import read_dump, read_dumps
from gazetteer.lexicon import load_lexicon
from gazetteer.sources import CURATED_CSV, load_curated, load_zones


def dump_row(gid, name, alts, lat, lon, fclass, fcode, cc, pop):
    cols = [
        str(gid),
        name,
        name,
        ",".join(alts),
        str(lat),
        str(lon),
        fclass,
        fcode,
        cc,
        "",
        "01",
        "",
        "",
        "",
        str(pop),
        "",
        "350",
        "Asia/Damascus",
        "2020-01-01",
    ]
    return "\t".join(cols)


def test_importer_reads_places_kinds_and_alternate_names(tmp_path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(
        "\n".join(
            [
                dump_row(
                    9000001, "Khirbat Test", ["Khirbet Test", "خربة"], 34.9, 38.8, "P", "PPL", "SY", 120
                ),
                dump_row(9000002, "Tiyas Test Airbase", [], 34.52, 37.63, "S", "AIRB", "SY", 0),
                dump_row(9000003, "Wadi Test", [], 33.1, 39.2, "H", "STM", "SY", 0),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t9000001\ten\tKhirbit Testa\t\t\t\t\t\t\n2\t9000001\tlink\thttps://x\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    recs = read_dumps([dump, alt])
    by_id = {r.geonameid: r for r in recs}
    assert set(by_id) == {9000001, 9000002, 9000003}
    village = by_id[9000001]
    assert village.kind == "city" and village.population == 120 and village.country == "SY"
    assert {"Khirbat Test", "Khirbet Test", "Khirbit Testa"} <= village.names
    assert "خربة" not in village.names and "https://x" not in village.names  # other scripts, links skipped
    assert by_id[9000002].kind == "site" and by_id[9000003].kind == "river"


def test_malformed_dump_names_file_and_line(tmp_path) -> None:
    dump = tmp_path / "XX.txt"
    dump.write_text(
        dump_row(1, "Good", [], 1.0, 2.0, "P", "PPL", "XX", 5)
        + "\n"
        + dump_row(2, "Bad", [], "north", 2.0, "P", "PPL", "XX", 5)
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerDataError) as err:
        read_dump(dump)
    assert str(err.value).startswith(f"{dump}:2: ") and "\n" not in str(err.value)
    short = tmp_path / "short.txt"
    short.write_text("1\tonly\ttwo\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"short\.txt:1: expected 19"):
        read_dump(short)


def test_malformed_curated_csv_names_file_and_line(tmp_path) -> None:
    good = CURATED_CSV.read_text(encoding="utf-8").splitlines()
    header = next(line for line in good if line.startswith("id,"))
    bad = tmp_path / "places.csv"
    bad.write_text(
        "# comment\n"
        + header
        + "\n"
        + "x-ok,Okay,city,34.0,38.0,SY,,Okay,,test\n"
        + "x-bad,Bad,castle,34.0,38.0,SY,,Bad,,test\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerDataError) as err:
        load_curated(bad)
    assert str(err.value) == f"{bad}:4: kind 'castle' is not one of " + str(err.value).split("one of ")[1]
    bad.write_text(header + "\nx,Nowhere,city,95.0,38.0,SY,,,,test\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"places\.csv:2: point 95\.0"):
        load_curated(bad)
    bad.write_text(header + "\nx,No source,city,34.0,38.0,SY,,,,\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="needs a source"):
        load_curated(bad)


def test_shipped_data_is_well_formed() -> None:
    recs = load_curated()
    assert len(recs) > 50 and all(r.source for r in recs)
    ids = [r.id for r in recs]
    assert len(ids) == len(set(ids))
    names = [n for r in recs for n in r.names]
    # a shifted column (a source spilling into the aliases) would make "N" or a URL a place name
    assert all(len(n) >= 2 and "://" not in n and "Wikipedia" not in n for n in names)
    assert all(-90 <= r.lat <= 90 and -180 <= r.lon <= 180 for r in recs)
    zones, context = load_zones()
    tanf = next(z for z in zones if z.id == "at-tanf-deconfliction-zone")
    assert tanf.radius_km == 55 and "Rukban" in context[tanf.id]
    lex = load_lexicon()
    assert lex.demonyms["syrian"] == "SY" and "examiner" in lex.org_words


def test_malformed_lexicon_names_file(tmp_path) -> None:
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("function_words: [the, a\nqualifiers: [", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match=r"lexicon\.yaml:\d+: invalid YAML"):
        load_lexicon(bad)


def test_imported_dump_is_searchable_and_cached(tmp_path, monkeypatch) -> None:
    """A Gazetteer built with an extra dump finds its places; the built index is reused from the cache dir.
    The worldwide layers are swapped for empty ones so that this build takes a fraction of a second."""
    from gazetteer import build, core, sources

    monkeypatch.setattr(build.sources, "load_cities", lambda: [])
    monkeypatch.setattr(build.sources, "load_rg_rows", lambda: [])
    monkeypatch.setattr(build.sources, "load_continents", lambda: [])
    monkeypatch.setattr(core.sources, "source_files", lambda: [sources.CURATED_CSV, sources.ZONES_GEOJSON])
    dump = tmp_path / "SY.txt"
    dump.write_text(
        dump_row(9000001, "Khirbat Testiya", ["Khirbet Testiya"], 34.9, 38.8, "P", "PPL", "SY", 120) + "\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    gaz = core.Gazetteer(extra=[dump], cache_dir=cache)
    hit = gaz.lookup("Khirbet Testiya")
    assert hit and hit[0].geonameid == 9000001 and hit[0].source == "GeoNames dump SY.txt"
    assert gaz.lookup("Albukamal")[0].country == "SY"  # the curated layer is still there
    text = "Shelling hit Khirbat Testiya, a village near Palmyra and al-Tanf, on Sunday."
    assert "Khirbat Testiya" in {m.text for m in gaz.geoparse(text)}
    built = sorted(p.name for p in cache.iterdir())
    assert len(built) == 1 and built[0].startswith("gazetteer-")
    core.Gazetteer(extra=[dump], cache_dir=cache)  # same data: the index is reused, not rebuilt
    assert sorted(p.name for p in cache.iterdir()) == built
    dump.write_text(
        dump.read_text(encoding="utf-8").replace("Khirbat Testiya", "Khirbat Newname"), encoding="utf-8"
    )
    gaz = core.Gazetteer(extra=[dump], cache_dir=cache)  # changed data: a fresh index
    assert len(list(cache.iterdir())) == 2 and gaz.lookup("Khirbat Newname")


def test_damaged_or_unwritable_cache(tmp_path, monkeypatch) -> None:
    from gazetteer import build, core, sources

    monkeypatch.setattr(build.sources, "load_cities", lambda: [])
    monkeypatch.setattr(build.sources, "load_rg_rows", lambda: [])
    monkeypatch.setattr(build.sources, "load_continents", lambda: [])
    monkeypatch.setattr(core.sources, "source_files", lambda: [sources.CURATED_CSV, sources.ZONES_GEOJSON])
    cache = tmp_path / "cache"
    core.Gazetteer(cache_dir=cache)
    (folder,) = cache.iterdir()
    (folder / "lat.npy").write_bytes(b"not numpy")  # damaged: rebuilt on the next start
    assert core.Gazetteer(cache_dir=cache).lookup("Rukban")[0].kind == "camp"
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")  # a file where the cache directory should be
    with pytest.raises(GazetteerDataError, match="cannot write the gazetteer index"):
        core.Gazetteer(cache_dir=blocked / "sub")
