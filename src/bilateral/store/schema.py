"""The DuckDB schema, as numbered migrations. docs/store.md describes every table and column.

Each migration runs once, in order, inside a transaction, and is recorded in `schema_version`.
Never edit a released migration: add the next one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "documents, sentences, events and ledger facts", [
        """CREATE TABLE documents (
            doc_id VARCHAR NOT NULL,        -- the input's id, or a content hash when it had none
            content_hash VARCHAR NOT NULL,  -- sha1 of the text that was coded
            title VARCHAR, url VARCHAR, source VARCHAR,
            origin VARCHAR,                 -- where it was read: file, file:line
            pub_date DATE,
            translated BOOLEAN NOT NULL DEFAULT FALSE,
            text VARCHAR NOT NULL,
            coded_at TIMESTAMP NOT NULL,
            coder_version VARCHAR NOT NULL
        )""",
        """CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
            text VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL
        )""",
        """CREATE TABLE events (
            event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
            event_type VARCHAR NOT NULL, mode VARCHAR, contexts VARCHAR[],
            source_code VARCHAR, source_sector VARCHAR, source_text VARCHAR,
            target_code VARCHAR, target_sector VARCHAR, target_text VARCHAR,
            reciprocal BOOLEAN NOT NULL, cameo VARCHAR NOT NULL, goldstein DOUBLE NOT NULL,
            quad INTEGER NOT NULL, event_date VARCHAR, date_precision VARCHAR,
            negated BOOLEAN NOT NULL, modality VARCHAR NOT NULL, promised_type VARCHAR,
            location VARCHAR, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
            translated BOOLEAN NOT NULL DEFAULT FALSE
        )""",
        """CREATE TABLE ledger_facts (
            fact_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            party_a VARCHAR NOT NULL, party_b VARCHAR NOT NULL,
            label VARCHAR, status VARCHAR, fact_date VARCHAR, date_precision VARCHAR,
            sentence_index INTEGER NOT NULL, evidence VARCHAR
        )""",
    ]),
    (2, "rejected and skipped inputs", [
        """CREATE TABLE rejects (
            location VARCHAR NOT NULL,   -- file, file:line or file#record
            reason VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,       -- error | language | duplicate
            seen_at TIMESTAMP NOT NULL
        )""",
    ]),
    (3, "event clusters: one real-world event, every report of it", [
        # The same act (type, source, target) on the same day reported by several documents is one
        # event; each report stays a row of `events` (report level, as researchers ask for). Counts
        # follow GDELT's NumMentions / NumSources / NumArticles.
        """CREATE VIEW event_clusters AS
           SELECT md5(concat_ws('|', e.event_type, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
                                e.event_date)) AS cluster_id,
                  e.event_type, e.source_code, e.target_code, e.event_date, e.date_precision,
                  count(*) AS num_mentions,
                  count(DISTINCT coalesce(d.source, d.doc_id)) AS num_sources,
                  count(DISTINCT e.doc_id) AS num_articles,
                  list(e.event_id ORDER BY e.doc_id) AS event_ids,
                  min(e.cameo) AS cameo, avg(e.goldstein) AS goldstein, min(e.quad) AS quad
           FROM events e JOIN documents d USING (doc_id)
           WHERE e.date_precision = 'day'
           GROUP BY ALL""",
    ]),
    (7, "Parquet partitions imported from a cluster run or another machine", [
        # A partition is imported whole, once: `bilateral store import` skips those listed here,
        # so an interrupted import of a large corpus resumes where it stopped.
        """CREATE TABLE parquet_imports (
            partition VARCHAR NOT NULL,   -- file name shared by the partition's files (run and number)
            source VARCHAR NOT NULL,      -- the Parquet directory it was read from
            documents INTEGER NOT NULL, events INTEGER NOT NULL,
            imported_at TIMESTAMP NOT NULL
        )""",
    ]),
]

LATEST = MIGRATIONS[-1][0]
