"""From an ACLED-like export to stats with no repair: every total equals an independent count.

A seeded, synthetic export (ACLED's column set, real places of Mali and Niger, dated
names, actors the atlas does not know, precision 1 and 2) goes through ``geo import``,
``geo validate --incidents`` and ``geo stats --incidents``. The independent count reads
the raw file with the csv module and places each point with geopandas' ``sjoin`` against
the shipped region outlines valid on its day: events and deaths per region and year, per
month and per actor must be the same, except incidents ``geo stats`` reports as unplaced.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from geo.cli import main

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip
# (location, admin1, admin2, lat, lon, iso, country): towns of the gazetteer, ACLED's spelling
PLACES = [
    ("Menaka", "Menaka", "Menaka", 15.9182, 2.4022, "466", "Mali"),
    ("Gao", "Gao", "Gao", 16.2717, -0.0447, "466", "Mali"),
    ("Douentza", "Mopti", "Douentza", 15.0016, -2.9498, "466", "Mali"),
    ("Mopti", "Mopti", "Mopti", 14.4843, -4.1827, "466", "Mali"),
    ("Timbuktu", "Timbuktu", "Timbuktu", 16.7735, -3.0074, "466", "Mali"),
    ("Kidal", "Kidal", "Kidal", 18.4411, 1.4078, "466", "Mali"),
    ("Segou", "Segou", "Segou", 13.4317, -6.2157, "466", "Mali"),
    ("Ansongo", "Gao", "Ansongo", 15.6597, 0.5022, "466", "Mali"),
    ("Tillaberi", "Tillaberi", "Tillaberi", 14.2117, 1.4531, "562", "Niger"),
]
# (name, inter code): curated names, a dated name, and names the atlas does not know
ACTORS = [
    ("JNIM: Group for Support of Islam and Muslims", "2"),
    ("Islamic State (Greater Sahara)", "2"),
    ("Military Forces of Mali (2021-)", "1"),
    ("Dozo Communal Group (Mali)", "4"),
    ("Militia (Students)", "3"),
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
]


def synthetic_export(path: Path, rows: int = 240, seed: int = 11) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for number in range(rows):
            location, admin1, admin2, lat, lon, iso, country = rng.choice(PLACES)
            day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365))
            (actor1, inter1), (actor2, inter2) = rng.sample(ACTORS, 2)
            if rng.random() < 0.3:
                actor2, inter2 = f"Civilians ({country})", "7"
            event_type, sub_event_type = rng.choice(TYPES)
            writer.writerow(
                {
                    "event_id_cnty": f"{'MLI' if iso == '466' else 'NIG'}{70000 + number}",
                    "event_date": day.isoformat(),
                    "year": str(day.year),
                    "time_precision": rng.choice("112"),
                    "disorder_type": "Political violence",
                    "event_type": event_type,
                    "sub_event_type": sub_event_type,
                    "actor1": actor1,
                    "inter1": inter1,
                    "actor2": actor2,
                    "inter2": inter2,
                    "iso": iso,
                    "region": "Western Africa",
                    "country": country,
                    "admin1": admin1,
                    "admin2": admin2,
                    "location": location,
                    "latitude": f"{lat + rng.uniform(-0.01, 0.01):.4f}",
                    "longitude": f"{lon + rng.uniform(-0.01, 0.01):.4f}",
                    "geo_precision": rng.choice("112"),
                    "source": "Invented source",
                    "notes": f"Invented event number {number}.",
                    "fatalities": str(rng.choice([0, 0, 1, 2, 3, 5, 8, 13])),
                    "timestamp": "1700000000",
                }
            )
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("real-data")
    export = synthetic_export(folder / "acled.csv")
    out = folder / "my" / "incidents.csv"
    assert main(["import", "acled", str(export), "--out", str(out)]) == 0
    return export, out


def stats_rows(capsys, out: Path, *args: str) -> tuple[list[dict], list[dict]]:
    capsys.readouterr()
    assert main(["stats", "--incidents", str(out), *args, "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return [r for r in lines if not r["unplaced"]], [r for r in lines if r["unplaced"]]


def raw_rows(export: Path) -> list[dict]:
    with export.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_import_validates_with_no_repair(imported, capsys):
    _, out = imported
    assert (out.parent / "actors.csv").is_file(), "the actors the atlas does not know are written beside"
    assert main(["validate", "--incidents", str(out)]) == 0, capsys.readouterr().err


def test_events_and_deaths_per_month_equal_the_raw_file(imported, capsys):
    export, out = imported
    rows, unplaced = stats_rows(capsys, out, "--by", "country", "--every", "month")
    assert unplaced == []
    got_events, got_deaths = Counter(), Counter()
    for row in rows:
        got_events[row["start"][:7]] += row["incidents"]
        got_deaths[row["start"][:7]] += row["fatalities_best"] or 0
    raw = raw_rows(export)
    assert got_events == Counter(r["event_date"][:7] for r in raw)
    want_deaths = Counter()
    for r in raw:
        want_deaths[r["event_date"][:7]] += int(r["fatalities"])
    assert +got_deaths == +want_deaths


def test_events_and_deaths_per_actor_equal_the_raw_file(imported, capsys):
    export, out = imported
    rows, _ = stats_rows(capsys, out, "--by", "actor", "--every", "year")
    got = Counter()
    for row in rows:
        got[(row["unit"], row["start"][:4])] += row["incidents"]
    # the ids the import gives each name: curated actors (by the alias table or an
    # alias), and new actors named after ACLED's names
    ids = {
        "JNIM: Group for Support of Islam and Muslims": "jnim",
        "Islamic State (Greater Sahara)": "isgs",
        "Military Forces of Mali (2021-)": "fama",
        "Civilians (Mali)": "civilians",
        "Civilians (Niger)": "civilians",
        "Dozo Communal Group (Mali)": "dozo-communal-group-mali",
        "Militia (Students)": "militia-students",
    }
    want = Counter()
    for r in raw_rows(export):
        for actor in {ids[r["actor1"]], ids[r["actor2"]]}:
            want[(actor, r["event_date"][:4])] += 1
    assert got == want


def test_events_and_deaths_per_region_and_year_equal_an_independent_count(imported, capsys):
    import geopandas

    export, out = imported
    rows, unplaced = stats_rows(capsys, out, "--by", "region", "--every", "year")
    got = {(r["unit"], r["start"][:4]): (r["incidents"], r["fatalities_best"] or 0) for r in rows}
    raw = raw_rows(export)
    points = geopandas.GeoDataFrame(
        {"day": [r["event_date"] for r in raw], "deaths": [int(r["fatalities"]) for r in raw]},
        geometry=geopandas.points_from_xy([float(r["longitude"]) for r in raw], [float(r["latitude"]) for r in raw]),
        crs="EPSG:4326",
    )
    areas = geopandas.read_file(io.StringIO((ROOT / "gazetteer" / "areas.geojson").read_text(encoding="utf-8")))
    regions = areas[areas["kind"] == "region"]
    joined = geopandas.sjoin(points, regions, predicate="within")
    starts = joined["valid_from"].fillna("").replace("", "0001-01-01")
    ends = joined["valid_to"].fillna("").replace("", "9998-12-31")
    valid = (starts <= joined["day"]) & (joined["day"] <= ends)
    joined = joined[valid]
    want: dict[tuple[str, str], tuple[int, int]] = {}
    for (unit, year), group in joined.groupby([joined["id"], joined["day"].str[:4]]):
        want[(unit, year)] = (len(group), int(group["deaths"].sum()))
    assert len(joined) + len(unplaced) == len(raw)
    assert got == want
