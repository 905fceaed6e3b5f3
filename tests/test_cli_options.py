"""The options registry of the command line (``geo/cli/_options.py``): each shared option
is defined once, and every command shows the registry's help for it."""

from __future__ import annotations

import argparse
import ast
import datetime as dt
from pathlib import Path

import pytest

from geo.cli import SUBCOMMANDS, build_parser, main
from geo.cli import _options as options
from geo.errors import InputError

CLI = Path(options.__file__).resolve().parent
FLAGS = {option.flag for option in options.OPTIONS.values()}


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of ``geo NAME``."""
    parser = build_parser(name)
    (subparsers,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return subparsers.choices[name]


def shown(name: str) -> dict[str, argparse.Action]:
    """The options of ``geo NAME`` by flag, and its arguments by name."""
    actions = command_parser(name)._actions
    return {flag: action for action in actions for flag in (action.option_strings or [action.dest])}


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_every_shared_option_shows_the_registry_help(name):
    actions = shown(name)
    for flag in sorted(FLAGS & set(actions)):
        help_text = actions[flag].help
        defining = [o for o in options.OPTIONS.values() if o.flag == flag and o.matches(help_text)]
        assert defining, f"geo {name} {flag}: {help_text!r} is no help of the registry"


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_every_help_renders(name, capsys):
    with pytest.raises(SystemExit) as done:
        main([name, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: geo {name}") and "--gazetteer DIR" in out


def test_no_command_defines_a_registry_option_itself():
    """An ``add_argument("--json", ...)`` outside the registry would be a second definition."""
    offences = []
    for path in sorted(CLI.glob("*.py")):
        if path.name == "_options.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_argument":
                flags = [a.value for a in node.args if isinstance(a, ast.Constant) and a.value in FLAGS]
                offences += [f"{path.name}:{node.lineno}: {flag}" for flag in flags]
    assert offences == []


def test_every_registry_option_is_used():
    used = {
        option.flag + " " + option.help
        for name in SUBCOMMANDS
        for flag, action in shown(name).items()
        for option in options.OPTIONS.values()
        if option.flag == flag and option.matches(action.help)
    }
    unused = [key for key, option in options.OPTIONS.items() if f"{option.flag} {option.help}" not in used]
    assert unused == []


def test_the_same_option_reads_the_same_in_every_command():
    """``--incidents`` of geo map and geo stats: one help, one metavar, one type."""
    first, second = shown("map")["--incidents"], shown("stats")["--incidents"]
    assert (first.help, first.metavar, first.type) == (second.help, second.metavar, second.type)
    assert first.help == options.INCIDENTS.help and first.metavar == "FILE" and first.type is Path


def test_help_text_adds_scope_note_and_default():
    assert options.AT.help_text(scope="actors").startswith("actors: the day (EDTF")
    assert options.RAW.help_text(note="with --csv").endswith("spreadsheets (with --csv)")
    assert options.EVERY.help_text(each="the rows") == "the period of the rows (default: %(default)s)"
    assert options.TITLE.help_text(each="map", note="default: x") == "the title of the map (default: x)"
    assert options.JSON_LINES.matches("JSON Lines output: one object per row")
    assert not options.JSON_LINES.matches("one JSON object per row")


def test_values_are_read_by_the_library_parsers():
    parser = argparse.ArgumentParser()
    for option in (options.FROM, options.TO, options.AT, options.BBOX, options.ACTORS, options.EVERY):
        option.add(parser)
    args = parser.parse_args(
        ["--from", "2022", "--to", "2022-02", "--at", "2023", "--bbox=-6.5,13.5,4.5,21.5", "--actors", "isgs, JNIM"]
    )
    assert options.FROM.value(args) == dt.date(2022, 1, 1)
    assert options.TO.value(args) == dt.date(2022, 2, 28)
    assert options.AT.value(args) == dt.date(2023, 12, 31)
    assert options.BBOX.value(args) == (-6.5, 13.5, 4.5, 21.5)
    assert options.ACTORS.value(args) == ("isgs", "JNIM")
    assert options.EVERY.value(args) == "month"
    with pytest.raises(InputError, match=r"^--from '2022-13': '2022-13' is not a valid EDTF date"):
        options.FROM.value(argparse.Namespace(start="2022-13"))
    with pytest.raises(InputError, match=r"^--every 'weekly': unknown period; did you mean week\?"):
        options.EVERY.value(argparse.Namespace(every="weekly"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["timeline", "isgs", "--to", "2022-13"], "geo timeline: error: --to '2022-13': '2022-13' is not a valid"),
        (["area", "isgs", "--at", "2022-13"], "geo area: error: --at '2022-13': '2022-13' is not a valid"),
        (["timeline", "isgs", "--every", "weekly"], "geo timeline: error: --every 'weekly': unknown period"),
    ],
)
def test_commands_report_a_bad_date_or_period_the_same_way(argv, message, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(message)


def test_a_repeated_option_gets_a_fresh_default():
    """``--param`` appends: two parsers never share the list."""
    first, second = argparse.ArgumentParser(), argparse.ArgumentParser()
    options.PARAM.add(first)
    options.PARAM.add(second)
    assert first.parse_args(["--param", "max_km=3"]).param == ["max_km=3"]
    assert second.parse_args([]).param == []


def test_every_function_of_the_command_line_is_annotated():
    """Every function in geo/cli, private ones too, names the types of its parameters and its result."""
    missing = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                arguments += [a for a in (node.args.vararg, node.args.kwarg) if a is not None]
                bare = [a.arg for a in arguments if a.annotation is None and a.arg not in ("self", "cls")]
                if bare or node.returns is None:
                    missing.append(f"{path.name}:{node.lineno}: {node.name}({', '.join(bare)})")
    assert missing == []


@pytest.mark.parametrize(
    "argv",
    [["map"], ["snapshot", "--at", "2023"], ["report"], ["chart", "isgs"]],
    ids=lambda argv: argv[0],
)
def test_drawing_commands_never_overwrite_the_files_beside_incidents(argv, tmp_path, capsys):
    """--out is checked against every file the records are read from (options.record_inputs)."""
    (tmp_path / "incidents.csv").write_text("id\n", encoding="utf-8")
    actors = tmp_path / "actors.csv"
    actors.write_text("id\n", encoding="utf-8")
    code = main([*argv, "--incidents", str(tmp_path / "incidents.csv"), "--out", str(actors)])
    _out, err = capsys.readouterr()
    assert code == 2
    assert f"--out {actors} is the input records file {actors}: writing it would destroy what is read" in err
    assert actors.read_text(encoding="utf-8") == "id\n"


def test_the_options_that_take_a_negative_value_are_the_registry_bbox():
    """``--bbox -6.5,13.5,4.5,21.5`` is joined before argparse sees it (geo.cli keeps the
    flag itself, so that ``geo --help`` imports no registry)."""
    import geo.cli

    assert (options.BBOX.flag,) == geo.cli.NEGATIVE_VALUE_OPTIONS


def test_the_words_kept_for_a_fast_help_are_the_library_words():
    """Two commands keep a vocabulary of their own, so that their --help imports no numpy:
    they must say what the library says."""
    from geo.cli import area, extract
    from geo.extract.mention import KINDS
    from geo.geojson import GEOJSON_SUFFIXES

    assert area.GEOJSON_SUFFIXES == GEOJSON_SUFFIXES
    assert extract.KINDS == KINDS
