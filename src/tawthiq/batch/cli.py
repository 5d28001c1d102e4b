"""CLI commands of the batch stage: ``batch`` (archives -> Parquet, Spark or local) and ``load``."""

from __future__ import annotations

import json
import logging
from enum import StrEnum

import typer

DB_HELP = "Database URL (sqlite:///FILE or postgresql+psycopg://...); default $TAWTHIQ_DB or $TAWTHIQ_HOME/tawthiq.db."


class EngineName(StrEnum):
    spark = "spark"
    local = "local"


class InputFormat(StrEnum):
    auto = "auto"
    jsonl = "jsonl"
    parquet = "parquet"


def _fail(error: Exception) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code=2)


def _parse_conf(pairs: list[str]) -> dict[str, str]:
    conf: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint="--conf")
        conf[key.strip()] = value.strip()
    return conf


def batch(
    inputs: list[str] = typer.Argument(
        ..., help="Article JSONL or Parquet: files, folders (read recursively) or globs; URLs for Spark."
    ),
    output: str = typer.Argument(..., help="Output folder: incidents/, articles/, bad_rows/, _report.json."),
    engine: EngineName = typer.Option(EngineName.spark, "--engine", help="spark, or local (one machine)."),
    master: str = typer.Option("local[*]", "--master", help="Spark master URL (spark engine)."),
    partitions: int | None = typer.Option(
        None, "--partitions", min=1, help="Extraction partitions (spark; default: about 2000 articles each)."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extraction processes (local engine)."),
    fmt: InputFormat = typer.Option(InputFormat.auto, "--format", help="Input format; auto = by file extension."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace a non-empty OUTPUT."),
    conf: list[str] = typer.Option([], "--conf", help="Extra Spark setting KEY=VALUE (repeatable)."),
    json_out: bool = typer.Option(False, "--json", help="Print the run report as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log each stage."),
) -> None:
    """Extract incidents from an archive of articles into Parquet (partitioned by country and month).

    Bad rows are counted and listed with file:line in OUTPUT/_report.json; they never stop the job.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from ..errors import TawthiqError

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    spark_conf = _parse_conf(conf)
    chosen_format = None if fmt is InputFormat.auto else fmt.value
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=json_out) as bar:
        task = bar.add_task("starting", total=None)

        def on_progress(phase: str, done: int, total: int) -> None:
            if engine is EngineName.local:
                bar.update(task, description=f"{phase}: {done} articles", completed=done, total=None)
            else:
                bar.update(task, description=phase, completed=done, total=total or None)

        try:
            if engine is EngineName.spark:
                from .spark import run_spark

                report = run_spark(
                    inputs,
                    output,
                    master=master,
                    partitions=partitions,
                    fmt=chosen_format,
                    overwrite=overwrite,
                    progress=on_progress,
                    conf=spark_conf,
                )
            else:
                from .local import run_local

                report = run_local(
                    inputs,
                    output,
                    workers=workers,
                    fmt=chosen_format,
                    overwrite=overwrite,
                    progress=on_progress,
                )
        except TawthiqError as error:
            _fail(error)
            return

    if json_out:
        typer.echo(report.to_json(), nl=False)
        return
    typer.echo(
        f"{report.articles_read} articles read: {report.articles_ok} ok, {report.articles_bad} bad; "
        f"{report.incidents} incidents in {report.duration_s:.1f} s "
        f"({report.engine} {report.master or ''}, extractor {report.extractor_version})"
    )
    for row in report.bad_rows[:10]:
        where = f"{row['file']}:{row['line']}" if row["line"] else row["file"]
        typer.echo(f"  bad: {row['code']}: {where}: {row['message']}")
    if report.articles_bad > 10:
        typer.echo(f"  ... {report.articles_bad - 10} more bad rows (see _report.json and bad_rows/)")
    if report.skipped_files:
        typer.echo(f"  skipped {len(report.skipped_files)} files that are neither JSONL nor Parquet")
    typer.echo(f"report: {report.output}/_report.json")


def load(
    output: str = typer.Argument(..., help="A folder written by `tawthiq batch`."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Store a batch result in the database and corroborate it (loading twice stores once)."""
    from dataclasses import asdict

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..errors import TawthiqError
    from .load import load_output

    console = Console(stderr=True)
    columns = (TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=json_out) as bar:
        task = bar.add_task("load", total=None)
        try:
            summary = load_output(
                output, db, progress=lambda done, total: bar.update(task, completed=done, total=total)
            )
        except TawthiqError as error:
            _fail(error)
            return
    if json_out:
        typer.echo(json.dumps(asdict(summary)))
        return
    typer.echo(
        f"{summary.articles} articles: {summary.stored} stored, "
        f"{summary.duplicates} already in the database; "
        f"{summary.incidents} incidents; {summary.events_touched} events created or updated"
    )


def register(app: typer.Typer) -> None:
    """Add this stage's commands to ``app``."""
    app.command()(batch)
    app.command()(load)
