"""Layer frames as flat tables of plain cells: what the CSV and GeoParquet exports write.

Lists are ``|``-joined, dates ISO strings, missing values empty; points become ``lat``
and ``lon`` columns and other shapes WKT; text a spreadsheet would run as a formula is
escaped unless the table is asked for raw.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from . import schema
from ._io import spreadsheet_safe

if TYPE_CHECKING:
    import geopandas
    import pandas

__all__ = ["csv_table", "is_missing", "join_list", "plain_value", "wkt"]


def plain_value(value: Any) -> Any:
    """A cell as a JSON value: dates as ISO strings, missing values as ``None``."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if value is None or (not isinstance(value, str) and is_missing(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def is_missing(value: Any) -> bool:
    """Whether a cell is missing (None, NaN, NaT, pandas.NA)."""
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def join_list(value: Any) -> str:
    """A list cell ``|``-joined; any other value as it is."""
    return schema.MULTI_SEPARATOR.join(value) if isinstance(value, list | tuple) else value


def wkt(geometry: geopandas.GeoSeries) -> list[str | None]:
    """The shapes of ``geometry`` (a GeoSeries) as WKT with ASCII capital keywords, whatever the locale.

    GEOS capitalises the keywords with the C library's ``toupper``, which follows the
    process's ``LC_CTYPE``: under a Turkish locale ``i`` stays ``i`` and GEOS writes
    ``MULTiPOLYGON``, which it then refuses to read. Python's ``str.upper`` is not
    locale-dependent, so the keywords are capitalised again here.

    Examples
    --------
    >>> import geopandas, shapely
    >>> wkt(geopandas.GeoSeries([shapely.box(0, 0, 1, 1), None]))
    ['POLYGON ((1 0, 1 1, 0 1, 0 0, 1 0))', None]
    """
    return [_KEYWORD.sub(_upper, text) if isinstance(text, str) else None for text in geometry.to_wkt()]


def _upper(match: re.Match[str]) -> str:
    return match.group().upper()


# Words of two letters or more: the keywords (the exponent of 1e-07 is a single letter).
_KEYWORD = re.compile(r"[A-Za-z]{2,}")


def csv_table(frame: geopandas.GeoDataFrame, *, raw: bool = False, wkt_column: bool = True) -> pandas.DataFrame:
    """The cells :func:`write_csv` writes, as a DataFrame: lists ``|``-joined, dates ISO
    strings, points as ``lat``/``lon`` columns, other shapes as ``wkt`` (with
    ``wkt_column``); formula-like text escaped unless ``raw``.
    """
    import pandas as pd

    geometry = frame.geometry
    table = frame.drop(columns=geometry.name).copy()

    def cell(value: Any) -> Any:
        value = plain_value(join_list(value))
        return value if raw else spreadsheet_safe(value)

    for column in table.columns:
        dtype = table[column].dtype
        if pd.api.types.is_object_dtype(dtype):
            table[column] = table[column].map(cell)
        elif not raw and pd.api.types.is_string_dtype(dtype):  # pandas' own string columns
            table[column] = table[column].map(spreadsheet_safe)
    if set(geometry.geom_type.dropna()) <= {"Point"}:
        if schema.LAT not in table.columns:
            table[schema.LAT] = geometry.y.round(6)
            table[schema.LON] = geometry.x.round(6)
    elif wkt_column:
        table["wkt"] = wkt(geometry)
    return table
