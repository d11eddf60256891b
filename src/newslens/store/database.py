"""Engines and migrations: SQLite (WAL) by default, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

from newslens.errors import MigrationError, StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers (a server, a search) run while an ingest writes; NORMAL sync is safe in WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with the settings newslens relies on."""
    try:
        if url.startswith("sqlite"):
            path = url.split(":///", 1)[-1]
            if path and path != ":memory:":
                parent = Path(path).parent
                if not parent.exists():
                    raise StoreError(
                        f"cannot create the database {path}: folder {parent} does not exist; "
                        f"create it or choose another --db path"
                    )
            engine = sa.create_engine(url)
            sa.event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return sa.create_engine(url, pool_pre_ping=True)
    except sa.exc.ArgumentError as exc:
        raise StoreError(
            f"database URL {url!r} is not valid ({exc}); check --db or NEWSLENS_DB"
        ) from exc


def alembic_config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (every schema change goes through a migration)."""
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    except sa.exc.OperationalError as exc:
        raise StoreError(
            f"cannot reach the database {engine.url.render_as_string(hide_password=True)}: "
            f"{exc.orig}; check that the server runs and --db is right"
        ) from exc
    except sa.exc.SQLAlchemyError as exc:
        raise MigrationError(
            f"migrating {engine.url.render_as_string(hide_password=True)} failed: {exc}; "
            f"restore a backup or report the bug with this message"
        ) from exc


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (used by tests to prove migrations are reversible)."""
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
