"""Geocoder benchmark: accuracy, wrong answers and speed against a naive fuzzy baseline.

The query set is made from the gazetteer itself, with the perturbations real reports
carry: accents dropped, French/English transliterations, one- and two-letter typos,
other recorded spellings (French/English forms, GeoNames alternates), case; plus
made-up names that are in no gazetteer. The truth of a perturbed query is the record
it was made from: an answer within 5 km of it is right, one more than 25 km away is
wrong (a confident answer at the wrong place: the judging rule of the project's
held-out test), one in between a near miss (usually a same-named neighbour), and no
answer a refusal. For made-up names any answer is wrong.

The baseline, in the same run, is what one writes without this toolkit: rapidfuzz's
``process.extractOne`` (WRatio, default processing, cut-off 85) over every name and
variant of the same records. It is slow, so it runs on a random subset of the
queries, and this geocoder is scored on that same subset for the comparison.

The admin-context set (issue 14) is fixed, not generated at run time:
``benchmarks/data/geocode_context.csv`` (made once by ``make_context_set.py``, before
the geocoder was tuned on it; see ``benchmarks/data/README.md``). About 1,200 real
records -- GeoNames populated places of Mali (mostly its conflict regions), OSM
villages GeoNames lacks ("osm-only"), places in both, and Niger/Burkina places near
the border -- each written as a spreadsheet or event dataset writes it: the name as
recorded, without accents, in capitals or in a press spelling (transliteration swaps,
at most one typo), with the country and the region (``admin1``) and cercle /
province / department (``admin2``) that hold the point, as those datasets give them
(65 % both, 20 % region only, 10 % cercle only, 5 % none). The set is split in two
halves by a hash of the record id: ``tune`` (study its failures freely) and
``holdout`` (report its figures, never tune on its failures); both are reported.

Every row goes through ``Gazetteer.lookup(query, country=, admin1=, admin2=[,
admin3=])``, for the gazetteer with the OSM tier (``Gazetteer.load(osm=True)``) and
without it (``osm=False``). An answer within 5 km of the record's point is right,
more than 25 km away wrong, in between a near miss; no answer is unresolved, split
into not found and ambiguous (refused between candidates). The naive baseline, in the
same run on every row: keep the GeoNames and OSM records of the row's country, then
``rapidfuzz.process.extractOne(query, names, scorer=WRatio,
processor=utils.default_process, score_cutoff=85)`` over their names and variants and
answer that record's point -- no use of the region or cercle (that is what the
toolkit adds). The tables give, per split: the three runs; the with-/without-OSM runs
by the truth's source (geonames / osm-only / both); and which tier answered.

    python benchmarks/geocode.py                  # full run (10,000+ queries) + the context set
    python benchmarks/geocode.py --quick          # 2,000 queries + the context set, a smoke test
    python benchmarks/geocode.py --context-only   # only the admin-context set
    python benchmarks/geocode.py --json           # the figures as JSON on stdout
    python benchmarks/geocode.py --json out.json  # tables as usual, figures and per-row outcomes to out.json
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import (
    Gazetteer,
    schema,
)
from geo._store import Store, read_osm, read_reference, split_multi
from geo.countries import country_code
from geo.measure import great_circle_km
from geo.names import strip_accents

RIGHT_KM = 5.0
WRONG_KM = 25.0
CONTEXT_CSV = ROOT / "benchmarks" / "data" / "geocode_context.csv"
SPLITS = ("tune", "holdout")
OUTCOMES = ("right", "wrong", "near", "not_found", "ambiguous")
TRUTH_SOURCES = ("geonames", "osm-only", "both")
TRANSLITERATIONS = (
    ("ou", "u"),
    ("u", "ou"),
    ("dj", "j"),
    ("j", "dj"),
    ("ch", "sh"),
    ("sh", "ch"),
    ("kh", "ch"),
    ("w", "ou"),
    ("ll", "l"),
    ("l", "ll"),
    ("ss", "s"),
    ("y", "i"),
    ("é", "e"),
    ("è", "e"),
)


def _typo(name: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 4:
        return name
    i = rng.choice(letters[1:])  # reporters rarely get the first letter wrong
    op = rng.choice(("substitute", "delete", "insert", "transpose"))
    if op == "substitute":
        return name[:i] + rng.choice(string.ascii_lowercase) + name[i + 1 :]
    if op == "delete":
        return name[:i] + name[i + 1 :]
    if op == "insert":
        return name[:i] + rng.choice(string.ascii_lowercase) + name[i:]
    if i + 1 < len(name):
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name


def perturb(name: str, variants: list[str], rng: random.Random) -> tuple[str, str]:
    """One realistic misspelling of ``name``: (query, kind of perturbation)."""
    kind = rng.choice(("accents", "transliteration", "typo1", "typo2", "variant", "case"))
    if kind == "accents":
        return strip_accents(name), kind
    if kind == "transliteration":
        options = [(a, b) for a, b in TRANSLITERATIONS if a in name.lower()]
        if options:
            a, b = rng.choice(options)
            return name.lower().replace(a, b, 1).title(), kind
        kind = "typo1"
    if kind == "variant" and variants:
        return rng.choice(variants), kind
    if kind == "case":
        return rng.choice((name.upper(), name.lower())), kind
    if kind == "typo2":
        return _typo(_typo(name, rng), rng), kind
    return _typo(name, rng), "typo1"


def made_up_name(rng: random.Random) -> str:
    syllables = ["ka", "zo", "bri", "wex", "lu", "qui", "vor", "pel", "ny", "xa", "tr", "gho", "mip", "ruk", "zel"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()


def build_queries(gazetteer: Gazetteer, n: int, rng: random.Random) -> list[dict]:
    pool = [p for p in gazetteer.places(tier=schema.REFERENCE) if p.kind in schema.POPULATED_KINDS]
    pool += gazetteer.places(tier=schema.CURATED) * 20 + gazetteer.places(tier=schema.AREA) * 5
    queries = []
    for _ in range(int(n * 0.9)):
        place = rng.choice(pool)
        text, kind = perturb(place.name, list(place.variants), rng)
        queries.append(
            {"query": text, "truth": place.id, "lat": place.lat, "lon": place.lon, "kind": kind, "admin1": place.admin1}
        )
    queries += [{"query": made_up_name(rng), "truth": None, "kind": "not in gazetteer"} for _ in range(n // 10)]
    rng.shuffle(queries)
    return queries


def score(answers: list[tuple[float, float] | None], queries: list[dict]) -> dict[str, float]:
    right = wrong = near = refused = made_up = made_up_answered = 0
    for answer, query in zip(answers, queries, strict=True):
        if query["truth"] is None:
            made_up += 1
            made_up_answered += answer is not None
            continue
        if answer is None:
            refused += 1
        else:
            km = float(great_circle_km(query["lat"], query["lon"], answer[0], answer[1]))
            right += km <= RIGHT_KM
            near += RIGHT_KM < km <= WRONG_KM
            wrong += km > WRONG_KM
    perturbed = right + wrong + near + refused
    return {
        "accuracy": right / perturbed,
        "wrong_rate": wrong / perturbed,
        "near_miss_rate": near / perturbed,
        "refusal_rate": refused / perturbed,
        "made_up_answered_rate": made_up_answered / max(made_up, 1),
    }


def run_ours(gazetteer: Gazetteer, queries: list[dict], *, with_region: bool = False) -> tuple[list, float]:
    answers = []
    started = time.perf_counter()
    for q in queries:
        try:
            r = gazetteer.lookup(q["query"], admin1=(q.get("admin1") or None) if with_region else None)
        except ValueError:
            answers.append(None)
            continue
        answers.append((r.lat, r.lon) if r.ok else None)
    return answers, time.perf_counter() - started


def run_baseline(gazetteer: Gazetteer, queries: list[dict]) -> tuple[list, float]:
    from rapidfuzz import process

    names, points = [], []
    for place in gazetteer.places():
        for name in (place.name, *place.variants):
            names.append(name)
            points.append((place.lat, place.lon))
    answers = []
    started = time.perf_counter()
    for q in queries:
        hit = process.extractOne(q["query"], names, score_cutoff=85)
        answers.append(points[hit[2]] if hit else None)
    return answers, time.perf_counter() - started


def timed_load(repeats: int) -> float:
    """Median time of a load in this process (not the per-process memo's answer)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        Gazetteer.load(reload=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def help_time(repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# --- the admin-context set (issue 14) -----------------------------------------------------
def read_context(path: Path = CONTEXT_CSV) -> list[dict]:
    """The rows of the fixed admin-context set (see ``benchmarks/data/README.md``)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def context_mix(row: dict) -> str:
    return {
        (True, True): "admin1+admin2",
        (True, False): "admin1 only",
        (False, True): "admin2 only",
    }.get((bool(row["admin1"]), bool(row["admin2"])), "none")


def lookup_context(row: dict) -> dict:
    """The keyword arguments of ``lookup`` for a row: empty cells are not passed."""
    context = {
        "country": row["country"] or None,
        "admin1": row["admin1"] or None,
        "admin2": row["admin2"] or None,
    }
    if row.get("admin3"):
        context["admin3"] = row["admin3"]
    return context


def _judge(row: dict, lat: float, lon: float) -> tuple[str, float]:
    km = float(great_circle_km(float(row["truth_lat"]), float(row["truth_lon"]), lat, lon))
    if km <= RIGHT_KM:
        return "right", km
    return ("wrong" if km > WRONG_KM else "near"), km


def run_context_ours(gazetteer: Gazetteer, rows: list[dict]) -> tuple[list[dict], float]:
    """Geocode every row with its context; (per-row outcomes, seconds spent in lookup)."""
    resolutions: list = []
    started = time.perf_counter()
    for row in rows:
        try:
            resolutions.append(gazetteer.lookup(row["query"], **lookup_context(row)))
        except ValueError as error:  # InputError: unusable input (should not happen here)
            resolutions.append(error)
    elapsed = time.perf_counter() - started
    outcomes = []
    for row, r in zip(rows, resolutions, strict=True):
        if isinstance(r, Exception):
            outcomes.append({"outcome": "not_found", "error": True, "reason": f"input error: {r}"})
            continue
        if r.ok:
            outcome, km = _judge(row, r.lat, r.lon)
            record = {
                "outcome": outcome,
                "km": round(km, 2),
                "tier": r.place.tier if r.place else None,
                "answer_id": r.place.id if r.place else None,
                "answer_name": r.place.name if r.place else None,
                "lat": r.lat,
                "lon": r.lon,
                "score": r.score,
            }
            if r.warnings:
                record["warnings"] = list(r.warnings)
            if outcome != "right":
                record["candidates"] = _candidates(row, r.candidates)
            outcomes.append(record)
            continue
        record = {"outcome": r.status, "reason": r.reason, "candidates": _candidates(row, r.candidates)}
        if r.warnings:
            record["warnings"] = list(r.warnings)
        outcomes.append(record)
    return outcomes, elapsed


def _candidates(row: dict, candidates: list, limit: int = 5) -> list[dict]:
    out = []
    for place, score in candidates[:limit]:
        km = great_circle_km(float(row["truth_lat"]), float(row["truth_lon"]), place.lat, place.lon)
        out.append(
            {
                "id": place.id,
                "name": place.name,
                "tier": place.tier,
                "kind": place.kind,
                "admin1": place.admin1,
                "admin2": place.admin2,
                "score": score,
                "km_from_truth": round(float(km), 1),
            }
        )
    return out


class NaiveBaseline:
    """What one writes without the toolkit: fuzzy-match the name among the country's records.

    GeoNames (every kind) and OSM records of the row's country; ``extractOne`` with
    WRatio and rapidfuzz's ``default_process`` (lower-case, punctuation to spaces),
    cut-off 85, over every name and variant; answer that record's point. The region
    and cercle are not used. The choices are processed once up front, which gives the
    same matches as passing ``processor=default_process`` to every call, faster.
    """

    def __init__(self) -> None:
        from rapidfuzz.utils import default_process

        store = Store()
        read_reference(ROOT / "gazetteer" / "reference" / "geonames.cols.gz", store)
        self.names: dict[str, list[str]] = {}
        self.records: dict[str, list[tuple[str, str, float, float]]] = {}

        def add(country: str, names, record: tuple[str, str, float, float]) -> None:
            for name in names:
                processed = default_process(name)
                if processed:
                    self.names.setdefault(country, []).append(processed)
                    self.records.setdefault(country, []).append(record)

        for i in range(len(store)):
            record = (store.ids[i], store.names[i], store.lat_list[i], store.lon_list[i])
            add(store.countries[i], (store.names[i], *split_multi(store.variants[i])), record)
        for osm in read_osm(ROOT / "gazetteer" / "reference" / "osm.cols.gz"):
            record = (f"osm-{osm[schema.OSM_ID]}", osm[schema.NAME], osm[schema.LAT], osm[schema.LON])
            add(osm[schema.COUNTRY], (osm[schema.NAME], *osm[schema.VARIANTS]), record)
        self.all_names = [n for names in self.names.values() for n in names]
        self.all_records = [r for records in self.records.values() for r in records]

    def run(self, rows: list[dict]) -> tuple[list[dict], float]:
        from rapidfuzz import fuzz, process
        from rapidfuzz.utils import default_process

        hits = []
        started = time.perf_counter()
        for row in rows:
            code = country_code(row["country"]) if row["country"] else None
            names = self.names.get(code, []) if code else self.all_names
            records = self.records.get(code, []) if code else self.all_records
            hit = process.extractOne(default_process(row["query"]), names, scorer=fuzz.WRatio, score_cutoff=85)
            hits.append((records[hit[2]], hit[1]) if hit else None)
        elapsed = time.perf_counter() - started
        outcomes = []
        for row, hit in zip(rows, hits, strict=True):
            if hit is None:
                outcomes.append({"outcome": "not_found", "reason": "no name scores 85 or more"})
                continue
            (record_id, name, lat, lon), score = hit
            outcome, km = _judge(row, lat, lon)
            outcomes.append(
                {"outcome": outcome, "km": round(km, 2), "answer_id": record_id, "answer_name": name, "score": score}
            )
        return outcomes, elapsed


def _rates(outcomes: list[dict]) -> dict[str, float]:
    n = len(outcomes)
    counts = dict.fromkeys(OUTCOMES, 0)
    for o in outcomes:
        counts[o["outcome"]] += 1
    return {"n": n, **{k: counts[k] / n if n else 0.0 for k in OUTCOMES}}


def _warm_up(gazetteer: Gazetteer) -> None:
    """Build the gazetteer's lazy indexes outside the timing, with queries not in the set."""
    for name in ("Ménaka", "Gao", "Tombouctou", "Kidal", "Mopti", "Ségou", "Douentza", "Tessit", "Djibo", "Ayorou"):
        gazetteer.lookup(name)
        gazetteer.lookup(name, country="ML", admin1="Mopti", admin2="Bankass")
        gazetteer.lookup(name + "q", country="Mali", admin1="Gao")


def context_benchmark(rows: list[dict], *, load_repeats: int = 3) -> dict:
    """Run the context set through both gazetteers and the baseline; figures and per-row outcomes."""
    runs: dict[str, dict[str, tuple[list[dict], float]]] = {}
    load_s = {}
    for label, osm in (("with_osm", True), ("without_osm", False)):
        times = []
        for _ in range(load_repeats):
            started = time.perf_counter()
            gazetteer = Gazetteer.load(osm=osm, reload=True)  # a load, not the per-process memo's answer
            times.append(time.perf_counter() - started)
        load_s[label] = statistics.median(times)
        _warm_up(gazetteer)
        runs[label] = {split: run_context_ours(gazetteer, [r for r in rows if r["split"] == split]) for split in SPLITS}
        del gazetteer
    baseline = NaiveBaseline()
    runs["baseline"] = {split: baseline.run([r for r in rows if r["split"] == split]) for split in SPLITS}

    figures: dict = {"rows": len(rows), "load_s": {k: round(v, 3) for k, v in load_s.items()}, "runs": {}}
    for label, by_split in runs.items():
        figures["runs"][label] = {}
        for split, (outcomes, seconds) in by_split.items():
            part = [r for r in rows if r["split"] == split]
            entry = {**_rates(outcomes), "qps": len(outcomes) / seconds if seconds else 0.0}
            entry["errors"] = sum(1 for o in outcomes if o.get("error"))
            entry["by_source"] = {
                source: _rates([o for o, r in zip(outcomes, part, strict=True) if r["truth_source"] == source])
                for source in TRUTH_SOURCES
            }
            entry["by_context"] = {
                mix: _rates([o for o, r in zip(outcomes, part, strict=True) if context_mix(r) == mix])
                for mix in ("admin1+admin2", "admin1 only", "admin2 only", "none")
            }
            tiers: dict[str, dict[str, int]] = {}
            for o in outcomes:
                if o["outcome"] in ("right", "wrong", "near") and "tier" in o:
                    t = tiers.setdefault(o["tier"] or "?", {"answers": 0, "right": 0, "near": 0, "wrong": 0})
                    t["answers"] += 1
                    t[o["outcome"]] += 1
            entry["tiers"] = dict(sorted(tiers.items(), key=lambda kv: -kv[1]["answers"]))
            figures["runs"][label][split] = entry
    per_row = []
    for split in SPLITS:
        part = [r for r in rows if r["split"] == split]
        for i, row in enumerate(part):
            per_row.append({**row, **{label: runs[label][split][0][i] for label in runs}})
    return {"figures": figures, "rows": per_row}


RUN_LABELS = {
    "with_osm": "this geocoder, with the OSM tier",
    "without_osm": "this geocoder, without the OSM tier",
    "baseline": "naive baseline (rapidfuzz extractOne, country only)",
}


def print_context(figures: dict, rows: list[dict], path: Path) -> None:
    pct = lambda x: f"{100 * x:.1f} %"  # noqa: E731
    sizes = {split: sum(1 for r in rows if r["split"] == split) for split in SPLITS}
    print(f"## Admin-context set ({path.relative_to(ROOT) if path.is_relative_to(ROOT) else path})")
    print()
    print(
        f"{figures['rows']:,} rows (tune {sizes['tune']:,}, holdout {sizes['holdout']:,}); "
        f"gazetteer load with OSM {figures['load_s']['with_osm']:.2f} s, "
        f"without {figures['load_s']['without_osm']:.2f} s (median of 3)"
    )
    print()
    print("| run | split | n | right (≤5 km) | wrong (>25 km) | near miss | not found | ambiguous | queries/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label in ("with_osm", "without_osm", "baseline"):
        for split in SPLITS:
            f = figures["runs"][label][split]
            print(
                f"| {RUN_LABELS[label]} | {split} | {f['n']:,} | {pct(f['right'])} | {pct(f['wrong'])} "
                f"| {pct(f['near'])} | {pct(f['not_found'])} | {pct(f['ambiguous'])} | {f['qps']:,.0f} |"
            )
    errors = {(k, s): f["errors"] for k, v in figures["runs"].items() for s, f in v.items() if f.get("errors")}
    if errors:
        print(f"\ninput errors (counted as not found): {errors}")
    print("\nBy the truth's source:\n")
    print("| run | split | source | n | right | wrong | near miss | not found | ambiguous |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label in ("with_osm", "without_osm", "baseline"):
        for split in SPLITS:
            for source, f in figures["runs"][label][split]["by_source"].items():
                print(
                    f"| {RUN_LABELS[label]} | {split} | {source} | {f['n']:,} | {pct(f['right'])} | {pct(f['wrong'])} "
                    f"| {pct(f['near'])} | {pct(f['not_found'])} | {pct(f['ambiguous'])} |"
                )
    print("\nBy the context given (this geocoder, with the OSM tier):\n")
    print("| split | context | n | right | wrong | near miss | not found | ambiguous |")
    print("|---|---|---|---|---|---|---|---|")
    for split in SPLITS:
        for mix, f in figures["runs"]["with_osm"][split]["by_context"].items():
            print(
                f"| {split} | {mix} | {f['n']:,} | {pct(f['right'])} | {pct(f['wrong'])} "
                f"| {pct(f['near'])} | {pct(f['not_found'])} | {pct(f['ambiguous'])} |"
            )
    print("\nAnswering tier (answers, of which right / near / wrong):")
    for label in ("with_osm", "without_osm"):
        for split in SPLITS:
            tiers = figures["runs"][label][split]["tiers"]
            text = "; ".join(f"{t} {c['answers']} ({c['right']}/{c['near']}/{c['wrong']})" for t, c in tiers.items())
            print(f"  {RUN_LABELS[label]}, {split}: {text or 'no answers'}")


def perturbation_benchmark(args: argparse.Namespace) -> tuple[dict, int]:
    """The perturbed-name benchmark over the gazetteer; (figures, baseline subset size)."""
    rng = random.Random(args.seed)
    load_s = timed_load(3)
    gazetteer = Gazetteer.load()
    queries = build_queries(gazetteer, args.queries, rng)
    subset = rng.sample(queries, min(args.baseline_queries, len(queries)))
    ours_all, ours_all_s = run_ours(gazetteer, queries)
    ours_ctx, ours_ctx_s = run_ours(gazetteer, queries, with_region=True)
    ours_sub, ours_sub_s = run_ours(gazetteer, subset)
    base_sub, base_sub_s = run_baseline(gazetteer, subset)
    figures = {
        "queries": len(queries),
        "baseline_queries": len(subset),
        "load_s": round(load_s, 3),
        "help_s": round(help_time(5), 3),
        "ours_full": {**score(ours_all, queries), "qps": len(queries) / ours_all_s},
        "ours_full_region": {**score(ours_ctx, queries), "qps": len(queries) / ours_ctx_s},
        "ours_subset": {**score(ours_sub, subset), "qps": len(subset) / ours_sub_s},
        "baseline_subset": {**score(base_sub, subset), "qps": len(subset) / base_sub_s},
    }
    figures["speedup"] = figures["ours_subset"]["qps"] / figures["baseline_subset"]["qps"]
    by_kind: dict[str, list[int]] = {}
    for answer, q in zip(ours_all, queries, strict=True):
        if q["truth"] is None:
            continue
        km = float(great_circle_km(q["lat"], q["lon"], *answer)) if answer is not None else None
        ok = km is not None and km <= RIGHT_KM
        bad = km is not None and km > WRONG_KM
        counts = by_kind.setdefault(q["kind"], [0, 0, 0])
        counts[0] += 1
        counts[1] += ok
        counts[2] += bad
    figures["ours_by_perturbation"] = {
        k: {"n": n, "accuracy": right / n, "wrong_rate": bad / n} for k, (n, right, bad) in sorted(by_kind.items())
    }
    return figures, len(subset)


def print_perturbation(figures: dict) -> None:
    pct = lambda x: f"{100 * x:.1f} %"  # noqa: E731
    n_queries, n_subset = figures["queries"], figures["baseline_queries"]
    print(f"query set: {n_queries:,} (90 % perturbed names, 10 % made-up); baseline subset: {n_subset:,}")
    load_s, help_s = figures["load_s"], figures["help_s"]
    print(f"gazetteer load: {load_s:.2f} s (median of 3); `geo --help`: {help_s:.2f} s (median of 5)")
    print()
    print(
        "| run | queries | right (≤5 km) | wrong (>25 km) | near miss | refused | made-up names answered | queries/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, key, n in (
        ("this geocoder, full set", "ours_full", n_queries),
        ("this geocoder, full set, with the region (admin1)", "ours_full_region", n_queries),
        ("this geocoder, baseline subset", "ours_subset", n_subset),
        ("baseline: rapidfuzz extractOne, same subset", "baseline_subset", n_subset),
    ):
        f = figures[key]
        print(
            f"| {label} | {n:,} | {pct(f['accuracy'])} | {pct(f['wrong_rate'])} | {pct(f['near_miss_rate'])} "
            f"| {pct(f['refusal_rate'])} "
            f"| {pct(f['made_up_answered_rate'])} | {f['qps']:,.0f} |"
        )
    print(f"\nspeed-up over the baseline: {figures['speedup']:.0f}x")
    print("\nby perturbation (this geocoder, full set):")
    for kind, f in figures["ours_by_perturbation"].items():
        print(f"  {kind:16} n={f['n']:5}  accuracy {pct(f['accuracy'])}  wrong {pct(f['wrong_rate'])}")


# --- batch geocoding with repeated names (issue 18) ---------------------------------------
def memo_benchmark(gazetteer: Gazetteer, *, rows: int, distinct: int, seed: int, repeats: int = 3) -> dict:
    """``geocode_rows`` on a spreadsheet that repeats its names, with and without the memo.

    ``distinct`` (query, admin1) pairs are drawn from the curated and GeoNames places of
    Mali (half with their region as context), then ``rows`` rows are drawn from them with
    Zipf-like weights (a few names on most rows, as in an incident spreadsheet).
    """
    from geo.batch import BatchRow, geocode_rows

    rng = random.Random(seed)
    places = [p for p in gazetteer.places(tier="curated") + gazetteer.places(tier="reference") if p.country == "ML"]
    chosen = rng.sample(places, min(distinct, len(places)))
    pairs = [(p.name, p.admin1 if i % 2 else "") for i, p in enumerate(chosen)]
    weights = [1.0 / (rank + 1) for rank in range(len(pairs))]
    drawn = rng.choices(pairs, weights=weights, k=rows)
    batch = [BatchRow(i + 2, {"query": q, "admin1": a}) for i, (q, a) in enumerate(drawn)]
    list(geocode_rows(gazetteer, batch[:50]))  # warm the lazy parts of the gazetteer
    figures: dict = {"rows": rows, "distinct": len(set(drawn)), "seed": seed}
    results = {}
    for label, memo in (("without", False), ("with", True)):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            results[label] = list(geocode_rows(gazetteer, batch, memo=memo))
            times.append(time.perf_counter() - started)
        figures[f"{label}_memo_s"] = statistics.median(times)
    figures["same_records"] = results["with"] == results["without"]
    figures["speedup"] = figures["without_memo_s"] / figures["with_memo_s"]
    return figures


def print_memo(figures: dict) -> None:
    rows = figures["rows"]
    print(
        f"batch geocoding of {rows:,} rows repeating {figures['distinct']:,} distinct (query, admin1) pairs "
        f"(Zipf-like weights, seed {figures['seed']}; median of 3, in process):"
    )
    print()
    print("| `geocode_rows` | time (s) | rows/s | × with memo |")
    print("|---|---:|---:|---:|")
    for label in ("without", "with"):
        seconds = figures[f"{label}_memo_s"]
        print(f"| {label} the memo | {seconds:.3f} | {rows / seconds:,.0f} | {seconds / figures['with_memo_s']:.1f} |")
    print(f"\nsame records with and without the memo: {figures['same_records']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=11_000, help="size of the query set (default: %(default)s)")
    parser.add_argument("--baseline-queries", type=int, default=1_000, help="subset the baseline runs on")
    parser.add_argument("--seed", type=int, default=20230415)
    parser.add_argument("--quick", action="store_true", help="2,000 queries, 300 for the baseline")
    parser.add_argument(
        "--context-only", action="store_true", help="run only the admin-context set (not the perturbed names)"
    )
    parser.add_argument("--context", type=Path, default=CONTEXT_CSV, help="the admin-context set CSV")
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        default=None,
        metavar="OUT",
        help="without OUT: print the figures as JSON instead of tables; with OUT: print the tables "
        "and write the figures and every context row's outcome (answer, tier, reason, candidates) to OUT",
    )
    parser.add_argument(
        "--memo-only", action="store_true", help="run only the batch benchmark with and without the memo"
    )
    parser.add_argument("--memo-rows", type=int, default=50_000, help="rows of the memo benchmark's spreadsheet")
    args = parser.parse_args(argv)
    if args.quick:
        args.queries, args.baseline_queries, args.memo_rows = 2_000, 300, 5_000
    if args.memo_only:
        memo = memo_benchmark(Gazetteer.load(), rows=args.memo_rows, distinct=1_000, seed=args.seed)
        if args.json == "-":
            print(json.dumps({"memo": memo}, indent=2))
        else:
            print_memo(memo)
        return 0 if memo["same_records"] else 1
    figures: dict = {}
    if not args.context_only:
        figures, _ = perturbation_benchmark(args)
    context_rows = read_context(args.context)
    context = context_benchmark(context_rows)
    figures["context"] = context["figures"]
    if args.json == "-":
        print(json.dumps(figures, indent=2))
        return 0
    if not args.context_only:
        print_perturbation(figures)
        print()
    print_context(context["figures"], context_rows, args.context)
    print()
    figures["memo"] = memo_benchmark(Gazetteer.load(), rows=args.memo_rows, distinct=1_000, seed=args.seed)
    print_memo(figures["memo"])
    if args.json:
        Path(args.json).write_text(
            json.dumps({"figures": figures, "context_rows": context["rows"]}, indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        print(f"\nfigures and per-row outcomes written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
