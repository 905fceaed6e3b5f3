"""Shared fixtures: the bundled gazetteer (loaded once) and a tiny one built in tmp_path."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo import Gazetteer, schema


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def write_places(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write a places.csv with the curated columns (missing cells empty)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=schema.PLACE_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in schema.PLACE_COLUMNS})
    return path


TINY_PLACES = [
    {
        "id": "ml-alpha",
        "name": "Alpha",
        "variants": "Alfa|Al-Pha",
        "kind": "town",
        "lat": "15.0",
        "lon": "1.0",
        "uncertainty_km": "2",
        "country": "ML",
        "admin1": "Gao",
        "admin2": "Ansongo",
        "coord_source": "estimate",
    },
    {
        "id": "ml-beta-north",
        "name": "Beta",
        "kind": "village",
        "lat": "17.0",
        "lon": "1.0",
        "uncertainty_km": "2",
        "country": "ML",
        "admin1": "Kidal",
        "coord_source": "estimate",
    },
    {
        "id": "ml-beta-south",
        "name": "Beta",
        "kind": "village",
        "lat": "13.0",
        "lon": "-5.0",
        "uncertainty_km": "2",
        "country": "ML",
        "admin1": "Ségou",
        "coord_source": "estimate",
    },
    {
        "id": "ne-gamma",
        "name": "Gamma",
        "kind": "well",
        "lat": "15.0",
        "lon": "4.0",
        "uncertainty_km": "1",
        "country": "NE",
        "coord_source": "estimate",
    },
]


@pytest.fixture
def tiny(tmp_path: Path) -> Gazetteer:
    """A four-place gazetteer with no areas and no reference tier."""
    write_places(tmp_path / "tiny" / "places.csv", TINY_PLACES)
    return Gazetteer.load(tmp_path / "tiny")
