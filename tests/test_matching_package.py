"""The geocoder's rules as a package: every name still imports from ``geo.matching``,
and each rule of its docstring names the module that implements it."""

from __future__ import annotations

import importlib
import re

import pytest

import geo.matching

# Every public name of the former single module ``geo/matching.py``, with its home now.
FORMER_NAMES = {
    "index": [
        "NameIndex",
        "similarity",
        "max_edit_distance",
        "CHEAP_SWAPS",
        "MIN_FUZZY_SIMILARITY",
        "MIN_FUZZY_SIMILARITY_FILES",
        "FUZZY_MIN_LENGTH",
        "FUZZY_TWO_EDITS_LENGTH",
        "FUZZY_CUT_OFFS_INSIDE",
        "FUZZY_MIN_LENGTH_INSIDE",
        "FUZZY_TWO_EDITS_LENGTH_INSIDE",
    ],
    "context": ["COMMUNE_KM"],
    "candidates": ["Candidate", "TRANSLITERATION_SIMILARITY"],
    "scoring": ["TIER_BONUS", "KIND_HINT_BONUS", "NEAR_BONUS", "NEAR_SCALE_KM", "MAX_POPULATION_BONUS"],
    "decision": [
        "Match",
        "OK",
        "AMBIGUOUS",
        "NOT_FOUND",
        "TIER_RANK",
        "AMBIGUITY_MARGIN",
        "FAR_APART_KM",
        "PROMINENT_POPULATION",
        "SAME_PLACE_KM",
        "SAME_PLACE_SCORE",
    ],
    "matcher": ["Matcher"],
}


@pytest.mark.parametrize(("module", "name"), [(m, n) for m, names in FORMER_NAMES.items() for n in names])
def test_every_former_name_imports_from_geo_matching(module, name):
    home = importlib.import_module(f"geo.matching.{module}")
    assert getattr(geo.matching, name) is getattr(home, name)


def test_the_public_names_are_unchanged():
    assert geo.matching.__all__ == [
        "AMBIGUITY_MARGIN",
        "FAR_APART_KM",
        "SAME_PLACE_KM",
        "Candidate",
        "Match",
        "Matcher",
        "NameIndex",
        "similarity",
    ]
    assert (geo.matching.OK, geo.matching.AMBIGUOUS, geo.matching.NOT_FOUND) == ("ok", "ambiguous", "not_found")


def test_each_rule_names_the_module_that_implements_it():
    doc = geo.matching.__doc__ or ""
    rules = re.findall(r"^(\d)\. \*\*[^*]+\*\* \(:mod:`~geo\.matching\.(\w+)`", doc, flags=re.MULTILINE)
    assert rules == [
        ("1", "query"),
        ("2", "context"),
        ("3", "candidates"),
        ("4", "scoring"),
        ("5", "decision"),
        ("6", "decision"),
    ]
    for number, module in rules:
        home = importlib.import_module(f"geo.matching.{module}").__doc__ or ""
        assert re.search(rf"\brules? (?:\d and )?{number}\b", home), (number, module)
