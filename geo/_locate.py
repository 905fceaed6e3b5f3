"""What a user's text names, for measuring: one end of a distance, or an area.

Used by :meth:`geo.gazetteer.Gazetteer.distance` and :meth:`~geo.gazetteer.Gazetteer.area`
and by ``geo distance`` and ``geo area``: an id is taken as it is, a name is resolved
like ``geo geocode``; a miss or an ambiguity raises an error whose message names the
candidates or the closest names. Nothing here prints: notes for the user are returned.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from . import schema
from ._input import clean_query
from .errors import AmbiguousPlaceError, PlaceNotFoundError
from .resolution import Resolution

if TYPE_CHECKING:
    from .areas import Areas
    from .measure import AreaMeasure
    from .place import Place


class Gazetteer(Protocol):
    """What this module asks of a :class:`geo.gazetteer.Gazetteer` (which calls it)."""

    @property
    def areas(self) -> Areas: ...
    def place(self, place_id: str) -> Place: ...
    def places(self, *, tier: str | None = None) -> list[Place]: ...
    def lookup(self, query: str) -> Resolution: ...
    def validity(self, place_id: str) -> tuple[str, str]: ...


_ID = re.compile(r"^[a-z]{2,}(?:-[a-z0-9]+)+$")


# --- one end of a distance ------------------------------------------------------------
def locate(gazetteer: Gazetteer, query: str) -> Resolution:
    """The answer for one end of a measurement: a gazetteer id, a name or a relative location.

    Returns a :class:`~geo.gazetteer.Resolution` whose status is ``ok`` (its point and
    uncertainty are those to measure from; its ``warnings`` are worth showing). Raises
    :class:`~geo.errors.AmbiguousPlaceError` (the message lists the candidates) or
    :class:`~geo.errors.PlaceNotFoundError` (the message offers close names).

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> locate(gazetteer, "ml-menaka").place.name, locate(gazetteer, "Tidarméné").place.id
    ('Ménaka', 'ml-tidermene')
    """
    from .matching import OK

    text = clean_query(query)
    place = _by_id(gazetteer, text)
    if place is not None:
        return Resolution(query, OK, place, place.lat, place.lon, place.uncertainty_km, 1.0, [(place, 1.0)])
    resolution = gazetteer.lookup(text)
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
        close = suggestions(gazetteer, text)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise PlaceNotFoundError(
            f"{query!r} was not found: {resolution.reason}{hint} (a point is given as LAT,LON, e.g. 15.9,2.4)",
            query=query,
        )
    resolution.query = query
    return resolution


def suggestions(gazetteer: Gazetteer, query: str) -> list[str]:
    """Up to three curated places or areas whose name (or id, for an id-like query) is
    close to ``query``, as ``'Name [id]'``, to offer after a miss.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> suggestions(Gazetteer.load(), "Tidermen")
    ['Tidermène [ml-tidermene]', 'Tidermène Cercle [ml-cercle-tidermene]']
    """
    from .names import strip_accents

    places = gazetteer.places(tier=schema.CURATED) + gazetteer.places(tier=schema.AREA)
    if _ID.match(query):
        return [repr(i) for i in difflib.get_close_matches(query, [p.id for p in places], n=3, cutoff=0.6)]
    by_name: dict[str, list[Place]] = {}
    for place in places:
        for name in (place.name, *place.variants):
            by_name.setdefault(strip_accents(name).lower(), []).append(place)
    close = difflib.get_close_matches(strip_accents(query).lower(), list(by_name), n=10, cutoff=0.6)
    found: dict[str, str] = {}
    for name in close:
        for place in by_name[name]:
            found.setdefault(place.id, f"{place.name} [{place.id}]")
    return list(found.values())[:3]


def _candidate_line(place: Place) -> str:
    where = ", ".join(p for p in (place.admin2, place.admin1, place.country) if p)
    return f"  {place.id}\t{place.name}\t{place.lat:.4f}, {place.lon:.4f}\t{place.kind}, {where}"


# --- areas ----------------------------------------------------------------------------
def area_label(gazetteer: Gazetteer, place: Place) -> str:
    """``'Gao Region [ml-region-gao-pre2016] (region, … to 2016-01-18)'``."""
    start, end = gazetteer.validity(place.id)
    period = f", {start or '…'} to {end or 'now'}" if start or end else ""
    return f"{place.name} [{place.id}] ({place.kind}{period})"


def find_area(gazetteer: Gazetteer, target: str, *, on: str | dt.date | None = None) -> tuple[Place | None, list[str]]:
    """The area of the gazetteer that ``target`` names, with notes for the user.

    ``target`` is an area id, or a name: an area recorded under exactly that name
    (any case or accents; the one valid now when boundaries changed, or the one valid
    ``on`` that day) comes first, even when a town has the same name; then the
    geocoder's answer, when it is an area. Returns ``(None, notes)`` when ``target``
    names no area (the notes say what it does name). Raises
    :class:`~geo.errors.AmbiguousPlaceError` when several areas fit equally, and
    :class:`~geo.errors.PlaceNotFoundError` for the id of a place that is a point, or
    of an outline not valid ``on`` that day.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> find_area(gazetteer, "Ménaka region")[0].id
    'ml-region-menaka'
    >>> place, notes = find_area(gazetteer, "Gao")
    >>> place.id, notes[0]
    ('ml-region-gao', "'Gao' is also the name of the city Gao [ml-gao]: measuring the area Gao Region [ml-region-gao]")
    >>> find_area(gazetteer, "Gao region", on="2014")[0].id
    'ml-region-gao-pre2016'
    """
    from .names import admin_key, normalize

    text = clean_query(target)
    valid = _valid_on(gazetteer, on)
    place = _by_id(gazetteer, text)
    if place is not None:
        if place.tier == schema.AREA:
            if not valid(place):
                same = [a for a in _areas_named(gazetteer, place.name, key=normalize) if valid(a)]
                hint = f"; the outline of that day: {', '.join(area_label(gazetteer, a) for a in same)}" if same else ""
                raise PlaceNotFoundError(
                    f"{area_label(gazetteer, place)} is not the outline of {on}{hint}", query=target
                )
            return place, []
        same = _areas_named(gazetteer, place.name, key=admin_key)
        hint = f"; the areas named like it: {', '.join(area_label(gazetteer, a) for a in same)}" if same else ""
        raise PlaceNotFoundError(f"{text!r} is {_point_words(place)}{hint}", query=target)
    areas = gazetteer.places(tier=schema.AREA)
    exact = _areas_named(gazetteer, text, key=normalize, areas=areas)
    if on is None:
        current = [a for a in exact if not gazetteer.validity(a.id)[1]] or exact
    else:
        current = [a for a in exact if valid(a)]
    resolution = gazetteer.lookup(text)
    if len(current) > 1:
        raise _ambiguous(gazetteer, target, current)
    if current:
        place = current[0]
        notes = []
        if resolution.ok and resolution.place is not None and resolution.place.tier != schema.AREA:
            other = resolution.place
            notes.append(
                f"{target!r} is also the name of the {other.kind} {other.name} [{other.id}]: "
                f"measuring the area {place.name} [{place.id}]"
            )
        # A bare name ("Gao", not "Gao region") may have meant another area of that name.
        bare = admin_key(text) == normalize(text)
        others = [a for a in _areas_named(gazetteer, text, key=admin_key, areas=areas) if a.id != place.id]
        if bare and others:
            notes.append(f"other areas of that name: {', '.join(area_label(gazetteer, a) for a in others)}")
        return place, notes
    if exact:  # only with ``on``: areas of that name, none of that day
        outlines = ", ".join(area_label(gazetteer, a) for a in exact)
        raise PlaceNotFoundError(f"{target!r} had no outline on {on}: its outlines are {outlines}", query=target)
    if resolution.status == "ambiguous":
        candidates = [p for p, _ in resolution.candidates if p.tier == schema.AREA]
        if candidates:
            raise _ambiguous(gazetteer, target, candidates)
        return None, [f"{target!r} names several places, none of them an area"]
    if resolution.ok and resolution.place is not None:
        place = resolution.place
        if place.tier == schema.AREA:
            notes = []
            if resolution.score is not None and resolution.score < 1.0:
                notes.append(f"{target!r} read as {place.name} [{place.id}] (name similarity {resolution.score:.2f})")
            return place, notes
        return None, [f"{target!r} is {_point_words(place)}"]
    return None, []


def measure_area(gazetteer: Gazetteer, place: Place, *, notes: tuple[str, ...] = ()) -> AreaMeasure:
    """The geodesic area and perimeter of an area of the gazetteer, with its validity.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> measured = measure_area(gazetteer, gazetteer.place("ml-region-menaka"))
    >>> measured.name, round(measured.area_km2, -2)
    ('Ménaka Region', 77500.0)
    """
    from .measure import AreaMeasure, area_km2, perimeter_km

    areas = gazetteer.areas
    props = areas.properties[areas.ids.index(place.id)]
    geometry = areas.geometry(place.id)
    return AreaMeasure(
        id=place.id,
        name=place.name,
        kind=place.kind,
        country=place.country or None,
        area_km2=float(area_km2(geometry)[0]),
        perimeter_km=float(perimeter_km(geometry)[0]),
        valid_from=props.get(schema.VALID_FROM) or None,
        valid_to=props.get(schema.VALID_TO) or None,
        boundary_source=props.get("source") or None,
        notes=tuple(notes),
    )


def _valid_on(gazetteer: Gazetteer, on: str | dt.date | None) -> Callable[[Place], bool]:
    """A test: is an area's outline valid on (some day of) ``on``? Always true without ``on``."""
    if on is None:
        return lambda place: True
    if isinstance(on, dt.date):
        first = last = on.date() if isinstance(on, dt.datetime) else on
    else:
        from .dates import parse_date

        span = parse_date(str(on).strip())
        first, last = span.earliest or dt.date.min, span.latest or dt.date.max

    def valid(place: Place) -> bool:
        start, end = gazetteer.validity(place.id)
        return (not start or dt.date.fromisoformat(start) <= last) and (not end or dt.date.fromisoformat(end) >= first)

    return valid


def _by_id(gazetteer: Gazetteer, text: str) -> Place | None:
    """The record whose id is ``text``, or None (a name)."""
    if any(c.isspace() for c in text):
        return None
    try:
        return gazetteer.place(text)
    except PlaceNotFoundError:
        return None


def _point_words(place: Place) -> str:
    return f"the {place.kind} {place.name} [{place.id}], recorded as a point: the gazetteer has no polygon for it"


def _areas_named(
    gazetteer: Gazetteer, name: str, *, key: Callable[[str], str], areas: list[Place] | None = None
) -> list[Place]:
    """The areas one of whose names has the same ``key`` as ``name``, current ones first."""
    wanted = key(name)
    found = [
        area
        for area in (areas if areas is not None else gazetteer.places(tier=schema.AREA))
        if any(key(n) == wanted for n in (area.name, *area.variants))
    ]
    return sorted(found, key=lambda a: (bool(gazetteer.validity(a.id)[1]), a.id))


def _ambiguous(gazetteer: Gazetteer, target: str, candidates: list[Place]) -> AmbiguousPlaceError:
    lines = "\n".join(f"  {area_label(gazetteer, a)}" for a in candidates)
    return AmbiguousPlaceError(
        f"{target!r} names {len(candidates)} areas: give one of their ids instead:\n{lines}",
        query=target,
        candidates=candidates,
    )
