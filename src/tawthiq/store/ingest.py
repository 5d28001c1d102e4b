"""Ingest: articles in, extracted incidents and corroborated events stored.

Idempotent and crash-safe: an article is stored once per content hash
(sha256 of its NFC text), and each article is written together with its
incidents and search text in one transaction (a small batch of articles per
transaction). A run killed part-way leaves whole articles only; running it
again skips what is stored and picks up incidents not yet corroborated.

Extraction may run in worker processes (``workers > 1``); only the calling
process writes to the database.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import multiprocessing
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..errors import FailurePolicy, TawthiqError, raise_policy
from ..models import Article, Incident
from .corroboration import corroborate, corroborate_session
from .db import session_scope
from .schema import ArticleRow, ArticleSearchRow, IncidentRow, utcnow
from .textsearch import article_search_text, search_form

log = logging.getLogger(__name__)

BATCH_SIZE = 32


class ExtractorLike(Protocol):
    def extract(self, article: Article) -> list[Incident]: ...


@dataclass
class IngestSummary:
    """What one ingest run did."""

    new: int = 0
    duplicate: int = 0
    bad: int = 0
    incidents: int = 0
    events: int = 0
    errors: list[TawthiqError] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.new + self.duplicate + self.bad


def content_hash(text: str) -> str:
    """sha256 of the NFC form of ``text``: the same report stored twice has the same hash."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def _insert(session: Session):  # type: ignore[no-untyped-def]
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def _store_one(
    session: Session, article: Article, digest: str, incidents: list[Incident], extractor_version: str
) -> tuple[int | None, list[int]]:
    """Insert one article with its incidents; (None, []) when another writer already stored it."""
    insert = _insert(session)
    stmt = (
        insert(ArticleRow)
        .values(
            external_id=article.id,
            content_hash=digest,
            source=article.source,
            url=article.url,
            published=article.published,
            text=article.text,
            ingested_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(ArticleRow.id)
    )
    article_id = session.execute(stmt).scalar()
    if article_id is None:
        return None, []
    session.add(ArticleSearchRow(article_id=article_id, norm_text=article_search_text(article.text)))
    rows = [
        incident_row(article_id, ordinal, incident, extractor_version)
        for ordinal, incident in _checked(article, incidents)
    ]
    session.add_all(rows)
    session.flush()
    return article_id, [row.id for row in rows]


def incident_values(article_id: int, ordinal: int, incident: Incident, extractor_version: str) -> dict[str, Any]:
    """The column values of one incident (every ANNOTATION.md field, plus provenance)."""
    loc = incident.location
    return dict(
        article_id=article_id,
        ordinal=ordinal,
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        actor1=incident.actor1,
        location_name=loc.name,
        location_key=search_form(loc.name),
        lat=loc.lat,
        lon=loc.lon,
        geonameid=loc.geonameid,
        admin1=loc.admin1,
        country=loc.country.upper() if loc.country else None,
        geo_precision=loc.precision,
        date=incident.date.date if incident.date else None,
        date_precision=incident.date.precision if incident.date else None,
        killed=incident.killed,
        injured=incident.injured,
        civilian_victims=incident.civilian_victims,
        targets=list(incident.targets),
        weapons=list(incident.weapons),
        impacts=list(incident.impacts),
        evidence=[list(span) for span in incident.evidence],
        optional=incident.optional,
        provenance=incident.provenance,
        extractor_version=extractor_version,
        review_status="unreviewed",
        event_id=None,
    )


def incident_row(article_id: int, ordinal: int, incident: Incident, extractor_version: str) -> IncidentRow:
    """The ORM row of one incident."""
    return IncidentRow(**incident_values(article_id, ordinal, incident, extractor_version))


def _checked(article: Article, incidents: list[Incident]) -> list[tuple[int, Incident]]:
    """(ordinal, incident) pairs whose evidence lies inside the text; others are logged and dropped."""
    kept = []
    for ordinal, incident in enumerate(incidents):
        try:
            incident.check_evidence(article.text)
        except ValueError as exc:
            log.warning("article %s: incident %d dropped: %s", article.id, ordinal, exc)
            continue
        kept.append((ordinal, incident))
    return kept


def _store_batch(
    session: Session, items: list[tuple[Article, str, list[Incident]]], extractor_version: str
) -> tuple[dict[int, int], list[int]]:
    """Insert a batch of articles with their incidents in a few statements.

    Returns {position in ``items``: article row id} for the articles stored (an
    article another writer stored meanwhile is left out) and the new incident ids.
    """
    if not items:
        return {}, []
    insert = _insert(session)
    now = utcnow()
    values = [
        {
            "external_id": article.id, "content_hash": digest, "source": article.source, "url": article.url,
            "published": article.published, "text": article.text, "ingested_at": now,
        }
        for article, digest, _ in items
    ]  # fmt: skip
    stmt = (
        insert(ArticleRow)
        .values(values)
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(ArticleRow.id, ArticleRow.content_hash)
    )
    by_hash = {digest: article_id for article_id, digest in session.execute(stmt)}
    stored = {pos: by_hash[digest] for pos, (_, digest, _) in enumerate(items) if digest in by_hash}
    if not stored:
        return {}, []
    # Core executemany on the session's connection (ORM bulk inserts would go row by row here).
    connection = session.connection()
    connection.execute(
        ArticleSearchRow.__table__.insert(),
        [{"article_id": stored[pos], "norm_text": article_search_text(items[pos][0].text)} for pos in stored],
    )
    rows = [
        incident_values(stored[pos], ordinal, incident, extractor_version)
        for pos in stored
        for ordinal, incident in _checked(items[pos][0], items[pos][2])
    ]
    if rows:
        connection.execute(IncidentRow.__table__.insert(), rows)
    incident_ids = list(
        session.scalars(sa.select(IncidentRow.id).where(IncidentRow.article_id.in_(list(stored.values()))))
    )
    return stored, incident_ids


def store_extracted(
    engine: Engine,
    article: Article,
    incidents: list[Incident],
    extractor_version: str,
    *,
    corroborate_now: bool = True,
) -> int | None:
    """Store one article with incidents extracted elsewhere (e.g. Spark); None when a duplicate.

    With ``corroborate_now=False`` call :func:`corroborate` once after a bulk load.
    """
    with session_scope(engine) as session:
        article_id, incident_ids = _store_one(
            session, article, content_hash(article.text), incidents, extractor_version
        )
    if incident_ids and corroborate_now:
        corroborate(engine, incident_ids)
    return article_id


# --- worker processes -------------------------------------------------------------------------

_worker_extractor: Any = None


def _init_worker(extractor: ExtractorLike) -> None:
    global _worker_extractor
    _worker_extractor = extractor


def _extract_in_worker(article: Article) -> list[Incident]:
    return _worker_extractor.extract(article)


def _default_extractor() -> ExtractorLike:
    from ..incidents import Extractor

    return Extractor()


def _extractor_version(extractor: object) -> str:
    from ..incidents import EXTRACTOR_VERSION

    return str(getattr(extractor, "version", None) or EXTRACTOR_VERSION)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def ingest_articles(
    engine: Engine,
    articles: Iterable[Article],
    *,
    extractor: ExtractorLike | None = None,
    workers: int = 1,
    progress: Callable[[IngestSummary], None] | None = None,
    on_error: FailurePolicy = raise_policy,
    batch_size: int = BATCH_SIZE,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Extract and store ``articles``; duplicates (same content hash) are counted, not stored again.

    ``on_error`` receives articles whose incidents cannot be stored (``T301``).
    To count bad input records in the summary, read the input with
    ``CountingPolicy(policy, summary)`` and pass the same ``summary`` here.
    """
    summary = summary if summary is not None else IngestSummary()
    counting = CountingPolicy(on_error, summary)
    extractor = extractor or _default_extractor()
    version = _extractor_version(extractor)
    pool = None
    touched: set[int] = set()  # events created or updated by this run
    if workers > 1:
        # fork shares the loaded extractor with the workers; elsewhere it is pickled (spawn).
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = multiprocessing.get_context(method).Pool(workers, initializer=_init_worker, initargs=(extractor,))
    try:
        for batch in _batches(articles, batch_size):
            digests = [content_hash(a.text) for a in batch]
            with session_scope(engine) as session:
                stored = set(
                    session.scalars(sa.select(ArticleRow.content_hash).where(ArticleRow.content_hash.in_(digests)))
                )
            fresh: list[tuple[Article, str]] = []
            in_batch: set[str] = set()
            for article, digest in zip(batch, digests, strict=True):
                if digest in stored or digest in in_batch:
                    summary.duplicate += 1
                else:
                    in_batch.add(digest)
                    fresh.append((article, digest))
            if pool is not None:
                extracted = pool.map(_extract_in_worker, [a for a, _ in fresh], chunksize=4)
            else:
                extracted = [extractor.extract(a) for a, _ in fresh]
            new_incidents: list[int] = []
            items = [
                (article, digest, incidents) for (article, digest), incidents in zip(fresh, extracted, strict=True)
            ]
            try:
                with session_scope(engine) as session:
                    stored, incident_ids = _store_batch(session, items, version)
            except (sa.exc.DataError, sa.exc.IntegrityError):
                stored = None  # some article cannot be stored: find which, one by one
            if stored is not None:
                summary.new += len(stored)
                summary.duplicate += len(items) - len(stored)
                summary.incidents += len(incident_ids)
                new_incidents.extend(incident_ids)
            else:
                new_incidents.extend(_store_one_by_one(engine, items, version, summary, counting))
            if new_incidents:
                with session_scope(engine) as session:
                    touched |= corroborate_session(session, new_incidents)
                summary.events = len(touched)
            if progress:
                progress(summary)
        # Incidents a crashed earlier run stored but never corroborated.
        with session_scope(engine) as session:
            touched |= corroborate_session(session)
        summary.events = len(touched)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    return summary


def _store_one_by_one(
    engine: Engine,
    items: list[tuple[Article, str, list[Incident]]],
    version: str,
    summary: IngestSummary,
    counting: FailurePolicy,
) -> list[int]:
    """The slow path: each article in its own savepoint, so one bad article does not sink the batch."""
    new_incidents: list[int] = []
    with session_scope(engine) as session:
        for article, digest, incidents in items:
            try:
                with session.begin_nested():
                    article_id, incident_ids = _store_one(session, article, digest, incidents, version)
            except (sa.exc.DataError, sa.exc.IntegrityError) as exc:
                counting(TawthiqError("T301", f"article {article.id!r} cannot be stored: {exc.orig}"))
                continue
            if article_id is None:
                summary.duplicate += 1
                continue
            summary.new += 1
            summary.incidents += len(incident_ids)
            new_incidents.extend(incident_ids)
    return new_incidents


class CountingPolicy:
    """Wraps a failure policy and counts what it let through, for the ingest summary."""

    def __init__(self, policy: FailurePolicy, summary: IngestSummary) -> None:
        self.policy = policy
        self.summary = summary

    def __call__(self, error: TawthiqError) -> None:
        self.policy(error)
        self.summary.bad += 1
        self.summary.errors.append(error)
