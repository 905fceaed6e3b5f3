"""Batch geocoding: each row of a batch file (or each query) resolved with a gazetteer,
the options filling the cells a row leaves empty, repeated queries resolved once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .queries import BatchRow

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

# The most distinct (query, context) answers :func:`geocode_rows` keeps for reuse.
MEMO_LIMIT = 200_000


def geocode_rows(
    gazetteer: Gazetteer,
    rows: Iterable[BatchRow | str],
    *,
    with_candidates: bool = False,
    country: str | None = None,
    admin1: str | None = None,
    admin2: str | None = None,
    admin3: str | None = None,
    near: str | None = None,
    date: str | None = None,
    memo: bool = True,
) -> Iterator[dict[str, Any]]:
    """Resolve each row (a :class:`BatchRow`, or a query as text): one JSON-ready record
    per row, in order, as ``geo geocode --json`` prints them.

    A row's own cells give its context; the keyword options fill the cells left
    empty. A row that cannot be used (its ``problem``, a point that is not finite, an
    unknown country code) gets ``status: "error"`` and the ``reason``; rows read from
    a file carry their line number as ``row``. Never raises for one bad row.

    Spreadsheets repeat names: a query with the same context (the same cells, after
    the options fill them) is resolved once and its answer reused (``memo=False``
    resolves every row; the records are the same). Each record is a new dict.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> rows = [BatchRow(2, {"query": "Dioura", "admin2": "Ténenkou"}), BatchRow(3, {"query": "nan,nan"})]
    >>> [(r["row"], r["status"], r["id"] if r["status"] == "ok" else r["reason"][:9])
    ...  for r in geocode_rows(gazetteer, rows)]
    [(2, 'ok', 'gn-2458636'), (3, 'error', "'nan,nan'")]
    >>> next(geocode_rows(gazetteer, ["Tidarméné"]))["id"]
    'ml-tidermene'
    """
    from .._input import parse_coordinates
    from ..errors import GeoError

    defaults = {"country": country, "admin1": admin1, "admin2": admin2, "admin3": admin3, "near": near}
    answers: dict[tuple[str | None, ...], Any] = {}  # (query, context...) -> Resolution, or the error's text
    for row in rows:
        if isinstance(row, str):
            row = BatchRow(None, {"query": row})
        cells, query, problem = row.cells, row.query, row.problem
        record: dict[str, Any]
        if problem is None and query:
            try:  # "nan,nan" is a point that is not finite, not the village of Nanan
                parse_coordinates(query)
            except InputError as error:
                problem = str(error)
        if problem:
            record = {"query": query, "status": "error", "lat": None, "lon": None, "reason": problem}
        else:
            context = {key: cells.get(key) or value for key, value in defaults.items()}
            on = cells.get("date") or date
            key = (query, *context.values(), on)
            answer = answers.get(key) if memo else None
            if answer is None:
                try:
                    answer = gazetteer.lookup(query, **context, on=on)
                except GeoError as error:
                    answer = str(error)
                if memo and len(answers) < MEMO_LIMIT:
                    answers[key] = answer
            if isinstance(answer, str):
                record = {"query": query, "status": "error", "lat": None, "lon": None, "reason": answer}
            else:
                record = answer.to_dict(with_candidates=with_candidates)
        if row.line is not None:
            record = {"row": row.line, **record}
        yield record
