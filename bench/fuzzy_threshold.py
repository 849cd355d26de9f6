"""Measure the fuzzy fallback's threshold: how often a misspelt name still finds its place, and how often a
word that is no place name gets matched anyway, for rapidfuzz ratio thresholds 80..96.

Misspellings: 600 places with >= 15,000 people (seeded sample), each given one random edit (drop, double,
swap or replace a letter) that changes its normalised key. Non-names: surnames and common words from the
lexicon that have no exact entry. Run: `python bench/fuzzy_threshold.py`.
"""

from __future__ import annotations

import random
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

import gazetteer  # noqa: E402
import gazetteer.core as core  # noqa: E402
from gazetteer.normalize import name_key  # noqa: E402


def misspell(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    op = rng.choice(["drop", "double", "swap", "replace"])
    if op == "drop":
        return name[:i] + name[i + 1 :]
    if op == "double":
        return name[:i] + name[i] + name[i:]
    if op == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + rng.choice(string.ascii_lowercase) + name[i + 1 :]


def main() -> int:
    gaz = gazetteer.default()
    ix = gaz.index
    rng = random.Random(7)
    big = np.flatnonzero((np.asarray(ix.population) >= 15000) & (np.asarray(ix.kind) == 4))
    tests = []
    for i in rng.sample(list(big), 2000):
        name = ix.string("name", int(i))
        if not name.isascii() or len(name) < 6 or " " in name:
            continue
        bad = misspell(name, rng)
        if name_key(bad) != name_key(name) and not len(ix.postings_of(name_key(bad))):
            tests.append((bad, int(i)))
        if len(tests) == 600:
            break
    words = sorted(gaz.lex.given_names | gaz.lex.org_words | gaz.lex.institution_words | gaz.lex.speech_verbs)
    nonnames = [w.capitalize() for w in words if len(w) >= 5 and not len(ix.postings_of(name_key(w)))]
    print(f"{len(tests)} misspelt place names, {len(nonnames)} words that are no place name")
    print("threshold  found-right  found-wrong  missed  non-names-matched")
    for th in (80, 84, 86, 88, 90, 92, 94, 96):
        core.FUZZY_THRESHOLD = float(th)
        right = wrong = 0
        for bad, i in tests:
            got = gaz._fuzzy(name_key(bad))
            if len(got) and i in set(int(x) for x in got[:10]):
                right += 1
            elif len(got):
                wrong += 1
        fp = sum(1 for w in nonnames if len(gaz._fuzzy(name_key(w))))
        n = len(tests)
        print(
            f"{th:9d}  {right / n:11.1%}  {wrong / n:11.1%}  {(n - right - wrong) / n:6.1%}  "
            f"{fp / max(1, len(nonnames)):17.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
