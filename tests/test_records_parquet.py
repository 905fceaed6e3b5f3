"""Incidents read from GeoParquet (a file, or a folder partitioned by year and country) and
the columnar loading of records: the same records, and the same problems, as from CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
import shapely

from geo import schema
from geo._resources import bundled_dir
from geo.cli import main
from geo.errors import InputError, RecordsError
from geo.records import _integers, _split_column, load_records
from geo.seeds import ParquetRow, Row, Seeds, read_parquet_table

BUNDLED_INCIDENTS = bundled_dir("seeds") / "incidents.csv"
WHOLE = ("precision", *schema.FATALITY_COLUMNS, "displaced")


def _cells() -> pd.DataFrame:
    """The bundled incidents as text cells, as a CSV reader sees them."""
    return pd.read_csv(BUNDLED_INCIDENTS, dtype=str, keep_default_na=False)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The same incidents with the types a GeoParquet writer gives them: whole numbers as
    (nullable) integers, coordinates as floats (NaN when not given), a dictionary-encoded
    column, the WKB geometry and the partition columns."""
    typed = frame.copy()
    for column in WHOLE:
        typed[column] = pd.to_numeric(typed[column].replace("", None)).astype("Int64")
    for column in ("latitude", "longitude"):
        typed[column] = pd.to_numeric(typed[column].replace("", None)).astype("float64")
    typed["event_type"] = typed["event_type"].astype("category")
    points = shapely.points(typed["longitude"].fillna(0).to_numpy(), typed["latitude"].fillna(0).to_numpy())
    typed["geometry"] = shapely.to_wkb(points)
    typed["year"] = typed["date"].str.extract(r"(\d{4})")[0].fillna("0").astype(int)
    typed["country"] = typed["place"].str[:2].str.upper().replace("", "XX")
    return typed


def _incidents(seeds: Seeds, gazetteer) -> pd.DataFrame:
    frame = load_records(seeds, gazetteer=gazetteer).incidents
    return frame.sort_values("id").reset_index(drop=True)


@pytest.fixture(scope="module")
def from_csv(gazetteer) -> pd.DataFrame:
    return _incidents(Seeds.load().with_incidents(BUNDLED_INCIDENTS), gazetteer)


def test_a_parquet_file_of_text_gives_the_records_of_the_csv(tmp_path, gazetteer, from_csv):
    path = tmp_path / "incidents.parquet"
    _cells().to_parquet(path)
    seeds = Seeds.load().with_incidents(path)
    assert seeds.incidents_file == path and isinstance(seeds.incidents.rows[0], ParquetRow)
    pd.testing.assert_frame_equal(_incidents(seeds, gazetteer), from_csv)


def test_typed_columns_become_the_cells_of_the_csv(tmp_path, gazetteer, from_csv):
    path = tmp_path / "typed.parquet"
    _typed(_cells()).to_parquet(path)
    table = read_parquet_table(path)
    assert "geometry" not in table.columns and "year" not in table.columns and "country" not in table.columns
    assert table.problems == []
    expected = _cells().to_dict("records")
    assert [dict(row) for row in table.rows] == expected  # 12 -> "12", NaN -> "", category -> its text
    pd.testing.assert_frame_equal(_incidents(Seeds.load().with_incidents(path), gazetteer), from_csv)


def test_a_hive_partitioned_folder_gives_the_same_records(tmp_path, gazetteer, from_csv, capsys):
    folder = tmp_path / "dataset"
    table = pa.Table.from_pandas(_typed(_cells()), preserve_index=False)
    pads.write_dataset(table, folder, format="parquet", partitioning=["year", "country"], partitioning_flavor="hive")
    parts = sorted(folder.rglob("*.parquet"))
    assert len(parts) > 3 and all(p.parent.name.startswith("country=") for p in parts)
    (folder / "_SUCCESS").write_text("")  # a marker file a writer may leave: not data
    pd.testing.assert_frame_equal(_incidents(Seeds.load().with_incidents(folder), gazetteer), from_csv)
    # and through a command, with the same output as the CSV
    outputs = []
    for incidents in (BUNDLED_INCIDENTS, folder):
        assert main(["stats", "--incidents", str(incidents), "--by", "region", "--every", "year", "--csv"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") > 10


def test_what_geo_export_writes_reads_back_as_the_same_records(tmp_path, gazetteer):
    """``geo export --format parquet`` then ``--incidents OUT/incidents``: the bundled records again."""
    out = tmp_path / "out"
    assert main(["export", "--format", "parquet", "--layers", "incidents", "--out", str(out)]) == 0
    dataset = out / "incidents"
    assert any(p.parent.name.startswith("country=") for p in dataset.rglob("*.parquet"))
    seeds = Seeds.load().with_incidents(dataset)
    assert seeds.incidents.problems == []
    again = _incidents(seeds, gazetteer)
    bundled = load_records(gazetteer=gazetteer).incidents.sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(again, bundled)


def test_problems_name_the_file_the_row_and_the_column(tmp_path, gazetteer):
    cells = _cells()
    cells.loc[2, "date"] = "2022-13"
    cells.loc[4, "fatalities_best"] = "dozens"
    typed = cells.copy()
    typed["surplus"] = 1
    path = tmp_path / "bad.parquet"
    typed.to_parquet(path)
    with pytest.raises(RecordsError) as caught:
        load_records(Seeds.load().with_incidents(path), gazetteer=gazetteer)
    shown = [str(p) for p in caught.value.problems]
    assert shown[0] == (
        f"{path}:schema:surplus: 'surplus': unknown column; the columns are {', '.join(schema.INCIDENT_COLUMNS)}"
    )
    assert (
        f"{path}:row 2:date: '2022-13': not a valid date (month 13 does not exist (months are 01-12; seasons 21-24, "
        "quarters 33-36, halves 40-41)); write an EDTF date such as 2022-03-08, 2022-03, 2022-06-11/2022-06-12 or "
        "2022-03~ (seeds/README.md, Dates)"
    ) in shown
    assert (
        f"{path}:row 4:fatalities_best: 'dozens': not a whole number; write digits only; for words such as 'dozens' "
        "or 'more than 50' see the Numbers table in seeds/README.md"
    ) in shown
    assert f"(incidents from {path})" in str(caught.value)


def test_a_problem_in_a_partition_names_its_file(tmp_path, gazetteer):
    cells = _cells()
    bad = cells.index[cells["date"].str.startswith("2022")][0]
    cells.loc[bad, "latitude"], cells.loc[bad, "longitude"] = "95.5", "2.0"
    typed = _typed(cells)
    folder = tmp_path / "dataset"
    table = pa.Table.from_pandas(typed, preserve_index=False)
    pads.write_dataset(table, folder, format="parquet", partitioning=["year", "country"], partitioning_flavor="hive")
    part = next(p for p in folder.rglob("*.parquet") if cells.loc[bad, "id"] in pq.read_table(p)["id"].to_pylist())
    row = pq.read_table(part)["id"].to_pylist().index(cells.loc[bad, "id"])
    with pytest.raises(RecordsError) as caught:
        load_records(Seeds.load().with_incidents(folder), gazetteer=gazetteer)
    assert [str(p) for p in caught.value.problems] == [
        f"{part}:row {row}:latitude: '95.5': outside [-90, 90]; "
        "check the sign and whether latitude and longitude are swapped"
    ]
    assert "year=2022" in str(part)


def test_an_unreadable_file_and_a_folder_without_parquet(tmp_path, gazetteer):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 and then nothing a reader can use")
    seeds = Seeds.load().with_incidents(broken)
    [problem] = seeds.incidents.problems
    assert str(problem).startswith(f"{broken}:file:-: '': not a readable Parquet file (")
    assert str(problem).endswith("); write it again, e.g. with geo export --format parquet")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError) as caught:
        Seeds.load().with_incidents(empty)
    assert str(caught.value) == (
        f"--incidents {empty}: a folder with no Parquet files (*.parquet); give an incidents CSV such as geo import "
        "writes, or a GeoParquet file or folder such as geo export --format parquet writes"
    )


def test_without_pyarrow_the_error_names_the_extra(tmp_path, monkeypatch, capsys):
    path = tmp_path / "incidents.parquet"
    _cells().to_parquet(path)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["stats", "--incidents", str(path), "--by", "region"]) != 0
    err = capsys.readouterr().err
    assert f"{path}: reading Parquet needs the optional package pyarrow: pip install 'sahel-atlas[parquet]'" in err
    assert "Traceback" not in err


def test_actors_and_sources_in_the_folder_extend_the_records(tmp_path, gazetteer):
    folder = tmp_path / "dataset"
    folder.mkdir()
    cells = _cells().head(3).copy()
    cells["actor1"] = "my-militia"
    cells.to_parquet(folder / "part-0.parquet")
    (folder / "actors.csv").write_text("id,name,kind,colour\nmy-militia,My Militia,militia,#123456\n")
    records = load_records(Seeds.load().with_incidents(folder), gazetteer=gazetteer)
    assert set(records.incidents["actor1"]) == {"my-militia"} and "my-militia" in records.actors


# --- the columnar loading ---------------------------------------------------------------------


def test_a_row_is_a_dictionary_of_its_cells():
    row = Row(7, {"id": "inc-1", "date": "2022-03"}, Path("a.csv"))
    assert (row.line, row.path, row["date"], row["note"], row.cells) == (7, Path("a.csv"), "2022-03", "", row)
    assert "note" not in row  # a missing column reads as "" without being added
    assert row == Row(7, {"id": "inc-1", "date": "2022-03"}, Path("a.csv"))
    assert row != Row(8, {"id": "inc-1", "date": "2022-03"}, Path("a.csv"))
    parquet = ParquetRow(0, {"id": "inc-1"}, Path("a.parquet"))
    from geo.seeds import Table

    problem = Table(Path("dir"), "incidents.csv").problem(parquet, "id", "inc-1", "an example", "a fix")
    assert str(problem) == "a.parquet:row 0:id: 'inc-1': an example; a fix"


def test_split_cells_are_lists_of_their_own():
    split = _split_column(["isgs|jnim", "isgs|jnim", ""])
    split[0].append("fama")
    assert split == [["isgs", "jnim", "fama"], ["isgs", "jnim"], []]
    assert _integers(["", "0", "10000000"]).tolist() == [pd.NA, 0, 10_000_000]
    assert str(_integers([]).dtype) == "Int64"


def test_many_incidents_at_few_places_and_dates_load_as_each_alone(tmp_path, gazetteer):
    """Rows that share dates and places (parsed and looked up once) keep their own values."""
    cells = _cells()
    rows = pd.concat([cells] * 3, ignore_index=True)
    rows["id"] = [f"acled-copy-{n}" for n in range(len(rows))]  # a dataset's: never a duplicate of each other
    path = tmp_path / "incidents.csv"
    rows.to_csv(path, index=False)
    seeds = Seeds.load().with_incidents(path)
    frame = load_records(seeds, gazetteer=gazetteer).incidents
    once = load_records(Seeds.load().with_incidents(BUNDLED_INCIDENTS), gazetteer=gazetteer).incidents
    n = len(once)
    for column in ("start", "end", "place_name", "uncertainty_km", "actors", "sources", "fatalities_best"):
        assert frame[column].iloc[n : 2 * n].tolist() == once[column].tolist()
    assert frame["actors"].iloc[0] is not frame["actors"].iloc[n]
    assert frame.geometry.iloc[2 * n :].reset_index(drop=True).equals(once.geometry.reset_index(drop=True))
