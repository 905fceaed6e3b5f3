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

import operator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from ._io import paused_gc
from ._resources import bundled_dir
from .actors import ActorIndex
from .dates import parse_date
from .errors import RecordsError
from .seeds import Seeds, split_cell

if TYPE_CHECKING:
    import geopandas
    import pandas
    from shapely.geometry.base import BaseGeometry

    from .gazetteer import Gazetteer
    from .place import Place
    from .seeds import Problem

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
    schema.START_LATEST,
    schema.END_EARLIEST,
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

    def with_incidents(self, path: str | Path, *, gazetteer: Gazetteer | None = None) -> Records:
        """The same records with the incidents read from ``path`` (CSV or GeoParquet)
        instead of the folder's own, validated and resolved again
        (:meth:`geo.seeds.Seeds.with_incidents`).

        Examples
        --------
        >>> from geo._resources import bundled_dir
        >>> records = load_records().with_incidents(bundled_dir("seeds") / "incidents.csv")
        >>> len(records.incidents) == len(load_records().incidents)
        True
        """
        return load_records(self.seeds.with_incidents(path), gazetteer=gazetteer)


def load_records(seeds: str | Path | Seeds | None = None, *, gazetteer: Gazetteer | None = None) -> Records:
    """Read, validate and resolve the records of ``seeds`` (a folder; default: the bundled records).

    Raises :class:`~geo.errors.RecordsError` listing every problem when the records are
    not valid.

    Examples
    --------
    >>> records = load_records()
    >>> incidents = records.incidents  # a GeoDataFrame in EPSG:4326, dates as intervals
    >>> row = incidents.loc[incidents["id"] == "inc-2022-03-08-menaka"].iloc[0]
    >>> row["place"], row["start"].isoformat(), row["end"].isoformat()
    ('ml-region-menaka', '2022-03-08', '2022-03-09')
    """
    from .gazetteer import Gazetteer
    from .validate import validate_seeds

    if not isinstance(seeds, Seeds):
        seeds = Seeds.load(seeds)
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
    with paused_gc():
        return _load_valid(seeds, gazetteer, validate_seeds(seeds, gazetteer))


def _load_valid(seeds: Seeds, gazetteer: Gazetteer, problems: list[Problem]) -> Records:
    import pandas as pd

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


class _Places:
    """Gazetteer records and area polygons by id, looked up once each."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, Place] = {}

    def __call__(self, place_id: str) -> Place:
        if place_id not in self._cache:
            self._cache[place_id] = self.gazetteer.place(place_id)
        return self._cache[place_id]

    def shape(self, place_id: str) -> BaseGeometry:
        """The polygon of an area, the point of any other place."""
        import shapely

        place = self(place_id)
        if place.tier == schema.AREA:
            return self.gazetteer.areas.geometry(place_id)
        return shapely.Point(place.lon, place.lat)


def _incidents(seeds: Seeds, gazetteer: Gazetteer) -> geopandas.GeoDataFrame:
    """The incidents frame, built column by column.

    Each distinct date is parsed once, each distinct place looked up once, and each
    distinct multi-valued cell split once (event datasets repeat a few thousand dates and
    locations over hundreds of thousands of rows); every row still gets lists of its own.
    """
    import geopandas
    import pandas as pd
    import shapely

    places = _Places(gazetteer)
    rows = len(seeds.incidents)
    cells = seeds.incidents.cells(schema.INCIDENT_COLUMNS) if rows else {}

    def column(name: str) -> list[str]:
        return cells.get(name, [])

    dates = column(schema.DATE)
    spans = {text: parse_date(text) for text in set(dates)}
    place_ids = column(schema.PLACE)
    found = {place_id: places(place_id) for place_id in set(place_ids) if place_id}
    row_places: list[Any] = list(map(found.get, place_ids))
    lat_texts, lon_texts = column(schema.LATITUDE), column(schema.LONGITUDE)
    if "" in lat_texts or "" in lon_texts:
        lats = [float(text) if text else place.lat for text, place in zip(lat_texts, row_places, strict=True)]
        lons = [float(text) if text else place.lon for text, place in zip(lon_texts, row_places, strict=True)]
    else:  # every row with its own coordinates: each distinct text read once
        lat_of, lon_of = {t: float(t) for t in set(lat_texts)}, {t: float(t) for t in set(lon_texts)}
        lats, lons = list(map(lat_of.__getitem__, lat_texts)), list(map(lon_of.__getitem__, lon_texts))
    locations = column(schema.LOCATION)
    actor1, actor2 = column(schema.ACTOR1), column(schema.ACTOR2)
    assoc = _split_column(column(schema.ASSOC_ACTORS))
    actor_sets: dict[tuple[str, str, str], list[str]] = {}  # each distinct (actor1, actor2, assoc_actors) once
    for key in zip(actor1, actor2, column(schema.ASSOC_ACTORS), strict=True):
        if key not in actor_sets:
            first, second, others = key
            actor_sets[key] = list(dict.fromkeys(a for a in (first, second, *split_cell(others)) if a))
    involved = list(map(list, map(actor_sets.__getitem__, zip(actor1, actor2, column(schema.ASSOC_ACTORS)))))
    precisions = {text: int(text) for text in set(column(schema.PRECISION))}
    earliest = {text: span.earliest for text, span in spans.items()}
    latest = {text: span.latest for text, span in spans.items()}
    if "" in place_ids:  # some rows with coordinates and no place
        place_names = [place.name if place else text for place, text in zip(row_places, locations, strict=True)]
        uncertainties = [place.uncertainty_km if place else None for place in row_places]
    else:  # each distinct place once
        place_names = list(map({key: place.name for key, place in found.items()}.__getitem__, place_ids))
        uncertainties = list(map({key: place.uncertainty_km for key, place in found.items()}.__getitem__, place_ids))
    frame = pd.DataFrame(
        {
            schema.ID: column(schema.ID),
            schema.DATE: dates,
            schema.START: list(map(earliest.__getitem__, dates)),
            schema.END: list(map(latest.__getitem__, dates)),
            schema.PLACE: place_ids,
            schema.PLACE_NAME: place_names,
            schema.LOCATION: locations,
            schema.PRECISION: list(map(precisions.__getitem__, column(schema.PRECISION))),
            schema.UNCERTAINTY_KM: pd.array(uncertainties, dtype="float64"),
            schema.EVENT_TYPE: column(schema.EVENT_TYPE),
            schema.SUB_EVENT_TYPE: column(schema.SUB_EVENT_TYPE),
            schema.ACTOR1: actor1,
            schema.ACTOR2: actor2,
            schema.ASSOC_ACTORS: assoc,
            schema.ACTORS: involved,
            **{name: _integers(column(name)) for name in schema.FATALITY_COLUMNS},
            schema.FATALITIES_TEXT: column(schema.FATALITIES_TEXT),
            schema.DISPLACED: _integers(column(schema.DISPLACED)),
            schema.SOURCES: _split_column(column(schema.SOURCES)),
            schema.NOTE: column(schema.NOTE),
            schema.GEO_PRECISION_CODE: column(schema.GEO_PRECISION_CODE),
            schema.TIME_PRECISION_CODE: column(schema.TIME_PRECISION_CODE),
        },
        columns=list(INCIDENT_FRAME_COLUMNS),
    )
    if not rows:
        frame[schema.PRECISION] = frame[schema.PRECISION].astype("int64")
    return geopandas.GeoDataFrame(frame, geometry=shapely.points(lons, lats), crs="EPSG:4326")


def _split_column(cells: list[str]) -> list[list[str]]:
    """:func:`~geo.seeds.split_cell` of every cell, each distinct cell split once (a new list per row).

    Examples
    --------
    >>> _split_column(["isgs|jnim", "", "isgs|jnim"])
    [['isgs', 'jnim'], [], ['isgs', 'jnim']]
    """
    split = {text: split_cell(text) for text in set(cells)}
    return list(map(list, map(split.__getitem__, cells)))


def _integers(cells: list[str]) -> pandas.api.extensions.ExtensionArray:
    """Whole numbers written in digits (already validated), empty cells missing, as an ``Int64`` array.

    Examples
    --------
    >>> _integers(["3", "", "12"]).tolist()
    [3, <NA>, 12]
    """
    import numpy as np
    import pandas as pd

    numbers = {text: int(text) if text else 0 for text in set(cells)}  # each distinct cell read once
    missing = np.fromiter(map(operator.not_, cells), dtype=bool, count=len(cells))
    values = np.fromiter(map(numbers.__getitem__, cells), dtype="int64", count=len(cells))
    return pd.arrays.IntegerArray(values, missing)


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
                schema.START_LATEST: start.latest,
                schema.END_EARLIEST: (end.earliest or end.latest) if end else None,
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
