"""The columnar path of ``geo import acled`` (issue 18): the same bytes as the row path,
every bad row reported with its file, line, column and value, every good row imported.

Each comparison imports a file twice, with the columnar path (the default for a CSV
export) and with the row path alone (``acled.COLUMNAR = False``), and compares the
incidents, the claims, the report, the new actors and the summary byte for byte. Small
chunks (``acled_columns.CHUNK``) put the quirks and the bad rows in different chunks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from geo import schema
from geo._distinct import distinct_rows, spread
from geo._whitespace import ASCII_NOT_SPACE, NOT_SPACES
from geo.actors import ActorIndex
from geo.errors import InputError
from geo.imports import acled, acled_columns, import_acled, job_place_columns, write_actors, write_claims, write_report
from geo.imports.csv_writer import RowWriter
from geo.seeds import Seeds

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "acled"
HEADER = list(schema.ACLED_EXPORT_COLUMNS)
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "import_expected"))
from cases import scattered_export  # noqa: E402


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex.from_table(Seeds.load().actors)


def event(number: int, **cells: str) -> dict[str, str]:
    """A good row of a dyadic export (Ménaka, 2022), with ``cells`` changed."""
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "event_id_cnty": f"MLI{number}",
            "event_date": "2022-03-08",
            "year": "2022",
            "time_precision": "1",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "JNIM: Group for Support of Islam and Muslims",
            "inter1": "Rebel group",
            "actor2": "Military Forces of Mali (2021-)",
            "assoc_actor_2": "Wagner Group",
            "inter2": "State forces",
            "iso": "466",
            "country": "Mali",
            "admin1": "Menaka",
            "admin2": "Menaka",
            "location": "Menaka",
            "latitude": "15.9182",
            "longitude": "2.4022",
            "geo_precision": "1",
            "source": "Invented Source",
            "notes": f"Event {number}, near Menaka (invented).",
            "fatalities": "2",
        }
    )
    row.update(cells)
    return row


def line(row: dict[str, str]) -> str:
    """``row`` as a line of CSV, without its line break."""
    handle = io.StringIO()
    csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n").writerow(row)
    return handle.getvalue()[:-1]


def write_export(path: Path, rows: list[dict[str, str] | str], *, bom: bool = False, crlf: bool = False) -> Path:
    """An export of ``rows``: a dict is a row (written by csv), a string a raw line."""
    handle = io.StringIO()
    end = "\r\n" if crlf else "\n"
    writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator=end)
    writer.writeheader()
    for row in rows:
        if isinstance(row, str):
            handle.write(row + end)
        else:
            writer.writerow(row)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + handle.getvalue().encode("utf-8", "surrogateescape"))
    return path


QUIRKS: list[dict[str, str] | str] = [
    event(1),
    event(2, event_date="08 March 2022", notes="Two  killed,\n near\tGao.  ", source=" RFI ;  Studio Tamani "),
    event(3, event_date="8-Mar-22", notes='Said "hello", then =left', location=" Ménaka "),
    event(4, event_date="08-03-2022", fatalities="", admin2="", actor2="", assoc_actor_2="Civilians (Mali)"),
    event(5, event_date="2022-03-08T00:00:00", latitude="90", longitude="180", fatalities="10000000"),
    event(6, latitude="-90", longitude="-180", fatalities="3.0", time_precision="2", geo_precision="3"),
    "",
    event(7, event_date="03-25-2022"),  # month first: refused
    event(8, latitude="95"),
    event(9, latitude="0", longitude="0"),
    event(10, fatalities="10000001"),
    event(11, actor1=""),
    event(12, event_type="Skirmish"),
    ",,,,,",
    event(13, event_id_cnty="MLI 13"),
    "MLI14,2022-03-08,2022,1",  # cells missing
    event(15, time_precision="4"),
    event(16, location='=HYPERLINK("http://x")', notes="-3.5 and @home"),
    event(17, event_type="Riots/Protests", sub_event_type="", actor1="Rioters (Mali)", inter1="5", actor2=""),
    event(18, sub_event_type="Dance-off"),
    event(19, sub_event_type="Non-state actor overtakes territory"),
    event(20, sub_event_type="Government regains territory", location="Nowhere-on-earth"),
    event(21, notes="bad byte \udce9 here"),
    event(
        22, actor1="Zorglub Self-Defence Brigade (Mali)", inter1="Identity militia", location="Gao", latitude="16.27"
    ),
    event(23, location="Gao", latitude="16.2717", longitude="-0.0447", notes="\u00a0spaced\u2003out\u00a0"),
    event(24, location="Bamako", iso="", country="Mali", latitude="12.65", longitude="-8.0", fatalities=" 4 "),
    event(25, event_type="Strategic developments", sub_event_type="Headquarters or base established"),
    event(26, event_date="31 February 2022"),
    event(27, longitude="2,4022"),
    event(28, location="Menaka", latitude="15.9182", longitude="-2.4022"),  # 514 km away
    line(event(29)) + ",,",  # empty cells after the last column: trailing commas
    line(event(30)) + ",x",  # a cell too many
    event(31, tags="bad byte \udcff in a column the import does not read"),
    event(32, event_id_cnty=" MLI32 ", year="", time_precision=" 3 "),
    # names whose alias-table rows depend on the country and the date: mapped per day
    event(33, actor1="Islamic State", event_date="2014-03-08", year="2014"),
    event(34, actor1="Islamic State", event_date="2016-03-08", year="2016"),
    event(35, actor1="Islamic State", event_date="2016-03-08", year="2016", assoc_actor_1="IS"),
    event(36, actor2="IS", assoc_actor_2="Islamic State", iso="562", country="Niger", event_date="2016-03-09"),
    event(37, event_id_cnty="MLI\x0037"),  # a NUL inside an id (csv.reader keeps it)
]


def outputs(path: Path, tmp: Path, gazetteer, actors: ActorIndex, monkeypatch, *, columnar: bool) -> dict[str, bytes]:
    """What an import of ``path`` writes, with the columnar path or the row path only."""
    monkeypatch.setattr(acled, "COLUMNAR", columnar)
    out = tmp / ("columnar" if columnar else "rows")
    result = import_acled(path, gazetteer=gazetteer, actors=actors, out=out / "incidents.csv")
    write_claims(result.claims, out / "claims.csv")
    write_report(result.report, out / "report.csv")
    write_actors(result.actors, out / "actors.csv")
    (out / "summary.txt").write_text(result.report.summary(), encoding="utf-8")
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def taken(monkeypatch) -> list[bool]:
    """Record, for each import, whether the columnar path read the file to its end."""
    ends: list[bool] = []
    read_columns = acled.read_columns

    def recorded(*args, **kwargs):
        try:
            result = read_columns(*args, **kwargs)
        except acled_columns.RowPathError:
            ends.append(False)
            raise
        ends.append(result is not None)
        return result

    monkeypatch.setattr(acled, "read_columns", recorded)
    return ends


@pytest.mark.parametrize(("chunk", "crlf"), [(1, False), (3, True), (20_000, False)])
def test_quirky_rows_give_the_row_paths_bytes_in_any_chunks(chunk, crlf, tmp_path, gazetteer, actors, monkeypatch):
    monkeypatch.setattr(acled_columns, "CHUNK", chunk)
    export = write_export(tmp_path / "quirks.csv", QUIRKS, bom=True, crlf=crlf)
    ends = taken(monkeypatch)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [True]
    rows = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    assert columnar == rows
    report = columnar["report.csv"].decode("utf-8")
    # the quirks really are in the file: each kind of row the import treats apart
    for said in (
        "not a date when read day first",
        "not a latitude in decimal degrees",
        "the point 0,0 is a missing coordinate",
        "not a number of fatalities",
        "no actor1",
        "not an ACLED event type",
        "not an event id",
        "the row has 4 cells but the header has 31: cells are missing",
        "the row has 32 cells but the header has 31",
        "byte 0xff at character 10 is not UTF-8",
        "not a precision code",
        "is not UTF-8",
        "is not one of Battles's",
        "no claim made from event MLI20",
        "the point lies outside ML",
        "not in the actor list",
    ):
        assert said in report, said
    incidents = columnar["incidents.csv"].decode("utf-8")
    assert "'=HYPERLINK" in incidents and "Two killed, near Gao. (ACLED source: RFI ; Studio Tamani)" in incidents


# Ambiguous names of the gazetteer (two and five places in Mali), with points near one
# of their places, between two, and far from all, and a name of one place.
AMBIGUOUS_ROWS = [
    event(n, location=name, admin1="", admin2="", latitude=lat, longitude=lon)
    for n, (name, lat, lon) in enumerate(
        [
            ("Dioura", "14.83", "-5.25"),
            ("Dioura", "14.31", "-9.86"),
            ("Boni", "15.08", "-2.22"),
            ("Boni", "13.40", "-9.98"),
            ("Dioura", "14.5", "-7.5"),
            ("Boni", "15.30", "-9.04"),
            ("Boni", "12.0", "-1.0"),
            ("Menaka", "15.9182", "2.4022"),
            ("Dioura", "14.83", "-5.25"),
        ],
        start=1,
    )
]


@pytest.mark.parametrize("few", [0, 2, 16])
def test_ambiguous_names_measured_alone_or_together_give_the_row_paths_bytes(
    few, tmp_path, gazetteer, actors, monkeypatch
):
    """The nearest place of an ambiguous name, for names measured together (those of at
    most ``_FEW_PLACES`` places) or each on its own."""
    monkeypatch.setattr(job_place_columns, "_FEW_PLACES", few)
    export = write_export(tmp_path / "ambiguous.csv", AMBIGUOUS_ROWS)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert columnar == outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    ids = [row.split(",")[2] for row in columnar["incidents.csv"].decode("utf-8").splitlines()[1:]]
    assert ids[:4] == ["gn-2458636", "gn-2458637", "gn-2459917", "gn-2459918"]
    assert ids[4] == ids[6] == ""  # far from every place of the name
    assert ids[5] == "gn-2459916" and ids[8] == "gn-2458636"
    report = columnar["report.csv"].decode("utf-8")
    assert "none lies within 10 km of the dataset's point" in report


@pytest.mark.parametrize("rows", [[], ["", " ", ",,"]], ids=["header only", "blank lines only"])
def test_an_export_without_rows_gives_the_row_paths_bytes(rows, tmp_path, gazetteer, actors, monkeypatch):
    export = write_export(tmp_path / "empty.csv", rows)
    ends = taken(monkeypatch)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [True]
    assert columnar == outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    assert b": 0 rows read = 0 written + 0 rejected" in columnar["summary.txt"]


@pytest.mark.parametrize("name", ["dyadic-2019.csv", "dyadic-2023.csv", "pre-2019.csv", "spreadsheet-dates.csv"])
def test_the_dyadic_fixtures_take_the_columnar_path_with_the_same_bytes(name, tmp_path, gazetteer, actors, monkeypatch):
    monkeypatch.setattr(acled_columns, "CHUNK", 2)
    ends = taken(monkeypatch)
    columnar = outputs(FIXTURES / name, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [True]
    assert columnar == outputs(FIXTURES / name, tmp_path, gazetteer, actors, monkeypatch, columnar=False)


def test_an_error_on_a_row_of_a_later_chunk_names_its_line_column_and_value(tmp_path, gazetteer, actors, monkeypatch):
    """Notes over several lines push the rows' lines down: the bad row is on line 12."""
    monkeypatch.setattr(acled_columns, "CHUNK", 2)
    rows = [event(1, notes="one\ntwo\nthree"), event(2), event(3, notes="a\n\nb"), event(4), event(5)]
    rows += [event(6), event(7, latitude="95.5"), event(8)]
    export = write_export(tmp_path / "late.csv", rows)
    result = import_acled(export, gazetteer=gazetteer, actors=actors, out=tmp_path / "out" / "incidents.csv")
    assert [str(problem) for problem in result.report.problems] == [
        f"{export}:12:latitude: '95.5': not a latitude in decimal degrees (between -90 and 90); "
        "give WGS84 decimal degrees with a point, such as 15.918"
    ]
    assert result.report.rejected_lines == [12]
    lines = export.read_text(encoding="utf-8").split("\n")
    assert lines[11].startswith("MLI7,")


def test_every_bad_row_is_reported_and_every_good_row_imported(tmp_path, gazetteer, actors, monkeypatch):
    monkeypatch.setattr(acled_columns, "CHUNK", 4)
    rng = random.Random(18)
    bad_cells = [
        {"latitude": "north"},
        {"event_date": "someday"},
        {"fatalities": "-1"},
        {"geo_precision": ""},
        {"actor1": ""},
        {"event_type": ""},
        {"longitude": "inf"},
    ]
    rows, good, bad = [], [], []
    for number in range(1, 61):
        if rng.random() < 0.3:
            rows.append(event(number, **rng.choice(bad_cells)))
            bad.append(number + 1)  # its line: the header is line 1
        else:
            rows.append(event(number))
            good.append(f"acled-mli{number}")
    export = write_export(tmp_path / "mixed.csv", rows)
    ends = taken(monkeypatch)
    result = import_acled(export, gazetteer=gazetteer, actors=actors)
    assert ends == [True]
    report = result.report
    assert [row["id"] for row in result.incidents] == good
    assert sorted(report.rejected_lines) == bad
    assert sorted(problem.line for problem in report.problems) == bad
    assert report.rows_read == 60 == report.rows_written + report.rows_rejected
    assert all(problem.path == str(export) and problem.column and problem.message for problem in report.problems)


def test_a_repeated_event_id_hands_the_file_to_the_row_path(tmp_path, gazetteer, actors, monkeypatch):
    """An id seen in an earlier chunk: the row path reads the file, and says which rows repeat."""
    monkeypatch.setattr(acled_columns, "CHUNK", 3)
    export = write_export(tmp_path / "repeat.csv", [event(1), event(2), event(3), event(4), event(2)])
    ends = taken(monkeypatch)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [False]
    assert columnar == outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    assert b"duplicate event id (first on line 3), the same actors" in columnar["report.csv"]


def test_actor_based_and_scattered_exports_are_read_by_the_row_path(tmp_path, gazetteer, actors, monkeypatch):
    ends = taken(monkeypatch)
    for path in (FIXTURES / "actor-based.csv", scattered_export(tmp_path / "scattered.csv")):
        assert outputs(path, tmp_path / path.stem, gazetteer, actors, monkeypatch, columnar=True) == outputs(
            path, tmp_path / path.stem, gazetteer, actors, monkeypatch, columnar=False
        )
    assert ends == [False, False]


def test_a_quote_never_closed_in_a_later_chunk_is_named_as_the_row_path_names_it(
    tmp_path, gazetteer, actors, monkeypatch
):
    monkeypatch.setattr(acled_columns, "CHUNK", 2)
    export = write_export(tmp_path / "broken.csv", [event(1), event(2, notes="x\ny"), event(3), 'MLI4,"never closed'])
    messages = []
    for columnar in (True, False):
        monkeypatch.setattr(acled, "COLUMNAR", columnar)
        with pytest.raises(InputError) as raised:
            import_acled(export, gazetteer=gazetteer, actors=actors, out=tmp_path / "incidents.csv")
        messages.append(str(raised.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"{export}, line 6: a quote opened on line 6 is never closed")
    assert not (tmp_path / "incidents.csv").exists()


def test_progress_counts_the_rows_read_across_chunks(tmp_path, gazetteer, actors, monkeypatch):
    monkeypatch.setattr(acled_columns, "CHUNK", 7)
    monkeypatch.setattr(acled.shared, "PROGRESS_EVERY", 5)
    export = write_export(tmp_path / "rows.csv", [event(n) for n in range(1, 23)])
    seen: list[int] = []
    import_acled(export, gazetteer=gazetteer, actors=actors, progress=seen.append)
    assert seen == [5, 10, 15, 20]


def test_writing_columns_gives_the_bytes_of_writing_rows():
    rng = random.Random(18)
    alphabet = ["-", "+", "=", "@", "\t", "\r", "\n", "'", "1", ".", "e", "x", " ", "\x00", "5", "\u0663", ",", '"']
    columns = ("a", "b", "c")
    # a few rows and many
    for size in [rng.randint(1, 4) for _ in range(3000)] + [rng.randint(100, 300) for _ in range(40)]:
        rows = [
            {c: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) for c in columns} for _ in range(size)
        ]
        by_rows, by_columns, by_tables = io.StringIO(), io.StringIO(), io.StringIO()
        RowWriter(by_rows, columns)(rows)
        RowWriter(by_columns, columns).write_columns([[row[c] for row in rows] for c in columns])
        assert by_columns.getvalue() == by_rows.getvalue(), rows
        # the same columns drawn from tables of their values (checked once per value)
        drawn = []
        for c in columns:
            cells = [row[c] for row in rows]
            codes, first = distinct_rows(cells)
            drawn.append(spread([cells[i] for i in first.tolist()], codes))
        RowWriter(by_tables, columns).write_columns(drawn)
        assert by_tables.getvalue() == by_rows.getvalue(), rows


def test_many_rows_written_by_columns_give_the_bytes_of_writing_them_row_by_row():
    """From csv_writer.py's _BY_COLUMNS rows, RowWriter writes rows of text and whole numbers
    by columns (the import's report and claims): the bytes of the row by row writer
    (given fewer rows at a time), whatever the cells, a missing one or one of another
    type included."""
    from geo.imports import csv_writer

    rng = random.Random(1818)
    alphabet = ["-", "+", "=", "@", "\t", "\r", "\n", "'", "1", ".", "e", "x", " ", "\x00", "5", ",", '"', "é"]
    columns = ("kind", "line", "value")
    for other in (None, 3, 2.5, True):
        rows: list[dict[str, object]] = []
        for n in range(csv_writer._BY_COLUMNS + 250):
            row: dict[str, object] = {
                "kind": "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))),
                "line": rng.choice([n, -n, "=1", ""]),
                "value": "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))),
            }
            if n % 97 == 0:
                del row["value"]
            rows.append(row)
        rows[7]["value"] = other
        at_once, a_few = io.StringIO(), io.StringIO()
        RowWriter(at_once, columns)(rows)
        few = RowWriter(a_few, columns)
        for start in range(0, len(rows), 100):
            few(rows[start : start + 100])
        assert at_once.getvalue() == a_few.getvalue()
        assert "'=1" in at_once.getvalue()


def test_the_white_space_the_columns_are_searched_for_is_every_white_space_but_the_space():
    every = {chr(code) for code in range(0x110000) if chr(code).isspace()} - {" "}
    assert set(NOT_SPACES) == every
    assert set(ASCII_NOT_SPACE) == {c for c in every if c.isascii()}


@pytest.mark.parametrize("width", [1, 2, 4])
def test_columns_whose_every_cell_is_quoted_give_the_bytes_of_writing_rows(width):
    """A column whose every cell holds a comma (ACLED's notes) is quoted with the commas
    around it; the others, the quotes inside it and the formula cells as before."""
    rng = random.Random(width)
    columns = tuple("abcd"[:width])
    marks = [",", ",", '"', "\n", "\r", "=", "-", "@", " ", "x", "1", "é", "\u2003"]
    for size in [1, 2, 3, 50, 400]:
        for quoted in range(1 << width):  # which columns have a comma in every cell
            rows = []
            for _ in range(size):
                row = {}
                for n, c in enumerate(columns):
                    text = "".join(rng.choice(marks) for _ in range(rng.randint(0, 6)))
                    row[c] = (text + "," + text) if quoted >> n & 1 else text.replace(",", ";")
                rows.append(row)
            by_rows, by_columns = io.StringIO(), io.StringIO()
            RowWriter(by_rows, columns)(rows)
            RowWriter(by_columns, columns).write_columns([[row[c] for row in rows] for c in columns])
            assert by_columns.getvalue() == by_rows.getvalue(), rows


def test_distinct_rows_numbers_the_rows_as_tuples_would_be():
    rng = random.Random(18)
    days = [None, dt.date(2022, 3, 8), dt.date(2022, 3, 9)]
    for size in (0, 1, 7, 500):
        names = [rng.choice(["Gao", "Menaka", "", "gao", "Gao "]) for _ in range(size)]
        codes = [rng.choice(["1", "2", "3"]) for _ in range(size)]
        when = [rng.choice(days) for _ in range(size)]
        keys = list(zip(names, codes, when, strict=True))
        numbers = {key: n for n, key in enumerate(dict.fromkeys(keys))}
        found, first = distinct_rows(names, codes, when)
        assert found.tolist() == [numbers[key] for key in keys]
        assert [keys[i] for i in first.tolist()] == list(numbers)
        alone, first_alone = distinct_rows(names)
        assert [names[i] for i in first_alone.tolist()] == list(dict.fromkeys(names))
        assert len(alone) == size


@pytest.mark.parametrize("arrow", [True, False])
def test_integers_are_numbered_in_the_order_of_their_first_row_small_or_large(arrow, monkeypatch):
    """Small numbers (a dictionary's codes) are numbered without a sort, large ones (codes
    combined) by pyarrow's hash table when pyarrow is in use, else by a sort: all as a dict
    of first rows would number them."""
    if arrow:
        pytest.importorskip("pyarrow.compute")
    else:
        monkeypatch.delitem(sys.modules, "pyarrow.compute", raising=False)
    rng = np.random.default_rng(18)
    for size in (1, 5, 100, 3000):
        for largest in (1, 3, 50, 10**12):
            column = rng.integers(0, largest, size)
            numbers: dict[int, int] = {}
            expected = [numbers.setdefault(value, len(numbers)) for value in column.tolist()]
            codes, first = distinct_rows(column)
            assert codes.tolist() == expected
            assert column[first].tolist() == list(numbers)


def test_a_drawn_column_is_its_list_of_cells_without_making_it():
    """A column drawn from a table (a value twice in it, one never drawn) reads as the
    list of its cells: by index, slice, ``in``, equality, pickling, distinct cells, rows
    holding a value, numbering, taking rows; a cell read by its index or the rows
    holding a value do not make the list."""
    import pickle

    from geo._distinct import Cells, distinct_cells, rows_where, take

    rng = np.random.default_rng(18)
    for table, size in itertools.product(
        (["Gao", "", "Menaka", "Gao", "never"], ["Gao", "", "Menaka", "Ansongo", "never"]), (0, 1, 9, 300)
    ):  # (a value twice in the table, or each once: numbered by the rows' codes then)
        codes = rng.integers(0, 4, size)
        column = spread(table, codes)
        cells = [table[code] for code in codes.tolist()]
        if size:
            assert column[size - 1] == cells[-1] and column[0] == cells[0]
        assert ("" in column) == ("" in cells) and "never" not in column and "Kidal" not in column
        assert rows_where(column, lambda cell: cell == "Gao") == [i for i, cell in enumerate(cells) if cell == "Gao"]
        assert column._cells is None  # not made so far
        assert column == cells and list(column) == cells and column[2:5] == cells[2:5] and len(column) == size
        assert pickle.loads(pickle.dumps(column)) == cells
        assert distinct_cells(spread(table, codes)) == list(dict.fromkeys(cells))
        assert distinct_rows(spread(table, codes))[0].tolist() == distinct_rows(cells)[0].tolist()
        rows = rng.integers(0, size, 5).tolist() if size else []
        assert take(column, rows) == [cells[i] for i in rows]
        numbered = Cells.numbered(["b", "a"], rng.integers(0, 2, size))
        assert numbered.distinct == distinct_cells(list(numbered)) and isinstance(take(numbered, rows), Cells)
    # cells that numpy would read as sequences or search for arrays (tuples, dates): each one cell
    import datetime as dt

    from geo._distinct import as_drawn, cells_at

    objects = [("Gao", "ML"), dt.date(2022, 3, 8), None, ("Menaka",)]
    column = spread(objects, np.array([3, 0, 1, 0, 2]))
    assert list(column) == [objects[3], objects[0], objects[1], objects[0], None]
    assert cells_at(column, np.array([4, 1])) == [None, ("Gao", "ML")]
    numbered = Cells.numbered(objects, np.array([1, 1, 0]))
    assert numbered.distinct == [objects[1], objects[0]] and list(numbered) == [objects[1], objects[1], objects[0]]
    pairs = spread([("Gao", "ML"), ("Menaka", "NE")], np.array([1, 0]))  # (tuples of one length only)
    assert list(pairs) == [("Menaka", "NE"), ("Gao", "ML")] and cells_at(pairs, np.array([1])) == [("Gao", "ML")]
    again = as_drawn([objects[1], objects[0], objects[1]])
    assert again.table == [objects[1], objects[0]] and again.codes.tolist() == [0, 1, 0] and as_drawn(column) is column


def test_the_10_km_rule_measured_on_the_sphere_first_gives_the_ellipsoids_answer():
    """Points 8.5 to 11.5 km apart, at every latitude and in every direction: the pairs the
    sphere says are surely near are near on the ellipsoid, and the others are measured."""
    from geo.imports.job import within_agreement
    from geo.measure import geodesic

    rng = np.random.default_rng(18)
    count = 200_000
    lats = rng.uniform(-89.0, 89.0, count)
    lons = rng.uniform(-180.0, 180.0, count)
    step = rng.uniform(8.5, 11.5, count) / 111.0  # degrees, about
    angle = rng.uniform(0.0, 2 * np.pi, count)
    lats2 = np.clip(lats + step * np.sin(angle), -90.0, 90.0)
    lons2 = lons + step * np.cos(angle) / np.maximum(np.cos(np.radians(lats)), 0.05)
    exact, _ = geodesic(lats, lons, lats2, lons2)
    km = within_agreement(lats, lons, lats2, lons2)
    limit = schema.PLACE_AGREEMENT_KM
    assert ((km <= limit) == (exact <= limit)).all()
    far = km > limit
    assert far.sum() > 1000 and (km[far] == exact[far]).all()
    assert (km[(km > 0) & ~far] == exact[(km > 0) & ~far]).all()


def test_bytes_that_are_not_utf8_far_into_a_file_are_found_in_their_chunk(tmp_path, gazetteer, actors, monkeypatch):
    """The first bad byte lies past what the decoder reads ahead at the start: the chunks
    before it are not searched, the rows holding one are rejected as the row path does."""
    monkeypatch.setattr(acled_columns, "CHUNK", 50)
    rows: list[dict[str, str] | str] = [event(n) for n in range(1, 801)]
    rows[600] = event(601, tags="bad \udce9 byte in a column the import does not read")
    rows[700] = event(701, notes="bad \udcff byte in the notes")
    export = write_export(tmp_path / "late-bytes.csv", rows)
    assert export.read_bytes().index(b"\xe9") > 100_000
    ends = taken(monkeypatch)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [True]
    assert columnar == outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    report = columnar["report.csv"].decode("utf-8", "surrogateescape")
    assert report.count("is not UTF-8") == 2
    assert b": 800 rows read = 798 written + 2 rejected" in columnar["summary.txt"]
