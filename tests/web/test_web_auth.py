"""Users, roles, sessions, CSRF, login rate limiting, the public view and the session key."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from tests.web.web_support import PASSWORDS, Web

# (method, path template, JSON body, least role)
WRITES = [
    ("post", "/api/events/{hospital}/accept", {"note": "ok"}, "reviewer"),
    ("post", "/api/events/{hospital}/reject", None, "reviewer"),
    ("patch", "/api/events/{hospital}", {"changes": {"killed_min": 6}}, "reviewer"),
    ("post", "/api/events/{hospital}/merge", {"other_id": "{clash}"}, "reviewer"),
    ("post", "/api/events/{hospital}/split", {"incident_id": "{incident}"}, "reviewer"),
    ("put", "/api/settings/public_view", {"public": True}, "admin"),
]
RANK = {None: -1, "view": 0, "rev": 1, "admin": 2}
NEED = {"reviewer": 1, "admin": 2}


def _fill(web: Web, template: str | dict | None) -> str | dict | None:
    hospital = web.event_id(location_name="معرة النعمان")
    ids = {
        "hospital": hospital,
        "clash": web.event_id(location_name="كفرنبل"),
        "incident": web.login("view").get(f"/api/events/{hospital}").json()["incidents"][0]["id"],
    }
    if template is None:
        return None
    if isinstance(template, str):
        return template.format(**ids)
    return {k: int(v.format(**ids)) if isinstance(v, str) and v.startswith("{") else v for k, v in template.items()}


@pytest.mark.parametrize("user", [None, "view", "rev", "admin"])
@pytest.mark.parametrize(("method", "path", "body", "role"), WRITES, ids=[w[1].split("/")[-1] for w in WRITES])
def test_each_role_against_each_write(
    web: Web, user: str | None, method: str, path: str, body: dict | None, role: str
) -> None:
    url, payload = _fill(web, path), _fill(web, body)
    client = web.login(user)
    response = client.request(method.upper(), url, json=payload)
    if user is None:
        assert response.status_code == 401, response.text
    elif RANK[user] < NEED[role]:
        assert response.status_code == 403, response.text
        assert role in response.json()["detail"]
    else:
        assert response.status_code == 200, response.text


def test_refused_write_changes_nothing_and_writes_no_audit(web: Web) -> None:
    hospital = web.event_id(location_name="معرة النعمان")
    viewer = web.login("view")
    before = viewer.get(f"/api/events/{hospital}").json()
    assert viewer.post(f"/api/events/{hospital}/accept").status_code == 403
    assert viewer.patch(f"/api/events/{hospital}", json={"changes": {"killed_min": 0}}).status_code == 403
    assert viewer.get(f"/api/events/{hospital}").json() == before


@pytest.mark.parametrize("token", [None, "", "not-the-token"])
def test_write_without_the_right_csrf_token_is_refused(web: Web, token: str | None) -> None:
    hospital = web.event_id(location_name="معرة النعمان")
    client = web.login("rev")
    del client.headers["X-CSRF-Token"]
    headers = {} if token is None else {"X-CSRF-Token": token}
    response = client.post(f"/api/events/{hospital}/accept", headers=headers)
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert client.get(f"/api/events/{hospital}").json()["review_status"] == "unreviewed"


def test_csrf_token_of_another_session_is_refused(web: Web) -> None:
    hospital = web.event_id(location_name="معرة النعمان")
    mine, other = web.login("rev"), web.login("admin")
    response = mine.post(f"/api/events/{hospital}/accept", headers={"X-CSRF-Token": other.csrf})
    assert response.status_code == 403


def test_form_post_needs_the_csrf_field(web: Web) -> None:
    hospital = web.event_id(location_name="معرة النعمان")
    client = web.login("rev")
    del client.headers["X-CSRF-Token"]
    refused = client.post(f"/events/{hospital}/review", data={"action": "accept"}, follow_redirects=False)
    assert refused.status_code == 403
    ok = client.post(
        f"/events/{hospital}/review",
        data={"action": "accept", "csrf_token": client.csrf},
        follow_redirects=False,
    )
    assert ok.status_code == 303


def test_login_needs_csrf_too(web: Web) -> None:
    client = web.client()
    client.get("/api/session")
    response = client.post("/api/login", json={"username": "rev", "password": PASSWORDS["rev"]})
    assert response.status_code == 403


def test_login_rate_limit_per_user_and_ip(web: Web) -> None:
    client = web.client()
    token = client.get("/api/session").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    for _ in range(5):
        bad = client.post("/api/login", json={"username": "rev", "password": "wrong"}, headers=headers)
        assert bad.status_code == 401
    blocked = client.post("/api/login", json={"username": "rev", "password": PASSWORDS["rev"]}, headers=headers)
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0
    # another user from the same address is not locked out
    other = client.post("/api/login", json={"username": "view", "password": PASSWORDS["view"]}, headers=headers)
    assert other.status_code == 200


def test_rate_limit_window_expires() -> None:
    from tawthiq.web.auth import LoginRateLimiter

    limiter = LoginRateLimiter(max_failures=2, window=0.2)
    limiter.failed("a", "1.2.3.4")
    limiter.failed("A", "1.2.3.4")  # user names are compared case-insensitively
    assert limiter.retry_after("a", "1.2.3.4") > 0
    assert limiter.retry_after("a", "5.6.7.8") == 0
    import time

    time.sleep(0.25)
    assert limiter.retry_after("a", "1.2.3.4") == 0


def test_wrong_password_and_unknown_user_look_the_same(web: Web) -> None:
    client = web.client()
    headers = {"X-CSRF-Token": client.get("/api/session").json()["csrf_token"]}
    wrong = client.post("/api/login", json={"username": "rev", "password": "nope"}, headers=headers)
    ghost = client.post("/api/login", json={"username": "ghost", "password": "nope"}, headers=headers)
    assert wrong.status_code == ghost.status_code == 401
    assert wrong.json() == ghost.json()


def test_reading_needs_login_unless_published(web: Web) -> None:
    anon = web.client()
    assert anon.get("/api/events").status_code == 401
    page = anon.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login?next=")
    admin = web.login("admin")
    assert admin.put("/api/settings/public_view", json={"public": True}).status_code == 200
    assert anon.get("/api/events").json()["total"] == 4
    assert anon.get("/").status_code == 200
    hospital = web.event_id(location_name="معرة النعمان")
    anon_token = anon.get("/api/session").json()["csrf_token"]
    write = anon.post(f"/api/events/{hospital}/accept", headers={"X-CSRF-Token": anon_token})
    assert write.status_code == 401  # the public view is read-only
    assert admin.put("/api/settings/public_view", json={"public": False}).status_code == 200
    assert anon.get("/api/events").status_code == 401


def test_session_cookie_flags(web: Web, make_web) -> None:  # type: ignore[no-untyped-def]
    cookie = web.client().get("/api/session").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    assert "Secure" not in cookie
    secure = make_web(web.url, secure_cookies=True)
    assert "Secure" in secure.client().get("/api/session").headers["set-cookie"]


def test_tampered_cookie_is_ignored(web: Web) -> None:
    client = web.login("rev")
    value = client.cookies.get("tawthiq_session")
    client.cookies.set("tawthiq_session", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert client.get("/api/session").json()["username"] is None
    assert client.get("/api/events").status_code == 401


def test_password_change_ends_old_sessions(web: Web) -> None:
    from tawthiq.store import open_database, session_scope
    from tawthiq.web.auth import set_password

    client = web.login("rev")
    assert client.get("/api/session").json()["username"] == "rev"
    engine = open_database(web.url)
    with session_scope(engine) as session:
        set_password(session, "rev", "a-brand-new-password")
    engine.dispose()
    assert client.get("/api/session").json()["username"] is None


def test_logout(web: Web) -> None:
    client = web.login("rev")
    assert client.post("/api/logout").status_code == 200
    assert client.get("/api/events").status_code == 401


def test_login_form_and_safe_redirect(web: Web) -> None:
    client = web.client()
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post(
        "/login",
        data={
            "username": "view",
            "password": PASSWORDS["view"],
            "csrf_token": token,
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert client.get("/api/session").json()["role"] == "viewer"
    bad = web.client()
    token = bad.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    failed = bad.post("/login", data={"username": "view", "password": "x", "csrf_token": token})
    assert failed.status_code == 401 and 'role="alert"' in failed.text


def test_admin_lists_users_others_cannot(web: Web) -> None:
    users = web.login("admin").get("/api/users").json()["items"]
    assert {(u["username"], u["role"]) for u in users} == {
        ("admin", "admin"),
        ("rev", "reviewer"),
        ("view", "viewer"),
    }
    assert "password" not in str(users)
    assert web.login("rev").get("/api/users").status_code == 403


# ---------------------------------------------------------------- session key


def test_secret_key_file_is_generated_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tawthiq.web.auth import load_secret_key, secret_key_path

    monkeypatch.setenv("TAWTHIQ_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TAWTHIQ_SECRET_KEY", raising=False)
    key = load_secret_key()
    path = secret_key_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_secret_key() == key and len(key) >= 32
    os.chmod(path, 0o644)
    from tawthiq.errors import TawthiqError

    with pytest.raises(TawthiqError, match="chmod 600"):
        load_secret_key()


def test_secret_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from tawthiq.errors import TawthiqError
    from tawthiq.web.auth import load_secret_key, secret_key_path

    monkeypatch.setenv("TAWTHIQ_SECRET_KEY", "x" * 40)
    assert load_secret_key() == "x" * 40
    assert not secret_key_path().exists()
    monkeypatch.setenv("TAWTHIQ_SECRET_KEY", "short")
    with pytest.raises(TawthiqError, match="T400"):
        load_secret_key()


def test_passwords_are_argon2_hashed() -> None:
    from tawthiq.web.auth import hash_password, verify_password

    digest = hash_password("correct horse battery")
    assert digest.startswith("$argon2id$") and "correct" not in digest
    assert verify_password(digest, "correct horse battery")
    assert not verify_password(digest, "wrong")
    assert not verify_password("not-a-hash", "wrong")
