"""A synthetic bilateral store of N events (10 million by default) for timing queries at scale.

    .venv/bin/python benchmarks/synthetic_store.py --events 10000000 --out /tmp/synthetic.duckdb

The tables are created by bilateral's own migrations and filled through Arrow (STACK-NOTES: DuckDB's
executemany is far too slow), a million events at a time. What is drawn, and how:
- actors: the gazetteer's states; a state's share of events falls with its rank (Zipf, s = 1.1),
  the usual heavy hitters first (USA, CHN, RUS, ...), so a few dyads hold much of the data as in
  GDELT and ICEWS; targets are drawn the same way, never the source itself;
- documents: 1 to ~8 sentences with events (1 + Poisson(2.3)), about 1.3 events per sentence; most
  sentences of a document are about its main dyad, either way round;
- dates: 2000-2025, the daily volume growing 8% a year (more online news), weekends at 60%;
  events fall 0-3 days before publication; 85% dated to the day, 10% to the month, 5% to the year;
- event types: CAMEO codes drawn by root with shares that put verbal cooperation first (statements,
  consultations, diplomatic cooperation) and material conflict last, the rough shape of published
  GDELT/ICEWS root-code counts; Goldstein value, quad class and PLOVER type come from bilateral's
  CAMEO table; sectors GOV-heavy;
- text: each sentence joins the two actors' names, a verb and two phrases from pools of 20,000
  word sequences over a 3,000-word vocabulary; a document's text is its sentences;
- ledger facts: one per ~40 events, partnerships, memberships and diplomatic relations of the same
  dyads.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

HEAVY = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "UKR", "ISR", "IRN", "IND", "JPN", "TUR", "PAK", "KOR",
         "PRK", "SAU", "SYR", "AFG", "IRQ", "EGY", "BRA", "CAN", "AUS", "ITA", "ESP", "POL", "BLR", "TWN"]
ROOT_SHARES = {  # CAMEO root -> share of events
    "01": .15, "02": .05, "03": .07, "04": .20, "05": .11, "06": .03, "07": .025, "08": .02, "09": .015,
    "10": .02, "11": .065, "12": .025, "13": .02, "14": .02, "15": .005, "16": .015, "17": .05, "18": .04,
    "19": .045, "20": .001,
}
SECTORS = (["GOV"] * 12) + ["MIL", "MIL", "COP", "BUS", "CVL", "MED", "EDU", "JUD"]
VERBS = ["met", "urged", "accused", "signed with", "criticized", "praised", "warned", "hosted", "sanctioned",
         "attacked", "called on", "thanked", "rejected", "agreed with", "visited", "threatened"]
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2025, 12, 31)
CHUNK = 1_000_000


def build(path: Path, events: int, seed: int = 7) -> dict[str, Any]:
    """Create the store at `path` with about `events` events; returns counts and timings."""
    from bilateral.store import Store

    path.unlink(missing_ok=True)
    rng = np.random.default_rng(seed)
    world = _World(rng)
    t0 = time.perf_counter()
    made = dict.fromkeys(("documents", "sentences", "events", "ledger_facts"), 0)
    with Store(path) as store:
        while made["events"] < events:
            tables = world.chunk(min(CHUNK, events - made["events"]), first_doc=made["documents"])
            for name, frame in tables.items():
                _insert(store.con, name, frame)
                made[name] += frame.height
        store.con.execute("CHECKPOINT")
    made["seconds"] = round(time.perf_counter() - t0, 1)
    return made


def _insert(con: Any, table: str, frame: pl.DataFrame) -> None:
    """Insert by column name; a NOT NULL column this generator does not know (the schema moved on)
    gets its type's zero value, so the benchmark follows the store's schema."""
    known = set(frame.columns)
    fill = []
    for name, dtype, nullable in con.execute(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_name = ? AND table_schema = 'main'", [table]).fetchall():
        if name not in known and nullable == "NO":
            zero = "false" if dtype == "BOOLEAN" else "''" if "CHAR" in dtype else "0"
            fill.append(f"CAST({zero} AS {dtype}) AS {name}")
    arrow = frame.to_arrow()  # noqa: F841 (read by DuckDB by name)
    extra = (", " + ", ".join(fill)) if fill else ""
    con.execute(f"INSERT INTO {table} BY NAME SELECT *{extra} FROM arrow")


class _World:
    """The fixed parts of the synthetic world, and chunks of documents drawn from it."""

    def __init__(self, rng: np.random.Generator) -> None:
        from bilateral.actors.gazetteer import Gazetteer
        from bilateral.ontology import cameo_codes

        self.rng = rng
        states = Gazetteer.load()
        codes = sorted(s for s in _state_codes(states) if s not in HEAVY)
        rng.shuffle(codes)
        self.actors = np.array([c for c in HEAVY if c in set(_state_codes(states))] + codes)
        self.names = _state_names(states)
        ranks = np.arange(1, len(self.actors) + 1)
        self.actor_weights = ranks ** -1.1 / np.sum(ranks ** -1.1)
        table = cameo_codes()
        usable = [c for c in table.values() if len(c.code) == 3 and c.plover_type and c.code[:2] in ROOT_SHARES]
        per_root = {root: [c for c in usable if c.code[:2] == root] for root in ROOT_SHARES}
        self.cameos = [c for root in ROOT_SHARES for c in per_root[root]]
        self.cameo_weights = np.array([ROOT_SHARES[c.code[:2]] / len(per_root[c.code[:2]]) for c in self.cameos])
        self.cameo_weights /= self.cameo_weights.sum()
        days = np.arange((LAST_DAY - FIRST_DAY).days + 1)
        weekday = np.array([(FIRST_DAY + timedelta(int(d))).weekday() for d in days])
        weights = 1.08 ** (days / 365.25) * np.where(weekday >= 5, 0.6, 1.0)
        self.days, self.day_weights = days, weights / weights.sum()
        vocabulary = np.array([_word(rng) for _ in range(3000)])
        self.phrases = np.array([" ".join(rng.choice(vocabulary, rng.integers(4, 9))) for _ in range(20000)])
        self.sources = np.array([f"source-{i:03d}" for i in range(500)])

    def chunk(self, n_events: int, first_doc: int) -> dict[str, pl.DataFrame]:
        rng = self.rng
        n_docs = max(1, int(n_events / (3.3 * 1.3)) + 1)
        doc_sentences = 1 + rng.poisson(2.3, n_docs)
        n_sent = int(doc_sentences.sum())
        sent_doc = np.repeat(np.arange(n_docs), doc_sentences)
        sent_events = 1 + (rng.random(n_sent) < 0.3)
        while int(sent_events.sum()) < n_events:  # top up the last sentences when short
            sent_events[-1] += n_events - int(sent_events.sum())
        ev_sent = np.repeat(np.arange(n_sent), sent_events)[:n_events]
        documents = self._documents(n_docs, first_doc)
        sentences = self._sentences(sent_doc, documents)
        events = self._events(ev_sent, sent_doc, documents, sentences)
        documents = documents.join(sentences.group_by("doc_id").agg(pl.col("text").str.join(" ")), on="doc_id")
        return {"documents": documents.drop("main_a", "main_b"), "sentences": sentences.drop("a", "b", "verb"),
                "events": events, "ledger_facts": self._facts(events)}

    def _documents(self, n: int, first: int) -> pl.DataFrame:
        rng = self.rng
        main_a, main_b = self._dyads(n)
        pub = [FIRST_DAY + timedelta(int(d)) for d in rng.choice(self.days, n, p=self.day_weights)]
        ids = [f"syn{first + i:010d}" for i in range(n)]
        return pl.DataFrame({
            "doc_id": ids, "content_hash": [f"{h:040x}" for h in rng.integers(0, 2**62, n)],
            "title": [f"{self.names[a]} and {self.names[b]}" for a, b in zip(main_a, main_b, strict=True)],
            "url": [f"https://news.example/{i}" for i in ids], "source": rng.choice(self.sources, n),
            "origin": "synthetic", "pub_date": pub, "translated": rng.random(n) < 0.05,
            "coded_at": datetime(2026, 12, 7, 10), "coder_version": "synthetic",
            "main_a": main_a, "main_b": main_b,
        })

    def _dyads(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        a = self.rng.choice(self.actors, n, p=self.actor_weights)
        b = self.rng.choice(self.actors, n, p=self.actor_weights)
        same = a == b
        while same.any():
            b[same] = self.rng.choice(self.actors, int(same.sum()), p=self.actor_weights)
            same = a == b
        return a, b

    def _sentences(self, sent_doc: np.ndarray, documents: pl.DataFrame) -> pl.DataFrame:
        rng, n = self.rng, len(sent_doc)
        other_a, other_b = self._dyads(n)
        on_main = rng.random(n) < 0.7
        flip = rng.random(n) < 0.4
        main_a, main_b = documents["main_a"].to_numpy()[sent_doc], documents["main_b"].to_numpy()[sent_doc]
        a = np.where(on_main, np.where(flip, main_b, main_a), other_a)
        b = np.where(on_main, np.where(flip, main_a, main_b), other_b)
        verb = rng.choice(np.array(VERBS), n)
        text = [f"{self.names[x]} {v} {self.names[y]} {p} {q}." for x, v, y, p, q in zip(
            a, verb, b, rng.choice(self.phrases, n), rng.choice(self.phrases, n), strict=True)]
        frame = pl.DataFrame({"doc_id": documents["doc_id"].to_numpy()[sent_doc], "text": text, "a": a, "b": b,
                              "verb": verb})
        lengths = frame["text"].str.len_chars() + 1
        frame = frame.with_columns(
            sentence_index=pl.int_range(pl.len()).over("doc_id").cast(pl.Int32),
            start_char=(lengths.cum_sum() - lengths).cast(pl.Int32))
        first = frame.group_by("doc_id").agg(pl.col("start_char").min().alias("first"))
        frame = frame.join(first, on="doc_id").with_columns(start_char=pl.col("start_char") - pl.col("first"))
        return frame.drop("first").with_columns(end_char=pl.col("start_char") + pl.col("text").str.len_chars())

    def _events(self, ev_sent: np.ndarray, sent_doc: np.ndarray, documents: pl.DataFrame,
                sentences: pl.DataFrame) -> pl.DataFrame:
        rng, n = self.rng, len(ev_sent)
        picked = rng.choice(len(self.cameos), n, p=self.cameo_weights)
        cameos = [self.cameos[i] for i in picked]
        pub = documents["pub_date"].to_numpy()[sent_doc[ev_sent]]
        day = pub - rng.integers(0, 4, n).astype("timedelta64[D]")
        precision = rng.choice(np.array(["day", "month", "year"]), n, p=[0.85, 0.10, 0.05])
        day_text = np.datetime_as_string(day, unit="D")
        event_date = np.where(precision == "day", day_text,
                              np.where(precision == "month", [d[:7] for d in day_text], [d[:4] for d in day_text]))
        s = sentences[ev_sent]
        a, b = s["a"].to_numpy(), s["b"].to_numpy()
        # A sentence reads "<source name> <verb> ...": the trigger is the verb.
        trigger_start = s["start_char"].to_numpy() + np.array([len(self.names[x]) + 1 for x in a])
        return pl.DataFrame({
            "event_id": [f"{h:016x}" for h in rng.integers(0, 2**63, n)], "doc_id": s["doc_id"],
            "sentence_index": s["sentence_index"], "event_type": [c.plover_type for c in cameos],
            "mode": [c.plover_mode for c in cameos], "contexts": [list(c.contexts) for c in cameos],
            "source_code": a, "source_sector": rng.choice(np.array(SECTORS), n),
            "source_text": [self.names[x] for x in a], "target_code": b,
            "target_sector": rng.choice(np.array(SECTORS), n), "target_text": [self.names[x] for x in b],
            "reciprocal": rng.random(n) < 0.1, "cameo": [c.code for c in cameos],
            "goldstein": [c.goldstein for c in cameos], "quad": [c.quad for c in cameos],
            "event_date": event_date, "date_precision": precision, "negated": rng.random(n) < 0.03,
            "modality": rng.choice(np.array(["asserted"] * 9 + ["future"]), n),
            "trigger": s["verb"], "trigger_start": trigger_start,
            "trigger_end": trigger_start + s["verb"].str.len_chars().to_numpy(), "translated": rng.random(n) < 0.05,
        })

    def _facts(self, events: pl.DataFrame) -> pl.DataFrame:
        rng = self.rng
        sample = events.sample(fraction=1 / 40, seed=int(rng.integers(0, 2**31)))
        n = sample.height
        kind = rng.choice(np.array(["partnership", "membership", "diplomatic"]), n, p=[0.5, 0.3, 0.2])
        label = np.where(kind == "partnership", rng.choice(np.array(
            ["comprehensive strategic partnership", "strategic partnership", "all-weather strategic partnership",
             "cooperative partnership"]), n), None)
        status = np.where(kind == "membership", rng.choice(np.array(["member", "applicant", "observer"]), n),
                          np.where(kind == "diplomatic", rng.choice(np.array(["established", "severed"]), n), None))
        return pl.DataFrame({
            "fact_id": [f"{h:016x}" for h in rng.integers(0, 2**63, n)], "doc_id": sample["doc_id"], "kind": kind,
            "party_a": sample["source_code"], "party_b": sample["target_code"], "label": label, "status": status,
            "fact_date": sample["event_date"], "date_precision": sample["date_precision"],
            "sentence_index": sample["sentence_index"], "evidence": sample["trigger"],
        })


def _state_codes(gazetteer: Any) -> list[str]:
    return sorted(_state_names(gazetteer))


def _state_names(gazetteer: Any) -> dict[str, str]:
    return {s["code"]: s["name"] for s in _states(gazetteer)}


def _states(gazetteer: Any) -> list[dict[str, Any]]:
    from bilateral.actors import list_actors

    return [row for row in list_actors(gazetteer, "state") if len(row.get("code", "")) == 3]


def _word(rng: np.random.Generator) -> str:
    letters = "etaoinshrdlcumwfgypbvkjxqz"
    weights = np.array([12.7, 9.1, 8.2, 7.5, 7.0, 6.7, 6.3, 6.1, 6.0, 4.3, 4.0, 2.8, 2.8, 2.4, 2.4, 2.2, 2.0,
                        2.0, 1.9, 1.5, 1.0, 0.8, 0.15, 0.15, 0.1, 0.07])
    return "".join(rng.choice(list(letters), int(rng.integers(2, 11)), p=weights / weights.sum()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bilateral-synthetic.duckdb"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    made = build(args.out, args.events, args.seed)
    print(f"{args.out}: {made} ({args.out.stat().st_size / 1e9:.2f} GB)")


if __name__ == "__main__":
    main()
