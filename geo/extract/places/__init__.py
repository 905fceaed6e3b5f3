"""Place mentions: names of the gazetteer found in a text, and the place each one means.

Finding a name is easy; not firing on the wrong words is the work. The rules, in order:

1. **Name-like words.** Only capitalised words are considered ("Ménaka", "Tin-Essako",
   "In Chinnana"), joined into runs by spaces or the particles of place names ("Nioro
   du Sahel"). A possessive "'s" is left out of the span ("Mali's" -> "Mali"), and so
   is a French elision ("d'Anderamboukane" -> "Anderamboukane"). Spans inside actor
   names ("Islamic State in the Greater Sahara") and URLs are skipped. A capitalised
   function word at a sentence's start is not a name word ("A Barsalogo resident",
   "Dans Gadabo", "Selon ..."; "In", "La", "Le" start names and stay). A direction
   before a particle is not part of a name, nor an organisation's word ("le Centre du
   Mali" -> "Mali"; "Centre-Nord" is no organisation either).
2. **Longest name first.** Within a run, the longest sequence of words that is a name
   or variant of a record wins ("Ménaka Airport" before "Ménaka"). An admin word is a
   hint, not part of the name, after it ("Mopti Region") or before it with a particle
   ("Cercle de Bankass", "Région de Mopti" -> "Bankass", "Mopti"); so is an adjective
   of nationality after a recorded name ("Sahel burkinabè" -> "Sahel").
3. **Not people.** A run that holds a name particle of people ("Ag", "Ould", "Ben",
   "Abu", "El Hajj"), follows a title ("General", "President", "leader"), or starts
   with a common given name ("Amadou Koufa") is a person: nothing in it is a place.
4. **Not organisations.** A run that holds a word of organisations ("Agreement",
   "University", "Movement", "Radio"), or follows one ("University of Bamako"), is an
   organisation: nothing in it is a place.
5. **Not common words.** Month and weekday names, and words for peoples and
   languages ("Tuareg", "Peul", "Arab"), are never places. A name known only from
   GeoNames (the reference tier) must also show that it is a place: a locative word
   before it ("in", "at", "near", "village of"...; in French also "quitté", "rejoint",
   "regagné", "investi", "attaqué", "occupé"), a kind word after it ("Toubani
   village"), a place next to it in a list ("Tamalat, Inchinane and Agrali"), or a
   list that a plural kind word opens ("trois villages (A, B et C)", "les villages de
   A, B et C", "the villages of A, B and C", "les localités suivantes : A, B"); and it
   must not be written in lower case elsewhere in the document ("Let", "Islam"), nor
   be one word of a longer capitalised run that is not a place ("Amadou Koufa").
   Curated places and areas need none of this: they are the places these texts name.
6. **Resolution.** Each span is geocoded with :meth:`geo.gazetteer.Gazetteer.lookup`,
   with a kind word next to it as a hint ("the Ménaka region" is the region, "the
   village of Toubani" a village) and the document's focus as ``near`` (the median of
   the curated places it names), so that a name shared by far-apart villages resolves
   to the one in the story. One name means one place throughout a document unless a
   kind word says otherwise.
7. **Chains.** A hyphenated run that is not one name is cut into its parts when each
   part is a name ("Tamalat-Inchinane-Agrali", "Mali-Burkina Faso"); a run of two parts
   is cut only when both are curated places or areas, since two village names known
   only from GeoNames or OpenStreetMap joined by a hyphen are one unknown name
   ("Danga-Zouani", "Zibane-Koira").
8. **Names the gazetteer lacks in the text's spelling.** A capitalised run that no
   name of the gazetteer matches (one to three words, and a lower-case part joined by
   a hyphen: "Emi-semis") is a place when the text says so plainly: a kind word of
   settlements, markets or wells before it ("le village de X", "la Commune de X", "la
   localité d'X", "la foire d'X", "le puits d'X", "the village of X", "la zone de
   X"), a list that a plural kind word opens, "entre X et <place>", or a locative
   before it and a stated position after it that ties it to a place ("à X, dans la
   région de Y", "in X (Timbuktu region)", "in X (35 kilometers from Timbuktu)", "X,
   à 20 km d'Ayorou"). It must not be an acronym, a people's or nationality word,
   written in lower case elsewhere (any of its words: "Armed Raid" in a headline), nor
   stand at a sentence's or line's start. It resolves to a GeoNames/OpenStreetMap
   place of a close spelling ("Pansandougou" -> Pansadougou) only when that place is
   in the document's country and within 200 km of its focus; else it is reported with
   ``status: "not_found"`` and no id. Its other mentions follow. A compass compound
   ("Centre-Nord", "le Centre-nord") is looked up as a region ("Centre-Nord region")
   and kept only when the gazetteer has it. Generic words around a curated phrase
   stay out of the span ("la zone des trois frontières" -> "trois frontières", "the
   Sahara desert" -> "Sahara"), and a nationality word starts a name only when the
   whole is a country ("Western Sahara").

The parts, each for one concern: :mod:`~geo.extract.places.lexicon` (word lists and the
patterns of cues; the admin words and particles come from :mod:`geo.names`),
:mod:`~geo.extract.places.words` (words, runs and spans), :mod:`~geo.extract.places.filters`
(rules 1, 3 and 4: people, organisations, directions), :mod:`~geo.extract.places.cues`
(rules 5, 6 and 8: what makes a name a place), :mod:`~geo.extract.places.resolve`
(rule 6: resolution, containment, focus and country of the document) and
:mod:`~geo.extract.places.finder` (:class:`PlaceFinder`, which runs them in order).
"""

from __future__ import annotations

from .finder import PlaceFinder
from .lexicon import CANDIDATES_SHOWN as CANDIDATES_SHOWN
from .lexicon import CONTAINED, NEAR
from .lexicon import MAX_NAME_WORDS as MAX_NAME_WORDS
from .lexicon import UNLISTED as UNLISTED
from .lexicon import WIDE_REGION as WIDE_REGION
from .resolve import resolve_spans as resolve_spans

__all__ = ["CONTAINED", "NEAR", "PlaceFinder"]
