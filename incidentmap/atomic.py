"""Crash-safe output: write to a temporary file beside the target, then move it into place.

A build killed mid-write leaves yesterday's file intact and no partial file behind (os.replace is atomic
on one filesystem), which matters when the map is the thing that gets mailed around.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `target`, else it is removed.

    For writers that want a path of their own (pyogrio, matplotlib). The temporary name keeps the target's
    suffix so that format detection by extension still works.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    tmp_path.unlink()  # let the writer create it (some refuse to overwrite)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(target: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file for writing; it replaces `target` only when the block ends without error."""
    binary = "b" in mode
    with atomic_path(target) as tmp, open(tmp, mode, encoding=None if binary else encoding) as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write_text(target: str | Path, text: str) -> None:
    with atomic_open(target) as handle:
        handle.write(text)
