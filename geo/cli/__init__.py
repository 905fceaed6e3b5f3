"""The ``geo`` command: one entry point, one module per subcommand.

Exit status: 0 on success, 1 when some input could not be handled (a message per
input on stderr), 2 on usage errors. Heavy libraries are imported by the subcommand
that needs them, so that ``geo --help`` answers at once.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from .. import __version__

# subcommand -> (module, one-line help)
SUBCOMMANDS = {
    "geocode": ("geo.cli.geocode", "find places by name, any spelling (also in batch from a CSV file)"),
    "reverse": ("geo.cli.reverse", "name the places near a point and the areas that contain it"),
    "places": ("geo.cli.places", "search and list the gazetteer's places"),
    "distance": ("geo.cli.distance", "geodesic distance and bearing between two places or points, with uncertainty"),
    "area": ("geo.cli.area", "geodesic area of a GeoJSON file's polygons, of a gazetteer area, or of an actor's zone"),
    "validate": ("geo.cli.validate", "check a folder of records: every problem with its file, line and column"),
    "import": ("geo.cli.importer", "turn an ACLED or UCDP GED export into incidents in the project's schema"),
    "export": ("geo.cli.export", "write every layer (places, areas, records, influence, intensity) for QGIS and maps"),
    "timeline": ("geo.cli.timeline", "an actor's zone areas (control, contested, activity, influence) per period"),
    "stats": ("geo.cli.stats", "incidents and fatalities per region, cercle or hexagonal cell, per period"),
    "map": ("geo.cli.map", "draw an interactive HTML map of zones, incidents and intensity over time"),
    "render": ("geo.cli.render", "render the map recipes (maps/*.toml) to self-contained HTML files"),
    "snapshot": ("geo.cli.snapshot", "draw the map on one day as a static figure (PNG, SVG or PDF) for print"),
    "chart": ("geo.cli.chart", "chart an actor's zone areas over time as a static figure (PNG, SVG or PDF)"),
    "report": ("geo.cli.report", "write one self-contained HTML report: map, charts, incidents and sources"),
    "extract": ("geo.cli.extract", "find places, actors, dates and tolls in articles; propose candidate records"),
    "check": ("geo.cli.check", "check the sources' numbers (distances, areas, tolls) against the gazetteer and zones"),
}

DESCRIPTION = (
    "Sahel conflict atlas: an offline gazetteer, cited conflict records and influence zones "
    "for Mali and its borderlands."
)
EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

EPILOG = """examples:
  geo geocode Ménaka Tidarméné "75 km north of Ménaka"
  geo geocode Sokolo --admin1 Ségou --json
  geo geocode --batch places.csv --json > resolved.jsonl
  geo reverse 15.93 2.41
  geo places menaka --tier curated
  geo render                                   # every map recipe into maps/out/
  geo map --area ml-region-menaka --from 2022 --to 2023-04 --self-contained --out menaka.html
  geo export --format gpkg --out maps/out
  geo distance Tidermène Ménaka
  geo area "Ménaka region"
  geo timeline ISGS --from 2021-06 --to 2023-04 --every quarter
  geo area ISGS --at 2023-04-30 --method voronoi
  geo check --verdict inconsistent
  geo stats --by cercle --every quarter --from 2022

Run 'geo COMMAND --help' for a command's options."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geo {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
        sub.set_defaults(_module=module)
        import_module(module).add_arguments(sub)
    return parser


# Options whose value may start with a minus sign (a western longitude), which argparse
# would otherwise take for an option: "--bbox -6.5,13.5,4.5,21.5".
NEGATIVE_VALUE_OPTIONS = ("--bbox",)


def _join_negative_values(argv: list[str]) -> list[str]:
    """``["--bbox", "-6.5,13.5,4.5,21.5"]`` -> ``["--bbox=-6.5,13.5,4.5,21.5"]``.

    Examples
    --------
    >>> _join_negative_values(["map", "--bbox", "-6.5,13.5,4.5,21.5", "--out", "x.html"])
    ['map', '--bbox=-6.5,13.5,4.5,21.5', '--out', 'x.html']
    """
    joined: list[str] = []
    skip = False
    for i, item in enumerate(argv):
        if skip:
            skip = False
            continue
        if (
            item in NEGATIVE_VALUE_OPTIONS
            and i + 1 < len(argv)
            and argv[i + 1].startswith("-")
            and argv[i + 1][1:2].isdigit()
        ):
            joined.append(f"{item}={argv[i + 1]}")
            skip = True
        else:
            joined.append(item)
    return joined


def main(argv: list[str] | None = None) -> int:
    """Run the ``geo`` command; return its exit status."""
    from ..errors import GeoError, InputError

    parser = build_parser()
    args = parser.parse_args(_join_negative_values(sys.argv[1:] if argv is None else list(argv)))
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return import_module(args._module).run(args)
    except InputError as error:
        print(f"geo {args.command}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except GeoError as error:
        print(f"geo {args.command}: error: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `geo places | head`)
        return EXIT_OK
