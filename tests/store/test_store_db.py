"""Opening the archive, migrations, the append-only audit log, bad database URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tawthiq.errors import TawthiqError
from tawthiq.store import AuditRow, EventRow, audit, open_database, session_scope
from tawthiq.store.db import current_revision

HEAD = "0002_reviewer_locks"
TABLES = {"articles", "article_search", "incidents", "events", "users", "audit_log", "settings"}


def test_open_creates_the_schema_at_the_newest_revision(engine: Engine) -> None:
    assert set(sa.inspect(engine).get_table_names()) >= TABLES
    assert current_revision(engine) == HEAD


def test_reopening_is_harmless(db_url: str) -> None:
    for _ in range(2):
        engine = open_database(db_url)
        assert current_revision(engine) == HEAD
        engine.dispose()


def test_an_archive_of_the_first_schema_is_upgraded_with_its_data(db_url: str) -> None:
    """An archive made by the first release: opening it adds the reviewer locks and the map
    index, and keeps its events."""
    from tawthiq.store.db import upgrade
    from tawthiq.store.search import SearchFilters, search_articles
    from tawthiq.store.textsearch import search_form

    engine = open_database(db_url, migrate=False)
    upgrade(engine, "0001_initial")
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO events (event_type, sub_event_type, actor1, actors, location_name, geo_precision, "
                "killed_min, targets, weapons, impacts, n_sources, sources, location_key, grade, contested, "
                "civilian_victims, review_status, updated_at) VALUES ('Battles', 'Armed clash', 'UNKNOWN', '[]', "
                "'سراقب', 1, 4, '[]', '[]', '[]', 1, '[]', 'سراقب', 'weak', false, false, 'edited', "
                "CURRENT_TIMESTAMP)"
            )
        )
        # an article indexed the first release's way: "بحلب" only as written
        text = "قصفت قوات النظام أحياء سكنية بحلب صباح اليوم"
        connection.execute(
            sa.text(
                "INSERT INTO articles (external_id, content_hash, text, ingested_at) "
                "VALUES ('old-1', 'h-old-1', :text, CURRENT_TIMESTAMP)"
            ),
            {"text": text},
        )
        connection.execute(
            sa.text("INSERT INTO article_search (article_id, norm_text) SELECT id, :norm FROM articles"),
            {"norm": search_form(text)},
        )
    with session_scope(engine) as session:
        assert search_articles(session, SearchFilters(q="حلب"))[1] == 0
    engine.dispose()
    engine = open_database(db_url)
    assert current_revision(engine) == HEAD
    with session_scope(engine) as session:
        [event] = session.scalars(sa.select(EventRow))
        assert (event.location_name, event.killed_min, event.locked_fields) == ("سراقب", 4, [])
    assert "ix_events_lat_lon" in {ix["name"] for ix in sa.inspect(engine).get_indexes("events")}
    with session_scope(engine) as session:  # re-indexed with the stems
        assert search_articles(session, SearchFilters(q="حلب"))[1] == 1
    engine.dispose()


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_url: str) -> None:
    engine = open_database(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    engine.dispose()


def test_default_url_is_in_tawthiq_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAWTHIQ_HOME", str(tmp_path / "home" / "nested"))
    engine = open_database()
    assert (tmp_path / "home" / "nested" / "tawthiq.db").is_file()
    engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://postgres@127.0.0.1:1/tawthiq",  # nothing listens on port 1
        "sqlite:////proc/tawthiq/cannot/tawthiq.db",  # folder cannot be created
        "nosuchdb://somewhere/x",
        "not a url at all",
    ],
)
def test_a_url_that_cannot_connect_is_T300_in_one_line(url: str) -> None:
    with pytest.raises(TawthiqError) as caught:
        open_database(url)
    assert caught.value.code == "T300"
    assert "\n" not in str(caught.value)


def test_audit_log_is_append_only(engine: Engine) -> None:
    with session_scope(engine) as session:
        row = audit(session, "alice", "accept", "event", 7, {"note": "checked against a second outlet"})
        row_id = row.id
    with session_scope(engine) as session:
        stored = session.get(AuditRow, row_id)
        assert stored is not None
        assert (stored.actor, stored.action, stored.object_type, stored.object_id) == (
            "alice",
            "accept",
            "event",
            7,
        )
        assert stored.details == {"note": "checked against a second outlet"}
    for statement in ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as connection:
            connection.exec_driver_sql(statement)
    with session_scope(engine) as session:
        assert session.scalar(sa.select(AuditRow.actor).where(AuditRow.id == row_id)) == "alice"


def test_read_only_engine_reads_but_cannot_write(db_url: str) -> None:
    writer = open_database(db_url)
    with session_scope(writer) as session:
        audit(session, "system:test", "ingest", "article", None, None)
    reader = open_database(db_url, read_only=True)
    with session_scope(reader) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(AuditRow)) == 1
    with pytest.raises(sa.exc.DatabaseError, match=r"read-only|readonly"), session_scope(reader) as session:
        audit(session, "mallory", "edit", "event", 1, None)
    reader.dispose()
    writer.dispose()


def test_public_names_are_the_functions_whatever_was_imported_first() -> None:
    """A submodule named like a public function would shadow it once imported."""
    import importlib
    import pkgutil

    import tawthiq.store as store

    for module in pkgutil.iter_modules(store.__path__):
        importlib.import_module(f"tawthiq.store.{module.name}")
    for name in store.__all__:
        value = getattr(store, name)
        assert not isinstance(value, type(store)), f"tawthiq.store.{name} is a module"
    assert callable(store.corroborate) and callable(store.audit)
