"""The streaming import (issue 18): incidents written as they are made, with the same bytes as before.

``tests/fixtures/import_expected/`` holds what ``geo import`` wrote for every fixture of
``tests/fixtures/{acled,ucdp,table}`` (and for :func:`scattered_export`, an actor-based
export whose rows of one event lie far apart) before the import streamed (commit
234611d): the import must still write exactly those bytes. See the README there.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from pathlib import Path

import pytest

from geo import schema
from geo._io import spreadsheet_safe
from geo.actors import ActorIndex
from geo.cli import main
from geo.errors import InputError
from geo.imports import acled, import_acled, job, write_claims, write_incidents, write_report
from geo.imports.csv_writer import RowWriter
from geo.imports.reader import SPACES, clean_note
from geo.seeds import Seeds

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "import_expected"))
from cases import CASES, EXPECTED, run_case, scattered_export  # noqa: E402

ACTOR_BASED = ROOT / "tests" / "fixtures" / "acled" / "actor-based.csv"


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex.from_table(Seeds.load().actors)


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("case", CASES, ids=[case[2] for case in CASES])
def test_the_import_writes_the_bytes_it_wrote_before_streaming(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    out = run_case(case, tmp_path)
    assert files(out) == files(EXPECTED / case[2])


def test_small_batches_and_a_small_window_change_nothing(tmp_path, monkeypatch, capsys):
    """Batches of 2 incidents (many flushes, claims and places across them) and a window of
    3 rows (the scattered export read in two passes) give the same bytes."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(job, "BATCH", 2)
    monkeypatch.setattr(acled, "WINDOW", 3)
    for case in CASES:
        out = run_case(case, tmp_path / "small")
        assert files(out) == files(EXPECTED / case[2]), case


def test_grouped_rows_are_read_once_and_scattered_rows_twice(tmp_path, gazetteer, actors, monkeypatch):
    passes: list[Path] = []
    count_rows = acled._count_rows

    def counted(path: Path) -> dict[str, int]:
        passes.append(path)
        return count_rows(path)

    monkeypatch.setattr(acled, "_count_rows", counted)
    grouped = import_acled(ACTOR_BASED, gazetteer=gazetteer, actors=actors)
    assert passes == []
    export = scattered_export(tmp_path / "scattered.csv")
    monkeypatch.setattr(acled, "WINDOW", 2)
    scattered = import_acled(export, gazetteer=gazetteer, actors=actors)
    assert passes == [export]
    # the same events, merged the same way, whatever the order of the rows; the 3 repeated rows
    # rejected, besides the fixture's own repeat
    assert sorted(row["id"] for row in scattered.incidents) == sorted(row["id"] for row in grouped.incidents)
    counts = [(r.rows_read, r.rows_written, r.rows_rejected, r.rows_merged) for r in (grouped.report, scattered.report)]
    assert counts == [(14, 8, 1, 5), (17, 8, 4, 5)]
    repeats = [p.message for p in scattered.report.problems if "the same actors" in p.message]
    assert len(repeats) == 4 and all(m.startswith("duplicate event id (first on line ") for m in repeats)


def test_streamed_and_in_memory_imports_agree(tmp_path, gazetteer, actors, monkeypatch):
    monkeypatch.setattr(job, "BATCH", 3)
    export = scattered_export(tmp_path / "scattered.csv")
    kept = import_acled(export, gazetteer=gazetteer, actors=actors)
    streamed = import_acled(export, gazetteer=gazetteer, actors=actors, out=tmp_path / "streamed" / "incidents.csv")
    assert streamed.incidents == []
    write_incidents(kept.incidents, tmp_path / "kept.csv")
    assert (tmp_path / "streamed" / "incidents.csv").read_bytes() == (tmp_path / "kept.csv").read_bytes()
    assert kept.report.rows_written == streamed.report.rows_written == len(kept.incidents)
    assert kept.report.summary() == streamed.report.summary()
    write_report(kept.report, tmp_path / "kept-report.csv")
    write_report(streamed.report, tmp_path / "streamed-report.csv")
    assert (tmp_path / "kept-report.csv").read_bytes() == (tmp_path / "streamed-report.csv").read_bytes()
    write_claims(kept.claims, tmp_path / "a.csv")
    write_claims(streamed.claims, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_a_file_broken_half_way_leaves_the_output_as_it_was(tmp_path, gazetteer, actors):
    text = ACTOR_BASED.read_text(encoding="utf-8-sig")
    export = tmp_path / "broken.csv"
    export.write_text(text + 'MLI1,"never closed\n', encoding="utf-8")
    out = tmp_path / "incidents.csv"
    out.write_text("before\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.csv, line 16"):
        import_acled(export, gazetteer=gazetteer, actors=actors, out=out)
    assert out.read_text(encoding="utf-8") == "before\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_progress_says_rows_and_rows_per_second(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(job, "PROGRESS_EVERY", 5)
    out = tmp_path / "incidents.csv"
    assert main(["import", "acled", str(ACTOR_BASED), "--out", str(out), "--progress"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "rows read (" in line]
    assert [line.split(" rows read")[0].strip() for line in lines] == ["5", "10"]
    assert all(line.endswith(" rows/s)") for line in lines)


def test_the_row_writer_escapes_exactly_the_cells_spreadsheet_safe_escapes():
    rng = random.Random(18)
    alphabet = ["-", "+", "=", "@", "\t", "\r", "\n", "'", "1", ".", "e", "x", " ", "\x00", "5", "\u0663"]
    columns = ("a", "b", "c")
    for _ in range(3000):
        rows = [
            {c: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) for c in columns if rng.random() < 0.9}
            for _ in range(3)
        ]
        rows[0]["a"] = rng.choice([rows[0].get("a", ""), -3, 2.5, None, "-3.5\n", "=1+2", "+12"])
        expected = io.StringIO()
        writer = csv.DictWriter(expected, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        got = io.StringIO()
        RowWriter(got, columns)(rows)
        assert got.getvalue() == expected.getvalue(), rows


@pytest.mark.parametrize(
    "parts",
    [
        ("Two  killed,\n near Gao. ", "", "  ", "(source: RFI)"),
        ("\u00a0a\u2003b\x1cc\x85", "\t"),
        (),
        ("x",),
    ],
)
def test_clean_note_squeezes_white_space_as_before(parts):
    before = " ".join(SPACES.sub(" ", part).strip() for part in parts if part.strip())
    assert clean_note(*parts) == before


def test_the_incident_columns_are_written_in_schema_order(tmp_path, gazetteer, actors):
    out = tmp_path / "incidents.csv"
    import_acled(ACTOR_BASED, gazetteer=gazetteer, actors=actors, out=out)
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(schema.INCIDENT_COLUMNS)


def test_a_file_that_changes_between_the_two_passes_is_refused(tmp_path, gazetteer, actors, monkeypatch):
    """The second pass trusts the first's row counts: a row beyond them means the file changed."""
    export = scattered_export(tmp_path / "scattered.csv")
    monkeypatch.setattr(acled, "WINDOW", 2)
    count_rows = acled._count_rows
    monkeypatch.setattr(acled, "_count_rows", lambda path: dict.fromkeys(count_rows(path), 1))
    with pytest.raises(InputError, match=r"scattered\.csv, line \d+: the file changed while it was read \(event MLI"):
        import_acled(export, gazetteer=gazetteer, actors=actors, out=tmp_path / "incidents.csv")
    assert not (tmp_path / "incidents.csv").exists()
