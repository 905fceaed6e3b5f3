"""``geo export``: write the toolkit's layers for QGIS, spreadsheets and web maps."""

from __future__ import annotations

import argparse
import sys

from ..export import FORMATS, LAYERS
from ._influence import parse_params
from ._options import (
    EVERY,
    OUT_FOLDER,
    RAW,
    add_influence_options,
    add_records_options,
    load_gazetteer,
    load_records_of,
    record_inputs,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """GeoJSON and CSV write one file per layer; GeoPackage writes atlas.gpkg with a table per
layer, whose start/end fields are dates (QGIS: Layer Properties > Temporal). GeoParquet
(needs pip install 'sahel-atlas[parquet]') writes the record layers as folders partitioned
by year and country (OUT/incidents/year=2022/country=ml/part-0.parquet), places and areas
as OUT/places.parquet and OUT/areas.parquet.

The influence layer has one disc per incident for activity (start: the incident's first
day; end: the last day its window keeps the zone) and one polygon per step for the zones
from claims; --every PERIOD writes one union per actor, zone and period instead.

examples:
  geo export --out maps/out                           # every layer as GeoJSON
  geo export --format gpkg --out ~/qgis               # atlas.gpkg
  geo export --format csv --layers incidents --out /tmp
  geo export --format parquet --incidents acled/incidents.csv --out /tmp/pq
  geo export --seeds ~/my-seeds --out /tmp/mine       # your own records
  geo export --layers influence --every month --out /tmp/monthly
  geo export --layers influence --method voronoi --param max_km=30 --out /tmp/v"""
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="geojson", help="default: %(default)s")
    OUT_FOLDER.add(parser)
    parser.add_argument(
        "--layers",
        default=",".join(LAYERS),
        help=f"comma-separated layers to write (default: %(default)s; choose from {', '.join(LAYERS)})",
    )
    RAW.add(parser, note="with --format csv")
    EVERY.add(
        parser,
        scope="influence layer",
        each="its unions",
        note="one union per actor, zone and period, as of its last day, instead of a disc per incident and a "
        "polygon per step",
        default=None,
    )
    add_influence_options(parser)
    add_records_options(parser)


def run(args: argparse.Namespace) -> int:
    from .._io import check_output
    from .._resources import bundled_dir
    from ..export import RECORD_LAYERS, export, output_names

    every = EVERY.value(args)  # a bad period or parameter fails before any work
    params = parse_params(args.param, args.window, args.method)
    layers = [layer.strip() for layer in args.layers.split(",") if layer.strip()]
    folders, files = [], []
    if any(layer in RECORD_LAYERS for layer in layers):  # the records folder read, and each file it reads
        folders = [("records folder", args.seeds or bundled_dir("seeds"))]
        files = record_inputs(args)
    args.out = check_output(args.out, option="--out", inputs=folders, kind="dir")
    if args.fmt == "parquet":
        from ..parquet import require_pyarrow

        require_pyarrow()
    for layer, name in zip(layers, output_names(args.fmt, layers), strict=False):
        # a file written is never a file read (through a link, say)
        kind = "dir" if args.fmt == "parquet" and layer in RECORD_LAYERS else "file"
        check_output(args.out / name, option="--out", inputs=files, create_parent=True, kind=kind)
    gazetteer = load_gazetteer(args)
    records = None
    if any(layer in RECORD_LAYERS for layer in layers):
        records = load_records_of(args, gazetteer)
    written = export(
        gazetteer,
        args.out,
        fmt=args.fmt,
        layers=layers,
        records=records,
        method=args.method,
        params=params,
        raw=args.raw,
        every=every,
    )
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0
