"""The checker: every assertion of the records, in file order, to its handler by quantity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import GeoError, InputError
from .claims import ClaimedRange, claimed_range
from .context import DEFAULT_METHODS, CheckContext
from .quantities import check_area, check_distance, check_population
from .results import CANNOT_CHECK, Assertion, CannotCheckError, CheckResult, make_result
from .tallies import check_tally

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..records import Records

__all__ = ["check_assertions", "check_row", "default_influence"]

# quantity -> its check; any other quantity is a tally of the records' incidents
HANDLERS: dict[str, Callable[[CheckContext, Assertion, ClaimedRange], CheckResult]] = {
    "distance": check_distance,
    "area": check_area,
    "population": check_population,
}


def check_assertions(
    records: Records,
    gazetteer: Gazetteer,
    *,
    methods: Iterable[str] = DEFAULT_METHODS,
    influence: Callable[..., Any] | None = None,
    ids: Iterable[str] | None = None,
) -> list[CheckResult]:
    """Check every assertion of ``records`` (or those of ``ids``), in file order.

    ``methods`` are the influence methods an actor's zone is built with;
    ``influence`` builds the zones, called as ``influence(records, gazetteer=...,
    method=...)`` and returning an object whose ``at(actor, day)`` gives the actor's
    zones that day (default: :class:`geo.influence.Influence`). An unknown id in ``ids``
    raises :class:`~geo.errors.InputError`.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> from geo.records import load_records
    >>> gazetteer = Gazetteer.load()
    >>> records = load_records(gazetteer=gazetteer)
    >>> [konna] = check_assertions(records, gazetteer, ids=["asr-konna-mopti"])
    >>> konna.claimed, round(konna.computed, 1), konna.verdict
    ('less than 40 mi', 59.5, 'consistent')
    >>> konna.explanation.split(";")[0]
    "Konna and Mopti are 59.5 km apart in the gazetteer (52.5–66.5 km with the places' uncertainty of ±7 km)"
    """
    methods = tuple(dict.fromkeys(methods))
    if not methods:
        raise InputError("no influence method given; use buffer, voronoi or both")
    if influence is None:
        influence = default_influence(methods)
    rows = records.assertions.to_dict("records")
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        known = {row[schema.ID] for row in rows}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "see the ids in assertions.csv"
            raise InputError(f"no assertion has the id {unknown[0]!r}; {hint}")
        rows = [row for row in rows if row[schema.ID] in set(wanted)]
    context = CheckContext(records, gazetteer, methods, influence)
    return [check_row(context, row) for row in rows]


def default_influence(methods: tuple[str, ...]) -> Callable[..., Any] | None:
    """geo.influence's ``Influence``, after checking the methods; ``None`` when it is not installed.

    Raises :class:`~geo.errors.InputError` for an unknown method.
    """
    known: tuple[str, ...]
    try:
        from ..influence import METHODS, Influence
    except ImportError:
        known, factory = DEFAULT_METHODS, None
    else:
        known, factory = tuple(METHODS), Influence
    unknown = [m for m in methods if m not in known]
    if unknown:
        raise InputError(f"unknown influence method {unknown[0]!r}; use one of {', '.join(known)}")
    return factory


def check_row(context: CheckContext, row: dict[str, Any]) -> CheckResult:
    """The check of one row of ``assertions.csv``: a problem makes it "cannot check", never an error."""
    a = Assertion.from_row(row)
    try:
        claimed = claimed_range(a.value, a.qualifier, a.unit, value_high=a.value_high, bearing=a.bearing)
    except InputError as error:
        return make_result(a, None, CANNOT_CHECK, f"The claim cannot be read: {error}.")
    try:
        return HANDLERS.get(a.quantity, check_tally)(context, a, claimed)
    except CannotCheckError as reason:
        return make_result(a, claimed, CANNOT_CHECK, str(reason))
    except (GeoError, LookupError, ValueError) as error:
        return make_result(a, claimed, CANNOT_CHECK, f"Could not be computed: {str(error).rstrip('.')}.")
