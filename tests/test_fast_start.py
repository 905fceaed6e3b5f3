"""Fast start (issue 18, item 4): the load-ready gazetteer, the per-process memo, lazy imports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest
import shapely
from conftest import write_places

from geo import Gazetteer
from geo._ready import READY_FILE, SOURCES, cache_dir, cache_path, read_ready, ready_file, ready_is_fresh
from geo._resources import bundled_dir
from geo.gazetteer import write_ready_file
from geo.gazetteer.core import _LOADED

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("ids", "names", "kinds", "countries", "admin1", "admin2", "tiers", "geonames_ids", "variants", "areas")
QUERIES = [
    ("Ménaka", {}),
    ("Manaka", {}),
    ("Tidarméné", {}),
    ("75 km north of Ménaka", {}),
    ("Dioura", {}),
    ("Dioura", {"admin2": "Ténenkou"}),
    ("Sokolo", {"admin2": "Bankass"}),
    ("Kouna", {"admin1": "Mopti", "admin2": "Mopti"}),
    ("Toubani", {"near": "Tessit"}),
    ("Gao", {"admin1": "Gao", "on": "2014"}),
    ("Inchinanane", {}),
    ("Atlantis", {}),
    ("Tombouctou", {"country": "ML"}),
]


def _answer(gazetteer: Gazetteer, query: str, context: dict) -> tuple:
    r = gazetteer.lookup(query, **context)
    return (
        r.status,
        r.place.id if r.place else None,
        r.lat,
        r.lon,
        r.uncertainty_km,
        r.score,
        [(p.id, s) for p, s in r.candidates],
        r.reason,
        r.warnings,
    )


@pytest.fixture(scope="module", params=["beside", "cache"])
def from_ready(request, tmp_path_factory) -> Gazetteer:
    """The bundled sources, with a load-ready file built now (beside them, or into the
    cache by a first load), loaded from that file."""
    folder = _copy_gazetteer(tmp_path_factory.mktemp("ready"))
    if request.param == "beside":
        write_ready_file(folder)
        expected = folder / READY_FILE
    else:
        first = Gazetteer.load(folder)
        assert first.ready_file is None  # read from the sources, then cached
        expected = cache_path(folder)
    gazetteer = Gazetteer.load(folder, reload=True)
    assert gazetteer._ready_areas is not None
    assert gazetteer.ready_file == expected
    return gazetteer


@pytest.fixture(scope="module")
def from_sources() -> Gazetteer:
    gazetteer = Gazetteer._from_sources(bundled_dir("gazetteer"), bundled=True, osm=True)
    gazetteer._ensure_area_tags()  # the load-ready file holds the tags from the start
    return gazetteer


def _load_in_new_process(folder: Path | None = None) -> str:
    """The ``ready_file`` of ``Gazetteer.load(folder)`` in a fresh process ("None": the sources)."""
    code = f"from geo import Gazetteer; print(Gazetteer.load({None if folder is None else str(folder)!r}).ready_file)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_the_ready_file_is_not_committed_but_ignored():
    assert not (ROOT / "gazetteer" / READY_FILE).exists()
    assert "gazetteer/gazetteer.ready" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert READY_FILE not in config["tool"]["setuptools"]["package-data"]["geo._gazetteer"]  # setup.py makes it
    assert {"numpy>=1.26", "shapely>=2.1"} <= set(config["build-system"]["requires"])


def test_tests_use_a_cache_of_their_own():
    assert cache_dir() == Path(os.environ["SAHEL_ATLAS_CACHE"])
    assert not cache_dir().is_relative_to(Path.home())


def test_bundled_load_in_a_checkout_reads_the_cache(gazetteer):
    # the session's first load wrote the cache (or read it); a new process reads it
    assert _load_in_new_process() == str(cache_path(bundled_dir("gazetteer")))
    assert ready_file(bundled_dir("gazetteer")) == cache_path(bundled_dir("gazetteer"))
    again = Gazetteer.load(reload=True)
    assert again._ready_areas is not None and again._tagged  # not the parsing path


def test_a_failed_cache_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import geo._ready

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("SAHEL_ATLAS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(geo._ready.os, "replace", full_disk)
    folder = _tiny(tmp_path / "g")
    loaded = Gazetteer.load(folder)
    assert loaded.ready_file is None and loaded.place("ml-a").name == "Aaa"
    assert _cache_files(tmp_path / "cache") == []  # the temporary file was removed


def _tiny(folder: Path, name: str = "Aaa") -> Path:
    row = {"id": "ml-a", "name": name, "kind": "village", "lat": "15", "lon": "0", "uncertainty_km": "2"}
    write_places(folder / "places.csv", [{**row, "country": "ML"}])
    return folder


def _cache_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_first_load_writes_the_cache_and_the_next_process_reads_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHEL_ATLAS_CACHE", str(tmp_path / "cache"))
    folder = _tiny(tmp_path / "g")
    first = Gazetteer.load(folder)
    assert first.ready_file is None  # read from the sources ...
    expected = cache_path(folder)
    assert expected.parent == tmp_path / "cache"
    assert _cache_files(tmp_path / "cache") == [expected.name]  # ... then cached, no partial file left
    assert not (folder / READY_FILE).exists()  # nothing written beside the sources
    assert _load_in_new_process(folder) == str(expected)
    second = Gazetteer.load(folder, reload=True)
    assert second.ready_file == expected
    assert second.place("ml-a") == first.place("ml-a")
    assert second.lookup("Aaa").place.id == "ml-a"


def test_a_changed_source_makes_the_cache_stale_and_it_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHEL_ATLAS_CACHE", str(tmp_path / "cache"))
    folder = _tiny(tmp_path / "g")
    Gazetteer.load(folder)
    old = cache_path(folder)
    assert old.is_file()
    _tiny(folder, "Bbb")
    assert ready_file(folder) is None  # stale
    changed = Gazetteer.load(folder)
    assert changed.ready_file is None and changed.place("ml-a").name == "Bbb"
    new = cache_path(folder)
    assert new != old and new.is_file()
    assert Gazetteer.load(folder, reload=True).ready_file == new
    # the folder keeps its newest few files, not one per edit
    for name in ("Ccc", "Ddd", "Eee"):
        _tiny(folder, name)
        assert Gazetteer.load(folder).ready_file is None
    assert len(_cache_files(tmp_path / "cache")) == 3
    assert cache_path(folder).name in _cache_files(tmp_path / "cache")
    assert old.name not in _cache_files(tmp_path / "cache")
    # another folder with the same sources has files of its own, and keeps the others'
    other = _tiny(tmp_path / "h", "Eee")
    Gazetteer.load(other)
    assert cache_path(other) != cache_path(folder)
    assert len(_cache_files(tmp_path / "cache")) == 4


@pytest.mark.parametrize("blocker", ["file", "read-only"])
def test_an_unwritable_cache_never_fails_a_load(tmp_path, monkeypatch, blocker):
    cache = tmp_path / "cache"
    if blocker == "file":
        cache.write_text("not a folder", encoding="utf-8")
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders")
        cache.mkdir()
        cache.chmod(0o500)
    monkeypatch.setenv("SAHEL_ATLAS_CACHE", str(cache))
    folder = _tiny(tmp_path / "g")
    loaded = Gazetteer.load(folder)
    assert loaded.ready_file is None and loaded.lookup("Aaa").place.id == "ml-a"
    assert Gazetteer.load(folder, reload=True).ready_file is None  # still the sources, still no error
    assert _load_in_new_process(folder) == "None"
    if blocker == "file":
        assert cache.read_text(encoding="utf-8") == "not a folder"
    else:
        assert list(cache.iterdir()) == []


def test_ready_and_sources_hold_the_same_records(from_ready, from_sources):
    ready, parsed = from_ready._store, from_sources._store
    assert len(ready) == len(parsed) > 100_000
    for column in COLUMNS:
        assert list(getattr(ready, column)) == list(getattr(parsed, column)), column
    for column in ("lat", "lon", "uncertainty_km", "population"):
        np.testing.assert_array_equal(getattr(ready, column), getattr(parsed, column))
    assert ready.extra == parsed.extra
    assert _pairs(ready) == _pairs(parsed) and len(ready.key_pairs().keys) > 100_000
    np.testing.assert_array_equal(from_ready._active, from_sources._active)
    assert from_ready.place("ml-menaka") == from_sources.place("ml-menaka")
    assert {"ml", "ml-region-menaka", "ml-cercle-menaka"} <= set(from_ready.place("ml-menaka").areas)


@pytest.mark.parametrize(("query", "context"), QUERIES)
def test_ready_and_sources_give_the_same_answers(from_ready, from_sources, query, context):
    assert _answer(from_ready, query, context) == _answer(from_sources, query, context)


def test_prepare_makes_the_look_up_tables_at_once_and_changes_no_answer(from_ready, from_sources):
    """What the first look-ups make on their way, made before any (a big import does it
    while pyarrow reads its first batch, and its forked helper shares it)."""
    from_ready.prepare()
    matcher = from_ready._matcher
    assert matcher._index._blocks is not None and len(matcher._index._blocks) > 100
    assert matcher._finder._records_by_area is not None and "ml-region-menaka" in matcher._finder._records_by_area
    assert "_areas_by_level" in vars(matcher._contexts) and from_ready._tagged
    assert "_current_admin_names" in vars(from_ready) and "areas" in vars(from_ready)
    for query, context in QUERIES:
        assert _answer(from_ready, query, context) == _answer(from_sources, query, context)


def test_ready_outlines_are_the_geojson_outlines(from_ready, from_sources):
    ready, parsed = from_ready.areas, from_sources.areas
    assert ready.ids == parsed.ids and len(ready) > 150
    assert ready.properties == parsed.properties
    assert all(shapely.equals_exact(ready.geometries, parsed.geometries, tolerance=0))
    assert from_ready.area("ml-region-menaka").area_km2 == from_sources.area("ml-region-menaka").area_km2


def test_ready_without_osm_is_the_prefix_before_the_osm_tier(from_ready, from_sources):
    folder = from_ready.directory
    ready = read_ready(folder, osm=False)
    parsed = Gazetteer._from_sources(folder, bundled=False, osm=False)
    assert ready is not None
    assert len(ready.store) == len(parsed._store) < len(from_sources._store)
    assert "osm" not in set(ready.store.tiers)
    assert list(ready.store.ids) == list(parsed._store.ids)
    np.testing.assert_array_equal(ready.store.lat, parsed._store.lat)
    assert _pairs(ready.store) == _pairs(parsed._store)  # (the pairs of the OSM tier left out)
    without = Gazetteer.load(folder, osm=False)
    assert without._ready_areas is not None and without is not from_ready
    assert without.lookup("Ménaka").place.id == "ml-menaka"


def _pairs(store) -> list[tuple[int, str]]:
    """A store's (record, key) pairs, read from its load-ready file or made from its keys."""
    pairs = store.key_pairs()
    return list(zip(pairs.records.tolist(), [pairs.keys[code] for code in pairs.codes.tolist()], strict=True))


def _copy_gazetteer(target: Path) -> Path:
    """The bundled gazetteer's sources (no ready file) in ``target``."""
    source = bundled_dir("gazetteer")
    for name in SOURCES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, target / name)
    return target


def test_stale_ready_file_is_ignored_and_the_sources_read(tmp_path):
    folder = _copy_gazetteer(tmp_path / "g")
    write_ready_file(folder)
    assert ready_is_fresh(folder)
    first = Gazetteer.load(folder)
    assert first._ready_areas is not None and first.place("ml-menaka").name == "Ménaka"
    places = folder / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",Ménaka,", ",Ménaka Town,", 1), encoding="utf-8")
    assert not ready_is_fresh(folder)
    assert read_ready(folder) is None
    second = Gazetteer.load(folder)
    assert second is not first  # the memo saw the change
    assert second._ready_areas is None  # read from the sources
    assert second.place("ml-menaka").name == "Ménaka Town"
    # the build script's check says so, and its rebuild makes the file fresh again
    script = [sys.executable, str(ROOT / "gazetteer" / "scripts" / "build_ready.py"), "--dir", str(folder)]
    checked = subprocess.run(
        [*script, "--check", "--out", str(folder / READY_FILE)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 1 and "STALE" in checked.stdout
    subprocess.run([*script, "--out", str(folder / READY_FILE)], capture_output=True, text=True, check=True)
    assert ready_is_fresh(folder)
    assert Gazetteer.load(folder).place("ml-menaka").name == "Ménaka Town"


def test_truncated_or_foreign_ready_file_is_ignored(tmp_path):
    folder = _copy_gazetteer(tmp_path / "g")
    write_ready_file(folder)
    data = (folder / READY_FILE).read_bytes()
    (folder / READY_FILE).write_bytes(data[: len(data) // 2])
    assert read_ready(folder) is None
    (folder / READY_FILE).write_bytes(b'{"format": "something else"}\n')
    assert read_ready(folder) is None
    (folder / READY_FILE).write_bytes(b"")
    assert read_ready(folder) is None
    assert Gazetteer.load(folder).place("ml-menaka").name == "Ménaka"


def test_load_is_shared_per_process_and_folder(tmp_path):
    first = Gazetteer.load()
    assert first is Gazetteer.load()
    assert Gazetteer.load() is Gazetteer.load(bundled_dir("gazetteer"))
    assert Gazetteer.load(osm=False) is not Gazetteer.load()
    again = Gazetteer.load(reload=True)
    assert again is not first and again is Gazetteer.load()  # the new one is shared from now on
    places = [
        {
            "id": "ml-a",
            "name": "Aaa",
            "kind": "village",
            "lat": "15",
            "lon": "0",
            "uncertainty_km": "2",
            "country": "ML",
        }
    ]
    write_places(tmp_path / "one" / "places.csv", places)
    write_places(tmp_path / "two" / "places.csv", places)
    one = Gazetteer.load(tmp_path / "one")
    assert Gazetteer.load(tmp_path / "one") is one
    assert Gazetteer.load(tmp_path / "two") is not one
    # an edit that keeps the size is seen (the small files are hashed, not only timed)
    text = (tmp_path / "one" / "places.csv").read_text(encoding="utf-8")
    (tmp_path / "one" / "places.csv").write_text(text.replace("Aaa", "Bbb"), encoding="utf-8")
    assert Gazetteer.load(tmp_path / "one").place("ml-a").name == "Bbb"
    assert len(_LOADED) <= 8


def test_build_script_writes_into_the_cache_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("SAHEL_ATLAS_CACHE", str(tmp_path / "cache"))
    folder = _tiny(tmp_path / "g")
    script = [sys.executable, str(ROOT / "gazetteer" / "scripts" / "build_ready.py"), "--dir", str(folder)]
    checked = subprocess.run([*script, "--check"], capture_output=True, text=True, check=False)
    assert checked.returncode == 1 and "STALE or missing" in checked.stdout
    built = subprocess.run(script, capture_output=True, text=True, check=True)
    assert str(cache_path(folder)) in built.stdout
    assert _cache_files(tmp_path / "cache") == [cache_path(folder).name]
    assert subprocess.run([*script, "--check"], capture_output=True, text=True, check=False).returncode == 0
    assert Gazetteer.load(folder).ready_file == cache_path(folder)


HEAVY = ("pandas", "geopandas", "shapely", "pyproj", "geopy", "matplotlib", "folium")


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["geocode", "Ménaka"], ["geocode", "Ménaka", "--json"], ["geocode", "Manaka", "--csv"]],
)
def test_cli_start_imports_no_heavy_library(gazetteer, argv):
    # the `gazetteer` fixture's load has filled the cache (a cold load reads the outlines with shapely)
    assert ready_file(bundled_dir("gazetteer")) is not None
    code = (
        "import sys, contextlib, io\n"
        "from geo.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert json.loads(done.stdout.strip().replace("'", '"')) == []


def test_batch_geocoding_resolves_a_repeated_query_and_context_once(gazetteer, monkeypatch):
    from geo.batch import BatchRow, geocode_rows

    rows = [
        BatchRow(2 + i, {"query": query, "admin2": admin2})
        for i, (query, admin2) in enumerate([("Dioura", "Ténenkou"), ("Dioura", ""), ("Ménaka", "")] * 40)
    ]
    calls: list[str] = []
    real = type(gazetteer).lookup

    def counting(self, query, **context):
        calls.append(query)
        return real(self, query, **context)

    monkeypatch.setattr(type(gazetteer), "lookup", counting)
    with_memo = list(geocode_rows(gazetteer, rows))
    assert sorted(calls) == ["Dioura", "Dioura", "Ménaka"]  # (query, context) pairs, each once
    calls.clear()
    without = list(geocode_rows(gazetteer, rows, memo=False))
    assert len(calls) == 120
    assert with_memo == without
    assert [r["row"] for r in with_memo[:3]] == [2, 3, 4]
    assert (with_memo[0]["id"], with_memo[1]["status"], with_memo[2]["id"]) == ("gn-2458636", "ambiguous", "ml-menaka")
    assert with_memo[0] is not with_memo[3]  # each row its own record
    # an option fills empty cells before the memo's key is made
    filled = list(geocode_rows(gazetteer, rows[:2], admin2="Ténenkou"))
    assert filled[0]["id"] == filled[1]["id"] == "gn-2458636"


@pytest.mark.parametrize("given", [None, "4"])
def test_the_program_keeps_openblas_to_one_thread_unless_told(given, monkeypatch, capsys):
    """``geo`` (the console script, ``python -m geo``) sets OPENBLAS_NUM_THREADS=1 before
    numpy is imported, unless the user set it: OpenBLAS's threads cost CPU at every start
    and the commands do no linear algebra. ``main`` (the library's call) leaves the
    environment alone."""
    from geo import cli

    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "placeholder")  # (so that the test's end restores the variable)
    monkeypatch.delenv("OPENBLAS_NUM_THREADS")
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    if given is not None:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", given)
    monkeypatch.setattr(sys, "argv", ["geo", "--version"])
    with pytest.raises(SystemExit) as done:
        cli.entry()
    assert done.value.code in (0, None)
    assert os.environ["OPENBLAS_NUM_THREADS"] == (given or "1")
    assert capsys.readouterr().out.strip()
