"""Where things live: bundled data, bundled example articles, the default output folder."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
EXAMPLES_DIR = PACKAGE_DIR / "examples"
DEFAULT_OUTPUT_DIR = Path("output")
