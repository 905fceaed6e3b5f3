"""The columns of what the library makes from the records: loaded records and exports,
the influence layer, the intensity tables of ``geo stats`` and the candidate records of
``geo extract --candidates`` (the CLI's JSON and CSV outputs name their fields with these).
"""

from .gazetteer import NOTE
from .seeds import CLAIM_COLUMNS, END, INCIDENT_COLUMNS, SOURCES, START

# Columns of loaded records and exports: the interval of a date (first and last possible
# day, inclusive), the EDTF texts a claim's interval comes from, names joined from the
# gazetteer, and every actor an incident involves.
START_EDTF = "start_edtf"
END_EDTF = "end_edtf"
# A claim's start is a day or a span of days: its last possible day (with START, the
# first); its end's first possible day (with END, the last). Parsed once, in the frames.
START_LATEST = "start_latest"
END_EARLIEST = "end_earliest"
PLACE_NAME = "place_name"
ACTORS = "actors"
DATE_FIELDS = (START, END)

# --- influence layer (geo.influence) ---
AREA_KM2 = "area_km2"
METHOD = "method"
PARAMS = "params"
SUPPORTING = "supporting"
PLACES = "places"

# --- intensity (geo stats) ---
# One row per (unit, period): the unit (an area id or an H3 cell), its level (region,
# cercle, hex), the period's label, the incidents counted, how many of them give no
# best figure and no figure at all, and the density; NAME, COUNTRY, START, END, the
# fatality columns (geo.schema.gazetteer and .seeds) and AREA_KM2 (above) are defined
# once. Unplaced incidents carry a reason code and a readable detail.
UNIT_ID = "unit"
LEVEL = "level"
PERIOD = "period"
INCIDENTS = "incidents"
FATALITIES_BEST_MISSING = "fatalities_best_missing"
FATALITIES_MISSING = "fatalities_missing"
INCIDENT_DENSITY = "incidents_per_10k_km2"
REASON = "reason"
DETAIL = "detail"
UNPLACED = "unplaced"

# --- candidate records (geo extract --candidates) ---
# A candidate row: whether a curator accepted it, which record file it belongs to,
# where its sentence is, then the columns of incidents.csv and of claims.csv, and the
# sentence itself as evidence.
REVIEW = "review"
RECORD = "record"
DOC = "doc"
SENTENCE_START = "sentence_start"
SENTENCE_END = "sentence_end"
EVIDENCE = "evidence"
CANDIDATE = "candidate"  # the review value of a row nobody has reviewed yet
CANDIDATE_COLUMNS = (
    REVIEW,
    RECORD,
    DOC,
    SENTENCE_START,
    SENTENCE_END,
    *INCIDENT_COLUMNS[: INCIDENT_COLUMNS.index(SOURCES)],
    *(c for c in CLAIM_COLUMNS if c not in INCIDENT_COLUMNS),
    SOURCES,
    NOTE,
    EVIDENCE,
)
