"""Bad input, clear words: a corpus of broken files runs to completion, every file is accounted for in the
summary, the good files' incidents are exactly those of a run without the bad files, and the exit status
follows the policy (0 when something usable was read, 1 when nothing was or on any problem with --strict,
2 for a broken zone or gazetteer file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentmap import readers
from incidentmap.cli import app

RAQQA = """Coalition jets hit eastern Raqqa

RAQQA, June 5, 2017 - Coalition aircraft struck a market in eastern Raqqa on Sunday, killing 12 civilians, \
local activists said.
"""
MOSUL = """---
title: Car bomb in Mosul
published: 2017-03-14
source: wire.example
---
A car bomb exploded near a checkpoint in western Mosul on Monday, killing four police officers.
"""
RECORDS = [
    {"id": "kirkuk-1", "title": "Gunmen attack", "published": "2018-02-08", "source": "news.example",
     "url": "https://news.example/a",
     "text": "Gunmen killed three soldiers in an ambush near Kirkuk on Tuesday."},
    {"id": "gao-1", "title": "Mine", "published": "2019-04-13", "source": "sahel.example",
     "text": "A roadside bomb struck a Malian army convoy near Gao on Friday, killing two soldiers."},
]
QUIET = "The city council met on Tuesday to discuss the water budget for next year."


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "raqqa.txt").write_text(RAQQA, encoding="utf-8")
    (folder / "mosul.md").write_text(MOSUL, encoding="utf-8")
    (folder / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")


# file name -> the one line the run must print about it (a skip, or a warning for files read with a problem)
EXPECTED = {
    "paper.txt": "paper.txt: skipped, binary (a PDF document, not text)",
    "scan.txt": "scan.txt: skipped, binary (a PNG image, not text)",
    "photo.png": "photo.png: skipped, unsupported file type (.png)",
    "latin.txt": "latin.txt: warning, invalid UTF-8 replaced: 2 sequence(s) became U+FFFD, first on line 3",
    "empty.txt": "empty.txt: skipped, empty",
    "blank.md": "blank.md: skipped, empty",
    "title-only.txt": "title-only.txt: skipped, empty (no text after the title)",
    "huge.txt": "huge.txt: skipped, too large (0.1 MB > 0.05 MB; set INCIDENTMAP_MAX_MB to allow)",
    "broken.jsonl": "broken.jsonl:2: skipped, bad json (Expecting property name enclosed in double quotes)",
    "truncated.json": "truncated.json:1: skipped, bad json",
    "nothing.json": "nothing.json: skipped, no records (the JSON holds no articles)",
    "columns.csv": "columns.csv:1: skipped, no text column",
    "header.csv": "header.csv: skipped, no records (the CSV has a header but no rows)",
    "scripts.html": "scripts.html: skipped, no main text",
    "dates.jsonl": "dates.jsonl:1: warning, published '2017-02-30' is not a valid date; ignored",
    "front.md": "front.md: warning, published '2017-02-30' is not a valid date; ignored",
    "locked.txt": "locked.txt: skipped, unreadable (Permission denied)",
    "gone.txt": "gone.txt: skipped, not found (broken link)",
    "folder.txt": "folder.txt: skipped, no articles (directory holds no supported files)",
    "manifest.csv": "manifest.csv:3: skipped, manifest row names a missing file (ghost.txt)",
}
MORE = [  # further lines for files with several problems
    "broken.jsonl:3: skipped, not a record (expected an object, got list)",
    "dates.jsonl:2: warning, published 0001-01-01 is outside 1900..tomorrow; ignored",
    "dates.jsonl:3: warning, published 2999-01-01 is outside 1900..tomorrow; ignored",
    "manifest.csv:2: published '2017-02-31' is not a valid date; ignored",
]
# articles read from the bad files: latin, 3 dated records, front.md, the good line of broken.jsonl
READ_FROM_BAD = 6


def write_bad(folder: Path) -> tuple[Path, Path]:
    """The hostile corpus in `folder`; returns a directory named .txt and a manifest (beside `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "paper.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n")
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "latin.txt").write_bytes(f"Conseil\n\nCaf\xe9 ferm\xe9. {QUIET}\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\n\t\n")
    (folder / "title-only.txt").write_text("Just a headline\n")
    (folder / "huge.txt").write_text("Big\n\n" + QUIET * 1500)
    (folder / "broken.jsonl").write_text(
        json.dumps({"id": "calm-1", "text": QUIET, "published": "2018-01-02"}) + "\n{broken\n[1, 2]\n"
    )
    (folder / "truncated.json").write_text('{"id": "t", "text": "Jets bombed')
    (folder / "nothing.json").write_text("[]")
    (folder / "columns.csv").write_text("id,title\n1,Only a title\n")
    (folder / "header.csv").write_text("id,text,published\n")
    (folder / "scripts.html").write_text("<html><head><script>alert(1)</script></head><body></body></html>")
    (folder / "dates.jsonl").write_text("".join(
        json.dumps({"id": f"d{n}", "text": QUIET, "published": when}) + "\n"
        for n, when in enumerate(["2017-02-30", "0001-01-01", "2999-01-01"], start=1)
    ))
    (folder / "front.md").write_text(f"---\ntitle: Budget\npublished: 2017-02-30\n---\n{QUIET}\n")
    (folder / "locked.txt").write_text(f"Locked\n\n{QUIET}\n")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    outside = folder.parent / "folder.txt"
    outside.mkdir()
    manifest = folder.parent / "manifest.csv"
    manifest.write_text("file,published,source\nlatin.txt,2017-02-31,x.example\nghost.txt,2017-06-01,y\n")
    return outside, manifest


@pytest.fixture()
def unreadable(monkeypatch):
    """`locked.txt` cannot be read (chmod 000 does not stop root, so the OS error is simulated)."""
    original = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setenv("INCIDENTMAP_MAX_MB", "0.05")


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def test_bad_corpus_runs_through_with_every_file_accounted_for(tmp_path, unreadable):
    write_good(tmp_path / "good")
    alone = tmp_path / "alone.geojson"
    result = cli("extract", str(tmp_path / "good"), "-o", str(alone))
    assert result.exit_code == 0, result.output

    corpus = tmp_path / "corpus"
    write_good(corpus)
    folder, manifest = write_bad(corpus / "bad")
    mixed = tmp_path / "mixed.geojson"
    result = cli("extract", str(corpus), str(folder), "--meta", str(manifest), "-o", str(mixed))
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert "Traceback" not in result.output and result.exception is None
    lines = err.splitlines()
    for name, line in EXPECTED.items():
        assert any(line in row for row in lines), (name, err)
    for line in MORE:
        assert any(line in row for row in lines), (line, err)
    # every file of the corpus is read or named: nothing is dropped silently
    bad_files = {p.name for p in (corpus / "bad").iterdir()} | {"folder.txt", "manifest.csv"}
    assert bad_files == set(EXPECTED)
    skips = [row for row in lines if ": skipped, " in row]
    warnings = [row for row in lines if ": warning, " in row]
    assert f"articles read: {4 + READ_FROM_BAD}" in lines
    assert f"skipped: {len(skips)} (" in err and len(skips) == 18
    assert "skipped: 18 (empty 3, bad json 2, binary 2, no records 2, manifest row names a missing" in err
    assert f"warnings: {len(warnings)}" in lines and len(warnings) == 6
    # the good files' incidents are exactly those of a run without the bad files
    assert features(mixed) == features(alone)
    assert len(features(alone)) == 4


def test_strict_exits_1_and_keeps_the_previous_output(tmp_path, unreadable):
    write_good(tmp_path / "good")
    write_bad(tmp_path / "good" / "bad")
    out = tmp_path / "out.geojson"
    out.write_text("yesterday")
    result = cli("extract", str(tmp_path / "good"), "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: --strict: ")
    assert out.read_text() == "yesterday"
    # without --strict the same inputs are written, exit 0
    assert cli("extract", str(tmp_path / "good"), "-o", str(out)).exit_code == 0
    assert len(features(out)) == 4
    # a clean input passes --strict
    clean = tmp_path / "clean"
    write_good(clean)
    assert cli("extract", str(clean), "-o", str(out), "--strict").exit_code == 0


@pytest.mark.parametrize("command", ["build", "export", "report"])
def test_map_export_report_survive_the_bad_corpus(tmp_path, unreadable, command):
    write_good(tmp_path / "in")
    write_bad(tmp_path / "in" / "bad")
    suffix = {"build": "html", "export": "csv", "report": "html"}[command]
    out = tmp_path / f"out.{suffix}"
    args = [command, str(tmp_path / "in"), "-o", str(out)]
    args += ["--no-static-map"] if command == "report" else []
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "paper.txt: skipped, binary" in result.stderr and "skipped: 16 (" in result.stderr
    assert out.stat().st_size > 0
    assert cli(*args, "--strict").exit_code == 1


def test_nothing_usable_exits_1_and_names_every_file(tmp_path, unreadable):
    write_bad(tmp_path / "bad")
    only_bad = [tmp_path / "bad" / n for n in ("paper.txt", "empty.txt", "truncated.json", "gone.txt")]
    out = tmp_path / "none.html"
    result = cli("build", *map(str, only_bad), str(tmp_path / "folder.txt"), "-o", str(out))
    assert result.exit_code == 1
    for path in [*only_bad, tmp_path / "folder.txt"]:
        assert path.name in result.stderr
    assert "error: nothing usable was read (5 inputs skipped)" in result.stderr
    assert not out.exists()


def test_size_limit_default_and_override(monkeypatch):
    monkeypatch.delenv("INCIDENTMAP_MAX_MB", raising=False)
    assert readers.max_bytes() == 20_000_000
    monkeypatch.setenv("INCIDENTMAP_MAX_MB", "100")
    assert readers.max_bytes() == 100_000_000
    monkeypatch.setenv("INCIDENTMAP_MAX_MB", "lots")
    assert readers.max_bytes() == 20_000_000


def test_binary_sniffing_is_by_content_not_name(tmp_path):
    cases = {
        "a.txt": b"PK\x03\x04\x14\x00\x06\x00",  # a .docx saved as .txt
        "b.md": b"\x1f\x8b\x08\x00compressed",
        "c.html": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "d.jsonl": bytes(range(1, 32)) * 20,  # control characters, no NUL
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    utf16 = tmp_path / "e.txt"
    utf16.write_bytes(f"Title\n\n{QUIET}\n".encode("utf-16"))  # NUL bytes, but text with a BOM
    items = list(readers.iter_articles([tmp_path]))
    reasons = {Path(i.path).name: getattr(i, "reason", "read") for i in items}
    assert reasons == {"a.txt": "binary", "b.md": "binary", "c.html": "binary", "d.jsonl": "binary",
                       "e.txt": "read"}
    [article] = [i for i in items if not hasattr(i, "reason")]
    assert article.title == "Title" and article.text.strip() == QUIET


def test_publication_dates_fall_back_when_impossible(tmp_path):
    path = tmp_path / "r.jsonl"
    record = {"id": "x", "text": "MOSUL, June 3, 2017 - " + QUIET, "published": "2017-13-01"}
    path.write_text(json.dumps(record))
    [article] = readers.iter_articles([path])
    assert str(article.published) == "2017-06-03"  # from the dateline, after the bad field
    assert "published '2017-13-01' is not a valid date; ignored" in article.warnings
    message = f"{path}:1: warning, published '2017-13-01' is not a valid date; ignored"
    assert readers.problems(article) == [message]


def test_bad_published_option_is_a_one_line_error(tmp_path):
    write_good(tmp_path)
    for value in ("2999-01-01", "0001-01-01", "2017-02-30"):
        result = cli("extract", str(tmp_path), "--published", value, "-o", str(tmp_path / "o.geojson"))
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "--published" in result.stderr


ZONE_CASES = [
    ("dir", None, "cannot read (Is a directory)"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 text"),
    ("position", {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Q"},
                  "geometry": {"type": "Polygon", "coordinates": [[["a", "b"], [1, 0], [1, 1], [0, 0]]]}}]},
     "feature 1 (Q): missing or empty coordinates"),
    ("collection", {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "G"},
                    "geometry": {"type": "GeometryCollection", "geometries": []}}]},
     "feature 1 (G): unsupported geometry 'GeometryCollection'"),
    ("notfeature", {"type": "FeatureCollection", "features": [7]}, "feature 1: not a GeoJSON Feature"),
    ("latitude", {"type": "Feature", "properties": {"name": "Far", "radius_km": 5},
                  "geometry": {"type": "Point", "coordinates": [38.5, 95.0]}},
     "feature 1 (Far): coordinates out of range (lon 38.5, lat 95.0)"),
    ("colour", {"type": "Feature", "properties": {"name": "Red", "radius_km": 5,
                "style": {"color": "red\"><svg onload=alert(1)>"}},
                "geometry": {"type": "Point", "coordinates": [38.5, 33.5]}},
     "feature 1 (Red): color 'red\"><svg onload=alert(1)>' is not a colour"),
    ("mercator", {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
                  "features": []}, "CRS 'EPSG:3857' is not WGS84"),
]


@pytest.mark.parametrize(("name", "content", "message"), ZONE_CASES, ids=[c[0] for c in ZONE_CASES])
def test_bad_zone_file_through_the_cli(tmp_path, name, content, message):
    write_good(tmp_path / "in")
    path = tmp_path / f"{name}.geojson"
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(json.dumps(content))
    out = tmp_path / "map.html"
    result = cli("build", str(tmp_path / "in"), "--zones", str(path), "-o", str(out))
    assert result.exit_code == 2
    [line] = [row for row in result.stderr.splitlines() if row.startswith("error:")]
    assert line.startswith(f"error: {path}") and message in line, line
    assert "Traceback" not in result.output
    assert not out.exists()


def test_broken_geonames_dump_is_one_line_naming_file_and_line(tmp_path):
    """A user's GeoNames dump with a bad row stops the run with `file:line`, instead of silently leaving
    every incident unplaced (the pipeline catches gazetteer failures per article)."""
    write_good(tmp_path / "in")
    dump = tmp_path / "SY.txt"
    good_row = "\t".join(["1", "Qaryatayn", "Qaryatayn", "", "34.22", "37.24", "P", "PPL", "SY", "", "13",
                          "", "", "", "100", "", "", "Asia/Damascus", "2020-01-01"])
    dump.write_text(good_row + "\n" + good_row.replace("34.22", "north") + "\n", encoding="utf-8")
    env = {**os.environ, "INCIDENTMAP_GEONAMES": str(dump), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "o.geojson"
    proc = subprocess.run([sys.executable, "-m", "incidentmap.cli", "extract", str(tmp_path / "in"), "-o",
                           str(out)], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (f"error: {dump}:2: geonameid, latitude, longitude and population must be "
                                   "numbers")
    assert not out.exists()


@pytest.mark.parametrize(("command", "name"), [("snapshot", "map.png"), ("report", "report.html")])
def test_dollar_signs_in_titles_and_zone_names_are_text_not_math(tmp_path, command, name):
    """matplotlib reads "$...$" as math and fails on "$x^$": the static map must take names as plain text."""
    fixture = Path(__file__).parent / "fixtures" / "report_incidents.geojson"
    zones = tmp_path / "zones.geojson"
    props = {"name": "Zone $x^$ \\frac{", "radius_km": 20}
    zones.write_text(json.dumps({"type": "Feature", "properties": props,
                                 "geometry": {"type": "Point", "coordinates": [38.6, 33.5]}}))
    out = tmp_path / name
    result = cli(command, str(fixture), "--zones", str(zones), "--title", "Cost $5 and $6", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000


def test_bad_incident_geojson_inputs_are_skipped_with_a_reason(tmp_path):
    """`build` also reads incidents written by `extract`; a hand-edited or broken file is one line."""
    fixture = Path(__file__).parent / "fixtures" / "report_incidents.geojson"
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [38.6, 33.5]},
               "properties": {"article": "a", "evidence": "x", "event_type": "Battles", "time_precision": 2,
                              "event_date": "0001-01-01", "mention_id": "a#1"}}
    collection = {"type": "FeatureCollection", "features": [feature]}
    (tmp_path / "ancient.geojson").write_text(json.dumps(collection))
    (tmp_path / "cut.geojson").write_text('{"type": "FeatureCollection", "features": [{"type"')
    (tmp_path / "image.geojson").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    out = tmp_path / "map.html"
    inputs = [str(tmp_path / n) for n in ("ancient.geojson", "cut.geojson", "image.geojson")]
    result = cli("build", str(fixture), *inputs, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "ancient.geojson: skipped, bad geojson (event_date 0001-01-01 is out of range" in result.stderr
    assert "cut.geojson: skipped, bad geojson" in result.stderr
    assert "image.geojson: skipped, bad geojson" in result.stderr
    assert "skipped: 3 (bad geojson 3)" in result.stderr and "Traceback" not in result.output
    assert out.exists()


def test_file_names_that_are_not_utf8_are_read_and_named(tmp_path):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"")
    with open(os.path.join(folder, b"raqqa\xff.txt"), "wb") as handle:
        handle.write(RAQQA.encode("utf-8"))
    out = tmp_path / "o.geojson"
    result = cli("extract", str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "caf\ufffd.txt: skipped, empty" in result.stderr
    [feature] = features(out)
    assert feature["properties"]["article"] == "raqqa\ufffd.txt"


def test_unpaired_surrogate_escapes_in_json_do_not_stop_the_run(tmp_path):
    """JSON may carry "\\ud800" escapes that no UTF-8 file can hold: they become U+FFFD with a warning."""
    record = ('{"id": "s\\ud800", "title": "T\\udfff", "source": "x\\udc80", "published": "2018-02-08", '
              '"text": "Gunmen killed three soldiers in an ambush near Kirkuk on Tuesday \\ud83d."}')
    (tmp_path / "s.jsonl").write_text(record + "\n")
    for command, name in (("extract", "o.geojson"), ("build", "m.html"), ("export", "e.csv")):
        result = cli(command, str(tmp_path / "s.jsonl"), "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert "s.jsonl:1: warning, unpaired surrogate escapes replaced with U+FFFD" in result.stderr
    [feature] = features(tmp_path / "o.geojson")
    assert feature["properties"]["article"] == "s\ufffd" and feature["properties"]["title"] == "T\ufffd"
