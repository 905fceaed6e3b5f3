"""The seed records' files and columns (``seeds/*.csv``, see ``seeds/README.md``), and
the values their cells may take.
"""

from .gazetteer import ID, KIND, NAME, NOTE, TIER

# --- seed records: seeds/*.csv -----------------------------------------------------------
# Files of a seeds folder.
SOURCES_FILE = "sources.csv"
ACTORS_FILE = "actors.csv"
INCIDENTS_FILE = "incidents.csv"
CLAIMS_FILE = "claims.csv"
ASSERTIONS_FILE = "assertions.csv"
SEED_FILES = (SOURCES_FILE, ACTORS_FILE, INCIDENTS_FILE, CLAIMS_FILE, ASSERTIONS_FILE)

# Columns shared by several record files (ID, NAME, KIND, NOTE, COUNTRY: geo.schema.gazetteer).
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
