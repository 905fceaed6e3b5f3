"""The gazetteer: curated places, areas, GeoNames and OpenStreetMap places, and the
geocoder that resolves any spelling of their names, offline.

>>> from geo import Gazetteer
>>> gazetteer = Gazetteer.load()
>>> location = gazetteer.geocode("Manaka")
>>> location.raw["id"], round(location.latitude, 2), round(location.longitude, 2)
('ml-menaka', 15.92, 2.4)

The package's modules, each one concern of :class:`Gazetteer`: :mod:`~geo.gazetteer.core`
(loading), :mod:`~geo.gazetteer.building` (reading the sources, hiding duplicates),
:mod:`~geo.gazetteer.base` (the records), :mod:`~geo.gazetteer.lookup` (geocoding),
:mod:`~geo.gazetteer.nearby` (reverse geocoding, search, listing) and
:mod:`~geo.gazetteer.measuring` (distances, areas, shapes).
"""

from ..resolution import Resolution, ReverseResult
from .building import DUPLICATE_MARGIN_KM as DUPLICATE_MARGIN_KM
from .core import Gazetteer, write_ready_file
from .lookup import NearArg as NearArg

__all__ = ["Gazetteer", "Resolution", "ReverseResult", "write_ready_file"]
