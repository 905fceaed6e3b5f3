"""``geo extract``: find places, actors, dates and tolls in documents; propose records."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._options import DATE, JSON_LINES, SEEDS, SOURCE, add_gazetteer_options
from ._output import print_table, warn, write_csv, write_json_line

if TYPE_CHECKING:
    from ..extract import Candidate, Document, Mention
    from ..extract.corpus import Result

KINDS = ("place", "actor", "date", "count")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Reads UTF-8 text files (news articles, reports) and finds, with character offsets:
place names resolved through the gazetteer (any spelling; not people's or organisations'
names), actors by any alias of actors.csv, dates resolved to EDTF against the document's
date, and numbers of killed, wounded, displaced and kidnapped people with their
qualifiers, in English or French (--lang, else detected per document). Offsets are
Python string indices into the text read as UTF-8, end exclusive.

--json writes JSON Lines, one object per mention: doc, start, end, text, kind, and the
resolution (place, name, lat, lon, status, candidates | actor | date, earliest, latest |
what, low, high, qualifier). Without it, a table per document.

--candidates proposes incident and claim rows in the seeds' schema from mentions that
share a sentence, each marked "candidate" with its sentence's offsets and the document as
source, for a curator to accept, edit or reject. --html writes a review page: the text
with mentions highlighted, the candidates, and a map of the places (offline).

Nothing is downloaded: the gazetteer and actor list are the bundled ones (or --gazetteer
and --seeds).

--jobs N reads the files on N processes of this machine (0 or auto: one per CPU);
--scheduler ADDRESS on a Dask cluster (tcp://HOST:8786, or local:N to start N workers
here; needs pip install 'sahel-atlas[cluster]'). The output is the same as with one
process, in the same order.

examples:
  geo extract article.txt
  geo extract article.txt --json > mentions.jsonl
  geo extract article.txt --date 2022-06-20 --candidates candidates.csv --html review.html
  geo extract texts/*.txt --kinds place --json
  geo extract examples/article-fr.txt --lang fr --candidates out.csv
  geo extract texts/*.txt --jobs auto --json > mentions.jsonl
  geo extract texts/*.txt --scheduler tcp://10.0.0.5:8786 --json > mentions.jsonl"""
    parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files ('-' reads standard input)")
    output = parser.add_mutually_exclusive_group()
    JSON_LINES.add(output, each="mention")
    output.add_argument("--quiet", action="store_true", help="write no mentions (with --candidates or --html)")
    parser.add_argument(
        "--kinds",
        metavar="KIND,...",
        help=f"only these kinds of mention in the output: {', '.join(KINDS)} (default: all)",
    )
    DATE.add(
        parser,
        each="the documents' date, against which relative dates are resolved",
        note="default: the date a text states, or its entry in sources.csv",
    )
    SOURCE.add(
        parser,
        each="candidate records",
        note="one FILE only; default: the bundled source that names the file, else doc-<file name>",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "fr"),
        help="the documents' language (default: detected per document from its function words)",
    )
    parser.add_argument("--candidates", metavar="OUT.csv", type=str, help="write candidate incident and claim rows")
    parser.add_argument("--html", metavar="OUT.html", type=str, help="write a self-contained review page")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--jobs",
        metavar="N",
        default="1",
        help="read the files on N processes of this machine; 0 or auto: one per CPU (default: 1)",
    )
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="read the files on a Dask cluster: its scheduler's address (tcp://HOST:8786), or local:N to start N "
        "worker processes here (needs pip install 'sahel-atlas[cluster]')",
    )
    add_gazetteer_options(parser)
    SEEDS.add(parser)


def run(args: argparse.Namespace) -> int:
    from .. import schema
    from .._io import check_output, write_atomically
    from ..errors import InputError
    from ..extract import corpus
    from ..seeds import Seeds

    kinds = _kinds(args.kinds)
    jobs = corpus.parse_jobs(args.jobs)
    if args.source and len(args.files) > 1:
        raise InputError("--source names one document; give one FILE, or leave --source out")
    DATE.value(args)  # a bad --date is a usage error before any file is read
    inputs = [("document", name) for name in args.files if name != "-"]
    inputs += [("records file", p) for p in Seeds.paths(args.seeds).values()]
    args.candidates = check_output(args.candidates, option="--candidates", inputs=inputs)
    args.html = check_output(args.html, option="--html", inputs=inputs, outputs=[("--candidates", args.candidates)])
    setup = {"gazetteer": args.gazetteer, "seeds": args.seeds, "osm": args.osm}
    extractor = corpus.load_extractor(**setup)  # here too: a bad folder is one error, and --html needs it
    keep = bool(args.candidates or args.html)
    with _where(args, jobs, len(args.files)) as client:
        results = corpus.iter_corpus(
            args.files,
            jobs=jobs,
            client=client,
            date_text=args.date,
            source=args.source,
            lang=args.lang,
            candidates=keep,
            **setup,
        )
        documents, candidates, failed = _write(results, args, kinds, keep)
    if args.candidates and documents:
        texts = {d.name: d.text for d in documents}
        rows = [c.to_row(texts[c.doc]) for c in candidates]

        # formula cells start with ' (geo._io.spreadsheet_safe), which the records reader removes
        write_atomically(args.candidates, lambda handle: write_csv(rows, list(schema.CANDIDATE_COLUMNS), handle))
        warn(f"geo extract: {len(rows)} candidate record(s) written to {args.candidates}")
    if args.html and documents:
        from ..extract.review import review_page
        from ..render.page import write_html

        title = documents[0].name if len(documents) == 1 else f"{len(documents)} documents"
        page = review_page(
            documents, candidates, gazetteer=extractor.gazetteer, title=f"Review: {title}", seeds=extractor.seeds
        )
        write_html(page, args.html)
        warn(f"geo extract: review page written to {args.html}")
    if failed:
        warn(f"geo extract: {failed} of {len(args.files)} file(s) could not be read")
        return 1
    return 0


@contextlib.contextmanager
def _where(args: argparse.Namespace, jobs: int, files: int) -> Iterator[Any]:
    """The Dask client of ``--scheduler`` (None without it), with a line on stderr
    saying where the files are read when it is not here."""
    from ..extract import corpus

    if not args.scheduler:
        if jobs > 1 and files > 1:
            warn(f"geo extract: {files} file(s) on {min(jobs, files)} processes")
        yield None
        return
    with corpus.connect(args.scheduler, option="--scheduler") as client:
        workers = sum(client.nthreads().values())
        warn(f"geo extract: {files} file(s) on the Dask cluster at {args.scheduler} ({workers} worker thread(s))")
        yield client


def _write(
    results: Iterable[Result], args: argparse.Namespace, kinds: set[str], keep: bool
) -> tuple[list[Document], list[Candidate], int]:
    """Write each result as it comes (in input order); keep the documents and candidates
    when --candidates or --html need them. Returns them and the number of failures."""
    documents: list[Document] = []
    candidates: list[Candidate] = []
    failed = 0
    total = len(args.files)
    for number, result in enumerate(results, 1):
        if result.document is None:
            warn(f"geo extract: {result.error}")
            failed += 1
            continue
        document = result.document
        if keep:
            documents.append(document)
            candidates.extend(result.candidates)
        _summary(document, result.candidates, number, total)
        shown = [m for m in document.mentions if m.kind in kinds]
        if args.json:
            for mention in shown:
                write_json_line(mention.to_dict())
        elif not args.quiet:
            _table(document, shown)
    return documents, candidates, failed


def _kinds(value: str | None) -> set[str]:
    from ..errors import InputError

    if not value:
        return set(KINDS)
    kinds = {k.strip() for k in value.split(",") if k.strip()}
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise InputError(f"--kinds: unknown kind(s) {', '.join(unknown)}; use {', '.join(KINDS)}")
    return kinds


def _summary(document: Document, candidates: list[Candidate], number: int, total: int) -> None:
    counts = {kind: len(document.of_kind(kind)) for kind in KINDS}
    resolved = sum(1 for m in document.of_kind("place") if m.get("place"))
    prefix = f"[{number}/{total}] " if total > 1 else ""
    warn(
        f"{prefix}{document.name}: {counts['place']} place mention(s) ({resolved} resolved), "
        f"{counts['actor']} actor(s), {counts['date']} date(s), {counts['count']} count(s)"
        + (f", {len(candidates)} candidate record(s)" if candidates else "")
    )


def _table(document: Document, mentions: list[Mention]) -> None:
    lines = []
    for m in mentions:
        if m.kind == "place":
            if m.get("place"):
                what = f"{m.get('place')} ({m.get('name')}, {m.get('lat')}, {m.get('lon')})"
            else:
                others = ", ".join(c["id"] for c in m.get("candidates") or [])
                what = f"{m.get('status')}" + (f": {others}" if others else "")
        elif m.kind == "actor":
            what = f"{m.get('actor')} ({m.get('name')})"
        elif m.kind == "date":
            what = m.get("date") or f"unresolved: {m.get('reason', '')}"
        else:
            high = m.get("high")
            what = f"{m.get('what')}: {m.get('low')}-{'' if high is None else high} ({m.get('qualifier')})"
        lines.append([f"{m.start}-{m.end}", m.kind, " ".join(m.text.split()), what])
    when = document.date.text if document.date else "unknown"
    print(f"# {document.name} (source {document.source}, date {when}, language {document.lang})")
    print_table(["offsets", "kind", "text", "resolution"], lines, right=set())
