"""CLI commands of this stage (registered on the root app by tawthiq.cli)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this stage's commands to ``app``."""
