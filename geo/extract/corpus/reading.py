"""Reading the documents of a corpus where they are: standard input by the process that has
it, and files by the client before they are sent to a cluster (whose workers need not see
them). A document that cannot be read becomes a :class:`Failed` item, reported in its place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from .work import Item, Text


@dataclass(frozen=True)
class Failed:
    """An item that failed before it could be sent (a file the client could not read)."""

    name: str
    error: str


def read_stdin(item: Item | Failed) -> Item | Failed:
    """Standard input (``"-"``) read here, by the process that has it; other items as they are.

    Examples
    --------
    >>> read_stdin(Text("a.txt", "text"))
    Text(name='a.txt', text='text')
    """
    if isinstance(item, Text | Failed) or str(item) != "-":
        return item
    from ..._input import read_text

    try:
        return Text("<stdin>", read_text("-", what="text document"))
    except InputError as error:
        return Failed("<stdin>", str(error))


def read_item(item: Item | Failed) -> Item | Failed:
    """A file (or standard input) read here, as a :class:`Text`; a file that cannot be read
    becomes :class:`Failed`, a text stays as it is.

    Examples
    --------
    >>> read_item("no/such/file.txt")
    Failed(name='no/such/file.txt', error='no/such/file.txt: no such file; give the path of the text document')
    """
    if isinstance(item, Text | Failed):
        return item
    if str(item) == "-":
        return read_stdin(item)
    from ..._input import read_text

    try:
        return Text(str(Path(item)), read_text(item, what="text document"))
    except InputError as error:
        return Failed(str(Path(item)), str(error))
