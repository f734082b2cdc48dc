"""``rashomon.similarity`` (the Python API) refuses texts that ingest keeps out of every
story, with ingest's coded error, instead of a score: two empty strings used to rate 0.94
("same story"), because the rating saturates on texts with nothing to compare."""

from __future__ import annotations

import pytest

import rashomon
from rashomon.errors import RashomonError

ARTICLE = (
    "Hochwasser in Sachsen: Pegel der Elbe steigt weiter\n"
    "In Dresden ist der Pegel der Elbe am Dienstag auf 6,20 Meter gestiegen. Die Stadt rief "
    "die zweithöchste Alarmstufe aus, rund 1.200 Anwohner in Laubegast mussten ihre Häuser "
    "verlassen. Oberbürgermeister Dirk Hilbert sagte, die Deiche hielten bisher, man rechne "
    "aber bis Donnerstag mit weiter steigendem Wasser."
)


@pytest.mark.parametrize("junk", ["", "   \n  ", "Dresden"])
def test_similarity_refuses_text_with_nothing_to_compare(junk: str) -> None:
    with pytest.raises(RashomonError) as raised:
        rashomon.similarity(junk, ARTICLE)
    assert raised.value.code.startswith("E2"), raised.value.code
    assert "first text" in raised.value.message
    with pytest.raises(RashomonError) as raised:
        rashomon.similarity(ARTICLE, junk)
    assert "second text" in raised.value.message


def test_similarity_still_scores_two_articles() -> None:
    score = rashomon.similarity(ARTICLE, ARTICLE)
    assert 0.9 <= score <= 1.0
