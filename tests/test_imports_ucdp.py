"""``geo import ucdp``: every layout UCDP publishes its events in, read to the same incidents.

The fixtures (tests/fixtures/ucdp, see its README.md) are synthetic: five invented events
in the columns of the GED codebook, written in each layout.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from geo import schema
from geo.actors import Actor, ActorIndex
from geo.cli import main
from geo.errors import InputError
from geo.imports import import_ucdp
from geo.imports.ucdp import UCDP_API_JSON, UCDP_CANDIDATE, UCDP_DOWNLOAD_CSV, UCDP_GED_CSV, ucdp_layout

FIXTURES = Path(__file__).parent / "fixtures" / "ucdp"
GED = FIXTURES / "GEDEvent_v24_1.csv"
DOWNLOAD = FIXTURES / "ucdp_download.csv"
CANDIDATE = FIXTURES / "GEDEvent_v22_0_6.csv"
API = FIXTURES / "ged_api.json"
LAYOUTS = {GED: UCDP_GED_CSV, DOWNLOAD: UCDP_DOWNLOAD_CSV, CANDIDATE: UCDP_CANDIDATE, API: UCDP_API_JSON}
# What must not depend on the layout.
SAME = (
    schema.ID,
    schema.DATE,
    schema.PLACE,
    schema.LOCATION,
    schema.LATITUDE,
    schema.LONGITUDE,
    schema.PRECISION,
    schema.EVENT_TYPE,
    schema.SUB_EVENT_TYPE,
    schema.ACTOR1,
    schema.ACTOR2,
    *schema.FATALITY_COLUMNS,
    schema.TIME_PRECISION_CODE,
    schema.GEO_PRECISION_CODE,
    schema.SOURCES,
    schema.NOTE,
)


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex(
        [
            Actor("fama", "Malian Armed Forces", "state", "#123456", ("Military Forces of Mali",)),
            Actor("jnim", "JNIM", "jihadist", "#123456", ("Group for Support of Islam and Muslims",)),
            Actor("civilians", "Civilians", "civilians", "#123456"),
        ]
    )


def read(path: Path, gazetteer, actors):
    result = import_ucdp(path, gazetteer=gazetteer, actors=actors)
    report = result.report
    assert report.rows_read == report.rows_written + report.rows_rejected
    return result


def by_id(result) -> dict[str, dict[str, str]]:
    return {row[schema.ID]: row for row in result.incidents}


@pytest.mark.parametrize("path", [DOWNLOAD, CANDIDATE, API], ids=lambda p: p.name)
def test_every_layout_reads_the_same_incidents(path, gazetteer, actors):
    expected = by_id(read(GED, gazetteer, actors))
    got = by_id(read(path, gazetteer, actors))
    assert list(got) == list(expected) == [f"ucdp-90010{n}" for n in range(1, 6)]
    for record_id, row in got.items():
        assert {c: row[c] for c in SAME} == {c: expected[record_id][c] for c in SAME}, record_id


def test_the_ged_fixture_is_read_as_ucdp_codes_it(gazetteer, actors):
    result = read(GED, gazetteer, actors)
    assert result.report.rows_rejected == 0
    rows = by_id(result)
    boulkessi = rows["ucdp-900101"]
    assert (boulkessi["date"], boulkessi["place"], boulkessi["precision"]) == ("2022-03-08", "ml-boulikessi", "1")
    assert (boulkessi["actor1"], boulkessi["actor2"]) == ("fama", "jnim")  # "Government of Mali" -> state forces
    assert [boulkessi[c] for c in schema.FATALITY_COLUMNS] == ["10", "12", "15"]
    menaka = rows["ucdp-900102"]
    assert (menaka["date"], menaka["place"], menaka["event_type"]) == (
        "2022-03-10/2022-03-12",
        "ml-menaka",
        "Violence against civilians",
    )
    assert (menaka[schema.TIME_PRECISION_CODE], menaka[schema.GEO_PRECISION_CODE]) == ("2", "1")
    assert rows["ucdp-900104"]["place"] == "gn-2361177"  # Djibo, Burkina Faso
    # every death is kept: 12 + 30 + 7 + 4 + 3
    assert sum(int(row["fatalities_best"]) for row in result.incidents) == 56


@pytest.mark.parametrize(("path", "layout"), list(LAYOUTS.items()), ids=lambda v: getattr(v, "name", v))
def test_the_layout_is_named_in_the_summary(path, layout, gazetteer, actors):
    report = read(path, gazetteer, actors).report
    assert report.layout == layout
    assert report.summary().splitlines()[0].startswith(f"{path} ({layout}): 5 rows read = 5 written + 0 rejected")


def test_layout_detection_rules(tmp_path):
    assert ucdp_layout(Path("GEDEvent_v24_1.csv"), ("id", "best")) == UCDP_GED_CSV
    assert ucdp_layout(Path("GEDEvent_v24_0_1.csv"), ("id", "best")) == UCDP_CANDIDATE
    assert ucdp_layout(Path("ucdp_candidate_2024-05.csv"), ("id", "best")) == UCDP_CANDIDATE
    assert ucdp_layout(Path("ged.csv"), ("id", "best_est", "")) == UCDP_DOWNLOAD_CSV
    assert ucdp_layout(Path("ged.json"), ("id", "best")) == UCDP_API_JSON
    answer = tmp_path / "answer.txt"
    answer.write_text('\ufeff  {"Result": []}', encoding="utf-8")
    assert ucdp_layout(answer, ()) == UCDP_API_JSON


@pytest.mark.parametrize("path", list(LAYOUTS), ids=lambda p: p.name)
def test_estimates_out_of_order_are_kept_sorted_and_reported(path, gazetteer, actors):
    result = read(path, gazetteer, actors)
    row = by_id(result)["ucdp-900103"]
    assert [row[c] for c in schema.FATALITY_COLUMNS] == ["7", "7", "9"]  # low 9, best 7, high 8 as given
    [entry] = [e for e in result.report.entries() if "not low <= best <= high" in e.message]
    line = 3 if path == API else 4  # a JSON record's number; a CSV row's line
    assert (entry.kind, entry.line, entry.value) == (schema.WARNING, line, "9/7/8")
    assert "kept as low 7, best 7, high 9" in entry.message
    assert "estimates out of order (low/best/high), kept sorted with best unchanged: 1 row" in result.report.summary()


def test_partial_estimates_out_of_order(tmp_path, gazetteer, actors):
    with GED.open(encoding="utf-8", newline="") as handle:
        header, cells = list(csv.reader(handle))[:2]
    cells[header.index("best")], cells[header.index("low")], cells[header.index("high")] = "5", "9", ""
    export = tmp_path / "ged.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, cells])
    row = read(export, gazetteer, actors).incidents[0]
    assert [row[c] for c in schema.FATALITY_COLUMNS] == ["5", "5", ""]


@pytest.mark.parametrize("where_prec", ["6", "7"])
def test_country_only_events_are_not_placed_below_the_country(tmp_path, gazetteer, actors, where_prec):
    # where_coordinates names a town the gazetteer knows: still not placed there
    text = GED.read_text(encoding="utf-8").replace(",1,Ménaka town,", f",{where_prec},Ménaka town,")
    export = tmp_path / "ged.csv"
    export.write_text(text, encoding="utf-8")
    result = read(export, gazetteer, actors)
    rows = by_id(result)
    # the country is the place (where_prec 6), or nothing (7: international waters or airspace)
    places = {"ucdp-900102": "ml" if where_prec == "6" else "", "ucdp-900105": "ml"}
    for record_id, place in places.items():
        row = rows[record_id]
        assert (row["place"], row["precision"]) == (place, "3")
        assert row["latitude"] and row["longitude"]  # UCDP's point kept
    assert rows["ucdp-900102"][schema.GEO_PRECISION_CODE] == where_prec
    notes = [e for e in result.report.entries() if e.column == "where_prec"]
    assert [e.line for e in notes] == [3, 6]
    assert "country-only events (where_prec 6 or 7), placed at no region or town: 2 rows" in result.report.summary()


def test_download_rows_with_one_cell_more_than_the_header(tmp_path, gazetteer, actors):
    lines = DOWNLOAD.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",") and all(line.endswith(",") for line in lines)
    lines[0] = lines[0].removesuffix(",")  # the header without its trailing comma
    lines.append(lines[1].replace("900101", "900199").removesuffix(",") + ",surplus")  # a real extra cell
    export = tmp_path / "download.csv"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read(export, gazetteer, actors)
    assert (result.report.rows_read, result.report.rows_written, result.report.rows_rejected) == (6, 5, 1)
    assert result.report.layout == UCDP_DOWNLOAD_CSV
    [problem] = result.report.problems
    assert problem.line == 7 and "cells but the header has" in problem.message


def test_month_first_dates_only_in_the_download_layout(tmp_path, gazetteer, actors):
    text = GED.read_text(encoding="utf-8").replace("2022-03-08 00:00:00.000", "03/08/2022 00:00:00")
    export = tmp_path / "ged.csv"
    export.write_text(text, encoding="utf-8")
    result = read(export, gazetteer, actors)
    assert result.report.rows_rejected == 1
    assert {(p.line, p.column) for p in result.report.problems} == {(2, "date_start"), (2, "date_end")}
    assert "write it as 2022-03-08" in result.report.problems[0].fix


def test_candidate_flags_are_kept_and_reported(tmp_path, gazetteer, actors):
    # named neutrally: the review flags alone make it a candidate file
    export = shutil.copy(CANDIDATE, tmp_path / "ged.csv")
    result = read(Path(export), gazetteer, actors)
    assert result.report.layout == UCDP_CANDIDATE
    assert result.report.rows_written == 5
    [flag] = [e for e in result.report.entries() if e.column == "code_status"]
    assert (flag.line, flag.value) == (5, "Check deaths")


def test_a_file_without_estimates_says_what_each_layout_needs(tmp_path, gazetteer, actors):
    text = GED.read_text(encoding="utf-8").replace(",best,", ",best_guess,", 1)
    export = tmp_path / "ged.csv"
    export.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_ucdp(export, gazetteer=gazetteer, actors=actors)
    message = str(caught.value)
    assert "required column(s) missing: best" in message
    assert "low_est, best_est, high_est" in message
    assert "found: id, relid, year" in message  # the columns found


def test_an_api_answer_with_no_records(tmp_path, gazetteer, actors):
    export = tmp_path / "empty.json"
    export.write_text('{"TotalCount": 0, "TotalPages": 0, "Result": []}', encoding="utf-8")
    result = read(export, gazetteer, actors)
    assert (result.report.rows_read, result.incidents, result.report.layout) == (0, [], UCDP_API_JSON)


def test_cli_names_the_layout(tmp_path, capsys):
    out = tmp_path / "incidents.csv"
    code = main(["import", "ucdp", str(DOWNLOAD), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"({UCDP_DOWNLOAD_CSV})" in err
    assert out.read_text(encoding="utf-8").count("ucdp-9001") == 5


def test_a_country_only_event_counts_for_its_country_and_no_region(tmp_path, capsys):
    text = GED.read_text(encoding="utf-8").replace(",1,Ménaka town,", ",6,Ménaka town,")
    export = tmp_path / "ged.csv"
    export.write_text(text, encoding="utf-8")
    out = tmp_path / "ucdp" / "incidents.csv"
    main(["import", "ucdp", str(export), "--out", str(out)])
    capsys.readouterr()
    assert main(["stats", "--incidents", str(out), "--by", "region", "--every", "year", "--unplaced", "--csv"]) == 0
    unplaced = {row["id"]: row for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert unplaced["ucdp-900102"]["reason"] == "location_too_coarse"
    assert main(["stats", "--incidents", str(out), "--by", "country", "--every", "year", "--unplaced", "--csv"]) == 0
    assert "ucdp-900102" not in capsys.readouterr().out  # counted for Mali


# What ucdp_place_name made of these before its kind words were built from the shared
# lexicon (geo.names.ADMIN_WORDS, geo.schema.KIND_WORDS): the same, string for string.
@pytest.mark.parametrize(
    ("where", "name"),
    [
        ("Ménaka town", "Ménaka"),
        ("Boulkessi (village)", "Boulkessi"),
        ("Gao province", "Gao"),
        ("Niono Cercle", "Niono"),
        ("Bandiagara, Département", "Bandiagara"),
        ("Mopti region - district", "Mopti"),
        ("Tessit-Commune", "Tessit"),
        ("Bamako capital", "Bamako"),
        ("Kidal area", "Kidal"),
        ("Ansongo locality", "Ansongo"),
        ("Koro prefecture", "Koro"),
        ("Tominian MUNICIPALITY", "Tominian"),
        ("Gao city", "Gao"),
        # words of the lexicon UCDP's pattern has never stripped, and other kind words
        ("Kidal regions", "Kidal regions"),
        ("Ansongo circle", "Ansongo circle"),
        ("Bourem arrondissement", "Bourem arrondissement"),
        ("Tamalelt well", "Tamalelt well"),
        ("Kati camp", "Kati camp"),
        ("Gao ville", "Gao ville"),
        # a kind word alone, or inside a name, stays
        ("Region", "Region"),
        ("Townsville", "Townsville"),
        ("Gao regionx", "Gao regionx"),
    ],
)
def test_ucdp_place_name_strips_the_kind_words_it_always_stripped(where, name):
    from geo.imports.ucdp import ucdp_place_name

    assert ucdp_place_name(where) == name


def test_ucdp_kind_words_come_from_the_shared_lexicon():
    from geo.imports.ucdp import ucdp_place_name
    from geo.names import ADMIN_WORDS

    for word in sorted(ADMIN_WORDS - {"regions", "circle", "arrondissement"}):
        assert ucdp_place_name(f"Gao {word}") == "Gao", word
    for word in ("town", "village", "city", "commune"):
        assert schema.KIND_WORDS[word] == word
        assert ucdp_place_name(f"Gao {word}") == "Gao", word
