"""The incident format of ANNOTATION.md as pydantic models.

These models are the contract between the extractor, the store, the web app,
the exporters and the scorer: ``Incident.model_dump()`` is exactly one
incident object of ``incidents.jsonl``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Chemical weapon",
        "Grenade",
    ),
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": (
        "Arrests",
        "Looting/property destruction",
        "Disrupted weapons use",
        "Agreement",
        "Non-violent transfer of territory",
        "Headquarters or base established",
        "Change to group/activity",
        "Other",
    ),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
}
SUB_EVENT_TO_EVENT: dict[str, str] = {s: e for e, subs in EVENT_TYPES.items() for s in subs}

ACTORS: tuple[str, ...] = (
    "RUS_MIL", "SYR_GOV", "IRN_MIL", "SYR_OPP", "HTS", "ISIS", "SDF", "TUR_MIL", "USA_COAL",
    "ISR_MIL", "IRQ_GOV", "HOUTHI", "SAUDI_COAL", "YEM_GOV", "LBY_LNA", "LBY_GNA", "SDN_SAF",
    "SDN_RSF", "HAMAS", "PROTESTERS", "UNKNOWN",
)  # fmt: skip
TARGETS: tuple[str, ...] = (
    "hospital", "medical", "school", "market", "mosque", "residential", "bakery", "camp",
    "civil_defense", "road", "vehicle", "infrastructure", "military", "other",
)  # fmt: skip
WEAPONS: tuple[str, ...] = (
    "incendiary", "cluster", "barrel_bomb", "chemical", "vacuum", "bunker_buster", "missile",
    "rocket", "mortar", "artillery", "drone", "ied", "car_bomb", "suicide", "sniper",
    "small_arms", "landmine", "airstrike_missile",
)  # fmt: skip
IMPACTS: tuple[str, ...] = ("out_of_service", "destroyed", "damaged")

Span = tuple[int, int]


class Article(BaseModel):
    """One input report. ``text`` is never modified: evidence points into it."""

    model_config = ConfigDict(extra="ignore")

    id: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _published_format(cls, value: object) -> object:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value[:10]) if len(value) >= 10 else dt.date.fromisoformat(value)
            except ValueError as exc:
                raise ValueError(f"published must be YYYY-MM-DD, got {value!r}") from exc
        return value


class Location(BaseModel):
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None
    country: str | None = None
    precision: Literal[1, 2, 3] = 1


class DateValue(BaseModel):
    date: dt.date
    precision: Literal["day", "week", "month"] = "day"


class Incident(BaseModel):
    """One (day, location, sub-event type, perpetrator) as the article reports it."""

    event_type: str
    sub_event_type: str
    actor1: str
    location: Location
    date: DateValue | None = None
    killed: int | None = None
    injured: int | None = None
    civilian_victims: bool = False
    targets: list[str] = Field(default_factory=list)
    weapons: list[str] = Field(default_factory=list)
    impacts: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    optional: bool = False
    provenance: dict[str, object] | None = Field(
        default=None,
        description="tawthiq extension: why each field has its value (rules, gazetteer entry, "
        "extractor version). Ignored by the scorer.",
    )

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_event(cls, value: str) -> str:
        if value not in SUB_EVENT_TO_EVENT:
            raise ValueError(f"unknown sub_event_type {value!r}")
        return value

    @field_validator("actor1")
    @classmethod
    def _known_actor(cls, value: str) -> str:
        if value not in ACTORS:
            raise ValueError(f"unknown actor1 {value!r}")
        return value

    def check_evidence(self, text: str) -> None:
        """Raise if an evidence span does not lie inside ``text`` (half-open offsets)."""
        for start, end in self.evidence:
            if not (0 <= start < end <= len(text)):
                raise ValueError(f"evidence span [{start}, {end}) outside text of length {len(text)}")


class ArticleIncidents(BaseModel):
    """One line of ``incidents.jsonl``."""

    article_id: str
    incidents: list[Incident] = Field(default_factory=list)


def incidents_json_schema() -> dict[str, object]:
    """The JSON Schema of one output line, printed by ``tawthiq schema``."""
    return ArticleIncidents.model_json_schema()
