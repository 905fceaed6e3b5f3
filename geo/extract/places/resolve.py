"""Resolution (rule 6): each span geocoded with the document's focus and country as
context, stated containment ("X, in the Y region"), the outline of an area on the
document's day, and the mentions made of it.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from datetime import date

from ...dates import open_day, spans_overlap
from ...gazetteer import Gazetteer, Resolution
from ...matching import AMBIGUOUS, NOT_FOUND, OK
from ...names import normalize, strip_accents
from ...place import Place
from ..mention import CANDIDATES, LAT, LON, NAME, PLACE, PLACE_ID, PLACE_KIND, SCORE, STATUS, UNCERTAINTY_KM, Mention
from .lexicon import CANDIDATES_SHOWN, CONTAINED, NEAR, UNLISTED, UNLISTED_RADIUS_KM, WEAK_TIERS, WIDE_REGION
from .words import LatLon, PlaceSpan


def resolve_spans(
    gazetteer: Gazetteer, text: str, doc: str, spans: list[PlaceSpan], *, day: date | None = None
) -> list[Mention]:
    """Geocode the spans (rule 6) and make them mentions."""
    first: dict[str, Resolution] = {}
    for span in spans:
        for query in {span.query, span.text}:
            if query not in first:
                first[query] = gazetteer.lookup(query)
    named = [r for r in first.values() if r.ok and r.place is not None and r.place.tier == "curated"]
    focus = _focus(named)
    # The document's country: that of the places it names unambiguously (curated
    # places, regions, cercles, provinces, and villages of one name: "Niaktiré,
    # Torodi department (Tillabéri region)" and "Makalondi, Torodi department" are in Niger).
    countries = Counter(
        r.place.country
        for r in first.values()
        if r.ok and r.place is not None and r.place.kind not in ("country", "area") and r.place.country != WIDE_REGION
    )
    home = countries.most_common(1)[0][0] if countries else None
    resolved: dict[tuple, Resolution | None] = {}
    results: list[Resolution | None] = []
    for span in spans:
        key = (span.query, span.text, span.owner)
        if key not in resolved:
            resolved[key] = _resolve(gazetteer, span, first, focus, home, day)
        results.append(resolved[key])
    _contain(gazetteer, text, spans, results, focus)
    return [_mention(doc, span, r) for span, r in zip(spans, results, strict=True) if r is not None]


def _contain(
    gazetteer: Gazetteer, text: str, spans: list[PlaceSpan], results: list[Resolution | None], focus: LatLon | None
) -> None:
    """Stated containment (rule 6): "X, in the Y region", "X (Y province)", "X in
    eastern Y", "X near Y", "Y's X" choose X among the places inside Y (or near
    it), by Y's level; the other mentions of X in the document follow."""
    chosen: dict[str, Resolution] = {}
    for k, span in enumerate(spans):
        plain = results[k]
        if span.kind_hint is not None or plain is None:
            continue
        if plain.ok and plain.place is not None and (plain.place.kind in _AREA_LEVELS or plain.place.tier == "area"):
            continue  # a region or a country is not chosen by what holds it
        relation: str | None = None
        k_y: int | None = None
        following = results[k + 1] if k + 1 < len(spans) else None
        if following is not None:
            relation, k_y = _relation(text, span, spans[k + 1], following), k + 1
        owned = span.owner and k > 0 and text[spans[k - 1].end : span.start] in ("'s ", "’s ")
        if relation is None and owned and results[k - 1] is not None:
            relation, k_y = "in", k - 1
        if relation is None or k_y is None:
            continue
        y, ry = spans[k_y], results[k_y]
        if ry is None:
            continue
        context = _context_of(y, ry, relation)
        if context is None:
            continue
        if "near" not in context and focus is not None:
            context["near"] = focus
        inside = gazetteer.lookup(span.query, **context)
        if relation == "capital" and not inside.ok:
            towns = [(p, score) for p, score in inside.candidates if p.kind in ("city", "town")]
            if len(towns) == 1:  # "the capital of the region" is its one town
                town, score = towns[0]
                inside = Resolution(
                    span.query, OK, town, town.lat, town.lon, town.uncertainty_km, score, inside.candidates
                )
        if not inside.ok or inside.place is None or inside.place.country == WIDE_REGION:
            continue
        where = context.get("admin1") or context.get("admin2") or context.get("country")
        inside.warnings.append(
            f"chosen among places of this name as the one in {where}, as the text says"
            if where
            else f"chosen among places of this name as the one near {y.text}, as the text says"
        )
        results[k] = chosen[span.query] = inside
        if ry is not None and ry.ok and ry.place is not None and ry.place.country == WIDE_REGION:
            # "Dori, capital of the Sahel region": Burkina Faso's Sahel Region, not the belt
            region = gazetteer.lookup(f"{y.text} region", country=inside.place.country)
            if region.ok and region.place is not None and region.place.country != WIDE_REGION:
                results[k_y] = region
    for k, span in enumerate(spans):
        if span.query in chosen and span.kind_hint is None and results[k] is not None:
            results[k] = chosen[span.query]  # one name, one place: the one the text placed


def _resolve(
    gazetteer: Gazetteer,
    span: PlaceSpan,
    first: dict[str, Resolution],
    focus: LatLon | None,
    home: str | None,
    day: date | None,
) -> Resolution | None:
    """The resolution of one span, or None when it names no place after all."""
    resolution = _choose(gazetteer, span, first, focus, home, day)
    if span.tiers == {UNLISTED} and span.query != span.text and not resolution.ok:
        return None  # a compass compound that is no region of the gazetteer ("North-East")
    short = len(span.text) <= 3 and span.query == span.text  # ("Est" looked up as "Est region" is meant)
    if short and resolution.ok and resolution.place is not None and not _written_as(resolution.place, span.text):
        return None  # "Us" in a slogan is not the United States ("US")
    return resolution


def _choose(
    gazetteer: Gazetteer,
    span: PlaceSpan,
    first: dict[str, Resolution],
    focus: LatLon | None,
    home: str | None,
    day: date | None,
) -> Resolution:
    """Geocode one span with its owner, kind hint, the document's focus and country as context."""
    bare = first[span.text]
    if span.tiers == {UNLISTED}:
        return _unlisted_resolution(gazetteer, span, focus, home)
    if span.owner:  # "Burkina Faso's Sahel": a place of that country
        owner = gazetteer.lookup(span.owner)
        if owner.ok and owner.place is not None and owner.place.kind == "country":
            for query in dict.fromkeys((span.query, f"{span.text} region")):
                inside = gazetteer.lookup(query, country=owner.place.country, near=focus)
                if inside.ok:
                    return inside
    if bare.ok and bare.place is not None and bare.place.country == WIDE_REGION:
        return bare  # "the Sahel region" is the Sahel, not Burkina Faso's Sahel Region
    if span.kind_hint is None:
        country = _country_named(gazetteer, span.text, bare)
        if country is not None:
            return country
    resolution = gazetteer.lookup(span.query, near=focus) if focus else first[span.query]
    if resolution.status == AMBIGUOUS and home:
        at_home = gazetteer.lookup(span.query, country=home, near=focus)
        if at_home.ok:
            at_home.warnings.append(f"chosen among places of this name as the one in {home}, the document's country")
            resolution = at_home
    if resolution.ok and resolution.place is not None:
        resolution = _outline_of_the_day(gazetteer, resolution, day)
    return resolution


_UNLISTED_REASON = "not in the gazetteer in this spelling; the text names it as a place"


def _unlisted_resolution(gazetteer: Gazetteer, span: PlaceSpan, focus: LatLon | None, home: str | None) -> Resolution:
    """Rule 8: the gazetteer's place of a nearby spelling (a village of the document's
    country within :data:`UNLISTED_RADIUS_KM` of its focus), else not found."""
    if span.query != span.text:  # "Centre-nord": "Centre-nord region", a curated region of the country
        region = gazetteer.lookup(span.query, country=home) if home else gazetteer.lookup(span.query)
        if region.ok and region.place is not None and region.place.tier in ("curated", "area"):
            return region
        return Resolution(span.text, NOT_FOUND, reason=_UNLISTED_REASON)
    if focus is not None:
        found = (
            gazetteer.lookup(span.text, country=home, near=focus) if home else gazetteer.lookup(span.text, near=focus)
        )
        place = found.place if found.ok else None
        if place is not None and place.tier in WEAK_TIERS and _km(focus, (place.lat, place.lon)) <= UNLISTED_RADIUS_KM:
            found.warnings.append(f"{span.text!r} read as {place.name!r}, the nearest place of a close spelling")
            return found
    return Resolution(span.text, NOT_FOUND, reason=_UNLISTED_REASON)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


_AREA_LEVELS = {
    "country": "country",
    "region": "admin1",
    "state": "admin1",
    "province": "admin2",
    "cercle": "admin2",
    "department": "admin2",
    "prefecture": "admin2",
}


def _relation(text: str, x: PlaceSpan, y: PlaceSpan, ry: Resolution) -> str | None:
    """How the text places ``x`` against the next name ``y``: "in", "near" or None."""
    gap = text[x.end : y.start]
    if len(gap) > 60 or "\n" in gap:
        return None
    if NEAR.fullmatch(gap):
        return "near"
    if CONTAINED.fullmatch(gap) and re.search(r"\b(?:capital|capitale|chef-lieu)\b", gap, re.I):
        return "capital"
    if CONTAINED.fullmatch(gap) or re.fullmatch(r"\s*\(\s*(?:the\s+)?", gap):
        return "in"
    if gap == ", " and (
        y.kind_hint in ("region", "cercle", "province") or (ry.ok and ry.place and ry.place.kind == "country")
    ):
        return "in"
    return None


def _context_of(y: PlaceSpan, ry: Resolution, relation: str) -> dict | None:
    """The look-up context that the container ``y`` gives, by its level."""
    place = ry.place if ry.ok else None
    if relation == "near":
        return {"near": (ry.lat, ry.lon)} if place is not None else None
    if relation == "capital" and place is not None and place.kind == "country":
        return {"country": place.country}
    if place is not None and place.country != WIDE_REGION and place.kind in _AREA_LEVELS:
        level = _AREA_LEVELS[place.kind]
        return {"country": place.country} if level == "country" else {level: place.name}
    if y.kind_hint in ("region",):
        return {"admin1": y.text}
    if y.kind_hint in ("cercle", "province"):
        return {"admin2": y.text}
    if place is not None and place.country != WIDE_REGION:
        return {"near": (ry.lat, ry.lon)}
    return None


def _country_named(gazetteer: Gazetteer, text: str, resolution: Resolution) -> Resolution | None:
    """A country's name means the country, not a village of that name ("Mali")."""
    key = normalize(text)
    for place, score in resolution.candidates:
        if place.kind == "country" and any(normalize(n) == key for n in (place.name, *place.variants)):
            return Resolution(text, OK, place, place.lat, place.lon, place.uncertainty_km, score, resolution.candidates)
    return None


def _outline_of_the_day(gazetteer: Gazetteer, resolution: Resolution, day: date | None) -> Resolution:
    """Of an area's outlines before and after a reform, the one valid on ``day``
    (without a day, the current one)."""
    place = resolution.place
    if place is None:
        return resolution
    same = [p for p, _ in resolution.candidates if p.tier == "area" and p.name == place.name and p.kind == place.kind]
    if len(same) < 2:
        return resolution
    wanted = day or date.max
    for other in same:
        valid_from, valid_to = gazetteer.validity(other.id)
        if spans_overlap(open_day(valid_from), open_day(valid_to), wanted, wanted):
            if other.id != place.id:
                return Resolution(
                    resolution.query,
                    OK,
                    other,
                    other.lat,
                    other.lon,
                    other.uncertainty_km,
                    resolution.score,
                    resolution.candidates,
                    warnings=[*resolution.warnings, "outline of the day"],
                )
            break
    return resolution


def _written_as(place: Place, text: str) -> bool:
    """Whether a name of ``place`` is written exactly so (accents aside)."""
    plain = strip_accents(text)
    return any(strip_accents(name) == plain for name in (place.name, *place.variants))


def _focus(resolutions: list[Resolution]) -> tuple[float, float] | None:
    """The document's focus: the median point of the curated places it names."""
    points = [
        (r.lat, r.lon)
        for r in resolutions
        if r.lat is not None and r.lon is not None and r.place and r.place.kind != "country"
    ]
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _mention(doc: str, span: PlaceSpan, resolution: Resolution) -> Mention:
    """The place mention of a resolved span."""
    place = resolution.place if resolution.ok else None
    record = {
        PLACE_ID: place.id if place else None,
        NAME: place.name if place else None,
        PLACE_KIND: place.kind if place else None,
        LAT: None if place is None or resolution.lat is None else round(resolution.lat, 5),
        LON: None if place is None or resolution.lon is None else round(resolution.lon, 5),
        UNCERTAINTY_KM: None
        if place is None or resolution.uncertainty_km is None
        else round(resolution.uncertainty_km, 1),
        STATUS: resolution.status,
        SCORE: resolution.score,
        CANDIDATES: [
            {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "score": s}
            for p, s in resolution.candidates[:CANDIDATES_SHOWN]
        ],
    }
    return Mention(doc, span.start, span.end, span.text, PLACE, record)
