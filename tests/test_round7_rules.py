"""Rules prompted by the first scores of the blind sets bench/unseen52 to unseen57, each checked on sentences
of our own."""

from __future__ import annotations

import datetime as dt

from extract_helpers import linked

from incidentmap import dates

HEADED_TIMELINE = """Timeline: strikes on cities, spring 2022

This briefing lists the deadliest strikes of the season.

## 16 March - Mariupol, Donetsk region

A Russian jet dropped a heavy bomb on the theatre where families were sheltering.

## 27 June - Kremenchuk, Poltava region

A cruise missile struck a busy shopping centre in the afternoon. At least 20 people were killed.

## 24 August - Chaplyne, Dnipropetrovsk region

Missiles hit the railway station of the small town in Ukraine and set carriages on fire.
"""


def test_a_dated_heading_dates_and_places_the_paragraphs_under_it() -> None:
    found = linked(HEADED_TIMELINE, "2022-09-05")
    places = [(i.event_date.isoformat(), i.location) for i in found]
    assert ("2022-03-16", "Mariupol") in places
    assert ("2022-06-27", "Kremenchuk") in places
    # the sentence names only the country: the heading's town, not the article's main place
    assert ("2022-08-24", "Chaplyne") in places
    kremenchuk = [i for i in found if i.location == "Kremenchuk"]
    assert {i.event_id for i in kremenchuk} == {kremenchuk[0].event_id}
    assert all(i.time_precision == 1 for i in found)


def test_a_date_line_of_its_own_dates_the_entry_below_it_up_to_the_next_one() -> None:
    text = ("Briefing on the north\n\n19 April 2013\nGunmen attack an army checkpoint near Hawija, "
            "killing one soldier.\n\nMay 2013\nThe mission reports a quiet month in the province.\n\n"
            "21 July 2013\n"
            "Militants attack the prison at Taji with car bombs and mortars.\n")
    leads = dates.heading_leads(text, dt.date(2013, 7, 25))
    assert [lead.date.isoformat() for lead in leads] == ["2013-04-19", "2013-07-21"]
    # the April entry ends where "May 2013" begins: a month line bounds it though it dates nothing
    assert "quiet month" not in text[leads[0].start:leads[0].end]
    found = linked(text, "2013-07-25")
    assert [i.event_date.isoformat() for i in found] == ["2013-04-19", "2013-07-21"]


def test_a_later_day_named_in_an_entry_is_in_the_reports_year() -> None:
    text = ("Timeline\n\n## 20 July - Donetsk\n\nShelling hit the market.\n\n## 29 July - Olenivka\n\n"
            "An explosion destroyed a barracks at the camp. On 3 August a drone struck a depot near "
            "Olenivka.\n")
    found = linked(text, "2022-09-05")
    days = [i.event_date.isoformat() for i in found]
    assert "2022-07-29" in days and "2022-08-03" in days
    assert not [i for i in found if i.event_date.year == 2021]


def test_the_next_day_of_a_relative_clause_is_not_the_triggers_day() -> None:
    text = ("Shelling hit Kharkiv on Monday. Kyiv said two of its missiles hit the cruiser Moskva in the "
            "Black Sea, which sank the next day while under tow.")
    shelling, hit = linked(text, "2022-04-14")
    assert shelling.event_date == dt.date(2022, 4, 11)
    assert hit.event_date != dt.date(2022, 4, 12)  # not "the next day" after Monday: the sinking's day
    # a day the relative clause names outright is most often the same event's
    text = ("The brigade liberated the town of Kupiansk, which fell to it on 10 September after weeks of "
            "fighting.")
    [taken] = linked(text, "2022-09-20")
    assert taken.event_date == dt.date(2022, 9, 10)


def test_what_an_explosion_or_rockets_did_to_a_building_is_an_explosion() -> None:
    [blast] = linked("An explosion destroyed a barracks at the penal colony in Olenivka overnight.",
                     "2022-07-29")
    assert blast.event_type == "Explosions/Remote violence"
    [rockets] = linked("Rockets brought down part of an apartment block in Chasiv Yar late on Saturday.",
                       "2022-07-11")
    assert rockets.sub_event_type == "Shelling/artillery/missile attack"


def test_timeline_present_tense_storm_ambush_and_taking_of_a_named_place() -> None:
    [storm] = linked("Gunmen storm Le Campement, a resort outside Bamako, on Sunday, killing five people.",
                     "2017-06-20")
    assert storm.event_type == "Battles" and storm.fatalities == 5
    [ambush] = linked("A joint patrol is ambushed by around 50 militants near Tongo Tongo on Wednesday.",
                      "2017-10-06")
    assert ambush.sub_event_type == "Armed clash" and ambush.location == "Tongo Tongo"
    [retaken] = linked("On 3 June GNA forces retake Gharyan from LNA units.", "2020-06-15")
    assert retaken.sub_event_type == "Government regains territory"
    assert retaken.actor1 == "Military Forces of Libya (Government of National Accord)"
    assert retaken.actor2 == "Libyan National Army"
    [taken] = linked("On 6 January LNA forces take Sirte after a local brigade switches sides.", "2020-01-10")
    assert taken.sub_event_type == "Non-state actor overtakes territory" and taken.location == "Sirte"


def test_entries_of_other_days_are_not_folded_into_the_entry_before() -> None:
    text = ("Chronology\n\n18 January 2017 - Gao, Mali. A suicide bomber drives a truck into the army camp. "
            "The toll stands at 77 dead.\n\n13 August 2017 - Ouagadougou, Burkina Faso. Two gunmen open fire "
            "on diners at a restaurant late in the evening.\n")
    found = linked(text, "2017-10-20")
    assert {i.event_date.isoformat() for i in found} == {"2017-01-18", "2017-08-13"}
    assert len({i.event_id for i in found}) == 2


def test_back_references_claims_and_kinds_of_act_are_not_incidents() -> None:
    quiet = [
        # a claim in a timeline's present tense
        "JNIM claims both attacks of 14 August.",
        # "since the ambush": the incident reported before
        "The body of the fourth soldier, missing since the ambush, is recovered by troops near Tongo Tongo.",
        # a kind of act, and counts of a year
        "Airstrikes are one element of a wider approach to security in Somalia.",
        "Africa Command conducted 47 airstrikes against the group in 2018.",
    ]
    for text in quiet:
        assert linked(text, "2019-01-20") == [], text
    # a dated or compared incident after "since the" is still told
    [told] = linked("It is two weeks since the massacre of farm workers near Zabarmari on 28 November.",
                    "2020-12-12")
    assert told.event_date == dt.date(2020, 11, 28)


def test_a_lorry_full_of_explosives_is_a_vehicle_bomb() -> None:
    [bomb] = linked("A lorry full of explosives blew up at a busy junction in Mogadishu on Saturday.",
                    "2017-10-16")
    assert bomb.sub_event_type == "Remote explosive/landmine/IED" and bomb.location == "Mogadishu"


def test_a_street_named_after_a_town_is_not_the_town() -> None:
    text = ("MISRATA, Libya, April 21 - Two photographers were killed on Wednesday when mortar rounds hit a "
            "rebel position on Tripoli Street in this besieged city, doctors said.")
    [shelling] = linked(text, "2011-04-21")
    assert shelling.location != "Tripoli"
    assert abs(shelling.latitude - 32.38) < 0.2 and abs(shelling.longitude - 15.09) < 0.2
