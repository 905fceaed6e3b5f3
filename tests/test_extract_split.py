"""The place and actor finders split into packages (issue 17): every name still answers
where it did, each part stays small, and the words of place names (admin words,
particles, settlement words) are defined once, in :mod:`geo.names`."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import geo
from geo import names
from geo.extract.places import lexicon, words

PACKAGE = Path(geo.__file__).resolve().parent

# Every public name each module offered before it became a package, and its __all__.
BEFORE = {
    "geo.extract.places": "CANDIDATES_SHOWN CONTAINED MAX_NAME_WORDS NEAR PlaceFinder UNLISTED WIDE_REGION",
    "geo.extract.actors": "ActorFinder GENERIC_ACTORS STATE_FORCES STATE_GOVERNMENTS STATE_JUNTAS",
}
ALL_BEFORE = {"geo.extract.places": ["CONTAINED", "NEAR", "PlaceFinder"], "geo.extract.actors": ["ActorFinder"]}


@pytest.mark.parametrize(("module", "name"), [(m, n) for m, ns in BEFORE.items() for n in ns.split()])
def test_every_name_is_importable_where_it_was(module, name):
    assert getattr(importlib.import_module(module), name) is not None


@pytest.mark.parametrize("module", sorted(ALL_BEFORE))
def test_all_is_unchanged(module):
    assert importlib.import_module(module).__all__ == ALL_BEFORE[module]


@pytest.mark.parametrize("folder", ["extract/places", "extract/actors"])
def test_each_part_is_small(folder):
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in (PACKAGE / folder).glob("*.py")}
    assert len(sizes) >= 4
    assert {name: lines for name, lines in sizes.items() if lines > 400} == {}


def test_the_finder_reads_the_particles_and_admin_words_of_geo_names():
    assert words.PARTICLES is names.PARTICLES
    assert sorted(names.PARTICLES) == ["al", "de", "des", "du", "el", "en", "la", "le"]
    # an admin word after a name is a hint ("Mopti Region"); the rarer ones are not read so
    assert lexicon.HINT_ADMIN_WORDS < names.ADMIN_WORDS
    rare = names.ADMIN_WORDS - lexicon.HINT_ADMIN_WORDS
    assert sorted(rare) == ["arrondissement", "departement", "municipality", "prefecture"]
    assert lexicon.HEAD_WORDS == lexicon.HINT_ADMIN_WORDS | names.SETTLEMENT_WORDS
    assert names.SETTLEMENT_WORDS < lexicon.UNLISTED_HEADS


def test_admin_key_drops_the_admin_words_and_their_links():
    key = names.admin_key
    assert key("Cercle de Niono") == key("Niono Cercle") == key("Niono") == names.normalize("Niono")
    assert key("Région de Ségou") == key("Segou Region") == key("the Region of Segou")
    assert key("Province du Soum") == key("Soum") and key("Commune d'Ansongo") == key("Ansongo")


def _word_sets(tree: ast.AST) -> list[tuple[int, set[str]]]:
    """The words of every set literal and of every ``frozenset``/``_split`` call on
    literal strings (dictionaries are tables of another kind, not word lists). A set
    added to or taken from another (``ADMIN_WORDS - {...}``) is a visible derivation."""
    derived = {id(node.right) for node in ast.walk(tree) if isinstance(node, ast.BinOp)}
    found = []
    for node in ast.walk(tree):
        strings: list[str] = []
        if isinstance(node, ast.Set) and id(node) not in derived:
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_split", "frozenset"):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    strings.append(arg.value)
                elif isinstance(arg, ast.JoinedStr | ast.BinOp):
                    strings += [
                        c.value for c in ast.walk(arg) if isinstance(c, ast.Constant) and isinstance(c.value, str)
                    ]
        if strings:
            found.append((node.lineno, {w for s in strings for w in s.split()}))
    return found


def test_no_module_lists_the_admin_words_or_particles_again():
    """A word list of the extractor that holds three admin words or three particles of
    names copies the lexicon of :mod:`geo.names`; it should derive from it instead."""
    copies = []
    for path in sorted((PACKAGE / "extract").rglob("*.py")):
        for line, listed in _word_sets(ast.parse(path.read_text(encoding="utf-8"))):
            if len(listed & names.ADMIN_WORDS) >= 3 or len(listed & names.PARTICLES) >= 3:
                copies.append(f"{path.relative_to(PACKAGE.parent)}:{line}")
    assert copies == []
