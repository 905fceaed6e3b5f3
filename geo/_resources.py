"""Where the bundled data lives: inside the installed wheel, or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import DataError

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def bundled_dir(name: str) -> Path:
    """Return the folder of bundled data ``name`` (``"gazetteer"``, later ``"seeds"``).

    A wheel carries the folder inside the package as ``geo/_<name>``; a source
    checkout (or an editable install) has it at the top of the repository.
    """
    for candidate in (_PACKAGE_DIR / f"_{name}", _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise DataError(
        f"the bundled {name!r} data is missing (looked in {_PACKAGE_DIR / ('_' + name)} and "
        f"{_PACKAGE_DIR.parent / name}); reinstall the package"
    )
