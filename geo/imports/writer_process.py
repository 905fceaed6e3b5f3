"""The CSV text of a big import's incidents made and written by a second process, beside
the reading.

Turning a chunk of rows into CSV lines (the formula and quote checks, the quoting, one
join of half a million cells, the encoding, the write) is about a third of a columnar
ACLED import (:mod:`geo.imports.acled_columns`), all of it on the interpreter's one
thread. Here a process of its own (:func:`serve`) makes the
text of each chunk and writes it to the output file, while this one reads, checks and
resolves the next chunks. The two share the file: the child's standard output is the
import's open file, at the end of what this process wrote (the header), and every
chunk is written by the child, in the order given, after the one before, and synced to
the disk as it goes. The chunks go to it through a pipe as their columns, pickled (a
column drawn from a table of values as the table and its numbers,
:class:`~geo._distinct.Drawn`; a :class:`~geo.imports.csv_writer.Deferred` one as its
function and arguments, made there: the ACLED notes, from pyarrow's array,
:class:`~geo._csv_batches.ArrowStrings`); it answers each with the number of bytes it
wrote. The text is the same function's (:func:`~geo.imports.csv_writer.columns_text`),
so the file is the same, byte for byte.

When the child cannot be started (a system that is not POSIX), or stops before a
chunk is written (it died, the disk is full, the text could not be made), the file is
cut back to the chunks it answered for and this process writes the others itself, in
turn: at worst the import runs as it would without it, and an error in the text or
the disk is raised here, as it would be. The child ignores Ctrl-C (this process stops
it), and is stopped when the import ends, however it ends. Nothing but what this
process sends it reaches it, and nothing it prints reaches the user.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

import numpy as np

from .._distinct import Drawn, spread
from .csv_writer import Column, Deferred, RowWriter, columns_text

__all__ = ["AHEAD", "WriterProcess", "serve"]

# Chunks sent to the other process and not yet answered for: their rows are held
# meanwhile (a few MB a chunk of an ACLED export), to be written here if it stops.
AHEAD = 2
_SIZE = struct.Struct("<Q")  # a message's length, before it; a chunk's bytes written, as the answer
_DRAWN, _LATER = "drawn", "later"  # the kinds of column packed
# The child's program: this very package (first on its path), serving.
_CHILD = (
    "import sys; sys.path.insert(0, sys.argv[2]); "
    "from geo.imports.writer_process import serve; sys.exit(serve(int(sys.argv[1])))"
)


class WriterProcess:
    """Writes chunks of rows, given as columns, through ``sink`` (a :class:`RowWriter`
    on a file) in the order given, their text made and written by another process (see
    the module).

    Use it as a context manager: leaving the block without :meth:`close` (an error, an
    import started again) drops the chunks not yet written and stops the process.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "rows.csv"
    >>> with path.open("w", encoding="utf-8", newline="") as handle:
    ...     with WriterProcess(RowWriter(handle, ("id", "note"))) as writer:
    ...         writer.write_columns([["a", "b"], ["x,y", "=1"]])
    ...         writer.write_columns([["c"], ["z"]])
    ...         writer.close()
    >>> path.read_text(encoding="utf-8")
    'id,note\\na,"x,y"\\nb,\\'=1\\nc,z\\n'
    """

    def __init__(self, sink: RowWriter) -> None:
        self.sink = sink
        self._pending: deque[Sequence[Column]] = deque()  # sent, not answered for
        self._child: _Child | None = _Child.start(sink.handle)
        self._written = 0  # bytes the child answered for

    def __enter__(self) -> WriterProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()

    def discard(self) -> None:
        """Drop the chunks not yet written and stop the process at once (nothing after
        :meth:`close`)."""
        self._pending.clear()
        self._stop(kill=True)

    def write_columns(self, columns: Sequence[Column]) -> None:
        """Write these rows after those given before (as :meth:`RowWriter.write_columns`:
        a :class:`~geo.imports.csv_writer.Deferred` column is made in the other process)."""
        child = self._child
        if child is None or len(columns) < 2 or not columns[0]:
            self._drain()
            self.sink.write_columns(columns)
            return
        self._pending.append(columns)
        if not child.send([_packed(column) for column in columns]):
            self._fall_back()
            return
        while len(self._pending) > AHEAD and self._child is not None:
            self._answered()

    def close(self) -> None:
        """Write every chunk given, and stop the process."""
        self._drain()
        self._stop()

    def _drain(self) -> None:
        while self._pending and self._child is not None:
            self._answered()
        if self._pending:
            self._fall_back()

    def _answered(self) -> None:
        """Wait for the child to answer for the oldest chunk sent."""
        assert self._child is not None
        written = self._child.answer()
        if written is None:
            self._fall_back()
            return
        self._written += written
        self.sink.rows += len(self._pending.popleft()[0])

    def _fall_back(self) -> None:
        """The child stopped: the file cut back to the chunks it answered for, and the
        chunks not answered for written here."""
        child = self._child
        self._stop(kill=True)
        if child is not None:
            handle = self.sink.handle
            handle.flush()
            os.ftruncate(handle.fileno(), child.start_at + self._written)
            handle.seek(0, os.SEEK_END)
        while self._pending:
            self.sink.write_columns(self._pending.popleft())

    def _stop(self, *, kill: bool = False) -> None:
        if self._child is not None:
            child, self._child = self._child, None
            child.stop(kill=kill)


class _Child:
    """The other process, the pipe its chunks go through (fed by a thread, so that
    sending waits for the child, not this process) and the pipe its answers come by."""

    def __init__(self, process: subprocess.Popen[bytes], answers: IO[bytes], start_at: int) -> None:
        self.process = process
        self.answers = answers
        self.start_at = start_at  # the file's size when the child began
        self._queue: queue.Queue[list[Any] | None] = queue.Queue(maxsize=AHEAD)
        self._broken = False
        self._feeder = threading.Thread(target=self._feed, name="writer-process-feed", daemon=True)
        self._feeder.start()

    @classmethod
    def start(cls, handle: IO[str]) -> _Child | None:
        """The child writing at the end of the open file ``handle``, or ``None`` when it
        cannot be started here."""
        if os.name != "posix":
            return None
        try:
            handle.flush()
            start_at = os.lseek(handle.fileno(), 0, os.SEEK_END)
            read_end, write_end = os.pipe()
        except (OSError, ValueError, AttributeError):
            return None
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(write_end), str(Path(__file__).resolve().parents[2])],
                stdin=subprocess.PIPE,
                stdout=handle.fileno(),
                stderr=subprocess.DEVNULL,
                pass_fds=(write_end,),
                close_fds=True,
            )
        except (OSError, ValueError, subprocess.SubprocessError):
            os.close(read_end)
            return None
        finally:
            os.close(write_end)
        return cls(process, os.fdopen(read_end, "rb"), start_at)

    def send(self, columns: list[Any]) -> bool:
        """Hand a chunk's columns to the feeding thread; whether the child still takes them."""
        if self._broken:
            return False
        self._queue.put(columns)
        return True

    def _feed(self) -> None:
        """Send each chunk queued, until ``None`` (every item is taken off the queue, so
        that putting one never waits for long)."""
        stdin = self.process.stdin
        assert stdin is not None
        while (columns := self._queue.get()) is not None:
            if self._broken:
                continue
            try:
                message = pickle.dumps(columns, protocol=pickle.HIGHEST_PROTOCOL)
                stdin.write(_SIZE.pack(len(message)))
                stdin.write(message)
                stdin.flush()
            except (OSError, ValueError):  # the child stopped (its answers say so)
                self._broken = True
        with suppress(OSError):
            stdin.close()

    def answer(self) -> int | None:
        """The bytes the child wrote for the oldest chunk unanswered, or ``None`` if it stopped."""
        try:
            answer = self.answers.read(_SIZE.size)
        except (OSError, ValueError):
            return None
        if len(answer) != _SIZE.size:
            self._broken = True
            return None
        return int(_SIZE.unpack(answer)[0])

    def stop(self, *, kill: bool) -> None:
        """Stop the child: at once (``kill``), or once it has written what it was sent."""
        if kill:
            self._broken = True
            self.process.kill()
        self._queue.put(None)
        self._feeder.join()
        self.process.wait()
        self.answers.close()


def _packed(column: Column) -> Any:
    """A column as it is sent: one drawn from a table as the table and its numbers (the
    cells are made again from them), a :class:`Deferred` one as its function and its
    arguments (so packed), any other as it is (a list; pyarrow's array, for
    :class:`~geo._csv_batches.ArrowStrings`)."""
    if isinstance(column, Deferred):
        return (_LATER, column.make, tuple(map(_packed, column.args)))
    if isinstance(column, Drawn):
        return (_DRAWN, column.table, column.codes)
    return column


def _unpacked(column: Any) -> Any:
    """A column as :func:`_packed` sent it, made."""
    if not isinstance(column, tuple):
        return column
    if column[0] == _DRAWN:
        return spread(column[1], np.asarray(column[2]))
    return column[1](*map(_unpacked, column[2]))


def serve(answers_fd: int) -> int:
    """In the child: each chunk read from the standard input written to the standard
    output as CSV text, and the bytes written answered on ``answers_fd``; 0 at the end of
    the input, 1 when a chunk could not be made or written (nothing said: this process's
    parent writes it, and says what is wrong)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    source = sys.stdin.buffer
    out = open(sys.stdout.fileno(), "wb", closefd=False)  # noqa: SIM115 (the parent's file, open after us)
    answers = open(answers_fd, "wb", buffering=0)  # noqa: SIM115
    sync = getattr(os, "fdatasync", os.fsync)
    try:
        while size := source.read(_SIZE.size):
            columns = pickle.loads(source.read(_SIZE.unpack(size)[0]))
            text = columns_text([_unpacked(column) for column in columns]).encode("utf-8")
            out.write(text)
            out.flush()
            sync(out.fileno())  # to the disk as it goes: the parent's last fsync has little left to do
            answers.write(_SIZE.pack(len(text)))
    except Exception:
        return 1
    return 0
