"""A CSV file read in batches of columns by pyarrow's parser (C++, on a thread), for the
columnar import (:mod:`geo.imports.acled_columns`) and the seeds' tables
(:mod:`geo.seeds.csv_table`): the same cells and the same line numbers as
``csv.reader``, or a refusal when the two might read the file apart.

``csv.reader`` makes a Python string of every cell of every row: for a million rows of
31 columns that alone costs about three times ``pandas.read_csv`` of the file. pyarrow
parses the file into columns without a Python object per cell, and only the columns
the import reads are turned into Python strings.

The two parsers agree on a well-formed file whose cells hold no line break, and this
module refuses (raises :class:`NotForArrowError`) where they might not, so that
``csv.reader`` reads the file and reports what is wrong with it, naming the line:

- a quote where ``csv.reader`` (in strict mode) stops with an error and pyarrow reads on
  (a quoted cell closed and followed by more text, ``"abc"d``; an empty quoted cell
  followed by text, ``""d``), a quote never closed, and a quote inside a cell that is not
  quoted (``5"``, which both parsers keep but which would throw the count of quotes
  out): found by one scan of the file's bytes, on arrays (:func:`scan`), which counts
  the quotes from the start and so knows whether each run of quotes is inside a quoted
  cell;
- a line break inside a quoted cell (found by the same scan): pyarrow 26 was seen to
  drop the LF of a cell's CR LF LF, and the lines of such rows are easier counted by
  ``csv.reader``;
- a NUL byte, bytes that are not UTF-8, a header line with a quote, a row of another
  width than the header (pyarrow stops on it), a line of blanks only, or a cell longer
  than :data:`geo._input.MAX_CSV_FIELD` characters.

A blank line is a row of empty cells here and an empty row for ``csv.reader``: both are
skipped by the import, and both count as a line; every other row is one line.
"""

from __future__ import annotations

import functools
import queue
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import numpy as np

from ._arrow import int32_values, integers, string_bytes, strings
from ._distinct import Cells, MadeList
from ._input import MAX_CSV_FIELD
from ._whitespace import NOT_SPACES, re2_class

__all__ = ["ArrowStrings", "Batch", "NotForArrowError", "Scan", "arrow_available", "read_batches", "scan"]

# Bytes scanned at a time (and memory used by the scan's arrays, a few times this).
_SCAN_BLOCK = 1 << 22
# Bytes parsed at a time by pyarrow, and blocks a batch: batches of about 16 MB (about
# 44,000 rows of an ACLED export: the work on each batch has a cost of its own, and a
# batch's distinct dates, actors and places, each worked on once, grow slower than its
# rows: a million rows in 16 MB batches took 0.87 times the time of 8 MB ones, for 75 MB
# more; 32 MB ones no less again, for 130 MB more), parsed 2 MB at a time (the parser's
# buffers stay in the processor's cache: the parsing of a million rows takes about a
# third less CPU than in blocks of 8 MB, the import 200 MB less memory).
_BLOCK_SIZE = 1 << 21
_BLOCKS_A_BATCH = 8
# The parser on the one reading thread, not pyarrow's pool too: 5% less time for a million
# rows on two cores (the pool's threads compete with the import's own work).
_PARSER_THREADS = False
# Batches parsed ahead of the one being worked on: while the first chunk's places are
# looked up (a second or so), the parser goes on (48 MB ahead: a million rows took 11%
# less time than with 16 MB ahead; 128 MB, no faster).
_AHEAD = 3
_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")
# A cell that str.strip changes (pyarrow's regular expression).
_EDGE_SPACE = f"^{re2_class(' ' + NOT_SPACES)}|{re2_class(' ' + NOT_SPACES)}$"


class NotForArrowError(Exception):
    """The file must be read by ``csv.reader``: pyarrow might read it otherwise."""


def arrow_available() -> bool:
    """Whether pyarrow can be imported here."""
    try:
        import pyarrow.csv  # noqa: F401
    except ImportError:
        return False
    return True


class Batch:
    """The rows of one batch: how many, the line each starts on, the stripped cells of
    the columns asked for, and any whole row (its cells as the file holds them).

    A column pyarrow read as a dictionary (its distinct values, found by the parser's
    threads, and a number per cell) comes as :class:`~geo._distinct.Cells`: each
    distinct value is stripped and made a Python string once, and the column's cells are
    those strings, numbered (the import's look-ups, once per distinct value, need not
    number them again).
    """

    def __init__(self, table: Any, starts: list[int], wanted: dict[str, int]) -> None:
        self._table = table
        self.count: int = table.num_rows
        self.starts = starts
        self.cells: dict[str, Sequence[str]] = {name: _cells(table.column(j)) for name, j in wanted.items()}

    def row(self, i: int) -> list[str]:
        """The cells of row ``i``, in the header's order, unstripped."""
        return list(self._table.slice(i, 1).to_pylist()[0].values())


class ArrowStrings(MadeList):
    """A column of strings still held by pyarrow, as a sequence of its cells, each
    ``str.strip``-ped: the Python strings are made on first use, if at all (the ACLED
    notes never are: their text is made by pyarrow's kernels, from :meth:`stripped`), and
    the column is pickled as pyarrow's array (its buffers, not a string a cell)."""

    def __init__(self, array: Any) -> None:
        self.array = array
        self._cells: list[str] | None = None
        self._stripped: Any = None
        self._only: tuple[np.ndarray, bool] | None = None  # (the table last asked of only, and its answer)

    @property
    def cells(self) -> list[str]:
        """The cells, made now if they were not."""
        if self._cells is None:
            self._cells = list(map(str.strip, self.array.to_pylist()))
        return self._cells

    def taken(self, rows: list[int]) -> ArrowStrings:
        """The cells at ``rows`` (indices, in that order), still pyarrow's."""
        at = integers(np.array(rows, dtype=np.int64))
        taken = ArrowStrings(self.array.take(at))
        if self._cells is not None:
            taken._cells = [self._cells[i] for i in rows]
        if self._stripped is not None:
            taken._stripped = self._stripped.take(at)
        return taken

    def only(self, allowed: np.ndarray) -> bool:
        """Whether every cell is one or more of the ASCII bytes ``allowed`` (a table of 256
        booleans, true for each byte allowed), checked on the array's buffers: no cell
        made a string, and nothing to strip (``allowed`` holds no white space). The answer
        is kept for the table asked (the import asks twice a chunk)."""
        import pyarrow as pa

        if self._only is not None and self._only[0] is allowed:
            return self._only[1]
        array = self.array.combine_chunks() if isinstance(self.array, pa.ChunkedArray) else self.array
        if array.null_count or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
            answer = False
        else:
            offsets, data = string_bytes(array)
            answer = not (np.diff(offsets) <= 0).any() and bool(allowed[data].all())
        self._only = (allowed, answer)
        return answer

    def stripped(self) -> Any:
        """The cells as pyarrow's array, each ``str.strip``-ped (made once): by pyarrow's
        ``utf8_trim_whitespace``, whose white space is Python's (checked once per process,
        :func:`_trim_is_strip`); else the cells that start or end with white space found
        by a regular expression, and only those stripped by Python."""
        if self._stripped is not None:
            return self._stripped
        import pyarrow as pa
        import pyarrow.compute as pc

        array = self.array.combine_chunks() if isinstance(self.array, pa.ChunkedArray) else self.array
        if _trim_is_strip():
            self._stripped = pc.utf8_trim_whitespace(array)
            return self._stripped
        edge = pc.match_substring_regex(array, _EDGE_SPACE)
        if pc.any(edge).as_py():
            fixed = [cell.strip() for cell in array.filter(edge).to_pylist()]
            array = pc.replace_with_mask(array, edge, strings(fixed))
        self._stripped = array
        return array

    def __len__(self) -> int:
        return len(self.array)

    def __contains__(self, value: object) -> bool:
        return value in self.cells

    def __reduce__(self) -> tuple[Any, ...]:
        return (ArrowStrings, (self.array,))


@functools.cache
def _trim_is_strip() -> bool:
    """Whether pyarrow's ``utf8_trim_whitespace`` trims what ``str.strip`` strips: every
    white space of Python's, and none of the characters next to them that are not
    (``tests/test_import_arrow.py`` checks every character with the pyarrow of the tests)."""
    import pyarrow.compute as pc

    probes = [" ", *NOT_SPACES, "\u200b", "\u180e", "\ufeff", "\x00", "\x1b", "\x7f", "x", "é"]
    cells = [f"{probe}a{probe}" for probe in probes]
    return bool(pc.utf8_trim_whitespace(strings(cells)).to_pylist() == [cell.strip() for cell in cells])


def _cells(column: Any) -> Sequence[str]:
    """The cells of a pyarrow column of strings (:class:`ArrowStrings`; or of a dictionary
    of strings, then numbered), each ``str.strip``-ped."""
    import pyarrow as pa

    if not pa.types.is_dictionary(column.type):
        return ArrowStrings(column) if not column.null_count else list(map(str.strip, column.to_pylist()))
    if column.null_count or not len(column):
        return list(map(str.strip, column.to_pylist()))
    encoded = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if encoded.indices.type != pa.int32():
        return list(map(str.strip, column.to_pylist()))
    values = encoded.dictionary.to_pylist()
    codes = int32_values(encoded.indices)
    stripped = list(map(str.strip, values))
    if stripped == values:  # (str.strip returns a string that needs none itself: compared by identity)
        return Cells.numbered(values, codes)
    number: dict[str, int] = {}  # two values may be one once stripped: numbered again
    renumbered = np.fromiter((number.setdefault(value, len(number)) for value in stripped), np.int64, len(values))
    return Cells.numbered(list(number), renumbered[codes])


class Scan(NamedTuple):
    """What one pass over a file's bytes found (:func:`scan`): whether pyarrow may read it
    (``agree``), and whether a line break lies inside a quoted cell (``breaks``)."""

    agree: bool
    breaks: bool


def scan(path: Path, delimiter: str, stop: threading.Event | None = None) -> Scan:
    """Whether every quote of the file is where ``csv.reader`` and pyarrow read it alike
    (see the module), and whether a cell holds a line break: one pass over the bytes, a
    block at a time, on arrays.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> cases = ['a,b\\n"x ""y"" z",2\\n', 'a,b\\n"x"y,2\\n', 'a,b\\n"",2\\n', 'a,b\\n""y,2\\n', 'a,b\\n"x,2\\n']
    >>> for n, text in enumerate(cases):
    ...     _ = (folder / f"{n}.csv").write_text(text)
    >>> [scan(folder / f"{n}.csv", ",").agree for n in range(len(cases))]
    [True, False, True, False, False]
    >>> _ = (folder / "breaks.csv").write_text('a,b\\n"two\\nlines",2\\n')
    >>> found = scan(folder / "breaks.csv", ","); found.agree, found.breaks
    (True, True)
    """
    is_end = np.zeros(256, dtype=bool)
    is_end[np.frombuffer(f"{delimiter}\r\n".encode(), dtype=np.uint8)] = True
    with path.open("rb") as handle:
        return _scan(handle, is_end, stop or threading.Event())


def _scan(handle: BinaryIO, is_end: np.ndarray, stop: threading.Event) -> Scan:
    """:func:`scan` of an open file, read a block at a time.

    Every quote is counted from the start, so each run of quotes is known to begin
    outside a quoted cell (an even number of quotes before it) or inside one. Outside,
    a run must open a cell (right after a delimiter or a line's end), and an even run
    there (an empty quoted cell, closed) must be followed by a cell's end; inside, an odd
    run closes the cell and must be followed by a cell's end. A run anywhere else (a
    quote in a cell that is not quoted, which both parsers keep but which would make the
    count wrong) is refused too.
    """
    quotes = 0  # before the block
    breaks = False
    previous = b"\n"  # the byte before the block (the file's start opens a cell)
    while not stop.is_set() and (block_bytes := handle.read(_SCAN_BLOCK)):
        while block_bytes.endswith(b'"') and (more := handle.read(_SCAN_BLOCK)):
            block_bytes += more  # no run of quotes across two blocks
        if b"\x00" in block_bytes:
            return Scan(False, False)
        block = np.frombuffer(previous + block_bytes, dtype=np.uint8)  # with the byte before it
        previous = block_bytes[-1:]
        at = np.flatnonzero(block == _QUOTE)
        if len(at):
            if _bad_runs(block, at, quotes, is_end):
                return Scan(False, False)
            if not breaks:
                lines = np.flatnonzero((block[1:] == _LF) | (block[1:] == _CR)) + 1
                # a line break after an odd number of quotes is inside a quoted cell
                breaks = bool(((quotes + np.searchsorted(at, lines)) % 2).any())
        quotes += len(at)
    return Scan(quotes % 2 == 0, breaks and quotes % 2 == 0)


def _bad_runs(block: np.ndarray, at: np.ndarray, before: int, is_end: np.ndarray) -> bool:
    """Whether a run of the quotes at positions ``at`` of ``block`` (sorted; ``before``
    quotes earlier in the file; the block's first byte is the one before it, never a quote)
    is one ``csv.reader`` and pyarrow might read apart (see :func:`_scan`)."""
    first = np.ones(len(at), dtype=bool)
    first[1:] = at[1:] != at[:-1] + 1
    starts = np.flatnonzero(first)  # index in ``at`` of each run's first quote
    lengths = np.diff(np.append(starts, len(at)))
    begin = at[starts]
    end = begin + lengths  # the byte after the run
    outside = (before + starts) % 2 == 0
    opens = is_end[block[begin - 1]]
    size = len(block)
    closed = (end >= size) | is_end[block[np.minimum(end, size - 1)]]
    even = lengths % 2 == 0
    return bool((outside & ~opens).any() or (outside & even & ~closed).any() or (~outside & ~even & ~closed).any())


def read_batches(
    path: Path,
    header: Sequence[str],
    delimiter: str,
    wanted: Sequence[str],
    numbered: Collection[str] = (),
    *,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[Batch]:
    """The data rows of the CSV file at ``path`` (its first line, ``header``, already read),
    a batch at a time, with the stripped cells of the columns ``wanted`` (those the header
    has); the first data row is line 2. The cells of the columns ``numbered`` (those with
    few distinct values) come as :class:`~geo._distinct.Cells`. ``meanwhile`` is called
    once pyarrow has started on the file, before the first batch is waited for (work for
    this thread while the parser opens the file and reads the first batch).

    Raises
    ------
    NotForArrowError
        Before the first batch when the header line rules the file out, at the batch
        where pyarrow meets a row it cannot read as ``csv.reader`` does, or after the last
        batch when the scan of the file's quotes and bytes (:func:`scan`, run beside the
        reading) rules it out (see the module): nothing read so far may be used then.
    """
    with path.open("rb") as handle:
        if b'"' in handle.readline():
            raise NotForArrowError("a quote in the header line")
    # The scan runs on another thread, beside the parsing and the work on the batches
    # (numpy lets go of the interpreter on its arrays); its answer is awaited after the
    # last batch, before the reading is done (a refusal then: nothing read may be used).
    scanned: list[Scan] = []
    stop = threading.Event()

    def scan_beside() -> None:
        try:
            scanned.append(scan(path, delimiter, stop))
        except Exception:  # (nothing scanned: csv.reader reads the file, and says what is wrong)
            return

    scanning = threading.Thread(target=scan_beside, name="csv-scan", daemon=True)
    scanning.start()
    try:
        yield from _parsed(path, header, delimiter, wanted, numbered, meanwhile)
    except BaseException:  # (the reading stopped early: so does the scan)
        stop.set()
        raise
    finally:
        scanning.join()
    if not scanned or not scanned[0].agree:
        raise NotForArrowError("quotes csv.reader might read otherwise")
    if scanned[0].breaks:  # pyarrow may drop a line feed from a cell's CR LF LF (seen with pyarrow 26)
        raise NotForArrowError("a line break inside a quoted cell")


def _parsed(
    path: Path,
    header: Sequence[str],
    delimiter: str,
    wanted: Sequence[str],
    numbered: Collection[str],
    meanwhile: Callable[[], object] | None,
) -> Iterator[Batch]:
    """:func:`read_batches`, without the scan."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    names = [f"c{j}" for j in range(len(header))]
    positions = {name: header.index(name) for name in wanted if name in header}

    def open_reader() -> Any:
        try:
            return pacsv.open_csv(
                path,
                read_options=pacsv.ReadOptions(
                    skip_rows=1, column_names=names, block_size=_BLOCK_SIZE, use_threads=_PARSER_THREADS
                ),
                parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(
                    column_types={
                        name: pa.dictionary(pa.int32(), pa.string()) if column in numbered else pa.string()
                        for name, column in zip(names, header, strict=True)
                    },
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
        except (pa.ArrowInvalid, OSError) as error:
            raise NotForArrowError(str(error)) from None

    line = 2
    for table in _read_ahead(open_reader, pa.ArrowInvalid, meanwhile):
        for column in table.columns:
            if pa.types.is_dictionary(column.type):
                column = pa.chunked_array([chunk.dictionary for chunk in column.chunks], type=pa.string())
            # (a cell of more bytes than the limit may still be of fewer characters)
            if column.nbytes > MAX_CSV_FIELD and (pc.max(pc.utf8_length(column)).as_py() or 0) > MAX_CSV_FIELD:
                raise NotForArrowError("a cell longer than csv.reader reads")
        starts = list(range(line, line + table.num_rows))  # a line a row: no cell holds a line break
        line += table.num_rows
        yield Batch(table, starts, positions)


def _table(batches: list[Any]) -> Any:
    """pyarrow's record ``batches`` as one table, each column one array (the dictionaries
    of a dictionary column made one)."""
    import pyarrow as pa

    table = pa.Table.from_batches(batches)
    return table.combine_chunks() if len(batches) > 1 else table


def _read_ahead(
    open_reader: Callable[[], Any], invalid: type[Exception], meanwhile: Callable[[], object] | None = None
) -> Iterator[Any]:
    """The record batches of the pyarrow reader ``open_reader`` opens,
    :data:`_BLOCKS_A_BATCH` at a time as one table (each column one array), opened and
    parsed on another thread, a few tables ahead (pyarrow lets go of the interpreter
    while it parses, so the parsing of the next batches runs beside the work on this
    one); ``meanwhile`` is called on this thread once the other has started.
    ``invalid``: pyarrow's error for a row it cannot read, raised here as
    :class:`NotForArrowError`."""
    ready: queue.Queue[Any] = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def offer(item: Any) -> bool:
        """Queue ``item`` unless the reading thread has stopped; whether it was queued."""
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def parse() -> None:
        reader = None
        try:
            reader = open_reader()
            blocks: list[Any] = []
            for batch in reader:
                blocks.append(batch)
                if len(blocks) == _BLOCKS_A_BATCH:
                    if not offer(_table(blocks)):
                        return
                    blocks = []
            if blocks and not offer(_table(blocks)):
                return
            offer(None)
        except Exception as error:  # handed to the reading thread, which raises it
            offer(error)
        finally:
            if reader is not None:
                reader.close()

    worker = threading.Thread(target=parse, name="csv-batches", daemon=True)
    worker.start()
    try:
        if meanwhile is not None:
            meanwhile()
        while (item := ready.get()) is not None:
            if isinstance(item, invalid):  # a row of another width, bytes that are not UTF-8
                raise NotForArrowError(str(item))
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()
