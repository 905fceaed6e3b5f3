"""The one normalisation of place and area names.

Every comparison of names in the toolkit -- gazetteer keys, queries, admin context,
the reference tier built from GeoNames -- goes through :func:`normalize`, so that
"Ménaka", "MENAKA", "Ménaka," and "Menaka" meet on one key, and so do the
francophone and anglophone transliterations of one Tamasheq, Fulfulde or Arabic
name ("Inchinane" / "In Chinnana", "Djenné" / "Jenne", "Daoussahak" / "Dawsahak").

The key is an internal matching form, never shown to users.

The lexicon of place names is defined here, once: the generic words of admin areas
(``ADMIN_WORDS``), the particles inside names (``PARTICLES``), the words that join an
admin word to its name (``ADMIN_LINKS``) and the words for settlements
(``SETTLEMENT_WORDS``). The extractor derives the sets it needs from them.

>>> {"cercle", "province", "commune"} <= ADMIN_WORDS and "du" in PARTICLES
True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

__all__ = [
    "ADMIN_LINKS",
    "ADMIN_WORDS",
    "FRENCH_PARTICLES",
    "PARTICLES",
    "SETTLEMENT_WORDS",
    "STATED_ADMIN_WORDS",
    "admin_key",
    "normalize",
    "strip_accents",
    "words_pattern",
]

# The lexicon of place names, defined once here and read by the extractor
# (geo.extract.places): sets that differ are derived from these, never copied.
#
# Generic words of admin-area names, in English and French: "Cercle de Niono",
# "Ménaka Region", "Province du Soum", "Bamako District".
ADMIN_WORDS = frozenset(
    {
        "region",
        "regions",
        "cercle",
        "circle",
        "province",
        "district",
        "department",
        "departement",
        "commune",
        "prefecture",
        "municipality",
        "arrondissement",
    }
)
# French articles and prepositions found inside names and between a name and its admin
# word: "Nioro du Sahel", "Cercle de Niono", "Région de la Boucle du Mouhoun".
FRENCH_PARTICLES = frozenset({"de", "du", "des", "la", "le"})
# Lower-case words that may sit inside a place name ("Nioro du Sahel"): the French ones,
# the Arabic article ("el", "al") and "en".
PARTICLES = FRENCH_PARTICLES | {"el", "al", "en"}
# Words that join an admin word to its name, left out with it by admin_key:
# "Région de Ségou", "Cercle d'Ansongo", "the Region of the Sahel".
ADMIN_LINKS = FRENCH_PARTICLES | {"d", "les", "of", "the"}
# Words for a settlement or a part of one, before its name: "le village de X", "le
# quartier de X", "la localité d'X" (folded: no accents).
SETTLEMENT_WORDS = frozenset({"village", "localite", "hameau", "quartier", "secteur"})
# The admin words that state where a place lies ("X, in the Y region", "X (Y cercle)",
# "in X, Torodi department"): not the plural, nor the words Sahel reporting never uses.
STATED_ADMIN_WORDS = ADMIN_WORDS - {"regions", "prefecture", "municipality", "arrondissement"}


def words_pattern(words: Iterable[str]) -> str:
    """A regular-expression alternation of folded ``words`` that also matches them with
    French accents on their vowels, longest first (for a case-insensitive pattern).

    Examples
    --------
    >>> import re
    >>> pattern = re.compile(words_pattern({"region", "departement"}), re.IGNORECASE)
    >>> [bool(pattern.fullmatch(w)) for w in ("Région", "département", "region", "regime")]
    [True, True, True, False]
    """
    accented = {"e": "[eéèê]", "a": "[aàâ]", "i": "[iîï]", "o": "[oô]", "u": "[uùû]", "c": "[cç]"}
    spelled = [
        "".join(accented.get(c, re.escape(c)) for c in word) for word in sorted(set(words), key=lambda w: (-len(w), w))
    ]
    return "(?:" + "|".join(spelled) + ")"


_ADMIN_KEY_WORDS = ADMIN_WORDS | ADMIN_LINKS

# Letters that NFKD does not decompose into a base letter plus a mark.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ı": "i",
        "þ": "th",
        "ŋ": "n",
        "ɛ": "e",
        "ɔ": "o",
        "ɲ": "ny",
        "Æ": "AE",
        "Œ": "OE",
        "Ø": "O",
        "Đ": "D",
        "Ð": "D",
        "Ł": "L",
        "Þ": "TH",
        "Ŋ": "N",
        "Ɛ": "E",
        "Ɔ": "O",
        "Ɲ": "NY",
    }
)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Transliteration pairs, applied in this order to the joined key.
_FOLDS = (
    (re.compile(r"dj"), "j"),  # Djenné / Jenne
    (re.compile(r"tch"), "c"),  # Tchad / Chad
    (re.compile(r"[cs]h|kh"), "x"),  # Inchinane / Inshinane, Kh/Ch for Arabic kha
    (re.compile(r"ou|w"), "u"),  # Tombouctou / Tumbuktu, Daoussahak / Dawsahak
    (re.compile(r"y"), "i"),  # Seytenga / Seitenga
    (re.compile(r"ph"), "f"),
    (re.compile(r"q"), "k"),
    (re.compile(r"c(?![ei])"), "k"),  # hard c: Tombouctou / Tombouktou
    (re.compile(r"n(?=[bp])"), "m"),  # Andéranboukan / Anderamboukane
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubled letters: Konna / Kona
)
# Word-initial Tamasheq prefixes written joined or apart: "In Chinnana" / "Inchinane",
# "I-n-Tillit"; "In" before a consonant and "I-n-" collapse to "i".
_INITIAL_IN = re.compile(r"^in(?=[^aeiou])")


def strip_accents(text: str) -> str:
    """Return ``text`` with diacritics removed and special letters spelled out.

    Examples
    --------
    >>> strip_accents("Tidermène, Ségou, Djingareyber")
    'Tidermene, Segou, Djingareyber'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_word(word: str) -> str:
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    if len(word) > 3 and word.endswith("e"):  # Tamalate / Tamalat, Anderamboukane
        word = word[:-1]
    return word


def normalize(name: str, *, transliterate: bool = True) -> str:
    """Reduce a place name to its matching key.

    Case, accents, punctuation, apostrophes, hyphens and spaces are dropped, and the
    transliteration differences that separate French and English spellings of
    Sahelian names are folded: ``ou``/``u``/``w``, ``dj``/``j``, ``ch``/``sh``/``kh``,
    ``y``/``i``, doubled letters, a final ``-e``, and the ``In``/``I-n-`` prefix.
    Spaces and hyphens are dropped too, so that "Tin Essako", "Tin-Essako" and
    "Tinessako" meet.

    Parameters
    ----------
    name : str
        Any spelling of a place name.
    transliterate : bool, default True
        Fold the transliteration differences too. ``False`` keeps the spelling
        (only case, accents, punctuation and spaces go): the geocoder uses it to
        prefer a record spelled exactly as the query ("Konna") over one that only
        transliterates to it ("Kona").

    Returns
    -------
    str
        The key; empty when ``name`` holds no letter or digit.

    Examples
    --------
    >>> normalize("Ménaka") == normalize("MENAKA") == normalize("menaka")
    True
    >>> normalize("In Chinane") == normalize("Inchinane")
    True
    >>> normalize("Tin-Essako") == normalize("Tin Essako")
    True
    >>> normalize("Djenné") == normalize("Jenne")
    True
    >>> normalize("Daoussahak") == normalize("Dawsahak")
    True
    >>> normalize("Kona") == normalize("Konna")
    True
    >>> normalize("  N'Djamena ")
    'njamena'
    >>> normalize("Konna", transliterate=False)
    'konna'
    """
    return _normalized(name, transliterate)


@functools.lru_cache(maxsize=1 << 16)  # (a look-up normalizes the query and its candidates' names, again and again)
def _normalized(name: str, transliterate: bool) -> str:
    """:func:`normalize`, remembered."""
    text = strip_accents(name).lower().replace("'", "").replace("’", "")
    words = [w for w in _NOT_ALNUM.split(text) if w]
    if not words:
        return ""
    joined = "".join(words)
    if not transliterate:
        return joined
    joined = _INITIAL_IN.sub("i", joined)
    return _fold_word(joined)


def admin_key(name: str) -> str:
    """The key of an admin area's name without its generic words.

    "Cercle de Niono", "Niono Cercle" and "Niono" meet, so do "Région de Ségou" and
    "Segou Region".

    Examples
    --------
    >>> admin_key("Cercle de Niono") == admin_key("Niono cercle") == normalize("Niono")
    True
    >>> admin_key("Région de Ségou") == admin_key("Segou Region")
    True
    """
    words = _NOT_ALNUM.split(strip_accents(name).lower().replace("'", " ").replace("’", " "))
    kept = [w for w in words if w and w not in _ADMIN_KEY_WORDS]
    return normalize(" ".join(kept)) if kept else normalize(name)
