"""Writing direction from CLDR: the web pages and the exported report share one answer."""

import pytest

from rashomon.text.direction import direction


@pytest.mark.parametrize("code", ["ar", "fa", "he", "ur", "ps", "yi", "ckb", "fa-IR", "ar_EG"])
def test_right_to_left_languages(code: str) -> None:
    assert direction(code) == "rtl"


@pytest.mark.parametrize("code", ["en", "it", "ru", "zh", "ja", "tr", None, "", "xx", "not a code"])
def test_other_and_unknown_codes_let_the_browser_decide(code: str | None) -> None:
    assert direction(code) == "auto"


@pytest.mark.parametrize("code", ["a" * 10_000, "../../etc", "\x00", "ar\u202e", "zz-Arab", "1"])
def test_hostile_codes_are_auto_not_errors(code: str) -> None:
    assert direction(code) == "auto"
