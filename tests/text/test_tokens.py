"""Tokens and clitic stripping: golden tables on Arabic words."""

from __future__ import annotations

import pytest

from tawthiq.text import normalize_form
from tawthiq.text._data import json_data
from tawthiq.text.tokens import stem_candidates, strip_enclitics, strip_proclitics, tokenize

param = pytest.param


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        param("بإدلب", "ادلب", id="bi"),
        param("وحمص", "حمص", id="wa"),
        param("لمدينة", "مدينه", id="li"),
        param("بريف", "ريف", id="bi-rif"),
        param("والمدنيين", "مدنيين", id="wa-al"),
        param("للمدنيين", "مدنيين", id="lil"),
        param("فالقصف", "قصف", id="fa-al"),
        param("وبالقرب", "قرب", id="wa-bi-al"),
        param("كالعادة", "عاده", id="ka-al"),
        param("سيتم", "يتم", id="future-sa"),
        param("منزلهم", "منزل", id="enclitic-hum"),
        param("مدينتها", "مدينه", id="enclitic-teh-marbuta"),
        param("وأطفالها", "اطفال", id="wa-enclitic"),
    ],
)
def test_stem_in_candidates(word: str, stem: str) -> None:
    (tok,) = tokenize(word)
    assert tok.candidates[0] == tok.norm == normalize_form(word)
    assert stem in tok.candidates


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        param("والمدنيين", ["والمدنيين", "المدنيين", "مدنيين"], id="longest-first"),
        param("بادلب", ["بادلب", "ادلب"], id="one"),
        param("حلب", ["حلب"], id="none"),
        param("ول", ["ول"], id="too-short"),
    ],
)
def test_strip_proclitics(word: str, expected: list[str]) -> None:
    assert strip_proclitics(word) == expected


def test_strip_enclitics_restores_teh_marbuta() -> None:
    assert strip_enclitics("مدينتهم") == ["مدينه", "مدينت"]
    assert strip_enclitics("هم") == []


def test_no_enclitic_stripped_after_article() -> None:
    assert "مدين" not in stem_candidates("المدينه")


def test_tokenize_offsets_and_kinds() -> None:
    text = "قُصِفَت، بإدلـب ٢٣ و3,500 شخص (Reuters)."
    toks = tokenize(text)
    assert [t.surface for t in toks] == ["قُصِفَت", "بإدلـب", "٢٣", "و", "3,500", "شخص", "Reuters"]
    for t in toks:
        assert text[t.start : t.end] == t.surface
    assert toks[1].norm == "بادلب"
    assert toks[2].norm == "23"
    assert toks[6].norm == "reuters"


def test_clitic_data_is_normalised() -> None:
    d = json_data("clitics.json")
    for key in ("conjunctions", "prepositions", "imperfect_prefixes", "enclitics"):
        for entry in d[key]:
            assert entry == normalize_form(entry)


def test_fast_built_tokens_equal_normally_built_ones() -> None:
    from tawthiq.text import Token

    for tok in tokenize("قصفت الطائرات بإدلب ٢٣ مرة"):
        assert tok == Token(tok.start, tok.end, tok.surface, tok.norm, tok.candidates)
        assert hash(tok) == hash(Token(tok.start, tok.end, tok.surface, tok.norm, tok.candidates))
        with pytest.raises(AttributeError):
            tok.start = 0  # type: ignore[misc]
