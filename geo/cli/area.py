"""``geo area``: the geodesic area of a GeoJSON file's polygons, of an area of the
gazetteer, or of an actor's zone."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..schema import ZONES
from ._influence import build_influence
from ._options import (
    AT,
    INCIDENTS,
    JSON_OBJECT,
    SEEDS,
    add_gazetteer_options,
    add_influence_options,
    load_gazetteer,
    load_records_of,
)
from ._output import warn, write_json_line

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

# Also geo.geojson's: that module imports numpy and shapely, which `geo area --help` need not wait for.
GEOJSON_SUFFIXES = (".geojson", ".json")


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
    AT.add(parser, scope="actors")
    parser.add_argument("--zone", choices=ZONES, help="actors: which zone to measure (default: control)")
    JSON_OBJECT.add(parser)
    add_influence_options(parser)
    parser.set_defaults(method=None)  # so that a --method given for a file can be reported
    SEEDS.add(parser, scope="actors")
    INCIDENTS.add(parser, scope="actors")
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from ..errors import GeoError

    target = args.target
    if Path(target).suffix.lower() in GEOJSON_SUFFIXES:
        from ..geojson import measure_features

        _warn_actor_options(args, f"{target} is a file")
        measured = measure_features(target)
        for message in measured.messages():
            warn(f"geo area: {message}")
        record = measured.to_dict()
    else:
        from .._input import parse_coordinates
        from .._locate import find_area, measure_area
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
            record = measure_area(gazetteer, place).to_dict(query=target)
    if args.json:
        write_json_line(record)
    else:
        _print_text(record)
    return 1 if any(f.get("problem") for f in record.get("features", [])) else 0


def _actor_area(args: argparse.Namespace, target: str, gazetteer: Gazetteer) -> dict[str, Any]:
    """The area of an actor's zone (--zone) at --at by --method, as an output record."""
    from ..errors import ActorNotFoundError

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
    measured = influence.zone_area(target, at=AT.value(args), zone=args.zone or "control")
    if measured.day_note:
        warn(f"geo area: no --at given: {measured.day_note}")
    if measured.no_zone_note:
        warn(f"geo area: {measured.no_zone_note}")
    return measured.to_dict(query=target)


def _warn_actor_options(args: argparse.Namespace, why: str) -> None:
    given = [
        f"--{name}"
        for name in ("at", "zone", "method", "param", "window", "seeds", "incidents")
        if getattr(args, name, None)
    ]
    if given:
        verbs = "applies to actors only and was" if len(given) == 1 else "apply to actors only and were"
        warn(f"geo area: warning: {' and '.join(given)} {verbs} ignored: {why}")


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
    print(f"  area {_km2(record['area_km2'])}{perimeter}  ({record['method']})")
    shown = {"query", "source", "id", "name", "kind", "country", "valid_from", "valid_to", "area_km2"}
    shown |= {"perimeter_km", "method"}
    for key, value in record.items():
        if key not in shown and value not in (None, "", [], {}):
            print(f"  {key.replace('_', ' ')}: {value}")
