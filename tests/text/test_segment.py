"""Sentence and clause segmentation: golden tables on Arabic news-style phrases."""

from __future__ import annotations

import pytest

from tawthiq.text import normalize_form
from tawthiq.text._data import word_list
from tawthiq.text.segment import clauses, sentences

param = pytest.param


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        param("قتل طفل. وجرح آخر.", ["قتل طفل.", "وجرح آخر."], id="full-stop"),
        param("هل قصفت المدينة؟ نعم!", ["هل قصفت المدينة؟", "نعم!"], id="question-exclamation"),
        param("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"], id="newline"),
        param("نزح 3.5 مليون شخص.", ["نزح 3.5 مليون شخص."], id="decimal-point"),
        param("قال د. أحمد إن القصف استمر.", ["قال د. أحمد إن القصف استمر."], id="single-letter-abbrev"),
        param("نقلت أ.ف.ب الخبر. ثم انتهى", ["نقلت أ.ف.ب الخبر.", "ثم انتهى"], id="afp"),
        param("قال: «قتل خمسة.» وأضاف أمرا", ["قال: «قتل خمسة.»", "وأضاف أمرا"], id="closing-quote"),
        param("زوروا www.site.com الآن", ["زوروا www.site.com الآن"], id="url"),
        param("  \n  ", [], id="blank"),
        param("انتهى...  ثم عاد", ["انتهى...", "ثم عاد"], id="ellipsis"),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentences(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        param("قصفت الطائرات حلب، وقتل طفل", ["قصفت الطائرات حلب", "وقتل طفل"], id="arabic-comma"),
        param("قتل 1,200 شخص", ["قتل 1,200 شخص"], id="thousands-comma-kept"),
        param("قصف حلب؛ وإدلب", ["قصف حلب", "وإدلب"], id="semicolon"),
        param("قصفت حلب في حين استهدفت حماة", ["قصفت حلب", "في حين استهدفت حماة"], id="fi-hin"),
        param("قصفت حلب وفيما قتل طفل", ["قصفت حلب", "وفيما قتل طفل"], id="wa-fima"),
        param("كما قصفت المدفعية حماة", ["كما قصفت المدفعية حماة"], id="connective-at-start"),
        param("قصفت حلب بينما ـ", ["قصفت حلب", "بينما ـ"], id="bainama"),
        param("قصفت حلب كمال", ["قصفت حلب كمال"], id="not-inside-word"),
    ],
)
def test_clauses(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in clauses(text)] == expected


def test_clauses_of_a_sentence_inside_a_text() -> None:
    text = "مقدمة. قَصَفَت الطائرات حلبَ، في حين قتل طفل. خاتمة"
    s = sentences(text)[1]
    got = [text[a:b] for a, b in clauses(text, *s)]
    assert got == ["قَصَفَت الطائرات حلبَ", "في حين قتل طفل."]


def test_connective_list_is_normalised() -> None:
    for entry in word_list("connectives.txt") + word_list("abbreviations.txt"):
        assert entry == normalize_form(entry), entry
