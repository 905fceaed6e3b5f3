"""The curation assistant: find places, actors, dates and tolls in a document.

>>> from geo.extract import Extractor
>>> doc = Extractor.load().extract("EIGS fighters entered Ménaka.", "example.txt")
>>> [(m.kind, m.text, m.get("place") or m.get("actor")) for m in doc.mentions]
[('actor', 'EIGS', 'isgs'), ('place', 'Ménaka', 'ml-menaka')]
"""

from .candidates import Candidate
from .document import Document
from .extractor import Extractor
from .mention import Mention

__all__ = ["Candidate", "Document", "Extractor", "Mention"]
