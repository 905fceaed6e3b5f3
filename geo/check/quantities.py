"""Quantities measured from the gazetteer and the zones: distances (with a direction),
an actor's position, areas and populations, each with its verdict and explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import schema
from .claims import ClaimedRange, said, to_si
from .context import FADED_NOTE, METHOD_LABELS, CheckContext
from .results import CANNOT_CHECK, CONSISTENT, INCONSISTENT, Assertion, CannotCheckError, CheckResult, make_result
from .words import format_area, format_day, format_number, join_words

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from ..place import Place

__all__ = ["BEARING_TOLERANCE_DEG", "check_area", "check_distance", "check_population", "check_position"]

BEARING_TOLERANCE_DEG = 45.0  # a compass point fits bearings within ±45°


def check_distance(context: CheckContext, a: Assertion, claimed: ClaimedRange) -> CheckResult:
    """A distance between two places (with its direction), or an actor's position."""
    from ..measure import compass_point, place_distance

    if not a.reference:
        raise CannotCheckError("The statement names no place it is measured from (reference).")
    reference = context.place(a.reference)
    if not a.subject:
        if a.actor:
            return check_position(context, a, claimed, reference)
        raise CannotCheckError(
            f"The statement names no place measured to (subject) and no actor whose position it is, "
            f"so there is nothing to measure from {reference.name}."
        )
    subject = context.place(a.subject)
    measured = place_distance(reference, subject)
    km, bearing, spread = measured.km, measured.bearing_deg, measured.uncertainty_km
    low, high = measured.km_min, measured.km_max
    fits = claimed.meets(low, high)
    text = (
        f"{subject.name} and {reference.name} are {km:.1f} km apart in the gazetteer "
        f"({low:.1f}–{high:.1f} km with the places' uncertainty of ±{format_number(spread)} km); "
        f"the source says {said(claimed)}."
    )
    failures = [] if fits else ["distance"]
    if a.bearing:
        if bearing is None or measured.within_uncertainty:
            text += (
                f" The places lie within their uncertainty of each other, so the direction ({a.bearing}) is not tested."
            )
        else:
            off = _angle_between(bearing, schema.COMPASS_POINTS.index(a.bearing) * 22.5)
            seen = f"seen from {reference.name}, {subject.name} lies at {bearing:.0f}° ({compass_point(bearing)})"
            if off <= BEARING_TOLERANCE_DEG:
                text += f" Direction: {seen}, within {BEARING_TOLERANCE_DEG:.0f}° of {a.bearing}."
            else:
                failures.append("direction")
                text += f" Direction: {seen}, {off:.0f}° off {a.bearing} (more than {BEARING_TOLERANCE_DEG:.0f}°)."
    if failures:
        text += f" The {' and the '.join(failures)} {'does' if len(failures) == 1 else 'do'} not fit."
    return make_result(
        a,
        claimed,
        CONSISTENT if not failures else INCONSISTENT,
        text,
        computed=round(km, 1),
        computed_low=round(low, 1),
        computed_high=round(high, 1),
        computed_text=f"{km:.1f} km ({low:.1f}–{high:.1f} km)"
        + (f", {measured.direction}" if measured.direction else ""),
    )


def check_position(context: CheckContext, a: Assertion, claimed: ClaimedRange, reference: Place) -> CheckResult:
    """The point at the claimed distance and bearing from ``reference``, against the actor's zone."""
    from ..measure import destination

    if not a.bearing:
        raise CannotCheckError(
            f"A position needs a direction from {reference.name} (bearing); without one, the point of "
            f"{context.actor_label(a.actor)} cannot be placed."
        )
    day = context.need_day(a)
    km = to_si(a.value, a.unit)
    lat, lon = destination(reference.lat, reference.lon, schema.COMPASS_POINTS.index(a.bearing) * 22.5, km)
    slack = claimed.half_width + reference.uncertainty_km
    where = f"The point {format_number(round(km, 1))} km {a.bearing} of {reference.name} ({lat:.3f}°N, {lon:.3f}°E)"
    computed: dict[str, float | None] = {}
    verdicts: dict[str, str] = {}
    lies, absent, words = [], [], []
    for method in context.methods:
        geometry, _area = context.zone_geometry(method, a.actor, a.zone, day)
        label = METHOD_LABELS.get(method, method)
        if geometry is None:
            computed[method] = None
            verdicts[method] = INCONSISTENT
            absent.append(f"the {label} method")
            words.append(f"{label}: no zone")
            continue
        off = _km_outside(lat, lon, geometry)
        computed[method] = round(off, 1)
        verdicts[method] = CONSISTENT if off <= slack else INCONSISTENT
        where_it_is = "inside it" if off == 0 else f"{off:.1f} km outside it"
        lies.append(f"{where_it_is} under the {label} method")
        words.append(f"{label}: {'inside' if off == 0 else f'{off:.1f} km outside'}")
    verdict, summary = _combine(verdicts, what="position")
    found = []
    if lies:
        found.append(f"it lies {join_words(lies)}")
    if absent:
        found.append(f"{context.actor_label(a.actor)} has no such zone that day under {join_words(absent)}")
    text = (
        f"{where} is checked against {context.zone_words(a)} on {format_day(day)}, allowing {slack:.1f} km "
        f"for the claim's rounding and {reference.name}'s uncertainty: {'; '.join(found)}. {summary}"
    )
    if context.left_out_faded(a, day):
        text += f" {FADED_NOTE}"
    return make_result(
        a,
        claimed,
        verdict,
        text,
        computed=computed,
        computed_text=", ".join(words),
        method_verdicts=verdicts,
        as_of=day,
    )


def check_area(context: CheckContext, a: Assertion, claimed: ClaimedRange) -> CheckResult:
    """The area of an actor's zone under each method, or of a place's polygon."""
    from ..measure import area_km2

    subject = context.place(a.subject) if a.subject else None
    polygon = context.polygon(subject) if subject else None
    subject_km2 = float(area_km2(polygon)[0]) if polygon is not None else None
    if not a.actor:
        if subject is None:
            raise CannotCheckError("The statement names no area (subject) and no actor whose zone it is.")
        if subject_km2 is None:
            raise CannotCheckError(f"{subject.name} is a point in the gazetteer, not an area, so it has no extent.")
        fits = claimed.contains(subject_km2)
        text = (
            f"{subject.name} measures {format_area(subject_km2)} km² in the gazetteer (geodesic area of its polygon); "
            f"the source says {said(claimed)}."
        )
        return make_result(
            a,
            claimed,
            CONSISTENT if fits else INCONSISTENT,
            text,
            computed=round(subject_km2, 1),
            computed_text=f"{format_area(subject_km2)} km²",
        )
    day = context.need_day(a)
    computed: dict[str, float | None] = {}
    verdicts: dict[str, str] = {}
    parts = []
    for method in context.methods:
        _geometry, km2 = context.zone_geometry(method, a.actor, a.zone, day)
        computed[method] = round(km2, 1)
        verdicts[method] = CONSISTENT if claimed.contains(km2) else INCONSISTENT
        label = METHOD_LABELS.get(method, method)
        parts.append(f"{format_area(km2)} km² under the {label} method" if km2 else f"nothing under the {label} method")
    verdict, summary = _combine(verdicts, what="figure")
    words = ", ".join(f"{METHOD_LABELS.get(m, m)}: {format_area(km2 or 0.0)} km²" for m, km2 in computed.items())
    whose = context.zone_words(a)
    text = (
        f"{whose[0].upper()}{whose[1:]} on {format_day(day)} measures {join_words(parts)}; "
        f"the source says {said(claimed)}. {summary}"
    )
    if subject is not None and subject_km2 is not None:
        text += f" For scale, {subject.name} measures {format_area(subject_km2)} km² in the gazetteer."
    if context.left_out_faded(a, day):
        text += f" {FADED_NOTE}"
    return make_result(
        a,
        claimed,
        verdict,
        text,
        computed=computed,
        computed_text=words,
        method_verdicts=verdicts,
        as_of=day,
    )


def check_population(context: CheckContext, a: Assertion, claimed: ClaimedRange) -> CheckResult:
    """The gazetteer's population figure for a place."""
    if not a.subject:
        raise CannotCheckError("The statement names no place (subject) whose population it gives.")
    subject = context.place(a.subject)
    if not subject.population:
        raise CannotCheckError(
            f"The gazetteer has no population figure for {subject.name} (GeoNames gives none), "
            f"so the source's {claimed.text} cannot be compared."
        )
    origin = f"GeoNames record {subject.geonames_id}" if subject.geonames_id else "GeoNames"
    fits = claimed.contains(subject.population)
    text = (
        f"The gazetteer gives {subject.name} {subject.population:,} inhabitants (from {origin}: an undated "
        f"figure, often from an old census); the source says {said(claimed)}."
    )
    return make_result(
        a,
        claimed,
        CONSISTENT if fits else INCONSISTENT,
        text,
        computed=float(subject.population),
        computed_text=f"{subject.population:,} people",
    )


def _combine(verdicts: dict[str, str], *, what: str) -> tuple[str, str]:
    """One verdict from the per-method ones, and a sentence naming which methods agree."""
    fits = [m for m, v in verdicts.items() if v == CONSISTENT]
    misses = [m for m, v in verdicts.items() if v != CONSISTENT]

    def names(methods: list[str]) -> str:
        return join_words([f"the {METHOD_LABELS.get(m, m)} method's" for m in methods])

    if not misses:
        under = {1: f"the {METHOD_LABELS.get(fits[0], fits[0])} method", 2: "both methods"}.get(
            len(fits), "every method"
        )
        return CONSISTENT, f"The {what} fits the zone under {under}."
    if not fits:
        return INCONSISTENT, f"The {what} fits the zone under {'neither method' if len(misses) == 2 else 'no method'}."
    noun = "zone" if len(fits) == 1 else "zones"
    others = join_words([f"the {METHOD_LABELS.get(m, m)} one" for m in misses])
    return CANNOT_CHECK, (
        f"The {what} fits {names(fits)} {noun} but not {others}: the methods disagree, so the records cannot settle it."
    )


def _km_outside(lat: float, lon: float, geometry: BaseGeometry) -> float:
    """Geodesic distance in km from the point to the geometry (0 when inside)."""
    import numpy as np
    import shapely
    from pyproj import Transformer

    point = shapely.Point(lon, lat)
    if geometry.covers(point):
        return 0.0
    # Azimuthal equidistant projection centred on the point: distances from the centre are geodesic.
    transformer = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m", always_xy=True
    )
    dense = shapely.segmentize(geometry, 0.05)
    projected = shapely.transform(dense, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    return float(projected.distance(shapely.Point(0.0, 0.0))) / 1000.0


def _angle_between(a: float, b: float) -> float:
    """The smaller angle in degrees between two bearings.

    >>> _angle_between(350, 10), _angle_between(90, 270)
    (20.0, 180.0)
    """
    return float(abs((a - b + 180.0) % 360.0 - 180.0))
