"""Property tests (hypothesis): whatever the text, extraction never raises, every span points at its own text,
dates stay near the publication date, and the same input gives the same output.

CI runs the `ci` profile (200 examples per property); `bench/bench_properties.py` runs the `bench` profile
(10,000 per property) and prints the numbers. Choose with `IMAP_HYPOTHESIS=bench pytest ...`.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import gazetteer
from incidentmap import clean
from incidentmap.models import Article, Skipped
from incidentmap.pipeline import extract_article
from incidentmap.readers import iter_articles

COMMON = {"deadline": None, "database": None, "derandomize": False,
          "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci", max_examples=200, **COMMON)
settings.register_profile("bench", max_examples=10_000, **COMMON)
settings.load_profile(os.environ.get("IMAP_HYPOTHESIS", "ci"))

# Words that steer the extractor into every branch: triggers, actors, places in several spellings, dates
# (relative, explicit, impossible), tolls (huge, spelled out), clause separators and quotes.
WORDS = [
    "killed", "were killed", "wounded", "airstrike", "air strike", "shelled", "clashes", "clashed with",
    "bombed", "car bomb exploded", "suicide bomber", "ambushed", "shot down", "protesters", "rallied",
    "rioters", "abducted", "seized", "captured", "attacked", "fired rockets at", "drone strike", "IED",
    "claimed responsibility for the attack", "no group claimed the attack", "also", "another", "elsewhere",
    "the strike", "the attacks", "while", ";", ", meanwhile,", "said", "activists said", '"', "“", "”",
    "Islamic State", "ISIS", "US-led coalition", "Russian jets", "Syrian army", "Houthi rebels",
    "Saudi-led coalition", "al-Shabaab", "JNIM", "Ukrainian forces", "police", "civilians", "soldiers",
    "At Tanf", "At-Tanf", "al-Tanf", "Tanf", "Bukamal", "Albu Kamal", "Abu Kamal", "Deir Ezzor",
    "Deir ez-Zor", "Raqqa", "Qaim", "the Badia", "Mosul", "Kirkuk", "Gao", "Hodeidah", "Kharkiv", "Syria",
    "Iraq", "near", "in", "outside", "north of", "km from", "province", "village of",
    "on Monday", "on Sunday", "yesterday", "today", "last week", "last month", "last year", "in 2014",
    "in 1998", "in 1066", "on June 5", "May 31, 2017", "2017-06-08", "31 February", "February 30",
    "in 2090", "the following day", "later that day", "two days ago", "earlier this month", "in March",
    "12", "three", "dozens of", "at least 40", "99999999999999999999999999", "1e308", "-5", "0",
    "killing 7 people", "killing 10000000000 people", "A", "The", ".", ",", "!", "?", "...", "\n", "\n\n",
    "(AFP) -", "—", "–", "’s", "'", "#", "*", "<b>", "&amp;", "\u200b", "\u202e", "\ufeff", "ﷺ", "😀",
]
SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", ". ", ", ", "\t", "  "])
PUBLISHED = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31))

word_salad = st.lists(
    st.tuples(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.text(max_size=8),
                        st.integers(min_value=-(10**30), max_value=10**30).map(str)), SEPARATORS),
    max_size=60,
).map(lambda parts: "".join(w + s for w, s in parts))
ACTORS = ["Islamic State fighters", "US-led coalition aircraft", "Russian jets", "The Syrian army", "Gunmen",
          "Houthi rebels", "A suicide bomber", "Protesters", "Unidentified attackers", "Police"]
ACTIONS = ["struck", "shelled", "attacked", "bombed", "killed 12 people in", "clashed with soldiers in",
           "rallied in", "ambushed a convoy near", "fired rockets at", "seized", "detonated a car bomb in"]
PLACES = ["At Tanf", "al-Tanf", "Albukamal", "Abu Kamal", "Deir ez-Zor", "Raqqa", "Qaim", "Mosul",
          "the Badia desert", "Gao", "Hodeidah", "Kharkiv", "a village 20 km north of Palmyra", "Xyzzy"]
WHEN = ["on Monday", "on Friday", "yesterday", "last week", "on June 5", "on 8 June 2017", "in March",
        "in 1998", "two days ago", "on February 30", "in 2090", "the following day", "", "last year"]
TOLLS = ["", ", killing 12 civilians", ", killing at least 40 people", ", wounding dozens",
         ", killing 99999999999999999999 people", ", leaving three dead and 10000000000 injured"]
report = st.builds(
    lambda a, v, p, w, t, noise: f"{a} {v} {p} {w}{t}.{noise}",
    st.sampled_from(ACTORS), st.sampled_from(ACTIONS), st.sampled_from(PLACES), st.sampled_from(WHEN),
    st.sampled_from(TOLLS), st.one_of(st.just(" "), word_salad),
)
reports = st.lists(report, min_size=1, max_size=5).map(" ".join)
any_text = st.one_of(st.text(max_size=400), word_salad, reports, reports,
                     st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
LATEST_AFTER = dt.timedelta(days=2)  # "on June 5" in a paper dated June 3 (dates._before_or_on)


def check_extraction(text: str, published: dt.date | None) -> None:
    """Every invariant of one article's extraction."""
    article = Article(id="a.txt", text=text, title="", published=published, source="wire.example")
    first = extract_article(copy.deepcopy(article))
    again = extract_article(copy.deepcopy(article))
    assert [i.to_properties() for i in first] == [i.to_properties() for i in again]  # deterministic
    assert len({i.mention_id for i in first}) == len(first)
    named_years = {int(y) for y in YEAR.findall(text)}
    event(f"incidents: {min(len(first), 3)}{'+' if len(first) >= 3 else ''}")
    if any(i.event_date for i in first):
        event("a dated incident")
    if any(i.latitude is not None for i in first):
        event("a placed incident")
    for incident in first:
        start, end = incident.sentence_start, incident.sentence_end
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == incident.evidence and incident.evidence.strip()
        assert incident.time_precision in (1, 2, 3) and incident.geo_precision in (1, 2, 3)
        assert incident.fatalities is None or incident.fatalities >= 0
        if incident.latitude is not None:
            assert -90 <= incident.latitude <= 90 and -180 <= incident.longitude <= 180
        if incident.event_date is not None and published is not None:
            # a day or two after publication (time zones), 25 years before it, or a year the text names
            # (an explicit "4 March 2021" beats a publication date that may be wrong)
            floor = dt.date(published.year - 25, published.month, min(published.day, 28))
            assert floor <= incident.event_date <= published + LATEST_AFTER or (
                incident.event_date.year in named_years), (incident.event_date, published)
        elif incident.event_date is not None:  # without a publication date only an explicit date counts
            assert incident.event_date.year in named_years


@given(text=any_text, published=st.one_of(PUBLISHED, st.none()))
@example(text="Gunmen killed three villagers two days ago.", published=None)  # raised TypeError once
@example(text="Jets struck Raqqa on Monday.", published=dt.date(2016, 2, 29))  # 25 years before a 29 February
@example(text="ISLAMIC STATE:STRUCK:1 Jul 2000", published=dt.date(2000, 1, 1))
@example(text="Islamic State struck Ta. Islamic State struck the following day. Islamic State struck the "
              "following day. Islamic State struck the following day", published=dt.date(2000, 1, 1))
def test_extraction_invariants(text: str, published: dt.date | None) -> None:
    check_extraction(text, published)


@given(text=any_text)
def test_place_mentions_and_sentences_point_at_their_text(text: str) -> None:
    for mention in gazetteer.geoparse(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
    previous_end = 0
    for sentence in clean.sentences(text):
        assert previous_end <= sentence.start <= sentence.end <= len(text)
        assert text[sentence.start:sentence.end] == sentence.text
        previous_end = sentence.end


SUFFIXES = st.sampled_from([".txt", ".md", ".json", ".jsonl", ".csv", ".html"])


@given(data=st.one_of(st.binary(max_size=600), word_salad.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=SUFFIXES)
@example(data=b"\xfe\xff", suffix=".jsonl")  # a byte-order mark alone was dropped without a word
@example(data="\ufeff\n\n".encode("utf-16"), suffix=".jsonl")
def test_readers_never_raise_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_articles([path]))
    assert items, "every file is read or skipped, never dropped"
    for item in items:
        if isinstance(item, Skipped):
            assert item.path.startswith(str(path)) and "\n" not in item.message()
        else:
            assert isinstance(item, Article) and item.text.strip()
            check_extraction(item.text, item.published)
