"""The incidents' CSV text made by pyarrow's kernels (:func:`geo.imports.csv_writer.columns_bytes`)
and written by a thread of its own (:mod:`geo.imports.writer_thread`, issue 18): the
bytes Python's own text gives, for every form a column comes in and every cell a
spreadsheet or a CSV reader could misread."""

from __future__ import annotations

import random
import threading

import numpy as np
import pytest

pa = pytest.importorskip("pyarrow")

from geo._csv_batches import ArrowStrings  # noqa: E402
from geo._distinct import Cells, spread, take  # noqa: E402
from geo._whitespace import NOT_SPACES  # noqa: E402
from geo.actors import ActorIndex  # noqa: E402
from geo.imports import acled_columns  # noqa: E402
from geo.imports.acled_chunk_incidents import incident_notes, record_ids  # noqa: E402
from geo.imports.csv_writer import (  # noqa: E402
    CellBytes,
    Column,
    Deferred,
    RowWriter,
    _joined,
    columns_bytes,
    columns_text,
    made,
)
from geo.imports.writer_thread import WriterThread  # noqa: E402
from geo.seeds import Seeds  # noqa: E402

COLUMNS = ("id", "kind", "place", "note")
# Pieces of hostile cells: formulas, quotes, commas, line breaks, NUL, white space of every kind, numbers.
PIECES = ["=1+2", "+", "-", "@", "'", "-3.5", "+12", '"', ",", "\n", "\r", "\t", "\x00", " ", "  ", "x", "Ménaka", "é"]
PIECES += [*NOT_SPACES[:12], "\u3000", "\u2028", "١٢", "-١٢"]


def hostile(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))


def chunk(number: int, size: int = 300) -> list[Column]:
    """A chunk of rows whose columns come in every form the import gives: pyarrow's
    strings, a column drawn from a table (with a formula and a quote among its values),
    numbered cells, and notes made where they are written."""
    ids = ArrowStrings(pa.array([f" MLI{number}-{i}" if i % 7 else f"MLI{number}-{i}" for i in range(size)]))
    kinds = spread(["Battles", "=HYPERLINK(1)", 'say "no"', "-12"], np.arange(size) % 4)
    places = Cells.numbered(["Ménaka", "Gao, town", "Tidermène"], np.arange(size) % 3)
    notes = ArrowStrings(pa.array([f"note  {i},\twith  spaces " if i % 5 else f"@{i}" for i in range(size)]))
    sources = Cells.numbered(["Le Monde", ""], np.arange(size) % 2)
    return [record_ids(ids), kinds, places, Deferred(incident_notes, (notes, sources))]


CHUNKS = [chunk(n) for n in range(7)]


def python_text(columns: list[Column]) -> bytes:
    """The text Python's own writer makes of ``columns`` (each made a list of strings first)."""
    return columns_text([list(column) for column in made(columns)]).encode("utf-8")


@pytest.mark.parametrize("trim", [True, False])
def test_pyarrows_text_is_pythons_for_hostile_cells_in_every_form(trim, monkeypatch):
    """(``trim``: pyarrow's strings stripped by its own trim, or by a search and Python.)"""
    from geo import _csv_batches

    monkeypatch.setattr(_csv_batches, "_trim_is_strip", lambda: trim)
    rng = random.Random(18)
    made_before = CellBytes()  # (the tables' values made for one chunk, looked up in the next)
    for size in (1, 2, 17, 400, 3, 50):
        cells = [[hostile(rng) for _ in range(size)] for _ in range(5)]
        table = [hostile(rng) for _ in range(6)]
        drawn = spread(table, np.array([rng.randrange(6) for _ in range(size)]))
        distinct = list(dict.fromkeys(cells[3]))
        columns: list[Column] = [
            cells[0],  # a list
            pa.array(cells[1]),  # pyarrow's array
            ArrowStrings(pa.array(cells[2])),  # pyarrow's strings, stripped as str.strip does
            drawn,
            Cells.numbered(distinct, np.array([distinct.index(cell) for cell in cells[3]])),
            take(ArrowStrings(pa.array(cells[4])), list(range(size))[::-1]),
        ]
        for kept in (None, made_before):
            parts = columns_bytes(columns, kept)
            assert parts is not None
            assert b"".join(parts) == python_text(columns), cells
            last = [*columns[:3], *columns[4:], columns[3]]  # (a drawn column last: its cells end the lines)
            assert b"".join(columns_bytes(last, kept) or []) == python_text(last), cells
            # drawn neighbours written as one column (their cells joined by commas), last too
            more = spread(table[:3], np.array([rng.randrange(3) for _ in range(size)]))
            neighbours = [*columns[:3], columns[5], columns[3], more, columns[4]]
            assert len(_joined(neighbours)) < len(neighbours)
            assert b"".join(columns_bytes(neighbours, kept) or []) == python_text(neighbours), cells


@pytest.mark.parametrize("trim", [True, False])
def test_notes_and_record_ids_made_by_pyarrow_are_pythons(trim, monkeypatch):
    from geo import _csv_batches

    monkeypatch.setattr(_csv_batches, "_trim_is_strip", lambda: trim)
    rng = random.Random(5)
    for size in (1, 50, 300):
        notes = [hostile(rng) + rng.choice(["", " killed, near Gao", "  "]) for _ in range(size)]
        sources = [rng.choice(["", "Le Monde", " RFI\t", "=cmd"]) for _ in range(size)]
        by_arrow = incident_notes(ArrowStrings(pa.array(notes)), sources)
        assert by_arrow.to_pylist() == incident_notes([note.strip() for note in notes], sources)
        ids = [rng.choice(["MLI", " ner", "Bfo "]) + str(n) for n in range(size)]
        assert record_ids(ArrowStrings(pa.array(ids))).to_pylist() == record_ids([cell.strip() for cell in ids])


def test_text_pyarrow_cannot_hold_is_left_to_python():
    """A lone surrogate (a byte that was not UTF-8): pyarrow's text is not made, and
    Python's writer meets the error itself."""
    assert columns_bytes([["a\udce9", "b"], ["x", "y"]]) is None


def by_the_thread(path, chunks: list[list[Column]]) -> tuple[bytes, int]:
    with path.open("w", encoding="utf-8", newline="") as handle:
        sink = RowWriter(handle, COLUMNS)
        with WriterThread(sink) as writer:
            for columns in chunks:
                writer.write_columns(columns)
            writer.close()
    return path.read_bytes(), sink.rows


def test_the_thread_writes_the_bytes_of_python_in_turn(tmp_path):
    expected = b"id,kind,place,note\n" + b"".join(map(python_text, CHUNKS))
    assert by_the_thread(tmp_path / "rows.csv", CHUNKS) == (expected, 7 * 300)
    assert b"'=HYPERLINK(1)" in expected and b"'@0 (ACLED source: Le Monde)" in expected
    assert b"acled-mli0-1," in expected  # (the id's blank stripped)
    big = [chunk(9, size=2_500)]  # (written by pyarrow's kernels, from 1,000 rows)
    assert by_the_thread(tmp_path / "big.csv", big) == (b"id,kind,place,note\n" + python_text(big[0]), 2_500)


def test_an_error_in_the_thread_is_raised_by_the_caller(tmp_path):
    broken = chunk(9)
    broken[0] = [*broken[0].to_pylist()[:-1], "acled-\udce9"]
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle, WriterThread(RowWriter(handle, COLUMNS)) as writer:
        writer.write_columns(CHUNKS[0])
        writer.write_columns(broken)
        with pytest.raises(UnicodeEncodeError):
            writer.close()


def test_leaving_on_an_error_drops_the_chunks_waiting_and_ends_the_thread(tmp_path):
    release = threading.Event()

    class Slow(RowWriter):
        def write_columns(self, columns):
            release.wait(5)
            super().write_columns(columns)

    def interrupted(handle) -> WriterThread:
        with WriterThread(Slow(handle, COLUMNS)) as writer:
            for columns in CHUNKS[:3]:  # the first being written, two waiting
                writer.write_columns(columns)
            release.set()
            raise KeyboardInterrupt

    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle, pytest.raises(KeyboardInterrupt):
        interrupted(handle)
    assert not [thread for thread in threading.enumerate() if thread.name == "csv-writer"]
    assert path.read_bytes().count(b"\n") <= 1 + 300  # the header, and at most the chunk being written


def test_an_import_through_the_thread_is_the_import_written_in_turn(tmp_path, gazetteer, monkeypatch):
    from test_import_arrow import CLEAN_QUIRKS
    from test_import_columnar import event, outputs, write_export

    actors = ActorIndex.from_table(Seeds.load().actors)
    rows = CLEAN_QUIRKS + [event(n, fatalities=str(n % 3), notes=f"n{n},  x ") for n in range(40, 1400)]
    export = write_export(tmp_path / "export.csv", rows)
    threaded = outputs(export, tmp_path / "thread", gazetteer, actors, monkeypatch, columnar=True)

    class InTurn:
        def __init__(self, sink):
            self.sink = sink

        def write_columns(self, columns):
            self.sink.write_columns(columns)

        def close(self):
            pass

        discard = close

    monkeypatch.setattr(acled_columns, "WriterThread", InTurn)
    assert outputs(export, tmp_path / "turn", gazetteer, actors, monkeypatch, columnar=True) == threaded


def test_an_import_without_pyarrow_writes_the_same_bytes(tmp_path):
    """The default install has no pyarrow: the import reads with csv.reader, makes the
    text with Python on the writer's thread, and numbers with numpy; the same bytes as
    with pyarrow (here: in a process where pyarrow cannot be imported)."""
    import subprocess
    import sys
    from pathlib import Path

    from test_import_columnar import QUIRKS, event, write_export

    # (places and admin areas of many spellings: their combined numbers are large, as in a real export)
    rows = QUIRKS + [
        event(
            n,
            notes=f"n{n},  x",
            fatalities=str(n % 3),
            location=f"Place {n % 97}",
            admin1=f"A{n % 11}",
            admin2=f"B{n % 13}",
        )
        for n in range(40, 1300)
    ]
    export = write_export(tmp_path / "export.csv", rows)
    program = (
        "import sys\n"
        "blocked = sys.argv[1] == 'blocked'\n"
        "if blocked:\n"
        "    for name in ('pyarrow', 'pyarrow.compute', 'pyarrow.csv', 'pyarrow.lib'):\n"
        "        sys.modules[name] = None\n"
        "from geo.cli import main\n"
        "code = main(['import', 'acled', sys.argv[2], '--out', sys.argv[3] + '/incidents.csv',\n"
        "             '--report', sys.argv[3] + '/report.csv'])\n"
        "assert not blocked or sys.modules['pyarrow'] is None\n"
        "sys.exit(code)\n"
    )
    written, codes = {}, set()
    for mode in ("blocked", "free"):
        out = tmp_path / mode
        done = subprocess.run(
            [sys.executable, "-c", program, mode, str(export), str(out)],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[1],
            check=False,
        )
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        codes.add(done.returncode)
        written[mode] = {path.name: path.read_bytes() for path in sorted(out.iterdir())}
    assert written["blocked"] == written["free"] and len(codes) == 1  # (the quirks' rejected rows: the same status)
    assert {"incidents.csv", "claims.csv", "report.csv"} <= set(written["free"])


def test_a_search_of_the_bytes_finds_the_characters_the_regular_expression_finds():
    """``holds`` finds a character by its bytes (each of those sharing a first byte with
    Python's white space, between letters); the notes' look for irregular white space
    (:func:`_maybe_irregular`) never misses a note the regular expression squeezes."""
    import re

    from geo._arrow import holds
    from geo.imports.acled_chunk_incidents import _maybe_irregular

    near = [*range(0x80), *range(0x80, 0xC0), *range(0x1000, 0x2000), *range(0x2000, 0x3100)]
    for code in near:
        character = chr(code)
        data = np.frombuffer(f"ab{character}cd".encode(), dtype=np.uint8)
        assert holds(data, NOT_SPACES) == (character in NOT_SPACES), hex(code)
        assert not holds(data[: 1 + len(character.encode())], NOT_SPACES) or code < 0x80  # (cut short)
    for offset in range(4):  # two spaces at either alignment of their bytes, and nothing else
        assert _maybe_irregular(pa.array(["x" * offset + "  y"])) and _maybe_irregular(
            pa.array(["ab", "c" * offset + "  "])
        )
        assert not _maybe_irregular(pa.array(["x" * offset + " y z", "é’ḍ"]))
    irregular = re.compile(r"[^\S ]| {2}")
    rng = random.Random(7)
    for size in (1, 2, 5, 40):
        notes = [hostile(rng).strip() or "x" for _ in range(size)]
        assert _maybe_irregular(pa.array(notes)) or not any(irregular.search(note) for note in notes), notes
