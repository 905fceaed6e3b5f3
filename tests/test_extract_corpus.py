"""Extraction beyond one process: ``geo extract --jobs N``, and the same work on a Dask cluster.

The contract under test: the output is the same as the single-process run, in the same
order, and a document that cannot be read is named without losing the others.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.errors import InputError, MissingDependencyError
from geo.extract import corpus
from geo.extract.corpus import Text, extract_corpus, extract_partition

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SHORT = {
    "gao.txt": "GAO, 12 May 2022 — JNIM fighters ambushed a FAMa convoy near Ansongo on 10 May, killing 12 soldiers.",
    "menaka.txt": "On 8 March 2022 the ISGS attacked Tamalat and Inchinane, killing at least 30 civilians.",
    "fr.txt": "Le 3 juin 2022, des hommes armés du GSIM ont attaqué le village de Boulkessi, tuant 11 soldats.",
    "nothing.txt": "No place, no actor and no date here.",
    "kidal.txt": "The CMA said it controlled Kidal and Aguelhok since late March 2022; dozens were displaced.",
}


@pytest.fixture
def documents(tmp_path: Path) -> list[str]:
    """Eight documents: the two worked examples, five short texts, and one that is not UTF-8
    in the middle (its failure must not lose the others)."""
    paths = [str(EXAMPLES / "article-en.txt"), str(EXAMPLES / "article-fr.txt")]
    for name, text in SHORT.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    (tmp_path / "latin.txt").write_bytes("Ségou".encode("latin-1"))
    paths.insert(4, str(tmp_path / "latin.txt"))
    return paths


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["extract", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def summary(err: str) -> list[str]:
    """The per-document lines of stderr (progress and errors), without the line that says
    where the work ran."""
    return [line for line in err.splitlines() if " on " not in line or line.startswith("[")]


def as_tuples(results: list[corpus.Result]) -> list[tuple]:
    """What a result says, comparably: name, error, every mention and every candidate row."""
    found = []
    for result in results:
        document = result.document
        rows = [c.to_row(document.text) for c in result.candidates] if document else []
        meta = (document.name, document.source, document.lang, str(document.date)) if document else None
        found.append((result.name, result.error, meta, result.records(), rows))
    return found


# --- the process pool ---------------------------------------------------------------------------
def test_jobs_2_writes_what_jobs_1_writes(documents, tmp_path, capsys):
    common = ["--date", "2022-06-20"]
    one = run_cli(capsys, *documents, "--json", *common)
    two = run_cli(capsys, *documents, "--json", "--jobs", "2", *common)
    assert one[0] == two[0] == 1  # one file is not UTF-8
    assert two[1] == one[1]
    lines = [json.loads(line) for line in one[1].splitlines()]
    assert [line["doc"] for line in lines][:1] == [documents[0]]
    docs_in_order = list(dict.fromkeys(line["doc"] for line in lines))
    assert docs_in_order == [d for d in documents if not d.endswith(("latin.txt", "nothing.txt"))]
    assert {"place": "ml-tamalat"}.items() <= next(x for x in lines if x["text"] == "Tamalat").items()
    assert summary(two[2]) == summary(one[2])
    assert "geo extract: 8 file(s) on 2 processes" in two[2]
    assert f"{documents[4]}: byte 1 is not UTF-8" in two[2]
    assert "1 of 8 file(s) could not be read" in two[2]


def test_jobs_keeps_tables_candidates_and_review_page(documents, tmp_path, capsys):
    outputs = {}
    for jobs in ("1", "2"):
        csv_path, html_path = tmp_path / f"c{jobs}.csv", tmp_path / f"r{jobs}.html"
        status, out, _ = run_cli(
            capsys, *documents, "--jobs", jobs, "--candidates", str(csv_path), "--html", str(html_path)
        )
        outputs[jobs] = (
            status,
            out,
            csv_path.read_bytes(),
            html_path.read_bytes().replace(html_path.name.encode(), b""),
        )
    assert outputs["1"] == outputs["2"]
    assert "# " + documents[1] in outputs["2"][1]
    with (tmp_path / "c2.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    places = [(row["doc"], row["place"]) for row in rows if row["record"] == "incident"]
    assert (documents[3], "ml-tamalat") in places and (documents[3], "ml-inchinane") in places


def test_jobs_auto_and_usage_errors(documents, capsys):
    status, out, err = run_cli(capsys, documents[5], documents[6], "--json", "--jobs", "auto")
    assert status == 0 and out.count('"kind"') > 0
    assert run_cli(capsys, documents[5], "--jobs", "many")[2].endswith(
        "--jobs 'many': not a whole number; give a whole number from 1 to 256, or 0 or auto for one per CPU\n"
    )
    status, _, err = run_cli(capsys, documents[5], "--jobs", "1000")
    assert status == 2 and "--jobs '1000': out of range" in err
    with pytest.raises(SystemExit) as done:
        main(["extract", documents[5], "--jobs", "2", "--scheduler", "local:2"])
    assert done.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_library_pool_in_order_with_one_document_per_task(documents):
    here = extract_corpus(documents, candidates=True, date_text="2022-06-20")
    pool = extract_corpus(documents, candidates=True, date_text="2022-06-20", jobs=2, partition_size=1)
    assert as_tuples(pool) == as_tuples(here)
    assert [r.name for r in pool] == [str(Path(d)) for d in documents]
    assert [r.ok for r in pool] == [True, True, True, True, False, True, True, True]
    assert pool[4].error.startswith(f"{documents[4]}: byte 1 is not UTF-8")


def test_spawned_workers_load_the_installed_data(documents):
    """Workers that inherit nothing (spawn) load the bundled gazetteer themselves."""
    here = extract_corpus(documents[:4])
    spawned = extract_corpus(documents[:4], jobs=2, partition_size=1, start_method="spawn")
    assert as_tuples(spawned) == as_tuples(here)
    with pytest.raises(InputError, match="start method 'thread': use one of"):
        extract_corpus(documents[:2], jobs=2, start_method="thread")


def test_partition_mixes_texts_paths_and_failures(documents, monkeypatch):
    texts = [
        Text("a.txt", "ISGS fighters attacked Tamalat."),
        documents[3],
        str(Path(documents[3]).parent / "none.txt"),
    ]
    results = extract_partition(texts)
    assert [m["place"] for m in results[0].records(["place"])] == ["ml-tamalat"]
    assert results[1].document.source == "doc-menaka"
    assert results[2].error.endswith("none.txt: no such file; give the path of the text document")

    from geo.extract.extractor import Extractor

    real = Extractor.extract

    def broken(self, text, name, **options):
        if "Tamalat" in text:
            raise ZeroDivisionError("division by zero")
        return real(self, text, name, **options)

    monkeypatch.setattr(Extractor, "extract", broken)
    results = extract_partition([Text("a.txt", "ISGS fighters attacked Tamalat."), Text("b.txt", "Gao.")])
    assert results[0].error == "a.txt: internal error: ZeroDivisionError: division by zero — please report this"
    assert results[1].records(["place"])[0]["place"] == "ml-gao"


def test_a_worker_that_dies_loses_only_its_document(documents, monkeypatch):
    """A worker killed mid-task (here: os._exit, as the OOM killer would) breaks the pool;
    the documents in flight are read again one by one, so only the one that kills its
    worker is lost, named, and the others' output is the same as in one process."""
    import os

    from geo.extract.extractor import Extractor

    here = extract_corpus(documents)
    real = Extractor.extract

    def dying(self, text, name, **options):
        if "Tamalat" in text and name.endswith("menaka.txt"):
            os._exit(3)
        return real(self, text, name, **options)

    monkeypatch.setattr(Extractor, "extract", dying)  # forked workers inherit it
    results = extract_corpus(documents, jobs=2, partition_size=2, start_method="fork")
    assert results[3].error.startswith(f"{documents[3]}: the worker process reading it stopped: ")
    assert as_tuples(results[:3] + results[4:]) == as_tuples(here[:3] + here[4:])


def test_one_extractor_per_process_reloaded_when_its_folder_changes(tmp_path):
    assert corpus.load_extractor() is corpus.load_extractor()
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = corpus.load_extractor(seeds=seeds)
    assert corpus.load_extractor(seeds=str(seeds)) is first
    (seeds / "sources.csv").write_text("id,title\n", encoding="utf-8")
    assert corpus.load_extractor(seeds=seeds) is not first


# --- Dask ----------------------------------------------------------------------------------------
def test_missing_dask_says_what_to_install(documents, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    status, _, err = run_cli(capsys, documents[5], "--scheduler", "local:2")
    assert status == 1
    assert err == (
        "geo extract: error: running on a Dask cluster needs dask.distributed, which is not installed: "
        "pip install 'sahel-atlas[cluster]'\n"
    )
    with pytest.raises(MissingDependencyError, match=r"sahel-atlas\[cluster\]"):
        extract_corpus([documents[5]], client="tcp://127.0.0.1:8786")
    with pytest.raises(ImportError):  # also an ImportError, as other libraries raise
        extract_corpus([documents[5]], client="local:1")


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("local:0", "--scheduler 'local:0': give local:N with N from 1 to 64 worker processes"),
        ("local:two", "--scheduler 'local:two': give local:N"),
        ("tcp://a b", "--scheduler 'tcp://a b': give a scheduler's address such as tcp://10.0.0.5:8786, or local:N"),
    ],
)
def test_bad_scheduler_address(documents, capsys, address, message):
    status, _, err = run_cli(capsys, documents[5], "--scheduler", address)
    assert status == 2 and message in err


def test_local_dask_cluster_gives_the_same_output_in_order(documents, capsys):
    distributed = pytest.importorskip("distributed")
    here = extract_corpus(documents, candidates=True, date_text="2022-06-20")
    status_one, out_one, _ = run_cli(capsys, *documents, "--json", "--date", "2022-06-20")
    with (
        distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.nthreads()) == 2
        on_dask = extract_corpus(documents, client=client, partition_size=2, candidates=True, date_text="2022-06-20")
        # the command line, through the scheduler's address (a second client)
        status, out, err = run_cli(
            capsys, *documents, "--json", "--date", "2022-06-20", "--scheduler", cluster.scheduler_address
        )
    assert as_tuples(on_dask) == as_tuples(here)
    assert [r.ok for r in on_dask] == [True, True, True, True, False, True, True, True]
    assert (status, out) == (status_one, out_one)
    assert f"on the Dask cluster at {cluster.scheduler_address} (2 worker thread(s))" in err
    assert f"{documents[4]}: byte 1 is not UTF-8" in err


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
