"""Durations of n and a half units as Chinese, Japanese, Arabic and Persian write them
("一天半", "一个半小时", "1日半", "1時間半", "يوم ونصف", "ساعتين ونصف", "یک روز و نیم"),
and the clock times that look like them ("下午一点半", "午後1時半", "ساعت یک و نیم",
"الساعة الواحدة والنصف"). Sentences written for these tests (not taken from any
evaluation article)."""

from __future__ import annotations

import pytest

from rashomon.compare import durations, slots
from rashomon.extract.dates import extract_dates
from rashomon.extract.quantities import extract_quantities
from test_compare_checks import _units  # one-sentence articles through real extraction


def _found(text: str, lang: str) -> list[tuple]:
    dates = extract_dates(text, lang, None)
    return [(q.text, q.value, q.unit) for q in extract_quantities(text, lang, dates)]


HALVES = [
    ("zh", "暴雨导致铁路中断了一天半，数千名旅客滞留车站。", ("一天半", 1.5, "day")),
    ("zh", "消防员用了一个半小时才控制住仓库的火势。", ("一个半小时", 1.5, "hour")),
    ("zh", "被困矿工在井下等了两天半才获救。", ("两天半", 2.5, "day")),
    ("zh", "这座桥的维修工程预计需要三个半月。", ("三个半月", 3.5, "month")),
    ("zh", "谈判代表在会议室里讨论了1年半的方案终于获批。", ("1年半", 1.5, "year")),
    ("ja", "大雪の影響で高速道路は1日半にわたって通行止めとなった。", ("1日半", 1.5, "day")),
    ("ja", "停電は一日半続き、住民は避難所で過ごした。", ("一日半", 1.5, "day")),
    ("ja", "救助隊は約1時間半かけて男性を救出した。", ("約1時間半", 1.5, "hour")),
    ("ja", "改修工事には2年半かかる見通しだ。", ("2年半", 2.5, "year")),
    ("ar", "استمرت عمليات البحث عن المفقودين يوما ونصف قبل أن تتوقف.", ("يوما ونصف", 1.5, "day")),
    ("ar", "ظل الطريق مغلقا يوم ونصف بسبب الثلوج.", ("يوم ونصف", 1.5, "day")),
    ("ar", "استغرقت المفاوضات ساعة ونصف في مقر الوزارة.", ("ساعة ونصف", 1.5, "hour")),
    ("ar", "انتظر الركاب ساعتين ونصف في المطار.", ("ساعتين ونصف", 2.5, "hour")),
    ("fa", "جاده به دلیل برف سنگین یک روز و نیم بسته بود.", ("یک روز و نیم", 1.5, "day")),
    ("fa", "جلسه هیئت مدیره یک ساعت و نیم طول کشید.", ("یک ساعت و نیم", 1.5, "hour")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), HALVES)
def test_n_and_a_half_units_are_one_duration(lang: str, text: str, expected: tuple) -> None:
    assert _found(text, lang) == [expected]


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "地震发生在下午一点半，震中位于山区。"),
    ("zh", "列车于凌晨1点半抵达终点站。"),
    ("ja", "地震は午後1時半ごろに発生した。"),
    ("ja", "会見は十時半から始まった。"),
    ("ar", "وقع الانفجار في الساعة الواحدة والنصف فجرا."),
    ("fa", "انفجار ساعت یک و نیم بامداد رخ داد."),
    ("fa", "قطار ساعت ۸ و نیم صبح حرکت کرد."),
])
def test_half_past_the_hour_is_a_clock_time_not_a_duration(lang: str, text: str) -> None:
    assert _found(text, lang) == []


def test_a_noun_alone_is_no_figure_without_its_half() -> None:
    # "an hour later", "a day of mourning": the noun counts only before "and a half"
    assert _found("وبعد ساعة وصلت فرق الإنقاذ إلى الموقع.", "ar") == []
    assert _found("أعلنت الحكومة يوم حداد وطني.", "ar") == []
    # the middle of a year, and "a year or so"
    assert _found("新しい駅は2027年半ばに開業する予定だ。", "ja") == []
    assert _found("这件事一年半载解决不了。", "zh") == []


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "集装箱码头的码头工人罢工持续了一天半。"),
    ("ja", "コンテナターミナルの港湾労働者のストライキは1日半続いた。"),
    ("ar", "استمر إضراب عمال الميناء في محطة الحاويات يوما ونصف."),
    ("fa", "اعتصاب کارگران بندر در پایانه کانتینری یک روز و نیم طول کشید."),
])
def test_a_day_and_a_half_agrees_with_36_hours(lang: str, text: str) -> None:
    units = _units(("port.example.org", lang, text, None),
                   ("wire.example.com", "en",
                    "The dockers' strike at the container terminal lasted 36 hours.", None))
    [q] = units[0].quantities
    scaled = durations.on_shared_scale(q)
    assert (scaled.value, scaled.unit) == (36.0, "hour")
    claim = [[u.index for u in units]]
    [observations] = slots.quantity_slots(units, claim).values()
    assert len(observations) == 2  # one slot: both figures are compared
    disputes = [d for slot, found in slots.quantity_slots(units, claim).items()
                for d in slots.contradictions_of(slot, found)[0]]
    assert disputes == []
