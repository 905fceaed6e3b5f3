"""The four core modules split along their seams (issue 17) keep their faces: ``geo.schema``,
``geo.gazetteer``, ``geo.seeds`` and ``geo._ready`` answer every name they answered before,
each schema name is defined in one place, and the load-ready file's key covers every
module whose rules it bakes in."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from conftest import write_places

import geo
from geo import schema

PACKAGE = Path(geo.__file__).resolve().parent
SCHEMA_DOMAINS = ("gazetteer", "seeds", "layers", "datasets", "vocab")
ROW = {"id": "ml-a", "name": "Aaa", "kind": "village", "lat": "15", "lon": "0", "uncertainty_km": "2", "country": "ML"}

# Every public name each module answered before it was split.
BEFORE = {
    "geo.gazetteer": "DUPLICATE_MARGIN_KM Gazetteer NearArg Resolution ReverseResult write_ready_file",
    "geo.seeds": (
        "EXPORT_COLUMNS EXPORT_POINT FALLBACK_FILES PARQUET_GEOMETRY PARTITION_COLUMNS ParquetRow Problem Row "
        "Seeds Table beside_folder extend_table is_parquet parquet_files read_parquet_table read_table split_cell"
    ),
    "geo._ready": (
        "CACHE_ENV CODE FORMAT READY_FILE SOURCES LazyColumn Ready ReadyParts build_ready cache_dir cache_path "
        "fingerprint prune_cache read_ready ready_file ready_is_fresh write_cache write_ready"
    ),
}


def _constants(module_name: str) -> set[str]:
    """The upper-case names a module assigns itself (not those it imports)."""
    path = Path(importlib.import_module(module_name).__file__ or "")
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        names.update(t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper())
    return names


def test_every_schema_name_is_defined_in_one_domain_and_read_as_schema_name():
    defined: dict[str, str] = {}
    for domain in SCHEMA_DOMAINS:
        module = importlib.import_module(f"geo.schema.{domain}")
        for name in _constants(module.__name__):
            assert name not in defined, f"{name} is defined in geo.schema.{defined[name]} and geo.schema.{domain}"
            defined[name] = domain
            assert getattr(schema, name) is getattr(module, name)
    assert {name for name in vars(schema) if name.isupper()} == set(defined)
    assert schema.kind_for_geonames("P", "PPLA") == "city"
    assert {"ID", "INCIDENT_COLUMNS", "ACLED_REQUIRED", "CANDIDATE_COLUMNS", "METHODS", "KIND_WEIGHTS"} <= set(defined)


def test_the_schema_domains_are_all_the_schema_modules():
    modules = {path.stem for path in (PACKAGE / "schema").glob("*.py")} - {"__init__"}
    assert modules == set(SCHEMA_DOMAINS)


@pytest.mark.parametrize("module", sorted(BEFORE))
def test_the_old_import_paths_still_answer(module):
    imported = importlib.import_module(module)
    assert [name for name in BEFORE[module].split() if not hasattr(imported, name)] == []


def test_the_gazetteer_keeps_every_method_of_its_public_face():
    from geo import Gazetteer

    methods = {name for name, _ in inspect.getmembers(Gazetteer) if not name.startswith("_")}
    expected = {"load", "place", "places", "areas", "validity", "name_tiers", "lookup", "geocode", "resolve"}
    expected |= {"reverse", "search", "populated_points", "distance", "area", "shape"}
    assert expected <= methods
    assert Gazetteer.__module__ == "geo.gazetteer.core"
    assert "ml-menaka" in Gazetteer.load() and len(Gazetteer.load()) > 10_000


def test_the_load_ready_key_covers_every_module_of_the_split_packages():
    from geo._ready import code_files

    files = code_files()
    for package in ("gazetteer", "schema"):
        for path in sorted((PACKAGE / package).glob("*.py")):
            assert f"{package}/{path.name}" in files
    assert {"_ready.py", "_ready_format.py", "_store.py", "areas.py", "names.py"} <= set(files)
    assert all((PACKAGE / name).is_file() for name in files)


def test_a_change_to_a_module_of_the_gazetteer_package_changes_the_key(tmp_path, monkeypatch):
    import geo._ready as ready

    write_places(tmp_path / "g" / "places.csv", [ROW])
    before = ready.cache_path(tmp_path / "g")
    copy = tmp_path / "code"
    for name in ready.code_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes((PACKAGE / name).read_bytes())
    monkeypatch.setattr(ready, "_CODE_DIR", copy)
    assert ready.cache_path(tmp_path / "g") == before
    with (copy / "gazetteer" / "lookup.py").open("a", encoding="utf-8") as module:
        module.write("\n# changed\n")
    assert ready.cache_path(tmp_path / "g") != before


def test_a_load_ready_file_cut_short_is_not_read(tmp_path):
    from geo._ready_format import ReadyParts, decode, encode, read_header
    from geo.gazetteer.building import read_sources

    folder = tmp_path / "g"
    write_places(folder / "places.csv", [ROW])
    store, features = read_sources(folder, bundled=False, osm=True)
    data = encode(folder, ReadyParts(store, features, [], []), {"sources": {}, "code": "x"})
    whole, cut = tmp_path / "whole.ready", tmp_path / "cut.ready"
    whole.write_bytes(data)
    cut.write_bytes(data[:-1])
    assert read_header(cut) is None
    ready = decode(whole, *read_header(whole))
    assert list(ready.store.ids) == ["ml-a"] and list(ready.store.names) == ["Aaa"]
    assert ready.store.lat.tolist() == [15.0] and ready.hidden.tolist() == []
