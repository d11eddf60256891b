"""Who may call: bearer tokens for writes (and for reads when the setting asks), and a token
bucket per token that limits how fast one client may write."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from fastapi import Request

from newslens.api.errors import ApiError
from newslens.api.settings import ServerSettings
from newslens.api.tokens import verify_token
from newslens.store import Store
from newslens.store.server import ApiToken

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """A token bucket per key: ``burst`` requests at once, refilled at ``per_minute``."""

    def __init__(self, per_minute: float, burst: int) -> None:
        self.per_second = per_minute / 60.0
        self.burst = max(1, burst)
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 when a request may go now, else the seconds until it may."""
        if self.per_second <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.setdefault(key, _Bucket(float(self.burst), now))
            bucket.tokens = min(
                float(self.burst), bucket.tokens + (now - bucket.updated) * self.per_second
            )
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.per_second


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else ""


def authenticate(request: Request) -> ApiToken:
    """The active token the request carries; 401 when it carries none or a bad one."""
    store: Store = request.app.state.store
    plain = _bearer(request)
    if plain is None:
        raise ApiError(
            401,
            "token_required",
            "this request needs an API token: send 'Authorization: Bearer <token>'; "
            "create one with `newslens token create`",
            _CHALLENGE,
        )
    token = verify_token(store, plain) if plain else None
    if token is None:
        raise ApiError(
            401,
            "invalid_token",
            "the API token is unknown, malformed or revoked; create a new one with "
            "`newslens token create` and see `newslens token list`",
            _CHALLENGE,
        )
    return token


def require_read(request: Request) -> None:
    """Reads are open unless ``read_token_required`` is set."""
    settings: ServerSettings = request.app.state.settings
    if settings.read_token_required:
        authenticate(request)


def require_write(request: Request) -> ApiToken:
    """Writes need a token and stay within the token's rate."""
    token = authenticate(request)
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.take(token.id)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise ApiError(
            429,
            "rate_limited",
            f"too many writes with token {token.id}; retry in {seconds} s (the limit is "
            "NEWSLENS_RATE_LIMIT_PER_MINUTE per token)",
            {"Retry-After": str(seconds)},
        )
    request.app.state.store.touch_token(token.id)
    return token
