"""Actor mentions: every name or alias of ``actors.csv`` found in a text.

The rules:

- Each actor's name and aliases are matched on the folded text (:func:`fold`: no case,
  no accents), with spaces and hyphens interchangeable ("al-Qaeda", "Al Qaeda").
- A one-word alias ("ISGS", "Wagner", "Platform") must also match the text's own case,
  so that the common word "platform" is not an actor; so must an alias in capitals
  ("UN"), though one of four letters or more may be written as a name ("Gatia").
- The longest name at a place wins: "Islamic State in the Greater Sahara" is one
  mention of ``isgs``, not ``islamic-state`` plus a place.
- A dataset-style label is matched by its parts: "MNLA: National Movement ..." gives
  "MNLA" and "National Movement ...", and "(2013-2020)" suffixes are dropped.
- An alias in mixed case may also be written in capitals ("FAMA" for "FAMa"), as
  headlines and some agencies do.
- **Generic forces.** A state's forces named by its adjective or its name and a word
  for soldiers -- "Malian troops", "Nigerien security forces", "Burkina Faso soldiers",
  "Chad's army", "French gendarmes"; in French "l'armée malienne", "les soldats
  nigériens", "les forces armées burkinabè", "l'armée du Mali" -- are that state's
  forces: the actor of :data:`STATE_FORCES` for the country on the document's date
  (each row may carry a validity; a row without one always applies). The span leaves
  out the article ("armée malienne"); "Mali military officers" (the rulers) are not
  the forces. A name the actor list has as an alias ("Malian
  army") is matched as that alias first.
- An alias written in lower case in the list ("koglweogo") is a word of the prose: it
  is matched in lower case, capitalised ("Koglweogo") or in capitals.
- **Transliterations.** The Arabic names of the jihadist groups are spelt many ways;
  each is matched by a pattern of its spellings rather than alias by alias:
  "Jama'at Nusrat al-Islam wal-Muslimin", "Jama'a Nusrat ul-Islam wa al-Muslimin",
  "Jamaat Nasr al-Islam wal Muslimeen", "Jama'ah Nusrah al-Islam" (``jnim``);
  "Ansar Eddine", "Ansar ud-Din", "Ansar al-Dine" (``ansar-dine``); "Ansarul Islam",
  "Ansar ul-Islam", "Ansaroul Islam", "Ansarol Islam" (``ansarul-islam``); "al-Murabitun",
  "Al Mourabitoune" (``al-mourabitoun``); "Katiba Macina", "Katibat Massina"
  (``flm``).
  English renderings and short forms are patterns too: "(the) Support of Islam and
  Muslims", "Group for Supporting Islam and Muslims", "Nusrat al-Islam", "Jama'at
  Nusrat al-Islam" (``jnim``); "Tawhid wal-Jihad in West Africa" (``mujao``); "Al Qaeda
  in Islamic Maghreb" (``aqim``, replacing the "Al Qaeda" inside it); the Islamic
  State's Arabic acronym as "Daesh", "Daish", "Da'esh", "Daech" (``islamic-state``); and
  Wagner's men as the press describes them, "Russian paramilitary fighters", "Russian
  military instructors" (``wagner``).
- **Case.** A name of four letters or more written in a headline's capitals ("DAESH",
  "WAGNER") is that name; an acronym with two capitals or more may be written as a name
  ("Fama" for "FAMa", "Jnim"). An alias may follow "pro-" or "anti-" ("pro-ISIS").
- **Acronyms a text defines.** An actor's name followed by an acronym in parentheses
  ("the Defence and Security Forces (FDS)", "Forces de défense et de sécurité (FDS)
  nigériennes") makes that acronym, in capitals, a name of the actor in the rest of
  the document.
- **Descriptors.** A descriptor alias just before a name of the same actor ("the Russian
  mercenary Wagner Group") is part of that name's phrase, not a mention of its own.
- **Governments.** A state's government named by its adjective or name ("the Nigerien
  government", "Burkina Faso's government", "le gouvernement malien", "le gouvernement
  du Niger") is that state's government actor (:data:`STATE_GOVERNMENTS`).
- **More renderings** (fourth round), as patterns: the Sahel branch as "Islamic State of
  the Greater Sahara", "Islamic State in the Great Sahara", "Islamic State - Sahel
  Province", "Sahel Province of the Islamic State" (``isgs``); "the Islamic State's West
  Africa Province" (``iswap``); "Islamic State of Iraq and the Levant" (``islamic-state``);
  "Volunteers for the Defence of the Motherland", "Homeland Defence Volunteers",
  "Kogl-weogo" (``vdp``); "Dan Nan Amassagou" (``dan-na-ambassagou``); "Coordination of
  Movements of Azawad" (``cma``); "Azawad Salvation Movement" (``msa``); "Tuareg Imghad
  and Allies Self-defence Group" (``gatia``); "(Joint Force of the) Group of Five for the
  Sahel", "G-5 Sahel force" (``g5-sahel``); the 2012 junta's English name
  (``mali-junta``); and "Russian troops/soldiers/forces" (``wagner``, the only Russian
  force of the list). A name in an odd case ("KoglWeogo") is not matched.
- **Forms of a name.** An acronym's plural ("the VDPs"); a name after "ex-"
  ("ex-Wagner"); a name after a dash that is not a hyphen ("the region—Ansar Dine"); a
  name with its acronym inside ("United Nations (UN) peacekeepers", "Group of Five (G5)
  Sahel") is one mention; a descriptor, "group" and the name ("Russian mercenary group
  Wagner") is one mention of the name.
- **Juntas and what a forces name stands for.** A state's military rulers ("Mali's
  military government", "the Malian military government", "Mali's ruling junta") are
  its junta (:data:`STATE_JUNTAS`); "the Malian government's armed forces" are the
  forces. A forces name followed by "chief", "commander", "officer", "spokesman" or
  "intervention" ("Niger's army chief", "the French military intervention") names a
  person or an event, not the force.
- **A body and its part.** A name followed in parentheses by the name of one of its
  parts (``part_of`` in ``actors.csv``) means the part: "the UN (MINUSMA)" is MINUSMA.
- **The Islamic State in a Sahel story.** "The Islamic State (group)", "IS", "ISIS",
  "Daesh" acting in a text about Mali, Niger, Burkina Faso or the Sahel (from May 2015,
  when the branch was founded) are the Sahel branch (``isgs``), as an annotator reads
  them; they stay the organisation (``islamic-state``) when the text speaks of it as
  such -- groups "linked to", "affiliated with" or "loyal to" it, its "franchise",
  "affiliate" or "province", "al-Qaeda and the Islamic State" as the two networks -- or
  when the text is also about Iraq or Syria. An acronym in parentheses follows its name.
- Generic participants (civilians, protesters, rioters, unidentified gunmen) are not
  looked for: they are roles, not names.
- **The settled cases** of the annotation guidelines (``tests/gold/GUIDELINES.md``):

  - An organisation's name inside the name of one of its organs, offices or meetings is
    a mention of the organisation: "UN" in "the UN Security Council" and "UN
    Secretary-General", "United Nations" in "the United Nations General Assembly", "AU"
    in "the AU Peace and Security Council", "ECOWAS" in "an ECOWAS summit", "ONU" in "le
    Conseil de sécurité de l'ONU" (this replaced the older rule that dropped the UN
    there). The short names the list lacks, "AU"/"UA" and "UNSC", are found in capitals
    as words of their own, not among a headline's capitals (French "AU", "UN").
    The UN's agencies, funds and programmes, with names of their own ("United Nations
    High Commissioner for Refugees", "UN Development Programme"), are not the UN. A
    dateline in capitals ("UNITED NATIONS, Feb. 12") is no actor.
  - A state's authorities are its government: "the Malian authorities", "les autorités
    maliennes", "les autorités du Niger" (``mali-government``, ...); its transitional
    authorities ("les autorités maliennes de transition") are its military rulers in a
    text dated from August 2020 (:data:`STATE_JUNTAS`). "La junte nigérienne" is a junta
    in French as in English.
  - The forces, governments, authorities and juntas of states the list lacks ("Ivorian
    soldiers", "the Togolese army", "les soldats ivoiriens", "the Ivorian government",
    "the Guinean junta") are mentions without an id, with the spans of the listed
    states'; Russia's forces from December 2021 are Wagner's men (``wagner``).
  - The world's best-known armed groups and movements outside the list ("Taliban",
    "al-Shabaab", "Hamas", "the M23", "Séléka", "Polisario Front", "Katiba Serma"), and
    intergovernmental bodies (the EU, NATO, the AES), are mentions without an id, from
    the hand-written table of :mod:`~geo.extract.actors.unlisted`; a short or ambiguous
    name ("RSF", "ADF", "ETA") counts only in a text that holds its context. A French
    group's name with the acronym the text gives it ("le Mouvement national de l'Azawad
    (MNA)") is one too.
  - Armed bodies named by a people ("Tuareg rebels", "Fulani militias", "Dogon hunters",
    "milices peules") are actors (:mod:`~geo.extract.actors.peoples`); a force's name as a
    modifier ("a Malian army base") is the force, unless the words together name another
    actor ("the Malian military government"); a state's ministries are its government; a
    force noun joins a state's name ("Malian ground troops"), not a group's own.
  - A name glued to a flattened infobox's label ("Part ofPlatform of Self-Defense
    Movements") is found; an acronym in parentheses after another acronym is a part of it
    ("UN (MINUSMA) troops": the UN and the mission), not its expansion.

The parts: :mod:`~geo.extract.actors.lexicon` (states and their forces, juntas,
governments, transliterations), :mod:`~geo.extract.actors.unlisted` (the states, groups
and bodies the list lacks), :mod:`~geo.extract.actors.peoples` (armed bodies named by a
people), :mod:`~geo.extract.actors.finder` (:class:`ActorFinder`:
names and aliases) and :mod:`~geo.extract.actors.rules` (the rules above applied to what
was found).
"""

from __future__ import annotations

from .finder import ActorFinder
from .lexicon import GENERIC_ACTORS as GENERIC_ACTORS
from .lexicon import STATE_FORCES as STATE_FORCES
from .lexicon import STATE_GOVERNMENTS as STATE_GOVERNMENTS
from .lexicon import STATE_JUNTAS as STATE_JUNTAS

__all__ = ["ActorFinder"]
