"""Quotes: direct speech in quotation marks and reported speech, with the speaker.

Speech is marked the same way in every outlet of a language — quotation marks of a few
kinds and a closed set of speech verbs and attribution cues, listed per language in
``rashomon/lang/<code>.toml`` (``[quotes]``). The speaker is the PER/ORG mention nearest
the speech verb next to the quote, on whichever side the language puts it ("said X",
"X said", "X گفت", "заявил X", "X表示").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from rashomon.core.facts import Mention, Quote
from rashomon.extract.entities import TRUST
from rashomon.extract.lexicon import Lexicon, lexicon_languages
from rashomon.extract.quote_addressees import addressed
from rashomon.extract.quote_bodies import NAMED_REACH, body_speaker, body_subject, generic_body
from rashomon.extract.quote_dashes import dash_quotes, dash_speech
from rashomon.extract.quote_kinds import not_speech
from rashomon.extract.quote_marks import close_of, lost_openers
from rashomon.extract.quote_names import (
    pronoun_side,
    reported_mood,
    sentence_subject,
    untagged_after,
)
from rashomon.extract.quote_roles import role_speaker, roles, subject_role, untagged_subject
from rashomon.extract.quote_subjects import (
    SENTENCE_END,
    Speakers,
    VerbIndex,
    clause_end,
    last_person,
    reported_speaker,
)
from rashomon.extract.quote_subjects import (
    subject as verb_subject,
)
from rashomon.text.spans import SpanIndex

_OPENERS = re.compile(r"[«“„「『\"‹]")
_CLOSING_AFTER = (",", ".", "!", "?")
_SPEAKER_LABELS = ("PER", "ORG")
# How far from a quote its attribution may stand (characters): "…», ha affermato X" and
# 'X said on Tuesday: "…' fit; a name in the next sentence does not.
_AFTER, _BEFORE = 120, 160
# ... after a word of four letters or more, or a line's end
_WORD_STOP = re.compile(r"(?<=[^\W\d_]{4})[.!?]\s|\n")



@cache
def _cues(language: str | None) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Speech-verb pattern and attribution cues of ``language`` (all languages when it
    is unknown or its data file lists no speech verbs)."""
    own = bool(language) and bool(Lexicon(language).words("quotes", "speech_verbs"))
    languages = [language] if own else lexicon_languages()
    verbs: set[str] = set()
    according: set[str] = set()
    for lang in languages:
        lexicon = Lexicon(lang)
        verbs.update(lexicon.words("quotes", "speech_verbs"))
        # a postposition ("Ermittlungen zufolge", "habere göre") is a cue next to its name
        # but opens no "cue X, sentence" reading
        verbs.update(lexicon.words("quotes", "according_after"))
        according.update(lexicon.words("quotes", "according_to"))
    words = sorted(verbs | according, key=len, reverse=True)
    if not words:
        return None, None
    body = "|".join(re.escape(w) for w in words)
    # whole words in spaced scripts; CJK verbs stand between characters
    verb = re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])|(?:{body})(?=[\u3040-\u9fff])")
    if not according:
        return verb, None
    cue = "|".join(re.escape(w) for w in sorted(according, key=len, reverse=True))
    # "According to X, <reported sentence>": the cue opening a sentence, a short name, a
    # comma, the sentence. Mid-sentence the cue qualifies a clause of its own ("werden
    # laut der Polizei vernommen, ihre Angaben ...", "..., بحسب قناة العربية."): what
    # follows its comma is not what X said (SemEval dev, tune part: 6 of 6 such readings
    # in de/pl/ar wrong)
    reported = re.compile(rf"(?:^|(?<=[.!?\n。！？])\s*|(?<=[.!?][\"”»])\s*)\b(?:{cue})\s*"
                          r"([^,，،.。\n]{2,60})[,，،]\s*([^.。\n!?！？]{10,400}[.!?。！？]?)",
                          re.IGNORECASE)
    return verb, reported


def extract_quotes(text: str, mentions: list[Mention],
                   language: str | None = None) -> list[Quote]:
    """Direct quotes (with the speaker when a speech verb stands next to them) and
    reported-speech sentences introduced by an attribution cue."""
    return quotes_and_persons(text, mentions, language)[0]


def quotes_and_persons(text: str, mentions: list[Mention],
                       language: str | None = None) -> tuple[list[Quote], list[Mention]]:
    """``extract_quotes``, and the mentions with what the quotes tell of them: a name a
    personal pronoun continues as the speaker ("Bong Joon Ho said ... he added") is a
    person, so its mentions the model typed otherwise, unsure (under ``TRUST``), become
    PER (new objects; the others are returned as they are)."""
    verbs, according = _cues(language)
    speakers = Speakers(m for m in mentions if m.label in _SPEAKER_LABELS)
    persons: set[str] = set()
    quotes = _direct(text, speakers, verbs, _pronouns(language), persons, _clause(language),
                     roles(language), Speakers(mentions), language)
    if verbs is not None and dash_speech(language):
        dashed = _dashed(text, speakers, verbs, roles(language), language)
        inside = SpanIndex((q.start, q.end) for q in dashed)
        quotes = [q for q in quotes if not inside.overlaps(q.start, q.end)] + dashed
    taken = SpanIndex((q.start, q.end) for q in quotes)
    for quote in _reported(text, speakers, according):
        if not taken.overlaps(quote.start, quote.end):
            quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    if persons:
        mentions = [replace(m, label="PER") if m.text in persons and m.label != "PER" and
                    m.score < TRUST else m for m in mentions]
    return quotes, mentions


def _dashed(text: str, speakers: Speakers, verbs: re.Pattern, role_words,
            language: str | None = None) -> list[Quote]:
    """Dash-opened speech ("– Nie zgadzamy się – powiedział minister."), its speaker the
    subject of the speech verb after the second dash: a name, else the person a role noun
    stands for (``quote_roles``)."""
    out = []
    for start, end, verb in dash_quotes(text, verbs):
        # the attribution runs to its sentence's end, not to an abbreviation's dot
        # ("– powiedział prof. Jan Nowak")
        stop = _WORD_STOP.search(text, verb.end(), verb.end() + _AFTER)
        hi = stop.start() + 1 if stop else min(len(text), verb.end() + _AFTER)
        subject = verb_subject([m for m in speakers.between(verb.end(), hi) if not addressed(
            text, verb, m.start, language, role_words)], verb)
        if role_words is not None and (subject is None or subject.label != "PER"):
            role = subject_role(text, verb, verb.start(), hi, start, end, role_words,
                                [m for m in speakers.between(verb.end(), hi)
                                 if m.label == "ORG"],
                                lambda at, v=verb: addressed(text, v, at, language, role_words))
            if role is not None:
                subject = role_speaker(text, role, start, speakers, role_words)
        out.append(Quote(start, end, text[start:end], subject.text if subject else None, True))
    return out


@cache
def _clause(language: str | None) -> re.Pattern | None:
    """A complementizer of ``language`` (``[quotes] complementizers``: "that", "que",
    "dass", "أن") as a whole word: it opens the reported clause after a speech verb."""
    words = Lexicon(language).words("quotes", "complementizers") if language else []
    if not words:
        return None
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])", re.IGNORECASE)


@cache
def _pronouns(language: str | None) -> re.Pattern | None:
    """A third-person pronoun of ``language`` (``[quotes] pronouns``) as a whole word."""
    words = Lexicon(language).words("quotes", "pronouns") if language else []
    if not words:
        return None
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])", re.IGNORECASE)


# How far back (characters) the name a pronoun refers to may stand: the quote before in
# the same paragraph or the one before it ("“…,” quipped Pitt of his role. “…,” he said"),
# or the sentence before ("X said backstage that … He added: “…”"). Set by hand on the
# real Reuters page (its two pronoun quotes stand 15 and 127 characters after the name;
# 300 is about two news sentences), then measured on the 107 pages of trafilatura 0.9.3's
# test cache with text (2026-12-03, English pages; no German or French page attributes a
# quote to a pronoun): with no limit, 9 pronoun quotes get a speaker, 8 right; at 300, 8
# get one, 7 right. The limit dropped one right speaker (Nature: "he says" 1,036
# characters, three paragraphs, after "says Li"); the wrong one ("UCEA …,” he said": an
# unnamed spokesman) stands 156 characters after the name, so distance does not separate
# right from wrong on these pages: what does is that no other name stands between. Kept
# at 300: one case is too thin to widen it on.
_CONTINUE = 300


def _direct(text: str, speakers: Speakers, verbs: re.Pattern | None,
            pronouns: re.Pattern | None = None, persons: set[str] | None = None,
            clause: re.Pattern | None = None, role_words=None,
            names: Speakers | None = None, language: str | None = None) -> list[Quote]:
    """Quotes in quotation marks with their speakers; ``persons`` collects the names a
    pronoun speaker was resolved to. Given ``names`` (all the article's mentions), text
    in quotation marks that is a name, a title or scare quotes is left out
    (``quote_kinds``)."""
    out: list[Quote] = []
    spoken: list[tuple[Quote, Mention]] = []  # the quotes with a speaker, and its mention
    verb_index = VerbIndex(verbs, text) if verbs is not None else None
    hidden: set[int] = set()  # not speech, kept in ``out`` only to carry its speaker on
    marked: list[tuple[int, int]] = []  # every span in quotation marks so far
    position = 0
    while True:
        opener = _OPENERS.search(text, position)
        if opener is None:
            break
        if opener.group() == '"' and text[opener.start() - 1:opener.start()] in _CLOSING_AFTER \
                and opener.start() > 0 and text[opener.end():opener.end() + 1].isspace():
            # 'flaws," the SPCA said. "Each …': a straight mark after a comma or stop and
            # before a space closes a quote whose opener was lost; reading it as an opener
            # shifts every pair after it
            position = opener.end()
            continue
        found = close_of(text, opener.start())
        if found is None:
            position = opener.end()
            continue
        close, closed = found  # (no closing mark: the quote ends its paragraph)
        inner, end = text[opener.end():close], close + closed
        position = end
        marked.append((opener.start(), end))
        if len(inner.split()) < 4 and len(inner) < 12:
            continue  # "aperti", scare quotes and quoted names are not speech
        speaker = _speaker(text, opener.start(), end, speakers, verbs, clause, role_words,
                           language, pronouns, verb_index, marked[-4:-1])
        # a name, a title or scare quotes is no quote; one with a speaker still carries
        # it to the next quote ("…", sagte X der „Zeitung“. „…“)
        named = names is not None and not_speech(
            text, opener.start(), end, names.between(opener.start(), end),
            speaker is not None or _attributed(text, opener.start(), end, verbs),
            language)
        if named and speaker is None:
            continue
        if speaker is None and verbs is not None:
            speaker, by_pronoun = _continued(text, opener.start(), end, out, spoken,
                                             speakers, verbs, pronouns, reported_mood(language))
            if speaker is not None and by_pronoun and persons is not None:
                persons.add(speaker.text)
        quote = Quote(opener.end(), close, inner, speaker.text if speaker else None, True)
        out.append(quote)
        if speaker is not None:
            spoken.append((quote, speaker))
        if named:
            hidden.add(id(quote))
    for start, close in lost_openers(text, marked, verbs) if verbs is not None else ():
        speaker = _speaker(text, start, close + 1, speakers, verbs, clause, role_words,
                           language, pronouns, verb_index, [])
        out.append(Quote(start, close, text[start:close], speaker and speaker.text, True))
    return [q for q in out if id(q) not in hidden]


def _attributed(text: str, start: int, end: int, verbs: re.Pattern | None) -> bool:
    """Whether a speech verb or attribution cue stands in the quote's window, outside it."""
    if verbs is None:
        return False
    lo, hi = _window(text, start, end)
    return any(v.end() <= start or v.start() >= end for v in verbs.finditer(text, lo, hi))


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The attribution window around a quote, not crossing a sentence end outside it nor
    a line break (a paragraph's attribution is in that paragraph)."""
    line = text.rfind("\n", 0, start) + 1
    if _OPENS_LINE.fullmatch(text, line, start) and text[:line].rstrip().endswith(":"):
        # "وقال المدير العام ... في جنيف:\n\n«…»": the quote opens a paragraph the one
        # before introduces with a colon; that one's end is its attribution
        line = text.rfind("\n", 0, len(text[:line].rstrip())) + 1
    lo = max(0, start - _BEFORE, line)  # nor a paragraph's
    ends = list(SENTENCE_END.finditer(text, lo, start))
    if ends:
        lo = ends[-1].end()
    hi = min(len(text), end + _AFTER)
    if _ends_sentence(text, start, end):
        # “… for me.” Advertisement / „… mit sich." Ex-Bürgermeister X kritisierte: the
        # quote ended its sentence and a new one begins: no attribution after it
        hi = end
    paragraph = text.find("\n", end, hi)
    if paragraph != -1:
        hi = paragraph
    stop = SENTENCE_END.search(text, end, hi)
    if stop:
        hi = stop.start() + 1
    return lo, hi


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether the quote at ``start..end`` (marks included) ends its sentence: a stop
    just inside the closing mark and a capitalised word after it."""
    if not text[start + 1:end - 1].rstrip().endswith((".", "!", "?")):
        return False
    after = text[end:end + 3].lstrip()
    return bool(after) and after[0].isupper()


def _speaker(text: str, start: int, end: int, speakers: Speakers,
             verbs: re.Pattern | None, clause: re.Pattern | None = None,
             role_words=None, language: str | None = None,
             pronouns: re.Pattern | None = None,
             verb_index: VerbIndex | None = None,
             marked: list[tuple[int, int]] = ()) -> Mention | None:
    """The PER/ORG nearest the speech verb closest to the quote, outside the quote and
    the spans in quotation marks before it (``marked``: a name in a quoted title, “The
    Power of Hope,” which the tournament says “…”, is no speaker); when
    no person stands next to the verb but a role noun does ("sagte der CDU-Politiker"),
    the person the role stands for (``quote_roles``)."""
    if verbs is None:
        return None
    lo, hi = _window(text, start, end)
    # a verb after the quote that opens the next one ("«…», وكتب X: «…»", "“…” Smith
    # added: “…”") is that quote's attribution
    found = [v for v in verbs.finditer(text, lo, hi)
             if v.end() <= start or (v.start() >= end and not _INTRODUCES.match(text, v.end()))]
    found.sort(key=lambda v: v.start() - end if v.start() >= end else start - v.end())
    # (a span with a speech verb inside is narration between two quotes paired wrongly,
    # '"…! Kempter erklärte. X erklärte, Y "…"', not a quote)
    marked = [(a, b) for a, b in marked if not verbs.search(text, a, b)]
    outside = [m for m in speakers.between(lo, hi) if (m.end <= start or m.start >= end) and
               not any(a <= m.start and m.end <= b for a, b in marked)]
    for verb in found:
        side = pronoun_side(text, verb, pronouns)
        if side < 0:
            continue  # "he told Reuters": the pronoun is the subject, not the name after
        # "sagte er in Rust der Deutschen Presse-Agentur": the pronoun after the verb is its
        # subject; a name further on is the one spoken to
        near = [m for m in outside if m.end <= verb.start()] if side > 0 else outside
        # "«…», reprocha al dirigente X": the one spoken to is no subject (quote_addressees)
        near = [m for m in near if not addressed(text, verb, m.start, language, role_words)]
        subject = verb_subject(near, verb, clause=(text, clause) if clause else None)
        if side > 0 and subject is None:
            continue
        if role_words is not None and (subject is None or subject.label != "PER"):
            role = subject_role(text, verb, lo, hi, start, end, role_words,
                                [m for m in outside if m.label == "ORG"],
                                lambda at, v=verb: addressed(text, v, at, language, role_words))
            if role is not None:
                person = role_speaker(text, role, start, speakers, role_words)
                if person is None and language and verb.start() >= end and \
                        _ADJACENT.fullmatch(text, end, verb.start()):
                    # "…», dijo la directora Inés Calvo.": the name the role introduces
                    person = untagged_after(text, verb, language, role_words)
                return person
        if subject is not None:
            return subject
        noun = body_subject(text, verb, lo, hi, start, end, language)
        if noun is not None:
            # a generic word ("the statement", "das Unternehmen") is first the body a
            # speech verb had as its subject before ("قالت وزارة الخارجية ... وختم البيان")
            reach = max(0, start - NAMED_REACH)
            said = reported_speaker(text, reach, start, [], Speakers(
                m for m in speakers.between(reach, start) if m.label == "ORG"),
                verb_index or verbs) if generic_body(noun, language) else None
            return said or body_speaker(text, noun, start, speakers, language)
    # "X, “…” dedi": the name just before the quote, the verb just after it (SOV order,
    # and "X: «…» – dodał"): the quote stands between subject and verb
    if found and found[0].start() >= end and _ADJACENT.fullmatch(text, end, found[0].start()):
        before = [m for m in outside if m.end <= start and _ADJACENT.fullmatch(text, m.end, start)]
        if before:
            return before[-1]
        # ("X, … belirterek, “…” ifadelerini kullandı": in a subject-first language, the
        # sentence's subject opens it, a clause or two before the quote)
        first = sentence_subject(text, [m for m in outside if m.end <= start], language)
        if first is not None:
            return first
    # "Igea: «Quienes triunfan …»", "Mehmet Özdilek: “…”": a name and a colon open the
    # quote (SemEval dev, tune part, ~540 quotes: 6 speakers added, all right)
    named = [m for m in outside if m.end <= start and _COLON.fullmatch(text, m.end, start)]
    if named:
        return named[-1]
    # ... and a headline's quote, a colon and the person who said it, maybe behind role
    # nouns ("«Ganz plötzlich bumm»: X schildert …", "“…”: Mayor X pledges …")
    named = [m for m in outside if m.start >= end and m.label == "PER" and
             (colon := _COLON.match(text, end, m.start)) and all(
                 role_words is not None and role_words.role(w) is not None
                 for w in text[colon.end():m.start].split()[:3]) and
             len(text[colon.end():m.start].split()) <= 2]
    if named:
        return named[0]
    # "…,” said Hannity.": a name the model did not tag, right after the verb next to
    # the quote
    if language and found and found[0].start() >= end and \
            _ADJACENT.fullmatch(text, end, found[0].start()):
        return untagged_subject(text, found[0], language) or \
            untagged_after(text, found[0], language, role_words)
    return None


# Nothing more in the clause: a stop, or the end of the line or text
_CLAUSE_END = re.compile(r"\s*(?:[.!?;]|\n|$)")
# A speech verb's clause that ends in a colon and a quotation mark: it introduces that quote
_INTRODUCES = re.compile(r"[^.!?\n\"“”«»„]{0,60}?:\s*[«“„\"]")
# Nothing but spaces between a line's start and a quote's opening mark
_OPENS_LINE = re.compile(r"[ \t]*")
# A colon, and nothing else, between a name and the quote it opens
_COLON = re.compile(r"\s*:\s*")
# What may stand between a quote and the name or verb right next to it: closing
# punctuation, a comma, a colon or a dash.
_ADJACENT = re.compile(r"[\s,:;.–—-]{0,4}")


def _continued(text: str, start: int, end: int, before: list[Quote],
               spoken: list[tuple[Quote, Mention]], speakers: Speakers, verbs: re.Pattern,
               pronouns: re.Pattern | None,
               mood: re.Pattern | None = None) -> tuple[Mention | None, bool]:
    """The speaker of a quote attributed to a pronoun ("he said") or to no one named: the
    last name given as a speaker before it — of the last quote with a speaker ("“…,”
    said X. “…,” he said"), or, after a pronoun, the subject of a speech verb in reported
    speech ("X said backstage that … He added: “…”") — at most _CONTINUE characters
    earlier, when no other person or body is named between. A quote with no name in its
    window continues the quote before it when nothing or only a bare speech verb
    attributes it ("“…,” Russell said. “…”", "«…», apuntó.", "وأضاف: «…»"). A personal
    pronoun does not stand for a body the model is sure of (a name typed ORG at
    ``TRUST`` or more). A sentence with no speech verb in a reported mood (``mood``: "Er
    habe dem Land ein «…» beschert") goes on as a pronoun's does. Returns the speaker and
    whether a pronoun named it."""
    lo, hi = _window(text, start, end)
    said = pronouns is not None and any(
        pronouns.fullmatch(word.strip(".,;:!?"))
        for verb in verbs.finditer(text, lo, hi)
        if verb.end() <= start or verb.start() >= end
        for word in (text[max(lo, verb.start() - 12):verb.start()].split()[-1:] +
                     text[verb.end():min(hi, verb.end() + 12)].split()[:1] +
                     re.split(r"[-\s]", verb.group())))
    reach = max(0, start - _CONTINUE)
    if not said and mood is not None and not _attributed(text, start, end, verbs):
        said = mood.search(text, lo, start) is not None or mood.search(text, end, hi) is not None
        by_pronoun = False
    else:
        by_pronoun = said
    if not said:
        named_here = any(m.end <= start or m.start >= end for m in speakers.between(lo, hi))
        if named_here or not _bare(text, start, end, lo, hi, verbs):
            return None, False
        # only the quote just before, in the same paragraph, is continued; with no quote
        # before it in the paragraph, the one person the paragraph names
        paragraph = text.rfind("\n", 0, start) + 1
        # (a bare speech verb, not a quote with no attribution at all: "«…», hieß es" is
        # no one's)
        verb_here = _attributed(text, start, end, verbs)
        last_spoken = bool(spoken) and spoken[-1][0] is (before[-1] if before else None)
        # a bare verb goes on from the quote before across a paragraph break too ("X:
        # «…».\n\nوعن عودة الدوري قال: «…»"): the subject a pro-drop verb leaves out
        if not last_spoken or ("\n" in text[spoken[-1][0].end:start] and not verb_here):
            if (before and before[-1].end > paragraph) or not verb_here:
                return None, False
            return last_person(max(reach, paragraph), start, before, speakers), False
    # (where the naming ends, the name): names between that point and the quote block it
    # (a quote's own attribution clause, to its sentence's end, names no one new: "«…»,
    # sagte er der Deutschen Presse-Agentur. «…»")
    named = [(max(clause_end(text, quote.end, start), m.end), m)
             for quote, m in spoken[-1:] if quote.end >= reach]
    reported = reported_speaker(text, reach, lo, before, speakers, verbs) if said else None
    if reported is not None:
        named.append((reported.end, reported))
    if not named:
        # "X, whose government …, denounced graft. “…,” he said": no speech verb named
        # anyone, and one person alone is named before the pronoun
        person = last_person(reach, start, before, speakers) if said else None
        return person, person is not None and by_pronoun
    point, antecedent = max(named, key=lambda x: x[0])
    if by_pronoun and antecedent.label != "PER" and antecedent.score >= TRUST:
        return None, False
    between = speakers.between(point, start)
    if all(m.text == antecedent.text for m in between):
        return antecedent, by_pronoun
    return None, False


def _bare(text: str, start: int, end: int, lo: int, hi: int, verbs: re.Pattern) -> bool:
    """Whether nothing but a bare speech verb right next to it attributes the quote at
    ``start..end`` in its window ``lo..hi``: no speech verb at all, or one adjacent to
    the quote ("«…», apuntó.", "وأضاف: «…»")."""
    found = [v for v in verbs.finditer(text, lo, hi) if v.end() <= start or v.start() >= end]
    # after the quote, the verb ends its sentence: "», apuntó." has no subject, "»,
    # indique le JDD." has one the model did not tag
    return all(_ADJACENT.fullmatch(text, end, v.start()) and _CLAUSE_END.match(text, v.end())
               if v.start() >= end else _ADJACENT.fullmatch(text, v.end(), start)
               for v in found)


# The longest source named without a PER/ORG mention after an attribution cue ("according
# to the data", "według stacji", "selon les autorités locales"). SemEval dev, tune part:
# of the longer unnamed sources read, none was a source alone (the cue's clause glued on:
# "naukowców ludzie zgadzają się z wirusem").
_SOURCE_WORDS = 3


def _reported(text: str, speakers: Speakers, pattern: re.Pattern | None) -> list[Quote]:
    """'According to X, …' sentences: reported speech whose speaker is X."""
    if pattern is None:
        return []
    out = []
    for match in pattern.finditer(text):
        name_start, name_end = match.span(1)
        speaker = next((m.text for m in speakers.between(name_start, name_end)), None)
        if speaker is None and len(match.group(1).split()) > _SOURCE_WORDS:
            continue  # "según X, ..." with no name in X: a short source or nothing
        start = match.start(2)
        body = match.group(2).strip()
        speaker_text = speaker or match.group(1).strip()
        out.append(Quote(start, start + len(body), body, speaker_text, False))
    return out
