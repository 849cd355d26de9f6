"""Rules prompted by the misses of bench/unseen4 and bench/unseen5 (and unseen3's CENTCOM back-reference),
each checked on sentences of our own, not the bench text."""

from __future__ import annotations

import datetime as dt

from incidentmap import merge
from incidentmap.models import Article
from incidentmap.pipeline import extract_article


def linked(text: str, published: str) -> list:
    day = dt.date.fromisoformat(published)
    return merge.link(extract_article(Article(id="a", text=text, title="", published=day)))


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
