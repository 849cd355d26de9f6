"""Linking mentions into events: compatible mentions share an event id, distinct events stay apart."""

from __future__ import annotations

import datetime as dt
import random

from incidentmap.merge import compatible, event_id, link
from incidentmap.models import Incident

BUKAMAL = (34.4523, 40.9185)
QAIM = (34.3925, 40.9895)
TANF = (33.5058, 38.6178)


def m(article: str, n: int, date: str | None, where: tuple[float, float] | None, *, precision: int = 1,
      geo: int = 2, country: str = "Syria", actor1: str | None = None, actor2: str | None = None,
      sub: str = "Air/drone strike", source: str = "", zones: tuple[str, ...] = (),
      fatalities: int | None = None) -> Incident:
    return Incident(
        article=article, evidence=f"Sentence {n}.", event_type="Explosions/Remote violence",
        sub_event_type=sub, event_date=dt.date.fromisoformat(date) if date else None,
        time_precision=precision, latitude=where[0] if where else None, longitude=where[1] if where else None,
        geo_precision=geo, country=country, actor1=actor1, actor2=actor2, mention_id=f"{article}#{n}",
        source=source or f"{article}.example", zones=list(zones), fatalities=fatalities,
    )


def groups(incidents: list[Incident]) -> set[frozenset[str]]:
    by: dict[str, set[str]] = {}
    for i in incidents:
        by.setdefault(i.event_id, set()).add(i.mention_id)
    return {frozenset(v) for v in by.values()}


def test_one_strike_many_reports_many_figures() -> None:
    a = m("a", 1, "2018-06-18", BUKAMAL, actor1="US-led coalition", actor2="Military Forces of Syria",
          fatalities=40)
    b = m("a", 2, "2018-06-18", BUKAMAL, precision=2, geo=3, fatalities=52)
    c = m("a", 3, "2018-06-17", BUKAMAL, actor2="Pro-government forces")  # "Sunday's attack" vs "on Monday"
    d = m("b", 1, "2018-06-18", BUKAMAL, precision=2, actor1="US-led coalition")
    link([a, b, c, d])
    assert len(groups([a, b, c, d])) == 1
    assert a.sources == ["a.example", "b.example"] == d.sources


def test_neighbouring_event_across_the_border_stays_apart() -> None:
    syria = m("a", 1, "2018-06-18", BUKAMAL, actor2="Military Forces of Syria")
    vague = m("a", 2, "2018-06-18", BUKAMAL, precision=2, geo=3)
    iraq = m("a", 3, "2018-06-18", QAIM, country="Iraq", actor2="Popular Mobilization Forces")
    link([syria, vague, iraq])
    assert groups([syria, vague, iraq]) == {frozenset({"a#1", "a#2"}), frozenset({"a#3"})}


def test_complete_linkage_prevents_chaining() -> None:
    # b is compatible with both a and c, but a and c are not (different targets): no single event of three
    a = m("x", 1, "2017-06-06", TANF, actor2="Islamic State")
    b = m("x", 2, "2017-06-07", TANF, precision=2)
    c = m("x", 3, "2017-06-08", TANF, actor2="Military Forces of Syria")
    link([a, b, c])
    assert all(len(g) <= 2 for g in groups([a, b, c]))
    assert a.event_id != c.event_id


def test_type_date_and_distance_keep_events_apart() -> None:
    strike = m("a", 1, "2017-06-08", TANF)
    drone_down = m("a", 2, "2017-06-08", TANF, sub="Disrupted weapons use")
    earlier = m("a", 3, "2017-06-04", TANF)
    far = m("b", 1, "2017-06-08", (36.2, 37.15))  # Aleppo
    link([strike, drone_down, earlier, far])
    assert len(groups([strike, drone_down, earlier, far])) == 4


def test_same_zone_links_week_precision_reports() -> None:
    a = m("a", 1, "2017-06-06", TANF, zones=("At Tanf deconfliction zone",))
    b = m("b", 1, "2017-06-07", (33.45, 38.9), precision=2, zones=("At Tanf deconfliction zone",))
    assert compatible(a, b)


def test_event_id_independent_of_input_order() -> None:
    def build() -> list[Incident]:
        return [m("a", 1, "2018-06-18", BUKAMAL), m("b", 1, "2018-06-18", BUKAMAL, precision=2),
                m("c", 1, "2018-06-10", QAIM, country="Iraq"), m("d", 1, None, None)]

    first = {i.mention_id: i.event_id for i in link(build())}
    shuffled = build()
    random.Random(4).shuffle(shuffled)
    second = {i.mention_id: i.event_id for i in link(shuffled)}
    assert first == second
    assert first["a#1"] == first["b#1"] == event_id(["a#1", "b#1"])
    assert first["c#1"] != first["a#1"] and first["d#1"].startswith("ev-")


def test_unplaced_mentions_link_only_within_their_article() -> None:
    a = m("a", 1, "2018-06-18", None)
    b = m("a", 2, "2018-06-18", BUKAMAL)
    c = m("b", 1, "2018-06-18", None)
    assert compatible(a, b)
    assert not compatible(a, c)


def test_an_attack_of_unknown_means_links_with_a_typed_report() -> None:
    from incidentmap.triggers import GUESSED

    strike = m("a", 1, "2018-06-17", BUKAMAL, fatalities=38)
    raid = m("b", 1, "2018-06-17", BUKAMAL, sub="Armed clash", fatalities=52)
    raid.event_type, raid.notes = "Battles", f"trigger: raid; {GUESSED}"
    clash = m("c", 1, "2018-06-17", BUKAMAL, sub="Armed clash")
    clash.event_type = "Battles"  # a clash the text calls a clash: not the same as an air strike
    link([strike, raid, clash])
    assert strike.event_id == raid.event_id != clash.event_id


def test_the_article_says_it_is_another_incident() -> None:
    from incidentmap.triggers import DISTINCT

    monday = m("a", 1, "2021-09-06", (35.93, 36.63))
    sunday = m("a", 2, "2021-09-05", (35.93, 36.63))
    assert compatible(monday, sunday)  # a day apart: reports often disagree by a day
    sunday.notes = DISTINCT  # "Russian jets also bombed villages ... on Sunday"
    assert not compatible(monday, sunday)
