"""The import job shared by every dataset: checks of ids, points and text, resolution of
actors and places (cached), and the 10 km agreement between the dataset's point and the
gazetteer's place."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .. import schema
from ..countries import country_code
from ..errors import GeoError, InputError
from ..matching import AMBIGUOUS, NOT_FOUND
from ..measure import geodesic, great_circle_km
from ..seeds import Problem
from .actors import NEW, ActorMapper, DatasetAliases, Mapping, parse_day
from .distinct import distinct_rows
from .reader import NOT_UTF8, Line, whole_count
from .report import ImportReport, ImportResult, ReportEntry, Unresolved

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = [
    "ACLED_COUNTRIES",
    "BATCH",
    "PROGRESS_EVERY",
    "Importer",
    "Lookup",
    "Progress",
    "Sink",
    "country_of",
    "incident_row",
]

Progress = Callable[[int], None]
# Takes the incidents made since the last call, in order (see Importer.flush).
Sink = Callable[[list[dict[str, str]]], None]

# How often (in rows read) the progress callback is called.
PROGRESS_EVERY = 10_000
# How many incidents are measured together (the 10 km rule, the country outlines) and, when
# the import streams, handed to its sink at once.
BATCH = 10_000

# ACLED's numeric ``iso`` codes (ISO 3166-1 numeric) of Mali, its neighbours and the
# countries around them -> ISO 3166-1 alpha-2. Others fall back to the ``country`` name.
ACLED_COUNTRIES: dict[int, str] = {
    466: "ML",  # Mali
    562: "NE",  # Niger
    854: "BF",  # Burkina Faso
    12: "DZ",  # Algeria
    478: "MR",  # Mauritania
    686: "SN",  # Senegal
    324: "GN",  # Guinea
    384: "CI",  # Côte d'Ivoire
    434: "LY",  # Libya
    148: "TD",  # Chad
    566: "NG",  # Nigeria
    204: "BJ",  # Benin
    768: "TG",  # Togo
    288: "GH",  # Ghana
}
# What an event id may hold (letters, digits and hyphens).
EVENT_ID = re.compile(r"^[A-Za-z0-9-]+$")


# A distance on the sphere below this is surely below PLACE_AGREEMENT_KM on the ellipsoid
# (the two differ by less than 1 % over a few km): those points are not measured again.
_SURELY_WITHIN_KM = 0.9 * schema.PLACE_AGREEMENT_KM


def within_agreement(lats1: np.ndarray, lons1: np.ndarray, lats2: np.ndarray, lons2: np.ndarray) -> np.ndarray:
    """The geodesic distance (km) between each pair of points, or 0 for a pair surely
    within :data:`geo.schema.PLACE_AGREEMENT_KM` of each other: the haversine distance
    picks the pairs that could lie farther (more than 9 km on the sphere), and only those
    are measured on the ellipsoid, so ``result <= PLACE_AGREEMENT_KM`` is the geodesic
    answer for every pair, and the distance given of each farther pair is the geodesic one.

    Examples
    --------
    >>> km = within_agreement(np.array([15.918, 15.918]), np.array([2.402, 2.402]),
    ...                       np.array([15.92, 16.27]), np.array([2.41, -0.04]))
    >>> km.round(1).tolist()  # Ménaka to a point 1 km away, and to Gao
    [0.0, 264.1]
    """
    sphere = np.atleast_1d(great_circle_km(lats1, lons1, lats2, lons2))
    km = np.zeros(len(sphere))
    measured = np.flatnonzero(~(sphere <= _SURELY_WITHIN_KM))  # NaN measured too
    if len(measured):
        exact, _ = geodesic(lats1[measured], lons1[measured], lats2[measured], lons2[measured])
        km[measured] = np.atleast_1d(exact)
    return km


@dataclass
class Lookup:
    """What a (name, country, admin1, admin2) resolved to: one place, the candidates of an
    ambiguous name, or nothing; ``reason`` says why when it is not one place."""

    places: list[tuple[str, str, float, float]]
    reason: str
    ambiguous: bool = False

    @cached_property
    def lats(self) -> np.ndarray:
        return np.array([p[2] for p in self.places])

    @cached_property
    def lons(self) -> np.ndarray:
        return np.array([p[3] for p in self.places])


class Importer:
    """Resolution caches, the report being written, and the incidents made."""

    def __init__(
        self,
        *,
        dataset: str,
        path: Path,
        gazetteer: Gazetteer,
        actors: ActorIndex,
        aliases: DatasetAliases | None = None,
        sink: Sink | None = None,
    ) -> None:
        self.path = path
        self.gazetteer = gazetteer
        self.actors = actors
        self.report = ImportReport(dataset=dataset, path=str(path))
        # The incidents made and not yet handed to ``sink`` (all of them without one);
        # ``self.base`` is the number handed over before them: incident ``i`` is
        # ``self.incidents[i - self.base]``.
        self.incidents: list[dict[str, str]] = []
        self.sink = sink
        self.base = 0
        self._measured = 0  # incidents whose places and points have been measured
        self.seen_ids: dict[str, int] = {}
        # actors: the alias table, the curated aliases, then new actors (geo.imports.actors)
        self.dataset_key = "ucdp" if dataset.lower().startswith("ucdp") else "acled"
        self.actor_mapper = ActorMapper(actors, dataset=self.dataset_key, aliases=aliases)
        self._actor_cache: dict[tuple[str, str, object], Mapping] = {}
        self._conditional: dict[str, bool] = {}  # whether the alias table's rows for a name depend on country or date
        self._row: Line | None = None  # the row being read (check_text), for the context of its actors
        self._place_cache: dict[tuple[str, ...], Lookup] = {}
        # (incident index, line, location column, name, country, admin1, admin2, lookup, row lat, lon):
        # the places of the incidents not yet measured, settled in one go by measure()
        self._places: list[tuple[int, int, str, str, str, str, str, Lookup, float, float]] = []
        # (incident index, line, location column, location, place id, place name, place lat, lon, row lat, lon)
        self._pending: list[tuple[int, int, str, str, str, str, float, float, float, float]] = []
        self._outlines: dict[str, BaseGeometry] = {}  # country outlines, prepared once
        # (line, country the row names, lat, lon): checked against the country's outline in measure()
        self._points: list[tuple[int, str, float, float]] = []

    def share_places(self, cache: dict[tuple[str, ...], Lookup]) -> None:
        """Use (and fill) ``cache`` for the place lookups: a second pass over a file reuses the first's."""
        cache.update(self._place_cache)
        self._place_cache = cache

    # problems
    def problem(self, line: int, column: str, value: str, message: str, fix: str = "") -> Problem:
        return Problem(str(self.path), line, column, value, message, fix)

    def reject(self, line: int, problems: list[Problem]) -> None:
        self.report.rejected_lines.append(line)
        self.report.problems.extend(problems)

    def warn(self, message: str, *, line: int = 1, column: str = "", value: str = "") -> None:
        self.report.warnings.append(ReportEntry(schema.WARNING, line, column, value, message))

    # checks shared by both datasets
    def check_id(self, row: Line, column: str, prefix: str, problems: list[Problem]) -> str:
        raw = row[column]
        if not raw:
            problems.append(self.problem(row.line, column, raw, "no event id", "every row needs the dataset's id"))
            return ""
        if not EVENT_ID.match(raw):
            problems.append(
                self.problem(row.line, column, raw, "not an event id", "ids hold only letters, digits and hyphens")
            )
            return ""
        record_id = prefix + raw.lower()
        first = self.seen_ids.get(record_id)
        if first is not None:
            problems.append(
                self.problem(
                    row.line,
                    column,
                    raw,
                    f"duplicate event id (first on line {first})",
                    "keep one of the two rows: an id names one event",
                )
            )
            return ""
        return record_id

    def check_point(self, row: Line, lat_column: str, lon_column: str, problems: list[Problem]) -> bool:
        values = []
        before = len(problems)
        for column, limit in ((lat_column, 90.0), (lon_column, 180.0)):
            raw = row[column]
            try:
                number = float(raw)
            except ValueError:
                number = math.nan
            if not raw:
                problems.append(self.problem(row.line, column, raw, "no coordinate", "give WGS84 decimal degrees"))
            elif not math.isfinite(number) or abs(number) > limit:
                problems.append(
                    self.problem(
                        row.line,
                        column,
                        raw,
                        f"not a {column} in decimal degrees (between -{limit:g} and {limit:g})",
                        "give WGS84 decimal degrees with a point, such as 15.918",
                    )
                )
            values.append(number)
        if len(problems) == before and values == [0.0, 0.0]:
            problems.append(
                self.problem(
                    row.line,
                    f"{lat_column}/{lon_column}",
                    "0,0",
                    "the point 0,0 is a missing coordinate, not a place in the Sahel",
                    "give the event's coordinates",
                )
            )
        return len(problems) == before

    def row_read(self, row: Line) -> None:
        """The row being read: its country, date and inter codes place its actors (see :meth:`actor`)."""
        self._row = row

    def check_text(self, row: Line, problems: list[Problem]) -> None:
        self._row = row  # the first check of every row: its country, date and inter codes place its actors
        if row.shape:
            shown = ",".join(row.cells.values())
            problems.append(
                self.problem(
                    row.line,
                    "-",
                    shown[:60],
                    row.shape,
                    "quote cells that contain commas and check for missing or extra commas",
                )
            )
        if not NOT_UTF8.search("".join(row.cells.values())):
            return  # no byte that is not UTF-8 (one search for the whole row)
        for column, value in row.cells.items():
            bad = NOT_UTF8.search(value)
            if bad:
                raw = value.encode("utf-8", "surrogateescape")
                shown = raw.decode("utf-8", "replace")[:60]
                problems.append(
                    self.problem(
                        row.line,
                        column,
                        shown,
                        f"byte 0x{ord(bad[0]) - 0xDC00:02x} at character {bad.start() + 1} is not UTF-8",
                        "save the file as UTF-8",
                    )
                )
                return

    # actors
    @property
    def actors_met(self) -> list[dict[str, str]]:
        """The new actors this import made, as rows of ``actors.csv`` (:data:`geo.schema.ACTOR_COLUMNS`):
        write them as ``actors.csv`` beside the incidents (:func:`geo.imports.write_actors`)."""
        return list(self.actor_mapper.new_actors)

    def actor(
        self,
        name: str,
        *,
        line: int,
        column: str,
        also: Callable[[str], list[str]] | None = None,
        country: str | None = None,
        day: dt.date | None = None,
        inter: str | None = None,
        uses: list[tuple[str, Mapping]] | None = None,
    ) -> str:
        """The actor id of ``name``: by the alias table, the curated aliases (and the names
        ``also`` gives), or a new actor (:mod:`geo.imports.actors`); never the name itself.

        ``country`` (ISO2), ``day`` and ``inter`` (ACLED's code for this column) default to
        those of the row being read. ``uses`` collects ``(name, mapping)``, so that other
        rows with the same names can be counted at once (:meth:`count_again`).
        """
        if country is None or day is None or inter is None:
            context_country, context_day, context_inter = self._actor_context(column)
            country = context_country if country is None else country
            day = context_day if day is None else day
            inter = context_inter if inter is None else inter
        key = (name, country, day) if self.conditional(name) else (name, "", None)
        mapping = self._actor_cache.get(key)
        if mapping is None:
            mapping = self._actor_cache[key] = self.actor_mapper.map(
                name, country=country, day=day, inter=inter, side=column, also=also(name) if also else []
            )
        self.report.count_actor(mapping, line=line, column=column)
        if mapping.how == NEW:
            unresolved = self.report.unresolved_actors.setdefault(
                name, Unresolved(line, column, name, f"new actor {mapping.actor!r}")
            )
            unresolved.rows += 1
        if uses is not None:
            uses.append((name, mapping))
        return mapping.actor

    def conditional(self, name: str) -> bool:
        """Whether the alias table's rows for ``name`` depend on the country or the date."""
        conditional = self._conditional.get(name)
        if conditional is None:
            conditional = self._conditional[name] = self.actor_mapper.aliases.conditional(name)
        return conditional

    def count_again(self, uses: list[tuple[str, Mapping]], times: int) -> None:
        """Count the names of ``uses`` (collected by :meth:`actor`) ``times`` more: rows
        that name the same actors, resolved once."""
        if times <= 0:
            return
        mappings = self.report.actor_mappings
        for name, mapping in uses:
            mappings[(mapping.name, mapping.actor)][3] += times
            if mapping.how == NEW:
                self.report.unresolved_actors[name].rows += times

    def _actor_context(self, column: str) -> tuple[str, dt.date | None, str]:
        """The country, day and inter code of the row being read, for an actor of ``column``."""
        row = self._row
        if row is None:
            return "", None, ""
        if self.dataset_key == "ucdp":
            return _country(row[schema.UCDP_COUNTRY]), parse_day(row[schema.UCDP_DATE_START]), ""
        inter = row["inter2"] if column.endswith("2") else row[schema.ACLED_INTER1]
        country = country_of(row[schema.ACLED_ISO], row[schema.ACLED_COUNTRY])
        return country, parse_day(row[schema.ACLED_EVENT_DATE]), inter

    # places
    def place(
        self,
        index: int,
        *,
        line: int,
        column: str,
        name: str,
        country: str,
        admin1: str,
        admin2: str,
        lat: float,
        lon: float,
    ) -> None:
        """Resolve ``name`` (cached); the choice among the candidates of an ambiguous name,
        the 10 km check and the check that the point lies in the country the row names run
        for many incidents at once, in :meth:`measure`."""
        if country:
            self._points.append((line, country, lat, lon))
        if not name:
            return
        found = self.lookup(name, country, admin1, admin2)
        self._places.append((index, line, column, name, country, admin1, admin2, found, lat, lon))

    def _settle_places(self) -> None:
        """Choose the candidate of each ambiguous name (the one within 10 km of the row's
        point, by one array computation per name), report the names that resolve to no
        place, and queue the others for the 10 km check."""
        places, self._places = self._places, []
        chosen = [0] * len(places)
        ambiguous: dict[int, list[int]] = {}
        for i, entry in enumerate(places):
            if entry[7].ambiguous:
                ambiguous.setdefault(id(entry[7]), []).append(i)
        for positions in ambiguous.values():
            found = places[positions[0]][7]
            lats = np.array([places[i][8] for i in positions])[:, None]
            lons = np.array([places[i][9] for i in positions])[:, None]
            km = great_circle_km(lats, lons, found.lats[None, :], found.lons[None, :])
            best = np.argmin(km, axis=1)
            far = km[np.arange(len(positions)), best] > schema.PLACE_AGREEMENT_KM
            for i, index, too_far in zip(positions, best.tolist(), far.tolist(), strict=True):
                chosen[i] = -1 if too_far else index
        for entry, choice in zip(places, chosen, strict=True):
            index, line, column, name, country, admin1, admin2, found, lat, lon = entry
            if not found.places or choice < 0:
                context = ", ".join(
                    f"{k} {v}" for k, v in (("country", country), ("admin1", admin1), ("admin2", admin2)) if v
                )
                reason = found.reason
                if found.ambiguous:
                    reason += f"; none lies within {schema.PLACE_AGREEMENT_KM:g} km of the dataset's point"
                unresolved = self.report.unresolved_places.setdefault(
                    (name, country, admin1, admin2),
                    Unresolved(line, column, name, f"{reason} (context: {context})" if context else reason),
                )
                unresolved.rows += 1
                continue
            place_id, place_name, place_lat, place_lon = found.places[choice]
            self._pending.append((index, line, column, name, place_id, place_name, place_lat, place_lon, lat, lon))

    def lookup(self, name: str, country: str = "", admin1: str = "", admin2: str = "") -> Lookup:
        """What ``name`` resolves to with this context, cached by (name, country, admin1, admin2)."""
        key = (name, country, admin1, admin2)
        found = self._place_cache.get(key)
        if found is None:
            found = self._place_cache[key] = self._lookup(name, country, admin1, admin2)
        return found

    def _lookup(self, name: str, country: str, admin1: str, admin2: str) -> Lookup:
        try:
            resolution = self.gazetteer.lookup(name, country=country or None, admin1=admin1, admin2=admin2)
            if not resolution.ok and resolution.status == NOT_FOUND and (admin1 or admin2):
                retry = self.gazetteer.lookup(name, country=country or None)
                if retry.status != NOT_FOUND:
                    resolution = retry
        except GeoError as error:
            return Lookup([], f"not a usable place name: {error}")
        reason = f"{resolution.status.replace('_', ' ')} in the gazetteer: {resolution.reason}"
        if resolution.ok and resolution.place is not None:
            place = resolution.place
            return Lookup([(place.id, place.name, place.lat, place.lon)], "")
        if resolution.status == AMBIGUOUS and resolution.candidates:
            places = [(p.id, p.name, p.lat, p.lon) for p, _score in resolution.candidates]
            return Lookup(places, reason, ambiguous=True)
        return Lookup([], reason)

    def incident(self, index: int) -> dict[str, str]:
        """Incident ``index`` (counted from the first of the import), not yet handed to the sink."""
        return self.incidents[index - self.base]

    @property
    def made(self) -> int:
        """How many incidents the import has made so far."""
        return self.base + len(self.incidents)

    def measure(self) -> None:
        """Measure the incidents made since the last call: each resolved place against the
        dataset's point (the 10 km rule, one geodesic computation for all), each point
        against the country its row names."""
        self._settle_places()
        if self._pending:
            pending, self._pending = self._pending, []
            km, _ = geodesic(
                np.array([p[6] for p in pending]),
                np.array([p[7] for p in pending]),
                np.array([p[8] for p in pending]),
                np.array([p[9] for p in pending]),
            )
            for entry, distance in zip(pending, np.atleast_1d(km).tolist()):
                index, line, column, name, place_id, place_name = entry[:6]
                if distance <= schema.PLACE_AGREEMENT_KM:
                    self.incident(index)[schema.PLACE] = place_id
                    self.report.places_resolved += 1
                else:
                    self.report.disagreements.append(
                        ReportEntry(
                            schema.DISAGREEMENT,
                            line,
                            column,
                            name,
                            f"the dataset's point ({entry[8]:g}, {entry[9]:g}) is {distance:.1f} km from the "
                            f"gazetteer's {place_name} [{place_id}] "
                            f"(more than {schema.PLACE_AGREEMENT_KM:g} km): the incident keeps the dataset's point "
                            "and no place id; check which of the two is right",
                        )
                    )
        points, self._points = self._points, []
        self._check_countries(points)
        self._measured = self.made

    def place_columns(
        self,
        *,
        lines: Sequence[int],
        column: str,
        names: Sequence[str],
        countries: Sequence[str],
        admin1s: Sequence[str],
        admin2s: Sequence[str],
        lats: np.ndarray,
        lons: np.ndarray,
    ) -> list[str]:
        """:meth:`place` then :meth:`measure` for incidents given as columns (one item per
        incident, in order): the place id of each ("" for none), every name looked up once,
        the 10 km rule and the country check on arrays, and the report written as
        :meth:`measure` writes it."""
        count = len(names)
        codes, first = distinct_rows(names, countries, admin1s, admin2s)
        distinct = [(names[i], countries[i], admin1s[i], admin2s[i]) for i in first.tolist()]
        found = [self.lookup(*key) if key[0] else None for key in distinct]
        # the chosen candidate of each row: 0 for a name with one place, the nearest for an
        # ambiguous one (-1 when none lies within 10 km), -2 for no name, -1 for no place
        first = np.array([-2 if f is None else (0 if f.places and not f.ambiguous else -1) for f in found])
        choice = first[codes]
        ambiguous = [d for d, f in enumerate(found) if f is not None and f.ambiguous and f.places]
        place_lat = np.full(count, np.nan)
        place_lon = np.full(count, np.nan)
        single = np.array([f.places[0][2] if f is not None and f.places else np.nan for f in found])
        place_lat[:] = single[codes]
        single = np.array([f.places[0][3] if f is not None and f.places else np.nan for f in found])
        place_lon[:] = single[codes]
        if ambiguous:
            order = np.argsort(codes, kind="stable")
            starts = np.searchsorted(codes[order], ambiguous, side="left")
            ends = np.searchsorted(codes[order], ambiguous, side="right")
            for d, start, end in zip(ambiguous, starts.tolist(), ends.tolist(), strict=True):
                rows = order[start:end]
                candidates = found[d]
                assert candidates is not None
                km = great_circle_km(
                    lats[rows][:, None], lons[rows][:, None], candidates.lats[None, :], candidates.lons[None, :]
                )
                best = np.argmin(km, axis=1)
                far = km[np.arange(len(rows)), best] > schema.PLACE_AGREEMENT_KM
                choice[rows] = np.where(far, -1, best)
                place_lat[rows] = candidates.lats[best]
                place_lon[rows] = candidates.lons[best]
        for i in np.flatnonzero(choice == -1).tolist():
            key = distinct[codes[i]]
            name, country, admin1, admin2 = key
            lookup = found[codes[i]]
            assert lookup is not None
            given = (("country", country), ("admin1", admin1), ("admin2", admin2))
            context = ", ".join(f"{k} {v}" for k, v in given if v)
            reason = lookup.reason
            if lookup.ambiguous:
                reason += f"; none lies within {schema.PLACE_AGREEMENT_KM:g} km of the dataset's point"
            unresolved = self.report.unresolved_places.setdefault(
                key, Unresolved(lines[i], column, name, f"{reason} (context: {context})" if context else reason)
            )
            unresolved.rows += 1
        ids = np.full(count, "", dtype=object)
        pending = np.flatnonzero(choice >= 0)
        if len(pending):
            km = within_agreement(place_lat[pending], place_lon[pending], lats[pending], lons[pending])
            near = km <= schema.PLACE_AGREEMENT_KM
            self.report.places_resolved += int(near.sum())
            close = pending[near]
            place_ids = np.array([f.places[0][0] if f is not None and f.places else "" for f in found], dtype=object)
            ids[close] = place_ids[codes[close]]
            of_ambiguous = np.array([f is not None and f.ambiguous for f in found])[codes]
            for i in close[of_ambiguous[close]].tolist():
                lookup = found[codes[i]]
                assert lookup is not None
                ids[i] = lookup.places[choice[i]][0]
            for i, distance in zip(pending[~near].tolist(), km[~near].tolist(), strict=True):
                lookup = found[codes[i]]
                assert lookup is not None
                place_id, place_name = lookup.places[choice[i]][:2]
                self.report.disagreements.append(
                    ReportEntry(
                        schema.DISAGREEMENT,
                        lines[i],
                        column,
                        names[i],
                        f"the dataset's point ({float(lats[i]):g}, {float(lons[i]):g}) is {distance:.1f} km from the "
                        f"gazetteer's {place_name} [{place_id}] "
                        f"(more than {schema.PLACE_AGREEMENT_KM:g} km): the incident keeps the dataset's point "
                        "and no place id; check which of the two is right",
                    )
                )
        self.check_countries(lines, countries, lats, lons)
        return ids.tolist()

    def due(self) -> bool:
        """Whether :data:`BATCH` incidents wait to be measured (call :meth:`measure`, then :meth:`flush`)."""
        return self.base + len(self.incidents) - self._measured >= BATCH

    def flush(self) -> None:
        """Hand the incidents measured so far to the sink, if the import has one (else keep them)."""
        if self.sink is None or not self.incidents:
            return
        self.sink(self.incidents)
        self.base += len(self.incidents)
        self.incidents = []

    def finish(self) -> ImportResult:
        """Measure the incidents left, hand them to the sink; the result holds the incidents
        kept (none when the import streams to a sink) and the report."""
        self.measure()
        self.flush()
        self.report.rows_written = self.made
        return ImportResult(self.incidents, self.report, self.actors_met)

    def has_area(self, area_id: str) -> bool:
        """Whether the gazetteer has an area (an outline) with this id."""
        return area_id in self._area_ids

    @cached_property
    def _area_ids(self) -> frozenset[str]:
        return frozenset(self.gazetteer.areas.ids)

    @cached_property
    def _countries(self) -> dict[str, str]:
        """Area id -> country code of the gazetteer's country outlines."""
        return {
            props[schema.ID]: props[schema.COUNTRY]
            for props in self.gazetteer.areas.properties
            if props.get(schema.KIND) == "country"
        }

    def _outline(self, area_id: str) -> BaseGeometry:
        """The outline of a country, prepared for point tests once per import."""
        outline = self._outlines.get(area_id)
        if outline is None:
            import shapely

            outline = self._outlines[area_id] = self.gazetteer.areas.geometry(area_id)
            shapely.prepare(outline)
        return outline

    def _check_countries(self, points: list[tuple[int, str, float, float]]) -> None:
        """Report every point that lies outside the country its row names (within the
        outlines' 5 km tolerance), naming a sign flip or swapped coordinates when that is
        the likely cause. Nothing is corrected: the dataset's point is kept."""
        if points:
            lines, countries, lats, lons = zip(*points, strict=True)
            self.check_countries(list(lines), list(countries), np.array(lats), np.array(lons))

    def check_countries(
        self, lines: Sequence[int], countries: Sequence[str], lats: np.ndarray, lons: np.ndarray
    ) -> None:
        """:meth:`_check_countries` for points given as columns: the line, the country code
        the row names ("" for none), the latitude and the longitude of each."""
        outlines = self._countries
        # strictly inside the named country's outline first (fast, on arrays), then the
        # outlines' tolerance for the rest only
        import shapely

        codes = np.array(countries, dtype=object)
        by_country: dict[str, list[str]] = {}
        for code in dict.fromkeys(countries):
            if code.lower() in outlines:
                by_country.setdefault(code.lower(), []).append(code)
        if not by_country:
            return
        named = np.zeros(len(countries), dtype=bool)
        inside = np.zeros(len(countries), dtype=bool)
        for area_id, spellings in by_country.items():
            rows = np.flatnonzero(np.isin(codes, spellings))
            named[rows] = True
            inside[rows] = shapely.contains_xy(self._outline(area_id), lons[rows], lats[rows])
        checked = [
            (lines[i], countries[i], float(lats[i]), float(lons[i])) for i in np.flatnonzero(named & ~inside).tolist()
        ]
        if not checked:
            return
        lats = np.array([p[2] for p in checked])
        lons = np.array([p[3] for p in checked])
        tags = self.gazetteer.areas.tag(lats, lons)
        outside = [i for i, point in enumerate(checked) if point[1].lower() not in tags[i]]
        if not outside:
            return
        causes = (
            ("the longitude's sign looks flipped", lambda lat, lon: (lat, -lon)),
            ("the latitude's sign looks flipped", lambda lat, lon: (-lat, lon)),
            ("latitude and longitude look swapped", lambda lat, lon: (lon, lat)),
        )
        candidates = {
            why: self.gazetteer.areas.tag(*map(np.array, zip(*(move(lats[i], lons[i]) for i in outside), strict=True)))
            for why, move in causes
        }
        for n, i in enumerate(outside):
            line, country, lat, lon = checked[i]
            found = sorted(outlines[a] for a in tags[i] if a in outlines)
            where = f"in {', '.join(found)}" if found else "in no country of the gazetteer"
            likely = next((why for why, tagged in candidates.items() if country.lower() in tagged[n]), "")
            hint = f"; {likely}: check the source" if likely else "; check the coordinates and the country"
            self.report.notice(
                line,
                "latitude/longitude",
                f"{lat:g},{lon:g}",
                f"the point lies outside {country}, the country the row names ({where}){hint}; "
                "the point is kept as the dataset gives it",
                summary="points outside the country their row names (kept, see the report)",
            )


@lru_cache(maxsize=512)
def country_of(numeric: str, name: str) -> str:
    """ISO alpha-2 code from ACLED's numeric ``iso`` or a country name; "" when unknown."""
    number = whole_count(numeric) if numeric else None
    if number is not None and number in ACLED_COUNTRIES:
        return ACLED_COUNTRIES[number]
    if name:
        try:
            return country_code(name)
        except InputError:
            return ""
    return ""


@lru_cache(maxsize=512)
def _country(name: str) -> str:
    try:
        return country_code(name) if name else ""
    except InputError:
        return ""


_BLANK_INCIDENT = dict.fromkeys(schema.INCIDENT_COLUMNS, "")


def incident_row(**cells: str) -> dict[str, str]:
    """A row of ``incidents.csv``: every column, in order, empty but for ``cells``."""
    row = _BLANK_INCIDENT.copy()
    row.update(cells)
    return row
