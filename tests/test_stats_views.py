"""geo stats by actor and by event type, its filters, its period rules and its precision rules:
exact counts on a small hand-made records folder, through the library and through the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter, defaultdict

import h3
import pytest
from conftest import SMALL_SEEDS, write_seed_file

from geo.cli import main
from geo.errors import ActorNotFoundError, InputError
from geo.records import load_records
from geo.stats import UNPLACED_COLUMNS, VIEW_ROW_COLUMNS, intensity, intensity_layer

VAC = "Violence against civilians"
ERV = "Explosions/Remote violence"
# Where the places lie: ml-menaka (±3 km) and (16.5, 2.5) in Ménaka cercle and region, ml-gao (±5 km)
# in Gao cercle, bf-seytenga in Burkina Faso, ne-tongo-tongo in Niger, area-three-borders over three
# countries (no country of its own). Sources: doc-a is a document, acled a dataset.
INCIDENTS = [
    # id, date, place, precision, event type, actor1, actor2, assoc, (low, best, high), sources, own point
    ("v-a", "2022-03-08", "ml-menaka", "1", "Battles", "isgs", "msa", "msa-d", ("", "10", ""), "doc-a", None),
    # ACLED time precision 2: the coded day 2022-04-01 +- 3 days, over the end of March
    ("v-b", "2022-03-29/2022-04-04", "ml-menaka", "1", VAC, "isgs", "civilians", "", ("", "7", ""), "acled", None),
    # a curated record over the same month end
    ("v-c", "2022-03-29/2022-04-04", "ml-gao", "1", "Battles", "msa", "isgs", "", ("", "3", ""), "doc-a", None),
    ("v-d", "2022-04-10", "bf-seytenga", "1", VAC, "isgs", "civilians", "", ("51", "", ""), "doc-a", None),
    # precision 3: only the region is known
    ("v-e", "2022-04-15", "ml-menaka", "3", ERV, "msa-d", "", "", ("", "2", ""), "acled", None),
    # precision 2: near Gao
    ("v-f", "2022-03-12", "ml-gao", "2", "Battles", "isgs", "", "", ("", "4", "6"), "acled", None),
    ("v-g", "../2022-03-01", "ml-gao", "1", "Battles", "isgs", "", "", ("", "", ""), "doc-a", None),
    ("v-h", "2022-05-02", "ne-tongo-tongo", "1", "Battles", "msa", "", "", ("", "5", ""), "doc-a|acled", None),
    # two days over a month end: the middle day is the earlier one, 30 April
    ("v-i", "2022-04-30/2022-05-01", "", "1", VAC, "isgs", "civilians", "", ("", "1", ""), "acled", ("16.5", "2.5")),
    ("v-j", "2022-04-20", "area-three-borders", "3", "Battles", "isgs", "", "", ("", "", ""), "doc-a", None),
]
TOTAL = len(INCIDENTS)


def _rows() -> list[dict[str, str]]:
    rows = []
    for incident_id, when, place, precision, event_type, a1, a2, assoc, figures, sources, own in INCIDENTS:
        low, best, high = figures
        row = {
            "id": incident_id,
            "date": when,
            "place": place,
            "precision": precision,
            "event_type": event_type,
            "actor1": a1,
            "actor2": a2,
            "assoc_actors": assoc,
            "fatalities_low": low,
            "fatalities_best": best,
            "fatalities_high": high,
            "sources": sources,
        }
        if own:
            row.update(latitude=own[0], longitude=own[1], location="north of Ménaka")
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def views_seeds(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("views") / "seeds"
    sources = [
        *SMALL_SEEDS["sources.csv"],
        {"id": "acled", "kind": "dataset", "title": "Armed Conflict Location & Event Data", "publisher": "ACLED"},
    ]
    write_seed_file(folder, "sources.csv", sources)
    write_seed_file(folder, "actors.csv", SMALL_SEEDS["actors.csv"])
    write_seed_file(folder, "incidents.csv", _rows())
    return str(folder)


@pytest.fixture(scope="module")
def records(views_seeds, gazetteer):
    return load_records(views_seeds, gazetteer=gazetteer)


def table(result) -> dict[tuple[str, str], tuple]:
    """(unit, period) -> (incidents, low, best, high, best missing, missing), missing values as None."""
    frame = result.frame
    if hasattr(frame, "geometry"):
        frame = frame.drop(columns=frame.geometry.name)
    frame = frame.astype(object).where(frame.notna(), None)
    return {
        (row["unit"], row["period"]): (
            row["incidents"],
            row["fatalities_low"],
            row["fatalities_best"],
            row["fatalities_high"],
            row["fatalities_best_missing"],
            row["fatalities_missing"],
        )
        for row in frame.to_dict("records")
    }


def reasons(result) -> dict[str, str]:
    return dict(zip(result.unplaced["id"], result.unplaced["reason"], strict=True))


def where(result) -> dict[str, tuple]:
    placed = result.placements[result.placements["reason"].isna()]
    return {row["id"]: (row["unit"], row["period"]) for row in placed.to_dict("records")}


# --- by event type, by actor ----------------------------------------------------------------


def test_by_event_type(records, gazetteer):
    result = intensity(records, gazetteer, by="event-type", every="month")
    assert table(result) == {
        ("Battles", "2022-03"): (2, None, 14, 6, 0, 0),  # a, f
        ("Battles", "2022-04"): (1, None, None, None, 1, 1),  # j
        ("Battles", "2022-05"): (1, None, 5, None, 0, 0),  # h
        (VAC, "2022-04"): (3, 51, 8, None, 1, 0),  # b (reported: 1 April), d, i (reported: 30 April)
        (ERV, "2022-04"): (1, None, 2, None, 0, 0),  # e: the location plays no part here
    }
    assert list(result.frame.columns) == list(VIEW_ROW_COLUMNS)
    assert reasons(result) == {"v-c": "date_too_coarse", "v-g": "date_open"}
    assert result.placed == result.counts == 8 and result.total == TOTAL
    assert result.rules_used() == {"reported": 4, "interval": 6}  # b e f i from acled only; h cites a document too
    assert result.summary() == (
        "10 incidents: 8 placed in 5 event-type rows by monthly period "
        "(period rule auto: 4 from datasets by reported date, 6 by interval), "
        "2 unplaced (1 date open, 1 date too coarse); fatalities of the unplaced: best 3"
    )


def test_by_actor_counts_an_incident_once_for_each_actor(records, gazetteer):
    result = intensity(records, gazetteer, by="actor", every="month")
    assert table(result) == {
        ("isgs", "2022-03"): (2, None, 14, 6, 0, 0),  # a, f
        ("msa", "2022-03"): (1, None, 10, None, 0, 0),  # a (actor2)
        ("msa-d", "2022-03"): (1, None, 10, None, 0, 0),  # a (associated)
        ("isgs", "2022-04"): (4, 51, 8, None, 2, 1),  # b, d, i, j
        ("civilians", "2022-04"): (3, 51, 8, None, 1, 0),  # b, d, i
        ("msa-d", "2022-04"): (1, None, 2, None, 0, 0),  # e
        ("msa", "2022-05"): (1, None, 5, None, 0, 0),  # h
    }
    names = dict(zip(result.frame["unit"], result.frame["name"], strict=True))
    assert names["isgs"] == "Islamic State in the Greater Sahara" and set(result.frame["level"]) == {"actor"}
    # each incident once in `placed`, once per actor in the rows: the rows are never a total
    assert result.placed == 8 and result.counts == 13 and result.total == TOTAL
    assert where(result)["v-a"] == ("isgs|msa|msa-d", "2022-03")
    assert "8 placed in 7 actor rows by monthly period" in result.summary()
    assert "each counted once for each actor involved (13 in the rows)" in result.summary()


def test_an_actor_named_twice_in_one_incident_counts_once(tmp_path, gazetteer):
    folder = tmp_path / "seeds"
    rows = [{**_rows()[0], "assoc_actors": "msa|isgs"}]  # isgs is actor1 and associated
    write_seed_file(folder, "sources.csv", SMALL_SEEDS["sources.csv"])
    write_seed_file(folder, "actors.csv", SMALL_SEEDS["actors.csv"])
    write_seed_file(folder, "incidents.csv", rows)
    result = intensity(load_records(folder, gazetteer=gazetteer), gazetteer, by="actor", every="year")
    assert {unit: counts[0] for (unit, _), counts in table(result).items()} == {"isgs": 1, "msa": 1}


# --- filters ----------------------------------------------------------------------------------


def test_actor_filter_by_name_keeps_only_that_actors_rows(records, gazetteer):
    result = intensity(records, gazetteer, by="actor", every="month", actors=["EIGS"])  # an alias of isgs
    assert table(result) == {
        ("isgs", "2022-03"): (2, None, 14, 6, 0, 0),
        ("isgs", "2022-04"): (4, 51, 8, None, 2, 1),
    }
    assert result.total == 8 and result.not_selected == {"actors": 2, "event types": 0, "countries": 0}  # e, h
    assert reasons(result) == {"v-c": "date_too_coarse", "v-g": "date_open"}
    assert result.summary().startswith("10 incidents in the range, 2 not selected (2 by actors); 8 incidents: ")
    # the filter selects incidents; the other views count them as usual
    msa = intensity(records, gazetteer, by="event-type", every="year", actors=["msa"])  # a, c, h; not msa-d's e
    assert table(msa) == {("Battles", "2022"): (3, None, 18, None, 0, 0)}
    with pytest.raises(ActorNotFoundError, match="no actor is called 'Nobody at all'; closest: "):
        intensity(records, gazetteer, actors=["Nobody at all"])


def test_event_type_filter(records, gazetteer):
    result = intensity(records, gazetteer, by="region", every="month", event_types=["violence against civilians"])
    assert table(result) == {
        ("ml-region-menaka", "2022-04"): (2, None, 8, None, 0, 0),  # b, i
        ("bf-region-sahel", "2022-04"): (1, 51, None, None, 1, 0),  # d
    }
    assert result.total == 3 and result.not_selected["event types"] == 7
    with pytest.raises(InputError, match="unknown event type 'Batles'; did you mean 'Battles'"):
        intensity(records, gazetteer, event_types=["Batles"])


def test_country_filter(records, gazetteer):
    burkina = intensity(records, gazetteer, by="event-type", every="year", countries=["BF"])
    assert table(burkina) == {(VAC, "2022"): (1, 51, None, None, 1, 0)}
    niger = intensity(records, gazetteer, by="actor", every="year", countries=["ne"])
    assert table(niger) == {("msa", "2022"): (1, None, 5, None, 0, 0)}
    mali = intensity(records, gazetteer, by="event-type", every="year", countries=["ML"])
    # a b c e f g, and i by its own point; not d (BF), h (NE), nor j (a border zone: no one country)
    assert set(mali.placements["id"]) == {"v-a", "v-b", "v-c", "v-e", "v-f", "v-g", "v-i"}
    assert mali.not_selected["countries"] == 3 and mali.unknown_country == 1
    assert "3 not selected (3 by countries, 1 of them of unknown country)" in mali.summary()
    with pytest.raises(InputError, match="unknown country 'XX'"):
        intensity(records, gazetteer, countries=["XX"])


# --- the period rules -------------------------------------------------------------------------


def _middle_month(when: str) -> str | None:
    """The month of the middle day of an EDTF day or day interval, computed here on its own."""
    first, _, last = when.partition("/")
    if first == "..":
        return None
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)
    return dt.date.fromordinal((a.toordinal() + b.toordinal()) // 2).strftime("%Y-%m")


def test_reported_totals_per_month_equal_an_independent_count(records, gazetteer):
    expected_incidents: Counter = Counter()
    expected_deaths: Counter = Counter()
    for _, when, *_rest, figures, _sources, _own in INCIDENTS:
        month = _middle_month(when)
        if month is not None:
            expected_incidents[month] += 1
            expected_deaths[month] += int(figures[1] or 0)
    assert expected_incidents == {"2022-03": 2, "2022-04": 6, "2022-05": 1}
    for by in ("event-type", "country"):
        result = intensity(records, gazetteer, by=by, every="month", period_rule="reported")
        incidents: Counter = Counter()
        deaths: Counter = Counter()
        for (_, period), counts in table(result).items():
            incidents[period] += counts[0]
            deaths[period] += counts[2] or 0
        unplaced = reasons(result)
        if by == "country":  # j lies in a border zone over three countries
            assert unplaced == {"v-g": "date_open", "v-j": "location_too_coarse"}
            incidents["2022-04"] += 1
        else:
            assert unplaced == {"v-g": "date_open"}
        assert incidents == expected_incidents and deaths == expected_deaths


def test_a_month_end_interval_counts_once_under_reported(records, gazetteer):
    result = intensity(records, gazetteer, by="region", every="month", period_rule="reported")
    placed = where(result)
    assert placed["v-b"] == ("ml-region-menaka", "2022-04")  # middle day 1 April
    assert placed["v-c"] == ("ml-region-gao", "2022-04")
    assert placed["v-i"] == ("ml-region-menaka", "2022-04")  # 30 April, the earlier middle day
    assert list(result.placements["id"]).count("v-b") == 1
    rows = table(result)
    assert rows["ml-region-menaka", "2022-04"][0] == 3  # b, e (precision 3: a region is fine), i
    assert ("ml-region-menaka", "2022-03") in rows and rows["ml-region-menaka", "2022-03"][0] == 1  # a only
    assert set(result.placements["period_rule"]) == {"reported"}


def test_a_month_end_interval_is_never_lost_under_interval(records, gazetteer):
    result = intensity(records, gazetteer, by="event-type", every="month", period_rule="interval")
    assert reasons(result) == {
        "v-b": "date_too_coarse",
        "v-c": "date_too_coarse",
        "v-g": "date_open",
        "v-i": "date_too_coarse",
    }
    assert result.placed == 6 and result.placed + len(result.unplaced) == result.total == TOTAL
    detail = result.unplaced.set_index("id").loc["v-b", "detail"]
    assert detail == (
        "date 2022-03-29/2022-04-04 (2022-03-29 to 2022-04-04) spans 2 monthly periods (2022-03 to 2022-04); "
        "too coarse for monthly periods"
    )
    assert result.unplaced_fatalities() == {"fatalities_low": None, "fatalities_best": 11, "fatalities_high": None}
    assert result.summary().endswith("4 unplaced (1 date open, 3 date too coarse); fatalities of the unplaced: best 11")
    assert list(result.unplaced.columns) == list(UNPLACED_COLUMNS)
    # deaths in the rows + deaths of the unplaced = every death of the input
    in_rows = sum(counts[2] or 0 for counts in table(result).values())
    assert in_rows + 11 == sum(int(row[8][1] or 0) for row in INCIDENTS)
    # a yearly table holds the three intervals whole
    yearly = table(intensity(records, gazetteer, by="event-type", every="year", period_rule="interval"))
    assert yearly["Battles", "2022"][0] == 5 and yearly[VAC, "2022"][0] == 3  # a c f h j; b d i


# --- precision --------------------------------------------------------------------------------


def test_precision_2_counts_in_the_hexagon_of_its_point(records, gazetteer):
    result = intensity(records, gazetteer, by="hex", every="month")
    gao = h3.latlng_to_cell(16.27167, -0.04472, 4)
    menaka = h3.latlng_to_cell(15.9182, 2.4022, 4)
    placed = where(result)
    assert placed["v-f"] == (gao, "2022-03")
    assert table(result)[gao, "2022-03"] == (1, None, 4, 6, 0, 0)
    assert placed["v-a"] == (menaka, "2022-03") and placed["v-b"] == (menaka, "2022-04")
    assert reasons(result) == {
        "v-c": "date_too_coarse",
        "v-e": "location_too_coarse",  # precision 3
        "v-g": "date_open",
        "v-j": "location_too_coarse",  # a border zone
    }
    assert result.placed == 6
    assert "precision 3 (only the region or a larger area known): 2 unplaced" in result.summary()


def test_precision_3_is_counted_at_the_region_and_reported_unplaced_for_cercles(records, gazetteer):
    cercles = intensity(records, gazetteer, by="cercle", every="month")
    unplaced = cercles.unplaced.set_index("id")
    assert unplaced.loc["v-e", "reason"] == "location_too_coarse"
    assert unplaced.loc["v-e", "detail"] == (
        "precision 3: only the region or a larger area around Ménaka is known; too coarse for cercles"
    )
    assert unplaced.loc["v-e", "period"] == "2022-04" and unplaced.loc["v-e", "fatalities_best"] == 2
    assert where(cercles)["v-f"] == ("ml-cercle-gao", "2022-03")  # precision 2 in its cercle
    assert "precision 3 (only the region or a larger area known): " in cercles.summary()
    assert where(intensity(records, gazetteer, by="region", every="month"))["v-e"] == ("ml-region-menaka", "2022-04")
    assert where(intensity(records, gazetteer, by="country", every="month"))["v-e"] == ("ml", "2022-04")


def test_every_view_accounts_for_every_incident(records, gazetteer):
    for by in ("region", "cercle", "hex", "country", "actor", "event-type"):
        for rule in ("auto", "interval", "reported"):
            result = intensity(records, gazetteer, by=by, every="month", period_rule=rule)
            assert result.placed + len(result.unplaced) == result.total == TOTAL, (by, rule)


def test_bad_view_options(records, gazetteer):
    with pytest.raises(InputError, match="unknown period rule 'middle'; choose from auto, interval, reported"):
        intensity(records, gazetteer, period_rule="middle")
    with pytest.raises(InputError, match="applies to region, cercle, hex, country, not to actor"):
        intensity(records, gazetteer, by="actor", max_uncertainty_km=10)
    with pytest.raises(InputError, match="a layer needs polygons"):
        intensity_layer(records, gazetteer, by="event-type")


# --- the command ------------------------------------------------------------------------------


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_by_actor_json(views_seeds, capsys):
    code, out, err = run(capsys, "stats", "--seeds", views_seeds, "--by", "actor", "--json")
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    rows = {(o["unit"], o["period"]): o for o in objects if not o["unplaced"]}
    assert rows["isgs", "2022-04"] == {
        "unit": "isgs",
        "name": "Islamic State in the Greater Sahara",
        "level": "actor",
        "period": "2022-04",
        "start": "2022-04-01",
        "end": "2022-04-30",
        "incidents": 4,
        "fatalities_low": 51,
        "fatalities_best": 8,
        "fatalities_high": None,
        "fatalities_best_missing": 2,
        "fatalities_missing": 1,
        "unplaced": False,
    }
    assert sum(o["incidents"] for o in rows.values()) == 13
    assert sorted(o["id"] for o in objects if o["unplaced"]) == ["v-c", "v-g"]
    assert "8 placed in 7 actor rows" in err and "each counted once for each actor involved" in err


def test_cli_by_event_type_csv_with_filters(views_seeds, capsys):
    argv = ["stats", "--seeds", views_seeds, "--by", "event-type", "--every", "month", "--csv"]
    code, out, err = run(capsys, *argv, "--actors", "EIGS, civilians", "--event-types", "battles")
    assert code == 0
    got = list(csv.DictReader(io.StringIO(out)))
    assert list(got[0]) == list(VIEW_ROW_COLUMNS)
    counts = {(r["unit"], r["period"]): r["incidents"] for r in got}
    assert counts == {("Battles", "2022-03"): "2", ("Battles", "2022-04"): "1"}  # a f, j
    assert err.startswith("geo stats: 10 incidents in the range, 5 not selected (2 by actors, 3 by event types); ")
    code, out, _ = run(capsys, "stats", "--seeds", views_seeds, "--by", "region", "--countries", "BF,NE", "--json")
    assert code == 0
    units = sorted(json.loads(line)["unit"] for line in out.splitlines())
    assert units == ["bf-region-sahel", "ne-region-tillaberi"]


def test_cli_period_rules(views_seeds, capsys):
    base = ["stats", "--seeds", views_seeds, "--by", "event-type", "--every", "month", "--json"]
    totals = {}
    for rule in ("reported", "interval"):
        code, out, err = run(capsys, *base, "--period-rule", rule)
        assert code == 0
        objects = [json.loads(line) for line in out.splitlines()]
        by_month: dict[str, int] = defaultdict(int)
        for o in objects:
            if not o["unplaced"]:
                by_month[o["period"]] += o["incidents"]
        totals[rule] = dict(by_month), sorted(o["id"] for o in objects if o["unplaced"])
        assert f"(period rule: {rule})" in err
    assert totals["reported"] == ({"2022-03": 2, "2022-04": 6, "2022-05": 1}, ["v-g"])
    assert totals["interval"] == ({"2022-03": 2, "2022-04": 3, "2022-05": 1}, ["v-b", "v-c", "v-g", "v-i"])


def test_cli_hex_and_cercle_precision(views_seeds, capsys):
    code, out, _ = run(capsys, "stats", "--seeds", views_seeds, "--by", "hex", "--csv")
    assert code == 0
    gao = h3.latlng_to_cell(16.27167, -0.04472, 4)
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["unit"] == gao)
    assert (row["period"], row["incidents"], row["fatalities_best"]) == ("2022-03", "1", "4")
    code, out, err = run(capsys, "stats", "--seeds", views_seeds, "--by", "cercle", "--unplaced", "--json")
    assert code == 0
    unplaced = {o["id"]: o for o in map(json.loads, out.splitlines())}
    assert unplaced["v-e"]["reason"] == "location_too_coarse" and unplaced["v-e"]["precision"] == 3
    assert unplaced["v-e"]["period_rule"] == "reported"
    assert "precision 3 (only the region or a larger area known): " in err


def test_cli_table_by_actor(views_seeds, capsys):
    code, out, _ = run(capsys, "stats", "--seeds", views_seeds, "--by", "actor", "--every", "year", "--actors", "isgs")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["period", "unit", "name", "incidents", "low", "best", "high", "no", "best"]
    assert len(lines) == 2 and lines[1].split()[:2] == ["2022", "isgs"]


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--event-types", "Batles"], 2, "--event-types: unknown event type 'Batles'; did you mean 'Battles'?"),
        (["--countries", "XX"], 2, "--countries: unknown country 'XX'"),
        (["--countries", ","], 2, "--countries ',': no value given"),
        (["--period-rule", "middle"], 2, "--period-rule 'middle': unknown rule; choose from auto, interval, reported"),
        (["--by", "actor", "--max-uncertainty", "5"], 2, "--max-uncertainty applies to --by region, cercle, hex"),
        (["--actors", "isgs,Nobody at all"], 1, "no actor is called 'Nobody at all'; closest: "),
    ],
)
def test_cli_bad_view_options(views_seeds, capsys, argv, code, message):
    status, out, err = run(capsys, "stats", "--seeds", views_seeds, *argv)
    assert (status, out) == (code, "")
    assert message in err and "Traceback" not in err


def test_cli_filters_that_select_nothing(views_seeds, capsys):
    code, out, err = run(capsys, "stats", "--seeds", views_seeds, "--countries", "SN", "--csv", "--by", "actor")
    assert code == 0 and out.strip() == ",".join(VIEW_ROW_COLUMNS)
    assert (
        err.strip() == "geo stats: no incidents in the records selected by the filters (10 left out: 10 by countries)"
    )


def test_cli_help_documents_the_rules(capsys):
    with pytest.raises(SystemExit):
        main(["stats", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "once for EACH actor involved" in out and "--period-rule" in out and "middle day" in out


def test_a_range_under_reported_keeps_the_incidents_reported_in_it(records, gazetteer):
    april = {"start": dt.date(2022, 4, 1), "end": dt.date(2022, 4, 30)}
    reported = intensity(records, gazetteer, by="event-type", every="month", period_rule="reported", **april)
    assert sorted(reported.placements["id"]) == ["v-b", "v-c", "v-d", "v-e", "v-i", "v-j"]  # not h (2 May)
    assert {period for _, period in table(reported)} == {"2022-04"} and reported.placed == 6
    interval = intensity(records, gazetteer, by="event-type", every="month", period_rule="interval", **april)
    assert sorted(interval.placements["id"]) == ["v-b", "v-c", "v-d", "v-e", "v-i", "v-j"]
    assert set(reasons(interval)) == {"v-b", "v-c", "v-i"} and interval.placed == 3


def test_the_incidents_frame_alone_works_too(records, gazetteer):
    result = intensity(records.incidents, gazetteer, by="actor", every="month", actors=["isgs"])
    assert result.rules_used() == {"reported": 3, "interval": 5}  # b f i: acled, a dataset without sources.csv too
    assert set(result.frame["name"]) == {"isgs"} and result.placed == 6
