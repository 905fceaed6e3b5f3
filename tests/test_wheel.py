"""The package works when installed from its wheel, with every module and the data inside it.

The wheel is built from a clean copy of the source tree (no stale ``build/`` folder, nothing
written into the working tree), installed alone into a fresh virtual environment whose
dependencies come from this one, and run from a folder outside the repository. What must be
in it is computed from the source tree, so a new module or subpackage of ``geo/`` is covered
without touching this file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import geo.cli
from geo.cli import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[1]

# Every module of the package, as a path inside the wheel (``geo/extract/places/finder.py``).
SOURCE_MODULES = sorted(
    path.relative_to(ROOT).as_posix() for path in (ROOT / "geo").rglob("*.py") if "__pycache__" not in path.parts
)

# Data the package reads at run time, under its name inside the wheel.
DATA_FILES = [
    "geo/py.typed",  # PEP 561: the package's annotations are for its users' type checkers
    "geo/_gazetteer/places.csv",
    "geo/_gazetteer/areas.geojson",
    "geo/_gazetteer/reference/geonames.cols.gz",
    "geo/_gazetteer/reference/osm.cols.gz",
    "geo/_gazetteer/gazetteer.ready",  # not in the source tree: setup.py builds it (geo/_ready.py)
    *(f"geo/_seeds/{name}.csv" for name in ("sources", "actors", "incidents", "claims", "assertions")),
    *(
        f"geo/assets/{name}"
        for name in ("atlas.css", "atlas-analyst.js", "atlas-analyst.css", "review.js", "review.css")
    ),
    *(f"geo/assets/atlas/{path.name}" for path in sorted((ROOT / "geo" / "assets" / "atlas").glob("*.js"))),
]

# Left out of the copy that the wheel is built from: artefacts of earlier builds and runs.
_NOT_SOURCE_AT_TOP = {".git", ".venv", "venv", "build", "dist"}
_NOT_SOURCE_ANYWHERE = ("__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".mypy_cache", "*.pyc")


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = set(shutil.ignore_patterns(*_NOT_SOURCE_ANYWHERE)(folder, names))
    here = Path(folder).resolve()
    if here == ROOT:
        ignored |= _NOT_SOURCE_AT_TOP & set(names)
    elif here == ROOT / "maps":
        ignored |= {"out"} & set(names)
    return ignored


def _run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "sahel-atlas"
    shutil.copytree(ROOT, source, ignore=_ignore, symlinks=True)
    out = tmp_path_factory.mktemp("wheel")
    built = _run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        cwd=source,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def wheel_names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


class Installed:
    """The wheel installed alone into a fresh virtual environment."""

    def __init__(self, python: Path, purelib: Path, elsewhere: Path) -> None:
        self.python, self.purelib, self.elsewhere = python, purelib, elsewhere
        # Nothing may lead Python back to the source tree.
        self.env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}}

    def geo(self, *args: str) -> subprocess.CompletedProcess[str]:
        return _run([str(self.python), "-m", "geo", *args], cwd=self.elsewhere, env=self.env)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("installed")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Install the wheel alone; its dependencies come from this environment's packages.
    done = _run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", purelib, str(wheel)], cwd=base)
    assert done.returncode == 0, done.stdout + done.stderr
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "_deps_from_test_env.pth").write_text("\n".join(sorted(here)) + "\n", encoding="utf-8")
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return Installed(python, Path(purelib), elsewhere)


def test_source_tree_is_the_one_under_test():
    assert Path(geo.cli.__file__).resolve().is_relative_to(ROOT / "geo")
    assert len(SOURCE_MODULES) > 50
    assert "geo/extract/__init__.py" in SOURCE_MODULES
    for name, (module, _) in SUBCOMMANDS.items():
        assert f"{module.replace('.', '/')}.py" in SOURCE_MODULES, name


def test_wheel_ships_every_module_of_the_source_tree(wheel_names):
    missing = [name for name in SOURCE_MODULES if name not in wheel_names]
    packages = sorted({name.rpartition("/")[0].replace("/", ".") for name in missing})
    assert not missing, f"packages {packages} are not in the wheel (setup.py finds them by pattern); missing: {missing}"


def test_wheel_ships_the_data_and_not_the_build_scripts(wheel_names):
    for name in DATA_FILES:
        assert name in wheel_names
    assert "geo/_gazetteer/README.md" in wheel_names
    assert "geo/_seeds/README.md" in wheel_names
    assert not any("scripts/" in name or name.endswith("build_reference.py") for name in wheel_names)
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in wheel_names)
    # Only the package and its metadata: no top-level gazetteer/, seeds/, tests/ or benchmarks/.
    (metadata,) = {name.split("/")[0] for name in wheel_names} - {"geo"}
    assert metadata.startswith("sahel_atlas-") and metadata.endswith(".dist-info")


def test_wheel_declares_the_geo_command(wheel):
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [name for name in archive.namelist() if name.endswith(".dist-info/entry_points.txt")]
        entry_points = archive.read(name).decode("utf-8")
    assert "[console_scripts]" in entry_points
    assert "geo = geo.cli:entry" in entry_points


@pytest.mark.slow
def test_installed_package_has_every_module_and_is_the_one_imported(installed):
    on_disk = {
        path.relative_to(installed.purelib).as_posix()
        for path in (installed.purelib / "geo").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert not [name for name in SOURCE_MODULES if name not in on_disk]
    assert not [name for name in DATA_FILES if name not in on_disk]
    where = _run(
        [str(installed.python), "-c", "import geo, geo.extract; print(geo.__file__); print(geo.extract.__file__)"],
        cwd=installed.elsewhere,
        env=installed.env,
    )
    assert where.returncode == 0, where.stderr
    for line in where.stdout.splitlines():
        assert Path(line).is_relative_to(installed.purelib), "geo must come from the installed wheel"


@pytest.mark.slow
def test_installed_gazetteer_is_read_from_its_fresh_load_ready_file(installed):
    code = (
        "from geo import Gazetteer\n"
        "from geo._ready import cache_path, ready_is_fresh\n"
        "from geo._resources import bundled_dir\n"
        "folder = bundled_dir('gazetteer')\n"
        "loaded = Gazetteer.load()\n"
        "print(loaded.ready_file)\n"
        "print(ready_is_fresh(folder), cache_path(folder).exists(), loaded.lookup('Ménaka').place.id)\n"
    )
    done = _run([str(installed.python), "-c", code], cwd=installed.elsewhere, env=installed.env)
    assert done.returncode == 0, done.stderr
    where, facts = done.stdout.splitlines()
    # the file shipped beside the installed sources, fresh for them and the installed code: no cache needed
    assert Path(where) == installed.purelib / "geo" / "_gazetteer" / "gazetteer.ready"
    assert facts == "True False ml-menaka"


@pytest.mark.slow
def test_installed_help_for_the_command_and_every_subcommand(installed):
    # Started together, then waited for: one process per subcommand, in parallel.
    commands = {None: [], **{name: [name] for name in SUBCOMMANDS}}
    running = {
        name: subprocess.Popen(
            [str(installed.python), "-m", "geo", *args, "--help"],
            cwd=installed.elsewhere,
            env=installed.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in commands.items()
    }
    for name, process in running.items():
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, f"geo {name or ''} --help: {stderr}"
        usage = "usage: geo" if name is None else f"usage: geo {name}"
        assert stdout.startswith(usage), f"geo {name or ''} --help: {stdout[:200]}"
        if name is None:
            assert all(sub in stdout for sub in SUBCOMMANDS)


@pytest.mark.slow
def test_installed_wheel_geocodes_and_validates_from_another_directory(installed):
    done = installed.geo("geocode", "Ménaka", "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["id"] == "ml-menaka"
    checked = installed.geo("validate")
    assert checked.returncode == 0, checked.stderr
    assert "_seeds: all records valid" in checked.stderr


@pytest.mark.slow
def test_installed_wheel_extracts_a_place_from_an_article(installed):
    article = installed.elsewhere / "article.txt"
    article.write_text("Gunfire was heard near Ménaka on the morning of 8 March 2022.\n", encoding="utf-8")
    done = installed.geo("extract", str(article), "--json")
    assert done.returncode == 0, done.stderr
    mentions = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    places = [m for m in mentions if m["kind"] == "place"]
    assert [m["place"] for m in places] == ["ml-menaka"]
    assert article.read_text(encoding="utf-8")[places[0]["start"] : places[0]["end"]] == "Ménaka"
    assert any(m["kind"] == "date" and m["date"] == "2022-03-08" for m in mentions)


@pytest.mark.slow
def test_installed_wheel_draws_a_self_contained_map(installed):
    out = installed.elsewhere / "map" / "menaka.html"
    out.parent.mkdir()
    extent = ["--area", "ml-region-menaka", "--from", "2022-03", "--to", "2022-04"]
    done = installed.geo("map", "--out", str(out), "--self-contained", *extent)
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    html = out.read_text(encoding="utf-8")
    assert "atlasInit" in html
    assert '<script src="http' not in html, "a self-contained map loads no script from the network"


@pytest.mark.slow
def test_installed_wheel_renders_a_recipe(installed):
    recipes = installed.elsewhere / "recipes"
    recipes.mkdir()
    recipe = shutil.copy(ROOT / "maps" / "menaka-2022-2023.toml", recipes)
    out = installed.elsewhere / "rendered"
    out.mkdir()
    done = installed.geo("render", str(recipe), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert [path.name for path in out.iterdir()] == ["menaka-2022-2023.html"]
    assert "atlasInit" in (out / "menaka-2022-2023.html").read_text(encoding="utf-8")
