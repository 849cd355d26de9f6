"""A cheap, exact pre-filter for many regular expressions: which of them could match a text at all?

Running dozens of case-insensitive alternations over every sentence of a corpus is where extraction time
went (most sentences hold no trigger). Each pattern is read once with Python's own regex parser to find the
literal strings one of which *every* match must contain ("shot down" or "gunned down" for
`\\b(?:shot|gunned) down\\b`); one Aho-Corasick pass over the lower-cased text then tells which patterns
can be skipped. The filter only ever skips a pattern that cannot match, so results are unchanged; a pattern
with no usable literal is always run.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator

try:  # Python >= 3.11
    from re import _constants as C  # noqa: N812
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # noqa: N812
    import sre_parse  # type: ignore[no-redef]

import ahocorasick

MAX_VARIANTS = 64  # cap on the strings one literal stretch may spell ("air[ -]?strikes?" spells 6)
MIN_LENGTH = 3  # shorter leading strings start too many candidate matches to be worth anchoring on
# Shorter required literals still filter: "us"/"u.s" rule out the United States pattern in two thirds of
# sentences, and a pattern with no literal at all is run on every text.
MIN_FILTER = 2
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}


# Characters the regex engine matches to an ASCII letter under IGNORECASE besides its two cases (dotted and
# dotless i, long s, Kelvin sign): folded to that letter so lower-casing the text never hides a possible
# match. tests/test_prefilter.py checks this table against the engine over all of Unicode.
FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_ODD = tuple(chr(c) for c in FOLD)


def fold(text: str) -> str:
    """The text as the filter sees it: ASCII lower case (and engine-equivalent letters folded to ASCII).
    Four `in` tests look for the odd letters faster than a character-class regex over the text."""
    if not text.isascii() and any(char in text for char in _ODD):
        text = text.translate(FOLD)
    return text.lower()


def _char(code: int) -> str | None:
    """The character as `fold` leaves it in the text: ASCII lower-cased; a caseless non-letter (©, ’, –)
    as itself; None for any other character (a letter the engine may match to another case)."""
    char = chr(code)
    if char.isascii():
        return char.lower()
    caseless = char.lower() == char == char.upper() and not unicodedata.category(char).startswith("L")
    return char if caseless else None


def _exact(items) -> set[str] | None:
    """Every string `items` can match, when that is a small finite set of ASCII strings; else None."""
    out = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op == C.LITERAL:
            char = _char(av)
            if char is None:
                return None
            options = {char}
        elif op == C.IN:
            options = set()
            for sub_op, sub_av in av:
                char = _char(sub_av) if sub_op == C.LITERAL else None
                if char is None:
                    return None
                options.add(char)
        elif op == C.SUBPATTERN:
            options = _exact(av[-1])
        elif op == C.BRANCH:
            options = set()
            for branch in av[1]:
                sub = _exact(branch)
                if sub is None:
                    return None
                options |= sub
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[1] <= 2:
            sub = _exact(av[2])
            if sub is None:
                return None
            options = set()
            for count in range(av[0], av[1] + 1):
                options |= {"".join(p) for p in _product([sub] * count)}
        else:
            return None
        if options is None:
            return None
        out = {a + b for a in out for b in options}
        if len(out) > MAX_VARIANTS:
            return None
    return out


def _product(sets: list[set[str]]) -> list[tuple[str, ...]]:
    result: list[tuple[str, ...]] = [()]
    for s in sets:
        result = [r + (x,) for r in result for x in s]
    return result


def _shortest(options: set[str]) -> int:
    """How selective the least selective string is: its length, a non-ASCII character (©) counting 3."""
    return min((sum(1 if c.isascii() else 3 for c in s) for s in options), default=0)


def required(items) -> set[str] | None:
    """Strings one of which every match of `items` contains (lower case), or None when none can be named."""
    choices: list[set[str]] = []
    run: list = []

    def close_run() -> None:
        """Literal stretches, cut where the strings they may spell would grow past MAX_VARIANTS."""
        spelled = {""}
        for item in run:
            options = _exact([item]) or {""}
            grown = {a + b for a in spelled for b in options}
            if len(grown) > MAX_VARIANTS:
                if "" not in spelled:
                    choices.append(spelled)
                grown = options
            spelled = grown
        if "" not in spelled:
            choices.append(spelled)
        run.clear()

    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if _exact([(op, av)]) is not None:
            run.append((op, av))
            continue
        close_run()
        sub: set[str] | None = None
        if op == C.SUBPATTERN:
            sub = required(av[-1])
        elif op == getattr(C, "ATOMIC_GROUP", None):
            sub = required(av)
        elif op == C.BRANCH:
            parts = [required(branch) for branch in av[1]]
            sub = set().union(*parts) if all(p for p in parts) else None
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) or op == getattr(C, "POSSESSIVE_REPEAT", None):
            sub = required(av[2]) if av[0] >= 1 else None
        if sub:
            choices.append(sub)
    close_run()
    choices = [c for c in choices if _shortest(c) >= 1]
    if not choices:
        return None
    return max(choices, key=lambda c: (_shortest(c), -len(c)))


def leading(items) -> set[str] | None:
    """Strings one of which every match of `items` *starts* with (lower case), or None when none can be
    named. Zero-width assertions at the start (`\\b`, lookbehinds) consume nothing and are passed over, so a
    match of the pattern can only begin where one of these strings occurs in the folded text."""
    items = [(op, av) for op, av in items if op not in _ZERO_WIDTH]
    run = []
    for op, av in items:  # the longest stretch of exact items at the start
        if _exact([(op, av)]) is None:
            break
        run.append((op, av))
    if run:
        spelled = _exact(run)
        while spelled is None and len(run) > 1:  # too many spellings: a shorter prefix still anchors
            run.pop()
            spelled = _exact(run)
        return spelled if spelled and "" not in spelled else None
    if not items:
        return None
    op, av = items[0]
    if op == C.SUBPATTERN:
        return leading(av[-1])
    if op == getattr(C, "ATOMIC_GROUP", None):
        return leading(av)
    if op == C.BRANCH:
        parts = [leading(branch) for branch in av[1]]
        return set().union(*parts) if all(parts) else None
    if (op in (C.MAX_REPEAT, C.MIN_REPEAT) or op == getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return leading(av[2])
    return None


def _parse(pattern: re.Pattern):
    flags = pattern.flags & ~re.UNICODE
    try:
        return sre_parse.parse(pattern.pattern, flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply always run
        return None


class Scan:
    """What one pass of the automaton saw in a text: the patterns that may match, and for the patterns whose
    matches must start with a known string, every position where such a match could start."""

    __slots__ = ("live", "starts")

    def __init__(self, live: set[int], starts: dict[int, list[int]]):
        self.live = live
        self.starts = starts


class Prefilter:
    """Which of `patterns` (by index) could match a text; patterns without a usable literal always could.

    A pattern whose every match starts with one of a few strings ("took", "ied", "roadside bomb") is also
    *anchored*: `search` and `finditer` try it only at the positions where those strings occur, instead of
    letting the engine try every position of the text. Same matches, found without a scan of the text."""

    def __init__(self, patterns: list[re.Pattern]):
        self.patterns = patterns
        self.always: set[int] = set()
        self.anchored: set[int] = set()
        self.automaton = ahocorasick.Automaton()
        owners: dict[str, set[int]] = {}
        anchors: dict[str, set[int]] = {}
        for n, pattern in enumerate(patterns):
            parsed = _parse(pattern)
            literals = required(parsed) if parsed is not None else None
            starts = leading(parsed) if parsed is not None else None
            if starts and _shortest(starts) >= MIN_LENGTH and not pattern.flags & re.VERBOSE:
                self.anchored.add(n)
                for literal in starts:
                    anchors.setdefault(literal, set()).add(n)
            if not literals or _shortest(literals) < MIN_FILTER:
                self.always.add(n)
                continue
            for literal in literals:
                owners.setdefault(literal, set()).add(n)
        # one automaton: a literal's value is its number; what it filters and what it anchors are looked up
        self.literals = sorted(set(owners) | set(anchors))
        self.filters = [frozenset(owners.get(lit, ())) for lit in self.literals]
        self.anchors = [tuple(sorted(anchors.get(lit, ()))) for lit in self.literals]
        self.lengths = [len(lit) for lit in self.literals]
        for number, literal in enumerate(self.literals):
            self.automaton.add_word(literal, number)
        self.empty = not self.literals
        if not self.empty:
            self.automaton.make_automaton()

    def _seen(self, text: str) -> set[int]:
        return set() if self.empty else {number for _, number in self.automaton.iter(fold(text))}

    def possible(self, text: str) -> set[int]:
        """Indices of the patterns that may match `text` (all others certainly do not)."""
        found = set(self.always)
        for number in self._seen(text):
            found |= self.filters[number]
        return found

    def could_match(self, text: str) -> bool:
        """`bool(possible(text))`, stopping at the first literal that makes a pattern possible."""
        if self.always:
            return True
        return not self.empty and any(self.filters[number] for _, number in self.automaton.iter(fold(text)))

    def scan(self, text: str) -> Scan:
        """`possible`, plus the start positions of the anchored patterns' candidate matches (`fold` keeps
        every character's position, so positions in the folded text are positions in `text`)."""
        found = set(self.always)
        starts: dict[int, list[int]] = {}
        if not self.empty:
            for end, number in self.automaton.iter(fold(text)):
                found |= self.filters[number]
                start = end - self.lengths[number] + 1
                for n in self.anchors[number]:
                    starts.setdefault(n, []).append(start)
        for positions in starts.values():
            positions.sort()
        return Scan(found, starts)

    def search(self, n: int, text: str, scan: Scan) -> re.Match | None:
        """`patterns[n].search(text)`: the leftmost match, tried only where it can start when anchored."""
        pattern = self.patterns[n]
        if n not in self.anchored:
            return pattern.search(text)
        for start in scan.starts.get(n, ()):
            match = pattern.match(text, start)
            if match:
                return match
        return None

    def any_match(self, text: str, scan: Scan | None = None) -> bool:
        """Does any of the patterns match `text`? Only the patterns the scan leaves live are tried, anchored
        ones only where a match could start (a loop over every pattern cost more than the searches)."""
        scan = self.scan(text) if scan is None else scan
        tried = (n for n in scan.live if n in scan.starts or n not in self.anchored)
        return any(self.search(n, text, scan) for n in tried)

    def finditer(self, n: int, text: str, scan: Scan) -> Iterator[re.Match]:
        """`patterns[n].finditer(text)`: the same non-overlapping matches, left to right."""
        pattern = self.patterns[n]
        if n not in self.anchored:
            yield from pattern.finditer(text)
            return
        after = 0
        for start in scan.starts.get(n, ()):
            if start < after:
                continue
            match = pattern.match(text, start)
            if match:
                after = match.end()  # anchored matches are never empty: they start with a literal
                yield match


class TextHits:
    """One automaton pass over a whole text (an article), kept so that the scan of any stretch of it (a
    sentence, a clause) needs no pass of its own. `fold` keeps every position and maps each character on its
    own (the one context-dependent lower-casing, of a Greek sigma, yields letters no literal holds), so a
    literal occurs in a stretch exactly where its occurrence in the text lies wholly inside the stretch."""

    __slots__ = ("prefilter", "text", "hits", "starts")

    def __init__(self, prefilter: Prefilter, text: str):
        self.prefilter = prefilter
        self.text = text
        lengths = prefilter.lengths
        found = () if prefilter.empty else prefilter.automaton.iter(fold(text))
        # (start, end, literal number), by start
        self.hits = sorted((end - lengths[number] + 1, end + 1, number) for end, number in found)
        self.starts = [hit[0] for hit in self.hits]

    def _inside(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        first, last = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return (hit for hit in self.hits[first:last] if hit[1] <= end)

    def possible(self, start: int, end: int) -> bool:
        """`bool(prefilter.possible(text[start:end]))`."""
        filters = self.prefilter.filters
        inside = self._inside(start, end)
        return bool(self.prefilter.always) or any(filters[number] for _, _, number in inside)

    def scan(self, start: int = 0, end: int | None = None) -> Scan:
        """`prefilter.scan(text[start:end])`: the same live patterns and start positions (in the stretch)."""
        end = len(self.text) if end is None else end
        prefilter = self.prefilter
        found = set(prefilter.always)
        starts: dict[int, list[int]] = {}
        for hit_start, _, number in self._inside(start, end):
            found |= prefilter.filters[number]
            for n in prefilter.anchors[number]:
                starts.setdefault(n, []).append(hit_start - start)
        return Scan(found, starts)  # hits come by start, so every list of positions is sorted already
