"""Extraction benchmark: articles/s and MB/s of `pipeline.extract_article`, linking time, peak memory.

Run from the project root with the venv active: `python bench/bench_extract.py [--articles N]`.
Input: real Wikipedia text from ../shared/eval/geoparse/wiktor.jsonl (mostly not about conflict: measures the
cost of reading, cleaning and trigger search on ordinary prose) and the five seed articles repeated (conflict
news: every stage runs). The gazetteer index is warmed first so its cold start is not counted here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"


def main() -> int:
    from incidentmap import merge
    from incidentmap.models import Article
    from incidentmap.pipeline import extract_article
    from incidentmap.readers import iter_articles

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500, help="Wikipedia articles to process")
    args = parser.parse_args()

    corpus = SHARED / "eval" / "geoparse" / "wiktor.jsonl"
    seeds = SHARED / "seeds"
    if not corpus.exists() or not seeds.exists():
        print(f"needs {corpus} and {seeds}")
        return 1
    texts = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["text"])
            if len(texts) >= args.articles:
                break
    wiki = [Article(id=f"w{n}", text=t, published=dt.date(2020, 1, 1)) for n, t in enumerate(texts)]
    news = [a for a in iter_articles([seeds], meta=seeds / "manifest.csv") if isinstance(a, Article)]

    t0 = time.perf_counter()
    extract_article(news[0])  # warm the gazetteer and the compiled rules
    warm = time.perf_counter() - t0

    for name, batch in (("wikipedia", wiki), ("seed news x40", news * 40)):
        size = sum(len(a.text.encode("utf-8")) for a in batch) / 1e6
        t0 = time.perf_counter()
        incidents = []
        for n, article in enumerate(batch):
            for incident in extract_article(article):
                incident.mention_id = f"{n}:{incident.mention_id}"
                incidents.append(incident)
        took = time.perf_counter() - t0
        t1 = time.perf_counter()
        merge.link(incidents)
        linked = time.perf_counter() - t1
        print(f"{name:15} {len(batch):5} articles {size:6.2f} MB  {len(batch) / took:7.1f} articles/s  "
              f"{size / took:5.2f} MB/s  {len(incidents):5} mentions  link {linked * 1000:6.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"warm-up (gazetteer load + rules) {warm:.2f} s; peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
