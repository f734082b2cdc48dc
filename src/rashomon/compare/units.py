"""Sentence units: the sentences of each witness article with the facts inside them.

A *witness* is one independent source of a story. Syndicated copies
(``Article.duplicate_of`` pointing to another article of the story) are not witnesses:
twenty reprints of one wire story are one account. Articles of the same outlet are one
witness too (an outlet that updates its story does not agree with itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from rashomon.core import Article, ArticleFacts, DateMention, Entity, Evidence, Quantity
from rashomon.extract.dates import reference_time
from rashomon.text.sentences import split_sentences

#: Sentences shorter than this (in characters, after trimming) are datelines, bylines,
#: captions or debris ("news", "Leave a Reply"), never claims. Calibrated on the seeds
#: and the test stories: the shortest real claim sentence there is 31 characters
#: ("Погибли четыре сотрудника МВД."); the longest debris line 19.
MIN_CLAIM_CHARS = 24

#: CJK sentences carry 2-3 times more meaning per character than alphabetic ones.
MIN_CLAIM_CHARS_CJK = 10

#: A line without final punctuation and with fewer words than this is a heading, a
#: headline or a photo caption ("Negoziati segreti in Turchia"); they repeat body
#: sentences and are not claims. In the seeds headlines and captions have 4-22 words and
#: every body paragraph ends with punctuation.
HEADING_MAX_WORDS = 30

#: Leading sentences of an article kept for alignment: bounds embedding work on very long
#: articles (a 20-article story must report in < 5 s). News puts its facts first; in the
#: sample corpus no article has more than 40 sentences.
MAX_UNITS_PER_ARTICLE = 60

_FINAL = ".!?…؟۔।。！？\"'”»)"


@dataclass
class Unit:
    """One claim-worthy sentence of a witness article and the facts it states."""

    index: int
    article_id: int
    source: str
    language: str | None
    start: int
    end: int
    text: str
    position: int  # sentence number inside its article
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entity_keys: set[str] = field(default_factory=set)
    entity_labels: dict[str, str] = field(default_factory=dict)

    def keys_labelled(self, label: str) -> set[str]:
        """Entity keys of one type ("LOC", "PER") named in the sentence."""
        return {k for k, lab in self.entity_labels.items() if lab == label}

    def evidence(self) -> Evidence:
        return Evidence(
            self.article_id, self.text, self.start, self.end, self.source, self.language
        )


@dataclass
class Witness:
    """One independent source: its articles and their units."""

    source: str
    articles: list[Article]
    copies: list[Article] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    #: Sentences this witness does not state itself (for a copy's additions: what its
    #: original already said), as ``_sentence_key`` values.
    known: set[str] = field(default_factory=set)


def source_of(article: Article) -> str:
    """Outlet name of an article: its domain, else a stable per-article label."""
    return article.source_domain or f"article-{article.id}"


def build_witnesses(articles: list[Article]) -> list[Witness]:
    """Group a story's articles into independent witnesses, copies attached to originals."""
    ids = {a.id for a in articles}
    by_source: dict[str, Witness] = {}
    copies: list[Article] = []
    for article in sorted(articles, key=_publish_key):
        if article.duplicate_of is not None and article.duplicate_of in ids:
            copies.append(article)
            continue
        source = source_of(article)
        by_source.setdefault(source, Witness(source, [])).articles.append(article)
    owner = {a.id: w for w in by_source.values() for a in w.articles}
    for copy in copies:
        original = _root(copy, {a.id: a for a in articles})
        witness = owner.get(original)
        if witness is not None:
            witness.copies.append(copy)
    return list(by_source.values())


def copy_additions(witnesses: list[Witness]) -> list[Witness]:
    """What syndicated copies add to the wire text they reprint, as non-independent
    witnesses: a local paper that reprints an agency story and appends its own paragraph
    (sample corpus: a Margate couple under a reprinted Evia fire report, a Siberian
    conscript under a Moscow agency story) adds a claim only it makes. The reprinted
    sentences stay with the original, so twenty reprints still make one witness."""
    taken = {w.source for w in witnesses}
    additions: list[Witness] = []
    for witness in witnesses:
        said = {_sentence_key(s.text) for a in witness.articles
                for s in split_sentences(a.maintext)}
        for copy in witness.copies:
            source = source_of(copy)
            if source in taken:
                continue
            taken.add(source)
            additions.append(Witness(source, [copy], known=said))
    return additions


def _sentence_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _root(article: Article, by_id: dict[int, Article]) -> int | None:
    """The original at the end of a chain of copies (guarding against cycles)."""
    seen: set[int] = set()
    current = article
    while current.duplicate_of is not None and current.duplicate_of in by_id:
        if current.id in seen:
            break
        seen.add(current.id)
        current = by_id[current.duplicate_of]
    return current.id


def trusted_publish(article: Article) -> datetime | None:
    """The publish time a claim of ``article`` may be dated by: none when ingest trusts it
    less than ``extract.dates.TRUSTED_PUBLISH`` (a text guess that took a teaser's day, a
    byline of a related story). Extraction reads such an article as undated (its
    "yesterday" is not resolved); the comparison does the same, so a low-confidence time
    neither resolves a weekday, nor flags a date as past or future, nor dates a figure."""
    return reference_time(article.date_publish, article.date_publish_confidence)


def _publish_key(article: Article) -> tuple:
    stamp = article.date_publish.timestamp() if article.date_publish else float("inf")
    return (stamp, article.id or 0)


def fill_units(
    witnesses: list[Witness], facts: dict[int, ArticleFacts], entities: list[Entity]
) -> list[Unit]:
    """Split every witness article into claim-worthy units carrying their facts."""
    occurrence_ids = _occurrence_index(entities)
    labels = {e.id: e.label for e in entities}
    units: list[Unit] = []
    for witness in witnesses:
        for article in witness.articles:
            art_facts = facts.get(article.id) or ArticleFacts(article_id=article.id)
            for position, span in enumerate(claim_spans(article.maintext)):
                if witness.known and _sentence_key(span.text) in witness.known:
                    continue
                unit = Unit(
                    len(units), article.id, witness.source, article.language,
                    span.start, span.end, span.text, position,
                )
                _attach_facts(unit, art_facts, occurrence_ids.get(article.id, {}), labels)
                units.append(unit)
                witness.units.append(unit)
    return units


def claim_spans(text: str) -> list:
    """The claim-worthy sentence spans of a text (at most MAX_UNITS_PER_ARTICLE)."""
    spans = [s for s in split_sentences(text)
             if is_claim_worthy(s.text, text, s.end, s.start)]
    return spans[:MAX_UNITS_PER_ARTICLE]


def is_claim_worthy(sentence: str, text: str = "", end: int = 0,
                    start: int | None = None) -> bool:
    """Can this sentence carry a claim (not debris, a caption or a heading)?

    A heading is a line of its own: a sentence that ends its line without final
    punctuation but began inside a paragraph (``start`` not at a line start) is a body
    sentence cut short, as the last sentence of a truncated text is, or one with a byline
    run on ("... 900 sklepów. autor: ..."). On the real-news comparison set's tune half
    (bench/bench_real_compare.py) every such sentence read was a claim; measured there
    and on the held-out comparison (see README, Comparison)."""
    cjk = sum(1 for c in sentence if "\u3040" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    minimum = MIN_CLAIM_CHARS_CJK if cjk > len(sentence) / 3 else MIN_CLAIM_CHARS
    if len(sentence) < minimum:
        return False
    if cjk:
        return True
    words = len(sentence.split())
    ends_line = end >= len(text) or text[end] in "\r\n"
    own_line = start is None or _starts_line(text, start)
    return not (ends_line and own_line and sentence[-1] not in _FINAL
                and words < HEADING_MAX_WORDS)


def _starts_line(text: str, start: int) -> bool:
    """Does the sentence at ``start`` begin a line (only spaces before it on its line)?"""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    return not text[line_start:start].strip()


def _occurrence_index(entities: list[Entity]) -> dict[int, dict[tuple[int, int], str]]:
    """article id -> (start, end) -> entity id, from cross-article entity linking."""
    index: dict[int, dict[tuple[int, int], str]] = {}
    for entity in entities:
        for occ in entity.occurrences:
            index.setdefault(occ.article_id, {})[(occ.start, occ.end)] = entity.id
    return index


def _attach_facts(
    unit: Unit, facts: ArticleFacts, occurrences: dict[tuple[int, int], str],
    labels: dict[str, str],
) -> None:
    """Copy the facts whose offsets fall inside the unit's sentence."""

    def inside(start: int) -> bool:
        return unit.start <= start < unit.end

    unit.quantities = [q for q in facts.quantities if inside(q.start)]
    unit.dates = [d for d in facts.dates if inside(d.start)]
    for mention in facts.mentions:
        if not inside(mention.start):
            continue
        key = (
            occurrences.get((mention.start, mention.end))
            or mention.entity_id
            or mention.key
            or mention.text.casefold()
        )
        unit.entity_keys.add(key)
        unit.entity_labels[key] = labels.get(key, mention.label)
