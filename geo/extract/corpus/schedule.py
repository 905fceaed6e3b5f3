"""Scheduling a corpus: its partitions, and their results yielded in input order with a
bounded number of partitions in flight, whichever executor (a process pool, a Dask
cluster) runs them."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

from .reading import Failed
from .work import Item, Result, Text

Part = list[Item | Failed]  # a partition as the client holds it


class Task(Protocol):
    """A partition in flight: a :class:`concurrent.futures.Future` of a process pool, or a
    ``distributed.Future`` of a Dask cluster."""

    def result(self) -> list[Result]: ...


def partition_size(count: int, workers: int, requested: int | None) -> int:
    """Documents per task: about eight tasks per worker, so that a slow document does not
    leave the others idle, and no more than 16 per task, so that results stream.

    Examples
    --------
    >>> partition_size(400, 2, None), partition_size(10, 4, None), partition_size(10, 4, 3)
    (16, 1, 3)
    """
    if requested:
        return requested
    return max(1, min(16, math.ceil(count / (workers * 8))))


def partitions(items: Part, size: int) -> Iterator[Part]:
    """``items`` cut into consecutive partitions of ``size`` (the last may be shorter).

    Examples
    --------
    >>> list(partitions(["a", "b", "c"], 2))
    [['a', 'b'], ['c']]
    """
    for start in range(0, len(items), size):
        yield items[start : start + size]


def in_order(
    parts: Iterator[Part],
    submit: Callable[[Part], Task | None],
    ahead: int,
    rescue: Callable[[list[Item], BaseException], list[Result]],
) -> Iterator[Result]:
    """Run ``submit`` on up to ``ahead`` partitions at once and yield their results in
    order; the documents of a partition whose task failed as a whole (its worker died)
    go to ``rescue``, and the others go on."""
    pending: deque[tuple[Part, Task | BaseException | None]] = deque()

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
        failures = {i: item for i, item in enumerate(part) if isinstance(item, Failed)}
        sent = [item for item in part if not isinstance(item, Failed)]
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


def lost(item: Item | Failed, error: BaseException, lost: str) -> Result:
    """The :class:`Result` of a document lost with its task (``lost`` says how).

    Examples
    --------
    >>> lost("a.txt", RuntimeError("killed"), "the worker process failed").error
    'a.txt: the worker process failed: killed'
    """
    name = item.name if isinstance(item, Text | Failed) else str(Path(item))
    message = " ".join(str(error).split())[:300] or type(error).__name__
    return Result(name, error=f"{name}: {lost}: {message}")
