"""CLI commands of the store: ``ingest``, ``search``, ``export`` and ``db``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import typer

DB_HELP = "Database URL (sqlite:///FILE or postgresql+psycopg://...); default $TAWTHIQ_DB or $TAWTHIQ_HOME/tawthiq.db."


def _fail(error: Exception) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code=2)


def _filters(**values: Any):  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from .search import SearchFilters

    given = {k: v for k, v in values.items() if v is not None}
    try:
        return SearchFilters(**given)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise typer.BadParameter(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def ingest(
    paths: list[str] = typer.Argument(
        ..., help="JSONL/CSV files, folders of .txt/.html, RSS/Atom files or URLs; - = JSONL on stdin."
    ),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extraction processes."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Report bad records and go on (default: stop)."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Extract incidents from articles and store them (idempotent: a stored report is skipped)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from ..errors import CollectPolicy, TawthiqError, raise_policy
    from .db import open_database
    from .ingest import CountingPolicy, IngestSummary, ingest_articles
    from .readers import iter_input_articles

    console = Console(stderr=True)
    try:
        total: int | None = None
        if not skip_bad and not any(p == "-" or p.startswith(("http://", "https://")) for p in paths):
            # Check the whole input first: a bad record stops the run before anything is stored.
            total = sum(1 for _ in iter_input_articles(paths, raise_policy))
        engine = open_database(db)
        summary = IngestSummary()
        policy = CollectPolicy() if skip_bad else raise_policy
        articles = iter_input_articles(paths, CountingPolicy(policy, summary))
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("new {task.fields[new]} dup {task.fields[dup]} bad {task.fields[bad]}"),
            TextColumn("incidents {task.fields[inc]}"),
            TimeElapsedColumn(),
            console=console,
            disable=json_out or not console.is_terminal,
        ) as bar:
            task = bar.add_task("ingest", total=total, new=0, dup=0, bad=0, inc=0)

            def progress(s: IngestSummary) -> None:
                bar.update(task, completed=s.seen, new=s.new, dup=s.duplicate, bad=s.bad, inc=s.incidents)

            ingest_articles(engine, articles, workers=workers, progress=progress, on_error=policy, summary=summary)
    except TawthiqError as error:
        _fail(error)
        return
    for error in summary.errors:
        console.print(f"skipped: {error}", markup=False, highlight=False)
    result = {
        "new": summary.new,
        "duplicate": summary.duplicate,
        "bad": summary.bad,
        "incidents": summary.incidents,
        "events": summary.events,
    }
    if json_out:
        typer.echo(json.dumps(result))
    else:
        typer.echo(
            f"articles: {summary.new} new, {summary.duplicate} duplicate, {summary.bad} bad; "
            f"incidents: {summary.incidents}; events created or updated: {summary.events}"
        )


def search(
    query: str | None = typer.Argument(None, help="Words that must occur in a source article (Arabic is normalised)."),
    date_from: str | None = typer.Option(None, "--from", help="YYYY-MM-DD"),
    date_to: str | None = typer.Option(None, "--to", help="YYYY-MM-DD"),
    country: str | None = typer.Option(None, "--country", help="ISO alpha-2, e.g. SY"),
    admin1: str | None = typer.Option(None, "--admin1"),
    actor: str | None = typer.Option(None, "--actor", help="Actor code, e.g. RUS_MIL"),
    sub_event_type: str | None = typer.Option(None, "--type", help="Sub-event type, e.g. 'Air/drone strike'"),
    target: str | None = typer.Option(None, "--target", help="Target code(s); a comma list = any of"),
    weapon: str | None = typer.Option(None, "--weapon", help="Weapon code(s), comma-separated = any of"),
    grade: str | None = typer.Option(None, "--grade", help="confirmed|fair|weak|contested"),
    limit: int = typer.Option(50, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="One JSON object per event."),
) -> None:
    """Search corroborated events."""
    from ..errors import TawthiqError
    from .db import open_database, session_scope
    from .export import event_properties
    from .search import search_events

    filters = _filters(
        q=query, date_from=_parse_date(date_from), date_to=_parse_date(date_to), country=country,
        admin1=admin1, actor=actor, sub_event_type=sub_event_type, target=target, weapon=weapon, grade=grade,
        limit=limit, offset=offset,
    )  # fmt: skip
    try:
        engine = open_database(db)
    except TawthiqError as error:
        _fail(error)
        return
    with session_scope(engine) as session:
        rows, total = search_events(session, filters)
        if json_out:
            for row in rows:
                typer.echo(json.dumps(event_properties(row), ensure_ascii=False))
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{total} events" + (f" (showing {len(rows)})" if len(rows) < total else ""))
        for column in ("id", "date", "type", "actor", "place", "killed", "injured", "sources", "grade"):
            table.add_column(column)
        for e in rows:
            killed = (
                ""
                if e.killed_min is None
                else (str(e.killed_min) if e.killed_min == e.killed_max else f"{e.killed_min}-{e.killed_max}")
            )
            injured = (
                ""
                if e.injured_min is None
                else (str(e.injured_min) if e.injured_min == e.injured_max else f"{e.injured_min}-{e.injured_max}")
            )
            table.add_row(
                str(e.id), e.date.isoformat() if e.date else "?", e.sub_event_type,
                "/".join(e.actors) if e.contested else e.actor1,
                f"{e.location_name} ({e.country or '?'})", killed, injured, str(e.n_sources), e.grade,
            )  # fmt: skip
        Console().print(table)


def export(
    fmt: str = typer.Option(..., "--format", "-f", help="acled | geojson | jsonl | parquet"),
    output: str = typer.Option("-", "--output", "-o", help="Output file ('-' = stdout, not for parquet)."),
    query: str | None = typer.Option(None, "--query", "-q", help="Full-text words."),
    date_from: str | None = typer.Option(None, "--from", help="YYYY-MM-DD"),
    date_to: str | None = typer.Option(None, "--to", help="YYYY-MM-DD"),
    country: str | None = typer.Option(None, "--country"),
    admin1: str | None = typer.Option(None, "--admin1"),
    actor: str | None = typer.Option(None, "--actor"),
    sub_event_type: str | None = typer.Option(None, "--type"),
    target: str | None = typer.Option(None, "--target", help="Target code(s); a comma list = any of"),
    weapon: str | None = typer.Option(None, "--weapon", help="Weapon code(s), comma-separated = any of"),
    grade: str | None = typer.Option(None, "--grade"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export events as ACLED CSV, GeoJSON, JSONL (ANNOTATION.md format) or Parquet."""
    from ..errors import TawthiqError
    from .db import open_database, session_scope
    from .export import EXPORT_FORMATS, export_events

    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    if output == "-" and fmt == "parquet":
        raise typer.BadParameter("parquet needs a file: -o FILE.parquet")
    filters = _filters(
        q=query, date_from=_parse_date(date_from), date_to=_parse_date(date_to), country=country,
        admin1=admin1, actor=actor, sub_event_type=sub_event_type, target=target, weapon=weapon, grade=grade,
    )  # fmt: skip
    try:
        engine = open_database(db)
    except TawthiqError as error:
        _fail(error)
        return
    with session_scope(engine) as session:
        if output == "-":
            count = export_events(session, fmt, filters, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            count = export_events(session, fmt, filters, output)
    typer.echo(f"exported {count} events as {fmt}" + ("" if output == "-" else f" to {output}"), err=True)


db_app = typer.Typer(help="The archive database: migrate, show status.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Create or migrate the database schema to the newest revision."""
    from ..errors import TawthiqError
    from .db import current_revision, open_database

    try:
        engine = open_database(db)
    except TawthiqError as error:
        _fail(error)
        return
    typer.echo(f"{engine.url.render_as_string(hide_password=True)}: revision {current_revision(engine)}")


@db_app.command("status")
def db_status(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Counts of articles, incidents and events (by grade), and the schema revision."""
    import sqlalchemy as sa

    from ..errors import TawthiqError
    from .db import current_revision, open_database, session_scope
    from .schema import ArticleRow, EventRow, IncidentRow

    try:
        engine = open_database(db)
    except TawthiqError as error:
        _fail(error)
        return
    with session_scope(engine) as session:
        status = {
            "revision": current_revision(engine),
            "articles": session.scalar(sa.select(sa.func.count()).select_from(ArticleRow)),
            "incidents": session.scalar(sa.select(sa.func.count()).select_from(IncidentRow)),
            "events": session.scalar(sa.select(sa.func.count()).select_from(EventRow)),
            "grades": dict(session.execute(sa.select(EventRow.grade, sa.func.count()).group_by(EventRow.grade)).all()),
        }
    if json_out:
        typer.echo(json.dumps(status))
    else:
        for key, value in status.items():
            typer.echo(f"{key}: {value}")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to ``app``."""
    app.command()(ingest)
    app.command()(search)
    app.command()(export)
    app.add_typer(db_app, name="db")
