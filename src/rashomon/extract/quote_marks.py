"""Where a quotation mark's quote ends: its closing mark in the same paragraph, or, when the
closing mark is missing, the end of its paragraph in the two places typography leaves it
out.

- A quote running on into the next paragraph has no closing mark at its paragraph's end;
  the next paragraph opens with a mark again (the English, Spanish and French convention
  for speech over several paragraphs: “… end of one paragraph\\n“Next paragraph …”).
- A text cut off inside a quote (news feeds truncate the body) ends with no closing mark.

Either way the mark must open: it stands at a paragraph's start or after a space, colon
or dash, a letter follows it with no space (an opening mark attaches to the next word, a
closing one to the word before: the “ that closes German „…“ after a lost opener is
followed by a space; « „ 「 『 ‹, which never close, may have one space, as French sets
« Nous …), and no other quotation mark stands between it and the paragraph's
end (a stray mark among others is mis-paired, not left open).
"""

from __future__ import annotations

import re

from rashomon.text.spans import SpanIndex

PAIRS = {"«": "»", "“": "”", "„": "“", "「": "」", "『": "』", '"': '"', "‹": "›", "”": "”"}
# „ closes with “ in German and with ” in Polish, Czech, Romanian and Hungarian: the first
# of the two after it
_ALSO_CLOSES = {"„": "”"}
_ANY_MARK = re.compile(r"[«»“”„\"‹›「」『』]")
# marks that never close: French spacing (« Nous …) may put a space after them
_ONLY_OPENS = "«„「『‹"
# what may stand right before an opening mark
_BEFORE_OPEN = " \t\n:(—–-"
# a paragraph that opens with a quotation mark, after blank lines
_NEXT_OPENS = re.compile(r"\s*[«“„\"‹「『]")


def close_of(text: str, opener: int) -> tuple[int, bool] | None:
    """The index where the quote opened by the mark at ``opener`` ends (its closing mark,
    or the end of its paragraph's text when the mark is left open: see the module note)
    and whether a closing mark ends it; None when neither."""
    mark = text[opener]
    close = text.find(PAIRS[mark], opener + 1)
    if mark in _ALSO_CLOSES:
        other = text.find(_ALSO_CLOSES[mark], opener + 1)
        if other != -1 and (close == -1 or other < close):
            close = other
    newline = text.find("\n", opener + 1)
    if close != -1 and (newline == -1 or close < newline):
        return close, True
    end = len(text) if newline == -1 else newline
    if not _left_open(text, opener, end):
        return None
    return len(text[:end].rstrip()), False


def _left_open(text: str, opener: int, end: int) -> bool:
    """Whether the mark at ``opener`` opens a quote its paragraph (ending at ``end``)
    leaves open: at the text's end or before a paragraph opening with a mark again."""
    if opener > 0 and text[opener - 1] not in _BEFORE_OPEN:
        return False
    after = text[opener + 1:opener + 3]
    if not (after[:1].isalpha() or (text[opener] in _ONLY_OPENS and after[1:].isalpha()
                                    and after[:1] in " \u00a0\u202f")):
        return False
    if _ANY_MARK.search(text, opener + 1, end):
        return False
    rest = text[end:]
    return not rest.strip() or _NEXT_OPENS.match(rest) is not None


# a closing mark: glued to the word or stop before it
_CLOSERS = re.compile(r"(?<=[^\W_]|[.!?…])[”»“\"›」』]")
# between a closing mark and the speech verb after it: a comma, a dash, spaces
_TO_VERB = re.compile(r"[ \t]*[,،]?[ \t]*(?:[–—-][ \t]*)?")
# a sentence's end before the quote: a stop and a space, or a line's end
_SENTENCE_END = re.compile(r"[.!?…][ \t]+|\n")
# how far back the sentence's start is looked for (characters): a longer run with no stop
# is a feed's glued fragments, cut at that length (not tuned: the five such quotes on the
# SemEval tune and fresh2/3 texts are 23-258 characters)
_SENTENCE_REACH = 400


def lost_openers(text: str, marked: list[tuple[int, int]],
                 verbs: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the quotes whose opening mark was lost (cut off or dropped by the
    feed) but whose closing mark stands before a speech verb ("… mit uns reden“, sagte
    sie", "… tej ustawy” – powiedział X", "… artırılmalı” dedi"): the quote is the closing
    mark's sentence (the rest of the speech went with its opening mark). A closing mark
    inside a span already in marks, or with another mark in its sentence (a quoted name
    or a mis-paired mark), is left alone."""
    out = []
    taken = SpanIndex(marked)  # a scan of every quote per closing mark is quadratic
    for match in _CLOSERS.finditer(text):
        close = match.start()
        if taken.overlaps(close, close + 1):
            continue
        verb = _TO_VERB.match(text, close + 1).end()
        if not verbs.match(text, verb):
            continue
        start = max(0, close - _SENTENCE_REACH)
        for end in _SENTENCE_END.finditer(text, start, close - 1):
            start = end.end()
        inner = text[start:close]
        if len(inner.split()) < 4 or _ANY_MARK.search(inner):
            continue
        out.append((start, close))
    return out
