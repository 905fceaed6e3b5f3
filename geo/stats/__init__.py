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

The package has one module per concern: :mod:`~geo.stats.terms` (levels, period rules,
reasons, columns), :mod:`~geo.stats.units` (the areas of a level, their countries, H3
cells), :mod:`~geo.stats.placing` (one incident into a period and a unit),
:mod:`~geo.stats.selection` (selecting and placing every incident),
:mod:`~geo.stats.table` (the rows), :mod:`~geo.stats.result` (:class:`Intensity`) and
:mod:`~geo.stats.core` (:func:`intensity`, :func:`intensity_layer`).

Examples
--------
>>> from geo import Gazetteer, load_records
>>> gazetteer = Gazetteer.load()
>>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="region", every="year")
>>> table.placed + len(table.unplaced) == table.total
True
"""

from __future__ import annotations

from .core import intensity, intensity_layer
from .options import check_options
from .result import Intensity
from .terms import (
    ACTOR,  # noqa: F401 (re-exported: callers import it from geo.stats)
    AUTO,  # noqa: F401 (re-exported: callers import it from geo.stats)
    BOUNDARY_CHANGE,  # noqa: F401 (re-exported: callers import it from geo.stats)
    CERCLE,  # noqa: F401 (re-exported: callers import it from geo.stats)
    COARSE_LEVELS,  # noqa: F401 (re-exported: callers import it from geo.stats)
    COUNTRY,  # noqa: F401 (re-exported: callers import it from geo.stats)
    DATASET_SOURCES,  # noqa: F401 (re-exported: callers import it from geo.stats)
    DATE_OPEN,  # noqa: F401 (re-exported: callers import it from geo.stats)
    DATE_TOO_COARSE,  # noqa: F401 (re-exported: callers import it from geo.stats)
    DEFAULT_HEX_RESOLUTION,
    DENSITY_KM2,  # noqa: F401 (re-exported: callers import it from geo.stats)
    EVENT_TYPE,  # noqa: F401 (re-exported: callers import it from geo.stats)
    HEX,  # noqa: F401 (re-exported: callers import it from geo.stats)
    INTERVAL,  # noqa: F401 (re-exported: callers import it from geo.stats)
    LEVELS,
    LOCATION_TOO_COARSE,  # noqa: F401 (re-exported: callers import it from geo.stats)
    MAX_UNCERTAINTY_KM,  # noqa: F401 (re-exported: callers import it from geo.stats)
    MIN_SHARE,
    OUTSIDE,  # noqa: F401 (re-exported: callers import it from geo.stats)
    PERIOD_RULE,  # noqa: F401 (re-exported: callers import it from geo.stats)
    PERIOD_RULES,
    PLACEMENT_COLUMNS,  # noqa: F401 (re-exported: callers import it from geo.stats)
    PRECISION_MARGIN_KM,  # noqa: F401 (re-exported: callers import it from geo.stats)
    REASONS,
    REGION,  # noqa: F401 (re-exported: callers import it from geo.stats)
    REPORTED,  # noqa: F401 (re-exported: callers import it from geo.stats)
    ROW_COLUMNS,  # noqa: F401 (re-exported: callers import it from geo.stats)
    SPATIAL_LEVELS,  # noqa: F401 (re-exported: callers import it from geo.stats)
    UNPLACED_COLUMNS,  # noqa: F401 (re-exported: callers import it from geo.stats)
    VIEW_ROW_COLUMNS,  # noqa: F401 (re-exported: callers import it from geo.stats)
    check_resolution,
    default_max_uncertainty_km,
    resolve_countries,
    resolve_event_types,
)

__all__ = [
    "DEFAULT_HEX_RESOLUTION",
    "LEVELS",
    "MIN_SHARE",
    "PERIOD_RULES",
    "REASONS",
    "Intensity",
    "check_options",
    "check_resolution",
    "default_max_uncertainty_km",
    "intensity",
    "intensity_layer",
    "resolve_countries",
    "resolve_event_types",
]
