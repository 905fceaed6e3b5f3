"""Package discovery that cannot forget a subpackage.

Every package under ``geo/`` is found by pattern; the two data packages live outside
``geo/`` (``gazetteer/`` and ``seeds/``, mapped by ``package-dir`` in pyproject.toml), which
``[tool.setuptools.packages.find]`` cannot express, so they are named here. Everything
else about the build is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["geo", "geo.*"], exclude=["*.__pycache__"]),
        "geo._gazetteer",
        "geo._seeds",
    ]
)
