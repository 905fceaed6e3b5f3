"""A point outside the country its row names is reported, with the likely cause, and kept as given."""

from __future__ import annotations

import pytest
from test_imports import NEW_HEADER, acled_row, write_csv

from geo.actors import ActorIndex
from geo.imports import import_acled
from geo.seeds import Seeds


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex.from_table(Seeds.load().actors)


def outside_notices(result) -> list[str]:
    return [entry.message for entry in result.report.notices if "the point lies outside" in entry.message]


def test_points_outside_their_country_are_reported_with_the_likely_cause(tmp_path, gazetteer, actors):
    rows = [
        acled_row("MLI1"),  # Ménaka, in Mali: fine
        # Niamey written with a western longitude: the point falls in Burkina Faso
        acled_row(
            "NER2",
            iso="562",
            country="Niger",
            location="Niamey",
            admin1="Niamey",
            admin2="Niamey",
            latitude="13.5137",
            longitude="-2.1098",
        ),
        # Ménaka with latitude and longitude swapped: in the Gulf of Guinea
        acled_row("MLI3", latitude="2.402", longitude="15.918"),
    ]
    export = write_csv(tmp_path / "acled.csv", NEW_HEADER, rows)
    result = import_acled(export, gazetteer=gazetteer, actors=actors)
    assert [row["id"] for row in result.incidents] == ["acled-mli1", "acled-ner2", "acled-mli3"]
    notices = outside_notices(result)
    assert len(notices) == 2
    assert "outside NE, the country the row names (in BF); the longitude's sign looks flipped" in notices[0]
    assert "outside ML, the country the row names (in no country of the gazetteer)" in notices[1]
    assert "latitude and longitude look swapped" in notices[1]
    # never corrected: the dataset's point is kept
    kept = {row["id"]: (row["latitude"], row["longitude"]) for row in result.incidents}
    assert kept["acled-ner2"] == ("13.5137", "-2.1098")
    assert "points outside the country their row names" in result.report.summary()


def test_a_point_just_across_a_border_within_the_tolerance_is_not_reported(tmp_path, gazetteer, actors):
    # at Anderamboukane, on the Mali-Niger border: within the outlines' 5 km tolerance
    rows = [acled_row("MLI1", latitude="15.42", longitude="3.05")]
    export = write_csv(tmp_path / "acled.csv", NEW_HEADER, rows)
    result = import_acled(export, gazetteer=gazetteer, actors=actors)
    assert outside_notices(result) == []
