"""``geo render``: render the map recipes (``maps/*.toml``) to self-contained HTML files."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ._options import OUT_FOLDER, SEEDS, add_gazetteer_options, load_gazetteer

if TYPE_CHECKING:
    from ..recipes import Recipe

RECIPES = Path("maps")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Every recipe is rendered self-contained: one HTML file that works with no network.
The same recipes and records give byte-identical files.

examples:
  geo render                                   # every maps/*.toml into maps/out/
  geo render maps/menaka-2022-2023.toml --out /tmp/maps
  geo render --seeds ~/my-seeds                # the recipes, drawn from your records"""
    parser.add_argument("recipes", nargs="*", type=Path, metavar="RECIPE", help="recipe files (default: maps/*.toml)")
    OUT_FOLDER.add(parser, default=RECIPES / "out")
    SEEDS.add(parser)
    add_gazetteer_options(parser)


def output_path(out: Path, recipe: Recipe) -> Path:
    """Where ``recipe``'s map is written: its ``out`` name in the output folder ``out``.

    The one place the path is computed; ``recipe.out`` is a checked plain file name.
    """
    return out / recipe.out


def run(args: argparse.Namespace) -> int:
    from .._io import check_output
    from ..errors import InputError
    from ..influence import Influence
    from ..recipes import check_recipes
    from ..records import load_records
    from ..render.page import write_html
    from ..render.web import build_map
    from ..seeds import Seeds

    paths = args.recipes or sorted(RECIPES.glob("*.toml"))
    if not paths:
        raise InputError(
            f"no recipes: {RECIPES}/ holds no .toml file; give recipe files or run from the project folder"
        )
    args.out = check_output(args.out, option="--out", kind="dir")
    gazetteer = load_gazetteer(args)
    records = load_records(args.seeds, gazetteer=gazetteer)
    # Every recipe checked (keys, area, actors, two recipes on one file) before the first map:
    # one mistake anywhere, and nothing is written.
    recipes = check_recipes(paths, records=records, gazetteer=gazetteer)
    targets = [output_path(args.out, recipe) for recipe in recipes]
    inputs = [("recipe", path) for path in paths] + [("records file", p) for p in Seeds.paths(args.seeds).values()]
    for recipe, target in zip(recipes, targets, strict=True):  # no map may overwrite an input
        check_output(target, option=f"--out (recipe {recipe.name})", inputs=inputs, create_parent=True)
    influences: dict[tuple[str, tuple[tuple[str, object], ...]], Influence] = {}
    for number, (recipe, target) in enumerate(zip(recipes, targets, strict=True), start=1):
        began = time.perf_counter()
        print(f"[{number}/{len(recipes)}] {recipe.name}: {recipe.title}", file=sys.stderr)
        spec = recipe.spec
        key = (spec.method, spec.params)  # recipes of one method and parameters share their zones
        if key not in influences:
            influences[key] = Influence(records, gazetteer=gazetteer, method=spec.method, params=spec.influence_params)
        atlas = build_map(records, spec, gazetteer=gazetteer, influence=influences[key])
        html = atlas.html(self_contained=True)
        path = write_html(html, target)
        print(
            f"    wrote {path} ({len(html.encode('utf-8')) / 1e6:.1f} MB, {len(atlas.atlas_data['dates'])} time steps, "
            f"{time.perf_counter() - began:.1f} s)",
            file=sys.stderr,
        )
    return 0
