"""The ``geo`` command: one entry point, one module per subcommand.

Exit status: 0 on success, 1 when some input could not be handled (a message per
input on stderr) or the output could not be written, 2 on usage errors, 130 when
interrupted, 141 when the reader of the output went away. Every error ends in one line
on stderr (see :func:`main`). Heavy libraries are imported by the subcommand
that needs them, so that ``geo --help`` answers at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

from .. import __version__
from ._streams import (
    EXIT_BROKEN_PIPE,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Output,
    OutputError,
    fail,
    flush_stdout,
    os_error_text,
    output_encoding,
    silence_stdout,
)

# subcommand -> (module, one-line help)
SUBCOMMANDS = {
    "geocode": ("geo.cli.geocode", "find places by name, any spelling (also in batch from a CSV file)"),
    "reverse": ("geo.cli.reverse", "name the places near a point and the areas that contain it"),
    "places": ("geo.cli.places", "search and list the gazetteer's places"),
    "distance": ("geo.cli.distance", "geodesic distance and bearing between two places or points, with uncertainty"),
    "area": ("geo.cli.area", "geodesic area of a GeoJSON file's polygons, of a gazetteer area, or of an actor's zone"),
    "validate": ("geo.cli.validate", "check a folder of records: every problem with its file, line and column"),
    "import": ("geo.cli.importer", "turn an ACLED or UCDP GED export into incidents in the project's schema"),
    "export": ("geo.cli.export", "write every layer (places, areas, records, influence, intensity) for QGIS and maps"),
    "timeline": ("geo.cli.timeline", "an actor's zone areas (control, contested, activity, influence) per period"),
    "stats": (
        "geo.cli.stats",
        "incidents and fatalities per region, cercle, country, hexagonal cell, actor or event type, per period",
    ),
    "map": ("geo.cli.map", "draw an interactive HTML map of zones, incidents and intensity over time"),
    "render": ("geo.cli.render", "render the map recipes (maps/*.toml) to self-contained HTML files"),
    "snapshot": ("geo.cli.snapshot", "draw the map on one day as a static figure (PNG, SVG or PDF) for print"),
    "chart": ("geo.cli.chart", "chart an actor's zone areas over time as a static figure (PNG, SVG or PDF)"),
    "report": ("geo.cli.report", "write one self-contained HTML report: map, charts, incidents and sources"),
    "extract": ("geo.cli.extract", "find places, actors, dates and tolls in articles; propose candidate records"),
    "check": ("geo.cli.check", "check the sources' numbers (distances, areas, tolls) against the gazetteer and zones"),
}

DESCRIPTION = (
    "Sahel conflict atlas: an offline gazetteer, cited conflict records and influence zones "
    "for Mali and its borderlands."
)

EPILOG = """examples:
  geo geocode Ménaka Tidarméné "75 km north of Ménaka"
  geo geocode Sokolo --admin1 Ségou --json
  geo geocode --batch places.csv --json > resolved.jsonl
  geo reverse 15.93 2.41
  geo places menaka --tier curated
  geo render                                   # every map recipe into maps/out/
  geo map --area ml-region-menaka --from 2022 --to 2023-04 --self-contained --out menaka.html
  geo export --format gpkg --out maps/out
  geo distance Tidermène Ménaka
  geo area "Ménaka region"
  geo timeline ISGS --from 2021-06 --to 2023-04 --every quarter
  geo area ISGS --at 2023-04-30 --method voronoi
  geo check --verdict inconsistent
  geo stats --by cercle --every quarter --from 2022

Run 'geo COMMAND --help' for a command's options."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``geo`` parser: every subcommand with its options, or, given ``command``, only
    that subcommand's options (the others listed with their help but not imported), so
    that a command imports its own module alone.

    Examples
    --------
    >>> build_parser("geocode").parse_args(["geocode", "Ménaka", "--json"]).json
    True
    """
    parser = argparse.ArgumentParser(
        prog="geo",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geo {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
        sub.set_defaults(_module=module)
        if command is None or command == name:
            import_module(module).add_arguments(sub)
    return parser


def _command_of(argv: list[str]) -> str:
    """The subcommand ``argv`` names (its first word that is no option), or ``""``.

    Examples
    --------
    >>> _command_of(["--version"]), _command_of(["geocode", "Ménaka"]), _command_of(["nonsense"])
    ('', 'geocode', '')
    """
    word = next((item for item in argv if not item.startswith("-")), "")
    return word if word in SUBCOMMANDS else ""


# Options whose value may start with a minus sign (a western longitude), which argparse
# would otherwise take for an option: "--bbox -6.5,13.5,4.5,21.5".
NEGATIVE_VALUE_OPTIONS = ("--bbox",)


def _join_negative_values(argv: list[str]) -> list[str]:
    """``["--bbox", "-6.5,13.5,4.5,21.5"]`` -> ``["--bbox=-6.5,13.5,4.5,21.5"]``.

    Examples
    --------
    >>> _join_negative_values(["map", "--bbox", "-6.5,13.5,4.5,21.5", "--out", "x.html"])
    ['map', '--bbox=-6.5,13.5,4.5,21.5', '--out', 'x.html']
    """
    joined: list[str] = []
    skip = False
    for i, item in enumerate(argv):
        if skip:
            skip = False
            continue
        if (
            item in NEGATIVE_VALUE_OPTIONS
            and i + 1 < len(argv)
            and argv[i + 1].startswith("-")
            and argv[i + 1][1:2].isdigit()
        ):
            joined.append(f"{item}={argv[i + 1]}")
            skip = True
        else:
            joined.append(item)
    return joined


def entry() -> int:
    """The ``geo`` program (the console script and ``python -m geo``): :func:`main`, in a
    process

    - whose numpy keeps OpenBLAS to one thread unless ``OPENBLAS_NUM_THREADS`` is set
      (the commands do no linear algebra, and OpenBLAS's pool of threads costs about
      0.08 s of CPU at numpy's import, a third of a ``geo geocode``'s);
    - that a SIGTERM (a scheduler's time limit, ``kill``) ends as Ctrl-C does, its
      files not yet in place removed, with the status 143 and nothing said.
    """
    import signal

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    def terminated(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    return main()


def main(argv: list[str] | None = None) -> int:
    """Run the ``geo`` command; return its exit status.

    Every error a user can cause ends in one line on stderr and a status: 2 for a
    usage error (a bad option or value), 1 for an input that could not be handled or
    output that could not be written, 130 when interrupted (Ctrl-C), 141 when the
    reader of the output went away (``geo places | head``). An error the toolkit did not
    foresee is reported in one line as an internal error; ``GEO_DEBUG=1`` shows its
    traceback.
    """
    from ..errors import GeoError, InputError

    output_encoding()
    words = _join_negative_values(sys.argv[1:] if argv is None else list(argv))
    # Only the named subcommand's module is imported; with none (geo --help), none is.
    parser = build_parser(_command_of(words))
    try:
        args = parser.parse_args(words)
    except SystemExit as done:  # --help, --version or a usage error: argparse has printed it
        status = flush_stdout("geo") if done.code in (0, None) else EXIT_OK
        if status:
            return status
        raise
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    name = f"geo {args.command}"
    stdout = sys.stdout
    sys.stdout = Output(stdout)
    try:
        status = import_module(args._module).run(args)
        sys.stdout.flush()  # a full device or a closed pipe is reported here, not at exit
        return status
    except OutputError as error:
        silence_stdout()
        return fail(name, f"error: cannot write to standard output: {error.strerror}", EXIT_INPUT)
    except InputError as error:
        return fail(name, f"error: {error}", EXIT_USAGE)
    except GeoError as error:
        return fail(name, f"error: {error}", EXIT_INPUT)
    except KeyboardInterrupt:
        return fail(name, "interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        silence_stdout()  # the reader went away (e.g. `geo places | head`): nothing to say
        return EXIT_BROKEN_PIPE
    except UnicodeEncodeError as error:
        return fail(
            name,
            f"error: the output holds {error.object[error.start : error.end]!r}, which the encoding "
            f"{error.encoding!r} cannot write; set PYTHONIOENCODING=utf-8",
            EXIT_INPUT,
        )
    except OSError as error:
        return fail(name, f"error: {os_error_text(error)}", EXIT_INPUT)
    except RecursionError:
        return fail(name, "error: the input is nested too deeply to be read (recursion limit reached)", EXIT_INPUT)
    except MemoryError:
        return fail(name, "error: out of memory; give a smaller input (or a narrower --from/--to, --area)", EXIT_INPUT)
    except Exception as error:
        if os.environ.get("GEO_DEBUG", "") not in ("", "0"):
            raise
        message = " ".join(str(error).split())[:300]
        return fail(
            name,
            f"internal error: {type(error).__name__}: {message} — please report this with the command that "
            "caused it; set GEO_DEBUG=1 to see the traceback",
            EXIT_INPUT,
        )
    finally:
        if isinstance(sys.stdout, Output):
            sys.stdout = stdout
