"""ACLED's real layouts, end to end: actor-based exports merged, every column set, the API's
JSON, spreadsheet dates, territorial claims, the dataset's precision codes.

The exports are the synthetic files of ``tests/fixtures/acled`` (invented events in
ACLED's shape; see ``make_fixtures.py`` there): real ACLED data is never committed.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from datetime import date
from pathlib import Path

import pytest

from geo import schema
from geo.actors import ActorIndex
from geo.errors import InputError
from geo.imports import import_acled
from geo.imports.acled_codes import acled_claim_status, acled_date, acled_inter
from geo.imports.reader import open_rows
from geo.imports.report import write_claims, write_incidents
from geo.seeds import Seeds

FIXTURES = Path(__file__).parent / "fixtures" / "acled"
sys.path.insert(0, str(FIXTURES))
import make_fixtures  # noqa: E402

ALL_FIXTURES = sorted(make_fixtures.fixtures())


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex.from_table(Seeds.load().actors)


def run(name: str | Path, gazetteer, actors):
    return import_acled(FIXTURES / name if isinstance(name, str) else name, gazetteer=gazetteer, actors=actors)


def facts(incidents: list[dict[str, str]]) -> set[tuple]:
    """What must not depend on the layout: id, date, place, type, both actors (as a set), fatalities."""
    return {
        (
            row["id"],
            row["date"],
            row["place"],
            row["event_type"],
            row["sub_event_type"],
            frozenset(a for a in (row["actor1"], row["actor2"]) if a),
            frozenset(a for a in row["assoc_actors"].split("|") if a),
            row["fatalities_best"],
        )
        for row in incidents
    }


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]], *, bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def accounts(report) -> bool:
    return report.rows_read == report.rows_written + report.rows_rejected + report.rows_merged


# --- the fixtures -------------------------------------------------------------------------------
def test_fixtures_are_what_the_generator_writes():
    for name, text in make_fixtures.fixtures().items():
        assert (FIXTURES / name).read_bytes() == text.encode("utf-8"), f"run {FIXTURES / 'make_fixtures.py'}"
    assert (FIXTURES / "actor-based.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_every_row_is_accounted_for(name, gazetteer, actors):
    report = run(name, gazetteer, actors).report
    assert report.rows_read > 0
    assert accounts(report), report.summary()


# --- actor-based exports ------------------------------------------------------------------------
def test_actor_based_and_dyadic_give_the_same_incidents(gazetteer, actors):
    dyadic = run("dyadic-2019.csv", gazetteer, actors)
    monadic = run("actor-based.csv", gazetteer, actors)
    assert dyadic.report.rows_rejected == 0, dyadic.report.problems
    assert facts(monadic.incidents) == facts(dyadic.incidents)
    assert len(monadic.incidents) == len(dyadic.incidents) == 8
    by_id = {row["id"]: row for row in monadic.incidents}
    # two actors per two-actor event, never one lost
    assert {by_id["acled-mli90003"]["actor1"], by_id["acled-mli90003"]["actor2"]} == {"isgs", "fama"}
    assert by_id["acled-mli90003"]["assoc_actors"] == "wagner"
    # the merge rule: state forces before rebels before civilians
    assert (by_id["acled-mli90003"]["actor1"], by_id["acled-mli90003"]["actor2"]) == ("fama", "isgs")
    assert (by_id["acled-mli90001"]["actor1"], by_id["acled-mli90001"]["actor2"]) == ("jnim", "civilians")
    assert (by_id["acled-mli90007"]["actor1"], by_id["acled-mli90007"]["actor2"]) == ("protesters", "")


def test_actor_based_report(gazetteer, actors):
    report = run("actor-based.csv", gazetteer, actors).report
    # 14 rows: 5 two-actor events (10 rows), 3 one-actor events, and one row written twice
    assert (report.rows_read, report.rows_written, report.rows_rejected, report.rows_merged) == (14, 8, 1, 5)
    assert report.events_merged == 5
    summary = report.summary()
    assert "14 rows read = 8 written + 1 rejected + 5 merged" in summary
    assert "actor-based export: one row per actor, no actor2 column" in summary
    assert "5 events written from several rows" in summary
    (repeat,) = report.problems
    assert (repeat.line, repeat.column, repeat.value) == (15, "event_id_cnty", "MLI90003")
    assert "duplicate event id (first on line 10)" in repeat.message


def test_dyadic_layout_is_named(gazetteer, actors):
    report = run("dyadic-2019.csv", gazetteer, actors).report
    assert "dyadic export: one row per event" in report.summary()
    assert report.rows_merged == 0 and "merged" not in report.summary().splitlines()[0]


def test_merged_incident_says_so(gazetteer, actors):
    by_id = {row["id"]: row for row in run("actor-based.csv", gazetteer, actors).incidents}
    assert "Merged from 2 rows of an actor-based ACLED export" in by_id["acled-mli90003"]["note"]
    assert "clashed with soldiers" in by_id["acled-mli90003"]["note"]
    assert by_id["acled-mli90003"]["note"].count("clashed with soldiers") == 1  # the same notes once
    assert "Merged" not in by_id["acled-mli90006"]["note"]  # a one-actor event: one row


def test_fatalities_are_counted_once(gazetteer, actors):
    dyadic = run("dyadic-2019.csv", gazetteer, actors).incidents
    monadic = run("actor-based.csv", gazetteer, actors).incidents
    total = sum(int(row["fatalities_best"]) for row in monadic)
    assert total == sum(int(row["fatalities_best"]) for row in dyadic) == 25
    assert {row["id"]: row["fatalities_best"] for row in monadic}["acled-mli90003"] == "12"


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_row_order_does_not_change_the_result(seed, tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "actor-based.csv")
    reference = run("actor-based.csv", gazetteer, actors)
    random.Random(seed).shuffle(rows)
    shuffled = run(write_rows(tmp_path / "shuffled.csv", header, rows), gazetteer, actors)

    def key(row: dict[str, str]) -> str:
        return row["id"]

    assert sorted(shuffled.incidents, key=key) == sorted(reference.incidents, key=key)
    assert sorted(shuffled.claims, key=key) == sorted(reference.claims, key=key)
    report = shuffled.report
    assert (report.rows_written, report.rows_rejected, report.rows_merged) == (8, 1, 5)


def test_rows_that_disagree_are_reported_not_merged(tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "actor-based.csv")
    rows = rows[:-1]  # without the repeated row
    lines = [i + 2 for i, row in enumerate(rows) if row["event_id_cnty"] == "MLI90003"]
    rows[lines[1] - 2]["fatalities"] = "13"
    result = run(write_rows(tmp_path / "a.csv", header, rows), gazetteer, actors)
    assert "acled-mli90003" not in {row["id"] for row in result.incidents}
    report = result.report
    assert sorted(report.rejected_lines) == lines
    assert {(p.line, p.column) for p in report.problems} == {(line, "fatalities") for line in lines}
    message = report.problems[0].message
    assert "disagree on fatalities" in message and "12 on line" in message and "13 on line" in message
    assert (report.rows_read, report.rows_written, report.rows_rejected, report.rows_merged) == (13, 7, 2, 4)


def test_an_event_is_imported_whole_or_not_at_all(tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "actor-based.csv")
    rows = rows[:-1]
    index = next(i for i, row in enumerate(rows) if row["event_id_cnty"] == "MLI90005")
    rows[index]["latitude"] = "abc"
    report = run(write_rows(tmp_path / "a.csv", header, rows), gazetteer, actors).report
    assert len(report.rejected_lines) == 2
    other = next(p for p in report.problems if p.line != index + 2)
    assert f"line {index + 2}" in other.message and "whole or not at all" in other.message
    assert accounts(report)


def test_three_actors_for_one_event_are_refused(tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "actor-based.csv")
    rows = rows[:-1]
    third = dict(next(row for row in rows if row["event_id_cnty"] == "MLI90003"))
    third.update(actor1="Wagner Group", inter1="8", assoc_actor_1="")
    rows.append(third)
    report = run(write_rows(tmp_path / "a.csv", header, rows), gazetteer, actors).report
    assert len(report.rejected_lines) == 3
    assert "3 different actors" in report.problems[0].message
    assert accounts(report)


def test_different_event_ids_stay_different_events(gazetteer, actors):
    # MLI90001 (4 executed) and MLI90002 (1 man killed): one day, one place, one dyad
    for name in ("dyadic-2019.csv", "actor-based.csv"):
        douentza = [row for row in run(name, gazetteer, actors).incidents if row["date"] == "2020-07-22"]
        assert sorted((row["id"], row["fatalities_best"]) for row in douentza) == [
            ("acled-mli90001", "4"),
            ("acled-mli90002", "1"),
        ]


def test_repeated_ids_in_a_dyadic_file_with_the_actors_swapped_are_merged(tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "dyadic-2019.csv")
    event = next(row for row in rows if row["event_id_cnty"] == "MLI90003")
    swapped = {
        **event,
        "actor1": event["actor2"],
        "assoc_actor_1": event["assoc_actor_2"],
        "inter1": event["inter2"],
        "actor2": event["actor1"],
        "assoc_actor_2": event["assoc_actor_1"],
        "inter2": event["inter1"],
    }
    result = run(write_rows(tmp_path / "a.csv", header, [*rows, swapped]), gazetteer, actors)
    assert facts(result.incidents) == facts(run("dyadic-2019.csv", gazetteer, actors).incidents)
    assert "event ids repeated" in result.report.layout
    assert (result.report.rows_merged, result.report.rows_rejected) == (1, 0)


# --- column sets and the API's JSON --------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "columns", "count"),
    [
        ("pre-2019.csv", "columns before 2019", 3),
        ("dyadic-2019.csv", "columns of 2019 to March 2023", 8),
        ("dyadic-2023.csv", "columns since March 2023", 3),
        ("api-2023.json", "columns since March 2023; API JSON", 3),
    ],
)
def test_each_column_set_imports(name, columns, count, gazetteer, actors):
    result = run(name, gazetteer, actors)
    assert result.report.rows_rejected == 0, result.report.problems
    assert len(result.incidents) == count
    assert columns in result.report.layout
    assert all(list(row) == list(schema.INCIDENT_COLUMNS) for row in result.incidents)


def test_text_inter_codes(gazetteer, actors):
    by_id = {row["id"]: row for row in run("dyadic-2023.csv", gazetteer, actors).incidents}
    assert (by_id["acled-mli92002"]["actor1"], by_id["acled-mli92002"]["actor2"]) == ("wagner", "civilians")
    texts = ("State forces", "rebel group", "External/Other forces", "7", "7.0", "?")
    assert [acled_inter(text) for text in texts] == ["1", "2", "8", "7", "7", ""]


def test_pre_2019_types(gazetteer, actors):
    by_id = {row["id"]: row for row in run("pre-2019.csv", gazetteer, actors).incidents}
    assert (by_id["acled-mli10001"]["event_type"], by_id["acled-mli10001"]["sub_event_type"]) == (
        "Battles",
        "Non-state actor overtakes territory",
    )
    assert by_id["acled-mli10003"]["event_type"] == "Riots"
    assert by_id["acled-mli10002"]["date"] == "2016-01"


def test_json_equals_csv(gazetteer, actors):
    from_json = run("api-2023.json", gazetteer, actors)
    from_csv = run("dyadic-2023.csv", gazetteer, actors)
    assert from_json.incidents == from_csv.incidents
    assert from_json.claims == from_csv.claims
    assert "API JSON" in from_json.report.layout and "CSV" in from_csv.report.layout


def test_json_records_are_named_as_records(tmp_path, gazetteer, actors):
    answer = json.loads((FIXTURES / "api-2023.json").read_text(encoding="utf-8"))
    answer["data"].append(dict(answer["data"][0]))  # record 4 repeats record 1
    answer["data"][1]["event_date"] = "2024-02-30"  # record 2: no such day
    path = tmp_path / "export.txt"  # not named .json: the content says it
    path.write_text(json.dumps(answer), encoding="utf-8")
    report = run(path, gazetteer, actors).report
    assert {(p.line, p.column) for p in report.problems} == {(2, "event_date"), (4, "event_id_cnty")}
    repeat = next(p for p in report.problems if p.line == 4)
    assert "first on record 1" in repeat.message


def test_open_rows_reads_json_for_any_dataset(tmp_path):
    path = tmp_path / "ged.json"
    path.write_text(json.dumps([{"ID": 4242, "best": 12, "side_b": None}, {"id": "4243", "best": "3"}, 7]))
    header, rows = open_rows(path, dataset="UCDP GED", required=("id", "best"))
    assert header == ("id", "best", "side_b")
    first, second, third = rows
    assert (first.line, first.unit, first.where, first["id"], first["best"], first["side_b"]) == (
        1,
        "record",
        "record 1",
        "4242",
        "12",
        "",
    )
    assert (second["id"], second.shape) == ("4243", "")
    assert third.where == "record 3" and "not an object" in third.shape


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"status": 200, "success": true, "data": [', "not valid JSON"),
        ('{"success": false, "error": {"status": 403, "message": "Access denied"}}', "answered with an error"),
        ('{"status": 200}', "without 'data'"),
        ('{"data": [{"name": "x"}]}', "required column(s) missing: event_id_cnty"),
        ("   ", "is empty"),
    ],
)
def test_bad_json_is_refused(tmp_path, text, message, gazetteer, actors):
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        run(path, gazetteer, actors)
    assert message in str(info.value)


def test_json_without_records_has_no_rows(tmp_path, gazetteer, actors):
    path = tmp_path / "export.json"
    path.write_text('{"status": 200, "success": true, "count": 0, "data": []}', encoding="utf-8")
    result = run(path, gazetteer, actors)
    assert (result.incidents, result.report.rows_read) == ([], 0)


# --- dates ---------------------------------------------------------------------------------------
def test_spreadsheet_dates_are_read_with_the_year_column(gazetteer, actors):
    resaved = run("spreadsheet-dates.csv", gazetteer, actors)
    assert resaved.report.rows_rejected == 0, resaved.report.problems
    assert resaved.incidents == run("dyadic-2019.csv", gazetteer, actors).incidents
    assert acled_date("8-Mar-22", "2022") == date(2022, 3, 8)
    assert acled_date("16-Feb-21", "2021") == date(2021, 2, 16)


def test_two_digit_years_without_a_year_column_are_refused(gazetteer, actors):
    report = run("spreadsheet-no-year.csv", gazetteer, actors).report
    assert report.rows_written == 0 and report.rows_rejected == 8
    problem = report.problems[0]
    assert (problem.line, problem.column, problem.value) == (2, "event_date", "22-Jul-20")
    assert "two-digit year" in problem.message and "no year column" in problem.message
    assert "export the file from ACLED again" in problem.fix


def test_two_digit_year_that_the_year_column_contradicts(tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "spreadsheet-dates.csv")
    rows[2]["year"] = "2021"  # 8-Mar-22
    report = run(write_rows(tmp_path / "a.csv", header, rows), gazetteer, actors).report
    (problem,) = report.problems
    assert problem.line == 4 and "does not settle" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-03-08T00:00:00", date(2022, 3, 8)),
        ("2022-03-08T00:00:00Z", date(2022, 3, 8)),
        ("08-03-2022", date(2022, 3, 8)),
        ("3/8/2022", date(2022, 8, 3)),  # day first, always, as ACLED writes it
        ("3/25/2022", None),
    ],
)
def test_dates_are_read_day_first(text, expected):
    assert acled_date(text) == expected


def test_month_first_dates_are_explained(tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "dyadic-2019.csv")
    rows[0]["event_date"] = "7/22/2020"
    report = run(write_rows(tmp_path / "a.csv", header, rows), gazetteer, actors).report
    (problem,) = report.problems
    assert "day first" in problem.message and "month first" in problem.message


# --- territorial claims --------------------------------------------------------------------------
def test_territorial_sub_events_give_claims(gazetteer, actors):
    result = run("dyadic-2019.csv", gazetteer, actors)
    claims = {claim["id"]: claim for claim in result.claims}
    assert sorted(claims) == ["clm-acled-mli90004", "clm-acled-mli90005", "clm-acled-mli90006"]
    assert all(list(claim) == list(schema.CLAIM_COLUMNS) for claim in result.claims)
    overtaken = claims["clm-acled-mli90004"]
    assert (overtaken["actor"], overtaken["status"], overtaken["place"], overtaken["start"]) == (
        "jnim",
        "seized",
        "ml-gao",
        "2022-06-08/2022-06-14",  # the incident's date (precision 2: the week)
    )
    assert (overtaken["tier"], overtaken["sources"], overtaken["end"]) == ("claimed", "acled", "")
    assert "MLI90004" in overtaken["note"]
    assert (claims["clm-acled-mli90005"]["actor"], claims["clm-acled-mli90005"]["status"]) == ("fama", "seized")
    assert (claims["clm-acled-mli90006"]["actor"], claims["clm-acled-mli90006"]["status"]) == ("isgs", "controls")
    # MLI90008: a base at a place the gazetteer does not know: no claim, and the report says so
    (skipped,) = result.report.claims_skipped
    assert "MLI90008" in skipped.message and "no gazetteer place" in skipped.message
    assert skipped in result.report.entries()
    assert "claims: 3 made from territorial sub-events; 1 not made" in result.report.summary()
    pre_2019 = run("pre-2019.csv", gazetteer, actors).claims
    assert [(c["id"], c["actor"], c["status"], c["place"]) for c in pre_2019] == [
        ("clm-acled-mli10001", "mnla", "seized", "ml-gao")
    ]


def test_actor_based_exports_give_the_same_claims(gazetteer, actors):
    def key(claim: dict[str, str]) -> str:
        return claim["id"]

    dyadic = run("dyadic-2019.csv", gazetteer, actors)
    monadic = run("actor-based.csv", gazetteer, actors)
    assert sorted(monadic.claims, key=key) == sorted(dyadic.claims, key=key)


def test_a_transfer_between_two_merged_actors_gives_no_claim(tmp_path, gazetteer, actors):
    header, rows = read_rows(FIXTURES / "actor-based.csv")
    for row in rows:
        if row["event_id_cnty"] == "MLI90004":
            row.update(event_type="Strategic developments", sub_event_type="Non-violent transfer of territory")
    result = run(write_rows(tmp_path / "a.csv", header, rows), gazetteer, actors)
    assert "clm-acled-mli90004" not in {claim["id"] for claim in result.claims}
    assert any("MLI90004" in e.message and "received" in e.message for e in result.report.claims_skipped)
    assert acled_claim_status("Non-violent transfer of territory") == "seized"


# --- precision codes -----------------------------------------------------------------------------
def test_precision_codes_are_kept(gazetteer, actors):
    by_id = {row["id"]: row for row in run("dyadic-2019.csv", gazetteer, actors).incidents}
    assert (by_id["acled-mli90004"]["geo_precision_code"], by_id["acled-mli90004"]["time_precision_code"]) == (
        "1",
        "2",
    )
    assert (by_id["acled-mli90008"]["geo_precision_code"], by_id["acled-mli90008"]["time_precision_code"]) == (
        "2",
        "3",
    )
    assert schema.INCIDENT_COLUMNS[-2:] == ("geo_precision_code", "time_precision_code")


def test_precision_codes_reach_the_frames_and_the_export(tmp_path, gazetteer, actors):
    from geo.cli import main
    from geo.records import load_records

    result = run("dyadic-2023.csv", gazetteer, actors)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write_incidents(result.incidents, seeds / schema.INCIDENTS_FILE)
    write_claims(result.claims, seeds / schema.CLAIMS_FILE)
    records = load_records(seeds, gazetteer=gazetteer)
    frame = records.incidents.set_index("id")
    assert frame.loc["acled-mli92001", "geo_precision_code"] == "1"
    assert frame.loc["acled-mli92001", "time_precision_code"] == "1"
    assert list(records.claims["id"]) == ["clm-acled-mli92003"]
    out = tmp_path / "out"
    assert main(["export", "--seeds", str(seeds), "--format", "csv", "--layers", "incidents", "--out", str(out)]) == 0
    (exported,) = out.glob("incidents*.csv")
    _, rows = read_rows(exported)
    assert {row["geo_precision_code"] for row in rows} == {"1"}


def test_a_precision_code_outside_1_to_7_is_refused(tmp_path, gazetteer, actors):
    from geo.validate import validate_seeds

    result = run("dyadic-2023.csv", gazetteer, actors)
    result.incidents[0]["geo_precision_code"] = "9"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write_incidents(result.incidents, seeds / schema.INCIDENTS_FILE)
    problems = validate_seeds(Seeds.load(seeds), gazetteer)
    assert [(p.column, p.value) for p in problems if "precision_code" in p.column] == [("geo_precision_code", "9")]
