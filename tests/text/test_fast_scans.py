"""Scans rewritten for speed find exactly what the plain patterns find: the
irregular-character scan of ``normalize`` (it only skips ahead faster) and the
number tokenizer (its branches tried in another order), the sentence splitter's
backward scan for the last word."""

from __future__ import annotations

import random
import re

import pytest

from tawthiq.text.normalize import _fused, _irregular_matches, _one_to_one
from tawthiq.text.numbers import _TOKEN_RE
from tawthiq.text.segment import _last_word_before

_LAST_WORD_RE = re.compile(r"(\w+)\W*$")  # what the sentence splitter's backward scan reads


def _spans(matches: object) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "قصفت  الطائرات   بلدة\u0640 كفرنبل",  # double spaces, a tatweel
        "مُحَمَّد  وَعَلِيّ",  # harakat after letters and after a space
        " \u064b\u064b بداية",  # deleted characters right after a space at the start
        "\ufefb \ufef7 لا",  # presentation-form ligatures (expanded)
        "بلا  \u200f\u200e  علامات",  # format characters between spaces
        "",
        "نص عادي بلا شيء غير عادي",
    ],
)
def test_same_matches_as_finditer(text: str) -> None:
    fused = _fused()
    t = _one_to_one(text)
    for pos in range(len(t) + 1):
        assert _spans(_irregular_matches(fused, t, pos)) == _spans(fused.irregular.finditer(t, pos))


def test_same_matches_on_random_mixtures() -> None:
    fused = _fused()
    deleted = list(fused.deleted)
    expanded = list(fused.expansions)
    rng = random.Random(11)
    for _ in range(2000):
        pool = [" ", " ", "ا", "ب", "x", "1", "\n", *rng.sample(deleted, 3), *rng.sample(expanded, 3)]
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        for pos in range(0, len(text) + 1, 5):
            assert _spans(_irregular_matches(fused, text, pos)) == _spans(fused.irregular.finditer(text, pos)), text


def test_number_tokens_split_the_same_with_arabic_words_first() -> None:
    """``numbers._TOKEN_RE`` tries Arabic words before digits: the same tokens as digits first."""
    digits_first = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+|\S")
    rng = random.Random(4)
    pool = ["قتل", "ل", "12", "3,500", "1.5", ",", ".", " ", "  ", "ـ", "x", "٫", "؟", "\n", "ۀ", "ﻻ"]
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        assert [m.span() for m in _TOKEN_RE.finditer(text)] == [m.span() for m in digits_first.finditer(text)]


def test_backward_scan_finds_what_the_last_word_pattern_finds() -> None:
    """``_last_word_before(text, a)`` is the last-word pattern's group in the 40 characters
    before ``a`` (None where it finds nothing)."""
    rng = random.Random(8)
    pool = ["قتل", "ال", "x", "_", "1", " ", ".", "،", "\n", "  ", "ـ", "١", "²", "\u064e", "ابووو"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        for a in range(len(text) + 1):
            found = _LAST_WORD_RE.search(text, max(0, a - 40), a)
            expected = found.group(1) if found is not None else None
            assert _last_word_before(text, a) == expected, (text, a)
