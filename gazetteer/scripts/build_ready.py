"""Build the load-ready form of the gazetteer (``gazetteer.ready``, see ``geo/_ready.py``).

The file is derived and never committed (``.gitignore``). Nobody needs to run this
script: a wheel is built with the file inside it (``setup.py``), and in a checkout the
first ``Gazetteer.load()`` after a change to ``places.csv``, ``areas.geojson``, the
reference tiers (``reference/*.cols.gz``) or the loading rules reads the sources and
writes the file into the user's cache (``$SAHEL_ATLAS_CACHE``, else
``$XDG_CACHE_HOME/sahel-atlas``, else ``~/.cache/sahel-atlas``). Run it to warm that
cache ahead of time, or to write the file somewhere else::

    python gazetteer/scripts/build_ready.py                 # into the cache (about 3 s)
    python gazetteer/scripts/build_ready.py --out FILE      # to FILE
    python gazetteer/scripts/build_ready.py --check         # exit 1 if no fresh file would be read

A stale or missing file is never an error: ``Gazetteer.load()`` then reads the sources
(slower, same results).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # the gazetteer folder
sys.path.insert(0, str(HERE.parent))  # the repository, for geo

from geo._ready import cache_path, prune_cache, ready_file, ready_is_fresh
from geo.errors import GeoError
from geo.gazetteer import write_ready_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=HERE, help="the gazetteer folder (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="where to write the file (default: the user's cache)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="only say whether the file (--out, else the one Gazetteer.load() would read) is fresh; exit 1 if not",
    )
    args = parser.parse_args(argv)
    if args.check:
        if args.out is not None:
            fresh: Path | None = args.out if ready_is_fresh(args.dir, args.out) else None
        else:
            fresh = ready_file(args.dir)
        where = args.out or cache_path(args.dir)
        print(f"{fresh}: fresh" if fresh else f"{where}: STALE or missing: run gazetteer/scripts/build_ready.py")
        return 0 if fresh else 1
    started = time.perf_counter()
    target = args.out or cache_path(args.dir)
    try:
        path = write_ready_file(args.dir, target)
    except (GeoError, OSError) as error:
        print(f"build_ready: error: {error}", file=sys.stderr)
        return 1
    if args.out is None:
        prune_cache(path)  # the folder's older cache files
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
