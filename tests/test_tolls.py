"""Fatalities and injuries: counts tied to people and to killing/injury, ACLED's reading of vague words."""

from __future__ import annotations

import pytest

from incidentmap.tolls import fatalities, injuries


@pytest.mark.parametrize(
    ("sentence", "dead", "hurt"),
    [
        ("A drone attack by the coalition killed 40 Syrian soldiers and allies and injured 30 in the desert.",
         40, 30),
        ("At least 52 fighters were killed in the attacks, including a number of Syrian troops.", 52, None),
        ("In February, dozens of fighters - many of them mercenaries - were killed in strikes.", 12, None),
        ("Last month a dozen pro-regime fighters were killed in an airstrike.", 12, None),
        ("Warplanes struck the city, killing at least 14 civilians and wounding 26 others.", 14, 26),
        ("Russian shelling of Kharkiv killed two people and injured at least 15, the governor said.", 2, 15),
        ("Two civilians were killed and 15 were wounded when artillery hit the centre.", 2, 15),
        ("A soldier was killed and two were wounded when their vehicle hit a landmine.", 1, 2),
        ("Several civilians were killed in the shelling.", 10, None),
        ("Hundreds of people were killed in the offensive.", 100, None),
        ("The death toll rose to 23 on Wednesday.", 23, None),
        ("No casualties were reported.", 0, None),
        ("The strike killed a number of militants.", None, None),
        ("Five June 1 strikes engaged two units and destroyed 17 fighting positions and an IED.", None, None),
        ("The military dropped about 90,000 leaflets this week.", None, None),
        ("Airstrikes destroyed a tank, two front-end loaders and a vehicle on May 18.", None, None),
        ("At least 484 civilians were killed in US-led strikes since 2014.", None, None),
        ("An IED exploded near a patrol in Tarmiyah on Thursday, wounding three fighters.", None, 3),
    ],
)
def test_tolls(sentence: str, dead: int | None, hurt: int | None) -> None:
    assert (fatalities(sentence), injuries(sentence)) == (dead, hurt)


def test_groups_of_dead_listed_before_the_verb_add_up() -> None:
    assert fatalities("Eight soldiers and 14 militants were killed in the clashes, officials said.") == 22
    assert fatalities("Four police officers, two guards and a driver were killed.") == 7
    assert fatalities("31 people, nine of them children, were killed.") == 31


def test_a_death_toll_that_has_risen() -> None:
    assert fatalities("The death toll from Sunday's bombing of the market in the town has risen to 41.") == 41


def test_a_day_of_the_month_is_not_a_toll() -> None:
    assert fatalities("The raid on the village on 3 March left 20 people dead.") == 20
    assert fatalities("The blast on 9 May 2021 killed dozens of people.") == 12
