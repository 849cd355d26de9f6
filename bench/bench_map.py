"""Benchmark of the HTML map: build seconds, file size and peak memory for 1k, 10k and 100k events.

Each size runs in its own process so that peak memory (ru_maxrss) belongs to that size alone. Synthetic
events look like real ones (a date, a type, actors, a place, a ~110-character evidence sentence, one
source with a URL shared by the events of one article). Targets from issue 4: 100k events built in
<= 10 s into <= 20 MB, and the page renders them in headless Chromium (`--browser`).

    python bench/bench_map.py                 # 1k, 10k, 100k
    python bench/bench_map.py --sizes 100000 --browser
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "output"
KINDS = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
]
OUTLETS = [f"outlet{n}.example" for n in range(20)]
ACTORS = [f"Armed group {n}" for n in range(30)]


def synthetic(n: int, seed: int = 1):
    from incidentmap.models import Incident

    rng = random.Random(seed)
    places = [(f"Town {k}", rng.uniform(29, 37.5), rng.uniform(35.5, 48)) for k in range(max(50, n // 200))]
    incidents = []
    for i in range(n):
        kind, sub = KINDS[rng.randrange(len(KINDS))]
        name, lat, lon = places[rng.randrange(len(places))]
        article = f"article-{i // 5}"
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        incidents.append(Incident(
            article=article,
            evidence=f"Event {i}: fighters of {ACTORS[i % 30]} attacked positions near {name} early on"
                     f" the day, a monitor said.",
            event_type=kind,
            sub_event_type=sub,
            event_date=dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(1500)),
            time_precision=rng.choice([1, 1, 1, 2, 3]),
            location=name,
            latitude=lat + rng.gauss(0, 0.05),
            longitude=lon + rng.gauss(0, 0.05),
            geo_precision=rng.choice([1, 1, 2, 3]),
            actor1=ACTORS[rng.randrange(30)],
            actor2=ACTORS[rng.randrange(30)] if rng.random() < 0.6 else None,
            fatalities=rng.choice([None, 0, 1, 2, 5, 12, 40]),
            event_id=f"ev{i}",
            mention_id=f"{article}#{i % 5}",
            source=outlet,
            url=f"https://{outlet}/news/{i // 5}",
            published=dt.date(2020, 1, 1),
        ))
    return incidents


def one(size: int) -> dict:
    """Build one map in this process and return its numbers."""
    from incidentmap.events import events_frame, group_events
    from incidentmap.webmap import build_map, save_map

    incidents = synthetic(size)
    start = time.perf_counter()
    frame = events_frame(group_events(incidents))
    framed = time.perf_counter()
    rss_before_map = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = OUTPUT / f"bench-map-{size}.html"
    save_map(build_map(frame, title=f"{size} synthetic events"), out)
    done = time.perf_counter()
    return {
        "events": size,
        "frame_s": round(framed - start, 2),
        "map_s": round(done - framed, 2),
        "mb": round(out.stat().st_size / 1e6, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "map_peak_mb": round((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before_map) / 1024, 1),
        "path": str(out),
    }


def browser(path: str) -> dict:
    """Open the map in headless Chromium (file://, offline) and time it until the markers are drawn."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="imap-bench-")
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run"]
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=chromium, headless=True, args=flags, offline=True,
                viewport={"width": 1280, "height": 860})
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            start = time.perf_counter()
            page.goto(Path(path).resolve().as_uri(), timeout=120_000)
            page.wait_for_selector(".imap-container[data-imap-ready]", timeout=120_000)
            ready = time.perf_counter() - start
            state = page.evaluate(
                "() => { const b = document.querySelector('.imap-container').dataset;"
                " return [Number(b.imapShown), Number(b.imapMarkers), Number(b.imapClusters)]; }")
            # one date-slider move re-filters every event and redraws: timed inside the page
            redraw = page.evaluate(
                "() => { const r = document.querySelector('.imap-range'); const t = performance.now();"
                " r.value = String(Number(r.value) + 30); r.dispatchEvent(new Event('input'));"
                " return (performance.now() - t) / 1000; }")
            shot = Path(path).with_suffix(".png")
            page.screenshot(path=str(shot))
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return {"open_s": round(ready, 2), "shown": state[0], "markers": state[1], "clusters": state[2],
            "redraw_s": round(redraw, 3), "errors": errors[:3], "screenshot": str(shot)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--browser", action="store_true", help="also open each map in headless Chromium")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    print(f"{'events':>8} {'frame s':>8} {'map s':>7} {'file MB':>8} {'peak MB':>8} {'map +MB':>8}  browser")
    for size in args.sizes:
        run = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True,
                             check=True)
        numbers = json.loads(run.stdout.strip().splitlines()[-1])
        extra = ""
        if args.browser:
            b = browser(numbers["path"])
            extra = (f"opened in {b['open_s']} s: {b['shown']} shown, {b['markers']} markers, "
                     f"{b['clusters']} clusters; filter+redraw {b['redraw_s']} s; errors {b['errors']}")
        print(f"{size:>8} {numbers['frame_s']:>8} {numbers['map_s']:>7} {numbers['mb']:>8} "
              f"{numbers['peak_mb']:>8} {numbers['map_peak_mb']:>8}  {extra}", flush=True)
    print("frame s: events_frame (merge + flatten); map s: build_map + render + atomic write; "
          "peak MB: max RSS of the process; map +MB: how much the map step raised it")


if __name__ == "__main__":
    main()
