"""UCDP GED exports: layouts, sides, dates, estimates, precision (see :mod:`geo.imports`).

Layouts
-------
One importer reads every layout UCDP publishes its events in; which one a file is in
is decided once, from the file and its header, and named in the report's summary
(:data:`UCDP_LAYOUTS`):

1. **API JSON** (:data:`UCDP_API_JSON`): the file is JSON (its name ends in ``.json``
   or its text starts with ``{`` or ``[``), the answer of UCDP's API
   (``{"TotalCount": 2, "TotalPages": 1, ..., "Result": [{...}, {...}]}``) or a list of
   its records, with GED's field names. Read by :func:`geo.imports.reader.open_rows`.
2. **Download page CSV** (:data:`UCDP_DOWNLOAD_CSV`): the header has ``best_est``. The
   estimates are ``low_est``/``best_est``/``high_est``, the dates month first
   (``03/08/2022 00:00:00`` is 8 March 2022; ISO dates are read too), and a trailing
   comma ends every row (an empty last column in the header, or one empty cell more
   than the header: both are read).
3. **Candidate Events** (:data:`UCDP_CANDIDATE`): GED's columns, released monthly
   (``GEDEvent_v24_0_1.csv``). Read as the versioned GED; the file is named a
   candidate file when its name says ``candidate`` or carries a candidate version
   (``_v24_0_1``: UCDP numbers candidate releases YY.0.M), or when any row's
   ``code_status`` is not ``Clear`` (only candidate events carry UCDP's review flags,
   such as ``Check deaths``). Each flagged row is kept and listed in the report.
4. **Versioned GED CSV** (:data:`UCDP_GED_CSV`): otherwise (``GEDEvent_v24_1.csv``:
   ``low``/``best``/``high`` and ISO dates such as ``2022-03-08 00:00:00.000``).

A header without either ``best`` or ``best_est`` is refused, naming the columns each
layout needs and those found.

What is read
------------
- Estimates out of order (``low <= best <= high`` fails, about 2% of real rows) are
  kept, sorted: ``low`` becomes the least of the three, ``high`` the greatest, and
  ``best`` (the deaths UCDP counts) is unchanged, so it lies between them. Each such
  row is listed in the report with its line and its original values.
- ``date_prec`` (1-5) and ``where_prec`` (1-7) are kept as they are, in
  ``time_precision_code`` and ``geo_precision_code``.
- A country-only event (``where_prec`` 6, or 7: international waters or airspace) is
  never placed at a region or a town: precision 3, no place id, UCDP's point kept;
  each is listed in the report.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .._input import MAX_COUNT
from ..errors import InputError
from ..names import ADMIN_WORDS
from ..seeds import Problem
from . import job as shared
from .actors import GOVERNMENT_OF
from .job import Importer, Progress, country_of, incident_row
from .reader import SPACES, Line, clean_note, close_rows, open_rows, whole_count
from .report import ImportResult

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = [
    "UCDP_API_JSON",
    "UCDP_CANDIDATE",
    "UCDP_DOWNLOAD_CSV",
    "UCDP_GED_CSV",
    "UCDP_LAYOUTS",
    "UCDP_PRECISIONS",
    "UCDP_VIOLENCE_TYPES",
    "import_ucdp",
    "ucdp_layout",
    "ucdp_place_name",
]

# The layouts, as the report's summary names them.
UCDP_GED_CSV = "UCDP GED, versioned CSV"
UCDP_DOWNLOAD_CSV = "UCDP GED, download page CSV"
UCDP_CANDIDATE = "UCDP Candidate Events"
UCDP_API_JSON = "UCDP API, JSON"
UCDP_LAYOUTS = (UCDP_GED_CSV, UCDP_DOWNLOAD_CSV, UCDP_CANDIDATE, UCDP_API_JSON)

# UCDP GED's type_of_violence -> (event type, sub-event type).
UCDP_VIOLENCE_TYPES: dict[str, tuple[str, str]] = {
    "1": ("Battles", "Armed clash"),  # state-based conflict
    "2": ("Battles", "Armed clash"),  # non-state conflict
    "3": ("Violence against civilians", "Attack"),  # one-sided violence
}
# UCDP GED's where_prec (1 exact place ... 7 country or international waters) -> precision.
UCDP_PRECISIONS = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 3, "7": 3}
# where_prec codes that give no place below the country (6 the country, 7 waters or airspace).
_COUNTRY_ONLY = frozenset({"6", "7"})
_DATE_PRECISIONS = frozenset({"1", "2", "3", "4", "5"})
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*Z?)?$")
# The download page's dates: month first, "03/08/2022 00:00:00" (also "3/8/2022 12:00:00 AM").
_MONTH_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+[\d:.]+(?:\s*[AP]M)?)?$", re.IGNORECASE)
# Candidate releases: "candidate" in the name, or a version YY.0.M (GEDEvent_v24_0_1.csv).
_CANDIDATE_NAME = re.compile(r"candidate|_v\d{2}_0\d?_\d", re.IGNORECASE)
_CODE_STATUS = "code_status"
_CLEAR = "clear"
# Kind words UCDP appends to where_coordinates: "Ménaka town", "Gao province", "Boni (village)":
# the lexicon's admin words (geo.names.ADMIN_WORDS, but for the three below, which the pattern has
# never stripped), the kind words that name a commune's seat (geo.schema.KIND_WORDS), and UCDP's own.
_ADMIN_WORDS_KEPT = frozenset({"regions", "circle", "arrondissement"})
_SEAT_WORDS = frozenset(
    word for word, kind in schema.KIND_WORDS.items() if word == kind and kind in schema.COMMUNE_SEAT_KINDS
)
_UCDP_OWN_WORDS = frozenset({"département", "area", "locality", "capital"})
_UCDP_KIND_WORDS = "|".join(sorted((ADMIN_WORDS - _ADMIN_WORDS_KEPT) | _SEAT_WORDS | _UCDP_OWN_WORDS))
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_TRAILING_KIND = re.compile(rf"(?:[\s,-]+(?:{_UCDP_KIND_WORDS}))+\s*$", re.IGNORECASE)
# The estimate columns of each kind of layout: (low, best, high).
_ESTIMATES = (schema.UCDP_LOW, schema.UCDP_BEST, schema.UCDP_HIGH)
_ESTIMATES_DOWNLOAD = ("low_est", "best_est", "high_est")
_ESTIMATES_OUT_OF_ORDER = "estimates out of order (low/best/high), kept sorted with best unchanged"
_COUNTRY_ONLY_NOTICE = "country-only events (where_prec 6 or 7), placed at no region or town"
_CANDIDATE_NOTICE = "candidate events flagged by UCDP for review (code_status not Clear), kept"
_DATE_PREC_NOTICE = "date_prec not a UCDP code (1-5), left empty"


def ucdp_place_name(where: str) -> str:
    """``where_coordinates`` without the kind words UCDP adds.

    Examples
    --------
    >>> ucdp_place_name("Ménaka town"), ucdp_place_name("Boulkessi (village)"), ucdp_place_name("Gao province")
    ('Ménaka', 'Boulkessi', 'Gao')
    """
    name = _PARENTHESES.sub(" ", where)
    stripped = _TRAILING_KIND.sub("", name).strip(" ,-")
    return SPACES.sub(" ", stripped or name).strip()


def ucdp_layout(path: Path, header: tuple[str, ...]) -> str:
    """The layout a UCDP export is in, from its file and header (rules in :mod:`geo.imports.ucdp`).

    A file read as GED may still turn out to be candidate events, from its rows'
    ``code_status``: :func:`import_ucdp` names it so in the report.

    Examples
    --------
    >>> ucdp_layout(Path("GEDEvent_v24_1.csv"), ("id", "best", "low", "high"))
    'UCDP GED, versioned CSV'
    >>> ucdp_layout(Path("GEDEvent_v24_0_1.csv"), ("id", "best", "low", "high"))
    'UCDP Candidate Events'
    >>> ucdp_layout(Path("ged.csv"), ("id", "best_est", "low_est", "high_est", ""))
    'UCDP GED, download page CSV'
    """
    if _is_json(path):
        return UCDP_API_JSON
    if _ESTIMATES_DOWNLOAD[1] in header:
        return UCDP_DOWNLOAD_CSV
    if _CANDIDATE_NAME.search(path.name):
        return UCDP_CANDIDATE
    return UCDP_GED_CSV


def _is_json(path: Path) -> bool:
    """The reader's rule: a name ending in .json, or text starting with ``{`` or ``[``."""
    if path.suffix.lower() == ".json":
        return True
    try:
        with path.open("rb") as handle:
            start = handle.read(64)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in (b"{", b"[")


def import_ucdp(
    path: str | Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a UCDP GED export (any layout: :data:`UCDP_LAYOUTS`) as incidents.

    Parameters and result are those of :func:`import_acled`; ``result.report.layout``
    names the layout the file was read as.

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
    >>> result = import_ucdp(export, gazetteer=Gazetteer.load(), actors=ActorIndex([]))
    >>> row = result.incidents[0]
    >>> row["id"], row["date"], row["place"], row["event_type"], row["fatalities_low"], row["fatalities_high"]
    ('ucdp-4242', '2022-03-08/2022-03-09', 'ml-menaka', 'Violence against civilians', '10', '15')
    >>> result.report.layout, row["geo_precision_code"], row["time_precision_code"]
    ('UCDP GED, versioned CSV', '1', '1')
    """
    path = Path(path)
    required = (
        schema.UCDP_ID,
        schema.UCDP_DATE_START,
        schema.UCDP_DATE_END,
        schema.UCDP_TYPE_OF_VIOLENCE,
        schema.UCDP_SIDE_A,
        schema.UCDP_WHERE_PREC,
        schema.UCDP_LATITUDE,
        schema.UCDP_LONGITUDE,
    )
    header, rows = open_rows(path, dataset="UCDP GED", required=required)
    layout = ucdp_layout(path, header)
    estimates = _ESTIMATES_DOWNLOAD if layout == UCDP_DOWNLOAD_CSV else _ESTIMATES
    if estimates[1] not in header and header != required:  # (header == required: a JSON answer with no records)
        close_rows(rows)
        raise InputError(
            f"{path} is not a UCDP GED export: required column(s) missing: best "
            f"(a GED, candidate or API file has low, best, high; the download page's CSV has "
            f"low_est, best_est, high_est; found: {_shown(header)})"
        )
    job = Importer(dataset="UCDP GED", path=path, gazetteer=gazetteer, actors=actors)
    candidate_flags = False
    for row in rows:
        job.report.rows_read += 1
        if progress is not None and job.report.rows_read % shared.PROGRESS_EVERY == 0:
            progress(job.report.rows_read)
        status = row[_CODE_STATUS]
        if status and status.lower() != _CLEAR:
            candidate_flags = True
            job.report.notice(
                row.line,
                _CODE_STATUS,
                status,
                f"UCDP flags this candidate event for review ({status!r}): kept as UCDP codes it",
                summary=_CANDIDATE_NOTICE,
            )
        _ucdp_row(job, row, estimates=estimates, month_first=layout == UCDP_DOWNLOAD_CSV)
    if candidate_flags and layout == UCDP_GED_CSV:
        layout = UCDP_CANDIDATE
    elif candidate_flags and layout == UCDP_API_JSON:
        layout = f"{UCDP_API_JSON}, {UCDP_CANDIDATE}"
    job.report.layout = layout
    return job.finish()


def _shown(header: tuple[str, ...]) -> str:
    named = [column for column in header if column]
    return ", ".join(named[:40]) + (f", ... ({len(named)} columns)" if len(named) > 40 else "") or "nothing"


def _ucdp_date(text: str, *, month_first: bool) -> date | None:
    text = text.strip()
    match = _ISO_DATE.match(text)
    if match is not None:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _MONTH_FIRST.match(text) if month_first else None
        if match is None:
            return None
        month, day, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _government_forces(name: str) -> list[str]:
    """Other names of "Government of X" to try: the state's forces."""
    match = GOVERNMENT_OF.match(name.strip())
    if match is None:
        return []
    country = match[1].strip()
    return [f"Military Forces of {country}", f"Armed Forces of {country}"]


def _ucdp_row(job: Importer, row: Line, *, estimates: tuple[str, str, str], month_first: bool) -> None:
    problems: list[Problem] = []
    line = row.line
    job.check_text(row, problems)
    record_id = job.check_id(row, schema.UCDP_ID, schema.UCDP_ID_PREFIX, problems)
    days = []
    for column in (schema.UCDP_DATE_START, schema.UCDP_DATE_END):
        raw = row[column]
        day = _ucdp_date(raw, month_first=month_first)
        if day is None:
            fix = "write it as 03/08/2022 (month first) or 2022-03-08" if month_first else "write it as 2022-03-08"
            problems.append(job.problem(line, column, raw, "no date" if not raw else "not a date", fix))
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
    numbers: list[int | None] = []
    for column in estimates:
        raw = row[column]
        number = whole_count(raw) if raw else None
        if raw and number is None:
            problems.append(
                job.problem(line, column, raw, "not a number of deaths", f"give a whole number from 0 to {MAX_COUNT:,}")
            )
        numbers.append(number)
    if problems:
        job.reject(line, problems)
        return
    assert start is not None and end is not None and types is not None and precision is not None
    low, best, high = _sorted_estimates(job, row, estimates, numbers)
    date_prec = row[schema.UCDP_DATE_PREC]
    if date_prec and date_prec not in _DATE_PRECISIONS:
        job.report.notice(
            line,
            schema.UCDP_DATE_PREC,
            date_prec,
            "not a UCDP date_prec code (1 to 5): time_precision_code left empty; the date is date_start/date_end",
            summary=_DATE_PREC_NOTICE,
        )
        date_prec = ""
    job.seen_ids[record_id] = line
    event_type, sub_event_type = types
    country = country_of("", row[schema.UCDP_COUNTRY])
    actor1 = job.actor(
        row[schema.UCDP_SIDE_A],
        line=line,
        column=schema.UCDP_SIDE_A,
        also=_government_forces,
        country=country,
        day=start,
    )
    actor2 = (
        job.actor(
            row[schema.UCDP_SIDE_B],
            line=line,
            column=schema.UCDP_SIDE_B,
            also=_government_forces,
            country=country,
            day=start,
        )
        if row[schema.UCDP_SIDE_B]
        else ""
    )
    where = row[schema.UCDP_WHERE_COORDINATES]
    lat_text, lon_text = row[schema.UCDP_LATITUDE], row[schema.UCDP_LONGITUDE]
    job.incidents.append(
        incident_row(
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
                schema.FATALITIES_LOW: _text(low),
                schema.FATALITIES_BEST: _text(best),
                schema.FATALITIES_HIGH: _text(high),
                schema.TIME_PRECISION_CODE: date_prec,
                schema.GEO_PRECISION_CODE: raw_prec,
            },
            sources=schema.UCDP_SOURCE_ID,
            note=clean_note(
                row[schema.UCDP_SOURCE_HEADLINE],
                f"(where: {row[schema.UCDP_WHERE_DESCRIPTION]})" if row[schema.UCDP_WHERE_DESCRIPTION] else "",
            ),
        )
    )
    if raw_prec in _COUNTRY_ONLY:
        # The country itself is the place, when the gazetteer has its outline: counted for
        # the country, never for the region that happens to hold UCDP's point.
        outline = country.lower() if country and raw_prec == "6" and job.has_area(country.lower()) else ""
        job.incidents[-1][schema.PLACE] = outline
        job.report.notice(
            line,
            schema.UCDP_WHERE_PREC,
            raw_prec,
            f"UCDP knows only the country of this event ({row[schema.UCDP_COUNTRY] or 'none named'}"
            f"{', or international waters or airspace' if raw_prec == '7' else ''}): precision 3, "
            + (f"place {outline!r} (the country)" if outline else "no place id")
            + f" (where_coordinates {where!r} is not resolved), UCDP's point kept",
            summary=_COUNTRY_ONLY_NOTICE,
        )
        return
    job.place(
        len(job.incidents) - 1,
        line=line,
        column=schema.UCDP_WHERE_COORDINATES,
        name=ucdp_place_name(where) if where else "",
        country=country,
        admin1=row[schema.UCDP_ADM_1],
        admin2=row[schema.UCDP_ADM_2],
        lat=float(lat_text),
        lon=float(lon_text),
    )


def _sorted_estimates(
    job: Importer, row: Line, columns: tuple[str, str, str], numbers: list[int | None]
) -> tuple[int | None, int | None, int | None]:
    """``low <= best <= high``: when UCDP's are out of order, low the least, high the greatest, best kept."""
    low, best, high = numbers
    known = [n for n in numbers if n is not None]
    if known == sorted(known):
        return low, best, high
    new_low = min(known) if low is not None else None
    new_high = max(known) if high is not None else None
    shown = "/".join(row[c] or "-" for c in columns)
    job.report.notice(
        row.line,
        "/".join(columns),
        shown,
        f"UCDP's estimates are not low <= best <= high ({columns[0]} {row[columns[0]] or '-'}, "
        f"{columns[1]} {row[columns[1]] or '-'}, {columns[2]} {row[columns[2]] or '-'}): kept as low "
        f"{_text(new_low) or '-'}, best {_text(best) or '-'}, high {_text(new_high) or '-'} "
        "(the best estimate is unchanged)",
        summary=_ESTIMATES_OUT_OF_ORDER,
    )
    return new_low, best, new_high


def _text(number: int | None) -> str:
    return "" if number is None else str(number)
