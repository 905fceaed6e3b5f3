"""The incidents' CSV text made and written by a second process
(:mod:`geo.imports.writer_process`, issue 18): the bytes the import writes by itself,
whatever becomes of that process."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import numpy as np
import pytest

from geo._distinct import Cells, spread
from geo.actors import ActorIndex
from geo.imports import acled_columns, writer_process
from geo.imports.acled_chunk_incidents import incident_notes
from geo.imports.csv_writer import Column, Deferred, RowWriter
from geo.imports.writer_process import WriterProcess
from geo.seeds import Seeds

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the writer process runs on POSIX systems")

COLUMNS = ("id", "kind", "place", "note")


def chunk(number: int, size: int = 300) -> list[Column]:
    """A chunk of rows whose columns come in every form the import gives: a list, a
    column drawn from a table (with a formula and a quote among its values), numbered
    cells, and notes made where they are written."""
    ids = [f"acled-mli{number}-{i}" for i in range(size)]
    kinds = spread(["Battles", "=HYPERLINK(1)", 'say "no"', "-12"], np.arange(size) % 4)
    places = Cells.numbered(["Ménaka", "Gao, town", "Tidermène"], np.arange(size) % 3)
    notes = [f"note  {i},\twith  spaces" if i % 5 else f"@{i}" for i in range(size)]
    sources = Cells.numbered(["Le Monde", ""], np.arange(size) % 2)
    return [ids, kinds, places, Deferred(incident_notes, (notes, sources))]


CHUNKS = [chunk(n) for n in range(7)]


def by_this_process(path: Path, chunks: list[list[Column]]) -> bytes:
    with path.open("w", encoding="utf-8", newline="") as handle:
        sink = RowWriter(handle, COLUMNS)
        for columns in chunks:
            sink.write_columns(columns)
    return path.read_bytes()


def started(monkeypatch) -> list[writer_process._Child | None]:
    """Record each child started (``None``: it could not be)."""
    children: list[writer_process._Child | None] = []
    real = writer_process._Child.start

    def recorded(handle):
        child = real(handle)
        children.append(child)
        return child

    monkeypatch.setattr(writer_process._Child, "start", recorded)
    return children


def by_the_child(path: Path, chunks: list[list[Column]], after=lambda n: None) -> tuple[bytes, int]:
    """The bytes a WriterProcess writes of ``chunks`` (``after(n)`` called once chunk
    ``n`` is given), and the rows its writer counted."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        sink = RowWriter(handle, COLUMNS)
        with WriterProcess(sink) as writer:
            for n, columns in enumerate(chunks):
                writer.write_columns(columns)
                after(n)
            writer.close()
    return path.read_bytes(), sink.rows


def test_the_child_writes_the_bytes_this_process_writes(tmp_path, monkeypatch):
    children = started(monkeypatch)
    expected = by_this_process(tmp_path / "here.csv", CHUNKS)
    assert by_the_child(tmp_path / "rows.csv", CHUNKS) == (expected, 7 * 300)
    assert b"'=HYPERLINK(1)" in expected and b"'@0 (ACLED source: Le Monde)" in expected
    [child] = children
    assert child is not None and child.process.returncode == 0


def test_a_child_killed_midway_leaves_the_rest_to_this_process(tmp_path, monkeypatch):
    children = started(monkeypatch)

    def kill(n: int) -> None:
        if n == 3:
            os.kill(children[0].process.pid, signal.SIGKILL)

    written = by_the_child(tmp_path / "rows.csv", CHUNKS, after=kill)
    assert written == (by_this_process(tmp_path / "here.csv", CHUNKS), 7 * 300)
    assert children[0].process.returncode == -signal.SIGKILL


def test_without_a_child_this_process_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_process.sys, "executable", str(tmp_path / "no-python-here"))
    children = started(monkeypatch)
    written = by_the_child(tmp_path / "rows.csv", CHUNKS)
    assert children == [None]
    assert written == (by_this_process(tmp_path / "here.csv", CHUNKS), 7 * 300)


def test_text_the_child_cannot_write_raises_here_as_it_would(tmp_path):
    """A cell that is not text UTF-8 can hold (a lone surrogate): the child stops, this
    process writes the chunk and meets the error itself."""
    broken = chunk(9)
    broken[0] = [*broken[0][:-1], "acled-\udce9"]
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        with pytest.raises(UnicodeEncodeError):
            by_this_process(tmp_path / "here.csv", [CHUNKS[0], broken])
        with WriterProcess(RowWriter(handle, COLUMNS)) as writer:
            writer.write_columns(CHUNKS[0])
            writer.write_columns(broken)
            with pytest.raises(UnicodeEncodeError):
                writer.close()


def test_leaving_on_an_error_stops_the_child(tmp_path, monkeypatch):
    children = started(monkeypatch)

    def interrupted(handle) -> None:
        with WriterProcess(RowWriter(handle, COLUMNS)) as writer:
            writer.write_columns(CHUNKS[0])
            raise KeyboardInterrupt

    with (tmp_path / "rows.csv").open("w", encoding="utf-8", newline="") as handle, pytest.raises(KeyboardInterrupt):
        interrupted(handle)
    assert children[0].process.returncode is not None


def test_an_import_written_by_the_child_is_the_import_written_here(tmp_path, gazetteer, monkeypatch):
    from test_import_arrow import CLEAN_QUIRKS
    from test_import_columnar import event, outputs, write_export

    actors = ActorIndex.from_table(Seeds.load().actors)
    rows = CLEAN_QUIRKS + [event(n, fatalities=str(n % 3), notes=f"n{n}, x") for n in range(40, 400)]
    export = write_export(tmp_path / "export.csv", rows)
    here = outputs(export, tmp_path / "here", gazetteer, actors, monkeypatch, columnar=True)
    children = started(monkeypatch)
    monkeypatch.setattr(acled_columns, "OFFLOAD_BYTES", 0)
    monkeypatch.setattr(acled_columns, "CHUNK", 50)  # (for csv.reader; pyarrow reads the file as one batch)
    assert outputs(export, tmp_path / "child", gazetteer, actors, monkeypatch, columnar=True) == here
    assert len(children) == 1 and children[0] is not None and children[0].process.returncode == 0


def test_an_import_started_again_on_csv_reader_drops_what_the_child_wrote(tmp_path, gazetteer, monkeypatch):
    """pyarrow's reading given up after its last batch (a quote the scan refuses): the
    child is stopped, the file emptied, and csv.reader's chunks written by a new child."""
    from test_import_arrow import REFUSED, read_to_the_end
    from test_import_columnar import event, outputs, write_export

    actors = ActorIndex.from_table(Seeds.load().actors)
    rows = [event(n, notes=f"n{n}, x") for n in range(40, 400)]
    export = write_export(tmp_path / "export.csv", [*rows, REFUSED["a quote inside a cell that is not quoted"]])
    here = outputs(export, tmp_path / "here", gazetteer, actors, monkeypatch, columnar=True)
    children = started(monkeypatch)
    ends = read_to_the_end(monkeypatch)
    monkeypatch.setattr(acled_columns, "OFFLOAD_BYTES", 0)
    monkeypatch.setattr(acled_columns, "CHUNK", 50)
    assert outputs(export, tmp_path / "child", gazetteer, actors, monkeypatch, columnar=True) == here
    assert ends == [False] and len(children) == 2
    assert [child.process.returncode for child in children] == [-signal.SIGKILL, 0]
