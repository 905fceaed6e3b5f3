"""The columnar import's CSV reader on pyarrow (:mod:`geo._csv_batches`, issue 18):
the cells and line numbers ``csv.reader`` gives, or a refusal that hands the file to
``csv.reader``; in both cases the import writes the row path's bytes."""

from __future__ import annotations

import csv
import io
import random
import re

import pytest

from geo import _csv_batches as csv_batches
from geo._csv_batches import NotForArrowError, read_batches, scan
from geo._distinct import Cells
from geo.actors import ActorIndex
from geo.errors import InputError
from geo.imports import acled_columns
from geo.seeds import Seeds

pytest.importorskip("pyarrow")

from test_import_columnar import HEADER, QUIRKS, event, line, outputs, taken, write_export

# The quirks pyarrow reads as csv.reader does: all but the lines of another width than the
# header's, the bytes that are not UTF-8, the line breaks and NULs inside cells (those make
# it refuse a file, below).
CLEAN_QUIRKS = [
    row
    for row in QUIRKS
    if row == ""
    or (isinstance(row, dict) and not any("\udc80" <= c <= "\udcff" or c in "\r\n\x00" for c in "".join(row.values())))
]


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex.from_table(Seeds.load().actors)


def small_batches(monkeypatch, block: int) -> None:
    """pyarrow's blocks of ``block`` bytes, four a batch: batches of a few rows, so that
    a small file is read in several (lines counted, ids met, answers awaited across them)."""
    monkeypatch.setattr(csv_batches, "_BLOCK_SIZE", block)
    monkeypatch.setattr(csv_batches, "_BLOCKS_A_BATCH", 4)


def read_to_the_end(monkeypatch) -> list[bool]:
    """Record, for each import, whether pyarrow read the file to its end."""
    ends: list[bool] = []
    real = acled_columns.read_batches

    def recorded(*args, **kwargs):
        try:
            yield from real(*args, **kwargs)
        except NotForArrowError:
            ends.append(False)
            raise
        ends.append(True)

    monkeypatch.setattr(acled_columns, "read_batches", recorded)
    return ends


def test_work_meanwhile_runs_once_while_pyarrow_reads_the_first_batch(tmp_path, monkeypatch):
    import threading

    small_batches(monkeypatch, 2048)  # (several batches)
    export = write_export(tmp_path / "export.csv", [event(n) for n in range(1, 60)])
    calls: list[bool] = []  # whether pyarrow's thread was reading when called

    def meanwhile() -> None:
        calls.append(any(thread.name == "csv-batches" for thread in threading.enumerate()))

    batches = read_batches(export, tuple(HEADER), ",", ("event_id_cnty",), meanwhile=meanwhile)
    assert calls == []  # (nothing started before the first batch is asked for)
    first = next(batches)
    assert calls == [True]
    counts = [first.count, *(batch.count for batch in batches)]
    assert calls == [True] and sum(counts) == 59 and len(counts) > 1


@pytest.mark.parametrize("crlf", [False, True])
def test_quirks_pyarrow_reads_give_the_row_paths_bytes_across_batches(crlf, tmp_path, gazetteer, actors, monkeypatch):
    small_batches(monkeypatch, 2048)  # a batch of a few rows: lines counted across batches
    export = write_export(tmp_path / "clean.csv", CLEAN_QUIRKS, bom=True, crlf=crlf)
    ends = read_to_the_end(monkeypatch)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [True]
    assert columnar == outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    report = columnar["report.csv"].decode("utf-8")
    for said in ("not a date when read day first", "not a latitude in decimal degrees", "no actor1", "not an event id"):
        assert said in report, said


@pytest.mark.parametrize("blank", [True, False])
@pytest.mark.parametrize("block", [2048, 1 << 23])
def test_csv_reader_and_pyarrow_give_the_same_bytes_on_a_clean_export(
    block, blank, tmp_path, gazetteer, actors, monkeypatch
):
    """The chunks read by csv.reader (plain lists) and by pyarrow (numbered cells, columns
    drawn from tables, kept so when blank or bad rows are taken out) go through the same
    checks and writer: the same bytes."""
    small_batches(monkeypatch, block)
    quirks = CLEAN_QUIRKS if blank else [row for row in CLEAN_QUIRKS if row != ""]
    rows = quirks + [event(n, fatalities=str(n % 3), latitude=f"15.9{n % 7}") for n in range(40, 90)]
    export = write_export(tmp_path / "clean.csv", rows)
    ends = read_to_the_end(monkeypatch)
    by_arrow = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [True]  # pyarrow read it all, and the columnar path wrote it
    monkeypatch.setattr(acled_columns, "arrow_available", lambda: False)
    assert outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True) == by_arrow
    assert outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False) == by_arrow


@pytest.mark.parametrize(
    "repeat",
    [
        {"event_id_cnty": "MLI41"},  # a good row's id, far below it
        {"event_id_cnty": "mli41"},  # the same id in lower case
        {"event_id_cnty": "MLI41", "latitude": "95.5"},  # on a row rejected
        {"event_id_cnty": " MLI41 "},  # with blanks around it
    ],
)
def test_an_id_repeated_in_another_batch_hands_the_file_to_the_row_path(
    repeat, tmp_path, gazetteer, actors, monkeypatch
):
    """pyarrow's ids are met a batch at a time and counted once every batch is read: an id
    of an earlier batch, in whatever case and on whatever row, is found then, and the row
    path writes the file (as for csv.reader, where the set of ids finds it at its row)."""
    small_batches(monkeypatch, 2048)
    rows = [event(n) for n in range(40, 90)] + [event(91, **repeat)]
    export = write_export(tmp_path / "repeat.csv", rows)
    ends = taken(monkeypatch)
    read = read_to_the_end(monkeypatch)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert read == [True] and ends == [False]  # read by pyarrow to the end, then given up
    assert columnar == outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    monkeypatch.setattr(acled_columns, "arrow_available", lambda: False)
    assert outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True) == columnar


def test_a_bad_row_after_blank_lines_is_named_by_its_line(tmp_path, gazetteer, actors, monkeypatch):
    small_batches(monkeypatch, 1024)
    rows = [event(1), "", event(2), "", "", event(3), event(4, latitude="95.5"), event(5)]
    export = write_export(tmp_path / "lines.csv", rows)
    ends = read_to_the_end(monkeypatch)
    columnar = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    assert ends == [True]
    problems = list(csv.DictReader(io.StringIO(columnar["report.csv"].decode("utf-8"))))
    assert [p["line"] for p in problems if p["value"] == "95.5"] == ["8"]  # header 1, rows 2-9
    assert columnar == outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)


REFUSED = {
    "a quoted cell followed by text": line(event(1)).replace("Invented Source", '"Invented" Source', 1),
    "an empty quoted cell followed by text": line(event(1)).replace("Invented Source", '""Invented Source', 1),
    "a quote inside a cell that is not quoted": line(event(1)).replace("Invented Source", 'Invented 5" Source', 1),
    "a quote never closed": line(event(1)).replace("Invented Source", '"Invented Source', 1),
    "a NUL byte": line(event(1)).replace("Invented Source", "Invented\x00Source", 1),
    "a byte that is not UTF-8": line(event(1)).replace("Invented Source", "Invented \udce9 Source", 1),
    "a row of another width": line(event(1)) + ",x",
    "a line of blanks": "   ",
    "a line break inside a quoted cell": line(event(1, notes="one\ntwo")),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_pyarrow_might_read_otherwise_is_read_by_csv_reader(name, tmp_path, gazetteer, actors, monkeypatch):
    export = write_export(tmp_path / "refused.csv", [event(5), REFUSED[name], event(6)])
    header = tuple(HEADER)
    with pytest.raises(NotForArrowError):
        list(read_batches(export, header, ",", ("event_id_cnty",)))
    try:  # a broken CSV: the row path names the line; the columnar path must say the same
        expected = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)
    except InputError as error:
        ends = read_to_the_end(monkeypatch)
        with pytest.raises(InputError, match=re.escape(str(error))):
            outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True)
    else:
        ends = read_to_the_end(monkeypatch)
        assert outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True) == expected
    assert ends == [False]


def test_a_scan_that_fails_beside_the_reading_hands_the_file_to_csv_reader(
    tmp_path, gazetteer, actors, monkeypatch, capfd
):
    """The scan runs on its own thread, its answer awaited after the last batch: one that
    fails (a read error) refuses the file quietly, and csv.reader reads it."""
    small_batches(monkeypatch, 2048)  # batches read before the answer
    export = write_export(tmp_path / "clean.csv", [event(n) for n in range(1, 40)])
    expected = outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=False)

    def failing(*args, **kwargs):
        raise OSError("the disk went away")

    monkeypatch.setattr(csv_batches, "scan", failing)
    with pytest.raises(NotForArrowError):
        list(read_batches(export, tuple(HEADER), ",", ("event_id_cnty",)))
    ends = read_to_the_end(monkeypatch)
    assert outputs(export, tmp_path, gazetteer, actors, monkeypatch, columnar=True) == expected
    assert ends == [False]
    assert "Traceback" not in capfd.readouterr().err


def test_a_quote_in_the_header_line_is_refused(tmp_path):
    export = tmp_path / "header.csv"
    export.write_text('"event_id_cnty",notes\nMLI1,x\n', encoding="utf-8")
    with pytest.raises(NotForArrowError, match="header"):
        list(read_batches(export, ("event_id_cnty", "notes"), ",", ("notes",)))


def test_cells_and_lines_are_csv_readers_whatever_the_scan_blocks(tmp_path, monkeypatch):
    """Random files written by csv.writer, with quotes, commas, blanks and line breaks in
    the cells, read with scan blocks of a few bytes (runs of quotes at their edges) and
    batches of a few rows: the stripped cells and lines of csv.reader, or a refusal
    where a cell holds a line break."""
    small_batches(monkeypatch, 256)
    pieces = ["a", "Gao", '"', '""', ",", " ", "\n", "\r\n", "\r", "é", "x y", "", "a", "Gao", "x y", "2", "b"]
    generator = random.Random(18)
    checked = 0
    for trial in range(200):
        monkeypatch.setattr(csv_batches, "_SCAN_BLOCK", generator.choice([1, 2, 3, 7, 64, 1 << 22]))
        some = pieces if trial % 4 == 0 else [piece for piece in pieces if piece.strip("\r\n")]
        rows = [["".join(generator.choices(some, k=generator.randint(0, 4))) for _ in range(3)] for _ in range(30)]
        handle = io.StringIO()
        csv.writer(handle, lineterminator=generator.choice(["\n", "\r\n"])).writerows([["h1", "h2", "h3"], *rows])
        path = tmp_path / f"random{trial}.csv"
        path.write_bytes(handle.getvalue().encode("utf-8"))
        expected_cells: list[list[str]] = []
        expected_lines: list[int] = []
        with path.open(encoding="utf-8", newline="") as text:
            reader = csv.reader(text)
            next(reader)
            previous = reader.line_num
            for row in reader:
                expected_cells.append([cell.strip() for cell in row] or ["", "", ""])  # a blank line
                expected_lines.append(previous + 1)
                previous = reader.line_num
        found = scan(path, ",")
        if any(len(row) != 3 for row in expected_cells) or found.breaks:
            # csv.writer leaves a lone CR unquoted (csv.reader ends a line there, pyarrow
            # refuses the row), and a line break inside a quoted cell is refused
            with pytest.raises(NotForArrowError):
                list(read_batches(path, ("h1", "h2", "h3"), ",", ("h1",)))
            continue
        assert found.agree, handle.getvalue()
        cells: list[list[str]] = []
        lines: list[int] = []
        numbered = ("h2", "h3") if trial % 2 else ()  # read as pyarrow dictionaries, numbered
        for batch in read_batches(path, ("h1", "h2", "h3"), ",", ("h1", "h2", "h3"), numbered):
            cells.extend(map(list, zip(*(batch.cells[name] for name in ("h1", "h2", "h3")), strict=True)))
            lines.extend(batch.starts)
            for name in numbered:
                column = batch.cells[name]
                assert isinstance(column, Cells)
                assert column.distinct == list(dict.fromkeys(column))  # in the order of the first rows
                assert [column.distinct[code] for code in column.codes] == column
        assert cells == expected_cells
        assert lines == expected_lines
        checked += 1
    assert checked >= 100


@pytest.mark.parametrize(
    "text",
    ['h\n"a"b\n', 'h\n"a"""b\n', 'h\n""b\n', 'h\n"a\n', 'h\na"b\n', 'h\n"a" \n'],
    ids=["closed then text", "closed after a doubled quote", "empty then text", "never closed", "inside", "space"],
)
@pytest.mark.parametrize("block", [1, 2, 3, 1 << 22])
def test_the_scan_refuses_quotes_csv_reader_stops_on_whatever_its_blocks(text, block, tmp_path, monkeypatch):
    monkeypatch.setattr(csv_batches, "_SCAN_BLOCK", block)
    path = tmp_path / "bad.csv"
    path.write_bytes(text.encode())
    assert not scan(path, ",").agree


def test_a_column_of_strings_is_made_python_strings_only_where_used(tmp_path):
    """The ids and notes come as ArrowStrings: a list of the stripped cells once used,
    and pickled as pyarrow's array, its strings not made (the notes go so to the process
    that writes them)."""
    import pickle

    from geo._csv_batches import ArrowStrings

    export = write_export(tmp_path / "x.csv", [event(1, notes=" one, two "), event(2, notes="three")])
    [batch] = read_batches(export, tuple(HEADER), ",", ("notes", "event_id_cnty"))
    notes = batch.cells["notes"]
    assert isinstance(notes, ArrowStrings)
    sent = pickle.loads(pickle.dumps(notes))
    assert notes._cells is None and sent._cells is None  # nothing made by the pickling
    assert list(sent) == ["one, two", "three"] and sent[1] == "three" and len(sent) == 2
    assert sent == ["one, two", "three"] and "three" in sent and "" not in sent


def test_pyarrows_trim_is_pythons_strip_on_every_character():
    """The import strips pyarrow's strings with ``utf8_trim_whitespace`` (when a probe
    of a few characters agrees, :func:`geo._csv_batches._trim_is_strip`): here, on every
    character, with the pyarrow the tests run on."""
    import pyarrow.compute as pc

    from geo._arrow import strings
    from geo._csv_batches import ArrowStrings, _trim_is_strip

    characters = [chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF]
    cells = [f"{character}a{character}" for character in characters]
    trimmed = pc.utf8_trim_whitespace(strings(cells)).to_pylist()
    assert [cell for cell, trim in zip(cells, trimmed, strict=True) if trim != cell.strip()] == []
    assert _trim_is_strip()
    assert ArrowStrings(strings([" a\u3000", "\x1cb", "c"])).stripped().to_pylist() == ["a", "b", "c"]


def test_event_ids_checked_on_bytes_are_judged_as_python_judges_them():
    """Ids all of letters, digits and hyphens are found so on pyarrow's buffers (no
    string made); any other cell sends the chunk to the kernels: the rows without an id,
    or with a malformed one, are those of the ids as Python strings."""
    from geo._arrow import strings
    from geo._csv_batches import ArrowStrings
    from geo.imports.acled_event_ids import _ID_BYTES, EventIds

    cases = [
        ["MLI1", "NER-2", "bfa30"],
        ["MLI1", ""],
        ["MLI 1", "MLI2"],
        [" MLI1", "MLI2\t"],
        ["MLÏ1"],
        ["a\x00b"],
        ["MLI1", "=1+1"],
        [],
    ]
    for cells in cases:
        column = ArrowStrings(strings(cells))
        stripped = [cell.strip() for cell in cells]
        assert column.only(_ID_BYTES) == (
            all(cells) and all(c.isascii() and (c.isalnum() or c == "-") for cell in cells for c in cell)
        )
        assert EventIds.malformed_rows(column) == EventIds.malformed_rows(stripped)
        assert EventIds.empty_rows(column) == EventIds.empty_rows(stripped)
    sliced = ArrowStrings(strings(["x y", "MLI1", "MLI2", "a b"]).slice(1, 2))  # (the buffers' offsets)
    assert sliced.only(_ID_BYTES) and EventIds.malformed_rows(sliced) == []


def test_event_ids_as_numbers_are_equal_only_for_equal_ids():
    import random

    from geo._arrow import strings
    from geo.imports.acled_event_ids import _NUMBER_WIDTH, _id_numbers

    alphabet = "-0123456789abcdefghijklmnopqrstuvwxyz"
    rng = random.Random(18)
    ids = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, _NUMBER_WIDTH))) for _ in range(20_000)]
    ids += ["-", "--", "z" * _NUMBER_WIDTH, "0", "00", "a", "a-", "-a", *ids[:500]]  # (edges, and repeats)
    numbers = _id_numbers(strings(ids)).tolist()
    first: dict[int, str] = {}
    for cell, number in zip(ids, numbers, strict=True):
        assert first.setdefault(number, cell) == cell
    assert len(first) == len(set(ids))
    for refused in (["a" * (_NUMBER_WIDTH + 1)], ["MLI1"], ["mli 1"], [""], ["mlï1"]):
        assert _id_numbers(strings(refused)) is None
    assert (
        _id_numbers(strings(["x", "mli1", "mli2", "y"]).slice(1, 2)).tolist()
        == _id_numbers(strings(["mli1", "mli2"])).tolist()
    )


@pytest.mark.parametrize("width", [4, 20])  # (ids numbered, or too long for a number: counted by pyarrow)
@pytest.mark.parametrize("where", ["none", "later chunk", "rejected row"])
def test_an_id_met_in_two_chunks_is_found_once_all_are_read(width, where):
    from geo._arrow import strings
    from geo._csv_batches import ArrowStrings
    from geo.imports.acled_event_ids import EventIds, RowPathError

    def ids(numbers):
        return ArrowStrings(strings([f"MLI{n:0{width}d}" for n in numbers]))

    found = EventIds()
    found.add(ids(range(50)), set(), [])
    later = {"none": range(50, 100), "later chunk": [*range(50, 99), 7], "rejected row": range(50, 100)}[where]
    rejected = [f"acled-mli{7:0{width}d}"] if where == "rejected row" else [f"acled-mli{500:0{width}d}"]
    found.add(ids(later), {0}, rejected)  # (a row's id is left out as bad: its record id among the rejected)
    if where == "none":
        found.finish()
    else:
        with pytest.raises(RowPathError):
            found.finish()
    with pytest.raises(RowPathError):  # (inside one chunk: found with it)
        EventIds().add(ids([1, 2, 1]), set(), [])
