"""The regex pre-filter only skips patterns that cannot match: same trigger candidates as running them all."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap import prefilter, triggers


def _all_candidates(text: str) -> list[tuple[str, int, int]]:
    """Every trigger match found by running every pattern (no pre-filter)."""
    found = []
    for rule in triggers.config().rules:
        if rule.requires is not None and not rule.requires.search(text):
            continue
        for pattern in rule.patterns:
            found += [(rule.name, m.start(), m.end()) for m in pattern.finditer(text)]
    return sorted(found)


def _filtered(text: str) -> list[tuple[str, int, int]]:
    return sorted((t.rule.name, t.start, t.end) for t in triggers.candidates(text))


def test_required_literals_of_a_pattern():
    pattern = re.compile(r"\b(?:shot|gunned) down\b", re.IGNORECASE)
    assert prefilter.Prefilter([pattern]).possible("Rebels SHOT DOWN a jet") == {0}
    assert prefilter.Prefilter([pattern]).possible("Rebels shot a jet down") == set()
    air = prefilter.Prefilter([re.compile(r"\bair[ -]?strikes?\b", re.IGNORECASE)])
    assert air.possible("an Air-Strike hit") == {0} and air.possible("an air raid") == set()


def test_pattern_without_literal_is_always_run():
    pattern = re.compile(r"\b\w+\d\b")
    assert prefilter.Prefilter([pattern]).possible("nothing") == {0}


def test_two_letter_literals_filter_but_do_not_anchor():
    pattern = re.compile(r"\b(?:the )?u\.?s\.?\b", re.IGNORECASE)
    us = prefilter.Prefilter([pattern])
    assert us.possible("nothing here") == set() and us.possible("the U.S. said") == {0}
    assert 0 not in us.anchored


def test_fold_table_matches_the_regex_engine():
    """Every non-ASCII character the engine equates to an ASCII letter under IGNORECASE is in FOLD."""
    everything = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    engine = {ord(ch): letter for letter in "abcdefghijklmnopqrstuvwxyz"
              for ch in re.findall(letter, everything, re.IGNORECASE)}
    assert engine == prefilter.FOLD


def test_odd_case_letters_still_match():
    text = "Gunmen KİLLED two and ſhelled the town"  # dotted capital I, long s: the engine matches them
    assert _filtered(text) == _all_candidates(text) != []


SENTENCES = [
    "Coalition aircraft struck an IS position near al-Bukamal on Tuesday, killing 12 fighters.",
    "A roadside bomb exploded in Kirkuk, wounding three soldiers.",
    "Protesters gathered in the capital and police fired tear gas.",
    "The museum holds paintings from the nineteenth century.",
    "Air-strikes and an air raid hit the town; militants shot dead a guard.",
]


def test_real_sentences_same_candidates():
    for text in SENTENCES:
        assert _filtered(text) == _all_candidates(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["killed", "air", "strike", "strikes", "-", " ", "shot", "down", "gunned", "bomb", "car", "the", "İ", "ſ",
     "rocket", "fired", "at", "a", "jet", "protesters", "clashed", "with", "police", ",", "."]), max_size=14))
def test_random_word_soup_same_candidates(words):
    text = " ".join(words)
    assert _filtered(text) == _all_candidates(text)


def test_caseless_symbols_are_literals():
    """"©" has no other case, so it can be a required literal; a non-ASCII letter cannot."""
    pattern = re.compile(r"(all rights reserved|^copyright\b|^©)", re.IGNORECASE)
    found = prefilter.Prefilter([pattern])
    assert found.always == set()
    assert found.possible("© 2017 Example News") == {0} and found.possible("COPYRIGHT 2017") == {0}
    assert found.possible("The capital of the province") == set()
    assert prefilter.Prefilter([re.compile("é", re.IGNORECASE)]).always == {0}


def test_anchored_patterns_find_the_same_matches_only_where_they_can_start():
    patterns = [
        re.compile(r"(?<!heart )\battack(?:ed|s)?\b", re.IGNORECASE),  # lookbehind before the literal
        re.compile(r"\btook (?:over )?(?:(?-i:[A-Z])\w+ ?){1,3} from\b", re.IGNORECASE),
        re.compile(r"\b(?:air[ -]?strikes?|shelling)\b", re.IGNORECASE),
        re.compile(r"(?:\w+ )?bombed\b", re.IGNORECASE),  # may start anywhere: not anchored
    ]
    filt = prefilter.Prefilter(patterns)
    assert filt.anchored == {0, 1, 2}
    text = ("A heart attack, then ATTACKS; rebels took over Tal Afar from IS. Airstrikes and air-strike "
            "shelling; an attackers' camp was bombed. Attacked attacked.")
    scan = filt.scan(text)
    for n, pattern in enumerate(patterns):
        expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
        assert [(m.start(), m.end()) for m in filt.finditer(n, text, scan)] == expected
        first = pattern.search(text)
        found = filt.search(n, text, scan)
        assert (found.span() if found else None) == (first.span() if first else None)
    assert [m.group() for m in filt.finditer(0, text, scan)] == ["ATTACKS", "Attacked", "attacked"]
    assert scan.starts[0][0] == text.index("attack")  # the heart attack's literal is a start, tried, refused


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["killed", "air", "strike", "strikes", "-", " ", "shot", "down", "ΣΑΣ", "bomb", "İ", "ſ", "K", "rocket",
     "fired", "at", "a", "jet", "clashed", ",", "."]), max_size=16), st.integers(0, 80), st.integers(0, 80))
def test_article_hits_scan_any_stretch_like_its_own_pass(words, a, b):
    """`TextHits` (one pass over an article) scans a stretch as a pass over the stretch would, and
    candidates/possible given it find the same triggers."""
    text = " ".join(words)
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    stretch = text[start:end]
    hits = triggers.scan_article(text)
    mine, own = hits.scan(start, end), triggers._prefilter()[0].scan(stretch)
    assert (mine.live, mine.starts) == (own.live, own.starts)
    assert triggers.possible(stretch, hits, start) == triggers.possible(stretch)
    found = [(t.rule.name, t.start, t.end) for t in triggers.candidates(stretch, hits, start)]
    assert found == [(t.rule.name, t.start, t.end) for t in triggers.candidates(stretch)]
