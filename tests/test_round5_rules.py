"""Rules prompted by the first scores of the blind sets bench/unseen21 and later, each checked on sentences of
our own."""

from __future__ import annotations

import datetime as dt

from incidentmap import merge
from incidentmap.dates import find_cues, resolve
from incidentmap.models import Article
from incidentmap.pipeline import extract_article


def linked(text: str, published: str, title: str = "") -> list:
    day = dt.date.fromisoformat(published)
    return merge.link(extract_article(Article(id="a", text=text, title=title, published=day)))


def test_a_weekday_followed_by_its_date_takes_that_date() -> None:
    published = dt.date(2023, 3, 20)  # a Monday; "Friday" alone would be 17 March
    for text in ("Gunmen raided the market on Friday, March 3, residents said.",
                 "Gunmen raided the market on Friday 3 March, residents said.",
                 "Gunmen raided the market on Friday, March 3, 2023, residents said."):
        assert resolve(text, published, anchor=text.index("raided")).date == dt.date(2023, 3, 3), text
        assert len(find_cues(text, published)) == 1
    # a weekday and a separate date are two cues
    both = "Gunmen raided the market on Friday and again on March 3."
    assert [c.date for c in find_cues(both, published)] == [dt.date(2023, 3, 17), dt.date(2023, 3, 3)]


def test_killed_in_an_explosion_is_an_explosion() -> None:
    [blast] = linked("Nine workers were killed in an explosion at a fuel depot in Zaporizhzhia on Thursday, "
                     "regional officials said.", "2023-06-10")
    assert blast.event_type == "Explosions/Remote violence" and blast.fatalities == 9
    assert blast.location.startswith("Zaporizhzh") and blast.event_date == dt.date(2023, 6, 8)


def test_a_blame_said_after_the_incident_keeps_the_incident() -> None:
    text = ("Eleven detainees were killed by an explosion at a prison in Olenivka, in the Donetsk region, on "
            "Saturday, June 3; local officials gave the toll and Kyiv blamed Moscow.")
    [blast] = linked(text, "2023-06-12")
    assert blast.location == "Olenivka" and blast.event_date == dt.date(2023, 6, 3)
    assert blast.fatalities == 11


def test_the_reporters_own_blame_still_refers_back() -> None:
    text = ("A bomb hidden in a cart exploded at a bus station in Kirkuk on Monday, killing six people. "
            "A monitoring group said six people had been killed and blamed Islamic State cells.")
    found = linked(text, "2023-06-13")
    assert len({i.event_id for i in found}) == 1
    text = ("A bomb hidden in a cart exploded at a bus station in Kirkuk on Monday, killing six people. "
            "The group said its fighters had targeted the station, which it accused of serving the army.")
    assert len({i.event_id for i in linked(text, "2023-06-13")}) == 1


def test_officials_in_a_capital_are_placed_there() -> None:
    import gazetteer

    found = gazetteer.geoparse("Officials in Sanaa said on Monday that the toll had risen.")
    assert [m.name for m in found] == ["Sanaa"]
    assert gazetteer.geoparse("Moscow said it would respond.") == []  # the government, not the city


def test_a_building_named_with_an_arabic_compound_is_not_a_town() -> None:
    text = ("Hospital officials in Sanaa said on Tuesday that 31 people were killed in the air strike on the "
            "al-Qa'a al-Kubra wedding hall on Sunday.")
    [strike] = linked(text, "2016-10-11")
    assert strike.location == "Sanaa"


def test_a_pair_of_named_mosques_is_not_a_town() -> None:
    text = ("Two bombers blew themselves up inside the Badr and al-Hashoush mosques in Sanaa on Friday, "
            "killing 40 worshippers.")
    [blast] = linked(text, "2015-03-22")
    assert blast.location == "Sanaa"


def test_an_attack_said_to_be_highly_likely_did_not_happen() -> None:
    text = ('Commanders warned on Friday that another attack in Kabul was "highly likely in the next '
            '24 hours".')
    assert linked(text, "2021-08-27") == []
