"""Settings: where the store lives, read from ``--db`` or ``NEWSLENS_DB``.

A value with ``://`` is an SQLAlchemy URL (``postgresql+psycopg://user@host:5432/db``);
anything else is a path to an SQLite file (default ``./newslens.db``).
"""

from __future__ import annotations

import os
from pathlib import Path

from newslens.errors import ConfigError

DEFAULT_DB = "newslens.db"
ENV_DB = "NEWSLENS_DB"


def database_url(value: str | None = None) -> str:
    """Turn a ``--db`` value (path or URL, or None for the environment/default) into a URL."""
    raw = value or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" in raw:
        if raw.startswith("postgres://") or raw.startswith("postgresql://"):
            # psycopg 3 is the driver we ship; the bare scheme would ask for psycopg2.
            raw = "postgresql+psycopg://" + raw.split("://", 1)[1]
        if not (raw.startswith("sqlite") or raw.startswith("postgresql+psycopg")):
            raise ConfigError(
                f"database URL {raw!r} is not supported: use a path for SQLite or "
                f"postgresql+psycopg://user@host:5432/db for PostgreSQL"
            )
        return raw
    path = Path(raw).expanduser()
    if path.exists() and path.is_dir():
        raise ConfigError(
            f"--db {raw!r} is a directory; give a file path such as {raw}/newslens.db"
        )
    return f"sqlite:///{path.resolve()}"
