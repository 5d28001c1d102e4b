"""Shared test fixtures: where ../shared is, and how optional system parts are required.

Tests that need a system part (PostgreSQL, Chromium, Java) skip with a reason on
a developer's machine that lacks it, but FAIL under CI (``CI=true``), where
``.ci/run`` installs them: a missing part must never pass silently in CI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

pytest_plugins = ["tests.pg"]  # PostgreSQL server fixtures: postgres_server, postgres_url, fresh_postgres_url


def require(condition: bool, reason: str) -> None:
    """Skip (locally) or fail (in CI) when a system part is missing."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide: {reason}")
    pytest.skip(reason)


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def shared() -> Path:
    require(SHARED.is_dir(), f"{SHARED} (the shared spec and data) is not present")
    return SHARED


@pytest.fixture(scope="session")
def dev_articles(shared: Path) -> list[dict]:
    return load_jsonl(shared / "data" / "dev" / "articles.jsonl")


@pytest.fixture(scope="session")
def dev_gold(shared: Path) -> list[dict]:
    return load_jsonl(shared / "data" / "dev" / "gold.jsonl")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the developer's real $TAWTHIQ_HOME."""
    monkeypatch.setenv("TAWTHIQ_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("TAWTHIQ_DB", raising=False)
