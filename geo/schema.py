"""Column names, kinds and their ranking weights: defined here once, used everywhere.

The curated tier (``gazetteer/places.csv``), the reference tier built from GeoNames
(``gazetteer/reference/geonames.cols.gz``), the areas (``gazetteer/areas.geojson``) and
every export name their columns with these constants.
"""

from __future__ import annotations

# --- curated places: gazetteer/places.csv -------------------------------------------
ID = "id"
NAME = "name"
VARIANTS = "variants"
KIND = "kind"
LAT = "lat"
LON = "lon"
UNCERTAINTY_KM = "uncertainty_km"
COUNTRY = "country"
ADMIN1 = "admin1"
ADMIN2 = "admin2"
GEONAMES_ID = "geonames_id"
COORD_SOURCE = "coord_source"
CITED_IN = "cited_in"
NOTE = "note"

PLACE_COLUMNS = (
    ID,
    NAME,
    VARIANTS,
    KIND,
    LAT,
    LON,
    UNCERTAINTY_KM,
    COUNTRY,
    ADMIN1,
    ADMIN2,
    GEONAMES_ID,
    COORD_SOURCE,
    CITED_IN,
    NOTE,
)
PLACE_REQUIRED = (ID, NAME, KIND, LAT, LON, UNCERTAINTY_KM, COUNTRY, COORD_SOURCE)

# --- reference tier: gazetteer/reference/geonames.cols.gz ---------------------------
REFERENCE_FORMAT = "sahel-atlas reference tier, columnar, version 1"
FEATURE_CODE = "feature_code"
POPULATION = "population"
AREAS = "areas"
KEYS = "keys"

REFERENCE_COLUMNS = (
    GEONAMES_ID,
    NAME,
    VARIANTS,
    KIND,
    FEATURE_CODE,
    COUNTRY,
    LAT,
    LON,
    POPULATION,
    ADMIN1,
    ADMIN2,
    AREAS,
    KEYS,
)

# --- areas: gazetteer/areas.geojson (feature properties) ------------------------------
PARENT = "parent"
PCODE = "pcode"
VALID_FROM = "valid_from"
VALID_TO = "valid_to"
SOURCE = "source"

AREA_PROPERTIES = (ID, NAME, VARIANTS, KIND, COUNTRY, PARENT, PCODE, VALID_FROM, VALID_TO, SOURCE, NOTE)

# --- OSM tier: gazetteer/reference/osm.cols.gz (ODbL, kept apart from GeoNames) ------
OSM_FORMAT = "sahel-atlas OSM tier, columnar, version 2"
OSM_ID = "osm_id"
OSM_SOURCE = "osm"  # the value of the ``source`` column of every OSM record
OSM_KINDS = ("city", "town", "village", "hamlet", "locality")  # best first

OSM_COLUMNS = (OSM_ID, NAME, VARIANTS, KIND, COUNTRY, LAT, LON, POPULATION, AREAS, KEYS, SOURCE)

# --- tiers ------------------------------------------------------------------------------
TIER = "tier"
CURATED = "curated"
AREA = "area"
REFERENCE = "reference"  # GeoNames
OSM = "osm"  # OpenStreetMap place nodes
# Tiers, best first: the order in which records of equal score are ranked.
TIERS = (CURATED, AREA, REFERENCE, OSM)
# The tiers read from compact files beside the curated places (GeoNames, OpenStreetMap).
FILE_TIERS = frozenset({REFERENCE, OSM})

# --- vocabularies of the library and the command line, each defined here once --------
METHODS = ("buffer", "voronoi")  # how places become areas (geo.influence.methods: one strategy each)
PERIODS = ("day", "week", "month", "quarter", "year")  # calendar periods (geo.periods)
STEPS = ("auto", "event", *PERIODS[1:])  # how a map's time control moves ("auto" chooses)

# Form of every id (places, areas, records): lower-case ASCII letters and digits, hyphen-separated.
ID_REGEX = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Separator of multi-valued cells (variants, cited_in, areas, keys).
MULTI_SEPARATOR = "|"

# --- kinds and how they rank ------------------------------------------------------------
# A populated place outranks a well or a hill of the same name unless the query asks
# for the feature ("Tamalelt well"): these weights are points added to a candidate's
# score (see geo.matching).
KIND_WEIGHTS: dict[str, float] = {
    "capital": 10.0,
    "city": 10.0,
    "town": 10.0,
    "village": 9.0,
    "hamlet": 8.0,
    "camp": 8.5,
    "military_base": 8.5,
    "airport": 8.0,
    "site": 8.0,
    "country": 8.0,
    "region": 8.0,
    "cercle": 7.5,
    "province": 7.5,
    "commune": 7.0,
    "area": 7.0,
    "locality": 7.0,
    "well": 6.0,
    "hill": 5.0,
    "wadi": 5.0,
    "feature": 4.5,
    "abandoned": 4.0,
}
KINDS = frozenset(KIND_WEIGHTS)
POPULATED_KINDS = frozenset({"capital", "city", "town", "village", "hamlet", "camp"})
AREA_KINDS = frozenset({"country", "region", "cercle", "province", "commune", "area"})

# The levels of admin context a query may carry, and the area kinds at each level:
# admin1 a region (Mali, Niger, Burkina Faso), admin2 a cercle, department or province,
# admin3 a commune.
ADMIN_LEVELS: dict[str, str] = {
    "admin1": "first-level unit (region)",
    "admin2": "second-level unit (cercle, department, province)",
    "admin3": "commune",
}
ADMIN_LEVEL_OF_KIND: dict[str, str] = {
    "region": "admin1",
    "cercle": "admin2",
    "department": "admin2",
    "province": "admin2",
    "commune": "admin3",
}
# Records that may stand for a commune named in admin3: the commune, or its chief town.
COMMUNE_SEAT_KINDS = frozenset({"commune", "capital", "city", "town", "village"})

# Words in a query that name a kind: "Tamalelt well", "Ménaka region", "aéroport de Gao".
KIND_WORDS: dict[str, str] = {
    "well": "well",
    "wells": "well",
    "puits": "well",
    "point d eau": "well",
    "waterhole": "well",
    "region": "region",
    "cercle": "cercle",
    "circle": "cercle",
    "province": "province",
    "commune": "commune",
    "airport": "airport",
    "aeroport": "airport",
    "airfield": "airport",
    "camp": "camp",
    "base": "military_base",
    "mosque": "site",
    "mosquee": "site",
    "hill": "hill",
    "colline": "hill",
    "mount": "hill",
    "wadi": "wadi",
    "oued": "wadi",
    "village": "village",
    "town": "town",
    "city": "city",
    "ville": "town",
}

# GeoNames feature codes -> kind (class-level fallback below).
GEONAMES_KINDS: dict[str, str] = {
    "PPLC": "capital",
    "PPLA": "city",
    "PPLA2": "town",
    "PPLA3": "town",
    "PPLA4": "village",
    "PPL": "village",
    "PPLL": "village",
    "PPLX": "village",
    "PPLS": "village",
    "PPLF": "village",
    "PPLR": "village",
    "PPLQ": "abandoned",
    "PPLW": "abandoned",
    "PPLH": "abandoned",
    "CMP": "camp",
    "CMPRF": "camp",
    "CMPQ": "camp",
    "INSM": "military_base",
    "MILB": "military_base",
    "AIRP": "airport",
    "AIRF": "airport",
    "AIRS": "airport",
    "MSQE": "site",
    "HTL": "site",
    "ADM1": "region",
    "ADM2": "cercle",
    "ADM3": "commune",
    "ADM1H": "region",
    "ADM2H": "cercle",
    "PCLI": "country",
    "AREA": "area",
    "RGN": "area",
    "LCTY": "locality",
    "WLL": "well",
    "WLLS": "well",
    "WTRH": "well",
    "SPNG": "well",
    "WLLQ": "well",
    "HLL": "hill",
    "HLLS": "hill",
    "MT": "hill",
    "MTS": "hill",
    "PK": "hill",
    "WAD": "wadi",
    "WADS": "wadi",
    "STM": "wadi",
    "STMI": "wadi",
}
GEONAMES_CLASS_KINDS: dict[str, str] = {
    "P": "village",
    "A": "region",
    "S": "site",
    "L": "locality",
    "H": "feature",
    "T": "feature",
    "V": "feature",
    "R": "feature",
    "U": "feature",
}


def kind_for_geonames(feature_class: str, feature_code: str) -> str:
    """Map a GeoNames feature class and code to the toolkit's kind.

    Examples
    --------
    >>> kind_for_geonames("P", "PPLA")
    'city'
    >>> kind_for_geonames("H", "WTRH")
    'well'
    >>> kind_for_geonames("T", "DUNE")
    'feature'
    """
    return GEONAMES_KINDS.get(feature_code) or GEONAMES_CLASS_KINDS.get(feature_class, "feature")


# --- seed records: seeds/*.csv -----------------------------------------------------------
# Files of a seeds folder.
SOURCES_FILE = "sources.csv"
ACTORS_FILE = "actors.csv"
INCIDENTS_FILE = "incidents.csv"
CLAIMS_FILE = "claims.csv"
ASSERTIONS_FILE = "assertions.csv"
SEED_FILES = (SOURCES_FILE, ACTORS_FILE, INCIDENTS_FILE, CLAIMS_FILE, ASSERTIONS_FILE)

# Columns shared by several record files (ID, NAME, KIND, NOTE, COUNTRY are above).
SOURCES = "sources"
DATE = "date"
PLACE = "place"
ACTOR = "actor"

# sources.csv
TITLE = "title"
AUTHOR = "author"
PUBLISHER = "publisher"
URL = "url"
SOURCE_CITED_IN = "cited_in"
LOCATOR = "locator"
SOURCE_COLUMNS = (ID, KIND, TITLE, AUTHOR, PUBLISHER, DATE, URL, SOURCE_CITED_IN, LOCATOR, NOTE)
SOURCE_REQUIRED = (ID, KIND, TITLE)
SOURCE_KINDS = frozenset({"document", "cited", "dataset"})

# actors.csv
ALIASES = "aliases"
AFFILIATIONS = "affiliations"
COLOUR = "colour"
ACTOR_COLUMNS = (ID, NAME, ALIASES, KIND, AFFILIATIONS, COLOUR, SOURCES, NOTE)
ACTOR_REQUIRED = (ID, NAME, KIND, COLOUR)
ACTOR_KINDS = frozenset(
    {
        "jihadist",
        "rebel",
        "militia",
        "state",
        "foreign_state",
        "private_military",
        "international",
        "organisation",
        "civilians",
        "unidentified",
    }
)
# Kinds of actor that are no armed force, and never get an influence zone (geo.influence),
# whatever the records say: victims and crowds (``civilians``: civilians, protesters,
# rioters), bodies such as a court or a religious council (``organisation``), and
# perpetrators no source names (``unidentified``: many groups, not one).
NO_ZONE_KINDS = frozenset({"civilians", "organisation", "unidentified"})
AFFILIATION_RELATIONS = frozenset({"part_of", "pledged_to", "split_from", "merged_into", "allied_with", "renamed_from"})
UNIDENTIFIED_ACTOR = "unidentified"
CIVILIANS_ACTOR = "civilians"

# incidents.csv
LOCATION = "location"
LATITUDE = "latitude"
LONGITUDE = "longitude"
PRECISION = "precision"
EVENT_TYPE = "event_type"
SUB_EVENT_TYPE = "sub_event_type"
ACTOR1 = "actor1"
ACTOR2 = "actor2"
ASSOC_ACTORS = "assoc_actors"
FATALITIES_LOW = "fatalities_low"
FATALITIES_BEST = "fatalities_best"
FATALITIES_HIGH = "fatalities_high"
FATALITIES_TEXT = "fatalities_text"
DISPLACED = "displaced"
# Optional, last: an imported dataset's own precision codes, verbatim (ACLED's
# geo_precision and time_precision, 1 to 3; UCDP GED's where_prec and date_prec, 1 to 7).
GEO_PRECISION_CODE = "geo_precision_code"
TIME_PRECISION_CODE = "time_precision_code"
INCIDENT_COLUMNS = (
    ID,
    DATE,
    PLACE,
    LOCATION,
    LATITUDE,
    LONGITUDE,
    PRECISION,
    EVENT_TYPE,
    SUB_EVENT_TYPE,
    ACTOR1,
    ACTOR2,
    ASSOC_ACTORS,
    FATALITIES_LOW,
    FATALITIES_BEST,
    FATALITIES_HIGH,
    FATALITIES_TEXT,
    DISPLACED,
    SOURCES,
    NOTE,
    GEO_PRECISION_CODE,
    TIME_PRECISION_CODE,
)
INCIDENT_REQUIRED = (ID, DATE, PRECISION, EVENT_TYPE, ACTOR1, SOURCES)
# The values a dataset's precision code may take (empty when the dataset gives none).
PRECISION_CODES = ("1", "2", "3", "4", "5", "6", "7")
FATALITY_COLUMNS = (FATALITIES_LOW, FATALITIES_BEST, FATALITIES_HIGH)
# 1: at the named place; 2: near it; 3: only the region or a larger area is known.
PRECISIONS = (1, 2, 3)

# ACLED's event types and their sub-event types (ACLED codebook, 2023 edition).
EVENT_TYPES: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    "Violence against civilians": frozenset({"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Explosions/Remote violence": frozenset(
        {
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        }
    ),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    "Strategic developments": frozenset(
        {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        }
    ),
}

# claims.csv
STATUS = "status"
START = "start"
END = "end"
SAID_BY = "said_by"
CLAIM_COLUMNS = (ID, ACTOR, STATUS, PLACE, START, END, TIER, SAID_BY, SOURCES, NOTE)
CLAIM_REQUIRED = (ID, ACTOR, STATUS, PLACE, START, TIER, SOURCES)
CLAIM_STATUSES = frozenset({"controls", "seized", "lost", "contests", "influences", "threatens"})
ASSESSED = "assessed"
CLAIMED = "claimed"
CLAIM_TIERS = frozenset({ASSESSED, CLAIMED})

# --- influence layer (geo.influence) ---
AREA_KM2 = "area_km2"
METHOD = "method"
PARAMS = "params"
SUPPORTING = "supporting"
PLACES = "places"

# assertions.csv
QUANTITY = "quantity"
SUBJECT = "subject"
REFERENCE_PLACE = "reference"
VALUE = "value"
VALUE_HIGH = "value_high"
UNIT = "unit"
QUALIFIER = "qualifier"
BEARING = "bearing"
STATEMENT = "statement"
ZONE = "zone"
ASSERTION_COLUMNS = (
    ID,
    QUANTITY,
    SUBJECT,
    REFERENCE_PLACE,
    ACTOR,
    ZONE,
    VALUE,
    VALUE_HIGH,
    UNIT,
    QUALIFIER,
    BEARING,
    DATE,
    STATEMENT,
    SOURCES,
    NOTE,
)
ASSERTION_REQUIRED = (ID, QUANTITY, VALUE, UNIT, QUALIFIER, STATEMENT, SOURCES)
QUANTITIES = frozenset({"distance", "area", "population", "displaced", "fatalities", "count"})
UNITS = frozenset({"km", "mi", "m", "km2", "mi2", "people", "events"})
QUALIFIERS = frozenset({"exact", "about", "at_least", "more_than", "at_most", "less_than", "between"})
COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
# The zones of an actor's influence geometry (geo.influence), and which ones an
# assertion's ``zone`` cell may name: the actor's control, contested, activity or
# influence zone that an area or a position statement is about.
ZONES = ("control", "contested", "activity", "influence")
# The quantities for which an assertion's ``zone`` means something.
ZONE_QUANTITIES = frozenset({"area", "distance"})

# Each record file: its columns and the required ones.
SEED_SCHEMAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    SOURCES_FILE: (SOURCE_COLUMNS, SOURCE_REQUIRED),
    ACTORS_FILE: (ACTOR_COLUMNS, ACTOR_REQUIRED),
    INCIDENTS_FILE: (INCIDENT_COLUMNS, INCIDENT_REQUIRED),
    CLAIMS_FILE: (CLAIM_COLUMNS, CLAIM_REQUIRED),
    ASSERTIONS_FILE: (ASSERTION_COLUMNS, ASSERTION_REQUIRED),
}

# Columns of loaded records and exports: the interval of a date (first and last possible
# day, inclusive), the EDTF texts a claim's interval comes from, names joined from the
# gazetteer, and every actor an incident involves.
START_EDTF = "start_edtf"
END_EDTF = "end_edtf"
PLACE_NAME = "place_name"
ACTORS = "actors"
DATE_FIELDS = (START, END)

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

# --- intensity (geo stats) ---
# One row per (unit, period): the unit (an area id or an H3 cell), its level (region,
# cercle, hex), the period's label, the incidents counted, how many of them give no
# best figure and no figure at all, and the density; NAME, COUNTRY, START, END, the
# fatality columns and AREA_KM2 are defined above. Unplaced incidents carry a reason
# code and a readable detail.
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
