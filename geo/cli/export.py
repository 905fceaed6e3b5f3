"""``geo export``: write the toolkit's layers for QGIS, spreadsheets and web maps."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._output import add_gazetteer_option, load_gazetteer

LAYERS = ("places", "areas")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo export --out maps/out                    # places.geojson and areas.geojson
  geo export --format gpkg --out ~/qgis        # atlas.gpkg, one table per layer
  geo export --format csv --layers places --out /tmp"""
    parser.add_argument(
        "--format", dest="fmt", choices=("geojson", "gpkg", "csv"), default="geojson", help="default: %(default)s"
    )
    parser.add_argument("--out", type=Path, default=Path("maps/out"), help="output folder (default: %(default)s)")
    parser.add_argument(
        "--layers",
        default=",".join(LAYERS),
        help=f"comma-separated layers to write (default: %(default)s; choose from {', '.join(LAYERS)})",
    )
    add_gazetteer_option(parser)


def run(args: argparse.Namespace) -> int:
    from ..export import export

    layers = [layer.strip() for layer in args.layers.split(",") if layer.strip()]
    written = export(load_gazetteer(args), args.out, fmt=args.fmt, layers=layers)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0
