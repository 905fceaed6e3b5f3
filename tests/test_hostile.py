"""Hostile input, every subcommand: the command refuses with one clear line, or works.

For every case:

- the exit status is 1 or 2 for refused input, 0 only where the input is legitimate;
- stderr holds no traceback, and the last line of a refusal names what was wrong (the
  option or the file, and the offending value);
- no partial output is left (``--out`` does not exist after a refusal, or is
  byte-identical when it existed before), and no temporary files (``*.tmp``, dot-files)
  are left beside it;
- the input files are byte-identical afterwards.

Families: template injection (1), dates at the edges (2), numbers at the limits (3),
output paths (4), files (5), recipes (6), formula cells in CSV output (7), streams (8).

The commands run in-process (``geo.cli.main``); subprocesses only where a stream, the
environment or a hang matters. The bundled gazetteer is loaded once for the module.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_imports import acled_row

from geo.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SMALL = ["--area", "ml-region-menaka", "--from", "2022-03", "--to", "2022-04"]
BIG = "9" * 400  # a 400-digit integer
INT64 = str(2**63)


# --- running a command ---------------------------------------------------------------


@dataclass
class Result:
    code: int | None
    out: str
    err: str

    @property
    def last(self) -> str:
        lines = [line for line in self.err.splitlines() if line.strip()]
        return lines[-1] if lines else ""


def run(*argv: str | Path) -> Result:
    """``geo ARGV`` in-process: the exit status, stdout and stderr.

    An exception that escapes ``main`` is what the user would see as a traceback: it is
    appended to stderr, and the status is ``None``.
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        except BaseException:  # what escapes main is the finding
            err.write(traceback.format_exc())
            code = None
    return Result(code, out.getvalue(), err.getvalue())


def run_process(*argv: str | Path, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, **kwargs.pop("env", {})}
    return subprocess.run(
        [sys.executable, "-m", "geo", *map(str, argv)],
        capture_output=True,
        timeout=timeout,
        env=env,
        cwd=kwargs.pop("cwd", None),
        **kwargs,
    )


def snapshot(paths: Iterable[Path]) -> dict[str, bytes | None]:
    """Every file under ``paths`` (files or folders) with its bytes; symlinks as their target."""
    state: dict[str, bytes | None] = {}
    for path in paths:
        path = Path(path)
        if path.is_symlink():
            state[str(path)] = os.readlink(path).encode()
        elif path.is_dir():
            for item in sorted(path.rglob("*")):
                if item.is_symlink():
                    state[str(item)] = os.readlink(item).encode()
                elif item.is_file():
                    state[str(item)] = item.read_bytes()
                else:
                    state[str(item)] = None
        elif path.is_file():
            state[str(path)] = path.read_bytes()
        elif path.exists():
            state[str(path)] = None  # a device, a fifo
    return state


def strays(folder: Path, before: set[str]) -> list[str]:
    """Temporary files left in ``folder`` that were not there before."""
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name not in before and (p.name.startswith(".") or p.name.endswith(".tmp") or ".tmp" in p.name)
    )


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def no_traceback(result: Result) -> None:
    assert result.code is not None, f"an exception escaped main():\n{result.err}"
    assert "Traceback" not in result.err, f"traceback on stderr:\n{result.err}"


def assert_refused(result: Result, *needles: str, codes: tuple[int, ...] = (1, 2)) -> None:
    """Exit 1/2, no traceback, and the last line of stderr names every needle."""
    no_traceback(result)
    assert result.code in codes, f"exit {result.code}, expected {codes}; stderr:\n{result.err[-3000:]}"
    last = result.last.lower()
    for needle in needles:
        assert needle.lower() in last, f"the last line of stderr does not name {needle!r}: {result.last!r}"


def assert_ok_or_refused(result: Result, *needles: str, codes: tuple[int, ...] = (0, 1, 2)) -> None:
    """Legitimate but extreme input: the command works, or refuses with a clear line."""
    no_traceback(result)
    assert result.code in codes, f"exit {result.code}, expected {codes}; stderr:\n{result.err[-3000:]}"
    if result.code != 0:
        assert_refused(result, *needles, codes=codes)


def assert_problem(result: Result, file: str, line: int, column: str) -> None:
    """Records refused: exit 1, the problem as FILE:LINE:COLUMN on stderr (``geo validate``
    and the commands that read records end with a summary line or a hint after it)."""
    no_traceback(result)
    assert result.code == 1, f"exit {result.code}, expected 1; stderr:\n{result.err[-3000:]}"
    where = f"{file}:{line}:{column}"
    assert where in result.err, f"no problem at {where} on stderr:\n{result.err[-3000:]}"


def line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def named_line(result: Result, *needles: str) -> str:
    """The first line of stderr that names every needle, or ''."""
    for line in result.err.splitlines():
        if all(n.lower() in line.lower() for n in needles):
            return line
    return ""


def assert_named(result: Result, *needles: str, codes: tuple[int, ...] = (1, 2)) -> None:
    """A refusal by a command that reports each input on its own line and ends with a
    summary (validate, extract, geocode --batch, import): one line of stderr names every needle."""
    no_traceback(result)
    assert result.code in codes, f"exit {result.code}, expected {codes}; stderr:\n{result.err[-3000:]}"
    assert named_line(result, *needles), f"no line of stderr names {needles}:\n{result.err[-3000:]}"


class Guard:
    """Checks around one refused command: inputs untouched, no partial or stray output."""

    def __init__(self, out: Path | None = None, inputs: Iterable[Path] = ()) -> None:
        self.out = Path(out) if out is not None else None
        self.inputs = list(inputs)

    def __enter__(self) -> Guard:
        self.before_inputs = snapshot(self.inputs)
        self.out_before = snapshot([self.out]) if self.out is not None else {}
        self.out_existed = self.out is not None and (self.out.exists() or self.out.is_symlink())
        self.folder = self.out.parent if self.out is not None else None
        self.folder_before = listing(self.folder) if self.folder is not None else set()
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:
            return
        assert snapshot(self.inputs) == self.before_inputs, "an input file changed"
        if self.out is not None:
            if self.out_existed:
                assert snapshot([self.out]) == self.out_before, f"{self.out} changed after a refusal"
            else:
                assert not self.out.exists(), f"partial output left: {self.out}"
            left = strays(self.folder, self.folder_before)
            assert not left, f"temporary files left in {self.folder}: {left}"


def refused(argv: list, *needles: str, out: Path | None = None, inputs: Iterable[Path] = (), codes=(1, 2)) -> Result:
    with Guard(out, inputs):
        result = run(*argv)
        assert_refused(result, *needles, codes=codes)
    return result


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _bundled_gazetteer_once():
    """Load the bundled gazetteer once for the module (``--gazetteer DIR`` still loads DIR)."""
    from geo.gazetteer import Gazetteer

    original = Gazetteer.__dict__["load"].__func__
    cache: dict[str, Gazetteer] = {}

    def load(cls, directory=None, *, osm=True):
        if directory is None:
            key = f"bundled, osm={osm}"
            if key not in cache:
                cache[key] = original(cls, osm=osm)
            return cache[key]
        return original(cls, directory, osm=osm)

    patch = pytest.MonkeyPatch()
    patch.setattr(Gazetteer, "load", classmethod(load))
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in tmp_path, so that a default output path can never land in the project."""
    monkeypatch.chdir(tmp_path)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, fieldnames: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in fieldnames})


def copy_seeds(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    return folder


def incident(number: int, **cells: str) -> dict[str, str]:
    """A valid incident in the Ménaka region in March 2022, located by its point."""
    row = {
        "id": f"inc-2022-03-2{number}-hostile-{number}",
        "date": f"2022-03-2{number}",
        "place": "",
        "location": "Hostile",
        "latitude": f"{15.90 + number / 100:.2f}",
        "longitude": "2.40",
        "precision": "1",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "isgs",
        "actor2": "civilians",
        "fatalities_low": str(number),
        "fatalities_best": str(number),
        "fatalities_high": str(number),
        "sources": "doc-001",
        "note": "A hostile test record.",
    }
    row.update(cells)
    return row


def add_incidents(folder: Path, rows: list[dict[str, str]]) -> None:
    path = folder / "incidents.csv"
    fieldnames, existing = read_rows(path)
    write_rows(path, fieldnames, existing + rows)


def edit_row(path: Path, row_id: str, **cells: str) -> None:
    fieldnames, rows = read_rows(path)
    hit = [row for row in rows if row["id"] == row_id]
    assert hit, f"{row_id} not in {path}"
    for row in hit:
        row.update(cells)
    write_rows(path, fieldnames, rows)


# --- 1. template injection -------------------------------------------------------------

TEMPLATE_PAYLOADS = {
    "expr": "{{ 7*7 }}",
    "raw": "{% raw %}",
    "comment": "{#",
    "rce": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
}
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def payload(key: str, marker: Path) -> str:
    return TEMPLATE_PAYLOADS[key].replace("MARKER", str(marker))


def tagged(field: str, key: str, marker: Path) -> str:
    """A payload between a tag naming where it was put, to find it in the output."""
    return f"HX{field}{key}:{payload(key, marker)}:XH"


def combined(field: str, marker: Path) -> str:
    return " ".join(tagged(field, key, marker) for key in TEMPLATE_PAYLOADS)


def decoded(text: str) -> str:
    """The page with JSON escapes and HTML entities decoded, to find data as written."""
    text = JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = text.replace('\\"', '"').replace("\\/", "/").replace("\\\\", "\\")
    return html.unescape(text)


@dataclass
class Rendered:
    result: Result
    text: str
    marker: Path


@pytest.fixture(scope="module")
def injection(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A records folder whose notes, places, a source title and an actor name carry
    template payloads; the map, report, render and extract outputs made from it."""
    base = tmp_path_factory.mktemp("injection")
    marker = base / "MARKER"
    seeds = copy_seeds(base / "seeds")
    add_incidents(
        seeds,
        [
            incident(i, note=tagged("NOTE", key, marker), location=tagged("PLACE", key, marker))
            for i, key in enumerate(TEMPLATE_PAYLOADS, start=1)
        ],
    )
    edit_row(seeds / "sources.csv", "doc-001", title=combined("SOURCE", marker))
    edit_row(seeds / "actors.csv", "isgs", name=combined("ACTOR", marker))
    # a gazetteer whose Ménaka (the place of incidents in range) is named with the payloads
    gazetteer = base / "gazetteer"
    gazetteer.mkdir()
    for name in ("areas.geojson", "reference"):
        (gazetteer / name).symlink_to(ROOT / "gazetteer" / name)
    shutil.copy(ROOT / "gazetteer" / "places.csv", gazetteer / "places.csv")
    edit_row(gazetteer / "places.csv", "ml-menaka", name=combined("GAZPLACE", marker))
    data = ["--seeds", seeds, "--gazetteer", gazetteer]
    inputs = snapshot([seeds, gazetteer / "places.csv"])
    outputs: dict[str, Rendered] = {}

    def render(name: str, argv: list, out: Path) -> None:
        result = run(*argv)
        text = out.read_text(encoding="utf-8") if out.is_file() else ""
        outputs[name] = Rendered(result, text, marker)

    validate = run("validate", *data)
    out = base / "map.html"
    render("map", ["map", *data, *SMALL, "--title", combined("TITLE", marker), "--out", out], out)
    out = base / "report.html"
    render("report", ["report", *data, *SMALL, "--title", combined("TITLE", marker), "--out", out], out)
    recipe = base / "hostile.toml"
    recipe.write_text(
        "\n".join(
            [
                f"title = {json.dumps(combined('TITLE', marker))}",
                f"subtitle = {json.dumps(combined('SUBTITLE', marker))}",
                'from = "2022-03"',
                'to = "2022-04"',
                'area = "ml-region-menaka"',
                'out = "hostile.html"',
                "",
            ]
        ),
        encoding="utf-8",
    )
    (base / "rendered").mkdir()
    render("render", ["render", recipe, *data, "--out", base / "rendered"], base / "rendered/hostile.html")
    article = base / "article.txt"
    article.write_text(
        "Gunmen of the ISGS attacked Ménaka on 8 March 2022, killing 12 civilians. "
        + " ".join(f"{tagged('ARTICLE', key, marker)} near Tidermène." for key in TEMPLATE_PAYLOADS)
        + "\n",
        encoding="utf-8",
    )
    render(
        "extract",
        ["extract", article, "--quiet", "--date", "2022-03-10", "--html", base / "review.html"],
        base / "review.html",
    )
    return {
        "outputs": outputs,
        "strays": strays(base, set()) + strays(base / "rendered", set()),
        "validate": validate,
        "marker": marker,
        "inputs": inputs,
        "seeds": seeds,
        "article": article,
    }


INJECTION_CASES = [
    *[(cmd, field) for cmd in ("map", "report") for field in ("NOTE", "PLACE", "GAZPLACE", "SOURCE", "ACTOR", "TITLE")],
    *[("render", field) for field in ("TITLE", "SUBTITLE", "NOTE", "PLACE", "GAZPLACE", "SOURCE", "ACTOR")],
    ("extract", "ARTICLE"),
]
INJECTION_CASES = [(cmd, field, key) for cmd, field in INJECTION_CASES for key in TEMPLATE_PAYLOADS]


def test_injection_records_are_valid(injection: dict) -> None:
    """The payloads are legitimate data: the folder validates, and the pages leave no temporary file."""
    result = injection["validate"]
    no_traceback(result)
    assert result.code == 0, result.err
    assert not injection["strays"], f"temporary files left: {injection['strays']}"


@pytest.mark.parametrize(("command", "field", "key"), INJECTION_CASES, ids=lambda v: str(v).lower())
def test_template_payload_is_data(injection: dict, command: str, field: str, key: str) -> None:
    rendered: Rendered = injection["outputs"][command]
    no_traceback(rendered.result)
    assert rendered.result.code == 0, rendered.result.err[-3000:]
    assert not injection["marker"].exists(), "a template payload ran a shell command"
    assert snapshot(
        [injection["seeds"], injection["seeds"].parent / "gazetteer" / "places.csv", injection["article"]]
    ) == {
        **injection["inputs"],
        **snapshot([injection["article"]]),
    }
    text = decoded(rendered.text)
    tag = f"HX{field}{key}:"
    expected = tag + payload(key, injection["marker"]) + ":XH"
    found = [m.start() for m in re.finditer(re.escape(tag), text)]
    assert found, f"{tag}... is missing from the {command} output (the data was lost or evaluated)"
    for start in found:
        shown = text[start : start + len(expected)]
        assert shown == expected, f"the payload was not kept verbatim: {shown!r} instead of {expected!r}"
    if key == "expr":
        assert tag + "49" not in text


# --- 2. dates at the edges -------------------------------------------------------------

BAD_DATES = ["0000", "10000", "-0001", "2022-13", "2022-02-30", "2022-00", "2022-04-31", "20222"]
EDGE_DATES = ["0001-01-01", "9999", "9999-12-31"]

DATE_OPTIONS = {
    "map-from": lambda t, d: [
        "map",
        "--from",
        d,
        "--to",
        "2022-04",
        "--area",
        "ml-region-menaka",
        "--out",
        t / "m.html",
    ],
    "map-to": lambda t, d: ["map", "--from", "2022-03", "--to", d, "--area", "ml-region-menaka", "--out", t / "m.html"],
    "report-from": lambda t, d: ["report", "--from", d, "--to", "2022-04", *SMALL[:2], "--out", t / "r.html"],
    "timeline-to": lambda t, d: ["timeline", "isgs", "--from", "2022-01", "--to", d],
    "stats-from": lambda t, d: ["stats", "--from", d, "--to", "2022-12"],
    "snapshot-at": lambda t, d: ["snapshot", "--at", d, "--area", "ml-region-menaka", "--out", t / "s.png"],
    "chart-to": lambda t, d: ["chart", "isgs", "--from", "2022-01", "--to", d, "--out", t / "c.svg"],
    "area-at": lambda t, d: ["area", "isgs", "--at", d],
    "extract-date": lambda t, d: ["extract", t / "a.txt", "--date", d],
}
DATE_OPTION_NAME = {
    "map-from": "--from",
    "map-to": "--to",
    "report-from": "--from",
    "timeline-to": "--to",
    "stats-from": "--from",
    "snapshot-at": "--at",
    "chart-to": "--to",
    "area-at": "--at",
    "extract-date": "--date",
}


def date_out(tmp_path: Path, option: str) -> Path | None:
    return {
        "map": tmp_path / "m.html",
        "report": tmp_path / "r.html",
        "snapshot": tmp_path / "s.png",
        "chart": tmp_path / "c.svg",
    }.get(option.split("-")[0])


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize("option", ["map-from", "map-to", "timeline-to", "stats-from", "snapshot-at", "area-at"])
def test_bad_date_option(tmp_path: Path, option: str, value: str) -> None:
    argv = DATE_OPTIONS[option](tmp_path, value)
    refused(argv, DATE_OPTION_NAME[option], value, out=date_out(tmp_path, option))


@pytest.mark.parametrize("value", ["0000", "10000", "2022-13", "2022-02-30"])
@pytest.mark.parametrize("option", ["report-from", "chart-to", "extract-date"])
def test_bad_date_option_more(tmp_path: Path, option: str, value: str) -> None:
    (tmp_path / "a.txt").write_text("Gunmen attacked Ménaka on 8 March 2022.\n", encoding="utf-8")
    argv = DATE_OPTIONS[option](tmp_path, value)
    refused(argv, DATE_OPTION_NAME[option], value, out=date_out(tmp_path, option), inputs=[tmp_path / "a.txt"])


@pytest.mark.parametrize("value", EDGE_DATES)
@pytest.mark.parametrize("option", ["map-from", "map-to", "timeline-to", "stats-from", "area-at"])
def test_edge_date_option(tmp_path: Path, option: str, value: str) -> None:
    """Year 1 and year 9999 are dates: the command works or says why not (no overflow)."""
    out = date_out(tmp_path, option)
    with Guard(None):
        result = run(*DATE_OPTIONS[option](tmp_path, value))
    no_traceback(result)
    assert result.code in (0, 1, 2), result.err[-2000:]
    if result.code:  # the last line names the option or the date
        last = result.last
        assert DATE_OPTION_NAME[option] in last or value in last, f"neither option nor value named: {last!r}"
    if result.code != 0 and out is not None:
        assert not out.exists()
    if out is not None:
        assert not strays(tmp_path, set()), "temporary files left"


@pytest.mark.parametrize("value", [*BAD_DATES, *EDGE_DATES, "2022-03-08/2022-03-01", ""])
def test_incident_date_cell(tmp_path: Path, value: str) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    add_incidents(seeds, [incident(1, date=value)])
    with Guard(None, inputs=[seeds]):
        result = run("validate", "--seeds", seeds)
    if value in EDGE_DATES:  # a valid day: clean, or a problem on its line
        assert_ok_or_refused(result, codes=(0, 1))
        if result.code == 0:
            return
    assert_problem(result, "incidents.csv", line_count(seeds / "incidents.csv"), "date")


@pytest.mark.parametrize("value", ["0000", "10000", "2022-02-30", "9999-12-31"])
def test_incident_date_cell_map(tmp_path: Path, value: str) -> None:
    """A map of records with a bad date refuses, naming the file, before writing anything."""
    seeds = copy_seeds(tmp_path / "seeds")
    add_incidents(seeds, [incident(1, date=value)])
    out = tmp_path / "m.html"
    with Guard(out, inputs=[seeds]):
        result = run("map", "--seeds", seeds, *SMALL, "--out", out)
        if value == "9999-12-31" and result.code == 0:  # a valid day: the map may be drawn
            return
        assert not out.exists()
    assert_problem(result, "incidents.csv", line_count(seeds / "incidents.csv"), "date")


def _date_text(year: int, month: int | None, day: int | None) -> str:
    text = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    return text


def _is_valid_day(year: int, month: int | None, day: int | None) -> bool:
    import datetime as dt

    if not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return False
    if day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    year=st.one_of(st.integers(-20000, 20000), st.sampled_from([0, 1, 9999, 10000])),
    month=st.none() | st.integers(0, 99),
    day=st.none() | st.integers(0, 99),
)
def test_hypothesis_area_dates(tmp_path: Path, year: int, month: int | None, day: int | None) -> None:
    if month is None:
        day = None
    text = _date_text(year, month, day)
    with Guard(None):
        result = run("area", "isgs", f"--at={text}")
    if _is_valid_day(year, month, day) and not (month is not None and 13 <= month <= 99):
        # a real date: the area, or a refusal that names the option or the date
        assert_ok_or_refused(result, "geo area")
        if result.code:
            assert "--at" in result.last or text in result.last, result.last
    else:
        # months 21-24, 33-41 are EDTF seasons, quarters, quadrimesters and halves: accepted
        assert_ok_or_refused(result, "--at", text)
        grouping = month is not None and day is None and (21 <= month <= 24 or 33 <= month <= 41)
        if not (grouping and 1 <= year <= 9999):
            assert result.code in (1, 2), f"{text!r} was accepted: {result.err[-500:]}"


# --- 3. numbers at the limits ------------------------------------------------------------

HOSTILE_NUMBERS = ["nan", "inf", "-inf", "1e309", BIG, f"-{BIG}", "NaN", "infinity"]


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_near_point(value: str) -> None:
    result = run("geocode", "Dioura", "--near", f"{value},{value}")
    assert_refused(result, "--near")


@pytest.mark.parametrize("value", ["nan,nan", "inf,2.4", "15.9,-inf", "1e309,2.4", f"{BIG},2.4", "15.9,nan"])
def test_distance_point(value: str) -> None:
    result = run("distance", value, "Ménaka")
    assert_refused(result, value.split(",")[0] if value.startswith(("n", "i", "1e", "9")) else value.split(",")[1])


@pytest.mark.parametrize(
    "point", [("nan", "nan"), ("inf", "2.4"), ("15.9", "-inf"), ("1e309", "2.4"), (BIG, "2.4"), ("15.9", "nan")]
)
def test_reverse_point(point: tuple[str, str]) -> None:
    result = run("reverse", *point)
    assert_refused(result, "nan" if "nan" in point else "inf" if "inf" in " ".join(point) else point[0][:20])


def test_reverse_tiny_point() -> None:
    """5e-324, 5e-324 is a real point (0°, 0°), outside the gazetteer's region: refused."""
    result = run("reverse", "5e-324", "5e-324")
    assert_ok_or_refused(result, "latitude")


@pytest.mark.parametrize("value", ["nan", "inf", "1e309", BIG, INT64, "-1", "0", "5e-324"])
def test_map_window_days(tmp_path: Path, value: str) -> None:
    out = tmp_path / "m.html"
    refused(["map", *SMALL, "--window-days", value, "--out", out], "--window-days", value[:30], out=out)


@pytest.mark.parametrize(
    "argv",
    [
        ["snapshot", "--at", "2022-04", "--area", "ml-region-menaka", "--window-days", "nan"],
        ["snapshot", "--at", "2022-04", "--area", "ml-region-menaka", "--window-days", BIG],
        ["snapshot", "--at", "2022-04", "--area", "ml-region-menaka", "--window-days", "-1"],
        ["map", *SMALL, "--window", "nan"],
        ["map", *SMALL, "--window", BIG],
        ["map", *SMALL, "--param", "radius_km.town=nan"],
        ["report", *SMALL, "--param", "max_km=inf"],
        ["snapshot", "--at", "2022-04", "--area", "ml-region-menaka", "--param", "activity_km=1e309"],
        ["chart", "isgs", "--from", "2022-01", "--to", "2022-04", "--param", f"other_km={BIG}"],
        ["export", "--layers", "influence", "--param", "radius_km.village=-inf"],
        ["area", "isgs", "--at", "2022-04", "--method", "voronoi", "--param", "max_km=nan"],
        ["area", "isgs", "--at", "2022-04", "--window", INT64],
    ],
    ids=lambda argv: "-".join([argv[0], *[a.lstrip("-")[:14] for a in argv[-2:]]]),
)
def test_numbers_in_options(tmp_path: Path, argv: list[str]) -> None:
    suffix = {"snapshot": "png", "chart": "svg"}.get(argv[0], "html")
    out = tmp_path / ("outdir" if argv[0] == "export" else f"out.{suffix}")
    full = [*argv, "--out", out] if argv[0] != "area" else argv
    option, value = argv[-2], argv[-1]
    needles = (option, value.split("=")[0]) if "=" in value else (option,)
    refused(full, *needles, out=None if argv[0] == "area" else out)
    if argv[0] == "export":
        assert not out.exists()


@pytest.mark.parametrize("query", ["nan,nan", "inf,inf", "1e309,2.4", f"{BIG},{BIG}", "15.9,nan"])
def test_geocode_point_query(query: str) -> None:
    """A query that looks like a point but is not a finite one: not resolved, and said so."""
    result = run("geocode", "--json", "--", query)
    assert_named(result, query, codes=(1, 2))
    for line in result.out.splitlines():
        assert "NaN" not in line and "Infinity" not in line, line


@pytest.mark.parametrize("value", ["nan", "inf", BIG, INT64, "-1", "0"])
def test_timeline_window(value: str) -> None:
    refused(["timeline", "isgs", "--from", "2022-01", "--to", "2022-03", "--window", value], "--window", value[:30])


@pytest.mark.parametrize(
    "param",
    [
        "radius_km.town=nan",
        "radius_km.town=inf",
        "radius_km.town=-inf",
        "radius_km.town=1e309",
        "radius_km.town=-5",
        f"radius_km.town={BIG}",
        "max_km=nan",
        "activity_km=-1",
        "other_km=5e-324x",
        "window_days=nan",
        "nosuch=1",
        "radius_km=1",
    ],
)
def test_param(param: str) -> None:
    name, value = param.split("=")
    refused(["timeline", "isgs", "--from", "2022-01", "--to", "2022-03", "--param", param], name, value[:30])


@pytest.mark.parametrize("value", ["nan", BIG, "-1", INT64])
@pytest.mark.parametrize("command", ["places", "reverse"])
def test_limit(command: str, value: str) -> None:
    argv = ["places", "menaka"] if command == "places" else ["reverse", "15.93", "2.41"]
    result = run(*argv, "--limit", value)
    if value in ("nan", "-1"):
        assert_refused(result, "--limit", value)
    else:  # "at most this many": a huge limit is all of them, or refused
        assert_ok_or_refused(result, "--limit", codes=(0, 2))


@pytest.mark.parametrize(
    "bbox",
    [
        "nan,nan,nan,nan",
        "inf,13.5,4.5,21.5",
        "-6.5,13.5,1e309,21.5",
        f"-6.5,13.5,{BIG},21.5",
        "-6.5,13.5,4.5",
        "-6.5,13.5,4.5,21.5,1",
        "true,false,1,2",
        "4.5,13.5,-6.5,21.5",
        "-6.5,-100,4.5,21.5",
        "",
    ],
)
def test_bbox(tmp_path: Path, bbox: str) -> None:
    out = tmp_path / "m.html"
    values = [v for v in bbox.split(",") if v]
    result = refused(["map", "--from", "2022-03", "--to", "2022-04", f"--bbox={bbox}", "--out", out], out=out)
    last = result.last.lower()
    assert "--bbox" in last or "bounding box" in last, f"the option is not named: {result.last!r}"
    assert values == [] or any(v[:20].lower() in last for v in values), f"the value is not named: {result.last!r}"


@pytest.mark.parametrize("value", ["nan", BIG, "-1", "16"])
def test_hex_resolution(value: str) -> None:
    refused(["stats", "--by", "hex", "--hex-resolution", value, "--from", "2022"], "--hex-resolution", value[:30])


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "1e309"])
def test_max_uncertainty(value: str) -> None:
    refused(["stats", "--max-uncertainty", value, "--from", "2022"], "--max-uncertainty", value)


@pytest.mark.parametrize("value", [BIG, INT64, "-1", "1e3", "nan", "4.5"])
@pytest.mark.parametrize("column", ["fatalities_best", "displaced"])
def test_number_cell(tmp_path: Path, column: str, value: str) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    cells = {column: value}
    if column == "fatalities_best":
        cells.update(fatalities_low="", fatalities_high="")
    add_incidents(seeds, [incident(1, **cells)])
    with Guard(None, inputs=[seeds]):
        result = run("validate", "--seeds", seeds)
    assert_problem(result, "incidents.csv", line_count(seeds / "incidents.csv"), column)


@pytest.mark.parametrize("value", [BIG, INT64])
@pytest.mark.parametrize("command", ["stats", "map"])
def test_number_cell_used(tmp_path: Path, command: str, value: str) -> None:
    """Commands that sum deaths refuse records with absurd numbers (no overflow)."""
    seeds = copy_seeds(tmp_path / "seeds")
    add_incidents(seeds, [incident(1, fatalities_low="", fatalities_best=value, fatalities_high="")])
    out = tmp_path / "m.html"
    argv = ["stats", "--seeds", seeds, "--from", "2022-03"] if command == "stats" else ["map", "--seeds", seeds]
    if command == "map":
        argv += [*SMALL, "--out", out]
    with Guard(out if command == "map" else None, inputs=[seeds]):
        result = run(*argv)
    assert_problem(result, "incidents.csv", line_count(seeds / "incidents.csv"), "fatalities_best")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lat=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["1e309", BIG, "-0", "5e-324"])),
    lon=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["1e309", BIG, "-0", "5e-324"])),
)
def test_hypothesis_reverse(lat, lon) -> None:
    texts = [repr(v) if isinstance(v, float) else v for v in (lat, lon)]
    result = run("reverse", "--", f"{texts[0]},{texts[1]}")
    values = [float(t) for t in texts]
    finite = all(math.isfinite(v) for v in values) and abs(values[0]) <= 90 and abs(values[1]) <= 180
    assert_ok_or_refused(result, codes=(0, 1, 2) if finite else (1, 2))
    if not finite:
        assert result.code in (1, 2)
    if result.code:
        assert result.last.startswith("geo reverse"), result.last


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lat=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["1e309", BIG, "nan"])),
    lon=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["1e309", BIG, "inf"])),
)
def test_hypothesis_distance(lat, lon) -> None:
    texts = [repr(v) if isinstance(v, float) else v for v in (lat, lon)]
    point = f"{texts[0]},{texts[1]}"
    result = run("distance", "--", point, "ml-menaka")
    values = [float(t) for t in texts]
    finite = all(math.isfinite(v) for v in values) and abs(values[0]) <= 90 and abs(values[1]) <= 180
    assert_ok_or_refused(result, codes=(0, 1, 2) if finite else (2,))
    if result.code == 0:
        record = result.out
        assert "nan" not in record.lower() and "inf" not in record.lower(), record


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.integers(), st.floats(), st.sampled_from([BIG, INT64, "1e309", "nan", "-inf"])))
def test_hypothesis_window_days(value) -> None:
    text = repr(value) if isinstance(value, float) else str(value)
    result = run("timeline", "isgs", "--from", "2022-01", "--to", "2022-02", "--window", text, "--every", "year")
    legit = isinstance(value, int) and 1 <= value <= 36500
    assert_ok_or_refused(result, "--window", codes=(0, 2) if legit else (2,))


# --- 4. output paths -------------------------------------------------------------------


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    incidents = folder / "incidents.csv"
    shutil.copy(SEEDS / "incidents.csv", incidents)
    acled = folder / "acled.csv"
    write_rows(acled, list(acled_row("MLI1")), [acled_row("MLI1"), acled_row("MLI2")])
    article = folder / "article.txt"
    article.write_text("Gunmen of the ISGS attacked Ménaka on 8 March 2022, killing 12 civilians.\n", encoding="utf-8")
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    return {"incidents": incidents, "acled": acled, "article": article, "folder": folder}


OUT_TARGETS = {
    "existing-dir": lambda t: t / "adir",
    "missing-parent": lambda t: t / "no" / "such" / "x.EXT",
    "under-file": lambda t: t / "afile" / "x.EXT",
    "proc": lambda t: Path("/proc/x.EXT"),
    "empty": lambda t: Path(""),
}
OUT_COMMANDS = {
    "map": (lambda t, i, o: ["map", "--incidents", i["incidents"], *SMALL, "--out", o], "html"),
    "report": (lambda t, i, o: ["report", *SMALL, "--out", o], "html"),
    "snapshot": (lambda t, i, o: ["snapshot", "--at", "2022-04", "--area", "ml-region-menaka", "--out", o], "png"),
    "chart": (lambda t, i, o: ["chart", "isgs", "--from", "2022-01", "--to", "2022-04", "--out", o], "svg"),
    "import": (lambda t, i, o: ["import", "acled", i["acled"], "--out", o], "csv"),
    "import-report": (
        lambda t, i, o: ["import", "acled", i["acled"], "--out", t / "imported.csv", "--report", o],
        "csv",
    ),
    "extract-html": (lambda t, i, o: ["extract", i["article"], "--quiet", "--html", o], "html"),
    "extract-candidates": (lambda t, i, o: ["extract", i["article"], "--quiet", "--candidates", o], "csv"),
}


@pytest.mark.parametrize("target", list(OUT_TARGETS))
@pytest.mark.parametrize("command", list(OUT_COMMANDS))
def test_bad_out_path(tmp_path: Path, inputs: dict[str, Path], command: str, target: str) -> None:
    build, ext = OUT_COMMANDS[command]
    out = OUT_TARGETS[target](tmp_path)
    out = Path(str(out).replace("EXT", ext)) if target != "empty" else out
    argv = build(tmp_path, inputs, "" if target == "empty" else out)
    guarded = None if target in ("proc", "empty") else out
    needle = "/proc/x" if target == "proc" else "--out" if target == "empty" else out.name
    if command == "import-report" and target == "empty":
        needle = "--report"
    elif command.startswith("extract") and target == "empty":
        needle = "--" + command.split("-")[1]
    side = tmp_path / "imported.csv"
    with Guard(guarded, inputs=[inputs["folder"]]):
        result = run(*argv)
        assert_refused(result, needle)
    if command == "import-report":
        assert not side.exists(), "--out was written although --report could not be"
    if target == "existing-dir":
        assert listing(out) == set()


SAME_AS_INPUT = {
    "map-incidents": lambda i: ["map", "--incidents", i["incidents"], *SMALL, "--out", i["incidents"]],
    "snapshot-incidents": lambda i: [
        "snapshot",
        "--at",
        "2022-04",
        "--incidents",
        i["incidents"],
        "--out",
        i["incidents"],
    ],
    "import-out": lambda i: ["import", "acled", i["acled"], "--out", i["acled"]],
    "import-report-out": lambda i: [
        "import",
        "acled",
        i["acled"],
        "--out",
        i["folder"] / "o.csv",
        "--report",
        i["acled"],
    ],
    "import-report-is-out": lambda i: [
        "import",
        "acled",
        i["acled"],
        "--out",
        i["folder"] / "x.csv",
        "--report",
        i["folder"] / "x.csv",
    ],
    "extract-html": lambda i: ["extract", i["article"], "--quiet", "--html", i["article"]],
    "extract-candidates": lambda i: ["extract", i["article"], "--quiet", "--candidates", i["article"]],
    "extract-both": lambda i: [
        "extract",
        i["article"],
        "--quiet",
        "--html",
        i["folder"] / "y.html",
        "--candidates",
        i["folder"] / "y.html",
    ],
    "geocode-batch": lambda i: ["geocode", "--batch", i["incidents"], "--csv"],  # stdout: fine
}


@pytest.mark.parametrize("case", [c for c in SAME_AS_INPUT if c != "geocode-batch"])
def test_out_is_an_input(tmp_path: Path, inputs: dict[str, Path], case: str) -> None:
    argv = SAME_AS_INPUT[case](inputs)
    out_index = max(i for i, a in enumerate(argv) if a in ("--out", "--html", "--candidates", "--report"))
    out = Path(argv[out_index + 1])
    before = listing(inputs["folder"])
    result = refused(argv, out.name, inputs=[inputs["folder"]])
    assert listing(inputs["folder"]) == before, "a file was written beside the inputs"
    assert "--" in result.last or "same" in result.last.lower() or "input" in result.last.lower()


def test_export_into_its_records(tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    before = listing(seeds)
    refused(
        ["export", "--seeds", seeds, "--format", "csv", "--layers", "incidents", "--out", seeds],
        "--out",
        inputs=[seeds],
    )
    assert listing(seeds) == before


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg"])
def test_export_out_is_a_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "afile"
    target.write_text("keep", encoding="utf-8")
    refused(["export", "--format", fmt, "--layers", "places", "--out", target], "afile", out=target)


def test_render_out_is_a_file(tmp_path: Path) -> None:
    recipe = tmp_path / "r.toml"
    recipe.write_text('title = "R"\nfrom = "2022-03"\nto = "2022-04"\narea = "ml-region-menaka"\n', encoding="utf-8")
    target = tmp_path / "afile"
    target.write_text("keep", encoding="utf-8")
    refused(["render", recipe, "--out", target], "afile", out=target, inputs=[recipe])


# --- 5. files ----------------------------------------------------------------------------

HEADER = ",".join(
    [
        "id",
        "date",
        "place",
        "location",
        "latitude",
        "longitude",
        "precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "assoc_actors",
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
        "fatalities_text",
        "displaced",
        "sources",
        "note",
    ]
)


def bad_csv(kind: str, path: Path, header: str) -> None:
    """Write the defect ``kind`` at ``path`` for a CSV whose header is ``header``."""
    columns = header.split(",")
    good = ",".join(["x"] * len(columns))
    if kind == "unterminated-quote":
        path.write_text(f'{header}\n{good}\n"{good}\n{good}\n', encoding="utf-8")
    elif kind == "duplicate-header":
        path.write_text(f"{header},{columns[0]}\n{good},x\n", encoding="utf-8")
    elif kind == "short-row":
        path.write_text(f"{header}\n{good}\n{','.join(['x'] * 3)}\n", encoding="utf-8")
    elif kind == "long-row":
        path.write_text(f"{header}\n{good}\n{good},extra,cells\n", encoding="utf-8")
    elif kind == "invalid-utf8":
        path.write_bytes(f"{header}\n".encode() + b"M\xe9naka\xff\xfe," + good.encode()[2:] + b"\n")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "nul-byte":
        path.write_bytes(f"{header}\n".encode() + b"x\x00y," + good.encode()[2:] + b"\n")
    elif kind == "directory":
        path.mkdir()
    elif kind == "dangling-symlink":
        path.symlink_to(path.parent / "does-not-exist.csv")
    elif kind == "symlink-loop":
        path.symlink_to(path)
    else:  # pragma: no cover
        raise ValueError(kind)


FILE_DEFECTS = [
    "unterminated-quote",
    "duplicate-header",
    "short-row",
    "long-row",
    "invalid-utf8",
    "empty",
    "nul-byte",
    "directory",
    "dangling-symlink",
    "symlink-loop",
]
ACLED_HEADER = ",".join(acled_row("x"))


@pytest.mark.parametrize("defect", FILE_DEFECTS)
@pytest.mark.parametrize("command", ["validate", "map-incidents", "import-acled", "geocode-batch"])
def test_bad_csv(tmp_path: Path, command: str, defect: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = "incidents.csv" if command != "import-acled" else "acled.csv"
    path = folder / name
    header = {"import-acled": ACLED_HEADER, "geocode-batch": "query,country"}.get(command, HEADER)
    bad_csv(defect, path, header)
    out = tmp_path / "out.html"
    argv = {
        "validate": ["validate", "--seeds", folder],
        "map-incidents": ["map", "--incidents", path, *SMALL, "--out", out],
        "import-acled": ["import", "acled", path, "--out", tmp_path / "out.csv"],
        "geocode-batch": ["geocode", "--batch", path, "--csv"],
    }[command]
    out = {"map-incidents": out, "import-acled": tmp_path / "out.csv"}.get(command)
    row_level = defect in ("short-row", "long-row", "invalid-utf8", "nul-byte")
    # ACLED rows that cannot be used are reported and left out, the others written (README)
    partial_ok = command == "import-acled" and row_level
    with Guard(None if partial_ok else out, inputs=[folder]):
        result = run(*argv)
    if command == "geocode-batch" and row_level:
        # a bad row is reported with its line and answered with status "error"; the other rows as usual
        assert_named(result, name, codes=(1,))
        assert re.search(r"line [0-9]+", result.err), f"no line number: {result.err[-2000:]}"
        return
    if partial_ok:
        assert_named(result, name, codes=(1,))
        assert re.search(r"acled\.csv:[0-9]+|line [0-9]+", result.err), f"no line number: {result.err[-2000:]}"
        return
    assert_named(result, name)
    if defect == "duplicate-header":  # the column given twice is named with the file
        column = header.split(",")[0]
        assert named_line(result, name, column), f"{column!r} is not named with {name}: {result.err[-2000:]}"
    if defect != "empty" and defect in (
        "unterminated-quote",
        "duplicate-header",
        *(() if not row_level else (defect,)),
    ):
        where = rf"{re.escape(name)}(:| line | at line )[0-9]+|{re.escape(name)}.*line [0-9]+"
        assert re.search(where, result.err), f"no line number with {name}: {result.err[-2000:]}"


def test_huge_field(tmp_path: Path) -> None:
    """A 20-million-character cell: refused (or read) without a traceback; the file is deleted after."""
    seeds = copy_seeds(tmp_path / "seeds")
    add_incidents(seeds, [incident(1, note="x" * 20_000_000)])
    try:
        with Guard(None, inputs=[seeds]):
            result = run("validate", "--seeds", seeds)
        no_traceback(result)
        assert result.code in (0, 1), result.err[-2000:]
        if result.code:
            assert re.search(r"incidents\.csv:[0-9]+:", result.err), result.err[-2000:]
        assert len(result.err) < 10_000, "the 20-million-character cell was echoed to stderr"
    finally:
        (seeds / "incidents.csv").unlink()


def test_huge_field_batch(tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    path.write_text("query\nMénaka\n" + "x" * 20_000_000 + "\nGao\n", encoding="utf-8")
    try:
        with Guard(None, inputs=[path]):
            result = run("geocode", "--batch", path, "--csv")
        assert_ok_or_refused(result, "batch.csv", codes=(1, 2))
        assert len(result.err) < 10_000, "the 20-million-character cell was echoed to stderr"
    finally:
        path.unlink()


@pytest.mark.parametrize("defect", ["symlink-loop", "dangling-symlink", "directory", "capitalised"])
@pytest.mark.parametrize("command", ["validate", "map", "stats"])
def test_records_folder_defects(tmp_path: Path, command: str, defect: str) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    (seeds / "incidents.csv").unlink()
    if defect == "capitalised":
        shutil.copy(SEEDS / "incidents.csv", seeds / "Incidents.csv")
        name = "Incidents.csv"
    else:
        bad_csv(defect, seeds / "incidents.csv", HEADER)
        name = "incidents.csv"
    out = tmp_path / "m.html"
    argv = {
        "validate": ["validate", "--seeds", seeds],
        "map": ["map", "--seeds", seeds, *SMALL, "--out", out],
        "stats": ["stats", "--seeds", seeds, "--from", "2022"],
    }[command]
    with Guard(out if command == "map" else None, inputs=[seeds]):
        result = run(*argv)
    assert_named(result, name)


@pytest.mark.parametrize("what", ["missing", "directory", "empty", "invalid-utf8"])
def test_extract_bad_document(tmp_path: Path, what: str) -> None:
    path = tmp_path / "doc.txt"
    if what == "directory":
        path.mkdir()
    elif what == "empty":
        path.write_bytes(b"")
    elif what == "invalid-utf8":
        path.write_bytes(b"Gunmen attacked M\xe9naka on 8 March 2022.\n")
    out = tmp_path / "c.csv"
    with Guard(None if what == "empty" else out, inputs=[tmp_path / "doc.txt"]):
        result = run("extract", path, "--candidates", out)
    if what == "empty":  # an empty article is legitimate: no mentions
        assert_ok_or_refused(result, "doc.txt", codes=(0, 1))
        return
    assert_named(result, "doc.txt")


def test_extract_dev_zero(tmp_path: Path) -> None:
    """An endless document: refused within 20 s, not read forever."""
    try:
        done = run_process("extract", "/dev/zero", "--quiet", "--candidates", tmp_path / "c.csv", timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("geo extract /dev/zero still running after 20 s")
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert done.returncode in (1, 2), err[-2000:]
    assert "/dev/zero" in err, err[-2000:]
    assert not (tmp_path / "c.csv").exists()


def test_geocode_batch_stdin_invalid_utf8(tmp_path: Path) -> None:
    done = run_process("geocode", "--batch", "-", "--json", input=b"query\nM\xe9naka\nGao\n", timeout=60)
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert done.returncode == 1, err
    assert "utf-8" in err.lower() and "2" in err, err
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]
    assert [row.get("status") for row in rows][:1] == ["error"], rows
    assert len(rows) == 2, "every row gets one result"


@pytest.mark.parametrize(
    "text",
    [
        "not json at all",
        '{"type": "FeatureCollection", "features": [',
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Polygon", '
        '"coordinates": [[[NaN, 1], [2, 2], [3, 1], [NaN, 1]]]}}]}',
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Polygon", '
        '"coordinates": [[[1e309, 1], [2, 2], [3, 1], [1e309, 1]]]}}]}',
        "[" * 100_000,
        "",
    ],
    ids=["not-json", "truncated", "nan-coords", "inf-coords", "deep-nesting", "empty"],
)
def test_area_bad_geojson(tmp_path: Path, text: str) -> None:
    path = tmp_path / "zones.geojson"
    path.write_text(text, encoding="utf-8")
    refused(["area", path], "zones.geojson", inputs=[path])


# --- 6. recipes ----------------------------------------------------------------------------

GOOD_RECIPE = 'title = "Good"\nfrom = "2022-03"\nto = "2022-04"\narea = "ml-region-menaka"\n'

BAD_RECIPES = {
    "nul-in-out": ('out = "a\\u0000b.html"\n', "out"),
    "nested-params": ("params = { max_km = { deeper = 1 } }\n", "params"),
    "deep-params": ("params = " + "{ a = " * 10000 + "1" + " }" * 10000 + "\n", "bad.toml"),
    "deep-array": ("actors = " + "[" * 10000 + "]" * 10000 + "\n", "bad.toml"),
    "bbox-booleans": ("bbox = [true, false, true, true]\n", "bbox"),
    "bbox-nan": ("bbox = [nan, 14.6, 5.0, 17.6]\n", "bbox"),
    "bbox-inf": ("bbox = [0.5, 14.6, inf, 17.6]\n", "bbox"),
    "bbox-reversed": ("bbox = [5.0, 14.6, 0.5, 17.6]\n", "bbox"),
    "negative-radius": ('params = { "radius_km.town" = -5 }\n', "radius_km.town"),
    "nan-param": ("params = { max_km = nan }\n", "max_km"),
    "unknown-param": ("params = { nosuch = 1 }\n", "nosuch"),
    "unknown-key": ("colour = 1\n", "colour"),
    "unknown-actor": ('actors = ["no-such-group"]\n', "no-such-group"),
    "town-as-area": ('area = "ml-menaka"\n', "ml-menaka"),
    "unknown-area": ('area = "ml-region-nowhere"\n', "ml-region-nowhere"),
    "bad-month": ('from = "2022-13"\n', "2022-13"),
    "huge-window": (f"window_days = {2**63 - 1}\n", "window_days"),
    "out-dotdot": ('out = "..html"\n', "out"),
    "out-hidden": ('out = ".hidden.html"\n', "out"),
    "title-blank": ('title = "   "\n', "title"),
}


def recipe_text(extra: str) -> str:
    """The good recipe with ``extra`` lines replacing its keys of the same name."""
    keys = {line.split("=")[0].strip() for line in extra.splitlines() if "=" in line}
    if "bbox" in keys:
        keys.add("area")
    kept = [line for line in GOOD_RECIPE.splitlines() if line.split("=")[0].strip() not in keys]
    return "\n".join(kept) + "\n" + extra


@pytest.mark.parametrize("case", list(BAD_RECIPES))
def test_bad_recipe(tmp_path: Path, case: str) -> None:
    extra, needle = BAD_RECIPES[case]
    recipe = tmp_path / "bad.toml"
    recipe.write_text(recipe_text(extra), encoding="utf-8")
    out = tmp_path / "out"
    with Guard(out / "x", inputs=[recipe]):
        result = run("render", recipe, "--out", out)
        assert_refused(result, "bad.toml", needle)
    assert listing(out) == set(), f"written although the recipe is bad: {listing(out)}"


def test_recipe_latin1(tmp_path: Path) -> None:
    recipe = tmp_path / "bad.toml"
    recipe.write_bytes(GOOD_RECIPE.replace("Good", "M\xe9naka").encode("latin-1"))
    out = tmp_path / "out"
    refused(["render", recipe, "--out", out], "bad.toml", inputs=[recipe])
    assert listing(out) == set()


def test_recipe_is_a_directory(tmp_path: Path) -> None:
    recipe = tmp_path / "bad.toml"
    recipe.mkdir()
    refused(["render", recipe, "--out", tmp_path / "out"], "bad.toml")


@pytest.mark.parametrize("bad", ["unknown-actor", "town-as-area", "nan-param", "negative-radius", "same-out"])
def test_good_then_bad_recipe_writes_nothing(tmp_path: Path, bad: str) -> None:
    good = tmp_path / "a-good.toml"
    good.write_text(GOOD_RECIPE + 'out = "shared.html"\n', encoding="utf-8")
    recipe = tmp_path / "bad.toml"
    if bad == "same-out":
        recipe.write_text(GOOD_RECIPE + 'out = "shared.html"\n', encoding="utf-8")
        needle = "shared.html"
    else:
        extra, needle = BAD_RECIPES[bad]
        recipe.write_text(recipe_text(extra), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with Guard(out / "shared.html", inputs=[good, recipe]):
        result = run("render", good, recipe, "--out", out)
        assert_refused(result, "bad.toml" if bad != "same-out" else "shared.html", needle)
    assert listing(out) == set(), f"written although a recipe is bad: {listing(out)}"


def test_same_recipe_twice(tmp_path: Path) -> None:
    recipe = tmp_path / "bad.toml"
    recipe.write_text(GOOD_RECIPE, encoding="utf-8")
    out = tmp_path / "out"
    refused(["render", recipe, recipe, "--out", out], "bad.toml", inputs=[recipe])
    assert listing(out) == set()


# --- 7. formula cells ----------------------------------------------------------------------

FORMULAS = {
    "hyperlink": '=HYPERLINK("http://x?leak="&A1)',
    "plus": "+cmd",
    "minus": "-2+3",
    "at": "@SUM(A1)",
}
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def formula_cells(text: str) -> list[str]:
    """Cells that a spreadsheet would run as a formula."""
    return [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if cell[:1] in ("=", "+", "-", "@") and not NUMBER.fullmatch(cell)
    ]


@pytest.fixture(scope="module")
def formula_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Result, str]]:
    base = tmp_path_factory.mktemp("formulas")
    seeds = copy_seeds(base / "seeds")
    add_incidents(
        seeds,
        [incident(i, note=text, location=text) for i, text in enumerate(FORMULAS.values(), start=1)]
        + [
            incident(i + 4, date="2022", note=text, location=text, sources=f"hostile-2022-03-2{i}")
            for i, text in enumerate(FORMULAS.values(), start=1)
        ],
    )
    fieldnames, rows = read_rows(seeds / "sources.csv")
    for i, text in enumerate(FORMULAS.values(), start=1):
        rows.append(
            {"id": f"hostile-2022-03-2{i}", "kind": "cited", "title": text, "cited_in": "doc-001", "note": text}
        )
    write_rows(seeds / "sources.csv", fieldnames, rows)
    gazetteer = base / "gazetteer"
    gazetteer.mkdir()
    from geo import schema

    write_rows(
        gazetteer / "places.csv",
        list(schema.PLACE_COLUMNS),
        [
            {
                "id": f"ml-formula-{i}",
                "name": text,
                "variants": text,
                "kind": "village",
                "lat": f"{15 + i / 10}",
                "lon": "1.0",
                "uncertainty_km": "2",
                "country": "ML",
                "admin1": text,
                "coord_source": "estimate",
            }
            for i, text in enumerate(FORMULAS.values(), start=1)
        ],
    )
    acled = base / "acled.csv"
    write_rows(
        acled,
        list(acled_row("x")),
        [
            acled_row(f"MLI{i}", notes=text, location=text, actor1=text, source=text, admin2=text)
            for i, text in enumerate(FORMULAS.values(), start=1)
        ],
    )
    article = base / "article.txt"
    article.write_text(
        "\n\n".join(
            f"{text} Gunmen of the ISGS attacked Ménaka on 8 March 2022, killing 12." for text in FORMULAS.values()
        )
        + "\n",
        encoding="utf-8",
    )
    batch = base / "batch.csv"
    write_rows(batch, ["query", "admin1"], [{"query": text, "admin1": text} for text in FORMULAS.values()])

    outputs: dict[str, tuple[Result, str]] = {}
    inputs = [seeds, gazetteer, acled, article, batch]
    before = snapshot(inputs)

    def keep(name: str, result: Result, path: Path | None = None) -> None:
        text = result.out if path is None else (path.read_text(encoding="utf-8") if path.is_file() else "")
        outputs[name] = (result, text)

    outputs["validate"] = (run("validate", "--seeds", seeds), "")
    export = base / "export"
    result = run("export", "--seeds", seeds, "--format", "csv", "--layers", "incidents,claims", "--out", export)
    keep("export-incidents", result, export / "incidents.csv")
    result = run("export", "--gazetteer", gazetteer, "--format", "csv", "--layers", "places", "--out", base / "ep")
    keep("export-places", result, base / "ep" / "places.csv")
    keep("stats", run("stats", "--seeds", seeds, "--from", "2022-03", "--to", "2022-03", "--csv"))
    keep("stats-unplaced", run("stats", "--seeds", seeds, "--from", "2022", "--to", "2022", "--csv", "--unplaced"))
    keep("places", run("places", "--gazetteer", gazetteer, "--csv", "--limit", "0"))
    keep("geocode", run("geocode", "--csv", "--", *FORMULAS.values()))
    keep("geocode-batch", run("geocode", "--batch", batch, "--csv"))
    keep(
        "geocode-gazetteer", run("geocode", "--gazetteer", gazetteer, "--csv", "--candidates", "--", *FORMULAS.values())
    )
    result = run("extract", article, "--quiet", "--date", "2022-03-10", "--candidates", base / "candidates.csv")
    keep("extract-candidates", result, base / "candidates.csv")
    result = run("import", "acled", acled, "--out", base / "imported.csv", "--report", base / "report.csv")
    keep("import", result, base / "imported.csv")
    outputs["inputs-unchanged"] = (Result(0, "", ""), str(snapshot(inputs) == before))
    outputs["strays"] = (Result(0, "", ""), " ".join(strays(base, set()) + strays(export, set())))
    outputs["import-report"] = (
        result,
        (base / "report.csv").read_text(encoding="utf-8") if (base / "report.csv").is_file() else "",
    )
    return outputs


# where the payload must show up (as text, neutralised), so that the check is not vacuous
FORMULA_PRESENT = {
    "export-incidents",
    "export-places",
    "stats-unplaced",
    "places",
    "geocode",
    "geocode-batch",
    "geocode-gazetteer",
    "extract-candidates",
    "import",
    "import-report",
}
FORMULA_OUTPUTS = [
    "export-incidents",
    "export-places",
    "stats",
    "stats-unplaced",
    "places",
    "geocode",
    "geocode-batch",
    "geocode-gazetteer",
    "extract-candidates",
    "import",
    "import-report",
]


def test_formula_records_are_valid(formula_outputs) -> None:
    """The payloads are legitimate data; the commands leave the inputs and no temporary file."""
    result, _ = formula_outputs["validate"]
    no_traceback(result)
    assert result.code == 0, result.err[-3000:]
    assert formula_outputs["inputs-unchanged"][1] == "True", "an input file changed"
    assert not formula_outputs["strays"][1], f"temporary files left: {formula_outputs['strays'][1]}"


@pytest.mark.parametrize("key", list(FORMULAS))
@pytest.mark.parametrize("output", FORMULA_OUTPUTS)
def test_no_formula_cells(formula_outputs, output: str, key: str) -> None:
    result, text = formula_outputs[output]
    no_traceback(result)
    assert result.code in (0, 1), result.err[-3000:]
    assert text.strip(), f"no CSV written; stderr: {result.err[-1000:]}"
    cells = formula_cells(text)
    assert not cells, f"cells a spreadsheet would run: {cells[:5]}"
    if output in FORMULA_PRESENT:
        body = FORMULAS[key][1:]
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert any(body in cell for cell in cells), (
            f"{FORMULAS[key]!r} is missing from the output (neutralised, it should still be there)"
        )


# --- 8. streams ----------------------------------------------------------------------------


def test_places_csv_to_dev_full() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "geo", "places", "--csv"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert done.returncode == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got: {lines}"
    assert "geo places" in lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["geocode", "Ménaka", "--json"],
        ["stats", "--from", "2022", "--csv"],
        ["export", "--format", "csv", "--layers", "places", "--out", "/dev/full"],
    ],
    ids=["geocode-json", "stats-csv", "export-to-dev-full"],
)
def test_other_streams_to_dev_full(tmp_path: Path, argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "geo", *argv], stdout=full, stderr=subprocess.PIPE, timeout=60, cwd=tmp_path
        )
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert done.returncode in (1, 2), err
    assert not strays(tmp_path, set())


def test_ascii_stdout_encoding() -> None:
    done = run_process("geocode", "Ménaka", env={"PYTHONIOENCODING": "ascii"})
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    if done.returncode == 0:
        assert b"ml-menaka" in done.stdout
    else:
        assert done.returncode in (1, 2)
        assert len([line for line in err.splitlines() if line.strip()]) == 1, err


@pytest.mark.parametrize(
    "argv", [["places"], ["places", "--csv", "--limit", "3000"], ["geocode", "Ménaka", "Gao", "Tessit"]]
)
def test_broken_pipe(argv: list[str]) -> None:
    process = subprocess.Popen([sys.executable, "-m", "geo", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # the reader goes away, as `| head -1` does
    _, err = process.communicate(timeout=60)
    err = err.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert "Exception ignored" not in err, err[-3000:]
    assert process.returncode in (0, 141, -13), (process.returncode, err)
