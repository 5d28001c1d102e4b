"""CLI commands of this stage: ``tawthiq gazetteer import|download|lookup|info|geocode``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

gazetteer_app = typer.Typer(
    name="gazetteer",
    help="Places with Arabic names: import datasets, look names up, geocode text.",
    no_args_is_help=True,
)


def _console(stderr: bool = False) -> Console:
    """A rich console; wide when output is not a terminal (pipes, tests)."""
    import sys

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=None if stream.isatty() else 160)


def _fail(exc: Exception) -> None:
    _console(stderr=True).print(f"[red]{exc}[/red]", markup=True, highlight=False)
    raise typer.Exit(1)


@gazetteer_app.command("import")
def import_cmd(
    path: Path = typer.Argument(
        ..., help="GeoNames dump (.txt/.zip), OpenSyria JSON (file or folder), P-code CSV/XLSX"
    ),
    fmt: str | None = typer.Option(None, "--format", help="geonames | opensyria | pcode (detected when not given)"),
    index: Path | None = typer.Option(None, "--index", help="Index file (default: $TAWTHIQ_HOME/gazetteer.sqlite)"),
) -> None:
    """Import a gazetteer file into the local index (the embedded default is always kept)."""
    from tawthiq.errors import TawthiqError

    from .index import import_places

    console = _console()
    try:
        with console.status("importing...") as status:
            report = import_places(path, fmt, index, progress=lambda msg: status.update(msg))
    except TawthiqError as exc:
        _fail(exc)
        return
    console.print(
        f"imported {report.added} places from [bold]{report.source.key}[/bold] "
        f"({report.source.licence}); index {report.index_path} now holds {report.total} places"
    )


@gazetteer_app.command("download")
def download_cmd(
    countries: list[str] = typer.Argument(..., help="ISO country codes (SY IQ ...) or allCountries"),
    base_url: str = typer.Option("https://download.geonames.org/export/dump", "--base-url", help="Where the dumps are"),
    index: Path | None = typer.Option(None, "--index", help="Index file (default: $TAWTHIQ_HOME/gazetteer.sqlite)"),
) -> None:
    """Download GeoNames country dumps (CC BY 4.0) and import them."""
    from tawthiq.errors import TawthiqError
    from tawthiq.paths import home

    from .index import download_geonames, import_places

    console = _console()
    try:
        with console.status("downloading...") as status:
            files = download_geonames(countries, home() / "downloads", base_url, lambda m: status.update(m))
            for f in files:
                report = import_places(f, "geonames", index, progress=lambda m: status.update(m))
                console.print(f"{f.name}: {report.added} places with Arabic names imported")
    except TawthiqError as exc:
        _fail(exc)


@gazetteer_app.command("lookup")
def lookup_cmd(
    name: str = typer.Argument(..., help="A place name as written, e.g. سرجة or 'مدينة إدلب'"),
    country: str | None = typer.Option(None, "--country", help="Country hint (ISO code): ranks its places first"),
    index: Path | None = typer.Option(None, "--index", help="Index file (default: local index, else embedded)"),
) -> None:
    """Show the candidates for a name, with scores, source and coordinates."""
    from rich.table import Table

    from tawthiq.errors import TawthiqError

    from .gazetteer import load_gazetteer
    from .geocoder import candidate_scores

    try:
        gaz = load_gazetteer(index)
    except TawthiqError as exc:
        _fail(exc)
        return
    scored = candidate_scores(gaz, name, country)
    console = _console()
    if not scored:
        console.print(f"no place named {name!r}")
        raise typer.Exit(1)
    table = Table(title=f"{name}: {len(scored)} candidate(s)")
    for col in (
        "score",
        "name",
        "English",
        "feature",
        "admin1",
        "country",
        "lat",
        "lon",
        "population",
        "id",
        "source",
    ):
        table.add_column(col)
    for score, p in scored:
        ident = str(p.geonameid) if p.geonameid else (p.pcode or p.key)
        table.add_row(
            f"{score:.1f}",
            p.name,
            p.name_en or "",
            p.feature,
            p.admin1 or "",
            p.country or "",
            f"{p.lat:.4f}" if p.lat is not None else "",
            f"{p.lon:.4f}" if p.lon is not None else "",
            str(p.population),
            ident,
            p.source,
        )
    console.print(table)


@gazetteer_app.command("info")
def info_cmd(
    index: Path | None = typer.Option(None, "--index", help="Index file (default: $TAWTHIQ_HOME/gazetteer.sqlite)"),
) -> None:
    """List the gazetteer's sources, their licences and place counts."""
    from rich.table import Table

    from tawthiq.errors import TawthiqError

    from .index import index_info

    try:
        path, sources, total = index_info(index)
    except TawthiqError as exc:
        _fail(exc)
        return
    console = _console()
    console.print(f"index: {path if path else 'none (embedded default only)'}; {total} places")
    table = Table()
    for col in ("source", "places", "licence", "title", "imported"):
        table.add_column(col, overflow="fold")
    for s in sources:
        table.add_row(s.key, str(s.count), s.licence, s.title, f"{s.imported_at} {s.imported_from}".strip())
    console.print(table)


@gazetteer_app.command("geocode")
def geocode_cmd(
    text: str = typer.Argument(..., help="Arabic text"),
    country: str | None = typer.Option(None, "--country", help="Country hint (ISO code)"),
) -> None:
    """Find the places in a text (for checking the geocoder by hand)."""
    from rich.table import Table

    from .geocoder import Geocoder

    console = _console()
    table = Table()
    for col in ("span", "surface", "place", "admin1", "prec", "relation", "reason"):
        table.add_column(col, overflow="fold")
    for m in Geocoder().find_places(text, country):
        p = m.place
        table.add_row(
            f"{m.start}-{m.end}",
            m.surface,
            f"{p.name} ({p.name_en}, {p.country})" if p else "-",
            (p.admin1 or "") if p else "",
            str(m.precision),
            m.relation or "",
            m.reason,
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to ``app``."""
    app.add_typer(gazetteer_app, name="gazetteer")
