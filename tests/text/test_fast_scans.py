"""Scans rewritten for speed find exactly what the plain patterns find: the
irregular-character scan of ``normalize`` (it only skips ahead faster) and the
number tokenizer (its branches tried in another order, its spans found without match
objects), the date rules tried only where a match can start, the sentence splitter's
backward scan for the last word."""

from __future__ import annotations

import random
import re

import pytest

from tawthiq.text.dates import _WINDOW, _anchor_hits, _anchor_hits_at, _at_word_start, _compiled, _find_needs, _matches
from tawthiq.text.normalize import _fused, _irregular_matches, _one_to_one
from tawthiq.text.numbers import _TOKEN_RE
from tawthiq.text.scan import piece_spans
from tawthiq.text.segment import _last_word_before

_LAST_WORD_RE = re.compile(r"(\w+)\W*$")  # what the sentence splitter's backward scan reads


def _spans(matches: object) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


def _found(irregular: list[tuple[int, int, str]]) -> list[tuple[tuple[int, int], str | None]]:
    return [((a, b), kind) for a, b, kind in irregular]


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
        assert _found(_irregular_matches(fused, t, pos)) == _spans(fused.irregular.finditer(t, pos))


def test_same_matches_on_random_mixtures() -> None:
    fused = _fused()
    deleted = list(fused.deleted)
    expanded = list(fused.expansions)
    rng = random.Random(11)
    for _ in range(2000):
        pool = [" ", " ", "ا", "ب", "x", "1", "\n", *rng.sample(deleted, 3), *rng.sample(expanded, 3)]
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        for pos in range(0, len(text) + 1, 5):
            assert _found(_irregular_matches(fused, text, pos)) == _spans(fused.irregular.finditer(text, pos)), text


def test_number_tokens_split_the_same_with_arabic_words_first() -> None:
    """``numbers._TOKEN_RE`` tries Arabic words before digits: the same tokens as digits first."""
    digits_first = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+|\S")
    rng = random.Random(4)
    pool = ["قتل", "ل", "12", "3,500", "1.5", ",", ".", " ", "  ", "ـ", "x", "٫", "؟", "\n", "ۀ", "ﻻ"]
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        assert [m.span() for m in _TOKEN_RE.finditer(text)] == [m.span() for m in digits_first.finditer(text)]


def test_number_token_spans_are_the_match_spans() -> None:
    """``piece_spans`` over ``findall`` gives the spans ``finditer``'s match objects have,
    whatever whitespace (tabs, no-break and ideographic spaces) lies between tokens."""
    rng = random.Random(5)
    pool = ["قتل", "ل", "12", "3,500", "1.5", ",", ".", " ", "  ", "\t", "\u00a0", "\u3000", "x", "ab", "؟", "\n"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 25)))
        starts, ends = piece_spans(text, _TOKEN_RE.findall(text))
        assert list(zip(starts, ends, strict=True)) == [m.span() for m in _TOKEN_RE.finditer(text)], text


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


_WORD_START_RE = re.compile(r"(?<![^\W_])[^\W_]")  # the word starts the date rules are tried at


def _plain_matches(rule: object, t: str, hits: list[int]) -> list[tuple[int, int]]:
    """The date rule loop before its character filter: the rule at every word start."""
    out = []
    end = 0
    for a in hits:
        if a < end:
            continue
        for ws in _WORD_START_RE.finditer(t, max(0, a - _WINDOW, end), a + 1):
            m = rule.rx.match(t, ws.start())  # type: ignore[attr-defined]
            if m and m.start("core") <= a < m.end("core"):
                out.append(m.span())
                end = m.end()
                break
    return out


def test_date_rules_match_where_they_matched_at_every_word_start() -> None:
    pool = [
        "فجر",
        "يوم",
        "الاحد",
        "السبت",
        "الماضي",
        "امس",
        "اليوم",
        "7",
        "12",
        "/",
        "3",
        "2016",
        "من",
        "اذار",
        "كانون الثاني",
        "شهر",
        "قبل",
        "يومين",
        "_",
        "x",
        "و",
        "ب",
        "ال",
        " ",
        " ",
        "  ",
        ".",
        "،",
    ]
    rng = random.Random(9)
    rules = _compiled()
    for _ in range(1500):
        t = "".join(rng.choice(pool) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 14)))
        for rule in rules:
            hits = _anchor_hits(rule, t)
            assert [m.span() for m in _matches(rule, t, hits)] == _plain_matches(rule, t, hits), (rule.rule.name, t)


def test_anchor_hits_from_need_words_are_the_scanned_hits() -> None:
    """Anchors found at the need words' word starts are the hits of a scan of the whole
    text, except where a match inside a word overlapped (and hid) a hit."""
    pool = [
        "الاحد",
        "السبت",
        "امس",
        "الامس",
        "اليوم",
        "واليوم",
        "غدا",
        "قبل",
        "منذ",
        "اسبوع",
        "ايام",
        "الشهر",
        "اذار",
        "ايار",
        "اب",
        "الارهاب",
        "كانون الثاني",
        "تشرين",
        "رمضان",
        "/",
        "وقبل",
        "x",
    ]
    rng = random.Random(12)
    agreed_on_hits = 0
    for _ in range(1500):
        t = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 10)))
        _present, starts = _find_needs(t)
        for rule in _compiled():
            if not rule.anchor_needs:
                continue
            wanted = sorted({a for need in rule.anchor_needs for a in starts.get(need, ())})
            new = _anchor_hits_at(rule, t, wanted)
            old = _anchor_hits(rule, t)
            if new == old:
                agreed_on_hits += bool(old)
            else:
                in_word = [m.span() for m in rule.anchor.finditer(t) if not _at_word_start(t, m.start())]
                assert any(a < h < b for a, b in in_word for h in set(new) ^ set(old)), (rule.rule.name, t)
    assert agreed_on_hits > 1000  # the comparison is not vacuous


def test_one_to_one_is_the_translation_table() -> None:
    """The fast path (str.replace of the frequent characters, one scan for rare ones and
    ASCII capitals) gives ``str.translate`` with the whole table, wherever they occur."""
    fused = _fused()
    rare = [chr(cp) for cp in fused.one_to_one if fused.rare.match(chr(cp))]
    pool = [" ", "ب", "أ", "ة", "ى", "٣", "،", "A", "Z", "x", "\n", *random.Random(2).sample(rare, 6)]
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert _one_to_one(text) == text.translate(fused.one_to_one), text


def test_clause_cuts_are_the_clause_pattern_matches() -> None:
    """One automaton pass finds the matches ``finditer`` of the clause pattern finds."""
    from tawthiq.text.segment import _clause_cuts, _connectives

    words = _connectives()
    clause_re = re.compile(",|;| [وف]?(?:" + "|".join(re.escape(c) for c in words) + r")(?!\w)")
    pool = [*words, *(w[:-1] for w in words), "و", "ف", "قصف", "حلب", "1", "_", "x", ",", ";", " ", " ", "  ", "\n"]
    rng = random.Random(17)
    found = 0
    for _ in range(3000):
        t = "".join(rng.choice(pool) + rng.choice(["", " ", " "]) for _ in range(rng.randint(0, 12)))
        for ns, ne in ((0, len(t)), (len(t) // 3, len(t) - len(t) // 4)):
            expected = [m.span() for m in clause_re.finditer(t, ns, ne)]
            assert _clause_cuts(t, ns, ne) == expected, (t, ns, ne)
            found += len(expected)
    assert found > 3000


def test_cut_off_reads_the_last_character_as_the_end_pattern_did() -> None:
    """``is_cut_off`` looks at the last non-space character; the pattern it replaced
    searched the whole report for closing punctuation followed by spaces to the end."""
    from tawthiq.incidents.unknown_places import is_cut_off

    ends_cleanly = re.compile(r"[.!?؟\"'”»)\]]\s*$")
    rng = random.Random(5)
    pool = ["ا", "ب", " ", "\n", "\t", "\u00a0", "\u2003", ".", "؟", "»", ")", "]", "،", "x", '"']
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        assert is_cut_off(text) == (bool(text.strip()) and not ends_cleanly.search(text)), repr(text)


def test_irregular_scan_told_there_is_no_deleted_character() -> None:
    """The caller that found no deleted or expanded character lets the scan look only
    for double spaces: the same matches."""
    fused = _fused()
    rng = random.Random(3)
    for _ in range(500):
        text = "".join(rng.choice([" ", " ", "ا", "ب", "x", "1", ","]) for _ in range(rng.randint(0, 30)))
        for pos in range(0, len(text) + 1, 3):
            expected = _spans(fused.irregular.finditer(text, pos))
            assert _found(_irregular_matches(fused, text, pos, False)) == expected, text


def test_written_out_bisect_is_bisect_right() -> None:
    import bisect

    from tawthiq.text.normalize import _bisect_right

    rng = random.Random(13)
    for _ in range(2000):
        seq = tuple(sorted(rng.randint(0, 20) for _ in range(rng.randint(0, 8))))
        x, lo = rng.randint(-1, 21), rng.randint(0, len(seq))
        assert _bisect_right(seq, x, lo) == bisect.bisect_right(seq, x, lo), (seq, x, lo)


def test_written_out_list_bisects_are_bisect() -> None:
    import bisect

    from tawthiq.incidents.spans import bisect_left_int, bisect_right_int

    rng = random.Random(14)
    for _ in range(2000):
        seq = sorted(rng.randint(0, 20) for _ in range(rng.randint(0, 8)))
        x = rng.randint(-1, 21)
        assert bisect_right_int(seq, x) == bisect.bisect_right(seq, x), (seq, x)
        assert bisect_left_int(seq, x) == bisect.bisect_left(seq, x), (seq, x)
