"""Word lists (gazetteer/data/lexicon.yaml) and demonyms (gazetteer/data/demonyms.csv)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from gazetteer.errors import GazetteerDataError
from gazetteer.sources import DATA_DIR, _csv_rows

LEXICON_YAML = DATA_DIR / "lexicon.yaml"
DEMONYMS_CSV = DATA_DIR / "demonyms.csv"
LISTS = (
    "function_words",
    "qualifiers",
    "org_words",
    "institution_words",
    "titles",
    "given_names",
    "metonymy_verbs",
    "stop_places",
    "speech_verbs",
    "government_nouns",
)


@dataclass
class Lexicon:
    function_words: frozenset[str]
    qualifiers: frozenset[str]
    org_words: frozenset[str]
    institution_words: frozenset[str]
    titles: frozenset[str]
    given_names: frozenset[str]
    metonymy_verbs: frozenset[str]
    stop_places: frozenset[str]
    speech_verbs: frozenset[str]
    government_nouns: frozenset[str]
    cues: dict[str, tuple[str, ...]]
    pre_cues: dict[str, tuple[str, ...]]
    demonyms: dict[str, str]
    organisations: frozenset[str] = frozenset()  # normalised keys of organisation names
    area_demonyms: dict[str, str] | None = None  # adjective -> continent or region name ("European")
    province_countries: frozenset[str] = frozenset()  # ISO2 codes: first-level regions called provinces


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader without YAML 1.1's implicit booleans: in a word list "no", "yes", "on" and "off" are
    words, not False/True (they used to arrive as "false"/"true", so "No" was no function word)."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}


def load_lexicon(path: Path = LEXICON_YAML, demonyms: Path = DEMONYMS_CSV) -> Lexicon:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader)  # noqa: S506 (safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise GazetteerDataError(
            path, mark.line + 1 if mark else None, f"invalid YAML: {exc}".splitlines()[0]
        ) from None
    except OSError as exc:
        raise GazetteerDataError(path, None, exc.strerror or str(exc)) from None
    if not isinstance(data, dict):
        raise GazetteerDataError(path, 1, "expected a mapping of word lists")
    sets = {}
    for name in LISTS:
        words = data.get(name)
        if not isinstance(words, list):
            raise GazetteerDataError(path, None, f"'{name}' must be a list of words")
        sets[name] = frozenset(str(w).lower() for w in words)
    demo: dict[str, str] = {}
    for lineno, row in _csv_rows(demonyms, ["demonym", "iso2"]):
        iso = row["iso2"].strip().upper()
        if len(iso) != 2:
            raise GazetteerDataError(demonyms, lineno, f"iso2 {iso!r} is not a two-letter code")
        demo[row["demonym"].strip().lower()] = iso
    cues = {str(k).lower(): tuple(v) for k, v in (data.get("cues") or {}).items()}
    pre = {str(k).lower(): tuple(v) for k, v in (data.get("pre_cues") or {}).items()}
    from gazetteer.normalize import name_key

    orgs = frozenset(name_key(str(o)) for o in data.get("organisations") or [])
    areas = {str(k).lower(): str(v) for k, v in (data.get("area_demonyms") or {}).items()}
    provinces = frozenset(str(c).upper() for c in data.get("province_countries") or [])
    return Lexicon(
        **sets, cues=cues, pre_cues=pre, demonyms=demo, organisations=orgs, area_demonyms=areas,
        province_countries=provinces,
    )
