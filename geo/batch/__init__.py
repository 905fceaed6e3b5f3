"""Batch work over CSV files: queries geocoded row by row, and distances between pairs.

:func:`read_batch` reads the file (UTF-8, comma, semicolon or tab) into
:class:`BatchRow` objects, keeping a row that cannot be read with its ``problem``
so that every other row is still answered; :func:`geocode_rows` resolves the rows
with a :class:`~geo.gazetteer.Gazetteer`, the options filling cells left empty.
``geo geocode --batch FILE`` prints what they give.

``geo distance --batch FILE`` measures the pairs of a file: :func:`measure_pairs` gives a
:class:`DistanceBatch`, columns that it writes as records or CSV.

The modules: :mod:`.queries` (reading a batch file), :mod:`.geocoding` (resolving its
rows), :mod:`.pairs` (reading and measuring a file of pairs) and :mod:`.distances` (the
measured columns and their output).
"""

from .distances import DISTANCE_FIELDS, DistanceBatch
from .geocoding import MEMO_LIMIT as MEMO_LIMIT
from .geocoding import geocode_rows
from .pairs import PAIR_ENDS as PAIR_ENDS
from .pairs import Answer as Answer
from .pairs import measure_pairs
from .queries import BATCH_COLUMNS, BatchRow, read_batch

__all__ = [
    "BATCH_COLUMNS",
    "DISTANCE_FIELDS",
    "BatchRow",
    "DistanceBatch",
    "geocode_rows",
    "measure_pairs",
    "read_batch",
]
