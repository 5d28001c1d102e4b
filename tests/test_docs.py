"""The README cannot drift from the code: every command is documented, the
quick start is two commands, and every linked document exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from tawthiq.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme() -> None:
    missing = [name for name in _commands() if f"`tawthiq {name}" not in README]
    assert missing == []


def test_every_subcommand_is_in_the_readme() -> None:
    missing = []
    for name, command in _commands().items():
        if hasattr(command, "commands"):
            row = next((line for line in README.splitlines() if f"`tawthiq {name} " in line), "")
            missing += [f"{name} {sub}" for sub in command.commands if sub not in row]
    assert missing == []


def test_quick_start_is_two_commands() -> None:
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    lines = [line for line in block.strip().splitlines() if line.strip()]
    assert len(lines) == 2
    assert "tawthiq demo" in lines[0] and "pytest" in lines[1]
    assert "python -m pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_linked_documents_exist() -> None:
    links = re.findall(r"\]\(([^)#]+\.md)\)", README)
    assert links
    assert [link for link in links if not (ROOT / link).is_file()] == []
