"""--workers and --scheduler give exactly the serial result: same mentions, same events, same ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentmap import parallel, pipeline
from incidentmap.cli import app

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
HELDOUT = Path(__file__).resolve().parents[1] / "bench" / "heldout" / "articles"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")


def _inputs() -> list[Path]:
    return [SEEDS] + ([HELDOUT] if HELDOUT.is_dir() else [])


def _features(result) -> list[dict]:
    return [m.to_feature() for m in result.incidents]


@pytest.fixture(scope="module")
def serial():
    return pipeline.run(_inputs(), meta=SEEDS / "manifest.csv")


@needs_seeds
def test_two_local_workers_same_as_serial(serial, monkeypatch):
    monkeypatch.setattr(parallel, "BATCH", 2)  # several batches per worker, returned out of order
    two = pipeline.run(_inputs(), meta=SEEDS / "manifest.csv", workers=2)
    assert serial.incidents and len(serial.events) > 1
    assert _features(two) == _features(serial)
    assert [e.event_id for e in two.events] == [e.event_id for e in serial.events]
    assert (two.articles, len(two.skipped)) == (serial.articles, len(serial.skipped))


@needs_seeds
def test_dask_local_cluster_same_as_serial(serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        result = pipeline.run(_inputs(), meta=SEEDS / "manifest.csv", scheduler=cluster.scheduler_address)
    assert _features(result) == _features(serial)
    assert [e.event_id for e in result.events] == [e.event_id for e in serial.events]


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(parallel.ExecutionError, match="cannot reach the dask scheduler"):
        list(parallel.extract_all(iter([]), scheduler="tcp://127.0.0.1:9"))


@needs_seeds
def test_cli_workers_writes_the_serial_file(tmp_path):
    runner = CliRunner()
    outputs = []
    for name, extra in (("serial", []), ("two", ["--workers", "2"])):
        out = tmp_path / f"{name}.geojson"
        args = ["extract", str(SEEDS), "--meta", str(SEEDS / "manifest.csv"), "-o", str(out), *extra]
        res = runner.invoke(app, args)
        assert res.exit_code == 0, res.output
        outputs.append(json.loads(out.read_text(encoding="utf-8")))
    assert outputs[0]["features"] and outputs[0] == outputs[1]


def test_cli_rejects_zero_workers(tmp_path):
    res = CliRunner().invoke(app, ["extract", "--workers", "0", "-o", str(tmp_path / "x.geojson")])
    assert res.exit_code == 2 and "--workers" in res.output


def test_progress_bar_on_request_and_quiet(capsys):
    """progress=True draws counts and the rate on stderr; progress=False draws nothing."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not available")
    pipeline.run([SEEDS], meta=SEEDS / "manifest.csv", progress=True)
    shown = capsys.readouterr().err
    assert "5 articles" in shown and "articles/s" in shown and "incident mentions" in shown
    pipeline.run([SEEDS], meta=SEEDS / "manifest.csv", progress=False)
    assert "articles/s" not in capsys.readouterr().err


@needs_seeds
def test_export_with_workers_and_quiet_writes_the_serial_file(tmp_path):
    """build/report/export/snapshot take --workers/--scheduler/--quiet through common.select."""
    runner = CliRunner()
    files = []
    for name, extra in (("serial", []), ("two", ["--workers", "2", "--quiet"])):
        out = tmp_path / f"{name}.csv"
        res = runner.invoke(app, ["export", str(SEEDS), "-o", str(out), *extra])
        assert res.exit_code == 0, res.output
        files.append(out.read_bytes())
    assert files[0].count(b"\n") > 2 and files[0] == files[1]


def test_batches_start_small_and_grow_to_the_limit():
    sizes = [len(b) for b in parallel.batches(range(300), size=64)]
    assert sizes[:4] == [8, 16, 32, 64] and set(sizes[4:-1]) == {64} and sum(sizes) == 300
    assert [len(b) for b in parallel.batches(range(5), size=64)] == [5]
