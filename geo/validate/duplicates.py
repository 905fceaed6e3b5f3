"""Records of different datasets (ACLED, UCDP, curated) that are likely one event: a list to review."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import schema
from ..dates import parse_date
from ..errors import InputError, PlaceNotFoundError
from ..gazetteer import Gazetteer
from ..seeds import Row, Seeds, split_cell

# The id prefixes of the records geo import makes, by dataset.
DATASET_PREFIXES = {
    schema.ACLED_ID_PREFIX: "acled",
    schema.ACLED_CLAIM_ID_PREFIX: "acled",
    schema.UCDP_ID_PREFIX: "ucdp",
}
# Two records of different datasets are likely the same event when their dates are at most
# this many days apart, their points at most this many km, and they share an actor.
DUPLICATE_DAYS = 2
DUPLICATE_KM = 5.0
# Records dated more loosely than this (a month, a year) are not matched.
DUPLICATE_MAX_SPAN_DAYS = 31
DUPLICATE_COLUMNS = (
    "id_a",
    "dataset_a",
    "line_a",
    "id_b",
    "dataset_b",
    "line_b",
    "date_a",
    "date_b",
    "days_apart",
    "km_apart",
    "shared_actors",
)

CURATED = "curated"


def dataset_of(record_id: str) -> str:
    """The dataset a record comes from, by its id's prefix: ``acled``, ``ucdp`` or ``curated``.

    Examples
    --------
    >>> dataset_of("acled-mli1234"), dataset_of("ucdp-88123"), dataset_of("inc-2022-03-08-tamalat")
    ('acled', 'ucdp', 'curated')
    >>> dataset_of("clm-acled-mli1234")
    'acled'
    """
    for prefix, dataset in DATASET_PREFIXES.items():
        if record_id.startswith(prefix):
            return dataset
    return CURATED


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two records of different datasets that are likely one event."""

    a: str
    dataset_a: str
    line_a: int
    b: str
    dataset_b: str
    line_b: int
    date_a: str
    date_b: str
    days_apart: int
    km_apart: float
    shared_actors: tuple[str, ...]

    def as_row(self) -> dict[str, object]:
        """A row of the duplicates CSV (:data:`DUPLICATE_COLUMNS`)."""
        values = (
            self.a,
            self.dataset_a,
            self.line_a,
            self.b,
            self.dataset_b,
            self.line_b,
            self.date_a,
            self.date_b,
            self.days_apart,
            round(self.km_apart, 2),
            schema.MULTI_SEPARATOR.join(self.shared_actors),
        )
        return dict(zip(DUPLICATE_COLUMNS, values, strict=True))


def likely_duplicates(
    seeds: Seeds,
    gazetteer: Gazetteer | None = None,
    *,
    days: int = DUPLICATE_DAYS,
    km: float = DUPLICATE_KM,
) -> list[Duplicate]:
    """Pairs of incidents from different datasets (ACLED, UCDP, curated) that are likely one event.

    The rule (as the XSub project matched events across datasets): the two share an actor
    (``actor1``, ``actor2`` or ``assoc_actors``), their dates are at most ``days`` days
    apart (0 when the intervals overlap), and their points are at most ``km`` km apart
    (the record's coordinates, else its place's). Records dated more loosely than
    :data:`DUPLICATE_MAX_SPAN_DAYS` days, or with no point, are not matched. Pairs within
    one dataset are never listed: validation checks curated records against each other,
    and different ids of one dataset are different events. Nothing here is a problem:
    the list is for review.

    Examples
    --------
    >>> likely_duplicates(Seeds.load())  # the bundled incidents are all curated
    []
    """
    from ..measure import great_circle_km

    incidents = seeds.incidents
    groups = {dataset_of(row[schema.ID]) for row in incidents}
    if len(groups) < 2:
        return []
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
    items = []
    for row in incidents:
        try:
            span = parse_date(row[schema.DATE])
        except InputError:
            continue
        if span.earliest is None or span.latest is None:
            continue
        if (span.latest - span.earliest).days > DUPLICATE_MAX_SPAN_DAYS:
            continue
        point = _point(row, gazetteer)
        if point is None:
            continue
        actors = {row[schema.ACTOR1], row[schema.ACTOR2], *split_cell(row[schema.ASSOC_ACTORS])} - {""}
        if not actors:
            continue
        items.append((span.earliest, span.latest, point, actors, row))
    items.sort(key=lambda item: item[0])
    found = []
    for i, (_start, end, point, actors, row) in enumerate(items):
        dataset = dataset_of(row[schema.ID])
        for other_start, _other_end, other_point, other_actors, other in items[i + 1 :]:
            gap = (other_start - end).days
            if gap > days:  # the others start later still
                break
            other_dataset = dataset_of(other[schema.ID])
            if other_dataset == dataset:
                continue
            shared = actors & other_actors
            if not shared:
                continue
            distance = float(great_circle_km(point[0], point[1], other_point[0], other_point[1]))
            if distance > km:
                continue
            found.append(
                Duplicate(
                    row[schema.ID],
                    dataset,
                    row.line,
                    other[schema.ID],
                    other_dataset,
                    other.line,
                    row[schema.DATE],
                    other[schema.DATE],
                    max(gap, 0),
                    distance,
                    tuple(sorted(shared)),
                )
            )
    return found


def _point(row: Row, gazetteer: Gazetteer) -> tuple[float, float] | None:
    """A record's point: its coordinates, else its place's; ``None`` when it has neither."""
    try:
        lat, lon = float(row[schema.LATITUDE]), float(row[schema.LONGITUDE])
        if math.isfinite(lat) and math.isfinite(lon):
            return lat, lon
    except ValueError:
        pass
    if row[schema.PLACE]:
        try:
            place = gazetteer.place(row[schema.PLACE])
        except PlaceNotFoundError:
            return None
        return place.lat, place.lon
    return None
