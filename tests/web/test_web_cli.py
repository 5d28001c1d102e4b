"""The web app's commands: user add/list/passwd/role, publish on|off, serve's errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tawthiq.cli import app

runner = CliRunner()


def _users(db: Path) -> dict[str, tuple[str, str]]:
    from sqlalchemy import select

    from tawthiq.store import open_database, session_scope
    from tawthiq.store.schema import UserRow

    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        users = {u.username: (u.role, u.password_hash) for u in session.scalars(select(UserRow))}
    engine.dispose()
    return users


def test_user_add_list_passwd_role(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    added = runner.invoke(
        app, ["user", "add", "maryam", "--role", "reviewer", "--password-stdin", "--db", str(db)],
        input="long-enough-password\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    role, digest = _users(db)["maryam"]
    assert role == "reviewer" and digest.startswith("$argon2id$") and "long-enough" not in digest
    listed = runner.invoke(app, ["user", "list", "--db", str(db)])
    assert listed.exit_code == 0 and "maryam" in listed.output and "reviewer" in listed.output
    changed = runner.invoke(
        app, ["user", "passwd", "maryam", "--password-stdin", "--db", str(db)], input="another-password\n"
    )
    assert changed.exit_code == 0 and _users(db)["maryam"][1] != digest
    promoted = runner.invoke(app, ["user", "role", "maryam", "admin", "--db", str(db)])
    assert promoted.exit_code == 0 and _users(db)["maryam"][0] == "admin"


def test_user_add_refuses_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    bad_role = runner.invoke(
        app,
        ["user", "add", "x", "--role", "god", "--password-stdin", "--db", str(db)],
        input="long-enough-pw\n",
    )
    assert bad_role.exit_code == 2 and "unknown role" in bad_role.output
    short = runner.invoke(app, ["user", "add", "x", "--password-stdin", "--db", str(db)], input="short\n")
    assert short.exit_code == 2 and "too short" in short.output
    ok = runner.invoke(app, ["user", "add", "x", "--password-stdin", "--db", str(db)], input="long-enough-pw\n")
    assert ok.exit_code == 0
    twice = runner.invoke(app, ["user", "add", "x", "--password-stdin", "--db", str(db)], input="long-enough-pw\n")
    assert twice.exit_code == 2 and "already exists" in twice.output
    missing = runner.invoke(app, ["user", "passwd", "nobody", "--password-stdin", "--db", str(db)], input="x" * 9)
    assert missing.exit_code == 2 and "no user" in missing.output


def test_publish_on_off_is_audited(tmp_path: Path) -> None:
    from sqlalchemy import select

    from tawthiq.store import open_database, session_scope
    from tawthiq.store.schema import AuditRow, SettingRow

    db = tmp_path / "a.db"
    assert runner.invoke(app, ["publish", "on", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["publish", "off", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["publish", "maybe", "--db", str(db)]).exit_code == 2
    engine = open_database(f"sqlite:///{db}")
    with session_scope(engine) as session:
        assert session.get(SettingRow, "public_view").value == "off"
        values = [a.details["value"] for a in session.scalars(select(AuditRow).where(AuditRow.action == "setting"))]
        assert values == ["on", "off"]
    engine.dispose()


def test_serve_reports_a_bad_database_clearly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", "nosuchdriver://x/y", "--port", "1"])
    assert result.exit_code == 2
    assert "T300" in result.output
