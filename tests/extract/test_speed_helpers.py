"""The helpers that make extraction fast give the same answers as the plain way."""

from __future__ import annotations

import random
import re

import pytest

from tawthiq.incidents.assemble import _WORD_BEFORE
from tawthiq.incidents.engine import _PLUPERFECT_BEFORE, _recalls_earlier_event
from tawthiq.incidents.spans import SpanIndex
from tawthiq.incidents.unknown_places import (
    _DESCRIPTOR_WORDS,
    _WORD,
    _word_forms,
    find_unknown_places,
    has_descriptor_word,
)
from tawthiq.text import normalize, normalize_form
from tawthiq.text.normalize import _fused, _word_table, normalize_letters
from tawthiq.text.scan import piece_spans

# every letter the unknown-place scan treats as part of a word
_WORD_LETTERS = "".join(chr(c) for c in [*range(0x621, 0x64B), *range(0x671, 0x6D4)])


@pytest.mark.parametrize(
    "text",
    [
        _WORD_LETTERS + " أحياء بلدةٍ قـرية ",
        " ".join(_WORD_LETTERS),  # each letter a word of its own
        "قصف (مدينة) حلب، و«بلدة» سراقب 12 مرة",
        "no Arabic word here",
    ],
)
def test_word_forms_are_each_words_normal_form(text: str) -> None:
    assert _word_forms(text) == [normalize_form(w) for w in _WORD.findall(text)]
    assert _word_forms(text) == [normalize_form(w) for w in _WORD.findall(text)]  # memoised
    raw = _WORD.findall(text)
    spans = list(zip(*piece_spans(text, raw), strict=True))
    assert spans == [m.span() for m in _WORD.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "".join(chr(c) for c in range(0x6D4)),  # every code point the list table covers
        "قـرية الأحياء، بلدةٌ 12",
        "",
    ],
)
def test_list_table_translates_like_the_dict_table_up_to_u06d3(text: str) -> None:
    assert normalize_letters(text) == text.translate(_word_table())


def _plain_has_descriptor(text: str) -> bool:
    """The word test of the scan, word by word."""
    for w in (normalize_form(m.group()) for m in _WORD.finditer(text)):
        base = w[1:] if w[:1] in ("و", "ب", "ف", "ل") and w[1:] in _DESCRIPTOR_WORDS else w
        if base in _DESCRIPTOR_WORDS:
            return True
    return False


@pytest.mark.parametrize(
    "text",
    [
        "قصفت الطائرات قرية الخضراء صباح اليوم",
        "سقطت قذائف على بلدتي الشيخ مسكين ونوى",
        "اشتباكات عنيفة بمدينة كبيرة في الجنوب",
        "وأحياء المدينة القديمة تعرضت للقصف",
        "حيث قتل ثلاثة أشخاص في الهجوم",  # "حيث" is not "حي"
        "قتل مدني برصاص قناص",
        "ومخيمي اللاجئين",
        "",
    ],
)
def test_descriptor_precheck_agrees_with_the_word_loop(text: str) -> None:
    assert has_descriptor_word(_word_forms(text)) == _plain_has_descriptor(text)


def test_no_descriptor_no_unknown_place() -> None:
    text = "قتل شخصان وأصيب آخرون في هجوم مسلح على الطريق العام"
    assert not has_descriptor_word(_word_forms(text))
    assert find_unknown_places(text, [], [], "SY") == []


def test_descriptor_then_name_is_found() -> None:
    text = "قصفت المدفعية قرية المزيرعة الصغيرة"
    assert has_descriptor_word(_word_forms(text))
    found = find_unknown_places(text, [], [], "SY")
    assert [text[p.start : p.end] for p in found] == ["المزيرعة الصغيرة"]


def _brute_overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)


def _brute_contains(spans: list[tuple[int, int]], a: int, b: int, strictly: bool) -> bool:
    return any(s <= a and b <= e and not (strictly and (s, e) == (a, b)) for s, e in spans)


def test_span_index_answers_like_a_scan_of_all_spans() -> None:
    rng = random.Random(3)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 80)
            spans.append((s, s + rng.randint(1, 25)))
        index = SpanIndex(spans)
        for _ in range(30):
            if rng.random() < 0.3:
                s = rng.randint(0, 80)
                e = s + rng.randint(1, 25)
                index.add(s, e)
                spans.append((s, e))
            a = rng.randint(0, 100)
            b = a + rng.randint(0, 20)
            assert index.overlaps(a, b) == _brute_overlaps(spans, a, b)
            for strictly in (False, True):
                assert index.contains(a, b, strictly) == _brute_contains(spans, a, b, strictly)


def test_possessive_word_before_finds_what_the_backtracking_pattern_finds() -> None:
    backtracking = re.compile(r"([^\s.,;:!?\"'()]+)\s+$")
    rng = random.Random(8)
    pool = ["قتل", "ال", "x", "(", ")", " ", ".", "،", "\n", "  ", "ـ", "'", "؟"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 20)))
        for lo in range(0, len(text) + 1, 3):
            for end in range(lo, len(text) + 1, 2):
                fast, slow = _WORD_BEFORE.search(text, lo, end), backtracking.search(text, lo, end)
                assert (fast and (fast.span(), fast.group(1))) == (slow and (slow.span(), slow.group(1)))


def test_pluperfect_precheck_on_the_normalised_article_changes_no_answer() -> None:
    """``_recalls_earlier_event`` skips normalising a context only when the normalised
    article lacks "كان" or "قد" there: the same answer as normalising every context."""
    fused = _fused()
    expanding = [c for c, out in fused.expansions.items() if set(out) & set("كانقد")][:6]
    pool = [
        "وكانت", "كان", "كَانَ", "كـان", "قد", "قَدْ", "قـد", "\ufed7\ufeaa", "سيطرت", "على", " ", " ", "  ",
        "\n", ".", "،", "؛", "\u064b", "\u0640", "ﻻ", "x", "1", *expanding,
        "وكانت ", "كان ", " قد ", "قد سيطرت ", "وكانت القوات قد ",
    ]  # fmt: skip
    rng = random.Random(9)
    for _ in range(400):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 25)))
        norm = normalize(text)
        for a in range(len(text) + 1):
            for b in range(a, len(text) + 1, 2):
                expected = bool(_PLUPERFECT_BEFORE.search(normalize_form(text[a:b])))
                assert _recalls_earlier_event(text, norm, a, b) == expected, (text, a, b)


@pytest.mark.parametrize(
    "module, name",
    [
        ("engine", "_DESTINATION_PLACE"),
        ("engine", "_ORIGIN_BEFORE"),
        ("engine", "_AIRSPACE_BEFORE"),
        ("engine", "_OPPOSITE_BEFORE"),
        ("engine", "_OFFICE_OF_BEFORE"),
        ("engine", "_UNREALISED_BEFORE"),
        ("engine", "_CAMPAIGN_BEFORE"),
        ("assemble", "_TARGET_ROLE"),
        ("assemble", "_AFFILIATION"),
        ("assemble", "_MEMBER_OF"),
        ("assemble", "_RELATIVE"),
    ],
)
def test_space_led_cue_patterns_find_what_their_line_start_form_finds(module: str, name: str) -> None:
    """The cue filters search ``" " + window`` with a pattern led by ``\\s``: the same
    windows match as with ``(?:^|\\s)`` on the window itself (which the regex engine
    cannot skip ahead with). Windows are made of the pattern's own words."""
    import importlib

    fast = getattr(importlib.import_module(f"tawthiq.incidents.{module}"), name)
    rx = fast.pattern if hasattr(fast, "needles") else fast  # a cue guarded by needle words
    assert rx.pattern.startswith("\\s")
    plain = re.compile("(?:^|\\s)" + rx.pattern[2:])
    words = sorted(set(re.findall("[\u0621-\u064a]+", rx.pattern)))
    pool = [*words, *(w[1:] for w in words if len(w) > 2), "x", "1", ".", "ل", "ب", "و"]
    rng = random.Random(33)
    outcomes = set()
    for _ in range(4000):
        window = "".join(rng.choice(pool) + rng.choice(["", " ", " ", "  ", "\n"]) for _ in range(rng.randint(0, 6)))
        found = plain.search(window) is not None
        assert bool(fast.search(" " + window)) == found, window
        outcomes.add(found)
    assert outcomes == {True, False}  # the windows both match and miss


@pytest.mark.parametrize("name", ["_TREATED_AT", "_PAST_DESTRUCTION", "_RELATIVE_BEFORE", "_PARTITIVE_BEFORE"])
def test_cue_before_finds_what_the_line_start_form_finds_in_the_window(name: str) -> None:
    """``_cue_before(pattern, text, lo, hi)`` with a ``\\s``-led pattern answers as the
    ``(?:^|\\s)`` form searched between ``lo`` and ``hi`` (``^`` only at the text's start)."""
    import tawthiq.incidents.engine as engine

    fast = getattr(engine, name)  # a cue guarded by needle words
    rx = fast.pattern
    assert rx.pattern.startswith("\\s")
    plain = re.compile("(?:^|\\s)" + rx.pattern[2:])
    words = sorted(set(re.findall("[\u0621-\u064a]+", rx.pattern)))
    pool = [*words, *(w[1:] for w in words if len(w) > 2), "x", "1", ".", "،", "ل", "ب", "و"]
    rng = random.Random(34)
    outcomes = set()
    for _ in range(600):
        text = "".join(rng.choice(pool) + rng.choice(["", " ", " ", "  ", "\n"]) for _ in range(rng.randint(0, 12)))
        for lo in range(0, len(text) + 1, 3):
            for hi in range(lo, len(text) + 1, 4):
                found = plain.search(text, lo, hi) is not None
                assert engine._cue_before(fast, text, lo, hi) == found, (text, lo, hi)
                outcomes.add(found)
    assert outcomes == {True, False}
