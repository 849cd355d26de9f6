"""The Gazetteer: name lookup, place recognition in text, and resolution of names in their context."""

from __future__ import annotations

import math
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick
import numpy as np

from gazetteer import sources
from gazetteer.build import build_records
from gazetteer.errors import GazetteerDataError
from gazetteer.lexicon import Lexicon, load_lexicon
from gazetteer.model import KINDS, Mention, Place
from gazetteer.normalize import (
    _GLUED_ARTICLE,
    ARTICLES,
    KUNYA,
    _fold_tokens,
    _key_of_tokens,
    fold_tokens,
    key_of_tokens,
    name_key,
    token_key,
)
from gazetteer.store import Index, cache_root, fingerprint, key_hash, write_index

# Fuzzy fallback: rapidfuzz ratio (0-100) a key must reach to count as a spelling of a gazetteer name.
# Measured on misspelt/variant names (see bench/README.md "Gazetteer").
FUZZY_THRESHOLD = 92.0
MAX_NGRAM = 6
# A city candidate this unlikely, outside the document's focus region, is taken for a place the gazetteer
# lacks ("Salem, in Lee County, Alabama") and placed at that region instead.
FALLBACK_PROB = 0.5
FALLBACK_MAX_POP = 300_000  # a city this large keeps its own point rather than the document's focus
ADMIN1_VS_CITY = 1.0  # a region yields to a larger same-named city abroad (Gaza, Mozambique vs Gaza)
SMALL_PLACE = 20_000  # population under which a one-word place needs support from the document
ROUNDS = 4  # re-ranking rounds (each name's choice feeds the others' context)
MATRIX_CELLS = 2_000_000  # bound on the candidate-by-evidence distance matrix (memory on long documents)
TOP_EVIDENCE = 6  # candidates per name that count as context for the other names
MAX_CANDIDATES = 60
RUN_CACHE = 20_000  # bound on the memo of multi-word runs already split into n-grams
SLOT_CACHE = 200_000  # bound on the memo of n-gram keys already looked up (cleared when full)
PRIOR_CACHE = 50_000  # bound on the memo of names' candidate priors in _rank (cleared when full)
# Weights of the context evidence in _rank (tuned on the public benchmarks; see bench/README.md).
W_CITY_PRIOR = 1.0  # scale of a city's population prior
W_COUNTRY_PRIOR = -1.5  # added to a country's prior (sources.KIND_PRIOR)
W_ADMIN1_PRIOR = 0.0  # added to a first-level region's prior
W_PROVINCE = 2.0  # "the province", "provincial": places in countries of provinces (province_countries)
W_COUNTRY = 5.0  # share of the other names in the candidate's country
W_ADMIN = 2.0  # another name in the candidate's first-level region
W_SHORT_FORM = 4.0  # a bare name ("Barrow") towards the place the document names in full ("Barrow County")
W_CONTAINER = 4.0  # "X, Y" / "X in Y": X inside Y (times the share of X's mentions that Y follows)
W_NEAR = 2.0  # closeness to the nearest other name (exp(-km / NEAR_KM))
W_NEAR_MANY = 1.0  # closeness to several other names
NEAR_KM = 150.0
WIDE_KM = 600.0  # proximity scale of seas, deserts, rivers and other wide features
BIG_PLACE = 100_000  # a place this large is not moved to the area the text puts it in
EARTH_KM = 6371.0088

_UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
_CAPWORD = rf"(?:St|Ste|Ft|Mt|Pt)\.|(?:[A-Z]\.){{2,}}|[{_UPPER}][\w'’]*(?:-\d+\b)?"
_ART = r"(?:al|el|ar|as|at|ad|an|az|ash|ez|es|ed)-"
_PARTICLE = (
    r"(?:de|del|della|di|da|do|dos|das|du|des|au|aux|la|le|les|el|al|ar|as|at|ad|an|az|ash|ez|es|ed|en|ul"
    r"|upon|on|sur|am|im|y|bin|ibn|of)"
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
# An n-gram (i, j) of a run is filed under i * _SPAN + j: a dict of ints and strings, which the garbage
# collector never tracks (tuple keys kept every memoised run's dict tracked, and full collections slow).
_SPAN = 1 << 20
_RUN = 1 << 40  # an n-gram (i, j) of run r of a document is filed under r * _RUN + i * _SPAN + j
# Tokens that _key_of_tokens treats specially (dropped articles, merged kunya prefixes): n-gram keys holding
# one are left to it; other n-grams are keyed word by word (the same key, without a cache miss per n-gram).
_SPECIAL = ARTICLES | KUNYA
_BETWEEN = re.compile(
    r"\b(?:cooperation|relations|ties|talks|tensions|rift|deal|agreement|dialogue|coordination|"
    r"rapprochement|alliance|contacts|rivalry|dispute)\s+between\s+(?:[A-Z][\w'’]*\s+and\s+)?$"
)
_LOCATIVE_WORDS = (
    "in", "near", "at", "outside", "around", "from", "to", "towards", "into", "across",
    "village of", "town of",
)
_LOCATIVE = re.compile(rf"\b(?:{'|'.join(_LOCATIVE_WORDS)})\s+$", re.IGNORECASE)
_LOCATIVE_LAST = tuple({w.split()[-1] for w in _LOCATIVE_WORDS})
# "officials in Sanaa said": the capital named as where they are, not standing for its government
_PLACED_IN = re.compile(r"\b(?:in|at|from|near|outside)\s+$", re.IGNORECASE)


_LOWER_WORD = re.compile(r"[a-z][a-z'’]+")
_IN_LOWER_WORD = frozenset("abcdefghijklmnopqrstuvwxyz'’")


def _in_address(text: str, p: int) -> bool:
    """Is position `p` inside a web address ("https://example.org/mogadishu-daily-star/...")? Its words are a
    slug, not the text's own use of a word in lower case."""
    start = max(text.rfind(" ", 0, p), text.rfind("\n", 0, p), text.rfind("(", 0, p)) + 1
    token = text[start : p + 1]
    return "://" in token or token.startswith("www.")


def _has_lower_word(text: str, word: str) -> bool:
    """Is `word` one of re.findall(r"(?<![\\w.])[a-z][a-z'’]+", text), the words the text writes in lower
    case? The same answer from the word's occurrences alone (a whole-text findall costs ~70 us a document): an
    occurrence counts when no [a-z'’] follows it and nothing of [\\w.] precedes it, unless it follows an
    apostrophe inside a lowercase token that starts earlier (that token is the match)."""
    if not _LOWER_WORD.fullmatch(word):
        return False
    n = len(word)
    p = text.find(word)
    while p >= 0:
        if (p + n == len(text) or text[p + n] not in _IN_LOWER_WORD) and not _in_address(text, p):
            prev = text[p - 1] if p else ""
            if not prev or not (prev.isalnum() or prev in "_."):
                if prev not in ("'", "’"):
                    return True
                q = p - 1  # the start of the [a-z'’] run around the apostrophe
                while q > 0 and text[q - 1] in _IN_LOWER_WORD:
                    q -= 1
                if not any(
                    "a" <= text[x] <= "z" and (x == 0 or not (text[x - 1].isalnum() or text[x - 1] in "_."))
                    for x in range(q, p)
                ):
                    return True
        p = text.find(word, p + 1)
    return False


def _may_end_with(before: str, last_words: tuple[str, ...]) -> bool:
    """Could `before` end with one of `last_words` (in any case) and then whitespace? A necessary test for
    the regexes that look for such words just before a name, far cheaper than their search: in ASCII text
    IGNORECASE is str.lower()'s case (\\s and str.isspace() agree); other text is left to the regex."""
    head = before.rstrip()
    return len(head) < len(before) and (not head.isascii() or head.lower().endswith(last_words))
_AREA_KINDS = {"continent", "country", "admin1"}
_WIDE_KINDS = [_KIND_CODE[k] for k in ("region", "river")]
_new_place = Place.__new__
_IN_AREA = re.compile(r"\s+in\s+(?:(?:the\s+)?(?:north|south|east|west|central)(?:ern|east|west)?\s+)?")
_PROVINCE_TALK = re.compile(r"\b(?:the|this|that|our|their|its) province\b|\bprovincial(?:ly)?\b")
_LIST_SEP = re.compile(r"\s*,\s*|\s*,?\s+(?:and|or)\s+")
# A demonym used as a language's name ("in English", "French-language", "English-speaking") says nothing of
# the country the text is about.
_LANGUAGE_USE = re.compile(
    r"\b(?:in|into|speak|speaks|spoke|spoken|speaking|fluent|learn|learned|learning|teach|taught|translated"
    r"|written|subtitled|bilingual)\s+(?:(?:plain|fluent|broken|both)\s+)?([A-Z][a-z]+)"
    r"(?:\s*(?:,|and|or|,\s*and|,\s*or)\s+([A-Z][a-z]+))?(?=\s*[,.;:!?)\"”]|\s*$)"
    r"|\b([A-Z][a-z]+)(?:\s+and\s+([A-Z][a-z]+))?[-\s](?:language|languages|speaking|speaker|speakers|medium"
    r"|immersion|subtitles|subtitled|translation|translations|dubbed|proficiency|lessons|classes|teacher"
    r"|teachers|dictionary|grammar|words?)\b"
)


def _haversine(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def _approx_km(lat1, lon1, lat2, lon2):
    """Equirectangular distance: within 1% of great-circle below ~1000 km, where closeness matters; far pairs
    only need to come out large."""
    dl = np.abs(lon2 - lon1)
    dl = np.minimum(dl, 360.0 - dl)
    x = np.radians(dl) * np.cos(np.radians((lat1 + lat2) / 2))
    y = np.radians(lat2 - lat1)
    return EARTH_KM * np.sqrt(x * x + y * y)


def _approx_km_grid(lat1, lon1, lat2, lon2):
    """_approx_km of column vectors against row vectors (a matrix): the same operations in the same order,
    in place, so the matrix is allocated three times instead of a dozen."""
    dl = np.subtract(lon2, lon1)
    np.abs(dl, out=dl)
    t = np.subtract(360.0, dl)
    np.minimum(dl, t, out=dl)
    x = np.radians(dl, out=dl)
    np.add(lat1, lat2, out=t)
    t /= 2
    np.radians(t, out=t)
    np.cos(t, out=t)
    x *= t
    y = np.subtract(lat2, lat1, out=t)
    np.radians(y, out=y)
    x *= x
    y *= y
    x += y
    np.sqrt(x, out=x)
    x *= EARTH_KM
    return x


@dataclass
class _Cand:
    """A span of text that may name a place, with its candidates and what the text around it says."""

    start: int
    end: int
    key: str
    idx: np.ndarray
    single: bool = False
    cue_kinds: tuple[str, ...] = ()
    container: int | None = None  # index of the _Cand that follows "X, " (the Y of "X, Y")
    forced: bool = False  # handed over by resolve(): keep whatever happens
    fallback: int | None = None  # index of the area to place it at when no candidate fits the document
    scores: np.ndarray | None = None
    choice: int = -1
    share: float = 0.0  # the choice's share of the candidates' weight (Mention.score)
    runners_up: list[int] | None = None  # the best three other candidates (index entries), best first
    flags: set[str] = field(default_factory=set)


class Gazetteer:
    """Worldwide offline gazetteer. Build once per data version (cached), then look up and geoparse."""

    def __init__(
        self,
        extra: list[str | Path] | None = None,
        cache_dir: str | Path | None = None,
        curated: str | Path | None = None,
        rebuild: bool = False,
    ) -> None:
        env = os.environ.get("INCIDENTMAP_GEONAMES", "")
        extra_paths = [Path(p) for p in (extra or [])] + [Path(p) for p in env.split(os.pathsep) if p]
        curated_path = Path(curated) if curated else sources.CURATED_CSV
        files = [*sources.source_files(), curated_path, *extra_paths]
        folder = Path(cache_dir or cache_root()) / f"gazetteer-{fingerprint(files)}"
        self.index = self._open(folder, lambda: build_records(extra_paths, curated_path), rebuild)
        self.lex: Lexicon = load_lexicon()
        _zones, self.zone_context = sources.load_zones()
        self._places: dict[int, Place] = {}
        self._fuzzy_buckets: dict[tuple[str, int], tuple[list[str], list[int]]] | None = None
        self._capital_slots: dict[int, bool] = {}
        self._slot_infos: dict[int, tuple[np.ndarray, bool, bool]] = {}
        self._run_memo: dict[str, tuple] = {}  # run text -> _run_grams(run text)
        self._span_memo: dict[str, tuple] = {}  # run text -> _run_spans(...) and the demonyms it counted
        self._slots: dict[str, int] = {}  # recognition memo: n-gram key -> index key slot, -1 if none
        # _rank: candidate list -> its priors (_name_priors), one memo without and one with "the province"
        self._prior_memo: dict[bool, dict[bytes, np.ndarray]] = {False: {}, True: {}}
        # Integer codes for the ranking's per-document arithmetic (computed once, ~30 ms).
        codes, cc_int = np.unique(self.index.country, return_inverse=True)
        self._cc_codes = {str(c): i for i, c in enumerate(codes)}
        self._cc_int = cc_int.astype(np.int64)
        self._a1_int = self._cc_int * 100_000 + self.index.admin1.astype(np.int64)
        admin1s = np.flatnonzero(self.index.kind == _KIND_CODE["admin1"])
        a1_values, a1_label = np.unique(self._a1_int, return_inverse=True)
        self._a1_label, self._n_a1 = a1_label.astype(np.int64), len(a1_values)
        self._admin1_record = {int(self._a1_int[i]): int(i) for i in admin1s[::-1]}
        feats = self.index.tables["feature"]
        self._is_capital = self.index.feature == (feats.index("PPLC") if "PPLC" in feats else -1)
        curated = self.index.feature == (feats.index("CURATED") if "CURATED" in feats else -1)
        self._curated_region = curated & (self.index.kind == _KIND_CODE["admin2"])  # Burkina's provinces ...
        self._province_cc = np.array([str(c) in self.lex.province_countries for c in codes], dtype=np.float64)
        lex = self.lex
        self._common_words = (
            lex.titles | lex.org_words | lex.institution_words | lex.stop_places | frozenset(lex.cues)
        )
        self._compile()

    @staticmethod
    def _open(folder: Path, records, rebuild: bool) -> Index:
        """Open the cached index, building it first if it is missing, damaged or `rebuild` is asked for."""
        try:
            if not rebuild and (folder / "meta.json").exists():
                try:
                    return Index(folder)
                except (OSError, ValueError):
                    shutil.rmtree(folder, ignore_errors=True)  # a damaged cache: build it again
            elif rebuild:
                shutil.rmtree(folder, ignore_errors=True)
            write_index(records(), folder)
            return Index(folder)
        except OSError as exc:
            raise GazetteerDataError(
                folder, None, f"cannot write the gazetteer index: {exc.strerror or exc}"
            ) from None

    # ---- places ------------------------------------------------------------------------------------
    def place(self, i: int) -> Place:
        p = self._places.get(i)
        if p is None:
            ix = self.index
            gid = int(ix.geonameid[i])
            radius = float(ix.radius[i])
            # Every field set at once: the frozen dataclass's __init__ sets them one by one through
            # object.__setattr__, a third of the cost of a new Place (the result compares, hashes and
            # prints the same).
            p = _new_place(Place)
            p.__dict__.update(
                id=ix.string("id", i),
                name=ix.string("name", i),
                lat=float(ix.lat[i]),
                lon=float(ix.lon[i]),
                kind=KINDS[int(ix.kind[i])],
                country=str(ix.country[i]),
                admin1=ix.tables["admin1"][int(ix.admin1[i])],
                population=int(ix.population[i]),
                geonameid=gid if gid >= 0 else None,
                source=ix.tables["source"][int(ix.source[i])],
                radius_km=None if math.isnan(radius) else radius,
                feature=ix.tables["feature"][int(ix.feature[i])],
            )
            self._places[i] = p
        return p

    def country_of_demonym(self, word: str) -> str | None:
        """ISO2 country of a demonym ("Syrian" -> "SY"); None if the word is not one."""
        return self.lex.demonyms.get(word.strip().lower())

    def main_city_of(self, region: Place) -> Place | None:
        """The most populous city of a first-level region, which in most of the world is its seat: "the
        capital of Hadramawt" is Mukalla, of Nineveh Mosul (the base data carry no seat codes, so Texas gives
        Houston, not Austin). None when the gazetteer holds no city in it."""
        if region.kind != "admin1" or region.country not in self._cc_codes:
            return None
        names = self.index.tables["admin1"]
        if region.admin1 not in names:
            return None
        code = self._cc_codes[region.country] * 100_000 + names.index(region.admin1)
        hit = np.flatnonzero((self._a1_int == code) & (self.index.kind == _KIND_CODE["city"]))
        if not len(hit):
            return None
        return self.place(int(hit[np.argmax(self.index.population[hit])]))

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[Place]:
        """Places a name may refer to, best prior first (exact key, then without cue words, then fuzzy)."""
        if self.country_of_demonym(name):
            return []
        places = [self.place(int(i)) for i in self._candidates_for(name, fuzzy=fuzzy)]
        if len(places) > 1 and places[0].kind == "admin1":
            # A region named after its seat ("Raqqa", "Deir ez-Zor"): the city first, as in geoparse().
            seat = name_key(places[0].name)
            for n, p in enumerate(places[1:12], start=1):
                same_country = p.country == places[0].country
                seat_city = same_country and p.admin1 == places[0].admin1 and name_key(p.name) == seat
                if p.kind == "city" and (seat_city or (same_country and p.feature == "PPLC")):
                    places.insert(0, places.pop(n))
                    break
        return places

    def _country_idx(self, iso: str) -> np.ndarray:
        """The country entry of an ISO2 code (for demonyms handed to resolve())."""
        if not hasattr(self, "_countries"):
            ks = np.nonzero(np.asarray(self.index.kind) == _KIND_CODE["country"])[0]
            self._countries = {str(self.index.country[i]): i for i in ks}
        i = self._countries.get(iso)
        return np.array([i] if i is not None else [], dtype=np.int64)

    def _candidates_for(self, name: str, *, fuzzy: bool) -> np.ndarray:
        tokens = fold_tokens(name)
        if len(tokens) == 1 and name.strip(" .").lower() in self.lex.function_words:
            return self.index.postings[0:0]  # "Ten" is a number, not "Tenn." folded to the same key
        key = key_of_tokens(tokens)
        idx = self.index.postings_of(key) if key else self.index.postings[0:0]
        if len(idx):
            return idx
        # Drop qualifiers ("northern Syria"), possessives, "the", trailing cue words ("Homs province").
        trimmed = [t for t in tokens if t not in self.lex.qualifiers and t != "the"]
        if trimmed and trimmed[-1] == "s" and len(trimmed) > 1:
            trimmed = trimmed[:-1]
        kinds: set[int] = set()
        while len(trimmed) > 1 and trimmed[-1] in self.lex.cues:
            kinds |= {_KIND_CODE[k] for k in self.lex.cues[trimmed[-1]]}
            trimmed = trimmed[:-1]
        if trimmed and trimmed != tokens:
            idx = self.index.postings_of(key_of_tokens(trimmed))
            physical = kinds and not kinds & {_KIND_CODE[k] for k in ("city", "admin1", "admin2")}
            if physical and len(idx):  # "Red River" is a river, not the village of Red
                idx = idx[np.isin(self.index.kind[idx], list(kinds))]
            if len(idx) or physical:
                return idx
        if fuzzy and key:
            return self._fuzzy(key)
        return idx

    def _fuzzy(self, key: str) -> np.ndarray:
        """Closest keys by rapidfuzz ratio (>= FUZZY_THRESHOLD), among keys of the same first letter and about
        the same length; their places, best first."""
        from rapidfuzz import fuzz, process

        if len(key) < 5:
            return self.index.postings[0:0]
        if self._fuzzy_buckets is None:
            buckets: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
            for j, k in enumerate(self.index.keys()):
                b = buckets.setdefault((k[:1], len(k) // 3), ([], []))
                b[0].append(k)
                b[1].append(j)
            self._fuzzy_buckets = buckets
        pool_keys: list[str] = []
        pool_ids: list[int] = []
        for band in (len(key) // 3 - 1, len(key) // 3, len(key) // 3 + 1):
            ks, js = self._fuzzy_buckets.get((key[:1], band), ([], []))
            pool_keys += ks
            pool_ids += js
        hits = process.extract(key, pool_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=3)
        if not hits:
            return self.index.postings[0:0]
        best = hits[0][1]
        out = [self.index.key_postings(pool_ids[h[2]]) for h in hits if h[1] >= best - 0.01]
        return np.concatenate(out)

    # ---- recognition -------------------------------------------------------------------------------
    def _compile(self) -> None:
        cue_words = sorted(
            {w for w in self.lex.cues}
            | {"air base", "border crossing", "military base", "gas field", "oil field"},
            key=len,
            reverse=True,
        )
        cues = "|".join(re.escape(c) for c in cue_words)
        self._run = re.compile(
            rf"(?<![\w'’])(?:{_ART})?(?:{_CAPWORD})"
            rf"(?:(?:[ \-]|[ \-]{_PARTICLE}[ \-]|[ \-]{_ART})(?:{_CAPWORD}))*(?:[ \-](?:{cues})\b)?"
        )
        self._cue_after = re.compile(r"[ \-]+(\w+)")
        pre = "|".join(
            re.escape(p).replace("\\ ", r"\s+") for p in sorted(self.lex.pre_cues, key=len, reverse=True)
        )
        self._pre_cue = re.compile(rf"\b({pre})\s+$", re.IGNORECASE)
        # Every pre-cue match ends with one of these words before the whitespace: a cheap test first.
        self._pre_cue_last = tuple({p.split()[-1] for p in self.lex.pre_cues})
        self._zone_ac = ahocorasick.Automaton()
        for z in sources.load_zones()[0]:
            for alias in z.names:
                self._zone_ac.add_word(alias.lower(), (z.id, alias))
        self._zone_ac.make_automaton()
        # A word every zone phrase holds ("zone"): a text without it has none to scan for.
        aliases = [a.lower() for z in sources.load_zones()[0] for a in z.names]
        self._zone_word = "zone" if aliases and all("zone" in a for a in aliases) else ""
        self._zone_places: dict[str, list[str]] = {}
        self._zone_keys = {name_key(a) for z in sources.load_zones()[0] for a in z.names}
        self._zone_index = {}
        for z in sources.load_zones()[0]:
            for i in self.index.postings_of(name_key(z.name)):
                if self.index.string("id", int(i)) == z.id:
                    self._zone_index[z.id] = int(i)

    def _find(self, text: str) -> tuple[list[_Cand], dict[str, float]]:
        """Candidate place spans in `text`, and the country context (ISO2 -> weight) from demonyms."""
        lex = self.lex
        runs = []
        singles: list[tuple[int, str]] = []  # (run no, key) of one-word runs
        multis: list[tuple[int, tuple]] = []  # (run no, its (i, j, key) n-grams) of the others
        run_keys: dict[int, dict[int, str]] = {}  # n-gram keys by run, for the organisation test
        fw = lex.function_words
        fold, keyof = _fold_tokens, _key_of_tokens
        run_memo = self._run_memo
        run_text: dict[int, str] = {}  # multi-word runs' text
        for m in self._run.finditer(text):
            g0 = m.group()
            ms = m.start()
            if g0.isalpha():  # one plain word: the common case
                if g0.lower() in fw:
                    continue  # "The", "In": a sentence-initial function word alone
                f = fold(g0)
                k = keyof(f)
                if k:
                    singles.append((len(runs), k))
                runs.append((ms, m.end(), [(ms, m.end(), g0, f)]))
                continue
            got = run_memo.get(g0)
            if got is None:
                if len(run_memo) > RUN_CACHE:
                    run_memo.clear()
                rel_toks, rel_grams, rel_keys = self._run_grams(g0)
                # tuples of plain values, which the garbage collector stops tracking (lists it scans forever)
                got = run_memo[g0] = (tuple(rel_toks), tuple(rel_grams), rel_keys)
            rel_toks, rel_grams, rel_keys = got
            r = len(runs)
            run_text[r] = g0
            runs.append((ms, m.end(), [(ms + s, ms + e, word, f) for s, e, word, f in rel_toks]))
            run_keys[r] = rel_keys
            if rel_grams:
                multis.append((r, rel_grams))
        demonym_ctx: dict[str, float] = {}
        if not singles and not multis:
            return [], demonym_ctx
        # Key -> slot (-1: not a name) memo across documents; only unseen keys are hashed and searched.
        slots = self._slots
        need = {k for _r, k in singles}
        for _r, rel in multis:
            need.update([g[2] for g in rel])
        missing = [k for k in need if k not in slots]
        if missing:
            if len(slots) + len(missing) > SLOT_CACHE:
                slots.clear()
            kh = key_hash
            ok, where = self.index.find_hashes(np.array([kh(k) for k in missing], dtype=np.uint64))
            for k, found, j in zip(missing, ok.tolist(), where.tolist(), strict=True):
                slots[k] = j if found else -1
        # the n-grams that are names, by r * _RUN + i * _SPAN + j (ints: no tuple per n-gram), and their slots
        valid: dict[int, str] = {}
        slot: dict[str, int] = {}
        for r, k in singles:
            j = slots[k]
            if j >= 0:
                valid[r * _RUN + 1] = k
                slot[k] = j
        for r, rel in multis:
            base = r * _RUN
            for i, e, k in rel:
                j = slots[k]
                if j >= 0:
                    valid[base + i * _SPAN + e] = k
                    slot[k] = j
        person_words: set[str] = set()
        capital_of = self._capital_slot
        slot_info = self._slot_info
        line_cache: dict[int, bool] = {}
        cands: list[_Cand] = []
        valid_runs = {key // _RUN for key in valid}
        demonyms = lex.demonyms
        for r, (rs, _re, toks) in enumerate(runs):
            if r not in valid_runs and not any(t[2].lower() in demonyms for t in toks):
                continue
            n = len(toks)
            title_line = None  # computed when a span is checked against its neighbours
            if n == 1:  # one word: the loops below reduce to this
                word = toks[0][2].lower()
                demo = demonyms.get(word)
                if demo:
                    demonym_ctx[demo] = demonym_ctx.get(demo, 0.0) + 1.0
                    continue
                key = valid.get(r * _RUN + 1)
                if key is None:
                    continue
                covered = ["place"]
                spans = [(0, 1, key)]
            else:
                # a pure function of the run's text (its n-grams' keys and slots, the lexicon): memoised
                got = self._span_memo.get(run_text[r])
                if got is None:
                    if len(self._span_memo) > RUN_CACHE:
                        self._span_memo.clear()
                    counted: dict[str, float] = {}
                    covered, spans = self._run_spans(r, toks, valid, run_keys.get(r, {}), counted)
                    got = (tuple(covered), tuple(spans), tuple(counted.items()))  # (untracked by the GC)
                    self._span_memo[run_text[r]] = got
                covered, spans, counted_items = got
                for demo, count in counted_items:  # whole numbers: the same sums, in the same order
                    demonym_ctx[demo] = demonym_ctx.get(demo, 0.0) + count
            if (
                len(spans) > 1 and spans[0][0] == 0 and spans[1][0] == spans[0][1]
                and self._settlement_named(text, rs)
            ):
                continue  # "the town of Altun Kupri": one unknown name, not the known "Altun" and "Kupri"
            for s, e, key in spans:
                single = e - s == 1
                if single:
                    tok = toks[s][2]
                    w0 = tok.lower()
                    words = [w0]
                    if w0 in fw or w0 in lex.qualifiers or not tok[:1].isupper():
                        continue
                else:
                    words = [t[2].lower() for t in toks[s:e]]
                    if all(w in fw or w in lex.qualifiers for w in words):
                        continue
                    if not any(t[2][:1].isupper() and t[2].lower() not in fw for t in toks[s:e]):
                        continue  # "The village": no capitalised word of its own
                if key in lex.organisations:
                    continue  # "Hamas", "Al-Shabaab": a group, not a place
                # a whole run has no word before or after it: nothing to block
                if s or e < n:
                    if title_line is None:
                        title_line = self._title_line(text, rs, line_cache)
                    reason = self._blocked(text, toks, s, e, covered, title_line)
                else:
                    reason = ""
                if reason == "unknown word after":
                    top = int(self.index.key_postings(slot[key])[0])
                    named = self._settlement_named(text, toks[s][0])  # "the town of Altun Kupri": one name
                    if (self.index.kind[top] <= _KIND_CODE["admin1"] or self._notable(top)) and not named:
                        reason = ""  # "Gainesville Mayor ...", "Texas Alcoholic Beverage Commission"
                if reason:
                    if reason in ("title", "given name", "unknown word before"):
                        person_words.update(t[2].lower() for t in toks[s:e])
                    continue
                start, end = toks[s][0], toks[e - 1][1]
                cue = self._cue_kinds(text, start, end, words)
                if single and words[0] in self._common_words and not cue:
                    continue  # a bare common noun ("Council", "Court"), a title ("Dr"), a stop word
                idx, city_only, notable0 = slot_info(slot[key])
                if (
                    single
                    and not cue
                    and (len(words[0]) <= 3 or words[0] in lex.given_names)
                    and not self._own_name(idx, key)
                ):
                    continue  # "No" is not Ho: a short word that names places only as an alternate name
                if (
                    single
                    and not cue
                    and toks[s][2].isupper()
                    and (
                        (
                            len(toks[s][2]) <= 3
                            and not self._is_country_key(key)
                            and not (len(idx) and self._curated(int(idx[0])))
                        )
                        or (
                            len(toks[s][2]) == 4
                            and not (self.index.kind[idx] <= _KIND_CODE["country"]).any()
                            and self._mixed_case(text, start, end)
                        )
                    )
                ):
                    continue  # acronyms (IS, SANA) are rarely places unless a country or a road (M2)
                if (
                    single
                    and not cue
                    and len(idx)
                    and capital_of(slot[key])
                    and self._metonymy(text, start, end, idx)
                    and not _PLACED_IN.search(text, max(0, start - 8), start)
                ):
                    continue  # "Moscow said": the government, not the place
                locative = _may_end_with(text[max(0, start - 16) : start], _LOCATIVE_LAST) and (
                    _LOCATIVE.search(text, max(0, start - 16), start) is not None
                )
                if single and not cue and len(idx) and city_only:
                    w = toks[s][2]
                    if _has_lower_word(text, w.lower()):
                        continue  # the document uses the word as a common noun ("reading", "mobile")
                    if self._sentence_start(text, start) and not notable0:
                        continue  # a capitalised first word naming only small places
                    m_after = self._cue_after.match(text, end)
                    if (
                        m_after
                        and m_after.group(1).lower() in self.lex.speech_verbs
                        and not notable0
                        and not locative
                    ):
                        continue  # "Dillon said": a person
                    if w.lower() in person_words:
                        continue
                cand = _Cand(start, end, key, idx, single=single, cue_kinds=cue)
                if locative:
                    cand.flags.add("locative")
                cands.append(cand)
        self._add_zones(text, cands)
        self._containers(text, cands)
        self._state_lists(text, cands)
        if demonym_ctx:
            self._language_uses(text, demonym_ctx)
        return cands, demonym_ctx

    def _language_uses(self, text: str, ctx: dict[str, float]) -> None:
        """Demonyms used as languages' names ("in English", "French-speaking") leave the country context."""
        for m in _LANGUAGE_USE.finditer(text):
            for word in m.groups():
                cc = self.lex.demonyms.get(word.lower()) if word else None
                if cc and cc in ctx:
                    ctx[cc] -= 1.0
                    if ctx[cc] <= 0:
                        del ctx[cc]

    def _run_spans(self, r, toks, valid, rkeys, demonym_ctx) -> tuple[list[str | None], list]:
        """Split run `r` of several words into place spans (longest known n-grams first), with what covers
        each word (an organisation's name, a demonym, a place); counts demonyms into `demonym_ctx`."""
        lex = self.lex
        n = len(toks)
        covered: list[str | None] = [None] * n
        for i in range(n):  # organisation names ("Boko Haram") cover their words
            parts: tuple[str, ...] = ()
            for j in range(i, min(n, i + MAX_NGRAM)):
                parts = parts + toks[j][3]
                if len(parts) < 2:
                    continue
                k = rkeys.get(i * _SPAN + j + 1)
                if k is None:
                    k = _key_of_tokens(parts)
                if k in lex.organisations:
                    covered[i : j + 1] = ["org"] * (j + 1 - i)
        i = 0
        spans = []
        while i < n:
            if covered[i] == "org":
                i += 1
                continue
            word = toks[i][2].lower()
            demo = lex.demonyms.get(word)
            best = None
            at_i = r * _RUN + i * _SPAN
            for j in range(min(n, i + MAX_NGRAM), i, -1):
                if at_i + j in valid and "org" not in covered[i:j]:
                    best = j
                    break
            if demo and (best is None or best == i + 1):
                demonym_ctx[demo] = demonym_ctx.get(demo, 0.0) + 1.0
                covered[i] = "demonym"
                i += 1
                continue
            if best is None:
                i += 1
                continue
            s = i
            if (
                best - i > 1
                and word in lex.function_words
                and valid.get(at_i + _SPAN + best) == valid[at_i + best]
            ):
                s = i + 1  # "At Raqqa" -> "Raqqa"
            spans.append((s, best, valid[at_i + best]))
            for k in range(i, best):
                covered[k] = "place"
            i = best
        return covered, spans

    @staticmethod
    def _run_grams(g0: str) -> tuple[list, list[tuple[int, int, str]], dict[int, str]]:
        """A run of capitalised words: its tokens (offsets relative to the run), the (i, j, key) of its
        n-grams with a non-empty key, and every n-gram key (by i * _SPAN + j). Memoised per run text in
        _find."""
        fold, keyof, tkey = _fold_tokens, _key_of_tokens, token_key
        toks = []
        for t in _TOKEN.finditer(g0):
            s, e = t.start(), t.end()
            word = t.group()
            if word[-2:] in ("'s", "’s"):
                e -= 2
                word = word[:-2]
            toks.append((s, e, word, fold(word)))
        grams: list[tuple[int, int, str]] = []
        keys: dict[int, str] = {}  # by i * _SPAN + j
        n = len(toks)
        for i in range(n):
            if toks[i][2][:1].islower() and toks[i][3] and toks[i][3][0] not in ARTICLES:
                continue  # a name does not start with a lowercase particle ("de", "of")
            parts: tuple[str, ...] = ()
            plain: str | None = ""  # the key built word by word while no word needs keyof's rules
            for j in range(i, min(n, i + MAX_NGRAM)):
                folded = toks[j][3]
                parts = parts + folded
                if plain is not None:
                    for t in folded:
                        if (
                            t in _SPECIAL
                            or t.startswith("albu")
                            or ((len(t) > 4 and _GLUED_ARTICLE.match(t)) if plain else t == "the")
                        ):
                            plain = None
                            break
                        plain = f"{plain} {tkey(t)}" if plain else tkey(t)
                k = plain if plain is not None else keyof(parts)
                keys[i * _SPAN + j + 1] = k
                if k:
                    grams.append((i, j + 1, k))
        return toks, grams, keys

    def _state_lists(self, text: str, cands: list[_Cand]) -> None:
        """In a list of three or more names ("Ohio, Virginia, Washington and Wisconsin") whose other members
        are first-level regions, a name that may be one is one too: the state, not the capital city that
        otherwise outranks a region of its name ("Washington"), nor the country ("Georgia")."""
        ix, a1 = self.index, _KIND_CODE["admin1"]
        lists: list[list[int]] = [[0]] if cands else []
        for n in range(1, len(cands)):
            between = text[cands[n - 1].end : cands[n].start]
            if _LIST_SEP.fullmatch(between):
                lists[-1].append(n)
            else:
                lists.append([n])
        for members in lists:
            if len(members) < 3:
                continue
            state = [bool(len(cands[n].idx)) and ix.kind[cands[n].idx[0]] == a1 for n in members]
            for n, is_state in zip(members, state, strict=True):
                c = cands[n]
                others = sum(state) - is_state
                if (
                    others >= 2
                    and others * 3 >= 2 * (len(members) - 1)
                    and (ix.kind[c.idx] == a1).any()
                    and "admin1" not in c.cue_kinds
                ):
                    c.cue_kinds = (*c.cue_kinds, "admin1")

    def _containers(self, text: str, cands: list[_Cand]) -> None:
        """"X, Y" and "X in Y" (Y a country or first-level region): remember Y as X's container."""
        for n, (a, b) in enumerate(zip(cands, cands[1:], strict=False)):
            between = text[a.end : b.start]
            if between.strip() == "," and len(between) <= 3:
                a.container = n + 1
            elif "in" in between and _IN_AREA.fullmatch(between) and len(b.idx):  # (a cheap test first)
                top = self.index.kind[b.idx[:3]]
                if np.any(top <= _KIND_CODE["admin1"]):
                    a.container = n + 1
                    a.flags.add("in")

    @staticmethod
    def _mixed_case(text: str, start: int, end: int) -> bool:
        """An all-capital word inside ordinary mixed-case prose (not a headline or a dateline in capitals)."""
        line_start = text.rfind("\n", 0, start) + 1
        after = text[end : end + 3].strip()[:1]
        if not text[line_start:start].strip() and after in ("", "-", "—", "–", ":", ",", "("):
            return False  # a dateline ("GAZA -") or a heading
        around = text[max(0, start - 60) : start] + text[end : end + 60]
        return sum(ch.islower() for ch in around) > 2 * sum(ch.isupper() for ch in around)

    def _own_name(self, idx: np.ndarray, key: str) -> bool:
        """Does a candidate bear the name as its own (or is it an area, "Ky." for Kentucky, or curated, "M2")?
        Words too short or too common as given names are not trusted through alternate names alone."""
        ix = self.index
        area = _KIND_CODE["admin1"]
        return any(
            ix.kind[i] <= area or self._curated(i) or name_key(ix.string("name", i)) == key
            for i in idx.tolist()
        )

    def _curated(self, i: int) -> bool:
        return self.index.tables["feature"][int(self.index.feature[i])] == "CURATED"

    def _notable(self, i: int) -> bool:
        """A place big or curated enough to be meant even by a sentence's first word."""
        feature = self.index.tables["feature"][int(self.index.feature[i])]
        return int(self.index.population[i]) >= SMALL_PLACE or feature in ("PPLC", "CURATED")

    def _is_country_key(self, key: str) -> bool:
        idx = self.index.postings_of(key)
        return bool(len(idx)) and bool((self.index.kind[idx] <= _KIND_CODE["admin1"]).any())

    @staticmethod
    def _sentence_start(text: str, start: int) -> bool:
        j = start - 1
        while j >= 0 and text[j] in " \t\"'“‘(":
            j -= 1
        return j < 0 or text[j] in ".!?\n:;"

    def _slot_info(self, j: int) -> tuple[np.ndarray, bool, bool]:
        """Key slot `j`'s places, whether its first five are all cities (or all admin2), and whether its first
        place is notable (memo for _find's one-word tests)."""
        got = self._slot_infos.get(j)
        if got is None:
            if len(self._slot_infos) > SLOT_CACHE:
                self._slot_infos.clear()
            idx = self.index.key_postings(j)
            kinds = set(self.index.kind[idx[:5]].tolist())
            city_only = kinds == {_KIND_CODE["city"]} or kinds == {_KIND_CODE["admin2"]}
            got = self._slot_infos[j] = (idx, city_only, bool(len(idx)) and self._notable(int(idx[0])))
        return got

    def _capital_slot(self, j: int) -> bool:
        """Is one of the first three places of key slot `j` a capital (memo of _metonymy's first test)?"""
        got = self._capital_slots.get(j)
        if got is None:
            if len(self._capital_slots) > SLOT_CACHE:
                self._capital_slots.clear()
            got = self._capital_slots[j] = bool(self._is_capital[self.index.key_postings(j)[:3]].any())
        return got

    def _metonymy(self, text: str, start: int, end: int, idx: np.ndarray) -> bool:
        """A capital followed by a verb of saying/acting stands for its government ("Moscow said")."""
        if not self._is_capital[idx[:3]].any():
            return False
        if _BETWEEN.search(text[max(0, start - 60) : start]):
            return True  # "cooperation between Tehran and Moscow"
        if text[end : end + 2] in ("'s", "’s"):
            m = self._cue_after.match(text, end + 2)
            return bool(m) and m.group(1).lower() in self.lex.government_nouns
        m = self._cue_after.match(text, end)
        return bool(m) and m.group(1).lower() in self.lex.metonymy_verbs and text[end : end + 1] == " "

    def _title_line(self, text: str, pos: int, cache: dict[int, bool]) -> bool:
        """Is the line holding `pos` in title case (a headline), where runs of capitals prove nothing?"""
        a = text.rfind("\n", 0, pos) + 1
        if a in cache:
            return cache[a]
        b = text.find("\n", pos)
        if (b if b >= 0 else len(text)) - a > 300:
            cache[a] = False
            return False
        line = text[a : b if b >= 0 else len(text)]
        cache[a] = self._title_case(line)
        return cache[a]

    @staticmethod
    def _title_case(line: str) -> bool:
        words = re.findall(r"[^\W\d_][\w'’]*", line)
        if len(words) < 4:
            return False
        caps = sum(1 for w in words if w[0].isupper())
        return caps / len(words) >= 0.7

    def _blocked(self, text: str, toks, s: int, e: int, covered, title_line: bool) -> str:
        """Why a span in a run of capitalised words is part of a person's or organisation's name."""
        lex = self.lex
        if s > 0:
            prev = toks[s - 1][2].lower().rstrip(".")
            joined = text[toks[s - 1][1] : toks[s][0]]
            if prev in lex.titles:
                return "title"
            if prev in lex.given_names and joined in (" ", "-"):
                return "given name"
            if (
                joined.strip(" -") == ""
                and not title_line
                and covered[s - 1] is None
                and prev not in lex.function_words
                and prev not in lex.qualifiers
                and prev not in lex.institution_words
            ):
                return "unknown word before"
            if joined.strip(" -").lower() == "of" and prev in lex.org_words:
                return "organisation of"
        if e < len(toks):
            nxt = toks[e][2].lower()
            if (
                e - s == 1
                and toks[s][2].lower() in lex.given_names
                and toks[e][2][:1].isupper()
                and text[toks[s][1] : toks[e][0]] == " "
                and not title_line
            ):
                return "given name"
            joined = text[toks[e - 1][1] : toks[e][0]]
            if nxt in lex.org_words and joined in (" ", "-"):
                return "organisation"
            if (
                joined.strip(" -") == ""
                and not title_line
                and covered[e] is None
                and nxt not in lex.cues
                and nxt not in lex.function_words
                and nxt not in lex.institution_words
                and not toks[e][2].islower()
            ):
                return "unknown word after"
        # 'The X Examiner' split over a possessive or quotes: quoted multi-word names are organisations
        return ""

    def _settlement_named(self, text: str, start: int) -> bool:
        """Does a settlement cue ("the town of", "village of") introduce the run at `start`? Then the whole
        run is the settlement's name, and a known name at its head ("Altun" of "Altun Kupri") is not it."""
        if not _may_end_with(text[max(0, start - 20) : start], self._pre_cue_last):
            return False
        found = self._pre_cue.search(text, max(0, start - 20), start)
        return found is not None and "city" in self.lex.pre_cues[" ".join(found.group(1).lower().split())]

    def _cue_kinds(self, text: str, start: int, end: int, words: list[str]) -> tuple[str, ...]:
        lex = self.lex
        m = self._cue_after.match(text, end)
        kinds: tuple[str, ...] = ()
        if m and m.group(1).lower() in lex.cues:
            kinds = lex.cues[m.group(1).lower()]
        pm = None
        if _may_end_with(text[max(0, start - 20) : start], self._pre_cue_last):
            pm = self._pre_cue.search(text, max(0, start - 20), start)
        if pm:
            kinds = kinds + tuple(lex.pre_cues[" ".join(pm.group(1).lower().split())])
        if words and words[-1] in lex.cues and len(words) > 1:
            kinds = kinds + lex.cues[words[-1]]
        return kinds

    def _add_zones(self, text: str, cands: list[_Cand]) -> None:
        """Lowercase zone phrases ("the protected zone"), kept only when the document speaks of that zone."""
        low = text.lower()
        if self._zone_word not in low:
            cands.sort(key=lambda c: c.start)
            return
        for end, (zid, alias) in self._zone_ac.iter(low):
            start = end - len(alias) + 1
            if (start > 0 and low[start - 1].isalnum()) or (end + 1 < len(low) and low[end + 1].isalnum()):
                continue
            zi = self._zone_index.get(zid)
            if zi is None:
                continue
            if any(c.start < end + 1 and start < c.end for c in cands):
                for c in cands:  # a longer capitalised match wins; a shorter one gives way to the zone phrase
                    if c.start < end + 1 and start < c.end and (c.end - c.start) < len(alias):
                        cands.remove(c)
                        break
                else:
                    continue
            cands.append(
                _Cand(start, end + 1, name_key(alias), np.array([zi], dtype=np.int32), cue_kinds=("zone",))
            )
        cands.sort(key=lambda c: c.start)

    def _zone_supported(self, zone_index: int, text_low: str) -> bool:
        """The document names a place of the zone's context ("Tanf", "Rukban"). Context words that are no
        place ("deconfliction", "garrison") are not enough: Idlib and Ukraine have deconfliction zones too."""
        zid = self.index.string("id", zone_index)
        words = self._zone_places.get(zid)
        if words is None:
            words = [
                w.lower()
                for w in self.zone_context.get(zid, [])
                if any(ch.isupper() for ch in w) and len(self.index.postings_of(name_key(w)))
            ]
            self._zone_places[zid] = words
        return any(re.search(rf"\b{re.escape(w)}\b", text_low) for w in words)

    # ---- resolution --------------------------------------------------------------------------------
    def _rank(self, text: str, cands: list[_Cand], ctx: dict[str, float], bias: str | None) -> int | None:
        """Score every candidate of every name with the document's context; set .idx, .scores and .choice.

        All candidates of all names sit in flat arrays (one segment per distinct name), so each of the three
        rounds is a handful of numpy operations: country and region support from the other names' current
        choices, distance to them, "X, Y" containment, cue words, and the prior.
        """
        ix = self.index
        text_low = text.lower()
        bias_cc = self._bias_country(bias)
        groups: dict[str, list[_Cand]] = {}
        for c in cands:
            groups.setdefault(c.key, []).append(c)
        ctx_countries = set(ctx) | ({bias_cc} if bias_cc else set())
        keys, pools = [], []
        for key, cs in groups.items():
            idx = np.asarray(cs[0].idx, dtype=np.int64)
            if len(idx) > MAX_CANDIDATES:
                head = idx[:MAX_CANDIDATES]
                if ctx_countries:
                    extra = idx[np.isin(ix.country[idx], list(ctx_countries))][:MAX_CANDIDATES]
                    head = np.concatenate([head, extra[~np.isin(extra, head)]])
                idx = head
            zones = ix.kind[idx] == _KIND_CODE["zone"] if key in self._zone_keys else None
            if zones is not None and zones.any():
                idx = np.array(
                    [
                        i
                        for i, z in zip(idx, zones, strict=True)
                        if not z or self._zone_supported(int(i), text_low)
                    ],
                    dtype=np.int64,
                )
            keys.append(key)
            pools.append(idx)
        at = {k: n for n, k in enumerate(keys)}
        short_all = self._short_forms(text, keys, groups, at)
        for short, full in short_all:
            extra = pools[full][ix.kind[pools[full]] == _KIND_CODE["admin2"]]
            pools[short] = np.concatenate([pools[short], extra[~np.isin(extra, pools[short])]])
        for c in cands:
            c.choice, c.scores = -1, None
        if not keys:
            return None
        sizes = np.array([len(p) for p in pools])
        live = np.nonzero(sizes)[0]
        for n, key in enumerate(keys):
            for c in groups[key]:
                c.idx = pools[n]
        if not len(live):
            return None
        keys = [keys[n] for n in live]
        pools = [pools[n] for n in live]
        sizes = sizes[live]
        nk = len(keys)
        flat = np.concatenate(pools)
        seg = np.repeat(np.arange(nk), sizes)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        kind = ix.kind[flat].astype(np.int64)
        lat, lon = ix.lat[flat], ix.lon[flat]
        cc = self._cc_int[flat]
        a1 = self._a1_int[flat]
        mult = np.array([len(groups[k]) for k in keys], dtype=np.float64)
        # Each name's prior (with the rules below, which look at that name's candidates only), memoised
        # per candidate list; names not seen before are computed together in _name_priors.
        # The text's one term inside those rules ("the province") picks one of two memos.
        province = "provinc" in text and _PROVINCE_TALK.search(text) is not None  # (a cheap test first)
        memo = self._prior_memo[province]
        parts: list = [memo.get(p.tobytes()) for p in pools]
        miss = [n for n, got in enumerate(parts) if got is None]
        if miss:
            if len(memo) + len(miss) > PRIOR_CACHE:
                memo.clear()
            for n, got in zip(miss, self._name_priors([pools[n] for n in miss], province), strict=True):
                parts[n] = memo[pools[n].tobytes()] = got
        prior = np.concatenate(parts)
        cue = np.zeros(len(flat))
        for n, k in enumerate(keys):
            wanted = {kk for c in groups[k] for kk in c.cue_kinds}
            if wanted:
                sl = slice(starts[n], starts[n] + sizes[n])
                ks = kind[sl]
                hit = np.zeros(len(ks), dtype=bool)
                for kk in wanted:
                    hit |= ks == _KIND_CODE[kk]
                cue[sl] = 3.0 * hit
        n_cc = len(self._cc_codes)
        ctx_w = np.zeros(n_cc)
        for code, w in ctx.items():
            if code in self._cc_codes:
                ctx_w[self._cc_codes[code]] += w
        if bias_cc and bias_cc in self._cc_codes:
            ctx_w[self._cc_codes[bias_cc]] += 3.0
        pairs = []
        pos = {k: n for n, k in enumerate(keys)}
        mult_of = mult.tolist()
        for c in cands:
            if c.container is not None and c.key in pos and cands[c.container].key in pos:
                pairs.append((pos[c.key], pos[cands[c.container].key]))
        # A container counts for the share of the name's mentions it follows: "named for Atlanta, Georgia"
        # once does not move every other "Atlanta" of an article about Atlanta, Texas.
        pair_w = {pk: W_CONTAINER * pairs.count(pk) / mult_of[pk[0]] for pk in set(pairs)}
        pairs = sorted(set(pairs))
        contained = dict(pairs)
        # the pairs of _short_forms(text, keys, groups, pos), from the call above (live names only)
        renum = {int(old): new for new, old in enumerate(live)}
        short_forms = [(renum[a], renum[b]) for a, b in short_all if a in renum and b in renum]
        area = kind <= _KIND_CODE["admin1"]
        a1_inv, n_a1 = self._a1_label[flat], self._n_a1  # dense region numbers (bincount bins)
        is_admin1 = kind == _KIND_CODE["admin1"]
        # (name, region) pairs numbered in order of appearance (bincount bins: any numbering sums alike)
        pair_no: dict[int, int] = {}
        seg_a1 = np.array([pair_no.setdefault(p, len(pair_no)) for p in (seg * n_a1 + a1_inv).tolist()])

        def seg_argmax(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            """Each segment's first (near-)maximum, and each candidate's segment maximum."""
            best_seg = np.maximum.reduceat(values, starts)[seg]
            hit = (values >= best_seg - 1e-12).nonzero()[0]
            sh = seg[hit]  # ascending: the first hit of each segment is where the segment number changes
            return hit[np.concatenate(([True], sh[1:] != sh[:-1]))], best_seg

        score = base = prior + cue
        choice, best_seg = seg_argmax(score)
        nonarea = kind > _KIND_CODE["admin1"]
        top = max(1, min(TOP_EVIDENCE, MATRIX_CELLS // max(1, len(flat) * nk)))  # long documents
        ranked = bool(sizes.max() > top)  # else every candidate ranks below `top` in its segment
        # Per-candidate factors of the rounds' weights that do not depend on the choices (the same products,
        # in the same order, as the rounds used to compute each time): a chosen country weighs 2, a chosen
        # region 2 and anything coarser than a region 0 for regions; soft region support's mult * 2|1 * 0|1.
        w_kind = np.where(kind == _KIND_CODE["country"], 2.0, 1.0)
        wa_kind = np.where(kind == _KIND_CODE["admin1"], 2.0, 1.0) * (kind >= _KIND_CODE["admin1"])
        wf_base = mult[seg] * np.where(is_admin1, 2.0, 1.0) * (kind >= _KIND_CODE["admin1"])
        has_admin1 = bool(is_admin1.any())
        in_seg = np.arange(len(flat)) - starts[seg]  # each candidate's position in its name's list
        # Closeness of each candidate that may lend evidence (rows: not an area) to each such candidate
        # (columns: areas take no closeness), rows filled in as candidates first lend: the rounds change only
        # which of them lend (their rank in their name) and with what probability. The same values as the
        # per-round matrix below, transposed and without the area rows.
        evidence = np.flatnonzero(nonarea)
        grid = None
        if nk > 1 and len(evidence) and len(flat) * len(evidence) <= MATRIX_CELLS:
            ev_seg = seg[evidence]
            kc = kind[evidence]
            ev_scale = np.where((kc == _WIDE_KINDS[0]) | (kc == _WIDE_KINDS[1]), WIDE_KM, NEAR_KM)
            grid = np.empty((len(evidence), len(evidence)))
            filled = np.zeros(len(evidence), dtype=bool)
            row_lat, row_lon = lat[evidence][None, :], lon[evidence][None, :]
            prox_all = np.zeros(len(flat))  # 0 for the areas, as np.where(area, 0.0, prox) below
            ev_bounds = np.flatnonzero(np.concatenate(([True], ev_seg[1:] != ev_seg[:-1])))
            ev_all = np.arange(len(evidence))
        # Each round's choices and the scores they give; if the rounds do not settle (two names that each
        # follow the other: "California" and "Redding" flip between the US and Scotland), the most coherent
        # state is kept: the one whose own choices score highest in the context they make.
        best_state: tuple[float, np.ndarray, np.ndarray] | None = None
        converged = False
        for _round in range(ROUNDS):
            ex = np.exp(score - best_seg)  # best_seg: from seg_argmax(score)
            prob = ex / np.add.reduceat(ex, starts)[seg]
            ch_seg = choice[seg]  # each candidate's name's choice
            w = mult * w_kind[choice]
            country_w = ctx_w + np.bincount(cc[choice], weights=w, minlength=n_cc)
            own = w[seg] * (cc == cc[ch_seg])  # (w > 0: w where true, else 0.0)
            cw = country_w[cc] - own
            total_w = np.maximum(1.0, country_w.sum() - w[seg])
            s = base + W_COUNTRY * np.minimum(np.maximum(cw / total_w, 0), 1) + (cw > 0.5)  # (+ 1.0 or 0.0)
            # Region support is soft, as closeness is: each other name lends its candidates' probabilities,
            # so the first round's choice of one name does not lock in its region for the others (a county
            # and a town that fit together in one state as well as in another).
            wf = wf_base * prob
            own_sum = np.bincount(seg_a1, weights=wf)[seg_a1]
            soft = np.bincount(a1_inv, weights=wf, minlength=n_a1)[a1_inv] - own_sum
            admin = W_ADMIN * np.minimum(np.maximum(soft, 0.0), 1.0)  # (np.clip's values, faster)
            if has_admin1:  # (else the hard bonus below is 0 everywhere, and soft >= +0.0)
                wa = mult * wa_kind[choice]
                admin_w = np.bincount(a1_inv[choice], weights=wa, minlength=n_a1)
                aw = admin_w[a1_inv] - wa[seg] * (a1 == a1[ch_seg])  # (wa >= 0)
                admin += 1.5 * ((aw > 0.5) & is_admin1)
            s += admin
            # Distance to the other names' likely places: each name lends its top candidates, weighted by
            # their current probability, so two homonyms that fit together (Paris + Henry County, Tennessee)
            # find each other even when neither is the first choice yet.
            if ranked:
                # by name, then score: seg[order] is seg, so each candidate's rank is its sorted position
                order = np.lexsort((-score, seg))
                rank_in_seg = np.empty(len(flat), dtype=np.int64)
                rank_in_seg[order] = in_seg
                ev = nonarea & (rank_in_seg < top)
            else:
                ev = nonarea
            if grid is not None:
                # the rows of this round's lenders (new ones computed now), grouped by name as the columns
                # of the per-round matrix are
                lend = ev[evidence]
                every = ranked is False or bool(lend.all())  # every candidate lends (no ranks cut)
                if every or lend.any():
                    new = (lend & ~filled).nonzero()[0]
                    if len(new):
                        e = evidence[new]
                        d = _approx_km_grid(row_lat, row_lon, lat[e][:, None], lon[e][:, None])
                        g = np.exp(-d / ev_scale[new][:, None])
                        g[ev_seg[None, :] == ev_seg[new][:, None]] = 0.0
                        grid[new] = g
                        filled[new] = True
                    if every:
                        rows, bounds = ev_all, ev_bounds
                    else:
                        rows = lend.nonzero()[0]
                        rs = ev_seg[rows]
                        bounds = np.concatenate(([True], rs[1:] != rs[:-1])).nonzero()[0]
                    near = grid[rows] * prob[evidence[rows]][:, None]
                    # back to candidates x names, contiguous, so that the sum adds in the same order
                    per_key = np.ascontiguousarray(np.maximum.reduceat(near, bounds, axis=0).T)
                    prox_all[evidence] = (
                        W_NEAR * per_key.max(axis=1)
                        + W_NEAR_MANY * np.minimum(per_key.sum(axis=1), 3.0) / 3.0
                    )
                    s += prox_all
            elif nk > 1 and len(cols := np.flatnonzero(ev)):
                col_seg = seg[cols]
                # a sea, a desert or a river is near what lies along it, hundreds of km from its middle
                kc = kind[cols]
                wide = (kc == _WIDE_KINDS[0]) | (kc == _WIDE_KINDS[1])
                col_scale = np.where(wide, WIDE_KM, NEAR_KM)[None, :]
                bounds = np.flatnonzero(np.concatenate(([True], col_seg[1:] != col_seg[:-1])))
                prox = np.empty(len(flat))
                step = max(1, MATRIX_CELLS // len(cols))
                col_lat, col_lon = lat[cols][None, :], lon[cols][None, :]
                for a in range(0, len(flat), step):  # in row blocks, so memory stays bounded
                    b = min(len(flat), a + step)
                    d = _approx_km_grid(lat[a:b, None], lon[a:b, None], col_lat, col_lon)
                    near = np.exp(-d / col_scale) * prob[cols][None, :]
                    near[seg[a:b, None] == col_seg[None, :]] = 0.0
                    per_key = np.maximum.reduceat(near, bounds, axis=1)
                    prox[a:b] = (
                        W_NEAR * per_key.max(axis=1)
                        + W_NEAR_MANY * np.minimum(per_key.sum(axis=1), 3.0) / 3.0
                    )
                s += np.where(area, 0.0, prox)
            for k, ck in pairs:
                sl = slice(starts[k], starts[k] + sizes[k])
                j = choice[ck]
                if kind[j] == _KIND_CODE["country"]:
                    s[sl] += pair_w[(k, ck)] * (cc[sl] == cc[j])
                elif kind[j] == _KIND_CODE["admin1"]:
                    s[sl] += pair_w[(k, ck)] * (a1[sl] == a1[j])
            for k, lk in short_forms:  # "Barrow" after "Barrow County": the same place
                sl = slice(starts[k], starts[k] + sizes[k])
                s[sl] += W_SHORT_FORM * (flat[sl] == flat[choice[lk]])
            total = float((s[choice] * mult).sum())
            if best_state is None or total > best_state[0] + 1e-9:
                best_state = (total, choice, s)
            score = s
            new_choice, best_seg = seg_argmax(score)
            if new_choice.tobytes() == choice.tobytes():  # (both int64, of one length)
                converged = True
                break  # converged: another round would change nothing
            choice = new_choice
        if not converged and best_state is not None:
            _total, choice, score = best_state
            best_seg = np.maximum.reduceat(score, starts)[seg]
        ex = np.exp(score - best_seg)
        prob = ex / np.add.reduceat(ex, starts)[seg]
        focus = self._focus(choice, flat, kind, a1, mult)
        if focus is not None:
            focus_a1, focus_cc = self._a1_int[focus], self._cc_int[focus]
        # Candidates whose country nothing else in the document names.
        support = ctx_w + np.bincount(cc[choice], weights=mult, minlength=n_cc)
        lone_country = (support[cc] - np.where(cc == cc[choice][seg], mult[seg], 0.0)) < 0.5
        # Countries the text names: demonyms, and names chosen as a country or a first-level region.
        named = mult * (kind[choice] <= _KIND_CODE["admin1"])
        named_cc = ctx_w + np.bincount(cc[choice], weights=named, minlength=n_cc)
        # For _mention: each name's best four (by score, ties in candidate order, as a stable argsort of the
        # name's scores would give) and the choice's share of the name's weight (summed per name, as
        # ndarray.sum() adds, which is not always np.add.reduceat's order).
        order = np.lexsort((-score, seg)).tolist()
        flat_l, ex_l, starts_l, sizes_l = flat.tolist(), ex.tolist(), starts.tolist(), sizes.tolist()
        choice_l = choice.tolist()
        # plain Python values for the per-name tests below (numpy scalars are slow one at a time)
        kind_l, cc_l, a1_l, prob_l = kind.tolist(), cc.tolist(), a1.tolist(), prob.tolist()
        lone_l, named_l, pop = lone_country.tolist(), named_cc.tolist(), ix.population
        country, admin1, city = _KIND_CODE["country"], _KIND_CODE["admin1"], _KIND_CODE["city"]
        if focus is not None:
            focus_a1, focus_cc = int(focus_a1), int(focus_cc)
        for n, k in enumerate(keys):
            st = starts_l[n]
            end = st + sizes_l[n]
            j = choice_l[n]
            kj, ccj = kind_l[j], cc_l[j]
            fallback = None
            k2 = contained.get(n)
            if k2 is not None and kj > admin1:
                # "Solhan in Burkina Faso": no place of that name in the area the text puts it in
                j2 = choice_l[k2]
                kind2 = kind_l[j2]
                inside = (cc_l[j2] in cc_l[st:end]) if kind2 == country else (a1_l[j2] in a1_l[st:end])
                # a big city is moved only into a country the text surely names, and never a capital:
                # "Palma in northern Mozambique" is not Palma de Mallorca; "Tbilisi in Georgia" stays put
                big_ok = kind2 == country and prob_l[j2] >= 0.9 and not self._is_capital[flat_l[j]]
                if (
                    kind2 in (country, admin1)
                    and prob_l[j2] >= 0.5
                    and not inside
                    and (pop[flat_l[j]] < BIG_PLACE or big_ok)
                ):
                    fallback = flat_l[j2]
            if (
                fallback is None
                and focus is not None
                and kj == city
                and pop[flat_l[j]] < FALLBACK_MAX_POP
                and (
                    (prob_l[j] < FALLBACK_PROB and a1_l[j] != focus_a1 and ccj == focus_cc)
                    or (prob_l[j] < FALLBACK_PROB and ccj != focus_cc and focus_cc not in cc_l[st:end])
                    # a village abroad that no other name supports: more likely an unlisted local one
                    or (ccj != focus_cc and lone_l[j] and pop[flat_l[j]] < SMALL_PLACE)
                    # a place abroad known by this name only as an alternate spelling, in a country the text
                    # does not name, nothing of that name in the focus country: likely an unlisted local one
                    or (
                        ccj != focus_cc
                        and named_l[ccj] < 0.5
                        and focus_cc not in cc_l[st:end]
                        and name_key(ix.string("name", flat_l[j])) != k.split("#")[0]
                    )
                )
            ):
                fallback = focus
            runners_up = [flat_l[o] for o in order[st : st + min(4, sizes_l[n])] if o != j][:3]
            share = ex_l[j] / float(ex[st:end].sum())
            scores = score[st:end]
            for c in groups[k]:
                c.idx = pools[n]
                c.scores = scores
                c.choice = j - st
                c.fallback = fallback
                c.share = share
                c.runners_up = runners_up
        return focus

    def _name_priors(self, pools: list[np.ndarray], province: bool) -> list[np.ndarray]:
        """The prior of each candidate of each name (one candidate list per name), adjusted by the rules that
        look at the name's own candidates only: region vs its seat city, region vs a larger city abroad,
        country vs the places inside it; `province`: the text talks of "the province" (W_PROVINCE, added
        before those rules, which are not additive)."""
        ix = self.index
        sizes = np.array([len(p) for p in pools])
        nk = len(pools)
        flat = np.concatenate(pools)
        seg = np.repeat(np.arange(nk), sizes)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        kind = ix.kind[flat].astype(np.int64)
        cc = self._cc_int[flat]
        a1 = self._a1_int[flat]
        prior = ix.prior[flat].astype(np.float64)
        prior = np.where(kind == _KIND_CODE["city"], prior * W_CITY_PRIOR, prior)
        prior = (
            prior
            + np.where(kind == _KIND_CODE["country"], W_COUNTRY_PRIOR, 0.0)
            + np.where(kind == _KIND_CODE["admin1"], W_ADMIN1_PRIOR, 0.0)
        )
        if province:
            prior = prior + W_PROVINCE * self._province_cc[self._cc_int[flat]]

        # A region named after its seat ("Raqqa", "Homs"): the city, unless a cue says otherwise.
        for n in np.nonzero(np.add.reduceat((kind == _KIND_CODE["admin1"]).astype(int), starts) > 0)[0]:
            sl = slice(starts[n], starts[n] + sizes[n])
            kd, pk = kind[sl], prior[sl]
            cities = kd == _KIND_CODE["city"]
            if not cities.any():
                continue
            for a in np.nonzero(kd == _KIND_CODE["admin1"])[0]:
                capital = self._is_capital[flat[sl]]
                inside = np.flatnonzero(cities & ((a1[sl] == a1[sl][a]) | (capital & (cc[sl] == cc[sl][a]))))
                if not len(inside):
                    continue
                seat = name_key(ix.string("name", int(flat[sl][a])))
                same = [
                    i
                    for i in inside
                    if name_key(ix.string("name", int(flat[sl][i]))) == seat
                    or ix.tables["feature"][int(ix.feature[flat[sl][i]])] == "PPLC"
                ]
                if same:
                    pk[a] = min(pk[a], pk[same].max() - 0.5)
            # A region whose every place together has fewer people than a same-named city elsewhere.
            if ADMIN1_VS_CITY > 0:
                pops = ix.population[flat[sl]]
                for a in np.nonzero(kd == _KIND_CODE["admin1"])[0]:
                    bigger = cities & (cc[sl] != cc[sl][a]) & (pops >= ADMIN1_VS_CITY * pops[a])
                    if bigger.any():
                        pk[a] = min(pk[a], pk[bigger].max() - 0.5)
        # A curated second-level region named after its seat (the cercle of Bankass): a town of that name in
        # the same country is meant, unless a cue ("cercle", "province") says the region.
        regions = self._curated_region[flat]
        for n in np.unique(seg[regions]) if regions.any() else ():
            sl = slice(starts[n], starts[n] + sizes[n])
            kd, pk = kind[sl], prior[sl]
            for a in np.flatnonzero(regions[sl]):
                towns = (kd == _KIND_CODE["city"]) & (cc[sl] == cc[sl][a])
                if towns.any():
                    pk[a] = min(pk[a], pk[towns].max() - 0.5)
        # A country's name means the country, not its capital or a province sharing it ("Mexico", "Taiwan").
        has_country = np.add.reduceat((kind == _KIND_CODE["country"]).astype(int), starts) > 0
        if has_country.any():
            cc_country = np.full(nk, -1)
            for n in np.flatnonzero(has_country):
                sl = slice(starts[n], starts[n] + sizes[n])
                cc_country[n] = cc[sl][kind[sl] == _KIND_CODE["country"]][0]
            inside = (cc == cc_country[seg]) & (kind != _KIND_CODE["country"])
            prior = prior - 3.0 * inside
        bounds = [0, *np.cumsum(sizes).tolist()]
        return [prior[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]

    def _short_forms(self, text: str, keys: list[str], groups: dict, pos: dict) -> list[tuple[int, int]]:
        """(short, long) name positions where the document also names a county in full: "Barrow" and "Barrow
        County", "Navarro" and "Navarro County". The bare name then means the county. (Only cue words that
        mean nothing but a second-level region: "Quebec City" does not make "Quebec" a city.)"""
        out = []
        for key in keys:
            c = groups[key][0]
            words = text[c.start : c.end].split()
            if len(words) < 2 or self.lex.cues.get(words[-1].lower()) != ("admin2",):
                continue
            head = name_key(" ".join(words[:-1]))
            if head and head != key and head in pos:
                out.append((pos[head], pos[key]))
        return out

    def _focus(self, choice, flat, kind, a1, mult) -> int | None:
        """The most specific area the document is about (its index): a region (admin2, else admin1) that other
        names lie in, else the region holding most of the places named. A name none of whose places lies
        there is then placed at it (see FALLBACK_PROB)."""
        ch = choice.tolist()  # plain Python values: these loops are short, numpy scalars slow them down
        ch_kind, ch_a1, mults = kind[choice].tolist(), a1[choice].tolist(), mult.tolist()
        by_a1: dict[int, float] | None = None
        for level in (_KIND_CODE["admin2"], _KIND_CODE["admin1"]):
            areas = [n for n, k in enumerate(ch_kind) if k == level]
            if not areas:
                continue
            if by_a1 is None:  # weights (whole numbers: sums are exact) by region, and by chosen place
                by_a1, by_place = {}, {}
                for m, i in enumerate(ch):
                    by_a1[ch_a1[m]] = by_a1.get(ch_a1[m], 0.0) + mults[m]
                    by_place[i] = by_place.get(i, 0.0) + mults[m]
            # the other names in the area's region: its region's weight less the names that chose that place
            support = [by_a1[ch_a1[n]] - by_place[ch[n]] for n in areas]
            best = max(range(len(support)), key=support.__getitem__)  # the first largest, as np.argmax
            if support[best] >= 1:
                return int(flat[ch[areas[best]]])
        counts: dict[int, float] = {}
        for n in range(len(ch)):
            if ch_kind[n] > _KIND_CODE["admin1"]:
                counts[ch_a1[n]] = counts.get(ch_a1[n], 0.0) + 1.0
        if counts:
            code, n = max(counts.items(), key=lambda kv: kv[1])
            if n >= 2 and code in self._admin1_record:
                return self._admin1_record[code]
        return None

    def _bias_country(self, bias: str | None) -> str | None:
        if not bias:
            return None
        if len(bias) == 2 and bias.isalpha():
            return bias.upper()
        places = self.lookup(bias, fuzzy=False)
        return places[0].country or None if places else None

    def _mention(self, text: str, c: _Cand, memo: dict) -> Mention | None:
        if c.choice < 0 or c.scores is None:
            return None
        got = memo.get(c.key)
        if got is None:
            place = self.place
            alts = [place(i) for i in c.runners_up or ()]
            got = memo[c.key] = (place(int(c.idx[c.choice])), c.share, alts)
        best, score, alts = got
        if c.fallback is not None:
            best, alts = self._placed_at(text[c.start : c.end], c.fallback), [best, *alts][:3]
        return Mention.of(c.start, c.end, text[c.start : c.end], best, score, alts)

    def _placed_at(self, name: str, area: int) -> Place:
        """A name the gazetteer lacks, placed at the document's focus region (with that region's kind)."""
        a = self.place(area)
        return Place(
            id=f"in:{a.id}",
            name=name,
            lat=a.lat,
            lon=a.lon,
            kind=a.kind,
            country=a.country,
            admin1=a.admin1,
            source=f"not in the gazetteer; placed at {a.name} from the document's context",
            feature="CONTEXT",
        )

    def _area_of_demonym(self, word: str) -> np.ndarray:
        """A continent's or wide region's adjective ("European", "Southeast Asian") as that area."""
        name = (self.lex.area_demonyms or {}).get(" ".join(word.lower().split()).rstrip("s"))
        if not name:
            return self.index.postings[0:0]
        idx = self._candidates_for(name, fuzzy=False)
        return idx[np.isin(self.index.kind[idx], [_KIND_CODE["continent"], _KIND_CODE["region"]])][:1]

    def _part_candidates(self, name: str) -> np.ndarray:
        """Candidates of the longest known part of a name the gazetteer lacks ("Baghdad International
        Airport", "Loudon Co.", "Readington Township"), leftmost first; empty if none is known."""
        words = [t.group() for t in _TOKEN.finditer(name)]
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                part = words[i : i + size]
                low = [w.lower() for w in part]
                if not part[0][:1].isupper() or all(w in self.lex.function_words for w in low):
                    continue
                if size == 1 and (len(part[0]) < 3 or low[0] in self._common_words):
                    continue
                idx = self.index.postings_of(name_key(" ".join(part)))
                if len(idx):
                    return idx
        return self.index.postings[0:0]

    def _focus_country(self, cands: list[_Cand], ctx: dict[str, float]) -> int | None:
        """The country most of the document's resolved names (and demonyms) lie in, as an index, if any."""
        votes = dict(ctx)
        for c in cands:
            if c.choice >= 0:
                cc = str(self.index.country[int(c.idx[c.choice])])
                if cc:
                    votes[cc] = votes.get(cc, 0.0) + 1.0
        if not votes:
            return None
        cc, n = max(votes.items(), key=lambda kv: kv[1])
        idx = self._country_idx(cc)
        return int(idx[0]) if n >= 2 and len(idx) else None

    # ---- public ------------------------------------------------------------------------------------
    def geoparse(self, text: str, *, bias: str | None = None) -> list[Mention]:
        """Place mentions in `text`, resolved in the document's context, in text order."""
        cands, ctx = self._find(text)
        self._rank(text, cands, ctx, bias)
        out = []
        memo: dict = {}
        for c in cands:
            m = self._mention(text, c, memo)
            if m is None:
                continue
            out.append((c, m))
        return self._supported(out, ctx, self._bias_country(bias))

    def _supported(
        self, found: list[tuple[_Cand, Mention]], ctx: dict[str, float], bias_cc: str | None = None
    ) -> list[Mention]:
        """Drop lone small places named by one word with nothing in the document near them: in news such a
        word is far more often a surname or a common noun ("Brown", "Much") than a hamlet. The bias country,
        a wide feature nearby (the Red Sea) or the area the text puts it in ("X in Y") support it."""
        countries = {o.country for _, o in found if o.kind == "country"} | set(ctx)
        bias_ok = {bias_cc} if bias_cc else set()
        wide = [o for _, o in found if o.kind in ("region", "river") and o.place is not None]
        keep = []
        for c, m in found:
            p = m.place
            if c.fallback is not None and "in" in c.flags and m.place is not None and m.kind != "city":
                keep.append(m)  # placed at the area the text names around it
                continue
            if c.fallback is not None:  # placed at the focus: judge the name by its own best place
                p = self.place(int(c.idx[c.choice]))
                if c.single and not c.cue_kinds and "locative" not in c.flags and p.population < SMALL_PLACE:
                    continue
            # a given name ("Ali said", "Omar and Said") is a place only near, or in the country of, another
            given = c.single and m.text.lower() in self.lex.given_names
            if given and any(o.text != m.text and o.country == p.country for _, o in found):
                given = False
            if (
                c.single
                and not c.cue_kinds
                and p.kind in ("city", "admin2", "site")
                and (given or (p.population < SMALL_PLACE and p.feature != "CURATED" and p.kind != "site"))
            ):
                near = p.country in bias_ok or any(
                    _approx_km(o.lat, o.lon, p.lat, p.lon) < WIDE_KM for o in wide
                ) or any(
                    o.text != m.text
                    and o.place is not None
                    and (
                        (o.country == p.country and o.place.admin1 and o.place.admin1 == p.admin1)
                        or abs(o.lat - p.lat) + abs(o.lon - p.lon) < 2.0
                    )
                    for _, o in found
                )
                if not near and not ("locative" in c.flags and p.country in countries):
                    continue
            keep.append(m)
        return keep

    def resolve(
        self, text: str, spans: list[tuple[int, int]], *, bias: str | None = None
    ) -> list[Place | None]:
        """Resolve the given (start, end) spans of `text`, using every other place in it as context."""
        found, ctx = self._find(text)
        given: list[_Cand] = []
        for s, e in spans:
            demo = self.country_of_demonym(text[s:e]) or self.country_of_demonym(text[s:e].rstrip("s"))
            idx = self._country_idx(demo) if demo else self._area_of_demonym(text[s:e])
            if not demo and not len(idx):
                idx = self._candidates_for(text[s:e], fuzzy=True)
            if not demo and not len(idx):
                idx = self._part_candidates(text[s:e])
            cue = self._cue_kinds(text, s, e, fold_tokens(text[s:e]))
            given.append(_Cand(s, e, name_key(text[s:e]) or f"#{s}", idx, cue_kinds=cue, forced=True))
        # Keep found mentions that the given spans do not cover as context.
        cands = given + [f for f in found if not any(f.start < e and s < f.end for s, e in spans)]
        cands.sort(key=lambda c: c.start)
        self._containers(text, cands)
        self._state_lists(text, cands)
        # Fuzzy-matched spans share keys by their text; make sure each key maps to one candidate set.
        seen: dict[str, np.ndarray] = {}
        for c in cands:
            if c.key in seen and len(seen[c.key]) != len(c.idx):
                c.key = f"{c.key}#{c.start}"
            seen.setdefault(c.key, c.idx)
        focus = self._rank(text, cands, ctx, bias)
        if focus is None and any(c.choice < 0 for c in given):
            focus = self._focus_country(cands, ctx)
        out: list[Place | None] = []
        for c in given:
            if (
                c.choice < 0
                and focus is not None
                and c.end - c.start >= 3
                and text[c.start : c.end][:1].isupper()
            ):
                out.append(
                    self._placed_at(text[c.start : c.end], focus)
                )  # unknown name: the document's region
            elif c.choice < 0:
                out.append(None)
            elif c.fallback is not None:
                out.append(self._placed_at(text[c.start : c.end], c.fallback))
            else:
                out.append(self.place(int(c.idx[c.choice])))
        return out
