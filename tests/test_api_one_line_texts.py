"""README's first Python example, ``rashomon.similarity(text_a, text_b)``, on two texts of
one sentence each (what a newcomer types first): both were refused as "only a title (16
words)", since a text's first line is its title and a title alone is no article. A text
of one line is now all body."""

from __future__ import annotations

import pytest

import rashomon
from rashomon.errors import RashomonError

SAME_A = ("Die Stadt Mainz hat die Theodor-Heuss-Brücke am Dienstagabend gesperrt, nachdem "
          "Ingenieure Risse in zwei Pfeilern entdeckt hatten.")
SAME_B = ("Mainz closed the Theodor Heuss bridge on Tuesday evening after engineers found "
          "cracks in two of its pillars, the city said.")
OTHER = ("Le Parlement portugais a adopté vendredi le budget de l'an prochain à une courte "
         "majorité, après trois jours de débats à Lisbonne.")


def test_one_sentence_texts_are_scored():
    same, other = rashomon.similarity(SAME_A, SAME_B), rashomon.similarity(SAME_A, OTHER)
    assert same > 0.5 > other


@pytest.mark.parametrize("junk", ["Brücke gesperrt", "Mainz"])
def test_a_one_line_text_too_short_for_an_article_is_still_refused(junk):
    with pytest.raises(RashomonError) as raised:
        rashomon.similarity(junk, SAME_B)
    assert raised.value.code == "E203" and "first text" in raised.value.message
