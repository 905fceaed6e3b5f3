"""MapSpec: one validated specification of what a map, a snapshot and a report show, made
from a recipe or from the command line through the same parsers, checked against the data
before anything is drawn."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from geo.cli import main
from geo.cli._selection import EVERY as CLI_EVERY
from geo.cli._selection import STEPS as CLI_STEPS
from geo.cli._selection import spec_from_args
from geo.errors import InputError
from geo.influence import METHODS
from geo.periods import EVERY
from geo.recipes import RecipeError, load_recipe
from geo.records import load_records
from geo.render.spec import EVERY as SPEC_EVERY
from geo.render.spec import METHODS as SPEC_METHODS
from geo.render.spec import STEPS, MapSpec, Source
from geo.render.web import build_map

MAPS = Path(__file__).parents[1] / "maps"
D = dt.date


@pytest.fixture(scope="module")
def records(gazetteer):
    return load_records(gazetteer=gazetteer)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def recipe_problems(tmp_path: Path, line: str) -> list[str]:
    path = write(tmp_path, "x.toml", f'title = "x"\n{line}\n')
    with pytest.raises(RecipeError) as caught:
        load_recipe(path)
    return caught.value.problems


def cli_problems(capsys, argv: list[str], out: Path) -> list[str]:
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    command = argv[0]
    assert err.startswith(f"geo {command}: error: ")
    assert not out.exists()
    return err.removeprefix(f"geo {command}: error: ").rstrip("\n").split("\n")


def reason(problem: str, where: str) -> str:
    """A problem without where it was given and without the example (written in the source's syntax)."""
    assert problem.startswith(where), (problem, where)
    return problem.removeprefix(where).partition("; such as ")[0]


# --- the same bad value, from a recipe and from the command line ---------------------------------


@pytest.mark.parametrize(
    ("line", "key", "option", "value"),
    [
        ("bbox = [5.0, 14.6, 0.5, 17.6]", "bbox = [5.0, 14.6, 0.5, 17.6]", "--bbox", "5.0,14.6,0.5,17.6"),
        ("bbox = [0.5, 17.6, 5.0, 14.6]", "bbox = [0.5, 17.6, 5.0, 14.6]", "--bbox", "0.5,17.6,5.0,14.6"),
        ("bbox = [1, 2, 3]", "bbox = [1, 2, 3]", "--bbox", "1,2,3"),
        ("window_days = 0", "window_days = 0", "--window-days", "0"),
        ("window_days = 100000", "window_days = 100000", "--window-days", "100000"),
        ('step = "daily"', "step = 'daily'", "--step", "daily"),
        ('step = "mnth"', "step = 'mnth'", "--step", "mnth"),
        ('from = "2022-13"', "from = '2022-13'", "--from", "2022-13"),
        ('to = "2022/.."', "to = '2022/..'", "--to", "2022/.."),
        ('area = " "', "area = ' '", "--area", " "),
    ],
)
def test_a_bad_value_gives_the_same_reason_from_a_recipe_and_from_geo_map(tmp_path, capsys, line, key, option, value):
    (from_recipe,) = recipe_problems(tmp_path, line)
    (from_cli,) = cli_problems(capsys, ["map", f"{option}={value}"], tmp_path / "m.html")
    path = tmp_path / "x.toml"
    assert reason(from_recipe, f"{path}: {key}") == reason(from_cli, f"{option} {value!r}")
    # each names its source: the file and the key, or the option, with an example of its own syntax
    assert from_recipe.startswith(f"{path}: {key}: ") and from_cli.startswith(f"{option} {value!r}: ")


def test_dates_out_of_order_give_the_same_reason_either_way(tmp_path, capsys):
    (from_recipe,) = recipe_problems(tmp_path, 'from = "2023"\nto = "2022"')
    (from_cli,) = cli_problems(capsys, ["report", "--from", "2023", "--to", "2022"], tmp_path / "r.html")
    swap = ": the range ends (2022-12-31) before it starts (2023-01-01); swap the two dates"
    assert from_recipe == f"{tmp_path / 'x.toml'}: from = '2023', to = '2022'{swap}"
    assert from_cli == f"--from '2023', --to '2022'{swap}"


def test_params_give_the_same_reason_either_way(tmp_path, capsys):
    (from_recipe,) = recipe_problems(tmp_path, "params = { radius_km.town = -3 }")
    (from_cli,) = cli_problems(capsys, ["snapshot", "--at", "2023", "--param", "radius_km.town=-3"], tmp_path / "s.png")
    assert reason(from_recipe, f"{tmp_path / 'x.toml'}: params.radius_km.town = -3") == reason(
        from_cli, "--param radius_km.town=-3"
    )
    assert "out of range: takes a distance in km, above 0 to 500" in from_cli


def test_the_command_line_names_the_first_bad_option_in_one_line_python_every_one(capsys, tmp_path):
    argv = ["map", "--from", "2022-13", "--bbox", "1,2", "--step", "daily", "--window-days", "0"]
    (problem,) = cli_problems(capsys, argv, tmp_path / "m.html")
    assert problem.startswith("--from '2022-13': '2022-13' is not a valid EDTF date")
    with pytest.raises(InputError) as caught:
        MapSpec(start="2022-13", bbox=(1, 2), step="daily", window_days=0)
    assert [p.split("=")[0] for p in str(caught.value).split("\n")] == ["start", "bbox", "step", "window_days"]


def test_python_keywords_go_through_the_same_parsers(records, gazetteer):
    with pytest.raises(InputError) as caught:
        build_map(records, gazetteer=gazetteer, step="daily", bbox=(5.0, 14.6, 0.5, 17.6))
    assert str(caught.value).split("\n") == [
        "bbox=(5.0, 14.6, 0.5, 17.6): the bounding box takes four numbers (west, south, east, north) in degrees: "
        "west must be less than east (is the order west, south, east, north?); such as bbox=(0.5, 14.6, 5.0, 17.6)",
        "step='daily': unknown step; choose auto, event, week, month, quarter or year",
    ]


# --- against the data, before drawing ---------------------------------------------------------


def test_a_town_as_area_fails_at_check_time_naming_the_file_and_key(tmp_path, gazetteer, records):
    path = write(tmp_path, "t.toml", 'title = "t"\narea = "ml-menaka"\n')
    spec = load_recipe(path).spec  # a town is a valid value: it is the data that refutes it
    with pytest.raises(InputError) as caught:
        spec.check(gazetteer, records.actors)
    assert str(caught.value) == (
        f"{path}: area = 'ml-menaka': the city Ménaka [ml-menaka] is a point, not an area; give "
        'area = "ml-region-menaka" (Ménaka Region, which holds it), or a bounding box around it such as '
        "bbox = [1.9, 15.4, 2.9, 16.4]"
    )


def test_a_town_as_area_on_the_command_line_gets_the_fix_in_options(tmp_path, capsys):
    (problem,) = cli_problems(capsys, ["map", "--area", "ml-menaka"], tmp_path / "m.html")
    assert problem == (
        "--area 'ml-menaka': the city Ménaka [ml-menaka] is a point, not an area; give --area ml-region-menaka "
        "(Ménaka Region, which holds it), or a bounding box around it such as --bbox 1.9,15.4,2.9,16.4"
    )


def test_an_unknown_actor_fails_at_check_time_naming_the_file_and_key(tmp_path, gazetteer, records):
    path = write(tmp_path, "a.toml", 'title = "a"\nactors = ["isgs", "jnmi"]\n')
    spec = load_recipe(path).spec
    assert spec.problems(gazetteer) == []  # the actors need the records
    (problem,) = spec.problems(gazetteer, records.actors)
    assert problem.startswith(f"{path}: actors = ['isgs', 'jnmi']: no actor is called 'jnmi'; closest: jnim (")
    cli = MapSpec.from_cli(actors="isgs,jnmi")
    (problem,) = cli.problems(gazetteer, records.actors)
    assert problem.startswith("--actors 'isgs,jnmi': no actor is called 'jnmi'; closest: jnim (")


def test_render_checks_every_recipe_before_drawing_any(tmp_path, capsys):
    good = 'title = "{}"\nfrom = "2012-01"\nto = "2012-02"\nbbox = [-6.5, 13.5, 4.5, 21.5]\n'
    first = write(tmp_path, "a-good.toml", good.format("A"))
    bad = write(tmp_path, "b-bad.toml", 'title = "B"\nfrom = "2012-01"\nto = "2012-02"\nactors = ["nobody-at-all"]\n')
    last = write(tmp_path, "c-good.toml", good.format("C"))
    out = tmp_path / "out"
    assert main(["render", str(first), str(bad), str(last), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"geo render: error: {bad}: actors = ['nobody-at-all']: no actor is called 'nobody-at-all'")
    assert str(first) not in err and str(last) not in err
    assert "[1/3]" not in err and "wrote" not in err
    assert not out.exists() or not any(out.iterdir())


# --- the spec itself ---------------------------------------------------------------------------


def test_a_spec_is_frozen_and_hashable():
    spec = MapSpec(area="ml-region-menaka", actors=["isgs", "jnim"], params={"radius_km": {"town": 20}})
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.area = "ml"  # type: ignore[misc]
    same = MapSpec(area="ml-region-menaka", actors=("isgs", "jnim"), params={"radius_km.town": 20.0})
    assert spec == same and hash(spec) == hash(same) and len({spec, same}) == 1
    assert spec.actors == ("isgs", "jnim") and spec.params == (("radius_km.town", 20.0),)
    nested = spec.influence_params
    nested["radius_km"]["town"] = 99.0  # a copy: the spec does not change
    assert spec.influence_params == {"radius_km": {"town": 20.0}}
    assert spec.replace(step="month") != spec and spec.replace(step="month").step == "month"
    with pytest.raises(InputError, match="step='daily': unknown step"):
        spec.replace(step="daily")


def test_the_vocabularies_agree():
    assert SPEC_METHODS == METHODS and SPEC_EVERY == EVERY == CLI_EVERY and STEPS == CLI_STEPS


def test_where_a_value_came_from_is_not_part_of_the_spec(tmp_path):
    spec, problems = MapSpec.from_recipe_table(tmp_path / "x.toml", {"from": "2022-01", "to": "2023-04"})
    assert problems == [] and spec is not None and spec.source == Source(tmp_path / "x.toml")
    assert spec == MapSpec.from_cli(start="2022-01", end="2023-04") == MapSpec(start=D(2022, 1, 1), end=D(2023, 4, 30))


# --- round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["menaka-2022-2023", "north-2012-2013", "mali-2012-2023"])
def test_a_recipe_and_the_same_options_on_the_command_line_make_one_spec(name):
    import tomllib

    recipe = load_recipe(MAPS / f"{name}.toml")
    table = tomllib.loads((MAPS / f"{name}.toml").read_text(encoding="utf-8"))
    from argparse import Namespace

    args = Namespace(
        title=table["title"],
        subtitle=table.get("subtitle"),
        start=table.get("from"),
        end=table.get("to"),
        area=table.get("area"),
        bbox=",".join(str(v) for v in table["bbox"]) if "bbox" in table else None,
        actors=",".join(table["actors"]) if "actors" in table else None,
        method=table.get("method"),
        param=[f"{k}={v}" for k, v in table.get("params", {}).items()],
        step=table.get("step"),
        window_days=str(table["window_days"]) if "window_days" in table else None,
        intensity=table.get("intensity", False),
    )
    spec = spec_from_args(args)
    assert spec == dataclasses.replace(recipe.spec, subtitle=None) or spec == recipe.spec
    assert recipe.params == spec.influence_params and recipe.start == spec.start and recipe.title == spec.title


def test_recipe_to_spec_to_the_maps_options(tmp_path, records, gazetteer):
    path = write(
        tmp_path,
        "r.toml",
        'title = "North"\nsubtitle = "Sub"\nfrom = "2012-01"\nto = "2012-03"\nbbox = [-6.5, 13.5, 4.5, 21.5]\n'
        'actors = ["mnla", "ansar-dine"]\nmethod = "buffer"\nparams = { radius_km.town = 20 }\nstep = "month"\n'
        "window_days = 45\nintensity = true\n",
    )
    spec = load_recipe(path).spec
    assert (spec.start, spec.end, spec.bbox, spec.actors) == (
        D(2012, 1, 1),
        D(2012, 3, 31),
        (-6.5, 13.5, 4.5, 21.5),
        ("mnla", "ansar-dine"),
    )
    assert (spec.method, spec.influence_params, spec.step, spec.window_days, spec.intensity) == (
        "buffer",
        {"radius_km": {"town": 20.0}},
        "month",
        45,
        True,
    )
    data = build_map(records, spec, gazetteer=gazetteer).atlas_data
    assert data["title"] == "North" and data["subtitle"] == "Sub"
    assert data["dates"] and all(d.startswith("2012-0") and d[5:7] in ("01", "02", "03") for d in data["dates"])
    layers = {layer["key"]: layer for layer in data["layers"]}
    assert layers["incidents"]["window_days"] == 45 and "intensity" in layers
    # the keyword form makes the same map
    keywords = build_map(
        records,
        gazetteer=gazetteer,
        title="North",
        subtitle="Sub",
        start=D(2012, 1, 1),
        end=D(2012, 3, 31),
        bbox=(-6.5, 13.5, 4.5, 21.5),
        actors=["mnla", "ansar-dine"],
        params={"radius_km": {"town": 20}},
        step="month",
        window_days=45,
        intensity=True,
    ).atlas_data
    assert keywords == data
