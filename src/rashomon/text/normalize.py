"""Normalize text so the same word matches whatever keyboard or scraper produced it.

Why each step: NFC merges composed/decomposed accents; Arabic-keyboard letters (ي ك ى)
are folded to the Persian ones only in Persian text, since Arabic needs them; Eastern
Arabic and Persian digits become ASCII so numbers parse everywhere; zero-width
non-joiners inside Persian words are kept for display but dropped from matching keys
(see ``match_key``); scraper debris (stray tag fragments, comment-widget and share
lines) is removed because it would otherwise look like content to every later stage.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_PERSIAN_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه"})
_INVISIBLES = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff\u00ad"))
_ZWNJ = "\u200c"

# Tag fragments left by broken scrapers: "< p class=...>", "</div >", "&lt;br&gt;".
_TAG_DEBRIS = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s+[^<>]*)?\s*/?>|&lt;/?[a-z]+[^&]*?&gt;")
# Whole lines that are page furniture, not article text, in the languages of our corpus.
_DEBRIS_LINES = re.compile(
    r"^\s*(leave a (reply|comment)|lascia un commento|rispondi|share( this)?:?|"
    r"share on (facebook|twitter|x)|subscribe( to our newsletter)?|iscriviti( alla newsletter)?|"
    r"condividi( su)?\b.*|tweet|print|related( articles)?:?|read more:?|leggi anche:?|"
    r"kommentar schreiben|teilen|abonnieren|dejar un comentario|compartir|suscríbete|"
    r"laisser un commentaire|partager|подписаться|поделиться|оставить комментарий|"
    r"اشتراک‌گذاری|اشتراک گذاری|ارسال نظر|شارك|اترك تعليقا|分享|订阅|发表评论|"
    r"you must be logged in to post a comment\.?|all rights reserved\.?|©.*)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize_chars(text: str, language: str | None = None) -> str:
    """Character-level normalization that keeps the text readable."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_INVISIBLES).translate(_DIGITS)
    if language == "fa" or (language is None and _looks_persian(text)):
        text = text.translate(_PERSIAN_LETTERS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_persian(text: str) -> bool:
    """Persian-only letters (پ چ ژ گ) reveal Persian when no language is known yet."""
    return any(ch in text for ch in "پچژگ")


def clean_text(text: str, language: str | None = None) -> str:
    """Normalize characters and remove scrape debris; keeps paragraphs."""
    text = normalize_chars(text, language)
    text = _TAG_DEBRIS.sub("", text)
    text = _DEBRIS_LINES.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", text).strip()


def match_key(token: str) -> str:
    """A matching key for one token: case-folded, ZWNJ and diacritics removed."""
    token = normalize_chars(token).replace(_ZWNJ, "").casefold()
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
