"""An analyst's own table of incidents (``geo.imports.table``, ``geo import csv``).

The fixtures (tests/fixtures/table, see its README.md) are synthetic.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import schema
from geo.actors import Actor, ActorIndex
from geo.errors import InputError
from geo.imports.table import import_table
from geo.imports.table_values import table_date, table_event_type, table_slug

FIXTURES = Path(__file__).parent / "fixtures" / "table"
ENGLISH = FIXTURES / "incidents_en.csv"
FRENCH = FIXTURES / "incidents_fr.csv"
MAPPED = FIXTURES / "incidents_mapped.csv"
MAP = {"date": "When", "place": "Site", "admin2": "Circle"}


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex(
        [
            Actor("jnim", "JNIM", "jihadist", "#123456"),
            Actor("fama", "Malian Armed Forces", "state", "#123456", ("FAMa",)),
            Actor("civilians", "Civilians", "civilians", "#123456", ("Civils",)),
        ]
    )


def read(path: Path, gazetteer, actors, **options):
    result = import_table(path, gazetteer=gazetteer, actors=actors, **options)
    report = result.report
    assert report.rows_read == report.rows_written + report.rows_rejected
    assert sorted(report.rejected_lines) == sorted({p.line for p in report.problems})
    return result


def by_id(result) -> dict[str, dict[str, str]]:
    return {row[schema.ID]: row for row in result.incidents}


def test_english_headers_found_by_name(gazetteer, actors):
    result = read(ENGLISH, gazetteer, actors)
    report = result.report
    assert (report.rows_read, report.rows_written, report.rows_rejected) == (7, 5, 2)
    # every rejected row is named with its line, column and value
    assert {(p.line, p.column, p.value) for p in report.problems} == {(5, "date", "03/18/2022"), (7, "location", "")}
    rows = by_id(result)
    assert list(rows) == [f"csv-incidents-en-{line}" for line in (2, 3, 4, 6, 8)]
    menaka = rows["csv-incidents-en-2"]
    assert (menaka["date"], menaka["place"], menaka["precision"]) == ("2022-03-08", "ml-menaka", "1")
    assert (menaka["event_type"], menaka["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (menaka["actor1"], menaka["actor2"], menaka["fatalities_best"]) == ("jnim", "civilians", "4")
    assert menaka["sources"] == "csv-incidents-en"
    assert "(source: https://example.org/report-1)" in menaka["note"]
    gao = rows["csv-incidents-en-3"]  # no coordinates: geocoded by name with its context
    assert (gao["date"], gao["place"], gao["latitude"], gao["event_type"]) == ("2022-03-08", "ml-gao", "", "Battles")
    assert (gao["fatalities_best"], gao["fatalities_low"]) == ("10", "")  # "about 10"
    djibo = rows["csv-incidents-en-4"]
    assert (djibo["date"], djibo["place"], djibo["actor1"]) == ("2022-03-10", "gn-2361177", "unidentified")
    assert (djibo["fatalities_low"], djibo["fatalities_best"], djibo["fatalities_high"]) == ("10", "", "15")
    assert (djibo["event_type"], djibo["sub_event_type"]) == schema_default()
    point = rows["csv-incidents-en-6"]  # coordinates only
    assert (point["place"], point["latitude"], point["longitude"], point["precision"]) == ("", "14.78", "-1.4", "1")
    assert rows["csv-incidents-en-8"]["date"] == "2022-03"  # EDTF kept as given
    assert "rows without an event type, typed Strategic developments / Other: 1 row" in report.summary()


def schema_default() -> tuple[str, str]:
    from geo.imports.table import TABLE_DEFAULT_EVENT_TYPE

    return TABLE_DEFAULT_EVENT_TYPE


def test_french_headers_semicolons_and_dates(gazetteer, actors):
    result = read(FRENCH, gazetteer, actors)
    report = result.report
    assert (report.rows_read, report.rows_written, report.rows_rejected) == (4, 3, 1)
    [problem] = report.problems
    assert (problem.line, problem.column, problem.value) == (5, "date", "31 févr. 2022")
    rows = by_id(result)
    menaka, boulkessi, gao = rows.values()
    assert (menaka["date"], menaka["place"], menaka["sub_event_type"]) == ("2022-03-08", "ml-menaka", "Attack")
    assert (boulkessi["date"], boulkessi["place"], boulkessi["event_type"]) == (
        "2022-04-01",
        "ml-boulikessi",
        "Battles",
    )
    assert (boulkessi["actor1"], boulkessi["actor2"], boulkessi["fatalities_best"]) == ("jnim", "fama", "12")
    assert (gao["date"], gao["place"], gao["actor1"]) == ("2022-05-15", "ml-gao", "unidentified")
    assert "région" in report.layout and "admin1=région" in report.summary()


def test_a_column_map_names_the_columns(gazetteer, actors):
    result = read(MAPPED, gazetteer, actors, columns={**MAP, "actor1": "Who"})
    assert result.report.rows_rejected == 0
    djibo, menaka = result.incidents
    assert (djibo["id"], djibo["date"], djibo["place"], djibo["fatalities_best"]) == (
        "csv-incidents-mapped-2",
        "2022-05-26",
        "gn-2361177",
        "4",
    )
    assert djibo["actor1"] == "jnim"
    assert (menaka["place"], menaka["actor1"]) == ("ml-menaka", "unidentified")
    # without the actor column mapped, it is named as not read
    partial = read(MAPPED, gazetteer, actors, columns=MAP)
    assert any("column(s) not read: who" in w.message for w in partial.report.warnings)


def test_an_unknown_layout_says_what_was_expected_and_found(gazetteer, actors):
    with pytest.raises(InputError) as caught:
        import_table(MAPPED, gazetteer=gazetteer, actors=actors)
    message = str(caught.value)
    assert "expected a date column (date, event_date, day, jour)" in message
    assert "a place column (place, location, village, town" in message
    assert "latitude and longitude columns" in message
    assert "found: when, site, circle, killed, who" in message
    assert "--columns" in message


@pytest.mark.parametrize(
    ("columns", "said"),
    [
        ({"when": "When"}, "'when' is not a field"),
        ({"date": "Jour"}, "has no column 'Jour' (found: when, site, circle, killed, who)"),
    ],
)
def test_a_bad_column_map_is_refused(gazetteer, actors, columns, said):
    with pytest.raises(InputError, match="--columns") as caught:
        import_table(MAPPED, columns=columns, gazetteer=gazetteer, actors=actors)
    assert said in str(caught.value)


def test_ids_from_an_id_column_and_duplicates(tmp_path, gazetteer, actors):
    table = tmp_path / "Relevé Gao 2022.csv"
    table.write_text("ID,Date,Town\nA 1,2022-03-08,Gao\nA 1,2022-03-09,Gao\nB/2,2022-03-10,Gao\n", encoding="utf-8")
    result = read(table, gazetteer, actors)
    assert [row["id"] for row in result.incidents] == ["csv-releve-gao-2022-a-1", "csv-releve-gao-2022-b-2"]
    [problem] = result.report.problems
    assert (problem.line, problem.column, problem.value) == (3, "id", "A 1")
    assert "duplicate id (first on line 2)" in problem.message


def test_defaults_given_by_the_caller_and_precision(tmp_path, gazetteer, actors):
    table = tmp_path / "areas.csv"
    table.write_text(
        "date,place,country,deaths\n2022-03-08,Mali,Mali,over 20\n2022-03-09,Gao,Mali,some\n", encoding="utf-8"
    )
    result = read(table, gazetteer, actors, event_type="Violence against civilians", source_id="my-notes")
    country, town = result.incidents
    assert (country["place"], country["precision"], country["fatalities_low"]) == ("ml", "3", "21")
    assert (town["place"], town["precision"], town["fatalities_text"]) == ("ml-gao", "1", "some")
    assert {row["event_type"] for row in result.incidents} == {"Violence against civilians"}
    assert {row["sources"] for row in result.incidents} == {"my-notes"}
    with pytest.raises(InputError, match="not an event type"):
        import_table(table, gazetteer=gazetteer, actors=actors, event_type="picnic")


def test_unresolved_and_bad_values_are_reported(tmp_path, gazetteer, actors):
    table = tmp_path / "bad.csv"
    table.write_text(
        "date,place,lat,lon,type,precision\n"
        "2022-03-08,Nowhereville,,,Attack,\n"  # 2: kept, its place reported
        "2022-03-08,Gao,91,2,Attack,\n"  # 3: latitude out of range
        "2022-03-08,Gao,,,picnic,\n"  # 4: not an event type
        "2022-03-08,Gao,,,Attack,4\n"  # 5: not a precision
        "44628,Gao,,,Attack,\n",  # 6: a spreadsheet's day number
        encoding="utf-8",
    )
    result = read(table, gazetteer, actors)
    assert (result.report.rows_written, result.report.rows_rejected) == (1, 4)
    assert {(p.line, p.column) for p in result.report.problems} == {
        (3, "lat"),
        (4, "type"),
        (5, "precision"),
        (6, "date"),
    }
    [unresolved] = result.report.unresolved_places.values()
    assert (unresolved.line, unresolved.value, unresolved.rows) == (2, "Nowhereville", 1)
    assert result.incidents[0]["place"] == ""


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("2022-03-08", "2022-03-08"),
        ("2022-03-08 00:00:00", "2022-03-08"),
        ("08/03/2022", "2022-03-08"),
        ("8-3-2022", "2022-03-08"),
        ("08.03.2022", "2022-03-08"),
        ("13/03/2022", "2022-03-13"),
        ("2022/03/08", "2022-03-08"),
        ("8 March 2022", "2022-03-08"),
        ("8-Mar-2022", "2022-03-08"),
        ("March 8, 2022", "2022-03-08"),
        ("8 mars 2022", "2022-03-08"),
        ("1er août 2022", "2022-08-01"),
        ("8 févr. 2022", "2022-02-08"),
        ("8 DÉCEMBRE 2022", "2022-12-08"),
        ("mars 2022", "2022-03"),
        ("2022", "2022"),
        ("2022-03~", "2022-03~"),
        ("2022-06-18/2022-06-20", "2022-06-18/2022-06-20"),
    ],
)
def test_table_dates(text, edtf):
    assert table_date(text) == edtf


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("03/18/2022", "can only be month first"),
        ("08/03/22", "two-digit year"),
        ("44628", "day number"),
        ("32/01/2022", "not a day of the calendar"),
        ("yesterday", "not a date"),
        ("", "no date"),
    ],
)
def test_table_dates_refused(text, said):
    with pytest.raises(InputError, match=said):
        table_date(text)


def test_event_types_and_slugs():
    assert table_event_type("Armed clash") == ("Battles", "Armed clash")
    assert table_event_type("explosions/remote violence") == ("Explosions/Remote violence", "")
    assert table_event_type("IED") == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert table_slug("  ") == ""


# --- the options of an import as text, and the files it writes (geo.imports.options) ----


def test_parse_columns_reads_field_equals_header_and_names_the_bad_item():
    from geo.imports import parse_columns

    assert parse_columns(" date = Date ,place=Village,admin2=Cercle") == {
        "date": "Date",
        "place": "Village",
        "admin2": "Cercle",
    }
    assert parse_columns(None) == {}
    for text, part in (("date=Date,place", "place"), ("=Date", "=Date"), ("date=", "date=")):
        with pytest.raises(InputError) as raised:
            parse_columns(text)
        assert str(raised.value) == (
            f"--columns {text!r}: {part!r} is not FIELD=HEADER; write e.g. --columns date=Date,place=Village"
        )
    with pytest.raises(InputError, match=r"^columns 'x': 'x' is not FIELD=HEADER; write e\.g\. columns date="):
        parse_columns("x", option="columns")


def test_plan_outputs_names_the_files_beside_out_and_refuses_clashes(tmp_path: Path):
    from geo.imports import BESIDE_FILES, plan_outputs

    export = tmp_path / "acled.csv"
    export.write_text("event_id_cnty\n", encoding="utf-8")
    out = tmp_path / "mine" / "incidents.csv"
    plan = plan_outputs(out, source=export, what="ACLED export", report=tmp_path / "report.csv")
    assert plan.out == out and plan.report == tmp_path / "report.csv"
    assert list(plan.beside) == list(BESIDE_FILES) == ["actors.csv", "claims.csv", "sources.csv"]
    assert all(path == out.parent / name for name, path in plan.beside.items())
    with pytest.raises(InputError, match=r"^--out .*acled\.csv is the input ACLED export .*: writing it would destroy"):
        plan_outputs(export, source=export, what="ACLED export")
    with pytest.raises(InputError, match=r"^--report "):
        plan_outputs(out, source=export, report=out.parent / "claims.csv")
    # the export itself named actors.csv beside --out: refused under that name
    beside = tmp_path / "actors.csv"
    beside.write_text("id\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^actors\.csv beside --out "):
        plan_outputs(tmp_path / "incidents.csv", source=beside)
