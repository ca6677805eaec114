"""Train the learned fallback (bilateral.learned) and write it to src/bilateral/data/learned/.

    .venv/bin/python scripts/train_fallback.py --cv 5      # measure, choose the threshold, write
    .venv/bin/python scripts/train_fallback.py --threshold 0.5   # write with a given threshold

Needs the `train` optional dependencies (scikit-learn); coding with the result needs only numpy.
Training data: our own sentences (training/sentences.tsv), the PLOVER gold-standard records
(../shared/gold/plover_gsr.jsonl, CC BY-SA 4.0: the weights trained on them are shared under the
same terms) and the dev sentences. The held-out check set (tests/data/fresh/) is never read.

With --cv K, the PLOVER records and the dev sentences are each cut into K folds; a model trained on
the other folds (plus everything else) codes each fold through the whole pipeline, so the figures
are what a user would see on text the model never saw. The thresholds written are chosen on those
held-out folds: for coding every act, the best PLOVER type accuracy; for the default (dyadic)
output, the best dev-sentences events F1 that keeps the rules' precision.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold"
OUT = ROOT / "src" / "bilateral" / "data" / "learned" / "fallback_model.npz"
EXAMPLES = ROOT / "tests" / "data" / "learned_decisions.jsonl"
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.0, 0.96, 0.05))
NOTES = {
    "source": "bilateral scripts/train_fallback.py: training/sentences.tsv (bilateral, MIT), "
              "../shared/gold/dev_sentences.jsonl (bilateral), ../shared/gold/plover_gsr.jsonl "
              "(openeventdata/PLOVER gold_standard_records, CC BY-SA 4.0)",
    "license": "CC BY-SA 4.0 (trained in part on the PLOVER gold-standard records); see data/learned/README.md",
}


@dataclass(frozen=True)
class Labelled:
    text: str
    type: str  # PLOVER type or NONE


def read_sentences(path: Path) -> list[Labelled]:
    """Our own sentences: `TYPE<tab>text` lines, # comments."""
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip():
            raise SystemExit(f"{path}:{lineno}: expected TYPE<tab>sentence")
        out.append(Labelled(parts[1].strip(), parts[0].strip()))
    return out


def read_plover(path: Path) -> list[Labelled]:
    return [Labelled(r["text"], r["event_type"]) for r in _jsonl(path)]


def read_dev(path: Path) -> list[Labelled]:
    """A dev sentence's label is the first type of its first gold event, or NONE."""
    return [Labelled(r["text"], r["events"][0]["type"][0] if r["events"] else "NONE") for r in _jsonl(path)]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fit(items: Sequence[Labelled], c: float = 10.0):  # -> (TfidfVectorizer, LogisticRegression)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from bilateral.learned.classifier import sentence_features

    vectorizer = TfidfVectorizer(analyzer=sentence_features, sublinear_tf=True, min_df=2)
    x = vectorizer.fit_transform([i.text for i in items])
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(x, [i.type for i in items])
    return vectorizer, model


def export(vectorizer, model, threshold: float, all_acts_threshold: float | None = None):  # -> TypeClassifier
    from bilateral.learned.classifier import TypeClassifier

    features = vectorizer.get_feature_names_out().tolist()
    return TypeClassifier(features, vectorizer.idf_, model.coef_.T.astype(np.float32), model.intercept_,
                          [str(c) for c in model.classes_], threshold, all_acts_threshold)


def train(items: Sequence[Labelled], threshold: float, c: float = 10.0):  # -> TypeClassifier
    return export(*fit(items, c), threshold)


def folds(items: Sequence[Labelled], k: int, seed: int = 15) -> list[list[int]]:
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


@dataclass
class HeldOut:
    """Each held-out item's coding with the fold's fallback at threshold 0: a threshold t then
    drops the learned events below t."""

    plover: list[tuple[str, list[tuple[str, str, float | None]]]]  # gold type, [(type, method, p)]
    dev: list[tuple[object, object]]  # (GoldItem, CodedDocument)


def cross_validate(k: int, own: list[Labelled], plover_path: Path, dev_path: Path, c: float) -> HeldOut:
    from bilateral.evaluation import load_gold
    from bilateral.learned.fallback import LearnedFallback
    from bilateral.pipeline import Coder

    plover, dev = load_gold(plover_path), load_gold(dev_path)
    plover_items, dev_items = read_plover(plover_path), read_dev(dev_path)
    coder = Coder(learned=False)
    events = coder.nlp.get_pipe("bilateral_events")
    held = HeldOut([], [])
    for fold, (p_fold, d_fold) in enumerate(zip(folds(plover_items, k), folds(dev_items, k), strict=True)):
        train_items = own + _except(plover_items, p_fold) + _except(dev_items, d_fold)
        events.use_fallback(LearnedFallback(train(train_items, 0.0, c)))
        with coder.all_acts():
            coded = coder.code([plover[i].document for i in p_fold])
            for i, doc in zip(p_fold, coded, strict=True):
                held.plover.append((plover[i].gsr_type, [(e.type, e.method, e.probability) for e in doc.events]))
        for i, doc in zip(d_fold, coder.code([dev[i].document for i in d_fold]), strict=True):
            held.dev.append((dev[i], doc))
        print(f"fold {fold + 1}/{k} coded", file=sys.stderr)
    events.use_fallback(None)
    return held


def _except(items: Sequence[Labelled], drop: Iterable[int]) -> list[Labelled]:
    dropped = set(drop)
    return [x for i, x in enumerate(items) if i not in dropped]


@dataclass(frozen=True)
class Scores:
    accuracy: float  # PLOVER type accuracy, --all-acts
    precision: float  # dev sentences events, dyadic
    recall: float
    f1: float


def scores_at(held: HeldOut, threshold: float | None) -> Scores:
    """The held-out figures with learned events below `threshold` dropped (None: all dropped,
    the rules alone)."""
    from bilateral.evaluation import Report, score_item

    def kept(method: str, p: float | None) -> bool:
        return method != "learned" or (threshold is not None and p is not None and p >= threshold)

    right = sum(bool(ev) and ev[0][0] == gold for gold, events in held.plover
                for ev in [[e for e in events if kept(e[1], e[2])]])
    report = Report("dev")
    for item, doc in held.dev:
        score_item(item, replace(doc, events=[e for e in doc.events if kept(e.method, e.probability)]),
                   report)
    tally = report.events
    return Scores(right / len(held.plover), tally.precision, tally.recall, tally.f1)


def choose_thresholds(held: HeldOut) -> tuple[float, float]:
    """(dyadic, all-acts) thresholds from the held-out folds. All acts: the best PLOVER type
    accuracy. Dyadic: the best dev F1 among thresholds that keep the rules' precision (a fallback
    must not make the output less precise). The higher threshold on a tie: fewer learned events
    for the same figures."""
    table = {t: scores_at(held, t) for t in THRESHOLDS}
    rules = scores_at(held, None)
    for name, s in [("rules alone", rules)] + [(f"threshold {t:.2f}", s) for t, s in table.items()]:
        print(f"{name}: PLOVER type accuracy {s.accuracy:.3f}, dev events P {s.precision:.3f} "
              f"R {s.recall:.3f} F1 {s.f1:.3f}")
    all_acts = max(table, key=lambda t: (round(table[t].accuracy, 6), t))
    precise = [t for t in table if table[t].precision >= rules.precision - 1e-9]
    dyadic = max(precise, key=lambda t: (round(table[t].f1, 6), t)) if precise else 1.0
    return dyadic, all_acts


def save_examples(vectorizer, model, items: Sequence[Labelled], path: Path, n: int = 60) -> None:
    """scikit-learn's own probabilities for a sample of sentences: tests/test_learned.py checks
    that the numpy predictor gives the same decisions without scikit-learn installed."""
    sample = random.Random(7).sample(list(items), min(n, len(items)))
    probs = model.predict_proba(vectorizer.transform([s.text for s in sample]))
    with path.open("w", encoding="utf-8") as out:
        for item, row in zip(sample, probs, strict=True):
            best = int(row.argmax())
            out.write(json.dumps({"text": item.text, "type": str(model.classes_[best]),
                                  "probability": round(float(row[best]), 6)}) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=Path, default=ROOT / "training" / "sentences.tsv")
    parser.add_argument("--plover", type=Path, default=GOLD / "plover_gsr.jsonl")
    parser.add_argument("--dev", type=Path, default=GOLD / "dev_sentences.jsonl")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--examples", type=Path, default=EXAMPLES,
                        help="where to write scikit-learn's decisions on sample sentences (for the tests)")
    parser.add_argument("--cv", type=int, default=0, help="folds for measuring and choosing the threshold")
    parser.add_argument("--threshold", type=float, default=None,
                        help="use this threshold (the dyadic one, and the all-acts one unless given)")
    parser.add_argument("--all-acts-threshold", type=float, default=None, help="use this all-acts threshold")
    parser.add_argument("--c", type=float, default=10.0, help="inverse regularization of the logistic regression")
    args = parser.parse_args(argv)
    own = read_sentences(args.sentences)
    items = own + read_plover(args.plover) + read_dev(args.dev)
    thresholds = (args.threshold, args.all_acts_threshold if args.all_acts_threshold is not None
                  else args.threshold)
    if args.cv:
        chosen = choose_thresholds(cross_validate(args.cv, own, args.plover, args.dev, args.c))
        print(f"thresholds chosen on held-out folds: dyadic {chosen[0]:.2f}, all acts {chosen[1]:.2f}")
        thresholds = (chosen[0] if thresholds[0] is None else thresholds[0],
                      chosen[1] if thresholds[1] is None else thresholds[1])
    if thresholds[0] is None or thresholds[1] is None:
        parser.error("give --cv K to choose the thresholds, or --threshold")
    dyadic, all_acts = float(thresholds[0]), float(thresholds[1])
    vectorizer, model = fit(items, args.c)
    export(vectorizer, model, dyadic, all_acts).save(args.out, **NOTES)
    save_examples(vectorizer, model, own, args.examples)  # our own text only: the file is MIT
    print(f"{args.out}: {len(vectorizer.idf_)} features, {len(model.classes_)} classes, "
          f"trained on {len(items)} sentences ({len(own)} our own), thresholds {dyadic:.2f} (dyadic), "
          f"{all_acts:.2f} (all acts)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
