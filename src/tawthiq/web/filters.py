"""The filters of the web app, read from the URL query string (shareable links).

They are the CLI's search filters (``tawthiq.store.SearchFilters``) plus the
map viewport. ``target`` and ``weapon`` accept a comma list meaning "any of"
(``target=hospital,medical`` is the health-care view).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..models import ACTORS, SUB_EVENT_TO_EVENT, TARGETS, WEAPONS

GRADES: tuple[str, ...] = ("confirmed", "fair", "weak", "contested")
REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "accepted", "edited", "rejected")
HEALTH_TARGETS: tuple[str, ...] = ("hospital", "medical")
MAX_PAGE = 500

FILTER_KEYS: tuple[str, ...] = (
    "q", "date_from", "date_to", "country", "admin1", "actor", "sub_event_type", "event_type",
    "target", "weapon", "grade", "review_status",
)  # fmt: skip


def _split_codes(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    if value is None or not value.strip():
        return None
    codes = [c.strip() for c in value.split(",") if c.strip()]
    bad = [c for c in codes if c not in allowed]
    if bad:
        raise ValueError(f"unknown {name} {', '.join(bad)}; known: {', '.join(allowed)}")
    return ",".join(dict.fromkeys(codes))


class EventFilters(BaseModel):
    """Filters over events; empty strings in a form mean "no filter"."""

    model_config = ConfigDict(extra="ignore")

    q: str | None = Field(default=None, max_length=200)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = Field(default=None, max_length=2)
    admin1: str | None = Field(default=None, max_length=128)
    actor: str | None = None
    sub_event_type: str | None = None
    event_type: str | None = None
    target: str | None = None
    weapon: str | None = None
    grade: str | None = None
    review_status: str | None = None
    limit: int = Field(default=50, ge=1, le=MAX_PAGE)
    offset: int = Field(default=0, ge=0)

    @field_validator("*", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    @field_validator("country")
    @classmethod
    def _country_upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    @field_validator("actor")
    @classmethod
    def _actor(cls, value: str | None) -> str | None:
        if value is not None and value not in ACTORS:
            raise ValueError(f"unknown actor {value!r}")
        return value

    @field_validator("sub_event_type")
    @classmethod
    def _sub_event(cls, value: str | None) -> str | None:
        if value is not None and value not in SUB_EVENT_TO_EVENT:
            raise ValueError(f"unknown sub_event_type {value!r}")
        return value

    @field_validator("event_type")
    @classmethod
    def _event(cls, value: str | None) -> str | None:
        if value is not None and value not in set(SUB_EVENT_TO_EVENT.values()):
            raise ValueError(f"unknown event_type {value!r}")
        return value

    @field_validator("target")
    @classmethod
    def _target(cls, value: str | None) -> str | None:
        return _split_codes(value, TARGETS, "target")

    @field_validator("weapon")
    @classmethod
    def _weapon(cls, value: str | None) -> str | None:
        return _split_codes(value, WEAPONS, "weapon")

    @field_validator("grade")
    @classmethod
    def _grade(cls, value: str | None) -> str | None:
        if value is not None and value not in GRADES:
            raise ValueError(f"unknown grade {value!r}")
        return value

    @field_validator("review_status")
    @classmethod
    def _review_status(cls, value: str | None) -> str | None:
        if value is not None and value not in REVIEW_STATUSES:
            raise ValueError(f"unknown review_status {value!r}")
        return value

    @property
    def targets(self) -> list[str]:
        return self.target.split(",") if self.target else []

    @property
    def weapons(self) -> list[str]:
        return self.weapon.split(",") if self.weapon else []

    def active(self) -> dict[str, str]:
        """The filters that are set, as query-string values (no paging)."""
        out: dict[str, str] = {}
        for key in FILTER_KEYS:
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return out

    def query_string(self, **override: Any) -> str:
        params: dict[str, Any] = self.active()
        for key, value in override.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return urlencode(params)


def filters_from_query(params: Any) -> EventFilters:
    """Build filters from a request's query parameters (raises pydantic ValidationError)."""
    data = {key: params.get(key) for key in (*FILTER_KEYS, "limit", "offset") if params.get(key) is not None}
    return EventFilters.model_validate(data)
