"""Event detection: what happened is kept with its ACLED type; what did not happen is dropped."""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.clean import split_sentences
from incidentmap.triggers import detect, is_anaphoric, specify

PUB = dt.date(2020, 3, 12)


def kind(sentence: str) -> tuple[str, str] | None:
    trigger, _ = detect(sentence, PUB)
    if trigger is None:
        return None
    specify(trigger, split_sentences(sentence, [(0, len(sentence))]), 0, sentence)
    return trigger.event_type, trigger.sub_event_type


AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELL = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
CLASH = ("Battles", "Armed clash")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Saudi-led coalition warplanes struck the port city of Hodeidah on Tuesday, killing 14.", AIR),
        ("A US drone strike killed two commanders near al-Qaim in Anbar province late on Wednesday.", AIR),
        ("Russian forces shelled the centre of Kharkiv overnight, killing two people.", SHELL),
        ("Three soldiers were killed when their convoy hit an improvised explosive device near Gao.",
         IED),
        ("A roadside bomb exploded near a patrol in Tarmiyah, wounding three.", IED),
        ("Houthi fighters and government forces clashed near the town of Hays on Monday.", CLASH),
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu.",
         ("Explosions/Remote violence", "Suicide bomb")),
        ("Air defences shot down a drone over the base on Thursday.",
         ("Strategic developments", "Disrupted weapons use")),
        ("The military dropped about 90,000 leaflets over the town this week.",
         ("Strategic developments", "Other")),
        ("Ukrainian troops recaptured the village of Klishchiivka on Sunday.",
         ("Battles", "Non-state actor overtakes territory")),
        ("Gunmen on motorbikes attacked the village, killing 12 civilians.",
         ("Violence against civilians", "Attack")),
        ("Militants kidnapped five aid workers on the road to Gao.",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("Fighters crossed the border into Syria on Friday.",
         ("Strategic developments", "Non-violent transfer of territory")),
        ("The convoy came under attack south of the town, officials said, as jets circled overhead.", AIR),
        ("Mortar rounds hit the camp on Tuesday, officials said.", SHELL),
        ("Iran fired more than a dozen ballistic missiles at the air base early on Wednesday.", SHELL),
        ("Missiles also struck a base near the city, officials said.", SHELL),
        ("A truck packed with explosives blew up at a busy junction on Saturday, killing 231 people.", IED),
        ("Government forces managed to seize the town of Saraqeb on Monday.",
         ("Battles", "Non-state actor overtakes territory")),
        ("Troops began shelling rebel positions near Idlib on Monday.", SHELL),
        ("The president survived an assassination attempt on Sunday.",
         ("Violence against civilians", "Attack")),
    ],
)
def test_incidents_and_types(sentence: str, expected: tuple[str, str]) -> None:
    assert kind(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The group had threatened to hit US positions, warning that restraint over strikes would end.",
        "US-backed fighters' assault on the city is imminent, officials said.",
        "The rebels said they will attack the base if talks fail.",
        "Moscow called on the coalition to use care when planning airstrikes against the group.",
        "The ministry denied that its jets had bombed the market.",
        "The coalition did not carry out any strikes in the area, a spokesman said.",
        "The two forces have clashed regularly in the area.",
        "The coalition has struck pro-government forces in the past when they tried to cross the river.",
        "The coalition conducted 21 strikes in the past week in support of Iraqi forces.",
        "US-led strikes have killed at least 484 civilians since 2014.",
        "It is the third confrontation between the two sides near the base since mid-May.",
        "They are competing to capture land as the group comes under intense attack in Iraq.",
        "The forces are using a garrison to stage attacks against the jihadists.",
        "Will the army strike again?",
        "Rebels plan to seize the town.",
        "He was killed in a car accident on Monday.",
        "The Houthis say their attacks are in solidarity with Palestinians in Gaza.",
        "The Taliban have stepped up attacks across the country since talks collapsed.",
        "Officials fear possible retaliatory attacks on US forces.",
        "The Houthis have fired hundreds of missiles and drones at Saudi cities.",
        "Governments faced criticism for arms sales, which are used in air strikes.",
        "A strike by dock workers in Aden on Monday halted shipments for several hours.",
        '"If the coalition attacks the port, we will respond," an official told reporters.',
        "Since then, the conflict has killed tens of thousands of people.",
        "Islamic State was defeated in 2017 but its fighters still mount sporadic attacks in rural areas.",
        "The group has carried out dozens of attacks in the region this year.",
        "The operation was in retaliation for a missile attack on the city a day earlier.",
        "The camp housed members of armed groups that signed a 2015 peace deal.",
        "Russian forces have been shelling the city for more than two weeks.",
        "The militia has been blamed by Washington for a rocket attack in December.",
    ],
)
def test_what_did_not_happen_is_dropped(sentence: str) -> None:
    assert kind(sentence) is None


def test_a_specific_day_overrides_a_habit() -> None:
    s = ("The area has been the scene of repeated incidents, including on Thursday when a warplane shot down "
         "a drone near the area.")
    assert kind(s) == ("Strategic developments", "Disrupted weapons use")


def test_negation_inside_a_subordinate_clause_does_not_block() -> None:
    s = "A platoon has not moved since coalition airstrikes destroyed a tank on May 18."
    assert kind(s) == AIR


def test_generic_attack_takes_means_from_neighbours() -> None:
    text = ("The attack Tuesday against militia fighters took place near the garrison. "
            "It was carried out by manned aircraft.")
    sentences = split_sentences(text, [(0, len(text))])
    trigger, _ = detect(sentences[0], PUB)
    assert trigger.rule.generic
    assert specify(trigger, sentences, 0, text).sub_event_type == "Air/drone strike"
    text2 = ("The attack Tuesday against militia fighters took place near the garrison. "
             "Gunfire was heard for hours.")
    sentences2 = split_sentences(text2, [(0, len(text2))])
    trigger2, _ = detect(sentences2[0], PUB)
    assert specify(trigger2, sentences2, 0, text2).event_type == "Battles"


def test_back_references() -> None:
    s = "An official confirmed the strike was carried out by manned aircraft."
    trigger, _ = detect(s, PUB)
    assert is_anaphoric(s, trigger)
    s2 = "A drone strike hit the convoy."
    assert not is_anaphoric(s2, detect(s2, PUB)[0])


def test_numbers_people_and_generalities_are_no_incidents() -> None:
    from incidentmap.models import Sentence

    def found(text: str) -> bool:
        return detect(Sentence(text, 0, len(text), 0), dt.date(2021, 2, 16))[0] is not None

    assert not found("The village's population fell to 310 by the late 1950s.")
    assert found("The border town fell to the rebels on Sunday.")
    assert not found("Some 200 captured government soldiers were paraded through the town.")
    assert found("Militants captured the district centre on Friday.")
    assert not found("Drone attacks on the airport have become increasingly common since 2019.")


def test_a_failed_assault_happened_but_a_planned_one_did_not() -> None:
    from incidentmap.models import Sentence

    def found(text: str) -> bool:
        return detect(Sentence(text, 0, len(text), 0), dt.date(2024, 3, 16))[0] is not None

    assert found("Before dawn on Friday, gunmen tried to attack a police post outside the town.")
    assert found("Insurgents attempted to raid the army camp overnight but were driven back.")
    assert not found("The militants plan to attack the camp next week.")
    assert not found("Officials said the group would try to attack the convoy.")
