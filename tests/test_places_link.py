"""Place linking: the clause's own place with an honest geo_precision; fall-backs say what they did."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.clean import sentences
from incidentmap.models import Article
from incidentmap.places import ArticlePlaces
from incidentmap.triggers import detect

pytest.importorskip("gazetteer")


def links(text: str, title: str = "") -> list:
    article = Article(id="t", text=text, title=title, published=dt.date(2018, 6, 18))
    sents = sentences(text)
    places = ArticlePlaces(article, sents)
    out = []
    for s in sents:
        trigger, _ = detect(s, article.published)
        if trigger is not None:
            out.append(places.link(s, s.start + trigger.start, s.start + trigger.end))
    return out


def near(link, lat: float, lon: float, km: float = 30) -> bool:
    from incidentmap.merge import haversine_km

    return link.latitude is not None and haversine_km(link.latitude, link.longitude, lat, lon) <= km


def test_clause_place_beats_reporting_frame_and_province() -> None:
    text = ("A drone strike killed 40 soldiers in a desert area south of al-Bukamal, in Deir Ezzor province, "
            "on Monday.\n\nIn Baghdad, Iraqi officials said paramilitary units came under attack south of "
            "the town of Qaim.")
    bukamal, qaim = links(text)
    assert near(bukamal, 34.45, 40.92) and bukamal.geo_precision == 2 and bukamal.country == "Syria"
    assert near(qaim, 34.39, 40.99) and qaim.geo_precision == 2 and qaim.country == "Iraq"
    assert "Qaim" in qaim.place_note


def test_town_itself_is_precision_one() -> None:
    [link] = links("Russian forces shelled the centre of Kharkiv overnight, killing two people.")
    assert near(link, 49.99, 36.23) and link.geo_precision == 1 and link.country == "Ukraine"


def test_province_only_is_precision_three() -> None:
    [link] = links("A drone strike hit a vehicle in Anbar province on Wednesday.")
    assert link.geo_precision == 3 and link.country == "Iraq"


def test_zone_is_kept() -> None:
    text = ("US forces are based at the At Tanf garrison.\n\n"
            "Coalition airstrikes destroyed a tank inside the deconfliction zone on May 18.")
    [link] = links(text)
    assert link.zones and "zone" in link.zones[0].lower()
    assert near(link, 33.5058, 38.6178, 60) and link.geo_precision == 2


def test_country_only_falls_back_to_the_main_place_in_that_country() -> None:
    text = ("Jets struck a base south of Albukamal on Monday, killing 12.\n\n"
            "Sunday's attack took place in Syria's east and targeted pro-government forces.")
    first, second = links(text)
    assert near(second, 34.45, 40.92) and second.geo_precision == 3
    assert "main place" in second.place_note


def test_anaphora_takes_the_place_named_before() -> None:
    text = ("Rebels took Tanf from the group last year.\n\n"
            "The army dropped leaflets in the area over the weekend.")
    _, leaflets = links(text)
    assert near(leaflets, 33.5058, 38.6178) and "preceding sentence" in leaflets.place_note


def test_no_place_at_all() -> None:
    [link] = links("Gunmen attacked a convoy, killing three soldiers.")
    assert link.latitude is None and link.place_note.startswith("no place")


def test_wire_dateline_is_not_the_event_place() -> None:
    text = ("BAMAKO (Wire) - Suspected jihadists killed at least 30 civilians in attacks on two villages "
            "in central Mali on Monday.\n\nGunmen stormed the villages in the Bankass area, officials said.")
    first, second = links(text)
    assert first.location != "Bamako" and first.geo_precision == 3
    assert second.geo_precision == 2 and first.location == second.location


def test_country_named_as_actor_is_not_a_place() -> None:
    text = ("A Russian missile struck an apartment block in the city of Dnipro on Saturday.\n\n"
            "The air force said it had shot down 18 of 38 missiles launched by Russia on Saturday.")
    _, second = links(text)
    assert second.country == "Ukraine" and "main place" in second.place_note


def test_lone_place_in_an_unrelated_country_is_ignored() -> None:
    text = ("Israeli missiles struck the airport in Damascus early on Monday, killing two soldiers.\n\n"
            "Syrian air defences intercepted some of the missiles, state news agency SANA said.")
    _, second = links(text)
    assert second.country == "Syria"


def test_town_name_followed_by_province_is_the_region() -> None:
    [link] = links("A drone strike killed four people in Syria's Idlib province on Monday.")
    assert link.geo_precision == 3 and link.country == "Syria"


def test_the_text_names_the_country_of_a_place() -> None:
    [link] = links("Gunmen killed at least 132 people in an overnight attack on the village of Solhan "
                   "in Burkina Faso on Saturday.")
    assert link.country == "Burkina Faso"
