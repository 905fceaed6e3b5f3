"""The CSV text of an import's incidents made and written by a thread of its own, beside
the reading.

Turning a chunk of rows into CSV lines is about a third of a columnar ACLED import
(:mod:`geo.imports.acled_columns`). With pyarrow, the text is made by its string
kernels (:func:`geo.imports.csv_writer.columns_bytes`), which let go of the
interpreter, and written by the file's own code, which does too: on a thread of its own
that work runs beside the reading, checking and resolving of the next chunks (on
another core, when there is one), and so does the syncing of each chunk to the disk
(so that the file's final ``fsync`` has little left to wait for). The bytes are the same
as written in turn.

At most :data:`AHEAD` chunks wait for the thread (their rows are held meanwhile). An
error in the thread (a full disk, a cell that cannot be encoded) is raised in the
caller, at its next call; the thread stops writing then. Leaving the block without
:meth:`WriterThread.close` (an error, Ctrl-C, an import started again) drops the chunks
not yet written and waits for the thread to end the one it is writing.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence

from .csv_writer import Column, RowWriter

__all__ = ["AHEAD", "WriterThread"]

# Chunks handed to the thread and not yet written.
AHEAD = 2


class WriterThread:
    """Writes chunks of rows, given as columns, through ``sink`` (a :class:`RowWriter`)
    in the order given, on a thread of its own (see the module).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "rows.csv"
    >>> with path.open("w", encoding="utf-8", newline="") as handle:
    ...     with WriterThread(RowWriter(handle, ("id", "note"))) as writer:
    ...         writer.write_columns([["a", "b"], ["x,y", "=1"]])
    ...         writer.write_columns([["c"], ["z"]])
    ...         writer.close()
    >>> path.read_text(encoding="utf-8")
    'id,note\\na,"x,y"\\nb,\\'=1\\nc,z\\n'
    """

    def __init__(self, sink: RowWriter) -> None:
        self.sink = sink
        self._queue: queue.Queue[Sequence[Column] | None] = queue.Queue(maxsize=AHEAD)
        self._error: BaseException | None = None
        self._dropped = threading.Event()  # the chunks waiting are not to be written
        self._thread = threading.Thread(target=self._write, name="csv-writer", daemon=True)
        self._thread.start()

    def __enter__(self) -> WriterThread:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.discard()

    def write_columns(self, columns: Sequence[Column]) -> None:
        """Write these rows after those given before (as :meth:`RowWriter.write_columns`),
        on the thread; raises the error that stopped the thread, if one did."""
        self._raise()
        if not self._thread.is_alive():
            raise RuntimeError("the writer thread has ended")
        self._queue.put(columns)

    def close(self) -> None:
        """Write every chunk given, and end the thread; raises its error, if any."""
        self._end()
        self._raise()

    def discard(self) -> None:
        """Drop the chunks not yet written and end the thread (nothing after :meth:`close`)."""
        self._dropped.set()
        self._end()

    def _end(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _write(self) -> None:
        """The thread: each chunk queued written, until ``None`` (every item is taken
        off the queue, so that putting one never waits for long once it stopped)."""
        failed = False
        while (columns := self._queue.get()) is not None:
            if failed or self._dropped.is_set():
                continue
            try:
                self.sink.write_columns(columns)
                self.sink.sync()  # (on the disk as it goes: the file's last fsync, on the caller's path, is short)
            except BaseException as error:  # raised in the caller
                self._error, failed = error, True
