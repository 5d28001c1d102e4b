"""The ``tawthiq`` command. Each stage registers its own commands; heavy
libraries are imported inside the commands so that ``tawthiq --help`` is fast.
Only the CLI prints.
"""

from __future__ import annotations

import json

import typer

from . import __version__

app = typer.Typer(
    name="tawthiq",
    help="Arabic conflict reports -> geocoded, evidence-linked incident records.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        from ._compiled import build_label

        typer.echo(f"tawthiq {__version__} (extractor {build_label()})")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """tawthiq: توثيق."""


@app.command()
def schema() -> None:
    """Print the JSON Schema of one line of incidents.jsonl."""
    from .models import incidents_json_schema

    typer.echo(json.dumps(incidents_json_schema(), ensure_ascii=False, indent=2))


def _register_stages() -> None:
    from .batch import cli as batch_cli
    from .gazetteer import cli as gazetteer_cli
    from .incidents import cli as incidents_cli
    from .store import cli as store_cli
    from .web import cli as web_cli

    for module in (incidents_cli, gazetteer_cli, store_cli, web_cli, batch_cli):
        module.register(app)


_register_stages()
