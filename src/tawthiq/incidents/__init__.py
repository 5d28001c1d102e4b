"""Incident assembly: mentions -> event frames -> incidents (ANNOTATION.md).

Public surface:

- ``EXTRACTOR_VERSION``: stamped into every stored incident.
- ``Extractor(gazetteer=None)``: loads lexicons and the gazetteer once; its
  ``extract(article) -> list[Incident]`` is pure and picklable (workers, Spark).
- ``extract_article(article) -> list[Incident]``: the same with a per-process
  default extractor.
"""

from __future__ import annotations

from functools import lru_cache

from ..models import Article, Incident

EXTRACTOR_VERSION = "0.0.0-placeholder"


class Extractor:
    """PLACEHOLDER until the extraction engine lands (issue 2): finds nothing."""

    version = EXTRACTOR_VERSION

    def __init__(self, gazetteer: object | None = None) -> None:
        self.gazetteer = gazetteer

    def extract(self, article: Article) -> list[Incident]:
        return []


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()


def extract_article(article: Article) -> list[Incident]:
    return default_extractor().extract(article)


__all__ = ["EXTRACTOR_VERSION", "Extractor", "default_extractor", "extract_article"]
