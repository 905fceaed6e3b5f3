"""An analyst's own table of incidents (CSV, or JSON records): ``geo import csv FILE``.

A date and a place are enough: a place name (geocoded through the gazetteer, with the
row's country, region and cercle as context) or coordinates (``latitude`` and
``longitude``), or both (then the place is kept only within 10 km of the point, as in
the ACLED and UCDP imports). Everything else is optional.

Columns
-------
Columns are found by their header, in any case, with or without accents, spaces,
hyphens or underscores (``Event type`` is ``event_type``, ``Région`` is ``region``);
:data:`TABLE_COLUMNS` lists the names each field is recognised by:

=================  ==========================================================
field              header names recognised
=================  ==========================================================
``date``           date, event_date, day, jour
``place``          place, location, village, town, locality, localite, lieu
``latitude``       lat, latitude
``longitude``      lon, lng, long, longitude
``country``        country, pays
``admin1``         admin1, region
``admin2``         admin2, cercle, district, province, department, departement
``fatalities``     fatalities, deaths, killed, dead, morts, tues, deces
``actor1``         actor1, actor, perpetrator, perpetrators, auteur, auteurs
``actor2``         actor2, target, victim, victims, cible, victime, victimes
``event_type``     event_type, type
``sub_event_type`` sub_event_type, sub_type
``precision``      precision, geo_precision
``id``             id, event_id, ref, reference
``note``           note, notes, description, comment, comments, remarks, remarques
``source``         source, sources, url, link, lien
=================  ==========================================================

A column map names the columns instead (``{"date": "Date", "place": "Village",
"admin2": "Cercle"}``; the command's ``--columns date=Date,place=Village,admin2=Cercle``):
a field it maps reads that column; the other fields are still found by name. A table
without a date column, or without a place column and without both coordinates, is
refused with the columns expected and those found; columns that are read for no
field are named in one warning.

Values
------
- **date** (:func:`table_date`): ISO ``2022-03-08`` (a time after it is ignored);
  numbers with the **day first**, as written in Mali and Burkina Faso (``08/03/2022``,
  ``8-3-2022``, ``08.03.2022`` are 8 March 2022); a date that can only be month first
  (``03/18/2022``) is refused, never swapped (convert the column, or write ISO); a
  two-digit year is refused; ``2022/03/08`` is year first; ``8 March 2022``, ``March 8,
  2022``, ``8-Mar-2022``, ``8 mars 2022``, ``1er mars 2022`` (English or French months,
  abbreviated or not); ``March 2022`` / ``mars 2022`` is the month ``2022-03``; any
  other EDTF (``2022-03``, ``2022-03~``, ``2022-06-18/2022-06-20``) is kept as given.
- **id**: ``csv-<file>-<line>``, where ``<file>`` is the file's name without its
  extension, lower-cased, accents removed, other characters as hyphens
  (``Incidents Ménaka 2022.csv`` -> ``csv-incidents-menaka-2022-2``): stable as long as
  no row is added or removed above. With an ``id`` column, ``csv-<file>-<id>`` (the id
  made the same way); a second row with the same id is rejected.
- **event_type**: an ACLED event type or sub-event type, in any case (``Attack`` is
  Violence against civilians / Attack), or a common word for one (clash, affrontement,
  IED, airstrike, drone strike, kidnapping, enlèvement, massacre, protest,
  manifestation, riot, émeute); other values reject the row. A row without a type is
  **Strategic developments / Other** (ACLED's type for what is not classified: a
  default that claims no violence), unless the caller gives another default
  (``event_type=``); the report counts such rows.
- **actors**: resolved like the datasets' (aliases, then new actors); an empty or
  missing ``actor1`` is ``unidentified``; ``actor2`` is optional.
- **fatalities**: a whole number is the best estimate (``fatalities_best``), and so is
  ``about 10`` (``around``, ``some``, ``environ``, ``près de``); ``10-15``, ``10 to 15``,
  ``10 à 15`` are low and high; ``at least 10``, ``au moins 10``, ``10+`` the low, and
  ``more than 10`` (``over``, ``plus de``) the low 11, as in the Numbers table of
  ``seeds/README.md``; other words are kept verbatim in ``fatalities_text`` (and
  listed in the report).
- **precision**: the ``precision`` column (1, 2 or 3) when there is one; otherwise 3
  when the place is an area (country, region, cercle, province, commune) and 1 when it
  is a settlement or the row gives coordinates; 3 when nothing places the row.
- **sources** is ``csv-<file>`` (or the caller's ``source_id=``): add that id to
  ``sources.csv``; the ``source`` and ``note`` columns are kept in ``note``.

Every row read is written or rejected (``rows_read == rows_written + rows_rejected``);
each rejection names the line, the column and the value.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from ..dates import parse_date
from ..errors import GeoError, InputError
from ..seeds import Problem
from . import job as shared
from .job import Importer, Progress, country_of, incident_row
from .reader import Line, clean_note, close_rows, open_rows, whole_count
from .report import ImportResult, Unresolved
from .table_values import (
    ABOUT,
    AT_LEAST,
    MORE_THAN,
    RANGE,
    loose_key,
    table_date,
    table_event_type,
    table_slug,
)

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = ["TABLE_COLUMNS", "TABLE_DEFAULT_EVENT_TYPE", "import_table"]

# field -> header names it is recognised by (normalised: see loose_key).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "event_date", "day", "jour"),
    "place": ("place", "location", "village", "town", "locality", "localite", "lieu"),
    "latitude": ("lat", "latitude"),
    "longitude": ("lon", "lng", "long", "longitude"),
    "country": ("country", "pays"),
    "admin1": ("admin1", "region"),
    "admin2": ("admin2", "cercle", "district", "province", "department", "departement"),
    "fatalities": ("fatalities", "deaths", "killed", "dead", "morts", "tues", "deces"),
    "actor1": ("actor1", "actor", "perpetrator", "perpetrators", "auteur", "auteurs"),
    "actor2": ("actor2", "target", "victim", "victims", "cible", "victime", "victimes"),
    "event_type": ("event_type", "type"),
    "sub_event_type": ("sub_event_type", "sub_type"),
    "precision": ("precision", "geo_precision"),
    "id": ("id", "event_id", "ref", "reference"),
    "note": ("note", "notes", "description", "comment", "comments", "remarks", "remarques"),
    "source": ("source", "sources", "url", "link", "lien"),
}
# A row without an event type: ACLED's type for what is not classified.
TABLE_DEFAULT_EVENT_TYPE = ("Strategic developments", "Other")
DATASET = "incident table"


def import_table(
    path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    event_type: str | None = None,
    source_id: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read an analyst's table of incidents (rules in :mod:`geo.imports.table`).

    ``columns`` maps fields to the table's headers (``{"date": "Date", "place":
    "Village"}``); ``event_type`` is the type of rows that give none (by default
    :data:`TABLE_DEFAULT_EVENT_TYPE`); ``source_id`` is what the incidents cite (by
    default ``csv-<file>``). Raises :class:`InputError` for a table it cannot read,
    naming the columns expected and found.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo import Gazetteer
    >>> from geo.actors import ActorIndex
    >>> table = Path(tempfile.mkdtemp()) / "Mes incidents.csv"
    >>> _ = table.write_text("Date;Village;Cercle;Morts\\n08/03/2022;Ménaka;Ménaka;4\\n", encoding="utf-8")
    >>> result = import_table(table, gazetteer=Gazetteer.load(), actors=ActorIndex([]))
    >>> row = result.incidents[0]
    >>> row["id"], row["date"], row["place"], row["precision"], row["fatalities_best"], row["actor1"]
    ('csv-mes-incidents-2', '2022-03-08', 'ml-menaka', '1', '4', 'unidentified')
    >>> row["event_type"], row["sources"]
    ('Strategic developments', 'csv-mes-incidents')
    """
    path = Path(path)
    header, rows = open_rows(path, dataset=DATASET, required=())
    try:
        found = _columns(path, header, columns or {})
        default_type = TABLE_DEFAULT_EVENT_TYPE
        if event_type is not None:
            given = table_event_type(event_type)
            if given is None:
                raise InputError(f"{event_type!r} is not an event type: use one of {', '.join(schema.EVENT_TYPES)}")
            default_type = given
    except InputError:
        close_rows(rows)
        raise
    stem = table_slug(path.stem) or "table"
    job = Importer(dataset="table", path=path, gazetteer=gazetteer, actors=actors)
    job.report.layout = "incident table; columns " + ", ".join(f"{field}={column}" for field, column in found.items())
    unread = [column for column in header if column and column not in found.values()]
    if unread:
        job.warn(
            f"column(s) not read: {', '.join(unread)}; name them with --columns (fields: {', '.join(TABLE_COLUMNS)})",
            column=", ".join(unread),
        )
    if "event_type" not in found:
        job.warn(
            f"no event type column: every incident is {' / '.join(default_type)}; add a type column "
            f"(one of {', '.join(schema.EVENT_TYPES)}) or map one with --columns event_type=..."
        )
    source = source_id or f"csv-{stem}"
    reading = _Reading(job, found, stem, default_type, source)
    for row in rows:
        job.report.rows_read += 1
        if progress is not None and job.report.rows_read % shared.PROGRESS_EVERY == 0:
            progress(job.report.rows_read)
        reading.row(row)
    result = job.finish()
    for index in reading.by_kind:
        incident = result.incidents[index]
        if incident[schema.PLACE]:
            kind = gazetteer.place(incident[schema.PLACE]).kind
            incident[schema.PRECISION] = "3" if kind in schema.AREA_KINDS else "1"
    if source_id is None:
        # the table itself is the source its incidents cite: written as sources.csv beside them
        result.sources.append(
            {
                schema.ID: source,
                schema.KIND: "dataset",
                schema.TITLE: f"{path.name} (a table of incidents, imported with geo import csv)",
            }
        )
    return result


def _columns(path: Path, header: tuple[str, ...], mapping: dict[str, str]) -> dict[str, str]:
    """field -> the header's column (as :func:`open_rows` gives it, lower-cased)."""
    by_key = {loose_key(column): column for column in header if column}
    found: dict[str, str] = {}
    for field, column in mapping.items():
        name = _field(field)
        if name is None:
            raise InputError(f"--columns: {field!r} is not a field; the fields are {', '.join(TABLE_COLUMNS)}")
        actual = by_key.get(loose_key(column))
        if actual is None:
            raise InputError(
                f"--columns {field}={column}: {path} has no column {column!r} "
                f"(found: {', '.join(c for c in header if c) or 'nothing'})"
            )
        found[name] = actual
    taken = set(found.values())
    for field, names in TABLE_COLUMNS.items():
        if field in found:
            continue
        for name in names:
            named = by_key.get(name)
            if named is not None and named not in taken:
                found[field] = named
                taken.add(named)
                break
    has_point = "latitude" in found and "longitude" in found
    if "date" not in found or ("place" not in found and not has_point):
        missing = []
        if "date" not in found:
            missing.append("a date column (" + ", ".join(TABLE_COLUMNS["date"]) + ")")
        if "place" not in found and not has_point:
            missing.append(
                "a place column ("
                + ", ".join(TABLE_COLUMNS["place"])
                + ") or latitude and longitude columns ("
                + "/".join(TABLE_COLUMNS["latitude"])
                + ", "
                + "/".join(TABLE_COLUMNS["longitude"])
                + ")"
            )
        raise InputError(
            f"{path} is not a table of incidents this import can read: expected {' and '.join(missing)}; "
            f"found: {', '.join(c for c in header if c) or 'nothing'}; "
            "name them with --columns, such as --columns date=Date,place=Village,admin2=Cercle"
        )
    return found


def _field(name: str) -> str | None:
    key = loose_key(name)
    if key in TABLE_COLUMNS:
        return key
    return next((field for field, names in TABLE_COLUMNS.items() if key in names), None)


class _Reading:
    """One table's rows made into incidents."""

    def __init__(
        self, job: Importer, columns: dict[str, str], stem: str, default_type: tuple[str, str], source_id: str
    ) -> None:
        self.job = job
        self.columns = columns
        self.stem = stem
        self.default_type = default_type
        self.source_id = source_id
        self.by_kind: list[int] = []  # incidents whose precision follows their place's kind

    def cell(self, row: Line, field: str) -> str:
        column = self.columns.get(field)
        return row[column] if column else ""

    def problem(self, row: Line, field: str, message: str, fix: str = "") -> Problem:
        return self.job.problem(row.line, self.columns.get(field, field), self.cell(row, field), message, fix)

    def row(self, row: Line) -> None:
        job = self.job
        problems: list[Problem] = []
        job.check_text(row, problems)
        record_id = self.record_id(row, problems)
        day = ""
        try:
            day = table_date(self.cell(row, "date"))
        except InputError as error:
            problems.append(self.problem(row, "date", str(error)))
        point = self.point(row, problems)
        name = self.cell(row, "place")
        if not name and point is None and not problems:
            problems.append(
                self.problem(row, "place", "no place and no coordinates", "give a place name or latitude and longitude")
            )
        types = self.default_type
        raw_type = self.cell(row, "event_type")
        if raw_type:
            given = table_event_type(raw_type)
            if given is None:
                problems.append(
                    self.problem(row, "event_type", "not an event type", f"use one of {', '.join(schema.EVENT_TYPES)}")
                )
            else:
                types = given
        raw_sub = self.cell(row, "sub_event_type")
        if raw_sub and types:
            sub = next((s for s in schema.EVENT_TYPES[types[0]] if loose_key(s) == loose_key(raw_sub)), None)
            if sub is None:
                problems.append(
                    self.problem(
                        row,
                        "sub_event_type",
                        f"not a sub-event type of {types[0]}",
                        "use one of " + ", ".join(sorted(schema.EVENT_TYPES[types[0]])),
                    )
                )
            else:
                types = (types[0], sub)
        precision = self.cell(row, "precision")
        if precision and precision not in {str(p) for p in schema.PRECISIONS}:
            problems.append(self.problem(row, "precision", "not a precision", "use 1, 2 or 3"))
        low, best, high, words = self.fatalities(row)
        if problems:
            job.reject(row.line, problems)
            return
        if record_id:
            job.seen_ids[record_id] = row.line
        country = country_of("", self.cell(row, "country")) if self.cell(row, "country") else ""
        when = _first_day(day)
        actor1_name = self.cell(row, "actor1")
        actor1 = (
            job.actor(actor1_name, line=row.line, column=self.columns["actor1"], country=country, day=when, inter="")
            if actor1_name
            else schema.UNIDENTIFIED_ACTOR
        )
        actor2_name = self.cell(row, "actor2")
        actor2 = (
            job.actor(actor2_name, line=row.line, column=self.columns["actor2"], country=country, day=when, inter="")
            if actor2_name
            else ""
        )
        if words:
            job.report.notice(
                row.line,
                self.columns["fatalities"],
                words,
                "deaths not given as a number: kept as written in fatalities_text; "
                "put the figures in low/best/high by the Numbers table of seeds/README.md",
                summary="deaths in words, kept in fatalities_text",
            )
        if raw_type == "" and "event_type" in self.columns:
            job.report.notice(
                row.line,
                self.columns["event_type"],
                "",
                f"no event type: {' / '.join(self.default_type)}",
                summary=f"rows without an event type, typed {' / '.join(self.default_type)}",
            )
        source = self.cell(row, "source")
        job.incidents.append(
            incident_row(
                id=record_id,
                date=day,
                location=name,
                latitude=self.cell(row, "latitude") if point else "",
                longitude=self.cell(row, "longitude") if point else "",
                precision=precision or ("1" if point else "3"),
                event_type=types[0],
                sub_event_type=types[1],
                actor1=actor1,
                actor2=actor2,
                **{
                    schema.FATALITIES_LOW: low,
                    schema.FATALITIES_BEST: best,
                    schema.FATALITIES_HIGH: high,
                    schema.FATALITIES_TEXT: words,
                },
                sources=self.source_id,
                note=clean_note(self.cell(row, "note"), f"(source: {source})" if source else ""),
            )
        )
        index = len(job.incidents) - 1
        if not name:
            return
        admin1, admin2 = self.cell(row, "admin1"), self.cell(row, "admin2")
        if not precision:
            self.by_kind.append(index)
        if point is not None:
            job.place(
                index,
                line=row.line,
                column=self.columns["place"],
                name=name,
                country=country,
                admin1=admin1,
                admin2=admin2,
                lat=point[0],
                lon=point[1],
            )
            return
        found = job.lookup(name, country, admin1, admin2)
        if len(found.places) == 1 and not found.ambiguous:
            job.incidents[index][schema.PLACE] = found.places[0][0]
            job.report.places_resolved += 1
            return
        context = ", ".join(f"{k} {v}" for k, v in (("country", country), ("admin1", admin1), ("admin2", admin2)) if v)
        reason = found.reason or "not found in the gazetteer"
        if found.ambiguous:
            reason += "; the row has no coordinates to settle it: add latitude and longitude, or admin1/admin2"
        unresolved = job.report.unresolved_places.setdefault(
            (name, country, admin1, admin2),
            Unresolved(row.line, self.columns["place"], name, f"{reason} (context: {context})" if context else reason),
        )
        unresolved.rows += 1

    def record_id(self, row: Line, problems: list[Problem]) -> str:
        if "id" not in self.columns:
            return f"csv-{self.stem}-{row.line}"
        raw = self.cell(row, "id")
        part = table_slug(raw)
        if not part:
            problems.append(self.problem(row, "id", "no id", "give every row an id, or leave out the id column"))
            return ""
        record_id = f"csv-{self.stem}-{part}"
        first = self.job.seen_ids.get(record_id)
        if first is not None:
            problems.append(self.problem(row, "id", f"duplicate id (first on line {first})", "an id names one event"))
            return ""
        return record_id

    def point(self, row: Line, problems: list[Problem]) -> tuple[float, float] | None:
        if "latitude" not in self.columns or "longitude" not in self.columns:
            return None
        lat, lon = self.cell(row, "latitude"), self.cell(row, "longitude")
        if not lat and not lon:
            return None
        if self.job.check_point(row, self.columns["latitude"], self.columns["longitude"], problems):
            return float(lat), float(lon)
        return None

    def fatalities(self, row: Line) -> tuple[str, str, str, str]:
        """(low, best, high, words) of the deaths cell."""
        raw = self.cell(row, "fatalities")
        if not raw:
            return "", "", "", ""
        number = whole_count(raw)
        if number is not None:
            return "", str(number), "", ""
        text = raw.lower().strip()
        match = RANGE.match(text)
        if match and int(match[1]) <= int(match[2]):
            return match[1], "", match[2], ""
        match = AT_LEAST.match(text)
        if match and (match[2] or not text[0].isdigit()):
            return match[1], "", "", ""
        match = MORE_THAN.match(text)
        if match:
            return str(int(match[1]) + 1), "", "", ""
        match = ABOUT.match(text)
        if match:
            return "", match[1], "", ""
        return "", "", "", raw


def _first_day(edtf: str) -> date | None:
    try:
        return parse_date(edtf).earliest if edtf else None
    except GeoError:
        return None
