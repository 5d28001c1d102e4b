"""CLI commands of the web app: ``serve``, ``user add|list|passwd|role``, ``publish on|off``."""

from __future__ import annotations

import getpass
import sys

import typer

user_app = typer.Typer(help="Manage the people who may log in to the web app.", no_args_is_help=True)

DB_HELP = "Database URL or SQLite path (default: $TAWTHIQ_DB or $TAWTHIQ_HOME/tawthiq.db)."


def _db_url(db: str | None) -> str | None:
    if db and "://" not in db:
        from pathlib import Path

        return f"sqlite:///{Path(db).expanduser()}"
    return db


def _fail(exc: Exception) -> None:
    typer.echo(str(exc), err=True)
    raise typer.Exit(2)


def _read_password(password_stdin: bool, confirm: bool = True) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Repeat password: ") != first:
        typer.echo("The passwords differ.", err=True)
        raise typer.Exit(2)
    return first


def _cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="User name."),
    role: str = typer.Option("viewer", "--role", help="viewer, reviewer or admin."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add a user (the password is asked for, or read from stdin)."""
    from ..errors import TawthiqError
    from ..store import audit, open_database, session_scope
    from .auth import add_user, check_role

    try:
        check_role(role)
        password = _read_password(password_stdin)
        engine = open_database(_db_url(db))
        with session_scope(engine) as session:
            user = add_user(session, name, password, role)
            audit(session, _cli_actor(), "user_add", "user", user.id, {"username": user.username, "role": role})
    except TawthiqError as exc:
        _fail(exc)
    typer.echo(f"added {name} ({role})")


@user_app.command("list")
def user_list(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List users and their roles."""
    from rich.console import Console
    from rich.table import Table
    from sqlalchemy import select

    from ..errors import TawthiqError
    from ..store import open_database, session_scope
    from ..store.schema import UserRow

    try:
        engine = open_database(_db_url(db))
    except TawthiqError as exc:
        _fail(exc)
    table = Table("user", "role", "active", "created")
    with session_scope(engine) as session:
        for user in session.scalars(select(UserRow).order_by(UserRow.username)):
            table.add_row(user.username, user.role, "yes" if user.active else "no", str(user.created_at)[:19])
    Console().print(table)


@user_app.command("passwd")
def user_passwd(
    name: str = typer.Argument(..., help="User name."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Set a user's password (ends the user's open sessions)."""
    from ..errors import TawthiqError
    from ..store import audit, open_database, session_scope
    from .auth import set_password

    try:
        password = _read_password(password_stdin)
        engine = open_database(_db_url(db))
        with session_scope(engine) as session:
            user = set_password(session, name, password)
            audit(session, _cli_actor(), "user_passwd", "user", user.id, {"username": user.username})
    except TawthiqError as exc:
        _fail(exc)
    typer.echo(f"password of {name} changed")


@user_app.command("role")
def user_role(
    name: str = typer.Argument(..., help="User name."),
    role: str = typer.Argument(..., help="viewer, reviewer or admin."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Change a user's role."""
    from ..errors import TawthiqError
    from ..store import audit, open_database, session_scope
    from .auth import set_role

    try:
        engine = open_database(_db_url(db))
        with session_scope(engine) as session:
            user = set_role(session, name, role)
            audit(session, _cli_actor(), "user_role", "user", user.id, {"username": user.username, "role": role})
    except TawthiqError as exc:
        _fail(exc)
    typer.echo(f"{name} is now {role}")


def publish(
    state: str = typer.Argument(..., help="on: anyone may read (not write) without logging in; off: login needed."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Publish or withdraw the read-only public view of the web app."""
    from ..errors import TawthiqError
    from ..store import open_database, session_scope
    from .app import set_public_view

    if state not in ("on", "off"):
        typer.echo("publish takes on or off", err=True)
        raise typer.Exit(2)
    try:
        engine = open_database(_db_url(db))
        with session_scope(engine) as session:
            set_public_view(session, _cli_actor(), state == "on")
    except TawthiqError as exc:
        _fail(exc)
    typer.echo(f"public read-only view: {state}")


def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", envvar="TAWTHIQ_SECURE_COOKIES", help="Send cookies only over HTTPS."
    ),
    tiles: str | None = typer.Option(
        None,
        "--tiles",
        envvar="TAWTHIQ_TILES",
        help="Map tile URL template, e.g. https://tiles.example/{z}/{x}/{y}.png",
    ),
    log_level: str = typer.Option("info", "--log-level"),
) -> None:
    """Run the review web app (API docs at /api/docs)."""
    import uvicorn

    from ..errors import TawthiqError
    from .app import WebConfig, create_app

    try:
        app = create_app(WebConfig(db_url=_db_url(db), secure_cookies=secure_cookies, tiles_url=tiles))
    except TawthiqError as exc:
        _fail(exc)
    typer.echo(f"tawthiq web app on http://{host}:{port}/  (API docs: /api/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level == "debug")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to ``app``."""
    app.command("serve")(serve)
    app.command("publish")(publish)
    app.add_typer(user_app, name="user")
