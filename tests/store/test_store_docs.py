"""docs/store.md cannot drift from the CLI: every option documented exists, every option is documented."""

from __future__ import annotations

import re

import typer
from tests.conftest import ROOT

from tawthiq.cli import app

DOC = ROOT / "docs" / "store.md"
COMMANDS = ("ingest", "search", "export")


def _options(name: str) -> set[str]:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return {opt for param in command.params for opt in param.opts if opt.startswith("--")} - {"--help"}


def test_every_store_option_is_documented_and_every_documented_option_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```\n(tawthiq .*?)```", text, flags=re.DOTALL)
    documented: dict[str, set[str]] = {}
    for block in blocks:
        command = block.split()[1]
        documented.setdefault(command, set()).update(re.findall(r"--[a-z][a-z0-9-]*", block))
    for name in COMMANDS:
        assert documented.get(name), f"docs/store.md has no usage block for tawthiq {name}"
        assert documented[name] <= _options(name), f"{name}: documented but unknown {documented[name] - _options(name)}"
    assert _options("ingest") <= documented["ingest"]
    assert _options("search") <= documented["search"]
    filters = _options("search") - {"--limit", "--offset", "--json"}
    assert filters - {"--query"} <= _options("export")
