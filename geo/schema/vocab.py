"""Vocabularies of the library and the command line, each defined here once.

The forms every record shares (ids, multi-valued cells) and the words options take:
how places become areas, calendar periods, a map's time steps, an actor's zones and
the compass points a bearing is named by.
"""

# Form of every id (places, areas, records): lower-case ASCII letters and digits, hyphen-separated.
ID_REGEX = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Separator of multi-valued cells (variants, cited_in, areas, keys).
MULTI_SEPARATOR = "|"

METHODS = ("buffer", "voronoi")  # how places become areas (geo.influence.methods: one strategy each)
PERIODS = ("day", "week", "month", "quarter", "year")  # calendar periods (geo.periods)
STEPS = ("auto", "event", *PERIODS[1:])  # how a map's time control moves ("auto" chooses)

# The zones of an actor's influence geometry (geo.influence), and which ones an
# assertion's ``zone`` cell may name: the actor's control, contested, activity or
# influence zone that an area or a position statement is about.
ZONES = ("control", "contested", "activity", "influence")

# The views of geo.stats: the spatial levels of aggregation (the gazetteer's regions, Mali's cercles,
# H3 cells, the gazetteer's countries), then the two views that are not places (actors, event types).
SPATIAL_LEVELS = ("region", "cercle", "hex", "country")
LEVELS = (*SPATIAL_LEVELS, "actor", "event-type")
# Which period an incident counts in (geo.stats): its middle day's, the one holding its interval, or by source.
PERIOD_RULES = ("auto", "interval", "reported")

COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
