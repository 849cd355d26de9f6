"""Score extraction on the seed articles and on our held-out articles, and print one table.

The seeds (../shared/seeds) are the development set. bench/heldout/ holds short articles we wrote about
real incidents in other theatres (Yemen, Mali, Ukraine, Iraq, Somalia), coded by hand in the same format,
to show how far the rules generalise while we develop; bench/testset/ is a second such set that nobody tunes
on, the honest measure. bench/unseen1 to unseen57 were written after the rules and scored before any
rule changed for them (first scores in their gold.json `about`); new sets should keep being added that way.

Usage: python bench/score_extraction.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_incidents.py"

SETS = {
    "seeds": (sorted((SHARED / "seeds").glob("*.txt")), SHARED / "seeds" / "manifest.csv",
              SHARED / "gold" / "seeds.json"),
    "heldout": ([ROOT / "bench" / "heldout" / "articles"], ROOT / "bench" / "heldout" / "manifest.csv",
                ROOT / "bench" / "heldout" / "gold.json"),
    "testset": ([ROOT / "bench" / "testset" / "articles"], ROOT / "bench" / "testset" / "manifest.csv",
                ROOT / "bench" / "testset" / "gold.json"),
    **{name: ([ROOT / "bench" / name / "articles"], ROOT / "bench" / name / "manifest.csv",
              ROOT / "bench" / name / "gold.json")
       for name in ("unseen1", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8",
                           "unseen9", "unseen10",
                           "unseen11", "unseen12", "unseen13",
                           "unseen14", "unseen15", "unseen16", "unseen17", "unseen18",
                           "unseen19", "unseen20", "unseen21", "unseen22", "unseen23", "unseen24",
                           "unseen25", "unseen26", "unseen27", "unseen28",
                           "unseen29", "unseen30", "unseen31", "unseen32", "unseen33",
                           "unseen34", "unseen35", "unseen36", "unseen37", "unseen38",
                           "unseen39", "unseen40", "unseen41", "unseen42", "unseen43",
                           "unseen44", "unseen45", "unseen46", "unseen47", "unseen48",
                           "unseen49", "unseen50", "unseen51", "unseen52", "unseen53",
                           "unseen54", "unseen55", "unseen56", "unseen57")},
}


def score(inputs: list[Path], meta: Path, gold: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "incidents.geojson"
        cmd = [sys.executable, "-m", "incidentmap.cli", "extract", *map(str, inputs), "--meta", str(meta),
               "-o", str(out)]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        result = subprocess.run([sys.executable, str(SCORER), str(gold), str(out), "--json"],
                                check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main() -> int:
    if not SCORER.exists():
        print(f"scorer not found at {SCORER}", file=sys.stderr)
        return 1
    header = f"{'set':8} {'core':>5} {'found':>5} {'pred':>5} {'recall':>7} {'prec':>6} {'f1':>6}"
    print(f"{header}  dedup same / apart")
    for name, (inputs, meta, gold) in SETS.items():
        r = score(inputs, meta, gold)
        print(f"{name:8} {r['core']:>5} {r['core_found']:>5} {r['predicted']:>5} {r['recall']:>7} "
              f"{r['precision']:>6} {r['f1']:>6}  "
              f"{r['dedup_same_event_linked']} / {r['dedup_distinct_kept_apart']}")
        for line in r["missed"]:
            print(f"    missed {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
