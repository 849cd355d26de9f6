"""Rules prompted by the weakest development sets (bench/unseen12 to unseen14), each checked on sentences of
our own, not the bench text."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import linked

import gazetteer
from incidentmap import merge
from incidentmap.models import Article
from incidentmap.pipeline import extract_article


def test_a_place_hit_by_a_weapon_is_an_incident_in_the_passive() -> None:
    [school] = linked("Teachers in Sumy have now cleared the rubble of the school hit by Russian "
                      "missiles late on Friday.", "2023-03-05")
    assert (school.event_type, school.location, school.event_date) == (
        "Explosions/Remote violence", "Sumy", dt.date(2023, 3, 3))
    [depot] = linked("A fuel depot in Izium was struck by drones before dawn on Tuesday.", "2023-03-07")
    assert (depot.sub_event_type, depot.location) == ("Air/drone strike", "Izyum")
    # a definite building hit "by" a weapon after the story of its strike is that strike, not another
    text = ("Rockets slammed into an apartment block in Toretsk on Saturday night, killing nine people. The "
            "regional governor said the building had been hit by Grad rockets.")
    [block] = linked(text, "2022-07-10")
    assert block.fatalities == 9


def test_a_town_that_has_been_hit_with_no_means_named_takes_the_means_nearby() -> None:
    text = ("Russian missiles struck Odesa on Monday morning.\n\nThe mayor of Vinnytsia says the city has "
            "been hit and that two districts have no water.")
    [odesa, vinnytsia] = linked(text, "2022-10-10")
    assert (vinnytsia.event_type, vinnytsia.sub_event_type) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert vinnytsia.location.startswith("Vinnyts") and odesa.location == "Odesa"
    assert linked("Shops reopened in the city, which was hit hard by the crisis.", "2022-10-10") == []


def test_the_town_of_a_mayor_or_governor_who_speaks_of_the_city_is_the_town_hit() -> None:
    text = ("Rockets hit Kramatorsk and Sloviansk on Sunday.\n\nMykolaiv's mayor said the southern city was "
            "pounded by rockets before dawn on Monday.")
    mykolaiv = linked(text, "2022-07-11")[-1]
    assert mykolaiv.location == "Mykolayiv"  # the regional capital, not the village of Mykolaivka nearby
    assert mykolaiv.place_note.startswith("named in the sentence (Mykolaiv)")


def test_fragments_of_an_intercepted_missile_that_kill_are_an_explosion() -> None:
    [debris] = linked("Air defences intercepted the drone over Belgorod on Sunday, but its debris fell on a "
                      "house, injuring two women.", "2024-03-18")
    assert (debris.event_type, debris.location) == ("Explosions/Remote violence", "Belgorod")
    [downed] = linked("Air defences intercepted two drones over Belgorod on Sunday.", "2024-03-18")
    assert downed.event_type == "Strategic developments"  # with no harm done, only a disrupted weapons use


def test_the_attack_the_targets_of_a_strike_had_carried_out_is_a_reference() -> None:
    text = ("Militants fired rockets at Kirkuk airport on Monday, wounding two guards. On Tuesday the army "
            "raided a farm in Hawija, hunting the cell that planned and carried out the rocket attack on "
            "Kirkuk.")
    [airport, raid] = linked(text, "2021-05-05")
    assert (airport.location, raid.location) == ("Kirkuk", "Al Ḩawījah")
    assert raid.notes.startswith("trigger: raided")  # the raid, not the rocket attack it was after


def test_a_town_geonames_misplaces_is_curated_where_its_page_puts_it() -> None:
    [bamba] = [m for m in gazetteer.geoparse("Jihadists raided the army camp at Bamba, on the Niger River.")
               if m.name == "Bamba"]
    assert bamba.country == "ML" and abs(bamba.lat - 17.03) < 0.1  # not 700 km south, where GeoNames has it


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Gunmen killed villagers in Seytenga, near the border with Niger.", "Seytenga", "BF"),
    ("A suicide bomber hit an army post near Mir Ali in North Waziristan.", "Mir Ali", "PK"),
    ("Artillery shells landed near Laiza, the rebel headquarters in Kachin state.", "Laiza", "MM"),
    ("Jets bombed a Turkish position outside Balyun, in southern Idlib.", "Balyun", "SY"),
    ("An air strike hit a market in Dahyan, north-west of Saada.", "Dahyan", "YE"),
    ("Gunmen killed farm workers in the rice fields of Koshobe, near Maiduguri.", "Koshobe", "NG"),
    ("Soldiers executed men at the cattle market of Moura, in the cercle of Djenne.", "Moura", "ML"),
])
def test_more_towns_that_cities500_lacks_are_curated(text: str, name: str, country: str) -> None:
    found = {m.name: m for m in gazetteer.geoparse(text)}
    assert found[name].country == country
    assert "wikipedia" in found[name].place.source.lower()  # the page its point is from


def test_an_attack_in_the_town_is_in_the_town_just_reported_not_the_bylines() -> None:
    text = ("By our correspondent in Kaya\n\nGunmen killed at least 30 villagers in Djibo on Saturday night, "
            "survivors who reached Kaya said.\n\nThe search for bodies went on on Monday. Officials gave no "
            "toll.\n\nThe massacre came two days after jihadists attacked the police post in the town on "
            "Thursday, killing four policemen.")
    article = Article(id="a", text=text, title="Kaya takes in families fleeing to Kaya",
                      published=dt.date(2024, 8, 27))
    post = merge.link(extract_article(article))[-1]
    assert post.event_date == dt.date(2024, 8, 22)
    assert post.location == "Djibo" and post.place_note.startswith("the town of the incident")


def test_stones_thrown_at_a_convoy_are_a_riot() -> None:
    assert kinds("When the governor toured the market on Friday, angry residents threw stones and bottles at "
                 "his motorcade.") == [("Riots", "Violent demonstration")]
    assert kinds("The two crowds pelted each other with stones in Kirkuk on Friday.") == [
        ("Riots", "Violent demonstration")]


def test_civilians_rounded_up_and_killed_are_violence_against_civilians() -> None:
    text = ("Jihadists on motorbikes rounded up farmhands who were cutting millet in the fields outside a "
            "village east of Gao on Friday morning, and later killed at least 20 of them.")
    assert kinds(text, "2024-05-12") == [("Violence against civilians", "Attack")]


def test_a_back_reference_said_on_a_later_day_takes_the_day_of_the_incident() -> None:
    text = ("Gunmen attacked worshippers at a church in Owo on Sunday morning, killing 22 people.\n\n"
            "Late on Monday, the state governor, speaking in Akure, said at least 40 people had been killed "
            "in the attack.")
    [church, toll] = linked(text, "2022-06-07")
    assert toll.fatalities == 40 and toll.event_date == church.event_date == dt.date(2022, 6, 5)


def test_a_standoff_that_turned_into_open_fighting_is_a_clash_whose_day_carries_on() -> None:
    text = ("The standoff around the barracks in Kidal turned into open fighting on 3 May, when troops tried "
            "to break the blockade. On the same day, rebels in the hills north of the town overran two army "
            "posts.")
    [fight, posts] = linked(text, "2024-05-20")
    assert (fight.event_type, fight.event_date) == ("Battles", dt.date(2024, 5, 3))
    assert posts.event_date == dt.date(2024, 5, 3)


def test_a_town_measured_from_another_is_the_first_town() -> None:
    [fall] = linked("Baiji, about 40 km north of Tikrit, fell to the militants on Monday.", "2014-06-12")
    assert fall.location == "Bayjī"
    [post] = linked("Militants attacked a checkpoint 40 km north of Tikrit on Monday.", "2014-06-12")
    assert (post.location, post.geo_precision) == ("Tikrīt", 2)  # alone, the reference point: near it


def test_two_attack_verbs_each_with_its_own_town_are_two_incidents() -> None:
    [kharkiv, mykolaiv] = linked("Russian forces shelled Kharkiv on Monday and also struck Mykolaiv with "
                                 "missiles.", "2022-07-12")
    assert (kharkiv.location, mykolaiv.location) == ("Kharkiv", "Mykolayiv")
    assert kharkiv.event_date == mykolaiv.event_date == dt.date(2022, 7, 11)
    assert kharkiv.event_id != mykolaiv.event_id
    assert len(linked("Gunmen stormed the village and shot dead 12 people.", "2022-07-12")) == 1
    assert len(linked("Militants attacked Gao and killed three soldiers.", "2022-07-12")) == 1


def test_people_killed_in_a_village_named_in_a_clause_are_civilians_killed() -> None:
    text = ("Villagers fear reprisals for the massacre in May at Kourou, a hamlet where about 40 people were "
            "killed by gunmen on motorbikes.")
    assert kinds(text, "2024-07-02") == [("Violence against civilians", "Attack")]


def test_a_province_named_alone_is_placed_at_its_city_of_the_same_name() -> None:
    [strike] = linked("A drone strike on a weapons depot in Syria's Raqqa province killed six fighters on "
                      "Monday.", "2019-05-14")
    assert strike.location == "Ar Raqqah" and strike.geo_precision == 3  # the region is all the text says


def test_the_day_something_was_said_is_not_the_day_of_what_it_reports() -> None:
    [killings] = linked("The regional governor on Monday said gunmen had shot dead about 40 herders near "
                        "Ansongo at the end of April.", "2023-05-09")
    assert (killings.event_date, killings.time_precision) == (dt.date(2023, 4, 25), 3)


def kinds(text: str, published: str = "2024-05-12") -> list[tuple[str, str]]:
    return [(i.event_type, i.sub_event_type) for i in linked(text, published)]
