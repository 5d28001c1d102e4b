"""``findall_split`` finds what ``findall`` finds, whatever the whitespace and glue."""

from __future__ import annotations

import random
import re

from tawthiq.gazetteer.geocoder import _ARABIC_LETTERS
from tawthiq.gazetteer.geocoder import _WORD as _W_WORD
from tawthiq.incidents.unknown_places import _WORD, _WORD_LETTERS
from tawthiq.text.numbers import _TOKEN_LETTERS, _TOKEN_RE
from tawthiq.text.scan import (
    GLUE_ALONE,
    GLUE_DROPPED,
    GLUE_JOINS_WORD,
    digit_before,
    findall_split,
    finditer_from_chars,
)

_POOL = ["قتل", "ال", "بحلب", "12", "3,500", "1.5", "،", ".", "x", "ab", "ـ", "ۀ", "ﻻ", "٫", "پ", "\u064e", "(", ")"]
_SPACES = ["", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "\x1c"]


def test_same_words_as_findall_on_random_mixtures() -> None:
    rng = random.Random(6)
    for _ in range(4000):
        text = "".join(rng.choice(_POOL) + rng.choice(_SPACES) for _ in range(rng.randint(0, 12)))
        assert findall_split(_TOKEN_RE, text, _TOKEN_LETTERS) == _TOKEN_RE.findall(text), text
        assert findall_split(_WORD, text, _WORD_LETTERS) == _WORD.findall(text), text
        assert findall_split(_TOKEN_RE, text, _TOKEN_LETTERS, GLUE_ALONE) == _TOKEN_RE.findall(text), text
        assert findall_split(_WORD, text, _WORD_LETTERS, GLUE_DROPPED) == _WORD.findall(text), text
        assert findall_split(_W_WORD, text, _ARABIC_LETTERS, GLUE_JOINS_WORD) == _W_WORD.findall(text), text


_GLUE = ["قتل", "بحلب", "ال", "1", "12", "x", "_", ",", ".", "(", ")", '"', "،", "-", "ۀ", "پ", "\u064e", "٣", "\u00b2"]
_GLUE += ["«", "»", "…", "—", "“", "؟", "!", "/", "ـ", "\u200f", "%"]


def test_glued_words_split_as_findall_splits_them() -> None:
    """Chunks of letters and punctuation without spaces, the shape the code point scan
    splits (and the shapes it leaves to the regex), for each pattern it stands in for."""
    rng = random.Random(8)
    for _ in range(6000):
        chunk = "".join(rng.choice(_GLUE) for _ in range(rng.randint(1, 5)))
        assert findall_split(_TOKEN_RE, chunk, _TOKEN_LETTERS, GLUE_ALONE) == _TOKEN_RE.findall(chunk), chunk
        assert findall_split(_WORD, chunk, _WORD_LETTERS, GLUE_DROPPED) == _WORD.findall(chunk), chunk
        assert findall_split(_W_WORD, chunk, _ARABIC_LETTERS, GLUE_JOINS_WORD) == _W_WORD.findall(chunk), chunk


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


def test_matches_from_their_first_characters_are_finditer_matches() -> None:
    """The sentence-boundary pattern, and one that can fail where its first character is."""
    from tawthiq.text.segment import _BOUNDARY_RE, _TERMINATORS

    failing = re.compile(r"[.,](?=[0-9])[0-9]+|,x")
    rng = random.Random(4)
    pool = ["قتل", " ", "\n", ".", "..", "!", "؟", "…", "»", ")", '"', ",", "1", "x", "\n\n", " \n "]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        got = finditer_from_chars(_BOUNDARY_RE, text, _TERMINATORS + "\n")
        assert [m.span() for m in got] == [m.span() for m in _BOUNDARY_RE.finditer(text)], text
        got = finditer_from_chars(failing, text, ".,")
        assert [m.span() for m in got] == [m.span() for m in failing.finditer(text)], text


def test_glue_punctuation_is_outside_every_pattern_s_words() -> None:
    from tawthiq.text.scan import _GLUE_PUNCTUATION

    for ch in _GLUE_PUNCTUATION:
        assert not ch.isspace() and not ch.isalnum() and ch != "_", ch
        assert _TOKEN_RE.fullmatch(ch) and not _WORD.search(ch) and not _W_WORD.search(ch), ch


def test_digit_before_a_separator_is_the_two_character_pattern() -> None:
    """What numbers and dates ask before their date scans: ``[0-9][/.\\-:]`` and
    ``[0-9][/.\\-][0-9]`` anywhere in the text."""
    hint = re.compile(r"[0-9][/.\-:]")
    numeric_date = re.compile(r"[0-9][/.\-][0-9]")
    rng = random.Random(9)
    pool = ["1", "٣", "ا", " ", "/", ".", "-", ":", ",", "x"]
    for _ in range(5000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 7)))
        assert digit_before(text, "/.-:") == bool(hint.search(text)), text
        assert digit_before(text, "/.-", digit_after=True) == bool(numeric_date.search(text)), text


def test_trie_order_changes_no_match() -> None:
    """Keys added most frequent letters first (and the space-first key before them) give
    the same hits, in the same order, as keys added as they come."""
    import ahocorasick

    from tawthiq.text.scan import SPACE_FIRST_KEY, trie_order

    rng = random.Random(2)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي "
    keys = list(dict.fromkeys("".join(rng.choice(letters[:-1]) for _ in range(rng.randint(1, 5))) for _ in range(300)))
    plain, ordered = ahocorasick.Automaton(), ahocorasick.Automaton()
    for key in keys:
        plain.add_word(key, key)
    ordered.add_word(SPACE_FIRST_KEY, None)
    for key in trie_order(keys):
        ordered.add_word(key, key)
    plain.make_automaton()
    ordered.make_automaton()
    assert sorted(trie_order(keys)) == sorted(keys)
    for _ in range(300):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 60)))
        assert list(plain.iter(text)) == list(ordered.iter(text)), text


def test_counted_spans_of_number_tokens_are_the_searched_ones() -> None:
    """Number tokens tile a normalised text's words: their spans counted (tiling_spans)
    are those searched one after another (piece_spans); a text that breaks the
    assumption (a double space, a dropped character) is searched instead."""
    from tawthiq.text.normalize import normalize
    from tawthiq.text.scan import piece_spans, tiling_spans

    rng = random.Random(21)
    for _ in range(3000):
        raw = "".join(rng.choice(_POOL) + rng.choice(_SPACES) for _ in range(rng.randint(0, 10)))
        text = normalize(raw).text
        toks = findall_split(_TOKEN_RE, text, _TOKEN_LETTERS, GLUE_ALONE)
        assert tiling_spans(text, toks) == piece_spans(text, toks), text
    for text in ["قتل  3", "قتل،قتل", " 1 2 ", ""]:
        words = _WORD.findall(text)
        assert tiling_spans(text, words) == piece_spans(text, words), text
