"""Helpers shared by the extraction tests that run the extractor on short phrases."""

from __future__ import annotations

import datetime as dt

from tawthiq.incidents import Extractor
from tawthiq.models import Article, Incident

PUBLISHED = dt.date(2024, 3, 12)


def run(extractor: Extractor, text: str) -> list[Incident]:
    """The incidents of ``text`` (published on ``PUBLISHED``), every evidence span checked."""
    incidents = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    for inc in incidents:
        inc.check_evidence(text)
    return incidents
