"""Import ACLED and UCDP GED exports as incidents in the project's schema.

:func:`import_acled` and :func:`import_ucdp` read a dataset's CSV export and return
an :class:`ImportResult`: the incidents (rows of ``incidents.csv``, see
``seeds/README.md``) and an :class:`ImportReport` that accounts for every row read.
Nothing is dropped silently: ``rows_read == rows_written + rows_rejected``, and each
rejected row is reported as a :class:`~geo.records.Problem` naming the file, the line,
the column, the value, what is wrong and how to fix it.

What is kept, and how it is read
--------------------------------
**ACLED** (both the column set before March 2023, with ``data_id``,
``event_id_no_cnty`` and ``iso3``, and the later one, with ``disorder_type``,
``civilian_targeting`` and ``tags``; headers in any case):

- ``id`` is ``acled-`` + the lower-cased ``event_id_cnty`` (``MLI12345`` ->
  ``acled-mli12345``); a second row with the same event id is rejected.
- ``date`` comes from ``event_date`` (``2022-03-08``, ``08 March 2022``,
  ``8-Mar-2022`` or ``08-03-2022``, day first as ACLED writes it) read with
  ``time_precision``. ACLED's codebook (its "Time precision codes", as paraphrased
  in the documentation of the R package mapme.biodiversity,
  ``R/calc_fatalities_acled.R``, which cites
  https://acleddata.com/knowledge-base/codebook/; the acledR package's codebook
  table gives the same three levels) says: **1** the sources give the actual day;
  **2** the sources say the event happened some time during a week or a similar
  period, and a day of that week is coded; **3** the sources give only the month
  ("in January", "in the past two or three weeks"), and the month's mid-point is
  coded (its first or last day when they say "early" or "late" in the month). So:

  ===============  =========================  ===========================
  time_precision   EDTF written                for event_date 2022-03-08
  ===============  =========================  ===========================
  1                the day                     ``2022-03-08``
  2                the week around the day     ``2022-03-05/2022-03-11``
                   (3 days either side)
  3                the month of the day        ``2022-03``
  ===============  =========================  ===========================

  No day is invented: a coded mid-week or mid-month day is never written as if it
  were the day. When an export has no ``time_precision`` column at all, every date
  is read as its month (precision 3, the least precise reading) and a warning says so.
- ``latitude``/``longitude`` are ACLED's own (the incident keeps them); ``precision``
  is ``geo_precision`` (ACLED's 1, 2, 3 mean what the project's do: the named
  place, near it, only the region). An export without ``geo_precision`` gets 3.
- ``event_type``/``sub_event_type``: the current types are kept; the types used
  before 2019 are mapped: ``Battle-No change of territory`` -> Battles / Armed clash,
  ``Battle-Government regains territory`` and ``Battle-Non-state actor overtakes
  territory`` -> Battles with that sub-type, ``Remote violence`` -> Explosions/Remote
  violence, ``Strategic development`` -> Strategic developments, ``Non-violent transfer
  of territory`` and ``Headquarters or base established`` -> Strategic developments
  with that sub-type, ``Riots/Protests`` -> Riots when ``inter1`` is 5 (rioters) or
  actor1 names rioters, else Protests. Old types had no sub-types, so none is
  invented. An unknown sub-type is dropped with a warning; an unknown type rejects
  the row.
- ``actor1``, ``actor2`` and the ``;``-separated ``assoc_actor_1``/``assoc_actor_2``
  are resolved to actor ids with :meth:`geo.actors.ActorIndex.resolve`; a name the
  actor list does not know is kept verbatim and reported (once per name, with the
  number of rows).
- ``fatalities`` -> ``fatalities_best``. ACLED publishes one figure per event, its
  most conservative reading of the sources, and no range: ``fatalities_low`` and
  ``fatalities_high`` stay empty, because copying the one figure into them would
  claim bounds that ACLED does not give (the README's rule for "about 40").
- ``place``: ``location`` is resolved against the gazetteer with the country (the
  numeric ``iso`` code, else the ``country`` name), ``admin1`` and ``admin2`` as
  context (and again without the admin context when that finds nothing); lookups are
  cached by (location, country, admin1, admin2), since exports repeat locations a
  lot. When the place lies within :data:`geo.schema.PLACE_AGREEMENT_KM` (10 km,
  geodesic) of ACLED's point, ``place`` is its id; when it lies further away,
  ``place`` stays empty and the row is reported as a disagreement (both names, the
  distance). A name the gazetteer finds ambiguous (same-named places far apart, such
  as the two Diouras) takes the candidate within 10 km of ACLED's point, when there is
  one: the dataset's point settles what the name alone cannot. Names that resolve to
  no place (or to none near the point) are reported once each, with their row count.
- ``sources`` is ``acled`` (the dataset's row in ``sources.csv``); ``note`` keeps
  ACLED's ``notes`` and its ``source`` text.

**UCDP GED**: ``id`` is ``ucdp-<id>``; ``date`` is ``date_start``, or
``date_start/date_end`` when they differ (UCDP's earliest and latest possible days);
``where_prec`` 1 -> precision 1, 2 -> 2, 3 to 7 -> 3; ``type_of_violence`` 1
(state-based) and 2 (non-state) -> Battles / Armed clash, 3 (one-sided) -> Violence
against civilians / Attack; ``low``/``best``/``high`` are UCDP's own estimates;
``side_a``/``side_b`` are resolved like ACLED's actors ("Government of Mali" is also
tried as "Military Forces of Mali" and "Armed Forces of Mali"); the place is
``where_coordinates`` without its kind words ("Ménaka town", "Gao (province)"),
with ``country``, ``adm_1`` and ``adm_2`` as context and the same 10 km rule;
``sources`` is ``ucdp-ged``; ``note`` is ``source_headline`` and
``where_description``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from geo import Gazetteer
>>> from geo.actors import Actor, ActorIndex
>>> actors = ActorIndex([Actor("isgs", "Islamic State Sahel", "jihadist", "#000000", ("Islamic State (Sahel)",))])
>>> export = Path(tempfile.mkdtemp()) / "acled.csv"
>>> _ = export.write_text(
...     "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,iso,country,"
...     "admin1,admin2,location,latitude,longitude,geo_precision,fatalities,source,notes\\n"
...     "MLI101,2022-03-08,2,Violence against civilians,Attack,Islamic State (Sahel),466,Mali,"
...     "Menaka,Menaka,Menaka,15.918,2.402,1,4,Local media,Four civilians killed.\\n",
...     encoding="utf-8",
... )
>>> result = import_acled(export, gazetteer=Gazetteer.load(), actors=actors)
>>> row = result.incidents[0]
>>> row["id"], row["date"], row["place"], row["actor1"], row["fatalities_best"]
('acled-mli101', '2022-03-05/2022-03-11', 'ml-menaka', 'isgs', '4')
>>> result.report.rows_read, result.report.rows_written, result.report.rows_rejected
(1, 1, 0)
"""

from __future__ import annotations

import calendar
import csv
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from . import schema
from ._validate import MAX_COUNT, MAX_CSV_FIELD, check_input_file, csv_error_message, csv_field_limit
from .countries import country_code
from .errors import GeoError, InputError
from .matching import AMBIGUOUS, NOT_FOUND
from .measure import geodesic, great_circle_km
from .records import Problem

if TYPE_CHECKING:
    from .actors import ActorIndex
    from .gazetteer import Gazetteer

__all__ = [
    "ACLED_COUNTRIES",
    "ImportReport",
    "ImportResult",
    "ReportEntry",
    "acled_date",
    "acled_edtf",
    "acled_event_type",
    "import_acled",
    "import_ucdp",
    "ucdp_place_name",
    "write_incidents",
    "write_report",
]

Progress = Callable[[int], None]

# How often (in rows read) the progress callback is called.
PROGRESS_EVERY = 10_000

# ACLED's numeric ``iso`` codes (ISO 3166-1 numeric) of Mali, its neighbours and the
# countries around them -> ISO 3166-1 alpha-2. Others fall back to the ``country`` name.
ACLED_COUNTRIES: dict[int, str] = {
    466: "ML",  # Mali
    562: "NE",  # Niger
    854: "BF",  # Burkina Faso
    12: "DZ",  # Algeria
    478: "MR",  # Mauritania
    686: "SN",  # Senegal
    324: "GN",  # Guinea
    384: "CI",  # Côte d'Ivoire
    434: "LY",  # Libya
    148: "TD",  # Chad
    566: "NG",  # Nigeria
    204: "BJ",  # Benin
    768: "TG",  # Togo
    288: "GH",  # Ghana
}

# ACLED's event types before the 2019 revision -> (event type, sub-event type or "").
_BATTLES, _VAC, _EXPLOSIONS = "Battles", "Violence against civilians", "Explosions/Remote violence"
_RIOTS, _PROTESTS, _STRATEGIC = "Riots", "Protests", "Strategic developments"
OLD_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "battle-no change of territory": (_BATTLES, "Armed clash"),
    "battle-government regains territory": (_BATTLES, "Government regains territory"),
    "battle-non-state actor overtakes territory": (_BATTLES, "Non-state actor overtakes territory"),
    "remote violence": (_EXPLOSIONS, ""),
    "riots/protests": (_PROTESTS, ""),  # Riots when the actor is rioters, see acled_event_type
    "strategic development": (_STRATEGIC, ""),
    "non-violent transfer of territory": (_STRATEGIC, "Non-violent transfer of territory"),
    "headquarters or base established": (_STRATEGIC, "Headquarters or base established"),
}
_RIOTERS_INTER_CODE = "5"
# Spellings of sub-event types that ACLED has used besides the codebook's.
_SUB_EVENT_SPELLINGS = {"excessive force against protestors": "excessive force against protesters"}

# UCDP GED's type_of_violence -> (event type, sub-event type).
UCDP_VIOLENCE_TYPES: dict[str, tuple[str, str]] = {
    "1": (_BATTLES, "Armed clash"),  # state-based conflict
    "2": (_BATTLES, "Armed clash"),  # non-state conflict
    "3": (_VAC, "Attack"),  # one-sided violence
}
# UCDP GED's where_prec (1 exact place ... 7 country or international waters) -> precision.
UCDP_PRECISIONS = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 3, "7": 3}

_EVENT_TYPES_BY_KEY = {event_type.lower(): event_type for event_type in schema.EVENT_TYPES}
_SUB_EVENT_TYPES_BY_KEY = {
    event_type: {sub.lower(): sub for sub in subs} for event_type, subs in schema.EVENT_TYPES.items()
}

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*)?$")
_DAY_MONTH_NAME_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_EVENT_ID = re.compile(r"^[A-Za-z0-9-]+$")
_GOVERNMENT_OF = re.compile(r"^government of (.+)$", re.IGNORECASE)
# Kind words UCDP appends to where_coordinates: "Ménaka town", "Gao province", "Boni (village)".
_UCDP_KIND_WORDS = (
    "town|village|city|province|region|district|department|departement|département|commune|cercle|"
    "prefecture|municipality|area|locality|capital"
)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_TRAILING_KIND = re.compile(rf"(?:[\s,-]+(?:{_UCDP_KIND_WORDS}))+\s*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# A byte that is not UTF-8, as read with errors="surrogateescape".
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


# --- results --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One row of the import report: ``kind, line, column, value, message``."""

    kind: str
    line: int
    column: str
    value: str
    message: str

    def as_row(self) -> dict[str, str | int]:
        """The entry as a row of the report CSV (:data:`geo.schema.REPORT_COLUMNS`)."""
        return dict(zip(schema.REPORT_COLUMNS, (self.kind, self.line, self.column, self.value, self.message)))


@dataclass
class _Unresolved:
    """A name that resolved to nothing: where it was first seen, and how often."""

    line: int
    column: str
    value: str
    reason: str
    rows: int = 0


@dataclass
class ImportReport:
    """Everything an import did not take as it was: rejected rows, unresolved names,
    disagreements between the dataset's point and the gazetteer, warnings.

    ``rows_read == rows_written + rows_rejected`` always holds.
    """

    dataset: str
    path: str
    rows_read: int = 0
    rows_written: int = 0
    rejected_lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unresolved_actors: dict[str, _Unresolved] = field(default_factory=dict)
    unresolved_places: dict[tuple[str, ...], _Unresolved] = field(default_factory=dict)
    disagreements: list[ReportEntry] = field(default_factory=list)
    warnings: list[ReportEntry] = field(default_factory=list)
    places_resolved: int = 0

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected_lines)

    def entries(self) -> list[ReportEntry]:
        """Every entry of the report, by line, then kind."""
        found = [
            ReportEntry(
                schema.REJECTED,
                p.line,
                p.column,
                p.value,
                f"{p.message}; {p.fix}" if p.fix else p.message,
            )
            for p in self.problems
        ]
        for unresolved in self.unresolved_actors.values():
            found.append(
                ReportEntry(
                    schema.UNRESOLVED_ACTOR,
                    unresolved.line,
                    unresolved.column,
                    unresolved.value,
                    f"not in the actor list ({_rows(unresolved.rows)}, first on this line); kept verbatim; "
                    "add the name to the aliases of an actor in actors.csv",
                )
            )
        for unresolved in self.unresolved_places.values():
            found.append(
                ReportEntry(
                    schema.UNRESOLVED_PLACE,
                    unresolved.line,
                    unresolved.column,
                    unresolved.value,
                    f"{unresolved.reason} ({_rows(unresolved.rows)}, first on this line); the incidents keep the "
                    "dataset's point and no place id; add the name as a variant of a place in gazetteer/places.csv",
                )
            )
        found.extend(self.disagreements)
        found.extend(self.warnings)
        order = {kind: i for i, kind in enumerate(schema.REPORT_KINDS)}
        return sorted(found, key=lambda e: (e.line, order.get(e.kind, 99)))

    def summary(self) -> str:
        """A few lines for people: counts that add up, and what to look at."""
        actor_rows = sum(u.rows for u in self.unresolved_actors.values())
        place_rows = sum(u.rows for u in self.unresolved_places.values())
        lines = [
            f"{self.path}: {self.rows_read:,} rows read = {self.rows_written:,} written "
            f"+ {self.rows_rejected:,} rejected ({len(self.problems):,} problems)",
            f"  actors: {len(self.unresolved_actors):,} names not in the actor list, kept verbatim "
            f"(in {actor_rows:,} rows)",
            f"  places: {self.places_resolved:,} rows given a place id; "
            f"{len(self.disagreements):,} rows more than {schema.PLACE_AGREEMENT_KM:g} km from the gazetteer's "
            f"place (left without one); {len(self.unresolved_places):,} names not resolved (in {place_rows:,} rows)",
        ]
        lines.extend(f"  warning: {w.message}" for w in self.warnings)
        return "\n".join(lines)


@dataclass
class ImportResult:
    """The incidents an import made (rows of ``incidents.csv``) and its report."""

    incidents: list[dict[str, str]]
    report: ImportReport


def _rows(count: int) -> str:
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


# --- reading --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Line:
    line: int
    cells: dict[str, str]
    shape: str = ""  # what is wrong with the row's number of cells, if anything

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def _open_rows(path: Path, *, dataset: str, required: tuple[str, ...]) -> tuple[tuple[str, ...], Iterator[_Line]]:
    """Open a CSV export: check its header, then yield its rows with their first line.

    Bytes that are not UTF-8 are kept as lone surrogates (``surrogateescape``), so that
    :meth:`_Importer.check_text` rejects the row that holds them, naming the bytes,
    while a real U+FFFD in the text is accepted. A row with fewer or more cells than
    the header is yielded with ``shape`` set, to be rejected; a quote never closed, or
    a cell beyond :data:`geo._validate.MAX_CSV_FIELD`, ends the reading with an
    :class:`InputError` naming the line.
    """
    label = str(path)
    check_input_file(path, what=f"{dataset} export (a .csv file)")
    try:
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as error:
        raise InputError(f"cannot read {label}: {error.strerror}") from None
    csv_field_limit()
    first = handle.readline(MAX_CSV_FIELD)
    if not first.strip():
        handle.close()
        raise InputError(f"{label} is empty: an {dataset} export starts with a header line naming its columns")
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    header = tuple(cell.strip().lower() for cell in next(csv.reader([first], delimiter=delimiter)))
    missing = [column for column in required if column not in header]
    if missing:
        handle.close()
        shown = ", ".join(header[:40]) + (f", ... ({len(header)} columns)" if len(header) > 40 else "")
        hint = ""
        if dataset == "ACLED" and schema.UCDP_SIDE_A in header:
            hint = "; this looks like a UCDP GED export: use 'geo import ucdp'"
        elif dataset == "UCDP GED" and schema.ACLED_EVENT_ID in header:
            hint = "; this looks like an ACLED export: use 'geo import acled'"
        raise InputError(
            f"{label} is not an {dataset} export: required column(s) missing: {', '.join(missing)} "
            f"(found: {shown or 'nothing'}){hint}"
        )
    twice = sorted({column for column in header if column and header.count(column) > 1})
    if twice:
        handle.close()
        raise InputError(
            f"{label}, line 1: column(s) named twice: {', '.join(twice)}; "
            "keep one of each (which one holds the data cannot be guessed)"
        )

    def rows() -> Iterator[_Line]:
        with handle:
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            line = 2
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    where, message, fix = csv_error_message(error, start=line, last=reader.line_num + 1)
                    raise InputError(f"{label}, line {where}: {message}; {fix}") from None
                start, line = line, reader.line_num + 2
                if not any(cell.strip() for cell in cells):
                    continue
                shape = ""
                if len(cells) != len(header):
                    shape = (
                        f"the row has {len(cells)} cells but the header has {len(header)}"
                        if len(cells) > len(header)
                        else f"the row has {len(cells)} cells but the header has {len(header)}: cells are missing"
                    )
                yield _Line(start, {column: cell.strip() for column, cell in zip(header, cells)}, shape)

    return header, rows()


# --- values ---------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def acled_date(text: str) -> date | None:
    """Read an ACLED ``event_date``; ``None`` when it is not a date.

    ACLED has written ``2022-03-08``, ``08 March 2022``, ``8-Mar-2022`` and, per its
    codebook, ``08-03-2022`` (day first).

    Examples
    --------
    >>> acled_date("08 March 2022"), acled_date("2022-03-08"), acled_date("08-03-2022")
    (datetime.date(2022, 3, 8), datetime.date(2022, 3, 8), datetime.date(2022, 3, 8))
    >>> acled_date("31 February 2022") is None, acled_date("March 2022") is None
    (True, True)
    """
    value = text.strip()
    year = month = day = 0
    if match := _ISO_DATE.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_MONTH_NAME_YEAR.match(value):
        month = _MONTHS.get(match[2].lower(), 0)
        day, year = int(match[1]), int(match[3])
    elif match := _DAY_MONTH_YEAR.match(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def acled_edtf(day: date, time_precision: int) -> str:
    """The EDTF date of an ACLED event coded on ``day`` with ``time_precision``.

    Examples
    --------
    >>> [acled_edtf(date(2022, 3, 8), p) for p in (1, 2, 3)]
    ['2022-03-08', '2022-03-05/2022-03-11', '2022-03']
    """
    if time_precision == 1:
        return day.isoformat()
    if time_precision == 2:
        return f"{(day - timedelta(days=3)).isoformat()}/{(day + timedelta(days=3)).isoformat()}"
    return f"{day.year:04d}-{day.month:02d}"


def _type_key(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", _SPACES.sub(" ", text.strip().lower()))


def acled_event_type(
    event_type: str, sub_event_type: str = "", *, inter1: str = "", actor1: str = ""
) -> tuple[str, str]:
    """The current ACLED event type and sub-event type of a row, old or new.

    Returns ``("", "")`` for an unknown event type, and an empty sub-type for one the
    event type does not have.

    Examples
    --------
    >>> acled_event_type("Battle-No change of territory")
    ('Battles', 'Armed clash')
    >>> acled_event_type("Riots/Protests", inter1="5")
    ('Riots', '')
    >>> acled_event_type("Strategic Developments", "Looting/property destruction")
    ('Strategic developments', 'Looting/property destruction')
    """
    key = _type_key(event_type)
    current = _EVENT_TYPES_BY_KEY.get(key)
    if current is None:
        if key not in OLD_EVENT_TYPES:
            return "", ""
        current, sub = OLD_EVENT_TYPES[key]
        if key == "riots/protests" and (
            inter1.strip() == _RIOTERS_INTER_CODE or actor1.strip().lower().startswith("rioters")
        ):
            current = _RIOTS
        if sub or not sub_event_type:
            return current, sub
    sub_key = _SPACES.sub(" ", sub_event_type.strip().lower())
    sub_key = _SUB_EVENT_SPELLINGS.get(sub_key, sub_key)
    return current, _SUB_EVENT_TYPES_BY_KEY[current].get(sub_key, "")


def _int(text: str) -> int | None:
    """A whole number from 0 to :data:`geo._validate.MAX_COUNT` (``"3"``, ``"3.0"``), else None."""
    if len(text) > 40:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0 or number != int(number) or number > MAX_COUNT:
        return None
    return int(number)


def _clean_note(*parts: str) -> str:
    return " ".join(_SPACES.sub(" ", part).strip() for part in parts if part.strip())


def ucdp_place_name(where: str) -> str:
    """``where_coordinates`` without the kind words UCDP adds.

    Examples
    --------
    >>> ucdp_place_name("Ménaka town"), ucdp_place_name("Boulkessi (village)"), ucdp_place_name("Gao province")
    ('Ménaka', 'Boulkessi', 'Gao')
    """
    name = _PARENTHESES.sub(" ", where)
    stripped = _TRAILING_KIND.sub("", name).strip(" ,-")
    return _SPACES.sub(" ", stripped or name).strip()


# --- the shared machinery -----------------------------------------------------------------
@dataclass
class _Lookup:
    """What a (name, country, admin1, admin2) resolved to: one place, the candidates of an
    ambiguous name, or nothing; ``reason`` says why when it is not one place."""

    places: list[tuple[str, str, float, float]]
    reason: str
    ambiguous: bool = False

    @cached_property
    def lats(self) -> np.ndarray:
        return np.array([p[2] for p in self.places])

    @cached_property
    def lons(self) -> np.ndarray:
        return np.array([p[3] for p in self.places])


class _Importer:
    """Resolution caches, the report being written, and the incidents made."""

    def __init__(self, *, dataset: str, path: Path, gazetteer: Gazetteer, actors: ActorIndex) -> None:
        self.path = path
        self.gazetteer = gazetteer
        self.actors = actors
        self.report = ImportReport(dataset=dataset, path=str(path))
        self.incidents: list[dict[str, str]] = []
        self.seen_ids: dict[str, int] = {}
        self._actor_cache: dict[str, str | None] = {}
        self._place_cache: dict[tuple[str, ...], _Lookup] = {}
        # (incident index, line, location column, location, place id, place name, place lat, lon, row lat, lon)
        self._pending: list[tuple[int, int, str, str, str, str, float, float, float, float]] = []

    # problems
    def problem(self, line: int, column: str, value: str, message: str, fix: str = "") -> Problem:
        return Problem(str(self.path), line, column, value, message, fix)

    def reject(self, line: int, problems: list[Problem]) -> None:
        self.report.rejected_lines.append(line)
        self.report.problems.extend(problems)

    def warn(self, message: str, *, line: int = 1, column: str = "", value: str = "") -> None:
        self.report.warnings.append(ReportEntry(schema.WARNING, line, column, value, message))

    # checks shared by both datasets
    def check_id(self, row: _Line, column: str, prefix: str, problems: list[Problem]) -> str:
        raw = row[column]
        if not raw:
            problems.append(self.problem(row.line, column, raw, "no event id", "every row needs the dataset's id"))
            return ""
        if not _EVENT_ID.match(raw):
            problems.append(
                self.problem(row.line, column, raw, "not an event id", "ids hold only letters, digits and hyphens")
            )
            return ""
        record_id = prefix + raw.lower()
        first = self.seen_ids.get(record_id)
        if first is not None:
            problems.append(
                self.problem(
                    row.line,
                    column,
                    raw,
                    f"duplicate event id (first on line {first})",
                    "keep one of the two rows: an id names one event",
                )
            )
            return ""
        return record_id

    def check_point(self, row: _Line, lat_column: str, lon_column: str, problems: list[Problem]) -> bool:
        values = []
        before = len(problems)
        for column, limit in ((lat_column, 90.0), (lon_column, 180.0)):
            raw = row[column]
            try:
                number = float(raw)
            except ValueError:
                number = math.nan
            if not raw:
                problems.append(self.problem(row.line, column, raw, "no coordinate", "give WGS84 decimal degrees"))
            elif not math.isfinite(number) or abs(number) > limit:
                problems.append(
                    self.problem(
                        row.line,
                        column,
                        raw,
                        f"not a {column} in decimal degrees (between -{limit:g} and {limit:g})",
                        "give WGS84 decimal degrees with a point, such as 15.918",
                    )
                )
            values.append(number)
        if len(problems) == before and values == [0.0, 0.0]:
            problems.append(
                self.problem(
                    row.line,
                    f"{lat_column}/{lon_column}",
                    "0,0",
                    "the point 0,0 is a missing coordinate, not a place in the Sahel",
                    "give the event's coordinates",
                )
            )
        return len(problems) == before

    def check_text(self, row: _Line, problems: list[Problem]) -> None:
        if row.shape:
            shown = ",".join(row.cells.values())
            problems.append(
                self.problem(
                    row.line,
                    "-",
                    shown[:60],
                    row.shape,
                    "quote cells that contain commas and check for missing or extra commas",
                )
            )
        for column, value in row.cells.items():
            bad = _NOT_UTF8.search(value)
            if bad:
                raw = value.encode("utf-8", "surrogateescape")
                shown = raw.decode("utf-8", "replace")[:60]
                problems.append(
                    self.problem(
                        row.line,
                        column,
                        shown,
                        f"byte 0x{ord(bad[0]) - 0xDC00:02x} at character {bad.start() + 1} is not UTF-8",
                        "save the file as UTF-8",
                    )
                )
                return

    # actors
    def actor(self, name: str, *, line: int, column: str, also: Callable[[str], list[str]] | None = None) -> str:
        """The actor id of ``name``, or ``name`` itself (reported) when unknown."""
        if name not in self._actor_cache:
            found = self.actors.resolve(name)
            for other in also(name) if (found is None and also) else []:
                found = self.actors.resolve(other)
                if found is not None:
                    break
            self._actor_cache[name] = found
        found = self._actor_cache[name]
        if found is not None:
            return found
        unresolved = self.report.unresolved_actors.setdefault(name, _Unresolved(line, column, name, ""))
        unresolved.rows += 1
        return name.replace(schema.MULTI_SEPARATOR, "/")

    # places
    def place(
        self,
        index: int,
        *,
        line: int,
        column: str,
        name: str,
        country: str,
        admin1: str,
        admin2: str,
        lat: float,
        lon: float,
    ) -> None:
        """Resolve ``name`` (cached); the 10 km check runs for every row in :meth:`finish`."""
        if not name:
            return
        key = (name, country, admin1, admin2)
        found = self._place_cache.get(key)
        if found is None:
            found = self._place_cache[key] = self._lookup(name, country, admin1, admin2)
        chosen = 0
        if found.ambiguous:
            # Several same-named places far apart: the one at the dataset's point, if any.
            km = great_circle_km(lat, lon, found.lats, found.lons)
            chosen = int(np.argmin(km))
            if km[chosen] > schema.PLACE_AGREEMENT_KM:
                chosen = -1
        if not found.places or chosen < 0:
            context = ", ".join(
                f"{k} {v}" for k, v in (("country", country), ("admin1", admin1), ("admin2", admin2)) if v
            )
            reason = found.reason
            if found.ambiguous:
                reason += f"; none lies within {schema.PLACE_AGREEMENT_KM:g} km of the dataset's point"
            unresolved = self.report.unresolved_places.setdefault(
                key, _Unresolved(line, column, name, f"{reason} (context: {context})" if context else reason)
            )
            unresolved.rows += 1
            return
        place_id, place_name, place_lat, place_lon = found.places[chosen]
        self._pending.append((index, line, column, name, place_id, place_name, place_lat, place_lon, lat, lon))

    def _lookup(self, name: str, country: str, admin1: str, admin2: str) -> _Lookup:
        try:
            resolution = self.gazetteer.lookup(name, country=country or None, admin1=admin1, admin2=admin2)
            if not resolution.ok and resolution.status == NOT_FOUND and (admin1 or admin2):
                retry = self.gazetteer.lookup(name, country=country or None)
                if retry.status != NOT_FOUND:
                    resolution = retry
        except GeoError as error:
            return _Lookup([], f"not a usable place name: {error}")
        reason = f"{resolution.status.replace('_', ' ')} in the gazetteer: {resolution.reason}"
        if resolution.ok and resolution.place is not None:
            place = resolution.place
            return _Lookup([(place.id, place.name, place.lat, place.lon)], "")
        if resolution.status == AMBIGUOUS and resolution.candidates:
            places = [(p.id, p.name, p.lat, p.lon) for p, _score in resolution.candidates]
            return _Lookup(places, reason, ambiguous=True)
        return _Lookup([], reason)

    def finish(self) -> ImportResult:
        """Measure every resolved place against the dataset's point, in one go."""
        if self._pending:
            pending = self._pending
            km, _ = geodesic(
                np.array([p[6] for p in pending]),
                np.array([p[7] for p in pending]),
                np.array([p[8] for p in pending]),
                np.array([p[9] for p in pending]),
            )
            for entry, distance in zip(pending, np.atleast_1d(km).tolist()):
                index, line, column, name, place_id, place_name = entry[:6]
                if distance <= schema.PLACE_AGREEMENT_KM:
                    self.incidents[index][schema.PLACE] = place_id
                    self.report.places_resolved += 1
                else:
                    self.report.disagreements.append(
                        ReportEntry(
                            schema.DISAGREEMENT,
                            line,
                            column,
                            name,
                            f"the dataset's point ({entry[8]:g}, {entry[9]:g}) is {distance:.1f} km from the "
                            f"gazetteer's {place_name} [{place_id}] "
                            f"(more than {schema.PLACE_AGREEMENT_KM:g} km): the incident keeps the dataset's point "
                            "and no place id; check which of the two is right",
                        )
                    )
        self.report.rows_written = len(self.incidents)
        return ImportResult(self.incidents, self.report)


@lru_cache(maxsize=512)
def _country(numeric: str, name: str) -> str:
    """ISO alpha-2 code from ACLED's numeric ``iso`` or a country name; "" when unknown."""
    number = _int(numeric) if numeric else None
    if number is not None and number in ACLED_COUNTRIES:
        return ACLED_COUNTRIES[number]
    if name:
        try:
            return country_code(name)
        except InputError:
            return ""
    return ""


def _incident(**cells: str) -> dict[str, str]:
    row = dict.fromkeys(schema.INCIDENT_COLUMNS, "")
    row.update(cells)
    return row


# --- ACLED ------------------------------------------------------------------------------------
def import_acled(
    path: str | Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None = None,
) -> ImportResult:
    """Read an ACLED export (old or new column set) as incidents.

    Parameters
    ----------
    path
        The CSV export (UTF-8; comma, semicolon or tab separated).
    gazetteer
        Resolves ``location`` to a place id (see the module's rules).
    actors
        Resolves actor names to actor ids.
    progress
        Called with the number of rows read, every :data:`PROGRESS_EVERY` rows.

    Returns
    -------
    ImportResult
        The incidents, in the file's order, and the report.

    Raises
    ------
    InputError
        When the file is missing, empty, or not an ACLED export (the message names the
        missing columns and the columns found).

    Examples
    --------
    See the module's example.
    """
    path = Path(path)
    header, rows = _open_rows(path, dataset="ACLED", required=schema.ACLED_REQUIRED)
    job = _Importer(dataset="ACLED", path=path, gazetteer=gazetteer, actors=actors)
    has_time_precision = schema.ACLED_TIME_PRECISION in header
    has_geo_precision = schema.ACLED_GEO_PRECISION in header
    if not has_time_precision:
        job.warn(
            "the file has no time_precision column: every date is read as its month (ACLED's precision 3), "
            "the least precise reading",
            column=schema.ACLED_TIME_PRECISION,
        )
    if not has_geo_precision:
        job.warn(
            "the file has no geo_precision column: every incident gets precision 3 (only the region is known)",
            column=schema.ACLED_GEO_PRECISION,
        )
    for row in rows:
        job.report.rows_read += 1
        if progress is not None and job.report.rows_read % PROGRESS_EVERY == 0:
            progress(job.report.rows_read)
        _acled_row(job, row, has_time_precision=has_time_precision, has_geo_precision=has_geo_precision)
    return job.finish()


def _precision(job: _Importer, row: _Line, column: str, present: bool, problems: list[Problem]) -> int:
    if not present:
        return 3
    raw = row[column]
    if raw in ("1", "2", "3"):
        return int(raw)
    problems.append(
        job.problem(
            row.line,
            column,
            raw,
            "no precision code" if not raw else "not a precision code",
            "ACLED's precision codes are 1, 2 and 3",
        )
    )
    return 0


def _acled_row(job: _Importer, row: _Line, *, has_time_precision: bool, has_geo_precision: bool) -> None:
    problems: list[Problem] = []
    line = row.line
    job.check_text(row, problems)
    record_id = job.check_id(row, schema.ACLED_EVENT_ID, schema.ACLED_ID_PREFIX, problems)
    raw_date = row[schema.ACLED_EVENT_DATE]
    day = acled_date(raw_date)
    if day is None:
        problems.append(
            job.problem(
                line,
                schema.ACLED_EVENT_DATE,
                raw_date,
                "no date" if not raw_date else "not a date",
                "write the day as 2022-03-08 or 08 March 2022",
            )
        )
    time_precision = _precision(job, row, schema.ACLED_TIME_PRECISION, has_time_precision, problems)
    geo_precision = _precision(job, row, schema.ACLED_GEO_PRECISION, has_geo_precision, problems)
    raw_type = row[schema.ACLED_EVENT_TYPE]
    raw_sub = row[schema.ACLED_SUB_EVENT_TYPE]
    event_type, sub_event_type = acled_event_type(
        raw_type, raw_sub, inter1=row[schema.ACLED_INTER1], actor1=row[schema.ACLED_ACTOR1]
    )
    if not event_type:
        problems.append(
            job.problem(
                line,
                schema.ACLED_EVENT_TYPE,
                raw_type,
                "no event type" if not raw_type else "not an ACLED event type",
                f"use one of {', '.join(schema.EVENT_TYPES)} (or a type used before 2019)",
            )
        )
    if not row[schema.ACLED_ACTOR1]:
        problems.append(job.problem(line, schema.ACLED_ACTOR1, "", "no actor1", "ACLED names the actor of every event"))
    job.check_point(row, schema.ACLED_LATITUDE, schema.ACLED_LONGITUDE, problems)
    raw_fatalities = row[schema.ACLED_FATALITIES]
    fatalities = _int(raw_fatalities) if raw_fatalities else None
    if raw_fatalities and fatalities is None:
        problems.append(
            job.problem(
                line,
                schema.ACLED_FATALITIES,
                raw_fatalities,
                "not a number of fatalities",
                f"give a whole number from 0 to {MAX_COUNT:,}",
            )
        )
    if problems:
        job.reject(line, problems)
        return
    if record_id:
        job.seen_ids[record_id] = line
    if raw_sub and not sub_event_type:
        job.warn(
            f"sub-event type {raw_sub!r} is not one of {event_type}'s; the incident is written without one",
            line=line,
            column=schema.ACLED_SUB_EVENT_TYPE,
            value=raw_sub,
        )
    actor1 = job.actor(row[schema.ACLED_ACTOR1], line=line, column=schema.ACLED_ACTOR1)
    actor2 = (
        job.actor(row[schema.ACLED_ACTOR2], line=line, column=schema.ACLED_ACTOR2) if row[schema.ACLED_ACTOR2] else ""
    )
    assoc: list[str] = []
    for column in (schema.ACLED_ASSOC_ACTOR_1, schema.ACLED_ASSOC_ACTOR_2):
        for name in row[column].split(schema.ACLED_ACTOR_SEPARATOR):
            if name.strip():
                actor_id = job.actor(name.strip(), line=line, column=column)
                if actor_id not in assoc and actor_id not in (actor1, actor2):
                    assoc.append(actor_id)
    lat_text, lon_text = row[schema.ACLED_LATITUDE], row[schema.ACLED_LONGITUDE]
    location = row[schema.ACLED_LOCATION]
    assert day is not None  # checked above
    job.incidents.append(
        _incident(
            id=record_id,
            date=acled_edtf(day, time_precision),
            location=location,
            latitude=lat_text,
            longitude=lon_text,
            precision=str(geo_precision),
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=actor1,
            actor2=actor2,
            assoc_actors=schema.MULTI_SEPARATOR.join(assoc),
            fatalities_best="" if fatalities is None else str(fatalities),
            sources=schema.ACLED_SOURCE_ID,
            note=_clean_note(
                row[schema.ACLED_NOTES],
                f"(ACLED source: {row[schema.ACLED_SOURCE]})" if row[schema.ACLED_SOURCE] else "",
            ),
        )
    )
    job.place(
        len(job.incidents) - 1,
        line=line,
        column=schema.ACLED_LOCATION,
        name=location,
        country=_country(row[schema.ACLED_ISO], row[schema.ACLED_COUNTRY]),
        admin1=row[schema.ACLED_ADMIN1],
        admin2=row[schema.ACLED_ADMIN2],
        lat=float(lat_text),
        lon=float(lon_text),
    )


# --- UCDP GED -------------------------------------------------------------------------------
def import_ucdp(
    path: str | Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a UCDP GED export as incidents.

    Parameters and result are those of :func:`import_acled`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo import Gazetteer
    >>> from geo.actors import ActorIndex
    >>> export = Path(tempfile.mkdtemp()) / "ged.csv"
    >>> _ = export.write_text(
    ...     "id,year,type_of_violence,side_a,side_b,where_prec,where_coordinates,adm_1,latitude,longitude,"
    ...     "country,date_prec,date_start,date_end,best,high,low\\n"
    ...     "4242,2022,3,IS Sahel,Civilians,1,Ménaka town,Ménaka region,15.918,2.402,Mali,1,"
    ...     "2022-03-08 00:00:00.000,2022-03-09 00:00:00.000,12,15,10\\n",
    ...     encoding="utf-8",
    ... )
    >>> row = import_ucdp(export, gazetteer=Gazetteer.load(), actors=ActorIndex([])).incidents[0]
    >>> row["id"], row["date"], row["place"], row["event_type"], row["fatalities_low"], row["fatalities_high"]
    ('ucdp-4242', '2022-03-08/2022-03-09', 'ml-menaka', 'Violence against civilians', '10', '15')
    """
    path = Path(path)
    required = (*schema.UCDP_REQUIRED, schema.UCDP_DATE_END)
    _header, rows = _open_rows(path, dataset="UCDP GED", required=required)
    job = _Importer(dataset="UCDP GED", path=path, gazetteer=gazetteer, actors=actors)
    for row in rows:
        job.report.rows_read += 1
        if progress is not None and job.report.rows_read % PROGRESS_EVERY == 0:
            progress(job.report.rows_read)
        _ucdp_row(job, row)
    return job.finish()


def _ucdp_date(text: str) -> date | None:
    match = _ISO_DATE.match(text.strip())
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _government_forces(name: str) -> list[str]:
    """Other names of "Government of X" to try: the state's forces."""
    match = _GOVERNMENT_OF.match(name.strip())
    if match is None:
        return []
    country = match[1].strip()
    return [f"Military Forces of {country}", f"Armed Forces of {country}"]


def _ucdp_row(job: _Importer, row: _Line) -> None:
    problems: list[Problem] = []
    line = row.line
    job.check_text(row, problems)
    record_id = job.check_id(row, schema.UCDP_ID, schema.UCDP_ID_PREFIX, problems)
    days = []
    for column in (schema.UCDP_DATE_START, schema.UCDP_DATE_END):
        raw = row[column]
        day = _ucdp_date(raw)
        if day is None:
            problems.append(
                job.problem(line, column, raw, "no date" if not raw else "not a date", "write it as 2022-03-08")
            )
        days.append(day)
    start, end = days
    if start and end and end < start:
        problems.append(
            job.problem(
                line,
                schema.UCDP_DATE_END,
                row[schema.UCDP_DATE_END],
                f"ends before it starts ({start.isoformat()})",
                "swap date_start and date_end",
            )
        )
    raw_type = row[schema.UCDP_TYPE_OF_VIOLENCE]
    types = UCDP_VIOLENCE_TYPES.get(raw_type)
    if types is None:
        problems.append(
            job.problem(
                line,
                schema.UCDP_TYPE_OF_VIOLENCE,
                raw_type,
                "not a UCDP type of violence",
                "use 1 (state-based), 2 (non-state) or 3 (one-sided)",
            )
        )
    raw_prec = row[schema.UCDP_WHERE_PREC]
    precision = UCDP_PRECISIONS.get(raw_prec)
    if precision is None:
        problems.append(job.problem(line, schema.UCDP_WHERE_PREC, raw_prec, "not a UCDP where_prec code", "use 1 to 7"))
    if not row[schema.UCDP_SIDE_A]:
        problems.append(job.problem(line, schema.UCDP_SIDE_A, "", "no side_a", "UCDP names side A of every event"))
    job.check_point(row, schema.UCDP_LATITUDE, schema.UCDP_LONGITUDE, problems)
    numbers: dict[str, int | None] = {}
    for column in (schema.UCDP_LOW, schema.UCDP_BEST, schema.UCDP_HIGH):
        raw = row[column]
        numbers[column] = _int(raw) if raw else None
        if raw and numbers[column] is None:
            problems.append(
                job.problem(line, column, raw, "not a number of deaths", f"give a whole number from 0 to {MAX_COUNT:,}")
            )
    known = [numbers[c] for c in (schema.UCDP_LOW, schema.UCDP_BEST, schema.UCDP_HIGH) if numbers[c] is not None]
    if known != sorted(known):
        problems.append(
            job.problem(
                line,
                schema.UCDP_BEST,
                "/".join(row[c] for c in (schema.UCDP_LOW, schema.UCDP_BEST, schema.UCDP_HIGH)),
                "the estimates are not low <= best <= high",
                "check the low, best and high columns",
            )
        )
    if problems:
        job.reject(line, problems)
        return
    assert start is not None and end is not None and types is not None and precision is not None
    job.seen_ids[record_id] = line
    event_type, sub_event_type = types
    actor1 = job.actor(row[schema.UCDP_SIDE_A], line=line, column=schema.UCDP_SIDE_A, also=_government_forces)
    actor2 = (
        job.actor(row[schema.UCDP_SIDE_B], line=line, column=schema.UCDP_SIDE_B, also=_government_forces)
        if row[schema.UCDP_SIDE_B]
        else ""
    )
    where = row[schema.UCDP_WHERE_COORDINATES]
    lat_text, lon_text = row[schema.UCDP_LATITUDE], row[schema.UCDP_LONGITUDE]
    job.incidents.append(
        _incident(
            id=record_id,
            date=start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}",
            location=where,
            latitude=lat_text,
            longitude=lon_text,
            precision=str(precision),
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=actor1,
            actor2=actor2,
            **{
                schema.FATALITIES_LOW: _text(numbers[schema.UCDP_LOW]),
                schema.FATALITIES_BEST: _text(numbers[schema.UCDP_BEST]),
                schema.FATALITIES_HIGH: _text(numbers[schema.UCDP_HIGH]),
            },
            sources=schema.UCDP_SOURCE_ID,
            note=_clean_note(
                row[schema.UCDP_SOURCE_HEADLINE],
                f"(where: {row[schema.UCDP_WHERE_DESCRIPTION]})" if row[schema.UCDP_WHERE_DESCRIPTION] else "",
            ),
        )
    )
    job.place(
        len(job.incidents) - 1,
        line=line,
        column=schema.UCDP_WHERE_COORDINATES,
        name=ucdp_place_name(where) if where else "",
        country=_country("", row[schema.UCDP_COUNTRY]),
        admin1=row[schema.UCDP_ADM_1],
        admin2=row[schema.UCDP_ADM_2],
        lat=float(lat_text),
        lon=float(lon_text),
    )


def _text(number: int | None) -> str:
    return "" if number is None else str(number)


# --- writing --------------------------------------------------------------------------------
def write_incidents(incidents: list[dict[str, str]], path: str | Path) -> Path:
    """Write incidents as ``incidents.csv`` (:data:`geo.schema.INCIDENT_COLUMNS`), atomically.

    Cells a spreadsheet would run as formulas start with ``'``
    (:func:`geo._io.spreadsheet_safe`); :func:`geo.records.read_table` removes it again.
    """
    return _write_csv(path, schema.INCIDENT_COLUMNS, incidents)


def write_report(report: ImportReport, path: str | Path) -> Path:
    """Write the report as CSV (:data:`geo.schema.REPORT_COLUMNS`), atomically, formula cells escaped."""
    return _write_csv(path, schema.REPORT_COLUMNS, [entry.as_row() for entry in report.entries()])


def _write_csv(path: str | Path, columns: tuple[str, ...], rows: Sequence[Mapping[str, object]]) -> Path:
    from ._io import spreadsheet_safe, write_atomically

    def write(handle) -> None:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})

    return write_atomically(Path(path), write)
