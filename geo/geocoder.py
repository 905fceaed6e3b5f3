"""A geopy geocoder backed by the offline gazetteer.

It plugs in wherever geopy geocoders do: ``geopandas.tools.geocode(..., provider=
SahelGazetteer)``, ``geopandas.tools.reverse_geocode``, and geopy's ``RateLimiter``.
No request leaves the machine.

>>> from geo import SahelGazetteer
>>> geocoder = SahelGazetteer()
>>> geocoder.geocode("Andéranboukan").raw["id"]
'ml-anderamboukane'
>>> geocoder.reverse((15.93, 2.41)).raw["id"]
'ml-menaka'
"""

from __future__ import annotations

from functools import cache
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from .errors import GeoError
from .gazetteer import Gazetteer
from .resolution import Resolution

__all__ = ["SahelGazetteer"]


@cache
def _default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process on first use."""
    return Gazetteer.load()


class SahelGazetteer(Geocoder):
    """geopy ``Geocoder`` over :class:`~geo.gazetteer.Gazetteer` (offline).

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer to use; by default the bundled one, loaded once per process.
    country, admin1, admin2, near : optional
        Default context for every query (see :meth:`Gazetteer.geocode`).
    **kwargs
        Accepted for compatibility with geopy's geocoder options (``timeout``,
        ``user_agent``...), which mean nothing offline.

    Examples
    --------
    >>> location = SahelGazetteer().geocode("Ménaka")
    >>> location.address, round(location.latitude, 3), round(location.longitude, 3)
    ('Ménaka, Mali', 15.918, 2.402)
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        near: Any = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("user_agent", None)
        super().__init__(user_agent="sahel-atlas (offline)", **_geopy_options(kwargs))
        self.gazetteer = gazetteer or _default_gazetteer()
        self.context = {"country": country, "admin1": admin1, "admin2": admin2, "near": near}

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        near: Any = None,
        **kwargs: Any,
    ) -> Location | list[Location] | None:
        """Geocode ``query``; ``None`` when it is not found or ambiguous.

        Raises ``ValueError`` (a :class:`~geo.errors.InputError`) for an unusable
        query, which ``geopandas.tools.geocode`` turns into an empty point.
        """
        context = {
            "country": country or self.context["country"],
            "admin1": admin1 or self.context["admin1"],
            "admin2": admin2 or self.context["admin2"],
            "near": near if near is not None else self.context["near"],
        }
        return self.gazetteer.geocode(query, exactly_one=exactly_one, **context)

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL, limit: int = 5, **kwargs: Any
    ) -> Location | list[Location] | None:
        """The nearest place(s) to a point given as ``(lat, lon)``, ``"lat, lon"`` or a geopy ``Point``."""
        point = self._coerce_point_to_string(query)
        lat_text, lon_text = point.split(",")
        try:
            result = self.gazetteer.reverse(float(lat_text), float(lon_text), limit=1 if exactly_one else limit)
        except GeoError:
            return None
        locations = []
        for near in result.nearest:
            place = self.gazetteer.place(near["id"])
            resolution = Resolution(point, "ok", place, place.lat, place.lon, place.uncertainty_km, 1.0)
            location = resolution.to_location()
            location.raw.update(distance_km=near["km"], bearing_deg=near["bearing_deg"], areas=result.areas)
            locations.append(location)
        if not locations:
            return None
        return locations[0] if exactly_one else locations


def _geopy_options(kwargs: dict[str, Any]) -> dict[str, Any]:
    allowed = {"scheme", "timeout", "proxies", "ssl_context", "adapter_factory"}
    return {key: value for key, value in kwargs.items() if key in allowed}
