"""Normalize text so the same word matches whatever keyboard or scraper produced it.

Why each step: NFC merges composed/decomposed accents; Arabic-keyboard letters (ي ك ى)
are folded to the Persian ones only in Persian text, since Arabic needs them; Eastern
Arabic and Persian digits become ASCII so numbers parse everywhere; bidi marks are
invisible noise; zero-width non-joiners inside Persian words are kept for display but
dropped from matching keys (``match_key``/``match_text``), which also glue affixes a
writer separated with a plain space; scraper debris (stray tag fragments, comment-widget
and share lines) is removed because every later stage would otherwise read it as content.
"""

from __future__ import annotations

import html
import re
import unicodedata

from rashomon.lang import all_words

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,"
)
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})
# LRM/RLM/ALM, embeddings/overrides/isolates, BOM, soft hyphen, tatweel (kashida).
_INVISIBLES = dict.fromkeys(
    map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
             "\ufeff\u00ad\u0640")
)
_ZWNJ = "\u200c"

_HTML_TAGS = (
    "a|abbr|article|aside|b|blockquote|br|center|cite|code|dd|div|dl|dt|em|figcaption|figure|"
    "font|footer|h[1-6]|header|hr|i|iframe|img|li|nav|noscript|ol|p|picture|pre|q|s|script|"
    "section|small|source|span|strong|style|sub|sup|table|tbody|td|th|thead|time|tr|u|ul|"
    "video"
)
# A tag fragment as broken scrapers leave it: "< p class="bloquote cke-markup">", "</div >",
# "<br/>". Only known HTML tag names, and attributes must carry a value, so prose such as
# "a < b and c > d" or "< 5%" never matches.
_TAG_DEBRIS = re.compile(
    rf"<\s*/?\s*(?:{_HTML_TAGS})"
    r"(?:\s+[a-zA-Z_:][-\w:.]*\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>\"']+))*"
    r"\s*/?\s*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_chars(text: str, language: str | None = None) -> str:
    """Character-level normalization that keeps the text readable."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLES).translate(_DIGITS)
    if language == "fa" or (language is None and looks_persian(text)):
        text = text.translate(_PERSIAN_LETTERS)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_persian(text: str) -> bool:
    """Persian-only letters (پ چ ژ گ) reveal Persian when no language is known yet.

    Urdu shares them, so its own letters (ٹ ڈ ڑ ں ے) veto the guess.
    """
    return any(ch in text for ch in "پچژگ") and not any(ch in text for ch in "ٹڈڑںے")


def clean_text(text: str, language: str | None = None) -> str:
    """Normalize characters and remove scrape debris; keeps paragraphs."""
    text = normalize_chars(text, language)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    kept = []
    for line in text.split("\n"):
        cleaned = _clean_line(line)
        if cleaned or not line.strip():  # a line that was only debris leaves no blank
            kept.append(cleaned)
    return _BLANK_LINES.sub("\n\n", "\n".join(kept)).strip()


def _clean_line(line: str) -> str:
    """One line without tag fragments and extra spaces; empty if it is furniture."""
    if "<" in line:
        line = _TAG_DEBRIS.sub(" ", line)
    line = _SPACES.sub(" ", line).strip()
    return "" if is_debris_line(line) else line


# Persian affixes that writers join with ZWNJ, a plain space, or nothing at all:
# "می‌رود" / "می رود" / "میرود", "کتاب‌ها" / "کتاب ها" / "کتابها". Keys glue them on.
_FA_PREFIX = re.compile(r"(?<![\w\u200c])(ن?می)[ \u200c]+(?=[\u0600-\u06ff])")
_FA_SUFFIX = re.compile(
    r"(?<=[\u0600-\u06ff])[ \u200c]+(ها|های|هایی|هایم|هایت|هایش|هایمان|هایتان|هایشان|تر|ترین)"
    r"(?![\w\u200c])"
)


# Keys only (never display): the Arabic and Persian spellings of one name must meet, so
# ي/ى->ی, ك->ک, ة->ه, and hamza-carrying alefs -> ا whatever the language.
_ARABIC_KEY_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"}
)
# Accents of Latin/Greek/Cyrillic and Arabic/Hebrew vowel points. Not every nonspacing
# mark: Japanese voicing marks and Indic vowel signs change the word.
_KEY_MARKS = re.compile("[\u0300-\u036f\u0483-\u0487\u0591-\u05c7\u064b-\u065f\u0670]")


def match_text(text: str) -> str:
    """A matching form of a whole text: normalized, case-folded, ZWNJ removed, Persian
    affixes glued, diacritics dropped. Never shown to users; only compared."""
    text = normalize_chars(text)
    if _has_arabic_script(text):
        text = text.translate(_ARABIC_KEY_LETTERS)
        text = _FA_PREFIX.sub(r"\1", text)
        text = _FA_SUFFIX.sub(r"\1", text)
    text = text.replace(_ZWNJ, "").casefold()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _KEY_MARKS.sub("", decomposed))


def match_key(token: str) -> str:
    """A matching key for one token: case-folded, ZWNJ and diacritics removed."""
    return match_text(token).replace(" ", "")


def _has_arabic_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


# -- scrape debris: whole lines of page furniture ------------------------------------------
# Comment widgets and related-link headers, matched as whole lines (optionally ending in
# ":" or "»"), and the words of share/subscribe/print bars: a line made only of these (at
# least one being a trigger) is furniture; one other word ("Leaders share concerns…")
# keeps the line. Every language's data file ([text]), joined: pages mix languages.
_FURNITURE_PHRASES = tuple(sorted(all_words("text", "furniture_phrases"), key=len, reverse=True))
_FURNITURE_WORDS = all_words("text", "share_words")
_FURNITURE_TRIGGERS = all_words("text", "share_triggers")
_PHRASE = "(?:" + "|".join(map(re.escape, _FURNITURE_PHRASES)) + ")"
# "Leave a Reply", "Leave a Reply Cancel reply", "Commenti (3)".
_PHRASE_LINE = re.compile(
    rf"^[\s*#>|•·-]*{_PHRASE}(?:[\s:|·•-]*{_PHRASE})*\s*(?:\(\d+\))?\s*[:：»›….!]*\s*$",
    re.IGNORECASE,
)
# "Leggi anche: <another headline>": a link to another article, not this one's text.
_RELATED_LEAD_INS = tuple(sorted(all_words("text", "related_lead_ins"), key=len, reverse=True))
_RELATED_LINE = re.compile(
    "^(?:" + "|".join(map(re.escape, _RELATED_LEAD_INS)) + r")\s*[:：]\s*\S.{0,160}$",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(r"^\s*(?:©|\(c\)|copyright\b).{0,160}$", re.IGNORECASE)
_WORD = re.compile(r"[\w\u200c'’-]+")
#: Share bars are short; a longer line is prose even if it is made of common words.
_MAX_BAR_LENGTH = 120


def is_debris_line(line: str) -> bool:
    """Is this whole line page furniture (comment widget, share bar, copyright)?"""
    if not line or len(line) > 200:
        return False
    if _PHRASE_LINE.match(line) or _RELATED_LINE.match(line) or _COPYRIGHT_LINE.match(line):
        return True
    return _is_share_bar(line)


def _is_share_bar(line: str) -> bool:
    if len(line) > _MAX_BAR_LENGTH:
        return False
    words = [w.casefold() for w in _WORD.findall(line)]
    if not words:
        return False
    if not all(w in _FURNITURE_WORDS for w in words):
        return False
    return any(w in _FURNITURE_TRIGGERS for w in words)
