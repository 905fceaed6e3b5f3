"""Writing static figures: PNG, SVG or PDF by suffix, atomically, the same bytes for the same figure.

Split from :mod:`geo.render.figures`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .glyphs import FONT

if TYPE_CHECKING:
    from typing import IO

    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType


__all__ = ["FORMATS", "PNG_DPI", "SVG_SALT", "figure_bytes", "figure_format", "params_text", "save_figure"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
PNG_DPI = 200
SVG_SALT = "sahel-atlas"  # SVG element ids are hashes salted with this, not random


def params_text(params: dict[str, Any]) -> str:
    """A method's parameters as readable text.

    Examples
    --------
    >>> params_text({"max_km": 50.0, "radius_km": {"town": 15.0, "camp": 5.0}, "add_uncertainty": True})
    'add_uncertainty true, max_km 50, radius_km (camp 5, town 15)'
    """

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, dict):
            return "(" + ", ".join(f"{k} {value(v[k])}" for k in sorted(v)) + ")"
        return f"{v:g}" if isinstance(v, float) else str(v)

    return ", ".join(f"{name} {value(params[name])}" for name in sorted(params))


def figure_format(path: str | Path) -> str:
    """The file format for ``path``'s suffix: ``png``, ``svg`` or ``pdf``.

    Examples
    --------
    >>> figure_format("menaka.SVG")
    'svg'
    >>> figure_format("menaka.jpg")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: cannot write a figure to menaka.jpg: unknown suffix '.jpg'; use .png, .svg or .pdf
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = repr(Path(path).suffix) if Path(path).suffix else "none"
        raise InputError(f"cannot write a figure to {path}: unknown suffix {shown}; use .png, .svg or .pdf")
    return FORMATS[suffix]


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path`` as PNG (200 dpi), SVG or PDF, by its suffix, atomically.

    Files carry no date and SVG ids are salted with a constant, so that the same
    figure gives the same bytes. SVG text stays text (``svg.fonttype = none``) and PDF
    fonts are embedded as TrueType (``pdf.fonttype = 42``), so that both can be edited.
    Raises :class:`~geo.errors.InputError` for any other suffix.
    """
    import matplotlib as mpl

    from .. import __version__
    from .._io import write_atomically

    fmt = figure_format(path)
    creator = f"sahel-atlas {__version__} (matplotlib)"
    metadata_of: dict[str, dict[str, Any]] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": creator},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": creator, "Producer": None},
    }
    metadata = metadata_of[fmt]
    target = Path(path)
    rc: dict[RcKeyType, Any] = {
        "svg.hashsalt": SVG_SALT,
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "font.family": FONT,
    }

    def write(handle: IO[Any]) -> None:  # through the exclusive temporary file's own descriptor
        with mpl.rc_context(rc):
            fig.savefig(handle, format=fmt, dpi=PNG_DPI, metadata=metadata, facecolor="white")

    return write_atomically(target, write, binary=True)


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """``fig`` rendered to ``png``, ``svg`` or ``pdf`` in memory (as :func:`save_figure` would)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = save_figure(fig, Path(folder) / f"figure.{fmt}")
        return path.read_bytes()
