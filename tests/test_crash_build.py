"""Crash safety of the real CLI: `incidentmap build` / `export` killed with SIGKILL while writing leave
yesterday's file byte for byte and no partial file (tests/test_atomic.py covers the mechanism alone).

To land the kill inside the write every time, the subprocess loads a `sitecustomize` that slows the real
writers down (each chunk written through `incidentmap.atomic` is followed by a pause and a signal file); the
code path is the CLI's own. A second test kills an unslowed build of 5,000 events at several moments.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from incidentmap.exports import write_incidents_geojson

browser_map = pytest.importorskip("test_browser_map")  # its synthetic() incidents generator

SLOW_WRITERS = '''
import contextlib, os, time
from pathlib import Path

SIGNAL = os.environ.get("IMAP_CRASH_SIGNAL")
if SIGNAL:
    import incidentmap.atomic as atomic

    real_open, real_path = atomic.atomic_open, atomic.atomic_path

    class Slow:
        """A handle whose writes go out in 50 chunks with a pause after each."""

        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            step = max(1, len(data) // 50)
            for i in range(0, len(data), step):
                self.handle.write(data[i:i + step])
                self.handle.flush()
                Path(SIGNAL).touch()
                time.sleep(0.05)
            return len(data)

        def __getattr__(self, name):
            return getattr(self.handle, name)

    @contextlib.contextmanager
    def slow_open(target, *args, **kwargs):
        with real_open(target, *args, **kwargs) as handle:
            yield Slow(handle)

    @contextlib.contextmanager
    def slow_path(target):
        with real_path(target) as tmp:
            yield tmp
            Path(SIGNAL).touch()  # the temporary file is written; it is not yet moved into place
            time.sleep(60)

    atomic.atomic_open, atomic.atomic_path = slow_open, slow_path
'''


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[Path, Path]:
    """Two inputs giving different outputs: 5,000 events, and the first 4,000 of them."""
    folder = tmp_path_factory.mktemp("crash-inputs")
    incidents = browser_map.synthetic(5000)
    big, smaller = folder / "big.geojson", folder / "smaller.geojson"
    write_incidents_geojson(incidents, big)
    write_incidents_geojson(incidents[:4000], smaller)
    return big, smaller


def cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "incidentmap.cli", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def slowed_env(tmp_path: Path) -> tuple[dict, Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SLOW_WRITERS)
    marker = tmp_path / "writing"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "IMAP_CRASH_SIGNAL": str(marker)}
    return env, marker


def kill_when_writing(proc: subprocess.Popen, marker: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the write never started"
        time.sleep(0.02)
    time.sleep(0.3)  # well inside the write
    assert proc.poll() is None, "finished before the kill"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def finish(proc: subprocess.Popen) -> None:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_build_killed_mid_write_keeps_the_previous_map(tmp_path, inputs, fragment):
    big, smaller = inputs
    out_dir = tmp_path / "out"
    target = out_dir / "map.html"
    extra = ["--fragment"] if fragment else []
    finish(cli("build", str(smaller), "-o", str(target), *extra))
    yesterday = target.read_bytes()
    assert len(yesterday) > 100_000

    env, marker = slowed_env(tmp_path)
    kill_when_writing(cli("build", str(big), "-o", str(target), *extra, env=env), marker)
    assert target.read_bytes() == yesterday
    assert sorted(p.name for p in out_dir.iterdir()) == ["map.html"]  # no partial file, named or not

    finish(cli("build", str(big), "-o", str(target), *extra))  # and the next build replaces it whole
    today = target.read_bytes()
    assert today != yesterday and today.rstrip().endswith(b"</html>" if not fragment else b"</div>")
    assert sorted(p.name for p in out_dir.iterdir()) == ["map.html"]


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".csv"])
def test_export_killed_mid_write_keeps_the_previous_file(tmp_path, inputs, suffix):
    big, smaller = inputs
    out_dir = tmp_path / "out"
    target = out_dir / f"events{suffix}"
    finish(cli("export", str(smaller), "-o", str(target)))
    yesterday = target.read_bytes()

    env, marker = slowed_env(tmp_path)
    kill_when_writing(cli("export", str(big), "-o", str(target), env=env), marker)
    assert target.read_bytes() == yesterday
    leftovers = sorted(p.name for p in out_dir.iterdir() if p != target)
    if suffix == ".gpkg":  # GDAL writes to a named temporary file: it may survive the kill ...
        assert all(name.startswith(f".events{suffix}.tmp-") for name in leftovers), leftovers
    else:
        assert leftovers == []

    finish(cli("export", str(big), "-o", str(target)))  # ... and the next write sweeps it away
    assert sorted(p.name for p in out_dir.iterdir()) == [target.name]
    if suffix == ".gpkg":
        import pyogrio

        assert len(pyogrio.read_dataframe(target)) == 5000
    elif suffix == ".geojson":
        assert len(json.loads(target.read_text(encoding="utf-8"))["features"]) == 5000


def test_unslowed_build_killed_at_any_moment_leaves_old_or_new_never_partial(tmp_path, inputs):
    big, smaller = inputs
    out_dir = tmp_path / "out"
    target = out_dir / "map.html"
    finish(cli("build", str(smaller), "-o", str(target)))
    yesterday = target.read_bytes()
    start = time.monotonic()
    finish(cli("build", str(big), "-o", str(tmp_path / "reference.html")))
    duration = time.monotonic() - start
    today = (tmp_path / "reference.html").read_bytes()
    for fraction in (0.5, 0.8, 0.9, 0.95, 0.99):
        proc = cli("build", str(big), "-o", str(target))
        time.sleep(duration * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert target.read_bytes() in (yesterday, today)
        assert sorted(p.name for p in out_dir.iterdir()) == ["map.html"]
        target.write_bytes(yesterday)


@pytest.mark.parametrize(("command", "name"), [("report", "report.html"), ("snapshot", "map.png")])
def test_report_and_snapshot_killed_mid_write_keep_the_previous_file(tmp_path, command, name):
    incidents = browser_map.synthetic(300)
    small, smaller = tmp_path / "small.geojson", tmp_path / "smaller.geojson"
    write_incidents_geojson(incidents, small)
    write_incidents_geojson(incidents[:200], smaller)
    out_dir = tmp_path / "out"
    target = out_dir / name
    finish(cli(command, str(smaller), "-o", str(target)))
    yesterday = target.read_bytes()

    env, marker = slowed_env(tmp_path)
    kill_when_writing(cli(command, str(small), "-o", str(target), env=env), marker)
    assert target.read_bytes() == yesterday
    leftovers = [p.name for p in out_dir.iterdir() if p != target]
    assert all(n.startswith(f".{name}.tmp-") for n in leftovers), leftovers  # named temps only (snapshot)

    finish(cli(command, str(small), "-o", str(target)))
    assert target.read_bytes() != yesterday
    assert sorted(p.name for p in out_dir.iterdir()) == [name]
