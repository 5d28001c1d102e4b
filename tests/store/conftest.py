"""Fixtures for the store tests: one database per test, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from tests.store.helpers import BACKENDS, GoldExtractor

from tawthiq.store import open_database


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archive' / 'tawthiq.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'archive' / 'tawthiq.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = open_database(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def gold_extractor(dev_gold: list[dict[str, Any]]) -> GoldExtractor:
    return GoldExtractor(dev_gold)
