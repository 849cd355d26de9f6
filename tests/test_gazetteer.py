"""Gazetteer: normalisation, recognition (traps included), resolution in context, zones, lookup, the CLI.

The worldwide index is built once per data version into the user's cache directory (first run ~30 s);
the session fixture shares one Gazetteer between the tests.
"""

from __future__ import annotations

import json
import math

import pytest
from typer.testing import CliRunner

import gazetteer
from gazetteer.normalize import name_key

# Reference points from ../shared/reference/places.md (GeoNames / Wikipedia coordinates listed there).
TANF = (33.5058, 38.6178)
ABU_KAMAL = (34.4523, 40.9185)
QAIM = (34.3925, 40.9895)
RAQQA = (35.9528, 39.0079)
DEIR = (35.3359, 40.1408)
HOMS = (34.7241, 36.7256)
PALMYRA = (34.5624, 38.2840)
REFERENCE = [
    (TANF, ["Tanf", "At Tanf", "al-Tanf", "At-Tanf", "At-Tanaf", "Al Tanf Garrison"]),
    (ABU_KAMAL, ["Bukamal", "Boukamal", "Albu Kamal", "Albukamal", "al-Bukamal", "Abu Kamal", "Al Bukamal"]),
    (QAIM, ["Qaim", "al-Qaim", "Al Qa'im"]),
    (RAQQA, ["Raqqa", "Ar Raqqah", "Rakka"]),
    (DEIR, ["Deir Ezzor", "Deir ez-Zor", "Dayr az Zawr", "Deir al-Zour"]),
    (HOMS, ["Homs"]),
    (PALMYRA, ["Palmyra", "Tadmur"]),
    (ABU_KAMAL, ["Al-Hari", "Al-Hiri", "al-Harra"]),  # "village south-east of Abu Kamal"
]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="session")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.default()


def found(gaz: gazetteer.Gazetteer, text: str) -> dict[str, gazetteer.Mention]:
    return {m.text: m for m in gaz.geoparse(text)}


# ---- normalisation ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        [
            "Bukamal",
            "Boukamal",
            "Albu Kamal",
            "Albukamal",
            "al-Bukamal",
            "Abu Kamal",
            "Al Bukamal",
            "Al-Bukamal",
        ],
        ["Raqqa", "Ar Raqqah", "ar-Raqqa", "Al-Raqqah", "Raqqah"],
        ["Qaim", "al-Qaim", "Al Qa'im", "Al Qā’im", "AL-QAIM"],
        ["Tanf", "At Tanf", "al-Tanf", "At-Tanf", "Al Tanf"],
        ["Deir ez-Zor", "Deir Ezzor", "Deir Ez Zor", "Deir-ez-Zor"],
        ["Ālbū Kamāl", "Albu Kamal"],
        ["Mayadin", "Al-Mayadeen", "al Mayadin"],
    ],
)
def test_transliteration_variants_share_one_key(variants: list[str]) -> None:
    keys = {name_key(v) for v in variants}
    assert len(keys) == 1, keys


def test_normalisation_keeps_different_names_apart() -> None:
    assert name_key("Homs") != name_key("Hama")
    assert name_key("Raqqa") != name_key("Rakka")  # a spelling the curated data lists, not a rule
    assert name_key("São Paulo") == name_key("Sao Paulo")
    assert name_key("The Netherlands") == name_key("Netherlands")


# ---- lookup -----------------------------------------------------------------------------------------------


def test_lookup_best_first_and_kinds(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.lookup("Syria")[0].kind == "country"
    assert gaz.lookup("Texas")[0].kind == "admin1"
    tanf = gaz.lookup("At-Tanaf")[0]
    assert tanf.kind == "site" and km((tanf.lat, tanf.lon), TANF) < 1
    euphrates = gaz.lookup("Euphrates")[0]
    assert euphrates.kind == "river" and km((euphrates.lat, euphrates.lon), DEIR) < 60
    badia = gaz.lookup("Syrian Badia")[0]
    assert badia.kind == "region" and badia.country == "SY"
    assert gaz.lookup("Syrian") == []  # a demonym is not a place


def test_lookup_fuzzy_fallback_and_unknown(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.lookup("Albukamall")[0].name == "Ālbū Kamāl"  # one letter off
    assert gaz.lookup("Xqzzvbnrt") == []


def test_demonyms_are_country_context(gaz: gazetteer.Gazetteer) -> None:
    assert gaz.country_of_demonym("Syrian") == "SY"
    assert gaz.country_of_demonym("Iraqi") == "IQ"
    assert gaz.country_of_demonym("Damascus") is None


# ---- recognition ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("point", "spellings"), REFERENCE)
def test_reference_spellings_resolve_in_a_sentence(gaz: gazetteer.Gazetteer, point, spellings) -> None:
    for name in spellings:
        text = f"Coalition aircraft struck a convoy near {name} on Thursday, a monitoring group reported."
        ms = [m for m in gaz.geoparse(text) if name in m.text or m.text in name]
        assert ms, f"{name!r} not found in {text!r}"
        assert km((ms[0].lat, ms[0].lon), point) <= 10, (name, ms[0].name, ms[0].lat, ms[0].lon)


def test_regions_rivers_roads_and_al_hari(gaz: gazetteer.Gazetteer) -> None:
    text = (
        "Militants crossed the Syrian Desert toward the Euphrates valley, and jets later hit Al-Hiri, a "
        "village east of Abu Kamal, while a convoy waited on the Damascus-Baghdad highway."
    )
    got = found(gaz, text)
    assert got["Syrian Desert"].kind == "region" and got["Syrian Desert"].country == "SY"
    assert got["Euphrates valley"].kind == "region"
    assert km((got["Al-Hiri"].lat, got["Al-Hiri"].lon), ABU_KAMAL) < 15
    assert got["Damascus-Baghdad highway"].kind == "road"
    assert found(gaz, "A convoy on the M2 was hit.")["M2"].kind == "road"


def test_traps_are_not_places(gaz: gazetteer.Gazetteer) -> None:
    text = (
        "Zagros Qamishlo, a spokesman for the local council, said the convoy was stopped. A commander known "
        "as Abu Waleed told reporters the Usoud al-Sharqiya group had withdrawn. Officials spoke to The "
        "Washington Examiner on Friday. Fighters reached the Iraqi border and the Syrian-Iraqi border.\n"
        "By Leroy Wright"
    )
    texts = {m.text for m in gaz.geoparse(text)}
    for trap in (
        "Qamishlo",
        "Zagros",
        "Waleed",
        "Abu Waleed",
        "Sharqiya",
        "Usoud",
        "Washington",
        "Leroy",
        "Wright",
        "Iraqi",
        "Syrian",
    ):
        assert not any(trap in t for t in texts), (trap, texts)


def test_capitals_standing_for_governments_are_not_places(gaz: gazetteer.Gazetteer) -> None:
    text = (
        "Moscow said it would respond if Washington crossed the line, citing cooperation between Tehran and "
        "Damascus."
    )
    assert {m.text for m in gaz.geoparse(text)} == set()


def test_common_words_and_people_are_not_places(gaz: gazetteer.Gazetteer) -> None:
    text = "Col. Ryan Dillon said the strike was legal. Dillon added that reading the report took time."
    assert [m.text for m in gaz.geoparse(text)] == []


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Jihadists overran the army post at Inates on Tuesday, the ministry said.", "Inates", "NE"),
        ("Boko Haram fighters attacked Toumour, in the Diffa region, overnight.", "Toumour", "NE"),
        ("Cadets were seized at Camp Speicher outside Tikrit in June 2014.", "Camp Speicher", "IQ"),
        ("Russian forces shelled Klishchiivka, south of Bakhmut, again on Monday.", "Klishchiivka", "UA"),
        ("Crowds waited at the gates of Hamid Karzai International Airport.",
         "Hamid Karzai International Airport", "AF"),
    ],
)
def test_curated_towns_of_the_conflict_theatres(gaz: gazetteer.Gazetteer, text: str, name: str,
                                                country: str) -> None:
    got = found(gaz, text)
    assert name in got and got[name].country == country


def test_a_curated_province_needs_its_country_or_a_cue(gaz: gazetteer.Gazetteer) -> None:
    assert found(gaz, "Aid reached Bam after the earthquake.")["Bam"].country == "IR"
    got = found(gaz, "Gunmen killed 12 villagers in Bam province, in northern Burkina Faso.")
    assert (got["Bam"].kind, got["Bam"].country) == ("admin2", "BF")
    got = found(gaz, "Jihadists ambushed a convoy near Douentza, in central Mali, on Monday.")
    assert got["Douentza"].kind == "city"  # the town, not the cercle named after it
    got = found(gaz, "Jihadists struck in the cercle of Bankass in central Mali.")
    assert got["Bankass"].kind == "admin2"


def test_a_web_address_does_not_make_a_place_a_common_word(gaz: gazetteer.Gazetteer) -> None:
    text = ("Dozens were treated in Mogadishu hospitals on Sunday.\n\nRelated: "
            "[Schools close](https://example.org/mogadishu-star/schools-close) · www.mogadishu-star.example")
    assert [m.name for m in gaz.geoparse(text)] == ["Mogadishu"]
    assert gaz.geoparse("Dozens were hurt in Reading. Reading the report took time; reading is slow.") == []


def test_headline_in_title_case_still_finds_places(gaz: gazetteer.Gazetteer) -> None:
    got = found(gaz, "Syrian Army Allies Reach Iraqi Border Near Albukamal\n\nThe text follows.")
    assert "Albukamal" in got and got["Albukamal"].country == "SY"


# ---- zones ------------------------------------------------------------------------------------------------


def test_zone_phrases_resolve_only_with_context(gaz: gazetteer.Gazetteer) -> None:
    text = (
        "US forces at the At Tanf garrison struck a militia convoy inside the deconfliction zone. "
        "Officials said the protected zone would be defended and that the 55-km zone still held."
    )
    zones = [m for m in gaz.geoparse(text) if m.kind == "zone"]
    assert {m.text for m in zones} >= {"deconfliction zone", "protected zone", "55-km zone"}
    assert all(m.place.radius_km == 55 for m in zones)
    assert [
        m for m in gaz.geoparse("The company opened a new office in the industrial zone.") if m.kind == "zone"
    ] == []


# ---- resolution in context --------------------------------------------------------------------------------


def test_context_picks_among_homonyms(gaz: gazetteer.Gazetteer) -> None:
    us = "Police in Paris, Texas arrested two men after a chase that started in Dallas."
    fr = "Protesters marched through Paris on Saturday before heading to Lyon and Marseille."
    assert found(gaz, us)["Paris"].country == "US"
    assert found(gaz, fr)["Paris"].country == "FR"
    ky = "The fire in London, Ky., spread to a barn near Corbin in Laurel County."
    assert found(gaz, ky)["London"].country == "US"


def test_cue_words_pick_the_kind(gaz: gazetteer.Gazetteer) -> None:
    got = found(gaz, "Fighting spread across Homs province while the city of Homs stayed calm.")
    assert got["Homs province"].kind == "admin1"
    assert got["Homs"].kind == "city"


def test_every_result_has_a_score_and_alternatives(gaz: gazetteer.Gazetteer) -> None:
    ms = gaz.geoparse("Officials in Springfield, Illinois and in Alexandria met in Athens, Georgia.")
    assert ms and all(0 < m.score <= 1 for m in ms)
    spring = next(m for m in ms if m.text == "Springfield")
    assert spring.country == "US" and spring.place.admin1 == "Illinois"
    assert spring.alternatives and all(a.id != spring.place.id for a in spring.alternatives)


def test_resolve_given_spans_and_bias(gaz: gazetteer.Gazetteer) -> None:
    text = "The Syrian army entered Bukamal; Iraqi units held al-Qaim across the border."
    spans = [
        (text.index("Bukamal"), text.index("Bukamal") + 7),
        (text.index("al-Qaim"), text.index("al-Qaim") + 7),
        (text.index("Syrian"), text.index("Syrian") + 6),
    ]
    got = gaz.resolve(text, spans)
    assert km((got[0].lat, got[0].lon), ABU_KAMAL) < 5
    assert km((got[1].lat, got[1].lon), QAIM) < 5
    assert (
        got[2].kind == "country" and got[2].country == "SY"
    )  # a demonym handed over resolves to its country
    assert gaz.resolve("Nothing here.", [(0, 7)]) == [None]
    assert gaz.geoparse("Clashes erupted in Tripoli overnight.", bias="LB")[0].country == "LB"
    assert gaz.geoparse("Clashes erupted in Tripoli overnight.", bias="LY")[0].country == "LY"


def test_module_level_api_and_dicts() -> None:
    ms = gazetteer.geoparse("Strikes hit Raqqa.")
    assert ms[0].to_dict()["name"] == ms[0].name and ms[0].place is not None
    assert gazetteer.resolve("Strikes hit Raqqa.", [(12, 17)])[0].country == "SY"


# ---- CLI --------------------------------------------------------------------------------------------------


def test_cli_lookup_and_find(tmp_path, gaz) -> None:
    from incidentmap.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["places", "lookup", "Albukamal", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)[0]["country"] == "SY"
    f = tmp_path / "a.txt"
    f.write_text("Jets struck near At Tanf and Palmyra.", encoding="utf-8")
    res = runner.invoke(app, ["places", "find", str(f), "--json"])
    assert res.exit_code == 0, res.output
    assert {m["kind"] for m in json.loads(res.output)} == {"site", "city"}
    res = runner.invoke(app, ["places", "find", str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    assert (
        "missing.txt" in res.output
        and "Traceback" not in res.output
        and len(res.output.strip().splitlines()) == 1
    )


def test_wire_copy_datelines_groups_and_small_towns(gaz: gazetteer.Gazetteer) -> None:
    got = found(gaz, "WASHINGTON (AP) — The Pentagon said U.S. forces struck targets in Yemen.")
    assert (
        got["WASHINGTON"].kind == "city" and got["WASHINGTON"].country == "US"
    )  # the capital, not the state
    got = found(
        gaz, "BAMAKO (AFP) — Gunmen killed 12 soldiers near Menaka in northeastern Mali, the army said."
    )
    assert got["Menaka"].country == "ML"
    texts = {
        m.text for m in gaz.geoparse("The blast in Mogadishu killed 20. Al-Shabaab and Hamas were blamed.")
    }
    assert texts == {"Mogadishu"}
    got = found(gaz, "Raqqa residents fled as officials in Seattle said aid would come.")
    assert got["Raqqa"].country == "SY" and got["Seattle"].country == "US"


def test_a_deconfliction_zone_elsewhere_is_not_the_tanf_zone(gaz: gazetteer.Gazetteer) -> None:
    text = "Russian and Turkish officers agreed a deconfliction zone around Idlib; the garrison stayed put."
    assert [m for m in gaz.geoparse(text) if m.kind == "zone"] == []
    text = "Rukban camp lies inside the deconfliction zone."
    assert [m.place.radius_km for m in gaz.geoparse(text) if m.kind == "zone"] == [55]


def test_organisation_names_cover_their_words(gaz: gazetteer.Gazetteer) -> None:
    text = "In Nigeria's Borno state, Boko Haram fighters raided Konduga, the governor said from Maiduguri."
    assert {m.text for m in gaz.geoparse(text)} == {"Nigeria", "Borno", "Konduga", "Maiduguri"}


def test_bases_fields_and_numbered_roads(gaz: gazetteer.Gazetteer) -> None:
    text = "Jets struck the T-4 airbase, the Conoco gas field and a convoy on the M-5 highway near Saraqib."
    got = found(gaz, text)
    assert got["T-4 airbase"].kind == "site" and got["Conoco gas field"].kind == "site"
    assert got["M-5 highway"].kind == "road" and got["Saraqib"].country == "SY"
