"""reviewer-locked event fields; an index for the map's bounding-box query

Revision ID: 0002_reviewer_locks
Revises: 0001_initial
Create Date: 2026-11-26

``events.locked_fields``: the fields a reviewer set by hand. A later ingest that
corroborates the event (or a merge or split that recomputes it) keeps those
values instead of deriving them from the reports again. ``ix_events_lat_lon``
serves the web map's viewport query.
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


def downgrade() -> None:
    op.drop_index("ix_events_lat_lon", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("locked_fields")
