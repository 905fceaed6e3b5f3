"""Check a seeds folder: every cell of every record, and every reference between them.

:func:`validate_seeds` returns a list of :class:`~geo.seeds.Problem`, each naming the
file, the line, the column and the value, what is wrong and how to fix it. An empty list
means the records are clean. ``geo validate`` prints them.

Duplicates: two curated records equal in every cell but the id, or equal on the key
columns (incidents: date, place, event type, actor1, actor2) and citing a common
source, are a problem. Records imported from a dataset (ids ``acled-...``, ``ucdp-...``,
and the claims ``clm-acled-...``) are never such a problem: different ids of one dataset
are different events, and the same event in two datasets is found by
:func:`likely_duplicates`, a list to review (``geo validate --duplicates FILE.csv``)
that blocks nothing.
"""

from .. import schema
from ..gazetteer import Gazetteer
from ..seeds import Problem, Seeds
from .cells import COLOUR_PATTERN, DATE_HINT, ID_PATTERN, NUMBER_HINT, CellChecker
from .duplicates import (
    CURATED,
    DATASET_PREFIXES,
    DUPLICATE_COLUMNS,
    DUPLICATE_DAYS,
    DUPLICATE_KM,
    DUPLICATE_MAX_SPAN_DAYS,
    Duplicate,
    dataset_of,
    likely_duplicates,
)
from .screen import IncidentScreen, count, within
from .tables import SeedChecker

__all__ = [
    "COLOUR_PATTERN",
    "CURATED",
    "DATASET_PREFIXES",
    "DATE_HINT",
    "DUPLICATE_COLUMNS",
    "DUPLICATE_DAYS",
    "DUPLICATE_KM",
    "DUPLICATE_MAX_SPAN_DAYS",
    "ID_PATTERN",
    "NUMBER_HINT",
    "CellChecker",
    "Duplicate",
    "IncidentScreen",
    "SeedChecker",
    "count",
    "dataset_of",
    "likely_duplicates",
    "validate_seeds",
    "within",
]

# The name the checker had before the split (tests build one to check a table alone).
_SeedChecker = SeedChecker


def validate_seeds(seeds: Seeds, gazetteer: Gazetteer | None = None) -> list[Problem]:
    """Every problem in ``seeds``, in file order; an empty list when they are clean.

    Examples
    --------
    >>> from geo.seeds import Seeds
    >>> validate_seeds(Seeds.load())
    []
    """
    checker = SeedChecker(seeds, gazetteer if gazetteer is not None else Gazetteer.load())
    for table in seeds.tables.values():
        checker.problems.extend(table.problems)
    checker.check_sources()
    checker.check_actors()
    checker.check_incidents()
    checker.check_claims()
    checker.check_assertions()
    order = {name: i for i, name in enumerate(schema.SEED_FILES)}
    names = {str(table.path): table.name for table in seeds.tables.values()}
    return sorted(checker.problems, key=lambda p: (order.get(names.get(p.path, ""), 99), p.line))
