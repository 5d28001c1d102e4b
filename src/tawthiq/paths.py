"""Where tawthiq keeps user data: ``$TAWTHIQ_HOME``, else the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def home() -> Path:
    """The data directory (not created here: callers that write create it)."""
    env = os.environ.get("TAWTHIQ_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("tawthiq", appauthor=False))


def gazetteer_index_path() -> Path:
    return home() / "gazetteer.sqlite"


def default_database_url() -> str:
    env = os.environ.get("TAWTHIQ_DB")
    if env:
        return env if "://" in env else f"sqlite:///{Path(env).expanduser()}"
    return f"sqlite:///{home() / 'tawthiq.db'}"
