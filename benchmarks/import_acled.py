"""ACLED import benchmark: ``geo import acled`` on a realistic 100,000-row export,
against a naive importer that geocodes every row.

The export is generated (new column set, 2012-2024): about 3,000 distinct locations
drawn from the gazetteer's places in Mali and its neighbours (curated places and
GeoNames villages and towns, weighted towards Mali, a few places much more often than
the rest, as in ACLED), with ACLED's point jittered by up to ~2 km (and, for 3 % of
the locations, by 15-40 km, so that disagreements occur), the location spelled as
sources spell it (accents dropped, capitals, a recorded variant, a transliteration, a
typo now and then), admin1/admin2 and the numeric ISO code of the place, realistic
actor names (ACLED's own spellings, some the actor list does not know), and
precision codes, fatalities, sources and notes.

``geo import acled`` runs in-process (``geo.cli.main``) in a child process, so that
its peak memory (``ru_maxrss``) is its own: gazetteer and actor list loading,
reading, resolving, writing the incidents and the report, everything included.

The baseline, in the same run, is what one writes without this module: read the CSV,
call ``Gazetteer.lookup(location, country=, admin1=, admin2=)`` for every row (no
cache), resolve the actors, and measure each row's distance on its own. It runs on
the first 5,000 rows, and the table gives rows/s for both and the ratio.

The floor, in the same run and measured the same way (alone in its process): reading
the same file with ``pandas.read_csv``. Each child reports wall and CPU seconds (user +
system) and its peak memory; on a shared machine the CPU ratio is the one to quote.

    python benchmarks/import_acled.py              # 100,000 rows (baseline on 5,000)
    python benchmarks/import_acled.py --rows 20000 --baseline-rows 2000   # quicker
    python benchmarks/import_acled.py --quick      # the same
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import Gazetteer, schema
from geo.imports import ACLED_COUNTRIES, acled_date
from geo.measure import destination
from geo.names import strip_accents

TARGET_SECONDS = 30.0
TARGET_MB = 1024.0
HEADER = list(schema.ACLED_EXPORT_COLUMNS)
ISO_NUMERIC = {code: number for number, code in ACLED_COUNTRIES.items()}
COUNTRY_NAMES = {
    "ML": "Mali",
    "NE": "Niger",
    "BF": "Burkina Faso",
    "MR": "Mauritania",
    "SN": "Senegal",
    "GN": "Guinea",
    "CI": "Ivory Coast",
    "DZ": "Algeria",
}
COUNTRY_WEIGHTS = {"ML": 60, "BF": 18, "NE": 14, "MR": 2, "SN": 1, "GN": 1, "CI": 3, "DZ": 1}
STATE_FORCES = {
    "ML": ["Military Forces of Mali (2021-)", "Military Forces of Mali (2020-2021)", "Police Forces of Mali (2021-)"],
    "BF": ["Military Forces of Burkina Faso (2022-)", "VDP: Volunteers for the Defense of the Homeland"],
    "NE": ["Military Forces of Niger (2023-)", "Military Forces of Niger (2021-2023)"],
}
ARMED_GROUPS = [
    "JNIM: Group for Support of Islam and Muslims",
    "Islamic State (Sahel)",
    "Islamic State (Greater Sahara)",
    "Unidentified Armed Group (Mali)",
    "Dan Na Ambassagou",
    "Fulani Ethnic Militia (Mali)",
    "Dozo Communal Militia (Mali)",
    "CMA: Coordination of Azawad Movements",
    "GATIA: Imghad Tuareg and Allies Self-Defense Group",
    "MSA: Movement for the Salvation of Azawad",
    "Katiba Macina",
    "Ansaroul Islam",
]
ASSOCIATES = ["Wagner Group", "Operation Barkhane", "MINUSMA: United Nations Multidimensional Integrated Stabilization"]
CIVILIANS = "Civilians ({country})"
EVENTS = [
    ("Political violence", "Battles", "Armed clash", 35),
    ("Political violence", "Violence against civilians", "Attack", 25),
    ("Political violence", "Violence against civilians", "Abduction/forced disappearance", 6),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED", 8),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike", 5),
    ("Political violence", "Battles", "Non-state actor overtakes territory", 2),
    ("Demonstrations", "Protests", "Peaceful protest", 8),
    ("Demonstrations", "Riots", "Violent demonstration", 2),
    ("Strategic developments", "Strategic developments", "Looting/property destruction", 6),
    ("Strategic developments", "Strategic developments", "Arrests", 3),
]
SOURCES = ["Le Monde", "RFI", "Local Source", "Studio Tamani", "Menastream", "AFP", "Twitter", "MaliWeb"]


def spell(name: str, variants: tuple[str, ...], rng: random.Random) -> str:
    """The name as a source might write it."""
    roll = rng.random()
    if roll < 0.45:
        return name
    if roll < 0.65:
        return strip_accents(name)
    if roll < 0.75 and variants:
        return rng.choice(variants)
    if roll < 0.85:
        for a, b in (("ou", "u"), ("dj", "j"), ("ch", "sh"), ("é", "e"), ("k", "q")):
            if a in name.lower():
                return strip_accents(name).replace(a, b)
        return name.upper()
    if roll < 0.95:
        return name.upper()
    letters = [i for i, c in enumerate(name) if c.isalpha()][1:]
    if len(letters) < 5:
        return name
    i = rng.choice(letters)
    return name[:i] + name[i + 1 :]  # a dropped letter


def pick_locations(gazetteer: Gazetteer, count: int, rng: random.Random) -> list[dict]:
    """``count`` distinct places, weighted by country, each with how ACLED writes it."""
    by_country: dict[str, list] = {code: [] for code in COUNTRY_WEIGHTS}
    for place in gazetteer.places(tier=schema.CURATED):
        if place.country in by_country and place.kind in schema.POPULATED_KINDS | {"military_base", "site"}:
            by_country[place.country].append(place)
    curated = {code: list(places) for code, places in by_country.items()}
    for place in gazetteer.places(tier=schema.REFERENCE):
        if place.country in by_country and place.kind in schema.POPULATED_KINDS:
            by_country[place.country].append(place)
    total = sum(COUNTRY_WEIGHTS.values())
    chosen = []
    for code, weight in COUNTRY_WEIGHTS.items():
        want = round(count * weight / total)
        pool = by_country[code]
        picked = curated[code] + rng.sample(pool[len(curated[code]) :], max(0, want - len(curated[code])))
        chosen.extend(picked[:want] if len(picked) > want else picked)
    rng.shuffle(chosen)
    locations = []
    for place in chosen[:count]:
        far = rng.random() < 0.03
        offset = rng.uniform(15, 40) if far else rng.uniform(0, 2)
        bearing = rng.uniform(0, 360)
        lat, lon = destination(place.lat, place.lon, bearing, offset)
        locations.append(
            {
                "location": spell(place.name, place.variants, rng),
                "country": place.country,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "latitude": f"{lat:.4f}",
                "longitude": f"{lon:.4f}",
                "geo_precision": rng.choices(["1", "2", "3"], weights=[80, 15, 5])[0],
            }
        )
    return locations


def generate(path: Path, rows: int, gazetteer: Gazetteer, *, seed: int = 7, locations: int = 3000) -> int:
    """Write a realistic ACLED export of ``rows`` rows; return the number of distinct locations."""
    rng = random.Random(seed)
    places = pick_locations(gazetteer, locations, rng)
    # ACLED repeats a few locations very often: Zipf-like weights.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(places))]
    events, event_weights = EVENTS, [e[3] for e in EVENTS]
    start, days = date(2012, 1, 1), (date(2024, 12, 31) - date(2012, 1, 1)).days
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        for number in range(1, rows + 1):
            place = rng.choices(places, weights=weights)[0]
            code = place["country"]
            disorder, event_type, sub_event_type, _ = rng.choices(events, weights=event_weights)[0]
            day = start + timedelta(days=rng.randrange(days + 1))
            country = COUNTRY_NAMES[code]
            state = rng.choice(STATE_FORCES.get(code, STATE_FORCES["ML"]))
            group = rng.choice(ARMED_GROUPS).replace("(Mali)", f"({country})")
            if event_type == "Battles":
                actor1, actor2 = (state, group) if rng.random() < 0.5 else (group, state)
            elif event_type == "Violence against civilians":
                actor1, actor2 = rng.choice([group, state]), CIVILIANS.format(country=country)
            elif event_type == "Protests":
                actor1, actor2 = f"Protesters ({country})", ""
            elif event_type == "Riots":
                actor1, actor2 = f"Rioters ({country})", ""
            else:
                actor1, actor2 = rng.choice([group, state]), ""
            assoc = rng.choice(ASSOCIATES) if actor1 == state and rng.random() < 0.2 else ""
            fatalities = 0 if event_type in ("Protests", "Strategic developments") else int(rng.expovariate(0.25))
            writer.writerow(
                {
                    "event_id_cnty": f"{'MLI' if code == 'ML' else code + 'X'}{number}",
                    "event_date": day.isoformat(),
                    "year": str(day.year),
                    "time_precision": rng.choices(["1", "2", "3"], weights=[85, 12, 3])[0],
                    "disorder_type": disorder,
                    "event_type": event_type,
                    "sub_event_type": sub_event_type,
                    "actor1": actor1,
                    "assoc_actor_1": assoc,
                    "inter1": "1",
                    "actor2": actor2,
                    "inter2": "2" if actor2 else "0",
                    "interaction": "12",
                    "civilian_targeting": "Civilian targeting" if "Civilians" in actor2 else "",
                    "iso": str(ISO_NUMERIC.get(code, "")),
                    "region": "Western Africa",
                    "country": country,
                    "admin1": place["admin1"],
                    "admin2": place["admin2"],
                    "location": place["location"],
                    "latitude": place["latitude"],
                    "longitude": place["longitude"],
                    "geo_precision": place["geo_precision"],
                    "source": "; ".join(rng.sample(SOURCES, rng.randint(1, 3))),
                    "source_scale": "National",
                    "notes": (
                        f"On {day:%d %B %Y}, {actor1} {sub_event_type.lower()} near {place['location']} "
                        f"({place['admin1'] or country}). {fatalities} fatalities reported."
                    ),
                    "fatalities": str(fatalities),
                    "tags": "",
                    "timestamp": "1718000000",
                }
            )
    return len(places)


# --- the naive baseline --------------------------------------------------------------------
def baseline(path: Path, rows: int, gazetteer: Gazetteer, actors) -> tuple[float, dict[str, str]]:
    """Read, geocode every row (no cache), resolve actors, measure each row alone."""
    from geo.measure import geodesic

    places: dict[str, str] = {}
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=1):
            if number > rows:
                break
            acled_date(row["event_date"])
            for name in (row["actor1"], row["actor2"], row["assoc_actor_1"]):
                if name:
                    actors.resolve(name)
            country = ACLED_COUNTRIES.get(int(row["iso"])) if row["iso"] else None
            resolution = gazetteer.lookup(
                row["location"], country=country, admin1=row["admin1"] or None, admin2=row["admin2"] or None
            )
            place = ""
            if resolution.ok and resolution.place is not None:
                km, _ = geodesic(
                    resolution.place.lat, resolution.place.lon, float(row["latitude"]), float(row["longitude"])
                )
                if float(km) <= schema.PLACE_AGREEMENT_KM:
                    place = resolution.place.id
            places["acled-" + row["event_id_cnty"].lower()] = place
    return time.perf_counter() - started, places


# --- the children: geo import and the floor, in-process, each alone in its process ---------
def child(export: Path, out: Path, report: Path) -> None:
    import contextlib
    import io

    from geo.cli import main

    stderr = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stderr(stderr):
        code = main(["import", "acled", str(export), "--out", str(out), "--report", str(report)])
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    summary = [line for line in stderr.getvalue().splitlines() if not line.startswith("geo import: rejected")]
    print(
        json.dumps(
            {
                "code": code,
                "seconds": seconds,
                "cpu": usage.ru_utime + usage.ru_stime,
                "peak_mb": usage.ru_maxrss / 1024.0,
                "stderr": summary,
            }
        )
    )


def floor(export: Path) -> None:
    """``pandas.read_csv`` of the export with its defaults (the import of pandas included,
    as the import's child includes loading the gazetteer); its CPU seconds counted from
    there, not from the start of this script's process (which imports geo first)."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    import pandas

    frame = pandas.read_csv(export)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"rows": len(frame), "seconds": seconds, "cpu": cpu, "peak_mb": usage.ru_maxrss / 1024.0}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--baseline-rows", type=int, default=5_000)
    parser.add_argument("--locations", type=int, default=3_000)
    parser.add_argument("--quick", action="store_true", help="20,000 rows, baseline on 2,000")
    parser.add_argument("--child", nargs=3, metavar=("EXPORT", "OUT", "REPORT"), help=argparse.SUPPRESS)
    parser.add_argument("--floor", metavar="EXPORT", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*(Path(p) for p in args.child))
        return 0
    if args.floor:
        floor(args.floor)
        return 0
    if args.quick:
        args.rows, args.baseline_rows = 20_000, 2_000

    from geo.actors import ActorIndex
    from geo.seeds import Seeds

    gazetteer = Gazetteer.load()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "acled.csv"
        started = time.perf_counter()
        distinct = generate(export, args.rows, gazetteer, locations=args.locations)
        size_mb = export.stat().st_size / 1e6
        print(
            f"generated {args.rows:,} rows, {distinct:,} distinct locations, {size_mb:.1f} MB "
            f"in {time.perf_counter() - started:.1f} s"
        )
        out, report = Path(folder) / "incidents.csv", Path(folder) / "report.csv"
        floor_run = subprocess.run(
            [sys.executable, __file__, "--floor", str(export)], capture_output=True, text=True, check=True
        )
        base = json.loads(floor_run.stdout)
        child_run = subprocess.run(
            [sys.executable, __file__, "--child", str(export), str(out), str(report)],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(child_run.stdout)
        for line in result["stderr"]:
            print(line)
        imported = {row["id"]: row["place"] for row in csv.DictReader(out.open(encoding="utf-8", newline=""))}

        actors = ActorIndex.from_table(Seeds.load().actors)
        base_seconds, base_places = baseline(export, args.baseline_rows, gazetteer, actors)
        same = sum(imported.get(event_id) == place for event_id, place in base_places.items())
        only_ours = sum(bool(imported.get(event_id)) and not place for event_id, place in base_places.items())
        only_naive = sum(not imported.get(event_id) and bool(place) for event_id, place in base_places.items())

    ours = args.rows / result["seconds"]
    theirs = len(base_places) / base_seconds
    print()
    print(f"ACLED import, {args.rows:,} rows ({distinct:,} distinct locations); baseline on {len(base_places):,} rows")
    print()
    print("| importer | rows | time (s) | CPU (s) | rows/s | peak memory (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| `pandas.read_csv` of the same file (floor) | {base['rows']:,} | {base['seconds']:.1f} | "
        f"{base['cpu']:.1f} | {base['rows'] / base['seconds']:,.0f} | {base['peak_mb']:.0f} |"
    )
    print(
        f"| `geo import acled` (columnar, end to end) | {args.rows:,} | {result['seconds']:.1f} | "
        f"{result['cpu']:.1f} | {ours:,.0f} | {result['peak_mb']:.0f} |"
    )
    print(
        f"| naive: `Gazetteer.lookup` every row, no cache | {len(base_places):,} | {base_seconds:.1f} | - | "
        f"{theirs:,.0f} | - |"
    )
    print()
    print(
        f"geo import / pandas.read_csv: {result['seconds'] / base['seconds']:.1f}x the time, "
        f"{result['cpu'] / base['cpu']:.1f}x the CPU, {result['peak_mb'] / base['peak_mb']:.2f}x the memory"
    )
    print(f"speed-up: {ours / theirs:.1f}x rows/s (ours includes loading the gazetteer and writing both files)")
    print(
        f"place ids on the baseline's {len(base_places):,} rows: same {same:,}; only geo import gives one "
        f"{only_ours:,} (ambiguous names settled by the point, admin context retried); only the naive one "
        f"{only_naive:,}; different {len(base_places) - same - only_ours - only_naive:,}"
    )
    ok = result["seconds"] <= TARGET_SECONDS and result["peak_mb"] <= TARGET_MB
    print(
        f"target ({args.rows:,} rows in <= {TARGET_SECONDS:g} s and <= {TARGET_MB:g} MB): {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
