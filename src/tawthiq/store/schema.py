"""The archive's tables (SQLAlchemy 2 ORM). Alembic migrations under
``tawthiq/store/migrations`` create them; this module is the one place that
says what each column means.

articles 1--n incidents n--1 events; reviews act on events and incidents and
are written to the append-only ``audit_log``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class ArticleRow(Base):
    """One ingested report, stored once per content hash (sha256 of its NFC text)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(512), index=True)  # the input's "id"
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str | None] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    incidents: Mapped[list[IncidentRow]] = relationship(back_populates="article", cascade="all, delete-orphan")


class EventRow(Base):
    """A corroborated cluster: the same real-world incident reported by one or more articles."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str] = mapped_column(String(64), index=True)
    actor1: Mapped[str] = mapped_column(String(32), index=True)
    actors: Mapped[list[Any]] = mapped_column(JSON, default=list)  # every actor claimed by a source
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    location_name: Mapped[str] = mapped_column(String(512))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    admin1: Mapped[str | None] = mapped_column(String(128), index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    geo_precision: Mapped[int] = mapped_column(Integer, default=1)
    killed_min: Mapped[int | None] = mapped_column(Integer)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    civilian_victims: Mapped[bool] = mapped_column(Boolean, default=False)
    targets: Mapped[list[Any]] = mapped_column(JSON, default=list)
    weapons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    impacts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    n_sources: Mapped[int] = mapped_column(Integer, default=1)  # distinct outlets
    sources: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the distinct outlets, sorted
    location_key: Mapped[str] = mapped_column(String(512), default="", index=True)  # normalised place name
    grade: Mapped[str] = mapped_column(String(16), default="weak")  # confirmed|fair|weak|contested
    contested: Mapped[bool] = mapped_column(Boolean, default=False)
    # unreviewed|accepted|edited|rejected
    review_status: Mapped[str] = mapped_column(String(16), default="unreviewed")
    # fields a reviewer set by hand: recomputing the event from its reports keeps them
    locked_fields: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    incidents: Mapped[list[IncidentRow]] = relationship(back_populates="event")


class IncidentRow(Base):
    """One incident as one article reports it (ANNOTATION.md fields + provenance)."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)  # position in the article's output
    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str] = mapped_column(String(64), index=True)
    actor1: Mapped[str] = mapped_column(String(32), index=True)
    location_name: Mapped[str] = mapped_column(String(512))
    location_key: Mapped[str] = mapped_column(String(512), default="")  # normalised place name
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    admin1: Mapped[str | None] = mapped_column(String(128), index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    geo_precision: Mapped[int] = mapped_column(Integer, default=1)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(8))
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    civilian_victims: Mapped[bool] = mapped_column(Boolean, default=False)
    targets: Mapped[list[Any]] = mapped_column(JSON, default=list)
    weapons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    impacts: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [[start, end), ...] into article text
    optional: Mapped[bool] = mapped_column(Boolean, default=False)
    provenance: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(64))
    review_status: Mapped[str] = mapped_column(String(16), default="unreviewed")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    article: Mapped[ArticleRow] = relationship(back_populates="incidents")
    event: Mapped[EventRow | None] = relationship(back_populates="incidents")


class ArticleSearchRow(Base):
    """The article text in its normalised search form (``tawthiq.text.normalize_form``).

    Full-text indexes are built over this copy (FTS5 on SQLite, a tsvector on
    PostgreSQL, both created by the migrations), never over ``articles.text``,
    so that queries normalised the same way match whatever the spelling.
    """

    __tablename__ = "article_search"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    norm_text: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    """A person who may log in to the web app: viewer, reviewer or admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    password_hash: Mapped[str] = mapped_column(String(512))
    role: Mapped[str] = mapped_column(String(16))  # viewer|reviewer|admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditRow(Base):
    """Append-only record of every change a person or a job made."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128))  # username, or "system:ingest" etc.
    action: Mapped[str] = mapped_column(String(32))  # ingest|accept|edit|reject|merge|split|...
    object_type: Mapped[str] = mapped_column(String(16))  # event|incident|article|user|setting
    object_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class SettingRow(Base):
    """Small key/value settings (e.g. ``public_view`` = "on")."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


Index("ix_incidents_date_place", IncidentRow.date, IncidentRow.country, IncidentRow.admin1)
# The corroboration bucket index: candidates share the event type and lie within days of each other.
Index("ix_events_type_date", EventRow.event_type, EventRow.date)
# The web map's viewport query (a latitude range, then a longitude range).
Index("ix_events_lat_lon", EventRow.lat, EventRow.lon)
