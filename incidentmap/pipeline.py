"""The extraction pipeline: articles -> sentences -> incidents (mentions) -> linked events.

`extract_article` is a pure function of one article (safe to run in parallel processes); `run` streams the
inputs, links mentions into events and keeps every skipped input with its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from incidentmap import actors, clean, dates, merge, tolls, triggers
from incidentmap.events import events_frame, filter_events, group_events, read_incidents
from incidentmap.models import Article, Event, Incident, Sentence, Skipped
from incidentmap.paths import EXAMPLES_DIR
from incidentmap.places import ArticlePlaces, PlaceLink

if TYPE_CHECKING:
    import geopandas as gpd

COREF_WINDOW = 3  # sentences back that "the strike" may refer to


def _incident(
    article: Article, sentence: Sentence, trigger: triggers.Trigger, places: ArticlePlaces,
    actor_mentions: list[actors.ActorMention],
) -> Incident:
    text = sentence.text
    date = dates.resolve(text, article.published, anchor=trigger.start)
    link = places.link(sentence, sentence.start + trigger.start, sentence.start + trigger.end)
    actor1, actor2 = actors.roles(text, trigger.start, trigger.end, actor_mentions, trigger.rule.symmetric)
    actor1 = actors.contextualise(actor1, article.text)
    actor2 = actors.contextualise(actor2, article.text)
    sub = trigger.sub_event_type
    if trigger.rule.state_sub_event_type and actors.is_state(actor1):
        sub = trigger.rule.state_sub_event_type
    notes = [f"trigger: {trigger.text}"]
    if date.note:
        notes.append(date.note)
    return Incident(
        article=article.id,
        evidence=text,
        event_type=trigger.event_type,
        sub_event_type=sub,
        event_date=date.date,
        time_precision=date.precision,
        date_text=date.text,
        background=date.background,
        location=link.location,
        latitude=link.latitude,
        longitude=link.longitude,
        geo_precision=link.geo_precision,
        place_note=link.place_note,
        country=link.country,
        admin1=link.admin1,
        zones=list(link.zones),
        actor1=actor1,
        actor2=actor2,
        fatalities=tolls.fatalities(text),
        injuries=tolls.injuries(text),
        source=article.source,
        url=article.url,
        published=article.published,
        title=article.title,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        notes="; ".join(notes),
    )


def _adds_nothing(incident: Incident, link: PlaceLink | None = None) -> bool:
    """A mention that only refers back: no date, no toll and no place of its own."""
    return (
        incident.date_text in ("", "publication date")
        and incident.fatalities is None
        and incident.injuries is None
        and not incident.place_note.startswith("named in the sentence")
    )


def _enrich(previous: Incident, repeat: Incident) -> None:
    """Fold a back-reference ("the strike was carried out by US aircraft") into the mention it refers to."""
    if previous.actor1 is None and repeat.actor1:
        previous.actor1 = repeat.actor1
    if previous.actor2 is None and repeat.actor2 and repeat.actor2 != previous.actor1:
        previous.actor2 = repeat.actor2
    previous.notes += f"; also described in: {repeat.evidence}"


def extract_article(article: Article) -> list[Incident]:
    """Every incident mention of one article, in text order; mention ids are `<article id>#<n>`."""
    sentences = clean.sentences(article.text)
    if not sentences:
        return []
    country_hint = None
    found: list[tuple[Sentence, triggers.Trigger]] = []
    for sentence in sentences:
        trigger, _ = triggers.detect(sentence, article.published)
        if trigger is not None:
            found.append((sentence, triggers.specify(trigger, sentences, sentence.index, article.text)))
    if not found:
        return []
    actor_spans: list[tuple[int, int]] = []
    for sentence in sentences:
        for m in actors.find(sentence.text):
            actor_spans.append((sentence.start + m.start, sentence.start + m.end))
    places = ArticlePlaces(article, sentences, actor_spans)
    if places.main is not None and places.main.country:
        from incidentmap.places import country_name

        country_hint = country_name(places.main.country)
    incidents: list[Incident] = []
    last_at: int | None = None
    for sentence, trigger in found:
        mentions = actors.find(sentence.text, country_hint)
        incident = _incident(article, sentence, trigger, places, mentions)
        if incident.notes and dates.SAME_DAY in incident.notes and incidents:
            incident.event_date = incidents[-1].event_date  # "later that day": the day of the last incident
            incident.time_precision = incidents[-1].time_precision
            incident.background = incidents[-1].background
        refers_back = triggers.is_anaphoric(sentence.text, trigger) and _adds_nothing(incident)
        if refers_back and incidents and last_at is not None and sentence.index - last_at <= COREF_WINDOW:
            previous = incidents[-1]
            if previous.event_type == incident.event_type or trigger.rule.generic:
                _enrich(previous, incident)
                continue
        incidents.append(incident)
        last_at = sentence.index
    for n, incident in enumerate(incidents, start=1):
        incident.mention_id = f"{article.id}#{n}"
    return incidents


@dataclass
class RunResult:
    incidents: list[Incident] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    articles: int = 0

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
    manifest = EXAMPLES_DIR / "manifest.csv"
    return [EXAMPLES_DIR], manifest if manifest.exists() else None


def run(
    inputs: Sequence[str | Path] = (),
    meta: str | Path | None = None,
    published: dt.date | str | None = None,
) -> RunResult:
    """Read, extract and link. `.geojson` inputs are incidents already extracted; no inputs = examples."""
    from incidentmap import readers

    inputs = list(inputs)
    if not inputs:
        inputs, default_meta = _default_inputs()
        meta = meta or default_meta
    result = RunResult()
    articles: list[str | Path] = []
    for item in inputs:
        path = Path(item)
        if path.suffix.lower() == ".geojson" and path.is_file():
            try:
                result.incidents.extend(read_incidents(path))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                result.skipped.append(Skipped(str(path), "bad geojson", detail=str(exc)[:120]))
        else:
            articles.append(item)
    if articles:
        for item in readers.iter_articles(articles, meta=meta, published=published):
            if isinstance(item, Skipped):
                result.skipped.append(item)
                continue
            result.articles += 1
            try:
                result.incidents.extend(extract_article(item))
            except Exception as exc:  # noqa: BLE001 - one article's failure must not lose the others
                result.skipped.append(Skipped(item.path or item.id, "extraction failed",
                                              detail=f"{type(exc).__name__}: {str(exc)[:100]}"))
    result.incidents = merge.link(result.incidents)
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
