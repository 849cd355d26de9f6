"""Crash-safe output: write beside the target, then move the finished file into place.

A build killed mid-write (even by SIGKILL) must leave yesterday's file intact and no partial file behind,
because the map is the thing that gets mailed around. `os.replace` is atomic on one filesystem.

- `atomic_open` writes to an unnamed file (Linux `O_TMPFILE`) that only gets a name once it is complete,
  so a killed process leaves nothing at all behind.
- `atomic_path` serves writers that need a real path (pyogrio, matplotlib): the temporary file carries the
  writer's pid, and the next write to the same target removes leftovers of processes that no longer run.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.tmp-"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(target: str | Path) -> list[Path]:
    """Remove temporary files left beside `target` by writers that were killed; return what was removed."""
    target = Path(target)
    removed = []
    if not target.parent.is_dir():
        return removed
    prefix = _temp_prefix(target)
    for leftover in target.parent.glob(f"{prefix}*"):
        pid_text = leftover.name[len(prefix):].split("-", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
                removed.append(leftover)
    return removed


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `target`, else it is removed.

    The temporary name keeps the target's suffix so that format detection by extension still works.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(target)
    prefix = f"{_temp_prefix(target)}{os.getpid()}-"
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    tmp_path.unlink()  # let the writer create it (some refuse to overwrite)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()


def _open_unnamed(directory: Path) -> int | None:
    """A file descriptor for an unnamed file in `directory`, or None where the OS cannot do that."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None:
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY, 0o644)
    except OSError:
        return None


@contextlib.contextmanager
def atomic_open(target: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a file for writing that replaces `target` only when the block ends without error."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    binary = "b" in mode
    fd = _open_unnamed(target.parent)
    if fd is None:
        with atomic_path(target) as tmp, open(tmp, mode, encoding=None if binary else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        return
    with open(fd, mode, encoding=None if binary else encoding, closefd=True) as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        sweep_stale(target)
        named = target.parent / f"{_temp_prefix(target)}{os.getpid()}-link{target.suffix}"
        with contextlib.suppress(FileNotFoundError):
            named.unlink()
        # Give the finished file a name, then move it over the target in one step. A dir fd makes CPython
        # call linkat(AT_SYMLINK_FOLLOW), which can name an O_TMPFILE file through /proc.
        root = os.open("/", os.O_RDONLY)
        try:
            os.link(f"/proc/self/fd/{handle.fileno()}", named, src_dir_fd=root, follow_symlinks=True)
        finally:
            os.close(root)
        os.replace(named, target)


def atomic_write_text(target: str | Path, text: str) -> None:
    with atomic_open(target) as handle:
        handle.write(text)


def atomic_write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_open(target, "wb") as handle:
        handle.write(data)
