"""API tokens: made at random, shown once, stored as a salted SHA-256 hash.

A token reads ``nl_<id>_<secret>``: the id finds the stored row in one lookup, the secret is
checked against its hash. The secret carries 256 random bits, so a fast hash is enough; slow
password hashes (scrypt) guard low-entropy secrets people choose, which tokens are not.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from newslens.store import Store
from newslens.store.server import ApiToken

PREFIX = "nl"
_SHAPE = re.compile(r"nl_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})")


@dataclass(frozen=True)
class NewToken:
    """A token just created: the stored row and the plain token (never stored)."""

    token: ApiToken
    plain: str


def hash_secret(salt: str, secret: str) -> str:
    """The stored form of a secret: SHA-256 over the per-token salt and the secret."""
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def create_token(store: Store, name: str) -> NewToken:
    """Store a new token (hashed) and return it with its plain form, to show once."""
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    stored = store.add_token(token_id, name, salt, hash_secret(salt, secret))
    return NewToken(stored, f"{PREFIX}_{token_id}_{secret}")


def verify_token(store: Store, plain: str) -> ApiToken | None:
    """The active stored token ``plain`` is, or None (unknown, malformed, revoked, wrong)."""
    match = _SHAPE.fullmatch(plain.strip())
    if match is None:
        return None
    token_id, secret = match.groups()
    stored = store.get_token(token_id)
    if stored is None or not stored.active:
        return None
    # constant-time comparison: no timing hints about how much of a guess was right
    if not hmac.compare_digest(stored.hash, hash_secret(stored.salt, secret)):
        return None
    return stored
