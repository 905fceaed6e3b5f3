"""What an import is told as text, and what it writes: the ``FIELD=HEADER`` mapping of an
analyst's own table (:func:`parse_columns`) and the files written beside the incidents
(:func:`plan_outputs`), each checked before any row is read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import schema
from .._io import check_output
from ..errors import InputError

__all__ = ["BESIDE_FILES", "ImportOutputs", "parse_columns", "plan_outputs"]

# The seeds files an import writes beside its incidents file, in this order (extended, never replaced).
BESIDE_FILES = (schema.ACTORS_FILE, schema.CLAIMS_FILE, schema.SOURCES_FILE)


def parse_columns(text: str | None, *, option: str = "--columns") -> dict[str, str]:
    """``"date=Date,place=Village"`` -> ``{"date": "Date", "place": "Village"}``: the
    ``columns`` of :func:`~geo.imports.import_table` written as text; an item that is
    not ``FIELD=HEADER`` raises :class:`~geo.errors.InputError` naming ``option``.

    Examples
    --------
    >>> parse_columns("date=Date, place = Village")
    {'date': 'Date', 'place': 'Village'}
    >>> parse_columns(None)
    {}
    >>> parse_columns("date")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --columns 'date': 'date' is not FIELD=HEADER; write e.g. --columns date=Date,place=Village
    """
    if text is None:
        return {}
    mapping: dict[str, str] = {}
    for part in text.split(","):
        field, equals, header = part.partition("=")
        if not equals or not field.strip() or not header.strip():
            raise InputError(
                f"{option} {text!r}: {part.strip()!r} is not FIELD=HEADER; write e.g. {option} date=Date,place=Village"
            )
        mapping[field.strip()] = header.strip()
    return mapping


@dataclass(frozen=True)
class ImportOutputs:
    """The files an import writes: the incidents (``out``), the report (``None``: none
    asked for) and the seeds files beside ``out`` (:data:`BESIDE_FILES`, by name)."""

    out: Path
    report: Path | None
    beside: dict[str, Path]


def plan_outputs(
    out: str | Path,
    *,
    source: str | Path,
    what: str = "export",
    seeds: str | Path | None = None,
    report: str | Path | None = None,
    out_option: str = "--out",
    report_option: str = "--report",
) -> ImportOutputs:
    """Check, before any work, every file an import of ``source`` (a ``what``: "ACLED
    export"...) will write: the incidents file ``out``, the ``report`` if any, and
    ``actors.csv``, ``claims.csv`` and ``sources.csv`` beside ``out``. None may be an
    input (``source``, or the actor list of ``seeds``, the bundled one by default) or
    another of them, and each must be writable (:func:`geo._io.check_output`); a
    problem raises :class:`~geo.errors.InputError` naming the file by ``out_option``,
    ``report_option`` or ``NAME beside`` ``out_option``. Of a records folder only
    ``actors.csv`` is read, so ``out`` may lie in it.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> plan = plan_outputs(folder / "mine" / "incidents.csv", source=folder / "acled.csv")
    >>> [path.relative_to(folder).as_posix() for path in plan.beside.values()], plan.report
    (['mine/actors.csv', 'mine/claims.csv', 'mine/sources.csv'], None)
    >>> plan_outputs(folder / "acled.csv", source=folder / "acled.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --out ...acled.csv: ...
    """
    from ..seeds import Seeds

    inputs = [(what, source), ("actor list", Seeds.paths(seeds).get(schema.ACTORS_FILE))]
    checked = check_output(out, option=out_option, inputs=inputs)
    if checked is None:
        raise InputError(f"{out_option}: give the incidents file to write")
    beside = {name: checked.parent / name for name in BESIDE_FILES}
    outputs: list[tuple[str, Path]] = [(out_option, checked)]
    for name, path in beside.items():
        label = f"{name} beside {out_option}"
        check_output(path, option=label, inputs=[(what, source)], outputs=outputs)
        outputs.append((label, path))
    return ImportOutputs(
        out=checked,
        report=check_output(report, option=report_option, inputs=inputs, outputs=outputs),
        beside=beside,
    )
