"""Import ACLED and UCDP GED exports as incidents in the project's schema.

The package: :mod:`~geo.imports.reader` reads an export's CSV, one module per dataset
(:mod:`~geo.imports.acled`, :mod:`~geo.imports.ucdp`) maps its columns, :mod:`~geo.imports.job`
holds what every import shares (checks, cached resolution of actors and places, the 10 km
rule) and :mod:`~geo.imports.report` accounts for every row read and writes the results.

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

from .acled import acled_date, acled_edtf, acled_event_type, import_acled
from .job import ACLED_COUNTRIES
from .report import ImportReport, ImportResult, ReportEntry, write_incidents, write_report
from .ucdp import import_ucdp, ucdp_place_name

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
