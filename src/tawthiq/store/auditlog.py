"""The append-only audit log: every change a person or a job makes is written here.

Rows are only ever inserted; triggers created by the migrations make the
database refuse UPDATE and DELETE on ``audit_log`` (both backends).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .schema import AuditRow


def audit(
    session: Session,
    actor: str,
    action: str,
    object_type: str,
    object_id: int | None,
    details: dict[str, Any] | None = None,
) -> AuditRow:
    """Append one audit record in the caller's transaction (committed with the change it records)."""
    row = AuditRow(actor=actor, action=action, object_type=object_type, object_id=object_id, details=details)
    session.add(row)
    session.flush()
    return row
