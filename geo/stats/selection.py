"""Selecting, dating and placing every incident of a frame, column by column (rules in :mod:`geo.stats`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any

from .. import schema
from ..dates import spans_overlap
from ..errors import InputError
from ..periods import Period
from .placing import Placer
from .terms import (
    ACTOR,
    AUTO,
    DATASET_SOURCES,
    EVENT_TYPE,
    INTERVAL,
    PERIOD_RULE,
    PLACEMENT_COLUMNS,
    REPORTED,
    SPATIAL_LEVELS,
    as_day,
    is_missing,
    middle_day,
)
from .units import Countries

if TYPE_CHECKING:
    from collections.abc import Iterable

    import geopandas
    import pandas

    from ..actors import ActorIndex
    from ..records import Records


# --- selecting incidents ---------------------------------------------------------------------


def resolve_actors(names: Iterable[str], index: ActorIndex | None) -> set[str]:
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


def dataset_sources(records: Records | geopandas.GeoDataFrame) -> frozenset[str]:
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


def _figure(value: Any) -> int | None:
    if value is None or type(value) is int:
        return value
    return None if is_missing(value) else int(value)


# --- placing every incident ------------------------------------------------------------------


def place_all(
    incidents: Any,
    placer: Placer,
    *,
    period_rule: str,
    datasets: frozenset[str],
    start: dt.date | None,
    end: dt.date | None,
    actor_ids: set[str] | None,
    types: set[str] | None,
    codes: set[str] | None,
    country_of: Countries | None,
) -> tuple[pandas.DataFrame, list[tuple[int, str, Period]], Counter[str], int]:
    """Select, date and place every incident of ``incidents``, column by column.

    Returns the placements (:data:`PLACEMENT_COLUMNS`, before their missing values are
    made ``None``), what is counted (position in ``incidents``, unit, period; in the
    frame's order), how many incidents each filter left out, and how many of those the
    country filter left out for want of a country.

    The work is done once per distinct value, not per incident: per distinct (date,
    interval, rule) the range test and the period; per distinct place its gazetteer
    record, per area and dates the shares of the units; per distinct point the units that
    hold it (:meth:`Units.at_point`), then the units valid on the dates by comparing day
    numbers of every incident at once. Messages (the ``detail`` of an unplaced incident)
    are written for the unplaced incidents only, with the same words as one by one.

    Examples
    --------
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> incidents = load_records(gazetteer=gazetteer).incidents
    >>> placer = Placer(gazetteer, by="region", every="year", resolution=None, limit_km=100.0, min_share=0.9)
    >>> placements, counted, left_out, unknown = place_all(
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
    days = [(as_day(first), as_day(last)) for _, first, last in spans]
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
            middle = middle_day(first, last)
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
    not_selected: Counter[str] = Counter()
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
    spans: dict[tuple[Any, Any, Any], int] = {}
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
