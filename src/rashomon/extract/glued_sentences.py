"""Names cut at a sentence end glued to the next sentence ("sagte Trump.Russia und ...").

Scraped and machine-translated news often loses the space after a full stop: "in New
York.Guterres am Dienstag", "Boko Haram.à Diffa", "Cumhurbaşkanı Erdoğan.Dedi". The
tokenizer keeps "York.Guterres" as one token (it must: "Gazeta.pl", "U.S.", "S.A." are
one), so a model span that reaches it runs over the sentence end. A full stop between
two letters whose left word has a lower-case letter (initials and abbreviations, "U.S",
"S.T", "Ö.F.B", "A.Ş", have none) is such a glued sentence end, unless the span is one
web address ("Euronews.com", "dkhw.de": a single word before the stop, a web ending after
it). The span is cut there: the part before the stop stays when its last word is
capitalised (the name ended the sentence), else the part after it when its first word is
(the name opened the next one), else nothing is left.

Measured: see ``cut``.
"""

from __future__ import annotations

import re

#: Switch for the probe (``tools/probe_names_snapshot.py``, before/after).
ENABLED = True

# A full stop between two letters; the word before it (letters only) is group 1.
_GLUED = re.compile(r"([^\W\d_]+)\.(?=[^\W\d_])")
# Web address endings: a stop before one of these, closing the span's first word, is part
# of a site's name ("Gostynska.pl", "Ricochet.com"). Not language words: the common
# generic endings and the country endings of the languages read here.
_WEB = frozenset({
    "com", "org", "net", "info", "tv", "fm", "eu", "gov", "edu", "co", "io", "uk", "de",
    "at", "ch", "pl", "ru", "ua", "fr", "be", "es", "it", "pt", "br", "ar", "mx", "tr",
    "nl", "ir"})
_WORD = re.compile(r"[^\W\d_]+")


def cut(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the span once cut at a glued sentence end; the span unchanged
    when it holds none; None when neither side of the stop is a name.

    Measured (``tools/probe_names_snapshot.py``, before vs after, 2026-12-05): on the
    SemEval dev texts of en de es fr tr outside bench/real, 35 model spans changed, read
    by hand: 26 now the whole name with the right type ("Trump", "New York" and
    "Guterres", "Giuseppe Sala", "Pedro Sánchez", "Erdoğan" twice, "Üsküdar"), 2 web
    addresses with a glued word dropped, 7 wrong before and after ("de Tiger", "Galán
    del Consejo"), none right before and wrong after. The cased dev sentences (tokens
    joined by spaces, first 2,000 per language) of en fr pt ru tr: no change; de es nl:
    5 right, 3 wrong, all on OCR text and list titles ("Teut.chland", "n.º 12")."""
    if not ENABLED:
        return start, end
    for found in _GLUED.finditer(text, start, end):
        left = found.group(1)
        if not any(ch.islower() for ch in left):
            continue  # "U.S", "S.A", "Ö.F.B": initials
        after = _WORD.match(text, found.end())
        if after and after.group().lower() in _WEB and " " not in text[start:found.start()] \
                and not text[after.end():after.end() + 1].isalpha():
            continue  # "Euronews.com"
        stop = found.end(1)
        before_words = text[start:stop].split()
        after_words = text[stop + 1:end].split()
        if before_words and before_words[-1][:1].isupper():
            return start, stop
        if after_words and after_words[0][:1].isupper():
            return cut(text, stop + 1, end)
        return None
    return start, end
