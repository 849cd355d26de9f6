"""Dates: when an incident happened, resolved against the article's publication date.

News gives relative dates ("on Tuesday", "earlier this week", "last month"). Each cue becomes a date plus an
ACLED time_precision (1 day, 2 week, 3 month). Old events ("last year", "in February") are kept but flagged
as background; a sentence without any cue falls back to the publication date at week precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from incidentmap.models import TIME_DAY, TIME_MONTH, TIME_WEEK
from incidentmap.prefilter import Prefilter

MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {d: n for n, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"])}
SAME_DAY = "same day as the incident reported before"
NEXT_DAY = "the day after the incident reported before"
DAYS_LATER = re.compile(r"(\d+) days (after|before) the incident reported before")  # "two days later"


THAT_YEAR = re.compile(r"\s*,?\s*(?:of\s+)?that\s+year\b", re.IGNORECASE)


def in_year_named_before(info: DateInfo, sentence: str, before: str, published: dt.date | None) -> None:
    """"On 17 March that year": the year is the one the text named last before the sentence, not the year
    of publication (the day and month stay). `before` is the article text preceding the sentence."""
    if info.date is None or info.start < 0 or not THAT_YEAR.match(sentence, info.start + len(info.text)):
        return
    years = re.findall(r"\b(?:1[5-9]|20)\d\d\b", before[-1500:])
    if not years:
        return
    try:
        info.date = info.date.replace(year=int(years[-1]))
    except ValueError:  # 29 February
        return
    info.text += " that year"
    if published is not None:
        info.background = (published - info.date).days > BACKGROUND_DAYS


def days_after_last(note: str) -> int | None:
    """How many days after the incident reported before a date note says (0 the same day), or None."""
    if SAME_DAY in note:
        return 0
    if NEXT_DAY in note:
        return 1
    found = DAYS_LATER.search(note)
    if not found:
        return None
    return int(found.group(1)) * (1 if found.group(2) == "after" else -1)
REPORTED_DAY = "the day it was reported, not necessarily the day it happened"
RELATIVE_BETWEEN = re.compile(r",\s+(?:which|who)\s[^,;]*$")
LATER_DAY = re.compile(r"\b(?:next|following|later|after)\b", re.IGNORECASE)
OTHER_DAY_BETWEEN = re.compile(r"\b(?:after|before|since|until|ahead of|of|than)\s+(?:[\w-]+\s+){0,3}$|"
                               r"\b(?:after|before|since|until|ahead of)\b", re.IGNORECASE)
# "officials said on Sunday that a strike had killed ...": a day attached to the reporting verb
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|told (?:[\w-]+ ){0,3}?|announced|reported|confirmed|stated|added|disclosed|revealed)\s+"
    r"(?:on\s+|late\s+on\s+|early\s+on\s+)?$",
    re.IGNORECASE,
)
# "Late on Sunday, the UN's coordinator said 110 civilians had been killed": a day that opens the sentence and
# a reporting clause after it is the day of saying too
OPENING_DAY = re.compile(r"^\W*(?:(?:late|early)\s+)?(?:on\s+)?$", re.IGNORECASE)
REPORTING_AFTER = re.compile(
    r",\s+(?:[\w'’.-]+,?\s+){1,14}?(?:said|says|told\s+[\w-]+|announced|reported|confirmed|stated)\b",
    re.IGNORECASE)
REPORTING_VERB_AFTER = re.compile(
    r"\s*,?\s*(?:accused|blamed|said|announced|reported|confirmed|stated|told|condemned|denounced)\b",
    re.IGNORECASE)
# An event older than this (in days before publication) is context, not news.
BACKGROUND_DAYS = 45

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?:[12]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]|20)\d\d"  # 1500-2099: history in background paragraphs too ("in January 1862")

# the dated lead of a timeline entry, at the start of its line: "**10 May.**", "- **30 September 2019, Mondoro
# (Mali).**", "* March 12, 2021:"
ENTRY_LEAD = re.compile(
    rf"^[ \t]*(?:[-*•·][ \t]+)?(?:\*\*|__)?[ \t]*(?P<lead>(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?|"
    rf"{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+{_YEAR})?)\b(?=[^\n]{{0,60}}?(?:\*\*|__|[.:\u2013\u2014-]))",
    re.MULTILINE)
# a line of its own that dates the paragraphs under it, up to the next such line or heading: "19 April 2013",
# "## 16 March - Mariupol, Donetsk region", "**24-26 April 2013**", "May 2013" (a month: a boundary, no day)
_RANGE_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2}(?:st|nd|rd|th)?)?"
HEADING_LEAD = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]+)?(?:\*\*|__)?[ \t]*"
    rf"(?P<lead>(?:{_RANGE_DAY}\s+{_MONTH}|{_MONTH}\s+{_RANGE_DAY})(?:,?\s+{_YEAR})?|{_MONTH}\s+{_YEAR}|{_YEAR}-[01]\d-[0-3]\d)\b"
    rf"(?P<rest>(?:\s*[-:,(\u2013\u2014|][^\n.!?]{{0,70}})?)(?:\*\*|__)?[ \t]*$",
    re.MULTILINE)
MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+\S", re.MULTILINE)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# (pattern, kind); matched case-sensitively where case tells a month or weekday from a common word.
CUES: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), "iso"),
    (re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b"), "mdy"),
    (re.compile(rf"\b(?P<d>{_DAY})\s+(?P<mon>{_MONTH})\s+(?P<y>{_YEAR})\b"), "dmy"),
    (re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>{_DAY})\b(?!\s*(?:,\s*)?{_YEAR})(?!\s*(?:%|km|per))"),
     "md"),
    (re.compile(rf"\b(?P<d>{_DAY})\s+(?P<mon>{_MONTH})\b(?!\s*{_YEAR})"), "dm"),
    (re.compile(rf"\b(?P<part>early|mid|late)[- ](?P<mon>{_MONTH})\b", re.IGNORECASE), "part_month"),
    # "the Christmas Eve 2019 assault", "on New Year's Day": a fixed day of the calendar
    (re.compile(rf"\b(?P<hol>Christmas Eve|Christmas Day|New Year[’']s Eve|New Year[’']s Day|Boxing Day)"
                rf"(?:\s+(?P<y>{_YEAR}))?\b"), "holiday"),
    # "in the first days of January 2019"
    (re.compile(rf"\bthe (?:first|opening) (?:few )?(?:days|week) of (?P<mon>{_MONTH})"
                rf"(?:\s+(?P<y>{_YEAR}))?\b", re.IGNORECASE), "first_days"),
    (re.compile(rf"\bthe (?P<part>end|beginning|start|middle) of (?P<mon>{_MONTH})\b(?!\s*,?\s*{_YEAR})",
                re.IGNORECASE), "part_month"),
    # "on that Friday": the Friday named before, not the last one before publication
    (re.compile(rf"\b(?i:that|the same)\s+(?P<wd>{_WEEKDAY})\b"), "same_day"),
    (re.compile(rf"\b(?:(?P<last>(?i:last|past|previous))\s+)?(?P<wd>{_WEEKDAY})(?:'s)?\b"), "weekday"),
    # "the November 2015 siege"
    (re.compile(rf"\b(?i:the|a|an|its|their)\s+(?P<mon>{_MONTH})\s+(?P<y>{_YEAR})\b"), "month"),
    (re.compile(r"\b(?:yesterday|the (?:previous|prior) day|the day before|last night|overnight)\b",
                re.IGNORECASE), "yesterday"),
    (re.compile(r"\b(?:later |earlier )?(?:on )?(?:the same day|that same day|that day|the same night|"
                r"(?:in|during|within) the same (?:hours|night|morning|afternoon|evening)|"
                r"that (?:morning|afternoon|evening|night)|"
                r"later that day|hours later|hours earlier|minutes later|shortly afterwards?)\b",
                re.IGNORECASE),
     "same_day"),
    (re.compile(r"\b(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)\s+ago\b",
                re.IGNORECASE), "ago"),
    (re.compile(r"\b(?:the following day|the next day|a day later|the day after)\b", re.IGNORECASE),
     "next_day"),
    (re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)\s+days\s+later\b", re.IGNORECASE),
     "days_later"),
    # "A week before the bus was hit, explosions tore through ...": before the incident just reported
    (re.compile(r"^\W*(?:(?:nearly|almost|about|some|just)\s+)?(?P<n>a|one|two|three|four|five|six|seven)\s+"
                r"(?P<unit>days?|weeks?)\s+(?:before|earlier than)\s+(?:the|that|this)\b[^,;]{0,60},",
                re.IGNORECASE), "before_last"),
    (re.compile(r"\b(?:today|earlier in the day|earlier today|this (?:morning|afternoon|evening)|tonight|"
                r"hours ago)\b", re.IGNORECASE), "today"),
    (re.compile(r"\b(?:in|over|during)\s+(?:the\s+)?(?:past|last)\s+(?:few\s+|several\s+)?days\b|"
                r"\bin recent days\b|\bdays ago\b", re.IGNORECASE), "recent_days"),
    (re.compile(r"\b(?:earlier|later)\s+this\s+week\b|\bthis\s+week\b", re.IGNORECASE), "this_week"),
    (re.compile(r"\b(?:last|past|previous)\s+week\b|\ba week ago\b", re.IGNORECASE), "last_week"),
    # "the weekend attack", "the weekend's killings": the weekend before publication
    (re.compile(r"\b(?:over|at|during)\s+the\s+weekend\b|\b(?:this|last|past)\s+weekend\b|"
                r"\bthe\s+weekend(?:['’]s)?(?=\s+(?:[\w-]+\s+)?(?:attacks?|assaults?|raids?|strikes?|bombings?|"
                r"killings?|massacres?|clashes|fighting|shelling|violence))", re.IGNORECASE),
     "weekend"),
    (re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.IGNORECASE), "this_month"),
    (re.compile(r"\b(?P<part>early|mid|late)[- ](?:last|past|previous)\s+month\b", re.IGNORECASE),
     "part_last_month"),
    (re.compile(r"\b(?:last|past|previous)\s+month\b|\ba month ago\b", re.IGNORECASE), "last_month"),
    (re.compile(r"\b(?:last|past|previous)\s+year\b|\ba year ago\b", re.IGNORECASE), "last_year"),
    # "in 1812", not "of 1500 troops"
    (re.compile(rf"\b(?i:in|during|by|of)\s+(?P<y>{_YEAR})\b(?!\s+(?:people|[a-z]+s)\b)"), "year"),
    (re.compile(r"\b(?i:in|during|by|since|until|through)\s+(?:the\s+)?(?:(?i:early|mid|late)[- ])?"
                r"(?P<y>(?:1[5-9]|20)\d0)['’]?s\b"), "decade"),
    # "a 2015 peace deal"
    (re.compile(rf"\b(?i:a|an|the|its|their|his|her)\s+(?P<y>{_YEAR})\s+(?=[a-z])"), "year"),
    (re.compile(rf"\b(?:(?i:in|during|by|until|since|back in|early|late|mid|last|this past)\s+|(?<=-))"
                rf"(?P<mon>{_MONTH})\b(?!\s+{_DAY}\b)(?:\s+(?P<y>{_YEAR}))?"), "month"),
    # "the Iskander strike of October 2023"
    (re.compile(rf"\b(?i:of)\s+(?P<mon>{_MONTH})\s+(?P<y>{_YEAR})\b"), "month"),
]


# a cheap test that a sentence may hold a date cue at all (a digit, a month or weekday, a relative day word)
CUE_HINT = re.compile(rf"\d|{_MONTH}|{_WEEKDAY}|\b(?:yesterday|today|overnight|tonight|last|this|ago)\b",
                      re.IGNORECASE)


LAST_YEAR_AFTER = re.compile(r"\s*,?\s*(?:of\s+)?last\s+year\b", re.IGNORECASE)
# "in August last year", "January 3 last year"
MONTH_BEFORE = re.compile(rf"\b{_MONTH}(?:\s+{_DAY})?\s*,?\s*(?:of\s+)?$")
# between a weekday and the date it names ("on Sunday, July 31", "Friday 29 July", "Monday (June 3)")
WEEKDAY_TO_DATE = re.compile(r"\s*[,(]?\s*(?:the\s+)?$")
EXPLICIT_KINDS = frozenset({"iso", "mdy", "dmy", "md", "dm"})
HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "new year's eve": (12, 31),
            "new year's day": (1, 1), "boxing day": (12, 26)}


@dataclass
class DateInfo:
    date: dt.date | None
    precision: int
    text: str  # the words the date came from, or "publication date"
    background: bool = False
    note: str = ""
    start: int = -1  # offset of the cue in the sentence (-1: none)


def parse_date_string(value: object) -> dt.date | None:
    """A date from a metadata value: ISO dates/timestamps, "June 2, 2017", "2 June 2017"; else None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return _parse_text(str(value))


@lru_cache(maxsize=256)
def _parse_text(value: str) -> dt.date | None:
    """`parse_date_string` of a string; cached, since a feed's records share a handful of dates."""
    text = value.strip()
    if not text:
        return None
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.match(r"^(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            return None
    for pattern, kind in CUES[1:3]:
        found = pattern.search(text)
        if found:
            return _explicit(found, kind)
    return None


# What every full date holds: a month name, whitespace and a digit ("June 2, 2017", "2 June 2017"), or a year,
# a month and a hyphen ("2017-06-02"). Both tests are cheap; most articles' tops pass neither, and then the
# three full-date patterns (a fifth of a corpus's reading time) need not run.
_MONTH_THEN_DIGIT = re.compile(rf"{_MONTH}\s+\d")
_ISO_HEAD = re.compile(rf"{_YEAR}-[01]\d-")


def find_dateline(text: str, limit: int = 600) -> dt.date | None:
    """A full date ("June 2, 2017", "2 June 2017", "2017-06-02") near the top of an article."""
    head = text[:limit]
    best: tuple[int, dt.date] | None = None
    named = _MONTH_THEN_DIGIT.search(head) is not None
    iso = "-" in head and _ISO_HEAD.search(head) is not None
    for pattern, kind in CUES[:3]:
        if not (iso if kind == "iso" else named):
            continue
        for found in pattern.finditer(head):
            date = _explicit(found, kind)
            if date and (best is None or found.start() < best[0]):
                best = (found.start(), date)
    return best[1] if best else None


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _explicit(found: re.Match, kind: str) -> dt.date | None:
    try:
        if kind == "iso":
            return dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
        day = int(re.match(r"\d+", found["d"]).group())
        return dt.date(int(found["y"]), _month(found["mon"]), day)
    except (ValueError, KeyError):
        return None


def _before_or_on(published: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month/day nearest before publication (a day or two after is allowed)."""
    try:
        date = dt.date(published.year, month, day)
    except ValueError:
        return None
    if date > published + dt.timedelta(days=2):
        try:
            date = dt.date(published.year - 1, month, day)
        except ValueError:
            return None
    return date


def _month_mid(year: int, month: int) -> dt.date:
    return dt.date(year, month, 15)


def _resolve(found: re.Match, kind: str, published: dt.date | None) -> DateInfo | None:
    text = found.group().strip()
    if kind in ("iso", "mdy", "dmy"):
        date = _explicit(found, kind)
        return DateInfo(date, TIME_DAY, text) if date else None
    if kind == "ago" and published is not None:  # an undated article: falls through to "no date" below
        words = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        n = int(found["n"]) if found["n"].isdigit() else words.index(found["n"].lower()) + 2
        if found["unit"].lower().startswith("week"):
            return DateInfo(published - dt.timedelta(weeks=n), TIME_WEEK if n <= 2 else TIME_MONTH, text)
        return DateInfo(published - dt.timedelta(days=n), TIME_DAY if n <= 3 else TIME_WEEK, text)
    if kind == "same_day":
        return DateInfo(None, TIME_DAY, text, note=SAME_DAY)
    if kind == "next_day":
        return DateInfo(None, TIME_DAY, text, note=NEXT_DAY)
    if kind == "before_last":
        n = _COUNTS[found["n"].lower()]
        days = n * (7 if found["unit"][0].lower() == "w" else 1)
        return DateInfo(None, TIME_WEEK if days > 3 else TIME_DAY, text,
                        note=f"{days} days before the incident reported before")
    if kind == "days_later":
        n = found["n"].lower()
        days = _COUNTS[n] if n in _COUNTS else int(n)
        return DateInfo(None, TIME_DAY, text, note=f"{days} days after the incident reported before")
    if kind == "year":
        note = f"only the year is known ({found['y']})"
        return DateInfo(None, TIME_MONTH, text, background=True, note=note)
    if kind == "decade":
        note = f"only the decade is known ({found['y']}s)"
        return DateInfo(None, TIME_MONTH, text, background=True, note=note)
    if published is None:
        return DateInfo(None, TIME_MONTH, text, note="relative date in an undated article")
    if kind == "holiday":
        month, day = HOLIDAYS[found["hol"].replace("’", "'").lower()]
        if found["y"]:
            return DateInfo(dt.date(int(found["y"]), month, day), TIME_DAY, text)
        date = _before_or_on(published, month, day)
        return DateInfo(date, TIME_DAY, text) if date else None
    if kind in ("md", "dm"):
        day = int(re.match(r"\d+", found["d"]).group())
        date = _before_or_on(published, _month(found["mon"]), day)
        if date and LAST_YEAR_AFTER.match(found.string[found.end():]):  # "on 2 April of last year"
            date = _before_or_on(published.replace(year=published.year - 1, day=min(published.day, 28)),
                                 _month(found["mon"]), day) or date
        return DateInfo(date, TIME_DAY, text) if date else None
    if kind == "first_days":
        month = _month(found["mon"])
        date = dt.date(int(found["y"]), month, 3) if found["y"] else _before_or_on(published, month, 3)
        return DateInfo(date, TIME_WEEK, text) if date else None
    if kind == "part_month":
        day = {"early": 5, "beginning": 5, "start": 5, "mid": 15, "middle": 15, "late": 25, "end": 25}[
            found["part"].lower()]
        date = _before_or_on(published, _month(found["mon"]), day)
        return DateInfo(date, TIME_MONTH, text) if date else None
    if kind == "month":
        month = _month(found["mon"])
        if found["y"]:
            date = _month_mid(int(found["y"]), month)
        else:
            year = published.year if month <= published.month else published.year - 1
            if LAST_YEAR_AFTER.match(found.string[found.end():]):  # "in January of last year"
                year = published.year - 1
            date = _month_mid(year, month)
        if date > published:
            date = published
        return DateInfo(date, TIME_MONTH, text)
    if kind == "weekday":
        target = WEEKDAYS[found["wd"].lower()]
        back = (published.weekday() - target) % 7
        if found["last"] and back <= 1:
            back += 7  # "last Thursday" said on a Thursday or a Friday: the week before (not "yesterday")
        return DateInfo(published - dt.timedelta(days=back), TIME_DAY, text)
    if kind == "yesterday":
        return DateInfo(published - dt.timedelta(days=1), TIME_DAY, text)
    if kind == "today":
        return DateInfo(published, TIME_DAY, text)
    if kind == "recent_days":
        return DateInfo(published - dt.timedelta(days=3), TIME_WEEK, text)
    if kind == "this_week":
        monday = published - dt.timedelta(days=published.weekday())
        last = published - dt.timedelta(days=1) if "earlier" in text.lower() else published
        last = max(last, monday)
        return DateInfo(monday + (last - monday) / 2, TIME_WEEK, text)
    if kind == "last_week":
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return DateInfo(monday + dt.timedelta(days=3), TIME_WEEK, text)
    if kind == "weekend":
        # the most recent Saturday before the publication day
        back = (published.weekday() - 5) % 7 or 7
        return DateInfo(published - dt.timedelta(days=back), TIME_WEEK, text)
    if kind == "this_month":
        first = published.replace(day=1)
        return DateInfo(first + (published - first) / 2, TIME_MONTH, text)
    if kind == "part_last_month":  # "late last month": that part of the month before publication
        last_day = published.replace(day=1) - dt.timedelta(days=1)
        day = {"early": 5, "mid": 15, "late": 25}[found["part"].lower()]
        return DateInfo(last_day.replace(day=min(day, last_day.day)), TIME_MONTH, text)
    if kind == "last_month":
        last_day = published.replace(day=1) - dt.timedelta(days=1)
        return DateInfo(last_day.replace(day=15), TIME_MONTH, text)
    if kind == "last_year":
        return DateInfo(None, TIME_MONTH, text, background=True,
                        note=f"only the year is known ({published.year - 1})")
    return None


# A wire dateline opening the sentence: "ERBIL, Iraq, Jan 16 (Reuters) - ", "ADEN/JERUSALEM, July 21 - ":
# where the reporter is, and the day the story was filed, not the day of the incident the sentence reports.
DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z.'’/ -]{{2,40}}(?:,\s*[A-Z][\w.'’ -]{{1,30}}?)?"
    rf"(?:,?\s*(?:{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?:,?\s*{_YEAR})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-–—:]\s"
)
# "UPDATE, Aug. 28:", "Correction (May 3):": the day the report was revised, never the incident's day
REPORT_LABEL = re.compile(
    r"\s*(?:UPDATE[SD]?|Update[sd]?|CORRECTION|Correction|EDITOR['’]S NOTE|Editor['’]s note)\b")
# "on Tuesday, a day after a missile strike killed 18": the incident after "a day after" is a day before
# the date named before it
DAYS_AFTER = re.compile(
    r"\b(?:(?:nearly|almost|about|some|more than|just over|barely)\s+)?"
    r"(?P<n>a|one|two|three|four|five|six|seven)\s+(?P<unit>days?|weeks?|months?)\s+after\b", re.IGNORECASE)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}  # number words of "two days later", "a week before", "three days after"
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30}


@lru_cache(maxsize=1)
def _cue_filter() -> Prefilter:
    """Most cue patterns need a month or weekday name or a word such as "week" or "yesterday": one literal
    pass skips those that cannot match a sentence (see prefilter.py; the same matches, in the same order)."""
    return Prefilter([pattern for pattern, _ in CUES])


def find_cues(sentence: str, published: dt.date | None) -> list[DateInfo]:
    """Every date cue in a sentence, resolved, in order of appearance (overlapping cues: the longest).
    The date of an opening wire dateline counts only when the sentence names no other date."""
    hits: list[tuple[int, int, DateInfo]] = []
    kinds: dict[int, str] = {}  # cue kind by start offset
    dateline = DATELINE.match(sentence)
    skip = dateline.end() if dateline else 0
    prefilter = _cue_filter()
    scan = prefilter.scan(sentence)
    for n, (_, kind) in enumerate(CUES):
        if n not in scan.live:
            continue
        for found in prefilter.finditer(n, sentence, scan):
            if sentence[max(0, found.start() - 6):found.start()].lower() == "as of ":
                continue  # "As of this morning, 29 more bodies have been found": when the count stood
            if kind == "last_year" and MONTH_BEFORE.search(sentence, 0, found.start()):
                continue  # "in August last year": the month cue has taken the year already
            info = _resolve(found, kind, published)
            if info is None:
                continue
            info.start = found.start()
            span = (found.start(), found.end())
            if any(s <= span[0] and span[1] <= e for s, e, _ in hits):
                continue
            hits = [h for h in hits if not (span[0] <= h[0] and h[1] <= span[1])]
            hits.append((span[0], span[1], info))
            kinds[span[0]] = kind
    # "last year ... in September 2023": the dated cue says which part of that year
    if published is not None:
        dated_last_year = any(h[2].date is not None and h[2].date.year == published.year - 1 for h in hits)
        hits = [h for h in hits if not (kinds[h[0]] == "last_year" and dated_last_year)]
    # "on Sunday, July 31": the weekday is part of the date it is followed by, whose day is the one meant
    # (a weekday resolved on its own is the last such day before publication, often another week)
    explicit = [h for h in hits if kinds[h[0]] in EXPLICIT_KINDS]
    hits = [h for h in hits if not (kinds[h[0]] == "weekday" and any(
        e[0] > h[1] and WEEKDAY_TO_DATE.match(sentence[h[1]:e[0]]) for e in explicit))]
    if any(h[0] >= skip for h in hits) or (dateline and REPORT_LABEL.match(sentence)):
        hits = [h for h in hits if h[0] >= skip]
    return [info for _, _, info in sorted(hits, key=lambda h: h[0])]


def resolve(sentence: str, published: dt.date | None, anchor: int | None = None) -> DateInfo:
    """The date of the incident a sentence reports; the cue nearest `anchor` (the trigger) wins."""
    cues = find_cues(sentence, published)
    if anchor is not None:
        # "missiles hit the cruiser, which sank the next day": a day in a relative clause after the trigger
        # is that clause's event's (a named day there is most often the same event's: "which fell on
        # 1 December")
        cues = [c for c in cues if c.start <= anchor or not LATER_DAY.search(c.text)
                or not RELATIVE_BETWEEN.search(sentence, anchor, c.start)]
        after = _days_after(sentence, published, anchor, cues)
        if after is not None:
            cues = [after]
    if cues:
        info = cues[0] if anchor is None else min(cues, key=lambda c: (abs(c.start - anchor), c.precision))
        text = info.text
        opening = OPENING_DAY.match(sentence[:info.start]) and REPORTING_AFTER.match(
            sentence, info.start + len(text)) if info.start >= 0 and text else None
        said_then = opening is not None and anchor is not None and opening.end() <= anchor
        # "Human Rights Watch on Tuesday accused soldiers of having executed ... at the end of March"
        said_then = said_then or bool(info.start >= 0 and text and REPORTING_VERB_AFTER.match(
            sentence, info.start + len(text)))
        if anchor is not None and info.start < anchor and (
            REPORTING_BEFORE.search(sentence[:info.start]) or said_then
        ):
            # "said on Saturday that gunmen had attacked a post late on Thursday": the incident's own day,
            # not "a week after the talks of May 20"
            own = [c for c in cues
                   if c.start > anchor and not OTHER_DAY_BETWEEN.search(sentence[anchor:c.start])]
            if own:
                info = own[0]
            else:
                info.note = "; ".join(n for n in (info.note, REPORTED_DAY) if n)  # "said on Sunday that ..."
        if info.date is not None and published is not None:
            age = (published - info.date).days
            earlier_month = (info.date.year, info.date.month) < (published.year, published.month)
            if age > BACKGROUND_DAYS or (info.precision == TIME_MONTH and earlier_month):
                info.background = True
        return info
    if published is None:
        return DateInfo(None, TIME_MONTH, "", note="undated article and no date in the sentence")
    return DateInfo(published, TIME_WEEK, "publication date",
                    note="no date in the sentence; publication date used")


def _days_after(
    sentence: str, published: dt.date | None, anchor: int, cues: list[DateInfo]
) -> DateInfo | None:
    """The date of a trigger that follows "a day after" / "two days after": that many days before the date
    named earlier in the sentence (else the publication date). None when no such phrase leads to it."""
    lead = [m for m in DAYS_AFTER.finditer(sentence) if m.end() <= anchor]
    if not lead:
        return None
    phrase = lead[-1]
    n_days = _COUNTS[phrase["n"].lower()] if phrase["unit"][0].lower() == "d" else 0
    if n_days == 1 and "," in sentence[phrase.end():anchor] and not any(c.start < anchor for c in cues):
        # "A day after the Indelimane attack, a French soldier was killed": the trigger is the main clause's,
        # a day after the incident the phrase names (the one reported before)
        info = DateInfo(None, TIME_DAY, phrase.group(), note=NEXT_DAY)
        info.start = phrase.start()
        return info
    if any(phrase.end() <= c.start for c in cues):
        # "a day after ..., on Monday, jets struck", "a day after a drone hit Tel Aviv early on Friday": the
        # trigger has its own date
        return None
    before = [c for c in cues if c.start < phrase.start() and c.date is not None]
    if before:
        ref = before[-1]
        base, precision, words = ref.date, ref.precision, f"{ref.text}, {phrase.group()}"
    elif published is not None:
        base, precision, words = published, TIME_DAY, f"{phrase.group()} (the publication date)"
    else:
        return None
    unit = phrase["unit"][0].lower()
    n = _COUNTS[phrase["n"].lower()]
    if unit == "w" or (unit == "d" and n > 3):
        precision = max(precision, TIME_WEEK)
    elif unit == "m":
        precision = TIME_MONTH
    info = DateInfo(base - dt.timedelta(days=n * _UNIT_DAYS[unit]), precision, words)
    info.start = phrase.start()
    return info


@lru_cache(maxsize=64)
def has_specific_date(sentence: str, published: dt.date | None) -> bool:
    """True when the sentence names a particular day (used to tell one event from a habit). Cached: the
    trigger filters ask it up to four times about one sentence."""
    return any(c.precision == TIME_DAY for c in find_cues(sentence, published))


ENTRY_DATE = "(the date of the entry)"  # the date_text suffix of a day taken from a timeline entry's lead


@dataclass
class EntryLead:
    """A line that opens with its own date: every report on it happened then, its weekdays are that week's."""
    start: int  # the line's offsets in the article
    end: int
    lead_end: int  # where the date ends
    date: dt.date
    text: str


def _day_of(lead: str, published: dt.date | None) -> dt.date | None:
    cues = find_cues(lead, published)
    return cues[0].date if cues and cues[0].precision == TIME_DAY else None


@lru_cache(maxsize=8)
def heading_starts(text: str) -> tuple[int, ...]:
    """Where every heading line starts (a dated line of its own, or a markdown heading), in text order.
    Cached: the dated leads and the places of one article ask for the same text."""
    return tuple(sorted({m.start() for m in HEADING_LEAD.finditer(text)}
                        | {m.start() for m in MARKDOWN_HEADING.finditer(text)}))


def heading_leads(text: str, published: dt.date | None) -> list[EntryLead]:
    """Dated lines of their own (a timeline's "19 April 2013" or "## 16 March - Mariupol" above its
    paragraphs): each dates the text under it up to the next dated line or heading. A line followed by no
    text of its own (the next line is another heading) dates nothing."""
    bounds = heading_starts(text)
    leads = []
    for m in HEADING_LEAD.finditer(text):
        day = _day_of(m.group("lead"), published)
        if day is None:
            continue
        end = next((b for b in bounds if b > m.start()), len(text))
        if not text[m.end():end].strip():
            continue
        leads.append(EntryLead(m.start(), end, m.end(), day, m.group("lead")))
    return leads


def entry_leads(text: str, published: dt.date | None) -> list[EntryLead]:
    """The dated leads of a timeline's entries, in text order (two at least: one dated line is a dateline):
    a line that opens with its date dates that line; a dated line of its own dates the paragraphs under it.
    Where both hold, the inner (later) one is the entry's: see `lead_of`."""
    leads = heading_leads(text, published)
    headed = {lead.start for lead in leads}
    for m in ENTRY_LEAD.finditer(text):
        day = _day_of(m.group("lead"), published)
        if day is None or m.start() in headed:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        leads.append(EntryLead(m.start(), end, m.end(), day, m.group("lead")))
    leads.sort(key=lambda lead: lead.start)
    return leads if len(leads) >= 2 else []


def lead_of(leads: list[EntryLead], pos: int) -> EntryLead | None:
    """The entry whose lead dates the text at `pos`: the innermost (latest-starting) one around it."""
    return next((e for e in reversed(leads) if e.start <= pos < e.end), None)
