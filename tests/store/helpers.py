"""Builders shared by the store tests: real ANNOTATION.md incidents and articles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tawthiq.models import Article, Incident

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=[pytest.mark.slow, pytest.mark.postgres]),
]


class GoldExtractor:
    """Returns the hand-made gold incidents of the dev articles: real ANNOTATION.md incidents."""

    version = "gold-dev"

    def __init__(self, gold_lines: list[dict[str, Any]]) -> None:
        self.by_id = {line["article_id"]: line["incidents"] for line in gold_lines}

    def extract(self, article: Article) -> list[Incident]:
        return [Incident.model_validate(i) for i in self.by_id.get(article.id, [])]


class NoIncidents:
    version = "none"

    def extract(self, article: Article) -> list[Incident]:
        return []


def incident(
    place: str = "معرة النعمان",
    day: str = "2019-12-20",
    actor: str = "RUS_MIL",
    sub_event_type: str = "Air/drone strike",
    event_type: str = "Explosions/Remote violence",
    lat: float | None = 35.648,
    lon: float | None = 36.672,
    precision: int = 1,
    killed: int | None = None,
    injured: int | None = None,
    targets: tuple[str, ...] = (),
    weapons: tuple[str, ...] = (),
    civilians: bool = True,
    country: str = "SY",
    admin1: str | None = "Idlib",
    evidence: tuple[tuple[int, int], ...] = ((0, 10),),
    date_precision: str = "day",
) -> Incident:
    """An incident in the ANNOTATION.md format (a real, validated Incident, not a stand-in)."""
    return Incident.model_validate(
        {
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "actor1": actor,
            "location": {
                "name": place, "lat": lat, "lon": lon, "geonameid": None, "admin1": admin1,
                "country": country, "precision": precision,
            },
            "date": {"date": day, "precision": date_precision} if day else None,
            "killed": killed,
            "injured": injured,
            "civilian_victims": civilians,
            "targets": list(targets),
            "weapons": list(weapons),
            "impacts": [],
            "evidence": [list(s) for s in evidence],
        }
    )  # fmt: skip


def article(article_id: str, text: str, source: str | None, published: str = "2019-12-20") -> Article:
    return Article(id=article_id, text=text, source=source, published=dt.date.fromisoformat(published))


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
