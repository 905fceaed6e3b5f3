"""Files and CSV as every reader of the toolkit takes them: a path that must be a regular
file of bounded size, text that must be UTF-8, and CSV rows numbered by the line they start
on, with one message for each way the quoting of a row can break."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    import os
    from typing import BinaryIO

# The largest text document (an article) `geo extract` reads, and the largest CSV file
# cell any reader accepts: far above any real one, far below exhausting memory.
MAX_DOCUMENT_BYTES = 50_000_000
MAX_CSV_FIELD = 10_000_000


def csv_field_limit() -> int:
    """Set (once, for every CSV reader of the toolkit) and return the largest cell read:
    :data:`MAX_CSV_FIELD` characters. A larger cell is reported with its file and line."""
    import csv

    if csv.field_size_limit() != MAX_CSV_FIELD:
        csv.field_size_limit(MAX_CSV_FIELD)
    return MAX_CSV_FIELD


def numbered_rows(reader: Iterator[list[str]], label: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of a ``csv.reader`` whose header was read already, each with the line it
    starts on (a quoted cell may span lines); a broken row raises
    :class:`~geo.errors.InputError` naming ``label`` and the line (:func:`csv_error_message`).

    Examples
    --------
    >>> import csv, io
    >>> reader = csv.reader(io.StringIO('a,"b\\nc"\\nd,e\\n'))
    >>> list(numbered_rows(reader, "pairs.csv"))
    [(2, ['a', 'b\\nc']), (4, ['d', 'e'])]
    """
    import csv

    line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            where, message, fix = csv_error_message(error, start=line, last=getattr(reader, "line_num", 0) + 1)
            raise InputError(f"{label}, line {where}: {message}; {fix}") from None
        start, line = line, getattr(reader, "line_num", 0) + 2
        yield start, row


def csv_error_message(error: Exception, *, start: int, last: int) -> tuple[int, str, str]:
    """``(line, message, fix)`` for a :class:`csv.Error` raised while reading the row
    that starts on line ``start`` (``last``: the last line read).

    Examples
    --------
    >>> csv_error_message(Exception("unexpected end of data"), start=3, last=9)[1]
    'a quote opened on line 3 is never closed: lines 3 to 9 would be one cell'
    """
    text = str(error)
    if "field larger than field limit" in text:
        return (
            start,
            f"a cell longer than {MAX_CSV_FIELD:,} characters (the limit of a cell)",
            "check for a quote that is never closed, or split the text",
        )
    if "unexpected end of data" in text:
        return (
            start,
            f"a quote opened on line {start} is never closed: "
            + (
                f"lines {start} to {last} would be one cell"
                if last > start
                else "the rest of the file would be one cell"
            ),
            'close the quote; a quote inside a quoted cell is written twice ("")',
        )
    stopped = f", read up to line {last}" if last > start else ""
    return (
        start,
        f"malformed quoting in the row that starts on line {start} ({text}{stopped}): "
        "a quote opened in it may never be closed",
        'quote whole cells only: "a, b"; a quote inside a quoted cell is written twice ("")',
    )


def check_input_file(path: str | os.PathLike[str], *, what: str, limit: int | None = None) -> None:
    """Raise :class:`~geo.errors.InputError` unless ``path`` is a regular file that can
    be opened, no larger than ``limit`` bytes: a missing file, a folder, a symbolic-link
    loop, a device (``/dev/zero``) or a pipe each get a message naming the path."""
    import errno
    import os
    import stat

    try:
        info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{path}: a loop of symbolic links; give the path of the {what} itself") from None
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InputError(f"{path}: no such file; give the path of the {what}") from None
        raise InputError(f"{path}: cannot read the {what}: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder; give the path of the {what}, a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file (a device, pipe or socket); give the path of the {what}")
    if limit is not None and info.st_size > limit:
        raise InputError(
            f"{path} is {info.st_size / 1e6:,.1f} MB; a {what} may be at most {limit / 1e6:,.0f} MB: split it"
        )


def read_limited(stream: BinaryIO, *, label: str, what: str, limit: int) -> bytes:
    """Up to ``limit`` bytes of a binary stream (standard input), or InputError when more come."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{label}: more than {limit / 1e6:,.0f} MB; a {what} may be at most that: split it")
    return data


def decode_utf8(data: bytes, label: str) -> str:
    """``data`` decoded as UTF-8 (a leading BOM dropped), or InputError naming the line
    and byte offset of the first byte that is not UTF-8.

    Examples
    --------
    >>> decode_utf8(b"ok\\nM\\xe9naka", "article.txt")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: article.txt: byte 4 is not UTF-8 (0xe9, on line 2); save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8 IN > OUT`)
    """  # noqa: E501 (an example's message is one line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{label}: byte {error.start} is not UTF-8 (0x{data[error.start]:02x}, on line {line}); "
            "save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8 IN > OUT`)"
        ) from None


def read_text(path: str | os.PathLike[str], *, what: str, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """The text of a UTF-8 file, or of standard input when ``path`` is ``"-"``, with
    every line ending read as one ``\\n`` (as Python's text mode reads it).

    Raises :class:`~geo.errors.InputError` for a missing file, a folder, a device or
    pipe given by name, a symbolic-link loop, more than ``limit`` bytes
    (:data:`MAX_DOCUMENT_BYTES` by default), or bytes that are not UTF-8 (naming the line
    and the byte offset), whether the bytes come from a file or from standard input.
    """
    import sys

    if str(path) == "-":
        label = "standard input"
        data = read_limited(sys.stdin.buffer, label=label, what=what, limit=limit)
    else:
        label = str(path)
        check_input_file(path, what=what, limit=limit)
        try:
            with open(path, "rb") as handle:
                data = read_limited(handle, label=label, what=what, limit=limit)
        except OSError as error:
            raise InputError(f"{label}: cannot read the {what}: {error.strerror}") from None
    return decode_utf8(data, label).replace("\r\n", "\n").replace("\r", "\n")
