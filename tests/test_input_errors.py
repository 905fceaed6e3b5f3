"""Every error a user can cause ends in one clear line and exit 2 or 1, never a traceback:
numbers and dates at their limits, damaged CSV files and text, output that cannot be
written, interruptions; and the last-resort net for what nobody foresaw."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SMALL_SEEDS, write_seed_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import schema
from geo._input import (
    MAX_COUNT,
    MAX_CSV_FIELD,
    MAX_DOCUMENT_BYTES,
    finite_number,
    parse_coordinates,
    read_text,
)
from geo.cli import main
from geo.dates import parse_date
from geo.errors import InputError
from geo.seeds import Seeds, read_table
from geo.validate import validate_seeds

GEO = [sys.executable, "-m", "geo"]
HYPOTHESIS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def geo(*argv: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    """Run ``geo`` in this process; (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(argv))
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def outcome(function, *args):
    """``(result, None)``, or ``(None, the InputError raised)``."""
    try:
        return function(*args), None
    except InputError as error:
        return None, error


def one_line(err: str) -> str:
    """The one line of an error on stderr (progress lines such as 'reading...' aside)."""
    lines = [line for line in err.splitlines() if line.strip() and "reading the records" not in line]
    assert "Traceback" not in err, err
    assert len(lines) == 1, err
    return lines[0]


def shell(*argv: str, env: dict | None = None, stdout=subprocess.PIPE, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*GEO, *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )


# --- dates at the calendar's edges ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0000", "year 0000 is out of range"),
        ("9999", "year 9999 is out of range"),
        ("9999-12-31", "year 9999 is out of range"),
        ("000X", "out of range"),
        ("0001~", "would leave the calendar"),
        ("0001-01-01~", "would leave the calendar"),
        ("9998~", "runs from 9997-01-01 to 9999-12-31"),
        ("9998-24", "runs from 9998-12-01 to 9999-02-28"),
    ],
)
def test_dates_beyond_the_limits_are_refused(text, words):
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert words in str(caught.value)
    assert "dates must lie between 0001-01-01 and 9998-12-31" in str(caught.value)


def test_the_limits_themselves_are_dates():
    assert parse_date("0001-01-01").earliest.year == 1
    assert parse_date("9998-12-31").latest.year == 9998


@pytest.mark.parametrize("option", ["--from", "--to"])
@pytest.mark.parametrize("value", ["9999", "9999-12-31", "0000", "10000"])
def test_date_options_beyond_the_limits(option, value):
    code, _out, err = geo("stats", option, value)
    line = one_line(err)
    assert code == 2
    assert line.startswith(f"geo stats: error: {option} {value!r}: {value!r} ")


def test_a_window_before_year_1_is_refused(tmp_path):
    code, _out, err = geo("snapshot", "--at", "0001-01-01", "--window-days", "3", "--out", str(tmp_path / "s.png"))
    assert code == 2
    assert "--at 0001-01-01 with a window of 3 days starts before 0001-01-01" in one_line(err)


@HYPOTHESIS
@given(year=st.integers(min_value=0, max_value=99_999))
def test_any_year_as_a_date_parses_or_is_refused(year):
    text = f"{year:04d}"
    span, error = outcome(parse_date, text)
    if error is not None:
        assert "\n" not in str(error)
        assert not 1 <= year <= 9998 or len(text) > 4
    else:
        assert 1 <= span.earliest.year <= span.latest.year <= 9998


@settings(max_examples=8, deadline=None)
@given(year=st.integers(min_value=0, max_value=99_999), option=st.sampled_from(["--from", "--to"]))
def test_any_year_on_the_command_line(year, option):
    code, _out, err = geo("stats", option, f"{year:04d}", "--by", "region")
    assert code in (0, 1, 2), err
    assert "Traceback" not in err
    if code == 2:
        one_line(err)


# --- records: dates and counts validate refuses ---------------------------------------------
def plant_incident(folder: Path, **cells: str) -> None:
    rows = [dict(row) for row in SMALL_SEEDS[schema.INCIDENTS_FILE]]
    rows[0].update(cells)
    for name, table in SMALL_SEEDS.items():
        write_seed_file(folder, name, rows if name == schema.INCIDENTS_FILE else table)


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"date": "9999-01-05"}, "date", "year 9999 is out of range"),
        ({"date": "0000"}, "date", "year 0000 is out of range"),
        ({"date": "0001~"}, "date", "would leave the calendar"),
        ({"fatalities_high": str(2**63)}, "fatalities_high", "more than 10,000,000"),
        ({"fatalities_high": "9" * 400}, "fatalities_high", "more than 10,000,000"),
        ({"displaced": "10000001"}, "displaced", "more than 10,000,000"),
        ({"fatalities_high": "1e3"}, "fatalities_high", "not a whole number"),
        ({"fatalities_high": "١٢"}, "fatalities_high", "not a whole number"),
    ],
)
def test_validate_refuses_dates_and_counts_beyond_the_limits(tmp_path, gazetteer, cells, column, words):
    folder = tmp_path / "seeds"
    plant_incident(folder, **cells)
    problems = [p for p in validate_seeds(Seeds.load(folder), gazetteer) if p.column == column]
    assert problems, validate_seeds(Seeds.load(folder), gazetteer)
    assert problems[0].line == 2 and words in problems[0].message
    assert len(str(problems[0])) < 400  # a 400-digit value is shortened
    code, _out, err = geo("validate", "--seeds", str(folder))
    assert code == 1 and "Traceback" not in err and f":2:{column}:" in err


def test_the_largest_count_is_accepted(tmp_path, gazetteer):
    folder = tmp_path / "seeds"
    plant_incident(folder, fatalities_low="0", fatalities_best="1", fatalities_high=str(MAX_COUNT))
    assert validate_seeds(Seeds.load(folder), gazetteer) == []


# --- numbers in options and points ----------------------------------------------------------
@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e309", "Infinity"])
def test_finite_number_refuses_non_finite_values(value):
    with pytest.raises(InputError, match="not a finite number"):
        finite_number(value, "--max-uncertainty", low=0, high=100)


@pytest.mark.parametrize(
    "argv",
    [
        ("distance", "nan,nan", "Ménaka"),
        ("distance", "1e309,2", "Ménaka"),
        ("reverse", "nan", "nan"),
        ("reverse", "inf,2"),
        ("area", "nan,nan"),
    ],
)
def test_non_finite_points_are_refused_not_geocoded(argv):
    code, _out, err = geo(*argv)
    line = one_line(err)
    assert code == 2 and "is not a finite number" in line and "Nanan" not in line


def test_near_nan_is_not_the_village_of_nanan():
    code, out, err = geo("geocode", "Ménaka", "--near", "nan,nan", "--json")
    assert code == 2 and out == ""
    assert one_line(err).startswith("geo geocode: error: --near 'nan,nan': latitude 'nan' is not a finite number")


@pytest.mark.parametrize("query", ["nan,nan", "inf,2.4", "1e309,2"])
def test_a_non_finite_point_as_a_query_is_an_error_not_a_place(query):
    code, out, err = geo("geocode", "--json", "--", query)
    assert code == 1 and "Traceback" not in err
    assert '"status": "error"' in out and "is not a finite number" in out and "Nanan" not in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("places", "--limit", "nan"), "--limit 'nan': not a whole number"),
        (("places", "--limit", "99999999999999999999"), "--limit '99999999999999999999': out of range"),
        (("reverse", "15", "2", "--limit", "1e3"), "--limit '1e3': not a whole number"),
        (("reverse", "15", "2", "--limit", "0"), "--limit '0': out of range"),
        (("stats", "--max-uncertainty", "nan"), "--max-uncertainty 'nan': not a finite number"),
        (("stats", "--by", "hex", "--hex-resolution", "nan"), "--hex-resolution 'nan': not a whole number"),
        (("map", "--window-days", "nan"), "--window-days 'nan': not a whole number"),
        (("map", "--window-days", "99999999999"), "--window-days '99999999999': out of range"),
        (("snapshot", "--at", "2023", "--window-days", "5e-324", "--out", "x.png"), "not a whole number"),
        (("map", "--bbox", "nan,14,4,17"), "west 'nan': not a finite number"),
        (("map", "--bbox=-1e309,14,4,17"), "west '-1e309': not a finite number"),
        (("map", "--bbox", "0,14,4,1e999"), "north '1e999': not a finite number"),
    ],
)
def test_option_numbers_must_be_finite_and_in_range(argv, words):
    code, _out, err = geo(*argv)
    assert code == 2
    assert words in one_line(err)


_FLOAT_TEXT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "-nan", "inf", "1e309", "5e-324", "-0.0", "1e-320", "90.0000001", "+1.", ".5e1"]),
)


@HYPOTHESIS
@given(lat=_FLOAT_TEXT, lon=_FLOAT_TEXT)
def test_any_float_text_as_a_point(lat, lon):
    code, _out, err = geo("distance", "--", f"{lat},{lon}", "15.9,2.4")  # '--': a negative latitude
    assert code in (0, 2), err
    if code == 2:
        one_line(err)
    else:
        assert "Traceback" not in err


@HYPOTHESIS
@given(value=_FLOAT_TEXT)
def test_any_float_text_as_a_coordinate_parses_or_is_refused(value):
    point, error = outcome(parse_coordinates, f"{value},2")
    if error is not None:
        assert "\n" not in str(error)
    else:
        assert point is None or -90 <= point[0] <= 90


@settings(max_examples=6, deadline=None)
@given(value=_FLOAT_TEXT)
def test_any_float_text_near(value):
    code, _out, err = geo("geocode", "Ménaka", f"--near={value},2.4")
    assert code in (0, 1, 2) and "Traceback" not in err
    if code == 2:
        assert "--near" in one_line(err)


@HYPOTHESIS
@given(value=_FLOAT_TEXT)
def test_any_float_text_as_window_days_or_bbox(value):
    code, _out, err = geo("map", f"--window-days={value}", f"--bbox={value},14,4,17")
    assert code == 2
    one_line(err)


# --- output that cannot be written ----------------------------------------------------------
def test_a_full_device_is_one_line_and_exit_1():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = shell("places", "--limit", "0", stdout=full)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert one_line(err) == "geo places: error: cannot write to standard output: No space left on device"


def test_an_ascii_terminal_gets_escapes_not_an_error():
    done = shell("places", "menaka", env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert b"M\\xe9naka" in done.stdout and b"Traceback" not in done.stderr


def test_an_ascii_terminal_gets_valid_json():
    import json

    done = shell("places", "menaka", "--json", env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[0])["name"] == "Ménaka"


def test_a_closed_pipe_exits_141_quietly():
    with subprocess.Popen([*GEO, "places", "--limit", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode()
        status = process.wait(timeout=120)
    assert status == 141, err
    assert err == ""


@pytest.mark.parametrize(
    ("raised", "status", "words"),
    [
        (KeyboardInterrupt(), 130, "geo places: interrupted"),
        (BrokenPipeError(32, "Broken pipe"), 141, None),
        (FileNotFoundError(2, "No such file or directory", "/x/y.csv"), 1, "geo places: error: /x/y.csv: No such file"),
        (PermissionError(13, "Permission denied", "out.html"), 1, "geo places: error: out.html: Permission denied"),
        (OSError(5, "Input/output error"), 1, "geo places: error: Input/output error"),
        (UnicodeEncodeError("ascii", "é", 0, 1, "no"), 1, "which the encoding 'ascii' cannot write"),
        (RecursionError("maximum recursion depth exceeded"), 1, "nested too deeply"),
        (MemoryError(), 1, "out of memory"),
        (ZeroDivisionError("division by zero"), 1, "geo places: internal error: ZeroDivisionError: division by zero"),
    ],
)
def test_main_turns_each_failure_into_one_line(monkeypatch, raised, status, words):
    def run(args):
        raise raised

    monkeypatch.setattr("geo.cli.places.run", run)
    monkeypatch.delenv("GEO_DEBUG", raising=False)
    code, _out, err = geo("places")
    assert code == status
    if words is None:
        assert err == ""
    else:
        assert words in one_line(err)


def test_internal_error_says_how_to_report_and_geo_debug_shows_it(monkeypatch):
    def run(args):
        raise KeyError("boom")

    monkeypatch.setattr("geo.cli.places.run", run)
    monkeypatch.delenv("GEO_DEBUG", raising=False)
    _code, _out, err = geo("places")
    assert "please report this with the command that caused it; set GEO_DEBUG=1" in one_line(err)
    monkeypatch.setenv("GEO_DEBUG", "1")
    with pytest.raises(KeyError):
        geo("places")


# --- documents: standard input and odd files ------------------------------------------------
def test_invalid_utf8_on_stdin_is_refused_like_in_a_file(tmp_path, monkeypatch):
    data = "Le 8 mars, à Ménaka.\n".encode() + b"Deuxi\xe8me ligne\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    with pytest.raises(InputError) as from_stdin:
        read_text("-", what="text document")
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as from_file:
        read_text(path, what="text document")
    assert str(from_stdin.value).startswith("standard input: byte 28 is not UTF-8 (0xe8, on line 2)")
    assert str(from_file.value) == str(from_stdin.value).replace("standard input", str(path))


def test_extract_refuses_invalid_utf8_on_stdin():
    code, out, err = geo("extract", "-", stdin=b"Attack near M\xe9naka on 8 March 2022.\n")
    assert code == 1 and out == "" and "Traceback" not in err
    assert "standard input: byte 13 is not UTF-8 (0xe9, on line 1)" in err


def test_extract_dev_zero_is_refused_at_once():
    done = shell("extract", "/dev/zero", timeout=60)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "/dev/zero is not a regular file (a device, pipe or socket)" in err and "Traceback" not in err


def test_extract_refuses_a_symlink_loop_and_a_huge_file(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: no disk used
    code, _out, err = geo("extract", str(loop), str(huge))
    assert code == 1 and "Traceback" not in err
    assert f"{loop}: a loop of symbolic links" in err
    assert f"{huge} is 50.0 MB; a text document may be at most 50 MB: split it" in err


def test_geocode_batch_on_stdin_reports_bad_bytes_and_accepts_a_real_replacement_character():
    data = "query\nGao\ufffd\n".encode() + b"M\xe9naka\n"
    code, out, err = geo("geocode", "--batch", "-", stdin=data)
    assert code == 1 and "Traceback" not in err
    assert "standard input, line 3, column 'query': the text is not valid UTF-8" in err
    assert "line 2" not in err  # the U+FFFD of line 2 is text, not a decoding error
    assert out.splitlines()[0].startswith("Gao\ufffd\tGao [ml-gao]")


# --- CSV files: seeds ------------------------------------------------------------------------
def write_incidents(folder: Path, text: str) -> Path:
    for name, rows in SMALL_SEEDS.items():
        write_seed_file(folder, name, rows)
    path = folder / schema.INCIDENTS_FILE
    path.write_text(text, encoding="utf-8")
    return path


def incident_lines() -> list[str]:
    folder_text = io.StringIO()
    import csv

    writer = csv.DictWriter(folder_text, fieldnames=schema.SEED_SCHEMAS[schema.INCIDENTS_FILE][0], lineterminator="\n")
    writer.writeheader()
    for row in SMALL_SEEDS[schema.INCIDENTS_FILE]:
        writer.writerow(row)
    return folder_text.getvalue().splitlines()


def test_seeds_a_quote_never_closed_is_reported_where_it_opened(tmp_path):
    lines = incident_lines()
    lines[2] = lines[2].replace(",", ',"', 1)  # an opening quote in the second record's second cell
    path = write_incidents(tmp_path / "seeds", "\n".join(lines[:3]) + "\n")
    table = read_table(path, schema.INCIDENTS_FILE)
    assert len(table.rows) == 1
    (problem,) = table.problems
    assert problem.line == 3 and "a quote opened on line 3 is never closed" in problem.message


def test_seeds_a_huge_cell_is_reported_with_its_line(tmp_path):
    lines = incident_lines()
    lines[2] = lines[2] + "x" * (MAX_CSV_FIELD + 10)
    path = write_incidents(tmp_path / "seeds", "\n".join(lines) + "\n")
    table = read_table(path, schema.INCIDENTS_FILE)
    assert [(p.line, p.message.split(" (")[0]) for p in table.problems] == [
        (3, f"a cell longer than {MAX_CSV_FIELD:,} characters")
    ]


def test_seeds_a_row_missing_cells_is_reported_not_padded(tmp_path):
    lines = incident_lines()
    lines[2] = lines[2].rsplit(",", 3)[0]
    path = write_incidents(tmp_path / "seeds", "\n".join(lines) + "\n")
    table = read_table(path, schema.INCIDENTS_FILE)
    assert [p.line for p in table.problems] == [3]
    assert "cells but the header has" in table.problems[0].message
    assert [row.line for row in table.rows] == [2, *range(4, len(lines) + 1)]


def test_seeds_a_real_replacement_character_in_a_note_is_accepted(tmp_path, gazetteer):
    folder = tmp_path / "seeds"
    plant_incident(folder, note="The source prints \ufffd where a name was.")
    assert validate_seeds(Seeds.load(folder), gazetteer) == []


# --- CSV files: ACLED and UCDP exports --------------------------------------------------------
@pytest.fixture
def acled(tmp_path):
    from test_imports import NEW_HEADER, acled_row, write_csv

    rows = [acled_row(f"MLI{i}") for i in range(5)]
    return write_csv(tmp_path / "acled.csv", NEW_HEADER, rows)


@pytest.fixture
def import_actors(tmp_path):
    from test_imports import ACTORS, write_csv

    from geo.actors import ActorIndex

    folder = tmp_path / "seeds"
    folder.mkdir()
    write_csv(folder / schema.ACTORS_FILE, list(schema.ACTOR_COLUMNS), [{**a, "colour": "#123456"} for a in ACTORS])
    return ActorIndex.from_table(Seeds.load(folder).actors)


def test_import_a_quote_never_closed(acled, gazetteer, import_actors):
    from geo.imports import import_acled

    lines = acled.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",", ',"', 1)
    acled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"acled.csv, line 3: malformed quoting in the row that starts on line 3"):
        import_acled(acled, gazetteer=gazetteer, actors=import_actors)
    lines[2] = lines[2].replace(',"', ",", 1)
    lines[-1] = lines[-1].rsplit(",", 1)[0] + ',"4'  # the last row: the rest of the file is one cell
    acled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"acled.csv, line 6: a quote opened on line 6 is never closed"):
        import_acled(acled, gazetteer=gazetteer, actors=import_actors)


def test_import_two_columns_of_the_same_name(acled, gazetteer, import_actors):
    from geo.imports import import_acled

    lines = acled.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("admin2", "admin1")
    acled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"acled.csv, line 1: column\(s\) named twice: admin1"):
        import_acled(acled, gazetteer=gazetteer, actors=import_actors)


def test_import_rows_missing_or_with_extra_cells_are_rejected(acled, gazetteer, import_actors):
    from geo.imports import import_acled

    lines = acled.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0]  # the last cell (timestamp) lost
    lines[4] = lines[4] + ",extra"
    acled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_acled(acled, gazetteer=gazetteer, actors=import_actors).report
    assert (report.rows_read, report.rows_written, report.rows_rejected) == (5, 3, 2)
    assert sorted(p.line for p in report.problems) == [3, 5]
    assert any("cells are missing" in p.message for p in report.problems)


def test_import_accepts_a_real_replacement_character_and_names_bad_bytes(acled, gazetteer, import_actors):
    from geo.imports import import_acled

    data = acled.read_bytes()
    data = data.replace(b"armed men", "armed \ufffd men".encode(), 1)
    data = data.replace(b"armed men", b"armed \xe9 men", 1)
    acled.write_bytes(data)
    report = import_acled(acled, gazetteer=gazetteer, actors=import_actors).report
    assert (report.rows_written, report.rows_rejected) == (4, 1)
    (problem,) = report.problems
    assert (problem.line, problem.column) == (3, "notes")
    assert "byte 0xe9" in problem.message and "is not UTF-8" in problem.message


def test_import_a_huge_cell(acled, gazetteer, import_actors):
    from geo.imports import import_acled

    lines = acled.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("armed men", "x" * (MAX_CSV_FIELD + 1), 1)
    acled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 4: a cell longer than 10,000,000 characters"):
        import_acled(acled, gazetteer=gazetteer, actors=import_actors)


def test_import_a_fatalities_count_of_400_digits(acled, gazetteer, import_actors):
    from geo.imports import import_acled

    acled.write_text(acled.read_text(encoding="utf-8").replace(",4,,\n", "," + "9" * 400 + ",,\n", 1), encoding="utf-8")
    report = import_acled(acled, gazetteer=gazetteer, actors=import_actors).report
    (problem,) = report.problems
    assert problem.column == "fatalities" and f"{MAX_COUNT:,}" in problem.fix


def test_import_a_symlink_loop_and_a_device(tmp_path, gazetteer, import_actors):
    from geo.imports import import_acled

    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="a loop of symbolic links"):
        import_acled(loop, gazetteer=gazetteer, actors=import_actors)
    with pytest.raises(InputError, match="not a regular file"):
        import_acled(Path("/dev/zero"), gazetteer=gazetteer, actors=import_actors)


# --- open date ranges: never "swap the two dates" -------------------------------------------
def test_timeline_from_after_the_last_change_still_has_its_period():
    code, out, err = geo("timeline", "isgs", "--from", "2030", "--csv")
    assert code == 0 and "swap" not in err
    assert out.splitlines()[1].startswith("2030-01,2030-01-01,2030-01-31,")


def test_timeline_to_before_the_first_change_is_empty_with_a_reason():
    code, _out, err = geo("timeline", "isgs", "--to", "2001", "--csv")
    assert code == 0 and "swap" not in err
    assert "isgs has no zone in the range asked; its zones run from" in err


def test_chart_from_after_the_last_change(tmp_path):
    code, _out, err = geo("chart", "isgs", "--from", "2030", "--out", str(tmp_path / "c.png"))
    assert code == 0 and "swap" not in err, err


def test_report_from_without_to(tmp_path):
    code, _out, err = geo("report", "--from", "2022", "--out", str(tmp_path / "r.html"))
    assert code == 0 and "swap" not in err, err
    assert (tmp_path / "r.html").stat().st_size > 0


def test_a_range_given_backwards_still_says_swap():
    code, _out, err = geo("timeline", "isgs", "--from", "2024", "--to", "2023")
    assert code == 2 and "swap the two dates" in one_line(err)
