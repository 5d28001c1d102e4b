"""CLI commands of the extraction stage: ``extract``, ``show``, ``evaluate``, ``demo``.

Arabic is printed in logical order (the order it is stored in); modern
terminals (GNOME Terminal/VTE, Konsole, iTerm2, Windows Terminal) apply the
bidi algorithm themselves, and reordering it here would garble it for them
and for anything that reads the output. See docs/extraction.md.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from ..errors import TawthiqError
    from ..models import Article, ArticleIncidents

_PROGRESS_MIN_ARTICLES = 200

# -------------------------------------------------------------------- workers
_WORKER_EXTRACTOR: Any = None


def _init_worker(provenance: bool) -> None:
    """Pool initializer: one Extractor (automaton, gazetteer) per worker process."""
    global _WORKER_EXTRACTOR
    from . import Extractor

    _WORKER_EXTRACTOR = Extractor(provenance=provenance)


def _extract_in_worker(article: Article) -> str:
    return _line(article, _WORKER_EXTRACTOR.extract(article), _WORKER_EXTRACTOR.provenance)


def _line(article: Article, incidents: list, provenance: bool) -> str:
    from ..models import ArticleIncidents

    record = ArticleIncidents(article_id=article.id, incidents=incidents)
    exclude = None if provenance else {"incidents": {"__all__": {"provenance"}}}
    return record.model_dump_json(exclude=exclude)


def _fail(error: TawthiqError) -> None:
    typer.echo(str(error), err=True)
    raise typer.Exit(code=2)


class _WarnPolicy:
    """``--skip-bad``: print each bad record as a warning and go on."""

    def __init__(self) -> None:
        from ..errors import CollectPolicy

        self.collected = CollectPolicy()

    def __call__(self, error: TawthiqError) -> None:
        self.collected(error)
        typer.echo(f"warning: {error} (skipped)", err=True)


def _read(path: str, skip_bad: bool, published: str | None) -> list[Article]:
    """All articles of ``path``, validated before any output is written."""
    from ..errors import TawthiqError, Where
    from ..io import read_articles

    if published is not None:
        import datetime as dt

        try:
            dt.date.fromisoformat(published)
        except ValueError:
            _fail(TawthiqError("T103", f"--published must be YYYY-MM-DD, got {published!r}", Where(path)))
    policy = _WarnPolicy() if skip_bad else None
    try:
        if policy is not None:
            return list(read_articles(path, on_error=policy, published=published))
        return list(read_articles(path, published=published))
    except TawthiqError as error:
        _fail(error)
    return []  # unreachable


def _extract_lines(articles: list[Article], workers: int, provenance: bool) -> Iterator[str]:
    if workers <= 1 or len(articles) < 2 * workers:
        from . import Extractor

        extractor = Extractor(provenance=provenance)
        for article in articles:
            yield _line(article, extractor.extract(article), provenance)
        return
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(workers, _init_worker, (provenance,)) as pool:
        chunk = max(1, min(64, len(articles) // (workers * 8)))
        yield from pool.imap(_extract_in_worker, articles, chunksize=chunk)


def extract(
    articles: str = typer.Argument(..., help="Articles: JSON lines, a plain .txt report, or - for stdin."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Incidents JSONL (default: stdout)."),
    published: str | None = typer.Option(
        None, "--published", help="Publication date YYYY-MM-DD of a plain-text report (reads it as text)."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extraction processes."),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Warn about bad records and go on (default: stop)."),
    provenance: bool = typer.Option(False, "--provenance", help="Add each incident's provenance (rules used)."),
) -> None:
    """Extract incidents: one output line per article (ANNOTATION.md format)."""
    items = _read(articles, skip_bad, published)
    show_progress = sys.stderr.isatty() or len(items) >= _PROGRESS_MIN_ARTICLES
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        lines = _extract_lines(items, workers, provenance)
        if show_progress and len(items) > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn())
            with Progress(*columns, TimeRemainingColumn(), console=Console(stderr=True)) as progress:
                task = progress.add_task("extracting", total=len(items))
                for line in lines:
                    out.write(line + "\n")
                    progress.advance(task)
        else:
            for line in lines:
                out.write(line + "\n")
    finally:
        if output:
            out.close()


# ----------------------------------------------------------------------- show
def _load_incidents(path: str) -> dict[str, ArticleIncidents]:
    from ..errors import TawthiqError, Where
    from ..models import ArticleIncidents

    out: dict[str, ArticleIncidents] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        _fail(TawthiqError("T100", str(exc), Where(path)))
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = ArticleIncidents.model_validate_json(line)
        except ValueError as exc:
            _fail(TawthiqError("T103", f"not an incidents line ({str(exc).splitlines()[0]})", Where(path, n)))
        out[record.article_id] = record
    return out


def _is_incidents_file(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as f:
            first = next((line for line in f if line.strip()), "")
        return '"article_id"' in first and '"incidents"' in first
    except (OSError, UnicodeDecodeError):
        return False


def render(articles: list[Article], results: dict[str, ArticleIncidents]) -> None:
    """Print each report's incidents with rich: one block per incident, then its
    evidence with the place name highlighted (soft-wrapped: no inserted breaks)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(soft_wrap=True)
    for article in articles:
        record = results.get(article.id)
        incidents = record.incidents if record else []
        head = f"[bold]{article.id}[/bold]  published {article.published or '?'}"
        if article.source:
            head += f"  ({article.source})"
        console.rule(head)
        if not incidents:
            console.print("  no incident found")
            continue
        for n, inc in enumerate(incidents, start=1):
            loc = inc.location
            coords = (
                f"{loc.lat:.3f}, {loc.lon:.3f}" if loc.lat is not None and loc.lon is not None else "no coordinates"
            )
            region = ", ".join(x for x in (loc.country, loc.admin1) if x) or "?"
            title = f"[bold cyan]{n}. {inc.sub_event_type}[/bold cyan] ({inc.event_type})"
            console.print(f"{title} — [bold]{inc.actor1}[/bold]")
            console.print(Text(f"   place: {loc.name}  [{region}; precision {loc.precision}; {coords}]"))
            date = f"{inc.date.date} ({inc.date.precision})" if inc.date else "not said"
            killed = "-" if inc.killed is None else inc.killed
            injured = "-" if inc.injured is None else inc.injured
            civilians = "yes" if inc.civilian_victims else "no"
            console.print(f"   date: {date}   killed: {killed}   injured: {injured}   civilians hit: {civilians}")
            details = (("targets", inc.targets), ("weapons", inc.weapons), ("impacts", inc.impacts))
            console.print("   " + "   ".join(f"{k}: {', '.join(v) or '-'}" for k, v in details))
            for start, end in inc.evidence:
                piece = Text(article.text[start:end])
                at = piece.plain.find(loc.name) if loc.name else -1
                if at >= 0:
                    piece.stylize("bold yellow", at, at + len(loc.name))
                console.print(Text(f"   [{start}:{end}] ", style="dim") + piece)
        console.print()


def show(
    path: str = typer.Argument(..., help="Incidents JSONL (with --articles) or an articles file to extract."),
    articles: str | None = typer.Option(None, "--articles", help="The articles the incidents come from."),
) -> None:
    """Print reports' incidents readably, with the evidence sentences."""
    if _is_incidents_file(path):
        if not articles:
            raise typer.BadParameter("an incidents file needs --articles ARTICLES.jsonl to show its evidence")
        results = _load_incidents(path)
        items = _read(articles, False, None)
    else:
        from ..models import ArticleIncidents

        items = _read(path, False, None)
        results = {}
        for line in _extract_lines(items, 1, False):
            record = ArticleIncidents.model_validate_json(line)
            results[record.article_id] = record
    render(items, results)


# ------------------------------------------------------------------- evaluate
def evaluate(
    pred: str | None = typer.Argument(None, help="Predicted incidents JSONL (default: extract now)."),
    articles: str = typer.Option(..., "--articles", help="Articles JSONL."),
    gold: str = typer.Option(..., "--gold", help="Gold incidents JSONL."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    errors: bool = typer.Option(True, "--errors/--no-errors", help="List missed and spurious incidents."),
) -> None:
    """Score incidents against gold (the figures of ANNOTATION.md's scorer) and list the errors."""
    from .evaluate import format_table, located_share, score

    items = _read(articles, False, None)
    gold_by = {aid: [i.model_dump(mode="json") for i in r.incidents] for aid, r in _load_incidents(gold).items()}
    if pred:
        pred_records = _load_incidents(pred)
    else:
        from ..models import ArticleIncidents

        pred_records = {}
        for line in _extract_lines(items, 1, False):
            record = ArticleIncidents.model_validate_json(line)
            pred_records[record.article_id] = record
    pred_by = {aid: [i.model_dump(mode="json") for i in r.incidents] for aid, r in pred_records.items()}
    ids = [a.id for a in items]
    result, article_errors = score(ids, gold_by, pred_by)
    located, required = located_share(ids, gold_by, pred_by)
    if as_json:
        typer.echo(json.dumps({**result, "located": located, "required": required}))
    else:
        typer.echo(format_table(result))
        share = f"{located / required:.3f}" if required else "-"
        typer.echo(f"\nrequired gold incidents located (with coordinates): {located}/{required} = {share}")
    if errors and not as_json:
        for err in article_errors:
            typer.echo(f"\n{err.article_id}: tp={err.tp} missed={len(err.missed)} spurious={len(err.spurious)}")
            for kind, records in (("missed", err.missed), ("spurious", err.spurious)):
                for r in records:
                    loc = r.get("location") or {}
                    typer.echo(f"  {kind:8} {r.get('sub_event_type')} | {r.get('actor1')} | {loc.get('name')}")


# ----------------------------------------------------------------------- demo
def demo() -> None:
    """Extract the bundled example reports and show the result (no setup needed)."""
    from importlib import resources

    from ..io import read_jsonl
    from ..models import ArticleIncidents

    data = resources.files("tawthiq.demo").joinpath("example.jsonl").read_bytes()
    import io as _io

    items = list(read_jsonl(_io.BytesIO(data), "example.jsonl"))
    results = {}
    for line in _extract_lines(items, 1, False):
        record = ArticleIncidents.model_validate_json(line)
        results[record.article_id] = record
    render(items, results)


def register(app: typer.Typer) -> None:
    """Add this stage's commands to ``app``."""
    app.command()(extract)
    app.command()(show)
    app.command()(evaluate)
    app.command()(demo)
