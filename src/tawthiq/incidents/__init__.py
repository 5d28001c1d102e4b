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
from typing import TYPE_CHECKING

from ..models import Article, Incident

if TYPE_CHECKING:
    from ..gazetteer.gazetteer import GazetteerLike
    from .engine import Engine

EXTRACTOR_VERSION = "0.1.0"


class Extractor:
    """Rule- and lexicon-based extractor. Heavy parts (automaton, gazetteer
    index) are built on first use and rebuilt after unpickling."""

    version = EXTRACTOR_VERSION

    def __init__(self, gazetteer: GazetteerLike | None = None, provenance: bool = True) -> None:
        self.gazetteer = gazetteer
        self.provenance = provenance
        self._engine: Engine | None = None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_engine"] = None
        return state

    def _get_engine(self) -> Engine:
        if self._engine is None:
            from .engine import Engine

            self._engine = Engine(self.gazetteer)
        return self._engine

    def extract(self, article: Article) -> list[Incident]:
        """Incidents of one article, evidence spans into ``article.text``."""
        return self._get_engine().extract(article, provenance=self.provenance)


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    return Extractor()


def extract_article(article: Article) -> list[Incident]:
    return default_extractor().extract(article)


__all__ = ["EXTRACTOR_VERSION", "Extractor", "default_extractor", "extract_article"]
