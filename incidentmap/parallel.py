"""Where extraction runs: in this process, in N local processes, or on an existing dask.distributed cluster.

Extraction of one article is a pure function (`pipeline.extract_article`), so articles can be spread over
processes or machines; linking mentions into events needs them all and stays in the calling process.
Articles travel in small batches (pickling and scheduling cost is paid per batch, not per article) and only
a few batches per worker are in flight at once, so a stream of any length is read, extracted and handed
back in input order with flat memory. Each worker loads the gazetteer and the compiled rules once and keeps
them for every batch it runs.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from incidentmap.models import Article, Incident, Skipped

BATCH = 64  # most articles per task (batches grow to it; at 16 the main process spent its time pickling)
CONNECT_TIMEOUT = "10s"  # to reach a dask scheduler
IN_FLIGHT = 4  # batches queued per worker: enough to keep it busy, few enough to keep memory flat

Outcome = tuple[list["Incident"], "Skipped | None"]


class ExecutionError(OSError):
    """The worker pool or the dask cluster failed (not one article: those become `Skipped`)."""


# a trigger, a date, actors, a place and both tolls: extracting it builds every rule table
WARM_UP = "On Monday, gunmen attacked a checkpoint in Kabul, killing 12 soldiers and wounding five."


def warm() -> bool:
    """Load what every article needs (gazetteer index; trigger, filter, actor, date and toll rules with their
    literal pre-filters, about 0.2 s) so the first batch is not slow."""
    import gazetteer
    from incidentmap.models import Article
    from incidentmap.pipeline import extract_article

    gazetteer.default()
    extract_article(Article(id="warm-up", text=WARM_UP, title=""))
    return True


def extract_batch(articles: list[Article]) -> list[Outcome]:
    """Extract a batch of articles (runs in a worker); one article's failure never loses the others."""
    from incidentmap.pipeline import extract_one

    return [extract_one(article) for article in articles]


def batches(items: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    """Batches that start small and double up to `size`: a short input still spreads over every worker, a
    long one pays the per-task cost rarely."""
    batch: list[Any] = []
    limit = max(1, size // 8)
    for item in items:
        batch.append(item)
        if len(batch) >= limit:
            yield batch
            batch = []
            limit = min(size, limit * 2)
    if batch:
        yield batch


def _in_order(submit: Callable[[list[Article]], Future], articles: Iterable[Article], window: int,
              size: int) -> Iterator[Outcome]:
    """Submit batches with at most `window` pending, and yield their outcomes in input order."""
    pending: deque[Future] = deque()
    for batch in batches(articles, size):
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux (fast start, nothing to re-import), spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else "spawn")


def _local(articles: Iterable[Article], workers: int, size: int) -> Iterator[Outcome]:
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=warm) as pool:
            yield from _in_order(lambda b: pool.submit(extract_batch, b), articles, workers * IN_FLIGHT, size)
    except ExecutionError:
        raise
    except Exception as exc:  # BrokenProcessPool (a worker was killed, ran out of memory), pickling errors
        raise ExecutionError(f"local worker pool failed: {type(exc).__name__}: {exc}") from exc


def _dask(articles: Iterable[Article], address: str, size: int) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dask.distributed is a dependency
        raise ExecutionError(f"--scheduler needs dask.distributed: {exc}") from exc
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError) as exc:
        raise ExecutionError(f"cannot reach the dask scheduler at {address}: {exc}") from exc
    try:
        client.run(warm)  # once per worker; workers that join later warm up on their first batch
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        threads = sum(client.nthreads().values()) or workers

        def submit(batch: list[Article]) -> Future:
            return client.submit(extract_batch, batch, pure=False)

        yield from _in_order(submit, articles, max(threads, workers) * IN_FLIGHT, size)
    except Exception as exc:  # lost workers, a worker without incidentmap installed (ImportError) ...
        raise ExecutionError(f"dask cluster at {address} failed: {type(exc).__name__}: {exc}") from exc
    finally:
        client.close()


def extract_all(
    articles: Iterable[Article], workers: int = 1, scheduler: str | None = None, batch: int | None = None
) -> Iterator[Outcome]:
    """(incidents, failure) for every article, in input order: serially, in `workers` local processes, or
    on the dask.distributed cluster whose scheduler listens at `scheduler` ("tcp://host:8786")."""
    from incidentmap.pipeline import extract_one

    batch = batch or BATCH
    if scheduler:
        return _dask(articles, scheduler, batch)
    if workers > 1:
        return _local(articles, workers, batch)
    return (extract_one(article) for article in articles)
