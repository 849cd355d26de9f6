"""Rules prompted by the first scores of the blind sets bench/unseen9 and bench/unseen10, each checked on
sentences of our own, not the bench text."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import linked

import gazetteer
from incidentmap import clean
from incidentmap.dates import resolve


def test_each_item_of_a_key_events_list_is_a_sentence_without_its_marker() -> None:
    text = ("Live: the war on day 500\n\nKEY EVENTS\n* A missile hit a school in Sumy early on Friday, "
            "killing three people.\n* Drones struck a fuel depot in Odesa overnight.\n* The president is in "
            "Rome for talks with the Pope.\n\nMore prose follows here.")
    found = [s.text for s in clean.sentences(text)]
    assert "Drones struck a fuel depot in Odesa overnight." in found
    assert "The president is in Rome for talks with the Pope." in found
    [school, depot] = linked(text, "2024-05-10")
    assert (school.location, depot.location) == ("Sumy", "Odesa")  # not Rome, from the item after


def test_a_dateline_naming_two_cities_gives_the_filing_day_not_the_incident_day() -> None:
    text = ("ADEN/RIYADH, March 8 (Gulf Wire) - Warplanes struck a weapons depot near Sanaa airport on "
            "Saturday, starting fires that still burned on Sunday.")
    info = resolve(text, dt.date(2021, 3, 8), anchor=text.index("struck"))
    assert (info.date, info.text) == (dt.date(2021, 3, 6), "Saturday")


def test_a_day_after_does_not_override_the_day_the_clause_names() -> None:
    text = ("The raid came a day after a drone launched from Yemen hit a hotel in Eilat in the early hours "
            "of Thursday, wounding four people.")
    info = resolve(text, dt.date(2024, 3, 9), anchor=text.index("hit"))
    assert info.date == dt.date(2024, 3, 7)
    text = "On Tuesday, a day after a missile strike killed 18 people, jets returned."
    assert resolve(text, dt.date(2024, 3, 9), anchor=text.index("missile")).date == dt.date(2024, 3, 4)


def kinds(text: str, published: str = "2022-06-08") -> list[tuple[str, str]]:
    return [(i.event_type, i.sub_event_type) for i in linked(text, published)]


def test_opened_fire_at_and_set_off_explosives_report_an_attack() -> None:
    [attack] = linked("Gunmen opened fire and set off explosives at a mosque in Kano during Friday prayers, "
                      "killing dozens of worshippers.", "2022-06-05")
    assert attack.event_type in ("Violence against civilians", "Explosions/Remote violence")
    assert (attack.location, attack.fatalities) == ("Kano", 12)


def test_gatherings_force_on_protesters_and_arson_by_protesters() -> None:
    assert kinds("Several hundred people gathered outside the French embassy in Niamey on Thursday, "
                 "chanting against Paris.") == [("Protests", "Peaceful protest")]
    assert kinds("Police opened fire on demonstrators in the main square of Basra on Monday.") == [
        ("Protests", "Excessive force against protesters")]
    assert kinds("Protesters in Basra, the port city in the far south of the country, set fire to the "
                 "governor's office on Monday.") == [("Riots", "Violent demonstration")]


def test_troops_abandoning_a_position_is_a_battle() -> None:
    assert kinds("Government troops abandoned their last positions at Donetsk airport on Wednesday.") == [
        ("Battles", "Non-state actor overtakes territory")]


def test_counts_of_times_trends_and_perfect_tallies_report_no_incident() -> None:
    for text in ("Militias have attacked the base more than 60 times since the war began.",
                 "Shelling and drone strikes have emptied dozens of hamlets along the border.",
                 "Kidnappings for ransom have, however, increased across the south in recent years."):
        assert linked(text, "2022-06-08") == [], text


def test_fighters_killed_on_both_sides_is_a_clash_whatever_the_article_names_elsewhere() -> None:
    text = ("A drone strike hit a camp in Marib on Saturday, killing 40 soldiers.\n\nFurther north, "
            "military sources said dozens of fighters on both sides had been killed in Nihm in recent days.")
    assert kinds(text, "2020-01-19")[-1] == ("Battles", "Armed clash")


def test_a_weapon_model_is_no_place() -> None:
    [strike] = linked("KHARKIV, Ukraine - A Russian Iskander missile destroyed a shop in Kupiansk on "
                      "Thursday afternoon, killing 11 people.", "2023-10-06")
    assert strike.location == "Kupyansk" and "Iskander" not in strike.place_note


def test_a_place_abroad_reached_through_an_old_name_or_called_a_province_is_a_misread() -> None:
    text = ("Security forces opened fire on crowds near the Zaitoun bridge in Nasiriyah on Thursday, killing "
            "at least 20 people.\n\nA man from Babylon province who lost his son said the police fired "
            "first. Gunmen later attacked a checkpoint near the Zaitoun bridge, killing two policemen.")
    incidents = linked(text, "2019-11-29")
    assert {i.country for i in incidents} == {"Iraq"}  # not Quanzhou (once Zaitun) nor Babylon, New York


def test_a_source_or_a_peoples_place_is_not_where_the_incident_was() -> None:
    text = ("Protests spread across southern Iraq on Thursday.\n\nIn Nasiriyah, security forces opened fire "
            "on crowds near the bridges, killing at least 25 people in one morning, according to medical "
            "officials in Dhi Qar province.\n\nWhen militants overran Mosul in June 2014, dozens of young "
            "men from Nasiriyah were seized at Camp Speicher.")
    shooting, mosul = linked(text, "2019-11-29")
    assert shooting.location == "Nasiriyah" and mosul.location == "Mosul"


def test_last_weekday_on_that_weekday_is_a_week_before() -> None:
    assert resolve("Last Thursday, police opened fire on crowds.", dt.date(2019, 12, 5)).date == \
        dt.date(2019, 11, 28)
    assert resolve("On Thursday, police opened fire on crowds.", dt.date(2019, 12, 5)).date == \
        dt.date(2019, 12, 5)


def test_a_road_out_of_the_articles_town_is_near_that_town() -> None:
    text = ("KIRKUK, Iraq - Clashes broke out in Kirkuk on Saturday between rival demonstrators, killing "
            "four people.\n\nSince Monday, residents opposed to the handover had staged a sit-in outside the "
            "building, blocking the road to Erbil.")
    clash, sit_in = linked(text, "2023-09-03")
    assert (sit_in.location, sit_in.geo_precision) == (clash.location, 2)


def test_tallies_of_protesters_and_peacekeepers_since_a_time_report_no_incident() -> None:
    for text in ("Rights groups say more than 400 protesters have been killed across Iraq since then.",
                 "More than fifty blue helmets have been killed since the mission was deployed in 2013."):
        assert linked(text, "2019-12-05") == [], text


LIVE = ("NORTHERN LEDGER | LIVE\n\nWar in Ukraine: drones hit Odesa port a day after a strike on Sumy - as "
        "it happened\n\nSaturday 9 March 2024.\n\n09:10\nA missile strike on Sumy early on Friday killed "
        "three people, the regional governor said.\n\n11:45\nDrones hit grain silos in the Izmail district "
        "of Odesa region overnight, the governor said.\n\n13:20\nTwo missiles hit the city centre shortly "
        "before noon, according to police.")


def test_a_long_headline_above_the_story_is_not_an_incident() -> None:
    assert not any(i.evidence.startswith("War in Ukraine") for i in linked(LIVE, "2024-03-09"))


def test_a_district_of_a_region_is_the_district() -> None:
    silos = next(i for i in linked(LIVE, "2024-03-09") if "silos" in i.evidence)
    assert silos.location == "Izmayil"


def test_a_live_blog_entry_does_not_take_the_day_of_the_entry_before() -> None:
    centre = next(i for i in linked(LIVE, "2024-03-09") if "city centre" in i.evidence)
    assert centre.event_date == dt.date(2024, 3, 9)  # the blog's day, not Friday's strike on Sumy


def test_what_was_hit_and_car_bombers_name_no_means() -> None:
    from incidentmap.triggers import means_in

    assert means_in("They set fire to several aircraft on the apron.") is None
    assert means_in("The group once sent suicide car bombers against the base.") != "Air/drone strike"
    assert means_in("Drones struck the depot.") == "Air/drone strike"
    assert means_in("An army offensive on the town ended in a rout.") == "Armed clash"


def test_a_count_killed_since_a_time_is_a_tally_whoever_died() -> None:
    assert linked("The monitor said more than 400 militants had been killed since the offensive began "
                  "earlier this month.", "2016-03-28") == []


def test_ground_forces_attacks_are_clashes_and_a_neighbourhood_is_part_of_the_city() -> None:
    [school] = linked("BAMAKO - Gunmen stormed a police school in the Faladié neighbourhood on Tuesday, "
                      "killing 12 cadets.", "2024-09-18")
    assert (school.location, school.geo_precision) == ("Bamako", 1)
    text = ("A missile hit a block of flats in Dnipro on Saturday, killing 30 people.\n\nOn the front line, "
            "the general staff said that Russian troops had kept up attacks around Bakhmut over the past "
            "day.")
    assert linked(text, "2023-01-16")[-1].event_type == "Battles"


def test_the_attackers_after_an_attribution_are_the_attack_just_reported() -> None:
    text = ("Ten peacekeepers were killed on Sunday when gunmen stormed a UN camp near Tessalit.\n\n"
            "According to residents reached by telephone, the attackers arrived before dawn and opened fire "
            "on the camp.")
    assert len(linked(text, "2019-01-21")) == 1


def test_a_mention_with_its_own_day_days_away_is_not_a_back_reference() -> None:
    text = ("US aircraft struck a militia headquarters in Baghdad on February 7, killing a commander.\n\n"
            "The strike was conducted in response to attacks on US troops, including the drone attack of "
            "January 28 on an outpost in north-eastern Jordan, in which three soldiers were killed.")
    strike, outpost = linked(text, "2024-02-08")
    assert (outpost.event_date, outpost.country) == (dt.date(2024, 1, 28), "Jordan")
    assert outpost.event_id != strike.event_id


def test_a_known_name_at_the_head_of_an_unknown_town_is_not_that_town() -> None:
    found = gazetteer.geoparse("Fighting came near the town of Altun Kupri, between Kirkuk and Erbil.")
    assert "US" not in {m.country for m in found}  # not Alton, Illinois
    found = gazetteer.geoparse("Troops entered the town of Tal Afar on Monday.")
    assert [m.text for m in found] == ["Tal Afar"]


def test_a_partys_name_is_not_where_an_incident_happened() -> None:
    [takeover] = linked("KIRKUK, Iraq - Federal forces stormed the Kirkuk headquarters of the Kurdistan "
                        "Democratic Party on Monday.", "2017-10-17")
    assert takeover.location != "Kurdistan"


def test_a_sentence_without_a_place_goes_on_where_the_sentence_before_it_is() -> None:
    text = ("SAADA, Yemen - An air strike flattened a prison in Saada on Friday, killing 70 people, doctors "
            "in Saada said. Saada has been bombed often.\n\nWithin hours jets struck the capital, Sanaa. One "
            "raid late on Monday had flattened the house of a retired officer, killing him and his family.")
    *_, house = linked(text, "2022-01-22")
    assert (house.location, house.geo_precision) == ("Sanaa", 3)
    assert house.place_note == "place of the sentence before (Sanaa)"


@pytest.mark.parametrize(("text", "published", "kind"), [
    ("Kurdish-led forces said on Sunday they had taken back the town of Hajin.", "2023-09-04",
     ("Battles", "Non-state actor overtakes territory")),
    ("Hundreds of insurgents entered Ghazni in the early hours of Friday.", "2018-08-12", ("Battles", None)),
    ("The car she was driving exploded on a road outside Moscow late on Saturday.", "2022-08-22",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Jihadist fighters rounded up farmers near Maiduguri on Saturday and killed at least 43 of them.",
     "2020-11-29", ("Violence against civilians", None)),
])
def test_taken_back_entered_vehicles_exploding_and_jihadists_rounding_up(text: str, published: str,
                                                                         kind: tuple) -> None:
    [incident] = linked(text, published)
    assert incident.event_type == kind[0] and kind[1] in (None, incident.sub_event_type)


@pytest.mark.parametrize("text", [
    "Russian jets have carried out regular raids on suspected hideouts in the desert.",
    "After ten weeks of siege and shelling, the old city is back under government control.",
    "A total of 2,212 regime elements have been neutralised since the operation began.",
    "The UN counted 1,692 civilians killed in the first six months of the year.",
    "If the figure is confirmed, it would be the deadliest massacre of civilians in the country.",
])
def test_habits_periods_totals_and_conditions_report_no_incident(text: str) -> None:
    assert linked(text, "2020-03-02") == []


def test_the_setting_of_an_attack_is_not_another_attack() -> None:
    text = ("Two missiles hit a military institute in Poltava on Tuesday, killing 41 people.\n\nThe attack "
            "came as Russian forces pressed their advance towards Pokrovsk.")
    assert [i.location for i in linked(text, "2024-09-03")] == ["Poltava"]


def test_a_month_of_last_year_is_last_years() -> None:
    assert resolve("Fallujah fell to the militants in January of last year.", dt.date(2015, 5, 18)).date \
        == dt.date(2014, 1, 15)


def test_fighting_that_raged_and_followers_forcing_their_way_in() -> None:
    assert kinds("Fighting that raged from Monday evening until Tuesday inside the Green Zone in Baghdad "
                 "left at least 30 people dead.", "2022-08-31")[0][0] == "Battles"
    assert kinds("On Monday thousands of his followers had torn down the barriers and forced their way into "
                 "the palace in Baghdad.", "2022-08-31") == [("Riots", "Violent demonstration")]


def test_a_kurdish_led_force_detaining_a_commander_is_an_arrest() -> None:
    assert kinds("On Sunday the SDF detained the head of its own military council in Hasakah.",
                 "2023-09-04") == [("Strategic developments", "Arrests")]


def test_jihadists_who_round_up_and_kill_labourers_commit_violence_against_civilians() -> None:
    [attack] = linked("Jihadist fighters rounded up labourers harvesting rice near a village outside "
                      "Maiduguri on Saturday, and killed at least 43 of them.", "2020-11-29")
    assert attack.event_type == "Violence against civilians"


def test_launched_missiles_at_is_an_attack_whose_day_carries_to_that_attack() -> None:
    text = ("The coalition has stepped up its bombing since Monday, when the Houthis launched drones and "
            "missiles at the Emirates. In that attack, three fuel tankers exploded in Abu Dhabi, killing "
            "three workers.")
    tankers = next(i for i in linked(text, "2022-01-22") if "tankers" in i.evidence)
    assert tankers.event_date == dt.date(2022, 1, 17)


def test_two_dozen_a_vehicle_striking_a_bomb_and_explosions_shaking_a_city() -> None:
    [bombing] = linked("A double suicide bombing in the square killed more than two dozen people on Monday.",
                       "2018-01-16")
    assert bombing.fatalities == 24
    [bomb] = linked("On Saturday a soldier was killed when his armoured vehicle struck a roadside bomb near "
                    "Menaka.", "2019-11-03")
    assert bomb.sub_event_type == "Remote explosive/landmine/IED"
    [blasts] = linked("Several powerful explosions shook central Kyiv on Monday morning, with missiles "
                      "landing in the Shevchenkivskyi district.", "2022-10-10")
    assert blasts.sub_event_type == "Shelling/artillery/missile attack"


def test_its_outskirts_is_the_town_just_named_and_a_count_since_the_morning_is_a_tally() -> None:
    text = ("In the city of Zaporizhzhia, rescuers cleared the rubble of a block struck on Sunday.\n\n"
            "A strike on a convoy gathering on its outskirts on September 30 killed 30 people.")
    assert linked(text, "2022-10-11")[-1].location.startswith("Zaporizh")
    assert linked("Russia launched 75 missiles at Ukraine since the morning.", "2022-10-10") == []


def test_one_article_naming_different_means_for_one_days_strike_on_one_city_reports_one_event() -> None:
    from incidentmap.merge import types_compatible
    from incidentmap.models import Incident

    day = dt.date(2022, 10, 10)
    missile = Incident(article="a", evidence="", event_type="Explosions/Remote violence",
                       sub_event_type="Shelling/artillery/missile attack", event_date=day, time_precision=1)
    strikes = Incident(article="a", evidence="", event_type="Explosions/Remote violence",
                       sub_event_type="Air/drone strike", event_date=day, time_precision=1)
    assert types_compatible(missile, strikes)
    strikes.time_precision = 2  # a day the text does not give outright: the means tell them apart
    assert not types_compatible(missile, strikes)


def test_a_month_then_last_year_is_that_month_of_last_year() -> None:
    text = "The port has been hit before: in August last year, a missile struck a parade there."
    info = resolve(text, dt.date(2020, 12, 30), anchor=text.index("struck"))
    assert (info.date, info.precision, info.background) == (dt.date(2019, 8, 15), 3, True)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Malian troops stormed a hotel in Sevare on Saturday.", "Sévaré", "ML"),
    ("A missile destroyed the only cafe in Hroza, in Kharkiv oblast.", "Hroza", "UA"),
    ("Fighting came near the town of Altun Kupri, between Kirkuk and Erbil.", "Altun Kupri", "IQ"),
    ("Rebels said they had killed dozens of soldiers near Tinzaouaten.", "Tinzaouaten", "ML"),
    ("Militias withdrew from Jurf al-Sakhar, south of Baghdad.", "Jurf al-Sakhar", "IQ"),
])
def test_towns_that_cities500_lacks_are_curated(text: str, name: str, country: str) -> None:
    found = {m.name: m for m in gazetteer.geoparse(text)}
    assert found[name].country == country
    assert found[name].place.source.startswith(("Wikipedia", "http", "fr."))  # the page its point is from


def test_late_last_month_and_a_missile_that_set_fire_to_a_mall() -> None:
    [mall] = linked("Late last month a missile set fire to a crowded shopping centre in Kremenchuk.",
                    "2022-07-10")
    assert mall.event_type == "Explosions/Remote violence"
    assert (mall.event_date, mall.time_precision) == (dt.date(2022, 6, 25), 3)


def test_a_place_two_sentences_back_a_river_named_like_a_town_and_a_capital_as_government() -> None:
    text = ("KYIV - Strikes hit Kharkiv on Monday, killing two people.\n\n22:40\nExplosions were heard in "
            "Nova Kakhovka, the occupied town on the Dnipro river, on Monday evening. The army said it had "
            "destroyed a depot there. Officials installed by Moscow said the blasts hit warehouses, killing "
            "seven people, and accused Kyiv of using rockets.")
    warehouses = next(i for i in linked(text, "2022-07-11") if "warehouses" in i.evidence)
    assert warehouses.location == "Nova Kakhovka"
