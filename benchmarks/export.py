"""Export benchmark: ``geo export`` (every default layer, GeoJSON) on 1,000, 10,000 and
100,000 generated incidents, each run alone in its own process, against the old
per-step union path in the same run.

The incidents come from the map benchmark's generator (``benchmarks/maps.py``, seed
20230415: places drawn from Mali's populated places, days from 2012 to 2023, six armed
actors and their targets), read with ``--incidents`` beside the bundled claims. Each
size is a separate child process running ``geo export --incidents FILE --out DIR``
in-process; the table gives its wall time, CPU time (user + system), peak resident
memory, and the size of what it wrote, per layer and per 1,000 incidents (linear growth
keeps the last column flat).

Baselines, in the same run:

- the old path (before issue 18): the influence layer as one union of discs per actor,
  zone and event step (``Influence.layer()``), written by building the whole
  FeatureCollection as Python objects (``json.loads(shapely.to_geojson(...))``) and one
  ``json.dumps``; at 1,000 incidents, and at 10,000 unless it passes ``--cap`` seconds
  (reported as "> cap"). Only the influence layer: the part that changed.
- the writer floor: ``pyogrio.write_dataframe`` (GDAL's GeoJSON driver,
  ``COORDINATE_PRECISION=6``) of the same per-incident influence frame, against the
  toolkit's streamed writer (:func:`geo.export.write_geojson`), both timed in one child.

Targets of issue 18: 10,000 incidents in at most 60 s and 1 GB; 100,000 in at most 10
minutes and 2 GB; output growing at most linearly.

    python benchmarks/export.py             # 1k, 10k and 100k
    python benchmarks/export.py --quick     # 1k and 10k, baseline at 1k only
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {10_000: (60.0, 1024.0), 100_000: (600.0, 2048.0)}  # seconds, MB


# --- children: one measured job each, alone in its process ----------------------------------
def _usage() -> dict[str, float]:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024.0}


def child_export(incidents: Path, out: Path) -> dict:
    import contextlib
    import io

    from geo.cli import main

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["export", "--incidents", str(incidents), "--out", str(out)])
    if code != 0:
        return {"error": stderr.getvalue()[-2000:]}
    return _usage()


def child_old(incidents: Path, out: Path) -> dict:
    """The influence layer as before issue 18: unions per step, the whole collection in memory."""
    import shapely

    from geo.gazetteer import Gazetteer
    from geo.influence import Influence
    from geo.records import load_records
    from geo.seeds import Seeds
    from geo.tables import plain_value

    gazetteer = Gazetteer.load()
    records = load_records(Seeds.load(None).with_incidents(incidents), gazetteer=gazetteer)
    frame = Influence(records, gazetteer=gazetteer).layer()
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = []
    for values, shape in zip(frame[columns].itertuples(index=False, name=None), frame.geometry, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {c: plain_value(v) for c, v in zip(columns, values, strict=True)},
                "geometry": None if shape is None else json.loads(shapely.to_geojson(shape)),
            }
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "influence.geojson").write_text(text + "\n", encoding="utf-8")
    return {**_usage(), "features": len(frame)}


def child_writers(incidents: Path, out: Path) -> dict:
    """The toolkit's streamed GeoJSON writer against pyogrio.write_dataframe, same frame."""
    import pyogrio

    from geo.export import layer_frame, write_geojson
    from geo.gazetteer import Gazetteer
    from geo.records import load_records
    from geo.seeds import Seeds
    from geo.tables import csv_table

    gazetteer = Gazetteer.load()
    records = load_records(Seeds.load(None).with_incidents(incidents), gazetteer=gazetteer)
    frame = layer_frame(gazetteer, "influence", records=records)
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    write_geojson(frame, out / "toolkit.geojson")
    toolkit_s = time.perf_counter() - began
    began = time.perf_counter()
    # GDAL takes no list cells: they go as the CSV's "|"-joined text, dates as ISO text
    flat = csv_table(frame, raw=True, wkt_column=False).set_geometry(frame.geometry.values, crs="EPSG:4326")
    flat_s = time.perf_counter() - began
    began = time.perf_counter()
    pyogrio.write_dataframe(flat, out / "pyogrio.geojson", driver="GeoJSON", layer_options={"COORDINATE_PRECISION": 6})
    pyogrio_s = time.perf_counter() - began
    return {
        "features": len(frame),
        "toolkit_s": toolkit_s,
        "toolkit_mb": (out / "toolkit.geojson").stat().st_size / 1e6,
        "flatten_s": flat_s,
        "pyogrio_s": pyogrio_s,
        "pyogrio_mb": (out / "pyogrio.geojson").stat().st_size / 1e6,
    }


CHILDREN = {"export": child_export, "old": child_old, "writers": child_writers}


# --- the parent -----------------------------------------------------------------------------
def run_child(kind: str, incidents: Path, out: Path, cap: float | None = None) -> dict:
    began = time.perf_counter()
    command = [sys.executable, __file__, "--child", kind, str(incidents), str(out)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": cap}
    wall = time.perf_counter() - began
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def sizes(out: Path) -> dict[str, float]:
    return {p.name.split(".")[0]: p.stat().st_size / 1e6 for p in sorted(out.glob("*.geojson"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, the old path at 1k only")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds the old path gets at 10k (default 120)")
    parser.add_argument("--seed", type=int, default=20230415)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "INCIDENTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, incidents, out = args.child
        print(json.dumps(CHILDREN[kind](Path(incidents), Path(out))))
        return 0

    sys.path.insert(0, str(HERE))
    from maps import generate  # the map benchmark's incident generator

    counts = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    rows, layers, failures = [], {}, 0
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for count in counts:
            incidents = folder / f"incidents-{count}.csv"
            generate(incidents, count, args.seed)
            out = folder / f"out-{count}"
            result = run_child("export", incidents, out)
            if "error" in result:
                print(f"geo export failed on {count:,} incidents:\n{result['error']}", file=sys.stderr)
                return 1
            layers[count] = sizes(out)
            rows.append((count, "geo export (every layer)", result, sum(layers[count].values())))
            print(f"{count:,}: geo export {result['wall_s']:.1f} s", file=sys.stderr, flush=True)
            if count == 1_000 or (count == 10_000 and not args.quick):
                cap = None if count == 1_000 else args.cap
                old = run_child("old", incidents, folder / f"old-{count}", cap=cap)
                total = (folder / f"old-{count}" / "influence.geojson").stat().st_size / 1e6 if "wall_s" in old else 0
                rows.append((count, "old path: influence layer only", old, total))
                print(f"{count:,}: old path done", file=sys.stderr, flush=True)
            if count == 10_000:
                writers = run_child("writers", incidents, folder / f"writers-{count}")

        print("\ngeo export, default layers (GeoJSON), generated incidents; each run alone in a process\n")
        header = (
            f"{'incidents':>9}  {'what':32} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'output MB':>10} {'MB/1k':>6}"
        )
        print(header)
        print("-" * len(header))
        new_wall = {count: result["wall_s"] for count, what, result, _ in rows if what.startswith("geo")}
        for count, what, result, total in rows:
            if "timeout" in result:
                print(f"{count:>9,}  {what:32} {'> ' + format(result['timeout'], 'g'):>7}")
                continue
            if "error" in result:
                print(f"{count:>9,}  {what:32} failed: {result['error'].strip().splitlines()[-1]}")
                continue
            print(
                f"{count:>9,}  {what:32} {result['wall_s']:7.1f} {result['cpu_s']:7.1f} {result['peak_mb']:8.0f} "
                f"{total:10.1f} {total / count * 1000:6.2f}"
            )
        for count, what, result, _ in rows:
            if what.startswith("old") and "wall_s" in result:
                print(f"\nold path / geo export at {count:,}: {result['wall_s'] / new_wall[count]:.1f}x the wall time")
            elif what.startswith("old") and "timeout" in result:
                print(
                    f"\nold path at {count:,}: killed after {result['timeout']:g} s "
                    f"(geo export: {new_wall[count]:.1f} s)"
                )

        print("\noutput per layer (MB)\n")
        names = sorted({name for found in layers.values() for name in found})
        print(f"{'incidents':>9}  " + " ".join(f"{n:>11}" for n in names))
        for count, found in layers.items():
            print(f"{count:>9,}  " + " ".join(f"{found.get(n, 0):11.1f}" for n in names))

        if "error" not in writers and "timeout" not in writers:
            print(f"\nwriting the influence layer of 10,000 incidents ({writers['features']:,} features):")
            print(
                f"  geo.export.write_geojson (streamed)   {writers['toolkit_s']:6.2f} s  "
                f"{writers['toolkit_mb']:7.1f} MB"
            )
            print(
                f"  pyogrio.write_dataframe (GDAL)         {writers['pyogrio_s']:6.2f} s  "
                f"{writers['pyogrio_mb']:7.1f} MB"
                f"  (+ {writers['flatten_s']:.2f} s to flatten list cells to text)"
            )
            print(f"  ratio toolkit / pyogrio: {writers['toolkit_s'] / writers['pyogrio_s']:.2f}")

        print("\ntargets: 10,000 incidents <= 60 s and 1 GB; 100,000 <= 600 s and 2 GB; output linear")
        for count, what, result, _ in rows:
            if what.startswith("geo") and count in TARGETS:
                seconds, megabytes = TARGETS[count]
                ok = result["wall_s"] <= seconds and result["peak_mb"] <= megabytes
                failures += not ok
                print(f"  {count:,}: {'met' if ok else 'MISSED'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
