"""The map's incidents as the page carries them: columns, each repeated value written once
(:func:`incident_columns`), and read back (:func:`page_incidents`).

Split from :mod:`geo.render.web`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from .. import schema
from .lookups import Lookups, iso
from .style import EVENT_COLOURS, death_count

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas

__all__ = [
    "AREA_ABOVE_KM",
    "COORDINATE_SCALE",
    "INCIDENT_FIELDS",
    "NOTES_PACKED_ABOVE",
    "incident_columns",
    "page_incidents",
]

AREA_ABOVE_KM = 25.0  # an incident located no better than this is drawn as a ring, never as a dot
NOTES_PACKED_ABOVE = 2000  # more incidents than this: their notes travel compressed (shown only in popups)

# The incidents travel as columns (:func:`incident_columns`), about 35 bytes an incident
# besides its note and id, where rows took 150: repeated values (places and their coordinates,
# event types, actor and source lists, death counts, dates' texts) are written once, in
# a dictionary, and named by position; days are whole numbers of days from ``base_day``;
# coordinates whole numbers of 1/``scale`` degrees. The page's script
# (geo/assets/atlas/10-incidents.js, ``decodeIncidents``) and :func:`page_incidents`
# read them back into one object per incident.
COORDINATE_SCALE = 100_000  # 1e-5 degrees (about 1 m): the gazetteer's own precision, exact in downloads
INCIDENT_FIELDS = (
    "id", "lon", "lat", "start", "end", "date", "place", "event", "type", "actors", "low", "best", "high",
    "area", "ring_km", "sources", "note",
)  # fmt: skip


def incident_columns(
    incidents: pandas.DataFrame, lookups: Lookups, *, packed_above: int = NOTES_PACKED_ABOVE
) -> tuple[dict[str, Any], list[tuple[str | None, str | None]]]:
    """The incidents (a frame, as :func:`geo.render.select.select_incident_frame` gives) as the
    page's columns, and their distinct (first, last) days as ISO text for the time control.

    Columns, each a list (one value per incident), a dictionary ``{"values": [...],
    "index": [...]}`` (each value written once) or ``{"delta": [...]}`` (whole numbers,
    each written as its step from the previous one; ``null`` kept):

    - ``id``; ``start`` (days from ``base_day``, by steps: the incidents are in date
      order), ``span`` (``end - start`` in days; the end's days from ``base_day`` when
      there is no start; ``null`` for an open end);
    - ``date``: the date as the records give it ("2022-03", "2022-03-07/2022-06"), ``""``
      when it is the one day ``start``;
    - ``where``: ``[place name, lon, lat, area, ring_km]``, lon and lat in 1/``scale``
      degrees, ``area`` the id of the area (in the page's ``areas``) when that is all
      that is known of the place, ``ring_km`` the location's uncertainty when it is
      larger than 25 km: such incidents are drawn as the area's outline or a ring, never
      as a dot;
    - ``event``: ``["type / sub-type", type]`` (type: a key of the page's
      ``event_colours``, ``""`` when unknown); ``actors`` and ``sources``: lists of ids;
      ``deaths``: ``[low, best, high]``; ``note`` (compressed in big maps: :func:`_notes_column`).

    Examples
    --------
    >>> from geo.records import load_records
    >>> from geo.render.select import select_incident_frame
    >>> records = load_records()
    >>> frame = select_incident_frame(records, None, dt.date(2022, 3, 1), dt.date(2022, 3, 31), None)
    >>> layer, spans = incident_columns(frame, Lookups(records))
    >>> rows = page_incidents(layer)
    >>> [row["id"] for row in rows] == frame["id"].tolist() and len(spans) <= len(rows)
    True
    >>> menaka = next(row for row in rows if row["id"] == "inc-2022-03-08-menaka")
    >>> menaka["start"], menaka["end"], menaka["place"], menaka["actors"][0], menaka["event"]
    ('2022-03-08', '2022-03-09', 'Ménaka Region', 'isgs', 'Violence against civilians / Attack')
    """
    import numpy as np
    import shapely

    n = len(incidents)
    starts, ends = incidents[schema.START].tolist(), incidents[schema.END].tolist()
    known = [d for d in starts + ends if d is not None]
    base = min(known) if known else None
    start_days = [None if d is None else (d - base).days for d in starts]
    spans_days = [
        None if last is None else (last - first).days if first is not None else (last - base).days
        for first, last in zip(starts, ends, strict=True)
    ]
    steps: list[int | None] = []
    previous = 0
    for day in start_days:
        if day is None:
            steps.append(None)
        else:
            steps.append(day - previous)
            previous = day
    dates = _coded(
        incidents[schema.DATE].tolist(),
        starts,
        ends,
        make=lambda key: "" if key[1] == key[2] and key[0] == iso(key[1]) else _text(key[0]),
    )
    points = incidents.geometry.values
    xs = np.rint(shapely.get_x(points) * COORDINATE_SCALE).astype(np.int64).tolist()
    ys = np.rint(shapely.get_y(points) * COORDINATE_SCALE).astype(np.int64).tolist()
    uncertainties = [u if u == u else None for u in incidents[schema.UNCERTAINTY_KM].astype(float).tolist()]

    def where(key: tuple[Any, ...]) -> tuple[str, int, int, str | None, float | None]:
        place, name, location, uncertainty, x, y = key
        area = lookups.area(place)
        wide = area is None and uncertainty is not None and uncertainty > AREA_ABOVE_KM
        return (_text(name) or _text(location), x, y, area, round(uncertainty, 1) if wide else None)

    places = [incidents[c].tolist() for c in (schema.PLACE, schema.PLACE_NAME, schema.LOCATION)]
    wheres = _coded(*places, uncertainties, xs, ys, make=where)
    events = _coded(
        incidents[schema.EVENT_TYPE].tolist(),
        incidents[schema.SUB_EVENT_TYPE].tolist(),
        make=lambda key: (" / ".join(t for t in map(_text, key) if t), key[0] if key[0] in EVENT_COLOURS else ""),
    )
    actors = _coded([tuple(a) for a in incidents[schema.ACTORS].tolist()])
    for actor in {a for group in actors["values"] for a in group}:
        lookups.colour(actor)  # written into the page's actor table
    sources = _coded([tuple(s) for s in incidents[schema.SOURCES].tolist()])
    lookups.cite(sorted({s for group in sources["values"] for s in group}))
    deaths = _coded(
        *(incidents[c].tolist() for c in schema.FATALITY_COLUMNS), make=lambda key: tuple(map(death_count, key))
    )
    notes = [_text(note) for note in incidents[schema.NOTE].tolist()]

    columns = {
        "id": [str(i) for i in incidents[schema.ID].tolist()],
        "start": {"delta": steps},
        "span": spans_days,
        "date": dates,
        "where": wheres,
        "event": events,
        "actors": actors,
        "deaths": deaths,
        "sources": sources,
        "note": _notes_column(notes, packed_above),
    }
    layer = {"count": n, "base_day": iso(base), "scale": COORDINATE_SCALE, "columns": columns}
    spans = sorted({(iso(first), iso(last)) for first, last in set(zip(starts, ends, strict=True))}, key=str)
    return layer, spans


def _coded(*columns: list[Any], make: Callable[[Any], Any] | None = None) -> dict[str, list[Any]]:
    """A dictionary column, ``{"values": [...], "index": [...]}``, of ``make(key)`` (default:
    the key) for the key made of each row's values in ``columns``: the rows are told apart
    with :func:`pandas.factorize` (no Python loop over them), each distinct key is made
    once, and each distinct value written once.

    Examples
    --------
    >>> _coded(["Gao", "Kidal", "Gao", "gao"], [1, 2, 1, 1], make=lambda key: key[0].title())
    {'values': ['Gao', 'Kidal'], 'index': [0, 1, 0, 0]}
    >>> _coded([("isgs",), (), ("isgs",)])
    {'values': [['isgs'], []], 'index': [0, 1, 0]}
    """
    import numpy as np
    import pandas as pd

    codes = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        own, uniques = pd.factorize(pd.Series(column, dtype=object), use_na_sentinel=False)
        codes, _ = pd.factorize(codes * len(uniques) + own)
    count = int(codes.max()) + 1 if len(codes) else 0
    first = np.zeros(count, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # each key's first row
    positions: dict[Any, int] = {}
    moved = np.empty(count, dtype=np.int64)
    for key, row in enumerate(first.tolist()):
        raw = tuple(column[row] for column in columns) if len(columns) > 1 else columns[0][row]
        value = make(raw) if make is not None else raw
        moved[key] = positions.setdefault(value, len(positions))
    return {"values": [list(v) if isinstance(v, tuple) else v for v in positions], "index": moved[codes].tolist()}


def _notes_column(notes: list[str], packed_above: int = NOTES_PACKED_ABOVE) -> list[str] | dict[str, Any]:
    """The notes: a dictionary when they repeat, packed (``{"deflate": base64 of the
    zlib-compressed JSON list}``) when there are more than ``packed_above`` (default
    :data:`NOTES_PACKED_ABOVE`) of them, a list otherwise. Notes are shown only in popups:
    the page unpacks them after it is drawn, with the browser's own ``DecompressionStream``.

    Examples
    --------
    >>> _notes_column(["a", "b"]), _notes_column(["x"] * 3)
    (['a', 'b'], {'values': ['x'], 'index': [0, 0, 0]})
    >>> packed = _notes_column([f"note {n}" for n in range(NOTES_PACKED_ABOVE + 1)])
    >>> sorted(packed), len(packed["deflate"]) < 9 * NOTES_PACKED_ABOVE
    (['deflate'], True)
    """
    import base64
    import zlib

    if len(set(notes)) < len(notes) / 2:
        return _coded(notes)
    if len(notes) > packed_above:
        text = json.dumps(notes, ensure_ascii=False, separators=(",", ":"))
        return {"deflate": base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")}
    return notes


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def page_incidents(layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The incidents of a page's incidents layer (:func:`incident_columns`), one dict each,
    with the fields the page's script gives them (:data:`INCIDENT_FIELDS`).

    For tests and for scripts that read a page's data block; ``date`` is the date as
    the records give it, or the day itself.

    Examples
    --------
    >>> layer = {"count": 1, "base_day": "2022-03-01", "scale": 100000, "columns": {
    ...     "id": ["a"], "start": {"delta": [7]}, "span": [0], "date": [""],
    ...     "where": {"values": [["Ménaka", 221000, 1588000, None, None]], "index": [0]},
    ...     "event": [["Battles", "Battles"]], "actors": [["isgs"]], "deaths": [[1, 2, None]],
    ...     "sources": [["acled"]], "note": [""]}}
    >>> row = page_incidents(layer)[0]
    >>> row["start"], row["end"], row["date"], row["lon"], row["lat"], row["place"], row["high"]
    ('2022-03-08', '2022-03-08', '2022-03-08', 2.21, 15.88, 'Ménaka', None)
    """
    n = layer["count"]
    scale = layer["scale"]
    base = dt.date.fromisoformat(layer["base_day"]) if layer["base_day"] else None

    def column(name: str) -> list[Any]:
        value = layer["columns"][name]
        if isinstance(value, list):
            return value
        if "deflate" in value:
            import base64
            import zlib

            return json.loads(zlib.decompress(base64.b64decode(value["deflate"])).decode("utf-8"))
        if "delta" in value:
            out: list[int | None] = []
            total = 0
            for step in value["delta"]:
                if step is None:
                    out.append(None)
                else:
                    total += step
                    out.append(total)
            return out
        return [value["values"][i] for i in value["index"]]

    def day(offset: int | None) -> str | None:
        return None if offset is None or base is None else (base + dt.timedelta(days=offset)).isoformat()

    rows = []
    for values in zip(*(column(c) for c in ("id", "start", "span", "date", "where", "event", "actors", "deaths",
                                              "sources", "note")), strict=True):  # fmt: skip
        ident, first, span, date, (place, x, y, area, ring), (event, kind), actors, deaths, sources, note = values
        last = None if span is None else (first if first is not None else 0) + span
        start_iso, end_iso = day(first), day(last)
        rows.append(
            {
                "id": ident,
                "lon": x / scale,
                "lat": y / scale,
                "start": start_iso,
                "end": end_iso,
                "date": date or start_iso or "",
                "place": place,
                "event": event,
                "type": kind,
                "actors": list(actors),
                "low": deaths[0],
                "best": deaths[1],
                "high": deaths[2],
                "area": area,
                "ring_km": ring,
                "sources": list(sources),
                "note": note,
            }
        )
    if len(rows) != n:  # pragma: no cover - a page written by another version
        raise ValueError(f"the incidents layer says {n} incidents but holds {len(rows)}")
    return rows
