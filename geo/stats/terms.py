"""The words of :mod:`geo.stats`: levels, period rules, reasons, the columns of its tables,
and the checks and labels of its options."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import InputError
from ..schema.vocab import LEVELS, PERIOD_RULES, SPATIAL_LEVELS  # noqa: F401 (PERIOD_RULES: the words of geo.stats)

if TYPE_CHECKING:
    from collections.abc import Iterable


# The levels of aggregation: the gazetteer's regions, Mali's cercles, H3 cells, the
# gazetteer's countries; and the two views that are not places: actors, event types.
REGION, CERCLE, HEX, COUNTRY = "region", "cercle", "hex", "country"
ACTOR, EVENT_TYPE = "actor", "event-type"
# SPATIAL_LEVELS and LEVELS (geo.schema.vocab) name them in this order.
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
# PERIOD_RULES (geo.schema.vocab) names them in this order.
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

ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
PLURALS = {REGION: "regions", CERCLE: "cercles", HEX: "hexagonal cells", COUNTRY: "countries"}
VIEW_LABELS = {ACTOR: "actor rows", EVENT_TYPE: "event-type rows"}


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
    check_level(by)
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
    from ..countries import country_code

    found: list[str] = []
    for code in codes:
        resolved = country_code(str(code))
        if resolved not in found:
            found.append(resolved)
    return found


def check_level(by: str) -> None:
    """Raise :class:`~geo.errors.InputError` unless ``by`` is one of :data:`LEVELS`.

    Examples
    --------
    >>> check_level("cercle")
    >>> check_level("town")
    Traceback (most recent call last):
    geo.errors.InputError: unknown level 'town' to count by; choose from region, cercle, hex, country, actor, event-type
    """
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


def level_label(by: str, resolution: int | None) -> str:
    """The units of a level as a summary names them.

    Examples
    --------
    >>> level_label("cercle", None), level_label("hex", 4), level_label("actor", None)
    ('cercles', 'H3 cells of resolution 4', 'actor rows')
    """
    if by == HEX:
        return f"H3 cells of resolution {resolution}"
    return PLURALS.get(by, VIEW_LABELS.get(by, by))


def middle_day(first: dt.date, last: dt.date) -> dt.date:
    """The middle day of an interval: the earlier of the two when it has an even number of days.

    Examples
    --------
    >>> middle_day(dt.date(2022, 3, 29), dt.date(2022, 4, 4))  # ACLED precision 2: the coded day +- 3
    datetime.date(2022, 4, 1)
    >>> middle_day(dt.date(2022, 3, 1), dt.date(2022, 3, 31)), middle_day(dt.date(2022, 6, 11), dt.date(2022, 6, 12))
    (datetime.date(2022, 3, 16), datetime.date(2022, 6, 11))
    """
    return first + (last - first) // 2


def as_day(value: Any) -> dt.date | None:
    """A frame's date cell as a date, ``None`` for an open side (None, NaT, NaN)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def km_text(value: float) -> str:
    """A distance in km as a message writes it: whole above 10, else one decimal at most.

    Examples
    --------
    >>> km_text(26.4), km_text(2.5), km_text(3.0)
    ('26', '2.5', '3')
    """
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def date_range_text(first: dt.date | None, last: dt.date | None) -> str:
    """Two dates as a message writes them, ``..`` for an open side.

    Examples
    --------
    >>> date_range_text(None, dt.date(2012, 6, 28))
    '.. to 2012-06-28'
    """
    return f"{first or '..'} to {last or '..'}"


def is_missing(value: Any) -> bool:
    """Whether a cell is missing (None, NaN, NaT, ``pd.NA``); ``False`` for what pandas cannot test.

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing(0), is_missing([1, 2])
    (True, True, False, False)
    """
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
