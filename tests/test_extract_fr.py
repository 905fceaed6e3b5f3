"""geo extract on French prose: language, places, actors, dates, counts and candidates."""

from __future__ import annotations

import datetime

import pytest

from geo.cli import main
from geo.extract import Extractor
from geo.extract.french import detect_language, find_counts_fr, find_dates_fr

# Invented for the tests (not from the source documents).
ARTICLE = (
    "Bamako, 10 mars 2022 (AFP) - Des hommes armés de l'EIGS ont attaqué le 8 mars 2022 les villages de "
    "Tamalat-Inchinane, près de Ménaka, tuant au moins 30 civils. Une vingtaine de morts ont aussi été "
    "signalés à Anderamboukane mi-mars. L'armée malienne a été attaquée par le GSIM à Inékar."
)


@pytest.fixture(scope="module")
def extractor(gazetteer):
    return Extractor.load(gazetteer)


def test_language_is_detected_from_function_words():
    assert detect_language(ARTICLE) == "fr"
    assert detect_language("Gunmen attacked the village of Tamalat on Monday.") == "en"


def test_places_actors_and_the_dateline(extractor):
    doc = extractor.extract(ARTICLE, "fr.txt")
    assert doc.lang == "fr"
    assert [(m.text, m.get("place")) for m in doc.of_kind("place")] == [
        ("Bamako", "ml-bamako"),
        ("Tamalat", "ml-tamalat"),
        ("Inchinane", "ml-inchinane"),
        ("Ménaka", "ml-menaka"),
        ("Anderamboukane", "ml-anderamboukane"),
        ("Inékar", "ml-inekar"),
    ]
    assert [(m.text, m.get("actor")) for m in doc.of_kind("actor")] == [
        ("EIGS", "isgs"),
        ("armée malienne", "fama"),
        ("GSIM", "jnim"),
    ]
    rows = [c.row for c in extractor.candidates(doc)]
    assert [(r["place"], r["date"]) for r in rows[:3]] == [
        ("ml-tamalat", "2022-03-08"),  # the dateline (Bamako, 10 mars) is neither place nor date of the event
        ("ml-inchinane", "2022-03-08"),  # Ménaka only locates them
        ("ml-anderamboukane", "2022-03-11/2022-03-20"),
    ]
    assert rows[3]["place"] == "ml-inekar"
    assert rows[0]["actor1"] == "isgs" and rows[0]["actor2"] == "civilians" and rows[0]["fatalities_low"] == "30"
    assert rows[-1]["actor1"] == "jnim" and rows[-1]["actor2"] == "fama"  # "attaquée par le GSIM"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Des tirs ont été entendus à Margou, dans la région de Tillabéri.", "gn-2441259"),
        ("Les habitants ont fui vers Gniminama.", "osm-552370269"),
        ("Une attaque a eu lieu près d'Anderamboukane.", "ml-anderamboukane"),
        ("Les combats ont repris au nord de Ménaka.", "ml-menaka"),
        ("La commune de Tessit est isolée.", None),
    ],
)
def test_french_locatives(extractor, text, place):
    found = [m.get("place") for m in extractor.extract(text, "t.txt", lang="fr").of_kind("place")]
    assert found and (place is None or place in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 8 mars 2022", "2022-03-08"),
        ("1er avril 2022", "2022-04-01"),
        ("du 8 au 10 mars 2022", "2022-03-08/2022-03-10"),
        ("mi-mars 2022", "2022-03-11/2022-03-20"),
        ("fin mars", "2022-03-21/2022-03-31"),
        ("fin 2021", "2021-09/2021-12"),
        ("en mars 2022", "2022-03"),
        ("en 2019", "2019"),
        ("depuis mercredi", "2022-06-15/.."),
        ("hier", "2022-06-19"),
        ("la semaine dernière", "2022-06-13/2022-06-19"),
    ],
)
def test_french_dates(text, expected):
    (mention,) = find_dates_fr(f"Ils sont partis {text}.", "d", doc_date=datetime.date(2022, 6, 20))
    assert mention.get("date") == expected


@pytest.mark.parametrize(
    ("text", "what", "low", "high", "qualifier"),
    [
        ("une vingtaine de morts", "killed", 20, 20, "about"),
        ("au moins 30 civils tués", "killed", 30, None, "at_least"),
        ("des dizaines de blessés", "wounded", 20, None, "vague"),
        ("12 soldats ont été tués", "killed", 12, 12, "exact"),
        ("tuant au moins 9 soldats", "killed", 9, None, "at_least"),
        ("plus de 200 déplacés", "displaced", 201, None, "more_than"),
        ("trois otages", "kidnapped", 3, 3, "exact"),
        ("entre 20 et 30 morts", "killed", 20, 30, "between"),
    ],
)
def test_french_counts(text, what, low, high, qualifier):
    (mention,) = find_counts_fr(text, "d")
    assert (mention.get("what"), mention.get("low"), mention.get("high"), mention.get("qualifier")) == (
        what,
        low,
        high,
        qualifier,
    )


def test_not_counts_in_french():
    assert find_counts_fr("3 000 soldats déployés en 2022 dans 12 villages.", "d") == []


def test_cli_lang_option(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Gunmen attacked Tamalat.", encoding="utf-8")
    assert main(["extract", str(path), "--lang", "fr"]) == 0
    assert "language fr" in capsys.readouterr().out


# --- place recall in French reporting (dev set of tests/dev) -------------------------------


def fr_places(extractor, text):
    doc = extractor.extract(text, "t.txt", date_text="2023-04-20", lang="fr")
    return [(m.text, m.get("place")) for m in doc.of_kind("place")]


def fr_actors(extractor, text):
    doc = extractor.extract(text, "t.txt", date_text="2023-04-20", lang="fr")
    return [(m.text, m.get("actor")) for m in doc.of_kind("actor")]


def test_admin_word_before_the_name_is_a_hint_not_part_of_the_span(extractor):
    found = fr_places(extractor, "Le drame s'est produit dans la Commune rurale d'Ouenkoro, Cercle de Bankass.")
    assert ("Bankass", "ml-cercle-bankass") in found
    assert all(not name.startswith("Cercle") for name, _ in found)


def test_a_demonym_after_a_region_is_not_part_of_its_name(extractor):
    assert [n for n, _ in fr_places(extractor, "Une attaque au Sahel burkinabè.")] == ["Sahel"]


def test_direction_before_a_particle_is_not_an_organisation(extractor):
    found = fr_places(extractor, "Le Centre du Mali a été le théâtre d'une double attaque.")
    assert found == [("Mali", "ml")]


@pytest.mark.parametrize(
    "text",
    [
        "Treize personnes ont été tuées dans trois villages (Zibane Zéno, Zibane Tégui et Gadabo) de l'Anzourou.",
        "Les villages de Sanakadougou, Kogo et Gadabo ont été attaqués.",
        "Les localités suivantes : Sanakadougou, Gadabo.",
    ],
)
def test_a_list_introduced_by_a_plural_kind_word_is_a_list_of_places(extractor, text):
    assert "Gadabo" in [n for n, _ in fr_places(extractor, text)]


def test_a_list_cue_needs_capitalised_items_up_to_the_kind_word(extractor):
    text = "Les villages du nord ont été vidés et Gadabo est un nom de famille."
    assert "Gadabo" not in [n for n, _ in fr_places(extractor, text)]


def test_french_verbs_of_movement_are_locatives(extractor):
    assert "Gadabo" in [n for n, _ in fr_places(extractor, "Une patrouille a quitté Gadabo lundi.")]


def test_french_actor_aliases(extractor):
    found = fr_actors(extractor, "Les groupes affiliés à Al-Qaïda ou à l'Etat islamique (EI) et la junte malienne.")
    assert found == [
        ("Al-Qaïda", "al-qaeda"),
        ("Etat islamique", "islamic-state"),
        ("EI", "islamic-state"),
        ("junte malienne", "mali-junta"),
    ]
