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

try:  # Python >= 3.11
    from re import _constants as C  # noqa: N812
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # noqa: N812
    import sre_parse  # type: ignore[no-redef]

import ahocorasick

MAX_VARIANTS = 64  # cap on the strings one literal stretch may spell ("air[ -]?strikes?" spells 6)
MIN_LENGTH = 3  # a shorter required literal filters too little to be worth it
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}


# Characters the regex engine matches to an ASCII letter under IGNORECASE besides its two cases (dotted and
# dotless i, long s, Kelvin sign): folded to that letter so lower-casing the text never hides a possible
# match. tests/test_prefilter.py checks this table against the engine over all of Unicode.
FOLD = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_ODD = re.compile("[" + "".join(chr(c) for c in FOLD) + "]")


def fold(text: str) -> str:
    """The text as the filter sees it: ASCII lower case (and engine-equivalent letters folded to ASCII)."""
    if not text.isascii() and _ODD.search(text):
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


class Prefilter:
    """Which of `patterns` (by index) could match a text; patterns without a usable literal always could."""

    def __init__(self, patterns: list[re.Pattern]):
        self.patterns = patterns
        self.always: set[int] = set()
        self.automaton = ahocorasick.Automaton()
        owners: dict[str, set[int]] = {}
        for n, pattern in enumerate(patterns):
            flags = pattern.flags & ~re.UNICODE
            try:
                literals = required(sre_parse.parse(pattern.pattern, flags))
            except Exception:  # noqa: BLE001 - an unreadable pattern is simply always run
                literals = None
            if not literals or _shortest(literals) < MIN_LENGTH:
                self.always.add(n)
                continue
            for literal in literals:
                owners.setdefault(literal, set()).add(n)
        for literal, indices in owners.items():
            self.automaton.add_word(literal, frozenset(indices))
        self.empty = not owners
        if not self.empty:
            self.automaton.make_automaton()

    def possible(self, text: str) -> set[int]:
        """Indices of the patterns that may match `text` (all others certainly do not)."""
        found = set(self.always)
        if not self.empty:
            for _, indices in self.automaton.iter(fold(text)):
                found |= indices
        return found
