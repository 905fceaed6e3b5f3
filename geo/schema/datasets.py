"""The layouts of the datasets ``geo import`` reads (ACLED and UCDP GED exports), the ids
imported records keep, and the columns of the import report.
"""

# --- imports: ACLED and UCDP GED exports (geo.imports, `geo import`) ---------------------
# Columns of an ACLED export (lower-cased; older exports write them in capitals).
ACLED_EVENT_ID = "event_id_cnty"
ACLED_EVENT_DATE = "event_date"
ACLED_YEAR = "year"
ACLED_TIME_PRECISION = "time_precision"
ACLED_EVENT_TYPE = "event_type"
ACLED_SUB_EVENT_TYPE = "sub_event_type"
ACLED_ACTOR1 = "actor1"
ACLED_ASSOC_ACTOR_1 = "assoc_actor_1"
ACLED_INTER1 = "inter1"
ACLED_ACTOR2 = "actor2"
ACLED_ASSOC_ACTOR_2 = "assoc_actor_2"
ACLED_ISO = "iso"
ACLED_COUNTRY = "country"
ACLED_ADMIN1 = "admin1"
ACLED_ADMIN2 = "admin2"
ACLED_LOCATION = "location"
ACLED_LATITUDE = "latitude"
ACLED_LONGITUDE = "longitude"
ACLED_GEO_PRECISION = "geo_precision"
ACLED_SOURCE = "source"
ACLED_NOTES = "notes"
ACLED_FATALITIES = "fatalities"
ACLED_REQUIRED = (
    ACLED_EVENT_ID,
    ACLED_EVENT_DATE,
    ACLED_EVENT_TYPE,
    ACLED_ACTOR1,
    ACLED_LATITUDE,
    ACLED_LONGITUDE,
    ACLED_LOCATION,
)
# Every column of an ACLED export since March 2023, in ACLED's order (the importer reads columns by
# name; the tests and the import benchmark write files with this header).
ACLED_EXPORT_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# Columns only the older (before March 2023) and only the newer exports have.
ACLED_OLD_COLUMNS = ("data_id", "event_id_no_cnty", "iso3")
ACLED_NEW_COLUMNS = ("disorder_type", "civilian_targeting", "tags")
# Separator of ACLED's multi-valued actor cells (assoc_actor_1, assoc_actor_2).
ACLED_ACTOR_SEPARATOR = ";"

# Columns of a UCDP GED export (GED 20.1 and later; the candidate events dataset too).
UCDP_ID = "id"
UCDP_TYPE_OF_VIOLENCE = "type_of_violence"
UCDP_SIDE_A = "side_a"
UCDP_SIDE_B = "side_b"
UCDP_SOURCE_HEADLINE = "source_headline"
UCDP_WHERE_PREC = "where_prec"
UCDP_WHERE_COORDINATES = "where_coordinates"
UCDP_WHERE_DESCRIPTION = "where_description"
UCDP_ADM_1 = "adm_1"
UCDP_ADM_2 = "adm_2"
UCDP_LATITUDE = "latitude"
UCDP_LONGITUDE = "longitude"
UCDP_COUNTRY = "country"
UCDP_DATE_PREC = "date_prec"
UCDP_DATE_START = "date_start"
UCDP_DATE_END = "date_end"
UCDP_BEST = "best"
UCDP_LOW = "low"
UCDP_HIGH = "high"
UCDP_REQUIRED = (
    UCDP_ID,
    UCDP_DATE_START,
    UCDP_TYPE_OF_VIOLENCE,
    UCDP_SIDE_A,
    UCDP_WHERE_PREC,
    UCDP_LATITUDE,
    UCDP_LONGITUDE,
    UCDP_BEST,
)

# Dataset ids of sources.csv that imported incidents cite, and the id prefixes they keep.
ACLED_SOURCE_ID = "acled"
UCDP_SOURCE_ID = "ucdp-ged"
ACLED_ID_PREFIX = "acled-"
UCDP_ID_PREFIX = "ucdp-"
# the claims geo import derives from ACLED's territorial events
ACLED_CLAIM_ID_PREFIX = "clm-acled-"

# The import report (`geo import ... --report FILE`): one row per rejected row,
# unresolved actor or place, and disagreement between the dataset's point and the gazetteer.
REPORT_KIND = "kind"
REPORT_LINE = "line"
REPORT_COLUMN = "column"
REPORT_VALUE = "value"
REPORT_MESSAGE = "message"
REPORT_COLUMNS = (REPORT_KIND, REPORT_LINE, REPORT_COLUMN, REPORT_VALUE, REPORT_MESSAGE)
REJECTED = "rejected"
UNRESOLVED_ACTOR = "unresolved_actor"
UNRESOLVED_PLACE = "unresolved_place"
DISAGREEMENT = "disagreement"
WARNING = "warning"
REPORT_KINDS = (REJECTED, UNRESOLVED_ACTOR, UNRESOLVED_PLACE, DISAGREEMENT, WARNING)
# A dataset point further than this from the gazetteer's place of the same name is a
# disagreement: the incident keeps the dataset's point and no place id.
PLACE_AGREEMENT_KM = 10.0
