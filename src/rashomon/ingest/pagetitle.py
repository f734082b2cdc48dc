"""The headline of a web page without its site's name, and the dates written around it.

Titles: a page's ``<title>`` and ``og:title`` often carry the outlet, the section or a date
("… | DW | 10.06.2013", "… » Local » Noticias » Ultima Hora Mallorca", "… - CNET.de").
General rules, no list of sites: a title segment is the site's when it matches the page's
own site name (``og:site_name``, ``application-name``) or its domain ("CNET.de" on
cnet.de, "Ebene 11" on ebene11.com); the page's ``<h1>`` confirms where a headline ends;
a date segment and a trailing credit of short tokens ("— AFP p") are not headline.

Dates: the ``<time datetime>`` of the byline and the first date written just under the
headline, both read in a short window after the first ``<h1>`` (a ``<time>`` further down
belongs to a comment or a teaser), and a date written as its own title segment.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

#: Visible characters after the headline where a byline date is looked for. Calibrated on
#: the real-page bench (bench/bench_pages.py): bylines sit within ~150 characters of the
#: <h1> on the pages that have one (Süddeutsche 0, RNZ 62, ComputerBase 0); at 400 no
#: teaser or comment date of the 110 dated pages falls inside, at 1,000 two do.
BYLINE_WINDOW = 400
#: A date element (class/id naming a date: "nfy-ar-date", "entry-date", "datum") may sit
#: after a teaser paragraph: RNZ's is 620 characters below its <h1>. Measured on the same
#: bench: 1,500 reaches it, and no comment or teaser date element of the dated pages falls
#: inside it.
MARKED_WINDOW = 1500
_DATE_CLASS = re.compile(r"date|datum|time|publi|posted|fecha|dateline", re.IGNORECASE)

_SEPARATORS = re.compile(r"\s+(?:[|•»›‹«·]|[-–—]|::)\s+|\s*[|»›‹«]\s*")
_STRONG_SEPARATOR = re.compile(r"\s(?:[|‹«»›•]|[–—]|::)\s")
# A photo credit glued to a headline: "(写真＝ロイター)", "(Photo: Reuters)".
_CREDIT_TAIL = re.compile(r"\s*[(（][^()（）]{1,30}[=＝:：][^()（）]{1,30}[)）]\s*$")
_NUMERIC_DATE = re.compile(
    r"^(?:(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)|((?:19|20)\d\d)-(\d\d)-(\d\d))$"
)
_SKIP = {"script", "style", "noscript", "template"}


def _text(node) -> str:
    return " ".join("".join(node.itertext()).split())


def _metas(tree, *keys: str) -> list[str]:
    found = []
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or "").lower()
        if key in keys and (node.get("content") or "").strip():
            found.append(" ".join(node.get("content").split()))
    return found


def _compact(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def site_names(tree, url: str | None) -> list[str]:
    """Compact forms of the names a page's site goes by: declared names and the domain's
    distinctive label ("dw" for www.dw.com, "ebene11" for ebene11.com)."""
    names = [_compact(n) for n in _metas(tree, "og:site_name", "application-name",
                                         "twitter:site", "publisher")]
    host = (urlsplit(url).hostname or "") if url else ""
    labels = host.split(".")[:-1]  # without the top-level domain
    while labels and labels[-1] in _GENERIC_SLD:
        labels.pop()
    if labels:
        names.append(_compact(labels[-1]))
        names.extend(_compact(p) for p in labels[-1].split("-") if len(p) >= 4)
    return [n for n in names if len(n) >= 2]


#: Second-level labels that name no site ("gv" in eza.gv.at, "co" in bbc.co.uk).
_GENERIC_SLD = {"co", "com", "gv", "ac", "or", "ne", "go", "org", "net", "gov", "edu"}


def _is_site(segment: str, names: list[str]) -> bool:
    """A title segment that is the site's name, possibly with a word or two more ("CNN
    Politics", "Ultima Hora Mallorca", "BBC News ..."). The slack (12 characters after a
    leading name, 6 around one inside) was set on the bench titles: the longest site
    segment there, "BBC News" in Burmese, runs 10 past "bbc"; "Python 3.6.0 is now
    available!" on python.org runs 17 past its site name and is a headline."""
    seg = _compact(segment.lstrip("@"))
    if not seg:
        return True
    for name in names:
        if seg == name:
            return True
        if len(name) >= 3 and ((seg.startswith(name) and len(seg) <= len(name) + 12)
                               or (name.startswith(seg) and len(seg) >= 3)):
            return True
        if len(name) >= 4 and name in seg and len(seg) <= len(name) + 6:
            return True
    return False


def _is_date(segment: str) -> bool:
    return bool(_NUMERIC_DATE.match(segment.strip()))


def _is_credit(segment: str) -> bool:
    """A glued photo credit or caption stub ("AFP p", "dpa"): no word over 3 letters."""
    words = segment.split()
    return 0 < len(words) <= 2 and all(len(w) <= 3 for w in words)


#: A site name glued to a headline in an unspaced script: "…全面封闭_江城日报",
#: "…临床用药需求-新华网", "…の見通し｜日経": a trailing segment of 2-8 CJK/kana characters
#: after "_", "-", "－", "|" or "｜" without spaces, behind a headline at least twice as
#: long. Chinese and Japanese portals write their names so; a headline's own hyphen sits
#: between longer parts ("中美-东盟…"), which the length bar keeps.
_GLUED_TAIL = re.compile(
    r"^(?P<head>.*[\u3040-\u30ff\u3400-\u9fff].*?)[_\-－|｜](?P<tail>[\u3040-\u30ff\u3400-\u9fff]{2,8})$")


def _glued_site_tail(title: str) -> str:
    found = _GLUED_TAIL.match(title)
    if found and len(found["head"].strip()) >= 2 * len(found["tail"]):
        return found["head"].strip()
    return title


def strip_site(title: str, names: list[str], headings: list[str]) -> str:
    """``title`` without its site name, section and date segments."""
    title = _glued_site_tail(_CREDIT_TAIL.sub("", " ".join(title.split())))
    parts = _SEPARATORS.split(title)
    folded = [p.casefold() for p in parts]
    for name in headings:  # the <h1> says where the headline ends (and starts)
        name = " ".join(name.split())
        if len(name) < 8 or len(name.split()) < 2 or len(parts) == 1:
            continue
        for i in range(len(parts)):
            if i > 0 and len(" ".join(parts[:i]).split()) > 3:
                break  # only a short prefix ("Blog - ", "News - ") goes before the headline
            for j in range(i + 1, len(parts) + 1):
                run = title[title.index(parts[i]):title.index(parts[j - 1]) + len(parts[j - 1])]
                if (i, j) != (0, len(parts)) and run.casefold() == name.casefold() \
                        and folded[i] == name.casefold()[:len(folded[i])]:
                    return run
    if len(parts) == 1:
        return title
    cut = next((i for i, p in enumerate(parts) if i > 0 and (_is_site(p, names)
                                                            or _is_date(p))), None)
    removed = cut is not None
    if removed:
        parts = parts[:cut]
    popped = 0  # after the site: at most two section/author segments ("Local", "Noticias")
    while len(parts) > 1 and (_is_credit(parts[-1]) or
                              (removed and popped < 2 and len(parts[-1].split()) <= 3
                               and len(parts[-1]) <= 30)):
        parts.pop()
        popped += 1
        removed = True
    if len(parts) > 1 and _is_site(parts[0], names):
        parts = parts[1:]
        removed = True
    if not removed:
        return title
    # Put the kept segments back with the separators they had in the title.
    end = 0
    for part in parts:
        end = title.index(part, end) + len(part)
    start = title.index(parts[0])
    return title[start:end].strip()


def clean_title(tree, url: str | None, extracted: str | None) -> str | None:
    """The page's headline: og:title, twitter:title, <title>, then trafilatura's title and
    the first <h1>, each without site segments; the first that is not just the site name."""
    if tree is None:
        return extracted
    names = site_names(tree, url)
    headings = [_text(h) for h in tree.iter("h1")]
    headings = [h for h in headings if h and not _is_site(h, names)]
    titles = [t for t in tree.iter("title")]
    candidates = [*_metas(tree, "og:title", "twitter:title"),
                  *(_text(t) for t in titles[:1]), *headings[:1], extracted or ""]
    for candidate in candidates:
        if not candidate:
            continue
        cleaned = strip_site(candidate, names, headings)
        if not cleaned or _is_site(cleaned, names) or len(cleaned) < 3:
            continue
        if len(cleaned.split()) == 1 and headings and len(headings[0].split()) >= 4:
            return headings[0]  # a one-word <title> ("MEDEF") is the site, the <h1> is news
        if _STRONG_SEPARATOR.search(cleaned):
            # A segment no rule could name is left ("… – Fashionblog aus Köln"): the page's
            # own <h1>, else trafilatura's title when it is one of the segments, is cleaner.
            if headings and len(headings[0].split()) >= 3:
                return headings[0]
            if extracted and extracted != candidate and extracted in cleaned:
                return extracted
        return cleaned
    return extracted


def title_date(tree) -> datetime | None:
    """A date written as its own segment of the page title ("… | DW | 10.06.2013")."""
    for title in [*_metas(tree, "og:title"), *(_text(t) for t in tree.iter("title"))]:
        for part in _SEPARATORS.split(title)[1:]:
            m = _NUMERIC_DATE.match(part.strip())
            if m:
                day, month, year = (m[1], m[2], m[3]) if m[1] else (m[6], m[5], m[4])
                try:
                    return datetime(int(year), int(month), int(day), tzinfo=UTC)
                except ValueError:
                    continue
    return None


def _walk_after_h1(tree):
    """(element or None, text) in document order after the first non-empty <h1>."""
    from lxml import etree

    seen_h1 = False
    for event, node in etree.iterwalk(tree, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start" and tag in _SKIP:
            continue
        if not seen_h1:
            if event == "end" and tag == "h1" and _text(node):
                seen_h1 = True
                yield None, node.tail or ""
            continue
        if event == "start":
            yield node, node.text or ""
        else:
            yield None, node.tail or ""


def byline_dates(tree) -> tuple[str | None, datetime | None]:
    """The ``datetime`` of the first <time> and the first day-precision date written in
    the text, both within ``BYLINE_WINDOW`` characters after the headline."""
    lang = ((tree.getroot().get("lang") if hasattr(tree, "getroot") else tree.get("lang"))
            or "en")[:2].lower()
    stamp = marked = None
    text = ""
    for node, piece in _walk_after_h1(tree):
        inside = len(text) < BYLINE_WINDOW
        if node is not None and node.tag == "time" and stamp is None and inside:
            stamp = node.get("datetime") or None
        if node is not None and marked is None and _DATE_CLASS.search(
                f"{node.get('class') or ''} {node.get('id') or ''}"):
            marked = _first_day(_text(node)[:80], lang)
        text += " ".join(piece.split()) + " " if piece.strip() else ""
        if len(text) >= MARKED_WINDOW:
            break
    return stamp, _first_day(text[:BYLINE_WINDOW], lang) or marked


def _first_day(text: str, lang: str) -> datetime | None:
    from rashomon.extract.dates import extract_dates
    from rashomon.text.normalize import normalize_chars

    # the date readers read the cleaned text, whose Persian and Arabic-Indic digits are
    # ASCII: a byline "سه‌شنبه ۱۴ اسفند ۱۴۰۳" read as no date at all, "14 اسفند 1403" right
    for mention in extract_dates(normalize_chars(text, lang), lang, None):
        if mention.granularity == "day":
            try:
                return datetime.fromisoformat(mention.value).replace(tzinfo=UTC)
            except ValueError:
                continue
    return None
