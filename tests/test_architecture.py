"""Tests that guard the house: the public API is what ``geo/__init__`` says it is, every
public object shows a runnable example, no module reaches into another's private
names, and the library never depends on its command line."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import geo

PACKAGE = Path(geo.__file__).resolve().parent
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str, list[str]]]:
    """``(line, module imported from, names)`` of every ``from ... import`` of a geo module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "geo" or target.startswith("geo."):
                found.append((node.lineno, target, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "geo" or alias.name.startswith("geo."):
                    found.append((node.lineno, alias.name, []))
    return found


def test_the_modules_are_found():
    names = {module_name(path) for path in MODULES}
    assert {"geo", "geo.gazetteer", "geo.cli", "geo.influence.core", "geo.check.checker"} <= names


def test_no_module_imports_a_private_name_of_another():
    """``from .x import _name`` couples a module to another's insides; a private module
    (``geo._io``) is fine, a private name is not."""
    offences = []
    for path in MODULES:
        for line, target, names in imports_of(path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            # ``from . import _io`` names a module, not a private name
            private = [n for n in private if not (PACKAGE / Path(*target.split(".")[1:]) / f"{n}.py").exists()]
            if private:
                offences.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {', '.join(private)} from {target}")
    assert offences == []


def test_the_library_never_imports_the_command_line():
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {target}"
        for path in MODULES
        if not module_name(path).startswith(("geo.cli", "geo.__main__"))
        for line, target, _names in imports_of(path)
        if target == "geo.cli" or target.startswith("geo.cli.")
    ]
    assert offences == []


def test_all_is_what_the_package_exports():
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    typed: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    typed.update(alias.asname or alias.name for alias in statement.names)
    lazy = set(geo._EXPORTS)
    assert set(geo.__all__) - {"__version__"} == lazy == typed
    assert len(geo.__all__) == len(set(geo.__all__))
    for name in geo.__all__:
        assert getattr(geo, name) is not None, name
    assert sorted(dir(geo)) == sorted(geo.__all__)


def _has_example(obj: object) -> bool:
    if ">>>" in (inspect.getdoc(obj) or ""):
        return True
    if inspect.isclass(obj):  # a class shows itself in its methods' examples too
        return any(
            ">>>" in (inspect.getdoc(member) or "")
            for name, member in vars(obj).items()
            if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property | classmethod))
        )
    return False


@pytest.mark.parametrize("name", [n for n in geo.__all__ if n != "__version__"])
def test_every_public_object_has_a_runnable_example(name):
    """The examples run as doctests in CI (``--doctest-modules`` over ``geo``)."""
    assert _has_example(getattr(geo, name)), f"geo.{name} has no '>>>' example in its docstring"
