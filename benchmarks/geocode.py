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

    python benchmarks/geocode.py            # full run (10,000+ queries)
    python benchmarks/geocode.py --quick    # 2,000 queries, for a smoke test
"""

from __future__ import annotations

import argparse
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
from geo.measure import great_circle_km
from geo.names import strip_accents

RIGHT_KM = 5.0
WRONG_KM = 25.0
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
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        Gazetteer.load()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def help_time(repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=11_000, help="size of the query set (default: %(default)s)")
    parser.add_argument("--baseline-queries", type=int, default=1_000, help="subset the baseline runs on")
    parser.add_argument("--seed", type=int, default=20230415)
    parser.add_argument("--quick", action="store_true", help="2,000 queries, 300 for the baseline")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.queries, args.baseline_queries = 2_000, 300
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
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    pct = lambda x: f"{100 * x:.1f} %"  # noqa: E731
    print(f"query set: {figures['queries']:,} (90 % perturbed names, 10 % made-up); baseline subset: {len(subset):,}")
    print(f"gazetteer load: {load_s:.2f} s (median of 3); `geo --help`: {figures['help_s']:.2f} s (median of 5)")
    print()
    print(
        "| run | queries | right (≤5 km) | wrong (>25 km) | near miss | refused | made-up names answered | queries/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for label, key, n in (
        ("this geocoder, full set", "ours_full", len(queries)),
        ("this geocoder, full set, with the region (admin1)", "ours_full_region", len(queries)),
        ("this geocoder, baseline subset", "ours_subset", len(subset)),
        ("baseline: rapidfuzz extractOne, same subset", "baseline_subset", len(subset)),
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
