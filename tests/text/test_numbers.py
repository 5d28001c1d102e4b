"""Numbers: golden table of Arabic count expressions, exclusions, duals, data lint."""

from __future__ import annotations

import pytest

from tawthiq.text import normalize_form
from tawthiq.text._data import json_data
from tawthiq.text.numbers import dual_value, find_numbers

param = pytest.param


@pytest.mark.parametrize(
    ("text", "surface", "value", "approximate", "rule"),
    [
        param("قتل ستة أشخاص", "ستة", 6, False, "words", id="unit-fem-form"),
        param("قتل ٦ مدنيين", "٦", 6, False, "digits", id="arabic-indic"),
        param("نزح ۱۲ شخصا", "۱۲", 12, False, "digits", id="persian-digits"),
        param("نزح ١٬٢٠٠ شخص", "١٬٢٠٠", 1200, False, "digits", id="arabic-thousands-sep"),
        param("ثمانين ألف نازح", "ثمانين ألف", 80000, False, "words", id="tens-thousand"),
        param("خمسة وعشرون قتيلا", "خمسة وعشرون", 25, False, "words", id="unit-and-tens"),
        param("سبعة وثمانين جريحا", "سبعة وثمانين", 87, False, "words", id="unit-and-tens-oblique"),
        param("ثلاثة آلاف نازح", "ثلاثة آلاف", 3000, False, "words", id="plural-thousands"),
        param("15 ألف شخص", "15 ألف", 15000, False, "mixed", id="digits-thousand"),
        param("ثلاثة عشر شخصا", "ثلاثة عشر", 13, False, "words", id="teen-masc"),
        param("ثلاث عشرة امرأة", "ثلاث عشرة", 13, False, "words", id="teen-fem"),
        param("اثنا عشر طفلا", "اثنا عشر", 12, False, "words", id="twelve"),
        param("أحد عشر مدنيا", "أحد عشر", 11, False, "words", id="eleven"),
        param("مئة وخمسون", "مئة وخمسون", 150, False, "words", id="hundred-and-tens"),
        param("ثلاث مئة صاروخ", "ثلاث مئة", 300, False, "words", id="two-word-hundreds"),
        param("ثلاثمائة وعشرين", "ثلاثمائة وعشرين", 320, False, "words", id="one-word-hundreds"),
        param("ألفين نازح", "ألفين", 2000, False, "words", id="dual-thousand"),
        param("مئتي شخص", "مئتي", 200, False, "words", id="dual-hundred-construct"),
        param("قتل مئتا شخص", "مئتا", 200, False, "words", id="dual-hundred-construct-nominative"),
        param("عشرة آلاف نازح", "عشرة آلاف", 10000, False, "words", id="ten-thousands"),
        param("أحد عشر ألفا", "أحد عشر ألفا", 11000, False, "words", id="teen-thousands-accusative"),
        param("ألف وخمسمئة", "ألف وخمسمئة", 1500, False, "words", id="thousand-and-hundreds"),
        param("مليون و200 ألف", "مليون و200 ألف", 1200000, False, "mixed", id="million-and-thousands"),
        param("3.5 مليون لاجئ", "3.5 مليون", 3500000, False, "mixed", id="decimal-million"),
        param("وستة جرحى", "وستة", 6, False, "words", id="proclitic-wa"),
        param("بثلاثة صواريخ", "بثلاثة", 3, False, "words", id="proclitic-bi"),
        param("القتلى الخمسة", "الخمسة", 5, False, "words", id="with-article"),
        param("أحد المدنيين", "أحد", 1, False, "words", id="ahad-definite"),
        param("أكثر من 20 قتيلا", "أكثر من 20", 20, True, "approx+digits", id="akthar-min"),
        param("نحو 1,200 شخص", "نحو 1,200", 1200, True, "approx+digits", id="nahw-thousands"),
        param("قرابة مئتي شخص", "قرابة مئتي", 200, True, "approx+words", id="qurabat"),
        param("ما لا يقل عن عشرة", "ما لا يقل عن عشرة", 10, True, "approx+words", id="la-yaqillu"),
        param("ما يزيد عن خمسين", "ما يزيد عن خمسين", 50, True, "approx+words", id="yazid-an"),
        param("حوالي ٣٠ مدنيا", "حوالي ٣٠", 30, True, "approx+digits", id="hawali"),
        param("وبنحو 40", "وبنحو 40", 40, True, "approx+digits", id="approx-cue-proclitics"),
        param("30 تقريبا", "30 تقريبا", 30, True, "approx+digits", id="taqriban-after"),
        param("بين 5 و 7 قتلى", "بين 5 و 7", 5, False, "range", id="bayna-wa"),
        param("بين خمسة وسبعة قتلى", "بين خمسة وسبعة", 5, False, "range", id="bayna-words"),
        param("من 5 إلى 7 قتلى", "5 إلى 7", 5, False, "range", id="ila"),
        param("5-7 جرحى", "5-7", 5, False, "range", id="dash"),
        param("ستة أو سبعة", "ستة أو سبعة", 6, False, "range", id="aw"),
        param("قتل 2000 شخص", "2000", 2000, False, "digits", id="year-like-count"),
        param("في 1500 غارة", "1500", 1500, False, "digits", id="fi-count-outside-year-range"),
    ],
)
def test_counts(text: str, surface: str, value: int, approximate: bool, rule: str) -> None:
    (m,) = find_numbers(text)
    assert text[m.start : m.end] == surface
    assert (m.value, m.approximate, m.vague, m.rule) == (value, approximate, False, rule)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        param("عشرات القتلى", "عشرات", id="asharat"),
        param("سقط العشرات", "العشرات", id="al-asharat"),
        param("مئات النازحين", "مئات", id="miat"),
        param("عشرات الآلاف من النازحين", "عشرات الآلاف", id="tens-of-thousands"),
        param("آلاف المدنيين", "آلاف", id="alaf-alone"),
        param("عدد من المدنيين", "عدد من", id="adad-min"),
        param("العديد من الجرحى", "العديد من", id="al-adid-min"),
        param("وعشرات الجرحى", "وعشرات", id="proclitic"),
    ],
)
def test_vague(text: str, surface: str) -> None:
    (m,) = find_numbers(text)
    assert text[m.start : m.end] == surface
    assert (m.value, m.vague, m.rule) == (None, True, "vague")


@pytest.mark.parametrize(
    "text",
    [
        param("في الساعة 11:20 صباحا", id="time"),
        param("عند الساعة 11 ليلا", id="hour"),
        param("في عام 2016", id="year"),
        param("منذ 2011", id="year-mundhu"),
        param("قتل في 2016", id="year-fi"),
        param("بعد 2011", id="year-baad"),
        param("في 12/3 الماضي", id="day-month"),
        param("بتاريخ 7/3/2016", id="numeric-date"),
        param("في 7 آذار 2016", id="day-before-month"),
        param("في آذار 2016", id="year-after-month"),
        param("في 5 رمضان 1437 هـ", id="hijri"),
        param("نسبة 20% من", id="percent"),
        param("خمسين بالمئة", id="percent-words"),
        param("الفرقة 25", id="label"),
        param("لم يصب أحد", id="ahad-nobody"),
        param("وصلت نسبة 3.5", id="decimal-alone"),
        # dev-set regressions (generic phrases of the same shape)
        param("كمية الوقود", id="kammiya-is-not-ka-plus-100"),
        param("يوم الاثنين 9 من يناير", id="day-min-month"),
        param("في 26-أكتوبر-2023", id="dashed-month-name-date"),
        param("في عامي 2023 و2024", id="second-year-after-wa"),
        param("صيف 2018", id="season-year"),
        param("سيارة H100", id="latin-model-number"),
        param("الرابط status/1446948646789033984", id="url-digits"),
    ],
)
def test_not_counts(text: str) -> None:
    assert find_numbers(text) == []


def test_several_counts_in_one_sentence() -> None:
    text = "قتل ٢٣ شخصا وجرح ١٥ آخرون، بينهم سبعة أطفال"
    got = [(text[m.start : m.end], m.value) for m in find_numbers(text)]
    assert got == [("٢٣", 23), ("١٥", 15), ("سبعة", 7)]


def test_tatweel_and_diacritics_inside_number_words() -> None:
    text = "قُتِلَ ثلاثـــةُ أشخاص"
    (m,) = find_numbers(text)
    assert text[m.start : m.end] == "ثلاثـــةُ"
    assert m.value == 3


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        param("طفلين", 2, id="tiflain"),
        param("شهيدان", 2, id="shahidan"),
        param("قتيلين", 2, id="qatilain"),
        param("لطفلين", 2, id="with-proclitic"),
        param("طفلتين", 2, id="fem-dual"),
        param("مدنيين", None, id="nisba-plural-ambiguous"),
        param("مسلحين", None, id="sound-plural-ambiguous"),
        param("مسلحان", 2, id="sound-plural-nominative-dual"),
        param("طفل", None, id="singular"),
        param("بيتين", None, id="unknown-noun"),
    ],
)
def test_dual_value(word: str, expected: int | None) -> None:
    singular = {"طفل", "شهيد", "قتيل", "طفله", "مدني", "مسلح"}
    assert dual_value(normalize_form(word), singular, sound_plural_nouns={"مسلح"}) == expected


def test_number_and_month_data_is_normalised() -> None:
    d = json_data("numbers.json")
    for key, entries in d.items():
        if key.startswith("_"):
            continue
        for entry in entries:
            assert entry == normalize_form(entry), (key, entry)
    months = json_data("months.json")
    for calendar in ("gregorian", "levantine", "hijri"):
        for name, month in months[calendar].items():
            assert name == normalize_form(name), name
            assert 1 <= month <= 12
