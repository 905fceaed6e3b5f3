"""The six modules split into packages (issue 17) still offer every name they offered
before, at the same import path, and each of their parts stays small."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import geo

PACKAGE = Path(geo.__file__).resolve().parent

# Every public name each module defined before it became a package.
BEFORE = {
    "geo.batch": (
        "Answer BATCH_COLUMNS BatchRow DISTANCE_FIELDS DistanceBatch MEMO_LIMIT PAIR_ENDS geocode_rows measure_pairs "
        "read_batch"
    ),
    "geo._input": (
        "COVERAGE_BOUNDS DATE_LIMITS MALI_BOUNDS MAX_COUNT MAX_CSV_FIELD MAX_DOCUMENT_BYTES MAX_OPTION_INTEGER "
        "MAX_QUERY_LENGTH MAX_WINDOW_DAYS MAX_YEAR MIN_YEAR NUMBER POINT_HINT check_input_file check_lat_lon "
        "check_window clean_query csv_error_message csv_field_limit decode_utf8 finite_number numbered_rows "
        "parse_coordinates parse_point read_limited read_text whole_number"
    ),
    "geo.render.options": (
        "BBOX_FIX CLI EVERY METHODS OPTIONS Option PYTHON STEPS Source flat_params nested_params parse_actors "
        "parse_area parse_bbox parse_bound parse_every parse_method parse_params parse_step parse_title "
        "parse_window_days show"
    ),
    "geo.extract.review": (
        "CSP_PLACEHOLDER DEFAULT_TITLE KIND_LABELS MALI_BOUNDS MIN_SPAN_DEG RECORD_COLUMNS describe review_page"
    ),
    "geo.extract.counts": (
        "ABOUT AT_LEAST BETWEEN DISPLACED EXACT KIDNAPPED KILLED LESS_THAN MORE_THAN UP_TO VAGUE WOUNDED find_counts"
    ),
    "geo.extract.corpus": (
        "Item MAX_JOBS MAX_LOCAL_WORKERS Result Text connect extract_corpus extract_partition iter_corpus "
        "load_extractor parse_jobs"
    ),
}
ALL_BEFORE = {
    "geo.batch": "BATCH_COLUMNS DISTANCE_FIELDS BatchRow DistanceBatch geocode_rows measure_pairs read_batch",
    "geo.extract.review": "describe review_page",
    "geo.extract.counts": "find_counts",
    "geo.extract.corpus": (
        "MAX_JOBS Result Text connect extract_corpus extract_partition iter_corpus load_extractor parse_jobs"
    ),
}


@pytest.mark.parametrize(
    ("module", "name"), [(module, name) for module, names in BEFORE.items() for name in names.split()]
)
def test_every_name_is_importable_where_it_was(module, name):
    assert getattr(importlib.import_module(module), name) is not None


@pytest.mark.parametrize("module", sorted(ALL_BEFORE))
def test_all_is_unchanged(module):
    assert sorted(importlib.import_module(module).__all__) == sorted(ALL_BEFORE[module].split())


def test_the_options_export_what_they_did():
    from geo.render import options

    assert sorted(options.__all__) == sorted(n for n in BEFORE["geo.render.options"].split())


@pytest.mark.parametrize("module", sorted(BEFORE))
def test_each_part_is_small(module):
    """One concern per module: every part of a split package is under 400 lines."""
    folder = PACKAGE.parent / Path(*module.split("."))
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in folder.glob("*.py")}
    assert len(sizes) >= 3
    assert {name: size for name, size in sizes.items() if size > 400} == {}


def test_the_pool_task_pickles_by_its_new_name():
    """Workers find the task by its qualified name: it must be importable there."""
    import pickle

    from geo.extract.corpus import extract_partition

    assert pickle.loads(pickle.dumps(extract_partition)) is extract_partition
    assert extract_partition.__module__ == "geo.extract.corpus.work"
