"""The matcher: spellings, homonyms, context, refusal, relative locations."""

from __future__ import annotations

import pytest

from geo import AmbiguousPlaceError, InputError, PlaceNotFoundError
from geo.measure import geodesic


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ménaka", "ml-menaka"),
        ("Menaka", "ml-menaka"),
        ("Manaka", "ml-menaka"),
        ("Menka", "ml-menaka"),
        ("MENAKA", "ml-menaka"),
        ("Tidermène", "ml-tidermene"),
        ("Tidarméné", "ml-tidermene"),
        ("Inchinane", "ml-inchinane"),
        ("Inchinanane", "ml-inchinane"),
        ("In Chinnana", "ml-inchinane"),
        ("Anderamboukane", "ml-anderamboukane"),
        ("Andéranboukan", "ml-anderamboukane"),
        ("Tamalat", "ml-tamalat"),
        ("Tamalelt", "ml-tamalat"),
        ("Konna", "ml-konna"),
        ("Seytenga", "bf-seytenga"),
        ("Sitenga", "bf-seytenga"),
        ("Dialassagou", "ml-diallassagou"),
        ("Diallassagou", "ml-diallassagou"),
        ("Timbuktu", "ml-timbuktu"),
        ("Tombouctou", "ml-timbuktu"),
        ("Inkadewane", "ml-inkadewane"),
        ("Talataye", "ml-talataye"),
        ("Tongo Tongo", "ne-tongo-tongo"),
        ("Ménaka airport", "ml-menaka-airport"),
    ],
)
def test_every_spelling_of_the_documents_resolves(gazetteer, query, expected):
    location = gazetteer.geocode(query)
    assert location is not None, gazetteer.lookup(query).reason
    assert location.raw["id"] == expected


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("Menakka", "ml-menaka"),
        ("Tidermane", "ml-tidermene"),
        ("Anderambukane", "ml-anderamboukane"),
        ("Douentaz", "ml-douentza"),
    ],
)
def test_typos_resolve_with_a_lower_score(gazetteer, typo, expected):
    resolution = gazetteer.lookup(typo)
    assert resolution.ok, resolution.reason
    assert resolution.place.id == expected
    assert resolution.score < 1.0


def test_geocode_returns_a_geopy_location_with_the_record(gazetteer):
    location = gazetteer.geocode("Ménaka")
    assert (round(location.latitude, 2), round(location.longitude, 2)) == (15.92, 2.40)
    assert location.raw["tier"] == "curated"
    assert location.raw["country"] == "ML"
    assert "Mali" in location.address
    address, (lat, _lon) = location  # geopandas unpacks results this way
    assert address == location.address and lat == location.latitude


def test_nothing_matches_gives_none_and_a_reason(gazetteer):
    assert gazetteer.geocode("Xqzwvtrplk") is None
    resolution = gazetteer.lookup("Xqzwvtrplk")
    assert resolution.status == "not_found"
    with pytest.raises(PlaceNotFoundError, match="Xqzwvtrplk"):
        gazetteer.resolve("Xqzwvtrplk")


def test_homonyms_far_apart_are_refused_with_candidates(gazetteer):
    # Two villages named Dioura, 500 km apart (Ténenkou and Kayes): no guess.
    assert gazetteer.geocode("Dioura") is None
    with pytest.raises(AmbiguousPlaceError) as caught:
        gazetteer.resolve("Dioura")
    points = [(place.lat, place.lon) for place in caught.value.candidates]
    assert any(geodesic(lat, lon, 14.8252, -5.2547)[0] < 5 for lat, lon in points)  # in Ténenkou
    assert any(geodesic(lat, lon, 14.3, -9.85)[0] < 5 for lat, lon in points)  # in Kayes
    assert isinstance(caught.value, LookupError)
    tenenkou = gazetteer.lookup("Dioura", admin2="Ténenkou")
    # GeoNames and OpenStreetMap both hold the village: one place, two records.
    assert "gn-2458636" in [tenenkou.place.id, *tenenkou.same_place]
    assert gazetteer.geocode("Dioura", admin1="Kayes").raw["id"] == "gn-2458637"


def test_a_bare_name_of_a_curated_place_means_that_place(gazetteer):
    # The curated tier holds the places the sources name: Toubani near Tessit, not
    # the village of that name in Ségou; Konna, which GeoNames spells Kona.
    assert gazetteer.geocode("Toubani").raw["id"] == "ml-toubani"
    assert gazetteer.geocode("Kona").raw["id"] == "ml-konna"


def test_context_chooses_among_homonyms(gazetteer):
    assert gazetteer.geocode("Toubani", near="Tessit").raw["id"] == "ml-toubani"
    assert gazetteer.geocode("Toubani", admin1="Gao").raw["id"] == "ml-toubani"
    segou = gazetteer.geocode("Toubani", admin1="Ségou")
    assert segou.raw["id"] == "gn-6907289"
    assert gazetteer.geocode("Dianweli", near="Dialassagou").raw["id"] == "ml-dianweli-bankass"
    assert gazetteer.geocode("Bamba", admin1="Gao").raw["id"] == "ml-bamba"
    assert gazetteer.geocode("Boulikessi", country="ML").raw["id"] == "ml-boulikessi"
    assert gazetteer.geocode("Boulikessi", country="BF").raw["country"] == "BF"


@pytest.mark.parametrize("admin", ["Bankass", "Cercle de Bankass", "bankass cercle", "BANKASS"])
def test_admin2_in_any_common_form(gazetteer, admin):
    location = gazetteer.geocode("Sokolo", admin2=admin)
    assert location is not None
    assert location.raw["id"] == "gn-2450850"


def test_old_and_new_region_names_both_work(gazetteer):
    # Ménaka was in Gao region until 2016 and is its own region since.
    assert gazetteer.geocode("Inékar", admin1="Gao").raw["id"] == "ml-inekar"
    assert gazetteer.geocode("Inékar", admin1="Ménaka").raw["id"] == "ml-inekar"
    assert gazetteer.geocode("Inékar", admin1="Mopti") is None


def test_comma_context_in_the_query(gazetteer):
    assert gazetteer.geocode("Toubani, Gao").raw["id"] == "ml-toubani"
    assert gazetteer.geocode("Boulikessi, Mali").raw["id"] == "ml-boulikessi"


def test_context_that_excludes_every_candidate_says_so(gazetteer):
    resolution = gazetteer.lookup("Ménaka", admin1="Kayes")
    assert resolution.status == "not_found"
    assert "none inside admin1='Kayes'" in resolution.reason
    assert resolution.candidates  # the places of that name are still shown


def test_unknown_admin_name_is_ignored_with_a_warning(gazetteer):
    resolution = gazetteer.lookup("Ménaka", admin1="Atlantis")
    assert resolution.ok and resolution.place.id == "ml-menaka"
    assert any("Atlantis" in w for w in resolution.warnings)


def test_kind_words_steer_the_choice(gazetteer):
    assert gazetteer.geocode("Ménaka region").raw["id"] == "ml-region-menaka"
    assert gazetteer.geocode("Ménaka").raw["id"] == "ml-menaka"
    assert gazetteer.geocode("région de Ménaka").raw["kind"] == "region"


def test_informal_areas_resolve(gazetteer):
    assert gazetteer.geocode("three borders").raw["id"] == "area-three-borders"
    assert gazetteer.geocode("Liptako-Gourma").raw["id"] == "area-three-borders"
    assert gazetteer.geocode("Azawad").raw["kind"] == "area"
    # Burkina's Gourma province and Mali's Gourma share a name: context decides.
    assert gazetteer.geocode("Gourma") is None
    assert gazetteer.geocode("Gourma", country="ML").raw["id"] == "area-gourma-mali"


@pytest.mark.parametrize(
    ("query", "bearing", "km"),
    [
        ("75 km north of Ménaka", 0.0, 75.0),
        ("Ménaka 75km N", 0.0, 75.0),
        ("30 km SW of Douentza", 225.0, 30.0),
        ("à 30 km au nord-est de Gao", 45.0, 30.0),
        ("20 miles east of Mopti", 90.0, 32.19),
    ],
)
def test_relative_locations_are_offset_on_the_ellipsoid(gazetteer, query, bearing, km):
    resolution = gazetteer.lookup(query)
    assert resolution.ok, resolution.reason
    anchor = resolution.place
    distance, azimuth = geodesic(anchor.lat, anchor.lon, resolution.lat, resolution.lon)
    assert float(distance) == pytest.approx(km, abs=0.01)
    assert (float(azimuth) - bearing + 180) % 360 - 180 == pytest.approx(0, abs=0.5)
    assert resolution.uncertainty_km > anchor.uncertainty_km + 0.3 * km
    assert resolution.relative["anchor"] == anchor.id


def test_relative_without_direction_widens_uncertainty_only(gazetteer):
    resolution = gazetteer.lookup("5 km outside Ménaka")
    menaka = gazetteer.place("ml-menaka")
    assert (resolution.lat, resolution.lon) == (menaka.lat, menaka.lon)
    assert resolution.uncertainty_km == pytest.approx(menaka.uncertainty_km + 5)


def test_relative_with_unknown_anchor_is_not_found(gazetteer):
    resolution = gazetteer.lookup("30 km north of Xqzwvtrplk")
    assert resolution.status == "not_found"
    assert "anchor" in resolution.reason


def test_exactly_one_false_lists_candidates(gazetteer):
    locations = gazetteer.geocode("Sokolo", exactly_one=False)
    assert len(locations) >= 5
    assert len({loc.raw["id"] for loc in locations}) == len(locations)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 100_000, "100,000 characters"),
        ("Mé\x00naka", r"U\+0000"),
        ("Mé\x1bnaka", r"U\+001B"),
        ("!!!", "no letter"),
    ],
)
def test_unusable_queries_raise_input_errors(gazetteer, query, message):
    with pytest.raises(InputError, match=message):
        gazetteer.lookup(query)


def test_unknown_country_is_an_input_error(gazetteer):
    with pytest.raises(InputError, match="unknown country 'XX'"):
        gazetteer.geocode("Ménaka", country="XX")


def test_near_accepts_a_point(gazetteer):
    assert gazetteer.geocode("Toubani", near=(15.2, 0.3)).raw["id"] == "ml-toubani"
    assert gazetteer.geocode("Toubani", near="15.2,0.3").raw["id"] == "ml-toubani"


def test_reverse_names_nearest_places_and_areas(gazetteer):
    result = gazetteer.reverse(15.93, 2.41)
    assert result.nearest[0]["id"] == "ml-menaka"
    assert result.nearest[0]["km"] < 3
    assert all(a["km"] <= b["km"] for a, b in zip(result.nearest, result.nearest[1:]))
    ids = {area["id"] for area in result.areas}
    assert {"ml-region-menaka", "ml-region-gao-pre2016", "ml"} <= ids


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [(2.41, 15.93, "swapped"), (95.0, 2.0, "out of range"), (48.85, 2.35, "outside the gazetteer")],
)
def test_reverse_refuses_bad_points(gazetteer, lat, lon, message):
    with pytest.raises(InputError, match=message):
        gazetteer.reverse(lat, lon)


def test_search_lists_by_any_spelling(gazetteer):
    ids = [p.id for p in gazetteer.search("Manaka", tier="curated")]
    assert ids[0] == "ml-menaka"
    assert all(p.kind == "well" for p in gazetteer.search(kind="well", country="ML", limit=10))


def test_tiny_gazetteer_from_a_folder(tiny):
    assert tiny.geocode("Alfa").raw["id"] == "ml-alpha"
    assert tiny.geocode("Beta") is None
    assert tiny.geocode("Beta", near=(17.1, 1.0)).raw["id"] == "ml-beta-north"
    assert tiny.geocode("Beta", admin1="Kidal").raw["id"] == "ml-beta-north"
    assert tiny.geocode("Gamma", country="NE").raw["kind"] == "well"
    assert tiny.geocode("Gamma", country="ML") is None
