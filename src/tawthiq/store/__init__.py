"""The documentation database: articles, incidents, corroborated events, reviews, audit log.

Public API (used by the CLI, the web app and the batch loader):

- ``open_database(url=None, *, read_only=False) -> Engine`` and ``session_scope(engine)``
- ``iter_input_articles(paths, on_error)``, ``ingest_articles(engine, articles, ...)
  -> IngestSummary``, ``store_extracted(engine, article, incidents, extractor_version)``
- ``corroborate(engine, incident_ids=None) -> int``, ``recompute_event(session, event_row)``
- ``SearchFilters``, ``search_events``, ``search_incidents``, ``search_articles``
- ``export_events(session, fmt, filters, out)``
- ``audit(session, actor, action, object_type, object_id, details)``
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Attribute -> submodule. Loaded on first use so that ``tawthiq --help`` does not import SQLAlchemy.
# No submodule is named like an attribute: an imported submodule would shadow the function.
_EXPORTS = {
    "audit": "auditlog",
    "corroborate": "corroboration",
    "recompute_event": "corroboration",
    "open_database": "db",
    "session_scope": "db",
    "EXPORT_FORMATS": "export",
    "export_events": "export",
    "CountingPolicy": "ingest",
    "IngestSummary": "ingest",
    "content_hash": "ingest",
    "ingest_articles": "ingest",
    "store_extracted": "ingest",
    "iter_input_articles": "readers",
    "ArticleRow": "schema",
    "AuditRow": "schema",
    "EventRow": "schema",
    "IncidentRow": "schema",
    "SettingRow": "schema",
    "UserRow": "schema",
    "SearchFilters": "search",
    "search_articles": "search",
    "search_events": "search",
    "search_incidents": "search",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tawthiq.store' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = sorted(_EXPORTS)
