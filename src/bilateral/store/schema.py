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
]

MIGRATIONS.append(
    (5, "event date spans and place words: date_start, date_end, location_text", [
        # A date is kept as written ("2022-09") with its precision; the span it covers makes
        # --since/--until and time series compare days with days (docs/json-output.md).
        "ALTER TABLE events ADD COLUMN date_start DATE",
        "ALTER TABLE events ADD COLUMN date_end DATE",
        "ALTER TABLE events ADD COLUMN location_text VARCHAR",
        """UPDATE events SET
             date_start = CASE date_precision
               WHEN 'day' THEN try_cast(event_date AS DATE)
               WHEN 'month' THEN try_cast(event_date || '-01' AS DATE)
               WHEN 'year' THEN try_cast(event_date || '-01-01' AS DATE) END,
             date_end = CASE date_precision
               WHEN 'day' THEN try_cast(event_date AS DATE)
               WHEN 'month' THEN last_day(try_cast(event_date || '-01' AS DATE))
               WHEN 'year' THEN try_cast(event_date || '-12-31' AS DATE) END""",
    ]),
)

# The highest number, not the last entry: migrations from parallel branches may sit out of order.
LATEST = max(version for version, _, _ in MIGRATIONS)
