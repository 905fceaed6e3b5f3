"""The ``geo`` command's streams and exit statuses: standard output as the commands see it
(an error in writing it told apart from an error on a file), one line on stderr per
failure, and output that never fails on a character the terminal cannot show."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from typing import Any, TextIO

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141


class OutputError(OSError):
    """Standard output could not be written (a full device, an I/O error)."""


class Output:
    """``sys.stdout`` as the commands see it: the same stream, but an error in writing
    it is told apart from an error on a file (:class:`OutputError`)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror) from None

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.errno, error.strerror) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def flush_stdout(name: str) -> int:
    """Flush stdout: 0, or the status and message of :func:`main` when it cannot be written."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:
        silence_stdout()
        return fail(name, f"error: {os_error_text(error)}", EXIT_INPUT)
    return EXIT_OK


def fail(name: str, message: str, status: int) -> int:
    """Print ``name: message`` on stderr (if stderr can still be written to); return ``status``."""
    with contextlib.suppress(OSError, ValueError):
        print(f"{name}: {message}", file=sys.stderr, flush=True)
    return status


def os_error_text(error: OSError) -> str:
    """``PATH: strerror`` for a file; ``strerror`` alone when the error names no file."""
    reason = error.strerror or str(error)
    if error.filename is None:
        return reason
    where = f"{error.filename} -> {error.filename2}" if error.filename2 else str(error.filename)
    return f"{where}: {reason}"


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail a second time
    (the way the Python documentation advises for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def output_encoding() -> None:
    """Let stdout write any text: when its encoding cannot write the toolkit's output
    (``PYTHONIOENCODING=ascii``, a C locale), characters it lacks are written as
    backslash escapes (``M\\xe9naka``) instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "Ménaka — km² ±".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)  # io.TextIOWrapper's; not every stream has it
            if reconfigure is not None:
                with contextlib.suppress(ValueError):
                    reconfigure(errors="backslashreplace")
