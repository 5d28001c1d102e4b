"""The search form of article text and of queries (the same normalisation on both sides)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")


def search_form(text: str) -> str:
    """Text as it is indexed for full-text search: ``tawthiq.text.normalize_form``."""
    from ..text.normalize import normalize_form

    return normalize_form(text)


def query_terms(query: str) -> list[str]:
    """The words of a user query in search form (punctuation and operators dropped)."""
    return _WORD.findall(search_form(query))


def fts5_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term, as a quoted prefix (``"حلب"*``), must occur."""
    return " AND ".join(f'"{term}"*' for term in terms)


def tsquery_expression(terms: list[str]) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression with the same meaning."""
    return " & ".join(f"{term}:*" for term in terms)
