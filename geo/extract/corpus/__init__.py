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

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import InputError
from .cluster import MAX_LOCAL_WORKERS as MAX_LOCAL_WORKERS
from .cluster import connect, on_dask
from .pool import MAX_JOBS, on_pool, parse_jobs
from .reading import Failed, read_stdin
from .schedule import Part
from .work import Item, Result, Text, extract_partition, load_extractor

if TYPE_CHECKING:
    from distributed import Client

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


def iter_corpus(
    items: Iterable[Item],
    *,
    jobs: int = 1,
    client: Client | None = None,
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
    documents: Part = list(items)
    jobs = parse_jobs(jobs, "jobs")
    if partition_size is not None and partition_size < 1:
        raise InputError(f"partition_size {partition_size}: give a whole number of documents, 1 or more")
    if client is not None:
        if isinstance(client, str):
            with connect(client) as connected:
                yield from on_dask(documents, connected, partition_size, options)
        else:
            yield from on_dask(documents, client, partition_size, options)
    elif jobs > 1 and len(documents) > 1:
        yield from on_pool(documents, jobs, partition_size, options, start_method)
    else:
        for item in map(read_stdin, documents):
            if isinstance(item, Failed):
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
