"""Shared fixtures: the bundled gazetteer (loaded once) and a tiny one built in tmp_path."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from geo import Gazetteer, schema

# the real-browser harness (tests/browser.py): the session-scoped `browser` fixture
pytest_plugins = ["browser"]

_SESSION_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """The load-ready gazetteer cache (geo/_ready.py) in a folder of this session, never the
    user's: set in the environment, so the CLI's subprocesses use it too; removed at the end."""
    folder = tempfile.mkdtemp(prefix="sahel-atlas-cache-")
    _SESSION_CACHE.append(folder)
    os.environ["SAHEL_ATLAS_CACHE"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    while _SESSION_CACHE:
        shutil.rmtree(_SESSION_CACHE.pop(), ignore_errors=True)


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


def incident_row(
    incident_id: str, date: str, place: str, actor1: str, actor2: str = "", *, event_type: str = "Battles", **extra: str
) -> dict[str, str]:
    """One row of a test's incidents.csv, cited to ``doc-a``."""
    return {
        "id": incident_id,
        "date": date,
        "place": place,
        "precision": "1",
        "event_type": event_type,
        "actor1": actor1,
        "actor2": actor2,
        "sources": "doc-a",
        **extra,
    }


def write_seed_file(folder: Path, name: str, rows: list[dict[str, str]]) -> Path:
    """Write seeds file ``name`` (``incidents.csv``...) with its schema's columns."""
    columns = schema.SEED_SCHEMAS[name][0]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})
    return path


SMALL_SEEDS = {
    "sources.csv": [
        {"id": "doc-a", "kind": "document", "title": "A report", "date": "2023-04-14"},
        {
            "id": "news-2023-04-12",
            "kind": "cited",
            "title": "A <b>news</b> story",
            "date": "2023-04-12",
            "url": "https://example.org/story",
            "cited_in": "doc-a",
            "locator": "fn 1",
        },
    ],
    "actors.csv": [
        {
            "id": "isgs",
            "name": "Islamic State in the Greater Sahara",
            "aliases": "EIGS|ISIS-GS",
            "kind": "jihadist",
            "colour": "#d7301f",
        },
        {
            "id": "msa",
            "name": "Movement for the Salvation of Azawad",
            "aliases": "MSA",
            "kind": "rebel",
            "colour": "#3182bd",
        },
        {
            "id": "msa-d",
            "name": "MSA (Dawsahak faction)",
            "kind": "rebel",
            "affiliations": "part_of:msa@2016-09/..",
            "colour": "#6baed6",
        },
        {"id": "civilians", "name": "Civilians", "kind": "civilians", "colour": "#bdbdbd"},
    ],
    "incidents.csv": [
        {
            "id": "inc-2022-03-08-tamalat",
            "date": "2022-03-08",
            "place": "ml-tamalat",
            "precision": "1",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "isgs",
            "actor2": "msa",
            "fatalities_low": "300",
            "fatalities_high": "500",
            "fatalities_text": "between 300 and 500",
            "sources": "doc-a",
        },
        {
            "id": "inc-2022-03-menaka",
            "date": "2022-03",
            "place": "ml-region-menaka",
            "precision": "3",
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "isgs",
            "actor2": "civilians",
            "assoc_actors": "",
            "fatalities_low": "51",
            "displaced": "90000",
            "sources": "doc-a|news-2023-04-12",
        },
        {
            "id": "inc-2023-04-10-point",
            "date": "2023-04-10",
            "latitude": "16.5",
            "longitude": "2.5",
            "location": "somewhere north of Ménaka",
            "precision": "2",
            "event_type": "Battles",
            "actor1": "isgs",
            "sources": "news-2023-04-12",
        },
    ],
    "claims.csv": [
        {
            "id": "clm-2022-03-isgs-tamalat",
            "actor": "isgs",
            "status": "seized",
            "place": "ml-tamalat",
            "start": "2022-03-08",
            "tier": "claimed",
            "sources": "doc-a",
        },
        {
            "id": "clm-2022-msa-menaka",
            "actor": "msa",
            "status": "contests",
            "place": "ml-region-menaka",
            "start": "2022-03",
            "end": "2022-41",
            "tier": "assessed",
            "sources": "doc-a|news-2023-04-12",
        },
    ],
    "assertions.csv": [
        {
            "id": "asr-konna-mopti",
            "quantity": "distance",
            "subject": "ml-konna",
            "reference": "ml-mopti",
            "value": "40",
            "unit": "mi",
            "qualifier": "less_than",
            "statement": "Konna's distance from Mopti",
            "sources": "doc-a",
        }
    ],
}


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A small, valid seeds folder (three incidents, two claims, one assertion)."""
    folder = tmp_path / "seeds"
    for name, rows in SMALL_SEEDS.items():
        write_seed_file(folder, name, rows)
    return folder


# Text that would run or inject markup if any part of a page or report parsed it as HTML.
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"


@pytest.fixture
def hostile_seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    write_seed_file(
        folder,
        "sources.csv",
        [
            {"id": "doc-a", "kind": "document", "title": HOSTILE, "publisher": HOSTILE, "date": "2024-01-01"},
            {
                "id": "news-b",
                "kind": "cited",
                "title": "A <b>story</b>",
                "date": "2023-01-01",
                "url": 'https://example.org/?q="><script>',
                "cited_in": "doc-a",
            },
        ],
    )
    write_seed_file(folder, "actors.csv", [{"id": "evil", "name": HOSTILE, "kind": "militia", "colour": "#d7301f"}])
    write_seed_file(
        folder,
        "incidents.csv",
        [
            {
                "id": "inc-hostile",
                "date": "2022-03-08",
                "place": "ml-tamalat",
                "precision": "1",
                "event_type": "Battles",
                "actor1": "evil",
                "fatalities_low": "3",
                "sources": "doc-a|news-b",
                "note": HOSTILE + " javascript:alert(3)",
            }
        ],
    )
    write_seed_file(
        folder,
        "claims.csv",
        [
            {
                "id": "clm-hostile",
                "actor": "evil",
                "status": "controls",
                "place": "ml-tamalat",
                "start": "2022-03",
                "tier": "claimed",
                "sources": "doc-a",
                "note": HOSTILE,
            }
        ],
    )
    write_seed_file(folder, "assertions.csv", [])
    return folder
