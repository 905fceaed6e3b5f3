"""A seeds folder: its five tables (:class:`Seeds`), which file each is read from, and
why a file or folder in the way cannot be read.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import schema
from .._resources import bundled_dir
from ..errors import DataError, SchemaError
from .csv_table import read_table
from .parquet_table import is_parquet, parquet_files, read_parquet_table
from .tables import Table, extend_table

__all__ = ["FALLBACK_FILES", "Seeds", "beside_folder"]


# The files a folder (or the folder of an --incidents file) may leave out or hold only some
# rows of: their rows extend the bundled ones (the folder's rows first; the same id in both,
# the folder's row wins).
FALLBACK_FILES = (schema.SOURCES_FILE, schema.ACTORS_FILE)


def beside_folder(incidents: str | Path) -> Path:
    """The folder whose ``actors.csv``, ``sources.csv`` and ``claims.csv`` go with an
    incidents file: the file's own folder, or the folder itself for a folder of Parquet files.

    Examples
    --------
    >>> beside_folder("my/incidents.csv"), beside_folder(bundled_dir("seeds")).name
    (PosixPath('my'), 'seeds')
    """
    path = Path(incidents)
    return path if path.is_dir() else path.parent


@dataclass
class Seeds:
    """The five tables of a seeds folder (see ``seeds/README.md``).

    ``Seeds.load()`` reads the bundled records; ``Seeds.load("my/seeds")`` reads a
    folder of your own. Its ``sources.csv`` and ``actors.csv`` extend the bundled ones
    (its rows first; a row with the id of a bundled row replaces it), or are the
    bundled ones when the folder has none.

    Examples
    --------
    >>> seeds = Seeds.load()
    >>> len(seeds.sources) >= 5 and seeds.sources.rows[0]["id"]
    'doc-000'
    """

    directory: Path
    tables: dict[str, Table]
    incidents_file: Path | None = None  # incidents read from their own file (``--incidents``)

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Seeds:
        """Read the tables of ``directory`` (default: the bundled records).

        A file must bear its exact name: one present only under another case
        (``Incidents.csv``), a link that leads nowhere or loops, a folder or another
        kind of file in its place raises :class:`~geo.errors.SchemaError` naming the
        path, rather than reading as an empty table.
        """
        bundled = bundled_dir("seeds")
        folder = Path(directory) if directory is not None else bundled
        if not _is_folder(folder):
            problem = _entry_problem(folder, "folder")
            raise DataError(
                f"{folder} {problem or 'is not a folder'}; give the folder that holds incidents.csv, claims.csv..."
            )
        tables = {}
        for name, path in cls.paths(directory).items():
            tables[name] = read_table(path, name)
            if name in FALLBACK_FILES and not _same_file(path, bundled / name):
                tables[name] = extend_table(tables[name], read_table(bundled / name, name))
        return cls(folder, tables)

    def with_incidents(self, path: str | Path) -> Seeds:
        """These records with the incidents of ``path`` instead of their own: a CSV in the
        seeds' schema, or a GeoParquet file or folder of them (:func:`read_parquet_table`).

        The ``actors.csv``, ``sources.csv`` and ``claims.csv`` beside ``path`` (in the
        folder itself for a folder of Parquet files, see :func:`beside_folder`), when there
        are, extend these records' own (their rows first, as :meth:`load` does for a
        folder): ``geo import`` writes there the actors it made, the source of an analyst's
        table, and the claims of ACLED's territorial events.

        Examples
        --------
        >>> seeds = Seeds.load().with_incidents(bundled_dir("seeds") / "incidents.csv")
        >>> seeds.incidents_file.name, len(seeds.incidents) > 0
        ('incidents.csv', True)
        """
        from ..errors import InputError

        path = Path(path)
        if path.is_dir():
            if not parquet_files(path):
                raise InputError(
                    f"--incidents {path}: a folder with no Parquet files (*.parquet); give an incidents CSV such as "
                    "geo import writes, or a GeoParquet file or folder such as geo export --format parquet writes"
                )
        elif not path.is_file():
            raise InputError(f"--incidents {path}: no such file; give an incidents CSV such as geo import writes")
        tables = dict(self.tables)
        if is_parquet(path):
            tables[schema.INCIDENTS_FILE] = read_parquet_table(path, schema.INCIDENTS_FILE)
        else:
            tables[schema.INCIDENTS_FILE] = read_table(path, schema.INCIDENTS_FILE)
        for name in (*FALLBACK_FILES, schema.CLAIMS_FILE):
            beside = beside_folder(path) / name
            table = tables[name]
            if _entry_problem(beside, "file") is not None or not beside.exists():
                continue
            if any(_same_file(beside, f) for f in table.files):
                continue
            tables[name] = extend_table(read_table(beside, name), table)
        return Seeds(self.directory, tables, incidents_file=path)

    def files(self) -> list[Path]:
        """Every file these records are read from (to keep an output from overwriting one)."""
        found: list[Path] = []
        for table in self.tables.values():
            found.extend(f for f in table.files if f not in found)
        if self.incidents_file is not None and self.incidents_file not in found:
            found.append(self.incidents_file)
        return found

    def summary(self) -> str:
        """The rows of each table, own and extended (:meth:`Table.summary`), comma-separated.

        Examples
        --------
        >>> Seeds.load().summary()  # doctest: +ELLIPSIS
        '... sources, ... actors, ... incidents, ... claims, ... assertions'
        """
        return ", ".join(table.summary() for table in self.tables.values())

    @staticmethod
    def paths(directory: str | Path | None = None) -> dict[str, Path]:
        """The file each table of ``directory`` is read from, by name (``sources.csv`` and
        ``actors.csv`` from the bundled records when the folder has none).

        Raises :class:`~geo.errors.SchemaError` for a file that is there but cannot be
        read under its name (see :meth:`load`); empty when ``directory`` is not a folder.

        Examples
        --------
        >>> sorted(Seeds.paths())[:2], Seeds.paths()["incidents.csv"].name
        (['actors.csv', 'assertions.csv'], 'incidents.csv')
        """
        bundled = bundled_dir("seeds")
        folder = Path(directory) if directory is not None else bundled
        if not _is_folder(folder):
            return {}
        try:
            names = {entry.lower(): entry for entry in os.listdir(folder)}
        except OSError:
            names = {}
        paths = {}
        for name in schema.SEED_FILES:
            path = folder / name
            problem = _entry_problem(path, "file")
            if problem is not None:
                raise SchemaError(problem, path=str(path))
            if not os.path.lexists(path):
                other = names.get(name.lower())
                if other is not None and other != name:
                    raise SchemaError(
                        f"not found, but found {other}: rename it to {name} (file names are case-sensitive)",
                        path=str(path),
                    )
                if name in FALLBACK_FILES and not _same_folder(folder, bundled):
                    path = bundled / name
            paths[name] = path
        return paths

    @property
    def sources(self) -> Table:
        return self.tables[schema.SOURCES_FILE]

    @property
    def actors(self) -> Table:
        return self.tables[schema.ACTORS_FILE]

    @property
    def incidents(self) -> Table:
        return self.tables[schema.INCIDENTS_FILE]

    @property
    def claims(self) -> Table:
        return self.tables[schema.CLAIMS_FILE]

    @property
    def assertions(self) -> Table:
        return self.tables[schema.ASSERTIONS_FILE]


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _entry_problem(path: Path, want: str) -> str | None:
    """Why ``path`` cannot be read as a ``want`` ("file" or "folder"); ``None`` when it can, or is absent.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "incidents.csv").symlink_to(folder / "gone.csv")
    >>> _entry_problem(folder / "incidents.csv", "file")  # doctest: +ELLIPSIS
    'is a link to .../gone.csv, which does not exist; restore the file or replace the link with it'
    """
    try:
        link = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read: {error.strerror}"
    try:
        info = path.stat()
    except OSError as error:
        if stat.S_ISLNK(link.st_mode):
            try:
                dest = os.readlink(path)
            except OSError:  # pragma: no cover - it was a link a moment ago
                dest = "?"
            if error.errno == errno.ELOOP:
                return f"is a link to {dest} that loops back on itself; replace the link with the file"
            if error.errno == errno.ENOENT:
                return f"is a link to {dest}, which does not exist; restore the file or replace the link with it"
        return f"cannot be read: {error.strerror}"
    if want == "file":
        if stat.S_ISDIR(info.st_mode):
            return "is a folder, not a CSV file; move the file into its place"
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file; put the CSV file in its place"
        if not os.access(path, os.R_OK):
            return "cannot be read: permission denied; allow reading it (chmod a+r)"
    elif not stat.S_ISDIR(info.st_mode):
        return "is a file, not a folder"
    return None
