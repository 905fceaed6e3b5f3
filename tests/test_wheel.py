"""The package works when installed from its wheel, with the data inside it."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    (found,) = out.glob("*.whl")
    return found


def test_wheel_ships_the_data_and_not_the_build_scripts(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "geo/_gazetteer/places.csv" in names
    assert "geo/_gazetteer/areas.geojson" in names
    assert "geo/_gazetteer/reference/geonames.cols.gz" in names
    for name in ("sources", "actors", "incidents", "claims", "assertions"):
        assert f"geo/_seeds/{name}.csv" in names
    assert not any(name.endswith("build_reference.py") for name in names)


@pytest.mark.slow
def test_installed_wheel_geocodes_from_another_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # Install the wheel alone; its dependencies come from this environment's packages.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", purelib, str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "_deps_from_test_env.pth").write_text("\n".join(sorted(here)) + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [str(python), "-m", "geo", "geocode", "Ménaka", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["id"] == "ml-menaka"
    where = subprocess.run(
        [str(python), "-c", "import geo; print(geo.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(purelib), "geo must come from the installed wheel, not the source tree"
    checked = subprocess.run(
        [str(python), "-m", "geo", "validate"], cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    assert "_seeds: all records valid" in checked.stderr
