"""A corpus on a pool of processes of this machine (:class:`concurrent.futures.ProcessPoolExecutor`),
and the number of workers a user asks for (:func:`parse_jobs`)."""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

from ..._cores import usable_cores
from ...errors import InputError
from .reading import Failed, read_stdin
from .schedule import Part, in_order, lost, partition_size, partitions
from .work import Item, Result, extract_partition, load_extractor

if TYPE_CHECKING:
    from collections.abc import Iterator
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

MAX_JOBS = 256  # --jobs above this is a typo, not a machine


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
    from ..._input import whole_number

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
    return jobs or usable_cores()


def on_pool(
    items: Part, jobs: int, size: int | None, options: dict[str, Any], start_method: str | None
) -> Iterator[Result]:
    """The results of ``items`` extracted on ``jobs`` worker processes, in input order
    (:func:`geo.extract.corpus.iter_corpus` with ``jobs`` above 1)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    items = [read_stdin(item) for item in items]
    jobs = min(jobs, len(items))
    # Loaded here first: a bad gazetteer or records folder is one error, not one per
    # worker, and workers started by fork inherit the loaded extractor.
    load_extractor(gazetteer=options["gazetteer"], seeds=options["seeds"], osm=options["osm"])
    context = _context(start_method)

    def start(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options,))

    pools = [start(jobs)]

    def submit(part: Part) -> Future[list[Result]] | None:
        sendable = [item for item in part if not isinstance(item, Failed)]
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
            return [lost(item, error, "the worker process failed") for item in sent]
        results = []
        for item in sent:
            solo = start(1)
            try:
                results.extend(solo.submit(extract_partition, [item], **options).result())
            except BrokenProcessPool as again:
                results.append(lost(item, again, "the worker process reading it stopped"))
            finally:
                solo.shutdown(wait=True, cancel_futures=True)
        return results

    try:
        parts = partitions(items, partition_size(len(items), jobs, size))
        yield from in_order(parts, submit, ahead=2 * jobs, rescue=rescue)
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)


def _context(method: str | None) -> BaseContext:
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
    pool), let a SIGTERM end a worker as a plain process (a forked worker would inherit
    the ``geo`` program's handler, :func:`geo.cli.entry`), and load the extractor once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    load_extractor(gazetteer=options["gazetteer"], seeds=options["seeds"], osm=options["osm"])
