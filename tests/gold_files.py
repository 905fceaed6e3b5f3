"""Writing and checking hand-annotated gold files (the held-out sets' `annotate_*.py`).

Each text's mentions are listed by hand, in reading order, as ``(text, kind, id[, note[,
INWORD]])``; :func:`build` finds each span by searching the text forward from the
previous one, on word boundaries (``INWORD`` drops the left boundary, for an infobox label
run into a name; a mention of kind ``SKIP`` only moves the search past text that must not
be marked), and writes one ``<stem>.jsonl`` per text with the header ``doc``, ``sha256``,
``chars``, ``source``, ``lang``, ``url``. :func:`check` checks every gold file against its
text, the actor list and the gazetteer.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

PLACE, ACTOR = "place", "actor"
SKIP = "skip"  # a stretch of text passed over on purpose (not written to the gold file)
INWORD = "inword"  # the span may follow a letter (an infobox label run into the name)
ROOT = Path(__file__).resolve().parents[1]

Mentions = list[tuple]
Texts = dict[str, tuple[str, str, Mentions]]


def build(texts: Texts, docs: Path, out: Path, source: str) -> None:
    """Write one gold file per text of ``texts`` (the texts must be in ``docs``)."""
    for name, (lang, url, mentions) in texts.items():
        path = docs / name
        if not path.exists():
            print(name, f"not in {docs.name}/: its gold file is left as it is")
            continue
        text = path.read_bytes().decode("utf-8")
        pos, lines = 0, []
        for surface, kind, ident, *rest in mentions:
            note = [x for x in rest if x != INWORD]
            left = "" if INWORD in rest else r"(?<![\w])"
            m = re.compile(left + re.escape(surface) + r"(?![\w])").search(text, pos)
            if not m:
                raise SystemExit(f"{name}: {surface!r} not found after {pos}")
            pos = m.end()
            if kind == SKIP:
                continue
            line = {"start": m.start(), "end": m.end(), "text": surface, "kind": kind, kind: ident}
            if note:
                line["note"] = note[0]
            lines.append(line)
        header = {
            "doc": name,
            "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "chars": len(text),
            "source": f"{source}-" + name.split("_")[0],
            "lang": lang,
            "url": url,
        }
        gold = out / (Path(name).stem + ".jsonl")
        gold.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in [header, *lines]) + "\n", encoding="utf-8")
        places = sum(x["kind"] == PLACE for x in lines)
        print(name, lang, places, "places", sum(x["kind"] == ACTOR for x in lines), "actors")


def check(docs: Path, out: Path) -> list[str]:
    """Check every gold file in ``out`` against its text, the actor list and the gazetteer."""
    from geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    with open(ROOT / "seeds" / "actors.csv", encoding="utf-8") as f:
        actor_ids = {row["id"] for row in csv.DictReader(f)}
    problems = []
    for gold in sorted(out.glob("*.jsonl")):
        header, *lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
        text = (docs / header["doc"]).read_bytes().decode("utf-8")
        if hashlib.sha256(text.encode()).hexdigest() != header["sha256"] or len(text) != header["chars"]:
            problems.append(f"{gold.name}: the text does not match the header")
        end = 0
        for line in lines:
            where = f"{gold.name}:{line['start']}"
            if text[line["start"] : line["end"]] != line["text"]:
                problems.append(f"{where}: span text differs")
            if line["start"] < end:
                problems.append(f"{where}: overlaps the previous span")
            end = line["end"]
            ident = line[line["kind"]]
            if ident is None:
                if not line.get("note"):
                    problems.append(f"{where}: null id without a note")
            elif line["kind"] == ACTOR and ident not in actor_ids:
                problems.append(f"{where}: unknown actor {ident}")
            elif line["kind"] == PLACE:
                try:
                    gazetteer.place(ident)
                except Exception as exc:  # an unknown id
                    problems.append(f"{where}: unknown place {ident} ({exc})")
    return problems


def build_and_check(texts: Texts, docs: Path, out: Path, source: str) -> None:
    """:func:`build`, then :func:`check`, printing what it finds."""
    build(texts, docs, out, source)
    found = check(docs, out)
    print("\n".join(found) if found else "check: all spans, ids and headers are consistent")
