"""reviewer-locked event fields; an index for the map's bounding-box query; stems in search

Revision ID: 0002_reviewer_locks
Revises: 0001_initial
Create Date: 2026-11-26

``events.locked_fields``: the fields a reviewer set by hand. A later ingest that
corroborates the event (or a merge or split that recomputes it) keeps those
values instead of deriving them from the reports again. ``ix_events_lat_lon``
serves the web map's viewport query. Every article's search text is rebuilt
with the stems of its words that carry proclitics, so that "حلب" finds "بحلب".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_reviewer_locks"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("locked_fields", sa.JSON(), nullable=False, server_default="[]"))
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"], unique=False)
    _reindex_articles()


def _reindex_articles(batch: int = 500) -> None:
    """Rebuild every article's search text in batches (the full-text index follows it)."""
    from tawthiq.store.textsearch import article_search_text

    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT a.id, a.text FROM articles a JOIN article_search s ON s.article_id = a.id "
                "WHERE a.id > :last ORDER BY a.id LIMIT :n"
            ),
            {"last": last, "n": batch},
        ).all()
        if not rows:
            return
        bind.execute(
            sa.text("UPDATE article_search SET norm_text = :norm WHERE article_id = :id"),
            [{"norm": article_search_text(text), "id": article_id} for article_id, text in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_events_lat_lon", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("locked_fields")
