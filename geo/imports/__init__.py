"""Import ACLED and UCDP GED exports as incidents in the project's schema.

The package: :mod:`~geo.imports.reader` reads an export (CSV, or JSON such as ACLED's
API answers: a record's number stands for its line), one module per dataset
(:mod:`~geo.imports.acled`, :mod:`~geo.imports.ucdp`) maps its columns, :mod:`~geo.imports.job`
holds what every import shares (checks, cached resolution of actors and places, the 10 km
rule; one ``job_*`` module each), :mod:`~geo.imports.report` accounts for every row read and
writes the results, through :mod:`~geo.imports.csv_writer` (on the thread of
:mod:`~geo.imports.writer_thread` for an ACLED export's incidents).

:func:`import_acled` and :func:`import_ucdp` read a dataset's export and return
an :class:`ImportResult`: the incidents (rows of ``incidents.csv``, see
``seeds/README.md``), the claims derived from them (rows of ``claims.csv``; ACLED's
territorial sub-events) and an :class:`ImportReport` that accounts for every row read.
Nothing is dropped silently: ``rows_read == rows_written + rows_rejected +
rows_merged`` (``rows_merged``: rows folded into the incident of another row of the
same event, see ACLED's actor-based layout below; 0 otherwise), and each rejected row
is reported as a :class:`~geo.seeds.Problem` naming the file, the line (a JSON
export: the record's number), the column, the value, what is wrong and how to fix it.
``import_acled(path, out=...)`` streams: it writes the incidents to ``out`` as they are
made and keeps only what the checks across rows need (see :func:`import_acled`), so
that a million rows fit in a few hundred MB; ``geo import acled`` does so. A CSV
export is checked, resolved and written a chunk of rows at a time, column by column
(:mod:`~geo.imports.acled_columns`), with the bytes and the messages of the row path.

What is kept, and how it is read
--------------------------------
**ACLED** (every column set: before 2019, without ``sub_event_type`` and with the old
event types; 2019 to March 2023, with ``data_id``, ``event_id_no_cnty`` and ``iso3``;
since March 2023, with ``disorder_type``, ``civilian_targeting``, ``tags`` and
``inter1``/``inter2`` written as text; headers in any case; CSV or the API's JSON,
``{"status": 200, "success": true, "count": N, "data": [...]}``). The report's summary
names the layout and column set it read (``dyadic export: one row per event; columns
since March 2023; CSV``).

- ``id`` is ``acled-`` + the lower-cased ``event_id_cnty`` (``MLI12345`` ->
  ``acled-mli12345``). Rows with different event ids are always different events,
  however alike (two killings on one day, at one place, by one group).
- **Layouts.** The *dyadic* export writes one row per event (``actor1`` and
  ``actor2``). The *actor-based* ("monadic") export writes an event once per actor,
  that actor in ``actor1`` (with its ``assoc_actor_1`` and ``inter1``), and has no
  ``actor2`` column, or repeats the ``event_id_cnty``. An export is read as
  actor-based when it has no ``actor2`` column or when rows of one event id name
  different actors. The rows of one event id become ONE incident:

  * every row of the event must agree on ``event_date``, ``time_precision``,
    ``event_type``, ``sub_event_type``, ``location``, ``latitude``, ``longitude``,
    ``geo_precision`` and ``fatalities`` (compared as values: ``4`` = ``4.0``);
    when they disagree every row of the event is rejected, each naming the values
    and lines, and nothing is merged;
  * a row that repeats another exactly (the same actors too) is rejected as a
    duplicate (``first on line N``); an event is imported whole or not at all, so
    when one of its rows is rejected for its own problem, the others are too;
  * **the merge rule** (it does not depend on the rows' order): the event's sides
    are its distinct actor names (with their associated actors gathered); they are
    ordered by their ``inter`` code, armed actors before crowds and victims
    (:data:`~geo.imports.acled.PERPETRATOR_ORDER`: 1 state forces, 2 rebel groups,
    3 political militias, 4 identity militias, 8 external/other forces, then 5
    rioters, 6 protesters, 7 civilians; an unknown code last), ties broken by the
    name (case-folded, then as written); the first is ``actor1``, the second
    ``actor2``. An event naming more than two actors is rejected. Cells that are
    not compared (``notes``, ``source``, admin names) come from the first row in
    that order, the other rows' different notes and sources appended;
  * ``fatalities`` is the event's one figure, counted once;
  * the incident's ``note`` ends ``Merged from N rows of an actor-based ACLED
    export (one row per actor).``; the report counts the events merged and the rows
    folded into them: an event of two rows is 1 written + 1 merged.

  A dyadic file keeps ACLED's own order of ``actor1`` and ``actor2``.
- ``date`` comes from ``event_date`` (``2022-03-08``, ``2022-03-08T00:00:00``,
  ``08 March 2022``, ``8-Mar-2022`` or ``08-03-2022``) read with ``time_precision``.
  Numbers are read **day first**, as ACLED writes them: ``3/8/2022`` is 3 August
  2022 (a date that only makes sense month first, ``3/25/2022``, is rejected with a
  message saying so). A spreadsheet that re-saved the file may have shortened the
  year (``16-Feb-21``, ``8-Mar-22``): the row's ``year`` settles the century (it
  must end in the same two digits); a file without a ``year`` column has such dates
  rejected, with a message asking for the file as ACLED exported it. ACLED's
  codebook (its "Time precision codes", as paraphrased in the documentation of the R package mapme.biodiversity,
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
- ``geo_precision_code`` and ``time_precision_code`` keep ACLED's own
  ``geo_precision`` and ``time_precision`` codes verbatim (empty when the export has
  no such column), so that the dataset's coding survives the mapping to the
  project's precision and EDTF date.
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
  become actor ids (:mod:`geo.imports.actors`): by the alias table
  ``seeds/dataset_actors.csv`` (by dataset, country and date), then by the aliases of
  ``actors.csv`` (:meth:`geo.actors.ActorIndex.resolve`), else as a new actor (an id
  made from the name, a kind from ``inter1``/``inter2``, a colour of that kind) that
  ``ImportResult.actors`` holds, to be written as ``actors.csv`` beside the
  incidents. The report lists each mapping once, with its number of rows.
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
- **Claims.** The sub-event types that change who holds a place (also when mapped
  from a type used before 2019) give, besides the incident, a row of ``claims.csv``
  (:attr:`ImportResult.claims`): ``Non-state actor overtakes territory`` and
  ``Government regains territory`` -> ``seized``, ``Non-violent transfer of
  territory`` -> ``seized`` (by the actor that receives the place),
  ``Headquarters or base established`` -> ``controls``. The claim's ``id`` is
  ``clm-acled-<event id>``, its ``actor`` the one that takes, regains or receives the
  place or sets up the base (a dyadic row's ``actor1``, as ACLED codes it; for
  merged rows, which keep no order, the one state force that regains, the one
  non-state armed actor that overtakes, the one armed actor that sets up a base; a
  transfer between two merged actors cannot be told and gives no claim), ``place``
  the incident's place id, ``start`` the incident's date, ``tier`` ``claimed``,
  ``sources`` ``acled``, and ``note`` cites the ACLED event id. A claim needs a
  gazetteer place: an incident without a place id gives none, and the report says
  so (a warning per event, and the count in the summary).

**UCDP GED**, in every layout UCDP publishes (see :mod:`geo.imports.ucdp`): the
versioned GED CSV, the download page's CSV (``best_est``/``low_est``/``high_est``,
month-first dates, trailing commas), the monthly Candidate Events, and the API's JSON
(``Result``); the layout read is named in the summary. ``id`` is ``ucdp-<id>``;
``date`` is ``date_start``, or ``date_start/date_end`` when they differ (UCDP's
earliest and latest possible days); ``where_prec`` 1 -> precision 1, 2 -> 2, 3 to 7 ->
3, and an event known only by its country (6) gets the country as its place (7,
international waters or airspace: no place);
``date_prec`` and ``where_prec`` are kept as ``time_precision_code`` and
``geo_precision_code``; ``type_of_violence`` 1 (state-based) and 2 (non-state) ->
Battles / Armed clash, 3 (one-sided) -> Violence against civilians / Attack;
low/best/high are UCDP's own estimates, and estimates out of order are kept sorted
(no death is lost) and reported; ``side_a``/``side_b`` are mapped like ACLED's actors
(the alias table makes "Government of Mali" the Malian armed forces, and "IS" ISGS in
Mali, Niger and Burkina Faso from 2015; a new side is a state when named "Government
of X", else an armed group); the place is ``where_coordinates`` without its kind words
("Ménaka town", "Gao (province)"), with ``country``, ``adm_1`` and ``adm_2`` as context
and the same 10 km rule; ``sources`` is ``ucdp-ged``; ``note`` is ``source_headline``
and ``where_description``.

**Every dataset**: a point that lies outside the country its row names (beyond the
outlines' 5 km tolerance) is reported, naming a flipped sign or swapped coordinates when
moving the point so puts it back in that country; the point is never corrected.

**An analyst's own table** (``geo import csv``, :mod:`geo.imports.table`): a date and a
place name or coordinates are enough; the rules for headers, dates, ids and defaults
are in that module.

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

from .acled import import_acled
from .acled_codes import acled_date, acled_edtf, acled_event_type
from .job import ACLED_COUNTRIES
from .options import BESIDE_FILES, ImportOutputs, parse_columns, plan_outputs
from .report import (
    ImportReport,
    ImportResult,
    ReportEntry,
    write_actors,
    write_beside,
    write_claims,
    write_incidents,
    write_report,
)
from .table import import_table
from .ucdp import import_ucdp, ucdp_place_name

__all__ = [
    "ACLED_COUNTRIES",
    "BESIDE_FILES",
    "ImportOutputs",
    "ImportReport",
    "ImportResult",
    "ReportEntry",
    "acled_date",
    "acled_edtf",
    "acled_event_type",
    "import_acled",
    "import_table",
    "import_ucdp",
    "parse_columns",
    "plan_outputs",
    "ucdp_place_name",
    "write_actors",
    "write_beside",
    "write_claims",
    "write_incidents",
    "write_report",
]
