"""Recipes and influence parameters: every key checked by type and range, and against the
data, before anything is drawn; every mistake reported at once, nothing written."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo._input import MAX_WINDOW_DAYS
from geo.cli import main
from geo.cli._influence import parse_params
from geo.errors import InputError
from geo.influence import METHODS, Influence, check_params, param_names
from geo.recipes import (
    METHODS as RECIPE_METHODS,
)
from geo.recipes import (
    RECIPE_KEYS,
    STEPS,
    RecipeError,
    check_recipes,
    load_recipe,
    recipe_from_table,
    recipe_problems,
)
from geo.records import load_records

MAPS = Path(__file__).parents[1] / "maps"
BBOX_FIX = "the bounding box takes four numbers (west, south, east, north) in degrees"
WINDOW_FIX = f"give the days of incidents shown, 1 to {MAX_WINDOW_DAYS}; such as window_days = 30"
OUT_FIX = "give a file name ending in .html (it is written to the output folder), such as out = 'x.html'"
BUFFER_NAMES = (
    "activity_km, activity_max_uncertainty_km, add_uncertainty, influence_from_incidents, influence_min_incidents, "
    "influence_window_days, other_km, radius_km.camp, radius_km.capital, radius_km.city, radius_km.town, "
    "radius_km.village, stale_after_days, window_days"
)


@pytest.fixture(scope="module")
def records(gazetteer):
    return load_records(gazetteer=gazetteer)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str | bytes, name: str = "x.toml") -> list[str]:
    """The problems a recipe is refused for, each without the leading file name."""
    path = write(tmp_path, name, text)
    with pytest.raises(RecipeError) as caught:
        load_recipe(path)
    prefix = f"{path}: "
    assert all(p.startswith(prefix) for p in caught.value.problems), caught.value.problems
    return [p.removeprefix(prefix) for p in caught.value.problems]


# --- the bundled recipes -----------------------------------------------------------------


def test_the_bundled_recipes_validate_against_the_data(gazetteer, records):
    recipes = check_recipes(sorted(MAPS.glob("*.toml")), records=records, gazetteer=gazetteer)
    assert [r.out for r in recipes] == ["mali-2012-2023.html", "menaka-2022-2023.html", "north-2012-2013.html"]
    menaka = recipes[1]
    assert menaka.bbox == (0.5, 14.6, 5.0, 17.6) and menaka.method == "buffer" and menaka.step == "event"
    assert recipes[0].area == "ml" and recipes[0].method == "voronoi"


def test_the_recipes_know_the_methods_of_influence():
    assert RECIPE_METHODS == METHODS
    assert set(STEPS) == {"auto", "event", "week", "month", "quarter", "year"}


# --- keys by type and range -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "bbox = [true, 14.6, 5.0, 17.6]",
            f"bbox = [true, 14.6, 5.0, 17.6]: west true: not a number; {BBOX_FIX}; such as "
            "bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        (
            "bbox = [nan, 14.6, 5.0, 17.6]",
            f"bbox = [nan, 14.6, 5.0, 17.6]: west nan: not a finite number; {BBOX_FIX}; such as "
            "bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        (
            "bbox = [0.5, 14.6, inf, 17.6]",
            f"bbox = [0.5, 14.6, inf, 17.6]: east inf: not a finite number; {BBOX_FIX}; such as "
            "bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        (
            "bbox = [5.0, 14.6, 0.5, 17.6]",
            f"bbox = [5.0, 14.6, 0.5, 17.6]: {BBOX_FIX}: west must be less than east (is the order west, south, "
            "east, north?); such as bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        (
            "bbox = [0.5, 17.6, 5.0, 14.6]",
            f"bbox = [0.5, 17.6, 5.0, 14.6]: {BBOX_FIX}: south must be less than north (is the order west, south, "
            "east, north?); such as bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        (
            "bbox = [0.5, 14.6, 5.0, 97.6]",
            f"bbox = [0.5, 14.6, 5.0, 97.6]: north 97.6: out of range; {BBOX_FIX}, north from -90 to 90; "
            "such as bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        (
            "bbox = [1, 2, 3]",
            f"bbox = [1, 2, 3]: {BBOX_FIX}, not 3 values; such as bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        (
            'bbox = ["0.5", 14.6, 5.0, 17.6]',
            f"bbox = ['0.5', 14.6, 5.0, 17.6]: west '0.5': not a number; {BBOX_FIX}; such as "
            "bbox = [0.5, 14.6, 5.0, 17.6]",
        ),
        ("bbox = 3", "bbox = 3: must be a list, such as bbox = [0.5, 14.6, 5.0, 17.6]"),
        (
            "window_days = 0",
            f"window_days = 0: out of range; give the days of incidents shown, 1 to {MAX_WINDOW_DAYS}; "
            "such as window_days = 30",
        ),
        (
            "window_days = 100000",
            "window_days = 100000: out of range; give the days of incidents shown, "
            f"1 to {MAX_WINDOW_DAYS}; such as window_days = 30",
        ),
        ("window_days = 7.5", f"window_days = 7.5: not a whole number; {WINDOW_FIX}"),
        ("window_days = nan", f"window_days = nan: not a whole number; {WINDOW_FIX}"),
        ("window_days = true", "window_days = true: must be a whole number, such as window_days = 30"),
        ("intensity = 1", "intensity = 1: must be true or false, such as intensity = true"),
        ('step = "daily"', "step = 'daily': unknown step; choose auto, event, week, month, quarter or year"),
        ("step = 3", 'step = 3: must be str (text in quotes), such as step = "month"'),
        ('method = "kde"', "method = 'kde': unknown method; choose buffer or voronoi"),
        ("actors = []", "actors = []: an empty list; name at least one actor, or leave actors out for every actor"),
        ("actors = [1, 2]", 'actors = [1, 2]: give a list of actor ids or names; such as actors = ["isgs", "jnim"]'),
        ('actors = "isgs"', 'actors = \'isgs\': must be a list, such as actors = ["isgs", "jnim"]'),
        ("subtitle = 3", 'subtitle = 3: must be str (text in quotes), such as subtitle = "Zones from cited claims"'),
        (
            'area = ""',
            "area = '': an empty area; give an area id, or leave it out; such as area = \"ml-region-menaka\"",
        ),
        ('out = ""', f"out = '': an empty name; {OUT_FIX}"),
        ('out = "a\\u0000b.html"', f"out = 'a\\x00b.html': a NUL character in the name; {OUT_FIX}"),
        ('out = "../evil.html"', f"out = '../evil.html': a path, not a file name (no / or \\; no folders); {OUT_FIX}"),
        (
            'out = "/tmp/evil.html"',
            f"out = '/tmp/evil.html': a path, not a file name (no / or \\; no folders); {OUT_FIX}",
        ),
        (
            'out = "..\\\\evil.html"',
            f"out = '..\\\\evil.html': a path, not a file name (no / or \\; no folders); {OUT_FIX}",
        ),
        ('out = ".."', f"out = '..': a hidden or relative name (it starts with a dot); {OUT_FIX}"),
        ('out = "map.png"', f"out = 'map.png': not an .html file name; {OUT_FIX}"),
        ('out = "map\\n.html"', f"out = 'map\\n.html': a control character in the name; {OUT_FIX}"),
        ('from = "2022-13"', "from = '2022-13': '2022-13' is not a valid EDTF date: "),
        ('to = "2022/.."', "to = '2022/..': an open date; give a closed one; such as to = \"2023-04\""),
        ("from = 2022", 'from = 2022: must be str (text in quotes), such as from = "2022-01"'),
        ("title = 3", 'title = 3: must be str (text in quotes), such as title = "Northern Mali, 2012-2013"'),
        ("params = 3", "params = 3: must be a table, such as params = { max_km = 40 }"),
    ],
)
def test_each_key_is_checked_by_type_and_range(tmp_path, line, problem):
    title = "" if line.startswith("title") else 'title = "x"\n'
    problems = refusal(tmp_path, f"{title}{line}\n")
    assert len(problems) == 1
    if problem.endswith(": "):  # the date parser's own words follow
        assert problems[0].startswith(problem)
    else:
        assert problems[0] == problem


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        (
            "{ radius_km.bogus = 3 }",
            "params.radius_km.bogus = 3: unknown parameter 'radius_km.bogus' for method buffer; did you mean "
            f"radius_km.town? use one of {BUFFER_NAMES}",
        ),
        (
            '{ "radius_km.town" = -3 }',
            "params.radius_km.town = -3: out of range: takes a distance in km, above 0 to 500 (default 15.0)",
        ),
        (
            "{ radius_km.town = 0 }",
            "params.radius_km.town = 0: out of range: takes a distance in km, above 0 to 500 (default 15.0)",
        ),
        (
            "{ other_km = nan }",
            "params.other_km = nan: not a finite number: takes a distance in km, above 0 to 500 (default 10.0)",
        ),
        (
            "{ activity_km = inf }",
            "params.activity_km = inf: not a finite number: takes a distance in km, above 0 to 500 (default 20.0)",
        ),
        (
            "{ activity_km = true }",
            "params.activity_km = true: not a number: takes a distance in km, above 0 to 500 (default 20.0)",
        ),
        (
            '{ activity_km = "20" }',
            "params.activity_km = '20': not a number: takes a distance in km, above 0 to 500 (default 20.0)",
        ),
        ("{ add_uncertainty = 1 }", "params.add_uncertainty = 1: takes true or false (default true)"),
        (
            "{ window_days = 2.5 }",
            "params.window_days = 2.5: not a whole number: takes a whole number of days, "
            f"from 1 to {MAX_WINDOW_DAYS} (default 90)",
        ),
        (
            "{ max_km = 40 }",
            "params.max_km = 40: unknown parameter 'max_km' for method buffer; it is a parameter of --method voronoi; "
            f"use one of {BUFFER_NAMES}",
        ),
        (
            "{ other_km = { a = 1 } }",
            "params.other_km = { a = 1 }: nested tables are not parameters; give a value, such as other_km = 10.0",
        ),
        (
            "{ radius_km = { town = { a = 1 } } }",
            "params.radius_km.town = { a = 1 }: nested tables are not parameters; give a number",
        ),
    ],
)
def test_params_are_a_flat_table_of_the_methods_parameters(tmp_path, params, problem):
    assert refusal(tmp_path, f'title = "x"\nparams = {params}\n') == [problem]


def test_good_params_are_kept_as_influence_takes_them(tmp_path):
    path = write(tmp_path, "v.toml", 'title = "v"\nmethod = "voronoi"\nparams = { max_km = 40, window_days = 30 }\n')
    assert load_recipe(path).params == {"max_km": 40.0, "window_days": 30}
    path = write(tmp_path, "b.toml", 'title = "b"\nparams = { radius_km.town = 20, "radius_km.city" = 22 }\n')
    assert load_recipe(path).params == {"radius_km": {"town": 20.0, "city": 22.0}}


def test_unknown_keys_get_a_suggestion(tmp_path):
    assert refusal(tmp_path, 'title = "x"\nwindw_days = 3\nstart = "2022"\ncolour = "red"\n') == [
        "unknown key(s) windw_days (did you mean window_days?), start (did you mean from?), colour; "
        f"a recipe may set {', '.join(RECIPE_KEYS)}"
    ]


def test_every_mistake_of_a_recipe_at_once(tmp_path):
    problems = refusal(tmp_path, 'title = ""\nbbox = [true, 1, 2, 3]\nstep = "daily"\nfrom = "2023"\nto = "2022"\n')
    assert problems == [
        "title = '': an empty title; give one; such as title = \"Northern Mali, 2012-2013\"",
        "from = '2023', to = '2022': the range ends (2022-12-31) before it starts (2023-01-01); swap the two dates",
        f"bbox = [true, 1, 2, 3]: west true: not a number; {BBOX_FIX}; such as bbox = [0.5, 14.6, 5.0, 17.6]",
        "step = 'daily': unknown step; choose auto, event, week, month, quarter or year",
    ]


def test_missing_title_and_area_with_bbox(tmp_path):
    assert refusal(tmp_path, 'area = "ml"\nbbox = [0, 10, 1, 11]\n') == [
        'no title; add a line such as title = "Northern Mali, 2012-2013"',
        "give area or bbox, not both; remove one of the two lines",
    ]


def test_any_title_text_is_data(tmp_path):
    text = 'title = "{{ config }} <script>alert(1)</script> {0} %s $x"\nsubtitle = "\\u0007"\n'
    recipe = load_recipe(write(tmp_path, "t.toml", text))
    assert recipe.title == "{{ config }} <script>alert(1)</script> {0} %s $x" and recipe.subtitle == "\x07"


def test_toml_dates_are_read_as_dates(tmp_path):
    recipe = load_recipe(write(tmp_path, "d.toml", 'title = "d"\nfrom = 2022-03-01\nto = 2022-04-30\n'))
    assert (recipe.start, recipe.end) == (dt.date(2022, 3, 1), dt.date(2022, 4, 30))


# --- files that are not recipes ---------------------------------------------------------------


def test_latin1_is_named_with_its_offset_and_line(tmp_path):
    assert refusal(tmp_path, 'title = "x"\nsubtitle = "caf\xe9"\n'.encode("latin-1")) == [
        "not UTF-8: byte 0xe9 at offset 27 (line 2, column 16); save the recipe as UTF-8 "
        "(e.g. iconv -f latin1 -t utf-8 x.toml)"
    ]


def test_toml_syntax_errors_have_line_and_column(tmp_path):
    assert refusal(tmp_path, 'title = "x"\nbbox = [1, 2,, 3]\n') == [
        "not valid TOML: Invalid value (at line 2, column 14); see https://toml.io for the syntax"
    ]


@pytest.mark.parametrize("text", ["a = " + "[" * 5000, "a = " + "{b=" * 5000, "params = " + "{ a = " * 3000])
def test_deeply_nested_tables_are_refused(tmp_path, text):
    assert refusal(tmp_path, text) == [
        "not valid TOML: tables or lists nested too deeply; a recipe holds text, numbers, lists and one params table"
    ]


def test_an_empty_file_a_missing_file_and_a_folder(tmp_path):
    assert refusal(tmp_path, "") == ['no title; add a line such as title = "Northern Mali, 2012-2013"']
    with pytest.raises(RecipeError, match="no such recipe"):
        load_recipe(tmp_path / "missing.toml")
    with pytest.raises(RecipeError, match="a folder, not a recipe"):
        load_recipe(tmp_path)


# --- against the data ------------------------------------------------------------------


def test_a_town_is_not_an_area(tmp_path, gazetteer, records):
    recipe = load_recipe(write(tmp_path, "t.toml", 'title = "t"\narea = "ml-menaka"\n'))
    assert recipe_problems(recipe, records=records, gazetteer=gazetteer) == [
        f"{recipe.path}: area = 'ml-menaka': the city Ménaka [ml-menaka] is a point, not an area; give "
        'area = "ml-region-menaka" (Ménaka Region, which holds it), or a bounding box around it such as '
        "bbox = [1.9, 15.4, 2.9, 16.4]"
    ]


def test_areas_by_id_or_name_and_unknown_ones(tmp_path, gazetteer, records):
    for area in ("ml", "ml-region-menaka", "area-azawad"):
        recipe = load_recipe(write(tmp_path, "a.toml", f'title = "a"\narea = "{area}"\n'))
        assert recipe_problems(recipe, records=records, gazetteer=gazetteer) == []
    recipe = load_recipe(write(tmp_path, "u.toml", 'title = "u"\narea = "ml-region-menak"\n'))
    (problem,) = recipe_problems(recipe, records=records, gazetteer=gazetteer)
    assert problem.startswith(f"{recipe.path}: area = 'ml-region-menak': ")
    assert "ml-region-menaka" in problem and "give an area id" in problem


def test_unknown_actors_get_the_closest_ids(tmp_path, gazetteer, records):
    recipe = load_recipe(
        write(tmp_path, "a.toml", 'title = "a"\nactors = ["isgs", "jnmi", "Islamic State Grater Sahara"]\n')
    )
    problems = recipe_problems(recipe, records=records, gazetteer=gazetteer)
    assert len(problems) == 2
    assert problems[0].startswith(
        f"{recipe.path}: actors = ['isgs', 'jnmi', 'Islamic State Grater Sahara']: no actor is called 'jnmi'; "
        "closest: jnim ("
    )
    assert "no actor is called 'Islamic State Grater Sahara'; closest: isgs (" in problems[1]


def test_duplicate_outs_name_both_recipes(tmp_path, gazetteer, records):
    a = write(tmp_path, "a.toml", 'title = "a"\nout = "same.html"\n')
    b = write(tmp_path, "b.toml", 'title = "b"\nout = "Same.html"\n')
    with pytest.raises(RecipeError) as caught:
        check_recipes([a, b], records=records, gazetteer=gazetteer)
    assert caught.value.problems == [
        f"{b}: out = 'Same.html': {a} writes 'same.html' too; give one of the two another out name"
    ]


def test_every_problem_of_every_recipe_at_once(tmp_path, gazetteer, records):
    a = write(tmp_path, "a.toml", 'title = "a"\narea = "ml-menaka"\n')
    b = write(tmp_path, "b.toml", 'title = "b"\nbbox = [true, 1, 2, 3]\n')
    c = write(tmp_path, "c.toml", 'title = "c"\nactors = ["nobody-at-all"]\n')
    with pytest.raises(RecipeError) as caught:
        check_recipes([a, b, c], records=records, gazetteer=gazetteer)
    problems = caught.value.problems
    assert [p.split(":")[0] for p in problems] == [str(b), str(a), str(c)]
    assert str(caught.value).startswith("3 problems in the recipes, nothing drawn:\n  ")


# --- geo render --------------------------------------------------------------------------


def test_render_writes_nothing_when_the_second_recipe_is_bad(tmp_path, capsys):
    good = write(
        tmp_path, "good.toml", 'title = "G"\nfrom = "2012-01"\nto = "2012-02"\nbbox = [-6.5, 13.5, 4.5, 21.5]\n'
    )
    bad = write(tmp_path, "bad.toml", 'title = "B"\narea = "ml-region-nowhere"\n')
    out = tmp_path / "out"
    assert main(["render", str(good), str(bad), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"geo render: error: {bad}: area = 'ml-region-nowhere': ")
    assert "[1/2]" not in err and "wrote" not in err
    assert not out.exists() or not any(out.iterdir())


def test_render_refuses_duplicate_outs(tmp_path, capsys):
    a = write(tmp_path, "a.toml", 'title = "A"\nbbox = [0, 10, 1, 11]\nout = "m.html"\n')
    b = write(tmp_path, "b.toml", 'title = "B"\nbbox = [0, 10, 1, 11]\nout = "m.html"\n')
    out = tmp_path / "out"
    assert main(["render", str(a), str(b), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"geo render: error: {b}: out = 'm.html': {a} writes 'm.html' too; give one of the two another out name\n"
    )
    assert not out.exists() or not any(out.iterdir())


def test_render_lists_every_problem(tmp_path, capsys):
    a = write(tmp_path, "a.toml", b'title = "caf\xe9"\n')
    b = write(tmp_path, "b.toml", 'title = "b"\nparams = { radius_km.bogus = 3 }\nactors = ["nobody-at-all"]\n')
    c = write(tmp_path, "c.toml", 'title = "c"\narea = "ml-menaka"\n')
    assert main(["render", str(a), str(b), str(c), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("geo render: error: 3 problems in the recipes, nothing drawn:\n")
    assert f"  {a}: not UTF-8: byte 0xe9 at offset 12 (line 1, column 13)" in err
    assert f"  {b}: params.radius_km.bogus = 3: unknown parameter 'radius_km.bogus'" in err
    assert f"  {c}: area = 'ml-menaka': the city Ménaka [ml-menaka] is a point, not an area" in err
    assert "nobody-at-all" not in err  # b's keys are wrong: its actors are not looked up
    assert "Traceback" not in err


# --- --param and --window -----------------------------------------------------------------


def test_parse_params_checks_names_and_values():
    assert parse_params(["max_km=30"], 30, method="voronoi") == {"max_km": 30.0, "window_days": 30}
    assert parse_params(["radius_km.town=20", "add_uncertainty=false"], method="buffer") == {
        "radius_km": {"town": 20.0},
        "add_uncertainty": False,
    }
    with pytest.raises(InputError) as caught:
        parse_params(["radius_km.bogus=3"], method="buffer")
    assert str(caught.value) == (
        "--param radius_km.bogus=3: unknown parameter 'radius_km.bogus' for method buffer; did you mean "
        f"radius_km.town? use one of {BUFFER_NAMES}"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--param", "radius_km.bogus=3"],
            "--param radius_km.bogus=3: unknown parameter 'radius_km.bogus' for method buffer; did you mean "
            f"radius_km.town? use one of {BUFFER_NAMES}",
        ),
        (
            ["--param", "radius_km.town=-1"],
            "--param radius_km.town=-1: out of range: takes a distance in km, above 0 to 500 (default 15.0)",
        ),
        (
            ["--method", "voronoi", "--param", "max_km=nan"],
            "--param max_km=nan: not a finite number: takes a distance in km, above 0 to 500 (default 50.0)",
        ),
        (
            ["--method", "voronoi", "--param", "max_km=1e400"],
            "--param max_km=1e400: not a finite number: takes a distance in km, above 0 to 500 (default 50.0)",
        ),
        (
            ["--param", "max_km=30"],
            "--param max_km=30: unknown parameter 'max_km' for method buffer; it is a parameter of --method voronoi; "
            f"use one of {BUFFER_NAMES}",
        ),
        (["--param", "add_uncertainty=1"], "--param add_uncertainty=1: takes true or false (default true)"),
        (
            ["--window", "0"],
            f"--window 0: out of range: takes a whole number of days, from 1 to {MAX_WINDOW_DAYS} (default 90)",
        ),
        (
            ["--window", "99999"],
            f"--window 99999: out of range: takes a whole number of days, from 1 to {MAX_WINDOW_DAYS} (default 90)",
        ),
        (
            ["--param", "window_days=30", "--window", "30"],
            "--window 30 and --param window_days=30: give the window once",
        ),
        (
            ["--param", "other_km=5", "--param", "other_km=6"],
            "--param other_km=6: other_km is given twice (other_km=5 and other_km=6); give it once",
        ),
        (
            ["--param", "other_km=abc"],
            "--param 'other_km=abc': 'abc' is not a number; write NAME=VALUE, such as max_km=30",
        ),
    ],
)
def test_cli_params_are_refused(capsys, argv, message):
    assert main(["timeline", "isgs", "--every", "year", *argv]) == 2
    assert capsys.readouterr().err == f"geo timeline: error: {message}\n"


@pytest.mark.parametrize(
    "command",
    [
        ["map", "--out", "{out}/m.html"],
        ["export", "--layers", "influence", "--out", "{out}"],
        ["snapshot", "--at", "2023-04-30", "--out", "{out}/s.png"],
        ["report", "--out", "{out}/r.html"],
        ["area", "isgs", "--at", "2023-04-30"],
    ],
)
def test_every_command_with_params_checks_them(tmp_path, capsys, command):
    argv = [item.replace("{out}", str(tmp_path)) for item in command]
    assert main([*argv, "--param", "radius_km.bogus=3"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"geo {command[0]}: error: --param radius_km.bogus=3: unknown parameter 'radius_km.bogus'")
    assert list(tmp_path.iterdir()) == []


def test_influence_uses_the_same_check(records, gazetteer):
    with pytest.raises(InputError) as caught:
        Influence(records, gazetteer=gazetteer, params={"radius_km": {"bogus": 3}, "other_km": -1})
    assert str(caught.value).splitlines() == [
        "parameter radius_km.bogus = 3: unknown parameter 'radius_km.bogus' for method buffer; did you mean "
        f"radius_km.town? use one of {BUFFER_NAMES}",
        "parameter other_km = -1: out of range: takes a distance in km, above 0 to 500 (default 10.0)",
    ]
    influence = Influence(records, gazetteer=gazetteer, params={"radius_km.town": 20, "window_days": 30.0})
    assert influence.params["radius_km"]["town"] == 20.0 and influence.params["window_days"] == 30
    assert influence.params["radius_km"]["city"] == 25.0


def test_param_names_per_method():
    assert param_names("voronoi") == [
        "activity_max_uncertainty_km",
        "influence_from_incidents",
        "influence_min_incidents",
        "influence_window_days",
        "max_km",
        "same_place_km",
        "stale_after_days",
        "window_days",
    ]
    assert "max_km" in param_names() and "radius_km.town" in param_names()
    assert check_params(None, {"max_km": 30}) == {"max_km": 30.0}


# --- arbitrary values: accepted, or one clear InputError -----------------------------------------

SCALARS = (
    st.text(max_size=20)
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.dates()
    | st.sampled_from(["2022-03", "2012/2013", "ml", "isgs", "x.html", "buffer", "voronoi", "month", "../a.html"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=12,
)
PARAM_TABLES = st.dictionaries(
    st.sampled_from([*param_names(), "radius_km", "bogus", "radius_km.bogus"]),
    VALUES,
    max_size=4,
)


def toml_value(value) -> str:
    """A value as TOML text (tomllib reads, writes nothing)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + " }"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.dictionaries(
        st.sampled_from([*RECIPE_KEYS, "windw_days", ""]),
        VALUES | PARAM_TABLES,
        max_size=6,
    )
)
def test_arbitrary_values_are_accepted_or_refused_clearly(tmp_path, table):
    text = "\n".join(f"{json.dumps(key)} = {toml_value(value)}" for key, value in table.items()) + "\n"
    path = write(tmp_path, "h.toml", text)
    try:
        recipe = load_recipe(path)
    except RecipeError as caught:
        problems = caught.problems
    else:
        problems = []
    if problems:
        assert all(p.startswith(f"{path}: ") and "Traceback" not in p for p in problems)
        return
    assert recipe.title.strip()
    assert recipe.out.endswith(".html") and "/" not in recipe.out and "\x00" not in recipe.out
    if recipe.bbox:
        west, south, east, north = recipe.bbox
        assert -180 <= west < east <= 180 and -90 <= south < north <= 90
    if recipe.window_days is not None:
        assert type(recipe.window_days) is int and 1 <= recipe.window_days <= MAX_WINDOW_DAYS
    assert check_params(recipe.method, recipe.params) == recipe.params  # the params check twice the same


@settings(max_examples=300, deadline=None)
@given(method=st.sampled_from([*METHODS, None]), params=PARAM_TABLES)
def test_arbitrary_params_are_accepted_or_refused_clearly(method, params):
    try:
        checked = check_params(method, params)
    except InputError as caught:
        message, checked = str(caught), {}
    else:
        message = ""
    assert message == "" or message.startswith("parameter ")
    for value in checked.values():
        for item in value.values() if isinstance(value, dict) else [value]:
            assert isinstance(item, bool | int | float) and (isinstance(item, bool) or math.isfinite(item))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_are_a_recipe_or_one_clear_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "b.toml"
    path.write_bytes(data)
    try:
        load_recipe(path)
    except RecipeError as caught:
        problems = caught.problems
    else:
        problems = [f"{path}: "]
    assert problems and all(p.startswith(f"{path}: ") for p in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(area=st.text(min_size=1, max_size=30), actors=st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=3))
def test_arbitrary_areas_and_actors_are_found_or_refused_clearly(gazetteer, records, area, actors):
    table = {"title": "x", "area": area, "actors": actors}
    recipe, problems = recipe_from_table(Path("maps/h.toml"), table)
    if recipe is None:
        assert problems
        return
    for problem in recipe_problems(recipe, records=records, gazetteer=gazetteer):
        assert problem.startswith("maps/h.toml: ")


def test_a_recipe_given_twice_and_a_bad_default_out(tmp_path, gazetteer, records):
    a = write(tmp_path, "a.toml", 'title = "a"\n')
    with pytest.raises(RecipeError) as caught:
        check_recipes([a, a], records=records, gazetteer=gazetteer)
    assert caught.value.problems == [f"{a}: given twice; give each recipe once"]
    hidden = write(tmp_path, ".toml", 'title = "h"\n')
    assert refusal(tmp_path, 'title = "h"\n', name=".toml") == [
        "out, by default the file's name, would be '.toml.html': a hidden or relative name (it starts with a dot); "
        'rename the file or give out = "name.html"'
    ]
    assert load_recipe(write(tmp_path, "b.toml", 'title = "h"\nout = "h.html"\n')).out == "h.html"
    assert hidden.exists()
