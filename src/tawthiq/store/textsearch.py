"""The search form of article text and of queries (the same normalisation on both sides)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def search_form(text: str) -> str:
    """Text as it is indexed for full-text search: ``tawthiq.text.normalize_form``."""
    from ..text.normalize import normalize_form

    return normalize_form(text)


_MIN_STEM = 3  # shorter remainders ("بيت" -> "يت") are letters of the word, not a stem


def article_search_text(text: str) -> str:
    """An article as it is indexed for full-text search: its search form, then the stems
    of its words that carry proclitics ("بحلب" -> "حلب", "والمدينه" -> "مدينه"), so that a
    search for the bare word finds the article however the word was attached."""
    from ..text.tokens import strip_proclitics

    norm = search_form(text)
    words = set(_WORD.findall(norm))
    stems: dict[str, None] = {}
    for word in sorted(words):
        for stem in strip_proclitics(word)[1:]:
            if len(stem) >= _MIN_STEM and stem not in words:
                stems[stem] = None
    return f"{norm}\n{' '.join(stems)}" if stems else norm


def query_terms(query: str) -> list[str]:
    """The words of a user query in search form (punctuation and operators dropped)."""
    return _WORD.findall(search_form(query))


def fts5_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term, as a quoted prefix (``"حلب"*``), must occur."""
    return " AND ".join(f'"{term}"*' for term in terms)


def tsquery_expression(terms: list[str]) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression with the same meaning."""
    return " & ".join(f"{term}:*" for term in terms)
