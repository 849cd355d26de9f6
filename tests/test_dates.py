"""Relative dates resolve against the publication date, with ACLED time_precision and background flags."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.dates import find_dateline, parse_date_string, resolve

FRI = dt.date(2017, 6, 9)  # a Friday
MON = dt.date(2018, 6, 18)  # a Monday


@pytest.mark.parametrize(
    ("sentence", "published", "date", "precision"),
    [
        ("The attack Tuesday against militia fighters took place near the garrison.", FRI, "2017-06-06", 1),
        ("Jets struck on Friday, officials said.", FRI, "2017-06-09", 1),
        ("A drone attack killed 40 soldiers on Monday.", MON, "2018-06-18", 1),
        ("Sunday's attack took place in the east.", MON, "2018-06-17", 1),
        ("Airstrikes destroyed a tank on May 18, officials said.", FRI, "2017-05-18", 1),
        ("Five June 1 strikes hit positions near the city.", dt.date(2017, 6, 3), "2017-06-01", 1),
        ("Earlier in the day, the US had carried out another strike.", FRI, "2017-06-09", 1),
        ("A rocket hit the base yesterday.", FRI, "2017-06-08", 1),
        ("Shelling hit the city last night.", FRI, "2017-06-08", 1),
        ("The military dropped leaflets this week.", dt.date(2017, 6, 2), "2017-05-31", 2),
        ("Earlier this week the army bombed the camp.", dt.date(2017, 6, 10), "2017-06-07", 2),
        ("Leaflets were dropped over the weekend.", dt.date(2017, 6, 3), "2017-05-27", 2),
        ("Gunmen attacked a convoy last week.", FRI, "2017-06-01", 2),
        ("Last month a dozen fighters were killed in an airstrike.", MON, "2018-05-15", 3),
        ("Fighters crossed the border on December 30.", dt.date(2018, 1, 2), "2017-12-30", 1),
        ("The blast happened on 4 March 2021 in the market.", FRI, "2021-03-04", 1),
        ("Gunmen killed three villagers two days ago.", FRI, "2017-06-07", 1),
        ("An airstrike hit the town three weeks ago.", FRI, "2017-05-19", 3),
    ],
)
def test_relative_dates(sentence: str, published: dt.date, date: str, precision: int) -> None:
    info = resolve(sentence, published)
    assert (info.date.isoformat(), info.precision) == (date, precision)


def test_background_events() -> None:
    feb = resolve("In February, dozens of fighters were killed in strikes.", MON)
    assert feb.date == dt.date(2018, 2, 15) and feb.precision == 3 and feb.background
    last_year = resolve("Rebels took the town from IS last year.", MON)
    assert last_year.date is None and last_year.background and "2017" in last_year.note
    last_month = resolve("Last month a dozen fighters were killed.", MON)
    assert last_month.background
    assert not resolve("Airstrikes destroyed a tank on May 18.", FRI).background


def test_no_cue_uses_publication_week() -> None:
    info = resolve("At least 52 fighters were killed in the attacks.", MON)
    assert (info.date, info.precision, info.text) == (MON, 2, "publication date")
    assert "publication date" in info.note


def test_undated_article() -> None:
    assert resolve("Jets struck the town on Tuesday.", None).date is None
    assert resolve("Jets struck the town.", None).date is None
    assert resolve("Jets struck the town on June 3, 2019.", None).date == dt.date(2019, 6, 3)


def test_nearest_cue_to_the_trigger_wins() -> None:
    s = "Rebels said on May 31 that jets attacked them, a week after the talks of May 20."
    assert resolve(s, FRI, anchor=s.index("attacked")).date == dt.date(2017, 5, 31)


def test_may_the_verb_is_not_a_month() -> None:
    info = resolve("Officials said the strikes may continue.", FRI)
    assert info.text == "publication date"


def test_metadata_dates() -> None:
    assert parse_date_string("2017-06-09T10:00:00Z") == dt.date(2017, 6, 9)
    assert parse_date_string("June 2, 2017") == dt.date(2017, 6, 2)
    assert parse_date_string("garbage") is None
    assert find_dateline("by Staff, June 2, 2017\n\nText") == dt.date(2017, 6, 2)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Posted Jan. 5, 2017 by the desk", dt.date(2017, 1, 5)),
        ("Sept  14th,\n2019 | Wire", dt.date(2019, 9, 14)),
        ("Updated 3 March 2020, 10:00", dt.date(2020, 3, 3)),
        ("Filed 2018-06-18 09:00 UTC", dt.date(2018, 6, 18)),
        ("Published on 4 Mar. 2021 and revised 2021-03-05", dt.date(2021, 3, 4)),
        ("2021-03-05 revision of a 4 Mar. 2021 story", dt.date(2021, 3, 5)),
        ("No date here, only June and 2017 apart", None),
        ("Figures for 2017-2018 and May", None),
    ],
)
def test_dateline_forms(head: str, expected: dt.date | None) -> None:
    """Every full-date form is found, the earliest first; a month and a year apart are no date."""
    assert find_dateline(head + "\n\nThe text.") == expected


def test_history_before_1900_and_decades_are_background() -> None:
    old = resolve("Royalist troops took the castle in March 1644 after a siege.", FRI)
    assert old.date == dt.date(1644, 3, 15) and old.background
    year = resolve("The fort was burned in 1812 by raiders.", FRI)
    assert year.date is None and year.background and "1812" in year.note
    assert resolve("Gunmen killed a judge on 4 July 1870.", FRI).date == dt.date(1870, 7, 4)
    decade = resolve("The rebels held the valley until the late 1990s.", FRI)
    assert decade.date is None and decade.background and "1990s" in decade.note
    # a number of people is no year
    crowd = resolve("Police fired on a crowd of 1500 protesters on Tuesday.", FRI)
    assert crowd.text == "Tuesday" and not crowd.background
