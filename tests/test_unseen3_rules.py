"""Rules prompted by the misses of bench/unseen3 and bench/unseen2, each checked on sentences of our own (not
the bench text): share bars above the story, church/bus targets, wire datelines, "a day after", dateline
towns, "the capital", thousands separators in tallies, strikes on buildings, drones laden with explosives."""

from __future__ import annotations

import datetime as dt

from incidentmap import clean, dates, triggers
from incidentmap.models import Article
from incidentmap.pipeline import extract_article


def one(text: str, published: str, title: str = "") -> list:
    day = dt.date.fromisoformat(published)
    return extract_article(Article(id="a", text=text, title=title, published=day))


def test_share_bar_above_the_story_does_not_end_it() -> None:
    page = ("Clashes in the north\n\nBy Desk Reporter | 4 min read\n\nShare this article\n\n"
            "Gunmen shot dead five farmers near the village on Monday, officials said.\n\n"
            "Share this article\n\nMore from our writers on the region's economy.")
    texts = [s.text for s in clean.sentences(page)]
    assert texts == ["Gunmen shot dead five farmers near the village on Monday, officials said."]


def test_gunmen_storming_a_church_is_violence_against_civilians() -> None:
    [incident] = one("Gunmen stormed a Baptist church in Kaduna on Sunday, killing three worshippers.",
                     "2021-08-02")
    assert (incident.event_type, incident.sub_event_type) == ("Violence against civilians", "Attack")
    [bus] = one("Militants ambushed a bus near Kidal on Friday, killing six passengers.", "2021-08-02")
    assert bus.fatalities == 6


def test_wire_dateline_date_gives_way_to_the_incident_day() -> None:
    text = ("MOSUL, Iraq, March 9 (Reuters) - A roadside bomb killed two policemen south of the city late "
            "on Sunday, security sources said.")
    assert dates.resolve(text, dt.date(2021, 3, 9), anchor=text.index("roadside")).date == dt.date(2021, 3, 7)
    # with no other date in the sentence the dateline's day still counts
    alone = "MOSUL, Iraq, March 9 (Reuters) - A roadside bomb killed two policemen, police said."
    assert dates.resolve(alone, dt.date(2021, 3, 9)).date == dt.date(2021, 3, 9)


def test_a_day_after_dates_the_incident_before_the_named_day() -> None:
    text = "Mourners gathered in the town on Thursday, two days after an air strike killed nine people."
    info = dates.resolve(text, dt.date(2020, 5, 8), anchor=text.index("air strike"))
    assert info.date == dt.date(2020, 5, 5)
    month = "The talks resumed nearly a month after militants attacked a convoy, killing 12 soldiers."
    late = dates.resolve(month, dt.date(2020, 5, 20), anchor=month.index("attacked"))
    assert late.date == dt.date(2020, 4, 20) and late.precision == 3


def test_dateline_town_places_a_story_that_names_only_the_country() -> None:
    [incident, *_] = one("KHERSON, Ukraine (AP) — Shells hit a bus stop in southern Ukraine on Friday, "
                         "killing four people.", "2023-02-04")
    assert incident.location == "Kherson" and incident.geo_precision == 3
    # a capital's dateline is where the bureau is: the incident stays at country level
    [far] = one("BAMAKO (AFP) — Gunmen killed 20 villagers in a raid in central Mali on Friday.",
                "2023-02-04")
    assert far.location == "Mali"


def test_the_capital_is_the_national_capital_of_the_story() -> None:
    [incident] = one("Somalia's police said on Monday that a car bomb exploded outside a hotel in the "
                     "capital on Sunday, killing seven people.", "2019-02-05")
    assert incident.location == "Mogadishu" and incident.geo_precision == 1


def test_tally_with_a_thousands_separator_is_not_an_incident() -> None:
    trigger, reasons = triggers.detect("Clashes between the two forces have killed 4,200 people since early "
                                       "March, the United Nations said.")
    assert trigger is None and any("tally" in r for r in reasons)


def test_a_strike_on_a_building_is_an_attack_but_a_strike_on_the_port_is_not() -> None:
    trigger, _ = triggers.detect("Power went out across the city after a strike on a water pumping station "
                                 "in Kharkiv, the mayor said.")
    assert trigger is not None and trigger.event_type == "Explosions/Remote violence"
    assert triggers.detect("Dock workers began a strike on the port over unpaid wages.")[0] is None


def test_drones_laden_with_explosives_are_a_drone_strike() -> None:
    trigger, _ = triggers.detect("Three drones packed with explosives hit an oil depot outside the city on "
                                 "Tuesday.")
    assert trigger.sub_event_type == "Air/drone strike"
    bomb, _ = triggers.detect("A car packed with explosives blew up outside the ministry on Tuesday.")
    assert bomb.sub_event_type == "Remote explosive/landmine/IED"


def test_an_attack_on_a_military_post_is_a_battle_even_if_a_civilian_died() -> None:
    [incident] = one("Militants attacked a police checkpoint outside Gao on Monday, killing four policemen "
                     "and one civilian, officials said.", "2022-03-09")
    assert incident.event_type == "Battles" and incident.fatalities == 5
    [village] = one("Gunmen attacked a village near Gao on Monday, killing 12 civilians.", "2022-03-09")
    assert village.event_type == "Violence against civilians"
