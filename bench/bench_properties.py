"""The property tests at full size: 10,000 hypothesis examples per property (CI runs 200).

    python bench/bench_properties.py            # prints examples passing/failing and time per property
    python bench/bench_properties.py -k readers  # one property only (pytest arguments pass through)

Runs tests/test_properties.py under the `bench` profile in a subprocess and reports hypothesis' own counts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    env = {**os.environ, "IMAP_HYPOTHESIS": os.environ.get("IMAP_HYPOTHESIS", "bench")}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics",
         "--show-capture=no", "--tb=short", str(REPO / "tests" / "test_properties.py"), *sys.argv[1:]],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    wall = time.perf_counter() - start
    name = None
    for line in proc.stdout.splitlines():
        if line.startswith("tests/test_properties.py::"):
            name = line.split("::", 1)[1].rstrip(":")
        counts = re.search(r"(\d+) passing, (\d+) failing, and (\d+) invalid", line)
        phase = re.search(r"during (\w+) phase \(([\d.]+) seconds\)", line)
        if phase and name:
            print(f"{name}: {phase.group(1)} phase {float(phase.group(2)):.1f} s", end="")
        if counts and name:
            print(f", {counts.group(1)} passing, {counts.group(2)} failing, {counts.group(3)} invalid")
        if "Events:" in line or line.strip().startswith("* ") and name:
            print("   ", line.strip())
    print(f"profile {env['IMAP_HYPOTHESIS']}: pytest exit {proc.returncode}, wall {wall:.0f} s")
    if proc.returncode:  # the failures (falsifying examples), not the statistics printed above
        failures = proc.stdout.split("= FAILURES =", 1)[-1].split("Hypothesis Statistics", 1)[0]
        print(failures[-6000:], proc.stderr[-2000:])
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
