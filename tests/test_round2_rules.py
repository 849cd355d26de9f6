"""Rules prompted by the misses of bench/unseen4 and bench/unseen5 (and unseen3's CENTCOM back-reference),
each checked on sentences of our own, not the bench text."""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import linked

import gazetteer
from incidentmap import merge
from incidentmap.dates import resolve
from incidentmap.models import Article, Sentence
from incidentmap.pipeline import extract_article
from incidentmap.triggers import detect


def trigger(text: str, published: dt.date = dt.date(2024, 7, 31)) -> str | None:
    """The trigger text of the incident one sentence reports, or None when it reports none."""
    found = detect(Sentence(text, 0, len(text), 0), published)[0]
    return found.text if found else None



def test_a_toll_of_the_attackers_belongs_to_the_attack_just_reported() -> None:
    first, toll = linked("Jets bombed a market in the centre of Kidal in northern Mali on Tuesday, killing "
                         "six people, officials said.\n\nThe police said two of the gunmen were killed.",
                         "2021-03-04")
    assert (toll.event_type, toll.sub_event_type) == (first.event_type, first.sub_event_type)
    assert toll.event_id == first.event_id and toll.event_date == dt.date(2021, 3, 2)


def test_some_of_the_rockets_is_the_rocket_attack_just_reported() -> None:
    incidents = linked("Rockets struck a market in the centre of Kidal in northern Mali on Tuesday, killing "
                       "six people.\n\nSeveral of the rockets landed in streets near the mosque.",
                       "2021-03-04")
    assert len(incidents) == 1 and incidents[0].event_date == dt.date(2021, 3, 2)


def test_the_day_of_saying_gives_way_to_the_day_a_later_sentence_names() -> None:
    first, later = linked("Officials said on Wednesday that a drone attack on an army base in Kidal had "
                          "killed 30 soldiers.\n\nThe attack hit the base at dawn on Tuesday.", "2021-03-05")
    assert first.event_date == later.event_date == dt.date(2021, 3, 2)
    [alone] = linked("Officials said on Wednesday that a drone attack on an army base in Kidal had killed "
                     "30 soldiers.", "2021-03-05")
    assert alone.event_date == dt.date(2021, 3, 3)  # nothing better: the day of saying
    [other] = linked("The army said on Saturday that gunmen had attacked a checkpoint near Kidal late on "
                     "Thursday, killing four soldiers.", "2021-03-07")
    assert other.event_date == dt.date(2021, 3, 4)


def test_a_response_to_an_attack_is_not_a_new_attack() -> None:
    from incidentmap import triggers

    trigger, _ = triggers.detect("The cabinet met to weigh a response to the drone attack on the base.")
    assert trigger is None


def test_a_toll_since_a_coup_is_a_tally() -> None:
    from incidentmap import triggers

    text = "More than 2,000 civilians have been killed since the junta seized power in 2021, a monitor said."
    assert triggers.detect(text)[0] is None


def test_bombs_falling_on_a_camp_is_an_incident() -> None:
    [incident] = linked("Bombs fell on a camp for displaced people outside Bunia on Friday, killing nine "
                        "people, aid workers said.", "2022-03-05")
    assert incident.event_type == "Explosions/Remote violence" and incident.fatalities == 9


def test_the_strikes_a_strike_follows_are_another_event() -> None:
    first, earlier = linked("US aircraft struck a militia depot in Baghdad on Wednesday, killing two "
                            "commanders.\n\nThe strike follows US strikes last week on 40 targets in Iraq "
                            "and Syria.", "2024-02-08")
    assert earlier.event_date < first.event_date and earlier.event_id != first.event_id


def test_two_outlets_naming_different_means_on_one_day_are_one_event() -> None:
    day = dt.date(2022, 3, 4)
    a = extract_article(Article(id="a", title="", published=day,
                                text="Shells hit a camp outside Bunia on Friday, killing nine people."))
    b = extract_article(Article(id="b", title="", published=day,
                                text="Bombs struck a camp outside Bunia on Friday, killing ten people."))
    merge.link(a + b)
    assert a[0].event_id == b[0].event_id


def test_a_feature_named_after_a_town_or_in_another_country_is_not_that_town() -> None:
    [bay] = linked("Gunmen stormed a camp at Manda Bay in Kenya's Lamu county on Sunday, killing three "
                   "guards.", "2020-01-06")
    assert bay.country == "Kenya"
    [lake] = linked("Shells hit a camp near Lac Vert outside Goma on Friday, killing four people.",
                    "2024-05-04")
    assert lake.location == "Goma"


def test_civilians_killed_with_no_means_named_is_violence_against_civilians() -> None:
    text = ("At least 35 people, most of them elderly, were killed on Sunday in a district of Gao in "
            "northern Mali, on the orders of a local commander, officials said.")
    (incident,) = linked(text, "2021-03-08")
    assert incident.event_type == "Violence against civilians" and incident.fatalities == 35


def test_blame_for_something_else_names_no_initiator() -> None:
    incidents = linked("Nine people were shot dead in Kidal in northern Mali on Monday, officials said.\n\n"
                       "Witnesses said the commander blamed the villagers for the theft of his cattle.",
                       "2021-03-09")
    assert incidents[0].actor1 != "Civilians"


def test_a_hyphenated_french_name_with_au_is_one_place() -> None:
    found = [(m.text, m.country) for m in gazetteer.geoparse("Gangs attacked a district of Port-au-Prince.")]
    assert found == [("Port-au-Prince", "HT")]


def test_an_undated_report_takes_the_day_the_sentence_before_gives_the_incident() -> None:
    text = ("The governor on Thursday blamed militants for Sunday's attack on a market in Kidal in northern "
            "Mali.\n\nGunmen on motorbikes opened fire on traders in the market, killing nine people.")
    (incident,) = linked(text, "2021-03-12")
    assert incident.event_date == dt.date(2021, 3, 7) and "preceding sentence" in incident.date_text
    text = ("The town has buried its dead since March 2.\n\nThat morning, jets bombed the market of Kidal in "
            "northern Mali, killing 14 people.")
    (story,) = linked(text, "2021-03-09")
    assert story.event_date == dt.date(2021, 3, 2)


def test_a_characterisation_and_a_tally_since_a_day_are_no_new_incidents() -> None:

    def found(text: str) -> bool:
        return trigger(text) is not None

    assert not found("It was the deadliest car bombing in the capital in five years.")
    assert not found("Since March 3, the militia has fired hundreds of rockets and drones at the towns.")
    assert not found("The movement has fought the government since 2009.")
    assert found("It was bombed by jets on Monday.")


def test_force_on_protesters_is_a_protest_event() -> None:
    text = "Soldiers stormed the protest camp outside the army headquarters in Kidal, Mali, on Monday."
    (incident,) = linked(text, "2021-03-10")
    assert incident.event_type == "Protests"
    assert incident.sub_event_type == "Excessive force against protesters"


def test_a_landmark_named_like_a_far_away_place_is_not_that_place() -> None:
    text = "A suicide bomber struck crowds at the Abbey Gate of the airport in Kabul on Thursday, killing 60."
    (incident,) = linked(text, "2021-08-27")
    assert incident.location == "Kabul"


def test_civilians_are_never_the_initiator_of_a_strike_and_never_keep_two_reports_apart() -> None:
    text = ("Mourners filled the streets of Kidal in northern Mali on Thursday for the funeral of a "
            "commander killed in an air strike on Tuesday.\n\nThe strike hit a house in the centre of Kidal, "
            "killing the commander, a foreign adviser and three civilians.")
    incidents = linked(text, "2021-03-11")
    assert all(i.actor1 != "Civilians" for i in incidents)
    assert len({i.event_id for i in incidents}) == 1


@pytest.mark.parametrize(("text", "published", "day"), [
    ("Last August, a missile struck the town square.", dt.date(2024, 4, 18), dt.date(2023, 8, 15)),
    ("the worst since February 2003", dt.date(2019, 1, 18), dt.date(2003, 2, 15)),
    ("Rebels had taken the port on 9 May of last year.", dt.date(2016, 6, 1), dt.date(2015, 5, 9)),
    ("surpassing the March 2012 massacre", dt.date(2016, 6, 1), dt.date(2012, 3, 15)),
])
def test_month_and_last_year_cues_name_an_earlier_day(text: str, published: dt.date, day: dt.date) -> None:
    info = resolve(text, published)
    assert info.date == day and info.background


@pytest.mark.parametrize("text", [
    "Air raid alerts were lifted across most regions shortly after dawn.",
    "It was the deadliest attack on the army in years, after the 2012 assault on the base.",
])
def test_sentences_that_report_no_incident(text: str) -> None:
    assert trigger(text, dt.date(2016, 6, 1)) is None


def test_a_claim_and_a_rights_group() -> None:
    text = ("Gunmen attacked a police post in Kidal in northern Mali on Monday, killing four officers.\n\n"
            "On Tuesday, the group said in a statement that it had carried out the attack.")
    incidents = linked(text, "2021-03-10")
    assert len(incidents) == 1

    text = "Five died in Idlib, the Syrian Observatory for Human Rights said."
    found = [m.text for m in gazetteer.geoparse(text)]
    assert "Human" not in found and "Idlib" in found


def test_a_report_with_no_date_after_one_with_a_day_is_of_that_day() -> None:
    text = ("Bombs struck the towns of Kidal and Gao in northern Mali on Monday, killing 30 people.\n\n"
            "In Gao, a car bomb went off at the crowded bus station.")
    incidents = linked(text, "2021-03-10")
    assert [i.event_date for i in incidents] == [dt.date(2021, 3, 8)] * len(incidents)
    assert incidents[-1].time_precision == 2 and "reported before" in incidents[-1].date_text


def test_neutralised_battled_and_a_landmark_with_an_adjective() -> None:
    assert trigger("On 2 June, army units neutralised a rebel commander and five fighters near the town.")
    assert trigger("Militiamen battled troops for several hours before withdrawing.") == "battled"
    text = "A car bomb went off at the Abbey social club in Kabul on Monday, killing 12 people."
    (incident,) = linked(text, "2021-03-10")
    assert incident.location == "Kabul"  # not Abyei (Sudan), which "Abbey" also spells


def test_that_friday_is_the_friday_named_before() -> None:
    text = ("Jets bombed the market of Kidal in northern Mali on Friday, the army said on Sunday.\n\n"
            "Residents said a second strike hit the road on that Friday as families fled.")
    incidents = linked(text, "2021-03-15")
    assert {i.event_date for i in incidents} == {dt.date(2021, 3, 12)}


def test_a_group_that_has_claimed_many_attacks_reports_none_of_them() -> None:
    [raid] = linked("French troops killed a militant commander near Kidal on Wednesday, the army said.\n\n"
                    "He led the groups in the Sahel, including one which has claimed many attacks against "
                    "soldiers and against civilians.", "2020-06-05")
    assert raid.location == "Kidal"


CHECKPOINT = ("Gunmen ambushed a bus at a checkpoint just outside Samawah on Thursday, killing nine "
              "people, police said.\n\nThe gunmen, some in police uniforms, opened fire on passengers at a "
              "cafe on the main highway to Baghdad. Moments later a car bomb exploded at a second checkpoint "
              "up the road. Gunmen then fought police around the cafe.")


def test_the_end_of_a_road_is_not_where_a_back_reference_happened() -> None:
    incidents = linked(CHECKPOINT, "2017-09-15")
    assert [i.location for i in incidents] == ["As Samawah"] * 3  # no mention at Baghdad, 270 km away
    [road] = linked("Militants kidnapped five aid workers on the road to Gao on Monday.", "2021-03-04")
    assert (road.location, road.geo_precision) == ("Gao", 2) and road.place_note.startswith("on a road")


def test_a_chain_of_undated_reports_is_of_the_day_the_first_names() -> None:
    incidents = linked(CHECKPOINT, "2017-09-15")
    assert [i.event_date for i in incidents] == [dt.date(2017, 9, 14)] * 3
    assert [i.time_precision for i in incidents] == [1, 2, 2]
