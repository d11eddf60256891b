"""Registries of named plugins (readers, stages), extendable through entry points.

``readers["csv"]`` returns the CSV reader; a package can add one by declaring an entry point in
the group ``newslens.readers`` without editing newslens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from newslens.errors import NewslensError

T = TypeVar("T")


class Registry(Generic[T]):
    """A name -> object mapping that loads entry-point plugins lazily on first lookup."""

    def __init__(self, kind: str, entry_point_group: str) -> None:
        self.kind = kind
        self.entry_point_group = entry_point_group
        self._items: dict[str, T] = {}
        self._entry_points_loaded = False

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: ``@readers.register("csv")``."""

        def add(item: T) -> T:
            self._items[name] = item
            return item

        return add

    def add(self, name: str, item: T) -> None:
        self._items[name] = item

    def _load_entry_points(self) -> None:
        if self._entry_points_loaded:
            return
        self._entry_points_loaded = True
        for ep in entry_points(group=self.entry_point_group):
            if ep.name not in self._items:
                self._items[ep.name] = ep.load()

    def __getitem__(self, name: str) -> T:
        self._load_entry_points()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items))
            raise NewslensError(
                f"no {self.kind} named {name!r}; known {self.kind}s: {known}. "
                f"Check the spelling, or install the plugin that provides it."
            ) from None

    def __contains__(self, name: object) -> bool:
        self._load_entry_points()
        return name in self._items

    def names(self) -> list[str]:
        self._load_entry_points()
        return sorted(self._items)

    def items(self) -> Iterator[tuple[str, T]]:
        self._load_entry_points()
        yield from sorted(self._items.items())
