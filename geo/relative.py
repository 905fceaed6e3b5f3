"""Relative locations: "30 km N of Douentza", "Douentza 30km N", "5 km outside Ménaka".

:func:`parse_relative` recognises the forms conflict reporting uses, in English and
French, and returns the anchor place's query with the offset. The geocoder resolves
the anchor, moves the point along the bearing on the ellipsoid and widens the
uncertainty by the rule of :func:`offset_uncertainty_km`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .names import strip_accents

__all__ = ["RelativeQuery", "offset_uncertainty_km", "parse_relative"]

_MILE_KM = 1.609344

_DIRECTIONS: dict[str, float] = {}
for _names, _bearing in (
    (("n", "north", "nord"), 0.0),
    (("nne", "north-northeast"), 22.5),
    (("ne", "northeast", "north-east", "north east", "nord-est", "nord est"), 45.0),
    (("ene", "east-northeast"), 67.5),
    (("e", "east", "est"), 90.0),
    (("ese", "east-southeast"), 112.5),
    (("se", "southeast", "south-east", "south east", "sud-est", "sud est"), 135.0),
    (("sse", "south-southeast"), 157.5),
    (("s", "south", "sud"), 180.0),
    (("ssw", "south-southwest"), 202.5),
    (("sw", "southwest", "south-west", "south west", "sud-ouest", "sud ouest"), 225.0),
    (("wsw", "west-southwest"), 247.5),
    (("w", "west", "ouest"), 270.0),
    (("wnw", "west-northwest"), 292.5),
    (("nw", "northwest", "north-west", "north west", "nord-ouest", "nord ouest"), 315.0),
    (("nnw", "north-northwest"), 337.5),
):
    for _name in _names:
        _DIRECTIONS[_name] = _bearing

_DIR = "|".join(sorted((re.escape(d) for d in _DIRECTIONS), key=len, reverse=True))
_NUM = r"(?P<distance>\d+(?:[.,]\d+)?)"
_UNIT = r"(?P<unit>kilometres|kilometers|kilometre|kilometer|kms|km|miles|mile|mi)"
_QUAL = r"(?:(?:about|around|some|approximately|approx\.?|roughly|nearly|almost|environ|a|~)\s*)?"
_OF = r"(?:of|from|de|du|d'|des)"

_PATTERNS = (
    # "30 km north of Douentza", "à 30 km au nord de Douentza", "30km NNE of Gao"
    re.compile(
        rf"^{_QUAL}{_NUM}\s*{_UNIT}\.?\s+(?:to the\s+|au\s+|a l'|a l\s+|a la\s+)?(?P<direction>{_DIR})\.?\s+{_OF}\s*(?P<place>.+)$"
    ),
    # "Douentza 30km N", "Douentza, 30 km north"
    re.compile(rf"^(?P<place>.+?)[,\s]+{_QUAL}{_NUM}\s*{_UNIT}\.?\s+(?P<direction>{_DIR})\.?$"),
    # "5 km outside Ménaka", "10 km from Gao", "à 5 km de Ménaka"
    re.compile(
        rf"^{_QUAL}{_NUM}\s*{_UNIT}\.?\s+(?:outside(?:\s+of)?|from|away from|out of|hors de|de|around|near)\s+(?P<place>.+)$"
    ),
)


@dataclass(frozen=True, slots=True)
class RelativeQuery:
    """A parsed relative location: ``distance_km`` from ``place`` along ``bearing_deg``.

    ``bearing_deg`` is ``None`` when the text gives no direction ("5 km outside X").
    ``sector_deg`` is the half-width of the compass sector the direction names.
    """

    place: str
    distance_km: float
    bearing_deg: float | None
    sector_deg: float
    text: str


def parse_relative(query: str) -> RelativeQuery | None:
    """Parse a relative location, or return ``None`` when ``query`` is not one.

    Examples
    --------
    >>> parse_relative("75 km north of Ménaka")
    RelativeQuery(place='Menaka', distance_km=75.0, bearing_deg=0.0, sector_deg=22.5, text='75 km north of Ménaka')
    >>> parse_relative("Douentza 30km N").bearing_deg, parse_relative("Douentza 30km N").place
    (0.0, 'Douentza')
    >>> parse_relative("5 km outside Ménaka").bearing_deg is None
    True
    >>> parse_relative("à 30 km au nord-est de Douentza").bearing_deg
    45.0
    >>> parse_relative("Ménaka") is None
    True
    """
    text = " ".join(strip_accents(query).split())
    lowered = text.lower()
    for pattern in _PATTERNS:
        match = pattern.match(lowered)
        if not match:
            continue
        start, end = match.span("place")
        place = text[start:end].strip(" ,.")
        if not place:
            return None
        distance = float(match["distance"].replace(",", "."))
        if match["unit"].startswith("mi"):
            distance *= _MILE_KM
        direction = match.groupdict().get("direction")
        bearing = _DIRECTIONS[direction] if direction else None
        # "N"/"north" and "NE" name a 45° sector of the 8-point rose, "NNE" a 22.5° one.
        sector = 11.25 if bearing is not None and bearing % 45 else 22.5
        return RelativeQuery(place, distance, bearing, sector, query.strip())
    return None


def offset_uncertainty_km(anchor_uncertainty_km: float, relative: RelativeQuery) -> float:
    """Uncertainty of an offset point: the anchor's, plus 10 % of the distance for
    rounding, plus the sideways spread of the compass sector (``d·tan(sector)``); with
    no direction, the whole distance.

    Examples
    --------
    >>> r = parse_relative("75 km north of Ménaka")
    >>> round(offset_uncertainty_km(2.0, r), 1)
    40.6
    >>> offset_uncertainty_km(2.0, parse_relative("5 km outside Ménaka"))
    7.0
    """
    d = relative.distance_km
    if relative.bearing_deg is None:
        return anchor_uncertainty_km + d
    return anchor_uncertainty_km + 0.1 * d + d * math.tan(math.radians(relative.sector_deg))
