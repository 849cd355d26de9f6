"""Linking: mentions of one real event (within and across articles) share an `event_id`.

Two mentions may be one event when their types agree, their dates fit (each date's ACLED precision
widens it), their places are close (in the same country), and their actors do not contradict each
other. Groups are built by complete linkage (every pair in a group must be compatible), so a vague
mention cannot chain two distinct events together. Candidate pairs come from a (type, week) index, not from
all pairs. The event id hashes the group's sorted mention ids, so it does not depend on input order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat

from geopy.distance import great_circle

from incidentmap.actors import CIVILIANS
from incidentmap.actors import compatible as actors_compatible
from incidentmap.events import event_period
from incidentmap.models import GEO_NEAR, GEO_TOWN, TIME_DAY, Incident
from incidentmap.triggers import DISTINCT, GUESSED

DATE_SLACK_DAYS = 1  # reports of one event often differ by a day ("overnight", time zones)
KM_BY_PRECISION = {GEO_TOWN: 25.0, GEO_NEAR: 60.0}
KM_REGION = 120.0
BUCKET_DAYS = 7
CELL_DEGREES = 2.0  # > the largest linking distance (KM_REGION), so neighbouring cells cover it


@lru_cache(maxsize=1 << 16)
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (geopy; a sphere is precise enough for tolerances of tens of km). Cached:
    linking asks for the same few places' distances many times (every report of an event names them)."""
    return great_circle((lat1, lon1), (lat2, lon2)).km


def _period(m: Incident) -> tuple[dt.date, dt.date] | None:
    return event_period(m.event_date, m.time_precision)


def dates_compatible(a: Incident, b: Incident) -> bool:
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return pa is None and pb is None and a.background == b.background
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    return pa[0] - slack <= pb[1] and pb[0] - slack <= pa[1]


def places_compatible(a: Incident, b: Incident) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return a.article == b.article  # an unplaced mention joins only mentions of its own article
    if set(a.zones) & set(b.zones):
        return True
    limit = max(KM_BY_PRECISION.get(a.geo_precision, KM_REGION),
                KM_BY_PRECISION.get(b.geo_precision, KM_REGION))
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= limit


VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
STRIKES = {"Air/drone strike", "Shelling/artillery/missile attack"}  # munitions a report may name either way


def types_compatible(a: Incident, b: Incident) -> bool:
    """Same type and sub-type; or one is an "attack" whose means no text named, and the other is violent."""
    if a.event_type == b.event_type and a.sub_event_type == b.sub_event_type:
        return True
    same_day = (a.event_date is not None and a.event_date == b.event_date
                and a.time_precision == b.time_precision == TIME_DAY)
    if same_day and a.event_type == b.event_type == "Explosions/Remote violence" and (
        a.article != b.article or {a.sub_event_type, b.sub_event_type} <= STRIKES
    ):
        # "bombs struck" in one report, "shells fell" in another; in one live blog "the strikes on the
        # capital" and "a missile hit the centre": the means differ, not the day
        return True
    guessed = GUESSED in a.notes or GUESSED in b.notes
    return guessed and a.event_type in VIOLENT and b.event_type in VIOLENT


def _family(m: Incident) -> str:
    return "violent" if m.event_type in VIOLENT else f"{m.event_type}/{m.sub_event_type}"


def compatible(a: Incident, b: Incident) -> bool:
    """Could these two mentions report the same event?"""
    if a.article == b.article and (DISTINCT in a.notes or DISTINCT in b.notes):
        return False  # the article itself says it is another incident
    return (
        types_compatible(a, b)
        and dates_compatible(a, b)
        and places_compatible(a, b)
        and actors_compatible(a.actor1, b.actor1)
        # the dead of one strike: "civilians" in one report, "an adviser and five civilians" in another
        and (actors_compatible(a.actor2, b.actor2) or CIVILIANS in (a.actor2, b.actor2))
    )


def _strength(a: Incident, b: Incident) -> tuple:
    """Sort key for candidate pairs: closest in time and space first, ties by mention ids."""
    days = abs((a.event_date - b.event_date).days) if a.event_date and b.event_date else 99
    km = (
        haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        if None not in (a.latitude, a.longitude, b.latitude, b.longitude) else 999.0
    )
    precise = a.time_precision + b.time_precision + a.geo_precision + b.geo_precision
    return (days, round(km, 1), precise, *sorted((a.mention_id, b.mention_id)))


def _buckets(m: Incident) -> list[tuple]:
    """Index keys: (type family, week, place) for every week the mention's period touches (undated: None).

    The place part is a grid cell of CELL_DEGREES (the mention is filed under its cell and the 8 around it,
    so two mentions within linking distance always share a key) and, always, the mention's own article
    (unplaced mentions link only within their article).
    """
    period = _period(m)
    if period is None:
        weeks: list[int | None] = [None]
    else:
        start = (period[0] - dt.timedelta(days=DATE_SLACK_DAYS)).toordinal() // BUCKET_DAYS
        end = (period[1] + dt.timedelta(days=DATE_SLACK_DAYS)).toordinal() // BUCKET_DAYS
        weeks = list(range(start, end + 1))
    places: list[tuple] = [("article", m.article)]
    if m.latitude is not None and m.longitude is not None:
        cy, cx = math.floor(m.latitude / CELL_DEGREES), math.floor(m.longitude / CELL_DEGREES)
        places += [("cell", cy + dy, cx + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    family = _family(m)
    return [(family, week, *place) for week in weeks for place in places]


def event_id(mention_ids: Iterable[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(mention_ids)).encode("utf-8")).hexdigest()
    return f"ev-{digest[:12]}"


def link(incidents: list[Incident]) -> list[Incident]:
    """Assign `event_id` and `sources` to every mention (in place; the list is returned)."""
    for n, m in enumerate(incidents):
        if not m.mention_id:
            m.mention_id = f"{m.article or 'mention'}#{n + 1}"
    ordered = sorted(incidents, key=lambda m: m.mention_id)
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(ordered):
        for key in _buckets(m):
            index[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in index.values():  # ascending and distinct: mentions are filed in order, each key once
        for x, i in enumerate(members):
            pairs.update(zip(repeat(i), members[x + 1:]))
    candidates = [(i, j) for i, j in pairs if compatible(ordered[i], ordered[j])]
    ok = set(candidates)
    candidates.sort(key=lambda p: _strength(ordered[p[0]], ordered[p[1]]))
    group_of = list(range(len(ordered)))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}
    for i, j in candidates:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        # complete linkage: every cross pair must be compatible
        if all(((a, b) if a < b else (b, a)) in ok for a in members_of[gi] for b in members_of[gj]):
            keep, gone = (gi, gj) if gi < gj else (gj, gi)
            for k in members_of[gone]:
                group_of[k] = keep
            members_of[keep].extend(members_of.pop(gone))
    for members in members_of.values():
        group = [ordered[k] for k in members]
        eid = event_id(m.mention_id for m in group)
        sources = sorted({m.source for m in group if m.source})
        for m in group:
            m.event_id = eid
            m.sources = list(sources)
    return incidents


def link_into(existing: list[Incident], fresh: list[Incident]) -> None:
    """Link `fresh` mentions (new articles) among themselves as `link` does, then join each new group to
    an existing event (mentions read back from an extracted GeoJSON) when every pair across the two is
    compatible. Existing mentions keep their `event_id`; an event that gains mentions gains their sources.
    """
    link(fresh)
    events: dict[str, list[Incident]] = defaultdict(list)
    index: dict[tuple, set[str]] = defaultdict(set)
    for m in existing:
        events[m.event_id].append(m)
        for key in _buckets(m):
            index[key].add(m.event_id)
    groups: dict[str, list[Incident]] = defaultdict(list)
    for m in fresh:
        groups[m.event_id].append(m)
    touched: set[str] = set()
    for eid in sorted(groups):
        group = groups[eid]
        near = sorted({e for m in group for key in _buckets(m) for e in index.get(key, ())})
        fits = [e for e in near if all(compatible(a, b) for a in group for b in events[e])]
        if not fits:
            continue
        best = min(fits, key=lambda e: min(_strength(a, b) for a in group for b in events[e]))
        for m in group:
            m.event_id = best
        events[best].extend(group)
        touched.add(best)
    for eid in touched:
        sources = sorted({m.source for m in events[eid] if m.source}
                         | {s for m in events[eid] for s in m.sources})
        for m in events[eid]:
            m.sources = list(sources)
