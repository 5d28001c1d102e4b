"""The review web app: a JSON API (OpenAPI at /api/docs) and an Arabic/English browser UI.

``create_app(config)`` builds the FastAPI application. Reads go through a
read-only engine (SQLite ``mode=ro``); writes go through the store's writer
engine, one short transaction per review action, each with its audit rows.
Every page and API read needs a login unless an admin has published the
read-only public view (setting ``public_view`` = ``on``).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlparse

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from ..models import ACTORS, EVENT_TYPES, IMPACTS, SUB_EVENT_TO_EVENT, TARGETS, WEAPONS
from ..store.schema import ArticleRow, IncidentRow, SettingRow, UserRow
from . import queries, review
from .auth import (
    ROLE_RANK,
    SESSION_COOKIE,
    LoginRateLimiter,
    SessionCodec,
    SessionData,
    authenticate,
    load_secret_key,
    new_csrf_token,
    password_fingerprint,
    tokens_match,
)
from .cache import ResultCache, archive_version
from .filters import HEALTH_TARGETS, REVIEW_STATUSES, EventFilters, filters_from_query
from .highlight import segments
from .render import timeline_svg

log = logging.getLogger(__name__)

LANGS = ("ar", "en")
PUBLIC_VIEW_KEY = "public_view"
TILES_KEY = "tiles_url"
TILES_ENV = "TAWTHIQ_TILES"
TILES_ATTRIBUTION_ENV = "TAWTHIQ_TILES_ATTRIBUTION"  # HTML shown by Leaflet: set by the operator only
EXPORT_FORMATS = {
    "acled": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@dataclass
class WebConfig:
    """How the app runs. ``secret_key`` None = ``$TAWTHIQ_SECRET_KEY`` or the key file."""

    db_url: str | None = None
    secret_key: str | None = None
    secure_cookies: bool = False
    tiles_url: str | None = None
    tiles_attribution: str = ""
    login_max_failures: int = 5
    login_window_seconds: float = 60.0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Principal:
    """Who is asking: a logged-in user (``anonymous`` False) or the public view."""

    user_id: int | None
    username: str
    role: str
    anonymous: bool = False

    def can(self, role: str) -> bool:
        return not self.anonymous and ROLE_RANK[self.role] >= ROLE_RANK[role]


ANONYMOUS = Principal(user_id=None, username="public", role="viewer", anonymous=True)


class NeedLogin(Exception):
    """Raised by the access dependencies; pages redirect to /login, the API answers 401."""


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    with resources.files("tawthiq.web").joinpath("data/ui.json").open(encoding="utf-8") as f:
        return json.load(f)


LABEL_KINDS = ("event_type", "sub_event_type", "actor", "target", "weapon", "impact")


@lru_cache(maxsize=1)
def arabic_labels() -> dict[str, dict[str, str]]:
    """Arabic names of the code lists (event types, actors, targets...) for the Arabic pages."""
    with resources.files("tawthiq.web").joinpath("data/labels_ar.json").open(encoding="utf-8") as f:
        return json.load(f)


def labels_for(lang: str) -> dict[str, dict[str, str]]:
    """Code -> display name per kind; English pages show the codes themselves."""
    return arabic_labels() if lang == "ar" else {kind: {} for kind in LABEL_KINDS}


def _templates() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("tawthiq.web", "templates"),
        autoescape=True,  # article text is untrusted: everything is escaped unless marked safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


# ---------------------------------------------------------------- request bodies


class LoginBody(BaseModel):
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


class NoteBody(BaseModel):
    note: str | None = Field(default=None, max_length=2000)


class EditBody(BaseModel):
    changes: dict[str, Any]
    note: str | None = Field(default=None, max_length=2000)


class MergeBody(BaseModel):
    other_id: int
    note: str | None = Field(default=None, max_length=2000)


class SplitBody(BaseModel):
    incident_id: int
    note: str | None = Field(default=None, max_length=2000)


class PublicViewBody(BaseModel):
    public: bool


# ---------------------------------------------------------------- the app


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The FastAPI app on the archive at ``config.db_url`` (migrated when opened)."""
    from fastapi.openapi.docs import get_swagger_ui_html

    from ..store import open_database, session_scope

    config = config or WebConfig()
    writer: Engine = open_database(config.db_url)
    reader: Engine = open_database(config.db_url, read_only=True) if writer.dialect.name == "sqlite" else writer
    codec = SessionCodec(config.secret_key or load_secret_key())
    limiter = LoginRateLimiter(config.login_max_failures, config.login_window_seconds)
    templates = _templates()
    tiles_env = config.tiles_url or os.environ.get(TILES_ENV) or None

    app = FastAPI(
        title="tawthiq",
        summary="Evidence-linked incidents from Arabic conflict reports: events, sources, review.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.writer = writer
    app.state.reader = reader
    app.state.config = config
    app.state.limiter = limiter
    cache = ResultCache()
    app.state.cache = cache

    static_dir = resources.files("tawthiq.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=_leaflet_dir()), name="leaflet")
    app.mount("/vendor/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")

    # ------------------------------------------------------------ plumbing

    def read_session() -> Iterator[Session]:
        session = Session(reader)
        try:
            yield session
        finally:
            session.close()

    def setting(session: Session, key: str) -> str | None:
        row = session.get(SettingRow, key)
        return row.value if row else None

    def tiles_url(session: Session) -> str | None:
        return tiles_env or setting(session, TILES_KEY) or None

    def public_view(session: Session) -> bool:
        return setting(session, PUBLIC_VIEW_KEY) == "on"

    def current_user(request: Request, session: Session = Depends(read_session)) -> Principal | None:
        data: SessionData = request.state.session
        if data.uid is None:
            return None
        user = session.get(UserRow, data.uid)
        if user is None or not user.active or password_fingerprint(user.password_hash) != data.pwf:
            return None
        return Principal(user_id=user.id, username=user.username, role=user.role)

    def reader_principal(
        who: Principal | None = Depends(current_user), session: Session = Depends(read_session)
    ) -> Principal:
        if who is not None:
            return who
        if public_view(session):
            return ANONYMOUS
        raise NeedLogin()

    async def check_csrf(request: Request) -> None:
        token = request.headers.get("x-csrf-token")
        if token is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = await request.form()
            value = form.get("csrf_token")
            token = value if isinstance(value, str) else None
        if not tokens_match(request.state.session.csrf, token):
            raise HTTPException(403, "CSRF token missing or wrong")

    def role_required(role: str) -> Any:
        def dependency(who: Principal | None = Depends(current_user), _csrf: None = Depends(check_csrf)) -> Principal:
            if who is None:
                raise NeedLogin()
            if not who.can(role):
                raise HTTPException(403, f"needs the {role} role; you are {who.role}")
            return who

        return dependency

    reviewer_required = role_required("reviewer")
    admin_required = role_required("admin")

    def language(request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get("lang") or "ar"
        return lang if lang in LANGS else "ar"

    def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        lang = language(request)
        other = "en" if lang == "ar" else "ar"
        strings = ui_strings()[lang]
        base = {
            "request": request,
            "t": strings,
            "lang": lang,
            "dir": "rtl" if lang == "ar" else "ltr",
            "other_lang": "en" if lang == "ar" else "ar",
            "csrf_token": request.state.session.csrf,
            "path": request.url.path,
            "query": request.url.query,
            "query_with_lang": urlencode(
                [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", other)]
            ),
            "who": context.pop("who", None),
            "L": labels_for(lang),
            "sep": "، " if lang == "ar" else ", ",
        }
        html = templates.get_template(name).render(**base, **context)
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", secure=config.secure_cookies)
        return response

    def cached(session: Session, kind: str, filters: EventFilters, extra: Any, compute: Any) -> Any:
        """``compute()`` once per archive version, query kind and filters."""
        key = (archive_version(session), kind, filters.model_dump_json(), extra)
        return cache.get_or_compute(key, compute)

    def events_list_page(session: Session, filters: EventFilters) -> tuple[list[dict[str, Any]], int]:
        unpaged = filters.model_copy(update={"limit": 50, "offset": 0})
        total = cached(session, "count", unpaged, None, lambda: queries.count_events(session, filters))

        def compute() -> tuple[list[dict[str, Any]], int]:
            rows, _ = queries.list_events(session, filters, total)
            return [queries.event_summary(e) for e in rows], total

        return cached(session, "events", filters, None, compute)  # type: ignore[no-any-return]

    def parse_filters(request: Request, defaults: dict[str, str] | None = None) -> EventFilters:
        params = dict(request.query_params)
        for key, value in (defaults or {}).items():
            params.setdefault(key, value)
        try:
            return filters_from_query(params)
        except ValidationError as exc:
            raise HTTPException(422, _validation_message(exc)) from None

    # ------------------------------------------------------------ middleware & errors

    @app.middleware("http")
    async def session_cookie(request: Request, call_next: Any) -> Response:
        data = codec.loads(request.cookies.get(SESSION_COOKIE))
        request.state.session_dirty = data is None
        request.state.session = data or SessionData(csrf=new_csrf_token())
        response: Response = await call_next(request)
        if request.state.session_dirty:
            response.set_cookie(
                SESSION_COOKIE,
                codec.dumps(request.state.session),
                max_age=codec.max_age,
                httponly=True,
                samesite="lax",
                secure=config.secure_cookies,
                path="/",
            )
        _security_headers(
            request, response, request.state.tiles_origin if hasattr(request.state, "tiles_origin") else None
        )
        return response

    @app.exception_handler(NeedLogin)
    async def need_login(request: Request, _exc: NeedLogin) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "log in first"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(review.ReviewError)
    async def review_error(request: Request, exc: review.ReviewError) -> Response:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    # ------------------------------------------------------------ API: session

    api = APIRouter(prefix="/api")

    @api.get("/session", tags=["session"], summary="Who is logged in, and the CSRF token for writes")
    def api_session(
        request: Request,
        who: Principal | None = Depends(current_user),
        session: Session = Depends(read_session),
    ) -> dict[str, Any]:
        return {
            "username": who.username if who else None,
            "role": who.role if who else None,
            "csrf_token": request.state.session.csrf,
            "public_view": public_view(session),
        }

    def do_login(request: Request, username: str, password: str) -> tuple[Principal | None, int]:
        """Check a login; returns (principal, retry_after seconds when rate-limited)."""
        ip = request.client.host if request.client else "-"
        wait = limiter.retry_after(username, ip)
        if wait:
            return None, wait
        with session_scope(writer) as session:
            user = authenticate(session, username, password)
            if user is None:
                limiter.failed(username, ip)
                return None, 0
            limiter.succeeded(username, ip)
            request.state.session = SessionData(
                csrf=new_csrf_token(), uid=user.id, pwf=password_fingerprint(user.password_hash)
            )
            request.state.session_dirty = True
            from ..store import audit

            audit(session, user.username, "login", "user", user.id, {"ip": ip})
            return Principal(user_id=user.id, username=user.username, role=user.role), 0

    @api.post(
        "/login",
        tags=["session"],
        summary="Log in (send the CSRF token from GET /api/session); 429 after repeated failures",
        dependencies=[Depends(check_csrf)],
    )
    def api_login(request: Request, body: LoginBody) -> JSONResponse:
        who, wait = do_login(request, body.username, body.password)
        if wait:
            return JSONResponse(
                {"detail": "too many failed logins; try later"},
                status_code=429,
                headers={"Retry-After": str(wait)},
            )
        if who is None:
            return JSONResponse({"detail": "wrong user name or password"}, status_code=401)
        return JSONResponse({"username": who.username, "role": who.role, "csrf_token": request.state.session.csrf})

    @api.post("/logout", tags=["session"], summary="End the session", dependencies=[Depends(check_csrf)])
    def api_logout(request: Request) -> dict[str, str]:
        request.state.session = SessionData(csrf=new_csrf_token())
        request.state.session_dirty = True
        return {"status": "logged out"}

    # ------------------------------------------------------------ API: reads

    @api.get("/events", tags=["events"], summary="Events matching the filters (paginated, newest first)")
    def api_events(
        request: Request,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
        q: str | None = Query(None, description="words that must occur in a source article"),
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        country: str | None = None,
        admin1: str | None = None,
        actor: str | None = None,
        sub_event_type: str | None = None,
        event_type: str | None = None,
        target: str | None = Query(None, description="target code(s), comma list = any of"),
        weapon: str | None = Query(None, description="weapon code(s), comma list = any of"),
        grade: str | None = None,
        review_status: str | None = None,
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        filters = parse_filters(request)
        items, total = events_list_page(session, filters)
        return {"total": total, "limit": filters.limit, "offset": filters.offset, "items": items}

    @api.get("/events/{event_id}", tags=["events"], summary="One event with its incidents, sources and audit log")
    def api_event(
        event_id: int,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
    ) -> dict[str, Any]:
        event = queries.load_event(session, event_id)
        if event is None:
            moved = queries.merged_into(session, event_id)
            detail = f"event {event_id} was merged into {moved}" if moved else f"no event {event_id}"
            raise HTTPException(404, detail)
        articles = {i.article.id: i.article for i in event.incidents}
        return {
            **queries.event_summary(event),
            "incidents": [queries.incident_summary(i) for i in sorted(event.incidents, key=lambda i: i.id)],
            "articles": [queries.article_summary(a, with_text=True) for a in articles.values()],
            "audit": [queries.audit_summary(a) for a in queries.audit_entries(session, event)],
        }

    @api.get("/incidents", tags=["incidents"], summary="Incidents (one per article report) matching the filters")
    def api_incidents(
        request: Request,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
        q: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        country: str | None = None,
        admin1: str | None = None,
        actor: str | None = None,
        sub_event_type: str | None = None,
        event_type: str | None = None,
        target: str | None = None,
        weapon: str | None = None,
        grade: str | None = None,
        review_status: str | None = None,
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        from ..store import search_incidents

        filters = parse_filters(request)
        _one_code(filters)
        rows, total = search_incidents(session, queries.to_search_filters(filters))
        return {
            "total": total,
            "limit": filters.limit,
            "offset": filters.offset,
            "items": [queries.incident_summary(i) for i in rows],
        }

    @api.get("/incidents/{incident_id}", tags=["incidents"], summary="One incident")
    def api_incident(
        incident_id: int,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
    ) -> dict[str, Any]:
        incident = session.get(IncidentRow, incident_id)
        if incident is None:
            raise HTTPException(404, f"no incident {incident_id}")
        return queries.incident_summary(incident)

    @api.get("/articles", tags=["articles"], summary="Source articles matching the filters (full text search: q)")
    def api_articles(
        request: Request,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
        q: str | None = None,
        date_from: dt.date | None = Query(None, description="published on or after"),
        date_to: dt.date | None = Query(None, description="published on or before"),
        limit: int = Query(50, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        from ..store import search_articles

        filters = parse_filters(request)
        _one_code(filters)
        rows, total = search_articles(session, queries.to_search_filters(filters))
        return {
            "total": total,
            "limit": filters.limit,
            "offset": filters.offset,
            "items": [queries.article_summary(a) for a in rows],
        }

    @api.get(
        "/articles/{article_id}",
        tags=["articles"],
        summary="One article: its text and its incidents' evidence",
    )
    def api_article(
        article_id: int, _who: Principal = Depends(reader_principal), session: Session = Depends(read_session)
    ) -> dict[str, Any]:
        article = session.get(ArticleRow, article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return {
            **queries.article_summary(article, with_text=True),
            "incidents": [queries.incident_summary(i) for i in sorted(article.incidents, key=lambda i: i.ordinal)],
        }

    @api.get("/search", tags=["search"], summary="Events and articles matching the same filters as the CLI")
    def api_search(
        request: Request,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
        q: str | None = None,
        limit: int = Query(20, ge=1, le=500),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        from ..store import search_articles

        filters = parse_filters(request, {"limit": "20"})
        items, total = events_list_page(session, filters)
        out: dict[str, Any] = {"events": {"total": total, "items": items}}
        if len(filters.targets) <= 1 and len(filters.weapons) <= 1:
            arts, n_art = search_articles(session, queries.to_search_filters(filters))
            out["articles"] = {"total": n_art, "items": [queries.article_summary(a) for a in arts]}
        return out

    @api.get("/map", tags=["map"], summary="Map features in a viewport: points, or grid clusters when many")
    def api_map(
        request: Request,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
        bbox: str | None = Query(None, description="west,south,east,north"),
        zoom: int = Query(6, ge=0, le=18),
    ) -> dict[str, Any]:
        filters = parse_filters(request)
        try:
            box = queries.BBox.parse(bbox)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        return cached(  # type: ignore[no-any-return]
            session, "map", filters, (box, zoom), lambda: queries.map_query(session, filters, box, zoom)
        )

    @api.get("/stats", tags=["map"], summary="Timeline and counts by actor, governorate, target, impact")
    def api_stats(
        request: Request,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
        bucket: str = Query("auto", pattern="^(auto|day|week|month|year)$"),
    ) -> dict[str, Any]:
        filters = parse_filters(request)
        stats = cached(session, "stats", filters, None, lambda: queries.statistics(session, filters))
        line = cached(session, "timeline", filters, bucket, lambda: queries.timeline(session, filters, bucket))
        return {**stats, "timeline": line}

    @api.get(
        "/export",
        tags=["export"],
        summary="Download the matching events: acled (CSV), geojson, jsonl or parquet",
        response_class=FileResponse,
    )
    def api_export(
        request: Request,
        fmt: str = Query("geojson", pattern="^(acled|geojson|jsonl|parquet)$"),
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
    ) -> FileResponse:
        from ..store import export_events

        filters = parse_filters(request)
        _one_code(filters)
        search = queries.to_search_filters(filters).model_copy(update={"limit": None, "offset": 0})
        media_type, ext = EXPORT_FORMATS[fmt]
        fd, tmp = tempfile.mkstemp(prefix="tawthiq-export-", suffix=f".{ext}")
        os.close(fd)
        try:
            export_events(session, fmt, search, Path(tmp))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return FileResponse(
            tmp,
            media_type=media_type,
            filename=f"tawthiq-events.{ext}",
            background=BackgroundTask(Path(tmp).unlink, missing_ok=True),
        )

    @api.get("/audit", tags=["review"], summary="Audit log entries about one event")
    def api_audit(
        event_id: int,
        _who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
    ) -> dict[str, Any]:
        event = queries.load_event(session, event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        rows = queries.audit_entries(session, event)
        return {"total": len(rows), "items": [queries.audit_summary(r) for r in rows]}

    # ------------------------------------------------------------ API: review (writes)

    def apply(action: Any, *args: Any) -> dict[str, Any]:
        with session_scope(writer) as session:
            event = action(session, *args)
            session.flush()
            event_id = event.id
        with Session(reader) as session:
            fresh = queries.load_event(session, event_id)
            assert fresh is not None
            return queries.event_summary(fresh)

    @api.post("/events/{event_id}/accept", tags=["review"], summary="Accept an event as correct (reviewer)")
    def api_accept(
        event_id: int, body: NoteBody | None = None, who: Principal = Depends(reviewer_required)
    ) -> dict[str, Any]:
        return apply(review.accept, who.username, event_id, body.note if body else None)

    @api.post("/events/{event_id}/reject", tags=["review"], summary="Reject an event (reviewer)")
    def api_reject(
        event_id: int, body: NoteBody | None = None, who: Principal = Depends(reviewer_required)
    ) -> dict[str, Any]:
        return apply(review.reject, who.username, event_id, body.note if body else None)

    @api.patch("/events/{event_id}", tags=["review"], summary="Edit an event's fields (reviewer)")
    def api_edit(event_id: int, body: EditBody, who: Principal = Depends(reviewer_required)) -> dict[str, Any]:
        return apply(review.edit, who.username, event_id, body.changes, body.note)

    @api.post("/events/{event_id}/merge", tags=["review"], summary="Merge another event into this one (reviewer)")
    def api_merge(event_id: int, body: MergeBody, who: Principal = Depends(reviewer_required)) -> dict[str, Any]:
        return apply(review.merge, who.username, event_id, body.other_id, body.note)

    @api.post(
        "/events/{event_id}/split",
        tags=["review"],
        summary="Move one incident out of the event into a new event (reviewer); returns the new event",
    )
    def api_split(event_id: int, body: SplitBody, who: Principal = Depends(reviewer_required)) -> dict[str, Any]:
        return apply(review.split, who.username, event_id, body.incident_id, body.note)

    # ------------------------------------------------------------ API: admin

    @api.get("/users", tags=["admin"], summary="Users and roles (admin)")
    def api_users(
        who: Principal | None = Depends(current_user), session: Session = Depends(read_session)
    ) -> dict[str, Any]:
        if who is None:
            raise NeedLogin()
        if not who.can("admin"):
            raise HTTPException(403, "needs the admin role")
        users = session.scalars(select(UserRow).order_by(UserRow.username)).all()
        return {"items": [{"id": u.id, "username": u.username, "role": u.role, "active": u.active} for u in users]}

    @api.put(
        "/settings/public_view",
        tags=["admin"],
        summary="Publish or withdraw the read-only public view (admin)",
    )
    def api_public_view(body: PublicViewBody, who: Principal = Depends(admin_required)) -> dict[str, bool]:
        with session_scope(writer) as session:
            set_public_view(session, who.username, body.public)
        return {"public": body.public}

    app.include_router(api)

    # ------------------------------------------------------------ docs

    @app.get("/api/docs", include_in_schema=False)
    def swagger(request: Request) -> HTMLResponse:
        request.state.relaxed_csp = True
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="tawthiq API",
            swagger_js_url="/vendor/swagger/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    # ------------------------------------------------------------ pages

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = "/") -> HTMLResponse:
        return render(request, "login.html", {"next": _safe_next(next), "error": None})

    @app.post("/login", include_in_schema=False, dependencies=[Depends(check_csrf)])
    async def login_form(request: Request) -> Response:
        form = await request.form()
        username = str(form.get("username") or "")
        password = str(form.get("password") or "")
        target = _safe_next(str(form.get("next") or "/"))
        from starlette.concurrency import run_in_threadpool

        who, wait = await run_in_threadpool(do_login, request, username, password)
        if wait:
            response = render(request, "login.html", {"next": target, "error": "too_many"}, status=429)
            response.headers["Retry-After"] = str(wait)
            return response
        if who is None:
            return render(request, "login.html", {"next": target, "error": "login_failed"}, status=401)
        return RedirectResponse(target, status_code=303)

    @app.post("/logout", include_in_schema=False, dependencies=[Depends(check_csrf)])
    def logout_form(request: Request) -> Response:
        request.state.session = SessionData(csrf=new_csrf_token())
        request.state.session_dirty = True
        return RedirectResponse("/login", status_code=303)

    def dashboard(request: Request, who: Principal, session: Session, health: bool) -> HTMLResponse:
        filters = parse_filters(request, {"target": ",".join(HEALTH_TARGETS)} if health else None)
        rows, total = events_list_page(session, filters)
        stats = cached(session, "stats", filters, None, lambda: queries.statistics(session, filters))
        line = cached(session, "timeline", filters, "auto", lambda: queries.timeline(session, filters))
        lang = language(request)
        tiles = tiles_url(session)
        request.state.tiles_origin = _origin(tiles)
        return render(
            request,
            "dashboard.html",
            {
                "who": who,
                "health": health,
                "filters": filters,
                "events": rows,
                "total": total,
                "stats": stats,
                "timeline": timeline_svg(line, lang, EVENT_COLORS),
                "choices": _choices(),
                "map_config": {
                    "tiles": tiles,
                    "attribution": config.tiles_attribution or os.environ.get(TILES_ATTRIBUTION_ENV, ""),
                    "query": filters.query_string(limit=None, offset=None),
                    "lang": lang,
                    "colors": EVENT_COLORS,
                    "labels": {k: labels_for(lang)[k] for k in ("sub_event_type", "actor")},
                },
                "event_colors": EVENT_COLORS,
                "page_link": lambda offset: (
                    "?"
                    + filters.query_string(offset=offset or None, limit=filters.limit if filters.limit != 50 else None)
                ),
                "export_link": lambda fmt: f"/api/export?{filters.query_string(fmt=fmt, limit=None, offset=None)}",
            },
        )

    @app.get("/", include_in_schema=False)
    def index(
        request: Request, who: Principal = Depends(reader_principal), session: Session = Depends(read_session)
    ) -> HTMLResponse:
        return dashboard(request, who, session, health=False)

    @app.get("/health", include_in_schema=False)
    def health_page(
        request: Request, who: Principal = Depends(reader_principal), session: Session = Depends(read_session)
    ) -> HTMLResponse:
        return dashboard(request, who, session, health=True)

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(
        request: Request,
        event_id: int,
        who: Principal = Depends(reader_principal),
        session: Session = Depends(read_session),
    ) -> Response:
        event = queries.load_event(session, event_id)
        if event is None:
            moved = queries.merged_into(session, event_id)
            if moved is not None:
                return RedirectResponse(f"/events/{moved}", status_code=303)
            return render(request, "error.html", {"who": who, "status": 404, "message": "not_found"}, status=404)
        incidents = sorted(event.incidents, key=lambda i: i.id)
        own = frozenset(i.id for i in incidents)
        articles: dict[int, ArticleRow] = {}
        for incident in incidents:
            articles.setdefault(incident.article_id, incident.article)
        sources = []
        for article in articles.values():
            spans = [
                (int(s), int(e), i.id)
                for i in sorted(article.incidents, key=lambda i: i.ordinal)
                for s, e in i.evidence or []
            ]
            sources.append(
                {
                    "article": article,
                    "segments": segments(article.text, spans, own),
                    "incidents": [i for i in incidents if i.article_id == article.id],
                }
            )
        return render(
            request,
            "event.html",
            {
                "who": who,
                "event": event,
                "incidents": incidents,
                "sources": sources,
                "audit": queries.audit_entries(session, event),
                "choices": _choices(),
                "msg": request.query_params.get("msg"),
                "error": request.query_params.get("error"),
            },
        )

    @app.post("/events/{event_id}/review", include_in_schema=False)
    async def review_form(request: Request, event_id: int, who: Principal = Depends(reviewer_required)) -> Response:
        from starlette.concurrency import run_in_threadpool

        form = await request.form()
        action = str(form.get("action") or "")
        note = str(form.get("note") or "") or None
        try:
            if action == "accept":
                result = await run_in_threadpool(apply, review.accept, who.username, event_id, note)
            elif action == "reject":
                result = await run_in_threadpool(apply, review.reject, who.username, event_id, note)
            elif action == "edit":
                changes: dict[str, Any] = {
                    name: form.get(name) for name in review.EDITABLE if name in form and name not in _LIST_FIELDS
                }
                for name in _LIST_FIELDS:
                    if f"{name}__present" in form:
                        changes[name] = [str(v) for v in form.getlist(name)]
                if "civilian_victims__present" in form:
                    changes["civilian_victims"] = form.get("civilian_victims") == "on"
                result = await run_in_threadpool(apply, review.edit, who.username, event_id, changes, note)
            elif action == "merge":
                other = str(form.get("other_id") or "").strip()
                if not other.isdigit():
                    raise review.ReviewError(400, "other event id must be a number")
                result = await run_in_threadpool(apply, review.merge, who.username, event_id, int(other), note)
            elif action == "split":
                incident = str(form.get("incident_id") or "").strip()
                if not incident.isdigit():
                    raise review.ReviewError(400, "incident id must be a number")
                result = await run_in_threadpool(apply, review.split, who.username, event_id, int(incident), note)
            else:
                raise review.ReviewError(400, f"unknown action {action!r}")
        except review.ReviewError as exc:
            if exc.status == 404:
                raise HTTPException(404, exc.message) from None
            return RedirectResponse(f"/events/{event_id}?error={quote(exc.message)}", status_code=303)
        return RedirectResponse(f"/events/{result['id']}?msg={action}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.method != "GET":
            if not request.url.path.startswith("/api/") and exc.status_code == 403:
                return render(request, "error.html", {"who": None, "status": 403, "message": str(exc.detail)}, 403)
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render(
            request,
            "error.html",
            {"who": None, "status": exc.status_code, "message": str(exc.detail)},
            exc.status_code,
        )

    return app


_LIST_FIELDS = ("targets", "weapons", "impacts")

# Colour-blind-safe (Okabe-Ito) colours per event type, shared by map markers and the timeline.
EVENT_COLORS: dict[str, str] = {
    "Explosions/Remote violence": "#D55E00",
    "Battles": "#0072B2",
    "Violence against civilians": "#CC79A7",
    "Strategic developments": "#009E73",
    "Protests": "#E69F00",
    "Riots": "#56B4E9",
}


def set_public_view(session: Session, actor: str, public: bool) -> None:
    """Publish (or withdraw) the read-only public view; audited."""
    from ..store import audit

    row = session.get(SettingRow, PUBLIC_VIEW_KEY)
    value = "on" if public else "off"
    if row is None:
        session.add(SettingRow(key=PUBLIC_VIEW_KEY, value=value))
    else:
        row.value = value
    audit(session, actor, "setting", "setting", None, {"key": PUBLIC_VIEW_KEY, "value": value})


def _choices() -> dict[str, Any]:
    return {
        "event_types": list(EVENT_TYPES),
        "sub_event_types": list(SUB_EVENT_TO_EVENT),
        "actors": list(ACTORS),
        "targets": list(TARGETS),
        "weapons": list(WEAPONS),
        "impacts": list(IMPACTS),
        "grades": ["confirmed", "fair", "weak", "contested"],
        "review_statuses": list(REVIEW_STATUSES),
    }


def _one_code(filters: EventFilters) -> None:
    if len(filters.targets) > 1 or len(filters.weapons) > 1:
        raise HTTPException(422, "this endpoint takes one target and one weapon code")


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg')}")
    return "; ".join(parts)


def _safe_next(target: str) -> str:
    """Only same-site paths after login (no open redirect)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _origin(url: str | None) -> str | None:
    if not url:
        return None
    parsed = urlparse(url.replace("{s}", "a"))
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return None
    host = parsed.netloc
    if "{s}" in url:
        host = "*." + host.split(".", 1)[1] if "." in host else host
    return f"{parsed.scheme}://{host}"


def _security_headers(request: Request, response: Response, tiles_origin: str | None) -> None:
    img = "'self' data:" + (f" {tiles_origin}" if tiles_origin else "")
    if getattr(request.state, "relaxed_csp", False):  # Swagger UI needs its inline start-up script
        script = "'self' 'unsafe-inline'"
        style = "'self' 'unsafe-inline'"
    else:
        script = "'self'"
        style = "'self'"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src {script}; style-src {style}; img-src {img}; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"


def _leaflet_dir() -> str:
    from xstatic.pkg import leaflet

    return leaflet.BASE_DIR


def _swagger_dir() -> str:
    import fastapi_offline

    return str(Path(fastapi_offline.__file__).parent / "static")


def _version() -> str:
    from .. import __version__

    return __version__
