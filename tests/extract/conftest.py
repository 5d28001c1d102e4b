"""Fixtures of the extraction tests."""

from __future__ import annotations

import pytest

from tawthiq.incidents import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One extractor per test module (building it loads the lexicons and the gazetteer)."""
    return Extractor()
