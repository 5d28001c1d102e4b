"""Fixtures of the web app tests (helpers in web_support.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.web_support import SECRET, Web, add_users, build_archive, sample_reports


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive with users, built once (migrations and argon2 hashing are slow)."""
    path = tmp_path_factory.mktemp("web-template") / "archive.db"
    url = f"sqlite:///{path}"
    build_archive(url, sample_reports())
    add_users(url)
    return path


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path) -> str:
    """A fresh copy of the sample archive for one test (tests write to it)."""
    import shutil

    path = tmp_path / "archive.db"
    shutil.copyfile(template_db, path)
    return f"sqlite:///{path}"


@pytest.fixture
def make_web() -> Iterator[Callable[..., Web]]:
    from tawthiq.web import WebConfig, create_app

    made: list[Any] = []

    def make(url: str, **config: Any) -> Web:
        app = create_app(WebConfig(db_url=url, secret_key=SECRET, **config))
        made.append(app)
        return Web(url=url, app=app)

    yield make
    for app in made:
        app.state.writer.dispose()
        app.state.reader.dispose()


@pytest.fixture
def web(db_url: str, make_web: Callable[..., Web]) -> Web:
    return make_web(db_url)
