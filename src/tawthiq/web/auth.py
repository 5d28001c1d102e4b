"""Users, passwords, signed session cookies, CSRF tokens and login rate limiting.

Passwords are hashed with argon2 (argon2-cffi). The session is a cookie signed
with itsdangerous; it carries the user id, a fingerprint of the password hash
(so changing a password ends old sessions) and the CSRF synchroniser token
that every write must echo back (form field ``csrf_token`` or header
``X-CSRF-Token``).
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import TawthiqError
from ..paths import home
from ..store.schema import UserRow

log = logging.getLogger(__name__)

ROLES: tuple[str, ...] = ("viewer", "reviewer", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
SECRET_ENV = "TAWTHIQ_SECRET_KEY"
SECRET_FILE = "secret_key"
SESSION_COOKIE = "tawthiq_session"
SESSION_MAX_AGE = 12 * 3600
MIN_PASSWORD_LENGTH = 8


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def password_fingerprint(password_hash: str) -> str:
    """A short tag of the current hash: a password change invalidates old sessions."""
    return password_hash[-12:]


def load_secret_key() -> str:
    """``$TAWTHIQ_SECRET_KEY``, else a key generated once into ``$TAWTHIQ_HOME/secret_key`` (0600)."""
    env = os.environ.get(SECRET_ENV)
    if env:
        if len(env) < 16:
            raise TawthiqError("T400", f"{SECRET_ENV} is too short (need at least 16 characters)")
        return env
    path = home() / SECRET_FILE
    if path.exists():
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            raise TawthiqError("T400", f"{path} must be readable by its owner only (chmod 600), has {mode:o}")
        key = path.read_text(encoding="utf-8").strip()
        if len(key) < 16:
            raise TawthiqError("T400", f"{path} holds no usable key; delete it to generate a new one")
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return load_secret_key()
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(key + "\n")
    log.info("generated a new session key in %s", path)
    return key


# ---------------------------------------------------------------- users


def check_role(role: str) -> str:
    if role not in ROLES:
        raise TawthiqError("T400", f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    return role


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise TawthiqError("T400", f"password too short: at least {MIN_PASSWORD_LENGTH} characters")


def add_user(session: Session, username: str, password: str, role: str) -> UserRow:
    username = username.strip()
    if not username or len(username) > 128:
        raise TawthiqError("T400", "user name must be 1-128 characters")
    check_role(role)
    check_password_strength(password)
    if session.scalar(select(UserRow).where(UserRow.username == username)) is not None:
        raise TawthiqError("T400", f"user {username!r} already exists")
    user = UserRow(username=username, password_hash=hash_password(password), role=role, active=True)
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> UserRow:
    user = get_user(session, username)
    check_password_strength(password)
    user.password_hash = hash_password(password)
    return user


def set_role(session: Session, username: str, role: str) -> UserRow:
    user = get_user(session, username)
    user.role = check_role(role)
    return user


def get_user(session: Session, username: str) -> UserRow:
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        raise TawthiqError("T400", f"no user {username!r}")
    return user


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        # Spend the same time as a real check so user names cannot be probed by timing.
        verify_password(_DUMMY_HASH.get(), password)
        return None
    if not user.active or not verify_password(user.password_hash, password):
        return None
    return user


class _LazyDummyHash:
    def __init__(self) -> None:
        self._value: str | None = None

    def get(self) -> str:
        if self._value is None:
            self._value = hash_password(secrets.token_hex(8))
        return self._value


_DUMMY_HASH = _LazyDummyHash()


# ---------------------------------------------------------------- sessions


@dataclass
class SessionData:
    """What the signed cookie holds."""

    csrf: str
    uid: int | None = None
    pwf: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"csrf": self.csrf, "uid": self.uid, "pwf": self.pwf}


class SessionCodec:
    """Signs and reads session cookies (itsdangerous, with a max age)."""

    def __init__(self, secret_key: str, max_age: int = SESSION_MAX_AGE) -> None:
        from itsdangerous import URLSafeTimedSerializer

        self._serializer = URLSafeTimedSerializer(secret_key, salt="tawthiq-session")
        self.max_age = max_age

    def dumps(self, data: SessionData) -> str:
        return self._serializer.dumps(data.to_dict())

    def loads(self, cookie: str | None) -> SessionData | None:
        from itsdangerous import BadSignature

        if not cookie:
            return None
        try:
            raw = self._serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("csrf"), str):
            return None
        uid = raw.get("uid")
        return SessionData(csrf=raw["csrf"], uid=uid if isinstance(uid, int) else None, pwf=raw.get("pwf"))


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


# ---------------------------------------------------------------- rate limiting


@dataclass
class LoginRateLimiter:
    """At most ``max_failures`` failed logins per (username, client IP) within ``window`` seconds."""

    max_failures: int = 5
    window: float = 60.0
    _failures: dict[tuple[str, str], deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def retry_after(self, username: str, ip: str) -> int:
        """Seconds to wait before another attempt is allowed (0 = allowed now)."""
        now = time.monotonic()
        with self._lock:
            times = self._recent((username.lower(), ip), now)
            if len(times) < self.max_failures:
                return 0
            return max(1, int(self.window - (now - times[0])) + 1)

    def failed(self, username: str, ip: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent((username.lower(), ip), now).append(now)
            if len(self._failures) > 10_000:  # bound memory under a spray of names
                for key in [k for k, v in self._failures.items() if not v]:
                    del self._failures[key]

    def succeeded(self, username: str, ip: str) -> None:
        with self._lock:
            self._failures.pop((username.lower(), ip), None)


def secret_key_path() -> Path:
    return home() / SECRET_FILE
