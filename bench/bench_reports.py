"""Time and size of the report, the snapshot and each export for synthetic events.

Usage: python bench/bench_reports.py [N ...]   (default: 1000 10000). Prints seconds and output MB per
output; peak memory of the whole run is printed at the end (ru_maxrss).
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from incidentmap import exports, report, snapshot, zones
from incidentmap.events import events_frame, group_events
from incidentmap.models import Incident

KINDS = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]


def synthetic(n: int, seed: int = 1) -> list[Incident]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind, sub = KINDS[i % len(KINDS)]
        out.append(Incident(
            article=f"a{i}.txt", evidence=f"Synthetic event {i}.", event_type=kind, sub_event_type=sub,
            event_date=dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(700)),
            time_precision=rng.choice([1, 1, 2, 3]), location=f"Place {i % 300}",
            latitude=rng.uniform(32, 37), longitude=rng.uniform(36, 42), geo_precision=rng.choice([1, 2, 3]),
            fatalities=rng.choice([None, 0, 3, 40]), event_id=f"e{i}", mention_id=f"a{i}.txt#1",
            source="wire.example", url=f"https://wire.example/{i}",
        ))
    return out


def main(sizes: list[int]) -> None:
    zone_list = zones.load_zones()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for n in sizes:
            frame = zones.annotate(events_frame(group_events(synthetic(n))), zone_list)
            jobs = {
                "report.html": lambda p, f=frame: report.write_report(p, f, zones=zone_list),
                "map.png": lambda p, f=frame: snapshot.write_snapshot(f, p, zones=zone_list),
                "map.pdf": lambda p, f=frame: snapshot.write_snapshot(f, p, zones=zone_list),
                "events.csv": lambda p, f=frame: exports.write_events(f, p),
                "events.gpkg": lambda p, f=frame: exports.write_events(f, p),
                "events.geojson": lambda p, f=frame: exports.write_events(f, p),
                "events.md": lambda p, f=frame: exports.write_events(f, p),
            }
            for name, job in jobs.items():
                path = out / name
                start = time.perf_counter()
                job(path)
                seconds = time.perf_counter() - start
                print(f"{n:>7} events  {name:<15} {seconds:6.2f} s  {path.stat().st_size / 1e6:7.2f} MB")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (whole run): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
