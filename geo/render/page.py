"""What every HTML page of the toolkit shares: escaping, JSON in pages, assets, the
Content Security Policy, and writing the page.

The map (:mod:`geo.render.web`), the report (:mod:`geo.render.report`) and the review
page (:mod:`geo.extract.review`) are built from the same pieces:

- texts from the data are escaped where they land (:func:`escape`), and only http(s)
  URLs become links (:func:`http_url`, :func:`link`);
- data for a page's script travels as JSON in a ``<script type="application/json">``
  block (:func:`json_for_script`: nothing in it can end the element);
- the pages' own scripts and styles are read from ``geo/assets/`` (:func:`asset`; a
  folder there is one script in sections, read in the order of its file names), and
  Leaflet's from the XStatic-Leaflet package (:func:`inline_assets`);
- every page carries one kind of policy (:func:`csp_meta`): only the page's own
  scripts run, each allowed by the SHA-256 of its text, and nothing is loaded but
  ``data:`` URIs and the origins the page names;
- pages are written atomically (:func:`write_html`, through :mod:`geo._io`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = [
    "ASSETS",
    "LEAFLET_CSS",
    "LEAFLET_JS",
    "asset",
    "csp_meta",
    "escape",
    "http_url",
    "inline_assets",
    "json_for_script",
    "link",
    "write_html",
]

ASSETS = Path(__file__).parent.parent / "assets"
LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"


# --- texts and links ------------------------------------------------------------------


def escape(value: Any) -> str:
    """Text from the data, safe anywhere in HTML (element content or quoted attribute).

    Examples
    --------
    >>> escape('<img src=x onerror="alert(1)">'), escape(None)
    ('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;', '')
    """
    if value is None or _missing(value):
        return ""
    return html.escape(str(value), quote=True)


def _missing(value: Any) -> bool:
    import pandas as pd

    return not isinstance(value, str | list | tuple | dict) and bool(pd.isna(value))


def http_url(value: Any) -> str | None:
    """The URL if it is an http(s) URL, else ``None``: nothing else becomes a link."""
    text = str(value or "").strip()
    return text if re.match(r"(?i)^https?://[^\s\"'<>]+$", text) else None


def link(url: Any, text: Any = None) -> str:
    """``url`` as a link when it is an http(s) URL, else as plain (escaped) text.

    Examples
    --------
    >>> link("https://example.org/a?b=1&c=2")
    '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">https://example.org/a?b=1&amp;c=2</a>'
    >>> link("javascript:alert(1)")
    '<span class="url">javascript:alert(1)</span>'
    """
    safe = http_url(url)
    shown = escape(text if text is not None else url)
    if safe is None:
        return f'<span class="url">{shown}</span>' if shown else ""
    return f'<a href="{escape(safe)}" rel="noopener noreferrer">{shown}</a>'


# --- data for the page's script -------------------------------------------------------


def json_for_script(value: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``</`` or ``<!--`` can end it.

    Examples
    --------
    >>> json_for_script({"note": "</script><script>alert(1)</script>"})
    '{"note":"\\\\u003c/script>\\\\u003cscript>alert(1)\\\\u003c/script>"}'
    """
    try:  # most data is clean: only data holding NaN or pandas' NA is walked through
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        text = json.dumps(_no_nan(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _no_nan(value: Any) -> Any:
    """Missing values (NaN, pandas NA) as ``None``, all the way down (geometries are clean)."""
    if isinstance(value, dict):
        return {k: (v if k == "geometry" else _no_nan(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_nan(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is not None and type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


# --- assets ---------------------------------------------------------------------------


def asset(name: str) -> str:
    """The text of one of the pages' own scripts or styles in ``geo/assets/``.

    A folder is one script written in sections: its files, in the order of their names
    (``00-core.js``, ``10-incidents.js``...), joined as they are, with no build step.

    Examples
    --------
    >>> asset("atlas").startswith("/* Sahel conflict atlas") and asset("atlas").rstrip().endswith("})();")
    True
    """
    path = ASSETS / name
    if path.is_dir():
        return "".join(part.read_text(encoding="utf-8") for part in sorted(path.glob("*.js")))
    return path.read_text(encoding="utf-8")


def _leaflet_files() -> tuple[str, str]:
    """Leaflet's script and stylesheet from the XStatic-Leaflet package, images inlined."""
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    script = (base / "leaflet.js").read_text(encoding="utf-8")
    script = re.sub(r"//# sourceMappingURL=\S+", "", script)
    style = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        path = base / match.group(1)
        if not path.is_file():
            return match.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    style = re.sub(r"url\((images/[^)]+\.png)\)", inline, style)
    return script, style


def inline_assets(text: str) -> str:
    """``text`` with Leaflet's linked script and stylesheet written into it (works offline)."""
    script, style = _leaflet_files()
    text = text.replace(f'<script src="{LEAFLET_JS}"></script>', f"<script>{script}</script>")
    text = text.replace(f'<link rel="stylesheet" href="{LEAFLET_CSS}"/>', f"<style>{style}</style>")
    remaining = re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?://[^"]+"', text)
    if remaining:  # pragma: no cover - a folium upgrade that adds a resource
        raise RuntimeError(f"cannot make the page self-contained: external resources remain: {remaining}")
    return text


# --- the Content Security Policy ------------------------------------------------------


def csp_meta(page: str, *, images: Iterable[str] = ()) -> str:
    """The page's Content Security Policy, as the ``<meta>`` element to put first in its head.

    The one policy of every page: only the page's own scripts run, each allowed by the
    SHA-256 of its text as the browser reads it (line breaks normalised; the scripts are
    those written as a bare ``<script>`` element); no inline event handler; nothing is
    loaded but ``data:`` URIs, the origins of the scripts and stylesheets the page links
    (a page that is not self-contained), and the origins in ``images`` (a map's online
    tiles); no ``<base>``, no form.

    Examples
    --------
    >>> meta = csp_meta("<script>go()</script>")
    >>> "script-src 'sha256-" in meta, "unsafe-inline'; img-src data:;" in meta
    (True, True)
    """
    hashes = []
    for body in re.findall(r"<script>(.*?)</script>", page, re.S):
        normalised = body.replace("\r\n", "\n").replace("\r", "\n")
        digest = base64.b64encode(hashlib.sha256(normalised.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    linked = sorted(set(re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https://[^/"]+)', page)))
    scripts = " ".join([*hashes, *linked]) or "'none'"
    styles = " ".join(["'unsafe-inline'", *linked])
    images = " ".join(dict.fromkeys(["data:", *linked, *images]))
    policy = (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; img-src {images}; "
        "base-uri 'none'; form-action 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


# --- writing --------------------------------------------------------------------------


def write_html(html: str, path: str | Path) -> Path:
    """Write ``html`` to ``path`` atomically (a reader never sees half a file).

    See :func:`geo._io.write_text_atomically`: an exclusive temporary file in the same
    folder, then a rename; :class:`~geo.errors.OutputError` when the file cannot be written.
    """
    from .._io import write_text_atomically

    return write_text_atomically(Path(path), html)
