"""What an ACLED export holds, from its header: the columns the import reads it by
(:class:`geo.imports.acled_events.Context`, with a warning for each missing column it
reads less well without) and the layout named in the report (dyadic or actor-based,
the columns of which period, CSV or the API's JSON)."""

from __future__ import annotations

from .. import schema
from .acled_events import Context
from .job import Importer

__all__ = ["csv_layout", "export_context", "export_layout"]


def export_context(job: Importer, header: tuple[str, ...]) -> Context:
    """The columns the export has, and a warning for each missing one the import reads less well without."""
    context = Context(
        has_time_precision=schema.ACLED_TIME_PRECISION in header,
        has_geo_precision=schema.ACLED_GEO_PRECISION in header,
        has_year=schema.ACLED_YEAR in header,
        has_actor2=schema.ACLED_ACTOR2 in header,
    )
    if not context.has_time_precision:
        job.warn(
            "the file has no time_precision column: every date is read as its month (ACLED's precision 3), "
            "the least precise reading",
            column=schema.ACLED_TIME_PRECISION,
        )
    if not context.has_geo_precision:
        job.warn(
            "the file has no geo_precision column: every incident gets precision 3 (only the region is known)",
            column=schema.ACLED_GEO_PRECISION,
        )
    return context


def export_layout(header: tuple[str, ...], context: Context, merged: int, *, json: bool) -> str:
    if not context.has_actor2:
        layout = "actor-based export: one row per actor, no actor2 column"
    elif merged:
        layout = "actor-based export: one row per actor, event ids repeated"
    else:
        layout = "dyadic export: one row per event"
    if any(column in header for column in schema.ACLED_NEW_COLUMNS):
        columns = "columns since March 2023"
    elif schema.ACLED_SUB_EVENT_TYPE in header:
        columns = "columns of 2019 to March 2023"
    else:
        columns = "columns before 2019"
    return f"{layout}; {columns}; {'API JSON' if json else 'CSV'}"


def csv_layout(header: tuple[str, ...], context: Context, merged: int) -> str:
    return export_layout(header, context, merged, json=False)
