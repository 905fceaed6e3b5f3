"""A second process resolving place names for a big import (:mod:`geo.imports.lookup_helper`,
issue 18): the answers of the import's own rule, whatever becomes of that process."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from geo import Gazetteer
from geo.actors import ActorIndex
from geo.imports import acled_columns, job_place_columns, lookup_helper
from geo.imports.job_places import resolve_place
from geo.imports.lookup_helper import LookupHelper
from geo.seeds import Seeds

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="the helper process runs on POSIX systems"),
    # (a fork forced in pytest's process, which may run numpy's threads: the child only
    # resolves names; the program itself forks only when it runs no other thread)
    pytest.mark.filterwarnings("ignore:.*multi-threaded.*fork:DeprecationWarning"),
]
WAYS = ["forked", "spawned"] if sys.platform.startswith("linux") else ["spawned"]

KEYS = [
    ("Ménaka", "ML", "", ""),
    ("Menaka", "ML", "Menaka", "Menaka"),
    ("Tidermene", "ML", "Menaka", ""),
    ("Anderamboukane", "", "", ""),
    ("Gao", "ML", "", ""),
    ("Kidal", "", "", ""),
    ("Nowhere-on-earth", "ML", "", ""),
    ("=HYPERLINK(1)", "", "", ""),
    ("---", "NE", "", ""),
    ("Niamey", "NE", "Niamey", ""),
]


@pytest.fixture(scope="module")
def ready_gazetteer() -> Gazetteer:
    """The bundled gazetteer as read from its load-ready file (the helper loads it so)."""
    gazetteer = Gazetteer.load()
    if gazetteer.ready_file is None:
        gazetteer = Gazetteer.load(reload=True)
    if gazetteer.ready_file is None:
        pytest.skip("no load-ready file could be written here")
    return gazetteer


@pytest.fixture(params=WAYS)
def way(request, monkeypatch) -> str:
    """The helper a fork of this process, or a Python started anew (whichever this
    process could do: both are tested)."""
    monkeypatch.setattr(lookup_helper, "can_fork", lambda: request.param == "forked")
    return request.param


def started(monkeypatch) -> list[LookupHelper | None]:
    """Record each helper started (``None``: it could not be)."""
    helpers: list[LookupHelper | None] = []
    real = LookupHelper.start

    def recorded(gazetteer, **options):
        helper = real(gazetteer, **options)
        helpers.append(helper)
        return helper

    monkeypatch.setattr(LookupHelper, "start", staticmethod(recorded))
    return helpers


def test_the_helper_answers_what_the_import_resolves_itself(ready_gazetteer, way):
    helper = LookupHelper.start(ready_gazetteer)
    assert helper is not None and (way == "forked") == isinstance(helper._process, lookup_helper._Forked)
    try:
        helper.ask(KEYS)
        answers = helper.answers()
        helper.ask(KEYS[:2])  # asked again: the same process answers
        again = helper.answers()
    finally:
        helper.stop()
    assert answers == {key: resolve_place(ready_gazetteer, *key) for key in KEYS}
    assert again == {key: answers[key] for key in KEYS[:2]}
    assert answers[("Ménaka", "ML", "", "")].places[0][0] == "ml-menaka"
    assert answers[("Kidal", "", "", "")].ambiguous or answers[("Kidal", "", "", "")].places


def test_a_helper_that_stopped_answers_nothing(ready_gazetteer, way):
    helper = LookupHelper.start(ready_gazetteer)
    assert helper is not None
    os.kill(helper._process.pid, signal.SIGKILL)
    helper._process.wait()
    helper.ask(KEYS)
    assert helper.poll() is None and helper.answers() is None
    helper.stop()


def test_garbage_from_a_helper_is_no_answer_and_no_wait():
    """A process that writes something else than an answer (an impossible length, then
    stays alive): the answers are refused at once, not waited for."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.stdout.buffer.write(b'\\xff' * 8); sys.stdout.flush(); time.sleep(60)",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    helper = LookupHelper(process)
    try:
        helper.ask(KEYS)
        assert helper.answers() is None
        assert process.poll() is None  # (refused while the process still runs: not read to its end)
    finally:
        helper.stop()
    assert process.returncode is not None


def test_no_helper_started_without_a_gazetteer_to_load_again_or_a_python_to_run(ready_gazetteer, monkeypatch):
    monkeypatch.setattr(lookup_helper, "can_fork", lambda: False)
    made = Gazetteer(ready_gazetteer._store, [], ready_gazetteer.directory)  # (not loaded by Gazetteer.load)
    assert made.loaded_from is None and LookupHelper.start(made) is None
    assert LookupHelper.start(ready_gazetteer, spawn=False) is None  # (on two processors: a fork or none)
    monkeypatch.setattr(lookup_helper.sys, "executable", "/nonexistent/python")
    assert LookupHelper.start(ready_gazetteer) is None


def test_a_fork_answers_for_any_gazetteer_and_only_a_process_without_threads_forks(ready_gazetteer, monkeypatch):
    """A fork has the gazetteer already (one made in memory too); a process running
    another thread does not fork; a fork that fails is no helper."""
    import threading

    if not sys.platform.startswith("linux"):
        pytest.skip("the helper is forked on Linux only")
    made = Gazetteer(ready_gazetteer._store, [], ready_gazetteer.directory)
    monkeypatch.setattr(lookup_helper, "can_fork", lambda: True)
    helper = LookupHelper.start(made, spawn=False)
    assert helper is not None
    try:
        helper.ask(KEYS[:3])
        assert helper.answers() == {key: resolve_place(made, *key) for key in KEYS[:3]}
    finally:
        helper.stop()
    assert helper._process.returncode is not None
    monkeypatch.undo()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not lookup_helper.can_fork()
    finally:
        release.set()
        other.join()

    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(lookup_helper, "can_fork", lambda: True)
    monkeypatch.setattr(lookup_helper.os, "fork", no_fork)
    assert LookupHelper.start(made, spawn=False) is None


@pytest.mark.parametrize("fate", ["answers", "part", "late", "killed", "none"])
def test_an_import_helped_is_the_import_alone(fate, way, tmp_path, ready_gazetteer, monkeypatch):
    """The helper answering every name, answering the first names while this process
    resolves the last ones, answering too late (this process resolves them all), killed
    before it answers, or not started: the same bytes."""
    from test_import_columnar import QUIRKS, event, outputs, write_export

    actors = ActorIndex.from_table(Seeds.load().actors)
    places = ["Ménaka", "Gao", "Tidermene", "Anderamboukane", "Kidal", "Inekar", "Tessit", "Ansongo", "Nowhere"]
    rows = QUIRKS + [event(n, location=places[n % len(places)] + " " * (n % 3)) for n in range(40, 200)]
    rows += [event(n, location=f"Lieu {n}") for n in range(200, 240)]  # (more names than a piece of answers)
    export = write_export(tmp_path / "export.csv", rows)
    monkeypatch.setattr(acled_columns, "HELPED_BYTES", 1 << 62)
    alone = outputs(export, tmp_path / "alone", ready_gazetteer, actors, monkeypatch, columnar=True)
    helpers = started(monkeypatch)
    monkeypatch.setattr(acled_columns, "HELPED_BYTES", 0)
    monkeypatch.setattr(acled_columns, "usable_cores", lambda: acled_columns.SPAWNED_HELPER_CORES)
    monkeypatch.setattr(job_place_columns, "_HELPED_FROM", 2)
    real_poll = LookupHelper.poll
    if fate == "answers":  # (every key answered, waited for here)
        monkeypatch.setattr(LookupHelper, "poll", lambda self: real_poll(self, at_least=len(self._asked)))
    if fate == "part":  # (the helper's first piece waited for, then nothing more taken from it)
        monkeypatch.setattr(
            LookupHelper, "poll", lambda self: real_poll(self, at_least=1) if not self._answered else []
        )
    if fate == "late":
        monkeypatch.setattr(LookupHelper, "poll", lambda self: [])
    if fate == "killed":
        real_ask = LookupHelper.ask

        def ask_then_kill(self, keys):
            os.kill(self._process.pid, signal.SIGKILL)
            self._process.wait()
            real_ask(self, keys)

        monkeypatch.setattr(LookupHelper, "ask", ask_then_kill)
    if fate == "none" and way == "spawned":
        monkeypatch.setattr(lookup_helper.sys, "executable", "/nonexistent/python")
    if fate == "none" and way == "forked":

        def no_fork():
            raise OSError("no more processes")

        monkeypatch.setattr(lookup_helper.os, "fork", no_fork)
    polled: list[tuple[int, int | None]] = []  # (keys asked, keys answered by the call or None)
    fated_poll = LookupHelper.poll

    def recorded_poll(self):
        found = fated_poll(self)
        polled.append((len(self._asked), None if found is None else len(found)))
        return found

    monkeypatch.setattr(LookupHelper, "poll", recorded_poll)
    assert outputs(export, tmp_path / "helped", ready_gazetteer, actors, monkeypatch, columnar=True) == alone
    assert helpers  # (one per reading of the file)
    if fate == "none":
        assert set(helpers) == {None}
    else:  # asked, and stopped once the import ended
        assert all(helper is not None and helper._process.returncode is not None for helper in helpers)
        asked = polled[0][0]
        answered = [n for _asked, n in polled if n]
        if fate == "answers":
            assert answered == [asked]
        if fate == "part":  # (its first piece; the rest resolved here, from the last)
            assert answered == [min(asked, lookup_helper._PIECE)] and len(polled) > 1
        if fate == "late":
            assert answered == [] and {n for _asked, n in polled} == {0}
        if fate == "killed":
            assert polled == [(asked, None)]


@pytest.mark.parametrize(
    ("cores", "size", "way", "helped"),
    [
        (4, 0, "spawned", True),
        (2, 0, "spawned", False),
        (2, 0, "forked", True),
        (1, 0, "forked", False),
        (4, 1 << 62, "spawned", False),
    ],
)
def test_a_helper_only_for_a_big_file_with_a_processor_for_it(
    cores, size, way, helped, tmp_path, ready_gazetteer, monkeypatch
):
    """A forked helper from two processors; one started anew (importing and loading
    again) from three: on two the second is full already (the parsing, the writing,
    the scan). None for a small file."""
    from test_import_columnar import event, outputs, write_export

    actors = ActorIndex.from_table(Seeds.load().actors)
    export = write_export(tmp_path / "export.csv", [event(n) for n in range(1, 30)])
    helpers = started(monkeypatch)
    monkeypatch.setattr(lookup_helper, "can_fork", lambda: way == "forked")
    monkeypatch.setattr(acled_columns, "HELPED_BYTES", size)
    monkeypatch.setattr(acled_columns, "usable_cores", lambda: cores)
    outputs(export, tmp_path / "out", ready_gazetteer, actors, monkeypatch, columnar=True)
    assert any(helper is not None for helper in helpers) == helped
