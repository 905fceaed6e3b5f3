"""``geo distance``: the geodesic distance and initial bearing between two places or points."""

from __future__ import annotations

import argparse
import difflib
import re
from typing import TYPE_CHECKING, Any

from ._output import add_gazetteer_option, load_gazetteer, warn, write_json_line

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

# "15.9N 2.4E", "15.9 N, 2.4 W": hemisphere letters instead of signs.
_HEMISPHERES = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*°?\s*([NS])\s*[,;\s]\s*(\d+(?:\.\d+)?)\s*°?\s*([EW])\s*$", re.IGNORECASE
)
_ID = re.compile(r"^[a-z]{2,}(?:-[a-z0-9]+)+$")
_POINT_HINT = "give latitude then longitude in decimal degrees, e.g. 15.9,2.4 (south and west are negative)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo distance Tidermène Ménaka
  geo distance Konna Mopti --json
  geo distance ml-menaka 16.6,2.4
  geo distance "75 km north of Ménaka" Anderamboukane

A and B are place names (any spelling, or a relative location such as
"30 km N of Douentza"), gazetteer ids (ml-menaka, gn-2457161) or points 'LAT,LON':
latitude then longitude in decimal degrees, south and west negative (14.48,-4.18;
14.48N,4.18W also works). A negative latitude goes after '--':
geo distance -- -1.5,30.1 Ménaka.

The distance is geodesic, on the WGS84 ellipsoid; the bearing is the initial bearing
from A to B, clockwise from true north. Each place's location uncertainty (a point
given as LAT,LON has none) widens the distance into a range: km ± (u_A + u_B).

Exit status: 0 on success, 1 when a place is unknown or ambiguous (the candidates are
listed), 2 on usage errors (such as a malformed or out-of-range LAT,LON)."""
    parser.add_argument("a", metavar="A", help="the place or point to measure from")
    parser.add_argument("b", metavar="B", help="the place or point to measure to")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    add_gazetteer_option(parser)


def parse_point(text: str) -> tuple[float, float] | None:
    """Read ``text`` as a point (lat, lon), or return None when it is not one.

    Takes what :func:`geo._validate.parse_coordinates` takes ("15.9,2.4", "15.9 2.4")
    and hemisphere letters ("15.9N 2.4E"). Text without a letter that still is not a
    point, or a point out of range, raises :class:`~geo.errors.InputError`.

    Examples
    --------
    >>> parse_point("15.9,2.4"), parse_point("15.9N, 0.5W"), parse_point("Ménaka")
    ((15.9, 2.4), (15.9, -0.5), None)
    >>> parse_point("15.9,,2.4")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: '15.9,,2.4' is not a point: give latitude then longitude in decimal degrees, ...
    """
    from .._validate import check_lat_lon, parse_coordinates
    from ..errors import InputError

    point = parse_coordinates(text)
    if point is not None:
        return point
    match = _HEMISPHERES.match(text)
    if match:
        lat = float(match[1]) * (-1 if match[2].upper() == "S" else 1)
        lon = float(match[3]) * (-1 if match[4].upper() == "W" else 1)
        check_lat_lon(lat, lon)
        return lat, lon
    if any(c.isdigit() for c in text) and not any(c.isalpha() for c in text):
        raise InputError(f"{text!r} is not a point: {_POINT_HINT}")
    return None


def _point_end(query: str, lat: float, lon: float) -> dict[str, Any]:
    from .._validate import check_lat_lon
    from ..errors import InputError

    try:
        check_lat_lon(lat, lon, coverage=True)
    except InputError as error:  # far away is allowed; a swapped pair deserves a word
        if "swapped" in str(error):
            warn(f"geo distance: warning: {error}")
    return {
        "query": query,
        "id": None,
        "name": None,
        "lat": lat,
        "lon": lon,
        "uncertainty_km": 0.0,
    }


def _place_end(query: str, place, *, lat: float, lon: float, uncertainty_km: float) -> dict[str, Any]:
    return {
        "query": query,
        "id": place.id,
        "name": place.name,
        "lat": round(lat, 5),
        "lon": round(lon, 5),
        "uncertainty_km": round(uncertainty_km, 1),
        "kind": place.kind,
        "tier": place.tier,
    }


def _suggestions(gazetteer: Gazetteer, query: str) -> list[str]:
    """Up to three curated places or areas whose name (or id, for an id-like query) is
    close to ``query``, as 'Name [id]', to offer after a miss."""
    from .. import schema
    from ..names import strip_accents

    places = gazetteer.places(tier=schema.CURATED) + gazetteer.places(tier=schema.AREA)
    if _ID.match(query):
        return [repr(i) for i in difflib.get_close_matches(query, [p.id for p in places], n=3, cutoff=0.6)]
    by_name: dict[str, list] = {}
    for place in places:
        for name in (place.name, *place.variants):
            by_name.setdefault(strip_accents(name).lower(), []).append(place)
    close = difflib.get_close_matches(strip_accents(query).lower(), list(by_name), n=10, cutoff=0.6)
    found: dict[str, str] = {}
    for name in close:
        for place in by_name[name]:
            found.setdefault(place.id, f"{place.name} [{place.id}]")
    return list(found.values())[:3]


def _candidate_line(place) -> str:
    where = ", ".join(p for p in (place.admin2, place.admin1, place.country) if p)
    return f"  {place.id}\t{place.name}\t{place.lat:.4f}, {place.lon:.4f}\t{place.kind}, {where}"


def _resolve_end(gazetteer: Gazetteer, query: str) -> dict[str, Any]:
    """Resolve one end of a measurement: a gazetteer id, a name or a relative location.

    Raises :class:`~geo.errors.AmbiguousPlaceError` (message listing the candidates) or
    :class:`~geo.errors.PlaceNotFoundError` (message with close names).
    """
    from .._validate import clean_query
    from ..errors import AmbiguousPlaceError, PlaceNotFoundError

    text = clean_query(query)
    if not any(c.isspace() for c in text):
        try:
            place = gazetteer.place(text)
        except PlaceNotFoundError:
            pass
        else:
            return _place_end(query, place, lat=place.lat, lon=place.lon, uncertainty_km=place.uncertainty_km)
    resolution = gazetteer.lookup(text)
    for message in resolution.warnings:
        warn(f"geo distance: {query!r}: warning: {message}")
    if resolution.status == "ambiguous":
        candidates = [p for p, _ in resolution.candidates]
        lines = "\n".join(_candidate_line(p) for p in candidates)
        region = next((p.admin1 for p in candidates if p.admin1), "REGION")
        raise AmbiguousPlaceError(
            f"{query!r} is ambiguous: {len(candidates)} places match about equally well and lie far apart; "
            f"give one of these ids instead, or add the region after a comma ('{text}, {region}'):\n{lines}",
            query=query,
            candidates=candidates,
        )
    if not resolution.ok or resolution.place is None:
        close = _suggestions(gazetteer, text)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise PlaceNotFoundError(
            f"{query!r} was not found: {resolution.reason}{hint} (a point is given as LAT,LON, e.g. 15.9,2.4)",
            query=query,
        )
    place = resolution.place
    if resolution.score is not None and resolution.score < 1.0 and not resolution.relative:
        warn(f"geo distance: {query!r} read as {place.name} [{place.id}] (name similarity {resolution.score:.2f})")
    end = _place_end(
        query, place, lat=resolution.lat, lon=resolution.lon, uncertainty_km=resolution.uncertainty_km or 0.0
    )
    if resolution.relative:
        end["relative"] = resolution.relative
    return end


def measure(start: dict[str, Any], end: dict[str, Any]) -> dict[str, Any]:
    """The distance record between two resolved ends (see :func:`_resolve_end`).

    Examples
    --------
    >>> a = {"query": "a", "id": None, "name": None, "lat": 15.0, "lon": 2.0, "uncertainty_km": 1.0}
    >>> b = {"query": "b", "id": None, "name": None, "lat": 16.0, "lon": 2.0, "uncertainty_km": 2.5}
    >>> record = measure(a, b)
    >>> record["km"], record["uncertainty_km"], record["km_min"], record["bearing_deg"], record["direction"]
    (110.654, 3.5, 107.154, 0.0, 'N')
    """
    from ..measure import compass_point, geodesic

    km, bearing = geodesic(start["lat"], start["lon"], end["lat"], end["lon"])
    km, bearing = float(km), float(bearing)
    uncertainty = start["uncertainty_km"] + end["uncertainty_km"]
    same_point = km < 1e-6
    return {
        "from": start,
        "to": end,
        "km": round(km, 3),
        "uncertainty_km": round(uncertainty, 1),
        "km_min": round(max(0.0, km - uncertainty), 3),
        "km_max": round(km + uncertainty, 3),
        "bearing_deg": None if same_point else round(bearing, 1),
        "direction": None if same_point else compass_point(bearing),
        "method": "geodesic, WGS84 ellipsoid",
    }


def run(args: argparse.Namespace) -> int:
    from ..errors import PlaceNotFoundError

    queries = (args.a, args.b)
    points = [parse_point(q) for q in queries]  # a malformed point is a usage error: before any lookup
    gazetteer = None
    ends: list[dict[str, Any] | None] = []
    failures = 0
    for query, point in zip(queries, points, strict=True):
        if point is not None:
            ends.append(_point_end(query, *point))
            continue
        if gazetteer is None:
            gazetteer = load_gazetteer(args)
        try:
            ends.append(_resolve_end(gazetteer, query))
        except PlaceNotFoundError as error:
            warn(f"geo distance: {error}")
            ends.append(None)
            failures += 1
    if failures:
        return 1
    start, end = ends
    record = measure(start, end)
    if args.json:
        write_json_line(record)
    else:
        _print_text(record)
    return 0


def _label(end: dict[str, Any]) -> str:
    if end["id"] is None:
        return "point"
    if end.get("relative"):
        return f"{end['relative']['text']} (offset from {end['name']} [{end['id']}])"
    return f"{end['name']} [{end['id']}]"


def _print_text(record: dict[str, Any]) -> None:
    labels = [_label(record["from"]), _label(record["to"])]
    width = max(len(label) for label in labels)
    for title, end, label in zip(("from", "to"), (record["from"], record["to"]), labels, strict=True):
        print(f"{title + ':':6}{label:{width}}  {end['lat']:.5f}, {end['lon']:.5f}  ±{end['uncertainty_km']:g} km")
    km, u = record["km"], record["uncertainty_km"]
    span = f" ± {u:g} km ({record['km_min']:.1f} to {record['km_max']:.1f} km)" if u else ""
    if record["bearing_deg"] is None:
        print(f"{km:.1f} km{span}: the same point")
        return
    print(f"{km:.1f} km{span}, initial bearing {record['bearing_deg']:.1f}° ({record['direction']}); geodesic, WGS84")
