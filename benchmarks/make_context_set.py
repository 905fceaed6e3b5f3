"""Generate the admin-context query set of the geocoder benchmark (issue 14).

Writes ``benchmarks/data/geocode_context.csv``: about 1,200 queries, each one real
record of the gazetteer's sources (its point is the truth) written as an analyst's
spreadsheet or an event dataset writes it: a name (as recorded, without accents, in
capitals, or in a press spelling) with the country and the region (``admin1``) and
cercle / province / department (``admin2``) that hold it.

Sources of the truth records (read from the project's own derived files only):

- ``gazetteer/reference/geonames.cols.gz`` (GeoNames tier): populated places
  (village, town, city);
- ``gazetteer/reference/osm.cols.gz`` (OSM tier): place nodes (village, town, hamlet);
- ``gazetteer/areas.geojson``: the region and cercle / province holding each point.
  Mali's regions are the 2016-2023 outlines (what ACLED and most spreadsheets name:
  Mopti, Ségou, Tombouctou, Gao, Kidal, Ménaka, Taoudénit), as on 2020-01-01.

Each record's ``truth_source`` is a fact about the data, not about how it was drawn:

- ``both``: a GeoNames populated place with an OSM node sharing a name key
  (:func:`geo.names.normalize`, any name or variant) within 3 km; truth = GeoNames;
- ``geonames``: any other GeoNames populated place;
- ``osm-only``: an OSM node with no GeoNames record of any kind sharing a key within
  10 km (the villages GeoNames lacks); nodes labelled "Habitation" or "Hameau ..."
  (mappers' labels, not names) are left out.

Quotas: 600 Mali GeoNames-only, 180 Mali ``both``, 300 Mali ``osm-only`` (80 % of
each from the conflict regions Mopti, Ségou, Tombouctou, Gao, Ménaka, Kidal,
Taoudénit, by fixed shares capped by what each region holds: the north has few
records, so most of its records are in), 120 Niger (Tillabéri, Tahoua) and
Burkina Faso (Sahel, Nord, Est, Centre-Nord) records within 250 km of Mali's
outline, 70 % GeoNames, 30 % osm-only.

``split`` is ``tune`` or ``holdout`` by the parity of the last byte of the SHA-1 of
``truth_id``: stable whatever else changes in the set.

    python benchmarks/make_context_set.py            # writes the CSV, prints counts
    python benchmarks/make_context_set.py --check    # regenerate and compare, no write

Deterministic: sorted inputs, one seeded ``random.Random``; runs in a few seconds.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import random
import re
import string
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo._store import Store, read_osm, read_reference, split_multi
from geo.names import normalize, strip_accents

SEED = 20240514
OUT = ROOT / "benchmarks" / "data" / "geocode_context.csv"
GAZ = ROOT / "gazetteer"
INPUTS = (GAZ / "reference" / "geonames.cols.gz", GAZ / "reference" / "osm.cols.gz", GAZ / "areas.geojson")
ERA = "2020-01-01"  # Mali's admin units as ACLED and most spreadsheets name them
COLUMNS = (
    "query",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "truth_lat",
    "truth_lon",
    "truth_source",
    "truth_id",
    "kind",
    "split",
)

N_ML_GEONAMES = 600
N_ML_BOTH = 180
N_ML_OSM_ONLY = 300
N_NEIGHBOURS = 120
CONFLICT_SHARE = 0.8
# Shares of the conflict regions in the 80 % (Mali's 2016-2023 regions); a region
# that holds fewer records than its share gives the rest to the others.
CONFLICT_SHARES = {
    "ml-region-mopti-pre2023": 0.35,
    "ml-region-segou-pre2023": 0.20,
    "ml-region-tombouctou": 0.17,
    "ml-region-gao": 0.15,
    "ml-region-menaka": 0.06,
    "ml-region-kidal": 0.05,
    "ml-region-taoudenit": 0.02,
}
# Niger and Burkina regions near Mali, and how many rows each gets.
NEIGHBOUR_QUOTAS = {
    "ne-region-tillaberi": 40,
    "ne-region-tahoua": 20,
    "bf-region-sahel": 25,
    "bf-region-nord": 15,
    "bf-region-centre-nord": 10,
    "bf-region-est": 10,
}
NEIGHBOUR_MAX_KM = 250.0
BOTH_KM = 3.0
OSM_ONLY_KM = 10.0
GN_KINDS = ("village", "town", "city")
GENERIC_OSM_NAME = re.compile(r"^\s*(habitation|hameau)\b", re.IGNORECASE)
OSM_KINDS = ("village", "town", "hamlet")

# How each dataset style writes a region: (style) -> name. Missing: the bare name.
REGION_NAMES = {
    "ml-region-tombouctou": {"acled": "Tombouctou", "french": "Tombouctou", "english": "Timbuktu"},
    "ml-region-segou-pre2023": {"acled": "Segou", "french": "Ségou", "english": "Segou"},
    "ml-region-menaka": {"acled": "Menaka", "french": "Ménaka", "english": "Menaka"},
    "ml-region-taoudenit": {"acled": "Taoudeni", "french": "Taoudénit", "english": "Taoudenni"},
    "ml-region-bamako": {"acled": "Bamako", "french": "Bamako", "english": "Bamako"},
    "ne-region-tillaberi": {"acled": "Tillaberi", "french": "Tillabéri", "english": "Tillaberi"},
    "bf-region-sahel": {"acled": "Sahel", "french": "Sahel", "english": "Sahel"},
    "bf-region-nord": {"acled": "Nord", "french": "Nord", "english": "Nord"},
    "bf-region-est": {"acled": "Est", "french": "Est", "english": "Est"},
    "bf-region-centre-nord": {"acled": "Centre-Nord", "french": "Centre-Nord", "english": "Centre-Nord"},
}
CERCLE_ENGLISH = {"ml-cercle-tombouctou": "Timbuktu", "ml-cercle-djenne": "Djenne"}
STYLES = (("acled", 0.45), ("french", 0.35), ("english", 0.20))
COUNTRY_NAMES = {"ML": "Mali", "NE": "Niger", "BF": "Burkina Faso"}
CONTEXT_MIX = (("both", 0.65), ("admin1", 0.20), ("admin2", 0.10), ("none", 0.05))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _weighted(rng: random.Random, options) -> str:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _valid(props: dict, day: str) -> bool:
    return (not props.get("valid_from") or props["valid_from"] <= day) and (
        not props.get("valid_to") or day <= props["valid_to"]
    )


# --- admin units ---------------------------------------------------------------------
class Admin:
    """The era's regions and cercles / provinces, and a point-in-polygon lookup."""

    def __init__(self, path: Path) -> None:
        import shapely

        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        self.regions, self.units, region_geoms, unit_geoms = [], [], [], []
        self.mali = None
        for feature in sorted(features, key=lambda f: f["properties"]["id"]):
            props = feature["properties"]
            if not _valid(props, ERA):
                continue
            kind, country = props["kind"], props["country"]
            if kind == "country" and country == "ML":
                self.mali = shapely.from_geojson(json.dumps(feature["geometry"]))
            if country not in ("ML", "NE", "BF"):
                continue
            if kind == "region":
                self.regions.append(props)
                region_geoms.append(shapely.from_geojson(json.dumps(feature["geometry"])))
            elif kind in ("cercle", "province"):
                self.units.append(props)
                unit_geoms.append(shapely.from_geojson(json.dumps(feature["geometry"])))
        self.region_tree = shapely.STRtree(region_geoms)
        self.unit_tree = shapely.STRtree(unit_geoms)
        self.region_geoms, self.unit_geoms = region_geoms, unit_geoms

    def locate(self, lats: list[float], lons: list[float]) -> list[tuple[dict | None, dict | None, float]]:
        """(region, cercle or province, km to Mali's outline) of each point."""
        import shapely

        points = shapely.points(lons, lats)
        region_of = self._contained(points, self.region_tree)
        unit_of = self._contained(points, self.unit_tree)
        degrees = shapely.distance(points, self.mali)  # 0 inside Mali
        out = []
        for i in range(len(lats)):
            region = self.regions[region_of[i]] if region_of[i] >= 0 else None
            unit = self.units[unit_of[i]] if unit_of[i] >= 0 else None
            out.append((region, unit, float(degrees[i]) * 111.0))
        return out

    @staticmethod
    def _contained(points, tree) -> list[int]:
        found = [-1] * len(points)
        pairs = tree.query(points, predicate="within")
        for point_i, geom_i in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):
            if found[point_i] < 0 or geom_i < found[point_i]:
                found[point_i] = geom_i
        return found


# --- records ---------------------------------------------------------------------------
def load_records(admin: Admin) -> list[dict]:
    store = Store()
    read_reference(GAZ / "reference" / "geonames.cols.gz", store)
    osm = sorted(read_osm(GAZ / "reference" / "osm.cols.gz"), key=lambda r: int(r["osm_id"]))
    gn_lat, gn_lon = store.lat_list, store.lon_list
    gn_by_key: dict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(store.keys):
        for key in split_multi(keys):
            gn_by_key[key].append(i)
    osm_by_key: dict[str, list[int]] = defaultdict(list)
    for j, record in enumerate(osm):
        for key in record["keys"]:
            osm_by_key[key].append(j)

    records: list[dict] = []
    for i in range(len(store)):
        if store.kinds[i] not in GN_KINDS or store.countries[i] not in ("ML", "NE", "BF"):
            continue
        twin = any(
            _km(gn_lat[i], gn_lon[i], osm[j]["lat"], osm[j]["lon"]) <= BOTH_KM
            for key in split_multi(store.keys[i])
            for j in osm_by_key.get(key, ())
        )
        records.append(
            {
                "id": store.ids[i],
                "name": store.names[i],
                "kind": store.kinds[i],
                "country": store.countries[i],
                "lat": gn_lat[i],
                "lon": gn_lon[i],
                "source": "both" if twin else "geonames",
                "gn_admin2": store.admin2[i],
            }
        )
    for record in osm:
        if record["kind"] not in OSM_KINDS or record["country"] not in ("ML", "NE", "BF"):
            continue
        if GENERIC_OSM_NAME.match(record["name"]):
            continue  # a mapper's label ("Habitation", "Hameau de culture"), not a name anyone reports
        near_gn = any(
            _km(record["lat"], record["lon"], gn_lat[i], gn_lon[i]) <= OSM_ONLY_KM
            for key in record["keys"]
            for i in gn_by_key.get(key, ())
        )
        if near_gn:
            continue
        records.append(
            {
                "id": f"osm-{record['osm_id']}",
                "name": record["name"],
                "kind": record["kind"],
                "country": record["country"],
                "lat": record["lat"],
                "lon": record["lon"],
                "source": "osm-only",
                "gn_admin2": "",
            }
        )
    located = admin.locate([r["lat"] for r in records], [r["lon"] for r in records])
    kept = []
    for record, (region, unit, border_km) in zip(records, located, strict=True):
        if region is None or region["country"] != record["country"]:
            continue  # outside the outline of its own country: no admin context to give
        if unit is not None and unit["country"] != record["country"]:
            unit = None
        record.update(region=region, unit=unit, border_km=border_km)
        kept.append(record)
    return kept


def _allocate(n: int, shares: dict[str, float], available: dict[str, int]) -> dict[str, int]:
    """Split ``n`` by ``shares``, no key above what it has; shortfalls go to the others."""
    quota = dict.fromkeys(shares, 0)
    open_keys = [k for k in shares if available.get(k, 0) > 0]
    left = n
    while left > 0 and open_keys:
        total = sum(shares[k] for k in open_keys)
        step = {k: max(1, round(left * shares[k] / total)) for k in open_keys}
        for k in open_keys:
            take = min(step[k], available.get(k, 0) - quota[k], left)
            quota[k] += take
            left -= take
        open_keys = [k for k in open_keys if quota[k] < available.get(k, 0)]
    return quota


def sample(records: list[dict], n: int, rng: random.Random) -> list[dict]:
    """``n`` records of Mali: 80 % from the conflict regions (by :data:`CONFLICT_SHARES`,
    capped by what each region holds), 20 % from the rest in proportion to its size."""
    by_region: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_region[record["region"]["id"]].append(record)
    available = {k: len(v) for k, v in by_region.items()}
    quota = _allocate(round(n * CONFLICT_SHARE), CONFLICT_SHARES, available)
    rest = {k: float(v) for k, v in available.items() if k not in CONFLICT_SHARES}
    quota.update(_allocate(n - sum(quota.values()), rest, available))
    chosen: list[dict] = []
    for region_id in sorted(quota):
        chosen += rng.sample(by_region.get(region_id, []), quota[region_id])
    return chosen


# --- spellings -----------------------------------------------------------------------
VOWELS = "aeiouy"
DOUBLABLE = "lnstkmr"


def _swaps(name: str) -> list:
    """The transliteration rewrites that apply to ``name`` (callables name -> name)."""
    out = []
    low = name.lower()

    def sub(pattern: str, repl: str, flags: int = re.IGNORECASE):
        def apply(text: str, rng: random.Random) -> str:
            matches = list(re.finditer(pattern, text, flags))
            m = rng.choice(matches)
            found = m.group(0)
            new = m.expand(repl)
            if found[:1].isupper():
                new = new[:1].upper() + new[1:]
            if found.isupper() and len(found) > 1:
                new = new.upper()
            return text[: m.start()] + new + text[m.end() :]

        return apply

    if re.search(r"ou", low):
        out.append(sub(r"ou", "u"))
        if re.search(r"ou(?=[aeiy])", low):
            out.append(sub(r"ou(?=[aeiy])", "w"))
    if re.search(r"(?<![aeiou])u", low):
        out.append(sub(r"(?<![aeiou])u", "ou"))
    if "w" in low:
        out.append(sub(r"w", "ou"))
    if "dj" in low:
        out.append(sub(r"dj", "j"))
    elif re.search(r"(?<!d)j", low):
        out.append(sub(r"(?<!d)j", "dj"))
    if "ch" in low:
        out.append(sub(r"ch", "sh"))
    if "sh" in low:
        out.append(sub(r"sh", "ch"))
    if re.search(rf"([{DOUBLABLE}])\1", low):
        out.append(sub(rf"([{DOUBLABLE}])\1", r"\1"))
    if re.search(rf"(?<=[aeiou])([{DOUBLABLE}])(?=[aeiou])", low):
        out.append(sub(rf"(?<=[aeiou])([{DOUBLABLE}])(?=[aeiou])", r"\1\1"))
    if re.search(r"[bcdfghjklmnpqrstvwxz]$", low) and len(low) > 3:
        out.append(lambda text, rng: text + ("E" if text.isupper() else "e"))
    if re.search(r"[^aeiou]e$", low) and len(low) > 4:
        out.append(lambda text, rng: text[:-1])
    if re.match(r"(tin|ti-n-|in|i-n-)[ -]?\w", low):
        out.append(_prefix)
    if "gh" in low:
        out.append(sub(r"gh", "r"))
    return out


_PREFIX = re.compile(r"^(T?)(in|i-n-)([ -]?)(\w)", re.IGNORECASE)


def _prefix(text: str, rng: random.Random) -> str:
    """ "Tin Essako" / "Tin-Essako" / "Tinessako"; "In Tillit" / "I-n-Tillit" / "Intillit"."""
    m = _PREFIX.match(text)
    if not m:
        return text
    t, _, _sep, first = m.groups()
    rest = text[m.end() :]
    forms = [f"{t}in {first.upper()}", f"{t}in-{first.upper()}", f"{t}in{first.lower()}"]
    forms.append(f"{t}i-n-{first.upper()}" if t else f"I-n-{first.upper()}")
    if t:
        forms = [f[0].upper() + f[1:] for f in forms]
    else:
        forms = ["I" + f[1:] if f[0] == "i" else f for f in forms]
    current = text[: m.end()]
    choices = [f for f in forms if f.lower() != current.lower()]
    return rng.choice(choices) + rest


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 5:  # a typo in a three- or four-letter name is another name
        return name
    i = rng.choice(letters[1:])  # reporters rarely get the first letter wrong
    op = rng.choice(("substitute", "delete", "insert", "transpose"))
    letter = rng.choice(string.ascii_lowercase)
    if name[i].isupper():
        letter = letter.upper()
    if op == "substitute":
        return name[:i] + letter + name[i + 1 :]
    if op == "delete":
        return name[:i] + name[i + 1 :]
    if op == "insert":
        return name[:i] + letter + name[i:]
    if i + 1 < len(name) and name[i + 1].isalpha():  # swap the letters, keep the case pattern
        a, b = name[i + 1], name[i]
        a = a.upper() if name[i].isupper() else a.lower()
        b = b.upper() if name[i + 1].isupper() else b.lower()
        return name[:i] + a + b + name[i + 2 :]
    return name[:i] + name[i + 1 :]


def _has_accents(text: str) -> bool:
    return strip_accents(text) != text


def spell(name: str, style: str, rng: random.Random) -> tuple[str, str]:
    """The query for a record named ``name``: (query, how it was written)."""
    if rng.random() < 0.6:
        roll = rng.random()
        if roll < 0.2 or (style == "acled" and roll < 0.3):
            return strip_accents(name).upper(), "upper-case"
        if _has_accents(name) and (style == "acled" or roll < 0.55):
            return strip_accents(name), "accents dropped"
        return name, "as recorded"
    text = strip_accents(name) if rng.random() < 0.8 else name
    n_swaps = _weighted(rng, ((1, 0.7), (2, 0.2), (0, 0.1))) if _swaps(text) else 0
    for _ in range(n_swaps):
        swaps = _swaps(text)
        if swaps:
            text = rng.choice(swaps)(text, rng)
    typo = rng.random() < 0.3 or text == name or text == strip_accents(name)
    if typo:
        text = _typo(text, rng)
    how = "press spelling" + (" + typo" if typo else "")
    if n_swaps == 0:
        how = "typo" if typo else "press spelling"
    return text, how


# --- context -----------------------------------------------------------------------------
def region_name(region: dict, style: str) -> str:
    names = REGION_NAMES.get(region["id"])
    if names:
        return names[style]
    bare = re.sub(r"\s+Region$", "", region["name"])
    return bare if style == "french" else strip_accents(bare)


def unit_name(unit: dict | None, style: str, rng: random.Random) -> str:
    if unit is None:
        return ""
    if style == "english" and unit["id"] in CERCLE_ENGLISH:
        return CERCLE_ENGLISH[unit["id"]]
    bare = re.sub(r"\s+(Cercle|Province)$", "", unit["name"])
    if style != "french":
        bare = strip_accents(bare)
    if rng.random() < 0.05:  # a few spreadsheets keep the generic word
        word = "Cercle de" if unit["kind"] == "cercle" else "Province du"
        bare = f"{word} {bare}" if style == "french" else f"{bare} {unit['kind'].title()}"
    if "-" in bare and rng.random() < 0.3:
        bare = bare.replace("-", " ")
    return bare


def niger_department(record: dict, style: str) -> str:
    text = record["gn_admin2"]
    text = re.sub(r"^(Département|Departement|Department)\s+(de\s+|d[’']\s*)?", "", text).strip()
    return text if style == "french" else strip_accents(text)


def row_for(record: dict, rng: random.Random) -> dict:
    style = _weighted(rng, STYLES)
    query, how = spell(record["name"], style, rng)
    country = record["country"]
    country_cell = COUNTRY_NAMES[country] if rng.random() < 0.12 else country
    admin1 = region_name(record["region"], style)
    if country == "NE":
        admin2 = niger_department(record, style)
    else:
        admin2 = unit_name(record["unit"], style, rng)
    mix = _weighted(rng, CONTEXT_MIX)
    if mix == "admin1":
        admin2 = ""
    elif mix == "admin2":
        admin1 = "" if admin2 else admin1
    elif mix == "none":
        admin1 = admin2 = ""
    return {
        "query": query,
        "country": country_cell,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": "",
        "truth_lat": f"{record['lat']:.5f}",
        "truth_lon": f"{record['lon']:.5f}",
        "truth_source": record["source"],
        "truth_id": record["id"],
        "kind": record["kind"],
        "split": split_of(record["id"]),
        "_how": how,
    }


def split_of(truth_id: str) -> str:
    return "tune" if hashlib.sha1(truth_id.encode("utf-8")).digest()[-1] % 2 == 0 else "holdout"


def build(seed: int = SEED) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    admin = Admin(GAZ / "areas.geojson")
    records = load_records(admin)
    ml = [r for r in records if r["country"] == "ML"]
    chosen: list[dict] = []
    chosen += sample([r for r in ml if r["source"] == "geonames"], N_ML_GEONAMES, rng)
    chosen += sample([r for r in ml if r["source"] == "both"], N_ML_BOTH, rng)
    chosen += sample([r for r in ml if r["source"] == "osm-only"], N_ML_OSM_ONLY, rng)
    for region_id, quota in NEIGHBOUR_QUOTAS.items():
        pool = [r for r in records if r["region"]["id"] == region_id and r["border_km"] <= NEIGHBOUR_MAX_KM]
        gn = [r for r in pool if r["source"] != "osm-only"]
        osm_only = [r for r in pool if r["source"] == "osm-only"]
        n_osm = min(len(osm_only), round(quota * 0.3))
        chosen += rng.sample(gn, min(len(gn), quota - n_osm)) + rng.sample(osm_only, n_osm)
    rows = [row_for(record, rng) for record in chosen]
    rows.sort(key=lambda row: (row["split"], row["truth_id"]))
    return rows, records


def to_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def summary(rows: list[dict], records: list[dict]) -> str:
    lines = [f"{len(rows)} rows"]
    by = Counter((r["split"], r["truth_source"]) for r in rows)
    lines.append("split x truth_source: " + ", ".join(f"{s}/{t} {n}" for (s, t), n in sorted(by.items())))

    def mix(r: dict) -> str:
        return {(True, True): "admin1+admin2", (True, False): "admin1 only", (False, True): "admin2 only"}.get(
            (bool(r["admin1"]), bool(r["admin2"])), "none"
        )

    for split in ("tune", "holdout"):
        part = [r for r in rows if r["split"] == split]
        lines.append(f"{split} context mix: " + ", ".join(f"{k} {n}" for k, n in Counter(map(mix, part)).most_common()))
    lines.append("country: " + ", ".join(f"{k} {n}" for k, n in Counter(r["country"] for r in rows).most_common()))
    lines.append("spelling: " + ", ".join(f"{k} {n}" for k, n in Counter(r["_how"] for r in rows).most_common()))
    lines.append("admin1: " + ", ".join(f"{k or '-'} {n}" for k, n in Counter(r["admin1"] for r in rows).most_common()))
    same = sum(1 for r in rows if r["admin1"] and normalize(r["admin1"]) == normalize(r["admin2"]))
    lines.append(f"admin2 named like its region (Mopti/Mopti...): {same}")
    # How often the query's key is the key of another record far away (kept, not filtered).
    by_key: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        by_key[normalize(record["name"])].append(record)
    far = 0
    for r in rows:
        lat, lon = float(r["truth_lat"]), float(r["truth_lon"])
        others = by_key.get(normalize(r["query"]), [])
        far += any(o["id"] != r["truth_id"] and _km(lat, lon, o["lat"], o["lon"]) > 25 for o in others)
    lines.append(f"queries whose key names another record > 25 km away (ML/NE/BF populated): {far}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="regenerate and compare with --out; write nothing")
    args = parser.parse_args(argv)
    rows, records = build()
    text = to_csv(rows)
    print(summary(rows, records))
    for path in INPUTS:
        print(f"input {path.relative_to(ROOT)}: sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'identical' if same else 'DIFFERS'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
