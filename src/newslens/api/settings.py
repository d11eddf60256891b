"""Server settings: defaults, overridden by ``NEWSLENS_*`` environment variables or in code."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from newslens.errors import ConfigError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class ServerSettings:
    """How ``newslens serve`` behaves. Each field has an environment variable, its name upper-cased
    after ``NEWSLENS_`` (``read_token_required`` -> ``NEWSLENS_READ_TOKEN_REQUIRED``)."""

    #: reads need a token too (writes always do)
    read_token_required: bool = False
    #: the largest request body accepted, in MiB (413 above it)
    max_request_mb: float = 50.0
    #: write requests per minute and token (a token bucket); 0 turns the limit off
    rate_limit_per_minute: float = 30.0
    #: how many writes a token may make at once before the per-minute rate applies
    rate_limit_burst: int = 10
    #: where uploads wait for their job; default: a folder beside the SQLite file
    spool_dir: Path | None = None
    #: run `build` after each ingest job unless the request says otherwise
    build_after_ingest: bool = True
    #: this process runs ingest jobs (turn off on all but one server behind a balancer)
    run_jobs: bool = True
    #: how often an idle worker looks for queued jobs, in seconds
    job_poll_seconds: float = 2.0
    #: a running job whose worker has not beaten for this long is taken over (its server died)
    job_stale_seconds: float = 60.0

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> ServerSettings:
        """Defaults, then ``NEWSLENS_*`` variables, then ``overrides`` (None means: not given)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in fields(cls):
            raw = env.get(f"NEWSLENS_{field.name.upper()}")
            if raw is not None:
                values[field.name] = _parse(field.name, str(field.type), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]


def _parse(name: str, kind: str, raw: str) -> object:
    variable = f"NEWSLENS_{name.upper()}"
    text = raw.strip()
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ConfigError(f"{variable}={raw!r} is not a yes/no value; write 1 or 0")
    if kind.startswith("Path"):
        return Path(text).expanduser() if text else None
    try:
        number = int(text) if kind == "int" else float(text)
    except ValueError:
        raise ConfigError(f"{variable}={raw!r} is not a number; write e.g. 10") from None
    if number < 0:
        raise ConfigError(f"{variable}={raw!r} is negative; give 0 or more")
    return number
