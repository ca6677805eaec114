"""Throughput of ingest plus coding, measured against bare spaCy parsing of the same text, in one run.

    .venv/bin/python benchmarks/bench_pipeline.py [--documents N] [--workers 2]

The corpus is benchmarks/corpus.py's (real sentences from ../shared arranged into N distinct
documents), written as a JSON Lines file. Every figure comes from the same run, since these
machines are noisy:
- bare parse: the stock small English model (tagger, parser, attribute rules, lemmatizer; no NER,
  which bilateral does not use) on the documents' texts, with one process and with `--workers`;
- coding: bilateral's Coder on the same documents (pre-filter, parse, actors, events, ledger),
  with one process and with `--workers`; with one process also its parse alone (bilateral's
  model with its components switched off), so that the components' own share is shown;
- ingest plus coding: reading the JSON Lines file with language and duplicate screening, then
  coding with `--workers`, as `bilateral code --workers N` does;
- the pre-filter's share of skipped sentences, and peak memory (this process and its workers).

The one-process timings (bare parse, bilateral's parse, coding, and the components alone on
documents already parsed) are taken `--repeat` times, interleaved, and the fastest of each is
reported: a background hiccup then slows one round of one timing, not the ratio.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the one-process timings (fastest kept)")
    args = parser.parse_args()

    import spacy

    from bilateral.ingest import read_inputs
    from bilateral.model import Document
    from bilateral.nlp import EXCLUDED, model_name
    from bilateral.pipeline import Coder

    records = corpus.documents(args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        import json

        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        docs = [d for d in read_inputs([path]) if isinstance(d, Document)]
        texts = [d.text for d in docs]
        words = sum(len(t.split()) for t in texts)

        stock = spacy.load(model_name(), exclude=list(EXCLUDED))
        coder = Coder()
        list(coder.code(docs[:5]))  # warm-up: caches, lazy tables

        from bilateral.pipeline import COMPONENTS

        pipes = [coder.nlp.get_pipe(name) for name in COMPONENTS]

        def our_parse() -> list:  # type: ignore[type-arg]
            with coder.nlp.select_pipes(disable=list(COMPONENTS)):
                return list(coder.nlp.pipe((coder.make_doc(d) for d in docs), batch_size=32))

        def components(parsed: list) -> None:  # type: ignore[type-arg]
            for doc in parsed:
                for pipe in pipes:
                    pipe(doc)

        rounds: dict[str, list[float]] = {"bare": [], "ours": [], "full": [], "components": []}
        for _ in range(max(args.repeat, 1)):
            parsed, t = timed(lambda: list(stock.pipe(texts, batch_size=32)))
            rounds["bare"].append(t)
            sentences = sum(1 for d in parsed for _ in d.sents)
            del parsed
            ours, t = timed(our_parse)
            rounds["ours"].append(t)
            t0 = time.perf_counter()
            components(ours)
            rounds["components"].append(time.perf_counter() - t0)
            del ours
            coder.stats.update(sentences=0, skipped=0)
            coded, t = timed(lambda: list(coder.code(docs)))
            rounds["full"].append(t)
        bare_s, ours_s, full_s, comp_s = (min(rounds[k]) for k in ("bare", "ours", "full", "components"))
        n_events = sum(len(c.events) for c in coded)
        skipped = coder.stats["skipped"] / max(coder.stats["sentences"], 1)
        _, bare2_s = timed(lambda: sum(1 for _ in stock.pipe(texts, batch_size=32, n_process=args.workers)))
        coded2, full2_s = timed(lambda: list(coder.code(docs, n_process=args.workers)))
        assert [len(c.events) for c in coded2] == [len(c.events) for c in coded], "workers changed the output"

        def ingest_and_code() -> int:
            fresh = (d for d in read_inputs([path], screen=True) if isinstance(d, Document))
            return sum(len(c.sentences) for c in coder.code(fresh, n_process=args.workers))

        n_ingested, ingest_s = timed(ingest_and_code)

    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    w = args.workers
    print(f"corpus: {len(docs)} documents, {sentences} sentences, {words} words "
          f"(benchmarks/corpus.py --documents {args.documents})")
    print(f"bare spaCy parse, 1 process:     {bare_s:7.2f} s {sentences / bare_s:7.0f} sentences/s")
    print(f"bare spaCy parse, {w} processes:   {bare2_s:7.2f} s {sentences / bare2_s:7.0f} sentences/s")
    print(f"coding, 1 process:               {full_s:7.2f} s {sentences / full_s:7.0f} sentences/s "
          f"= {full_s / bare_s:.2f}x the bare parse; {n_events} events")
    print(f"  of which bilateral's parse:    {ours_s:7.2f} s  (pre-filter, model, cached attribute rules) "
          f"= {ours_s / bare_s:.2f}x the bare parse")
    print(f"  and actors, events, ledger:    {comp_s:7.2f} s  = {100 * comp_s / bare_s:.0f}% of the bare parse time "
          "(timed alone on the parsed documents)")
    print(f"  (fastest of {max(args.repeat, 1)} interleaved rounds each; slowest coding round "
          f"{max(rounds['full']) / bare_s:.2f}x)")
    print(f"coding, {w} workers:               {full2_s:7.2f} s {sentences / full2_s:7.0f} sentences/s "
          f"= {full2_s / bare2_s:.2f}x the bare parse with {w} processes")
    print(f"ingest + coding, {w} workers:      {ingest_s:7.2f} s {n_ingested / ingest_s:7.0f} sentences/s "
          "(read, language and duplicate screening, coding)")
    print(f"pre-filter: {100 * skipped:.1f}% of sentences not parsed")
    print(f"peak memory: this process {own_mb:.0f} MB, largest worker {worker_mb:.0f} MB")


if __name__ == "__main__":
    main()
