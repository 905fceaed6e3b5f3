"""The table: the counted incidents summed per (unit, period), for the spatial and the other views."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .. import schema
from ..periods import Period
from .placing import Placer
from .terms import (
    ACTOR,
    DENSITY_KM2,
    HEX,
    ROW_COLUMNS,
    SPATIAL_LEVELS,
    VIEW_ROW_COLUMNS,
)

if TYPE_CHECKING:
    import geopandas
    import pandas

    from ..actors import ActorIndex


# --- the table ----------------------------------------------------------------------------


def aggregate(
    incidents: geopandas.GeoDataFrame,
    counted: list[tuple[int, str, Period]],
    placer: Placer,
    index: ActorIndex | None = None,
) -> pandas.DataFrame:
    """The rows of :class:`~geo.stats.Intensity`: the ``counted`` incidents (position, unit, period)
    summed per (unit, period), with each unit's name (and, for the spatial views, country,
    area, density and polygon), ordered by period and unit."""
    import geopandas
    import pandas as pd

    from ..measure import area_km2

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


def _view_rows(
    table: pandas.DataFrame, by_label: dict[str, Period], by: str, index: ActorIndex | None
) -> pandas.DataFrame:
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
    places: dict[str, Counter[str]] = {}
    place_names, ids = incidents[schema.PLACE_NAME].tolist(), incidents[schema.ID].tolist()
    for position, unit, _ in counted:
        name = place_names[position] or ids[position]
        places.setdefault(unit, Counter())[name] += 1
    names = {}
    for unit, counter in places.items():
        ranked = [name for name, _ in sorted(counter.items(), key=lambda item: (-item[1], item[0]))]
        names[unit] = "; ".join(ranked[:2]) + (f" +{len(ranked) - 2}" if len(ranked) > 2 else "")
    return names
