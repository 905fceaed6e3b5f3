"""A corpus on a Dask cluster (optional: ``pip install 'sahel-atlas[cluster]'``): the
connection to a scheduler or a local cluster, and the partitions sent to it as data."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ...errors import InputError, MissingDependencyError, install_extra
from .reading import Failed, read_item
from .schedule import Part, in_order, lost, partition_size, partitions
from .work import Item, Result, extract_partition

if TYPE_CHECKING:
    from types import ModuleType

    from distributed import Client
    from distributed import Future as DaskFuture

MAX_LOCAL_WORKERS = 64


def _distributed() -> ModuleType:
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError(
            f"running on a Dask cluster needs dask.distributed, which is not installed: {install_extra('cluster')}"
        ) from None
    return distributed


@contextlib.contextmanager
def connect(address: str, *, timeout: float = 10, option: str = "scheduler") -> Iterator[Client]:
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


def on_dask(items: Part, client: Client, size: int | None, options: dict[str, Any]) -> Iterator[Result]:
    """The results of ``items`` extracted on the Dask cluster of ``client``, in input order
    (:func:`geo.extract.corpus.iter_corpus` with ``client``)."""
    _distributed()
    workers = max(1, sum(client.nthreads().values()))
    size = partition_size(len(items), workers, size)

    def texts(part: Part) -> Part:
        # read here: the workers need not see the files (the same reader, the same messages)
        return [read_item(item) for item in part]

    def submit(part: Part) -> DaskFuture[list[Result]] | None:
        sendable = [item for item in part if not isinstance(item, Failed)]
        if not sendable:
            return None
        [data] = client.scatter([sendable])  # sent as data, not inside the task graph
        return client.submit(extract_partition, data, pure=False, **options)

    parts = (texts(part) for part in partitions(items, size))

    def rescue(sent: list[Item], error: BaseException) -> list[Result]:
        # Dask has already retried the task on other workers (distributed.scheduler.allowed-failures)
        return [lost(item, error, "the Dask task failed") for item in sent]

    yield from in_order(parts, submit, ahead=2 * workers, rescue=rescue)
