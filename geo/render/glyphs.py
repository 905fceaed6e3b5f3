"""What every static figure shares for its text: the bundled font, matplotlib settings,
colours with alpha, text taken literally, and characters the font can draw.

Split from :mod:`geo.render.figures`.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.text import Text
    from matplotlib.typing import RcKeyType


__all__ = ["FONT", "RC", "literal_text", "printable", "rgba"]

FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs on every machine


RC: dict[RcKeyType, Any] = {"font.family": FONT, "axes.unicode_minus": False, "hatch.linewidth": 0.8}


def rgba(colour: str, alpha: float) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


def literal_text(method: Callable[..., Text], *args: object, **kwargs: object) -> Text:
    """Call a matplotlib text method with text taken literally (no ``$...$`` mathtext)."""
    artist = method(*args, parse_math=False, **kwargs)
    return artist


@cache
def _glyphs() -> frozenset[int]:
    """The code points the bundled font can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=FONT), fallback_to_default=True)
    return frozenset(FT2Font(path).get_charmap())


def printable(text: str) -> str:
    """``text`` with the characters the figure's font lacks replaced: accents dropped
    when that helps (``ǂ`` has no fallback: ``?``), so that no glyph is missing.

    Examples
    --------
    >>> printable("Ménaka — Tidarméné")
    'Ménaka — Tidarméné'
    >>> printable("a\\u0300\\u4e2d\\u01c3b")
    'à?ǃb'
    """
    glyphs = _glyphs()
    text = unicodedata.normalize("NFC", str(text))
    out = []
    for char in text:
        if ord(char) in glyphs or char in "\n\t":
            out.append(char)
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(plain if plain and all(ord(c) in glyphs for c in plain) else "?")
    return "".join(out)
