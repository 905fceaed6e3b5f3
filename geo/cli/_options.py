"""Registry of the options the ``geo`` commands share, each defined once (rasterio's
``rio/options.py``): its flag, metavar, help and, where its value needs one, the
library's parser (:mod:`geo.render.options`, :mod:`geo.dates`, :mod:`geo.countries`),
never a copy of it; then the groups several commands add together, and the loaders of
what the options name (:func:`load_gazetteer`, :func:`load_seeds`, :func:`load_records_of`).

.. code-block:: none

    ACTOR                  an actor (argument).  In timeline, chart
    --gazetteer, --no-osm  the gazetteer read.  In every command
    --seeds                the records folder read.  In every command but geocode, reverse,
                           places, distance
    --incidents            incidents from a CSV or GeoParquet file.  In map, snapshot, report,
                           chart, timeline, stats, export, check, area (actors only);
                           validate checks them (INCIDENTS_CHECKED)
    --from, --to           the first and last day (EDTF).  In map, report, chart, timeline;
                           stats selects the incidents that may have happened then
                           (FROM_INCIDENTS, TO_INCIDENTS)
    --at                   one day (EDTF).  In snapshot, area (actors only)
    --date                 the date a text or a query refers to (EDTF).  In geocode, extract
    --country              a country, by ISO code or name.  In geocode, places
    --limit                at most this many places.  In places, reverse
    --source               the source id records cite.  In import (csv), extract
    --actors               only these actors.  In map, snapshot, report, stats
    --area | --bbox        the extent.  In map, snapshot, report
    --step                 how a map's time control moves.  In map
    --window-days          the days of incidents shown.  In map, snapshot
    --title                a title.  In map, snapshot, report
    --every                the period.  In report, chart, timeline, stats, export (influence layer)
    --method, --param,     the influence method, its parameters and activity window.
    --window               In map, snapshot, report, chart, timeline, area, export;
                           check takes --method repeated (METHOD_EACH)
    --out                  what is written: an HTML file (map, report), a figure (snapshot,
                           chart), a folder (export, render), incidents.csv (import)
    --batch                a CSV file of queries or pairs.  In geocode, distance
    --json                 JSON Lines, one object per row (JSON_LINES: geocode, places, stats,
                           timeline, validate, check, extract, distance) or one JSON object
                           (JSON_OBJECT: reverse, area)
    --csv, --raw           CSV output, and its cells written exactly.  In geocode, places,
                           stats, timeline, check; --raw also in export and distance

A command adds an option with :meth:`Option.add`, which may name the option's ``scope``
(``"actors"`` in ``geo area``: ``actors: the day ...``), a ``note`` (``(with --csv)``) or
what each output line holds (``each``), never another help text: ``tests/test_cli_options.py``
checks that every command shows the registry's.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..schema import METHODS, PERIODS, STEPS

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..records import Records
    from ..seeds import Seeds


class _Container(Protocol):
    """What options are added to: a parser, an argument group, a mutually exclusive group."""

    def add_argument(self, *name_or_flags: str, **kwargs: Any) -> argparse.Action: ...


#: ``add`` leaves an option's own default when given this.
_KEEP = object()


class Option:
    """One command-line option: flag, metavar, help, argparse's keywords and, when its
    text needs reading, the library parser :meth:`value` applies. Read-only.

    ``help`` may hold ``{each}``, filled by :meth:`add` (what each output line holds).
    A default other than ``None``, ``False`` or ``[]`` is shown as ``(default: ...)``.
    (A plain class, not a dataclass: ``dataclasses`` imports ``inspect``, which would
    slow every ``geo COMMAND --help``.)

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> _ = FROM.add(parser)
    >>> FROM.value(parser.parse_args(["--from", "2022-03"]))
    datetime.date(2022, 3, 1)
    >>> JSON_LINES.help_text(each="place")
    'JSON Lines output: one object per place'
    """

    __slots__ = ("action", "choices", "default", "dest", "flag", "help", "metavar", "parse", "type")
    flag: str
    help: str
    metavar: str | None
    dest: str | None
    action: str | None
    default: Any
    type: Callable[[str], Any] | None
    choices: tuple[str, ...] | None
    parse: Callable[[Any], Any] | None

    def __init__(
        self,
        flag: str,
        help: str,
        *,
        metavar: str | None = None,
        dest: str | None = None,
        action: str | None = None,
        default: Any = None,
        type: Callable[[str], Any] | None = None,
        choices: tuple[str, ...] | None = None,
        parse: Callable[[Any], Any] | None = None,
    ) -> None:
        given = {"flag": flag, "help": help, "metavar": metavar, "dest": dest, "action": action, "default": default}
        given |= {"type": type, "choices": choices, "parse": parse}
        for key, value in given.items():
            object.__setattr__(self, key, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: {name} is defined once, in the registry")

    def __repr__(self) -> str:
        return f"Option({self.flag!r}, {self.help!r})"

    @property
    def name(self) -> str:
        """The attribute of the parsed arguments that holds the value: ``--no-osm`` -> ``osm``."""
        return self.dest or self.flag.lstrip("-").replace("-", "_")

    def help_text(
        self, *, scope: str | None = None, note: str | None = None, each: str | None = None, default: Any = _KEEP
    ) -> str:
        """The help a command shows: ``scope: help (note; default: ...)``."""
        text = self.help.format(each=each) if each is not None else self.help
        if scope:
            text = f"{scope}: {text}"
        shown = self.default if default is _KEEP else default
        tail = [part for part in (note, "default: %(default)s" if shown not in (None, False, []) else "") if part]
        return f"{text} ({'; '.join(tail)})" if tail else text

    def add(
        self,
        parser: _Container,
        *,
        scope: str | None = None,
        note: str | None = None,
        each: str | None = None,
        default: Any = _KEEP,
        required: bool = False,
    ) -> argparse.Action:
        """Add the option to ``parser`` (or a group); ``default`` and ``required`` may differ by command."""
        keywords: dict[str, Any] = {"help": self.help_text(scope=scope, note=note, each=each, default=default)}
        for key in ("metavar", "dest", "action", "type", "choices"):
            if getattr(self, key) is not None:
                keywords[key] = getattr(self, key)
        value = self.default if default is _KEEP else default
        if value is not None:  # a fresh list each time: argparse appends to it
            keywords["default"] = list(value) if isinstance(value, list) else value
        if required:
            keywords["required"] = True
        return parser.add_argument(self.flag, **keywords)

    def value(self, args: argparse.Namespace) -> Any:
        """The option's value in ``args``, read by the library parser if it has one (``None`` when not given)."""
        raw = getattr(args, self.name, None)
        return raw if raw is None or self.parse is None else self.parse(raw)

    def matches(self, help: str | None) -> bool:
        """Whether ``help`` is this option's help as :meth:`add` writes it, with any scope and note."""
        template = re.escape(self.help).replace(re.escape("{each}"), ".+")
        pattern = rf"([^:]+: )?{template}( \(.+\))?"
        return help is not None and re.fullmatch(pattern, help, flags=re.DOTALL) is not None


# --- the library parsers, imported when a value is read (geo --help imports none) -----


def _library(parser: str, *args: Any) -> Callable[[Any], Any]:
    """``geo.render.options.<parser>(value, *args)``, that module imported at the first value read."""

    def parse(value: Any) -> Any:
        from ..render import options

        return getattr(options, parser)(value, *args)

    parse.__name__ = parser
    return parse


def _country(value: Any) -> Any:
    """:func:`geo.countries.country_code`: ``"Niger"`` -> ``"NE"``."""
    from ..countries import country_code

    return country_code(value)


def _edtf(flag: str) -> Callable[[Any], Any]:
    """:func:`geo.dates.parse_date`, its message starting with ``flag`` and the value."""

    def parse(value: Any) -> Any:
        from ..dates import parse_date
        from ..errors import InputError

        try:
            return parse_date(value)
        except InputError as error:
            raise InputError(f"{flag} {value!r}: {error}") from None

    return parse


# --- the registry --------------------------------------------------------------------

ACTOR = Option("actor", "an actor id or any of its names (ISGS, EIGS, 'Islamic State Sahel')", metavar="ACTOR")
GAZETTEER = Option(
    "--gazetteer",
    "use the gazetteer in DIR (places.csv, optional areas.geojson and reference/) instead of the bundled one",
    metavar="DIR",
    type=Path,
)
NO_OSM = Option(
    "--no-osm",
    "leave out the OpenStreetMap tier (ODbL) of the gazetteer: GeoNames and curated places only",
    dest="osm",
    action="store_false",
)
SEEDS = Option(
    "--seeds",
    "read the records in DIR (incidents.csv, claims.csv...; its sources.csv and actors.csv extend the bundled ones, "
    "its rows winning over bundled rows of the same id) instead of the bundled records",
    metavar="DIR",
    type=Path,
)
INCIDENTS = Option(
    "--incidents",
    "incidents from this CSV (the project's schema, e.g. from geo import), or from a GeoParquet file or folder "
    "(e.g. from geo export --format parquet; needs pyarrow), instead of the records' own; "
    "the actors.csv and sources.csv beside it (in the folder), if any, extend the bundled ones",
    metavar="FILE",
    type=Path,
)
INCIDENTS_CHECKED = Option(
    "--incidents",
    "check the incidents of FILE (the project's schema, e.g. from geo import) with the other records; "
    "the actors.csv and sources.csv beside it, if any, extend the bundled ones",
    metavar="FILE",
    type=Path,
)
FROM = Option(
    "--from",
    "first day (EDTF: 2022, 2022-03, 2022-03-08)",
    metavar="DATE",
    dest="start",
    parse=_library("parse_bound", "from"),
)
TO = Option(
    "--to",
    "last day (EDTF; '2023' means to 2023-12-31)",
    metavar="DATE",
    dest="end",
    parse=_library("parse_bound", "to"),
)
FROM_INCIDENTS = Option(
    "--from",
    "only incidents that may have happened on or after DATE's first day (EDTF: 2022, 2022-03, 2022-03-08)",
    metavar="DATE",
    dest="start",
    parse=_library("parse_bound", "from"),
)
TO_INCIDENTS = Option(
    "--to",
    "only incidents that may have happened on or before DATE's last day (--to 2022: to 31 December)",
    metavar="DATE",
    dest="end",
    parse=_library("parse_bound", "to"),
)
AT = Option(
    "--at",
    "the day (EDTF; a month or a year, such as 2023-04, means its last day)",
    metavar="DATE",
    parse=_library("parse_bound", "at"),
)
DATE = Option(
    "--date", "{each}: an EDTF date such as 2022-06-20, 2022-06 or 2022", metavar="DATE", parse=_edtf("--date")
)
ACTORS = Option(
    "--actors", "only these actors: ids or names, comma-separated", metavar="A,B", parse=_library("parse_actors")
)
COUNTRY = Option("--country", "{each}: an ISO code or a name (ML, Niger...)", metavar="CC", parse=_country)
LIMIT = Option("--limit", "at most this many {each}", metavar="N")
SOURCE = Option("--source", "the id in sources.csv that {each} cite", metavar="ID")
AREA = Option("--area", "the extent of an area of the gazetteer (e.g. ml-region-menaka)", metavar="AREA")
BBOX = Option(
    "--bbox", "the extent as west,south,east,north in degrees", metavar="W,S,E,N", parse=_library("parse_bbox")
)
STEP = Option("--step", "how the time control moves", metavar="|".join(STEPS), default="auto")
WINDOW_DAYS = Option("--window-days", "days of incidents shown up to {each}, 1 to 36525", metavar="DAYS")
TITLE = Option("--title", "the title of the {each}")
EVERY = Option(
    "--every", "the period of {each}", metavar="|".join(PERIODS), default="month", parse=_library("parse_every")
)
METHOD = Option(
    "--method",
    "how places become areas: geodesic discs by kind of place, or Voronoi cells among settlements",
    choices=METHODS,
    default="buffer",
)
METHOD_EACH = Option(
    "--method",
    "influence method for an actor's zone: buffer or voronoi (repeat for several; default: both)",
    metavar="M",
    action="append",
)
PARAM = Option(
    "--param",
    "override a method parameter, e.g. max_km=30, radius_km.town=20, activity_km=10 "
    "(repeatable; see the README's table of parameters)",
    metavar="NAME=VALUE",
    action="append",
    default=[],
)
WINDOW = Option("--window", "trailing window of the activity zone in days (default: 90)", metavar="DAYS", type=int)
OUT_HTML = Option("--out", "the HTML file to write", metavar="FILE")
OUT_FIGURE = Option("--out", "the figure: FILE.png, .svg or .pdf", metavar="FILE")
OUT_FOLDER = Option("--out", "output folder", metavar="DIR", default=Path("maps/out"))
OUT_INCIDENTS = Option("--out", "incidents.csv to write", metavar="OUT.csv")
BATCH = Option("--batch", "CSV file of {each}; '-' reads standard input", metavar="FILE")
JSON_LINES = Option("--json", "JSON Lines output: one object per {each}", action="store_true")
JSON_OBJECT = Option("--json", "one JSON object", action="store_true")
CSV = Option("--csv", "CSV output: a header, then one row per {each}", action="store_true")
RAW = Option(
    "--raw",
    "write CSV cells exactly, without the leading apostrophe that keeps formulas from running in spreadsheets",
    action="store_true",
)

#: Every option of the registry, by its name in this module.
OPTIONS: dict[str, Option] = {name: value for name, value in dict(globals()).items() if isinstance(value, Option)}


# --- groups that several commands add together ---------------------------------------


def add_gazetteer_options(parser: _Container) -> None:
    """``--gazetteer DIR`` and ``--no-osm``."""
    GAZETTEER.add(parser)
    NO_OSM.add(parser)


def add_records_options(parser: _Container, *, incidents: bool = True) -> None:
    """``--seeds DIR`` and (``incidents``) ``--incidents FILE``, then the gazetteer's."""
    SEEDS.add(parser)
    if incidents:
        INCIDENTS.add(parser)
    add_gazetteer_options(parser)


def add_range_options(parser: _Container) -> None:
    """``--from`` and ``--to`` (EDTF)."""
    FROM.add(parser)
    TO.add(parser)


def add_output_options(parser: argparse.ArgumentParser, *, each: str, raw: bool = True) -> None:
    """``--json`` or ``--csv`` (one of them), and (``raw``) ``--raw``."""
    output = parser.add_mutually_exclusive_group()
    JSON_LINES.add(output, each=each)
    CSV.add(output, each=each)
    if raw:
        RAW.add(parser, note="with --csv")


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """``--actors``, ``--area`` or ``--bbox``, and ``--incidents``."""
    ACTORS.add(parser)
    where = parser.add_mutually_exclusive_group()
    AREA.add(where)
    BBOX.add(where)
    INCIDENTS.add(parser)


def add_influence_options(parser: argparse.ArgumentParser) -> None:
    """``--method``, ``--param`` and ``--window``, in their own group."""
    group = parser.add_argument_group("influence zones")
    METHOD.add(group)
    PARAM.add(group)
    WINDOW.add(group)


def split_list(text: str | None, option: str, hint: str) -> list[str] | None:
    """The values of a comma-separated option; ``None`` when not given; none at all is an error.

    Examples
    --------
    >>> split_list("ML, BF", "--countries", "ISO2 codes such as ML,BF")
    ['ML', 'BF']
    >>> split_list(",", "--countries", "ISO2 codes such as ML,BF")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --countries ',': no value given; give ISO2 codes such as ML,BF
    """
    from ..errors import InputError

    if text is None:
        return None
    values = [part.strip() for part in text.split(",") if part.strip()]
    if not values:
        raise InputError(f"{option} {text!r}: no value given; give {hint}")
    return values


# --- from the options' values to the library's objects --------------------------------


def load_gazetteer(args: argparse.Namespace) -> Gazetteer:
    """The gazetteer of ``--gazetteer`` (default: the bundled one), without OSM with ``--no-osm``."""
    from ..gazetteer import Gazetteer

    return Gazetteer.load(args.gazetteer, osm=getattr(args, "osm", True))


def load_seeds(args: argparse.Namespace) -> Seeds:
    """The records of ``--seeds`` (default: the bundled ones), with the incidents of
    ``--incidents`` (and the actors and sources beside it) when the command has it
    (:meth:`geo.seeds.Seeds.with_incidents`)."""
    from ..seeds import Seeds

    seeds = Seeds.load(args.seeds)
    incidents = getattr(args, "incidents", None)
    return seeds if incidents is None else seeds.with_incidents(incidents)


def load_records_of(args: argparse.Namespace, gazetteer: Gazetteer) -> Records:
    """Valid records for a command (:func:`load_seeds`, then :func:`geo.records.load_records`);
    a :class:`~geo.errors.RecordsError` names ``--incidents FILE`` when one was given."""
    from ..records import load_records

    return load_records(load_seeds(args), gazetteer=gazetteer)


def record_inputs(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """Every file a command's records are read from, for :func:`geo._io.check_output`'s ``inputs``."""
    from ..seeds import Seeds, beside_folder, parquet_files

    found: list[tuple[str, Path]] = [("records file", path) for path in Seeds.paths(args.seeds).values()]
    incidents = getattr(args, "incidents", None)
    if incidents is not None:
        found.append(("--incidents", Path(incidents)))
        if Path(incidents).is_dir():
            found.extend(("--incidents", path) for path in parquet_files(incidents))
        beside = ("actors.csv", "sources.csv", "claims.csv")
        found.extend(("records file", beside_folder(incidents) / name) for name in beside)
    return found
