"""Cleaning drops spliced headlines, bylines and boilerplate; sentences keep exact offsets."""

from __future__ import annotations

from incidentmap.clean import kept_spans, sentences, split_sentences

PAGE = """Unrelated Celebrity Story Makes Waves

Army Col. Jane Smith said the strike hit a depot near the town of Hit. It was the second this month.

  • John Example

Markets Rally As Oil Prices Climb
Officials said drones attacked a base on Friday.

Recommended News

We are glad you could join the discussion here.
Some of the comments may be reprinted elsewhere in the site.
"""


def test_headlines_bylines_and_boilerplate_dropped() -> None:
    kept = " ".join(PAGE[s:e] for s, e in kept_spans(PAGE))
    assert "Celebrity" not in kept and "Markets Rally" not in kept
    assert "John Example" not in kept
    assert "Recommended" not in kept and "comments may be reprinted" not in kept
    assert "drones attacked a base" in kept and "Col. Jane Smith" in kept


def test_byline_with_date_dropped() -> None:
    text = "by Example Staff, June 2, 2017\n\nRebels seized the village on Monday.\n"
    assert [s.text for s in sentences(text)] == ["Rebels seized the village on Monday."]


def test_sentence_offsets_are_exact() -> None:
    for s in sentences(PAGE):
        assert PAGE[s.start:s.end] == s.text
    texts = [s.text for s in sentences(PAGE)]
    assert texts == [
        "Army Col. Jane Smith said the strike hit a depot near the town of Hit.",
        "It was the second this month.",
        "Officials said drones attacked a base on Friday.",
    ]


def test_abbreviations_and_missing_spaces() -> None:
    text = ("U.S. Army Maj. Gen. John Doe said U.S. forces struck Lt. Col. Roe's unit. "
            "A deal between Turkey and the U.S.to withdraw forces held. "
            "Two were killed.The army said 3.5 tons were seized. He left at 5 p.m. on Monday.")
    got = [s.text for s in split_sentences(text, [(0, len(text))])]
    assert got == [
        "U.S. Army Maj. Gen. John Doe said U.S. forces struck Lt. Col. Roe's unit.",
        "A deal between Turkey and the U.S.to withdraw forces held.",
        "Two were killed.",
        "The army said 3.5 tons were seized.",
        "He left at 5 p.m. on Monday.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = ('"You are within an established zone, leave the area immediately," a leaflet read. '
            'A correspondent said: "Troops killed in a raid south of the town". Then it ended.')
    got = [s.text for s in split_sentences(text, [(0, len(text))])]
    assert got == [
        '"You are within an established zone, leave the area immediately," a leaflet read.',
        'A correspondent said: "Troops killed in a raid south of the town".',
        "Then it ended.",
    ]


def test_hard_wrapped_paragraph_is_one_block() -> None:
    text = ("Government forces shelled the eastern districts of the city for a third\n"
            "day on Tuesday, residents said, and at least four people were killed.\n")
    [s] = sentences(text)
    assert s.text.startswith("Government forces") and s.text.endswith("were killed.")


def test_bulletin_lines_without_full_stops_are_kept() -> None:
    text = "Russian army shelled Kherson, 2 killed\nExplosions reported in Kyiv\nDrone shot down over Odesa"
    assert [s.text for s in sentences(text)] == [
        "Russian army shelled Kherson, 2 killed", "Explosions reported in Kyiv", "Drone shot down over Odesa"]
    assert [s.text for s in sentences("Shelling hit Donetsk on Friday")] == ["Shelling hit Donetsk on Friday"]


def test_wire_credits_captions_and_share_lines_dropped() -> None:
    text = ("BAGHDAD (Wire) - A roadside bomb killed two soldiers near Tarmiyah on Monday, police said.\n\n"
            "Image caption: Soldiers at a checkpoint\n\nRelated: Iraq violence\n\n"
            "Reporting by Jane Roe; Editing by John Doe\n\nShare | Tweet | Email\n")
    assert [s.text for s in sentences(text)] == [
        "BAGHDAD (Wire) - A roadside bomb killed two soldiers near Tarmiyah on Monday, police said."]
