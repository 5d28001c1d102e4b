"""Normalisation: each named step on real Arabic, the fused path against the
declared composition, and the offset map's round trip."""

from __future__ import annotations

import re
from functools import reduce

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.text import (
    NORMALIZATION_STEPS,
    collapse_whitespace,
    lowercase_latin,
    normalize,
    normalize_alef,
    normalize_alef_maqsura,
    normalize_digits,
    normalize_form,
    normalize_hamza_seats,
    normalize_persian_letters,
    normalize_presentation_forms,
    normalize_punctuation,
    normalize_teh_marbuta,
    strip_diacritics,
    strip_format_chars,
    strip_tatweel,
)

param = pytest.param


@pytest.mark.parametrize(
    ("step", "raw", "expected"),
    [
        param(strip_diacritics, "قُتِلَ", "قتل", id="harakat"),
        param(strip_diacritics, "أيضاً", "أيضا", id="tanween"),
        param(strip_diacritics, "مدنيّين", "مدنيين", id="shadda"),
        param(strip_diacritics, "هٰذا", "هذا", id="superscript-alef"),
        param(strip_tatweel, "الـــرقة", "الرقة", id="tatweel"),
        param(normalize_alef, "أطفال إدلب آبار ٱلقرية", "اطفال ادلب ابار القرية", id="alef"),
        param(normalize_hamza_seats, "مسؤول الطائرات", "مسوول الطايرات", id="hamza-seats"),
        param(normalize_hamza_seats, "شيء", "شيء", id="bare-hamza-kept"),
        param(normalize_alef_maqsura, "مستشفى على", "مستشفي علي", id="alef-maqsura"),
        param(normalize_teh_marbuta, "مدينة حماة", "مدينه حماه", id="teh-marbuta"),
        param(normalize_persian_letters, "کرکوک ی", "كركوك ي", id="persian"),
        param(normalize_digits, "٢٣ شهيدا و۱۵", "23 شهيدا و15", id="digits"),
        param(normalize_digits, "٣٫٥ ١٬٢٠٠ ٪", "3.5 1,200 %", id="digit-separators"),
        param(normalize_punctuation, "«قال» حلب، إدلب؛ لماذا؟", '"قال" حلب, إدلب; لماذا?', id="punct"),
        param(normalize_punctuation, "5–7", "5-7", id="en-dash"),
        param(normalize_presentation_forms, "ﻻ ﺇﺩﻟﺐ", "لا إدلب", id="presentation"),
        param(strip_format_chars, "حلب\u200f\u200cادلب", "حلبادلب", id="format-chars"),
        param(lowercase_latin, "SANA Reuters", "sana reuters", id="latin"),
        param(collapse_whitespace, "حلب \n\t  إدلب", "حلب إدلب", id="whitespace"),
    ],
)
def test_named_step(step, raw: str, expected: str) -> None:
    assert step(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        param("بِإِدْلِبَ", "بادلب", id="diacritics-alef"),
        param("مدينةُ حماةَ", "مدينه حماه", id="teh-marbuta"),
        param("  الـــرَّقَّة  ", "الرقه", id="strip-edges"),
        param("مئة", "ميه", id="hamza-seat"),
        param("مستشفى", "مستشفي", id="maqsura"),
        param("ﺣﻠﺐ", "حلب", id="presentation-forms"),
        param("٢٠١٦", "2016", id="digits"),
    ],
)
def test_normalize_form(raw: str, expected: str) -> None:
    assert normalize_form(raw) == expected


def _composed(s: str) -> str:
    return reduce(lambda acc, step: step(acc), NORMALIZATION_STEPS, s)


_ARABIC_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآٱؤئىة"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "٠١٢٣٤٥٦٧٨٩۰۴،؛؟«»“”ﻻﺇﷲﹰ\ufeff\u200f\u200c"
    " \n\t\u00a0.,:-0123456789ABCxyz"
)
arabic_text = st.text(alphabet=_ARABIC_ALPHABET, max_size=80)


@settings(max_examples=400, deadline=None)
@given(arabic_text)
def test_fused_normalize_equals_declared_composition(s: str) -> None:
    assert normalize(s).text == _composed(s)
    assert normalize_form(s) == _composed(s).strip(" ")


@settings(max_examples=400, deadline=None)
@given(arabic_text, st.data())
def test_every_span_maps_inside_original(s: str, data: st.DataObject) -> None:
    n = normalize(s)
    start = data.draw(st.integers(0, len(n.text)))
    end = data.draw(st.integers(start, len(n.text)))
    a, b = n.to_original(start, end)
    assert 0 <= a <= b <= len(s)
    if start < end:
        assert a < b


@settings(max_examples=400, deadline=None)
@given(arabic_text)
def test_token_spans_round_trip(s: str) -> None:
    n = normalize(s)
    for m in re.finditer(r"[^ ]+", n.text):
        a, b = n.to_original(m.start(), m.end())
        assert normalize(s[a:b]).text.strip(" ") == m.group()


@settings(max_examples=200, deadline=None)
@given(arabic_text)
def test_whole_text_maps_to_whole_original(s: str) -> None:
    n = normalize(s)
    if n.text:
        assert n.to_original(0, len(n.text)) == (0, len(s))


def test_diacritics_belong_to_preceding_letter() -> None:
    s = "قُتِلَ طفلٌ"
    n = normalize(s)
    assert n.text == "قتل طفل"
    assert n.to_original(0, 3) == (0, 6)  # "قُتِلَ" with its final fatha
    assert s[slice(*n.to_original(4, 7))] == "طفلٌ"


def test_whitespace_run_maps_to_whole_run() -> None:
    s = "حلب \n\n  ادلب"
    n = normalize(s)
    assert n.text == "حلب ادلب"
    assert n.to_original(3, 4) == (3, 8)
    assert n.to_original(4, 8) == (8, 12)


def test_ligature_expansion_maps_to_the_ligature() -> None:
    s = "ﻻ شيء"
    n = normalize(s)
    assert n.text == "لا شيء"
    assert n.to_original(0, 1) == (0, 1)
    assert n.to_original(0, 2) == (0, 1)
    assert n.to_original(3, 6) == (2, 5)


def test_leading_deleted_chars_belong_to_first_letter() -> None:
    s = "\ufeff\u200fحلب"
    n = normalize(s)
    assert n.text == "حلب"
    assert n.to_original(0, 3) == (0, 5)
    assert n.to_original(1, 3) == (3, 5)


def test_lexicon_entry_found_in_differently_written_text() -> None:
    text = "قصفت الطائرات الحربية مدينةَ إِدْلِــب وريف حماة"
    n = normalize(text)
    for entry, surface in (("ادلب", "إِدْلِــب"), ("حماة", "حماة"), ("مدينة", "مدينةَ")):
        idx = n.text.find(normalize_form(entry))
        assert idx >= 0
        a, b = n.to_original(idx, idx + len(normalize_form(entry)))
        assert text[a:b] == surface


def test_to_original_rejects_out_of_range() -> None:
    n = normalize("حلب")
    with pytest.raises(ValueError):
        n.to_original(2, 5)


def test_from_original_inverts_to_original_on_starts() -> None:
    s = "قُتِلَ  طفلٌ ﻻ"
    n = normalize(s)
    for i in range(len(n.text)):
        a, _ = n.to_original(i, i + 1)
        assert n.from_original(a) <= i


def test_dev_articles_normalise(dev_articles: list[dict]) -> None:
    for art in dev_articles:
        n = normalize(art["text"])
        assert n.to_original(0, len(n.text))[1] <= len(art["text"])
        for m in re.finditer(r"[^ ]+", n.text):
            a, b = n.to_original(m.start(), m.end())
            assert normalize(art["text"][a:b]).text.strip(" ") == m.group()


@settings(max_examples=300, deadline=None)
@given(arabic_text)
def test_from_original_is_first_char_ending_after(s: str) -> None:
    n = normalize(s)
    for pos in range(len(s) + 1):
        expected = next((i for i in range(len(n.text)) if n.to_original(i, i + 1)[1] > pos), len(n.text))
        assert n.from_original(pos) == expected, pos


def test_memoised_forms_stay_bounded_and_right() -> None:
    """normalize_form memoises short strings; the memo must not grow without bound."""
    import sys

    module = sys.modules["tawthiq.text.normalize"]
    for i in range(module._FORM_CACHE_SIZE + 500):
        word = f"الـمدينة{i}"
        assert normalize_form(word) == f"المدينه{i}"
        assert len(module._form_cache) <= module._FORM_CACHE_SIZE
    long_text = "قُتِلَ " * 40
    assert normalize_form(long_text) == normalize_form(long_text) == " ".join(["قتل"] * 40)
    assert long_text not in module._form_cache


def test_shared_normalize_results_are_equal_to_fresh_ones() -> None:
    text = "قُتِلَ  ثلاثة\u200f مدنيين"
    first = normalize(text)
    assert normalize(text) is first  # recent results are shared (immutable)
    assert normalize(text[:]) == first
