"""Extraction benchmark: end-to-end throughput (articles to GeoJSON), its floor, workers, cold start, memory.

Run from the project root with the venv active:

    python bench/bench_extract.py                  # everything (about 5 minutes on 2 cores)
    python bench/bench_extract.py --skip-100k      # without the 100k-article memory run
    python bench/bench_extract.py --profile        # also: where one core's time goes (cProfile)

Inputs are real text: the 5,000 Wikipedia articles of ../shared/eval/geoparse/wiktor.jsonl (mostly not about
conflict: the cost of reading, cleaning, trigger search on ordinary prose) and the five seed articles
(conflict news: every stage runs), written as .jsonl records (id, title, text, published, source) the way a
news archive would hand them over. "End to end" is `pipeline.run` on those files plus writing the GeoJSON;
the "floor" is reading the same files and lower-casing every text. The gazetteer is warmed first (its cold
start is measured separately, in a fresh process). Memory runs happen in fresh processes, on the corpora
repeated (ids made unique) to 10k and 100k articles, split in files of 5,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
WIKTOR = SHARED / "eval" / "geoparse" / "wiktor.jsonl"
SEEDS = SHARED / "seeds"
PUBLISHED = "2020-01-01"
PER_FILE = 5000


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load() -> tuple[list[dict], list[dict]]:
    from incidentmap.models import Article
    from incidentmap.readers import iter_articles

    wiki = []
    with WIKTOR.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            wiki.append({"id": str(record["id"]), "title": record.get("title", ""), "text": record["text"],
                         "published": PUBLISHED})
    seeds = [
        {"id": a.id, "title": a.title, "text": a.text, "published": a.published.isoformat() if a.published
         else PUBLISHED, "source": a.source, "url": a.url}
        for a in iter_articles([SEEDS], meta=SEEDS / "manifest.csv") if isinstance(a, Article)
    ]
    return wiki, seeds


def _write(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _floor(files: list[Path]) -> float:
    """Seconds to read the files and lower-case every text: the least any extractor must do."""
    t0 = time.perf_counter()
    chars = 0
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                chars += len(json.loads(line)["text"].lower())
    return time.perf_counter() - t0


def _end_to_end(files: list[Path], out: Path, workers: int = 1) -> tuple[float, float, int, int]:
    """`pipeline.run` on the files plus writing the GeoJSON: (wall s, this process's CPU s, articles,
    mentions).
    CPU time is what one core costs when other jobs share the machine; wall time is what a user waits."""
    from incidentmap import exports, pipeline

    t0, c0 = time.perf_counter(), time.process_time()
    result = pipeline.run([str(p) for p in files], workers=workers, progress=False)
    exports.write_incidents(result.incidents, out, "geojson")
    return time.perf_counter() - t0, time.process_time() - c0, result.articles, len(result.incidents)


def _cold_start() -> tuple[float, float]:
    """A fresh process: seconds to import the gazetteer and load its index; that process's peak MB. (The
    first use after a gazetteer data change builds the index cache; the second run is the cold start.)"""
    code = ("import resource, time; t = time.perf_counter(); import gazetteer; gazetteer.default(); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             cwd=ROOT)
        took, peak = out.stdout.split()
    return float(took), float(peak)


def _memory_child(folder: str, count: int) -> None:
    """(child process) Extract every file of `folder`, write the GeoJSON, print counts, seconds, peak MB."""
    from incidentmap import exports, pipeline

    files = sorted(Path(folder).glob("*.jsonl"))
    t0 = time.perf_counter()
    result = pipeline.run([str(p) for p in files], progress=False)
    exports.write_incidents(result.incidents, Path(folder) / "out.geojson", "geojson")
    print(result.articles, len(result.incidents), len(result.events), time.perf_counter() - t0, _peak_mb())


def _memory_run(wiki: list[dict], seeds: list[dict], count: int, tmp: Path) -> list[str]:
    """`count` articles (WikToR repeated, five seed articles per 5,000, unique ids) in a fresh process."""
    folder = tmp / f"mem{count}"
    folder.mkdir()
    batch: list[dict] = []
    written = files = 0
    block = [*wiki[: PER_FILE - len(seeds)], *seeds]
    while written < count:
        for record in block:
            if written >= count:
                break
            batch.append({**record, "id": f"r{written // len(block)}-{record['id']}"})
            written += 1
            if len(batch) == PER_FILE:
                _write(batch, folder / f"part{files:03}.jsonl")
                files, batch = files + 1, []
    if batch:
        _write(batch, folder / f"part{files:03}.jsonl")
    out = subprocess.run([sys.executable, __file__, "--memory-child", str(folder), str(count)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    return out.stdout.split()


def _profile(files: list[Path]) -> None:
    import cProfile
    import pstats

    from incidentmap import pipeline

    profiler = cProfile.Profile()
    profiler.enable()
    pipeline.run([str(p) for p in files], progress=False)
    profiler.disable()
    print("\nwhere one core's time goes (cProfile, cumulative, top 25):")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-100k", action="store_true", help="skip the 100k-article memory run")
    parser.add_argument("--skip-workers", action="store_true", help="skip the 2-worker run")
    parser.add_argument("--profile", action="store_true", help="profile one core on WikToR")
    parser.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        _memory_child(args.memory_child[0], int(args.memory_child[1]))
        return 0
    if not WIKTOR.exists() or not SEEDS.exists():
        print(f"needs {WIKTOR} and {SEEDS}")
        return 1

    load = os.getloadavg()
    print(f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other engineers' jobs share these CPUs)\n")
    cold, cold_peak = _cold_start()
    wiki, seeds = _load()
    from incidentmap.parallel import warm

    warm()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpora = {
            "WikToR (Wikipedia)": [_write(wiki, tmp / "wiktor.jsonl")],
            "seed news x40": [_write([{**r, "id": f"{k}-{r['id']}"} for k in range(40) for r in seeds],
                                     tmp / "seeds40.jsonl")],
        }
        print("| corpus | articles | MB | end to end, 1 core: wall | CPU | MB/s (CPU) "
              "| floor: read + lower-case | ratio (CPU) | mentions |")
        print("|---|---|---|---|---|---|---|---|---|")
        single: dict[str, float] = {}
        single_cpu: dict[str, float] = {}
        for name, files in corpora.items():
            size = sum(p.stat().st_size for p in files) / 1e6
            floor = min(_floor(files) for _ in range(3))
            took, cpu, articles, mentions = _end_to_end(files, tmp / "out.geojson")
            single[name], single_cpu[name] = took, cpu
            print(f"| {name} | {articles:,} | {size:.1f} | {articles / took:,.0f} articles/s ({took:.1f} s) "
                  f"| {articles / cpu:,.0f} articles/s ({cpu:.1f} s) | {size / cpu:.2f} "
                  f"| {articles / floor:,.0f} articles/s ({size / floor:.0f} MB/s) | {cpu / floor:.0f}x "
                  f"| {mentions:,} |")
        if not args.skip_workers:
            print("\n| corpus | 1 worker | 2 workers (--workers 2) | speed-up (wall) | CPU: main + workers "
                  "| speed-up with 2 free cores (CPU accounting) |")
            print("|---|---|---|---|---|---|")
            for name, files in corpora.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                took, main_cpu, articles, _ = _end_to_end(files, tmp / "out2.geojson", workers=2)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                workers_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
                one, two = articles / single[name], articles / took
                # with two free cores: the workers' share each, plus all of the main process's work
                # (reading, linking, writing), counted as if none of it overlapped the workers (conservative)
                ideal = single_cpu[name] / (workers_cpu / 2 + main_cpu)
                print(f"| {name} | {one:,.0f} articles/s | {two:,.0f} articles/s | {two / one:.2f}x "
                      f"| {main_cpu:.1f} + {workers_cpu:.1f} s (1 worker: {single_cpu[name]:.1f} s) "
                      f"| {ideal:.2f}x |")
        print(f"\ngazetteer cold start (fresh process, import + load index): {cold:.2f} s, "
              f"that process's peak {cold_peak:.0f} MB")
        print(f"this process after the runs above: peak {_peak_mb():.0f} MB")
        print("\n| articles (fresh process, 1 core, files of 5,000) | mentions | events | seconds "
              "| peak memory |")
        print("|---|---|---|---|---|")
        for count in (10_000, 100_000):
            if count == 100_000 and args.skip_100k:
                continue
            articles, mentions, events, took, peak = _memory_run(wiki, seeds, count, tmp)
            print(f"| {int(articles):,} | {int(mentions):,} | {int(events):,} | {float(took):.0f} "
                  f"| {float(peak):.0f} MB |")
        if args.profile:
            _profile(corpora["WikToR (Wikipedia)"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
