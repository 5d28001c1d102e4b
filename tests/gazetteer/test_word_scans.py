"""The geocoder's backward word scan finds what the regex scan it replaced finds."""

from __future__ import annotations

import random
import re

import pytest

from tawthiq.gazetteer.geocoder import _WINDOW, _words_before

_WORD = re.compile(r"\w+")


def _words_before_by_regex(t: str, pos: int, n: int = 5) -> list[tuple[int, int, str]]:
    a = max(0, pos - _WINDOW)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(t, a, pos)]
    if words and a > 0 and words[0][0] == a and t[a - 1].isalnum():
        words = words[1:]  # cut by the window
    return words[-n:]


def test_backward_scan_matches_the_regex_scan() -> None:
    rng = random.Random(21)
    pool = ["قرية", "في", "ب", "x", "_", "1", " ", "  ", ".", "،", "\n", "ـ", "\u064e", "²", "مدينه حلب"]
    for _ in range(1500):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        for pos in range(len(text) + 1):
            for n in (1, 2, 5):
                assert _words_before(text, pos, n) == _words_before_by_regex(text, pos, n), (text, pos, n)


def test_words_before_a_town_name() -> None:
    text = "سقطت قذائف على حي الشعار في مدينة حلب"  # the window holds all seven words
    pos = text.index("حلب")
    assert [w for _, _, w in _words_before(text, pos)] == ["على", "حي", "الشعار", "في", "مدينة"]
    assert [w for _, _, w in _words_before(text, pos, 3)] == ["الشعار", "في", "مدينة"]


def test_place_mention_behaves_as_the_frozen_dataclass_it_was() -> None:
    """Written-out constructor, equality and hash (native when compiled): keyword and
    positional construction agree, copies come from ``replace``, fields are read-only
    when compiled (statically everywhere: mypy rejects the assignment)."""
    import pickle
    from dataclasses import fields, replace

    from tawthiq._compiled import compiled_modules
    from tawthiq.gazetteer.model import Place, PlaceMention

    place = Place("geonames:1", "إدلب", 35.9, 36.6, "SY", feature="PPLA")
    args = dict(start=3, end=8, surface="إدلب", place=place, precision=1, relation=None, reason="only candidate")
    made = PlaceMention(**args)  # type: ignore[arg-type]
    plain = PlaceMention(3, 8, "إدلب", place, 1, None, "only candidate")
    assert made == plain and repr(made) == repr(plain) and hash(made) == hash(plain)
    assert made.name == "إدلب" and made.candidates == () and made.container is None
    assert [f.name for f in fields(made)][-2:] == ["name_start", "name_end"]
    moved = replace(made, precision=2, relation="near")
    assert (moved.precision, moved.relation, moved.surface) == (2, "near", "إدلب") and moved != made
    assert pickle.loads(pickle.dumps(moved)) == moved and {made: 1}[plain] == 1
    if "tawthiq.gazetteer.model" in compiled_modules():
        with pytest.raises(AttributeError):
            made.start = 4  # type: ignore[misc]
