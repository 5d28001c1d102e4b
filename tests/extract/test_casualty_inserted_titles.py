"""A title line inside the body (a linked report's headline) and the writer's "today":
neither may split an event from its figures. Phrases written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tawthiq.incidents import Extractor
from tawthiq.models import Article, Incident
from tawthiq.text import find_dates

_MONDAY = dt.date(2024, 3, 11)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def run(extractor: Extractor, text: str, published: dt.date = _MONDAY) -> list[Incident]:
    incidents = extractor.extract(Article(id="t", text=text, published=published))
    for inc in incidents:
        inc.check_evidence(text)
    return incidents


def test_a_linked_title_between_paragraphs_neither_reports_nor_takes_the_figure(extractor: Extractor) -> None:
    text = (
        "انفجرت عبوة ناسفة بدورية عسكرية قرب بلدة الحراك بريف درعا.\n"
        "وقال مصدر عسكري إن العبوة انفجرت أثناء مرور الدورية على الطريق الزراعي غرب بلدة الحراك.\n"
        "انفجار لغم أرضي في مدينة بصرى الشام\n"
        "وأوضح المصدر أن الانفجار أسفر عن إصابة 3 عناصر بجروح متفاوتة."
    )
    got = {inc.location.name: inc.injured for inc in run(extractor, text)}
    assert got == {"الحراك": 3}


def test_lines_of_a_list_without_stops_are_not_titles(extractor: Extractor) -> None:
    text = (
        "وثق ناشطون الأحداث التالية.\n"
        "قصف مدفعي على بلدة الحراك بريف درعا\n"
        "غارة جوية على مدينة بصرى الشام\n"
        "وقال الناشطون إن القصف مستمر."
    )
    assert {"الحراك", "بصرى الشام"} <= {inc.location.name for inc in run(extractor, text)}


def test_today_with_its_weekday_sets_the_writers_today() -> None:
    # written on Sunday, published on Monday: the bare "اليوم" and "أمس" count from Sunday
    text = "قصفت طائرات حربية البلدة مساء اليوم الأحد. وأسعفت الفرق الجرحى مساء اليوم بعد قصف أمس."
    got = [(text[d.start : d.end], d.date) for d in find_dates(text, _MONDAY)]
    assert got == [
        ("مساء اليوم الأحد", dt.date(2024, 3, 10)),
        ("مساء اليوم", dt.date(2024, 3, 10)),
        ("أمس", dt.date(2024, 3, 9)),
    ]


def test_a_bare_today_stays_the_publication_day_without_a_named_weekday() -> None:
    text = "قصفت طائرات حربية البلدة مساء اليوم. وكانت قد قصفتها يوم السبت."
    assert [d.date for d in find_dates(text, _MONDAY)] == [_MONDAY, dt.date(2024, 3, 9)]


def test_one_event_told_with_today_and_today_sunday_is_one_incident(extractor: Extractor) -> None:
    text = (
        "جرح ثلاثة مدنيين مساء اليوم الأحد بانفجار دراجة نارية مفخخة في مدينة الباب بريف حلب.\n"
        "وقال الدفاع المدني إن عناصره أسعفوا الجرحى إثر انفجار دراجة مفخخة وسط مدينة الباب مساء اليوم."
    )
    [inc] = run(extractor, text)
    assert (inc.injured, inc.date.date if inc.date else None) == (3, dt.date(2024, 3, 10))


def test_a_sub_heading_set_off_by_a_blank_line_heads_the_paragraph_under_it(extractor: Extractor) -> None:
    text = (
        "قصفت طائرات حربية روسية مدينة معرة النعمان صباح اليوم، ما أدى إلى مقتل مدنيين اثنين.\n\n"
        "غارات على بلدة كفرنبل\n"
        "وأسفرت الغارات عن مقتل ثلاثة مدنيين وإصابة خمسة آخرين."
    )
    got = {inc.location.name: (inc.killed, inc.injured) for inc in run(extractor, text)}
    assert got == {"معرة النعمان": (2, None), "كفرنبل": (3, 5)}


def test_an_unknown_place_named_short_after_its_full_name_is_one_place(extractor: Extractor) -> None:
    text = (
        "سقطت قذائف هاون أطلقتها قوات حفتر على منطقة القويعة الشرقية جنوب طرابلس، ما أدى إلى إصابة طفل.\n"
        "وأكد مسعفون أن الطفل أصيب بشظايا في منطقة القويعة بعد سقوط قذيفة قرب منزله."
    )
    got = [(inc.location.name, inc.injured) for inc in run(extractor, text)]
    assert got == [("القويعة الشرقية", 1)]


def test_a_line_announced_by_a_colon_is_not_a_title(extractor: Extractor) -> None:
    text = (
        "وثق ناشطون ما جرى اليوم على النحو التالي:\n"
        "غارة جوية على بلدة كفرنبل\n"
        "وقال الناشطون إن الطيران لم يغادر الأجواء."
    )
    assert "كفرنبل" in {inc.location.name for inc in run(extractor, text)}


def test_the_day_said_in_the_text_beats_the_default_day_of_the_incident(extractor: Extractor) -> None:
    text = (
        "قصفت قوات النظام بلدة كفرنبل بقذائف المدفعية.\n"
        "وقال ناشطون إن قذائف المدفعية سقطت على بلدة كفرنبل يوم السبت وأوقعت أضرارا في المنازل."
    )
    [inc] = run(extractor, text)
    assert inc.date is not None and inc.date.date == dt.date(2024, 3, 9)
