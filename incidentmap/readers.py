"""Readers: every supported input becomes a stream of `Article`s (or `Skipped` records, never exceptions).

Inputs are files or directories (searched recursively): .txt/.md (first line the title, optional YAML front
matter), .json (an object or a list of records), .jsonl, .csv (columns id, title, text, published, url,
source) and saved web pages (.html/.htm, main text extracted with trafilatura). The publication date comes
from, in order: the `--meta` manifest, the record or front matter, a dateline near the top of the text, the
`--published` fallback; an article with none is kept, undated.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import yaml

from incidentmap.dates import find_dateline, parse_date_string
from incidentmap.models import Article, Skipped

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | RECORD_SUFFIXES | HTML_SUFFIXES
MAX_BYTES = 50_000_000
TEXT_KEYS = ("text", "body", "content", "article", "maintext")
DATE_KEYS = ("published", "date", "publish_date", "published_at", "pubdate", "date_publish")
PROSE_WORDS = 14
HTML_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|span|a|b|i|em|strong|h\d|li|ul)\b[^>]*>", re.IGNORECASE)
BYLINE = re.compile(r"^\s*(?:written |posted )?by\s+\S", re.IGNORECASE)

csv.field_size_limit(MAX_BYTES)


def read_meta(path: str | Path) -> dict[str, dict[str, str]]:
    """The `--meta` manifest: file name (or record id) -> {published, source, url, title}."""
    meta: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            key = row.get("file") or row.get("id") or row.get("filename") or row.get("path")
            if key:
                meta[Path(key).name] = row
                meta[key] = row
    return meta


def _outlet(url: str) -> str:
    host = urlparse(url).netloc.lower() if url else ""
    return host[4:] if host.startswith("www.") else host


def _decode(data: bytes, article_warnings: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        article_warnings.append("invalid UTF-8 replaced")
        return data.decode("utf-8", errors="replace")


def _front_matter(raw: str) -> tuple[dict, str]:
    """Split optional YAML front matter ('---' ... '---') from a text file."""
    match = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", raw, re.DOTALL)
    if not match:
        return {}, raw
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        return {}, raw
    if not isinstance(data, dict):
        return {}, raw
    return data, raw[match.end():]


def _is_prose(line: str) -> bool:
    """A long line ending like a sentence is the story's first paragraph, not a headline."""
    line = line.strip().rstrip("\"'”’)")
    return len(line.split()) >= PROSE_WORDS and line.endswith((".", "!", "?"))


def _plain(text: str) -> str:
    """Record text that arrives as HTML ("<p>...</p>", "&amp;") as plain paragraphs."""
    if not HTML_TAG.search(text):
        return html.unescape(text) if "&" in text else text
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"(?i)<\s*(?:br|/p|/div|/h\d|/li)\s*/?>", "\n\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _split_title(raw: str) -> tuple[str, str]:
    """The first non-empty line is the title, unless it is a byline (then there is no title)."""
    stripped = raw.lstrip("\r\n\t ")
    line, _, rest = stripped.partition("\n")
    if BYLINE.match(line):
        return "", stripped
    if _is_prose(line):  # the file starts with the story itself ("BAGHDAD (Reuters) - A bomb ...")
        return "", stripped
    return line.strip().lstrip("#").strip(), rest  # a Markdown heading "# Title" is a title too


def _finish(
    article: Article, record: dict, meta: dict[str, dict[str, str]] | None, published: dt.date | None
) -> Article:
    """Fill publication date, outlet and address from the manifest, the record, the text, the fallback."""
    keys = [Path(article.path).name, article.id] if record.get("_file") else [article.id]
    row = next((meta[k] for k in keys if meta and k in meta), {})
    article.url = row.get("url") or str(record.get("url") or record.get("link") or "") or article.url
    source = row.get("source") or str(record.get("source") or record.get("outlet") or record.get("sitename")
                                      or "")
    if source.strip().lower() in {"unknown", "n/a", "none", "-"}:
        source = ""
    article.source = source or _outlet(article.url)
    if row.get("title") and not article.title:
        article.title = row["title"]
    date = parse_date_string(row.get("published") or row.get("date"))
    if date is None:
        date = next((d for d in (parse_date_string(record.get(k)) for k in DATE_KEYS) if d), None)
    if date is None:
        date = find_dateline(article.title + "\n" + article.text)
        if date:
            article.warnings.append("publication date taken from a dateline in the text")
    if date is None and published is not None:
        date = published
        article.warnings.append("publication date from --published")
    if date is None:
        article.warnings.append("undated: no publication date found")
    article.published = date
    return article


def _read_text_file(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    warnings: list[str] = []
    raw = _decode(data, warnings).replace("\r\n", "\n")
    front, body = _front_matter(raw)
    if front.get("title"):
        title, text = str(front["title"]).strip(), body
    else:
        title, text = _split_title(body)
    if not text.strip():
        yield Skipped(str(path), "empty", detail="no text after the title")
        return
    article = Article(id=path.name, text=text, title=title, path=str(path), warnings=warnings)
    front["_file"] = True
    yield _finish(article, front, meta, published)


def _record(path: Path, record: object, n: int, meta, published, line: int | None) -> Article | Skipped:
    where = line if line is not None else n
    if not isinstance(record, dict):
        detail = f"expected an object, got {type(record).__name__}"
        return Skipped(str(path), "not a record", line=where, detail=detail)
    text = next((record[k] for k in TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
    if text is None:
        return Skipped(str(path), "no text", line=where, detail="record has no 'text' field")
    rid = str(record.get("id") or f"{path.name}:{where}")
    article = Article(
        id=rid,
        text=_plain(text).replace("\r\n", "\n"),
        title=str(record.get("title") or "").strip(),
        path=f"{path}:{where}",
    )
    return _finish(article, record, meta, published)


def _read_json(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    try:
        doc = json.loads(_decode(data, []))
    except json.JSONDecodeError as exc:
        yield Skipped(str(path), "bad json", line=exc.lineno, detail=exc.msg)
        return
    records = doc if isinstance(doc, list) else [doc]
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        records = doc["articles"]
    for n, record in enumerate(records, start=1):
        yield _record(path, record, n, meta, published, None)


def _read_jsonl(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    for lineno, line in enumerate(_decode(data, []).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(str(path), "bad json", line=lineno, detail=exc.msg)
            continue
        yield _record(path, record, lineno, meta, published, lineno)


def _read_csv(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    reader = csv.DictReader(io.StringIO(_decode(data, []), newline=""))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if not any(k in fields for k in TEXT_KEYS):
        yield Skipped(str(path), "no text column", detail=f"columns: {', '.join(fields) or 'none'}")
        return
    try:
        for row in reader:
            record = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
            yield _record(path, record, reader.line_num, meta, published, reader.line_num)
    except csv.Error as exc:
        yield Skipped(str(path), "bad csv", line=reader.line_num, detail=str(exc))


def _read_html(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - dependency problem, reported not raised
        yield Skipped(str(path), "html reader unavailable", detail=str(exc))
        return
    html = _decode(data, [])
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - any parser failure becomes a skipped file
        yield Skipped(str(path), "bad html", detail=str(exc)[:120])
        return
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict() if hasattr(doc, "as_dict") else vars(doc)
    if not doc or not (doc.get("text") or "").strip():
        yield Skipped(str(path), "no main text", detail="no article text found in the page")
        return
    record = {"_file": True, "url": doc.get("url") or "", "source": doc.get("sitename") or "",
              "published": doc.get("date")}
    article = Article(id=path.name, text=doc["text"], title=(doc.get("title") or "").strip(), path=str(path))
    yield _finish(article, record, meta, published)


READERS = {
    **{s: _read_text_file for s in TEXT_SUFFIXES},
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": _read_csv,
    **{s: _read_html for s in HTML_SUFFIXES},
}


def _files(inputs: Iterable[str | Path], skip: set[Path]) -> Iterator[Path | Skipped]:
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.resolve() not in skip and p.name.lower() != "manifest.csv"
            )
            if not found:
                yield Skipped(str(path), "no articles", detail="directory holds no supported files")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "not found")


def _local_manifest(path: Path, cache: dict) -> dict[str, dict[str, str]] | None:
    """Without --meta, a manifest.csv beside the articles (or one folder up) describes them."""
    for folder in (path.parent, path.parent.parent):
        if folder not in cache:
            manifest = folder / "manifest.csv"
            try:
                cache[folder] = read_meta(manifest) if manifest.is_file() else None
            except (OSError, csv.Error, UnicodeDecodeError):
                cache[folder] = None
        if cache[folder] and path.name in cache[folder]:
            return cache[folder]
    return None


def read_file(path: Path, meta=None, published: dt.date | None = None) -> Iterator[Article | Skipped]:
    """Articles of one file; problems become `Skipped` records naming the file (and line)."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        yield Skipped(str(path), "unsupported file type", detail=suffix or "no extension")
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Skipped(str(path), "too large", detail=f"{size} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), "unreadable", detail=exc.strerror or str(exc))
        return
    if not data.strip():
        yield Skipped(str(path), "empty")
        return
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield Skipped(str(path), "binary", detail="not a text file")
        return
    yield from reader(path, data, meta, published)


def iter_articles(
    inputs: Iterable[str | Path],
    meta: str | Path | dict | None = None,
    published: dt.date | str | None = None,
) -> Iterator[Article | Skipped]:
    """Stream articles from files and directories; never raises for bad input, yields `Skipped` instead."""
    skip: set[Path] = set()
    table: dict[str, dict[str, str]] | None
    if isinstance(meta, (str, Path)):
        skip.add(Path(meta).resolve())
        try:
            table = read_meta(meta)
        except (OSError, csv.Error, UnicodeDecodeError) as exc:
            yield Skipped(str(meta), "bad manifest", detail=str(exc)[:120])
            table = None
    else:
        table = meta
    fallback = parse_date_string(published) if published is not None else None
    local: dict[Path, dict[str, dict[str, str]] | None] = {}
    for item in _files(inputs, skip):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield from read_file(item, table if table is not None else _local_manifest(item, local), fallback)
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
            yield Skipped(str(item), "unreadable", detail=f"{type(exc).__name__}: {str(exc)[:100]}")
