"""What a report's title and lead say of its happening: the cities it is in
(``place_keys``) and who acts in it (``lead_names``), hard evidence for the event level
(``cluster.events``). News says who did what, and where, first; further down it names its
background (an agency's seat, the other strike of the week).
"""

from __future__ import annotations

from functools import cache

from rashomon.cluster.signals import _WORD, EVENT_LEAD_CHARS, MIN_KEY, NAME_EVIDENCE, skeleton
from rashomon.core import Article, ArticleFacts


@cache
def _broad_places() -> frozenset[str]:
    """Canonical names of countries, territories and continents: a place at this level
    does not tell two incidents apart (one country has many)."""
    from rashomon.extract.lexicon import locale

    english = locale("en")
    names = set(english.territories.values()) if english is not None else set()
    names |= {"United Kingdom", "United States", "European Union", "West", "Europe",
              "Middle East", "Gaza Strip", "West Bank"}
    return frozenset(names)


#: Smallest GeoNames population of a city used as event evidence. Smaller towns share
#: their names with words and with bigger places ("El Banco" in "El Banco de
#: Inglaterra", "March"): on the sample corpus every place read below this floor was
#: such a false match, and the false matches split one central-bank decision in three.
#: CLDR time-zone cities (major cities) count whatever their size.
PLACE_MIN_POPULATION = 100_000


@cache
def _city_population() -> dict[str, int]:
    from rashomon.extract.gazetteer import geonames

    sizes: dict[str, int] = {}
    for name, _, population in geonames().values():
        sizes[name] = max(population, sizes.get(name, 0))
    return sizes


@cache
def _zone_cities(language: str) -> frozenset[str]:
    from rashomon.extract.lexicon import city_names

    return frozenset(city_names(language).values())


def _is_city(canonical: str, language: str | None) -> bool:
    if canonical in _broad_places():
        return False
    if canonical in _zone_cities(language or "en"):
        return True
    return _city_population().get(canonical, 0) >= PLACE_MIN_POPULATION


def title_mentions(article: Article, facts: ArticleFacts | None) -> list:
    """The names of the title (fact offsets are into the maintext, so the title is read
    by the extractor here); none without facts (no extraction ran)."""
    if facts is None or not article.title.strip():
        return []
    from rashomon.extract.entities import extract_mentions

    return extract_mentions(article.title, (article.language or "en").lower())


def place_keys(article: Article, facts: ArticleFacts | None,
               titled: list | None = None) -> set[str]:
    """Cities (gazetteer canonical names) the title names: where the happening was. The
    text is not read: there a city is as often where a government spoke or an agency
    sits (on the sample corpus "Moscow" and "Kyiv" in reports of one prisoner swap split
    it in three). Countries and regions are left out (a country holds many incidents),
    and so are places the gazetteer does not know and small towns (PLACE_MIN_POPULATION).
    ``titled``: the title's mentions when already read (``title_mentions``)."""
    mentions = title_mentions(article, facts) if titled is None else titled
    return {m.canonical for m in mentions
            if m.label == "LOC" and m.canonical and _is_city(m.canonical, article.language)}


#: Types of the names that say who acts in a report (``lead_names``): the organisations
#: and people a strike, a vote or an attack is about. Places are left to the place check
#: (``cluster.events.place_fits``) and would tie two incidents of one country together.
ACTOR_LABELS = frozenset({"ORG", "PER"})


def _name_keys(mention) -> set[str]:
    """A mention's matching keys: its key and each word's skeleton ("Putin" matches
    "Vladimir Putin")."""
    keys = {mention.key} if mention.key else set()
    keys |= {skeleton(w) for w in _WORD.findall(mention.text)}
    return {k for k in keys if len(k) >= MIN_KEY}


def lead_names(article: Article, facts: ArticleFacts | None,
               titled: list | None = None) -> tuple[set[str], set[str]]:
    """(actors, names) of the title and lead (the first EVENT_LEAD_CHARS of the text, where
    news says who did what): keys of the organisations and people named there, and keys
    of every name there. Two reports of one time and place whose actors and names have
    nothing in common tell of two incidents (``cluster.events.actors_differ``); further
    down a report names its background (the other strike of the week), so the text
    after the lead is not read. Names the extraction is unsure of (NAME_EVIDENCE) are
    left out."""
    if facts is None:
        return set(), set()
    mentions = title_mentions(article, facts) if titled is None else titled
    mentions = [m for m in mentions if m.score >= NAME_EVIDENCE]
    mentions += [m for m in facts.mentions
                 if m.start < EVENT_LEAD_CHARS and m.score >= NAME_EVIDENCE]
    actors: set[str] = set()
    names: set[str] = set()
    for mention in mentions:
        keys = _name_keys(mention)
        names |= keys
        if mention.label in ACTOR_LABELS:
            actors |= keys
    return actors, names
