"""Disjoint numbers in one language are evidence against one event when both reports
state a figure and one of them several (``pairs.CONTRAST_NUMBERS``), years not counted:
a report giving one figure (an age) and another giving two others, or a year, are often
one happening told with other details, while of two reports of other incidents of one
topic one at least states several figures and they share none. Across languages any
disjoint figures count, as before."""

from __future__ import annotations

import numpy as np

from rashomon.cluster.base import ArticleSignals
from rashomon.cluster.pairs import CONTRAST_NUMBERS, contrast


def _signals(numbers, language: str = "es") -> ArticleSignals:
    return ArticleSignals(0, np.zeros(4, dtype=np.float32), language=language,
                          numbers=set(numbers))


SEVERAL = [str(n) for n in range(100, 100 + CONTRAST_NUMBERS)]


def test_few_figures_on_both_sides_are_no_evidence_in_one_language() -> None:
    assert not contrast(_signals(["31"]), _signals(["16", "44"]))
    assert not contrast(_signals(["40"]), _signals([]))


def test_years_are_background_not_figures() -> None:
    assert not contrast(_signals(["31"]), _signals(["16", "2019", "2020"]))
    assert not contrast(_signals(SEVERAL), _signals(["2019", "1998"]))


def test_several_figures_against_another_one_are_evidence() -> None:
    assert contrast(_signals(SEVERAL), _signals(["0.4"]))  # another bank's one rate
    assert not contrast(_signals(SEVERAL), _signals(["0.4", SEVERAL[0]]))  # one shared


def test_across_languages_any_disjoint_figures_count() -> None:
    assert contrast(_signals(["31"], "de"), _signals(["16", "44"], "en"))
    assert not contrast(_signals(["31"], "de"), _signals(["31"], "en"))
