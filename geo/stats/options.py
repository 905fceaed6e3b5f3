""":func:`check_options`: the checks of :func:`~geo.stats.intensity`'s options, each said in
the caller's words (Python parameters, or the options of ``geo stats``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError
from .terms import (
    AUTO,
    HEX,
    LEVELS,
    PERIOD_RULES,
    REGION,
    SPATIAL_LEVELS,
    check_level,
    check_resolution,
    resolve_countries,
    resolve_event_types,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


def check_options(
    by: str = REGION,
    *,
    period_rule: str = AUTO,
    hex_resolution: int | None = None,
    max_uncertainty_km: float | None = None,
    event_types: Iterable[str] | None = None,
    countries: Iterable[str] | None = None,
    names: Mapping[str, str] | None = None,
) -> None:
    """Raise :class:`~geo.errors.InputError` unless the options of
    :func:`~geo.stats.intensity` go together: a known level and period rule,
    ``max_uncertainty_km`` for a spatial level only, ``hex_resolution`` for ``by="hex"``
    only and from 0 to 15, known event types and countries. :func:`~geo.stats.intensity`
    checks them this way; call it to check options before loading any records.

    ``names`` maps a parameter (``by``, ``period_rule``, ``hex_resolution``,
    ``max_uncertainty_km``, ``event_types``, ``countries``) to the name the caller gives
    it (``--by``...): the messages then name the value by it, as a command line would.
    The checks run in that order; the first problem found is raised.

    Examples
    --------
    >>> check_options("hex", hex_resolution=5)
    >>> check_options("actor", hex_resolution=5)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: hex_resolution applies to by='hex' only, not to by='actor'
    >>> check_options("cercle", period_rule="middle", names={"period_rule": "--period-rule"})
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --period-rule 'middle': unknown rule; choose from auto, interval, reported
    """
    if names is None:
        _check_parameters(by, period_rule, hex_resolution, max_uncertainty_km, event_types, countries)
        return
    option = {name: names.get(name, name) for name in _PARAMETERS}
    if by not in LEVELS:
        raise InputError(f"{option['by']} {by!r}: unknown level; choose from {', '.join(LEVELS)}")
    if period_rule not in PERIOD_RULES:
        raise InputError(
            f"{option['period_rule']} {period_rule!r}: unknown rule; choose from {', '.join(PERIOD_RULES)}"
        )
    if max_uncertainty_km is not None and by not in SPATIAL_LEVELS:
        raise InputError(
            f"{option['max_uncertainty_km']} applies to {option['by']} {', '.join(SPATIAL_LEVELS)}, "
            f"not to {option['by']} {by}"
        )
    for parameter, values, resolve in (
        ("event_types", event_types, resolve_event_types),
        ("countries", countries, resolve_countries),
    ):
        if values is not None:
            try:
                resolve(values)
            except InputError as error:
                raise InputError(f"{option[parameter]}: {error}") from None
    if hex_resolution is not None and by != HEX:
        raise InputError(f"{option['hex_resolution']} applies to {option['by']} hex only, not to {option['by']} {by}")
    if hex_resolution is not None:
        try:
            check_resolution(hex_resolution)
        except InputError as error:
            raise InputError(f"{option['hex_resolution']} {hex_resolution}: {error}") from None


_PARAMETERS = ("by", "period_rule", "hex_resolution", "max_uncertainty_km", "event_types", "countries")


def _check_parameters(
    by: str,
    period_rule: str,
    hex_resolution: int | None,
    max_uncertainty_km: float | None,
    event_types: Iterable[str] | None,
    countries: Iterable[str] | None,
) -> None:
    """:func:`check_options` in the words of :func:`~geo.stats.intensity`'s parameters."""
    check_level(by)
    if period_rule not in PERIOD_RULES:
        raise InputError(f"unknown period rule {period_rule!r}; choose from {', '.join(PERIOD_RULES)}")
    if max_uncertainty_km is not None and by not in SPATIAL_LEVELS:
        raise InputError(f"a largest location uncertainty applies to {', '.join(SPATIAL_LEVELS)}, not to {by}")
    if event_types is not None:
        resolve_event_types(event_types)
    if countries is not None:
        resolve_countries(countries)
    if hex_resolution is not None and by != HEX:
        raise InputError(f"hex_resolution applies to by='hex' only, not to by={by!r}")
    if hex_resolution is not None:
        check_resolution(hex_resolution)
