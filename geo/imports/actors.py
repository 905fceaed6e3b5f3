"""Actors as the datasets name them: every name an import meets becomes an actor id.

A name is mapped, in this order:

1. by the **alias table** ``seeds/dataset_actors.csv`` (:class:`DatasetAliases`): a row
   names a dataset (``acled``, ``ucdp`` or ``*``), a name as that dataset writes it, the
   curated actor id, and optionally the countries (ISO2) and the dates (EDTF ``from``,
   ``to``) it holds for. The first row that fits wins; names are compared with
   :func:`geo.names.normalize` after dropping a period suffix such as ``(2021-)`` or
   ``(2013-2020)`` (:func:`strip_period`);
2. by the **curated aliases** of ``actors.csv`` (:meth:`geo.actors.ActorIndex.resolve`);
3. otherwise by a **new actor**: a stable id made from the name (:func:`slug`, ``-2``,
   ``-3``... when taken), the name, a kind from ACLED's ``inter`` code or UCDP's side
   (:func:`actor_kind`) and a colour of that kind (:func:`kind_colour`).

:class:`ActorMapper` does this and remembers what it made: ``new_actors`` are rows of
``actors.csv``, to be written beside the incidents so that every command reads them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from ..dates import DateInterval, parse_date
from ..errors import DataError, InputError
from ..names import normalize
from .acled_codes import acled_inter

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..seeds import Table

__all__ = [
    "ALIAS_TABLE",
    "GOVERNMENT_OF",
    "INTER_CODE_KINDS",
    "KIND_COLOURS",
    "ActorMapper",
    "DatasetAlias",
    "DatasetAliases",
    "Mapping",
    "actor_kind",
    "import_actor_table",
    "kind_colour",
    "slug",
    "strip_period",
]

# The alias table's file name, in a records folder (the bundled one: seeds/).
ALIAS_TABLE = "dataset_actors.csv"
ALIAS_COLUMNS = ("dataset", "name", "actor", "countries", "from", "to", "note")

# How a name was mapped (Mapping.how).
BY_TABLE = "alias table"
BY_ALIAS = "alias"
NEW = "new actor"

_PERIOD = re.compile(r"\s*\(\s*(?:\d{4}\s*-\s*(?:\d{4})?|\d{4})\s*\)\s*$")
# "Government of Mali": UCDP's name for a state's side
GOVERNMENT_OF = re.compile(r"^government of (.+)$", re.IGNORECASE)
_FORCES_OF = re.compile(r"\bof ([A-Z][^()]+?)\s*(?:\(|$)")

# ACLED's actor type codes (see :func:`geo.imports.acled_codes.acled_inter`) -> kind.
INTER_CODE_KINDS: dict[str, str] = {
    "1": "state",
    "2": "rebel",
    "3": "militia",
    "4": "militia",
    "5": "civilians",  # rioters
    "6": "civilians",  # protesters
    "7": "civilians",
    "8": "international",  # external/other forces
}

# Colour-blind-safe shades (ColorBrewer BrBG, RdBu, PuOr, greys) for each kind: a new
# actor takes one of its kind's, chosen from its id, so that it is the same every run.
KIND_COLOURS: dict[str, tuple[str, ...]] = {
    "state": ("#8c510a", "#bf812d", "#a6611a", "#dfc27d"),
    "foreign_state": ("#525252", "#737373", "#969696", "#636363"),
    "rebel": ("#2166ac", "#4393c3", "#053061", "#92c5de"),
    "militia": ("#542788", "#8073ac", "#2d004b", "#b2abd2"),
    "jihadist": ("#b2182b", "#d6604d", "#67001f", "#f4a582"),
    "international": ("#01665e", "#35978f", "#003c30", "#80cdc1"),
    "private_military": ("#1a1a40", "#3f3f74"),
    "organisation": ("#7b8794", "#9aa5b1"),
    "civilians": ("#d9d9d9", "#bdbdbd", "#e7d8c0", "#c7b49a"),
    "unidentified": ("#252525", "#4d4d4d"),
}


def strip_period(name: str) -> str:
    """``name`` without ACLED's period suffix, ``(YYYY-)`` or ``(YYYY-YYYY)``.

    Examples
    --------
    >>> strip_period("Military Forces of Mali (2021-)"), strip_period("Police Forces of Mali (2013-2020) Gendarmerie")
    ('Military Forces of Mali', 'Police Forces of Mali (2013-2020) Gendarmerie')
    >>> strip_period("Civilians (Mali)")
    'Civilians (Mali)'
    """
    return _PERIOD.sub("", name).strip()


def slug(name: str) -> str:
    """An actor id made from a name: ASCII lower-case words joined by hyphens.

    Examples
    --------
    >>> slug("Dozo Communal Group (Mali)"), slug("Militia (Students)"), slug("Ménaka — Ġroup"), slug("???")
    ('dozo-communal-group-mali', 'militia-students', 'menaka-group', 'actor')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", text)
    return "-".join(words)[:80].strip("-") or "actor"


def kind_colour(kind: str, actor_id: str) -> str:
    """A colour for a new actor of ``kind``: one of :data:`KIND_COLOURS`, the same for the same id.

    Examples
    --------
    >>> kind_colour("militia", "dozo-communal-group-mali") == kind_colour("militia", "dozo-communal-group-mali")
    True
    >>> kind_colour("militia", "x") in KIND_COLOURS["militia"]
    True
    """
    palette = KIND_COLOURS.get(kind) or KIND_COLOURS["unidentified"]
    digest = hashlib.sha1(actor_id.encode("utf-8")).digest()
    return palette[digest[0] % len(palette)]


def _country_of_name(name: str) -> str:
    """The ISO2 code of the country a state actor's name ends with ("... of Mali"), or ""."""
    from ..countries import country_code

    match = _FORCES_OF.search(name)
    if match is None:
        return ""
    try:
        return country_code(match[1].strip())
    except InputError:
        return ""


def actor_kind(dataset: str, name: str, *, inter: str = "", side: str = "", country: str = "") -> str:
    """The kind (:data:`geo.schema.ACTOR_KINDS`) of a new actor.

    ACLED: from the ``inter`` code of its column (1 state forces, 2 rebel group, 3
    political and 4 identity militia, 5 rioters, 6 protesters, 7 civilians, 8
    external/other forces, or the text forms ACLED writes since 2023); UCDP: a side
    named "Government of X" is a state, any other side an armed group (``rebel``).
    A state other than the event's ``country`` is a ``foreign_state``; no code at all
    gives ``unidentified``.

    Examples
    --------
    >>> actor_kind("acled", "Militia (Students)", inter="4"), actor_kind("acled", "X", inter="Rebel group")
    ('militia', 'rebel')
    >>> actor_kind("acled", "Military Forces of France (2017-)", inter="1", country="ML")
    'foreign_state'
    >>> actor_kind("ucdp", "Government of Mali", side="side_a", country="ML"), actor_kind("ucdp", "MNLA", side="side_b")
    ('state', 'rebel')
    """
    kind = ""
    if dataset == "ucdp":
        if GOVERNMENT_OF.match(name.strip()):
            kind = "state"
        elif normalize(name) == normalize("Civilians"):
            kind = "civilians"
        else:
            kind = "rebel"
    else:
        kind = INTER_CODE_KINDS.get(acled_inter(inter), "")
    if not kind:
        return "unidentified"
    if kind == "state" and country:
        of = _country_of_name(GOVERNMENT_OF.sub(r"Government of \1", strip_period(name)))
        if of and of != country:
            return "foreign_state"
    return kind


@dataclass(frozen=True, slots=True)
class DatasetAlias:
    """One row of the alias table."""

    line: int
    dataset: str  # acled, ucdp or *
    name: str
    actor: str
    countries: frozenset[str] = frozenset()
    start: dt.date | None = None
    end: dt.date | None = None
    note: str = ""
    file: str = ALIAS_TABLE  # the file's name, for the report

    def fits(self, dataset: str, *, country: str, day: dt.date | None) -> bool:
        if self.dataset not in ("*", dataset):
            return False
        if self.countries and country.upper() not in self.countries:
            return False
        if self.start is not None and (day is None or day < self.start):
            return False
        return not (self.end is not None and (day is None or day > self.end))


@dataclass
class DatasetAliases:
    """The alias table: dataset names -> curated actor ids, by country and date.

    Examples
    --------
    >>> aliases = DatasetAliases.bundled()
    >>> aliases.match("ucdp", "IS", country="NE", day=dt.date(2019, 5, 1)).actor
    'isgs'
    >>> aliases.match("ucdp", "IS", country="IQ", day=dt.date(2019, 5, 1)).actor
    'islamic-state'
    >>> aliases.match("acled", "IS", country="ML", day=None) is None
    True
    >>> aliases.match("acled", "Military Forces of Mali (2012-2013)", country="ML", day=None).actor
    'fama'
    """

    rows: list[DatasetAlias] = field(default_factory=list)
    path: Path | None = None

    @classmethod
    def bundled(cls) -> DatasetAliases:
        from .._resources import bundled_dir

        return cls.load(bundled_dir("seeds") / ALIAS_TABLE)

    @classmethod
    def for_folder(cls, seeds_dir: str | Path | None) -> DatasetAliases:
        """The alias table of a records folder (its rows first), then the bundled one."""
        from .._resources import bundled_dir

        bundled = bundled_dir("seeds") / ALIAS_TABLE
        if seeds_dir is None:
            return cls.load(bundled)
        own = Path(seeds_dir) / ALIAS_TABLE
        return cls.load(own, bundled) if not _same(own, bundled) else cls.load(bundled)

    @classmethod
    def load(cls, *paths: str | Path) -> DatasetAliases:
        """The rows of each file in turn (the first file's rows are tried first); missing files are skipped.

        A row that does not read (unknown dataset, country or date) raises
        :class:`~geo.errors.DataError` naming the file and the line.
        """
        from ..countries import country_code

        rows: list[DatasetAlias] = []
        found: Path | None = None
        for given in paths:
            path = Path(given)
            if not path.is_file():
                continue
            found = found or path
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in ("dataset", "name", "actor") if c not in (reader.fieldnames or [])]
                if missing:
                    raise DataError(f"{path}:1: the alias table needs the columns {', '.join(ALIAS_COLUMNS)}")
                for cells in reader:
                    line = reader.line_num
                    get = {k: (v or "").strip() for k, v in cells.items() if k}
                    if not get.get("name") or not get.get("actor"):
                        continue
                    dataset = get.get("dataset", "*").lower() or "*"
                    if dataset not in ("acled", "ucdp", "*"):
                        raise DataError(f"{path}:{line}:dataset: {dataset!r}: write acled, ucdp or *")
                    try:
                        countries = frozenset(
                            country_code(c) for c in get.get("countries", "").split(schema.MULTI_SEPARATOR) if c.strip()
                        )
                        start = parse_date(get["from"]).earliest if get.get("from") else None
                        end = parse_date(get["to"]).latest if get.get("to") else None
                    except InputError as error:
                        raise DataError(f"{path}:{line}: {error}") from None
                    rows.append(
                        DatasetAlias(
                            line,
                            dataset,
                            get["name"],
                            get["actor"],
                            countries,
                            start,
                            end,
                            get.get("note", ""),
                            path.name if path.parent == _bundled_seeds() else str(path),
                        )
                    )
        return cls(rows, found)

    def _index(self) -> None:
        self._by_key: dict[str, list[DatasetAlias]] = {}
        for row in self.rows:
            self._by_key.setdefault(normalize(strip_period(row.name)), []).append(row)

    def __post_init__(self) -> None:
        self._index()

    def conditional(self, name: str) -> bool:
        """Whether some row for ``name`` depends on the country or the date."""
        return any(r.countries or r.start or r.end for r in self._by_key.get(normalize(strip_period(name)), []))

    def match(self, dataset: str, name: str, *, country: str = "", day: dt.date | None = None) -> DatasetAlias | None:
        """The first row for ``name`` (period suffix dropped) that fits the dataset, the country and the day."""
        for row in self._by_key.get(normalize(strip_period(name)), []):
            if row.fits(dataset, country=country, day=day):
                return row
        return None


@dataclass(frozen=True, slots=True)
class Mapping:
    """What one dataset name became: the actor id, and how (alias table, alias, new actor)."""

    name: str
    actor: str
    how: str
    rule: str = ""  # the alias table's file:line, when by the table


class ActorMapper:
    """Maps dataset names to actor ids (alias table, curated aliases, new actors) and keeps the new actors.

    Examples
    --------
    >>> from geo.actors import ActorIndex
    >>> from geo.seeds import Seeds
    >>> mapper = ActorMapper(ActorIndex.from_table(Seeds.load().actors), dataset="acled")
    >>> mapper.map("Dozo Communal Group (Mali)", inter="4").actor
    'dozo-communal-group-mali'
    >>> mapper.map("JNIM: Group for Support of Islam and Muslims").how
    'alias table'
    >>> row = mapper.new_actors[0]; row["kind"], row["colour"] in KIND_COLOURS["militia"]
    ('militia', True)
    """

    def __init__(self, actors: ActorIndex, *, dataset: str, aliases: DatasetAliases | None = None) -> None:
        self.actors = actors
        self.dataset = dataset
        self.aliases = aliases if aliases is not None else DatasetAliases.bundled()
        self.new_actors: list[dict[str, str]] = []
        self._new_by_key: dict[str, str] = {}
        self._taken: set[str] = set(actors.ids)

    def map(
        self,
        name: str,
        *,
        country: str = "",
        day: dt.date | None = None,
        inter: str = "",
        side: str = "",
        also: list[str] = (),  # type: ignore[assignment]
    ) -> Mapping:
        """The :class:`Mapping` of ``name`` met in an event of ``country`` on ``day``."""
        row = self.aliases.match(self.dataset, name, country=country, day=day)
        if row is not None and row.actor in self.actors:
            return Mapping(name, row.actor, BY_TABLE, f"{row.file}:{row.line}")
        for candidate in (name, *also):
            found = self.actors.resolve(candidate)
            if found is not None:
                return Mapping(name, found, BY_ALIAS)
        key = normalize(name) or name
        actor_id = self._new_by_key.get(key)
        if actor_id is None:
            actor_id = self._new_id(name)
            kind = actor_kind(self.dataset, name, inter=inter, side=side, country=country)
            self.new_actors.append(
                {
                    schema.ID: actor_id,
                    schema.NAME: name.replace(schema.MULTI_SEPARATOR, "/"),
                    schema.ALIASES: "",
                    schema.KIND: kind,
                    schema.AFFILIATIONS: "",
                    schema.COLOUR: kind_colour(kind, actor_id),
                    schema.SOURCES: "",
                    schema.NOTE: f"made by geo import from the {self.dataset.upper()} name {name!r}",
                }
            )
            self._new_by_key[key] = actor_id
        return Mapping(name, actor_id, NEW)

    def _new_id(self, name: str) -> str:
        base = slug(name)
        candidate, n = base, 1
        while candidate in self._taken or self.actors.resolve(candidate) is not None:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        return candidate


@lru_cache(maxsize=4096)
def parse_day(text: str) -> dt.date | None:
    """The day of a dataset's date cell (2022-03-08, 08 March 2022, 8-Mar-22...), or ``None``.

    Examples
    --------
    >>> parse_day("2022-03-08"), parse_day("08 March 2022"), parse_day("")
    (datetime.date(2022, 3, 8), datetime.date(2022, 3, 8), None)
    """
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    for layout in ("%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d-%b-%y", "%d/%m/%Y", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, layout).date()
        except ValueError:
            continue
    try:
        span: DateInterval = parse_date(text)
    except InputError:
        return None
    return span.earliest


def import_actor_table(seeds_dir: str | Path | None, out: str | Path) -> Table:
    """The actor list an import resolves names with: that of ``seeds_dir`` (default: the
    bundled one), extended by the ``actors.csv`` beside ``out`` when there is one (an
    earlier import into the same folder), so that a second import reuses its new actors.

    Returns a :class:`geo.seeds.Table`; :meth:`geo.actors.ActorIndex.from_table` reads it.
    """
    from ..seeds import Seeds, extend_table, read_table

    table = Seeds.load(seeds_dir).actors
    beside = Path(out).parent / schema.ACTORS_FILE
    if beside.is_file() and not any(_same(beside, path) for path in table.files):
        table = extend_table(read_table(beside, schema.ACTORS_FILE), table)
    return table


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _bundled_seeds() -> Path:
    from .._resources import bundled_dir

    return bundled_dir("seeds")
