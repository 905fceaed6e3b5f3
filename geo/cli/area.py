"""``geo area``: the geodesic area of a GeoJSON file's polygons, of an area of the
gazetteer, or of an actor's zone."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._influence import add_influence_options, build_influence
from ._output import (
    add_gazetteer_option,
    add_incidents_option,
    add_seeds_option,
    load_gazetteer,
    load_records_of,
    parse_day,
    warn,
    write_json_line,
)

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..place import Place

ZONES = ("control", "contested", "activity", "influence")
GEOJSON_SUFFIXES = (".geojson", ".json")
METHOD = "geodesic on the WGS84 ellipsoid, pyproj Geod"
# A polygon whose holes, parts or overlaps change its area by less than this is "one piece".
_OVERLAP_TOLERANCE = 1e-6


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo area ml-region-menaka --json
  geo area "Ménaka region"
  geo area "Cercle de Bankass"
  geo area zones.geojson
  geo area ISGS --at 2023-04-30 --zone control --method voronoi
  geo area jnim --at 2022-06 --zone contested --json

TARGET is read, in this order, as:
  1. a GeoJSON file (a name ending .geojson or .json): every feature is measured and
     reported, features without a polygon too (with no area), then the total;
  2. an area of the gazetteer: its id (ml-region-menaka) or one of its names, any
     spelling ("Ménaka region", "Cercle de Ménaka", "Azawad"). A name shared by a
     town and an area ("Ménaka", "Gao") means the area recorded under exactly that
     name (the region, as it is now), and the other areas of that name are listed;
  3. an actor (id or any name): the area of its zone (--zone, default control) on the
     day --at (default: the last day its picture changes; a month or a year means its
     last day), derived from the records by --method (see the README's influence rules).

Areas are geodesic, on the WGS84 ellipsoid, never in square degrees. --at, --zone,
--method, --param, --window and --seeds apply to actors only.

Exit status: 0 on success, 1 when a name is ambiguous, a file's feature cannot be
read, or an id is a point; 2 on usage errors (a file that is missing or is not
GeoJSON, with the line and column of a JSON error)."""
    parser.add_argument("target", metavar="TARGET", help="a GeoJSON file, an area of the gazetteer, or an actor")
    parser.add_argument("--at", metavar="DATE", help="actors: the date (EDTF, e.g. 2022-06 or 2022-06-18)")
    parser.add_argument("--zone", choices=ZONES, help="actors: which zone to measure (default: control)")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    add_influence_options(parser)
    parser.set_defaults(method=None)  # so that a --method given for a file can be reported
    add_seeds_option(parser)
    add_incidents_option(parser, help="actors: incidents from this CSV (e.g. from geo import); see geo map")
    add_gazetteer_option(parser)


def run(args: argparse.Namespace) -> int:
    from ..errors import GeoError

    target = args.target
    if Path(target).suffix.lower() in GEOJSON_SUFFIXES:
        _warn_actor_options(args, f"{target} is a file")
        if os.path.lexists(target):  # a folder, a device or pipe, a link loop: refused here, not read
            from .._validate import check_input_file

            check_input_file(target, what="GeoJSON file")
        record = file_area(Path(target))
    else:
        from .._validate import parse_coordinates
        from ..errors import InputError

        if parse_coordinates(target) is not None:  # NaN or out of range: refused inside
            raise InputError(
                f"{target!r} is a point, which has no area; give a GeoJSON file, an area's name such as "
                "'Ménaka region', or an actor"
            )
        gazetteer = load_gazetteer(args)
        place, notes = find_area(gazetteer, target)
        if place is None:
            try:
                record = _actor_area(args, target, gazetteer)
            except GeoError as error:  # say what the name does name, if anything
                if notes and error.args and isinstance(error.args[0], str):
                    error.args = (f"{error.args[0]}; {'; '.join(notes)}", *error.args[1:])
                raise
        else:
            for note in notes:
                warn(f"geo area: {note}")
            _warn_actor_options(
                args,
                f"{place.id} is an area of the gazetteer, measured as recorded "
                "(a boundary of another date has an id of its own: see 'geo places --tier area')",
            )
            record = gazetteer_area(gazetteer, place, query=target)
    if args.json:
        write_json_line(record)
    else:
        _print_text(record)
    return 1 if any(f.get("problem") for f in record.get("features", [])) else 0


def _actor_area(args: argparse.Namespace, target: str, gazetteer: Gazetteer) -> dict[str, Any]:
    """The area of an actor's zone (--zone) at --at by --method, as an output record."""
    from ..errors import ActorNotFoundError, InputError
    from ..measure import perimeter_km

    records = load_records_of(args, gazetteer)
    if records.actors.resolve(target) is None:
        suggestions = records.actors.suggest(target, limit=3)
        raise ActorNotFoundError(
            f"{target!r} is neither a GeoJSON file, an area of the gazetteer nor an actor: give a file ending in "
            ".geojson or .json, an area id such as ml-region-menaka or an area's name such as 'Ménaka region' "
            "(see 'geo places --tier area'), or an actor"
            + (f" (closest actors: {', '.join(suggestions)})" if suggestions else ""),
            query=target,
            suggestions=suggestions,
        )
    args.method = args.method or "buffer"
    influence = build_influence(args, records, gazetteer)
    actor = influence.actor_id(target)
    zone = args.zone or "control"
    day = parse_day(args.at, "--at", last=True)
    if day is None:
        changes = influence.change_days(actor)
        if not changes:
            raise InputError(f"{actor} has no zone at all in the records; nothing to measure")
        day = changes[-1]
        warn(f"geo area: no --at given: measuring {actor}'s {zone} zone on {day}, the last day its picture changes")
    frame = influence.at(actor, day)
    rows = frame[frame["zone"] == zone]
    record: dict[str, Any] = {
        "query": target,
        "source": "influence",
        "id": actor,
        "name": f"{records.actors[actor].name}: {zone} zone on {day.isoformat()}",
        "actor": actor,
        "zone": zone,
        "at": day.isoformat(),
        "area_km2": 0.0,
        "perimeter_km": 0.0,
        "method": influence.method,
        "params": json.loads(influence.params_text),
        "tier": None,
        "start": None,
        "end": None,
        "supporting": [],
    }
    if rows.empty:
        coverage = influence.coverage(actor)
        span = f"its zones run from {coverage[0]} to {coverage[1] or 'now (open)'}" if coverage else "it has no zone"
        warn(f"geo area: {actor} has no {zone} zone on {day}; {span}")
        return record
    row = rows.iloc[0]
    record.update(
        area_km2=round(float(row["area_km2"]), 2),
        perimeter_km=round(float(perimeter_km(row.geometry)[0]), 3),
        tier=row["tier"],
        start=row["start"].isoformat(),
        end=row["end"].isoformat() if row["end"] is not None else None,
        supporting=list(row["supporting"]),
    )
    return record


def _warn_actor_options(args: argparse.Namespace, why: str) -> None:
    given = [
        f"--{name}"
        for name in ("at", "zone", "method", "param", "window", "seeds", "incidents")
        if getattr(args, name, None)
    ]
    if given:
        verbs = "applies to actors only and was" if len(given) == 1 else "apply to actors only and were"
        warn(f"geo area: warning: {' and '.join(given)} {verbs} ignored: {why}")


# --- areas of the gazetteer ---------------------------------------------------------
def _properties(gazetteer: Gazetteer, area_id: str) -> dict[str, Any]:
    areas = gazetteer.areas
    return areas.properties[areas.ids.index(area_id)]


def _label(gazetteer: Gazetteer, place: Place) -> str:
    props = _properties(gazetteer, place.id)
    start, end = props.get("valid_from") or "", props.get("valid_to") or ""
    period = f", {start or '…'} to {end or 'now'}" if start or end else ""
    return f"{place.name} [{place.id}] ({place.kind}{period})"


def find_area(gazetteer: Gazetteer, target: str) -> tuple[Place | None, list[str]]:
    """The area of the gazetteer that ``target`` names, with notes for the user.

    ``target`` is an area id, or a name: an area recorded under exactly that name
    (any case or accents; the one valid now when boundaries changed) comes first,
    even when a town has the same name; then the geocoder's answer, when it is an
    area. Returns ``(None, notes)`` when ``target`` names no area (the notes say
    what it does name). Raises :class:`~geo.errors.AmbiguousPlaceError` when several
    areas fit equally, and :class:`~geo.errors.PlaceNotFoundError` for the id of a
    place that is a point.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> find_area(gazetteer, "Ménaka region")[0].id
    'ml-region-menaka'
    >>> place, notes = find_area(gazetteer, "Gao")
    >>> place.id, notes[0]
    ('ml-region-gao', "'Gao' is also the name of the city Gao [ml-gao]: measuring the area Gao Region [ml-region-gao]")
    """
    from .. import schema
    from .._validate import clean_query
    from ..errors import PlaceNotFoundError
    from ..names import admin_key, normalize

    text = clean_query(target)
    if not any(c.isspace() for c in text):
        try:
            place = gazetteer.place(text)
        except PlaceNotFoundError:
            pass
        else:
            if place.tier == schema.AREA:
                return place, []
            same = _areas_named(gazetteer, place.name, key=admin_key)
            hint = f"; the areas named like it: {', '.join(_label(gazetteer, a) for a in same)}" if same else ""
            raise PlaceNotFoundError(f"{text!r} is {_point_words(place)}{hint}", query=target)
    areas = gazetteer.places(tier=schema.AREA)
    exact = _areas_named(gazetteer, text, key=normalize, areas=areas)
    current = [a for a in exact if not _properties(gazetteer, a.id).get("valid_to")] or exact
    resolution = gazetteer.lookup(text)
    if len(current) > 1:
        raise _ambiguous(gazetteer, target, current)
    if current:
        place = current[0]
        notes = []
        if resolution.ok and resolution.place is not None and resolution.place.tier != schema.AREA:
            other = resolution.place
            notes.append(
                f"{target!r} is also the name of the {other.kind} {other.name} [{other.id}]: "
                f"measuring the area {place.name} [{place.id}]"
            )
        # A bare name ("Gao", not "Gao region") may have meant another area of that name.
        bare = admin_key(text) == normalize(text)
        others = [a for a in _areas_named(gazetteer, text, key=admin_key, areas=areas) if a.id != place.id]
        if bare and others:
            notes.append(f"other areas of that name: {', '.join(_label(gazetteer, a) for a in others)}")
        return place, notes
    if resolution.status == "ambiguous":
        candidates = [p for p, _ in resolution.candidates if p.tier == schema.AREA]
        if candidates:
            raise _ambiguous(gazetteer, target, candidates)
        return None, [f"{target!r} names several places, none of them an area"]
    if resolution.ok and resolution.place is not None:
        place = resolution.place
        if place.tier == schema.AREA:
            notes = []
            if resolution.score is not None and resolution.score < 1.0:
                notes.append(f"{target!r} read as {place.name} [{place.id}] (name similarity {resolution.score:.2f})")
            return place, notes
        return None, [f"{target!r} is {_point_words(place)}"]
    return None, []


def _point_words(place: Place) -> str:
    return f"the {place.kind} {place.name} [{place.id}], recorded as a point: the gazetteer has no polygon for it"


def _areas_named(gazetteer: Gazetteer, name: str, *, key, areas: list[Place] | None = None) -> list[Place]:
    """The areas one of whose names has the same ``key`` as ``name``, current ones first."""
    from .. import schema

    wanted = key(name)
    found = [
        area
        for area in (areas if areas is not None else gazetteer.places(tier=schema.AREA))
        if any(key(n) == wanted for n in (area.name, *area.variants))
    ]
    return sorted(found, key=lambda a: (bool(_properties(gazetteer, a.id).get("valid_to")), a.id))


def _ambiguous(gazetteer: Gazetteer, target: str, candidates: list[Place]):
    from ..errors import AmbiguousPlaceError

    lines = "\n".join(f"  {_label(gazetteer, a)}" for a in candidates)
    return AmbiguousPlaceError(
        f"{target!r} names {len(candidates)} areas: give one of their ids instead:\n{lines}",
        query=target,
        candidates=candidates,
    )


def gazetteer_area(gazetteer: Gazetteer, place: Place, *, query: str | None = None) -> dict[str, Any]:
    """The output record of an area of the gazetteer: its id, names, validity and measures.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> record = gazetteer_area(gazetteer, gazetteer.place("ml-region-menaka"))
    >>> record["name"], round(record["area_km2"], -2)
    ('Ménaka Region', 77500.0)
    """
    from ..measure import area_km2, perimeter_km

    props = _properties(gazetteer, place.id)
    geometry = gazetteer.areas.geometry(place.id)
    areas, perimeters = area_km2(geometry), perimeter_km(geometry)
    return {
        "query": query if query is not None else place.id,
        "source": "gazetteer",
        "id": place.id,
        "name": place.name,
        "kind": place.kind,
        "country": place.country or None,
        "valid_from": props.get("valid_from") or None,
        "valid_to": props.get("valid_to") or None,
        "area_km2": round(float(areas[0]), 3),
        "perimeter_km": round(float(perimeters[0]), 3),
        "method": METHOD,
        "boundary_source": props.get("source") or None,
    }


# --- GeoJSON files ------------------------------------------------------------------
def _read_geojson(path: Path) -> dict[str, Any]:
    from ..errors import InputError

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file (the current folder is {Path.cwd()})") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a GeoJSON file") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: byte {error.start + 1} is not UTF-8 ({data[error.start : error.start + 1]!r}); "
            "GeoJSON is UTF-8 text"
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}, line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}; fix the file there"
        ) from None
    except RecursionError:
        raise InputError(
            f"{path}: arrays or objects nested too deeply to be read; GeoJSON coordinates nest four levels at most"
        ) from None
    if not isinstance(document, dict) or "type" not in document:
        raise InputError(
            f"{path} is JSON but not GeoJSON: expected an object with a 'type' (FeatureCollection, Feature "
            f"or a geometry), found {type(document).__name__}"
        )
    return document


def _features(path: Path, document: dict[str, Any]) -> list[dict[str, Any]]:
    from ..errors import InputError

    kind = document["type"]
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise InputError(f"{path}: the FeatureCollection has no 'features' list")
        return features
    if kind == "Feature":
        return [document]
    if kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"):
        return [{"type": "Feature", "geometry": document, "properties": {}}]
    if kind == "GeometryCollection":
        return [{"type": "Feature", "geometry": document, "properties": {}}]
    raise InputError(f"{path}: unknown GeoJSON type {kind!r}; expected FeatureCollection, Feature or a geometry")


def _to_wgs84(path: Path, document: dict[str, Any]):
    """A function turning the file's coordinates into longitude/latitude, or None.

    RFC 7946 GeoJSON is always longitude/latitude (WGS84); older files may name
    another CRS in a top-level ``crs`` member, which is honoured.
    """
    from ..errors import InputError

    name = ((document.get("crs") or {}).get("properties") or {}).get("name")
    if not name or name.upper().replace("::", ":").endswith(("CRS84", "EPSG:4326")):
        return None
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_user_input(name)
    except CRSError:
        raise InputError(f"{path}: unknown CRS {name!r} in the 'crs' member; reproject the file to WGS84") from None
    transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    def transform(xy):
        import numpy as np

        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    return transform


def _polygonal(geometry):
    """The polygonal parts of a geometry (a Polygon or MultiPolygon), or None."""
    import shapely

    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return shapely.union_all(parts)


def _feature_name(feature: dict[str, Any]) -> str | None:
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        return None
    for key in ("name", "NAME", "Name", "nom", "title", "label", "id", "ID"):
        value = props.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def file_area(path: Path) -> dict[str, Any]:
    """Measure every polygon feature of a GeoJSON file: a record with each feature and the total.

    Features without a polygon (points, lines, no geometry) are listed with no area; a
    feature whose geometry cannot be read is listed with its ``problem``. An invalid
    polygon (one that crosses itself) is repaired with ``shapely.make_valid`` first,
    and says so.

    Examples
    --------
    >>> import shutil, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "square.geojson"
    >>> _ = path.write_text('{"type": "Polygon", "coordinates": [[[2, 15], [3, 15], [3, 16], [2, 16], [2, 15]]]}')
    >>> record = file_area(path)
    >>> round(record["area_km2"]), record["features"][0]["geometry_type"]
    (11873, 'Polygon')
    >>> shutil.rmtree(path.parent)
    """
    import shapely

    from ..errors import InputError
    from ..measure import area_km2, perimeter_km

    document = _read_geojson(path)
    features = _features(path, document)
    if not features:
        raise InputError(f"{path}: the file holds no feature")
    transform = _to_wgs84(path, document)
    rows: list[dict[str, Any]] = []
    polygons = []
    for number, feature in enumerate(features, start=1):
        row: dict[str, Any] = {"feature": number, "id": None, "name": None, "geometry_type": None}
        rows.append(row)
        if not isinstance(feature, dict):
            row["problem"] = f"not a GeoJSON Feature object but {type(feature).__name__}"
            continue
        row["id"] = feature.get("id")
        row["name"] = _feature_name(feature)
        geojson = feature.get("geometry")
        if geojson is None:
            row.update(area_km2=None, perimeter_km=None, note="no geometry: not measured")
            continue
        try:
            geometry = shapely.from_geojson(json.dumps(geojson))
        except (shapely.errors.GEOSException, ValueError, TypeError) as error:
            row["problem"] = f"the geometry cannot be read: {error}"
            continue
        row["geometry_type"] = geometry.geom_type
        if transform is not None:
            geometry = shapely.transform(geometry, transform)
        polygon = _polygonal(geometry)
        if polygon is None:
            row.update(area_km2=None, perimeter_km=None, note=f"a {geometry.geom_type}, no polygon: not measured")
            continue
        _check_degrees(path, number, polygon)
        if not polygon.is_valid:
            reason = shapely.is_valid_reason(polygon)
            polygon = _polygonal(shapely.make_valid(polygon))
            row["note"] = f"not a valid polygon ({reason}): measured after shapely.make_valid"
            if polygon is None:
                row.update(area_km2=0.0, perimeter_km=0.0)
                continue
        row.update(
            area_km2=round(float(area_km2(polygon)[0]), 3), perimeter_km=round(float(perimeter_km(polygon)[0]), 3)
        )
        polygons.append(polygon)
    total = sum(r["area_km2"] or 0.0 for r in rows if "area_km2" in r)
    record: dict[str, Any] = {
        "query": str(path),
        "source": "file",
        "features": rows,
        "measured": len(polygons),
        "area_km2": round(total, 3),
        "method": METHOD,
    }
    if len(polygons) > 1:
        union = float(area_km2(shapely.union_all(polygons))[0])
        if total - union > _OVERLAP_TOLERANCE * max(total, 1.0):
            record["union_km2"] = round(union, 3)
    for row in rows:
        where = f"{path}, feature {row['feature']}"
        if row.get("problem"):
            warn(f"geo area: {where}: {row['problem']}")
        elif row.get("note"):
            warn(f"geo area: {where}: {row['note']}")
    if not polygons:
        warn(f"geo area: {path}: no feature has a polygon: nothing to measure")
    if "union_km2" in record:
        warn(
            f"geo area: {path}: features overlap: their sum ({total:,.1f} km²) counts the overlaps more than once; "
            f"together they cover {record['union_km2']:,.1f} km²"
        )
    return record


def _check_degrees(path: Path, number: int, geometry) -> None:
    from ..errors import InputError

    min_x, min_y, max_x, max_y = geometry.bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise InputError(
            f"{path}, feature {number}: coordinates reach ({max(abs(min_x), abs(max_x)):g}, "
            f"{max(abs(min_y), abs(max_y)):g}), beyond longitude/latitude degrees: the file looks projected. "
            "GeoJSON is longitude, latitude in WGS84 (RFC 7946): reproject it (e.g. ogr2ogr -t_srs EPSG:4326) "
            "or name its CRS in a 'crs' member"
        )


# --- output -------------------------------------------------------------------------
def _km2(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f} km²"


def _print_text(record: dict[str, Any]) -> None:
    if record.get("source") == "file":
        for row in record["features"]:
            label = " ".join(str(x) for x in (row.get("name"), f"[{row['id']}]" if row.get("id") else None) if x)
            kind = row.get("geometry_type") or ("unreadable" if row.get("problem") else "no geometry")
            value = "not measured" if row.get("problem") else _km2(row.get("area_km2"))
            print(f"feature {row['feature']}\t{label or '-'}\t{kind}\t{value}")
        union = f"; together they cover {_km2(record['union_km2'])}" if "union_km2" in record else ""
        print(
            f"total\t{record['measured']} polygon feature(s)\t{_km2(record['area_km2'])}{union}\t({record['method']})"
        )
        return
    head = f"{record.get('name') or record.get('id') or record.get('query')}"
    if record.get("id") and record.get("name"):
        head += f" [{record['id']}]"
    details = [str(record[k]) for k in ("kind", "country") if record.get(k)]
    if record.get("valid_from") or record.get("valid_to"):
        details.append(f"{record.get('valid_from') or '…'} to {record.get('valid_to') or 'now'}")
    print(head + (f" ({', '.join(details)})" if details else ""))
    perimeter = f"  perimeter {record['perimeter_km']:,.1f} km" if record.get("perimeter_km") is not None else ""
    print(f"  area {_km2(record['area_km2'])}{perimeter}  ({record.get('method') or METHOD})")
    shown = {
        "query",
        "source",
        "id",
        "name",
        "kind",
        "country",
        "valid_from",
        "valid_to",
        "area_km2",
        "perimeter_km",
        "method",
    }
    for key, value in record.items():
        if key not in shown and value not in (None, "", [], {}):
            print(f"  {key.replace('_', ' ')}: {value}")
