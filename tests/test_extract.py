"""geo extract: place and actor mentions, candidate records, the command line, the gold files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geo import schema
from geo.cli import main
from geo.extract import Extractor

GOLD = Path(__file__).parent / "gold"

# Invented for the tests (not from the source documents).
ARTICLE = (
    "Raid near Ménaka\n\n"
    "On Tuesday, March 8, 2022, fighters of the Islamic State in the Greater Sahara attacked Tamalat, "
    "killing at least 12 civilians. The next day EIGS men moved on to Inchinanane. "
    "Amadou Koufa and El Hajj Ag Gamou said nothing. "
    "Thousands fled to the Ménaka region and to Mali's Gourma.\n\n"
    "On 10 April 2023 ISGS seized Tidermène, which the MSA had held."
)


@pytest.fixture(scope="module")
def extractor(gazetteer):
    return Extractor.load(gazetteer)


def mentions(extractor, text, kind):
    doc = extractor.extract(text, "test.txt", date_text="2023-04-20")
    return [(m.text, m.get("place") if kind == "place" else m.get("actor")) for m in doc.of_kind(kind)]


def test_places_in_any_spelling_with_kind_words_and_possessives(extractor):
    assert mentions(extractor, ARTICLE, "place") == [
        ("Ménaka", "ml-menaka"),
        ("Tamalat", "ml-tamalat"),
        ("Inchinanane", "ml-inchinane"),
        ("Ménaka", "ml-region-menaka"),  # "the Ménaka region"
        ("Mali", "ml"),  # the country, not a village called Mali
        ("Gourma", "area-gourma-mali"),
        ("Tidermène", "ml-tidermene"),
    ]


def test_actors_by_alias_and_longest_name(extractor):
    assert mentions(extractor, ARTICLE, "actor") == [
        ("Islamic State in the Greater Sahara", "isgs"),
        ("EIGS", "isgs"),
        ("ISGS", "isgs"),
        ("MSA", "msa"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amadou Koufa spoke in a video.", []),  # a person, though Amadou and Koufa are GeoNames villages
        ("The University of Bamako and Radio Gao reopened.", []),  # organisations
        ("Help Keep Us From Drying Up.", []),  # "Us" is not the United States ("US")
        (
            "The U.S. sent envoys to Gao.12 Then Kidal.",
            [("U.S.", "us-united-states"), ("Gao", "ml-gao"), ("Kidal", "ml-kidal")],
        ),
        ("Fighting spread to the regions of Menka and Gao.", [("Menka", "ml-region-menaka"), ("Gao", "ml-region-gao")]),
        (
            "Burkina Faso’s Sahel is not the Sahel region of Africa.",
            [("Burkina Faso", "bf"), ("Sahel", "bf-region-sahel"), ("Sahel", "zz-sahel"), ("Africa", "zz-africa")],
        ),
        (
            "The attack hit d’Anderamboukane and Côte d’Ivoire.",
            [("Anderamboukane", "ml-anderamboukane"), ("Côte d’Ivoire", "ci")],
        ),
        ("Islam is practised in Mali.", [("Mali", "ml")]),  # "Islam" is a GeoNames name, and a common word here
        ("Residents of Mali-Burkina Faso border villages fled.", [("Mali", "ml"), ("Burkina Faso", "bf")]),
    ],
)
def test_place_rules(extractor, text, expected):
    assert mentions(extractor, text, "place") == expected


def test_region_outline_follows_the_document_date(extractor):
    text = "Attacks rose in the Mopti region."
    before = extractor.extract(text, "a.txt", date_text="2019-05-01").of_kind("place")[0]
    after = extractor.extract(text, "b.txt", date_text="2024-01-01").of_kind("place")[0]
    assert (before.get("place"), after.get("place")) == ("ml-region-mopti-pre2023", "ml-region-mopti")


def test_actor_case_rules(extractor):
    assert mentions(extractor, "The Gatia and the platform of Wagner.", "actor") == [
        ("Gatia", "gatia"),
        ("Wagner", "wagner"),
    ]
    assert mentions(extractor, "see https://example.org/isgs-and-wagner for more", "actor") == []


def test_every_mention_spans_its_text(extractor):
    doc = extractor.extract(ARTICLE, "test.txt")
    assert {m.kind for m in doc.mentions} == {"place", "actor", "date", "count"}
    for m in doc.mentions:
        assert ARTICLE[m.start : m.end] == m.text
        assert m.to_dict()["doc"] == "test.txt"


def test_candidates_pair_dates_places_actors_and_tolls(extractor):
    doc = extractor.extract(ARTICLE, "test.txt", source="doc-test")
    candidates = {c.id: c for c in extractor.candidates(doc)}
    tamalat = candidates["cand-inc-2022-03-08-ml-tamalat"]
    assert tamalat.record == "incident"
    row = tamalat.to_row(doc.text)
    assert row[schema.REVIEW] == "candidate"
    assert (row["actor1"], row["actor2"], row["event_type"]) == ("isgs", "civilians", "Violence against civilians")
    assert (row["fatalities_low"], row["fatalities_high"], row["fatalities_text"]) == ("12", "", "at least 12")
    assert row["sources"] == "doc-test" and row["precision"] == "1"
    assert doc.text[tamalat.sentence_start : tamalat.sentence_end].startswith("On Tuesday, March 8, 2022")
    seized = [c for c in candidates.values() if c.record == "claim"]
    assert [(c.row["actor"], c.row["status"], c.row["place"], c.row["start"]) for c in seized] == [
        ("isgs", "seized", "ml-tidermene", "2023-04-10")
    ]


def test_a_sentence_without_date_takes_the_span_since_the_last_date(extractor):
    text = "On 8 March 2022 ISGS attacked Tamalat. Later they attacked Anderamboukane, killing 30 people."
    doc = extractor.extract(text, "t.txt", date_text="2022-06-20")
    rows = {c.row["place"]: c.row for c in extractor.candidates(doc)}
    later = rows["ml-anderamboukane"]
    assert later["date"] == "2022-03-08/2022-06-20"
    assert later["actor1"] == "isgs"
    assert "the last date before it" in later["note"] and "named just before" in later["note"]


def test_source_of_a_bundled_document_and_of_another_file(extractor):
    assert extractor.source_of("/anywhere/001_f13fb8948212f0f2.txt") == "doc-001"
    assert extractor.source_of("notes/Field Report 3.txt") == "doc-field-report-3"


# --- the command line -------------------------------------------------------------------
def test_cli_json_lines(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(article), "--json", "--kinds", "place,actor"]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["kind"] for line in lines} == {"place", "actor"}
    tamalat = next(line for line in lines if line["text"] == "Tamalat")
    assert tamalat["doc"] == str(article) and tamalat["place"] == "ml-tamalat"
    assert ARTICLE[tamalat["start"] : tamalat["end"]] == "Tamalat"
    assert round(tamalat["lat"], 1) == 15.8 and tamalat["status"] == "ok"
    assert "place mention(s)" in err


def test_cli_candidates_and_review_page(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out_csv, out_html = tmp_path / "c.csv", tmp_path / "r.html"
    assert main(["extract", str(article), "--quiet", "--candidates", str(out_csv), "--html", str(out_html)]) == 0
    with out_csv.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == schema.CANDIDATE_COLUMNS
    assert rows and {r["review"] for r in rows} == {"candidate"}
    assert {r["record"] for r in rows} == {"incident", "claim"}
    assert all(r["sources"] == "doc-article" for r in rows)
    page = out_html.read_text(encoding="utf-8")
    assert "Tamalat" in page and 'src="http' not in page
    assert capsys.readouterr().out == ""


def test_cli_reports_unreadable_files_and_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("ISGS entered Gao.", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Ségou".encode("latin-1"))
    assert main(["extract", str(latin), str(tmp_path / "missing.txt"), str(good), "--json"]) == 1
    out, err = capsys.readouterr()
    assert f"{latin}: byte 1 is not UTF-8" in err and "iconv" in err
    assert "missing.txt: no such file" in err
    assert "2 of 3 file(s) could not be read" in err
    assert '"place": "ml-gao"' in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kinds", "place,town"], "unknown kind(s) town"),
        (["--date", "2022-13"], "month 13 does not exist"),
        (["second.txt", "--source", "doc-x"], "--source names one document"),
    ],
)
def test_cli_usage_errors(tmp_path, capsys, args, message):
    article = tmp_path / "a.txt"
    article.write_text("Gao.", encoding="utf-8")
    assert main(["extract", str(article), *args]) == 2
    assert message in capsys.readouterr().err


# --- the gold annotation ------------------------------------------------------------------
def gold_files():
    return sorted(GOLD.glob("*.jsonl"))


def test_gold_covers_the_five_documents():
    assert len(gold_files()) == 5


@pytest.mark.parametrize("path", gold_files(), ids=lambda p: p.stem)
def test_gold_files_are_consistent(path, gazetteer):
    from geo.actors import ActorIndex
    from geo.seeds import Seeds

    actors = ActorIndex.from_table(Seeds.load().actors)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    header, spans = lines[0], lines[1:]
    assert header["doc"].startswith(path.stem) and len(header["sha256"]) == 64
    previous_end = 0
    for span in spans:
        assert span["kind"] in ("place", "actor")
        assert previous_end <= span["start"] < span["end"] <= header["chars"]
        assert len(span["text"]) == span["end"] - span["start"]
        previous_end = span["end"]
        if span["kind"] == "place" and span.get("place"):
            gazetteer.place(span["place"])  # raises for an unknown id
        if span["kind"] == "actor" and span.get("actor"):
            assert span["actor"] in actors
