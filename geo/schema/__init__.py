"""Column names, kinds and vocabularies: defined once, used everywhere.

Every name is read as ``schema.NAME`` (``from geo import schema``); each is defined in
the module of its domain:

- :mod:`geo.schema.gazetteer`: the gazetteer's columns (curated places, GeoNames and
  OpenStreetMap tiers, areas), its tiers, and the kinds of place with their ranking weights;
- :mod:`geo.schema.seeds`: the seed records' files and columns, and the values their cells take;
- :mod:`geo.schema.layers`: the columns of what the library makes (loaded records and
  exports, the influence layer, intensity tables, candidate records);
- :mod:`geo.schema.datasets`: the ACLED and UCDP GED layouts ``geo import`` reads, and its report;
- :mod:`geo.schema.vocab`: the forms and words shared by the library and the command line
  (ids, multi-valued cells, methods, periods, steps, zones, compass points).

Examples
--------
>>> from geo import schema
>>> schema.ID, schema.INCIDENTS_FILE, schema.METHODS
('id', 'incidents.csv', ('buffer', 'voronoi'))
"""

from .datasets import *  # noqa: F403
from .gazetteer import *  # noqa: F403
from .layers import *  # noqa: F403
from .seeds import *  # noqa: F403
from .vocab import *  # noqa: F403
