"""Batch geocoding: a CSV file of queries read row by row, and each row resolved.

:func:`read_batch` reads the file (UTF-8, comma, semicolon or tab) into
:class:`BatchRow` objects, keeping a row that cannot be read with its ``problem``
so that every other row is still answered; :func:`geocode_rows` resolves the rows
with a :class:`~geo.gazetteer.Gazetteer`, the options filling cells left empty.
``geo geocode --batch FILE`` prints what they give.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

__all__ = [
    "BATCH_COLUMNS",
    "DISTANCE_FIELDS",
    "BatchRow",
    "DistanceBatch",
    "geocode_rows",
    "measure_pairs",
    "read_batch",
]

BATCH_COLUMNS = ("query", "country", "admin1", "admin2", "admin3", "near", "date")
# The most distinct (query, context) answers :func:`geocode_rows` keeps for reuse.
MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One row of a batch file: its first line, its cells (the columns of
    :data:`BATCH_COLUMNS` it has, stripped) and, when it cannot be used, why.

    ``line`` is ``None`` for a query given otherwise (on the command line).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "places.csv"
    >>> _ = path.write_text("query,country\\nMénaka,ML\\nDori,BF\\n", encoding="utf-8")
    >>> [(row.line, row.cells, row.problem) for row in read_batch(path)]
    [(2, {'query': 'Ménaka', 'country': 'ML'}, None), (3, {'query': 'Dori', 'country': 'BF'}, None)]
    >>> path.unlink(); path.parent.rmdir()
    """

    line: int | None
    cells: dict[str, str] = field(default_factory=dict)
    problem: str | None = None

    @property
    def query(self) -> str:
        return self.cells.get("query", "")


def read_batch(path: str | os.PathLike[str]) -> list[BatchRow]:
    """Read a batch file of queries: a CSV file in UTF-8 (comma, semicolon or tab; a BOM
    is fine) with a ``query`` column and optional ``country``, ``admin1``, ``admin2``,
    ``admin3``, ``near`` and ``date`` columns; ``"-"`` reads standard input.

    Raises :class:`~geo.errors.InputError` for a file that cannot be used at all
    (missing, empty, no ``query`` column, a column named twice, broken quoting), naming
    the file and line. A row that cannot be read (cells that are not UTF-8, too many or
    too few cells) is kept with its ``problem``, naming file, line and column.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "incidents.csv"
    >>> _ = path.write_bytes(b"query;admin1\\nM\\xc3\\xa9naka;\\nDioura;Mopti\\nT\\xe9ssit;Gao\\n")
    >>> rows = read_batch(path)
    >>> [(row.line, row.query, row.cells["admin1"]) for row in rows[:2]]
    [(2, 'Ménaka', ''), (3, 'Dioura', 'Mopti')]
    >>> print(rows[2].problem)
    /.../incidents.csv, line 4, column 'query': the text is not valid UTF-8 ('T�ssit', bytes shown as U+FFFD); ...
    >>> path.unlink(); path.parent.rmdir()
    """
    from ._input import MAX_DOCUMENT_BYTES, check_input_file, csv_error_message, csv_field_limit, read_limited

    label = "standard input" if str(path) == "-" else str(path)
    if str(path) != "-":
        try:
            check_input_file(path, what="batch file (a .csv file with a 'query' column)", limit=MAX_DOCUMENT_BYTES)
        except InputError as error:
            raise InputError(f"cannot read the batch file: {error}") from None
    try:
        if str(path) == "-":
            data = read_limited(sys.stdin.buffer, label=label, what="batch file", limit=MAX_DOCUMENT_BYTES)
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise InputError(f"cannot read the batch file {label}: {error.strerror}") from None
    # Bytes that are not UTF-8 become lone surrogates, reported on their row below (a
    # real U+FFFD in the text is accepted); the same whether from a file or stdin.
    text = data.decode("utf-8-sig", errors="surrogateescape")
    if not text.strip():
        raise InputError(f"the batch file {label} is empty: it needs a header line with a 'query' column")
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count) if any(d in first_line for d in ",;\t") else ","
    csv_field_limit()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    except csv.Error as error:
        _line, message, fix = csv_error_message(error, start=1, last=reader.line_num)
        raise InputError(f"{label}, line 1: {message}; {fix}") from None
    if "query" not in fields:
        raise InputError(
            f"{label}, line 1: no 'query' column (found {', '.join(repr(f) for f in fields) or 'nothing'}); "
            f"the header must name a 'query' column, and may name {', '.join(BATCH_COLUMNS[1:])}"
        )
    twice = sorted({f for f in fields if f in BATCH_COLUMNS and fields.count(f) > 1})
    if twice:
        raise InputError(
            f"{label}, line 1: column(s) named twice: {', '.join(twice)}; keep one of each "
            "(which one holds the data cannot be guessed)"
        )
    reader.fieldnames = fields
    rows = []
    line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            where, message, fix = csv_error_message(error, start=line, last=reader.line_num)
            raise InputError(f"{label}, line {where}: {message}; {fix}") from None
        start, line = reader.line_num, reader.line_num + 1
        problem = None
        if None in row or None in row.values():
            problem = (
                f"{label}, line {start}: the row has {'more' if None in row else 'fewer'} cells than the header "
                f"({len(fields)}); quote cells that contain the separator and check for missing or extra ones"
            )
        cells = {k: (v or "").strip() for k, v in row.items() if k in BATCH_COLUMNS}
        bad = [k for k, v in cells.items() if re.search("[\udc80-\udcff]", v)]
        cells = {k: v.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for k, v in cells.items()}
        if bad and problem is None:
            problem = (
                f"{label}, line {start}, column {bad[0]!r}: the text is not valid UTF-8 "
                f"({cells[bad[0]]!r}, bytes shown as U+FFFD); save the file as UTF-8"
            )
        rows.append(BatchRow(start, cells, problem))
    return rows


def geocode_rows(
    gazetteer: Gazetteer,
    rows: Iterable[BatchRow | str],
    *,
    with_candidates: bool = False,
    country: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    admin3: str | None = None,
    near: str | None = None,
    date: str | None = None,
    memo: bool = True,
) -> Iterator[dict[str, Any]]:
    """Resolve each row (a :class:`BatchRow`, or a query as text): one JSON-ready record
    per row, in order, as ``geo geocode --json`` prints them.

    A row's own cells give its context; the keyword options fill the cells left
    empty. A row that cannot be used (its ``problem``, a point that is not finite, an
    unknown country code) gets ``status: "error"`` and the ``reason``; rows read from
    a file carry their line number as ``row``. Never raises for one bad row.

    Spreadsheets repeat names: a query with the same context (the same cells, after
    the options fill them) is resolved once and its answer reused (``memo=False``
    resolves every row; the records are the same). Each record is a new dict.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> rows = [BatchRow(2, {"query": "Dioura", "admin2": "Ténenkou"}), BatchRow(3, {"query": "nan,nan"})]
    >>> [(r["row"], r["status"], r["id"] if r["status"] == "ok" else r["reason"][:9])
    ...  for r in geocode_rows(gazetteer, rows)]
    [(2, 'ok', 'gn-2458636'), (3, 'error', "'nan,nan'")]
    >>> next(geocode_rows(gazetteer, ["Tidarméné"]))["id"]
    'ml-tidermene'
    """
    from ._input import parse_coordinates
    from .errors import GeoError

    defaults = {"country": country, "admin1": admin1, "admin2": admin2, "admin3": admin3, "near": near}
    answers: dict[tuple[str | None, ...], Any] = {}  # (query, context...) -> Resolution, or the error's text
    for row in rows:
        if isinstance(row, str):
            row = BatchRow(None, {"query": row})
        cells, query, problem = row.cells, row.query, row.problem
        record: dict[str, Any]
        if problem is None and query:
            try:  # "nan,nan" is a point that is not finite, not the village of Nanan
                parse_coordinates(query)
            except InputError as error:
                problem = str(error)
        if problem:
            record = {"query": query, "status": "error", "lat": None, "lon": None, "reason": problem}
        else:
            context = {key: cells.get(key) or value for key, value in defaults.items()}
            on = cells.get("date") or date
            key = (query, *context.values(), on)
            answer = answers.get(key) if memo else None
            if answer is None:
                try:
                    answer = gazetteer.lookup(query, **context, on=on)
                except GeoError as error:
                    answer = str(error)
                if memo and len(answers) < MEMO_LIMIT:
                    answers[key] = answer
            if isinstance(answer, str):
                record = {"query": query, "status": "error", "lat": None, "lon": None, "reason": answer}
            else:
                record = answer.to_dict(with_candidates=with_candidates)
        if row.line is not None:
            record = {"row": row.line, **record}
        yield record


# --- distances between the pairs of a file --------------------------------------------
PAIR_ENDS = ("from", "to")
DISTANCE_FIELDS = (
    "row",
    "from",
    "to",
    "from_id",
    "to_id",
    "from_lat",
    "from_lon",
    "to_lat",
    "to_lon",
    "distance_km",
    "bearing_deg",
    "direction",
    "uncertainty_km",
    "km_min",
    "km_max",
    "status",
    "reason",
)
_CHUNK = 100_000  # rows measured, or formatted for output, at a time (bounds the temporary objects)

Answer = tuple[float, float, float, str] | str  # (lat, lon, uncertainty_km, id), or why there is none


@dataclass
class _End:
    """One end ('from' or 'to') of every pair: per row, its point and uncertainty (NaN where
    it failed); for an end given as text, the distinct texts and each row's code among them."""

    lat: Any
    lon: Any
    uncertainty_km: Any
    texts: list[str] = field(default_factory=list)
    codes: Any = None
    ids: list[str] = field(default_factory=list)
    problems: dict[int, str] = field(default_factory=dict)

    def text(self, start: int, stop: int) -> list[str]:
        if self.codes is None:  # read from numeric columns: the point as read
            return [
                "" if a != a or o != o else f"{a!r},{o!r}"
                for a, o in zip(self.lat[start:stop].tolist(), self.lon[start:stop].tolist(), strict=True)
            ]
        return [self.texts[c] for c in self.codes[start:stop].tolist()]

    def id(self, start: int, stop: int) -> list[str | None]:
        if self.codes is None:
            return [None] * (stop - start)
        return [self.ids[c] or None for c in self.codes[start:stop].tolist()]


@dataclass(frozen=True)
class DistanceBatch:
    """The distances between the pairs of a file, as columns: one entry per data row, in
    file order. ``problems`` maps a row's position to why it could not be measured (the
    message names file, line, column and value); its numbers are then NaN.

    Made by :func:`measure_pairs`; :meth:`records` gives one JSON-ready dict per row,
    rounded as ``geo distance`` prints, and :meth:`write_csv` writes them all.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "pairs.csv"
    >>> _ = path.write_text("from_lat,from_lon,to_lat,to_lon\\n15.918,2.402,16.27,-0.04\\n", encoding="utf-8")
    >>> batch = measure_pairs(path)
    >>> round(float(batch.km[0])), round(float(batch.bearing_deg[0])), batch.problems
    (264, 279, {})
    >>> path.unlink(); path.parent.rmdir()
    """

    label: str
    lines: Any
    ends: dict[str, _End]
    km: Any
    bearing_deg: Any
    uncertainty_km: Any
    km_min: Any
    km_max: Any
    problems: dict[int, str]

    def __len__(self) -> int:
        return len(self.lines)

    def _chunks(self) -> Iterator[tuple[int, dict[str, list[Any]]]]:
        """The output columns, :data:`_CHUNK` rows at a time: (first row, columns)."""
        import numpy as np

        from .measure import COMPASS

        def rounded(values, digits: int) -> list[Any]:
            values = np.round(values, digits)
            if not np.isnan(values).any():
                return values.tolist()
            return [None if v != v else v for v in values.tolist()]

        for start in range(0, len(self), _CHUNK):
            stop = min(start + _CHUNK, len(self))
            bearing = self.bearing_deg[start:stop]
            sectors = (np.floor(np.nan_to_num(bearing) / 22.5 + 0.5).astype(np.int64) % 16).tolist()
            rounded_bearing = rounded(bearing, 1)
            columns: dict[str, list[Any]] = {
                "row": self.lines[start:stop].tolist(),
                "distance_km": rounded(self.km[start:stop], 3),
                "bearing_deg": rounded_bearing,
                "direction": [None if b is None else COMPASS[s] for b, s in zip(rounded_bearing, sectors, strict=True)],
                "uncertainty_km": rounded(self.uncertainty_km[start:stop], 1),
                "km_min": rounded(self.km_min[start:stop], 3),
                "km_max": rounded(self.km_max[start:stop], 3),
                "status": ["ok"] * (stop - start),
                "reason": [None] * (stop - start),
            }
            for name, end in self.ends.items():
                columns[name] = end.text(start, stop)
                columns[f"{name}_id"] = end.id(start, stop)
                columns[f"{name}_lat"] = rounded(end.lat[start:stop], 5)
                columns[f"{name}_lon"] = rounded(end.lon[start:stop], 5)
            for i, problem in self.problems.items():
                if start <= i < stop:
                    columns["status"][i - start] = "error"
                    columns["reason"][i - start] = problem
            yield start, columns

    def records(self) -> Iterator[dict[str, Any]]:
        """One dict per row (the fields of :data:`DISTANCE_FIELDS`), ``None`` for what is unknown."""
        for _start, columns in self._chunks():
            for values in zip(*(columns[name] for name in DISTANCE_FIELDS), strict=True):
                yield dict(zip(DISTANCE_FIELDS, values, strict=True))

    def write_csv(self, stream: Any, *, raw: bool = False) -> None:
        """Write every row as CSV (the header :data:`DISTANCE_FIELDS`); text cells a
        spreadsheet would run as formulas start with ``'`` unless ``raw``."""
        from ._io import spreadsheet_safe

        def text(values: list[Any]) -> list[Any]:
            if raw:
                return values
            # only a cell starting with one of these characters can be taken for a formula
            return [v if not v or v[0] not in "=+-@\t\r'" else spreadsheet_safe(v) for v in values]

        writer = csv.writer(stream, lineterminator="\n")  # writes None as an empty cell
        writer.writerow(DISTANCE_FIELDS)
        for _start, columns in self._chunks():
            for name in ("from", "to", "reason"):
                columns[name] = text(columns[name])
            writer.writerows(zip(*(columns[name] for name in DISTANCE_FIELDS), strict=True))


def measure_pairs(
    path: str | os.PathLike[str],
    gazetteer: Gazetteer | Callable[[], Gazetteer] | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> DistanceBatch:
    """Geodesic distance, initial bearing and uncertainty range between the two ends of
    each row of a CSV file (UTF-8; comma, semicolon or tab; ``"-"`` reads standard input).

    Each end is given either by one column (``from``, ``to``) holding a gazetteer id, a
    name in any spelling, a relative location (``30 km N of Douentza``) or a point
    ``LAT,LON`` (quoted in a comma-separated file), or by two numeric columns
    (``from_lat`` and ``from_lon``; ``to_lat`` and ``to_lon``). Other columns are
    ignored. Each distinct text is resolved once; all pairs are then measured on
    arrays by pyproj's ``Geod.inv`` (WGS84). The numbers are those of
    ``geo distance`` for the same pair: places at their rounded point, widened by
    their uncertainty (points count as exact).

    ``gazetteer`` is the gazetteer to resolve names with, or a function that loads it
    (called only when some cell is a name; default: the bundled one). ``progress``
    receives a line of text at each stage of a big file (100,000 rows or more).

    Raises :class:`~geo.errors.InputError` for a file that cannot be used at all
    (missing, no usable columns, broken quoting), naming the file and line. A row that
    cannot be measured (an unknown or ambiguous name, a bad point, a cell too many)
    is kept, with a problem that names file, line, column and value.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "pairs.csv"
    >>> _ = path.write_text('from,to\\nTidermène,Ménaka\\n"16.6,2.4",ml-menaka\\nAtlantis,Gao\\n', encoding="utf-8")
    >>> batch = measure_pairs(path)
    >>> [(r["row"], r["distance_km"], r["uncertainty_km"], r["direction"]) for r in batch.records()][:2]
    [(2, 77.495, 7.0, 'S'), (3, 75.449, 3.0, 'S')]
    >>> print(batch.problems[2])
    /.../pairs.csv, line 4, column 'from': 'Atlantis' was not found: ...
    >>> path.unlink(); path.parent.rmdir()
    """
    import array

    import numpy as np

    from ._input import check_input_file, csv_error_message, csv_field_limit, numbered_rows

    label = "standard input" if str(path) == "-" else str(path)
    if str(path) != "-":
        try:
            check_input_file(path, what="file of pairs (a .csv file with 'from' and 'to' columns)")
        except InputError as error:
            raise InputError(f"cannot read the file of pairs: {error}") from None
    try:
        if str(path) == "-":
            handle = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="surrogateescape", newline="")
        else:
            handle = open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")  # noqa: SIM115
    except OSError as error:
        raise InputError(f"cannot read the file of pairs {label}: {error.strerror}") from None
    csv_field_limit()
    say = progress or (lambda _text: None)
    nan = float("nan")
    with handle:
        first_line = handle.readline()
        if not first_line.strip():
            raise InputError(f"the file of pairs {label} is empty: it needs a header line with 'from' and 'to' columns")
        delimiter = max(",;\t", key=first_line.count) if any(d in first_line for d in ",;\t") else ","
        try:
            fields = [f.strip().lower() for f in next(csv.reader([first_line], delimiter=delimiter, strict=True))]
        except csv.Error as error:
            _line, message, fix = csv_error_message(error, start=1, last=1)
            raise InputError(f"{label}, line 1: {message}; {fix}") from None
        sources = _pair_columns(fields, label)
        width = len(fields)
        lines = array.array("q")
        problems: dict[int, str] = {}
        # a text column: each distinct text's code, and each row's; a numeric one: the numbers
        vocabularies: dict[str, dict[str, int]] = {name: {} for name in sources if name in PAIR_ENDS}
        codes = {name: array.array("q") for name in vocabularies}
        numbers = {name: array.array("d") for name in sources if name not in PAIR_ENDS}
        text_columns = [(index, vocabularies[name], codes[name]) for name, index in sources.items() if name in codes]
        number_columns = [(name, index, numbers[name]) for name, index in sources.items() if name in numbers]
        for start, row in numbered_rows(csv.reader(handle, delimiter=delimiter, strict=True), label):
            if not row:
                continue  # a blank line
            count = len(lines)
            if len(row) != width:
                problems[count] = (
                    f"{label}, line {start}: the row has {'more' if len(row) > width else 'fewer'} cells than the "
                    f"header ({width}); quote cells that contain the separator (a point '15.9,2.4' in a "
                    "comma-separated file) and check for missing or extra ones"
                )
            lines.append(start)
            for index, vocabulary, column in text_columns:
                value = row[index].strip() if index < len(row) else ""
                code = vocabulary.get(value)
                if code is None:
                    code = vocabulary[value] = len(vocabulary)
                column.append(code)
            for name, index, values in number_columns:
                value = row[index].strip() if index < len(row) else ""
                try:
                    values.append(float(value))
                except ValueError:
                    values.append(nan)
                    shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                    problems.setdefault(
                        count, f"{label}, line {start}, column {name!r}: {shown!r} is not a number (decimal degrees)"
                    )
            if (count + 1) % 250_000 == 0:
                say(f"read {count + 1:,} rows")
    total = len(lines)
    if total >= 100_000:
        say(f"read {total:,} rows; resolving the distinct names and points")
    loaded: list[Gazetteer] = []

    def get_gazetteer() -> Gazetteer:
        if not loaded:
            from .gazetteer import Gazetteer

            if gazetteer is None:
                loaded.append(Gazetteer.load())
            elif isinstance(gazetteer, Gazetteer):
                loaded.append(gazetteer)
            else:
                loaded.append(gazetteer())
        return loaded[0]

    row_lines = np.frombuffer(lines, dtype=np.int64) if total else np.empty(0, dtype=np.int64)
    ends: dict[str, _End] = {}
    known: dict[str, Answer] = {}  # text -> answer, shared by both ends: each text is resolved once
    for end in PAIR_ENDS:
        if end in vocabularies:
            ends[end] = _resolve_texts(vocabularies[end], codes[end], end, row_lines, label, get_gazetteer, known)
        else:
            ends[end] = _check_numbers(numbers[f"{end}_lat"], numbers[f"{end}_lon"], end, row_lines, label)
        for i, problem in ends[end].problems.items():
            problems.setdefault(i, problem)
    from .measure import SAME_POINT_KM, geodesic, uncertainty_range

    a, b = ends["from"], ends["to"]
    km = np.full(total, np.nan)
    forward = np.full(total, np.nan)
    good = np.isfinite(a.lat) & np.isfinite(a.lon) & np.isfinite(b.lat) & np.isfinite(b.lon)
    if problems:
        good[list(problems)] = False
    chosen = np.flatnonzero(good)
    for first in range(0, len(chosen), _CHUNK):
        part = chosen[first : first + _CHUNK]
        km[part], forward[part] = geodesic(a.lat[part], a.lon[part], b.lat[part], b.lon[part])
        done = min(first + _CHUNK, len(chosen))
        if total >= 100_000 and (done % 500_000 == 0 or done == len(chosen)):
            say(f"measured {done:,} of {len(chosen):,} pairs")
    forward[km < SAME_POINT_KM] = np.nan
    uncertainty, km_min, km_max = uncertainty_range(km, np.where(good, a.uncertainty_km, np.nan), b.uncertainty_km)
    return DistanceBatch(label, row_lines, ends, km, forward, uncertainty, km_min, km_max, problems)


def _pair_columns(fields: list[str], label: str) -> dict[str, int]:
    """Where each end is read: ``{"from": i, "to": j}`` or ``{"from_lat": i, "from_lon": j, ...}``."""
    twice = sorted({f for f in fields if f and fields.count(f) > 1})
    if twice:
        raise InputError(f"{label}, line 1: column(s) named twice: {', '.join(twice)}; keep one of each")
    found: dict[str, int] = {}
    for end in PAIR_ENDS:
        if end in fields:
            found[end] = fields.index(end)
        elif f"{end}_lat" in fields and f"{end}_lon" in fields:
            found[f"{end}_lat"] = fields.index(f"{end}_lat")
            found[f"{end}_lon"] = fields.index(f"{end}_lon")
        else:
            raise InputError(
                f"{label}, line 1: no {end!r} column (found {', '.join(repr(f) for f in fields) or 'nothing'}); "
                f"give a {end!r} column (a name, an id or a point 'LAT,LON') or the two columns "
                f"'{end}_lat' and '{end}_lon'"
            )
    return found


def _resolve_texts(
    vocabulary: dict[str, int],
    codes: Any,
    end: str,
    lines: Any,
    label: str,
    get_gazetteer: Callable[[], Gazetteer],
    known: dict[str, Answer],
) -> _End:
    """Resolve each distinct text of one end (a point, an id, a name), then spread the
    answers over the rows by their codes. ``known`` holds the answers found so far (for
    the other end too)."""
    import numpy as np

    texts = list(vocabulary)
    answers = []
    for text in texts:
        if text not in known:
            known[text] = _resolve_text(text, get_gazetteer)
        answers.append(known[text])
    table = np.array(
        [answer[:3] if isinstance(answer, tuple) else (np.nan, np.nan, np.nan) for answer in answers], dtype=float
    ).reshape(-1, 3)
    row_codes = np.frombuffer(codes, dtype=np.int64) if len(codes) else np.empty(0, dtype=np.int64)
    values = table[row_codes]
    problems: dict[int, str] = {}
    failed = [code for code, answer in enumerate(answers) if isinstance(answer, str)]
    if failed:
        for i in np.flatnonzero(np.isin(row_codes, failed)).tolist():
            problems[i] = f"{label}, line {lines[i]}, column {end!r}: {answers[row_codes[i]]}"
    shown = [t.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for t in texts]
    return _End(
        np.ascontiguousarray(values[:, 0]),
        np.ascontiguousarray(values[:, 1]),
        np.ascontiguousarray(values[:, 2]),
        shown,
        row_codes,
        [answer[3] if isinstance(answer, tuple) else "" for answer in answers],
        problems,
    )


def _resolve_text(text: str, get_gazetteer: Callable[[], Gazetteer]) -> Answer:
    """``(lat, lon, uncertainty_km, id)`` of one cell (a point, an id, a name), or why it has none."""
    from . import _locate
    from ._input import parse_point
    from .errors import GeoError

    if not text:
        return "the cell is empty: give a place name, an id or a point LAT,LON"
    if re.search("[\udc80-\udcff]", text):
        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return f"{shown!r} is not valid UTF-8 (bytes shown as U+FFFD); save the file as UTF-8"
    try:
        point = parse_point(text)
        if point is not None:
            return (point[0], point[1], 0.0, "")
        resolution = _locate.locate(get_gazetteer(), text)
    except GeoError as error:
        return str(error)
    place = resolution.place
    return (
        round(resolution.lat or 0.0, 5),
        round(resolution.lon or 0.0, 5),
        round(resolution.uncertainty_km or 0.0, 1),
        place.id if place is not None else "",
    )


def _check_numbers(lats: Any, lons: Any, end: str, lines: Any, label: str) -> _End:
    """One end read from numeric columns: exact points; a value out of range is a problem."""
    import numpy as np

    problems: dict[int, str] = {}
    arrays = []
    for name, values, limit in ((f"{end}_lat", lats, 90.0), (f"{end}_lon", lons, 180.0)):
        column = np.frombuffer(values, dtype=np.float64).copy() if len(values) else np.empty(0)
        finite = np.isfinite(column)
        for i in np.flatnonzero(finite & (np.abs(column) > limit)).tolist():
            problems.setdefault(
                i,
                f"{label}, line {lines[i]}, column {name!r}: {column[i]:g} is out of range; give decimal degrees "
                f"within [-{limit:g}, {limit:g}]",
            )
        for i in np.flatnonzero(~finite).tolist():  # 'nan', 'inf' (text that is no number is reported on reading)
            problems.setdefault(i, f"{label}, line {lines[i]}, column {name!r}: {column[i]} is not a finite number")
        column[~finite | (np.abs(column) > limit)] = np.nan
        arrays.append(column)
    return _End(arrays[0], arrays[1], np.zeros(len(arrays[0])), problems=problems)
