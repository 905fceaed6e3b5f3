"""The ``geo`` command, run in-process: output, exit status, messages, batch mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from geo.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_geocode_json_has_the_contract_fields(capsys):
    code, out, err = run(capsys, "geocode", "Ménaka", "Tidarméné", "--json")
    assert code == 0, err
    records = json_lines(out)
    assert [r["id"] for r in records] == ["ml-menaka", "ml-tidermene"]
    for record in records:
        assert {"query", "id", "name", "lat", "lon", "score"} <= set(record)
    assert records[0]["query"] == "Ménaka"


def test_geocode_text_output(capsys):
    code, out, _ = run(capsys, "geocode", "Menka")
    assert code == 0
    assert "Ménaka [ml-menaka]" in out and "15.91820, 2.40220" in out


def test_geocode_ambiguous_exits_1_with_candidates(capsys):
    code, out, err = run(capsys, "geocode", "Dioura", "Ménaka", "--json")
    assert code == 1
    dioura, menaka = json_lines(out)
    assert dioura["lat"] is None and dioura["lon"] is None
    assert dioura["status"] == "ambiguous"
    assert len(dioura["candidates"]) >= 2
    assert menaka["id"] == "ml-menaka"
    assert "'Dioura': ambiguous" in err


def test_geocode_context_options(capsys):
    code, out, _ = run(capsys, "geocode", "Toubani", "--near", "Tessit", "--json")
    assert code == 0 and json_lines(out)[0]["id"] == "ml-toubani"
    code, out, _ = run(capsys, "geocode", "Sokolo", "--admin2", "Bankass", "--json")
    assert code == 0 and json_lines(out)[0]["admin1"] == "Mopti"
    code, out, _ = run(capsys, "geocode", "Boulikessi", "--country", "ML", "--json")
    assert code == 0 and json_lines(out)[0]["id"] == "ml-boulikessi"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["geocode", ""], "empty"),
        (["geocode", "Mé\x07naka"], "U+0007"),
        (["geocode", "x" * 100_000], "100,000 characters"),
    ],
)
def test_hostile_queries_get_a_message_not_a_traceback(capsys, argv, message):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 1
    assert message in err
    assert "Traceback" not in err
    assert json_lines(out)[0]["status"] == "error"


def test_unknown_country_is_a_usage_error(capsys):
    code, _, err = run(capsys, "geocode", "Ménaka", "--country", "XX")
    assert code == 2
    assert "unknown country 'XX'" in err


def test_no_query_is_a_usage_error(capsys):
    code, _, err = run(capsys, "geocode")
    assert code == 2 and "nothing to geocode" in err


def test_batch_answers_every_row_in_order(capsys, tmp_path):
    batch = tmp_path / "places.csv"
    batch.write_text(
        "query,admin1,admin2,country,near\n"
        "Ménaka,,,,\n"
        "Sokolo,Ségou,,,\n"
        "Dioura,,,,\n"
        ",,,,\n"
        "Dioura,,Ténenkou,,\n"
        "Boulikessi,,,XX,\n"
        "Sitenga,,,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "geocode", "--batch", str(batch), "--json")
    assert code == 1
    records = json_lines(out)
    assert [r["row"] for r in records] == [2, 3, 4, 5, 6, 7, 8]
    assert [r["status"] for r in records] == ["ok", "ok", "ambiguous", "error", "ok", "error", "ok"]
    assert records[1]["id"] == "ml-sokolo-niono"
    # GeoNames and OpenStreetMap both hold the Dioura of Ténenkou: one place, two records.
    assert "gn-2458636" in [records[4]["id"], *records[4]["same_place"]]
    assert records[6]["id"] == "bf-seytenga"
    assert "line 5:" in err and "empty" in err
    assert "line 7:" in err and "unknown country 'XX'" in err
    assert "3 of 7 queries" in err


def test_batch_semicolon_file_with_bom(capsys, tmp_path):
    batch = tmp_path / "excel.csv"
    batch.write_bytes("\ufeffQuery;Admin1\nTidarméné;Ménaka\n".encode())
    code, out, _ = run(capsys, "geocode", "--batch", str(batch), "--json")
    assert code == 0
    assert json_lines(out)[0]["id"] == "ml-tidermene"


def test_batch_without_query_column_is_refused(capsys, tmp_path):
    batch = tmp_path / "bad.csv"
    batch.write_text("name,region\nMénaka,Ménaka\n", encoding="utf-8")
    code, _, err = run(capsys, "geocode", "--batch", str(batch))
    assert code == 2
    assert "no 'query' column" in err and "'name', 'region'" in err and "line 1" in err


def test_batch_with_bad_encoding_reports_the_row_and_answers_the_others(capsys, tmp_path):
    batch = tmp_path / "latin1.csv"
    batch.write_bytes("query\nMénaka\nGao\n".encode("latin-1"))
    code, out, err = run(capsys, "geocode", "--batch", str(batch), "--json")
    assert code == 1
    bad, good = json_lines(out)
    assert bad["status"] == "error" and "not valid UTF-8" in bad["reason"]
    assert good["id"] == "ml-gao"
    assert "line 2" in err


def test_batch_csv_output(capsys, tmp_path):
    batch = tmp_path / "b.csv"
    batch.write_text("query\nMenaka\nKonna\n", encoding="utf-8")
    code, out, _ = run(capsys, "geocode", "--batch", str(batch), "--csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("row,query,status,id,name,lat,lon")
    assert lines[1].startswith("2,Menaka,ok,ml-menaka,Ménaka,15.9182,2.4022")


def test_missing_batch_file(capsys, tmp_path):
    code, _, err = run(capsys, "geocode", "--batch", str(tmp_path / "nope.csv"))
    assert code == 2 and "cannot read the batch file" in err


def test_reverse(capsys):
    code, out, _ = run(capsys, "reverse", "15.93", "2.41", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["nearest"][0]["id"] == "ml-menaka"
    assert "bearing_deg" in result["nearest"][0]
    code, out, _ = run(capsys, "reverse", "15.93,2.41")
    assert code == 0 and "km NNE of Ménaka" in out and "Ménaka Region" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["reverse", "2.41", "15.93"], "swapped"),
        (["reverse", "91", "2"], "out of range"),
        (["reverse", "abc", "def"], "is not a point"),
        (["reverse", "15.9", "-200"], "longitude -200.0 is out of range"),
    ],
)
def test_reverse_bad_points(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_places_search_and_formats(capsys):
    code, out, _ = run(capsys, "places", "Manaka", "--tier", "curated")
    assert code == 0 and out.splitlines()[0].startswith("ml-menaka\tMénaka")
    code, out, _ = run(capsys, "places", "--tier", "curated", "--kind", "well", "--json")
    assert code == 0 and {r["kind"] for r in json_lines(out)} == {"well"}
    code, out, _ = run(capsys, "places", "--tier", "curated", "--csv", "--limit", "0")
    assert code == 0 and len(out.splitlines()) > 100
    code, _, err = run(capsys, "places", "Xqzwvtrplk")
    assert code == 1 and "nothing matches" in err


def test_export_geojson_and_gpkg(capsys, tmp_path):
    import geopandas

    code, _, err = run(capsys, "export", "--out", str(tmp_path))
    assert code == 0, err
    places = geopandas.read_file(tmp_path / "places.geojson")
    assert "ml-menaka" in set(places["id"])
    assert places.crs.to_epsg() == 4326
    areas = geopandas.read_file(tmp_path / "areas.geojson")
    assert {"ml-region-menaka", "ml-cercle-menaka"} <= set(areas["id"])
    code, _, _ = run(capsys, "export", "--format", "gpkg", "--out", str(tmp_path))
    assert code == 0
    assert len(geopandas.read_file(tmp_path / "atlas.gpkg", layer="areas")) == len(areas)
    code, _, _ = run(capsys, "export", "--format", "csv", "--layers", "places", "--out", str(tmp_path))
    assert code == 0 and (tmp_path / "places.csv").read_text(encoding="utf-8").startswith("id,name,")
    code, _, err = run(capsys, "export", "--layers", "rivers", "--out", str(tmp_path))
    assert code == 2 and "unknown layer" in err


def test_schema_error_in_a_custom_gazetteer_names_file_line_column(capsys, tmp_path):
    bad = tmp_path / "g"
    bad.mkdir()
    (bad / "places.csv").write_text(
        "id,name,variants,kind,lat,lon,uncertainty_km,country,admin1,admin2,geonames_id,coord_source,cited_in,note\n"
        "ml-a,A,,town,15,1,2,ML,,,,estimate,,\n"
        "ml-b,B,,town,north,1,2,ML,,,,estimate,,\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "geocode", "A", "--gazetteer", str(bad))
    assert code == 1
    assert "places.csv, line 3, column 'lat': 'north' is not a number" in err


def test_help_is_clear_and_needs_no_heavy_import():
    script = (
        "import sys\nfrom geo.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('geopandas', 'pyproj', 'shapely', 'numpy', 'folium', 'rapidfuzz') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert "geocode" in out and "reverse" in out and "examples:" in out
    assert "HEAVY []" in out


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "geo", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("geo ")


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX's")
def test_sigterm_ends_the_program_quietly_with_143_and_its_files_removed(tmp_path):
    """A SIGTERM (a scheduler's time limit) ends ``geo`` as Ctrl-C does: the file being
    written is removed, nothing is printed, the status is 128 + 15. Here the command
    waits on its standard input, in the middle of writing its output atomically."""
    import signal

    script = (
        "import sys, time\n"
        "from geo import _io, cli\n"
        "def waiting(handle):\n"
        "    handle.write('half')\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
        "cli.main = lambda: _io.write_atomically(sys.argv[1], waiting)\n"
        "sys.exit(cli.entry())\n"
    )
    target = tmp_path / "out.txt"
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    assert [p.name for p in tmp_path.iterdir()] != []  # the temporary file, being written
    child.send_signal(signal.SIGTERM)
    _out, err = child.communicate(timeout=30)
    assert child.returncode == 128 + signal.SIGTERM
    assert err == ""
    assert list(tmp_path.iterdir()) == []
