"""Gazetteer benchmark: cold start of the worldwide index, lookup latency, geoparse throughput, peak memory.

Run from the project root with the venv active: `python bench/bench_gazetteer.py [--corpus PATH] [--mb N]`.
Targets (issue 2): cold start <= 1 s, lookup <= 50 us, geoparse >= 2 MB/s on one core.
The corpus defaults to ../shared/eval/geoparse/wiktor.jsonl (real Wikipedia text); the first run of a fresh
cache directory also builds the index (reported separately as "index build").
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAMES = [
    "Bukamal",
    "Deir Ezzor",
    "At-Tanaf",
    "Raqqa",
    "London",
    "Springfield",
    "Texas",
    "Al Qa'im",
    "Homs",
    "Lincoln",
    "Syria",
    "Euphrates",
    "Rukban",
    "Palmyra",
    "New York",
    "Albukamal",
    "Mosul",
    "Badia",
]


def cold_start() -> float:
    """Seconds for a fresh Python process to import gazetteer and open the (already built) index."""
    code = (
        "import time; t=time.perf_counter(); import gazetteer; gazetteer.default(); "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/eval/geoparse/wiktor.jsonl"))
    ap.add_argument("--mb", type=float, default=2.0, help="megabytes of text to geoparse")
    ap.add_argument("--skip", type=int, default=0, help="documents to skip first (use another slice)")
    args = ap.parse_args()

    import gazetteer

    t = time.perf_counter()
    gaz = gazetteer.default()  # builds the cache if this is the first run
    first = time.perf_counter() - t
    colds = [cold_start() for _ in range(3)]
    print(f"index: {gaz.index.size:,} places in {gaz.index.folder}")
    print(f"first open in this process (includes a build if the cache was empty): {first:.2f} s")
    print(
        f"cold start (fresh process, import + open index): median {statistics.median(colds):.3f} s "
        f"(target <= 1 s)"
    )

    for n in NAMES:  # warm the lexicon and page in the arrays
        gaz.lookup(n, fuzzy=False)
    reps = 2000
    t = time.perf_counter()
    for _ in range(reps // len(NAMES)):
        for n in NAMES:
            gaz.lookup(n, fuzzy=False)
    per = (time.perf_counter() - t) / (reps // len(NAMES) * len(NAMES))
    print(f"lookup (exact/normalised, Place objects built): {per * 1e6:.1f} us per name (target <= 50 us)")

    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"geoparse: corpus {corpus} not found, skipped")
        return 0
    texts, size = [], 0
    for line in corpus.read_text(encoding="utf-8").split("\n")[args.skip :]:
        if line.strip():
            doc = json.loads(line)
            texts.append(doc["text"])
            size += len(doc["text"].encode("utf-8"))
            if size >= args.mb * 1e6:
                break
    gaz.geoparse(texts[0])
    for label in ("first pass", "second pass (warm caches)"):
        t, c = time.perf_counter(), time.process_time()
        mentions = sum(len(gaz.geoparse(x)) for x in texts)
        sec, cpu = time.perf_counter() - t, time.process_time() - c
        print(
            f"geoparse {label}: {size / 1e6:.2f} MB in {len(texts)} documents, {mentions:,} mentions, "
            f"{sec:.2f} s wall = {size / 1e6 / sec:.2f} MB/s, {cpu:.2f} s CPU = {size / 1e6 / cpu:.2f} MB/s "
            f"per core (target >= 2 MB/s)"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
