"""Helpers of the web app tests: archives built from code, users, logged-in clients.

The Arabic reports below were written for these tests (not copied from any
article). Evidence offsets are computed from the text, never typed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tawthiq.models import Article, DateValue, Incident, Location

SECRET = "test-secret-key-of-the-web-tests-0123456789"
PASSWORDS = {"admin": "admin-pass-1", "rev": "reviewer-pass-1", "view": "viewer-pass-1"}
ROLES = {"admin": "admin", "rev": "reviewer", "view": "viewer"}

HOSPITAL_A = (
    "قصفت طائرات حربية روسية صباح اليوم مستشفى في مدينة معرة النعمان بريف إدلب الجنوبي، "
    "ما أدى إلى مقتل خمسة مدنيين وإصابة آخرين.\n"
    "وقال مدير المستشفى إن المبنى خرج عن الخدمة بعد الغارة."
)
HOSPITAL_B = (
    "ارتفع عدد ضحايا الغارة الجوية الروسية على المستشفى في معرة النعمان إلى سبعة قتلى "
    "وعشرة جرحى، بحسب فرق الدفاع المدني التي عملت على انتشال المصابين."
)
MARKET = "سقطت قذائف مدفعية أطلقتها قوات النظام على سوق شعبي في حي الشعار بمدينة حلب، وأصيب ثلاثة مدنيين بجروح."
HOSTILE = (
    "<script>alert('xss')</script> اندلعت اشتباكات بين فصائل المعارضة وقوات النظام قرب بلدة "
    '<b onmouseover="alert(2)">كفرنبل</b> دون وقوع إصابات. <img src=x onerror="alert(3)">'
)
CLASH = "دارت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم الدولة في ريف دير الزور الشرقي."


def span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return (start, start + len(piece))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Each line of ``text`` as one evidence span."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def sample_reports() -> list[tuple[Article, list[Incident]]]:
    """Five reports: one hospital strike told by two outlets, a market shelling, a hostile text, a clash."""
    maarra = Location(
        name="معرة النعمان",
        lat=35.6476,
        lon=36.6746,
        geonameid=169304,
        admin1="Idlib",
        country="SY",
        precision=1,
    )
    aleppo = Location(name="حلب", lat=36.2021, lon=37.1343, geonameid=170063, admin1="Aleppo", country="SY")
    kafranbel = Location(name="كفرنبل", lat=35.6139, lon=36.5605, admin1="Idlib", country="SY")
    deir = Location(name="دير الزور", lat=35.3359, lon=40.1408, admin1="Deir ez-Zor", country="SY", precision=3)
    day = DateValue(date="2019-05-20")
    return [
        (
            Article(id="h-a", text=HOSPITAL_A, published="2019-05-20", source="outlet-a.example"),
            [
                Incident(
                    event_type="Explosions/Remote violence",
                    sub_event_type="Air/drone strike",
                    actor1="RUS_MIL",
                    location=maarra,
                    date=day,
                    killed=5,
                    civilian_victims=True,
                    targets=["hospital"],
                    weapons=["airstrike_missile"],
                    impacts=["out_of_service"],
                    evidence=sentence_spans(HOSPITAL_A),
                )
            ],
        ),
        (
            Article(id="h-b", text=HOSPITAL_B, published="2019-05-20", source="outlet-b.example"),
            [
                Incident(
                    event_type="Explosions/Remote violence",
                    sub_event_type="Air/drone strike",
                    actor1="RUS_MIL",
                    location=maarra,
                    date=day,
                    killed=7,
                    injured=10,
                    civilian_victims=True,
                    targets=["hospital"],
                    evidence=[span(HOSPITAL_B, HOSPITAL_B.split("،")[0])],
                )
            ],
        ),
        (
            Article(id="m", text=MARKET, published="2019-06-02", source="outlet-a.example"),
            [
                Incident(
                    event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack",
                    actor1="SYR_GOV",
                    location=aleppo,
                    date=DateValue(date="2019-06-02"),
                    injured=3,
                    civilian_victims=True,
                    targets=["market"],
                    weapons=["artillery"],
                    evidence=[(0, len(MARKET))],
                )
            ],
        ),
        (
            Article(id="x", text=HOSTILE, published="2019-06-10", source="outlet-c.example"),
            [
                Incident(
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    actor1="SYR_OPP",
                    location=kafranbel,
                    date=DateValue(date="2019-06-10"),
                    killed=0,
                    injured=0,
                    evidence=[(0, len(HOSTILE))],
                )
            ],
        ),
        (
            Article(id="c", text=CLASH, published="2019-07-01", source="outlet-c.example"),
            [
                Incident(
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    actor1="SDF",
                    location=deir,
                    date=DateValue(date="2019-07-01"),
                    evidence=[(0, len(CLASH))],
                )
            ],
        ),
    ]


def test_client_class() -> Any:
    """Starlette's TestClient; it warns that plain httpx is deprecated in favour of httpx2."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
        from starlette.testclient import TestClient
    return TestClient


def build_archive(url: str, reports: list[tuple[Article, list[Incident]]]) -> None:
    from tawthiq.store import corroborate, open_database, store_extracted

    engine = open_database(url)
    for article, incidents in reports:
        store_extracted(engine, article, incidents, "test-1", corroborate_now=False)
    corroborate(engine)
    engine.dispose()


def add_users(url: str) -> None:
    """The three test users. Their hashes use argon2's cheapest parameters so that logging
    in takes milliseconds (verification reads the parameters from the hash itself)."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from tawthiq.store import open_database, session_scope
    from tawthiq.web import auth

    engine = open_database(url)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", lambda: PasswordHasher.from_parameters(CHEAPEST))
        with session_scope(engine) as session:
            for name, role in ROLES.items():
                auth.add_user(session, name, PASSWORDS[name], role)
    engine.dispose()


@dataclass
class Web:
    """An app on a fresh archive and a way to get clients logged in as each role."""

    url: str
    app: Any

    def client(self) -> Any:
        return test_client_class()(self.app, base_url="http://testserver")

    def login(self, name: str | None) -> Any:
        """A client logged in as ``name`` (None: not logged in), with its CSRF token in ``.csrf``."""
        client = self.client()
        token = client.get("/api/session").json()["csrf_token"]
        if name is not None:
            response = client.post(
                "/api/login",
                json={"username": name, "password": PASSWORDS[name]},
                headers={"X-CSRF-Token": token},
            )
            assert response.status_code == 200, response.text
            token = response.json()["csrf_token"]
        client.csrf = token  # type: ignore[attr-defined]
        client.headers["X-CSRF-Token"] = token
        return client

    def event_id(self, **where: Any) -> int:
        """The id of the one event whose summary fields equal ``where``."""
        client = self.login("view")
        items = client.get("/api/events", params={"limit": 500}).json()["items"]
        found = [e for e in items if all(e.get(k) == v for k, v in where.items())]
        assert len(found) == 1, found
        return found[0]["id"]
