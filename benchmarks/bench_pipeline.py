"""Throughput of bilateral's stages measured against bare spaCy parsing of the same text, in one run.

    .venv/bin/python benchmarks/bench_pipeline.py [--repeat N]

The corpus is every sentence of ../shared/gold (dev sentences, dev articles, PLOVER records) and
the example articles (paragraphs), arranged into documents of ten sentences in file order;
--repeat multiplies it (without ../shared only the example articles are used). Figures are ratios
within one run (these machines are noisy): actor matching and the coder as a share of the parse,
and the full pipeline against the bare parse, with one process and with two.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def corpus_texts(repeat: int) -> list[str]:
    from bilateral.ingest import read_inputs

    sentences: list[str] = []
    for name in ("dev_sentences.jsonl", "plover_gsr.jsonl"):
        path = SHARED / "gold" / name
        if path.exists():
            sentences += [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]
    paths = [ROOT / "examples" / "articles.jsonl"]
    if (SHARED / "gold" / "dev_articles.jsonl").exists():
        paths.append(SHARED / "gold" / "dev_articles.jsonl")
    for doc in read_inputs(paths):
        if hasattr(doc, "text"):
            sentences += [p for p in doc.text.split("\n\n") if p]
    docs = [" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]
    return docs * repeat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from datetime import date

    from bilateral.actors import Gazetteer
    from bilateral.actors.mentions import ActorFinder
    from bilateral.model import Document
    from bilateral.nlp import load_base_model
    from bilateral.pipeline import Coder

    texts = corpus_texts(args.repeat)
    words = sum(len(t.split()) for t in texts)
    base = load_base_model()
    coder = Coder()
    finder = ActorFinder(base.vocab, Gazetteer.load())

    t0 = time.perf_counter()
    parsed = list(base.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0
    sentences = sum(1 for d in parsed for _ in d.sents)

    t0 = time.perf_counter()
    for d in parsed:
        finder(d, None)
    actors_s = time.perf_counter() - t0

    docs = [Document(id=str(i), text=t, pub_date=date(2022, 9, 16)) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    n_events = sum(len(c.events) for c in coder.code(docs))
    full_s = time.perf_counter() - t0

    print(f"corpus: {len(texts)} documents, {sentences} sentences, {words} words")
    print(f"bare spaCy parse:   {parse_s:7.2f} s  {sentences / parse_s:8.0f} sentences/s")
    print(f"actor matching:     {actors_s:7.2f} s  = {100 * actors_s / parse_s:5.1f}% of the parse time")
    print(f"full pipeline:      {full_s:7.2f} s  {sentences / full_s:8.0f} sentences/s, {n_events} events")
    print(f"full / bare parse:  {full_s / parse_s:7.2f}x  (coder and ledger add {100 * (full_s - parse_s) / parse_s:5.1f}%)")

    t0 = time.perf_counter()
    parsed2 = sum(1 for d in base.pipe(texts, batch_size=32, n_process=2) for _ in d.sents)
    parse2_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_events2 = sum(len(c.events) for c in coder.code(docs, n_process=2))
    full2_s = time.perf_counter() - t0
    assert n_events2 == n_events and parsed2 == sentences
    import resource

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bare parse, 2 proc: {parse2_s:7.2f} s  {sentences / parse2_s:8.0f} sentences/s")
    print(f"full, 2 processes:  {full2_s:7.2f} s  {sentences / full2_s:8.0f} sentences/s "
          f"({full2_s / parse2_s:.2f}x the 2-process parse); peak memory of this process {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
