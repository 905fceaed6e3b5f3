"""A second process that resolves place names for a big import, beside the first.

The first chunk of a big ACLED export holds most of its distinct places (about 3,000 in
the benchmark's million rows), and each is a fuzzy search of the gazetteer: about a
second of Python, during which the machine's second core has time to spare (the
parser runs a few batches ahead, then waits, and the writer has nothing yet). A
:class:`LookupHelper` is a second process, started with the import, with the same
gazetteer, that resolves the names it is sent
(:func:`~geo.imports.job_places.resolve_place`, the import's own rule) from the first
and answers a few at a time, while the first process resolves the same names from the
last, until the two meet: each does as much as its speed allows, and a helper slow to
start (or that never answers) never makes the import wait. Both make the gazetteer's
look-up tables before their first look-up (:meth:`~geo.gazetteer.Gazetteer.prepare`:
the helper as soon as it starts, the first process while pyarrow reads the first batch).

On Linux, when the process runs no other thread (the ``geo`` program, which keeps
numpy's OpenBLAS to one thread, at the start of an import), the helper is a fork of
it: it has the gazetteer already, so it starts at no cost and answers sooner; forking a
process with threads is not safe (a lock held by another thread stays held in the
child), and macOS forbids it for its system frameworks, so elsewhere the helper is
started with ``python -c`` (not multiprocessing's spawn, so that a library user's
unguarded script is never run again) and loads the gazetteer again
(:attr:`~geo.gazetteer.Gazetteer.loaded_from`: from its load-ready file, in a few
tenths of a second, while the first process reads the first batch), which pays only
with a third processor (:data:`geo.imports.acled_columns.SPAWNED_HELPER_CORES`). It
talks through pipes (lengths, then pickles of plain tuples), ignores Ctrl-C (the first
process stops it), and is killed when the import ends, however it ends. When it cannot be started, or
stops, or answers with anything else, the first process resolves the names itself: the
answers are the same either way, only slower.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .job_places import Lookup, resolve_place

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = ["LookupHelper", "can_fork", "serve"]

_SIZE = struct.Struct("<Q")  # a message's length, before it
_LARGEST = 1 << 30  # an answer longer than this is not one (a few hundred kB for 3,000 names)
# Keys answered at a time: a piece is a few tens of milliseconds of look-ups, so the first
# process, resolving the same keys from the last, meets the helper's answers where both
# have done as much as they could (the split follows the two processes' speeds).
_PIECE = 32
# The child's program: this very package (first on its path), serving.
_CHILD = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from geo.imports.lookup_helper import serve; sys.exit(serve(sys.argv[2], sys.argv[3] == '1'))"
)
# Keys = (name, country, admin1, admin2).
Key = tuple[str, ...]


class LookupHelper:
    """The helper process (see the module): :meth:`ask` it for keys, then :meth:`poll`
    for its answers while resolving the others (or wait for all of them: :meth:`answers`)."""

    def __init__(self, process: subprocess.Popen[bytes] | _Forked) -> None:
        self._process = process
        self._asked: list[Key] = []
        self._asks = 0  # asks sent (each numbered: an answer names its ask)
        self._answered = 0  # keys of the last ask answered (the first ones)
        self._sending: threading.Thread | None = None
        self._broken = False

    @classmethod
    def start(cls, gazetteer: Gazetteer, *, spawn: bool = True) -> LookupHelper | None:
        """A helper resolving names in ``gazetteer``: forked when this process may be
        (:func:`can_fork`), else (when ``spawn``) a new Python loading it again; ``None``
        when neither can be started here (a gazetteer not loaded from a folder, a system
        that is not POSIX)."""
        if can_fork():
            return cls._forked(gazetteer)
        if not spawn:
            return None
        source = gazetteer.loaded_from
        if source is None or gazetteer.ready_file is None or os.name != "posix":
            return None
        folder, osm = source
        package_parent = str(Path(__file__).resolve().parents[2])
        try:
            process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, package_parent, str(folder), "1" if osm else "0"],
                stdin=subprocess.PIPE,
                bufsize=0,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                close_fds=True,
            )
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        return cls(process)

    @classmethod
    def _forked(cls, gazetteer: Gazetteer) -> LookupHelper | None:
        """A fork of this process answering from ``gazetteer``, through two pipes."""
        asks_read, asks_write = os.pipe()
        answers_read, answers_write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for end in (asks_read, asks_write, answers_read, answers_write):
                os.close(end)
            return None
        if pid == 0:  # the child: never back into the caller's code
            code = 1
            try:
                os.close(asks_write)
                os.close(answers_read)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                nothing = os.open(os.devnull, os.O_RDWR)  # (the first process's terminal or pipes let go)
                for descriptor in (0, 1, 2):
                    os.dup2(nothing, descriptor)
                code = _answer(
                    gazetteer, os.fdopen(asks_read, "rb", buffering=0), os.fdopen(answers_write, "wb", buffering=0)
                )
            finally:
                os._exit(code)
        os.close(asks_read)
        os.close(answers_write)
        return cls(_Forked(pid, os.fdopen(asks_write, "wb", buffering=0), os.fdopen(answers_read, "rb", buffering=0)))

    def ask(self, keys: list[Key]) -> None:
        """Send ``keys`` to be resolved, first to last (by a thread: the child may still be
        loading); what is left of an earlier ask is given up."""
        self._asks += 1
        self._asked, self._answered = keys, 0
        message = (self._asks, keys)
        if self._sending is not None:  # (one message after the other)
            self._sending.join()

        def send() -> None:
            if not _write_message(self._process.stdin, message):
                self._broken = True

        self._sending = threading.Thread(target=send, name="lookup-helper-send", daemon=True)
        self._sending.start()

    def give_up(self) -> None:
        """Tell the helper to leave the rest of the last ask (it was resolved here)."""
        self.ask([])

    def poll(self, at_least: int = 0) -> list[tuple[Key, Lookup]] | None:
        """The keys of the last ask answered since the last call, with their lookups, in
        the order asked (pieces of :data:`_PIECE` keys): those there already, or, with
        ``at_least``, waited for until that many keys of the ask are answered (an empty
        list when none came); ``None`` when the child stopped or answered with something
        else (the caller then resolves the keys itself)."""
        found: list[tuple[Key, Lookup]] = []
        while self._answered < len(self._asked) and not self._broken:
            if not _readable(self._process.stdout, wait=self._answered < at_least):
                break
            piece = _read_message(self._process.stdout)
            try:
                if not isinstance(piece, tuple) or len(piece) != 3:
                    raise ValueError("not an answer")
                number, start, answers = piece
                if number != self._asks:  # (an answer to an ask given up)
                    continue
                if start != self._answered or not 0 < len(answers) <= len(self._asked) - start:
                    raise ValueError("not the next keys")
                found += zip(self._asked[start:], (Lookup(*answer) for answer in answers), strict=False)
            except (TypeError, ValueError):
                self._broken = True
                break
            self._answered += len(answers)
        return None if self._broken else found

    def answers(self) -> dict[Key, Lookup] | None:
        """The keys of the last ask not answered yet and their lookups, waited for;
        ``None`` as :meth:`poll`."""
        found = self.poll(at_least=len(self._asked))
        return None if found is None else dict(found)

    def stop(self) -> None:
        """End the child now (its work is not needed any more)."""
        with suppress(OSError):
            self._process.kill()
        for stream in (self._process.stdin, self._process.stdout):
            with suppress(OSError):
                if stream is not None:
                    stream.close()
        self._process.wait()


def can_fork() -> bool:
    """Whether the helper may be a fork of this process: on Linux, with no other thread
    running in it (the system's count, numpy's own threads included)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _Forked:
    """A forked helper, as much of :class:`subprocess.Popen` as :class:`LookupHelper` uses."""

    def __init__(self, pid: int, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self.pid = pid
        self.stdin: IO[bytes] | None = stdin
        self.stdout: IO[bytes] | None = stdout
        self.returncode: int | None = None

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)

    def wait(self) -> int:
        if self.returncode is None:
            try:
                _pid, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            except ChildProcessError:  # (reaped already)
                self.returncode = -signal.SIGKILL
        return self.returncode


def _answer(gazetteer: Gazetteer, source: IO[bytes], out: IO[bytes]) -> int:
    """Resolve each ask read from ``source``, first key to last, and answer on ``out`` a
    piece of :data:`_PIECE` keys at a time, until the keys end or another message comes
    (this ask is then given up); 0 at the end of the input, 1 when something went wrong
    (nothing said: the first process resolves the names itself). Both streams unbuffered
    (what :func:`_readable` finds is all there is)."""
    try:
        gazetteer.prepare()  # (while the first process reads its first batch)
        while (message := _read_message(source)) is not None:
            if not isinstance(message, tuple) or len(message) != 2:
                return 1
            number, keys = message
            for start in range(0, len(keys), _PIECE):
                found = [resolve_place(gazetteer, *key) for key in keys[start : start + _PIECE]]
                answers = [(f.places, f.reason, f.ambiguous) for f in found]
                if not _write_message(out, (number, start, answers)):
                    return 1
                if _readable(source, wait=False):  # (another ask, or the end)
                    break
    except Exception:
        return 1
    return 0


def _readable(stream: IO[bytes] | None, *, wait: bool) -> bool:
    """Whether ``stream`` (unbuffered) has bytes, or its end, to read (waited for when
    ``wait``); true for a stream that cannot be asked (its read then fails)."""
    if stream is None:
        return True
    try:
        return bool(select.select([stream], [], [], None if wait else 0)[0])
    except (OSError, ValueError):
        return True


def _read_message(stream: IO[bytes] | None) -> object:
    """One message (its length, then a pickle) from ``stream``, unbuffered; ``None`` at
    its end, or for something else than a message."""
    size = _read_exactly(stream, _SIZE.size)
    if size is None:
        return None
    length = _SIZE.unpack(size)[0]
    body = _read_exactly(stream, length) if length <= _LARGEST else None
    try:
        return None if body is None else pickle.loads(body)
    except Exception:  # (whatever a damaged pickle raises)
        return None


def _write_message(stream: IO[bytes] | None, message: object) -> bool:
    """Write ``message`` (its length, then its pickle) whole to ``stream``, unbuffered;
    whether it could be."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_SIZE.pack(len(data)) + data)
    try:
        while view:
            if stream is None:
                return False
            written = stream.write(view)
            if not written:  # (a stream that takes nothing)
                return False
            view = view[written:]
    except (OSError, ValueError):
        return False
    return True


def _read_exactly(stream: IO[bytes] | None, count: int) -> bytes | None:
    """``count`` bytes from ``stream`` (read until they are all there), or ``None`` when it
    ends first or cannot be read."""
    got = bytearray()
    try:
        while len(got) < count:
            more = stream.read(count - len(got)) if stream is not None else b""
            if not more:
                return None
            got += more
    except (OSError, ValueError):
        return None
    return bytes(got)


def serve(folder: str, osm: bool) -> int:
    """In a started child: load the gazetteer, then answer (:func:`_answer`) on the
    standard input and output."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    source: IO[bytes] = os.fdopen(os.dup(sys.stdin.fileno()), "rb", buffering=0)
    # the answers go to the standard output as it was; anything else printed (by Python or
    # a library) to the standard error, which the first process does not read
    out: IO[bytes] = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    try:
        from ..gazetteer import Gazetteer

        gazetteer = Gazetteer.load(folder, osm=osm)
    except Exception:
        return 1
    return _answer(gazetteer, source, out)
