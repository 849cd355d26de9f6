"""Event detection: which sentences report an incident that happened, and its ACLED event type.

Triggers, the means words and the filters live in `data/triggers.yaml`. A sentence yields at most one
incident: its highest-priority trigger that survives the filters. Filters drop what did not happen
(intentions, threats, forecasts, denials, habits) and aggregate tallies, which ACLED does not code as events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from incidentmap.dates import ENTRY_LEAD, find_cues, has_specific_date
from incidentmap.models import Sentence
from incidentmap.paths import DATA_DIR
from incidentmap.prefilter import Prefilter, TextHits

GUESSED = "type guessed: the text names no means"
# "Since October 8, X has fired thousands of rockets", "Since operations to retake the city began on Feb. 19"
SINCE_DAY = re.compile(r"\bsince\s+(?:(?:early|mid|late)[- ])?"
                       r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|"
                       r"\bsince (?:the )?(?:operations?|offensive|campaign|battle|push|assault) "
                       r"(?:[\w-]+ ){0,5}?"
                       r"(?:began|started|opened|was launched|were launched)\b", re.IGNORECASE)
DISTINCT = "a separate incident (the text says also/another/elsewhere)"
CONTINUED = re.compile(r"\b(?:continued|went on|raged on)$", re.IGNORECASE)
SEQUEL = "the incident already reported, which the sentence's news preceded"
NEIGHBOURS = 2  # sentences either side searched for the means of a generic attack
WITH_ARTILLERY = re.compile(
    r"^[^.;]{0,60}?\b(?:with|using|by) (?:\w+ ){0,2}(?:artillery|rockets?|missiles?|mortars?|shells|"
    r"howitzers?|himars|grad)\b", re.IGNORECASE,
)


@dataclass
class TriggerRule:
    name: str
    event_type: str
    sub_event_type: str
    patterns: list[re.Pattern]
    priority: int = 0
    generic: bool = False
    requires: re.Pattern | None = None
    state_sub_event_type: str = ""
    symmetric: bool = False  # "X and Y clashed": both actors come before the trigger
    needs_day: bool = False  # report an incident only when the sentence names a day
    attempt_happened: bool = False  # "tried to attack" reports an attack that took place (and failed)
    # the match opens with what was hit ("the city has been hit"): "the" before it is that place's article,
    # not a back-reference to an incident
    subject_first: bool = False
    # a deed that follows the violence it goes with ("gunmen assaulted the post, killing 11, and the remaining
    # forces withdrew"): it yields to a violent trigger of the same sentence that does not refer back
    secondary: bool = False


@dataclass
class Trigger:
    """A trigger found in a sentence (offsets relative to the sentence)."""

    rule: TriggerRule
    start: int
    end: int
    text: str
    event_type: str = ""
    sub_event_type: str = ""
    guessed: bool = False  # a generic "attack"/"raid" whose means no text names: its type is a default
    sequel: bool = False  # the sentence's subject is an incident already reported, which this one preceded

    def __post_init__(self) -> None:
        self.event_type = self.event_type or self.rule.event_type
        self.sub_event_type = self.sub_event_type or self.rule.sub_event_type


@dataclass
class Config:
    rules: list[TriggerRule]
    means: dict[str, list[re.Pattern]]
    means_types: dict[str, str]
    filters: dict[str, re.Pattern]


@lru_cache(maxsize=1)
def config() -> Config:
    data = yaml.safe_load((DATA_DIR / "triggers.yaml").read_text(encoding="utf-8"))
    rules = [
        TriggerRule(
            name=t["name"],
            event_type=t["event_type"],
            sub_event_type=t["sub_event_type"],
            patterns=[re.compile(p, re.IGNORECASE) for p in t["patterns"]],
            priority=int(t.get("priority", 0)),
            generic=bool(t.get("generic", False)),
            requires=re.compile(t["requires"], re.IGNORECASE) if t.get("requires") else None,
            state_sub_event_type=t.get("state_sub_event_type", ""),
            symmetric=bool(t.get("symmetric", False)),
            needs_day=bool(t.get("needs_day", False)),
            attempt_happened=bool(t.get("attempt_happened", False)),
            subject_first=bool(t.get("subject_first", False)),
            secondary=bool(t.get("secondary", False)),
        )
        for t in data["triggers"]
    ]
    means = {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in data["means"].items()}
    filters = {k: re.compile(v, re.IGNORECASE) for k, v in data["filters"].items()}
    return Config(rules, means, dict(data["means_types"]), filters)


@lru_cache(maxsize=1)
def _any_trigger() -> re.Pattern:
    """All trigger patterns in one regex: most sentences have none, and one search tells."""
    return re.compile("|".join(f"(?:{p.pattern})" for rule in config().rules for p in rule.patterns),
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _prefilter() -> tuple[Prefilter, list[int]]:
    """One Aho-Corasick pass tells which trigger patterns could match a sentence at all (see prefilter.py);
    the patterns of all rules are numbered in rule order, and each number maps to its rule's index."""
    flat: list[re.Pattern] = []
    rule_of: list[int] = []
    for index, rule in enumerate(config().rules):
        flat.extend(rule.patterns)
        rule_of.extend([index] * len(rule.patterns))
    return Prefilter(flat), rule_of


def scan_article(text: str) -> TextHits:
    """One pass of the trigger literals over a whole article. Passed as `hits` (with the offset of a
    sentence or clause in the article) to `possible`, `candidates` and `detect`, it gives them the same
    answers without a pass over the sentence of their own."""
    return TextHits(_prefilter()[0], text)


def possible(text: str, hits: TextHits | None = None, start: int = 0) -> bool:
    """Could any trigger pattern match somewhere in `text` (or in any part of it)? False is certain.
    `hits`: the scan of the article `text` sits in, at offset `start`."""
    if hits is not None:
        return hits.possible(start, start + len(text))
    return _prefilter()[0].could_match(text)


def any_match(text: str, hits: TextHits | None = None) -> bool:
    """Does any trigger pattern match somewhere in `text`? A sentence's match is a match in the text that
    holds it, so False means no sentence of the text can report an incident. `hits`: `scan_article(text)`."""
    prefilter = _prefilter()[0]
    return prefilter.any_match(text, hits.scan() if hits is not None else None)


def candidates(text: str, hits: TextHits | None = None, start: int = 0) -> list[Trigger]:
    """Every trigger match in a sentence, best first (priority, then position). Only the live patterns are
    tried, in rule order then pattern order, which is the order ties keep in the sort. `hits`: the scan of
    the article the sentence sits in, at offset `start`."""
    found: list[Trigger] = []
    prefilter, rule_of = _prefilter()
    scan = hits.scan(start, start + len(text)) if hits is not None else prefilter.scan(text)
    if not scan.live:
        return found
    rules = config().rules
    checked: dict[int, bool] = {}  # rule index -> does its `requires` hold
    for n in sorted(scan.live):
        index = rule_of[n]
        rule = rules[index]
        if index not in checked:
            checked[index] = rule.requires is None or bool(rule.requires.search(text))
        if not checked[index]:
            continue
        for match in prefilter.finditer(n, text, scan):
            found.append(Trigger(rule, match.start(), match.end(), match.group()))
    found.sort(key=lambda t: (-t.rule.priority, t.start, -(t.end - t.start)))
    return found


def _clause_before(text: str, start: int) -> str:
    """The words before the trigger within its clause (up to a comma, semicolon or colon)."""
    head = text[:start]
    cut = max(head.rfind(c) for c in ",;:(\"“")
    return head[cut + 1:] if cut >= 0 else head


SUBORDINATOR = re.compile(r"\b(?:since|after|before|when|because|until|while|as|once|where|which|who)\b",
                          re.IGNORECASE)


def _main_clause(clause: str) -> str:
    """The words after the last subordinating word: "has not moved since [coalition airstrikes]"."""
    found = list(SUBORDINATOR.finditer(clause))
    return clause[found[-1].end():] if found else clause


CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d{3}\b)|[;:()]|\s[-–—]\s")  # not the comma of "3,000"


def _own_clause(text: str, trigger: Trigger) -> str:
    """The stretch of the sentence around the trigger between commas, semicolons, dashes or brackets."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text)]
    start = max((b for b in breaks if b < trigger.start), default=-1) + 1
    end = min((b for b in breaks if b >= trigger.end), default=len(text))
    return text[start:end]


@lru_cache(maxsize=16)
def _live_filters(text: str) -> frozenset[str]:
    """The filters that could match the sentence or any part of it: `blocked` searches a dozen of them in
    parts of the sentence for every candidate trigger, and one literal pass (see prefilter.py) rules most
    of them out (a part's match is a match in the sentence, which holds its literal)."""
    names = list(config().filters)
    return frozenset(names[n] for n in _filter_prefilter().possible(text))


@lru_cache(maxsize=1)
def _filter_prefilter() -> Prefilter:
    return Prefilter(list(config().filters.values()))


AGENT_AFTER = re.compile(r"\s+by\b")
SUPERLATIVE_BEFORE = re.compile(r"\b(?:\w{3,}est|worst|most \w+)\b[^.;]{0,60}$", re.IGNORECASE)
GENERIC_COPULA_AFTER = re.compile(r"\s+(?:are|remain)\s+(?:an?|one|the|not|part|often|rarely|still)\b")
COMPARED_WITH = re.compile(r"\b(?:since|than)\b", re.IGNORECASE)


def _compared_from(text: str, start: int) -> int:
    """Where the incident a superlative compares with begins ("... the deadliest since a raid ..."); the
    sentence's end when it names none."""
    found = COMPARED_WITH.search(text, start)
    return found.start() if found else len(text)


def blocked(text: str, trigger: Trigger, published: dt.date | None = None) -> str | None:
    """Why this trigger does not report an incident that happened, or None when it does."""
    live = _live_filters(text)
    filters = config().filters

    def find(name: str, part: str) -> re.Match | None:
        return filters[name].search(part) if name in live else None

    before = text[: trigger.start]
    clause = _clause_before(text, trigger.start)
    after = text[trigger.end:]
    if text.rstrip().rstrip("\"'”’").endswith("?"):
        return "question"
    if trigger.rule.needs_day and not has_specific_date(text, published):
        return "no day named"
    intent = find("intent_before", clause)
    if not intent and ('"' in before[-30:] or "“" in before[-30:]):
        # 'would be "fully liberated within days"': the modal stands before the quotation mark
        intent = find("intent_before", before.replace('"', "").replace("“", ""))
    attempted = trigger.rule.attempt_happened and find("attempt_before", clause)
    if intent and not find("to_exceptions", clause) and not attempted:
        return f"intention ({intent.group().strip()})"
    if find("forecast_after", after):
        return "forecast"
    if find("trend_after", after) or (find("wave_before", before) and not has_specific_date(text, published)):
        return "a trend"
    if find("reduced_before", before):
        return "a trend"  # "the truce has sharply reduced air strikes"
    share = find("share_since", text)
    if share and share.start() <= trigger.start < share.end():
        return "aggregate tally"
    superlative = find("superlative_opening", text)
    if superlative and trigger.start < _compared_from(text, superlative.end()):
        # "Saturday's attack was the deadliest in months": a ranking of the incident reported; what follows
        # "since" or "than" is the incident it is compared with, judged on its own
        return "describes an incident already reported"
    since_the = find("since_before", before)
    compared = since_the is not None and SUPERLATIVE_BEFORE.search(before, 0, since_the.start())
    if since_the and not find_cues(text, published) and not compared:
        # (but "two weeks since the massacre ... on 28 November", "the deadliest since the strike on the
        # station in April 2022": a dated or compared incident, told as one)
        return "describes an incident already reported"
    if find("threat_before", before):
        return "threat or warning"
    # (but "a patrol is ambushed by 50 militants": a timeline's present passive with its agent, one event)
    if find("ongoing_before", clause) and not (
            trigger.text.lower().endswith("ed") and AGENT_AFTER.match(after)):
        return "ongoing or general"
    if find("denial_before", _main_clause(clause)) or find("denial_sentence", text):
        return "negated or denied"
    if find("habitual", text) and not has_specific_date(text, published):
        return "habitual or generic"
    own = _own_clause(text, trigger)
    since = find("perfect_since", text)  # "had been mined, taxed and ambushed since 2012" (commas inside)
    if since and since.start() <= trigger.start < since.end():
        return "aggregate tally"
    if (find("tally_period", own) and find("tally_count", own)) or find("perfect_since", own) or find(
            "perfect_targets", own) or find("perfect_in_which", own):
        return "aggregate tally"
    if find("aggregate_subject", text):
        return "aggregate toll of a conflict"
    since_day = SINCE_DAY.search(text)  # "Since October 8, X has fired thousands of rockets": a period
    if find("perfect_tally", own) and (since_day or not has_specific_date(text, published)):
        return "cumulative count"
    if find("generic_present", clause) or (not before.strip(" \"'“*-") and GENERIC_COPULA_AFTER.match(after)):
        # "Airstrikes are one element of a comprehensive approach": a kind of act, not an act
        return "general statement"
    if trigger.rule.generic and find("anaphor_before", before) and find("sequel_after", after):
        return SEQUEL
    opening = find("anaphor_noun", text)  # "The attack came as ...": the trigger is the opening noun itself
    if opening and trigger.start < opening.end() and find("context_after", after):
        return "describes an incident already reported"
    if find("conditional_sentence", text):
        return "condition"
    if find("reference_before", before):
        return "refers to another event"
    if find("characterisation_before", before) or find("characterisation_sentence", text) or find(
            "comparison_before", before):
        return "describes an incident already reported"
    if find("demand_before", before):
        return "a demand that it stop"
    if find("manner_before", before):
        return "how another incident went"
    if find("supply_before", before):
        return "weapons as supplies, not an attack"
    if find("inquiry_before", before):
        return "an inquiry into how it happened"
    if "footage" in live and filters["footage"].search(text, max(0, trigger.start - 60), trigger.end):
        return "pictures of it, not a report"  # "shows drone footage of vehicles being destroyed"
    if find("relative_before", before):
        return "relative clause"
    if trigger.rule.generic and find("non_conflict", text):
        return "not political violence"
    plural = trigger.rule.generic and trigger.text.lower().endswith("s")
    if plural and find("possessive_before", before) and not has_specific_date(text, published):
        return "a group's attacks in general"
    return None


def detect(
    sentence: Sentence | str, published: dt.date | None = None, hits: TextHits | None = None
) -> tuple[Trigger | None, list[str]]:
    """The sentence's incident trigger, if any, and the reasons its other triggers were dropped. `hits`:
    `scan_article` of the article a `Sentence` comes from."""
    text = sentence.text if isinstance(sentence, Sentence) else sentence
    if not isinstance(sentence, Sentence):
        hits = None
    found = candidates(text, hits, sentence.start) if hits is not None else candidates(text)
    reasons: list[str] = []
    for n, trigger in enumerate(found):
        reason = blocked(text, trigger, published)
        if reason is None:
            since = ANOTHER_TIME.search(text, 0, trigger.start)
            if since is not None:
                # "militants stormed a camp overnight, a day after a missile strike left dozens dead in
                # Aden": the sentence's news is its main clause's incident, not the earlier one it recalls
                main = next((t for t in found if t.end <= since.start() and t.rule.event_type in VIOLENT_TYPES
                             and blocked(text, t, published) is None), None)
                if main is not None:
                    reasons.append(f"{trigger.text!r}: {RECALLED}")
                    trigger = main
            if trigger.rule.secondary:
                violent = next((t for t in found[n + 1:] if t.rule.event_type in VIOLENT_TYPES
                                and not is_anaphoric(text, t) and blocked(text, t, published) is None), None)
                if violent is not None:
                    reasons.append(f"{trigger.text!r}: {SECONDARY}")
                    trigger = violent
            trigger.sequel = any(r.endswith(SEQUEL) for r in reasons)
            return trigger, reasons
        reasons.append(f"{trigger.text!r}: {reason}")
    return None, reasons


VIOLENT_TYPES = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})
# ", a day after", "two days after", "hours before": what follows is another incident the sentence recalls
ANOTHER_TIME = re.compile(r",\s+(?:(?:a|one|two|three|four|five|six|seven|several|\d+)\s+)?"
                          r"(?:day|days|hours?|weeks?|months?)\s+(?:after|before)\s", re.IGNORECASE)
RECALLED = "an earlier incident the sentence recalls after its own"
SECONDARY = "follows the violence the sentence reports"


PASSIVE_BY = re.compile(r"(?:hit|struck|targeted|damaged|destroyed|flattened)\s+(?:again\s+)?by\b",
                        re.IGNORECASE)
WEAPON_HEAD = re.compile(
    r"(?:rockets?|missiles?|shells?|mortars?|projectiles?|bombs?|drones?|car|truck|vehicle)\b", re.IGNORECASE)


EXPLOSION_HEAD = re.compile(r"(?:blasts?|explosions?|strikes?|missiles?|rockets?|shells?|bombs?)\b",
                            re.IGNORECASE)
WHEN_THE = re.compile(r"\b(?:when|as|moments before|minutes before|just before|just after)\s+the\s+$",
                      re.IGNORECASE)


def is_anaphoric(text: str, trigger: Trigger) -> bool:
    """True when the trigger refers back ("the strike", "this attack", "several of the rockets landed")
    instead of reporting anew. A specific trigger refers back only when the sentence opens with a definite
    incident noun it is part of ("The blast killed 170") or through its weapon ("the shells hit")."""
    filters = config().filters
    before = text[: trigger.start]
    if filters["partitive_before"].search(before):
        return True
    if EXPLOSION_HEAD.match(trigger.text) and WHEN_THE.search(before):
        return True  # "... had just stepped off their aircraft when the blasts hit"
    if filters["escalation_before"].search(before):
        return True  # "the confrontation had turned into a gun battle"
    if CONTINUED.search(trigger.text):
        return True  # "Fighting went on until nightfall": the clash reported, still going (its own day: anew)
    opening = filters["anaphor_noun"].match(text)  # "The blast killed at least 170 people"
    if opening and opening.start() <= trigger.start < opening.end() + 2:
        return True
    if PASSIVE_BY.match(trigger.text) and filters["passive_anaphor_before"].search(before):
        return True  # "the building had been hit by Uragan rockets": the building already reported
    if trigger.rule.subject_first or (not trigger.rule.generic and not WEAPON_HEAD.match(trigger.text)):
        return False
    return bool(filters["anaphor_before"].search(before))


@lru_cache(maxsize=1)
def _means_filter() -> tuple[Prefilter, list[tuple[str, range]]]:
    """The means patterns behind one literal pre-filter, numbered per sub-event type."""
    numbered, flat = [], []
    for sub, patterns in config().means.items():
        numbered.append((sub, range(len(flat), len(flat) + len(patterns))))
        flat.extend(patterns)
    return Prefilter(flat), numbered


@lru_cache(maxsize=8)
def means_in(text: str) -> str | None:
    """The sub-event type named by the means words of a text (the most frequent), or None. A means word
    that is what was hit ("set fire to several aircraft") names no means.

    Cached: `specify` asks again about the whole article for every generic trigger of it. Only the patterns
    the literal pre-filter leaves live are counted (the others have no match)."""
    prefilter, numbered = _means_filter()
    scan = prefilter.scan(text)
    target = config().filters["means_target_before"]
    hedge = config().filters["means_hedge_before"]

    def used(n: int) -> int:
        return sum(1 for m in prefilter.finditer(n, text, scan)
                   if not target.search(text, max(0, m.start() - 40), m.start())
                   and not hedge.search(text, max(0, m.start() - 80), m.start()))

    counts = {sub: sum(used(n) for n in numbers if n in scan.live) for sub, numbers in numbered}
    best = max(counts.items(), key=lambda kv: kv[1])
    return best[0] if best[1] else None


ENTRY_CHARS = 200  # a list entry this long is a report of its own (a timeline's), not a key point
_BULLET = re.compile(r"[ \t]*(?:[-*•·▪●–—]|\d{1,3}[.)])[ \t]+")


def _bullet_entry(text: str, position: int) -> tuple[int, int] | None:
    """The (start, end) of the list entry ("- **9 January 2020, Chinagodrar.** Militants attack ...") holding
    `position`, or None when it is not in one, or when it is a live blog's one-line key point ("- At least 27
    killed in the capital"), which the story below it tells."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    if ENTRY_LEAD.match(text, start):  # (with or without a bullet before the date)
        return start, end  # "**12 October** - Hevrin Khalaf is dragged from her car and killed ..."
    return (start, end) if _BULLET.match(text, start) and end - start >= ENTRY_CHARS else None


def specify(
    trigger: Trigger, sentences: list[Sentence], index: int, article_text: str = "", own: str | None = None,
    subject: bool = False,
) -> Trigger:
    """Give a generic trigger ("attack", "raid", "strike") the type of the means named nearby.

    The trigger's own sentence counts first, then neighbouring sentences (nearest first), then the whole
    article. A generic "strike" stays an air strike unless it was made "with artillery/missiles". `own` is the
    trigger's clause when its sentence reports several incidents. With a `subject` ("Taliban fighters
    attacked a checkpoint") the sentence describes its own event: other sentences' means are not borrowed.
    """
    own = sentences[index].text if own is None else own
    if not trigger.rule.generic:
        return trigger
    cfg = config()
    ground = cfg.filters["ground_before"].search(own, max(0, trigger.start - 60), trigger.start) is not None
    if trigger.rule.name == "generic_strike":
        # an unqualified "strike" is an air strike unless it was made "with artillery/missiles", or men on the
        # ground struck ("gunmen on motorbikes struck eight villages"): then it is their assault
        if WITH_ARTILLERY.search(own[trigger.end:]):
            trigger.sub_event_type = "Shelling/artillery/missile attack"
        elif ground and means_in(own) in (None, "Armed clash"):
            trigger.event_type, trigger.sub_event_type = cfg.means_types["Armed clash"], "Armed clash"
        return trigger
    if not subject and ground:
        subject = True  # "Russian troops had kept up attacks": ground forces' own fighting, whatever else
    entry = _bullet_entry(article_text, sentences[index].start) if article_text else None
    scopes = [own]
    for distance in range(1, 0 if subject else NEIGHBOURS + 1):
        near = [sentences[i].text for i in (index - distance, index + distance) if 0 <= i < len(sentences)
                and (entry is None or entry[0] <= sentences[i].start < entry[1])]
        scopes.append(" ".join(near))
    if not subject and entry is None:
        scopes.append(article_text)  # (an entry of a list is a report of its own: its means are its own)
    for scope in scopes:
        sub = means_in(scope)
        if sub:
            trigger.sub_event_type = sub
            trigger.event_type = cfg.means_types.get(sub, trigger.event_type)
            break
    else:
        trigger.guessed = True
    return trigger
