"""Find and rank the places a name may mean, and refuse to guess when it is unclear.

:class:`Matcher` holds the rules; the :class:`~geo.gazetteer.Gazetteer` hands it its
records, its name index and its area tags. For one query, in order (each rule names
the module that implements it):

1. **Query** (:mod:`~geo.matching.query`). "Sokolo, Ségou" is split into a name and
   context (country or area names after the comma); a kind word at either end steers
   the kind ("Tamalelt well", "the Aguelhok camp", "puits de Tamalat").
2. **Context by level** (:mod:`~geo.matching.context`). ``admin1`` names a first-level
   unit (a region of Mali, Niger or Burkina Faso), ``admin2`` a cercle, department or
   province, ``admin3`` a commune. The name is looked up among the areas *of that level*
   (any of their spellings, with or without "région", "cercle"...), in the outline valid
   on ``on`` or, without a date, in any era's outline; a record passes when one of them
   holds its point within ~5 km (:data:`geo.areas.AREA_TOLERANCE_DEG`). So "Mopti" as
   ``admin2`` is the Mopti cercle, not the region. A name found only at another
   level is used at that level, with a warning; one found in no area falls back to
   GeoNames' admin names (Niger's departments have no outline here); ``admin3``
   (communes have no outline) keeps the records within :data:`COMMUNE_KM` of a
   commune or chief town of that name. An unknown name is ignored, with a warning.
3. **Candidates** (:mod:`~geo.matching.candidates`, over the name index and fuzzy search
   of :mod:`~geo.matching.index`). Every record carrying the query's key
   (:func:`geo.names.normalize`), across the curated places, the areas, GeoNames and
   OpenStreetMap, inside the context. Only when none does, a fuzzy search, scored by
   :func:`similarity` (the swaps that transliterations make, ``g``/``r`` for the
   Tamasheq ghayn, ``o``/``u``, ``e``/``i``, cost half an edit). The more names are
   searched, the likelier a typo spells another real place, so the cut-off tightens
   with their number: inside named areas, only their records are searched (one edit
   from 4 letters, two from 8) and kept from 0.75 among up to 2,000 names (a cercle),
   0.87 among more (a region: :data:`FUZZY_CUT_OFFS_INSIDE`); elsewhere, keys within
   one edit (two for keys of :data:`FUZZY_TWO_EDITS_LENGTH` letters or more; none below
   :data:`FUZZY_MIN_LENGTH`) are kept from :data:`MIN_FUZZY_SIMILARITY` for the thousand
   names of the curated places and areas, and from :data:`MIN_FUZZY_SIMILARITY_FILES`
   for the 110,000 of GeoNames and OSM. A fuzzy candidate outside the named areas is
   never an answer.
4. **Score** (:mod:`~geo.matching.scoring`) = 100 × name similarity (1.0 spelled as
   recorded, 0.97 equal only after transliteration folding) + tier (curated 15, area 6,
   GeoNames and OSM 0) + kind (:data:`geo.schema.KIND_WEIGHTS`: countries 25, towns
   10 ... hamlets 8 ... wells 6) + 20 when the query names the kind + population (2·log10(1+population),
   at most 12) + nearness to ``near`` (30·exp(-d / 100 km)).
5. **One place, several records** (:mod:`~geo.matching.decision`). Candidates of one
   name within :data:`SAME_PLACE_KM` of a better-ranked one (GeoNames and OSM often both
   hold a village, or GeoNames twice, a few hundred metres to a few kilometres apart) are
   that place: it answers with its best record (of the best tier, curated, area,
   GeoNames, OSM, among those within :data:`SAME_PLACE_SCORE` points of the best score:
   a GeoNames village before the OSM node of it, but the OSM town before a GeoNames wadi
   of its name), with an uncertainty that covers the group.
6. **Decision** (:mod:`~geo.matching.decision`). The best candidate is returned unless a
   *rival* scores within :data:`AMBIGUITY_MARGIN` points of it and lies farther than
   :data:`FAR_APART_KM` (or the two uncertainties): then no answer, only the candidates.
   A wrong confident answer is worse than none. Not rivals: a GeoNames or OSM record
   when the best is a curated place (the curated tier holds the places the sources talk
   about), a record only transliterated to the query when the best one is spelled
   exactly ("Boni" is not "Bonié"), and a record of a lesser kind (a well, a wadi, a
   hill, a "locality"; a camp or a hamlet against a town) when the best is a settlement
   and the query names no kind ("Aguelhok" is the town), a village or hamlet of no
   recorded population when the best is a town of at least :data:`PROMINENT_POPULATION`
   people ("Dori" is the provincial capital), and a record inside the context only
   thanks to the border tolerance when the best lies inside.

:mod:`~geo.matching.matcher` ties the rules together (:class:`Matcher`). The cut-offs
were calibrated with ``benchmarks/geocode.py`` on its tuning half (see the README for
both halves' figures).
"""

from .candidates import TRANSLITERATION_SIMILARITY as TRANSLITERATION_SIMILARITY
from .candidates import Candidate
from .context import COMMUNE_KM as COMMUNE_KM
from .decision import AMBIGUITY_MARGIN, FAR_APART_KM, SAME_PLACE_KM, Match
from .decision import AMBIGUOUS as AMBIGUOUS
from .decision import NOT_FOUND as NOT_FOUND
from .decision import OK as OK
from .decision import PROMINENT_POPULATION as PROMINENT_POPULATION
from .decision import SAME_PLACE_SCORE as SAME_PLACE_SCORE
from .decision import TIER_RANK as TIER_RANK
from .index import CHEAP_SWAPS as CHEAP_SWAPS
from .index import FUZZY_CUT_OFFS_INSIDE as FUZZY_CUT_OFFS_INSIDE
from .index import FUZZY_MIN_LENGTH as FUZZY_MIN_LENGTH
from .index import FUZZY_MIN_LENGTH_INSIDE as FUZZY_MIN_LENGTH_INSIDE
from .index import FUZZY_TWO_EDITS_LENGTH as FUZZY_TWO_EDITS_LENGTH
from .index import FUZZY_TWO_EDITS_LENGTH_INSIDE as FUZZY_TWO_EDITS_LENGTH_INSIDE
from .index import MIN_FUZZY_SIMILARITY as MIN_FUZZY_SIMILARITY
from .index import MIN_FUZZY_SIMILARITY_FILES as MIN_FUZZY_SIMILARITY_FILES
from .index import NameIndex, similarity
from .index import max_edit_distance as max_edit_distance
from .matcher import Matcher
from .scoring import KIND_HINT_BONUS as KIND_HINT_BONUS
from .scoring import MAX_POPULATION_BONUS as MAX_POPULATION_BONUS
from .scoring import NEAR_BONUS as NEAR_BONUS
from .scoring import NEAR_SCALE_KM as NEAR_SCALE_KM
from .scoring import TIER_BONUS as TIER_BONUS

__all__ = [
    "AMBIGUITY_MARGIN",
    "FAR_APART_KM",
    "SAME_PLACE_KM",
    "Candidate",
    "Match",
    "Matcher",
    "NameIndex",
    "similarity",
]
