"""The article-level passes over resolved mentions (``extract.discourse``)."""

from __future__ import annotations

import random
import re

from rashomon.core.facts import Mention
from rashomon.extract import discourse


def _regex_matches(text: str, forms: list[str]) -> list[tuple[int, int, str]]:
    """What the expression ``_whole_words`` stands for finds."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_whole_words_finds_what_the_alternation_finds() -> None:
    # letters, digits, "_", a combining mark (not a word character), Cyrillic, spaces and
    # punctuation: forms that nest, overlap and touch, in random texts
    alphabet = "ab_ .-'1éß\u0301Я"
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        forms = list(dict.fromkeys("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
                                   for _ in range(rng.randint(1, 5))))
        forms.sort(key=len, reverse=True)
        assert discourse._whole_words(text, forms) == _regex_matches(text, forms), (text, forms)


def test_whole_words_takes_the_first_form_that_fits_at_a_place() -> None:
    text = "Orlov, Orlovsky and Pavel Orlov_ met Orlov."
    assert discourse._whole_words(text, ["Pavel Orlov", "Orlov"]) == [
        (0, 5, "Orlov"), (37, 42, "Orlov")]
    # at one place the first listed form wins when both fit
    assert discourse._whole_words("New York City", ["New York City", "New York"]) == [
        (0, 13, "New York City")]
    assert discourse._whole_words("New York City", ["New York", "New York City"]) == [
        (0, 8, "New York")]


def test_a_surname_alone_repeats_its_person() -> None:
    text = "Pavel Orlov arrived on Monday. Orlov said the talks would go on; Orlovsky left."
    first = Mention(0, 11, "Pavel Orlov", "PER", key="prlv", score=0.9)
    out = discourse._repeats(text, [first])
    assert [(m.start, m.end, m.text, m.label) for m in out] == [
        (0, 11, "Pavel Orlov", "PER"), (31, 36, "Orlov", "PER")]
    assert out[1].score == 0.81
