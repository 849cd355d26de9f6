"""Readers: every supported input becomes a stream of `Article`s (or `Skipped` records, never exceptions).

Inputs are files or directories (searched recursively): .txt/.md (first line the title, optional YAML front
matter), .json (an object or a list of records), .jsonl, .csv (columns id, title, text, published, url,
source) and saved web pages (.html/.htm, main text extracted with trafilatura). The publication date comes
from, in order: the `--meta` manifest, the record or front matter, a dateline near the top of the text, the
`--published` fallback; an article with none is kept, undated.

Bad input never raises: binary files (by content, whatever the extension), empty files, files over the size
limit (20 MB, `$INCIDENTMAP_MAX_MB` to change), unreadable paths, malformed JSON/JSONL lines, CSVs without a
text column, pages without text and manifest rows naming missing files each become a `Skipped` record naming
the file (and line). Invalid UTF-8 is decoded with U+FFFD and an impossible publication date (2017-02-30,
year 0001, the far future) is ignored; both leave a warning on the article (see `problems`).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
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
DEFAULT_MAX_MB = 20  # larger "articles" are dumps or binaries; $INCIDENTMAP_MAX_MB overrides
MAX_BYTES = 50_000_000  # the csv module's field limit
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)  # news older than this is not what the tool reads
# Magic numbers of formats that are often renamed or saved as .txt/.html by scrapers.
SIGNATURES = (
    (b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"), (b"BZh", "a bzip2 archive"), (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an Office document"), (b"RIFF", "a media file"), (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00", "a binary file"), (b"7z\xbc\xaf", "a 7z archive"), (b"{\\rtf", "an RTF document"),
)
# Reader notes that only say where the date came from; every other note is a problem with the input.
INFO_NOTES = ("publication date taken from a dateline", "publication date from --published", "undated:")
TEXT_KEYS = ("text", "body", "content", "article", "maintext")
DATE_KEYS = ("published", "date", "publish_date", "published_at", "pubdate", "date_publish")
PROSE_WORDS = 14
HTML_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|span|a|b|i|em|strong|h\d|li|ul)\b[^>]*>", re.IGNORECASE)
SURROGATE = re.compile("[\ud800-\udfff]")
BYLINE = re.compile(r"^\s*(?:written |posted )?by\s+\S", re.IGNORECASE)

csv.field_size_limit(MAX_BYTES)


def max_bytes() -> int:
    """The size limit for one input file: `$INCIDENTMAP_MAX_MB` megabytes, default 20."""
    try:
        limit = float(os.environ.get("INCIDENTMAP_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        limit = DEFAULT_MAX_MB
    return int(limit * 1_000_000) if limit > 0 else int(DEFAULT_MAX_MB * 1_000_000)


def problems(article: Article) -> list[str]:
    """One-line messages (`file: warning, ...`) for the article's reader notes that report bad input."""
    return [f"{article.path or article.id}: warning, {w}" for w in article.warnings
            if not w.startswith(INFO_NOTES)]


def read_meta(path: str | Path) -> dict[str, dict[str, str]]:
    """The `--meta` manifest: file name (or record id) -> its row (+ `_line`, `_manifest`)."""
    meta: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            row["_line"], row["_manifest"] = str(reader.line_num), str(path)
            key = row.get("file") or row.get("id") or row.get("filename") or row.get("path")
            if key:
                meta[Path(key).name] = row
                meta[key] = row
    return meta


def _outlet(url: str) -> str:
    host = urlparse(url).netloc.lower() if url else ""
    return host[4:] if host.startswith("www.") else host


def _decode(data: bytes, article_warnings: list[str]) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark); invalid bytes become U+FFFD and leave a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        line = data.count(b"\n", 0, exc.start) + 1
        bad = text.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
        note = f"invalid UTF-8 replaced: {bad} sequence(s) became U+FFFD, first on line {line}"
        article_warnings.append(note)
        return text


def _binary_kind(data: bytes) -> str | None:
    """What a file that is not text is ("a PDF document", ...), judged by content, not by name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NUL bytes but is text
        return None
    head = data[:4096]
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "a binary file"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return "a binary file" if controls > len(head) * 0.05 else None


class _TextDatesLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: a bad date ("2017-02-30") stays a string we can report."""


_TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter(raw: str) -> tuple[dict, str]:
    """Split optional YAML front matter ('---' ... '---') from a text file."""
    match = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", raw, re.DOTALL)
    if not match:
        return {}, raw
    try:
        data = yaml.load(match.group(1), Loader=_TextDatesLoader) or {}  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, ValueError, RecursionError):
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
    if row:
        row["_used"] = "1"
    article.url = row.get("url") or str(record.get("url") or record.get("link") or "") or article.url
    source = row.get("source") or str(record.get("source") or record.get("outlet") or record.get("sitename")
                                      or "")
    if source.strip().lower() in {"unknown", "n/a", "none", "-"}:
        source = ""
    article.source = source or _outlet(article.url)
    if row.get("title") and not article.title:
        article.title = row["title"]
    manifest_where = f"{row.get('_manifest')}:{row.get('_line')}: " if row.get("_manifest") else ""
    date = _checked_date(row.get("published") or row.get("date"), article, f"{manifest_where}published")
    if date is None:
        for key in DATE_KEYS:
            date = _checked_date(record.get(key), article, key)
            if date:
                break
    if date is None:
        date = find_dateline(article.title + "\n" + article.text)
        if date and not _plausible(date):
            article.warnings.append(f"dateline date {date.isoformat()} is implausible; ignored")
            date = None
        if date:
            article.warnings.append("publication date taken from a dateline in the text")
    if date is None and published is not None:
        date = published
        article.warnings.append("publication date from --published")
    if date is None:
        article.warnings.append("undated: no publication date found")
    article.published = date
    return article


def _plausible(date: dt.date) -> bool:
    """A publication date between 1900 and tomorrow (time zones): anything else is a typo or a placeholder."""
    return EARLIEST_PUBLISHED <= date <= dt.date.today() + dt.timedelta(days=1)


def _checked_date(value: object, article: Article, what: str) -> dt.date | None:
    """The date a metadata value gives, or None with a warning when it is given but impossible."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    date = parse_date_string(value)
    if date is None:
        if isinstance(value, (str, int, float, dt.date)):
            article.warnings.append(f"{what} {str(value)[:40]!r} is not a valid date; ignored")
        return None
    if not _plausible(date):
        article.warnings.append(f"{what} {date.isoformat()} is outside 1900..tomorrow; ignored")
        return None
    return date


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


def _record(
    path: Path, record: object, n: int, meta, published, line: int | None, warnings: list[str] | None = None
) -> Article | Skipped:
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
        warnings=list(warnings or []),
    )
    return _finish(article, record, meta, published)


def _read_json(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    warnings: list[str] = []
    try:
        doc = json.loads(_decode(data, warnings))
    except json.JSONDecodeError as exc:
        yield Skipped(str(path), "bad json", line=exc.lineno, detail=exc.msg)
        return
    except RecursionError:
        yield Skipped(str(path), "bad json", detail="nested too deeply")
        return
    records = doc if isinstance(doc, list) else [doc]
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        records = doc["articles"]
    if not records:
        yield Skipped(str(path), "no records", detail="the JSON holds no articles")
    for n, record in enumerate(records, start=1):
        yield _record(path, record, n, meta, published, None, warnings)


def _read_jsonl(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    warnings: list[str] = []
    lines = _decode(data, warnings).split("\n")
    if not any(line.strip() for line in lines):  # only a byte-order mark, or blank lines in UTF-16
        yield Skipped(str(path), "empty")
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(str(path), "bad json", line=lineno, detail=exc.msg)
            continue
        except RecursionError:
            yield Skipped(str(path), "bad json", line=lineno, detail="nested too deeply")
            continue
        yield _record(path, record, lineno, meta, published, lineno, warnings)


def _read_csv(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    warnings: list[str] = []
    reader = csv.DictReader(io.StringIO(_decode(data, warnings), newline=""))
    try:
        fields = [f.strip().lower() for f in reader.fieldnames or []]
    except csv.Error as exc:
        yield Skipped(str(path), "bad csv", line=1, detail=str(exc))
        return
    if not any(k in fields for k in TEXT_KEYS):
        detail = f"needs one of {', '.join(TEXT_KEYS)}; has {', '.join(fields)[:80] or 'none'}"
        yield Skipped(str(path), "no text column", line=1, detail=detail)
        return
    rows = 0
    try:
        for row in reader:
            rows += 1
            record = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
            yield _record(path, record, reader.line_num, meta, published, reader.line_num, warnings)
    except csv.Error as exc:
        yield Skipped(str(path), "bad csv", line=reader.line_num, detail=str(exc))
        return
    if not rows:
        yield Skipped(str(path), "no records", detail="the CSV has a header but no rows")


def _read_html(path: Path, data: bytes, meta, published) -> Iterator[Article | Skipped]:
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - dependency problem, reported not raised
        yield Skipped(str(path), "html reader unavailable", detail=str(exc))
        return
    warnings: list[str] = []
    html = _decode(data, warnings)
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
    article = Article(id=path.name, text=doc["text"], title=(doc.get("title") or "").strip(), path=str(path),
                      warnings=warnings)
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
            found, other = [], []
            for p in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in p.relative_to(path).parts) or p.is_dir():
                    continue
                if p.name.lower() == "manifest.csv" or p.resolve() in skip or _ignorable(p):
                    continue
                if p.is_file() and p.suffix.lower() in SUPPORTED:
                    found.append(p)
                else:
                    other.append(p)
            if not found:
                yield Skipped(str(path), "no articles", detail="directory holds no supported files")
            for p in other:  # nothing in a folder is dropped silently
                if not p.exists():
                    yield Skipped(str(p), "not found", detail="broken link")
                elif not p.is_file():
                    yield Skipped(str(p), "not a regular file")
                else:
                    yield Skipped(str(p), "unsupported file type", detail=p.suffix.lower() or "no extension")
            yield from found
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(str(path), "not a regular file")
        elif path.is_symlink():
            yield Skipped(str(path), "not found", detail="broken link")
        else:
            yield Skipped(str(path), "not found")


def _ignorable(path: Path) -> bool:
    """Files beside articles that are not meant as input: our own outputs and the folder's notes."""
    name = path.name.lower()
    return path.suffix.lower() == ".geojson" or name.startswith(("readme", "license", "licence"))


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
    limit = max_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            detail = f"{size / 1e6:.1f} MB > {limit / 1e6:g} MB; set INCIDENTMAP_MAX_MB to allow"
            yield Skipped(str(path), "too large", detail=detail)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), "unreadable", detail=exc.strerror or str(exc))
        return
    if not data.strip():
        yield Skipped(str(path), "empty")
        return
    kind = _binary_kind(data)
    if kind:
        yield Skipped(str(path), "binary", detail=f"{kind}, not text")
        return
    yield from reader(path, data, meta, published)


def _printable(text: str) -> str:
    """Text that can be written as UTF-8: surrogates (a file name that is not UTF-8, a lone "\\ud800" escape
    in JSON) become U+FFFD, so that printing the text or writing it to a map or GeoJSON cannot fail.
    The same object when there is none: ASCII text has none, and strict UTF-8 encoding fails on a surrogate
    and on nothing else (four times faster than searching for one)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE.sub("\ufffd", text)
    return text


def iter_articles(
    inputs: Iterable[str | Path],
    meta: str | Path | dict | None = None,
    published: dt.date | str | None = None,
) -> Iterator[Article | Skipped]:
    """Stream articles from files and directories; never raises for bad input, yields `Skipped` instead."""
    for item in _iter_articles(inputs, meta, published):
        if isinstance(item, Skipped):
            item.path, item.detail = _printable(item.path), _printable(item.detail)
        else:
            replaced = False
            for name in ("id", "path", "text", "title", "source", "url"):
                value = getattr(item, name)
                printable = _printable(value)
                if printable is not value:  # a new string only when a surrogate was replaced
                    setattr(item, name, printable)
                    replaced = replaced or name not in ("id", "path")
            if replaced:
                item.warnings.append("unpaired surrogate escapes replaced with U+FFFD")
        yield item


def _iter_articles(
    inputs: Iterable[str | Path], meta: str | Path | dict | None, published: dt.date | str | None
) -> Iterator[Article | Skipped]:
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
    if isinstance(meta, (str, Path)) and table:
        yield from _unused_rows(Path(meta), table)


def _unused_rows(manifest: Path, table: dict[str, dict[str, str]]) -> Iterator[Skipped]:
    """Manifest rows that name a file which neither exists nor was read: a typo or a lost download."""
    seen: set[int] = set()
    for row in table.values():
        if id(row) in seen or row.get("_used"):
            continue
        seen.add(id(row))
        name = row.get("file") or row.get("filename") or row.get("path")
        if name and not (manifest.parent / name).exists() and not Path(name).exists():
            yield Skipped(str(manifest), "manifest row names a missing file", line=int(row["_line"]),
                          detail=name)
