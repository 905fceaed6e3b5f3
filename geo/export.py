"""Write the toolkit's layers to files: GeoJSON, GeoPackage or CSV.

Layers so far: ``places`` (the curated tier, points) and ``areas`` (regions, cercles,
provinces, countries and informal areas, polygons with validity dates). Files are
written atomically: a reader never sees a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import schema
from .errors import InputError

if TYPE_CHECKING:
    import geopandas

    from .gazetteer import Gazetteer

__all__ = ["FORMATS", "LAYERS", "export", "layer_frame"]

FORMATS = ("geojson", "gpkg", "csv")
LAYERS = ("places", "areas")
PLACE_FIELDS = [c for c in schema.PLACE_COLUMNS if c not in (schema.LAT, schema.LON)] + [schema.LAT, schema.LON]


def layer_frame(gazetteer: Gazetteer, layer: str) -> geopandas.GeoDataFrame:
    """One layer as a GeoDataFrame in WGS84 (EPSG:4326).

    Examples
    --------
    >>> from geo import Gazetteer
    >>> places = layer_frame(Gazetteer.load(), "places")
    >>> places.loc[places["id"] == "ml-menaka", "name"].item()
    'Ménaka'
    """
    import geopandas
    import shapely

    if layer == "places":
        rows = []
        for place in gazetteer.places(tier=schema.CURATED):
            rows.append(
                {
                    schema.ID: place.id,
                    schema.NAME: place.name,
                    schema.VARIANTS: schema.MULTI_SEPARATOR.join(place.variants),
                    schema.KIND: place.kind,
                    schema.UNCERTAINTY_KM: place.uncertainty_km,
                    schema.COUNTRY: place.country,
                    schema.ADMIN1: place.admin1,
                    schema.ADMIN2: place.admin2,
                    schema.GEONAMES_ID: place.geonames_id,
                    schema.COORD_SOURCE: place.coord_source,
                    schema.CITED_IN: schema.MULTI_SEPARATOR.join(place.cited_in),
                    schema.NOTE: place.note,
                    schema.LAT: place.lat,
                    schema.LON: place.lon,
                }
            )
        geometry = shapely.points([r[schema.LON] for r in rows], [r[schema.LAT] for r in rows])
        return geopandas.GeoDataFrame(rows, columns=PLACE_FIELDS, geometry=geometry, crs="EPSG:4326")
    if layer == "areas":
        areas = gazetteer.areas
        rows = [{key: props.get(key) or "" for key in schema.AREA_PROPERTIES} for props in areas.properties]
        return geopandas.GeoDataFrame(
            rows, columns=list(schema.AREA_PROPERTIES), geometry=list(areas.geometries), crs="EPSG:4326"
        )
    raise InputError(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")


def _replace_atomically(write, target: Path) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``target`` in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    tmp.unlink()  # the writers want to create the file themselves
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def export(gazetteer: Gazetteer, out_dir: str | Path, *, fmt: str = "geojson", layers=LAYERS) -> list[Path]:
    """Write ``layers`` to ``out_dir`` in format ``fmt``; return the files written.

    GeoJSON and CSV give one file per layer (``places.geojson``...); GeoPackage one
    file, ``atlas.gpkg``, with a table per layer. CSV writes points as ``lat``/``lon``
    columns and polygons as WKT.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown:
        raise InputError(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
    out = Path(out_dir)
    frames = {layer: layer_frame(gazetteer, layer) for layer in layers}
    written: list[Path] = []
    if fmt == "gpkg":
        target = out / "atlas.gpkg"

        def write_gpkg(path: Path) -> None:
            for layer, frame in frames.items():
                frame.to_file(path, layer=layer, driver="GPKG")

        _replace_atomically(write_gpkg, target)
        return [target]
    for layer, frame in frames.items():
        target = out / f"{layer}.{fmt}"
        if fmt == "geojson":
            _replace_atomically(lambda path, frame=frame: frame.to_file(path, driver="GeoJSON"), target)
        else:
            table = frame.drop(columns="geometry") if layer == "places" else frame.to_wkt()
            _replace_atomically(lambda path, table=table: table.to_csv(path, index=False), target)
        written.append(target)
    return written
