"""Map benchmark: 10,000, 50,000 and 100,000 incidents and monthly zones over 12 years, in
one self-contained HTML file, against folium's ``FastMarkerCluster`` and (at 10,000) its
one ``Marker`` per incident, in the same run.

The incidents are generated (seed 20230415) in the project's CSV schema: places drawn
from the gazetteer's populated places in Mali (curated places much more often), days
from 2012 to 2023 (one in ten known only to the month), six armed actors and their
targets, fatalities for two thirds of them, a note each, ACLED as the source; never the
same date, place, event and actors twice (``geo validate`` would call it a duplicate).
``geo map`` reads them with ``--incidents`` (validation included), draws the bundled
claims' zones month by month (144 periods), and writes one self-contained file.
Targets (issue 18): 50,000 incidents in at most 5 MB (100,000 in 10 MB), built in 10 s,
first drawn in 2 s in headless Chromium.

The baselines, in the same run, are the obvious folium code on the same points (each
incident at its place, with a one-line popup: date, place, event type, deaths):
``FastMarkerCluster`` (clustered in the browser; at every size) and a ``folium.Marker``
per incident (at the smallest size only), both with folium's CDN links. Each map is built in its
own process, three times (the median wall time, and the peak memory, from ``os.wait4``;
the Marker baseline once), then opened in headless
Chromium with the network refused (tests/browser.py); the baselines get what they load
from the CDN inlined (Leaflet; jQuery and Leaflet.markercluster from the
XStatic-jQuery and XStatic-Leaflet-MarkerCluster packages when installed), or they
could not draw at all. "First drawn" is the page's own
clock (``performance.now()``) at the second animation frame after the map is drawn:
the atlas's ``ready``, the clusters' icons, or every marker icon.

    python benchmarks/maps.py                   # 10,000, 50,000 and 100,000 incidents
    python benchmarks/maps.py --quick           # 2,000 incidents, both baselines, one build each
    python benchmarks/maps.py --sizes 50000 --no-browser
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from geo import schema
from geo.gazetteer import Gazetteer

SIZES = (10_000, 50_000, 100_000)
QUICK_SIZES = (2_000,)
MARKER_LIMIT_S = 120  # the Marker baseline gets this long to draw its markers in the browser
ACTORS = ("isgs", "jnim", "fama", "wagner", "mnla", "aqim")
TARGETS = ("civilians", "fama", "msa", "gatia", "unidentified", "")
EVENTS = (
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Strategic developments", "Looting/property destruction"),
)
PAINTED = (
    "var done = arguments[0];"
    "requestAnimationFrame(function () { requestAnimationFrame(function () { done(performance.now()); }); });"
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
        seen: set[tuple[str, ...]] = set()
        for n in range(count):
            while True:  # never the same date, place, event and actors twice (geo validate: a duplicate)
                place = rng.choice(curated).id if rng.random() < 0.6 else rng.choice(reference)
                day = first + timedelta(days=rng.randrange(days))
                when = day.isoformat() if rng.random() < 0.9 else day.strftime("%Y-%m")
                event, sub = rng.choice(EVENTS)
                actor1, actor2 = rng.choice(ACTORS), rng.choice(TARGETS)
                key = (when, place, event, actor1, actor2 if actor2 != actor1 else "")
                if key not in seen:
                    seen.add(key)
                    break
            dead = rng.random() < 0.67
            best = int(rng.expovariate(1 / 6)) if dead else None
            writer.writerow(
                {
                    schema.ID: f"gen-{n:06d}",
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


# --- building, each in its own process -----------------------------------------------


def timed(argv: list[str]) -> tuple[float, float]:
    """Run ``argv``; its wall time (s) and peak memory (MB), from ``os.wait4``."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(argv[:4])}... failed with status {process.returncode}:\n{error[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def atlas(incidents: Path, out: Path, count: int) -> tuple[float, float]:
    code = "import sys; from geo.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ["map", "--incidents", str(incidents), "--from", "2012-01", "--to", "2023-12", "--step", "month"]
    title = f"Benchmark: {count:,} incidents"
    return timed([sys.executable, "-c", code, *args, "--self-contained", "--title", title, "--out", str(out)])


def baseline(kind: str, incidents: Path, out: Path) -> tuple[float, float]:
    return timed([sys.executable, __file__, "--build-baseline", kind, str(incidents), str(out)])


def build_baseline(kind: str, incidents: Path, out: Path) -> None:
    """The obvious folium code: every incident at its place, as a ``Marker`` with a popup or
    as one point of a ``FastMarkerCluster``."""
    import folium
    from folium.plugins import FastMarkerCluster

    gazetteer = Gazetteer.load()
    figure = folium.Map(location=[17.0, -2.0], zoom_start=6)
    points = []
    with incidents.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = gazetteer.place(row[schema.PLACE])
            best = row[schema.FATALITIES_BEST] or "?"
            popup = f"{row[schema.DATE]} {place.name}: {row[schema.EVENT_TYPE]}, {best} dead"
            if kind == "marker":
                folium.Marker([place.lat, place.lon], popup=popup).add_to(figure)
            else:
                points.append([place.lat, place.lon, popup])
    if kind == "fast":  # folium's own callback needs Font Awesome markers: Leaflet's default one instead
        callback = "function (row) { return L.marker(new L.LatLng(row[0], row[1])).bindPopup(row[2]); }"
        FastMarkerCluster(points, callback=callback).add_to(figure)
    figure.save(str(out))


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median time of the runs, and the largest peak memory."""
    import statistics

    return statistics.median(seconds for seconds, _ in runs), max(peak for _, peak in runs)


# --- in the browser ------------------------------------------------------------------


def inlined(page: Path) -> Path:
    """The baseline as it would draw from the CDN, with every file it needs written into it:
    Leaflet and its marker images (XStatic-Leaflet), jQuery (XStatic-jQuery: folium's popups
    use it) and Leaflet.markercluster (XStatic-Leaflet-MarkerCluster) when installed;
    folium's other CDN files (Bootstrap, icon fonts) left out. A missing package leaves the
    page unable to draw what needs it, which the table then says."""
    import base64

    from xstatic.pkg import leaflet

    from geo.render.page import inline_assets

    original = page.read_text(encoding="utf-8")
    lines = original.splitlines()
    dropped = ("jquery", "bootstrap", "awesome", "glyphicons", "markercluster")
    kept = [line for line in lines if not (any(d in line for d in dropped) and ("<script" in line or "<link" in line))]
    text = inline_assets("\n".join(kept))
    images = Path(leaflet.BASE_DIR) / "images"
    icons = {
        name: "data:image/png;base64," + base64.b64encode((images / name).read_bytes()).decode("ascii")
        for name in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")
    }
    extra = [
        "<script>L.Icon.Default.prototype._getIconUrl = function (name) {"
        f" return {icons!r}[this.options[name + 'Url'] || (name + '.png')]; }};</script>"
    ]
    for package, names in (("jquery", ("jquery.min.js",)), ("leaflet_markercluster", ("leaflet.markercluster.js",))):
        if package.split("_")[-1] not in original.lower():
            continue
        try:
            module = __import__(f"xstatic.pkg.{package}", fromlist=["BASE_DIR"])
        except ImportError:  # the page cannot do without it offline: the table says it did not draw
            continue
        base = Path(module.BASE_DIR)
        extra += [f"<script>{(base / name).read_text(encoding='utf-8')}</script>" for name in names]
        if package == "leaflet_markercluster":
            styles = "".join(
                (base / n).read_text(encoding="utf-8") for n in ("MarkerCluster.css", "MarkerCluster.Default.css")
            )
            extra.append(f"<style>{styles}</style>")
    leaflet_end = text.index("</script>") + len("</script>")  # right after Leaflet's own script
    text = text[:leaflet_end] + "".join(extra) + text[leaflet_end:]
    out = page.with_name(page.stem + "-inlined.html")
    out.write_text(text, encoding="utf-8")
    return out


def first_drawn(browser, path: Path, ready: str, limit: float) -> tuple[float | None, object]:
    """Seconds on the page's own clock until ``ready`` holds and two frames are painted."""
    try:
        page = browser.open_page(path, timeout=limit)
        page.wait_for(ready, timeout=limit)
        painted = browser.driver.execute_async_script(PAINTED) / 1000
        return painted, page
    except Exception as error:  # the page or the wait timed out
        return None, f"not within {limit:.0f} s ({type(error).__name__})"


def in_browser(files: dict[str, Path], count: int, limit: float) -> dict[str, object]:
    sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
    from browser import BrowserUnavailableError, at, launch

    found: dict[str, object] = {}
    try:
        with launch(window_size=(1400, 900)) as browser:
            browser.driver.set_script_timeout(limit)
            seconds, page = first_drawn(browser, files["atlas"], "window.atlas && window.atlas.ready", 120)
            found["atlas"] = seconds if seconds is not None else page
            if seconds is not None:
                dates = page.evaluate("return window.atlas.dates")
                found["atlas: first step"] = at(page, dates[0])
                sample = dates[:: max(1, len(dates) // 12)]
                began = time.perf_counter()
                for day in sample:
                    at(page, day)
                found["atlas: s per step"] = round((time.perf_counter() - began) / len(sample), 3)
                found["atlas: density at the first view"] = page.evaluate("return window.atlas.density()")
                found["atlas: console errors"] = page.console_errors()
                found["atlas: requests off the machine"] = page.network_requests()
            if "fast" in files:
                ready = "document.querySelectorAll('.marker-cluster, .leaflet-marker-icon').length > 0"
                seconds, page = first_drawn(browser, inlined(files["fast"]), ready, limit)
                found["fast"] = seconds if seconds is not None else page
            if "marker" in files:
                ready = f"document.querySelectorAll('.leaflet-marker-icon').length >= {count}"
                seconds, page = first_drawn(browser, inlined(files["marker"]), ready, limit)
                found["marker"] = seconds if seconds is not None else page
    except BrowserUnavailableError as error:
        found["skipped"] = str(error)
    return found


# --- the run -------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], default=None)
    parser.add_argument("--quick", action="store_true", help="2,000 incidents only")
    parser.add_argument("--seed", type=int, default=20230415)
    parser.add_argument("--no-browser", action="store_true", help="skip the headless Chromium part")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each map; the median is shown")
    parser.add_argument("--marker-limit", type=float, default=MARKER_LIMIT_S, help="seconds (default: %(default)s)")
    parser.add_argument("--build-baseline", nargs=3, metavar=("KIND", "IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_baseline:
        kind, source, out = args.build_baseline
        build_baseline(kind, Path(source), Path(out))
        return
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    if args.quick:
        args.repeat = 1
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for count in sizes:
            incidents = folder / f"incidents-{count}.csv"
            generate(incidents, count, args.seed)
            files = {name: folder / f"{name}-{count}.html" for name in ("atlas", "fast", "marker")}
            if count != min(sizes):
                del files["marker"]
            built = {
                "atlas": median([atlas(incidents, files["atlas"], count) for _ in range(args.repeat)]),
                "fast": median([baseline("fast", incidents, files["fast"]) for _ in range(args.repeat)]),
            }
            if "marker" in files:
                built["marker"] = baseline("marker", incidents, files["marker"])
            drawn = {} if args.no_browser else in_browser(files, count, args.marker_limit)
            for key, value in drawn.items():
                if ":" in key or key == "skipped":
                    print(f"  {count:,} {key}: {value}", flush=True)
            for name in files:
                seconds, peak = built[name]
                rows.append((count, name, seconds, files[name].stat().st_size / 1e6, peak, drawn.get(name, "-")))
                print(f"  {count:,} {name}: built in {seconds:.1f} s, {rows[-1][3]:.2f} MB", flush=True)
    names = {
        "atlas": "geo map --self-contained (time control, zones)",
        "fast": "baseline: folium FastMarkerCluster (CDN)",
        "marker": "baseline: folium.Marker + popup each (CDN)",
    }
    print("\nheadless Chromium, network refused; ratios against FastMarkerCluster of the same size\n")
    print(f"{'incidents':>9}  {'map':47} {'build s':>8} {'size MB':>8} {'peak MB':>8} {'drawn s':>8}  size/fast")
    fast = {count: size for count, name, _s, size, _p, _d in rows if name == "fast"}
    for count, name, seconds, size, peak, drawn in rows:
        shown = f"{drawn:8.2f}" if isinstance(drawn, float) else f"{drawn!s:>8}"
        print(f"{count:>9,}  {names[name]:47} {seconds:8.1f} {size:8.2f} {peak:8.0f} {shown}  {size / fast[count]:.2f}")
    print("\ntargets: 50,000 incidents in at most 5 MB (100,000: 10 MB), built in 10 s, first drawn in 2 s")


if __name__ == "__main__":
    main()
