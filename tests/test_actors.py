"""Actors: aliases normalised, actor1 the initiator and actor2 the target whatever the voice."""

from __future__ import annotations

import pytest

from incidentmap.actors import compatible, contextualise, find, roles
from incidentmap.triggers import detect


def who(sentence: str, country: str | None = None) -> tuple[str | None, str | None]:
    trigger, _ = detect(sentence)
    assert trigger is not None, sentence
    return roles(sentence, trigger.start, trigger.end, find(sentence, country), trigger.rule.symmetric)


@pytest.mark.parametrize(
    ("sentence", "actor1", "actor2"),
    [
        ("A drone attack by the US-led worldwide coalition killed 40 Syrian soldiers on Monday.",
         "US-led coalition", "Military Forces of Syria"),
        ("Popular Mobilization Forces came under attack south of the town of Qaim.",
         None, "Popular Mobilization Forces"),
        ("Dozens of pro-government fighters were killed in strikes carried out by United States forces.",
         "Military Forces of the United States", "Pro-government forces"),
        ("A dozen pro-regime fighters were killed in an airstrike on Syrian government positions that "
         "state media blamed on the coalition.", "US-led coalition", "Military Forces of Syria"),
        ('A correspondent said: "Syrian forces killed in a global coalition raid on a military site".',
         "US-led coalition", "Military Forces of Syria"),
        ("Russian forces shelled the centre of Kharkiv overnight.", "Military Forces of Russia", None),
        ("Houthi fighters and government forces clashed near the town of Hays.",
         "Houthis (Ansar Allah)", "Military Forces of Yemen"),
        ("The Syrian army, alongside Lebanon's Hezbollah, drove Islamic State from the town.",
         "Military Forces of Syria", "Islamic State"),
        ("JNIM militants ambushed a Malian army convoy near Gao.", "JNIM", "Military Forces of Mali"),
        ("Gunmen killed at least 132 people in an overnight attack on a village.",
         "Unidentified armed group", None),
        ("The attack Tuesday against Iranian-backed Shiite militia fighters took place near the garrison.",
         None, "Iran-backed militia"),
        ("Iran fired more than a dozen ballistic missiles at the base hosting US troops.",
         "Military Forces of Iran", "Military Forces of the United States"),
        ("Turkey retaliated by shelling Syrian government positions.", "Military Forces of Turkey",
         "Military Forces of Syria"),
    ],
)
def test_roles(sentence: str, actor1: str | None, actor2: str | None) -> None:
    country = "Yemen" if "Houthi" in sentence else None
    assert who(sentence, country) == (actor1, actor2)


def test_pronoun_us_is_not_the_united_states() -> None:
    names = [m.name for m in find("They told us the US military struck.")]
    assert names == ["Military Forces of the United States"]


def test_article_context() -> None:
    us = "Military Forces of the United States"
    assert contextualise(us, "The US-led coalition said...") == "US-led coalition"
    assert contextualise("Military Forces of the United States", "A US drone strike in Iraq.") == \
        "Military Forces of the United States"
    saudi = "The Saudi-led coalition said the coalition..."
    assert contextualise("US-led coalition", saudi) == "Saudi-led coalition"


def test_compatibility_groups() -> None:
    assert compatible("Military Forces of Syria", "Pro-government forces")
    assert compatible(None, "Islamic State")
    assert not compatible("Military Forces of Syria", "Popular Mobilization Forces")
    assert not compatible("Islamic State", "US-led coalition")


def test_a_country_named_as_the_origin_of_fire_is_no_actor() -> None:
    from incidentmap.actors import find

    assert [m.name for m in find("A drone launched from Yemen struck a tanker off the coast.")] == []
    assert [m.name for m in find("Iran fired missiles at the base.")] == ["Military Forces of Iran"]
