"""The toolkit's errors: one root class, each error also a built-in exception.

Catch :class:`GeoError` to handle every error the toolkit raises on purpose; the
built-in base of each class (``LookupError``, ``ValueError``) lets code that does not
know this package handle them too.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AmbiguousPlaceError",
    "DataError",
    "GeoError",
    "InputError",
    "MissingDependencyError",
    "OutputError",
    "PlaceNotFoundError",
    "SchemaError",
    "install_extra",
]


class GeoError(Exception):
    """Root of every error raised by the toolkit on purpose.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> try:
    ...     Gazetteer.load().resolve("Xyzzyqq")
    ... except GeoError as error:  # whatever went wrong, one line that says what and how to fix it
    ...     print(type(error).__name__, error)
    PlaceNotFoundError 'Xyzzyqq' was not found: no place of that name in the gazetteer
    """


class InputError(GeoError, ValueError):
    """A value given by the user (a query, a coordinate, an option) is not usable.

    Examples
    --------
    >>> raise InputError("latitude 123.0 is out of range [-90, 90]")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: latitude 123.0 is out of range [-90, 90]
    """

    reason: str | None = None  # the reason alone, without the value, when a caller needs it (EDTF dates)


class OutputError(GeoError, OSError):
    """A file could not be written (disk full, read-only file system, no permission...).

    The message is one line, ``cannot write PATH: REASON``; ``path`` and ``errno`` say
    which file and why, and the file that was there before is left as it was.
    """

    def __init__(self, message: str, *, path: str = "", errno: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.errno = errno

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class PlaceNotFoundError(GeoError, LookupError):
    """No place in the gazetteer matches the query well enough; ``query`` is the query.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> try:
    ...     Gazetteer.load().resolve("Xyzzyqq")
    ... except PlaceNotFoundError as error:
    ...     error.query
    'Xyzzyqq'
    """

    def __init__(self, message: str, *, query: str = "") -> None:
        super().__init__(message)
        self.query = query


class AmbiguousPlaceError(PlaceNotFoundError):
    """Several places match about equally well and lie far apart on the ground.

    ``candidates`` holds the competing places, best first, so that the caller can
    add context (``country``, ``admin1``, ``admin2``, ``near``) and ask again.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> try:
    ...     Gazetteer.load().resolve("Kourou")
    ... except AmbiguousPlaceError as error:
    ...     len(error.candidates) > 1, {place.name for place in error.candidates}
    (True, {'Kourou'})
    """

    def __init__(self, message: str, *, query: str = "", candidates: list[Any] | None = None) -> None:
        super().__init__(message, query=query)
        self.candidates = list(candidates or [])


class ActorNotFoundError(GeoError, LookupError):
    """No actor has this name; ``.suggestions`` holds the ids of the closest ones."""

    def __init__(self, message: str, *, query: str = "", suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.query = query
        self.suggestions = list(suggestions or [])


class SchemaError(GeoError, ValueError):
    """A data file breaks its documented schema.

    The message names the file, the line and the column, shows the bad value and
    says how to fix it.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo import Gazetteer
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "places.csv").write_text("id,name\\nx,y\\n", encoding="utf-8")
    >>> try:
    ...     Gazetteer.load(folder)
    ... except SchemaError as error:
    ...     print(str(error).split(": ", 1)[1][:62])
    missing column(s) kind, lat, lon, uncertainty_km, country, coo
    >>> (folder / "places.csv").unlink(); folder.rmdir()
    """

    def __init__(self, message: str, *, path: str = "", line: int | None = None, column: str | None = None) -> None:
        where = path
        if line is not None:
            where += f", line {line}"
        if column:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.column = column


def install_extra(extra: str) -> str:
    """The command that installs one of the package's optional extras, for messages.

    Examples
    --------
    >>> install_extra("parquet")
    "pip install 'sahel-atlas[parquet]'"
    """
    return f"pip install 'sahel-atlas[{extra}]'"


class MissingDependencyError(GeoError, ImportError):
    """An optional dependency is not installed; the message names the extra to install
    (``pip install 'sahel-atlas[cluster]'``, say).

    Examples
    --------
    >>> issubclass(MissingDependencyError, ImportError)  # caught as an ImportError too
    True
    """


class DataError(GeoError, RuntimeError):
    """The bundled data is missing or unreadable: the installation is broken.

    Reinstalling the package mends it; the message names the file.

    Examples
    --------
    >>> issubclass(DataError, GeoError), issubclass(DataError, RuntimeError)
    (True, True)
    """


class RecordsError(GeoError, ValueError):
    """Seed records break their schema; ``problems`` lists every one (see :mod:`geo.validate`).

    The message ends with the ``geo validate`` command that lists every problem of the
    same files: ``--seeds DIR`` for a folder of one's own, ``--incidents FILE`` for an
    incidents file given on its own.

    Examples
    --------
    >>> print(RecordsError(["acled.csv:3:date: '2022-13': month 13 does not exist"], incidents="acled.csv"))
    1 problem(s) in the records (incidents from acled.csv):
      acled.csv:3:date: '2022-13': month 13 does not exist
    run 'geo validate --incidents acled.csv' for the full list
    """

    def __init__(self, problems: list[Any], *, directory: str = "", incidents: str = "") -> None:
        shown = "\n  ".join(str(p) for p in problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        where = [f"in {directory}"] if directory else []
        if incidents:
            where.append(f"(incidents from {incidents})")
        hint = ["geo validate"]
        if directory:
            hint.append(f"--seeds {_quoted(directory)}")
        if incidents:
            hint.append(f"--incidents {_quoted(incidents)}")
        super().__init__(
            f"{len(problems)} problem(s) in the records{''.join(' ' + w for w in where)}:\n  {shown}{more}\n"
            f"run '{' '.join(hint)}' for the full list"
        )
        self.problems = list(problems)


def _quoted(path: str) -> str:
    """A path as a shell reader would type it (quoted only when it needs to be)."""
    import shlex

    return shlex.quote(path)
