"""Valid seed records as GeoDataFrames, joined to the gazetteer and to the actor list.

:func:`load_records` reads a seeds folder, validates it (any problem raises
:class:`~geo.errors.RecordsError` listing them) and returns :class:`Records`:

- ``incidents``: one row per incident, a point (the record's own coordinates, else its
  place's), the EDTF ``date`` and its interval ``start``/``end`` (``datetime.date``,
  inclusive; ``None`` for an open side), ``place_name``, ``uncertainty_km``,
  ``actors`` (every actor id involved, a list), fatalities as nullable integers,
  ``sources`` as a list, and an imported dataset's own ``geo_precision_code`` and
  ``time_precision_code`` (text, empty when not given);
- ``claims``: one row per claim, the point of its place or the polygon of its area,
  ``start`` (first possible day of the EDTF ``start``) and ``end`` (last possible day of
  the EDTF ``end``; ``None`` while open), with the EDTF texts kept in ``start_edtf`` and
  ``end_edtf``;
- ``assertions``: one row per measurable statement (a plain DataFrame): every column of
  ``assertions.csv`` (``actor`` and ``zone`` empty when not given), ``value`` and
  ``value_high`` as floats, ``sources`` as a list, and the interval of ``date`` as
  ``start``/``end`` (``None`` when undated).

All geometry is WGS84 (EPSG:4326) with ``Point(lon, lat)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from ._resources import bundled_dir
from .actors import ActorIndex
from .dates import parse_date
from .errors import RecordsError
from .records import Seeds, split_cell

if TYPE_CHECKING:
    import geopandas
    import pandas

    from .gazetteer import Gazetteer

__all__ = ["Records", "load_records"]

INCIDENT_FRAME_COLUMNS = (
    schema.ID,
    schema.DATE,
    schema.START,
    schema.END,
    schema.PLACE,
    schema.PLACE_NAME,
    schema.LOCATION,
    schema.PRECISION,
    schema.UNCERTAINTY_KM,
    schema.EVENT_TYPE,
    schema.SUB_EVENT_TYPE,
    schema.ACTOR1,
    schema.ACTOR2,
    schema.ASSOC_ACTORS,
    schema.ACTORS,
    *schema.FATALITY_COLUMNS,
    schema.FATALITIES_TEXT,
    schema.DISPLACED,
    schema.SOURCES,
    schema.NOTE,
    schema.GEO_PRECISION_CODE,
    schema.TIME_PRECISION_CODE,
)
CLAIM_FRAME_COLUMNS = (
    schema.ID,
    schema.ACTOR,
    schema.STATUS,
    schema.TIER,
    schema.START,
    schema.END,
    schema.START_EDTF,
    schema.END_EDTF,
    schema.PLACE,
    schema.PLACE_NAME,
    schema.SAID_BY,
    schema.SOURCES,
    schema.NOTE,
)


@dataclass
class Records:
    """The records of a seeds folder, resolved (see the module docstring).

    Examples
    --------
    >>> records = load_records()
    >>> seytenga = records.incidents.set_index("id").loc["inc-2022-06-11-seytenga"]
    >>> seytenga["start"], seytenga["end"], int(seytenga["fatalities_low"])
    (datetime.date(2022, 6, 11), datetime.date(2022, 6, 12), 51)
    """

    seeds: Seeds
    actors: ActorIndex
    incidents: geopandas.GeoDataFrame
    claims: geopandas.GeoDataFrame
    assertions: pandas.DataFrame
    sources: pandas.DataFrame


def load_records(seeds: str | Path | Seeds | None = None, *, gazetteer: Gazetteer | None = None) -> Records:
    """Read, validate and resolve the records of ``seeds`` (a folder; default: the bundled records).

    Raises :class:`~geo.errors.RecordsError` listing every problem when the records are
    not valid.
    """
    import pandas as pd

    from .gazetteer import Gazetteer
    from .validate import validate_seeds

    if not isinstance(seeds, Seeds):
        seeds = Seeds.load(seeds)
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
    problems = validate_seeds(seeds, gazetteer)
    if problems:
        bundled = seeds.directory.resolve() == bundled_dir("seeds").resolve()
        raise RecordsError(
            problems,
            directory="" if bundled else str(seeds.directory),
            incidents=str(seeds.incidents_file or ""),
        )
    actors = ActorIndex.from_table(seeds.actors)
    sources = pd.DataFrame([row.cells for row in seeds.sources], columns=list(schema.SOURCE_COLUMNS))
    return Records(
        seeds=seeds,
        actors=actors,
        incidents=_incidents(seeds, gazetteer),
        claims=_claims(seeds, gazetteer),
        assertions=_assertions(seeds),
        sources=sources,
    )


def _integer(text: str) -> Any:
    import pandas as pd

    return int(text) if text else pd.NA


class _Places:
    """Gazetteer records and area polygons by id, looked up once each."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, Any] = {}

    def __call__(self, place_id: str):
        if place_id not in self._cache:
            self._cache[place_id] = self.gazetteer.place(place_id)
        return self._cache[place_id]

    def shape(self, place_id: str):
        """The polygon of an area, the point of any other place."""
        import shapely

        place = self(place_id)
        if place.tier == schema.AREA:
            return self.gazetteer.areas.geometry(place_id)
        return shapely.Point(place.lon, place.lat)


def _incidents(seeds: Seeds, gazetteer: Gazetteer) -> geopandas.GeoDataFrame:
    import geopandas
    import pandas as pd
    import shapely

    places = _Places(gazetteer)
    rows, lons, lats = [], [], []
    for row in seeds.incidents:
        span = parse_date(row[schema.DATE])
        place = places(row[schema.PLACE]) if row[schema.PLACE] else None
        if row[schema.LATITUDE]:
            lat, lon = float(row[schema.LATITUDE]), float(row[schema.LONGITUDE])
        else:
            lat, lon = place.lat, place.lon
        assoc = split_cell(row[schema.ASSOC_ACTORS])
        involved = [a for a in (row[schema.ACTOR1], row[schema.ACTOR2], *assoc) if a]
        rows.append(
            {
                schema.ID: row[schema.ID],
                schema.DATE: row[schema.DATE],
                schema.START: span.earliest,
                schema.END: span.latest,
                schema.PLACE: row[schema.PLACE],
                schema.PLACE_NAME: place.name if place else row[schema.LOCATION],
                schema.LOCATION: row[schema.LOCATION],
                schema.PRECISION: int(row[schema.PRECISION]),
                schema.UNCERTAINTY_KM: place.uncertainty_km if place else None,
                schema.EVENT_TYPE: row[schema.EVENT_TYPE],
                schema.SUB_EVENT_TYPE: row[schema.SUB_EVENT_TYPE],
                schema.ACTOR1: row[schema.ACTOR1],
                schema.ACTOR2: row[schema.ACTOR2],
                schema.ASSOC_ACTORS: assoc,
                schema.ACTORS: list(dict.fromkeys(involved)),
                **{column: _integer(row[column]) for column in schema.FATALITY_COLUMNS},
                schema.FATALITIES_TEXT: row[schema.FATALITIES_TEXT],
                schema.DISPLACED: _integer(row[schema.DISPLACED]),
                schema.SOURCES: split_cell(row[schema.SOURCES]),
                schema.NOTE: row[schema.NOTE],
                schema.GEO_PRECISION_CODE: row[schema.GEO_PRECISION_CODE],
                schema.TIME_PRECISION_CODE: row[schema.TIME_PRECISION_CODE],
            }
        )
        lons.append(lon)
        lats.append(lat)
    frame = pd.DataFrame(rows, columns=list(INCIDENT_FRAME_COLUMNS))
    for column in (*schema.FATALITY_COLUMNS, schema.DISPLACED):
        frame[column] = frame[column].astype("Int64")
    frame[schema.UNCERTAINTY_KM] = frame[schema.UNCERTAINTY_KM].astype("float64")
    return geopandas.GeoDataFrame(frame, geometry=shapely.points(lons, lats), crs="EPSG:4326")


def _claims(seeds: Seeds, gazetteer: Gazetteer) -> geopandas.GeoDataFrame:
    import geopandas
    import pandas as pd

    places = _Places(gazetteer)
    rows, shapes = [], []
    for row in seeds.claims:
        start = parse_date(row[schema.START])
        end = parse_date(row[schema.END]) if row[schema.END] else None
        rows.append(
            {
                schema.ID: row[schema.ID],
                schema.ACTOR: row[schema.ACTOR],
                schema.STATUS: row[schema.STATUS],
                schema.TIER: row[schema.TIER],
                schema.START: start.earliest,
                schema.END: end.latest if end else None,
                schema.START_EDTF: row[schema.START],
                schema.END_EDTF: row[schema.END],
                schema.PLACE: row[schema.PLACE],
                schema.PLACE_NAME: places(row[schema.PLACE]).name,
                schema.SAID_BY: row[schema.SAID_BY],
                schema.SOURCES: split_cell(row[schema.SOURCES]),
                schema.NOTE: row[schema.NOTE],
            }
        )
        shapes.append(places.shape(row[schema.PLACE]))
    frame = pd.DataFrame(rows, columns=list(CLAIM_FRAME_COLUMNS))
    return geopandas.GeoDataFrame(frame, geometry=geopandas.GeoSeries(shapes, crs="EPSG:4326"), crs="EPSG:4326")


def _assertions(seeds: Seeds) -> pandas.DataFrame:
    import pandas as pd

    rows = []
    for row in seeds.assertions:
        # Every column, empty where a file of your own leaves an optional one out (actor, zone...).
        record: dict[str, Any] = {column: row[column] for column in schema.ASSERTION_COLUMNS}
        record[schema.VALUE] = float(row[schema.VALUE])
        record[schema.VALUE_HIGH] = float(row[schema.VALUE_HIGH]) if row[schema.VALUE_HIGH] else None
        record[schema.SOURCES] = split_cell(row[schema.SOURCES])
        span = parse_date(row[schema.DATE]) if row[schema.DATE] else None
        record[schema.START] = span.earliest if span else None
        record[schema.END] = span.latest if span else None
        rows.append(record)
    return pd.DataFrame(rows, columns=[*schema.ASSERTION_COLUMNS, schema.START, schema.END])
