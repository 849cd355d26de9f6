"""Rules prompted by the first scores of the blind sets bench/unseen36 and later, each checked on sentences of
our own."""

from __future__ import annotations

from extract_helpers import linked


def test_fighting_or_gunfire_that_broke_out_is_a_clash() -> None:
    for text in ("Fighting also broke out near the police station in Gao on Sunday, residents said.",
                 "Heavy gunfire erupted near the police station in Gao on Sunday, residents said."):
        [clash] = linked(text, "2023-04-18")
        assert (clash.event_type, clash.sub_event_type) == ("Battles", "Armed clash"), text
        assert clash.location == "Gao"


def test_a_neighbourhood_placed_in_a_big_city_is_that_city() -> None:
    # Faladié is also a village 60 km from Bamako; "in the south-east of Bamako" says which one is meant
    text = ("Gunmen attacked a police post in Faladie, in the south-east of Bamako, on Monday, "
            "killing three officers, residents said.")
    [attack] = linked(text, "2024-03-12")
    assert attack.location == "Bamako" and attack.geo_precision == 1
    assert abs(attack.latitude - 12.6) < 0.1 and abs(attack.longitude + 7.98) < 0.1
    assert attack.place_note == "Faladie, a neighbourhood of Bamako"


def test_fire_from_fighters_is_ground_fire() -> None:
    text = ("A convoy came under fire from separatist fighters near Anefis on Thursday, the army said. "
            "Drones were later seen over the area.")
    [clash] = linked(text, "2024-07-29")
    assert (clash.event_type, clash.sub_event_type) == ("Battles", "Armed clash")
