""":func:`intensity` and :func:`intensity_layer`: check the options, select, place and count.

The rules are in the documentation of :mod:`geo.stats`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .. import schema
from .._io import paused_gc
from ..errors import InputError
from ..periods import EVERY
from .options import check_options
from .placing import Placer
from .result import Intensity
from .selection import dataset_sources, place_all, resolve_actors
from .table import aggregate
from .terms import (
    ACTOR,
    AUTO,
    CERCLE,
    DEFAULT_HEX_RESOLUTION,
    HEX,
    MIN_SHARE,
    REGION,
    SPATIAL_LEVELS,
    check_level,
    default_max_uncertainty_km,
    resolve_countries,
    resolve_event_types,
)
from .units import Countries

if TYPE_CHECKING:
    from collections.abc import Iterable

    import geopandas

    from ..gazetteer import Gazetteer
    from ..records import Records


def intensity(
    records: Records | geopandas.GeoDataFrame,
    gazetteer: Gazetteer,
    *,
    by: str = REGION,
    every: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
    hex_resolution: int | None = None,
    max_uncertainty_km: float | None = None,
    min_share: float = MIN_SHARE,
    period_rule: str = AUTO,
    actors: Iterable[str] | None = None,
    event_types: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
) -> Intensity:
    """Count incidents and sum fatalities per unit (``by``) and period (``every``).

    ``records`` is :class:`~geo.records.Records` or its ``incidents`` GeoDataFrame;
    ``by`` one of ``region``, ``cercle``, ``hex``, ``country``, ``actor``,
    ``event-type``; ``every`` one of ``day``, ``week``, ``month``, ``quarter``,
    ``year``; ``start``/``end`` (inclusive, either may be ``None``) keep the incidents
    whose dates overlap the range; ``period_rule`` is ``auto``, ``interval`` or
    ``reported``. ``actors`` (ids, or names when ``records`` is a
    :class:`~geo.records.Records`), ``event_types`` and ``countries`` (ISO2 codes)
    select incidents. ``hex_resolution`` is the H3 resolution of ``by="hex"`` (default
    :data:`DEFAULT_HEX_RESOLUTION`; it applies to ``by="hex"`` only);
    ``max_uncertainty_km`` (spatial views only; default:
    :func:`default_max_uncertainty_km`) and ``min_share`` (default 0.9) set the
    placement rules of the module docstring. Bad options raise
    :class:`~geo.errors.InputError` naming the value; an unknown actor
    :class:`~geo.errors.ActorNotFoundError` with the closest ones.

    Examples
    --------
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> records = load_records(gazetteer=gazetteer)
    >>> table = intensity(records, gazetteer, by="region", every="year")
    >>> where = table.placements.set_index("id")
    >>> where.loc["inc-2022-06-11-seytenga", ["unit", "period"]].tolist()  # Seytenga, Burkina Faso
    ['bf-region-sahel', '2022']
    >>> where.loc["inc-2012-12-mali", "detail"]  # doctest: +ELLIPSIS
    'location known only to Mali (±... km); too coarse for regions: no region holds 90 % of it'
    >>> march = intensity(records, gazetteer, by="hex", start=dt.date(2022, 3, 1), end=dt.date(2022, 3, 31))
    >>> detail = march.placements.set_index("id").loc["inc-2022-03-gao", "detail"]  # 2022-03-07/2022-06
    >>> detail.endswith("spans 4 monthly periods (2022-03 to 2022-06); too coarse for monthly periods")
    True
    >>> reported = intensity(records, gazetteer, by="region", every="month", period_rule="reported")
    >>> reported.placements.set_index("id").loc["inc-2022-03-gao", "period"]  # middle day: 2022-05-03
    '2022-05'
    >>> isgs = intensity(records, gazetteer, by="actor", every="year", actors=["EIGS"])
    >>> sorted(set(isgs.frame["unit"]))
    ['isgs']
    """
    check_options(by, period_rule=period_rule, hex_resolution=hex_resolution, max_uncertainty_km=max_uncertainty_km)
    if every not in EVERY:
        raise InputError(f"unknown period {every!r}; choose from {', '.join(EVERY)}")
    resolution = (DEFAULT_HEX_RESOLUTION if hex_resolution is None else hex_resolution) if by == HEX else None
    if start is not None and end is not None and end < start:
        raise InputError(f"the range ends ({end}) before it starts ({start}); swap the two dates")
    if not 0.5 < min_share <= 1.0:
        raise InputError(f"min_share must be more than 0.5 and at most 1, not {min_share!r}")
    if by in SPATIAL_LEVELS:
        if max_uncertainty_km is None:
            fine = DEFAULT_HEX_RESOLUTION if resolution is None else resolution
            max_uncertainty_km = default_max_uncertainty_km(by, hex_resolution=fine)
        elif not max_uncertainty_km >= 0:
            raise InputError(f"the largest location uncertainty must be 0 km or more, not {max_uncertainty_km!r}")

    incidents = records.incidents if hasattr(records, "incidents") else records
    index = records.actors if hasattr(records, "incidents") else None  # a frame's .actors is its column
    actor_ids = resolve_actors(actors, index) if actors is not None else None
    types = set(resolve_event_types(event_types)) if event_types is not None else None
    codes = set(resolve_countries(countries)) if countries is not None else None
    datasets = dataset_sources(records)
    placer = Placer(
        gazetteer,
        by=by,
        every=every,
        resolution=resolution,
        limit_km=None if max_uncertainty_km is None else float(max_uncertainty_km),
        min_share=min_share,
    )
    country_of = Countries(gazetteer) if codes is not None else None
    if placer.units is not None:
        placer.units.locate_all(incidents)
    with paused_gc():
        placements, counted, not_selected, unknown_country = place_all(
            incidents,
            placer,
            period_rule=period_rule,
            datasets=datasets,
            start=start,
            end=end,
            actor_ids=actor_ids,
            types=types,
            codes=codes,
            country_of=country_of,
        )
    for column in (schema.START, schema.END, schema.UNIT_ID, schema.PERIOD, schema.REASON, schema.DETAIL):
        placements[column] = placements[column].astype(object).where(placements[column].notna(), None)
    for column in schema.FATALITY_COLUMNS:
        placements[column] = placements[column].astype(object).where(placements[column].notna(), None)
    frame = aggregate(incidents, counted, placer, index)
    result = Intensity(
        frame=frame,
        placements=placements,
        by=by,
        every=every,
        start=start,
        end=end,
        max_uncertainty_km=None if max_uncertainty_km is None else float(max_uncertainty_km),
        hex_resolution=resolution,
        min_share=min_share,
        period_rule=period_rule,
        not_selected={name: not_selected[name] for name in ("actors", "event types", "countries")},
        unknown_country=unknown_country,
    )
    placed_once = len({position for position, _, _ in counted})
    if result.placed != placed_once or (by != ACTOR and result.counts != placed_once):  # pragma: no cover - a bug
        raise AssertionError(f"{result.placed} placed, {placed_once} incidents in the rows, {result.counts} counts")
    return result


def intensity_layer(
    records: Records | geopandas.GeoDataFrame,
    gazetteer: Gazetteer,
    *,
    by: str = CERCLE,
    every: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
    hex_resolution: int | None = None,
    period_rule: str = AUTO,
) -> geopandas.GeoDataFrame:
    """The rows of :func:`intensity` as a layer for GeoJSON, GeoPackage or CSV export.

    Plain columns only (no lists): ``start``/``end`` are ``datetime.date`` (DATE fields
    in a GeoPackage, so that QGIS's temporal controller plays the choropleth), counts
    and fatalities are nullable integers, ``area_km2`` and the density floats; the
    geometry is each unit's polygon in EPSG:4326. Only (unit, period) pairs with at
    least one incident are rows. ``by`` is a spatial level (``region``, ``cercle``,
    ``hex``, ``country``).

    Examples
    --------
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> layer = intensity_layer(load_records(gazetteer=gazetteer), gazetteer, by="cercle", every="year")
    >>> list(layer.columns[:7])
    ['unit', 'name', 'level', 'country', 'period', 'start', 'end']
    >>> layer.crs.to_epsg(), set(layer.geom_type) <= {"Polygon", "MultiPolygon"}
    (4326, True)
    """
    check_level(by)
    if by not in SPATIAL_LEVELS:
        raise InputError(f"a layer needs polygons: by must be one of {', '.join(SPATIAL_LEVELS)}, not {by!r}")
    return intensity(
        records,
        gazetteer,
        by=by,
        every=every,
        start=start,
        end=end,
        hex_resolution=hex_resolution,
        period_rule=period_rule,
    ).frame
