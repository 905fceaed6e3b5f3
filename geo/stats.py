"""Intensity by area, actor, event type and period: incidents and fatalities per unit.

:func:`intensity` places every incident in one *unit* (a region, a cercle, a country
or an H3 cell; or, for the non-spatial views, an actor or an event type) and one
*period* (a month, a quarter, a year... of :mod:`geo.periods`), counts the incidents
and sums their fatalities per (unit, period), and reports, with a reason, every
incident it cannot place: nothing is dropped and nothing is forced into a unit or a
period it may not belong to. ``placed + unplaced == total`` always holds, ``total``
being the incidents whose dates overlap the range asked for and that the filters
(``actors``, ``event_types``, ``countries``) select; the incidents the filters leave
out are counted too (:attr:`Intensity.not_selected`).

Views (``by``):

- ``region``, ``cercle``, ``country``, ``hex``: the spatial units below. An incident
  counts in at most one unit.
- ``actor``: one row per actor and period. **An incident counts once for each actor
  involved** (``actor1``, ``actor2`` and every associated actor, each actor once even
  when it is named twice), so the rows of a period add up to more than its
  incidents, and their fatalities to more than its deaths: never add the rows up.
  :attr:`Intensity.placed` and the summary count each incident once. With
  ``actors``, only the rows of those actors are kept.
- ``event-type``: one row per ACLED event type and period; an incident has one event
  type, so these rows do add up.

In the two non-spatial views only the date places an incident (its location plays no
part): the unplaced ones are those whose date no period holds.

When (an incident is placed in at most one period), by the ``period_rule``:

- ``interval``: the incident counts in the period that holds its whole interval of
  dates (``start`` to ``end``, inclusive). One whose interval spans several periods
  ("2022-03-07/2022-06", four months; or ACLED's "2022-03-29/2022-04-04") is never
  split and never counted twice: it is reported as ``date_too_coarse``, with its
  fatalities, and the summary gives the count and the fatalities of the unplaced
  incidents. (Splitting would invent how an event is spread over the months; a
  "spanning" row would mix periods of different lengths in one column and break
  monthly series and maps; so the incident stays out of the rows and is listed.)
- ``reported``: the incident counts in the period that holds the middle day of its
  interval, ``start + (end - start) // 2`` (the earlier of the two middle days when
  the interval has an even number of days). This is ACLED's own rule: an event counts
  in the month of its coded date, and ``geo import`` writes ACLED's time precision 2
  as the coded day ± 3 days and precision 3 as the month around the coded mid-month
  day (see :mod:`geo.imports`), so the middle day is the day ACLED coded. Every
  incident with a closed interval counts in exactly one period.
- ``auto`` (the default): ``reported`` for the incidents whose every source is a
  dataset (``sources.csv`` kind ``dataset``: ``acled``, ``ucdp-ged``, i.e. imported
  rows), ``interval`` for the others (curated records, whose intervals are what the
  documents allow, with no coded day in their middle).

An open-ended date ("../2012-06-28") is reported as ``date_open`` under every rule.
The date is checked first, then the location: an incident not placed is reported
with the first reason found.

Where (spatial views; an incident is placed in at most one unit):

- **An incident located by an area** (its ``place`` is an area of the gazetteer: a
  country, region, cercle, province or informal area) is placed in a unit only when
  at least 90 % of the area's polygon (``min_share``, geodesic km²) lies inside that
  unit: an incident "in Ménaka region" counts for Ménaka region, and for Ménaka
  cercle (the same polygon), but for no cell of the hexagonal grid, and an incident
  "in Mali" for Mali at the country level but for no region.
- **An incident located at a point** is placed in the unit that contains the point
  when its location uncertainty is at most ``max_uncertainty_km`` (by default 250 km
  for countries, 100 km for regions, 50 km for cercles and the average edge length of
  the cells for the hexagonal grid: 26 km at resolution 4). The uncertainty used
  depends on the precision (seeds/README.md):

  =========  ==============================  =======================================
  precision  meaning                         uncertainty used, levels
  =========  ==============================  =======================================
  1          at the named place              the place's ``uncertainty_km`` (0 for a
                                             record with its own coordinates and no
                                             place); every level
  2          near it (within ~25 km)         the same as precision 1: counted where
                                             its point is (the dataset's point, which
                                             ACLED puts at the named town), as ACLED
                                             counts it; every level
  3          only the region or a larger     the place's; region and country only:
             area is known                   ``location_too_coarse`` for cercles and
                                             cells (the summary counts them)
  =========  ==============================  =======================================

  A point on a simplified border that falls in no unit goes to the nearest unit
  within about 5 km (:data:`geo.areas.AREA_TOLERANCE_DEG`).
- **Regions follow the reforms**: an incident counts for the region valid on every
  day of its dates (``valid_from``/``valid_to`` of ``gazetteer/areas.geojson``), so a
  2019 incident near Bandiagara counts for Mopti region as it stood before 2023
  (``ml-region-mopti-pre2023``) and a 2024 one for Bandiagara region. An incident
  whose dates straddle a reform that changed its region is reported
  (``boundary_change``); under ``reported`` the dates are the middle day only. The
  region level holds every region of the gazetteer (Mali's, Niger's, Burkina Faso's);
  the cercle level holds Mali's cercles only, so incidents in Niger or Burkina Faso
  are reported as ``outside`` there.
- **Hexagonal cells** are H3 cells (default resolution 4: cells of about 1,770 km²,
  edges of about 26 km). H3 cells are *not* equal-area: at resolution 4 the 783
  cells that touch Mali measure from about 1,390 to 1,790 km² (30 % apart), so every
  row carries its unit's own geodesic ``area_km2`` and the density
  ``incidents_per_10k_km2``; compare cells by density, not by count.

Filters: ``actors`` (ids or any recorded name) keeps the incidents that involve at
least one of them; ``event_types`` the incidents of those ACLED event types;
``countries`` (ISO 3166-1 alpha-2 codes) the incidents whose country is one of them:
the country of the incident's place in the gazetteer, else the country polygon that
holds its point; an incident whose country is not known (an informal cross-border
area, a point outside every country polygon) is left out and counted apart.

Range: with ``start``/``end``, the incidents whose dates overlap the range are the
total (under ``reported``, those whose middle day lies in the range, so that no row
falls outside the range); the rows are whole periods, so the first and last rows
count only the incidents of the range.

Fatalities: ``fatalities_low``, ``fatalities_best`` and ``fatalities_high`` of a row
are the sums of the figures that are known (a missing figure counts as nothing, and
never as 0 or as an estimate); a sum is null when no incident of the row has that
figure. ``fatalities_best_missing`` counts the row's incidents without a best figure
(some of which may still give a low or a high), ``fatalities_missing`` those with no
figure at all. So "between 300 and 500" adds 300 to the low sum, 500 to the high
sum, nothing to the best sum, and 1 to ``fatalities_best_missing``.

Examples
--------
>>> from geo import Gazetteer, load_records
>>> gazetteer = Gazetteer.load()
>>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="region", every="year")
>>> table.placed + len(table.unplaced) == table.total
True
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import schema
from ._io import paused_gc
from .dates import spans_overlap
from .errors import InputError
from .periods import EVERY, Period, period_of, periods

if TYPE_CHECKING:
    from collections.abc import Iterable

    import geopandas
    import pandas

    from .gazetteer import Gazetteer
    from .records import Records

__all__ = [
    "DEFAULT_HEX_RESOLUTION",
    "LEVELS",
    "MIN_SHARE",
    "PERIOD_RULES",
    "REASONS",
    "Intensity",
    "check_resolution",
    "default_max_uncertainty_km",
    "intensity",
    "intensity_layer",
    "resolve_countries",
    "resolve_event_types",
]

# The levels of aggregation: the gazetteer's regions, Mali's cercles, H3 cells, the
# gazetteer's countries; and the two views that are not places: actors, event types.
REGION, CERCLE, HEX, COUNTRY = "region", "cercle", "hex", "country"
ACTOR, EVENT_TYPE = "actor", "event-type"
SPATIAL_LEVELS = (REGION, CERCLE, HEX, COUNTRY)
LEVELS = (REGION, CERCLE, HEX, COUNTRY, ACTOR, EVENT_TYPE)
# Precision 3 ("only the region or a larger area is known") is placed at these levels only.
COARSE_LEVELS = (REGION, COUNTRY)
DEFAULT_HEX_RESOLUTION = 4
# Largest location uncertainty (km) of an incident at a point placed in a unit of the
# level; for the hexagonal grid, the average edge length of its cells.
MAX_UNCERTAINTY_KM = {COUNTRY: 250.0, REGION: 100.0, CERCLE: 50.0}
# Added to the place's uncertainty, per precision, to decide whether a point is placed
# (module docstring). Precision 2 ("near it", within ~25 km) adds nothing: it counts
# where the dataset puts it, as ACLED counts it. Precision 3 is placed at COARSE_LEVELS only.
PRECISION_MARGIN_KM = {1: 0.0, 2: 0.0, 3: 0.0}

# Which period an incident counts in (module docstring).
AUTO, INTERVAL, REPORTED = "auto", "interval", "reported"
PERIOD_RULES = (AUTO, INTERVAL, REPORTED)
# Sources of kind `dataset` when the incidents come without their sources table.
DATASET_SOURCES = frozenset({schema.ACLED_SOURCE_ID, schema.UCDP_SOURCE_ID})
PERIOD_RULE = "period_rule"
# Share of an area's polygon (geodesic km²) that must lie in a unit for an incident
# located by that area to be placed in the unit.
MIN_SHARE = 0.9
# Density: incidents per this many km².
DENSITY_KM2 = 10_000.0

# Why an incident was not placed.
DATE_OPEN = "date_open"
DATE_TOO_COARSE = "date_too_coarse"
BOUNDARY_CHANGE = "boundary_change"
LOCATION_TOO_COARSE = "location_too_coarse"
OUTSIDE = "outside"
REASONS = (DATE_OPEN, DATE_TOO_COARSE, BOUNDARY_CHANGE, LOCATION_TOO_COARSE, OUTSIDE)

# The rows of the spatial views.
ROW_COLUMNS = (
    schema.UNIT_ID,
    schema.NAME,
    schema.LEVEL,
    schema.COUNTRY,
    schema.PERIOD,
    schema.START,
    schema.END,
    schema.INCIDENTS,
    *schema.FATALITY_COLUMNS,
    schema.FATALITIES_BEST_MISSING,
    schema.FATALITIES_MISSING,
    schema.AREA_KM2,
    schema.INCIDENT_DENSITY,
)
# The rows of the actor and event-type views: no country, no area, no density.
VIEW_ROW_COLUMNS = tuple(
    column for column in ROW_COLUMNS if column not in (schema.COUNTRY, schema.AREA_KM2, schema.INCIDENT_DENSITY)
)
PLACEMENT_COLUMNS = (
    schema.ID,
    schema.DATE,
    schema.START,
    schema.END,
    schema.PLACE,
    schema.PLACE_NAME,
    schema.PRECISION,
    schema.UNCERTAINTY_KM,
    schema.EVENT_TYPE,
    schema.ACTORS,
    *schema.FATALITY_COLUMNS,
    PERIOD_RULE,
    schema.UNIT_ID,
    schema.PERIOD,
    schema.REASON,
    schema.DETAIL,
)
UNPLACED_COLUMNS = (
    schema.ID,
    schema.DATE,
    schema.START,
    schema.END,
    schema.PERIOD,
    schema.PLACE,
    schema.PLACE_NAME,
    schema.PRECISION,
    *schema.FATALITY_COLUMNS,
    PERIOD_RULE,
    schema.REASON,
    schema.DETAIL,
)

_ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
_PLURALS = {REGION: "regions", CERCLE: "cercles", HEX: "hexagonal cells", COUNTRY: "countries"}
_VIEW_LABELS = {ACTOR: "actor rows", EVENT_TYPE: "event-type rows"}


def default_max_uncertainty_km(by: str, *, hex_resolution: int = DEFAULT_HEX_RESOLUTION) -> float | None:
    """The default largest location uncertainty (km) of an incident placed at level ``by``;
    ``None`` for the actor and event-type views, where the location plays no part.

    Examples
    --------
    >>> default_max_uncertainty_km("cercle"), default_max_uncertainty_km("country")
    (50.0, 250.0)
    >>> round(default_max_uncertainty_km("hex", hex_resolution=4), 1)  # H3's average edge length
    26.1
    >>> default_max_uncertainty_km("actor") is None
    True
    """
    _check_level(by)
    if by == HEX:
        import h3

        return float(h3.average_hexagon_edge_length(check_resolution(hex_resolution), unit="km"))
    if by not in SPATIAL_LEVELS:
        return None
    return MAX_UNCERTAINTY_KM[by]


def resolve_event_types(names: Iterable[str]) -> list[str]:
    """ACLED event types (:data:`geo.schema.EVENT_TYPES`) written in any case, as the
    schema spells them; an unknown one raises :class:`~geo.errors.InputError` with the
    closest type.

    Examples
    --------
    >>> resolve_event_types(["battles", "Violence against civilians", "Battles"])
    ['Battles', 'Violence against civilians']
    >>> resolve_event_types(["Batles"])
    Traceback (most recent call last):
    ...
    geo.errors.InputError: unknown event type 'Batles'; did you mean 'Battles'? Choose from Battles, ...
    """
    import difflib

    by_key = {event_type.casefold(): event_type for event_type in schema.EVENT_TYPES}
    found: list[str] = []
    for name in names:
        key = " ".join(str(name).split()).casefold()
        if key not in by_key:
            close = difflib.get_close_matches(key, list(by_key), n=1, cutoff=0.5)
            hint = f"did you mean {by_key[close[0]]!r}? Choose" if close else "choose"
            raise InputError(f"unknown event type {name!r}; {hint} from {', '.join(schema.EVENT_TYPES)}")
        if by_key[key] not in found:
            found.append(by_key[key])
    return found


def resolve_countries(codes: Iterable[str]) -> list[str]:
    """ISO 3166-1 alpha-2 codes (or country names), upper-cased; an unknown one raises
    :class:`~geo.errors.InputError` naming it.

    Examples
    --------
    >>> resolve_countries(["ml", "BF", "Niger"])
    ['ML', 'BF', 'NE']
    >>> resolve_countries(["XX"])
    Traceback (most recent call last):
    ...
    geo.errors.InputError: unknown country 'XX': give an ISO 3166-1 alpha-2 code such as ML, NE or BF, ...
    """
    from .countries import country_code

    found: list[str] = []
    for code in codes:
        resolved = country_code(str(code))
        if resolved not in found:
            found.append(resolved)
    return found


@dataclass
class Intensity:
    """Incidents and fatalities per (unit, period), and the incidents not placed.

    - ``frame``: one row per (unit, period) with at least one incident, ordered by
      period and unit: ``unit`` (area id, H3 cell, actor id or event type), ``name``,
      ``level``, ``period`` (label), ``start``/``end`` (``datetime.date``, inclusive),
      ``incidents``, ``fatalities_low``/``_best``/``_high`` (sums of the known
      figures, nullable), ``fatalities_best_missing``, ``fatalities_missing``; for
      the spatial views a GeoDataFrame (EPSG:4326) that also has ``country``,
      ``area_km2`` (geodesic), ``incidents_per_10k_km2`` and the unit's polygon
      (:data:`ROW_COLUMNS`), for the actor and event-type views a DataFrame
      (:data:`VIEW_ROW_COLUMNS`);
    - ``placements``: one row per selected incident of the range, with the
      ``period_rule`` that dated it, its ``unit`` (for ``by="actor"`` the actors it
      counts for, ``|``-separated) and ``period``, or its ``reason`` and ``detail``
      when it was not placed;
    - ``total``: the selected incidents of the range (``placed + len(unplaced) ==
      total``); ``not_selected``: how many incidents of the range each filter left
      out (an incident counts for the first filter that leaves it out: actors, event
      types, countries); ``unknown_country``: how many of those the country filter
      left out because their country is not known.
    """

    frame: pandas.DataFrame
    placements: pandas.DataFrame
    by: str
    every: str
    start: dt.date | None
    end: dt.date | None
    max_uncertainty_km: float | None
    hex_resolution: int | None
    min_share: float = MIN_SHARE
    period_rule: str = AUTO
    not_selected: dict[str, int] = field(default_factory=dict)
    unknown_country: int = 0

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of the rows of :attr:`frame` (without the geometry)."""
        return ROW_COLUMNS if self.by in SPATIAL_LEVELS else VIEW_ROW_COLUMNS

    @property
    def total(self) -> int:
        """The number of selected incidents whose dates overlap the range."""
        return len(self.placements)

    @property
    def placed(self) -> int:
        """The number of incidents counted in the rows of :attr:`frame`, each once (in
        the actor view an incident is in one row per actor, but counts once here)."""
        return int(self.placements[schema.REASON].isna().sum()) if len(self.placements) else 0

    @property
    def counts(self) -> int:
        """The sum of the rows' ``incidents``: :attr:`placed`, except in the actor view."""
        return int(self.frame[schema.INCIDENTS].sum()) if len(self.frame) else 0

    @property
    def unplaced(self) -> pandas.DataFrame:
        """The incidents not placed: id, date, start, end, period (when known), place,
        precision, fatalities, period rule, reason, detail."""
        rows = self.placements[self.placements[schema.REASON].notna()]
        return rows.loc[:, list(UNPLACED_COLUMNS)].reset_index(drop=True)

    def unplaced_by_reason(self) -> dict[str, int]:
        """How many incidents were not placed, per reason (in the order of :data:`REASONS`)."""
        counts = Counter(self.placements[schema.REASON].dropna())
        return {reason: counts[reason] for reason in REASONS if counts[reason]}

    def rules_used(self) -> dict[str, int]:
        """How many selected incidents each period rule dated (``interval``, ``reported``)."""
        counts = Counter(self.placements[PERIOD_RULE]) if len(self.placements) else Counter()
        return {rule: counts[rule] for rule in (REPORTED, INTERVAL) if counts[rule]}

    def unplaced_fatalities(self) -> dict[str, int | None]:
        """The sums of the known fatality figures of the unplaced incidents (``None``: none known)."""
        unplaced = self.unplaced
        sums: dict[str, int | None] = {}
        for column in schema.FATALITY_COLUMNS:
            known = [int(v) for v in unplaced[column] if v is not None and not _missing(v)]
            sums[column] = sum(known) if known else None
        return sums

    def summary(self) -> str:
        """One line: how many incidents, how many placed, how many not and why, and
        what the filters left out.

        Examples
        --------
        >>> from geo import Gazetteer, load_records
        >>> gazetteer = Gazetteer.load()
        >>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="cercle", every="year")
        >>> table.summary().startswith(f"{table.total:,} incidents: {table.placed:,} placed in cercles")
        True
        """
        line = ""
        left_out = sum(self.not_selected.values())
        if left_out:
            detail = ", ".join(f"{n:,} by {name}" for name, n in self.not_selected.items() if n)
            unknown = f", {self.unknown_country:,} of them of unknown country" if self.unknown_country else ""
            line = f"{self.total + left_out:,} incidents in the range, {left_out:,} not selected ({detail}{unknown}); "
        if self.by in SPATIAL_LEVELS:
            where = f" in {_level_label(self.by, self.hex_resolution)}"
        else:
            where = f" in {len(self.frame):,} {_VIEW_LABELS[self.by]}"
        line += f"{self.total:,} incidents: {self.placed:,} placed{where} by {_ADJECTIVES[self.every]} period"
        if self.total:
            line += f" ({self._rule_text()})"
        if self.by == ACTOR and self.placed:
            line += f", each counted once for each actor involved ({self.counts:,} in the rows)"
        reasons = self.unplaced_by_reason()
        if reasons:
            detail = ", ".join(f"{n:,} {reason.replace('_', ' ')}" for reason, n in reasons.items())
            line += f", {len(self.unplaced):,} unplaced ({detail})"
            unplaced = self.unplaced
            coarse = int(((unplaced[schema.REASON] == LOCATION_TOO_COARSE) & (unplaced[schema.PRECISION] == 3)).sum())
            if coarse:
                line += f"; precision 3 (only the region or a larger area known): {coarse:,} unplaced"
            sums = {k.removeprefix("fatalities_"): v for k, v in self.unplaced_fatalities().items() if v is not None}
            if sums:
                line += "; fatalities of the unplaced: " + ", ".join(f"{k} {v:,}" for k, v in sums.items())
        else:
            line += ", none unplaced"
        return line

    def _rule_text(self) -> str:
        used = self.rules_used()
        if self.period_rule != AUTO:
            return f"period rule: {self.period_rule}"
        parts = [f"{used[REPORTED]:,} from datasets by reported date"] if used.get(REPORTED) else []
        parts += [f"{used[INTERVAL]:,} by interval"] if used.get(INTERVAL) else []
        return "period rule auto: " + ", ".join(parts)


def intensity(
    records: Records | geopandas.GeoDataFrame,
    gazetteer: Gazetteer,
    *,
    by: str = REGION,
    every: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
    hex_resolution: int = DEFAULT_HEX_RESOLUTION,
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
    select incidents. ``hex_resolution`` is the H3 resolution of ``by="hex"``;
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
    _check_level(by)
    if every not in EVERY:
        raise InputError(f"unknown period {every!r}; choose from {', '.join(EVERY)}")
    if period_rule not in PERIOD_RULES:
        raise InputError(f"unknown period rule {period_rule!r}; choose from {', '.join(PERIOD_RULES)}")
    resolution = check_resolution(hex_resolution) if by == HEX else None
    if start is not None and end is not None and end < start:
        raise InputError(f"the range ends ({end}) before it starts ({start}); swap the two dates")
    if not 0.5 < min_share <= 1.0:
        raise InputError(f"min_share must be more than 0.5 and at most 1, not {min_share!r}")
    if by not in SPATIAL_LEVELS:
        if max_uncertainty_km is not None:
            raise InputError(f"a largest location uncertainty applies to {', '.join(SPATIAL_LEVELS)}, not to {by}")
    elif max_uncertainty_km is None:
        max_uncertainty_km = default_max_uncertainty_km(by, hex_resolution=hex_resolution)
    elif not max_uncertainty_km >= 0:
        raise InputError(f"the largest location uncertainty must be 0 km or more, not {max_uncertainty_km!r}")

    incidents = records.incidents if hasattr(records, "incidents") else records
    index = records.actors if hasattr(records, "incidents") else None  # a frame's .actors is its column
    actor_ids = _resolve_actors(actors, index) if actors is not None else None
    types = set(resolve_event_types(event_types)) if event_types is not None else None
    codes = set(resolve_countries(countries)) if countries is not None else None
    datasets = _dataset_sources(records)
    placer = _Placer(
        gazetteer,
        by=by,
        every=every,
        resolution=resolution,
        limit_km=None if max_uncertainty_km is None else float(max_uncertainty_km),
        min_share=min_share,
    )
    country_of = _Countries(gazetteer) if codes is not None else None
    if placer.units is not None:
        placer.units.locate_all(incidents)
    with paused_gc():
        placements, counted, not_selected, unknown_country = _place_all(
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
    frame = _aggregate(incidents, counted, placer, index)
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
    hex_resolution: int = DEFAULT_HEX_RESOLUTION,
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
    _check_level(by)
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


# --- selecting incidents ---------------------------------------------------------------------


def _resolve_actors(names: Iterable[str], index: Any) -> set[str]:
    """Actor ids for ids or names: with the records' actor list, any recorded name (an
    unknown one raises ActorNotFoundError); without it, the ids as given."""
    if isinstance(names, str):
        names = [names]
    found = set()
    for name in names:
        text = str(name).strip()
        if not text:
            continue
        found.add(index.require(text) if index is not None else text)
    if not found:
        raise InputError("no actor given; give actor ids or names, such as isgs or JNIM")
    return found


def _dataset_sources(records: Any) -> frozenset[str]:
    """The ids of the sources of kind ``dataset`` (without a sources table: ACLED's and UCDP's)."""
    sources = getattr(records, "sources", None)
    if sources is None or not hasattr(records, "incidents") or schema.KIND not in sources:
        return DATASET_SOURCES
    return frozenset(sources.loc[sources[schema.KIND] == "dataset", schema.ID])


def _rule_of_sources(sources: Any, datasets: frozenset[str]) -> str:
    """``reported`` when every source of an incident is a dataset, else ``interval`` (the ``auto`` rule).

    Examples
    --------
    >>> _rule_of_sources(["acled"], DATASET_SOURCES), _rule_of_sources("acled|doc-001", DATASET_SOURCES)
    ('reported', 'interval')
    """
    if isinstance(sources, str):
        sources = [s for s in sources.split(schema.MULTI_SEPARATOR) if s]
    if sources and all(source in datasets for source in sources):
        return REPORTED
    return INTERVAL


def _missing(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _figure(value: Any) -> int | None:
    if value is None or type(value) is int:
        return value
    return None if _missing(value) else int(value)


# --- placing every incident ------------------------------------------------------------------


def _place_all(
    incidents: Any,
    placer: _Placer,
    *,
    period_rule: str,
    datasets: frozenset[str],
    start: dt.date | None,
    end: dt.date | None,
    actor_ids: set[str] | None,
    types: set[str] | None,
    codes: set[str] | None,
    country_of: _Countries | None,
) -> tuple[pandas.DataFrame, list[tuple[int, str, Period]], Counter, int]:
    """Select, date and place every incident of ``incidents``, column by column.

    Returns the placements (:data:`PLACEMENT_COLUMNS`, before their missing values are
    made ``None``), what is counted (position in ``incidents``, unit, period; in the
    frame's order), how many incidents each filter left out, and how many of those the
    country filter left out for want of a country.

    The work is done once per distinct value, not per incident: per distinct (date,
    interval, rule) the range test and the period; per distinct place its gazetteer
    record, per area and dates the shares of the units; per distinct point the units that
    hold it (:meth:`_Units.at_point`), then the units valid on the dates by comparing day
    numbers of every incident at once. Messages (the ``detail`` of an unplaced incident)
    are written for the unplaced incidents only, with the same words as one by one.

    Examples
    --------
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> incidents = load_records(gazetteer=gazetteer).incidents
    >>> placer = _Placer(gazetteer, by="region", every="year", resolution=None, limit_km=100.0, min_share=0.9)
    >>> placements, counted, left_out, unknown = _place_all(
    ...     incidents, placer, period_rule=AUTO, datasets=DATASET_SOURCES, start=None, end=None,
    ...     actor_ids=None, types=None, codes=None, country_of=None)
    >>> placed = int(placements["reason"].isna().sum())
    >>> len(placements) == len(incidents), len(counted) == placed, sum(left_out.values())
    (True, True, 0)
    """
    import numpy as np
    import pandas as pd

    count = len(incidents)

    def column(name: str) -> list[Any]:
        return incidents[name].tolist()

    # When: each distinct (date, start, end) and rule once.
    span_of, spans = _spans(incidents)
    days = [(_day(first), _day(last)) for _, first, last in spans]
    if period_rule == AUTO:
        sources = column(schema.SOURCES)
        keys_of = list(map(tuple, sources)) if set(map(type, sources)) <= {list} else sources
        rules: dict[Any, bool | None] = dict.fromkeys(keys_of)
        for key, value in zip(keys_of, sources, strict=True):
            if rules[key] is None:
                rules[key] = _rule_of_sources(value, datasets) == REPORTED
        reported = np.fromiter(map(rules.__getitem__, keys_of), dtype=np.bool_, count=count)
    else:
        reported = np.full(count, period_rule == REPORTED)
    keys, when_of = np.unique(span_of * 2 + reported, return_inverse=True)
    when_of = when_of.reshape(-1)
    in_range = np.zeros(len(keys), dtype=bool)
    valid_days = np.zeros((len(keys), 2), dtype=np.int64)
    when: list[tuple[Period | None, str, str, dt.date | None, dt.date | None, str]] = []
    for k, key in enumerate(keys.tolist()):
        date_text, rule = spans[key // 2][0], REPORTED if key % 2 else INTERVAL
        first, last = days[key // 2]
        if rule == REPORTED and first is not None and last is not None:
            middle = _middle(first, last)
            in_range[k] = spans_overlap(middle, middle, start, end)  # in the range by its reported day
            on = (middle, middle)  # the region valid on the reported day
        else:
            in_range[k] = spans_overlap(first, last, start, end)
            on = (first, last)
        period, reason, detail = placer.period_of_dates(date_text, first, last, rule)
        when.append((period, reason, detail, on[0], on[1], rule))
        if period is not None:  # the days the unit must be valid on, as day numbers
            valid_days[k] = (on[0].toordinal(), on[1].toordinal())

    # Which: the range, then the filters (an incident counts for the first that leaves it out).
    chosen = np.flatnonzero(in_range[when_of])
    involved_of = _involved(incidents, chosen)
    not_selected: Counter = Counter()
    unknown_country = 0
    if actor_ids is not None:
        keep = np.fromiter(
            (not actor_ids.isdisjoint(involved_of[i] or ()) for i in chosen.tolist()), dtype=np.bool_, count=len(chosen)
        )
        not_selected["actors"] += len(chosen) - int(keep.sum())
        chosen = chosen[keep]
    if types is not None:
        keep = incidents[schema.EVENT_TYPE].isin(types).to_numpy(dtype=bool)[chosen]
        not_selected["event types"] += len(chosen) - int(keep.sum())
        chosen = chosen[keep]
    if codes is not None and country_of is not None:
        place_ids, geometry = column(schema.PLACE), incidents.geometry.array
        keep = np.ones(len(chosen), dtype=bool)
        for j, i in enumerate(chosen.tolist()):
            code = country_of.of(place_ids[i], geometry[i])
            if code is None or code not in codes:
                keep[j] = False
                unknown_country += code is None
        not_selected["countries"] += len(chosen) - int(keep.sum())
        chosen = chosen[keep]

    # Where: the incidents no period holds are unplaced with the period's reason.
    rows = chosen.tolist()
    size = len(rows)
    when_rows = when_of[chosen]

    def per_row(values: list[Any]) -> Any:
        table = np.empty(len(values), dtype=object)
        table[:] = values
        return table[when_rows]

    periods_of = per_row([found[0] for found in when])
    dated_mask = pd.notna(periods_of)
    reasons = per_row([None if found[0] is not None else found[1] for found in when])
    details = per_row([None if found[0] is not None else found[2] for found in when])
    units = np.full(size, None, dtype=object)
    dated = np.flatnonzero(dated_mask)
    if placer.by not in SPATIAL_LEVELS:
        units[dated] = ""
    elif len(dated):
        dated_rows = chosen[dated].tolist()
        placer.place_rows(
            incidents,
            dated_rows,
            [when[k] for k in when_rows[dated].tolist()],
            valid_days[when_rows[dated]],
            dated.tolist(),
            units,
            reasons,
            details,
        )

    # The placements, in the order of PLACEMENT_COLUMNS, and what is counted.
    def take(name: str) -> Any:
        values = incidents[name]
        if size and (isinstance(values.dtype, pd.StringDtype) or values.dtype.kind in "iufb"):
            return values.array.take(chosen)  # the frame's own type, as the values would be inferred
        found = values.tolist()
        return [found[i] for i in rows]

    involved = [involved_of[i] for i in rows]
    placed = np.flatnonzero(pd.notna(units))
    counted: list[tuple[int, str, Period]] = []
    if placer.by == ACTOR:
        periods_list = periods_of.tolist()
        for j in placed.tolist():
            chosen_actors = [a for a in involved[j] or () if actor_ids is None or a in actor_ids]
            units[j] = schema.MULTI_SEPARATOR.join(chosen_actors)
            counted.extend((rows[j], a, periods_list[j]) for a in chosen_actors)
    else:
        if placer.by == EVENT_TYPE:
            units[placed] = np.asarray(incidents[schema.EVENT_TYPE].tolist(), dtype=object)[chosen[placed]]
        counted = list(zip(chosen[placed].tolist(), units[placed].tolist(), periods_of[placed].tolist(), strict=True))
    span_rows = span_of[chosen]
    placements = pd.DataFrame(
        {
            schema.ID: take(schema.ID),
            schema.DATE: take(schema.DATE),
            schema.START: _per_span([first for first, _ in days], span_rows),
            schema.END: _per_span([last for _, last in days], span_rows),
            schema.PLACE: take(schema.PLACE),
            schema.PLACE_NAME: take(schema.PLACE_NAME),
            schema.PRECISION: take(schema.PRECISION),
            schema.UNCERTAINTY_KM: take(schema.UNCERTAINTY_KM),
            schema.EVENT_TYPE: take(schema.EVENT_TYPE),
            schema.ACTORS: involved,
            **{name: _figures(incidents[name], rows) for name in schema.FATALITY_COLUMNS},
            PERIOD_RULE: per_row([found[5] for found in when]).tolist(),
            schema.UNIT_ID: units.tolist(),
            schema.PERIOD: per_row([found[0].label if found[0] else None for found in when]).tolist(),
            schema.REASON: reasons.tolist(),
            schema.DETAIL: details.tolist(),
        },
        columns=list(PLACEMENT_COLUMNS),
    )
    return placements, counted, not_selected, unknown_country


def _per_span(values: list[Any], codes: Any) -> list[Any]:
    """``values[code]`` for each of ``codes`` (an integer array), as a list."""
    import numpy as np

    table = np.empty(len(values), dtype=object)
    table[:] = values
    return table[codes].tolist()


def _spans(incidents: Any) -> tuple[Any, list[tuple[Any, Any, Any]]]:
    """Each incident's distinct (date, start, end), by its position in the list of them, and that list.

    Found from the distinct dates (``start`` and ``end`` are worked out from the date),
    checked to be the same on every row of a date; else from the three columns.
    """
    import numpy as np
    import pandas as pd

    dates = incidents[schema.DATE]
    codes, uniques = pd.factorize(dates, use_na_sentinel=False)
    count = len(codes)
    if count:
        first = np.full(len(uniques), count, dtype=np.intp)
        np.minimum.at(first, codes, np.arange(count))
        starts = incidents[schema.START].to_numpy(dtype=object)
        ends = incidents[schema.END].to_numpy(dtype=object)
        texts = dates.to_numpy(dtype=object)
        if all(bool(np.all(values[first][codes] == values)) for values in (starts, ends, texts)):
            return codes.astype(np.intp), list(zip(texts[first].tolist(), starts[first].tolist(), ends[first].tolist()))
    spans: dict[tuple, int] = {}
    found = [
        spans.setdefault(key, len(spans))
        for key in zip(dates.tolist(), incidents[schema.START].tolist(), incidents[schema.END].tolist())
    ]
    return np.asarray(found, dtype=np.intp), list(spans)


def _figures(values: pandas.Series, rows: list[int]) -> list[int | None]:
    """The whole numbers of ``values`` at positions ``rows``, ``None`` where missing (:func:`_figure` of each).

    Examples
    --------
    >>> import pandas as pd
    >>> _figures(pd.Series([3, None, 12], dtype="Int64"), [2, 1, 0]), _figures(pd.Series([1.0, None]), [0, 1])
    ([12, None, 3], [1, None])
    """
    import numpy as np

    if str(values.dtype) in ("Int64", "int64"):
        missing = values.isna().to_numpy(dtype=bool)[rows].tolist()
        numbers = values.to_numpy(dtype=np.int64, na_value=0)[rows].tolist()
        return [None if gap else number for number, gap in zip(numbers, missing, strict=True)]
    found = values.tolist()
    return [_figure(found[i]) for i in rows]


def _involved(incidents: Any, chosen: Any) -> list[list[str] | None]:
    """Every actor involved in each chosen incident (by position), each once, in order; ``None`` for the others."""
    actors = incidents[schema.ACTORS].tolist()
    found: list[list[str] | None] = [None] * len(actors)
    first: list[Any] | None = None
    second: list[Any] = []
    for i in chosen.tolist():
        value = actors[i]
        if isinstance(value, list | tuple):
            found[i] = list(dict.fromkeys(value)) if all(value) else list(dict.fromkeys(a for a in value if a))
            continue
        if first is None:
            first, second = incidents[schema.ACTOR1].tolist(), incidents[schema.ACTOR2].tolist()
        found[i] = list(dict.fromkeys(a for a in (first[i], second[i]) if isinstance(a, str) and a))
    return found


class _Countries:
    """The country (ISO2) of an incident: its place's, else the country polygon holding its point."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.units = _Units(gazetteer, COUNTRY)
        self._places: dict[str, Any] = {}

    def __call__(self, incident: Any) -> str | None:
        return self.of(getattr(incident, schema.PLACE), incident.geometry)

    def of(self, place_id: str, point: Any) -> str | None:
        """The country of an incident at ``place_id`` (may be empty) and ``point``."""
        if place_id:
            if place_id not in self._places:
                self._places[place_id] = self.gazetteer.place(place_id)
            place = self._places[place_id]
            if place is not None and place.country:
                return place.country
            if place is not None and place.tier == schema.AREA:
                return None  # an area over several countries (a border zone): not one country
        if point is None or point.is_empty:
            return None
        hits = self.units.at_point(point.x, point.y)
        codes = {self.units.properties[i].get(schema.COUNTRY) for i in hits} - {None, ""}
        return next(iter(codes)) if len(codes) == 1 else None


# --- placing one incident ---------------------------------------------------------------


def _check_level(by: str) -> None:
    if by not in LEVELS:
        raise InputError(f"unknown level {by!r} to count by; choose from {', '.join(LEVELS)}")


def check_resolution(resolution: Any) -> int:
    """``resolution`` if it is an H3 resolution (a whole number from 0 to 15), else an error.

    Examples
    --------
    >>> check_resolution(4)
    4
    """
    if isinstance(resolution, bool) or not isinstance(resolution, int) or not 0 <= resolution <= 15:
        raise InputError(
            f"H3 resolution {resolution!r} is not a whole number from 0 to 15; "
            "try 3 (cells of about 12,400 km²), 4 (about 1,770 km²) or 5 (about 250 km²)"
        )
    return resolution


def _level_label(by: str, resolution: int | None) -> str:
    if by == HEX:
        return f"H3 cells of resolution {resolution}"
    return _PLURALS.get(by, _VIEW_LABELS.get(by, by))


def _middle(first: dt.date, last: dt.date) -> dt.date:
    """The middle day of an interval: the earlier of the two when it has an even number of days.

    Examples
    --------
    >>> _middle(dt.date(2022, 3, 29), dt.date(2022, 4, 4))  # ACLED precision 2: the coded day +- 3
    datetime.date(2022, 4, 1)
    >>> _middle(dt.date(2022, 3, 1), dt.date(2022, 3, 31)), _middle(dt.date(2022, 6, 11), dt.date(2022, 6, 12))
    (datetime.date(2022, 3, 16), datetime.date(2022, 6, 11))
    """
    return first + (last - first) // 2


def _day(value: Any) -> dt.date | None:
    """A frame's date cell as a date, ``None`` for an open side (None, NaT, NaN)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _km(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def _date_range(first: dt.date | None, last: dt.date | None) -> str:
    return f"{first or '..'} to {last or '..'}"


class _Units:
    """The units of an admin level: polygons, validity, a spatial index."""

    def __init__(self, gazetteer: Gazetteer, kind: str) -> None:
        import shapely

        from .measure import area_km2

        areas = gazetteer.areas
        chosen = [i for i, props in enumerate(areas.properties) if props.get(schema.KIND) == kind]
        self.ids = [areas.ids[i] for i in chosen]
        self.properties = [areas.properties[i] for i in chosen]
        self.geometries = [areas.geometries[i] for i in chosen]
        self.valid_from = [_iso(p.get(schema.VALID_FROM)) for p in self.properties]
        self.valid_to = [_iso(p.get(schema.VALID_TO)) for p in self.properties]
        self.index = {unit_id: i for i, unit_id in enumerate(self.ids)}
        self.tree = shapely.STRtree(self.geometries)
        self._at_point: dict[tuple[float, float], list[int]] = {}
        self.areas_km2: Any = area_km2(self.geometries) if self.geometries else []
        countries = sorted({str(p[schema.COUNTRY]) for p in self.properties if p.get(schema.COUNTRY)})
        from .countries import country_name

        names = [country_name(code) for code in countries]
        self.coverage = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)

    def valid_throughout(self, i: int, first: dt.date, last: dt.date) -> bool:
        since, until = self.valid_from[i], self.valid_to[i]
        return (since is None or since <= first) and (until is None or last <= until)

    def valid_on_some_day(self, i: int, first: dt.date, last: dt.date) -> bool:
        since, until = self.valid_from[i], self.valid_to[i]
        return (since is None or since <= last) and (until is None or first <= until)

    def locate_all(self, frame: Any) -> None:
        """Find the units holding every point of ``frame`` (a GeoDataFrame) in one query of the
        spatial index, for :meth:`at_point` (the points no unit holds are left to it).

        Examples
        --------
        >>> import geopandas, shapely
        >>> from geo import Gazetteer
        >>> units = _Units(Gazetteer.load(), "region")
        >>> units.locate_all(geopandas.GeoDataFrame(geometry=[shapely.Point(2.4, 15.9), shapely.Point(0, 0)]))
        >>> [units.ids[i] for i in units.at_point(2.4, 15.9)], units.at_point(0.0, 0.0)  # Gao before 2016, Ménaka since
        (['ml-region-gao-pre2016', 'ml-region-menaka'], [])
        """
        import numpy as np
        import shapely

        geometry = getattr(frame, "geometry", None)
        if geometry is None or not len(geometry):
            return
        points = np.asarray(geometry.array if hasattr(geometry, "array") else geometry, dtype=object)
        points = points[shapely.is_valid_input(points)]
        lons, lats = shapely.get_x(points), shapely.get_y(points)
        finite = np.isfinite(lons) & np.isfinite(lats)
        keys = [
            key for key in dict.fromkeys(zip(lons[finite].tolist(), lats[finite].tolist())) if key not in self._at_point
        ]
        if not keys:
            return
        point_of, unit_of = self.tree.query(shapely.points(np.asarray(keys, dtype=float)), predicate="intersects")
        hits: dict[int, list[int]] = {}
        for p, u in zip(point_of.tolist(), unit_of.tolist(), strict=True):
            hits.setdefault(p, []).append(u)
        for p, found in hits.items():
            self._at_point[keys[p]] = sorted(found)

    def at_point(self, lon: float, lat: float) -> list[int]:
        """The units holding the point; else the nearest within the border tolerance.

        Memoised per point: event datasets repeat a few thousand locations over
        hundreds of thousands of incidents.
        """
        key = (lon, lat)
        found = self._at_point.get(key)
        if found is None:
            found = self._at_point[key] = self._find_at_point(lon, lat)
        return found

    def _find_at_point(self, lon: float, lat: float) -> list[int]:
        import shapely

        from .areas import AREA_TOLERANCE_DEG

        point = shapely.Point(lon, lat)
        hits = sorted(self.tree.query(point, predicate="intersects").tolist())
        if hits:
            return hits
        near = self.tree.query(point, predicate="dwithin", distance=AREA_TOLERANCE_DEG).tolist()
        if not near:
            return []
        distances = {i: shapely.distance(point, self.geometries[i]) for i in near}
        best = min(distances.values())
        return sorted(i for i, d in distances.items() if d == best)


# The columns of an incident that placing and counting it reads.
_READ = frozenset(
    (
        schema.ID,
        schema.DATE,
        schema.START,
        schema.END,
        schema.PLACE,
        schema.PLACE_NAME,
        schema.PRECISION,
        schema.UNCERTAINTY_KM,
        schema.EVENT_TYPE,
        schema.ACTORS,
        schema.ACTOR1,
        schema.ACTOR2,
        schema.SOURCES,
        *schema.FATALITY_COLUMNS,
        "geometry",
    )
)


def _rows(frame: Any, only: frozenset[str] | None = None) -> Iterator[Any]:
    """The frame's rows as named tuples, read column by column (``itertuples`` reads
    extension arrays, geometry included, one element at a time); ``only``: just these
    columns (those that the frame has), saving the conversion of the others to Python.

    Examples
    --------
    >>> import pandas as pd
    >>> [tuple(row) for row in _rows(pd.DataFrame({"id": ["a"], "note": ["long text"]}), frozenset({"id"}))]
    [('a',)]
    """
    from collections import namedtuple

    chosen = [c for c in frame.columns if only is None or c in only]
    row = namedtuple("Row", [str(c) for c in chosen], rename=True)  # type: ignore[misc]
    return map(row._make, zip(*(frame[c].tolist() for c in chosen), strict=True))


def _iso(text: Any) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class _Placer:
    """Places incidents in the units of one level and the periods of one kind."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        by: str,
        every: str,
        resolution: int | None,
        limit_km: float | None,
        min_share: float,
    ) -> None:
        self.gazetteer = gazetteer
        self.by = by
        self.every = every
        self.resolution = resolution
        self.limit_km = limit_km
        self.min_share = min_share
        self.units = _Units(gazetteer, by) if by in SPATIAL_LEVELS and by != HEX else None
        self.label = _level_label(by, resolution)
        self._shares: dict[str, list[tuple[int, float]]] = {}
        self._cells: dict[str, Any] = {}
        self._periods: dict[tuple, tuple[Period | None, str, str]] = {}
        self._places: dict[str, Any] = {}

    # --- when -------------------------------------------------------------------
    def period_of_dates(
        self, date_text: str, first: dt.date | None, last: dt.date | None, rule: str = INTERVAL
    ) -> tuple[Period | None, str, str]:
        """(period, "", "") when one period holds the dates, else (None, reason, detail);
        worked out once for each distinct (date, interval, rule)."""
        key = (date_text, first, last, rule)
        found = self._periods.get(key)
        if found is None:
            found = self._periods[key] = self._period(*key)
        return found

    def _period(
        self, date_text: str, first: dt.date | None, last: dt.date | None, rule: str
    ) -> tuple[Period | None, str, str]:
        adjective = _ADJECTIVES[self.every]
        if first is None or last is None:
            return None, DATE_OPEN, f"date {date_text} is open-ended ({_date_range(first, last)}); no period holds it"
        if rule == REPORTED:
            return period_of(_middle(first, last), self.every), "", ""
        period = period_of(first, self.every)
        if last <= period.end:
            return period, "", ""
        spanned = periods(first, last, self.every)
        return (
            None,
            DATE_TOO_COARSE,
            f"date {date_text} ({first} to {last}) spans {len(spanned)} {adjective} periods "
            f"({spanned[0].label} to {spanned[-1].label}); too coarse for {adjective} periods",
        )

    # --- where ------------------------------------------------------------------
    def place_rows(
        self,
        incidents: Any,
        rows: list[int],
        whens: list[tuple],
        on_days: Any,
        slots: list[int],
        units: Any,
        reasons: Any,
        details: Any,
    ) -> None:
        """Place the incidents at positions ``rows`` of ``incidents`` (each already given a
        period; ``whens``: ``(period, reason, detail, first, last, rule)``, ``first`` and
        ``last`` the days the unit must be valid on, ``on_days`` their day numbers, one row of
        two per incident) in this level's units: writes each
        one's unit, or its reason and detail, at its slot of ``units``, ``reasons`` and
        ``details``. Spatial levels only.
        """
        import numpy as np

        place_ids = incidents[schema.PLACE].tolist()
        place_names, ids = incidents[schema.PLACE_NAME].tolist(), incidents[schema.ID].tolist()
        for place_id in {place_ids[i] for i in rows}:
            if place_id and place_id not in self._places:
                self._places[place_id] = self.gazetteer.place(place_id)
        areas: dict[tuple, tuple[str | None, str, str]] = {}
        at_points: list[int] = []  # indices into rows
        for k, i in enumerate(rows):
            place_id = place_ids[i]
            place = self._places.get(place_id) if place_id else None
            if place is None or place.tier != schema.AREA:
                at_points.append(k)
                continue
            first, last = whens[k][3], whens[k][4]
            found = areas.get((place_id, first, last))
            if found is None:
                found = areas[(place_id, first, last)] = self._place_area(place, first, last)
            _write(slots[k], found, units, reasons, details)
        if not at_points:
            return
        points = [rows[k] for k in at_points]
        precision_column = incidents[schema.PRECISION]
        if precision_column.dtype.kind in "iu":
            precisions = precision_column.to_numpy(dtype=np.int64)[points]
        else:
            values = precision_column.tolist()
            precisions = np.fromiter((int(values[i]) for i in points), dtype=np.int64, count=len(points))
        own = incidents[schema.UNCERTAINTY_KM].to_numpy(dtype=float, na_value=np.nan)[points]
        uncertainty = np.where(np.isnan(own), 0.0, own)
        for precision in np.unique(precisions).tolist():
            uncertainty[precisions == precision] += PRECISION_MARGIN_KM.get(precision, 0.0)
        coarse = (precisions == 3) if self.by not in COARSE_LEVELS else np.zeros(len(points), dtype=bool)
        assert self.limit_km is not None
        wide = ~coarse & (uncertainty > self.limit_km)

        def name_of(i: int) -> str:
            return place_names[i] or ids[i]

        for n in np.flatnonzero(coarse | wide).tolist():
            i = points[n]
            name = name_of(i)
            if coarse[n]:
                detail = (
                    f"precision 3: only the region or a larger area around {name} is known; too coarse for {self.label}"
                )
            else:
                where = f"near {name}" if precisions[n] == 2 else name
                detail = (
                    f"location known only within ±{_km(float(uncertainty[n]))} km ({where}); too coarse for "
                    f"{self.label}, which take at most ±{_km(self.limit_km)} km"
                )
            _write(slots[at_points[n]], (None, LOCATION_TOO_COARSE, detail), units, reasons, details)
        kept = np.flatnonzero(~(coarse | wide)).tolist()
        if not kept:
            return
        import shapely

        geometry = np.asarray(incidents.geometry.array, dtype=object)[[points[n] for n in kept]]
        keys = list(zip(shapely.get_x(geometry).tolist(), shapely.get_y(geometry).tolist(), strict=True))
        if self.by == HEX:
            import h3

            cells: dict[tuple[float, float], str] = {}
            for n, key in zip(kept, keys, strict=True):
                cell = cells.get(key)
                if cell is None:
                    cell = cells[key] = h3.latlng_to_cell(key[1], key[0], self.resolution)
                units[slots[at_points[n]]] = cell
            return
        distinct: dict[tuple[float, float], int] = {}
        point_of = np.fromiter(
            (distinct.setdefault(key, len(distinct)) for key in keys), dtype=np.intp, count=len(keys)
        )
        found_units = self.spatial
        hits = [found_units.at_point(lon, lat) for lon, lat in distinct]
        none = len(found_units.ids)  # a slot past the last unit: valid on no day
        width = max(1, max(len(h) for h in hits))
        table = np.full((len(hits), width), none, dtype=np.intp)
        for p, unit_hits in enumerate(hits):
            table[p, : len(unit_hits)] = unit_hits
        lowest, highest = np.iinfo(np.int64).min, np.iinfo(np.int64).max
        since = np.array([d.toordinal() if d else lowest for d in found_units.valid_from] + [highest], dtype=np.int64)
        until = np.array([d.toordinal() if d else highest for d in found_units.valid_to] + [lowest], dtype=np.int64)
        whens_kept = [whens[at_points[n]] for n in kept]
        days = on_days[[at_points[n] for n in kept]]
        first, last = days[:, :1], days[:, 1:]
        candidates = table[point_of]
        starts, ends = since[candidates], until[candidates]
        valid = (starts <= first) & (last <= ends)
        placed = valid.any(axis=1)
        chosen = candidates[np.arange(len(kept)), valid.argmax(axis=1)]
        some_day = ((starts <= last) & (first <= ends)).any(axis=1)
        unit_ids = found_units.ids
        for m, n in enumerate(kept):
            slot = slots[at_points[n]]
            if placed[m]:
                units[slot] = unit_ids[chosen[m]]
                continue
            name = name_of(points[n])
            if some_day[m]:
                when = whens_kept[m]
                _write(slot, (None, BOUNDARY_CHANGE, self._changed(name, when[3], when[4])), units, reasons, details)
            else:
                detail = f"{name} lies outside every {self.by} of the gazetteer (they cover {found_units.coverage})"
                _write(slot, (None, OUTSIDE, detail), units, reasons, details)

    def _changed(self, name: str, first: dt.date, last: dt.date) -> str:
        return (
            f"the {self.label} around {name} changed between {first} and {last}: "
            f"no single {self.by} was valid on all of its dates"
        )

    def _place_area(self, place, first: dt.date, last: dt.date) -> tuple[str | None, str, str]:
        coarse = (
            f"location known only to {place.name} (±{_km(place.uncertainty_km)} km); too coarse for {self.label}: "
            f"no {'cell' if self.by == HEX else self.by} holds {self.min_share:.0%} of it".replace("%", " %")
        )
        if self.by == HEX:
            cell, share = self._cell_share(place.id)
            if share >= self.min_share:
                return cell, "", ""
            return None, LOCATION_TOO_COARSE, coarse
        units = self.spatial
        shares = self._unit_shares(place.id)
        valid = [(i, s) for i, s in shares if units.valid_throughout(i, first, last)]
        for i, share in valid:
            if share >= self.min_share:
                return units.ids[i], "", ""
        if not valid and any(units.valid_on_some_day(i, first, last) for i, _ in shares):
            return None, BOUNDARY_CHANGE, self._changed(place.name, first, last)
        covered = sum(share for _, share in valid)
        if covered < 0.5:
            inside = f"; only {covered:.0%} of it lies inside them".replace("%", " %") if covered >= 0.005 else ""
            return (
                None,
                OUTSIDE,
                f"{place.name} lies outside every {self.by} of the gazetteer (they cover {units.coverage}){inside}",
            )
        return None, LOCATION_TOO_COARSE, coarse

    def _unit_shares(self, area_id: str) -> list[tuple[int, float]]:
        """(unit index, share of the area's km² inside the unit), for every unit it touches."""
        if area_id not in self._shares:
            import shapely

            from .measure import area_km2

            geometry = self.gazetteer.areas.geometry(area_id)
            total = float(area_km2(geometry)[0])
            found = []
            for i in sorted(self.spatial.tree.query(geometry, predicate="intersects").tolist()):
                inside = shapely.intersection(geometry, self.spatial.geometries[i])
                share = float(area_km2(inside)[0]) / total if total > 0 else 0.0
                if share > 0:
                    found.append((i, share))
            self._shares[area_id] = found
        return self._shares[area_id]

    def _cell_share(self, area_id: str) -> tuple[str, float]:
        """The cell holding the area's representative point, and the share of the area inside it."""
        if area_id not in self._cells:
            import h3
            import shapely

            from .measure import area_km2

            geometry = self.gazetteer.areas.geometry(area_id)
            inner = geometry.representative_point()
            cell = h3.latlng_to_cell(inner.y, inner.x, self.resolution)
            total = float(area_km2(geometry)[0])
            share = 0.0
            if total > 0 and total * self.min_share <= 1.1 * h3.cell_area(cell, unit="km^2"):
                share = float(area_km2(shapely.intersection(geometry, _cell_polygon(cell)))[0]) / total
            self._cells[area_id] = (cell, share)
        return self._cells[area_id]

    @property
    def spatial(self) -> _Units:
        """The units of a level of areas (regions, cercles...; hexagons have none)."""
        assert self.units is not None, "hexagons are cells, not areas of the gazetteer"
        return self.units

    # --- the units' own attributes -----------------------------------------------
    def unit_attributes(self, unit: str) -> tuple[str, str, Any]:
        """(name, country, polygon) of a unit."""
        if self.by == HEX:
            return unit, "", _cell_polygon(unit)
        i = self.spatial.index[unit]
        props = self.spatial.properties[i]
        return props.get(schema.NAME, unit), props.get(schema.COUNTRY, ""), self.spatial.geometries[i]


def _write(slot: int, found: tuple[str | None, str, str], units: Any, reasons: Any, details: Any) -> None:
    """Write ``(unit, reason, detail)`` at ``slot``: the unit when placed, else the reason and detail."""
    unit, reason, detail = found
    if unit is not None:
        units[slot] = unit
    else:
        reasons[slot], details[slot] = reason, detail


def _cell_polygon(cell: str):
    """The polygon of an H3 cell, Polygon(lon, lat) (h3 gives (lat, lon) pairs)."""
    import h3
    import shapely

    latlngs = h3.cell_to_boundary(cell)
    return shapely.Polygon([(lon, lat) for lat, lon in latlngs])


# --- the table ----------------------------------------------------------------------------


def _aggregate(
    incidents: geopandas.GeoDataFrame, counted: list[tuple[int, str, Period]], placer: _Placer, index: Any = None
):
    import geopandas
    import pandas as pd

    from .measure import area_km2

    spatial = placer.by in SPATIAL_LEVELS
    if not counted:
        columns = ROW_COLUMNS if spatial else VIEW_ROW_COLUMNS
        empty = pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
        for column in (schema.INCIDENTS, *schema.FATALITY_COLUMNS):
            empty[column] = empty[column].astype("Int64")
        for column in (schema.FATALITIES_BEST_MISSING, schema.FATALITIES_MISSING):
            empty[column] = empty[column].astype("int64")
        if not spatial:
            return empty
        for column in (schema.AREA_KM2, schema.INCIDENT_DENSITY):
            empty[column] = empty[column].astype("float64")
        return geopandas.GeoDataFrame(empty, geometry=geopandas.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")

    positions = [position for position, _, _ in counted]
    figures = incidents[list(schema.FATALITY_COLUMNS)].iloc[positions].reset_index(drop=True)  # 3 columns taken
    for column in schema.FATALITY_COLUMNS:
        figures[column] = figures[column].astype("Int64")
    figures[schema.UNIT_ID] = [unit for _, unit, _ in counted]
    figures["_period"] = [period.label for _, _, period in counted]
    by_label = {period.label: period for _, _, period in counted}
    missing_best = figures[schema.FATALITIES_BEST].isna()
    figures[schema.FATALITIES_BEST_MISSING] = missing_best.astype("int64")
    figures[schema.FATALITIES_MISSING] = figures[list(schema.FATALITY_COLUMNS)].isna().all(axis=1).astype("int64")
    grouped = figures.groupby([schema.UNIT_ID, "_period"], sort=False)
    table = pd.DataFrame(
        {
            schema.INCIDENTS: grouped.size(),
            # a sum is empty (not 0) when no incident of the row gives the figure
            **{column: grouped[column].sum(min_count=1) for column in schema.FATALITY_COLUMNS},
            schema.FATALITIES_BEST_MISSING: grouped[schema.FATALITIES_BEST_MISSING].sum(),
            schema.FATALITIES_MISSING: grouped[schema.FATALITIES_MISSING].sum(),
        }
    ).reset_index()
    if not spatial:
        return _view_rows(table, by_label, placer.by, index)

    units = list(dict.fromkeys(table[schema.UNIT_ID]))
    attributes = {unit: placer.unit_attributes(unit) for unit in units}
    areas = dict(zip(units, area_km2([attributes[u][2] for u in units]).tolist(), strict=True))
    names = {unit: attributes[unit][0] for unit in units}
    if placer.by == HEX:
        names = _cell_names(incidents, counted)

    rows = pd.DataFrame(
        {
            schema.UNIT_ID: table[schema.UNIT_ID],
            schema.NAME: table[schema.UNIT_ID].map(names),
            schema.LEVEL: placer.by,
            schema.COUNTRY: table[schema.UNIT_ID].map(lambda u: attributes[u][1]),
            schema.PERIOD: table["_period"],
            schema.START: table["_period"].map(lambda label: by_label[label].start),
            schema.END: table["_period"].map(lambda label: by_label[label].end),
            schema.INCIDENTS: table[schema.INCIDENTS].astype("Int64"),
            **{column: table[column].astype("Int64") for column in schema.FATALITY_COLUMNS},
            schema.FATALITIES_BEST_MISSING: table[schema.FATALITIES_BEST_MISSING].astype("int64"),
            schema.FATALITIES_MISSING: table[schema.FATALITIES_MISSING].astype("int64"),
            schema.AREA_KM2: table[schema.UNIT_ID].map(areas).astype("float64"),
        }
    )
    rows[schema.INCIDENT_DENSITY] = rows[schema.INCIDENTS].astype("float64") / rows[schema.AREA_KM2] * DENSITY_KM2
    rows = rows.sort_values([schema.START, schema.UNIT_ID], kind="stable").reset_index(drop=True)
    geometry = geopandas.GeoSeries([attributes[u][2] for u in rows[schema.UNIT_ID]], crs="EPSG:4326")
    return geopandas.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


def _view_rows(table: pandas.DataFrame, by_label: dict[str, Period], by: str, index: Any) -> pandas.DataFrame:
    """The rows of the actor and event-type views: no polygon, no area."""
    import pandas as pd

    def name(unit: str) -> str:
        if by == ACTOR and index is not None and unit in index:
            return index[unit].name
        return unit

    rows = pd.DataFrame(
        {
            schema.UNIT_ID: table[schema.UNIT_ID],
            schema.NAME: table[schema.UNIT_ID].map(name),
            schema.LEVEL: by,
            schema.PERIOD: table["_period"],
            schema.START: table["_period"].map(lambda label: by_label[label].start),
            schema.END: table["_period"].map(lambda label: by_label[label].end),
            schema.INCIDENTS: table[schema.INCIDENTS].astype("Int64"),
            **{column: table[column].astype("Int64") for column in schema.FATALITY_COLUMNS},
            schema.FATALITIES_BEST_MISSING: table[schema.FATALITIES_BEST_MISSING].astype("int64"),
            schema.FATALITIES_MISSING: table[schema.FATALITIES_MISSING].astype("int64"),
        }
    )
    return rows.sort_values([schema.START, schema.UNIT_ID], kind="stable").reset_index(drop=True)


def _cell_names(incidents: geopandas.GeoDataFrame, counted: list[tuple[int, str, Period]]) -> dict[str, str]:
    """A readable name for each cell: the places of its incidents, most frequent first."""
    places: dict[str, Counter] = {}
    place_names, ids = incidents[schema.PLACE_NAME].tolist(), incidents[schema.ID].tolist()
    for position, unit, _ in counted:
        name = place_names[position] or ids[position]
        places.setdefault(unit, Counter())[name] += 1
    names = {}
    for unit, counter in places.items():
        ranked = [name for name, _ in sorted(counter.items(), key=lambda item: (-item[1], item[0]))]
        names[unit] = "; ".join(ranked[:2]) + (f" +{len(ranked) - 2}" if len(ranked) > 2 else "")
    return names
