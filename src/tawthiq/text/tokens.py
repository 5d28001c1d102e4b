"""Word tokens over the ORIGINAL text, with normalised stem hypotheses.

A token is a maximal run of Arabic letters (with their harakat and tatweel,
and Arabic presentation forms), a number (ASCII, Arabic-Indic or Persian
digits, with internal ``.``/``,``/``٫``/``٬`` between digits), or a run of
Latin letters. Punctuation and spaces are not tokens. ``norm`` is the token in
:func:`~tawthiq.text.normalize.normalize_form` spelling.

``candidates`` are the hypotheses a lexicon lookup should try, the unstripped
``norm`` always first: then the forms with proclitics stripped (conjunction
و/ف, then a preposition ب/ل/ك or the future س before an imperfect prefix,
then the article ال; ``لل`` = ل + ال), longest first; then forms with an
enclitic pronoun (ه ها هم هما هن ك كم كن نا ي) stripped, longest first, where
a stem left ending in ت also gives its teh-marbuta form (مدينتها → مدينه).
Enclitics are not stripped from a form with the article. The lists live in
``data/clitics.json``. These are hypotheses, not an analysis: a lexicon hit
on a stripped form decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from tawthiq.text._data import json_data
from tawthiq.text.normalize import _fused, _one_to_one, normalize_word

__all__ = ["Token", "stem_candidates", "strip_enclitics", "strip_proclitics", "tokenize"]

_AR_LETTER: Final = "\u0621-\u063a\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_AR_MARK: Final = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
_DIGIT: Final = "0-9\u0660-\u0669\u06f0-\u06f9"
_TOKEN_RE: Final = re.compile(
    f"[{_AR_LETTER}][{_AR_LETTER}{_AR_MARK}]*"
    f"|[{_DIGIT}]+(?:[.,\u066b\u066c][{_DIGIT}]+)*"
    r"|[A-Za-z\u00c0-\u024f]+"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word or number: ``text[start:end] == surface``; ``norm`` is its matching form."""

    start: int
    end: int
    surface: str
    norm: str
    candidates: tuple[str, ...]

    def __reduce__(self) -> tuple[type[Token], tuple[object, ...]]:
        # rebuilt through __init__: compiled (mypyc), a frozen class cannot have its fields set after creation
        return (Token, (self.start, self.end, self.surface, self.norm, self.candidates))


@dataclass(frozen=True)
class _Clitics:
    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    lam_article: str
    future: str
    imperfect_prefixes: tuple[str, ...]
    enclitics: tuple[str, ...]
    min_stem: int
    min_stem_enclitic: int


@cache
def _clitics() -> _Clitics:
    d = json_data("clitics.json")
    return _Clitics(
        conjunctions=tuple(d["conjunctions"]),
        prepositions=tuple(d["prepositions"]),
        article=d["article"],
        lam_article=d["lam_article"],
        future=d["future"],
        imperfect_prefixes=tuple(d["imperfect_prefixes"]),
        enclitics=tuple(sorted(d["enclitics"], key=len, reverse=True)),
        min_stem=int(d["min_stem"]),
        min_stem_enclitic=int(d["min_stem_enclitic"]),
    )


def _proclitic_forms(word: str) -> list[tuple[str, bool]]:
    """(form, had_article) for every proclitic split of ``word``, unstripped first."""
    c = _clitics()
    out: list[tuple[str, bool]] = [(word, word.startswith(c.article))]
    bases = [word]
    if word[:1] in c.conjunctions and len(word) - 1 >= c.min_stem:
        bases.append(word[1:])
        out.append((word[1:], word[1:].startswith(c.article)))
    for base in bases:
        if base.startswith(c.lam_article) and len(base) - 2 >= c.min_stem:
            out.append((base[2:], True))
        if base[:1] in c.prepositions and len(base) - 1 >= c.min_stem:
            rest = base[1:]
            out.append((rest, rest.startswith(c.article)))
            if rest.startswith(c.article) and len(rest) - len(c.article) >= c.min_stem:
                out.append((rest[len(c.article) :], True))
        elif base[:1] == c.future and base[1:2] in c.imperfect_prefixes and len(base) - 1 >= c.min_stem + 1:
            out.append((base[1:], False))
        if base.startswith(c.article) and len(base) - len(c.article) >= c.min_stem:
            out.append((base[len(c.article) :], True))
    return out


def _dedupe(forms: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for f in forms:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def strip_proclitics(norm_word: str) -> list[str]:
    """``norm_word`` first, then its proclitic-stripped forms, longest first (بالمدينه → مدينه)."""
    if not norm_word:
        return []
    forms = [f for f, _ in _proclitic_forms(norm_word)]
    return [forms[0], *sorted(_dedupe(forms[1:]), key=len, reverse=True)] if len(forms) > 1 else forms


def strip_enclitics(norm_word: str) -> list[str]:
    """Forms of ``norm_word`` without a final pronoun, longest first (منزلهم → منزل; مدينتها → مدينه)."""
    c = _clitics()
    out: list[str] = []
    for enc in c.enclitics:
        if norm_word.endswith(enc) and len(norm_word) - len(enc) >= c.min_stem_enclitic:
            stem = norm_word[: -len(enc)]
            if stem.endswith("ت"):
                out.append(stem[:-1] + "ه")
            out.append(stem)
    return sorted(_dedupe(out), key=len, reverse=True)


@lru_cache(maxsize=1 << 16)
def stem_candidates(norm_word: str) -> tuple[str, ...]:
    """All stem hypotheses of a normalised word: unstripped, proclitic-stripped, then enclitic-stripped."""
    if not norm_word:
        return ()
    forms = _proclitic_forms(norm_word)
    proclitic = [f for f, _ in forms]
    enclitic: list[str] = []
    for form, had_article in forms:
        if not had_article:
            enclitic.extend(strip_enclitics(form))
    proclitic_set = set(proclitic)
    pro = sorted(_dedupe(proclitic[1:]), key=len, reverse=True)
    enc = sorted((e for e in _dedupe(enclitic) if e not in proclitic_set), key=len, reverse=True)
    return tuple(_dedupe([norm_word, *pro, *enc]))


def tokenize(text: str) -> list[Token]:
    """Word and number tokens of ``text`` with offsets into it."""
    aligned = _one_to_one(text)  # same length as text: most tokens' norm is a slice of it
    irregular = [m.start() for m in _irregular_chars().finditer(aligned)]
    nxt = irregular[0] if irregular else len(text)
    k = 0
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        a, b = m.span()
        while nxt < a:
            k += 1
            nxt = irregular[k] if k < len(irregular) else len(text)
        surface = m.group()
        norm = normalize_word(surface) if nxt < b else aligned[a:b]
        append(Token(a, b, surface, norm, (norm,) if surface[0].isdigit() else stem_candidates(norm)))
    return tokens


@cache
def _irregular_chars() -> re.Pattern[str]:
    """Characters the word normalisation deletes or expands (rare in news text)."""
    fused = _fused()
    chars = "".join(re.escape(c) for c in (*fused.deleted, *fused.expansions))
    return re.compile(f"[{chars}]")
