"""The reader's language on the HTML pages, besides the reader's words themselves
(``compare/reader/<lang>.json`` through ``compare.wording.words``): lists joined the way
the language joins them (CLDR list patterns through Babel: "a, b and c", "a、b和c",
"a وb وc"), counts with the noun form of the number's CLDR plural category ("1 источник",
"3 источника", "5 источников"), language names in the reader's language, the page's
writing direction, and the reader's language a browser asks for (``Accept-Language``).
Shared by the story page (``routes_pages.report_context``) and the standalone HTML
report (``compare.render.to_html``), which render the same templates."""

from __future__ import annotations

import re
from functools import cache, partial
from html import escape
from typing import Any

from rashomon.compare.gloss import source_label
from rashomon.compare.reader_words import counted, day_text
from rashomon.compare.wording import figure, language_name, word_language, words
from rashomon.text.direction import direction

#: Stand-ins for the items while Babel places them in the pattern (no pattern has NUL).
_ITEM = re.compile("\x00(\\d+)\x00")
#: Digits joined by hyphens or dashes (2024-04-12, 10–12): after an Arabic letter the
#: bidi algorithm reads their digits as Arabic numbers, which a hyphen does not join
#: (UAX #9 rules W2 and W4), so "2024-04-12" would be drawn "12-04-2024" in a Persian or
#: Arabic line; isolated left to right they keep their order.
_DIGIT_RUN = re.compile(r"\d+(?:[-‐‑–]\d+)+")


@cache
def list_separators(n: int, lang: str) -> tuple[str, ...]:
    """The ``n + 1`` pieces of text around ``n`` list items in ``lang``'s CLDR "standard"
    (and-) list pattern: ``("", ", ", ", and ", "")`` for three items in English,
    ``("", "、", "和", "")`` in Chinese. The templates put each item between two pieces
    (isolated in its own ``<bdi>``), so a name never becomes part of the pattern."""
    if n <= 0:
        return ("",)
    from babel.lists import format_list

    stand_ins = [f"\x00{i}\x00" for i in range(n)]
    try:
        text = format_list(stand_ins, style="standard", locale=word_language(lang))
    except (KeyError, ValueError):  # a locale Babel cannot load: the English pattern
        text = format_list(stand_ins, style="standard", locale="en")
    order = [int(i) for i in _ITEM.findall(text)]
    if order != list(range(n)):  # no CLDR pattern reorders; the split below relies on it
        raise ValueError(f"list pattern of {lang!r} reorders its items: {order}")
    return tuple(_ITEM.split(text)[::2])


#: One entry of an Accept-Language header: a language range and its optional weight.
_ACCEPT = re.compile(
    r"^\s*([A-Za-z]{1,8})(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def accepted_language(header: str | None) -> str | None:
    """The language of a browser's ``Accept-Language`` the view has words for, most
    wanted first ("fa-IR,fa;q=0.9,en;q=0.8" -> "fa"), or None (no header, "*" only,
    no language with a word file)."""
    ranked = []
    for index, entry in enumerate((header or "")[:512].split(",")):
        m = _ACCEPT.match(entry)
        if not m:
            continue
        try:
            weight = float(m.group(2)) if m.group(2) else 1.0
        except ValueError:
            continue
        if weight > 0:
            ranked.append((-weight, index, m.group(1).lower()))
    for _, _, code in sorted(ranked):
        if word_language(code) == code:
            return code
    return None


def isolated(text: str | None, parts: str | None = None) -> str:
    """Text our own code composed (a gloss, a grouped value) as HTML that keeps its order
    in a line of either direction: each ``parts``-separated piece in its own ``<bdi>`` (a
    Latin name with an Arabic label stays one unit), digit runs with hyphens (dates,
    ranges) isolated left to right. Every character of ``text`` is escaped here, so the
    templates mark the result ``|safe``."""
    def one(piece: str) -> str:
        out, last = [], 0
        for m in _DIGIT_RUN.finditer(piece):
            out += [escape(piece[last:m.start()]), f'<bdi dir="ltr">{escape(m.group())}</bdi>']
            last = m.end()
        return "".join(out) + escape(piece[last:])

    text = text or ""
    if parts is None:
        return one(text)
    return escape(parts).join(f"<bdi>{one(p)}</bdi>" for p in text.split(parts))


def page_direction(lang: str) -> str:
    """``rtl`` or ``ltr`` for a page (``auto`` is for text of unknown direction)."""
    return "rtl" if direction(lang) == "rtl" else "ltr"


def reader_context(lang: str) -> dict[str, Any]:
    """What the templates need to write a page for a reader of ``lang``: the reader's
    language, the language of the page's words (``page_language``: a reader language
    without a word file reads the English words, so the page says ``lang="en"``), the
    words, the direction, lists, language names."""
    own = word_language(lang)
    return {
        "reader_language": lang,
        "page_language": own,
        "words": words(own),
        "reader_dir": page_direction(own),
        "lists": partial(list_separators, lang=own),
        "language_name": partial(language_name, lang=own),
        "count": partial(counted, lang=own),
        "figure": partial(figure, lang=lang),
        "source_name": partial(source_label, lang=lang),
        "day_text": partial(day_text, lang=lang),
        "isolated": isolated,
    }


def error_context(request: Any, config: Any) -> dict[str, Any]:
    """The reader context of an error page, in the language the request asked for as the
    pages do (``?lang=``, else the browser's Accept-Language, else the setting); links
    keep a ``?lang=`` the reader chose."""
    from rashomon.compare.wording import reader_language

    query_lang = request.query_params.get("lang")
    accept = request.headers.get("accept-language")
    lang = reader_language(query_lang or accepted_language(accept)
                           or getattr(config, "reader_language", None))
    return {**reader_context(lang), "lang_query": f"?lang={lang}" if query_lang else ""}


def reader_message(error: Any, context: dict[str, Any]) -> str | None:
    """A server message in the reader's words (``errors.messages``), as HTML (the template
    marks it safe): its template from the page language's word file, escaped, filled with
    the error's values, escaped (whole numbers in the reader's digits and grouping); None
    when the error has no such words."""
    key = getattr(error, "reader_key", None)
    template = context["words"]["errors"]["messages"].get(key) if key else None
    if template is None:
        return None
    lang = context["page_language"]
    # each value is the server's own token (a host, a field, a setting, an id): code, read
    # left to right in a line of either direction
    values = {name: '<code dir="ltr">' + escape(
        _number(value, lang) if isinstance(value, int) else str(value), quote=False) + "</code>"
        for name, value in (error.reader_args or {}).items()}
    return escape(template, quote=False).format(**values)


def _number(value: int, lang: str) -> str:
    from babel.numbers import format_decimal

    try:
        return format_decimal(value, locale=lang)
    except (KeyError, ValueError):
        return f"{value:,}"
