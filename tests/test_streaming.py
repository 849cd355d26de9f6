"""Streaming: articles are pulled lazily and not kept; read-back GeoJSON mentions keep their event ids."""

from __future__ import annotations

import datetime as dt
import gc
import json
import weakref
from pathlib import Path

import pytest

from incidentmap import exports, parallel, pipeline
from incidentmap.models import Article

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")

STORY = ("Government aircraft struck a weapons depot in Kafr Nabl on Tuesday, killing four fighters, "
         "a monitoring group said. The museum in the town was closed.")


def _articles(n: int, pulled: list[int]):
    for k in range(n):
        pulled.append(k)
        yield Article(id=f"a{k}", text=STORY if k % 2 else "A quiet day at the museum.",
                      published=dt.date(2019, 5, 9))


def test_serial_extraction_pulls_one_article_at_a_time():
    pulled: list[int] = []
    outcomes = parallel.extract_all(_articles(100, pulled))
    first = next(outcomes)
    assert first == ([], None) and len(pulled) == 1
    rest = list(outcomes)
    assert len(pulled) == 100 and len(rest) == 99
    assert sum(len(incidents) for incidents, _ in rest) == 50


def test_extracted_articles_are_not_kept():
    """After extraction nothing refers to the articles any more: memory does not grow with the text read."""
    refs: list[weakref.ref] = []

    def tracked():
        for article in _articles(40, []):
            refs.append(weakref.ref(article))
            yield article

    mentions = [m for incidents, _ in parallel.extract_all(tracked()) for m in incidents]
    gc.collect()
    assert len(mentions) == 20 and len(refs) == 40
    assert all(ref() is None for ref in refs)


def test_one_failing_article_is_skipped_not_fatal(monkeypatch):
    real = pipeline.extract_article

    def flaky(article):
        if article.id == "a3":
            raise RuntimeError("boom")
        return real(article)

    monkeypatch.setattr(pipeline, "extract_article", flaky)
    outcomes = list(parallel.extract_all(_articles(6, [])))
    failures = [f for _, f in outcomes if f is not None]
    assert len(outcomes) == 6 and len(failures) == 1
    assert failures[0].reason == "extraction failed" and "boom" in failures[0].detail
    assert sum(len(i) for i, _ in outcomes) == 2  # a1 and a5 still extracted


def _ids(result) -> dict[str, str]:
    return {m.mention_id: m.event_id for m in result.incidents}


@needs_seeds
def test_geojson_read_back_keeps_event_ids(tmp_path):
    first = pipeline.run([SEEDS], meta=SEEDS / "manifest.csv")
    out = tmp_path / "incidents.geojson"
    exports.write_incidents(first.incidents, out, None)
    written = {f["properties"]["mention_id"]: f["properties"]["event_id"]
               for f in json.loads(out.read_text(encoding="utf-8"))["features"]}
    again = pipeline.run([out])
    assert _ids(again) == written == _ids(first)
    assert len(again.events) == len(first.events)


@needs_seeds
def test_new_articles_link_to_read_back_events_without_renaming(tmp_path):
    """Extract four seeds, then add the fifth: old ids stay, the fifth's reports of events already in the
    GeoJSON join those events (as they do in a run over all five), its other mentions get new ids."""
    manifest = SEEDS / "manifest.csv"
    files = sorted(SEEDS.glob("*.txt"))
    added = next(f for f in files if f.name.startswith("001_"))
    base = pipeline.run([f for f in files if f != added], meta=manifest)
    geojson = tmp_path / "base.geojson"
    exports.write_incidents(base.incidents, geojson, None)
    mixed = pipeline.run([geojson, added], meta=manifest)
    old = _ids(base)
    assert {k: v for k, v in _ids(mixed).items() if k in old} == old
    whole = pipeline.run(files, meta=manifest)
    shared = {m.mention_id for m in whole.incidents if m.article == added.name
              and any(o.event_id == m.event_id and o.article != added.name for o in whole.incidents)}
    assert shared, "the seeds report some events in two articles"
    new = {m.mention_id: m for m in mixed.incidents if m.article == added.name}
    for mention_id in shared:
        partners = {o.mention_id for o in whole.incidents if o.event_id == whole_id(whole, mention_id)
                    and o.article != added.name}
        assert {old[p] for p in partners} == {new[mention_id].event_id}
    joined = {m.event_id for m in new.values()} & set(old.values())
    for m in mixed.incidents:
        if m.event_id in joined:
            assert m.sources == sorted({o.source for o in mixed.incidents if o.event_id == m.event_id})


def whole_id(result, mention_id: str) -> str:
    return next(m.event_id for m in result.incidents if m.mention_id == mention_id)


def test_run_articles_takes_any_stream():
    """The Python API for a corpus that is not in files: a generator of Articles (and Skipped records)."""
    from incidentmap.models import Skipped

    def stream():
        yield Skipped("db:7", "no text")
        yield from _articles(4, [])

    result = pipeline.run_articles(stream(), progress=False)
    assert result.articles == 4 and [s.path for s in result.skipped] == ["db:7"]
    assert len(result.incidents) == 2 and all(m.event_id for m in result.incidents)
