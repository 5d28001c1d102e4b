"""Searching the archive: the same filters for events, incidents and articles.

Full text goes over the normalised copy of each article (``article_search``):
FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL. The query is
normalised the same way, and every word must occur (as a word prefix).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from .schema import ArticleRow, EventRow, IncidentRow
from .textsearch import fts5_expression, query_terms, tsquery_expression

Grade = Literal["confirmed", "fair", "weak", "contested"]


class SearchFilters(BaseModel):
    """What to look for. Every filter is optional; filters combine with AND."""

    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(default=None, description="words that must occur in a source article")
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = Field(default=None, description="ISO-3166 alpha-2")
    admin1: str | None = None
    actor: str | None = Field(default=None, description="actor code, claimed by any source")
    sub_event_type: str | None = None
    event_type: str | None = None
    target: str | None = Field(default=None, description="target code, or several separated by commas (any of)")
    weapon: str | None = Field(default=None, description="weapon code, or several separated by commas (any of)")
    grade: Grade | None = None
    review_status: str | None = None
    limit: int | None = Field(default=50, ge=0)
    offset: int = Field(default=0, ge=0)


def matching_article_ids(session: Session, q: str) -> sa.Select[Any]:
    """A SELECT of article ids whose normalised text contains every word of ``q``."""
    terms = query_terms(q)
    if not terms:
        return sa.select(ArticleRow.id).where(sa.false())
    if session.get_bind().dialect.name == "sqlite":
        fts = sa.table("article_search_fts", sa.column("rowid"))
        return sa.select(fts.c.rowid).where(
            sa.text("article_search_fts MATCH :fts_q").bindparams(fts_q=fts5_expression(terms))
        )
    tsv = sa.table("article_search", sa.column("article_id"), sa.column("tsv"))
    return sa.select(tsv.c.article_id).where(
        tsv.c.tsv.op("@@")(sa.func.to_tsquery("simple", tsquery_expression(terms)))
    )


def json_list_has_any(column: sa.ColumnElement[Any], codes: str | list[str]) -> sa.ColumnElement[bool]:
    """Any of ``codes`` (a list, or one string of comma-separated codes) in a JSON list column.

    Codes come from closed lists of identifiers (no quotes or wildcards), so a match on
    the JSON text is exact and works the same on SQLite and PostgreSQL."""
    if isinstance(codes, str):
        codes = [c.strip() for c in codes.split(",") if c.strip()]
    text = sa.cast(column, sa.Text)
    return sa.or_(*[text.like(f'%"{code}"%') for code in codes])


def _common(model: type[EventRow] | type[IncidentRow], f: SearchFilters) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = []
    if f.date_from:
        where.append(model.date >= f.date_from)
    if f.date_to:
        where.append(model.date <= f.date_to)
    if f.country:
        where.append(model.country == f.country.upper())
    if f.admin1:
        where.append(sa.func.lower(model.admin1) == f.admin1.lower())
    if f.sub_event_type:
        where.append(model.sub_event_type == f.sub_event_type)
    if f.event_type:
        where.append(model.event_type == f.event_type)
    if f.target:
        where.append(json_list_has_any(model.targets, f.target))
    if f.weapon:
        where.append(json_list_has_any(model.weapons, f.weapon))
    if f.review_status:
        where.append(model.review_status == f.review_status)
    return where


def event_conditions(session: Session, f: SearchFilters) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions on ``EventRow`` for ``f`` (search, export and the web app's map and
    statistics all filter events with these)."""
    where = _common(EventRow, f)
    if f.actor:
        where.append(sa.or_(EventRow.actor1 == f.actor, json_list_has_any(EventRow.actors, [f.actor])))
    if f.grade:
        where.append(EventRow.grade == f.grade)
    if f.q:
        where.append(
            EventRow.id.in_(
                sa.select(IncidentRow.event_id).where(IncidentRow.article_id.in_(matching_article_ids(session, f.q)))
            )
        )
    return where


def _incident_conditions(session: Session, f: SearchFilters) -> list[sa.ColumnElement[bool]]:
    where = _common(IncidentRow, f)
    if f.actor:
        where.append(IncidentRow.actor1 == f.actor)
    if f.grade:
        where.append(IncidentRow.event_id.in_(sa.select(EventRow.id).where(EventRow.grade == f.grade)))
    if f.q:
        where.append(IncidentRow.article_id.in_(matching_article_ids(session, f.q)))
    return where


def _page(session: Session, stmt: sa.Select[Any], f: SearchFilters) -> tuple[list[Any], int]:
    total = session.scalar(sa.select(sa.func.count()).select_from(stmt.order_by(None).subquery())) or 0
    if f.limit is not None:
        stmt = stmt.limit(f.limit)
    rows = list(session.scalars(stmt.offset(f.offset)))
    return rows, total


def search_events(session: Session, filters: SearchFilters) -> tuple[list[EventRow], int]:
    """Events matching ``filters``, newest first, and how many match in all."""
    stmt = (
        sa.select(EventRow)
        .where(*event_conditions(session, filters))
        .order_by(EventRow.date.desc().nulls_last(), EventRow.id.desc())
    )
    return _page(session, stmt, filters)


def search_incidents(session: Session, filters: SearchFilters) -> tuple[list[IncidentRow], int]:
    """Incidents (one per article report) matching ``filters``, newest first, and the total."""
    stmt = (
        sa.select(IncidentRow)
        .where(*_incident_conditions(session, filters))
        .order_by(IncidentRow.date.desc().nulls_last(), IncidentRow.id.desc())
    )
    return _page(session, stmt, filters)


def search_articles(session: Session, filters: SearchFilters) -> tuple[list[ArticleRow], int]:
    """Articles matching ``filters`` (dates are publication dates; other filters go to their incidents)."""
    where: list[sa.ColumnElement[bool]] = []
    if filters.q:
        where.append(ArticleRow.id.in_(matching_article_ids(session, filters.q)))
    if filters.date_from:
        where.append(ArticleRow.published >= filters.date_from)
    if filters.date_to:
        where.append(ArticleRow.published <= filters.date_to)
    incident_filters = filters.model_copy(update={"q": None, "date_from": None, "date_to": None})
    incident_where = _incident_conditions(session, incident_filters)
    if incident_where:
        where.append(ArticleRow.id.in_(sa.select(IncidentRow.article_id).where(*incident_where)))
    stmt = sa.select(ArticleRow).where(*where).order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
    return _page(session, stmt, filters)
