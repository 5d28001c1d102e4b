"""Loading the text layer's word lists (``text/data/``) once per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def read_data(name: str) -> str:
    """The text of ``tawthiq/text/data/<name>`` (packaged, never ../shared)."""
    return resources.files("tawthiq.text").joinpath("data", name).read_text(encoding="utf-8")


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a ``.txt`` word list, in file order."""
    out = []
    for line in read_data(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def json_data(name: str) -> Any:
    """A parsed JSON data file (cached; callers must not mutate it)."""
    return json.loads(read_data(name))
