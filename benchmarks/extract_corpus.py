"""Benchmark: ``geo extract`` over a corpus, on one process, a process pool and a Dask cluster.

The corpus is synthetic: documents made by recombining sentences written here, in
English and French, with the names of curated towns and villages of the gazetteer and
of actors of ``seeds/actors.csv`` filled in (no real article is copied). Each
configuration extracts the whole corpus (mentions and candidate records) and is
compared with the baseline, one process (:func:`geo.extract.corpus.extract_corpus`
with ``jobs=1``), measured in the same run:

- ``pool N``: ``jobs=N``, a process pool of N workers (the time includes starting it);
  ``pool 1`` is a pool of one worker (``jobs=1`` itself runs in the calling process),
  which shows what sending documents to another process and back costs;
- ``dask local:2``: a two-worker ``LocalCluster`` (processes, one thread each); its
  start is timed apart, and the run includes each worker's first load of the gazetteer.

Every configuration runs in a fresh process of its own (so that peak memory is its
own: the parent's and the largest worker's), configurations are interleaved over the
repeats, and the median is kept. Besides the wall-clock time, the CPU time of all the
processes of a run (user and system) is given: on a machine shared with other work the
wall clock says little, while extra CPU time is the parallel overhead. ``vs 1 proc`` is
the ratio of the medians; ``paired`` the median of each run's ratio to the baseline's
run of the same round, which follows a load that changes from minute to minute. The output of
each run (every mention and candidate row, in order) is hashed and must equal the
baseline's.

    python benchmarks/extract_corpus.py                 # 400 documents, 3 repeats
    python benchmarks/extract_corpus.py --quick         # 60 documents, 1 repeat
    python benchmarks/extract_corpus.py --docs 400 --jobs 1,2,4 --repeat 5 --json
    python benchmarks/extract_corpus.py --cli           # also the whole command, as a user runs it

With ``--cli`` the whole command is timed too (``geo extract FILES --json``, then with
``--jobs 2`` and ``--scheduler local:2``: start-up, gazetteer, cluster and output
included), against ``geo extract`` with one process; its standard output must be the
same bytes.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# --- the synthetic corpus --------------------------------------------------------------------
EN = [
    "On {day} {month_en} {year}, {actor} fighters attacked {place}, killing {n} civilians.",
    "Residents of {place} said that {actor} had taken control of the market the week before.",
    "{actor} ambushed a convoy of the {army} between {place} and {place2}, local sources said.",
    "At least {n} people were wounded in the attack on {place}, according to a health worker.",
    "The {army} said it had retaken {place} after two days of fighting with {actor}.",
    "Thousands of families have fled {place} for {place2} since the start of {month_en}.",
    "A humanitarian official in {place2} described the situation as extremely worrying.",
    "The road from {place} to {place2} has been closed to traffic for several weeks.",
    "{actor} and {actor2} clashed near {place} on {day} {month_en}, leaving {n} dead.",
    "The mayor of {place} called for more patrols, saying that the villages around were empty.",
    "Prices of millet and fuel have doubled in {place2} because of the blockade.",
    "An improvised explosive device hit a vehicle of the {army} north of {place} on {day} {month_en}.",
    "Witnesses said that {n} men were kidnapped in {place} and taken towards the border.",
    "The school in {place} has been shut since {month_en} {year} because teachers fear for their lives.",
]
FR = [
    "Le {day} {month_fr} {year}, des hommes armés de {actor} ont attaqué {place}, tuant {n} civils.",
    "Des habitants de {place} affirment que {actor} contrôle désormais la route vers {place2}.",
    "{actor} a tendu une embuscade à une patrouille de l'armée malienne près de {place}.",
    "Au moins {n} personnes ont été blessées lors de l'attaque de {place}, selon un infirmier.",
    "L'armée malienne dit avoir repris {place} après deux jours de combats contre {actor}.",
    "Des milliers de familles ont fui {place} pour se réfugier à {place2} depuis le début de {month_fr}.",
    "Un responsable humanitaire à {place2} décrit une situation très préoccupante.",
    "La route entre {place} et {place2} est fermée à la circulation depuis plusieurs semaines.",
    "{actor} et {actor2} se sont affrontés près de {place} le {day} {month_fr}, faisant {n} morts.",
    "Le maire de {place} demande davantage de patrouilles, car les villages alentour se vident.",
    "Les prix du mil et du carburant ont doublé à {place2} à cause du blocus.",
    "Un engin explosif a touché un véhicule de l'armée au nord de {place} le {day} {month_fr}.",
    "Selon des témoins, {n} hommes ont été enlevés à {place} et emmenés vers la frontière.",
    "L'école de {place} est fermée depuis {month_fr} {year} car les enseignants craignent pour leur vie.",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
ARMIES = ["Malian army", "Malian Armed Forces", "FAMa"]


def names() -> tuple[list[str], list[str]]:
    """Curated towns and villages of Mali, Niger and Burkina Faso; actors' names and short aliases."""
    with (ROOT / "gazetteer" / "places.csv").open(encoding="utf-8") as handle:
        places = [
            row["name"]
            for row in csv.DictReader(handle)
            if row["kind"] in ("town", "city", "village") and row["country"] in ("ML", "NE", "BF")
        ]
    actors = []
    with (ROOT / "seeds" / "actors.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] in ("jihadist", "armed_group", "state", "militia"):
                short = [a for a in row["aliases"].split("|") if a.isupper() and 3 <= len(a) <= 6]
                actors.extend([row["name"], *short[:2]])
    return sorted(set(places)), sorted(set(actors))


def make_corpus(folder: Path, count: int, seed: int = 18) -> int:
    """Write ``count`` documents (a third in French) into ``folder``; return the number of words."""
    places, actors = names()
    rng = random.Random(seed)
    words = 0
    for i in range(count):
        french = i % 3 == 2
        templates = FR if french else EN
        year = rng.choice([2019, 2020, 2021, 2022, 2023])
        sentences = []
        for _ in range(rng.randint(20, 40)):
            place, place2 = rng.sample(places, 2)
            actor, actor2 = rng.sample(actors, 2)
            month = rng.randrange(12)
            sentences.append(
                rng.choice(templates).format(
                    day=rng.randint(1, 28),
                    month_en=MONTHS_EN[month],
                    month_fr=MONTHS_FR[month],
                    year=year,
                    actor=actor,
                    actor2=actor2,
                    army=rng.choice(ARMIES),
                    place=place,
                    place2=place2,
                    n=rng.randint(2, 60),
                )
            )
        paragraphs = [" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)]
        text = "\n\n".join(paragraphs) + "\n"
        (folder / f"doc-{i:04d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


# --- one configuration, in a process of its own ----------------------------------------------
def cpu_seconds() -> float:
    """User and system time of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_one(config: str, folder: Path) -> dict:
    from concurrent.futures import ProcessPoolExecutor

    from geo.extract import corpus

    paths = sorted(str(p) for p in folder.glob("*.txt"))
    if config.startswith("geo extract"):
        return run_command(config, paths)
    corpus.load_extractor()  # as the command does before it starts: not timed
    start_cost = 0.0
    cpu = cpu_seconds()
    if config.startswith("dask"):
        import distributed

        begin = time.perf_counter()
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = distributed.Client(cluster)
        start_cost = time.perf_counter() - begin
        begin = time.perf_counter()
        results = corpus.extract_corpus(paths, client=client, candidates=True)
        seconds = time.perf_counter() - begin
        client.close()
        cluster.close()
    elif config == "pool 1":
        # jobs=1 runs in the calling process; a pool of one worker shows the cost of
        # sending each document to another process and its result back
        begin = time.perf_counter()
        with ProcessPoolExecutor(1) as pool:
            parts = [paths[i : i + 4] for i in range(0, len(paths), 4)]
            task = functools.partial(corpus.extract_partition, candidates=True)
            results = [r for part in pool.map(task, parts) for r in part]
        seconds = time.perf_counter() - begin
    else:
        jobs = 1 if config == "baseline" else int(config.split()[1])
        begin = time.perf_counter()
        results = corpus.extract_corpus(paths, jobs=jobs, candidates=True)
        seconds = time.perf_counter() - begin
    cpu = cpu_seconds() - cpu
    digest = hashlib.sha256()
    for result in results:
        digest.update(json.dumps([result.name, result.error, result.records()], sort_keys=True).encode())
        if result.document is not None:
            rows = [c.to_row(result.document.text) for c in result.candidates]
            digest.update(json.dumps(rows, sort_keys=True).encode())
    return {
        "config": config,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "start_seconds": start_cost,
        "failed": sum(1 for r in results if not r.ok),
        "digest": digest.hexdigest(),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run_command(config: str, paths: list[str]) -> dict:
    """The whole command, as a user runs it: start, gazetteer, cluster, output."""
    geo = Path(sys.executable).with_name("geo")
    cpu = cpu_seconds()
    begin = time.perf_counter()
    done = subprocess.run(
        [str(geo), "extract", *paths, "--json", *config.split()[2:]], capture_output=True, check=False
    )
    seconds = time.perf_counter() - begin
    if done.returncode:
        raise SystemExit(f"{config}: exit status {done.returncode}: {done.stderr.decode()[-2000:]}")
    return {
        "config": config,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - cpu,
        "start_seconds": 0.0,
        "failed": 0,
        "digest": hashlib.sha256(done.stdout).hexdigest(),
        # the largest of the command's processes (itself or a worker)
        "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "worker_rss_mb": 0,
    }


def baseline_of(config: str) -> str:
    return "geo extract" if config.startswith("geo extract") else "baseline"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=400, help="documents in the corpus (default: 400)")
    parser.add_argument("--jobs", default="1,2,4", help="pool sizes to measure (default: 1,2,4)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each configuration; the median is kept")
    parser.add_argument("--no-dask", action="store_true", help="leave out the LocalCluster")
    parser.add_argument(
        "--cli",
        action="store_true",
        help="also time the whole command: geo extract FILES --json, with --jobs 2 and --scheduler local:2",
    )
    parser.add_argument("--only-cli", action="store_true", help="time only the whole command")
    parser.add_argument("--quick", action="store_true", help="60 documents, one run of each")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: one configuration, in a child process
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:
        print(json.dumps(run_one(args.run, args.folder)))
        return 0
    if args.quick:
        args.docs, args.repeat = 60, 1
    configs = ["baseline", *(f"pool {int(n)}" for n in args.jobs.split(","))]
    if not args.no_dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("dask.distributed is not installed: the LocalCluster is left out", file=sys.stderr)
        else:
            configs.append("dask local:2")
    if args.cli or args.only_cli:
        commands = ["geo extract", "geo extract --jobs 2"]
        if "dask local:2" in configs:
            commands.append("geo extract --scheduler local:2")
        configs = commands if args.only_cli else [*configs, *commands]
    runs: dict[str, list[dict]] = {c: [] for c in configs}
    with tempfile.TemporaryDirectory(prefix="extract-corpus-") as tmp:
        folder = Path(tmp)
        words = make_corpus(folder, args.docs)
        print(f"{args.docs} documents, {words:,} words; {args.repeat} run(s) of each", file=sys.stderr)
        for repeat in range(args.repeat):
            for config in configs:
                done = subprocess.run(
                    [sys.executable, __file__, "--run", config, "--folder", str(folder)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if done.returncode:
                    sys.exit(f"{config}: failed:\n{done.stderr}")
                result = json.loads(done.stdout.strip().splitlines()[-1])
                runs[config].append(result)
                print(f"  run {repeat + 1} {config}: {result['seconds']:.2f} s", file=sys.stderr)
    table = []
    for config in configs:
        base = statistics.median(r["seconds"] for r in runs[baseline_of(config)])
        base_digest = runs[baseline_of(config)][0]["digest"]
        seconds = statistics.median(r["seconds"] for r in runs[config])
        # each run against the baseline's run of the same round, just before it: on a shared
        # machine the load changes from minute to minute, and paired ratios follow it better
        paired = [b["seconds"] / r["seconds"] for b, r in zip(runs[baseline_of(config)], runs[config], strict=True)]
        table.append(
            {
                "config": config,
                "seconds": round(seconds, 3),
                "start_seconds": round(statistics.median(r["start_seconds"] for r in runs[config]), 3),
                "cpu_seconds": round(statistics.median(r["cpu_seconds"] for r in runs[config]), 2),
                "words_per_second": round(words / seconds),
                "speedup": round(base / seconds, 2),
                "paired_speedup": round(statistics.median(paired), 2),
                "identical": all(r["digest"] == base_digest for r in runs[config]),
                "rss_mb": round(max(r["rss_mb"] for r in runs[config])),
                "worker_rss_mb": round(max(r["worker_rss_mb"] for r in runs[config])),
            }
        )
    if args.json:
        print(json.dumps({"documents": args.docs, "words": words, "repeat": args.repeat, "results": table}))
    else:
        print(f"{args.docs} documents, {words:,} words, median of {args.repeat} run(s)")
        header = f"{'configuration':<31} {'seconds':>8} {'start s':>8} {'words/s':>9} {'vs 1 proc':>9} "
        print(header + f"{'paired':>7} {'CPU s':>7} {'identical':>9} {'peak MB':>8} {'worker MB':>9}")
        for row in table:
            start = f"{row['start_seconds']:.2f}" if row["start_seconds"] else "-"
            print(
                f"{row['config']:<31} {row['seconds']:>8.2f} {start:>8} {row['words_per_second']:>9,} "
                f"{row['speedup']:>8.2f}x {row['paired_speedup']:>6.2f}x {row['cpu_seconds']:>7.1f} "
                f"{'yes' if row['identical'] else 'NO':>9} "
                f"{row['rss_mb']:>8} "
                f"{row['worker_rss_mb'] or '-':>9}"
            )
    return 0 if all(row["identical"] for row in table) else 1


if __name__ == "__main__":
    sys.exit(main())
