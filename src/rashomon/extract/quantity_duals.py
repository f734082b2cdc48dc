"""Counts written as a dual noun, with no number: Arabic "شخصان" / "شخصين" (two persons),
"سيارتين" (two cars).

Arabic marks two of a thing on the noun itself: the singular takes -ان (nominative) or -ين
(accusative, genitive), a feminine noun in ة writes it as ت first ("سيارة" -> "سيارتان",
"سيارتين"). A news text writes "أصيب شخصان" where English writes "two people were
injured", and no number word or digit stands there. The nouns are those of
``[quantities.dual_nouns]`` of ``lang/<code>.toml`` (singular -> the counted key, or ""):
nouns with a broken plural only, whose -ين form is no sound masculine plural ("مواطنين" is
"citizens" as often as "two citizens"). A conjunction or preposition written joined to the
noun (``[quantities] dual_prefixes``: "وطفلين", "لشخصين") is left out of the quantity.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rashomon.core.facts import Quantity
from rashomon.extract.lexicon import Lexicon, scan_form
from rashomon.text.spans import SpanIndex

_ENDINGS = ("ان", "ين")


@lru_cache(maxsize=64)  # bounded: the language code comes from article metadata
def _duals(language: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern of the language's dual forms (scanned) and form -> counted key."""
    lexicon = Lexicon(language)
    keys: dict[str, str] = {}
    for singular, key in lexicon.table("quantities", "dual_nouns").items():
        stem = scan_form(singular)
        stem = stem[:-1] + "ت" if stem.endswith(("ه", "ة")) else stem
        for ending in _ENDINGS:
            keys[scan_form(stem + ending)] = str(key)
    if not keys:
        return None, {}
    prefixes = sorted((scan_form(p) for p in lexicon.words("quantities", "dual_prefixes")),
                      key=len, reverse=True)
    forms = "|".join(re.escape(f) for f in sorted(keys, key=len, reverse=True))
    prefix = f"(?:{'|'.join(map(re.escape, prefixes))})?" if prefixes else ""
    return re.compile(rf"(?<!\w){prefix}(?P<noun>{forms})(?!\w)"), keys


def dual_counts(text: str, folded: str, language: str, taken: SpanIndex) -> list[Quantity]:
    """The dual nouns of ``text`` as counts of two, outside ``taken`` spans."""
    pattern, keys = _duals(language.split("-")[0])
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(folded):
        start, end = match.span("noun")
        if taken.overlaps(start, end):
            continue
        out.append(Quantity(start, end, text[start:end], 2.0, None, text[start:end],
                            keys[match.group("noun")] or None, None))
    return out
