"""The distances between the pairs of a file, as columns (:class:`DistanceBatch`), and their
output: one JSON-ready record per row, or CSV made safe for spreadsheets."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

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
CHUNK = 100_000  # rows measured, or formatted for output, at a time (bounds the temporary objects)


@dataclass
class End:
    """One end ('from' or 'to') of every pair: per row, its point and uncertainty (NaN where
    it failed); for an end given as text, the distinct texts and each row's code among them."""

    lat: np.ndarray
    lon: np.ndarray
    uncertainty_km: np.ndarray
    texts: list[str] = field(default_factory=list)
    codes: np.ndarray | None = None
    ids: list[str] = field(default_factory=list)
    problems: dict[int, str] = field(default_factory=dict)

    def text(self, start: int, stop: int) -> list[str]:
        """This end of rows ``start`` to ``stop`` as given: its text, or the point read from numeric columns."""
        if self.codes is None:  # read from numeric columns: the point as read
            return [
                "" if a != a or o != o else f"{a!r},{o!r}"
                for a, o in zip(self.lat[start:stop].tolist(), self.lon[start:stop].tolist(), strict=True)
            ]
        return [self.texts[c] for c in self.codes[start:stop].tolist()]

    def id(self, start: int, stop: int) -> list[str | None]:
        """The gazetteer id this end of rows ``start`` to ``stop`` resolved to (None for a point)."""
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
    >>> from geo.batch import measure_pairs
    >>> batch = measure_pairs(path)
    >>> round(float(batch.km[0])), round(float(batch.bearing_deg[0])), batch.problems
    (264, 279, {})
    >>> path.unlink(); path.parent.rmdir()
    """

    label: str
    lines: np.ndarray
    ends: dict[str, End]
    km: np.ndarray
    bearing_deg: np.ndarray
    uncertainty_km: np.ndarray
    km_min: np.ndarray
    km_max: np.ndarray
    problems: dict[int, str]

    def __len__(self) -> int:
        return len(self.lines)

    def _chunks(self) -> Iterator[tuple[int, dict[str, list[Any]]]]:
        """The output columns, :data:`CHUNK` rows at a time: (first row, columns)."""
        import numpy as np

        from ..measure import COMPASS

        def rounded(values: np.ndarray, digits: int) -> list[Any]:
            values = np.round(values, digits)
            if not np.isnan(values).any():
                return values.tolist()
            return [None if v != v else v for v in values.tolist()]

        for start in range(0, len(self), CHUNK):
            stop = min(start + CHUNK, len(self))
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

    def write_csv(self, stream: IO[str], *, raw: bool = False) -> None:
        """Write every row as CSV (the header :data:`DISTANCE_FIELDS`); text cells a
        spreadsheet would run as formulas start with ``'`` unless ``raw``."""
        from .._io import spreadsheet_safe

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
