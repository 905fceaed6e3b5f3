"""Map benchmark: 10,000 incidents and monthly influence zones over 12 years, in one
self-contained HTML file, against folium's one-``Marker``-per-incident baseline.

The incidents are generated (seed 20230415) in the project's CSV schema: places drawn
from the gazetteer's populated places in Mali (curated places much more often), days
from 2012 to 2023 (one in ten known only to the month), six armed actors and their
targets, fatalities for two thirds of them, ACLED as the source. ``geo map`` reads
them with ``--incidents`` (validation included), draws the bundled claims' zones month
by month (144 periods) with the incidents' activity, and writes one self-contained
file. Targets (issue 5): at most 5 MB and 10 s.

The baseline, in the same run, is the obvious folium code: a ``folium.Marker`` with a
popup for every incident, no time control, folium's CDN links. Both files are then
opened in headless Chromium with the network refused (the baseline gets Leaflet
inlined, or it could not draw at all); the table gives the time until the map has
drawn, and for the atlas, that moving the time control changes what is drawn.

    python benchmarks/maps.py                # 10,000 incidents
    python benchmarks/maps.py --incidents 2000 --no-browser
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from geo import schema
from geo.cli import main as geo_main
from geo.gazetteer import Gazetteer

BASELINE_LIMIT_S = 240  # the baseline gets this long to draw its markers in the browser
ACTORS = ("isgs", "jnim", "fama", "wagner", "mnla", "aqim")
TARGETS = ("civilians", "fama", "msa", "gatia", "unidentified", "")
EVENTS = (
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Strategic developments", "Looting/property destruction"),
)


def generate(path: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    gazetteer = Gazetteer.load()
    curated = [
        p for p in gazetteer.places(tier=schema.CURATED) if p.country == "ML" and p.kind in schema.POPULATED_KINDS
    ]
    villages = [p.id for p in gazetteer.search(country="ML", kind="village", tier=schema.REFERENCE, limit=None)]
    reference = rng.sample(villages, min(3000, len(villages)))
    first, days = date(2012, 1, 1), (date(2023, 12, 31) - date(2012, 1, 1)).days
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=schema.INCIDENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for n in range(count):
            place = rng.choice(curated).id if rng.random() < 0.6 else rng.choice(reference)
            day = first + timedelta(days=rng.randrange(days))
            when = day.isoformat() if rng.random() < 0.9 else day.strftime("%Y-%m")
            event, sub = rng.choice(EVENTS)
            actor1, actor2 = rng.choice(ACTORS), rng.choice(TARGETS)
            dead = rng.random() < 0.67
            best = int(rng.expovariate(1 / 6)) if dead else None
            writer.writerow(
                {
                    schema.ID: f"gen-{n:05d}",
                    schema.DATE: when,
                    schema.PLACE: place,
                    schema.PRECISION: "1",
                    schema.EVENT_TYPE: event,
                    schema.SUB_EVENT_TYPE: sub,
                    schema.ACTOR1: actor1,
                    schema.ACTOR2: actor2 if actor2 != actor1 else "",
                    schema.FATALITIES_LOW: best if dead else "",
                    schema.FATALITIES_BEST: best if dead else "",
                    schema.FATALITIES_HIGH: best if dead else "",
                    schema.SOURCES: "acled",
                    schema.NOTE: f"Generated incident {n} for the benchmark.",
                }
            )


def atlas(incidents: Path, out: Path) -> float:
    began = time.perf_counter()
    args = ["map", "--incidents", str(incidents), "--from", "2012-01", "--to", "2023-12", "--step", "month"]
    status = geo_main([*args, "--self-contained", "--title", "Benchmark: 10,000 incidents", "--out", str(out)])
    if status != 0:
        sys.exit(f"geo map failed with status {status}")
    return time.perf_counter() - began


def baseline(incidents: Path, out: Path) -> float:
    import folium

    began = time.perf_counter()
    gazetteer = Gazetteer.load()
    figure = folium.Map(location=[17.0, -2.0], zoom_start=6)
    with incidents.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = gazetteer.place(row[schema.PLACE])
            popup = (
                f"{row[schema.DATE]} {place.name}: {row[schema.EVENT_TYPE]}, {row[schema.FATALITIES_BEST] or '?'} dead"
            )
            folium.Marker([place.lat, place.lon], popup=popup).add_to(figure)
    figure.save(str(out))
    return time.perf_counter() - began


def browser_times(atlas_file: Path, baseline_file: Path, count: int) -> dict[str, object]:
    """Open both files in headless Chromium with the network refused (tests/browser.py)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
    from browser import BrowserUnavailableError, at, launch

    from geo.render.page import inline_assets

    inlined = baseline_file.with_name("baseline-inlined.html")
    lines = baseline_file.read_text(encoding="utf-8").splitlines()
    dropped = ("jquery", "bootstrap", "awesome", "glyphicons")
    kept = [line for line in lines if not (any(d in line for d in dropped) and ("<script" in line or "<link" in line))]
    inlined.write_text(inline_assets("\n".join(kept)), encoding="utf-8")
    results: dict[str, object] = {}
    try:
        with launch() as browser:
            began = time.perf_counter()
            page = browser.open_page(atlas_file, timeout=120)
            page.wait_for("window.atlas && window.atlas.ready", timeout=120)
            results["atlas: drawn in (s)"] = round(time.perf_counter() - began, 2)
            dates = page.evaluate("return window.atlas.dates")
            results["atlas: time steps"] = len(dates)
            results["atlas: drawn on the first step"] = at(page, dates[0])
            results["atlas: drawn on the middle step"] = at(page, dates[len(dates) // 2])
            began = time.perf_counter()
            for date in dates[:: max(1, len(dates) // 12)]:
                at(page, date)
            results["atlas: seconds per step (12 steps)"] = round((time.perf_counter() - began) / 12, 3)
            results["atlas: console errors"] = page.console_errors()
            results["atlas: requests off the machine"] = page.network_requests()
            for key, value in results.items():
                print(f"  {key}: {value}", flush=True)
            results.clear()
            began = time.perf_counter()
            try:
                page = browser.open_page(inlined, timeout=BASELINE_LIMIT_S)
                page.wait_for(
                    f"document.querySelectorAll('.leaflet-marker-icon').length >= {count}", timeout=BASELINE_LIMIT_S
                )
                results["baseline: all markers drawn in (s)"] = round(time.perf_counter() - began, 2)
            except Exception as error:  # the page or the wait timed out
                waited = time.perf_counter() - began
                results["baseline: all markers drawn in (s)"] = (
                    f"not within {BASELINE_LIMIT_S} s ({type(error).__name__} after {waited:.0f} s)"
                )
    except BrowserUnavailableError as error:
        results["skipped"] = str(error)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20230415)
    parser.add_argument("--no-browser", action="store_true", help="skip the headless Chromium part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        incidents = folder / "incidents.csv"
        generate(incidents, args.incidents, args.seed)
        atlas_file, baseline_file = folder / "atlas.html", folder / "baseline.html"
        atlas_s = atlas(incidents, atlas_file)
        baseline_s = baseline(incidents, baseline_file)
        print(f"\n{args.incidents:,} generated incidents, monthly zones 2012-2023\n")
        print(f"{'map':46} {'render s':>9} {'size MB':>8}")
        print(
            f"{'geo map --self-contained (time control, zones)':46} {atlas_s:9.1f} "
            f"{atlas_file.stat().st_size / 1e6:8.2f}"
        )
        print(
            f"{'baseline: folium.Marker per incident (CDN)':46} {baseline_s:9.1f} "
            f"{baseline_file.stat().st_size / 1e6:8.2f}"
        )
        if not args.no_browser:
            print("\nin headless Chromium, network refused:", flush=True)
            for key, value in browser_times(atlas_file, baseline_file, args.incidents).items():
                print(f"  {key}: {value}")
        print("\ntargets: at most 5 MB and 10 s for the self-contained map")


if __name__ == "__main__":
    main()
