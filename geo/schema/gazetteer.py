"""The gazetteer's columns, tiers and kinds.

The curated tier (``gazetteer/places.csv``), the reference tier built from GeoNames
(``gazetteer/reference/geonames.cols.gz``), the areas (``gazetteer/areas.geojson``) and
the OpenStreetMap tier (``gazetteer/reference/osm.cols.gz``) name their columns with
these constants; the kinds of place rank with the weights below (see :mod:`geo.matching`).
"""

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
    # A country's name means the country, even where a city carries it among its other
    # names ("Benin" for Benin City) or villages are called so ("Togo").
    "country": 25.0,
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
