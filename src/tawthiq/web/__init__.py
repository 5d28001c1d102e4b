"""The review web app: JSON API and Arabic/English browser UI (``tawthiq serve``).

Public surface: ``create_app(WebConfig(...)) -> FastAPI``; users and roles in
``tawthiq.web.auth``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["WebConfig", "create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported on first use so that ``tawthiq --help`` stays fast.
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
