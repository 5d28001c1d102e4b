"""``findall_split`` finds what ``findall`` finds, whatever the whitespace and glue."""

from __future__ import annotations

import random

from tawthiq.incidents.unknown_places import _WORD, _WORD_LETTERS
from tawthiq.text.numbers import _TOKEN_LETTERS, _TOKEN_RE
from tawthiq.text.scan import findall_split

_POOL = ["قتل", "ال", "بحلب", "12", "3,500", "1.5", "،", ".", "x", "ab", "ـ", "ۀ", "ﻻ", "٫", "پ", "\u064e", "(", ")"]
_SPACES = ["", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "\x1c"]


def test_same_words_as_findall_on_random_mixtures() -> None:
    rng = random.Random(6)
    for _ in range(4000):
        text = "".join(rng.choice(_POOL) + rng.choice(_SPACES) for _ in range(rng.randint(0, 12)))
        assert findall_split(_TOKEN_RE, text, _TOKEN_LETTERS) == _TOKEN_RE.findall(text), text
        assert findall_split(_WORD, text, _WORD_LETTERS) == _WORD.findall(text), text


def test_real_sentence_words() -> None:
    text = "قصفت الطائرات بلدة كفرنبل،  وقتل 3 مدنيين (بينهم طفلان)."
    assert findall_split(_WORD, text, _WORD_LETTERS) == _WORD.findall(text)
    assert findall_split(_WORD, text, _WORD_LETTERS)[:4] == ["قصفت", "الطائرات", "بلدة", "كفرنبل"]


def test_character_tests_agree_with_str_methods() -> None:
    from tawthiq.text.scan import isalnum_at, isalpha_at, isdigit_at

    text = "".join(chr(cp) for cp in range(0x10000) if not 0xD800 <= cp < 0xE000) + "\U0001d7d8\U00010400"
    for i in range(len(text)):
        assert isalnum_at(text, i) == text[i].isalnum(), hex(ord(text[i]))
        assert isalpha_at(text, i) == text[i].isalpha(), hex(ord(text[i]))
        assert isdigit_at(text, i) == text[i].isdigit(), hex(ord(text[i]))
