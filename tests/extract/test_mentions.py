"""Mention finder: Arabic word boundaries, clitics, longest match, offsets into the original."""

from __future__ import annotations

import pickle

from tawthiq.mentions import MentionFinder, default_finder
from tawthiq.text import normalize


def found(text: str, kind: str | None = None) -> list[tuple[str, str, str]]:
    out = []
    for m in default_finder().find(normalize(text)):
        if kind is None or m.kind == kind:
            out.append((m.kind, m.code, text[m.start : m.end]))
    return out


def test_proclitics_and_article_are_allowed() -> None:
    # the span is the entry itself, after the proclitics و + ب
    assert ("weapons", "barrel_bomb", "البراميل المتفجرة") in found("ألقت وبالبراميل المتفجرة", "weapons")
    assert ("victims", "civilian", "للمدنيين") in found("لا أمان للمدنيين", "victims")


def test_no_match_inside_a_longer_word() -> None:
    # "سوق" must not match inside "مسوق", "قصف" not inside "تقصفنا".
    assert found("وصل المسوقون", "targets") == []
    assert found("مستقصفات", "triggers") == []


def test_pronoun_suffix_is_allowed() -> None:
    assert ("triggers", "Air/drone strike", "غاراتها") in found("صعدت الطائرات غاراتها", "triggers")


def test_longest_match_wins_within_a_lexicon() -> None:
    assert found("استهدفت الطائرات الروسية البلدة", "actors") == [("actors", "RUS_MIL", "الطائرات الروسية")]


def test_offsets_point_into_the_original_with_diacritics() -> None:
    text = "قُتِلَ ثلاثةُ مدنيينَ في غارةٍ جويةٍ"
    hits = found(text)
    assert ("triggers", "Air/drone strike", "غارةٍ") in hits or (
        "triggers",
        "Air/drone strike",
        "غارةٍ جويةٍ",
    ) in hits
    for m in default_finder().find(normalize(text)):
        assert 0 <= m.start < m.end <= len(text)


def test_negation_is_found() -> None:
    assert ("negations", "none", "دون وقوع إصابات") in found("سقطت قذيفة دون وقوع إصابات", "negations")


def test_finder_pickles() -> None:
    finder = pickle.loads(pickle.dumps(MentionFinder()))
    assert finder.find(normalize("غارة جوية"))
