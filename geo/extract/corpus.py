"""Extract a corpus: many documents on a pool of processes or on a Dask cluster.

Extraction is independent from one document to the next, so a corpus splits into
partitions (lists of documents) that any process can read, given the gazetteer and the
actor list. This module is that split and nothing else:

- :func:`extract_partition` extracts one partition in the calling process, with one
  :class:`~geo.extract.Extractor` per process (:func:`load_extractor`, memoised), and
  returns one :class:`Result` per document, in order. Its arguments and results pickle,
  so it is the task that pool workers and Dask workers run.
- :func:`iter_corpus` runs a whole corpus in this process (``jobs=1``), on a
  :class:`concurrent.futures.ProcessPoolExecutor` (``jobs=N``) or on a Dask cluster
  (``client=``: a :class:`distributed.Client` or a scheduler address), and yields the
  results in input order as soon as each is ready; :func:`extract_corpus` is the same
  as a list.

The output does not depend on where it ran: each document is read by the same rules
with the same gazetteer, and nothing is carried from one document to the next.

Dask is optional (``pip install 'sahel-atlas[cluster]'``). Dask workers need the
package installed, not a checkout: the gazetteer and the records are the bundled ones
(or folders given by a path the workers can read), and files are read by the client and
sent to the workers as text, so the workers do not need to see them.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, MissingDependencyError, install_extra
from .candidates import Candidate
from .document import Document

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .extractor import Extractor

__all__ = [
    "MAX_JOBS",
    "Result",
    "Text",
    "connect",
    "extract_corpus",
    "extract_partition",
    "iter_corpus",
    "load_extractor",
    "parse_jobs",
]

MAX_JOBS = 256  # --jobs above this is a typo, not a machine
MAX_LOCAL_WORKERS = 64


@dataclass(frozen=True)
class Text:
    """A document given by its text: ``name`` is its ``doc`` in the output (and, as for a
    file, what finds its entry in ``sources.csv``).

    Examples
    --------
    >>> [result] = extract_partition([Text("dispatch-17.txt", "JNIM fighters entered Gao.")])
    >>> result.document.name, result.document.source
    ('dispatch-17.txt', 'doc-dispatch-17')
    """

    name: str
    text: str


Item = str | Path | Text


@dataclass(frozen=True)
class _Failed:
    """An item that failed before it could be sent (a file the client could not read)."""

    name: str
    error: str


_Part = list[Item | _Failed]  # a partition as the client holds it


@dataclass(frozen=True)
class Result:
    """What extracting one document gave: the document and its candidate records, or an error.

    ``name`` is the document's name: its path (as :class:`pathlib.Path` writes it),
    ``<stdin>``, or a :class:`Text`'s name. ``error`` is a one-line message that names
    it when the document could not be read; ``document`` is then ``None``.
    """

    name: str
    document: Document | None = None
    candidates: list[Candidate] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the document was read."""
        return self.document is not None

    def records(self, kinds: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """The mentions as the JSON objects ``geo extract --json`` writes, in order
        (only those of ``kinds`` when given); none for a document that failed.

        Examples
        --------
        >>> [result] = extract_partition([Text("a.txt", "EIGS fighters entered Ménaka.")])
        >>> [(m["kind"], m["start"], m["end"]) for m in result.records()]
        [('actor', 0, 4), ('place', 22, 28)]
        >>> result.records(["place"])[0]["place"], result.ok, result.error
        ('ml-menaka', True, None)
        """
        if self.document is None:
            return []
        wanted = None if kinds is None else set(kinds)
        return [m.to_dict() for m in self.document.mentions if wanted is None or m.kind in wanted]


# --- one extractor per process --------------------------------------------------------------
# Keyed by the gazetteer folder (None: bundled), whether its OpenStreetMap tier is used,
# and the records folder (None: bundled), as absolute paths; a folder's entry is
# reloaded when a file in it changed (its names, sizes and modification times).
_EXTRACTORS: dict[tuple[str | None, bool, str | None], tuple[tuple, Extractor]] = {}
_CACHED = 4  # extractors kept per process, the latest used
_LOCK = threading.Lock()


def _absolute(path: str | Path | None) -> str | None:
    return None if path is None else os.path.abspath(path)


def _fingerprint(folder: str | None) -> tuple:
    if folder is None:
        return ()
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                stat = os.stat(os.path.join(root, name))
                found.append((root, name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def load_extractor(
    *, gazetteer: str | Path | None = None, seeds: str | Path | None = None, osm: bool = True
) -> Extractor:
    """The extractor over the gazetteer in ``gazetteer`` and the records in ``seeds``
    (default: the bundled ones), loaded once per process and then reused (reloaded
    when a file in either folder changed).

    Examples
    --------
    >>> load_extractor() is load_extractor()
    True
    """
    key = (_absolute(gazetteer), bool(osm), _absolute(seeds))
    stamp = (_fingerprint(key[0]), _fingerprint(key[2]))
    with _LOCK:
        cached = _EXTRACTORS.pop(key, None)
        if cached is None or cached[0] != stamp:
            from ..gazetteer import Gazetteer
            from ..seeds import Seeds
            from .extractor import Extractor

            cached = (stamp, Extractor(Gazetteer.load(key[0], osm=key[1]), Seeds.load(key[2])))
        _EXTRACTORS[key] = cached  # last in: the most recently used
        while len(_EXTRACTORS) > _CACHED:
            del _EXTRACTORS[next(iter(_EXTRACTORS))]
    return cached[1]


# --- one partition ----------------------------------------------------------------------------
def extract_partition(
    items: Sequence[Item],
    *,
    date_text: str | None = None,
    source: str | None = None,
    lang: str | None = None,
    candidates: bool = False,
    gazetteer: str | Path | None = None,
    seeds: str | Path | None = None,
    osm: bool = True,
) -> list[Result]:
    """Extract each document of ``items`` (file paths or :class:`Text`) in this process.

    ``date_text``, ``source`` and ``lang`` apply to every document, as in
    :meth:`Extractor.read <geo.extract.Extractor.read>`; with ``candidates`` each
    result also holds the document's candidate records. A document that cannot be read
    (or that makes the extractor fail) gives a :class:`Result` with its ``error`` and
    the others are still read. The extractor is :func:`load_extractor`'s, so a worker
    loads the gazetteer once, whatever the number of partitions it runs.

    Examples
    --------
    >>> results = extract_partition([Text("a.txt", "ISGS fighters attacked Tamalat."), "no/such/file.txt"])
    >>> [(m["kind"], m["text"]) for m in results[0].records()]
    [('actor', 'ISGS'), ('place', 'Tamalat')]
    >>> results[1].error
    'no/such/file.txt: no such file; give the path of the text document'
    """
    extractor = load_extractor(gazetteer=gazetteer, seeds=seeds, osm=osm)
    return [_extract_one(extractor, item, date_text, source, lang, candidates) for item in items]


def _extract_one(
    extractor: Extractor, item: Item, date_text: str | None, source: str | None, lang: str | None, candidates: bool
) -> Result:
    name = item.name if isinstance(item, Text) else str(Path(item))
    try:
        if isinstance(item, Text):
            document = extractor.extract(item.text, item.name, date_text=date_text, source=source, lang=lang)
        else:
            document = extractor.read(item, date_text=date_text, source=source, lang=lang)
        found = extractor.candidates(document) if candidates else []
    except InputError as error:
        return Result(name, error=str(error))
    except MemoryError:
        return Result(name, error=f"{name}: out of memory while reading it")
    except Exception as error:  # one document's failure must not lose the others
        if os.environ.get("GEO_DEBUG", "") not in ("", "0"):
            raise  # the traceback, as the command shows it with GEO_DEBUG=1
        message = " ".join(str(error).split())[:300]
        return Result(name, error=f"{name}: internal error: {type(error).__name__}: {message} — please report this")
    return Result(name, document, found)


# --- a whole corpus ---------------------------------------------------------------------------
def parse_jobs(value: str | int, option: str = "--jobs") -> int:
    """The number of worker processes ``value`` asks for: a whole number from 1 to
    :data:`MAX_JOBS`, or ``0`` or ``auto`` for one per CPU this process may use.

    Examples
    --------
    >>> parse_jobs("2")
    2
    >>> parse_jobs("auto") == parse_jobs(0) >= 1
    True
    >>> parse_jobs("-3")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --jobs '-3': out of range; give a whole number from 1 to 256, or 0 or auto for one per CPU
    """
    from .._input import whole_number

    if isinstance(value, str) and value.strip().lower() == "auto":
        jobs = 0
    else:
        jobs = whole_number(
            value,
            option,
            low=0,
            high=MAX_JOBS,
            hint=f"give a whole number from 1 to {MAX_JOBS}, or 0 or auto for one per CPU",
        )
    return jobs or _cpu_count()


def _cpu_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def iter_corpus(
    items: Iterable[Item],
    *,
    jobs: int = 1,
    client: Any = None,
    partition_size: int | None = None,
    start_method: str | None = None,
    date_text: str | None = None,
    source: str | None = None,
    lang: str | None = None,
    candidates: bool = False,
    gazetteer: str | Path | None = None,
    seeds: str | Path | None = None,
    osm: bool = True,
) -> Iterator[Result]:
    """Extract every document of ``items``; yield one :class:`Result` per item, in order.

    With ``client`` (a :class:`distributed.Client`, or a scheduler address such as
    ``tcp://10.0.0.5:8786`` or ``local:2``, see :func:`connect`) the partitions run on
    the Dask cluster; else with ``jobs`` greater than 1 on that many worker processes of
    this machine (0: one per CPU, :func:`parse_jobs`); else here. Results come in input
    order whatever order the workers finish in, each as soon as it and those before it
    are done, with a bounded number of partitions in flight. ``partition_size`` is the number of documents per task
    (default: chosen from the number of documents and workers). ``start_method`` is how
    the pool starts its processes (``fork``, ``forkserver`` or ``spawn``; default:
    ``fork`` where it is safe, see below). The other options are those of
    :func:`extract_partition`.

    The pool's workers started by ``fork`` inherit the extractor this process loaded
    and start at once; this is the default on Linux with Python before 3.12 when this
    process runs no other thread (3.12 warns on any fork of a threaded process). Else
    ``forkserver`` (or ``spawn``) is used and each worker loads the gazetteer once, when
    it starts.

    Examples
    --------
    >>> texts = [Text(f"{i}.txt", f"ISGS attacked {place}.") for i, place in enumerate(["Tamalat", "Ménaka"])]
    >>> [r.records(["place"])[0]["place"] for r in iter_corpus(texts)]
    ['ml-tamalat', 'ml-menaka']
    """
    options: dict[str, Any] = {
        "date_text": date_text,
        "source": source,
        "lang": lang,
        "candidates": candidates,
        "gazetteer": None if gazetteer is None else os.path.abspath(gazetteer),
        "seeds": None if seeds is None else os.path.abspath(seeds),
        "osm": osm,
    }
    documents: _Part = list(items)
    jobs = parse_jobs(jobs, "jobs")
    if partition_size is not None and partition_size < 1:
        raise InputError(f"partition_size {partition_size}: give a whole number of documents, 1 or more")
    if client is not None:
        if isinstance(client, str):
            with connect(client) as connected:
                yield from _on_dask(documents, connected, partition_size, options)
        else:
            yield from _on_dask(documents, client, partition_size, options)
    elif jobs > 1 and len(documents) > 1:
        yield from _on_pool(documents, jobs, partition_size, options, start_method)
    else:
        for item in map(_stdin, documents):
            if isinstance(item, _Failed):
                yield Result(item.name, error=item.error)
            else:
                yield from extract_partition([item], **options)


def extract_corpus(items: Iterable[Item], **options: Any) -> list[Result]:
    """:func:`iter_corpus` as a list: every document's :class:`Result`, in input order.

    Examples
    --------
    >>> results = extract_corpus([Text("a.txt", "Les FAMa sont entrées à Ménaka.")], lang="fr")
    >>> [(m["kind"], m["text"]) for m in results[0].records()]
    [('actor', 'FAMa'), ('place', 'Ménaka')]
    """
    return list(iter_corpus(items, **options))


def _stdin(item: Item | _Failed) -> Item | _Failed:
    """Standard input is read here, by the process that has it."""
    if isinstance(item, Text | _Failed) or str(item) != "-":
        return item
    from .._input import read_text

    try:
        return Text("<stdin>", read_text("-", what="text document"))
    except InputError as error:
        return _Failed("<stdin>", str(error))


def _partition_size(count: int, workers: int, requested: int | None) -> int:
    """Documents per task: about eight tasks per worker, so that a slow document does not
    leave the others idle, and no more than 16 per task, so that results stream."""
    if requested:
        return requested
    return max(1, min(16, math.ceil(count / (workers * 8))))


def _partitions(items: _Part, size: int) -> Iterator[_Part]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _in_order(
    parts: Iterator[_Part],
    submit: Callable[[_Part], Future | None],
    ahead: int,
    rescue: Callable[[list[Item], BaseException], list[Result]],
) -> Iterator[Result]:
    """Run ``submit`` on up to ``ahead`` partitions at once and yield their results in
    order; the documents of a partition whose task failed as a whole (its worker died)
    go to ``rescue``, and the others go on."""
    pending: deque[tuple[_Part, Any]] = deque()

    def more() -> None:
        part = next(parts, None)
        if part is None:
            return
        try:
            pending.append((part, submit(part)))
        except Exception as error:
            pending.append((part, error))

    for _ in range(ahead):
        more()
    while pending:
        part, task = pending.popleft()
        failures = {i: item for i, item in enumerate(part) if isinstance(item, _Failed)}
        sent = [item for item in part if not isinstance(item, _Failed)]
        if isinstance(task, BaseException):
            results = rescue(sent, task)
        elif task is None:
            results = []
        else:
            try:
                results = task.result()
            except Exception as error:
                results = rescue(sent, error)
        more()
        it = iter(results)
        for i in range(len(part)):
            failed = failures.get(i)
            yield Result(failed.name, error=failed.error) if failed else next(it)


def _lost(item: Item | _Failed, error: BaseException, lost: str) -> Result:
    name = item.name if isinstance(item, Text | _Failed) else str(Path(item))
    message = " ".join(str(error).split())[:300] or type(error).__name__
    return Result(name, error=f"{name}: {lost}: {message}")


def _on_pool(
    items: _Part, jobs: int, size: int | None, options: dict[str, Any], start_method: str | None
) -> Iterator[Result]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    items = [_stdin(item) for item in items]
    jobs = min(jobs, len(items))
    # Loaded here first: a bad gazetteer or records folder is one error, not one per
    # worker, and workers started by fork inherit the loaded extractor.
    load_extractor(gazetteer=options["gazetteer"], seeds=options["seeds"], osm=options["osm"])
    context = _context(start_method)

    def start(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options,))

    pools = [start(jobs)]

    def submit(part: _Part) -> Future | None:
        sendable = [item for item in part if not isinstance(item, _Failed)]
        if not sendable:
            return None
        try:
            return pools[-1].submit(extract_partition, sendable, **options)
        except BrokenProcessPool:  # a worker died: the rest goes to a new pool
            pools[-1].shutdown(wait=False, cancel_futures=True)
            pools.append(start(jobs))
            return pools[-1].submit(extract_partition, sendable, **options)

    def rescue(sent: list[Item], error: BaseException) -> list[Result]:
        """A worker died while this partition was in flight (not necessarily because of
        it): each of its documents again, alone in a pool of its own, so that only the
        document that kills its worker is lost."""
        if not isinstance(error, BrokenProcessPool):
            return [_lost(item, error, "the worker process failed") for item in sent]
        results = []
        for item in sent:
            solo = start(1)
            try:
                results.extend(solo.submit(extract_partition, [item], **options).result())
            except BrokenProcessPool as again:
                results.append(_lost(item, again, "the worker process reading it stopped"))
            finally:
                solo.shutdown(wait=True, cancel_futures=True)
        return results

    try:
        parts = _partitions(items, _partition_size(len(items), jobs, size))
        yield from _in_order(parts, submit, ahead=2 * jobs, rescue=rescue)
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def _context(method: str | None):
    """The multiprocessing context of ``method``, or fork where it is safe (see
    :func:`iter_corpus`), else forkserver or spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if method is not None:
        if method not in methods:
            raise InputError(f"start method {method!r}: use one of {', '.join(methods)}")
        return multiprocessing.get_context(method)
    if "fork" in methods and sys.version_info < (3, 12) and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _start_worker(options: dict[str, Any]) -> None:
    """Initializer of the pool's workers: leave Ctrl-C to the parent (which stops the
    pool), and load the extractor once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_extractor(gazetteer=options["gazetteer"], seeds=options["seeds"], osm=options["osm"])


# --- Dask ---------------------------------------------------------------------------------------
def _distributed():
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError(
            f"running on a Dask cluster needs dask.distributed, which is not installed: {install_extra('cluster')}"
        ) from None
    return distributed


@contextlib.contextmanager
def connect(address: str, *, timeout: float = 10, option: str = "scheduler") -> Iterator[Any]:
    """A :class:`distributed.Client` for ``address``, closed on leaving the block.

    ``address`` is a scheduler's address (``tcp://10.0.0.5:8786``, ``10.0.0.5:8786``) or
    ``local:N``, which starts a cluster of N worker processes on this machine (one thread
    each, no dashboard) and stops it afterwards. Raises
    :class:`~geo.errors.MissingDependencyError` when dask.distributed is not installed and
    :class:`~geo.errors.InputError` when the address is not usable or the scheduler
    does not answer within ``timeout`` seconds; ``option`` names the address in messages.

    Examples
    --------
    >>> with connect("local:0"):
    ...     pass
    Traceback (most recent call last):
    ...
    geo.errors.InputError: scheduler 'local:0': give local:N with N from 1 to 64 worker processes
    """
    spec = address.strip()
    if spec.lower().startswith("local:"):
        count = spec[6:].strip()
        if not re.fullmatch(r"[0-9]{1,3}", count) or not 1 <= int(count) <= MAX_LOCAL_WORKERS:
            raise InputError(
                f"{option} {address!r}: give local:N with N from 1 to {MAX_LOCAL_WORKERS} worker processes"
            )
        distributed = _distributed()
        with (
            distributed.LocalCluster(
                n_workers=int(count), threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
        return
    if not spec or any(c.isspace() for c in spec):
        raise InputError(f"{option} {address!r}: give a scheduler's address such as tcp://10.0.0.5:8786, or local:N")
    distributed = _distributed()
    try:
        client = distributed.Client(spec, timeout=timeout)
    except (OSError, ValueError, TypeError) as error:
        message = " ".join(str(error).split())[:300]
        raise InputError(f"{option} {address!r}: cannot connect to a Dask scheduler: {message}") from None
    with client:
        yield client


def _on_dask(items: _Part, client: Any, size: int | None, options: dict[str, Any]) -> Iterator[Result]:
    _distributed()
    workers = max(1, sum(client.nthreads().values()))
    size = _partition_size(len(items), workers, size)

    def texts(part: _Part) -> _Part:
        # read here: the workers need not see the files (the same reader, the same messages)
        return [_read(item) for item in part]

    def submit(part: _Part) -> Future | None:
        sendable = [item for item in part if not isinstance(item, _Failed)]
        if not sendable:
            return None
        [data] = client.scatter([sendable])  # sent as data, not inside the task graph
        return client.submit(extract_partition, data, pure=False, **options)

    parts = (texts(part) for part in _partitions(items, size))

    def rescue(sent: list[Item], error: BaseException) -> list[Result]:
        # Dask has already retried the task on other workers (distributed.scheduler.allowed-failures)
        return [_lost(item, error, "the Dask task failed") for item in sent]

    yield from _in_order(parts, submit, ahead=2 * workers, rescue=rescue)


def _read(item: Item | _Failed) -> Item | _Failed:
    if isinstance(item, Text | _Failed):
        return item
    if str(item) == "-":
        return _stdin(item)
    from .._input import read_text

    try:
        return Text(str(Path(item)), read_text(item, what="text document"))
    except InputError as error:
        return _Failed(str(Path(item)), str(error))
