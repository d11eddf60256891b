"""The country tables (``data/gazetteer/countries*.tsv``), shared by the stages that read them.

The language stage indexes them into its gazetteer (``nlp/gazetteer.py``); the event coder reads
the demonyms and capitals from them for its nationality fallback (``events/coder_nationals.py``).
A stage never imports another stage, so the file format and the lookup key live here, shared.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "gazetteer"


@dataclass(frozen=True)
class CountryRow:
    """One row of a country table; the lists are its |-separated fields."""

    alpha3: str
    alpha2: str
    name: str
    names: tuple[str, ...]
    capitals: tuple[str, ...]
    demonyms: tuple[str, ...]
    seats: tuple[str, ...]
    sovereign: str  # the alpha-3 of the sovereign state of a dependency, else ""


def strip_accents(text: str) -> str:
    """``text`` without combining marks, curly apostrophes straightened, whitespace collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split()) if " " in text or "\n" in text or "\t" in text else text


def fold(text: str) -> str:
    """The lookup key of a surface: lowercase, without diacritics, straight apostrophes."""
    return strip_accents(text).lower()


def country_files(base: Path = DATA_DIR) -> list[Path]:
    """``countries.tsv`` and the extra tables that extend it (the demo's fictional states)."""
    return [base / "countries.tsv", *sorted(base.glob("countries_*.tsv"))]


def read_countries(path: Path) -> list[CountryRow]:
    """The rows of one country table, comments skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alpha3, alpha2, name, names, capitals, demonyms, seats, sovereign = (
            line.split("\t") + [""] * 8
        )[:8]
        rows.append(
            CountryRow(
                alpha3, alpha2, name, _split(names), _split(capitals), _split(demonyms),
                _split(seats), sovereign.strip(),
            )
        )  # fmt: skip
    return rows


def organisation_seats(path: Path = DATA_DIR / "organisations.tsv") -> dict[str, str]:
    """Folded seat -> organisation id, from the ``seats`` column (the 7th) of the organisation
    table: the places whose name stands for the organisation ("Brussels": the EU)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields = (line.split("\t") + [""] * 7)[:7]
            out.update({fold(seat): fields[0].strip() for seat in _split(fields[6])})
    return out


def _split(field_text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in field_text.split("|") if item.strip())
