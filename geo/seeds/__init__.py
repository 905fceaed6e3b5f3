"""Seed records: read the CSV files of a seeds folder, keeping every line number.

:class:`Seeds` holds the five tables of a folder (``seeds/README.md``) as read, one
:class:`Row` per record with the line it starts on, so that every later check can name
the file, the line and the column. Reading checks only what reading needs (the file
opens, the header names the columns, each row has as many cells as the header);
:mod:`geo.validate` checks the values, and :mod:`geo.records` turns valid tables into
GeoDataFrames.

The package's modules: :mod:`~geo.seeds.tables` (rows and tables as read),
:mod:`~geo.seeds.csv_table` and :mod:`~geo.seeds.parquet_table` (reading a CSV file or a
GeoParquet dataset), :mod:`~geo.seeds.folder` (a folder's files: :class:`Seeds`) and
:mod:`~geo.seeds.problems` (a problem, said with its file, line and column).
"""

from .csv_table import read_table
from .folder import FALLBACK_FILES as FALLBACK_FILES
from .folder import Seeds, beside_folder
from .parquet_table import EXPORT_COLUMNS as EXPORT_COLUMNS
from .parquet_table import EXPORT_POINT as EXPORT_POINT
from .parquet_table import PARQUET_GEOMETRY as PARQUET_GEOMETRY
from .parquet_table import PARTITION_COLUMNS as PARTITION_COLUMNS
from .parquet_table import is_parquet, parquet_files, read_parquet_table
from .problems import Problem
from .tables import ParquetRow, Row, Table, extend_table, split_cell

__all__ = [
    "ParquetRow",
    "Problem",
    "Row",
    "Seeds",
    "Table",
    "beside_folder",
    "extend_table",
    "is_parquet",
    "parquet_files",
    "read_parquet_table",
    "read_table",
    "split_cell",
]
