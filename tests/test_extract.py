"""End to end: articles in, the GeoJSON contract out; the seeds against the gold; unseen-style articles."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentmap.models import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"

pytest.importorskip("gazetteer")

YEMEN = """Coalition strikes hit Hodeidah

Saudi-led coalition warplanes struck the port city of Hodeidah on Tuesday, killing at least 14 civilians and \
wounding 26 others, medical sources said.

The raids targeted a fish market, residents said.

The Houthis have threatened to strike oil facilities in Saudi Arabia if the offensive continues.

The coalition has carried out more than 18,000 air strikes since March 2015, according to a monitoring group.

A coalition spokesman denied that its aircraft had bombed the market.

A ceasefire would end the suffering of millions, the UN envoy said.
"""

MALI = """---
title: Soldiers killed near Gao
published: 2022-08-09
source: sahel.example
---
Three Malian soldiers were killed when their convoy hit an improvised explosive device near Gao on Sunday, \
the army said.

The al-Qaeda-linked JNIM group has frequently attacked convoys on this road.

The army vowed to hunt down the attackers.
"""

KHARKIV = [
    {"id": "ua-1", "title": "Shelling in Kharkiv", "published": "2023-03-15", "source": "kyiv.example",
     "text": "Russian forces shelled the centre of Kharkiv overnight, killing two people and injuring at "
             "least 15, the regional governor said.\n\n"
             "Moscow has warned that it will respond to any attack on Crimea.\n\n"
             "Russia has launched more than 5,000 missiles at Ukraine since the start of the invasion."},
    {"id": "ua-2", "title": "", "published": "2023-03-16", "source": "front.example",
     "text": "Two civilians were killed and 15 were wounded when Russian artillery hit central Kharkiv on "
             "Tuesday night, officials said."},
]


def run_cli(*args: str):
    from incidentmap.cli import app

    return CliRunner().invoke(app, ["extract", *args])


def features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared not present")
def test_seeds_against_gold(tmp_path: Path) -> None:
    out = tmp_path / "seeds.geojson"
    result = run_cli(*sorted(str(p) for p in SEEDS.glob("*.txt")), "--meta", str(SEEDS / "manifest.csv"),
                     "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "articles read: 5" in result.stderr
    score = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score_incidents.py"), str(SHARED / "gold" / "seeds.json"),
         str(out), "--json"], capture_output=True, text=True, check=True,
    )
    report = json.loads(score.stdout)
    assert report["core_found"] == report["core"] == 9, report["missed"]
    assert report["precision"] >= 0.9
    linked, linked_all = map(int, report["dedup_same_event_linked"].split("/"))
    apart, apart_all = map(int, report["dedup_distinct_kept_apart"].split("/"))
    assert linked == linked_all >= 7 and apart == apart_all
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for feature in features(out):
        props = feature["properties"]
        assert props["geo_precision"] in (1, 2, 3) and props["time_precision"] in (1, 2, 3)
        assert props["evidence"] in texts[props["article"]]
        assert all(not s.endswith(".txt") for s in props["sources"])  # outlets, never article ids


def test_evidence_is_an_exact_sentence_of_the_article() -> None:
    from incidentmap.pipeline import extract_article

    text = YEMEN.split("\n", 2)[2]
    article = Article(id="y.txt", text=text, published=dt.date(2019, 1, 10), source="wire.example")
    incidents = extract_article(article)
    assert [i.mention_id for i in incidents] == ["y.txt#1"]
    [strike] = incidents
    assert text[strike.sentence_start:strike.sentence_end] == strike.evidence
    assert (strike.event_type, strike.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike.event_date == dt.date(2019, 1, 8) and strike.time_precision == 1
    assert (strike.fatalities, strike.injuries) == (14, 26)
    assert strike.actor1 == "Saudi-led coalition" and strike.actor2 == "Civilians"
    assert strike.country == "Yemen" and strike.geo_precision == 1


def test_unseen_style_articles_end_to_end(tmp_path: Path) -> None:
    (tmp_path / "yemen.txt").write_text(YEMEN, encoding="utf-8")
    (tmp_path / "mali.md").write_text(MALI, encoding="utf-8")
    (tmp_path / "kharkiv.json").write_text(json.dumps(KHARKIV), encoding="utf-8")
    out = tmp_path / "out.geojson"
    result = run_cli(str(tmp_path), "--published", "2019-01-10", "-o", str(out))
    assert result.exit_code == 0, result.output
    got = {f["properties"]["mention_id"]: f["properties"] for f in features(out)}
    assert sorted(got) == ["mali.md#1", "ua-1#1", "ua-2#1", "yemen.txt#1"]
    mali = got["mali.md#1"]
    assert (mali["sub_event_type"], mali["event_date"], mali["fatalities"]) == (
        "Remote explosive/landmine/IED", "2022-08-07", 3)
    assert mali["location"] == "Gao" and mali["geo_precision"] == 2
    assert mali["actor2"] == "Military Forces of Mali"
    # one shelling, two outlets: one event with both sources
    assert got["ua-1#1"]["event_id"] == got["ua-2#1"]["event_id"]
    assert got["ua-1#1"]["sources"] == ["front.example", "kyiv.example"]
    assert got["yemen.txt#1"]["event_date"] == "2019-01-08"


def test_summary_errors_and_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "Jets bombed the village of Kafr Nabl on Monday.", '
                    '"published": "2019-05-08"}\n{broken\n', encoding="utf-8")
    out = tmp_path / "o.geojson"
    result = run_cli(str(good), str(tmp_path / "missing.txt"), "-o", str(out))
    assert result.exit_code == 0
    assert "good.jsonl:2: skipped, bad json" in result.stderr
    assert "missing.txt: skipped, not found" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert len(features(out)) == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run_cli(str(empty), "-o", str(tmp_path / "none.geojson"))
    assert result.exit_code != 0 and "nothing usable" in result.stderr
    assert not (tmp_path / "none.geojson").exists()
    result = run_cli(str(good), "--published", "yesterday", "-o", str(out))
    assert result.exit_code != 0 and "--published" in result.stderr


def test_csv_format_and_geojson_passthrough(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(KHARKIV), encoding="utf-8")
    first = tmp_path / "first.geojson"
    assert run_cli(str(tmp_path / "a.json"), "-o", str(first)).exit_code == 0
    table = tmp_path / "t.csv"
    result = run_cli(str(first), "-o", str(table), "--format", "csv")
    assert result.exit_code == 0, result.output
    header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
    for column in ("article", "event_id", "event_date", "event_type", "location", "geo_precision",
                   "evidence"):
        assert column in header


def test_python_api(tmp_path: Path) -> None:
    import incidentmap

    (tmp_path / "a.json").write_text(json.dumps(KHARKIV), encoding="utf-8")
    mentions = incidentmap.extract([tmp_path / "a.json"])
    assert len(mentions) == 2 and mentions.crs.to_epsg() == 4326
    assert {"event_id", "evidence", "geo_precision", "sources"} <= set(mentions.columns)
    events = incidentmap.load([tmp_path / "a.json"], start=dt.date(2023, 3, 1), end=dt.date(2023, 3, 31))
    assert len(events) == 1 and events.iloc[0]["fatalities"] == 2
    assert len(incidentmap.load([tmp_path / "a.json"], start=dt.date(2024, 1, 1))) == 0


def article(text: str, published: str = "2023-01-16", id: str = "a.txt") -> Article:
    return Article(id=id, text=text, published=dt.date.fromisoformat(published), source="wire.example")


def test_back_references_fold_into_or_inherit_from_their_incident() -> None:
    from incidentmap.pipeline import extract_article

    text = ("The United States carried out strikes against Houthi targets near the port of Hodeidah "
            "on Thursday.\n\n"
            "The strikes were carried out by manned aircraft, an official said.\n\n"
            "The Houthis said five of their fighters were killed in the strikes.")
    first, second = extract_article(article(text))
    assert "also described in" in first.notes  # the middle sentence adds nothing new: folded
    assert second.fatalities == 5 and second.event_date == first.event_date == dt.date(2023, 1, 12)
    assert second.location == first.location and "refers to" in second.place_note


def test_civilian_targets_claims_and_relative_days() -> None:
    from incidentmap.pipeline import extract_article

    text = ("Gunmen on motorbikes attacked the village of Ouatagouna near Gao on Sunday, "
            "killing 12 people.\n\n"
            "JNIM claimed responsibility for the attack.\n\n"
            "The army said it had killed 20 militants in air strikes near Gao the following day.")
    first, second = extract_article(article(text, "2022-08-09"))
    assert (first.event_type, first.sub_event_type) == ("Violence against civilians", "Attack")
    assert first.actor1 == "JNIM" and first.event_date == dt.date(2022, 8, 7)
    assert second.event_date == dt.date(2022, 8, 8) and second.fatalities == 20


def test_protest_and_riot_types() -> None:
    from incidentmap.pipeline import extract_article

    text = ("Police fired tear gas to disperse protesters in Nairobi on Wednesday.\n\n"
            "Hundreds of people took to the streets of Mombasa on Thursday.")
    first, second = extract_article(article(text, "2023-07-14"))
    assert (first.event_type, first.sub_event_type) == ("Protests", "Protest with intervention")
    assert (second.event_type, second.sub_event_type) == ("Protests", "Peaceful protest")


def test_round_up_sentence_gives_one_incident_per_clause() -> None:
    from incidentmap.pipeline import extract_article

    text = ("On Monday, a roadside bomb killed two soldiers in Diyala, while gunmen shot dead a policeman in "
            "Kirkuk, security sources said.\n\nThe soldiers were killed while they were clearing a road.")
    bomb, shooting = extract_article(article(text, "2019-04-16"))
    assert bomb.evidence == shooting.evidence == text.split("\n\n")[0]
    assert bomb.sub_event_type == "Remote explosive/landmine/IED" and bomb.fatalities == 2
    assert shooting.fatalities == 1 and shooting.event_date == bomb.event_date == dt.date(2019, 4, 15)
    assert {bomb.location, shooting.location} >= {"Kirkuk"} and bomb.location != shooting.location
    assert "also described in" in bomb.notes or "also described in" in shooting.notes  # the last sentence


def test_no_inputs_reads_the_bundled_examples() -> None:
    from incidentmap.paths import EXAMPLES_DIR
    from incidentmap.pipeline import run

    if not any(EXAMPLES_DIR.rglob("*.*")):
        pytest.skip("no bundled examples")
    result = run()
    assert result.articles >= 1 and not result.skipped
    assert result.incidents and all(i.published for i in result.incidents)
    assert len(result.events) <= len(result.incidents)
    assert "articles read" in result.summary()


def test_blame_names_the_initiator_and_bare_tolls_refer_back() -> None:
    from incidentmap.pipeline import extract_article

    text = ("A truck packed with explosives blew up at a busy junction in Mogadishu on Saturday, killing "
            "at least 231 people, police said.\n\n"
            "More than 275 people were injured in the blast.\n\n"
            "No group has claimed the bombing, but officials blamed al-Shabaab.")
    [bombing] = extract_article(article(text, "2017-10-15"))
    assert bombing.sub_event_type == "Remote explosive/landmine/IED" and bombing.fatalities == 231
    assert bombing.actor1 == "Al Shabaab" and bombing.event_date == dt.date(2017, 10, 14)


def test_a_named_attacker_keeps_its_own_means_and_possessive_armies() -> None:
    from incidentmap.pipeline import extract_article

    text = ("Taliban fighters attacked a police checkpoint on the outskirts of Kunduz late on Thursday, "
            "killing five policemen.\n\n"
            "A US air strike in Helmand province on Wednesday killed 14 militants.\n\n"
            "Myanmar's military carried out an air strike on a village in Sagaing region on Tuesday.\n\n"
            "Boko Haram militants killed at least 43 farm workers near Maiduguri on Saturday.")
    attack, strike, junta, massacre = extract_article(article(text, "2019-09-20"))
    assert (attack.event_type, attack.sub_event_type) == ("Battles", "Armed clash")
    assert attack.actor1 == "Taliban" and attack.fatalities == 5
    assert strike.sub_event_type == "Air/drone strike"
    assert junta.actor1 == "Military Forces of Myanmar"
    assert (massacre.event_type, massacre.actor2) == ("Violence against civilians", "Civilians")


def test_lead_with_gerunds_quotes_fold_and_suicide_car_bombs() -> None:
    from incidentmap.pipeline import extract_article

    text = ("Iraqi special forces pushed into the eastern outskirts of Mosul on Tuesday, seizing the state "
            "television building, officers said.\n\n"
            '"We have liberated the TV building and we are now fighting inside the city," a general said.\n\n'
            "Islamic State fighters hit back with at least six suicide car bombs, one of which killed two "
            "soldiers.")
    lead, bombs = extract_article(article(text, "2016-11-02"))
    assert lead.event_type == "Battles" and lead.event_date == dt.date(2016, 11, 1)
    assert lead.actor1 == "Military Forces of Iraq" and "also described in" in lead.notes  # the quote
    assert bombs.sub_event_type == "Suicide bomb" and bombs.fatalities == 2
    # without a day, "fighting militants" is a description, not a report
    assert extract_article(article("Iraqi forces are fighting militants in the desert.", "2016-11-02")) == []
