"""Who a speech verb's subject is when the PER/ORG mentions alone do not say: a personal
pronoun right next to the verb ("he told Reuters", "sagte er ... der Deutschen
Presse-Agentur") is the subject, so a name on the pronoun's far side is the one spoken
to, not the speaker."""

from __future__ import annotations

import re

# What may stand between a speech verb and a pronoun subject right next to it: spaces, a
# comma ("“…”, he said"), or a hyphen of French inversion ("a-t-il")
_JOIN = re.compile(r"[\s,-]{1,3}")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s,]{1,3}$")
_WORD_AFTER = re.compile(r"[\s,]{1,3}([^\W\d_]+)")


def pronoun_side(text: str, verb: re.Match, pronouns: re.Pattern | None) -> int:
    """-1 when a personal pronoun of the language stands right before ``verb`` ("he
    told"), 1 when right after it ("sagte er", "dijo él"), else 0."""
    if pronouns is None:
        return 0
    before = _WORD_BEFORE.search(text, max(0, verb.start() - 16), verb.start())
    if before and pronouns.fullmatch(before.group(1)):
        return -1
    after = _WORD_AFTER.match(text, verb.end())
    if after and pronouns.fullmatch(after.group(1)):
        return 1
    return 0
