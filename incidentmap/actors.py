"""Actors: who did what to whom, with names normalised from the alias table in `data/actors.yaml`.

actor1 is the initiator, actor2 the target. Roles follow the voice of the clause: "X struck Y",
"Y came under attack (by X)", "Y were killed in a strike by X", "a strike by X against Y", "blamed on X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from incidentmap.paths import DATA_DIR
from incidentmap.prefilter import Prefilter

TARGET_WORDS = 10  # how far after the trigger its object may be
CLAUSE_START = re.compile(
    r"(?:^|[;:\"“]|\b(?:said|says|told|reported|added|stated|claimed|confirmed)\b(?: that)?|"
    r"\bthat\b|\bwhen\b|\bwhere\b|\bsince\b|\bafter\b|\bbefore\b|\bwhile\b|\bbecause\b)",
    re.IGNORECASE,
)
STOP_AFTER = re.compile(
    r"[,;:]|\b(?:that|which|who|where|when|after|while|because|as|since)\b", re.IGNORECASE
)
BY_BEFORE = re.compile(
    r"\b(?:by|blamed on|attributed to|claimed by|carried out by|conducted by|launched by)\s+"
    r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,1}$",
    re.IGNORECASE,
)
BY_LIMIT = re.compile(r"[;,]\s|\s(?:but|while|whereas|although)\s", re.IGNORECASE)
OWN_LOSSES = re.compile(r"\b(?:killed|wounded|injured|dead|their|its|our|his|her)\b", re.IGNORECASE)
WITNESS_SPEECH = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:said|say|says|report|reports|reported|told|describe|"
                            r"described|recount|recounted)\b", re.IGNORECASE)
SPEECH = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:said|says|reported|announced|stated|added)\b", re.IGNORECASE)
VERB_TRIGGER = re.compile(r"(?:ed|struck|fought|hit|shot dead|gunned down|opened fire on)$", re.IGNORECASE)
PRONOUN_START = re.compile(r"^\W*(?:(?:on|late|early) \w+\s+)?(?:it|they|we|he|she)\b", re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
VICTIM_AFTER = re.compile(
    r"^(?:\s*(?:[-–—,][^.;]{0,60}?[-–—,])?)(?:\s+and\s+(?:[\w-]+\s+){0,3}?[\w-]+)?\s*"
    r"(?:(?:(?:were|was|had been|have been|are|is|reportedly|all)\s+)+"
    r"(?:killed|wounded|injured|dead|slain|hurt)\b"
    # without an auxiliary only a headline-style passive: "Syrian forces killed in a raid", not "X killed 40"
    r"|(?:killed|wounded|injured|dead|slain|hurt)(?=\s*(?:[,.;:]|$|in\b|by\b|on\b|at\b(?!\s+least)|during\b|"
    r"when\b|as\b|"
    r"after\b|near\b|and\b)))",
    re.IGNORECASE,
)
VICTIM_BEFORE = re.compile(
    r"\b(?:killed|killing|wounded|wounding|injured|injuring)\s+(?:at least |more than |about |some |nearly )?"
    r"(?:(?!(?:in|by|during|on|at|after|when|while|as)\b)[\w,-]+\s+){0,2}$",
    re.IGNORECASE,
)


@dataclass
class ActorMention:
    name: str
    start: int
    end: int
    text: str
    state: bool = False


@dataclass
class Table:
    patterns: list[tuple[str, bool, re.Pattern]]
    coalition_of: dict[str, str]
    groups: list[set[str]]
    own_forces: re.Pattern
    demonym_forces: re.Pattern
    demonyms: dict[str, str]
    state: dict[str, bool]
    state_subject: re.Pattern
    state_possessive: re.Pattern


@lru_cache(maxsize=1)
def table() -> Table:
    data = yaml.safe_load((DATA_DIR / "actors.yaml").read_text(encoding="utf-8"))
    patterns = []
    for actor in data["actors"]:  # one regex per actor; the longest alias is tried first
        aliases = sorted(actor["aliases"], key=len, reverse=True)
        regex = re.compile(rf"(?<![\w-])(?:{'|'.join(f'(?:{a})' for a in aliases)})(?![\w-])", re.IGNORECASE)
        patterns.append((actor["name"], bool(actor.get("state")), regex))
    return Table(
        patterns=patterns,
        coalition_of={a["name"]: a["coalition"] for a in data["actors"] if a.get("coalition")},
        groups=[set(g) for g in data.get("groups", [])],
        own_forces=re.compile(rf"(?<![\w-])(?:{data['own_forces']})(?![\w-])", re.IGNORECASE),
        demonym_forces=re.compile(data["demonym_forces"]),
        demonyms=dict(data.get("demonyms", {})),
        state={a["name"]: bool(a.get("state")) for a in data["actors"]},
        state_subject=_state_subject(set(data.get("demonyms", {}).values())),
        state_possessive=_state_possessive(set(data.get("demonyms", {}).values())),
    )


def _state_possessive(countries: set[str]) -> re.Pattern:
    names = "|".join(sorted((re.escape(c) for c in countries), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'’-])(?P<c>{names})['’]s\s+(?:army|military|armed forces|forces|troops|air force|junta|"
        r"soldiers|navy|security forces)\b"
    )


def _state_subject(countries: set[str]) -> re.Pattern:
    """A country named as the subject of an attack verb acts through its armed forces (not a country named
    as a place: "a rocket fired from Lebanon hit the town", "fighters from across Lake Chad attacked")."""
    names = "|".join(sorted((re.escape(c) for c in countries), key=len, reverse=True))
    place = "".join(f"(?<!{w} )" for w in ("from", "in", "into", "inside", "over", "across", "toward",
                                           "towards", "of", "near", "at", "Lake", "lake", "Gulf of"))
    return re.compile(
        rf"(?<![\w'’-]){place}(?P<c>{names})(?!['’]s)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?"
        r"(?:fired|launched|struck|attacked|shelled|bombed|targeted|retaliated|hit|invaded|raided|downed|"
        r"shot down)\b"
    )


def _plausible(text: str) -> bool:
    """Short aliases (acronyms like SDF, PMU, US) count only in capitals: "us" is a pronoun."""
    bare = text.replace(".", "").replace(" ", "")
    return len(bare) > 4 or text.isupper()


@lru_cache(maxsize=1)
def _prefilter() -> Prefilter:
    """Which actor patterns could match a text at all: one Aho-Corasick pass instead of one regex scan per
    actor (see prefilter.py; exact, only patterns that cannot match are skipped)."""
    t = table()
    return Prefilter([p for _, _, p in t.patterns] + [t.state_subject, t.state_possessive, t.demonym_forces,
                                                       t.own_forces])


def find(text: str, country: str | None = None) -> list[ActorMention]:
    """Non-overlapping actor mentions in a text, longest match first."""
    t = table()
    hits: list[ActorMention] = []
    prefilter = _prefilter()
    scan = prefilter.scan(text)
    possible = scan.live
    n = len(t.patterns)
    for k in sorted(k for k in possible if k < n):  # the live actors only, in table order
        name, state, _ = t.patterns[k]
        for match in prefilter.finditer(k, text, scan):  # anchored: tried only where a match can start
            if _plausible(match.group()):
                hits.append(ActorMention(name, match.start(), match.end(), match.group(), state))
    for match in t.state_subject.finditer(text) if n in possible else ():  # "Iran fired missiles"
        name = f"Military Forces of {match['c']}"
        hits.append(ActorMention(name, match.start("c"), match.end("c"), match["c"], True))
    for match in t.state_possessive.finditer(text) if n + 1 in possible else ():  # "Mali's army"
        name = f"Military Forces of {match['c']}"
        hits.append(ActorMention(name, match.start(), match.end(), match.group(), True))
    for match in t.demonym_forces.finditer(text) if n + 2 in possible else ():
        nation = t.demonyms.get(match["dem"])
        if nation:
            name = f"Military Forces of {nation}"
            hits.append(ActorMention(name, match.start(), match.end(), match.group(), True))
    if country and n + 3 in possible:
        for match in t.own_forces.finditer(text):
            name = f"Military Forces of {country}"
            hits.append(ActorMention(name, match.start(), match.end(), match.group(), True))
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    chosen: list[ActorMention] = []
    for hit in hits:
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def initiator_named(text: str, trigger_start: int, trigger_end: int) -> bool:
    """Does the trigger's verb have a subject ("Taliban fighters attacked ...")? Passives and nouns ("a
    coalition raid") do not count."""
    if not VERB_TRIGGER.search(text[trigger_start:trigger_end]):
        return False
    clause_start = 0
    for match in CLAUSE_START.finditer(text[:trigger_start]):
        clause_start = match.end()
    under = text[trigger_start:trigger_end].lower().startswith(("came under", "come under"))
    if under or PASSIVE_BEFORE.search(text[:trigger_start]):
        return False
    return any(clause_start <= m.start < trigger_start and not VICTIM_AFTER.match(text[m.end:])
               for m in find(text))


def contextualise(name: str | None, article_text: str) -> str | None:
    """Article-level naming: US forces in an article about the coalition are reported as the coalition;
    a bare "the coalition" in an article about the Saudi-led coalition is that coalition."""
    if name is None:
        return None
    t = table()
    saudi = re.search(r"saudi[- ]led|arab coalition", article_text, re.IGNORECASE)
    us_led = re.search(r"u\.?s\.?\s*-?\s*led", article_text, re.IGNORECASE)
    if name == "US-led coalition" and saudi and not us_led:
        return "Saudi-led coalition"
    if name in t.coalition_of and re.search(r"\bcoalition\b", article_text, re.IGNORECASE) and not saudi:
        return t.coalition_of[name]
    return name


def is_state(name: str | None) -> bool:
    if not name:
        return False
    return table().state.get(name, name.startswith("Military Forces of"))


CIVILIANS = "Civilians"


def roles(
    text: str, trigger_start: int, trigger_end: int, mentions: list[ActorMention], symmetric: bool = False
) -> tuple[str | None, str | None]:
    """(actor1, actor2) for the trigger at [trigger_start, trigger_end) of a sentence."""
    # "residents report heavy exchanges of fire", "witnesses said": civilians who tell, not take part
    mentions = [m for m in mentions if not (m.name == CIVILIANS and m.end <= trigger_start
                                           and WITNESS_SPEECH.match(text[m.end:trigger_start]))]
    clause_start = 0
    for match in CLAUSE_START.finditer(text[:trigger_start]):
        clause_start = match.end()
    after_text = text[trigger_end:]
    stop = STOP_AFTER.search(after_text)
    limit = trigger_end + (stop.start() if stop else len(after_text))
    victims = [
        m for m in mentions
        if VICTIM_AFTER.match(text[m.end:]) or VICTIM_BEFORE.search(text[max(0, m.start - 60):m.start])
    ]
    victim_ids = {id(m) for m in victims}

    actor1 = None
    own = BY_LIMIT.search(after_text)
    own_end = trigger_end + (own.start() if own else len(after_text))
    for m in mentions:  # "by X", "blamed on X", "carried out by X" in the trigger's own clause
        by = BY_BEFORE.search(text[max(trigger_end, m.start - 40):m.start])
        if trigger_end <= m.start < own_end and by:
            actor1 = m
            break
    inside = [m for m in mentions if trigger_start <= m.start < trigger_end and id(m) not in victim_ids]
    before = [m for m in mentions if clause_start <= m.start < trigger_start]
    under = text[trigger_start:trigger_end].lower().startswith(("came under", "come under"))
    passive = under or bool(PASSIVE_BEFORE.search(text[:trigger_start]))
    if actor1 is None and not passive:
        actor1 = next((m for m in before if id(m) not in victim_ids), None)
    if actor1 is None and inside:  # "leaflets the US dropped"
        actor1 = inside[0]
    if actor1 is None and not passive and PRONOUN_START.match(text[clause_start:trigger_start]):
        # "Wagner said on Wednesday it had captured the town": the speaker is the actor
        actor1 = next((m for m in mentions if m.start < clause_start and id(m) not in victim_ids), None)
    own_losses = OWN_LOSSES.search(text[clause_start:trigger_start])
    if actor1 is None and not passive and clause_start and not own_losses:
        # "The coalition said five air strikes near Raqqa hit ...": a military speaker reports its own strikes
        speaker = next((m for m in reversed(mentions) if m.end <= clause_start), None)
        if speaker is not None and speaker.state and SPEECH.match(text[speaker.end:clause_start]):
            actor1 = speaker

    actor2 = None
    others = [m for m in before if m is not actor1 and m.name != (actor1.name if actor1 else None)]
    if symmetric and actor1 is not None and others:  # "Houthi fighters and government forces clashed"
        actor2 = others[0]
    if passive and actor2 is None:
        actor2 = next((m for m in before if m is not actor1), None)
    if actor2 is None:
        words = 0
        pos = trigger_end
        for m in mentions:
            if m.start < trigger_end or m is actor1 or m.start > limit:
                continue
            words = len(text[pos:m.start].split())
            if words <= TARGET_WORDS and not BY_BEFORE.search(text[trigger_end:m.start]):
                actor2 = m
            break
    if actor2 is None:  # "drove X from", "took X from"
        actor2 = next((m for m in inside if m is not actor1), None)
    if actor2 is None:
        actor2 = next((m for m in victims if m is not actor1), None)
    name1 = actor1.name if actor1 else None
    name2 = actor2.name if actor2 else None
    if name2 == name1:
        name2 = None
    return name1, name2


def compatible(a: str | None, b: str | None) -> bool:
    """Could these two names denote the same side of one event? Unknown is compatible with anything."""
    if not a or not b or a == b:
        return True
    return any(a in group and b in group for group in table().groups)
