"""The compact on-disk index: built once from the data layers, then memory-mapped in milliseconds.

Reading cities500.json alone takes ~2.5 s, so the first use builds a folder of numpy arrays in the user's
cache directory (`$INCIDENTMAP_CACHE_DIR`, else `$XDG_CACHE_HOME/incidentmap`, else `~/.cache/incidentmap`),
named by a fingerprint of every source file (path, size, mtime) and of the gazetteer's own code, so a
changed data file or normaliser builds a fresh index. Names are looked up by a 64-bit hash of their
normalised key in a sorted array (np.searchsorted), which loads instantly where a Python dict of ~700k
keys takes seconds to unpickle.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from gazetteer.model import KINDS
from gazetteer.normalize import name_key
from gazetteer.sources import Record

FORMAT = "gazetteer-index-3"
STRING_COLUMNS = ("id", "name")
CODE_FILES = ("normalize.py", "sources.py", "store.py", "geonames_dump.py", "build.py")


def cache_root() -> Path:
    """Where derived data lives: never inside the installed package."""
    env = os.environ.get("INCIDENTMAP_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "incidentmap"


def fingerprint(files: list[Path]) -> str:
    """Hash of the format, the gazetteer code and every source file's identity."""
    h = hashlib.sha1(FORMAT.encode())
    here = Path(__file__).resolve().parent
    for name in CODE_FILES:
        p = here / name
        if p.exists():
            h.update(p.read_bytes())
    for f in files:
        st = f.stat()
        h.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=500_000)
def key_hash(key: str) -> int:
    """Stable 64-bit hash of a normalised key."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def _blob(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [s.encode() for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def write_index(records: list[Record], folder: Path) -> None:
    """Write the records and their name keys as .npy arrays into `folder` (atomically, via a temp dir)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
    try:
        arrays: dict[str, np.ndarray] = {
            "lat": np.array([r.lat for r in records], dtype=np.float64),
            "lon": np.array([r.lon for r in records], dtype=np.float64),
            "population": np.array([r.population for r in records], dtype=np.int64),
            "geonameid": np.array(
                [r.geonameid if r.geonameid is not None else -1 for r in records], dtype=np.int64
            ),
            "kind": np.array([KINDS.index(r.kind) for r in records], dtype=np.int8),
            "prior": np.array([r.prior for r in records], dtype=np.float32),
            "radius": np.array(
                [r.radius_km if r.radius_km is not None else np.nan for r in records], dtype=np.float32
            ),
            "country": np.array([r.country or "" for r in records], dtype="U2"),
        }
        tables: dict[str, list[str]] = {}
        for col in ("admin1", "source", "feature"):
            values = sorted({getattr(r, col) or "" for r in records})
            pos = {v: i for i, v in enumerate(values)}
            arrays[col] = np.array([pos[getattr(r, col) or ""] for r in records], dtype=np.int32)
            tables[col] = values
        for col in STRING_COLUMNS:
            arrays[f"{col}_blob"], arrays[f"{col}_off"] = _blob([getattr(r, col) for r in records])
        postings: dict[str, set[int]] = {}
        for i, r in enumerate(records):
            for n in r.names:
                k = name_key(n)
                if k:
                    postings.setdefault(k, set()).add(i)
        keys = list(postings)
        hashes = np.array([key_hash(k) for k in keys], dtype=np.uint64)
        order = np.argsort(hashes, kind="stable")
        arrays["key_hash"] = hashes[order]
        starts = np.zeros(len(keys) + 1, dtype=np.int64)
        flat: list[int] = []
        for j, idx in enumerate(order):
            members = sorted(postings[keys[idx]], key=lambda i: -records[i].prior)
            flat.extend(members)
            starts[j + 1] = len(flat)
        arrays["key_start"] = starts
        arrays["postings"] = np.array(flat, dtype=np.int32)
        arrays["key_blob"], arrays["key_off"] = _blob([keys[i] for i in order])
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
        (tmp / "tables.json").write_text(json.dumps(tables), encoding="utf-8")
        (tmp / "meta.json").write_text(
            json.dumps({"format": FORMAT, "places": len(records), "keys": len(keys)}), encoding="utf-8"
        )
        try:
            os.replace(tmp, folder)
        except OSError:  # another process won the race; its index is as good as ours
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class Index:
    """Read-only view over a built index folder (arrays are memory-mapped)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # Columns are read into memory (a few MB, milliseconds); the string blobs stay memory-mapped.
        load = lambda name: np.load(folder / f"{name}.npy", allow_pickle=False)  # noqa: E731
        mmap = lambda name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)  # noqa: E731
        self.lat = load("lat")
        self.lon = load("lon")
        self.population = load("population")
        self.geonameid = load("geonameid")
        self.kind = load("kind")
        self.prior = np.asarray(load("prior"))
        self.radius = load("radius")
        self.country = load("country")
        self.admin1 = load("admin1")
        self.source = load("source")
        self.feature = load("feature")
        self.key_hash = np.asarray(load("key_hash"))
        self.key_start = load("key_start")
        self.postings = load("postings")
        self._blobs = {c: (load(f"{c}_blob"), load(f"{c}_off")) for c in STRING_COLUMNS}
        self._blobs["key"] = (mmap("key_blob"), load("key_off"))
        self.tables = json.loads((folder / "tables.json").read_text(encoding="utf-8"))
        self.size = len(self.lat)
        self._keys: list[str] | None = None

    def string(self, col: str, i: int) -> str:
        blob, off = self._blobs[col]
        return blob[off[i] : off[i + 1]].tobytes().decode()

    def postings_of(self, key: str) -> np.ndarray:
        """Place indices filed under a normalised key (best prior first); empty if none."""
        h = np.uint64(key_hash(key))
        j = int(np.searchsorted(self.key_hash, h))
        if j >= len(self.key_hash) or self.key_hash[j] != h:
            return self.postings[0:0]
        return self.postings[self.key_start[j] : self.key_start[j + 1]]

    def has_hashes(self, hashes: np.ndarray) -> np.ndarray:
        """Vectorised membership test for many key hashes at once (used to scan a whole document)."""
        j = np.searchsorted(self.key_hash, hashes)
        j = np.minimum(j, len(self.key_hash) - 1)
        return self.key_hash[j] == hashes

    def find_hashes(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(found?, key slot) for many key hashes at once; slots feed key_postings()."""
        j = np.minimum(np.searchsorted(self.key_hash, hashes), len(self.key_hash) - 1)
        return self.key_hash[j] == hashes, j

    def keys(self) -> list[str]:
        """All normalised keys (decoded on first use; only the fuzzy fallback needs them)."""
        if self._keys is None:
            blob, off = self._blobs["key"]
            text = bytes(blob).decode()
            offs = np.asarray(off)
            # Keys are ASCII, so byte offsets are character offsets.
            self._keys = [text[offs[i] : offs[i + 1]] for i in range(len(offs) - 1)]
        return self._keys

    def key_postings(self, j: int) -> np.ndarray:
        return self.postings[self.key_start[j] : self.key_start[j + 1]]
