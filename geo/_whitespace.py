"""White space as Python's ``str`` methods see it (``str.isspace``, ``str.split``,
``str.strip``), for the code that searches text outside Python: in one join of a
column's cells, or with pyarrow's regular expressions (RE2, whose ``\\s`` is ASCII white
space only).

``tests/test_import_columnar.py`` checks :data:`NOT_SPACES` against every character.
"""

from __future__ import annotations

__all__ = ["ASCII_NOT_SPACE", "NOT_SPACES", "re2_class"]

# White space other than the space, and the ASCII characters among it.
ASCII_NOT_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
NOT_SPACES = (
    ASCII_NOT_SPACE + "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)


def re2_class(characters: str) -> str:
    """A character class of RE2 (pyarrow's regular expressions) matching ``characters``,
    each written by its code point.

    >>> re2_class(" \\t")
    '[\\\\x{20}\\\\x{9}]'
    """
    return "[" + "".join(f"\\x{{{ord(character):x}}}" for character in characters) + "]"
