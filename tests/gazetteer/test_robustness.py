"""find_places on arbitrary text: never fails, spans always point into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.gazetteer import Geocoder, default_gazetteer

GEOCODER = Geocoder(default_gazetteer())
PIECES = st.sampled_from(
    [
        "إدلب",
        "بريف",
        "حي",
        "مدينة",
        "قرب",
        "بين",
        "و",
        "ال",
        "سراقب",
        "ـ",
        "\u064e",
        " ",
        "،",
        "\u200f",
        "ﻻ",
        "حماة",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES | st.text(max_size=5), max_size=30).map("".join))
def test_find_places_on_arbitrary_text(text: str) -> None:
    for m in GEOCODER.find_places(text):
        assert 0 <= m.start <= m.name_start <= m.name_end <= m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        assert m.precision in (1, 2, 3)
