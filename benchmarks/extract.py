"""Benchmark: ``geo extract`` against plain gazetteer-name string matching.

Measures, on the hand annotation in ``tests/gold/`` (see its GUIDELINES.md):

- precision and recall of place and actor mentions (a mention is found when its span
  is exactly the gold span), and the same with the resolution right too (the place or
  actor id equals the gold one);
- resolution accuracy: of the gold mentions found, with a gold id, how many resolve to it;
- words per second of the whole extraction (places, actors, dates and counts).

The baseline is plain string matching: every sequence of one to four words, in any
case, whose normalised form is a name of the gazetteer (longest first) is a place,
geocoded with no context; every actor alias found in any case is an actor.

The documents are not in the repository: give their folder (``--docs``; the five
source documents are in ``../shared/seeds`` next to a checkout of this project). Each
gold file records its document's SHA-256, and a document that differs is refused.

    python benchmarks/extract.py --docs ../shared/seeds
    python benchmarks/extract.py --docs ../shared/seeds --errors place   # list misses and false alarms
    python benchmarks/extract.py --gold tests/heldout --docs heldout-texts  # the held-out set (never --errors)
    python benchmarks/extract.py --gold tests/dev --docs dev-texts --skip-missing  # only the texts at hand

With ``--gold`` another annotation folder is scored, such as the held-out set in
``tests/heldout/`` (see its README: it is for measuring only, never for tuning). Gold
headers may carry ``"lang"``; the figures are then also given per language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

from geo import Gazetteer
from geo.actors import ActorIndex
from geo.extract import Extractor
from geo.extract.text import WORD, fold
from geo.names import normalize
from geo.seeds import Seeds

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
KINDS = ("place", "actor")


def load_gold(directory: Path) -> list[tuple[dict, list[dict]]]:
    gold = []
    for path in sorted(directory.glob("*.jsonl")):
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        gold.append((lines[0], lines[1:]))
    return gold


def read_document(docs: Path, header: dict, skip: bool = False) -> str | None:
    """The annotated text, or None (with ``skip``) when it is missing or not the annotated bytes."""
    path = docs / header["doc"]
    problem = None
    if not path.is_file():
        problem = "missing"
    elif hashlib.sha256(path.read_bytes()).hexdigest() != header["sha256"]:
        problem = "not the annotated text (SHA-256 differs); the gold offsets would not apply"
    if problem and skip:
        print(f"skipped {path}: {problem}", file=sys.stderr)
        return None
    if problem:
        sys.exit(f"{path}: {problem} (--skip-missing scores the other documents)")
    with path.open(encoding="utf-8") as handle:
        return handle.read()


class Baseline:
    """Plain gazetteer-name and alias string matching."""

    def __init__(self, gazetteer: Gazetteer, actors: ActorIndex) -> None:
        self.gazetteer = gazetteer
        self.actors = actors
        self._aliases = {}
        for actor_id in actors.ids:
            actor = actors[actor_id]
            for name in (actor.name, *actor.aliases):
                self._aliases.setdefault(fold(name), actor_id)

    def extract(self, text: str) -> list[dict]:
        spans = [m.span() for m in WORD.finditer(text)]
        found, i = [], 0
        cache: dict[str, object] = {}
        while i < len(spans):
            hit = None
            for n in range(min(4, len(spans) - i), 0, -1):
                start, end = spans[i][0], spans[i + n - 1][1]
                phrase = text[start:end]
                actor = self._aliases.get(fold(phrase))
                if actor:
                    hit = {"start": start, "end": end, "text": phrase, "kind": "actor", "actor": actor}
                elif self.gazetteer.name_tiers(phrase):
                    key = normalize(phrase)
                    if key not in cache:
                        cache[key] = self.gazetteer.lookup(phrase)
                    resolution = cache[key]
                    place = resolution.place.id if resolution.ok else None
                    hit = {"start": start, "end": end, "text": phrase, "kind": "place", "place": place}
                if hit:
                    found.append(hit)
                    i += n
                    break
            else:
                i += 1
        return found


def score(gold: list[dict], found: list[dict], kind: str) -> dict:
    key = "place" if kind == "place" else "actor"
    gold_spans = {(g["start"], g["end"]): g.get(key) for g in gold if g["kind"] == kind}
    found_spans = {(f["start"], f["end"]): f.get(key) for f in found if f["kind"] == kind}
    hits = set(gold_spans) & set(found_spans)
    right = {s for s in hits if found_spans[s] is not None and found_spans[s] == gold_spans[s]}
    with_id = {s for s in hits if gold_spans[s] is not None}
    return {
        "gold": len(gold_spans),
        "found": len(found_spans),
        "span_hits": len(hits),
        "right": len(right),
        "resolvable_hits": len(with_id),
        "resolved_right": len(right & with_id),
    }


def ratios(c: Counter) -> dict:
    def div(a, b):
        return a / b if b else 0.0

    p, r = div(c["span_hits"], c["found"]), div(c["span_hits"], c["gold"])
    pr, rr = div(c["right"], c["found"]), div(c["right"], c["gold"])
    return {
        "precision": p,
        "recall": r,
        "f1": div(2 * p * r, p + r),
        "precision_resolved": pr,
        "recall_resolved": rr,
        "f1_resolved": div(2 * pr * rr, pr + rr),
        "resolution_accuracy": div(c["resolved_right"], c["resolvable_hits"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--docs", type=Path, default=ROOT.parent / "shared" / "seeds", help="folder of the documents")
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of the gold annotation (default: tests/gold)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs; the fastest is kept (default: 3)")
    parser.add_argument("--errors", choices=KINDS, help="list the misses and false alarms of geo extract")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    parser.add_argument(
        "--skip-missing",
        action="store_true",
        help="score only the documents present with the annotated bytes (the others are listed on stderr)",
    )
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        parser.error(f"--docs {args.docs}: no such folder (the documents are not in the repository)")
    gold = load_gold(args.gold)
    if not gold:
        parser.error(f"--gold {args.gold}: no *.jsonl files")
    gazetteer = Gazetteer.load()
    seeds = Seeds.load()
    extractor = Extractor.load(gazetteer, seeds)
    baseline = Baseline(gazetteer, ActorIndex.from_table(seeds.actors))
    read = [read_document(args.docs, header, args.skip_missing) for header, _ in gold]
    gold = [g for g, text in zip(gold, read, strict=True) if text is not None]
    texts = [text for text in read if text is not None]
    if not gold:
        parser.error(f"--docs {args.docs}: none of the annotated documents is there")
    words = sum(len(WORD.findall(t)) for t in texts)
    systems = {"geo extract": lambda t, h: [m.to_dict() for m in extractor.extract(t, h["doc"]).mentions]}
    systems["baseline: string matching"] = lambda t, h: baseline.extract(t)
    results: dict[str, dict] = {}
    for name, run in systems.items():
        outputs, best = None, float("inf")
        for _ in range(max(args.repeat, 1)):
            started = time.perf_counter()
            outputs = [run(text, header) for text, (header, _) in zip(texts, gold, strict=True)]
            best = min(best, time.perf_counter() - started)
        entry: dict = {"seconds": best, "words_per_second": words / best}
        for kind in KINDS:
            total: Counter = Counter()
            per_doc = {}
            per_lang: dict[str, Counter] = {}
            for (header, gold_mentions), found in zip(gold, outputs, strict=True):
                counts = score(gold_mentions, found, kind)
                total.update(counts)
                per_lang.setdefault(header.get("lang", "?"), Counter()).update(counts)
                per_doc[header["doc"]] = ratios(Counter(counts))
            languages = {lang: {**ratios(c), **dict(c)} for lang, c in sorted(per_lang.items())}
            entry[kind] = {**ratios(total), **dict(total), "documents": per_doc, "languages": languages}
        results[name] = entry
        if name == "geo extract" and args.errors:
            _print_errors(gold, outputs, texts, args.errors)
    if args.json:
        print(json.dumps({"documents": len(gold), "words": words, "systems": results}, indent=2))
        return 0
    print(f"{len(gold)} documents, {words:,} words, gold: {args.gold}")
    print(f"{'system':28} {'kind':6} {'P':>6} {'R':>6} {'F1':>6} {'P+id':>6} {'R+id':>6} {'F1+id':>6} {'res.acc':>7}")
    for name, entry in results.items():
        for kind in KINDS:
            r = entry[kind]
            print(
                f"{name:28} {kind:6} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                f"{r['precision_resolved']:6.3f} {r['recall_resolved']:6.3f} {r['f1_resolved']:6.3f} "
                f"{r['resolution_accuracy']:7.3f}"
            )
    languages = sorted({lang for entry in results.values() for lang in entry["place"]["languages"]})
    if len(languages) > 1 or languages != ["?"]:
        print('\nby language (header field "lang")')
        print(f"{'system':28} {'lang':4} {'kind':6} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6} {'F1+id':>6}")
        for name, entry in results.items():
            for lang in languages:
                for kind in KINDS:
                    r = entry[kind]["languages"].get(lang)
                    if r:
                        print(
                            f"{name:28} {lang:4} {kind:6} {r['gold']:5d} {r['precision']:6.3f} {r['recall']:6.3f} "
                            f"{r['f1']:6.3f} {r['f1_resolved']:6.3f}"
                        )
    ours, base = results["geo extract"], results["baseline: string matching"]
    print(f"\n{'system':28} {'seconds':>8} {'words/s':>9}")
    for name, entry in results.items():
        print(f"{name:28} {entry['seconds']:8.3f} {entry['words_per_second']:9,.0f}")
    print(
        f"\nplaces F1 (span and place right): {ours['place']['f1_resolved']:.3f} vs "
        f"{base['place']['f1_resolved']:.3f} for the baseline; speed {ours['seconds'] / base['seconds']:.2f}x the "
        "baseline's time (geo extract also finds dates and counts)"
    )
    return 0


def _print_errors(gold, outputs, texts, kind: str) -> None:
    key = "place" if kind == "place" else "actor"
    for (header, gold_mentions), found, text in zip(gold, outputs, texts, strict=True):
        g = {(a["start"], a["end"]): a for a in gold_mentions if a["kind"] == kind}
        f = {(m["start"], m["end"]): m for m in found if m["kind"] == kind}
        print(f"## {header['doc']}")
        for span in sorted(set(g) | set(f)):
            a, m = g.get(span), f.get(span)
            context = " ".join(text[max(0, span[0] - 30) : span[1] + 30].split())
            if a and not m:
                print(f"  MISS   {span} {a['text']!r} -> {a.get(key)}   | {context}")
            elif m and not a:
                print(f"  FALSE  {span} {m['text']!r} -> {m.get(key)}   | {context}")
            elif a.get(key) != m.get(key):
                print(f"  WRONG  {span} {a['text']!r}: gold {a.get(key)}, got {m.get(key)}   | {context}")


if __name__ == "__main__":
    raise SystemExit(main())
