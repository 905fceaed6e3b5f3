"""Countries in an import: the country a row names (ACLED's numeric ``iso`` code or a
name) and the check that each point lies in it (:class:`CountryChecks`, part of
:class:`geo.imports.job.Importer`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .. import schema
from .._distinct import cells_at, distinct_rows
from ..countries import country_code
from ..errors import InputError
from .reader import whole_count
from .report import ImportReport

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer

__all__ = ["ACLED_COUNTRIES", "CountryChecks", "country_by_name", "country_of"]


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


class CountryChecks:
    """Whether each point lies in the country its row names, against the gazetteer's
    country outlines (each prepared once per import)."""

    gazetteer: Gazetteer
    report: ImportReport
    _outlines: dict[str, BaseGeometry]
    # (country, lat, lon) of a point not strictly inside -> what is said of it (None: nothing)
    _said_outside: dict[tuple[str, float, float], str | None]

    def start_countries(self) -> None:
        """Start with no country outline prepared, and no point judged."""
        self._outlines = {}
        self._said_outside = {}

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

    def _named_and_inside(
        self, countries: Sequence[str], lats: np.ndarray, lons: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Whether each row names a country of the gazetteer, and whether its point lies
        strictly inside that country's outline (on arrays; the outlines' tolerance is
        measured after, for the points outside only)."""
        import shapely

        outlines = self._countries
        numbers, first = distinct_rows(countries)  # each code named, numbered
        by_country: dict[str, list[int]] = {}
        for n, code in enumerate(cells_at(countries, first)):
            if code.lower() in outlines:
                by_country.setdefault(code.lower(), []).append(n)
        named = np.zeros(len(countries), dtype=bool)
        inside = np.zeros(len(countries), dtype=bool)
        for area_id, spellings in by_country.items():
            rows = np.flatnonzero(np.isin(numbers, spellings))
            named[rows] = True
            inside[rows] = shapely.contains_xy(self._outline(area_id), lons[rows], lats[rows])
        return named, inside

    def check_country_points(self, points: list[tuple[int, str, float, float]]) -> None:
        """Report every point that lies outside the country its row names (within the
        outlines' 5 km tolerance), naming a sign flip or swapped coordinates when that is
        the likely cause. Nothing is corrected: the dataset's point is kept."""
        if points:
            lines, countries, lats, lons = zip(*points, strict=True)
            self.check_countries(list(lines), list(countries), np.array(lats), np.array(lons))

    def check_countries(
        self,
        lines: Sequence[int],
        countries: Sequence[str],
        lats: np.ndarray,
        lons: np.ndarray,
        points: np.ndarray | None = None,
    ) -> None:
        """:meth:`check_country_points` for points given as columns: the line, the country code
        the row names ("" for none), the latitude and the longitude of each; ``points``,
        when given, numbers the rows by point (two rows of one number have the same
        coordinates), so that each point and country is tested once."""
        if points is not None:
            codes, first = distinct_rows(points, countries)
            named, inside = self._named_and_inside(cells_at(countries, first), lats[first], lons[first])
            named, inside = named[codes], inside[codes]
        else:
            named, inside = self._named_and_inside(countries, lats, lons)
        checked = [
            (lines[i], countries[i], float(lats[i]), float(lons[i])) for i in np.flatnonzero(named & ~inside).tolist()
        ]
        said = self._said_outside  # (each point and country judged once in the import)
        new = list(dict.fromkeys(point[1:] for point in checked if point[1:] not in said))
        if new:
            said.update(self._outside_messages(new))
        for line, country, lat, lon in checked:
            message = said[(country, lat, lon)]
            if message is not None:
                self.report.notice(
                    line,
                    "latitude/longitude",
                    f"{lat:g},{lon:g}",
                    message,
                    summary="points outside the country their row names (kept, see the report)",
                )

    def _outside_messages(self, points: list[tuple[str, float, float]]) -> dict[tuple[str, float, float], str | None]:
        """What is said of each (country, lat, lon) not strictly inside the country's
        outline: ``None`` when it lies within the outlines' tolerance, else that it lies
        outside, naming a sign flip or swapped coordinates when that is the likely cause."""
        outlines = self._countries
        lats = np.array([p[1] for p in points])
        lons = np.array([p[2] for p in points])
        tags = self.gazetteer.areas.tag(lats, lons)
        said: dict[tuple[str, float, float], str | None] = dict.fromkeys(points)
        outside = [i for i, point in enumerate(points) if point[0].lower() not in tags[i]]
        if not outside:
            return said
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
            country = points[i][0]
            found = sorted(outlines[a] for a in tags[i] if a in outlines)
            where = f"in {', '.join(found)}" if found else "in no country of the gazetteer"
            likely = next((why for why, tagged in candidates.items() if country.lower() in tagged[n]), "")
            hint = f"; {likely}: check the source" if likely else "; check the coordinates and the country"
            said[points[i]] = (
                f"the point lies outside {country}, the country the row names ({where}){hint}; "
                "the point is kept as the dataset gives it"
            )
        return said


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
def country_by_name(name: str) -> str:
    """ISO alpha-2 code of a country name; "" when unknown (or no name)."""
    try:
        return country_code(name) if name else ""
    except InputError:
        return ""
