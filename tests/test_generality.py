"""Rules written for unseen articles (not the seeds): tolls listed in groups, places that only qualify
another place or only say where a weapon came from, abductions, and a headline's country as context."""

from __future__ import annotations

import datetime as dt

from incidentmap import tolls
from incidentmap.models import Article
from incidentmap.pipeline import extract_article


def test_tolls_sum_listed_groups_but_not_subsets() -> None:
    assert tolls.fatalities("A bomb exploded, killing at least 60 Afghans and 13 US service members.") == 73
    assert tolls.fatalities("Gunmen attacked a post, killing 53 soldiers and one civilian.") == 54
    assert tolls.fatalities("The missile hit a market, killing 23 people, three of them children.") == 23
    resort = "Shells hit a resort, killing nine tourists, including children, and wounding 23."
    assert (tolls.fatalities(resort), tolls.injuries(resort)) == (9, 23)


def one(text: str, published: str, title: str = "") -> list:
    day = dt.date.fromisoformat(published)
    return extract_article(Article(id="a", text=text, title=title, published=day))


def test_place_where_the_weapon_came_from_is_not_the_target() -> None:
    [incident] = one("Cruise missiles fired from a ship in the Black Sea hit the centre of Odesa on Sunday, "
                     "killing four people, officials said.", "2023-07-24")
    assert incident.location.startswith("Odes") and incident.country == "Ukraine"
    assert incident.event_date == dt.date(2023, 7, 23) and incident.fatalities == 4


def test_a_place_that_qualifies_another_is_not_the_place() -> None:
    [incident] = one("Shelling hit a market in the Black Sea port of Odesa on Tuesday, killing two people.",
                     "2023-07-26")
    assert incident.location.startswith("Odes")


def test_abduction_beats_the_storming_that_led_to_it() -> None:
    [incident] = one("Gunmen stormed a boarding school in Kankara, in Nigeria's Katsina state, on Friday "
                     "night and abducted more than 300 boys, police said.", "2020-12-13")
    assert (incident.event_type, incident.sub_event_type) == (
        "Violence against civilians", "Abduction/forced disappearance")
    assert incident.event_date == dt.date(2020, 12, 11)


def test_blame_for_an_attack_refers_back_and_names_no_new_place() -> None:
    incidents = one("Artillery shells hit a resort near Zakho in northern Iraq on Wednesday, killing nine "
                    "tourists.\n\nIraq blamed Turkey for the shelling and recalled its envoy from Ankara.",
                    "2022-07-21")
    assert len(incidents) == 1 and incidents[0].location in {"Zaxo", "Zakho"}


def test_a_sentence_about_the_same_attackers_adds_to_the_incident() -> None:
    incidents = one("Gunmen stormed a village school in Zamfara state on Friday and abducted 279 girls, "
                    "police said.\n\nThe attackers arrived on motorcycles, set fire to classrooms and "
                    "drove the girls into the forest, witnesses said.", "2021-02-27")
    assert len(incidents) == 1
    assert incidents[0].sub_event_type == "Abduction/forced disappearance"
    assert "set fire to classrooms" in incidents[0].notes


def test_whole_text_trigger_check_agrees_with_the_sentences() -> None:
    """extract_article stops early when no trigger matches the whole text: that must never lose one."""
    from incidentmap import clean, triggers

    texts = [
        "The council met on Tuesday to discuss the budget. Rain is expected later in the week.",
        "Talks continued in Geneva.\n\nJets bombed the town of Maarat on Monday, killing five.",
        "He recalled the hunger strikes of 1981. Nothing else happened.",
        "Troops clashed with militants near the border. The army said two soldiers died.",
    ]
    for text in texts:
        per_sentence = any(triggers.candidates(s.text) for s in clean.sentences(text))
        assert triggers.any_match(text) == per_sentence, text


def test_headline_and_body_are_each_others_context() -> None:
    incidents = one("A Russian cruise missile hit an apartment block in the central Ukrainian city of Uman "
                    "early on Friday, killing 23 people.\n\nAir defences shot down 21 of the 23 cruise "
                    "missiles launched overnight, the air force said.", "2023-04-29",
                    title="Missile hits apartment block in Uman")
    assert [i.country for i in incidents] == ["Ukraine", "Ukraine"]
    assert tolls.fatalities("An air strike hit a prison, killing at least 70 detainees.") == 70
