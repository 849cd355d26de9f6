"""What the rule tests share: one article of our own through extraction and event linking."""

from __future__ import annotations

import datetime as dt

from incidentmap import merge
from incidentmap.models import Article
from incidentmap.pipeline import extract_article


def linked(text: str, published: str, title: str = "") -> list:
    """The incident mentions of `text` (an article published on the ISO date `published`), linked into
    events as a run would link them."""
    day = dt.date.fromisoformat(published)
    return merge.link(extract_article(Article(id="a", text=text, title=title, published=day)))
