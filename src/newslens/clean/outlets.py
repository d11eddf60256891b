"""The outlet registry: every TOML file in ``data/outlets/`` (``[[outlet]]`` tables).

Lookups by domain (subdomains and ``www.`` stripped), by alias or name (case-insensitive), and for
wire copies republished under an outlet's own domain (``wire_paths``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newslens.clean.lexicon import data_path, load_toml
from newslens.errors import ConfigError


@dataclass(frozen=True)
class Outlet:
    """One registered outlet."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    state_media: bool = False
    kind: str | None = None
    wire_paths: tuple[tuple[str, str], ...] = ()


def _alias_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w&]+", " ", name.casefold()).split())


class OutletRegistry:
    """Outlets by domain and alias."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets = tuple(outlets)
        self._by_domain: dict[str, Outlet] = {}
        self._by_alias: dict[str, Outlet] = {}
        for outlet in outlets:
            for domain in outlet.domains:
                self._by_domain.setdefault(domain.lower().removeprefix("www."), outlet)
            for alias in (outlet.name, *outlet.aliases):
                self._by_alias.setdefault(_alias_key(alias), outlet)

    @classmethod
    def load(cls, folder: Path | None = None) -> OutletRegistry:
        """Load every ``*.toml`` in ``folder`` (default: the package's ``data/outlets``)."""
        folder = folder or data_path("outlets")
        outlets: list[Outlet] = []
        for path in sorted(folder.glob("*.toml")):
            for entry in load_toml(path).get("outlet", []):
                if "name" not in entry:
                    raise ConfigError(f"an [[outlet]] in {path} has no name. Add `name = ...`.")
                outlets.append(
                    Outlet(
                        name=str(entry["name"]),
                        domains=tuple(entry.get("domains", ())),
                        aliases=tuple(entry.get("aliases", ())),
                        country=entry.get("country"),
                        state_media=bool(entry.get("state_media", False)),
                        kind=entry.get("kind"),
                        wire_paths=tuple(sorted(entry.get("wire_paths", {}).items())),
                    )
                )
        return cls(outlets)

    def by_name(self, name: str) -> Outlet | None:
        """The outlet whose name or alias is ``name`` (case and punctuation insensitive)."""
        return self._by_alias.get(_alias_key(name))

    def by_domain(self, host: str) -> Outlet | None:
        """The outlet owning ``host``, trying the host and then each parent domain."""
        parts = host.lower().strip(".").removeprefix("www.").split(".")
        for start in range(len(parts) - 1):
            outlet = self._by_domain.get(".".join(parts[start:]))
            if outlet:
                return outlet
        return None

    def from_url(self, url: str) -> tuple[str | None, str | None]:
        """``(outlet, original_outlet)`` for a URL; the original is set for wire paths."""
        try:
            parts = urlsplit(url if "//" in url else f"//{url}")
        except ValueError:
            return None, None
        outlet = self.by_domain(parts.hostname or "")
        if outlet is None:
            return None, None
        path = parts.path.strip("/").lower()
        for prefix, wire in outlet.wire_paths:
            prefix = prefix.strip("/").lower()
            if path == prefix or path.startswith(prefix + "/"):
                return outlet.name, self.canonical(wire)
        return outlet.name, None

    def canonical(self, name: str) -> str:
        """The registry's display name for ``name``, or ``name`` itself when unknown."""
        outlet = self.by_name(name)
        return outlet.name if outlet else name.strip()
