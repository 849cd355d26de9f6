"""The JavaScript and CSS a map needs, read from installed packages and inlined into the HTML.

Folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, so its maps open blank without a
network. Here Leaflet 1.9.3 comes from the `xstatic-leaflet` package (its CSS images become data: URIs),
and our own control code from `incidentmap/data/web/`. Nothing is downloaded, at build time or when the
page opens; jQuery is not needed by anything the map draws, so it is not included.
"""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path

from incidentmap.paths import DATA_DIR

WEB_DIR = DATA_DIR / "web"


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as leaflet

    return Path(leaflet.BASE_DIR)


def leaflet_version() -> str:
    import xstatic.pkg.leaflet as leaflet

    return str(leaflet.VERSION)


@functools.lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Minified Leaflet, without its source-map comment (the map file is not shipped beside it)."""
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    return re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)


@functools.lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's stylesheet with its images (layer switcher, default marker) inlined as data: URIs."""
    folder = _leaflet_dir()
    text = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        data = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", inline, text)


@functools.cache
def web_file(name: str) -> str:
    """One of our own files under `incidentmap/data/web/` (the map's controls, styles, icons)."""
    return (WEB_DIR / name).read_text(encoding="utf-8")


def script_tag(code: str) -> str:
    """An inline <script>; the code must not close the element early (checked, never silently mangled)."""
    if re.search(r"</script", code, re.IGNORECASE):
        raise ValueError("inline script contains '</script'")
    return f"<script>\n{code}\n</script>"


def style_tag(css: str) -> str:
    if re.search(r"</style", css, re.IGNORECASE):
        raise ValueError("inline stylesheet contains '</style'")
    return f"<style>\n{css}\n</style>"


def head_assets() -> str:
    """Everything the page head needs: Leaflet CSS+JS and the incidentmap map code and styles."""
    return "\n".join(
        [
            style_tag(leaflet_css()),
            style_tag(web_file("map.css")),
            script_tag(leaflet_js()),
            script_tag(web_file("map.js")),
        ]
    )
