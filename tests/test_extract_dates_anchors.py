"""Dates that lean on a date written before them: a month named alone in an undated text
takes the year of the last day date written with its year; a bare Chinese or Japanese
day "N日" is a day of the publish month, else of the month of the last date before it."""

from datetime import UTC, datetime

from rashomon.extract.dates import extract_dates


def _values(text: str, lang: str, published=None) -> dict[str, str]:
    return {d.text: d.value for d in extract_dates(text, lang, published)}


def test_month_alone_takes_the_year_of_the_day_before_it() -> None:
    text = ("Die Brücke wurde am 3. März 2031 gesperrt. Schon im Januar hatten Prüfer "
            "Risse gemeldet, und im Mai soll der Neubau beginnen.")
    found = _values(text, "de")
    assert found["Januar"] == "2031-01"
    assert found["Mai"] == "2031-05"


def test_month_alone_is_placed_nearest_the_anchor() -> None:
    text = ("El puerto reabrió el 14 de enero de 2031, después de que en noviembre "
            "una tormenta destruyera el muelle.")
    assert _values(text, "es")["noviembre"] == "2030-11"


def test_month_alone_without_a_dated_day_stays_undated() -> None:
    text = "Im Jahr 1990 wurde die Halle gebaut. Im November schloss sie."
    assert "November" not in _values(text, "de")


def test_a_fold_of_a_month_that_is_another_word_is_no_date() -> None:
    published = datetime(2031, 3, 5, tzinfo=UTC)
    # Polish "mają" (they have) folds to "maja" (of May)
    assert _values("Mieszkańcy mają czas do końca tygodnia.", "pl", published) == {}
    # a first name before a surname
    assert "Kasım" not in _values("Kasım Yıldız dün açıklama yaptı.", "tr", published)
    # a month inside a web address
    assert _values("Voir le site exemple.org/les-elections-de-october-ont-eu-lieu "
                   "pour le détail.", "fr", published) == {}


def test_bare_cjk_day_takes_the_month_of_the_date_before_it() -> None:
    text = "2031年5月20日，大桥开始封闭检修，22日上午恢复通车。"
    assert _values(text, "zh")["22日"] == "2031-05-22"
    text = "展示会は2031年9月3日から7日まで開かれる。"
    assert _values(text, "ja")["7日"] == "2031-09-07"


def test_bare_cjk_day_with_a_publish_time_is_the_nearest_past_day() -> None:
    published = datetime(2031, 6, 4, 9, tzinfo=UTC)
    assert _values("市政府2日宣布，公园将关闭。", "zh", published)["2日"] == "2031-06-02"
    # day 28 is still to come in June: the month before's
    assert _values("市政府28日宣布，公园将关闭。", "zh", published)["28日"] == "2031-05-28"


def test_bare_cjk_counts_and_other_months_are_no_days() -> None:
    assert "3日" not in _values("2031年4月1日に拘束され、3日で解放された。", "ja")
    assert "3日" not in _values("2031年4月1日から3日間、展示が行われた。", "ja")
    # a month the finders do not read stands between: the day is not the anchor's month
    assert "5日" not in _values("2031年4月1日に発表し、同年11月4・5日に開催する。", "ja")
