"""The geopy adapter, as geopandas and RateLimiter use it."""

from __future__ import annotations

import geopandas
import shapely
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder

from geo import SahelGazetteer


def test_is_a_geopy_geocoder():
    assert issubclass(SahelGazetteer, Geocoder)


def test_geopandas_geocode_with_provider():
    frame = geopandas.tools.geocode(["Ménaka", "Tidarméné", "Dioura", "Xqzwvtrplk"], provider=SahelGazetteer)
    assert frame.crs.to_epsg() == 4326
    assert round(frame.geometry[0].y, 2) == 15.92 and round(frame.geometry[0].x, 2) == 2.40
    assert frame.address[1].startswith("Tidermène")
    assert frame.geometry[2].is_empty  # ambiguous: no guess
    assert frame.geometry[3].is_empty


def test_provider_options_carry_context():
    frame = geopandas.tools.geocode(["Dioura"], provider=SahelGazetteer, admin1="Kayes")
    assert round(frame.geometry[0].x, 2) == -9.85


def test_rate_limiter_wraps_it():
    geocode = RateLimiter(SahelGazetteer().geocode, min_delay_seconds=0)
    assert geocode("Gao").raw["id"] == "ml-gao"


def test_reverse_geocode():
    frame = geopandas.tools.reverse_geocode([shapely.Point(2.41, 15.93)], provider=SahelGazetteer)
    assert frame.address[0].startswith("Ménaka")


def test_empty_query_raises_value_error():
    import pytest

    with pytest.raises(ValueError, match="empty"):
        SahelGazetteer().geocode("  ")
