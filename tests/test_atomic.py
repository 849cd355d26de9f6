"""Crash safety: an interrupted write never damages the previous file nor leaves a partial one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from incidentmap.atomic import atomic_open, atomic_path, atomic_write_text, sweep_stale


def test_replaces_target_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    atomic_write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("writer failed")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_atomic_path_keeps_suffix_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "events.gpkg"
    with atomic_path(target) as tmp:
        assert tmp.suffix == ".gpkg" and tmp.parent == tmp_path
        tmp.write_bytes(b"data")
    assert target.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["events.gpkg"]


def test_sweep_removes_only_dead_writers_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "x.png"
    code = "import os; print(os.getpid())"
    dead = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".x.png.tmp-{dead_pid}-abc.png"
    live = tmp_path / f".x.png.tmp-{os.getpid()}-def.png"
    stale.write_text("partial")
    live.write_text("in progress")
    assert sweep_stale(target) == [stale]
    assert live.exists()


@pytest.mark.parametrize("mode", ["unnamed", "named"])
def test_sigkill_mid_write_leaves_previous_file_intact(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "map.html"
    target.write_text("yesterday's map")
    opener = "atomic_open(target)" if mode == "unnamed" else "open_named(target)"
    script = textwrap.dedent(f"""
        import contextlib, sys, time
        from pathlib import Path
        from incidentmap.atomic import atomic_open, atomic_path

        @contextlib.contextmanager
        def open_named(target):
            with atomic_path(target) as tmp, open(tmp, "w") as handle:
                yield handle

        target = Path({str(target)!r})
        with {opener} as handle:
            for _ in range(100000):
                handle.write("x" * 1000)
                handle.flush()
                print("writing", flush=True)
                time.sleep(0.01)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert target.read_text() == "yesterday's map"
    if mode == "named":  # a named temp can survive SIGKILL; the next write clears it
        atomic_write_text(tmp_path / "map.html", "today's map")
        assert target.read_text() == "today's map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
