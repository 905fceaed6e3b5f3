"""``geo.imports`` and ``geo import``: ACLED (old and new column sets) and UCDP GED exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo import schema
from geo.actors import ActorIndex
from geo.cli import main
from geo.imports import acled_event_type, import_acled, import_ucdp, ucdp_place_name
from geo.seeds import Seeds

MENAKA = ("15.9182", "2.4022")  # ml-menaka
TESSIT = ("15.21667", "0.3")  # ml-tessit
GAO = ("16.27", "-0.04")  # 264 km from Ménaka

ACTORS = [
    {
        "id": "isgs",
        "name": "Islamic State Sahel Province",
        "aliases": "Islamic State (Sahel)|Islamic State (Greater Sahara)|IS Sahel|ISGS",
        "kind": "jihadist",
    },
    {"id": "jnim", "name": "JNIM", "aliases": "Group for Support of Islam and Muslims", "kind": "jihadist"},
    {"id": "fama", "name": "Malian Armed Forces", "aliases": "Military Forces of Mali|FAMa", "kind": "state"},
    {"id": "wagner", "name": "Wagner Group", "kind": "private_military"},
    {"id": "civilians", "name": "Civilians", "kind": "civilians"},
    {"id": "rioters", "name": "Rioters", "kind": "civilians"},
    {"id": "protesters", "name": "Protesters", "kind": "civilians"},
]

NEW_HEADER = list(schema.ACLED_EXPORT_COLUMNS)
OLD_HEADER = [
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "timestamp",
    "iso3",
]
UCDP_HEADER = [
    "id",
    "relid",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_name",
    "side_a",
    "side_b",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
]


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in header})
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def acled_row(event_id: str, **cells: str) -> dict[str, str]:
    """A plausible new-style ACLED row at Ménaka; ``cells`` override."""
    row = {
        "event_id_cnty": event_id,
        "event_date": "2022-03-08",
        "year": "2022",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Islamic State (Sahel)",
        "inter1": "2",
        "actor2": "Civilians (Mali)",
        "iso": "466",
        "region": "Western Africa",
        "country": "Mali",
        "admin1": "Menaka",
        "admin2": "Menaka",
        "location": "Menaka",
        "latitude": MENAKA[0],
        "longitude": MENAKA[1],
        "geo_precision": "1",
        "source": "Local Source; Twitter",
        "notes": "On 8 March 2022, armed men attacked a village.",
        "fatalities": "4",
    }
    row.update(cells)
    return row


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    write_csv(
        folder / schema.ACTORS_FILE,
        list(schema.ACTOR_COLUMNS),
        [{**actor, "colour": "#123456"} for actor in ACTORS],
    )
    return folder


@pytest.fixture
def actors(seeds_dir: Path) -> ActorIndex:
    return ActorIndex.from_table(Seeds.load(seeds_dir).actors)


@pytest.fixture
def new_export(tmp_path: Path) -> Path:
    rows = [
        acled_row("MLI1"),  # line 2
        acled_row(  # line 3
            "MLI2",
            time_precision="2",
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="Military Forces of Mali (2021-)",
            assoc_actor_1="Wagner Group; Unknown Militia X",
            actor2="JNIM: Group for Support of Islam and Muslims",
            admin1="Gao",
            admin2="Ansongo",
            location="Tessit",
            latitude=TESSIT[0],
            longitude=TESSIT[1],
            geo_precision="2",
            fatalities="0",
        ),
        acled_row("MLI3", time_precision="3", latitude=GAO[0], longitude=GAO[1]),  # line 4: disagreement
        acled_row("MLI4", event_date="2022-02-30"),  # line 5: no such day
        acled_row("MLI5", latitude="abc"),  # line 6: bad coordinate
        acled_row("MLI1"),  # line 7: duplicate of line 2
        acled_row("MLI6", event_type="Battle royale"),  # line 8: unknown event type
        acled_row("MLI7", location="Xyzzyqwv Qqq", admin1="", admin2=""),  # line 9: no such place
    ]
    return write_csv(tmp_path / "acled-new.csv", NEW_HEADER, rows)


# --- ACLED, new column set ---------------------------------------------------------------------
def test_acled_new_values_are_mapped(new_export, gazetteer, actors):
    result = import_acled(new_export, gazetteer=gazetteer, actors=actors)
    by_id = {row["id"]: row for row in result.incidents}
    assert list(by_id) == ["acled-mli1", "acled-mli2", "acled-mli3", "acled-mli7"]
    first = by_id["acled-mli1"]
    assert list(first) == list(schema.INCIDENT_COLUMNS)
    assert first["date"] == "2022-03-08"
    assert first["place"] == "ml-menaka"
    assert (first["latitude"], first["longitude"]) == MENAKA
    assert first["precision"] == "1"
    assert (first["event_type"], first["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (first["actor1"], first["actor2"], first["assoc_actors"]) == ("isgs", "civilians", "")
    assert (first["fatalities_low"], first["fatalities_best"], first["fatalities_high"]) == ("", "4", "")
    assert first["sources"] == "acled"
    assert "armed men attacked a village" in first["note"] and "Local Source; Twitter" in first["note"]

    second = by_id["acled-mli2"]
    assert second["date"] == "2022-03-05/2022-03-11"  # precision 2: the week around the coded day
    assert second["place"] == "ml-tessit"
    assert second["precision"] == "2"
    assert (second["actor1"], second["actor2"]) == ("fama", "jnim")
    assert second["assoc_actors"] == "wagner|unknown-militia-x"  # an unknown name: a new actor
    assert second["fatalities_best"] == "0"

    third = by_id["acled-mli3"]
    assert third["date"] == "2022-03"  # precision 3: the month
    assert third["place"] == ""  # 264 km from the gazetteer's Ménaka
    assert (third["latitude"], third["longitude"]) == GAO


def test_acled_report_accounts_for_every_row(new_export, gazetteer, actors):
    report = import_acled(new_export, gazetteer=gazetteer, actors=actors).report
    assert report.rows_read == 8
    assert report.rows_written == 4
    assert report.rows_rejected == 4
    assert report.rows_read == report.rows_written + report.rows_rejected
    rejected = {(p.line, p.column) for p in report.problems}
    assert rejected == {(5, "event_date"), (6, "latitude"), (7, "event_id_cnty"), (8, "event_type")}
    duplicate = next(p for p in report.problems if p.line == 7)
    assert "first on line 2" in duplicate.message and duplicate.path == str(new_export)
    bad_date = next(p for p in report.problems if p.line == 5)
    assert bad_date.value == "2022-02-30" and bad_date.fix

    entries = report.entries()
    kinds = {(e.kind, e.line, e.column, e.value) for e in entries}
    assert (schema.UNRESOLVED_ACTOR, 3, "assoc_actor_1", "Unknown Militia X") in kinds
    assert (schema.DISAGREEMENT, 4, "location", "Menaka") in kinds
    assert (schema.UNRESOLVED_PLACE, 9, "location", "Xyzzyqwv Qqq") in kinds
    disagreement = next(e for e in entries if e.kind == schema.DISAGREEMENT)
    assert "Ménaka [ml-menaka]" in disagreement.message
    km = float(disagreement.message.split(" km from")[0].rsplit(" ", 1)[1])
    assert 255 < km < 275
    assert report.places_resolved == 2
    summary = report.summary()
    assert "8 rows read = 4 written + 4 rejected" in summary


def test_progress_and_bad_bytes(tmp_path, gazetteer, actors, monkeypatch):
    import geo.imports.job

    monkeypatch.setattr(geo.imports.job, "PROGRESS_EVERY", 2)
    export = write_csv(tmp_path / "a.csv", NEW_HEADER, [acled_row(f"MLI{i}") for i in range(5)])
    data = export.read_bytes().replace(b"armed men", b"armed \xe9 men", 1)  # Latin-1 on line 2
    export.write_bytes(data)
    calls: list[int] = []
    report = import_acled(export, gazetteer=gazetteer, actors=actors, progress=calls.append).report
    assert calls == [2, 4]
    assert (report.rows_read, report.rows_written, report.rows_rejected) == (5, 4, 1)
    (problem,) = report.problems
    assert (problem.line, problem.column) == (2, "notes") and "UTF-8" in problem.message


def test_unresolved_actor_counted_once_per_name(tmp_path, gazetteer, actors):
    rows = [acled_row(f"MLI{i}", actor2="Nobody We Know") for i in range(3)]
    export = write_csv(tmp_path / "a.csv", NEW_HEADER, rows)
    report = import_acled(export, gazetteer=gazetteer, actors=actors).report
    (entry,) = [e for e in report.entries() if e.kind == schema.UNRESOLVED_ACTOR]
    assert (entry.line, entry.column, entry.value) == (2, "actor2", "Nobody We Know")
    assert "3 rows" in entry.message


def test_ambiguous_name_is_settled_by_the_point(tmp_path, gazetteer, actors):
    rows = [
        acled_row("MLI1", location="Dioura", admin1="", admin2="", latitude="14.83", longitude="-5.25"),
        acled_row("MLI2", location="Dioura", admin1="", admin2="", latitude="14.31", longitude="-9.86"),
        acled_row("MLI3", location="Dioura", admin1="", admin2="", latitude="13.0", longitude="-7.0"),
    ]
    result = import_acled(write_csv(tmp_path / "a.csv", NEW_HEADER, rows), gazetteer=gazetteer, actors=actors)
    assert [row["place"] for row in result.incidents] == ["gn-2458636", "gn-2458637", ""]
    (entry,) = [e for e in result.report.entries() if e.kind == schema.UNRESOLVED_PLACE]
    assert entry.line == 4 and "ambiguous" in entry.message and "1 row," in entry.message


# --- ACLED, old column set -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("event_type", "inter1", "expected"),
    [
        ("Battle-No change of territory", "1", ("Battles", "Armed clash")),
        ("Battle-Government regains territory", "1", ("Battles", "Government regains territory")),
        ("Battle-Non-state actor overtakes territory", "2", ("Battles", "Non-state actor overtakes territory")),
        ("Remote violence", "2", ("Explosions/Remote violence", "")),
        ("Riots/Protests", "5", ("Riots", "")),
        ("Riots/Protests", "6", ("Protests", "")),
        ("Strategic development", "2", ("Strategic developments", "")),
        ("Non-violent transfer of territory", "2", ("Strategic developments", "Non-violent transfer of territory")),
        ("Headquarters or base established", "2", ("Strategic developments", "Headquarters or base established")),
        ("Violence against civilians", "2", ("Violence against civilians", "")),
    ],
)
def test_old_event_types(event_type, inter1, expected):
    assert acled_event_type(event_type, inter1=inter1) == expected


def test_acled_old_column_set(tmp_path, gazetteer, actors):
    def old_row(data_id: str, event_type: str, **cells: str) -> dict[str, str]:
        row = acled_row(f"MLI{data_id}", event_type=event_type, **cells)
        row.update(data_id=data_id, event_id_no_cnty=data_id, iso3="MLI")
        for column in ("disorder_type", "sub_event_type", "civilian_targeting", "tags"):
            row.pop(column, None)
        return row

    rows = [
        old_row("10", "Battle-No change of territory", event_date="08 March 2022", actor2="JNIM"),
        old_row("11", "Riots/Protests", event_date="8-Mar-2012", actor1="Rioters (Mali)", inter1="5"),
        old_row("12", "Remote violence", event_date="15 January 2013", time_precision="3"),
    ]
    export = write_csv(tmp_path / "acled-old.csv", OLD_HEADER, rows)
    # older exports wrote their headers in capitals
    text = export.read_text(encoding="utf-8")
    export.write_text(text.replace(text.splitlines()[0], text.splitlines()[0].upper(), 1), encoding="utf-8")
    result = import_acled(export, gazetteer=gazetteer, actors=actors)
    assert result.report.rows_rejected == 0, result.report.problems
    battle, riot, remote = result.incidents
    assert battle["date"] == "2022-03-08"
    assert (battle["event_type"], battle["sub_event_type"], battle["actor2"]) == ("Battles", "Armed clash", "jnim")
    assert battle["place"] == "ml-menaka"
    assert (riot["event_type"], riot["actor1"], riot["date"]) == ("Riots", "rioters", "2012-03-08")
    assert (remote["event_type"], remote["sub_event_type"], remote["date"]) == (
        "Explosions/Remote violence",
        "",
        "2013-01",
    )


def test_acled_without_time_precision_reads_months(tmp_path, gazetteer, actors):
    header = [c for c in NEW_HEADER if c != "time_precision"]
    row = acled_row("MLI1")
    del row["time_precision"]
    result = import_acled(write_csv(tmp_path / "a.csv", header, [row]), gazetteer=gazetteer, actors=actors)
    assert result.incidents[0]["date"] == "2022-03"
    assert any("time_precision" in w.message for w in result.report.warnings)


def test_acled_not_an_export(tmp_path, gazetteer, actors):
    from geo.errors import InputError

    other = write_csv(tmp_path / "other.csv", ["name", "lat", "lon"], [{"name": "x", "lat": "1", "lon": "2"}])
    with pytest.raises(InputError, match=r"required column\(s\) missing: event_id_cnty, event_date") as info:
        import_acled(other, gazetteer=gazetteer, actors=actors)
    assert "found: name, lat, lon" in str(info.value)


# --- UCDP GED ---------------------------------------------------------------------------------------
def ucdp_row(event_id: str, **cells: str) -> dict[str, str]:
    row = {
        "id": event_id,
        "relid": f"MLI-2022-1-{event_id}",
        "year": "2022",
        "active_year": "1",
        "type_of_violence": "1",
        "conflict_name": "Mali: Government",
        "side_a": "Government of Mali",
        "side_b": "JNIM",
        "source_headline": "Clash near Ménaka",
        "where_prec": "1",
        "where_coordinates": "Ménaka town",
        "where_description": "Ménaka town, Ménaka region",
        "adm_1": "Ménaka region",
        "adm_2": "",
        "latitude": MENAKA[0],
        "longitude": MENAKA[1],
        "country": "Mali",
        "date_prec": "1",
        "date_start": "2022-03-08 00:00:00.000",
        "date_end": "2022-03-08 00:00:00.000",
        "best": "5",
        "high": "7",
        "low": "4",
    }
    row.update(cells)
    return row


def test_ucdp_values_are_mapped(tmp_path, gazetteer, actors):
    rows = [
        ucdp_row("1001"),  # line 2
        ucdp_row(  # line 3
            "1002",
            type_of_violence="3",
            side_a="IS Sahel",
            side_b="Civilians",
            where_prec="4",
            date_start="2022-03-08",
            date_end="2022-03-10",
            best="12",
            high="12",
            low="12",
        ),
        ucdp_row("1003", date_start="2022-03-08", date_end="2022-03-01"),  # line 4: ends before it starts
        ucdp_row("1004", where_coordinates="Tessit (village)", latitude=TESSIT[0], longitude=TESSIT[1], adm_1="Gao"),
        ucdp_row("1005", type_of_violence="9"),  # line 6
    ]
    result = import_ucdp(write_csv(tmp_path / "ged.csv", UCDP_HEADER, rows), gazetteer=gazetteer, actors=actors)
    report = result.report
    assert (report.rows_read, report.rows_written, report.rows_rejected) == (5, 3, 2)
    assert {(p.line, p.column) for p in report.problems} == {(4, "date_end"), (6, "type_of_violence")}
    clash, massacre, tessit = result.incidents
    assert clash["id"] == "ucdp-1001"
    assert clash["date"] == "2022-03-08"
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert (clash["actor1"], clash["actor2"]) == ("fama", "jnim")  # "Government of Mali" -> state forces
    assert (clash["fatalities_low"], clash["fatalities_best"], clash["fatalities_high"]) == ("4", "5", "7")
    assert (clash["place"], clash["precision"], clash["sources"]) == ("ml-menaka", "1", "ucdp-ged")
    assert "Clash near Ménaka" in clash["note"]
    assert massacre["date"] == "2022-03-08/2022-03-10"
    assert (massacre["event_type"], massacre["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (massacre["actor1"], massacre["actor2"], massacre["precision"]) == ("isgs", "civilians", "3")
    assert tessit["place"] == "ml-tessit"


@pytest.mark.parametrize(
    ("where", "name"),
    [("Ménaka town", "Ménaka"), ("Gao province", "Gao"), ("Boulkessi (village)", "Boulkessi"), ("Tessit", "Tessit")],
)
def test_ucdp_place_name(where, name):
    assert ucdp_place_name(where) == name


# --- the command ---------------------------------------------------------------------------------
def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_clean_file_exits_0(tmp_path, seeds_dir, capsys):
    export = write_csv(tmp_path / "acled.csv", NEW_HEADER, [acled_row("MLI1"), acled_row("MLI2")])
    out = tmp_path / "out" / "incidents.csv"
    code, stdout, err = run(capsys, "import", "acled", str(export), "--out", str(out), "--seeds", str(seeds_dir))
    assert code == 0, err
    assert stdout == ""
    rows = read_csv(out)
    assert [row["id"] for row in rows] == ["acled-mli1", "acled-mli2"]
    assert list(rows[0]) == list(schema.INCIDENT_COLUMNS)
    assert "2 rows read = 2 written + 0 rejected" in err


def test_cli_rejected_rows_exit_1_with_report(new_export, tmp_path, seeds_dir, capsys):
    out, report = tmp_path / "incidents.csv", tmp_path / "report.csv"
    code, _, err = run(
        capsys,
        "import",
        "acled",
        str(new_export),
        "--out",
        str(out),
        "--report",
        str(report),
        "--seeds",
        str(seeds_dir),
    )
    assert code == 1
    assert f"{new_export}:5:event_date: '2022-02-30'" in err
    assert "8 rows read = 4 written + 4 rejected" in err
    assert "Traceback" not in err
    assert len(read_csv(out)) == 4  # the output is still written
    entries = read_csv(report)
    assert list(entries[0]) == list(schema.REPORT_COLUMNS)
    rejected = [(e["line"], e["column"]) for e in entries if e["kind"] == schema.REJECTED]
    assert rejected == [("5", "event_date"), ("6", "latitude"), ("7", "event_id_cnty"), ("8", "event_type")]
    kinds = {e["kind"] for e in entries}
    assert {schema.UNRESOLVED_ACTOR, schema.DISAGREEMENT, schema.UNRESOLVED_PLACE} <= kinds


def test_cli_ucdp(tmp_path, seeds_dir, capsys):
    export = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [ucdp_row("7")])
    out = tmp_path / "incidents.csv"
    code, _, err = run(capsys, "import", "ucdp", str(export), "--out", str(out), "--seeds", str(seeds_dir))
    assert code == 0, err
    assert read_csv(out)[0]["id"] == "ucdp-7"


def test_cli_not_an_acled_file_exits_2(tmp_path, seeds_dir, capsys):
    export = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [ucdp_row("7")])
    out = tmp_path / "incidents.csv"
    code, _, err = run(capsys, "import", "acled", str(export), "--out", str(out), "--seeds", str(seeds_dir))
    assert code == 2
    assert "not an ACLED export" in err
    assert "event_id_cnty, event_date, event_type, actor1, location" in err
    assert "found: id, relid, year" in err
    assert "geo import ucdp" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_cli_missing_file_exits_2(tmp_path, seeds_dir, capsys):
    missing = tmp_path / "nope.csv"
    code, _, err = run(capsys, "import", "acled", str(missing), "--out", str(tmp_path / "o.csv"))
    assert code == 2
    assert "no such file" in err and "Traceback" not in err


def test_cli_help_has_examples(capsys):
    with pytest.raises(SystemExit) as info:
        main(["import", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "geo import acled" in out and "--report" in out and "Exit status" in out


def test_the_names_of_the_split_modules_are_importable_where_they_were():
    """job, acled and acled_columns were split into modules of one concern each; what
    they offered is still importable from them (and is the same object)."""
    from geo.imports import acled, acled_columns, job
    from geo.imports.acled_chunks import RowPathError
    from geo.imports.job_checks import EVENT_ID
    from geo.imports.job_countries import ACLED_COUNTRIES, country_of
    from geo.imports.job_place_columns import within_agreement
    from geo.imports.job_places import Lookup

    for name in job.__all__:
        assert hasattr(job, name), name
    assert (job.EVENT_ID, job.ACLED_COUNTRIES, job.country_of) == (EVENT_ID, ACLED_COUNTRIES, country_of)
    assert (job.within_agreement, job.Lookup) == (within_agreement, Lookup)
    assert acled_columns.RowPathError is RowPathError
    for module in (acled, acled_columns):
        for name in module.__all__:
            assert hasattr(module, name), name
    assert acled.read_columns is acled_columns.read_columns
    assert job.country_of("466", "") == "ML" and job.country_of("", "Niger") == "NE"


def test_the_row_path_and_the_columnar_path_read_one_list_of_columns():
    from geo.imports.acled_chunk_cells import READ
    from geo.imports.acled_events import READ_COLUMNS

    assert frozenset(READ_COLUMNS) == READ and len(READ_COLUMNS) == len(READ) == 23
    assert {schema.ACLED_EVENT_ID, schema.ACLED_NOTES, schema.ACLED_SOURCE, "inter2"} <= READ


def test_report_entries_come_by_line_then_kind_each_kind_in_the_order_found(tmp_path):
    from geo.imports import ImportReport, ReportEntry, write_report

    report = ImportReport("ACLED", "export.csv")
    report.notices += [ReportEntry(schema.WARNING, 5, "notes", "a", "notice 5"), ReportEntry("other", 2, "", "", "x")]
    report.warnings.append(ReportEntry(schema.WARNING, 2, "year", "b", "warning 2"))
    report.disagreements += [
        ReportEntry(schema.DISAGREEMENT, 5, "location", "Gao", "far 5"),
        ReportEntry(schema.DISAGREEMENT, 2, "location", "=Kidal", "far 2"),
    ]
    report.claims_skipped.append(ReportEntry(schema.WARNING, 2, "sub_event_type", "c", "claim 2"))
    entries = report.entries()
    assert [(e.line, e.message) for e in entries] == [
        (2, "far 2"),
        (2, "warning 2"),
        (2, "claim 2"),
        (2, "x"),  # (a kind the report does not list: last on its line)
        (5, "far 5"),
        (5, "notice 5"),
    ]
    written = write_report(report, tmp_path / "report.csv").read_text(encoding="utf-8").splitlines()
    assert written[0] == ",".join(schema.REPORT_COLUMNS)
    assert written[1] == f"{schema.DISAGREEMENT},2,location,'=Kidal,far 2" and len(written) == 7
    empty = write_report(ImportReport("ACLED", "export.csv"), tmp_path / "empty.csv")
    assert empty.read_text(encoding="utf-8").splitlines() == [",".join(schema.REPORT_COLUMNS)]
