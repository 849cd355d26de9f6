"""Cleaning and sentence splitting: which parts of an article are its own prose, cut into sentences.

Aggregator pages splice in unrelated headlines, bylines, "Recommended News" lists and comment policies.
Nothing is deleted from the text: cleaning returns the kept spans, and every `Sentence` carries offsets into
the untouched `Article.text`, so an incident's evidence is always an exact substring of its article.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from incidentmap.models import Sentence
from incidentmap.paths import DATA_DIR
from incidentmap.prefilter import Prefilter

# Words after which a full stop does not end a sentence (titles, ranks, months, common abbreviations).
ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "cpt",
    "sgt", "cpl", "pvt", "brig", "adm", "cmdr", "cdr", "rev", "fr", "st", "jr", "sr", "no", "nos",
    "vs", "etc", "inc", "ltd", "co", "corp", "dept", "est", "approx", "fig", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "km", "mi", "al",
    "op", "pres", "amb", "hon", "gens", "cols", "lts"
])
# Words that start a new sentence even after a dotted acronym such as "U.S." ("... in the U.S. The army").
STARTERS = frozenset([
    "the", "a", "an", "it", "he", "she", "they", "we", "this", "that", "these", "those", "in", "on",
    "at", "but", "and", "however", "meanwhile", "earlier", "later", "there", "his", "her", "their",
    "its", "our", "after", "before", "when", "while", "yet", "still", "also"
])
TERMINAL = ".!?"
TEASER_REPORT_WORDS = 20  # below a "Most read" list, a paragraph this long is a report, not a teaser
_WORD = re.compile(r"\w")
_TERMINAL_CHAR = re.compile("[.!?]")  # the next place a sentence may end
CLOSERS = "\"'”’)]»*_"  # closing quotes and brackets, and markdown emphasis ("**...**")
HEADLINE_MAX_WORDS = 16
LONG_HEADLINE_WORDS = 40  # a headline above the story may run this long ("... - as it happened")
SHORT_LINE = 60  # a line shorter than this without final punctuation is a heading, not a wrapped line


@lru_cache(maxsize=1)
def _rules() -> tuple[list[re.Pattern], list[re.Pattern], list[re.Pattern]]:
    data = yaml.safe_load((DATA_DIR / "boilerplate.yaml").read_text(encoding="utf-8"))
    cut = [re.compile(p, re.IGNORECASE) for p in data.get("cut_markers", [])]
    drop = [re.compile(p, re.IGNORECASE) for p in data.get("drop_lines", [])]
    teasers = [re.compile(p, re.IGNORECASE) for p in data.get("teaser_markers", [])]
    return cut, drop, teasers


@lru_cache(maxsize=4096)
def _boilerplate(line: str) -> str:
    """"cut" (the article ends here), "teasers" (a list of other stories begins), "drop" (this line only)
    or "" (prose). Cached: `kept_spans` looks at every line twice."""
    cut, drop, teasers = _rules()
    line = line.lstrip("*_ ").replace("*", "") if line[:1] in "*_" else line  # "*Related:* ...": markdown
    if any(p.search(line) for p in cut):
        return "cut"
    if any(p.search(line) for p in teasers):
        return "teasers"
    anchored, loose, prefilter = _drop_rules()
    if any(p.search(line) for p in anchored):
        return "drop"
    return "drop" if any(loose[n].search(line) for n in sorted(prefilter.possible(line))) else ""


@lru_cache(maxsize=1)
def _drop_rules() -> tuple[list[re.Pattern], list[re.Pattern], Prefilter]:
    """Drop rules anchored at the line start fail at once; the others would scan every long line, so a
    literal pre-filter (see prefilter.py) picks the ones that could match."""
    _, drop, _ = _rules()
    anchored = [p for p in drop if p.pattern.startswith("^")]
    loose = [p for p in drop if not p.pattern.startswith("^")]
    return anchored, loose, Prefilter(loose)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def _ends_sentence(line: str) -> bool:
    line = line.rstrip()
    while line and line[-1] in CLOSERS:
        line = line[:-1]
    return bool(line) and line[-1] in TERMINAL


def is_headline(line: str) -> bool:
    """A short standalone line without final punctuation: a spliced headline or a section heading."""
    words = line.split()
    return 0 < len(words) <= HEADLINE_MAX_WORDS and not _ends_sentence(line)


def _long_headline(line: str) -> bool:
    """A paragraph of one line, without final punctuation, too long for is_headline but short for prose."""
    return len(line.split()) <= LONG_HEADLINE_WORDS and not _ends_sentence(line)


def kept_spans(text: str, headlines: bool = True) -> list[tuple[int, int]]:
    """Spans of `text` that are article prose: boilerplate, bylines and headlines removed.

    Consecutive kept lines form one span (hard-wrapped paragraphs stay together); a short line without
    final punctuation followed by a capitalised line is a heading and is dropped. A cut marker ("Share this
    article", "Read more") ends the article only once some prose has been kept; above the story it is
    dropped like any other page furniture. A text made only of such
    lines (a bulletin, a one-line record) is kept whole: its lines are the reports.
    """
    prose: list[tuple[int, int]] = []
    if headlines:
        spans = kept_spans(text, headlines=False)
        prose = [s for s in spans if _ends_sentence(text[s[0]:s[1]]) or len(text[s[0]:s[1]].split()) > 16]
        if not prose:
            return [_strip(text, a, b) for a, b in _line_spans(text, spans)]
    lines = _lines(text)
    keep: list[bool] = []
    prose_seen = False  # a share bar or "Related" list above the story is page chrome, not its end
    teasers = False  # below a "Most read" list: only full report paragraphs
    for i, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        if not line:
            keep.append(False)
            continue
        kind = _boilerplate(line)
        if kind == "cut" and prose_seen:
            keep.extend([False] * (len(lines) - i))
            break
        if kind in ("cut", "teasers"):
            teasers = teasers or (kind == "teasers" and prose_seen)
            keep.append(False)
            continue
        if teasers and (kind or not _ends_sentence(line) or len(line.split()) < TEASER_REPORT_WORDS):
            keep.append(False)  # a headline or one-line teaser of another story
            continue
        if kind == "drop":
            keep.append(False)
            continue
        prev_blank = i == 0 or not text[lines[i - 1][0]:lines[i - 1][1]].strip()
        nxt = text[lines[i + 1][0]:lines[i + 1][1]].strip() if i + 1 < len(lines) else ""
        standalone = prev_blank or not keep[-1] or _ends_sentence(text[lines[i - 1][0]:lines[i - 1][1]])
        if headlines and is_headline(line) and standalone and (
            not nxt or nxt[0].isupper() or len(line) < SHORT_LINE
        ):
            keep.append(False)
            continue
        if headlines and not prose_seen and prev_blank and not nxt and _long_headline(line) and any(
            a > end for a, _ in prose
        ):
            keep.append(False)  # "Russia's war in Ukraine: missile kills boy ... - as it happened"
            continue
        keep.append(True)
        prose_seen = prose_seen or _ends_sentence(line) or len(line.split()) > HEADLINE_MAX_WORDS
    spans: list[tuple[int, int]] = []
    for (start, end), kept in zip(lines, keep, strict=False):
        if not kept:
            continue
        if spans and spans[-1][1] + 1 >= start and _joined(text, spans[-1][1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [_strip(text, s, e) for s, e in spans]


def _line_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each line of the given spans on its own: bulletin lines are separate reports."""
    out = []
    for start, end in spans:
        for a, b in _lines(text[start:end]):
            if text[start + a:start + b].strip():
                out.append((start + a, start + b))
    return out


def _joined(text: str, prev_end: int, start: int) -> bool:
    """Adjacent kept lines belong to one block when only a single line break separates them."""
    return text[prev_end:start].count("\n") <= 1 and not text[prev_end:start].strip()


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_before(text: str, pos: int) -> str:
    """The token ending at `pos` (the character before a full stop)."""
    start = pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "\"'“(":
        start -= 1
    return text[start:pos]


def _is_boundary(text: str, dot: int, block_end: int) -> int | None:
    """If the terminal character at `dot` ends a sentence, the offset just after it (and closers)."""
    end = dot + 1
    while end < block_end and text[end] in TERMINAL:
        end += 1
    while end < block_end and text[end] in CLOSERS:
        end += 1
    if end >= block_end:
        return end
    nxt = end
    while nxt < block_end and text[nxt].isspace():
        nxt += 1
    if nxt >= block_end:
        return end
    following = text[nxt]
    word = _word_before(text, dot)
    bare = word.strip("\"'“”‘’()[]*_").lower()  # ("**Oct. 18, 2023** -": a bold date lead)
    if text[dot] != ".":
        return end if (nxt > end or following.isupper()) and _starts_sentence(following) else None
    if nxt == end:  # no space after the full stop: "killed.The", or "U.S.to" (not a boundary)
        after = re.match(r"[A-Za-z]+", text[nxt:block_end])
        if not following.isupper() or after is None or len(after.group()) < 2:
            return None
        if "." in word or len(bare) <= 1 or bare in ABBREVIATIONS:
            return None
        return end
    if not _starts_sentence(following):
        return None
    if bare in ABBREVIATIONS and end == dot + 1:
        return None
    if end == dot + 1 and (len(bare) == 1 and bare.isalpha()):  # an initial: "J. Smith"
        return None
    if end == dot + 1 and "." in bare:  # a dotted acronym: "U.S. Army" continues, "U.S. The" ends
        nxt_word = re.match(r"[A-Za-z']+", text[nxt:block_end])
        return end if nxt_word and nxt_word.group().lower() in STARTERS else None
    return end


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "\"'“‘(["


def split_sentences(text: str, spans: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of `text` (within `spans`, default the kept spans) with exact offsets."""
    if spans is None:
        spans = kept_spans(text)
    sentences: list[Sentence] = []
    for block_start, block_end in _at_bullets(text, spans):
        start = block_start
        found = _TERMINAL_CHAR.search(text, block_start, block_end)
        while found is not None:
            pos = found.start()
            end = _is_boundary(text, pos, block_end)
            if end is not None:
                _add(sentences, text, start, end)
                start = end
                found = _TERMINAL_CHAR.search(text, end, block_end)
            else:
                found = _TERMINAL_CHAR.search(text, pos + 1, block_end)
        _add(sentences, text, start, block_end)
    return sentences


# a line that opens a list item ("* Drones hit ...", "• 14:05 ..."): a new sentence even when the item before
# it has no full stop, so a live blog's key-events list is not read as one sentence
_BULLET_LINE = re.compile(r"^[ \t]*(?:[*•·▪●]|[-–—](?=[ \t]))[ \t]+", re.MULTILINE)


def _at_bullets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` cut where a list item starts a line."""
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        for m in _BULLET_LINE.finditer(text, start, end):
            cut.append((start, m.start()))
            start = m.end()  # the item's text, without its marker
        cut.append((start, end))
    return cut


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    start, end = _strip(text, start, end)
    if end > start and _WORD.search(text, start, end):
        sentences.append(Sentence(text=text[start:end], start=start, end=end, index=len(sentences)))


def sentences(text: str) -> list[Sentence]:
    """The article's prose sentences (boilerplate dropped), offsets into `text`."""
    return split_sentences(text, kept_spans(text))
