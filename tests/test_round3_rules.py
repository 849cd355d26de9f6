"""Rules prompted by the first scores of the blind sets bench/unseen9 and bench/unseen10, each checked on
sentences of our own, not the bench text."""

from __future__ import annotations

import datetime as dt

from incidentmap import clean, merge
from incidentmap.dates import resolve
from incidentmap.models import Article
from incidentmap.pipeline import extract_article


def linked(text: str, published: str) -> list:
    day = dt.date.fromisoformat(published)
    return merge.link(extract_article(Article(id="a", text=text, title="", published=day)))


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
