#!/usr/bin/env python3
"""Build ``gazetteer/areas.geojson``: the admin and informal AREAS layer.

The output is one GeoJSON FeatureCollection (WGS84, lon/lat, 4 decimals) with:

* the 8 Natural Earth country outlines of the Sahel window (kind ``country``);
* Mali's 50 OCHA cercles (kind ``cercle``), the one of Ménaka ending in 2016, and
  the 4 cercles of Ménaka region from 2016 (APPROXIMATE: Voronoi cells of their
  seats, clipped to the region);
* Mali's regions for three periods, always built as unions of the *simplified*
  cercles so that regions nest exactly in cercles and tile the country:
  before the 2016 split (9 regions + Bamako), 2016-2023 (Ménaka and an
  approximate Taoudénit added), and after the 2023 reform (19 regions +
  Bamako, new regions approximated from ``regions_2023.csv``);
* Niger's regions and Burkina Faso's provinces (Natural Earth), and Burkina's
  13 regions as unions of provinces;
* the informal areas of ``informal_areas.geojson`` (three-borders zone, Malian
  Gourma, Azawad, Macina, Ménaka–Tahoua border zone), derived by the recipe
  stored in each feature.

Topology: the country outlines are the national territories; each country's
units are fitted to its outline (cut where they cross it, gaps given to the
nearest unit), so that on any day the regions tile their country, cercles tile
their region and neighbours never overlap (see ``fit_to_outline`` and AREAS.md,
"Topology").

The build is deterministic: features are sorted (kind, then id), property keys
have a fixed order, and coordinates are snapped to a 1e-4 degree grid, so a
re-run over the same inputs gives a byte-identical file.  A validation step
runs after the build and aborts (non-zero exit) if a check fails.

See AREAS.md for the meaning of every property and for every approximation.

Usage (from the repository root)::

    python gazetteer/scripts/build_areas.py --raw ../shared/data

Requires shapely >= 2.1 (``coverage_simplify``) and pyproj.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from pathlib import Path

import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry import box, mapping, shape

HERE = Path(__file__).resolve().parent.parent  # the gazetteer folder
sys.path.insert(0, str(HERE.parent))  # the repository, for geo.schema and geo.names

from geo import schema
from geo.names import strip_accents

GEOD = Geod(ellps="WGS84")
GRID = 1e-4  # output precision (degrees), i.e. 4 decimals
# Long straight edges (the desert borders) are split into pieces of at most this
# many degrees after simplification, so that a straight line in lon/lat and the
# geodesic between its ends do not differ by kilometres (geodesic areas of slivers
# stay honest) and cuts across such a border (18° N) create no visible sliver.
DENSIFY = 0.1

# --- dates (inclusive; empty string = open) ---------------------------------
# Ménaka and Taoudénit regions: created on paper by Loi n° 2012-017 of
# 2 March 2012, made operational when the Council of Ministers appointed their
# first governors on 19 January 2016.  The 2016 structure starts that day.
SPLIT_2016 = "2016-01-19"
LAST_PRE_2016 = "2016-01-18"
# 2023 reform: Loi n° 2023-006 of 13 March 2023 (administrative districts,
# adopted by the CNT on 20 February 2023).  New regions start on promulgation.
REFORM_2023 = "2023-03-13"
LAST_PRE_2023 = "2023-03-12"

# Approximate Taoudénit: parts of these OCHA cercles north of this latitude.
TAOUDENIT_LAT = 18.0
TAOUDENIT_FROM = ("Tombouctou", "Goundam")

# The cercles of Ménaka region since 2016 (Loi 2012-017): name -> seat in places.csv.
# Spellings as in the law and the press; GeoNames spells the seats Andéranboukan,
# Inékar and Tidarméné, and has no admin2 record for any of them (only "Cercle de
# Ménaka", 8631539, with the old extent).  Outlines: Voronoi cells of the seats.
MENAKA_CERCLES = {
    "Ménaka": "ml-menaka",
    "Andéramboukane": "ml-anderamboukane",
    "Inékar": "ml-inekar",
    "Tidermène": "ml-tidermene",
}
FITTED = (
    "Fitted to the country's Natural Earth outline: parts across it cut, gaps along it given to the "
    "nearest unit (AREAS.md, Topology)."
)
MENAKA_SRC = "derived from OCHA COD-AB via HDX and GeoNames seats (approximate)"

OCHA_SRC = "OCHA COD-AB via HDX"
NE_SRC = "Natural Earth"
DERIVED_OCHA = "derived from OCHA COD-AB via HDX"
DERIVED_NE = "derived from Natural Earth"

KEYS = schema.AREA_PROPERTIES  # the feature properties, defined once in geo.schema
KIND_ORDER = {"country": 0, "region": 1, "province": 2, "cercle": 3, "area": 4}

# --- names ------------------------------------------------------------------
COUNTRIES = {  # iso2 -> (name, variants)
    "ML": ("Mali", "République du Mali|Republique du Mali|Republic of Mali"),
    "NE": ("Niger", "République du Niger|Republique du Niger|Republic of the Niger"),
    "BF": ("Burkina Faso", "Burkina|Upper Volta|Haute-Volta"),
    "DZ": ("Algeria", "Algérie|Algerie|People's Democratic Republic of Algeria"),
    "MR": ("Mauritania", "Mauritanie|Islamic Republic of Mauritania"),
    "SN": ("Senegal", "Sénégal|Republic of Senegal"),
    "GN": ("Guinea", "Guinée|Guinee|Guinea-Conakry|Guinée-Conakry"),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire|Ivory Coast|Côte d’Ivoire"),
}

# OCHA adm1/adm2 names are unaccented; official spellings with accents.
ML_ACCENTS = {
    "Abeibara": "Abeïbara",
    "Bafoulabe": "Bafoulabé",
    "Baroueli": "Barouéli",
    "Diema": "Diéma",
    "Dioila": "Dioïla",
    "Dire": "Diré",
    "Djenne": "Djenné",
    "Kenieba": "Kéniéba",
    "Kolondieba": "Kolondiéba",
    "Menaka": "Ménaka",
    "Niafunke": "Niafunké",
    "Segou": "Ségou",
    "Tenenkou": "Ténenkou",
    "Yelimane": "Yélimané",
    "Taoudenit": "Taoudénit",
}
# extra spellings met in the press / other gazetteers
ML_EXTRA = {
    "Tombouctou": ["Timbuktu", "Timbuctoo", "Tumbutu"],
    "Ménaka": ["Menaka", "Manaka", "Menka"],
    "Andéramboukane": ["Anderamboukane", "Andéranboukan", "Anderanboukan", "Andéranboukane", "Anderamboukan"],
    "Tidermène": ["Tidarméné", "Tidarmene"],
    "Ségou": ["Segu"],
    "Nioro": ["Nioro du Sahel", "Nioro-du-Sahel"],
    "Gourma-Rharous": ["Gourma Rharous", "Rharous", "Gourma-Rarhous"],
    "Tin-Essako": ["Tin Essako", "Tinessako"],
    "Abeïbara": ["Abeibara", "Abeybara"],
    "Taoudénit": ["Taoudeni", "Taoudenni", "Taoudéni"],
    "Bandiagara": ["Bandjagara", "Badiangara"],
    "Douentza": ["Duentza"],
    "Djenné": ["Jenne", "Djenne", "Dienné"],
    "Youwarou": ["Youvarou"],
    "Ténenkou": ["Tenenku"],
}
NE_NAMES = {  # Natural Earth name -> (official name, extra variants)
    "Tillabéri": ("Tillabéri", ["Tillaberi", "Tillabéry", "Tillabery"]),
    "Tahoua": ("Tahoua", []),
    "Agadez": ("Agadez", ["Agadès", "Agades"]),
    "Diffa": ("Diffa", []),
    "Dosso": ("Dosso", []),
    "Maradi": ("Maradi", []),
    "Zinder": ("Zinder", []),
    "Niamey": ("Niamey", []),
}
BF_PROVINCE_FIX = {"Mou Houn": "Mouhoun", "Bazéga": "Bazèga"}
# Burkina Faso's 13 regions (2001 structure) -> provinces (NE spelling)
BF_REGIONS = {
    "Boucle du Mouhoun": ["Balé", "Banwa", "Kossi", "Mou Houn", "Nayala", "Sourou"],
    "Cascades": ["Komoé", "Léraba"],
    "Centre": ["Kadiogo"],
    "Centre-Est": ["Boulgou", "Koulpélogo", "Kouritenga"],
    "Centre-Nord": ["Bam", "Namentenga", "Sanmatenga"],
    "Centre-Ouest": ["Boulkiemdé", "Sanguié", "Sissili", "Ziro"],
    "Centre-Sud": ["Bazéga", "Nahouri", "Zoundwéogo"],
    "Est": ["Gnagna", "Gourma", "Komondjari", "Kompienga", "Tapoa"],
    "Hauts-Bassins": ["Houet", "Kénédougou", "Tuy"],
    "Nord": ["Loroum", "Passoré", "Yatenga", "Zondoma"],
    "Plateau-Central": ["Ganzourgou", "Kourwéogo", "Oubritenga"],
    "Sahel": ["Oudalan", "Séno", "Soum", "Yagha"],
    "Sud-Ouest": ["Bougouriba", "Ioba", "Noumbiel", "Poni"],
}
BF_REGION_NAMES_ALONE = frozenset(
    {
        "Boucle du Mouhoun",
        "Centre-Est",
        "Centre-Nord",
        "Centre-Ouest",
        "Centre-Sud",
        "Hauts-Bassins",
        "Plateau-Central",
    }
)
BF_REGION_EXTRA = {
    "Sahel": ["Burkina Faso's Sahel", "Burkina's Sahel", "Sahel burkinabè", "Sahel region of Burkina Faso"],
    "Est": ["East Region", "Eastern Region", "Région de l'Est"],
    # English renderings of the compass names, as agencies and NGOs write them.
    "Centre-Est": ["Centre-East", "Center-East", "Centre East", "Center East", "East-Central"],
    "Centre-Nord": ["Centre-North", "Center-North", "Centre North", "Center North", "North-Central", "North Central"],
    "Centre-Ouest": ["Centre-West", "Center-West", "Centre West", "Center West", "West-Central"],
    "Centre-Sud": ["Centre-South", "Center-South", "Centre South", "Center South", "South-Central"],
    "Sud-Ouest": ["South-West Region", "Southwest Region", "South-West region", "Southwest region"],
    "Plateau-Central": ["Central Plateau"],
    "Nord": ["North Region", "Northern Region"],
}


def slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in t)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def join_variants(name: str, cands) -> str:
    """'|'-joined unique variants, excluding the name itself, order kept."""
    seen, out = {name}, []
    for c in cands:
        if c and c not in seen:
            seen.add(c)
            out.append(c)
    return "|".join(out)


def ml_name(ocha: str) -> str:
    return ML_ACCENTS.get(ocha, ocha)


def region_variants(name: str, english_extra=()) -> str:
    plain = strip_accents(name)
    forms = [name, plain]
    for extra in ML_EXTRA.get(name, []) + list(english_extra):
        forms.append(extra)
    cands = []
    for f in forms:
        cands += [f, f"{f} Region", f"{f} region", f"Région de {f}", f"Region de {f}"]
    return join_variants(f"{name} Region", cands)


def cercle_variants(name: str) -> str:
    plain = strip_accents(name)
    cands = []
    for f in [name, plain] + ML_EXTRA.get(name, []):
        cands += [f"{f} cercle", f"Cercle de {f}", f"{f} Circle"]
    return join_variants(f"{name} Cercle", cands)


def feature(**kw) -> dict:
    props = {k: kw.get(k, "") for k in KEYS}
    return {"properties": props, "geom": kw["geom"]}


# --- geometry helpers -------------------------------------------------------
def clean(g):
    """Snap to the output grid, make valid, keep only polygonal parts."""
    g = shapely.make_valid(shapely.set_precision(shapely.make_valid(g), GRID))
    if g.geom_type == "GeometryCollection":
        g = shapely.union_all([p for p in g.geoms if p.geom_type in ("Polygon", "MultiPolygon")])
    return shapely.normalize(g)


def union(geoms):
    return clean(shapely.union_all(list(geoms), grid_size=GRID))


def km2(g) -> float:
    # orient first (exterior rings counter-clockwise): pyproj sums signed ring areas,
    # so a MultiPolygon with mixed orientations would otherwise cancel out
    if g.is_empty:
        return 0.0
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(g))[0]) / 1e6


def aeqd(lon: float, lat: float):
    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_m = lambda g: shapely.transform(g, lambda a: _tx(fwd, a))  # noqa: E731
    to_deg = lambda g: shapely.transform(g, lambda a: _tx(inv, a))  # noqa: E731
    return to_m, to_deg


def _tx(tr, arr):
    x, y = tr.transform(arr[:, 0], arr[:, 1])
    arr = arr.copy()
    arr[:, 0], arr[:, 1] = x, y
    return arr


# --- topology ----------------------------------------------------------------
# Rule (see AREAS.md, "Topology"): the Natural Earth country outlines, simplified
# together as one coverage, are the national territories; they share their borders
# exactly and never overlap.  Every country's own units (Mali's OCHA cercles,
# Niger's regions, Burkina's provinces) are fitted to its outline: the parts outside
# it are cut off (they lie in a neighbour or outside the window), and the gaps
# between the outline and the units go to the nearest unit.  All set operations run
# on the output grid (``grid_size=GRID``) so that the pieces meet exactly.
NEAREST_STEP = 0.01  # spacing (degrees) of the boundary samples that define "nearest"
NEAREST_REACH = 0.25  # only samples this close (degrees) to a gap compete for it


def _polygonal(g):
    if g.is_empty:
        return g
    if g.geom_type in ("Polygon", "MultiPolygon"):
        return g
    parts = [p for p in getattr(g, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts, grid_size=GRID) if parts else shapely.Polygon()


def _ov(op, a, b):
    return _polygonal(op(a, b, grid_size=GRID))


def nearest_cells(units: list, near):
    """For each unit, the part of ``near`` closer to that unit than to any other one.

    "Closer" is measured (planar, in degrees) to points sampled every NEAREST_STEP
    degrees along the units' boundaries within NEAREST_REACH of ``near``: the
    Voronoi cells of those samples, merged per unit.
    """
    coords, labels, seen = [], [], set()
    reach = near.buffer(NEAREST_REACH)
    for i, g in enumerate(units):
        if g.is_empty:
            continue
        pts = shapely.get_coordinates(shapely.segmentize(g.boundary, NEAREST_STEP))
        keep = shapely.contains_xy(reach, pts[:, 0], pts[:, 1])
        for x, y in pts[keep]:
            key = (round(float(x), 7), round(float(y), 7))
            if key not in seen:
                seen.add(key)
                coords.append(key)
                labels.append(i)
    if not coords:  # far from everything: the unit at the smallest distance takes it
        best = min(range(len(units)), key=lambda i: units[i].distance(near) if not units[i].is_empty else 1e9)
        return {best: near}
    if len(coords) == 1:
        return {labels[0]: near}
    cells = shapely.voronoi_polygons(
        shapely.MultiPoint(coords), extend_to=near.envelope.buffer(1.0), ordered=True
    ).geoms
    by_unit = {}
    for lab, cell in zip(labels, cells):
        by_unit.setdefault(lab, []).append(cell)
    out = {}
    for lab, cs in by_unit.items():
        piece = _ov(shapely.intersection, near, shapely.union_all(cs))
        if not piece.is_empty:
            out[lab] = piece
    return out


def tile(outline, parts: list) -> list:
    """Make ``parts`` an exact partition of ``outline`` (on the GRID).

    Each part is clipped to the outline and loses what earlier parts already hold;
    whatever of the outline is left over goes to the nearest part.
    """
    out, taken = [], shapely.Polygon()
    for p in parts:
        q = _ov(shapely.difference, _ov(shapely.intersection, p, outline), taken)
        out.append(q)
        taken = _ov(shapely.union, taken, q)
    rest = _ov(shapely.difference, outline, taken)
    if not rest.is_empty and rest.area > 0:
        for i, piece in nearest_cells(out, rest).items():
            out[i] = _ov(shapely.union, out[i], piece)
        # the Voronoi pieces were snapped independently: give any overlap to the first
        taken = shapely.Polygon()
        for i, q in enumerate(out):
            q = _ov(shapely.difference, q, taken)
            out[i] = q
            taken = _ov(shapely.union, taken, q)
        rest = _ov(shapely.difference, outline, taken)
        if not rest.is_empty and rest.area > 0:  # grid-size crumbs: to the part touching most
            for crumb in getattr(rest, "geoms", [rest]):
                j = max(range(len(out)), key=lambda k: out[k].buffer(GRID).intersection(crumb).area)
                out[j] = _ov(shapely.union, out[j], crumb)
    return [shapely.normalize(q) for q in out]


def fit_to_outline(units: list, outline):
    """Units clipped to ``outline`` plus the outline's uncovered parts given to the nearest unit.

    Returns (fitted units, km2 cut off, km2 filled in).
    """
    cover = shapely.union_all(units, grid_size=GRID)
    cut = km2(_ov(shapely.difference, cover, outline))
    gap = _ov(shapely.difference, outline, cover)
    fill = km2(gap)
    clipped = [_ov(shapely.intersection, u, outline) for u in units]
    if not gap.is_empty:
        for i, piece in nearest_cells(clipped, gap).items():
            clipped[i] = _ov(shapely.union, clipped[i], piece)
    return tile(outline, clipped), cut, fill


def seat_cells(region, seats: dict) -> dict:
    """Voronoi cells (true distance, local azimuthal projection) of ``seats`` clipped to ``region``."""
    c = region.centroid
    to_m, to_deg = aeqd(c.x, c.y)
    names = list(seats)
    pts = to_m(shapely.MultiPoint([(lon, lat) for lat, lon in (seats[n] for n in names)]))
    env = to_m(region).envelope.buffer(200_000)
    cells = shapely.voronoi_polygons(pts, extend_to=env, ordered=True).geoms
    # densify the straight bisectors before going back to degrees
    cells = [to_deg(shapely.segmentize(cell, 5_000)) for cell in cells]
    return dict(zip(names, tile(region, cells)))


def load(path: Path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["features"]


# --- builders ---------------------------------------------------------------
def ocha_cercles(raw: Path, tol: float):
    """The OCHA cercle features (sorted by P-code) and their simplified, densified geometries."""
    feats = load(raw / "boundaries" / "mali_adm2_cercles_ocha.geojson")
    feats.sort(key=lambda f: f["properties"]["adm2_pcode"])
    simp = shapely.segmentize(shapely.coverage_simplify([shape(f["geometry"]) for f in feats], tol), DENSIFY)
    return feats, [clean(g) for g in simp]


def build_countries(raw: Path, tol: float):
    feats = load(raw / "boundaries" / "sahel_adm0_naturalearth.geojson")
    feats.sort(key=lambda f: f["properties"]["iso_a2"])
    # simplified together: one coverage, neighbours share their borders exactly
    geoms = shapely.segmentize(shapely.coverage_simplify([shape(f["geometry"]) for f in feats], tol), DENSIFY)
    out = {}
    for f, g in zip(feats, geoms):
        iso = f["properties"]["iso_a2"]
        name, var = COUNTRIES[iso]
        out[iso.lower()] = feature(
            id=iso.lower(),
            name=name,
            variants=var,
            kind="country",
            country=iso,
            source=NE_SRC,
            geom=clean(g),
            note="Natural Earth outline, simplified. It is the national territory of this layer: the "
            "country's regions, cercles and provinces are fitted to it (cut where they cross it, gaps "
            "given to the nearest unit), so they tile it exactly; see AREAS.md, Topology.",
        )
    return out


def build_mali(gaz: Path, feats: list, simp: list, outline, stats: dict):
    # fit the cercles to Mali's national outline: see "topology" above
    fitted, cut, fill = fit_to_outline(simp, outline)
    stats["ml"] = {"cut_km2": round(cut), "filled_km2": round(fill)}
    cer = {}  # OCHA adm2 name -> dict(geom, adm1, pcode, adm1_pcode)
    for f, g in zip(feats, fitted):
        p = f["properties"]
        cer[p["adm2"]] = {"geom": g, "adm1": p["adm1"], "pcode": p["adm2_pcode"], "adm1_pcode": p["adm1_pcode"]}

    out = {}

    def add(fid, **kw):
        assert fid not in out, fid
        out[fid] = feature(id=fid, **kw)

    def cu(names):
        return union(cer[n]["geom"] for n in names)

    by_adm1 = {}
    for n, c in cer.items():
        by_adm1.setdefault(c["adm1"], []).append(n)

    # 2023 reform table
    with open(gaz / "regions_2023.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    new23 = {}
    for r in rows:
        cercles = r["made_from_cercles"].split("|")
        for c in cercles:
            assert c in cer, f"regions_2023.csv: unknown OCHA cercle {c!r}"
        new23[r["region"]] = (r, cercles)
    moved23 = {c for _, cs in new23.values() for c in cs}

    # Taoudénit (approximate): parts of listed cercles north of TAOUDENIT_LAT
    north = box(-20.0, TAOUDENIT_LAT, 20.0, 30.0)
    taou = union(_ov(shapely.intersection, cer[n]["geom"], north) for n in TAOUDENIT_FROM)
    tomb_pre = cu(by_adm1["Tombouctou"])
    tomb_post = clean(_ov(shapely.difference, tomb_pre, taou))

    cur_region = {}  # OCHA cercle -> current (post-2023) region id
    pre_note = "Region in its 1991-2016 extent, built as the union of its OCHA cercles."
    # ---- pre-2016 regions / regions unchanged
    for adm1, names in sorted(by_adm1.items()):
        name = ml_name(adm1)
        pc = cer[names[0]]["adm1_pcode"]
        sid = slug(name)
        extra = ["Timbuktu"] if adm1 == "Tombouctou" else []
        var = region_variants(name, extra)
        if adm1 == "Bamako":
            add(
                "ml-region-bamako",
                name="Bamako District",
                kind="region",
                country="ML",
                parent="ml",
                pcode=pc,
                source=DERIVED_OCHA,
                geom=cu(names),
                variants="Bamako|District de Bamako|Bamako Capital District|Bamako region|Région de Bamako",
                note="Capital district with region status; same extent in every period.",
            )
        elif adm1 == "Kidal":
            add(
                "ml-region-kidal",
                name="Kidal Region",
                variants=var,
                kind="region",
                country="ML",
                parent="ml",
                pcode=pc,
                source=DERIVED_OCHA,
                geom=cu(names),
                note="Union of the 4 OCHA cercles of Kidal. Unchanged by the 2016 split; the "
                "2023 reform re-divided it into new cercles but kept its outer limits "
                "as far as is known here. Created in 1991 from Gao region.",
            )
        elif adm1 == "Gao":
            add(
                "ml-region-gao-pre2016",
                name="Gao Region",
                variants=var,
                kind="region",
                country="ML",
                parent="ml",
                pcode=pc,
                valid_to=LAST_PRE_2016,
                source=DERIVED_OCHA,
                geom=cu(names),
                note=pre_note + " Includes the cercle of Ménaka, which became Ménaka region "
                f"on {SPLIT_2016}. Before 1991 Gao region also covered Kidal (not modelled).",
            )
            post = [n for n in names if n != "Menaka"]
            add(
                "ml-region-gao",
                name="Gao Region",
                variants=var,
                kind="region",
                country="ML",
                parent="ml",
                pcode=pc,
                valid_from=SPLIT_2016,
                source=DERIVED_OCHA,
                geom=cu(post),
                note="Gao region after Ménaka region was split off: union of the cercles of "
                "Ansongo, Bourem and Gao. Not changed in outline by the 2023 reform as far "
                "as is known here.",
            )
            mvar = region_variants("Ménaka")
            add(
                "ml-region-menaka",
                name="Ménaka Region",
                variants=mvar,
                kind="region",
                country="ML",
                parent="ml",
                valid_from=SPLIT_2016,
                source=DERIVED_OCHA,
                geom=cu(["Menaka"]),
                note="Created on paper by Loi 2012-017 (2 March 2012); operational from "
                f"{SPLIT_2016} (first governor appointed). Outline = the former Ménaka "
                "cercle of Gao region (OCHA ML0704), which had the same extent. No OCHA "
                "P-code for the new region is in the raw data.",
            )
        elif adm1 == "Tombouctou":
            add(
                "ml-region-tombouctou-pre2016",
                name="Tombouctou Region",
                variants=var,
                kind="region",
                country="ML",
                parent="ml",
                pcode=pc,
                valid_to=LAST_PRE_2016,
                source=DERIVED_OCHA,
                geom=tomb_pre,
                note=pre_note + f" Includes the desert north that became Taoudénit region on {SPLIT_2016}.",
            )
            add(
                "ml-region-tombouctou",
                name="Tombouctou Region",
                variants=var,
                kind="region",
                country="ML",
                parent="ml",
                valid_from=SPLIT_2016,
                source=DERIVED_OCHA,
                geom=tomb_post,
                note="APPROXIMATE northern limit: the pre-2016 region minus the approximate "
                f"Taoudénit region (everything of the Tombouctou and Goundam cercles north "
                f"of {TAOUDENIT_LAT:.1f}° N). The real limit follows commune boundaries "
                "not available here.",
            )
            tvar = region_variants("Taoudénit")
            add(
                "ml-region-taoudenit",
                name="Taoudénit Region",
                variants=tvar,
                kind="region",
                country="ML",
                parent="ml",
                valid_from=SPLIT_2016,
                source=DERIVED_OCHA,
                geom=taou,
                note="APPROXIMATE outline drawn for this gazetteer: the parts of the OCHA "
                f"cercles of Tombouctou and Goundam north of latitude {TAOUDENIT_LAT:.1f}° N. "
                "No open polygon of the region was available. Created on paper by "
                f"Loi 2012-017 (2 March 2012), operational from {SPLIT_2016}. Published "
                "figures for its area disagree (about 320,000 km² in 2016 press reports, "
                "about 440,000 km² elsewhere).",
            )
        else:
            stay = [n for n in names if n not in moved23]
            changed = len(stay) != len(names)
            base = f"ml-region-{sid}"
            add(
                base + ("-pre2023" if changed else ""),
                name=f"{name} Region",
                variants=var,
                kind="region",
                country="ML",
                parent="ml",
                pcode=pc,
                valid_to=LAST_PRE_2023 if changed else "",
                source=DERIVED_OCHA,
                geom=cu(names),
                note=(
                    "Region in its 1991 extent (unchanged by the 2016 split), built as the "
                    "union of its OCHA cercles."
                    + (
                        f" Shrank with the 2023 reform (valid to {LAST_PRE_2023})."
                        if changed
                        else " Outline assumed unchanged by the 2023 reform."
                    )
                ),
            )
            if changed:
                lost = sorted(ml_name(n) for n in names if n in moved23)
                add(
                    base,
                    name=f"{name} Region",
                    variants=var,
                    kind="region",
                    country="ML",
                    parent="ml",
                    valid_from=REFORM_2023,
                    source=DERIVED_OCHA,
                    geom=cu(stay),
                    note="APPROXIMATE: the region after the 2023 reform, built as the pre-2016 "
                    f"region minus the old cercles given to new regions ({', '.join(lost)}) "
                    "per regions_2023.csv. Real 2023 limits follow new cercles and "
                    "communes that are not available as open data.",
                )
    # ---- 2023 new regions
    for rname, (row, cercles) in sorted(new23.items()):
        rid = f"ml-region-{slug(rname)}"
        nm = ", ".join(ml_name(c) for c in cercles)
        add(
            rid,
            name=f"{rname} Region",
            variants=region_variants(rname),
            kind="region",
            country="ML",
            parent="ml",
            valid_from=REFORM_2023,
            source=DERIVED_OCHA,
            geom=cu(cercles),
            note=("APPROXIMATE: " if row["approximate"].strip().lower() in ("yes", "true", "1") else "")
            + f"2023 region (Loi 2023-006 of 13 March 2023; named already in Loi 2012-017; "
            f"administration installed in 2024), capital {row['capital']}; built as the "
            f"union of the old OCHA cercles {nm}. {row['note']}",
        )
        for c in cercles:
            cur_region[c] = rid
    # ---- cercles
    for n, c in sorted(cer.items()):
        name = ml_name(n)
        adm1 = c["adm1"]
        pre = f"ml-region-{slug(ml_name(adm1))}"
        if adm1 in ("Gao", "Tombouctou"):
            pre += "-pre2016"
        elif f"{pre}-pre2023" in out:
            pre += "-pre2023"
        if n == "Menaka":
            add(
                "ml-cercle-menaka-pre2016",
                name="Ménaka Cercle",
                variants=cercle_variants("Ménaka"),
                kind="cercle",
                country="ML",
                parent="ml-region-gao-pre2016",
                pcode=c["pcode"],
                valid_to=LAST_PRE_2016,
                source=OCHA_SRC,
                geom=c["geom"],
                note=f"OCHA cercle of Ménaka (Gao region) as it stood until {LAST_PRE_2016}. From "
                f"{SPLIT_2016} its extent is Ménaka region (ml-region-menaka), divided into the "
                "cercles of Ménaka, Andéramboukane, Inékar and Tidermène (approximate outlines: "
                "ml-cercle-menaka, ml-cercle-anderamboukane, ml-cercle-inekar, ml-cercle-tidermene). " + FITTED,
            )
            continue
        if n in cur_region:
            parent = cur_region[n]
            hist = f"Parent is the current (approximate) 2023 region; until {LAST_PRE_2023} it belonged to {pre}."
        elif adm1 in ("Gao", "Tombouctou"):
            parent = pre.replace("-pre2016", "")
            hist = f"Parent is the current region (before {SPLIT_2016}: {pre})."
            if n in TAOUDENIT_FROM:
                hist += (
                    " Its desert north now lies in Taoudénit region (approximated here "
                    f"as north of {TAOUDENIT_LAT:.1f}° N)."
                )
        else:
            parent = pre.replace("-pre2023", "")
            hist = "Parent is the current region."
        if n == "Bamako":
            add(
                "ml-cercle-bamako",
                name="Bamako District",
                kind="cercle",
                country="ML",
                parent="ml-region-bamako",
                pcode=c["pcode"],
                source=OCHA_SRC,
                geom=c["geom"],
                variants="Bamako|District de Bamako|Bamako Capital District",
                note="Not a cercle: OCHA carries the capital district at adm2 level too; kept so "
                "that the 50 adm2 units tile Mali.",
            )
            continue
        add(
            f"ml-cercle-{slug(name)}",
            name=f"{name} Cercle",
            variants=cercle_variants(name),
            kind="cercle",
            country="ML",
            parent=parent,
            pcode=c["pcode"],
            source=OCHA_SRC,
            geom=c["geom"],
            note=f"OCHA cercle as it stood before the 2023 reform (which created many new "
            f"cercles, not modelled). {hist} {FITTED}",
        )
    # ---- the cercles of Ménaka region (from 2016): approximate, see MENAKA_CERCLES
    seats = read_seats(gaz / "places.csv", MENAKA_CERCLES)
    cells = seat_cells(out["ml-region-menaka"]["geom"], {k: v["latlon"] for k, v in seats.items()})
    for cname, geom in cells.items():
        seat = seats[cname]
        add(
            f"ml-cercle-{slug(cname)}",
            name=f"{cname} Cercle",
            variants=join_variants(
                f"{cname} Cercle",
                cercle_variants(cname).split("|")
                + ([f"Cercle d'{v}" for v in [cname, strip_accents(cname)]] if cname[0] in "AEIOUÉÈ" else []),
            ),
            kind="cercle",
            country="ML",
            parent="ml-region-menaka",
            valid_from=SPLIT_2016,
            source=MENAKA_SRC,
            geom=clean(geom),
            note=f"APPROXIMATE outline (method: seat-voronoi), not an official boundary. One of the "
            f"cercles of Ménaka region (Loi 2012-017, operational from {SPLIT_2016}); no boundary "
            "file of these cercles was available, so the region (the former OCHA cercle ML0704) is "
            "divided among its four cercle seats by nearest seat (Voronoi cells, true distance): "
            f"each point goes to the cercle whose seat is closest. Seat: {seat['name']} "
            f"({seat['id']}, GeoNames {seat['geonames_id']}, {seat['latlon'][0]}, {seat['latlon'][1]}). "
            "The real limits follow communes and may differ by tens of kilometres; any change by "
            "the 2023 reform is not modelled.",
        )
    return out, cer


def read_seats(path: Path, wanted: dict) -> dict:
    """Cercle name -> seat (id, name, geonames_id, (lat, lon)) from the curated places."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    out = {}
    for cname, pid in wanted.items():
        r = rows[pid]
        out[cname] = {
            "id": pid,
            "name": r["name"],
            "geonames_id": r["geonames_id"],
            "latlon": (float(r["lat"]), float(r["lon"])),
        }
    return out


def build_ne_bf(raw: Path, tol: float, outlines: dict, stats: dict):
    feats = load(raw / "boundaries" / "niger_burkina_adm1_naturalearth.geojson")
    feats.sort(key=lambda f: (f["properties"]["iso_a2"], f["properties"]["name"]))
    simp = shapely.segmentize(shapely.coverage_simplify([shape(f["geometry"]) for f in feats], tol), DENSIFY)
    simp = [clean(g) for g in simp]
    # fit each country's units to its (Natural Earth) outline: see "topology" above
    for iso in ("NE", "BF"):
        idx = [k for k, f in enumerate(feats) if f["properties"]["iso_a2"] == iso]
        fitted, cut, fill = fit_to_outline([simp[k] for k in idx], outlines[iso.lower()])
        for k, g in zip(idx, fitted):
            simp[k] = g
        stats[iso.lower()] = {"cut_km2": round(cut, 1), "filled_km2": round(fill, 1)}
    out, prov = {}, {}
    for f, g in zip(feats, simp):
        p = f["properties"]
        if p["iso_a2"] == "NE":
            name, extra = NE_NAMES[p["name"]]
            plain = strip_accents(name)
            cands = [name, plain] + extra
            if name == "Niamey":
                fid = "ne-region-niamey"
                out[fid] = feature(
                    id=fid,
                    name="Niamey Capital District",
                    kind="region",
                    country="NE",
                    parent="ne",
                    source=NE_SRC,
                    geom=g,
                    variants=join_variants(
                        "Niamey Capital District", ["Niamey", "Communauté urbaine de Niamey", "Niamey region"]
                    ),
                    note="Capital district with region status. Natural Earth outline, simplified. " + FITTED,
                )
                continue
            vs = []
            for c in cands:
                vs += [c, f"{c} Region", f"{c} region", f"Région de {c}", f"Region de {c}"]
            fid = f"ne-region-{slug(name)}"
            out[fid] = feature(
                id=fid,
                name=f"{name} Region",
                variants=join_variants(f"{name} Region", vs),
                kind="region",
                country="NE",
                parent="ne",
                source=NE_SRC,
                geom=g,
                note="Natural Earth admin-1 outline, simplified. " + FITTED,
            )
        else:
            ne_name = p["name"]
            name = BF_PROVINCE_FIX.get(ne_name, ne_name)
            prov[ne_name] = g
            region = next(r for r, ps in BF_REGIONS.items() if ne_name in ps)
            cands = []
            for c in [name, strip_accents(name), ne_name, strip_accents(ne_name)]:
                cands += [c, f"{c} Province", f"{c} province", f"Province du {c}", f"Province de {c}"]
            if p.get("gn_name"):
                cands.append(p["gn_name"])
            fid = f"bf-province-{slug(name)}"
            out[fid] = feature(
                id=fid,
                name=f"{name} Province",
                variants=join_variants(f"{name} Province", cands),
                kind="province",
                country="BF",
                parent=f"bf-region-{slug(region)}",
                source=NE_SRC,
                geom=g,
                note="Natural Earth admin-1 outline (Burkina's 45 provinces), simplified. "
                + FITTED
                + (" Bare name also denotes the Malian Gourma (area-gourma-mali)." if name == "Gourma" else ""),
            )
    assert len(prov) == 45, len(prov)
    for region, provs in sorted(BF_REGIONS.items()):
        # bare names (Sahel, Nord, Est, Centre, Cascades, Sud-Ouest) are too generic to be variants;
        # "Sahel region" usually means the whole Sahel belt in English prose. The
        # compound names are the regions' own ("Hauts-Bassins", "Boucle du Mouhoun").
        cands = [region] if region in BF_REGION_NAMES_ALONE else []
        for c in [region, strip_accents(region)]:
            cands += [f"{c} Region", f"Région du {c}", f"Region du {c}"]
            if region != "Sahel":
                cands.append(f"{c} region")
        cands += BF_REGION_EXTRA.get(region, [])
        fid = f"bf-region-{slug(region)}"
        out[fid] = feature(
            id=fid,
            name=f"{region} Region",
            variants=join_variants(f"{region} Region", cands),
            kind="region",
            country="BF",
            parent="bf",
            source=DERIVED_NE,
            geom=union(prov[p] for p in provs),
            note="Union of the simplified provinces "
            + ", ".join(BF_PROVINCE_FIX.get(p, p) for p in provs)
            + " (13-region structure in force since 2001; later reorganisations not modelled).",
        )
    return out


def build_informal(gaz: Path, feats: dict):
    with open(gaz / "informal_areas.geojson", encoding="utf-8") as fh:
        src = json.load(fh)["features"]
    out, info = {}, {}
    for f in src:
        props = f["properties"]
        assert tuple(props) == KEYS, f"informal_areas.geojson: keys of {props.get('id')}"
        r = f["recipe"]
        op = r["op"]
        if op == "union":
            g = union(feats[i]["geom"] for i in r["ids"])
        elif op == "mask":
            mask = shape(f["geometry"])
            g = union(feats[i]["geom"] for i in r["ids"]).intersection(mask)
        elif op == "tripoint_buffer":
            cs = [feats[c]["geom"] for c in r["countries"]]
            # tripoint: the point where the three outlines meet (the vertex of the
            # first country's boundary nearest to both other countries)
            coords = shapely.get_coordinates(cs[0].boundary)
            pts = shapely.points(coords)
            d = shapely.distance(pts, cs[1]) + shapely.distance(pts, cs[2])
            i = int(d.argmin())
            lon, lat = (float(v) for v in coords[i])
            to_m, to_deg = aeqd(lon, lat)
            circle = to_deg(shapely.Point(0, 0).buffer(r["radius_km"] * 1000, quad_segs=16))
            g = circle.intersection(shapely.union_all(cs))
            info[props["id"]] = {"tripoint": (round(lon, 4), round(lat, 4))}
        elif op == "border_band":
            a, b = feats[r["a"]]["geom"], feats[r["b"]]["geom"]
            ca = a.centroid
            to_m, to_deg = aeqd(ca.x, ca.y)
            am, bm = to_m(a), to_m(b)
            line = am.boundary.intersection(bm.buffer(r["snap_km"] * 1000))
            band = line.buffer(r["width_km"] * 1000)
            g = to_deg(band.intersection(am.union(bm)))
            info[props["id"]] = {"border_km": round(line.length / 1000)}
        else:
            raise ValueError(f"unknown recipe op {op!r}")
        out[props["id"]] = {"properties": dict(props), "geom": clean(g)}
    return out, info


# --- output -----------------------------------------------------------------
def geom_json(g):
    g = shapely.orient_polygons(g)  # RFC 7946: exterior rings counter-clockwise
    m = mapping(g)

    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(v), 4) + 0.0 for v in c]
        return [rnd(x) for x in c]

    return {"type": m["type"], "coordinates": rnd(m["coordinates"])}


def write(features: dict, path: Path):
    order = sorted(features.values(), key=lambda f: (KIND_ORDER[f["properties"]["kind"]], f["properties"]["id"]))
    lines = []
    for f in order:
        obj = {"type": "Feature", "properties": f["properties"], "geometry": geom_json(f["geom"])}
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    text = (
        '{"type":"FeatureCollection",\n"attribution":"Mali cercles: OCHA / HDX (COD-AB). '
        "Countries, Niger and Burkina Faso units: Natural Earth (public domain). Derived "
        'regions and informal areas: this project (see gazetteer/AREAS.md).",\n'
        '"features":[\n' + ",\n".join(lines) + "\n]}\n"
    )
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


# --- validation -------------------------------------------------------------
def active(f, day: str) -> bool:
    p = f["properties"]
    return (not p["valid_from"] or p["valid_from"] <= day) and (not p["valid_to"] or day <= p["valid_to"])


def validate(feats: dict, path: Path) -> list:
    errors = []
    # re-read the written file: what users get is what is checked
    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)
    ids = [f["properties"]["id"] for f in fc["features"]]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    geoms = {}
    for f in fc["features"]:
        p = f["properties"]
        if tuple(p) != KEYS:
            errors.append(f"{p.get('id')}: property keys {tuple(p)}")
        g = shape(f["geometry"])
        if g.is_empty or not g.is_valid:
            errors.append(f"{p['id']}: empty or invalid geometry ({shapely.is_valid_reason(g)})")
        geoms[p["id"]] = g
        for k in ("valid_from", "valid_to"):
            v = p[k]
            if v and not (len(v) == 10 and v[4] == "-" and v[7] == "-"):
                errors.append(f"{p['id']}: bad date {k}={v}")
        if p["parent"] and p["parent"] not in geoms and p["parent"] not in ids:
            errors.append(f"{p['id']}: unknown parent {p['parent']}")
    props = {f["properties"]["id"]: f["properties"] for f in fc["features"]}
    cercles = [i for i, p in props.items() if p["kind"] == "cercle"]
    if len(cercles) != 54:
        errors.append(f"{len(cercles)} cercles, expected 54 (50 OCHA adm2 units + 4 Ménaka cercles)")
    # parents contain children (cercles in the region they belong to while valid)
    for i in cercles:
        par = geoms[props[i]["parent"]]
        if i in ("ml-cercle-tombouctou", "ml-cercle-goundam"):  # split with Taoudénit
            par = par.union(geoms["ml-region-taoudenit"])
        if geoms[i].difference(par).area > 1e-6 * max(geoms[i].area, 1e-9):
            errors.append(f"{i}: not inside parent {props[i]['parent']}")
    # topology: countries do not overlap; on each test day, each country's regions
    # (and Mali's cercles, Burkina's provinces) tile its outline exactly
    countries = sorted(i for i, p in props.items() if p["kind"] == "country")
    tree = shapely.STRtree([geoms[i] for i in countries])
    overlap = 0.0
    for a, b in zip(*tree.query([geoms[i] for i in countries], predicate="intersects")):
        if a < b:
            overlap += km2(_ov(shapely.intersection, geoms[countries[a]], geoms[countries[b]]))
    print(f"  countries: {len(countries)} outlines, overlap {overlap:,.3f} km2")
    if overlap > 0.01:
        errors.append(f"country outlines overlap ({overlap:.3f} km2)")
    for day in ("2015-06-01", LAST_PRE_2016, SPLIT_2016, "2020-01-01", LAST_PRE_2023, REFORM_2023, "2025-01-01"):
        for iso, kind in (("ML", "region"), ("ML", "cercle"), ("NE", "region"), ("BF", "region"), ("BF", "province")):
            if iso != "ML" and day != "2025-01-01":
                continue  # Niger and Burkina units have no dates
            ids = [
                i
                for i, p in props.items()
                if p["kind"] == kind and p["country"] == iso and active({"properties": p}, day)
            ]
            gap, over, outside = tiling(geoms[iso.lower()], [geoms[i] for i in ids])
            if iso == "ML":
                print(
                    f"  {day}: {len(ids)} Mali {kind}s: gap {gap:,.3f} km2, overlap {over:,.3f} km2, "
                    f"outside Mali {outside:,.3f} km2"
                )
            if max(gap, over, outside) > 0.01:
                errors.append(
                    f"{day}: {iso} {kind}s do not tile the country (gap {gap:.3f}, overlap {over:.3f}, "
                    f"outside {outside:.3f} km2)"
                )
    return errors


def tiling(outline, parts: list) -> tuple[float, float, float]:
    """(gap, overlap, outside) in km2 of ``parts`` against ``outline``.

    Measured with overlays on the output grid: the data has that precision, and a
    floating-point overlay also sees sub-metre slivers (where a vertex snapped to
    the grid sits a fraction of a grid step off a neighbour's straight edge).
    """
    u = shapely.union_all(parts, grid_size=GRID)
    tree = shapely.STRtree(parts)
    over = 0.0
    for a, b in zip(*tree.query(parts, predicate="intersects")):
        if a < b:
            over += km2(_ov(shapely.intersection, parts[a], parts[b]))
    return km2(_ov(shapely.difference, outline, u)), over, km2(_ov(shapely.difference, u, outline))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Build gazetteer/areas.geojson (countries, Mali regions and cercles by "
        "period, Niger regions, Burkina provinces and regions, informal areas)."
    )
    ap.add_argument(
        "--raw",
        required=True,
        type=Path,
        help="folder laid out like the shared reference data: must contain "
        "boundaries/mali_adm2_cercles_ocha.geojson and the Natural Earth files",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=HERE,
        help="output folder for areas.geojson (default: the folder of this script, "
        "which also holds informal_areas.geojson and regions_2023.csv)",
    )
    ap.add_argument(
        "--tolerance", type=float, default=0.005, help="coverage_simplify tolerance in degrees (default 0.005)"
    )
    args = ap.parse_args(argv)

    if not hasattr(shapely, "coverage_simplify"):
        sys.exit("shapely >= 2.1 is required (coverage_simplify)")
    if not (args.raw / "boundaries").is_dir():
        sys.exit(f"{args.raw}/boundaries not found")

    feats = {}
    cercle_feats, cercle_geoms = ocha_cercles(args.raw, args.tolerance)
    feats.update(build_countries(args.raw, args.tolerance))
    outlines = {k: f["geom"] for k, f in feats.items()}
    fit_stats = {}
    mali, _ = build_mali(HERE, cercle_feats, cercle_geoms, outlines["ml"], fit_stats)
    feats.update(mali)
    feats.update(build_ne_bf(args.raw, args.tolerance, outlines, fit_stats))
    informal, info = build_informal(HERE, feats)
    feats.update(informal)
    for f in feats.values():
        g = f["geom"]
        assert g.is_valid and not g.is_empty, f["properties"]["id"]

    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "areas.geojson"
    size = write(feats, path)

    counts = {}
    for f in feats.values():
        counts[f["properties"]["kind"]] = counts.get(f["properties"]["kind"], 0) + 1
    print(
        f"wrote {path} ({size:,} bytes, {len(feats)} features: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + ")"
    )
    for k, v in sorted(info.items()):
        print(f"  {k}: {v}")
    for k, v in sorted(fit_stats.items()):
        print(f"  fitted to the {k} outline: {v['cut_km2']:,} km2 cut off, {v['filled_km2']:,} km2 of gaps filled")
    print("validation:")
    errors = validate(feats, path)
    print("areas (geodesic, WGS84 ellipsoid):")
    for fid in (
        "ml-region-menaka",
        "ml-region-gao-pre2016",
        "ml-region-gao",
        "ml-region-tombouctou-pre2016",
        "ml-region-tombouctou",
        "ml-region-taoudenit",
        "area-three-borders",
        "area-gourma-mali",
        "area-azawad",
        "area-macina",
        "area-menaka-tahoua-border",
        "ml",
    ):
        print(f"  {fid}: {km2(feats[fid]['geom']):,.0f} km2")
    if size > 1_600_000:
        errors.append(f"output too large: {size} bytes")
    if errors:
        print("VALIDATION FAILED:\n  " + "\n  ".join(errors), file=sys.stderr)
        return 1
    print("validation OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
