"""Country codes and names: resolve ``country=`` arguments and write addresses."""

from __future__ import annotations

from .errors import InputError
from .names import normalize

__all__ = ["country_code", "country_name"]

# ISO 3166-1 alpha-2, all officially assigned codes (to tell a typo from a real code).
_ISO_CODES = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE
    DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN
    GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE
    KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
    ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA
    PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK
    SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
    UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split()
)

# Names (English and French, with common variants) of the countries this toolkit's
# sources talk about. The first name is the display name.
_NAMES: dict[str, tuple[str, ...]] = {
    "ML": ("Mali", "République du Mali"),
    "NE": ("Niger", "République du Niger"),
    "BF": ("Burkina Faso", "Burkina", "Upper Volta", "Haute-Volta"),
    "DZ": ("Algeria", "Algérie"),
    "MR": ("Mauritania", "Mauritanie"),
    "SN": ("Senegal", "Sénégal"),
    "GN": ("Guinea", "Guinée", "Guinea-Conakry"),
    "CI": ("Côte d'Ivoire", "Ivory Coast", "Cote d'Ivoire"),
    "LY": ("Libya", "Libye"),
    "TD": ("Chad", "Tchad"),
    "NG": ("Nigeria", "Nigéria"),
    "BJ": ("Benin", "Bénin"),
    "TG": ("Togo",),
    "GH": ("Ghana",),
    "MA": ("Morocco", "Maroc"),
    "TN": ("Tunisia", "Tunisie"),
    "SD": ("Sudan", "Soudan"),
    "FR": ("France",),
    "US": ("United States", "USA", "United States of America", "États-Unis"),
    "RU": ("Russia", "Russie", "Russian Federation"),
    "UA": ("Ukraine",),
    "TR": ("Turkey", "Türkiye", "Turquie"),
    "QA": ("Qatar",),
    "IR": ("Iran",),
    "IQ": ("Iraq", "Irak"),
    "SY": ("Syria", "Syrie"),
}
_BY_KEY = {normalize(name): code for code, names in _NAMES.items() for name in names}


def country_code(value: str) -> str:
    """Resolve a country given as an ISO code or a name to its ISO 3166-1 alpha-2 code.

    Raises :class:`~geo.errors.InputError` naming the value when it is neither.

    Examples
    --------
    >>> country_code("ml"), country_code("Burkina"), country_code("Côte d'Ivoire")
    ('ML', 'BF', 'CI')
    >>> country_code("XX")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: unknown country 'XX': give an ISO 3166-1 alpha-2 code such as ML, NE or BF, or a country name such as Mali
    """
    text = value.strip()
    if len(text) == 2 and text.upper() in _ISO_CODES:
        return text.upper()
    code = _BY_KEY.get(normalize(text))
    if code:
        return code
    raise InputError(
        f"unknown country {value!r}: give an ISO 3166-1 alpha-2 code such as ML, NE or BF, "
        "or a country name such as Mali"
    )


def country_name(code: str) -> str:
    """Return the display name of a country code, or the code itself when unknown.

    Examples
    --------
    >>> country_name("NE")
    'Niger'
    """
    names = _NAMES.get(code.upper())
    return names[0] if names else code.upper()
