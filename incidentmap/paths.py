"""Where things live: bundled data, bundled example articles, the default output folder."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# The bundled example articles, and the manifest giving metadata for those that carry none of their own.
EXAMPLES_DIR = PACKAGE_DIR / "examples" / "articles"
EXAMPLES_MANIFEST = PACKAGE_DIR / "examples" / "manifest.csv"
DEFAULT_OUTPUT_DIR = Path("output")
