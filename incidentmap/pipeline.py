"""The extraction pipeline: articles -> sentences -> incidents (mentions) -> linked events.

`extract_article` is a pure function of one article (safe to run in parallel processes); `run` streams the
inputs, links mentions into events and keeps every skipped input with its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from incidentmap import actors, clean, dates, merge, tolls, triggers
from incidentmap.events import events_frame, filter_events, group_events, read_incidents
from incidentmap.models import GEO_NEAR, GEO_TOWN, Article, Event, Incident, Sentence, Skipped
from incidentmap.paths import EXAMPLES_DIR
from incidentmap.places import ArticlePlaces, PlaceLink
from incidentmap.prefilter import Prefilter, TextHits

if TYPE_CHECKING:
    import geopandas as gpd



def _place_fields(link: PlaceLink) -> dict:
    """An incident's place fields, from the place the sentence was linked to."""
    return {"location": link.location, "latitude": link.latitude, "longitude": link.longitude,
            "geo_precision": link.geo_precision, "place_note": link.place_note, "country": link.country,
            "admin1": link.admin1, "zones": list(link.zones)}


def _incident(
    article: Article, sentence: Sentence, trigger: triggers.Trigger, places: ArticlePlaces,
    actor_mentions: list[actors.ActorMention], whole: Sentence | None = None,
    lead: dates.EntryLead | None = None,
) -> tuple[Incident, PlaceLink]:
    """The incident of `trigger` in `sentence` (a clause of `whole` when one sentence reports several); on
    a timeline entry's line (`lead`), the entry's date stands in for the publication date."""
    whole = whole or sentence
    text = sentence.text
    published = lead.date if lead is not None else article.published
    date = dates.resolve(text, published, anchor=trigger.start)
    if whole is not sentence and date.text == "publication date":  # "On Monday, X ..., while Y ..."
        anchor = sentence.start - whole.start + trigger.start
        date = dates.resolve(whole.text, published, anchor=anchor)
        dates.in_year_named_before(date, whole.text, article.text[:whole.start], published)
    else:
        dates.in_year_named_before(date, text, article.text[:sentence.start], published)
    if lead is not None and date.date is not None and article.published is not None and \
            (lead.date - date.date).days > dates.BACKGROUND_DAYS:
        # "On 3 August the UN announced ..." under a 29 July entry: days after the entry, before the report
        # (resolved against the entry's day it would fall in the year before)
        later = dates.resolve(text, article.published, anchor=trigger.start)
        if later.date is not None and lead.date <= later.date <= article.published:
            date = later
    if lead is not None:
        if date.text == "publication date":
            date = dates.DateInfo(lead.date, dates.TIME_DAY, f"{lead.text} {dates.ENTRY_DATE}")
        if article.published is not None and date.date is not None:
            date.background = (article.published - date.date).days > dates.BACKGROUND_DAYS
    link = places.link(sentence, sentence.start + trigger.start, sentence.start + trigger.end)
    actor1, actor2 = actors.roles(text, trigger.start, trigger.end, actor_mentions, trigger.rule.symmetric)
    actor1 = actors.contextualise(actor1, article.text)
    actor2 = actors.contextualise(actor2, article.text)
    if actor1 == actors.CIVILIANS and trigger.event_type not in ("Protests", "Riots"):
        # "Mourners filled the streets for the commander killed in a strike": civilians are not the initiator
        # of political violence (ACLED codes them as its victims, or as protesters and rioters)
        actor1, actor2 = None, actor2 or actors.CIVILIANS
    sub = trigger.sub_event_type
    if trigger.rule.state_sub_event_type and actors.is_state(actor1):
        sub = trigger.rule.state_sub_event_type
    notes = [f"trigger: {trigger.text}"] + ([triggers.GUESSED] if trigger.guessed else [])
    if date.note:
        notes.append(date.note)
    return Incident(
        article=article.id,
        evidence=whole.text,
        event_type=trigger.event_type,
        sub_event_type=sub,
        event_date=date.date,
        time_precision=date.precision,
        date_text=date.text,
        background=date.background,
        **_place_fields(link),
        actor1=actor1,
        actor2=actor2,
        fatalities=tolls.fatalities(text),
        injuries=tolls.injuries(text),
        source=article.source,
        url=article.url,
        published=article.published,
        title=article.title,
        sentence_start=whole.start,
        sentence_end=whole.end,
        notes="; ".join(notes),
    ), link


CIVILIAN_TARGET = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:the |a |an |two |three |several )?(?:villages?|homes?|houses?|markets?|"
    r"mosques?|church(?:es)?|schools?|hospitals?|clinics?|displacement camps?|camps? for (?:the )?displaced|"
    r"(?:farm |aid |construction )?workers|labourers|fishermen|herders|traders|travell?ers|teachers|doctors|"
    r"wedding|funeral|hotels?|restaurants?|caf[eé]s?|bars?|nightclubs?|malls?|shops?|stadiums?|concerts?|"
    r"ceremon(?:y|ies)|gatherings?|"
    r"bus(?:es)?|passengers?|worshippers|civilians?|residents|villagers|farmers|shoppers|people|persons|"
    r"population)\b",
    re.IGNORECASE,
)


# "At least 110 people, most of them older men and women, were killed": civilians, the subject of a passive
# "attackers stormed a power station, killing at least 12 workers": the dead the clause names are civilians
KILLING_CIVILIANS_AFTER = re.compile(
    r"[^.;]{0,80}?\bkilling\s+(?:(?:at least|more than|over|about|around|some|nearly|up to)\s+)?"
    r"(?:\d[\d,]*|[a-z]+)\s+(?:[\w-]+\s+){0,2}?(?:civilians|workers|villagers|passengers|worshippers|shoppers|"
    r"farmers|labou?rers|traders|fishermen|pilgrims|mourners|children|women|residents|technicians|engineers)\b",
    re.IGNORECASE)
CIVILIAN_VICTIMS = re.compile(
    r"^\W*(?:(?:at least|more than|over|about|around|some|nearly|up to)\s+)?(?:\d[\d,]*|[a-z]+)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:people|civilians|villagers|residents|worshippers|passengers|farmers|"
    r"shoppers|pilgrims|mourners|women|children|men|elderly)\b[^.;]{0,80}?"
    r"\b(?:were|was|have been|had been)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


# "... at Ogossagou, a Fulani village where about 160 people were killed": a count of civilians killed, in a
# clause of its own
CIVILIAN_VICTIMS_CLAUSE = re.compile(
    r"\b(?:where|when|in which|after which)\s+"
    r"(?:(?:at least|more than|over|about|around|some|nearly|up to)\s+)?"
    r"(?:\d[\d,]*|dozens|hundreds|scores)\s+(?:[\w-]+\s+){0,2}?(?:people|civilians|villagers|residents|"
    r"worshippers|passengers|farmers|shoppers|pilgrims|mourners|women|children|men|elderly)\s+"
    r"(?:were|was|have been|had been)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


PROTESTERS_HIT = re.compile(
    r"\b(?:protesters|demonstrators)\b[^.;]{0,30}?\b(?:were|was|had been) (?:\w+ )?(?:killed|shot|wounded)\b|"
    r"\b(?:fired|opened fire|shot)\b[^.;]{0,60}?\b(?:at|on|into) (?:the )?(?:crowds? of )?"
    r"(?:protesters|demonstrators)\b",
    re.IGNORECASE)
FORCES = re.compile(r"\b(?:security forces|police(?:men)?|riot police|troops|soldiers|guards)\b",
                    re.IGNORECASE)
# "Security forces stormed the main protest camp": force used on protesters (ACLED: a protest event)
PROTEST_TARGET = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:the |a |an )?(?:main |central |peaceful )?(?:protest(?:ers'?)? "
    r"(?:camps?|sites?|sit-ins?|marches|march|rally|rallies|crowds?)|sit-ins?|protesters|demonstrators|"
    r"(?:peaceful )?rall(?:y|ies))\b",
    re.IGNORECASE,
)


def _civilian_target(incident: Incident, text: str, trigger: triggers.Trigger) -> None:
    """An armed group's attack on civilians or civilian places is, for ACLED, violence against civilians;
    so is a killing of civilians whose means no text names ("110 people were killed on a gang's orders").
    Force used on protesters by anyone is a protest event with excessive force."""
    if incident.event_type != "Battles" or incident.sub_event_type != "Armed clash":
        return
    if PROTEST_TARGET.match(text[trigger.end:]) or (PROTESTERS_HIT.search(text) and FORCES.search(text)):
        # "two more protesters were killed in clashes with security forces", "four people were killed when
        # police fired live ammunition at protesters": force used on a protest
        incident.event_type, incident.sub_event_type = "Protests", "Excessive force against protesters"
        return
    if trigger.rule.name == "armed_clash" and TWO_SIDES.search(text):
        return  # "eight civilians were killed as the two sides fought with tanks": a battle's toll
    victims = (trigger.guessed and incident.actor2 is None and CIVILIAN_VICTIMS.match(text[: trigger.start])
               ) or CIVILIAN_VICTIMS_CLAUSE.search(text[: trigger.start])
    target = incident.actor2 == actors.CIVILIANS or victims or (
        incident.actor2 is None and CIVILIAN_TARGET.match(text[trigger.end:])
    ) or bool(KILLING_CIVILIANS_AFTER.match(text, trigger.end))
    if target and not actors.is_state(incident.actor1):
        incident.event_type, incident.sub_event_type = "Violence against civilians", "Attack"


TWO_SIDES = re.compile(
    r"\b(?:the two sides|both sides|the rival (?:forces|factions|sides)|the warring (?:sides|parties))\b",
    re.IGNORECASE)
SEPARATOR = re.compile(
    r";\s+|,?\s+(?:while|whereas)\s+(?!(?:they|he|she|it|we|I)\b)|"
    r",\s+(?:and\s+)?(?:elsewhere|meanwhile|separately)\b,?\s*",
    re.IGNORECASE,
)
DISTINCT_CUE = re.compile(r"\b(?:also(?! (?:spelt|spelled|written|known|called|named|transliterated)\b)|"
                          r"another|"
                          r"separately|in a separate \w+|elsewhere|again)\b", re.IGNORECASE)
# "A second car bomb went off near the hospital", "Hours later, a roadside bomb went off": the next incident
# of a series (but "a second missile struck the same site" is the same strike)
NEXT_ONE = re.compile(r"\b(?:a|another) (?:second|third|fourth|fifth)\b(?!\s+time)|"
                      r"^\W*(?:hours|minutes|moments|shortly|soon) (?:later|after(?:wards)?),?\s+"
                      r"(?:an?|another|two|three)\b", re.IGNORECASE)
SAME_SITE = re.compile(r"\bthe same (?:site|place|spot|building|area|location|target)\b", re.IGNORECASE)
# A sentence whose subject points back at the participants of the incident just reported: "The attackers
# arrived in trucks and set fire to buildings", "They then opened fire on the crowd".
PARTICIPANT_SUBJECT = re.compile(
    r"^\W*(?:according to [^,;]{3,60},\s*)?"  # "According to residents reached by phone, the attackers ..."
    r"(?:[A-Z]\w+ing\b[^,;]{0,60},\s*)?"  # "Chanting "Death to America", they smashed the gate"
    r"(?:(?:the|these|those)\s+(?:same\s+)?(?:attackers|assailants|gunmen|militants|fighters|raiders|"
    r"kidnappers|abductors|bombers?|perpetrators|insurgents|jihadists|armed men|suspects)|they|he|she)\b",
    re.IGNORECASE,
)
NEW_EVENT = re.compile(r"\b(?:again|another|new|fresh|second|third|latest|separate(?:ly)?|elsewhere)\b",
                       re.IGNORECASE)


def _clauses(
    sentence: Sentence, published: dt.date | None, hits: TextHits | None = None
) -> list[tuple[Sentence, triggers.Trigger]]:
    """A round-up sentence reporting several incidents ("a bomb killed two in Diyala, while gunmen shot dead
    a policeman in Kirkuk") as one clause per incident; empty when the sentence reports at most one.
    `hits`: `triggers.scan_article` of the article."""
    text = sentence.text
    cuts = list(SEPARATOR.finditer(text))
    filters = triggers.config().filters
    for second in filters["second_verb"].finditer(text):
        head = text[cuts[-1].end() if cuts and cuts[-1].end() <= second.start() else 0:second.start()]
        if filters["named_object"].search(head):  # "shelled Kharkiv and struck Mykolaiv"
            cuts.append(second)
    cuts.sort(key=lambda m: m.start())
    if not cuts:
        return []
    bounds, start = [], 0
    for cut in cuts:
        bounds.append((start, cut.start()))
        start = cut.end()
    bounds.append((start, len(text)))
    units = []
    for a, b in bounds:
        unit = Sentence(text[a:b], sentence.start + a, sentence.start + b, sentence.index)
        trigger, _ = triggers.detect(unit, published, hits)
        if trigger is None or (units and triggers.is_anaphoric(unit.text, trigger)):
            continue
        if units and trigger.rule.name == "generic_killing" and not OWN_PLACE.search(unit.text):
            continue  # "protesters fought police on 10 January; a policeman was killed": that clash's toll
        if units and VERSION_BEFORE.search(unit.text, 0, trigger.start) and not OWN_PLACE.search(unit.text):
            continue  # "...; Paris maintains that its jets struck 30 militants": a version of the same strike
        units.append((unit, trigger))
    if any(t.rule.event_type in triggers.VIOLENT_TYPES for _, t in units):
        # "shot men and boys, and set fire to shops": the burning goes with the killing
        units = [(u, t) for u, t in units if not t.rule.secondary]
    return units if len(units) > 1 else []


# "maintaining that", "insists that": another party's account of the incident the sentence reports
VERSION_BEFORE = re.compile(r"\b(?:(?:maintain|insist|argu|contend|assert|counter|claim)\w*|line|version|"
                            r"narrative|account|concluded|found|determined|established)\s+that\b",
                            re.IGNORECASE)
# a clause that names a place of its own ("..., while two soldiers were killed in Kirkuk")
OWN_PLACE = re.compile(r"\b(?:in|near|at|outside|(?:north|south|east|west)\w* of)\s+(?:the\s+)?[A-Z]")


# "the militia said it had fired the rockets": a claim of the deed the sentence names (see _claims_it)
OWN_CLAIM = re.compile(
    r"\b(?:said|saying|says) (?:that )?(?:it|its (?:forces|fighters|men|militants|units)|"
    r"(?:one|two|three|four|five|some|several) of its (?:fighters|members|men|militants|operatives|bombers))"
    r" had (?:fired|launched|carried out|staged|detonated|planted|targeted|struck|hit) (?:the|an?)\b",
    re.IGNORECASE)
CLAIMED_OBJECT = 30  # how far after "said it had carried out a" the claimed deed's noun may start
CLAIM = re.compile(
    # "JNIM claims both attacks of 14 August": a timeline's present tense too
    r"\bclaim(?:ed|s) (?:responsibility|credit|(?:the|both|the two|all three|all|these|those) "
    r"(?:attack|bombing|blast|strike|assault|raid|killing|ambush)s?)"
    r"\b|"
    r"\bsaid it (?:was|had been) behind\b|"
    r"\bsaid\b[^.;]{0,80}?\bthat it(?:s (?:fighters|militants|men|members))? had carried out\b|"
    rf"{OWN_CLAIM.pattern}|"
    r"(?P<blame>\b(?:blamed|accused|held responsible)\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _claim_filter() -> Prefilter:
    return Prefilter([CLAIM])


def _names_claim(text: str) -> bool:
    """`CLAIM.search(text)`, asked of every sentence: one literal pass ("claimed", "said", "blamed" ...)
    tells where a match could start, and the regex is tried only there (see prefilter.py; same answer)."""
    return _claim_filter().any_match(text)


# "... said 37 people had been killed and blamed IS", "which it accused of": the reporter's own blame, which
# refers to the incident as a claim does; "...; Kyiv blamed Moscow" has a subject of its own
SAME_SUBJECT_BLAME = re.compile(r"\b(?:and|it|they|which|who|that|has|have|had|also)\s+$", re.IGNORECASE)


def _blame_after(text: str, trigger: triggers.Trigger) -> bool:
    """Is every claim in the sentence a blame that follows the trigger, said by a subject of its own (the
    incident told first, then who is blamed)?"""
    found = list(CLAIM.finditer(text))
    return bool(found) and all(
        m["blame"] and m.start() > trigger.end and not SAME_SUBJECT_BLAME.search(text, 0, m.start())
        for m in found)


def _claims_it(text: str, trigger: triggers.Trigger) -> bool:
    """Is the trigger the deed a group says it did ("said it had fired the rockets")?"""
    match = OWN_CLAIM.search(text)
    # the deed is the verb ("had fired the rockets") or its object ("had carried out a suicide attack")
    return match is not None and match.start() <= trigger.start <= match.end() + CLAIMED_OBJECT


# what the accused is blamed for must be violence ("blamed the army for the shelling", "... for it")
BLAMED_FOR = re.compile(
    r"^[^.;]{0,60}?\b(?:for|over)\s+(?:the\s+|this\s+|that\s+|a\s+|an\s+|it\b|them\b)?(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|bombings?|blasts?|explosions?|strikes?|killings?|massacres?|assaults?|ambush\w*|raids?|"
    r"shelling|shootings?|violence|deaths|it\b|them\b)|^\W*$|^\s*(?:,|and|\()",
    re.IGNORECASE,
)


def _claim(
    incidents: list[Incident], text: str, mentions: list[actors.ActorMention], article_text: str
) -> None:
    """"X claimed responsibility for the attack": X is the initiator of the latest incident without one."""
    negated = re.compile(r"\b(?:no|not|denied|denies)\b", re.IGNORECASE)
    found = (m for m in CLAIM.finditer(text) if m["blame"] or not negated.search(text[:m.start()]))
    match = next(found, None)
    if match is None:
        return  # "No group has claimed the bombing"
    if match["blame"]:  # "officials blamed al-Shabaab": the accused follows
        claimant = next((m for m in mentions if m.start >= match.end()), None)
        blamed_for = claimant is not None and BLAMED_FOR.search(text[claimant.end:])
        if claimant is not None and (claimant.name == actors.CIVILIANS or not blamed_for):
            return  # "blamed the residents for his son's illness": blame, but not for an attack
    else:
        claimant = next((m for m in reversed(mentions) if m.end <= match.start()), None)
    if claimant is None or not incidents:
        return
    latest = incidents[-1]
    if latest.actor1 in (None, "Unidentified armed group") and claimant.name != latest.actor2:
        latest.actor1 = actors.contextualise(claimant.name, article_text)
        latest.notes += f"; initiator {'blamed' if match['blame'] else 'from a claim'}: {text}"


def _in_quotes(text: str, pos: int) -> bool:
    """Is `pos` inside direct speech? (Straight quotes: an odd count before it; curly: an open one.)"""
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


# a toll that updates one given before ("the toll rose to 52"), not the first toll of the incident before it
TOLL_UPDATE = re.compile(r"\b(?:rose|risen|climbed|increased|raised|revised|updated|now stands|reached|"
                         r"new toll|latest toll|higher|lower)\b", re.IGNORECASE)


TOLL_REVISION = re.compile(
    r"\b(?:raised|revised|updated|lowered|increased|put)\s+(?:the|its|their)\s+(?:\w+\s+)?(?:death\s+)?toll\b|"
    r"\btoll\s+(?:has\s+|had\s+)?(?:rose|risen|climbed|increased|reached)\b", re.IGNORECASE)


# "first reported 25, then raised it": a sentence with the first figure as well as the update
FIRST_FIGURE = re.compile(r"\b(?:first|initial(?:ly)?)\b", re.IGNORECASE)


def _referent(incidents: list[Incident], mention: Incident, text: str = "") -> Incident | None:
    """The incident a back-reference ("the strike", "the attacks") most likely means: the latest current one,
    and when the back-reference restates a toll, the latest current one that gave a toll; but a first toll
    told in the sentence right after an incident without one, on the same line ("- 24 December: Militants
    attack the town. Seven soldiers were killed."), is that incident's."""
    current = [i for i in incidents if not i.background] or incidents
    last = incidents[-1] if incidents else None
    if (text and last is not None and last.fatalities is None and mention.fatalities is not None
            and 0 <= mention.sentence_start - last.sentence_end <= 2
            and "\n" not in text[last.sentence_end:mention.sentence_start]
            and (not TOLL_UPDATE.search(mention.evidence) or FIRST_FIGURE.search(mention.evidence))):
        return last
    if mention.fatalities is not None:
        with_toll = [i for i in current if i.fatalities is not None]
        if with_toll:
            return with_toll[-1]
    return current[-1] if current else None


def _undated(incident: Incident) -> bool:
    """Does the mention name no day of its own (the publication date's, or its timeline entry's)?"""
    return incident.date_text in ("", "publication date") or incident.date_text.endswith(dates.ENTRY_DATE)


def _another_day(incident: Incident, referent: Incident) -> bool:
    """"The strike was in response to ... the drone attack of January 28 on Tower 22": a mention that names
    its own day, days away from the incident a back-reference would tie it to, is another incident."""
    if incident.date_text in ("", "publication date") or incident.event_date is None:
        return False  # (a timeline entry's date is the mention's own: entries days apart are not one)
    if TOLL_REVISION.search(incident.evidence):
        return False  # "on 12 January it raised the toll to 89": the day of the figure, not of the incident
    return referent.event_date is not None and abs((incident.event_date - referent.event_date).days) > 1


def _adds_nothing(incident: Incident) -> bool:
    """A mention that only refers back: no date and no toll of its own."""
    return (
        _undated(incident)
        and incident.fatalities is None
        and incident.injuries is None
    )


def _precise_place(incident: Incident) -> bool:
    return incident.place_note.startswith("named in the sentence") and incident.latitude is not None


def _enrich(previous: Incident, repeat: Incident) -> None:
    """Fold a back-reference ("the strike was carried out by US aircraft") into the mention it refers to."""
    if previous.actor1 is None and repeat.actor1:
        previous.actor1 = repeat.actor1
    if previous.actor2 is None and repeat.actor2 and repeat.actor2 != previous.actor1:
        previous.actor2 = repeat.actor2
    better = not _precise_place(previous) or repeat.geo_precision < previous.geo_precision
    same_country = not previous.country or previous.country == repeat.country
    # a refinement lies inside the region already named: "struck a vehicle in Nangarhar" is not moved to
    # the airport that "the strike was directed at individuals planning attacks at" names
    inside = not (_precise_place(previous) and previous.admin1 and repeat.admin1 != previous.admin1)
    if _precise_place(repeat) and better and same_country and inside:
        for key in ("location", "latitude", "longitude", "geo_precision", "country", "admin1", "zones"):
            setattr(previous, key, getattr(repeat, key))
        previous.place_note = f"{repeat.place_note}, in a later sentence about the same incident"
    previous.notes += f"; also described in: {repeat.evidence}"


UNDATED_NOTES = ("publication date", "no date in the sentence", dates.SAME_DAY)


def _take_date(incident: Incident, date: dt.date, precision: int, text: str) -> None:
    """Give an undated mention a day from elsewhere in the article, saying where it came from in `date_text`,
    and drop the notes that said it had none."""
    incident.event_date, incident.time_precision, incident.date_text = date, precision, text
    incident.notes = "; ".join(n for n in incident.notes.split("; ") if not n.startswith(UNDATED_NOTES))


def _inherit(incident: Incident, referent: Incident, retype: bool = False) -> None:
    """A back-reference with news of its own (a toll) takes its referent's day and place when it has none,
    and with `retype` (its trigger is a generic "killed"/"attack") its referent's event type: "police said
    four of the attackers were killed" is the attack just reported, not a new clash or strike."""
    if retype and (incident.event_type, incident.sub_event_type) != (referent.event_type,
                                                                     referent.sub_event_type):
        incident.event_type, incident.sub_event_type = referent.event_type, referent.sub_event_type
        incident.notes = "; ".join(n for n in incident.notes.split("; ") if n != triggers.GUESSED)
        incident.notes += "; type of the incident it refers to"
    # "Late on Sunday, the UN said 110 died in the attack", "on 12 January it raised the toll to 89"
    said_then = dates.REPORTED_DAY in incident.notes or bool(TOLL_REVISION.search(incident.evidence))
    if (incident.date_text in ("", "publication date") or said_then) and referent.event_date is not None:
        _take_date(incident, referent.event_date, referent.time_precision,
                f"{referent.date_text} (of the incident it refers to)")
        incident.background = referent.background  # a toll of an old event is background too
        incident.notes = "; ".join(n for n in incident.notes.split("; ") if n != dates.REPORTED_DAY)
    if not _precise_place(incident) and referent.latitude is not None:
        for key in ("location", "latitude", "longitude", "geo_precision", "country", "admin1", "zones"):
            setattr(incident, key, getattr(referent, key))
        incident.place_note = f"place of the incident it refers to ({referent.location})"
    if incident.actor1 is None:
        incident.actor1 = referent.actor1


def _redate(referent: Incident, repeat: Incident) -> None:
    """"Sources said on Sunday that an attack had killed 111 soldiers. The attack hit on Saturday.": the day
    of saying bounds the incident; a later sentence about the same incident that names an earlier day
    within the week before dates it."""
    if dates.REPORTED_DAY not in referent.notes or repeat.event_date is None or referent.event_date is None:
        return
    if dates.REPORTED_DAY in repeat.notes or repeat.time_precision != dates.TIME_DAY:
        return
    if 0 < (referent.event_date - repeat.event_date).days <= 7:
        referent.event_date, referent.time_precision = repeat.event_date, repeat.time_precision
        referent.date_text = f"{repeat.date_text} (from a later sentence about the same incident)"
        referent.notes = "; ".join(n for n in referent.notes.split("; ") if n != dates.REPORTED_DAY)


AFTER_PUBLICATION = "(the publication date)"  # dates._days_after's words when no day precedes "a day after"
# a sentence whose subject is the incident just reported: "The strike hit the station ...", "Sunday's attack"
ANAPHORIC_SUBJECT = re.compile(
    r"^\W*(?:the|this|that|\w+day's) (?:[\w-]+ ){0,2}?(?:strike|attack|bombing|blast|explosion|raid|assault|"
    r"shelling|ambush)s?\b", re.IGNORECASE)
NARRATIVE_SENTENCES = 2  # how far back a sentence's date may carry to an undated report of an incident
OTHER_DAY_BEFORE = re.compile(r"\b(?:until|till|since|after|before|by)\s+(?:\w+\s+)?$", re.IGNORECASE)
# "It began on Monday afternoon, within an hour of ...": a sentence that opens by saying when it all started
SETTER_OPENING = re.compile(
    r"^\W*(?:it|this|that|the \w+) (?:all )?(?:began|started|happened|erupted|unfolded)\b", re.IGNORECASE)
SETTER_WORDS = 8  # a sentence this short that names a day ("That changed on Sunday.") sets the next one's day
CARRIED = "(named in a preceding sentence)"  # the date_text suffix of a day carried from an earlier sentence
BEFORE = "(of the incident reported before)"  # ... of a day taken from the last incident that names one


class Narrative:
    """The date each sentence gives an incident-like word, even when the sentence reports no incident itself
    ("The government blamed ISWAP for Sunday's attack on a church in Owo."): a following sentence that tells
    the story with no date of its own ("Gunmen stormed the church during Mass") is about that day. Worked out
    only for the sentences an undated report looks back to."""

    def __init__(self, sentences: list[Sentence], published: dt.date | None, hits: TextHits | None = None,
                 text: str = ""):
        self.text = text  # the article's (for the time stamps of a live blog's entries)
        self.sentences = {s.index: s for s in sentences}
        self.published = published
        self.hits = hits  # triggers.scan_article of the article
        self.memo: dict[int, tuple[dates.DateInfo, bool] | None] = {}

    def date_of(self, index: int) -> tuple[dates.DateInfo, bool] | None:
        """(the date sentence `index` names, whether it names it for an incident-like word), or None."""
        if index not in self.memo:
            self.memo[index] = self._work_out(self.sentences.get(index))
        return self.memo[index]

    def _work_out(self, sentence: Sentence | None) -> tuple[dates.DateInfo, bool] | None:
        if sentence is None:
            return None
        text, start, hits = sentence.text, sentence.start, self.hits
        found = triggers.candidates(text, hits, start) if triggers.possible(text, hits, start) else []
        if not found and not dates.CUE_HINT.search(sentence.text):
            return None
        info = dates.resolve(sentence.text, self.published, anchor=found[0].start if found else None)
        if info.date is None or info.text == "publication date":
            return None
        return info, bool(found)  # (a background date carries only from a short setter: see carry)

    def carry(self, incident: Incident, sentence: Sentence, incidents: list[Incident]) -> None:
        """Give an undated report ("publication date", or "that morning" with nothing reported before) the
        date of the incident named in one of the two sentences before it, unless an incident was reported
        since that sentence (then the report is more likely about that one: the back-reference rules)."""
        undated = incident.date_text in ("", "publication date")
        same_day = dates.SAME_DAY in incident.notes and not incidents
        if not (undated or same_day):
            return
        for back in range(1, NARRATIVE_SENTENCES + 1):
            named = self.date_of(sentence.index - back)
            if named is None:
                continue
            info, of_incident = named
            before = self.sentences[sentence.index - back]
            if self.text and _stamp_between(self.text, before.end, sentence.start):
                return  # a live blog's earlier entry (its newest first): another moment, not this one's day
            if any(i.sentence_start >= before.start for i in incidents):
                return
            # "That illusion ended last Thursday. Two suicide bombers blew themselves up ...": a short
            # sentence that only sets the day introduces the report after it ("The talks ran until Tuesday."
            # names the day of something else)
            setter = (
                back == 1 and info.precision == dates.TIME_DAY
                and (len(before.text.split()) <= SETTER_WORDS or bool(SETTER_OPENING.match(before.text)))
                and info.start >= 0 and not OTHER_DAY_BEFORE.search(before.text[:info.start])
            )
            if not of_incident and not same_day and not setter:
                continue  # only "that morning" refers to a day named for something else ("since April 4")
            if info.background and not setter:
                continue  # a report of now after a sentence on an old event; but a timeline entry's heading
                # ("- **30 September 2019, Mondoro.** Fighters attack the post") dates the entry, however old
            incident.background = info.background
            _take_date(incident, info.date, info.precision, f"{info.text} {CARRIED}")
            return


# a live blog's time stamp on a line of its own ("13:30", "9.05am"): the entries it separates are separate
# ... or at the head of its entry's line ("**16:20** Latest figures", "13:25 - Several explosions")
TIME_STAMP_LINE = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(?:\*\*|__)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|local time))?"
    r"(?:\*\*|__)?(?:(?:\s+\w+)?[ \t]*$|[ \t]*[-–—:|][ \t]|[ \t]+(?=[\"“A-Z]))", re.MULTILINE | re.IGNORECASE)


def _stamp_between(text: str, start: int, end: int) -> bool:
    """Does a live blog's time stamp start between `start` and `end` (at the head of the entry at `end`
    included)?"""
    return any(m.start() <= end for m in TIME_STAMP_LINE.finditer(text, start, end + STAMP_CHARS))


STAMP_CHARS = 40  # room for a time stamp that opens the entry


def _same_day_as_last(incident: Incident, incidents: list[Incident], text: str) -> None:
    """A report with no date of its own after one with a day ("Bombs hit Jableh and Tartus on Monday ... In
    Tartus, a car bomb went off at a bus station") is of that day, not of the publication date; at week
    precision, since the text does not say so outright. Not across a live blog's time stamp."""
    if incident.date_text not in ("", "publication date") or not incidents:
        return
    # "Moments later a car bomb exploded. Gunmen then fought police.": a chain of such reports is all of the
    # day the first names, so look past those that took it this way
    current = (i for i in reversed(incidents) if not i.background and not i.date_text.endswith(BEFORE))
    last = next(current, None)
    if last is None or last.event_date is None or last.time_precision != dates.TIME_DAY:
        return
    same_paragraph = "\n\n" not in text[last.sentence_end:incident.sentence_start]
    if (last.date_text.endswith(CARRIED) and not same_paragraph) or dates.SAME_DAY in last.notes:
        return  # only a day the text names outright carries on (or one carried within this paragraph)
    if _stamp_between(text, last.sentence_end, incident.sentence_start):
        return
    _take_date(incident, last.event_date, dates.TIME_WEEK, f"{last.date_text} {BEFORE}")


# "armed men attacked the gendarmerie in the town": the town just reported, not a place of the byline
IN_THE_TOWN = re.compile(r"\b(?:in|at|near|outside|into|inside|around) the (?:same )?"
                      r"(?:town|city|village|commune)\b(?!\s+of\b)", re.IGNORECASE)
MAIN_PLACE_NOTE = "no place in the sentence; article's main place used"


def _the_town_reported(incident: Incident, text: str, incidents: list[Incident]) -> None:
    """A report "in the town" whose sentence (and the two before it) name no place is in the town where the
    latest incident named in its own sentence was, not at the article's main place (a byline's town)."""
    if incident.place_note != MAIN_PLACE_NOTE or not IN_THE_TOWN.search(text):
        return
    last = next((i for i in reversed(incidents) if not i.background and _precise_place(i)), None)
    if last is None or last.geo_precision != GEO_TOWN or last.location == incident.location:
        return
    for key in ("location", "latitude", "longitude", "country", "admin1", "zones"):
        setattr(incident, key, getattr(last, key))
    incident.geo_precision = GEO_NEAR  # the text does not name it outright
    incident.place_note = f"the town of the incident reported before ({last.location})"


def _actor_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Where the sentence names actors, as offsets into its article (for `ArticlePlaces`)."""
    return [(sentence.start + m.start, sentence.start + m.end) for m in actors.find(sentence.text)]


def extract_article(article: Article) -> list[Incident]:
    """Every incident mention of one article, in text order; mention ids are `<article id>#<n>`."""
    hits = triggers.scan_article(article.text)
    if not triggers.any_match(article.text, hits):
        # Sentences are substrings of the text, so no trigger can match any of them. Most articles of a
        # general corpus stop here, before cleaning, sentence splitting and place resolution.
        return []
    sentences = clean.sentences(article.text)
    if not sentences:
        return []
    country_hint = None
    found: list[tuple[Sentence, Sentence, triggers.Trigger | None]] = []  # (clause, sentence, trigger)
    for sentence in sentences:
        # most sentences: no trigger in it, nor in any clause of it
        if not triggers.possible(sentence.text, hits, sentence.start):
            if _names_claim(sentence.text):
                found.append((sentence, sentence, None))
            continue
        units = _clauses(sentence, article.published, hits)
        if units:
            for unit, trigger in units:
                subject = actors.initiator_named(unit.text, trigger.start, trigger.end)
                specified = triggers.specify(
                    trigger, sentences, sentence.index, article.text, unit.text, subject
                )
                found.append((unit, sentence, specified))
            continue
        trigger, _ = triggers.detect(sentence, article.published, hits)
        claim = _names_claim(sentence.text)
        if claim and trigger is not None and _claims_it(sentence.text, trigger):
            trigger = None  # "the militia said it had fired the rockets": who fired them, not new rockets
        if claim and trigger is not None and _blame_after(sentence.text, trigger):
            claim = False  # "... killed by an explosion on Friday; Kyiv blamed Moscow": reported, then blamed
        if trigger is not None and not (claim and trigger.rule.generic):
            subject = actors.initiator_named(sentence.text, trigger.start, trigger.end)
            specified = triggers.specify(trigger, sentences, sentence.index, article.text, subject=subject)
            found.append((sentence, sentence, specified))
        elif claim:  # "IS claimed responsibility for the attack": who did it, not a new incident
            found.append((sentence, sentence, None))
    if not any(trigger for _, _, trigger in found):
        return []
    places = ArticlePlaces(article, sentences, _actor_spans)
    if places.main is not None and places.main.country:
        from incidentmap.places import country_name

        country_hint = country_name(places.main.country)
    incidents: list[Incident] = []
    narrative = Narrative(sentences, article.published, hits, article.text)
    leads = dates.entry_leads(article.text, article.published)  # a timeline's dated entries
    for sentence, whole, trigger in found:
        mentions = actors.find(sentence.text, country_hint)
        if trigger is None:
            _claim(incidents, sentence.text, mentions, article.text)
            continue
        lead = dates.lead_of(leads, whole.start)
        incident, link = _incident(article, sentence, trigger, places, mentions, whole, lead)
        _civilian_target(incident, sentence.text, trigger)
        _the_town_reported(incident, sentence.text, incidents)
        narrative.carry(incident, whole, incidents)
        later = dates.days_after_last(incident.notes)
        if incidents and later is not None:
            last = incidents[-1]  # "later that day", "the following day": relative to the last incident
            shift = dt.timedelta(days=later)
            incident.event_date = last.event_date + shift if last.event_date else None
            published = article.published
            if incident.event_date and published and last.event_date <= published < incident.event_date:
                incident.event_date = published  # a chain of "the following day" cannot pass the report
            incident.time_precision, incident.background = last.time_precision, last.background
        elif (incidents and incident.date_text.endswith(AFTER_PUBLICATION)
              and ANAPHORIC_SUBJECT.match(whole.text)):
            # "The strike hit the station a day after an air raid near Barvinkovo": a day before the incident
            # the subject refers back to, not before the report
            last = _referent(incidents, incident)  # the latest current incident, not a background one
            if last is not None and last.event_date is not None and article.published and \
                    incident.event_date is not None:
                incident.event_date = last.event_date - (article.published - incident.event_date)
                incident.date_text = incident.date_text.replace(AFTER_PUBLICATION, "(of the incident before)")
        elif incident.event_date is None and article.published and later is not None:
            # "Hours later ..." with nothing reported before it: the report's own day is the best bound
            _take_date(incident, article.published, dates.TIME_WEEK, "publication date")
        referent = _referent(incidents, incident, article.text)
        quoted = _in_quotes(whole.text, sentence.start - whole.start + trigger.start)
        continuing = bool(PARTICIPANT_SUBJECT.match(sentence.text))
        # "repeated the ministry's line that Ukraine's own forces had fired the missile": a version of it
        version = bool(VERSION_BEFORE.search(sentence.text, 0, trigger.start))
        vague = (
            (trigger.rule.generic or quoted or continuing or version)
            and not _precise_place(incident)
            and not NEW_EVENT.search(sentence.text)
        )
        if (referent is not None and vague and _adds_nothing(incident)
                and not _another_day(incident, referent)):
            _enrich(referent, incident)  # "The soldiers were killed while clearing a road": more on the same
            continue
        # "51 people were killed and 79 wounded": a toll for the incident just reported; so is "on 12 January
        # it raised the toll to 89", whose day is the figure's
        bare = trigger.rule.generic and not _precise_place(incident) and (
            _undated(incident) or bool(TOLL_REVISION.search(sentence.text)))
        refers = bare or triggers.is_anaphoric(sentence.text, trigger)
        if referent is not None and refers and not _another_day(incident, referent):
            if _adds_nothing(incident):
                _enrich(referent, incident)  # "the strike was carried out by manned aircraft"
                continue
            if referent.sentence_start == incident.sentence_start:
                # "... 35 civilians were killed; the army said 80 attackers died in its counter-attack": one
                # sentence, one mention; the second figure is kept in the notes
                if referent.fatalities is None:
                    referent.fatalities = incident.fatalities
                elif incident.fatalities is not None:
                    referent.notes += f"; another figure in the same sentence: {incident.fatalities} killed"
                _enrich(referent, incident)
                continue
            _redate(referent, incident)
            # "52 fighters were killed in the attacks": its day, place and (a generic trigger's) type
            _inherit(incident, referent, retype=trigger.rule.generic)
        elif incidents and (DISTINCT_CUE.search(sentence.text) or trigger.sequel or (
                NEXT_ONE.search(sentence.text) and not SAME_SITE.search(sentence.text))):
            incident.notes += f"; {triggers.DISTINCT}"  # "Russian jets also bombed ...": another one
        _same_day_as_last(incident, incidents, article.text)
        incidents.append(incident)
        for other in places.also_named(sentence, link):
            # "Turkish warplanes and artillery strike Ras al-Ain and Tal Abyad": one incident per town
            incidents.append(replace(incident, **_place_fields(other), fatalities=None, injuries=None,
                                     notes=f"{incident.notes}; one of the towns the sentence names"))
    for n, incident in enumerate(incidents, start=1):
        incident.mention_id = f"{article.id}#{n}"
    return incidents


@dataclass
class RunResult:
    incidents: list[Incident] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    articles: int = 0
    warnings: list[str] = field(default_factory=list)  # read, but with a problem (readers.problems)

    def summary(self) -> str:
        """Articles read, skipped inputs with reasons, incidents and events (for stderr)."""
        lines = [
            f"articles read: {self.articles}",
            f"skipped: {len(self.skipped)}",
            *(f"  {s.message()}" for s in self.skipped),
            f"incidents: {len(self.incidents)}",
            f"events: {len(self.events)}",
        ]
        undated = sum(1 for i in self.incidents if i.event_date is None)
        unplaced = sum(1 for i in self.incidents if i.latitude is None)
        if undated or unplaced:
            lines.append(f"  ({undated} undated, {unplaced} without a place)")
        return "\n".join(lines)


def _default_inputs() -> tuple[list[Path], Path | None]:
    """The bundled example articles and their manifest (beside them or one folder up)."""
    for manifest in (EXAMPLES_DIR / "manifest.csv", EXAMPLES_DIR.parent / "manifest.csv"):
        if manifest.exists():
            return [EXAMPLES_DIR], manifest
    return [EXAMPLES_DIR], None


def extract_one(article: Article) -> tuple[list[Incident], Skipped | None]:
    """`extract_article`, with a failure turned into a `Skipped` record (one article never loses others)."""
    try:
        return extract_article(article), None
    except Exception as exc:  # noqa: BLE001 - one article's failure must not lose the others
        return [], Skipped(article.path or article.id, "extraction failed",
                           detail=f"{type(exc).__name__}: {str(exc)[:100]}")


def link_mentions(existing: list[Incident], new: list[Incident]) -> list[Incident]:
    """Event ids for a run: new mentions are linked to each other and, when `existing` mentions were read
    back from an extracted GeoJSON, to those events, whose ids never change (so `build`/`report`/`export`
    show the ids `extract` wrote). A read-back mention without an event id counts as new."""
    if not existing:
        return merge.link(new)
    kept = [m for m in existing if m.event_id]
    fresh = [m for m in existing if not m.event_id] + new
    if fresh:
        merge.link_into(kept, fresh)
    return existing + new


def run(
    inputs: Sequence[str | Path] = (),
    meta: str | Path | None = None,
    published: dt.date | str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool | None = None,
) -> RunResult:
    """Read, extract and link. `.geojson` inputs are incidents already extracted (their event ids are kept);
    no inputs = examples.

    Articles stream from the readers through extraction one batch at a time (serially, in `workers` local
    processes, or on the dask scheduler at `scheduler`); only their incident mentions are kept, so memory
    grows with the mentions found, not with the text read. `progress`: True/False shows/hides a progress
    bar on stderr; None shows it for long runs on a terminal.
    """
    from incidentmap import readers

    inputs = list(inputs)
    if not inputs:
        inputs, default_meta = _default_inputs()
        meta = meta or default_meta
    result = RunResult()
    existing: list[Incident] = []
    articles: list[str | Path] = []
    for item in inputs:
        path = Path(item)
        if path.suffix.lower() == ".geojson" and path.is_file():
            try:
                existing.extend(read_incidents(path))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                result.skipped.append(Skipped(str(path), "bad geojson", detail=str(exc)[:120]))
        else:
            articles.append(item)
    if not articles:
        return run_articles((), existing, result=result)
    stream = readers.iter_articles(articles, meta=meta, published=published)
    return run_articles(stream, existing, workers=workers, scheduler=scheduler, progress=progress,
                        result=result)


def run_articles(
    articles: Iterable[Article | Skipped],
    existing: Sequence[Incident] = (),
    workers: int = 1,
    scheduler: str | None = None,
    progress: bool | None = None,
    result: RunResult | None = None,
) -> RunResult:
    """Extract and link a stream of articles (any iterable: a generator over a database, a queue ...),
    linked against `existing` mentions, whose event ids are kept. `Skipped` items are recorded. The stream
    is consumed lazily and articles are not kept, so its length is bounded by time, not memory."""
    from incidentmap import parallel, readers
    from incidentmap.progress import Meter

    result = result if result is not None else RunResult()
    new: list[Incident] = []

    def readable() -> Iterator[Article]:
        for item in articles:
            if isinstance(item, Skipped):
                result.skipped.append(item)
                continue
            result.articles += 1
            result.warnings.extend(readers.problems(item))
            yield item

    with Meter(progress) as meter:
        for incidents, failure in parallel.extract_all(readable(), workers=workers, scheduler=scheduler):
            if failure is not None:
                result.skipped.append(failure)
            new.extend(incidents)
            meter.advance(1, len(incidents))
    result.incidents = link_mentions(list(existing), new)
    result.events = group_events(result.incidents)
    return result


def _mentions_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    from shapely.geometry import Point

    incidents = list(incidents)
    rows = [i.to_properties() for i in incidents]
    geometry = [
        Point(i.longitude, i.latitude) if i.latitude is not None and i.longitude is not None else None
        for i in incidents
    ]
    columns = list(Incident("", "", "", "").to_properties())
    return gpd.GeoDataFrame(rows, columns=columns, geometry=geometry, crs="EPSG:4326")


def extract(
    paths: Sequence[str | Path] = (), meta: str | Path | None = None, published: dt.date | str | None = None
) -> gpd.GeoDataFrame:
    """Incident mentions of the inputs, one row per mention (the `extract` GeoJSON contract's columns)."""
    return _mentions_frame(run(paths, meta=meta, published=published).incidents)


def load(
    paths: Sequence[str | Path] = (),
    meta: str | Path | None = None,
    published: dt.date | str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    include_undated: bool = False,
) -> gpd.GeoDataFrame:
    """Merged events of the inputs (default: the bundled examples), optionally within [start, end]."""
    result = run(paths, meta=meta, published=published)
    return events_frame(filter_events(result.events, start, end, include_undated))
