"""``geo snapshot``: the map on one day as a static figure (PNG, SVG or PDF), for print."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ._influence import add_influence_options, parse_params
from ._output import add_gazetteer_option, add_seeds_option, load_gazetteer, parse_day


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """The figure shows, on the day given: country outlines and the regions valid that day,
each actor's zones in its colour (control filled, contested hatched, influence pale,
activity dotted; dashed outlines when only claimed), the incidents of the days before
it as circles sized by deaths, place labels, a legend, a scale bar (geodesic), lon/lat
axes and the attribution. The file's suffix picks the format: .png (200 dpi), .svg or
.pdf. The same inputs give the same bytes. Needs matplotlib, no browser.

examples:
  geo snapshot --at 2023-04-30 --area ml-region-menaka --out menaka-2023-04-30.png
  geo snapshot --at 2013-01-15 --bbox=-6.5,13.5,4.5,21.5 --actors ansar-dine,mujao,aqim --out north-2013.pdf
  geo snapshot --at 2022-06 --bbox 0,14.5,4.5,17.5 --method voronoi --out gourma.svg
  geo snapshot --at 2022-03-31 --incidents acled.csv --window-days 90 --out acled.png"""
    parser.add_argument("--at", required=True, metavar="DATE", help="the day shown (EDTF; 2023-04 means 2023-04-30)")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="the figure: FILE.png, .svg or .pdf")
    parser.add_argument("--actors", metavar="A,B", help="only these actors (ids or names, comma-separated)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--area", metavar="AREA", help="the extent of an area of the gazetteer (e.g. ml-region-menaka)")
    where.add_argument(
        "--bbox",
        metavar="W,S,E,N",
        help="the extent as west,south,east,north in degrees (write --bbox=-6.5,13.5,4.5,21.5 when west is negative)",
    )
    parser.add_argument("--title", help="the figure's title (default: Sahel conflict atlas); the date is added")
    parser.add_argument(
        "--window-days",
        type=int,
        default=30,
        metavar="DAYS",
        help="incidents of this many days to the date (default: %(default)s)",
    )
    parser.add_argument(
        "--incidents",
        type=Path,
        metavar="FILE",
        help="incidents from this CSV (the project's schema, e.g. from geo import)",
    )
    add_influence_options(parser)
    add_seeds_option(parser)
    add_gazetteer_option(parser)


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``"-6.5,13.5,4.5,21.5"`` -> ``(-6.5, 13.5, 4.5, 21.5)``; ``None`` when not given.

    Examples
    --------
    >>> parse_bbox("0,14.5,4.5,17.5")
    (0.0, 14.5, 4.5, 17.5)
    >>> parse_bbox("0,14.5")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --bbox '0,14.5': give four numbers, west,south,east,north, such as -6.5,13.5,4.5,21.5
    """
    from ..errors import InputError

    if text is None:
        return None
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 4:
        raise InputError(f"--bbox {text!r}: give four numbers, west,south,east,north, such as -6.5,13.5,4.5,21.5")
    return values  # type: ignore[return-value]


def parse_actors(text: str | None) -> list[str] | None:
    """``"isgs, JNIM"`` -> ``["isgs", "JNIM"]``; ``None`` when not given."""
    return [a.strip() for a in text.split(",") if a.strip()] if text else None


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..figures import figure_format, save_figure, snapshot
    from .map import load_map_records

    began = time.perf_counter()
    figure_format(args.out)  # a bad suffix fails before any work
    day = parse_day(args.at, "--at", last=True)
    bbox = parse_bbox(args.bbox)
    if args.window_days < 1:
        raise InputError(f"--window-days {args.window_days}: give at least 1")
    params = parse_params(args.param, args.window)
    gazetteer = load_gazetteer(args)
    records = load_map_records(args.seeds, args.incidents, gazetteer)
    fig = snapshot(
        records,
        gazetteer,
        day=day,
        method=args.method or "buffer",
        params=params,
        actors=parse_actors(args.actors),
        bbox=bbox,
        area=args.area,
        title=args.title,
        window_days=args.window_days,
    )
    path = save_figure(fig, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e3:,.0f} kB, {time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0
