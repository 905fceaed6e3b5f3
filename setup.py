"""Package discovery that cannot forget a subpackage, and the load-ready gazetteer.

Every package under ``geo/`` is found by pattern; the two data packages live outside
``geo/`` (``gazetteer/`` and ``seeds/``, mapped by ``package-dir`` in pyproject.toml), which
``[tool.setuptools.packages.find]`` cannot express, so they are named here.

After the normal ``build_py``, :class:`BuildWithReadyGazetteer` writes the load-ready
gazetteer (``geo/_gazetteer/gazetteer.ready``, see ``geo/_ready.py``) beside the built
sources, so that a wheel starts fast from its first command. It imports ``geo._ready``
from the tree being built (with numpy and shapely, in ``[build-system] requires``); when
that fails, it warns and ships no file: the installed package then reads its sources
once and keeps the file in the user's cache. Editable installs get no file either (they
use that cache). Everything else about the build is in pyproject.toml.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithReadyGazetteer(build_py):
    """``build_py``, then the load-ready gazetteer written into the built ``geo/_gazetteer/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        built = Path(self.build_lib) / "geo" / "_gazetteer"
        sys.path.insert(0, str(HERE))
        try:
            from geo import _ready

            if Path(_ready.__file__).resolve().parent != HERE / "geo":  # another install's code: its fingerprint
                raise ImportError(f"geo._ready was imported from {_ready.__file__}, not from the tree being built")
            from geo.gazetteer import write_ready_file

            path = write_ready_file(built)
        except Exception as error:  # a missing build dependency, say: the runtime cache covers it
            warnings.warn(
                f"the load-ready gazetteer was not built ({error!r}); the package will work without it", stacklevel=2
            )
            return
        finally:
            sys.path.remove(str(HERE))
        self.announce(f"wrote the load-ready gazetteer {path}", level=2)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        ready = Path(self.build_lib) / "geo" / "_gazetteer" / "gazetteer.ready"
        outputs = super().get_outputs(include_bytecode)
        return [*outputs, str(ready)] if ready.is_file() and str(ready) not in outputs else outputs


setup(
    packages=[
        *find_namespace_packages(include=["geo", "geo.*"], exclude=["*.__pycache__"]),
        "geo._gazetteer",
        "geo._seeds",
    ],
    cmdclass={"build_py": BuildWithReadyGazetteer},
)
