"""A problem in a seeds file, said as ``FILE:LINE:COLUMN: value: what is wrong; how to fix it``,
and the problems of a header (unknown, missing or repeated columns), for every reader.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from .. import schema

__all__ = ["Problem", "header_problems"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one cell, printed as ``FILE:LINE:COLUMN: value: what is wrong; how to fix it``.

    Examples
    --------
    >>> print(Problem("seeds/incidents.csv", 12, "date", "2022-02-30", "not a valid date", "write 2022-02-28"))
    seeds/incidents.csv:12:date: '2022-02-30': not a valid date; write 2022-02-28
    >>> print(Problem("acled.parquet", 12, "date", "2022-13", "not a valid date", where="row 12"))
    acled.parquet:row 12:date: '2022-13': not a valid date
    """

    path: str
    line: int
    column: str
    value: str
    message: str
    fix: str = ""
    where: str = ""  # shown instead of the line number: "row 12" in a Parquet file, "schema"

    def to_dict(self) -> dict[str, str | int]:
        """The problem as a JSON object: file, line, column, value, message and fix.

        Examples
        --------
        >>> Problem("seeds/incidents.csv", 12, "date", "2022-02-30", "not a valid date", "write 2022-02-28").to_dict()
        {'file': 'seeds/incidents.csv', 'line': 12, 'column': 'date', 'value': '2022-02-30', \
'message': 'not a valid date', 'fix': 'write 2022-02-28'}
        """
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "fix": self.fix,
        }

    def __str__(self) -> str:
        fix = f"; {self.fix}" if self.fix else ""
        return f"{self.path}:{self.where or self.line}:{self.column}: {self.value!r}: {self.message}{fix}"


def header_problems(header: list[str], name: str, problem: Callable[..., Problem]) -> list[Problem]:
    """The problems of a header of the seeds file ``name`` (``problem(column, value, message,
    fix)`` makes one): unknown columns, required ones missing, and columns named twice.

    Examples
    --------
    >>> found = header_problems(["id", "dat", "id"], "sources.csv", lambda *a: Problem("sources.csv", 1, *a))
    >>> for problem in found:
    ...     print(problem)
    sources.csv:1:dat: 'dat': unknown column; did you mean 'date'?
    sources.csv:1:kind: '': required column missing; add 'kind' to the header
    sources.csv:1:title: '': required column missing; add 'title' to the header
    sources.csv:1:id: 'id': column named twice; keep one of them
    """
    columns, required = schema.SEED_SCHEMAS[name]
    found = []
    for column in header:
        if column not in columns:
            close = difflib.get_close_matches(column, columns, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the columns are {', '.join(columns)}"
            found.append(problem(column, column, "unknown column", hint))
    for column in required:
        if column not in header:
            found.append(problem(column, "", "required column missing", f"add {column!r} to the header"))
    seen_header: set[str] = set()
    for column in header:
        if column in seen_header:
            found.append(problem(column, column, "column named twice", "keep one of them"))
        seen_header.add(column)
    return found
