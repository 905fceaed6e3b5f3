"""Reading a seeds CSV with pyarrow (``geo.seeds.csv_table``, through
``geo._csv_batches``): the rows, lines and problems of reading it with ``csv.reader``,
whatever the blank rows, white space, spreadsheet apostrophes, quotes and line breaks;
a file pyarrow might read otherwise is read by ``csv.reader``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import _csv_batches
from geo.seeds import csv_table, read_table

pytest.importorskip("pyarrow")

HEADER = ["id", "date", "note"]
PIECES = ["a", "Gao", " ", "\t", "'", "'=1+2", "x,'y", '"', ",", "\n", "\r\n", "é", "", "2022"]


def as_read(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str], int]:
    """Each row's line and cells (every row made), the problems, and the table's length."""
    table = read_table(path, "incidents.csv")
    length = len(table)
    return [(row.line, dict(row)) for row in table.rows], [str(p) for p in table.problems], length


def read_both(path: Path, monkeypatch) -> tuple[tuple, tuple, list[bool]]:
    """The file read by pyarrow when it can (and whether it did), then by csv.reader."""
    used: list[bool] = []
    real = _csv_batches.read_batches

    def spied(*args, **kwargs):
        try:
            yield from real(*args, **kwargs)
        except _csv_batches.NotForArrowError:
            used.append(False)
            raise
        used.append(True)

    with monkeypatch.context() as patch:
        patch.setattr(csv_table, "ARROW_CHARACTERS", 0)
        patch.setattr(_csv_batches, "read_batches", spied)
        patch.setattr(_csv_batches, "_BLOCK_SIZE", 64)  # batches of a few rows
        patch.setattr(_csv_batches, "_BLOCKS_A_BATCH", 4)
        by_arrow = as_read(path)
    with monkeypatch.context() as patch:
        patch.setattr(csv_table, "ARROW_CHARACTERS", 1 << 62)
        by_csv = as_read(path)
    return by_arrow, by_csv, used


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.one_of(
            st.lists(st.lists(st.sampled_from(PIECES), max_size=3).map("".join), min_size=3, max_size=3),
            st.just([]),  # a blank line
            st.just(["  ", "", "\t"]),  # a row of white space
            st.just(["a", "b"]),  # a row of another width
        ),
        max_size=12,
    ),
    end=st.sampled_from(["\n", "\r\n"]),
)
def test_pyarrow_reads_the_rows_lines_and_problems_of_csv_reader(rows, end, tmp_path, monkeypatch):
    handle = io.StringIO()
    writer = csv.writer(handle, lineterminator=end)
    writer.writerow(HEADER)
    for row in rows:
        if row:
            writer.writerow(row)
        else:
            handle.write(end)
    path = tmp_path / "incidents.csv"
    path.write_text(handle.getvalue(), encoding="utf-8", newline="")
    by_arrow, by_csv, _used = read_both(path, monkeypatch)
    assert by_arrow == by_csv
    assert by_arrow[2] == len(by_arrow[0])


def test_a_clean_file_is_read_by_pyarrow_and_a_row_of_another_width_by_csv_reader(tmp_path, monkeypatch):
    path = tmp_path / "incidents.csv"
    lines = ["id,date,note", *(f"inc-{n},2022-03-0{n % 9 + 1},'=SUM({n})" for n in range(40)), "  ,\t, ", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    by_arrow, by_csv, used = read_both(path, monkeypatch)
    assert used == [True] and by_arrow == by_csv
    assert by_arrow[0][0] == (2, {"id": "inc-0", "date": "2022-03-01", "note": "=SUM(0)"})  # the apostrophe undone
    assert len(by_arrow[0]) == 40  # the blank row left out
    path.write_text("\n".join([*lines[:5], "inc-99,2022", *lines[5:]]), encoding="utf-8")
    by_arrow, by_csv, used = read_both(path, monkeypatch)
    assert used == [False] and by_arrow == by_csv
    assert any(":6:-: " in p and "the row has 2 cells but the header has 3" in p for p in by_arrow[1])
