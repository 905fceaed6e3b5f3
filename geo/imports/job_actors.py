"""How an import resolves the actor names of its rows: by the alias table, the curated
aliases, or a new actor (:mod:`geo.imports.actors`), each name once per context, and
counted in the report (:class:`ActorResolution`, part of :class:`geo.imports.job.Importer`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import schema
from .actors import NEW, ActorMapper, DatasetAliases, Mapping, parse_day
from .job_countries import country_by_name, country_of
from .reader import Line
from .report import ImportReport, Unresolved

if TYPE_CHECKING:
    from ..actors import ActorIndex

__all__ = ["ActorResolution"]


class ActorResolution:
    """The actor ids of the names an import reads, cached by (name, country, day) when the
    alias table's rows for a name depend on them, by name otherwise."""

    report: ImportReport
    current_row: Line | None
    # "acled" or "ucdp": which columns of the row being read give an actor's context
    dataset_key: str
    actor_mapper: ActorMapper
    _actor_cache: dict[tuple[str, str, object], Mapping]
    _conditional: dict[str, bool]

    def start_actors(self, actors: ActorIndex, *, dataset: str, aliases: DatasetAliases | None) -> None:
        """Start with empty caches: the alias table, the curated aliases, then new actors
        (:class:`geo.imports.actors.ActorMapper`); ``dataset``: "acled" or "ucdp"."""
        self.dataset_key = dataset
        self.actor_mapper = ActorMapper(actors, dataset=dataset, aliases=aliases)
        self._actor_cache = {}
        self._conditional = {}  # whether the alias table's rows for a name depend on country or date

    @property
    def actors_met(self) -> list[dict[str, str]]:
        """The new actors this import made, as rows of ``actors.csv`` (:data:`geo.schema.ACTOR_COLUMNS`):
        write them as ``actors.csv`` beside the incidents (:func:`geo.imports.write_actors`)."""
        return list(self.actor_mapper.new_actors)

    def actor(
        self,
        name: str,
        *,
        line: int,
        column: str,
        also: Callable[[str], list[str]] | None = None,
        country: str | None = None,
        day: dt.date | None = None,
        inter: str | None = None,
        uses: list[tuple[str, Mapping]] | None = None,
    ) -> str:
        """The actor id of ``name``: by the alias table, the curated aliases (and the names
        ``also`` gives), or a new actor (:mod:`geo.imports.actors`); never the name itself.

        ``country`` (ISO2), ``day`` and ``inter`` (ACLED's code for this column) default to
        those of the row being read. ``uses`` collects ``(name, mapping)``, so that other
        rows with the same names can be counted at once (:meth:`count_again`).
        """
        if country is None or day is None or inter is None:
            context_country, context_day, context_inter = self._actor_context(column)
            country = context_country if country is None else country
            day = context_day if day is None else day
            inter = context_inter if inter is None else inter
        key = (name, country, day) if self.conditional(name) else (name, "", None)
        mapping = self._actor_cache.get(key)
        if mapping is None:
            mapping = self._actor_cache[key] = self.actor_mapper.map(
                name, country=country, day=day, inter=inter, side=column, also=also(name) if also else []
            )
        self.report.count_actor(mapping, line=line, column=column)
        if mapping.how == NEW:
            unresolved = self.report.unresolved_actors.setdefault(
                name, Unresolved(line, column, name, f"new actor {mapping.actor!r}")
            )
            unresolved.rows += 1
        if uses is not None:
            uses.append((name, mapping))
        return mapping.actor

    def conditional(self, name: str) -> bool:
        """Whether the alias table's rows for ``name`` depend on the country or the date."""
        conditional = self._conditional.get(name)
        if conditional is None:
            conditional = self._conditional[name] = self.actor_mapper.aliases.conditional(name)
        return conditional

    def count_again(self, uses: list[tuple[str, Mapping]], times: int) -> None:
        """Count the names of ``uses`` (collected by :meth:`actor`) ``times`` more: rows
        that name the same actors, resolved once."""
        if times <= 0:
            return
        mappings = self.report.actor_mappings
        for name, mapping in uses:
            mappings[(mapping.name, mapping.actor)][3] += times
            if mapping.how == NEW:
                self.report.unresolved_actors[name].rows += times

    def _actor_context(self, column: str) -> tuple[str, dt.date | None, str]:
        """The country, day and inter code of the row being read, for an actor of ``column``."""
        row = self.current_row
        if row is None:
            return "", None, ""
        if self.dataset_key == "ucdp":
            return country_by_name(row[schema.UCDP_COUNTRY]), parse_day(row[schema.UCDP_DATE_START]), ""
        inter = row["inter2"] if column.endswith("2") else row[schema.ACLED_INTER1]
        country = country_of(row[schema.ACLED_ISO], row[schema.ACLED_COUNTRY])
        return country, parse_day(row[schema.ACLED_EVENT_DATE]), inter
