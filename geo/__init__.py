"""Sahel conflict atlas: a geospatial toolkit for the conflict in Mali and its borderlands.

The public API is re-exported here and imported lazily, so that ``geo --help`` and
``import geo`` stay fast:

>>> from geo import Gazetteer
>>> Gazetteer.load().geocode("Tidarméné").raw["id"]
'ml-tidermene'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Gazetteer": "geo.gazetteer",
    "Resolution": "geo.resolution",
    "ReverseResult": "geo.resolution",
    "Place": "geo.place",
    "SahelGazetteer": "geo.geocoder",
    "normalize": "geo.names",
    "load_records": "geo.records",
    "Records": "geo.records",
    "Influence": "geo.influence",
    "check_assertions": "geo.check",
    "intensity": "geo.stats",
    "area_km2": "geo.measure",
    "distance_matrix": "geo.measure",
    "place_distance": "geo.measure",
    "PlaceDistance": "geo.measure",
    "AreaMeasure": "geo.measure",
    "measure_features": "geo.geojson",
    "FileMeasure": "geo.geojson",
    "parse_point": "geo._input",
    "read_batch": "geo.batch",
    "geocode_rows": "geo.batch",
    "BatchRow": "geo.batch",
    "measure_pairs": "geo.batch",
    "DistanceBatch": "geo.batch",
    "parse_date": "geo.dates",
    "DateInterval": "geo.dates",
    "parse_relative": "geo.relative",
    "GeoError": "geo.errors",
    "InputError": "geo.errors",
    "PlaceNotFoundError": "geo.errors",
    "AmbiguousPlaceError": "geo.errors",
    "SchemaError": "geo.errors",
    "DataError": "geo.errors",
    "RecordsError": "geo.errors",
}

__all__ = [  # noqa: RUF022 - grouped as in _EXPORTS
    "Gazetteer",
    "Resolution",
    "ReverseResult",
    "Place",
    "SahelGazetteer",
    "normalize",
    "load_records",
    "Records",
    "Influence",
    "check_assertions",
    "intensity",
    "area_km2",
    "distance_matrix",
    "place_distance",
    "PlaceDistance",
    "AreaMeasure",
    "measure_features",
    "FileMeasure",
    "parse_point",
    "read_batch",
    "geocode_rows",
    "BatchRow",
    "measure_pairs",
    "DistanceBatch",
    "parse_date",
    "DateInterval",
    "parse_relative",
    "GeoError",
    "InputError",
    "PlaceNotFoundError",
    "AmbiguousPlaceError",
    "SchemaError",
    "DataError",
    "RecordsError",
    "__version__",
]

if TYPE_CHECKING:
    from ._input import parse_point
    from .batch import BatchRow, DistanceBatch, geocode_rows, measure_pairs, read_batch
    from .check import check_assertions
    from .dates import DateInterval, parse_date
    from .errors import (
        AmbiguousPlaceError,
        DataError,
        GeoError,
        InputError,
        PlaceNotFoundError,
        RecordsError,
        SchemaError,
    )
    from .gazetteer import Gazetteer
    from .geocoder import SahelGazetteer
    from .geojson import FileMeasure, measure_features
    from .influence import Influence
    from .measure import AreaMeasure, PlaceDistance, area_km2, distance_matrix, place_distance
    from .names import normalize
    from .place import Place
    from .records import Records, load_records
    from .relative import parse_relative
    from .resolution import Resolution, ReverseResult
    from .stats import intensity


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
