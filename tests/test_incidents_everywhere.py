"""Records extend the bundled ones, every command reads ``--incidents FILE``, and
duplicates across datasets are a list to review, never a problem."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from geo import schema
from geo._resources import bundled_dir
from geo.cli import build_parser, main
from geo.seeds import Seeds
from geo.validate import likely_duplicates, validate_seeds

MENAKA = ("15.9182", "2.4022")


def write_rows(path: Path, columns, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def incident(record_id: str, **cells: str) -> dict[str, str]:
    row = {
        "id": record_id,
        "date": "2022-03-08",
        "place": "ml-menaka",
        "latitude": MENAKA[0],
        "longitude": MENAKA[1],
        "precision": "1",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "isgs",
        "actor2": "civilians",
        "fatalities_best": "4",
        "sources": "acled",
        "note": "Armed men attacked a village.",
    }
    row.update(cells)
    return row


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """An incidents file as geo import writes it, with a new actor in actors.csv beside it."""
    folder = tmp_path / "my"
    folder.mkdir()
    write_rows(
        folder / "actors.csv",
        schema.ACTOR_COLUMNS,
        [
            {
                "id": "dozo-communal-group-mali",
                "name": "Dozo Communal Group (Mali)",
                "kind": "militia",
                "colour": "#542788",
            }
        ],
    )
    return write_rows(
        folder / "incidents.csv",
        schema.INCIDENT_COLUMNS,
        [
            incident("acled-mli1"),
            incident("acled-mli2", date="2022-03-20", actor1="dozo-communal-group-mali", actor2="civilians"),
            incident(
                "acled-mli3", date="2022-06-01", event_type="Battles", sub_event_type="Armed clash", actor2="fama"
            ),
        ],
    )


# --- records extend, never replace --------------------------------------------------------
def test_a_folders_actors_extend_the_bundled_ones(tmp_path, gazetteer):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("incidents.csv", "claims.csv", "assertions.csv"):
        shutil.copy(bundled_dir("seeds") / name, folder / name)
    write_rows(
        folder / "actors.csv",
        schema.ACTOR_COLUMNS,
        [
            {"id": "my-militia", "name": "My militia", "kind": "militia", "colour": "#123456"},
            {
                "id": "wagner",
                "name": "Africa Corps",
                "aliases": "Wagner",
                "kind": "private_military",
                "colour": "#000000",
            },
        ],
    )
    seeds = Seeds.load(folder)
    ids = [row["id"] for row in seeds.actors]
    assert ids[:2] == ["my-militia", "wagner"]  # the folder's rows first
    assert "isgs" in ids and ids.count("wagner") == 1  # the bundled ones after, the folder's wagner wins
    assert seeds.actors.replaced == ("wagner",)
    assert next(row for row in seeds.actors if row["id"] == "wagner")["name"] == "Africa Corps"
    assert validate_seeds(seeds, gazetteer) == []
    # a problem in a bundled row would name the bundled file; one in the folder's, the folder's
    bad = write_rows(
        folder / "actors.csv", schema.ACTOR_COLUMNS, [{"id": "Bad Id", "name": "x", "kind": "militia", "colour": "#1"}]
    )
    problems = [str(p) for p in validate_seeds(Seeds.load(folder), gazetteer)]
    assert problems and all(p.startswith(f"{bad}:2:") for p in problems)


def test_actors_beside_an_incidents_file_extend_the_records(imported, gazetteer):
    seeds = Seeds.load().with_incidents(imported)
    ids = [row["id"] for row in seeds.actors]
    assert ids[0] == "dozo-communal-group-mali" and "isgs" in ids
    assert validate_seeds(seeds, gazetteer) == []
    # without the file beside it, the new actor is unknown, and the problem names the user's file
    (imported.parent / "actors.csv").unlink()
    problems = validate_seeds(Seeds.load().with_incidents(imported), gazetteer)
    assert [p.value for p in problems] == ["dozo-communal-group-mali"]
    assert problems[0].path == str(imported)


def test_the_bundled_incidents_given_as_a_file_do_not_double_the_actors():
    seeds = Seeds.load().with_incidents(bundled_dir("seeds") / "incidents.csv")
    assert len(seeds.actors) == len(Seeds.load().actors)


# --- --incidents everywhere -----------------------------------------------------------------
def commands(incidents: Path, tmp: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate"],
        "stats": ["stats", "--by", "country"],
        "export": ["export", "--layers", "incidents", "--format", "csv", "--out", str(tmp / "export")],
        "timeline": ["timeline", "isgs", "--from", "2022-01", "--to", "2022-06", "--every", "quarter"],
        "area": ["area", "isgs", "--at", "2022-06-30", "--zone", "activity"],
        "check": ["check"],
        "map": ["map", "--out", str(tmp / "map.html")],
    }


@pytest.mark.parametrize("command", ["validate", "stats", "export", "timeline", "area", "check", "map"])
def test_every_command_reads_an_incidents_file(imported, tmp_path, command, capsys):
    argv = commands(imported, tmp_path)[command]
    status = main([*argv, "--incidents", str(imported)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    if command == "export":
        text = (tmp_path / "export" / "incidents.csv").read_text(encoding="utf-8")
        assert "acled-mli2" in text and "inc-2022-03-08" not in text
    if command == "stats":
        assert "ML" in captured.out or "Mali" in captured.out


@pytest.mark.parametrize("command", ["validate", "stats", "export", "timeline", "area", "check", "map"])
def test_an_invalid_incidents_file_is_named(imported, tmp_path, command, capsys):
    with imported.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[1]["actor1"] = "nobody-we-know"
    write_rows(imported, schema.INCIDENT_COLUMNS, rows)
    status = main([*commands(imported, tmp_path)[command], "--incidents", str(imported)])
    err = capsys.readouterr().err
    assert status == 1
    assert str(imported) in err and "nobody-we-know" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--out", "r.html"],
        ["snapshot", "--at", "2022-03-31", "--out", "s.png"],
        ["chart", "isgs", "--out", "c.svg"],
        ["map", "--out", "m.html"],
        ["stats"],
        ["export"],
        ["timeline", "isgs"],
        ["area", "isgs"],
        ["check"],
        ["validate"],
    ],
)
def test_every_command_that_reads_records_takes_incidents(argv):
    args = build_parser().parse_args([*argv, "--incidents", "x.csv"])
    assert Path(args.incidents) == Path("x.csv")


# --- duplicates ----------------------------------------------------------------------------
def test_two_acled_events_same_day_place_and_dyad_are_valid(tmp_path, gazetteer, capsys):
    path = write_rows(
        tmp_path / "incidents.csv",
        schema.INCIDENT_COLUMNS,
        [incident("acled-mli1"), incident("acled-mli2"), incident("acled-mli3", note="Armed men attacked a village.")],
    )
    assert validate_seeds(Seeds.load().with_incidents(path), gazetteer) == []
    assert main(["validate", "--incidents", str(path)]) == 0


def test_curated_duplicates_still_block(tmp_path, gazetteer):
    path = write_rows(
        tmp_path / "incidents.csv",
        schema.INCIDENT_COLUMNS,
        [incident("inc-a", sources="acled"), incident("inc-b", sources="acled", fatalities_best="5")],
    )
    problems = validate_seeds(Seeds.load().with_incidents(path), gazetteer)
    assert [p.message for p in problems] == [
        "likely the same incident as line 2 (same date, place, event_type, actor1, actor2 and a common source)"
    ]


def test_a_pair_across_datasets_is_listed_not_blocking(tmp_path, gazetteer, capsys):
    path = write_rows(
        tmp_path / "incidents.csv",
        schema.INCIDENT_COLUMNS,
        [
            incident("acled-mli1"),
            # UCDP's report of the same event: a day later, 2 km away, same perpetrator
            incident("ucdp-501", date="2022-03-09", latitude="15.93", longitude="2.42", sources="ucdp-ged"),
            # far away: not a pair
            incident("ucdp-502", date="2022-03-08", place="", latitude="14.35", longitude="-3.61", sources="ucdp-ged"),
            # same place and day, no actor in common: not a pair
            incident("ucdp-503", actor1="jnim", actor2="fama", sources="ucdp-ged"),
        ],
    )
    seeds = Seeds.load().with_incidents(path)
    assert validate_seeds(seeds, gazetteer) == []
    pairs = likely_duplicates(seeds, gazetteer)
    assert [(p.a, p.b, p.days_apart, p.shared_actors) for p in pairs] == [
        ("acled-mli1", "ucdp-501", 0, ("civilians", "isgs"))
    ] or [(p.a, p.b) for p in pairs] == [("acled-mli1", "ucdp-501")]
    assert pairs[0].km_apart < 5
    out = tmp_path / "pairs.csv"
    assert main(["validate", "--incidents", str(path), "--duplicates", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 pair(s) of incidents of different datasets are likely one event" in err
    with out.open(encoding="utf-8", newline="") as handle:
        listed = list(csv.DictReader(handle))
    assert [(row["id_a"], row["id_b"], row["dataset_a"], row["dataset_b"]) for row in listed] == [
        ("acled-mli1", "ucdp-501", "acled", "ucdp")
    ]
