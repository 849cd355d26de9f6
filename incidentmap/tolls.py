"""Tolls: fatalities and injuries reported in a sentence, with ACLED's conservative reading of vague counts.

Only counts tied to people and to a killing/injury verb are taken ("killed 40", "At least 52 fighters were
killed", "a dozen ... were killed", "injured 30"), never numbers from dates, leaflets or equipment.
ACLED: "dozens" = 12, "hundreds" = 100, "several"/"many" = 10; "a number of" is not a count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from incidentmap.prefilter import Prefilter

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a dozen": 12, "dozen": 12, "dozens": 12, "dozens of": 12, "scores": 12, "scores of": 12,
    "hundreds": 100, "hundreds of": 100, "several": 10, "many": 10, "a few": 3, "few": 3, "a couple of": 2,
    "a pair of": 2, "both": 2,
}
PEOPLE = (
    r"(?:people|persons?|civilians?|fighters?|soldiers?|troops|militants?|militiamen|members?|m[ae]n|wom[ae]n|"
    r"child(?:ren)?|kids?|boys?|girls?|residents?|villagers?|policem[ae]n|officers?|servicem[ae]n|personnel|"
    r"rebels?|insurgents?|jihadists?|combatants?|guards?|commanders?|recruits|mercenar(?:y|ies)|worshippers|"
    r"pilgrims|passengers|workers?|journalists?|farmers?|students?|others?|allies|contractors?|staff|drivers?|"
    r"paramilitar(?:y|ies)|gunmen|attackers|assailants|bystanders|Marines?|sailors?|airmen|pilots?|"
    r"tourists?|visitors?|patients?|medics?|nurses?|doctors?|pupils?|schoolchildren|teenagers?|bab(?:y|ies)|"
    r"infants?|"
    r"relatives|family members|service ?members|security forces|policemen|detainees|prisoners|inmates|"
    r"migrants?|refugees?|displaced people|hostages?|mourners?|protesters?|demonstrators?|fisherm[ae]n|"
    r"herders?|gendarmes?|peacekeepers?|blue helmets|conscripts?|reservists?|volunteers?|cadets?|trainees?|"
    r"firefighters?|rescuers?|aid workers|employees|officials|guardsmen|border guards|"
    r"(?-i:[A-Z][a-z]+(?:is|ans|ns|ese|s))|"  # "60 Afghans", "13 Americans", "two Iraqis"
    r"(?:[A-Z][\w-]+ )?(?:forces|troops))"
)
NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|(?:two|three|four|five|six) dozen|a dozen|dozens(?: of)?|scores(?: of)?|"
    r"hundreds(?: of)?|several|many|"
    r"a few|a couple of|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"an?(?!\s+(?:number|lot|total|handful|series|string)\b))"
)
QUAL = (
    r"(?:(?:at least|more than|over|about|around|nearly|almost|some|up to|roughly|approximately|"
    r"an estimated)\s+)?"
)
ADJ = r"(?:(?!\d)[\w'’-]+\s+){0,3}?"  # words between a number and its noun: never another number
# a further counted group in a list of the dead: ", 19 gunmen", " and two civilians" (not "three of them")
MORE = (rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){QUAL}{NUM.replace('(?P<num>', '(?:')}"
        rf"(?!\s+of\s+(?:them|whom|those|these))\s+{ADJ}{PEOPLE}\b)")
# ("kills": a timeline's present tense)
DEATH = r"(?:killed|killing|kills|dead|died|slain|lost their lives|perished)"
HURT = r"(?:injured|wounded|hurt|injuring|wounding)"
GAP = r"(?:\s*[-–—,(][^.;]{0,70}?[-–—,)]\s*|\s+)"
BE = r"(?:(?:were|was|are|is|have been|had been|reportedly|allegedly|all|also)\s+)*"


def _patterns(verb: str) -> list[re.Pattern]:
    return [
        # "killed 40 Syrian soldiers", "killing at least 12 people", "wounded 30"
        re.compile(rf"\b{verb}\s+{QUAL}{NUM}\b"
                   rf"(?!\s*(?:%|per ?cent|km|kilomet|miles))"
                   rf"(?:\s+{ADJ}{PEOPLE}\b|(?=\s*[,.;]|\s+(?:and|in|on|at|near|when|during|after|others)\b))",
                   re.IGNORECASE),
        # "At least 52 fighters were killed", "dozens of pro-government fighters - ... - were killed",
        # "Ten soldiers and 19 gunmen were killed" (the further groups are added up in `_count`)
        re.compile(rf"\b{QUAL}{NUM}\s+(?:of\s+)?{ADJ}{PEOPLE}\b(?P<more>{MORE}*)(?:\s+and\s+{ADJ}{PEOPLE}\b)?"
                   rf"{GAP}{BE}{verb}\b", re.IGNORECASE),
        # "40 killed", "12 dead"
        re.compile(rf"\b{QUAL}{NUM}\s+{BE}{verb}\b", re.IGNORECASE),
        # "the death toll rose to 15", "the toll from Monday's strike on the mall has risen to 20"
        re.compile(rf"\b(?:death toll|toll)\s+(?:(?:\w+\s+){{0,3}}?(?:to|of|at|reached|stands at|hit)|"
                   rf"[^.;]{{0,80}}?\b(?:rose|risen|climbed|jumped|increased|reached|stands at|stood at)"
                   rf"(?:\s+to)?)\s+{QUAL}(?P<num>\d+)", re.IGNORECASE) if verb == DEATH else None,
        re.compile(rf"\b(?:leaving|left)\s+{QUAL}{NUM}\s+(?:{ADJ}{PEOPLE}\s+)?{verb}\b", re.IGNORECASE),
    ]


DEATH_PATTERNS = [p for p in _patterns(DEATH) if p is not None]
HURT_PATTERNS = [p for p in _patterns(HURT) if p is not None]
NONE_KILLED = re.compile(
    r"\b(?:no (?:one|casualties|deaths|fatalities|injuries)|nobody)\b[^.;]{0,30}\b(?:killed|reported|hurt|"
    r"injured|were|was)?|\bno (?:casualties|deaths|fatalities) (?:were|was) reported\b|"
    r"\bwithout casualties\b",
    re.IGNORECASE,
)
YEARS = re.compile(r"^(?:19|20)\d\d$")
TALLY = re.compile(r"\bsince\s+(?:(?:19|20)\d\d|the (?:start|beginning))|\bso far this year\b|\bin total\b",
                   re.IGNORECASE)


def _value(token: str) -> int | None:
    token = token.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", token):
        value = int(token.replace(",", ""))
        return None if YEARS.match(token) else value
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    parts = re.split(r"[- ]", token)
    if len(parts) == 2 and parts[1] == "dozen" and parts[0] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] * 12  # "two dozen"
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


# "killing 60 Afghans and 13 US service members": further groups of dead listed after the first one;
# "23 people, three of them children" is a part of the first group, not another one.
FURTHER = re.compile(
    rf"^(?:\s*,\s*(?:and\s+)?|\s+and\s+){QUAL}{NUM}(?!\s+of\s+(?:them|whom|those|these))\s+{ADJ}{PEOPLE}\b",
    re.IGNORECASE,
)


def _further(text: str, end: int) -> int:
    """The sum of the groups listed right after a counted group of people."""
    total = 0
    while match := FURTHER.match(text[end:]):
        value = _value(match.group("num"))
        if value is None:
            break
        total += value
        end += match.end()
    return total


@lru_cache(maxsize=2)
def _prefilter(verb: str) -> Prefilter:
    """Every toll pattern needs its verb ("killed", "wounded"), "toll" or "leaving": one literal pass skips
    the patterns that cannot match, most of them in most sentences (see prefilter.py; same matches)."""
    return Prefilter(DEATH_PATTERNS if verb == DEATH else HURT_PATTERNS)


def _count(text: str, verb: str) -> int | None:
    """The largest count the first toll pattern with a match gives (DEATH or HURT patterns, in order)."""
    values: list[int] = []
    prefilter = _prefilter(verb)
    scan = prefilter.scan(text)
    for n in range(len(prefilter.patterns)):
        if n not in scan.live:
            continue
        for match in prefilter.finditer(n, text, scan):
            before = text[max(0, match.start("num") - 12):match.start("num")]
            if re.search(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.?\s+$", before):
                continue  # a date ("June 1 ...")
            value = _value(match.group("num"))
            if value is not None:
                if n == 0:
                    value += _further(text, match.end())
                elif n == 1 and match.group("more"):
                    value += _further(text, match.start("more"))
                values.append(value)
        if values:
            return max(values)
    return None


def fatalities(text: str) -> int | None:
    """Deaths reported in a sentence, or None when it gives none (0 only when it says nobody died)."""
    if TALLY.search(text):
        return None
    value = _count(text, DEATH)
    if value is None and NONE_KILLED.search(text):
        return 0
    return value


def injuries(text: str) -> int | None:
    """People injured or wounded reported in a sentence, or None."""
    if TALLY.search(text):
        return None
    return _count(text, HURT)
