"""The Python API's mistakes are coded errors too: an id past any 64-bit key is a missing
record (E601), and ``similarity`` of something that is not text says so (E701)."""

from __future__ import annotations

import pytest

from rashomon.errors import RashomonError

TEXT = ("Hochwasser an der Donau\nDas Hochwasser an der Donau hat am Sonntag in "
        "Niederösterreich die Evakuierung von rund 4000 Menschen notwendig gemacht, teilte "
        "das Land mit. In Krems erreichte der Pegel 8,3 Meter.")


@pytest.mark.parametrize("call", ["story", "article", "events", "facts", "entities", "report",
                                  "report_status"])
def test_an_id_past_any_key_is_a_missing_record(engine, call):
    """`engine.report(10**30)` raised the driver's OverflowError."""
    for value in (10**30, -(10**30)):
        with pytest.raises(RashomonError) as caught:
            getattr(engine, call)(value)
        assert caught.value.code == "E601", call


@pytest.mark.parametrize("other", [None, b"Hochwasser an der Donau", 5])
def test_similarity_of_something_that_is_not_text(engine, other):
    """`similarity(None, text)` raised AttributeError: 'NoneType' object has no 'title'."""
    for pair in ((other, TEXT), (TEXT, other)):
        with pytest.raises(RashomonError) as caught:
            engine.similarity(*pair)
        assert caught.value.code == "E701" and type(other).__name__ in caught.value.message
