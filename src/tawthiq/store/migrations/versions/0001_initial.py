"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-26

Articles, their normalised search text, incidents, corroborated events, users,
the append-only audit log and settings; full-text search (FTS5 on SQLite, a
tsvector with a GIN index on PostgreSQL) and triggers that refuse UPDATE and
DELETE on the audit log on both backends.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=512), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=512), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
    )
    op.create_index("ix_articles_external_id", "articles", ["external_id"], unique=False)
    op.create_index("ix_articles_published", "articles", ["published"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("object_type", sa.String(length=16), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"], unique=False)
    op.create_index("ix_audit_log_object_id", "audit_log", ["object_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("actor1", sa.String(length=32), nullable=False),
        sa.Column("actors", sa.JSON(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("location_name", sa.String(length=512), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("admin1", sa.String(length=128), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("killed_min", sa.Integer(), nullable=True),
        sa.Column("killed_max", sa.Integer(), nullable=True),
        sa.Column("injured_min", sa.Integer(), nullable=True),
        sa.Column("injured_max", sa.Integer(), nullable=True),
        sa.Column("civilian_victims", sa.Boolean(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("weapons", sa.JSON(), nullable=False),
        sa.Column("impacts", sa.JSON(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("location_key", sa.String(length=512), nullable=False),
        sa.Column("grade", sa.String(length=16), nullable=False),
        sa.Column("contested", sa.Boolean(), nullable=False),
        sa.Column("review_status", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_events_actor1", "events", ["actor1"], unique=False)
    op.create_index("ix_events_admin1", "events", ["admin1"], unique=False)
    op.create_index("ix_events_country", "events", ["country"], unique=False)
    op.create_index("ix_events_date", "events", ["date"], unique=False)
    op.create_index("ix_events_location_key", "events", ["location_key"], unique=False)
    op.create_index("ix_events_sub_event_type", "events", ["sub_event_type"], unique=False)
    op.create_index("ix_events_type_date", "events", ["event_type", "date"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=128), nullable=False),
        sa.Column("password_hash", sa.String(length=512), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "article_search",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("norm_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("sub_event_type", sa.String(length=64), nullable=False),
        sa.Column("actor1", sa.String(length=32), nullable=False),
        sa.Column("location_name", sa.String(length=512), nullable=False),
        sa.Column("location_key", sa.String(length=512), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("admin1", sa.String(length=128), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("civilian_victims", sa.Boolean(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("weapons", sa.JSON(), nullable=False),
        sa.Column("impacts", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("optional", sa.Boolean(), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("review_status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_incidents_actor1", "incidents", ["actor1"], unique=False)
    op.create_index("ix_incidents_admin1", "incidents", ["admin1"], unique=False)
    op.create_index("ix_incidents_article_id", "incidents", ["article_id"], unique=False)
    op.create_index("ix_incidents_country", "incidents", ["country"], unique=False)
    op.create_index("ix_incidents_date", "incidents", ["date"], unique=False)
    op.create_index("ix_incidents_event_id", "incidents", ["event_id"], unique=False)
    op.create_index("ix_incidents_sub_event_type", "incidents", ["sub_event_type"], unique=False)
    op.create_index("ix_incidents_date_place", "incidents", ["date", "country", "admin1"], unique=False)
    _create_full_text_index()
    _create_audit_guard()


def _create_full_text_index() -> None:
    """FTS over ``article_search.norm_text``: FTS5 (external content + sync triggers) or a tsvector."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE article_search_fts USING fts5("
            "norm_text, content='article_search', content_rowid='article_id', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER article_search_ai AFTER INSERT ON article_search BEGIN "
            "INSERT INTO article_search_fts(rowid, norm_text) VALUES (new.article_id, new.norm_text); END"
        )
        op.execute(
            "CREATE TRIGGER article_search_ad AFTER DELETE ON article_search BEGIN "
            "INSERT INTO article_search_fts(article_search_fts, rowid, norm_text) "
            "VALUES ('delete', old.article_id, old.norm_text); END"
        )
        op.execute(
            "CREATE TRIGGER article_search_au AFTER UPDATE ON article_search BEGIN "
            "INSERT INTO article_search_fts(article_search_fts, rowid, norm_text) "
            "VALUES ('delete', old.article_id, old.norm_text); "
            "INSERT INTO article_search_fts(rowid, norm_text) VALUES (new.article_id, new.norm_text); END"
        )
    else:
        op.execute(
            "ALTER TABLE article_search ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', norm_text)) STORED"
        )
        op.execute("CREATE INDEX ix_article_search_tsv ON article_search USING gin (tsv)")


def _create_audit_guard() -> None:
    """The audit log is append-only: the database itself refuses UPDATE and DELETE."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log BEGIN "
                "SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute("DROP TABLE article_search_fts")
    else:
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    op.drop_index("ix_incidents_date_place", table_name="incidents")
    op.drop_index("ix_events_type_date", table_name="events")
    op.drop_index("ix_incidents_sub_event_type", table_name="incidents")
    op.drop_index("ix_incidents_event_id", table_name="incidents")
    op.drop_index("ix_incidents_date", table_name="incidents")
    op.drop_index("ix_incidents_country", table_name="incidents")
    op.drop_index("ix_incidents_article_id", table_name="incidents")
    op.drop_index("ix_incidents_admin1", table_name="incidents")
    op.drop_index("ix_incidents_actor1", table_name="incidents")

    op.drop_table("incidents")
    op.drop_table("article_search")
    op.drop_table("users")
    op.drop_table("settings")
    op.drop_index("ix_events_sub_event_type", table_name="events")
    op.drop_index("ix_events_location_key", table_name="events")
    op.drop_index("ix_events_date", table_name="events")
    op.drop_index("ix_events_country", table_name="events")
    op.drop_index("ix_events_admin1", table_name="events")
    op.drop_index("ix_events_actor1", table_name="events")

    op.drop_table("events")
    op.drop_index("ix_audit_log_object_id", table_name="audit_log")
    op.drop_index("ix_audit_log_at", table_name="audit_log")

    op.drop_table("audit_log")
    op.drop_index("ix_articles_published", table_name="articles")
    op.drop_index("ix_articles_external_id", table_name="articles")

    op.drop_table("articles")
