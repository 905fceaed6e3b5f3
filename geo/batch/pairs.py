"""Measuring the pairs of a CSV file: each end read from one column (a name, an id, a
point) or two numeric columns, each distinct text resolved once, all pairs measured on
arrays (:func:`measure_pairs`)."""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import InputError
from .distances import CHUNK, DistanceBatch, End

if TYPE_CHECKING:
    import array

    import numpy as np

    from ..gazetteer import Gazetteer

PAIR_ENDS = ("from", "to")

Answer = tuple[float, float, float, str] | str  # (lat, lon, uncertainty_km, id), or why there is none


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

    from .._input import check_input_file, csv_error_message, csv_field_limit, numbered_rows

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
            from ..gazetteer import Gazetteer

            if gazetteer is None:
                loaded.append(Gazetteer.load())
            elif isinstance(gazetteer, Gazetteer):
                loaded.append(gazetteer)
            else:
                loaded.append(gazetteer())
        return loaded[0]

    row_lines = np.frombuffer(lines, dtype=np.int64) if total else np.empty(0, dtype=np.int64)
    ends: dict[str, End] = {}
    known: dict[str, Answer] = {}  # text -> answer, shared by both ends: each text is resolved once
    for end in PAIR_ENDS:
        if end in vocabularies:
            ends[end] = _resolve_texts(vocabularies[end], codes[end], end, row_lines, label, get_gazetteer, known)
        else:
            ends[end] = _check_numbers(numbers[f"{end}_lat"], numbers[f"{end}_lon"], end, row_lines, label)
        for i, problem in ends[end].problems.items():
            problems.setdefault(i, problem)
    from ..measure import SAME_POINT_KM, geodesic, uncertainty_range

    a, b = ends["from"], ends["to"]
    km = np.full(total, np.nan)
    forward = np.full(total, np.nan)
    good = np.isfinite(a.lat) & np.isfinite(a.lon) & np.isfinite(b.lat) & np.isfinite(b.lon)
    if problems:
        good[list(problems)] = False
    chosen = np.flatnonzero(good)
    for first in range(0, len(chosen), CHUNK):
        part = chosen[first : first + CHUNK]
        km[part], forward[part] = geodesic(a.lat[part], a.lon[part], b.lat[part], b.lon[part])
        done = min(first + CHUNK, len(chosen))
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
    codes: array.array[int],
    end: str,
    lines: np.ndarray,
    label: str,
    get_gazetteer: Callable[[], Gazetteer],
    known: dict[str, Answer],
) -> End:
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
    return End(
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
    from .. import _locate
    from .._input import parse_point
    from ..errors import GeoError

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


def _check_numbers(lats: array.array[float], lons: array.array[float], end: str, lines: np.ndarray, label: str) -> End:
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
    return End(arrays[0], arrays[1], np.zeros(len(arrays[0])), problems=problems)
