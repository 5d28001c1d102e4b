"""Opening the archive: engine, SQLite discipline, migrations, transactions.

SQLite (the default) runs in WAL mode with a busy timeout and foreign keys on;
every write transaction starts with ``BEGIN IMMEDIATE`` so that two writers
queue on the lock instead of failing when a read lock would have to be
upgraded (datasette's "one writer" rule, enforced by SQLite itself).
PostgreSQL is used when the URL says so (``postgresql+psycopg://...``).

The schema is created and upgraded by the alembic migrations shipped in
``tawthiq/store/migrations`` (named revisions), run programmatically.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from ..errors import TawthiqError
from ..paths import default_database_url

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 60_000


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _sqlite_engine(url: sa.URL, read_only: bool) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise TawthiqError("T300", f"cannot create folder {path.parent}: {exc.strerror}") from None
        if read_only:
            url = url.set(database=f"file:{path}?mode=ro", query={**url.query, "uri": "true"})
        else:
            url = url.set(database=str(path))
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy (not the sqlite3 module) say when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def open_database(url: str | None = None, *, read_only: bool = False, migrate: bool = True) -> Engine:
    """An engine on the archive at ``url`` (default: ``$TAWTHIQ_DB`` or ``$TAWTHIQ_HOME/tawthiq.db``).

    The schema is migrated to the newest revision unless ``read_only`` or
    ``migrate=False``. A URL that cannot be opened raises ``T300`` (one line).
    """
    raw = url or default_database_url()
    try:
        parsed = make_url(raw)
    except sa.exc.ArgumentError:
        raise TawthiqError("T300", f"not a database URL: {raw!r}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed, read_only)
        else:
            engine = sa.create_engine(parsed, pool_pre_ping=True)
            if read_only and parsed.get_backend_name() == "postgresql":
                engine = engine.execution_options(postgresql_readonly=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise TawthiqError("T300", f"{parsed.render_as_string(hide_password=True)}: {_one_line(exc)}") from None
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        if migrate and not read_only:
            upgrade(engine)
    except sa.exc.SQLAlchemyError as exc:
        engine.dispose()
        raise TawthiqError("T300", f"{parsed.render_as_string(hide_password=True)}: {_one_line(exc)}") from None
    return engine


def _alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("tawthiq.store") / "migrations"))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the shipped migrations up to ``revision`` (idempotent; safe with concurrent openers)."""
    from alembic import command

    config = _alembic_config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two processes opening a fresh database at once must not both create tables.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7261736)")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back if it raises."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
